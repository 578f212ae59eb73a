/* One tick of the model: each team's own work (its policy, its context, its coefficients),
 * and the blocks of agents that lib/tick_block.c updates. docs/MODEL.md gives every equation
 * here with the sentence of the article it comes from. Each team draws only from its own
 * stream and reads only last tick's state; teams are cut into fixed chunks, so that neither
 * the results nor the order of any sum depend on how the chunks are shared among threads.
 *
 * A block's teams are started in order, each with its view and its policy's stance; a run of
 * teams that share a stance and an environment then takes the rest of its context on vectors
 * of teams, and its segments, before the next stance is derived. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "herd/error.h"
#include "herd_config.h"
#include "memory.h"
#include "pcg32_inline.h"
#include "policy_call.h"
#include "simd.h"
#include "tick_segment.h"
#include "tick_team.h"

#if HERD_HAVE_OPENMP
#include <omp.h>
#endif

#define PERSPECTIVE_SD_UNIFORM 0.28867513459481287 /* sd of U(0,1): diversity of a random team */

/* Teams taken together on the vectors of the rest of their context. */
#define TEAM_VECTOR 4
typedef double team4 __attribute__((vector_size(TEAM_VECTOR * sizeof(double))));
typedef float team4f __attribute__((vector_size(TEAM_VECTOR * sizeof(float))));
typedef int64_t mask4 __attribute__((vector_size(TEAM_VECTOR * sizeof(double))));
typedef int32_t lanes4 __attribute__((vector_size(TEAM_VECTOR * sizeof(float))));
typedef uint64_t words4 __attribute__((vector_size(4 * sizeof(uint64_t))));

/* The helpers below are static and inlined: no call passes a vector across an ABI. GCC warns
 * at the end of the file, so the warning stays off to the end. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

/* What a thread derived last, from the cache's stance and environment. Neighbouring teams
 * mostly share both, so a thread derives them again only when they change. An environment
 * whose presence is NO_PRESENCE matches none. */
#define NO_PRESENCE (-1)
typedef struct stance_cache {
    unsigned long generation; /* counts the derivations */
    herd_stance stance;
    herd_team_env env;
    herd_stance_coeffs k;
    herd_stance_terms t;
} stance_cache;

/* Adds to *differ the bits in which the i-th words of a and b differ. */
static inline void differ_words(words4 *differ, const void *a, const void *b, size_t i)
{
    words4 x, y;
    memcpy(&x, (const char *)a + i * sizeof x, sizeof x);
    memcpy(&y, (const char *)b + i * sizeof y, sizeof y);
    *differ |= x ^ y;
}

_Static_assert(offsetof(herd_stance, front_mode) == 2 * sizeof(words4) &&
                   offsetof(herd_team_env, present) == sizeof(words4),
               "a stance's shares and an environment's intensities come first, as doubles");

/* The bits in which the i-th shares of a and b differ. */
static inline uint64_t differ_share(const herd_stance *a, const herd_stance *b, size_t i)
{
    uint64_t x, y;
    memcpy(&x, (const char *)a + i * sizeof x, sizeof x);
    memcpy(&y, (const char *)b + i * sizeof y, sizeof y);
    return x ^ y;
}

#define STANCE_SHARES (2 * sizeof(words4) / sizeof(uint64_t))

/* The same bits in every share and intensity, and the same mode and presence. The policy has
 * just stored the stance's shares a double at a time, so they are read back a double at a
 * time: a wider load would wait for those stores to reach the cache. */
static inline int cached(const herd_stance *s, const herd_team_env *env,
                         const stance_cache *cache)
{
    words4 differ = {0};
    differ_words(&differ, env, &cache->env, 0);
    differ |= HERD_SHUFFLE(words4, differ, differ, 2, 3, 0, 1);
    differ |= HERD_SHUFFLE(words4, differ, differ, 1, 0, 3, 2);
    uint64_t shares = 0;
    for (size_t i = 0; i < STANCE_SHARES; i++)
        shares |= differ_share(s, &cache->stance, i);
    unsigned modes = (unsigned)(s->front_mode ^ cache->stance.front_mode) |
                     (unsigned)(env->present ^ cache->env.present);
    return (differ[0] | shares | modes) == 0;
}

/* Zeros in every share and the mode. */
static inline void zero_stance(herd_stance *s)
{
    const words4 zero = {0};
    memcpy(s, &zero, sizeof zero);
    memcpy((char *)s + sizeof zero, &zero, sizeof zero);
    s->front_mode = 0;
}

