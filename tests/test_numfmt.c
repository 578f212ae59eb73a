/* The shortest round-trip formatter: every double it writes reads back bit for bit, no decimal
 * with fewer digits reads back, of equally short ones it writes the nearest, and where the
 * %.15g/%.16g/%.17g loop it replaced was already shortest it writes the same text. printf
 * and strtod, exact in glibc, are the oracle. */
#include <check.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/rng.h"
#include "number_samples.h"
#include "numfmt.h"
#include "runner.h"

/* Check writes a record of every assertion that passes; the loops below make millions, so
 * they speak only when one fails. */
#define REQUIRE(cond, ...)                                                                     \
    do {                                                                                       \
        if (!(cond))                                                                           \
            ck_abort_msg(__VA_ARGS__);                                                         \
    } while (0)

/* A decimal as digits * 10^exp, digits without trailing zeros (0 for zero). */
typedef struct decimal {
    uint64_t digits;
    int exp;
} decimal;

/* text as %g or %e writes a finite number, as a decimal. */
static decimal parse_decimal(const char *text)
{
    decimal d = {0, 0};
    int after_point = 0;
    for (; *text != '\0' && *text != 'e'; text++) {
        if (*text == '.') {
            after_point = 1;
        } else if (*text >= '0' && *text <= '9') {
            d.digits = d.digits * 10 + (uint64_t)(*text - '0');
            d.exp -= after_point;
        }
    }
    if (*text == 'e')
        d.exp += atoi(text + 1);
    while (d.digits != 0 && d.digits % 10 == 0) {
        d.digits /= 10;
        d.exp++;
    }
    return d;
}

static int digit_count(uint64_t d)
{
    int n = 1;
    while (d >= 10) {
        d /= 10;
        n++;
    }
    return n;
}

static int reads_back(const char *text, double x)
{
    double back = strtod(text, NULL);
    return memcmp(&back, &x, sizeof x) == 0;
}

static int written(double x, char buf[HERD_NUMFMT_SIZE])
{
    int n = herd_numfmt_shortest(x, buf);
    REQUIRE(n == (int)strlen(buf) && n < HERD_NUMFMT_SIZE, "%a written as %s returns %d", x, buf,
            n);
    return n;
}

static void assert_round_trip(double x)
{
    char buf[HERD_NUMFMT_SIZE];
    written(x, buf);
    REQUIRE(reads_back(buf, x), "%a written as %s reads back as %a", x, buf,
                  strtod(buf, NULL));
}

static void assert_written(double x, const char *expected)
{
    char buf[HERD_NUMFMT_SIZE];
    written(x, buf);
    ck_assert_str_eq(buf, expected);
}

/* No decimal of fewer digits than x's text reads back as x: of each length n, printf's
 * nearest and its two neighbours are the only ones that could. Of its own length, the text is
 * printf's nearest whenever that reads back. */
static void assert_shortest(double x)
{
    char buf[HERD_NUMFMT_SIZE], near[64];
    written(x, buf);
    decimal mine = parse_decimal(buf);
    int len = digit_count(mine.digits);
    for (int n = 1; n < len; n++) {
        snprintf(near, sizeof near, "%.*e", n - 1, x);
        decimal d = parse_decimal(near);
        int zeros = n - digit_count(d.digits);
        for (uint64_t i = 0; i < (uint64_t)zeros; i++)
            d.digits *= 10;
        for (int step = -1; step <= 1; step++) {
            char other[64];
            snprintf(other, sizeof other, "%" PRIu64 "e%d", d.digits + (uint64_t)step,
                     d.exp - zeros);
            REQUIRE(!reads_back(other, x), "%a: %s reads back, shorter than %s", x, other,
                          buf);
        }
    }
    snprintf(near, sizeof near, "%.*e", len - 1, x);
    decimal nearest = parse_decimal(near);
    REQUIRE(!reads_back(near, x) || (nearest.digits == mine.digits && nearest.exp == mine.exp),
            "%a: %s is nearer than %s", x, near, buf);
}

