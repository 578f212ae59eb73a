/* The network in checkpoints: version 4 holds what the simulation keeps (the ties across
 * teams of teams tied as cliques, every tie of other teams), version 3's whole rows are still
 * read, and a network no run has is refused with a message that names the agent and the tie. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "herd/herd.h"
#include "ckpt_blob.h"
#include "runner.h"
#include "sim_internal.h"

#define CLIQUES 0
#define PARTIAL 1

static char ckpt_path[64];

static void make_path(void)
{
    snprintf(ckpt_path, sizeof ckpt_path, "test_checkpoint_network_%ld.ckpt", (long)getpid());
}

static void remove_path(void)
{
    unlink(ckpt_path);
}

/* 54 agents in 9 teams of 6, departments of 3 teams, 2 ties across teams an agent; teams
 * tied as cliques (CLIQUES) or each pair of team mates with probability 0.6 (PARTIAL). */
static herd_sim *network_sim(int kind)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 9;
    p.team_size = 6;
    p.department_teams = 3;
    p.ties_across = 2;
    p.ties_within = kind == CLIQUES ? 1 : 0.6;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 21), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_hybrid), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 3), HERD_OK);
    return sim;
}

static herd_sim *saved_sim(int kind)
{
    herd_sim *sim = network_sim(kind);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    return sim;
}

/* The whole network of sim as herd_sim_network gives it, and as version 3 holds it: the
 * n + 1 offsets, then the targets. */
static ckpt_blob whole_network(herd_sim *sim)
{
    size_t n = (size_t)sim->org.n_agents;
    uint64_t ties;
    ck_assert_int_eq(herd_sim_network_ties(sim, &ties), HERD_OK);
    size_t head = (n + 1) * sizeof(uint64_t);
    ckpt_blob w = {malloc(head + (size_t)ties * sizeof(uint32_t)),
                   head + (size_t)ties * sizeof(uint32_t)};
    ck_assert_ptr_nonnull(w.bytes);
    ck_assert_int_eq(herd_sim_network(sim, (uint64_t *)w.bytes, n + 1,
                                      (uint32_t *)(w.bytes + head), (size_t)ties), HERD_OK);
    return w;
}

/* The network as version 4 holds it: the word that says what, then what sim keeps. */
static ckpt_blob kept_network(const herd_sim *sim)
{
    const herd_org *org = &sim->org;
    size_t n = (size_t)org->n_agents;
    uint32_t kind = org->teams_are_cliques ? 1 : 0;
    const void *offsets = kind ? (const void *)org->across_offsets : (const void *)org->offsets;
    const uint32_t *targets = kind ? org->across_targets : org->targets;
    size_t offsets_size = (n + 1) * (kind ? sizeof(uint32_t) : sizeof(uint64_t));
    size_t ties = kind ? org->across_offsets[n] : (size_t)org->offsets[n];
    ckpt_blob w = {malloc(4 + offsets_size + ties * 4), 4 + offsets_size + ties * 4};
    ck_assert_ptr_nonnull(w.bytes);
    memcpy(w.bytes, &kind, 4);
    memcpy(w.bytes + 4, offsets, offsets_size);
    memcpy(w.bytes + 4 + offsets_size, targets, ties * 4);
    return w;
}

/* The checkpoint at ckpt_path, saved from sim, as version 3 wrote it: the whole rows in place
 * of the kept network. Returns where the rows start. */
static size_t rewrite_as_version_3(herd_sim *sim)
{
    ckpt_blob b = ckpt_blob_read(ckpt_path), kept = kept_network(sim), whole = whole_network(sim);
    size_t at = ckpt_blob_find(&b, kept.bytes, kept.size);
    ckpt_blob_splice(&b, at, kept.size, whole.bytes, whole.size);
    uint32_t version = 3;
    memcpy(b.bytes + 8, &version, sizeof version);
    ckpt_blob_seal(&b);
    ckpt_blob_write(&b, ckpt_path);
    free(whole.bytes);
    free(kept.bytes);
    free(b.bytes);
    return at;
}