/* Derives the cache from this stance and environment; fails if the stance is not sane. */
static int derive(const herd_sim *sim, const herd_stance *stance, const herd_team_env *env,
                  stance_cache *cache)
{
    cache->env.present = NO_PRESENCE;
    int rc = herd_stance_derive(&sim->params, stance, env, sim->org.team_size, &cache->k,
                                &cache->t);
    if (rc != HERD_OK)
        return rc;
    cache->stance = *stance;
    cache->env = *env;
    cache->generation++;
    return HERD_OK;
}

/* What a thread folds from the parameters once a tick. */
typedef struct team_consts {
    double per_member; /* 1 / team size */
    double size;
    double diversity_norm; /* 1 + diversity_gain */
} team_consts;

/* The teams of a block by their place in it: place p holds the team of the block's segment
 * p, of which the first may go on from the last block and the others start in this one. What
 * a team keeps from its start to its last segment; a team that goes on into the next block is
 * carried to place 0. Room for a vector past the last place. */
#define TEAM_PLACES (HERD_BLOCK + TEAM_VECTOR)
typedef struct block_teams {
    /* From the team's view, leader, climate and last tick, for the rest of its context. */
    float leader_skill[TEAM_PLACES], climate[TEAM_PLACES];
    double frontrunner_share[TEAM_PLACES], frontrunner_successes[TEAM_PLACES];
    /* The square roots and quotients of the views, taken for the block's teams together. */
    double skill_sd[TEAM_PLACES], maturity[TEAM_PLACES], diversity[TEAM_PLACES];
    float team_skill[TEAM_PLACES], team_engaged_skill[TEAM_PLACES];
    /* What the rest of its context makes; the last vector writes a float past its places. */
    herd_own_coeffs own[TEAM_PLACES + 1];
    double coordination_gap[TEAM_PLACES], own_output[TEAM_PLACES], idea_chance[TEAM_PLACES];
    double output_factor[TEAM_PLACES], innovation_value[TEAM_PLACES], leavers[TEAM_PLACES];
} block_teams;

/* What a thread keeps from block to block and from tick to tick. */
typedef struct herd_tick_work {
    team_consts tc;
    stance_cache cache;
    herd_agent_consts kc;
    herd_block blk;
    block_teams teams;
    herd_team_env env[HERD_BLOCK]; /* by place */
} tick_work;

/* What the team's policy sees: last tick's sums per member, and this tick's environment;
 * its skill's spread and its maturity from its place. */
HERD_INLINE void team_view(const herd_sim *sim, const team_consts *tc, long team,
                           const block_teams *bt, long place, const herd_team_env *env,
                           herd_team_view *v)
{
    const herd_team_stats *st = &sim->stats[team];
    double per_member = tc->per_member;
    *v = (herd_team_view){
        .tick = sim->tick,
        .team = team,
        .size = sim->org.team_size,
        .skill = st->skill * per_member,
        .skill_sd = bt->skill_sd[place],
        .engagement = st->engagement * per_member,
        .initiative = st->initiative * per_member,
        .bond = st->bond * per_member,
        .dependence = st->dependence * per_member,
        .frontrunner_share = st->frontrunners * per_member,
        .maturity = bt->maturity[place],
        .output = st->output * per_member,
        .performance = (st->output + st->innovation_value) * per_member,
        .innovation = st->innovations * per_member,
        .coordination_gap = st->coordination_gap,
        .crisis = env->crisis,
        .novelty = env->novelty,
        .leader_present = env->present,
        .leader_skill = sim->leader_skill[team],
    };
}

/* Teams ahead whose data are fetched into the cache while a team decides. The views read
 * each team's stats, three lines a team, and its policy its state, among the many other
 * streams of a block, and the hardware alone does not fetch them in time (bench/README.md).
 * The arrays of a few bytes a team are fetched from twice as far, so that the addresses of a
 * team's policy and of its state are in the cache when the state is fetched. At 10^6 agents
 * in teams of 10, 16 teams ahead gave more than 6 or 24. */
#define TEAMS_AHEAD 16

