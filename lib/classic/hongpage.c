/* Hong and Page (2004), "Groups of diverse problem solvers can outperform groups of
 * high-ability problem solvers". */
#include <stdlib.h>
#include <string.h>

#include "herd/classic.h"
#include "herd/rng.h"

#include "common.h"
#include "hongpage_internal.h"

/* Enumerating every heuristic must stay affordable. */
#define HONGPAGE_MAX_HEURISTICS (1u << 24)
/* A ring beyond this would take gigabytes, and every agent searches from every point. */
#define HONGPAGE_MAX_RING (1u << 24)

void herd_classic_hongpage_default(herd_classic_hongpage_params *p)
{
    if (p == NULL)
        return;
    memset(p, 0, sizeof *p);
    p->ring_size = 2000;
    p->value_max = 100.0;
    p->max_step = 12;
    p->steps = 3;
    p->pool_size = 0;
    p->team_size = 10;
    p->allocator = NULL;
}

/* l! / (l-k)!, or 0 when it exceeds the cap. */
static unsigned heuristic_count(unsigned l, unsigned k)
{
    unsigned long long total = 1;
    for (unsigned i = 0; i < k; i++) {
        total *= (unsigned long long)(l - i);
        if (total > HONGPAGE_MAX_HEURISTICS)
            return 0;
    }
    return (unsigned)total;
}

static herd_status check_sizes(const herd_classic_hongpage_params *p, char *msg, size_t n)
{
    herd_status s = herd_classic_check_min_(p->ring_size, 2, "ring_size", msg, n);
    if (s == HERD_OK)
        s = herd_classic_check_max_(p->ring_size, HONGPAGE_MAX_RING, "ring_size", msg, n);
    if (s == HERD_OK)
        s = herd_classic_check_min_(p->max_step, 1, "max_step", msg, n);
    if (s == HERD_OK)
        s = herd_classic_check_min_(p->steps, 1, "steps", msg, n);
    if (s == HERD_OK)
        s = herd_classic_check_min_(p->team_size, 1, "team_size", msg, n);
    return s;
}

herd_status herd_classic_hongpage_validate(const herd_classic_hongpage_params *p, char *msg,
                                           size_t n)
{
    if (p == NULL)
        return herd_errf(msg, n, HERD_EINVAL, "params is NULL");
    herd_status s = herd_classic_check_allocator_(p->allocator, msg, n);
    if (s == HERD_OK)
        s = check_sizes(p, msg, n);
    if (s != HERD_OK)
        return s;
    if (!(p->value_max > 0.0))
        return herd_errf(msg, n, HERD_ERANGE, "value_max must be > 0, got %g",
                          p->value_max);
    if (p->max_step > 255)
        return herd_errf(msg, n, HERD_ERANGE, "max_step must be at most 255, got %u",
                          p->max_step);
    if (p->max_step >= p->ring_size)
        return herd_errf(msg, n, HERD_ERANGE, "max_step (%u) must be below ring_size (%u)",
                          p->max_step, p->ring_size);
    if (p->steps > p->max_step)
        return herd_errf(msg, n, HERD_ERANGE, "steps (%u) cannot exceed max_step (%u)",
                          p->steps, p->max_step);
    unsigned total = heuristic_count(p->max_step, p->steps);
    if (total == 0)
        return herd_errf(msg, n, HERD_ETOOBIG,
                          "max_step and steps give more than %u heuristics",
                          HONGPAGE_MAX_HEURISTICS);
    unsigned pool = p->pool_size == 0 ? total : p->pool_size;
    if (pool > total)
        return herd_errf(msg, n, HERD_ERANGE,
                          "pool_size (%u) exceeds the %u distinct heuristics", pool, total);
    if (p->team_size > pool)
        return herd_errf(msg, n, HERD_ERANGE, "team_size (%u) exceeds the pool (%u)",
                          p->team_size, pool);
    return HERD_OK;
}

/* Heuristic number `index` in a mixed-radix order: digit i picks among the steps unused. */
static void decode_heuristic(unsigned index, unsigned l, unsigned k, unsigned *out)
{
    unsigned char used[256] = {0};
    for (unsigned i = 0; i < k; i++) {
        unsigned left = l - i;
        unsigned pick = index % left;
        index /= left;
        for (unsigned step = 1; step <= l; step++) {
            if (used[step])
                continue;
            if (pick-- == 0) {
                used[step] = 1;
                out[i] = step;
                break;
            }
        }
    }
}