/* loaded has sim's network, kept in the same form, and steps on as sim does. */
static void expect_same(herd_sim *loaded, herd_sim *sim)
{
    ckpt_blob back = whole_network(loaded), saved = whole_network(sim);
    ck_assert_uint_eq(back.size, saved.size);
    ck_assert_mem_eq(back.bytes, saved.bytes, saved.size);
    const herd_org *a = &loaded->org, *b = &sim->org;
    ck_assert_int_eq(a->teams_are_cliques, b->teams_are_cliques);
    ck_assert_int_eq(a->offsets == NULL, b->offsets == NULL);
    ck_assert_int_eq(a->across_offsets == NULL, b->across_offsets == NULL);
    if (b->teams_are_cliques)
        ck_assert_mem_eq(a->across_owners, b->across_owners,
                         b->across_offsets[b->n_agents] * sizeof(uint32_t));
    for (int t = 0; t < 5; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        ck_assert_int_eq(herd_sim_step(loaded), HERD_OK);
        ck_assert_mem_eq(herd_sim_record(loaded), herd_sim_record(sim), sizeof(herd_record));
    }
    free(back.bytes);
    free(saved.bytes);
}

START_TEST(the_file_holds_the_network_as_the_simulation_keeps_it)
{
    herd_sim *sim = saved_sim(_i);
    ck_assert_int_eq(sim->org.teams_are_cliques, _i == CLIQUES);
    ckpt_blob b = ckpt_blob_read(ckpt_path), kept = kept_network(sim);
    ckpt_blob_find(&b, kept.bytes, kept.size);
    herd_sim *loaded = NULL;
    ck_assert_int_eq(herd_sim_load(&loaded, ckpt_path, NULL), HERD_OK);
    expect_same(loaded, sim);
    free(kept.bytes);
    free(b.bytes);
    herd_sim_free(loaded);
    herd_sim_free(sim);
}
END_TEST

/* Whole rows are 4 bytes a tie to a team mate more than the ties across alone, less the
 * 4-byte word and 4 bytes an agent of the narrower offsets. */
START_TEST(clique_teams_save_only_their_ties_across)
{
    herd_sim *sim = saved_sim(CLIQUES);
    ckpt_blob b = ckpt_blob_read(ckpt_path);
    size_t n = (size_t)sim->org.n_agents, mates = (size_t)sim->org.team_size - 1;
    rewrite_as_version_3(sim);
    ckpt_blob v3 = ckpt_blob_read(ckpt_path);
    ck_assert_uint_eq(v3.size - b.size, n * mates * 4 + (n + 1) * 4 - 4);
    free(v3.bytes);
    free(b.bytes);
    herd_sim_free(sim);
}
END_TEST

START_TEST(a_version_3_file_loads_and_goes_on_as_the_saved_simulation)
{
    herd_sim *sim = saved_sim(_i);
    rewrite_as_version_3(sim);
    ck_assert_uint_eq(ckpt_blob_version(ckpt_path), 3);
    herd_sim *loaded = NULL;
    ck_assert_int_eq(herd_sim_load(&loaded, ckpt_path, NULL), HERD_OK);
    expect_same(loaded, sim);
    ck_assert_int_eq(herd_sim_save(loaded, ckpt_path), HERD_OK);
    ck_assert_uint_eq(ckpt_blob_version(ckpt_path), HERD_CHECKPOINT_VERSION);
    herd_sim_free(loaded);
    herd_sim_free(sim);
}
END_TEST

static void expect_load_error(const char *expected)
{
    herd_sim *sim = (herd_sim *)&sim;
    char err[256] = "";
    herd_load_options opt = {.err = err, .err_size = sizeof err};
    ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_EFORMAT);
    ck_assert_ptr_null(sim);
    ck_assert_msg(strstr(err, expected) != NULL, "\"%s\" lacks \"%s\"", err, expected);
}

static void put_u32_at(ckpt_blob *b, size_t at, uint32_t v)
{
    memcpy(b->bytes + at, &v, sizeof v);
    ckpt_blob_seal(b);
    ckpt_blob_write(b, ckpt_path);
}

static void put_u64_at(ckpt_blob *b, size_t at, uint64_t v)
{
    memcpy(b->bytes + at, &v, sizeof v);
    ckpt_blob_seal(b);
    ckpt_blob_write(b, ckpt_path);
}

