#include "paired.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* The seed of the facts' scenarios: replication r runs with herd_seed_derive(FACTS_SEED, r). */
#define FACTS_SEED 1000

void scenario_default(scenario *sc)
{
    herd_params_default(&sc->params);
    sc->params.n_teams = 20;
    sc->ticks = 260;
    sc->n_events = 0;
}

static void set_key(herd_scenario *s, const char *key, const char *value)
{
    char err[512] = "";
    ck_assert_msg(herd_scenario_set(s, key, value, err, sizeof err) == HERD_OK, "%s", err);
}

static void set_event(herd_scenario *s, size_t i, const herd_event *e)
{
    char key[64], value[64];
    snprintf(key, sizeof key, "event.e%zu.kind", i);
    set_key(s, key, herd_event_kind_name(e->kind));
    snprintf(key, sizeof key, "event.e%zu.start", i);
    snprintf(value, sizeof value, "%ld", e->start);
    set_key(s, key, value);
    snprintf(key, sizeof key, "event.e%zu.length", i);
    snprintf(value, sizeof value, "%ld", e->length);
    set_key(s, key, value);
    snprintf(key, sizeof key, "event.e%zu.intensity", i);
    snprintf(value, sizeof value, "%.17g", e->intensity);
    set_key(s, key, value);
}

/* The library's scenario of sc, every team on one policy. */
static herd_scenario *library_scenario(const scenario *sc)
{
    herd_scenario *s = NULL;
    char value[32];
    ck_assert_int_eq(herd_scenario_new(&s), HERD_OK);
    s->params = sc->params;
    snprintf(value, sizeof value, "%ld", sc->ticks);
    set_key(s, "run.ticks", value);
    s->seed = FACTS_SEED;
    for (size_t i = 0; i < sc->n_events; i++)
        set_event(s, i, &sc->events[i]);
    return s;
}

herd_interval paired_difference(const scenario *sc, const herd_policy_type *a,
                           const herd_policy_type *b, measure_fn measure, int reps)
{
    herd_scenario *s = library_scenario(sc);
    const herd_policy_type *arms[] = {a, b};
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = reps;
    herd_compare *c = NULL;
    char err[1024] = "";
    ck_assert_msg(herd_compare_run(&c, s, arms, 2, &cs, err, sizeof err) == HERD_OK, "%s", err);
    double *diff = calloc((size_t)reps, sizeof *diff);
    ck_assert_ptr_nonnull(diff);
    for (long r = 0; r < reps; r++)
        diff[r] = measure(herd_compare_records(c, 0, r), sc->ticks, sc) -
                  measure(herd_compare_records(c, 1, r), sc->ticks, sc);
    herd_interval iv;
    ck_assert_int_eq(herd_stats_interval(diff, 1, (size_t)reps, 0.95, &iv), HERD_OK);
    free(diff);
    herd_compare_free(c);
    herd_scenario_free(s);
    return iv;
}
