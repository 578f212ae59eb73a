#ifndef HERD_TOOLS_COMPARE_STATS_H
#define HERD_TOOLS_COMPARE_STATS_H

/* Means and confidence intervals over replications. Not installed. */
#include <stddef.h>

/* A mean with its two-sided confidence interval from the t distribution. With n < 2 the
 * standard deviation and the bounds are NaN: one replication says nothing of spread. */
typedef struct cmp_interval {
    double mean;
    double sd; /* sample standard deviation (n - 1 in the denominator) */
    double low, high;
    size_t n;
} cmp_interval;

/* Interval of x[0], x[stride], ..., x[(n-1)*stride] at confidence level (e.g. 0.95).
 * Returns 0, or -1 if n == 0, stride == 0 or level is not in (0, 1). */
int cmp_mean_interval(const double *x, size_t stride, size_t n, double level,
                      cmp_interval *out);

/* Interval of the paired differences a[i*stride] - b[i*stride]. Same returns. */
int cmp_paired_interval(const double *a, const double *b, size_t stride, size_t n,
                        double level, cmp_interval *out);

/* Half the width of the interval: t(1 - (1-level)/2, n-1) * sd / sqrt(n). */
double cmp_half_width(double sd, size_t n, double level);

#endif
