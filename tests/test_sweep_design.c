#include <check.h>
#include <gsl/gsl_qrng.h>
#include <math.h>
#include <string.h>

#include "herd/rng.h"

#include "herd/design.h"
#include "runner.h"

static herd_factor factor(const char *text)
{
    herd_factor f;
    char err[256];
    ck_assert_int_eq(herd_factor_parse(text, &f, err, sizeof err), HERD_OK);
    return f;
}

/* A factor over whole numbers, as a caller makes one for an integer key. */
static herd_factor whole(const char *text)
{
    herd_factor f = factor(text);
    char err[256];
    f.integer = 1;
    ck_assert_int_eq(herd_factor_check(&f, err, sizeof err), HERD_OK);
    return f;
}

static herd_design *design(herd_design_kind kind, const herd_factor *f, size_t n, long samples,
                           uint64_t seed)
{
    herd_design *d;
    char err[256];
    ck_assert_int_eq(herd_design_new(&d, kind, f, n, samples, seed, err, sizeof err), HERD_OK);
    return d;
}

static herd_design_cursor *cursor(const herd_design *d)
{
    herd_design_cursor *c;
    ck_assert_int_eq(herd_design_cursor_new(&c, d), HERD_OK);
    return c;
}

START_TEST(a_grid_visits_every_combination_last_factor_fastest)
{
    herd_factor f[2] = {factor("leader_skill=0.2:0.8:3"), whole("team_size=4:10:2")};
    herd_design *d = design(HERD_DESIGN_GRID, f, 2, 0, 1);
    ck_assert_int_eq(herd_design_points(d), 6);
    ck_assert_int_eq(herd_design_kind_of(d), HERD_DESIGN_GRID);
    ck_assert_uint_eq(herd_design_n_factors(d), 2);
    ck_assert_str_eq(herd_design_factor(d, 1)->key, "team_size");
    ck_assert_ptr_null(herd_design_factor(d, 2));
    herd_design_cursor *c = cursor(d);
    const double expected[6][2] = {{0.2, 4}, {0.2, 10}, {0.5, 4}, {0.5, 10}, {0.8, 4}, {0.8, 10}};
    for (long j = 0; j < 6; j++) {
        double v[2];
        ck_assert_int_eq(herd_design_cursor_point(c, j, v, NULL), HERD_OK);
        ck_assert_double_eq_tol(v[0], expected[j][0], 1e-12);
        ck_assert_double_eq(v[1], expected[j][1]);
    }
    double v[2] = {-1, -1};
    ck_assert_int_eq(herd_design_cursor_point(c, 6, v, NULL), HERD_ERANGE);
    ck_assert_int_eq(herd_design_cursor_point(c, -1, v, NULL), HERD_ERANGE);
    ck_assert_double_eq(v[0], -1);
    herd_design_cursor_free(c);
    herd_design_free(d);
}
END_TEST

START_TEST(a_sobol_design_is_gsl_sobol_scaled_in_any_order_of_requests)
{
    herd_factor f[2] = {factor("leader_skill=0.1:0.9"), factor("attention_budget=0:2")};
    herd_design *d = design(HERD_DESIGN_SOBOL, f, 2, 32, 1);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2);
    double expected[32][2];
    for (int j = 0; j < 32; j++)
        gsl_qrng_get(q, expected[j]);
    gsl_qrng_free(q);
    /* The well-known start of the 2-d Sobol sequence. */
    ck_assert_double_eq(expected[0][0], 0.5);
    ck_assert_double_eq(expected[1][0], 0.75);
    ck_assert_double_eq(expected[1][1], 0.25);
    herd_design_cursor *c = cursor(d);
    long order[] = {0, 5, 6, 31, 2, 17, 1};
    for (size_t n = 0; n < sizeof order / sizeof order[0]; n++) {
        long j = order[n];
        double v[2], u[2];
        ck_assert_int_eq(herd_design_cursor_point(c, j, v, u), HERD_OK);
        ck_assert_double_eq(u[0], expected[j][0]);
        ck_assert_double_eq_tol(v[0], 0.1 + 0.8 * expected[j][0], 1e-12);
        ck_assert_double_eq_tol(v[1], 2 * expected[j][1], 1e-12);
    }
    herd_design_cursor_free(c);
    herd_design_free(d);
}
END_TEST