typedef struct hp_state {
    const herd_classic_hongpage_params *p;
    unsigned n, k, pool;
    double *values;     /* ring_size */
    double *key;        /* pool: each agent's class of rotations, then scratch */
    double *ability;    /* pool */
    unsigned *steps;    /* pool * k */
    unsigned *order;    /* pool: agent indices, best first after ranking */
    unsigned *team;     /* team_size */
    unsigned *by_value; /* ring_size: points, highest value first */
    unsigned *stop;     /* ring_size * k: the ends of one class's searches */
    unsigned *scratch;  /* max(ring_size, pool), for sorting */
    void *block;
} hp_state;

static herd_status hp_alloc(hp_state *st, const herd_classic_hongpage_params *p, unsigned pool)
{
    /* Validation bounds the ring and the heuristics to 2^24 each (so k <= 10, as k! cannot
     * exceed the heuristics), so these sizes cannot overflow. */
    size_t n = p->ring_size, k = p->steps;
    size_t doubles = n + 2 * (size_t)pool;
    size_t uints = (size_t)pool * k + pool + p->team_size + n + n * k + (n > pool ? n : pool);
    st->block = herd_classic_alloc_(p->allocator, 1, doubles * sizeof(double) +
                                                         uints * sizeof(unsigned));
    if (st->block == NULL)
        return HERD_ENOMEM;
    st->p = p;
    st->n = (unsigned)n;
    st->k = (unsigned)k;
    st->pool = pool;
    st->values = st->block;
    st->key = st->values + n;
    st->ability = st->key + pool;
    st->steps = (unsigned *)(st->ability + pool);
    st->order = st->steps + (size_t)pool * k;
    st->team = st->order + pool;
    st->by_value = st->team + p->team_size;
    st->stop = st->by_value + n;
    st->scratch = st->stop + n * k;
    return HERD_OK;
}

/* The pool: `pool` distinct heuristics drawn without replacement (all of them if equal). */
static herd_status draw_pool(hp_state *st, herd_pcg32 *rng)
{
    const herd_classic_hongpage_params *p = st->p;
    unsigned total = heuristic_count(p->max_step, p->steps);
    unsigned *ids = herd_classic_alloc_(p->allocator, total, sizeof *ids);
    if (ids == NULL)
        return HERD_ENOMEM;
    for (unsigned i = 0; i < total; i++)
        ids[i] = i;
    for (unsigned i = 0; i < st->pool && st->pool < total; i++) {
        unsigned j = i + herd_pcg32_bounded(rng, total - i);
        unsigned t = ids[i];
        ids[i] = ids[j];
        ids[j] = t;
    }
    for (unsigned a = 0; a < st->pool; a++)
        decode_heuristic(ids[a], p->max_step, p->steps, st->steps + (size_t)a * st->k);
    herd_classic_free_(p->allocator, ids);
    return HERD_OK;
}

/* One agent's search: try its steps in turn, cycling, moving whenever the value rises, until
 * none of its k steps improves on where it stands. */
static unsigned climb(const hp_state *st, const unsigned *steps, unsigned pos)
{
    unsigned failures = 0, j = 0;
    while (failures < st->k) {
        unsigned next = pos + steps[j];
        if (next >= st->n)
            next -= st->n;
        if (st->values[next] > st->values[pos]) {
            pos = next;
            failures = 0;
        } else {
            failures++;
        }
        j = j + 1 == st->k ? 0 : j + 1;
    }
    return pos;
}

/* Where agent a's smallest step is among its steps. */
static unsigned smallest_at(const hp_state *st, unsigned a)
{
    const unsigned *steps = st->steps + (size_t)a * st->k;
    unsigned at = 0;
    for (unsigned j = 1; j < st->k; j++)
        at = steps[j] < steps[at] ? j : at;
    return at;
}

/* Agent a's steps rotated to begin with the smallest: the same for every rotation of them. */
static void canonical_steps(const hp_state *st, unsigned a, unsigned *out)
{
    const unsigned *steps = st->steps + (size_t)a * st->k;
    unsigned first = smallest_at(st, a);
    for (unsigned j = 0; j < st->k; j++)
        out[j] = steps[(first + j) % st->k];
}

/* A number that only agents whose steps are rotations of each other share: the canonical
 * steps as digits base max_step + 1, below 2^53 for every accepted size, so exact. */
