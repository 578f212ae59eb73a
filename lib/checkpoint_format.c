/* The checkpoint format's CRC-32 and parameter fingerprint (lib/checkpoint_format.h). */
#include "checkpoint_format.h"

#include "herd/params.h"

void herd_crc32_init(herd_crc32_table *t)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1u ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t->entry[i] = c;
    }
}

uint32_t herd_crc32_update(const herd_crc32_table *t, uint32_t crc, const void *data, size_t n)
{
    const unsigned char *p = data;
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = t->entry[(crc ^ p[i]) & 0xffu] ^ (crc >> 8);
    return ~crc;
}

uint32_t herd_ckpt_params_fingerprint(void)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; herd_params_info(i) != NULL; i++) {
        const herd_param_info *info = herd_params_info(i);
        for (const char *c = info->name; *c != '\0'; c++)
            h = (h ^ (unsigned char)*c) * 16777619u;
        h = (h ^ (unsigned)info->kind) * 16777619u;
    }
    return h;
}