/* An agent of sim with at least two ties of the kind the file holds, not the first to have
 * any. */
static size_t agent_with_ties(const herd_sim *sim)
{
    const herd_org *org = &sim->org;
    for (size_t i = 1; i < (size_t)org->n_agents; i++) {
        uint64_t start = org->teams_are_cliques ? org->across_offsets[i] : org->offsets[i];
        uint64_t end = org->teams_are_cliques ? org->across_offsets[i + 1] : org->offsets[i + 1];
        if (start > 0 && end - start >= 2)
            return i;
    }
    ck_abort_msg("no agent with two ties");
    return 0;
}

/* A version 3 file's rows of clique teams must start with the team mates in order, since only
 * the ties across are kept, and those must leave the team. */
START_TEST(version_3_rows_of_clique_teams_start_with_the_team_mates)
{
    herd_sim *sim = saved_sim(CLIQUES);
    ckpt_blob whole = whole_network(sim);
    size_t at = rewrite_as_version_3(sim), n = (size_t)sim->org.n_agents;
    size_t i = agent_with_ties(sim), targets = at + (n + 1) * sizeof(uint64_t);
    size_t size = (size_t)sim->org.team_size, first = i / size * size;
    size_t mate = first + (i == first), next = mate + 1 + (i == mate + 1);
    const uint64_t *offsets = (const uint64_t *)whole.bytes;
    size_t across = (size_t)offsets[i] + 5;
    ckpt_blob b = ckpt_blob_read(ckpt_path), sound = ckpt_blob_read(ckpt_path);
    char expected[256];

    put_u32_at(&b, targets + offsets[i] * 4, (uint32_t)next);
    snprintf(expected, sizeof expected, "agent %zu: tie 0 of its row is to agent %zu, not to its "
             "team mate %zu", i, next, mate);
    expect_load_error(expected);
    memcpy(b.bytes, sound.bytes, b.size);
    put_u64_at(&b, at + (i + 1) * sizeof(uint64_t), offsets[i] + 4);
    snprintf(expected, sizeof expected, "agent %zu lacks ties to its team", i);
    expect_load_error(expected);
    memcpy(b.bytes, sound.bytes, b.size);
    put_u64_at(&b, at + (i + 1) * sizeof(uint64_t), offsets[i] - 1);
    snprintf(expected, sizeof expected, "the network's offsets are not ordered: agent %zu's "
             "ties end at %llu, before they start at %llu", i,
             (unsigned long long)offsets[i] - 1, (unsigned long long)offsets[i]);
    expect_load_error(expected);
    memcpy(b.bytes, sound.bytes, b.size);
    put_u32_at(&b, targets + across * 4, (uint32_t)mate);
    snprintf(expected, sizeof expected, "agent %zu: tie 0 across teams is to agent %zu, of its "
             "own team", i, mate);
    expect_load_error(expected);
    memcpy(b.bytes, sound.bytes, b.size);
    put_u32_at(&b, targets + across * 4, (uint32_t)n);
    snprintf(expected, sizeof expected, "agent %zu: tie 0 across teams is to agent %zu, beyond "
             "the %zu agents", i, n, n);
    expect_load_error(expected);

    free(sound.bytes);
    free(b.bytes);
    free(whole.bytes);
    herd_sim_free(sim);
}
END_TEST

typedef void (*network_damage)(herd_sim *sim, size_t agent, char *expected, size_t size);

static void tie_to_own_team(herd_sim *sim, size_t i, char *expected, size_t size)
{
    size_t team = (size_t)sim->org.team_size;
    size_t mate = i / team * team + (i % team == 0); /* the first team mate */
    sim->org.across_targets[sim->org.across_offsets[i] + 1] = (uint32_t)mate;
    snprintf(expected, size, "agent %zu: tie 1 across teams is to agent %zu, of its own team",
             i, mate);
}

static void tie_across_to_no_one(herd_sim *sim, size_t i, char *expected, size_t size)
{
    size_t n = (size_t)sim->org.n_agents;
    sim->org.across_targets[sim->org.across_offsets[i]] = (uint32_t)n;
    snprintf(expected, size, "agent %zu: tie 0 across teams is to agent %zu, beyond the %zu "
             "agents", i, n, n);
}

