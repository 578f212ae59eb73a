#include "ckpt_blob.h"

#include <check.h>

#include "failing_alloc.h"
#include "herd/herd.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRAILER (8 + 4)

ckpt_blob ckpt_blob_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    ckpt_blob b = {NULL, (size_t)ftell(f)};
    rewind(f);
    b.bytes = malloc(b.size + 1);
    ck_assert_ptr_nonnull(b.bytes);
    ck_assert_uint_eq(fread(b.bytes, 1, b.size, f), b.size);
    fclose(f);
    return b;
}

void ckpt_blob_write(const ckpt_blob *b, const char *path)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b->bytes, 1, b->size, f), b->size);
    ck_assert_int_eq(fclose(f), 0);
}

uint32_t ckpt_blob_version(const char *path)
{
    ckpt_blob b = ckpt_blob_read(path);
    uint32_t version;
    ck_assert_uint_ge(b.size, 8 + sizeof version);
    memcpy(&version, b.bytes + 8, sizeof version);
    free(b.bytes);
    return version;
}

/* CRC-32 (IEEE 802.3, reflected), bit by bit: written apart from the library's table. */
static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = crc & 1u ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return ~crc;
}

void ckpt_blob_seal(ckpt_blob *b)
{
    ck_assert_uint_ge(b->size, TRAILER);
    uint64_t length = b->size - TRAILER;
    memcpy(b->bytes + length, &length, sizeof length);
    uint32_t crc = crc32_of(b->bytes, b->size - 4);
    memcpy(b->bytes + b->size - 4, &crc, sizeof crc);
}

/* Byte by byte, stopping at the first difference: memcmp under the address sanitizer reads
 * both whole ranges on every call. */
static int same(const unsigned char *a, const unsigned char *b, size_t n)
{
    size_t k = 0;
    while (k < n && a[k] == b[k])
        k++;
    return k == n;
}

size_t ckpt_blob_find(const ckpt_blob *b, const void *bytes, size_t size)
{
    size_t found = 0, at = 0;
    for (size_t i = 0; i + size <= b->size; i++)
        if (same(b->bytes + i, bytes, size)) {
            found++;
            at = i;
        }
    ck_assert_uint_eq(found, 1);
    return at;
}

void ckpt_blob_splice(ckpt_blob *b, size_t at, size_t old_size, const void *bytes, size_t size)
{
    ck_assert_uint_le(at + old_size, b->size);
    size_t tail = b->size - at - old_size;
    unsigned char *bigger = malloc(b->size - old_size + size + 1);
    ck_assert_ptr_nonnull(bigger);
    memcpy(bigger, b->bytes, at);
    if (size > 0)
        memcpy(bigger + at, bytes, size);
    memcpy(bigger + at + size, b->bytes + at + old_size, tail);
    free(b->bytes);
    b->bytes = bigger;
    b->size = b->size - old_size + size;
}

/* The checkpoint at ctx loaded with a's allocator, and freed. */
static herd_status load(failing_alloc *a, void *ctx)
{
    herd_settings s;
    herd_settings_default(&s);
    failing_alloc_settings(&s, a);
    herd_sim *sim = NULL;
    herd_status rc = herd_sim_load(&sim, ctx, &s);
    if (rc != HERD_OK)
        ck_assert_ptr_null(sim);
    herd_sim_free(sim);
    return rc;
}

void ckpt_load_failing_each_allocation(const char *path)
{
    failing_alloc a;
    failing_alloc_reset(&a, -1);
    failing_alloc_each(&a, load, (void *)path);
    ck_assert_int_eq(a.live, 0);
}
