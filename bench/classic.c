/* Times each classic model against a straightforward version written here, with the same
 * rules: median of 5 runs each, and the ratio naive / herd. Given the path of herd-classic,
 * also times March's runs through the CLI (its standard output sent to /dev/null) against
 * the library computing what the CLI writes (each run observed every period for its series,
 * then the summary), for 200 and for 2000 runs: the two by turns, PAIRS times, so that the
 * machine's other load falls on both alike; it prints the medians of each and the median of
 * the pairs' ratios CLI / library. Then the CLI's cost whatever it runs (one period of one
 * run), which those ratios include. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>

#include "herd/classic.h"
#include "herd/rng.h"
#include "timing.h"

enum { RUNS = 5, PAIRS = 15 };

static double median_time(void (*work)(void))
{
    double t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        double start = bench_now();
        work();
        t[i] = bench_now() - start;
    }
    return bench_median(t, RUNS);
}

static volatile double sink; /* keeps results alive so the work is not optimised away */

/* ---- March: 200 runs to equilibrium, p1 = p2 = 0.5 ---- */

enum { M = 30, N = 50, MARCH_REPS = 200 };

static int naive_sign(herd_pcg32 *r) { return herd_pcg32_bounded(r, 2) ? 1 : -1; }

/* Everything recomputed each period, a draw for every belief whether needed or not, and the
 * equilibrium test of the published recreations. */
static double naive_march_run(uint64_t seed)
{
    herd_pcg32 r;
    herd_pcg32_stream(&r, seed, 0);
    int reality[M], code[M] = {0}, belief[N][M], action[N][M], superior[N];
    for (int d = 0; d < M; d++)
        reality[d] = naive_sign(&r);
    for (int i = 0; i < N; i++)
        for (int d = 0; d < M; d++)
            belief[i][d] = (int)herd_pcg32_bounded(&r, 3) - 1;
    for (int period = 0; period < 100000; period++) {
        int code_score = 0;
        for (int d = 0; d < M; d++)
            code_score += code[d] * reality[d];
        for (int i = 0; i < N; i++) {
            int perf = 0;
            for (int d = 0; d < M; d++) {
                action[i][d] = belief[i][d] ? belief[i][d] : naive_sign(&r);
                perf += action[i][d] * reality[d];
            }
            superior[i] = perf > code_score;
        }
        for (int i = 0; i < N; i++)
            for (int d = 0; d < M; d++)
                if (herd_pcg32_double(&r) < 0.5 && code[d] != 0 && belief[i][d] != code[d])
                    belief[i][d] += code[d];
        for (int d = 0; d < M; d++) {
            int plus = 0, minus = 0;
            for (int i = 0; i < N; i++) {
                plus += superior[i] && action[i][d] > 0;
                minus += superior[i] && action[i][d] < 0;
            }
            int majority = plus > minus ? 1 : plus < minus ? -1 : 0;
            if (majority != 0 && code[d] != majority &&
                herd_pcg32_double(&r) >= pow(0.5, abs(plus - minus)))
                code[d] = majority;
        }
        int changing = 0;
        code_score = 0;
        for (int d = 0; d < M; d++)
            code_score += code[d] * reality[d];
        for (int i = 0; i < N && !changing; i++) {
            int best = 0;
            for (int d = 0; d < M; d++) {
                best += belief[i][d] * reality[d] + (belief[i][d] == 0);
                changing |= code[d] != 0 && belief[i][d] != code[d];
            }
            changing |= best > code_score;
        }
        if (!changing)
            break;
    }
    int right = 0;
    for (int d = 0; d < M; d++)
        right += code[d] == reality[d];
    return (double)right / M;
}

static void naive_march(void)
{
    double total = 0.0;
    for (unsigned rep = 0; rep < MARCH_REPS; rep++)
        total += naive_march_run(herd_seed_derive(1, rep));
    sink = total;
}

static void herd_march(void)
{
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    herd_classic_march_summary s;
    herd_classic_march_replicate(&p, 1, MARCH_REPS, &s, NULL, 0);
    sink = s.code_knowledge.mean;
}

/* ---- Hong-Page: one replication with the default pool ---- */

enum { RING = 2000, L = 12, K = 3, POOL = L * (L - 1) * (L - 2), TEAM = 10 };

typedef struct naive_agent {
    int step[K];
    double ability;
} naive_agent;

static int naive_climb(const double *v, const int *step, int pos)
{
    for (int failures = 0, j = 0; failures < K; j = (j + 1) % K) {
        int next = (pos + step[j]) % RING;
        if (v[next] > v[pos]) {
            pos = next;
            failures = 0;
        } else {
            failures++;
        }
    }
    return pos;
}