static inline void prefetch_team(const herd_sim *sim, long team, int all)
{
    long near = team + TEAMS_AHEAD, far = near + TEAMS_AHEAD;
    if (far >= sim->org.n_teams)
        return;
    const char *stats = (const char *)(sim->stats + near);
    for (size_t line = 0; line < sizeof *sim->stats; line += 64)
        __builtin_prefetch(stats + line);
    __builtin_prefetch(stats + sizeof *sim->stats - 1);
    if (!all)
        return;
    __builtin_prefetch(sim->team_rng + far);
    __builtin_prefetch(sim->crisis_left + far);
    __builtin_prefetch(sim->leader_skill + far);
    __builtin_prefetch(sim->climate + far);
    __builtin_prefetch(sim->policy + far);
    __builtin_prefetch(sim->policy_state + far);
    const char *state = sim->policy_state[near];
    size_t state_size = sim->policy[near]->state_size;
    __builtin_prefetch(state);
    if (state_size > 1)
        __builtin_prefetch(state + state_size - 1);
}

/* The team's view and what its policy's decide returns, with the stance, zeroed before, in
 * *stance; what the view, the leader, the climate and last tick give the rest of the team's
 * context goes to its place. */
HERD_INLINE int decide(herd_sim *sim, tick_work *w, long team, long place,
                       herd_stance *stance)
{
    block_teams *bt = &w->teams;
    herd_team_view view;
    team_view(sim, &w->tc, team, bt, place, &w->env[place], &view);
    const herd_team_stats *st = &sim->stats[team];
    bt->leader_skill[place] = sim->leader_skill[team];
    bt->climate[place] = sim->climate[team];
    bt->frontrunner_share[place] = view.frontrunner_share;
    bt->frontrunner_successes[place] = st->frontrunner_successes;
    bt->team_skill[place] = (float)st->skill;
    bt->team_engaged_skill[place] = (float)st->engaged_skill;
    zero_stance(stance);
    return herd_policy_call(sim->policy[team], sim->policy_state[team], &view, stance);
}

