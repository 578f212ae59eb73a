#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
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

int herd_allocator_take(herd_allocator *a, const herd_allocator *u, const char *what, char *msg,
                        size_t n)
{
    if (u == NULL)
        return herd_allocator_init(a, NULL, NULL, NULL);
    if (herd_allocator_init(a, u->alloc, u->dealloc, u->ctx) == HERD_OK)
        return HERD_OK;
    return herd_errf(msg, n, HERD_EINVAL, "%s: %s is set but %s is NULL; set both or neither",
                     what, u->alloc != NULL ? "alloc" : "dealloc",
                     u->alloc != NULL ? "dealloc" : "alloc");
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

char *herd_strdup(const herd_allocator *a, const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = a->alloc(a->ctx, n);
    return copy != NULL ? memcpy(copy, text, n) : NULL;
}

void *herd_grow(const herd_allocator *a, void *ptr, size_t n_old, size_t n_new, size_t size)
{
    char *p = herd_calloc(a, n_new, size);
    if (p == NULL)
        return NULL;
    if (ptr != NULL)
        memcpy(p, ptr, (n_old < n_new ? n_old : n_new) * size);
    herd_free(a, ptr);
    return p;
}
