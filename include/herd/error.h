#ifndef HERD_ERROR_H
#define HERD_ERROR_H

#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The one table of status codes: X(NAME, value, message). Every failure has its own
 * negative code; 0 is success. */
#define HERD_STATUS_TABLE(X)                                                  \
    X(OK, 0, "success")                                                       \
    X(ENOMEM, -1, "out of memory")                                            \
    X(EINVAL, -2, "invalid argument")                                         \
    X(ERANGE, -3, "value out of range")                                       \
    X(ENOTFOUND, -4, "not found")                                             \
    X(EIO, -5, "input/output error")                                          \
    X(EPARSE, -6, "malformed input")                                          \
    X(EFORMAT, -7, "unrecognised file format")                                \
    X(EVERSION, -8, "unsupported format version")                             \
    X(ECHECKSUM, -9, "checksum mismatch")                                     \
    X(ESTATE, -10, "operation not allowed in the current state")              \
    X(EPOLICY, -11, "leader policy failed")                                   \
    X(ECALLBACK, -12, "a user callback asked to stop")                        \
    X(ETOOBIG, -13, "size too large")                                         \
    X(EUNSUPPORTED, -14, "not supported in this build")

typedef enum herd_status {
#define HERD_STATUS_ENUM_(name, value, msg) HERD_##name = value,
    HERD_STATUS_TABLE(HERD_STATUS_ENUM_)
#undef HERD_STATUS_ENUM_
} herd_status;

/* A fixed message for a status; "unknown status" for a value not in the table. Never NULL. */
HERD_API const char *herd_strerror(int status);

/* The symbolic name of a status, e.g. "HERD_ENOMEM"; "HERD_UNKNOWN" if not in the table. */
HERD_API const char *herd_status_name(int status);

#ifdef __cplusplus
}
#endif

#endif
