#ifndef HERD_LIB_ERRMSG_H
#define HERD_LIB_ERRMSG_H

/* The one way the library words a failure into a caller's buffer. Not installed. */
#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define HERD_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define HERD_PRINTF(fmt, args)
#endif

/* Formats into err (truncated to err_size bytes; nothing when err is NULL or err_size is 0)
 * and returns status, so that a failure reads `return herd_errf(err, n, HERD_ERANGE, ...)`. */
int herd_errf(char *err, size_t err_size, int status, const char *fmt, ...) HERD_PRINTF(4, 5);
int herd_verrf(char *err, size_t err_size, int status, const char *fmt, va_list ap);

/* "NAME = V is outside the range [LO, HI]", or without "NAME = " when name is NULL, each
 * number the shortest text that reads back to it (1e300, not 1.0000000000000001e+300);
 * returns HERD_ERANGE. */
int herd_err_outside(char *err, size_t err_size, const char *name, double v, double lo,
                     double hi);

/* A system error's text ("No such file or directory") in buf, which it returns. */
const char *herd_errno_text(int err_no, char *buf, size_t size);

#endif
