/* herd compare: where each run's results live, and intervals over replications. */
#include "compare_internal.h"

double *cmp_values(const cmp_study *st, const cmp_scenario *s, size_t policy, size_t rep)
{
    size_t reps = (size_t)st->opt->reps;
    return s->values + (policy * reps + rep) * s->n_metrics;
}

herd_record *cmp_records(const cmp_study *st, const cmp_scenario *s, size_t policy, size_t rep)
{
    size_t reps = (size_t)st->opt->reps;
    return s->records + (policy * reps + rep) * (size_t)s->sc->ticks;
}

void cmp_policy_interval(const cmp_study *st, const cmp_scenario *s, size_t policy,
                         size_t metric, herd_interval *out)
{
    herd_stats_interval(cmp_values(st, s, policy, 0) + metric, s->n_metrics,
                        (size_t)st->opt->reps, CMP_LEVEL, out);
}

void cmp_pair_interval(const cmp_study *st, const cmp_scenario *s, size_t policy, size_t other,
                       size_t metric, herd_interval *out)
{
    herd_stats_paired_interval(cmp_values(st, s, policy, 0) + metric,
                               cmp_values(st, s, other, 0) + metric, s->n_metrics,
                               (size_t)st->opt->reps, CMP_LEVEL, out);
}
