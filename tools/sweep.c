/* herd sweep. Run i of a sweep is design point j, policy p and replication r, numbered
 *   i = (j * policies + p) * reps + r,
 * and its seed is herd_seed_derive(herd_seed_derive(scenario seed, j), r): the policies of one
 * point and replication share their draws (common random numbers), so that differences
 * between policies are not noise between seeds. In a Saltelli design the base sample of j
 * stands for j (herd_design_seed, include/herd/design.h), so the points whose outputs the
 * Sobol estimators subtract share their draws too. A run's row depends on i alone, which is why any
 * split of the runs among threads or ranks gives the same rows.
 *
 * Rows are appended to DIR/runs.csv as runs finish, each with one write() to a file opened
 * with O_APPEND and then fdatasync(), so a crash leaves whole rows and at most one partial
 * line, which the next start cuts off. The next start with the same command skips the runs
 * already there. When every run is in, the file is rewritten in run order under a temporary
 * name and renamed, and equals what an uninterrupted sweep writes. DIR/sweep.args records the
 * command's meaning and the loaded scenario's (tools/cli_describe.h), so that a second start
 * with other arguments or an edited scenario is refused. */
#include "commands.h"
#include "sweep_analyse.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_files.h"
#include "cli_describe.h"
#include "cli_memory.h"
#include "cli_progress.h"
#include "cli_scenario.h"
#include "herd/herd.h"
#include "herd_config.h"

#if HERD_HAVE_OPENMP
#include <omp.h>
#endif
#if HERD_HAVE_MPI
#include <mpi.h>
#endif

#define ROW_MAX 8192
#define MAX_POLICIES 64
#define PATH_MAX_LEN 4096

static const char sweep_help[] =
    "Usage: herd sweep SCENARIO --vary KEY=LO:HI[:STEPS]... --out DIR [OPTIONS]\n"
    "       herd sweep --analyse DIR\n"
    "Runs SCENARIO at every point of a design over the varied parameters, for each policy\n"
    "and replication, and writes one row per run to DIR/runs.csv.\n"
    "\n"
    "  --plugin FILE    loads a plug-in's policies (repeatable)\n"
    "  --vary KEY=LO:HI[:STEPS]  any numeric key of the scenario from LO to HI: a\n"
    "                   parameter (see herd info), run.ticks, style.NAME.KEY of a declared\n"
    "                   style, event.NAME.start|length|intensity; STEPS values in a grid\n"
    "                   (default 3); LO and HI whole for an integer key; repeatable, once\n"
    "                   per key, up to 40 (20 for saltelli)\n"
    "  --design grid|sobol|lhs|saltelli   every combination of the steps (default), a\n"
    "                   Sobol sequence (gsl_qrng_sobol), a Latin hypercube drawn from the\n"
    "                   seed, or Saltelli's design for Sobol indices: N base samples A_b\n"
    "                   and B_b (halves of a 2k-dimensional Sobol point) and, for each\n"
    "                   parameter i, A_b with parameter i from B_b; N (k + 2) points,\n"
    "                   point j being block j % (k + 2) (A, B, AB_1..AB_k) of sample\n"
    "                   j / (k + 2)\n"
    "  --samples N      points of a sobol or lhs design; base samples of a saltelli one\n"
    "                   (N >= 2; a power of two suits the Sobol sequence best)\n"
    "  --policies A,B   policies to run at every point: built-ins or [style.NAME] sections\n"
    "                   of the scenario (default: the scenario's)\n"
    "  --reps R         replications of each point and policy (default: the scenario's)\n"
    "  --ticks N, --seed N   override the scenario's\n"
    "  --threads N      runs at once (0: all cores); rows do not depend on it\n"
    "  --series         also write every run's ticks to DIR/series.csv, one row per run\n"
    "                   and tick: the run's columns of runs.csv up to the varied\n"
    "                   parameters, then tick and every field of the record\n"
    "  --out DIR        where results go (created if needed)\n"
    "  --no-progress    no progress line (shown only when stderr is a terminal)\n"
    "  --analyse DIR    sensitivity of each output to each varied parameter, per policy:\n"
    "                   first-order and total Sobol indices with 95% bootstrap intervals\n"
    "                   for a saltelli design, standardised regression coefficients else\n"
    "  --difference P,Q with --analyse: of the paired difference P - Q of every output\n"
    "                   (runs with the same point and replication share their seed)\n"
    "\n"
    "Run i is point j, policy p, replication r with i = (j * policies + p) * reps + r; its\n"
    "seed is herd_seed_derive(herd_seed_derive(seed, j), r), the same for every policy;\n"
    "in a saltelli design j / (k + 2) stands for j, so a base sample's points share seeds.\n"
    "A sweep that was stopped (even by kill -9) finishes when started again with the same\n"
    "command; its runs.csv then equals that of a sweep never stopped. DIR/sweep.args\n"
    "records the command and the scenario as loaded: other options or a scenario edited\n"
    "in a way that changes the runs are refused. Under mpirun -np K rank k runs\n"
    "i = k, k + K, k + 2K, ... and rank 0 also writes the rows.\n"
    "Exit status: 0 done, 1 a run or a write failed, 2 bad usage or input.\n";

