#ifndef HERD_SCENARIO_H
#define HERD_SCENARIO_H

/* Scenario files: INI text that sets parameters, policies, the run and events. This layer
 * sits on top of the engine, which knows nothing of files.
 *
 *   [organisation] / [model] ...  every herd_params field by its own name
 *   [run]      ticks, seed, reps, policy
 *   [policy.N] teams = FIRST-LAST, policy = NAME   (per team range)
 *   [event.N]  kind, start, length, intensity, teams
 *   [style.N]  base, switching, the stance's shares, front.*, thresholds (a declared style)
 *
 * docs/SCENARIOS.md lists every section and key with its default and range; it is printed by
 * tools/scenario_doc from the tables below, which are the parser's own.
 *
 * A herd_scenario must come from herd_scenario_new, _load or _parse (the library keeps, after
 * the struct, where each value came from) and be released with herd_scenario_free. Its arrays
 * may be changed in place but not replaced. A team range with count 0 means every team from
 * first on.
 *
 * Policy names resolve through the scenario: its declared styles first, then its catalogue
 * (the built-ins when it was loaded without one). A declared style is a policy type owned by
 * the scenario: the pointers to it live as long as the scenario.
 *
 * Memory: a scenario keeps the allocator it was made with (the one given to
 * herd_scenario_new_with, _parse_opts or _load_opts; malloc and free without one) and takes
 * from it everything it owns and every temporary block of the functions below: parsing and
 * loading, copying (herd_scenario_copy_with may choose another), setting keys, writing text
 * and freeing. Outside it: libinih's line buffer, which an installed libinih built to keep
 * its line on the heap takes from malloc (its failure is HERD_ENOMEM all the same), and the
 * C library's FILE of a load. */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "herd/alloc.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/params.h"
#include "herd/policy.h"
#include "herd/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/* Defaults: herd_params_default, the default run, the behind policy, no events. On failure
 * *out is NULL: HERD_ENOMEM, HERD_EINVAL for a NULL out or half an allocator (allocator
 * NULL: malloc and free). */
HERD_API herd_status herd_scenario_new(herd_scenario **out);
HERD_API herd_status herd_scenario_new_with(herd_scenario **out, const herd_allocator *allocator);
/* Reads a file, naming policies from the built-ins. On failure *out is NULL and err holds
 * "FILE:LINE: key: what is wrong". */
HERD_API herd_status herd_scenario_load(herd_scenario **out, const char *path, char *err,
                                        size_t err_size);
/* The same from text in memory; name stands for the file in messages. */
HERD_API herd_status herd_scenario_parse(herd_scenario **out, const char *text, size_t len,
                                         const char *name, char *err, size_t err_size);
/* The same, naming policies from catalog (NULL: the built-ins), which must outlive the
 * scenario and its copies. */
HERD_API herd_status herd_scenario_load_with(herd_scenario **out, const char *path,
                                             const herd_catalog *catalog, char *err,
                                             size_t err_size);
HERD_API herd_status herd_scenario_parse_with(herd_scenario **out, const char *text, size_t len,
                                              const char *name, const herd_catalog *catalog,
                                              char *err, size_t err_size);

/* What a scenario is read with; herd_scenario_options_default: the built-ins, malloc and
 * free. */
typedef struct herd_scenario_options {
    /* Policy names resolve through it (NULL: the built-ins); it must outlive the scenario and
     * its copies. */
    const herd_catalog *catalog;
    /* The scenario's allocator (copied); NULL: malloc and free. */
    const herd_allocator *allocator;
} herd_scenario_options;

HERD_API void herd_scenario_options_default(herd_scenario_options *opt);
/* herd_scenario_parse and _load with options (NULL: the defaults). Besides their statuses,
 * HERD_EINVAL with err "allocator: ..." for half an allocator, and HERD_ENOMEM with err
 * "FILE[:LINE]: out of memory" when the allocator fails; nothing is then left allocated. */
HERD_API herd_status herd_scenario_parse_opts(herd_scenario **out, const char *text, size_t len,
                                              const char *name, const herd_scenario_options *opt,
                                              char *err, size_t err_size);
HERD_API herd_status herd_scenario_load_opts(herd_scenario **out, const char *path,
                                             const herd_scenario_options *opt, char *err,
                                             size_t err_size);
/* A deep copy of s: its declared styles are the copy's own, and every policy pointer to a
 * style of s points at the copy's. HERD_EINVAL, HERD_ENOMEM (*out NULL). The copy is
 * allocated with s's allocator, or with allocator when it is not NULL (then HERD_EINVAL for
 * half of one); herd_scenario_copy_with writes why it failed into err ("FILE: out of memory
 * for a copy"; err may be NULL). */
HERD_API herd_status herd_scenario_copy(herd_scenario **out, const herd_scenario *s);
HERD_API herd_status herd_scenario_copy_with(herd_scenario **out, const herd_scenario *s,
                                             const herd_allocator *allocator, char *err,
                                             size_t err_size);