START_TEST(a_latin_hypercube_puts_one_point_in_each_stratum_of_each_factor)
{
    enum { N = 37 };
    herd_factor f[3] = {factor("leader_skill=0.1:0.9"), factor("crisis_rate=0:0.1"),
                        factor("skill_mean=0.2:0.6")};
    herd_design *d = design(HERD_DESIGN_LHS, f, 3, N, 42);
    herd_design_cursor *c = cursor(d);
    int hits[3][N] = {{0}};
    for (long j = 0; j < N; j++) {
        double v[3], u[3], again[3];
        herd_design_cursor_point(c, j, v, u);
        herd_design_cursor_point(c, j, again, NULL);
        for (int k = 0; k < 3; k++) {
            ck_assert_double_eq(v[k], again[k]);
            hits[k][(int)floor(u[k] * N)]++;
        }
    }
    for (int k = 0; k < 3; k++)
        for (int s = 0; s < N; s++)
            ck_assert_int_eq(hits[k][s], 1);
    herd_design_cursor_free(c);
    herd_design_free(d);
}
END_TEST

START_TEST(a_saltelli_design_mixes_a_and_b_of_one_sobol_point_by_block)
{
    enum { K = 3, N = 16 };
    herd_factor f[K] = {factor("leader_skill=0.1:0.9"), factor("crisis_rate=0:0.1"),
                        factor("skill_mean=0.2:0.6")};
    herd_design *d = design(HERD_DESIGN_SALTELLI, f, K, N, 1);
    ck_assert_int_eq(herd_design_points(d), N * (K + 2));
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2 * K);
    herd_design_cursor *c = cursor(d);
    double ab[2 * K];
    /* N is a power of two: the design starts at point N of the sequence from the origin,
     * which GSL leaves out. */
    for (int skipped = 0; skipped < N - 1; skipped++)
        gsl_qrng_get(q, ab);
    for (long b = 0; b < N; b++) {
        double a[K], bb[K], mixed[K];
        gsl_qrng_get(q, ab);
        /* The AB rows first and again, to show the order of requests does not matter. */
        for (int i = 0; i < K; i++) {
            long j = b * (K + 2) + HERD_SALTELLI_AB + i;
            herd_design_cursor_point(c, j, mixed, mixed);
            herd_design_cursor_point(c, b * (K + 2) + HERD_SALTELLI_A, a, a);
            herd_design_cursor_point(c, b * (K + 2) + HERD_SALTELLI_B, bb, bb);
            herd_design_cursor_point(c, j, mixed, mixed);
            ck_assert_int_eq(herd_design_seed_point(d, j), b);
            for (int m = 0; m < K; m++) {
                ck_assert_double_eq(a[m], ab[m]);
                ck_assert_double_eq(bb[m], ab[K + m]);
                ck_assert_double_eq(mixed[m], m == i ? bb[m] : a[m]);
            }
        }
    }
    gsl_qrng_free(q);
    herd_design_cursor_free(c);
    herd_design_free(d);
}
END_TEST

/* Every base sample varies something: with one or two factors the Sobol sequence's first
 * points, and some later ones with one, have A = B, and a base sample made of one would
 * measure nothing. */