typedef struct sweep_options {
    const char *scenario, *out, *design, *samples, *policies, *reps, *ticks, *seed, *threads;
    const char *analyse, *difference;
    const char **vary;
    int n_vary;
    const herd_catalog *catalog; /* the built-ins and the --plugin policies */
    int series, progress;
} sweep_options;

typedef struct sweep {
    herd_scenario *s;
    herd_factor factors[HERD_DESIGN_MAX_FACTORS]; /* keyed by scenario keys */
    herd_design *design;
    const herd_policy_type *policies[MAX_POLICIES]; /* NULL: the scenario's own */
    const char *labels[MAX_POLICIES];
    long n_policies;
    long reps, runs;
    int threads, series;
    const char *dir;
    char header[ROW_MAX];
    size_t header_prefix; /* the length of the columns that identify a run */
    /* output, on the rank that writes */
    int fd;
    unsigned char *done; /* one bit per run */
    long n_done;
    int sorted; /* the rows in the file are in run order */
    long last;  /* the run of the file's last row, -1 if none */
    int failed;
    int ranks_finished; /* under MPI, on rank 0: the other ranks that have sent all rows */
    herd_io_lock *lock;  /* on DIR/sweep.lock while this process writes DIR */
    cli_progress bar;    /* of this start's runs, where the rows are written */
    long before;         /* runs an earlier start wrote */
} sweep;

/* ---- options ---------------------------------------------------------------------------- */

static int parse_args(int argc, char **argv, sweep_options *o)
{
    struct {
        const char *name;
        const char **slot;
    } valued[] = {
        {"--out", &o->out},         {"--design", &o->design}, {"--samples", &o->samples},
        {"--policies", &o->policies}, {"--reps", &o->reps},   {"--ticks", &o->ticks},
        {"--seed", &o->seed},       {"--threads", &o->threads}, {"--analyse", &o->analyse},
        {"--difference", &o->difference},
    };
    for (int i = 1; i < argc; i++) {
        int missing = 0, matched = 0;
        const char *v;
        if (cli_is_help(argv[i])) {
            fputs(sweep_help, stdout);
            return -1;
        }
        if ((v = cli_option_value(argc, argv, &i, "--vary", &missing)) != NULL) {
            o->vary[o->n_vary++] = v;
            continue;
        }
        for (size_t k = 0; !matched && !missing && k < sizeof valued / sizeof valued[0]; k++)
            if ((v = cli_option_value(argc, argv, &i, valued[k].name, &missing)) != NULL) {
                *valued[k].slot = v;
                matched = 1;
            }
        if (matched)
            continue;
        if (strcmp(argv[i], "--series") == 0)
            o->series = 1;
        else if (strcmp(argv[i], "--no-progress") == 0)
            o->progress = 0;
        else if (cli_operand("sweep", argv[i], missing) != 0)
            return HERD_EXIT_USAGE;
        else if (o->scenario != NULL)
            return cli_usage_error("sweep", "one scenario at a time, not also %s", argv[i]);
        else
            o->scenario = argv[i];
    }
    return 0;
}

static int load_scenario(sweep *w, const sweep_options *o)
{
    if (o->scenario == NULL)
        return cli_usage_error("sweep", "no scenario file given");
    cli_overrides over = {.ticks = o->ticks, .seed = o->seed, .reps = o->reps};
    int rc = cli_scenario_load("sweep", o->scenario, o->catalog, &over, &w->s);
    if (rc == 0)
        w->reps = w->s->reps;
    return rc;
}

static int parse_policies(sweep *w, const char *list)
{
    if (list == NULL) {
        w->policies[0] = NULL;
        w->labels[0] = herd_scenario_policy_label(w->s, NULL);
        w->n_policies = 1;
        return 0;
    }
    const char *at = list;
    while (*at != '\0') {
        size_t n = strcspn(at, ",");
        char name[64];
        if (n == 0 || n >= sizeof name || w->n_policies == MAX_POLICIES)
            return cli_usage_error("sweep", "--policies %s: expected NAME[,NAME...]", list);
        memcpy(name, at, n);
        name[n] = '\0';
        const herd_policy_type *type = herd_scenario_find_policy(w->s, name);
        if (type == NULL)
            return cli_usage_error(
                "sweep",
                "--policies %s: %s is neither a built-in policy (see herd info) nor a "
                "[style.NAME] of the scenario",
                list, name);
        w->policies[w->n_policies] = type;
        w->labels[w->n_policies++] = type->name;
        at += n + (at[n] == ',');
    }
    return w->n_policies > 0 ? 0 : cli_usage_error("sweep", "--policies: no policy given");
}

/* --vary TEXT into factor k: any numeric key of the scenario (a parameter, a run key, a
 * declared style's key, an event's start, length or intensity), both ends taken by it. */
static int parse_factor(sweep *w, int k, const char *text)
{
    char err[512];
    herd_factor *f = &w->factors[k];
    if (herd_factor_parse(text, f, err, sizeof err) != HERD_OK)
        return cli_usage_error("sweep", "--vary %s", err);
    if (herd_sweep_resolve(w->s, f, 1, err, sizeof err) != HERD_OK)
        return cli_usage_error("sweep", "--vary %s: %s", text, err);
    return 0;
}

