#ifndef HERD_TOOLS_CLI_PLUGINS_H
#define HERD_TOOLS_CLI_PLUGINS_H

/* --plugin FILE for every subcommand that names policies. Not installed. */
#include "herd/herd.h"

/* Takes every "--plugin FILE" and "--plugin=FILE" out of argv (argc shrinks to match) and
 * makes *out, a catalogue of the built-ins and every plug-in's policies. Returns 0, or
 * HERD_EXIT_USAGE after saying on stderr which file was refused and why (*out is then
 * NULL), or HERD_EXIT_FAIL when out of memory. */
int cli_plugins_take(const char *cmd, int *argc, char **argv, herd_catalog **out);

/* "front, behind, ..., readiness (plug-in FILE)": the catalogue's policies, for messages. */
void cli_plugins_list(FILE *f, const herd_catalog *catalog);

#endif
