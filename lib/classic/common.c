#include "common.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../alloc.h"
#include "herd/stats.h"

/* a, or malloc/free for NULL or neither function; the models refuse half an allocator. */
static herd_allocator resolved(const herd_allocator *a)
{
    herd_allocator r;
    if (a == NULL || herd_allocator_init(&r, a->alloc, a->dealloc, a->ctx) != HERD_OK)
        herd_allocator_init(&r, NULL, NULL, NULL);
    return r;
}

void *herd_classic_alloc_(const herd_allocator *a, size_t count, size_t size)
{
    herd_allocator r = resolved(a);
    return herd_calloc(&r, count, size);
}

void herd_classic_free_(const herd_allocator *a, void *ptr)
{
    herd_allocator r = resolved(a);
    herd_free(&r, ptr);
}

herd_status herd_classic_check_allocator_(const herd_allocator *a, char *msg, size_t size)
{
    herd_allocator r;
    return (herd_status)herd_allocator_take(&r, a, "allocator", msg, size);
}

herd_classic_estimate herd_classic_estimate_(const double *values, size_t n)
{
    herd_interval iv;
    herd_stats_interval(values, 1, n, 0.95, &iv);
    return (herd_classic_estimate){iv.mean, iv.sd / sqrt((double)n)};
}

herd_status herd_classic_check_prob_(double value, const char *field, char *msg, size_t size)
{
    if (!(value >= 0.0 && value <= 1.0))
        return herd_errf(msg, size, HERD_ERANGE, "%s must be in [0, 1], got %g", field,
                          value);
    return HERD_OK;
}

herd_status herd_classic_check_min_(unsigned value, unsigned min, const char *field, char *msg,
                                    size_t size)
{
    if (value < min)
        return herd_errf(msg, size, HERD_ERANGE, "%s must be at least %u, got %u",
                          field, min, value);
    return HERD_OK;
}

herd_status herd_classic_check_max_(unsigned value, unsigned max, const char *field, char *msg,
                                    size_t size)
{
    if (value > max)
        return herd_errf(msg, size, HERD_ETOOBIG, "%s must be at most %u, got %u",
                          field, max, value);
    return HERD_OK;
}

herd_status herd_classic_check_replications_(unsigned replications, char *msg, size_t size)
{
    return herd_classic_check_min_(replications, 1, "replications", msg, size);
}

herd_status herd_classic_check_replicate_(herd_status valid, unsigned replications,
                                          const void *out, char *msg, size_t size)
{
    if (valid != HERD_OK)
        return valid;
    herd_status s = herd_classic_check_replications_(replications, msg, size);
    if (s == HERD_OK && out == NULL)
        return herd_errf(msg, size, HERD_EINVAL, "out is NULL");
    return s;
}

/* Merges the sorted runs from[lo, mid) and from[mid, hi) into to[lo, hi), highest key first;
 * on equal keys the left run's entry comes first. */
static void merge_desc(const unsigned *from, unsigned *to, size_t lo, size_t mid, size_t hi,
                       const double *key)
{
    size_t a = lo, b = mid;
    for (size_t out = lo; out < hi; out++)
        to[out] = b >= hi || (a < mid && key[from[a]] >= key[from[b]]) ? from[a++] : from[b++];
}

void herd_classic_sort_desc_(unsigned *idx, size_t count, const double *key, unsigned *tmp)
{
    unsigned *from = idx, *to = tmp;
    for (size_t width = 1; width < count; width *= 2) {
        for (size_t lo = 0; lo < count; lo += 2 * width) {
            size_t mid = lo + width < count ? lo + width : count;
            size_t hi = mid + width < count ? mid + width : count;
            merge_desc(from, to, lo, mid, hi, key);
        }
        unsigned *t = from;
        from = to;
        to = t;
    }
    if (from != idx)
        memcpy(idx, from, count * sizeof *idx);
}
