/* herd optimise: its CSV files, its printed tables and its plots. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_gnuplot.h"
#include "cli_files.h"
#include "optimise_internal.h"

static const char *const share_names[] = {"direction",  "support",       "recognition",
                                          "own_work",   "delegation",    "collaboration",
                                          "training",   "plan"};
enum { N_SHARES = sizeof share_names / sizeof share_names[0] };

const char *const opt_outputs[OPT_N_OUTPUTS] = {"optimum.csv", "candidates.csv", "map.csv",
                                                "plots.gp",    "map.png",        "map.svg"};

/* The columns of a style: the eight shares, and with switching styles the front stance's
 * ("front.NAME") and the thresholds searched. */
static size_t n_style_cols(const herd_optimise_settings *set)
{
    size_t n = 0;
    while (set->switching && herd_optimise_threshold(n) != NULL)
        n++;
    return set->switching ? 2 * N_SHARES + n : N_SHARES;
}

static const herd_style_key *style_col(size_t i)
{
    char name[64];
    if (i < N_SHARES)
        return herd_style_key_find(share_names[i]);
    if (i >= 2 * N_SHARES)
        return herd_optimise_threshold(i - 2 * N_SHARES);
    snprintf(name, sizeof name, "front.%s", share_names[i - N_SHARES]);
    return herd_style_key_find(name);
}

/* 1 if st has a value in column i: not a staged style; of a search of fixed stances, a fixed
 * style only; of switching styles, any style's calm stance and a switching one's rest. */
static int has_col(const herd_optimise_settings *set, const herd_style *st, size_t i)
{
    if (st == NULL || st->staged)
        return 0;
    return set->switching ? i < N_SHARES || st->switching : !st->switching;
}

static void put_style_header(FILE *f, const herd_optimise_settings *set)
{
    for (size_t i = 0; i < n_style_cols(set); i++)
        fprintf(f, ",%s", style_col(i)->name);
}

/* The better direction of term i's metric on the final runs: +1 higher is better, -1 lower. */
static int better(const opt_cli *o, size_t i)
{
    const herd_optimum *op = o->map ? herd_optimum_map_cell(o->grid, 0, 0) : o->optimum;
    const herd_compare *c = herd_optimum_compare(op);
    size_t m;
    if (herd_compare_find_metric(c, o->set.terms[i].metric, &m) != HERD_OK)
        return 1;
    return herd_compare_metric_info(c, m)->better;
}

void opt_describe(const opt_cli *o, FILE *f)
{
    const herd_optimise_settings *set = &o->set;
    for (size_t i = 0; i < set->n_terms; i++) {
        double w = set->terms[i].weight * better(o, i);
        if (set->n_terms == 1 && fabs(w) == 1)
            fprintf(f, "%s%s", w < 0 ? "-" : "", set->terms[i].metric);
        else if (i == 0)
            fprintf(f, "%g*%s", w, set->terms[i].metric);
        else
            fprintf(f, " %c %g*%s", w < 0 ? '-' : '+', fabs(w), set->terms[i].metric);
    }
    for (size_t i = 0; i < set->n_bounds; i++)
        fprintf(f, "%s%s %s %g", i ? ", " : " with ", set->bounds[i].metric,
                set->bounds[i].upper ? "<=" : ">=", set->bounds[i].value);
}

/* The line that names the metrics the objective counts negated, being better lower; none if
 * there are none. */
static void describe_signs(const opt_cli *o, FILE *f)
{
    size_t n = 0;
    for (size_t i = 0; i < o->set.n_terms; i++)
        if (better(o, i) < 0)
            fprintf(f, "%s%s", n++ ? ", " : "# ", o->set.terms[i].metric);
    if (n > 0)
        fprintf(f, " %s better lower: the objective counts %s negated, so it is higher the "
                   "better and optimum - policy > 0 favours the optimum.\n",
                n > 1 ? "are" : "is", n > 1 ? "them" : "it");
}

/* ",x", x as every CSV of herd writes numbers. */
static void put_number(FILE *f, double x)
{
    fputc(',', f);
    herd_io_csv_number(f, x);
}

static void put_style(FILE *f, const herd_optimise_settings *set, const herd_style *st)
{
    for (size_t i = 0; i < n_style_cols(set); i++)
        if (has_col(set, st, i))
            put_number(f, herd_style_get(st, style_col(i)));
        else
            fputs(",NA", f);
}

