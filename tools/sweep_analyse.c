/* herd sweep --analyse DIR: how much each varied parameter matters to each output, per
 * policy. A Saltelli design gets Sobol indices (tools/sweep_analyse_sobol.c); the others get
 * standardised regression coefficients and R^2 over every run (herd_sweep_rows_src,
 * include/herd/compare.h). This file reads runs.csv and writes the tables and the plot; the
 * whole of runs.csv is read here: this is an after-the-fact step. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_files.h"
#include "herd/design.h"
#include "sweep_analyse.h"
#include "sweep_analyse_files.h"
#include "sweep_analyse_sobol.h"

static int split(char *line, char **fields, int max)
{
    int n = 0;
    for (char *at = line; n < max;) {
        fields[n++] = at;
        char *comma = strchr(at, ',');
        if (comma == NULL)
            break;
        *comma = '\0';
        at = comma + 1;
    }
    return n;
}

static int read_header(analyse_table *t, char *line)
{
    char *fields[ANALYSE_MAX_COLUMNS];
    t->n_columns = split(line, fields, ANALYSE_MAX_COLUMNS);
    int ticks = -1;
    for (int c = 0; c < t->n_columns; c++) {
        if ((t->names[c] = strdup(fields[c])) == NULL)
            return -1;
        if (strcmp(fields[c], "ticks") == 0 && ticks < 0)
            ticks = c;
    }
    if (t->n_columns < ANALYSE_FIRST_FACTOR + 2 || strcmp(fields[ANALYSE_POLICY], "policy") != 0 ||
        ticks < 0)
        return -1;
    t->n_factors = ticks - ANALYSE_FIRST_FACTOR;
    t->first_output = ticks + 1;
    return 0;
}

static int label_index(analyse_table *t, const char *label)
{
    for (int i = 0; i < t->n_labels; i++)
        if (strcmp(t->labels[i], label) == 0)
            return i;
    if (t->n_labels == ANALYSE_MAX_LABELS || (t->labels[t->n_labels] = strdup(label)) == NULL)
        return -1;
    return t->n_labels++;
}

/* Room for one more row in t: 0, or -1 out of memory. */
static int grow(analyse_table *t)
{
    if (t->rows < t->cap)
        return 0;
    long cap = t->cap ? 2 * t->cap : 1024;
    double *grown = realloc(t->values, (size_t)cap * (size_t)t->n_columns * sizeof *grown);
    if (grown != NULL)
        t->values = grown;
    size_t *lines = realloc(t->line, (size_t)cap * sizeof *lines);
    if (lines != NULL)
        t->line = lines;
    if (grown == NULL || lines == NULL)
        return -1;
    t->cap = cap;
    return 0;
}

/* A design point or replication number: whole, at least 0, and within a long. */
static int is_count(double v)
{
    return v >= 0 && v < 0x1p63 && v == floor(v);
}

/* Line lineno of path, text, as a row of t: 0, or an exit status after saying why not. */
static int read_row(analyse_table *t, char *text, const char *path, size_t lineno)
{
    char *fields[ANALYSE_MAX_COLUMNS];
    int n = split(text, fields, ANALYSE_MAX_COLUMNS);
    if (n != t->n_columns)
        return cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: line %zu: %d fields, but the "
                       "header has %d", path, lineno, n, t->n_columns);
    if (grow(t) != 0)
        return cli_say("sweep", HERD_EXIT_FAIL, "--analyse: out of memory");
    double *row = t->values + t->rows * t->n_columns;
    for (int c = 0; c < t->n_columns; c++) {
        char *end = fields[c];
        if (c != ANALYSE_POLICY)
            row[c] = strtod(fields[c], &end);
        if (c != ANALYSE_POLICY && (end == fields[c] || *end != '\0'))
            return cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: line %zu: %s \"%s\" is "
                           "not a number", path, lineno, t->names[c], fields[c]);
        if ((c == ANALYSE_POINT || c == ANALYSE_REP) && !is_count(row[c]))
            return cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: line %zu: %s \"%s\" is "
                           "not a whole number from 0 to %ld", path, lineno, t->names[c],
                           fields[c], LONG_MAX);
        /* Found here, before a table is printed: a parameter or output that is NaN or
         * infinite would leave every coefficient of its output meaningless. */
        if (c >= ANALYSE_FIRST_FACTOR && !isfinite(row[c]))
            return cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: line %zu: %s \"%s\" is "
                           "not a finite number", path, lineno, t->names[c], fields[c]);
    }
    if ((row[ANALYSE_POLICY] = label_index(t, fields[ANALYSE_POLICY])) < 0)
        return cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: line %zu: more than %d "
                       "policies", path, lineno, ANALYSE_MAX_LABELS);
    t->line[t->rows++] = lineno;
    return 0;
}

