#ifndef HERD_POLICIES_BUILTIN_H
#define HERD_POLICIES_BUILTIN_H

/* The built-in policy types as objects, so that a constant list can name them. Not installed. */
#include "herd/policy.h"

extern const herd_policy_type herd_front_policy_type;
extern const herd_policy_type herd_behind_policy_type;
extern const herd_policy_type herd_servant_policy_type;
extern const herd_policy_type herd_hybrid_policy_type;
extern const herd_policy_type herd_situational_policy_type;

/* Leading from behind, which the hybrid does away from the front. */
#define HERD_BEHIND_STANCE                                                                   \
    {                                                                                        \
        .direction = 0.05, .own_work = 0, .support = 0.15, .recognition = 0.15,             \
        .delegation = 0.25, .collaboration = 0.2, .training = 0.1, .plan = 0.1,             \
        .front_mode = 0,                                                                     \
    }

/* The hybrid's stance at the front, which the situational leader shares. */
#define HERD_HYBRID_FRONT_STANCE                                                             \
    {                                                                                        \
        .direction = 0.4, .own_work = 0.15, .support = 0.15, .recognition = 0.1,            \
        .collaboration = 0.05, .plan = 0.15, .front_mode = 1,                                \
    }

#endif
