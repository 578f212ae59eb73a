#ifndef HERD_COMPARE_H
#define HERD_COMPARE_H

/* Experiments over the engine: paired comparisons of leader policies on a scenario, regime
 * maps (which policy wins where, over a grid of any two scenario keys) and sweeps over a
 * design. Any policy type takes part on the same terms: a built-in, a type a program
 * registers, a plug-in's, a style declared in the scenario.
 *
 * Seeds. Replication r of a scenario whose seed is S runs every policy with the seed
 * herd_seed_derive(S, r): the runs of two policies in one replication meet the same draws,
 * so their difference is paired. Every cell of a regime map uses these same seeds, so
 * neighbouring cells differ by their keys only. A sweep's point j uses
 * herd_design_seed(design, S, j, r) (include/herd/design.h).
 *
 * Threads. Each run is one simulation on one thread; runs are spread over threads, and every
 * number below depends on the scenario, the policies and the seeds only, never on the number
 * of threads.
 *
 * What a run measures: every metric of the table of run metrics (herd_summary_info in
 * include/herd/metrics.h), then, for each event of the scenario that starts after tick 0, the
 * dip of performance it causes and the ticks until performance recovers
 * (herd_metrics_event_effect, with a window of settings.event_window ticks). A run that never
 * recovers counts the ticks it had left: a lower bound that keeps means finite and still ranks
 * "never" last. */

#include <stddef.h>
#include <stdint.h>

#include "herd/design.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/io.h"
#include "herd/metrics.h"
#include "herd/policy.h"
#include "herd/scenario.h"
#include "herd/sensitivity.h"
#include "herd/sim.h"
#include "herd/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Ticks before an event that set its baseline, and after its end that a dip may still reach:
 * a quarter of a year. */
#define HERD_COMPARE_EVENT_WINDOW 13

/* The fewest replications of a comparison or a regime map: an interval needs two. */
#define HERD_COMPARE_MIN_REPS 2

/* Called after each finished run with the runs done so far and the total. Calls are
 * serialised but may come from any of the threads, so it must not call back into the
 * experiment. A non-zero return cancels the runs not yet started; the experiment then fails
 * with HERD_ECALLBACK. */
typedef int (*herd_progress_fn)(void *cookie, size_t done, size_t total);

typedef struct herd_compare_settings {
    long reps;          /* replications: >= HERD_COMPARE_MIN_REPS, or >= 1 for a sweep;
                         * default 10 */
    double level;       /* confidence level of every interval; default 0.95 */
    int threads;        /* runs at once; 0: OpenMP's default; ignored without OpenMP */
    int keep_records;   /* 1 (default): keep every run's records, for per-tick series */
    long event_window;  /* default HERD_COMPARE_EVENT_WINDOW */
    herd_progress_fn progress; /* optional */
    void *progress_cookie;
    /* Allocator and log callback for the experiment and its simulations; its threads and
     * parallel_min_agents are ignored (each simulation runs on one thread). */
    herd_settings sim;
    /* Bytes one simulation may take (0, the default: herd_sim_memory_limit()). Every scenario
     * the experiment would run (each point of a sweep, each cell of a map) is checked against
     * it before anything is allocated, and refused with HERD_ETOOBIG and the message of
     * herd_scenario_check_memory. */
    double memory_limit;
} herd_compare_settings;

HERD_API void herd_compare_settings_default(herd_compare_settings *s);
/* HERD_OK if herd_compare_run and herd_regime_run take settings: reps at least
 * HERD_COMPARE_MIN_REPS, level strictly between 0 and 1, event_window at least 1, threads
 * and memory_limit not negative, sim.alloc and sim.dealloc both or neither. Otherwise
 * HERD_EINVAL and err naming the field ("settings reps = 1: ..."); HERD_EINVAL for NULL. */
HERD_API herd_status herd_compare_settings_check(const herd_compare_settings *s, char *err,
                                                 size_t err_size);