static double class_key(const hp_state *st, unsigned a)
{
    unsigned steps[HERD_HONGPAGE_MAX_STEPS];
    canonical_steps(st, a, steps);
    double key = 0.0;
    for (unsigned j = 0; j < st->k; j++)
        key = key * (st->p->max_step + 1.0) + steps[j];
    return key;
}

/* The abilities of `count` agents (at most k) whose steps are rotations of each other: one
 * table of search ends serves them all. An agent's ability is the mean value at which it
 * stops, over every start, summed in the order of the starts. */
static void class_abilities(hp_state *st, const unsigned *members, unsigned count)
{
    unsigned steps[HERD_HONGPAGE_MAX_STEPS], column[HERD_HONGPAGE_MAX_STEPS];
    double total[HERD_HONGPAGE_MAX_STEPS];
    canonical_steps(st, members[0], steps);
    herd_hongpage_stops_(st->values, st->n, st->by_value, steps, st->k, st->stop);
    for (unsigned m = 0; m < count; m++) {
        column[m] = (st->k - smallest_at(st, members[m])) % st->k;
        total[m] = 0.0;
    }
    for (unsigned start = 0; start < st->n; start++) {
        const unsigned *ends = st->stop + (size_t)start * st->k;
        for (unsigned m = 0; m < count; m++)
            total[m] += st->values[ends[column[m]]];
    }
    for (unsigned m = 0; m < count; m++)
        st->ability[members[m]] = total[m] / st->n;
}

/* Every agent's ability, class by class of rotations. */
static void abilities(hp_state *st)
{
    for (unsigned i = 0; i < st->n; i++)
        st->by_value[i] = i;
    herd_classic_sort_desc_(st->by_value, st->n, st->values, st->scratch);
    for (unsigned a = 0; a < st->pool; a++) {
        st->order[a] = a;
        st->key[a] = class_key(st, a);
    }
    herd_classic_sort_desc_(st->order, st->pool, st->key, st->scratch);
    for (unsigned first = 0, last; first < st->pool; first = last) {
        double key = st->key[st->order[first]];
        for (last = first + 1; last < st->pool && st->key[st->order[last]] == key; last++)
            continue;
        class_abilities(st, st->order + first, last - first);
    }
}

/* The relay: agents search in turn from where the last left off, until a full round of the
 * team finds nothing better. */
static double team_performance(const hp_state *st, const unsigned *team, unsigned size)
{
    double total = 0.0;
    for (unsigned start = 0; start < st->n; start++) {
        unsigned pos = start;
        int improved = 1;
        while (improved) {
            improved = 0;
            for (unsigned m = 0; m < size; m++) {
                unsigned next = climb(st, st->steps + (size_t)team[m] * st->k, pos);
                if (st->values[next] > st->values[pos]) {
                    pos = next;
                    improved = 1;
                }
            }
        }
        total += st->values[pos];
    }
    return total / st->n;
}

/* Mean over pairs of the share of positions at which two heuristics differ. */
static double team_diversity(const hp_state *st, const unsigned *team, unsigned size)
{
    if (size < 2)
        return 0.0;
    double total = 0.0;
    unsigned pairs = 0;
    for (unsigned a = 0; a < size; a++) {
        for (unsigned b = a + 1; b < size; b++) {
            const unsigned *x = st->steps + (size_t)team[a] * st->k;
            const unsigned *y = st->steps + (size_t)team[b] * st->k;
            unsigned differ = 0;
            for (unsigned i = 0; i < st->k; i++)
                differ += x[i] != y[i];
            total += (double)differ / st->k;
            pairs++;
        }
    }
    return total / pairs;
}

static double mean_ability(const hp_state *st, const unsigned *team, unsigned size)
{
    double total = 0.0;
    for (unsigned m = 0; m < size; m++)
        total += st->ability[team[m]];
    return total / size;
}

/* Agent indices by ability, best first; ties keep the pool's order, so results are
 * reproducible. */
static void rank_by_ability(hp_state *st)
{
    for (unsigned i = 0; i < st->pool; i++)
        st->order[i] = i;
    herd_classic_sort_desc_(st->order, st->pool, st->ability, st->scratch);
}

