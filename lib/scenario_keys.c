/* Keys by their full names ("ticks", "model.skill_mean", "event.storm.start",
 * "style.calm-front.front.direction"): setting one as text or as a number, reading one as a
 * number, and finding a policy by name. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/error.h"
#include "errmsg.h"
#include "scenario_internal.h"

/* Where a full key points. */
typedef struct key_ref {
    scn_kind kind;
    const char *label; /* of a labelled section, inside buf */
    const char *name;  /* the key within its section */
    char buf[160];
} key_ref;

static int split_key(const char *key, key_ref *r, char *err, size_t err_size)
{
    const char *dot = strchr(key, '.');
    if (dot == NULL) {
        r->kind = scn_is_run_key(key) ? SCN_RUN : SCN_PARAMS;
        r->label = NULL;
        r->name = key;
        return HERD_OK;
    }
    /* A style's keys have dots of their own: its label ends at the second dot. */
    const char *end = strncmp(key, "style.", 6) == 0 ? strchr(dot + 1, '.') : strrchr(key, '.');
    if (end == NULL || (size_t)(end - key) >= sizeof r->buf) {
        scn_say(NULL, err, err_size, 0, key, "unknown section");
        return HERD_ENOTFOUND;
    }
    memcpy(r->buf, key, (size_t)(end - key));
    r->buf[end - key] = '\0';
    r->name = end + 1;
    r->kind = scn_fixed_section(r->buf);
    r->label = NULL;
    static const struct {
        const char *prefix;
        scn_kind kind;
    } labelled[] = {{"event.", SCN_EVENT}, {"policy.", SCN_POLICY}, {"style.", SCN_STYLE}};
    for (size_t i = 0; r->kind == SCN_NONE && i < sizeof labelled / sizeof labelled[0]; i++) {
        size_t n = strlen(labelled[i].prefix);
        if (strncmp(r->buf, labelled[i].prefix, n) == 0 && r->buf[n] != '\0') {
            r->kind = labelled[i].kind;
            r->label = r->buf + n;
        }
    }
    if (r->kind == SCN_NONE) {
        scn_say(NULL, err, err_size, 0, key, "unknown section \"%s\"", r->buf);
        return HERD_ENOTFOUND;
    }
    return HERD_OK;
}

/* The labelled section of r, made if create and missing. */
static int section_index(scn_full *s, const key_ref *r, int create, size_t *index, char *msg,
                         size_t n)
{
    *index = 0;
    if (r->label == NULL)
        return HERD_OK;
    if (!create) {
        long found = r->kind == SCN_STYLE ? -1 : scn_section_find(s, r->kind, r->label);
        for (size_t i = 0; r->kind == SCN_STYLE && i < s->n_styles; i++)
            if (strcmp(s->styles[i]->name, r->label) == 0)
                found = (long)i;
        if (found < 0)
            return herd_errf(msg, n, HERD_ENOTFOUND, "the scenario has no [%s]", r->buf);
        *index = (size_t)found;
        return HERD_OK;
    }
    int rc = r->kind == SCN_STYLE ? scn_style_get(s, r->label, index, msg, n)
                                  : scn_section_get(s, r->kind, r->label, index);
    if (rc == HERD_EPARSE)
        herd_errf(msg, n, rc, "a section label has letters, digits, '_' and '-' only");
    return rc;
}

/* Sets a style key; if the styles then do not resolve, puts the style back as it was. */
static int set_style_key(scn_full *s, size_t index, const char *name, const char *value,
                         char *msg, size_t n)
{
    scn_style *st = s->styles[index];
    scn_style saved = *st;
    char *saved_base = st->base != NULL ? herd_strdup(&s->a, st->base) : NULL;
    if (st->base != NULL && saved_base == NULL)
        return HERD_ENOMEM;
    int rc = scn_set_key(s, SCN_STYLE, index, name, value, 0, msg, n);
    /* The file's lines do not say where a program's change went wrong. */
    char *file = s->name;
    s->name = NULL;
    if (rc == HERD_OK)
        rc = scn_styles_resolve(s, msg, n);
    s->name = file;
    if (rc != HERD_OK) {
        herd_free(&s->a, st->base);
        *st = saved;
        st->base = saved_base;
        saved_base = NULL;
        scn_styles_resolve(s, NULL, 0);
    }
    herd_free(&s->a, saved_base);
    return rc;
}