static int read_table(analyse_table *t, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: %s", path, strerror(errno));
    char *text = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&text, &cap, f)) > 0) {
        if (text[len - 1] == '\n')
            text[len - 1] = '\0';
        if (++lineno > 1)
            rc = read_row(t, text, path, lineno);
        else if (read_header(t, text) != 0)
            rc = cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: line 1: not the header of "
                         "a sweep's runs.csv", path);
    }
    free(text);
    fclose(f);
    if (rc == 0 && lineno < 2)
        rc = cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s: no rows", path);
    return rc;
}

static void free_runs(analyse_table *t)
{
    free(t->point);
    free(t->rep);
    free(t->policy);
    t->point = t->rep = NULL;
    t->policy = NULL;
}

static void free_table(analyse_table *t)
{
    for (int c = 0; c < t->n_columns; c++)
        free(t->names[c]);
    for (int i = 0; i < t->n_labels; i++)
        free(t->labels[i]);
    free(t->values);
    free(t->line);
    free_runs(t);
}

/* t->runs made from the point, rep and policy columns of t's rows as they now are, read from
 * path, and checked to be one sweep's (herd_sweep_rows_check) before anything is written. */
static int index_runs(analyse_table *t, const char *path)
{
    size_t n = (size_t)t->rows;
    free_runs(t);
    t->point = malloc(n * sizeof *t->point);
    t->rep = malloc(n * sizeof *t->rep);
    t->policy = malloc(n * sizeof *t->policy);
    if (t->point == NULL || t->rep == NULL || t->policy == NULL) {
        fprintf(stderr, "herd sweep: --analyse: out of memory\n");
        return HERD_EXIT_FAIL;
    }
    for (size_t r = 0; r < n; r++) {
        const double *row = t->values + r * (size_t)t->n_columns;
        t->point[r] = (long)row[ANALYSE_POINT];
        t->rep[r] = (long)row[ANALYSE_REP];
        t->policy[r] = (size_t)row[ANALYSE_POLICY];
    }
    t->runs = (herd_sweep_rows){n, t->point, t->rep, t->policy, (const char *const *)t->labels,
                                (size_t)t->n_labels, path, t->line};
    char err[ANALYSE_ERR_SIZE];
    herd_status rc = herd_sweep_rows_check(&t->runs, err, sizeof err);
    if (rc != HERD_OK)
        return cli_say("sweep", rc == HERD_ENOMEM ? HERD_EXIT_FAIL : HERD_EXIT_USAGE,
                       "--analyse: %s", err);
    return 0;
}

static void write_heads(const analyse_table *t, analyse_files *o)
{
    fprintf(o->csv, "policy,output,parameter,src,r2\n");
    fprintf(o->out, "%-10s %-24s %6s", "policy", "output", "R^2");
    fprintf(o->md, "# Sensitivity: standardised regression coefficients\n\n"
                   "| policy | output | R² |");
    for (int f = 0; f < t->n_factors; f++) {
        fprintf(o->out, " %16s", t->names[ANALYSE_FIRST_FACTOR + f]);
        fprintf(o->md, " %s |", t->names[ANALYSE_FIRST_FACTOR + f]);
    }
    fputc('\n', o->out);
    fprintf(o->md, "\n|---|---|---|");
    for (int f = 0; f < t->n_factors; f++)
        fprintf(o->md, "---|");
    fprintf(o->md, "\n");
}

static void write_fit(const analyse_table *t, analyse_files *o, int label, int c, const double *src,
                      double r2)
{
    const char *policy = t->labels[label], *out = t->names[c];
    fprintf(o->out, "%-10s %-24s %6.3f", policy, out, r2);
    fprintf(o->md, "| %s | %s | %.3f |", policy, out, r2);
    int plotted = analyse_is_plotted(out);
    if (plotted)
        fprintf(o->dat, "\"%s %s\"", policy, out);
    for (int f = 0; f < t->n_factors; f++) {
        fprintf(o->out, " %16.4f", src[f]);
        fprintf(o->md, " %.4f |", src[f]);
        fprintf(o->csv, "%s,%s,%s", policy, out, t->names[ANALYSE_FIRST_FACTOR + f]);
        analyse_numbers(o->csv, ',', (const double[]){src[f], r2}, 2);
        fputc('\n', o->csv);
        if (plotted)
            analyse_numbers(o->dat, ' ', (const double[]){fabs(src[f])}, 1);
    }
    fputc('\n', o->out);
    fprintf(o->md, "\n");
    if (plotted)
        fprintf(o->dat, "\n");
}

