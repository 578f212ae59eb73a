#include <check.h>
#include <math.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

enum { K = 4 };

/* The maximum of the smooth functions below: an interior point of the simplex. */
static const double inner[K] = {0.1, 0.2, 0.3, 0.4};

/* A number in [-1, 1) drawn from the seed and an index. */
static double noise(uint64_t seed, uint64_t i)
{
    return (double)(herd_seed_derive(seed, i) >> 11) * 0x1p-52 - 1;
}

static double distance2(const double *x, const double *y, size_t k)
{
    double d = 0;
    for (size_t i = 0; i < k; i++)
        d += (x[i] - y[i]) * (x[i] - y[i]);
    return d;
}

static double largest_gap(const double *x, const double *y, size_t k)
{
    double d = 0;
    for (size_t i = 0; i < k; i++)
        d = fmax(d, fabs(x[i] - y[i]));
    return d;
}

static herd_status concave(void *cookie, const double *x, size_t k, uint64_t seed, double *v)
{
    (void)cookie;
    (void)seed;
    *v = -distance2(x, inner, k);
    return HERD_OK;
}

/* Each replication moves the maximum by a shift of at most 0.05 per component summing to 0,
 * and adds noise of at most 0.01: the mean over replications peaks at inner plus the mean
 * shift. */
static herd_status noisy(void *cookie, const double *x, size_t k, uint64_t seed, double *v)
{
    (void)cookie;
    double peak[K], mean = 0;
    for (size_t i = 0; i < k; i++)
        mean += (peak[i] = 0.05 * noise(seed, i)) / (double)k;
    for (size_t i = 0; i < k; i++)
        peak[i] += inner[i] - mean;
    *v = -distance2(x, peak, k) + 0.01 * noise(seed, k);
    return HERD_OK;
}

/* Largest at the corner x[2] = 1. */
static herd_status corner(void *cookie, const double *x, size_t k, uint64_t seed, double *v)
{
    (void)cookie;
    (void)k;
    (void)seed;
    *v = x[2];
    return HERD_OK;
}

/* Largest on the edge x[0] + x[1] = 1, at its middle. */
static herd_status edge(void *cookie, const double *x, size_t k, uint64_t seed, double *v)
{
    (void)cookie;
    (void)k;
    (void)seed;
    *v = -(x[0] - 0.5) * (x[0] - 0.5) - (x[1] - 0.5) * (x[1] - 0.5);
    return HERD_OK;
}

static herd_simplex_settings settings(long reps)
{
    herd_simplex_settings s;
    herd_simplex_settings_default(&s);
    s.reps = reps;
    s.final_reps = reps;
    s.seed = 5;
    return s;
}

static void maximise(herd_simplex_fn f, void *cookie, const herd_simplex_settings *s, double *x,
                     herd_simplex_result *r)
{
    char err[256] = "";
    herd_status rc = herd_optimise_simplex(K, f, cookie, s, x, r, err, sizeof err);
    ck_assert_msg(rc == HERD_OK, "%s", err);
}

START_TEST(an_interior_maximum_is_found)
{
    herd_simplex_settings s = settings(1);
    double x[K];
    herd_simplex_result r;
    maximise(concave, NULL, &s, x, &r);
    ck_assert_msg(largest_gap(x, inner, K) < 0.01, "found %g %g %g %g", x[0], x[1], x[2], x[3]);
    ck_assert_double_le(r.value, 0);
    ck_assert_double_gt(r.value, -1e-4);
}
END_TEST

START_TEST(a_noisy_maximum_is_found_and_the_seed_fixes_the_result)
{
    herd_simplex_settings s = settings(10);
    double x[K], y[K];
    herd_simplex_result r, q;
    maximise(noisy, NULL, &s, x, &r);
    ck_assert_msg(largest_gap(x, inner, K) < 0.05, "found %g %g %g %g", x[0], x[1], x[2], x[3]);
    maximise(noisy, NULL, &s, y, &q);
    ck_assert_mem_eq(x, y, sizeof x);
    ck_assert_double_eq(r.value, q.value);
    s.seed = 6;
    maximise(noisy, NULL, &s, y, &q);
    ck_assert_double_ne(r.value, q.value);
    ck_assert_msg(largest_gap(y, inner, K) < 0.05, "found %g %g %g %g", y[0], y[1], y[2], y[3]);
}
END_TEST

