/* What an optimisation found: the optimum, its final comparison and the search's trace. */
#include "compare_internal.h"
#include "optimise_internal.h"

const herd_stance *herd_optimum_stance(const herd_optimum *o)
{
    return o != NULL ? &herd_optimum_style(o)->calm : NULL;
}

const herd_style *herd_optimum_style(const herd_optimum *o)
{
    return herd_optimum_arm_style(o, 0);
}

herd_status herd_optimum_feasible(const herd_optimum *o)
{
    return o != NULL && o->feasible;
}

const herd_compare *herd_optimum_compare(const herd_optimum *o)
{
    return o != NULL ? o->final : NULL;
}

size_t herd_optimum_n_finalists(const herd_optimum *o)
{
    return o != NULL ? o->n_final : 0;
}

size_t herd_optimum_arm(const herd_optimum *o)
{
    (void)o;
    return 0;
}

herd_status herd_optimum_objective(const herd_optimum *o, size_t arm, herd_interval *out)
{
    if (o == NULL || arm >= o->n_arms || out == NULL)
        return HERD_EINVAL;
    size_t reps = (size_t)o->set.final_reps;
    return herd_stats_interval(o->objective + arm * reps, 1, reps, o->set.level, out);
}

herd_status herd_optimum_margin(const herd_optimum *o, size_t arm, herd_interval *out)
{
    if (o == NULL || arm >= o->n_arms || out == NULL)
        return HERD_EINVAL;
    size_t reps = (size_t)o->set.final_reps;
    return herd_stats_paired_interval(o->objective, o->objective + arm * reps, 1, reps,
                                      o->set.level, out);
}

size_t herd_optimum_n_candidates(const herd_optimum *o)
{
    return o != NULL ? o->n_cand : 0;
}

herd_status herd_optimum_candidate_at(const herd_optimum *o, size_t i,
                                      herd_optimum_candidate *out)
{
    if (o == NULL || i >= o->n_cand || out == NULL)
        return HERD_EINVAL;
    *out = o->cand[i];
    return HERD_OK;
}

long herd_optimum_runs(const herd_optimum *o)
{
    return o != NULL ? o->runs : 0;
}

const herd_style *herd_optimum_arm_style(const herd_optimum *o, size_t arm)
{
    if (o == NULL || arm >= o->n_arms)
        return NULL;
    if (arm < o->n_final)
        return herd_policy_style(o->final->policies[arm]);
    const herd_policy_type *const *arch = NULL;
    herd_opt_archetypes(&o->set, &arch);
    return herd_policy_style(arch[arm - o->n_final]);
}
