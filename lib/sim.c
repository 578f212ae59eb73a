#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "herd/error.h"
#include "herd_config.h"
#include "sim_internal.h"

#define POLICY_ALIGN 16
/* The largest block of policy state: a multiple of the alignment that fits in ptrdiff_t. */
#define POLICY_BLOCK_MAX ((size_t)PTRDIFF_MAX / POLICY_ALIGN * POLICY_ALIGN)

int herd_sim_fail(herd_sim *sim, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    herd_verrf(sim->errmsg, sizeof sim->errmsg, status, fmt, ap);
    va_end(ap);
    if (sim->settings.log != NULL)
        sim->settings.log(sim->settings.log_cookie, HERD_LOG_ERROR, sim->errmsg);
    return status;
}


void herd_settings_default(herd_settings *s)
{
    if (s == NULL)
        return;
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
    sim->fetch_ahead = herd_tick_fetches_ahead(&sim->params);
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

/* A failure before a simulation exists: said to err and to the settings' log. */
static int refuse_new(const herd_settings *s, char *err, size_t err_size, int status,
                      const char *fmt, ...) HERD_PRINTF(5, 6);

static int refuse_new(const herd_settings *s, char *err, size_t err_size, int status,
                      const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    herd_verrf(msg, sizeof msg, status, fmt, ap);
    va_end(ap);
    herd_errf(err, err_size, status, "%s", msg);
    if (s->log != NULL)
        s->log(s->log_cookie, HERD_LOG_ERROR, msg);
    return status;
}

/* The simulation's memory and initial state; *out stays NULL on failure. */
static int build(herd_sim **out, const herd_params *params, uint64_t seed,
                 const herd_settings *settings, const herd_allocator *alloc, char *err,
                 size_t err_size)
{
    herd_sim *sim = herd_calloc(alloc, 1, sizeof *sim);
    if (sim == NULL)
        return HERD_ENOMEM;
    sim->params = *params;
    sim->alloc = *alloc;
    sim->settings = *settings;
    sim->seed = seed;
    int rc = alloc_teams(sim);
    if (rc == HERD_OK)
        rc = herd_org_init(&sim->org, params, seed, sim->team_rng, &sim->alloc, err, err_size);
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

herd_status herd_sim_new_err(herd_sim **out, const herd_params *params, uint64_t seed,
                             const herd_settings *settings, char *err, size_t err_size)
{
    herd_settings defaults;
    herd_settings_default(&defaults);
    if (settings == NULL)
        settings = &defaults;
    if (out == NULL)
        return refuse_new(settings, err, err_size, HERD_EINVAL, "no place for the simulation");
    *out = NULL;
    if (params == NULL)
        return refuse_new(settings, err, err_size, HERD_EINVAL, "no parameters given");
    char msg[256];
    if (herd_params_validate(params, msg, sizeof msg) != HERD_OK)
        return refuse_new(settings, err, err_size, HERD_ERANGE, "%s", msg);
    herd_allocator alloc;
    herd_allocator given = {settings->alloc, settings->dealloc, settings->alloc_ctx};
    if (herd_allocator_take(&alloc, &given, "settings", msg, sizeof msg) != HERD_OK)
        return refuse_new(settings, err, err_size, HERD_EINVAL, "%s", msg);
    int rc = build(out, params, seed, settings, &alloc, msg, sizeof msg);
    if (rc == HERD_ENOMEM)
        return refuse_new(settings, err, err_size, rc,
                          "no memory for a simulation of %ld teams of %ld", params->n_teams,
                          params->team_size);
    if (rc != HERD_OK)
        return refuse_new(settings, err, err_size, rc, "%s", msg);
    return HERD_OK;
}

herd_status herd_sim_new_with(herd_sim **out, const herd_params *params, uint64_t seed,
                              const herd_settings *settings)
{
    return herd_sim_new_err(out, params, seed, settings, NULL, 0);
}

herd_status herd_sim_new(herd_sim **out, const herd_params *params, uint64_t seed)
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
    herd_tick_release(sim);
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

herd_status herd_sim_set_team_policy(herd_sim *sim, long first, long count,
                                     const herd_policy_type *type)
{
    if (sim == NULL)
        return HERD_EINVAL;
    if (sim->started)
        return herd_sim_fail(sim, HERD_ESTATE,
                             "policies can only be set before the first tick");
    if (herd_policy_check(type) != HERD_OK)
        return herd_sim_fail(sim, HERD_EINVAL,
                             "policy type %s is not usable (version %u, expected %u)",
                             type != NULL && type->name != NULL ? type->name : "(null)",
                             type != NULL ? type->version : 0u, (unsigned)HERD_POLICY_VERSION);
    long teams = sim->params.n_teams;
    if (first < 0 || count < 0 || first > teams || count > teams - first)
        return herd_sim_fail(sim, HERD_ERANGE, "teams %ld (+%ld) are outside 0..%ld", first,
                             count, teams - 1);
    for (long t = first; t < first + count; t++)
        sim->policy[t] = type;
    return HERD_OK;
}

herd_status herd_sim_set_policy(herd_sim *sim, const herd_policy_type *type)
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
            return herd_sim_fail(sim, HERD_ESTATE, "team %ld has no policy", t);
        size_t size = sim->policy[t]->state_size;
        /* total and the limit are multiples of the alignment, so aligned(size) fits too. */
        if (size > POLICY_BLOCK_MAX - total)
            return herd_sim_fail(sim, HERD_ETOOBIG,
                                 "policy %s: a state of %zu bytes for each of %ld teams is too big",
                                 sim->policy[t]->name, size, teams);
        total += aligned(size);
    }
    sim->policy_block = herd_calloc(&sim->alloc, 1, total);
    if (sim->policy_block == NULL)
        return herd_sim_fail(sim, HERD_ENOMEM, "no memory for the policies' state (%zu bytes)",
                             total);
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
        int status = type->init != NULL
                         ? type->init(sim->policy_state[t], type->data, &sim->params, t)
                         : 0;
        if (status != 0) {
            free_policies(sim, t);
            sim->policy_status = status;
            return herd_sim_fail(sim, HERD_EPOLICY,
                                 "team %ld, policy %s: init returned status %d (%s)", t,
                                 type->name, status, herd_status_name(status));
        }
    }
    return HERD_OK;
}