static void random_team(hp_state *st, herd_pcg32 *rng)
{
    /* A partial shuffle of the ranked order, which is free to change: the best team has
     * already been copied out of it. */
    for (unsigned i = 0; i < st->p->team_size; i++) {
        unsigned j = i + herd_pcg32_bounded(rng, st->pool - i);
        unsigned t = st->order[i];
        st->order[i] = st->order[j];
        st->order[j] = t;
        st->team[i] = st->order[i];
    }
}

static void evaluate(hp_state *st, uint64_t seed, herd_classic_hongpage_result *out)
{
    unsigned size = st->p->team_size;
    abilities(st);
    rank_by_ability(st);
    memcpy(st->team, st->order, size * sizeof *st->team);
    out->best_agent_ability = st->ability[st->order[0]];
    out->best_team_performance = team_performance(st, st->team, size);
    out->best_team_diversity = team_diversity(st, st->team, size);
    out->mean_best_team_ability = mean_ability(st, st->team, size);
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, seed, 2);
    random_team(st, &rng);
    out->random_team_performance = team_performance(st, st->team, size);
    out->random_team_diversity = team_diversity(st, st->team, size);
    out->mean_random_team_ability = mean_ability(st, st->team, size);
}

herd_status herd_classic_hongpage_run(const herd_classic_hongpage_params *p, uint64_t seed,
                                      herd_classic_hongpage_result *out, char *msg,
                                      size_t msg_size)
{
    herd_status s = herd_classic_hongpage_validate(p, msg, msg_size);
    if (s != HERD_OK)
        return s;
    if (out == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "out is NULL");
    unsigned total = heuristic_count(p->max_step, p->steps);
    hp_state st;
    s = hp_alloc(&st, p, p->pool_size == 0 ? total : p->pool_size);
    if (s != HERD_OK)
        return herd_errf(msg, msg_size, s, "cannot allocate the ring and the pool");
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, seed, 0);
    for (unsigned i = 0; i < st.n; i++)
        st.values[i] = p->value_max * herd_pcg32_double(&rng);
    herd_pcg32_stream(&rng, seed, 1);
    s = draw_pool(&st, &rng);
    if (s == HERD_OK)
        evaluate(&st, seed, out);
    herd_classic_free_(p->allocator, st.block);
    if (s != HERD_OK)
        return herd_errf(msg, msg_size, s, "cannot allocate the heuristics");
    return HERD_OK;
}

enum { HP_MEASURES = 5 };

static void summarise(const double *values, unsigned reps, herd_classic_hongpage_summary *out)
{
    herd_classic_estimate *fields[HP_MEASURES] = {
        &out->best_team_performance, &out->random_team_performance, &out->best_team_diversity,
        &out->random_team_diversity, &out->best_agent_ability};
    for (unsigned f = 0; f < HP_MEASURES; f++)
        *fields[f] = herd_classic_estimate_(values + (size_t)f * reps, reps);
    out->replications = reps;
}

herd_status herd_classic_hongpage_replicate(const herd_classic_hongpage_params *p, uint64_t seed,
                                            unsigned replications,
                                            herd_classic_hongpage_summary *out, char *msg,
                                            size_t msg_size)
{
    herd_status s = herd_classic_check_replicate_(herd_classic_hongpage_validate(p, msg, msg_size),
                                                  replications, out, msg, msg_size);
    if (s != HERD_OK)
        return s;
    if (out == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "out is NULL");
    double *v = herd_classic_alloc_(p->allocator, replications, HP_MEASURES * sizeof *v);
    if (v == NULL)
        return herd_errf(msg, msg_size, HERD_ENOMEM, "cannot allocate %u results",
                          replications);
    memset(out, 0, sizeof *out);
    unsigned wins = 0;
    for (unsigned r = 0; r < replications; r++) {
        herd_classic_hongpage_result one;
        s = herd_classic_hongpage_run(p, herd_seed_derive(seed, r), &one, msg, msg_size);
        if (s != HERD_OK)
            break;
        double measures[HP_MEASURES] = {one.best_team_performance, one.random_team_performance,
                                        one.best_team_diversity, one.random_team_diversity,
                                        one.best_agent_ability};
        for (unsigned f = 0; f < HP_MEASURES; f++)
            v[(size_t)f * replications + r] = measures[f];
        wins += one.random_team_performance > one.best_team_performance;
    }
    if (s == HERD_OK) {
        summarise(v, replications, out);
        out->random_wins = (double)wins / replications;
    }
    herd_classic_free_(p->allocator, v);
    return s;
}
