/* One tick of the model: each team's own work (its policy, its context, its coefficients),
 * and the blocks of agents that lib/tick_block.c updates. docs/MODEL.md gives every equation
 * here with the sentence of the article it comes from. Each team draws only from its own
 * stream and reads only last tick's state; teams are cut into fixed chunks, so that neither
 * the results nor the order of any sum depend on how the chunks are shared among threads. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "clones.h"
#include "herd/error.h"
#include "herd_config.h"
#include "pcg32_inline.h"
#include "tick_internal.h"

#if HERD_HAVE_OPENMP
#include <omp.h>
#endif

#define PERSPECTIVE_SD_UNIFORM 0.28867513459481287 /* sd of U(0,1): diversity of a random team */
#define BASE_COLLABORATION 0.2                     /* collaboration that happens unasked */

/* What a team's leader and situation amount to this tick, per member: the part that follows
 * from the stance and the environment alone. */
typedef struct team_context {
    double direction, support, recognition, own_work, delegation, collaboration, training,
        plan;
    double novelty, crisis;
    double innovation_value;   /* value of one success this tick */
    double expected_direction; /* dependence this direction sustains */
    double credit;
    double hiring;
    double attention, front_mode;
} team_context;

static double clamp01(double x)
{
    return x < 0 ? 0 : (x > 1 ? 1 : x);
}

static void scale_stance(herd_stance *s, double factor)
{
    s->direction = clamp01(s->direction * factor);
    s->support = clamp01(s->support * factor);
    s->recognition = clamp01(s->recognition * factor);
    s->own_work = clamp01(s->own_work * factor);
    s->delegation = clamp01(s->delegation * factor);
    s->collaboration = clamp01(s->collaboration * factor);
    s->training = clamp01(s->training * factor);
    s->plan = clamp01(s->plan * factor);
}

static int sane_stance(const herd_stance *s)
{
    const double v[] = {s->direction, s->support,       s->recognition, s->own_work,
                        s->delegation, s->collaboration, s->training,    s->plan};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!(v[i] >= 0 && v[i] <= HERD_STANCE_SHARE_MAX))
            return 0;
    return 1;
}

static void stance_to_context(const herd_params *p, const herd_stance *s_in,
                              const herd_team_env *env, long size, team_context *c)
{
    herd_stance s = *s_in;
    double wanted = herd_stance_attention(&s);
    double scale = wanted > 1 ? 1 / wanted : 1;
    scale_stance(&s, scale * p->attention_budget);
    double per_person = fmin(1, p->span_of_control / (double)size);
    double present = env->present ? 1 : 0;
    c->direction = s.direction * per_person * present;
    c->support = s.support * per_person * present;
    c->recognition = s.recognition * per_person * present;
    c->training = clamp01(s.training * per_person * present + env->training);
    c->own_work = s.own_work * present;
    c->delegation = s.delegation;
    c->collaboration = s.collaboration;
    c->plan = s.plan;
    c->attention = wanted * scale * present;
    c->front_mode = s_in->front_mode ? 1 : 0;
}

/* The parts of the context that follow from the stance and the environment alone. */
static void stance_context(const herd_params *p, const herd_stance *stance,
                           const herd_team_env *env, long size, team_context *c)
{
    stance_to_context(p, stance, env, size, c);
    c->novelty = env->novelty;
    c->crisis = env->crisis;
    c->hiring = env->hiring;
    c->innovation_value = p->innovation_value * (1 + p->novelty_value * env->novelty);
    c->expected_direction = fmin(1, p->dependence_gain * c->direction);
    c->credit = clamp01(1 - p->credit_taken * (c->direction + c->own_work) +
                        p->credit_support * (c->support + c->recognition));
}

static double collaboration(const herd_params *p, const team_context *c)
{
    return clamp01(BASE_COLLABORATION + p->genius_collab * c->collaboration);
}

