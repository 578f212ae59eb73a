/* A table of typed cells as a CSV file (include/herd/io.h). */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "herd/io.h"

/* Keeps the header's columns in t->columns, each as one byte, 1 + its type, then its name
 * and a NUL; HERD_EINVAL if one has no name or no known type, or they do not fit. */
static herd_status keep_columns(herd_io_csv_table *t, const char *const *columns,
                                const herd_cell_type *types, size_t n)
{
    size_t at = 0;
    for (size_t c = 0; c < n; c++) {
        if (columns[c] == NULL || (unsigned)types[c] > HERD_CELL_REAL)
            return HERD_EINVAL;
        size_t len = strlen(columns[c]);
        if (len + 2 > sizeof t->columns - at)
            return HERD_EINVAL;
        t->columns[at] = (char)(1 + types[c]);
        memcpy(&t->columns[at + 1], columns[c], len + 1);
        at += len + 2;
    }
    return HERD_OK;
}

/* Whether columns and types are the header's. */
static int same_columns(const herd_io_csv_table *t, const char *const *columns,
                        const herd_cell_type *types, size_t n)
{
    if (n != t->n_columns)
        return 0;
    const char *at = t->columns;
    for (size_t c = 0; c < n; c++) {
        if (columns[c] == NULL || (unsigned)types[c] > HERD_CELL_REAL ||
            *at != (char)(1 + types[c]) || strcmp(at + 1, columns[c]) != 0)
            return 0;
        at += strlen(at + 1) + 2;
    }
    return 1;
}

static herd_status csv_begin(void *userdata, const char *table, const char *const *columns,
                             const herd_cell_type *types, size_t n)
{
    (void)table;
    herd_io_csv_table *t = userdata;
    if (columns == NULL || types == NULL || n == 0)
        return HERD_EINVAL;
    if (t->n_columns != 0)
        return same_columns(t, columns, types, n) ? HERD_OK : HERD_EINVAL;
    herd_status rc = keep_columns(t, columns, types, n);
    for (size_t c = 0; c < n && rc == HERD_OK; c++) {
        if ((c > 0 && putc(',', t->out) == EOF) || herd_io_csv_text(t->out, columns[c]) != HERD_OK)
            rc = HERD_EIO;
    }
    if (rc == HERD_OK && putc('\n', t->out) == EOF)
        rc = HERD_EIO;
    if (rc == HERD_OK)
        t->n_columns = n;
    return rc;
}

static herd_status put_cell(FILE *out, const herd_cell *cell)
{
    switch (cell->type) {
    case HERD_CELL_TEXT:
        return herd_io_csv_text(out, cell->text);
    case HERD_CELL_INT:
        return fprintf(out, "%" PRId64, cell->i) < 0 ? HERD_EIO : HERD_OK;
    case HERD_CELL_REAL:
        if (isnan(cell->x))
            return fputs("NA", out) < 0 ? HERD_EIO : HERD_OK;
        return herd_io_csv_number(out, cell->x);
    }
    return HERD_EINVAL;
}

static herd_status csv_row(void *userdata, const herd_cell *cells, size_t n)
{
    herd_io_csv_table *t = userdata;
    if (n != t->n_columns)
        return HERD_EINVAL;
    for (size_t c = 0; c < n; c++) {
        if (c > 0 && putc(',', t->out) == EOF)
            return HERD_EIO;
        herd_status rc = put_cell(t->out, &cells[c]);
        if (rc != HERD_OK)
            return rc;
    }
    return putc('\n', t->out) == EOF ? HERD_EIO : HERD_OK;
}

void herd_io_csv_table_init(herd_io_csv_table *t, FILE *out)
{
    if (t == NULL)
        return;
    t->sink = (herd_table_sink){csv_begin, csv_row, t};
    t->out = out;
    t->n_columns = 0;
}
