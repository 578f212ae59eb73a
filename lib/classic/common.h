#ifndef HERD_CLASSIC_COMMON_H
#define HERD_CLASSIC_COMMON_H

/* Private helpers shared by the classic models; never installed. */

#include <stddef.h>

#include "../errmsg.h"
#include "herd/classic.h"

/* Allocation through the caller's allocator or malloc; NULL on failure or overflow. */
void *herd_classic_alloc_(const herd_allocator *a, size_t count, size_t size);
void herd_classic_free_(const herd_allocator *a, void *ptr);

/* Mean and standard error of n values, by herd_stats_interval's rules (se NaN when n < 2). */
herd_classic_estimate herd_classic_estimate_(const double *values, size_t n);

/* Sorts the indices idx[0..count) by key[idx[i]], highest first; equal keys keep their order
 * (a stable sort). tmp holds count entries. */
void herd_classic_sort_desc_(unsigned *idx, size_t count, const double *key, unsigned *tmp);

/* Checks used by every model's validation. */
herd_status herd_classic_check_prob_(double value, const char *field, char *msg, size_t size);
herd_status herd_classic_check_min_(unsigned value, unsigned min, const char *field, char *msg,
                                    size_t size);
/* A caller's allocator has both halves or neither. */
herd_status herd_classic_check_allocator_(const herd_allocator *a, char *msg, size_t size);
/* HERD_ETOOBIG, naming the field, when value exceeds max. */
herd_status herd_classic_check_max_(unsigned value, unsigned max, const char *field, char *msg,
                                    size_t size);
herd_status herd_classic_check_replications_(unsigned replications, char *msg, size_t size);
/* The arguments of a replicate function: `valid` (the model's validation) if it is an error,
 * then the replications, then HERD_EINVAL if out is NULL. */
herd_status herd_classic_check_replicate_(herd_status valid, unsigned replications,
                                          const void *out, char *msg, size_t size);

#endif
