/* The field targets and the calibration on tiny problems: a parameter the targets were made
 * with is recovered, held-out targets are reported, results do not depend on threads, and
 * bad inputs are refused by name. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

#define TRUE_QUIT_BASE 0.0025
#define BAND 0.5 /* percentage points either side of the turnover made with the true value */

static const char *const turnover[] = {"turnover_front", "turnover_behind", "turnover_servant",
                                       "turnover_hybrid"};

static void small_params(herd_params *p)
{
    herd_params_default(p);
    p->n_teams = 10;
    p->team_size = 5;
}

static void small_settings(herd_calibrate_settings *st, int threads, long max_evals)
{
    herd_calibrate_settings_default(st);
    st->fit.reps = 4;
    st->report.reps = 2;
    st->fit.compare.threads = st->report.compare.threads = threads;
    st->max_evals = max_evals;
}

/* The turnover targets as the model gives them with quit_base at its true value, measured
 * with the fit's own seeds. */
static void known_targets(const herd_calibrate_settings *st, herd_calibrate_target *t)
{
    herd_params p;
    small_params(&p);
    p.quit_base = TRUE_QUIT_BASE;
    int wanted[64] = {0};
    herd_interval v[64];
    for (size_t i = 0; i < 4; i++)
        wanted[herd_targets_find(turnover[i])] = 1;
    char err[512] = "";
    ck_assert_msg(herd_targets_measure(&p, wanted, &st->fit, v, err, sizeof err) == HERD_OK,
                  "%s", err);
    for (size_t i = 0; i < 4; i++) {
        double m = v[herd_targets_find(turnover[i])].mean;
        ck_assert(isfinite(m));
        t[i] = (herd_calibrate_target){turnover[i], 1, m - BAND, m + BAND};
    }
}

static herd_calibration *fit_quit_base(int threads, long max_evals)
{
    herd_calibrate_settings st;
    small_settings(&st, threads, max_evals);
    herd_calibrate_target t[4];
    known_targets(&st, t);
    herd_params start;
    small_params(&start);
    const char *free_params[] = {"quit_base"};
    herd_calibration *c = NULL;
    char err[512] = "";
    ck_assert_msg(herd_calibrate(&c, &start, free_params, 1, t, 4, &st, err, sizeof err) ==
                      HERD_OK, "%s", err);
    return c;
}

START_TEST(a_known_parameter_is_recovered_and_held_out_targets_are_reported)
{
    herd_calibration *c = fit_quit_base(0, 40);
    ck_assert_double_eq(herd_calibration_before(c)->quit_base, 0.0018);
    ck_assert_double_eq_tol(herd_calibration_after(c)->quit_base, TRUE_QUIT_BASE, 3e-4);
    ck_assert_double_eq(herd_calibration_after(c)->quit_engagement,
                        herd_calibration_before(c)->quit_engagement);
    ck_assert_double_gt(herd_calibration_objective(c, 0), 0);
    ck_assert_double_le(herd_calibration_objective(c, 1), herd_calibration_objective(c, 0));
    ck_assert_int_le(herd_calibration_evals(c), 40);
    size_t held_out = 0;
    for (size_t i = 0; i < herd_targets_count(); i++) {
        const herd_interval *after = herd_calibration_value(c, i, 1);
        ck_assert(isfinite(after->mean));
        held_out += !herd_calibration_fitted(c, i);
    }
    ck_assert_uint_eq(held_out, herd_targets_count() - 4);
    double lo, hi;
    herd_calibration_range(c, herd_targets_find("turnover_front"), &lo, &hi);
    ck_assert_double_eq_tol(hi - lo, 2 * BAND, 1e-12);
    herd_calibration_free(c);
}
END_TEST

START_TEST(a_calibration_is_the_same_on_one_thread_or_two)
{
    herd_calibration *a = fit_quit_base(1, 4), *b = fit_quit_base(2, 4);
    ck_assert_double_eq(herd_calibration_after(a)->quit_base,
                        herd_calibration_after(b)->quit_base);
    ck_assert_double_eq(herd_calibration_objective(a, 1), herd_calibration_objective(b, 1));
    ck_assert_double_eq(herd_calibration_value(a, 0, 1)->mean,
                        herd_calibration_value(b, 0, 1)->mean);
    herd_calibration_free(a);
    herd_calibration_free(b);
    herd_calibration_free(NULL);
}
END_TEST

typedef struct progress_log {
    long calls;
    size_t last_done, last_total;
} progress_log;

