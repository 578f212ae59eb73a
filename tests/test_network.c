/* The collaboration network as herd_sim_network gives it: known answers of whole networks,
 * clique teams or not, what the view shows of it, and arrays too small for it. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

typedef struct network_case {
    long n_teams, team_size, department_teams;
    double ties_within, ties_across;
    uint64_t seed;
    uint64_t hash; /* FNV-1a over offsets[0..n_agents], then targets */
} network_case;

/* The whole networks as version 0.3.0 built and stored them, row by row. Cliques of 10 and
 * of 100, a last department cut short, teams of one, a lone department of one team (no ties
 * across), and teams tied inside at random. */
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

typedef struct network {
    size_t n;
    uint64_t ties;
    uint64_t *offsets;
    uint32_t *targets;
} network;

static network network_of(herd_sim *sim)
{
    network w = {.n = (size_t)(herd_sim_params(sim)->n_teams * herd_sim_params(sim)->team_size)};
    ck_assert_int_eq(herd_sim_network_ties(sim, &w.ties), HERD_OK);
    w.offsets = malloc((w.n + 1) * sizeof *w.offsets);
    w.targets = malloc((size_t)w.ties * sizeof *w.targets + 1);
    ck_assert_int_eq(herd_sim_network(sim, w.offsets, w.n + 1, w.targets, (size_t)w.ties),
                     HERD_OK);
    ck_assert_uint_eq(w.offsets[w.n], w.ties);
    return w;
}

static void network_free(network *w)
{
    free(w->offsets);
    free(w->targets);
}

static uint64_t network_hash(herd_sim *sim)
{
    network w = network_of(sim);
    uint64_t h = fnv(14695981039346656037u, w.offsets, (w.n + 1) * sizeof *w.offsets);
    h = fnv(h, w.targets, (size_t)w.ties * sizeof *w.targets);
    network_free(&w);
    return h;
}

START_TEST(networks_keep_their_known_answers)
{
    herd_sim *sim = case_sim(&cases[_i]);
    ck_assert_uint_eq(network_hash(sim), cases[_i].hash);
    herd_sim_free(sim);
}
END_TEST

/* The view shows the network where it is stored whole, and the same as herd_sim_network. */
START_TEST(the_view_shows_the_network_only_where_it_is_stored_whole)
{
    herd_sim *sim = case_sim(&cases[_i]);
    herd_org_view v;
    herd_sim_org(sim, &v);
    ck_assert_int_eq(v.offsets == NULL, cases[_i].ties_within >= 1);
    ck_assert_int_eq(v.targets == NULL, cases[_i].ties_within >= 1);
    if (v.offsets != NULL) {
        network w = network_of(sim);
        ck_assert_mem_eq(v.offsets, w.offsets, (w.n + 1) * sizeof *w.offsets);
        ck_assert_mem_eq(v.targets, w.targets, (size_t)w.ties * sizeof *w.targets);
        network_free(&w);
    }
    herd_sim_free(sim);
}
END_TEST

/* Arrays too small are named with their room and what the network needs, and left alone;
 * larger ones are filled as far as the network goes. */
START_TEST(arrays_too_small_are_refused_and_larger_ones_filled_in_front)
{
    herd_sim *sim = case_sim(&cases[2]);
    network w = network_of(sim);
    size_t n = w.n, ties = (size_t)w.ties;
    uint64_t *offsets = malloc((n + 2) * sizeof *offsets);
    uint32_t *targets = malloc((ties + 1) * sizeof *targets);
    memset(offsets, 0xab, (n + 2) * sizeof *offsets);
    memset(targets, 0xab, (ties + 1) * sizeof *targets);
    char expected[160];
    ck_assert_int_eq(herd_sim_network(sim, offsets, n, targets, ties), HERD_EINVAL);
    snprintf(expected, sizeof expected, "network: offsets has room for %zu values, the network "
             "needs n_agents + 1 = %zu", n, n + 1);
    ck_assert_str_eq(herd_sim_errmsg(sim), expected);
    ck_assert_int_eq(herd_sim_network(sim, offsets, n + 1, targets, ties - 1), HERD_EINVAL);
    snprintf(expected, sizeof expected, "network: targets has room for %zu ties, the network "
             "has %zu", ties - 1, ties);
    ck_assert_str_eq(herd_sim_errmsg(sim), expected);
    ck_assert_uint_eq(offsets[0], 0xababababababababu);
    ck_assert_uint_eq(targets[0], 0xababababu);
    ck_assert_int_eq(herd_sim_network(sim, offsets, n + 1, NULL, ties), HERD_EINVAL);
    ck_assert_str_eq(herd_sim_errmsg(sim), "network: targets is NULL");
    ck_assert_int_eq(herd_sim_network_ties(sim, NULL), HERD_EINVAL);
    ck_assert_str_eq(herd_sim_errmsg(sim), "network: n_ties is NULL");

    ck_assert_int_eq(herd_sim_network(sim, offsets, n + 2, targets, ties + 1), HERD_OK);
    ck_assert_mem_eq(offsets, w.offsets, (n + 1) * sizeof *offsets);
    ck_assert_mem_eq(targets, w.targets, ties * sizeof *targets);
    ck_assert_uint_eq(offsets[n + 1], 0xababababababababu);
    ck_assert_uint_eq(targets[ties], 0xababababu);
    free(offsets);
    free(targets);
    network_free(&w);
    herd_sim_free(sim);
}
END_TEST

/* Teams of one have no ties to team mates, and with no other team in their department none
 * across either: no targets are needed. */
START_TEST(a_network_without_ties_needs_no_targets)
{
    const network_case lone = {1, 1, 1, 1, 2, 3, 0};
    herd_sim *sim = case_sim(&lone);
    uint64_t ties = 1, offsets[2] = {9, 9};
    ck_assert_int_eq(herd_sim_network_ties(sim, &ties), HERD_OK);
    ck_assert_uint_eq(ties, 0);
    ck_assert_int_eq(herd_sim_network(sim, offsets, 2, NULL, 0), HERD_OK);
    ck_assert_uint_eq(offsets[0], 0);
    ck_assert_uint_eq(offsets[1], 0);
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
    TCase *api = tcase_create("api");
    tcase_add_loop_test(api, the_view_shows_the_network_only_where_it_is_stored_whole, 0,
                        (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(api, arrays_too_small_are_refused_and_larger_ones_filled_in_front);
    tcase_add_test(api, a_network_without_ties_needs_no_targets);
    suite_add_tcase(s, api);
    return run_suite(s);
}
