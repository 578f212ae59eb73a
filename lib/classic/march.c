/* March (1991), "Exploration and exploitation in organizational learning". */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "herd/classic.h"
#include "herd/rng.h"

#include "../pcg32_inline.h"
#include "beliefs.h"
#include "common.h"

/* Sizes beyond these would take gigabytes and days: refused before anything is allocated. */
#define MARCH_MAX_DIMENSIONS (1u << 20)
#define MARCH_MAX_INDIVIDUALS (1u << 20)
#define MARCH_MAX_BELIEFS (1ull << 26) /* individuals x dimensions */

void herd_classic_march_default(herd_classic_march_params *p)
{
    if (p == NULL)
        return;
    memset(p, 0, sizeof *p);
    p->dimensions = 30;
    p->individuals = 50;
    p->p1 = 0.5;
    p->p1_alt = 0.5;
    p->alt_share = 0.0;
    p->p2 = 0.5;
    p->p3 = 0.0;
    p->p4 = 0.0;
    p->periods = 0;
    p->period_cap = 100000;
    p->rules = HERD_CLASSIC_MARCH_ORIGINAL;
    p->allocator = NULL;
}

static herd_status check_probabilities(const herd_classic_march_params *p, char *msg, size_t n)
{
    const struct {
        double value;
        const char *name;
    } probs[] = {{p->p1, "p1"}, {p->p1_alt, "p1_alt"}, {p->alt_share, "alt_share"},
                 {p->p2, "p2"}, {p->p3, "p3"},         {p->p4, "p4"}};
    for (size_t i = 0; i < sizeof probs / sizeof probs[0]; i++) {
        herd_status s = herd_classic_check_prob_(probs[i].value, probs[i].name, msg, n);
        if (s != HERD_OK)
            return s;
    }
    return HERD_OK;
}

static herd_status check_sizes(const herd_classic_march_params *p, char *msg, size_t n)
{
    herd_status s = herd_classic_check_min_(p->dimensions, 1, "dimensions", msg, n);
    if (s == HERD_OK)
        s = herd_classic_check_max_(p->dimensions, MARCH_MAX_DIMENSIONS, "dimensions", msg, n);
    if (s == HERD_OK)
        s = herd_classic_check_min_(p->individuals, 1, "individuals", msg, n);
    if (s == HERD_OK)
        s = herd_classic_check_max_(p->individuals, MARCH_MAX_INDIVIDUALS, "individuals", msg, n);
    if (s != HERD_OK)
        return s;
    unsigned long long beliefs = (unsigned long long)p->individuals * p->dimensions;
    if (beliefs > MARCH_MAX_BELIEFS)
        return herd_errf(msg, n, HERD_ETOOBIG,
                          "individuals x dimensions must be at most %llu, got %u x %u",
                          MARCH_MAX_BELIEFS, p->individuals, p->dimensions);
    return HERD_OK;
}

herd_status herd_classic_march_validate(const herd_classic_march_params *p, char *msg, size_t n)
{
    if (p == NULL)
        return herd_errf(msg, n, HERD_EINVAL, "params is NULL");
    herd_status s = herd_classic_check_allocator_(p->allocator, msg, n);
    if (s == HERD_OK)
        s = check_sizes(p, msg, n);
    if (s == HERD_OK)
        s = check_probabilities(p, msg, n);
    if (s != HERD_OK)
        return s;
    if (p->rules != HERD_CLASSIC_MARCH_ORIGINAL && p->rules != HERD_CLASSIC_MARCH_TEXT)
        return herd_errf(msg, n, HERD_EINVAL, "rules must be original or text, got %d",
                          (int)p->rules);
    /* With turnover or turbulence nothing stays put, so "until equilibrium" never ends. */
    if (p->periods == 0 && (p->p3 > 0.0 || p->p4 > 0.0))
        return herd_errf(msg, n, HERD_EINVAL,
                          "periods must be > 0 when p3 or p4 is positive");
    if (p->periods == 0 && p->period_cap == 0)
        return herd_errf(msg, n, HERD_ERANGE,
                          "period_cap must be > 0 when periods is 0");
    return HERD_OK;
}

/* One run's state. A row of beliefs is two sets of dimensions: `known` (the belief is not 0)
 * and `plus` (it is 1; a subset of known). Reality and actions are never 0, so their `plus`
 * says all. Bits beyond m in a row's last word stay 0; every array lives in one allocation. */