static double naive_team(const double *v, naive_agent *const *team)
{
    double total = 0.0;
    for (int start = 0; start < RING; start++) {
        int pos = start, improved = 1;
        while (improved) {
            improved = 0;
            for (int m = 0; m < TEAM; m++) {
                int next = naive_climb(v, team[m]->step, pos);
                improved |= v[next] > v[pos];
                pos = v[next] > v[pos] ? next : pos;
            }
        }
        total += v[pos];
    }
    return total / RING;
}

static int by_ability(const void *a, const void *b)
{
    double x = ((const naive_agent *)a)->ability, y = ((const naive_agent *)b)->ability;
    return (x < y) - (x > y);
}

static void naive_hongpage(void)
{
    static double v[RING];
    static naive_agent pool[POOL];
    herd_pcg32 r;
    herd_pcg32_stream(&r, 1, 0);
    for (int i = 0; i < RING; i++)
        v[i] = 100.0 * herd_pcg32_double(&r);
    int n = 0;
    for (int a = 1; a <= L; a++)
        for (int b = 1; b <= L; b++)
            for (int c = 1; c <= L; c++)
                if (a != b && b != c && a != c)
                    pool[n++] = (naive_agent){{a, b, c}, 0.0};
    for (int i = 0; i < POOL; i++) {
        double total = 0.0;
        for (int start = 0; start < RING; start++)
            total += v[naive_climb(v, pool[i].step, start)];
        pool[i].ability = total / RING;
    }
    qsort(pool, POOL, sizeof pool[0], by_ability);
    /* The random team: TEAM distinct agents, by a partial shuffle of the pool's indices. */
    static int pick[POOL];
    for (int i = 0; i < POOL; i++)
        pick[i] = i;
    naive_agent *best[TEAM], *random[TEAM];
    for (int m = 0; m < TEAM; m++) {
        int j = m + (int)herd_pcg32_bounded(&r, (uint32_t)(POOL - m)), t = pick[m];
        pick[m] = pick[j];
        pick[j] = t;
        best[m] = &pool[m];
        random[m] = &pool[pick[m]];
    }
    sink = naive_team(v, best) - naive_team(v, random);
}

static void herd_hongpage(void)
{
    herd_classic_hongpage_params p;
    herd_classic_hongpage_default(&p);
    herd_classic_hongpage_result res;
    herd_classic_hongpage_run(&p, 1, &res, NULL, 0);
    sink = res.best_team_performance - res.random_team_performance;
}

/* ---- Lazer-Friedman: one run, linear network, 100 rounds ---- */

enum { BITS = 20, INTER = 5, AGENTS = 100, ROUNDS = 100 };

static int deps[BITS][INTER + 1];
static double table[BITS][1 << (INTER + 1)];

static double naive_fitness(unsigned x)
{
    double total = 0.0;
    for (int i = 0; i < BITS; i++) {
        unsigned idx = 0;
        for (int j = 0; j <= INTER; j++)
            idx |= ((x >> deps[i][j]) & 1u) << j;
        total += table[i][idx];
    }
    return total / BITS;
}

static void naive_lazer(void)
{
    herd_pcg32 r;
    herd_pcg32_stream(&r, 1, 0);
    for (int i = 0; i < BITS; i++) {
        deps[i][0] = i;
        for (int j = 1; j <= INTER; j++) {
            int again;
            do {
                deps[i][j] = (int)herd_pcg32_bounded(&r, BITS);
                again = 0;
                for (int q = 0; q < j; q++)
                    again |= deps[i][q] == deps[i][j];
            } while (again);
        }
    }
    for (int i = 0; i < BITS; i++)
        for (int e = 0; e < 1 << (INTER + 1); e++)
            table[i][e] = herd_pcg32_double(&r);
    double max = 0.0;
    for (unsigned x = 0; x < 1u << BITS; x++)
        max = fmax(max, naive_fitness(x));
    static unsigned char linked[AGENTS][AGENTS];
    for (int a = 0; a < AGENTS; a++) {
        linked[a][(a + 1) % AGENTS] = 1;
        linked[a][(a + AGENTS - 1) % AGENTS] = 1;
    }
    unsigned sol[AGENTS], next[AGENTS];
    herd_pcg32 ar[AGENTS];
    for (int a = 0; a < AGENTS; a++) {
        herd_pcg32_stream(&ar[a], 1, 2 + (uint64_t)a);
        sol[a] = herd_pcg32_next(&ar[a]) & ((1u << BITS) - 1u);
    }
    double mean = 0.0;
    for (int t = 0; t < ROUNDS; t++) {
        for (int a = 0; a < AGENTS; a++) {
            int best = a;
            for (int b = 0; b < AGENTS; b++)
                if (linked[a][b] && naive_fitness(sol[b]) > naive_fitness(sol[best]))
                    best = b;
            unsigned trial = sol[a] ^ (1u << herd_pcg32_bounded(&ar[a], BITS));
            next[a] = best != a                                      ? sol[best]
                      : naive_fitness(trial) > naive_fitness(sol[a]) ? trial
                                                                     : sol[a];
        }
        memcpy(sol, next, sizeof sol);
    }
    for (int a = 0; a < AGENTS; a++)
        mean += pow(naive_fitness(sol[a]) / max, 8.0) / AGENTS;
    sink = mean;
}

