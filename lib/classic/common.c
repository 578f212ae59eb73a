#include "common.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_statistics_double.h>

herd_status herd_classic_fail_(herd_status status, char *msg, size_t size, const char *fmt, ...)
{
    if (msg != NULL && size > 0) {
        va_list args;
        va_start(args, fmt);
        vsnprintf(msg, size, fmt, args);
        va_end(args);
    }
    return status;
}

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
    return herd_classic_fail_(HERD_EINVAL, msg, size,
                              "allocator: %s is set but %s is NULL; set both or neither",
                              a->alloc != NULL ? "alloc" : "release",
                              a->alloc != NULL ? "release" : "alloc");
}

herd_classic_estimate herd_classic_estimate_(const double *values, size_t n)
{
    herd_classic_estimate e = {0.0, 0.0};
    if (n == 0)
        return e;
    e.mean = gsl_stats_mean(values, 1, n);
    if (n > 1)
        e.se = gsl_stats_sd_m(values, 1, n, e.mean) / sqrt((double)n);
    return e;
}

herd_status herd_classic_check_prob_(double value, const char *field, char *msg, size_t size)
{
    if (!(value >= 0.0 && value <= 1.0))
        return herd_classic_fail_(HERD_ERANGE, msg, size, "%s must be in [0, 1], got %g", field,
                                  value);
    return HERD_OK;
}

herd_status herd_classic_check_min_(unsigned value, unsigned min, const char *field, char *msg,
                                    size_t size)
{
    if (value < min)
        return herd_classic_fail_(HERD_ERANGE, msg, size, "%s must be at least %u, got %u",
                                  field, min, value);
    return HERD_OK;
}

herd_status herd_classic_check_max_(unsigned value, unsigned max, const char *field, char *msg,
                                    size_t size)
{
    if (value > max)
        return herd_classic_fail_(HERD_ETOOBIG, msg, size, "%s must be at most %u, got %u",
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
        return herd_classic_fail_(HERD_EINVAL, msg, size, "out is NULL");
    return s;
}
