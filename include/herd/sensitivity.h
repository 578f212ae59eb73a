#ifndef HERD_SENSITIVITY_H
#define HERD_SENSITIVITY_H

/* How much each varied factor matters to an output. The output is any number per design
 * point that the caller computes: a metric, its mean over replications, or the paired
 * difference f_X - f_Y between two policies run with the same seeds ("what drives X's lead
 * over Y").
 *
 * Both functions return HERD_OK, or HERD_EINVAL (bad sizes, NULL arrays), HERD_ENOMEM, or
 * HERD_ERANGE (the fit failed) with a message in err naming the argument; out is filled
 * only on HERD_OK. GSL's error handler is switched off around the GSL calls and put back
 * afterwards; see include/herd/stats.h on threads. */
#include <stddef.h>
#include <stdint.h>

#include "herd/error.h"
#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HERD_SOBOL_INTERVAL_LO 0.025 /* the percentiles of the bootstrap interval */
#define HERD_SOBOL_INTERVAL_HI 0.975

typedef struct herd_sobol_index {
    double first, first_lo, first_hi; /* S_i and its 95% bootstrap interval */
    double total, total_lo, total_hi; /* ST_i and its 95% bootstrap interval */
} herd_sobol_index;

/* First-order and total Sobol indices of k factors from the outputs of a Saltelli design of
 * n base samples (include/herd/design.h), in the order of its points: f[b (k + 2)] is
 * f(A_b), f[b (k + 2) + 1] is f(B_b) and f[b (k + 2) + 2 + i] is f(AB_ib), A_b with factor i
 * from B_b. With V the variance of the 2n values f(A_b) and f(B_b),
 *   S_i  = mean_b f(B_b) (f(AB_ib) - f(A_b)) / V          (Saltelli et al. 2010)
 *   ST_i = mean_b (f(A_b) - f(AB_ib))^2 / (2 V)           (Jansen 1999),
 * as given in Table 2 of
 *   A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010),
 *   "Variance based sensitivity analysis of model output. Design and estimator for the
 *   total sensitivity index", Computer Physics Communications 181:259-270;
 *   M. J. W. Jansen (1999), "Analysis of variance designs for model output", Computer
 *   Physics Communications 117:35-43.
 * f is centred on the mean of the f(A_b) and f(B_b) first: S_i's expectation does not move,
 * since f(AB_ib) and f(A_b) have the same, but its variance no longer grows with the mean.
 * The intervals are the 2.5% and 97.5% percentiles of the indices over `resamples` (>= 1)
 * resamplings of the n base samples with replacement, drawn from seed. An output with no
 * variance gets indices of 0. Fills out[0..k). n must be 2 to 2^32 - 1, k at least 1, and
 * every f finite (HERD_EINVAL, err naming the first that is not). */
HERD_API herd_status herd_sensitivity_sobol(const double *f, size_t n, size_t k,
                                            size_t resamples, uint64_t seed,
                                            herd_sobol_index *out, char *err, size_t err_size);

/* Standardised regression coefficients: the coefficients of the least-squares fit of the
 * standardised output y[0..n) on the standardised factors (x row-major, x[r k + i] factor i
 * of run r) with an intercept, into src[0..k), and *r2 the part of y's variance the linear
 * fit explains. With independent factors (a grid, a Latin hypercube, a Sobol design) the
 * squared SRCs share out R^2; a low R^2 says the SRCs miss interactions or curvature. A
 * column with no spread is standardised to 0s (its coefficient is then 0); an output with
 * no spread gets R^2 = 0. Needs n > k + 1 runs, k >= 1, and every x and y finite
 * (HERD_EINVAL, err naming the run). */
HERD_API herd_status herd_sensitivity_src(const double *x, const double *y, size_t n, size_t k,
                                          double *src, double *r2, char *err, size_t err_size);

#ifdef __cplusplus
}
#endif

#endif
