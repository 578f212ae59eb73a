#include <check.h>
#include <gsl/gsl_qrng.h>
#include <math.h>
#include <string.h>

#include "runner.h"
#include "sweep_design.h"

static sweep_factor factor(const char *text)
{
    sweep_factor f;
    char err[256];
    ck_assert_int_eq(sweep_factor_parse(text, &f, err, sizeof err), 0);
    return f;
}

START_TEST(a_grid_visits_every_combination_last_factor_fastest)
{
    sweep_factor f[2] = {factor("leader_skill=0.2:0.8:3"), factor("team_size=4:10:2")};
    sweep_design d;
    char err[256];
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_GRID, f, 2, 0, 1, err, sizeof err), 0);
    ck_assert_int_eq(d.points, 6);
    sweep_cursor c;
    ck_assert_int_eq(sweep_cursor_init(&c, &d), 0);
    const double expected[6][2] = {{0.2, 4}, {0.2, 10}, {0.5, 4}, {0.5, 10}, {0.8, 4}, {0.8, 10}};
    for (long j = 0; j < 6; j++) {
        double v[2];
        sweep_point(&c, j, v, NULL);
        ck_assert_double_eq_tol(v[0], expected[j][0], 1e-12);
        ck_assert_double_eq(v[1], expected[j][1]);
    }
    sweep_cursor_free(&c);
}
END_TEST

START_TEST(a_sobol_design_is_gsl_sobol_scaled_in_any_order_of_requests)
{
    sweep_factor f[2] = {factor("leader_skill=0.1:0.9"), factor("attention_budget=0:2")};
    sweep_design d;
    char err[256];
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_SOBOL, f, 2, 32, 1, err, sizeof err), 0);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2);
    double expected[32][2];
    for (int j = 0; j < 32; j++)
        gsl_qrng_get(q, expected[j]);
    gsl_qrng_free(q);
    /* The well-known start of the 2-d Sobol sequence. */
    ck_assert_double_eq(expected[0][0], 0.5);
    ck_assert_double_eq(expected[1][0], 0.75);
    ck_assert_double_eq(expected[1][1], 0.25);
    sweep_cursor c;
    ck_assert_int_eq(sweep_cursor_init(&c, &d), 0);
    long order[] = {0, 5, 6, 31, 2, 17, 1};
    for (size_t n = 0; n < sizeof order / sizeof order[0]; n++) {
        long j = order[n];
        double v[2], u[2];
        sweep_point(&c, j, v, u);
        ck_assert_double_eq(u[0], expected[j][0]);
        ck_assert_double_eq_tol(v[0], 0.1 + 0.8 * expected[j][0], 1e-12);
        ck_assert_double_eq_tol(v[1], 2 * expected[j][1], 1e-12);
    }
    sweep_cursor_free(&c);
}
END_TEST

START_TEST(a_latin_hypercube_puts_one_point_in_each_stratum_of_each_factor)
{
    enum { N = 37 };
    sweep_factor f[3] = {factor("leader_skill=0.1:0.9"), factor("crisis_rate=0:0.1"),
                         factor("skill_mean=0.2:0.6")};
    sweep_design d;
    char err[256];
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_LHS, f, 3, N, 42, err, sizeof err), 0);
    sweep_cursor c;
    ck_assert_int_eq(sweep_cursor_init(&c, &d), 0);
    int hits[3][N] = {{0}};
    for (long j = 0; j < N; j++) {
        double v[3], u[3], again[3];
        sweep_point(&c, j, v, u);
        sweep_point(&c, j, again, NULL);
        for (int k = 0; k < 3; k++) {
            ck_assert_double_eq(v[k], again[k]);
            hits[k][(int)floor(u[k] * N)]++;
        }
    }
    for (int k = 0; k < 3; k++)
        for (int s = 0; s < N; s++)
            ck_assert_int_eq(hits[k][s], 1);
    sweep_cursor_free(&c);
}
END_TEST