typedef struct march_state {
    const herd_classic_march_params *p;
    herd_pcg32 rng;
    unsigned m, n, words;
    unsigned levels;                  /* bit planes of a tally, enough to count to n */
    int original;                     /* the rules of March's program */
    uint64_t *reality;                /* words */
    uint64_t *code_known, *code_plus; /* words each */
    uint64_t *next_known, *next_plus; /* words each: the code being learnt this period */
    uint64_t *known, *plus;           /* n * words each, individual-major */
    uint64_t *act;                    /* n * words: where each individual's action is 1 */
    uint64_t *views, *nonzero;        /* levels each: the superior group's tallies */
    unsigned *group;                  /* n: the superior individuals, in order */
    double *p1;                       /* n */
    double *stay;                     /* n + 1: (1 - p2)^k once needed, -1 before */
    void *block;
} march_state;

static herd_status state_alloc(march_state *st, const herd_classic_march_params *p)
{
    /* Validation bounds n, m and n * m, so none of these sizes can overflow. */
    size_t n = p->individuals, w = herd_bits_words(p->dimensions);
    unsigned levels = 1;
    while ((UINT64_C(1) << levels) <= n)
        levels++;
    size_t words = 5 * w + 3 * n * w + 2 * (size_t)levels;
    size_t bytes = words * sizeof(uint64_t) + (2 * n + 1) * sizeof(double) +
                   n * sizeof(unsigned);
    st->block = herd_classic_alloc_(p->allocator, 1, bytes);
    if (st->block == NULL)
        return HERD_ENOMEM;
    st->p = p;
    st->m = p->dimensions;
    st->n = (unsigned)n;
    st->words = (unsigned)w;
    st->levels = levels;
    st->original = p->rules == HERD_CLASSIC_MARCH_ORIGINAL;
    uint64_t *u = st->block;
    uint64_t **wide[] = {&st->reality, &st->code_known, &st->code_plus, &st->next_known,
                         &st->next_plus};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++, u += w)
        *wide[i] = u;
    st->known = u;
    st->plus = u + n * w;
    st->act = u + 2 * n * w;
    st->views = u + 3 * n * w;
    st->nonzero = st->views + levels;
    st->p1 = (double *)(st->nonzero + levels);
    st->stay = st->p1 + n;
    st->group = (unsigned *)(st->stay + n + 1);
    return HERD_OK;
}

static uint64_t *row(uint64_t *base, const march_state *st, unsigned i)
{
    return base + (size_t)i * st->words;
}

static uint64_t bit(unsigned d)
{
    return UINT64_C(1) << (d % 64);
}

/* Beliefs of 1, 0 or -1 with a third each, dimension by dimension. */
static void fresh_beliefs(march_state *st, unsigned i)
{
    uint64_t *known = row(st->known, st, i), *plus = row(st->plus, st, i);
    herd_pcg32 rng = st->rng;
    for (unsigned w = 0; w < st->words; w++) {
        uint64_t k = 0, p = 0;
        for (unsigned d = 64 * w; d < st->m && d < 64 * w + 64; d++) {
            uint32_t v = herd_pcg32_bounded_inline(&rng, 3); /* the belief is v - 1 */
            k |= (uint64_t)(v != 1) << (d % 64);
            p |= (uint64_t)(v == 2) << (d % 64);
        }
        known[w] = k;
        plus[w] = p;
    }
    st->rng = rng;
}

static void state_init(march_state *st)
{
    const herd_classic_march_params *p = st->p;
    unsigned alt = (unsigned)lround(p->alt_share * st->n);
    for (unsigned i = 0; i < st->n; i++)
        st->p1[i] = i < alt ? p->p1_alt : p->p1;
    for (unsigned k = 0; k <= st->n; k++)
        st->stay[k] = -1.0;
    size_t bytes = st->words * sizeof(uint64_t);
    memset(st->reality, 0, bytes);
    memset(st->code_known, 0, bytes);
    memset(st->code_plus, 0, bytes);
    for (unsigned d = 0; d < st->m; d++)
        st->reality[d / 64] |= herd_pcg32_bounded_inline(&st->rng, 2) ? bit(d) : 0;
    for (unsigned i = 0; i < st->n; i++)
        fresh_beliefs(st, i);
}

static unsigned right_count(const march_state *st, const uint64_t *known, const uint64_t *plus)
{
    return herd_beliefs_right(known, plus, st->reality, st->words);
}

static unsigned wrong_count(const march_state *st, const uint64_t *known, const uint64_t *plus)
{
    return herd_beliefs_wrong(known, plus, st->reality, st->words);
}