/* x's text equals the loop's where the loop's is as short, and has fewer digits elsewhere. */
static void assert_as_before_or_shorter(double x)
{
    char buf[HERD_NUMFMT_SIZE], before[PRINTF_SHORTEST_SIZE];
    written(x, buf);
    printf_shortest(x, before);
    if (strcmp(buf, before) == 0)
        return;
    int mine = digit_count(parse_decimal(buf).digits);
    int old = digit_count(parse_decimal(before).digits);
    REQUIRE(mine < old, "%a: %s, and before %s", x, buf, before);
}

START_TEST(short_decimals_stay_short)
{
    assert_written(0.1, "0.1");
    assert_written(0.1 + 0.2, "0.30000000000000004");
    assert_written(1.0 / 3, "0.3333333333333333");
    assert_written(2.5, "2.5");
    assert_written(1e300, "1e+300");
    assert_written(123456789012345678.0, "1.2345678901234568e+17");
    assert_written(42, "42");
    assert_written(-1.5e-7, "-1.5e-07");
    assert_written(123.456, "123.456");
    assert_written(1e23, "1e+23");
    assert_written(8.41e21, "8.41e+21");
}
END_TEST

/* %g's layout with the precision of the digits, at least 15: fixed from 10^-4 to below
 * 10^precision, else d.ddde+XX with at least two exponent digits. */
START_TEST(layout_is_that_of_g)
{
    assert_written(0.0001, "0.0001");
    assert_written(0.00012345, "0.00012345");
    assert_written(0.00001, "1e-05");
    assert_written(1e14, "100000000000000");
    assert_written(1e15, "1e+15");
    assert_written(123456789012345.0, "123456789012345");
    assert_written(1234567890123456.0, "1234567890123456");
    assert_written(12345678901234568.0, "12345678901234568");
    assert_written(1e16, "1e+16");
    assert_written(0x1p55, "3.602879701896397e+16");
    assert_written(0x1p54, "18014398509481984");
    assert_written(1.5e-100, "1.5e-100");
    assert_written(-12.5, "-12.5");
    assert_written(1e100, "1e+100");
}
END_TEST

START_TEST(edge_cases)
{
    assert_written(0.0, "0");
    assert_written(-0.0, "-0");
    assert_written(DBL_MAX, "1.7976931348623157e+308");
    assert_written(-DBL_MAX, "-1.7976931348623157e+308");
    assert_written(DBL_MIN, "2.2250738585072014e-308");
    assert_written(DBL_TRUE_MIN, "5e-324");
    assert_written(-DBL_TRUE_MIN, "-5e-324");
    assert_written(2 * DBL_TRUE_MIN, "1e-323");
    assert_written(0x0.fffffffffffffp-1022, "2.225073858507201e-308");
    assert_written(DBL_EPSILON, "2.220446049250313e-16");
    assert_written(9007199254740993.0, "9007199254740992");
    const double cases[] = {DBL_MIN,         DBL_TRUE_MIN,        DBL_MAX,    DBL_EPSILON,
                            1 + DBL_EPSILON, 1 - DBL_EPSILON / 2, 0x1p-1030,  0x0.fffffffffffffp-1022,
                            0x1p53 - 1,      0x1p53 + 2,          0x1p63,     0x1p64};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double x = cases[i];
        for (int sign = 0; sign < 2; sign++, x = -x) {
            assert_round_trip(x);
            assert_shortest(x);
            assert_as_before_or_shorter(x);
            assert_round_trip(nextafter(x, 0));
            assert_round_trip(nextafter(x, INFINITY));
        }
    }
}
END_TEST

/* Doubles whose digits other shortest-digit methods once got wrong, or whose products with
 * powers of ten fall nearest to whole numbers. */
START_TEST(hard_cases)
{
    const double cases[] = {1.8531501765868567e21, 3.347727380279489e33, 1.9430376160308388e16,
                            6.9741824662760956e19, 4.3816050601147837e18, 2.9802322387695312e-8,
                            5.764607523034235e39,  1.152921504606847e40,  2.305843009213694e40,
                            1.7800590868057611e-307, 2.8480945388892178e-306,
                            2.446494580089078e-296, 4.8929891601781557e-296,
                            3.6028797018963964e16, 2.900835519859558e-216,
                            5.801671039719115e-216, 3.196104012172126e-27, 9007199254740991.0,
                            4.940656458412e-324, 1e21, 1e22, 5e-310, 1.5e300};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_round_trip(cases[i]);
        assert_shortest(cases[i]);
        assert_shortest(nextafter(cases[i], 0));
        assert_shortest(nextafter(cases[i], INFINITY));
        assert_as_before_or_shorter(cases[i]);
    }
}
END_TEST