/* The coefficients that follow from the parameters, the stance and the environment. */
static void fold_coeffs(const herd_params *p, const team_context *c, herd_stance_coeffs *k)
{
    double attempt = p->attempt_rate * fmax(0, 1 - p->direction_suppress * c->direction) *
                     (1 + p->novelty_opportunity * c->novelty);
    k->attempt = (float)attempt;
    k->frontrunner_attempt = (float)(attempt * (1 + p->delegation_boost * c->delegation));
    k->success_base = (float)(p->plan_gain * c->plan - p->novelty_risk * c->novelty);
    k->quality_keep = (float)(1 - p->novelty_skill_loss * c->novelty);
    k->quality_pull = (float)(p->direction_gain * c->direction);
    k->quality_confusion = (float)(p->confusion * c->direction * c->novelty);
    k->expected_direction = (float)c->expected_direction;
    k->eng_success = (float)(p->success_engagement * c->credit);
    k->ini_target = (float)(-p->initiative_direction * c->direction +
                            p->initiative_delegation * c->delegation);
    k->learn_fixed = (float)(p->learn_coaching * c->support + p->learn_training * c->training);
    k->learn_direction = (float)(p->learn_direction * c->direction);
    k->bond_target = (float)(p->bond_support * c->support + p->bond_recognition * c->recognition +
                             p->bond_trust * (1 - c->direction) +
                             p->bond_collab * c->collaboration);
    k->hiring = (float)c->hiring;
}

/* The first operations of each team's own context that follow from the stance and the
 * environment alone: a team's formula goes on from them in the order it always had. */
typedef struct stance_terms {
    double keep_knowledge; /* 1 - novelty: the share of the leader's skill that stays current */
    double need, directed, collab_supply, degrade; /* of the coordination gap */
    double stress_base;
    double genius_base, follow_base;
    /* The terms of the engagement target after the team's climate. */
    double autonomy, relatedness, recognition, support, inspiration, confusion;
    double own_output, idea_rate; /* the leader's own work per unit of its knowledge */
    double innovation_value;
    /* What the team's stats record of the tick, in their order. */
    double attention, crisis, novelty, present, front_mode;
} stance_terms;

static void derive_terms(const herd_params *p, const team_context *c, int present,
                         stance_terms *t)
{
    double collab = collaboration(p, c);
    t->keep_knowledge = 1 - c->novelty;
    t->need = p->coord_need + p->coord_need_crisis * c->crisis;
    t->directed = c->direction * (p->coord_direction + p->coord_direction_crisis * c->crisis);
    t->collab_supply = p->coord_collab * collab;
    t->degrade = 1 - p->coord_crisis_degrade * c->crisis;
    t->stress_base = c->crisis * (1 - p->stress_plan * c->plan);
    t->genius_base = p->genius_gain * collab;
    t->follow_base = p->follow_gain * c->delegation;
    t->autonomy = p->engagement_autonomy * (1 - c->direction);
    t->relatedness = p->engagement_relatedness * 0.5 * collab;
    t->recognition = p->engagement_recognition * c->recognition;
    t->support = p->engagement_support * c->support;
    t->inspiration = p->engagement_inspiration * c->own_work;
    t->confusion = p->engagement_confusion * c->direction * c->novelty;
    t->own_output = p->own_work_output * c->own_work;
    t->idea_rate = p->leader_idea_rate * c->own_work;
    t->innovation_value = c->innovation_value;
    t->attention = c->attention;
    t->crisis = c->crisis;
    t->novelty = c->novelty;
    t->present = present;
    t->front_mode = c->front_mode;
}

/* What a thread last derived from a stance and an environment. Neighbouring teams mostly
 * share both, so a thread derives them again only when they change. */
typedef struct stance_cache {
    int valid;
    unsigned long generation; /* counts the times k and t were derived */
    herd_stance stance;
    herd_team_env env;
    herd_stance_coeffs k;
    stance_terms t;
} stance_cache;

typedef uint64_t words4 __attribute__((vector_size(4 * sizeof(uint64_t))));

