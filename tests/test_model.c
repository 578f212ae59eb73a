/* Each mechanism on its own: the other dynamics are frozen (rates set to zero) and two runs
 * with common random numbers differ in one thing only. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

/* A policy that holds the stance its type's data points to. */
static int fixed_init(void *state, const void *data, const herd_params *params, long team)
{
    (void)params;
    (void)team;
    memcpy(state, data, sizeof(herd_stance));
    return 0;
}

static int fixed_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    (void)view;
    memcpy(s, state, sizeof *s);
    return 0;
}

static herd_policy_type fixed_policy(const herd_stance *stance)
{
    herd_policy_type t = {.version = HERD_POLICY_VERSION, .name = "fixed",
                          .description = "a stance held constant",
                          .state_size = sizeof(herd_stance), .init = fixed_init,
                          .decide = fixed_decide, .data = stance};
    return t;
}

/* No state variable moves unless a test turns its rate back on. */
static herd_params frozen(void)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 30;
    p.engagement_rate = 0;
    p.success_engagement = 0;
    p.failure_engagement = 0;
    p.initiative_rate = 0;
    p.dependence_rate = 0;
    p.bond_rate = 0;
    p.learn_doing = p.learn_attempt = p.learn_coaching = p.learn_training = 0;
    p.learn_direction = p.learn_peers = p.skill_decay = 0;
    p.quit_base = p.quit_engagement = p.quit_bond = 0;
    return p;
}

typedef struct totals {
    double output, innovation, morale, skill, bond, gap, attention, turnover;
    herd_record last;
} totals;

static totals run(const herd_params *p, const herd_stance *stance, const herd_event *ev,
                  long ticks, long from)
{
    herd_policy_type type = fixed_policy(stance);
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, p, 21), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, &type), HERD_OK);
    if (ev != NULL)
        ck_assert_int_eq(herd_sim_add_event(sim, ev), HERD_OK);
    totals t = {0};
    for (long k = 0; k < ticks; k++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        const herd_record *r = herd_sim_record(sim);
        if (k < from)
            continue;
        t.output += r->output;
        t.innovation += r->innovation;
        t.gap += r->coordination_gap;
        t.attention += r->attention;
        t.turnover += r->turnover;
    }
    t.last = *herd_sim_record(sim);
    t.morale = t.last.morale;
    t.skill = t.last.skill;
    t.bond = t.last.bond;
    herd_sim_free(sim);
    return t;
}

static const herd_stance directive = {.direction = 0.6, .plan = 0.1};
static const herd_stance hands_off = {.plan = 0.1};

START_TEST(direction_helps_novices_on_a_familiar_task)
{
    herd_params p = frozen();
    p.skill_mean = 0.2;
    totals led = run(&p, &directive, NULL, 10, 0);
    totals alone = run(&p, &hands_off, NULL, 10, 0);
    ck_assert_double_gt(led.output, alone.output);
}
END_TEST

START_TEST(direction_on_a_novel_task_lowers_routine_output)
{
    herd_params p = frozen();
    herd_event novel = {HERD_EVENT_NOVELTY, 0, 20, 0.9, 0, 0};
    totals familiar = run(&p, &directive, NULL, 10, 0);
    totals novel_task = run(&p, &directive, &novel, 10, 0);
    ck_assert_double_lt(novel_task.output, familiar.output);
    /* And the novelty costs a directed team more than one left alone: confusion. */
    totals alone_familiar = run(&p, &hands_off, NULL, 10, 0);
    totals alone_novel = run(&p, &hands_off, &novel, 10, 0);
    ck_assert_double_gt(familiar.output - novel_task.output,
                        alone_familiar.output - alone_novel.output);
}
END_TEST

START_TEST(direction_suppresses_innovation_attempts)
{
    herd_params p = frozen();
    p.skill_mean = 0.7;
    totals led = run(&p, &directive, NULL, 100, 0);
    totals alone = run(&p, &hands_off, NULL, 100, 0);
    ck_assert_double_lt(led.innovation, alone.innovation);
}
END_TEST

START_TEST(recognition_raises_engagement)
{
    herd_params p = frozen();
    p.engagement_rate = herd_params_find("engagement_rate")->def;
    const herd_stance praised = {.recognition = 0.3, .plan = 0.1};
    totals with = run(&p, &praised, NULL, 40, 0);
    totals without = run(&p, &hands_off, NULL, 40, 0);
    ck_assert_double_gt(with.morale, without.morale + 0.05);
}
END_TEST

