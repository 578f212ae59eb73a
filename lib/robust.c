/* Robustness of stylised facts over a Latin hypercube of plausible parameters
 * (include/herd/robust.h). */
#include "herd/robust.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "herd/design.h"
#include "herd/rng.h"
#include "herd/sensitivity.h"

struct herd_robust {
    long points;
    size_t n_facts, k;
    const herd_fact **facts;
    const herd_param_info *factors[HERD_DESIGN_MAX_FACTORS];
    double *values;            /* points x k */
    herd_fact_result *results; /* points x n_facts */
};

void herd_robust_settings_default(herd_robust_settings *s)
{
    if (s == NULL)
        return;
    memset(s, 0, sizeof *s);
    s->points = 200;
    s->seed = 1;
    herd_compare_settings_default(&s->compare);
}

void herd_robust_free(herd_robust *r)
{
    if (r == NULL)
        return;
    free(r->facts);
    free(r->values);
    free(r->results);
    free(r);
}

static int named_in(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; list != NULL && i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

static herd_status check_names(const char *const *names, size_t n, const char *what, char *err,
                               size_t err_size)
{
    if (names == NULL && n > 0)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: %s: %zu names but no array",
                         what, n);
    for (size_t i = 0; i < n; i++)
        if (names[i] == NULL || herd_params_find(names[i]) == NULL)
            return herd_errf(err, err_size, HERD_ENOTFOUND,
                             "robustness: %s: '%s' is not a parameter", what,
                             names[i] == NULL ? "(null)" : names[i]);
    return HERD_OK;
}

static herd_status pick_factors(herd_robust *r, const herd_robust_settings *st, char *err,
                                size_t err_size)
{
    herd_status rc;
    if ((rc = check_names(st->vary, st->n_vary, "vary", err, err_size)) != HERD_OK ||
        (rc = check_names(st->fixed, st->n_fixed, "fixed", err, err_size)) != HERD_OK)
        return rc;
    for (size_t i = 0; i < herd_params_count(); i++) {
        const herd_param_info *p = herd_params_info(i);
        int wanted = st->vary != NULL ? named_in(p->name, st->vary, st->n_vary) : p->low < p->high;
        if (!wanted || named_in(p->name, st->fixed, st->n_fixed))
            continue;
        if (r->k == HERD_DESIGN_MAX_FACTORS)
            return herd_errf(err, err_size, HERD_ETOOBIG, "robustness: more than %d parameters "
                             "to vary", HERD_DESIGN_MAX_FACTORS);
        r->factors[r->k++] = p;
    }
    if (r->k == 0)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: no parameter left to vary");
    return HERD_OK;
}

/* The regression that finds the drivers (herd_robust_drivers) needs more points than the
 * varied parameters + 1. */
static long min_points(size_t k)
{
    return (long)k + 2;
}

/* settings, or the defaults where it is NULL. */
static herd_robust_settings settings_or_default(const herd_robust_settings *settings)
{
    herd_robust_settings st;
    if (settings != NULL)
        return *settings;
    herd_robust_settings_default(&st);
    return st;
}

herd_status herd_robust_min_points(const herd_robust_settings *settings, long *out, char *err,
                                   size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: no place for the result");
    herd_robust_settings st = settings_or_default(settings);
    herd_robust r = {0};
    herd_status rc = pick_factors(&r, &st, err, err_size);
    if (rc == HERD_OK)
        *out = min_points(r.k);
    return rc;
}

herd_status herd_robust_varies(const herd_robust_settings *settings, const herd_param_info *p,
                               int *out, char *err, size_t err_size)
{
    if (p == NULL || out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: no %s",
                         p == NULL ? "parameter" : "place for the result");
    herd_robust_settings st = settings_or_default(settings);
    herd_robust r = {0};
    herd_status rc = pick_factors(&r, &st, err, err_size);
    if (rc != HERD_OK)
        return rc;
    *out = 0;
    for (size_t i = 0; i < r.k; i++)
        *out |= r.factors[i] == p;
    return HERD_OK;
}

