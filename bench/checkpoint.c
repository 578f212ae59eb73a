/* Saves and loads a checkpoint of a large simulation, for measuring its file and the memory
 * each side takes (bench/README.md). `save TEAM_SIZE AGENTS FILE` makes AGENTS agents in teams
 * of TEAM_SIZE under the hybrid policy, defaults otherwise, seed 1, runs one tick and saves it
 * to FILE, printing the file's bytes and the seconds saving took; `load FILE` loads it,
 * printing the seconds, and runs one tick more. GNU time's %M gives the peak memory of each.
 * It uses only functions that earlier versions have too, so that it builds against them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "herd/herd.h"
#include "timing.h"

static int save(long team, long agents, const char *path)
{
    herd_params p;
    herd_params_default(&p);
    p.team_size = team;
    p.n_teams = agents / team;
    herd_sim *sim = NULL;
    int rc = herd_sim_new(&sim, &p, 1);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_hybrid);
    if (rc == HERD_OK)
        rc = herd_sim_step(sim);
    double start = bench_now();
    if (rc == HERD_OK)
        rc = herd_sim_save(sim, path);
    struct stat st;
    if (rc == HERD_OK && stat(path, &st) == 0)
        printf("%lld bytes, saved in %.2f s\n", (long long)st.st_size, bench_now() - start);
    if (rc != HERD_OK)
        fprintf(stderr, "herd-bench-checkpoint: %s\n",
                sim != NULL ? herd_sim_errmsg(sim) : herd_strerror(rc));
    herd_sim_free(sim);
    return rc;
}

static int load(const char *path)
{
    herd_sim *sim = NULL;
    char err[512] = "";
    herd_load_options opt = {.err = err, .err_size = sizeof err};
    double start = bench_now();
    int rc = herd_sim_load_with(&sim, path, &opt);
    if (rc == HERD_OK)
        printf("loaded in %.2f s\n", bench_now() - start);
    if (rc == HERD_OK && (rc = herd_sim_step(sim)) != HERD_OK)
        snprintf(err, sizeof err, "%s", herd_sim_errmsg(sim));
    if (rc != HERD_OK)
        fprintf(stderr, "herd-bench-checkpoint: %s: %s\n", path, err);
    herd_sim_free(sim);
    return rc;
}

int main(int argc, char **argv)
{
    long team = argc == 5 ? atol(argv[2]) : 0, agents = argc == 5 ? atol(argv[3]) : 0;
    if (argc == 5 && strcmp(argv[1], "save") == 0 && team > 0 && agents >= team)
        return save(team, agents, argv[4]) == HERD_OK ? 0 : 1;
    if (argc == 3 && strcmp(argv[1], "load") == 0)
        return load(argv[2]) == HERD_OK ? 0 : 1;
    fprintf(stderr, "usage: %s save TEAM_SIZE AGENTS FILE | load FILE\n", argv[0]);
    return 2;
}
