/* Grid, Sobol, Latin hypercube and Saltelli designs (include/herd/design.h). */
#include "herd/design.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>

#include "errmsg.h"
#include "gsl_quiet.h"
#include "herd/rng.h"

#define FEISTEL_ROUNDS 4

struct herd_design {
    herd_design_kind kind;
    herd_factor factors[HERD_DESIGN_MAX_FACTORS];
    size_t n_factors;
    long points;
    uint64_t seed;
};

struct herd_design_cursor {
    const herd_design *design;
    gsl_qrng *sobol;
    long next; /* the index of the Sobol point the generator gives next */
    double last[HERD_DESIGN_SOBOL_MAX_FACTORS]; /* the Sobol point next - 1 */
    long bases; /* in a Saltelli design, the base samples found up to point next - 1 */
};

/* ---- factors ---------------------------------------------------------------------------- */

static int parse_number(const char *text, char stop, double *out, const char **end)
{
    char *e;
    errno = 0;
    *out = strtod(text, &e);
    *end = e;
    return e != text && (*e == stop || *e == '\0') && errno == 0 && isfinite(*out) ? 0 : -1;
}

static int parse_bounds(const char *text, herd_factor *f)
{
    const char *at;
    if (parse_number(text, ':', &f->lo, &at) != 0 || *at != ':')
        return -1;
    if (parse_number(at + 1, ':', &f->hi, &at) != 0)
        return -1;
    f->steps = 0;
    if (*at == '\0')
        return 0;
    char *e;
    errno = 0;
    f->steps = strtol(at + 1, &e, 10);
    return e != at + 1 && *e == '\0' && errno == 0 && f->steps >= 1 ? 0 : -1;
}

herd_status herd_factor_parse(const char *text, herd_factor *out, char *err, size_t err_size)
{
    if (text == NULL || out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "factor: no text or no factor to fill");
    const char *eq = strchr(text, '=');
    herd_factor f = {.integer = 0};
    if (eq == NULL || eq == text)
        return herd_errf(err, err_size, HERD_EPARSE, "%s: expected KEY=LO:HI[:STEPS]", text);
    if ((size_t)(eq - text) >= sizeof f.key)
        return herd_errf(err, err_size, HERD_EPARSE, "%s: the key is longer than %d characters",
                         text, HERD_KEY_MAX - 1);
    memcpy(f.key, text, (size_t)(eq - text));
    if (parse_bounds(eq + 1, &f) != 0)
        return herd_errf(err, err_size, HERD_EPARSE,
                         "%s: expected KEY=LO:HI[:STEPS] with numbers and STEPS >= 1", text);
    if (f.lo > f.hi)
        return herd_errf(err, err_size, HERD_ERANGE, "%s: LO must not exceed HI", text);
    *out = f;
    return HERD_OK;
}

/* An integer factor has hi - lo + 1 values: more grid steps would repeat points, so the
 * default number of steps is cut to that and a given one beyond it is refused. */
herd_status herd_factor_check(herd_factor *f, char *err, size_t err_size)
{
    if (f == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "factor: NULL");
    if (!isfinite(f->lo) || !isfinite(f->hi) || f->lo > f->hi)
        return herd_errf(err, err_size, HERD_ERANGE, "%s: LO %.15g and HI %.15g must be finite "
                         "with LO <= HI", f->key, f->lo, f->hi);
    if (f->steps < 0)
        return herd_errf(err, err_size, HERD_ERANGE, "%s: %ld steps; expected at least 1",
                         f->key, f->steps);
    if (!f->integer) {
        f->steps = f->steps == 0 ? HERD_FACTOR_DEFAULT_STEPS : f->steps;
        return HERD_OK;
    }
    if (f->lo != floor(f->lo) || f->hi != floor(f->hi))
        return herd_errf(err, err_size, HERD_ERANGE, "%s takes whole numbers, so LO and HI "
                         "must be whole", f->key);
    double whole = f->hi - f->lo + 1;
    if (f->steps == 0)
        f->steps = (double)HERD_FACTOR_DEFAULT_STEPS <= whole ? HERD_FACTOR_DEFAULT_STEPS
                                                              : (long)whole;
    else if ((double)f->steps > whole)
        return herd_errf(err, err_size, HERD_ERANGE, "%s has only %.0f whole values from %.15g "
                         "to %.15g, fewer than %ld steps", f->key, whole, f->lo, f->hi, f->steps);
    return HERD_OK;
}

