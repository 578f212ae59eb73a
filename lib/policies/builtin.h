#ifndef HERD_POLICIES_BUILTIN_H
#define HERD_POLICIES_BUILTIN_H

/* The built-in policy types as objects, so that a constant list can name them. Not installed. */
#include "herd/policy.h"

extern const herd_policy_type herd_front_policy_type;
extern const herd_policy_type herd_behind_policy_type;
extern const herd_policy_type herd_servant_policy_type;
extern const herd_policy_type herd_hybrid_policy_type;

#endif
