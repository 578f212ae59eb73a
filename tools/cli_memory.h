#ifndef HERD_TOOLS_CLI_MEMORY_H
#define HERD_TOOLS_CLI_MEMORY_H

/* What one simulation may take for the herd program: herd_sim_memory_limit(), or less if
 * the environment variable HERD_MEMORY_LIMIT says so: a number of bytes, at least 1 and
 * whole (1e9 is), or unset or empty for none. Not installed. */

/* Whether HERD_MEMORY_LIMIT is unset, empty or a valid number of bytes: 0, or
 * HERD_EXIT_USAGE after saying on stderr "herd CMD: HERD_MEMORY_LIMIT=..." and what it must
 * be. Every subcommand that loads a scenario calls it first (cli_scenario_load). */
int cli_memory_check(const char *cmd);
/* The limit; a HERD_MEMORY_LIMIT that cli_memory_check refuses is not used. */
double cli_memory_limit(void);

#endif
