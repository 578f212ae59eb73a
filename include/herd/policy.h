#ifndef HERD_POLICY_H
#define HERD_POLICY_H

/* Leader policies. A policy is a type, as gsl_rng_type is: a const struct with a version, a
 * name, the size of its state (the engine allocates and zeroes it, one per team) and
 * functions. Each tick the engine shows a team's policy the team's aggregates from the last
 * tick and the policy chooses a stance: how the leader spends one attention budget. The
 * engine never looks at a policy's name; what a policy does comes only from its stance. */

#include <stddef.h>

#include "herd/error.h"
#include "herd/export.h"
#include "herd/params.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Types of version 1 end at data; version 2 adds check, version 3 decide_data. All three are
 * accepted. */
#define HERD_POLICY_VERSION 3

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

/* The parts of a stance: X(type, name, meaning); type is REAL for the eight shares of
 * attention, INT for the front-mode flag. */
#define HERD_STANCE_TABLE(X)                                                                  \
    X(REAL, direction, "telling people how to do the work")                                  \
    X(REAL, support, "support and development of each person")                               \
    X(REAL, recognition, "praise and rewards: expressed support")                            \
    X(REAL, own_work, "doing part of the work itself")                                       \
    X(REAL, delegation, "letting the front-runners go first")                                \
    X(REAL, collaboration, "encouraging collaboration")                                      \
    X(REAL, training, "workshops and training")                                              \
    X(REAL, plan, "making and explaining a clear plan")                                      \
    X(INT, front_mode, "1 when the policy reports that it leads from the front (front_share)")

/* Shares of the leader's attention. The engine scales the stance down if the shares that
 * cost attention sum to more than 1 (the budget binds), then multiplies by the budget, so a
 * share above 1 acts as a weight against the others. A share that is not a number, negative
 * or above HERD_STANCE_SHARE_MAX stops the run with HERD_EPOLICY and a message that names
 * the tick, the team, the policy and the share. */
#define HERD_STANCE_SHARE_MAX 1e6

typedef struct herd_stance {
#define HERD_STANCE_FIELD_INT_(name) int name;
#define HERD_STANCE_FIELD_REAL_(name) double name;
#define HERD_STANCE_FIELD_(type, name, doc) HERD_STANCE_FIELD_##type##_(name)
    HERD_STANCE_TABLE(HERD_STANCE_FIELD_)
#undef HERD_STANCE_FIELD_
#undef HERD_STANCE_FIELD_INT_
#undef HERD_STANCE_FIELD_REAL_
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
    /* Required unless decide_data is set. Chooses this tick's stance from the view. Returns 0
     * or a negative status, which stops the simulation with HERD_EPOLICY
     * (herd_sim_policy_status keeps it). */
    int (*decide)(void *state, const herd_team_view *view, herd_stance *stance);
    /* Optional. Releases what init acquired beyond the state block itself. */
    void (*free)(void *state);
    /* Optional. Handed to init: lets one set of functions serve several configured types
     * (copy a type, point data at its configuration). */
    const void *data;
    /* Optional, read only from a type of version 2 or later. 0 if state is one this type's
     * functions can leave after tick ticks (tick >= 1); otherwise a negative status and, if
     * msg is not NULL, which part of the state is wrong. The checkpoint loader asks it of
     * every team's restored state before the simulation is handed over. */
    int (*check)(const void *state, const void *data, long tick, char *msg, size_t msg_size);
    /* Optional, read only from a type of version 3 or later: decide, handed the type's data
     * too. When set, the engine calls it instead of decide, so that what all the type's
     * teams share (a configuration, a table) stays in data rather than in a copy in every
     * team's state. */
    int (*decide_data)(void *state, const void *data, const herd_team_view *view,
                       herd_stance *stance);
} herd_policy_type;

HERD_API extern const herd_policy_type *herd_policy_front;
HERD_API extern const herd_policy_type *herd_policy_behind;
HERD_API extern const herd_policy_type *herd_policy_servant;
HERD_API extern const herd_policy_type *herd_policy_hybrid;
HERD_API extern const herd_policy_type *herd_policy_situational;

/* NULL-terminated list of the built-ins. */
HERD_API const herd_policy_type *const *herd_policy_builtins(void);
/* The built-in named name, or NULL. For programs and scenario files, never for the engine. */
HERD_API const herd_policy_type *herd_policy_find(const char *name);

/* Sum of the shares that cost attention; 0 for NULL. */
HERD_API double herd_stance_attention(const herd_stance *stance);
/* The stance type chooses for a team whose state is state: decide_data with the type's data
 * if the type has it (version 3 or later), otherwise decide. What the function called
 * returns; HERD_EINVAL, without calling anything, if type, view or stance is NULL or
 * herd_policy_check refuses the type. */
