#ifndef HERD_LIB_TABLE_CELLS_H
#define HERD_LIB_TABLE_CELLS_H

/* What the producers of tables of typed cells (herd/io.h) share. Not installed. */
#include <stdint.h>

#include "alloc.h"
#include "herd/io.h"

static inline herd_cell herd_text_cell(const char *text)
{
    return (herd_cell){.type = HERD_CELL_TEXT, .text = text};
}

static inline herd_cell herd_int_cell(int64_t i)
{
    return (herd_cell){.type = HERD_CELL_INT, .i = i};
}

static inline herd_cell herd_real_cell(double x)
{
    return (herd_cell){.type = HERD_CELL_REAL, .x = x};
}

/* The seed's two columns, as HERD_IO_SEED_COLUMNS, into at[0] and at[1]. */
static inline void herd_seed_cells(uint64_t seed, herd_cell *at)
{
    at[0] = herd_int_cell((int64_t)(seed >> 32));
    at[1] = herd_int_cell((int64_t)(uint32_t)seed);
}

/* 1 if sink can be given a table: it and its two functions are there. */
static inline int herd_table_sink_ok(const herd_table_sink *sink)
{
    return sink != NULL && sink->begin != NULL && sink->row != NULL;
}

/* A sink's record of a table's columns, to compare a later begin's with: each column as one
 * byte, 1 + its type, then its name and a NUL. herd_columns_size is the bytes n columns
 * take (each its name's length and 2), or 0 if one has no name or no known type;
 * herd_columns_keep writes them into kept, of that size; herd_columns_same is 1 if the n
 * columns are the n kept. */
size_t herd_columns_size(const char *const *columns, const herd_cell_type *types, size_t n);
void herd_columns_keep(char *kept, const char *const *columns, const herd_cell_type *types,
                       size_t n);
int herd_columns_same(const char *kept, const char *const *columns, const herd_cell_type *types,
                      size_t n);

/* The memory of a table whose columns are known at run time: n columns' names and types, a
 * row of n cells, and text_size bytes for the names (and anything else) to be written in. */
typedef struct herd_table_scratch {
    const char **names;
    herd_cell_type *types;
    herd_cell *row;
    char *text;
} herd_table_scratch;

/* HERD_OK, or HERD_ENOMEM with s to be freed all the same. */
herd_status herd_table_scratch_new(herd_table_scratch *s, size_t n, size_t text_size,
                                   const herd_allocator *a);
void herd_table_scratch_free(herd_table_scratch *s, const herd_allocator *a);

#endif
