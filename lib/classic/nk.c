/* NK landscapes: drawing one, fitness, and the string of highest fitness. */
#include "nk.h"

#include <math.h>
#include <stddef.h>

#include "bits.h"

void herd_nk_draw_(herd_nk *ls, herd_pcg32 *rng)
{
    for (unsigned i = 0; i < ls->n; i++) {
        unsigned *d = ls->deps + (size_t)i * (ls->k + 1);
        d[0] = i;
        for (unsigned j = 1; j <= ls->k; j++) {
            unsigned candidate;
            int taken;
            do {
                candidate = herd_pcg32_bounded(rng, ls->n);
                taken = 0;
                for (unsigned q = 0; q < j; q++)
                    taken |= d[q] == candidate;
            } while (taken);
            d[j] = candidate;
        }
    }
    for (size_t e = 0; e < (size_t)ls->n * ls->width; e++)
        ls->table[e] = herd_pcg32_double(rng);
}

void herd_nk_watch_(herd_nk *ls)
{
    unsigned kk = ls->k + 1, count = 0;
    for (unsigned b = 0; b < ls->n; b++) {
        ls->watch_start[b] = count;
        for (unsigned i = 0; i < ls->n; i++) {
            for (unsigned j = 0; j < kk; j++) {
                if (ls->deps[(size_t)i * kk + j] != b)
                    continue;
                ls->watch_row[count] = i;
                ls->watch_flip[count++] = 1u << j;
            }
        }
    }
    ls->watch_start[ls->n] = count;
}

unsigned herd_nk_index_(const herd_nk *ls, unsigned i, uint32_t x)
{
    const unsigned *d = ls->deps + (size_t)i * (ls->k + 1);
    unsigned idx = 0;
    for (unsigned j = 0; j <= ls->k; j++)
        idx |= ((x >> d[j]) & 1u) << j;
    return idx;
}

double herd_nk_fitness_(const herd_nk *ls, uint32_t x)
{
    double total = 0.0;
    for (unsigned i = 0; i < ls->n; i++)
        total += ls->table[(size_t)i * ls->width + herd_nk_index_(ls, i, x)];
    return total / ls->n;
}

uint32_t herd_nk_peak_scan_(const herd_nk *ls, unsigned *idx)
{
    double sum = 0.0;
    for (unsigned i = 0; i < ls->n; i++) {
        idx[i] = 0;
        sum += ls->table[(size_t)i * ls->width];
    }
    double best = sum;
    uint32_t x = 0, best_x = 0;
    for (uint32_t g = 1; g < (1u << ls->n); g++) {
        unsigned b = herd_bits_lowest(g);
        x ^= 1u << b;
        for (unsigned w = ls->watch_start[b]; w < ls->watch_start[b + 1]; w++) {
            unsigned i = ls->watch_row[w];
            const double *row = ls->table + (size_t)i * ls->width;
            sum -= row[idx[i]];
            idx[i] ^= ls->watch_flip[w];
            sum += row[idx[i]];
        }
        if (sum > best) {
            best = sum;
            best_x = x;
        }
    }
    return best_x;
}

/* ---- the fast search ---- */

enum { CHAIN_BITS = 3, CHAINS = 1 << CHAIN_BITS };

/* Each walk's best string, its sum and the best sum of its other strings. */
typedef struct walks {
    double first[CHAINS], second[CHAINS];
    uint32_t at[CHAINS];
} walks;

/* The bits by how many contributions read them, fewest first (ties by index). */
static void bits_by_readers(const herd_nk *ls, unsigned *order)
{
    for (unsigned b = 0; b < ls->n; b++) {
        unsigned readers = ls->watch_start[b + 1] - ls->watch_start[b], at = b;
        for (; at > 0; at--) {
            unsigned o = order[at - 1];
            if (ls->watch_start[o + 1] - ls->watch_start[o] <= readers)
                break;
            order[at] = o;
        }
        order[at] = b;
    }
}

