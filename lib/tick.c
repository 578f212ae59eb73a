/* One tick of the model: each team's own work (its policy, its context, its coefficients),
 * and the blocks of agents that lib/tick_block.c updates. docs/MODEL.md gives every equation
 * here with the sentence of the article it comes from. Each team draws only from its own
 * stream and reads only last tick's state; teams are cut into fixed chunks, so that neither
 * the results nor the order of any sum depend on how the chunks are shared among threads. */
#include <math.h>
#include <stddef.h>
#include <string.h>

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

/* The part of the context that depends on the team's leader, climate and last tick. */
typedef struct team_own {
    double leader_knowledge; /* leader skill, stale in proportion to novelty */
    double stress;
    double coordination_gap, output_factor;
    double genius_weight;     /* multiplies a neighbour's engaged skill in success chance */
    double follow;            /* success chance a follower gains from front-runners */
    double engagement_target; /* the part of the target shared by the whole team */
} team_own;

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

/* Coordination needed against coordination supplied by direction (worth more in a crisis)
 * and by mature front-runners and collaboration (worth less in a crisis). */
static double coordination_gap(const herd_params *p, const herd_team_view *v, double crisis,
                               double direction, double collaboration)
{
    double need = p->coord_need + p->coord_need_crisis * crisis;
    if (need <= 0)
        return 0;
    double directed = direction * (p->coord_direction + p->coord_direction_crisis * crisis);
    double distributed = p->coord_frontrunners * v->frontrunner_share * v->maturity +
                         p->coord_collab * collaboration;
    distributed *= 1 - p->coord_crisis_degrade * crisis;
    return clamp01(1 - (directed + distributed) / need);
}

