/* Means and t intervals (include/herd/stats.h). */
#include "herd/stats.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "gsl_quiet.h"

double herd_stats_half_width(double sd, size_t n, double level)
{
    if (n < 2 || !(level > 0 && level < 1))
        return NAN;
    herd_gsl_quiet();
    double t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, (double)(n - 1));
    return t * sd / sqrt((double)n);
}

void herd_stats_prepare_threads(void)
{
    herd_gsl_quiet();
}

/* x[i * stride] - b[i * stride], or x[i * stride] alone when b is NULL. */
static double value(const double *x, const double *b, size_t stride, size_t i)
{
    return x[i * stride] - (b != NULL ? b[i * stride] : 0);
}

static herd_status interval(const double *a, const double *b, size_t stride, size_t n,
                            double level, herd_interval *out)
{
    if (a == NULL || out == NULL || stride == 0 || !(level > 0 && level < 1))
        return HERD_EINVAL;
    *out = (herd_interval){NAN, NAN, NAN, NAN, n};
    if (n == 0)
        return HERD_EINVAL;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += value(a, b, stride, i);
    out->mean = sum / (double)n;
    if (n < 2)
        return HERD_OK;
    double squares = 0;
    for (size_t i = 0; i < n; i++) {
        double d = value(a, b, stride, i) - out->mean;
        squares += d * d;
    }
    out->sd = sqrt(squares / (double)(n - 1));
    double half = herd_stats_half_width(out->sd, n, level);
    out->low = out->mean - half;
    out->high = out->mean + half;
    return HERD_OK;
}

herd_status herd_stats_interval(const double *x, size_t stride, size_t n, double level,
                                herd_interval *out)
{
    return interval(x, NULL, stride, n, level, out);
}

herd_status herd_stats_paired_interval(const double *a, const double *b, size_t stride,
                                       size_t n, double level, herd_interval *out)
{
    if (b == NULL)
        return HERD_EINVAL;
    return interval(a, b, stride, n, level, out);
}
