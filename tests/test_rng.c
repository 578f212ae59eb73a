#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "herd/rng.h"
#include "runner.h"

static herd_u128 u128(uint64_t hi, uint64_t lo)
{
    return (herd_u128)hi << 64 | lo;
}

#define ck_assert_u128_eq(a, b)                                        \
    do {                                                               \
        herd_u128 a_ = (a), b_ = (b);                                  \
        ck_assert_uint_eq((uint64_t)(a_ >> 64), (uint64_t)(b_ >> 64)); \
        ck_assert_uint_eq((uint64_t)a_, (uint64_t)b_);                 \
    } while (0)

/* ---- pcg32 against the reference -------------------------------------------------------- */

/* Expected output of the reference pcg32 demo, seeded pcg32_srandom_r(&rng, 42u, 54u):
 * imneme/pcg-c, test-high/expected/check-pcg32.out (the program is test-high/check-base.c
 * with check-pcg32.c; pcg-c-basic's pcg32-demo.c is generated from it and draws the same
 * values, minus the "Again" line). Each round: six draws, then "Again" after
 * pcg32_advance_r(&rng, -6), 65 coins boundedrand(2) ? 'H' : 'T', 33 rolls boundedrand(6)+1,
 * and a 52-card Fisher-Yates shuffle with boundedrand(i) for i = 52 .. 2. */
static const struct {
    uint32_t numbers[6];
    const char *coins;
    const char *rolls;
    const char *cards;
} demo[5] = {
    {{0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e},
     "HHTTTHTHHHTHTTTHHHHHTTTHHHTHTHTHTTHTTTHHHHHHTTTTHHTTTTTHTTTTTTTHT",
     "341122324324335231315141564662633",
     "Qd Ks 6d 3s 3d 4c 3h Td Kc 5c Jh Kd Jd As 4s 4h Ad Th Ac Jc 7s Qs 2s 7h Kh 2d 6c Ah 4d "
     "Qh 9h 6s 5s 2c 9c Ts 8d 9s 3c 8c Js 5d 2h 6h 7d 8s 9d 5h 8h Qc 7c Tc"},
    {{0x74ab93ad, 0x1c1da000, 0x494ff896, 0x34462f2f, 0xd308a3e5, 0x0fa83bab},
     "HHHHHHHHHHTHHHTHTHTHTHTTTTHHTTTHHTHHTHTTHHTTTHHHHHHTHTTHTHTTTTTTT",
     "511332453226432424323632342411544",
     "7d 2s 7h Td 8s 3c 3d Js 2d Tc 4h Qs 5c 9c Th 2c Jc Qd 9d Qc 7s 3s 5s 6h 4d Jh 4c Ac 4s "
     "5h 5d Kc 8h 8d Jd 9s Ad 6s 6c Kd 2h 3h Kh Ts Qh 9h 6d As 7c Ks Ah 8c"},
    {{0x39af5f9f, 0x04196b18, 0xc3c3eb28, 0xc076c60c, 0xc693e135, 0xf8f63932},
     "HTTHHTTTTTHTTHHHTHTTHHTTHTHHTHTHTTTTHHTTTHHTHHTTHTTHHHTHHHTHTTTHT",
     "515322453313463234223152466424336",
     "Kd Jh Kc Qh 4d Qc 4h 9d 3c Kh Qs 8h 5c Jd 7d 8d 3h 7c 8s 3s 2h Ks 9c 9h 2c 8c Ad 7s 4s "
     "2s 5h 6s 4c Ah 7h 5s Ac 3d 5d Qd As Tc 6h 9s 2d 6c 6d Td Jc Ts Th Js"},
    {{0x55ce6851, 0x97a7726d, 0x17e10815, 0x58007d43, 0x962fb148, 0xb9bb55bd},
     "HHTHHTTTTHTHHHHHTTHHHTTTHHTHTHTHTHHTTHTHHHHHHTHHTHHTHHTTTTHHTHHTT",
     "663234264263235534466265446161365",
     "Qd 8h 5d 8s 8d Ts 7h Th Qs Js 7s Kc 6h 5s 4d Ac Jd 7d 7c Td 2c 6s 5h 6d 3s Kd 9s Jh Kh "
     "As Ah 9h 3c Qh 9c 2d Tc 9d 2s 3d Ks 4h Qc Ad Jc 8c 2h 3h 4s 4c 5c 6c"},
    {{0xfcef7cd6, 0x1b488b5a, 0xd0daf7ea, 0x1d9a70f7, 0x241a37cf, 0x9a3857b7},
     "HHHHTHHTTHTTHHHTTTHHTHTHTTTTHTTHTHTTTHHHTHTHTTHTTHTHHTHTHHHTHTHTT",
     "541261315636214452156564445264356",
     "4d 9s Qc 9h As Qs 7s 4c Kd 6h 6s 2c 8c 5d 7h 5h Jc 3s 7c Jh Js Ks Tc Jd Kc Th 3h Ts Qh "
     "Ad Td 3c Ah 2d 3d 5c Ac 8s 5s 9c 2h 6c 6d Kh Qd 8d 7d 2s 8h 4h 9d 4s"},
};

