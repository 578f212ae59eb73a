/* The search space of styles: a fixed style is a point of the attention simplex; a switching
 * style is two points of it, the calm and the front stance, and its thresholds, each within
 * its range and each threshold to leave the front at most the one to enter it. */
#include <math.h>
#include <string.h>

#include "optimise_internal.h"

/* The thresholds searched: each with the one to leave the front that it bounds, if any. */
static const struct {
    const char *enter, *leave;
} pairs[] = {{"crisis_enter", "crisis_leave"}, {"gap_enter", "gap_leave"}, {"shortfall", NULL}};
enum { N_PAIRS = sizeof pairs / sizeof pairs[0] };

const herd_style_key *herd_optimise_threshold(size_t i)
{
    for (size_t p = 0, n = 0; p < N_PAIRS; p++) {
        if (n++ == i)
            return herd_style_key_find(pairs[p].enter);
        if (pairs[p].leave != NULL && n++ == i)
            return herd_style_key_find(pairs[p].leave);
    }
    return NULL;
}

size_t herd_opt_unit_dim(const herd_optimise_settings *s)
{
    size_t k = herd_opt_components(s);
    return s->switching ? 2 * k + HERD_OPT_THRESHOLDS : k;
}

size_t herd_opt_dim(const herd_optimise_settings *s)
{
    size_t k = herd_opt_components(s);
    return s->switching ? 2 * (k - 1) + HERD_OPT_THRESHOLDS : k - 1;
}

static void base_style(const herd_optimise_settings *s, herd_style *out)
{
    herd_style_default(out);
    out->switching = s->switching;
}

/* The key's range, its top lowered to cap. */
static void range_of(const herd_style_key *key, double cap, double *lo, double *hi)
{
    *lo = key->min;
    *hi = fmax(key->min, fmin(key->max, cap));
}

/* Sets the thresholds from fractions f[0..HERD_OPT_THRESHOLDS) of their ranges: an enter
 * threshold's range is its key's, a leave threshold's its key's capped by its enter. */
static void thresholds_from(herd_style *st, const double *f)
{
    size_t i = 0;
    for (size_t p = 0; p < N_PAIRS; p++) {
        const herd_style_key *enter = herd_style_key_find(pairs[p].enter);
        double lo, hi;
        range_of(enter, INFINITY, &lo, &hi);
        double e = lo + (hi - lo) * f[i++];
        herd_style_set(st, enter, e);
        if (pairs[p].leave == NULL)
            continue;
        const herd_style_key *leave = herd_style_key_find(pairs[p].leave);
        range_of(leave, e, &lo, &hi);
        herd_style_set(st, leave, lo + (hi - lo) * f[i++]);
    }
}

/* The fractions thresholds_from takes, of st's thresholds. */
static void thresholds_to(const herd_style *st, double *f)
{
    size_t i = 0;
    for (size_t p = 0; p < N_PAIRS; p++) {
        const herd_style_key *enter = herd_style_key_find(pairs[p].enter);
        double lo, hi, e = herd_style_get(st, enter);
        range_of(enter, INFINITY, &lo, &hi);
        f[i++] = hi > lo ? (e - lo) / (hi - lo) : 0;
        if (pairs[p].leave == NULL)
            continue;
        const herd_style_key *leave = herd_style_key_find(pairs[p].leave);
        range_of(leave, e, &lo, &hi);
        f[i++] = hi > lo ? (herd_style_get(st, leave) - lo) / (hi - lo) : 0;
    }
}

void herd_opt_style_from_unit(const herd_optimise_settings *s, const double *u, herd_style *out)
{
    size_t k = herd_opt_components(s);
    double x[HERD_SHARES + 1];
    base_style(s, out);
    herd_opt_from_unit(u, k, x);
    herd_opt_stance(x, s->front_mode, &out->calm);
    if (!s->switching)
        return;
    herd_opt_from_unit(u + k, k, x);
    herd_opt_stance(x, 1, &out->front);
    thresholds_from(out, u + 2 * k);
}

static double logit(double p)
{
    p = fmin(fmax(p, HERD_OPT_FLOOR), 1 - HERD_OPT_FLOOR);
    return log(p / (1 - p));
}

void herd_opt_coords(const herd_optimise_settings *s, const herd_style *st, double *y)
{
    size_t k = herd_opt_components(s);
    double x[HERD_SHARES + 1];
    herd_opt_point(&st->calm, k, x);
    herd_opt_alr(x, k, y);
    if (!s->switching)
        return;
    herd_opt_point(&st->front, k, x);
    herd_opt_alr(x, k, y + k - 1);
    double f[HERD_OPT_THRESHOLDS];
    thresholds_to(st, f);
    for (size_t i = 0; i < HERD_OPT_THRESHOLDS; i++)
        y[2 * (k - 1) + i] = logit(f[i]);
}

void herd_opt_style_from_coords(const herd_optimise_settings *s, const double *y,
                                herd_style *out)
{
    size_t k = herd_opt_components(s);
    double x[HERD_SHARES + 1];
    base_style(s, out);
    herd_opt_alr_inverse(y, k, x);
    herd_opt_stance(x, s->front_mode, &out->calm);
    if (!s->switching)
        return;
    herd_opt_alr_inverse(y + k - 1, k, x);
    herd_opt_stance(x, 1, &out->front);
    double f[HERD_OPT_THRESHOLDS];
    for (size_t i = 0; i < HERD_OPT_THRESHOLDS; i++)
        f[i] = 1 / (1 + exp(-y[2 * (k - 1) + i]));
    thresholds_from(out, f);
}

/* Each threshold of st as a fraction of its key's range, into f[0..HERD_OPT_THRESHOLDS). */
static void threshold_fractions(const herd_style *st, double *f)
{
    for (size_t i = 0; i < HERD_OPT_THRESHOLDS; i++) {
        const herd_style_key *key = herd_optimise_threshold(i);
        f[i] = (herd_style_get(st, key) - key->min) / (key->max - key->min);
    }
}

int herd_opt_same_style(const herd_style *a, const herd_style *b)
{
    if (a->switching != b->switching || !herd_opt_same_stance(&a->calm, &b->calm))
        return 0;
    if (!a->switching)
        return 1;
    double fa[HERD_OPT_THRESHOLDS], fb[HERD_OPT_THRESHOLDS];
    threshold_fractions(a, fa);
    threshold_fractions(b, fb);
    return herd_opt_same_point(fa, fb, HERD_OPT_THRESHOLDS) &&
           herd_opt_same_stance(&a->front, &b->front);
}

int herd_opt_embed(const herd_optimise_settings *s, const herd_style *arch, herd_style *out)
{
    if (arch == NULL || arch->staged || (arch->switching && !s->switching))
        return 0;
    size_t k = herd_opt_components(s);
    double x[HERD_SHARES + 1];
    base_style(s, out);
    herd_opt_point(&arch->calm, k, x);
    herd_opt_stance(x, s->front_mode, &out->calm);
    if (!s->switching)
        return 1;
    herd_opt_point(arch->switching ? &arch->front : &arch->calm, k, x);
    herd_opt_stance(x, 1, &out->front);
    if (arch->switching) {
        double f[HERD_OPT_THRESHOLDS];
        thresholds_to(arch, f);
        thresholds_from(out, f);
    }
    return 1;
}