static herd_status place_points(herd_robust *r, uint64_t seed, char *err, size_t err_size)
{
    herd_factor f[HERD_DESIGN_MAX_FACTORS];
    memset(f, 0, sizeof f);
    for (size_t i = 0; i < r->k; i++) {
        snprintf(f[i].key, sizeof f[i].key, "%s", r->factors[i]->name);
        f[i].lo = r->factors[i]->low;
        f[i].hi = r->factors[i]->high;
        f[i].integer = r->factors[i]->kind == HERD_PARAM_INT;
    }
    herd_design *d = NULL;
    herd_design_cursor *c = NULL;
    herd_status rc = herd_design_new(&d, HERD_DESIGN_LHS, f, r->k, r->points, seed, err,
                                     err_size);
    if (rc == HERD_OK && (rc = herd_design_cursor_new(&c, d)) != HERD_OK)
        herd_errf(err, err_size, rc, "robustness: design cursor: %s", herd_strerror(rc));
    for (long j = 0; rc == HERD_OK && j < r->points; j++)
        rc = herd_design_cursor_point(c, j, &r->values[(size_t)j * r->k], NULL);
    herd_design_cursor_free(c);
    herd_design_free(d);
    return rc;
}

/* base with point j's values and seed. */
static herd_status point_scenario(const herd_robust *r, const herd_scenario *base, long j,
                                  herd_scenario **out, char *err, size_t err_size)
{
    herd_scenario *s = NULL;
    herd_status rc = herd_scenario_copy(&s, base);
    if (rc != HERD_OK)
        return herd_errf(err, err_size, rc, "robustness: point %ld: copying the scenario", j);
    s->seed = herd_seed_derive(base->seed, (uint64_t)j);
    for (size_t i = 0; i < r->k; i++)
        herd_params_set(&s->params, r->factors[i], r->values[(size_t)j * r->k + i]);
    char why[512] = "";
    if ((rc = herd_params_validate(&s->params, why, sizeof why)) != HERD_OK) {
        herd_scenario_free(s);
        return herd_errf(err, err_size, rc, "robustness: point %ld: %s", j, why);
    }
    *out = s;
    return HERD_OK;
}

/* Every point's scenario, with every fact's adjustments, validates. */
static herd_status check_points(const herd_robust *r, const herd_scenario *base, char *err,
                                size_t err_size)
{
    for (long j = 0; j < r->points; j++) {
        herd_scenario *s = NULL;
        herd_status rc = point_scenario(r, base, j, &s, err, err_size);
        for (size_t f = 0; rc == HERD_OK && f < r->n_facts; f++) {
            herd_scenario *fs = NULL;
            char why[512] = "";
            rc = herd_fact_scenario(&fs, r->facts[f], s, why, sizeof why);
            if (rc == HERD_OK)
                rc = herd_scenario_validate(fs, why, sizeof why);
            if (rc != HERD_OK)
                herd_errf(err, err_size, rc, "robustness: point %ld: %s", j, why);
            herd_scenario_free(fs);
        }
        herd_scenario_free(s);
        if (rc != HERD_OK)
            return rc;
    }
    return HERD_OK;
}

static herd_status run_point(herd_robust *r, const herd_scenario *base, long j,
                             const herd_compare_settings *cs, char *err, size_t err_size)
{
    herd_scenario *s = NULL;
    herd_status rc = point_scenario(r, base, j, &s, err, err_size);
    for (size_t f = 0; rc == HERD_OK && f < r->n_facts; f++) {
        char why[1024] = "";
        rc = herd_fact_evaluate(r->facts[f], s, cs, &r->results[(size_t)j * r->n_facts + f],
                                why, sizeof why);
        if (rc != HERD_OK)
            herd_errf(err, err_size, rc, "robustness: point %ld (seed %llu): %s", j,
                      (unsigned long long)s->seed, why);
    }
    herd_scenario_free(s);
    return rc;
}

