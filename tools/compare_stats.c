#include "compare_stats.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

double cmp_half_width(double sd, size_t n, double level)
{
    if (n < 2)
        return NAN;
    double t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, (double)(n - 1));
    return t * sd / sqrt((double)n);
}

/* Two passes (mean, then squared deviations) keep the variance accurate when the values are
 * large and close together, as cumulative totals are. b == NULL means plain values. */
static void moments(const double *a, const double *b, size_t stride, size_t n, double *mean,
                    double *sd)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += a[i * stride] - (b ? b[i * stride] : 0);
    *mean = sum / (double)n;
    if (n < 2) {
        *sd = NAN;
        return;
    }
    double squares = 0;
    for (size_t i = 0; i < n; i++) {
        double d = a[i * stride] - (b ? b[i * stride] : 0) - *mean;
        squares += d * d;
    }
    *sd = sqrt(squares / (double)(n - 1));
}

static int interval(const double *a, const double *b, size_t stride, size_t n, double level,
                    cmp_interval *out)
{
    if (n == 0 || stride == 0 || !(level > 0 && level < 1))
        return -1;
    moments(a, b, stride, n, &out->mean, &out->sd);
    double half = cmp_half_width(out->sd, n, level);
    out->low = out->mean - half;
    out->high = out->mean + half;
    out->n = n;
    return 0;
}

int cmp_mean_interval(const double *x, size_t stride, size_t n, double level, cmp_interval *out)
{
    return interval(x, NULL, stride, n, level, out);
}

int cmp_paired_interval(const double *a, const double *b, size_t stride, size_t n,
                        double level, cmp_interval *out)
{
    return interval(a, b, stride, n, level, out);
}
