/* PCG generators, written from O'Neill (2014) and numpy's description of PCG64DXSM. */

#include "herd/rng.h"

#include <errno.h>
#include <stdlib.h>

#include "errmsg.h"
#include "pcg32_inline.h"


/* PCG64DXSM steps its LCG with a 64-bit "cheap multiplier" and reuses it in the DXSM output
 * permutation. Seeding, however, is numpy's pcg64_set_seed, which is the 128-bit reference
 * srandom and therefore steps with the full 128-bit default multiplier; we do the same so
 * that a given (initstate, initseq) reproduces numpy's state bit for bit. */
#define PCG64_CHEAP_MULT UINT64_C(0xda942042e4dd58b5)
#define PCG64_SEED_MULT \
    (((herd_u128)UINT64_C(2549297995355413924) << 64) | UINT64_C(4865540595714422341))

/* ---- pcg32 ------------------------------------------------------------------------------ */

void herd_pcg32_seed(herd_pcg32 *r, uint64_t initstate, uint64_t initseq)
{
    if (r == NULL)
        return;
    r->state = 0;
    r->inc = initseq << 1 | 1u;
    herd_pcg32_step(r);
    r->state += initstate;
    herd_pcg32_step(r);
}

uint32_t herd_pcg32_next(herd_pcg32 *r)
{
    if (r == NULL)
        return 0;
    return herd_pcg32_next_inline(r);
}

uint32_t herd_pcg32_bounded(herd_pcg32 *r, uint32_t bound)
{
    if (r == NULL)
        return 0;
    return herd_pcg32_bounded_inline(r, bound);
}

double herd_pcg32_double(herd_pcg32 *r)
{
    if (r == NULL)
        return 0;
    return herd_pcg32_double_inline(r);
}

/* One LCG step is the affine map x -> m*x + c. Jumping delta steps composes that map with
 * itself delta times; we do it by binary powering: keep the map for 2^k steps (squaring it
 * gives m^2, (m+1)*c) and fold it into the accumulator whenever bit k of delta is set. */
void herd_pcg32_advance(herd_pcg32 *r, uint64_t delta)
{
    if (r == NULL)
        return;
    uint64_t m = HERD_PCG32_MULT, c = r->inc;
    uint64_t acc_m = 1, acc_c = 0;
    for (; delta; delta >>= 1) {
        if (delta & 1u) {
            acc_m *= m;
            acc_c = acc_c * m + c;
        }
        c *= m + 1;
        m *= m;
    }
    r->state = acc_m * r->state + acc_c;
}

/* ---- pcg64 (DXSM) ----------------------------------------------------------------------- */

static void pcg64_step(herd_pcg64 *r)
{
    r->state = r->state * PCG64_CHEAP_MULT + r->inc;
}

/* DXSM ("double xorshift multiply") of the 128-bit state into 64 bits. */
static uint64_t pcg64_output(herd_u128 s)
{
    uint64_t hi = (uint64_t)(s >> 64);
    uint64_t lo = (uint64_t)s | 1u;
    hi ^= hi >> 32;
    hi *= PCG64_CHEAP_MULT;
    hi ^= hi >> 48;
    return hi * lo;
}

void herd_pcg64_seed(herd_pcg64 *r, herd_u128 initstate, herd_u128 initseq)
{
    if (r == NULL)
        return;
    r->state = 0;
    r->inc = initseq << 1 | 1u;
    r->state = r->state * PCG64_SEED_MULT + r->inc;
    r->state += initstate;
    r->state = r->state * PCG64_SEED_MULT + r->inc;
}

/* Output from the state before the step (numpy's PCG64DXSM order). */
uint64_t herd_pcg64_next(herd_pcg64 *r)
{
    if (r == NULL)
        return 0;
    herd_u128 old = r->state;
    pcg64_step(r);
    return pcg64_output(old);
}

/* Lemire's multiply-and-reject (2019): the high word of x * bound is uniform on [0, bound)
 * once we reject the x whose low word falls below 2^64 mod bound. The division computing that
 * threshold only happens in the rare case the low word is small. */