static void deal_cards(herd_pcg32 *r, char *out)
{
    static const char number[] = "A23456789TJQK";
    static const char suit[] = "hcds";
    int cards[52];
    for (int i = 0; i < 52; i++)
        cards[i] = i;
    for (int i = 52; i > 1; i--) {
        int chosen = (int)herd_pcg32_bounded(r, (uint32_t)i);
        int card = cards[chosen];
        cards[chosen] = cards[i - 1];
        cards[i - 1] = card;
    }
    for (int i = 0; i < 52; i++) {
        *out++ = number[cards[i] / 4];
        *out++ = suit[cards[i] % 4];
        *out++ = ' ';
    }
    out[-1] = '\0';
}

START_TEST(pcg32_replays_reference_demo)
{
    herd_pcg32 r;
    herd_pcg32_seed(&r, 42u, 54u);
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 6; i++)
            ck_assert_uint_eq(herd_pcg32_next(&r), demo[round].numbers[i]);
        herd_pcg32_advance(&r, (uint64_t)-6);
        for (int i = 0; i < 6; i++)
            ck_assert_uint_eq(herd_pcg32_next(&r), demo[round].numbers[i]);
        char coins[66], rolls[34], cards[52 * 3];
        for (int i = 0; i < 65; i++)
            coins[i] = herd_pcg32_bounded(&r, 2) ? 'H' : 'T';
        coins[65] = '\0';
        for (int i = 0; i < 33; i++)
            rolls[i] = (char)('1' + herd_pcg32_bounded(&r, 6));
        rolls[33] = '\0';
        deal_cards(&r, cards);
        ck_assert_str_eq(coins, demo[round].coins);
        ck_assert_str_eq(rolls, demo[round].rolls);
        ck_assert_str_eq(cards, demo[round].cards);
    }
}
END_TEST

/* ---- pcg64 (DXSM) against numpy --------------------------------------------------------- */

/* numpy seeds PCG64DXSM through SeedSequence (numpy/random/bit_generator.pyx): the entropy
 * (32-bit words) is hashed into a pool of four words, the pool is stretched into four 64-bit
 * words v, and pcg64_set_seed(v[0]:v[1], v[2]:v[3]) runs the reference srandom. This is a
 * test-only re-implementation from that description, pool size 4 and no spawn key. */
enum { SS_POOL = 4 };

static uint32_t ss_hashmix(uint32_t v, uint32_t *h)
{
    v ^= *h;
    *h *= 0x931e8875u;
    v *= *h;
    return v ^ v >> 16;
}

static uint32_t ss_mix(uint32_t x, uint32_t y)
{
    uint32_t m = 0xca01f9ddu * x - 0x4973f715u * y;
    return m ^ m >> 16;
}

static void ss_pool(const uint32_t *entropy, size_t n, uint32_t pool[SS_POOL])
{
    uint32_t h = 0x43b0d7e5u;
    for (size_t i = 0; i < SS_POOL; i++)
        pool[i] = ss_hashmix(i < n ? entropy[i] : 0, &h);
    for (size_t src = 0; src < SS_POOL; src++)
        for (size_t dst = 0; dst < SS_POOL; dst++)
            if (src != dst)
                pool[dst] = ss_mix(pool[dst], ss_hashmix(pool[src], &h));
    for (size_t src = SS_POOL; src < n; src++)
        for (size_t dst = 0; dst < SS_POOL; dst++)
            pool[dst] = ss_mix(pool[dst], ss_hashmix(entropy[src], &h));
}

static void ss_generate32(const uint32_t pool[SS_POOL], uint32_t *out, size_t n)
{
    uint32_t h = 0x8b51f9ddu;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = pool[i % SS_POOL] ^ h;
        h *= 0x58f38dedu;
        v *= h;
        out[i] = v ^ v >> 16;
    }
}