static int log_progress(void *cookie, size_t done, size_t total)
{
    progress_log *log = cookie;
    log->calls++;
    log->last_done = done;
    log->last_total = total;
    return 0;
}

/* The objective at p measured apart from the calibration: the squared distances of the fitted
 * means from their ranges in standard errors at the start, as include/herd/calibrate.h says. */
static double objective_at(const herd_params *start, const herd_params *p,
                           const herd_calibrate_target *t, size_t n,
                           const herd_calibrate_settings *st)
{
    int wanted[64] = {0};
    herd_interval at_start[64], at_p[64];
    for (size_t i = 0; i < n; i++)
        wanted[herd_targets_find(t[i].id)] = 1;
    char err[512] = "";
    ck_assert_msg(herd_targets_measure(start, wanted, &st->fit, at_start, err, sizeof err) ==
                      HERD_OK, "%s", err);
    ck_assert_msg(herd_targets_measure(p, wanted, &st->fit, at_p, err, sizeof err) == HERD_OK,
                  "%s", err);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = herd_targets_find(t[i].id);
        double se = at_start[k].sd / sqrt((double)at_start[k].n);
        double mean = at_p[k].mean;
        double d = mean < t[i].lo ? t[i].lo - mean : mean > t[i].hi ? mean - t[i].hi : 0;
        d *= 1 / fmax(se, 1e-9 * fmax(1, fabs(at_start[k].mean)));
        sum += d * d;
    }
    return sum;
}

START_TEST(the_fit_is_the_best_point_evaluated_within_the_budget)
{
    const long budgets[] = {2, 3, 5};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        herd_calibrate_settings st;
        small_settings(&st, 0, budgets[b]);
        progress_log log = {0, 0, 0};
        st.progress = log_progress;
        st.progress_cookie = &log;
        herd_calibrate_target t[4];
        known_targets(&st, t);
        herd_params start;
        small_params(&start);
        start.quit_base = 0.0015;
        const char *free_params[] = {"quit_base"};
        herd_calibration *c = NULL;
        char err[512] = "";
        ck_assert_msg(herd_calibrate(&c, &start, free_params, 1, t, 4, &st, err, sizeof err) ==
                          HERD_OK, "%s", err);
        long evals = herd_calibration_evals(c);
        ck_assert_int_ge(evals, 2);
        ck_assert_int_le(evals, budgets[b]);
        ck_assert_int_eq(log.calls, evals);
        ck_assert_uint_eq(log.last_done, (size_t)evals);
        ck_assert_uint_eq(log.last_total, (size_t)budgets[b]);
        const herd_params *after = herd_calibration_after(c);
        double before = herd_calibration_objective(c, 0), fitted = herd_calibration_objective(c, 1);
        ck_assert_double_eq(before, objective_at(&start, &start, t, 4, &st));
        ck_assert_double_eq(fitted, objective_at(&start, after, t, 4, &st));
        ck_assert_double_le(fitted, before);
        if (after->quit_base == start.quit_base)
            ck_assert_double_eq(fitted, before);
        herd_calibration_free(c);
    }
}
END_TEST

START_TEST(a_budget_below_the_first_simplex_is_refused)
{
    const char *two[] = {"quit_base", "quit_engagement"};
    long least = 0;
    char err[512] = "";
    ck_assert_int_eq(herd_calibrate_min_evals(two, 2, &least, err, sizeof err), HERD_OK);
    ck_assert_int_eq(least, 3);
    const char *bad[] = {"quit_base", "nope"};
    ck_assert_int_eq(herd_calibrate_min_evals(bad, 2, &least, err, sizeof err), HERD_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(err, "'nope' is not a parameter"));
    herd_calibrate_settings st;
    small_settings(&st, 0, 2);
    herd_params p;
    small_params(&p);
    herd_calibrate_target t = {"turnover_front", 0, 0, 0};
    herd_calibration *c = NULL;
    ck_assert_int_eq(herd_calibrate(&c, &p, two, 2, &t, 1, &st, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "max_evals = 2, expected at least 3") != NULL, "%s", err);
}
END_TEST

static herd_status refused(const char *free_name, herd_calibrate_target t, const char *expect)
{
    herd_params p;
    small_params(&p);
    herd_calibrate_settings st;
    small_settings(&st, 0, 2);
    const char *free_params[] = {free_name};
    herd_calibration *c = NULL;
    char err[512] = "";
    herd_status rc = herd_calibrate(&c, &p, free_params, 1, &t, 1, &st, err, sizeof err);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, expect) != NULL, "'%s' does not say '%s'", err, expect);
    return rc;
}