/* A vector of doubles or floats from p. */
static inline team4 load4(const double *p)
{
    team4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline team4 load4f(const float *p)
{
    team4f v;
    memcpy(&v, p, sizeof v);
    return __builtin_convertvector(v, team4);
}

static inline void store4(double *p, team4 v)
{
    memcpy(p, &v, sizeof v);
}

static inline team4f to_float(team4 v)
{
    return __builtin_convertvector(v, team4f);
}

static inline team4f load4f_as_float(const float *p)
{
    team4f v;
    memcpy(&v, p, sizeof v);
    return v;
}

_Static_assert(sizeof(herd_own_coeffs) == 7 * sizeof(float),
               "a team's own coefficients are 7 floats");

/* The coefficients of four teams, f[c] the c-th of herd_own_coeffs for each, into own[0..3];
 * the last writes a float past own[3]. */
static inline void store_own(herd_own_coeffs *own, const team4f *f)
{
    team4f a0 = HERD_SHUFFLE(lanes4, f[0], f[1], 0, 4, 1, 5);
    team4f a1 = HERD_SHUFFLE(lanes4, f[0], f[1], 2, 6, 3, 7);
    team4f a2 = HERD_SHUFFLE(lanes4, f[2], f[3], 0, 4, 1, 5);
    team4f a3 = HERD_SHUFFLE(lanes4, f[2], f[3], 2, 6, 3, 7);
    team4f b0 = HERD_SHUFFLE(lanes4, f[4], f[5], 0, 4, 1, 5);
    team4f b1 = HERD_SHUFFLE(lanes4, f[4], f[5], 2, 6, 3, 7);
    team4f b2 = HERD_SHUFFLE(lanes4, f[6], f[6], 0, 4, 1, 5);
    team4f b3 = HERD_SHUFFLE(lanes4, f[6], f[6], 2, 6, 3, 7);
    team4f head[TEAM_VECTOR] = {
        HERD_SHUFFLE(lanes4, a0, a2, 0, 1, 4, 5), HERD_SHUFFLE(lanes4, a0, a2, 2, 3, 6, 7),
        HERD_SHUFFLE(lanes4, a1, a3, 0, 1, 4, 5), HERD_SHUFFLE(lanes4, a1, a3, 2, 3, 6, 7)};
    team4f tail[TEAM_VECTOR] = {
        HERD_SHUFFLE(lanes4, b0, b2, 0, 1, 4, 5), HERD_SHUFFLE(lanes4, b0, b2, 2, 3, 6, 7),
        HERD_SHUFFLE(lanes4, b1, b3, 0, 1, 4, 5), HERD_SHUFFLE(lanes4, b1, b3, 2, 3, 6, 7)};
    for (int t = 0; t < TEAM_VECTOR; t++) {
        memcpy((char *)(own + t), &head[t], sizeof head[t]);
        memcpy((char *)(own + t) + sizeof head[t], &tail[t], sizeof tail[t]);
    }
}

/* yes where the mask is set, no elsewhere. */
static inline team4 pick(mask4 mask, team4 yes, team4 no)
{
    return (team4)((mask & (mask4)yes) | (~mask & (mask4)no));
}

/* x < 0 ? 0 : (x > 1 ? 1 : x), lane by lane. */
static inline team4 clamp01_4(team4 x)
{
    const team4 zero = {0}, one = zero + 1;
    x = pick(x > one, one, x);
    return pick(x < zero, zero, x);
}

static inline team4 sqrt4(team4 x)
{
    for (int k = 0; k < TEAM_VECTOR; k++)
        x[k] = sqrt(x[k]);
    return x;
}

/* The spread of skill, the maturity and the diversity of perspectives of the teams at places
 * from..to-1 of the block whose place 0 holds team `base`, on whole vectors of places: one
 * team's divisions and square roots need not wait for the last's. Places past `to` take the
 * values of the team at to - 1: the teams after it may belong to another thread's chunk. */
HERD_INLINE void team_roots(const herd_sim *sim, const team_consts *tc, long base, long from,
                            long to, block_teams *bt)
{
    const team4 zero = {0}, one = zero + 1;
    const double maturity_ticks = sim->params.maturity_ticks;
    const long last = base + to - 1;
    for (long i = from; i < to; i += TEAM_VECTOR) {
        team4 skill, skill2, tenure, engaged, perspective, perspective2;
        for (int k = 0; k < TEAM_VECTOR; k++) {
            const herd_team_stats *st = &sim->stats[base + i + k < last ? base + i + k : last];
            skill[k] = st->skill;
            skill2[k] = st->skill2;
            tenure[k] = st->tenure;
            engaged[k] = st->engaged;
            perspective[k] = st->engaged_perspective;
            perspective2[k] = st->engaged_perspective2;
        }
        skill *= tc->per_member;
        team4 var = skill2 * tc->per_member - skill * skill;
        store4(bt->skill_sd + i, pick(var > zero, sqrt4(var), zero));
        tenure *= tc->per_member;
        team4 ripe = tenure + maturity_ticks;
        store4(bt->maturity + i, pick(ripe > zero, tenure / ripe, one));
        team4 mean = perspective / engaged;
        var = perspective2 / engaged - mean * mean;
        team4 diversity = pick(var > zero, sqrt4(var) / PERSPECTIVE_SD_UNIFORM, zero);
        store4(bt->diversity + i, pick(engaged <= zero, zero, diversity));
    }
}

/* The part of the context of the teams at places from..to-1 that depends on their leaders,
 * climates and last tick, from the stance terms they share, on whole vectors of places: what
 * runs past `to` is overwritten by the places after. */
HERD_INLINE void team_parts(const herd_params *p, const team_consts *tc,
                            const herd_stance_terms *t, block_teams *bt, long from, long to)
{
    const team4 zero = {0};
    for (long i = from; i < to; i += TEAM_VECTOR) {
        team4 knowledge = load4f(bt->leader_skill + i) * t->keep_knowledge;
        team4f leader_knowledge = to_float(knowledge);
        /* Coordination needed against coordination supplied by direction (worth more in a
         * crisis) and by mature front-runners and collaboration (worth less in a crisis). */
        team4 gap = zero;
        if (!(t->need <= 0)) {
            team4 distributed = p->coord_frontrunners * load4(bt->frontrunner_share + i) *
                                    load4(bt->maturity + i) +
                                t->collab_supply;
            distributed *= t->degrade;
            gap = clamp01_4(1 - (t->directed + distributed) / t->need);
        }
        team4 stress = t->stress_base + p->stress_shortfall * gap;
        team4f genius = to_float(t->genius_base *
                                 (1 + p->diversity_gain * load4(bt->diversity + i)) /
                                 tc->diversity_norm);
        team4f follow =
            to_float(t->follow_base * load4(bt->frontrunner_successes + i) / tc->size);
        team4f eng_target = to_float(p->engagement_base + load4f(bt->climate + i) +
                                     t->autonomy + t->relatedness + t->recognition + t->support +
                                     t->inspiration - p->engagement_stress * stress -
                                     t->confusion);
        /* Creative resolution: an idea that works still has to be integrated into what the
         * team does, which a team short of coordination fails to do. */
        team4f resolution = to_float(1 - p->resolution_gap * gap);
        team4f team_skill = load4f_as_float(bt->team_skill + i);
        team4f team_engaged_skill = load4f_as_float(bt->team_engaged_skill + i);
#define HERD_OWN_VECTOR(name) [offsetof(herd_own_coeffs, name) / sizeof(float)] = name,
        const team4f own[] = {HERD_OWN_COEFFS(HERD_OWN_VECTOR)};
#undef HERD_OWN_VECTOR
        store_own(bt->own + i, own);
        store4(bt->coordination_gap + i, gap);
        store4(bt->own_output + i, t->own_output * knowledge);
        store4(bt->idea_chance + i, t->idea_rate * knowledge);
        store4(bt->output_factor + i, 1 - p->coord_loss * gap);
        store4(bt->innovation_value + i, zero + t->innovation_value);
        store4(bt->leavers + i, zero);
    }
}

/* The segment's lanes take the coefficients of its team, at place p, and its draws. */
HERD_INLINE void add_segment(herd_sim *sim, tick_work *w, long p)
{
    const herd_segment *seg = &w->blk.seg[p];
    herd_block_segment(&w->cache.k, w->cache.generation, &w->teams.own[p],
                       &sim->team_rng[seg->team], &w->blk, seg);
}

/* The teams at places from..to-1, which share the cache's stance and environment: the rest of
 * their context, and their segments. */
HERD_INLINE void take_stance(herd_sim *sim, tick_work *w, long from, long to)
{
    team_parts(&sim->params, &w->tc, &w->cache.t, &w->teams, from, to);
    for (long p = from; p < to; p++)
        add_segment(sim, w, p);
}

/* The block's teams take their environments and their policies' stances in order; at each
 * change of stance or environment, the run of teams before it takes the rest of its context
 * and its segments. A team that goes on from the last block keeps its stance, which the cache
 * still holds. */
HERD_INLINE int fill_block(herd_sim *sim, tick_work *w)
{
    herd_block *blk = &w->blk;
    long places = blk->n_segments, first = blk->seg[0].starts ? 0 : 1;
    long base = blk->seg[0].team;
    if (first == 1)
        add_segment(sim, w, 0);
    if (places > first) {
        herd_team_environments(sim, base + first, places - first, w->env + first);
        team_roots(sim, &w->tc, base, first, places, &w->teams);
    }
    long run = first;
    for (long p = first; p < places; p++) {
        long team = base + p;
        prefetch_team(sim, team, w->blk.fetch);
        herd_stance stance;
        int rc = decide(sim, w, team, p, &stance);
        const herd_team_env *env = &w->env[p];
        int refused = 0;
        if (rc == 0 && !cached(&stance, env, &w->cache)) {
            take_stance(sim, w, run, p);
            run = p;
            refused = derive(sim, &stance, env, &w->cache) != HERD_OK;
        }
        if (rc != 0 || refused)
            return herd_sim_policy_failed(sim, team, rc, &stance);
        const herd_stance_terms *t = &w->cache.t;
        herd_team_stats *st = &sim->stats[team];
        st->attention = t->attention;
        st->crisis = t->crisis;
        st->novelty = t->novelty;
        st->present = t->present;
        st->front_mode = t->front_mode;
    }
    take_stance(sim, w, run, places);
    return HERD_OK;
}

/* The leader's own work and idea, and the team's totals. */
HERD_INLINE void finish_team(herd_team_stats *st, herd_pcg32 *rng, const block_teams *bt,
                            long p)
{
    st->output += bt->own_output[p];
    if (herd_pcg32_below(rng, bt->idea_chance[p]))
        st->innovations += 1;
    st->output *= bt->output_factor[p];
    st->innovation_value = st->innovations * bt->innovation_value[p];
    st->leavers = bt->leavers[p];
    st->coordination_gap = bt->coordination_gap[p];
}

/* Carries what the team at place `from` keeps to place 0. */
static void carry_team(block_teams *bt, long from)
{
#define HERD_CARRY(name) bt->name[0] = bt->name[from];
    HERD_CARRY(own)
    HERD_CARRY(coordination_gap)
    HERD_CARRY(own_output)
    HERD_CARRY(idea_chance)
    HERD_CARRY(output_factor)
    HERD_CARRY(innovation_value)
    HERD_CARRY(leavers)
#undef HERD_CARRY
}

_Static_assert(HERD_VECTOR * sizeof(float) == sizeof(words4), "a vector of lanes is 4 words");

/* 1 if a lane of the vector at `at` is replaced (1, not +0). */
static inline int any_replaced(const float *at)
{
    words4 x;
    memcpy(&x, at, sizeof x);
    x |= HERD_SHUFFLE(words4, x, x, 2, 3, 0, 1);
    x |= HERD_SHUFFLE(words4, x, x, 1, 0, 3, 2);
    return x[0] != 0;
}

/* Each segment that has a replaced lane hires, in order; the others have nothing to do. */
HERD_INLINE void hire_block(herd_sim *sim, tick_work *w)
{
    herd_block *blk = &w->blk;
    const float *replaced = blk->replaced;
    long p = 0, done = 0; /* lanes below done are hired for */
    for (long v = 0; v < blk->lanes; v += HERD_VECTOR) {
        if (v + HERD_VECTOR <= done || !any_replaced(replaced + v))
            continue;
        for (long j = v > done ? v : done; j < v + HERD_VECTOR && j < blk->lanes; j++) {
            if (replaced[j] == 0)
                continue;
            while (j >= blk->seg[p].lane + blk->seg[p].n)
                p++;
            const herd_segment *seg = &blk->seg[p];
            w->teams.leavers[p] += herd_block_hire(&sim->params, &sim->org,
                                                   &sim->team_rng[seg->team], blk, seg);
            done = seg->lane + seg->n;
            j = done - 1;
        }
    }
}

/* The rest of the block's tick once its segments are added. */
HERD_INLINE void finish_block(herd_sim *sim, tick_work *w)
{
    herd_block *blk = &w->blk;
    herd_org *org = &sim->org;
    block_teams *bt = &w->teams;
    herd_block_update(org, &w->kc, blk);
    if (blk->any_replaced)
        hire_block(sim, w);
    herd_block_store(org, blk);
    herd_block_sums(blk, w->kc.frontrunner_threshold, sim->stats);
    /* Every segment but the last ends its team; the place of segment p is team base + p. */
    long last = blk->n_segments - 1, base = blk->seg[0].team;
    long ending = blk->seg[last].ends ? last + 1 : last;
    herd_team_stats *st = sim->stats + base;
    herd_pcg32 *rng = sim->team_rng + base;
    for (long p = 0; p < ending; p++)
        finish_team(&st[p], &rng[p], bt, p);
    if (ending == last && last > 0)
        carry_team(bt, last);
}

/* The block's segments from agent `offset` of team *team on: at most HERD_BLOCK lanes, and
 * the block ends after a segment that does not finish its team, so that each team has one
 * segment in the block. Moves *team and *offset past them. */
HERD_INLINE void cut_block(long size, long last, long *team, long *offset, herd_block *blk)
{
    long t = *team, at = *offset, lanes = 0, n_segments = 0;
    blk->first = t * size + at;
    if (at == 0 && size <= HERD_SEGMENT) {
        /* Whole teams, a segment each. */
        n_segments = last - t < HERD_BLOCK / size ? last - t : HERD_BLOCK / size;
        for (long i = 0; i < n_segments; i++)
            blk->seg[i] = (herd_segment){t + i, i * size, size, 1, 1};
        t += n_segments;
        lanes = n_segments * size;
    }
    while (t < last) {
        long n = size - at < HERD_SEGMENT ? size - at : HERD_SEGMENT;
        if (lanes + n > HERD_BLOCK)
            break;
        blk->seg[n_segments++] = (herd_segment){t, lanes, n, at == 0, at + n == size};
        lanes += n;
        at += n;
        if (at < size)
            break;
        t++;
        at = 0;
    }
    blk->lanes = lanes;
    blk->n_segments = n_segments;
    *team = t;
    *offset = at;
}

/* The chunk's teams, cut into segments of at most HERD_SEGMENT agents, packed into blocks of
 * at most HERD_BLOCK lanes. Every team's draws keep their order: its crisis, then per segment
 * the agents' draws and the hires, then its leader's. */
HERD_VECTOR_CLONES
static int tick_chunk(herd_sim *sim, long chunk, tick_work *w)
{
    long team = chunk * sim->chunk_teams;
    long last = team + sim->chunk_teams < sim->org.n_teams ? team + sim->chunk_teams
                                                            : sim->org.n_teams;
    long offset = 0; /* of the next segment in its team */
    w->blk.chunk_end = last * sim->org.team_size;
    while (team < last) {
        cut_block(sim->org.team_size, last, &team, &offset, &w->blk);
        int rc = fill_block(sim, w);
        if (rc != HERD_OK)
            return rc;
        finish_block(sim, w);
    }
    return HERD_OK;
}

/* The threads the next tick runs on. */
static int tick_threads(const herd_sim *sim)
{
#if HERD_HAVE_OPENMP
    int threads = sim->settings.threads > 0 ? sim->settings.threads : omp_get_max_threads();
    long min_agents = sim->settings.parallel_min_agents > 0 ? sim->settings.parallel_min_agents
                                                            : HERD_PARALLEL_MIN_AGENTS;
    return threads > 1 && sim->org.n_agents >= min_agents ? threads : 1;
#else
    (void)sim;
    return 1;
#endif
}

/* Work spaces start zeroed, so that the lanes and places the vectors read before any block
 * writes them hold defined values; after, they hold what earlier blocks left, which only
 * lanes and places that are thrown away read. The stance cache's generations go on counting
 * from tick to tick, so that a block never takes a stance of an earlier tick for its own. */
int herd_tick_reserve(herd_sim *sim)
{
    int threads = tick_threads(sim);
    if (threads <= sim->work_threads)
        return HERD_OK;
    tick_work *work = herd_calloc(&sim->alloc, (size_t)threads, sizeof *work);
    if (work == NULL)
        return HERD_ENOMEM;
    for (int t = 0; t < threads; t++)
        herd_jumps_init(&work[t].blk.jumps);
    herd_tick_release(sim);
    sim->work = work;
    sim->work_threads = threads;
    return HERD_OK;
}

void herd_tick_release(herd_sim *sim)
{
    herd_free(&sim->alloc, sim->work);
    sim->work = NULL;
    sim->work_threads = 0;
}

/* Fetching the agents and the small per-team arrays ahead costs a few per cent where the
 * cache holds what a tick reads from one tick to the next, and gains a fifth at 10^6 agents;
 * on a machine with 32 MB of cache it paid from about this size on (bench/README.md). The
 * results do not depend on it. */
#define FETCH_MIN_BYTES (24.0 * 1024 * 1024)

int herd_tick_fetches_ahead(const herd_params *p)
{
    return herd_memory_estimate(p, 0) > FETCH_MIN_BYTES;
}

/* What a thread takes afresh each tick: the parameters, and a stance cache that matches
 * nothing. */
static void work_begin(const herd_sim *sim, tick_work *w)
{
    w->cache.env.present = NO_PRESENCE;
    herd_agent_consts_fold(&sim->params, &w->kc);
    w->blk.wide = !sim->narrow && herd_simd_wide();
    w->blk.by_jumps = w->blk.wide || sim->by_jumps;
    w->blk.department = sim->params.department_teams * sim->org.team_size;
    w->blk.fetch = sim->fetch_ahead;
    w->tc.per_member = 1 / (double)sim->org.team_size;
    w->tc.size = (double)sim->org.team_size;
    w->tc.diversity_norm = 1 + sim->params.diversity_gain;
}

int herd_tick(herd_sim *sim)
{
    int status = HERD_OK;
    int threads = tick_threads(sim);
    if (threads > sim->work_threads)
        return HERD_ENOMEM;
#if HERD_HAVE_OPENMP
#pragma omp parallel num_threads(threads) if (threads > 1)
#endif
    {
#if HERD_HAVE_OPENMP
        tick_work *w = &sim->work[omp_get_thread_num()];
#else
        tick_work *w = &sim->work[0];
#endif
        work_begin(sim, w);
#if HERD_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (long c = 0; c < sim->n_chunks; c++) {
            int rc = tick_chunk(sim, c, w);
            if (rc != HERD_OK) {
#if HERD_HAVE_OPENMP
#pragma omp critical(herd_tick_status)
#endif
                status = rc;
            }
            herd_record_chunk(sim, c);
        }
    }
    return status;
}
