#ifndef HERD_LIB_CHECKPOINT_FORMAT_H
#define HERD_LIB_CHECKPOINT_FORMAT_H

/* What saving and loading a checkpoint share: the constants of the format that
 * include/herd/checkpoint.h describes, its CRC-32 and the fingerprint of the parameter table;
 * and the memory loading one takes. Not installed. */
#include <stddef.h>
#include <stdint.h>

#include "herd/params.h"

#define HERD_CKPT_MAGIC "HERDCKPT"
#define HERD_CKPT_MAGIC_LEN 8
#define HERD_CKPT_BYTE_ORDER_MARK UINT32_C(0x01020304)
#define HERD_CKPT_HEADER_LEN (HERD_CKPT_MAGIC_LEN + 4 * 4)
#define HERD_CKPT_TRAILER_LEN (8 + 4)
/* The longest policy name a checkpoint holds. */
#define HERD_CKPT_MAX_NAME 4096
/* The oldest format version loaded: version 3 differs only in holding whole rows. */
#define HERD_CKPT_OLDEST_VERSION 3
/* What the network of a version 4 file holds, its first word. */
#define HERD_CKPT_NETWORK_WHOLE UINT32_C(0)
#define HERD_CKPT_NETWORK_ACROSS UINT32_C(1)

/* CRC-32 (IEEE 802.3, reflected), by a table of 256 entries. */
typedef struct herd_crc32_table {
    uint32_t entry[256];
} herd_crc32_table;

void herd_crc32_init(herd_crc32_table *t);
/* crc continued over data[0..n); it starts at 0. */
uint32_t herd_crc32_update(const herd_crc32_table *t, uint32_t crc, const void *data, size_t n);

/* A fingerprint of the parameter table: names and kinds in order (FNV-1a). */
uint32_t herd_ckpt_params_fingerprint(void);

/* Bytes loading a checkpoint of a simulation of p takes, the figure held against
 * herd_load_options.memory_limit: the simulation and the reader of the file. */
double herd_ckpt_load_memory(const herd_params *p);

#endif
