/* The shortest decimal of a double by the Schubfach method (R. Giulietti, "The Schubfach way
 * to render doubles", 2020), laid out as %g would lay out those digits. */
#include "numfmt.h"

#include <stdint.h>
#include <string.h>

#include "herd/rng.h" /* herd_u128 */
#include "numfmt_table.h"

#define MANTISSA_BITS 52
#define EXPONENT_ALL_ONES 0x7ff
/* A finite positive double is c * 2^q, 1 <= c < 2^53, q from Q_MIN (subnormals) up. */
#define C_MIN ((uint64_t)1 << MANTISSA_BITS)
#define Q_MIN (-1074)
#define LOW_63_BITS (((uint64_t)1 << 63) - 1)
/* The least precision of the %g layout: fixed notation below 10^15 whatever the digits. */
#define MIN_PRECISION 15

/* A decimal: digits * 10^exp. */
typedef struct decimal {
    uint64_t digits;
    int exp;
} decimal;

/* floor((x * mul - sub) / 2^NUMFMT_LOG_SHIFT), a logarithm of the table's header: the bias
 * keeps the shifted number positive, where >> is floor division. */
static int floor_log(int64_t x, int64_t mul, int64_t sub)
{
    int64_t biased = x * mul - sub + ((int64_t)NUMFMT_LOG_BIAS << NUMFMT_LOG_SHIFT);
    return (int)(biased >> NUMFMT_LOG_SHIFT) - NUMFMT_LOG_BIAS;
}

/* g * cp / 2^127 rounded to odd (its last bit set when anything was cut off), with g the
 * table's {g >> 63, g mod 2^63}; the method's proof allows dropping the low 64 bits of
 * (g mod 2^63) * cp. */
static uint64_t round_to_odd(const uint64_t g[2], uint64_t cp)
{
    herd_u128 high = (herd_u128)g[0] * cp;
    uint64_t low = (uint64_t)(((herd_u128)g[1] * cp) >> 64);
    uint64_t middle = ((uint64_t)high >> 1) + low;
    uint64_t whole = (uint64_t)(high >> 64) + (middle >> 63);
    return whole | ((middle & LOW_63_BITS) != 0);
}

/* The decimal in the rounding interval of c * 2^q (c > 0) with the fewest digits, and of
 * those the nearest to c * 2^q, an exact tie going to the even one. In units of 10^k, with k
 * such that the interval is 1 to 10 units wide, vb, vbl and vbr are four times the value and
 * its interval's ends, rounded to odd: exact enough to tell which whole numbers of units lie
 * inside. */
static decimal shortest(uint64_t c, int q)
{
    /* Reading back rounds ties to even: the ends belong to the interval when c is even. */
    uint64_t open = c & 1;
    uint64_t cb = c << 2, cbr = cb + 2, cbl = cb - 2;
    int k;
    if (c != C_MIN || q == Q_MIN) {
        k = floor_log(q, NUMFMT_LOG10_POW2_MUL, NUMFMT_LOG10_POW2_SUB);
    } else {
        /* At a power of two the double below is half as far as the one above. */
        cbl = cb - 1;
        k = floor_log(q, NUMFMT_LOG10_THREE_QUARTERS_POW2_MUL,
                      NUMFMT_LOG10_THREE_QUARTERS_POW2_SUB);
    }
    int h = q + floor_log(-k, NUMFMT_LOG2_POW10_MUL, NUMFMT_LOG2_POW10_SUB) + 2;
    const uint64_t *g = numfmt_pow10[-k - NUMFMT_POW10_MIN];
    uint64_t vb = round_to_odd(g, cb << h);
    uint64_t vbl = round_to_odd(g, cbl << h) + open;
    uint64_t vbr = round_to_odd(g, cbr << h) - open;
    uint64_t s = vb >> 2;
    /* One digit fewer: a multiple of 10 units inside (at most one fits). Below 10 units the
     * digits 1 to 9 are as short as 10, so the nearest of s and s + 1 decides. */
    if (s >= 10) {
        uint64_t below = s / 10 * 10, above = below + 10;
        int below_in = vbl <= below << 2, above_in = above << 2 <= vbr;
        if (below_in != above_in)
            return (decimal){below_in ? below : above, k};
    }
    uint64_t t = s + 1;
    int s_in = vbl <= s << 2, t_in = t << 2 <= vbr;
    if (s_in != t_in)
        return (decimal){s_in ? s : t, k};
    uint64_t middle = (s + t) << 1;
    int take_s = vb < middle || (vb == middle && (s & 1) == 0);
    return (decimal){take_s ? s : t, k};
}

