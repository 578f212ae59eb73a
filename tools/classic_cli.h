#ifndef HERD_TOOLS_CLASSIC_CLI_H
#define HERD_TOOLS_CLASSIC_CLI_H

#include <stdio.h>

/* `herd classic MODEL [--KEY VALUE]... [--reps N] [--seed N] [--out FILE|-]`, with argv[0]
 * "classic". Writes CSV to FILE (through a temporary file renamed into place) or to `out`;
 * messages go to `err`. Returns 0 on success, 1 on a run-time failure, 2 on bad usage. */
int herd_cli_classic(int argc, char **argv, FILE *out, FILE *err);

#endif