START_TEST(a_maximum_on_a_corner_or_an_edge_is_found)
{
    herd_simplex_settings s = settings(1);
    double x[K];
    herd_simplex_result r;
    maximise(corner, NULL, &s, x, &r);
    ck_assert_double_gt(x[2], 0.99);
    ck_assert_double_gt(r.value, 0.99);
    maximise(edge, NULL, &s, x, &r);
    const double middle[K] = {0.5, 0.5, 0, 0};
    ck_assert_msg(largest_gap(x, middle, K) < 0.01, "found %g %g %g %g", x[0], x[1], x[2], x[3]);
}
END_TEST

START_TEST(the_result_does_not_depend_on_the_threads)
{
    herd_simplex_settings s = settings(10);
    double x[K], y[K];
    herd_simplex_result r, q;
    s.threads = 1;
    maximise(noisy, NULL, &s, x, &r);
    s.threads = 2;
    maximise(noisy, NULL, &s, y, &q);
    ck_assert_mem_eq(x, y, sizeof x);
    ck_assert_double_eq(r.value, q.value);
    ck_assert_int_eq(r.points, q.points);
    ck_assert_int_eq(r.evaluations, q.evaluations);
}
END_TEST

typedef struct trace {
    long calls, off; /* points off the simplex */
} trace;

static herd_status traced(void *cookie, const double *x, size_t k, uint64_t seed, double *v)
{
    trace *t = cookie;
    double sum = 0;
    int off = 0;
    for (size_t i = 0; i < k; i++) {
        off |= !(x[i] >= 0);
        sum += x[i];
    }
    t->calls++;
    t->off += off || fabs(sum - 1) > 1e-12;
    return concave(NULL, x, k, seed, v);
}

START_TEST(every_point_is_on_the_simplex_and_the_budget_is_kept)
{
    herd_simplex_settings s = settings(3);
    s.threads = 1;
    s.budget = 40;
    s.final_reps = 5;
    trace t = {0, 0};
    double x[K];
    herd_simplex_result r;
    maximise(traced, &t, &s, x, &r);
    ck_assert_int_eq(t.off, 0);
    ck_assert_int_le(r.points, s.budget);
    ck_assert_int_eq(r.evaluations, t.calls);
    ck_assert_int_eq(t.calls, r.points * s.reps + s.finalists * s.final_reps);
    ck_assert_double_eq_tol(x[0] + x[1] + x[2] + x[3], 1, 1e-12);
}
END_TEST

static herd_status not_finite(void *cookie, const double *x, size_t k, uint64_t seed,
                              double *v)
{
    (void)cookie;
    (void)x;
    (void)k;
    (void)seed;
    *v = NAN;
    return HERD_OK;
}

static herd_status refusing(void *cookie, const double *x, size_t k, uint64_t seed, double *v)
{
    (void)cookie;
    (void)x;
    (void)k;
    (void)seed;
    *v = 0;
    return HERD_ECALLBACK;
}

START_TEST(bad_settings_and_failures_are_refused_naming_them)
{
    herd_simplex_settings s = settings(1);
    double x[K];
    char err[256] = "";
    ck_assert_int_eq(herd_optimise_simplex(1, concave, NULL, &s, x, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "k: from 2"));
    s.budget = 10;
    s.design_points = 8;
    ck_assert_int_eq(herd_optimise_simplex(K, concave, NULL, &s, x, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "budget: at least design_points + k"));
    s = settings(0);
    ck_assert_int_eq(herd_optimise_simplex(K, concave, NULL, &s, x, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "reps"));
    s = settings(1);
    ck_assert_int_eq(herd_optimise_simplex(K, NULL, NULL, &s, x, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "no function"));
    ck_assert_int_eq(herd_optimise_simplex(K, not_finite, NULL, &s, x, NULL, err, sizeof err),
                     HERD_ERANGE);
    ck_assert_ptr_nonnull(
        strstr(err, "the function is not finite at point 0 of its batch, replication 0"));
    ck_assert_int_eq(herd_optimise_simplex(K, refusing, NULL, &s, x, NULL, err, sizeof err),
                     HERD_ECALLBACK);
    ck_assert_ptr_nonnull(strstr(err, "the function failed at point 0"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("optimise simplex");
    TCase *tc = tcase_create("simplex");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, an_interior_maximum_is_found);
    tcase_add_test(tc, a_noisy_maximum_is_found_and_the_seed_fixes_the_result);
    tcase_add_test(tc, a_maximum_on_a_corner_or_an_edge_is_found);
    tcase_add_test(tc, the_result_does_not_depend_on_the_threads);
    tcase_add_test(tc, every_point_is_on_the_simplex_and_the_budget_is_kept);
    tcase_add_test(tc, bad_settings_and_failures_are_refused_naming_them);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