static int make_design(sweep *w, const sweep_options *o)
{
    char err[512];
    herd_design_kind kind = HERD_DESIGN_GRID;
    long samples = 0;
    if (o->n_vary > HERD_DESIGN_MAX_FACTORS)
        return cli_usage_error("sweep", "at most %d --vary options", HERD_DESIGN_MAX_FACTORS);
    for (int k = 0; k < o->n_vary; k++) {
        if (parse_factor(w, k, o->vary[k]) != 0)
            return HERD_EXIT_USAGE;
        for (int earlier = 0; earlier < k; earlier++)
            if (strcmp(w->factors[earlier].key, w->factors[k].key) == 0)
                return cli_usage_error("sweep", "--vary %s: %s is already varied by --vary %s",
                                       o->vary[k], w->factors[k].key, o->vary[earlier]);
    }
    if (o->design != NULL && herd_design_kind_parse(o->design, &kind) != HERD_OK)
        return cli_usage_error("sweep", "--design %s: expected grid, sobol, lhs or saltelli",
                               o->design);
    if (kind != HERD_DESIGN_GRID && o->samples == NULL)
        return cli_usage_error("sweep", "--design %s needs --samples N", o->design);
    if (o->samples != NULL &&
        cli_number("sweep", "--samples", o->samples, 2, 1000000000L, &samples))
        return HERD_EXIT_USAGE;
    if (herd_design_new(&w->design, kind, w->factors, (size_t)o->n_vary, samples, w->s->seed,
                        err, sizeof err) != HERD_OK)
        return cli_usage_error("sweep", "%s", err);
    w->runs = herd_sweep_n_runs(w->design, w->n_policies, w->reps);
    if (w->runs < 0)
        return cli_usage_error("sweep", "the sweep has too many runs");
    if (herd_sweep_check(w->s, w->design, cli_memory_limit(), err, sizeof err) != HERD_OK)
        return cli_say("sweep", HERD_EXIT_USAGE, "%s", err);
    return 0;
}

static int setup(sweep *w, const sweep_options *o)
{
    long threads = 0;
    int rc = load_scenario(w, o);
    if (rc == 0)
        rc = parse_policies(w, o->policies);
    if (rc == 0)
        rc = make_design(w, o);
    if (rc == 0 && o->threads != NULL)
        rc = cli_number("sweep", "--threads", o->threads, 0, 4096, &threads);
    if (rc == 0 && (o->out == NULL || *o->out == '\0'))
        rc = cli_usage_error("sweep", "--out DIR is required, and DIR may not be empty");
    w->threads = (int)threads;
    w->series = o->series;
    w->dir = o->out;
    return rc;
}

/* The first line of runs.csv, with room kept for its newline. */
static int make_header(sweep *w)
{
    if (herd_sweep_csv_header(w->factors, herd_design_n_factors(w->design), w->header,
                              sizeof w->header - 1, &w->header_prefix) != HERD_OK)
        return cli_usage_error("sweep", "the columns of runs.csv take more than %d bytes",
                               ROW_MAX - 2);
    return 0;
}

/* ---- one run ---------------------------------------------------------------------------- */

typedef struct worker {
    herd_design_cursor *cursor;
    herd_record *records; /* room for cap ticks: a point may vary run.ticks */
    long cap;
    char row[ROW_MAX];
    size_t prefix; /* the length of the run's own columns at the start of row */
    herd_scenario *cell; /* design point cell_point's scenario, kept for its next runs */
    long cell_point;
    char err[512];
} worker;

static int worker_init(worker *k, const sweep *w)
{
    memset(k, 0, sizeof *k);
    k->cell_point = -1;
    return herd_design_cursor_new(&k->cursor, w->design) == HERD_OK ? 0 : -1;
}

/* Room for ticks records: 0, or -1 with k->err. */
static int worker_reserve(worker *k, long ticks, long run)
{
    if (ticks <= k->cap)
        return 0;
    herd_record *grown = realloc(k->records, (size_t)ticks * sizeof *grown);
    if (grown == NULL) {
        snprintf(k->err, sizeof k->err, "run %ld: out of memory for %ld records", run, ticks);
        return -1;
    }
    k->records = grown;
    k->cap = ticks;
    return 0;
}

static void worker_free(worker *k)
{
    herd_design_cursor_free(k->cursor);
    free(k->records);
    herd_scenario_free(k->cell);
}

/* A run as the library numbers it, and its point's values. */
typedef struct run_key {
    herd_sweep_run_key id;
    double values[HERD_DESIGN_MAX_FACTORS];
} run_key;

static int decompose(const sweep *w, worker *k, long i, run_key *key)
{
    int rc = herd_sweep_run_key_of(w->design, w->s->seed, w->n_policies, w->reps, i, &key->id);
    if (rc == HERD_OK)
        rc = herd_design_cursor_point(k->cursor, key->id.point, key->values, NULL);
    if (rc != HERD_OK)
        snprintf(k->err, sizeof k->err, "run %ld: %s", i, herd_strerror(rc));
    return rc;
}

static int row_too_long(worker *k, const run_key *key)
{
    snprintf(k->err, sizeof k->err, "run %ld: its row is longer than %d bytes", key->id.run,
             ROW_MAX);
    return -1;
}

/* The row of run key, a line of runs.csv (herd_sweep_csv_run, herd_sweep_csv_outputs): its
 * own columns into k->row and k->prefix before it runs, the rest from its summary after. */
