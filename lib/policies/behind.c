/* Lead from behind: the shepherd "stays behind the flock, allowing the group's strongest and
 * brightest members to go first"; harnesses "collective genius" through collaboration, makes
 * "a good plan", and supports people with praise, rewards and workshops. */
#include "herd/policy.h"
#include "policies/builtin.h"

static int behind_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    (void)state;
    (void)view;
    *s = (herd_stance){
        .direction = 0.05,
        .own_work = 0,
        .support = 0.15,
        .recognition = 0.15,
        .delegation = 0.25,
        .collaboration = 0.2,
        .training = 0.1,
        .plan = 0.1,
        .front_mode = 0,
    };
    return 0;
}

const herd_policy_type herd_behind_policy_type = {
    .version = HERD_POLICY_VERSION,
    .name = "behind",
    .description = "leads from behind: front-runners go first, collaboration, a clear plan",
    .state_size = 0,
    .decide = behind_decide,
};

const herd_policy_type *herd_policy_behind = &herd_behind_policy_type;