/* 1 if the 4 x n doubles at a and at b have the same bits. */
static inline int same_bits(const void *a, const void *b, size_t n)
{
    words4 differ = {0};
    for (size_t i = 0; i < n; i++) {
        words4 x, y;
        memcpy(&x, (const char *)a + i * sizeof x, sizeof x);
        memcpy(&y, (const char *)b + i * sizeof y, sizeof y);
        differ |= x ^ y;
    }
    return (differ[0] | differ[1] | differ[2] | differ[3]) == 0;
}

_Static_assert(offsetof(herd_stance, front_mode) == 8 * sizeof(double) &&
                   offsetof(herd_team_env, present) == 4 * sizeof(double),
               "a stance's shares and an environment's intensities come first, as doubles");

/* The same bits in every share, and the same mode. */
static int same_stance(const herd_stance *a, const herd_stance *b)
{
    return same_bits(a, b, 2) && a->front_mode == b->front_mode;
}

static int same_env(const herd_team_env *a, const herd_team_env *b)
{
    return same_bits(a, b, 1) && a->present == b->present;
}

/* Derives the cache from this stance and environment; fails if the stance is not sane. */
static int derive_stance(const herd_sim *sim, const herd_stance *stance,
                         const herd_team_env *env, stance_cache *cache)
{
    cache->valid = 0;
    if (!sane_stance(stance))
        return HERD_EPOLICY;
    team_context c;
    stance_context(&sim->params, stance, env, sim->org.team_size, &c);
    fold_coeffs(&sim->params, &c, &cache->k);
    derive_terms(&sim->params, &c, env->present, &cache->t);
    cache->stance = *stance;
    cache->env = *env;
    cache->valid = 1;
    cache->generation++;
    return HERD_OK;
}

/* Brings the cache to this stance and environment; fails if the stance is not sane. */
HERD_INLINE int use_stance(const herd_sim *sim, const herd_stance *stance,
                           const herd_team_env *env, stance_cache *cache)
{
    if (cache->valid && same_stance(stance, &cache->stance) && same_env(env, &cache->env))
        return HERD_OK;
    return derive_stance(sim, stance, env, cache);
}

/* What a thread folds from the parameters once a tick. */
typedef struct team_consts {
    double per_member; /* 1 / team size */
    double size;
    double diversity_norm; /* 1 + diversity_gain */
} team_consts;

