#ifndef HERD_TOOLS_SWEEP_ANALYSE_SOBOL_H
#define HERD_TOOLS_SWEEP_ANALYSE_SOBOL_H

/* The Sobol indices of a Saltelli design for herd sweep --analyse. Not installed. */
#include "sweep_analyse_files.h"

/* First-order and total Sobol indices of every output for every policy, written to DIR as
 * tools/sweep_analyse_files.h says: 0, or an exit status of tools/cli.h. */
int analyse_sobol(const analyse_table *t, const char *dir);

#endif