herd_status herd_sim_add_event(herd_sim *sim, const herd_event *ev)
{
    if (sim == NULL || ev == NULL)
        return HERD_EINVAL;
    if ((unsigned)ev->kind > HERD_EVENT_HIRING)
        return herd_sim_fail(sim, HERD_EINVAL, "event kind %d is not one of the known kinds",
                             (int)ev->kind);
    if (ev->start < 0 || ev->length < 1 || ev->start > HERD_SIM_TICK_MAX ||
        ev->length > HERD_SIM_TICK_MAX)
        return herd_sim_fail(sim, HERD_ERANGE,
                             "%s event: start %ld must be in 0..%ld and length %ld in 1..%ld",
                             herd_event_kind_name(ev->kind), ev->start, HERD_SIM_TICK_MAX,
                             ev->length, HERD_SIM_TICK_MAX);
    if (!(ev->intensity >= 0 && ev->intensity <= 1))
        return herd_sim_fail(sim, HERD_ERANGE, "%s event: intensity %g is outside [0, 1]",
                             herd_event_kind_name(ev->kind), ev->intensity);
    long teams = sim->params.n_teams;
    if (ev->team_first < 0 || ev->team_first >= teams || ev->team_count < 0 ||
        ev->team_count > teams - ev->team_first)
        return herd_sim_fail(sim, HERD_ERANGE, "%s event: teams %ld (+%ld) are outside 0..%ld",
                             herd_event_kind_name(ev->kind), ev->team_first, ev->team_count,
                             teams - 1);
    if (sim->n_events == sim->cap_events) {
        size_t cap = sim->cap_events ? 2 * sim->cap_events : 8;
        herd_event *grown = herd_calloc(&sim->alloc, cap, sizeof *grown);
        if (grown == NULL)
            return herd_sim_fail(sim, HERD_ENOMEM, "no memory for another event");
        if (sim->n_events > 0)
            memcpy(grown, sim->events, sim->n_events * sizeof *grown);
        herd_free(&sim->alloc, sim->events);
        sim->events = grown;
        sim->cap_events = cap;
    }
    sim->events[sim->n_events++] = *ev;
    return HERD_OK;
}

