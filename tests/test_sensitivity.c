#include <check.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/design.h"
#include "herd/rng.h"
#include "herd/sensitivity.h"
#include "runner.h"

enum { K = 3, RESAMPLES = 500 };

static const double ishigami_a = 7, ishigami_b = 0.1;

/* Ishigami and Homma (1990), on [-pi, pi]^3. */
static double ishigami(const double *unit)
{
    double x[K];
    for (int i = 0; i < K; i++)
        x[i] = -M_PI + 2 * M_PI * unit[i];
    double s2 = sin(x[1]);
    return sin(x[0]) + ishigami_a * s2 * s2 + ishigami_b * pow(x[2], 4) * sin(x[0]);
}

/* The analytic indices from the variance decomposition: V1, V2 and V13 the only nonzero
 * parts. */
static void ishigami_indices(double *first, double *total)
{
    double a = ishigami_a, b = ishigami_b, pi4 = pow(M_PI, 4), pi8 = pow(M_PI, 8);
    double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
    double v2 = a * a / 8;
    double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
    double v = v1 + v2 + v13;
    first[0] = v1 / v, first[1] = v2 / v, first[2] = 0;
    total[0] = (v1 + v13) / v, total[1] = v2 / v, total[2] = v13 / v;
}

static herd_factor factor(const char *text)
{
    herd_factor f;
    char err[256];
    ck_assert_int_eq(herd_factor_parse(text, &f, err, sizeof err), HERD_OK);
    return f;
}

/* f at every point of a Saltelli design of n base samples, in the design's order. */
static double *evaluate_on_design(long n, double (*model)(const double *))
{
    herd_factor f[K] = {factor("leader_skill=0.1:0.9"), factor("crisis_rate=0:0.1"),
                        factor("skill_mean=0.2:0.6")};
    herd_design *d;
    char err[256];
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_SALTELLI, f, K, n, 1, err, sizeof err),
                     HERD_OK);
    herd_design_cursor *c;
    ck_assert_int_eq(herd_design_cursor_new(&c, d), HERD_OK);
    long points = herd_design_points(d);
    double *out = malloc((size_t)points * sizeof *out);
    ck_assert_ptr_nonnull(out);
    for (long j = 0; j < points; j++) {
        double values[K], unit[K];
        ck_assert_int_eq(herd_design_cursor_point(c, j, values, unit), HERD_OK);
        out[j] = model(unit);
    }
    herd_design_cursor_free(c);
    herd_design_free(d);
    return out;
}

/* Standard errors of the estimators for independent random base samples, by the delta
 * method: an index is a ratio mean(term) / V, whose error is, to first order, the mean of
 * z_b = term_b - index * v_b over V, with v_b = ((f(A_b) - mean)^2 + (f(B_b) - mean)^2) / 2
 * base sample b's share of V. So the standard error is sd(z) / sqrt(n) / V. */
static void monte_carlo_errors(const double *f, long n, const herd_sobol_index *got,
                               double *first_se, double *total_se)
{
    double mean = 0, var = 0;
    for (long b = 0; b < n; b++)
        mean += f[b * (K + 2)] + f[b * (K + 2) + 1];
    mean /= 2.0 * (double)n;
    for (long b = 0; b < n; b++)
        var += pow(f[b * (K + 2)] - mean, 2) + pow(f[b * (K + 2) + 1] - mean, 2);
    var /= 2.0 * (double)n - 1;
    for (int i = 0; i < K; i++) {
        double s[2] = {0, 0}, s2[2] = {0, 0};
        for (long b = 0; b < n; b++) {
            const double *row = f + b * (K + 2);
            double change = row[2 + i] - row[0];
            double share = (pow(row[0] - mean, 2) + pow(row[1] - mean, 2)) / 2;
            double z[2] = {(row[1] - mean) * change - got[i].first * share,
                           change * change / 2 - got[i].total * share};
            for (int e = 0; e < 2; e++) {
                s[e] += z[e];
                s2[e] += z[e] * z[e];
            }
        }
        double sd[2];
        for (int e = 0; e < 2; e++)
            sd[e] = sqrt((s2[e] - s[e] * s[e] / (double)n) / (double)(n - 1));
        first_se[i] = sd[0] / sqrt((double)n) / var;
        total_se[i] = sd[1] / sqrt((double)n) / var;
    }
}

/* Tolerance: with independent random points the estimators' errors are about normal with
 * the standard errors above; a Sobol sequence converges at least as fast, so each index
 * must be within 3 standard errors of the analytic value (a 0.3% chance to miss for random
 * points). The bootstrap treats the base samples as independent, so its 95% interval must
 * be about +-1.96 of those standard errors wide; "about" is 25%: the 2.5% and 97.5%
 * percentiles of 500 resamples each carry about 0.12 standard errors of noise. */
