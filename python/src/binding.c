#include "binding.h"

#include <stdlib.h>
#include <string.h>

int pyherd_records_observe(const herd_record *record, void *userdata)
{
    pyherd_records *r = userdata;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        herd_record *grown = realloc(r->data, cap * sizeof *grown);
        if (grown == NULL)
            return 1;
        r->data = grown;
        r->cap = cap;
    }
    r->data[r->n++] = *record;
    return 0;
}

void pyherd_records_release(pyherd_records *records)
{
    free(records->data);
    records->data = NULL;
    records->n = records->cap = 0;
}

static const pyherd_policy *policy_of(const void *state)
{
    const pyherd_policy *p;
    memcpy(&p, state, sizeof p);
    return p;
}

int pyherd_policy_init(void *state, const void *data, const herd_params *params, long team)
{
    const pyherd_policy *p = data;
    memcpy(state, &p, sizeof p);
    return p->per_team ? pyherd_py_init(p->handle, state, params, team) : 0;
}

int pyherd_policy_decide(void *state, const herd_team_view *view, herd_stance *stance)
{
    const pyherd_policy *p = policy_of(state);
    return pyherd_py_decide(p->handle, p->per_team ? state : NULL, view, stance);
}

void pyherd_policy_free(void *state)
{
    const pyherd_policy *p = policy_of(state);
    if (p != NULL && p->per_team)
        pyherd_py_release(p->handle, state);
}