HERD_API int herd_policy_decide(const herd_policy_type *type, void *state,
                                const herd_team_view *view, herd_stance *stance);
/* 0 if the type is usable: a version from 1 to HERD_POLICY_VERSION, a name, and a decide
 * function (or, from version 3, a decide_data function); HERD_EINVAL otherwise. */
HERD_API herd_status herd_policy_check(const herd_policy_type *type);

/* Styles: policies as data. A fixed style always takes one stance. A switching style takes
 * its calm stance and goes to its front stance on a crisis, a coordination breakdown or a
 * shortfall against its plan, and back after calm ticks; entering and leaving have their own
 * thresholds so that it does not flap. A staged style takes, in place of its calm stance, the
 * stance of the stage its team's readiness has reached (HERD_STAGE_TABLE below); staged and
 * switching, it still goes to the front as a switching style does. front, behind and servant
 * are fixed styles, hybrid the switching style with behind's stance as its calm stance,
 * situational the staged and switching style whose last stage is behind's stance.
 *
 * The switching style's thresholds and constants: X(type, name, default, min, max, meaning);
 * the defaults are the hybrid's. */
#define HERD_STYLE_TABLE(X)                                                                   \
    X(REAL, crisis_enter, 0.3, 0, 1, "crisis intensity at which it goes to the front")         \
    X(REAL, crisis_leave, 0.15, 0, 1, "crisis below which a tick at the front counts as calm")  \
    X(REAL, gap_enter, 0.25, 0, 1, "coordination gap at which it goes to the front")          \
    X(REAL, gap_leave, 0.1, 0, 1, "coordination gap below which a tick counts as calm")       \
    X(REAL, shortfall, 0.75, 0, 1,                                                            \
      "smoothed performance below this share of the plan is a shortfall: to the front")     \
    X(INT, calm_ticks, 2, 0, 1000000, "consecutive calm ticks before it leaves the front")     \
    X(INT, min_front_ticks, 4, 0, 1000000, "ticks a spell at the front lasts at least")        \
    X(REAL, smoothing, 0.2, 0, 1, "weight of the newest tick in the smoothed performance")    \
    X(REAL, plan_rate, 0.02, 0, 1,                                                            \
      "speed at which the plan follows smoothed performance, away from the front only")     \
    X(INT, warmup_ticks, 8, 0, 1000000, "ticks before a shortfall can be judged")

/* The stages of a staged style, by the readiness of the team (its mean skill and mean
 * engagement, as the view shows them), after Hersey and Blanchard: a team below skill_coaching
 * is directed; below skill_supporting it is coached; a skilled team below
 * engagement_delegating is supported, and a skilled, engaged one is delegated to. A team
 * moves up a stage only once it passes a threshold by stage_band and down only once it falls
 * below one by stage_band, so that a team near a threshold does not flap between stages.
 * X(name, default, min, max, meaning), all real. */
#define HERD_STAGE_TABLE(X)                                                                   \
    X(skill_coaching, 0.4, 0, 1, "mean skill at which directing gives way to coaching")      \
    X(skill_supporting, 0.55, 0, 1,                                                           \
      "mean skill at which coaching gives way to supporting or delegating")                   \
    X(engagement_delegating, 0.65, 0, 1,                                                      \
      "mean engagement at which a skilled team is delegated to rather than supported")       \
    X(stage_band, 0.02, 0, 0.5, "margin by which a threshold must be passed to change stage")

/* The stages in order of readiness; a staged style's state starts at the team's stage. */
typedef enum herd_stage {
    HERD_STAGE_DIRECTING,
    HERD_STAGE_COACHING,
    HERD_STAGE_SUPPORTING,
    HERD_STAGE_DELEGATING,
    HERD_STAGE_COUNT
} herd_stage;

typedef struct herd_style {
    int switching;     /* 0: fixed, 1: switching */
    herd_stance calm;  /* a fixed style's stance; a switching style's away from the front */
    herd_stance front; /* a switching style's stance at the front */
#define HERD_STYLE_FIELD_INT_(name) long name;
#define HERD_STYLE_FIELD_REAL_(name) double name;
#define HERD_STYLE_FIELD_(type, name, def, lo, hi, doc) HERD_STYLE_FIELD_##type##_(name)
    HERD_STYLE_TABLE(HERD_STYLE_FIELD_)
#undef HERD_STYLE_FIELD_
#undef HERD_STYLE_FIELD_INT_
#undef HERD_STYLE_FIELD_REAL_
    int staged;        /* 1: the stance of the team's stage replaces the calm stance */
    herd_stance stage[HERD_STAGE_COUNT]; /* by herd_stage */
#define HERD_STAGE_FIELD_(name, def, lo, hi, doc) double name;
    HERD_STAGE_TABLE(HERD_STAGE_FIELD_)
#undef HERD_STAGE_FIELD_
} herd_style;

