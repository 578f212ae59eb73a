/* The herd program: subcommands dispatched through one table. Exit status 0 on success, 1
 * when a run fails, 2 for bad usage or bad input. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_memory.h"
#include "cli_files.h"
#include "cli_plugins.h"
#include "compare.h"
#include "herd/herd.h"
#include "sweep.h"

#define ERR_SIZE 1024

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}


static int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "herd %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'herd %s --help'.\n", cmd);
    va_end(ap);
    return HERD_EXIT_USAGE;
}

/* Option parsing: "--name VALUE" or "--name=VALUE". Returns the value of option name at
 * argv[*i] (advancing *i past it), or NULL if argv[*i] is not that option. *missing is set
 * when the option is there without a value. */
static const char *option(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

static int is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* herd run */

static const char run_help[] =
    "Usage: herd run SCENARIO [OPTIONS]\n"
    "Runs a scenario file and writes one CSV row per tick per replication.\n"
    "\n"
    "  --policy NAME    every team runs this policy: a built-in (see herd info) or a\n"
    "                   [style.NAME] of the scenario\n"
    "  --seed N         seed of the run; replication r uses herd_seed_derive(N, r)\n"
    "  --ticks N        ticks to run\n"
    "  --reps N         replications\n"
    "  --threads N      threads per simulation (0: all); output does not depend on it\n"
    "  --set KEY=VALUE  sets a scenario key as the file would (repeatable): a parameter\n"
    "                   or run key by name, or SECTION.KEY, e.g. event.storm.start=10,\n"
    "                   policy.left.teams=0-3, style.bold.front.direction=0.5\n"
    "  --out FILE|-     where the CSV goes (default -, standard output); a file is\n"
    "                   written under a temporary name and appears only when complete\n"
    "  --per-team FILE  also writes one row per team per tick to FILE: rep, seed_hi,\n"
    "                   seed_lo, tick, team, the team's policy and size, then the same\n"
    "                   measures for the team alone (not with --checkpoint or --resume)\n"
    "  --no-progress    no progress bar (it shows on a terminal after one second)\n"
    "  --plugin FILE    loads a plug-in's policies (repeatable; see herd info)\n"
    "  --checkpoint FILE, --checkpoint-every N\n"
    "                   saves the running simulation to FILE every N ticks; with --out\n"
    "                   FILE the rows so far are kept in FILE.partial meanwhile\n"
    "  --resume FILE    goes on from a checkpoint made by the same command (the same\n"
    "                   options and scenario, else refused); with --out FILE the\n"
    "                   output equals that of a run never stopped\n"
    "\n"
    "Options override the file: --set first, in order, then the others. A scenario that\n"
    "needs more memory than the machine has (or than ulimit -v, or HERD_MEMORY_LIMIT\n"
    "bytes if set) is refused before anything is allocated.\n"
    "Columns: " HERD_IO_CSV_HEADER "\n"
    "seed_hi and seed_lo hold the replication's own seed, seed_hi * 2^32 + seed_lo, whole\n"
    "numbers that every reader keeps exact. Exit status: 0 done, 1 the run\n"
    "failed, 2 bad usage or a bad scenario.\n";

typedef struct run_options {
    const char *scenario;
    const char *policy, *seed, *ticks, *reps, *threads, *out, *per_team;
    const char *checkpoint, *checkpoint_every, *resume;
    const char **sets;
    int n_sets;
    int progress;
} run_options;

static int parse_run_args(int argc, char **argv, run_options *o)
{
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (is_help(argv[i])) {
            fputs(run_help, stdout);
            return -1;
        }
        if ((v = option(argc, argv, &i, "--policy", &missing)) != NULL)
            o->policy = v;
        else if ((v = option(argc, argv, &i, "--seed", &missing)) != NULL)
            o->seed = v;
        else if ((v = option(argc, argv, &i, "--ticks", &missing)) != NULL)
            o->ticks = v;
        else if ((v = option(argc, argv, &i, "--reps", &missing)) != NULL)
            o->reps = v;
        else if ((v = option(argc, argv, &i, "--threads", &missing)) != NULL)
            o->threads = v;
        else if ((v = option(argc, argv, &i, "--out", &missing)) != NULL)
            o->out = v;
        else if ((v = option(argc, argv, &i, "--set", &missing)) != NULL)
            o->sets[o->n_sets++] = v;
        else if ((v = option(argc, argv, &i, "--per-team", &missing)) != NULL)
            o->per_team = v;
        else if ((v = option(argc, argv, &i, "--checkpoint-every", &missing)) != NULL)
            o->checkpoint_every = v;
        else if ((v = option(argc, argv, &i, "--checkpoint", &missing)) != NULL)
            o->checkpoint = v;
        else if ((v = option(argc, argv, &i, "--resume", &missing)) != NULL)
            o->resume = v;
        else if (strcmp(argv[i], "--no-progress") == 0)
            o->progress = 0;
        else if (missing)
            return usage_error("run", "option %s needs a value", argv[i]);
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return usage_error("run", "unknown option %s", argv[i]);
        else if (o->scenario != NULL)
            return usage_error("run", "one scenario at a time, not also %s", argv[i]);
        else
            o->scenario = argv[i];
    }
    if (o->scenario == NULL)
        return usage_error("run", "%s", "no scenario file given");
    if (*o->out == '\0' || (o->checkpoint && *o->checkpoint == '\0') ||
        (o->resume && *o->resume == '\0'))
        return usage_error("run", "%s", "--out, --checkpoint and --resume need a file name");
    if (o->per_team != NULL && (*o->per_team == '\0' || strcmp(o->per_team, "-") == 0))
        return usage_error("run", "%s", "--per-team needs a file name");
    if (o->per_team != NULL && (o->checkpoint || o->checkpoint_every || o->resume))
        return usage_error("run", "%s", "--per-team does not go with --checkpoint or --resume");
    return 0;
}

