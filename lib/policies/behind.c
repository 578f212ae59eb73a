/* Lead from behind: the shepherd "stays behind the flock, allowing the group's strongest and
 * brightest members to go first"; harnesses "collective genius" through collaboration, makes
 * "a good plan", and supports people with praise, rewards and workshops. The stance is
 * HERD_BEHIND_STANCE (builtin.h), which the hybrid shares. */
#include "policies/builtin.h"
#include "style.h"

static const herd_style behind = {
    .calm = HERD_BEHIND_STANCE,
    .front = {.front_mode = 1},
    HERD_STYLE_DEFAULTS
};

const herd_policy_type herd_behind_policy_type = HERD_STYLE_TYPE(
    "behind", "leads from behind: front-runners go first, collaboration, a clear plan", &behind,
    fixed);

const herd_policy_type *herd_policy_behind = &herd_behind_policy_type;
