/* The classic models' fast paths against straightforward computations of the same things:
 * bit counts and tallies against loops, March's belief rows against loops over dimensions,
 * Hong-Page's table of search ends against searches one by one, the NK peak against the
 * running sum and against every string scored from scratch; and each model's results against
 * known answers of the implementation that kept one byte per belief and searched one start at
 * a time. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classic/beliefs.h"
#include "classic/common.h"
#include "classic/hongpage_internal.h"
#include "classic/nk.h"
#include "herd/classic.h"
#include "herd/rng.h"
#include "runner.h"

static uint64_t random_word(herd_pcg32 *rng)
{
    uint64_t hi = herd_pcg32_next(rng);
    return hi << 32 | herd_pcg32_next(rng);
}

/* ---- bits ---- */

START_TEST(bit_counts_match_a_loop)
{
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 1, 0);
    for (int trial = 0; trial < 2000; trial++) {
        uint64_t x = trial == 0 ? 0 : trial == 1 ? ~UINT64_C(0) : random_word(&rng);
        if (trial % 3 == 2)
            x &= random_word(&rng) & random_word(&rng); /* sparser words */
        unsigned count = 0, lowest = 64;
        for (unsigned b = 0; b < 64; b++) {
            count += (unsigned)((x >> b) & 1u);
            if (((x >> b) & 1u) && lowest == 64)
                lowest = b;
        }
        ck_assert_uint_eq(herd_bits_count(x), count);
        if (x != 0)
            ck_assert_uint_eq(herd_bits_lowest(x), lowest);
    }
}
END_TEST

START_TEST(valid_bits_cover_the_first_count_positions)
{
    for (size_t count = 1; count <= 200; count++) {
        ck_assert_uint_eq(herd_bits_words(count), (count + 63) / 64);
        for (size_t w = 0; w < herd_bits_words(count); w++)
            for (unsigned b = 0; b < 64; b++)
                ck_assert_uint_eq((herd_bits_valid(count, w) >> b) & 1u, 64 * w + b < count);
    }
}
END_TEST

START_TEST(bit_sliced_tallies_match_counts)
{
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 2, 0);
    for (unsigned levels = 1; levels <= 8; levels++) {
        uint64_t planes[8] = {0};
        unsigned counts[64] = {0};
        unsigned adds = (1u << levels) - 1; /* the most the planes can count */
        for (unsigned a = 0; a < adds; a++) {
            uint64_t x = random_word(&rng);
            herd_bits_tally(planes, levels, x);
            for (unsigned b = 0; b < 64; b++)
                counts[b] += (unsigned)((x >> b) & 1u);
        }
        for (unsigned b = 0; b < 64; b++)
            ck_assert_uint_eq(herd_bits_tallied(planes, levels, b), counts[b]);
    }
}
END_TEST

/* ---- March's rows of beliefs ---- */

enum { MAX_DIMS = 200, MAX_WORDS = (MAX_DIMS + 63) / 64 };

static void pack(const signed char *v, unsigned m, uint64_t *known, uint64_t *plus)
{
    memset(known, 0, MAX_WORDS * sizeof *known);
    memset(plus, 0, MAX_WORDS * sizeof *plus);
    for (unsigned d = 0; d < m; d++) {
        known[d / 64] |= (uint64_t)(v[d] != 0) << d % 64;
        plus[d / 64] |= (uint64_t)(v[d] > 0) << d % 64;
    }
}

static void random_beliefs(herd_pcg32 *rng, signed char *v, unsigned m, int zero_allowed)
{
    for (unsigned d = 0; d < m; d++)
        v[d] = zero_allowed ? (signed char)((int)herd_pcg32_bounded(rng, 3) - 1)
                            : (herd_pcg32_bounded(rng, 2) ? 1 : -1);
}

/* Right and wrong counts, agreement sum(belief * reality) and its best case (every empty
 * belief guessed right), each against a loop over the dimensions. */
static void check_counts(const signed char *belief, const signed char *reality, unsigned m)
{
    uint64_t known[MAX_WORDS], plus[MAX_WORDS], all[MAX_WORDS], real[MAX_WORDS];
    pack(belief, m, known, plus);
    pack(reality, m, all, real);
    int agreement = 0, empty = 0, right = 0, wrong = 0;
    for (unsigned d = 0; d < m; d++) {
        agreement += belief[d] * reality[d];
        empty += belief[d] == 0;
        right += belief[d] == reality[d];
        wrong += belief[d] == -reality[d];
    }
    unsigned words = (unsigned)herd_bits_words(m);
    int fast_right = (int)herd_beliefs_right(known, plus, real, words);
    int fast_wrong = (int)herd_beliefs_wrong(known, plus, real, words);
    ck_assert_int_eq(fast_right, right);
    ck_assert_int_eq(fast_wrong, wrong);
    ck_assert_int_eq(fast_right - fast_wrong, agreement);
    ck_assert_int_eq((int)m - 2 * fast_wrong, agreement + empty);
}