START_TEST(no_saltelli_base_sample_has_a_equal_to_b)
{
    herd_factor f[2] = {factor("leader_skill=0.1:0.9"), factor("crisis_rate=0:0.1")};
    const long sizes[] = {2, 3, 8, 64, 100};
    for (size_t k = 1; k <= 2; k++) {
        for (size_t n = 0; n < sizeof sizes / sizeof sizes[0]; n++) {
            herd_design *d = design(HERD_DESIGN_SALTELLI, f, k, sizes[n], 1);
            herd_design_cursor *c = cursor(d);
            for (long b = 0; b < sizes[n]; b++) {
                double a[2], bb[2];
                herd_design_cursor_point(c, b * (long)(k + 2) + HERD_SALTELLI_A, a, NULL);
                herd_design_cursor_point(c, b * (long)(k + 2) + HERD_SALTELLI_B, bb, NULL);
                int differ = 0;
                for (size_t i = 0; i < k; i++)
                    differ |= a[i] != bb[i];
                ck_assert_msg(differ, "%zu factors, %ld base samples: sample %ld has A = B", k,
                              sizes[n], b);
            }
            herd_design_cursor_free(c);
            herd_design_free(d);
        }
    }
}
END_TEST

START_TEST(an_integer_grid_takes_no_more_steps_than_whole_values)
{
    ck_assert_int_eq(factor("team_size=4:5").steps, 0);
    ck_assert_int_eq(whole("team_size=4:5").steps, 2);
    ck_assert_int_eq(whole("team_size=4:10").steps, 3);
    ck_assert_int_eq(whole("team_size=4:7:4").steps, 4);
    ck_assert_int_eq(whole("team_size=4:4").steps, 1);
    herd_factor f = factor("leader_skill=0.5:0.6");
    char err[256];
    ck_assert_int_eq(herd_factor_check(&f, err, sizeof err), HERD_OK);
    ck_assert_int_eq(f.steps, HERD_FACTOR_DEFAULT_STEPS);
    /* a second check changes nothing */
    f = whole("team_size=4:5");
    ck_assert_int_eq(herd_factor_check(&f, err, sizeof err), HERD_OK);
    ck_assert_int_eq(f.steps, 2);
}
END_TEST

/* The seed rule of include/herd/design.h, spelled out. */
START_TEST(the_seed_of_a_run_derives_from_its_point_and_replication)
{
    herd_factor f[2] = {factor("leader_skill=0.1:0.9"), factor("crisis_rate=0:0.1")};
    herd_design *grid = design(HERD_DESIGN_GRID, f, 2, 0, 1);
    herd_design *salt = design(HERD_DESIGN_SALTELLI, f, 2, 4, 1);
    for (long j = 0; j < 8; j++)
        for (long r = 0; r < 3; r++) {
            uint64_t own = herd_seed_derive(herd_seed_derive(99, (uint64_t)j), (uint64_t)r);
            uint64_t base = herd_seed_derive(herd_seed_derive(99, (uint64_t)(j / 4)), (uint64_t)r);
            ck_assert_uint_eq(herd_design_seed(grid, 99, j, r), own);
            ck_assert_uint_eq(herd_design_seed(salt, 99, j, r), base);
        }
    ck_assert_uint_ne(herd_design_seed(grid, 99, 0, 0), herd_design_seed(grid, 99, 0, 1));
    herd_design_free(grid);
    herd_design_free(salt);
}
END_TEST