static void put_interval(FILE *f, const herd_interval *v)
{
    put_number(f, v->mean);
    put_number(f, v->low);
    put_number(f, v->high);
}

int opt_write_optimum(FILE *f, const void *ctx)
{
    const opt_cli *o = ctx;
    const herd_optimum *op = o->optimum;
    const herd_compare *c = herd_optimum_compare(op);
    fputs("arm,name,finalist,objective,objective_low,objective_high,margin,margin_low,"
          "margin_high", f);
    put_style_header(f, &o->set);
    fputc('\n', f);
    for (size_t a = 0; a < herd_compare_n_policies(c); a++) {
        herd_interval obj, margin;
        herd_optimum_objective(op, a, &obj);
        herd_optimum_margin(op, a, &margin);
        fprintf(f, "%zu,%s,%d", a, herd_compare_policy_name(c, a),
                a < herd_optimum_n_finalists(op));
        put_interval(f, &obj);
        put_interval(f, &margin);
        put_style(f, &o->set, herd_optimum_arm_style(op, a));
        fputc('\n', f);
    }
    return 0;
}

int opt_write_candidates(FILE *f, const void *ctx)
{
    const opt_cli *o = ctx;
    fputs("index,phase,objective,feasible", f);
    put_style_header(f, &o->set);
    fputc('\n', f);
    for (size_t i = 0; i < herd_optimum_n_candidates(o->optimum); i++) {
        herd_optimum_candidate cd;
        herd_optimum_candidate_at(o->optimum, i, &cd);
        fprintf(f, "%zu,%d", i, cd.phase);
        put_number(f, cd.objective);
        fprintf(f, ",%d", cd.feasible);
        put_style(f, &o->set, &cd.style);
        fputc('\n', f);
    }
    return 0;
}

/* The gap of each archetype in a cell: optimum - archetype, and as a share of the optimum. */
static void put_gaps(FILE *f, const herd_optimum *op)
{
    const herd_compare *c = herd_optimum_compare(op);
    herd_interval best;
    herd_optimum_objective(op, herd_optimum_arm(op), &best);
    for (size_t a = herd_optimum_n_finalists(op); a < herd_compare_n_policies(c); a++) {
        herd_interval m;
        herd_optimum_margin(op, a, &m);
        put_interval(f, &m);
        put_number(f, best.mean != 0 ? 100 * m.mean / fabs(best.mean) : NAN);
    }
}

int opt_write_map(FILE *f, const void *ctx)
{
    const opt_cli *o = ctx;
    const herd_optimum_map *m = o->grid;
    const herd_optimum *first = herd_optimum_map_cell(m, 0, 0);
    const herd_compare *c = herd_optimum_compare(first);
    fprintf(f, "ix,iy,%s,%s,objective,objective_low,objective_high,feasible",
            herd_optimum_map_axis_key(m, 0), herd_optimum_map_axis_key(m, 1));
    put_style_header(f, &o->set);
    for (size_t a = herd_optimum_n_finalists(first); a < herd_compare_n_policies(c); a++) {
        const char *n = herd_compare_policy_name(c, a);
        fprintf(f, ",gap_%s,gap_%s_low,gap_%s_high,gap_%s_pct", n, n, n, n);
    }
    fputc('\n', f);
    for (long i = 0; i < herd_optimum_map_steps(m, 0); i++)
        for (long j = 0; j < herd_optimum_map_steps(m, 1); j++) {
            const herd_optimum *op = herd_optimum_map_cell(m, i, j);
            herd_interval obj;
            herd_optimum_objective(op, herd_optimum_arm(op), &obj);
            fprintf(f, "%ld,%ld", i, j);
            put_number(f, herd_optimum_map_axis_value(m, 0, i));
            put_number(f, herd_optimum_map_axis_value(m, 1, j));
            put_interval(f, &obj);
            fprintf(f, ",%d", herd_optimum_feasible(op));
            put_style(f, &o->set, herd_optimum_style(op));
            put_gaps(f, op);
            fputc('\n', f);
        }
    return 0;
}