START_TEST(the_ishigami_indices_come_out_within_their_standard_errors)
{
    enum { N = 4096 };
    double *f = evaluate_on_design(N, ishigami);
    herd_sobol_index got[K];
    ck_assert_int_eq(herd_sensitivity_sobol(f, N, K, RESAMPLES, 7, got, NULL, 0), HERD_OK);
    double first[K], total[K], first_se[K], total_se[K];
    ishigami_indices(first, total);
    monte_carlo_errors(f, N, got, first_se, total_se);
    for (int i = 0; i < K; i++) {
        printf("x%d: S %.4f [%.4f, %.4f] (analytic %.4f, se %.4f); "
               "ST %.4f [%.4f, %.4f] (analytic %.4f, se %.4f)\n",
               i + 1, got[i].first, got[i].first_lo, got[i].first_hi, first[i], first_se[i],
               got[i].total, got[i].total_lo, got[i].total_hi, total[i], total_se[i]);
        ck_assert_double_eq_tol(got[i].first, first[i], 3 * first_se[i]);
        ck_assert_double_eq_tol(got[i].total, total[i], 3 * total_se[i]);
        double first_width = got[i].first_hi - got[i].first_lo;
        double total_width = got[i].total_hi - got[i].total_lo;
        ck_assert_double_eq_tol(first_width, 2 * 1.96 * first_se[i], 0.25 * first_width);
        ck_assert_double_eq_tol(total_width, 2 * 1.96 * total_se[i], 0.25 * total_width);
    }
    free(f);
}
END_TEST

static double ignores_x2(const double *unit)
{
    return unit[0] + 3 * unit[2] * unit[2];
}

static double constant(const double *unit)
{
    (void)unit;
    return 0.1;
}

START_TEST(a_factor_the_output_ignores_gets_exactly_zero)
{
    enum { N = 64 };
    double *f = evaluate_on_design(N, ignores_x2);
    herd_sobol_index got[K];
    ck_assert_int_eq(herd_sensitivity_sobol(f, N, K, RESAMPLES, 7, got, NULL, 0), HERD_OK);
    ck_assert_double_eq(got[1].first, 0);
    ck_assert_double_eq(got[1].total, 0);
    ck_assert_double_eq(got[1].first_lo, 0);
    ck_assert_double_eq(got[1].total_hi, 0);
    ck_assert_double_gt(got[2].total, got[0].total);
    free(f);
}
END_TEST

START_TEST(an_output_that_does_not_vary_gets_zeros_and_too_little_input_is_refused)
{
    enum { N = 8 };
    double *f = evaluate_on_design(N, constant);
    herd_sobol_index got[K];
    ck_assert_int_eq(herd_sensitivity_sobol(f, N, K, RESAMPLES, 7, got, NULL, 0), HERD_OK);
    for (int i = 0; i < K; i++) {
        ck_assert_double_eq(got[i].first, 0);
        ck_assert_double_eq(got[i].total, 0);
        ck_assert_double_eq(got[i].total_hi, 0);
    }
    char err[256];
    ck_assert_int_eq(herd_sensitivity_sobol(f, 1, K, RESAMPLES, 7, got, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "n = 1 base samples"));
    ck_assert_int_eq(herd_sensitivity_sobol(f, N, K, 0, 7, got, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "resamples = 0"));
    ck_assert_int_eq(herd_sensitivity_sobol(f, N, 0, RESAMPLES, 7, got, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "k = 0"));
    ck_assert_int_eq(herd_sensitivity_sobol(NULL, N, K, RESAMPLES, 7, got, err, sizeof err),
                     HERD_EINVAL);
    free(f);
}
END_TEST

/* The outputs of two "policies" on the same design: X gains 2 x3 over Y, and both share the
 * large effect of x1. The indices of the paired difference X - Y see x3 alone. */
static double policy_y(const double *unit)
{
    return 10 * unit[0] + sin(6 * unit[1]);
}

static double policy_x(const double *unit)
{
    return policy_y(unit) + 2 * unit[2];
}

