/* The stylised facts of the model brief, each over 20 replications with common random
 * numbers, through the library's table of facts (include/herd/facts.h): the 95% confidence
 * interval of every paired difference must exclude zero in the stated direction. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "herd/herd.h"
#include "runner.h"

#define REPS 20
#define FACTS_SEED 1000

/* The facts' base scenario: default parameters, 20 teams, 260 ticks, seed 1000. */
static herd_scenario *base_scenario(void)
{
    herd_scenario *s = NULL;
    ck_assert_int_eq(herd_scenario_new(&s), HERD_OK);
    s->params.n_teams = 20;
    s->ticks = 260;
    s->seed = FACTS_SEED;
    return s;
}

static void expect_fact(const char *id)
{
    const herd_fact *f = herd_facts_find(id);
    ck_assert_ptr_nonnull(f);
    herd_scenario *s = base_scenario();
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = REPS;
    herd_fact_result res;
    char err[1024] = "";
    ck_assert_msg(herd_fact_evaluate(f, s, &cs, &res, err, sizeof err) == HERD_OK, "%s", err);
    herd_scenario_free(s);
    for (size_t i = 0; i < f->n_checks; i++) {
        const herd_fact_check *c = &f->checks[i];
        const herd_interval *d = &res.diff[i];
        printf("%s: %s - %s (%s) = %.4g [%.4g, %.4g]\n", id, (*c->a)->name, (*c->b)->name,
               c->measure_name, d->mean, d->low, d->high);
        ck_assert_msg(res.check_holds[i], "%s: %s - %s = %.4g, 95%% CI [%.4g, %.4g] does not "
                      "exclude 0", id, (*c->a)->name, (*c->b)->name, d->mean, d->low, d->high);
    }
    ck_assert_int_eq(res.holds, 1);
}

START_TEST(f1_skilled_team_long_horizon_behind_and_servant_out_innovate_front)
{
    expect_fact("F1");
}
END_TEST

START_TEST(f2_novice_team_short_horizon_front_gives_more_routine_output)
{
    expect_fact("F2");
}
END_TEST

START_TEST(f3_steady_state_morale_servant_and_behind_above_front)
{
    expect_fact("F3");
}
END_TEST

START_TEST(f4_skill_growth_is_highest_under_servant)
{
    expect_fact("F4");
}
END_TEST

START_TEST(f5_leader_absence_hurts_front_more_than_behind)
{
    expect_fact("F5");
}
END_TEST

START_TEST(f6_crisis_front_restores_order_fastest_and_hybrid_follows_it)
{
    expect_fact("F6a");
}
END_TEST

START_TEST(f6_crises_come_and_go_hybrid_has_most_cumulative_performance)
{
    expect_fact("F6b");
}
END_TEST

START_TEST(f7_novel_task_dip_is_deeper_under_front)
{
    expect_fact("F7");
}
END_TEST

START_TEST(f8_turnover_is_lower_under_behind_and_servant)
{
    expect_fact("F8");
}
END_TEST

START_TEST(f9_skilled_calm_team_behind_innovates_most_servant_grows_most)
{
    expect_fact("F9");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("facts");
    TCase *tc = tcase_create("stylised facts");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, f1_skilled_team_long_horizon_behind_and_servant_out_innovate_front);
    tcase_add_test(tc, f2_novice_team_short_horizon_front_gives_more_routine_output);
    tcase_add_test(tc, f3_steady_state_morale_servant_and_behind_above_front);
    tcase_add_test(tc, f4_skill_growth_is_highest_under_servant);
    tcase_add_test(tc, f5_leader_absence_hurts_front_more_than_behind);
    tcase_add_test(tc, f6_crisis_front_restores_order_fastest_and_hybrid_follows_it);
    tcase_add_test(tc, f6_crises_come_and_go_hybrid_has_most_cumulative_performance);
    tcase_add_test(tc, f7_novel_task_dip_is_deeper_under_front);
    tcase_add_test(tc, f8_turnover_is_lower_under_behind_and_servant);
    tcase_add_test(tc, f9_skilled_calm_team_behind_innovates_most_servant_grows_most);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
