#ifndef HERD_LIB_SWEEP_ROWS_INTERNAL_H
#define HERD_LIB_SWEEP_ROWS_INTERNAL_H

/* What lib/sweep_rows.c and lib/sweep_rows_sensitivity.c say of a sweep's rows. */
#include <stddef.h>

#include "herd/compare.h"

/* What a message about the rows starts with: their source, or "sweep rows". */
const char *herd_sweep_rows_source(const herd_sweep_rows *rows);

/* Where row r is, "line 7" of the source or "row 5", into buf. */
void herd_sweep_rows_where(const herd_sweep_rows *rows, size_t r, char *buf, size_t size);

/* The runs' policy, "P" or "P paired with a run of Q", into buf. */
void herd_sweep_rows_describe(const herd_sweep_rows *rows, size_t policy, size_t other,
                              char *buf, size_t size);

#endif