static void ss_generate64(const uint32_t pool[SS_POOL], uint64_t *out, size_t n)
{
    uint32_t w[8];
    ck_assert_uint_le(n, 4);
    ss_generate32(pool, w, 2 * n);
    for (size_t i = 0; i < n; i++)
        out[i] = w[2 * i] | (uint64_t)w[2 * i + 1] << 32;
}

static void numpy_pcg64dxsm(herd_pcg64 *r, const uint32_t *entropy, size_t n)
{
    uint32_t pool[SS_POOL];
    uint64_t v[4];
    ss_pool(entropy, n, pool);
    ss_generate64(pool, v, 4);
    herd_pcg64_seed(r, u128(v[0], v[1]), u128(v[2], v[3]));
}

/* numpy/random/tests/test_seed_sequence.py, test_reference_data (first two rows). */
START_TEST(seed_sequence_helper_matches_numpy)
{
    static const uint32_t in[2][4] = {
        {3735928559u, 195939070u, 229505742u, 305419896u},
        {3668361503u, 4165561550u, 1661411377u, 3634257570u},
    };
    static const uint32_t out32[2][4] = {
        {3914649087u, 576849849u, 3593928901u, 2229911004u},
        {2240804226u, 3691353228u, 1365957195u, 2654016646u},
    };
    static const uint64_t out64[2][2] = {
        {UINT64_C(2477551240072187391), UINT64_C(9577394838764454085)},
        {UINT64_C(15854241394484835714), UINT64_C(11398914698975566411)},
    };
    for (int k = 0; k < 2; k++) {
        uint32_t pool[SS_POOL], w[4];
        uint64_t d[2];
        ss_pool(in[k], 4, pool);
        ss_generate32(pool, w, 4);
        ss_generate64(pool, d, 2);
        for (int i = 0; i < 4; i++)
            ck_assert_uint_eq(w[i], out32[k][i]);
        for (int i = 0; i < 2; i++)
            ck_assert_uint_eq(d[i], out64[k][i]);
    }
}
END_TEST

/* numpy/random/tests/test_direct.py, TestPCG64DXSM.test_advange_large:
 * PCG64DXSM(38219308213743) has state 287608843259529770491897792873167516365, and after
 * advance(2^96 + 2^64 + 2^32 + 2^16 + 2^8 + 2^4 + 2^2 + 2^1) its state is
 * 277778083536782149546677086420637664879 (written below in hex). The first number checks
 * the seeding (numpy's PCG64 test expects the same state, since both seed alike), the second
 * the cheap-multiplier jump-ahead. */
START_TEST(pcg64_matches_numpy_advance_large)
{
    static const uint32_t entropy[] = {0xa04a25efu, 0x22c2u}; /* 38219308213743 */
    herd_pcg64 r;
    numpy_pcg64dxsm(&r, entropy, 2);
    ck_assert_u128_eq(r.state, u128(0xd85f72c717ad8f6c, 0x6962e34f5a12f2cd));
    herd_u128 delta = 0;
    static const int bits[] = {96, 64, 32, 16, 8, 4, 2, 1};
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        delta += (herd_u128)1 << bits[i];
    herd_pcg64_advance(&r, delta);
    ck_assert_u128_eq(r.state, u128(0xd0fa1ce6dec18cf6, 0xd3aab6e704c1466f));
}
END_TEST

/* Output of O'Neill's C++ reference engine pcg_engines::cm_setseq_dxsm_128_64(seed, 0):
 * bashtage/randomgen, randomgen/tests/data/pcg64-cm-dxsm-testset-1.csv and -testset-2.csv,
 * written by randomgen/src/pcg64/pcg_dxsm-test-data-gen.cpp; draws 0-7 and 992-999. The seed
 * is the first two 64-bit words of SeedSequence(0) and SeedSequence(0xDEADBEEF) (so says
 * that program; ss_generate64 must agree). The C++ constructor sets inc = 2*stream + 1 = 1
 * and state = (seed + inc) * multiplier + inc with the cheap multiplier -- unlike numpy's
 * seeding, which is why the state is set by hand here -- and then, like numpy, outputs DXSM
 * of the state before each step. */
