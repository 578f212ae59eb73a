#ifndef HERD_TOOLS_CLI_SCENARIO_H
#define HERD_TOOLS_CLI_SCENARIO_H

/* Scenarios as every subcommand loads them: the file, then the command line's overrides,
 * then validation and the memory check. cmd is the subcommand, for messages. Not
 * installed. */
#include <stddef.h>

#include "herd/policy.h"
#include "herd/scenario.h"

/* What the command line sets over the file: each --set KEY=VALUE in order, then --ticks,
 * --seed and --reps where not NULL. */
typedef struct cli_overrides {
    const char *const *sets;
    size_t n_sets;
    const char *ticks, *seed, *reps;
} cli_overrides;

/* Applies ov to s (ov may be NULL): 0, or HERD_EXIT_USAGE after saying on stderr which
 * option and key were refused and why. */
int cli_scenario_override(const char *cmd, herd_scenario *s, const cli_overrides *ov);

/* Checks HERD_MEMORY_LIMIT (cli_memory_check), loads path with the catalogue's policies,
 * applies ov and validates: 0 with *out set (the caller frees it), or HERD_EXIT_USAGE with
 * *out NULL after the message on stderr, which names the file, line and key where it can. */
int cli_scenario_load(const char *cmd, const char *path, const herd_catalog *catalog,
                      const cli_overrides *ov, herd_scenario **out);

/* Whether one simulation of s fits in cli_memory_limit() (tools/cli_memory.h): 0, or
 * HERD_EXIT_USAGE after saying how much it needs. */
int cli_scenario_fits(const herd_scenario *s);

#endif
