/* Copying a scenario, and writing one back as canonical text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/error.h"
#include "scenario_internal.h"

/* Copying. */

static int copy_sections(scn_section **dst, const scn_section *src, size_t n, size_t cap)
{
    if (cap == 0)
        return HERD_OK;
    *dst = calloc(cap, sizeof **dst);
    if (*dst == NULL)
        return HERD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        (*dst)[i] = src[i];
        (*dst)[i].label = NULL;
        if (src[i].label != NULL && ((*dst)[i].label = scn_strdup(src[i].label)) == NULL)
            return HERD_ENOMEM;
    }
    return HERD_OK;
}

static void *copy_array(const void *src, size_t n, size_t cap, size_t item)
{
    void *a = calloc(cap, item);
    if (a != NULL && n > 0)
        memcpy(a, src, n * item);
    return a;
}

static int copy_into(scn_full *d, const scn_full *s)
{
    d->pub = s->pub;
    d->pub.events = NULL;
    d->pub.team_policies = NULL;
    d->pub.n_events = d->pub.n_team_policies = 0;
    d->catalog = s->catalog;
    memcpy(d->param_line, s->param_line, herd_params_count() * sizeof *d->param_line);
    memcpy(d->run_line, s->run_line, sizeof d->run_line);
    if ((s->name != NULL && scn_set_name(d, s->name) != HERD_OK) ||
        copy_sections(&d->event_x, s->event_x, s->pub.n_events, s->cap_events) != HERD_OK ||
        copy_sections(&d->policy_x, s->policy_x, s->pub.n_team_policies, s->cap_policies) !=
            HERD_OK ||
        scn_styles_copy(d, s) != HERD_OK)
        return HERD_ENOMEM;
    d->cap_events = s->cap_events;
    d->cap_policies = s->cap_policies;
    if (s->cap_events > 0 && (d->pub.events = copy_array(s->pub.events, s->pub.n_events,
                                                         s->cap_events, sizeof *s->pub.events)) == NULL)
        return HERD_ENOMEM;
    d->pub.n_events = s->pub.n_events;
    if (s->cap_policies > 0 &&
        (d->pub.team_policies = copy_array(s->pub.team_policies, s->pub.n_team_policies,
                                           s->cap_policies, sizeof *s->pub.team_policies)) == NULL)
        return HERD_ENOMEM;
    d->pub.n_team_policies = s->pub.n_team_policies;
    d->pub.policy = scn_policy_remap(d, s, s->pub.policy);
    for (size_t i = 0; i < d->pub.n_team_policies; i++)
        d->pub.team_policies[i].policy = scn_policy_remap(d, s, s->pub.team_policies[i].policy);
    return HERD_OK;
}

herd_status herd_scenario_copy(herd_scenario **out, const herd_scenario *s)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (s == NULL)
        return HERD_EINVAL;
    scn_full *d = scn_new();
    if (d == NULL)
        return HERD_ENOMEM;
    if (copy_into(d, scn_const(s)) != HERD_OK) {
        herd_scenario_free(&d->pub);
        return HERD_ENOMEM;
    }
    *out = &d->pub;
    return HERD_OK;
}

/* Writing. */

/* The shortest text that reads back as v. */
static void real_text(double v, char *buf, size_t n)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, n, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

static void number_text(double v, int whole, char *buf, size_t n)
{
    if (whole)
        snprintf(buf, n, "%.0f", v);
    else
        real_text(v, buf, n);
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

static void write_params(const herd_params *p, FILE *f)
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
        number_text(v, info->kind == HERD_PARAM_INT, text, sizeof text);
        fprintf(f, "%s%s = %s\n", any ? "" : "\n[model]\n", info->name, text);
        any = 1;
    }
}

static void write_style(const scn_style *st, FILE *f)
{
    fprintf(f, "\n[style.%s]\n", st->name);
    if (st->base != NULL)
        fprintf(f, "base = %s\n", st->base);
    size_t calm = offsetof(herd_style, calm), front = offsetof(herd_style, front);
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++) {
        const herd_style_key *k = herd_style_key_info(i);
        if (!st->given[i])
            continue;
        char text[64];
        number_text(herd_style_get(&st->own, k), k->kind == HERD_PARAM_INT, text, sizeof text);
        int prefix = st->style.switching && k->offset >= calm && k->offset < front;
        fprintf(f, "%s%s = %s\n", prefix ? "calm." : "", k->name, text);
    }
}

static void write_sections(const scn_full *s, FILE *f)
{
    const herd_scenario *p = &s->pub;
    char teams[64], text[64];
    for (size_t i = 0; i < p->n_team_policies; i++) {
        const herd_team_policy *tp = &p->team_policies[i];
        teams_text(tp->first, tp->count, p->params.n_teams, teams, sizeof teams);
        if (s->policy_x[i].label != NULL)
            fprintf(f, "\n[policy.%s]\n", s->policy_x[i].label);
        else
            fprintf(f, "\n[policy.p%zu]\n", i);
        fprintf(f, "teams = %s\npolicy = %s\n", teams, tp->policy != NULL ? tp->policy->name : "");
    }
    for (size_t i = 0; i < p->n_events; i++) {
        const herd_event *e = &p->events[i];
        teams_text(e->team_first, e->team_count, p->params.n_teams, teams, sizeof teams);
        real_text(e->intensity, text, sizeof text);
        if (s->event_x[i].label != NULL)
            fprintf(f, "\n[event.%s]\n", s->event_x[i].label);
        else
            fprintf(f, "\n[event.e%zu]\n", i);
        fprintf(f, "kind = %s\nstart = %ld\nlength = %ld\nintensity = %s\nteams = %s\n",
                herd_event_kind_name(e->kind), e->start, e->length, text, teams);
    }
}

herd_status herd_scenario_write(const herd_scenario *pub, FILE *f)
{
    if (pub == NULL || f == NULL)
        return HERD_EINVAL;
    const scn_full *s = scn_const(pub);
    fprintf(f, "[run]\nticks = %ld\nseed = %llu\nreps = %ld\npolicy = %s\n", pub->ticks,
            (unsigned long long)pub->seed, pub->reps,
            pub->policy != NULL ? pub->policy->name : "");
    write_params(&pub->params, f);
    for (size_t i = 0; i < s->n_styles; i++)
        write_style(s->styles[i], f);
    write_sections(s, f);
    return ferror(f) ? HERD_EIO : HERD_OK;
}

herd_status herd_scenario_write_string(const herd_scenario *s, char **text, size_t *len)
{
    if (text == NULL)
        return HERD_EINVAL;
    *text = NULL;
    if (s == NULL)
        return HERD_EINVAL;
    size_t n = 0;
    FILE *f = open_memstream(text, &n);
    if (f == NULL)
        return HERD_ENOMEM;
    int rc = herd_scenario_write(s, f);
    if (fclose(f) != 0 && rc == HERD_OK)
        rc = HERD_ENOMEM;
    if (rc != HERD_OK) {
        free(*text);
        *text = NULL;
        return rc;
    }
    if (len != NULL)
        *len = n;
    return HERD_OK;
}
