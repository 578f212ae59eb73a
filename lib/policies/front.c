/* Lead from the front: "demonstrating or explaining how they expect their employees to
 * perform"; "direct employees on how to perform their tasks or do it themselves". Most
 * attention goes to direction and the leader's own work; little to expressed support. */
#include "herd/policy.h"
#include "policies/builtin.h"

static int front_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    (void)state;
    (void)view;
    *s = (herd_stance){
        .direction = 0.45,
        .own_work = 0.25,
        .support = 0.05,
        .recognition = 0.05,
        .delegation = 0,
        .collaboration = 0.05,
        .training = 0.05,
        .plan = 0.1,
        .front_mode = 1,
    };
    return 0;
}

const herd_policy_type herd_front_policy_type = {
    .version = HERD_POLICY_VERSION,
    .name = "front",
    .description = "leads from the front: directs the work and does part of it",
    .state_size = 0,
    .decide = front_decide,
};

const herd_policy_type *herd_policy_front = &herd_front_policy_type;
