#include "herd/version.h"

const char *herd_version(void)
{
    return HERD_VERSION_STRING;
}

unsigned herd_version_hex(void)
{
    return HERD_VERSION_HEX;
}
