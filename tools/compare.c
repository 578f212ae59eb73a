/* herd compare: every policy on every scenario with paired replications. This file reads
 * the command line and the scenarios and puts the parts together. */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_files.h"
#include "cli_memory.h"
#include "cli_progress.h"
#include "cli_scenario.h"
#include "cli_sqlite.h"
#include "compare_plot.h"
#include "compare_write.h"

static const char compare_help[] =
    "Usage: herd compare SCENARIO... [OPTIONS]\n"
    "Runs every policy on every scenario, R replications each. Replication r runs every\n"
    "policy with the same seed, herd_seed_derive(scenario seed, r), so the differences\n"
    "between policies are paired. Prints the summary table and writes to DIR:\n"
    "  summary.csv, summary.md, runs.csv (every run's seed and metrics), scenarios.csv\n"
    "  (each scenario's text, seed and herd's version), series_<scenario>.csv,\n"
    "  compare_<scenario>.png/.svg, and with --regime-map regime.csv and\n"
    "  regime.png/.svg. docs/COMPARE.md explains each file.\n"
    "\n"
    "  --policies LIST    comma-separated policies: built-ins, plug-ins' and styles\n"
    "                     declared in the scenario; 'scenario' runs the scenario's own\n"
    "                     policies as one arm (default: every built-in and plug-in\n"
    "                     policy, and 'scenario' for a scenario that mixes policies)\n"
    "  --reps R           replications, at least 2 (default 10)\n"
    "  --threads N        runs at once (0: one per core); results do not depend on it\n"
    "  --ticks N          ticks of every scenario (default: each scenario's [run] ticks)\n"
    "  --seed N           seed of every scenario (default: each scenario's [run] seed)\n"
    "  --out DIR          output folder, made if missing (default compare-out)\n"
    "  --sqlite FILE      also the tables of the CSV files in one SQLite database: runs,\n"
    "                     summary, series, regime and scenarios (docs/OUTPUTS.md)\n"
    "  --regime-map       also map the winner over two keys of the first scenario\n"
    "  --grid N           points on each axis of the map, 2 to 50 (default 5; implies\n"
    "                     --regime-map)\n"
    "  --regime-metric M[,M...]  the run metrics the map ranks by, one map each from\n"
    "                     the same runs (default innovation_total; innovation and\n"
    "                     performance stand for *_total); the first is regime.csv/.png,\n"
    "                     the others regime_METRIC.csv/.png\n"
    "  --regime-x KEY=A:B[:N]  first axis: any numeric scenario key (default\n"
    "                     skill_mean=0.2:0.8); N overrides --grid\n"
    "  --regime-y KEY=A:B[:N]  second axis (default crisis_rate=0:0.06)\n"
    "  --skill-range A:B  the same as --regime-x skill_mean=A:B\n"
    "  --crisis-range A:B the same as --regime-y crisis_rate=A:B\n"
    "  --no-plots         write no plots.gp and run no gnuplot\n"
    "  --no-progress      no progress bar (shown only when stderr is a terminal)\n"
    "  --plugin FILE      loads a plug-in's policies (repeatable)\n"
    "\n"
    "Set HERD_GNUPLOT to use another gnuplot. Exit status: 0 done, 1 a run or a write\n"
    "failed, 2 bad usage or a bad scenario.\n";

static int parse_range(const char *opt, const char *text, double range[2])
{
    char *mid, *end;
    errno = 0;
    double lo = strtod(text, &mid);
    if (mid == text || *mid != ':')
        return cli_usage_error("compare", "%s %s: expected LOW:HIGH", opt, text);
    double hi = strtod(mid + 1, &end);
    if (end == mid + 1 || *end != '\0' || errno != 0 || !(lo < hi))
        return cli_usage_error("compare", "%s %s: expected LOW:HIGH with LOW < HIGH", opt, text);
    range[0] = lo;
    range[1] = hi;
    return 0;
}

static int add_policy(cmp_options *o, const char *name, size_t len)
{
    if (len >= CMP_NAME)
        return cli_usage_error("compare", "--policies: name '%.*s...' too long", CMP_NAME - 1,
                               name);
    for (size_t i = 0; i < o->n_policies; i++)
        if (strlen(o->policy_names[i]) == len && strncmp(o->policy_names[i], name, len) == 0)
            return cli_usage_error("compare", "--policies: '%.*s' given twice", (int)len, name);
    if (o->n_policies == CMP_MAX_POLICIES)
        return cli_usage_error("compare", "--policies: at most %d policies", CMP_MAX_POLICIES);
    char *copy = strndup(name, len);
    if (copy == NULL)
        return cli_usage_error("compare", "out of memory");
    o->policy_names[o->n_policies++] = copy;
    return 0;
}

