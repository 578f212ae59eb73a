#include "common.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "herd/stats.h"

void *herd_classic_alloc_(const herd_classic_allocator *a, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    size_t bytes = count * size;
    if (bytes == 0)
        bytes = 1;
    if (a != NULL && a->alloc != NULL)
        return a->alloc(a->ctx, bytes);
    return malloc(bytes);
}

void herd_classic_free_(const herd_classic_allocator *a, void *ptr)
{
    if (ptr == NULL)
        return;
    if (a != NULL && a->release != NULL)
        a->release(a->ctx, ptr);
    else
        free(ptr);
}

herd_status herd_classic_check_allocator_(const herd_classic_allocator *a, char *msg, size_t size)
{
    if (a == NULL || (a->alloc == NULL) == (a->release == NULL))
        return HERD_OK;
    return herd_errf(msg, size, HERD_EINVAL,
                      "allocator: %s is set but %s is NULL; set both or neither",
                      a->alloc != NULL ? "alloc" : "release",
                      a->alloc != NULL ? "release" : "alloc");
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
