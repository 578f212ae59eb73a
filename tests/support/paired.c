#include "paired.h"

#include <check.h>
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

herd_interval paired_difference(const scenario *sc, const herd_policy_type *a,
                                const herd_policy_type *b, measure_fn measure, int reps)
{
    herd_record *ra = calloc((size_t)sc->ticks, sizeof *ra);
    herd_record *rb = calloc((size_t)sc->ticks, sizeof *rb);
    double *fa = calloc((size_t)reps, sizeof *fa);
    double *fb = calloc((size_t)reps, sizeof *fb);
    ck_assert(ra != NULL && rb != NULL && fa != NULL && fb != NULL);
    for (int r = 0; r < reps; r++) {
        unsigned long seed = 1000 + (unsigned long)r;
        run_scenario(sc, a, seed, ra);
        run_scenario(sc, b, seed, rb);
        fa[r] = measure(ra, sc->ticks, sc);
        fb[r] = measure(rb, sc->ticks, sc);
    }
    herd_interval ci;
    ck_assert_int_eq(herd_stats_paired_interval(fa, fb, 1, (size_t)reps, 0.95, &ci), HERD_OK);
    free(ra);
    free(rb);
    free(fa);
    free(fb);
    return ci;
}
