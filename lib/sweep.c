/* Sweeps: a paired comparison at every point of a design over scenario keys. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_internal.h"
#include "errmsg.h"
#include "herd/rng.h"

void herd_sweep_free(herd_sweep *sw)
{
    if (sw == NULL)
        return;
    herd_allocator a = sw->a;
    for (long j = 0; sw->cells != NULL && j < sw->n_points; j++)
        herd_compare_free(sw->cells[j]);
    herd_free(&a, sw->cells);
    herd_free(&a, sw->values);
    herd_free(&a, sw->factors);
    herd_free(&a, sw);
}

/* A factor's key must name a number the scenario holds; its integer flag follows the key. */
static int resolve_factor(const herd_scenario *s, herd_factor *f, char *err, size_t err_size)
{
    double value;
    int integer = 0;
    char why[512];
    if (herd_scenario_get_number(s, f->key, &value, &integer, why, sizeof why) != HERD_OK) {
        herd_errf(err, err_size, 0, "%s", why);
        return HERD_ENOTFOUND;
    }
    f->integer = integer;
    return HERD_OK;
}

/* Whether s takes value for f's key: set in a copy (whose message names the key and the
 * value) and validated (whose message may name another key, so the value is named first). */
static int takes_bound(const herd_scenario *s, const herd_factor *f, double value, char *err,
                       size_t err_size)
{
    char why[512] = "";
    herd_scenario *copy = NULL;
    int rc = herd_scenario_copy(&copy, s);
    if (rc == HERD_OK && (rc = herd_scenario_set_number(copy, f->key, value, why,
                                                        sizeof why)) != HERD_OK)
        herd_errf(err, err_size, 0, "%s", why);
    else if (rc == HERD_OK && (rc = herd_scenario_validate(copy, why, sizeof why)) != HERD_OK)
        herd_errf(err, err_size, 0, "%s = %.17g: %s", f->key, value, why);
    else if (rc == HERD_ENOMEM)
        herd_errf(err, err_size, 0, "%s: out of memory", f->key);
    herd_scenario_free(copy);
    return rc;
}

herd_status herd_sweep_resolve(const herd_scenario *s, herd_factor *factors, size_t n,
                               char *err, size_t err_size)
{
    if (s == NULL || (factors == NULL && n > 0)) {
        herd_errf(err, err_size, 0, "no scenario or no factors");
        return HERD_EINVAL;
    }
    for (size_t i = 0; i < n; i++) {
        int rc = resolve_factor(s, &factors[i], err, err_size);
        if (rc == HERD_OK)
            rc = herd_factor_check(&factors[i], err, err_size);
        if (rc == HERD_OK)
            rc = takes_bound(s, &factors[i], factors[i].lo, err, err_size);
        if (rc == HERD_OK)
            rc = takes_bound(s, &factors[i], factors[i].hi, err, err_size);
        if (rc != HERD_OK)
            return rc;
    }
    return HERD_OK;
}

long herd_sweep_n_runs(const herd_design *d, long n_policies, long reps)
{
    if (d == NULL || n_policies < 1 || reps < 1)
        return -1;
    long points = herd_design_points(d);
    if (points < 1 || points > LONG_MAX / n_policies / reps)
        return -1;
    return points * n_policies * reps;
}

herd_status herd_sweep_run_key_of(const herd_design *d, uint64_t scenario_seed, long n_policies,
                                  long reps, long run, herd_sweep_run_key *out)
{
    long runs = herd_sweep_n_runs(d, n_policies, reps);
    if (out == NULL || runs < 0 || run < 0 || run >= runs)
        return HERD_EINVAL;
    herd_sweep_run_key key = {.run = run, .rep = run % reps, .policy = run / reps % n_policies};
    key.point = run / reps / n_policies;
    key.seed = herd_design_seed(d, scenario_seed, key.point, key.rep);
    *out = key;
    return HERD_OK;
}