/* Sum of belief * reality: right dimensions count +1, wrong ones -1, empty ones 0. */
static int agreement(const march_state *st, const uint64_t *known, const uint64_t *plus)
{
    return (int)right_count(st, known, plus) - (int)wrong_count(st, known, plus);
}

/* Individual i acts: its beliefs where it holds one, a coin on the other dimensions. Returns
 * the action's agreement with reality. */
static int act(march_state *st, unsigned i)
{
    const uint64_t *known = row(st->known, st, i), *plus = row(st->plus, st, i);
    uint64_t *action = row(st->act, st, i);
    herd_pcg32 rng = st->rng;
    unsigned wrong = 0;
    for (unsigned w = 0; w < st->words; w++) {
        uint64_t empty = ~known[w] & herd_bits_valid(st->m, w), a = plus[w];
        for (; empty != 0; empty &= empty - 1)
            a |= (uint64_t)herd_pcg32_bounded_inline(&rng, 2) << herd_bits_lowest(empty);
        action[w] = a;
        wrong += herd_bits_count(a ^ st->reality[w]);
    }
    st->rng = rng;
    return (int)st->m - 2 * (int)wrong;
}

/* Lists the superior group; returns its size. The original program compares the score of
 * what an individual does with the code's agreement score; the text compares knowledge. */
static unsigned mark_superior(march_state *st)
{
    unsigned count = 0;
    int code_agree = agreement(st, st->code_known, st->code_plus);
    unsigned code_right = right_count(st, st->code_known, st->code_plus);
    for (unsigned i = 0; i < st->n; i++) {
        int better = st->original ? act(st, i) > code_agree
                                  : right_count(st, row(st->known, st, i),
                                                row(st->plus, st, i)) > code_right;
        st->group[count] = i;
        count += (unsigned)better;
    }
    return count;
}

/* Tallies word w of the superior group's views: actions under the original rules (never 0),
 * beliefs under the text's (non-zero ones counted apart). */
static void tally_word(march_state *st, unsigned w, unsigned group)
{
    const uint64_t *views = st->original ? st->act : st->plus;
    memset(st->views, 0, 2 * st->levels * sizeof *st->views);
    for (unsigned g = 0; g < group; g++) {
        size_t at = (size_t)st->group[g] * st->words + w;
        herd_bits_tally(st->views, st->levels, views[at]);
        if (!st->original)
            herd_bits_tally(st->nonzero, st->levels, st->known[at]);
    }
}

static int code_at(const march_state *st, unsigned d)
{
    uint64_t b = bit(d);
    return !(st->code_known[d / 64] & b) ? 0 : (st->code_plus[d / 64] & b) ? 1 : -1;
}

/* k of footnote 1: how strongly the superior group pulls the code towards its majority. */
static long pull(const march_state *st, unsigned plus, unsigned minus, unsigned group, int code)
{
    if (st->original)
        return labs((long)plus - (long)minus);
    unsigned agree = code > 0 ? plus : code < 0 ? minus : group - plus - minus;
    return (long)(group - agree) - (long)agree;
}

/* The chance, (1 - p2)^k, that a pull of k leaves the code as it is. */
static double stay(march_state *st, long k)
{
    if (st->stay[k] < 0.0)
        st->stay[k] = pow(1.0 - st->p->p2, (double)k);
    return st->stay[k];
}

/* Dimension d of the code, given the superior group's views on it. */
static void learn_dimension(march_state *st, unsigned d, unsigned plus, unsigned minus,
                            unsigned group)
{
    if (plus == minus)
        return; /* no majority, no change */
    int majority = plus > minus ? 1 : -1, code = code_at(st, d);
    if (code == majority)
        return;
    long k = pull(st, plus, minus, group, code);
    if (k <= 0 || herd_pcg32_double_inline(&st->rng) < stay(st, k))
        return;
    st->next_known[d / 64] |= bit(d);
    if (majority > 0)
        st->next_plus[d / 64] |= bit(d);
    else
        st->next_plus[d / 64] &= ~bit(d);
}

static void learn_code(march_state *st, unsigned group)
{
    memcpy(st->next_known, st->code_known, st->words * sizeof(uint64_t));
    memcpy(st->next_plus, st->code_plus, st->words * sizeof(uint64_t));
    if (group == 0)
        return;
    for (unsigned w = 0; w < st->words; w++) {
        tally_word(st, w, group);
        for (unsigned d = 64 * w; d < st->m && d < 64 * w + 64; d++) {
            unsigned plus = herd_bits_tallied(st->views, st->levels, d % 64);
            unsigned nonzero = st->original ? group
                                            : herd_bits_tallied(st->nonzero, st->levels, d % 64);
            learn_dimension(st, d, plus, nonzero - plus, group);
        }
    }
}

