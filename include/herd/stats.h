#ifndef HERD_STATS_H
#define HERD_STATS_H

/* Means over replications with two-sided confidence intervals from Student's t
 * distribution: the one interval every part of herd reports.
 *
 * The rules, the same for every function here:
 * - n == 0: nothing to average. HERD_EINVAL, and *out holds NaN with n = 0.
 * - n == 1: the mean is the value; one replication says nothing of spread, so sd, low and
 *   high are NaN (HERD_OK). A comparison with a NaN bound is false, so "low > 0" never
 *   claims a difference from a single run.
 * - A NaN among the values makes the mean, sd and bounds NaN (HERD_OK): a failed run or an
 *   undefined measure is not silently dropped.
 * - level must lie in (0, 1) (0.95 for 95%), stride must be at least 1, pointers non-NULL;
 *   otherwise HERD_EINVAL and *out is left as it was.
 * The variance takes two passes (mean, then squared deviations), which keeps it accurate for
 * large values close together, such as cumulative totals.
 *
 * GSL's error handler would abort the program on a domain error or a failed allocation. GSL
 * keeps one for the whole process, and herd switches it off before the first of its GSL calls
 * that can meet an error, and leaves it off: put back after each call, it could be back in
 * place while another thread calls GSL. So a program may call herd from threads of its own
 * without preparing anything, and its own GSL calls return their error codes once herd has
 * made such a call. */
#include <stddef.h>

#include "herd/error.h"
#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herd_interval {
    double mean;
    double sd; /* sample standard deviation, n - 1 in the denominator */
    double low, high; /* mean -+ herd_stats_half_width(sd, n, level) */
    size_t n;
} herd_interval;

/* The interval of x[0], x[stride], ..., x[(n - 1) stride] at confidence level. */
HERD_API herd_status herd_stats_interval(const double *x, size_t stride, size_t n, double level,
                                         herd_interval *out);

/* The interval of the paired differences a[i stride] - b[i stride], i < n: the runs of a
 * and b with the same i share their random numbers, so the differences are not blurred by
 * the noise between seeds. Same rules as herd_stats_interval. */
HERD_API herd_status herd_stats_paired_interval(const double *a, const double *b, size_t stride,
                                                size_t n, double level, herd_interval *out);

/* Half the width of the interval: t(1 - (1 - level) / 2, n - 1) sd / sqrt(n). NaN for
 * n < 2, a level outside (0, 1) or a NaN sd. */
HERD_API double herd_stats_half_width(double sd, size_t n, double level);

/* Switches GSL's error handler off for the whole process now, as herd's first GSL call that
 * can meet an error does anyway: for a program that wants its own GSL calls to return error
 * codes from the start. No program needs it to call herd from several threads. Calling it
 * again does nothing more. */
HERD_API void herd_stats_prepare_threads(void);

#ifdef __cplusplus
}
#endif

#endif
