/* Lazer and Friedman (2007), "The network structure of exploration and exploitation". */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "herd/classic.h"
#include "herd/rng.h"

#include "common.h"
#include "nk.h"

enum {
    LF_MAX_BITS = HERD_NK_MAX_BITS,
    LF_MAX_INTERACTIONS = 15,
    LF_MAX_AGENTS = 10000,
    LF_MAX_ROUNDS = 1000000
};

void herd_classic_lazer_default(herd_classic_lazer_params *p)
{
    if (p == NULL)
        return;
    memset(p, 0, sizeof *p);
    p->bits = 20;
    p->interactions = 5;
    p->exponent = 8.0;
    p->agents = 100;
    p->rounds = 100;
    p->network = HERD_CLASSIC_NETWORK_LINEAR;
    p->degree = 4.0;
    p->rewire = 0.1;
    p->allocator = NULL;
}

static const char *const network_names[] = {"linear", "full", "random", "small-world"};

const char *herd_classic_network_name(herd_classic_network network)
{
    unsigned i = (unsigned)network;
    return i < sizeof network_names / sizeof network_names[0] ? network_names[i] : NULL;
}

herd_status herd_classic_network_find(const char *name, herd_classic_network *out)
{
    if (name == NULL || out == NULL)
        return HERD_EINVAL;
    for (unsigned i = 0; name != NULL && i < sizeof network_names / sizeof network_names[0];
         i++) {
        if (strcmp(name, network_names[i]) == 0) {
            *out = (herd_classic_network)i;
            return HERD_OK;
        }
    }
    return HERD_ENOTFOUND;
}

static herd_status check_landscape(const herd_classic_lazer_params *p, char *msg, size_t n)
{
    if (p->bits < 1 || p->bits > LF_MAX_BITS)
        return herd_errf(msg, n, HERD_ERANGE, "bits must be in [1, %d], got %u",
                          LF_MAX_BITS, p->bits);
    if (p->interactions >= p->bits || p->interactions > LF_MAX_INTERACTIONS)
        return herd_errf(msg, n, HERD_ERANGE,
                          "interactions must be below bits and at most %d, got %u",
                          LF_MAX_INTERACTIONS, p->interactions);
    if (!(p->exponent > 0.0 && p->exponent <= 1000.0))
        return herd_errf(msg, n, HERD_ERANGE, "exponent must be in (0, 1000], got %g",
                          p->exponent);
    return HERD_OK;
}

static herd_status check_network(const herd_classic_lazer_params *p, char *msg, size_t n)
{
    if (p->agents < 1 || p->agents > LF_MAX_AGENTS)
        return herd_errf(msg, n, HERD_ERANGE, "agents must be in [1, %d], got %u",
                         LF_MAX_AGENTS, p->agents);
    if (herd_classic_network_name(p->network) == NULL)
        return herd_errf(msg, n, HERD_EINVAL, "network %d is not a known network",
                         (int)p->network);
    if (!(p->degree >= 0.0 && p->degree <= (double)p->agents - 1.0) && p->agents > 1)
        return herd_errf(msg, n, HERD_ERANGE, "degree must be in [0, agents-1], got %g",
                         p->degree);
    if (p->network == HERD_CLASSIC_NETWORK_SMALL_WORLD && fmod(p->degree, 2.0) != 0.0)
        return herd_errf(msg, n, HERD_EINVAL,
                         "degree must be an even whole number for a small-world network "
                         "(degree / 2 neighbours on either side of the ring), got %g",
                         p->degree);
    return herd_classic_check_prob_(p->rewire, "rewire", msg, n);
}

herd_status herd_classic_lazer_validate(const herd_classic_lazer_params *p, char *msg, size_t n)
{
    if (p == NULL)
return herd_errf(msg, n, HERD_EINVAL, "params is NULL");
    herd_status s = herd_classic_check_allocator_(p->allocator, msg, n);
    if (s == HERD_OK)
s = check_landscape(p, msg, n);
    if (s == HERD_OK)
s = check_network(p, msg, n);
    if (s == HERD_OK)
s = herd_classic_check_min_(p->rounds, 1, "rounds", msg, n);
    if (s == HERD_OK)
s = herd_classic_check_max_(p->rounds, LF_MAX_ROUNDS, "rounds", msg, n);
    return s;
}

/* ---- scores on the NK landscape ---- */

typedef struct landscape {
    herd_nk nk;
    double max_fitness;
    double exponent;
} landscape;

/* (fitness / max fitness) ^ exponent */
static double score(const landscape *ls, uint32_t x)
{
    return pow(herd_nk_fitness_(&ls->nk, x) / ls->max_fitness, ls->exponent);
}

/* ---- the network, in compressed sparse row form ---- */