static void across_offsets_falling(herd_sim *sim, size_t i, char *expected, size_t size)
{
    uint32_t start = sim->org.across_offsets[i];
    sim->org.across_offsets[i + 1] = start - 1;
    snprintf(expected, size, "the network's offsets are not ordered: agent %zu's ties end at "
             "%lu, before they start at %lu", i, (unsigned long)start - 1, (unsigned long)start);
}

/* One tie fewer: the file holds one target less, which the count the parameters make finds. */
static void across_offsets_short(herd_sim *sim, size_t i, char *expected, size_t size)
{
    uint32_t *last = &sim->org.across_offsets[sim->org.n_agents];
    (void)i;
    --*last;
    snprintf(expected, size, "the network's offsets run from 0 to %lu; its parameters make %lu "
             "ties", (unsigned long)*last, (unsigned long)*last + 1);
}

static void across_offsets_from_1(herd_sim *sim, size_t i, char *expected, size_t size)
{
    (void)i;
    sim->org.across_offsets[0] = 1;
    snprintf(expected, size, "the network's offsets run from 1 to %lu",
             (unsigned long)sim->org.across_offsets[sim->org.n_agents]);
}

static void row_tie_to_no_one(herd_sim *sim, size_t i, char *expected, size_t size)
{
    size_t n = (size_t)sim->org.n_agents;
    sim->org.targets[sim->org.offsets[i] + 1] = (uint32_t)(2 * n);
    snprintf(expected, size, "agent %zu: tie 1 of its row is to agent %zu, beyond the %zu agents",
             i, 2 * n, n);
}

static void row_offsets_falling(herd_sim *sim, size_t i, char *expected, size_t size)
{
    uint64_t start = sim->org.offsets[i];
    sim->org.offsets[i + 1] = start - 1;
    snprintf(expected, size, "the network's offsets are not ordered: agent %zu's ties end at "
             "%llu, before they start at %llu", i, (unsigned long long)start - 1,
             (unsigned long long)start);
}

/* A network damaged in the simulation before saving, under a sound checksum, as a file written
 * to mislead would hold it. */
START_TEST(a_network_no_run_has_is_refused_naming_the_agent_and_the_tie)
{
    static const struct {
        int kind;
        network_damage damage;
    } cases[] = {
        {CLIQUES, tie_to_own_team},        {CLIQUES, tie_across_to_no_one},
        {CLIQUES, across_offsets_falling}, {CLIQUES, across_offsets_short},
        {CLIQUES, across_offsets_from_1},  {PARTIAL, row_tie_to_no_one},
        {PARTIAL, row_offsets_falling},
    };
    herd_sim *sim = network_sim(cases[_i].kind);
    char expected[256];
    cases[_i].damage(sim, agent_with_ties(sim), expected, sizeof expected);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    herd_sim_free(sim);
    expect_load_error(expected);
}
END_TEST

/* The word before the network must say what the parameters make of it. */
START_TEST(the_word_before_the_network_must_agree_with_the_parameters)
{
    for (int kind = CLIQUES; kind <= PARTIAL; kind++) {
        herd_sim *sim = saved_sim(kind);
        ckpt_blob b = ckpt_blob_read(ckpt_path), kept = kept_network(sim);
        size_t at = ckpt_blob_find(&b, kept.bytes, kept.size);
        put_u32_at(&b, at, kind == CLIQUES ? 0 : 1);
        expect_load_error(kind == CLIQUES ? "the network holds every tie (kind 0); with "
                                            "ties_within 1 it holds the ties across teams"
                                          : "the network holds the ties across teams (kind 1); "
                                            "with ties_within 0.6 it holds every tie");
        put_u32_at(&b, at, 7);
        expect_load_error("the network holds an unknown kind (kind 7)");
        free(kept.bytes);
        free(b.bytes);
        herd_sim_free(sim);
    }
}
END_TEST