static int set_key(const char *cmd, herd_scenario *s, const char *key, const char *value,
                   const char *shown)
{
    char err[ERR_SIZE];
    if (herd_scenario_set(s, key, value, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "herd %s: %s: %s\n", cmd, shown, err);
        return HERD_EXIT_USAGE;
    }
    return HERD_EXIT_OK;
}

static int apply_sets(const char *cmd, herd_scenario *s, const run_options *o)
{
    char key[256];
    for (int i = 0; i < o->n_sets; i++) {
        const char *eq = strchr(o->sets[i], '=');
        if (eq == NULL || eq == o->sets[i] || (size_t)(eq - o->sets[i]) >= sizeof key)
            return usage_error(cmd, "--set %s: expected KEY=VALUE", o->sets[i]);
        memcpy(key, o->sets[i], (size_t)(eq - o->sets[i]));
        key[eq - o->sets[i]] = '\0';
        if (set_key(cmd, s, key, eq + 1, "--set") != HERD_EXIT_OK)
            return HERD_EXIT_USAGE;
    }
    int rc = HERD_EXIT_OK;
    if (rc == HERD_EXIT_OK && o->ticks != NULL)
        rc = set_key(cmd, s, "run.ticks", o->ticks, "--ticks");
    if (rc == HERD_EXIT_OK && o->seed != NULL)
        rc = set_key(cmd, s, "run.seed", o->seed, "--seed");
    if (rc == HERD_EXIT_OK && o->reps != NULL)
        rc = set_key(cmd, s, "run.reps", o->reps, "--reps");
    return rc;
}

static int parse_threads(const char *text, int *threads)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || v < 0 || v > 4096)
        return usage_error("run", "--threads %s: expected a whole number from 0 to 4096", text);
    *threads = (int)v;
    return HERD_EXIT_OK;
}

/* Loads, overrides, validates and checks the size: everything that can be refused before
 * a single agent is allocated. */
static int prepare(const char *cmd, const run_options *o, const herd_catalog *catalog,
                   herd_scenario **out, const herd_policy_type **override)
{
    char err[ERR_SIZE];
    herd_scenario *s;
    *out = NULL;
    if (herd_scenario_load_with(&s, o->scenario, catalog, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "%s\n", err);
        return HERD_EXIT_USAGE;
    }
    int rc = o->n_sets > 0 || o->ticks || o->seed || o->reps ? apply_sets(cmd, s, o) : HERD_EXIT_OK;
    *override = NULL;
    if (rc == HERD_EXIT_OK && o->policy != NULL &&
        (*override = herd_scenario_find_policy(s, o->policy)) == NULL) {
        fprintf(stderr, "herd %s: --policy %s: unknown policy; the policies are ", cmd, o->policy);
        cli_plugins_list(stderr, catalog);
        fputs(", or a [style.NAME] of the scenario\n", stderr);
        rc = HERD_EXIT_USAGE;
    }
    if (rc == HERD_EXIT_OK &&
        (herd_scenario_validate(s, err, sizeof err) != HERD_OK ||
         herd_scenario_check_memory(s, cli_memory_limit(), err, sizeof err) != HERD_OK)) {
        fprintf(stderr, "%s\n", err);
        rc = HERD_EXIT_USAGE;
    }
    if (rc != HERD_EXIT_OK) {
        herd_scenario_free(s);
        return rc;
    }
    *out = s;
    return HERD_EXIT_OK;
}