static int parse_policies(cmp_options *o, const char *list)
{
    for (size_t i = 0; i < o->n_policies; i++)
        free((char *)o->policy_names[i]);
    o->n_policies = 0;
    for (const char *p = list;; p++) {
        size_t len = strcspn(p, ",");
        if (len == 0)
            return cli_usage_error("compare", "--policies %s: empty policy name", list);
        if (add_policy(o, p, len) != 0)
            return HERD_EXIT_USAGE;
        p += len;
        if (*p == '\0')
            return 0;
    }
}

static int parse_axis(cmp_options *o, int axis, const char *opt, const char *text)
{
    char err[CMP_ERR];
    if (herd_factor_parse(text, &o->axes[axis], err, sizeof err) != HERD_OK)
        return cli_usage_error("compare", "%s: %s", opt, err);
    return 0;
}

/* --skill-range A:B and --crisis-range A:B: their keys' axes. */
static int parse_key_range(cmp_options *o, int axis, const char *opt, const char *key,
                           const char *text)
{
    double range[2] = {0, 0};
    if (parse_range(opt, text, range) != 0)
        return HERD_EXIT_USAGE;
    herd_factor *f = &o->axes[axis];
    snprintf(f->key, sizeof f->key, "%s", key);
    f->lo = range[0];
    f->hi = range[1];
    f->steps = 0;
    return 0;
}

static void default_options(cmp_options *o, const char **paths)
{
    memset(o, 0, sizeof *o);
    o->scenario_paths = paths;
    o->reps = 10;
    o->out_dir = "compare-out";
    o->grid = 5;
    o->axes[0] = (herd_factor){.key = "skill_mean", .lo = 0.2, .hi = 0.8};
    o->axes[1] = (herd_factor){.key = "crisis_rate", .lo = 0, .hi = 0.06};
    o->regime_metrics[0] = "innovation_total";
    o->n_regime_metrics = 1;
    o->plots = 1;
    o->progress = 1;
}

/* --regime-metric M[,M...]: run metrics, each a map of its own from the same runs. */
static int parse_regime_metrics(cmp_options *o, const char *list)
{
    o->n_regime_metrics = 0;
    for (const char *p = list;; p++) {
        size_t len = strcspn(p, ",");
        char name[CMP_NAME];
        snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), p);
        const herd_output_info *info = herd_summary_find_metric(name);
        if (len == 0 || len >= sizeof name || info == NULL)
            return cli_usage_error("compare",
                                   "--regime-metric %s: '%s' is not a run metric (herd info lists "
                                   "them)",
                                   list, name);
        if (o->n_regime_metrics == CMP_MAX_METRICS)
            return cli_usage_error("compare", "--regime-metric %s: at most %d metrics", list,
                                   CMP_MAX_METRICS);
        o->regime_metrics[o->n_regime_metrics++] = info->name;
        p += len;
        if (*p == '\0')
            return 0;
    }
}