typedef struct network {
    unsigned n;
    unsigned *start; /* n + 1 */
    unsigned *adj;
    unsigned char *linked; /* n * n while building */
} network;

static void link_pair(network *g, unsigned a, unsigned b)
{
    g->linked[(size_t)a * g->n + b] = 1;
    g->linked[(size_t)b * g->n + a] = 1;
}

static void unlink_pair(network *g, unsigned a, unsigned b)
{
    g->linked[(size_t)a * g->n + b] = 0;
    g->linked[(size_t)b * g->n + a] = 0;
}

static void ring_lattice(network *g, unsigned half)
{
    for (unsigned i = 0; i < g->n; i++)
        for (unsigned j = 1; j <= half && j < g->n; j++)
            if ((i + j) % g->n != i)
                link_pair(g, i, (i + j) % g->n);
}

static void random_graph(network *g, double degree, herd_pcg32 *rng)
{
    double chance = g->n > 1 ? degree / (g->n - 1) : 0.0;
    for (unsigned a = 0; a < g->n; a++)
        for (unsigned b = a + 1; b < g->n; b++)
            if (herd_pcg32_double(rng) < chance)
                link_pair(g, a, b);
}

/* Watts-Strogatz: each lattice link (i, i+j) moves its far end, with chance `rewire`, to a
 * node chosen uniformly among those i is not linked to. */
static void small_world(network *g, unsigned half, double rewire, herd_pcg32 *rng)
{
    ring_lattice(g, half);
    for (unsigned j = 1; j <= half; j++) {
        for (unsigned i = 0; i < g->n; i++) {
            unsigned far = (i + j) % g->n;
            if (far == i || herd_pcg32_double(rng) >= rewire)
                continue;
            unsigned free_count = 0;
            for (unsigned c = 0; c < g->n; c++)
                free_count += c != i && !g->linked[(size_t)i * g->n + c];
            if (free_count == 0)
                continue;
            unsigned pick = herd_pcg32_bounded(rng, free_count), c = 0;
            for (;; c++)
                if (c != i && !g->linked[(size_t)i * g->n + c] && pick-- == 0)
                    break;
            unlink_pair(g, i, far);
            link_pair(g, i, c);
        }
    }
}

static void build_links(network *g, const herd_classic_lazer_params *p, herd_pcg32 *rng)
{
    switch (p->network) {
    case HERD_CLASSIC_NETWORK_LINEAR:
        ring_lattice(g, 1);
        break;
    case HERD_CLASSIC_NETWORK_FULL:
        ring_lattice(g, g->n / 2);
        break;
    case HERD_CLASSIC_NETWORK_RANDOM:
        random_graph(g, p->degree, rng);
        break;
    case HERD_CLASSIC_NETWORK_SMALL_WORLD:
        small_world(g, (unsigned)(p->degree / 2.0), p->rewire, rng);
        break;
    }
}

/* Turns the link matrix into rows of neighbours; adj must hold n * (n - 1) entries. */
static void compress(network *g)
{
    unsigned count = 0;
    for (unsigned a = 0; a < g->n; a++) {
        g->start[a] = count;
        for (unsigned b = 0; b < g->n; b++)
            if (g->linked[(size_t)a * g->n + b])
                g->adj[count++] = b;
    }
    g->start[g->n] = count;
}

/* ---- the run ---- */

typedef struct lf_state {
    const herd_classic_lazer_params *p;
    landscape ls;
    network net;
    herd_pcg32 *rng;  /* one stream per agent */
    uint32_t *solution, *next_solution;
    double *score, *next_score;
    unsigned *idx;    /* bits: scratch of the search for the peak */
    void *block;
} lf_state;

