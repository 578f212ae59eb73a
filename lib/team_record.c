/* Each team's record, from the per-team sums the engine keeps for its policies and for the
 * organisation's record. */
#include "sim_internal.h"

#include "herd/error.h"

herd_status herd_sim_team_records(const herd_sim *sim, herd_record *out, size_t n)
{
    if (sim == NULL || out == NULL || n != (size_t)sim->org.n_teams)
        return HERD_EINVAL;
    double size = (double)sim->org.team_size;
    for (size_t t = 0; t < n; t++)
        herd_record_from_sum(&sim->stats[t], size, 1, sim->tick - 1, &out[t]);
    return HERD_OK;
}
