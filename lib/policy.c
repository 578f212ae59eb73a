#include "herd/policy.h"

#include <string.h>

#include "herd/error.h"
#include "policy_call.h"
#include "policies/builtin.h"

static const herd_policy_type *const builtins[] = {
    &herd_front_policy_type,
    &herd_behind_policy_type,
    &herd_servant_policy_type,
    &herd_hybrid_policy_type,
    &herd_situational_policy_type,
    NULL,
};

const herd_policy_type *const *herd_policy_builtins(void)
{
    return builtins;
}

const herd_policy_type *herd_policy_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; builtins[i] != NULL; i++)
        if (strcmp(builtins[i]->name, name) == 0)
            return builtins[i];
    return NULL;
}

double herd_stance_attention(const herd_stance *s)
{
    if (s == NULL)
        return 0;
    return s->direction + s->support + s->recognition + s->own_work + s->delegation +
           s->collaboration + s->training + s->plan;
}

int herd_policy_decide(const herd_policy_type *type, void *state, const herd_team_view *view,
                       herd_stance *stance)
{
    if (type == NULL || view == NULL || stance == NULL || herd_policy_check(type) != HERD_OK)
        return HERD_EINVAL;
    return herd_policy_call(type, state, view, stance);
}

herd_status herd_policy_check(const herd_policy_type *type)
{
    if (type == NULL || type->version < 1 || type->version > HERD_POLICY_VERSION ||
        type->name == NULL)
        return HERD_EINVAL;
    int decides = type->decide != NULL || (type->version >= 3 && type->decide_data != NULL);
    if (!decides)
        return HERD_EINVAL;
    return HERD_OK;
}
