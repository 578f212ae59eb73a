/* herd optimise: the best stance for a scenario, or the map of the best stances over two
 * scenario keys. This file reads the command line and puts the parts together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "commands.h"
#include "cli_files.h"
#include "cli_progress.h"
#include "cli_scenario.h"
#include "optimise_internal.h"

static const char optimise_help[] =
    "Usage: herd optimise SCENARIO [OPTIONS]\n"
    "Searches the leader's attention simplex (the eight shares of a stance) for the stance\n"
    "that maximises a metric, a weighted mix of metrics, or a metric under bounds on others;\n"
    "every candidate runs with the same seeds. Prints the best stance with its interval and\n"
    "its margin over each built-in, and writes to DIR optimum.csv and candidates.csv, or\n"
    "with --map map.csv, plots.gp and map.png/.svg; then it removes from DIR those of\n"
    "these six files it did not write. docs/OPTIMISE.md explains them.\n"
    "\n"
    "  --metric M         the metric to maximise in its better direction (default\n"
    "                     performance_total; innovation and performance stand for *_total);\n"
    "                     one better lower, such as turnover, counts negated\n"
    "  --weights M=W,...  a weighted sum of metrics instead, each in its better direction\n"
    "  --floor M>=V       a bound on a metric's mean (also M<=V); may be repeated\n"
    "  --budget N         candidates the search evaluates (default 150): a third go to\n"
    "                     the design, the rest must hold Nelder-Mead's first simplex, so\n"
    "                     at least 11 (13 with --slack, 29 with --switching, 32 with both)\n"
    "  --reps R           replications per candidate (default 10)\n"
    "  --final-reps R     replications of the finalists and built-ins on fresh seeds\n"
    "                     (default 40)\n"
    "  --finalists N      best distinct candidates run again (default 3); distinct:\n"
    "                     some share (or threshold) differs by more than 0.0001\n"
    "  --slack            the shares may sum to less than the budget\n"
    "  --switching        search switching styles: the calm stance, the front stance and\n"
    "                     the thresholds to go to the front and back, together\n"
    "  --threads N        runs at once (0: one per core); results do not depend on it\n"
    "  --ticks N, --seed N  override the scenario's [run] ticks and seed\n"
    "  --out DIR          output folder, made if missing once the search has succeeded\n"
    "                     (default optimise-out)\n"
    "  --map              the optimal-stance map: an optimisation in every cell of a grid\n"
    "  --map-x KEY=A:B[:N]  first axis (default skill_mean=0.2:0.8:3)\n"
    "  --map-y KEY=A:B[:N]  second axis (default crisis_rate=0:0.06:3)\n"
    "  --no-plots         write no plots.gp and run no gnuplot\n"
    "  --no-progress      no progress line (shown only when stderr is a terminal)\n"
    "\n"
    "Exit status: 0 done, 1 a run or a write failed, 2 bad usage, a bad scenario or bounds\n"
    "no candidate keeps.\n";

static int parse_metric(opt_cli *o, const char *v)
{
    herd_optimise_settings *set = &o->set;
    const herd_output_info *total = herd_summary_find_metric(v);
    const char *name = total != NULL ? total->name : v;
    char text[128], err[256];
    snprintf(text, sizeof text, "%s=1", name);
    if (herd_optimise_parse_weights(set, text, err, sizeof err) != HERD_OK)
        return cli_usage_error("optimise", "--metric %s: not a metric name", v);
    o->objective_opt = "--metric";
    o->objective = v;
    return 0;
}

static int parse_library(herd_status (*parse)(herd_optimise_settings *, const char *, char *,
                                              size_t),
                         herd_optimise_settings *set, const char *opt, const char *v)
{
    char err[512];
    return parse(set, v, err, sizeof err) == HERD_OK
               ? 0
               : cli_usage_error("optimise", "%s: %s", opt, err);
}

static int parse_axis(herd_factor *f, const char *opt, const char *v)
{
    char err[512];
    return herd_factor_parse(v, f, err, sizeof err) == HERD_OK
               ? 0
               : cli_usage_error("optimise", "%s: %s", opt, err);
}

/* One option with a value; 1 if argv[*i] is none of them. */
static int parse_valued(opt_cli *o, int argc, char **argv, int *i, int *missing)
{
    herd_optimise_settings *set = &o->set;
    const char *v;
    if ((v = cli_option_value(argc, argv, i, "--metric", missing)))
        return parse_metric(o, v);
    if ((v = cli_option_value(argc, argv, i, "--weights", missing))) {
        o->objective_opt = "--weights";
        o->objective = v;
        return parse_library(herd_optimise_parse_weights, set, "--weights", v);
    }
    if ((v = cli_option_value(argc, argv, i, "--floor", missing))) {
        if (set->n_bounds < HERD_OPTIMISE_MAX_BOUNDS)
            o->floors[set->n_bounds] = v;
        return parse_library(herd_optimise_parse_bound, set, "--floor", v);
    }
    if ((v = cli_option_value(argc, argv, i, "--budget", missing)))
        return cli_number("optimise", "--budget", v, 1, 100000000, &set->budget);
    if ((v = cli_option_value(argc, argv, i, "--reps", missing)))
        return cli_number("optimise", "--reps", v, 1, 1000000, &set->reps);
    if ((v = cli_option_value(argc, argv, i, "--final-reps", missing)))
        return cli_number("optimise", "--final-reps", v, HERD_COMPARE_MIN_REPS, 1000000,
                          &set->final_reps);
    if ((v = cli_option_value(argc, argv, i, "--finalists", missing)))
        return cli_number("optimise", "--finalists", v, 1, 1000, &set->finalists);
    if ((v = cli_option_value(argc, argv, i, "--threads", missing)))
        return cli_int("optimise", "--threads", v, 0, 4096, &set->threads);
    if ((v = cli_option_value(argc, argv, i, "--ticks", missing)))
        return o->ticks = v, 0;
    if ((v = cli_option_value(argc, argv, i, "--seed", missing)))
        return o->seed = v, 0;
    if ((v = cli_option_value(argc, argv, i, "--out", missing)))
        return *v ? (o->out_dir = v, 0) : cli_usage_error("optimise", "--out: empty folder name");
    if ((v = cli_option_value(argc, argv, i, "--map-x", missing)))
        return o->map = 1, o->axis_text[0] = v, parse_axis(&o->axes[0], "--map-x", v);
    if ((v = cli_option_value(argc, argv, i, "--map-y", missing)))
        return o->map = 1, o->axis_text[1] = v, parse_axis(&o->axes[1], "--map-y", v);
    return 1;
}