static int format_prefix(const sweep *w, worker *k, const run_key *key)
{
    if (herd_sweep_csv_run(&key->id, w->labels[key->id.policy], key->values,
                           herd_design_n_factors(w->design), k->row, sizeof k->row,
                           &k->prefix) != HERD_OK)
        return row_too_long(k, key);
    return 0;
}

/* The whole row's length, or -1 with k->err. */
static int format_row(worker *k, const run_key *key, const herd_summary *sum)
{
    size_t n = k->prefix;
    if (herd_sweep_csv_outputs(sum, k->row, sizeof k->row, &n) != HERD_OK)
        return row_too_long(k, key);
    return (int)n;
}

/* The run's ticks, into a file of its own until the sweep gathers them into series.csv. */
typedef struct series_out {
    herd_io_atomic *file;
    const worker *k;
    int status;
} series_out;

static void series_path(const sweep *w, long run, char *path, size_t size)
{
    snprintf(path, size, "%s/series/run-%08ld.csv", w->dir, run);
}

static int series_row(const herd_record *record, void *userdata)
{
    series_out *so = userdata;
    FILE *f = herd_io_atomic_file(so->file);
    if (so->status == HERD_OK &&
        (fwrite(so->k->row, 1, so->k->prefix, f) != so->k->prefix || putc(',', f) == EOF ||
         herd_io_csv_record(f, record) != HERD_OK || putc('\n', f) == EOF))
        so->status = HERD_EIO;
    return so->status != HERD_OK;
}

static int series_open(const sweep *w, worker *k, const run_key *key, series_out *so)
{
    char path[PATH_MAX_LEN];
    series_path(w, key->id.run, path, sizeof path);
    so->k = k;
    so->status = HERD_OK;
    return cli_file_open(&so->file, path, NULL, k->err, sizeof k->err) == HERD_OK ? 0 : -1;
}

/* The run of cell under policy, its ticks into its series file with --series, its summary
 * into sum: 0, or -1 with k->err. */
static int simulate(const sweep *w, worker *k, const run_key *key, const herd_scenario *cell,
                    const herd_policy_type *policy, herd_summary *sum)
{
    series_out so = {0};
    if (w->series && series_open(w, k, key, &so) != 0) {
        cli_file_abort(so.file);
        return -1;
    }
    herd_settings settings;
    herd_settings_default(&settings);
    settings.threads = 1; /* runs are the parallel unit */
    char why[400];
    int rc = herd_compare_run_one(cell, policy, key->id.seed, &settings,
                                  w->series ? series_row : NULL, &so, k->records, sum, why,
                                  sizeof why);
    if (rc != HERD_OK) {
        cli_file_abort(so.file);
        if (so.status != HERD_OK)
            snprintf(k->err, sizeof k->err, "run %ld: writing its series failed: %s", key->id.run,
                     herd_strerror(so.status));
        else
            snprintf(k->err, sizeof k->err, "run %ld: the run failed: %s", key->id.run, why);
        return -1;
    }
    if (so.file != NULL && cli_file_commit(so.file, k->err, sizeof k->err) != HERD_OK)
        return -1;
    return 0;
}

/* The scenario of run key: the sweep's with the point's values; NULL with k->err. A point's
 * runs are mostly one after another, so the worker keeps the last point's scenario for them
 * (and frees it with the point's declared styles only when another point comes). */
static herd_scenario *point_scenario(const sweep *w, worker *k, const run_key *key)
{
    if (k->cell != NULL && k->cell_point == key->id.point)
        return k->cell;
    herd_scenario_free(k->cell);
    k->cell = NULL;
    k->cell_point = key->id.point;
    char why[400];
    if (herd_sweep_point_scenario(&k->cell, w->s, key->id.point, w->factors,
                                  herd_design_n_factors(w->design), key->values,
                                  cli_memory_limit(), why, sizeof why) != HERD_OK)
        snprintf(k->err, sizeof k->err, "run %ld: %s", key->id.run, why);
    return k->cell;
}

/* The policy of key in the point's scenario, where a declared style is the copy's own. */
static const herd_policy_type *point_policy(const sweep *w, const herd_scenario *cell,
                                            const run_key *key)
{
    const herd_policy_type *p = w->policies[key->id.policy];
    return p != NULL ? herd_scenario_find_policy(cell, p->name) : NULL;
}

/* Runs run i into k->row; its length, or -1 with k->err. */
static int run_one(const sweep *w, worker *k, long i)
{
    run_key key;
    if (decompose(w, k, i, &key) != HERD_OK || format_prefix(w, k, &key) != 0)
        return -1;
    const herd_scenario *cell = point_scenario(w, k, &key);
    if (cell == NULL || worker_reserve(k, cell->ticks, i) != 0)
        return -1;
    herd_summary sum;
    int rc = simulate(w, k, &key, cell, point_policy(w, cell, &key), &sum);
    return rc != 0 ? -1 : format_row(k, &key, &sum);
}

/* ---- the results file ------------------------------------------------------------------- */

static int is_done(const sweep *w, long i)
{
    return w->done[i / 8] >> (i % 8) & 1;
}

