/* herd_stats: t intervals and paired differences against values worked out by hand. */
#include <check.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <signal.h>

#include "herd/stats.h"
#include "runner.h"

/* Data 1..5: mean 3, sd sqrt(2.5) = 1.5811388, t(0.975, 4) = 2.7764451, half width
 * 2.7764451 * 1.5811388 / sqrt(5) = 1.9632432. */
static const double one_to_five[] = {1, 2, 3, 4, 5};
#define HALF_1_TO_5 1.9632432

START_TEST(an_interval_matches_the_hand_computation)
{
    herd_interval iv;
    ck_assert_int_eq(herd_stats_interval(one_to_five, 1, 5, 0.95, &iv), HERD_OK);
    ck_assert_double_eq_tol(iv.mean, 3, 1e-12);
    ck_assert_double_eq_tol(iv.sd, 1.5811388, 1e-7);
    ck_assert_double_eq_tol(iv.low, 3 - HALF_1_TO_5, 1e-6);
    ck_assert_double_eq_tol(iv.high, 3 + HALF_1_TO_5, 1e-6);
    ck_assert_uint_eq(iv.n, 5);
}
END_TEST

START_TEST(the_half_width_is_the_t_quantile_times_the_standard_error)
{
    /* t(0.975, 4), t(0.975, 1) and t(0.95, 10) from printed tables */
    ck_assert_double_eq_tol(herd_stats_half_width(1, 5, 0.95) * sqrt(5), 2.7764451, 1e-6);
    ck_assert_double_eq_tol(herd_stats_half_width(1, 2, 0.95) * sqrt(2), 12.7062047, 1e-6);
    ck_assert_double_eq_tol(herd_stats_half_width(1, 11, 0.90) * sqrt(11), 1.8124611, 1e-6);
    ck_assert(isnan(herd_stats_half_width(1, 1, 0.95)));
    ck_assert(isnan(herd_stats_half_width(1, 5, 1.0)));
}
END_TEST

START_TEST(two_values_give_the_widest_finite_interval)
{
    /* 2 and 4: mean 3, sd sqrt(2), half width 12.7062047 * sqrt(2) / sqrt(2) */
    const double x[] = {2, 4};
    herd_interval iv;
    ck_assert_int_eq(herd_stats_interval(x, 1, 2, 0.95, &iv), HERD_OK);
    ck_assert_double_eq(iv.mean, 3);
    ck_assert_double_eq_tol(iv.sd, sqrt(2), 1e-15);
    ck_assert_double_eq_tol(iv.low, 3 - 12.7062047, 1e-6);
    ck_assert_double_eq_tol(iv.high, 3 + 12.7062047, 1e-6);
}
END_TEST

START_TEST(stride_reads_every_kth)
{
    const double x[] = {1, 100, 2, 100, 3, 100, 4, 100, 5};
    herd_interval iv;
    ck_assert_int_eq(herd_stats_interval(x, 2, 5, 0.95, &iv), HERD_OK);
    ck_assert_double_eq_tol(iv.mean, 3, 1e-12);
    ck_assert_double_eq_tol(iv.high, 3 + HALF_1_TO_5, 1e-6);
}
END_TEST

START_TEST(pairing_removes_the_spread_the_two_share)
{
    /* a - b is 1..5 again; a and b alone are far more spread than their difference */
    const double a[] = {11, 22, 33, 44, 55};
    const double b[] = {10, 20, 30, 40, 50};
    herd_interval paired, alone_a, alone_b;
    ck_assert_int_eq(herd_stats_paired_interval(a, b, 1, 5, 0.95, &paired), HERD_OK);
    ck_assert_double_eq_tol(paired.mean, 3, 1e-12);
    ck_assert_double_eq_tol(paired.sd, 1.5811388, 1e-7);
    ck_assert_double_eq_tol(paired.low, 3 - HALF_1_TO_5, 1e-6);
    ck_assert_double_eq_tol(paired.high, 3 + HALF_1_TO_5, 1e-6);
    ck_assert_int_eq(herd_stats_interval(a, 1, 5, 0.95, &alone_a), HERD_OK);
    ck_assert_int_eq(herd_stats_interval(b, 1, 5, 0.95, &alone_b), HERD_OK);
    /* the unpaired means differ by the same 3, but each interval is about 11 times wider */
    ck_assert_double_eq_tol(alone_a.mean - alone_b.mean, paired.mean, 1e-12);
    ck_assert_double_gt(alone_a.high - alone_a.low, 10 * (paired.high - paired.low));
    ck_assert_double_lt(alone_a.low, alone_b.high);
}
END_TEST

START_TEST(paired_against_itself_is_zero)
{
    herd_interval iv;
    ck_assert_int_eq(herd_stats_paired_interval(one_to_five, one_to_five, 1, 5, 0.95, &iv),
                     HERD_OK);
    ck_assert_double_eq(iv.mean, 0);
    ck_assert_double_eq(iv.low, 0);
    ck_assert_double_eq(iv.high, 0);
}
END_TEST

START_TEST(constant_data_has_no_width)
{
    const double x[] = {0.25, 0.25, 0.25};
    herd_interval iv;
    ck_assert_int_eq(herd_stats_interval(x, 1, 3, 0.95, &iv), HERD_OK);
    ck_assert_double_eq(iv.sd, 0);
    ck_assert_double_eq(iv.low, 0.25);
    ck_assert_double_eq(iv.high, 0.25);
}
END_TEST