herd_status herd_scenario_set(herd_scenario *pub, const char *key, const char *value, char *err,
                              size_t err_size)
{
    if (pub == NULL || key == NULL || value == NULL)
        return HERD_EINVAL;
    scn_full *s = scn_of(pub);
    key_ref r;
    int rc = split_key(key, &r, err, err_size);
    if (rc != HERD_OK)
        return rc;
    char msg[600] = "";
    size_t index = 0, styles = s->n_styles;
    rc = section_index(s, &r, 1, &index, msg, sizeof msg);
    if (rc == HERD_OK && r.kind == SCN_STYLE) {
        rc = set_style_key(s, index, r.name, value, msg, sizeof msg);
        if (rc != HERD_OK && s->n_styles > styles)
            scn_styles_drop_last(s);
    } else if (rc == HERD_OK)
        rc = scn_set_key(s, r.kind, index, r.name, value, 0, msg, sizeof msg);
    size_t n = strlen(key);
    int named = strncmp(msg, key, n) == 0 && msg[n] == ':';
    if (rc != HERD_OK)
        scn_say(NULL, err, err_size, 0, named ? NULL : key, "%s",
                rc == HERD_ENOMEM ? "out of memory" : msg);
    return rc;
}

const herd_param_info *herd_scenario_key_param(const char *key)
{
    key_ref r;
    if (key == NULL || split_key(key, &r, NULL, 0) != HERD_OK || r.kind != SCN_PARAMS)
        return NULL;
    return herd_params_find(r.name);
}

/* Numbers. */

static int run_number(const herd_scenario *s, const char *name, double *v)
{
    if (strcmp(name, "ticks") == 0)
        *v = (double)s->ticks;
    else if (strcmp(name, "reps") == 0)
        *v = (double)s->reps;
    else if (strcmp(name, "seed") == 0)
        *v = (double)s->seed;
    else
        return HERD_EINVAL;
    return HERD_OK;
}

static int event_number(const herd_event *e, const char *name, double *v, int *whole)
{
    *whole = 1;
    if (strcmp(name, "start") == 0)
        *v = (double)e->start;
    else if (strcmp(name, "length") == 0)
        *v = (double)e->length;
    else if (strcmp(name, "intensity") == 0) {
        *v = e->intensity;
        *whole = 0;
    } else
        return HERD_EINVAL;
    return HERD_OK;
}

static int style_number(const scn_style *st, const char *name, double *v, int *whole)
{
    const herd_style_key *k = herd_style_key_find(name);
    if (k == NULL)
        return strcmp(name, "base") == 0 ? HERD_EINVAL : HERD_ENOTFOUND;
    *v = herd_style_get(&st->style, k);
    *whole = k->kind == HERD_PARAM_INT;
    return HERD_OK;
}

/* The team range of the policy or event section at index: the numbers behind its "teams",
 * which designs vary as policy.NAME.first and policy.NAME.count (event.NAME.* likewise). */
static int team_range(scn_full *s, const key_ref *r, size_t index, long **first, long **count)
{
    if (r->kind == SCN_POLICY) {
        *first = &s->pub.team_policies[index].first;
        *count = &s->pub.team_policies[index].count;
    } else if (r->kind == SCN_EVENT) {
        *first = &s->pub.events[index].team_first;
        *count = &s->pub.events[index].team_count;
    } else {
        return HERD_ENOTFOUND;
    }
    return strcmp(r->name, "first") == 0 || strcmp(r->name, "count") == 0 ? HERD_OK
                                                                            : HERD_ENOTFOUND;
}

/* The number at r: HERD_EINVAL for a key that holds no number, HERD_ENOTFOUND for none. */
static int number_at(const scn_full *s, const key_ref *r, size_t index, double *v, int *whole)
{
    if (r->kind == SCN_PARAMS) {
        const herd_param_info *info = herd_params_find(r->name);
        if (info == NULL)
            return HERD_ENOTFOUND;
        *v = herd_params_get(&s->pub.params, info);
        *whole = info->kind == HERD_PARAM_INT;
        return HERD_OK;
    }
    if (r->kind == SCN_STYLE)
        return style_number(s->styles[index], r->name, v, whole);
    long *first, *count;
    if (team_range((scn_full *)s, r, index, &first, &count) == HERD_OK) {
        *v = (double)(strcmp(r->name, "first") == 0 ? *first : *count);
        *whole = 1;
        return HERD_OK;
    }
    const herd_scenario_key *k = NULL;
    const char *section = r->kind == SCN_RUN ? "run" : r->kind == SCN_EVENT ? "event.NAME"
                                                                            : "policy.NAME";
    for (size_t i = 0; (k = herd_scenario_key_info(i)) != NULL; i++)
        if (strcmp(k->section, section) == 0 && strcmp(k->name, r->name) == 0)
            break;
    if (k == NULL)
        return HERD_ENOTFOUND;
    *whole = 1;
    if (r->kind == SCN_RUN)
        return run_number(&s->pub, r->name, v);
    if (r->kind == SCN_EVENT)
        return event_number(&s->pub.events[index], r->name, v, whole);
    return HERD_EINVAL;
}