static void herd_lazer(void)
{
    herd_classic_lazer_params p;
    herd_classic_lazer_default(&p);
    double series[ROUNDS + 1];
    herd_classic_lazer_run(&p, 1, series, NULL, NULL, 0);
    sink = series[ROUNDS];
}

/* ---- March through the CLI and the same through the library ---- */

static const char *cli_path; /* herd-classic, or NULL */
static unsigned cli_reps;    /* runs of the comparison */

/* Keeps what a series row of the CLI holds. */
static int keep_period(void *ctx, const herd_classic_march_result *now)
{
    double *kept = ctx;
    kept[0] += now->code_knowledge + now->individual_knowledge + now->code_score;
    return 0;
}

static void library_march(void)
{
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    herd_classic_march_result *res = calloc(cli_reps, sizeof *res);
    double kept = 0;
    herd_classic_march_summary s = {0};
    if (res == NULL)
        return;
    for (unsigned r = 0; r < cli_reps; r++)
        herd_classic_march_run(&p, herd_seed_derive(1, r), keep_period, &kept, &res[r], NULL, 0);
    herd_classic_march_summarise(&p, res, cli_reps, &s, NULL, 0);
    free(res);
    sink = s.code_knowledge.mean + kept;
}

/* Runs the CLI with these arguments after its path, its standard output sent to /dev/null. */
static void cli_run(char **args)
{
    char *argv[8] = {(char *)cli_path};
    for (int i = 0; i < 6 && args[i] != NULL; i++)
        argv[i + 1] = args[i];
    posix_spawn_file_actions_t quiet;
    pid_t pid;
    int status = 1;
    if (posix_spawn_file_actions_init(&quiet) != 0)
        return;
    if (posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0) == 0 &&
        posix_spawn(&pid, cli_path, &quiet, NULL, argv, NULL) == 0)
        waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&quiet);
    sink = status;
}

static void cli_march(void)
{
    char reps[16];
    snprintf(reps, sizeof reps, "%u", cli_reps);
    char *args[] = {"march", "--reps", reps, "--seed", "1", NULL};
    cli_run(args);
}

/* What the CLI costs whatever it runs: starting, one period of one run, exiting. */
static void cli_start(void)
{
    char *args[] = {"march", "--reps", "1", "--periods", "1", NULL};
    cli_run(args);
}

int main(int argc, char **argv)
{
    cli_path = argc > 1 ? argv[1] : NULL;
    const struct {
        const char *name;
        void (*herd)(void);
        void (*naive)(void);
    } cases[] = {
        {"march (200 runs to equilibrium)", herd_march, naive_march},
        {"hongpage (1 replication, pool 1320)", herd_hongpage, naive_hongpage},
        {"lazer (1 run, linear, 100 rounds)", herd_lazer, naive_lazer},
    };
    printf("%-38s %12s %12s %8s\n", "model", "herd s", "naive s", "ratio");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double h = median_time(cases[i].herd), n = median_time(cases[i].naive);
        printf("%-38s %12.4f %12.4f %8.2f\n", cases[i].name, h, n, n / h);
    }
    if (cli_path == NULL)
        return 0;
    double lib = 0;
    for (cli_reps = MARCH_REPS; cli_reps <= 10 * MARCH_REPS; cli_reps *= 10) {
        char name[48];
        snprintf(name, sizeof name, "march %u runs, CLI (cli s, lib s)", cli_reps);
        double cli_t[PAIRS], lib_t[PAIRS], ratio[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            double start = bench_now();
            library_march();
            lib_t[i] = bench_now() - start;
            start = bench_now();
            cli_march();
            cli_t[i] = bench_now() - start;
            ratio[i] = cli_t[i] / lib_t[i];
        }
        double cli = bench_median(cli_t, PAIRS);
        lib = bench_median(lib_t, PAIRS);
        printf("%-38s %12.4f %12.4f %8.2f\n", name, cli, lib, bench_median(ratio, PAIRS));
    }
    double start = median_time(cli_start);
    printf("%-38s %12.4f %12s %8.2f\n", "CLI start-up (1 period; s, / lib)", start, "",
           start / lib);
    return 0;
}
