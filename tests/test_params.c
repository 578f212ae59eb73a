#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

START_TEST(defaults_are_valid_and_fill_every_field)
{
    herd_params p;
    memset(&p, 0xff, sizeof p);
    herd_params_default(&p);
    char msg[256] = "";
    ck_assert_int_eq(herd_params_validate(&p, msg, sizeof msg), HERD_OK);
    for (size_t i = 0; i < herd_params_count(); i++) {
        const herd_param_info *info = herd_params_info(i);
        ck_assert_double_eq(herd_params_get(&p, info), info->def);
        ck_assert(info->min <= info->def && info->def <= info->max);
        ck_assert_msg(info->min <= info->low && info->low <= info->def &&
                          info->def <= info->high && info->high <= info->max,
                      "%s: plausible range [%g, %g] not within [%g, %g] around %g", info->name,
                      info->low, info->high, info->min, info->max, info->def);
        ck_assert_ptr_nonnull(info->doc);
        ck_assert_ptr_eq(herd_params_find(info->name), info);
    }
    ck_assert_ptr_null(herd_params_info(herd_params_count()));
    ck_assert_ptr_null(herd_params_find("no_such_parameter"));
}
END_TEST

/* Every field in turn: NaN, +inf, below and above its range are each refused, and the
 * message names the field. */
START_TEST(each_bad_field_is_refused_by_name)
{
    const herd_param_info *info = herd_params_info((size_t)_i);
    double bad[4] = {NAN, INFINITY, info->min - 1, info->max + 1};
    for (int k = 0; k < 4; k++) {
        herd_params p;
        herd_params_default(&p);
        if (herd_params_set(&p, info, bad[k]) != HERD_OK)
            continue; /* an INT field cannot even hold NaN or infinity */
        char msg[256] = "";
        ck_assert_int_eq(herd_params_validate(&p, msg, sizeof msg), HERD_ERANGE);
        ck_assert_msg(strstr(msg, info->name) != NULL, "message '%s' does not name %s", msg,
                      info->name);
    }
}
END_TEST

START_TEST(int_fields_refuse_fractions_and_non_finite_values)
{
    herd_params p;
    herd_params_default(&p);
    const herd_param_info *teams = herd_params_find("n_teams");
    ck_assert_int_eq(herd_params_set(&p, teams, 2.5), HERD_ERANGE);
    ck_assert_int_eq(herd_params_set(&p, teams, NAN), HERD_ERANGE);
    ck_assert_int_eq(herd_params_set(&p, teams, 7), HERD_OK);
    ck_assert_int_eq(p.n_teams, 7);
}
END_TEST

/* One value checked before it is set: the message herd_params_validate gives once it is. */
START_TEST(a_value_is_checked_with_the_message_validate_gives)
{
    const struct {
        const char *name;
        double value;
        const char *message;
    } cases[] = {
        {"skill_mean", 2, "skill_mean = 2 is outside the range [0.01, 0.99]"},
        {"n_teams", 0, "n_teams = 0 is outside the range [1, 10000000]"},
        {"crisis_rate", NAN, "crisis_rate = nan is not a finite number"},
        {"crisis_rate", -INFINITY, "crisis_rate = -inf is not a finite number"},
        {"team_size", 2.5, "team_size = 2.5 is not a whole number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const herd_param_info *info = herd_params_find(cases[i].name);
        char msg[256] = "";
        ck_assert_int_eq(herd_params_check(info, cases[i].value, msg, sizeof msg), HERD_ERANGE);
        ck_assert_str_eq(msg, cases[i].message);
        herd_params p;
        herd_params_default(&p);
        if (herd_params_set(&p, info, cases[i].value) != HERD_OK)
            continue; /* an INT field cannot hold a fraction */
        char validated[256] = "";
        ck_assert_int_eq(herd_params_validate(&p, validated, sizeof validated), HERD_ERANGE);
        ck_assert_str_eq(validated, cases[i].message);
    }
    char msg[64] = "";
    const herd_param_info *teams = herd_params_find("n_teams");
    ck_assert_int_eq(herd_params_check(teams, 10000000, msg, sizeof msg), HERD_OK);
    ck_assert_int_eq(herd_params_check(herd_params_find("skill_mean"), 0.01, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_params_check(NULL, 1, msg, sizeof msg), HERD_EINVAL);
}
END_TEST

START_TEST(beta_spread_too_wide_for_its_mean_is_refused)
{
    herd_params p;
    herd_params_default(&p);
    p.skill_mean = 0.05;
    p.skill_sd = 0.3;
    char msg[256] = "";
    ck_assert_int_eq(herd_params_validate(&p, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "skill_sd"));
}
END_TEST

/* The refusal names the two keys as a scenario or --set writes them: leader_skill has no
 * _mean. */
START_TEST(beta_spread_refusal_names_real_keys)
{
    const char *pairs[][2] = {
        {"skill_mean", "skill_sd"},           {"engagement_mean", "engagement_sd"},
        {"initiative_mean", "initiative_sd"}, {"bond_mean", "bond_sd"},
        {"hire_skill_mean", "hire_skill_sd"}, {"leader_skill", "leader_skill_sd"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        herd_params p;
        herd_params_default(&p);
        herd_params_set(&p, herd_params_find(pairs[i][0]), 0.01);
        char msg[256] = "", sd[64] = "", mean[64] = "";
        ck_assert_int_eq(herd_params_validate(&p, msg, sizeof msg), HERD_ERANGE);
        ck_assert_int_eq(sscanf(msg, "%63s = %*s is too large for %63s =", sd, mean), 2);
        ck_assert_str_eq(sd, pairs[i][1]);
        ck_assert_str_eq(mean, pairs[i][0]);
    }
    herd_params p;
    herd_params_default(&p);
    p.leader_skill = 0.01;
    char msg[256] = "";
    ck_assert_int_eq(herd_params_validate(&p, msg, sizeof msg), HERD_ERANGE);
    ck_assert_str_eq(msg, "leader_skill_sd = 0.1 is too large for leader_skill = 0.01: it must "
                          "be below 0.0994987");
}
END_TEST

START_TEST(absurd_sizes_are_refused_before_anything_is_allocated)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 10000000;
    p.team_size = 10000;
    char msg[256] = "";
    ck_assert_int_eq(herd_params_validate(&p, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "n_teams"));
    herd_sim *sim = (herd_sim *)&p;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 1), HERD_ERANGE);
    ck_assert_ptr_null(sim);
}
END_TEST

START_TEST(null_is_refused)
{
    char msg[64] = "";
    ck_assert_int_eq(herd_params_validate(NULL, msg, sizeof msg), HERD_EINVAL);
    ck_assert_int_eq(herd_params_set(NULL, herd_params_info(0), 1), HERD_EINVAL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("params");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, defaults_are_valid_and_fill_every_field);
    tcase_add_loop_test(tc, each_bad_field_is_refused_by_name, 0, (int)herd_params_count());
    tcase_add_test(tc, int_fields_refuse_fractions_and_non_finite_values);
    tcase_add_test(tc, a_value_is_checked_with_the_message_validate_gives);
    tcase_add_test(tc, beta_spread_too_wide_for_its_mean_is_refused);
    tcase_add_test(tc, beta_spread_refusal_names_real_keys);
    tcase_add_test(tc, absurd_sizes_are_refused_before_anything_is_allocated);
    tcase_add_test(tc, null_is_refused);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
