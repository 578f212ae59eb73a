/* March (1991), "Exploration and exploitation in organizational learning". */
#include <math.h>
#include <string.h>

#include "herd/classic.h"
#include "herd/rng.h"

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

/* One run's state; every array lives in one allocation. */
typedef struct march_state {
    const herd_classic_march_params *p;
    herd_pcg32 rng;
    unsigned m, n;
    signed char *reality;  /* m */
    signed char *code;     /* m */
    signed char *new_code; /* m */
    signed char *beliefs;  /* n * m, individual-major */
    signed char *actions;  /* n * m */
    unsigned char *superior; /* n */
    double *p1;            /* n */
    void *block;
} march_state;

static herd_status state_alloc(march_state *st, const herd_classic_march_params *p)
{
    /* Validation bounds n, m and n * m, so none of these sizes can overflow. */
    size_t m = p->dimensions, n = p->individuals;
    size_t nm = n * m;
    size_t bytes_p1 = n * sizeof(double);
    size_t chars = 3 * m + 2 * nm + n;
    st->block = herd_classic_alloc_(p->allocator, 1, bytes_p1 + chars);
    if (st->block == NULL)
        return HERD_ENOMEM;
    st->p = p;
    st->m = (unsigned)m;
    st->n = (unsigned)n;
    st->p1 = st->block;
    signed char *c = (signed char *)st->block + bytes_p1;
    st->reality = c;
    st->code = c + m;
    st->new_code = c + 2 * m;
    st->beliefs = c + 3 * m;
    st->actions = c + 3 * m + nm;
    st->superior = (unsigned char *)(c + 3 * m + 2 * nm);
    return HERD_OK;
}

static signed char random_sign(herd_pcg32 *rng)
{
    return herd_pcg32_bounded(rng, 2) ? 1 : -1;
}

static void naive_beliefs(march_state *st, signed char *row)
{
    for (unsigned d = 0; d < st->m; d++)
        row[d] = (signed char)((int)herd_pcg32_bounded(&st->rng, 3) - 1);
}

static void state_init(march_state *st)
{
    const herd_classic_march_params *p = st->p;
    unsigned alt = (unsigned)lround(p->alt_share * st->n);
    for (unsigned i = 0; i < st->n; i++)
        st->p1[i] = i < alt ? p->p1_alt : p->p1;
    for (unsigned d = 0; d < st->m; d++) {
        st->reality[d] = random_sign(&st->rng);
        st->code[d] = 0;
    }
    for (unsigned i = 0; i < st->n; i++)
        naive_beliefs(st, st->beliefs + (size_t)i * st->m);
}

/* Sum of belief * reality: right dimensions count +1, wrong ones -1, empty ones 0. */
static int agreement(const signed char *row, const signed char *reality, unsigned m)
{
    int sum = 0;
    for (unsigned d = 0; d < m; d++)
        sum += row[d] * reality[d];
    return sum;
}

static unsigned correct_count(const signed char *row, const signed char *reality, unsigned m)
{
    unsigned right = 0;
    for (unsigned d = 0; d < m; d++)
        right += row[d] == reality[d];
    return right;
}

static void act(march_state *st, unsigned i)
{
    const signed char *belief = st->beliefs + (size_t)i * st->m;
    signed char *action = st->actions + (size_t)i * st->m;
    for (unsigned d = 0; d < st->m; d++)
        action[d] = belief[d] != 0 ? belief[d] : random_sign(&st->rng);
}

/* Marks the superior group; returns its size. The original program compares the score of what
 * an individual does with the code's agreement score; the text compares knowledge. */
static unsigned mark_superior(march_state *st)
{
    unsigned count = 0;
    int original = st->p->rules == HERD_CLASSIC_MARCH_ORIGINAL;
    int code_agree = agreement(st->code, st->reality, st->m);
    unsigned code_right = correct_count(st->code, st->reality, st->m);
    for (unsigned i = 0; i < st->n; i++) {
        int better;
        if (original) {
            act(st, i);
            better = agreement(st->actions + (size_t)i * st->m, st->reality, st->m) > code_agree;
        } else {
            better = correct_count(st->beliefs + (size_t)i * st->m, st->reality, st->m) >
                     code_right;
        }
        st->superior[i] = (unsigned char)better;
        count += (unsigned)better;
    }
    return count;
}