/* One option with a value at argv[*i]; 1 if argv[*i] is none of them. */
static int parse_valued(cmp_options *o, int argc, char **argv, int *i, int *missing)
{
    const char *v;
    if ((v = cli_option_value(argc, argv, i, "--policies", missing)))
        return parse_policies(o, v);
    if ((v = cli_option_value(argc, argv, i, "--reps", missing)))
        return cli_number("compare", "--reps", v, HERD_COMPARE_MIN_REPS, 1000000, &o->reps);
    if ((v = cli_option_value(argc, argv, i, "--threads", missing)))
        return cli_int("compare", "--threads", v, 0, 4096, &o->threads);
    if ((v = cli_option_value(argc, argv, i, "--grid", missing))) {
        o->regime_map = 1;
        return cli_number("compare", "--grid", v, 2, 50, &o->grid);
    }
    if ((v = cli_option_value(argc, argv, i, "--ticks", missing)))
        return o->ticks = v, 0;
    if ((v = cli_option_value(argc, argv, i, "--seed", missing)))
        return o->seed = v, 0;
    if ((v = cli_option_value(argc, argv, i, "--out", missing)))
        return *v ? (o->out_dir = v, 0) : cli_usage_error("compare", "--out: empty folder name");
    if ((v = cli_option_value(argc, argv, i, "--sqlite", missing)))
        return o->sqlite = v, cli_sqlite_path("compare", v);
    if ((v = cli_option_value(argc, argv, i, "--regime-metric", missing))) {
        o->regime_map = 1;
        return parse_regime_metrics(o, v);
    }
    if ((v = cli_option_value(argc, argv, i, "--regime-x", missing)))
        return o->regime_map = 1, parse_axis(o, 0, "--regime-x", v);
    if ((v = cli_option_value(argc, argv, i, "--regime-y", missing)))
        return o->regime_map = 1, parse_axis(o, 1, "--regime-y", v);
    if ((v = cli_option_value(argc, argv, i, "--skill-range", missing)))
        return o->regime_map = 1, parse_key_range(o, 0, "--skill-range", "skill_mean", v);
    if ((v = cli_option_value(argc, argv, i, "--crisis-range", missing)))
        return o->regime_map = 1, parse_key_range(o, 1, "--crisis-range", "crisis_rate", v);
    return 1;
}

/* 0, HERD_EXIT_USAGE, or -1 after printing the help. */
/* The database may not take the place of a file compare writes into the --out folder: its
 * tables, script and plots, every one of them named with one of these endings. */
static int sqlite_apart(const cmp_options *o)
{
    static const char *const endings[] = {".csv", ".md", ".gp", ".png", ".svg"};
    if (o->sqlite == NULL)
        return 0;
    const char *slash = strrchr(o->sqlite, '/'), *name = slash != NULL ? slash + 1 : o->sqlite;
    char in_out[4096];
    snprintf(in_out, sizeof in_out, "%s/%s", o->out_dir, name);
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
        size_t n = strlen(endings[i]);
        if (len >= n && strcmp(name + len - n, endings[i]) == 0 &&
            herd_io_same_destination(o->sqlite, in_out))
            return cli_usage_error("compare",
                                   "--sqlite %s: the --out folder %s holds the tables, script "
                                   "and plots (.csv, .md, .gp, .png, .svg) this command writes; "
                                   "give the database a name of its own",
                                   o->sqlite, o->out_dir);
    }
    return 0;
}

static int parse_args(int argc, char **argv, cmp_options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int missing = 0;
        if (cli_is_help(a)) {
            fputs(compare_help, stdout);
            return -1;
        }
        int rc = parse_valued(o, argc, argv, &i, &missing);
        if (rc != 1) {
            if (rc != 0)
                return HERD_EXIT_USAGE;
        } else if (strcmp(a, "--regime-map") == 0) {
            o->regime_map = 1;
        } else if (strcmp(a, "--no-plots") == 0) {
            o->plots = 0;
        } else if (strcmp(a, "--no-progress") == 0) {
            o->progress = 0;
        } else if (cli_operand("compare", a, missing) != 0) {
            return HERD_EXIT_USAGE;
        } else {
            o->scenario_paths[o->n_scenarios++] = a;
        }
    }
    if (o->n_scenarios == 0)
        return cli_usage_error("compare", "no scenario file given");
    for (int k = 0; k < 2; k++)
        if (o->axes[k].steps == 0)
            o->axes[k].steps = o->grid;
    return sqlite_apart(o);
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

static int mixes_policies(const herd_scenario *sc)
{
    return strcmp(herd_scenario_policy_label(sc, NULL), "mixed") == 0;
}

/* Every policy of the catalogue, and the scenario's own mix first if it has one. */
static void default_arms(const cmp_options *o, cmp_scenario *s)
{
    if (mixes_policies(s->sc))
        s->arms[s->n_arms++] = NULL;
    for (size_t i = 0; i < herd_catalog_count(o->catalog) && s->n_arms < CMP_MAX_POLICIES; i++)
        s->arms[s->n_arms++] = herd_catalog_get(o->catalog, i);
}