static const struct {
    uint32_t entropy;
    uint64_t seed_hi, seed_lo;
    uint64_t head[8], tail[8];
} cpp_sets[2] = {
    {0x0u, UINT64_C(15793235383387715774), UINT64_C(12390638538380655177),
     {0x397dbf7c0360842d, 0x9f0b7c8fbde4da90, 0x135d1beece5795f8, 0x321b384923897c3f,
      0x8b7ed51dae78b33d, 0xdf779bfb051721e2, 0xe4aa573afed3d717, 0xd3c6fefa1c8fbd77},
     {0xb9890219abdb157, 0xefdd25d4ccef8b82, 0x85b4ce03c8b749a1, 0x74d3b008d47cb4f4,
      0x7f42a97e8c1b4465, 0x804f72de09bd4336, 0xd51ce519bdd706b8, 0x6a233070436e6b85}},
    {0xdeadbeefu, UINT64_C(10671498545779160169), UINT64_C(17039977206943430958),
     {0xaffad3f85476f26c, 0x517b82a2f7879515, 0xd03a53ffd6171d8d, 0x547b0da2e116951b,
      0x22dcd1441aa50c12, 0x8845bd37dcf8c916, 0x7ae8a7c57ef13590, 0x46734ba95a2e7a19},
     {0x46c0265d103fddfa, 0x87d9a9f7d485265, 0xb5d321ce75dac49, 0x6a580fb3d40e745,
      0xc7abd3d9b3678d8, 0x337bafae75c386ca, 0xa8d89d858577dea3, 0x30824479764c3063}},
};

START_TEST(pcg64_matches_reference_cm_dxsm)
{
    uint32_t pool[SS_POOL];
    uint64_t words[2];
    ss_pool(&cpp_sets[_i].entropy, 1, pool);
    ss_generate64(pool, words, 2);
    ck_assert_uint_eq(words[0], cpp_sets[_i].seed_hi);
    ck_assert_uint_eq(words[1], cpp_sets[_i].seed_lo);

    herd_pcg64 r, jumped;
    r.inc = 1;
    r.state = (u128(words[0], words[1]) + r.inc) * UINT64_C(0xda942042e4dd58b5) + r.inc;
    jumped = r;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = herd_pcg64_next(&r);
        if (i < 8)
            ck_assert_uint_eq(x, cpp_sets[_i].head[i]);
        else if (i >= 992)
            ck_assert_uint_eq(x, cpp_sets[_i].tail[i - 992]);
    }
    herd_pcg64_advance(&jumped, 992);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(herd_pcg64_next(&jumped), cpp_sets[_i].tail[i]);
}
END_TEST

/* ---- jump-ahead ------------------------------------------------------------------------- */

static const uint64_t steps[] = {0, 1, 2, 3, 5, 64, 100, 1000, 4097, 20000};
#define N_STEPS (int)(sizeof steps / sizeof steps[0])

START_TEST(pcg32_advance_equals_stepping)
{
    herd_pcg32 a, b;
    herd_pcg32_seed(&a, 0x853c49e6748fea9bu, 0xda3e39cb94b95bdbu);
    b = a;
    for (uint64_t i = 0; i < steps[_i]; i++)
        herd_pcg32_next(&b);
    herd_pcg32_advance(&a, steps[_i]);
    ck_assert_uint_eq(a.state, b.state);
    ck_assert_uint_eq(herd_pcg32_next(&a), herd_pcg32_next(&b));
}
END_TEST

START_TEST(pcg64_advance_equals_stepping)
{
    herd_pcg64 a, b;
    herd_pcg64_seed(&a, u128(0x0123456789abcdef, 0xfedcba9876543210), u128(7, 99));
    b = a;
    for (uint64_t i = 0; i < steps[_i]; i++)
        herd_pcg64_next(&b);
    herd_pcg64_advance(&a, steps[_i]);
    ck_assert_u128_eq(a.state, b.state);
    ck_assert_uint_eq(herd_pcg64_next(&a), herd_pcg64_next(&b));
}
END_TEST

START_TEST(advance_back_undoes_forward)
{
    herd_pcg32 a, a0;
    herd_pcg64 b, b0;
    herd_pcg32_seed(&a, 1, 2);
    herd_pcg64_seed(&b, 3, 4);
    a0 = a;
    b0 = b;
    uint64_t k = steps[_i] * UINT64_C(0x9e3779b97f4a7c15);
    herd_pcg32_advance(&a, k);
    herd_pcg32_advance(&a, -k);
    ck_assert_uint_eq(a.state, a0.state);
    herd_u128 big = u128(k, ~k);
    herd_pcg64_advance(&b, big);
    herd_pcg64_advance(&b, -big);
    ck_assert_u128_eq(b.state, b0.state);

    /* Stepping forward k draws and jumping back k lands on the start. */
    for (uint64_t i = 0; i < steps[_i]; i++) {
        herd_pcg32_next(&a);
        herd_pcg64_next(&b);
    }
    herd_pcg32_advance(&a, -steps[_i]);
    herd_pcg64_advance(&b, -(herd_u128)steps[_i]);
    ck_assert_uint_eq(a.state, a0.state);
    ck_assert_u128_eq(b.state, b0.state);
}
END_TEST

