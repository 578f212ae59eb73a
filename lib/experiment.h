#ifndef HERD_LIB_EXPERIMENT_H
#define HERD_LIB_EXPERIMENT_H

/* What comparisons, regime maps and sweeps share: the metrics measured on a run, and running
 * many runs over threads. Not installed. */
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "herd/compare.h"

/* One simulation to run and measure. */
typedef struct herd_run_job {
    const herd_scenario *sc;
    const herd_policy_type *policy; /* NULL: the scenario's own policies */
    uint64_t seed;
    herd_record *records; /* sc->ticks records to keep, or NULL */
    const herd_compare_metric *metrics;
    size_t n_metrics;
    double *values; /* n_metrics */
    int status;
} herd_run_job;

/* The run metrics, then a dip and a recovery for each event of sc that starts after tick 0,
 * in memory from a. */
int herd_experiment_metrics(const herd_allocator *a, const herd_scenario *sc,
                            herd_compare_metric **out, size_t *n);

/* Runs the jobs on settings->threads threads, each simulation on one thread. On failure
 * returns the status of the first failed job (in job order, so the same failure is reported
 * whatever the threads) and says in err which run failed and why. */
int herd_experiment_run(herd_run_job *jobs, size_t n, const herd_compare_settings *settings,
                        char *err, size_t err_size);

#endif
