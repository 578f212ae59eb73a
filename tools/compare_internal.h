#ifndef HERD_TOOLS_COMPARE_INTERNAL_H
#define HERD_TOOLS_COMPARE_INTERNAL_H

/* What the parts of herd compare share: options, the runs, their measurements. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "herd/herd.h"

#define CMP_LEVEL 0.95
enum {
    CMP_MAX_POLICIES = 16,
    CMP_NAME = 64,
    CMP_ERR = 1024,
    /* ticks before an event that set its baseline, and after its end that a dip may still
     * reach: a quarter of a year */
    CMP_EVENT_WINDOW = 13,
};

typedef enum cmp_regime_metric { CMP_REGIME_PERFORMANCE, CMP_REGIME_INNOVATION } cmp_regime_metric;

typedef struct cmp_options {
    const char **scenario_paths;
    size_t n_scenarios;
    /* Names as given; each scenario resolves them (its declared styles, then the built-ins).
     * policies[] holds the first scenario's, for their names. */
    char policy_names[CMP_MAX_POLICIES][CMP_NAME];
    const herd_policy_type *policies[CMP_MAX_POLICIES];
    size_t n_policies;
    long reps;
    int threads;           /* 0: OpenMP's default */
    const char *ticks;     /* overrides [run] ticks of every scenario if not NULL */
    const char *seed;      /* overrides [run] seed if not NULL */
    const char *out_dir;
    int regime_map;
    long grid;
    cmp_regime_metric regime_metric;
    double skill_range[2], crisis_range[2];
    int plots;
    int progress;
} cmp_options;

/* Loads scenario index with the overrides of the options and validates it. Returns 0, or
 * HERD_EXIT_USAGE with err saying why (*out may then need freeing). */
int cmp_load_scenario(const cmp_options *o, size_t index, herd_scenario **out, char *err,
                      size_t err_size);

/* One number measured from a run: a field of herd_summary, or the dip or recovery time of
 * one of the scenario's events. */
typedef enum cmp_metric_kind { CMP_SUMMARY, CMP_EVENT_DIP, CMP_EVENT_RECOVERY } cmp_metric_kind;

typedef struct cmp_metric {
    char name[CMP_NAME];  /* as in the CSV */
    char label[CMP_NAME]; /* as in the tables */
    cmp_metric_kind kind;
    int lower_is_better;  /* turnover, dips and recovery times */
    size_t offset;        /* CMP_SUMMARY: of the double in herd_summary */
    size_t event;         /* otherwise: index in the scenario's events */
} cmp_metric;

/* The summary metrics, then a dip and a recovery for each event that starts after tick 0.
 * *out is malloc'ed. Returns 0 or -1 (out of memory). */
int cmp_metrics_for(const herd_scenario *sc, cmp_metric **out, size_t *n);
/* The one summary metric the regime map compares. */
cmp_metric cmp_regime_metric_def(cmp_regime_metric which);

/* One scenario of the comparison and everything measured on it. */
typedef struct cmp_scenario {
    char name[CMP_NAME]; /* file name without folder and .ini, safe in file names */
    herd_scenario *sc;
    cmp_metric *metrics;
    size_t n_metrics;
    uint64_t *seeds;      /* [rep] */
    double *values;       /* [policy][rep][metric] */
    herd_record *records; /* [policy][rep][tick] */
} cmp_scenario;

typedef struct cmp_regime cmp_regime;

typedef struct cmp_study {
    const cmp_options *opt;
    cmp_scenario *scenarios;
    size_t n_scenarios;
    const cmp_regime *regime; /* NULL without --regime-map */
} cmp_study;

/* Pointers into a scenario's arrays. */
double *cmp_values(const cmp_study *st, const cmp_scenario *s, size_t policy, size_t rep);
herd_record *cmp_records(const cmp_study *st, const cmp_scenario *s, size_t policy, size_t rep);
/* Interval of a metric of one policy over replications; of policy minus other, paired. */
void cmp_policy_interval(const cmp_study *st, const cmp_scenario *s, size_t policy,
                         size_t metric, herd_interval *out);
void cmp_pair_interval(const cmp_study *st, const cmp_scenario *s, size_t policy, size_t other,
                       size_t metric, herd_interval *out);

/* One simulation to run. */
typedef struct cmp_job {
    const herd_scenario *sc;
    const herd_policy_type *policy;
    uint64_t seed;
    herd_record *records; /* sc->ticks records, or NULL to measure without keeping them */
    const cmp_metric *metrics;
    size_t n_metrics;
    double *values; /* n_metrics */
    int status;
    char err[256];
} cmp_job;

/* Measures a run's records into values. */
void cmp_measure(const herd_scenario *sc, const herd_record *records, const cmp_metric *metrics,
                 size_t n_metrics, double *values);

/* Runs the jobs on threads (each simulation on one thread, so the results do not depend on
 * the number) with a progress bar on stderr if progress is set. Returns the index of the
 * first failed job, or n if none failed. */
size_t cmp_run_jobs(cmp_job *jobs, size_t n, int threads, int progress);

/* The regime map: the first scenario over a grid of skill_mean x crisis_rate. */
struct cmp_regime {
    size_t grid;
    double *skill, *crisis;  /* [grid] each */
    herd_scenario **cells;   /* [skill][crisis]: the first scenario with both set */
    cmp_metric metric;
    double *values;          /* [cell][policy][rep] */
};

/* Makes the cells. Returns 0, or 2 with err naming the bad cell, or 1 out of memory.
 * cmp_regime_free frees what it made, whatever it returned. */
int cmp_regime_new(cmp_regime *rm, const cmp_study *st, char *err, size_t err_size);
void cmp_regime_free(cmp_regime *rm);
/* Number of jobs and filling them, from jobs[0]. */
size_t cmp_regime_jobs(const cmp_regime *rm, const cmp_study *st, cmp_job *jobs);

/* The regime map's result in one cell. */
typedef struct cmp_regime_cell {
    size_t winner, runner_up;    /* policy indices; runner_up == winner if all tie */
    double mean[CMP_MAX_POLICIES];
    herd_interval margin;         /* winner minus runner-up, paired */
    char label[CMP_NAME * 2];    /* the winner's name, or "a=b" for policies whose means are
                                    equal (behind and hybrid where no crisis ever comes) */
} cmp_regime_cell;

void cmp_regime_cell_result(const cmp_regime *rm, const cmp_study *st, size_t cell,
                            cmp_regime_cell *out);

/* Output files, each written under a temporary name and renamed when complete. */
typedef int (*cmp_writer)(FILE *f, const void *ctx);
int cmp_write_file(const char *dir, const char *name, cmp_writer write, const void *ctx,
                   char *err, size_t err_size);

int cmp_write_runs(FILE *f, const void *study);
int cmp_write_summary_csv(FILE *f, const void *study);
int cmp_write_summary_md(FILE *f, const void *study);

/* Per-tick series of one scenario. */
typedef struct cmp_series_ctx {
    const cmp_study *st;
    const cmp_scenario *s;
} cmp_series_ctx;
int cmp_write_series(FILE *f, const void *series_ctx);

typedef struct cmp_regime_ctx {
    const cmp_study *st;
    const cmp_regime *rm;
} cmp_regime_ctx;
int cmp_write_regime(FILE *f, const void *regime_ctx);

/* Writes plots.gp in the output folder and runs gnuplot on it. Returns 0 (plots drawn, or
 * gnuplot missing: said once on stderr), or 1 with err set. */
int cmp_plot(const cmp_study *st, const cmp_regime *rm, char *err, size_t err_size);

#endif
