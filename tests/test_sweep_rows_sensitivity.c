/* The sensitivity of runs read back (herd_sweep_rows_src, herd_sweep_rows_base_samples,
 * herd_sweep_rows_sobol): known coefficients of an output exactly linear in the parameters,
 * Sobol indices equal to herd_sensitivity_sobol's of the points' means, and every refusal. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "herd/compare.h"
#include "runner.h"

enum { FRONT, BEHIND, SERVANT };
static const char *const names[] = {"front", "behind", "servant"};

/* A 2 x 2 grid of two parameters in {0, 1}, two replications of front and behind at each
 * point; front's output is 3 x1 + x2, behind's 3 x1, so that front - behind is x2. Servant
 * has three runs at point 0. Row r: point, rep, policy, then x1, x2, output. */
enum { GRID_ROWS = 19, COLUMNS = 3 };
static long grid_point[GRID_ROWS], grid_rep[GRID_ROWS];
static size_t grid_policy[GRID_ROWS];
static double grid[GRID_ROWS * COLUMNS];

static herd_sweep_rows grid_rows(void)
{
    size_t r = 0;
    for (long j = 0; j < 4; j++)
        for (size_t p = FRONT; p <= BEHIND; p++)
            for (long rep = 0; rep < 2; rep++, r++) {
                double x1 = (double)(j / 2), x2 = (double)(j % 2);
                grid_point[r] = j;
                grid_rep[r] = rep;
                grid_policy[r] = p;
                double *row = grid + r * COLUMNS;
                row[0] = x1;
                row[1] = x2;
                row[2] = 3 * x1 + (p == FRONT ? x2 : 0);
            }
    for (long rep = 0; rep < 3; rep++, r++) {
        grid_point[r] = 0;
        grid_rep[r] = rep;
        grid_policy[r] = SERVANT;
        memset(grid + r * COLUMNS, 0, COLUMNS * sizeof *grid);
    }
    return (herd_sweep_rows){GRID_ROWS, grid_point, grid_rep, grid_policy, names, 3,
                             "out/runs.csv", NULL};
}

enum { ERR_SIZE = 256 };

/* herd_sweep_rows_src of the grid's output over x1 and x2, for policy (less other). */
static herd_status fit_grid(const herd_sweep_rows *r, size_t policy, size_t other, double *src,
                            double *r2, char *err)
{
    return herd_sweep_rows_src(r, grid + 2, COLUMNS, grid, COLUMNS, 2, policy, other, src, r2,
                               err, ERR_SIZE);
}

START_TEST(src_over_every_run_of_a_policy_and_of_a_paired_difference)
{
    herd_sweep_rows r = grid_rows();
    double src[2], r2 = 0;
    char err[ERR_SIZE] = "";
    ck_assert_int_eq(fit_grid(&r, FRONT, HERD_SWEEP_NO_OTHER, src, &r2, err), HERD_OK);
    /* x1 and x2 have the same spread, so the coefficients are 3 and 1 over sqrt(10). */
    ck_assert_double_eq_tol(src[0], 3 / sqrt(10), 1e-12);
    ck_assert_double_eq_tol(src[1], 1 / sqrt(10), 1e-12);
    ck_assert_double_eq_tol(r2, 1, 1e-12);
    ck_assert_int_eq(fit_grid(&r, FRONT, BEHIND, src, &r2, err), HERD_OK);
    ck_assert_double_eq_tol(src[0], 0, 1e-12);
    ck_assert_double_eq_tol(src[1], 1, 1e-12);
    ck_assert_double_eq_tol(r2, 1, 1e-12);
}
END_TEST

