#include "number_samples.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *number_sample_name(number_sample kind)
{
    static const char *const names[SAMPLE_KINDS] = {"bit patterns", "[0, 1)", "whole numbers",
                                                    "counts", "tenths", "scaled"};
    return kind < SAMPLE_KINDS ? names[kind] : "?";
}

static double finite_bits(herd_pcg64 *r)
{
    double x;
    do {
        uint64_t bits = herd_pcg64_next(r);
        memcpy(&x, &bits, sizeof x);
    } while (!isfinite(x));
    return x;
}

double number_sample_draw(herd_pcg64 *r, number_sample kind)
{
    switch (kind) {
    case SAMPLE_BITS:
        return finite_bits(r);
    case SAMPLE_UNIT:
        return herd_pcg64_double(r);
    case SAMPLE_WHOLE:
        return (double)(herd_pcg64_next(r) >> 11);
    case SAMPLE_COUNT:
        return (double)herd_pcg64_bounded(r, 1000);
    case SAMPLE_TENTHS: {
        double k = (double)herd_pcg64_bounded(r, 100000);
        return herd_pcg64_next(r) & 1 ? k * 0.1 : k / 10;
    }
    case SAMPLE_SCALED:
        return herd_pcg64_double(r) * pow(10, (double)herd_pcg64_bounded(r, 19) - 9);
    default:
        return 0;
    }
}

int printf_shortest(double x, char buf[PRINTF_SHORTEST_SIZE])
{
    if (!isfinite(x))
        return snprintf(buf, PRINTF_SHORTEST_SIZE, "%g", x);
    int n = 0;
    for (int digits = 15; digits <= 17; digits++) {
        n = snprintf(buf, PRINTF_SHORTEST_SIZE, "%.*g", digits, x);
        double back = strtod(buf, NULL);
        if (memcmp(&back, &x, sizeof x) == 0)
            break;
    }
    return n;
}
