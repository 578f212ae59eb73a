/* herd sweep --analyse for a Saltelli design: first-order and total Sobol indices of every
 * output, per policy, with 95% bootstrap intervals (herd_sweep_rows_sobol,
 * include/herd/compare.h). f at a point is the mean of the output over the point's
 * replications: the indices share out the variance of the expected output, and the
 * replications' noise shrinks with their number. The runs of one base sample share their
 * seeds, so a parameter the model ignores gets exactly 0. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "herd/compare.h"
#include "sweep_analyse_sobol.h"

#define BOOTSTRAP_RESAMPLES 500
#define BOOTSTRAP_SEED 2010
#define PLOT_HEIGHT 900

static void write_heads(analyse_files *o, long base)
{
    fprintf(o->csv, "policy,output,parameter,first,first_lo,first_hi,total,total_lo,total_hi\n");
    fprintf(o->out, "%-10s %-24s %-24s %8s %-18s %8s %-18s\n", "policy", "output", "parameter", "S",
           " 95% interval", "ST", " 95% interval");
    fprintf(o->md, "# Sensitivity: Sobol indices\n\n"
                   "First-order (S) and total (ST) indices from a Saltelli design of %ld base "
                   "samples, with 95%% bootstrap intervals over %d resamples.\n\n"
                   "| policy | output | parameter | S | S 95%% | ST | ST 95%% |\n"
                   "|---|---|---|---|---|---|---|\n",
            base, BOOTSTRAP_RESAMPLES);
}

static void write_indices(const analyse_table *t, analyse_files *o, int label, int c,
                          const herd_sobol_index *x)
{
    const char *policy = t->labels[label], *out = t->names[c];
    int plotted = analyse_is_plotted(out);
    if (plotted)
        fprintf(o->dat, "\"%s %s\"", policy, out);
    for (int f = 0; f < t->n_factors; f++) {
        const herd_sobol_index *i = &x[f];
        const char *param = t->names[ANALYSE_FIRST_FACTOR + f];
        fprintf(o->out, "%-10s %-24s %-24s %8.4f [%7.4f, %7.4f] %8.4f [%7.4f, %7.4f]\n", policy,
                out, param, i->first, i->first_lo, i->first_hi, i->total, i->total_lo,
                i->total_hi);
        fprintf(o->md, "| %s | %s | %s | %.4f | [%.4f, %.4f] | %.4f | [%.4f, %.4f] |\n", policy,
                out, param, i->first, i->first_lo, i->first_hi, i->total, i->total_lo,
                i->total_hi);
        fprintf(o->csv, "%s,%s,%s", policy, out, param);
        const double six[] = {i->first, i->first_lo, i->first_hi,
                              i->total, i->total_lo, i->total_hi};
        analyse_numbers(o->csv, ',', six, 6);
        fputc('\n', o->csv);
        if (plotted)
            analyse_numbers(o->dat, ' ', six, 6);
    }
    if (plotted)
        fprintf(o->dat, "\n");
}

/* One panel: each factor's index (column `first` of its six in sensitivity.dat) and its
 * interval as error bars. */
static void plot_panel(FILE *g, const analyse_table *t, const char *dir, int first,
                       const char *title)
{
    fprintf(g, "set title '%s'\nplot ", title);
    for (int f = 0; f < t->n_factors; f++) {
        int column = 2 + 6 * f + first;
        fprintf(g, "%s'%s/sensitivity.dat' using %d:%d:%d:xtic(1) title '%s'", f ? ", " : "",
                dir, column, column + 1, column + 2, t->names[ANALYSE_FIRST_FACTOR + f]);
    }
    fprintf(g, "\n");
}

static void plot(const analyse_table *t, const char *dir)
{
    FILE *g = analyse_plot_open(dir, PLOT_HEIGHT);
    if (g == NULL) {
        analyse_plot_close(g);
        return;
    }
    fprintf(g, "set style data histograms\nset style histogram errorbars gap 1 lw 1\n"
               "set style fill solid border -1\nset xzeroaxis\nset xtics rotate by -30\n"
               "set key outside\nset multiplot layout 2,1\n");
    plot_panel(g, t, dir, 0, "First-order Sobol index S (95% bootstrap interval)");
    plot_panel(g, t, dir, 3, "Total Sobol index ST (95% bootstrap interval)");
    fprintf(g, "unset multiplot\n");
    analyse_plot_close(g);
}

/* Every design point of every policy has a run (herd_sweep_rows_output): found before
 * anything is written, so that an unfinished sweep prints nothing. 0, or an exit status after
 * saying why not. */
static int check_points(const analyse_table *t, long points)
{
    double *f = malloc((size_t)points * sizeof *f);
    char err[ANALYSE_ERR_SIZE];
    herd_status rc = f != NULL ? HERD_OK : HERD_ENOMEM;
    snprintf(err, sizeof err, "out of memory");
    for (int label = 0; rc == HERD_OK && label < t->n_labels && t->first_output < t->n_columns;
         label++)
        rc = herd_sweep_rows_output(&t->runs, t->values + t->first_output, (size_t)t->n_columns,
                                    (size_t)label, HERD_SWEEP_NO_OTHER, points, f, err,
                                    sizeof err);
    free(f);
    if (rc == HERD_OK)
        return 0;
    fprintf(stderr, "herd sweep: --analyse: %s%s\n", err,
            rc == HERD_ENOTFOUND ? ": is the sweep finished?" : "");
    return rc == HERD_ENOMEM ? HERD_EXIT_FAIL : HERD_EXIT_USAGE;
}

/* The indices of every output of every policy (herd_sweep_rows_sobol), written as they
 * come. */
static int write_all(const analyse_table *t, analyse_files *o)
{
    herd_sobol_index x[ANALYSE_MAX_COLUMNS];
    char err[ANALYSE_ERR_SIZE];
    for (int label = 0; label < t->n_labels; label++)
        for (int c = t->first_output; c < t->n_columns; c++) {
            herd_status rc = herd_sweep_rows_sobol(
                &t->runs, t->values + c, (size_t)t->n_columns, (size_t)t->n_factors,
                (size_t)label, HERD_SWEEP_NO_OTHER, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, x, err,
                sizeof err);
            if (rc != HERD_OK) {
                fprintf(stderr, "herd sweep: --analyse: %s: %s\n", t->names[c], err);
                return rc == HERD_ENOMEM ? HERD_EXIT_FAIL : HERD_EXIT_USAGE;
            }
            write_indices(t, o, label, c, x);
        }
    return 0;
}

int analyse_sobol(const analyse_table *t, const char *dir)
{
    long base = herd_sweep_rows_base_samples(&t->runs, (size_t)t->n_factors);
    if (base < 2) {
        fprintf(stderr, "herd sweep: --analyse: %s/runs.csv: not a Saltelli design of at least "
                "2 base samples of %d points each\n", dir, t->n_factors + 2);
        return HERD_EXIT_USAGE;
    }
    int rc = check_points(t, base * (t->n_factors + 2));
    analyse_files o;
    if (rc == 0 && (rc = analyse_files_open(&o, dir)) == 0) {
        write_heads(&o, base);
        rc = write_all(t, &o);
        if (analyse_files_close(&o, rc == 0) != 0)
            rc = HERD_EXIT_FAIL;
    }
    if (rc == 0)
        plot(t, dir);
    return rc;
}
