#ifndef PYHERD_BINDING_H
#define PYHERD_BINDING_H

/* C helpers of the Python binding. Functions named pyherd_py_* are written in Python (cffi
 * "extern Python"); every other one is C in binding.c. */

#include "herd/herd.h"

/* The records a simulation has produced, appended by pyherd_records_observe without the GIL. */
typedef struct pyherd_records {
    herd_record *data;
    size_t n, cap;
} pyherd_records;

/* A herd_observer whose userdata is a pyherd_records; non-zero when out of memory. */
int pyherd_records_observe(const herd_record *record, void *userdata);
/* Room for n more records; 0, or non-zero when out of memory. */
int pyherd_records_reserve(pyherd_records *records, size_t n);
void pyherd_records_release(pyherd_records *records);

/* Each team's records, tick after tick, appended by pyherd_team_records_observe without the
 * GIL: current holds the n_teams records of the last tick (zeroed before the first, so that
 * innovation_cum carries from tick 0, as herd_sim_team_records asks); kept gets them all,
 * n_teams a tick. */
typedef struct pyherd_team_records {
    const herd_sim *sim;
    herd_record *current;
    size_t n_teams;
    pyherd_records kept;
} pyherd_team_records;

/* Sets teams up for sim (current allocated and zeroed); 0, or non-zero when out of memory. */
int pyherd_team_records_init(pyherd_team_records *teams, const herd_sim *sim);
/* A herd_observer whose userdata is a pyherd_team_records; non-zero when out of memory or
 * when herd_sim_team_records refuses. */
int pyherd_team_records_observe(const herd_record *record, void *userdata);
void pyherd_team_records_release(pyherd_team_records *teams);

/* One column of a pyherd_table: its cells in row order, in the array of its type. */
typedef struct pyherd_column {
    char *name;
    herd_cell_type type;
    int64_t *ints;       /* HERD_CELL_INT */
    double *reals;       /* HERD_CELL_REAL */
    unsigned char *null; /* HERD_CELL_TEXT: 1 where the cell is NULL */
    char *text;          /* HERD_CELL_TEXT: every other cell's text with its NUL, in row order */
    size_t text_used, text_cap;
} pyherd_column;

/* A herd_table_sink (herd/io.h) that keeps the cells of one table, column by column, for
 * Python to make a DataFrame of: sink is what a producer is given. The first begin sets the
 * table's name and columns; a later begin must name the same table with the same columns (its
 * rows are appended), and a row must have the columns' number and types, or the sink returns
 * HERD_EINVAL; HERD_ENOMEM when memory runs out; HERD_ESTATE for a row before any begin. */
typedef struct pyherd_table {
    herd_table_sink sink;
    char *name;
    pyherd_column *columns;
    size_t n_columns, n_rows, cap_rows;
} pyherd_table;

/* Sets t up empty, its sink pointing at it. */
void pyherd_table_init(pyherd_table *t);
/* Frees what t holds and leaves it empty; t itself is the caller's. */
void pyherd_table_release(pyherd_table *t);

/* A Python policy as a herd_policy_type whose data is a pyherd_policy: handle is the Python
 * object that decides, per_team says whether it keeps state per team. Each team's state
 * holds the pointer to the pyherd_policy; a policy with per-team state keys it, in Python, by
 * the address of the team's state block, which is unique among the simulations alive, so
 * one type serves many simulations at once (a comparison's runs on several threads). The
 * free function also tells the library that the state is not plain data: the policy's own
 * state lives in Python and a checkpoint cannot hold it. */
typedef struct pyherd_policy {
    void *handle;
    int per_team;
} pyherd_policy;

int pyherd_policy_init(void *state, const void *data, const herd_params *params, long team);
int pyherd_policy_decide(void *state, const herd_team_view *view, herd_stance *stance);
void pyherd_policy_free(void *state);

/* Makes the state of one team of one simulation (per_team policies only); 0 or a negative
 * status. */
int pyherd_py_init(void *handle, void *key, const herd_params *params, long team);
/* Chooses the stance of a Python policy; key is the team's state block, NULL for a policy
 * without per-team state; 0 or a negative status. */
int pyherd_py_decide(void *handle, void *key, const herd_team_view *view, herd_stance *stance);
/* Forgets the state of the team whose state block is key. */
void pyherd_py_release(void *handle, void *key);

/* free(): for what the library allocated with malloc for a caller without an allocator
 * (herd_scenario_write_string's text). */
void pyherd_free(void *p);

/* HERD_IO_SEED_COLUMNS, a string macro, which cffi passes on as no constant. */
const char *pyherd_seed_columns(void);

/* A herd_progress_fn; cookie is the handle of the Python object told of progress. */
int pyherd_py_progress(void *cookie, size_t done, size_t total);

#endif