/* Whole numbers below 2^53 are their own shortest decimal: the interval is at most one wide. */
static int is_small_whole(uint64_t c, int q)
{
    return q <= 0 && q > -MANTISSA_BITS - 1 && (c & (((uint64_t)1 << -q) - 1)) == 0;
}

/* "00" to "99": two digits at a time. */
static const char digit_pairs[200] = "0001020304050607080910111213141516171819"
                                     "2021222324252627282930313233343536373839"
                                     "4041424344454647484950515253545556575859"
                                     "6061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";

/* 10^0 to 10^16: a decimal here has at most 17 digits (below 10 * 2^53). */
static const uint64_t powers_of_ten[17] = {1,
                                           10,
                                           100,
                                           1000,
                                           10000,
                                           100000,
                                           1000000,
                                           10000000,
                                           100000000,
                                           1000000000,
                                           10000000000,
                                           100000000000,
                                           1000000000000,
                                           10000000000000,
                                           100000000000000,
                                           1000000000000000,
                                           10000000000000000};

static int digit_count(uint64_t d)
{
    int n = 17;
    while (n > 1 && d < powers_of_ten[n - 1])
        n--;
    return n;
}

static void put_two(char *p, uint32_t two)
{
    memcpy(p, digit_pairs + 2 * two, 2);
}

/* The n digits of d < 10^n into p. Eight at a time in 32 bits, their halves apart, keep the
 * divisions short and independent. */
static void put_digits(uint64_t d, int n, char *p)
{
    char *end = p + n;
    for (; d >= 100000000; d /= 100000000) {
        uint32_t eight = (uint32_t)(d % 100000000), high = eight / 10000, low = eight % 10000;
        end -= 8;
        put_two(end, high / 100);
        put_two(end + 2, high % 100);
        put_two(end + 4, low / 100);
        put_two(end + 6, low % 100);
    }
    uint32_t rest = (uint32_t)d;
    for (; rest >= 100; rest /= 100) {
        end -= 2;
        put_two(end, rest % 100);
    }
    if (rest >= 10)
        put_two(end - 2, rest);
    else
        end[-1] = (char)('0' + rest);
}

static char *put_exponent(char *p, int x)
{
    *p++ = 'e';
    *p++ = x < 0 ? '-' : '+';
    uint32_t a = (uint32_t)(x < 0 ? -x : x);
    if (a >= 100)
        *p++ = (char)('0' + a / 100);
    put_two(p, a % 100);
    return p + 2;
}

/* d * 10^exp as %.Pg writes it, P the larger of MIN_PRECISION and d's digit count (d has no
 * trailing zero). The digits are written where most of them belong, and the few before the
 * point moved one place to the left. */
static char *put_decimal(char *p, decimal v)
{
    int n = digit_count(v.digits);
    int x = v.exp + n - 1;
    int precision = n > MIN_PRECISION ? n : MIN_PRECISION;
    if (x < -4 || x >= precision) {
        put_digits(v.digits, n, p + 1);
        p[0] = p[1];
        p[1] = '.';
        return put_exponent(p + (n > 1 ? n + 1 : 1), x);
    }
    if (x < 0) {
        memcpy(p, "0.000", (size_t)(1 - x));
        put_digits(v.digits, n, p + 1 - x);
        return p + 1 - x + n;
    }
    if (x >= n - 1) {
        put_digits(v.digits, n, p);
        memset(p + n, '0', (size_t)(x - n + 1));
        return p + x + 1;
    }
    put_digits(v.digits, n, p + 1);
    for (int i = 0; i <= x; i++)
        p[i] = p[i + 1];
    p[x + 1] = '.';
    return p + n + 1;
}

int herd_numfmt_shortest(double x, char buf[HERD_NUMFMT_SIZE])
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint64_t fraction = bits & (C_MIN - 1);
    int biased = (int)(bits >> MANTISSA_BITS & EXPONENT_ALL_ONES);
    char *p = buf;
    if (bits >> 63)
        *p++ = '-';
    if (biased == EXPONENT_ALL_ONES) {
        memcpy(p, fraction != 0 ? "nan" : "inf", 4);
        return (int)(p - buf) + 3;
    }
    if (biased == 0 && fraction == 0) {
        memcpy(p, "0", 2);
        return (int)(p - buf) + 1;
    }
    uint64_t c = biased != 0 ? fraction | C_MIN : fraction;
    int q = (biased != 0 ? biased : 1) + Q_MIN - 1;
    decimal v = is_small_whole(c, q) ? (decimal){c >> -q, 0} : shortest(c, q);
    while (v.digits % 10 == 0) {
        v.digits /= 10;
        v.exp++;
    }
    p = put_decimal(p, v);
    *p = '\0';
    return (int)(p - buf);
}
