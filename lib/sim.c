#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "herd/error.h"
#include "sim_internal.h"

#define POLICY_ALIGN 16
/* The largest block of policy state: a multiple of the alignment that fits in ptrdiff_t. */
#define POLICY_BLOCK_MAX ((size_t)PTRDIFF_MAX / POLICY_ALIGN * POLICY_ALIGN)

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(herd_sim *sim, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sim->errmsg, sizeof sim->errmsg, fmt, ap);
    va_end(ap);
    if (sim->settings.log != NULL)
        sim->settings.log(sim->settings.log_cookie, HERD_LOG_ERROR, sim->errmsg);
    return status;
}

void herd_settings_default(herd_settings *s)
{
    memset(s, 0, sizeof *s);
}

const char *herd_sim_errmsg(const herd_sim *sim)
{
    return sim != NULL ? sim->errmsg : "no simulation";
}

static int alloc_teams(herd_sim *sim)
{
    size_t teams = (size_t)sim->params.n_teams;
    const herd_allocator *a = &sim->alloc;
    sim->team_rng = herd_calloc(a, teams, sizeof *sim->team_rng);
    sim->stats = herd_calloc(a, teams, sizeof *sim->stats);
    long size = sim->params.team_size;
    sim->chunk_teams = size < HERD_CHUNK_AGENTS ? HERD_CHUNK_AGENTS / size : 1;
    sim->n_chunks = (sim->params.n_teams + sim->chunk_teams - 1) / sim->chunk_teams;
    sim->chunk_sums = herd_calloc(a, (size_t)sim->n_chunks, sizeof *sim->chunk_sums);
    sim->crisis_left = herd_calloc(a, teams, sizeof *sim->crisis_left);
    sim->leader_skill = herd_calloc(a, teams, sizeof *sim->leader_skill);
    sim->climate = herd_calloc(a, teams, sizeof *sim->climate);
    sim->policy = herd_calloc(a, teams, sizeof *sim->policy);
    sim->policy_state = herd_calloc(a, teams, sizeof *sim->policy_state);
    if (!sim->team_rng || !sim->stats || !sim->chunk_sums || !sim->crisis_left || !sim->policy ||
        !sim->policy_state || !sim->leader_skill || !sim->climate)
        return HERD_ENOMEM;
    for (size_t t = 0; t < teams; t++)
        herd_pcg32_stream(&sim->team_rng[t], sim->seed, t);
    return HERD_OK;
}

/* Each team's leader and climate, drawn from the team's stream after its members. */
static void draw_teams(herd_sim *sim)
{
    const herd_params *p = &sim->params;
    herd_beta leader = herd_beta_from(p->leader_skill, p->leader_skill_sd);
    for (long t = 0; t < p->n_teams; t++) {
        herd_pcg32 *rng = &sim->team_rng[t];
        sim->leader_skill[t] = (float)herd_beta_draw(&leader, rng);
        gsl_rng view = {herd_gsl_rng_pcg32, rng};
        sim->climate[t] = (float)gsl_ran_gaussian(&view, p->team_climate_sd);
    }
}

/* HERD_EINVAL for an allocator of one half, said to the log since there is no simulation yet
 * to hold the message. */
static int refuse_half_allocator(const herd_settings *s)
{
    if (s->log != NULL)
        s->log(s->log_cookie, HERD_LOG_ERROR,
               s->alloc == NULL ? "settings: dealloc is set but alloc is NULL; set both or neither"
                                : "settings: alloc is set but dealloc is NULL; set both or neither");
    return HERD_EINVAL;
}

int herd_sim_new_with(herd_sim **out, const herd_params *params, uint64_t seed,
                      const herd_settings *settings)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (params == NULL || herd_params_validate(params, NULL, 0) != HERD_OK)
        return params == NULL ? HERD_EINVAL : HERD_ERANGE;
    herd_settings defaults;
    herd_settings_default(&defaults);
    if (settings == NULL)
        settings = &defaults;
    herd_allocator alloc;
    if (herd_allocator_init(&alloc, settings->alloc, settings->dealloc, settings->alloc_ctx) !=
        HERD_OK)
        return refuse_half_allocator(settings);
    herd_sim *sim = herd_calloc(&alloc, 1, sizeof *sim);
    if (sim == NULL)
        return HERD_ENOMEM;
    sim->params = *params;
    sim->alloc = alloc;
    sim->settings = *settings;
    sim->seed = seed;
    int rc = alloc_teams(sim);
    if (rc == HERD_OK)
        rc = herd_org_init(&sim->org, params, seed, sim->team_rng, &sim->alloc);
    if (rc != HERD_OK) {
        herd_sim_free(sim);
        return rc;
    }
    draw_teams(sim);
    herd_stats_from_state(sim);
    herd_record_from_stats(sim, &sim->record);
    *out = sim;
    return HERD_OK;
}

int herd_sim_new(herd_sim **out, const herd_params *params, uint64_t seed)
{
    return herd_sim_new_with(out, params, seed, NULL);
}

