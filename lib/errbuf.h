#ifndef HERD_LIB_ERRBUF_H
#define HERD_LIB_ERRBUF_H

/* The (err, err_size) detail of a failure. Never installed. */
#include <stddef.h>

#include "herd/error.h"

/* Formats the message into err when err is not NULL and err_size > 0; returns status. */
herd_status herd_errf(herd_status status, char *err, size_t err_size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
