/* The shortest round-trip formatter: every double it writes reads back bit for bit. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "herd/rng.h"
#include "numfmt.h"
#include "runner.h"

static void assert_round_trip(double x)
{
    char buf[HERD_NUMFMT_SIZE];
    int n = herd_numfmt_shortest(x, buf);
    ck_assert_int_eq(n, (int)strlen(buf));
    double back = strtod(buf, NULL);
    ck_assert_msg(memcmp(&back, &x, sizeof x) == 0, "%a written as %s reads back as %a", x, buf,
                  back);
}

static void assert_written(double x, const char *expected)
{
    char buf[HERD_NUMFMT_SIZE];
    herd_numfmt_shortest(x, buf);
    ck_assert_str_eq(buf, expected);
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
}
END_TEST

START_TEST(edge_cases_round_trip)
{
    const double cases[] = {0.0,          -0.0,         DBL_MIN,      -DBL_MIN,
                            DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MAX,     -DBL_MAX,
                            DBL_EPSILON,  1 + DBL_EPSILON, 0x1p-1030, 0x1.fffffffffffffp-1023,
                            9007199254740993.0, 5e-324, 1e23,          8.41e21};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_round_trip(cases[i]);
    assert_written(0.0, "0");
    assert_written(-0.0, "-0");
    assert_written(DBL_MAX, "1.7976931348623157e+308");
    assert_written(DBL_TRUE_MIN, "4.94065645841247e-324");
}
END_TEST

START_TEST(nan_and_infinities_as_printf_writes_them)
{
    assert_written(INFINITY, "inf");
    assert_written(-INFINITY, "-inf");
    assert_written(NAN, "nan");
    char buf[HERD_NUMFMT_SIZE];
    herd_numfmt_shortest(NAN, buf);
    ck_assert(isnan(strtod(buf, NULL)));
    herd_numfmt_shortest(-INFINITY, buf);
    ck_assert(strtod(buf, NULL) == -INFINITY);
}
END_TEST

/* Random bit patterns cover every exponent, subnormals included; random values in [0, 1)
 * cover what the records hold. */
START_TEST(random_doubles_round_trip)
{
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 2024, 1);
    for (int i = 0; i < 200000; i++) {
        uint64_t bits = (uint64_t)herd_pcg32_next(&rng) << 32 | herd_pcg32_next(&rng);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (isfinite(x))
            assert_round_trip(x);
        assert_round_trip(herd_pcg32_double(&rng));
        assert_round_trip(herd_pcg32_double(&rng) * 1e6);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("numfmt");
    TCase *tc = tcase_create("numfmt");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, short_decimals_stay_short);
    tcase_add_test(tc, edge_cases_round_trip);
    tcase_add_test(tc, nan_and_infinities_as_printf_writes_them);
    tcase_add_test(tc, random_doubles_round_trip);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
