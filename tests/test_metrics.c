#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

/* Performance 10 for ticks 0..9, a dip to 4 at tick 10 climbing by 2 a tick back to 10. */
static void dip_series(herd_record *r, size_t n)
{
    memset(r, 0, n * sizeof *r);
    for (size_t i = 0; i < n; i++) {
        r[i].tick = (long)i;
        double perf = 10;
        if (i >= 10 && i < 13)
            perf = 4 + 2 * (double)(i - 10);
        r[i].performance = perf;
        r[i].output = perf;
        r[i].morale = 0.5;
        r[i].innovation = 1;
        r[i].innovation_cum = (double)i + 1;
        r[i].turnover = i == 5 ? 2 : 0;
    }
}

/* A total is found by its stem too; a name of its own comes first, and nothing else does. */
START_TEST(a_total_is_found_by_its_stem)
{
    ck_assert_ptr_eq(herd_summary_find_metric("innovation"),
                     herd_summary_find("innovation_total"));
    ck_assert_ptr_eq(herd_summary_find_metric("performance"),
                     herd_summary_find("performance_total"));
    ck_assert_ptr_eq(herd_summary_find_metric("innovation_total"),
                     herd_summary_find("innovation_total"));
    for (size_t i = 0; i < herd_summary_info_count(); i++)
        ck_assert_ptr_eq(herd_summary_find_metric(herd_summary_info(i)->name),
                         herd_summary_info(i));
    ck_assert_ptr_null(herd_summary_find_metric("innovaton"));
    ck_assert_ptr_null(herd_summary_find_metric("_total"));
}
END_TEST

START_TEST(summary_of_a_known_series)
{
    herd_record r[20];
    dip_series(r, 20);
    herd_summary s;
    ck_assert_int_eq(herd_metrics_summarise(r, 20, 100, &s), HERD_OK);
    ck_assert_int_eq(s.ticks, 20);
    ck_assert_double_eq(s.innovation_total, 20);
    ck_assert_double_eq(s.performance_total, 17 * 10 + 4 + 6 + 8);
    ck_assert_double_eq(s.turnover_total, 2);
    ck_assert_double_eq_tol(s.turnover_rate_annual, 2.0 / 100 * 52 / 20, 1e-12);
    ck_assert_double_eq(s.morale_mean, 0.5);
    /* Trapezoids over 19 intervals of a constant 1. */
    ck_assert_double_eq(s.auc_innovation, 19);
    ck_assert_double_eq(s.auc_morale, 9.5);
}
END_TEST

START_TEST(dip_and_recovery_of_a_known_series)
{
    herd_record r[30];
    dip_series(r, 30);
    herd_event_effect e;
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 10, 3, 5, &e), HERD_OK);
    ck_assert_double_eq(e.baseline, 10);
    ck_assert_double_eq(e.trough, 4);
    ck_assert_double_eq_tol(e.dip, 0.6, 1e-12);
    ck_assert_int_eq(e.recovery_ticks, 3);
}
END_TEST

START_TEST(no_dip_means_no_recovery_time_and_bad_input_is_refused)
{
    herd_record r[30];
    dip_series(r, 30);
    herd_event_effect e;
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 20, 3, 5, &e), HERD_OK);
    ck_assert_double_eq(e.dip, 0);
    ck_assert_int_eq(e.recovery_ticks, 0);
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 0, 3, 5, &e), HERD_ERANGE);
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 40, 3, 5, &e), HERD_ERANGE);
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 10, 0, 5, &e), HERD_EINVAL);
    herd_summary s;
    ck_assert_int_eq(herd_metrics_summarise(r, 0, 10, &s), HERD_EINVAL);
}
END_TEST

START_TEST(a_dip_that_never_recovers)
{
    herd_record r[20];
    dip_series(r, 20);
    for (int i = 10; i < 20; i++)
        r[i].performance = 5;
    herd_event_effect e;
    ck_assert_int_eq(herd_metrics_event_effect(r, 20, 10, 3, 5, &e), HERD_OK);
    ck_assert_int_eq(e.recovery_ticks, -1);
    ck_assert_double_eq_tol(e.dip, 0.5, 1e-12);
}
END_TEST

/* Windows reaching past the run, up to LONG_MAX ticks, are clamped to the records there are. */
START_TEST(huge_windows_are_clamped_to_the_run)
{
    herd_record r[30];
    dip_series(r, 30);
    herd_event_effect e;
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 10, LONG_MAX, LONG_MAX, &e), HERD_OK);
    ck_assert_double_eq(e.baseline, 10);
    ck_assert_double_eq(e.trough, 4);
    ck_assert_int_eq(e.recovery_ticks, 3);
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 10, LONG_MAX - 5, 7, &e), HERD_OK);
    ck_assert_double_eq(e.trough, 4);
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, 10, 3, LONG_MAX, &e), HERD_OK);
    ck_assert_double_eq(e.baseline, 10);
    ck_assert_double_eq(e.trough, 4);
}
END_TEST

START_TEST(extreme_start_ticks_are_outside_the_run)
{
    herd_record r[30];
    dip_series(r, 30);
    for (size_t i = 0; i < 30; i++)
        r[i].tick = (long)i - 1;
    herd_event_effect e;
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, LONG_MAX, 3, 5, &e), HERD_ERANGE);
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, LONG_MIN, 3, 5, &e), HERD_ERANGE);
    for (size_t i = 0; i < 30; i++)
        r[i].tick = LONG_MIN + (long)i;
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, LONG_MAX, 3, 5, &e), HERD_ERANGE);
    ck_assert_int_eq(herd_metrics_event_effect(r, 30, LONG_MIN + 10, 3, 5, &e), HERD_OK);
    ck_assert_double_eq(e.trough, 4);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("metrics");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, a_total_is_found_by_its_stem);
    tcase_add_test(tc, summary_of_a_known_series);
    tcase_add_test(tc, dip_and_recovery_of_a_known_series);
    tcase_add_test(tc, no_dip_means_no_recovery_time_and_bad_input_is_refused);
    tcase_add_test(tc, a_dip_that_never_recovers);
    tcase_add_test(tc, huge_windows_are_clamped_to_the_run);
    tcase_add_test(tc, extreme_start_ticks_are_outside_the_run);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
