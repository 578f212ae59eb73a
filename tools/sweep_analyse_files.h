#ifndef HERD_TOOLS_SWEEP_ANALYSE_FILES_H
#define HERD_TOOLS_SWEEP_ANALYSE_FILES_H

/* What the two analyses of herd sweep --analyse share: the runs.csv table (read by
 * tools/sweep_analyse.c) and the files they write (tools/sweep_analyse_files.c). The
 * regression analysis lives in tools/sweep_analyse.c, the Sobol indices of a Saltelli
 * design in tools/sweep_analyse_sobol.c. Not installed. */
#include <stdio.h>

#include <herd/compare.h>
#include <herd/error.h>
#include <herd/io.h>

#define ANALYSE_MAX_COLUMNS 128
#define ANALYSE_MAX_LABELS 64
/* A message of the library that may name runs.csv's path. */
#define ANALYSE_ERR_SIZE 4608
/* Columns of runs.csv: run, point, policy, rep, seed_hi, seed_lo, then the varied parameters. */
enum { ANALYSE_POINT = 1, ANALYSE_POLICY = 2, ANALYSE_REP = 3, ANALYSE_FIRST_FACTOR = 6 };

typedef struct analyse_table {
    char *names[ANALYSE_MAX_COLUMNS];
    int n_columns, n_factors, first_output; /* factors from ANALYSE_FIRST_FACTOR; "ticks" between */
    char *labels[ANALYSE_MAX_LABELS];
    int n_labels;
    double *values; /* rows x n_columns; the policy column holds the label's index */
    size_t *line;   /* line[r]: the line of runs.csv that row r was read from */
    long rows, cap;
    herd_sweep_rows runs; /* the point, rep and policy columns of values, for the library */
    long *point, *rep;
    size_t *policy;
} analyse_table;

/* DIR/sensitivity.csv, .md and .dat (the plot's data), written under temporary names that
 * become theirs only when all three are complete, and out, standard output, where the table
 * is printed as it is made: the rows of runs.csv are checked before these are opened. */
enum { ANALYSE_FILES = 3 };
typedef struct analyse_files {
    FILE *csv, *md, *dat, *out;
    herd_io_atomic *writers[ANALYSE_FILES];
} analyse_files;

/* 0, or HERD_EXIT_FAIL after saying which file could not be opened. */
int analyse_files_open(analyse_files *o, const char *dir);
/* With keep, puts the complete files in place and flushes out: 0, or HERD_EXIT_FAIL after
 * saying which write failed; without, removes them. */
int analyse_files_close(analyse_files *o, int keep);
/* separator and x for each of the n numbers, written as every CSV of herd writes them. */
void analyse_numbers(FILE *f, char separator, const double *x, int n);
/* Whether output column `name` is drawn in DIR/sensitivity.png. */
int analyse_is_plotted(const char *name);
/* gnuplot writing DIR/sensitivity.png, 1200 pixels wide, or NULL; the caller writes the
 * plot commands. */
FILE *analyse_plot_open(const char *dir, int height);
/* Draws; says once if there is no gnuplot to do it. */
void analyse_plot_close(FILE *g);

#endif
