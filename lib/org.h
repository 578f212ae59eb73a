#ifndef HERD_LIB_ORG_H
#define HERD_LIB_ORG_H

/* The organisation's storage: employee state in structure-of-arrays form, double-buffered
 * for the variables others read (skill and engagement: next.initiative, next.bond and
 * next.dependence are the same arrays as now's); the network in compressed sparse row form,
 * without the team mates' ties when every team is a clique. */
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "herd/params.h"
#include "herd/rng.h"

/* Floats allocated after the last agent's, so that a vector loop over a team may read a few
 * lanes past its end. */
#define HERD_ORG_PADDING 32

typedef struct herd_agent_arrays {
    float *skill;
    float *engagement;
    float *initiative;
    float *bond;
    float *dependence;
} herd_agent_arrays;

typedef struct herd_org {
    long n_agents;
    long n_teams;
    long team_size;
    herd_agent_arrays now;  /* read during a tick */
    herd_agent_arrays next; /* written during a tick, swapped with now after it */
    float *perspective;     /* read and written by the agent's own team only */
    uint16_t *tenure;       /* likewise */
    /* Every team is tied inside as a clique (ties_within >= 1). Its team mates are then
     * implied and only the ties across teams are stored; otherwise the whole network is. */
    int teams_are_cliques;
    /* The whole network, when teams are not cliques: the ties of agent i are
     * targets[offsets[i]] .. targets[offsets[i + 1] - 1]. NULL when they are. */
    uint64_t *offsets;
    uint32_t *targets;
    /* When teams are cliques, each agent's row without its team mates, which is all a tick
     * reads: across_offsets[i]..across_offsets[i + 1] index i's ties to other teams in
     * across_targets, and across_owners holds i for each of them. NULL when they are not. */
    uint32_t *across_offsets;
    uint32_t *across_targets;
    uint32_t *across_owners;
} herd_org;

/* Beta distribution given by mean and standard deviation (a point mass when sd is 0). */
typedef struct herd_beta {
    double mean, a, b;
} herd_beta;

herd_beta herd_beta_from(double mean, double sd);
double herd_beta_draw(const herd_beta *dist, herd_pcg32 *rng);

/* Allocates and fills the organisation: initial states from each team's stream, the
 * network from streams of its own. On failure nothing is left allocated: HERD_ENOMEM, or
 * HERD_ETOOBIG when clique teams have more ties across teams than a 32-bit index holds,
 * which err (err_size bytes, may be NULL) then counts. */
int herd_org_init(herd_org *org, const herd_params *p, uint64_t seed, herd_pcg32 *team_rngs,
                  const herd_allocator *alloc, char *err, size_t err_size);
void herd_org_release(herd_org *org, const herd_allocator *alloc);
void herd_org_swap(herd_org *org);

/* The whole network in compressed sparse row form, whatever is stored: each row lists the
 * team mates first, in order, then the ties across teams as they were drawn.
 * herd_org_row_start(org, i) is where row i starts (i in 0..n_agents; at n_agents, the
 * number of ties, counted once from each end); herd_org_row writes row i to out, which has
 * room for it. */
uint64_t herd_org_row_start(const herd_org *org, size_t i);
void herd_org_row(const herd_org *org, size_t i, uint32_t *out);
/* Fills across_owners from across_offsets. */
void herd_org_own_across(herd_org *org);

/* Expected bytes of the arrays and the network for these parameters. */
double herd_org_memory_estimate(const herd_params *p);

#endif
