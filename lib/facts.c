/* Evaluating a stylised fact on a paired comparison (include/herd/facts.h). */
#include "herd/facts.h"

#include <stdlib.h>
#include <string.h>

#include "errmsg.h"

static const char *check_field_missing(const herd_fact_check *c)
{
    if (c->a == NULL || *c->a == NULL)
        return "no policy a";
    if (c->b == NULL || *c->b == NULL)
        return "no policy b";
    return c->measure == NULL ? "no measure" : NULL;
}

herd_status herd_fact_check_valid(const herd_fact *f, char *err, size_t err_size)
{
    if (f == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "fact: none given");
    if (f->id == NULL || f->id[0] == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "fact: no id");
    if (f->n_checks == 0 || f->n_checks > HERD_FACT_MAX_CHECKS)
        return herd_errf(err, err_size, HERD_EINVAL, "fact %s: n_checks = %zu, expected 1 to %d",
                         f->id, f->n_checks, HERD_FACT_MAX_CHECKS);
    if (f->n_adjust > HERD_FACT_MAX_KEYS)
        return herd_errf(err, err_size, HERD_EINVAL, "fact %s: n_adjust = %zu, at most %d",
                         f->id, f->n_adjust, HERD_FACT_MAX_KEYS);
    for (size_t i = 0; i < f->n_checks; i++) {
        const char *missing = check_field_missing(&f->checks[i]);
        if (missing != NULL)
            return herd_errf(err, err_size, HERD_EINVAL, "fact %s: check %zu: %s", f->id, i + 1,
                             missing);
    }
    for (size_t i = 0; i < f->n_adjust; i++)
        if (f->adjust[i].key == NULL || f->adjust[i].value == NULL)
            return herd_errf(err, err_size, HERD_EINVAL, "fact %s: adjustment %zu: no %s",
                             f->id, i + 1, f->adjust[i].key == NULL ? "key" : "value");
    return HERD_OK;
}

herd_status herd_fact_scenario(herd_scenario **out, const herd_fact *f,
                               const herd_scenario *base, char *err, size_t err_size)
{
    if (out == NULL || base == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "fact: no %s",
                         out == NULL ? "place for the scenario" : "base scenario");
    *out = NULL;
    herd_status rc = herd_fact_check_valid(f, err, err_size);
    if (rc != HERD_OK)
        return rc;
    herd_scenario *s = NULL;
    if ((rc = herd_scenario_copy(&s, base)) != HERD_OK)
        return herd_errf(err, err_size, rc, "fact %s: copying the scenario: %s", f->id,
                         herd_strerror(rc));
    for (size_t i = 0; i < f->n_adjust; i++) {
        char why[512] = "";
        rc = herd_scenario_set(s, f->adjust[i].key, f->adjust[i].value, why, sizeof why);
        if (rc != HERD_OK) {
            herd_scenario_free(s);
            return herd_errf(err, err_size, rc, "fact %s: %s", f->id, why);
        }
    }
    *out = s;
    return HERD_OK;
}

/* The distinct policies of f's checks, in the order they first appear; arm[2 i] and
 * arm[2 i + 1] are check i's a and b. */
static size_t arms_of(const herd_fact *f, const herd_policy_type **policies, size_t *arm)
{
    size_t n = 0;
    for (size_t i = 0; i < 2 * f->n_checks; i++) {
        const herd_policy_type *p = i % 2 ? *f->checks[i / 2].b : *f->checks[i / 2].a;
        size_t k = 0;
        while (k < n && policies[k] != p)
            k++;
        if (k == n)
            policies[n++] = p;
        arm[i] = k;
    }
    return n;
}

static herd_status check_interval(const herd_compare *c, const herd_fact_check *check,
                                  size_t a, size_t b, double level, herd_interval *out)
{
    long reps = herd_compare_n_reps(c), ticks = herd_compare_n_ticks(c);
    const herd_scenario *s = herd_compare_scenario(c);
    double *diff = malloc((size_t)reps * sizeof *diff);
    if (diff == NULL)
        return HERD_ENOMEM;
    for (long r = 0; r < reps; r++)
        diff[r] = check->measure(herd_compare_records(c, a, r), ticks, s) -
                  check->measure(herd_compare_records(c, b, r), ticks, s);
    herd_status rc = herd_stats_interval(diff, 1, (size_t)reps, level, out);
    free(diff);
    return rc;
}

static herd_status fill_result(const herd_fact *f, const herd_compare *c, const size_t *arm,
                               double level, herd_fact_result *out, char *err, size_t err_size)
{
    herd_fact_result res = {.n_checks = f->n_checks, .holds = 1};
    for (size_t i = 0; i < f->n_checks; i++) {
        herd_status rc = check_interval(c, &f->checks[i], arm[2 * i], arm[2 * i + 1], level,
                                        &res.diff[i]);
        if (rc != HERD_OK)
            return herd_errf(err, err_size, rc, "fact %s: check %zu: %s", f->id, i + 1,
                             herd_strerror(rc));
        res.check_holds[i] = res.diff[i].low > 0;
        res.holds = res.holds && res.check_holds[i];
    }
    *out = res;
    return HERD_OK;
}

herd_status herd_fact_evaluate(const herd_fact *f, const herd_scenario *base,
                               const herd_compare_settings *settings, herd_fact_result *out,
                               char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "fact: no place for the result");
    herd_scenario *s = NULL;
    herd_status rc = herd_fact_scenario(&s, f, base, err, err_size);
    if (rc != HERD_OK)
        return rc;
    herd_compare_settings cs;
    if (settings != NULL)
        cs = *settings;
    else
        herd_compare_settings_default(&cs);
    cs.keep_records = 1;
    const herd_policy_type *policies[2 * HERD_FACT_MAX_CHECKS];
    size_t arm[2 * HERD_FACT_MAX_CHECKS];
    size_t n = arms_of(f, policies, arm);
    herd_compare *c = NULL;
    char why[1024] = "";
    rc = herd_compare_run(&c, s, policies, n, &cs, why, sizeof why);
    herd_scenario_free(s);
    if (rc != HERD_OK)
        return herd_errf(err, err_size, rc, "fact %s: %s", f->id, why);
    rc = fill_result(f, c, arm, cs.level, out, err, err_size);
    herd_compare_free(c);
    return rc;
}