static void mark_done(sweep *w, long i)
{
    w->done[i / 8] |= (unsigned char)(1u << (i % 8));
    w->n_done++;
    w->sorted &= i > w->last;
    w->last = i;
    cli_progress_show(&w->bar, (size_t)(w->n_done - w->before), (size_t)(w->runs - w->before));
}

/* The progress line, once the rows of an earlier start are counted. */
static void start_progress(sweep *w, const sweep_options *o)
{
    w->before = w->n_done;
    cli_progress_start(&w->bar, "sweep", NULL, "runs", o->progress);
}

static int write_all(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t put = write(fd, data, n);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return -1;
        data += put;
        n -= (size_t)put;
    }
    return 0;
}

/* A whole row in one write() to the O_APPEND file, then to the disk before it counts. */
static int append_row(sweep *w, const char *row, size_t len)
{
    if (write_all(w->fd, row, len) != 0 || fdatasync(w->fd) != 0)
        return cli_say("sweep", HERD_EXIT_FAIL, "%s/runs.csv: %s", w->dir, strerror(errno));
    return 0;
}

static int row_index(const char *line, long runs, long *index)
{
    char *end;
    errno = 0;
    long v = strtol(line, &end, 10);
    if (end == line || *end != ',' || errno != 0 || v < 0 || v >= runs)
        return -1;
    *index = v;
    return 0;
}

/* Reads the rows a previous start left: marks their runs, cuts a partial last line. */
static int scan_rows(sweep *w, FILE *f, const char *path)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    off_t kept = 0;
    long lineno = 0;
    int rc = 0;
    w->sorted = 1;
    w->last = -1;
    while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] != '\n')
            break; /* the partial line of a write cut short */
        line[len - 1] = '\0';
        long i;
        if (lineno++ == 0) {
            if (strcmp(line, w->header) != 0)
                rc = cli_usage_error("sweep", "%s has other columns: it belongs to another sweep",
                                     path);
        } else if (row_index(line, w->runs, &i) != 0 || is_done(w, i)) {
            rc = cli_usage_error("sweep", "%s:%ld: not a row of this sweep", path, lineno);
        } else {
            mark_done(w, i);
        }
        kept += len;
    }
    free(line);
    if (rc == 0 && ftruncate(w->fd, kept) != 0)
        rc = cli_say("sweep", HERD_EXIT_FAIL, "%s: %s", path, strerror(errno));
    if (rc == 0 && lineno == 0) {
        size_t n = strlen(w->header);
        w->header[n] = '\n';
        rc = append_row(w, w->header, n + 1) == 0 ? 0 : HERD_EXIT_FAIL;
        w->header[n] = '\0';
    }
    return rc;
}

static int open_rows(sweep *w)
{
    char path[PATH_MAX_LEN];
    snprintf(path, sizeof path, "%s/runs.csv", w->dir);
    w->done = calloc((size_t)(w->runs / 8 + 1), 1);
    if (w->done == NULL)
        return cli_say("sweep", HERD_EXIT_FAIL, "out of memory");
    w->fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0644);
    if (w->fd < 0)
        return cli_say("sweep", HERD_EXIT_FAIL, "%s: %s", path, strerror(errno));
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return cli_say("sweep", HERD_EXIT_FAIL, "%s: %s", path, strerror(errno));
    int rc = scan_rows(w, f, path);
    fclose(f);
    return rc;
}

#define ARGS_FORMAT "herd sweep, format 2"

/* What the rows mean besides their columns: a second start must be the same sweep of the
 * same scenario, which is described by its content, not by its file's name or text. */
static void describe(const sweep *w, const sweep_options *o, FILE *f)
{
    herd_design_kind kind = herd_design_kind_of(w->design);
    fprintf(f, ARGS_FORMAT "\ndesign %s\npoints %ld\nseries %d\n", herd_design_kind_name(kind),
            herd_design_points(w->design), w->series);
    for (long p = 0; p < w->n_policies; p++)
        fprintf(f, "sweep policy %s\n", w->labels[p]);
    for (size_t k = 0; k < herd_design_n_factors(w->design); k++)
        fprintf(f, "vary %s %.17g %.17g %ld\n", w->factors[k].key, w->factors[k].lo,
                w->factors[k].hi, kind == HERD_DESIGN_GRID ? w->factors[k].steps : 0);
    cli_describe_scenario(f, w->s, o->policies == NULL);
}

/* The record at path into *text (NULL if there is none): 0, or HERD_EXIT_FAIL if it is
 * there but cannot be read. */
static int read_record(const char *path, char **text)
{
    *text = NULL;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return errno == ENOENT ? 0
                               : cli_say("sweep", HERD_EXIT_FAIL, "%s: %s", path, strerror(errno));
    size_t size = 0;
    FILE *mem = open_memstream(text, &size);
    int c;
    while (mem != NULL && (c = getc(f)) != EOF)
        putc(c, mem);
    int bad = mem == NULL || ferror(f);
    int err = errno;
    fclose(f);
    if (mem != NULL && fclose(mem) != 0)
        bad = 1;
    if (!bad)
        return 0;
    free(*text);
    *text = NULL;
    return cli_say("sweep", HERD_EXIT_FAIL, "%s: %s", path,
                   mem == NULL ? "out of memory" : strerror(err));
}

