#ifndef HERD_SIM_H
#define HERD_SIM_H

/* The engine. A simulation owns an organisation, each team's policy, the schedule of events
 * and the random streams; each step is one synchronous tick in which every employee reads
 * the last tick's state and writes the next. The same parameters, policies, events and seed
 * give bit-identical records whatever the number of threads. */

#include <stddef.h>
#include <stdint.h>

#include "herd/error.h"
#include "herd/export.h"
#include "herd/metrics.h"
#include "herd/org.h"
#include "herd/params.h"
#include "herd/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herd_sim herd_sim;

typedef enum herd_event_kind {
    HERD_EVENT_CRISIS,   /* crisis of the given intensity for its length */
    HERD_EVENT_ABSENCE,  /* the leader is away for its length (intensity unused) */
    HERD_EVENT_NOVELTY,  /* task novelty jumps to intensity, falls to 0 over its length */
    HERD_EVENT_TRAINING, /* a workshop: training of the given intensity for its length */
    HERD_EVENT_HIRING,   /* at the start, a share `intensity` of members is replaced by hires */
} herd_event_kind;

typedef struct herd_event {
    herd_event_kind kind;
    long start;      /* first tick it acts on */
    long length;     /* ticks, >= 1 */
    double intensity; /* in [0, 1] */
    long team_first; /* first team it touches */
    long team_count; /* number of teams it touches; 0 means every team from team_first on */
} herd_event;

/* Name of an event kind ("crisis", "absence", "novelty", "training", "hiring"); parse one:
 * HERD_ENOTFOUND for another name, HERD_EINVAL for NULL. */
HERD_API const char *herd_event_kind_name(herd_event_kind kind);
HERD_API herd_status herd_event_kind_parse(const char *name, herd_event_kind *kind);

/* Called with each tick's record; a non-zero return stops the run with HERD_ECALLBACK. */
typedef int (*herd_observer)(const herd_record *record, void *userdata);

typedef enum herd_log_level { HERD_LOG_ERROR, HERD_LOG_WARNING, HERD_LOG_INFO } herd_log_level;

#define HERD_PARALLEL_MIN_AGENTS 20000

typedef struct herd_settings {
    int threads; /* 0: OpenMP's default; ignored in a build without OpenMP */
    /* Organisations with fewer agents run on one thread, where a parallel region would cost
     * more than it saves; 0 means HERD_PARALLEL_MIN_AGENTS. Results do not depend on it. */
    long parallel_min_agents;
    /* Optional allocator: both or neither (only one of them gives HERD_EINVAL, with a message
     * to the log callback). alloc returns NULL on failure. */
    void *(*alloc)(void *ctx, size_t size);
    void (*dealloc)(void *ctx, void *ptr);
    void *alloc_ctx;
    /* Optional log callback; the library prints nothing itself. */
    void (*log)(void *cookie, herd_log_level level, const char *message);
    void *log_cookie;
} herd_settings;

HERD_API void herd_settings_default(herd_settings *s);

/* Makes a simulation of the given parameters seeded with seed; settings NULL means the
 * defaults. Policies must be set before the first step. On failure *out is NULL and the
 * status says why: HERD_ERANGE for a bad parameter, HERD_EINVAL for a NULL argument or half
 * an allocator, HERD_ENOMEM, HERD_ETOOBIG when teams tied as cliques draw more ties across
 * teams than the 32-bit index that keeps them holds (4294967295, each tie counted from both
 * ends; the limit on ties herd_params_validate applies keeps the expected count below it).
 * herd_sim_new_err also writes the detail (for a bad parameter its field, value and range,
 * as herd_params_validate words it) into err, at most err_size bytes with the terminating NUL
 * (err may be NULL); every variant hands the detail to the settings' log callback, as there
 * is no simulation to ask herd_sim_errmsg. */
HERD_API herd_status herd_sim_new(herd_sim **out, const herd_params *params, uint64_t seed);
HERD_API herd_status herd_sim_new_with(herd_sim **out, const herd_params *params, uint64_t seed,
                                       const herd_settings *settings);
HERD_API herd_status herd_sim_new_err(herd_sim **out, const herd_params *params, uint64_t seed,
                                      const herd_settings *settings, char *err, size_t err_size);
HERD_API void herd_sim_free(herd_sim *sim);

/* Bytes one simulation may take on this machine: its physical memory, or the address-space
 * limit (ulimit -v) if that is lower. What the checks of memory before allocating use when
 * given a limit of 0. */
