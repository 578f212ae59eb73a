/* herd compare: plots drawn by gnuplot from the CSV files. The script is kept in the output
 * folder (plots.gp) so a user can restyle and redraw; herd runs it with part set, so every
 * image is drawn under a temporary name and renamed only when gnuplot succeeded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_gnuplot.h"
#include "cli_files.h"
#include "compare_plot.h"
#include "compare_write.h"


/* ColorBrewer "Paired": a dark shade for lines, a light one for map cells, per policy. */
static const char *const dark[] = {"#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928"};
static const char *const light[] = {"#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99"};
enum { N_COLOURS = sizeof dark / sizeof dark[0] };

/* The gnuplot variables policies and dark: the arms' names and colours. */
static void script_policies(FILE *f, const herd_compare *c)
{
    fputs("policies = \"", f);
    for (size_t p = 0; p < herd_compare_n_policies(c); p++)
        fprintf(f, "%s%s", p ? " " : "", herd_compare_policy_name(c, p));
    fputs("\"\ndark = \"", f);
    for (size_t p = 0; p < herd_compare_n_policies(c); p++)
        fprintf(f, "%s%s", p ? " " : "", dark[p % N_COLOURS]);
    fputs("\"\n", f);
}

static void script_preamble(FILE *f)
{
    fputs("# Drawn by herd compare. Redraw with: gnuplot plots.gp (in this folder).\n"
          "if (!exists(\"part\")) part = \"\"\n"
          "set datafile separator comma\n"
          "set datafile missing \"NA\"\n"
          "if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
          "    png = \"set terminal pngcairo noenhanced size 900,720 font 'sans,10'\"\n"
          "} else {\n"
          "    png = \"set terminal png noenhanced size 900,720\"\n"
          "}\n"
          "svg = \"set terminal svg noenhanced size 900,720 dynamic font 'sans,10'\"\n", f);
    fputs("sel(p, c) = strcol(1) eq p ? column(c) : NaN\n"
          "set key left top\n"
          "set autoscale xfix\n"
          "set grid\n", f);
}

/* One panel of the series: the band of column c+1..c+2 and the mean in column c. */
static void series_panel(FILE *f, const char *file, int column, const char *title,
                         const char *ylabel)
{
    fprintf(f,
            "    set title \"%s\"\n"
            "    set ylabel \"%s\"\n"
            "    plot for [i=1:words(policies)] \"%s\" using 2:(sel(word(policies,i),%d)):"
            "(sel(word(policies,i),%d)) with filledcurves lc rgb word(dark,i) "
            "fs transparent solid 0.2 noborder notitle, \\\n"
            "         for [i=1:words(policies)] \"%s\" using 2:(sel(word(policies,i),%d)) "
            "with lines lc rgb word(dark,i) lw 2 title word(policies,i)\n",
            title, ylabel, file, column + 1, column + 2, file, column);
}

/* Columns of series_<name>.csv: policy, tick, n, then mean/low/high of innovation_cum,
 * performance, morale, skill. */
enum { COL_INNOVATION = 4, COL_MORALE = 10 };

static void script_scenario(FILE *f, const cmp_scenario *s)
{
    char file[CMP_NAME + 16];
    snprintf(file, sizeof file, "series_%s.csv", s->name);
    fputc('\n', f);
    script_policies(f, s->result);
    fprintf(f,
            "\ndo for [ext in \"png svg\"] {\n"
            "    eval(ext eq \"png\" ? png : svg)\n"
            "    set output \"compare_%s.\".ext.part\n"
            "    set multiplot layout 2,1 title \"%s: mean and 95%% interval over %ld "
            "replications\"\n"
            "    set xlabel \"\"\n",
            s->name, s->name, herd_compare_n_reps(s->result));
    series_panel(f, file, COL_INNOVATION, "cumulative innovation", "innovations");
    fputs("    set xlabel \"tick (week)\"\n", f);
    series_panel(f, file, COL_MORALE, "morale", "mean engagement");
    fputs("    unset multiplot\n"
          "    set output\n"
          "}\n", f);
}

/* The half distance between the first two values of an axis, for the cells' edges. */
static double half_step(const herd_regime *rm, int axis)
{
    if (herd_regime_steps(rm, axis) < 2)
        return 0.5;
    return (herd_regime_axis_value(rm, axis, 1) - herd_regime_axis_value(rm, axis, 0)) / 2;
}