/* The dimensions where a belief differs from a non-zero code, and the move towards it. */
static void check_moves(herd_pcg32 *rng, const signed char *belief, const signed char *code,
                        unsigned m, int one_step)
{
    uint64_t known[MAX_WORDS], plus[MAX_WORDS], code_known[MAX_WORDS], code_plus[MAX_WORDS];
    pack(belief, m, known, plus);
    pack(code, m, code_known, code_plus);
    signed char moved_to[MAX_DIMS];
    for (unsigned w = 0; w < herd_bits_words(m); w++) {
        uint64_t differ = herd_beliefs_differ(known[w], plus[w], code_known[w], code_plus[w]);
        uint64_t moved = differ & random_word(rng);
        for (unsigned d = 64 * w; d < m && d < 64 * w + 64; d++) {
            int differs = code[d] != 0 && belief[d] != code[d];
            ck_assert_int_eq((int)((differ >> d % 64) & 1u), differs);
            int moves = (int)((moved >> d % 64) & 1u);
            moved_to[d] = !moves ? belief[d]
                          : one_step ? (signed char)(belief[d] + code[d])
                                     : code[d];
        }
        herd_beliefs_move(&known[w], &plus[w], code_plus[w], moved, one_step);
    }
    uint64_t want_known[MAX_WORDS], want_plus[MAX_WORDS];
    pack(moved_to, m, want_known, want_plus);
    ck_assert_mem_eq(known, want_known, sizeof known);
    ck_assert_mem_eq(plus, want_plus, sizeof plus);
}

START_TEST(belief_rows_match_loops_over_dimensions)
{
    const unsigned dims[] = {1, 5, 30, 63, 64, 65, 127, 128, 200};
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 3, 0);
    for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++) {
        for (int trial = 0; trial < 100; trial++) {
            signed char belief[MAX_DIMS], reality[MAX_DIMS], code[MAX_DIMS];
            random_beliefs(&rng, belief, dims[i], 1);
            random_beliefs(&rng, reality, dims[i], 0);
            random_beliefs(&rng, code, dims[i], 1);
            check_counts(belief, reality, dims[i]);
            check_counts(code, reality, dims[i]);
            check_moves(&rng, belief, code, dims[i], 1);
            check_moves(&rng, belief, code, dims[i], 0);
        }
    }
}
END_TEST

/* ---- Hong and Page ---- */

/* One search from one start, as the model states it. */
static unsigned climb(const double *values, unsigned n, const unsigned *steps, unsigned k,
                      unsigned pos)
{
    for (unsigned failures = 0, j = 0; failures < k; j = (j + 1) % k) {
        unsigned next = (pos + steps[j]) % n;
        if (values[next] > values[pos]) {
            pos = next;
            failures = 0;
        } else {
            failures++;
        }
    }
    return pos;
}

/* Ring values from rng: uniform, or a few levels so that many points tie. */
static void ring(herd_pcg32 *rng, double *values, unsigned n, int ties)
{
    for (unsigned i = 0; i < n; i++)
        values[i] = ties ? (double)herd_pcg32_bounded(rng, 4) : herd_pcg32_double(rng);
}

/* k distinct steps from 1..l. */
static void random_steps(herd_pcg32 *rng, unsigned l, unsigned k, unsigned *steps)
{
    for (unsigned j = 0; j < k; j++) {
        int taken;
        do {
            steps[j] = 1 + herd_pcg32_bounded(rng, l);
            taken = 0;
            for (unsigned q = 0; q < j; q++)
                taken |= steps[q] == steps[j];
        } while (taken);
    }
}