typedef enum herd_metric_kind {
    HERD_METRIC_RUN,      /* a run metric of herd_summary_info */
    HERD_METRIC_DIP,      /* the dip of performance after an event */
    HERD_METRIC_RECOVERY, /* ticks until performance recovers after an event */
} herd_metric_kind;

/* One number measured on every run. */
typedef struct herd_compare_metric {
    char name[64];  /* the run metric's name, or dip_KIND_tSTART, recovery_KIND_tSTART */
    char label[64]; /* for tables: the name, or "dip KIND@START" */
    herd_metric_kind kind;
    int better;     /* +1: higher is better; -1: lower is better */
    long event;     /* index of the event in the scenario; -1 for a run metric */
    const herd_output_info *run_metric; /* the row of a run metric; NULL otherwise */
} herd_compare_metric;

/* ---- paired comparison ------------------------------------------------------------------ */

typedef struct herd_compare herd_compare;

/* Runs each of the n_policies policies on s for settings->reps replications (settings may be
 * NULL for the defaults; refused as herd_compare_settings_check refuses them). policies[i] may be NULL: that arm runs the scenario's own policies,
 * its mix of team ranges included, under the name herd_scenario_policy_label(s, NULL). The
 * scenario is validated, checked against settings->memory_limit (HERD_ETOOBIG) and copied:
 * it may be changed or freed afterwards. On failure *out is
 * NULL and err (if not NULL) says which policy, replication and seed failed and why; the
 * status is the failing run's, or HERD_ECALLBACK if progress cancelled. */
HERD_API herd_status herd_compare_run(herd_compare **out, const herd_scenario *s,
                                      const herd_policy_type *const *policies, size_t n_policies,
                                      const herd_compare_settings *settings, char *err,
                                      size_t err_size);
HERD_API void herd_compare_free(herd_compare *c);
/* HERD_OK if each arm has a name of its own (herd_compare_policy_name), so that the tables
 * of a comparison, a regime map or a sweep can tell the arms apart; otherwise HERD_EINVAL and
 * err naming the name two arms share, or saying that the scenario's own policies (a NULL
 * arm) are one policy on every team and that policy is another arm too. The runs themselves
 * do not need distinct names (an optimiser's candidates share one); herd compare and the
 * Python package check the arms a user names with this. HERD_EINVAL for NULL. */
HERD_API herd_status herd_compare_arms_check(const herd_scenario *s,
                                             const herd_policy_type *const *policies,
                                             size_t n_policies, char *err, size_t err_size);

HERD_API size_t herd_compare_n_policies(const herd_compare *c);
/* The arm's name: the policy type's, or the scenario's label for a NULL arm. */
HERD_API const char *herd_compare_policy_name(const herd_compare *c, size_t policy);
HERD_API long herd_compare_n_reps(const herd_compare *c);
HERD_API long herd_compare_n_ticks(const herd_compare *c);
/* The scenario the runs used (the copy). */
HERD_API const herd_scenario *herd_compare_scenario(const herd_compare *c);
/* herd_seed_derive(scenario seed, rep). */
HERD_API uint64_t herd_compare_seed(const herd_compare *c, long rep);

HERD_API size_t herd_compare_n_metrics(const herd_compare *c);
/* Metric m, or NULL past the end. */
HERD_API const herd_compare_metric *herd_compare_metric_info(const herd_compare *c, size_t m);
/* Index of the metric named name; HERD_ENOTFOUND if none. */
HERD_API herd_status herd_compare_find_metric(const herd_compare *c, const char *name,
                                              size_t *metric);

/* The metric of one run; NaN for indices out of range. */
HERD_API double herd_compare_value(const herd_compare *c, size_t policy, long rep, size_t metric);
/* The run's records, one a tick from tick 0; NULL if records were not kept. */
HERD_API const herd_record *herd_compare_records(const herd_compare *c, size_t policy, long rep);

/* Mean of a metric over the replications of one policy, with its interval. */
HERD_API herd_status herd_compare_interval(const herd_compare *c, size_t policy, size_t metric,
                                           herd_interval *out);
