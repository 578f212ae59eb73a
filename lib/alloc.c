#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "herd/error.h"

static void *system_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void system_dealloc(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

int herd_allocator_init(herd_allocator *a, void *(*alloc)(void *, size_t),
                        void (*dealloc)(void *, void *), void *ctx)
{
    if ((alloc == NULL) != (dealloc == NULL))
        return HERD_EINVAL;
    if (alloc != NULL)
        *a = (herd_allocator){alloc, dealloc, ctx};
    else
        *a = (herd_allocator){system_alloc, system_dealloc, NULL};
    return HERD_OK;
}

void *herd_calloc(const herd_allocator *a, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    void *p = a->alloc(a->ctx, bytes == 0 ? 1 : bytes);
    if (p != NULL)
        memset(p, 0, bytes);
    return p;
}

void herd_free(const herd_allocator *a, void *ptr)
{
    if (ptr != NULL)
        a->dealloc(a->ctx, ptr);
}
