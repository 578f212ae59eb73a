/* CSV cells: every number shortest and exact, seeds in two 32-bit columns, text quoted where
 * it must be. Apart from lib/io.c's rows, so that a program that writes only cells (the
 * classic models' CLI) does not link the engine. */

#include "herd/io.h"

#include <inttypes.h>
#include <string.h>

#include "numfmt.h"

_Static_assert(HERD_IO_NUMBER_SIZE >= HERD_NUMFMT_SIZE, "room for herd_numfmt_shortest");

int herd_io_number(double x, char buf[HERD_IO_NUMBER_SIZE])
{
    return buf != NULL ? herd_numfmt_shortest(x, buf) : 0;
}

int herd_io_seed(uint64_t seed, char buf[HERD_IO_SEED_SIZE])
{
    if (buf == NULL)
        return 0;
    return snprintf(buf, HERD_IO_SEED_SIZE, "%" PRIu32 ",%" PRIu32, (uint32_t)(seed >> 32),
                    (uint32_t)seed);
}

herd_status herd_io_csv_text(FILE *out, const char *text)
{
    if (out == NULL)
        return HERD_EINVAL;
    if (text == NULL)
        return HERD_OK;
    if (strpbrk(text, ",\"\r\n") == NULL)
        return fputs(text, out) < 0 ? HERD_EIO : HERD_OK;
    if (putc('"', out) == EOF)
        return HERD_EIO;
    for (; *text != '\0'; text++)
        if ((*text == '"' && putc('"', out) == EOF) || putc(*text, out) == EOF)
            return HERD_EIO;
    return putc('"', out) == EOF ? HERD_EIO : HERD_OK;
}

herd_status herd_io_csv_number(FILE *out, double x)
{
    if (out == NULL)
        return HERD_EINVAL;
    char num[HERD_IO_NUMBER_SIZE];
    herd_io_number(x, num);
    return fputs(num, out) < 0 ? HERD_EIO : HERD_OK;
}
