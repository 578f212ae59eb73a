/* Situational leadership, after Hersey and Blanchard: the leader's style follows the team's
 * readiness. A team short of skill is directed (told how, with a plan and training); as skill
 * grows it is coached (still directed, now also supported and trained); a skilled team is
 * supported (praise, support, collaboration, direction withdrawn); a skilled and engaged team
 * is delegated to, which is leading from behind. Stages change with hysteresis
 * (HERD_STAGE_TABLE, herd/policy.h), and, as the hybrid does, the leader goes to the front
 * in a crisis, a coordination breakdown or a shortfall, with the hybrid's front stance and
 * thresholds. */
#include "policies/builtin.h"
#include "style.h"

static const herd_style situational = {
    .switching = 1,
    .staged = 1,
    .calm = HERD_BEHIND_STANCE,
    .front = HERD_HYBRID_FRONT_STANCE,
    .stage =
        {
            [HERD_STAGE_DIRECTING] =
                {
                    .direction = 0.35,
                    .own_work = 0.1,
                    .support = 0.05,
                    .recognition = 0.05,
                    .collaboration = 0.05,
                    .training = 0.2,
                    .plan = 0.2,
                    .front_mode = 1,
                },
            [HERD_STAGE_COACHING] =
                {
                    .direction = 0.2,
                    .own_work = 0.05,
                    .support = 0.2,
                    .recognition = 0.15,
                    .delegation = 0.05,
                    .collaboration = 0.1,
                    .training = 0.15,
                    .plan = 0.1,
                    .front_mode = 1,
                },
            [HERD_STAGE_SUPPORTING] =
                {
                    .direction = 0.05,
                    .support = 0.25,
                    .recognition = 0.2,
                    .delegation = 0.15,
                    .collaboration = 0.2,
                    .training = 0.05,
                    .plan = 0.1,
                },
            [HERD_STAGE_DELEGATING] = HERD_BEHIND_STANCE,
        },
    HERD_STYLE_DEFAULTS
};

const herd_policy_type herd_situational_policy_type = HERD_STYLE_TYPE(
    "situational",
    "directs, coaches, supports or delegates as the team's skill and engagement grow; from "
    "the front in a crisis or a shortfall",
    &situational, switching);

const herd_policy_type *herd_policy_situational = &herd_situational_policy_type;
