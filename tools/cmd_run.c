/* herd run: a scenario's replications, one CSV row per tick, and per team on request. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_files.h"
#include "cli_plugins.h"
#include "cli_progress.h"
#include "cli_scenario.h"
#include "cli_sqlite.h"
#include "commands.h"
#include "herd/herd.h"
#include "run_checkpoint.h"
#include "run_sqlite.h"

enum { ERR_SIZE = 1024 };

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
    "  --out FILE|-     where the CSV goes (default -, standard output, unless --sqlite\n"
    "                   is given); a file is written under a temporary name and appears\n"
    "                   only when complete\n"
    "  --per-team FILE  also writes one row per team per tick to FILE: rep, seed_hi,\n"
    "                   seed_lo, tick, team, the team's policy and size, then the same\n"
    "                   measures for the team alone (not with --checkpoint or --resume)\n"
    "  --sqlite FILE    writes the run to one SQLite database instead of CSV (or beside\n"
    "                   --out): tables records, summary (one row per replication) and run\n"
    "                   (seed, version, scenario), columns named as in the CSV files\n"
    "                   (docs/OUTPUTS.md; not with --checkpoint or --resume)\n"
    "  --sqlite-teams   also one row per team per tick in its table team_records\n"
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
    "bytes if set) is refused before anything is allocated; a HERD_MEMORY_LIMIT that is\n"
    "not a whole number from 1 is refused too.\n"
    "Columns: " HERD_IO_CSV_HEADER "\n"
    "seed_hi and seed_lo hold the replication's own seed, seed_hi * 2^32 + seed_lo, whole\n"
    "numbers that every reader keeps exact. Exit status: 0 done, 1 the run\n"
    "failed, 2 bad usage or a bad scenario.\n";

typedef struct run_options {
    const char *scenario;
    const char *policy, *threads, *out, *per_team, *sqlite;
    const char *checkpoint, *checkpoint_every, *resume;
    const char **sets;
    cli_overrides over;
    int progress, sqlite_teams;
} run_options;

static int check_sqlite_args(const run_options *o)
{
    if (o->sqlite_teams && o->sqlite == NULL)
        return cli_usage_error("run", "%s", "--sqlite-teams needs --sqlite FILE");
    if (o->sqlite != NULL && (o->checkpoint || o->checkpoint_every || o->resume))
        return cli_usage_error("run", "%s", "--sqlite does not go with --checkpoint or --resume");
    return o->sqlite != NULL ? cli_sqlite_path("run", o->sqlite) : 0;
}

/* A run may go on checkpointing into the file it resumed from, but no two outputs may share
 * a file, nor may an output replace the checkpoint being resumed, nor a checkpoint the
 * unfinished rows of a checkpointed run. */
static int distinct_outputs(const run_options *o)
{
    char partial[4096] = "";
    if ((o->checkpoint || o->checkpoint_every || o->resume) && o->out != NULL &&
        strcmp(o->out, "-") != 0)
        snprintf(partial, sizeof partial, "%s" HERD_CLI_PARTIAL_SUFFIX, o->out);
    const cli_output_option outputs[] = {
        {"--out", o->out},
        {"--per-team", o->per_team},
        {"--sqlite", o->sqlite},
        {"--out's unfinished rows", *partial != '\0' ? partial : NULL},
        {"--checkpoint", o->checkpoint},
        {"--resume", o->resume}};
    const size_t files = sizeof outputs / sizeof outputs[0] - 1;
    if (cli_outputs_distinct("run", outputs, files) != 0)
        return HERD_EXIT_USAGE;
    for (size_t i = 0; i + 1 < files; i++) {
        const cli_output_option pair[] = {outputs[i], outputs[files]};
        if (cli_outputs_distinct("run", pair, 2) != 0)
            return HERD_EXIT_USAGE;
    }
    return 0;
}

