#ifndef HERD_TOOLS_CLI_GNUPLOT_H
#define HERD_TOOLS_CLI_GNUPLOT_H

/* Drawing the plots a subcommand scripted. Not installed. */
#include <stddef.h>

/* What a script sets its output names from: every image is drawn as NAME.part. */
#define CLI_GNUPLOT_PART ".part"

/* Runs gnuplot (HERD_GNUPLOT, else gnuplot on the PATH) in dir on plots.gp with part set to
 * CLI_GNUPLOT_PART, then renames each of the n images from NAME.part to NAME if gnuplot
 * succeeded, or removes the .part files if it failed. Without gnuplot, says so on stderr
 * after "who: " and returns 0. Returns 0, or 1 with err saying what failed; *drawn (if drawn
 * is not NULL) is 1 if every image was put in place, 0 otherwise. */
int cli_gnuplot(const char *who, const char *dir, const char *const *images, size_t n,
                int *drawn, char *err, size_t err_size);

#endif