static double perspective_diversity(const herd_team_stats *st)
{
    if (st->engaged <= 0)
        return 0;
    double mean = st->engaged_perspective / st->engaged;
    double var = st->engaged_perspective2 / st->engaged - mean * mean;
    return var > 0 ? sqrt(var) / PERSPECTIVE_SD_UNIFORM : 0;
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

static void team_part_of_context(const herd_sim *sim, long team, const herd_team_env *env,
                                 const herd_team_view *view, const team_context *c,
                                 team_own *o)
{
    const herd_params *p = &sim->params;
    const herd_team_stats *st = &sim->stats[team];
    o->leader_knowledge = sim->leader_skill[team] * (1 - env->novelty);
    double collab = collaboration(p, c);
    o->coordination_gap = coordination_gap(p, view, env->crisis, c->direction, collab);
    o->output_factor = 1 - p->coord_loss * o->coordination_gap;
    o->stress = env->crisis * (1 - p->stress_plan * c->plan) + p->stress_shortfall * o->coordination_gap;
    double diversity = perspective_diversity(st);
    o->genius_weight = p->genius_gain * collab * (1 + p->diversity_gain * diversity) /
                       (1 + p->diversity_gain);
    o->follow = p->follow_gain * c->delegation * st->frontrunner_successes / (double)view->size;
    o->engagement_target = p->engagement_base + sim->climate[team] +
                           p->engagement_autonomy * (1 - c->direction) +
                           p->engagement_relatedness * 0.5 * collab +
                           p->engagement_recognition * c->recognition +
                           p->engagement_support * c->support +
                           p->engagement_inspiration * c->own_work -
                           p->engagement_stress * o->stress -
                           p->engagement_confusion * c->direction * env->novelty;
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

/* The coefficients that differ from team to team under the same stance. */
static void fold_team_coeffs(const herd_params *p, const team_own *o, herd_own_coeffs *k)
{
    /* Creative resolution: an idea that works still has to be integrated into what the team
     * does, which a team short of coordination fails to do. */
    k->resolution = (float)(1 - p->resolution_gap * o->coordination_gap);
    k->follow = (float)o->follow;
    k->genius = (float)o->genius_weight;
    k->eng_target = (float)o->engagement_target;
    k->leader_knowledge = (float)o->leader_knowledge;
}

/* What a thread last derived from a stance and an environment. Neighbouring teams mostly
 * share both, so a thread derives them again only when they change. */
typedef struct stance_cache {
    int valid;
    unsigned long generation; /* counts the times c and k were derived */
    herd_stance stance;
    herd_team_env env;
    team_context c;
    herd_stance_coeffs k;
} stance_cache;

/* The same bits in every share (the doubles that come first), and the same mode. */
static int same_stance(const herd_stance *a, const herd_stance *b)
{
    return memcmp(a, b, offsetof(herd_stance, front_mode)) == 0 && a->front_mode == b->front_mode;
}

static int same_env(const herd_team_env *a, const herd_team_env *b)
{
    return memcmp(a, b, offsetof(herd_team_env, present)) == 0 && a->present == b->present;
}

/* Brings the cache to this stance and environment; fails if the stance is not sane. */
static int use_stance(const herd_sim *sim, const herd_stance *stance, const herd_team_env *env,
                      stance_cache *cache)
{
    if (cache->valid && same_stance(stance, &cache->stance) && same_env(env, &cache->env))
        return HERD_OK;
    cache->valid = 0;
    if (!sane_stance(stance))
        return HERD_EPOLICY;
    stance_context(&sim->params, stance, env, sim->org.team_size, &cache->c);
    fold_coeffs(&sim->params, &cache->c, &cache->k);
    cache->stance = *stance;
    cache->env = *env;
    cache->valid = 1;
    cache->generation++;
    return HERD_OK;
}


/* What the team's policy sees: last tick's sums per member, and this tick's environment. */
static void team_view(const herd_sim *sim, long team, const herd_team_env *env,
                      herd_team_view *v)
{
    const herd_team_stats *st = &sim->stats[team];
    const herd_params *p = &sim->params;
    double per_member = 1 / (double)sim->org.team_size;
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

/* A team between its first segment and its last: what its own work made of this tick and
 * what its last segment needs of it. What it records goes straight to its stats, which the
 * team alone reads and only before its first segment. */
typedef struct team_slot {
    herd_own_coeffs k;
    unsigned long generation; /* of the stance cache that the stance coefficients came from */
    double own_work, innovation_value, leader_knowledge, output_factor;
    double leavers;
} team_slot;

/* What a thread keeps through a tick. A block holds segments of at most HERD_BLOCK distinct
 * consecutive teams, so team t's slot can be t % HERD_BLOCK. */
typedef struct tick_work {
    stance_cache cache;
    herd_agent_consts kc;
    herd_block blk;
    team_slot slot[HERD_BLOCK];
} tick_work;

/* The team's environment, its policy's stance and what they make of the team's context and
 * coefficients. HERD_EPOLICY, recorded by herd_sim_policy_failed, if the policy fails or its
 * stance is not sane. */
static int start_team(herd_sim *sim, long team, stance_cache *cache, team_slot *slot)
{
    herd_team_view view;
    herd_stance stance = {0};
    herd_team_env env;
    herd_team_environment(sim, team, &env);
    team_view(sim, team, &env, &view);
    int rc = herd_policy_decide(sim->policy[team], sim->policy_state[team], &view, &stance);
    if (rc != 0 || use_stance(sim, &stance, &env, cache) != HERD_OK)
        return herd_sim_policy_failed(sim, team, rc, &stance);
    const team_context *c = &cache->c;
    team_own o;
    team_part_of_context(sim, team, &env, &view, c, &o);
    fold_team_coeffs(&sim->params, &o, &slot->k);
    slot->k.team_skill = (float)sim->stats[team].skill;
    slot->k.team_engaged_skill = (float)sim->stats[team].engaged_skill;
    slot->generation = cache->generation;
    slot->own_work = c->own_work;
    slot->innovation_value = c->innovation_value;
    slot->leader_knowledge = o.leader_knowledge;
    slot->output_factor = o.output_factor;
    slot->leavers = 0;
    herd_team_stats *st = &sim->stats[team];
    st->coordination_gap = o.coordination_gap;
    st->attention = c->attention;
    st->crisis = env.crisis;
    st->novelty = env.novelty;
    st->present = env.present;
    st->front_mode = c->front_mode;
    return HERD_OK;
}

static void leader_work(const herd_params *p, const team_slot *slot, herd_pcg32 *rng,
                        herd_team_stats *st)
{
    double own = p->own_work_output * slot->own_work * slot->leader_knowledge;
    st->output += own;
    double idea_p = p->leader_idea_rate * slot->own_work * slot->leader_knowledge;
    if (herd_pcg32_double_inline(rng) < idea_p)
        st->innovations += 1;
}

static void finish_team(herd_sim *sim, long team, const team_slot *slot)
{
    herd_team_stats *st = &sim->stats[team];
    leader_work(&sim->params, slot, &sim->team_rng[team], st);
    st->output *= slot->output_factor;
    st->innovation_value = st->innovations * slot->innovation_value;
    st->leavers = slot->leavers;
}

/* The segment's team starts its tick if this is its first segment, and the segment's lanes
 * take the team's coefficients and draws. */
static int add_segment(herd_sim *sim, tick_work *w, const herd_segment *seg)
{
    team_slot *slot = &w->slot[(unsigned long)seg->team % HERD_BLOCK];
    if (seg->starts) {
        int rc = start_team(sim, seg->team, &w->cache, slot);
        if (rc != HERD_OK)
            return rc;
    }
    herd_block_segment(&w->cache.k, slot->generation, &slot->k, &sim->team_rng[seg->team],
                       &w->blk, seg);
    return HERD_OK;
}

/* The rest of the block's tick once its segments are added. */
static void finish_block(herd_sim *sim, tick_work *w)
{
    herd_block *blk = &w->blk;
    herd_org *org = &sim->org;
    herd_block_update(org, &w->kc, blk);
    for (long i = 0; i < blk->n_segments && blk->any_replaced; i++) {
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

/* The chunk's teams, cut into segments of at most HERD_SEGMENT agents, packed into blocks of
 * at most HERD_BLOCK lanes; a block ends after a segment that does not finish its team. Every
 * team's draws keep their order: its crisis, then per segment the agents' draws and the
 * hires, then its leader's. */
static int tick_chunk(herd_sim *sim, long chunk, tick_work *w)
{
    long size = sim->org.team_size;
    long team = chunk * sim->chunk_teams;
    long last = team + sim->chunk_teams < sim->org.n_teams ? team + sim->chunk_teams
                                                            : sim->org.n_teams;
    long offset = 0; /* of the next segment in its team */
    herd_block *blk = &w->blk;
    while (team < last) {
        blk->first = team * size + offset;
        blk->lanes = 0;
        blk->n_segments = 0;
        while (team < last) {
            long n = size - offset < HERD_SEGMENT ? size - offset : HERD_SEGMENT;
            if (blk->lanes + n > HERD_BLOCK)
                break;
            herd_segment *seg = &blk->seg[blk->n_segments++];
            *seg = (herd_segment){team, blk->lanes, n, offset == 0, offset + n == size};
            int rc = add_segment(sim, w, seg);
            if (rc != HERD_OK)
                return rc;
            blk->lanes += n;
            offset += n;
            if (offset < size)
                break;
            team++;
            offset = 0;
        }
        finish_block(sim, w);
    }
    return HERD_OK;
}

/* A thread's work space, zeroed so that lanes never written hold defined values. */
static void work_init(const herd_sim *sim, tick_work *w)
{
    memset(w, 0, sizeof *w);
    herd_agent_consts_fold(&sim->params, &w->kc);
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