static int parse_run_args(int argc, char **argv, run_options *o)
{
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (cli_is_help(argv[i])) {
            fputs(run_help, stdout);
            return -1;
        }
        if ((v = cli_option_value(argc, argv, &i, "--policy", &missing)) != NULL)
            o->policy = v;
        else if ((v = cli_option_value(argc, argv, &i, "--seed", &missing)) != NULL)
            o->over.seed = v;
        else if ((v = cli_option_value(argc, argv, &i, "--ticks", &missing)) != NULL)
            o->over.ticks = v;
        else if ((v = cli_option_value(argc, argv, &i, "--reps", &missing)) != NULL)
            o->over.reps = v;
        else if ((v = cli_option_value(argc, argv, &i, "--threads", &missing)) != NULL)
            o->threads = v;
        else if ((v = cli_option_value(argc, argv, &i, "--out", &missing)) != NULL)
            o->out = v;
        else if ((v = cli_option_value(argc, argv, &i, "--set", &missing)) != NULL)
            o->sets[o->over.n_sets++] = v;
        else if ((v = cli_option_value(argc, argv, &i, "--per-team", &missing)) != NULL)
            o->per_team = v;
        else if ((v = cli_option_value(argc, argv, &i, "--sqlite", &missing)) != NULL)
            o->sqlite = v;
        else if (strcmp(argv[i], "--sqlite-teams") == 0)
            o->sqlite_teams = 1;
        else if ((v = cli_option_value(argc, argv, &i, "--checkpoint-every", &missing)) != NULL)
            o->checkpoint_every = v;
        else if ((v = cli_option_value(argc, argv, &i, "--checkpoint", &missing)) != NULL)
            o->checkpoint = v;
        else if ((v = cli_option_value(argc, argv, &i, "--resume", &missing)) != NULL)
            o->resume = v;
        else if (strcmp(argv[i], "--no-progress") == 0)
            o->progress = 0;
        else if (cli_operand("run", argv[i], missing) != 0)
            return HERD_EXIT_USAGE;
        else if (o->scenario != NULL)
            return cli_usage_error("run", "one scenario at a time, not also %s", argv[i]);
        else
            o->scenario = argv[i];
    }
    if (o->scenario == NULL)
        return cli_usage_error("run", "%s", "no scenario file given");
    if (o->out == NULL && o->sqlite == NULL)
        o->out = "-";
    if ((o->out != NULL && *o->out == '\0') || (o->checkpoint && *o->checkpoint == '\0') ||
        (o->resume && *o->resume == '\0'))
        return cli_usage_error("run", "%s", "--out, --checkpoint and --resume need a file name");
    if (o->per_team != NULL && (*o->per_team == '\0' || strcmp(o->per_team, "-") == 0))
        return cli_usage_error("run", "%s", "--per-team needs a file name");
    if (o->per_team != NULL && (o->checkpoint || o->checkpoint_every || o->resume))
        return cli_usage_error("run", "%s", "--per-team does not go with --checkpoint or --resume");
    int rc = check_sqlite_args(o);
    return rc != 0 ? rc : distinct_outputs(o);
}

/* Loads, overrides, validates and checks the size: everything that can be refused before
 * a single agent is allocated. */
