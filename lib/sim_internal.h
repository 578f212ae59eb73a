#ifndef HERD_LIB_SIM_INTERNAL_H
#define HERD_LIB_SIM_INTERNAL_H

#include <stdint.h>

#include "alloc.h"
#include "errmsg.h"
#include "herd/sim.h"
#include "org.h"

/* Sums over one team, written by the team's own update and read by its policy next tick
 * and by the organisation's record. */
typedef struct herd_team_stats {
    double skill, skill2, engagement, engagement2, initiative, bond, dependence;
    double frontrunners, frontrunner_successes, tenure;
    double engaged, engaged_perspective, engaged_perspective2; /* for perspective diversity */
    double engaged_skill; /* sum of engagement x skill */
    double innovations, innovation_value, output;
    double leavers;
    double coordination_gap, attention, crisis, novelty, present, front_mode;
} herd_team_stats;

/* What the events and the random crises make of one team's tick. */
typedef struct herd_team_env {
    double crisis;
    double novelty;
    double training;
    double hiring;
    int present;
} herd_team_env;

/* The lowest-numbered team whose policy failed in a tick: what decide returned, what it chose. */
typedef struct herd_policy_failure {
    long team; /* -1: none */
    int status;
    herd_stance stance;
} herd_policy_failure;

typedef struct herd_observer_entry {
    herd_observer fn;
    void *userdata;
} herd_observer_entry;

struct herd_sim {
    herd_params params;
    herd_allocator alloc;
    herd_settings settings;
    uint64_t seed;
    long tick; /* ticks done */
    int started;
    int failed; /* a tick stopped half-way: the state is no longer consistent */
    herd_org org;
    herd_pcg32 *team_rng;
    herd_team_stats *stats;
    /* Teams are cut into chunks of chunk_teams (the last may be shorter); chunk_sums[c] sums
     * the stats of chunk c in team order, and the record sums the chunks in order. */
    long chunk_teams, n_chunks;
    /* The tick keeps to the vectors every x86-64 machine with AVX2 has, even where wider
     * ones exist; only the tests set it, to check that both give the same bits. */
    int narrow;
    /* The tick takes its draws by jumps even on the narrow vectors; only the tests set it, so
     * that the jumps are checked against the stepped streams on any machine. */
    int by_jumps;
    /* The tick fetches the agents and the teams' small arrays ahead: set when the simulation
     * is made, by herd_tick_fetches_ahead; the tests set it whatever the size, to check that
     * the fetches change no bit. */
    int fetch_ahead;
    /* A work space for each thread a tick may run on, kept from tick to tick (lib/tick.c). */
    struct herd_tick_work *work;
    int work_threads;
    herd_team_stats *chunk_sums;
    int32_t *crisis_left; /* ticks left of a team's random crisis */
    float *leader_skill;  /* each team's leader */
    float *climate;       /* each team's lasting shift in the engagement target */
    const herd_policy_type **policy;
    void **policy_state;
    void *policy_block;
    herd_event *events;
    size_t n_events, cap_events;
    herd_observer_entry *observers;
    size_t n_observers, cap_observers;
    herd_record record;
    herd_policy_failure policy_failure;
    int policy_status; /* what the last failing policy function returned */
    char errmsg[256];
};

/* Words the failure into sim's errmsg, hands it to the log callback, returns status. */
int herd_sim_fail(herd_sim *sim, int status, const char *fmt, ...) HERD_PRINTF(3, 4);
/* Notes that team's policy returned status (0 when the stance was refused) with stance, for
 * the message of the step; safe from several threads at once. Returns HERD_EPOLICY. */
int herd_sim_policy_failed(herd_sim *sim, long team, int status, const herd_stance *stance);

/* Allocates the zeroed block of every team's policy state (every team must have a policy)
 * without calling the policies' init: for starting, and for restoring a checkpoint. */
int herd_policies_alloc(herd_sim *sim);
/* Agents per chunk of teams (at least one team): a unit of work for a thread. */
#define HERD_CHUNK_AGENTS 2048

/* One tick of every team: reads org.now and stats, writes org.next, stats and chunk_sums.
 * HERD_EPOLICY if a team's policy failed or gave a stance that is not sane. */
int herd_tick(herd_sim *sim);
/* 1 if a simulation of p is too big for the cache to hold from one tick to the next, so that
 * its ticks fetch ahead what they read. */
int herd_tick_fetches_ahead(const herd_params *p);
/* Makes sure sim has a work space for every thread its next tick may run on; HERD_ENOMEM
 * leaves sim as it was. */
int herd_tick_reserve(herd_sim *sim);
void herd_tick_release(herd_sim *sim);
/* The environments of teams first..first+n-1 at the current tick, in env[0..n-1]; draws each
 * team's random crisis from its stream. */
void herd_team_environments(herd_sim *sim, long first, long n, herd_team_env *env);
/* Recomputes the stats of every team from org.now (initial state, before any tick). */
void herd_stats_from_state(herd_sim *sim);
/* chunk_sums[chunk] from the stats of its teams, added in order to zero. */
void herd_record_chunk(herd_sim *sim, long chunk);
/* The record from chunk_sums. */
void herd_record_from_chunks(const herd_sim *sim, herd_record *rec);
/* Every chunk's sums, then the record. */
void herd_record_from_stats(herd_sim *sim, herd_record *rec);
/* Adds each of team's sums into sum's. */
void herd_team_stats_add(herd_team_stats *sum, const herd_team_stats *team);
/* The record of sums over agents employees in teams teams, at tick; rec's innovation_cum on
 * entry is carried and this tick's innovations added to it. */
void herd_record_from_sum(const herd_team_stats *sum, double agents, double teams, long tick,
                          herd_record *rec);

#endif