START_TEST(search_ends_match_searches_one_by_one)
{
    enum { MAX_RING = 300 };
    const unsigned rings[] = {2, 3, 17, 120, MAX_RING};
    double values[MAX_RING];
    unsigned by_value[MAX_RING], scratch[MAX_RING];
    unsigned stop[MAX_RING * HERD_HONGPAGE_MAX_STEPS];
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 4, 0);
    for (size_t r = 0; r < sizeof rings / sizeof rings[0]; r++) {
        unsigned n = rings[r], l = n - 1 < 12 ? n - 1 : 12;
        for (int trial = 0; trial < 40; trial++) {
            ring(&rng, values, n, trial % 2);
            for (unsigned i = 0; i < n; i++)
                by_value[i] = i;
            herd_classic_sort_desc_(by_value, n, values, scratch);
            unsigned k = 1 + herd_pcg32_bounded(&rng, l < 5 ? l : 5), steps[5], rotated[5];
            random_steps(&rng, l, k, steps);
            herd_hongpage_stops_(values, n, by_value, steps, k, stop);
            for (unsigned rot = 0; rot < k; rot++) {
                for (unsigned j = 0; j < k; j++)
                    rotated[j] = steps[(rot + j) % k];
                for (unsigned start = 0; start < n; start++)
                    ck_assert_uint_eq(stop[start * k + rot], climb(values, n, rotated, k, start));
            }
        }
    }
}
END_TEST

START_TEST(sort_is_stable_and_highest_first)
{
    enum { MAX = 1000 };
    const size_t counts[] = {0, 1, 2, 7, 100, MAX};
    static double key[MAX];
    static unsigned idx[MAX], scratch[MAX], want[MAX];
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 5, 0);
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        size_t n = counts[c];
        for (size_t i = 0; i < n; i++) {
            key[i] = (double)herd_pcg32_bounded(&rng, 10);
            idx[i] = (unsigned)i;
        }
        /* insertion sort: an entry passes only entries with strictly lower keys */
        for (size_t i = 0; i < n; i++) {
            size_t j = i;
            for (; j > 0 && key[want[j - 1]] < key[i]; j--)
                want[j] = want[j - 1];
            want[j] = (unsigned)i;
        }
        herd_classic_sort_desc_(idx, n, key, scratch);
        ck_assert_mem_eq(idx, want, n * sizeof *idx);
    }
}
END_TEST

/* ---- NK landscapes ---- */

typedef struct nk_space {
    herd_nk nk;
    unsigned *idx;
} nk_space;

static void nk_make(nk_space *s, unsigned n, unsigned k)
{
    size_t kk = k + 1;
    s->nk = (herd_nk){n, k, 1u << kk, NULL, NULL, NULL, NULL, NULL};
    s->nk.deps = calloc(n * kk, sizeof(unsigned));
    s->nk.table = calloc((size_t)n << kk, sizeof(double));
    s->nk.watch_row = calloc(n * kk, sizeof(unsigned));
    s->nk.watch_flip = calloc(n * kk, sizeof(unsigned));
    s->nk.watch_start = calloc(n + 1, sizeof(unsigned));
    s->idx = calloc(n, sizeof(unsigned));
    ck_assert(s->nk.deps && s->nk.table && s->nk.watch_row && s->nk.watch_flip &&
              s->nk.watch_start && s->idx);
}

static void nk_free(nk_space *s)
{
    free(s->nk.deps);
    free(s->nk.table);
    free(s->nk.watch_row);
    free(s->nk.watch_flip);
    free(s->nk.watch_start);
    free(s->idx);
}

/* The first string of highest fitness, every string scored from scratch. */
static uint32_t brute_peak(const herd_nk *nk)
{
    uint32_t best = 0;
    double best_fitness = herd_nk_fitness_(nk, 0);
    for (uint32_t x = 1; x < (UINT32_C(1) << nk->n); x++) {
        double f = herd_nk_fitness_(nk, x);
        if (f > best_fitness) {
            best_fitness = f;
            best = x;
        }
    }
    return best;
}

START_TEST(nk_peak_matches_the_scan_and_every_string)
{
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 6, 0);
    for (unsigned n = 1; n <= 16; n++) {
        const unsigned ks[] = {0, n > 1 ? 1 : 0, n > 5 ? 5 : n - 1, n - 1};
        for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
            nk_space s;
            nk_make(&s, n, ks[i]);
            herd_nk_draw_(&s.nk, &rng);
            herd_nk_watch_(&s.nk);
            uint32_t peak = herd_nk_peak_(&s.nk, s.idx), walked = 0;
            ck_assert_uint_eq(peak, herd_nk_peak_scan_(&s.nk, s.idx));
            /* with random contributions no other string comes near the peak */
            ck_assert_int_eq(herd_nk_peak_walks_(&s.nk, &walked), n > 3);
            if (n > 3)
                ck_assert_uint_eq(walked, peak);
            ck_assert_double_eq(herd_nk_fitness_(&s.nk, peak),
                                herd_nk_fitness_(&s.nk, brute_peak(&s.nk)));
            nk_free(&s);
        }
    }
}
END_TEST