/* Progress on stderr, only on a terminal and only once a run has taken a second. */
typedef struct progress {
    int on;
    long done, total;
    double start, last;
    int drawn;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress_draw(progress *p, double t)
{
    enum { WIDTH = 40 };
    double share = (double)p->done / (double)p->total;
    int filled = (int)(share * WIDTH);
    double left = share > 0 ? (t - p->start) * (1 - share) / share : 0;
    fprintf(stderr, "\rherd: [%.*s%*s] %3d%%  %.0fs left ", filled,
            "########################################", WIDTH - filled, "",
            (int)(100 * share), left);
    fflush(stderr);
    p->drawn = 1;
    p->last = t;
}

static int progress_observer(const herd_record *record, void *userdata)
{
    (void)record;
    progress *p = userdata;
    p->done++;
    if (p->on && (p->done & 0x3) == 0) {
        double t = now();
        if (t - p->start >= 1.0 && t - p->last >= 0.1)
            progress_draw(p, t);
    }
    return interrupted != 0;
}

static void progress_end(progress *p)
{
    if (p->drawn)
        fprintf(stderr, "\r%*s\r", 72, "");
}

/* Where the rows go: the CSV, and each team's rows if teams_out is not NULL. */
typedef struct run_outputs {
    FILE *out;
    FILE *teams_out;
    herd_record *teams; /* one per team, for the per-team rows */
    size_t n_teams;
} run_outputs;

static int observe_teams(herd_sim *sim, const run_outputs *o, herd_io_team_sink *sink)
{
    if (o->teams_out == NULL)
        return HERD_OK;
    memset(o->teams, 0, o->n_teams * sizeof *o->teams);
    *sink = (herd_io_team_sink){o->teams_out, sim, o->teams, o->n_teams, 0, 0, HERD_OK};
    return herd_sim_observe(sim, herd_io_team_csv_observer, sink);
}

static int run_reps(const herd_scenario *s, const herd_policy_type *override, int threads,
                    int show, const run_outputs *o)
{
    herd_io_csv_sink sink = {o->out, herd_scenario_policy_label(s, override), 0, 0, HERD_OK};
    herd_io_team_sink team_sink = {.status = HERD_OK};
    progress prog = {show && isatty(STDERR_FILENO), 0, s->ticks * s->reps, now(), 0, 0};
    herd_settings settings;
    herd_settings_default(&settings);
    settings.threads = threads;
    int rc = herd_io_csv_header(o->out);
    if (rc == HERD_OK && o->teams_out != NULL)
        rc = herd_io_team_csv_header(o->teams_out);
    for (long r = 0; rc == HERD_OK && r < s->reps; r++) {
        herd_sim *sim = NULL;
        sink.rep = r;
        sink.seed = herd_seed_derive(s->seed, (uint64_t)r);
        rc = herd_scenario_sim_new(&sim, s, sink.seed, &settings, override);
        if (rc == HERD_OK && (rc = herd_sim_observe(sim, herd_io_csv_observer, &sink)) == HERD_OK)
            rc = herd_sim_observe(sim, progress_observer, &prog);
        if (rc == HERD_OK && (rc = observe_teams(sim, o, &team_sink)) == HERD_OK) {
            team_sink.rep = r;
            team_sink.seed = sink.seed;
        }
        if (rc == HERD_OK)
            rc = herd_sim_run(sim, s->ticks);
        progress_end(&prog);
        if (interrupted)
            fprintf(stderr, "herd run: interrupted\n");
        else if (sink.status != HERD_OK || team_sink.status != HERD_OK)
            fprintf(stderr, "herd run: writing the CSV failed: %s\n", strerror(errno));
        else if (rc != HERD_OK)
            fprintf(stderr, "herd run: replication %ld: %s%s%s\n", r, herd_strerror(rc),
                    sim != NULL && *herd_sim_errmsg(sim) ? ": " : "",
                    sim != NULL ? herd_sim_errmsg(sim) : "");
        herd_sim_free(sim);
    }
    return rc;
}

/* Opens path through the durable writer, or takes standard output for "-"; NULL path gives
 * no file. */
static int open_output(const char *path, herd_io_atomic **w, FILE **f)
{
    char err[ERR_SIZE];
    *w = NULL;
    *f = NULL;
    if (path == NULL)
        return HERD_OK;
    if (strcmp(path, "-") == 0) {
        *f = stdout;
        return HERD_OK;
    }
    if (cli_file_open(w, path, NULL, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "herd run: %s\n", err);
        return HERD_EIO;
    }
    *f = herd_io_atomic_file(*w);
    return HERD_OK;
}

static int close_output(herd_io_atomic *w, FILE *f, int rc)
{
    char err[ERR_SIZE];
    if (w == NULL) {
        if (f != NULL && fflush(f) != 0 && rc == HERD_OK) {
            fprintf(stderr, "herd run: writing the CSV failed: %s\n", strerror(errno));
            return HERD_EIO;
        }
        return rc;
    }
    if (rc != HERD_OK) {
        cli_file_abort(w);
        return rc;
    }
    if (cli_file_commit(w, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "herd run: %s\n", err);
        return HERD_EIO;
    }
    return HERD_OK;
}

static int run_to_files(const herd_scenario *s, const herd_policy_type *override, int threads,
                        int show, const char *path, const char *per_team)
{
    run_outputs o = {.n_teams = (size_t)s->params.n_teams};
    herd_io_atomic *w = NULL, *wt = NULL;
    if (per_team != NULL && (o.teams = calloc(o.n_teams, sizeof *o.teams)) == NULL) {
        fputs("herd run: out of memory for the per-team records\n", stderr);
        return HERD_EXIT_FAIL;
    }
    int rc = open_output(path, &w, &o.out);
    if (rc == HERD_OK && (rc = open_output(per_team, &wt, &o.teams_out)) != HERD_OK)
        close_output(w, o.out, rc);
    if (rc == HERD_OK) {
        rc = run_reps(s, override, threads, show, &o);
        int rc_teams = close_output(wt, o.teams_out, rc);
        rc = close_output(w, o.out, rc_teams);
    }
    free(o.teams);
    return rc == HERD_OK ? HERD_EXIT_OK : HERD_EXIT_FAIL;
}

static int cmd_run(int argc, char **argv, const herd_catalog *catalog)
{
    const char **sets = calloc((size_t)argc, sizeof *sets);
    if (sets == NULL) {
        fputs("herd run: out of memory\n", stderr);
        return HERD_EXIT_FAIL;
    }
    run_options o = {.sets = sets, .out = "-", .progress = 1};
    cli_catch_signals(on_signal); /* from the start: a signal while loading ends cleanly */
    int rc = parse_run_args(argc, argv, &o);
    int threads = 0;
    if (rc == 0 && o.threads != NULL)
        rc = parse_threads(o.threads, &threads);
    herd_scenario *s = NULL;
    const herd_policy_type *override = NULL;
    if (rc == 0)
        rc = prepare("run", &o, catalog, &s, &override);
    if (rc == 0 && (o.checkpoint || o.checkpoint_every || o.resume)) {
        herd_cli_checkpointing ck = {o.checkpoint, o.checkpoint_every, o.resume};
        rc = herd_cli_run_checkpointed(s, override, threads, o.out, &ck);
    } else if (rc == 0) {
        rc = run_to_files(s, override, threads, o.progress, o.out, o.per_team);
    }
    herd_scenario_free(s);
    free(sets);
    return rc < 0 ? HERD_EXIT_OK : rc;
}

/* herd validate */

static const char validate_help[] =
    "Usage: herd validate SCENARIO... [--set KEY=VALUE]... [--plugin FILE]...\n"
    "Checks scenario files as herd run would, without running them: syntax, keys, types,\n"
    "ranges, styles, events inside the run, team ranges inside the organisation, and\n"
    "whether one simulation fits in this machine's memory, after the --set options (as\n"
    "herd run applies them, to every file). Prints one line per good file; the first\n"
    "problem of a bad file as FILE:LINE: key: message. Exit status 0 if all are good, 2\n"
    "otherwise.\n";

static int cmd_validate(int argc, char **argv, const herd_catalog *catalog)
{
    const char **sets = calloc((size_t)argc, sizeof *sets);
    if (sets == NULL) {
        fputs("herd validate: out of memory\n", stderr);
        return HERD_EXIT_FAIL;
    }
    int n_sets = 0, files = 0, bad = 0, rc = HERD_EXIT_OK;
    for (int i = 1; i < argc && rc == HERD_EXIT_OK; i++) {
        int missing = 0;
        const char *v = option(argc, argv, &i, "--set", &missing);
        if (is_help(argv[i])) {
            fputs(validate_help, stdout);
            rc = -1;
        } else if (v != NULL) {
            sets[n_sets++] = v;
        } else if (missing) {
            rc = usage_error("validate", "option %s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            rc = usage_error("validate", "unknown option %s", argv[i]);
        }
    }
    for (int i = 1; i < argc && rc == HERD_EXIT_OK; i++) {
        if (strcmp(argv[i], "--set") == 0) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        run_options o = {.scenario = argv[i], .sets = sets, .n_sets = n_sets};
        herd_scenario *s;
        const herd_policy_type *override;
        files++;
        if (prepare("validate", &o, catalog, &s, &override) != HERD_EXIT_OK) {
            bad++;
            continue;
        }
        printf("%s: ok: %ld teams of %ld, %ld ticks, %ld reps, policy %s, events %zu, "
               "styles %zu\n",
               argv[i], s->params.n_teams, s->params.team_size, s->ticks, s->reps,
               herd_scenario_policy_label(s, NULL), s->n_events, herd_scenario_style_count(s));
        herd_scenario_free(s);
    }
    free(sets);
    if (rc != HERD_EXIT_OK)
        return rc < 0 ? HERD_EXIT_OK : rc;
    if (files == 0)
        return usage_error("validate", "%s", "no scenario file given");
    return bad ? HERD_EXIT_USAGE : HERD_EXIT_OK;
}

/* herd info */

static const char info_help[] =
    "Usage: herd info [--plugin FILE]...\n"
    "Prints the version, the policies (the built-ins with their stances and thresholds, and\n"
    "each plug-in's, with its file), the event kinds, every model parameter with its\n"
    "default, range, unit and meaning, and every output: the fields of each tick's record\n"
    "(herd run's columns) and the run metrics (compare's and sweep's), with unit, which\n"
    "direction is better and meaning.\n";

/* The keys of style whose fields lie in [from, to), as "name value" pairs. */
static void print_keys(const herd_style *style, const char *label, size_t from, size_t to)
{
    printf("  %-11s %s:", "", label);
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++) {
        const herd_style_key *k = herd_style_key_info(i);
        const char *name = strchr(k->name, '.') != NULL ? strchr(k->name, '.') + 1 : k->name;
        if (k->offset >= from && k->offset < to)
            printf(" %s %.15g", name, herd_style_get(style, k));
    }
    putchar('\n');
}

static void print_style(const herd_style *style)
{
    size_t calm = offsetof(herd_style, calm), front = offsetof(herd_style, front);
    size_t after = front + sizeof(herd_stance), staged = offsetof(herd_style, staged);
    static const char *const stages[] = {"directing", "coaching", "supporting", "delegating"};
    if (!style->staged)
        print_keys(style, style->switching ? "calm" : "stance", calm, front);
    for (int i = 0; style->staged && i < HERD_STAGE_COUNT; i++) {
        size_t at = offsetof(herd_style, stage) + (size_t)i * sizeof(herd_stance);
        print_keys(style, stages[i], at, at + sizeof(herd_stance));
    }
    if (style->staged)
        print_keys(style, "stages", offsetof(herd_style, stage) + sizeof style->stage,
                   sizeof *style);
    if (!style->switching)
        return;
    print_keys(style, "front", front, after);
    print_keys(style, "switch", after, staged);
}

static void print_outputs(const herd_output_info *(*info)(size_t), size_t n)
{
    printf("  %-24s %-18s %-7s %s\n", "name", "unit", "better", "meaning");
    for (size_t i = 0; i < n; i++) {
        const herd_output_info *o = info(i);
        printf("  %-24s %-18s %-7s %s\n", o->name, o->unit,
               o->better > 0 ? "higher" : o->better < 0 ? "lower" : "-", o->doc);
    }
}

static int cmd_info(int argc, char **argv, const herd_catalog *catalog)
{
    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i])) {
            fputs(info_help, stdout);
            return HERD_EXIT_OK;
        }
        return usage_error("info", "unexpected argument %s", argv[i]);
    }
    printf("herd %s (headers %s)\n\nPolicies:\n", herd_version(), HERD_VERSION_STRING);
    for (size_t i = 0; i < herd_catalog_count(catalog); i++) {
        const herd_policy_type *t = herd_catalog_get(catalog, i);
        const herd_plugin *p = herd_catalog_plugin_of(catalog, t);
        printf("  %-11s %s\n", t->name, t->description != NULL ? t->description : "");
        if (p != NULL)
            printf("  %-11s from plug-in %s (%s)\n", "", p->name,
                   herd_catalog_plugin_path(catalog, p));
        if (herd_policy_style(t) != NULL)
            print_style(herd_policy_style(t));
    }
    printf("\nEvent kinds:");
    for (int k = 0; k <= HERD_EVENT_HIRING; k++)
        printf(" %s", herd_event_kind_name((herd_event_kind)k));
    printf("\n\nParameters (set in [organisation] or [model], or with --set NAME=VALUE):\n");
    printf("  %-24s %-10s %-22s %-18s %-12s %s\n", "name", "default", "range", "plausible",
           "unit", "meaning");
    for (size_t i = 0; herd_params_info(i) != NULL; i++) {
        const herd_param_info *p = herd_params_info(i);
        char range[48], plausible[48];
        snprintf(range, sizeof range, "[%.15g, %.15g]", p->min, p->max);
        snprintf(plausible, sizeof plausible, "[%.15g, %.15g]", p->low, p->high);
        printf("  %-24s %-10.15g %-22s %-18s %-12s %s\n", p->name, p->def, range, plausible,
               p->unit, p->doc);
    }
    printf("\nRecord fields (each tick; herd run's columns after policy, rep, seed_hi, "
           "seed_lo, tick):\n");
    print_outputs(herd_record_info, herd_record_info_count());
    printf("\nRun metrics (herd compare and herd sweep):\n");
    print_outputs(herd_summary_info, herd_summary_info_count());
    return HERD_EXIT_OK;
}

