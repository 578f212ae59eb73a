/* Fuzzes the scenario parser. With -Dfuzz=enabled under clang this is a libFuzzer target;
 * otherwise main() replays every file named on the command line (or found in a folder
 * named there), so the saved corpus runs in every test run. Each input must either parse
 * into a scenario that validates, or fail with *out NULL and a message. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "herd/herd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_scenario: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    herd_scenario *s = NULL;
    char err[512] = "";
    int rc = herd_scenario_parse(&s, (const char *)data, size, "fuzz.ini", err, sizeof err);
    if (rc != HERD_OK) {
        require(s == NULL, "a failed parse returned a scenario");
        require(rc < 0, "a failure status is not negative");
        require(strncmp(err, "fuzz.ini", 8) == 0, "a failure message lacks the file name");
        return 0;
    }
    require(s != NULL, "a good parse returned no scenario");
    require(herd_scenario_validate(s, err, sizeof err) == HERD_OK, "parsed but not valid");
    require(herd_scenario_policy_label(s, NULL) != NULL, "no policy label");
    require(herd_scenario_memory(s) > 0, "no memory estimate");
    herd_scenario_free(s);
    return 0;
}

#ifndef HERD_FUZZ_LIBFUZZER
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
    for (int i = 1; i < argc; i++)
        bad |= replay(argv[i], &count);
    printf("fuzz_scenario: replayed %d inputs\n", count);
    return bad || count == 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
#endif
