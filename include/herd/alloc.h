#ifndef HERD_ALLOC_H
#define HERD_ALLOC_H

/* The one allocator type of the library: a pair of functions and their context, through
 * which every allocation of the object that holds it goes, so that a test can make the k-th
 * allocation fail and check that the failure is reported and nothing leaks. Both functions
 * or neither (NULL, NULL: malloc and free); only one is refused with HERD_EINVAL, as it would
 * hand memory from one allocator to the other. alloc returns NULL on failure and is never
 * asked for 0 bytes; dealloc is never handed NULL. herd_settings (herd/sim.h) holds the same
 * three as its alloc, dealloc and alloc_ctx fields. */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herd_allocator {
    void *(*alloc)(void *ctx, size_t size);
    void (*dealloc)(void *ctx, void *ptr);
    void *ctx;
} herd_allocator;

#ifdef __cplusplus
}
#endif

#endif
