/* How much each varied parameter matters to one output of a sweep's runs read back, as
 * `herd sweep --analyse` measures it (include/herd/compare.h): the runs' numbers from
 * lib/sweep_rows.c, the statistics from lib/sensitivity.c. */
#include <math.h>
#include <stdlib.h>

#include "errmsg.h"
#include "herd/compare.h"
#include "herd/sensitivity.h"
#include "sweep_rows_internal.h"

long herd_sweep_rows_base_samples(const herd_sweep_rows *rows, size_t k)
{
    if (rows == NULL || rows->point == NULL || rows->n == 0 || k == 0)
        return -1;
    long points = 0;
    for (size_t r = 0; r < rows->n; r++)
        if (rows->point[r] >= points)
            points = rows->point[r] + 1;
    long per_sample = (long)k + 2;
    return points % per_sample == 0 ? points / per_sample : -1;
}

/* The first row whose value at column differs from row 0's, or rows->n if none does. */
static size_t first_change(const herd_sweep_rows *rows, const double *column, size_t stride)
{
    size_t r = 1;
    while (r < rows->n && column[r * stride] == column[0])
        r++;
    return r;
}

herd_status herd_sweep_rows_spread(const herd_sweep_rows *rows, const double *factors,
                                   size_t factor_stride, size_t k, const char *const *names,
                                   char *err, size_t err_size)
{
    if (rows == NULL || rows->point == NULL || rows->n == 0 || factors == NULL || k == 0 ||
        factor_stride < k)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: rows or factors is NULL, no "
                         "rows, or k %zu is 0 or above factor_stride %zu", k, factor_stride);
    const char *source = herd_sweep_rows_source(rows);
    size_t r = 1;
    while (r < rows->n && rows->point[r] == rows->point[0])
        r++;
    if (r == rows->n)
        return herd_errf(err, err_size, HERD_EINVAL, "%s holds a single design point, so no "
                         "parameter's effect can be measured; sweep over more points", source);
    for (size_t i = 0; i < k; i++) {
        if (first_change(rows, factors + i, factor_stride) < rows->n)
            continue;
        if (names != NULL && names[i] != NULL)
            return herd_errf(err, err_size, HERD_EINVAL, "%s: %s is %.15g in every run, so its "
                             "effect cannot be measured; vary it over more than one value",
                             source, names[i], factors[i]);
        return herd_errf(err, err_size, HERD_EINVAL, "%s: parameter %zu is %.15g in every run, "
                         "so its effect cannot be measured; vary it over more than one value",
                         source, i, factors[i]);
    }
    return HERD_OK;
}

/* The k parameters of rows row_of[0..n) into x, row-major. */
static void gather_factors(const double *factors, size_t stride, size_t k,
                           const size_t *row_of, size_t n, double *x)
{
    for (size_t i = 0; i < n; i++)
        for (size_t f = 0; f < k; f++)
            x[i * k + f] = factors[row_of[i] * stride + f];
}

/* HERD_OK if every run's parameters in x and number in y are finite; otherwise HERD_EINVAL,
 * err naming the first row that has one that is not. y[i] is the value of row row_of[i] in
 * value (at stride), or its difference from the row it is paired with. */
static int check_finite(const herd_sweep_rows *rows, const double *value, size_t stride,
                        const double *x, const double *y, const size_t *row_of, size_t n,
                        size_t k, char *err, size_t err_size)
{
    for (size_t i = 0; i < n; i++) {
        size_t f = 0;
        while (f < k && isfinite(x[i * k + f]))
            f++;
        if (f == k && isfinite(y[i]))
            continue;
        char where[64];
        herd_sweep_rows_where(rows, row_of[i], where, sizeof where);
        const char *source = herd_sweep_rows_source(rows);
        if (f < k)
            return herd_errf(err, err_size, HERD_EINVAL, "%s: %s: parameter %zu is %g; every "
                             "parameter must be finite", source, where, f, x[i * k + f]);
        double own = value[row_of[i] * stride];
        if (isfinite(own))
            return herd_errf(err, err_size, HERD_EINVAL, "%s: %s: the difference from the run "
                             "it is paired with is %g; every run's number must be finite",
                             source, where, y[i]);
        return herd_errf(err, err_size, HERD_EINVAL, "%s: %s: the run's number is %g; every "
                         "run's number must be finite", source, where, own);
    }
    return HERD_OK;
}