/* Strings that tie exactly for the peak: the fast search cannot tell which one the running
 * sum ranks first, so it must hand over to the scan. */
START_TEST(nk_peak_ties_go_to_the_scan)
{
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 7, 0);
    for (unsigned n = 4; n <= 12; n++) {
        nk_space s;
        nk_make(&s, n, 1);
        herd_nk_draw_(&s.nk, &rng);
        /* bit n-1 never matters: its own row is flat, and the others ignore it */
        for (unsigned i = 0; i + 1 < n; i++)
            s.nk.deps[2 * i + 1] = (i + 1) % (n - 1);
        for (unsigned e = 0; e < 4; e++)
            s.nk.table[4 * (n - 1) + e] = 0.5;
        s.nk.deps[2 * (n - 1) + 1] = 0;
        herd_nk_watch_(&s.nk);
        uint32_t scan = herd_nk_peak_scan_(&s.nk, s.idx), walked;
        ck_assert_int_eq(herd_nk_peak_walks_(&s.nk, &walked), 0);
        ck_assert_uint_eq(herd_nk_peak_(&s.nk, s.idx), scan);
        ck_assert_double_eq(herd_nk_fitness_(&s.nk, scan),
                            herd_nk_fitness_(&s.nk, scan ^ (1u << (n - 1))));
        for (size_t e = 0; e < (size_t)n * 4; e++)
            s.nk.table[e] = 0.5; /* every string ties */
        ck_assert_int_eq(herd_nk_peak_walks_(&s.nk, &walked), 0);
        ck_assert_uint_eq(herd_nk_peak_(&s.nk, s.idx), 0);
        nk_free(&s);
    }
}
END_TEST

/* ---- known answers ---- */

typedef struct march_answer {
    uint64_t seed;
    herd_classic_march_result want;
} march_answer;

START_TEST(march_keeps_its_known_answers)
{
    herd_classic_march_params p[5];
    for (int i = 0; i < 5; i++)
        herd_classic_march_default(&p[i]);
    p[1].rules = HERD_CLASSIC_MARCH_TEXT;
    p[1].p1 = 0.3;
    p[2].dimensions = 150;
    p[2].individuals = 21;
    p[2].p2 = 0.3;
    p[3].periods = 50;
    p[3].p3 = 0.1;
    p[3].p4 = 0.05;
    p[3].alt_share = 0.4;
    p[3].p1_alt = 0.8;
    p[3].p1 = 0.2;
    p[4].periods = 50;
    p[4].p3 = 0.1;
    p[4].p4 = 0.05;
    p[4].dimensions = 100;
    p[4].rules = HERD_CLASSIC_MARCH_TEXT;
    const march_answer answers[5] = {
        {42, {18, 1, 0x1.bbbbbbbbbbbbcp-1, 0x1.bbbbbbbbbbbbcp-1, 0x1.7777777777777p-1}},
        {43, {23, 1, 0x1.999999999999ap-1, 0x1.999999999999ap-1, 0x1.3333333333333p-1}},
        {44, {23, 1, 0x1.4e81b4e81b4e8p-1, 0x1.4e81b4e81b4e8p-1, 0x1.3a06d3a06d3ap-2}},
        {45, {50, 0, 0x1.7777777777777p-1, 0x1.294d242e6bdc8p-1, 0x1.ddddddddddddep-2}},
        {46, {50, 0, 0x1.199999999999ap-1, 0x1.08b4395810625p-1, 0x1.999999999999ap-4}},
    };
    for (int i = 0; i < 5; i++) {
        herd_classic_march_result r;
        ck_assert_int_eq(herd_classic_march_run(&p[i], answers[i].seed, NULL, NULL, &r, NULL, 0),
                         HERD_OK);
        ck_assert_uint_eq(r.period, answers[i].want.period);
        ck_assert_int_eq(r.equilibrium, answers[i].want.equilibrium);
        ck_assert_double_eq(r.code_knowledge, answers[i].want.code_knowledge);
        ck_assert_double_eq(r.individual_knowledge, answers[i].want.individual_knowledge);
        ck_assert_double_eq(r.code_score, answers[i].want.code_score);
    }
}
END_TEST

