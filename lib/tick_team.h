#ifndef HERD_LIB_TICK_TEAM_H
#define HERD_LIB_TICK_TEAM_H

/* What a team's stance and environment make of its tick. lib/stance.c derives it once for
 * each run of teams that share both; lib/tick.c goes on from it team by team. */
#include "tick_internal.h"

/* The first operations of each team's own context that follow from the stance and the
 * environment alone: a team's formula goes on from them in the order it always had. */
typedef struct herd_stance_terms {
    double keep_knowledge; /* 1 - novelty: the share of the leader's skill that stays current */
    double need, directed, collab_supply, degrade; /* of the coordination gap */
    double stress_base;
    double genius_base, follow_base;
    /* The terms of the engagement target after the team's climate. */
    double autonomy, relatedness, recognition, support, inspiration, confusion;
    double own_output, idea_rate; /* the leader's own work per unit of its knowledge */
    double innovation_value;
    /* What the team's stats record of the tick, in their order. */
    double attention, crisis, novelty, present, front_mode;
} herd_stance_terms;

/* The coefficients and terms of stance in env, for teams of size members. HERD_EPOLICY, and
 * k and t unwritten, if the stance is not sane: a share that is not a number, negative or
 * above HERD_STANCE_SHARE_MAX. */
int herd_stance_derive(const herd_params *p, const herd_stance *stance,
                       const herd_team_env *env, long size, herd_stance_coeffs *k,
                       herd_stance_terms *t);

#endif
