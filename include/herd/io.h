#ifndef HERD_IO_H
#define HERD_IO_H

/* Writing results: per-tick records as CSV rows, and files that appear complete or not at
 * all. Sits on top of the engine, as scenarios do. */

#include <stdint.h>
#include <stdio.h>

#include "herd/export.h"
#include "herd/metrics.h"

/* The columns, in order: policy, rep and seed from the sink, then fields of herd_record.
 * Numbers are written with the fewest of 15, 16 or 17 significant digits that read back to
 * the same double ("0.1", not "0.10000000000000001"). */
#define HERD_IO_CSV_HEADER                                                                   \
    "policy,rep,seed,tick,innovation,innovation_value,innovation_cum,output,morale,"       \
    "morale_sd,skill,initiative,bond,turnover,front_runners,attention,front_share"

/* What the CSV observer needs besides each record. status is 0 until a write fails
 * (HERD_EIO), after which the observer stops the run. */
typedef struct herd_io_csv_sink {
    FILE *out;
    const char *policy; /* written as given, quoted if it holds a comma, quote or newline */
    long rep;
    uint64_t seed;
    int status;
} herd_io_csv_sink;

/* The header line with its newline. */
HERD_API int herd_io_csv_header(FILE *out);
/* One row. */
HERD_API int herd_io_csv_row(FILE *out, const char *policy, long rep, uint64_t seed,
                             const herd_record *record);
/* A herd_observer: userdata is a herd_io_csv_sink. */
HERD_API int herd_io_csv_observer(const herd_record *record, void *userdata);

/* A file written under a temporary name in its destination's folder and renamed to the
 * destination by commit, so the destination is either absent or complete. A symbolic link is
 * followed (the file it names is replaced, the link kept). A destination that exists and is
 * not a regular file (a device, a pipe, a terminal) is written in place, as no rename can
 * replace it; a directory is refused. */
typedef struct herd_io_atomic herd_io_atomic;

/* Creates the temporary file. On failure *out is NULL and err says why. */
HERD_API int herd_io_atomic_open(herd_io_atomic **out, const char *path, char *err,
                                 size_t err_size);
/* The stream to write to. */
HERD_API FILE *herd_io_atomic_file(herd_io_atomic *w);
/* Flushes, syncs, closes and renames. Frees w whatever happens; on failure the temporary
 * file is removed and err says why. */
HERD_API int herd_io_atomic_commit(herd_io_atomic *w, char *err, size_t err_size);
/* Closes and removes the temporary file and frees w; NULL does nothing. */
HERD_API void herd_io_atomic_abort(herd_io_atomic *w);

#endif