/* Paired difference policy - other of a metric over the replications, with its interval. */
HERD_API herd_status herd_compare_difference(const herd_compare *c, size_t policy, size_t other,
                                             size_t metric, herd_interval *out);
/* Mean over the replications of one record field (herd_record_info) at one tick, with its
 * interval; HERD_ESTATE if records were not kept. */
HERD_API herd_status herd_compare_series(const herd_compare *c, size_t policy, long tick,
                                         const herd_output_info *field, herd_interval *out);

/* The policies whose mean of metric equals policy's (ties with it, policy itself among
 * them), their names joined by "=" in policy order ("behind=hybrid"), into label (size bytes;
 * from the first name that does not fit whole on, the names are left out). HERD_EINVAL for
 * NULL, size 0 or an index out of range. */
HERD_API herd_status herd_compare_tied_names(const herd_compare *c, size_t policy,
                                             size_t metric, char *label, size_t size);

/* The tables herd compare writes, as rows of typed cells (herd/io.h). Each starts with a
 * column scenario when herd_compare_write is given a scenario's name; then:
 *   runs     policy, rep, seed_hi, seed_lo, metric, value: one row per run and metric
 *   summary  policy, other, metric, mean, sd, ci_low, ci_high, n: per metric and policy, the
 *            policy's interval (other NULL) and then its paired difference from each other
 *            policy (policy - other)
 *   series   policy, tick, n, then FIELD_mean, FIELD_low, FIELD_high for innovation_cum,
 *            performance, morale and skill: per policy and tick, the interval of the mean over
 *            the replications (herd_compare_series)
 *   scenarios  seed_hi, seed_lo, reps, policies, version, text: one row, where the numbers
 *            came from: the scenario's seed (replication r's is herd_seed_derive(seed, r)),
 *            the replications, the arms' names joined by commas in their order, herd's version
 *            (herd_version) and the scenario the runs used as text
 *            (herd_scenario_write_string of herd_compare_scenario) */
typedef enum herd_compare_table {
    HERD_COMPARE_RUNS,
    HERD_COMPARE_SUMMARY,
    HERD_COMPARE_SERIES,
    HERD_COMPARE_SCENARIOS,
} herd_compare_table;

/* Gives table of c to sink: begin with the table's name ("runs", "summary", "series",
 * "scenarios") and columns, then its rows, with scenario (may be NULL: no such column) in the
 * first cell of each. The first failure of the sink is returned as it is; HERD_EINVAL for a
 * NULL c, sink or sink function, or an unknown table; HERD_ESTATE for the series of a
 * comparison whose records were not kept; HERD_ENOMEM (the series' and the scenarios'
 * scratch memory comes from the allocator of the comparison's settings). */
HERD_API herd_status herd_compare_write(const herd_compare *c, herd_compare_table table,
                                        const char *scenario, const herd_table_sink *sink);

/* The series table of herd_compare_write with other record fields than its four: policy,
 * tick, n, then FIELD_mean, FIELD_low, FIELD_high for each of fields[0..n_fields) (rows of
 * herd_record_info) in that order or, when fields is NULL, for every field of the record
 * table. herd_compare_write's statuses, and HERD_EINVAL also for n_fields 0 or a NULL field
 * in fields. */
HERD_API herd_status herd_compare_write_series(const herd_compare *c, const char *scenario,
                                               const herd_output_info *const *fields,
                                               size_t n_fields, const herd_table_sink *sink);

/* Every table of c into sink, as the database of herd compare --sqlite holds them:
 * scenarios, runs, summary and series (left out when the records were not kept), each as
 * herd_compare_write gives it with scenario. The first failure, as herd_compare_write
 * returns it. */
HERD_API herd_status herd_compare_write_tables(const herd_compare *c, const char *scenario,
                                               const herd_table_sink *sink);

/* ---- one run ---------------------------------------------------------------------------- */

