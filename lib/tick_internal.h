#ifndef HERD_LIB_TICK_INTERNAL_H
#define HERD_LIB_TICK_INTERNAL_H

/* The employees' part of a tick, on blocks of agents that run across team boundaries.
 * lib/tick.c makes the blocks and does each team's own work (its policy, its context, its
 * coefficients); lib/tick_block.c moves a block's agents to their next state and sums them. */
#include <stdint.h>

#include "sim_internal.h"

/* A segment is at most SEGMENT agents of one team: a team's hires draw from its stream after
 * each segment's draws, so the segments fix the order of every team's draws. */
#define HERD_SEGMENT 32
/* Lanes of one block; a block holds segments of distinct teams, so a team of 10 fills 10
 * lanes of it, not a vector of 16. */
#define HERD_BLOCK 128
#define HERD_VECTOR 8
/* Lanes of the update's vectors on a machine with AVX-512 (herd_simd_wide). */
#define HERD_WIDE 16
#define HERD_LANES (HERD_BLOCK + HERD_WIDE) /* a block computes up to a whole vector past it */
#define HERD_DRAWS 3 /* uniforms an agent draws a tick: attempt, success, quit */
/* A segment of at most HERD_RUN agents takes its draws on the wide path as HERD_RUN_STATES
 * states in the stream's order: four vectors of states rather than two for each of the three
 * kinds of draw. Each kind is then stored as a vector of 16 lanes from the segment's first,
 * which the room of a wide vector past the block's lanes holds. */
#define HERD_RUN 10
#define HERD_RUN_STATES 32
_Static_assert(HERD_DRAWS * HERD_RUN <= HERD_RUN_STATES && HERD_RUN_STATES == 4 * HERD_VECTOR &&
                   HERD_RUN_STATES / HERD_DRAWS < 2 * HERD_VECTOR &&
                   2 * HERD_VECTOR <= HERD_WIDE &&
                   HERD_RUN_STATES <= HERD_DRAWS * (HERD_SEGMENT + HERD_VECTOR),
               "a run's states fill four vectors, and each kind of draw one vector of 16 lanes");

_Static_assert(HERD_WIDE <= HERD_ORG_PADDING, "a block may read a vector past its last agent");
_Static_assert(HERD_BLOCK % HERD_WIDE == 0 && HERD_WIDE % HERD_VECTOR == 0 &&
                   HERD_SEGMENT <= HERD_BLOCK,
               "a block holds whole vectors and at least one segment");

/* The coefficients of the employee update that are the same for every team: they follow
 * from the parameters alone. */
typedef struct herd_agent_consts {
    float success_skill, idle, effort_engagement;
    float eng_rate, eng_bond, eng_failure;
    float ini_rate, ini_engagement, ini_dependence;
    float dep_rate, dep_fade;
    float learn_doing, learn_attempt, learn_peers, decay;
    float bond_rate, bond_engagement;
    float quit_base, quit_engagement, quit_bond;
    float frontrunner_threshold;
} herd_agent_consts;

/* The coefficients that follow from a team's stance and environment, which neighbouring
 * teams mostly share, and those that follow from its leader and last tick too: one value
 * per team, copied into each of its lanes. */
#define HERD_STANCE_COEFFS(X)                                                                   \
    X(attempt)             /* attempt chance per unit of initiative x engagement */             \
    X(frontrunner_attempt) /* the same for a front-runner */                                    \
    X(success_base) X(quality_keep) X(quality_pull) X(quality_confusion)                        \
    X(expected_direction) X(eng_success) X(ini_target)                                          \
    X(learn_fixed) X(learn_direction) X(bond_target) X(hiring)
/* A team's own coefficients; team_skill and team_engaged_skill are last tick's team sums, of
 * which a lane's team mates in a clique are the team less the lane itself. */
#define HERD_OWN_COEFFS(X)                                                                      \
    X(follow) X(resolution) X(genius) X(eng_target) X(leader_knowledge)                         \
    X(team_skill) X(team_engaged_skill)
#define HERD_TEAM_COEFFS(X) HERD_STANCE_COEFFS(X) HERD_OWN_COEFFS(X)

#define HERD_COEFF_FIELD(name) float name;
typedef struct herd_stance_coeffs {
    HERD_STANCE_COEFFS(HERD_COEFF_FIELD)
} herd_stance_coeffs;
typedef struct herd_own_coeffs {
    HERD_OWN_COEFFS(HERD_COEFF_FIELD)
} herd_own_coeffs;
#undef HERD_COEFF_FIELD