static void plot(const analyse_table *t, const char *dir)
{
    FILE *g = analyse_plot_open(dir, 600);
    if (g == NULL) {
        analyse_plot_close(g);
        return;
    }
    fprintf(g, "set style data histograms\nset style histogram clustered gap 1\n"
               "set style fill solid border -1\nset ylabel '|SRC|'\nset yrange [0:*]\n"
               "set xtics rotate by -30\nset key outside\n"
               "set title 'Sensitivity of each output to each varied parameter'\nplot ");
    for (int f = 0; f < t->n_factors; f++)
        fprintf(g, "%s'%s/sensitivity.dat' using %d:xtic(1) title '%s'", f ? ", " : "", dir,
                f + 2, t->names[ANALYSE_FIRST_FACTOR + f]);
    fprintf(g, "\n");
    analyse_plot_close(g);
}

/* The SRCs of every output of label (herd_sweep_rows_src), written as they come; an output
 * with too few runs to fit, or whose fit fails, is left out. */
static int write_label(const analyse_table *t, analyse_files *o, int label)
{
    double src[ANALYSE_MAX_COLUMNS], r2;
    char err[ANALYSE_ERR_SIZE];
    size_t columns = (size_t)t->n_columns;
    for (int c = t->first_output; c < t->n_columns; c++) {
        herd_status rc = herd_sweep_rows_src(&t->runs, t->values + c, columns,
                                             t->values + ANALYSE_FIRST_FACTOR, columns,
                                             (size_t)t->n_factors, (size_t)label,
                                             HERD_SWEEP_NO_OTHER, src, &r2, err, sizeof err);
        if (rc == HERD_OK)
            write_fit(t, o, label, c, src, r2);
        else if (rc != HERD_ERANGE)
            return cli_say("sweep", rc == HERD_ENOMEM ? HERD_EXIT_FAIL : HERD_EXIT_USAGE,
                           "--analyse: %s: %s", t->names[c], err);
    }
    return 0;
}

static int analyse_src(const analyse_table *t, const char *dir)
{
    analyse_files o;
    int rc = analyse_files_open(&o, dir);
    if (rc != 0)
        return rc;
    write_heads(t, &o);
    for (int label = 0; rc == 0 && label < t->n_labels; label++)
        rc = write_label(t, &o, label);
    if (analyse_files_close(&o, rc == 0) != 0)
        rc = HERD_EXIT_FAIL;
    if (rc == 0)
        plot(t, dir);
    return rc;
}

/* The design named in DIR/sweep.args; a grid's analysis if there is none. */
static herd_design_kind read_design(const char *dir)
{
    char path[4096], line[256], name[64];
    snprintf(path, sizeof path, "%s/sweep.args", dir);
    herd_design_kind kind = HERD_DESIGN_GRID;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return kind;
    int found = 0;
    while (!found && fgets(line, sizeof line, f) != NULL)
        found = sscanf(line, "design %63s", name) == 1;
    fclose(f);
    if (found && herd_design_kind_parse(name, &kind) != HERD_OK)
        kind = HERD_DESIGN_GRID;
    return kind;
}

/* Something to measure by a regression (herd_sweep_rows_spread): more than one design point,
 * and no varied parameter that keeps one value. A Saltelli design of fewer than two base
 * samples is refused by its own check. */
static int check_spread(const analyse_table *t)
{
    char err[ANALYSE_ERR_SIZE];
    if (herd_sweep_rows_spread(&t->runs, t->values + ANALYSE_FIRST_FACTOR, (size_t)t->n_columns,
                               (size_t)t->n_factors,
                               (const char *const *)t->names + ANALYSE_FIRST_FACTOR, err,
                               sizeof err) != HERD_OK)
        return cli_say("sweep", HERD_EXIT_USAGE, "--analyse: %s", err);
    return 0;
}

/* The columns before the outputs of row i of out: those of t's row row_of[i], with label 0. */
static void copy_keys(const analyse_table *t, const size_t *row_of, size_t n, double *out)
{
    size_t columns = (size_t)t->n_columns;
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < t->first_output; c++)
            out[i * columns + (size_t)c] = t->values[row_of[i] * columns + (size_t)c];
        out[i * columns + ANALYSE_POLICY] = 0;
    }
}

/* t's rows of policy p made into their paired differences p - q (include/herd/compare.h,
 * herd_sweep_rows_runs), under one label "p-q"; a status of the library. */
