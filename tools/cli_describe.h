#ifndef HERD_TOOLS_CLI_DESCRIBE_H
#define HERD_TOOLS_CLI_DESCRIBE_H

/* A canonical description of a loaded scenario: what decides its runs, one fact a line, in
 * an order and a spelling of numbers that do not depend on how the file was written. Two
 * scenarios with the same description make the same runs; comments, blank lines, the order
 * of keys inside a section and 0.5 spelt 5e-1 leave it as it is. Work that can be resumed
 * (herd sweep, herd run --resume) records the description it started with and compares it
 * with the one it has now. Not installed. */
#include <stddef.h>
#include <stdio.h>

#include "herd/scenario.h"

/* Writes to f the run's ticks, seed and replications, every parameter, the policies (the
 * default one and each team range's; left out without with_policies, for a caller that runs
 * its own policy on every team) and every event in the scenario's order. */
void cli_describe_scenario(FILE *f, const herd_scenario *s, int with_policies);

/* The first line where descriptions a and b differ, copied without its newline (cut to fit,
 * "nothing" past the end) into line_a and line_b of size bytes each; 0 if a and b are equal,
 * 1 otherwise. */
int cli_describe_difference(const char *a, const char *b, char *line_a, char *line_b,
                            size_t size);

#endif
