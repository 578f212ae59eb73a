#ifndef HERD_LIB_RECORD_MEAN_H
#define HERD_LIB_RECORD_MEAN_H

/* The mean of one double field of a run's records over ticks [from, to), from < to, added in
 * tick order. Not installed. */
#include <stddef.h>
#include <string.h>

#include "herd/metrics.h"

static inline double herd_record_mean(const herd_record *r, long from, long to, size_t offset)
{
    double sum = 0;
    for (long t = from; t < to; t++) {
        double v;
        memcpy(&v, (const char *)&r[t] + offset, sizeof v);
        sum += v;
    }
    return sum / (double)(to - from);
}

#define HERD_RECORD_MEAN(r, from, to, field)                                                  \
    herd_record_mean(r, from, to, offsetof(herd_record, field))

#endif
