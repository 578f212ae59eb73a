/* A plug-in with one policy, "readiness": situational leadership after Hersey and Blanchard.
 * The leader reads the team's readiness — mean skill times mean engagement — and moves
 * through four stages as it grows: directing a novice team, coaching, supporting, and
 * delegating to a ready one. A stage changes only when readiness has passed its boundary by
 * a margin (hysteresis), so the leader does not flap around a boundary; in a crisis the
 * leader steps to the front, as the hybrid does, and back when it has passed.
 *
 * Build: cc -shared -fPIC -o readiness.so readiness.c $(pkg-config --cflags herd)
 * Use:   herd compare SCENARIO --plugin ./readiness.so */
#include <herd/plugin.h>

enum { DIRECTING, COACHING, SUPPORTING, DELEGATING, STAGES };

/* Readiness at which each stage begins, and the margin a change must clear. */
static const double stage_start[STAGES] = {0, 0.25, 0.4, 0.55};
#define MARGIN 0.03
#define CRISIS_ENTER 0.3
#define CRISIS_LEAVE 0.15

static const herd_stance stances[STAGES] = {
    [DIRECTING] = {.direction = 0.4, .support = 0.1, .recognition = 0.05, .own_work = 0.1,
                   .training = 0.2, .plan = 0.15, .front_mode = 1},
    [COACHING] = {.direction = 0.25, .support = 0.25, .recognition = 0.1, .delegation = 0.05,
                  .collaboration = 0.1, .training = 0.15, .plan = 0.1, .front_mode = 1},
    [SUPPORTING] = {.direction = 0.1, .support = 0.3, .recognition = 0.15, .delegation = 0.15,
                    .collaboration = 0.15, .training = 0.05, .plan = 0.1},
    [DELEGATING] = {.direction = 0.05, .support = 0.1, .recognition = 0.15, .delegation = 0.35,
                    .collaboration = 0.2, .training = 0.05, .plan = 0.1},
};

static const herd_stance crisis_stance = {.direction = 0.4, .support = 0.15, .recognition = 0.1,
                                          .own_work = 0.15, .collaboration = 0.05, .plan = 0.15,
                                          .front_mode = 1};

typedef struct readiness_state {
    int stage;
    int in_crisis;
} readiness_state;

static int stage_for(int stage, double readiness)
{
    while (stage + 1 < STAGES && readiness >= stage_start[stage + 1] + MARGIN)
        stage++;
    while (stage > 0 && readiness < stage_start[stage] - MARGIN)
        stage--;
    return stage;
}

static int readiness_decide(void *state, const herd_team_view *view, herd_stance *stance)
{
    readiness_state *s = state;
    s->stage = stage_for(s->stage, view->skill * view->engagement);
    if (view->crisis >= CRISIS_ENTER)
        s->in_crisis = 1;
    else if (view->crisis < CRISIS_LEAVE)
        s->in_crisis = 0;
    *stance = s->in_crisis ? crisis_stance : stances[s->stage];
    return 0;
}

static const herd_policy_type readiness = {
    .version = HERD_POLICY_VERSION,
    .name = "readiness",
    .description = "situational: directing, coaching, supporting, delegating as readiness grows",
    .state_size = sizeof(readiness_state),
    .decide = readiness_decide,
};

static const herd_policy_type *const types[] = {&readiness, NULL};
static const herd_plugin plugin = {HERD_PLUGIN_VERSION, "readiness", types};

HERD_PLUGIN_EXPORT const herd_plugin *herd_plugin_entry(void);

HERD_PLUGIN_EXPORT const herd_plugin *herd_plugin_entry(void)
{
    return &plugin;
}
