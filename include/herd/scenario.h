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
 * docs/SCENARIOS.md lists every section and key with its default and range; it is printed by
 * tools/scenario_doc from the tables below, which are the parser's own.
 *
 * A herd_scenario must come from herd_scenario_new, _load or _parse (the library keeps, after
 * the struct, where each value came from) and be released with herd_scenario_free. Its arrays
 * may be changed in place but not replaced. A team range with count 0 means every team from
 * first on. */

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

/* The sections a file may hold. NAME in "event.NAME" and "policy.NAME" is any label of
 * letters, digits, '_' and '-'. */
typedef struct herd_scenario_section {
    const char *name; /* "run", "organisation", "model", "policy.NAME", "event.NAME" */
    const char *doc;
} herd_scenario_section;

/* The keys of the sections other than the parameters' (those are herd_params_info). */
typedef struct herd_scenario_key {
    const char *section; /* as in herd_scenario_section */
    const char *name;
    const char *type;    /* "integer", "real", "seed", "policy", "kind" or "teams" */
    const char *def;     /* the default as a file would write it; NULL if required */
    double min, max;     /* the range of an integer or real key */
    const char *doc;
} herd_scenario_key;

/* Row i of each table, NULL past the end. */
HERD_API const herd_scenario_section *herd_scenario_section_info(size_t i);
HERD_API const herd_scenario_key *herd_scenario_key_info(size_t i);

/* The policy name the teams run: override's if not NULL, the one policy every team runs, or
 * "mixed". */
HERD_API const char *herd_scenario_policy_label(const herd_scenario *s,
                                                const herd_policy_type *override);

/* Bytes one simulation of s takes, estimated from its parameters before anything is made. */
HERD_API double herd_scenario_memory(const herd_scenario *s);
/* HERD_ETOOBIG with a message naming the size keys if herd_scenario_memory exceeds limit. */
HERD_API int herd_scenario_check_memory(const herd_scenario *s, double limit, char *err,
                                        size_t err_size);

/* A simulation of s with seed, its policies set (override's for every team if not NULL) and
 * its events added. The caller frees it. */
HERD_API int herd_scenario_sim_new(herd_sim **out, const herd_scenario *s, uint64_t seed,
                                   const herd_settings *settings,
                                   const herd_policy_type *override);

#endif
