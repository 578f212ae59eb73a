/* Servant leadership: "prioritizing the needs of those under them", "empowering workers
 * through personal and professional development". Most attention goes to supporting and
 * developing each person. */
#include "policies/builtin.h"
#include "style.h"

static const herd_style servant = {
    .calm =
        {
            .direction = 0.05,
            .own_work = 0,
            .support = 0.45,
            .recognition = 0.15,
            .delegation = 0.05,
            .collaboration = 0.1,
            .training = 0.15,
            .plan = 0.05,
            .front_mode = 0,
        },
    .front = {.front_mode = 1},
    HERD_STYLE_DEFAULTS
};

const herd_policy_type herd_servant_policy_type = HERD_STYLE_TYPE(
    "servant", "servant leader: support and development of each person first", &servant, fixed);

const herd_policy_type *herd_policy_servant = &herd_servant_policy_type;