HERD_API double herd_sim_memory_limit(void);

/* Sets the policy of every team, or of teams [first, first + count). Before the first step
 * only (HERD_ESTATE after). The type must outlive the simulation. */
HERD_API herd_status herd_sim_set_policy(herd_sim *sim, const herd_policy_type *type);
HERD_API herd_status herd_sim_set_team_policy(herd_sim *sim, long first, long count,
                                              const herd_policy_type *type);

/* Adds an event (copied). Events may be added at any time; one that starts in the past acts
 * only on the ticks still to come. */
HERD_API herd_status herd_sim_add_event(herd_sim *sim, const herd_event *event);

HERD_API herd_status herd_sim_observe(herd_sim *sim, herd_observer observer, void *userdata);
HERD_API herd_status herd_sim_set_threads(herd_sim *sim, int threads);

/* The last tick a simulation reaches: a step beyond it is refused (HERD_ERANGE), and so is
 * an event that starts or lasts beyond it. */
#define HERD_SIM_TICK_MAX 1000000000L

/* One tick; ticks more (0 or more: a negative count is HERD_EINVAL, told by
 * herd_sim_errmsg). */
HERD_API herd_status herd_sim_step(herd_sim *sim);
HERD_API herd_status herd_sim_run(herd_sim *sim, long ticks);

/* The last tick's record (tick -1 and the initial state before the first step). */
HERD_API const herd_record *herd_sim_record(const herd_sim *sim);
/* Ticks done; -1 for NULL. */
HERD_API long herd_sim_tick(const herd_sim *sim);
/* Each team's record for the last tick: out[t] holds team t's measures as herd_record holds
 * the organisation's, over its team_size employees (sums and employee means) and over the
 * team alone (attention, crisis, novelty, coordination_gap; front_share and
 * leaders_present are 0 or 1). Summing innovation, output, turnover ... over teams, and
 * averaging the employee means weighted by size and the team measures by team, gives the
 * organisation's record. innovation_cum is out[t].innovation_cum as passed plus this tick's
 * innovations: zero the array before the run and pass it back each tick (from an observer)
 * to carry it. n must be the number of teams (herd_sim_org), else HERD_EINVAL, as for NULL;
 * nothing is allocated. */
HERD_API herd_status herd_sim_team_records(const herd_sim *sim, herd_record *out, size_t n);
HERD_API const herd_params *herd_sim_params(const herd_sim *sim);
/* Fills view with the organisation as it stands; nothing for a NULL argument. */
HERD_API void herd_sim_org(const herd_sim *sim, herd_org_view *view);
/* The whole collaboration network in compressed sparse row form, whatever the simulation
 * stores of it (include/herd/org.h); it does not change over a run. herd_sim_network_ties
 * sets *n_ties to the number of ties, each counted once from each end: the length of
 * targets. herd_sim_network fills the caller's offsets (room for n_offsets values, at least
 * n_agents + 1) and targets (room for n_targets, at least the number of ties) so that the
 * ties of agent i are targets[offsets[i]] .. targets[offsets[i + 1] - 1]: its team mates
 * first, in order, then its ties to other teams in the order they were drawn; what lies
 * beyond is left alone. HERD_EINVAL for a NULL sim, a NULL n_ties, offsets or targets
 * (targets may be NULL when there are no ties), or an array too small, which is then left
 * alone and herd_sim_errmsg names it, its room and what the network needs. */
HERD_API herd_status herd_sim_network_ties(herd_sim *sim, uint64_t *n_ties);
HERD_API herd_status herd_sim_network(herd_sim *sim, uint64_t *offsets, size_t n_offsets,
                                      uint32_t *targets, size_t n_targets);
/* The policy of a team, NULL if none is set or team is out of range. */
HERD_API const herd_policy_type *herd_sim_team_policy(const herd_sim *sim, long team);

/* Detail of the last failure of a call on sim ("" if none). Never NULL for a non-NULL sim.
 * After HERD_EPOLICY it names the tick, the team and the policy, and either the status the
 * policy returned or the refused share with its value. */
HERD_API const char *herd_sim_errmsg(const herd_sim *sim);
/* The status the policy that last failed returned from init or decide, as it gave it; 0 if
 * no policy failed or the failure was a refused stance (decide returned 0). 0 for NULL. */
HERD_API int herd_sim_policy_status(const herd_sim *sim);

#ifdef __cplusplus
}
#endif

#endif
