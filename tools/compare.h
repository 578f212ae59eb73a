#ifndef HERD_TOOLS_COMPARE_H
#define HERD_TOOLS_COMPARE_H

/* herd compare: every policy on every scenario, paired replications, summary tables and
 * plots. argv[0] is "compare". Returns 0 done, 1 a run or a write failed, 2 bad usage or
 * bad input. Not installed. */
#include "herd/policy.h"

int herd_cli_compare(int argc, char **argv, const herd_catalog *catalog);

#endif
