#ifndef HERD_PARAMS_H
#define HERD_PARAMS_H

/* Model parameters. One tick is one working week. Every parameter is listed once, in
 * HERD_PARAMS_TABLE, with its type, default, allowed range, plausible range, unit and
 * meaning; the struct, the defaults, validation, scenario keys and `herd info` are all
 * generated from it. docs/MODEL.md explains each equation the coefficients enter and
 * justifies each plausible range. */

#include <stddef.h>

#include "herd/error.h"
#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X(type, name, default, min, max, low, high, unit, meaning); type is INT or REAL. min and max
 * are hard limits, outside which the model is not defined; low and high bound the values a
 * reader should accept as plausible (min <= low <= default <= high <= max), the ranges over
 * which robustness studies vary the parameter. */
#define HERD_PARAMS_TABLE(X)                                                                  \
    /* organisation */                                                                        \
    X(INT, n_teams, 50, 1, 10000000, 10, 200, "teams", "number of teams")                              \
    X(INT, team_size, 10, 1, 100000, 5, 15, "agents", "employees per team")                          \
    X(REAL, skill_mean, 0.5, 0.01, 0.99, 0.3, 0.7, "1", "initial skill: mean of the beta distribution") \
    X(REAL, skill_sd, 0.12, 0, 0.45, 0.08, 0.18, "1", "initial skill: standard deviation")                \
    X(REAL, engagement_mean, 0.6, 0.01, 0.99, 0.45, 0.75, "1", "initial engagement: mean")                \
    X(REAL, engagement_sd, 0.12, 0, 0.45, 0.08, 0.18, "1", "initial engagement: standard deviation")      \
    X(REAL, initiative_mean, 0.5, 0.01, 0.99, 0.35, 0.65, "1", "initial initiative: mean")                \
    X(REAL, initiative_sd, 0.12, 0, 0.45, 0.08, 0.18, "1", "initial initiative: standard deviation")      \
    X(REAL, bond_mean, 0.4, 0.01, 0.99, 0.3, 0.55, "1", "initial bond to leader and organisation: mean") \
    X(REAL, bond_sd, 0.1, 0, 0.45, 0.06, 0.15, "1", "initial bond: standard deviation")                   \
    X(REAL, dependence_init, 0.3, 0, 1, 0.15, 0.45, "1", "initial dependence on direction")               \
    X(REAL, tenure_init, 52, 0, 2000, 26, 156, "ticks", "initial tenure of every employee")            \
    X(REAL, ties_within, 1, 0, 1, 0.6, 1, "1", "probability of a tie between two members of a team")  \
    X(REAL, ties_across, 0.5, 0, 50, 0.25, 1.5, "ties/agent", "mean number of ties to other teams of the department") \
    X(INT, department_teams, 10, 1, 10000000, 5, 20, "teams", "teams in a department, where ties across teams stay") \
    X(REAL, leader_skill, 0.7, 0.01, 0.99, 0.6, 0.85, "1", "leader's knowledge of the familiar task: mean over leaders") \
    X(REAL, leader_skill_sd, 0.1, 0, 0.45, 0.05, 0.15, "1", "leader's knowledge: standard deviation over leaders") \
    X(REAL, team_climate_sd, 0.06, 0, 1, 0.03, 0.1, "1", "spread over teams of a lasting shift in the engagement target") \
    X(REAL, attention_budget, 1, 0, 4, 0.8, 1.2, "1", "leader attention a tick, shared by the stance")   \
    X(REAL, span_of_control, 8, 1, 1000, 6, 12, "agents", "team size a leader attends fully")        \
    /* hires */                                                                               \
    X(REAL, hire_skill_mean, 0.35, 0.01, 0.99, 0.25, 0.45, "1", "skill of a new hire: mean")              \
    X(REAL, hire_skill_sd, 0.1, 0, 0.45, 0.06, 0.15, "1", "skill of a new hire: standard deviation")      \
    X(REAL, hire_engagement, 0.65, 0, 1, 0.55, 0.75, "1", "engagement of a new hire")                     \
    X(REAL, hire_bond, 0.1, 0, 1, 0.05, 0.2, "1", "bond of a new hire")                                  \
    /* environment */                                                                         \
    X(REAL, crisis_rate, 0, 0, 1, 0, 0.02, "1/tick", "chance a tick that a random crisis starts in a team") \
    X(REAL, crisis_length, 8, 1, 1000, 4, 13, "ticks", "length of a random crisis")                  \
    X(REAL, crisis_intensity, 0.8, 0, 1, 0.6, 1, "1", "intensity of a random crisis")                 \
    /* routine work and direction */                                                          \
    X(REAL, direction_gain, 0.8, 0, 2, 0.53, 1.2, "1", "pull of direction on quality toward the leader's knowledge") \
    X(REAL, novelty_skill_loss, 0.3, 0, 1, 0.2, 0.45, "1", "share of an employee's skill that a fully novel task voids") \
    X(REAL, confusion, 0.6, 0, 2, 0.4, 0.9, "1", "quality lost per unit of direction on a fully novel task") \
    X(REAL, effort_engagement, 0.5, 0, 1, 0.33, 0.75, "1", "share of effort that depends on engagement")   \
    X(REAL, dependence_idle, 0.5, 0, 1, 0.33, 0.75, "1", "effort lost per unit of direction missing from what is relied on") \
    X(REAL, own_work_output, 2, 0, 20, 1.3, 3, "agent-output", "leader's own output per unit of own work") \
    /* coordination */                                                                        \
    X(REAL, coord_need, 0.15, 0, 1, 0.1, 0.22, "1", "coordination a calm team needs")                    \
    X(REAL, coord_need_crisis, 0.85, 0, 2, 0.57, 1.3, "1", "extra coordination needed per unit of crisis") \
    X(REAL, coord_direction, 1.5, 0, 10, 1, 2.2, "1", "coordination supplied per unit of direction")  \
    X(REAL, coord_direction_crisis, 1, 0, 10, 0.67, 1.5, "1", "extra value of direction per unit of crisis") \
    X(REAL, coord_frontrunners, 1.2, 0, 10, 0.8, 1.8, "1", "coordination supplied by a mature team of front-runners") \
    X(REAL, coord_collab, 0.6, 0, 10, 0.4, 0.9, "1", "coordination supplied per unit of collaboration") \
    X(REAL, coord_crisis_degrade, 0.6, 0, 1, 0.4, 0.9, "1", "share of distributed coordination lost in a full crisis") \
    X(REAL, coord_loss, 0.8, 0, 1, 0.53, 1, "1", "share of output lost at a total coordination shortfall") \
    X(REAL, maturity_ticks, 26, 0, 1000, 17, 39, "ticks", "tenure at which a team is half mature")   \
    /* innovation */                                                                          \
    X(REAL, frontrunner_threshold, 0.45, 0, 1, 0.3, 0.68, "1", "skill x initiative that makes a front-runner") \
    X(REAL, attempt_rate, 0.08, 0, 1, 0.053, 0.12, "1/tick", "innovation attempts a tick of a fully engaged, fully initiating employee") \
    X(REAL, direction_suppress, 1.6, 0, 10, 1.1, 2.4, "1", "attempts suppressed per unit of direction")  \
    X(REAL, delegation_boost, 2, 0, 20, 1.3, 3, "1", "extra attempts of front-runners per unit of delegation") \
    X(REAL, novelty_opportunity, 1, 0, 10, 0.67, 1.5, "1", "extra attempts per unit of novelty")         \
    X(REAL, success_skill, 0.35, 0, 1, 0.23, 0.52, "1", "success chance per unit of skill")              \
    X(REAL, genius_gain, 0.9, 0, 5, 0.6, 1.4, "1", "success chance per unit of engaged collaborator skill") \
    X(REAL, genius_collab, 1.5, 0, 10, 1, 2.2, "1", "weight of encouraged collaboration in collective genius") \
    X(REAL, diversity_gain, 1.5, 0, 10, 1, 2.2, "1", "boost of collective genius per unit of perspective spread") \
    X(REAL, follow_gain, 0.6, 0, 5, 0.4, 0.9, "1", "success chance a follower gains per front-runner success share under delegation") \
    X(REAL, novelty_risk, 0.2, 0, 1, 0.13, 0.3, "1", "success chance lost per unit of novelty")          \
    X(REAL, resolution_gap, 1, 0, 1, 0.67, 1, "1", "share of successes lost at a total coordination shortfall") \
    X(REAL, plan_gain, 0.2, 0, 2, 0.13, 0.3, "1", "success chance gained per unit of plan clarity")       \
    X(REAL, innovation_value, 3, 0, 100, 2, 4.5, "agent-output", "value of one successful innovation") \
    X(REAL, novelty_value, 1, 0, 10, 0.67, 1.5, "1", "extra value of an innovation per unit of novelty") \
    X(REAL, leader_idea_rate, 0.4, 0, 1, 0.27, 0.6, "1/tick", "leader innovations a tick per unit of own work") \
    /* engagement */                                                                          \
    X(REAL, engagement_rate, 0.08, 0, 1, 0.053, 0.12, "1/tick", "speed at which engagement moves to its target") \
    X(REAL, engagement_base, 0.3, 0, 1, 0.2, 0.45, "1", "engagement target with no driver")              \
    X(REAL, engagement_autonomy, 0.25, 0, 2, 0.17, 0.38, "1", "target gained per unit of autonomy (1 - direction)") \
    X(REAL, engagement_relatedness, 0.2, 0, 2, 0.13, 0.3, "1", "target gained per unit of bond and collaboration") \
    X(REAL, engagement_recognition, 0.6, 0, 5, 0.4, 0.9, "1", "target gained per unit of recognition")  \
    X(REAL, engagement_support, 0.4, 0, 5, 0.27, 0.6, "1", "target gained per unit of support")          \
    X(REAL, engagement_inspiration, 0.3, 0, 5, 0.2, 0.45, "1", "target gained per unit of the leader's own work") \
    X(REAL, engagement_stress, 0.35, 0, 5, 0.23, 0.52, "1", "target lost per unit of stress")            \
    X(REAL, engagement_confusion, 0.5, 0, 5, 0.33, 0.75, "1", "target lost per unit of direction times novelty") \
    X(REAL, success_engagement, 0.05, 0, 1, 0.033, 0.075, "1", "engagement gained from a credited success") \
    X(REAL, failure_engagement, 0.03, 0, 1, 0.02, 0.045, "1", "engagement lost from a failed attempt")     \
    X(REAL, credit_taken, 1.2, 0, 5, 0.8, 1.8, "1", "credit for success taken by the leader per unit of direction and own work") \
    X(REAL, credit_support, 2, 0, 10, 1.3, 3, "1", "credit restored per unit of expressed support and recognition") \
    /* initiative and dependence */                                                           \
    X(REAL, initiative_rate, 0.05, 0, 1, 0.033, 0.075, "1/tick", "speed at which initiative moves to its target") \
    X(REAL, initiative_engagement, 0.7, 0, 2, 0.47, 1, "1", "initiative target per unit of engagement") \
    X(REAL, initiative_direction, 0.4, 0, 5, 0.27, 0.6, "1", "initiative target lost per unit of direction") \
    X(REAL, initiative_dependence, 0.15, 0, 5, 0.1, 0.22, "1", "initiative target lost per unit of dependence") \
    X(REAL, initiative_delegation, 0.4, 0, 5, 0.27, 0.6, "1", "initiative target gained per unit of delegation") \
    X(REAL, dependence_rate, 0.02, 0, 1, 0.013, 0.03, "1/tick", "speed at which dependence builds toward what direction sustains") \
    X(REAL, dependence_fade, 0.08, 0, 1, 0.053, 0.12, "1/tick", "speed at which dependence fades when direction falls") \
    X(REAL, dependence_gain, 2, 0, 10, 1.3, 3, "1", "dependence target per unit of direction")        \
    /* skill */                                                                               \
    X(REAL, learn_doing, 0.004, 0, 1, 0.0027, 0.006, "1/tick", "skill gained a tick by working, per unit of effort") \
    X(REAL, learn_attempt, 0.03, 0, 1, 0.02, 0.045, "1", "skill gained by an innovation attempt")          \
    X(REAL, learn_coaching, 0.008, 0, 1, 0.0053, 0.012, "1/tick", "skill gained per unit of support")          \
    X(REAL, learn_training, 0.015, 0, 1, 0.01, 0.022, "1/tick", "skill gained per unit of training")        \
    X(REAL, learn_direction, 0.01, 0, 1, 0.0067, 0.015, "1/tick", "skill gained per unit of direction from a leader who knows more") \
    X(REAL, learn_peers, 0.01, 0, 1, 0.0067, 0.015, "1/tick", "share of the gap to more skilled neighbours closed a tick") \
    X(REAL, skill_decay, 0.002, 0, 1, 0.0013, 0.003, "1/tick", "skill lost a tick when unused")              \
    /* bond and turnover */                                                                   \
    X(REAL, bond_rate, 0.03, 0, 1, 0.02, 0.045, "1/tick", "speed at which bond moves to its target")       \
    X(REAL, bond_support, 0.8, 0, 5, 0.53, 1.2, "1", "bond target per unit of support")                  \
    X(REAL, bond_recognition, 0.8, 0, 5, 0.53, 1.2, "1", "bond target per unit of recognition")         \
    X(REAL, bond_trust, 0.3, 0, 5, 0.2, 0.45, "1", "bond target per unit of autonomy given")            \
    X(REAL, bond_collab, 0.3, 0, 5, 0.2, 0.45, "1", "bond target per unit of collaboration")            \
    X(REAL, bond_engagement, 0.3, 0, 5, 0.2, 0.45, "1", "bond target per unit of engagement")           \
    X(REAL, quit_base, 0.0018, 0, 1, 0.0012, 0.0027, "1/tick", "chance a tick of leaving for reasons outside the team") \
    X(REAL, quit_engagement, 0.009, 0, 1, 0.006, 0.013, "1/tick", "extra chance of leaving at zero engagement (quadratic)") \
    X(REAL, quit_bond, 0.002, 0, 1, 0.0013, 0.003, "1/tick", "extra chance of leaving at zero bond")        \
    /* stress */                                                                              \
    X(REAL, stress_shortfall, 1.5, 0, 10, 1, 2.2, "1", "stress per unit of coordination shortfall")     \
    X(REAL, stress_plan, 0.3, 0, 1, 0.2, 0.45, "1", "share of crisis stress a clear plan absorbs")

