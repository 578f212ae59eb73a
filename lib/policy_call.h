#ifndef HERD_LIB_POLICY_CALL_H
#define HERD_LIB_POLICY_CALL_H

#include "herd/policy.h"

/* herd_policy_decide on a type herd_policy_check accepts, inline for the engine's loop. */
static inline int herd_policy_call(const herd_policy_type *type, void *state,
                                   const herd_team_view *view, herd_stance *stance)
{
    if (type->version >= 3 && type->decide_data != NULL)
        return type->decide_data(state, type->data, view, stance);
    return type->decide(state, view, stance);
}

#endif
