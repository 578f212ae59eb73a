#include "errmsg.h"

#include <stdio.h>
#include <string.h>

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

const char *herd_errno_text(int err_no, char *buf, size_t size)
{
    if (strerror_r(err_no, buf, size) != 0)
        snprintf(buf, size, "error %d", err_no);
    return buf;
}
