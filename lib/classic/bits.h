#ifndef HERD_CLASSIC_BITS_H
#define HERD_CLASSIC_BITS_H

/* Sets of positions as bits of 64-bit words, for the classic models; never installed. */

#include <stddef.h>
#include <stdint.h>

/* The number of set bits of x. */
static inline unsigned herd_bits_count(uint64_t x)
{
#if defined(__POPCNT__)
    return (unsigned)__builtin_popcountll(x);
#else
    x -= (x >> 1) & UINT64_C(0x5555555555555555);
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
    return (unsigned)((x * UINT64_C(0x0101010101010101)) >> 56);
#endif
}

/* The index of the lowest set bit of x, which must not be 0. */
static inline unsigned herd_bits_lowest(uint64_t x)
{
    return (unsigned)__builtin_ctzll(x);
}

/* Words needed for `count` bits. */
static inline size_t herd_bits_words(size_t count)
{
    return (count + 63) / 64;
}

/* The bits of word w that stand for one of the first `count` positions. */
static inline uint64_t herd_bits_valid(size_t count, size_t w)
{
    size_t rest = count - 64 * w;
    return rest >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << rest) - 1u;
}

/* Bit-sliced counters: planes[b] holds bit b of a count for each of the 64 positions of a
 * word. Adds 1 to the count of every position set in x; `levels` planes hold counts up to
 * 2^levels - 1, and the caller keeps counts below that. */
static inline void herd_bits_tally(uint64_t *planes, unsigned levels, uint64_t x)
{
    for (unsigned b = 0; x != 0 && b < levels; b++) {
        uint64_t carry = planes[b] & x;
        planes[b] ^= x;
        x = carry;
    }
}

/* The count of position `bit` (0..63) in bit-sliced counters. */
static inline unsigned herd_bits_tallied(const uint64_t *planes, unsigned levels, unsigned bit)
{
    unsigned count = 0;
    for (unsigned b = 0; b < levels; b++)
        count |= (unsigned)((planes[b] >> bit) & 1u) << b;
    return count;
}

#endif
