#ifndef HERD_RNG_H
#define HERD_RNG_H

/* PCG random number generators (M. E. O'Neill, "PCG: A family of simple fast space-efficient
 * statistically good algorithms for random number generation", 2014), written from the
 * published definitions:
 *   - herd_pcg32: 64-bit LCG state, XSH-RR output, 32 bits a draw; seeded exactly as the
 *     reference pcg32_srandom_r, so its sequences equal the reference's.
 *   - herd_pcg64: 128-bit LCG state, DXSM output, 64 bits a draw (numpy's PCG64DXSM).
 * Both offer unbiased bounded draws, doubles in [0,1) and jump-ahead by any delta.
 * The same generators are offered to GSL as gsl_rng types, so gsl_ran_* can draw from them.
 * A generator is a plain value: copy it to fork a sequence; no allocation, no global state. */

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "herd/error.h"
#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herd_pcg32 {
    uint64_t state;
    uint64_t inc; /* always odd */
} herd_pcg32;

__extension__ typedef unsigned __int128 herd_u128;

typedef struct herd_pcg64 {
    herd_u128 state;
    herd_u128 inc; /* always odd */
} herd_pcg64;

/* pcg32. A NULL generator is left alone: seeding and advancing do nothing, draws give 0. */
HERD_API void herd_pcg32_seed(herd_pcg32 *r, uint64_t initstate, uint64_t initseq);
HERD_API uint32_t herd_pcg32_next(herd_pcg32 *r);
/* Uniform on [0, bound) without bias; bound must be > 0 (bound 0 returns 0). */
HERD_API uint32_t herd_pcg32_bounded(herd_pcg32 *r, uint32_t bound);
/* Uniform on [0, 1) with 32 bits of resolution. */
HERD_API double herd_pcg32_double(herd_pcg32 *r);
/* Moves the state as if next() were called delta times; delta is taken modulo 2^64, so
 * -k steps back k draws. O(log delta). */
HERD_API void herd_pcg32_advance(herd_pcg32 *r, uint64_t delta);

/* pcg64 (DXSM) */
/* As numpy's PCG64DXSM seeds from (initstate, initseq): the reference pcg64 srandom, whose two
 * steps use the full 128-bit multiplier; draws and advance then use the 64-bit cheap one. */
HERD_API void herd_pcg64_seed(herd_pcg64 *r, herd_u128 initstate, herd_u128 initseq);
HERD_API uint64_t herd_pcg64_next(herd_pcg64 *r);
HERD_API uint64_t herd_pcg64_bounded(herd_pcg64 *r, uint64_t bound);
/* Uniform on [0, 1) with 53 bits of resolution. */
HERD_API double herd_pcg64_double(herd_pcg64 *r);
HERD_API void herd_pcg64_advance(herd_pcg64 *r, herd_u128 delta);

/* Stream derivation. herd_seed_derive mixes a seed and an index into a new 64-bit seed
 * (a bijective 64-bit mix applied to both), so keys can be nested: run -> replication ->
 * team -> agent. herd_pcg*_stream seeds a generator from (seed, index): streams for distinct
 * indices are distinct and independent of the order in which they are made. */
HERD_API uint64_t herd_seed_derive(uint64_t seed, uint64_t index);
/* A seed written as text, as every seed herd reads is (a scenario's run.seed, the command
 * line's --seed): decimal digits only, 0 to 2^64-1. HERD_OK with *out set; HERD_EPARSE for
 * no digits or another character, HERD_ERANGE above 2^64-1, with err saying which (without
 * the key, which the caller adds). */
HERD_API herd_status herd_seed_parse(const char *text, uint64_t *out, char *err,
                                     size_t err_size);
HERD_API void herd_pcg32_stream(herd_pcg32 *r, uint64_t seed, uint64_t index);
HERD_API void herd_pcg64_stream(herd_pcg64 *r, uint64_t seed, uint64_t index);

/* GSL adapters: the gsl_rng state *is* a herd_pcg32 / herd_pcg64, so copying a native
 * generator into gsl_rng->state continues its sequence. gsl_rng_set(r, s) seeds as
 * herd_pcg*_seed(state, s, default sequence). Work with gsl_rng_alloc, gsl_rng_clone and
 * every gsl_ran_* distribution. */
/* The sequence selector of gsl_rng_set. 54 is the reference demo's, so that gsl_rng_set(r, 42)
 * on herd_gsl_rng_pcg32 replays the published pcg32 demo output. */
#define HERD_GSL_RNG_SEQ 54u
/* pcg32: get returns the 32-bit draw (max 0xffffffff), get_double is herd_pcg32_double.
 * pcg64: get returns the top 32 bits of a draw (max 0xffffffff, the same on every platform
 * whatever the width of unsigned long), get_double is herd_pcg64_double (53 bits), which is
 * what gsl_rng_uniform and most gsl_ran_* use. */
HERD_API extern const gsl_rng_type *herd_gsl_rng_pcg32;
HERD_API extern const gsl_rng_type *herd_gsl_rng_pcg64;

#ifdef __cplusplus
}
#endif

#endif
