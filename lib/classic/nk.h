#ifndef HERD_CLASSIC_NK_H
#define HERD_CLASSIC_NK_H

/* NK landscapes (Kauffman) for Lazer and Friedman's model; never installed. */

#include <stdint.h>

#include "herd/rng.h"

/* At most this many bits: a string is a uint32_t and the search for the peak visits 2^n. */
#define HERD_NK_MAX_BITS 26u

/* Bit i's contribution depends on bit i and k others: deps[i * (k+1) + j] is the bit that
 * gives bit j of the index into the contribution's row of the table. The memory is the
 * caller's: deps and each watch array hold n * (k+1) entries, watch_start n + 1, the table
 * n * width. */
typedef struct herd_nk {
    unsigned n, k, width; /* width = 2^(k+1) entries per bit */
    unsigned *deps;
    double *table;        /* n * width, uniform on [0, 1) */
    /* For each bit b, entries watch_start[b] .. watch_start[b+1]-1 name the contributions
     * that read it, by row (i) and by the bit of the index it gives (flip = 1 << j), in
     * order of i. herd_nk_watch_ fills them from deps. */
    unsigned *watch_row, *watch_flip, *watch_start;
} herd_nk;

/* Draws the dependencies (k distinct others for each bit) and then the table from rng. */
void herd_nk_draw_(herd_nk *ls, herd_pcg32 *rng);
void herd_nk_watch_(herd_nk *ls);

/* Row i's index for the string x. */
unsigned herd_nk_index_(const herd_nk *ls, unsigned i, uint32_t x);
/* The fitness of x: the mean of its contributions, summed in order of i. */
double herd_nk_fitness_(const herd_nk *ls, uint32_t x);

/* The string of highest fitness as a running sum over every string in Gray-code order finds
 * it: each step flips one bit and updates the contributions that read it (subtract the old,
 * add the new), and a string wins if its running sum beats every earlier one. idx holds n. */
uint32_t herd_nk_peak_scan_(const herd_nk *ls, unsigned *idx);
/* The same string as herd_nk_peak_scan_, found faster: eight interleaved walks, the bits
 * that the fewest contributions read being flipped most often. Returns 1 and writes the
 * string to *peak when it is ahead of every other string by more than the rounding either
 * search can accumulate, so that the running sum cannot rank another first; otherwise 0 (and
 * always when n <= 3). */
int herd_nk_peak_walks_(const herd_nk *ls, uint32_t *peak);
/* herd_nk_peak_walks_'s string if it is sure, herd_nk_peak_scan_'s otherwise. idx holds n. */
uint32_t herd_nk_peak_(const herd_nk *ls, unsigned *idx);

#endif