/* ---- designs ---------------------------------------------------------------------------- */

static const char *const kind_names[] = {"grid", "sobol", "lhs", "saltelli"};
#define N_KINDS (sizeof kind_names / sizeof kind_names[0])

herd_status herd_design_kind_parse(const char *name, herd_design_kind *out)
{
    if (name == NULL || out == NULL)
        return HERD_EINVAL;
    for (size_t i = 0; name != NULL && i < N_KINDS; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (herd_design_kind)i;
            return HERD_OK;
        }
    return HERD_ENOTFOUND;
}

const char *herd_design_kind_name(herd_design_kind kind)
{
    return (size_t)kind < N_KINDS ? kind_names[kind] : NULL;
}

static herd_status count_points(herd_design *d, long samples, char *err, size_t err_size)
{
    const char *name = kind_names[d->kind];
    if (d->kind != HERD_DESIGN_GRID) {
        long per_sample = d->kind == HERD_DESIGN_SALTELLI ? (long)d->n_factors + 2 : 1;
        long least = d->kind == HERD_DESIGN_SALTELLI ? 2 : 1;
        long most = HERD_DESIGN_MAX_POINTS / per_sample;
        if (samples < least || samples > most)
            return herd_errf(err, err_size, HERD_EINVAL, "samples %ld: expected %ld to %ld for "
                             "a %s design", samples, least, most, name);
        if (d->n_factors == 0)
            return herd_errf(err, err_size, HERD_EINVAL, "a %s design needs at least one "
                             "factor", name);
        d->points = samples * per_sample;
        return HERD_OK;
    }
    d->points = 1;
    for (size_t i = 0; i < d->n_factors; i++) {
        if (d->points > HERD_DESIGN_MAX_POINTS / d->factors[i].steps)
            return herd_errf(err, err_size, HERD_ETOOBIG, "the grid has more than %ld points",
                             HERD_DESIGN_MAX_POINTS);
        d->points *= d->factors[i].steps;
    }
    return HERD_OK;
}

static herd_status fill(herd_design *d, herd_design_kind kind, const herd_factor *factors,
                        size_t n_factors, long samples, char *err, size_t err_size)
{
    if (herd_design_kind_name(kind) == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "design kind %d is not one of grid, "
                         "sobol, lhs, saltelli", (int)kind);
    if (n_factors > HERD_DESIGN_MAX_FACTORS)
        return herd_errf(err, err_size, HERD_ETOOBIG, "%zu factors, at most %d", n_factors,
                         HERD_DESIGN_MAX_FACTORS);
    if (kind == HERD_DESIGN_SOBOL && n_factors > HERD_DESIGN_SOBOL_MAX_FACTORS)
        return herd_errf(err, err_size, HERD_ETOOBIG, "a sobol design: %zu factors, at most %d "
                         "(gsl_qrng_sobol's dimensions)", n_factors,
                         HERD_DESIGN_SOBOL_MAX_FACTORS);
    if (kind == HERD_DESIGN_SALTELLI && n_factors > HERD_DESIGN_SALTELLI_MAX_FACTORS)
        return herd_errf(err, err_size, HERD_ETOOBIG, "a saltelli design: %zu factors, at most "
                         "%d (A and B take two Sobol dimensions a factor, and gsl_qrng_sobol "
                         "has %d)", n_factors, HERD_DESIGN_SALTELLI_MAX_FACTORS,
                         HERD_DESIGN_SOBOL_MAX_FACTORS);
    if (n_factors > 0 && factors == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "%zu factors but no array", n_factors);
    d->kind = kind;
    d->n_factors = n_factors;
    for (size_t i = 0; i < n_factors; i++) {
        d->factors[i] = factors[i];
        herd_status rc = herd_factor_check(&d->factors[i], err, err_size);
        if (rc != HERD_OK)
            return rc;
    }
    return count_points(d, samples, err, err_size);
}