static herd_status check_input(const herd_scenario *base, const herd_fact *const *facts,
                               size_t n_facts, const herd_robust_settings *st, char *err,
                               size_t err_size)
{
    if (base == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: no base scenario");
    if (facts == NULL || n_facts == 0)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: no facts");
    if (st->points < 2 || st->points > HERD_DESIGN_MAX_POINTS)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: settings points = %ld, "
                         "expected 2 to %ld", st->points, HERD_DESIGN_MAX_POINTS);
    for (size_t f = 0; f < n_facts; f++) {
        herd_status rc = herd_fact_check_valid(facts[f], err, err_size);
        if (rc != HERD_OK)
            return rc;
        for (size_t g = 0; g < f; g++)
            if (strcmp(facts[g]->id, facts[f]->id) == 0)
                return herd_errf(err, err_size, HERD_EINVAL, "robustness: fact %s given twice",
                                 facts[f]->id);
    }
    return HERD_OK;
}

static herd_status prepare(herd_robust *r, const herd_scenario *base,
                           const herd_fact *const *facts, const herd_robust_settings *st,
                           char *err, size_t err_size)
{
    herd_status rc = pick_factors(r, st, err, err_size);
    if (rc != HERD_OK)
        return rc;
    if (r->points < min_points(r->k))
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: settings points = %ld, "
                         "expected at least %ld: the drivers' regression needs more points "
                         "than the %zu varied parameters + 1", r->points, min_points(r->k),
                         r->k);
    r->facts = malloc(r->n_facts * sizeof *r->facts);
    r->values = malloc((size_t)r->points * r->k * sizeof *r->values);
    r->results = calloc((size_t)r->points * r->n_facts, sizeof *r->results);
    if (r->facts == NULL || r->values == NULL || r->results == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "robustness: out of memory");
    memcpy(r->facts, facts, r->n_facts * sizeof *r->facts);
    rc = place_points(r, st->seed, err, err_size);
    if (rc == HERD_OK)
        rc = check_points(r, base, err, err_size);
    return rc;
}

herd_status herd_robust_run(herd_robust **out, const herd_scenario *base,
                            const herd_fact *const *facts, size_t n_facts,
                            const herd_robust_settings *settings, char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "robustness: no place for the result");
    *out = NULL;
    herd_robust_settings st = settings_or_default(settings);
    herd_status rc = check_input(base, facts, n_facts, &st, err, err_size);
    if (rc != HERD_OK)
        return rc;
    herd_robust *r = calloc(1, sizeof *r);
    if (r == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "robustness: out of memory");
    r->points = st.points;
    r->n_facts = n_facts;
    rc = prepare(r, base, facts, &st, err, err_size);
    st.compare.progress = NULL;
    for (long j = 0; rc == HERD_OK && j < r->points; j++) {
        rc = run_point(r, base, j, &st.compare, err, err_size);
        if (rc == HERD_OK && st.progress != NULL &&
            st.progress(st.progress_cookie, (size_t)j + 1, (size_t)r->points) != 0)
            rc = herd_errf(err, err_size, HERD_ECALLBACK, "robustness: cancelled after point "
                           "%ld", j);
    }
    if (rc != HERD_OK) {
        herd_robust_free(r);
        return rc;
    }
    *out = r;
    return HERD_OK;
}

long herd_robust_n_points(const herd_robust *r)
{
    return r != NULL ? r->points : 0;
}

size_t herd_robust_n_facts(const herd_robust *r)
{
    return r != NULL ? r->n_facts : 0;
}

const herd_fact *herd_robust_fact(const herd_robust *r, size_t i)
{
    return r != NULL && i < r->n_facts ? r->facts[i] : NULL;
}

size_t herd_robust_n_factors(const herd_robust *r)
{
    return r != NULL ? r->k : 0;
}

const herd_param_info *herd_robust_factor(const herd_robust *r, size_t i)
{
    return r != NULL && i < r->k ? r->factors[i] : NULL;
}

double herd_robust_value(const herd_robust *r, long j, size_t i)
{
    if (r == NULL || j < 0 || j >= r->points || i >= r->k)
        return NAN;
    return r->values[(size_t)j * r->k + i];
}

const herd_fact_result *herd_robust_result(const herd_robust *r, long j, size_t f)
{
    if (r == NULL || j < 0 || j >= r->points || f >= r->n_facts)
        return NULL;
    return &r->results[(size_t)j * r->n_facts + f];
}