static void check_hongpage(const herd_classic_hongpage_result *r, const double want[7])
{
    ck_assert_double_eq(r->best_team_performance, want[0]);
    ck_assert_double_eq(r->random_team_performance, want[1]);
    ck_assert_double_eq(r->best_team_diversity, want[2]);
    ck_assert_double_eq(r->random_team_diversity, want[3]);
    ck_assert_double_eq(r->best_agent_ability, want[4]);
    ck_assert_double_eq(r->mean_best_team_ability, want[5]);
    ck_assert_double_eq(r->mean_random_team_ability, want[6]);
}

START_TEST(hongpage_keeps_its_known_answers)
{
    herd_classic_hongpage_params p;
    herd_classic_hongpage_result r;
    herd_classic_hongpage_default(&p);
    p.ring_size = 500;
    ck_assert_int_eq(herd_classic_hongpage_run(&p, 7, &r, NULL, 0), HERD_OK);
    const double every[7] = {0x1.743ae74292666p+6, 0x1.81a1d1b4bcp+6,  0x1.a4fa4fa4fa4fap-1,
                             0x1.d6480f2b9d647p-1, 0x1.5f57dac78599ap+6, 0x1.5dec418865852p+6,
                             0x1.5747b4c6c970ap+6};
    check_hongpage(&r, every);
    herd_classic_hongpage_default(&p);
    p.ring_size = 300;
    p.max_step = 9;
    p.steps = 4;
    p.pool_size = 400;
    p.team_size = 6;
    ck_assert_int_eq(herd_classic_hongpage_run(&p, 8, &r, NULL, 0), HERD_OK);
    const double drawn[7] = {0x1.717292417cp+6,   0x1.730cad9909555p+6, 0x1.c444444444444p-1,
                             0x1.a222222222222p-1, 0x1.69113b7d7p+6,     0x1.672324fb1f555p+6,
                             0x1.60ec77d5a5555p+6};
    check_hongpage(&r, drawn);
}
END_TEST

START_TEST(lazer_keeps_its_known_answers)
{
    const struct {
        unsigned settled;
        double at1, at10, at60;
    } want[4] = {
        {30, 0x1.2427a1bc82aeep-3, 0x1.1ffcdec87870fp-1, 0x1p+0},
        {5, 0x1.4a7f0432010b6p-2, 0x1.a12c94a2c02e6p-1, 0x1.a12c94a2c02e6p-1},
        {9, 0x1.3bf6b1b11555ep-3, 0x1.a12c94a2c02e6p-1, 0x1.a12c94a2c02e6p-1},
        {14, 0x1.2d06856a4877ap-3, 0x1.b19335e78577ep-1, 0x1p+0},
    };
    for (int net = 0; net < 4; net++) {
        herd_classic_lazer_params p;
        herd_classic_lazer_default(&p);
        p.bits = 14;
        p.interactions = 4;
        p.rounds = 60;
        p.agents = 40;
        p.network = (herd_classic_network)net;
        double s[61];
        unsigned settled = 0;
        ck_assert_int_eq(herd_classic_lazer_run(&p, 9, s, &settled, NULL, 0), HERD_OK);
        ck_assert_uint_eq(settled, want[net].settled);
        ck_assert_double_eq(s[1], want[net].at1);
        ck_assert_double_eq(s[10], want[net].at10);
        ck_assert_double_eq(s[60], want[net].at60);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("classic_fast");
    TCase *paths = tcase_create("fast paths");
    tcase_set_timeout(paths, 120);
    tcase_add_test(paths, bit_counts_match_a_loop);
    tcase_add_test(paths, valid_bits_cover_the_first_count_positions);
    tcase_add_test(paths, bit_sliced_tallies_match_counts);
    tcase_add_test(paths, belief_rows_match_loops_over_dimensions);
    tcase_add_test(paths, search_ends_match_searches_one_by_one);
    tcase_add_test(paths, sort_is_stable_and_highest_first);
    tcase_add_test(paths, nk_peak_matches_the_scan_and_every_string);
    tcase_add_test(paths, nk_peak_ties_go_to_the_scan);
    suite_add_tcase(s, paths);
    TCase *answers = tcase_create("known answers");
    tcase_add_test(answers, march_keeps_its_known_answers);
    tcase_add_test(answers, hongpage_keeps_its_known_answers);
    tcase_add_test(answers, lazer_keeps_its_known_answers);
    suite_add_tcase(s, answers);
    return run_suite(s);
}