static void describe_point(const herd_factor *factors, size_t n, const double *values,
                           char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int k = snprintf(buf + used, size - used, "%s%s = %g", i ? ", " : "", factors[i].key,
                         values[i]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

/* A copy of s (with allocator a; NULL: s's) with each factor's key set to its value,
 * validated and checked against the memory limit; on failure *out is NULL and err names the
 * point. */
static int point_scenario(herd_scenario **out, const herd_scenario *s, long j,
                          const herd_factor *factors, size_t n, const double *values,
                          const herd_allocator *a, double memory_limit, char *err,
                          size_t err_size)
{
    herd_scenario *cell = NULL;
    char why[512] = "";
    int rc = herd_scenario_copy_with(&cell, s, a, why, sizeof why);
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        rc = herd_scenario_set_number(cell, factors[i].key, values[i], why, sizeof why);
    if (rc == HERD_OK)
        rc = herd_scenario_validate(cell, why, sizeof why);
    if (rc == HERD_OK)
        rc = herd_scenario_check_memory(cell, memory_limit, why, sizeof why);
    if (rc != HERD_OK) {
        char point[512];
        describe_point(factors, n, values, point, sizeof point);
        herd_errf(err, err_size, 0, "design point %ld (%s): %s", j, point,
                  *why ? why : herd_strerror(rc));
        herd_scenario_free(cell);
        cell = NULL;
    }
    *out = cell;
    return rc;
}

herd_status herd_sweep_point_scenario(herd_scenario **out, const herd_scenario *s, long j,
                                      const herd_factor *factors, size_t n,
                                      const double *values, double memory_limit, char *err,
                                      size_t err_size)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || s == NULL || (n > 0 && (factors == NULL || values == NULL)))
        return herd_errf(err, err_size, HERD_EINVAL, "no scenario, point or place for it");
    return (herd_status)point_scenario(out, s, j, factors, n, values, NULL, memory_limit, err,
                                       err_size);
}

/* Point j's scenario, with its seed by the sweep's rule, and its comparison. */
static int make_point(herd_sweep *sw, const herd_scenario *s, long j, uint64_t seed,
                      const herd_policy_type *const *policies, size_t n_policies,
                      const herd_compare_settings *cs, char *err, size_t err_size)
{
    herd_scenario *cell = NULL;
    const double *values = sw->values + (size_t)j * sw->n_factors;
    int rc = point_scenario(&cell, s, j, sw->factors, sw->n_factors, values, &sw->a,
                            cs->memory_limit, err, err_size);
    if (rc != HERD_OK)
        return rc;
    cell->seed = seed;
    rc = herd_compare_alloc(&sw->cells[j], cell, s, policies, n_policies, cs, &sw->a);
    if (rc != HERD_OK)
        herd_errf(err, err_size, 0, "design point %ld: %s", j, herd_strerror(rc));
    herd_scenario_free(cell);
    return rc;
}

herd_status herd_sweep_check(const herd_scenario *s, const herd_design *d, double memory_limit,
                             char *err, size_t err_size)
{
    if (s == NULL || d == NULL) {
        herd_errf(err, err_size, 0, "no scenario or no design");
        return HERD_EINVAL;
    }
    size_t n = herd_design_n_factors(d);
    herd_factor factors[HERD_DESIGN_MAX_FACTORS];
    double values[HERD_DESIGN_MAX_FACTORS];
    for (size_t i = 0; i < n; i++)
        factors[i] = *herd_design_factor(d, i);
    herd_design_cursor *cur = NULL;
    int rc = herd_design_cursor_new(&cur, d);
    if (rc != HERD_OK)
        herd_errf(err, err_size, 0, "%s for the design's cursor", herd_strerror(rc));
    for (long j = 0; rc == HERD_OK && j < herd_design_points(d); j++) {
        herd_scenario *cell = NULL;
        rc = herd_design_cursor_point(cur, j, values, NULL);
        if (rc == HERD_OK)
            rc = point_scenario(&cell, s, j, factors, n, values, NULL, memory_limit, err,
                                err_size);
        herd_scenario_free(cell);
    }
    herd_design_cursor_free(cur);
    return (herd_status)rc;
}

static int sweep_alloc(herd_sweep **out, const herd_design *d, const herd_allocator *a)
{
    herd_sweep *sw = herd_calloc(a, 1, sizeof *sw);
    if (sw == NULL)
        return HERD_ENOMEM;
    sw->a = *a;
    sw->n_points = herd_design_points(d);
    sw->n_factors = herd_design_n_factors(d);
    sw->factors = herd_calloc(a, sw->n_factors, sizeof *sw->factors);
    sw->values = herd_calloc(a, (size_t)sw->n_points, sw->n_factors * sizeof *sw->values);
    sw->cells = herd_calloc(a, (size_t)sw->n_points, sizeof *sw->cells);
    if (!sw->factors || !sw->values || !sw->cells) {
        herd_sweep_free(sw);
        return HERD_ENOMEM;
    }
    for (size_t i = 0; i < sw->n_factors; i++)
        sw->factors[i] = *herd_design_factor(d, i);
    *out = sw;
    return HERD_OK;
}