/* The optimum's shares, calm and at the front for a switching style, then its thresholds. */
static void print_style(FILE *f, const herd_optimise_settings *set, const herd_style *st)
{
    fputs(set->switching ? "\n| share | calm | front |\n|---|---|---|\n"
                         : "\n| share | optimum |\n|---|---|\n", f);
    for (size_t i = 0; i < N_SHARES; i++) {
        fprintf(f, "| %s | %.3f |", share_names[i], herd_style_get(st, style_col(i)));
        if (set->switching)
            fprintf(f, " %.3f |", herd_style_get(st, style_col(N_SHARES + i)));
        fputc('\n', f);
    }
    if (set->switching)
        fputs("\n| threshold | optimum |\n|---|---|\n", f);
    for (size_t i = 2 * N_SHARES; i < n_style_cols(set); i++)
        fprintf(f, "| %s | %.3f |\n", style_col(i)->name, herd_style_get(st, style_col(i)));
}

static void print_optimum(FILE *f, const herd_optimise_settings *set, const herd_optimum *op)
{
    const herd_compare *c = herd_optimum_compare(op);
    print_style(f, set, herd_optimum_style(op));
    fprintf(f, "\n| policy | objective [95%% CI] | optimum - policy [95%% CI] |\n|---|---|---|\n");
    for (size_t a = 0; a < herd_compare_n_policies(c); a++) {
        herd_interval obj, m;
        herd_optimum_objective(op, a, &obj);
        herd_optimum_margin(op, a, &m);
        fprintf(f, "| %s | %.6g [%.6g, %.6g] | %+.4g [%+.4g, %+.4g] |\n",
                herd_compare_policy_name(c, a), obj.mean, obj.low, obj.high, m.mean, m.low,
                m.high);
    }
    if (!herd_optimum_feasible(op))
        fputs("\nThe optimum broke a bound on the final runs (it kept them in the search).\n", f);
}

static void print_map(FILE *f, const herd_optimise_settings *set, const herd_optimum_map *m)
{
    const herd_optimum *first = herd_optimum_map_cell(m, 0, 0);
    const herd_compare *c = herd_optimum_compare(first);
    fprintf(f, "\n| %s | %s | objective |", herd_optimum_map_axis_key(m, 0),
            herd_optimum_map_axis_key(m, 1));
    for (size_t i = 0; i < n_style_cols(set); i++)
        fprintf(f, " %s |", style_col(i)->name);
    for (size_t a = herd_optimum_n_finalists(first); a < herd_compare_n_policies(c); a++)
        fprintf(f, " gap %s |", herd_compare_policy_name(c, a));
    fputs("\n|", f);
    size_t n_arch = herd_compare_n_policies(c) - herd_optimum_n_finalists(first);
    for (size_t k = 0; k < 3 + n_style_cols(set) + n_arch; k++)
        fputs("---|", f);
    fputc('\n', f);
    for (long i = 0; i < herd_optimum_map_steps(m, 0); i++)
        for (long j = 0; j < herd_optimum_map_steps(m, 1); j++) {
            const herd_optimum *op = herd_optimum_map_cell(m, i, j);
            herd_interval obj, best;
            herd_optimum_objective(op, herd_optimum_arm(op), &obj);
            best = obj;
            fprintf(f, "| %g | %g | %.6g |", herd_optimum_map_axis_value(m, 0, i),
                    herd_optimum_map_axis_value(m, 1, j), obj.mean);
            for (size_t k = 0; k < n_style_cols(set); k++)
                fprintf(f, " %.2f |", herd_style_get(herd_optimum_style(op), style_col(k)));
            for (size_t a = herd_optimum_n_finalists(op); a < herd_compare_n_policies(c); a++) {
                herd_optimum_margin(op, a, &obj);
                fprintf(f, " %.1f%% |", best.mean != 0 ? 100 * obj.mean / fabs(best.mean) : NAN);
            }
            fputc('\n', f);
        }
}

int opt_print(FILE *f, const opt_cli *o)
{
    fprintf(f, "# herd optimise %s: ", o->scenario_path);
    opt_describe(o, f);
    fputc('\n', f);
    describe_signs(o, f);
    long runs = 0;
    for (long i = 0; o->map && i < herd_optimum_map_steps(o->grid, 0); i++)
        for (long j = 0; j < herd_optimum_map_steps(o->grid, 1); j++)
            runs += herd_optimum_runs(herd_optimum_map_cell(o->grid, i, j));
    if (!o->map)
        runs = herd_optimum_runs(o->optimum);
    fprintf(f, "\n%ld runs in %.1f s.\n", runs, o->seconds);
    if (o->map)
        print_map(f, &o->set, o->grid);
    else
        print_optimum(f, &o->set, o->optimum);
    return ferror(f) ? 1 : 0;
}

