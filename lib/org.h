#ifndef HERD_LIB_ORG_H
#define HERD_LIB_ORG_H

/* The organisation's storage: employee state in structure-of-arrays form, double-buffered
 * for the variables others read (skill and engagement: next.initiative, next.bond and
 * next.dependence are the same arrays as now's); the network in compressed sparse row form. */
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
    uint64_t *offsets;
    uint32_t *targets;
    /* Every team is fully tied inside: each row starts with all its team mates. */
    int teams_are_cliques;
    /* In that case, the rows without the team mates, which is all a tick needs to read:
     * across_offsets[i]..across_offsets[i + 1] index i's ties to other teams in
     * across_targets, and across_owners holds i for each of them. NULL when teams are not
     * cliques or the index would not fit 32 bits. */
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
 * network from streams of its own. On failure nothing is left allocated. */
int herd_org_init(herd_org *org, const herd_params *p, uint64_t seed, herd_pcg32 *team_rngs,
                  const herd_allocator *alloc);
void herd_org_release(herd_org *org, const herd_allocator *alloc);
/* (Re)builds the index of ties across teams from offsets and targets. */
int herd_org_index_across(herd_org *org, const herd_allocator *alloc);
void herd_org_swap(herd_org *org);

/* Expected bytes of the arrays and the network for these parameters. */
double herd_org_memory_estimate(const herd_params *p);

#endif