/* herd_sweep_rows_src once the runs' numbers are in y and their rows in row_of. */
static int fit_runs(const herd_sweep_rows *rows, const double *value, size_t stride,
                    const double *factors, size_t factor_stride, size_t k, size_t policy,
                    size_t other, const double *y, const size_t *row_of, size_t n, double *src,
                    double *r2, char *err, size_t err_size)
{
    if (n <= k + 1) {
        char runs[256];
        herd_sweep_rows_describe(rows, policy, other, runs, sizeof runs);
        return herd_errf(err, err_size, HERD_ERANGE, "%s: %zu runs of %s, too few to fit %zu "
                         "parameters (it takes %zu)", herd_sweep_rows_source(rows), n, runs, k,
                         k + 2);
    }
    double *x = malloc(n * k * sizeof *x);
    if (x == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "sweep rows: out of memory");
    gather_factors(factors, factor_stride, k, row_of, n, x);
    int rc = check_finite(rows, value, stride, x, y, row_of, n, k, err, err_size);
    if (rc == HERD_OK)
        rc = herd_sensitivity_src(x, y, n, k, src, r2, err, err_size);
    free(x);
    return rc;
}

herd_status herd_sweep_rows_src(const herd_sweep_rows *rows, const double *value,
                                size_t stride, const double *factors, size_t factor_stride,
                                size_t k, size_t policy, size_t other, double *src, double *r2,
                                char *err, size_t err_size)
{
    if (factors == NULL || src == NULL || r2 == NULL || k == 0 || factor_stride < k)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: factors, src or r2 is NULL, "
                         "or k %zu is 0 or above factor_stride %zu", k, factor_stride);
    if (rows == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: rows is NULL");
    int rc = rows->n > 0 && rows->point != NULL
                 ? herd_sweep_rows_spread(rows, factors, factor_stride, k, NULL, err, err_size)
                 : HERD_OK;
    if (rc != HERD_OK)
        return (herd_status)rc;
    double *y = malloc((rows->n > 0 ? rows->n : 1) * sizeof *y);
    size_t *row_of = malloc((rows->n > 0 ? rows->n : 1) * sizeof *row_of);
    size_t n = 0;
    rc = y != NULL && row_of != NULL
             ? herd_sweep_rows_runs(rows, value, stride, policy, other, y, row_of, &n, err,
                                    err_size)
             : herd_errf(err, err_size, HERD_ENOMEM, "sweep rows: out of memory");
    if (rc == HERD_OK)
        rc = fit_runs(rows, value, stride, factors, factor_stride, k, policy, other, y, row_of,
                      n, src, r2, err, err_size);
    free(y);
    free(row_of);
    return (herd_status)rc;
}

herd_status herd_sweep_rows_sobol(const herd_sweep_rows *rows, const double *value,
                                  size_t stride, size_t k, size_t policy, size_t other,
                                  size_t resamples, uint64_t seed, herd_sobol_index *out,
                                  char *err, size_t err_size)
{
    if (rows == NULL || out == NULL || k == 0)
        return herd_errf(err, err_size, HERD_EINVAL, "sweep rows: rows or out is NULL, or k "
                         "is 0");
    long base = herd_sweep_rows_base_samples(rows, k);
    if (base < 2)
        return herd_errf(err, err_size, HERD_EINVAL, "%s: not a Saltelli design of at least 2 "
                         "base samples of %zu points each", herd_sweep_rows_source(rows), k + 2);
    long points = base * ((long)k + 2);
    double *f = malloc((size_t)points * sizeof *f);
    int rc = f != NULL ? herd_sweep_rows_output(rows, value, stride, policy, other, points, f,
                                                err, err_size)
                       : herd_errf(err, err_size, HERD_ENOMEM, "sweep rows: out of memory");
    for (long j = 0; rc == HERD_OK && j < points; j++)
        if (!isfinite(f[j])) {
            char runs[256];
            herd_sweep_rows_describe(rows, policy, other, runs, sizeof runs);
            rc = herd_errf(err, err_size, HERD_EINVAL, "%s: design point %ld: the mean of %s "
                           "is %g; every run's number must be finite",
                           herd_sweep_rows_source(rows), j, runs, f[j]);
        }
    if (rc == HERD_OK)
        rc = herd_sensitivity_sobol(f, (size_t)base, k, resamples, seed, out, err, err_size);
    free(f);
    return (herd_status)rc;
}
