/* herd compare: every policy on every scenario with paired replications. This file reads
 * the command line and the scenarios and puts the parts together. */
#include "compare.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "compare_internal.h"

static const char compare_help[] =
    "Usage: herd compare SCENARIO... [OPTIONS]\n"
    "Runs every policy on every scenario, R replications each. Replication r runs every\n"
    "policy with the same seed, herd_seed_derive(scenario seed, r), so the differences\n"
    "between policies are paired. Prints the summary table and writes to DIR:\n"
    "  summary.csv, summary.md, runs.csv (every run's seed and metrics),\n"
    "  series_<scenario>.csv, compare_<scenario>.png/.svg, and with --regime-map\n"
    "  regime.csv and regime.png/.svg. docs/COMPARE.md explains each file.\n"
    "\n"
    "  --policies LIST    comma-separated policies: built-ins, or [style.NAME] sections\n"
    "                     of every scenario (default: the built-ins)\n"
    "  --reps R           replications, at least 2 (default 10)\n"
    "  --threads N        runs at once (0: one per core); results do not depend on it\n"
    "  --ticks N          ticks of every scenario (default: each scenario's [run] ticks)\n"
    "  --seed N           seed of every scenario (default: each scenario's [run] seed)\n"
    "  --out DIR          output folder, made if missing (default compare-out)\n"
    "  --regime-map       also map the winner over skill_mean x crisis_rate, on the\n"
    "                     first scenario's parameters\n"
    "  --grid N           points on each axis of the map, 2 to 50 (default 5; implies\n"
    "                     --regime-map)\n"
    "  --regime-metric M  innovation (default) or performance: what the map ranks by\n"
    "  --skill-range A:B  skill_mean axis (default 0.2:0.8)\n"
    "  --crisis-range A:B crisis_rate axis (default 0:0.06)\n"
    "  --no-plots         write no plots.gp and run no gnuplot\n"
    "  --no-progress      no progress bar (shown only when stderr is a terminal)\n"
    "\n"
    "Set HERD_GNUPLOT to use another gnuplot. Exit status: 0 done, 1 a run or a write\n"
    "failed, 2 bad usage or a bad scenario.\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("herd compare: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'herd compare --help'.\n", stderr);
    va_end(ap);
    return HERD_EXIT_USAGE;
}

