#ifndef HERD_TOOLS_CLI_PROGRESS_H
#define HERD_TOOLS_CLI_PROGRESS_H

/* The progress line of every subcommand: on stderr, only when it is a terminal, first drawn
 * once the work has taken a second, then at most ten times a second:
 *   herd CMD: WHAT [#########               ] DONE/TOTAL UNIT, 12s left
 * Not installed. */
#include <stddef.h>

typedef struct cli_progress {
    const char *cmd, *what, *unit; /* what may be NULL */
    int on, width;                 /* width: of the line drawn last, 0 if none */
    double start, last;
} cli_progress;

/* Starts the clock; the line is drawn only if wanted and stderr is a terminal. */
void cli_progress_start(cli_progress *p, const char *cmd, const char *what, const char *unit,
                        int wanted);
/* Redraws p (a cli_progress) with done of total; returns 0, so that it serves as the
 * progress callback of the library's settings. */
int cli_progress_show(void *p, size_t done, size_t total);
/* Seconds since cli_progress_start. */
double cli_progress_seconds(const cli_progress *p);
/* Clears the line if one was drawn. */
void cli_progress_end(cli_progress *p);

#endif
