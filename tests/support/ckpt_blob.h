#ifndef HERD_TESTS_CKPT_BLOB_H
#define HERD_TESTS_CKPT_BLOB_H

/* Checkpoint files for tests: a file as bytes in memory, to damage or rewrite copies of it
 * (read, changed, sealed again with a sound trailer of length and CRC-32, written back), and
 * loading under allocation failures. Each function fails the test if it cannot do its job. */
#include <stddef.h>
#include <stdint.h>

typedef struct ckpt_blob {
    unsigned char *bytes; /* malloc'd: free(b.bytes) */
    size_t size;
} ckpt_blob;

ckpt_blob ckpt_blob_read(const char *path);
void ckpt_blob_write(const ckpt_blob *b, const char *path);
/* The format version the header of the file at path says. */
uint32_t ckpt_blob_version(const char *path);
/* The trailer's length and CRC-32 set for the bytes before it, as the writer sets them. */
void ckpt_blob_seal(ckpt_blob *b);
/* Where bytes[0..size) occur in b, which they must do exactly once. */
size_t ckpt_blob_find(const ckpt_blob *b, const void *bytes, size_t size);
/* Replaces b's old_size bytes at at with bytes[0..size) (bytes may be NULL when size is 0). */
void ckpt_blob_splice(ckpt_blob *b, size_t at, size_t old_size, const void *bytes, size_t size);

/* Loads the checkpoint at path with each allocation in turn failing, k = 0, 1, ... until
 * loading succeeds: each failure must give HERD_ENOMEM and no simulation, and none may leak. */
void ckpt_load_failing_each_allocation(const char *path);

#endif