static void note(walks *wk, unsigned c, double sum, uint32_t x)
{
    if (sum > wk->first[c]) {
        wk->second[c] = wk->first[c];
        wk->first[c] = sum;
        wk->at[c] = x;
    } else {
        wk->second[c] = sum;
    }
}

/* Walk c keeps the last CHAIN_BITS bits of `order` at the bits of c and visits every setting
 * of the others in Gray-code order. idx[i * CHAINS + c] is row i's index in walk c. */
static void walk(const herd_nk *ls, const unsigned *order, unsigned *idx, walks *wk)
{
    unsigned low = ls->n - CHAIN_BITS;
    uint32_t prefix[CHAINS];
    double sum[CHAINS];
    for (unsigned c = 0; c < CHAINS; c++) {
        prefix[c] = 0;
        for (unsigned t = 0; t < CHAIN_BITS; t++)
            prefix[c] |= (uint32_t)((c >> t) & 1u) << order[low + t];
        sum[c] = 0.0;
        for (unsigned i = 0; i < ls->n; i++) {
            idx[i * CHAINS + c] = herd_nk_index_(ls, i, prefix[c]);
            sum[c] += ls->table[(size_t)i * ls->width + idx[i * CHAINS + c]];
        }
        wk->first[c] = sum[c];
        wk->second[c] = -INFINITY;
        wk->at[c] = prefix[c];
    }
    uint32_t x = 0;
    for (uint32_t g = 1; g < (UINT32_C(1) << low); g++) {
        unsigned b = order[herd_bits_lowest(g)];
        x ^= UINT32_C(1) << b;
        for (unsigned w = ls->watch_start[b]; w < ls->watch_start[b + 1]; w++) {
            unsigned *row_idx = idx + ls->watch_row[w] * CHAINS, flip = ls->watch_flip[w];
            const double *row = ls->table + (size_t)ls->watch_row[w] * ls->width;
            for (unsigned c = 0; c < CHAINS; c++) {
                unsigned old = row_idx[c];
                row_idx[c] = old ^ flip;
                sum[c] += row[old ^ flip] - row[old];
            }
        }
        for (unsigned c = 0; c < CHAINS; c++)
            if (sum[c] > wk->second[c])
                note(wk, c, sum[c], x | prefix[c]);
    }
}

/* A bound on the rounding error of either search's sum for any string: each addition or
 * subtraction errs by at most 2^-53 of a result below n + 1, and neither makes more than
 * n + 2 n 2^n of them. */
static double rounding_bound(unsigned n)
{
    return (n + 2.0 * n * ldexp(1.0, (int)n)) * (n + 1.0) * 0x1p-53;
}

int herd_nk_peak_walks_(const herd_nk *ls, uint32_t *peak)
{
    if (ls->n <= CHAIN_BITS)
        return 0;
    unsigned order[HERD_NK_MAX_BITS], idx[HERD_NK_MAX_BITS * CHAINS];
    walks wk;
    bits_by_readers(ls, order);
    walk(ls, order, idx, &wk);
    unsigned win = 0;
    for (unsigned c = 1; c < CHAINS; c++)
        win = wk.first[c] > wk.first[win] ? c : win;
    double runner_up = wk.second[win];
    for (unsigned c = 0; c < CHAINS; c++)
        if (c != win && wk.first[c] > runner_up)
            runner_up = wk.first[c];
    *peak = wk.at[win];
    /* Every other string's sum is lower by more than both searches' errors together, so
     * the running sum cannot rank any of them first either. */
    return wk.first[win] - runner_up > 4.0 * rounding_bound(ls->n);
}

uint32_t herd_nk_peak_(const herd_nk *ls, unsigned *idx)
{
    uint32_t peak;
    return herd_nk_peak_walks_(ls, &peak) ? peak : herd_nk_peak_scan_(ls, idx);
}
