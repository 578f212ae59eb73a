/* Hybrid: leads from behind, and is "prepared to lead from the front ... in times of crisis,
 * when employees rely on leaders to restore order", or "if teams fail to meet goals". It
 * switches to the front on a crisis, a coordination breakdown or a shortfall against its
 * plan, and back only after several calm ticks: entering and leaving have different
 * thresholds (hysteresis), so it does not flap. At the front it directs, and, as the article
 * advises, offers "advice and expertise to make employees feel supported in difficult
 * situations": support and recognition stay, the leader does not take over the work. */
#include "herd/policy.h"
#include "policies/builtin.h"

#define CRISIS_ENTER 0.3
#define CRISIS_LEAVE 0.15
#define GAP_ENTER 0.25
#define GAP_LEAVE 0.1
#define SHORTFALL 0.75    /* smoothed performance below this share of plan is a shortfall */
#define CALM_TICKS 2      /* consecutive calm ticks before leaving front mode */
#define MIN_FRONT_TICKS 4 /* a spell in front mode lasts at least this long */
#define SMOOTHING 0.2     /* weight of the newest tick in the smoothed performance */
#define PLAN_RATE 0.02    /* the plan follows smoothed performance, in behind mode only */
#define WARMUP_TICKS 8    /* ticks before a shortfall can be judged */

typedef struct hybrid_state {
    int front;
    int calm_ticks;
    long front_ticks;
    long ticks_seen;
    double smoothed; /* performance per member, exponentially smoothed */
    double plan;     /* the performance the leader plans for */
} hybrid_state;

static int needs_front(const hybrid_state *h, const herd_team_view *v)
{
    int shortfall = h->ticks_seen > WARMUP_TICKS && h->smoothed < SHORTFALL * h->plan;
    return v->crisis >= CRISIS_ENTER || v->coordination_gap >= GAP_ENTER || shortfall;
}

static int calm(const herd_team_view *v)
{
    return v->crisis < CRISIS_LEAVE && v->coordination_gap < GAP_LEAVE;
}

static void update_mode(hybrid_state *h, const herd_team_view *v)
{
    if (!h->front) {
        if (needs_front(h, v)) {
            h->front = 1;
            h->calm_ticks = 0;
            h->front_ticks = 0;
        }
        return;
    }
    h->front_ticks++;
    h->calm_ticks = calm(v) ? h->calm_ticks + 1 : 0;
    if (h->calm_ticks >= CALM_TICKS && h->front_ticks >= MIN_FRONT_TICKS) {
        h->front = 0;
        /* Back behind, the leader makes a fresh plan from where the team now stands. */
        h->plan = h->smoothed;
    }
}

static int hybrid_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    hybrid_state *h = state;
    if (h->ticks_seen == 0) {
        h->smoothed = view->performance;
        h->plan = view->performance;
    }
    h->smoothed += SMOOTHING * (view->performance - h->smoothed);
    update_mode(h, view);
    if (!h->front)
        h->plan += PLAN_RATE * (h->smoothed - h->plan);
    h->ticks_seen++;
    if (h->front) {
        *s = (herd_stance){
            .direction = 0.4,
            .own_work = 0.15,
            .support = 0.15,
            .recognition = 0.1,
            .collaboration = 0.05,
            .plan = 0.15,
            .front_mode = 1,
        };
        return 0;
    }
    return herd_policy_behind->decide(NULL, view, s);
}

const herd_policy_type herd_hybrid_policy_type = {
    .version = HERD_POLICY_VERSION,
    .name = "hybrid",
    .description = "leads from behind; from the front in a crisis or a shortfall",
    .state_size = sizeof(hybrid_state),
    .decide = hybrid_decide,
};

const herd_policy_type *herd_policy_hybrid = &herd_hybrid_policy_type;
