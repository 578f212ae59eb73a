/* The tick's two paths give the same bits: on a machine with AVX-512 a block runs its update
 * on vectors of HERD_WIDE lanes and takes its draws by jumps; told to keep narrow, the same
 * simulation runs on vectors of HERD_VECTOR lanes stepping each stream. The wide run also
 * fetches ahead, which an organisation this small would not do, and takes its draws by jumps
 * even where the machine has no AVX-512, so that the jumps are checked on every machine. Every tick's record, each
 * team's record and every employee's state must be equal, byte for byte. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"
#include "sim_internal.h"
#include "simd.h"

#define TICKS 30

typedef struct path_case {
    long n_teams, team_size;
    double ties_within, ties_across;
    int threads;
} path_case;

/* Teams of one, of less than a vector, about a vector, more than a segment and of many
 * segments; cliques and random ties inside; one thread and two. */
static const path_case cases[] = {
    {300, 1, 1, 2, 1},   {90, 7, 1, 2, 1},    {100, 10, 1, 0.5, 2}, {40, 33, 1, 3, 1},
    {12, 100, 1, 2, 2},  {60, 10, 0.4, 2, 1}, {20, 45, 0.3, 1, 2},
};

static herd_sim *case_sim(const path_case *c, int narrow)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = c->n_teams;
    p.team_size = c->team_size;
    p.ties_within = c->ties_within;
    p.ties_across = c->ties_across;
    herd_settings s;
    herd_settings_default(&s);
    s.threads = c->threads;
    s.parallel_min_agents = 1;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new_with(&sim, &p, 2024, &s), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_hybrid), HERD_OK);
    long half = c->n_teams / 2;
    ck_assert_int_eq(herd_sim_set_team_policy(sim, 0, half > 0 ? half : 1, herd_policy_front),
                     HERD_OK);
    const herd_event events[] = {
        {HERD_EVENT_CRISIS, 5, 6, 0.8, 0, half},
        {HERD_EVENT_HIRING, 12, 1, 0.3, half, 0},
        {HERD_EVENT_ABSENCE, 18, 3, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        ck_assert_int_eq(herd_sim_add_event(sim, &events[i]), HERD_OK);
    sim->narrow = narrow;
    sim->fetch_ahead = !narrow;
    sim->by_jumps = !narrow;
    return sim;
}

static void same_floats(const float *a, const float *b, long n, const char *what)
{
    ck_assert_msg(memcmp(a, b, (size_t)n * sizeof *a) == 0, "%s differs between the paths", what);
}

START_TEST(both_paths_give_the_same_bits)
{
    const path_case *c = &cases[_i];
    herd_sim *wide = case_sim(c, 0), *narrow = case_sim(c, 1);
    size_t n_teams = (size_t)c->n_teams;
    herd_record *team_w = calloc(n_teams, sizeof *team_w);
    herd_record *team_n = calloc(n_teams, sizeof *team_n);
    ck_assert_ptr_nonnull(team_w);
    ck_assert_ptr_nonnull(team_n);
    for (int t = 0; t < TICKS; t++) {
        ck_assert_int_eq(herd_sim_step(wide), HERD_OK);
        ck_assert_int_eq(herd_sim_step(narrow), HERD_OK);
        ck_assert_msg(memcmp(herd_sim_record(wide), herd_sim_record(narrow),
                             sizeof(herd_record)) == 0,
                      "case %d: the records of tick %d differ", _i, t);
        ck_assert_int_eq(herd_sim_team_records(wide, team_w, n_teams), HERD_OK);
        ck_assert_int_eq(herd_sim_team_records(narrow, team_n, n_teams), HERD_OK);
        ck_assert_msg(memcmp(team_w, team_n, n_teams * sizeof *team_w) == 0,
                      "case %d: the team records of tick %d differ", _i, t);
    }
    herd_org_view a, b;
    herd_sim_org(wide, &a);
    herd_sim_org(narrow, &b);
    same_floats(a.skill, b.skill, a.n_agents, "skill");
    same_floats(a.engagement, b.engagement, a.n_agents, "engagement");
    same_floats(a.initiative, b.initiative, a.n_agents, "initiative");
    same_floats(a.bond, b.bond, a.n_agents, "bond");
    same_floats(a.dependence, b.dependence, a.n_agents, "dependence");
    same_floats(a.perspective, b.perspective, a.n_agents, "perspective");
    ck_assert(memcmp(a.tenure, b.tenure, (size_t)a.n_agents * sizeof *a.tenure) == 0);
    free(team_w);
    free(team_n);
    herd_sim_free(wide);
    herd_sim_free(narrow);
}
END_TEST

int main(void)
{
    if (!herd_simd_wide())
        printf("tick paths: this machine has no AVX-512; the wide update is not compared, only "
               "the draws by jumps and the fetches ahead\n");
    Suite *s = suite_create("tick_paths");
    TCase *tc = tcase_create("wide and narrow");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, both_paths_give_the_same_bits, 0,
                        (int)(sizeof cases / sizeof cases[0]));
    suite_add_tcase(s, tc);
    return run_suite(s);
}
