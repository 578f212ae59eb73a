#ifndef HERD_LIB_TICK_SEGMENT_H
#define HERD_LIB_TICK_SEGMENT_H

/* A segment's coefficients and draws, taken team by team in lib/tick.c's loop over a block's
 * teams and inlined there, and the vectors of lanes that lib/tick_block.c works on. */
#include <string.h>

#include "pcg32_inline.h"
#include "simd.h"
#include "tick_internal.h"

/* The helpers below are static and inlined: no call passes a vector across an ABI. GCC warns
 * at the end of the file that includes them, so the warning stays off to its end. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

/* Vectors of HERD_VECTOR lanes in GNU C (and of twice as many, to pick a run's draws), for
 * the loops that the compiler alone would put on vectors poorly: the sums, whose accumulators
 * it would keep in memory, and the uniforms. */
typedef float herd_f8 __attribute__((vector_size(HERD_VECTOR * sizeof(float))));
typedef int32_t herd_i8 __attribute__((vector_size(HERD_VECTOR * sizeof(float))));
typedef uint32_t herd_u8 __attribute__((vector_size(HERD_VECTOR * sizeof(float))));
typedef uint64_t herd_u4 __attribute__((vector_size(HERD_VECTOR * sizeof(float))));
typedef uint64_t herd_w8 __attribute__((vector_size(HERD_VECTOR * sizeof(uint64_t))));
typedef int64_t herd_l8 __attribute__((vector_size(HERD_VECTOR * sizeof(uint64_t))));
typedef float herd_f16 __attribute__((vector_size(2 * HERD_VECTOR * sizeof(float))));
typedef uint32_t herd_u16 __attribute__((vector_size(2 * HERD_VECTOR * sizeof(float))));
typedef int32_t herd_i16 __attribute__((vector_size(2 * HERD_VECTOR * sizeof(float))));
_Static_assert(HERD_VECTOR == 8, "the sums' reduction and the draws' shuffles are written for "
                                  "vectors of 8");

#define SHUFFLE8(a, b, ...) HERD_SHUFFLE(herd_i8, a, b, __VA_ARGS__)

#define FILL_LANE(name) lk->name[j] = k->name;

/* From lane `from` on, whole wide vectors; the next segment overwrites what runs past. */
HERD_INLINE void fill_own(const herd_own_coeffs *restrict k, long from, long n,
                          herd_lane_coeffs *restrict lk)
{
    for (long v = from; v < from + n; v += HERD_WIDE)
        for (long j = v; j < v + HERD_WIDE; j++) {
            HERD_OWN_COEFFS(FILL_LANE)
        }
}

HERD_INLINE void fill_stance(const herd_stance_coeffs *restrict k, long from, long to,
                             herd_lane_coeffs *restrict lk)
{
    for (long j = from; j < to; j++) {
        HERD_STANCE_COEFFS(FILL_LANE)
    }
}

/* The generator's states for the segment's draws (agent by agent: attempt, success, quit),
 * the same as stepping one by one: one chain per kind of draw, each jumping three steps at a
 * time, so that one multiply need not wait for the last. */
HERD_INLINE void chain_states(herd_pcg32 *rng, long lane, long n, uint64_t *restrict states)
{
    _Static_assert(HERD_DRAWS == 3, "three chains, one per draw of an agent");
    const uint64_t m = HERD_PCG32_MULT, inc = rng->inc;
    const uint64_t m3 = m * m * m, c3 = inc * (1 + m + m * m);
    uint64_t *r0 = states + lane, *r1 = r0 + HERD_LANES, *r2 = r1 + HERD_LANES;
    uint64_t x0 = rng->state, x1 = x0 * m + inc, x2 = x1 * m + inc;
    long j = 0;
    for (; j + 2 <= n; j += 2) {
        r0[j] = x0, r1[j] = x1, r2[j] = x2;
        x0 = x0 * m3 + c3, x1 = x1 * m3 + c3, x2 = x2 * m3 + c3;
        r0[j + 1] = x0, r1[j + 1] = x1, r2[j + 1] = x2;
        x0 = x0 * m3 + c3, x1 = x1 * m3 + c3, x2 = x2 * m3 + c3;
    }
    if (j < n) {
        r0[j] = x0, r1[j] = x1, r2[j] = x2;
        x0 = x0 * m3 + c3;
    }
    rng->state = x0;
}

/* The uniform draw in [0,1) that each of eight states gives, with 24 bits, exactly
 * representable as a float: the top 24 bits of herd_pcg32_output(state). Here in the states'
 * 64-bit lanes, as AVX-512 can: the word repeated in both halves of its lane and shifted
 * right by its rotation leaves the rotated word in the lower half, and by 8 more, its top 24
 * bits at the bottom. */
HERD_INLINE herd_f8 uniforms_of(herd_w8 state)
{
    const herd_w8 zero = {0};
    herd_u16 word = (herd_u16)(((state >> 18) ^ state) >> 27);
    herd_w8 twice = (herd_w8)HERD_SHUFFLE(herd_i16, word, word, 0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10,
                                          10, 12, 12, 14, 14);
    herd_w8 top = (twice >> ((state >> 59) + 8)) & (zero + 0xffffff);
    return __builtin_convertvector((herd_l8)top, herd_f8) * 0x1p-24f;
}

/* The same of states lo's then hi's, as AVX2 can: the halves' words and rotations narrowed
 * to 32-bit lanes by a shuffle, and the words rotated there. */