/* One run as every experiment here makes it: a simulation of s with seed (the scenario's own
 * policies, or policy for every team if it is not NULL) and settings, run for s->ticks ticks,
 * its record of tick t kept in records[t] (the caller's array of s->ticks records), observer
 * (optional) called after each tick as any observer is, and, if summary is not NULL, the run's
 * summary over the organisation's employees. On failure err says why, with the simulation's
 * own message; HERD_EINVAL for a NULL s or records. */
HERD_API herd_status herd_compare_run_one(const herd_scenario *s, const herd_policy_type *policy,
                                          uint64_t seed, const herd_settings *settings,
                                          herd_observer observer, void *userdata,
                                          herd_record *records, herd_summary *summary,
                                          char *err, size_t err_size);

/* ---- sweep ------------------------------------------------------------------------------ */

typedef struct herd_sweep herd_sweep;

/* Sets each factor's integer flag from its key in s (a key s does not hold is refused, naming
 * it), checks it (herd_factor_check) and checks that s takes both its ends: a copy of s with
 * the key set to lo, then to hi, takes the value and validates (otherwise that status and err
 * naming the key and the value).
 * Call it on factors before herd_design_new. */
HERD_API herd_status herd_sweep_resolve(const herd_scenario *s, herd_factor *factors, size_t n,
                                        char *err, size_t err_size);

/* The comparison of the policies at every point of design d over keys of s, with the
 * settings herd_compare_run takes except that one replication is enough (each run is a row
 * of its own; the intervals of a point of one replication are NaN): point j is s with
 * each factor's key set to the point's value, run with the scenario seed
 * herd_seed_derive(s seed, herd_design_seed_point(d, j)), so its replication r has the seed
 * herd_design_seed(d, s seed, j, r). Every point is built, validated and checked against
 * settings->memory_limit before anything runs; a bad key or point is refused with err naming
 * it. d may be freed afterwards. */
HERD_API herd_status herd_sweep_run(herd_sweep **out, const herd_scenario *s, const herd_design *d,
                                    const herd_policy_type *const *policies, size_t n_policies,
                                    const herd_compare_settings *settings, char *err,
                                    size_t err_size);
HERD_API void herd_sweep_free(herd_sweep *sw);

/* What herd_sweep_run checks before it runs anything, for a program that runs the points
 * itself: every point's scenario (s with the point's values) validates and one simulation of
 * it fits in memory_limit bytes (0: herd_sim_memory_limit()). HERD_OK, or the status of the
 * first point at fault with err "design point J (KEY = VALUE, ...): why"; HERD_EINVAL for
 * NULL. Points are built one at a time: the check allocates one scenario copy at most. */
HERD_API herd_status herd_sweep_check(const herd_scenario *s, const herd_design *d,
                                      double memory_limit, char *err, size_t err_size);
/* Point j of a design as a scenario: a copy of s with factors[i].key set to values[i] for
 * every i < n, validated and checked against memory_limit (bytes; 0: the machine's). HERD_OK,
 * or the failure's status with *out NULL and err "design point J (KEY = VALUE, ...): why".
 * The copy's declared styles are its own: free it after every simulation made from it. */
HERD_API herd_status herd_sweep_point_scenario(herd_scenario **out, const herd_scenario *s,
                                               long j, const herd_factor *factors, size_t n,
                                               const double *values, double memory_limit,
                                               char *err, size_t err_size);

/* A program that runs a sweep's runs itself, one at a time or on ranks of its own, numbers
 * them as herd_sweep_run orders them: run i is point i / (n_policies * reps), policy
 * i / reps % n_policies and replication i % reps, with the seed herd_design_seed(d,
 * scenario_seed, point, rep). */
typedef struct herd_sweep_run_key {
    long run, point, policy, rep;
    uint64_t seed;
} herd_sweep_run_key;

/* Runs of design d under n_policies policies with reps replications each; -1 if d is NULL,
 * n_policies or reps is below 1, or the count does not fit a long. */
HERD_API long herd_sweep_n_runs(const herd_design *d, long n_policies, long reps);
/* Run run's key into *out: HERD_OK, or HERD_EINVAL (NULL, or run outside
 * [0, herd_sweep_n_runs(d, n_policies, reps))) with *out left as it was. */
