/* What the two analyses of herd sweep --analyse share: their files and their plot. */
#include "sweep_analyse_files.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_files.h"

int analyse_files_open(analyse_files *o, const char *dir)
{
    const char *names[] = {"sensitivity.csv", "sensitivity.md", "sensitivity.dat"};
    FILE **slots[] = {&o->csv, &o->md, &o->dat};
    *o = (analyse_files){.out = stdout};
    for (size_t i = 0; i < ANALYSE_FILES; i++) {
        char path[4096], err[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (cli_file_open(&o->writers[i], path, NULL, err, sizeof err) != HERD_OK) {
            fprintf(stderr, "herd sweep: --analyse: %s\n", err);
            analyse_files_close(o, 0);
            return HERD_EXIT_FAIL;
        }
        *slots[i] = herd_io_atomic_file(o->writers[i]);
    }
    return 0;
}

int analyse_files_close(analyse_files *o, int keep)
{
    int rc = 0;
    for (size_t i = 0; i < ANALYSE_FILES; i++) {
        char err[512];
        if (!keep || rc != 0) {
            cli_file_abort(o->writers[i]);
        } else if (cli_file_commit(o->writers[i], err, sizeof err) != HERD_OK) {
            fprintf(stderr, "herd sweep: --analyse: %s\n", err);
            rc = HERD_EXIT_FAIL;
        }
    }
    if (keep && rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "herd sweep: --analyse: writing the table to standard output failed\n");
        rc = HERD_EXIT_FAIL;
    }
    *o = (analyse_files){0};
    return rc;
}

void analyse_numbers(FILE *f, char separator, const double *x, int n)
{
    for (int i = 0; i < n; i++) {
        fputc(separator, f);
        herd_io_csv_number(f, x[i]);
    }
}

int analyse_is_plotted(const char *name)
{
    const char *plotted[] = {"performance_total", "innovation_total", "morale_mean"};
    for (size_t i = 0; i < sizeof plotted / sizeof plotted[0]; i++)
        if (strcmp(name, plotted[i]) == 0)
            return 1;
    return 0;
}

FILE *analyse_plot_open(const char *dir, int height)
{
    FILE *g = popen("gnuplot 2>/dev/null", "w");
    if (g != NULL)
        fprintf(g, "set terminal pngcairo noenhanced size 1200,%d\n"
                   "set output '%s/sensitivity.png'\n", height, dir);
    return g;
}

void analyse_plot_close(FILE *g)
{
    if (g == NULL || pclose(g) != 0)
        fprintf(stderr, "herd sweep: --analyse: no plot (is gnuplot with pngcairo installed?)\n");
}