START_TEST(bad_factors_are_refused_quoting_them)
{
    herd_factor f;
    char err[256];
    const char *bad[] = {"leader_skill", "leader_skill=0.9:0.1", "leader_skill=0.1:0.9:0",
                         "leader_skill=a:b", "=1:2", "x=1:inf", "x=1:2:3:4", "x=1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_ne(herd_factor_parse(bad[i], &f, err, sizeof err), HERD_OK);
        ck_assert_ptr_nonnull(strstr(err, bad[i]));
    }
    char long_key[HERD_KEY_MAX + 8];
    memset(long_key, 'k', HERD_KEY_MAX);
    strcpy(long_key + HERD_KEY_MAX, "=0:1");
    ck_assert_int_eq(herd_factor_parse(long_key, &f, err, sizeof err), HERD_EPARSE);
    ck_assert_ptr_nonnull(strstr(err, "longer than 127"));
    ck_assert_int_eq(herd_factor_parse("style.mine.direction=0:1", &f, err, sizeof err), HERD_OK);
    ck_assert_str_eq(f.key, "style.mine.direction");
    f = factor("team_size=4:6.5");
    f.integer = 1;
    ck_assert_int_eq(herd_factor_check(&f, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(err, "team_size takes whole numbers"));
    f = factor("team_size=4:5:3");
    f.integer = 1;
    ck_assert_int_eq(herd_factor_check(&f, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(err, "team_size has only 2 whole values from 4 to 5, fewer "
                                      "than 3 steps"));
    f = factor("leader_skill=0.1:0.9");
    f.lo = 2;
    ck_assert_int_eq(herd_factor_check(&f, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(err, "leader_skill"));
}
END_TEST

START_TEST(bad_designs_are_refused_naming_the_problem)
{
    herd_factor f = factor("leader_skill=0.1:0.9");
    herd_design *d = (herd_design *)&f;
    char err[256];
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_SOBOL, &f, 1, 0, 1, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_null(d);
    ck_assert_ptr_nonnull(strstr(err, "samples 0"));
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_LHS, &f, 0, 5, 1, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "at least one factor"));
    herd_factor many[HERD_DESIGN_MAX_FACTORS + 1];
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = f;
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_SALTELLI, many,
                                     HERD_DESIGN_SALTELLI_MAX_FACTORS, 4, 1, err, sizeof err),
                     HERD_OK);
    herd_design_free(d);
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_SALTELLI, many,
                                     HERD_DESIGN_SALTELLI_MAX_FACTORS + 1, 4, 1, err, sizeof err),
                     HERD_ETOOBIG);
    ck_assert_ptr_nonnull(strstr(err, "at most 20"));
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_GRID, many, HERD_DESIGN_MAX_FACTORS + 1, 0,
                                     1, err, sizeof err),
                     HERD_ETOOBIG);
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_GRID, many, HERD_DESIGN_MAX_FACTORS, 0, 1,
                                     err, sizeof err),
                     HERD_ETOOBIG);
    ck_assert_ptr_nonnull(strstr(err, "more than 1000000000 points"));
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_SALTELLI, &f, 1, 1, 1, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "expected 2 to"));
    herd_factor bad = whole("team_size=4:5");
    bad.hi = 5.5;
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_GRID, &bad, 1, 0, 1, err, sizeof err),
                     HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(err, "team_size takes whole numbers"));
    herd_design_free(NULL);
    herd_design_cursor_free(NULL);
}
END_TEST

START_TEST(kinds_have_names)
{
    herd_design_kind kind;
    const char *names[] = {"grid", "sobol", "lhs", "saltelli"};
    for (int k = 0; k < 4; k++) {
        ck_assert_int_eq(herd_design_kind_parse(names[k], &kind), HERD_OK);
        ck_assert_int_eq(kind, k);
        ck_assert_str_eq(herd_design_kind_name(kind), names[k]);
    }
    ck_assert_int_eq(herd_design_kind_parse("random", &kind), HERD_ENOTFOUND);
    ck_assert_ptr_null(herd_design_kind_name((herd_design_kind)4));
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
    tcase_add_test(tc, no_saltelli_base_sample_has_a_equal_to_b);
    tcase_add_test(tc, an_integer_grid_takes_no_more_steps_than_whole_values);
    tcase_add_test(tc, the_seed_of_a_run_derives_from_its_point_and_replication);
    tcase_add_test(tc, bad_factors_are_refused_quoting_them);
    tcase_add_test(tc, bad_designs_are_refused_naming_the_problem);
    tcase_add_test(tc, kinds_have_names);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