START_TEST(bad_calibrations_are_refused_by_name)
{
    herd_calibrate_target ok = {"turnover_front", 0, 0, 0};
    ck_assert_int_eq(refused("no_such", ok, "'no_such' is not a parameter"), HERD_ENOTFOUND);
    ck_assert_int_eq(refused("n_teams", (herd_calibrate_target){"nope", 0, 0, 0},
                             "target 'nope' is not in the targets table"),
                     HERD_ENOTFOUND);
    ck_assert_int_eq(refused("quit_base", (herd_calibrate_target){"interaction_contrast", 0, 0, 0},
                             "interaction_contrast is context"),
                     HERD_EINVAL);
    ck_assert_int_eq(refused("quit_base", (herd_calibrate_target){"turnover_front", 1, 3, 2},
                             "turnover_front: lo = 3 above hi = 2"),
                     HERD_EINVAL);
}
END_TEST

START_TEST(targets_refuse_bad_settings_and_parameters_by_name)
{
    herd_params p;
    small_params(&p);
    herd_targets_settings st;
    herd_targets_settings_default(&st);
    herd_interval v[64];
    char err[512] = "";
    st.reps = 1;
    ck_assert_int_eq(herd_targets_measure(&p, NULL, &st, v, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "reps = 1"));
    st.reps = 2;
    p.quit_base = -1;
    ck_assert_int_eq(herd_targets_measure(&p, NULL, &st, v, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(err, "quit_base"));
    small_params(&p);
    p.n_teams = 2;
    int wanted[64] = {0};
    wanted[herd_targets_find("engaged_quarter")] = 1;
    ck_assert_int_eq(herd_targets_measure(&p, wanted, &st, v, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(err, "n_teams >= 4"));
    ck_assert_uint_eq(herd_targets_find("no such target"), (size_t)-1);
    ck_assert_int_eq(herd_target_lands(herd_targets_get(0), 15), 1);
    ck_assert_int_eq(herd_target_lands(herd_targets_get(0), 30), 0);
    ck_assert_int_eq(herd_target_lands(herd_targets_get(herd_targets_find("interaction_contrast")),
                                       5), -1);
}
END_TEST

START_TEST(what_the_targets_need_of_the_start_is_refused_before_anything_runs)
{
    herd_params p;
    small_params(&p);
    p.n_teams = 3;
    char err[512] = "";
    int wanted[64] = {0};
    wanted[herd_targets_find("turnover_front")] = 1;
    ck_assert_int_eq(herd_targets_check(&p, wanted, NULL, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_targets_check(&p, NULL, NULL, err, sizeof err), HERD_ERANGE);
    ck_assert_msg(strstr(err, "needs n_teams >= 4 for its quarters, has 3") != NULL, "%s", err);
    small_params(&p);
    p.skill_sd = 0.45;
    ck_assert_int_eq(herd_targets_check(&p, wanted, NULL, err, sizeof err), HERD_OK);
    ck_assert_int_ne(herd_targets_check(&p, NULL, NULL, err, sizeof err), HERD_OK);
    ck_assert_msg(strstr(err, "style x skill, skill_mean = 0.25: skill_sd") != NULL, "%s", err);

    /* The fit wants the turnover only, the report every target: refused before the fit. */
    herd_calibrate_settings st;
    small_settings(&st, 0, 2);
    progress_log log = {0, 0, 0};
    st.progress = log_progress;
    st.progress_cookie = &log;
    small_params(&p);
    p.n_teams = 3;
    const char *free_params[] = {"quit_base"};
    herd_calibrate_target t = {"turnover_front", 0, 0, 0};
    herd_calibration *c = NULL;
    ck_assert_int_eq(herd_calibrate(&c, &p, free_params, 1, &t, 1, &st, err, sizeof err),
                     HERD_ERANGE);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "calibration: start: targets: the mixed organisation") != NULL,
                  "%s", err);
    ck_assert_int_eq(log.calls, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("calibrate");
    TCase *tc = tcase_create("calibrate");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, a_known_parameter_is_recovered_and_held_out_targets_are_reported);
    tcase_add_test(tc, a_calibration_is_the_same_on_one_thread_or_two);
    tcase_add_test(tc, the_fit_is_the_best_point_evaluated_within_the_budget);
    tcase_add_test(tc, a_budget_below_the_first_simplex_is_refused);
    tcase_add_test(tc, bad_calibrations_are_refused_by_name);
    tcase_add_test(tc, targets_refuse_bad_settings_and_parameters_by_name);
    tcase_add_test(tc, what_the_targets_need_of_the_start_is_refused_before_anything_runs);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