/* "--name VALUE" or "--name=VALUE": the value, or NULL if argv[*i] is another option.
 * *missing is set when the option comes without a value. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, n) != 0 || (arg[n] != '\0' && arg[n] != '='))
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
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

static int parse_range(const char *opt, const char *text, double range[2])
{
    char *mid, *end;
    errno = 0;
    double lo = strtod(text, &mid);
    if (mid == text || *mid != ':')
        return usage_error("%s %s: expected LOW:HIGH", opt, text);
    double hi = strtod(mid + 1, &end);
    if (end == mid + 1 || *end != '\0' || errno != 0 || !(lo < hi))
        return usage_error("%s %s: expected LOW:HIGH with LOW < HIGH", opt, text);
    range[0] = lo;
    range[1] = hi;
    return 0;
}

static int add_policy(cmp_options *o, const char *name, size_t len)
{
    char buf[CMP_NAME];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), name);
    for (size_t i = 0; i < o->n_policies; i++)
        if (strcmp(o->policy_names[i], buf) == 0)
            return usage_error("--policies: '%s' given twice", buf);
    if (o->n_policies == CMP_MAX_POLICIES)
        return usage_error("--policies: at most %d policies", CMP_MAX_POLICIES);
    snprintf(o->policy_names[o->n_policies++], CMP_NAME, "%s", buf);
    return 0;
}

static int parse_policies(cmp_options *o, const char *list)
{
    o->n_policies = 0;
    for (const char *p = list;; p++) {
        size_t len = strcspn(p, ",");
        if (len == 0)
            return usage_error("--policies %s: empty policy name", list);
        if (add_policy(o, p, len) != 0)
            return HERD_EXIT_USAGE;
        p += len;
        if (*p == '\0')
            return 0;
    }
}

static int parse_regime_metric(cmp_options *o, const char *text)
{
    if (strcmp(text, "innovation") == 0)
        o->regime_metric = CMP_REGIME_INNOVATION;
    else if (strcmp(text, "performance") == 0)
        o->regime_metric = CMP_REGIME_PERFORMANCE;
    else
        return usage_error("--regime-metric %s: expected innovation or performance", text);
    return 0;
}

static void default_options(cmp_options *o, const char **paths)
{
    memset(o, 0, sizeof *o);
    o->scenario_paths = paths;
    const herd_policy_type *const *all = herd_policy_builtins();
    for (size_t i = 0; all[i] != NULL && i < CMP_MAX_POLICIES; i++)
        snprintf(o->policy_names[o->n_policies++], CMP_NAME, "%s", all[i]->name);
    o->reps = 10;
    o->out_dir = "compare-out";
    o->grid = 5;
    o->skill_range[0] = 0.2;
    o->skill_range[1] = 0.8;
    o->crisis_range[0] = 0;
    o->crisis_range[1] = 0.06;
    o->regime_metric = CMP_REGIME_INNOVATION;
    o->plots = 1;
    o->progress = 1;
}

/* One option with a value at argv[*i]; 1 if argv[*i] is none of them. */
static int parse_valued(cmp_options *o, int argc, char **argv, int *i, int *missing)
{
    const char *v;
    long n = 0;
    if ((v = option_value(argc, argv, i, "--policies", missing)))
        return parse_policies(o, v);
    if ((v = option_value(argc, argv, i, "--reps", missing)))
        return parse_long("--reps", v, 2, 1000000, &o->reps);
    if ((v = option_value(argc, argv, i, "--threads", missing))) {
        int rc = parse_long("--threads", v, 0, 4096, &n);
        o->threads = (int)n;
        return rc;
    }
    if ((v = option_value(argc, argv, i, "--grid", missing))) {
        o->regime_map = 1;
        return parse_long("--grid", v, 2, 50, &o->grid);
    }
    if ((v = option_value(argc, argv, i, "--ticks", missing)))
        return o->ticks = v, 0;
    if ((v = option_value(argc, argv, i, "--seed", missing)))
        return o->seed = v, 0;
    if ((v = option_value(argc, argv, i, "--out", missing)))
        return *v ? (o->out_dir = v, 0) : usage_error("--out: empty folder name");
    if ((v = option_value(argc, argv, i, "--regime-metric", missing)))
        return parse_regime_metric(o, v);
    if ((v = option_value(argc, argv, i, "--skill-range", missing)))
        return parse_range("--skill-range", v, o->skill_range);
    if ((v = option_value(argc, argv, i, "--crisis-range", missing)))
        return parse_range("--crisis-range", v, o->crisis_range);
    return 1;
}

/* 0, HERD_EXIT_USAGE, or -1 after printing the help. */
static int parse_args(int argc, char **argv, cmp_options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int missing = 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(compare_help, stdout);
            return -1;
        }
        int rc = parse_valued(o, argc, argv, &i, &missing);
        if (rc != 1) {
            if (rc != 0)
                return HERD_EXIT_USAGE;
        } else if (missing) {
            return usage_error("option %s needs a value", a);
        } else if (strcmp(a, "--regime-map") == 0) {
            o->regime_map = 1;
        } else if (strcmp(a, "--no-plots") == 0) {
            o->plots = 0;
        } else if (strcmp(a, "--no-progress") == 0) {
            o->progress = 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option %s", a);
        } else {
            o->scenario_paths[o->n_scenarios++] = a;
        }
    }
    if (o->n_scenarios == 0)
        return usage_error("no scenario file given");
    return 0;
}

/* scenarios/crisis.ini -> crisis; anything but letters, digits, '-' and '_' becomes '_'. */
static void scenario_name(const char *path, char *name, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".ini") == 0)
        len -= 4;
    snprintf(name, size, "%.*s", (int)len, base);
    for (char *c = name; *c; c++)
        if (!(*c == '-' || *c == '_' || (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
              (*c >= 'A' && *c <= 'Z')))
            *c = '_';
}

static int override_key(herd_scenario *s, const char *key, const char *value, const char *opt,
                        char *err, size_t err_size)
{
    char why[CMP_ERR];
    if (value == NULL || herd_scenario_set(s, key, value, why, sizeof why) == HERD_OK)
        return 0;
    snprintf(err, err_size, "herd compare: %s %s: %s", opt, value, why);
    return HERD_EXIT_USAGE;
}