START_TEST(powers_of_two_and_ten)
{
    for (int e = -1074; e <= 1023; e++) {
        double x = ldexp(1, e);
        assert_round_trip(x);
        assert_shortest(x);
        assert_as_before_or_shorter(x);
    }
    for (int e = -323; e <= 308; e++) {
        char text[16], buf[HERD_NUMFMT_SIZE];
        snprintf(text, sizeof text, "1e%d", e);
        double x = strtod(text, NULL);
        written(x, buf);
        decimal d = parse_decimal(buf);
        REQUIRE(d.digits == 1 && d.exp == e, "1e%d written as %s", e, buf);
        assert_as_before_or_shorter(x);
    }
}
END_TEST

/* The subnormals of the smallest mantissas: their interval holds few digits, where one more
 * and one fewer digit can tie in length. */
START_TEST(small_subnormals)
{
    for (uint64_t c = 1; c <= 20000; c++) {
        double x = ldexp((double)c, -1074);
        assert_round_trip(x);
        assert_shortest(x);
    }
}
END_TEST

START_TEST(nan_and_infinities_as_printf_writes_them)
{
    assert_written(INFINITY, "inf");
    assert_written(-INFINITY, "-inf");
    assert_written(NAN, "nan");
    assert_written(-NAN, "-nan");
    char buf[HERD_NUMFMT_SIZE];
    herd_numfmt_shortest(NAN, buf);
    ck_assert(isnan(strtod(buf, NULL)));
    herd_numfmt_shortest(-INFINITY, buf);
    ck_assert(strtod(buf, NULL) == -INFINITY);
}
END_TEST

enum { ROUND_TRIPS = 200000, SHORTEST_SAMPLE = 20000 };

/* 200 000 of each kind, 1.2 million in all: each reads back, and is as before or shorter. */
START_TEST(random_doubles_round_trip)
{
    herd_pcg64 rng;
    herd_pcg64_stream(&rng, 2024, (uint64_t)_i);
    for (int i = 0; i < ROUND_TRIPS; i++) {
        double x = number_sample_draw(&rng, (number_sample)_i);
        assert_round_trip(x);
        assert_round_trip(-x);
        assert_as_before_or_shorter(x);
    }
}
END_TEST

START_TEST(random_doubles_are_shortest_and_nearest)
{
    herd_pcg64 rng;
    herd_pcg64_stream(&rng, 2025, (uint64_t)_i);
    for (int i = 0; i < SHORTEST_SAMPLE; i++)
        assert_shortest(number_sample_draw(&rng, (number_sample)_i));
}
END_TEST

/* What the records hold (counts, shares, means of [0, 1) draws, tenths) is written exactly as
 * the loop wrote it. */
START_TEST(typical_values_as_before)
{
    herd_pcg64 rng;
    herd_pcg64_stream(&rng, 2026, (uint64_t)_i);
    for (int i = 0; i < ROUND_TRIPS; i++) {
        double x = number_sample_draw(&rng, (number_sample)_i);
        char buf[HERD_NUMFMT_SIZE], before[PRINTF_SHORTEST_SIZE];
        written(x, buf);
        printf_shortest(x, before);
        REQUIRE(strcmp(buf, before) == 0, "%s: %a written as %s, before as %s",
                number_sample_name((number_sample)_i), x, buf, before);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("numfmt");
    TCase *tc = tcase_create("numfmt");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, short_decimals_stay_short);
    tcase_add_test(tc, layout_is_that_of_g);
    tcase_add_test(tc, edge_cases);
    tcase_add_test(tc, hard_cases);
    tcase_add_test(tc, powers_of_two_and_ten);
    tcase_add_test(tc, small_subnormals);
    tcase_add_test(tc, nan_and_infinities_as_printf_writes_them);
    tcase_add_loop_test(tc, random_doubles_round_trip, 0, SAMPLE_KINDS);
    tcase_add_loop_test(tc, random_doubles_are_shortest_and_nearest, 0, SAMPLE_KINDS);
    tcase_add_loop_test(tc, typical_values_as_before, SAMPLE_UNIT, SAMPLE_KINDS);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
