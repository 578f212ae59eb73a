#ifndef HERD_LIB_COMPARE_INTERNAL_H
#define HERD_LIB_COMPARE_INTERNAL_H

/* The comparison's insides, which regime maps and sweeps build on. Not installed. */
#include "experiment.h"

struct herd_compare {
    herd_allocator a;
    herd_scenario *sc; /* the comparison's own copy */
    const herd_policy_type **policies; /* [policy]; NULL runs the scenario's own */
    size_t n_policies;
    long reps, ticks;
    double level;
    herd_compare_metric *metrics;
    size_t n_metrics;
    double *values;       /* [policy][rep][metric] */
    herd_record *records; /* [policy][rep][tick], or NULL */
};

struct herd_sweep {
    herd_allocator a;
    herd_factor *factors;
    size_t n_factors;
    long n_points;
    double *values;        /* [point][factor] */
    herd_compare **cells;  /* [point] */
};

/* Builds and runs a sweep over design d; with same_seeds every point keeps the scenario's
 * seed, otherwise point j's follows the design's seed rule. */
int herd_sweep_build(herd_sweep **out, const herd_scenario *s, const herd_design *d,
                     int same_seeds, const herd_policy_type *const *policies, size_t n_policies,
                     const herd_compare_settings *settings, char *err, size_t err_size);

/* Checks the arguments of a comparison of at least min_reps replications: HERD_OK, or a
 * status and err saying why. min_reps is HERD_COMPARE_MIN_REPS where intervals are read, 1
 * where only each run or each policy's mean is (a sweep, an optimiser's search). */
int herd_compare_check(const herd_scenario *s, const herd_policy_type *const *policies,
                       size_t n_policies, const herd_compare_settings *settings, long min_reps,
                       char *err, size_t err_size);
/* herd_compare_run with at least min_reps replications, as herd_compare_check. */
herd_status herd_compare_run_reps(herd_compare **out, const herd_scenario *s,
                                  const herd_policy_type *const *policies, size_t n_policies,
                                  const herd_compare_settings *settings, long min_reps,
                                  char *err, size_t err_size);
/* A comparison with its memory and its copy of s, not yet run. Policies declared in origin
 * (s itself, or the scenario s was copied from) run as the copy's declarations. */
int herd_compare_alloc(herd_compare **out, const herd_scenario *s, const herd_scenario *origin,
                       const herd_policy_type *const *policies, size_t n_policies,
                       const herd_compare_settings *settings, const herd_allocator *a);
/* Fills jobs (n_policies * reps of them) with the comparison's runs; returns their number. */
size_t herd_compare_jobs(const herd_compare *c, herd_run_job *jobs);
/* Runs the comparisons' runs together on the threads (n >= 1); memory from cells[0]'s
 * allocator. */
int herd_compare_run_all(herd_compare *const *cells, size_t n,
                         const herd_compare_settings *settings, char *err, size_t err_size);
double *herd_compare_values_at(const herd_compare *c, size_t policy, long rep);
/* Puts the arms of c in another order: arm i takes the policy, the values and the records
 * that arm order[i] had (order a permutation of the arms). HERD_ENOMEM leaves c as it was. */
int herd_compare_reorder(herd_compare *c, const size_t *order);
/* Each policy's mean of metric, herd_compare_interval's, into mean[0..n_policies). */
void herd_compare_means(const herd_compare *c, size_t metric, double *mean);
/* herd_compare_tied_names with each policy's mean of metric taken from mean[0..n_policies)
 * (NULL: from herd_compare_interval). */
herd_status herd_compare_tied_label(const herd_compare *c, const double *mean, size_t policy,
                                    size_t metric, char *label, size_t size);
/* herd_regime_result_of for the cell c, its policies' means of metric mean[0..n_policies). */
herd_status herd_regime_rank(const herd_compare *c, const double *mean, size_t metric,
                             herd_regime_result *out);

#endif
