#ifndef HERD_LIB_SAY_H
#define HERD_LIB_SAY_H

/* The detail of a failure into a caller's (err, err_size) buffer. Not installed. */
#include <stddef.h>

/* Formats into err (nothing if err is NULL or err_size 0) and returns status. */
int herd_say(char *err, size_t err_size, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