HERD_API herd_status herd_sweep_run_key_of(const herd_design *d, uint64_t scenario_seed,
                                           long n_policies, long reps, long run,
                                           herd_sweep_run_key *out);

/* A sweep's runs as rows of CSV text, one per run, in the columns of herd sweep's
 * DIR/runs.csv: run, point, policy, rep, HERD_IO_SEED_COLUMNS, each factor's key (the point's
 * value), then ticks and every output of herd_summary_info, numbers as herd_io_number writes
 * them. Each function writes into buf (size bytes, NUL-terminated) and returns HERD_OK,
 * HERD_ETOOBIG when the text does not fit (buf then holds no whole row, and *used or
 * *run_columns may not name its end), or HERD_EINVAL for a NULL pointer.
 *
 * The header line, without its newline; *run_columns is the length of its columns up to the
 * last factor's, which name a run. */
HERD_API herd_status herd_sweep_csv_header(const herd_factor *factors, size_t n, char *buf,
                                           size_t size, size_t *run_columns);
/* The columns that name run key, under policy (its label as the rows name it), at the point
 * whose factor values are values[0..n): buf[0..*used), with no comma after. */
HERD_API herd_status herd_sweep_csv_run(const herd_sweep_run_key *key, const char *policy,
                                        const double *values, size_t n, char *buf, size_t size,
                                        size_t *used);
/* The run's ticks and outputs after buf[0..*used), ending the row with its newline; *used
 * becomes the row's length. */
HERD_API herd_status herd_sweep_csv_outputs(const herd_summary *summary, char *buf, size_t size,
                                            size_t *used);

HERD_API long herd_sweep_n_points(const herd_sweep *sw);
HERD_API size_t herd_sweep_n_factors(const herd_sweep *sw);
HERD_API const herd_factor *herd_sweep_factor(const herd_sweep *sw, size_t i);
/* The value of a factor at a point; NaN out of range. */
HERD_API double herd_sweep_value(const herd_sweep *sw, long point, size_t factor);
/* The comparison at one point. Owned by sw. */
HERD_API const herd_compare *herd_sweep_point(const herd_sweep *sw, long point);

#define HERD_SWEEP_NO_OTHER ((size_t)-1)
/* One output per point, f[0..points): the mean of a metric over the replications of policy,
 * or, when other is not HERD_SWEEP_NO_OTHER, the mean paired difference policy - other. It is
 * what herd_sensitivity_sobol and herd_sensitivity_src take: "what drives the metric", or
 * "where does policy beat other, and what drives it". */
HERD_API herd_status herd_sweep_output(const herd_sweep *sw, size_t policy, size_t other,
                                       size_t metric, double *f);

/* ---- a sweep's runs read back ----------------------------------------------------------- */

/* The runs of a sweep as a program reads them back, from a sweep's runs.csv say: row r is the
 * run of policy policy[r] (an index into names) at design point point[r] >= 0, replication
 * rep[r] >= 0. The arrays are the caller's, n long; names (n_names of them) word the
 * messages. A number measured on the runs is passed beside it: row r's at value[r stride].
 * source and line say where the rows were read, for the messages only: a message starts with
 * source (NULL: "sweep rows"), and names row r as "line line[r]", the line of source that
 * holds it (line NULL: "row r"), as in "DIR/runs.csv: line 7: design point -1, ...". */
typedef struct herd_sweep_rows {
    size_t n;
    const long *point;
    const long *rep;
    const size_t *policy;
    const char *const *names;
    size_t n_names;
    const char *source;
    const size_t *line;
} herd_sweep_rows;

/* Whether rows hold one sweep's runs, as herd_sweep_rows_runs and herd_sweep_rows_output
 * check them, for every policy at once: HERD_OK, or HERD_EINVAL with err naming the row (or
 * both rows) for NULL rows or arrays, no rows, a row with a negative point or replication or a
 * policy not below n_names, or two rows of one policy at one point and replication;
 * HERD_ENOMEM. */
