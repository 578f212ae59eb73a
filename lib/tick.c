/* One tick of the model for a range of teams. docs/MODEL.md gives every equation here with
 * the sentence of the article it comes from. Each team draws only from its own stream and
 * reads only last tick's state, so teams can be updated in any order or in parallel. */
#include <math.h>
#include <string.h>

#include "herd/error.h"
#include "herd_config.h"
#include "pcg32_inline.h"
#include "sim_internal.h"

#if HERD_HAVE_OPENMP
#include <omp.h>
#endif

#define PERSPECTIVE_SD_UNIFORM 0.28867513459481287 /* sd of U(0,1): diversity of a random team */
#define BASE_COLLABORATION 0.2                     /* collaboration that happens unasked */
#define MAX_SUCCESS 0.95f

/* The arrays of one block never overlap; GCC does not take restrict on local pointers as
 * proof of it, and without the proof it will not put the update on vectors. */
#if defined(__GNUC__) && !defined(__clang__)
#define HERD_IVDEP _Pragma("GCC ivdep")
#else
#define HERD_IVDEP
#endif

/* On x86-64 the vector update is compiled twice, for AVX2 and for the baseline, and the
 * loader picks one. Neither contracts a multiply and an add (C11 mode), so both give the same
 * bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__)
#define HERD_VECTOR_CLONES __attribute__((target_clones("avx2", "default"), noinline))
#else
#define HERD_VECTOR_CLONES
#endif

/* What a team's leader and situation amount to this tick, per member. */
typedef struct team_context {
    double direction, support, recognition, own_work, delegation, collaboration, training,
        plan;
    double leader_knowledge; /* leader skill, stale in proportion to novelty */
    double novelty, crisis, stress;
    double coordination_gap, output_factor;
    double genius_weight;      /* multiplies a neighbour's engaged skill in success chance */
    double follow;             /* success chance a follower gains from front-runners */
    double innovation_value;   /* value of one success this tick */
    double engagement_target;  /* the part of the target shared by the whole team */
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

/* The parts of the context that depend on the team's leader, climate and last tick. */
static void team_part_of_context(const herd_sim *sim, long team, const herd_team_env *env,
                                 const herd_team_view *view, team_context *c)
{
    const herd_params *p = &sim->params;
    const herd_team_stats *st = &sim->stats[team];
    c->leader_knowledge = sim->leader_skill[team] * (1 - env->novelty);
    double collab = collaboration(p, c);
    c->coordination_gap = coordination_gap(p, view, env->crisis, c->direction, collab);
    c->output_factor = 1 - p->coord_loss * c->coordination_gap;
    c->stress = env->crisis * (1 - p->stress_plan * c->plan) + p->stress_shortfall * c->coordination_gap;
    double diversity = perspective_diversity(st);
    c->genius_weight = p->genius_gain * collab * (1 + p->diversity_gain * diversity) /
                       (1 + p->diversity_gain);
    c->follow = p->follow_gain * c->delegation * st->frontrunner_successes / (double)view->size;
    c->engagement_target = p->engagement_base + sim->climate[team] +
                           p->engagement_autonomy * (1 - c->direction) +
                           p->engagement_relatedness * 0.5 * collab +
                           p->engagement_recognition * c->recognition +
                           p->engagement_support * c->support +
                           p->engagement_inspiration * c->own_work -
                           p->engagement_stress * c->stress -
                           p->engagement_confusion * c->direction * env->novelty;
}

/* Per-team constants of the employee update, folded once per tick. */
typedef struct agent_coeffs {
    float attempt;            /* attempt chance per unit of initiative x engagement */
    float frontrunner_attempt; /* the same for a front-runner */
    float success_skill, success_base, follow, resolution;
    float quality_keep, quality_pull, quality_confusion;
    float genius;
    float expected_direction, idle, effort_engagement;
    float eng_rate, eng_target, eng_bond, eng_success, eng_failure;
    float ini_rate, ini_target, ini_engagement, ini_dependence;
    float dep_rate, dep_fade;
    float learn_fixed, learn_doing, learn_attempt, learn_peers, learn_direction, decay;
    float bond_rate, bond_target, bond_engagement;
    float quit_base, quit_engagement, quit_bond, hiring;
    float frontrunner_threshold, leader_knowledge;
    float team_skill, team_engaged_skill; /* last tick's sums over the team */
} agent_coeffs;

/* The coefficients that follow from the parameters, the stance and the environment. */
static void fold_coeffs(const herd_params *p, const team_context *c, agent_coeffs *k)
{
    double attempt = p->attempt_rate * fmax(0, 1 - p->direction_suppress * c->direction) *
                     (1 + p->novelty_opportunity * c->novelty);
    k->attempt = (float)attempt;
    k->frontrunner_attempt = (float)(attempt * (1 + p->delegation_boost * c->delegation));
    k->success_skill = (float)p->success_skill;
    k->success_base = (float)(p->plan_gain * c->plan - p->novelty_risk * c->novelty);
    k->quality_keep = (float)(1 - p->novelty_skill_loss * c->novelty);
    k->quality_pull = (float)(p->direction_gain * c->direction);
    k->quality_confusion = (float)(p->confusion * c->direction * c->novelty);
    k->expected_direction = (float)c->expected_direction;
    k->idle = (float)p->dependence_idle;
    k->effort_engagement = (float)p->effort_engagement;
    k->eng_rate = (float)p->engagement_rate;
    k->eng_bond = (float)(p->engagement_relatedness * 0.5);
    k->eng_success = (float)(p->success_engagement * c->credit);
    k->eng_failure = (float)p->failure_engagement;
    k->ini_rate = (float)p->initiative_rate;
    k->ini_target = (float)(-p->initiative_direction * c->direction +
                            p->initiative_delegation * c->delegation);
    k->ini_engagement = (float)p->initiative_engagement;
    k->ini_dependence = (float)p->initiative_dependence;
    k->dep_rate = (float)p->dependence_rate;
    k->dep_fade = (float)p->dependence_fade;
    k->learn_fixed = (float)(p->learn_coaching * c->support + p->learn_training * c->training);
    k->learn_doing = (float)p->learn_doing;
    k->learn_attempt = (float)p->learn_attempt;
    k->learn_peers = (float)p->learn_peers;
    k->learn_direction = (float)(p->learn_direction * c->direction);
    k->decay = (float)p->skill_decay;
    k->bond_rate = (float)p->bond_rate;
    k->bond_target = (float)(p->bond_support * c->support + p->bond_recognition * c->recognition +
                             p->bond_trust * (1 - c->direction) +
                             p->bond_collab * c->collaboration);
    k->bond_engagement = (float)p->bond_engagement;
    k->quit_base = (float)p->quit_base;
    k->quit_engagement = (float)p->quit_engagement;
    k->quit_bond = (float)p->quit_bond;
    k->hiring = (float)c->hiring;
    k->frontrunner_threshold = (float)p->frontrunner_threshold;
}

/* The coefficients that differ from team to team under the same stance. */
static void fold_team_coeffs(const herd_sim *sim, long team, const team_context *c,
                             agent_coeffs *k)
{
    const herd_params *p = &sim->params;
    /* Creative resolution: an idea that works still has to be integrated into what the team
     * does, which a team short of coordination fails to do. */
    k->resolution = (float)(1 - p->resolution_gap * c->coordination_gap);
    k->follow = (float)c->follow;
    k->genius = (float)c->genius_weight;
    k->eng_target = (float)c->engagement_target;
    k->leader_knowledge = (float)c->leader_knowledge;
    k->team_skill = (float)sim->stats[team].skill;
    k->team_engaged_skill = (float)sim->stats[team].engaged_skill;
}

/* What a thread last derived from a stance and an environment. Neighbouring teams mostly
 * share both, so a thread derives them again only when they change. */
typedef struct stance_cache {
    int valid;
    herd_stance stance;
    herd_team_env env;
    team_context c;
    agent_coeffs k;
} stance_cache;

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static int same_stance(const herd_stance *a, const herd_stance *b)
{
    return same_bits(a->direction, b->direction) && same_bits(a->support, b->support) &&
           same_bits(a->recognition, b->recognition) && same_bits(a->own_work, b->own_work) &&
           same_bits(a->delegation, b->delegation) &&
           same_bits(a->collaboration, b->collaboration) &&
           same_bits(a->training, b->training) && same_bits(a->plan, b->plan) &&
           a->front_mode == b->front_mode;
}

static int same_env(const herd_team_env *a, const herd_team_env *b)
{
    return same_bits(a->crisis, b->crisis) && same_bits(a->novelty, b->novelty) &&
           same_bits(a->training, b->training) && same_bits(a->hiring, b->hiring) &&
           a->present == b->present;
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
    return HERD_OK;
}

/* A uniform draw in [0,1) with 24 bits, exactly representable as a float, from the state
 * the generator stepped from. */
static inline float uniform24(uint64_t state)
{
    return (float)(int32_t)(herd_pcg32_output(state) >> 8) * 0x1p-24f;
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

/* Sums over a block of agents, in float: blocks are short enough for float to keep the
 * precision a mean needs, and are added to the team's double sums in order. */
typedef struct block_sums {
    float skill, skill2, engagement, engagement2, initiative, bond, dependence;
    float frontrunners, frontrunner_successes, tenure;
    float engaged_skill, engaged_perspective, engaged_perspective2;
    float innovations, output, leavers;
} block_sums;

#define BLOCK 32
_Static_assert(BLOCK <= HERD_ORG_PADDING, "a block may read up to BLOCK lanes past a team");

static void add_block(herd_team_stats *st, const block_sums *b)
{
    st->skill += b->skill;
    st->skill2 += b->skill2;
    st->engagement += b->engagement;
    st->engagement2 += b->engagement2;
    st->initiative += b->initiative;
    st->bond += b->bond;
    st->dependence += b->dependence;
    st->frontrunners += b->frontrunners;
    st->frontrunner_successes += b->frontrunner_successes;
    st->tenure += b->tenure;
    st->engaged += b->engagement;
    st->engaged_skill += b->engaged_skill;
    st->engaged_perspective += b->engaged_perspective;
    st->engaged_perspective2 += b->engaged_perspective2;
    st->innovations += b->innovations;
    st->output += b->output;
    st->leavers += b->leavers;
}

#define VECTOR 8
_Static_assert(BLOCK % VECTOR == 0, "a block holds whole vectors");

#define DRAWS 3 /* uniforms an agent draws a tick: attempt, success, quit */
#define U_ATTEMPT 0
#define U_SUCCESS 1
#define U_QUIT 2

/* What one block of agents draws and computes on its way to the next state. Lanes from the
 * block's length up to a multiple of VECTOR are computed too and thrown away, so that the
 * update runs on whole vectors; they hold stale but defined values. */
typedef struct agent_block {
    uint64_t states[DRAWS * BLOCK]; /* generator states that the draws come from */
    /* Agent j's draws: u[U_ATTEMPT * length + j], ...; a vector past the end, for the lanes
     * past the last agent. */
    float u[DRAWS * BLOCK + VECTOR];
    long length; /* agents in the block */
    float nb_skill_sum[BLOCK], nb_engaged_skill_sum[BLOCK], nb_inv_degree[BLOCK];
    float skill[BLOCK], engagement[BLOCK], initiative[BLOCK], bond[BLOCK], dependence[BLOCK];
    float output[BLOCK], attempted[BLOCK], succeeded[BLOCK], frontrunner[BLOCK];
    float quit_p[BLOCK];
} agent_block;


static long whole_vectors(long n)
{
    return (n + VECTOR - 1) / VECTOR * VECTOR;
}

HERD_VECTOR_CLONES
static void uniforms_from_states(const uint64_t *restrict states, long count, float *restrict u)
{
    for (long d = 0; d < count; d++)
        u[d] = uniform24(states[d]);
}

/* The block's draws, as many and in the same order as one by one from the team's stream
 * (agent by agent: attempt, success, quit): stepping the generator is a chain, but the
 * outputs can then be computed on vectors. */
static void draw_block(herd_pcg32 *rng, long n, agent_block *blk)
{
    uint64_t state = rng->state;
    for (long j = 0; j < n; j++) {
        for (int d = 0; d < DRAWS; d++) {
            blk->states[d * n + j] = state;
            state = state * HERD_PCG32_MULT + rng->inc;
        }
    }
    rng->state = state;
    blk->length = n;
    uniforms_from_states(blk->states, whole_vectors(DRAWS * n), blk->u);
}

static inline float draw(const agent_block *blk, int d, long j)
{
    return blk->u[d * blk->length + j];
}

/* 1 / degree, or 0 for an agent without ties; loops of their own so that they run on
 * vectors. A degree fits easily in 32 bits: teams have at most 10^5 members, ties across
 * are few. */
static inline float inverse_degree(int32_t degree)
{
    float inverse = 1.0f / (float)degree;
    return degree > 0 ? inverse : 0;
}

/* For n agents whose rows in a CSR index start at offsets[0]. */
static void inverse_degrees(const uint64_t *restrict offsets, long n, float *restrict inv)
{
    for (long j = 0; j < n; j++)
        inv[j] = inverse_degree((int32_t)(offsets[j + 1] - offsets[j]));
}

/* The same from the index of ties across teams, for members of cliques. */
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

/* Sums of skill and engaged skill over each agent's neighbours, from last tick, and the
 * inverse of the agent's degree. In a team tied inside as a clique the team mates' part
 * comes from last tick's team sums, and only the ties across teams are read, from their own
 * index. */
static void neighbours_block(const herd_org *org, const agent_coeffs *restrict k, long first,
                             long n, long lanes, agent_block *restrict blk)
{
    const float *s = org->now.skill, *e = org->now.engagement;
    float *sum_s = blk->nb_skill_sum, *sum_es = blk->nb_engaged_skill_sum;
    if (org->teams_are_cliques) {
        for (long j = 0; j < lanes; j++) {
            sum_s[j] = k->team_skill - s[first + j];
            sum_es[j] = k->team_engaged_skill - e[first + j] * s[first + j];
        }
    } else {
        for (long j = 0; j < lanes; j++) {
            sum_s[j] = 0;
            sum_es[j] = 0;
        }
    }
    int32_t team_mates = (int32_t)(org->team_size - 1);
    if (org->across_offsets != NULL) {
        const uint32_t *offsets = org->across_offsets + first;
        for (long j = 0; j < n; j++)
            add_ties(s, e, org->across_targets, offsets[j], offsets[j + 1], &sum_s[j],
                     &sum_es[j]);
        inverse_degrees_across(offsets, n, team_mates, blk->nb_inv_degree);
        return;
    }
    const uint64_t *offsets = org->offsets + first;
    uint64_t skip = org->teams_are_cliques ? (uint64_t)team_mates : 0;
    for (long j = 0; j < n; j++)
        add_ties(s, e, org->targets, offsets[j] + skip, offsets[j + 1], &sum_s[j], &sum_es[j]);
    inverse_degrees(offsets, n, blk->nb_inv_degree);
}

/* Agent j of update_block's block. */
static inline void update_agent(const float *restrict s_now, const float *restrict e_now,
                                const float *restrict a_now, const float *restrict b_now,
                                const float *restrict d_now, const agent_coeffs *restrict k,
                                long j, agent_block *restrict blk)
{
    float s = s_now[j], e = e_now[j], a = a_now[j], b = b_now[j], d = d_now[j];
    float frontrunner = s * a >= k->frontrunner_threshold ? 1.0f : 0.0f;
    float effort = (1 - k->effort_engagement * (1 - e)) *
                   (1 - k->idle * positive(d - k->expected_direction));
    float kept = s * k->quality_keep;
    blk->output[j] = effort * clampf(kept + k->quality_pull * (k->leader_knowledge - kept) -
                                         k->quality_confusion,
                                     0, 1);
    float attempt_p = (k->attempt + frontrunner * (k->frontrunner_attempt - k->attempt)) * a * e;
    float nb_engaged_skill = blk->nb_engaged_skill_sum[j] * blk->nb_inv_degree[j];
    float success_p = k->success_skill * kept + k->genius * nb_engaged_skill +
                      k->success_base + (1 - frontrunner) * k->follow;
    success_p = clampf(success_p, 0, MAX_SUCCESS) * k->resolution;
    float attempted = draw(blk, U_ATTEMPT, j) < attempt_p ? 1.0f : 0.0f;
    float succeeded = draw(blk, U_SUCCESS, j) < success_p ? attempted : 0.0f;
    blk->attempted[j] = attempted;
    blk->succeeded[j] = succeeded;
    blk->frontrunner[j] = frontrunner;

    float e_target = k->eng_target + k->eng_bond * b;
    float e_new = e + k->eng_rate * (e_target - e) + succeeded * k->eng_success -
                  (attempted - succeeded) * k->eng_failure;
    float a_target = k->ini_engagement * e + k->ini_target - k->ini_dependence * d;
    float learn = k->learn_fixed + k->learn_doing * effort + k->learn_attempt * attempted +
                  k->learn_direction * positive(k->leader_knowledge - s);
    float nb_skill = blk->nb_skill_sum[j] * blk->nb_inv_degree[j];
    float s_new = s + (1 - s) * learn + k->learn_peers * positive(nb_skill - s) -
                  k->decay * s * (1 - effort);
    float b_target = k->bond_target + k->bond_engagement * e;
    blk->skill[j] = clampf(s_new, 0, 1);
    blk->engagement[j] = clampf(e_new, 0, 1);
    blk->initiative[j] = clampf(a + k->ini_rate * (a_target - a), 0, 1);
    float d_rate = d < k->expected_direction ? k->dep_rate : k->dep_fade;
    blk->dependence[j] = clampf(d + d_rate * (k->expected_direction - d), 0, 1);
    blk->bond[j] = clampf(b + k->bond_rate * (b_target - b), 0, 1);
    blk->quit_p[j] = k->quit_base + k->quit_engagement * (1 - e) * (1 - e) +
                     k->quit_bond * (1 - b);
}

/* The employee update for lanes 0..lanes-1 of a block starting at agent first, free of
 * branches and calls so that the compiler can run it on vectors; hires and sums come after
 * it. Reads past the last agent stay inside the arrays' padding. The inner loop's fixed
 * length makes each pass one whole vector, with no remainder to handle. */
HERD_VECTOR_CLONES
static void update_block(const herd_agent_arrays *now, const agent_coeffs *restrict k,
                         long first, long lanes, agent_block *restrict blk)
{
    const float *restrict s_now = now->skill + first, *restrict e_now = now->engagement + first;
    const float *restrict a_now = now->initiative + first, *restrict b_now = now->bond + first;
    const float *restrict d_now = now->dependence + first;
    for (long lane = 0; lane < lanes; lane += VECTOR) {
        HERD_IVDEP
        for (long j = lane; j < lane + VECTOR; j++)
            update_agent(s_now, e_now, a_now, b_now, d_now, k, j, blk);
    }
}

static void hire(const herd_params *p, herd_org *org, long i, agent_block *blk, long j,
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

/* Leavers, and the share a hiring wave renews, are replaced by new hires; then each agent's
 * next state is stored and added to the block's sums, in the agents' order. */
static void turnover_and_sum_block(const herd_params *p, herd_org *org, const agent_coeffs *k,
                                   long first, long n, herd_pcg32 *rng, agent_block *blk,
                                   block_sums *acc)
{
    uint16_t *restrict tenure = org->tenure + first;
    for (long j = 0; j < n; j++)
        tenure[j] += tenure[j] < UINT16_MAX;
    for (long j = 0; j < n; j++) {
        long i = first + j;
        float u_quit = draw(blk, U_QUIT, j);
        if (u_quit < blk->quit_p[j] + k->hiring) {
            acc->leavers += u_quit < blk->quit_p[j];
            hire(p, org, i, blk, j, rng);
        }
        float s = blk->skill[j], e = blk->engagement[j], a = blk->initiative[j];
        float b = blk->bond[j], d = blk->dependence[j];
        float persp = org->perspective[i];
        org->next.skill[i] = s;
        org->next.engagement[i] = e;
        org->next.initiative[i] = a;
        org->next.bond[i] = b;
        org->next.dependence[i] = d;
        acc->output += blk->output[j];
        acc->innovations += blk->succeeded[j];
        acc->frontrunner_successes += blk->succeeded[j] * blk->frontrunner[j];
        acc->skill += s;
        acc->skill2 += s * s;
        acc->engagement += e;
        acc->engagement2 += e * e;
        acc->initiative += a;
        acc->bond += b;
        acc->dependence += d;
        acc->frontrunners += s * a >= k->frontrunner_threshold;
        acc->tenure += org->tenure[i];
        acc->engaged_skill += e * s;
        acc->engaged_perspective += e * persp;
        acc->engaged_perspective2 += e * persp * persp;
    }
}

static void update_members(const herd_params *p, herd_org *org, const agent_coeffs *k,
                           long first, long last, herd_pcg32 *rng, agent_block *blk,
                           herd_team_stats *st)
{
    for (long from = first; from < last; from += BLOCK) {
        long n = last - from < BLOCK ? last - from : BLOCK;
        long lanes = whole_vectors(n);
        block_sums acc = {0};
        draw_block(rng, n, blk);
        neighbours_block(org, k, from, n, lanes, blk);
        update_block(&org->now, k, from, lanes, blk);
        turnover_and_sum_block(p, org, k, from, n, rng, blk, &acc);
        add_block(st, &acc);
    }
}

void herd_team_view_from_stats(const herd_sim *sim, long team, herd_team_view *v)
{
    const herd_team_stats *st = &sim->stats[team];
    const herd_params *p = &sim->params;
    double n = (double)sim->org.team_size;
    double skill = st->skill / n;
    double var = st->skill2 / n - skill * skill;
    double tenure = st->tenure / n;
    *v = (herd_team_view){
        .tick = sim->tick,
        .team = team,
        .size = sim->org.team_size,
        .skill = skill,
        .skill_sd = var > 0 ? sqrt(var) : 0,
        .engagement = st->engagement / n,
        .initiative = st->initiative / n,
        .bond = st->bond / n,
        .dependence = st->dependence / n,
        .frontrunner_share = st->frontrunners / n,
        .maturity = tenure + p->maturity_ticks > 0 ? tenure / (tenure + p->maturity_ticks) : 1,
        .output = st->output / n,
        .performance = (st->output + st->innovation_value) / n,
        .innovation = st->innovations / n,
        .coordination_gap = st->coordination_gap,
        .leader_skill = sim->leader_skill[team],
    };
}

static void leader_work(const herd_params *p, const team_context *c, herd_pcg32 *rng,
                        herd_team_stats *st)
{
    double own = p->own_work_output * c->own_work * c->leader_knowledge;
    st->output += own;
    double idea_p = p->leader_idea_rate * c->own_work * c->leader_knowledge;
    if (herd_pcg32_double_inline(rng) < idea_p)
        st->innovations += 1;
}

static int update_team(herd_sim *sim, long team, stance_cache *cache, agent_block *blk)
{
    herd_team_env env;
    herd_team_view view;
    herd_stance stance = {0};
    herd_team_environment(sim, team, &env);
    herd_team_view_from_stats(sim, team, &view);
    view.crisis = env.crisis;
    view.novelty = env.novelty;
    view.leader_present = env.present;
    int rc = sim->policy[team]->decide(sim->policy_state[team], &view, &stance);
    if (rc != 0 || use_stance(sim, &stance, &env, cache) != HERD_OK)
        return herd_sim_policy_failed(sim, team, rc, &stance);

    team_context *c = &cache->c;
    agent_coeffs *k = &cache->k;
    team_part_of_context(sim, team, &env, &view, c);
    fold_team_coeffs(sim, team, c, k);

    herd_team_stats st = {0};
    herd_pcg32 *rng = &sim->team_rng[team];
    long first = team * sim->org.team_size;
    update_members(&sim->params, &sim->org, k, first, first + sim->org.team_size, rng, blk,
                   &st);
    leader_work(&sim->params, c, rng, &st);
    st.output *= c->output_factor;
    st.innovation_value = st.innovations * c->innovation_value;
    st.coordination_gap = c->coordination_gap;
    st.attention = c->attention;
    st.crisis = env.crisis;
    st.novelty = env.novelty;
    st.present = env.present;
    st.front_mode = c->front_mode;
    sim->stats[team] = st;
    return HERD_OK;
}

int herd_tick_teams(herd_sim *sim, long first, long last)
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
        stance_cache cache = {0};
        agent_block blk = {0};
#if HERD_HAVE_OPENMP
#pragma omp for schedule(static)
#endif
        for (long t = first; t < last; t++) {
            int rc = update_team(sim, t, &cache, &blk);
            if (rc != HERD_OK) {
#if HERD_HAVE_OPENMP
#pragma omp critical(herd_tick_status)
#endif
                status = rc;
            }
        }
    }
    return status;
}