uint64_t herd_pcg64_bounded(herd_pcg64 *r, uint64_t bound)
{
    if (r == NULL)
        return 0;
    if (bound == 0)
        return 0;
    herd_u128 m = (herd_u128)herd_pcg64_next(r) * bound;
    if ((uint64_t)m < bound) {
        uint64_t threshold = -bound % bound;
        while ((uint64_t)m < threshold)
            m = (herd_u128)herd_pcg64_next(r) * bound;
    }
    return (uint64_t)(m >> 64);
}

double herd_pcg64_double(herd_pcg64 *r)
{
    if (r == NULL)
        return 0;
    return (double)(herd_pcg64_next(r) >> 11) * 0x1.0p-53;
}

/* Same binary powering as herd_pcg32_advance, in 128 bits with the step's multiplier. */
void herd_pcg64_advance(herd_pcg64 *r, herd_u128 delta)
{
    if (r == NULL)
        return;
    herd_u128 m = PCG64_CHEAP_MULT, c = r->inc;
    herd_u128 acc_m = 1, acc_c = 0;
    for (; delta; delta >>= 1) {
        if (delta & 1u) {
            acc_m *= m;
            acc_c = acc_c * m + c;
        }
        c *= m + 1;
        m *= m;
    }
    r->state = acc_m * r->state + acc_c;
}

/* ---- streams ---------------------------------------------------------------------------- */

#define GOLDEN_GAMMA UINT64_C(0x9e3779b97f4a7c15) /* 2^64 / golden ratio, odd */

/* SplitMix64's finaliser (Stafford's "mix13"): xorshifts and odd multiplications, each a
 * bijection on 64-bit words, so the whole is one too. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* The (index+1)-th output of a SplitMix64 sequence whose start is mix64(seed):
 *   derive(seed, index) = mix64(mix64(seed) + (index + 1) * GOLDEN_GAMMA).
 * For a fixed seed, index -> mix64(seed) + (index+1)*gamma is a bijection (gamma is odd) and
 * so is mix64, so distinct indices always give distinct results; likewise distinct seeds for
 * a fixed index. Mixing the seed first keeps nearby seeds from giving shifted copies of one
 * another's sequences. */
uint64_t herd_seed_derive(uint64_t seed, uint64_t index)
{
    return mix64(mix64(seed) + (index + 1) * GOLDEN_GAMMA);
}

herd_status herd_seed_parse(const char *text, uint64_t *out, char *err, size_t err_size)
{
    if (text == NULL || out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no %s", text == NULL ? "seed" : "output");
    if (*text == '\0')
        return herd_errf(err, err_size, HERD_EPARSE, "no value given");
    for (const char *p = text; *p != '\0'; p++)
        if (*p < '0' || *p > '9')
            return herd_errf(err, err_size, HERD_EPARSE,
                             "\"%s\" is not a seed (a whole number from 0 to 2^64-1)", text);
    errno = 0;
    unsigned long long v = strtoull(text, NULL, 10);
    if (errno == ERANGE || v > UINT64_MAX)
        return herd_errf(err, err_size, HERD_ERANGE, "%s is larger than 2^64-1", text);
    *out = (uint64_t)v;
    return HERD_OK;
}

/* A stream's key k = derive(seed, index) is unique per index; the generator's initial state
 * and sequence selector are derive(k, 0), derive(k, 1), ... -- unique per k again, so every
 * index gets its own increment (for pcg32 up to the top bit of initseq, which the reference
 * seeding drops: two of n streams share an increment with probability about n^2 / 2^64).
 * Nothing depends on other streams, so the order of creation does not matter. */
void herd_pcg32_stream(herd_pcg32 *r, uint64_t seed, uint64_t index)
{
    if (r == NULL)
        return;
    uint64_t k = herd_seed_derive(seed, index);
    herd_pcg32_seed(r, herd_seed_derive(k, 0), herd_seed_derive(k, 1));
}

static herd_u128 u128_from(uint64_t hi, uint64_t lo)
{
    return (herd_u128)hi << 64 | lo;
}

void herd_pcg64_stream(herd_pcg64 *r, uint64_t seed, uint64_t index)
{
    if (r == NULL)
        return;
    uint64_t k = herd_seed_derive(seed, index);
    herd_pcg64_seed(r, u128_from(herd_seed_derive(k, 0), herd_seed_derive(k, 1)),
                    u128_from(herd_seed_derive(k, 2), herd_seed_derive(k, 3)));
}
