#ifndef HERD_LIB_STYLE_H
#define HERD_LIB_STYLE_H

/* The functions every style runs with, for the built-ins' constant types. Not installed. */
#include "herd/policy.h"

/* Where a team under a switching style stands; the style itself is the type's data, shared
 * by all its teams. */
typedef struct herd_switching_state {
    int front;
    int stage; /* a staged style's herd_stage */
    long calm_ticks;
    long front_ticks;
    long ticks_seen;
    double smoothed; /* performance per member, exponentially smoothed */
    double plan;     /* the performance the leader plans for */
} herd_switching_state;

int herd_style_fixed_decide(void *state, const void *data, const herd_team_view *view,
                            herd_stance *stance);
int herd_style_switching_decide(void *state, const void *data, const herd_team_view *view,
                                herd_stance *stance);
int herd_style_switching_check(const void *state, const void *data, long tick, char *msg,
                               size_t msg_size);

/* Every threshold at its default, for a constant style's initializer. */
#define HERD_STYLE_DEFAULT_FIELD_(type, name, def, lo, hi, doc) .name = def,
#define HERD_STAGE_DEFAULT_FIELD_(name, def, lo, hi, doc) .name = def,
#define HERD_STYLE_DEFAULTS                                                                  \
    HERD_STYLE_TABLE(HERD_STYLE_DEFAULT_FIELD_) HERD_STAGE_TABLE(HERD_STAGE_DEFAULT_FIELD_)

/* A constant policy type running the constant style at style_ptr. */
#define HERD_STYLE_TYPE(name_, description_, style_ptr, kind)                                 \
    {                                                                                         \
        .version = HERD_POLICY_VERSION, .name = name_, .description = description_,          \
        .state_size = HERD_STYLE_STATE_##kind, .decide_data = herd_style_##kind##_decide,     \
        .data = style_ptr, .check = HERD_STYLE_CHECK_##kind,                                  \
    }
#define HERD_STYLE_STATE_fixed 0
#define HERD_STYLE_STATE_switching sizeof(herd_switching_state)
#define HERD_STYLE_CHECK_fixed NULL
#define HERD_STYLE_CHECK_switching herd_style_switching_check

#endif
