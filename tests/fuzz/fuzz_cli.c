/* Fuzzes the herd program's command line. Each input is a command line, one argument a line
 * (argv[0] is "herd"), handed to the program's own main (built as herd_cli_main) in a scratch
 * folder that holds two small scenarios, s.ini and styles.ini. Every command must end with
 * exit status 0, 1 or 2; the sanitizers catch the rest. So that each input runs in
 * milliseconds and stays in the scratch folder, an input is skipped if an argument holds a
 * number of three digits or more, an exponent, a '/', or starts with "..". With
 * -Dfuzz=enabled under clang this is a libFuzzer target (run it with -close_fd_mask=3);
 * otherwise tests/fuzz/replay.c replays tests/fuzz/cli. */
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay.h"

int herd_cli_main(int argc, char **argv);

#define MAX_ARGS 24
#define MAX_INPUT 4096

static const char small_scenario[] = "[run]\nticks = 3\nreps = 2\nseed = 4\n"
                                     "[organisation]\nn_teams = 2\nteam_size = 2\n"
                                     "[event.storm]\nkind = crisis\nstart = 1\nlength = 1\n"
                                     "intensity = 0.5\n";
static const char styles_scenario[] = "[run]\nticks = 3\nreps = 2\npolicy = coach\n"
                                      "[organisation]\nn_teams = 2\nteam_size = 2\n"
                                      "[style.coach]\nbase = behind\ndirection = 0.2\n";

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_cli: %s\n", what);
        abort();
    }
}

static void put(const char *name, const char *text)
{
    FILE *f = fopen(name, "w");
    require(f != NULL && fputs(text, f) >= 0 && fclose(f) == 0, "cannot write a scenario");
}

static char dir[64];

static int remove_any(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void leave_scratch(void)
{
    nftw(dir, remove_any, 16, FTW_DEPTH | FTW_PHYS);
}

/* Into a scratch folder of its own, removed at exit, with the scenarios and a small memory
 * limit. */
static void enter_scratch(void)
{
    static int entered;
    if (entered)
        return;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/herd-fuzz-cli-XXXXXX", base);
    require(mkdtemp(dir) != NULL && chdir(dir) == 0, "cannot make the scratch folder");
    put("s.ini", small_scenario);
    put("styles.ini", styles_scenario);
    setenv("HERD_MEMORY_LIMIT", "50000000", 1);
    setenv("HERD_GNUPLOT", "/nonexistent/gnuplot", 1);
    atexit(leave_scratch);
    entered = 1;
}

static int remove_output(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    if (ftw->level > 0 && strcmp(path, "./s.ini") != 0 && strcmp(path, "./styles.ini") != 0)
        remove(path);
    return 0;
}

/* Arguments that could run long or reach outside the scratch folder. */
static int out_of_bounds(const char *arg)
{
    if (strchr(arg, '/') != NULL || strncmp(arg, "..", 2) == 0)
        return 1;
    int digits = 0;
    for (const char *c = arg; *c != '\0'; c++) {
        digits = isdigit((unsigned char)*c) ? digits + 1 : 0;
        if (digits >= 3 || ((*c == 'e' || *c == 'E') && c > arg && isdigit((unsigned char)c[-1])))
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT || memchr(data, '\0', size) != NULL)
        return 0;
    char text[MAX_INPUT + 1];
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[MAX_ARGS + 2] = {"herd"};
    int argc = 1;
    for (char *line = text; line != NULL && argc <= MAX_ARGS && size > 0;) {
        char *end = strchr(line, '\n');
        if (end != NULL)
            *end = '\0';
        if (out_of_bounds(line))
            return 0;
        argv[argc++] = line;
        line = end != NULL && end[1] != '\0' ? end + 1 : NULL;
    }
    argv[argc] = NULL;
    enter_scratch();
    int rc = herd_cli_main(argc, argv);
    require(rc == 0 || rc == 1 || rc == 2, "an exit status other than 0, 1 or 2");
    fflush(stdout);
    nftw(".", remove_output, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
