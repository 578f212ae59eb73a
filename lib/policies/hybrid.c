/* Hybrid: leads from behind, and is "prepared to lead from the front ... in times of crisis,
 * when employees rely on leaders to restore order", or "if teams fail to meet goals". It
 * switches to the front on a crisis, a coordination breakdown or a shortfall against its
 * plan, and back only after several calm ticks: entering and leaving have different
 * thresholds (hysteresis), so it does not flap. At the front it directs, and, as the article
 * advises, offers "advice and expertise to make employees feel supported in difficult
 * situations": support and recognition stay, the leader does not take over the work. Its
 * thresholds are the defaults of HERD_STYLE_TABLE (herd/policy.h). */
#include "policies/builtin.h"
#include "style.h"

static const herd_style hybrid = {
    .switching = 1,
    .calm = HERD_BEHIND_STANCE,
    .front = HERD_HYBRID_FRONT_STANCE,
    HERD_STYLE_DEFAULTS
};

const herd_policy_type herd_hybrid_policy_type = HERD_STYLE_TYPE(
    "hybrid", "leads from behind; from the front in a crisis or a shortfall", &hybrid,
    switching);

const herd_policy_type *herd_policy_hybrid = &herd_hybrid_policy_type;
