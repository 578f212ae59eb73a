/* Copying a scenario, and writing one back as canonical text. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "herd/error.h"
#include "numfmt.h"
#include "scenario_internal.h"

/* Copying. */

static int copy_sections(const herd_allocator *a, scn_section **dst, const scn_section *src,
                         size_t n, size_t cap)
{
    if (cap == 0)
        return HERD_OK;
    *dst = herd_calloc(a, cap, sizeof **dst);
    if (*dst == NULL)
        return HERD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        (*dst)[i] = src[i];
        (*dst)[i].label = NULL;
        if (src[i].label != NULL && ((*dst)[i].label = herd_strdup(a, src[i].label)) == NULL)
            return HERD_ENOMEM;
    }
    return HERD_OK;
}

static void *copy_array(const herd_allocator *a, const void *src, size_t n, size_t cap,
                        size_t item)
{
    void *c = herd_calloc(a, cap, item);
    if (c != NULL && n > 0)
        memcpy(c, src, n * item);
    return c;
}

/* Fills d, made by scn_new, from s. What is made before a failure is d's, for
 * herd_scenario_free. */
static int copy_into(scn_full *d, const scn_full *s)
{
    const herd_allocator *a = &d->a;
    d->pub = s->pub;
    d->pub.events = NULL;
    d->pub.team_policies = NULL;
    d->pub.n_events = d->pub.n_team_policies = 0;
    d->catalog = s->catalog;
    d->cap_events = s->cap_events;
    d->cap_policies = s->cap_policies;
    memcpy(d->param_line, s->param_line, herd_params_count() * sizeof *d->param_line);
    memcpy(d->run_line, s->run_line, sizeof d->run_line);
    if ((s->name != NULL && scn_set_name(d, s->name) != HERD_OK) ||
        copy_sections(a, &d->event_x, s->event_x, s->pub.n_events, s->cap_events) != HERD_OK ||
        copy_sections(a, &d->policy_x, s->policy_x, s->pub.n_team_policies, s->cap_policies) !=
            HERD_OK ||
        scn_styles_copy(d, s) != HERD_OK)
        return HERD_ENOMEM;
    if (s->cap_events > 0 &&
        (d->pub.events = copy_array(a, s->pub.events, s->pub.n_events, s->cap_events,
                                    sizeof *s->pub.events)) == NULL)
        return HERD_ENOMEM;
    d->pub.n_events = s->pub.n_events;
    if (s->cap_policies > 0 &&
        (d->pub.team_policies = copy_array(a, s->pub.team_policies, s->pub.n_team_policies,
                                           s->cap_policies, sizeof *s->pub.team_policies)) == NULL)
        return HERD_ENOMEM;
    d->pub.n_team_policies = s->pub.n_team_policies;
    d->pub.policy = scn_policy_remap(d, s, s->pub.policy);
    for (size_t i = 0; i < d->pub.n_team_policies; i++)
        d->pub.team_policies[i].policy = scn_policy_remap(d, s, s->pub.team_policies[i].policy);
    return HERD_OK;
}

herd_status herd_scenario_copy_with(herd_scenario **out, const herd_scenario *pub,
                                    const herd_allocator *allocator, char *err,
                                    size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no place for the copy");
    *out = NULL;
    if (pub == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no scenario to copy");
    const scn_full *s = scn_const(pub);
    herd_allocator a = s->a;
    if (allocator != NULL &&
        herd_allocator_take(&a, allocator, "allocator", err, err_size) != HERD_OK)
        return HERD_EINVAL;
    scn_full *d = scn_new(&a);
    if (d == NULL || copy_into(d, s) != HERD_OK) {
        herd_scenario_free(d != NULL ? &d->pub : NULL);
        return herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory for a copy",
                         s->name != NULL ? s->name : "(scenario)");
    }
    *out = &d->pub;
    return HERD_OK;
}

herd_status herd_scenario_copy(herd_scenario **out, const herd_scenario *s)
{
    return herd_scenario_copy_with(out, s, NULL, NULL, 0);
}

/* Writing. */

/* The shortest text that reads back as v; buf holds HERD_NUMFMT_SIZE bytes or more. */
static void number_text(double v, int whole, char buf[HERD_NUMFMT_SIZE])
{
    if (whole)
        snprintf(buf, HERD_NUMFMT_SIZE, "%.0f", v);
    else
        herd_numfmt_shortest(v, buf);
}

static void teams_text(long first, long count, long n_teams, char *buf, size_t n)
{
    if (first == 0 && count == 0)
        snprintf(buf, n, "all");
    else if (count == 1)
        snprintf(buf, n, "%ld", first);
    else
        snprintf(buf, n, "%ld-%ld", first, count == 0 ? n_teams - 1 : first + count - 1);
}

/* Where canonical text goes: a stream, or a buffer grown with the scenario's allocator. */
typedef struct sink {
    FILE *f;
    const herd_allocator *a;
    char *buf;
    size_t len, cap;
    int status;
} sink;