HERD_API herd_status herd_sweep_rows_check(const herd_sweep_rows *rows, char *err,
                                           size_t err_size);

/* One number per run of policy, in the order of the rows: d[i] is the value of policy's i-th
 * row or, when other is not HERD_SWEEP_NO_OTHER, the paired difference: that value less the
 * value of other's row at the same point and replication (the two met the same seed; a row of
 * policy with no such partner is left out). row_of[i] is the row d[i] came from; *n_out the
 * number of them. d and row_of are the caller's, rows->n long.
 * HERD_OK, or with err naming the argument or row: HERD_EINVAL for NULL, no rows, stride 0,
 * a policy index not below n_names, other == policy, a row with a negative point or
 * replication or a policy out of range, or two rows of policy (or of other) at one point and
 * replication, which by the seed rule hold one run (err names both rows);
 * HERD_ENOTFOUND if no row of policy (paired with one of other) is found; HERD_ENOMEM. */
HERD_API herd_status herd_sweep_rows_runs(const herd_sweep_rows *rows, const double *value,
                                          size_t stride, size_t policy, size_t other, double *d,
                                          size_t *row_of, size_t *n_out, char *err,
                                          size_t err_size);

/* herd_sweep_output for runs read back: f[j] for every point j < n_points is the mean over
 * the replications at point j of herd_sweep_rows_runs's numbers (policy's value, or its
 * paired difference from other), with herd_stats_interval's mean (a NaN value makes it NaN).
 * Rows at points from n_points on are left out. The same failures as herd_sweep_rows_runs,
 * HERD_EINVAL for n_points < 1 or a NULL f, and HERD_ENOTFOUND with err "design point J has no
 * run of P" ("... paired with a run of Q") for the first point with none; f is complete only
 * on HERD_OK. */
HERD_API herd_status herd_sweep_rows_output(const herd_sweep_rows *rows, const double *value,
                                            size_t stride, size_t policy, size_t other,
                                            long n_points, double *f, char *err,
                                            size_t err_size);

/* Whether the runs rows hold can measure the effect of each of k varied parameters by a
 * regression: HERD_OK if they span more than one design point and every parameter (parameter
 * i of row r at factors[r factor_stride + i]) takes more than one value; otherwise HERD_EINVAL,
 * err saying which ("a single design point", or "NAME is V in every run", NAME from names[i],
 * or "parameter i" when names is NULL). Also HERD_EINVAL for NULL rows or factors, no rows,
 * k = 0 or factor_stride < k. */
HERD_API herd_status herd_sweep_rows_spread(const herd_sweep_rows *rows, const double *factors,
                                            size_t factor_stride, size_t k,
                                            const char *const *names, char *err,
                                            size_t err_size);

/* How much each of k varied parameters matters to one output of runs read back, as `herd
 * sweep --analyse` measures it for a design other than Saltelli: the standardised regression
 * coefficients (herd_sensitivity_src) of herd_sweep_rows_runs's numbers, one per run, on the
 * parameters of each run's row, parameter i of row r at factors[r factor_stride + i]. Fills
 * src[0..k) and *r2. HERD_OK; HERD_EINVAL for NULL factors, src or r2, k = 0 or factor_stride
 * < k, rows that herd_sweep_rows_spread finds cannot measure a parameter, or a run whose
 * number or parameter is NaN or infinite (err naming its line or row); HERD_ERANGE, err giving
 * the count, for k + 1 runs or fewer; the failures of herd_sweep_rows_runs and
 * herd_sensitivity_src. */
HERD_API herd_status herd_sweep_rows_src(const herd_sweep_rows *rows, const double *value,
                                         size_t stride, const double *factors,
                                         size_t factor_stride, size_t k, size_t policy,
                                         size_t other, double *src, double *r2, char *err,
                                         size_t err_size);

/* The base samples of a Saltelli design of k parameters (include/herd/design.h) whose runs
 * rows hold: the highest design point plus one, over k + 2; -1 if that is not whole, or for
 * NULL or empty rows or k = 0. */
