/* The collaboration network: known answers of whole networks, clique teams or not. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "herd/herd.h"
#include "runner.h"

typedef struct network_case {
    long n_teams, team_size, department_teams;
    double ties_within, ties_across;
    uint64_t seed;
    uint64_t hash; /* FNV-1a over offsets[0..n_agents], then targets */
} network_case;

/* The whole networks as version 0.3.0 built and stored them, row by row. Cliques of 10 and of 100, a last department cut short, teams of one, a lone department
 * of one team (no ties across), and teams tied inside at random. */
static const network_case cases[] = {
    {30, 10, 10, 1, 0.5, 1, 0xee1923e6bf3766a1u},
    {20, 100, 4, 1, 3, 7, 0xfca5872c43eaa40fu},
    {7, 6, 3, 1, 2.5, 11, 0x012fe81c153e5d99u},
    {40, 1, 5, 1, 4, 13, 0x4cfaacf817f04809u},
    {1, 9, 10, 1, 2, 17, 0x2911c6dae8c8336du},
    {9, 8, 3, 0.4, 1.5, 19, 0x0faaa7011e8dc67cu},
};

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211u;
    return h;
}

static herd_sim *case_sim(const network_case *c)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = c->n_teams;
    p.team_size = c->team_size;
    p.department_teams = c->department_teams;
    p.ties_within = c->ties_within;
    p.ties_across = c->ties_across;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, c->seed), HERD_OK);
    return sim;
}

static uint64_t network_hash(herd_sim *sim)
{
    herd_org_view v;
    herd_sim_org(sim, &v);
    size_t n = (size_t)v.n_agents;
    uint64_t h = fnv(14695981039346656037u, v.offsets, (n + 1) * sizeof *v.offsets);
    return fnv(h, v.targets, (size_t)v.offsets[n] * sizeof *v.targets);
}

START_TEST(networks_keep_their_known_answers)
{
    herd_sim *sim = case_sim(&cases[_i]);
    ck_assert_uint_eq(network_hash(sim), cases[_i].hash);
    herd_sim_free(sim);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("network");
    TCase *tc = tcase_create("known answers");
    tcase_add_loop_test(tc, networks_keep_their_known_answers, 0,
                        (int)(sizeof cases / sizeof cases[0]));
    suite_add_tcase(s, tc);
    return run_suite(s);
}
