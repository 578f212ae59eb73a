#include "errbuf.h"

#include <stdarg.h>
#include <stdio.h>

herd_status herd_errf(herd_status status, char *err, size_t err_size, const char *fmt, ...)
{
    if (err != NULL && err_size > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_size, fmt, ap);
        va_end(ap);
    }
    return status;
}
