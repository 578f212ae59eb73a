/* herd optimise: the best stance for a scenario, or the map of the best stances over two
 * scenario keys. This file reads the command line and puts the parts together. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "cli_args.h"
#include "compare_internal.h"
#include "optimise_internal.h"

static const char optimise_help[] =
    "Usage: herd optimise SCENARIO [OPTIONS]\n"
    "Searches the leader's attention simplex (the eight shares of a stance) for the stance\n"
    "that maximises a metric, a weighted mix of metrics, or a metric under bounds on others;\n"
    "every candidate runs with the same seeds. Prints the best stance with its interval and\n"
    "its margin over each built-in, and writes to DIR optimum.csv and candidates.csv, or\n"
    "with --map map.csv, plots.gp and map.png/.svg. docs/OPTIMISE.md explains them.\n"
    "\n"
    "  --metric M         the metric to maximise in its better direction (default\n"
    "                     performance_total; innovation and performance stand for *_total)\n"
    "  --weights M=W,...  a weighted sum of metrics instead, each in its better direction\n"
    "  --floor M>=V       a bound on a metric's mean (also M<=V); may be repeated\n"
    "  --budget N         candidates the search evaluates (default 150)\n"
    "  --reps R           replications per candidate (default 10)\n"
    "  --final-reps R     replications of the finalists and built-ins on fresh seeds\n"
    "                     (default 40)\n"
    "  --finalists N      best candidates run again (default 3)\n"
    "  --slack            the shares may sum to less than the budget\n"
    "  --switching        search switching styles: the calm stance, the front stance and\n"
    "                     the thresholds to go to the front and back, together\n"
    "  --threads N        runs at once (0: one per core); results do not depend on it\n"
    "  --ticks N, --seed N  override the scenario's [run] ticks and seed\n"
    "  --out DIR          output folder, made if missing (default optimise-out)\n"
    "  --map              the optimal-stance map: an optimisation in every cell of a grid\n"
    "  --map-x KEY=A:B[:N]  first axis (default skill_mean=0.2:0.8:3)\n"
    "  --map-y KEY=A:B[:N]  second axis (default crisis_rate=0:0.06:3)\n"
    "  --no-plots         write no plots.gp and run no gnuplot\n"
    "  --no-progress      no progress line (shown only when stderr is a terminal)\n"
    "\n"
    "Exit status: 0 done, 1 a run or a write failed, 2 bad usage, a bad scenario or bounds\n"
    "no candidate keeps.\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("herd optimise: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'herd optimise --help'.\n", stderr);
    va_end(ap);
    return HERD_EXIT_USAGE;
}

static int parse_long(const char *opt, const char *text, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || v < lo || v > hi)
        return usage_error("%s %s: expected a whole number from %ld to %ld", opt, text, lo, hi);
    *out = v;
    return 0;
}

static int parse_metric(herd_optimise_settings *set, const char *v)
{
    const char *name = strcmp(v, "innovation") == 0    ? "innovation_total"
                       : strcmp(v, "performance") == 0 ? "performance_total"
                                                        : v;
    char text[128], err[256];
    snprintf(text, sizeof text, "%s=1", name);
    if (herd_optimise_parse_weights(set, text, err, sizeof err) != HERD_OK)
        return usage_error("--metric %s: not a metric name", v);
    return 0;
}

static int parse_library(herd_status (*parse)(herd_optimise_settings *, const char *, char *,
                                              size_t),
                         herd_optimise_settings *set, const char *opt, const char *v)
{
    char err[512];
    return parse(set, v, err, sizeof err) == HERD_OK ? 0 : usage_error("%s: %s", opt, err);
}

static int parse_axis(herd_factor *f, const char *opt, const char *v)
{
    char err[512];
    return herd_factor_parse(v, f, err, sizeof err) == HERD_OK ? 0
                                                               : usage_error("%s: %s", opt, err);
}

/* One option with a value; 1 if argv[*i] is none of them. */
static int parse_valued(opt_cli *o, int argc, char **argv, int *i, int *missing)
{
    herd_optimise_settings *set = &o->set;
    const char *v;
    long n = 0;
    int rc;
    if ((v = cli_option_value(argc, argv, i, "--metric", missing)))
        return parse_metric(set, v);
    if ((v = cli_option_value(argc, argv, i, "--weights", missing)))
        return parse_library(herd_optimise_parse_weights, set, "--weights", v);
    if ((v = cli_option_value(argc, argv, i, "--floor", missing)))
        return parse_library(herd_optimise_parse_bound, set, "--floor", v);
    if ((v = cli_option_value(argc, argv, i, "--budget", missing)))
        return parse_long("--budget", v, 1, 100000000, &set->budget);
    if ((v = cli_option_value(argc, argv, i, "--reps", missing)))
        return parse_long("--reps", v, 1, 1000000, &set->reps);
    if ((v = cli_option_value(argc, argv, i, "--final-reps", missing)))
        return parse_long("--final-reps", v, 2, 1000000, &set->final_reps);
    if ((v = cli_option_value(argc, argv, i, "--finalists", missing)))
        return parse_long("--finalists", v, 1, 1000, &set->finalists);
    if ((v = cli_option_value(argc, argv, i, "--threads", missing))) {
        rc = parse_long("--threads", v, 0, 4096, &n);
        set->threads = (int)n;
        return rc;
    }
    if ((v = cli_option_value(argc, argv, i, "--ticks", missing)))
        return o->ticks = v, 0;
    if ((v = cli_option_value(argc, argv, i, "--seed", missing)))
        return o->seed = v, 0;
    if ((v = cli_option_value(argc, argv, i, "--out", missing)))
        return *v ? (o->out_dir = v, 0) : usage_error("--out: empty folder name");
    if ((v = cli_option_value(argc, argv, i, "--map-x", missing)))
        return o->map = 1, parse_axis(&o->axes[0], "--map-x", v);
    if ((v = cli_option_value(argc, argv, i, "--map-y", missing)))
        return o->map = 1, parse_axis(&o->axes[1], "--map-y", v);
    return 1;
}

