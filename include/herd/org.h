#ifndef HERD_ORG_H
#define HERD_ORG_H

/* A read-only view of an organisation's state: employees in structure-of-arrays form,
 * teams as contiguous ranges of team_size, and the collaboration network in compressed
 * sparse row form (the ties of agent i are targets[offsets[i]] .. targets[offsets[i+1]-1],
 * its team mates first) when the simulation stores it whole. When every team is tied inside
 * as a clique (ties_within >= 1) the team mates are implied and only the ties across teams
 * are stored: offsets and targets are then NULL, and herd_sim_network (include/herd/sim.h)
 * gives the whole network in the same form, in caller-owned arrays. The arrays belong to the
 * simulation and stay valid until its next step or its free. */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herd_org_view {
    long n_agents;
    long n_teams;
    long team_size;
    const float *skill;
    const float *engagement;
    const float *initiative;
    const float *bond;
    const float *dependence;
    const float *perspective; /* a fixed trait in [0,1): diversity of viewpoints */
    const uint16_t *tenure;   /* ticks in the organisation, saturating */
    const uint64_t *offsets;  /* n_agents + 1; NULL when teams are cliques */
    const uint32_t *targets;  /* offsets[n_agents]; NULL when teams are cliques */
} herd_org_view;

#ifdef __cplusplus
}
#endif

#endif