typedef struct herd_params {
#define HERD_PARAM_FIELD_INT_(name) long name;
#define HERD_PARAM_FIELD_REAL_(name) double name;
#define HERD_PARAM_FIELD_(type, name, def, lo, hi, plo, phi, unit, doc) HERD_PARAM_FIELD_##type##_(name)
    HERD_PARAMS_TABLE(HERD_PARAM_FIELD_)
#undef HERD_PARAM_FIELD_
#undef HERD_PARAM_FIELD_INT_
#undef HERD_PARAM_FIELD_REAL_
} herd_params;

typedef enum herd_param_kind { HERD_PARAM_INT, HERD_PARAM_REAL } herd_param_kind;

/* One row of the table, for programs that list, read or set parameters by name. */
typedef struct herd_param_info {
    const char *name;
    herd_param_kind kind;
    double def, min, max; /* default and hard limits */
    double low, high;     /* plausible range */
    const char *unit;
    const char *doc;
    size_t offset; /* of the field in herd_params */
} herd_param_info;

/* Fills every field with its default. */
HERD_API void herd_params_default(herd_params *p);

/* 0 if every field is finite and in range and the fields agree with each other; otherwise
 * HERD_ERANGE (or HERD_EINVAL for NULL) and, if msg is not NULL, a message naming the field,
 * its value and its allowed range, truncated to msg_size. */
HERD_API herd_status herd_params_validate(const herd_params *p, char *msg, size_t msg_size);

/* The table: count, and row i (NULL past the end). */
HERD_API size_t herd_params_count(void);
HERD_API const herd_param_info *herd_params_info(size_t i);
/* The row named name, or NULL. */
HERD_API const herd_param_info *herd_params_find(const char *name);

/* HERD_OK if value may stand in the field that info describes: a finite number, whole for
 * an INT field, within [min, max]. Otherwise HERD_ERANGE (HERD_EINVAL for NULL info) and, if
 * msg is not NULL, the message herd_params_validate would give, naming the field, the value
 * and the range. For a binding that checks a value before it sets it. */
HERD_API herd_status herd_params_check(const herd_param_info *info, double value, char *msg,
                                       size_t msg_size);

/* Reads or writes a field as a double (an INT field must then hold a whole number). Setting
 * does not validate the range: herd_params_check and herd_params_validate do. Getting gives NaN, setting
 * HERD_EINVAL, for a NULL argument. */
HERD_API double herd_params_get(const herd_params *p, const herd_param_info *info);
HERD_API herd_status herd_params_set(herd_params *p, const herd_param_info *info, double value);

#ifdef __cplusplus
}
#endif

#endif
