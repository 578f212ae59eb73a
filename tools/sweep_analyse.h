#ifndef HERD_TOOLS_SWEEP_ANALYSE_H
#define HERD_TOOLS_SWEEP_ANALYSE_H

/* herd sweep --analyse DIR [--difference P,Q]: the sensitivity of every output of DIR/runs.csv
 * to every varied parameter; difference may be NULL. Returns an exit status of tools/cli.h.
 * Not installed. */
int herd_sweep_analyse(const char *dir, const char *difference);

#endif
