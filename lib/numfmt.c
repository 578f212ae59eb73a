#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fewer than 15 significant digits never suffice where 15 do not: %g drops the trailing
 * zeros, so a number 15 digits hold exactly is written as short as it is. */
#define FIRST_DIGITS 15
#define ROUND_TRIP_DIGITS 17

int herd_numfmt_shortest(double x, char buf[HERD_NUMFMT_SIZE])
{
    if (!isfinite(x))
        return snprintf(buf, HERD_NUMFMT_SIZE, "%g", x);
    int n = 0;
    for (int digits = FIRST_DIGITS; digits <= ROUND_TRIP_DIGITS; digits++) {
        n = snprintf(buf, HERD_NUMFMT_SIZE, "%.*g", digits, x);
        double back = strtod(buf, NULL);
        if (memcmp(&back, &x, sizeof x) == 0)
            break;
    }
    return n;
}