/* Why the record theirs (from path) refuses the sweep described by mine. */
static int refuse_record(const sweep *w, const char *path, const char *theirs, const char *mine)
{
    char recorded[256], asked[256];
    size_t head = strlen(ARGS_FORMAT);
    cli_describe_difference(theirs, mine, recorded, asked, sizeof recorded);
    if (strncmp(theirs, ARGS_FORMAT, head) != 0 || theirs[head] != '\n')
        return cli_say("sweep", HERD_EXIT_USAGE,
                       "%s begins \"%s\", not \"%s\": it was made by another version of "
                       "herd. Finish that sweep with the herd that started it, or start again "
                       "with another --out (or after removing %s)",
                       path, recorded, ARGS_FORMAT, w->dir);
    return cli_say("sweep", HERD_EXIT_USAGE,
                   "%s holds another sweep: %s records \"%s\" where this command and its "
                   "scenario give \"%s\"; use another --out",
                   w->dir, path, recorded, asked);
}

static int write_record(const char *path, const char *mine)
{
    char err[512];
    herd_io_atomic *a;
    if (cli_file_open(&a, path, NULL, err, sizeof err) != HERD_OK)
        return cli_say("sweep", HERD_EXIT_FAIL, "%s", err);
    if (fputs(mine, herd_io_atomic_file(a)) < 0) {
        cli_file_abort(a);
        return cli_say("sweep", HERD_EXIT_FAIL, "%s: %s", path, strerror(errno));
    }
    if (cli_file_commit(a, err, sizeof err) != HERD_OK)
        return cli_say("sweep", HERD_EXIT_FAIL, "%s", err);
    return 0;
}

static int check_args_file(const sweep *w, const sweep_options *o)
{
    char path[PATH_MAX_LEN];
    snprintf(path, sizeof path, "%s/sweep.args", w->dir);
    char *mine = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&mine, &size);
    if (mem == NULL)
        return cli_say("sweep", HERD_EXIT_FAIL, "out of memory");
    describe(w, o, mem);
    if (fclose(mem) != 0) {
        free(mine);
        return cli_say("sweep", HERD_EXIT_FAIL, "out of memory");
    }
    char *theirs;
    int rc = read_record(path, &theirs);
    if (rc == 0 && theirs == NULL)
        rc = write_record(path, mine);
    else if (rc == 0 && strcmp(theirs, mine) != 0)
        rc = refuse_record(w, path, theirs, mine);
    free(mine);
    free(theirs);
    return rc;
}

/* One sweep at a time writes a folder: a second one would add its rows to the first's. */
static int lock_folder(sweep *w)
{
    char path[PATH_MAX_LEN], err[PATH_MAX_LEN + 256];
    snprintf(path, sizeof path, "%s/sweep.lock", w->dir);
    int rc = herd_io_lock_take(&w->lock, path, err, sizeof err);
    if (rc == HERD_ESTATE)
        return cli_say("sweep", HERD_EXIT_USAGE,
                       "--out %s: another sweep is writing this folder: %s", w->dir, err);
    return rc == HERD_OK ? 0 : cli_say("sweep", HERD_EXIT_FAIL, "%s", err);
}

static int prepare_output(sweep *w, const sweep_options *o)
{
    char series[PATH_MAX_LEN];
    int rc = cli_make_folder("sweep", w->dir);
    if (rc == 0)
        rc = lock_folder(w);
    snprintf(series, sizeof series, "%s/series", w->dir);
    if (rc == 0 && w->series)
        rc = cli_make_folder("sweep", series);
    if (rc == 0)
        rc = check_args_file(w, o);
    if (rc == 0)
        rc = open_rows(w);
    return rc;
}

/* The line starting at offset, copied to out (with its newline); its length or -1. */
static ssize_t read_line_at(int fd, off_t offset, char *out, size_t cap)
{
    ssize_t got = pread(fd, out, cap - 1, offset);
    if (got <= 0)
        return -1;
    char *nl = memchr(out, '\n', (size_t)got);
    return nl != NULL ? nl - out + 1 : -1;
}

/* Offsets of each run's row, by run index: 8 bytes a run, the only memory that grows with
 * the sweep, and only for this last step. */
static off_t *index_rows(sweep *w, const char *path)
{
    off_t *at = calloc((size_t)w->runs, sizeof *at);
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    off_t offset = 0;
    long i;
    while (at != NULL && f != NULL && (len = getline(&line, &cap, f)) > 0) {
        if (offset > 0 && row_index(line, w->runs, &i) == 0)
            at[i] = offset;
        offset += len;
    }
    free(line);
    if (f != NULL)
        fclose(f);
    return at;
}

static int rewrite_sorted(sweep *w)
{
    char path[PATH_MAX_LEN], err[512], row[ROW_MAX];
    snprintf(path, sizeof path, "%s/runs.csv", w->dir);
    off_t *at = index_rows(w, path);
    herd_io_atomic *a = NULL;
    if (at == NULL || cli_file_open(&a, path, NULL, err, sizeof err) != HERD_OK) {
        free(at);
        return cli_say("sweep", HERD_EXIT_FAIL, "%s: cannot rewrite in run order", path);
    }
    FILE *out = herd_io_atomic_file(a);
    int bad = fprintf(out, "%s\n", w->header) < 0;
    for (long i = 0; !bad && i < w->runs; i++) {
        ssize_t len = read_line_at(w->fd, at[i], row, sizeof row);
        bad = len < 0 || fwrite(row, 1, (size_t)len, out) != (size_t)len;
    }
    free(at);
    if (bad) {
        cli_file_abort(a);
        return cli_say("sweep", HERD_EXIT_FAIL, "%s: cannot rewrite in run order", path);
    }
    return cli_file_commit(a, err, sizeof err) == HERD_OK
               ? 0
               : cli_say("sweep", HERD_EXIT_FAIL, "%s", err);
}