int cmp_load_scenario(const cmp_options *o, size_t index, herd_scenario **out, char *err,
                      size_t err_size)
{
    *out = NULL;
    if (herd_scenario_load(out, o->scenario_paths[index], err, err_size) != HERD_OK)
        return HERD_EXIT_USAGE;
    if (override_key(*out, "run.ticks", o->ticks, "--ticks", err, err_size) != 0 ||
        override_key(*out, "run.seed", o->seed, "--seed", err, err_size) != 0)
        return HERD_EXIT_USAGE;
    return herd_scenario_validate(*out, err, err_size) == HERD_OK ? 0 : HERD_EXIT_USAGE;
}

static int prepare_scenario(const cmp_options *o, size_t index, cmp_scenario *s)
{
    char err[CMP_ERR];
    if (cmp_load_scenario(o, index, &s->sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return HERD_EXIT_USAGE;
    }
    scenario_name(o->scenario_paths[index], s->name, sizeof s->name);
    size_t runs = o->n_policies * (size_t)o->reps;
    if (cmp_metrics_for(s->sc, &s->metrics, &s->n_metrics) != 0 ||
        (s->seeds = malloc((size_t)o->reps * sizeof *s->seeds)) == NULL ||
        (s->values = calloc(runs * s->n_metrics, sizeof *s->values)) == NULL ||
        (s->records = calloc(runs * (size_t)s->sc->ticks, sizeof *s->records)) == NULL) {
        fprintf(stderr, "herd compare: out of memory for %s\n", o->scenario_paths[index]);
        return HERD_EXIT_FAIL;
    }
    for (long r = 0; r < o->reps; r++)
        s->seeds[r] = herd_seed_derive(s->sc->seed, (uint64_t)r);
    return 0;
}

static int unique_names(const cmp_study *st)
{
    for (size_t i = 0; i < st->n_scenarios; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(st->scenarios[i].name, st->scenarios[j].name) == 0)
                return usage_error("%s and %s would both be named '%s' in the output",
                                   st->opt->scenario_paths[j], st->opt->scenario_paths[i],
                                   st->scenarios[i].name);
    return 0;
}

static void free_study(cmp_study *st)
{
    for (size_t i = 0; i < st->n_scenarios; i++) {
        cmp_scenario *s = &st->scenarios[i];
        herd_scenario_free(s->sc);
        free(s->metrics);
        free(s->seeds);
        free(s->values);
        free(s->records);
    }
    free(st->scenarios);
}

/* Every policy name in every scenario: its declared styles, then the built-ins. */
static int resolve_policies(cmp_options *o, const cmp_study *st)
{
    for (size_t p = 0; p < o->n_policies; p++)
        for (size_t i = st->n_scenarios; i-- > 0;) {
            o->policies[p] = herd_scenario_find_policy(st->scenarios[i].sc, o->policy_names[p]);
            if (o->policies[p] == NULL)
                return usage_error("--policies: unknown policy '%s' in %s; it is a built-in "
                                   "(see herd info) or a [style.NAME] of each scenario",
                                   o->policy_names[p], o->scenario_paths[i]);
        }
    return 0;
}

static int prepare_study(cmp_options *o, cmp_study *st)
{
    st->opt = o;
    st->scenarios = calloc(o->n_scenarios, sizeof *st->scenarios);
    if (st->scenarios == NULL) {
        fputs("herd compare: out of memory\n", stderr);
        return HERD_EXIT_FAIL;
    }
    for (size_t i = 0; i < o->n_scenarios; i++) {
        st->n_scenarios = i + 1;
        int rc = prepare_scenario(o, i, &st->scenarios[i]);
        if (rc != 0)
            return rc;
    }
    int rc = resolve_policies(o, st);
    return rc != 0 ? rc : unique_names(st);
}

/* The scenarios' jobs from jobs[0]; their number. jobs may be NULL to count. */
static size_t scenario_jobs(const cmp_study *st, cmp_job *jobs)
{
    const cmp_options *o = st->opt;
    size_t k = 0;
    for (size_t i = 0; i < st->n_scenarios; i++) {
        const cmp_scenario *s = &st->scenarios[i];
        for (size_t p = 0; p < o->n_policies; p++)
            for (long r = 0; r < o->reps; r++, k++) {
                if (jobs == NULL)
                    continue;
                memset(&jobs[k], 0, sizeof jobs[k]);
                jobs[k].sc = s->sc;
                jobs[k].policy = herd_scenario_find_policy(s->sc, o->policy_names[p]);
                jobs[k].seed = s->seeds[r];
                jobs[k].records = cmp_records(st, s, p, (size_t)r);
                jobs[k].metrics = s->metrics;
                jobs[k].n_metrics = s->n_metrics;
                jobs[k].values = cmp_values(st, s, p, (size_t)r);
            }
    }
    return k;
}

static int run_all(const cmp_study *st, const cmp_regime *rm)
{
    size_t n_main = scenario_jobs(st, NULL);
    size_t n = n_main + (rm ? cmp_regime_jobs(rm, st, NULL) : 0);
    cmp_job *jobs = malloc(n * sizeof *jobs);
    if (jobs == NULL) {
        fputs("herd compare: out of memory\n", stderr);
        return HERD_EXIT_FAIL;
    }
    scenario_jobs(st, jobs);
    if (rm != NULL)
        cmp_regime_jobs(rm, st, jobs + n_main);
    size_t failed = cmp_run_jobs(jobs, n, st->opt->threads, st->opt->progress);
    if (failed < n)
        fprintf(stderr, "herd compare: policy %s, seed %llu: %s\n", jobs[failed].policy->name,
                (unsigned long long)jobs[failed].seed, jobs[failed].err);
    free(jobs);
    return failed < n ? HERD_EXIT_FAIL : 0;
}

static int write_outputs(const cmp_study *st, const cmp_regime *rm)
{
    char err[CMP_ERR], name[CMP_NAME + 16];
    const char *dir = st->opt->out_dir;
    int rc = cmp_write_file(dir, "summary.csv", cmp_write_summary_csv, st, err, sizeof err);
    if (rc == 0)
        rc = cmp_write_file(dir, "summary.md", cmp_write_summary_md, st, err, sizeof err);
    if (rc == 0)
        rc = cmp_write_file(dir, "runs.csv", cmp_write_runs, st, err, sizeof err);
    for (size_t i = 0; rc == 0 && i < st->n_scenarios; i++) {
        cmp_series_ctx ctx = {st, &st->scenarios[i]};
        snprintf(name, sizeof name, "series_%s.csv", st->scenarios[i].name);
        rc = cmp_write_file(dir, name, cmp_write_series, &ctx, err, sizeof err);
    }
    cmp_regime_ctx rctx = {st, rm};
    if (rc == 0 && rm != NULL)
        rc = cmp_write_file(dir, "regime.csv", cmp_write_regime, &rctx, err, sizeof err);
    if (rc == 0 && st->opt->plots)
        rc = cmp_plot(st, rm, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "herd compare: %s\n", err);
        return HERD_EXIT_FAIL;
    }
    return 0;
}

