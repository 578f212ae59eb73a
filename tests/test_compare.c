/* The statistics of herd compare against hand-checked values. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "compare_stats.h"

/* Data 1..5: mean 3, sd sqrt(2.5) = 1.5811388, t(0.975, 4) = 2.7764451, half width
 * 2.7764451 * 1.5811388 / sqrt(5) = 1.9632432. */
static const double one_to_five[] = {1, 2, 3, 4, 5};
#define HALF_1_TO_5 1.9632432

START_TEST(mean_interval_hand_checked)
{
    cmp_interval iv;
    ck_assert_int_eq(cmp_mean_interval(one_to_five, 1, 5, 0.95, &iv), 0);
    ck_assert_double_eq_tol(iv.mean, 3, 1e-12);
    ck_assert_double_eq_tol(iv.sd, 1.5811388, 1e-7);
    ck_assert_double_eq_tol(iv.low, 3 - HALF_1_TO_5, 1e-6);
    ck_assert_double_eq_tol(iv.high, 3 + HALF_1_TO_5, 1e-6);
    ck_assert_uint_eq(iv.n, 5);
}
END_TEST

START_TEST(t_quantile)
{
    /* half width times sqrt(n) / sd is the quantile itself */
    ck_assert_double_eq_tol(cmp_half_width(1, 5, 0.95) * sqrt(5), 2.7764451, 1e-6);
    ck_assert_double_eq_tol(cmp_half_width(1, 2, 0.95) * sqrt(2), 12.7062047, 1e-6);
    ck_assert_double_eq_tol(cmp_half_width(1, 11, 0.90) * sqrt(11), 1.8124611, 1e-6);
}
END_TEST

START_TEST(stride_reads_every_kth)
{
    const double x[] = {1, 100, 2, 100, 3, 100, 4, 100, 5};
    cmp_interval iv;
    ck_assert_int_eq(cmp_mean_interval(x, 2, 5, 0.95, &iv), 0);
    ck_assert_double_eq_tol(iv.mean, 3, 1e-12);
    ck_assert_double_eq_tol(iv.high, 3 + HALF_1_TO_5, 1e-6);
}
END_TEST

START_TEST(paired_difference)
{
    /* a - b is 1..5 again; a and b alone are far more spread than their difference */
    const double a[] = {11, 22, 33, 44, 55};
    const double b[] = {10, 20, 30, 40, 50};
    cmp_interval iv;
    ck_assert_int_eq(cmp_paired_interval(a, b, 1, 5, 0.95, &iv), 0);
    ck_assert_double_eq_tol(iv.mean, 3, 1e-12);
    ck_assert_double_eq_tol(iv.sd, 1.5811388, 1e-7);
    ck_assert_double_eq_tol(iv.low, 3 - HALF_1_TO_5, 1e-6);
    ck_assert_double_eq_tol(iv.high, 3 + HALF_1_TO_5, 1e-6);
}
END_TEST

START_TEST(paired_against_itself_is_zero)
{
    cmp_interval iv;
    ck_assert_int_eq(cmp_paired_interval(one_to_five, one_to_five, 1, 5, 0.95, &iv), 0);
    ck_assert_double_eq(iv.mean, 0);
    ck_assert_double_eq(iv.low, 0);
    ck_assert_double_eq(iv.high, 0);
}
END_TEST

START_TEST(constant_data_has_no_width)
{
    const double x[] = {0.25, 0.25, 0.25};
    cmp_interval iv;
    ck_assert_int_eq(cmp_mean_interval(x, 1, 3, 0.95, &iv), 0);
    ck_assert_double_eq(iv.sd, 0);
    ck_assert_double_eq(iv.low, 0.25);
    ck_assert_double_eq(iv.high, 0.25);
}
END_TEST

START_TEST(one_replication_has_no_interval)
{
    const double x[] = {7};
    cmp_interval iv;
    ck_assert_int_eq(cmp_mean_interval(x, 1, 1, 0.95, &iv), 0);
    ck_assert_double_eq(iv.mean, 7);
    ck_assert(isnan(iv.sd));
    ck_assert(isnan(iv.low));
    ck_assert(isnan(iv.high));
}
END_TEST

START_TEST(bad_arguments)
{
    cmp_interval iv;
    ck_assert_int_eq(cmp_mean_interval(one_to_five, 1, 0, 0.95, &iv), -1);
    ck_assert_int_eq(cmp_mean_interval(one_to_five, 0, 5, 0.95, &iv), -1);
    ck_assert_int_eq(cmp_mean_interval(one_to_five, 1, 5, 1.0, &iv), -1);
    ck_assert_int_eq(cmp_paired_interval(one_to_five, one_to_five, 1, 5, 0, &iv), -1);
}
END_TEST

static Suite *compare_suite(void)
{
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("stats");
    tcase_add_test(tc, mean_interval_hand_checked);
    tcase_add_test(tc, t_quantile);
    tcase_add_test(tc, stride_reads_every_kth);
    tcase_add_test(tc, paired_difference);
    tcase_add_test(tc, paired_against_itself_is_zero);
    tcase_add_test(tc, constant_data_has_no_width);
    tcase_add_test(tc, one_replication_has_no_interval);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(compare_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