/* Carves every array out of one allocation: sizes in bytes, each a multiple of 16. */
static herd_status lf_alloc(lf_state *st, const herd_classic_lazer_params *p)
{
    size_t n = p->bits, kk = p->interactions + 1, a = p->agents;
    size_t sizes[] = {
        n * kk * sizeof(unsigned),             /* deps */
        n * ((size_t)1 << kk) * sizeof(double), /* table */
        a * sizeof(herd_pcg32),                  /* rng */
        2 * a * sizeof(uint32_t),                /* solutions */
        2 * a * sizeof(double),                  /* scores */
        2 * n * kk * sizeof(unsigned),           /* watch_row, watch_flip */
        (n + 1) * sizeof(unsigned),              /* watch_start */
        n * sizeof(unsigned),                    /* idx */
        (a + 1) * sizeof(unsigned),              /* net.start */
        a * (a > 0 ? a - 1 : 0) * sizeof(unsigned), /* net.adj */
        a * a,                                   /* net.linked */
    };
    enum { PARTS = sizeof sizes / sizeof sizes[0] };
    size_t total = 0, offset[PARTS];
    for (unsigned i = 0; i < PARTS; i++) {
        offset[i] = total;
        total += (sizes[i] + 15) / 16 * 16;
    }
    char *base = herd_classic_alloc_(p->allocator, 1, total);
    if (base == NULL)
        return HERD_ENOMEM;
    st->block = base;
    st->ls.nk.deps = (unsigned *)(base + offset[0]);
    st->ls.nk.table = (double *)(base + offset[1]);
    st->rng = (herd_pcg32 *)(base + offset[2]);
    st->solution = (uint32_t *)(base + offset[3]);
    st->next_solution = st->solution + a;
    st->score = (double *)(base + offset[4]);
    st->next_score = st->score + a;
    st->ls.nk.watch_row = (unsigned *)(base + offset[5]);
    st->ls.nk.watch_flip = st->ls.nk.watch_row + n * kk;
    st->ls.nk.watch_start = (unsigned *)(base + offset[6]);
    st->idx = (unsigned *)(base + offset[7]);
    st->net.start = (unsigned *)(base + offset[8]);
    st->net.adj = (unsigned *)(base + offset[9]);
    st->net.linked = (unsigned char *)(base + offset[10]);
    return HERD_OK;
}

static void lf_init(lf_state *st, uint64_t seed)
{
    const herd_classic_lazer_params *p = st->p;
    st->ls.nk.n = p->bits;
    st->ls.nk.k = p->interactions;
    st->ls.nk.width = 1u << (p->interactions + 1);
    st->ls.exponent = p->exponent;
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, seed, 0);
    herd_nk_draw_(&st->ls.nk, &rng);
    herd_nk_watch_(&st->ls.nk);
    /* The winner is rescored from scratch, so that rounding in the search's running sums
     * cannot leak into the normalisation. */
    st->ls.max_fitness = herd_nk_fitness_(&st->ls.nk, herd_nk_peak_(&st->ls.nk, st->idx));
    st->net.n = p->agents;
    memset(st->net.linked, 0, (size_t)p->agents * p->agents);
    herd_pcg32_stream(&rng, seed, 1);
    build_links(&st->net, p, &rng);
    compress(&st->net);
    uint32_t mask = (1u << p->bits) - 1u;
    for (unsigned a = 0; a < p->agents; a++) {
        herd_pcg32_stream(&st->rng[a], seed, 2 + (uint64_t)a);
        st->solution[a] = herd_pcg32_next(&st->rng[a]) & mask;
        st->score[a] = score(&st->ls, st->solution[a]);
    }
}

/* Copy the best neighbour if it beats me; otherwise try flipping one bit and keep it if
 * better. Reads only last round's state (synchronous update). Returns 1 if it changed. */
static int decide(lf_state *st, unsigned a)
{
    unsigned best = a;
    for (unsigned e = st->net.start[a]; e < st->net.start[a + 1]; e++)
        if (st->score[st->net.adj[e]] > st->score[best])
            best = st->net.adj[e];
    if (best != a) {
        st->next_solution[a] = st->solution[best];
        st->next_score[a] = st->score[best];
        return st->solution[best] != st->solution[a];
    }
    uint32_t trial = st->solution[a] ^ (1u << herd_pcg32_bounded(&st->rng[a], st->p->bits));
    double trial_score = score(&st->ls, trial);
    int better = trial_score > st->score[a];
    st->next_solution[a] = better ? trial : st->solution[a];
    st->next_score[a] = better ? trial_score : st->score[a];
    return better;
}

static double mean_of(const double *v, unsigned n)
{
    double total = 0.0;
    for (unsigned i = 0; i < n; i++)
        total += v[i];
    return total / n;
}

static void play(lf_state *st, double *mean_score, unsigned *settled)
{
    unsigned agents = st->p->agents, last_change = 0;
    mean_score[0] = mean_of(st->score, agents);
    for (unsigned t = 1; t <= st->p->rounds; t++) {
        int changed = 0;
        for (unsigned a = 0; a < agents; a++)
            changed |= decide(st, a);
        uint32_t *ts = st->solution;
        st->solution = st->next_solution;
        st->next_solution = ts;
        double *tv = st->score;
        st->score = st->next_score;
        st->next_score = tv;
        mean_score[t] = mean_of(st->score, agents);
        if (changed)
            last_change = t;
    }
    if (settled != NULL)
        *settled = last_change;
}