/* The map's panels: a heat map of each column of the optimum's style, then of each
 * archetype's gap in percent of the optimum. Columns of map.csv: ix, iy, x, y, objective (3),
 * feasible, the style's from column 9, then four columns per archetype, the percentage last. */
enum { COL_STYLE = 9 };

static int write_script(FILE *f, const void *ctx)
{
    const opt_cli *o = ctx;
    const herd_optimum *first = herd_optimum_map_cell(o->grid, 0, 0);
    const herd_compare *c = herd_optimum_compare(first);
    size_t n_fin = herd_optimum_n_finalists(first), n_arch = herd_compare_n_policies(c) - n_fin;
    size_t n_cols = n_style_cols(&o->set), col_gaps = COL_STYLE + n_cols;
    size_t panels = n_cols + n_arch, cols = o->set.switching ? 6 : 4;
    size_t rows = (panels + cols - 1) / cols;
    fprintf(f, "# Drawn by herd optimise. Redraw with: gnuplot plots.gp (in this folder).\n"
               "if (!exists(\"part\")) part = \"\"\n"
               "set datafile separator comma\n"
               "set datafile missing \"NA\"\n"
               "if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
               "    png = \"set terminal pngcairo noenhanced size 1400,%zu font 'sans,9'\"\n"
               "} else {\n"
               "    png = \"set terminal png noenhanced size 1400,%zu\"\n"
               "}\n"
               "svg = \"set terminal svg noenhanced size 1400,%zu dynamic font 'sans,9'\"\n"
               "set key off\nunset grid\nset palette defined (0 \"#f7fbff\", 1 \"#6baed6\")\n"
               "set autoscale xfix\nset autoscale yfix\n"
               "set xlabel \"%s\"\nset ylabel \"%s\"\nset format cb \"%%g\"\n",
            rows * 300, rows * 300, rows * 300, herd_optimum_map_axis_key(o->grid, 0),
            herd_optimum_map_axis_key(o->grid, 1));
    fputs("do for [ext in \"png svg\"] {\n"
          "    eval(ext eq \"png\" ? png : svg)\n"
          "    set output \"map.\".ext.part\n", f);
    fprintf(f, "    set multiplot layout %zu,%zu title \"Optimal stance by ", rows, cols);
    opt_describe(o, f);
    fputs(", and each built-in's gap to it\"\n", f);
    for (size_t i = 0; i < n_cols; i++) {
        const herd_style_key *key = style_col(i);
        fprintf(f, "    set title \"%s: %s\"\n    set cbrange [%g:%g]\n"
                   "    plot \"map.csv\" using 3:4:%zu with image, \"map.csv\" using 3:4:"
                   "(sprintf(\"%%.2f\", $%zu)) with labels\n",
                i < N_SHARES ? (o->set.switching ? "calm" : "share")
                             : (i < 2 * N_SHARES ? "front" : "threshold"),
                i < 2 * N_SHARES ? share_names[i % N_SHARES] : key->name,
                i < 2 * N_SHARES ? 0.0 : key->min, i < 2 * N_SHARES ? 1.0 : key->max,
                COL_STYLE + i, COL_STYLE + i);
    }
    for (size_t a = 0; a < n_arch; a++) {
        int col = (int)col_gaps + 4 * (int)a + 3;
        fprintf(f, "    set title \"gap of %s, %% of the optimum\"\n    set cbrange [*:*]\n"
                   "    plot \"map.csv\" using 3:4:%d with image, \"map.csv\" using 3:4:"
                   "(sprintf(\"%%.1f\", $%d)) with labels\n",
                herd_compare_policy_name(c, n_fin + a), col, col);
    }
    fputs("    unset multiplot\n    set output\n}\n", f);
    return 0;
}

int opt_plot(const opt_cli *o, int *written, char *err, size_t err_size)
{
    if (cli_write_file(o->out_dir, opt_outputs[OPT_SCRIPT], write_script, o, err, err_size) != 0)
        return 1;
    written[OPT_SCRIPT] = 1;
    int drawn = 0;
    int rc = cli_gnuplot("herd optimise", o->out_dir, opt_outputs + OPT_PNG, 2, &drawn, err,
                         err_size);
    written[OPT_PNG] = written[OPT_SVG] = drawn;
    return rc;
}