/* ---- bounded draws and doubles ---------------------------------------------------------- */

static const uint64_t bounds[] = {1, 2, 3, 6, 7, 10, 1000, 0x80000001u, 0xffffffffu};
#define N_BOUNDS (int)(sizeof bounds / sizeof bounds[0])

START_TEST(bounded_stays_below_bound)
{
    herd_pcg32 a;
    herd_pcg64 b;
    herd_pcg32_seed(&a, 11, 12);
    herd_pcg64_seed(&b, 13, 14);
    uint64_t bound = bounds[_i];
    uint64_t big = bound << 31 | 1; /* also exercise pcg64 near 2^63, where half is rejected */
    uint64_t max32 = 0, max64 = 0, max_big = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t x = herd_pcg32_bounded(&a, (uint32_t)bound);
        uint64_t y = herd_pcg64_bounded(&b, bound);
        uint64_t z = herd_pcg64_bounded(&b, big);
        max32 = x > max32 ? x : max32;
        max64 = y > max64 ? y : max64;
        max_big = z > max_big ? z : max_big;
    }
    ck_assert_uint_lt(max32, bound);
    ck_assert_uint_lt(max64, bound);
    ck_assert_uint_lt(max_big, big);
}
END_TEST

START_TEST(bounded_degenerate_bounds_give_zero)
{
    herd_pcg32 a;
    herd_pcg64 b;
    herd_pcg32_seed(&a, 5, 6);
    herd_pcg64_seed(&b, 5, 6);
    uint64_t any = 0;
    for (int i = 0; i < 1000; i++) {
        any |= herd_pcg32_bounded(&a, 1) | herd_pcg64_bounded(&b, 1);
        any |= herd_pcg32_bounded(&a, 0) | herd_pcg64_bounded(&b, 0);
    }
    ck_assert_uint_eq(any, 0);
}
END_TEST

/* 6e5 rolls of a die: chi-square with 5 degrees of freedom has mean 5; 30 is beyond the
 * 99.99th percentile, so only a real bias fails. */
static double chi_square6(const long counts[6], long n)
{
    double expected = n / 6.0, chi2 = 0;
    for (int k = 0; k < 6; k++)
        chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
    return chi2;
}

START_TEST(bounded_six_is_uniform)
{
    enum { N = 600000 };
    long c32[6] = {0}, c64[6] = {0};
    herd_pcg32 a;
    herd_pcg64 b;
    herd_pcg32_seed(&a, 2024, 1);
    herd_pcg64_seed(&b, 2024, 1);
    for (int i = 0; i < N; i++) {
        c32[herd_pcg32_bounded(&a, 6)]++;
        c64[herd_pcg64_bounded(&b, 6)]++;
    }
    ck_assert_double_lt(chi_square6(c32, N), 30.0);
    ck_assert_double_lt(chi_square6(c64, N), 30.0);
}
END_TEST

START_TEST(doubles_in_unit_interval)
{
    herd_pcg32 a;
    herd_pcg64 b;
    herd_pcg32_seed(&a, 8, 9);
    herd_pcg64_seed(&b, 8, 9);
    double sum32 = 0, sum64 = 0;
    long bad = 0;
    for (int i = 0; i < 100000; i++) {
        herd_pcg32 a1 = a;
        herd_pcg64 b1 = b;
        double u = herd_pcg32_double(&a), v = herd_pcg64_double(&b);
        bad += !(u >= 0.0 && u < 1.0) + !(v >= 0.0 && v < 1.0);
        bad += u != herd_pcg32_next(&a1) * 0x1.0p-32;
        bad += v != (double)(herd_pcg64_next(&b1) >> 11) * 0x1.0p-53;
        sum32 += u;
        sum64 += v;
    }
    ck_assert_int_eq(bad, 0);
    ck_assert_double_eq_tol(sum32 / 100000, 0.5, 0.005);
    ck_assert_double_eq_tol(sum64 / 100000, 0.5, 0.005);
    /* The largest outputs map below 1. */
    ck_assert_double_lt(0xffffffffu * 0x1.0p-32, 1.0);
    ck_assert_double_lt((double)(UINT64_MAX >> 11) * 0x1.0p-53, 1.0);
}
END_TEST