herd_status herd_sim_observe(herd_sim *sim, herd_observer observer, void *userdata)
{
    if (sim == NULL || observer == NULL)
        return HERD_EINVAL;
    if (sim->n_observers == sim->cap_observers) {
        size_t cap = sim->cap_observers ? 2 * sim->cap_observers : 4;
        herd_observer_entry *grown = herd_calloc(&sim->alloc, cap, sizeof *grown);
        if (grown == NULL)
            return herd_sim_fail(sim, HERD_ENOMEM, "no memory for another observer");
        if (sim->n_observers > 0)
            memcpy(grown, sim->observers, sim->n_observers * sizeof *grown);
        herd_free(&sim->alloc, sim->observers);
        sim->observers = grown;
        sim->cap_observers = cap;
    }
    sim->observers[sim->n_observers++] = (herd_observer_entry){observer, userdata};
    return HERD_OK;
}

herd_status herd_sim_set_threads(herd_sim *sim, int threads)
{
    if (sim == NULL || threads < 0)
        return HERD_EINVAL;
    sim->settings.threads = threads;
    return HERD_OK;
}

int herd_sim_policy_failed(herd_sim *sim, long team, int status, const herd_stance *stance)
{
#if HERD_HAVE_OPENMP
#pragma omp critical(herd_policy_failure)
#endif
    if (sim->policy_failure.team < 0 || team < sim->policy_failure.team)
        sim->policy_failure = (herd_policy_failure){team, status, *stance};
    return HERD_EPOLICY;
}

/* Why a share is refused, or NULL. */
static const char *share_problem(double share)
{
    if (isnan(share))
        return "not a number";
    if (share < 0)
        return "negative";
    return share > HERD_STANCE_SHARE_MAX ? "above HERD_STANCE_SHARE_MAX" : NULL;
}

/* Names the first share of the stance that is refused, and why. */
static int refuse_share(herd_sim *sim, const char *where, const herd_stance *stance)
{
#define HERD_SHARE_CHECK_INT_(share)
#define HERD_SHARE_CHECK_REAL_(share)                                                        \
    if (share_problem(stance->share) != NULL)                                                \
        return herd_sim_fail(sim, HERD_EPOLICY, "%s: share %s = %g is %s (at most %g)", where, \
                             #share, stance->share, share_problem(stance->share),            \
                             HERD_STANCE_SHARE_MAX);
#define HERD_SHARE_CHECK_(type, share, doc) HERD_SHARE_CHECK_##type##_(share)
    HERD_STANCE_TABLE(HERD_SHARE_CHECK_)
#undef HERD_SHARE_CHECK_
#undef HERD_SHARE_CHECK_REAL_
#undef HERD_SHARE_CHECK_INT_
    return herd_sim_fail(sim, HERD_EPOLICY, "%s: the stance was refused", where);
}

/* The message of a failed tick: which tick, team and policy, and what was wrong. */
static int report_policy_failure(herd_sim *sim, int rc)
{
    const herd_policy_failure *f = &sim->policy_failure;
    if (rc != HERD_EPOLICY || f->team < 0)
        return herd_sim_fail(sim, rc, "tick %ld failed", sim->tick);
    char where[160];
    snprintf(where, sizeof where, "tick %ld, team %ld, policy %s", sim->tick, f->team,
             sim->policy[f->team]->name);
    sim->policy_status = f->status;
    if (f->status != 0)
        return herd_sim_fail(sim, HERD_EPOLICY, "%s: decide returned status %d (%s)", where,
                             f->status, herd_status_name(f->status));
    return refuse_share(sim, where, &f->stance);
}

