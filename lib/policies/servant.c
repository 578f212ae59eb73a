/* Servant leadership: "prioritizing the needs of those under them", "empowering workers
 * through personal and professional development". Most attention goes to supporting and
 * developing each person. */
#include "herd/policy.h"
#include "policies/builtin.h"

static int servant_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    (void)state;
    (void)view;
    *s = (herd_stance){
        .direction = 0.05,
        .own_work = 0,
        .support = 0.45,
        .recognition = 0.15,
        .delegation = 0.05,
        .collaboration = 0.1,
        .training = 0.15,
        .plan = 0.05,
        .front_mode = 0,
    };
    return 0;
}

const herd_policy_type herd_servant_policy_type = {
    .version = HERD_POLICY_VERSION,
    .name = "servant",
    .description = "servant leader: support and development of each person first",
    .state_size = 0,
    .decide = servant_decide,
};

const herd_policy_type *herd_policy_servant = &herd_servant_policy_type;