static int fill_values(herd_sweep *sw, const herd_design *d)
{
    herd_design_cursor *cur = NULL;
    int rc = herd_design_cursor_new(&cur, d);
    for (long j = 0; rc == HERD_OK && j < sw->n_points; j++)
        rc = herd_design_cursor_point(cur, j, sw->values + (size_t)j * sw->n_factors, NULL);
    herd_design_cursor_free(cur);
    return rc;
}

int herd_sweep_build(herd_sweep **out, const herd_scenario *s, const herd_design *d,
                     int same_seeds, const herd_policy_type *const *policies, size_t n_policies,
                     const herd_compare_settings *cs, char *err, size_t err_size)
{
    herd_allocator a;
    herd_allocator_init(&a, cs->sim.alloc, cs->sim.dealloc, cs->sim.alloc_ctx);
    herd_sweep *sw = NULL;
    int rc = sweep_alloc(&sw, d, &a);
    if (rc == HERD_OK)
        rc = fill_values(sw, d);
    if (rc != HERD_OK)
        herd_errf(err, err_size, 0, "out of memory for a design of %ld points",
                         herd_design_points(d));
    for (long j = 0; rc == HERD_OK && j < sw->n_points; j++) {
        uint64_t seed = same_seeds ? s->seed
                                   : herd_seed_derive(s->seed, (uint64_t)herd_design_seed_point(d, j));
        rc = make_point(sw, s, j, seed, policies, n_policies, cs, err, err_size);
    }
    if (rc == HERD_OK)
        rc = herd_compare_run_all(sw->cells, (size_t)sw->n_points, cs, err, err_size);
    if (rc != HERD_OK) {
        herd_sweep_free(sw);
        return rc;
    }
    *out = sw;
    return HERD_OK;
}

/* The factors of d must name numbers of s, with the integer flags of their keys. */
static int check_design_keys(const herd_scenario *s, const herd_design *d, char *err,
                             size_t err_size)
{
    for (size_t i = 0; i < herd_design_n_factors(d); i++) {
        herd_factor f = *herd_design_factor(d, i);
        int integer = f.integer;
        int rc = resolve_factor(s, &f, err, err_size);
        if (rc != HERD_OK)
            return rc;
        if (f.integer && !integer) {
            return herd_errf(err, err_size, HERD_EINVAL,
                             "factor %s: the key takes whole numbers; set the factor's "
                             "integer flag (herd_sweep_resolve does)", f.key);
        }
    }
    return HERD_OK;
}

herd_status herd_sweep_run(herd_sweep **out, const herd_scenario *s, const herd_design *d,
                           const herd_policy_type *const *policies, size_t n_policies,
                           const herd_compare_settings *settings, char *err, size_t err_size)
{
    if (out == NULL || d == NULL)
        return HERD_EINVAL;
    *out = NULL;
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    if (settings != NULL)
        cs = *settings;
    int rc = herd_compare_check(s, policies, n_policies, &cs, 1, err, err_size);
    if (rc == HERD_OK)
        rc = check_design_keys(s, d, err, err_size);
    if (rc == HERD_OK)
        rc = herd_sweep_build(out, s, d, 0, policies, n_policies, &cs, err, err_size);
    return (herd_status)rc;
}

long herd_sweep_n_points(const herd_sweep *sw)
{
    return sw != NULL ? sw->n_points : 0;
}

size_t herd_sweep_n_factors(const herd_sweep *sw)
{
    return sw != NULL ? sw->n_factors : 0;
}

const herd_factor *herd_sweep_factor(const herd_sweep *sw, size_t i)
{
    return sw != NULL && i < sw->n_factors ? &sw->factors[i] : NULL;
}

double herd_sweep_value(const herd_sweep *sw, long point, size_t factor)
{
    if (sw == NULL || point < 0 || point >= sw->n_points || factor >= sw->n_factors)
        return NAN;
    return sw->values[(size_t)point * sw->n_factors + factor];
}

const herd_compare *herd_sweep_point(const herd_sweep *sw, long point)
{
    return sw != NULL && point >= 0 && point < sw->n_points ? sw->cells[point] : NULL;
}

herd_status herd_sweep_output(const herd_sweep *sw, size_t policy, size_t other, size_t metric,
                              double *f)
{
    if (sw == NULL || f == NULL || sw->n_points < 1)
        return HERD_EINVAL;
    for (long j = 0; j < sw->n_points; j++) {
        herd_interval iv;
        const herd_compare *c = sw->cells[j];
        int rc = other == HERD_SWEEP_NO_OTHER ? herd_compare_interval(c, policy, metric, &iv)
                                              : herd_compare_difference(c, policy, other, metric, &iv);
        if (rc != HERD_OK)
            return (herd_status)rc;
        f[j] = iv.mean;
    }
    return HERD_OK;
}
