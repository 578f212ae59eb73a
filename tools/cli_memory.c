#include "cli_memory.h"

#include <stdlib.h>

#include "herd/sim.h"

double cli_memory_limit(void)
{
    double limit = herd_sim_memory_limit();
    const char *env = getenv("HERD_MEMORY_LIMIT");
    char *end;
    double v = env != NULL ? strtod(env, &end) : 0;
    if (env != NULL && end != env && *end == '\0' && v > 0 && v < limit)
        limit = v;
    return limit;
}
