/* A table of typed cells as a CSV file (include/herd/io.h). */
#include <inttypes.h>
#include <math.h>

#include "herd/io.h"

static herd_status csv_begin(void *userdata, const char *table, const char *const *columns,
                             const herd_cell_type *types, size_t n)
{
    (void)table;
    (void)types;
    herd_io_csv_table *t = userdata;
    if (t->n_columns != 0)
        return n == t->n_columns ? HERD_OK : HERD_EINVAL;
    if (n == 0)
        return HERD_EINVAL;
    for (size_t c = 0; c < n; c++) {
        if ((c > 0 && putc(',', t->out) == EOF) || herd_io_csv_text(t->out, columns[c]) != HERD_OK)
            return HERD_EIO;
    }
    if (putc('\n', t->out) == EOF)
        return HERD_EIO;
    t->n_columns = n;
    return HERD_OK;
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