START_TEST(too_few_runs_to_fit_are_counted_in_the_refusal)
{
    herd_sweep_rows r = grid_rows();
    double src[2], r2 = 0;
    char err[ERR_SIZE] = "";
    ck_assert_int_eq(fit_grid(&r, SERVANT, HERD_SWEEP_NO_OTHER, src, &r2, err), HERD_ERANGE);
    ck_assert_str_eq(err, "out/runs.csv: 3 runs of servant, too few to fit 2 parameters (it "
                          "takes 4)");
    ck_assert_int_eq(herd_sweep_rows_src(&r, grid + 2, COLUMNS, grid, 1, 2, FRONT,
                                         HERD_SWEEP_NO_OTHER, src, &r2, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_int_eq(fit_grid(&r, SERVANT, FRONT, src, &r2, err), HERD_ERANGE);
}
END_TEST

/* A Saltelli design of one parameter and three base samples: points b 3 + (A, B, AB). Two
 * replications of front at each point, its output v_j - 0.5 and v_j + 0.5. */
enum { SOBOL_POINTS = 9, SOBOL_ROWS = 2 * SOBOL_POINTS };
static const double means[SOBOL_POINTS] = {1, 4, 4.5, 2, 0, 0.5, 7, 3, 3.5};
static long sobol_point[SOBOL_ROWS], sobol_rep[SOBOL_ROWS];
static size_t sobol_policy[SOBOL_ROWS];
static double sobol_value[SOBOL_ROWS];

static herd_sweep_rows sobol_rows(size_t n)
{
    for (size_t r = 0; r < SOBOL_ROWS; r++) {
        sobol_point[r] = (long)(r / 2);
        sobol_rep[r] = (long)(r % 2);
        sobol_policy[r] = FRONT;
        sobol_value[r] = means[r / 2] + (r % 2 ? 0.5 : -0.5);
    }
    return (herd_sweep_rows){n, sobol_point, sobol_rep, sobol_policy, names, 3, NULL, NULL};
}

START_TEST(sobol_indices_are_those_of_the_points_means)
{
    herd_sweep_rows r = sobol_rows(SOBOL_ROWS);
    ck_assert_int_eq(herd_sweep_rows_base_samples(&r, 1), 3);
    ck_assert_int_eq(herd_sweep_rows_base_samples(&r, 2), -1);
    herd_sobol_index got, want;
    char err[256] = "";
    ck_assert_int_eq(herd_sweep_rows_sobol(&r, sobol_value, 1, 1, FRONT, HERD_SWEEP_NO_OTHER,
                                           200, 7, &got, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_sensitivity_sobol(means, 3, 1, 200, 7, &want, err, sizeof err),
                     HERD_OK);
    ck_assert(memcmp(&got, &want, sizeof got) == 0);
    ck_assert(want.total > 0);
}
END_TEST

START_TEST(sobol_refuses_a_short_design_and_a_point_without_runs)
{
    herd_sobol_index out;
    char err[256] = "";
    herd_sweep_rows r = sobol_rows(6); /* points 0..2: one base sample */
    ck_assert_int_eq(herd_sweep_rows_sobol(&r, sobol_value, 1, 1, FRONT, HERD_SWEEP_NO_OTHER,
                                           200, 7, &out, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "sweep rows: not a Saltelli design of at least 2 base samples of 3 "
                          "points each");
    r = sobol_rows(SOBOL_ROWS);
    sobol_point[8] = sobol_point[9] = 3; /* point 4's runs become point 3's third and fourth */
    sobol_rep[8] = 2;
    sobol_rep[9] = 3;
    ck_assert_int_eq(herd_sweep_rows_sobol(&r, sobol_value, 1, 1, FRONT, HERD_SWEEP_NO_OTHER,
                                           200, 7, &out, err, sizeof err), HERD_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(err, "design point 4 has no run of front"));
}
END_TEST

/* The grid's rows r, named by lines 2 to 20, refuse the SRCs of policy (less other) with
 * message want. */
static void src_refused(herd_sweep_rows r, size_t policy, size_t other, const char *want)
{
    static const size_t line[GRID_ROWS] = {2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                           12, 13, 14, 15, 16, 17, 18, 19, 20};
    r.line = line;
    double src[2], r2 = 0;
    char err[ERR_SIZE] = "";
    ck_assert_int_eq(fit_grid(&r, policy, other, src, &r2, err), HERD_EINVAL);
    ck_assert_str_eq(err, want);
}

START_TEST(a_number_or_parameter_that_is_not_finite_is_refused_with_its_line)
{
    herd_sweep_rows r = grid_rows();
    grid[5 * COLUMNS + 2] = NAN; /* front's output, point 1, rep 1: line 7 */
    src_refused(r, FRONT, HERD_SWEEP_NO_OTHER, "out/runs.csv: line 7: the run's number is "
                                               "nan; every run's number must be finite");
    r = grid_rows();
    grid[2 * COLUMNS + 2] = NAN; /* behind's output, point 0, rep 0, paired with line 2 */
    src_refused(r, FRONT, BEHIND, "out/runs.csv: line 2: the difference from the run it is "
                                  "paired with is nan; every run's number must be finite");
    r = grid_rows();
    grid[2 * COLUMNS + 1] = INFINITY; /* behind's x2, point 0, rep 0: line 4 */
    src_refused(r, BEHIND, HERD_SWEEP_NO_OTHER, "out/runs.csv: line 4: parameter 1 is inf; "
                                                "every parameter must be finite");
    char err[256] = "";
    herd_sobol_index out;
    r = sobol_rows(SOBOL_ROWS);
    sobol_value[7] = NAN; /* point 3, rep 1 */
    ck_assert_int_eq(herd_sweep_rows_sobol(&r, sobol_value, 1, 1, FRONT, HERD_SWEEP_NO_OTHER,
                                           200, 7, &out, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "sweep rows: design point 3: the mean of front is nan; every run's "
                          "number must be finite");
}
END_TEST

START_TEST(a_single_point_or_a_parameter_that_keeps_one_value_measures_nothing)
{
    herd_sweep_rows r = grid_rows();
    const char *const keys[] = {"x1", "x2"};
    char err[ERR_SIZE] = "";
    ck_assert_int_eq(herd_sweep_rows_spread(&r, grid, COLUMNS, 2, keys, err, sizeof err),
                     HERD_OK);
    for (size_t i = 0; i < GRID_ROWS; i++)
        grid[i * COLUMNS + 1] = 0.25; /* x2 keeps one value */
    ck_assert_int_eq(herd_sweep_rows_spread(&r, grid, COLUMNS, 2, keys, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: x2 is 0.25 in every run, so its effect cannot be "
                          "measured; vary it over more than one value");
    double src[2], r2 = -1;
    ck_assert_int_eq(fit_grid(&r, FRONT, HERD_SWEEP_NO_OTHER, src, &r2, err), HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: parameter 1 is 0.25 in every run, so its effect "
                          "cannot be measured; vary it over more than one value");
    ck_assert_double_eq(r2, -1);
    r = grid_rows();
    r.n = 4; /* point 0's runs of front and behind */
    ck_assert_int_eq(herd_sweep_rows_spread(&r, grid, COLUMNS, 2, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv holds a single design point, so no parameter's effect "
                          "can be measured; sweep over more points");
    ck_assert_int_eq(herd_sweep_rows_spread(NULL, grid, COLUMNS, 2, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_int_eq(herd_sweep_rows_spread(&r, grid, 1, 2, NULL, err, sizeof err),
                     HERD_EINVAL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sweep rows sensitivity");
    TCase *tc = tcase_create("sweep rows sensitivity");
    tcase_add_test(tc, src_over_every_run_of_a_policy_and_of_a_paired_difference);
    tcase_add_test(tc, too_few_runs_to_fit_are_counted_in_the_refusal);
    tcase_add_test(tc, sobol_indices_are_those_of_the_points_means);
    tcase_add_test(tc, sobol_refuses_a_short_design_and_a_point_without_runs);
    tcase_add_test(tc, a_number_or_parameter_that_is_not_finite_is_refused_with_its_line);
    tcase_add_test(tc, a_single_point_or_a_parameter_that_keeps_one_value_measures_nothing);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
