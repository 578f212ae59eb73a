#ifndef HERD_TOOLS_SENSITIVITY_H
#define HERD_TOOLS_SENSITIVITY_H

/* First-order and total Sobol indices from the outputs of a Saltelli design, with bootstrap
 * confidence intervals. Estimators: first order from Saltelli et al. (2010), total from
 * Jansen (1999), as given in Table 2 of
 *   A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010),
 *   "Variance based sensitivity analysis of model output. Design and estimator for the
 *   total sensitivity index", Computer Physics Communications 181:259-270;
 *   M. J. W. Jansen (1999), "Analysis of variance designs for model output", Computer
 *   Physics Communications 117:35-43. */
#include <stddef.h>
#include <stdint.h>

typedef struct sensitivity_index {
    double first, first_lo, first_hi; /* S_i and its 95% bootstrap interval */
    double total, total_lo, total_hi; /* ST_i and its 95% bootstrap interval */
} sensitivity_index;

/* f holds the outputs of n base samples over k factors in the order of the points of a
 * Saltelli design (tools/sweep_design.h): f[b (k + 2)] is f(A_b), f[b (k + 2) + 1] is f(B_b)
 * and f[b (k + 2) + 2 + i] is f(AB_ib), A_b with factor i from B_b. With V the variance of
 * the 2n values f(A_b) and f(B_b),
 *   S_i  = mean_b f(B_b) (f(AB_ib) - f(A_b)) / V          (Saltelli et al. 2010)
 *   ST_i = mean_b (f(A_b) - f(AB_ib))^2 / (2 V)           (Jansen 1999).
 * f is centred on the mean of the f(A_b) and f(B_b) first: S_i's expectation does not move,
 * since f(AB_ib) and f(A_b) have the same, but its variance no longer grows with the mean.
 * The intervals are the 2.5% and 97.5% percentiles of the indices over `resamples` (>= 1)
 * resamplings of the n base samples with replacement, drawn from `seed`. An output with no
 * variance gets indices of 0. Fills out[0..k); 0, or -1 for n < 2, resamples < 1, or out of
 * memory. */
int sensitivity_sobol(const double *f, size_t n, size_t k, size_t resamples, uint64_t seed,
                      sensitivity_index *out);

#endif
