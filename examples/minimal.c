/* The smallest herd program: default parameters, one policy, one run, two numbers.
 * Usage: minimal [TICKS] */
#include <stdio.h>
#include <stdlib.h>

#include <herd/herd.h>

int main(int argc, char **argv)
{
    long ticks = argc > 1 ? atol(argv[1]) : 104;
    herd_params params;
    herd_params_default(&params);
    params.n_teams = 20;

    herd_sim *sim;
    int rc = herd_sim_new(&sim, &params, 42);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_behind);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, ticks);
    if (rc != HERD_OK) {
        fprintf(stderr, "minimal: %s: %s\n", herd_strerror(rc), herd_sim_errmsg(sim));
        herd_sim_free(sim);
        return 1;
    }
    const herd_record *r = herd_sim_record(sim);
    printf("after %ld ticks: %.0f innovations, morale %.3f\n", ticks, r->innovation_cum,
           r->morale);
    herd_sim_free(sim);
    return 0;
}
