#include "failing_alloc.h"

#include <check.h>
#include <stdlib.h>

void failing_alloc_reset(failing_alloc *a, long fail_at)
{
    a->fail_at = fail_at;
    a->calls = 0;
    a->live = 0;
}

void *failing_alloc_alloc(void *ctx, size_t size)
{
    failing_alloc *a = ctx;
    if (a->calls++ == a->fail_at)
        return NULL;
    void *ptr = malloc(size);
    a->live += ptr != NULL;
    return ptr;
}

void failing_alloc_free(void *ctx, void *ptr)
{
    failing_alloc *a = ctx;
    a->live -= ptr != NULL;
    free(ptr);
}

herd_allocator failing_alloc_allocator(failing_alloc *a)
{
    return (herd_allocator){failing_alloc_alloc, failing_alloc_free, a};
}

void failing_alloc_settings(herd_settings *s, failing_alloc *a)
{
    s->alloc = failing_alloc_alloc;
    s->dealloc = failing_alloc_free;
    s->alloc_ctx = a;
}

long failing_alloc_each(failing_alloc *a, herd_status (*attempt)(failing_alloc *a, void *ctx),
                        void *ctx)
{
    for (long k = 0;; k++) {
        long live = a->live, at = a->calls + k;
        a->fail_at = at;
        herd_status rc = attempt(a, ctx);
        a->fail_at = -1;
        if (a->calls <= at) {
            ck_assert_int_eq(rc, HERD_OK);
            return k;
        }
        ck_assert_int_eq(rc, HERD_ENOMEM);
        ck_assert_int_eq(a->live, live);
    }
}