static int parse_flag(opt_cli *o, const char *a)
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
    else if (a[0] == '-' && a[1] != '\0')
        return usage_error("unknown option %s", a);
    else if (o->scenario_path != NULL)
        return usage_error("one scenario only (%s and %s given)", o->scenario_path, a);
    else
        o->scenario_path = a;
    return 0;
}

/* 0, HERD_EXIT_USAGE, or -1 after printing the help. */
static int parse_args(int argc, char **argv, opt_cli *o)
{
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(optimise_help, stdout);
            return -1;
        }
        const char *a = argv[i];
        int rc = parse_valued(o, argc, argv, &i, &missing);
        if (rc == 1 && missing)
            return usage_error("option %s needs a value", a);
        if (rc == 1)
            rc = parse_flag(o, a);
        if (rc != 0)
            return HERD_EXIT_USAGE;
    }
    return o->scenario_path == NULL ? usage_error("no scenario file given") : 0;
}

static int override_key(herd_scenario *s, const char *key, const char *value, const char *opt)
{
    char why[512];
    if (value == NULL || herd_scenario_set(s, key, value, why, sizeof why) == HERD_OK)
        return 0;
    fprintf(stderr, "herd optimise: %s %.64s: %s\n", opt, value, why);
    return HERD_EXIT_USAGE;
}

static int load(opt_cli *o)
{
    char err[1024];
    if (herd_scenario_load_with(&o->sc, o->scenario_path, o->catalog, err, sizeof err) !=
        HERD_OK) {
        fprintf(stderr, "herd optimise: %s\n", err);
        return HERD_EXIT_USAGE;
    }
    if (override_key(o->sc, "run.ticks", o->ticks, "--ticks") != 0 ||
        override_key(o->sc, "run.seed", o->seed, "--seed") != 0)
        return HERD_EXIT_USAGE;
    return 0;
}

typedef struct progress {
    double start, last;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int show_progress(void *cookie, size_t done, size_t total)
{
    progress *p = cookie;
    double t = now();
    if (t - p->last < 0.2)
        return 0;
    fprintf(stderr, "\rherd optimise: %zu runs of at most %zu, %.0f s ", done, total,
            t - p->start);
    fflush(stderr);
    p->last = t;
    return 0;
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
    progress p = {now(), 0};
    if (o->progress && isatty(STDERR_FILENO)) {
        o->set.progress = show_progress;
        o->set.progress_cookie = &p;
    }
    int rc = o->map ? herd_optimum_map_run(&o->grid, o->sc, o->axes, &o->set, err, sizeof err)
                    : herd_optimise_run(&o->optimum, o->sc, &o->set, err, sizeof err);
    if (o->set.progress != NULL)
        fprintf(stderr, "\r%*s\r", 60, "");
    o->seconds = now() - p.start;
    return rc == HERD_OK ? 0 : failure(rc, err);
}

static int write_outputs(const opt_cli *o)
{
    char err[1024];
    int rc = 0;
    if (!o->map) {
        rc = cmp_write_file(o->out_dir, "optimum.csv", opt_write_optimum, o, err, sizeof err);
        if (rc == 0)
            rc = cmp_write_file(o->out_dir, "candidates.csv", opt_write_candidates, o, err,
                                sizeof err);
    } else {
        rc = cmp_write_file(o->out_dir, "map.csv", opt_write_map, o, err, sizeof err);
        if (rc == 0 && o->plots)
            rc = opt_plot(o, err, sizeof err);
    }
    if (rc != 0) {
        fprintf(stderr, "herd optimise: %s\n", err);
        return HERD_EXIT_FAIL;
    }
    return 0;
}

static int run(opt_cli *o)
{
    char err[1024];
    int rc = load(o);
    if (rc == 0 && herd_io_make_folder(o->out_dir, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "herd optimise: --out %s\n", err);
        rc = HERD_EXIT_FAIL;
    }
    if (rc == 0)
        rc = optimise(o);
    if (rc == 0)
        rc = write_outputs(o);
    if (rc == 0 && (opt_print(stdout, o) != 0 || fflush(stdout) != 0))
        rc = HERD_EXIT_FAIL;
    return rc;
}

int herd_cli_optimise(int argc, char **argv, const herd_catalog *catalog)
{
    gsl_set_error_handler_off();
    opt_cli o;
    memset(&o, 0, sizeof o);
    herd_optimise_settings_default(&o.set);
    o.out_dir = "optimise-out";
    o.axes[0] = (herd_factor){.key = "skill_mean", .lo = 0.2, .hi = 0.8, .steps = 3};
    o.axes[1] = (herd_factor){.key = "crisis_rate", .lo = 0, .hi = 0.06, .steps = 3};
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
