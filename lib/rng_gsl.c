/* herd's PCG generators as gsl_rng types (the layout of GSL's own rng/mt.c: static callbacks,
 * a const type, one exported pointer each). */

#include <string.h>

#include "herd/rng.h"

static void gsl_pcg32_set(void *state, unsigned long seed)
{
    herd_pcg32_seed(state, seed, HERD_GSL_RNG_SEQ);
}

static unsigned long gsl_pcg32_get(void *state)
{
    return herd_pcg32_next(state);
}

static double gsl_pcg32_get_double(void *state)
{
    return herd_pcg32_double(state);
}

static const gsl_rng_type pcg32_type = {
    "herd_pcg32", 0xffffffffUL, 0, sizeof(herd_pcg32),
    gsl_pcg32_set, gsl_pcg32_get, gsl_pcg32_get_double,
};

const gsl_rng_type *herd_gsl_rng_pcg32 = &pcg32_type;

/* GSL's state buffer comes from malloc, which need not be aligned for __int128 on every
 * platform, so the pcg64 callbacks work on an aligned copy; compilers turn the copies into
 * plain loads and stores. */
static void gsl_pcg64_set(void *state, unsigned long seed)
{
    herd_pcg64 r;
    herd_pcg64_seed(&r, seed, HERD_GSL_RNG_SEQ);
    memcpy(state, &r, sizeof r);
}

static unsigned long gsl_pcg64_get(void *state)
{
    herd_pcg64 r;
    memcpy(&r, state, sizeof r);
    uint64_t x = herd_pcg64_next(&r);
    memcpy(state, &r, sizeof r);
    return (unsigned long)(x >> 32);
}

static double gsl_pcg64_get_double(void *state)
{
    herd_pcg64 r;
    memcpy(&r, state, sizeof r);
    double u = herd_pcg64_double(&r);
    memcpy(state, &r, sizeof r);
    return u;
}

static const gsl_rng_type pcg64_type = {
    "herd_pcg64", 0xffffffffUL, 0, sizeof(herd_pcg64),
    gsl_pcg64_set, gsl_pcg64_get, gsl_pcg64_get_double,
};

const gsl_rng_type *herd_gsl_rng_pcg64 = &pcg64_type;
