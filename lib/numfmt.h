#ifndef HERD_LIB_NUMFMT_H
#define HERD_LIB_NUMFMT_H

/* Doubles as text that reads back exactly and is no longer than it must be. */

/* Enough for any double this module writes, with its terminating NUL (the longest take 24
 * characters, as "-2.2250738585072014e-308"). */
#define HERD_NUMFMT_SIZE 32

/* Writes x into buf and returns the length written, without the NUL.
 *
 * The digits: the decimal with the fewest significant digits that strtod reads back to the
 * same double; of equally short ones, the nearest to x, an exact tie going to the even last
 * digit. So 0.1 is "0.1", not "0.10000000000000001", and the smallest subnormal "5e-324".
 *
 * The notation is printf's %.Pg for those digits, P being the larger of 15 and their count:
 * with X the decimal exponent (x = d.ddd... * 10^X), fixed notation when -4 <= X < P, with
 * neither trailing zeros after the point nor a point without digits after it ("0.0001",
 * "123.456", "100000000000000" for 1e14); otherwise d.ddde+XX or d.ddde-XX, the exponent with
 * at least two digits ("1e-05", "1e+15", "1.2345678901234568e+17"). A negative number, -0
 * included, starts with '-'. Wherever the first of %.15g, %.16g and %.17g that reads back has
 * as few digits, this is exactly its text (P is then the precision it used); where it has
 * more, as for most subnormals, this text has fewer digits.
 *
 * NaN and the infinities are written as glibc's %g writes them ("nan", "-nan", "inf",
 * "-inf"), which strtod reads back as NaN and the same infinity. */
int herd_numfmt_shortest(double x, char buf[HERD_NUMFMT_SIZE]);

#endif
