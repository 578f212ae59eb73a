#ifndef HERD_LIB_ALLOC_H
#define HERD_LIB_ALLOC_H

/* The allocator every engine allocation goes through: the user's, or malloc/free. */
#include <stddef.h>

#include "herd/alloc.h"

/* The user's pair, or malloc/free when both are NULL; HERD_EINVAL (and a left as it was) for
 * only one of the two, which would hand memory from one allocator to the other. */
int herd_allocator_init(herd_allocator *a, void *(*alloc)(void *, size_t),
                        void (*dealloc)(void *, void *), void *ctx);
/* Zeroed memory for n items of size bytes; NULL on failure or overflow. */
void *herd_calloc(const herd_allocator *a, size_t n, size_t size);
void herd_free(const herd_allocator *a, void *ptr);

#endif