/* Dispatch */

typedef struct command {
    const char *name;
    /* argv[0] is the name; the catalogue holds the built-ins and the --plugin policies */
    int (*main)(int argc, char **argv, const herd_catalog *catalog);
    int (*main_io)(int argc, char **argv, FILE *out, FILE *err); /* or this one */
    const char *summary;
} command;

static const command commands[] = {
    {"run", cmd_run, NULL, "run a scenario, write CSV"},
    {"validate", cmd_validate, NULL, "check scenario files"},
    {"info", cmd_info, NULL, "version, policies, parameters"},
    {"compare", herd_cli_compare, NULL, "compare leadership styles over paired replications"},
    {"optimise", herd_cli_optimise, NULL, "the best stance for a scenario, or a map of them"},
    {"sweep", herd_cli_sweep, NULL, "parameter sweeps, resumable, on threads or MPI"},
    {"classic", NULL, herd_cli_classic, "classic organisational-learning models"},
    {"robustness", herd_cli_robustness, NULL, "how far the stylised facts hold over plausible parameters"},
    {"calibrate", herd_cli_calibrate, NULL, "fit parameters to field targets, test on held-out ones"},
};

enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

static void usage(FILE *f)
{
    fprintf(f, "Usage: herd COMMAND [ARGS]   (herd COMMAND --help for each)\n\nCommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n  --version  print the version\n");
}

int main(int argc, char **argv)
{
    cli_files_catch_signals();
    if (argc < 2) {
        usage(stderr);
        return HERD_EXIT_USAGE;
    }
    if (is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return HERD_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("herd %s\n", herd_version());
        return HERD_EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (commands[i].main == NULL)
            return commands[i].main_io(argc - 1, argv + 1, stdout, stderr);
        int sub_argc = argc - 1;
        herd_catalog *catalog = NULL;
        int rc = cli_plugins_take(argv[1], &sub_argc, argv + 1, &catalog);
        if (rc == 0)
            rc = commands[i].main(sub_argc, argv + 1, catalog);
        herd_catalog_free(catalog);
        return rc;
    }
    fprintf(stderr, "herd: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return HERD_EXIT_USAGE;
}
