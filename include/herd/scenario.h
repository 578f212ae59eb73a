#ifndef HERD_SCENARIO_H
#define HERD_SCENARIO_H

/* Scenario files: INI text that sets parameters, policies, the run and events. This layer
 * sits on top of the engine, which knows nothing of files.
 *
 *   [organisation] / [model] ...  every herd_params field by its own name
 *   [run]      ticks, seed, reps, policy
 *   [policy.N] teams = FIRST-LAST, policy = NAME   (per team range)
 *   [event.N]  kind, start, length, intensity, teams
 *
 * docs/SCENARIOS.md lists every section and key with its default and range. */

#include <stddef.h>
#include <stdint.h>

#include "herd/export.h"
#include "herd/params.h"
#include "herd/policy.h"
#include "herd/sim.h"

typedef struct herd_team_policy {
    long first, count;
    const herd_policy_type *policy;
} herd_team_policy;

typedef struct herd_scenario {
    herd_params params;
    long ticks;
    uint64_t seed;
    long reps;
    const herd_policy_type *policy; /* every team not covered by team_policies */
    herd_team_policy *team_policies;
    size_t n_team_policies;
    herd_event *events;
    size_t n_events;
} herd_scenario;

/* Defaults: herd_params_default, the default run, the behind policy, no events. */
HERD_API int herd_scenario_new(herd_scenario **out);
/* Reads a file. On failure *out is NULL and err holds "FILE:LINE: key: what is wrong". */
HERD_API int herd_scenario_load(herd_scenario **out, const char *path, char *err, size_t err_size);
/* The same from text in memory; name stands for the file in messages. */
HERD_API int herd_scenario_parse(herd_scenario **out, const char *text, size_t len,
                                 const char *name, char *err, size_t err_size);
/* Sets one key as a file would: "key" for a parameter or run key, "section.key" in general. */
HERD_API int herd_scenario_set(herd_scenario *s, const char *key, const char *value, char *err,
                               size_t err_size);
/* Checks the whole scenario (parameters, events inside the run, team ranges). */
HERD_API int herd_scenario_validate(const herd_scenario *s, char *err, size_t err_size);
/* Sets policies (policy overrides every team's if not NULL) and adds the events. */
HERD_API int herd_scenario_apply(const herd_scenario *s, herd_sim *sim,
                                 const herd_policy_type *policy);
HERD_API void herd_scenario_free(herd_scenario *s);

#endif