static int room(sink *o, size_t more)
{
    if (more < o->cap - o->len)
        return HERD_OK;
    if (more > SIZE_MAX / 4 - o->len)
        return HERD_ENOMEM;
    size_t cap = o->cap > 0 ? o->cap : 1024;
    while (cap - o->len <= more)
        cap *= 2;
    char *grown = herd_grow(o->a, o->buf, o->cap, cap, 1);
    if (grown == NULL)
        return HERD_ENOMEM;
    o->buf = grown;
    o->cap = cap;
    return HERD_OK;
}

static void put(sink *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(sink *o, const char *fmt, ...)
{
    if (o->status != HERD_OK)
        return;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = o->f != NULL ? vfprintf(o->f, fmt, ap) : vsnprintf(NULL, 0, fmt, ap);
    if (n < 0)
        o->status = HERD_EIO;
    else if (o->f == NULL && (o->status = room(o, (size_t)n)) == HERD_OK)
        o->len += (size_t)vsnprintf(o->buf + o->len, o->cap - o->len, fmt, again);
    va_end(again);
    va_end(ap);
}

static void write_params(sink *o, const herd_params *p)
{
    herd_params def;
    herd_params_default(&def);
    int any = 0;
    for (size_t i = 0; herd_params_info(i) != NULL; i++) {
        const herd_param_info *info = herd_params_info(i);
        double v = herd_params_get(p, info);
        if (v == herd_params_get(&def, info))
            continue;
        char text[64];
        number_text(v, info->kind == HERD_PARAM_INT, text);
        put(o, "%s%s = %s\n", any ? "" : "\n[model]\n", info->name, text);
        any = 1;
    }
}

static void write_style(sink *o, const scn_style *st)
{
    put(o, "\n[style.%s]\n", st->name);
    if (st->base != NULL)
        put(o, "base = %s\n", st->base);
    size_t calm = offsetof(herd_style, calm), front = offsetof(herd_style, front);
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++) {
        const herd_style_key *k = herd_style_key_info(i);
        if (!st->given[i])
            continue;
        char text[64];
        number_text(herd_style_get(&st->own, k), k->kind == HERD_PARAM_INT, text);
        int prefix = st->style.switching && k->offset >= calm && k->offset < front;
        put(o, "%s%s = %s\n", prefix ? "calm." : "", k->name, text);
    }
}

static void write_sections(sink *o, const scn_full *s)
{
    const herd_scenario *p = &s->pub;
    char teams[64], text[64];
    for (size_t i = 0; i < p->n_team_policies; i++) {
        const herd_team_policy *tp = &p->team_policies[i];
        teams_text(tp->first, tp->count, p->params.n_teams, teams, sizeof teams);
        if (s->policy_x[i].label != NULL)
            put(o, "\n[policy.%s]\n", s->policy_x[i].label);
        else
            put(o, "\n[policy.p%zu]\n", i);
        put(o, "teams = %s\npolicy = %s\n", teams, tp->policy != NULL ? tp->policy->name : "");
    }
    for (size_t i = 0; i < p->n_events; i++) {
        const herd_event *e = &p->events[i];
        teams_text(e->team_first, e->team_count, p->params.n_teams, teams, sizeof teams);
        number_text(e->intensity, 0, text);
        if (s->event_x[i].label != NULL)
            put(o, "\n[event.%s]\n", s->event_x[i].label);
        else
            put(o, "\n[event.e%zu]\n", i);
        put(o, "kind = %s\nstart = %ld\nlength = %ld\nintensity = %s\nteams = %s\n",
            herd_event_kind_name(e->kind), e->start, e->length, text, teams);
    }
}

static int write_all(sink *o, const scn_full *s)
{
    const herd_scenario *pub = &s->pub;
    put(o, "[run]\nticks = %ld\nseed = %llu\nreps = %ld\npolicy = %s\n", pub->ticks,
        (unsigned long long)pub->seed, pub->reps, pub->policy != NULL ? pub->policy->name : "");
    write_params(o, &pub->params);
    for (size_t i = 0; i < s->n_styles; i++)
        write_style(o, s->styles[i]);
    write_sections(o, s);
    return o->status;
}

herd_status herd_scenario_write(const herd_scenario *pub, FILE *f)
{
    if (pub == NULL || f == NULL)
        return HERD_EINVAL;
    sink o = {.f = f};
    int rc = write_all(&o, scn_const(pub));
    return rc == HERD_OK && ferror(f) ? HERD_EIO : rc;
}

herd_status herd_scenario_write_string(const herd_scenario *pub, char **text, size_t *len)
{
    if (text == NULL)
        return HERD_EINVAL;
    *text = NULL;
    if (pub == NULL)
        return HERD_EINVAL;
    const scn_full *s = scn_const(pub);
    sink o = {.a = &s->a};
    int rc = room(&o, 0);
    if (rc == HERD_OK)
        rc = write_all(&o, s);
    if (rc != HERD_OK) {
        herd_free(&s->a, o.buf);
        return rc;
    }
    *text = o.buf;
    if (len != NULL)
        *len = o.len;
    return HERD_OK;
}
