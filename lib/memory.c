/* What a simulation takes and what this machine can give it. */
#include "memory.h"

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "errmsg.h"
#include "herd/error.h"
#include "herd/sim.h"
#include "org.h"

#define TEAM_BYTES 512.0 /* per team beyond the agents: stream, sums, policy pointers */

double herd_memory_estimate(const herd_params *p, size_t state_size)
{
    double teams = (double)p->n_teams;
    return herd_org_memory_estimate(p) + teams * (TEAM_BYTES + (double)state_size);
}

double herd_sim_memory_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    double limit = pages > 0 && size > 0 ? (double)pages * (double)size : 1e300;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        (double)rl.rlim_cur < limit)
        limit = (double)rl.rlim_cur;
    return limit;
}

static void human_bytes(double b, char *buf, size_t n)
{
    const char *unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (b >= 1024 && u < 6) {
        b /= 1024;
        u++;
    }
    snprintf(buf, n, "%.1f %s", b, unit[u]);
}

int herd_memory_check(const herd_params *p, double need, double limit, char *msg,
                      size_t msg_size)
{
    if (!(limit > 0))
        limit = herd_sim_memory_limit();
    if (need <= limit)
        return HERD_OK;
    char need_s[32], have_s[32];
    human_bytes(need, need_s, sizeof need_s);
    human_bytes(limit, have_s, sizeof have_s);
    return herd_errf(msg, msg_size, HERD_ETOOBIG,
                     "%ld teams of %ld agents need about %s, more than the %s of memory "
                     "available", p->n_teams, p->team_size, need_s, have_s);
}
