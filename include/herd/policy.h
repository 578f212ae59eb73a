#ifndef HERD_POLICY_H
#define HERD_POLICY_H

/* Leader policies. A policy is a type, as gsl_rng_type is: a const struct with a version, a
 * name, the size of its state (the engine allocates and zeroes it, one per team) and
 * functions. Each tick the engine shows a team's policy the team's aggregates from the last
 * tick and the policy chooses a stance: how the leader spends one attention budget. The
 * engine never looks at a policy's name; what a policy does comes only from its stance. */

#include <stddef.h>

#include "herd/export.h"
#include "herd/params.h"

#define HERD_POLICY_VERSION 1

/* What a leader sees of its team: last tick's aggregates and the environment. */
typedef struct herd_team_view {
    long tick;
    long team;
    long size;
    double skill;              /* mean skill */
    double skill_sd;
    double engagement;         /* mean engagement (morale) */
    double initiative;         /* mean initiative */
    double bond;               /* mean bond */
    double dependence;         /* mean dependence on direction */
    double frontrunner_share;  /* share of members who are front-runners */
    double maturity;           /* in [0,1): tenure / (tenure + maturity_ticks) */
    double output;             /* routine output per member */
    double performance;        /* routine output plus innovation value, per member */
    double innovation;         /* successful innovations per member */
    double coordination_gap;   /* share of needed coordination that was missing */
    double crisis;             /* crisis intensity in [0,1] */
    double novelty;            /* task novelty in [0,1] */
    int leader_present;
    double leader_skill;
} herd_team_view;

/* Shares of the leader's attention. The engine scales the stance down if the shares that
 * cost attention sum to more than 1 (the budget binds), then multiplies by the budget, so a
 * share above 1 acts as a weight against the others. A share that is not a number, negative
 * or above HERD_STANCE_SHARE_MAX stops the run with HERD_EPOLICY and a message that names
 * the tick, the team, the policy and the share. */
#define HERD_STANCE_SHARE_MAX 1e6

/* The shares of herd_stance, in order: X(field). */
#define HERD_STANCE_SHARES(X)                                                                \
    X(direction) X(support) X(recognition) X(own_work) X(delegation) X(collaboration)        \
    X(training) X(plan)

typedef struct herd_stance {
    double direction;     /* telling people how to do the work */
    double support;       /* support and development of each person */
    double recognition;   /* praise and rewards: expressed support */
    double own_work;      /* doing part of the work itself */
    double delegation;    /* letting the front-runners go first */
    double collaboration; /* encouraging collaboration */
    double training;      /* workshops and training */
    double plan;          /* making and explaining a clear plan */
    int front_mode;       /* 1 when the policy reports that it leads from the front */
} herd_stance;

typedef struct herd_policy_type {
    unsigned version;        /* HERD_POLICY_VERSION */
    const char *name;
    const char *description;
    /* Bytes the engine allocates (zeroed) per team; may be 0. A total over the teams beyond
     * PTRDIFF_MAX makes the first step fail with HERD_ETOOBIG. */
    size_t state_size;
    /* Optional. Called once per team before the first tick with the type's data. Returns 0
     * or a negative status, which makes the first step fail with HERD_EPOLICY
     * (herd_sim_policy_status keeps it). */
    int (*init)(void *state, const void *data, const herd_params *params, long team);
    /* Required. Chooses this tick's stance from the view. Returns 0 or a negative status,
     * which stops the simulation with HERD_EPOLICY (herd_sim_policy_status keeps it). */
    int (*decide)(void *state, const herd_team_view *view, herd_stance *stance);
    /* Optional. Releases what init acquired beyond the state block itself. */
    void (*free)(void *state);
    /* Optional. Handed to init: lets one set of functions serve several configured types
     * (copy a type, point data at its configuration). */
    const void *data;
} herd_policy_type;

HERD_API extern const herd_policy_type *herd_policy_front;
HERD_API extern const herd_policy_type *herd_policy_behind;
HERD_API extern const herd_policy_type *herd_policy_servant;
HERD_API extern const herd_policy_type *herd_policy_hybrid;

/* NULL-terminated list of the built-ins. */
HERD_API const herd_policy_type *const *herd_policy_builtins(void);
/* The built-in named name, or NULL. For programs and scenario files, never for the engine. */
HERD_API const herd_policy_type *herd_policy_find(const char *name);

/* Sum of the shares that cost attention. */
HERD_API double herd_stance_attention(const herd_stance *stance);
/* 0 if the type is usable: right version, a name and a decide function. */
HERD_API int herd_policy_check(const herd_policy_type *type);

#endif
