/* Without libFuzzer, a fuzz target's main(): replays every file named on the command line, or
 * found in a folder named there, through LLVMFuzzerTestOneInput, so that the saved corpus
 * runs in every test run. Fails if a path cannot be read or no input was found. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "replay.h"

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *grown = realloc(buf, cap *= 2);
            if (grown == NULL)
                free(buf);
            buf = grown;
        }
    }
    fclose(f);
    if (buf == NULL)
        return 1;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static int replay(const char *path, int *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        ++*count;
        return replay_file(path);
    }
    DIR *d = opendir(path);
    if (d == NULL) {
        perror(path);
        return 1;
    }
    int bad = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        bad |= replay(sub, count);
    }
    closedir(d);
    return bad;
}

int main(int argc, char **argv)
{
    int bad = 0, count = 0;
    /* Whole paths first: a target may change the working folder. */
    char **paths = calloc((size_t)argc, sizeof *paths);
    for (int i = 1; paths != NULL && i < argc; i++)
        if ((paths[i] = realpath(argv[i], NULL)) == NULL) {
            perror(argv[i]);
            bad = 1;
        }
    for (int i = 1; paths != NULL && i < argc; i++)
        if (paths[i] != NULL)
            bad |= replay(paths[i], &count);
    for (int i = 1; paths != NULL && i < argc; i++)
        free(paths[i]);
    free(paths);
    printf("%s: replayed %d inputs\n", argv[0], count);
    return bad || count == 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
