/* pyherd_table: a herd_table_sink that keeps a producer's cells for Python. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "binding.h"

static char *copy_text(const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = malloc(n);
    return copy != NULL ? memcpy(copy, text, n) : NULL;
}

/* A later begin: the same table and columns as the first. */
static herd_status same_table(const pyherd_table *t, const char *table,
                              const char *const *columns, const herd_cell_type *types, size_t n)
{
    if (strcmp(t->name, table) != 0 || n != t->n_columns)
        return HERD_EINVAL;
    for (size_t k = 0; k < n; k++)
        if (types[k] != t->columns[k].type || strcmp(columns[k], t->columns[k].name) != 0)
            return HERD_EINVAL;
    return HERD_OK;
}

static herd_status table_begin(void *userdata, const char *table, const char *const *columns,
                               const herd_cell_type *types, size_t n)
{
    pyherd_table *t = userdata;
    if (table == NULL || (n > 0 && (columns == NULL || types == NULL)))
        return HERD_EINVAL;
    if (t->name != NULL)
        return same_table(t, table, columns, types, n);
    for (size_t k = 0; k < n; k++)
        if (columns[k] == NULL || (unsigned)types[k] > HERD_CELL_REAL)
            return HERD_EINVAL;
    t->columns = calloc(n ? n : 1, sizeof *t->columns);
    t->name = copy_text(table);
    if (t->columns == NULL || t->name == NULL)
        return HERD_ENOMEM;
    t->n_columns = n;
    for (size_t k = 0; k < n; k++) {
        t->columns[k].type = types[k];
        if ((t->columns[k].name = copy_text(columns[k])) == NULL)
            return HERD_ENOMEM;
    }
    return HERD_OK;
}

static int grow(void **array, size_t cap, size_t size)
{
    void *grown = realloc(*array, cap * size);
    if (grown == NULL)
        return 1;
    *array = grown;
    return 0;
}

/* Room for one more row in every column. */
static herd_status reserve_row(pyherd_table *t)
{
    if (t->n_rows < t->cap_rows)
        return HERD_OK;
    size_t cap = t->cap_rows ? 2 * t->cap_rows : 64;
    for (size_t k = 0; k < t->n_columns; k++) {
        pyherd_column *c = &t->columns[k];
        int failed = c->type == HERD_CELL_INT    ? grow((void **)&c->ints, cap, sizeof *c->ints)
                     : c->type == HERD_CELL_REAL ? grow((void **)&c->reals, cap, sizeof *c->reals)
                                                 : grow((void **)&c->null, cap, sizeof *c->null);
        if (failed)
            return HERD_ENOMEM;
    }
    t->cap_rows = cap;
    return HERD_OK;
}

static herd_status put_text(pyherd_column *c, size_t row, const char *text)
{
    c->null[row] = text == NULL;
    if (text == NULL)
        return HERD_OK;
    size_t n = strlen(text) + 1;
    if (n > c->text_cap - c->text_used) {
        size_t cap = c->text_cap ? c->text_cap : 256;
        while (n > cap - c->text_used)
            cap *= 2;
        if (grow((void **)&c->text, cap, 1))
            return HERD_ENOMEM;
        c->text_cap = cap;
    }
    memcpy(c->text + c->text_used, text, n);
    c->text_used += n;
    return HERD_OK;
}

static herd_status table_row(void *userdata, const herd_cell *cells, size_t n)
{
    pyherd_table *t = userdata;
    if (t->name == NULL)
        return HERD_ESTATE;
    if (n != t->n_columns || (n > 0 && cells == NULL))
        return HERD_EINVAL;
    for (size_t k = 0; k < n; k++)
        if (cells[k].type != t->columns[k].type)
            return HERD_EINVAL;
    herd_status rc = reserve_row(t);
    for (size_t k = 0; k < n && rc == HERD_OK; k++) {
        pyherd_column *c = &t->columns[k];
        if (c->type == HERD_CELL_INT)
            c->ints[t->n_rows] = cells[k].i;
        else if (c->type == HERD_CELL_REAL)
            c->reals[t->n_rows] = cells[k].x;
        else
            rc = put_text(c, t->n_rows, cells[k].text);
    }
    if (rc == HERD_OK)
        t->n_rows++;
    return rc;
}

void pyherd_table_init(pyherd_table *t)
{
    *t = (pyherd_table){.sink = {table_begin, table_row, t}};
}

void pyherd_table_release(pyherd_table *t)
{
    for (size_t k = 0; k < t->n_columns; k++) {
        free(t->columns[k].name);
        free(t->columns[k].ints);
        free(t->columns[k].reals);
        free(t->columns[k].null);
        free(t->columns[k].text);
    }
    free(t->columns);
    free(t->name);
    pyherd_table_init(t);
}
