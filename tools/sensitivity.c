/* Sobol indices from a Saltelli design (see sensitivity.h for the estimators). */
#include "sensitivity.h"

#include <stdlib.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "herd/rng.h"

#define INTERVAL_LO 0.025
#define INTERVAL_HI 0.975

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

static void interval(double *draws, size_t resamples, double *lo, double *hi)
{
    gsl_sort(draws, 1, resamples);
    *lo = gsl_stats_quantile_from_sorted_data(draws, 1, resamples, INTERVAL_LO);
    *hi = gsl_stats_quantile_from_sorted_data(draws, 1, resamples, INTERVAL_HI);
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

int sensitivity_sobol(const double *f, size_t n, size_t k, size_t resamples, uint64_t seed,
                      sensitivity_index *out)
{
    if (n < 2 || n > UINT32_MAX || resamples < 1)
        return -1;
    size_t *pick = malloc(n * sizeof *pick);
    double *draws = malloc(2 * k * resamples * sizeof *draws);
    double *point = malloc(2 * k * sizeof *point);
    int rc = pick != NULL && draws != NULL && point != NULL ? 0 : -1;
    if (rc == 0) {
        for (size_t m = 0; m < n; m++)
            pick[m] = m;
        estimate(f, n, k, pick, point, point + k, 1);
        bootstrap(f, n, k, resamples, seed, pick, draws);
    }
    for (size_t i = 0; rc == 0 && i < k; i++) {
        sensitivity_index *x = &out[i];
        x->first = point[i];
        x->total = point[k + i];
        interval(draws + i * resamples, resamples, &x->first_lo, &x->first_hi);
        interval(draws + (k + i) * resamples, resamples, &x->total_lo, &x->total_hi);
    }
    free(pick);
    free(draws);
    free(point);
    return rc;
}