/* What the team's policy sees: last tick's sums per member, and this tick's environment. */
HERD_INLINE void team_view(const herd_sim *sim, const team_consts *tc, long team,
                           const herd_team_env *env, herd_team_view *v)
{
    const herd_team_stats *st = &sim->stats[team];
    const herd_params *p = &sim->params;
    double per_member = tc->per_member;
    double skill = st->skill * per_member;
    double var = st->skill2 * per_member - skill * skill;
    double tenure = st->tenure * per_member;
    *v = (herd_team_view){
        .tick = sim->tick,
        .team = team,
        .size = sim->org.team_size,
        .skill = skill,
        .skill_sd = var > 0 ? sqrt(var) : 0,
        .engagement = st->engagement * per_member,
        .initiative = st->initiative * per_member,
        .bond = st->bond * per_member,
        .dependence = st->dependence * per_member,
        .frontrunner_share = st->frontrunners * per_member,
        .maturity = tenure + p->maturity_ticks > 0 ? tenure / (tenure + p->maturity_ticks) : 1,
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

/* Coordination needed against coordination supplied by direction (worth more in a crisis)
 * and by mature front-runners and collaboration (worth less in a crisis). */
static double coordination_gap(const herd_params *p, const stance_terms *t,
                               const herd_team_view *v)
{
    if (t->need <= 0)
        return 0;
    double distributed = p->coord_frontrunners * v->frontrunner_share * v->maturity +
                         t->collab_supply;
    distributed *= t->degrade;
    return clamp01(1 - (t->directed + distributed) / t->need);
}

static double perspective_diversity(const herd_team_stats *st)
{
    if (st->engaged <= 0)
        return 0;
    double mean = st->engaged_perspective / st->engaged;
    double var = st->engaged_perspective2 / st->engaged - mean * mean;
    return var > 0 ? sqrt(var) / PERSPECTIVE_SD_UNIFORM : 0;
}

/* A team between its first segment and its last: what its own work made of this tick and
 * what its last segment needs of it. What it records goes straight to its stats, which the
 * team alone reads and only before its first segment. */
typedef struct team_slot {
    herd_own_coeffs k;
    unsigned long generation; /* of the stance cache that the stance coefficients came from */
    double own_output, idea_chance, output_factor, innovation_value;
    double leavers;
} team_slot;

/* The part of the team's context that depends on its leader, climate and last tick, and the
 * coefficients and stats it makes. */
HERD_INLINE void team_part(herd_sim *sim, const team_consts *tc, long team,
                           const stance_terms *t, const herd_team_view *view, team_slot *slot)
{
    const herd_params *p = &sim->params;
    herd_team_stats *st = &sim->stats[team];
    double knowledge = sim->leader_skill[team] * t->keep_knowledge;
    double gap = coordination_gap(p, t, view);
    double stress = t->stress_base + p->stress_shortfall * gap;
    double diversity = perspective_diversity(st);
    double genius = t->genius_base * (1 + p->diversity_gain * diversity) / tc->diversity_norm;
    double follow = t->follow_base * st->frontrunner_successes / tc->size;
    double target = p->engagement_base + sim->climate[team] + t->autonomy + t->relatedness +
                    t->recognition + t->support + t->inspiration -
                    p->engagement_stress * stress - t->confusion;
    /* Creative resolution: an idea that works still has to be integrated into what the team
     * does, which a team short of coordination fails to do. */
    slot->k.resolution = (float)(1 - p->resolution_gap * gap);
    slot->k.follow = (float)follow;
    slot->k.genius = (float)genius;
    slot->k.eng_target = (float)target;
    slot->k.leader_knowledge = (float)knowledge;
    slot->k.team_skill = (float)st->skill;
    slot->k.team_engaged_skill = (float)st->engaged_skill;
    slot->own_output = t->own_output * knowledge;
    slot->idea_chance = t->idea_rate * knowledge;
    slot->output_factor = 1 - p->coord_loss * gap;
    slot->innovation_value = t->innovation_value;
    slot->leavers = 0;
    st->coordination_gap = gap;
    st->attention = t->attention;
    st->crisis = t->crisis;
    st->novelty = t->novelty;
    st->present = t->present;
    st->front_mode = t->front_mode;
}

/* What a thread keeps through a tick. A block holds segments of at most HERD_BLOCK distinct
 * consecutive teams, so team t's slot can be t % HERD_BLOCK. */
typedef struct tick_work {
    team_consts tc;
    stance_cache cache;
    herd_agent_consts kc;
    herd_block blk;
    team_slot slot[HERD_BLOCK];
    herd_team_env env[HERD_BLOCK]; /* of the teams that start in the block, in order */
} tick_work;

/* The team's policy's stance and what it makes, with the team's environment, of the team's
 * context and coefficients. HERD_EPOLICY, recorded by herd_sim_policy_failed, if the policy
 * fails or its stance is not sane. */
HERD_INLINE int start_team(herd_sim *sim, tick_work *w, long team, const herd_team_env *env,
                           team_slot *slot)
{
    herd_team_view view;
    herd_stance stance = {0};
    team_view(sim, &w->tc, team, env, &view);
    int rc = sim->policy[team]->decide(sim->policy_state[team], &view, &stance);
    if (rc != 0 || use_stance(sim, &stance, env, &w->cache) != HERD_OK)
        return herd_sim_policy_failed(sim, team, rc, &stance);
    team_part(sim, &w->tc, team, &w->cache.t, &view, slot);
    slot->generation = w->cache.generation;
    return HERD_OK;
}

/* The leader's own work and idea, and the team's totals. */
HERD_INLINE void finish_team(herd_sim *sim, long team, const team_slot *slot)
{
    herd_team_stats *st = &sim->stats[team];
    st->output += slot->own_output;
    if (herd_pcg32_double_inline(&sim->team_rng[team]) < slot->idea_chance)
        st->innovations += 1;
    st->output *= slot->output_factor;
    st->innovation_value = st->innovations * slot->innovation_value;
    st->leavers = slot->leavers;
}

/* The teams that start in the block take their environments and start their tick, and each
 * segment's lanes take their team's coefficients and draws. Every team after the first
 * segment's starts in the block. */
HERD_INLINE int fill_block(herd_sim *sim, tick_work *w)
{
    herd_block *blk = &w->blk;
    const herd_segment *head = &blk->seg[0], *tail = &blk->seg[blk->n_segments - 1];
    long first = head->starts ? head->team : head->team + 1;
    herd_team_environments(sim, first, tail->team + 1 - first, w->env);
    for (long i = 0; i < blk->n_segments; i++) {
        const herd_segment *seg = &blk->seg[i];
        team_slot *slot = &w->slot[(unsigned long)seg->team % HERD_BLOCK];
        if (seg->starts) {
            int rc = start_team(sim, w, seg->team, &w->env[seg->team - first], slot);
            if (rc != HERD_OK)
                return rc;
        }
        herd_block_segment(&w->cache.k, slot->generation, &slot->k,
                           &sim->team_rng[seg->team], blk, seg);
    }
    return HERD_OK;
}

/* The rest of the block's tick once its segments are added. */
HERD_INLINE void finish_block(herd_sim *sim, tick_work *w)
{
    herd_block *blk = &w->blk;
    herd_org *org = &sim->org;
    herd_block_update(org, &w->kc, blk);
    if (blk->any_replaced)
        for (long i = 0; i < blk->n_segments; i++) {
            const herd_segment *seg = &blk->seg[i];
            w->slot[(unsigned long)seg->team % HERD_BLOCK].leavers +=
                herd_block_hire(&sim->params, org, &sim->team_rng[seg->team], blk, seg);
        }
    herd_block_store(org, blk);
    herd_block_sums(blk, w->kc.frontrunner_threshold, sim->stats);
    for (long i = 0; i < blk->n_segments; i++) {
        const herd_segment *seg = &blk->seg[i];
        if (seg->ends)
            finish_team(sim, seg->team, &w->slot[(unsigned long)seg->team % HERD_BLOCK]);
    }
}

/* The block's segments from agent `offset` of team *team on: at most HERD_BLOCK lanes, and
 * the block ends after a segment that does not finish its team. Moves *team and *offset past
 * them. */
HERD_INLINE void cut_block(long size, long last, long *team, long *offset, herd_block *blk)
{
    long t = *team, at = *offset, lanes = 0, n_segments = 0;
    blk->first = t * size + at;
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
    while (team < last) {
        cut_block(sim->org.team_size, last, &team, &offset, &w->blk);
        int rc = fill_block(sim, w);
        if (rc != HERD_OK)
            return rc;
        finish_block(sim, w);
    }
    return HERD_OK;
}

/* A thread's work space, zeroed so that lanes never written hold defined values. */
static void work_init(const herd_sim *sim, tick_work *w)
{
    memset(w, 0, sizeof *w);
    herd_agent_consts_fold(&sim->params, &w->kc);
    w->tc.per_member = 1 / (double)sim->org.team_size;
    w->tc.size = (double)sim->org.team_size;
    w->tc.diversity_norm = 1 + sim->params.diversity_gain;
}

int herd_tick(herd_sim *sim)
{
    int status = HERD_OK;
#if HERD_HAVE_OPENMP
    int threads = sim->settings.threads > 0 ? sim->settings.threads : omp_get_max_threads();
    long min_agents = sim->settings.parallel_min_agents > 0 ? sim->settings.parallel_min_agents
                                                            : HERD_PARALLEL_MIN_AGENTS;
    int parallel = threads > 1 && sim->org.n_agents >= min_agents;
#pragma omp parallel num_threads(threads) if (parallel)
#endif
    {
        tick_work w;
        work_init(sim, &w);
#if HERD_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (long c = 0; c < sim->n_chunks; c++) {
            int rc = tick_chunk(sim, c, &w);
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