static int prepare(const run_options *o, const herd_catalog *catalog, herd_scenario **out,
                   const herd_policy_type **override)
{
    herd_scenario *s = NULL;
    int rc = cli_scenario_load("run", o->scenario, catalog, &o->over, &s);
    *override = NULL;
    if (rc == 0 && o->policy != NULL &&
        (*override = herd_scenario_find_policy(s, o->policy)) == NULL) {
        fprintf(stderr, "herd run: --policy %s: unknown policy; the policies are ", o->policy);
        cli_plugins_list(stderr, catalog);
        fputs(", or a [style.NAME] of the scenario\n", stderr);
        rc = HERD_EXIT_USAGE;
    }
    if (rc == 0)
        rc = cli_scenario_fits(s);
    if (rc != 0)
        herd_scenario_free(s);
    *out = rc == 0 ? s : NULL;
    return rc;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* The progress line counts the ticks of every replication. */
typedef struct tick_count {
    cli_progress bar;
    size_t done, total;
} tick_count;

/* Counts a tick; ends the run once a signal came. */
static int progress_observer(const herd_record *record, void *userdata)
{
    (void)record;
    tick_count *p = userdata;
    if ((++p->done & 0x3) == 0)
        cli_progress_show(&p->bar, p->done, p->total);
    return interrupted != 0;
}

/* Where the rows go: the CSV if out.f is not NULL, each team's rows if teams_out.f is not
 * NULL, the database if db is not NULL. */
typedef struct run_outputs {
    cli_output out, teams_out;
    herd_record *teams; /* one per team, for the per-team rows */
    size_t n_teams;
    run_db *db;
} run_outputs;

/* The CSV sinks of one replication; csv names its policy, replication and seed. */
typedef struct rep_sinks {
    herd_io_csv_sink csv;
    herd_io_team_sink teams;
} rep_sinks;

static int observe(herd_sim *sim, const run_outputs *o, rep_sinks *k, tick_count *prog)
{
    int rc = o->out.f != NULL ? herd_sim_observe(sim, herd_io_csv_observer, &k->csv) : HERD_OK;
    if (rc == HERD_OK)
        rc = herd_sim_observe(sim, progress_observer, prog);
    if (rc == HERD_OK && o->teams_out.f != NULL) {
        memset(o->teams, 0, o->n_teams * sizeof *o->teams);
        k->teams = (herd_io_team_sink){o->teams_out.f, sim,         o->teams, o->n_teams,
                                       k->csv.rep,     k->csv.seed, HERD_OK};
        rc = herd_sim_observe(sim, herd_io_team_csv_observer, &k->teams);
    }
    if (rc == HERD_OK && o->db != NULL)
        rc = run_db_observe(o->db, sim, k->csv.policy, k->csv.rep, k->csv.seed);
    return rc;
}

static void report(long r, int rc, const herd_sim *sim, const rep_sinks *k, const run_db *db)
{
    if (interrupted)
        fprintf(stderr, "herd run: interrupted\n");
    else if (k->csv.status != HERD_OK || k->teams.status != HERD_OK)
        fprintf(stderr, "herd run: writing the CSV failed: %s\n", strerror(errno));
    else if ((db == NULL || run_db_failed(db) == HERD_OK) && rc != HERD_OK)
        fprintf(stderr, "herd run: replication %ld: %s%s%s\n", r, herd_strerror(rc),
                sim != NULL && *herd_sim_errmsg(sim) ? ": " : "",
                sim != NULL ? herd_sim_errmsg(sim) : "");
}

static int write_headers(const run_outputs *o)
{
    int rc = o->out.f != NULL ? herd_io_csv_header(o->out.f) : HERD_OK;
    if (rc == HERD_OK && o->teams_out.f != NULL)
        rc = herd_io_team_csv_header(o->teams_out.f);
    return rc;
}

static int run_reps(const herd_scenario *s, const herd_policy_type *override, int threads,
                    int show, const run_outputs *o)
{
    rep_sinks k = {.csv = {o->out.f, herd_scenario_policy_label(s, override), 0, 0, HERD_OK},
                   .teams = {.status = HERD_OK}};
    tick_count prog = {.total = (size_t)(s->ticks * s->reps)};
    cli_progress_start(&prog.bar, "run", NULL, "ticks", show);
    herd_settings settings;
    herd_settings_default(&settings);
    settings.threads = threads;
    int rc = write_headers(o);
    for (long r = 0; rc == HERD_OK && r < s->reps; r++) {
        herd_sim *sim = NULL;
        k.csv.rep = r;
        k.csv.seed = herd_seed_derive(s->seed, (uint64_t)r);
        rc = herd_scenario_sim_new(&sim, s, k.csv.seed, &settings, override);
        if (rc == HERD_OK && (rc = observe(sim, o, &k, &prog)) == HERD_OK)
            rc = herd_sim_run(sim, s->ticks);
        cli_progress_end(&prog.bar);
        report(r, rc, sim, &k, o->db);
        herd_sim_free(sim);
        if (rc == HERD_OK && o->db != NULL)
            rc = run_db_summarise(o->db, s->ticks);
    }
    return rc;
}

static int open_output(cli_output *out, const char *path)
{
    char err[ERR_SIZE];
    if (cli_output_open(out, path, err, sizeof err) == HERD_OK)
        return HERD_OK;
    fprintf(stderr, "herd run: %s\n", err);
    return HERD_EIO;
}

static int close_output(cli_output *out, int rc)
{
    char err[ERR_SIZE];
    if (cli_output_close(out, rc == HERD_OK, err, sizeof err) == HERD_OK)
        return rc;
    fprintf(stderr, "herd run: %s\n", err);
    return HERD_EIO;
}

static int run_to_files(const herd_scenario *s, const herd_policy_type *override,
                        const run_options *ro, int threads)
{
    run_outputs o = {.n_teams = (size_t)s->params.n_teams};
    run_db db;
    if (ro->per_team != NULL && (o.teams = calloc(o.n_teams, sizeof *o.teams)) == NULL) {
        fputs("herd run: out of memory for the per-team records\n", stderr);
        return HERD_EXIT_FAIL;
    }
    int rc = open_output(&o.out, ro->out);
    if (rc == HERD_OK && (rc = open_output(&o.teams_out, ro->per_team)) != HERD_OK)
        close_output(&o.out, rc);
    if (rc == HERD_OK && ro->sqlite != NULL &&
        (rc = run_db_open(&db, ro->sqlite, s, ro->sqlite_teams)) != HERD_OK)
        close_output(&o.out, close_output(&o.teams_out, rc));
    if (rc == HERD_OK) {
        o.db = ro->sqlite != NULL ? &db : NULL;
        rc = run_reps(s, override, threads, ro->progress, &o);
        if (o.db != NULL)
            rc = run_db_close(o.db, rc);
        rc = close_output(&o.out, close_output(&o.teams_out, rc));
    }
    free(o.teams);
    return rc == HERD_OK ? HERD_EXIT_OK : HERD_EXIT_FAIL;
}

int herd_cli_run(int argc, char **argv, const herd_catalog *catalog)
{
    const char **sets = calloc((size_t)argc, sizeof *sets);
    if (sets == NULL) {
        fputs("herd run: out of memory\n", stderr);
        return HERD_EXIT_FAIL;
    }
    run_options o = {.sets = sets, .over.sets = sets, .progress = 1};
    cli_catch_signals(on_signal); /* from the start: a signal while loading ends cleanly */
    int rc = parse_run_args(argc, argv, &o);
    int threads = 0;
    if (rc == 0 && o.threads != NULL)
        rc = cli_int("run", "--threads", o.threads, 0, 4096, &threads);
    herd_scenario *s = NULL;
    const herd_policy_type *override = NULL;
    if (rc == 0)
        rc = prepare(&o, catalog, &s, &override);
    if (rc == 0 && (o.checkpoint || o.checkpoint_every || o.resume)) {
        herd_cli_checkpointing ck = {o.checkpoint, o.checkpoint_every, o.resume};
        rc = herd_cli_run_checkpointed(s, override, threads, o.out, &ck);
    } else if (rc == 0) {
        rc = run_to_files(s, override, &o, threads);
    }
    herd_scenario_free(s);
    free(sets);
    return rc < 0 ? HERD_EXIT_OK : rc;
}
