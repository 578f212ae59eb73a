/* Runs the engine for counting instructions or timing it: TEAM_SIZE AGENTS TICKS [--time
 * [THREADS]] makes a simulation of AGENTS agents in teams of TEAM_SIZE under the hybrid
 * policy, defaults otherwise, seed 1, one thread, and runs 2 + TICKS ticks. The count of a run
 * with TICKS = T less that of a run with TICKS = 0, divided by AGENTS x T, is the instructions
 * per agent-tick (bench/README.md). With --time it prints the agent-ticks per second of the
 * last TICKS ticks, on THREADS threads (default 1).
 * It uses only functions that version 0.2.0 has too, so that bench/versus.sh can build it
 * against either version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int run(herd_sim *sim, long agents, long ticks, int timed)
{
    int rc = herd_sim_run(sim, 2);
    double start = now();
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, ticks);
    double seconds = now() - start;
    if (rc == HERD_OK && timed)
        printf("%.6e\n", seconds > 0 ? (double)agents * (double)ticks / seconds : 0.0);
    return rc;
}

int main(int argc, char **argv)
{
    long team = 0, agents = 0, ticks = 0, threads = 1;
    int timed = (argc == 5 || argc == 6) && strcmp(argv[4], "--time") == 0;
    if ((argc != 4 && !timed) || !parse_long(argv[1], 1, &team) ||
        !parse_long(argv[2], 1, &agents) || !parse_long(argv[3], 0, &ticks) || agents < team ||
        (argc == 6 && !parse_long(argv[5], 1, &threads))) {
        fprintf(stderr, "usage: %s TEAM_SIZE AGENTS TICKS [--time [THREADS]]\n", argv[0]);
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
    s.threads = (int)threads;
    s.parallel_min_agents = 1;
    herd_sim *sim = NULL;
    int rc = herd_sim_new_with(&sim, &p, 1, &s);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_hybrid);
    if (rc == HERD_OK)
        rc = run(sim, p.team_size * p.n_teams, ticks, timed);
    if (rc != HERD_OK)
        fprintf(stderr, "%s: the run failed: %s\n", argv[0],
                sim != NULL ? herd_sim_errmsg(sim) : herd_strerror(rc));
    herd_sim_free(sim);
    return rc == HERD_OK ? 0 : 1;
}