START_TEST(the_indices_of_a_paired_difference_name_what_drives_the_lead)
{
    enum { N = 256 };
    double *fx = evaluate_on_design(N, policy_x);
    double *fy = evaluate_on_design(N, policy_y);
    double *diff = malloc(N * (K + 2) * sizeof *diff);
    ck_assert_ptr_nonnull(diff);
    for (long j = 0; j < N * (K + 2); j++)
        diff[j] = fx[j] - fy[j];
    herd_sobol_index x[K], d[K];
    ck_assert_int_eq(herd_sensitivity_sobol(fx, N, K, RESAMPLES, 7, x, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_sensitivity_sobol(diff, N, K, RESAMPLES, 7, d, NULL, 0), HERD_OK);
    /* X alone is mostly x1 (variance 100/12 against 4/12 for x3) */
    ck_assert_double_gt(x[0].first, 0.8);
    /* the difference is 2 x3 up to rounding: x3 explains all of it, x1 and x2 nothing */
    ck_assert_double_eq_tol(d[2].first, 1, 0.05);
    ck_assert_double_eq_tol(d[2].total, 1, 0.05);
    ck_assert_double_lt(fabs(d[0].total), 1e-9);
    ck_assert_double_lt(fabs(d[1].total), 1e-9);
    free(fx);
    free(fy);
    free(diff);
}
END_TEST

/* y = 1 + 3 x0 - x1 exactly: R^2 = 1 and the SRCs are b_i sd(x_i) / sd(y). */
START_TEST(regression_coefficients_of_a_linear_output_are_exact)
{
    enum { N = 7, KX = 2 };
    const double x[N][KX] = {{0, 1}, {1, 0}, {2, 2}, {3, 1}, {4, 3}, {5, 0}, {6, 2}};
    double y[N];
    for (int r = 0; r < N; r++)
        y[r] = 1 + 3 * x[r][0] - x[r][1];
    double sd[KX + 1], col[N];
    for (int i = 0; i <= KX; i++) {
        for (int r = 0; r < N; r++)
            col[r] = i < KX ? x[r][i] : y[r];
        sd[i] = gsl_stats_sd(col, 1, N);
    }
    double src[KX], r2;
    char err[256];
    ck_assert_int_eq(herd_sensitivity_src(&x[0][0], y, N, KX, src, &r2, err, sizeof err),
                     HERD_OK);
    ck_assert_double_eq_tol(r2, 1, 1e-12);
    ck_assert_double_eq_tol(src[0], 3 * sd[0] / sd[KX], 1e-12);
    ck_assert_double_eq_tol(src[1], -sd[1] / sd[KX], 1e-12);
}
END_TEST

/* Noise that no factor explains leaves R^2 low; a constant output gets R^2 = 0. */
START_TEST(regression_of_noise_or_a_constant_explains_little)
{
    enum { N = 200, KX = 2 };
    double x[N * KX], y[N], flat[N], src[KX], r2;
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 5, 0);
    for (int r = 0; r < N; r++) {
        x[r * KX] = herd_pcg32_double(&rng);
        x[r * KX + 1] = herd_pcg32_double(&rng);
        y[r] = herd_pcg32_double(&rng);
        flat[r] = 0.5;
    }
    ck_assert_int_eq(herd_sensitivity_src(x, y, N, KX, src, &r2, NULL, 0), HERD_OK);
    ck_assert_double_lt(r2, 0.1);
    ck_assert_int_eq(herd_sensitivity_src(x, flat, N, KX, src, &r2, NULL, 0), HERD_OK);
    ck_assert_double_eq(r2, 0);
}
END_TEST

START_TEST(regression_refuses_too_few_runs_naming_them)
{
    const double x[] = {0, 1, 2}, y[] = {1, 2, 3};
    double src[1], r2 = -1;
    char err[256];
    ck_assert_int_eq(herd_sensitivity_src(x, y, 2, 1, src, &r2, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "n = 2 runs of k = 1"));
    ck_assert_double_eq(r2, -1);
    ck_assert_int_eq(herd_sensitivity_src(x, y, 3, 0, src, &r2, err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_sensitivity_src(x, NULL, 3, 1, src, &r2, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "NULL"));
}
END_TEST

START_TEST(a_value_that_is_not_finite_is_refused_by_its_place)
{
    double x[] = {0, 1, 2, 3, 4}, y[] = {1, 2, 3, 4, 5};
    double src[1], r2 = -1;
    char err[256];
    x[3] = NAN;
    ck_assert_int_eq(herd_sensitivity_src(x, y, 5, 1, src, &r2, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "regression: factor 0 of run 3 is nan; every factor must be finite");
    x[3] = 3;
    y[4] = -INFINITY;
    ck_assert_int_eq(herd_sensitivity_src(x, y, 5, 1, src, &r2, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "regression: the output of run 4 is -inf; every output must be "
                          "finite");
    ck_assert_double_eq(r2, -1);
    /* Two base samples of one factor: f(A), f(B), f(AB) of each. */
    double f[] = {1, 2, 3, 4, 5, 6};
    herd_sobol_index out;
    f[5] = NAN;
    ck_assert_int_eq(herd_sensitivity_sobol(f, 2, 1, 10, 1, &out, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "sobol indices: f[5] is nan; every output must be finite");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sensitivity");
    TCase *tc = tcase_create("sobol indices");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_ishigami_indices_come_out_within_their_standard_errors);
    tcase_add_test(tc, a_factor_the_output_ignores_gets_exactly_zero);
    tcase_add_test(tc, an_output_that_does_not_vary_gets_zeros_and_too_little_input_is_refused);
    tcase_add_test(tc, the_indices_of_a_paired_difference_name_what_drives_the_lead);
    TCase *src = tcase_create("regression coefficients");
    tcase_add_test(src, regression_coefficients_of_a_linear_output_are_exact);
    tcase_add_test(src, regression_of_noise_or_a_constant_explains_little);
    tcase_add_test(src, regression_refuses_too_few_runs_naming_them);
    tcase_add_test(src, a_value_that_is_not_finite_is_refused_by_its_place);
    suite_add_tcase(s, src);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