/* The --policies names, resolved among the scenario's declared styles and the catalogue. */
static int resolve_arms(const cmp_options *o, size_t index, cmp_scenario *s)
{
    if (o->n_policies == 0) {
        default_arms(o, s);
        return 0;
    }
    for (size_t i = 0; i < o->n_policies; i++) {
        const char *name = o->policy_names[i];
        const herd_policy_type *p = NULL;
        if (strcmp(name, "scenario") != 0 && (p = herd_scenario_find_policy(s->sc, name)) == NULL)
            return cli_usage_error("compare",
                                   "--policies: unknown policy '%s' in %s (the built-ins, the "
                                   "plug-ins' policies and the styles the scenario declares can "
                                   "be compared)",
                                   name, o->scenario_paths[index]);
        s->arms[s->n_arms++] = p;
    }
    return 0;
}

static int prepare_scenario(const cmp_options *o, size_t index, cmp_scenario *s)
{
    cli_overrides over = {.ticks = o->ticks, .seed = o->seed};
    if (cli_scenario_load("compare", o->scenario_paths[index], o->catalog, &over, &s->sc) != 0)
        return HERD_EXIT_USAGE;
    scenario_name(o->scenario_paths[index], s->name, sizeof s->name);
    int rc = resolve_arms(o, index, s);
    char err[CMP_ERR];
    if (rc == 0 && herd_compare_arms_check(s->sc, s->arms, s->n_arms, err, sizeof err) != HERD_OK)
        return cli_usage_error("compare", "--policies, in %s: %s", o->scenario_paths[index], err);
    return rc;
}

static int unique_names(const cmp_study *st)
{
    for (size_t i = 0; i < st->n_scenarios; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(st->scenarios[i].name, st->scenarios[j].name) == 0)
                return cli_usage_error(
                    "compare", "%s and %s would both be named '%s' in the output",
                    st->opt->scenario_paths[j], st->opt->scenario_paths[i], st->scenarios[i].name);
    return 0;
}

static void free_study(cmp_study *st)
{
    for (size_t i = 0; i < st->n_scenarios; i++) {
        herd_scenario_free(st->scenarios[i].sc);
        herd_compare_free(st->scenarios[i].result);
    }
    herd_regime_free(st->regime);
    free(st->scenarios);
}

static int prepare_study(const cmp_options *o, cmp_study *st)
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
    return unique_names(st);
}

static void settings_for(const cmp_options *o, herd_compare_settings *cs, cli_progress *p,
                         const char *what)
{
    cli_progress_start(p, "compare", what, "runs", o->progress);
    herd_compare_settings_default(cs);
    cs->reps = o->reps;
    cs->threads = o->threads;
    cs->memory_limit = cli_memory_limit();
    cs->progress = cli_progress_show;
    cs->progress_cookie = p;
}

static int run_scenarios(cmp_study *st)
{
    for (size_t i = 0; i < st->n_scenarios; i++) {
        cmp_scenario *s = &st->scenarios[i];
        char err[CMP_ERR];
        herd_compare_settings cs;
        cli_progress p;
        settings_for(st->opt, &cs, &p, s->name);
        int rc = herd_compare_run(&s->result, s->sc, s->arms, s->n_arms, &cs, err, sizeof err);
        cli_progress_end(&p);
        if (rc != HERD_OK) {
            fprintf(stderr, "herd compare: %s: %s\n", st->opt->scenario_paths[i], err);
            return rc == HERD_ETOOBIG ? HERD_EXIT_USAGE : HERD_EXIT_FAIL;
        }
    }
    return 0;
}

/* The map over the first scenario; a bad axis or cell is bad usage, a failed run is not. */
static int run_regime(cmp_study *st)
{
    const cmp_scenario *s = &st->scenarios[0];
    char err[CMP_ERR];
    herd_compare_settings cs;
    cli_progress p;
    settings_for(st->opt, &cs, &p, "regime map");
    int rc = herd_regime_run(&st->regime, s->sc, st->opt->axes, s->arms, s->n_arms, &cs, err,
                             sizeof err);
    cli_progress_end(&p);
    if (rc != HERD_OK) {
        fprintf(stderr, "herd compare: %s\n", err);
        return rc == HERD_EPOLICY || rc == HERD_ENOMEM || rc == HERD_ECALLBACK ? HERD_EXIT_FAIL
                                                                               : HERD_EXIT_USAGE;
    }
    for (size_t k = 0; k < st->opt->n_regime_metrics; k++)
        if (herd_compare_find_metric(herd_regime_cell(st->regime, 0, 0),
                                     st->opt->regime_metrics[k],
                                     &st->regime_metrics[k]) != HERD_OK)
            return HERD_EXIT_FAIL;
    return 0;
}

