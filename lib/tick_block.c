/* The employees' update on blocks of agents: docs/MODEL.md gives each equation with the
 * sentence of the article it comes from. The work is in loops over lanes without branches
 * or calls, so that the compiler runs them on vectors; hires are a scalar fix-up after. */
#include <stddef.h>
#include <string.h>

#include "pcg32_inline.h"
#include "simd.h"
#include "tick_internal.h"
#include "tick_segment.h"

#define MAX_SUCCESS 0.95f
#define U_ATTEMPT 0
#define U_SUCCESS 1
#define U_QUIT 2

/* The arrays of one block never overlap; GCC does not take restrict on local pointers as
 * proof of it, and without the proof it will not put the loops on vectors. */
#if defined(__GNUC__) && !defined(__clang__)
#define HERD_IVDEP _Pragma("GCC ivdep")
#else
#define HERD_IVDEP
#endif

static inline herd_f8 load8(const float *p)
{
    herd_f8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* 1 in the lanes v + k inside [from, to), 0 elsewhere. */
static inline herd_f8 lanes_in(int v, int from, int to)
{
    const herd_i8 k = {0, 1, 2, 3, 4, 5, 6, 7}, zero = {0};
    const herd_f8 one = {1, 1, 1, 1, 1, 1, 1, 1};
    herd_i8 j = k + v;
    return (herd_f8)(((j >= zero + from) & (j < zero + to)) & (herd_i8)one);
}


void herd_agent_consts_fold(const herd_params *p, herd_agent_consts *kc)
{
    *kc = (herd_agent_consts){
        .success_skill = (float)p->success_skill,
        .idle = (float)p->dependence_idle,
        .effort_engagement = (float)p->effort_engagement,
        .eng_rate = (float)p->engagement_rate,
        .eng_bond = (float)(p->engagement_relatedness * 0.5),
        .eng_failure = (float)p->failure_engagement,
        .ini_rate = (float)p->initiative_rate,
        .ini_engagement = (float)p->initiative_engagement,
        .ini_dependence = (float)p->initiative_dependence,
        .dep_rate = (float)p->dependence_rate,
        .dep_fade = (float)p->dependence_fade,
        .learn_doing = (float)p->learn_doing,
        .learn_attempt = (float)p->learn_attempt,
        .learn_peers = (float)p->learn_peers,
        .decay = (float)p->skill_decay,
        .bond_rate = (float)p->bond_rate,
        .bond_engagement = (float)p->bond_engagement,
        .quit_base = (float)p->quit_base,
        .quit_engagement = (float)p->quit_engagement,
        .quit_bond = (float)p->quit_bond,
        .frontrunner_threshold = (float)p->frontrunner_threshold,
    };
}

/* The lanes a block computes: its own, up to a whole vector. */
static long whole_vectors(const herd_block *blk)
{
    long width = blk->wide ? HERD_WIDE : HERD_VECTOR;
    return (blk->lanes + width - 1) / width * width;
}

/* Ternaries rather than fminf/fmaxf, which must honour NaN and become library calls. */
static inline float clampf(float x, float lo, float hi)
{
    x = x < lo ? lo : x;
    return x > hi ? hi : x;
}

static inline float positive(float x)
{
    return x > 0 ? x : 0;
}

void herd_jumps_init(herd_jumps *jumps)
{
    uint64_t mult = 1, sum = 0;
    for (int j = 0; j < HERD_SEGMENT + HERD_VECTOR; j++)
        for (int d = 0; d < HERD_DRAWS; d++) {
            jumps->mult[d][j] = mult;
            jumps->sum[d][j] = sum;
            sum = sum * HERD_PCG32_MULT + 1;
            mult *= HERD_PCG32_MULT;
        }
    for (int k = 0; k < HERD_RUN_STATES; k++) {
        jumps->step_mult[k] = jumps->mult[k % HERD_DRAWS][k / HERD_DRAWS];
        jumps->step_sum[k] = jumps->sum[k % HERD_DRAWS][k / HERD_DRAWS];
    }
}

/* The uniform of each state the generator stepped from; count is a multiple of HERD_VECTOR. */
HERD_INLINE void uniforms_from_states(const uint64_t *restrict states, long count, float *restrict u)
{
    for (long d = 0; d < count; d += HERD_VECTOR) {
        herd_u4 lo, hi;
        memcpy(&lo, states + d, sizeof lo);
        memcpy(&hi, states + d + HERD_VECTOR / 2, sizeof hi);
        herd_f8 f = uniforms_of_halves(lo, hi);
        memcpy(u + d, &f, sizeof f);
    }
}

/* 1 / degree, or 0 for an agent without ties. A degree fits easily in 32 bits: teams have
 * at most 10^5 members, ties across are few. */
static inline float inverse_degree(int32_t degree)
{
    float inverse = 1.0f / (float)degree;
    return degree > 0 ? inverse : 0;
}

HERD_VECTOR_CLONES
static void inverse_degrees(const uint64_t *restrict offsets, long n, float *restrict inv)
{
    for (long j = 0; j < n; j++)
        inv[j] = inverse_degree((int32_t)(offsets[j + 1] - offsets[j]));
}

HERD_VECTOR_CLONES
static void inverse_degrees_across(const uint32_t *restrict offsets, long n, int32_t team_mates,
                                   float *restrict inv)
{
    for (long j = 0; j < n; j++)
        inv[j] = inverse_degree(team_mates + (int32_t)(offsets[j + 1] - offsets[j]));
}

/* Adds to sum_s and sum_es the skill and engaged skill of the ties targets[from..to). */
static inline void add_ties(const float *s, const float *e, const uint32_t *targets,
                            uint64_t from, uint64_t to, float *sum_s, float *sum_es)
{
    float skill = *sum_s, engaged_skill = *sum_es;
    for (uint64_t t = from; t < to; t++) {
        uint32_t nb = targets[t];
        skill += s[nb];
        engaged_skill += e[nb] * s[nb];
    }
    *sum_s = skill;
    *sum_es = engaged_skill;
}

/* The ties across teams of the whole block in one loop, each tie's lane from its owner, so
 * that no inner loop has a length the branch predictor must guess. Each lane adds its ties in
 * the same order as row by row. */
static void add_ties_flat(const herd_org *org, long n, herd_block *restrict blk)
{
    const uint32_t *offsets = org->across_offsets + blk->first;
    const uint32_t *restrict targets = org->across_targets;
    const uint32_t *restrict owners = org->across_owners;
    const float *restrict s = org->now.skill, *restrict e = org->now.engagement;
    uint32_t first = (uint32_t)blk->first;
    for (uint32_t t = offsets[0]; t < offsets[n]; t++) {
        uint32_t nb = targets[t], j = owners[t] - first;
        float skill = s[nb];
        blk->nb_skill_sum[j] += skill;
        blk->nb_engaged_skill_sum[j] += e[nb] * skill;
    }
}

/* In a team tied inside as a clique, the team mates' part of the neighbour sums, from last
 * tick's team sums; otherwise none. */
HERD_INLINE void team_mates(const herd_org *org, long lanes, herd_block *restrict blk)
{
    const float *restrict s = org->now.skill + blk->first;
    const float *restrict e = org->now.engagement + blk->first;
    float *restrict sum_s = blk->nb_skill_sum, *restrict sum_es = blk->nb_engaged_skill_sum;
    const float *restrict team_s = blk->k.team_skill, *restrict team_es = blk->k.team_engaged_skill;
    if (!org->teams_are_cliques) {
        memset(sum_s, 0, (size_t)lanes * sizeof *sum_s);
        memset(sum_es, 0, (size_t)lanes * sizeof *sum_es);
        return;
    }
    HERD_IVDEP
    for (long j = 0; j < lanes; j++) {
        sum_s[j] = team_s[j] - s[j];
        sum_es[j] = team_es[j] - e[j] * s[j];
    }
}

/* Neighbour sums from last tick and inverse degrees. In teams tied inside as cliques only
 * the ties across teams are read, from their own index; otherwise whole rows. */
static void neighbours(const herd_org *org, herd_block *blk)
{
    const float *s = org->now.skill, *e = org->now.engagement;
    long n = blk->lanes, first = blk->first;
    if (org->teams_are_cliques) {
        add_ties_flat(org, n, blk);
        inverse_degrees_across(org->across_offsets + first, n, (int32_t)(org->team_size - 1),
                               blk->nb_inv_degree);
        return;
    }
    const uint64_t *offsets = org->offsets + first;
    for (long j = 0; j < n; j++)
        add_ties(s, e, org->targets, offsets[j], offsets[j + 1], &blk->nb_skill_sum[j],
                 &blk->nb_engaged_skill_sum[j]);
    inverse_degrees(offsets, n, blk->nb_inv_degree);
}

/* While a block updates, the agents two blocks on are fetched into the cache: at 10^6 agents
 * the hardware alone does not fetch the dozen arrays a block reads and writes in time
 * (bench/README.md, "Fetching ahead"). */
#define FETCH_AHEAD (2 * HERD_BLOCK)
#define FETCH_FLOATS 8

/* Each array at the agent FETCH_AHEAD past the block's first, or none near the organisation's
 * end. */
typedef struct fetch_ahead {
    const float *floats[FETCH_FLOATS];
    const uint16_t *tenure;
    const uint32_t *offsets; /* of ties across teams; NULL where rows are stored whole */
    int any;
    const float *far[2]; /* skill and engagement now, a department past the block's first */
    int any_far;
} fetch_ahead;

/* Ties across teams reach anywhere in their department (lib/org.c), up to a department's
 * agents past the block. Where a department is longer than FETCH_AHEAD, the skill and
 * engagement that ties read are also fetched a department on, so that a department's are in
 * the cache when its first block reads its ties; up to this many agents, whose two floats the
 * cache keeps that long. */
#define FETCH_DEPARTMENT_MAX 65536

static void fetch_ahead_of(const herd_org *org, const herd_block *blk, long lanes,
                           fetch_ahead *f)
{
    long far = blk->first + blk->department;
    f->any_far = blk->fetch && blk->department > FETCH_AHEAD &&
                 blk->department <= FETCH_DEPARTMENT_MAX && far + lanes <= org->n_agents;
    if (f->any_far) {
        f->far[0] = org->now.skill + far;
        f->far[1] = org->now.engagement + far;
    }
    long at = blk->first + FETCH_AHEAD;
    f->any = blk->fetch && at + lanes <= org->n_agents;
    if (!f->any)
        return;
    const float *floats[FETCH_FLOATS] = {
        org->now.skill + at,      org->now.engagement + at, org->now.initiative + at,
        org->now.bond + at,       org->now.dependence + at, org->perspective + at,
        org->next.skill + at,     org->next.engagement + at};
    memcpy(f->floats, floats, sizeof floats);
    f->tenure = org->tenure + at;
    /* Rows of a network stored whole are read row by row anyway. */
    f->offsets = org->teams_are_cliques ? org->across_offsets + at : NULL;
}

/* Fetches the arrays' agents from lane on, a line of floats' worth, once every line of
 * floats: a line of tenures every other time. */
static inline void fetch_lanes(const fetch_ahead *f, long lane)
{
    if (!f->any || lane % (64 / (long)sizeof(float)) != 0)
        return;
    for (int i = 0; i < FETCH_FLOATS; i++)
        __builtin_prefetch(f->floats[i] + lane);
    __builtin_prefetch(f->tenure + lane);
    if (f->offsets != NULL)
        __builtin_prefetch(f->offsets + lane);
    for (int i = 0; i < 2 && f->any_far; i++)
        __builtin_prefetch(f->far[i] + lane);
}

/* Where a block reads its agents' variables of last tick, from its first lane. */
typedef struct agents_now {
    const float *skill, *engagement, *initiative, *bond, *dependence;
} agents_now;

/* Lane j of the block. */
static inline void update_agent(const agents_now *restrict now,
                                const herd_agent_consts *restrict kc, long j,
                                herd_block *restrict blk)
{
    const herd_lane_coeffs *restrict k = &blk->k;
    float s = now->skill[j], e = now->engagement[j];
    float a = now->initiative[j], b = now->bond[j], d = now->dependence[j];
    float frontrunner = s * a >= kc->frontrunner_threshold ? 1.0f : 0.0f;
    float effort = (1 - kc->effort_engagement * (1 - e)) *
                   (1 - kc->idle * positive(d - k->expected_direction[j]));
    float kept = s * k->quality_keep[j];
    blk->output[j] = effort * clampf(kept + k->quality_pull[j] * (k->leader_knowledge[j] - kept) -
                                         k->quality_confusion[j],
                                     0, 1);
    float attempt_p =
        (k->attempt[j] + frontrunner * (k->frontrunner_attempt[j] - k->attempt[j])) * a * e;
    float nb_engaged_skill = blk->nb_engaged_skill_sum[j] * blk->nb_inv_degree[j];
    float success_p = kc->success_skill * kept + k->genius[j] * nb_engaged_skill +
                      k->success_base[j] + (1 - frontrunner) * k->follow[j];
    success_p = clampf(success_p, 0, MAX_SUCCESS) * k->resolution[j];
    float attempted = blk->u[U_ATTEMPT * HERD_LANES + j] < attempt_p ? 1.0f : 0.0f;
    float succeeded = blk->u[U_SUCCESS * HERD_LANES + j] < success_p ? attempted : 0.0f;
    blk->succeeded[j] = succeeded;
    blk->frontrunner_success[j] = succeeded * frontrunner;

    float e_target = k->eng_target[j] + kc->eng_bond * b;
    float e_new = e + kc->eng_rate * (e_target - e) + succeeded * k->eng_success[j] -
                  (attempted - succeeded) * kc->eng_failure;
    float a_target = kc->ini_engagement * e + k->ini_target[j] - kc->ini_dependence * d;
    float learn = k->learn_fixed[j] + kc->learn_doing * effort + kc->learn_attempt * attempted +
                  k->learn_direction[j] * positive(k->leader_knowledge[j] - s);
    float nb_skill = blk->nb_skill_sum[j] * blk->nb_inv_degree[j];
    float s_new = s + (1 - s) * learn + kc->learn_peers * positive(nb_skill - s) -
                  kc->decay * s * (1 - effort);
    float b_target = k->bond_target[j] + kc->bond_engagement * e;
    blk->skill[j] = clampf(s_new, 0, 1);
    blk->engagement[j] = clampf(e_new, 0, 1);
    blk->initiative[j] = clampf(a + kc->ini_rate * (a_target - a), 0, 1);
    float expected = k->expected_direction[j];
    float d_rate = d < expected ? kc->dep_rate : kc->dep_fade;
    blk->dependence[j] = clampf(d + d_rate * (expected - d), 0, 1);
    blk->bond[j] = clampf(b + kc->bond_rate * (b_target - b), 0, 1);
    float quit_p = kc->quit_base + kc->quit_engagement * (1 - e) * (1 - e) + kc->quit_bond * (1 - b);
    float u_quit = blk->u[U_QUIT * HERD_LANES + j];
    blk->leaves[j] = u_quit < quit_p ? 1.0f : 0.0f;
    blk->replaced[j] = u_quit < quit_p + k->hiring[j] ? 1.0f : 0.0f;
}

/* The inner loop's fixed length makes each pass one whole vector of width lanes, with no
 * remainder. */
HERD_INLINE void update_vectors(const agents_now *restrict now,
                                const herd_agent_consts *restrict kc, const fetch_ahead *ahead,
                                long lanes, herd_block *restrict blk, const long width)
{
    /* A copy of its own: the compiler need not read the pointers again after each store. */
    const agents_now mine = *now;
    for (long lane = 0; lane < lanes; lane += width) {
        fetch_lanes(ahead, lane);
        HERD_IVDEP
        for (long j = lane; j < lane + width; j++)
            update_agent(&mine, kc, j, blk);
    }
}

HERD_VECTOR_CLONES
static void update_lanes(const agents_now *restrict now, const herd_agent_consts *restrict kc,
                         const fetch_ahead *ahead, long lanes, herd_block *restrict blk)
{
    update_vectors(now, kc, ahead, lanes, blk, HERD_VECTOR);
}

/* Not among the clones: on AVX2, vectors twice as wide would keep twice the values live, more
 * than its registers hold. */
HERD_WIDE_TARGET
static void update_lanes_wide(const agents_now *restrict now,
                              const herd_agent_consts *restrict kc,
                              const fetch_ahead *ahead, long lanes, herd_block *restrict blk)
{
    update_vectors(now, kc, ahead, lanes, blk, HERD_WIDE);
}

/* Initiative, bond and dependence are read by the agent alone and kept in one buffer, which
 * the blocks write as they go. A block reads them in place when the whole vectors it computes
 * end inside its thread's chunk: past its own lanes it then reads agents that this thread's
 * next block has not written yet, and throws them away. Otherwise it takes a copy of its own
 * lanes, so that it never reads what another thread writes. */
HERD_INLINE void own_now(const herd_org *org, long lanes, herd_block *restrict blk,
                         agents_now *now)
{
    long n = blk->lanes, first = blk->first;
    now->initiative = org->now.initiative + first;
    now->bond = org->now.bond + first;
    now->dependence = org->now.dependence + first;
    if (first + lanes <= blk->chunk_end)
        return;
    for (long j = 0; j < n; j++) {
        blk->initiative_now[j] = now->initiative[j];
        blk->bond_now[j] = now->bond[j];
        blk->dependence_now[j] = now->dependence[j];
    }
    now->initiative = blk->initiative_now;
    now->bond = blk->bond_now;
    now->dependence = blk->dependence_now;
}

/* Adds a tick to each lane's tenure; 1 if some lane is replaced. */
HERD_VECTOR_CLONES
static int age(uint16_t *restrict tenure, const float *restrict replaced, long n)
{
    int any = 0;
    for (long j = 0; j < n; j++) {
        any |= replaced[j] != 0;
        tenure[j] += tenure[j] < UINT16_MAX;
    }
    return any;
}

/* The block's uniforms, the team mates' part of its neighbour sums and where its agents'
 * variables are read. */
HERD_VECTOR_CLONES
static void prepare(const herd_org *org, long lanes, herd_block *restrict blk, agents_now *now)
{
    for (int d = 0; d < HERD_DRAWS && !blk->by_jumps; d++)
        uniforms_from_states(blk->states + d * HERD_LANES, lanes, blk->u + d * HERD_LANES);
    team_mates(org, lanes, blk);
    now->skill = org->now.skill + blk->first;
    now->engagement = org->now.engagement + blk->first;
    own_now(org, lanes, blk, now);
}

void herd_block_update(herd_org *org, const herd_agent_consts *kc, herd_block *blk)
{
    long lanes = whole_vectors(blk);
    agents_now now;
    prepare(org, lanes, blk, &now);
    neighbours(org, blk);
    fetch_ahead ahead;
    fetch_ahead_of(org, blk, lanes, &ahead);
    if (blk->wide)
        update_lanes_wide(&now, kc, &ahead, lanes, blk);
    else
        update_lanes(&now, kc, &ahead, lanes, blk);
    blk->any_replaced = age(org->tenure + blk->first, blk->replaced, blk->lanes);
}

static void hire(const herd_params *p, herd_org *org, long i, herd_block *blk, long j,
                 herd_pcg32 *rng)
{
    herd_beta skill = herd_beta_from(p->hire_skill_mean, p->hire_skill_sd);
    blk->skill[j] = (float)herd_beta_draw(&skill, rng);
    blk->engagement[j] = (float)p->hire_engagement;
    blk->initiative[j] = (float)p->initiative_mean;
    blk->bond[j] = (float)p->hire_bond;
    blk->dependence[j] = (float)p->dependence_init;
    org->perspective[i] = (float)herd_pcg32_double(rng);
    org->tenure[i] = 0;
}

double herd_block_hire(const herd_params *p, herd_org *org, herd_pcg32 *rng, herd_block *blk,
                       const herd_segment *seg)
{
    double leavers = 0;
    for (long j = seg->lane; j < seg->lane + seg->n; j++) {
        if (blk->replaced[j] != 0) {
            leavers += blk->leaves[j];
            hire(p, org, blk->first + j, blk, j, rng);
        }
    }
    return leavers;
}

HERD_VECTOR_CLONES
void herd_block_store(herd_org *org, herd_block *blk)
{
    long n = blk->lanes, first = blk->first;
    float *restrict s = org->next.skill + first, *restrict e = org->next.engagement + first;
    float *restrict a = org->next.initiative + first, *restrict b = org->next.bond + first;
    float *restrict d = org->next.dependence + first;
    const float *restrict persp = org->perspective + first;
    const uint16_t *restrict tenure = org->tenure + first;
    HERD_IVDEP
    for (long j = 0; j < n; j++) {
        s[j] = blk->skill[j];
        e[j] = blk->engagement[j];
        a[j] = blk->initiative[j];
        b[j] = blk->bond[j];
        d[j] = blk->dependence[j];
        blk->perspective[j] = persp[j];
        blk->tenure[j] = tenure[j];
    }
}

/* The sums in the order of herd_team_stats, from skill to innovations, then output. */
enum {
    SUM_SKILL, SUM_SKILL2, SUM_ENGAGEMENT, SUM_ENGAGEMENT2, SUM_INITIATIVE, SUM_BOND,
    SUM_DEPENDENCE, SUM_FRONTRUNNERS, SUM_FRONTRUNNER_SUCCESSES, SUM_TENURE, SUM_ENGAGED,
    SUM_ENGAGED_PERSPECTIVE, SUM_ENGAGED_PERSPECTIVE2, SUM_ENGAGED_SKILL, SUM_INNOVATIONS,
    SUM_OUTPUT, SUMS
};
_Static_assert(SUMS == 2 * HERD_VECTOR, "the sums fill two vectors");
#define STATS_AT(field, q)                                                                      \
    offsetof(herd_team_stats, field) == offsetof(herd_team_stats, skill) + (q) * sizeof(double)
_Static_assert(STATS_AT(tenure, SUM_TENURE) && STATS_AT(engaged, SUM_ENGAGED) &&
                   STATS_AT(engaged_skill, SUM_ENGAGED_SKILL) &&
                   STATS_AT(innovations, SUM_INNOVATIONS),
               "the stats hold the sums up to innovations in the order of the sums");

/* a[k] + a[k + 4] for k < 4, then the same of b. */
static inline herd_f8 halves(herd_f8 a, herd_f8 b)
{
    return SHUFFLE8(a, b, 0, 1, 2, 3, 8, 9, 10, 11) + SHUFFLE8(a, b, 4, 5, 6, 7, 12, 13, 14, 15);
}

/* Of halves(p, q) and halves(r, s): each half's h[k] + h[k + 2] for k < 2, in the order p, r,
 * q, s. */
static inline herd_f8 quarters(herd_f8 a, herd_f8 b)
{
    return SHUFFLE8(a, b, 0, 1, 8, 9, 4, 5, 12, 13) + SHUFFLE8(a, b, 2, 3, 10, 11, 6, 7, 14, 15);
}

static inline herd_f8 wholes(herd_f8 a, herd_f8 b)
{
    return SHUFFLE8(a, b, 0, 2, 8, 10, 4, 6, 12, 14) + SHUFFLE8(a, b, 1, 3, 9, 11, 5, 7, 13, 15);
}

/* The totals of q[0..7], each ((q0 + q4) + (q2 + q6)) + ((q1 + q5) + (q3 + q7)). */
static inline herd_f8 totals(const herd_f8 *q)
{
    return wholes(quarters(halves(q[0], q[4]), halves(q[1], q[5])),
                  quarters(halves(q[2], q[6]), halves(q[3], q[7])));
}

/* The values of lanes v..v + HERD_VECTOR - 1 that the sums add, zero outside [from, to). */
HERD_INLINE void vector_sums(const herd_block *restrict blk, herd_f8 thr, int v, int from,
                             int to, herd_f8 *c)
{
    const herd_f8 zero = {0};
    herd_f8 in = lanes_in(v, from, to);
    herd_f8 s = in * load8(blk->skill + v), e = in * load8(blk->engagement + v);
    herd_f8 a = in * load8(blk->initiative + v), persp = in * load8(blk->perspective + v);
    c[SUM_SKILL] = s;
    c[SUM_SKILL2] = s * s;
    c[SUM_ENGAGEMENT] = e;
    c[SUM_ENGAGEMENT2] = e * e;
    c[SUM_INITIATIVE] = a;
    c[SUM_BOND] = in * load8(blk->bond + v);
    c[SUM_DEPENDENCE] = in * load8(blk->dependence + v);
    c[SUM_FRONTRUNNERS] = (herd_f8)((herd_i8)in & (s * a >= thr));
    c[SUM_FRONTRUNNER_SUCCESSES] = in * load8(blk->frontrunner_success + v);
    c[SUM_TENURE] = in * load8(blk->tenure + v);
    c[SUM_ENGAGED] = zero;
    c[SUM_ENGAGED_SKILL] = e * s;
    c[SUM_ENGAGED_PERSPECTIVE] = e * persp;
    c[SUM_ENGAGED_PERSPECTIVE2] = e * persp * persp;
    c[SUM_INNOVATIONS] = in * load8(blk->succeeded + v);
    c[SUM_OUTPUT] = in * load8(blk->output + v);
}

/* A segment's sums in float, lane by lane on vectors, then across the lanes in a fixed
 * order: segments are short enough for float to keep the precision a mean needs, and are
 * added to the team's double sums in order. Lanes outside the segment are multiplied by zero:
 * every lane of a block holds a finite value, and every summed value is at least +0, so that
 * the first vector's values are its sums plus zero. The totals stay in registers: written to
 * memory and read back at other widths, they would wait for the stores to reach the cache. */
HERD_INLINE void segment_sums(const herd_block *restrict blk, float threshold, int from, int to,
                              herd_f8 *total)
{
    const herd_f8 zero = {0};
    const herd_f8 thr = zero + threshold;
    herd_f8 acc[SUMS], more[SUMS];
    int v = from / HERD_VECTOR * HERD_VECTOR;
    vector_sums(blk, thr, v, from, to, acc);
    for (v += HERD_VECTOR; v < to; v += HERD_VECTOR) {
        vector_sums(blk, thr, v, from, to, more);
        for (int q = 0; q < SUMS; q++)
            acc[q] += more[q];
    }
    total[0] = totals(acc);
    total[1] = totals(acc + HERD_VECTOR);
    total[1][SUM_ENGAGED - HERD_VECTOR] = total[0][SUM_ENGAGEMENT];
}

typedef double herd_d4 __attribute__((vector_size(4 * sizeof(double))));
typedef float herd_f4 __attribute__((vector_size(4 * sizeof(float))));
typedef int32_t herd_i4 __attribute__((vector_size(4 * sizeof(float))));

/* The sums q * 4 .. q * 4 + 3 of the totals, in double. */
static inline herd_d4 quarter_to_double(const herd_f8 *total, int q)
{
    herd_f8 t = total[q / 2];
    herd_f4 f = q % 2 == 0 ? HERD_SHUFFLE(herd_i4, t, t, 0, 1, 2, 3)
                           : HERD_SHUFFLE(herd_i4, t, t, 4, 5, 6, 7);
    return __builtin_convertvector(f, herd_d4);
}

/* Adds four sums to the doubles at to, or puts them there with the team's first segment. */
static inline void put_four(double *to, herd_d4 d, int starts)
{
    if (!starts) {
        herd_d4 had;
        memcpy(&had, to, sizeof had);
        d += had;
    }
    memcpy(to, &d, sizeof d);
}

static inline void put_sums(const herd_segment *seg, const herd_f8 *total, herd_team_stats *st)
{
    double *to = &st->skill;
    for (int q = 0; q < 3; q++)
        put_four(to + 4 * q, quarter_to_double(total, q), seg->starts);
    herd_d4 d = quarter_to_double(total, 3);
    if (seg->starts) {
        st->engaged_perspective2 = d[0];
        st->engaged_skill = d[1];
        st->innovations = d[2];
        st->output = d[3];
        return;
    }
    st->engaged_perspective2 += d[0];
    st->engaged_skill += d[1];
    st->innovations += d[2];
    st->output += d[3];
}

HERD_VECTOR_CLONES
void herd_block_sums(const herd_block *blk, float frontrunner_threshold, herd_team_stats *stats)
{
    for (long i = 0; i < blk->n_segments; i++) {
        const herd_segment *seg = &blk->seg[i];
        herd_f8 total[SUMS / HERD_VECTOR];
        segment_sums(blk, frontrunner_threshold, (int)seg->lane, (int)(seg->lane + seg->n), total);
        put_sums(seg, total, &stats[seg->team]);
    }
}
