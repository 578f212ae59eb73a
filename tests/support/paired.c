#include "paired.h"

#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

void scenario_default(scenario *sc)
{
    herd_params_default(&sc->params);
    sc->params.n_teams = 20;
    sc->ticks = 260;
    sc->n_events = 0;
}

void run_scenario(const scenario *sc, const herd_policy_type *policy, unsigned long seed,
                  herd_record *records)
{
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &sc->params, seed), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, policy), HERD_OK);
    for (size_t i = 0; i < sc->n_events; i++)
        ck_assert_int_eq(herd_sim_add_event(sim, &sc->events[i]), HERD_OK);
    for (long t = 0; t < sc->ticks; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        records[t] = *herd_sim_record(sim);
    }
    herd_sim_free(sim);
}

interval mean_interval(const double *x, int n)
{
    interval ci = {0, 0, 0, n};
    ci.mean = gsl_stats_mean(x, 1, (size_t)n);
    double half = n > 1 ? gsl_cdf_tdist_Pinv(0.975, n - 1) * gsl_stats_sd(x, 1, (size_t)n) /
                              sqrt((double)n)
                        : INFINITY;
    ci.low = ci.mean - half;
    ci.high = ci.mean + half;
    return ci;
}

interval paired_difference(const scenario *sc, const herd_policy_type *a,
                           const herd_policy_type *b, measure_fn measure, int reps)
{
    herd_record *ra = calloc((size_t)sc->ticks, sizeof *ra);
    herd_record *rb = calloc((size_t)sc->ticks, sizeof *rb);
    double *diff = calloc((size_t)reps, sizeof *diff);
    ck_assert(ra != NULL && rb != NULL && diff != NULL);
    for (int r = 0; r < reps; r++) {
        unsigned long seed = 1000 + (unsigned long)r;
        run_scenario(sc, a, seed, ra);
        run_scenario(sc, b, seed, rb);
        diff[r] = measure(ra, sc->ticks, sc) - measure(rb, sc->ticks, sc);
    }
    interval ci = mean_interval(diff, reps);
    free(ra);
    free(rb);
    free(diff);
    return ci;
}
