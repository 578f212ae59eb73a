/* Plug-ins that must be refused, one per BAD_KIND: 1 a wrong plug-in version, 2 a policy
 * named as a built-in, 3 a policy of another policy version, 4 no policies. Built without
 * BAD_KIND, it has no entry point at all. */
#include <herd/plugin.h>

#ifdef BAD_KIND
static int decide(void *state, const herd_team_view *view, herd_stance *stance)
{
    (void)state;
    (void)view;
    *stance = (herd_stance){.support = 1};
    return 0;
}

static const herd_policy_type policy = {
    .version = BAD_KIND == 3 ? HERD_POLICY_VERSION + 1 : HERD_POLICY_VERSION,
    .name = BAD_KIND == 2 ? "front" : "odd",
    .decide = decide,
};

static const herd_policy_type *const types[] = {&policy, NULL};
static const herd_plugin plugin = {BAD_KIND == 1 ? HERD_PLUGIN_VERSION + 1 : HERD_PLUGIN_VERSION,
                                   "bad", BAD_KIND == 4 ? NULL : types};

HERD_PLUGIN_EXPORT const herd_plugin *herd_plugin_entry(void);

HERD_PLUGIN_EXPORT const herd_plugin *herd_plugin_entry(void)
{
    return &plugin;
}
#else
HERD_PLUGIN_EXPORT int herd_not_a_plugin(void);

HERD_PLUGIN_EXPORT int herd_not_a_plugin(void)
{
    return 0;
}
#endif
