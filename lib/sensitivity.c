/* Sobol indices and standardised regression coefficients (include/herd/sensitivity.h). */
#include "herd/sensitivity.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "errmsg.h"
#include "gsl_quiet.h"
#include "herd/rng.h"

/* The index of the first of v[0..n) that is NaN or infinite, or n. */
static size_t first_not_finite(const double *v, size_t n)
{
    size_t i = 0;
    while (i < n && isfinite(v[i]))
        i++;
    return i;
}

/* ---- Sobol indices ---------------------------------------------------------------------- */

enum { OUT_A = 0, OUT_B = 1, OUT_AB = 2 };

typedef struct moments {
    double mean, variance;
} moments;

/* Mean and variance of the f(A) and f(B) of the picked base samples. */
static moments base_moments(const double *f, size_t stride, const size_t *pick, size_t n)
{
    double sum = 0, lo = f[pick[0] * stride + OUT_A], hi = lo;
    for (size_t m = 0; m < n; m++) {
        const double *row = f + pick[m] * stride;
        for (int side = OUT_A; side <= OUT_B; side++) {
            sum += row[side];
            lo = row[side] < lo ? row[side] : lo;
            hi = row[side] > hi ? row[side] : hi;
        }
    }
    moments mo = {sum / (2.0 * (double)n), 0};
    /* Equal values can average to a mean a rounding away from them; their variance is 0. */
    if (lo == hi)
        return mo;
    double squares = 0;
    for (size_t m = 0; m < n; m++) {
        const double *row = f + pick[m] * stride;
        for (int side = OUT_A; side <= OUT_B; side++)
            squares += (row[side] - mo.mean) * (row[side] - mo.mean);
    }
    mo.variance = squares / (2.0 * (double)n - 1);
    return mo;
}

/* S_i and ST_i over the picked base samples into first[i * step] and total[i * step]. */
static void estimate(const double *f, size_t n, size_t k, const size_t *pick, double *first,
                     double *total, size_t step)
{
    size_t stride = k + 2;
    moments mo = base_moments(f, stride, pick, n);
    for (size_t i = 0; i < k; i++) {
        double first_sum = 0, total_sum = 0;
        for (size_t m = 0; m < n; m++) {
            const double *row = f + pick[m] * stride;
            double change = row[OUT_AB + i] - row[OUT_A];
            first_sum += (row[OUT_B] - mo.mean) * change;
            total_sum += change * change;
        }
        int varies = mo.variance > 0;
        first[i * step] = varies ? first_sum / (double)n / mo.variance : 0;
        total[i * step] = varies ? total_sum / (2.0 * (double)n) / mo.variance : 0;
    }
}

static void percentiles(double *draws, size_t resamples, double *lo, double *hi)
{
    gsl_sort(draws, 1, resamples);
    *lo = gsl_stats_quantile_from_sorted_data(draws, 1, resamples, HERD_SOBOL_INTERVAL_LO);
    *hi = gsl_stats_quantile_from_sorted_data(draws, 1, resamples, HERD_SOBOL_INTERVAL_HI);
}

/* The indices of `resamples` bootstrap resamples: factor i's in draws[i * resamples ...] for
 * S_i, and from draws[(k + i) * resamples] for ST_i. */
static void bootstrap(const double *f, size_t n, size_t k, size_t resamples, uint64_t seed,
                      size_t *pick, double *draws)
{
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, seed, 0);
    for (size_t r = 0; r < resamples; r++) {
        for (size_t m = 0; m < n; m++)
            pick[m] = herd_pcg32_bounded(&rng, (uint32_t)n);
        estimate(f, n, k, pick, draws + r, draws + k * resamples + r, resamples);
    }
}

static herd_status check_sobol(const double *f, size_t n, size_t k, size_t resamples,
                               const herd_sobol_index *out, char *err, size_t err_size)
{
    if (f == NULL || out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "sobol indices: f or out is NULL");
    if (n < 2 || n > UINT32_MAX)
        return herd_errf(err, err_size, HERD_EINVAL, "sobol indices: n = %zu base samples; "
                         "expected 2 to %lu", n, (unsigned long)UINT32_MAX);
    if (k < 1)
        return herd_errf(err, err_size, HERD_EINVAL, "sobol indices: k = 0 factors");
    if (resamples < 1)
        return herd_errf(err, err_size, HERD_EINVAL, "sobol indices: resamples = 0; expected "
                         "at least 1");
    if (resamples > SIZE_MAX / sizeof(double) / 2 / k)
        return herd_errf(err, err_size, HERD_ETOOBIG, "sobol indices: %zu resamples of %zu "
                         "factors do not fit in memory", resamples, k);
    size_t bad = first_not_finite(f, n * (k + 2));
    if (bad < n * (k + 2))
        return herd_errf(err, err_size, HERD_EINVAL, "sobol indices: f[%zu] is %g; every "
                         "output must be finite", bad, f[bad]);
    return HERD_OK;
}