/* The stage a staged style at stage `from` moves to when its team shows skill and
 * engagement: the rule of HERD_STAGE_TABLE, with its hysteresis. from outside the stages
 * (a team's first tick) gives the stage without hysteresis. A NULL style gives the first
 * stage. */
HERD_API herd_stage herd_style_stage(const herd_style *style, int from, double skill,
                                     double engagement);

/* The keys of a style, as scenario files and programs name them: "switching"; each part of
 * the stance by its own name (a fixed style's stance, a switching style's calm stance;
 * "calm.NAME" is the same key); "front.NAME" for the front stance; every row of
 * HERD_STYLE_TABLE; "staged"; "directing.NAME", "coaching.NAME", "supporting.NAME" and
 * "delegating.NAME" for the stages' stances; then every row of HERD_STAGE_TABLE. def is the
 * value of a style that has no base. */
typedef struct herd_style_key {
    const char *name;
    herd_param_kind kind;
    double def, min, max;
    const char *doc;
    size_t offset; /* of the field in herd_style */
} herd_style_key;

/* Row i of the keys, NULL past the end. */
HERD_API const herd_style_key *herd_style_key_info(size_t i);
/* The key named name ("calm.NAME" finds NAME), or NULL. */
HERD_API const herd_style_key *herd_style_key_find(const char *name);
/* Every key's def: a fixed, unstaged style with all shares 0, the front stance in front
 * mode. */
HERD_API void herd_style_default(herd_style *style);
/* Reads or writes a key as a double. Setting refuses (HERD_EINVAL) a value that is not a
 * whole number for an INT key, and does not check the range: herd_style_validate does.
 * Getting gives NaN, setting HERD_EINVAL, for a NULL argument. */
HERD_API double herd_style_get(const herd_style *style, const herd_style_key *key);
HERD_API herd_status herd_style_set(herd_style *style, const herd_style_key *key, double value);
/* 0 if every key is finite and in its range, each threshold to leave the front is at most
 * the one to enter it and skill_coaching is at most skill_supporting; otherwise HERD_ERANGE
 * (HERD_EINVAL for NULL) and, if msg is not NULL, "KEY = VALUE ..." naming the first key at
 * fault, a part of the calm stance as "calm.NAME" (e.g. "calm.delegation = 1.5 is outside
 * the range [0, 1]"). The shares may sum to more than 1: the engine scales such a stance down to the
 * attention budget, as for any policy. */
HERD_API herd_status herd_style_validate(const herd_style *style, char *msg, size_t msg_size);
/* Fills *out as a policy type named name that runs style: the one set of functions every
 * style runs with, style as its data, which every team reads at every tick (a team's state
 * holds only where it stands). name, description and style are pointed at, not copied: they
 * must outlive *out and every simulation that runs it; a change to the style's values
 * reaches simulations already running at their next tick, a change to whether it switches or
 * goes by stages needs *out filled again. HERD_EINVAL for NULL
 * arguments or a style herd_style_validate refuses (msg says why, may be NULL). */
HERD_API herd_status herd_style_policy(herd_policy_type *out, const char *name,
                                       const char *description, const herd_style *style, char *msg,
                                       size_t msg_size);
/* The style a type runs (one made by herd_style_policy, or a built-in), or NULL for any
 * other type. */
HERD_API const herd_style *herd_policy_style(const herd_policy_type *type);

/* The catalogue: the policies a program can name. It holds the built-ins and any types the
 * program adds; scenario files, comparisons and sweeps resolve names through one. The
 * catalogue keeps pointers: an added type must outlive it. Safe to read from many threads
 * once no more types are added. */
typedef struct herd_catalog herd_catalog;

/* A catalogue holding the built-ins, in the order of herd_policy_builtins. HERD_EINVAL for
 * NULL, HERD_ENOMEM; *out is NULL on failure. */
HERD_API herd_status herd_catalog_new(herd_catalog **out);
/* Adds type. HERD_EINVAL (err: what is wrong with it) if herd_policy_check refuses it,
 * HERD_ESTATE (err names it) if the catalogue already holds a policy of that name,
 * HERD_ENOMEM. err may be NULL. */
HERD_API herd_status herd_catalog_add(herd_catalog *c, const herd_policy_type *type, char *err,
                                      size_t err_size);
/* The type named name, or NULL (also for a NULL catalogue or name). */
HERD_API const herd_policy_type *herd_catalog_find(const herd_catalog *c, const char *name);
/* The number of types, and type i in the order they were added (NULL past the end). */
HERD_API size_t herd_catalog_count(const herd_catalog *c);
HERD_API const herd_policy_type *herd_catalog_get(const herd_catalog *c, size_t i);
HERD_API void herd_catalog_free(herd_catalog *c);

#ifdef __cplusplus
}
#endif

#endif