START_TEST(support_raises_skill_growth)
{
    herd_params p = frozen();
    p.learn_coaching = herd_params_find("learn_coaching")->def;
    const herd_stance supportive = {.support = 0.5, .plan = 0.1};
    totals with = run(&p, &supportive, NULL, 52, 0);
    totals without = run(&p, &hands_off, NULL, 52, 0);
    ck_assert_double_gt(with.skill, without.skill + 0.02);
    ck_assert_double_eq_tol(without.skill, run(&p, &hands_off, NULL, 1, 0).skill, 1e-6);
}
END_TEST

START_TEST(an_absent_leader_gives_no_direction)
{
    herd_params p = frozen();
    p.skill_mean = 0.2;
    herd_event away = {HERD_EVENT_ABSENCE, 0, 30, 1, 0, 0};
    totals absent_directive = run(&p, &directive, &away, 10, 0);
    totals absent_hands_off = run(&p, &hands_off, &away, 10, 0);
    ck_assert_double_eq(absent_directive.attention, 0);
    /* With the leader away, what the stance would have done makes no difference. */
    ck_assert_double_eq(absent_directive.output, absent_hands_off.output);
    ck_assert_double_eq(absent_directive.innovation, absent_hands_off.innovation);
}
END_TEST

START_TEST(a_crisis_raises_the_need_for_coordination)
{
    herd_params p = frozen();
    const herd_stance collaborative = {.collaboration = 0.4, .delegation = 0.3, .plan = 0.1};
    herd_event crisis = {HERD_EVENT_CRISIS, 0, 20, 0.9, 0, 0};
    totals calm = run(&p, &collaborative, NULL, 10, 0);
    totals acute = run(&p, &collaborative, &crisis, 10, 0);
    ck_assert_double_eq(calm.gap, 0);
    ck_assert_double_gt(acute.gap, 0);
    ck_assert_double_lt(acute.output, calm.output);
    /* Direction supplies coordination at once. */
    const herd_stance commanding = {.direction = 0.6, .collaboration = 0.4, .plan = 0.1};
    totals directed = run(&p, &commanding, &crisis, 10, 0);
    ck_assert_double_lt(directed.gap, acute.gap);
}
END_TEST

START_TEST(delegation_lets_front_runners_innovate_more)
{
    herd_params p = frozen();
    p.skill_mean = 0.8;
    p.initiative_mean = 0.7;
    const herd_stance delegating = {.delegation = 0.4, .plan = 0.1};
    totals with = run(&p, &delegating, NULL, 100, 0);
    totals without = run(&p, &hands_off, NULL, 100, 0);
    ck_assert_double_gt(with.last.front_runners, 0);
    ck_assert_double_gt(with.innovation, without.innovation);
}
END_TEST

START_TEST(collaboration_is_collective_genius)
{
    herd_params p = frozen();
    p.skill_mean = 0.7;
    const herd_stance collaborative = {.collaboration = 0.4, .plan = 0.1};
    totals with = run(&p, &collaborative, NULL, 100, 0);
    totals without = run(&p, &hands_off, NULL, 100, 0);
    ck_assert_double_gt(with.innovation, without.innovation);
}
END_TEST

START_TEST(leavers_are_replaced_by_new_hires)
{
    herd_params p = frozen();
    p.quit_base = 0.05;
    p.hire_bond = 0;
    p.bond_mean = 0.6;
    totals t = run(&p, &hands_off, NULL, 20, 0);
    ck_assert_double_gt(t.turnover, 0);
    ck_assert_double_lt(t.bond, 0.6);
}
END_TEST

START_TEST(the_attention_budget_binds)
{
    herd_params p = frozen();
    const herd_stance greedy = {.direction = 1, .support = 1, .recognition = 1, .plan = 1};
    totals t = run(&p, &greedy, NULL, 5, 0);
    ck_assert_double_eq_tol(t.attention / 5, 1, 1e-12);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("mechanisms");
    tcase_add_test(tc, direction_helps_novices_on_a_familiar_task);
    tcase_add_test(tc, direction_on_a_novel_task_lowers_routine_output);
    tcase_add_test(tc, direction_suppresses_innovation_attempts);
    tcase_add_test(tc, recognition_raises_engagement);
    tcase_add_test(tc, support_raises_skill_growth);
    tcase_add_test(tc, an_absent_leader_gives_no_direction);
    tcase_add_test(tc, a_crisis_raises_the_need_for_coordination);
    tcase_add_test(tc, delegation_lets_front_runners_innovate_more);
    tcase_add_test(tc, collaboration_is_collective_genius);
    tcase_add_test(tc, leavers_are_replaced_by_new_hires);
    tcase_add_test(tc, the_attention_budget_binds);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