static int write_outputs(const cmp_study *st)
{
    char err[CMP_ERR], name[CMP_NAME + 16];
    const char *dir = st->opt->out_dir;
    int rc = cli_write_file(dir, "summary.csv", cmp_write_summary_csv, st, err, sizeof err);
    if (rc == 0)
        rc = cli_write_file(dir, "summary.md", cmp_write_summary_md, st, err, sizeof err);
    if (rc == 0)
        rc = cli_write_file(dir, "runs.csv", cmp_write_runs, st, err, sizeof err);
    if (rc == 0)
        rc = cli_write_file(dir, "scenarios.csv", cmp_write_scenarios, st, err, sizeof err);
    for (size_t i = 0; rc == 0 && i < st->n_scenarios; i++) {
        snprintf(name, sizeof name, "series_%s.csv", st->scenarios[i].name);
        rc = cli_write_file(dir, name, cmp_write_series, &st->scenarios[i], err, sizeof err);
    }
    for (size_t k = 0; rc == 0 && st->regime != NULL && k < st->opt->n_regime_metrics; k++) {
        cmp_regime_view view = {st, k};
        cmp_regime_file(st, k, "csv", name, sizeof name);
        rc = cli_write_file(dir, name, cmp_write_regime, &view, err, sizeof err);
    }
    if (rc == 0 && st->opt->plots)
        rc = cmp_plot(st, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "herd compare: %s\n", err);
        return HERD_EXIT_FAIL;
    }
    return 0;
}

/* --sqlite FILE: opened before the runs, so that a file that cannot be written is named
 * before they take their time; 0 or HERD_EXIT_FAIL after saying why. */
static int open_db(const cmp_study *st, herd_io_atomic **w, herd_sqlite **db)
{
    char err[CMP_ERR];
    herd_sqlite_options opt;
    herd_sqlite_options_default(&opt);
    opt.tables = HERD_SQLITE_NO_TABLES;
    if (cli_sqlite_open(w, db, st->opt->sqlite, &opt, err, sizeof err) == HERD_OK)
        return 0;
    fprintf(stderr, "herd compare: %s\n", err);
    return HERD_EXIT_FAIL;
}

/* With rc 0, the tables into db and the file put in place; otherwise the file removed. */
static int close_db(const cmp_study *st, herd_io_atomic *w, herd_sqlite *db, int rc)
{
    char err[CMP_ERR];
    if (rc != 0) {
        cli_sqlite_close(w, db, HERD_EINVAL, err, sizeof err);
        return rc;
    }
    if (cli_sqlite_close(w, db, cmp_write_tables(st, db), err, sizeof err) == HERD_OK)
        return 0;
    fprintf(stderr, "herd compare: %s\n", err);
    return HERD_EXIT_FAIL;
}

static int run_study(cmp_study *st)
{
    int rc = 0;
    herd_io_atomic *w = NULL;
    herd_sqlite *db = NULL;
    for (size_t i = 0; rc == 0 && i < st->n_scenarios; i++)
        rc = cli_scenario_fits(st->scenarios[i].sc);
    if (rc == 0)
        rc = cli_make_folder("compare", st->opt->out_dir);
    if (rc == 0 && st->opt->sqlite != NULL)
        rc = open_db(st, &w, &db);
    if (rc == 0)
        rc = run_scenarios(st);
    if (rc == 0 && st->opt->regime_map)
        rc = run_regime(st);
    if (rc == 0)
        rc = write_outputs(st);
    if (db != NULL)
        rc = close_db(st, w, db, rc);
    if (rc == 0 && (cmp_write_summary_md(stdout, st) != 0 || fflush(stdout) != 0))
        rc = HERD_EXIT_FAIL;
    return rc;
}

int herd_cli_compare(int argc, char **argv, const herd_catalog *catalog)
{
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (paths == NULL) {
        fputs("herd compare: out of memory\n", stderr);
        return HERD_EXIT_FAIL;
    }
    cmp_options o;
    default_options(&o, paths);
    o.catalog = catalog;
    int rc = parse_args(argc, argv, &o);
    cmp_study st = {0};
    if (rc == 0)
        rc = prepare_study(&o, &st);
    if (rc == 0)
        rc = run_study(&st);
    free_study(&st);
    for (size_t i = 0; i < o.n_policies; i++)
        free((char *)o.policy_names[i]);
    free(paths);
    return rc < 0 ? HERD_EXIT_OK : rc;
}
