/* The stylised facts of the model brief, each over 20 replications with common random
 * numbers: the 95% confidence interval of the paired difference must exclude zero in the
 * stated direction. They test consequences of the mechanisms, never a policy's name. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "herd/herd.h"
#include "paired.h"
#include "runner.h"

#define REPS 20
#define EVENT_TICK 100

static const herd_policy_type *front, *behind, *servant, *hybrid;

static void load_policies(void)
{
    front = herd_policy_front;
    behind = herd_policy_behind;
    servant = herd_policy_servant;
    hybrid = herd_policy_hybrid;
}

/* a's measure exceeds b's: the interval of a - b lies above zero. */
static void expect_above(const char *fact, const scenario *sc, const herd_policy_type *a,
                         const herd_policy_type *b, measure_fn measure)
{
    herd_interval d = paired_difference(sc, a, b, measure, REPS);
    printf("%s: %s - %s = %.4g [%.4g, %.4g]\n", fact, a->name, b->name, d.mean, d.low, d.high);
    ck_assert_msg(d.low > 0, "%s: %s - %s = %.4g, 95%% CI [%.4g, %.4g] does not exclude 0",
                  fact, a->name, b->name, d.mean, d.low, d.high);
}

static double mean_of(const herd_record *r, long from, long to, size_t offset)
{
    double sum = 0;
    for (long t = from; t < to; t++)
        sum += *(const double *)((const char *)&r[t] + offset);
    return sum / (double)(to - from);
}

#define MEAN_OF(r, from, to, field) mean_of(r, from, to, offsetof(herd_record, field))

static double cumulative_innovation(const herd_record *r, long ticks, const scenario *sc)
{
    (void)sc;
    return r[ticks - 1].innovation_cum;
}

static double total_output(const herd_record *r, long ticks, const scenario *sc)
{
    (void)sc;
    return MEAN_OF(r, 0, ticks, output) * (double)ticks;
}

static double total_performance(const herd_record *r, long ticks, const scenario *sc)
{
    (void)sc;
    return MEAN_OF(r, 0, ticks, performance) * (double)ticks;
}

static double late_morale(const herd_record *r, long ticks, const scenario *sc)
{
    (void)sc;
    return MEAN_OF(r, ticks - 52, ticks, morale);
}

static double final_skill(const herd_record *r, long ticks, const scenario *sc)
{
    (void)sc;
    return r[ticks - 1].skill;
}

static double total_turnover(const herd_record *r, long ticks, const scenario *sc)
{
    (void)sc;
    return MEAN_OF(r, 0, ticks, turnover) * (double)ticks;
}

/* Relative fall of mean performance over the first event's length, against the same number
 * of ticks before it. */
static double event_drop(const herd_record *r, long ticks, const scenario *sc)
{
    (void)ticks;
    long start = sc->events[0].start, len = sc->events[0].length;
    double before = MEAN_OF(r, start - len, start, performance);
    double during = MEAN_OF(r, start, start + len, performance);
    return 1 - during / before;
}

/* Performance over the event's length as a share of the level before: higher is a faster
 * restoration of order. */
static double event_level(const herd_record *r, long ticks, const scenario *sc)
{
    return 1 - event_drop(r, ticks, sc);
}

static double event_window_performance(const herd_record *r, long ticks, const scenario *sc)
{
    (void)ticks;
    long start = sc->events[0].start, len = sc->events[0].length;
    return MEAN_OF(r, start, start + len, performance);
}

static void skilled_team(scenario *sc)
{
    scenario_default(sc);
    sc->params.skill_mean = 0.75;
}

static void one_event(scenario *sc, herd_event_kind kind, long length, double intensity)
{
    sc->events[0] = (herd_event){kind, EVENT_TICK, length, intensity, 0, 0};
    sc->n_events = 1;
    sc->ticks = EVENT_TICK + 52;
}

START_TEST(f1_skilled_team_long_horizon_behind_and_servant_out_innovate_front)
{
    scenario sc;
    skilled_team(&sc);
    expect_above("F1", &sc, behind, front, cumulative_innovation);
    expect_above("F1", &sc, servant, front, cumulative_innovation);
}
END_TEST

START_TEST(f2_novice_team_short_horizon_front_gives_more_routine_output)
{
    scenario sc;
    scenario_default(&sc);
    sc.params.skill_mean = 0.25;
    sc.ticks = 26;
    expect_above("F2", &sc, front, behind, total_output);
    expect_above("F2", &sc, front, servant, total_output);
}
END_TEST

START_TEST(f3_steady_state_morale_servant_and_behind_above_front)
{
    scenario sc;
    scenario_default(&sc);
    expect_above("F3", &sc, servant, front, late_morale);
    expect_above("F3", &sc, behind, front, late_morale);
}
END_TEST

START_TEST(f4_skill_growth_is_highest_under_servant)
{
    scenario sc;
    scenario_default(&sc);
    expect_above("F4", &sc, servant, behind, final_skill);
    expect_above("F4", &sc, servant, front, final_skill);
    expect_above("F4", &sc, servant, hybrid, final_skill);
}
END_TEST

START_TEST(f5_leader_absence_hurts_front_more_than_behind)
{
    scenario sc;
    scenario_default(&sc);
    one_event(&sc, HERD_EVENT_ABSENCE, 12, 1);
    expect_above("F5", &sc, front, behind, event_drop);
}
END_TEST

START_TEST(f6_crisis_front_restores_order_fastest_and_hybrid_follows_it)
{
    scenario sc;
    scenario_default(&sc);
    one_event(&sc, HERD_EVENT_CRISIS, 12, 0.8);
    expect_above("F6", &sc, front, behind, event_level);
    expect_above("F6", &sc, front, servant, event_level);
    expect_above("F6", &sc, hybrid, behind, event_window_performance);
}
END_TEST

START_TEST(f6_crises_come_and_go_hybrid_has_most_cumulative_performance)
{
    scenario sc;
    scenario_default(&sc);
    sc.params.crisis_rate = 0.03;
    expect_above("F6", &sc, hybrid, front, total_performance);
    expect_above("F6", &sc, hybrid, behind, total_performance);
}
END_TEST

START_TEST(f7_novel_task_dip_is_deeper_under_front)
{
    scenario sc;
    scenario_default(&sc);
    one_event(&sc, HERD_EVENT_NOVELTY, 26, 0.8);
    sc.events[0].length = 26;
    expect_above("F7", &sc, front, behind, event_drop);
}
END_TEST

START_TEST(f8_turnover_is_lower_under_behind_and_servant)
{
    scenario sc;
    scenario_default(&sc);
    expect_above("F8", &sc, front, behind, total_turnover);
    expect_above("F8", &sc, front, servant, total_turnover);
}
END_TEST

START_TEST(f9_skilled_calm_team_behind_innovates_most_servant_grows_most)
{
    scenario sc;
    skilled_team(&sc);
    expect_above("F9", &sc, behind, front, cumulative_innovation);
    expect_above("F9", &sc, behind, servant, cumulative_innovation);
    expect_above("F9", &sc, servant, behind, final_skill);
    expect_above("F9", &sc, servant, front, final_skill);
    expect_above("F9", &sc, servant, behind, late_morale);
    expect_above("F9", &sc, servant, front, late_morale);
}
END_TEST

int main(void)
{
    load_policies();
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
