/* Styles: a stance, or two stances and the rule that switches between them, as data. One set
 * of functions runs every style; the style is copied into each team's state at init, so that
 * the state holds no pointer and a checkpoint restores it whole. */
#include "style.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "herd/error.h"
#include "errmsg.h"
#include "scenario_internal.h"

/* The int part of the front stance (front_mode) defaults to 1: a front stance leads from
 * the front. */
#define FRONT_DEFAULT_INT 1
#define FRONT_DEFAULT_REAL 0

#define CALM_ROW_(type, name, doc) \
    {#name, HERD_PARAM_##type, 0, 0, 1, doc, offsetof(herd_style, calm.name)},
#define FRONT_ROW_(type, name, doc)                                                        \
    {"front." #name, HERD_PARAM_##type, FRONT_DEFAULT_##type, 0, 1, "at the front: " doc, \
     offsetof(herd_style, front.name)},
#define THRESHOLD_ROW_(type, name, def, lo, hi, doc) \
    {#name, HERD_PARAM_##type, def, lo, hi, doc, offsetof(herd_style, name)},
#define STAGE_ROW_(label, index, type, name, doc)                                        \
    {label "." #name, HERD_PARAM_##type, 0, 0, 1, "when " label ": " doc,                  \
     offsetof(herd_style, stage[index].name)},
#define DIRECTING_ROW_(type, name, doc) \
    STAGE_ROW_("directing", HERD_STAGE_DIRECTING, type, name, doc)
#define COACHING_ROW_(type, name, doc) STAGE_ROW_("coaching", HERD_STAGE_COACHING, type, name, doc)
#define SUPPORTING_ROW_(type, name, doc) \
    STAGE_ROW_("supporting", HERD_STAGE_SUPPORTING, type, name, doc)
#define DELEGATING_ROW_(type, name, doc) \
    STAGE_ROW_("delegating", HERD_STAGE_DELEGATING, type, name, doc)
#define STAGE_THRESHOLD_ROW_(name, def, lo, hi, doc) \
    {#name, HERD_PARAM_REAL, def, lo, hi, doc, offsetof(herd_style, name)},

static const herd_style_key keys[] = {
    {"switching", HERD_PARAM_INT, 0, 0, 1,
     "1 for a switching style (calm and front stances), 0 for a fixed stance",
     offsetof(herd_style, switching)},
    HERD_STANCE_TABLE(CALM_ROW_)
    HERD_STANCE_TABLE(FRONT_ROW_)
    HERD_STYLE_TABLE(THRESHOLD_ROW_)
    {"staged", HERD_PARAM_INT, 0, 0, 1,
     "1 for a staged style: the stance of the team's stage replaces the calm stance",
     offsetof(herd_style, staged)},
    HERD_STANCE_TABLE(DIRECTING_ROW_)
    HERD_STANCE_TABLE(COACHING_ROW_)
    HERD_STANCE_TABLE(SUPPORTING_ROW_)
    HERD_STANCE_TABLE(DELEGATING_ROW_)
    HERD_STAGE_TABLE(STAGE_THRESHOLD_ROW_)
};

enum { N_KEYS = sizeof keys / sizeof keys[0] };
_Static_assert((int)N_KEYS <= (int)SCN_STYLE_KEYS, "a declared style keeps a line for every key");

const herd_style_key *herd_style_key_info(size_t i)
{
    return i < N_KEYS ? &keys[i] : NULL;
}

static int is_calm(const herd_style_key *key)
{
    return key->offset >= offsetof(herd_style, calm) && key->offset < offsetof(herd_style, front);
}

/* The whole-number thresholds are long; switching, staged and front_mode int. */
static int is_long(const herd_style_key *key)
{
    return key->offset >= offsetof(herd_style, front) + sizeof(herd_stance) &&
           key->offset < offsetof(herd_style, staged);
}

const herd_style_key *herd_style_key_find(const char *name)
{
    if (name == NULL)
        return NULL;
    int calm = strncmp(name, "calm.", 5) == 0;
    if (calm)
        name += 5;
    for (size_t i = 0; i < N_KEYS; i++)
        if (strcmp(keys[i].name, name) == 0)
            return !calm || is_calm(&keys[i]) ? &keys[i] : NULL;
    return NULL;
}

double herd_style_get(const herd_style *style, const herd_style_key *key)
{
    if (style == NULL || key == NULL)
        return NAN;
    const char *at = (const char *)style + key->offset;
    if (key->kind == HERD_PARAM_REAL)
        return *(const double *)(const void *)at;
    if (is_long(key))
        return (double)*(const long *)(const void *)at;
    return (double)*(const int *)(const void *)at;
}

herd_status herd_style_set(herd_style *style, const herd_style_key *key, double value)
{
    if (style == NULL || key == NULL)
        return HERD_EINVAL;
    char *at = (char *)style + key->offset;
    if (key->kind == HERD_PARAM_REAL) {
        *(double *)(void *)at = value;
        return HERD_OK;
    }
    if (!(value == floor(value)) || fabs(value) > 1e15)
        return HERD_EINVAL;
    if (is_long(key))
        *(long *)(void *)at = (long)value;
    else if (fabs(value) <= 1e9)
        *(int *)(void *)at = (int)value;
    else
        return HERD_EINVAL;
    return HERD_OK;
}

void herd_style_default(herd_style *style)
{
    if (style == NULL)
        return;
    memset(style, 0, sizeof *style);
    for (size_t i = 0; i < N_KEYS; i++)
        herd_style_set(style, &keys[i], keys[i].def);
}

herd_status herd_style_validate(const herd_style *style, char *msg, size_t msg_size)
{
    if (style == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "no style");
    for (size_t i = 0; i < N_KEYS; i++) {
        double v = herd_style_get(style, &keys[i]);
        if (v >= keys[i].min && v <= keys[i].max)
            continue;
        char name[64]; /* a calm share as the field is written, beside front.NAME */
        snprintf(name, sizeof name, "%s%s", is_calm(&keys[i]) ? "calm." : "", keys[i].name);
        return herd_err_outside(msg, msg_size, name, v, keys[i].min, keys[i].max);
    }
    if (style->crisis_leave > style->crisis_enter)
        return herd_errf(msg, msg_size, HERD_ERANGE, "crisis_leave = %.15g is above "
                        "crisis_enter = %.15g: a crisis that sends the leader to the front "
                        "would count as calm", style->crisis_leave, style->crisis_enter);
    if (style->gap_leave > style->gap_enter)
        return herd_errf(msg, msg_size, HERD_ERANGE, "gap_leave = %.15g is above gap_enter = "
                        "%.15g: a gap that sends the leader to the front would count as calm",
                        style->gap_leave, style->gap_enter);
    if (style->skill_coaching > style->skill_supporting)
        return herd_errf(msg, msg_size, HERD_ERANGE, "skill_coaching = %.15g is above "
                        "skill_supporting = %.15g: the stages must come in order of skill",
                        style->skill_coaching, style->skill_supporting);
    return HERD_OK;
}

herd_status herd_style_policy(herd_policy_type *out, const char *name, const char *description,
                              const herd_style *style, char *msg, size_t msg_size)
{
    if (out == NULL || name == NULL)
        return herd_errf(msg, msg_size, HERD_EINVAL, "no type or no name");
    int rc = herd_style_validate(style, msg, msg_size);
    if (rc != HERD_OK)
        return HERD_EINVAL;
    const herd_policy_type fixed = HERD_STYLE_TYPE(name, description, style, fixed);
    const herd_policy_type switching = HERD_STYLE_TYPE(name, description, style, switching);
    *out = style->switching || style->staged ? switching : fixed;
    return HERD_OK;
}

const herd_style *herd_policy_style(const herd_policy_type *type)
{
    if (type == NULL || type->version < 3 || (type->decide_data != herd_style_fixed_decide &&
                                              type->decide_data != herd_style_switching_decide))
        return NULL;
    return type->data;
}

/* Running a style. */

int herd_style_fixed_decide(void *state, const void *data, const herd_team_view *view,
                            herd_stance *stance)
{
    (void)state;
    (void)view;
    *stance = ((const herd_style *)data)->calm;
    return 0;
}

static int needs_front(const herd_switching_state *h, const herd_style *s,
                       const herd_team_view *v)
{
    int shortfall = h->ticks_seen > s->warmup_ticks && h->smoothed < s->shortfall * h->plan;
    return v->crisis >= s->crisis_enter || v->coordination_gap >= s->gap_enter || shortfall;
}

static int calm(const herd_style *s, const herd_team_view *v)
{
    return v->crisis < s->crisis_leave && v->coordination_gap < s->gap_leave;
}

static void update_mode(herd_switching_state *h, const herd_style *s, const herd_team_view *v)
{
    if (!h->front) {
        if (needs_front(h, s, v)) {
            h->front = 1;
            h->calm_ticks = 0;
            h->front_ticks = 0;
        }
        return;
    }
    h->front_ticks++;
    h->calm_ticks = calm(s, v) ? h->calm_ticks + 1 : 0;
    if (h->calm_ticks >= s->calm_ticks && h->front_ticks >= s->min_front_ticks) {
        h->front = 0;
        /* Back from the front, the leader makes a fresh plan from where the team now stands. */
        h->plan = h->smoothed;
    }
}

/* The stage the team would be at if every threshold were shift higher. */
static herd_stage stage_at(const herd_style *s, double shift, double skill, double engagement)
{
    if (!(skill >= s->skill_coaching + shift))
        return HERD_STAGE_DIRECTING;
    if (!(skill >= s->skill_supporting + shift))
        return HERD_STAGE_COACHING;
    if (!(engagement >= s->engagement_delegating + shift))
        return HERD_STAGE_SUPPORTING;
    return HERD_STAGE_DELEGATING;
}

/* herd_style_stage of a style. */
static inline herd_stage next_stage(const herd_style *style, int from, double skill,
                                    double engagement)
{
    if (from < 0 || from >= HERD_STAGE_COUNT)
        return stage_at(style, 0, skill, engagement);
    /* The team has surely reached the stage `up` and surely not passed `down` (up <= down). */
    herd_stage up = stage_at(style, style->stage_band, skill, engagement);
    herd_stage down = stage_at(style, -style->stage_band, skill, engagement);
    if ((int)up > from)
        return up;
    if ((int)down < from)
        return down;
    return (herd_stage)from;
}

herd_stage herd_style_stage(const herd_style *style, int from, double skill, double engagement)
{
    return style != NULL ? next_stage(style, from, skill, engagement) : (herd_stage)0;
}

int herd_style_switching_decide(void *state, const void *data, const herd_team_view *view,
                                herd_stance *stance)
{
    herd_switching_state *h = state;
    const herd_style *s = data;
    if (h->ticks_seen == 0) {
        h->smoothed = view->performance;
        h->plan = view->performance;
        h->stage = -1;
    }
    h->smoothed += s->smoothing * (view->performance - h->smoothed);
    if (s->switching)
        update_mode(h, s, view);
    if (!h->front)
        h->plan += s->plan_rate * (h->smoothed - h->plan);
    h->ticks_seen++;
    if (s->staged)
        h->stage = next_stage(s, h->stage, view->skill, view->engagement);
    if (h->front)
        *stance = s->front;
    else
        *stance = s->staged ? s->stage[h->stage] : s->calm;
    return 0;
}

/* Checking a restored state: what the functions above can leave behind. */

int herd_style_switching_check(const void *state, const void *data, long tick, char *msg,
                               size_t msg_size)
{
    const herd_switching_state *h = state;
    if (herd_style_validate(data, msg, msg_size) != HERD_OK)
        return HERD_ERANGE;
    if (!(h->stage >= -1 && h->stage < HERD_STAGE_COUNT))
        return herd_errf(msg, msg_size, HERD_ERANGE, "stage %d is not one of the %d stages",
                         h->stage, HERD_STAGE_COUNT);
    /* Both counters restart together on going to the front and grow once a tick there. */
    if (!(h->front == 0 || h->front == 1) || h->calm_ticks < 0 ||
        h->calm_ticks > h->front_ticks || h->front_ticks > h->ticks_seen ||
        h->ticks_seen > tick)
        return herd_errf(msg, msg_size, HERD_ERANGE,
                         "front %d, calm_ticks %ld, front_ticks %ld, ticks_seen %ld after %ld "
                         "ticks: counters no tick sequence leaves", h->front, h->calm_ticks,
                         h->front_ticks, h->ticks_seen, tick);
    if (!isfinite(h->smoothed) || !isfinite(h->plan))
        return herd_errf(msg, msg_size, HERD_ERANGE, "smoothed %g, plan %g: not finite",
                         h->smoothed, h->plan);
    return HERD_OK;
}
