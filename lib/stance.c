/* From a team's stance and environment to the coefficients of its members and the terms of
 * its own context: docs/MODEL.md gives every equation here with the sentence of the article it
 * comes from. */
#include <math.h>
#include <stddef.h>

#include "herd/error.h"
#include "tick_team.h"

#define BASE_COLLABORATION 0.2 /* collaboration that happens unasked */

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

static void derive_terms(const herd_params *p, const team_context *c, int present,
                         herd_stance_terms *t)
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

int herd_stance_derive(const herd_params *p, const herd_stance *stance,
                       const herd_team_env *env, long size, herd_stance_coeffs *k,
                       herd_stance_terms *t)
{
    if (!sane_stance(stance))
        return HERD_EPOLICY;
    team_context c;
    stance_context(p, stance, env, size, &c);
    fold_coeffs(p, &c, k);
    derive_terms(p, &c, env->present, t);
    return HERD_OK;
}