/* Version 4 (variants 0, 1) and version 3 (2, 3) files of both kinds of team. */
static herd_sim *saved_in_version(int variant)
{
    herd_sim *sim = saved_sim(variant % 2);
    if (variant >= 2)
        rewrite_as_version_3(sim);
    return sim;
}

/* A file cut inside its network and sealed again, as if saved so: refused, nothing made. Cut
 * 2 bytes in, it holds less than its parameters claim; cut a byte short of the network's end,
 * it holds as much, and what it lacks is found once the rest is read; cut half way, the
 * smallest network, version 4's of clique teams, falls under the claim. */
START_TEST(a_file_cut_inside_its_network_is_refused)
{
    herd_sim *sim = saved_in_version(_i);
    ckpt_blob b = ckpt_blob_read(ckpt_path);
    ckpt_blob net = _i < 2 ? kept_network(sim) : whole_network(sim);
    size_t at = ckpt_blob_find(&b, net.bytes, net.size), trailer = 8 + 4;
    size_t cuts[] = {2, net.size / 2, net.size - 1};
    char claim[128];
    snprintf(claim, sizeof claim, "%ld teams of %ld agents need at least ", sim->org.n_teams,
             sim->org.team_size);
    const char *payload = "the payload's length disagrees with its content";
    const char *expected[] = {claim, _i == 0 ? claim : payload, payload};
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
        ckpt_blob cut = {malloc(b.size), b.size};
        ck_assert_ptr_nonnull(cut.bytes);
        memcpy(cut.bytes, b.bytes, b.size);
        ckpt_blob_splice(&cut, at + cuts[c], b.size - trailer - at - cuts[c], NULL, 0);
        ckpt_blob_seal(&cut);
        ckpt_blob_write(&cut, ckpt_path);
        expect_load_error(expected[c]);
        free(cut.bytes);
    }
    free(net.bytes);
    free(b.bytes);
    herd_sim_free(sim);
}
END_TEST

/* A version 3 file of teams of 100 holds 99 ties a member that clique teams no longer keep,
 * so it is several times larger than its simulation: read in pieces, it loads within a
 * memory limit of half its size. */
START_TEST(a_file_larger_than_the_memory_limit_loads_if_its_simulation_fits)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 200;
    p.team_size = 100;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 8), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_servant), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 2), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    rewrite_as_version_3(sim);
    ckpt_blob b = ckpt_blob_read(ckpt_path);
    free(b.bytes);
    char err[256] = "";
    herd_load_options opt = {.err = err, .err_size = sizeof err,
                             .memory_limit = (double)b.size / 2};
    herd_sim *loaded = NULL;
    ck_assert_msg(herd_sim_load_with(&loaded, ckpt_path, &opt) == HERD_OK, "%s", err);
    expect_same(loaded, sim);
    herd_sim_free(loaded);
    herd_sim_free(sim);
}
END_TEST

START_TEST(every_allocation_failure_while_loading_a_network_leaks_nothing)
{
    herd_sim_free(saved_in_version(_i));
    ckpt_load_failing_each_allocation(ckpt_path);
}
END_TEST

int main(void)
{
    make_path();
    Suite *s = suite_create("checkpoint_network");
    TCase *tc = tcase_create("checkpoint_network");
    tcase_add_checked_fixture(tc, NULL, remove_path);
    tcase_add_loop_test(tc, the_file_holds_the_network_as_the_simulation_keeps_it, 0, 2);
    tcase_add_test(tc, clique_teams_save_only_their_ties_across);
    tcase_add_loop_test(tc, a_version_3_file_loads_and_goes_on_as_the_saved_simulation, 0, 2);
    tcase_add_test(tc, version_3_rows_of_clique_teams_start_with_the_team_mates);
    tcase_add_loop_test(tc, a_network_no_run_has_is_refused_naming_the_agent_and_the_tie, 0, 7);
    tcase_add_test(tc, the_word_before_the_network_must_agree_with_the_parameters);
    tcase_add_loop_test(tc, a_file_cut_inside_its_network_is_refused, 0, 4);
    tcase_add_test(tc, a_file_larger_than_the_memory_limit_loads_if_its_simulation_fits);
    tcase_add_loop_test(tc, every_allocation_failure_while_loading_a_network_leaks_nothing, 0, 4);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