/* Tally of +1 and -1 views on dimension d among the superior group. */
static void tally(const march_state *st, unsigned d, unsigned *plus, unsigned *minus)
{
    const signed char *views = st->p->rules == HERD_CLASSIC_MARCH_ORIGINAL ? st->actions
                                                                           : st->beliefs;
    *plus = *minus = 0;
    for (unsigned i = 0; i < st->n; i++) {
        if (!st->superior[i])
            continue;
        signed char v = views[(size_t)i * st->m + d];
        *plus += v > 0;
        *minus += v < 0;
    }
}

/* k of footnote 1: how strongly the superior group pulls the code towards `majority`. */
static long pull(const march_state *st, unsigned plus, unsigned minus, unsigned group,
                 signed char code)
{
    if (st->p->rules == HERD_CLASSIC_MARCH_ORIGINAL)
        return labs((long)plus - (long)minus);
    unsigned agree = code > 0 ? plus : code < 0 ? minus : group - plus - minus;
    return (long)(group - agree) - (long)agree;
}

static void learn_code(march_state *st, unsigned group)
{
    memcpy(st->new_code, st->code, st->m);
    if (group == 0)
        return;
    for (unsigned d = 0; d < st->m; d++) {
        unsigned plus, minus;
        tally(st, d, &plus, &minus);
        if (plus == minus)
            continue; /* no majority, no change */
        signed char majority = plus > minus ? 1 : -1;
        if (st->code[d] == majority)
            continue;
        long k = pull(st, plus, minus, group, st->code[d]);
        if (k <= 0)
            continue;
        double stay = pow(1.0 - st->p->p2, (double)k);
        if (herd_pcg32_double(&st->rng) >= stay)
            st->new_code[d] = majority;
    }
}

static void socialise(march_state *st)
{
    int gradual = st->p->rules == HERD_CLASSIC_MARCH_ORIGINAL;
    for (unsigned i = 0; i < st->n; i++) {
        signed char *belief = st->beliefs + (size_t)i * st->m;
        for (unsigned d = 0; d < st->m; d++) {
            signed char code = st->code[d];
            if (code == 0 || belief[d] == code)
                continue;
            if (herd_pcg32_double(&st->rng) >= st->p1[i])
                continue;
            /* The original moves one step: -1 -> 0 -> +1, so a belief passes through doubt. */
            belief[d] = gradual ? (signed char)(belief[d] + code) : code;
        }
    }
}

static void shocks(march_state *st)
{
    for (unsigned i = 0; i < st->n && st->p->p3 > 0.0; i++)
        if (herd_pcg32_double(&st->rng) < st->p->p3)
            naive_beliefs(st, st->beliefs + (size_t)i * st->m);
    for (unsigned d = 0; d < st->m && st->p->p4 > 0.0; d++)
        if (herd_pcg32_double(&st->rng) < st->p->p4)
            st->reality[d] = (signed char)-st->reality[d];
}

/* Can anyone still be superior? For the original rules a lucky action may beat the code, so
 * the best case counts every empty belief as right. */
static int superior_possible(const march_state *st)
{
    int original = st->p->rules == HERD_CLASSIC_MARCH_ORIGINAL;
    int code_agree = agreement(st->code, st->reality, st->m);
    unsigned code_right = correct_count(st->code, st->reality, st->m);
    for (unsigned i = 0; i < st->n; i++) {
        const signed char *belief = st->beliefs + (size_t)i * st->m;
        if (original) {
            int best = agreement(belief, st->reality, st->m);
            for (unsigned d = 0; d < st->m; d++)
                best += belief[d] == 0;
            if (best > code_agree)
                return 1;
        } else if (correct_count(belief, st->reality, st->m) > code_right) {
            return 1;
        }
    }
    return 0;
}

static int socialisation_possible(const march_state *st)
{
    for (unsigned i = 0; i < st->n; i++) {
        if (st->p1[i] <= 0.0)
            continue;
        const signed char *belief = st->beliefs + (size_t)i * st->m;
        for (unsigned d = 0; d < st->m; d++)
            if (st->code[d] != 0 && belief[d] != st->code[d])
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
        total += correct_count(st->beliefs + (size_t)i * st->m, st->reality, st->m);
    out->period = period;
    out->code_knowledge = (double)correct_count(st->code, st->reality, st->m) / st->m;
    out->individual_knowledge = total / ((double)st->n * st->m);
    out->code_score = (double)agreement(st->code, st->reality, st->m) / st->m;
}

static void step(march_state *st)
{
    shocks(st);
    /* Code and individuals learn "at the same time": both read the state at the period's
     * start, so the new code is built aside and installed after socialisation. */
    unsigned group = mark_superior(st);
    learn_code(st, group);
    socialise(st);
    memcpy(st->code, st->new_code, st->m);
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