herd_status herd_classic_lazer_run(const herd_classic_lazer_params *p, uint64_t seed,
                                   double *mean_score, unsigned *settled, char *msg,
                                   size_t msg_size)
{
    herd_status s = herd_classic_lazer_validate(p, msg, msg_size);
    if (s != HERD_OK)
        return s;
    if (mean_score == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "mean_score is NULL");
    lf_state st;
    memset(&st, 0, sizeof st);
    st.p = p;
    if (lf_alloc(&st, p) != HERD_OK)
        return herd_errf(msg, msg_size, HERD_ENOMEM,
                          "cannot allocate the landscape and %u agents", p->agents);
    lf_init(&st, seed);
    play(&st, mean_score, settled);
    herd_classic_free_(p->allocator, st.block);
    return HERD_OK;
}

/* Per-round estimates from a (round-major) replications x (rounds+1) matrix. */
static void by_round(const double *runs, unsigned reps, unsigned len, double *column,
                     double *mean, double *se)
{
    for (unsigned t = 0; t < len; t++) {
        for (unsigned r = 0; r < reps; r++)
            column[r] = runs[(size_t)r * len + t];
        herd_classic_estimate e = herd_classic_estimate_(column, reps);
        mean[t] = e.mean;
        if (se != NULL)
            se[t] = e.se;
    }
}

/* The summary's arguments: p valid, replications at least 1, no pointer but se NULL. */
static herd_status check_summary(const herd_classic_lazer_params *p, const void *series,
                                 const unsigned *settled, unsigned replications,
                                 const double *mean, const herd_classic_lazer_summary *out,
                                 char *msg, size_t msg_size)
{
    herd_status s = herd_classic_lazer_validate(p, msg, msg_size);
    if (s == HERD_OK)
        s = herd_classic_check_replications_(replications, msg, msg_size);
    if (s == HERD_OK && (series == NULL || settled == NULL || mean == NULL || out == NULL))
        return herd_errf(msg, msg_size, HERD_EINVAL, "%s is NULL",
                         series == NULL    ? "series"
                         : settled == NULL ? "settled"
                         : mean == NULL    ? "mean"
                                           : "out");
    return s;
}

herd_status herd_classic_lazer_summarise(const herd_classic_lazer_params *p, const double *series,
                                         const unsigned *settled, unsigned replications,
                                         double *mean, double *se,
                                         herd_classic_lazer_summary *out, char *msg,
                                         size_t msg_size)
{
    herd_status s = check_summary(p, series, settled, replications, mean, out, msg, msg_size);
    if (s != HERD_OK)
        return s;
    size_t len = (size_t)p->rounds + 1;
    /* a column of the series, the final scores and the settling rounds */
    double *work = herd_classic_alloc_(p->allocator, replications, 3 * sizeof *work);
    if (work == NULL)
        return herd_errf(msg, msg_size, HERD_ENOMEM, "cannot allocate the estimates of %u "
                         "results", replications);
    double *column = work, *finals = column + replications, *settle = finals + replications;
    for (unsigned r = 0; r < replications; r++) {
        finals[r] = series[r * len + len - 1];
        settle[r] = settled[r];
    }
    by_round(series, replications, (unsigned)len, column, mean, se);
    out->replications = replications;
    out->final_score = herd_classic_estimate_(finals, replications);
    out->rounds_to_settle = herd_classic_estimate_(settle, replications);
    herd_classic_free_(p->allocator, work);
    return HERD_OK;
}

herd_status herd_classic_lazer_replicate(const herd_classic_lazer_params *p, uint64_t seed,
                                         unsigned replications, double *mean, double *se,
                                         herd_classic_lazer_summary *out, char *msg,
                                         size_t msg_size)
{
    herd_status s = herd_classic_lazer_validate(p, msg, msg_size);
    if (s == HERD_OK)
        s = herd_classic_check_replications_(replications, msg, msg_size);
    if (s != HERD_OK)
        return s;
    if (mean == NULL || out == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "mean or out is NULL");
    size_t len = (size_t)p->rounds + 1;
    if (replications > SIZE_MAX / sizeof(double) / (len + 3))
        return herd_errf(msg, msg_size, HERD_ETOOBIG,
                          "replications (%u) of %u rounds are too many to keep",
                          replications, p->rounds);
    /* the runs (reps x len), then their settling rounds */
    double *work = herd_classic_alloc_(p->allocator, (len + 1) * replications, sizeof *work);
    if (work == NULL)
        return herd_errf(msg, msg_size, HERD_ENOMEM, "cannot allocate %u series",
                          replications);
    unsigned *settled = (unsigned *)(work + len * replications);
    for (unsigned r = 0; r < replications && s == HERD_OK; r++)
        s = herd_classic_lazer_run(p, herd_seed_derive(seed, r), work + r * len, &settled[r],
                                   msg, msg_size);
    if (s == HERD_OK)
        s = herd_classic_lazer_summarise(p, work, settled, replications, mean, se, out, msg,
                                         msg_size);
    herd_classic_free_(p->allocator, work);
    return s;
}
