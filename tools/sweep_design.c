/* Grid, Sobol, Latin hypercube and Saltelli designs. */
#include "sweep_design.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/rng.h"

#define DEFAULT_STEPS 3
#define MAX_POINTS 1000000000L
#define FEISTEL_ROUNDS 4

static int say(char *err, size_t err_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int say(char *err, size_t err_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_size, fmt, ap);
    va_end(ap);
    return -1;
}

static int parse_number(const char *text, char stop, double *out, const char **end)
{
    char *e;
    errno = 0;
    *out = strtod(text, &e);
    *end = e;
    return e != text && (*e == stop || *e == '\0') && errno == 0 && isfinite(*out) ? 0 : -1;
}

static int parse_bounds(const char *text, sweep_factor *f)
{
    const char *at;
    if (parse_number(text, ':', &f->lo, &at) != 0 || *at != ':')
        return -1;
    if (parse_number(at + 1, ':', &f->hi, &at) != 0)
        return -1;
    f->steps = DEFAULT_STEPS;
    if (*at == '\0')
        return 0;
    char *e;
    errno = 0;
    f->steps = strtol(at + 1, &e, 10);
    return e != at + 1 && *e == '\0' && errno == 0 && f->steps >= 1 ? 0 : -1;
}

/* An integer parameter has hi - lo + 1 values: more grid steps would repeat points, so the
 * default number of steps is cut to that and an explicit one beyond it is refused. */
static int whole_steps(const char *text, const char *key, sweep_factor *f, char *err,
                       size_t err_size)
{
    if (f->param->kind != HERD_PARAM_INT || (double)f->steps <= f->hi - f->lo + 1)
        return 0;
    const char *bounds = strchr(text, '=') + 1;
    int explicit_steps = strchr(strchr(bounds, ':') + 1, ':') != NULL;
    if (explicit_steps)
        return say(err, err_size, "--vary %s: %s has only %.0f whole values from %.15g to "
                   "%.15g, fewer than %ld steps", text, key, f->hi - f->lo + 1, f->lo, f->hi,
                   f->steps);
    f->steps = (long)(f->hi - f->lo + 1);
    return 0;
}

int sweep_factor_parse(const char *text, sweep_factor *f, char *err, size_t err_size)
{
    const char *eq = strchr(text, '=');
    char key[128];
    if (eq == NULL || eq == text || (size_t)(eq - text) >= sizeof key)
        return say(err, err_size, "--vary %s: expected KEY=LO:HI[:STEPS]", text);
    memcpy(key, text, (size_t)(eq - text));
    key[eq - text] = '\0';
    if ((f->param = herd_params_find(key)) == NULL)
        return say(err, err_size, "--vary %s: %s is not a parameter (see herd info)", text, key);
    if (parse_bounds(eq + 1, f) != 0)
        return say(err, err_size, "--vary %s: expected KEY=LO:HI[:STEPS] with numbers and "
                   "STEPS >= 1", text);
    if (f->lo > f->hi || f->lo < f->param->min || f->hi > f->param->max)
        return say(err, err_size, "--vary %s: %s must go up within [%.15g, %.15g]", text, key,
                   f->param->min, f->param->max);
    if (f->param->kind == HERD_PARAM_INT && (f->lo != floor(f->lo) || f->hi != floor(f->hi)))
        return say(err, err_size, "--vary %s: %s takes whole numbers, so LO and HI must be "
                   "whole", text, key);
    return whole_steps(text, key, f, err, err_size);
}

static const char *const kind_names[] = {"grid", "sobol", "lhs", "saltelli"};

int sweep_design_kind_parse(const char *name, sweep_design_kind *kind)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *kind = (sweep_design_kind)i;
            return 0;
        }
    return -1;
}

const char *sweep_design_kind_name(sweep_design_kind kind)
{
    return kind_names[kind];
}