/* Word w of the dimensions on which the code is non-zero and a row's belief differs from it. */
static uint64_t differ(const march_state *st, const uint64_t *known, const uint64_t *plus,
                       unsigned w)
{
    return herd_beliefs_differ(known[w], plus[w], st->code_known[w], st->code_plus[w]);
}

/* Which of the dimensions in `candidates` draw below p1, drawing for each in order. */
static uint64_t draw_below(herd_pcg32 *rng, uint64_t candidates, double p1)
{
    uint64_t below = 0;
    for (; candidates != 0; candidates &= candidates - 1)
        below |= (uint64_t)(herd_pcg32_double_inline(rng) < p1) << herd_bits_lowest(candidates);
    return below;
}

static void socialise(march_state *st)
{
    herd_pcg32 rng = st->rng;
    for (unsigned i = 0; i < st->n; i++) {
        uint64_t *known = row(st->known, st, i), *plus = row(st->plus, st, i);
        for (unsigned w = 0; w < st->words; w++) {
            uint64_t moved = draw_below(&rng, differ(st, known, plus, w), st->p1[i]);
            /* The original moves one step, the text takes the code's value. */
            herd_beliefs_move(&known[w], &plus[w], st->code_plus[w], moved, st->original);
        }
    }
    st->rng = rng;
}

static void shocks(march_state *st)
{
    for (unsigned i = 0; i < st->n && st->p->p3 > 0.0; i++)
        if (herd_pcg32_double_inline(&st->rng) < st->p->p3)
            fresh_beliefs(st, i);
    for (unsigned d = 0; d < st->m && st->p->p4 > 0.0; d++)
        if (herd_pcg32_double_inline(&st->rng) < st->p->p4)
            st->reality[d / 64] ^= bit(d);
}

/* Can anyone still be superior? For the original rules a lucky action may beat the code, so
 * the best case counts every empty belief as right: m - 2 * wrong. */
static int superior_possible(const march_state *st)
{
    int code_agree = agreement(st, st->code_known, st->code_plus);
    unsigned code_right = right_count(st, st->code_known, st->code_plus);
    for (unsigned i = 0; i < st->n; i++) {
        const uint64_t *known = row(st->known, st, i), *plus = row(st->plus, st, i);
        if (st->original ? (int)st->m - 2 * (int)wrong_count(st, known, plus) > code_agree
                         : right_count(st, known, plus) > code_right)
            return 1;
    }
    return 0;
}

static int socialisation_possible(const march_state *st)
{
    for (unsigned i = 0; i < st->n; i++) {
        if (st->p1[i] <= 0.0)
            continue;
        const uint64_t *known = row(st->known, st, i), *plus = row(st->plus, st, i);
        for (unsigned w = 0; w < st->words; w++)
            if (differ(st, known, plus, w) != 0)
                return 1;
    }
    return 0;
}

/* No change is possible: nobody can be socialised and the code can learn from nobody. */
static int at_equilibrium(const march_state *st)
{
    if (st->p->p3 > 0.0 || st->p->p4 > 0.0)
        return 0;
    if (socialisation_possible(st))
        return 0;
    return st->p->p2 <= 0.0 || !superior_possible(st);
}

static void measure(const march_state *st, unsigned period, herd_classic_march_result *out)
{
    double total = 0.0;
    for (unsigned i = 0; i < st->n; i++)
        total += right_count(st, row(st->known, st, i), row(st->plus, st, i));
    out->period = period;
    out->code_knowledge = (double)right_count(st, st->code_known, st->code_plus) / st->m;
    out->individual_knowledge = total / ((double)st->n * st->m);
    out->code_score = (double)agreement(st, st->code_known, st->code_plus) / st->m;
}

static void step(march_state *st)
{
    shocks(st);
    /* Code and individuals learn "at the same time": both read the state at the period's
     * start, so the new code is built aside and installed after socialisation. */
    unsigned group = mark_superior(st);
    learn_code(st, group);
    socialise(st);
    uint64_t *t = st->code_known;
    st->code_known = st->next_known;
    st->next_known = t;
    t = st->code_plus;
    st->code_plus = st->next_plus;
    st->next_plus = t;
}

