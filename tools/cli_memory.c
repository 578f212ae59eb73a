#include "cli_memory.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "cli.h"
#include "cli_args.h"
#include "herd/sim.h"

/* HERD_MEMORY_LIMIT as bytes into *bytes, 0 when it is unset or empty: 0, or -1 if it is
 * not a whole number of bytes from 1 up. */
static int env_limit(const char *env, double *bytes)
{
    *bytes = 0;
    if (env == NULL || *env == '\0')
        return 0;
    char *end;
    errno = 0;
    double v = strtod(env, &end);
    if (end == env || *end != '\0' || errno != 0 || !isfinite(v) || v < 1 || v != floor(v))
        return -1;
    *bytes = v;
    return 0;
}

int cli_memory_check(const char *cmd)
{
    const char *env = getenv("HERD_MEMORY_LIMIT");
    double bytes;
    if (env_limit(env, &bytes) == 0)
        return 0;
    return cli_say(cmd, HERD_EXIT_USAGE,
                   "HERD_MEMORY_LIMIT=%s: expected the bytes one simulation may take, a "
                   "whole number from 1 such as 4000000000, or the variable unset", env);
}

double cli_memory_limit(void)
{
    double limit = herd_sim_memory_limit(), bytes;
    if (env_limit(getenv("HERD_MEMORY_LIMIT"), &bytes) == 0 && bytes > 0 && bytes < limit)
        limit = bytes;
    return limit;
}