HERD_API long herd_sweep_rows_base_samples(const herd_sweep_rows *rows, size_t k);

/* The same for a Saltelli design of k parameters: first-order and total Sobol indices
 * (herd_sensitivity_sobol, intervals from `resamples` bootstrap resamplings drawn from seed)
 * of herd_sweep_rows_output's mean at every point of its herd_sweep_rows_base_samples base
 * samples. Fills out[0..k). HERD_OK; HERD_EINVAL for NULL rows or out, k = 0, rows that
 * are not a whole design of at least 2 base samples, or a point whose mean is NaN or
 * infinite (err naming the point); the failures of herd_sweep_rows_output (HERD_ENOTFOUND for
 * a point with no run) and herd_sensitivity_sobol. */
HERD_API herd_status herd_sweep_rows_sobol(const herd_sweep_rows *rows, const double *value,
                                           size_t stride, size_t k, size_t policy,
                                           size_t other, size_t resamples, uint64_t seed,
                                           herd_sobol_index *out, char *err, size_t err_size);

/* ---- regime map ------------------------------------------------------------------------- */

typedef struct herd_regime herd_regime;

/* Runs the comparison (settings as herd_compare_run takes them) in every cell of a grid over
 * two keys of s: axes[a] varies key axes[a].key from lo to hi in steps values, as a grid
 * design does (any numeric key herd_scenario_set accepts: parameters, run keys, style keys,
 * event keys; an integer key takes whole values; the integer flags are set from the keys).
 * Every cell runs with the scenario's own seeds, so cells differ by their keys only. Every
 * run measures every metric, so one map serves every metric. Records are not kept. A key that does not
 * exist, or a cell whose scenario does not validate, is refused before anything runs, with
 * err naming the key or the cell. */
HERD_API herd_status herd_regime_run(herd_regime **out, const herd_scenario *s,
                                     const herd_factor axes[2],
                                     const herd_policy_type *const *policies, size_t n_policies,
                                     const herd_compare_settings *settings, char *err,
                                     size_t err_size);
HERD_API void herd_regime_free(herd_regime *r);

/* Number of values on axis 0 or 1, and value i. */
HERD_API long herd_regime_steps(const herd_regime *r, int axis);
HERD_API double herd_regime_axis_value(const herd_regime *r, int axis, long i);
HERD_API const char *herd_regime_axis_key(const herd_regime *r, int axis);
/* The comparison of cell (i, j): i on axis 0, j on axis 1. Owned by r. */
HERD_API const herd_compare *herd_regime_cell(const herd_regime *r, long i, long j);

/* The winner of one cell by one metric, in the metric's better direction. */
typedef struct herd_regime_result {
    size_t winner;         /* policy index */
    size_t runner_up;      /* the best policy strictly behind the winner; == winner if all tie */
    size_t n_tied;         /* policies whose mean equals the winner's (1 if none tie) */
    herd_interval margin;  /* winner - runner_up, paired, signed so that > 0 favours the winner */
    double margin_pct;     /* margin's mean in percent of |runner-up's mean|; NaN if that is 0 */
} herd_regime_result;

HERD_API herd_status herd_regime_result_of(const herd_regime *r, long i, long j, size_t metric,
                                           herd_regime_result *out);

/* Gives the map by metric to sink as the table "regime", one row per cell (i, j), i slower:
 * ix, iy, the two axes' keys (their values), metric, winner (herd_compare_tied_names of the
 * winner: "behind=hybrid" for a tie), winner_index, runner_up, margin, margin_low,
 * margin_high, margin_pct (herd_regime_result), then mean_POLICY, each policy's mean. The
 * sink's first failure, HERD_EINVAL for NULL or a metric out of range, HERD_ENOMEM. The
 * scratch memory comes from the allocator of the map's settings. */
HERD_API herd_status herd_regime_write(const herd_regime *r, size_t metric,
                                       const herd_table_sink *sink);

#ifdef __cplusplus
}
#endif

#endif