/* Copies the series of run i into out; -1 if its file is missing or a write fails. */
static int copy_series(const sweep *w, long i, FILE *out)
{
    char path[PATH_MAX_LEN], buf[8192];
    series_path(w, i, path, sizeof path);
    FILE *in = fopen(path, "r");
    if (in == NULL)
        return -1;
    size_t got;
    int bad = 0;
    while (!bad && (got = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, got, out) != got;
    bad |= ferror(in);
    fclose(in);
    return bad ? -1 : 0;
}

static void remove_series(const sweep *w)
{
    char path[PATH_MAX_LEN];
    for (long i = 0; i < w->runs; i++) {
        series_path(w, i, path, sizeof path);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/series", w->dir);
    rmdir(path);
}

/* Gathers the runs' series into DIR/series.csv in run order, then removes them. A start
 * after a crash between the two finds DIR/series.csv complete and some runs' files gone. */
static int gather_series(sweep *w)
{
    char path[PATH_MAX_LEN], err[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/series", w->dir);
    if (!w->series || stat(path, &st) != 0)
        return 0;
    snprintf(path, sizeof path, "%s/series.csv", w->dir);
    herd_io_atomic *a = NULL;
    if (cli_file_open(&a, path, NULL, err, sizeof err) != HERD_OK)
        return cli_say("sweep", HERD_EXIT_FAIL, "%s", err);
    FILE *out = herd_io_atomic_file(a);
    int bad = fprintf(out, "%.*s,%s\n", (int)w->header_prefix, w->header,
                      HERD_IO_RECORD_COLUMNS) < 0;
    for (long i = 0; !bad && i < w->runs; i++)
        bad = copy_series(w, i, out);
    if (bad) {
        cli_file_abort(a);
        if (stat(path, &st) == 0) {
            remove_series(w);
            return 0;
        }
        return cli_say("sweep", HERD_EXIT_FAIL, "%s: cannot gather the runs' series", path);
    }
    if (cli_file_commit(a, err, sizeof err) != HERD_OK)
        return cli_say("sweep", HERD_EXIT_FAIL, "%s", err);
    remove_series(w);
    return 0;
}

static int finish_rows(sweep *w)
{
    if (w->failed || w->n_done < w->runs)
        return HERD_EXIT_FAIL;
    int rc = w->sorted ? 0 : rewrite_sorted(w);
    return rc == 0 ? gather_series(w) : rc;
}

/* ---- running on threads ----------------------------------------------------------------- */

/* Called with the row of run i, or with len < 0 and the worker's error. */
static void deliver(sweep *w, worker *k, long i, int len)
{
    if (len < 0) {
        cli_progress_end(&w->bar);
        fprintf(stderr, "herd sweep: %s\n", k->err);
        w->failed = 1;
        return;
    }
    if (append_row(w, k->row, (size_t)len) != 0) {
        w->failed = 1;
        return;
    }
    mark_done(w, i);
}

typedef void (*row_handler)(sweep *w, worker *k, long i, int len);

/* Runs i = first, first + stride, ... not yet done, on the sweep's threads. */
static void run_share(sweep *w, long first, long stride, row_handler handle)
{
    int threads = w->threads;
#if HERD_HAVE_OPENMP
    if (threads == 0)
        threads = omp_get_max_threads();
#pragma omp parallel num_threads(threads)
#endif
    {
        worker k;
        int usable = worker_init(&k, w) == 0;
        long count = first < w->runs ? (w->runs - 1 - first) / stride + 1 : 0;
#if HERD_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (long n = 0; n < count; n++) {
            long i = first + n * stride;
            int skip;
#if HERD_HAVE_OPENMP
#pragma omp atomic read
#endif
            skip = w->failed;
            if (skip || is_done(w, i))
                continue;
            int len = usable ? run_one(w, &k, i) : -1;
            if (!usable)
                snprintf(k.err, sizeof k.err, "run %ld: out of memory", i);
#if HERD_HAVE_OPENMP
#pragma omp critical(herd_sweep_rows)
#endif
            handle(w, &k, i, len);
        }
        worker_free(&k);
    }
    (void)threads;
}

static int sweep_local(sweep *w, const sweep_options *o)
{
    int rc = prepare_output(w, o);
    if (rc != 0)
        return rc;
    start_progress(w, o);
    run_share(w, 0, 1, deliver);
    cli_progress_end(&w->bar);
    rc = finish_rows(w);
    if (rc == 0)
        fprintf(stderr, "herd sweep: %ld runs (%ld from an earlier start) in %s/runs.csv\n",
                w->runs, w->before, w->dir);
    return rc;
}

/* ---- running on MPI ranks --------------------------------------------------------------- */

#if HERD_HAVE_MPI
enum { TAG_ROW = 1, TAG_FAIL = 2, TAG_DONE = 3 };

static void send_row(sweep *w, worker *k, long i, int len)
{
    (void)i;
    if (len < 0) {
        w->failed = 1;
        MPI_Send(k->err, (int)strlen(k->err) + 1, MPI_CHAR, 0, TAG_FAIL, MPI_COMM_WORLD);
    } else {
        MPI_Send(k->row, len, MPI_CHAR, 0, TAG_ROW, MPI_COMM_WORLD);
    }
}

/* Takes one message from another rank: a row, a failure or the end of that rank's share. */
static void receive_one(sweep *w)
{
    char buf[ROW_MAX];
    MPI_Status st;
    int len;
    MPI_Recv(buf, ROW_MAX - 1, MPI_CHAR, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    MPI_Get_count(&st, MPI_CHAR, &len);
    buf[len] = '\0';
    long i;
    if (st.MPI_TAG == TAG_DONE) {
        w->ranks_finished++;
    } else if (st.MPI_TAG == TAG_FAIL) {
        cli_progress_end(&w->bar);
        fprintf(stderr, "herd sweep: rank %d: %s\n", st.MPI_SOURCE, buf);
        w->failed = 1;
    } else if (row_index(buf, w->runs, &i) != 0 || is_done(w, i)) {
        fprintf(stderr, "herd sweep: a bad row from rank %d\n", st.MPI_SOURCE);
        w->failed = 1;
    } else if (append_row(w, buf, (size_t)len) != 0) {
        w->failed = 1;
    } else {
        mark_done(w, i);
    }
}

/* Rank 0 runs its own share too: after each of its rows it writes whatever the other ranks
 * have sent meanwhile, so their rows do not wait for its share to end. Called inside the
 * critical section, so one thread at a time calls MPI. */
static void deliver_and_collect(sweep *w, worker *k, long i, int len)
{
    deliver(w, k, i, len);
    int pending = 1;
    while (pending) {
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &pending, MPI_STATUS_IGNORE);
        if (pending)
            receive_one(w);
    }
}

static int sweep_mpi(sweep *w, const sweep_options *o, int rank, int size)
{
    int rc = rank == 0 ? prepare_output(w, o) : 0;
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rc != 0)
        return rc;
    if (rank != 0 && (w->done = calloc((size_t)(w->runs / 8 + 1), 1)) == NULL)
        MPI_Abort(MPI_COMM_WORLD, HERD_EXIT_FAIL);
    MPI_Bcast(w->done, (int)(w->runs / 8 + 1), MPI_UNSIGNED_CHAR, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        start_progress(w, o);
        run_share(w, 0, size, deliver_and_collect);
        while (w->ranks_finished < size - 1)
            receive_one(w);
        cli_progress_end(&w->bar);
        rc = finish_rows(w);
    } else {
        run_share(w, rank, size, send_row);
        MPI_Send(NULL, 0, MPI_CHAR, 0, TAG_DONE, MPI_COMM_WORLD);
    }
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rank == 0 && rc == 0)
        fprintf(stderr, "herd sweep: %ld runs (%ld from an earlier start) on %d ranks in "
                "%s/runs.csv\n", w->runs, w->before, size, w->dir);
    return rc;
}