START_TEST(a_saltelli_design_mixes_a_and_b_of_one_sobol_point_by_block)
{
    enum { K = 3, N = 16 };
    sweep_factor f[K] = {factor("leader_skill=0.1:0.9"), factor("crisis_rate=0:0.1"),
                         factor("skill_mean=0.2:0.6")};
    sweep_design d;
    char err[256];
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_SALTELLI, f, K, N, 1, err, sizeof err), 0);
    ck_assert_int_eq(d.points, N * (K + 2));
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2 * K);
    sweep_cursor c;
    ck_assert_int_eq(sweep_cursor_init(&c, &d), 0);
    for (long b = 0; b < N; b++) {
        double ab[2 * K], a[K], bb[K], mixed[K];
        gsl_qrng_get(q, ab);
        /* The AB rows first and again, to show the order of requests does not matter. */
        for (int i = 0; i < K; i++) {
            long j = b * (K + 2) + SWEEP_SALTELLI_AB + i;
            sweep_point(&c, j, mixed, mixed);
            sweep_point(&c, b * (K + 2) + SWEEP_SALTELLI_A, a, a);
            sweep_point(&c, b * (K + 2) + SWEEP_SALTELLI_B, bb, bb);
            sweep_point(&c, j, mixed, mixed);
            ck_assert_int_eq(sweep_seed_point(&d, j), b);
            for (int m = 0; m < K; m++) {
                ck_assert_double_eq(a[m], ab[m]);
                ck_assert_double_eq(bb[m], ab[K + m]);
                ck_assert_double_eq(mixed[m], m == i ? bb[m] : a[m]);
            }
        }
    }
    gsl_qrng_free(q);
    sweep_cursor_free(&c);
}
END_TEST

START_TEST(an_integer_grid_takes_no_more_steps_than_whole_values)
{
    sweep_factor f = factor("team_size=4:5");
    ck_assert_int_eq(f.steps, 2);
    f = factor("team_size=4:10");
    ck_assert_int_eq(f.steps, 3);
    f = factor("team_size=4:7:4");
    ck_assert_int_eq(f.steps, 4);
}
END_TEST

START_TEST(bad_factors_and_designs_are_refused_naming_the_problem)
{
    sweep_factor f;
    char err[256];
    const char *bad[] = {"leader_skill", "nope=0:1", "leader_skill=0.9:0.1", "leader_skill=0:2",
                         "leader_skill=0.1:0.9:0", "leader_skill=a:b", "=1:2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(sweep_factor_parse(bad[i], &f, err, sizeof err), -1);
        ck_assert_ptr_nonnull(strstr(err, bad[i]));
    }
    ck_assert_int_eq(sweep_factor_parse("team_size=4:6.5", &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "team_size takes whole numbers"));
    ck_assert_int_eq(sweep_factor_parse("n_teams=2.5:4", &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "n_teams takes whole numbers"));
    ck_assert_int_eq(sweep_factor_parse("team_size=4:5:3", &f, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "only 2 whole values from 4 to 5, fewer than 3 steps"));
    sweep_design d;
    f = factor("leader_skill=0.1:0.9");
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_SOBOL, &f, 1, 0, 1, err, sizeof err), -1);
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_LHS, &f, 0, 5, 1, err, sizeof err), -1);
    sweep_factor many[SWEEP_SALTELLI_MAX_FACTORS + 1];
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = f;
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_SALTELLI, many, SWEEP_SALTELLI_MAX_FACTORS, 4,
                                       1, err, sizeof err), 0);
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_SALTELLI, many, SWEEP_SALTELLI_MAX_FACTORS + 1,
                                       4, 1, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "at most 20"));
    ck_assert_int_eq(sweep_design_init(&d, SWEEP_SALTELLI, &f, 1, 1, 1, err, sizeof err), -1);
    sweep_design_kind kind;
    ck_assert_int_eq(sweep_design_kind_parse("lhs", &kind), 0);
    ck_assert_int_eq(kind, SWEEP_LHS);
    ck_assert_int_eq(sweep_design_kind_parse("saltelli", &kind), 0);
    ck_assert_int_eq(kind, SWEEP_SALTELLI);
    ck_assert_int_eq(sweep_design_kind_parse("random", &kind), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sweep design");
    TCase *tc = tcase_create("design");
    tcase_add_test(tc, a_grid_visits_every_combination_last_factor_fastest);
    tcase_add_test(tc, a_sobol_design_is_gsl_sobol_scaled_in_any_order_of_requests);
    tcase_add_test(tc, a_latin_hypercube_puts_one_point_in_each_stratum_of_each_factor);
    tcase_add_test(tc, a_saltelli_design_mixes_a_and_b_of_one_sobol_point_by_block);
    tcase_add_test(tc, bad_factors_and_designs_are_refused_naming_the_problem);
    tcase_add_test(tc, an_integer_grid_takes_no_more_steps_than_whole_values);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