/* Frees the state of teams [0, started), the ones whose init succeeded. */
static void free_policies(herd_sim *sim, long started)
{
    if (sim->policy_block != NULL) {
        for (long t = 0; t < started; t++)
            if (sim->policy[t]->free != NULL)
                sim->policy[t]->free(sim->policy_state[t]);
    }
    herd_free(&sim->alloc, sim->policy_block);
    sim->policy_block = NULL;
}

void herd_sim_free(herd_sim *sim)
{
    if (sim == NULL)
        return;
    herd_allocator alloc = sim->alloc;
    if (sim->policy != NULL)
        free_policies(sim, sim->started ? sim->params.n_teams : 0);
    herd_org_release(&sim->org, &alloc);
    herd_free(&alloc, sim->team_rng);
    herd_free(&alloc, sim->stats);
    herd_free(&alloc, sim->chunk_sums);
    herd_free(&alloc, sim->crisis_left);
    herd_free(&alloc, sim->leader_skill);
    herd_free(&alloc, sim->climate);
    herd_free(&alloc, sim->policy);
    herd_free(&alloc, sim->policy_state);
    herd_free(&alloc, sim->events);
    herd_free(&alloc, sim->observers);
    herd_free(&alloc, sim);
}

int herd_sim_set_team_policy(herd_sim *sim, long first, long count, const herd_policy_type *type)
{
    if (sim == NULL)
        return HERD_EINVAL;
    if (sim->started)
        return fail(sim, HERD_ESTATE, "policies can only be set before the first tick");
    if (herd_policy_check(type) != HERD_OK)
        return fail(sim, HERD_EINVAL, "policy type %s is not usable (version %u, expected %u)",
                    type != NULL && type->name != NULL ? type->name : "(null)",
                    type != NULL ? type->version : 0u, (unsigned)HERD_POLICY_VERSION);
    long teams = sim->params.n_teams;
    if (first < 0 || count < 0 || first > teams || count > teams - first)
        return fail(sim, HERD_ERANGE, "teams %ld (+%ld) are outside 0..%ld", first, count,
                    teams - 1);
    for (long t = first; t < first + count; t++)
        sim->policy[t] = type;
    return HERD_OK;
}

int herd_sim_set_policy(herd_sim *sim, const herd_policy_type *type)
{
    if (sim == NULL)
        return HERD_EINVAL;
    return herd_sim_set_team_policy(sim, 0, sim->params.n_teams, type);
}

const herd_policy_type *herd_sim_team_policy(const herd_sim *sim, long team)
{
    if (sim == NULL || team < 0 || team >= sim->params.n_teams)
        return NULL;
    return sim->policy[team];
}

static size_t aligned(size_t n)
{
    return (n + POLICY_ALIGN - 1) / POLICY_ALIGN * POLICY_ALIGN;
}

/* One block for every team's policy state, zeroed; each team's state points into it. */
int herd_policies_alloc(herd_sim *sim)
{
    long teams = sim->params.n_teams;
    size_t total = 0;
    for (long t = 0; t < teams; t++) {
        if (sim->policy[t] == NULL)
            return fail(sim, HERD_ESTATE, "team %ld has no policy", t);
        size_t size = sim->policy[t]->state_size;
        /* total and the limit are multiples of the alignment, so aligned(size) fits too. */
        if (size > POLICY_BLOCK_MAX - total)
            return fail(sim, HERD_ETOOBIG,
                        "policy %s: a state of %zu bytes for each of %ld teams is too big",
                        sim->policy[t]->name, size, teams);
        total += aligned(size);
    }
    sim->policy_block = herd_calloc(&sim->alloc, 1, total);
    if (sim->policy_block == NULL)
        return fail(sim, HERD_ENOMEM, "no memory for the policies' state (%zu bytes)", total);
    char *at = sim->policy_block;
    for (long t = 0; t < teams; t++) {
        sim->policy_state[t] = at;
        at += aligned(sim->policy[t]->state_size);
    }
    return HERD_OK;
}

/* The block, then each policy's init. */
static int start_policies(herd_sim *sim)
{
    int rc = herd_policies_alloc(sim);
    if (rc != HERD_OK)
        return rc;
    long teams = sim->params.n_teams;
    for (long t = 0; t < teams; t++) {
        const herd_policy_type *type = sim->policy[t];
        if (type->init != NULL && type->init(sim->policy_state[t], type->data, &sim->params, t) != 0) {
            free_policies(sim, t);
            return fail(sim, HERD_EPOLICY, "policy %s failed to start for team %ld", type->name, t);
        }
    }
    return HERD_OK;
}

