#ifndef HERD_LIB_NUMFMT_H
#define HERD_LIB_NUMFMT_H

/* Doubles as text that reads back exactly and is no longer than it must be. */

/* Enough for any double this module writes, with its terminating NUL. */
#define HERD_NUMFMT_SIZE 32

/* Writes x into buf as the first of %.15g, %.16g and %.17g that strtod reads back to the same
 * double (%.17g always does), so 0.1 is "0.1" and not "0.10000000000000001"; -0 stays "-0".
 * NaN and the infinities are written as %g writes them ("nan", "-nan", "inf", "-inf"), which
 * strtod reads back as NaN and the same infinity. Returns the length written, without the
 * NUL. */
int herd_numfmt_shortest(double x, char buf[HERD_NUMFMT_SIZE]);

#endif