/* s as canonical scenario text: [run], the parameters that differ from their defaults in
 * [model], then the styles, policies and events in their order, every number exact. Parsing
 * the text (with the same catalogue) gives an equal scenario, whose text is the same.
 * herd_scenario_write: HERD_EIO if writing to f fails. herd_scenario_write_string: *text is
 * NUL-terminated and allocated with s's allocator: the caller frees it with free() for a
 * scenario made without one, else with that allocator's dealloc; HERD_ENOMEM (*text NULL). */
HERD_API herd_status herd_scenario_write(const herd_scenario *s, FILE *f);
HERD_API herd_status herd_scenario_write_string(const herd_scenario *s, char **text, size_t *len);

/* Sets one key as a file would: "key" for a parameter or run key, "section.key" in general,
 * "style.NAME.KEY" for a declared style's key (KEY may hold a dot: "front.direction"). A
 * missing labelled section is made, as a file would make it. Refused (HERD_ENOTFOUND, err
 * naming the key) for a key that does not exist; a style that then no longer resolves (a
 * cycle of bases, a threshold to leave above the one to enter) is put back as it was.
 * HERD_ENOMEM, err "KEY: out of memory", leaves a style's keys as they were. */
HERD_API herd_status herd_scenario_set(herd_scenario *s, const char *key, const char *value,
                                       char *err, size_t err_size);
/* The value of a key that holds a number, as herd_scenario_set names keys: a parameter, run
 * ticks, seed or reps, event.NAME.start, length or intensity, style.NAME.KEY (the value the
 * style runs with, its base's if not given). *is_integer (may be NULL) is 1 for a key that
 * takes whole numbers. A team range has two numbers of its own, for designs to vary:
 * policy.NAME.first and policy.NAME.count (event.NAME.first and .count likewise), the first
 * team and the number of teams of its "teams" (count 0 while "teams" runs to the last team).
 * HERD_ENOTFOUND for an unknown key or a section the scenario lacks, HERD_EINVAL for a key
 * that holds no number (a policy, a kind, teams); err names the key. */
HERD_API herd_status herd_scenario_get_number(const herd_scenario *s, const char *key,
                                              double *value, int *is_integer, char *err,
                                              size_t err_size);
/* Sets such a key to value, checked as herd_scenario_set checks text; unlike it, never makes
 * a section. Setting first or count of a team range sets its "teams" to first-(first + count - 1). */
HERD_API herd_status herd_scenario_set_number(herd_scenario *s, const char *key, double value,
                                              char *err, size_t err_size);
/* The model parameter a key sets, as herd_scenario_set names keys ("team_size",
 * "organisation.team_size", "model.quit_base"); NULL for a key that sets none ("run.ticks",
 * "event.NAME.start") or is no key. */
HERD_API const herd_param_info *herd_scenario_key_param(const char *key);

/* The policy named name: a declared style of s, then its catalogue; NULL if none. */
HERD_API const herd_policy_type *herd_scenario_find_policy(const herd_scenario *s,
                                                           const char *name);
/* The declared styles: their number, and style i as a policy type in the order declared
 * (NULL past the end); herd_policy_style gives its values. */
HERD_API size_t herd_scenario_style_count(const herd_scenario *s);
HERD_API const herd_policy_type *herd_scenario_style(const herd_scenario *s, size_t i);
/* Checks the whole scenario (parameters, events inside the run, team ranges). */
HERD_API herd_status herd_scenario_validate(const herd_scenario *s, char *err, size_t err_size);
/* Sets policies (policy overrides every team's if not NULL) and adds the events. */
HERD_API herd_status herd_scenario_apply(const herd_scenario *s, herd_sim *sim,
                                         const herd_policy_type *policy);
HERD_API void herd_scenario_free(herd_scenario *s);

/* The sections a file may hold. NAME in "event.NAME" and "policy.NAME" is any label of
 * letters, digits, '_' and '-'. */
typedef struct herd_scenario_section {
    const char *name; /* "run", "organisation", "model", "policy.NAME", "event.NAME",
                         "style.NAME" */
    const char *doc;
} herd_scenario_section;

/* The keys of the sections other than the parameters' (those are herd_params_info) and a
 * style's (herd_style_key_info, with "base" here). */
typedef struct herd_scenario_key {
    const char *section; /* as in herd_scenario_section */
    const char *name;
    const char *type;    /* "integer", "real", "seed", "policy", "kind", "teams" or "style" */
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
/* HERD_ETOOBIG if herd_scenario_memory exceeds limit (bytes; 0 or less: herd_sim_memory_limit),
 * with err "FILE:LINE: n_teams: N teams of M agents need about X, more than the Y of memory
 * available" naming the size key; HERD_EINVAL for NULL. */
HERD_API herd_status herd_scenario_check_memory(const herd_scenario *s, double limit, char *err,
                                        size_t err_size);

/* A simulation of s with seed, its policies set (override's for every team if not NULL) and
 * its events added. The caller frees it. */
HERD_API herd_status herd_scenario_sim_new(herd_sim **out, const herd_scenario *s, uint64_t seed,
                                           const herd_settings *settings,
                                           const herd_policy_type *override);

#ifdef __cplusplus
}
#endif

#endif
