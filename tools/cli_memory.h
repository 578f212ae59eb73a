#ifndef HERD_TOOLS_CLI_MEMORY_H
#define HERD_TOOLS_CLI_MEMORY_H

/* What one simulation may take for the herd program: herd_sim_memory_limit(), or less if
 * the environment variable HERD_MEMORY_LIMIT (bytes) says so. Not installed. */
double cli_memory_limit(void);

#endif
