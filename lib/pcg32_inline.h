#ifndef HERD_LIB_PCG32_INLINE_H
#define HERD_LIB_PCG32_INLINE_H

/* The pcg32 step and XSH-RR output as inline functions, for the engine's inner loop; the
 * public herd_pcg32_next is the same code. */
#include <stdint.h>

#include "herd/rng.h"

#define HERD_PCG32_MULT UINT64_C(6364136223846793005)

static inline uint32_t herd_pcg32_rotr(uint32_t x, unsigned r)
{
    return x >> r | x << (-r & 31u);
}

/* XSH-RR: xorshift the high bits down, keep 32 of them, rotate by the top 5 bits. */
static inline uint32_t herd_pcg32_output(uint64_t s)
{
    return herd_pcg32_rotr((uint32_t)(((s >> 18) ^ s) >> 27), (unsigned)(s >> 59));
}

static inline void herd_pcg32_step(herd_pcg32 *r)
{
    r->state = r->state * HERD_PCG32_MULT + r->inc;
}

static inline uint32_t herd_pcg32_next_inline(herd_pcg32 *r)
{
    uint64_t old = r->state;
    herd_pcg32_step(r);
    return herd_pcg32_output(old);
}

/* herd_pcg32_bounded, inline: rejects the lowest (2^32 mod bound) raw values, so what remains
 * is a whole number of copies of [0, bound); the reference pcg32_boundedrand_r rule. */
static inline uint32_t herd_pcg32_bounded_inline(herd_pcg32 *r, uint32_t bound)
{
    if (bound == 0)
        return 0;
    uint32_t threshold = -bound % bound;
    for (;;) {
        uint32_t x = herd_pcg32_next_inline(r);
        if (x >= threshold)
            return x % bound;
    }
}

/* Steps r once, and 1 if that draw of herd_pcg32_double is below p. The step is made whatever p,
 * so that the stream stays aligned; the draw's value is computed only if p > 0, for a draw in
 * [0, 1) is never below less. */
static inline int herd_pcg32_below(herd_pcg32 *r, double p)
{
    uint64_t old = r->state;
    herd_pcg32_step(r);
    return p > 0 && herd_pcg32_output(old) * 0x1.0p-32 < p;
}

/* herd_pcg32_double, inline. */
static inline double herd_pcg32_double_inline(herd_pcg32 *r)
{
    return herd_pcg32_next_inline(r) * 0x1.0p-32;
}

#endif