/* ---- GSL adapters ----------------------------------------------------------------------- */

START_TEST(gsl_types_describe_themselves)
{
    ck_assert_str_eq(herd_gsl_rng_pcg32->name, "herd_pcg32");
    ck_assert_str_eq(herd_gsl_rng_pcg64->name, "herd_pcg64");
    ck_assert_uint_eq(herd_gsl_rng_pcg32->max, 0xffffffffu);
    ck_assert_uint_eq(herd_gsl_rng_pcg64->max, 0xffffffffu);
    ck_assert_uint_eq(herd_gsl_rng_pcg32->min, 0);
    ck_assert_uint_eq(herd_gsl_rng_pcg32->size, sizeof(herd_pcg32));
    ck_assert_uint_eq(herd_gsl_rng_pcg64->size, sizeof(herd_pcg64));
}
END_TEST

START_TEST(gsl_set_seeds_with_default_sequence)
{
    gsl_rng *g = gsl_rng_alloc(herd_gsl_rng_pcg32);
    ck_assert_ptr_nonnull(g);
    gsl_rng_set(g, 42);
    for (int i = 0; i < 6; i++)
        ck_assert_uint_eq(gsl_rng_get(g), demo[0].numbers[i]);
    gsl_rng_free(g);

    g = gsl_rng_alloc(herd_gsl_rng_pcg64);
    ck_assert_ptr_nonnull(g);
    gsl_rng_set(g, 42);
    herd_pcg64 r;
    herd_pcg64_seed(&r, 42, HERD_GSL_RNG_SEQ);
    for (int i = 0; i < 100; i++)
        ck_assert_uint_eq(gsl_rng_get(g), herd_pcg64_next(&r) >> 32);
    gsl_rng_free(g);
}
END_TEST

START_TEST(gsl_pcg32_continues_native_state)
{
    herd_pcg32 r;
    herd_pcg32_stream(&r, 77, 3);
    herd_pcg32_next(&r);
    gsl_rng *g = gsl_rng_alloc(herd_gsl_rng_pcg32);
    ck_assert_ptr_nonnull(g);
    memcpy(g->state, &r, sizeof r);
    for (int i = 0; i < 1000; i++) {
        ck_assert_uint_eq(gsl_rng_get(g), herd_pcg32_next(&r));
        ck_assert_double_eq(gsl_rng_uniform(g), herd_pcg32_double(&r));
    }
    gsl_rng *c = gsl_rng_clone(g);
    ck_assert_ptr_nonnull(c);
    for (int i = 0; i < 1000; i++) {
        unsigned long x = gsl_rng_get(g);
        ck_assert_uint_eq(gsl_rng_get(c), x);
        ck_assert_uint_eq(x, herd_pcg32_next(&r));
    }
    gsl_rng_free(c);
    gsl_rng_free(g);
}
END_TEST

START_TEST(gsl_pcg64_continues_native_state)
{
    herd_pcg64 r;
    herd_pcg64_stream(&r, 77, 3);
    herd_pcg64_next(&r);
    gsl_rng *g = gsl_rng_alloc(herd_gsl_rng_pcg64);
    ck_assert_ptr_nonnull(g);
    memcpy(g->state, &r, sizeof r);
    for (int i = 0; i < 1000; i++) {
        ck_assert_uint_eq(gsl_rng_get(g), herd_pcg64_next(&r) >> 32);
        ck_assert_double_eq(gsl_rng_uniform(g), herd_pcg64_double(&r));
    }
    gsl_rng *c = gsl_rng_clone(g);
    ck_assert_ptr_nonnull(c);
    for (int i = 0; i < 1000; i++) {
        double u = gsl_rng_uniform(g);
        ck_assert_double_eq(gsl_rng_uniform(c), u);
        ck_assert_double_eq(u, herd_pcg64_double(&r));
    }
    herd_pcg64 back;
    memcpy(&back, c->state, sizeof back);
    ck_assert_u128_eq(back.state, r.state);
    gsl_rng_free(c);
    gsl_rng_free(g);
}
END_TEST

static const gsl_rng_type *gsl_type(int i)
{
    return i == 0 ? herd_gsl_rng_pcg32 : herd_gsl_rng_pcg64;
}