static void script_range(FILE *f, const herd_regime *rm, int axis)
{
    double d = half_step(rm, axis);
    long last = herd_regime_steps(rm, axis) - 1;
    char lo[HERD_IO_NUMBER_SIZE], hi[HERD_IO_NUMBER_SIZE];
    herd_io_number(herd_regime_axis_value(rm, axis, 0) - d, lo);
    herd_io_number(herd_regime_axis_value(rm, axis, last) + d, hi);
    fprintf(f, "set %srange [%s:%s]\n", axis == 0 ? "x" : "y", lo, hi);
}

/* Columns of regime.csv: ix, iy, the two keys, metric, winner, winner_index, runner_up,
 * margin, margin_low, margin_high, margin_pct, mean_<policy>... */
static void script_regime(FILE *f, const cmp_study *st, size_t k)
{
    char csv[CMP_NAME + 16], image[CMP_NAME + 16];
    cmp_regime_file(st, k, "csv", csv, sizeof csv);
    cmp_regime_file(st, k, "", image, sizeof image);
    const herd_regime *rm = st->regime;
    const herd_compare *c = herd_regime_cell(rm, 0, 0);
    size_t np = herd_compare_n_policies(c);
    fputs("\nset palette defined (", f);
    for (size_t p = 0; p < np; p++)
        fprintf(f, "%s%zu \"%s\"", p ? ", " : "", p, light[p % N_COLOURS]);
    fprintf(f, ")\nset palette maxcolors %zu\nset cbrange [-0.5:%zu.5]\nset cbtics (", np,
            np - 1);
    for (size_t p = 0; p < np; p++)
        fprintf(f, "%s\"%s\" %zu", p ? ", " : "", herd_compare_policy_name(c, p), p);
    fputs(")\n", f);
    script_range(f, rm, 0);
    script_range(f, rm, 1);
    fprintf(f, "unset grid\nset key off\n"
               "set xlabel \"%s\"\n"
               "set ylabel \"%s\"\n"
               "set title \"Best policy by %s\\nlabel: margin over the runner-up, "
               "in parentheses when its 95%% interval holds 0\"\n"
               "lab(w, m, lo) = lo > 0 ? sprintf(\"%%s\\n%%+.1f%%%%\", w, m) : "
               "sprintf(\"%%s\\n(%%+.1f%%%%)\", w, m)\n"
               "do for [ext in \"png svg\"] {\n"
               "    eval(ext eq \"png\" ? png : svg)\n"
               "    set output \"%s\".ext.part\n"
               "    plot \"%s\" using 3:4:7 with image, \\\n"
               "         \"%s\" using 3:4:(lab(strcol(6), $12, $10)) with labels "
               "font \"sans,9\"\n"
               "    set output\n"
               "}\n",
            herd_regime_axis_key(rm, 0), herd_regime_axis_key(rm, 1),
            herd_compare_metric_info(c, st->regime_metrics[k])->label, image, csv, csv);
}

static int write_script(FILE *f, const void *ctx)
{
    const cmp_study *st = ctx;
    script_preamble(f);
    for (size_t i = 0; i < st->n_scenarios; i++)
        script_scenario(f, &st->scenarios[i]);
    for (size_t k = 0; st->regime != NULL && k < st->opt->n_regime_metrics; k++)
        script_regime(f, st, k);
    return 0;
}

/* The images plots.gp draws; index past the end gives 0. */
static int image_name(const cmp_study *st, size_t i, char *name, size_t size)
{
    static const char *const ext[] = {"png", "svg"};
    size_t per_scenario = st->n_scenarios * 2;
    if (i < per_scenario)
        snprintf(name, size, "compare_%s.%s", st->scenarios[i / 2].name, ext[i % 2]);
    else if (st->regime != NULL && i < per_scenario + 2 * st->opt->n_regime_metrics)
        cmp_regime_file(st, (i - per_scenario) / 2, ext[i % 2], name, size);
    else
        return 0;
    return 1;
}

int cmp_plot(const cmp_study *st, char *err, size_t err_size)
{
    if (cli_write_file(st->opt->out_dir, "plots.gp", write_script, st, err, err_size) != 0)
        return 1;
    enum { NAME = CMP_NAME + 32 };
    size_t maps = st->regime != NULL ? st->opt->n_regime_metrics : 0;
    size_t most = 2 * (st->n_scenarios + maps), n = 0;
    char *names = calloc(most, NAME);
    const char **images = calloc(most, sizeof *images);
    int rc = 1;
    if (names == NULL || images == NULL) {
        snprintf(err, err_size, "out of memory for the names of the plots");
    } else {
        for (; n < most && image_name(st, n, names + n * NAME, NAME); n++)
            images[n] = names + n * NAME;
        rc = cli_gnuplot("herd compare", st->opt->out_dir, images, n, NULL, err, err_size);
    }
    free((void *)images);
    free(names);
    return rc;
}
