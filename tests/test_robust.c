/* The facts module and the robustness study on tiny problems: bad inputs refused by name,
 * results independent of threads, and a toy fact whose share is known. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

static herd_scenario *tiny_scenario(void)
{
    herd_scenario *s = NULL;
    ck_assert_int_eq(herd_scenario_new(&s), HERD_OK);
    s->params.n_teams = 2;
    s->params.team_size = 3;
    s->ticks = 60;
    s->seed = 7;
    return s;
}

/* front - behind of this is skill_mean - 0.4 in every run: front reports front mode in every
 * team, behind in none. */
static double toy_measure(const herd_record *r, long ticks, const herd_scenario *s)
{
    return r[ticks - 1].front_share * (s->params.skill_mean - 0.4);
}

static const herd_fact toy = {
    "toy", "front ahead where skill_mean > 0.4", {{0, 0}}, 0,
    {{&herd_policy_front, &herd_policy_behind, toy_measure, "toy"}}, 1};

static void settings_with(herd_compare_settings *cs, long reps, int threads)
{
    herd_compare_settings_default(cs);
    cs->reps = reps;
    cs->threads = threads;
}

START_TEST(a_fact_with_a_missing_field_is_refused_by_name)
{
    herd_fact f = toy;
    char err[256] = "";
    f.checks[0].measure = NULL;
    ck_assert_int_eq(herd_fact_check_valid(&f, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "fact toy: check 1: no measure");
    f = toy;
    f.checks[0].b = NULL;
    ck_assert_int_eq(herd_fact_check_valid(&f, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "no policy b"));
    f = toy;
    f.n_checks = 0;
    ck_assert_int_eq(herd_fact_check_valid(&f, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "n_checks = 0"));
}
END_TEST

START_TEST(an_adjustment_the_scenario_lacks_is_refused_naming_the_key)
{
    herd_fact f = toy;
    f.adjust[0] = (herd_fact_key){"no_such_key", "1"};
    f.n_adjust = 1;
    herd_scenario *s = tiny_scenario();
    herd_fact_result res;
    char err[512] = "";
    ck_assert_int_ne(herd_fact_evaluate(&f, s, NULL, &res, err, sizeof err), HERD_OK);
    ck_assert_ptr_nonnull(strstr(err, "fact toy"));
    ck_assert_ptr_nonnull(strstr(err, "no_such_key"));
    herd_scenario_free(s);
}
END_TEST

START_TEST(the_built_in_table_holds_every_fact_of_the_brief)
{
    const char *ids[] = {"F1", "F2", "F3", "F4", "F5", "F6a", "F6b", "F7", "F8", "F9"};
    ck_assert_uint_eq(herd_facts_count(), sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < herd_facts_count(); i++) {
        ck_assert_str_eq(herd_facts_get(i)->id, ids[i]);
        ck_assert_int_eq(herd_fact_check_valid(herd_facts_get(i), NULL, 0), HERD_OK);
    }
    ck_assert_ptr_null(herd_facts_get(herd_facts_count()));
    ck_assert_ptr_null(herd_facts_find("F10"));
}
END_TEST

START_TEST(a_fact_gives_the_same_intervals_on_one_thread_or_two)
{
    herd_scenario *s = tiny_scenario();
    herd_compare_settings one, two;
    settings_with(&one, 4, 1);
    settings_with(&two, 4, 2);
    herd_fact_result a, b;
    char err[512] = "";
    const herd_fact *f = herd_facts_find("F9");
    ck_assert_msg(herd_fact_evaluate(f, s, &one, &a, err, sizeof err) == HERD_OK, "%s", err);
    ck_assert_msg(herd_fact_evaluate(f, s, &two, &b, err, sizeof err) == HERD_OK, "%s", err);
    ck_assert_uint_eq(a.n_checks, 6);
    for (size_t i = 0; i < a.n_checks; i++) {
        ck_assert(isfinite(a.diff[i].mean));
        ck_assert_double_eq(a.diff[i].mean, b.diff[i].mean);
        ck_assert_double_eq(a.diff[i].low, b.diff[i].low);
        ck_assert_int_eq(a.check_holds[i], b.check_holds[i]);
    }
    herd_scenario_free(s);
}
END_TEST

static herd_robust *toy_study(int threads, long points)
{
    herd_scenario *s = tiny_scenario();
    herd_robust_settings st;
    herd_robust_settings_default(&st);
    const char *vary[] = {"skill_mean", "bond_mean"};
    st.vary = vary;
    st.n_vary = 2;
    st.points = points;
    st.compare.reps = 2;
    st.compare.threads = threads;
    const herd_fact *facts[] = {&toy};
    herd_robust *r = NULL;
    char err[512] = "";
    ck_assert_msg(herd_robust_run(&r, s, facts, 1, &st, err, sizeof err) == HERD_OK, "%s", err);
    herd_scenario_free(s);
    return r;
}

/* skill_mean's plausible range is 0.3 to 0.7 and each of 20 strata holds one point, so the
 * toy fact holds at exactly the 15 points above 0.4: 5 of the 10 in the lower half, all 10 in
 * the upper. */
START_TEST(the_toy_fact_holds_at_the_share_its_range_says)
{
    herd_robust *r = toy_study(0, 20);
    ck_assert_uint_eq(herd_robust_n_factors(r), 2);
    ck_assert_str_eq(herd_robust_factor(r, 0)->name, "skill_mean");
    double share;
    ck_assert_int_eq(herd_robust_share(r, 0, HERD_ROBUST_ALL_CHECKS, (size_t)-1, 0, &share),
                     HERD_OK);
    ck_assert_double_eq_tol(share, 0.75, 1e-12);
    ck_assert_int_eq(herd_robust_share(r, 0, 0, 0, 0, &share), HERD_OK);
    ck_assert_double_eq_tol(share, 0.5, 1e-12);
    ck_assert_int_eq(herd_robust_share(r, 0, 0, 0, 1, &share), HERD_OK);
    ck_assert_double_eq_tol(share, 1, 1e-12);
    double src[2], r2;
    size_t order[2];
    ck_assert_int_eq(herd_robust_drivers(r, 0, 0, src, order, &r2, NULL, 0), HERD_OK);
    ck_assert_uint_eq(order[0], 0);
    ck_assert_double_eq_tol(src[0], 1, 1e-9);
    ck_assert_double_eq_tol(r2, 1, 1e-9);
    ck_assert_int_eq(herd_robust_share(r, 0, 1, (size_t)-1, 0, &share), HERD_EINVAL);
    herd_robust_free(r);
}
END_TEST

START_TEST(a_study_is_the_same_on_one_thread_or_two)
{
    herd_robust *a = toy_study(1, 5), *b = toy_study(2, 5);
    for (long j = 0; j < 5; j++) {
        ck_assert_double_eq(herd_robust_value(a, j, 0), herd_robust_value(b, j, 0));
        ck_assert_double_eq(herd_robust_result(a, j, 0)->diff[0].mean,
                            herd_robust_result(b, j, 0)->diff[0].mean);
    }
    ck_assert(isnan(herd_robust_value(a, 5, 0)));
    ck_assert_ptr_null(herd_robust_result(a, 0, 1));
    herd_robust_free(a);
    herd_robust_free(b);
}
END_TEST

START_TEST(a_bad_study_is_refused_by_name)
{
    herd_scenario *s = tiny_scenario();
    herd_robust_settings st;
    herd_robust_settings_default(&st);
    const herd_fact *facts[] = {&toy};
    const char *vary[] = {"skill_mean", "no_such_parameter"};
    herd_robust *r = NULL;
    char err[512] = "";
    st.vary = vary;
    st.n_vary = 2;
    ck_assert_int_eq(herd_robust_run(&r, s, facts, 1, &st, err, sizeof err), HERD_ENOTFOUND);
    ck_assert_ptr_null(r);
    ck_assert_ptr_nonnull(strstr(err, "'no_such_parameter' is not a parameter"));
    st.n_vary = 1;
    st.points = 1;
    ck_assert_int_eq(herd_robust_run(&r, s, facts, 1, &st, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "points = 1"));
    st.points = 4;
    st.n_vary = 2;
    vary[1] = "bond_mean";
    long least = 0;
    ck_assert_int_eq(herd_robust_min_points(&st, &least, err, sizeof err), HERD_OK);
    ck_assert_int_eq(least, 4);
    st.points = 3;
    ck_assert_int_eq(herd_robust_run(&r, s, facts, 1, &st, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err, "robustness: settings points = 3, expected at least 4: the drivers' "
                          "regression needs more points than the 2 varied parameters + 1");
    vary[1] = "no_such_parameter";
    ck_assert_int_eq(herd_robust_min_points(&st, &least, err, sizeof err), HERD_ENOTFOUND);
    st.n_vary = 1;
    st.points = 4;
    st.fixed = vary;
    st.n_fixed = 1;
    ck_assert_int_eq(herd_robust_run(&r, s, facts, 1, &st, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "no parameter left to vary"));
    ck_assert_int_eq(herd_robust_run(&r, s, NULL, 0, NULL, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "no facts"));
    ck_assert_int_eq(herd_robust_min_points(&st, &least, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "no parameter left to vary"));
    /* By default every parameter with a plausible range is varied. */
    size_t plausible = 0;
    for (size_t i = 0; i < herd_params_count(); i++)
        plausible += herd_params_info(i)->low < herd_params_info(i)->high;
    ck_assert_int_eq(herd_robust_min_points(NULL, &least, err, sizeof err), HERD_OK);
    ck_assert_int_eq(least, (long)plausible + 2);
    herd_robust_free(NULL);
    herd_scenario_free(s);
}
END_TEST

START_TEST(a_fact_given_twice_is_refused)
{
    herd_scenario *s = tiny_scenario();
    herd_robust_settings st;
    herd_robust_settings_default(&st);
    const char *vary[] = {"skill_mean"};
    st.vary = vary;
    st.n_vary = 1;
    st.points = 4;
    st.compare.reps = 2;
    const herd_fact *facts[] = {&toy, &toy};
    herd_robust *r = NULL;
    char err[512] = "";
    ck_assert_int_eq(herd_robust_run(&r, s, facts, 2, &st, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err, "robustness: fact toy given twice");
    herd_scenario_free(s);
}
END_TEST

/* Which parameters a study overwrites at every point, and which keep the base value. */
START_TEST(a_study_says_which_parameters_it_varies)
{
    const herd_param_info *team_size = herd_params_find("team_size");
    const herd_param_info *n_teams = herd_params_find("n_teams");
    int varied = -1;
    char err[256] = "";
    ck_assert_int_eq(herd_robust_varies(NULL, team_size, &varied, err, sizeof err), HERD_OK);
    ck_assert_int_eq(varied, 1);
    herd_robust_settings st;
    herd_robust_settings_default(&st);
    const char *fixed[] = {"n_teams", "team_size"};
    st.fixed = fixed;
    st.n_fixed = 2;
    ck_assert_int_eq(herd_robust_varies(&st, team_size, &varied, err, sizeof err), HERD_OK);
    ck_assert_int_eq(varied, 0);
    ck_assert_int_eq(herd_robust_varies(&st, n_teams, &varied, err, sizeof err), HERD_OK);
    ck_assert_int_eq(varied, 0);
    const char *vary[] = {"n_teams"};
    st.vary = vary;
    st.n_vary = 1;
    st.n_fixed = 0;
    ck_assert_int_eq(herd_robust_varies(&st, n_teams, &varied, err, sizeof err), HERD_OK);
    ck_assert_int_eq(varied, 1);
    ck_assert_int_eq(herd_robust_varies(&st, team_size, &varied, err, sizeof err), HERD_OK);
    ck_assert_int_eq(varied, 0);
    for (size_t i = 0; i < herd_params_count(); i++) {
        const herd_param_info *p = herd_params_info(i);
        ck_assert_int_eq(herd_robust_varies(NULL, p, &varied, err, sizeof err), HERD_OK);
        ck_assert_int_eq(varied, p->low < p->high);
    }
    fixed[1] = "no_such_parameter";
    st.n_vary = 0;
    st.vary = NULL;
    st.n_fixed = 2;
    ck_assert_int_eq(herd_robust_varies(&st, team_size, &varied, err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(err, "'no_such_parameter' is not a parameter"));
    ck_assert_int_eq(herd_robust_varies(NULL, NULL, &varied, err, sizeof err), HERD_EINVAL);
}
END_TEST


int main(void)
{
    Suite *s = suite_create("robust");
    TCase *facts = tcase_create("facts");
    tcase_set_timeout(facts, 120);
    tcase_add_test(facts, a_fact_with_a_missing_field_is_refused_by_name);
    tcase_add_test(facts, an_adjustment_the_scenario_lacks_is_refused_naming_the_key);
    tcase_add_test(facts, the_built_in_table_holds_every_fact_of_the_brief);
    tcase_add_test(facts, a_fact_gives_the_same_intervals_on_one_thread_or_two);
    suite_add_tcase(s, facts);
    TCase *study = tcase_create("study");
    tcase_set_timeout(study, 120);
    tcase_add_test(study, the_toy_fact_holds_at_the_share_its_range_says);
    tcase_add_test(study, a_study_is_the_same_on_one_thread_or_two);
    tcase_add_test(study, a_bad_study_is_refused_by_name);
    tcase_add_test(study, a_study_says_which_parameters_it_varies);
    tcase_add_test(study, a_fact_given_twice_is_refused);
    suite_add_tcase(s, study);
    return run_suite(s);
}
