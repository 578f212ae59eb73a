/* Lead from the front: "demonstrating or explaining how they expect their employees to
 * perform"; "direct employees on how to perform their tasks or do it themselves". Most
 * attention goes to direction and the leader's own work; little to expressed support. */
#include "policies/builtin.h"
#include "style.h"

static const herd_style front = {
    .calm =
        {
            .direction = 0.45,
            .own_work = 0.25,
            .support = 0.05,
            .recognition = 0.05,
            .delegation = 0,
            .collaboration = 0.05,
            .training = 0.05,
            .plan = 0.1,
            .front_mode = 1,
        },
    .front = {.front_mode = 1},
    HERD_STYLE_DEFAULTS
};

const herd_policy_type herd_front_policy_type = HERD_STYLE_TYPE(
    "front", "leads from the front: directs the work and does part of it", &front, fixed);

const herd_policy_type *herd_policy_front = &herd_front_policy_type;