herd_status herd_scenario_get_number(const herd_scenario *pub, const char *key, double *value,
                                     int *is_integer, char *err, size_t err_size)
{
    if (pub == NULL || key == NULL || value == NULL)
        return HERD_EINVAL;
    scn_full *s = scn_of((herd_scenario *)pub);
    key_ref r;
    int rc = split_key(key, &r, err, err_size);
    if (rc != HERD_OK)
        return rc;
    char msg[256];
    size_t index = 0;
    if ((rc = section_index(s, &r, 0, &index, msg, sizeof msg)) != HERD_OK) {
        scn_say(NULL, err, err_size, 0, key, "%s", msg);
        return rc;
    }
    int whole = 0;
    rc = number_at(s, &r, index, value, &whole);
    if (rc == HERD_ENOTFOUND)
        scn_say(NULL, err, err_size, 0, key, "unknown key");
    else if (rc != HERD_OK)
        scn_say(NULL, err, err_size, 0, key, "not a number: a key that can be varied holds one");
    if (rc == HERD_OK && is_integer != NULL)
        *is_integer = whole;
    return rc;
}

/* policy.NAME.first or .count set through the section's "teams", checked as a file's. */
static int set_team_number(herd_scenario *pub, const key_ref *r, const char *key, double value,
                           char *err, size_t err_size)
{
    scn_full *s = scn_of(pub);
    size_t index = 0;
    long *first, *count;
    char msg[256];
    if (section_index(s, r, 0, &index, msg, sizeof msg) != HERD_OK ||
        team_range(s, r, index, &first, &count) != HERD_OK)
        return HERD_ENOTFOUND;
    if (value != floor(value)) {
        scn_say(NULL, err, err_size, 0, key, "%g is not a whole number", value);
        return HERD_EPARSE;
    }
    int is_first = strcmp(r->name, "first") == 0;
    if (value < (is_first ? 0 : 1) || value > 1e9) {
        scn_say(NULL, err, err_size, 0, key, "%g: a team range starts at team 0 or later and "
                "holds 1 to 10^9 teams", value);
        return HERD_ERANGE;
    }
    long a = is_first ? (long)value : *first, n = is_first ? *count : (long)value;
    if (n == 0) /* "to the last team" keeps its meaning only while first stays */
        n = pub->params.n_teams - a;
    char teams_key[200], text[64];
    snprintf(teams_key, sizeof teams_key, "%s.teams", r->buf);
    snprintf(text, sizeof text, "%ld-%ld", a, a + n - 1);
    return herd_scenario_set(pub, teams_key, text, err, err_size);
}

herd_status herd_scenario_set_number(herd_scenario *s, const char *key, double value, char *err,
                                     size_t err_size)
{
    double old = 0;
    int whole = 0;
    int rc = herd_scenario_get_number(s, key, &old, &whole, err, err_size);
    if (rc != HERD_OK)
        return rc;
    if (!isfinite(value)) {
        scn_say(NULL, err, err_size, 0, key, "%g is not a finite number", value);
        return HERD_ERANGE;
    }
    key_ref r;
    if (split_key(key, &r, NULL, 0) == HERD_OK && (r.kind == SCN_POLICY || r.kind == SCN_EVENT) &&
        (strcmp(r.name, "first") == 0 || strcmp(r.name, "count") == 0))
        return set_team_number(s, &r, key, value, err, err_size);
    char text[64];
    snprintf(text, sizeof text, whole && fabs(value) < 1e18 && value == floor(value) ? "%.0f"
                                                                                      : "%.17g",
             value);
    return herd_scenario_set(s, key, text, err, err_size);
}

/* Policies by name. */

const herd_policy_type *herd_scenario_find_policy(const herd_scenario *s, const char *name)
{
    if (s == NULL || name == NULL)
        return NULL;
    return scn_policy_find(scn_const(s), name);
}

size_t herd_scenario_style_count(const herd_scenario *s)
{
    return s != NULL ? scn_const(s)->n_styles : 0;
}

const herd_policy_type *herd_scenario_style(const herd_scenario *s, size_t i)
{
    return s != NULL && i < scn_const(s)->n_styles ? &scn_const(s)->styles[i]->type : NULL;
}