herd_status herd_design_new(herd_design **out, herd_design_kind kind, const herd_factor *factors,
                            size_t n_factors, long samples, uint64_t seed, char *err,
                            size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "design: no place for the result");
    *out = NULL;
    herd_design *d = calloc(1, sizeof *d);
    if (d == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "design: out of memory");
    d->seed = seed;
    herd_status rc = fill(d, kind, factors, n_factors, samples, err, err_size);
    if (rc != HERD_OK) {
        free(d);
        return rc;
    }
    *out = d;
    return HERD_OK;
}

void herd_design_free(herd_design *d)
{
    free(d);
}

herd_design_kind herd_design_kind_of(const herd_design *d)
{
    if (d == NULL)
        return HERD_DESIGN_GRID;
    return d->kind;
}

long herd_design_points(const herd_design *d)
{
    if (d == NULL)
        return 0;
    return d->points;
}

size_t herd_design_n_factors(const herd_design *d)
{
    if (d == NULL)
        return 0;
    return d->n_factors;
}

const herd_factor *herd_design_factor(const herd_design *d, size_t i)
{
    if (d == NULL)
        return NULL;
    return i < d->n_factors ? &d->factors[i] : NULL;
}

long herd_design_seed_point(const herd_design *d, long j)
{
    if (d == NULL)
        return j;
    return d->kind == HERD_DESIGN_SALTELLI ? j / (long)(d->n_factors + 2) : j;
}

uint64_t herd_design_seed(const herd_design *d, uint64_t scenario_seed, long j, long rep)
{
    uint64_t point = (uint64_t)herd_design_seed_point(d, j);
    return herd_seed_derive(herd_seed_derive(scenario_seed, point), (uint64_t)rep);
}

/* ---- points ----------------------------------------------------------------------------- */

herd_status herd_design_cursor_new(herd_design_cursor **out, const herd_design *d)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (d == NULL)
        return HERD_EINVAL;
    herd_design_cursor *c = calloc(1, sizeof *c);
    if (c == NULL)
        return HERD_ENOMEM;
    c->design = d;
    if (d->kind == HERD_DESIGN_SOBOL || d->kind == HERD_DESIGN_SALTELLI) {
        size_t dims = d->kind == HERD_DESIGN_SALTELLI ? 2 * d->n_factors : d->n_factors;
        herd_gsl_quiet();
        c->sobol = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)dims);
        if (c->sobol == NULL) {
            free(c);
            return HERD_ENOMEM;
        }
    }
    *out = c;
    return HERD_OK;
}

void herd_design_cursor_free(herd_design_cursor *c)
{
    if (c == NULL)
        return;
    if (c->sobol != NULL)
        gsl_qrng_free(c->sobol);
    free(c);
}

static void grid_unit(const herd_design *d, long j, double *unit)
{
    for (size_t k = d->n_factors; k-- > 0;) {
        long steps = d->factors[k].steps;
        unit[k] = steps > 1 ? (double)(j % steps) / (double)(steps - 1) : 0;
        j /= steps;
    }
}

/* Point j of the Sobol sequence. */
static const double *sobol_at(herd_design_cursor *c, long j)
{
    if (j < c->next - 1) {
        gsl_qrng_init(c->sobol);
        c->next = 0;
    }
    for (; c->next <= j; c->next++)
        gsl_qrng_get(c->sobol, c->last);
    return c->last;
}

/* The first point of the sequence that a Saltelli design of n base samples takes, counted
 * as gsl_qrng_sobol gives them: point 2^m of the sequence that starts at the origin, 2^m the
 * smallest power of two at least n. GSL leaves the origin out, so its point 2^m - 1. The
 * sequence's first points repeat one another across dimensions (Campolongo, Saltelli and
 * Cariboni 2011, Comput. Phys. Commun. 182, table 2), so that A and B of a base sample would
 * coincide; SALib's saltelli.sample skips the same, and from 2^m on a power of two of points
 * keeps the sequence's balance. */
