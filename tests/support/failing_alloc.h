#ifndef HERD_TESTS_FAILING_ALLOC_H
#define HERD_TESTS_FAILING_ALLOC_H

/* An allocator for tests: call number fail_at (counting from 0) returns NULL, every call is
 * counted and live blocks are tracked, so a test can check that a failure leaks nothing or that
 * nothing was allocated at all. fail_at < 0 never fails. */
#include <stddef.h>

#include "herd/alloc.h"
#include "herd/sim.h"

typedef struct failing_alloc {
    long fail_at;
    long calls;
    long live;
} failing_alloc;

void failing_alloc_reset(failing_alloc *a, long fail_at);
/* The two halves, with a failing_alloc as their context. */
void *failing_alloc_alloc(void *ctx, size_t size);
void failing_alloc_free(void *ctx, void *ptr);
/* The two halves and a, as a herd_allocator. */
herd_allocator failing_alloc_allocator(failing_alloc *a);
/* s's allocator made the two halves with a as their context; s's other fields are kept. */
void failing_alloc_settings(herd_settings *s, failing_alloc *a);

/* Runs attempt(a, ctx) with a's allocation k failing, counting from a->calls at the start of
 * the attempt, for k = 0, 1, ... until an attempt makes no more than k allocations. That attempt
 * must return HERD_OK and ends the loop; each earlier one must return HERD_ENOMEM and leave
 * a->live as it found it, else the test fails. a fails nothing between attempts and after the
 * loop. An attempt that succeeds must allocate nothing after its operation: the caller checks
 * and frees what it made once this returns. Returns k, the number of failed attempts. */
long failing_alloc_each(failing_alloc *a, herd_status (*attempt)(failing_alloc *a, void *ctx),
                        void *ctx);

#endif