int sweep_design_init(sweep_design *d, sweep_design_kind kind, const sweep_factor *factors,
                      size_t n_factors, long samples, uint64_t seed, char *err, size_t err_size)
{
    *d = (sweep_design){kind, factors, n_factors, 1, seed};
    if (n_factors > SWEEP_MAX_FACTORS)
        return say(err, err_size, "at most %d --vary options", SWEEP_MAX_FACTORS);
    if (kind == SWEEP_SALTELLI && n_factors > SWEEP_SALTELLI_MAX_FACTORS)
        return say(err, err_size, "--design saltelli: %zu --vary options, at most %d (A and B "
                   "take two Sobol dimensions a parameter, and gsl_qrng_sobol has %d)",
                   n_factors, SWEEP_SALTELLI_MAX_FACTORS, SWEEP_MAX_FACTORS);
    if (kind != SWEEP_GRID) {
        long per_sample = kind == SWEEP_SALTELLI ? (long)n_factors + 2 : 1;
        long least = kind == SWEEP_SALTELLI ? 2 : 1; /* a variance needs two base samples */
        if (samples < least || samples > MAX_POINTS / per_sample)
            return say(err, err_size, "--samples %ld: expected %ld to %ld for a %s design",
                       samples, least, MAX_POINTS / per_sample, kind_names[kind]);
        if (n_factors == 0)
            return say(err, err_size, "a %s design needs at least one --vary", kind_names[kind]);
        d->points = samples * per_sample;
        return 0;
    }
    for (size_t i = 0; i < n_factors; i++) {
        if (d->points > MAX_POINTS / factors[i].steps)
            return say(err, err_size, "the grid has more than %ld points", MAX_POINTS);
        d->points *= factors[i].steps;
    }
    return 0;
}

int sweep_cursor_init(sweep_cursor *c, const sweep_design *d)
{
    *c = (sweep_cursor){.design = d};
    if (d->kind != SWEEP_SOBOL && d->kind != SWEEP_SALTELLI)
        return 0;
    size_t dimensions = d->kind == SWEEP_SALTELLI ? 2 * d->n_factors : d->n_factors;
    c->sobol = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)dimensions);
    return c->sobol != NULL ? 0 : -1;
}

void sweep_cursor_free(sweep_cursor *c)
{
    if (c->sobol != NULL)
        gsl_qrng_free(c->sobol);
    c->sobol = NULL;
}

/* Last factor fastest, as nested loops would write it. */
static void grid_unit(const sweep_design *d, long j, double *unit)
{
    for (size_t k = d->n_factors; k-- > 0;) {
        long steps = d->factors[k].steps;
        unit[k] = steps > 1 ? (double)(j % steps) / (double)(steps - 1) : 0;
        j /= steps;
    }
}

/* Point j of the Sobol sequence; the points of one Saltelli base sample ask for it in turn. */
static const double *sobol_at(sweep_cursor *c, long j)
{
    if (j < c->next - 1) {
        gsl_qrng_init(c->sobol);
        c->next = 0;
    }
    for (; c->next <= j; c->next++)
        gsl_qrng_get(c->sobol, c->last);
    return c->last;
}

static void saltelli_unit(sweep_cursor *c, long j, double *unit)
{
    size_t k = c->design->n_factors;
    long block = j % (long)(k + 2);
    const double *ab = sobol_at(c, j / (long)(k + 2));
    for (size_t i = 0; i < k; i++) {
        int from_b = block == SWEEP_SALTELLI_B || block == SWEEP_SALTELLI_AB + (long)i;
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

static void lhs_unit(const sweep_design *d, long j, double *unit)
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

void sweep_point(sweep_cursor *c, long j, double *values, double *unit)
{
    const sweep_design *d = c->design;
    double u[SWEEP_MAX_FACTORS];
    if (d->kind == SWEEP_GRID)
        grid_unit(d, j, u);
    else if (d->kind == SWEEP_SOBOL)
        memcpy(u, sobol_at(c, j), d->n_factors * sizeof *u);
    else if (d->kind == SWEEP_SALTELLI)
        saltelli_unit(c, j, u);
    else
        lhs_unit(d, j, u);
    for (size_t k = 0; k < d->n_factors; k++) {
        const sweep_factor *f = &d->factors[k];
        double v = f->lo + u[k] * (f->hi - f->lo);
        if (f->param->kind == HERD_PARAM_INT)
            v = round(v);
        values[k] = v > f->hi ? f->hi : v;
        if (unit != NULL)
            unit[k] = u[k];
    }
}

long sweep_seed_point(const sweep_design *d, long j)
{
    return d->kind == SWEEP_SALTELLI ? j / (long)(d->n_factors + 2) : j;
}
