#ifndef HERD_BENCH_TIMING_H
#define HERD_BENCH_TIMING_H

/* What the benchmarks time with. */

/* Seconds on the monotonic clock, from an arbitrary start. */
double bench_now(void);
/* The median of the n > 0 values of x (the mean of the middle two for an even n); sorts x. */
double bench_median(double *x, int n);

#endif