int herd_sim_add_event(herd_sim *sim, const herd_event *ev)
{
    if (sim == NULL || ev == NULL)
        return HERD_EINVAL;
    if ((unsigned)ev->kind > HERD_EVENT_HIRING)
        return fail(sim, HERD_EINVAL, "event kind %d is not one of the known kinds", (int)ev->kind);
    if (ev->start < 0 || ev->length < 1)
        return fail(sim, HERD_ERANGE, "%s event: start %ld must be >= 0 and length %ld >= 1",
                    herd_event_kind_name(ev->kind), ev->start, ev->length);
    if (!(ev->intensity >= 0 && ev->intensity <= 1))
        return fail(sim, HERD_ERANGE, "%s event: intensity %g is outside [0, 1]",
                    herd_event_kind_name(ev->kind), ev->intensity);
    long teams = sim->params.n_teams;
    if (ev->team_first < 0 || ev->team_first >= teams || ev->team_count < 0 ||
        ev->team_count > teams - ev->team_first)
        return fail(sim, HERD_ERANGE, "%s event: teams %ld (+%ld) are outside 0..%ld",
                    herd_event_kind_name(ev->kind), ev->team_first, ev->team_count, teams - 1);
    if (sim->n_events == sim->cap_events) {
        size_t cap = sim->cap_events ? 2 * sim->cap_events : 8;
        herd_event *grown = herd_calloc(&sim->alloc, cap, sizeof *grown);
        if (grown == NULL)
            return fail(sim, HERD_ENOMEM, "no memory for another event");
        if (sim->n_events > 0)
            memcpy(grown, sim->events, sim->n_events * sizeof *grown);
        herd_free(&sim->alloc, sim->events);
        sim->events = grown;
        sim->cap_events = cap;
    }
    sim->events[sim->n_events++] = *ev;
    return HERD_OK;
}

int herd_sim_observe(herd_sim *sim, herd_observer observer, void *userdata)
{
    if (sim == NULL || observer == NULL)
        return HERD_EINVAL;
    if (sim->n_observers == sim->cap_observers) {
        size_t cap = sim->cap_observers ? 2 * sim->cap_observers : 4;
        herd_observer_entry *grown = herd_calloc(&sim->alloc, cap, sizeof *grown);
        if (grown == NULL)
            return fail(sim, HERD_ENOMEM, "no memory for another observer");
        if (sim->n_observers > 0)
            memcpy(grown, sim->observers, sim->n_observers * sizeof *grown);
        herd_free(&sim->alloc, sim->observers);
        sim->observers = grown;
        sim->cap_observers = cap;
    }
    sim->observers[sim->n_observers++] = (herd_observer_entry){observer, userdata};
    return HERD_OK;
}

int herd_sim_set_threads(herd_sim *sim, int threads)
{
    if (sim == NULL || threads < 0)
        return HERD_EINVAL;
    sim->settings.threads = threads;
    return HERD_OK;
}

int herd_sim_step(herd_sim *sim)
{
    if (sim == NULL)
        return HERD_EINVAL;
    if (sim->failed)
        return fail(sim, HERD_ESTATE, "an earlier tick failed: the simulation cannot go on");
    if (!sim->started) {
        int rc = start_policies(sim);
        if (rc != HERD_OK)
            return rc;
        sim->started = 1;
    }
    int rc = herd_tick(sim);
    if (rc != HERD_OK) {
        sim->failed = 1;
        return fail(sim, rc, "a policy failed or returned an invalid stance at tick %ld", sim->tick);
    }
    herd_org_swap(&sim->org);
    sim->tick++;
    herd_record_from_chunks(sim, &sim->record);
    for (size_t i = 0; i < sim->n_observers; i++)
        if (sim->observers[i].fn(&sim->record, sim->observers[i].userdata) != 0)
            return fail(sim, HERD_ECALLBACK, "an observer stopped the run at tick %ld",
                        sim->record.tick);
    sim->errmsg[0] = '\0';
    return HERD_OK;
}

int herd_sim_run(herd_sim *sim, long ticks)
{
    if (sim == NULL || ticks < 0)
        return HERD_EINVAL;
    for (long t = 0; t < ticks; t++) {
        int rc = herd_sim_step(sim);
        if (rc != HERD_OK)
            return rc;
    }
    return HERD_OK;
}

const herd_record *herd_sim_record(const herd_sim *sim)
{
    return sim != NULL ? &sim->record : NULL;
}

long herd_sim_tick(const herd_sim *sim)
{
    return sim != NULL ? sim->tick : -1;
}

const herd_params *herd_sim_params(const herd_sim *sim)
{
    return sim != NULL ? &sim->params : NULL;
}

void herd_sim_org(const herd_sim *sim, herd_org_view *v)
{
    const herd_org *org = &sim->org;
    v->n_agents = org->n_agents;
    v->n_teams = org->n_teams;
    v->team_size = org->team_size;
    v->skill = org->now.skill;
    v->engagement = org->now.engagement;
    v->initiative = org->now.initiative;
    v->bond = org->now.bond;
    v->dependence = org->now.dependence;
    v->perspective = org->perspective;
    v->tenure = org->tenure;
    v->offsets = org->offsets;
    v->targets = org->targets;
}
