/* Engine throughput: agent-ticks per second for 10^3 .. 10^6 agents in teams of 10 and of
 * 100, on 1 and 2 threads (median of several timed runs after a warm-up, with the spread
 * (max - min) / median), bytes of state per agent, peak memory, and the ratio of a tick's time
 * to a streaming floor that reads and writes as many bytes per agent as the tick does, timed
 * in the same run on the same number of threads. Writes a table to stdout and, given --csv, the
 * same as CSV to a file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "herd/herd.h"
#include "timing.h"

#define RUNS 5

static const long team_sizes[] = {10, 100};

typedef struct bench_args {
    long max_agents;
    long ticks;
    int max_threads;
    const char *csv;
} bench_args;

/* (max - min) / median of n sorted values. */
static double spread(const double *sorted, int n, double med)
{
    return med > 0 ? (sorted[n - 1] - sorted[0]) / med : 0;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Skill and engagement double-buffered, initiative, bond and dependence in one buffer, a
 * perspective and a tenure. */
static double state_bytes_per_agent(void)
{
    return (2 * 2 + 3) * sizeof(float) + sizeof(float) + sizeof(uint16_t);
}

/* Bytes a tick reads and writes per agent: the state variables, the perspective and tenure,
 * and the network. When every team is a clique the simulation keeps, and the tick reads,
 * only the index of ties across teams (a 4-byte offset, and per tie 4 bytes of target and 4
 * of owner), since its neighbourhood sums come from the team's sums; otherwise it reads
 * whole CSR rows. */
static int bytes_per_agent(herd_sim *sim, double *bytes)
{
    herd_org_view v;
    herd_sim_org(sim, &v);
    uint64_t ties = 0;
    int rc = herd_sim_network_ties(sim, &ties);
    if (rc != HERD_OK)
        return rc;
    double state = state_bytes_per_agent(), agents = (double)v.n_agents;
    if (v.offsets == NULL) {
        double across = (double)ties - agents * (double)(v.team_size - 1);
        *bytes = state + sizeof(uint32_t) + across / agents * 2 * sizeof(uint32_t);
    } else {
        *bytes = state + sizeof(uint64_t) + (double)ties / agents * sizeof(uint32_t);
    }
    return HERD_OK;
}

/* Seconds for one pass that reads `bytes` and writes half as many, as the tick does. */
static double stream_floor(size_t n_floats, int threads)
{
    float *src = malloc(n_floats * sizeof *src), *dst = malloc(n_floats / 2 * sizeof *dst);
    if (src == NULL || dst == NULL) {
        free(src);
        free(dst);
        return 0;
    }
    for (size_t i = 0; i < n_floats; i++)
        src[i] = (float)i;
    double best[RUNS];
    for (int r = 0; r < RUNS + 1; r++) {
        double t0 = bench_now();
#pragma omp parallel for num_threads(threads) schedule(static)
        for (size_t i = 0; i < n_floats / 2; i++)
            dst[i] = src[2 * i] + 0.5f * src[2 * i + 1];
        double dt = bench_now() - t0;
        if (r > 0)
            best[r - 1] = dt;
    }
    volatile float sink = dst[n_floats / 4];
    (void)sink;
    free(src);
    free(dst);
    return bench_median(best, RUNS);
}

static int time_engine(long agents, long team, int threads, long ticks, double *seconds_per_tick,
                       double *rel_spread, double *bytes)
{
    herd_params p;
    herd_params_default(&p);
    p.team_size = team;
    p.n_teams = agents / team;
    herd_settings s;
    herd_settings_default(&s);
    s.threads = threads;
    herd_sim *sim = NULL;
    int rc = herd_sim_new_with(&sim, &p, 1, &s);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_hybrid);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, 2);
    double runs[RUNS];
    for (int r = 0; r < RUNS && rc == HERD_OK; r++) {
        double t0 = bench_now();
        rc = herd_sim_run(sim, ticks);
        runs[r] = (bench_now() - t0) / (double)ticks;
    }
    if (rc == HERD_OK) {
        *seconds_per_tick = bench_median(runs, RUNS);
        *rel_spread = spread(runs, RUNS, *seconds_per_tick);
        rc = bytes_per_agent(sim, bytes);
    }
    herd_sim_free(sim);
    return rc;
}