static int parse_flag(opt_cli *o, const char *a, int missing)
{
    if (strcmp(a, "--map") == 0)
        o->map = 1;
    else if (strcmp(a, "--slack") == 0)
        o->set.full_budget = 0;
    else if (strcmp(a, "--switching") == 0)
        o->set.switching = 1;
    else if (strcmp(a, "--no-plots") == 0)
        o->plots = 0;
    else if (strcmp(a, "--no-progress") == 0)
        o->progress = 0;
    else if (cli_operand("optimise", a, missing) != 0)
        return HERD_EXIT_USAGE;
    else if (o->scenario_path != NULL)
        return cli_usage_error("optimise", "one scenario only (%s and %s given)", o->scenario_path,
                               a);
    else
        o->scenario_path = a;
    return 0;
}

/* 0, HERD_EXIT_USAGE, or -1 after printing the help. */
static int parse_args(int argc, char **argv, opt_cli *o)
{
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        if (cli_is_help(argv[i])) {
            fputs(optimise_help, stdout);
            return -1;
        }
        const char *a = argv[i];
        int rc = parse_valued(o, argc, argv, &i, &missing);
        if (rc == 1)
            rc = parse_flag(o, a, missing);
        if (rc != 0)
            return HERD_EXIT_USAGE;
    }
    return o->scenario_path == NULL ? cli_usage_error("optimise", "no scenario file given") : 0;
}

static int load(opt_cli *o)
{
    cli_overrides over = {.ticks = o->ticks, .seed = o->seed};
    int rc = cli_scenario_load("optimise", o->scenario_path, o->catalog, &over, &o->sc);
    return rc == 0 ? cli_scenario_fits(o->sc) : rc;
}

/* The metrics named, the budget and the other settings, before anything runs: a refusal
 * names the option that set them. */
static int check(const opt_cli *o)
{
    char err[2048];
    for (size_t i = 0; i < o->set.n_terms; i++)
        if (herd_optimise_check_metric(o->sc, o->set.terms[i].metric, err, sizeof err) != HERD_OK)
            return cli_usage_error("optimise", "%s %s: %s", o->objective_opt, o->objective, err);
    for (size_t i = 0; i < o->set.n_bounds; i++)
        if (herd_optimise_check_metric(o->sc, o->set.bounds[i].metric, err, sizeof err) !=
            HERD_OK)
            return cli_usage_error("optimise", "--floor %s: %s", o->floors[i], err);
    long least = herd_optimise_min_budget(&o->set);
    if (o->set.budget < least)
        return cli_usage_error("optimise", "--budget %ld: expected at least %ld with these "
                               "options: a third goes to the design, the rest must hold "
                               "Nelder-Mead's first simplex", o->set.budget, least);
    if (herd_optimise_check(o->sc, &o->set, err, sizeof err) != HERD_OK)
        return cli_say("optimise", HERD_EXIT_USAGE, "%s", err);
    for (int a = 0; o->map && a < 2; a++) {
        herd_factor axis = o->axes[a];
        if (herd_sweep_resolve(o->sc, &axis, 1, err, sizeof err) != HERD_OK)
            return cli_usage_error("optimise", "%s %s: %s", a == 0 ? "--map-x" : "--map-y",
                                   o->axis_text[a], err);
    }
    return cli_check_folder("optimise", o->out_dir);
}