HERD_INLINE herd_f8 uniforms_of_halves(herd_u4 lo, herd_u4 hi)
{
    const herd_u8 zero = {0};
    herd_u4 x_lo = ((lo >> 18) ^ lo) >> 27, x_hi = ((hi >> 18) ^ hi) >> 27;
    herd_u8 word = SHUFFLE8((herd_u8)x_lo, (herd_u8)x_hi, 0, 2, 4, 6, 8, 10, 12, 14);
    herd_u8 rot = SHUFFLE8((herd_u8)(lo >> 59), (herd_u8)(hi >> 59), 0, 2, 4, 6, 8, 10, 12, 14);
    herd_u8 out = word >> rot | word << ((zero - rot) & 31);
    return __builtin_convertvector((herd_i8)(out >> 8), herd_f8) * 0x1p-24f;
}

/* The uniforms of the same states as chain_states, each state from the segment's first by
 * its jump, a vector at a time: with AVX-512's 64-bit multiplies, no multiply waits for
 * another, and the states never go through memory. */
HERD_INLINE void jump_uniforms(const herd_jumps *restrict jumps, herd_pcg32 *rng, long lane,
                               long n, float *restrict u)
{
    const herd_w8 zero = {0};
    const herd_w8 x = zero + rng->state, inc = zero + rng->inc;
    for (int d = 0; d < HERD_DRAWS; d++)
        for (long j = 0; j < n; j += HERD_VECTOR) {
            herd_w8 mult, sum;
            memcpy(&mult, &jumps->mult[d][j], sizeof mult);
            memcpy(&sum, &jumps->sum[d][j], sizeof sum);
            herd_f8 f = uniforms_of(x * mult + inc * sum);
            memcpy(u + d * HERD_LANES + lane + j, &f, sizeof f);
        }
    rng->state = rng->state * jumps->mult[0][n] + rng->inc * jumps->sum[0][n];
}

/* a's lanes, then b's. */
HERD_INLINE herd_f16 join8(herd_f8 a, herd_f8 b)
{
#if defined(HERD_HAVE_SHUFFLEVECTOR)
    return __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
#else
    herd_f16 joined;
    memcpy(&joined, &a, sizeof a);
    memcpy((char *)&joined + sizeof a, &b, sizeof b);
    return joined;
#endif
}

/* Of the uniforms of a run, in the stream's order in a then b, those of draw d: the lanes
 * past the run's agents take what is left of b. */
#define DRAW_LANES(d)                                                                           \
    (d), (d) + 3, (d) + 6, (d) + 9, (d) + 12, (d) + 15, (d) + 18, (d) + 21, (d) + 24, (d) + 27,   \
        (d) + 30 < 32 ? (d) + 30 : 31, 31, 31, 31, 31, 31

/* The same uniforms as jump_uniforms for a segment of at most HERD_RUN agents: the states in
 * the stream's order, four vectors of them, then each kind of draw picked from their
 * uniforms into a vector of 16 lanes; lanes past the segment are overwritten by the next. */
HERD_INLINE void run_uniforms(const herd_jumps *restrict jumps, herd_pcg32 *rng, long lane,
                              long n, float *restrict u)
{
    const herd_w8 zero = {0};
    const herd_w8 x = zero + rng->state, inc = zero + rng->inc;
    herd_f8 f[HERD_RUN_STATES / HERD_VECTOR];
    for (int v = 0; v < HERD_RUN_STATES / HERD_VECTOR; v++) {
        herd_w8 mult, sum;
        memcpy(&mult, jumps->step_mult + v * HERD_VECTOR, sizeof mult);
        memcpy(&sum, jumps->step_sum + v * HERD_VECTOR, sizeof sum);
        f[v] = uniforms_of(x * mult + inc * sum);
    }
    herd_f16 a = join8(f[0], f[1]), b = join8(f[2], f[3]);
    const herd_f16 draws[HERD_DRAWS] = {HERD_SHUFFLE(herd_i16, a, b, DRAW_LANES(0)),
                                        HERD_SHUFFLE(herd_i16, a, b, DRAW_LANES(1)),
                                        HERD_SHUFFLE(herd_i16, a, b, DRAW_LANES(2))};
    for (int d = 0; d < HERD_DRAWS; d++)
        memcpy(u + d * HERD_LANES + lane, &draws[d], sizeof draws[d]);
    rng->state = rng->state * jumps->mult[0][n] + rng->inc * jumps->sum[0][n];
}
#undef DRAW_LANES

/* Copies the team's coefficients into the segment's lanes (those of the stance only if the
 * lanes do not hold them from this generation of the stance cache already) and takes the
 * segment's draws from the team's stream: their uniforms when it takes them by jumps, otherwise
 * the generator states they come from. */
HERD_INLINE void herd_block_segment(const herd_stance_coeffs *stance,
                                    unsigned long generation, const herd_own_coeffs *own,
                                    herd_pcg32 *rng, herd_block *blk, const herd_segment *seg)
{
    long from = seg->lane, to = seg->lane + seg->n;
    if (generation != blk->stance_generation || from < blk->stance_from ||
        from > blk->stance_to) {
        blk->stance_generation = generation;
        blk->stance_from = blk->stance_to = from;
    }
    if (to > blk->stance_to) {
        fill_stance(stance, blk->stance_to, to, &blk->k);
        blk->stance_to = to;
    }
    fill_own(own, seg->lane, seg->n, &blk->k);
    if (blk->by_jumps && seg->n <= HERD_RUN)
        run_uniforms(&blk->jumps, rng, seg->lane, seg->n, blk->u);
    else if (blk->by_jumps)
        jump_uniforms(&blk->jumps, rng, seg->lane, seg->n, blk->u);
    else
        chain_states(rng, seg->lane, seg->n, blk->states);
}

#endif
