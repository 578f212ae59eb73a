/* The end of every search of one heuristic, each found from the ends of searches that start
 * higher up: points are visited from the highest value down, and a move always goes up. */
#include "hongpage_internal.h"

#include <stddef.h>

#include "bits.h"

void herd_hongpage_stops_(const double *values, unsigned n, const unsigned *by_value,
                          const unsigned *steps, unsigned k, unsigned *stop)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned p = by_value[i], next[HERD_HONGPAGE_MAX_STEPS], up = 0;
        for (unsigned j = 0; j < k; j++) {
            unsigned q = p + steps[j];
            next[j] = q >= n ? q - n : q;
            up |= (unsigned)(values[next[j]] > values[p]) << j;
        }
        unsigned *out = stop + (size_t)p * k;
        if (up == 0) {
            for (unsigned j = 0; j < k; j++)
                out[j] = p;
            continue;
        }
        /* Bit j of `up`, and of its copy above bit k, says whether step j leads higher: the
         * lowest set bit at or above j is the step that moves an agent about to try j. */
        uint64_t twice = (uint64_t)up | (uint64_t)up << k;
        for (unsigned j = 0; j < k; j++) {
            unsigned move = j + herd_bits_lowest(twice >> j);
            move = move >= k ? move - k : move;
            out[j] = stop[(size_t)next[move] * k + (move + 1 == k ? 0 : move + 1)];
        }
    }
}