static herd_status simulate(march_state *st, herd_classic_march_observer observer, void *ctx,
                            herd_classic_march_result *out)
{
    const herd_classic_march_params *p = st->p;
    unsigned limit = p->periods > 0 ? p->periods : p->period_cap;
    unsigned period = 0;
    int settled = p->periods == 0 && at_equilibrium(st);
    while (period < limit && !settled) {
        step(st);
        period++;
        settled = p->periods == 0 && at_equilibrium(st);
        if (observer != NULL) {
            measure(st, period, out);
            out->equilibrium = settled;
            if (observer(ctx, out) != 0)
                return HERD_ECALLBACK;
        }
    }
    measure(st, period, out);
    out->equilibrium = p->periods == 0 ? settled : at_equilibrium(st);
    return HERD_OK;
}

herd_status herd_classic_march_run(const herd_classic_march_params *p, uint64_t seed,
                                   herd_classic_march_observer observer, void *ctx,
                                   herd_classic_march_result *out, char *msg, size_t msg_size)
{
    herd_status s = herd_classic_march_validate(p, msg, msg_size);
    if (s != HERD_OK)
        return s;
    if (out == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "out is NULL");
    march_state st;
    s = state_alloc(&st, p);
    if (s != HERD_OK)
        return herd_errf(msg, msg_size, s, "cannot allocate the state of %u x %u",
                          p->individuals, p->dimensions);
    herd_pcg32_stream(&st.rng, seed, 0);
    state_init(&st);
    s = simulate(&st, observer, ctx, out);
    herd_classic_free_(p->allocator, st.block);
    if (s == HERD_ECALLBACK)
        return herd_errf(msg, msg_size, s, "the observer stopped the run");
    return s;
}

enum { MARCH_MEASURES = 4 };

herd_status herd_classic_march_summarise(const herd_classic_march_params *p,
                                         const herd_classic_march_result *results,
                                         unsigned replications, herd_classic_march_summary *out,
                                         char *msg, size_t msg_size)
{
    if (p == NULL || results == NULL || out == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "%s is NULL",
                         p == NULL ? "p" : results == NULL ? "results" : "out");
    herd_status s = herd_classic_check_replications_(replications, msg, msg_size);
    if (s != HERD_OK)
        return s;
    double *values = herd_classic_alloc_(p->allocator, replications,
                                         MARCH_MEASURES * sizeof(double));
    if (values == NULL)
        return herd_errf(msg, msg_size, HERD_ENOMEM, "cannot allocate %u results",
                          replications);
    double *code = values, *indiv = values + replications;
    double *score = values + 2 * (size_t)replications, *len = values + 3 * (size_t)replications;
    memset(out, 0, sizeof *out);
    for (unsigned r = 0; r < replications; r++) {
        code[r] = results[r].code_knowledge;
        indiv[r] = results[r].individual_knowledge;
        score[r] = results[r].code_score;
        len[r] = results[r].period;
        out->at_cap += p->periods == 0 && !results[r].equilibrium;
    }
    out->replications = replications;
    out->code_knowledge = herd_classic_estimate_(code, replications);
    out->individual_knowledge = herd_classic_estimate_(indiv, replications);
    out->code_score = herd_classic_estimate_(score, replications);
    out->periods = herd_classic_estimate_(len, replications);
    herd_classic_free_(p->allocator, values);
    return HERD_OK;
}

herd_status herd_classic_march_replicate(const herd_classic_march_params *p, uint64_t seed,
                                         unsigned replications, herd_classic_march_summary *out,
                                         char *msg, size_t msg_size)
{
    herd_status s = herd_classic_check_replicate_(herd_classic_march_validate(p, msg, msg_size),
                                                  replications, out, msg, msg_size);
    if (s != HERD_OK)
        return s;
    herd_classic_march_result *results =
        herd_classic_alloc_(p->allocator, replications, sizeof *results);
    if (results == NULL)
        return herd_errf(msg, msg_size, HERD_ENOMEM, "cannot allocate %u results",
                                  replications);
    for (unsigned r = 0; r < replications && s == HERD_OK; r++)
        s = herd_classic_march_run(p, herd_seed_derive(seed, r), NULL, NULL, &results[r], msg,
                                   msg_size);
    if (s == HERD_OK)
        s = herd_classic_march_summarise(p, results, replications, out, msg, msg_size);
    herd_classic_free_(p->allocator, results);
    return s;
}
