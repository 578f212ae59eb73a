#ifndef HERD_TOOLS_SWEEP_H
#define HERD_TOOLS_SWEEP_H

/* herd sweep: parameter sweeps over a scenario, on threads or MPI ranks, with results that
 * survive a crash and a second start that finishes what the first left. argv[0] is "sweep". */
#include "herd/policy.h"

int herd_cli_sweep(int argc, char **argv, const herd_catalog *catalog);

/* herd sweep --analyse DIR [--difference P,Q] (tools/sweep_analyse.c); difference may be
 * NULL. */
int herd_sweep_analyse(const char *dir, const char *difference);

#endif