static long saltelli_skip(long n)
{
    long skip = 1;
    while (skip < n)
        skip *= 2;
    return skip - 1;
}

static int a_is_b(const double *ab, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (ab[i] != ab[k + i])
            return 0;
    return 1;
}

/* The Sobol point of base sample b: the sequence from saltelli_skip on, passing over a point
 * whose A and B are one point (still found past the skip with a single factor), as a base
 * sample that varies nothing measures nothing. */
static const double *base_at(herd_design_cursor *c, long b)
{
    size_t k = c->design->n_factors;
    long skip = saltelli_skip(c->design->points / (long)(k + 2));
    if (b < c->bases - 1) {
        gsl_qrng_init(c->sobol);
        c->next = 0;
        c->bases = 0;
    }
    while (c->bases <= b) {
        gsl_qrng_get(c->sobol, c->last);
        if (c->next++ >= skip && !a_is_b(c->last, k))
            c->bases++;
    }
    return c->last;
}

static void saltelli_unit(herd_design_cursor *c, long j, double *unit)
{
    size_t k = c->design->n_factors;
    long block = j % (long)(k + 2);
    const double *ab = base_at(c, j / (long)(k + 2));
    for (size_t i = 0; i < k; i++) {
        int from_b = block == HERD_SALTELLI_B || block == HERD_SALTELLI_AB + (long)i;
        unit[i] = from_b ? ab[k + i] : ab[i];
    }
}

/* A bijection of [0, n) keyed by key: a Feistel network on the smallest even number of bits
 * that covers n, walked again while the result falls outside (cycle walking). It gives each
 * dimension of the hypercube its own shuffle of the strata without storing a permutation. */
static uint64_t permute(uint64_t x, uint64_t n, uint64_t key)
{
    unsigned half = 1;
    while ((UINT64_C(1) << (2 * half)) < n)
        half++;
    uint64_t mask = (UINT64_C(1) << half) - 1;
    do {
        uint64_t left = x >> half, right = x & mask;
        for (unsigned r = 0; r < FEISTEL_ROUNDS; r++) {
            uint64_t mixed = left ^ (herd_seed_derive(key, (uint64_t)r << 32 | right) & mask);
            left = right;
            right = mixed;
        }
        x = left << half | right;
    } while (x >= n);
    return x;
}

static void lhs_unit(const herd_design *d, long j, double *unit)
{
    uint64_t n = (uint64_t)d->points;
    for (size_t k = 0; k < d->n_factors; k++) {
        uint64_t key = herd_seed_derive(d->seed, k);
        herd_pcg32 rng;
        herd_pcg32_stream(&rng, key, (uint64_t)j);
        double stratum = (double)permute((uint64_t)j, n, key);
        unit[k] = (stratum + herd_pcg32_double(&rng)) / (double)n;
    }
}

herd_status herd_design_cursor_point(herd_design_cursor *c, long j, double *values, double *unit)
{
    if (c == NULL || values == NULL)
        return HERD_EINVAL;
    const herd_design *d = c->design;
    if (j < 0 || j >= d->points)
        return HERD_ERANGE;
    double u[HERD_DESIGN_MAX_FACTORS];
    if (d->kind == HERD_DESIGN_GRID)
        grid_unit(d, j, u);
    else if (d->kind == HERD_DESIGN_SOBOL)
        memcpy(u, sobol_at(c, j), d->n_factors * sizeof *u);
    else if (d->kind == HERD_DESIGN_SALTELLI)
        saltelli_unit(c, j, u);
    else
        lhs_unit(d, j, u);
    for (size_t k = 0; k < d->n_factors; k++) {
        const herd_factor *f = &d->factors[k];
        double v = f->lo + u[k] * (f->hi - f->lo);
        if (f->integer)
            v = round(v);
        values[k] = v > f->hi ? f->hi : v;
        if (unit != NULL)
            unit[k] = u[k];
    }
    return HERD_OK;
}
