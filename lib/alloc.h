#ifndef HERD_LIB_ALLOC_H
#define HERD_LIB_ALLOC_H

/* The allocator every engine allocation goes through: the user's, or malloc/free. */
#include <stddef.h>

#include "herd/alloc.h"

/* The user's pair, or malloc/free when both are NULL; HERD_EINVAL (and a left as it was) for
 * only one of the two, which would hand memory from one allocator to the other. */
int herd_allocator_init(herd_allocator *a, void *(*alloc)(void *, size_t),
                        void (*dealloc)(void *, void *), void *ctx);
/* The user's allocator u (NULL: malloc/free) into a, as herd_allocator_init; for half an
 * allocator HERD_EINVAL, a left as it was, and msg "WHAT: alloc is set but dealloc is NULL;
 * set both or neither" (msg may be NULL). */
int herd_allocator_take(herd_allocator *a, const herd_allocator *u, const char *what, char *msg,
                        size_t n);
/* Zeroed memory for n items of size bytes; NULL on failure or overflow. */
void *herd_calloc(const herd_allocator *a, size_t n, size_t size);
void herd_free(const herd_allocator *a, void *ptr);
/* A copy of text; NULL on failure. */
char *herd_strdup(const herd_allocator *a, const char *text);
/* ptr (n_old items) moved to a block of n_new items, the first min(n_old, n_new) copied and
 * the rest zeroed, ptr then freed; NULL on failure or overflow, ptr left as it was. */
void *herd_grow(const herd_allocator *a, void *ptr, size_t n_old, size_t n_new, size_t size);

#endif
