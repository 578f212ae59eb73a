#include "scratch.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void scratch_make(char dir[SCRATCH_SIZE], const char *name)
{
    ck_assert_int_lt(snprintf(dir, SCRATCH_SIZE, "/tmp/herd_test_%s_XXXXXX", name),
                     SCRATCH_SIZE);
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

int scratch_count(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

void scratch_remove(const char *dir)
{
    char cmd[SCRATCH_SIZE + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
