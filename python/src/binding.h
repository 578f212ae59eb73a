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
void pyherd_records_release(pyherd_records *records);

/* A Python policy as a herd_policy_type: data is the handle of the Python object that
 * decides; each team's state holds that handle. The free function releases nothing: it
 * tells the library that the state is not plain data, since the policy's own per-team state
 * lives in Python and a checkpoint cannot hold it. */
int pyherd_policy_init(void *state, const void *data, const herd_params *params, long team);
int pyherd_policy_decide(void *state, const herd_team_view *view, herd_stance *stance);
void pyherd_policy_free(void *state);

/* Chooses the stance of a Python policy; 0 or a negative status. */
int pyherd_py_decide(void *handle, const herd_team_view *view, herd_stance *stance);

#endif