static int run_study(cmp_study *st)
{
    char err[CMP_ERR];
    cmp_regime regime, *rm = NULL;
    int rc = 0;
    if (st->opt->regime_map) {
        rc = cmp_regime_new(&regime, st, err, sizeof err);
        rm = &regime;
        if (rc != 0)
            fprintf(stderr, "herd compare: %s\n", err);
    }
    if (rc == 0 && herd_io_make_folder(st->opt->out_dir, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "herd compare: --out %s\n", err);
        rc = HERD_EXIT_FAIL;
    }
    st->regime = rm;
    if (rc == 0)
        rc = run_all(st, rm);
    if (rc == 0)
        rc = write_outputs(st, rm);
    if (rc == 0 && (cmp_write_summary_md(stdout, st) != 0 || fflush(stdout) != 0))
        rc = HERD_EXIT_FAIL;
    if (rm != NULL)
        cmp_regime_free(rm);
    return rc;
}

int herd_cli_compare(int argc, char **argv)
{
    gsl_set_error_handler_off();
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (paths == NULL) {
        fputs("herd compare: out of memory\n", stderr);
        return HERD_EXIT_FAIL;
    }
    cmp_options o;
    default_options(&o, paths);
    int rc = parse_args(argc, argv, &o);
    cmp_study st = {0};
    if (rc == 0)
        rc = prepare_study(&o, &st);
    if (rc == 0)
        rc = run_study(&st);
    free_study(&st);
    free(paths);
    return rc < 0 ? HERD_EXIT_OK : rc;
}
