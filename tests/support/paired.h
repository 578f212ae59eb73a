#ifndef HERD_TESTS_PAIRED_H
#define HERD_TESTS_PAIRED_H

/* Paired comparisons of policies over replications with common random numbers, through the
 * library's comparison (herd_compare_run): replication r runs every policy with the seed
 * herd_seed_derive(1000, r), so differences are paired. */
#include <stddef.h>

#include "herd/herd.h"

typedef struct scenario {
    herd_params params;
    long ticks;
    herd_event events[8];
    size_t n_events;
} scenario;

/* A number measured from one run's records. */
typedef double (*measure_fn)(const herd_record *records, long ticks, const scenario *sc);

void scenario_default(scenario *sc);
/* Mean and 95% confidence interval (herd_stats_paired_interval) of measure(a) - measure(b)
 * over reps replications, replication r run with seed herd_seed_derive(1000, r). */
herd_interval paired_difference(const scenario *sc, const herd_policy_type *a,
                                const herd_policy_type *b, measure_fn measure, int reps);

#endif
