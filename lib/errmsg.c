#include "errmsg.h"

#include <stdio.h>
#include <string.h>

#include "herd/error.h"
#include "numfmt.h"

int herd_verrf(char *err, size_t err_size, int status, const char *fmt, va_list ap)
{
    if (err != NULL && err_size > 0)
        vsnprintf(err, err_size, fmt, ap);
    return status;
}

int herd_errf(char *err, size_t err_size, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    herd_verrf(err, err_size, status, fmt, ap);
    va_end(ap);
    return status;
}

int herd_err_outside(char *err, size_t err_size, const char *name, double v, double lo,
                     double hi)
{
    char value[HERD_NUMFMT_SIZE], low[HERD_NUMFMT_SIZE], high[HERD_NUMFMT_SIZE];
    herd_numfmt_shortest(v, value);
    herd_numfmt_shortest(lo, low);
    herd_numfmt_shortest(hi, high);
    return herd_errf(err, err_size, HERD_ERANGE, "%s%s%s is outside the range [%s, %s]",
                     name != NULL ? name : "", name != NULL ? " = " : "", value, low, high);
}

const char *herd_errno_text(int err_no, char *buf, size_t size)
{
    if (strerror_r(err_no, buf, size) != 0)
        snprintf(buf, size, "error %d", err_no);
    return buf;
}