/* A whole number from lo to hi, or -1. */
static long whole(const char *text, long lo, long hi)
{
    char *end;
    long v = strtol(text, &end, 10);
    return end != text && *end == '\0' && v >= lo && v <= hi ? v : -1;
}

/* 0, or 2 after saying on stderr which option is wrong. */
static int parse_args(int argc, char **argv, bench_args *a)
{
    *a = (bench_args){.max_agents = 1000000, .ticks = 20, .max_threads = 2, .csv = NULL};
    for (int i = 1; i < argc; i += 2) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        long v = val != NULL ? whole(val, 1, 100000000) : -1;
        if (strcmp(opt, "--csv") == 0 && val != NULL)
            a->csv = val;
        else if (strcmp(opt, "--max-agents") == 0 && v >= 1000)
            a->max_agents = v;
        else if (strcmp(opt, "--ticks") == 0 && v > 0)
            a->ticks = v;
        else if (strcmp(opt, "--threads") == 0 && v > 0 && v <= 64)
            a->max_threads = (int)v;
        else {
            fprintf(stderr, "herd-bench-engine: %s%s%s: expected --max-agents N (at least 1000), "
                            "--ticks T, --threads K (1 to 64) or --csv FILE\n",
                    opt, val != NULL ? " " : "", val != NULL ? val : "");
            return 2;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    bench_args a;
    if (parse_args(argc, argv, &a) != 0)
        return 2;
    FILE *csv = a.csv != NULL ? fopen(a.csv, "w") : NULL;
    if (a.csv != NULL && csv == NULL) {
        perror(a.csv);
        return 1;
    }
    if (csv != NULL)
        fprintf(csv, "agents,team,threads,agent_ticks_per_s,spread,state_bytes_per_agent,"
                     "bytes_per_agent,peak_rss_kib,floor_ratio\n");
    printf("%10s %5s %7s %16s %7s %12s %12s %12s %10s\n", "agents", "team", "threads",
           "agent-ticks/s", "spread", "state B/agt", "moved B/agt", "peak RSS KiB", "x floor");
    for (long agents = 1000; agents <= a.max_agents; agents *= 10) {
        for (size_t t = 0; t < sizeof team_sizes / sizeof team_sizes[0]; t++) {
            for (int threads = 1; threads <= a.max_threads; threads++) {
                double spt = 0, rel = 0, bytes = 0;
                long ticks = a.ticks * (1000000 / agents > 100 ? 100 : 1000000 / agents);
                if (time_engine(agents, team_sizes[t], threads, ticks, &spt, &rel, &bytes) !=
                    HERD_OK) {
                    fprintf(stderr, "engine failed at %ld agents\n", agents);
                    return 1;
                }
                double floor =
                    stream_floor((size_t)(agents * bytes / sizeof(float) * 2 / 3), threads);
                double rate = (double)agents / spt;
                double ratio = floor > 0 ? spt / floor : 0;
                printf("%10ld %5ld %7d %16.3e %6.0f%% %12.1f %12.1f %12ld %10.2f\n", agents,
                       team_sizes[t], threads, rate, 100 * rel, state_bytes_per_agent(), bytes,
                       peak_rss_kib(), ratio);
                if (csv != NULL)
                    fprintf(csv, "%ld,%ld,%d,%.6e,%.3f,%.1f,%.1f,%ld,%.3f\n", agents,
                            team_sizes[t], threads, rate, rel, state_bytes_per_agent(), bytes,
                            peak_rss_kib(), ratio);
            }
        }
    }
    if (csv != NULL && fclose(csv) != 0) {
        perror(a.csv);
        return 1;
    }
    return 0;
}