/* Exit status of a failed optimisation: bad input is usage, the rest a failure. */
static int failure(int rc, const char *err)
{
    fprintf(stderr, "herd optimise: %s\n", err);
    return rc == HERD_EINVAL || rc == HERD_ENOTFOUND || rc == HERD_ERANGE ? HERD_EXIT_USAGE
                                                                          : HERD_EXIT_FAIL;
}

static int optimise(opt_cli *o)
{
    char err[1024] = "";
    cli_progress p;
    cli_progress_start(&p, "optimise", NULL, "runs", o->progress);
    o->set.progress = cli_progress_show;
    o->set.progress_cookie = &p;
    int rc = o->map ? herd_optimum_map_run(&o->grid, o->sc, o->axes, &o->set, err, sizeof err)
                    : herd_optimise_run(&o->optimum, o->sc, &o->set, err, sizeof err);
    cli_progress_end(&p);
    o->seconds = cli_progress_seconds(&p);
    return rc == HERD_OK ? 0 : failure(rc, err);
}

/* opt_outputs[i] by write, marked in written once it is in place. */
static int write_output(const opt_cli *o, size_t i, cli_writer write, int *written, char *err,
                        size_t err_size)
{
    int rc = cli_write_file(o->out_dir, opt_outputs[i], write, o, err, err_size);
    written[i] = rc == 0;
    return rc;
}

/* This run's files; once all are in place, the files of the other kinds are removed. */
static int write_outputs(const opt_cli *o)
{
    char err[1024];
    int written[OPT_N_OUTPUTS] = {0};
    int rc = 0;
    if (!o->map) {
        rc = write_output(o, OPT_OPTIMUM, opt_write_optimum, written, err, sizeof err);
        if (rc == 0)
            rc = write_output(o, OPT_CANDIDATES, opt_write_candidates, written, err,
                              sizeof err);
    } else {
        rc = write_output(o, OPT_MAP, opt_write_map, written, err, sizeof err);
        if (rc == 0 && o->plots)
            rc = opt_plot(o, written, err, sizeof err);
    }
    if (rc != 0) {
        fprintf(stderr, "herd optimise: %s\n", err);
        return HERD_EXIT_FAIL;
    }
    return cli_remove_unwritten("optimise", o->out_dir, opt_outputs, written, OPT_N_OUTPUTS);
}

/* Everything is checked before the search; the folder is made only for its results. */
static int run(opt_cli *o)
{
    int rc = load(o);
    if (rc == 0)
        rc = check(o);
    if (rc == 0)
        rc = optimise(o);
    if (rc == 0)
        rc = cli_make_folder("optimise", o->out_dir);
    if (rc == 0)
        rc = write_outputs(o);
    if (rc == 0 && (opt_print(stdout, o) != 0 || fflush(stdout) != 0))
        rc = HERD_EXIT_FAIL;
    return rc;
}

int herd_cli_optimise(int argc, char **argv, const herd_catalog *catalog)
{
    opt_cli o;
    memset(&o, 0, sizeof o);
    herd_optimise_settings_default(&o.set);
    o.out_dir = "optimise-out";
    o.objective_opt = "--metric";
    o.objective = o.set.terms[0].metric;
    o.axes[0] = (herd_factor){.key = "skill_mean", .lo = 0.2, .hi = 0.8, .steps = 3};
    o.axes[1] = (herd_factor){.key = "crisis_rate", .lo = 0, .hi = 0.06, .steps = 3};
    o.axis_text[0] = "skill_mean=0.2:0.8:3";
    o.axis_text[1] = "crisis_rate=0:0.06:3";
    o.plots = 1;
    o.progress = 1;
    o.catalog = catalog;
    int rc = parse_args(argc, argv, &o);
    if (rc == 0)
        rc = run(&o);
    herd_optimum_free(o.optimum);
    herd_optimum_map_free(o.grid);
    herd_scenario_free(o.sc);
    return rc < 0 ? HERD_EXIT_OK : rc;
}