#define HERD_COEFF_LANES(name) float name[HERD_LANES];
typedef struct herd_lane_coeffs {
    HERD_TEAM_COEFFS(HERD_COEFF_LANES)
} herd_lane_coeffs;
#undef HERD_COEFF_LANES

/* What k steps of a pcg32 stream do to its state x: x * mult + increment * sum. For draw d of
 * agent j of a segment, k = HERD_DRAWS * j + d: [d][j]; a segment of n agents steps the
 * stream by HERD_DRAWS * n, which is [0][n]. Room for a vector past the longest segment. */
typedef struct herd_jumps {
    uint64_t mult[HERD_DRAWS][HERD_SEGMENT + HERD_VECTOR];
    uint64_t sum[HERD_DRAWS][HERD_SEGMENT + HERD_VECTOR];
    /* The same by k, for the draws of a short segment in the order the stream makes them. */
    uint64_t step_mult[HERD_RUN_STATES], step_sum[HERD_RUN_STATES];
} herd_jumps;

typedef struct herd_segment {
    long team;
    long lane;  /* first lane in the block */
    long n;     /* agents */
    int starts; /* the team's first segment */
    int ends;   /* the team's last segment */
} herd_segment;

/* One block: agents first..first+lanes-1, in segments. Lanes from `lanes` up to a whole
 * vector are computed too and thrown away; they hold stale but defined values. */
typedef struct herd_block {
    /* The block runs on vectors of HERD_WIDE lanes and takes its draws by jumps (the machine
     * has AVX-512, and the simulation is not told otherwise), or on vectors of HERD_VECTOR
     * lanes stepping each stream; both give the same bits. by_jumps: the draws are taken by
     * jumps, as on the wide path, whatever the width. */
    int wide, by_jumps;
    /* The block fetches the agents two blocks on into the cache while it updates, and its
     * thread the small arrays of the teams further on while a team decides (their stats it
     * fetches whatever the size): the organisation is too big for the cache to hold from one
     * tick to the next. */
    int fetch;
    long department; /* agents of a department, whose ties across stay inside it */
    long chunk_end;  /* the first agent past the chunk of the block's thread */
    herd_jumps jumps; /* when by_jumps */
    long first, lanes, n_segments;
    int any_replaced; /* some lane is replaced by a hire */
    /* Lanes stance_from..stance_to-1 of k hold the stance coefficients of this generation of
     * the thread's stance cache: the lanes of a run of segments that share it, which the
     * blocks after find in place while the stance stays. */
    unsigned long stance_generation;
    long stance_from, stance_to;
    herd_segment seg[HERD_BLOCK];
    /* The uniform of draw d of lane j at [d * HERD_LANES + j], and, when not by jumps, the
     * stream's state it comes from; a segment's may be computed a vector past it. */
    uint64_t states[HERD_DRAWS * HERD_LANES];
    float u[HERD_DRAWS * HERD_LANES];
    herd_lane_coeffs k;
    float nb_skill_sum[HERD_LANES], nb_engaged_skill_sum[HERD_LANES], nb_inv_degree[HERD_LANES];
    float initiative_now[HERD_LANES], bond_now[HERD_LANES], dependence_now[HERD_LANES];
    float skill[HERD_LANES], engagement[HERD_LANES], initiative[HERD_LANES];
    float bond[HERD_LANES], dependence[HERD_LANES];
    float output[HERD_LANES], succeeded[HERD_LANES], frontrunner_success[HERD_LANES];
    float leaves[HERD_LANES], replaced[HERD_LANES]; /* 1 or 0 */
    float perspective[HERD_LANES], tenure[HERD_LANES];
} herd_block;

void herd_agent_consts_fold(const herd_params *p, herd_agent_consts *kc);
void herd_jumps_init(herd_jumps *jumps);
/* Draws, neighbour sums over ties across teams, the update and the tenures of every lane. */
void herd_block_update(herd_org *org, const herd_agent_consts *kc, herd_block *blk);
/* Replaces the segment's leavers (and the share a hiring wave renews) by new hires drawn
 * from the team's stream; returns the number of leavers. Needed only if blk->any_replaced. */
double herd_block_hire(const herd_params *p, herd_org *org, herd_pcg32 *rng, herd_block *blk,
                       const herd_segment *seg);
/* Stores the block's next state in the organisation. */
void herd_block_store(herd_org *org, herd_block *blk);
/* Adds each segment's sums to its team's in stats, or starts them with the team's first
 * segment. */
void herd_block_sums(const herd_block *blk, float frontrunner_threshold, herd_team_stats *stats);

#endif
