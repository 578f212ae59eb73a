#include "cli_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

enum { BAR = 40 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress_start(cli_progress *p, const char *cmd, const char *what, const char *unit,
                        int wanted)
{
    *p = (cli_progress){cmd, what, unit, wanted && isatty(STDERR_FILENO), 0, now(), 0};
}

int cli_progress_show(void *cookie, size_t done, size_t total)
{
    cli_progress *p = cookie;
    if (!p->on || total == 0)
        return 0;
    double t = now();
    if (t - p->start < 1.0 || t - p->last < 0.1)
        return 0;
    double share = done < total ? (double)done / (double)total : 1.0;
    int filled = (int)(share * BAR);
    double left = share > 0 ? (t - p->start) * (1 - share) / share : 0;
    int width = fprintf(stderr, "\rherd %s: %s%s[%.*s%*s] %zu/%zu %s, %.0fs left ", p->cmd,
                        p->what != NULL ? p->what : "", p->what != NULL ? " " : "", filled,
                        "########################################", BAR - filled, "", done,
                        total, p->unit, left);
    fflush(stderr);
    p->width = width > p->width ? width : p->width;
    p->last = t;
    return 0;
}

double cli_progress_seconds(const cli_progress *p)
{
    return now() - p->start;
}

void cli_progress_end(cli_progress *p)
{
    if (p->width > 0)
        fprintf(stderr, "\r%*s\r", p->width, "");
    p->width = 0;
}