START_TEST(gsl_uniform_in_unit_interval)
{
    gsl_rng *g = gsl_rng_alloc(gsl_type(_i));
    ck_assert_ptr_nonnull(g);
    gsl_rng_set(g, 12345);
    long bad = 0;
    for (int i = 0; i < 1000000; i++) {
        double u = gsl_rng_uniform(g);
        bad += !(u >= 0.0 && u < 1.0);
        bad += gsl_rng_uniform_int(g, 10) >= 10;
    }
    ck_assert_int_eq(bad, 0);
    gsl_rng_free(g);
}
END_TEST

START_TEST(gsl_gaussian_has_unit_moments)
{
    enum { N = 1000000 };
    gsl_rng *g = gsl_rng_alloc(gsl_type(_i));
    ck_assert_ptr_nonnull(g);
    gsl_rng_set(g, 2718281828u);
    double sum = 0, sumsq = 0;
    for (int i = 0; i < N; i++) {
        double x = gsl_ran_gaussian(g, 1.0);
        sum += x;
        sumsq += x * x;
    }
    double mean = sum / N;
    double var = sumsq / N - mean * mean;
    ck_assert_double_eq_tol(mean, 0.0, 0.005);
    ck_assert_double_eq_tol(var, 1.0, 0.01);
    gsl_rng_free(g);
}
END_TEST

/* ---- streams ---------------------------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void assert_all_distinct(uint64_t *v, size_t n)
{
    qsort(v, n, sizeof v[0], cmp_u64);
    for (size_t i = 1; i < n; i++)
        ck_assert_uint_ne(v[i - 1], v[i]);
}

START_TEST(streams_do_not_depend_on_creation_order)
{
    enum { N = 100, DRAWS = 8 };
    herd_pcg32 fwd32[N], rev32[N];
    herd_pcg64 fwd64[N], rev64[N];
    for (int i = 0; i < N; i++) {
        herd_pcg32_stream(&fwd32[i], 99, (uint64_t)i);
        herd_pcg64_stream(&fwd64[i], 99, (uint64_t)i);
        herd_pcg32_next(&fwd32[0]); /* drawing from one stream leaves the others alone */
    }
    for (int i = N - 1; i >= 0; i--) {
        herd_pcg32_stream(&rev32[i], 99, (uint64_t)i);
        herd_pcg64_stream(&rev64[i], 99, (uint64_t)i);
    }
    herd_pcg32_advance(&fwd32[0], -(uint64_t)N);
    for (int i = 0; i < N; i++)
        for (int d = 0; d < DRAWS; d++) {
            ck_assert_uint_eq(herd_pcg32_next(&fwd32[i]), herd_pcg32_next(&rev32[i]));
            ck_assert_uint_eq(herd_pcg64_next(&fwd64[i]), herd_pcg64_next(&rev64[i]));
        }
}
END_TEST

START_TEST(streams_differ_between_indices)
{
    enum { N = 20000 };
    uint64_t *first = malloc(N * sizeof *first);
    uint64_t *inc = malloc(N * sizeof *inc);
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(inc);

    for (int i = 0; i < N; i++) {
        herd_pcg64 r;
        herd_pcg64_stream(&r, 7, (uint64_t)i);
        first[i] = herd_pcg64_next(&r);
        inc[i] = (uint64_t)(r.inc >> 1);
    }
    assert_all_distinct(first, N);
    assert_all_distinct(inc, N);

    for (int i = 0; i < N; i++) {
        herd_pcg32 r;
        herd_pcg32_stream(&r, 7, (uint64_t)i);
        uint64_t hi = herd_pcg32_next(&r);
        first[i] = hi << 32 | herd_pcg32_next(&r);
        inc[i] = r.inc;
    }
    assert_all_distinct(first, N);
    assert_all_distinct(inc, N);

    /* Same index, different seeds: different streams too. */
    herd_pcg64 a, b;
    herd_pcg64_stream(&a, 1, 5);
    herd_pcg64_stream(&b, 2, 5);
    ck_assert_uint_ne(herd_pcg64_next(&a), herd_pcg64_next(&b));
    free(first);
    free(inc);
}
END_TEST