herd_status herd_sensitivity_sobol(const double *f, size_t n, size_t k, size_t resamples,
                                   uint64_t seed, herd_sobol_index *out, char *err,
                                   size_t err_size)
{
    herd_status rc = check_sobol(f, n, k, resamples, out, err, err_size);
    if (rc != HERD_OK)
        return rc;
    size_t *pick = malloc(n * sizeof *pick);
    double *draws = malloc(2 * k * resamples * sizeof *draws);
    double *point = malloc(2 * k * sizeof *point);
    if (pick == NULL || draws == NULL || point == NULL) {
        rc = herd_errf(err, err_size, HERD_ENOMEM, "sobol indices: out of memory");
    } else {
        for (size_t m = 0; m < n; m++)
            pick[m] = m;
        estimate(f, n, k, pick, point, point + k, 1);
        bootstrap(f, n, k, resamples, seed, pick, draws);
        for (size_t i = 0; i < k; i++) {
            herd_sobol_index *x = &out[i];
            x->first = point[i];
            x->total = point[k + i];
            percentiles(draws + i * resamples, resamples, &x->first_lo, &x->first_hi);
            percentiles(draws + (k + i) * resamples, resamples, &x->total_lo, &x->total_hi);
        }
    }
    free(pick);
    free(draws);
    free(point);
    return rc;
}

/* ---- standardised regression coefficients ---------------------------------------------- */

/* v[r] = (a[r * stride] - mean) / sd over r < n, or 0s where the values do not spread. */
static void standardise(const double *a, size_t stride, size_t n, gsl_vector *v)
{
    double sum = 0, squares = 0;
    for (size_t r = 0; r < n; r++)
        sum += a[r * stride];
    double mean = sum / (double)n;
    for (size_t r = 0; r < n; r++)
        squares += (a[r * stride] - mean) * (a[r * stride] - mean);
    double sd = sqrt(squares / (double)(n - 1));
    for (size_t r = 0; r < n; r++)
        gsl_vector_set(v, r, sd > 0 ? (a[r * stride] - mean) / sd : 0);
}

typedef struct fit_space {
    gsl_matrix *x, *cov;
    gsl_vector *y, *coef;
    gsl_multifit_linear_workspace *ws;
} fit_space;

static int fit_alloc(fit_space *s, size_t n, size_t k)
{
    s->x = gsl_matrix_alloc(n, k + 1);
    s->cov = gsl_matrix_alloc(k + 1, k + 1);
    s->y = gsl_vector_alloc(n);
    s->coef = gsl_vector_alloc(k + 1);
    s->ws = gsl_multifit_linear_alloc(n, k + 1);
    return s->x && s->cov && s->y && s->coef && s->ws ? 0 : -1;
}

static void fit_free(fit_space *s)
{
    gsl_multifit_linear_free(s->ws);
    gsl_matrix_free(s->cov);
    gsl_matrix_free(s->x);
    gsl_vector_free(s->y);
    gsl_vector_free(s->coef);
}

/* The fit into src and *r2; 0, or -1 if GSL refuses it. */
static int fit(fit_space *s, const double *x, const double *y, size_t n, size_t k, double *src,
               double *r2)
{
    gsl_matrix_set_all(s->x, 1);
    for (size_t i = 0; i < k; i++) {
        gsl_vector_view col = gsl_matrix_column(s->x, i + 1);
        standardise(x + i, k, n, &col.vector);
    }
    standardise(y, 1, n, s->y);
    double chisq, tss = gsl_blas_dnrm2(s->y);
    if (gsl_multifit_linear(s->x, s->y, s->coef, s->cov, &chisq, s->ws) != GSL_SUCCESS)
        return -1;
    for (size_t i = 0; i < k; i++)
        src[i] = gsl_vector_get(s->coef, i + 1);
    *r2 = tss > 0 ? 1 - chisq / (tss * tss) : 0;
    return 0;
}

herd_status herd_sensitivity_src(const double *x, const double *y, size_t n, size_t k,
                                 double *src, double *r2, char *err, size_t err_size)
{
    if (x == NULL || y == NULL || src == NULL || r2 == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "regression: x, y, src or r2 is NULL");
    if (k < 1 || n <= k + 1)
        return herd_errf(err, err_size, HERD_EINVAL, "regression: n = %zu runs of k = %zu "
                         "factors; a fit needs k >= 1 and n > k + 1", n, k);
    size_t bad_x = first_not_finite(x, n * k), bad_y = first_not_finite(y, n);
    if (bad_x < n * k)
        return herd_errf(err, err_size, HERD_EINVAL, "regression: factor %zu of run %zu is %g; "
                         "every factor must be finite", bad_x % k, bad_x / k, x[bad_x]);
    if (bad_y < n)
        return herd_errf(err, err_size, HERD_EINVAL, "regression: the output of run %zu is %g; "
                         "every output must be finite", bad_y, y[bad_y]);
    herd_gsl_quiet();
    fit_space s = {0};
    herd_status rc = HERD_OK;
    if (fit_alloc(&s, n, k) != 0)
        rc = herd_errf(err, err_size, HERD_ENOMEM, "regression: out of memory");
    else if (fit(&s, x, y, n, k, src, r2) != 0)
        rc = herd_errf(err, err_size, HERD_ERANGE, "regression: the least-squares fit of %zu "
                       "runs failed", n);
    fit_free(&s);
    return rc;
}