/* One rank runs as on one machine; several share the runs, and rank 0 writes the rows. */
static int sweep_run(sweep *w, const sweep_options *o)
{
    int provided, rank, size;
    MPI_Init_thread(NULL, NULL, MPI_THREAD_SERIALIZED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (provided < MPI_THREAD_SERIALIZED)
        w->threads = 1;
    int rc = size == 1 ? sweep_local(w, o) : sweep_mpi(w, o, rank, size);
    MPI_Finalize();
    return rc;
}
#else
static int sweep_run(sweep *w, const sweep_options *o)
{
    return sweep_local(w, o);
}
#endif

int herd_cli_sweep(int argc, char **argv, const herd_catalog *catalog)
{
    const char **vary = calloc((size_t)argc, sizeof *vary);
    if (vary == NULL)
        return cli_say("sweep", HERD_EXIT_FAIL, "out of memory");
    sweep_options o = {.vary = vary, .catalog = catalog, .progress = 1};
    sweep *w = calloc(1, sizeof *w);
    int rc =
        w == NULL ? cli_say("sweep", HERD_EXIT_FAIL, "out of memory") : parse_args(argc, argv, &o);
    if (rc == 0 && o.analyse != NULL)
        rc = o.scenario != NULL ? cli_usage_error("sweep", "--analyse takes only DIR")
                                : herd_sweep_analyse(o.analyse, o.difference);
    else if (rc == 0 && o.difference != NULL)
        rc = cli_usage_error("sweep", "--difference goes with --analyse");
    else if (rc == 0)
        rc = setup(w, &o);
    if (rc == 0 && o.analyse == NULL)
        rc = make_header(w);
    if (rc == 0 && o.analyse == NULL) {
        w->fd = -1;
        rc = sweep_run(w, &o);
    }
    if (w != NULL) {
        if (w->fd > 0)
            close(w->fd);
        herd_scenario_free(w->s);
        herd_design_free(w->design);
        free(w->done);
        herd_io_lock_release(w->lock);
    }
    free(w);
    free(vary);
    return rc < 0 ? HERD_EXIT_OK : rc;
}
