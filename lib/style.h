#ifndef HERD_LIB_STYLE_H
#define HERD_LIB_STYLE_H

/* The functions every style runs with, for the built-ins' constant types. Not installed. */
#include "herd/policy.h"

/* A switching style's state: its style, then where it stands. */
typedef struct herd_switching_state {
    herd_style style;
    int front;
    long calm_ticks;
    long front_ticks;
    long ticks_seen;
    double smoothed; /* performance per member, exponentially smoothed */
    double plan;     /* the performance the leader plans for */
    int stage;       /* a staged style's herd_stage */
} herd_switching_state;

int herd_style_fixed_init(void *state, const void *data, const herd_params *params, long team);
int herd_style_fixed_decide(void *state, const herd_team_view *view, herd_stance *stance);
int herd_style_switching_init(void *state, const void *data, const herd_params *params,
                              long team);
int herd_style_switching_decide(void *state, const herd_team_view *view, herd_stance *stance);

/* Every threshold at its default, for a constant style's initializer. */
#define HERD_STYLE_DEFAULT_FIELD_(type, name, def, lo, hi, doc) .name = def,
#define HERD_STAGE_DEFAULT_FIELD_(name, def, lo, hi, doc) .name = def,
#define HERD_STYLE_DEFAULTS                                                                  \
    HERD_STYLE_TABLE(HERD_STYLE_DEFAULT_FIELD_) HERD_STAGE_TABLE(HERD_STAGE_DEFAULT_FIELD_)

/* A constant policy type running the constant style at style_ptr. */
#define HERD_STYLE_TYPE(name_, description_, style_ptr, kind)                                 \
    {                                                                                         \
        .version = HERD_POLICY_VERSION, .name = name_, .description = description_,          \
        .state_size = HERD_STYLE_STATE_##kind, .init = herd_style_##kind##_init,              \
        .decide = herd_style_##kind##_decide, .data = style_ptr,                              \
    }
#define HERD_STYLE_STATE_fixed sizeof(herd_stance)
#define HERD_STYLE_STATE_switching sizeof(herd_switching_state)

#endif