static int difference_rows(analyse_table *t, int p, int q, char *err, size_t err_size)
{
    size_t columns = (size_t)t->n_columns, n = 0;
    double *out = malloc((size_t)t->rows * columns * sizeof *out);
    double *d = malloc((size_t)t->rows * sizeof *d);
    size_t *row_of = malloc((size_t)t->rows * sizeof *row_of);
    size_t *lines = malloc((size_t)t->rows * sizeof *lines);
    int rc = out != NULL && d != NULL && row_of != NULL && lines != NULL ? HERD_OK : HERD_ENOMEM;
    if (rc == HERD_OK && t->first_output == t->n_columns)
        rc = HERD_ENOTFOUND;
    for (int c = t->first_output; rc == HERD_OK && c < t->n_columns; c++) {
        rc = herd_sweep_rows_runs(&t->runs, t->values + c, columns, (size_t)p, (size_t)q, d,
                                  row_of, &n, err, err_size);
        for (size_t i = 0; rc == HERD_OK && i < n; i++)
            out[i * columns + (size_t)c] = d[i];
    }
    if (rc == HERD_OK) {
        copy_keys(t, row_of, n, out);
        for (size_t i = 0; i < n; i++)
            lines[i] = t->line[row_of[i]];
        free(t->values);
        free(t->line);
        t->values = out;
        t->line = lines;
        t->rows = t->cap = (long)n;
        out = NULL;
        lines = NULL;
    }
    free(out);
    free(lines);
    free(d);
    free(row_of);
    return rc;
}

/* The policy of t named name, or -1 after saying that it is not one of them. */
static int find_policy(const analyse_table *t, const char *path, const char *pair,
                       const char *name)
{
    for (int i = 0; i < t->n_labels; i++)
        if (strcmp(t->labels[i], name) == 0)
            return i;
    fprintf(stderr, "herd sweep: --difference %s: %s is not among the policies of %s: ", pair,
            name, path);
    for (int i = 0; i < t->n_labels; i++)
        fprintf(stderr, "%s%s", i > 0 ? ", " : "", t->labels[i]);
    fputc('\n', stderr);
    return -1;
}

/* --difference P,Q: the table becomes P's paired differences from Q, labelled "P-Q". */
static int make_difference(analyse_table *t, const char *path, const char *pair)
{
    char buf[256];
    const char *names[2];
    size_t n = 0;
    if (cli_list("sweep", "--difference", pair, buf, sizeof buf, names, 2, &n) != 0)
        return HERD_EXIT_USAGE;
    if (n != 2)
        return cli_usage_error("sweep", "--difference %s: expected two policies, as P,Q", pair);
    int p = find_policy(t, path, pair, names[0]);
    int q = p < 0 ? -1 : find_policy(t, path, pair, names[1]);
    if (p < 0 || q < 0)
        return HERD_EXIT_USAGE;
    char err[ANALYSE_ERR_SIZE];
    char *label = malloc(strlen(pair) + 1);
    int rc = label != NULL ? difference_rows(t, p, q, err, sizeof err) : HERD_ENOMEM;
    if (rc != HERD_OK) {
        free(label);
        if (rc == HERD_ENOTFOUND)
            fprintf(stderr, "herd sweep: --difference %s: no runs of %s and %s share a point "
                            "and replication in %s\n", pair, t->labels[p], t->labels[q], path);
        else
            fprintf(stderr, "herd sweep: --difference %s: %s\n", pair,
                    rc == HERD_ENOMEM ? "out of memory" : err);
        return rc == HERD_ENOMEM ? HERD_EXIT_FAIL : HERD_EXIT_USAGE;
    }
    snprintf(label, strlen(pair) + 1, "%s-%s", t->labels[p], t->labels[q]);
    for (int i = 0; i < t->n_labels; i++)
        free(t->labels[i]);
    t->labels[0] = label;
    t->n_labels = 1;
    return index_runs(t, path);
}

int herd_sweep_analyse(const char *dir, const char *difference)
{
    char path[4096];
    if (*dir == '\0') {
        fprintf(stderr, "herd sweep: --analyse needs a folder name\n");
        return HERD_EXIT_USAGE;
    }
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    analyse_table t = {0};
    int rc = read_table(&t, path);
    if (rc == 0)
        rc = index_runs(&t, path);
    if (rc == 0 && difference != NULL)
        rc = make_difference(&t, path, difference);
    if (rc == 0 && t.n_factors == 0) {
        fprintf(stderr, "herd sweep: --analyse: %s varies no parameter\n", path);
        rc = HERD_EXIT_USAGE;
    }
    int saltelli = read_design(dir) == HERD_DESIGN_SALTELLI;
    if (rc == 0 && !saltelli)
        rc = check_spread(&t);
    if (rc == 0)
        rc = saltelli ? analyse_sobol(&t, dir) : analyse_src(&t, dir);
    free_table(&t);
    return rc;
}
