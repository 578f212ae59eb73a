#ifndef HERD_TESTS_NUMBER_SAMPLES_H
#define HERD_TESTS_NUMBER_SAMPLES_H

/* Doubles for the number formatter's tests and benchmark, and the formatter it replaced. */
#include <stdint.h>

#include "herd/rng.h"

/* Kinds of sample: every finite bit pattern (subnormals, every exponent), uniform values in
 * [0, 1) with 53 bits, whole numbers below 2^53, small counts (0 to 999), tenths k * 0.1 and
 * k / 10, and uniform values times a power of ten from 10^-9 to 10^9. */
typedef enum number_sample {
    SAMPLE_BITS,
    SAMPLE_UNIT,
    SAMPLE_WHOLE,
    SAMPLE_COUNT,
    SAMPLE_TENTHS,
    SAMPLE_SCALED,
    SAMPLE_KINDS
} number_sample;

/* The name of a kind, for messages. */
const char *number_sample_name(number_sample kind);
/* The next sample of that kind from r. */
double number_sample_draw(herd_pcg64 *r, number_sample kind);

/* Room for what printf_shortest writes, with its NUL. */
#define PRINTF_SHORTEST_SIZE 32
/* The first of %.15g, %.16g and %.17g that strtod reads back as x, as herd wrote numbers
 * before lib/numfmt.c found the digits itself (non-finite values as %g). Returns the length. */
int printf_shortest(double x, char buf[PRINTF_SHORTEST_SIZE]);

#endif