START_TEST(seeds_are_read_from_0_to_2_64_minus_1)
{
    uint64_t seed = 7;
    char err[128] = "";
    ck_assert_int_eq(herd_seed_parse("0", &seed, err, sizeof err), HERD_OK);
    ck_assert_uint_eq(seed, 0);
    ck_assert_int_eq(herd_seed_parse("18446744073709551615", &seed, err, sizeof err), HERD_OK);
    ck_assert_uint_eq(seed, UINT64_MAX);
    ck_assert_int_eq(herd_seed_parse("18446744073709551616", &seed, err, sizeof err),
                     HERD_ERANGE);
    ck_assert_str_eq(err, "18446744073709551616 is larger than 2^64-1");
    ck_assert_uint_eq(seed, UINT64_MAX);
    const char *bad[] = {"-1", "+1", " 1", "1 ", "1e3", "0x10", "1.0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(herd_seed_parse(bad[i], &seed, err, sizeof err), HERD_EPARSE);
        ck_assert_msg(strstr(err, "is not a seed (a whole number from 0 to 2^64-1)") != NULL,
                      "%s: %s", bad[i], err);
    }
    ck_assert_int_eq(herd_seed_parse("", &seed, err, sizeof err), HERD_EPARSE);
    ck_assert_str_eq(err, "no value given");
    ck_assert_int_eq(herd_seed_parse("1", NULL, err, sizeof err), HERD_EINVAL);
}
END_TEST

START_TEST(seed_derive_is_distinct_and_mixed)
{
    enum { N = 100000 };
    uint64_t *v = malloc(N * sizeof *v);
    ck_assert_ptr_nonnull(v);
    double flipped = 0;
    for (uint64_t i = 0; i < N; i++) {
        v[i] = herd_seed_derive(42, i);
        if (i > 0)
            flipped += __builtin_popcountll(v[i] ^ v[i - 1]);
    }
    /* Consecutive indices differ in about half of the 64 bits. */
    ck_assert_double_eq_tol(flipped / (N - 1), 32.0, 0.2);
    assert_all_distinct(v, N);

    for (uint64_t s = 0; s < N; s++)
        v[s] = herd_seed_derive(s, 0);
    assert_all_distinct(v, N);

    ck_assert_uint_eq(herd_seed_derive(42, 7), herd_seed_derive(42, 7));
    ck_assert_uint_ne(herd_seed_derive(42, 7), herd_seed_derive(7, 42));
    free(v);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rng");
    TCase *known = tcase_create("known answers");
    tcase_add_test(known, pcg32_replays_reference_demo);
    tcase_add_test(known, seed_sequence_helper_matches_numpy);
    tcase_add_test(known, pcg64_matches_numpy_advance_large);
    tcase_add_loop_test(known, pcg64_matches_reference_cm_dxsm, 0, 2);
    suite_add_tcase(s, known);

    TCase *jump = tcase_create("advance");
    tcase_add_loop_test(jump, pcg32_advance_equals_stepping, 0, N_STEPS);
    tcase_add_loop_test(jump, pcg64_advance_equals_stepping, 0, N_STEPS);
    tcase_add_loop_test(jump, advance_back_undoes_forward, 0, N_STEPS);
    suite_add_tcase(s, jump);

    TCase *draws = tcase_create("draws");
    tcase_set_timeout(draws, 120);
    tcase_add_loop_test(draws, bounded_stays_below_bound, 0, N_BOUNDS);
    tcase_add_test(draws, bounded_degenerate_bounds_give_zero);
    tcase_add_test(draws, bounded_six_is_uniform);
    tcase_add_test(draws, doubles_in_unit_interval);
    suite_add_tcase(s, draws);

    TCase *gsl = tcase_create("gsl");
    tcase_set_timeout(gsl, 120);
    tcase_add_test(gsl, gsl_types_describe_themselves);
    tcase_add_test(gsl, gsl_set_seeds_with_default_sequence);
    tcase_add_test(gsl, gsl_pcg32_continues_native_state);
    tcase_add_test(gsl, gsl_pcg64_continues_native_state);
    tcase_add_loop_test(gsl, gsl_uniform_in_unit_interval, 0, 2);
    tcase_add_loop_test(gsl, gsl_gaussian_has_unit_moments, 0, 2);
    suite_add_tcase(s, gsl);

    TCase *streams = tcase_create("streams");
    tcase_set_timeout(streams, 120);
    tcase_add_test(streams, streams_do_not_depend_on_creation_order);
    tcase_add_test(streams, streams_differ_between_indices);
    tcase_add_test(streams, seed_derive_is_distinct_and_mixed);
    tcase_add_test(streams, seeds_are_read_from_0_to_2_64_minus_1);
    suite_add_tcase(s, streams);

    return run_suite(s);
}
