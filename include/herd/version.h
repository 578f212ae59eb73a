#ifndef HERD_VERSION_H
#define HERD_VERSION_H

#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HERD_VERSION_MAJOR 0
#define HERD_VERSION_MINOR 3
#define HERD_VERSION_PATCH 0

#define HERD_STRINGIFY_(x) #x
#define HERD_STRINGIFY(x) HERD_STRINGIFY_(x)
#define HERD_VERSION_STRING                                                   \
    HERD_STRINGIFY(HERD_VERSION_MAJOR) "." HERD_STRINGIFY(HERD_VERSION_MINOR) \
    "." HERD_STRINGIFY(HERD_VERSION_PATCH)
/* 0xMMmmpp: comparable with < and >. */
#define HERD_VERSION_HEX \
    ((HERD_VERSION_MAJOR << 16) | (HERD_VERSION_MINOR << 8) | HERD_VERSION_PATCH)

/* The version of the library linked at run time, which may differ from the header's. */
HERD_API const char *herd_version(void);
HERD_API unsigned herd_version_hex(void);

#ifdef __cplusplus
}
#endif

#endif
