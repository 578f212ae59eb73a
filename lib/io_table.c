/* A table of typed cells as a CSV file (include/herd/io.h). */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "herd/io.h"
#include "table_cells.h"

/* The columns of herd's tables that are not outputs: names, counts and indices. */
static const struct {
    const char *name;
    herd_cell_type type;
} key_columns[] = {
    {"policy", HERD_CELL_TEXT},      {"other", HERD_CELL_TEXT},
    {"metric", HERD_CELL_TEXT},      {"winner", HERD_CELL_TEXT},
    {"runner_up", HERD_CELL_TEXT},   {"scenario", HERD_CELL_TEXT},
    {"policies", HERD_CELL_TEXT},    {"version", HERD_CELL_TEXT},
    {"text", HERD_CELL_TEXT},        {"rep", HERD_CELL_INT},
    {"seed_hi", HERD_CELL_INT},      {"seed_lo", HERD_CELL_INT},
    {"tick", HERD_CELL_INT},         {"team", HERD_CELL_INT},
    {"size", HERD_CELL_INT},         {"ticks", HERD_CELL_INT},
    {"n", HERD_CELL_INT},            {"reps", HERD_CELL_INT},
    {"ix", HERD_CELL_INT},           {"iy", HERD_CELL_INT},
    {"winner_index", HERD_CELL_INT}, {"run", HERD_CELL_INT},
    {"point", HERD_CELL_INT},
};

herd_status herd_io_column_type(const char *name, herd_cell_type *out)
{
    if (name == NULL || out == NULL)
        return HERD_EINVAL;
    if (herd_record_find(name) != NULL || herd_summary_find(name) != NULL) {
        *out = HERD_CELL_REAL;
        return HERD_OK;
    }
    for (size_t i = 0; i < sizeof key_columns / sizeof key_columns[0]; i++) {
        if (strcmp(key_columns[i].name, name) == 0) {
            *out = key_columns[i].type;
            return HERD_OK;
        }
    }
    return HERD_ENOTFOUND;
}

size_t herd_columns_size(const char *const *columns, const herd_cell_type *types, size_t n)
{
    size_t size = 0;
    for (size_t c = 0; c < n; c++) {
        if (columns[c] == NULL || (unsigned)types[c] > HERD_CELL_REAL)
            return 0;
        size += strlen(columns[c]) + 2;
    }
    return size;
}

void herd_columns_keep(char *kept, const char *const *columns, const herd_cell_type *types,
                       size_t n)
{
    for (size_t c = 0; c < n; c++) {
        size_t len = strlen(columns[c]);
        *kept = (char)(1 + types[c]);
        memcpy(kept + 1, columns[c], len + 1);
        kept += len + 2;
    }
}

int herd_columns_same(const char *kept, const char *const *columns, const herd_cell_type *types,
                      size_t n)
{
    for (size_t c = 0; c < n; c++) {
        if (columns[c] == NULL || (unsigned)types[c] > HERD_CELL_REAL ||
            *kept != (char)(1 + types[c]) || strcmp(kept + 1, columns[c]) != 0)
            return 0;
        kept += strlen(kept + 1) + 2;
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
        return n == t->n_columns && herd_columns_same(t->columns, columns, types, n)
                   ? HERD_OK
                   : HERD_EINVAL;
    size_t size = herd_columns_size(columns, types, n);
    if (size == 0 || size > sizeof t->columns)
        return HERD_EINVAL;
    herd_columns_keep(t->columns, columns, types, n);
    herd_status rc = HERD_OK;
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
