#include "binding.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int pyherd_records_reserve(pyherd_records *r, size_t n)
{
    size_t max = SIZE_MAX / sizeof *r->data;
    if (n <= r->cap - r->n)
        return 0;
    if (n > max - r->n)
        return 1;
    size_t cap = r->cap ? r->cap : 256;
    while (cap - r->n < n)
        cap = cap > max / 2 ? max : 2 * cap;
    herd_record *grown = realloc(r->data, cap * sizeof *grown);
    if (grown == NULL)
        return 1;
    r->data = grown;
    r->cap = cap;
    return 0;
}

static int records_append(pyherd_records *r, const herd_record *records, size_t n)
{
    if (pyherd_records_reserve(r, n) != 0)
        return 1;
    memcpy(r->data + r->n, records, n * sizeof *records);
    r->n += n;
    return 0;
}

int pyherd_records_observe(const herd_record *record, void *userdata)
{
    return records_append(userdata, record, 1);
}

void pyherd_records_release(pyherd_records *records)
{
    free(records->data);
    records->data = NULL;
    records->n = records->cap = 0;
}

int pyherd_team_records_init(pyherd_team_records *teams, const herd_sim *sim)
{
    herd_org_view org;
    herd_sim_org(sim, &org);
    teams->sim = sim;
    teams->n_teams = (size_t)org.n_teams;
    teams->current = calloc(teams->n_teams ? teams->n_teams : 1, sizeof *teams->current);
    return teams->current == NULL;
}

int pyherd_team_records_observe(const herd_record *record, void *userdata)
{
    (void)record;
    pyherd_team_records *t = userdata;
    if (herd_sim_team_records(t->sim, t->current, t->n_teams) != HERD_OK)
        return 1;
    return records_append(&t->kept, t->current, t->n_teams);
}

void pyherd_team_records_release(pyherd_team_records *teams)
{
    free(teams->current);
    teams->current = NULL;
    pyherd_records_release(&teams->kept);
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

const char *pyherd_seed_columns(void)
{
    return HERD_IO_SEED_COLUMNS;
}

void pyherd_free(void *p)
{
    free(p);
}
