/* Runs the engine for counting instructions: TEAM_SIZE AGENTS TICKS makes a simulation of
 * AGENTS agents in teams of TEAM_SIZE under the hybrid policy, defaults otherwise, seed 1,
 * one thread, and runs 2 + TICKS ticks. The count of a run with TICKS = T less that of a run
 * with TICKS = 0, divided by AGENTS x T, is the instructions per agent-tick (bench/README.md). */
#include <stdio.h>
#include <stdlib.h>

#include "herd/herd.h"

static int parse_long(const char *text, long min, long *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < min)
        return 0;
    *out = v;
    return 1;
}

int main(int argc, char **argv)
{
    long team = 0, agents = 0, ticks = 0;
    if (argc != 4 || !parse_long(argv[1], 1, &team) || !parse_long(argv[2], 1, &agents) ||
        !parse_long(argv[3], 0, &ticks) || agents < team) {
        fprintf(stderr, "usage: %s TEAM_SIZE AGENTS TICKS\n", argv[0]);
        return 2;
    }
    herd_params p;
    herd_params_default(&p);
    p.team_size = team;
    p.n_teams = agents / team;
    char msg[256];
    if (herd_params_validate(&p, msg, sizeof msg) != HERD_OK) {
        fprintf(stderr, "%s: %s\n", argv[0], msg);
        return 2;
    }
    herd_settings s;
    herd_settings_default(&s);
    s.threads = 1;
    herd_sim *sim = NULL;
    int rc = herd_sim_new_with(&sim, &p, 1, &s);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_hybrid);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, 2 + ticks);
    if (rc != HERD_OK)
        fprintf(stderr, "%s: the run failed: %s\n", argv[0],
                sim != NULL ? herd_sim_errmsg(sim) : herd_strerror(rc));
    herd_sim_free(sim);
    return rc == HERD_OK ? 0 : 1;
}