int herd_sim_policy_status(const herd_sim *sim)
{
    return sim != NULL ? sim->policy_status : 0;
}

herd_status herd_sim_step(herd_sim *sim)
{
    if (sim == NULL)
        return HERD_EINVAL;
    if (sim->failed)
        return herd_sim_fail(sim, HERD_ESTATE,
                             "an earlier tick failed: the simulation cannot go on");
    if (sim->tick >= HERD_SIM_TICK_MAX)
        return herd_sim_fail(sim, HERD_ERANGE, "tick %ld is the last a simulation reaches",
                             sim->tick);
    if (herd_tick_reserve(sim) != HERD_OK)
        return herd_sim_fail(sim, HERD_ENOMEM, "no memory for the work space of a tick");
    if (!sim->started) {
        int rc = start_policies(sim);
        if (rc != HERD_OK)
            return rc;
        sim->started = 1;
    }
    sim->policy_failure.team = -1;
    int rc = herd_tick(sim);
    if (rc != HERD_OK) {
        sim->failed = 1;
        return report_policy_failure(sim, rc);
    }
    herd_org_swap(&sim->org);
    sim->tick++;
    herd_record_from_chunks(sim, &sim->record);
    for (size_t i = 0; i < sim->n_observers; i++)
        if (sim->observers[i].fn(&sim->record, sim->observers[i].userdata) != 0)
            return herd_sim_fail(sim, HERD_ECALLBACK, "an observer stopped the run at tick %ld",
                                 sim->record.tick);
    sim->errmsg[0] = '\0';
    return HERD_OK;
}

herd_status herd_sim_run(herd_sim *sim, long ticks)
{
    if (sim == NULL)
        return HERD_EINVAL;
    if (ticks < 0)
        return herd_sim_fail(sim, HERD_EINVAL, "ticks = %ld: a run is 0 or more ticks", ticks);
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
    if (sim == NULL || v == NULL)
        return;
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

herd_status herd_sim_network_ties(herd_sim *sim, uint64_t *n_ties)
{
    if (sim == NULL)
        return HERD_EINVAL;
    if (n_ties == NULL)
        return herd_sim_fail(sim, HERD_EINVAL, "network: n_ties is NULL");
    *n_ties = herd_org_row_start(&sim->org, (size_t)sim->org.n_agents);
    return HERD_OK;
}

herd_status herd_sim_network(herd_sim *sim, uint64_t *offsets, size_t n_offsets,
                             uint32_t *targets, size_t n_targets)
{
    if (sim == NULL)
        return HERD_EINVAL;
    const herd_org *org = &sim->org;
    size_t n = (size_t)org->n_agents;
    uint64_t ties = herd_org_row_start(org, n);
    if (offsets == NULL)
        return herd_sim_fail(sim, HERD_EINVAL, "network: offsets is NULL");
    if (n_offsets < n + 1)
        return herd_sim_fail(sim, HERD_EINVAL, "network: offsets has room for %zu values, "
                             "the network needs n_agents + 1 = %zu", n_offsets, n + 1);
    if (n_targets < ties)
        return herd_sim_fail(sim, HERD_EINVAL, "network: targets has room for %zu ties, the "
                             "network has %llu", n_targets, (unsigned long long)ties);
    if (targets == NULL && ties > 0)
        return herd_sim_fail(sim, HERD_EINVAL, "network: targets is NULL");
    for (size_t i = 0; i <= n; i++)
        offsets[i] = herd_org_row_start(org, i);
    for (size_t i = 0; i < n && ties > 0; i++)
        herd_org_row(org, i, targets + offsets[i]);
    return HERD_OK;
}
