#ifndef HERD_TOOLS_COMPARE_PLOT_H
#define HERD_TOOLS_COMPARE_PLOT_H

/* herd compare's plots. Not installed. */
#include <stddef.h>

#include "compare_study.h"

/* Writes plots.gp in the output folder and runs gnuplot on it. Returns 0 (plots drawn, or
 * gnuplot missing: said once on stderr), or 1 with err set. */
int cmp_plot(const cmp_study *st, char *err, size_t err_size);

#endif