START_TEST(one_value_has_a_mean_and_no_interval)
{
    const double x[] = {7}, y[] = {3};
    herd_interval iv;
    ck_assert_int_eq(herd_stats_interval(x, 1, 1, 0.95, &iv), HERD_OK);
    ck_assert_double_eq(iv.mean, 7);
    ck_assert(isnan(iv.sd));
    ck_assert(isnan(iv.low));
    ck_assert(isnan(iv.high));
    ck_assert_uint_eq(iv.n, 1);
    ck_assert_int_eq(herd_stats_paired_interval(x, y, 1, 1, 0.95, &iv), HERD_OK);
    ck_assert_double_eq(iv.mean, 4);
    ck_assert(isnan(iv.low));
}
END_TEST

START_TEST(no_values_are_refused_and_leave_nans)
{
    herd_interval iv = {1, 1, 1, 1, 1};
    ck_assert_int_eq(herd_stats_interval(one_to_five, 1, 0, 0.95, &iv), HERD_EINVAL);
    ck_assert(isnan(iv.mean));
    ck_assert(isnan(iv.low));
    ck_assert_uint_eq(iv.n, 0);
    ck_assert_int_eq(herd_stats_paired_interval(one_to_five, one_to_five, 1, 0, 0.95, &iv),
                     HERD_EINVAL);
}
END_TEST

START_TEST(a_nan_value_makes_the_interval_nan)
{
    const double x[] = {1, 2, NAN, 4};
    herd_interval iv;
    ck_assert_int_eq(herd_stats_interval(x, 1, 4, 0.95, &iv), HERD_OK);
    ck_assert(isnan(iv.mean));
    ck_assert(isnan(iv.sd));
    ck_assert(isnan(iv.low));
    ck_assert(isnan(iv.high));
    ck_assert_int_eq(herd_stats_paired_interval(one_to_five, x, 1, 4, 0.95, &iv), HERD_OK);
    ck_assert(isnan(iv.mean));
}
END_TEST

START_TEST(bad_levels_strides_and_pointers_are_refused_and_leave_out_alone)
{
    const double levels[] = {0, 1, -0.5, 1.5, NAN};
    herd_interval iv = {42, 42, 42, 42, 42};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        ck_assert_int_eq(herd_stats_interval(one_to_five, 1, 5, levels[i], &iv), HERD_EINVAL);
        ck_assert_int_eq(herd_stats_paired_interval(one_to_five, one_to_five, 1, 5, levels[i],
                                                    &iv),
                         HERD_EINVAL);
    }
    ck_assert_int_eq(herd_stats_interval(one_to_five, 0, 5, 0.95, &iv), HERD_EINVAL);
    ck_assert_int_eq(herd_stats_interval(NULL, 1, 5, 0.95, &iv), HERD_EINVAL);
    ck_assert_int_eq(herd_stats_interval(one_to_five, 1, 5, 0.95, NULL), HERD_EINVAL);
    ck_assert_int_eq(herd_stats_paired_interval(one_to_five, NULL, 1, 5, 0.95, &iv),
                     HERD_EINVAL);
    ck_assert_double_eq(iv.mean, 42);
    ck_assert_uint_eq(iv.n, 42);
}
END_TEST

/* GSL's own handler aborts on an error: what a program that runs herd on threads must not
 * be left with (each test runs in a process of its own). */
START_TEST(gsl_aborts_on_an_error_by_default)
{
    gsl_error("a domain error", __FILE__, __LINE__, GSL_EDOM);
}
END_TEST

/* Put back after each of herd's calls, the aborting handler could be in place while another
 * thread of the program calls GSL through herd. */
START_TEST(after_a_call_of_herd_into_gsl_an_error_returns)
{
    ck_assert(isfinite(herd_stats_half_width(1, 5, 0.95)));
    gsl_error("a domain error after herd's own GSL call", __FILE__, __LINE__, GSL_EDOM);
}
END_TEST

START_TEST(prepared_for_threads_gsl_returns_from_an_error_and_stays_so)
{
    herd_stats_prepare_threads();
    herd_stats_prepare_threads();
    gsl_error("a domain error", __FILE__, __LINE__, GSL_EDOM);
    ck_assert(isfinite(herd_stats_half_width(1, 5, 0.95)));
    gsl_error("a domain error after herd's own GSL call", __FILE__, __LINE__, GSL_EDOM);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("intervals");
    tcase_add_test(tc, an_interval_matches_the_hand_computation);
    tcase_add_test(tc, the_half_width_is_the_t_quantile_times_the_standard_error);
    tcase_add_test(tc, two_values_give_the_widest_finite_interval);
    tcase_add_test(tc, stride_reads_every_kth);
    tcase_add_test(tc, pairing_removes_the_spread_the_two_share);
    tcase_add_test(tc, paired_against_itself_is_zero);
    tcase_add_test(tc, constant_data_has_no_width);
    tcase_add_test(tc, one_value_has_a_mean_and_no_interval);
    tcase_add_test(tc, no_values_are_refused_and_leave_nans);
    tcase_add_test(tc, a_nan_value_makes_the_interval_nan);
    tcase_add_test(tc, bad_levels_strides_and_pointers_are_refused_and_leave_out_alone);
    suite_add_tcase(s, tc);
    TCase *threads = tcase_create("threads");
    tcase_add_test_raise_signal(threads, gsl_aborts_on_an_error_by_default, SIGABRT);
    tcase_add_test(threads, prepared_for_threads_gsl_returns_from_an_error_and_stays_so);
    tcase_add_test(threads, after_a_call_of_herd_into_gsl_an_error_returns);
    suite_add_tcase(s, threads);
    return run_suite(s);
}
