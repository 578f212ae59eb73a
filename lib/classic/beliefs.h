#ifndef HERD_CLASSIC_BELIEFS_H
#define HERD_CLASSIC_BELIEFS_H

/* Rows of beliefs of -1, 0 or 1 over m dimensions as two bit sets (March's model); never
 * installed. Dimension d is bit d % 64 of word d / 64: `known` has it when the belief is not
 * 0, `plus` when it is 1 (plus is a subset of known). A row that is never 0 (reality, an
 * action) is its plus alone, with known all set. Bits beyond m stay 0. */

#include <stdint.h>

#include "bits.h"

/* Dimensions on which the row (known, plus) holds reality's sign. */
static inline unsigned herd_beliefs_right(const uint64_t *known, const uint64_t *plus,
                                          const uint64_t *reality, unsigned words)
{
    unsigned right = 0;
    for (unsigned w = 0; w < words; w++)
        right += herd_bits_count(known[w] & ~(plus[w] ^ reality[w]));
    return right;
}

/* Dimensions on which the row (known, plus) holds the sign opposite to reality's. */
static inline unsigned herd_beliefs_wrong(const uint64_t *known, const uint64_t *plus,
                                          const uint64_t *reality, unsigned words)
{
    unsigned wrong = 0;
    for (unsigned w = 0; w < words; w++)
        wrong += herd_bits_count(known[w] & (plus[w] ^ reality[w]));
    return wrong;
}

/* Of one word, the dimensions on which the code is not 0 and the belief differs from it. */
static inline uint64_t herd_beliefs_differ(uint64_t known, uint64_t plus, uint64_t code_known,
                                           uint64_t code_plus)
{
    return code_known & (~known | (plus ^ code_plus));
}

/* Moves the beliefs on the dimensions `moved` (where they differ from a non-zero code) towards
 * the code's: by one step (-1 -> 0 -> 1, so a belief passes through doubt) or onto it. */
static inline void herd_beliefs_move(uint64_t *known, uint64_t *plus, uint64_t code_plus,
                                     uint64_t moved, int one_step)
{
    uint64_t to_doubt = one_step ? moved & *known : 0;
    *known = (*known | moved) & ~to_doubt;
    *plus = (*plus & ~moved) | (code_plus & moved & ~to_doubt);
}

#endif
