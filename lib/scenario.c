/* Scenarios in memory: the key tables, setting one key, whole-scenario checks, and turning a
 * scenario into a simulation. Reading text is in scenario_parse.c. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "herd/error.h"
#include "herd/rng.h"
#include "memory.h"
#include "scenario_internal.h"

#define MAX_TICKS 100000000.0
#define MAX_REPS 1000000.0

typedef int (*scn_setter)(scn_full *s, size_t index, const char *value, char *msg, size_t n);

typedef struct key_row {
    herd_scenario_key info;
    scn_kind kind;
    int slot;
    scn_setter set;
} key_row;

typedef struct section_row {
    herd_scenario_section info;
    scn_kind kind;
} section_row;

static const section_row section_table[] = {
    {{"run", "the run: its length, seed, replications and the policy of every team"}, SCN_RUN},
    {{"organisation", "model parameters; by convention the organisation's size and make-up, "
                      "hires and environment"},
     SCN_PARAMS},
    {{"model", "model parameters; by convention the coefficients of the equations"}, SCN_PARAMS},
    {{"policy.NAME", "a policy for a range of teams, overriding [run] policy there; ranges "
                     "must not overlap"},
     SCN_POLICY},
    {{"event.NAME", "a scheduled event; any number of them"}, SCN_EVENT},
    {{"style.NAME", "a declared style: a fixed stance, or a switching style with a calm and a "
                    "front stance; [run] and [policy.NAME] then name it as a policy"},
     SCN_STYLE},
};

enum { N_SECTIONS = sizeof section_table / sizeof section_table[0] };

/* Slots of the keys within their section. */
enum { RUN_TICKS, RUN_SEED, RUN_REPS, RUN_POLICY };
enum { EV_KIND, EV_START, EV_LENGTH, EV_INTENSITY, EV_TEAMS };
enum { POL_TEAMS, POL_POLICY };

/* Value parsing. Messages describe the value; the caller adds where and which key. */

int scn_parse_real(const char *value, double *out, char *msg, size_t n)
{
    if (*value == '\0')
        return herd_errf(msg, n, HERD_EPARSE, "no value given");
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (end == value || *end != '\0')
        return herd_errf(msg, n, HERD_EPARSE, "\"%s\" is not a number", value);
    if (!isfinite(v) || errno == ERANGE)
        return herd_errf(msg, n, HERD_ERANGE, "\"%s\" is not a finite number", value);
    *out = v;
    return HERD_OK;
}

int scn_parse_whole(const char *value, double *out, char *msg, size_t n)
{
    double v = 0;
    int rc = scn_parse_real(value, &v, msg, n);
    if (rc == HERD_EPARSE && msg != NULL && *value != '\0')
        snprintf(msg, n, "\"%s\" is not a whole number", value);
    if (rc != HERD_OK)
        return rc;
    if (v != floor(v))
        return herd_errf(msg, n, HERD_EPARSE, "\"%s\" is not a whole number", value);
    *out = v;
    return HERD_OK;
}

static int check_range(double v, double lo, double hi, char *msg, size_t n)
{
    if (v >= lo && v <= hi)
        return HERD_OK;
    return herd_err_outside(msg, n, NULL, v, lo, hi);
}

static int parse_long_in(const char *value, double lo, double hi, long *out, char *msg,
                         size_t n)
{
    double v = 0;
    int rc = scn_parse_whole(value, &v, msg, n);
    if (rc == HERD_OK)
        rc = check_range(v, lo, hi, msg, n);
    if (rc == HERD_OK)
        *out = (long)v;
    return rc;
}

static const char *skip_blank(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* A team number: digits only. */
static const char *parse_team(const char *p, long *out)
{
    p = skip_blank(p);
    if (*p < '0' || *p > '9')
        return NULL;
    long v = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > 100000000000L)
            return NULL;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return skip_blank(p);
}

/* "all", "A" or "A-B". */
static int parse_teams(const char *value, long *first, long *count, char *msg, size_t n)
{
    if (strcmp(value, "all") == 0) {
        *first = 0;
        *count = 0;
        return HERD_OK;
    }
    long a, b;
    const char *p = parse_team(value, &a);
    if (p != NULL && *p == '\0') {
        *first = a;
        *count = 1;
        return HERD_OK;
    }
    if (p != NULL && *p == '-' && (p = parse_team(p + 1, &b)) != NULL && *p == '\0') {
        if (b < a)
            return herd_errf(msg, n, HERD_ERANGE, "range \"%s\" ends before it starts", value);
        *first = a;
        *count = b - a + 1;
        return HERD_OK;
    }
    return herd_errf(msg, n, HERD_EPARSE,
                     "\"%s\" is not a team range (all, A or A-B, teams counted from 0)", value);
}

/* A name not yet known, while a file is read, may be a style declared further on. */
static int parse_policy(scn_full *s, const char *value, const char *key,
                        const herd_policy_type **out, char *msg, size_t n)
{
    const herd_policy_type *t = scn_policy_find(s, value);
    if (t == NULL && s->line_now > 0 && scn_label_ok(value)) {
        size_t i = 0;
        int rc = scn_style_get(s, value, &i, msg, n);
        if (rc != HERD_OK)
            return rc;
        scn_style *st = s->styles[i];
        if (st->ref_line == 0) {
            st->ref_line = s->line_now;
            snprintf(st->ref_key, sizeof st->ref_key, "%.95s", key);
        }
        t = &st->type;
    }
    if (t == NULL)
        return scn_unknown_policy(s, value, msg, n);
    *out = t;
    return HERD_OK;
}

static int parse_kind(const char *value, herd_event_kind *out, char *msg, size_t n)
{
    if (herd_event_kind_parse(value, out) == HERD_OK)
        return HERD_OK;
    if (msg != NULL && n > 0) {
        int w = snprintf(msg, n, "unknown event kind \"%s\"; the kinds are", value);
        for (int k = 0; k <= HERD_EVENT_HIRING && w >= 0 && (size_t)w < n; k++)
            w += snprintf(msg + w, n - (size_t)w, "%s %s", k ? "," : "",
                          herd_event_kind_name((herd_event_kind)k));
    }
    return HERD_ENOTFOUND;
}

/* Setters, one a key. */

static int set_ticks(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    (void)i;
    return parse_long_in(v, 1, MAX_TICKS, &s->pub.ticks, msg, n);
}

static int set_seed(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    (void)i;
    return herd_seed_parse(v, &s->pub.seed, msg, n);
}

static int set_reps(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    (void)i;
    return parse_long_in(v, 1, MAX_REPS, &s->pub.reps, msg, n);
}

static int set_run_policy(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    (void)i;
    return parse_policy(s, v, "policy", &s->pub.policy, msg, n);
}

static int set_ev_kind(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    return parse_kind(v, &s->pub.events[i].kind, msg, n);
}

static int set_ev_start(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    return parse_long_in(v, 0, MAX_TICKS, &s->pub.events[i].start, msg, n);
}

static int set_ev_length(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    return parse_long_in(v, 1, MAX_TICKS, &s->pub.events[i].length, msg, n);
}

static int set_ev_intensity(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    double x = 0;
    int rc = scn_parse_real(v, &x, msg, n);
    if (rc == HERD_OK)
        rc = check_range(x, 0, 1, msg, n);
    if (rc == HERD_OK)
        s->pub.events[i].intensity = x;
    return rc;
}

static int set_ev_teams(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    herd_event *e = &s->pub.events[i];
    return parse_teams(v, &e->team_first, &e->team_count, msg, n);
}

static int set_pol_teams(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    herd_team_policy *tp = &s->pub.team_policies[i];
    return parse_teams(v, &tp->first, &tp->count, msg, n);
}

static int set_pol_policy(scn_full *s, size_t i, const char *v, char *msg, size_t n)
{
    char key[96];
    snprintf(key, sizeof key, "policy.%.60s.policy", s->policy_x[i].label);
    return parse_policy(s, v, key, &s->pub.team_policies[i].policy, msg, n);
}

static const key_row key_table[] = {
    {{"run", "ticks", "integer", "260", 1, MAX_TICKS, "length of the run (a tick is a week)"},
     SCN_RUN, RUN_TICKS, set_ticks},
    {{"run", "seed", "seed", "1", 0, 0,
      "seed of the run; replication r runs with herd_seed_derive(seed, r)"},
     SCN_RUN, RUN_SEED, set_seed},
    {{"run", "reps", "integer", "1", 1, MAX_REPS, "replications, each with its own seed"},
     SCN_RUN, RUN_REPS, set_reps},
    {{"run", "policy", "policy", "behind", 0, 0, "policy of every team not in a [policy.NAME]"},
     SCN_RUN, RUN_POLICY, set_run_policy},
    {{"policy.NAME", "teams", "teams", "all", 0, 0, "the teams this policy leads"}, SCN_POLICY,
     POL_TEAMS, set_pol_teams},
    {{"policy.NAME", "policy", "policy", NULL, 0, 0, "the policy those teams run"}, SCN_POLICY,
     POL_POLICY, set_pol_policy},
    {{"event.NAME", "kind", "kind", NULL, 0, 0,
      "crisis (coordination needed, stress), absence (the leader is away), novelty (a novel "
      "task, fading over the length), training (a workshop), hiring (a share of members "
      "replaced by new hires at the start)"},
     SCN_EVENT, EV_KIND, set_ev_kind},
    {{"event.NAME", "start", "integer", "0", 0, MAX_TICKS,
      "first tick it acts on; must be inside the run (below ticks)"},
     SCN_EVENT, EV_START, set_ev_start},
    {{"event.NAME", "length", "integer", "1", 1, MAX_TICKS, "ticks it lasts"}, SCN_EVENT,
     EV_LENGTH, set_ev_length},
    {{"event.NAME", "intensity", "real", "1", 0, 1,
      "strength; for hiring, the share of members replaced; unused by absence"},
     SCN_EVENT, EV_INTENSITY, set_ev_intensity},
    {{"event.NAME", "teams", "teams", "all", 0, 0, "the teams it touches"}, SCN_EVENT, EV_TEAMS,
     set_ev_teams},
    {{"style.NAME", "base", "style", NULL, 0, 0,
      "a built-in style or another [style.NAME] to start from; without one every share is 0 "
      "and the thresholds are the hybrid's"},
     SCN_STYLE, 0, NULL},
};

enum { N_KEYS = sizeof key_table / sizeof key_table[0] };

const herd_scenario_section *herd_scenario_section_info(size_t i)
{
    return i < N_SECTIONS ? &section_table[i].info : NULL;
}

const herd_scenario_key *herd_scenario_key_info(size_t i)
{
    return i < N_KEYS ? &key_table[i].info : NULL;
}

static const key_row *find_key(scn_kind kind, const char *name);

scn_kind scn_fixed_section(const char *name)
{
    for (size_t i = 0; i < N_SECTIONS; i++)
        if (section_table[i].kind != SCN_EVENT && section_table[i].kind != SCN_POLICY &&
            section_table[i].kind != SCN_STYLE && strcmp(section_table[i].info.name, name) == 0)
            return section_table[i].kind;
    return SCN_NONE;
}

int scn_is_run_key(const char *name)
{
    return find_key(SCN_RUN, name) != NULL;
}

static const key_row *find_key(scn_kind kind, const char *name)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (key_table[i].kind == kind && strcmp(key_table[i].info.name, name) == 0)
            return &key_table[i];
    return NULL;
}

static const key_row *find_slot(scn_kind kind, int slot)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (key_table[i].kind == kind && key_table[i].slot == slot)
            return &key_table[i];
    return NULL;
}

/* Messages. */

void scn_vsay(const scn_full *s, char *err, size_t err_size, int line, const char *key,
              const char *fmt, va_list ap)
{
    if (err == NULL || err_size == 0)
        return;
    int w = 0;
    if (s != NULL && s->name != NULL)
        w = line > 0 ? snprintf(err, err_size, "%s:%d: ", s->name, line)
                     : snprintf(err, err_size, "%s: ", s->name);
    if (w >= 0 && (size_t)w < err_size && key != NULL)
        w += snprintf(err + w, err_size - (size_t)w, "%s: ", key);
    if (w >= 0 && (size_t)w < err_size)
        herd_verrf(err + w, err_size - (size_t)w, HERD_OK, fmt, ap);
}

void scn_say(const scn_full *s, char *err, size_t err_size, int line, const char *key,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scn_vsay(s, err, err_size, line, key, fmt, ap);
    va_end(ap);
}

/* Making and freeing. */

scn_full *scn_new(const herd_allocator *a)
{
    scn_full *s = herd_calloc(a, 1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->a = *a;
    s->param_line = herd_calloc(a, herd_params_count(), sizeof *s->param_line);
    if (s->param_line == NULL) {
        herd_free(a, s);
        return NULL;
    }
    herd_params_default(&s->pub.params);
    s->pub.ticks = 260;
    s->pub.seed = 1;
    s->pub.reps = 1;
    s->pub.policy = herd_policy_behind;
    return s;
}

herd_status herd_scenario_new_with(herd_scenario **out, const herd_allocator *allocator)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    herd_allocator a;
    if (herd_allocator_take(&a, allocator, "allocator", NULL, 0) != HERD_OK)
        return HERD_EINVAL;
    scn_full *s = scn_new(&a);
    *out = s != NULL ? &s->pub : NULL;
    return s != NULL ? HERD_OK : HERD_ENOMEM;
}

herd_status herd_scenario_new(herd_scenario **out)
{
    return herd_scenario_new_with(out, NULL);
}

static void free_sections(const herd_allocator *a, scn_section *x, size_t n)
{
    for (size_t i = 0; x != NULL && i < n; i++)
        herd_free(a, x[i].label);
    herd_free(a, x);
}

void herd_scenario_free(herd_scenario *pub)
{
    if (pub == NULL)
        return;
    scn_full *s = scn_of(pub);
    herd_allocator a = s->a;
    free_sections(&a, s->event_x, s->cap_events);
    free_sections(&a, s->policy_x, s->cap_policies);
    scn_styles_free(s);
    herd_free(&a, s->pub.events);
    herd_free(&a, s->pub.team_policies);
    herd_free(&a, s->param_line);
    herd_free(&a, s->name);
    herd_free(&a, s);
}

int scn_set_name(scn_full *s, const char *name)
{
    char *c = herd_strdup(&s->a, name);
    if (c == NULL)
        return HERD_ENOMEM;
    herd_free(&s->a, s->name);
    s->name = c;
    return HERD_OK;
}

/* Sections. The extras array is allocated with the same capacity as the public one, zeroed,
 * so each slot past n is clean. */

static int grow(const herd_allocator *a, void **arr, scn_section **x, size_t *cap, size_t item)
{
    if (*cap > SIZE_MAX / 2 / item || *cap > SIZE_MAX / 2 / sizeof **x)
        return HERD_ENOMEM;
    size_t ncap = *cap ? 2 * *cap : 4;
    void *na = herd_grow(a, *arr, *cap, ncap, item);
    if (na == NULL)
        return HERD_ENOMEM;
    *arr = na;
    scn_section *nx = herd_grow(a, *x, *cap, ncap, sizeof *nx);
    if (nx == NULL)
        return HERD_ENOMEM;
    *x = nx;
    *cap = ncap;
    return HERD_OK;
}

long scn_section_find(const scn_full *s, scn_kind kind, const char *label)
{
    const scn_section *x = kind == SCN_EVENT ? s->event_x : s->policy_x;
    size_t n = kind == SCN_EVENT ? s->pub.n_events : s->pub.n_team_policies;
    for (size_t i = 0; x != NULL && i < n; i++)
        if (x[i].label != NULL && strcmp(x[i].label, label) == 0)
            return (long)i;
    return -1;
}

static int add_event(scn_full *s, char *label)
{
    if (s->pub.n_events == s->cap_events) {
        void *arr = s->pub.events;
        int rc = grow(&s->a, &arr, &s->event_x, &s->cap_events, sizeof *s->pub.events);
        s->pub.events = arr;
        if (rc != HERD_OK)
            return rc;
    }
    size_t i = s->pub.n_events++;
    s->pub.events[i] = (herd_event){HERD_EVENT_CRISIS, 0, 1, 1.0, 0, 0};
    s->event_x[i] = (scn_section){.label = label};
    return HERD_OK;
}

static int add_policy(scn_full *s, char *label)
{
    if (s->pub.n_team_policies == s->cap_policies) {
        void *arr = s->pub.team_policies;
        int rc = grow(&s->a, &arr, &s->policy_x, &s->cap_policies, sizeof *s->pub.team_policies);
        s->pub.team_policies = arr;
        if (rc != HERD_OK)
            return rc;
    }
    size_t i = s->pub.n_team_policies++;
    s->pub.team_policies[i] = (herd_team_policy){0, 0, NULL};
    s->policy_x[i] = (scn_section){.label = label};
    return HERD_OK;
}

int scn_label_ok(const char *label)
{
    if (*label == '\0')
        return 0;
    for (; *label != '\0'; label++) {
        char c = *label;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

int scn_section_get(scn_full *s, scn_kind kind, const char *label, size_t *index)
{
    if (!scn_label_ok(label))
        return HERD_EPARSE;
    long found = scn_section_find(s, kind, label);
    if (found >= 0) {
        *index = (size_t)found;
        return HERD_OK;
    }
    char *c = herd_strdup(&s->a, label);
    if (c == NULL)
        return HERD_ENOMEM;
    int rc = kind == SCN_EVENT ? add_event(s, c) : add_policy(s, c);
    if (rc != HERD_OK) {
        herd_free(&s->a, c);
        return rc;
    }
    *index = (kind == SCN_EVENT ? s->pub.n_events : s->pub.n_team_policies) - 1;
    return HERD_OK;
}

static scn_section *section_x(scn_full *s, scn_kind kind, size_t index)
{
    if (kind == SCN_EVENT)
        return index < s->pub.n_events && s->event_x != NULL ? &s->event_x[index] : NULL;
    if (kind == SCN_POLICY)
        return index < s->pub.n_team_policies && s->policy_x != NULL ? &s->policy_x[index]
                                                                      : NULL;
    return NULL;
}

/* Setting one key. */

static int set_param(scn_full *s, const herd_param_info *info, const char *value, int line,
                     char *msg, size_t n)
{
    size_t idx = (size_t)(info - herd_params_info(0));
    if (line > 0 && s->param_line[idx] > 0) {
        snprintf(msg, n, "set twice (first on line %d)", s->param_line[idx]);
        return HERD_EPARSE;
    }
    double v = 0;
    int rc = info->kind == HERD_PARAM_INT ? scn_parse_whole(value, &v, msg, n)
                                          : scn_parse_real(value, &v, msg, n);
    if (rc == HERD_OK)
        rc = check_range(v, info->min, info->max, msg, n);
    if (rc == HERD_OK)
        rc = herd_params_set(&s->pub.params, info, v);
    if (rc == HERD_OK)
        s->param_line[idx] = line;
    return rc;
}

size_t scn_edit_distance(const char *a, const char *b)
{
    size_t lb = strlen(b);
    if (lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; a[i - 1] != '\0'; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The closest known name within a few edits, for "did you mean". */
static const char *closest(scn_kind kind, const char *name)
{
    const char *best = NULL;
    size_t best_d = 3;
    if (strlen(name) > 60)
        return NULL;
    if (kind == SCN_PARAMS) {
        for (size_t i = 0; herd_params_info(i) != NULL; i++) {
            size_t d = scn_edit_distance(name, herd_params_info(i)->name);
            if (d < best_d) {
                best_d = d;
                best = herd_params_info(i)->name;
            }
        }
        return best;
    }
    for (size_t i = 0; i < N_KEYS; i++) {
        if (key_table[i].kind != kind)
            continue;
        size_t d = scn_edit_distance(name, key_table[i].info.name);
        if (d < best_d) {
            best_d = d;
            best = key_table[i].info.name;
        }
    }
    return best;
}

static int unknown_key(scn_kind kind, const char *key, char *msg, size_t n)
{
    const char *near = closest(kind, key);
    const char *what = kind == SCN_PARAMS ? "unknown parameter" : "unknown key";
    if (near != NULL)
        snprintf(msg, n, "%s; did you mean %s?", what, near);
    else if (kind == SCN_PARAMS)
        snprintf(msg, n, "%s (herd info lists them all)", what);
    else
        snprintf(msg, n, "%s in this section (docs/SCENARIOS.md lists them)", what);
    return HERD_ENOTFOUND;
}

int scn_set_key(scn_full *s, scn_kind kind, size_t index, const char *key, const char *value,
                int line, char *msg, size_t msg_size)
{
    if (kind == SCN_STYLE)
        return scn_style_set_key(s, index, key, value, line, msg, msg_size);
    if (kind == SCN_PARAMS) {
        const herd_param_info *info = herd_params_find(key);
        if (info == NULL)
            return unknown_key(kind, key, msg, msg_size);
        return set_param(s, info, value, line, msg, msg_size);
    }
    const key_row *row = find_key(kind, key);
    if (row == NULL)
        return unknown_key(kind, key, msg, msg_size);
    scn_section *x = section_x(s, kind, index);
    int *where = kind == SCN_RUN ? &s->run_line[row->slot] : &x->key_line[row->slot];
    if (line > 0 && *where > 0) {
        snprintf(msg, msg_size, "set twice (first on line %d)", *where);
        return HERD_EPARSE;
    }
    s->line_now = line;
    int rc = row->set(s, index, value, msg, msg_size);
    s->line_now = 0;
    if (rc != HERD_OK)
        return rc;
    *where = line;
    if (x != NULL)
        x->set_mask |= 1u << row->slot;
    return HERD_OK;
}

/* Checking a whole scenario. */

typedef struct checker {
    const scn_full *s;
    char *err;
    size_t err_size;
} checker;

static int param_line(const scn_full *s, const char *name)
{
    const herd_param_info *info = herd_params_find(name);
    return info != NULL ? s->param_line[info - herd_params_info(0)] : 0;
}

/* The line of the first parameter named in msg that came from the file: a rule between two
 * fields is broken where one of them was set. */
static int mentioned_line(const scn_full *s, const char *msg)
{
    char word[64];
    while (*msg != '\0') {
        size_t n = strspn(msg, "abcdefghijklmnopqrstuvwxyz_0123456789");
        if (n > 0 && n < sizeof word) {
            memcpy(word, msg, n);
            word[n] = '\0';
            int line = param_line(s, word);
            if (line > 0)
                return line;
        }
        msg += n > 0 ? n : 1;
    }
    return 0;
}

/* Range errors name their field first: "name = value ...". */
static int check_params(const checker *c)
{
    char msg[256];
    int rc = herd_params_validate(&c->s->pub.params, msg, sizeof msg);
    if (rc == HERD_OK)
        return HERD_OK;
    char name[64];
    size_t n = strcspn(msg, " =");
    if (n >= sizeof name)
        n = 0;
    memcpy(name, msg, n);
    name[n] = '\0';
    int line = param_line(c->s, name);
    if (line == 0)
        line = mentioned_line(c->s, msg);
    if (herd_params_find(name) == NULL)
        scn_say(c->s, c->err, c->err_size, 0, "parameters", "%s", msg);
    else if (strncmp(msg + n, " = ", 3) == 0)
        scn_say(c->s, c->err, c->err_size, line, name, "%s", msg + n + 3);
    else
        scn_say(c->s, c->err, c->err_size, line, name, "%s", msg);
    return rc;
}

/* Line and printed name of a key of a labelled section. */
static int section_key_line(const scn_section *x, int slot)
{
    if (x == NULL)
        return 0;
    return x->key_line[slot] > 0 ? x->key_line[slot] : x->line;
}

static void section_key_name(const scn_section *x, scn_kind kind, size_t index, int slot,
                             char *buf, size_t n)
{
    const key_row *row = find_slot(kind, slot);
    const char *sec = kind == SCN_EVENT ? "event" : "policy";
    if (x != NULL && x->label != NULL)
        snprintf(buf, n, "%s.%s.%s", sec, x->label, row->info.name);
    else
        snprintf(buf, n, "%s %zu: %s", sec, index, row->info.name);
}

static int section_fail(const checker *c, scn_kind kind, size_t index, int slot, int status,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int section_fail(const checker *c, scn_kind kind, size_t index, int slot, int status,
                        const char *fmt, ...)
{
    const scn_section *x = section_x((scn_full *)c->s, kind, index);
    char key[160];
    section_key_name(x, kind, index, slot, key, sizeof key);
    va_list ap;
    va_start(ap, fmt);
    scn_vsay(c->s, c->err, c->err_size, section_key_line(x, slot), key, fmt, ap);
    va_end(ap);
    return status;
}

/* "A-B" for teams [first, first + count) (first alone when count is 0), or "A (+count)" when
 * the last team would overflow a long. */
static void range_text(char *buf, size_t size, long first, long count)
{
    if (count == 0)
        snprintf(buf, size, "%ld-%ld", first, first);
    else if (count - 1 <= LONG_MAX - first)
        snprintf(buf, size, "%ld-%ld", first, first + (count - 1));
    else
        snprintf(buf, size, "%ld (+%ld)", first, count);
}

/* Team range [first, first + count) within the organisation; count 0 means to the end. */
static int check_teams(const checker *c, scn_kind kind, size_t i, int slot, long first,
                       long count)
{
    long teams = c->s->pub.params.n_teams;
    if (first < 0 || count < 0)
        return section_fail(c, kind, i, slot, HERD_ERANGE, "negative team range");
    if (first >= teams || count > teams - first) {
        char range[64];
        range_text(range, sizeof range, first, count);
        return section_fail(c, kind, i, slot, HERD_ERANGE,
                            "teams %s are outside the organisation's teams 0-%ld (n_teams = %ld)",
                            range, teams - 1, teams);
    }
    return HERD_OK;
}

static int check_event(const checker *c, size_t i)
{
    const herd_event *e = &c->s->pub.events[i];
    const scn_section *x = section_x((scn_full *)c->s, SCN_EVENT, i);
    long ticks = c->s->pub.ticks;
    if (x != NULL && !(x->set_mask & (1u << EV_KIND)))
        return section_fail(c, SCN_EVENT, i, EV_KIND, HERD_EPARSE,
                            "missing: every event needs a kind");
    if ((unsigned)e->kind > HERD_EVENT_HIRING)
        return section_fail(c, SCN_EVENT, i, EV_KIND, HERD_ERANGE, "unknown event kind %d",
                            (int)e->kind);
    if (e->start < 0 || e->start >= ticks)
        return section_fail(c, SCN_EVENT, i, EV_START, HERD_ERANGE,
                            "tick %ld is outside the run, which has ticks 0-%ld (ticks = %ld)",
                            e->start, ticks - 1, ticks);
    if (e->length < 1)
        return section_fail(c, SCN_EVENT, i, EV_LENGTH, HERD_ERANGE, "%ld is below 1",
                            e->length);
    if (!(e->intensity >= 0 && e->intensity <= 1))
        return section_fail(c, SCN_EVENT, i, EV_INTENSITY, HERD_ERANGE,
                            "%g is outside the range [0, 1]", e->intensity);
    return check_teams(c, SCN_EVENT, i, EV_TEAMS, e->team_first, e->team_count);
}

static long range_end(const herd_team_policy *tp, long teams)
{
    return tp->count == 0 ? teams : tp->first + tp->count;
}

static int check_overlaps(const checker *c)
{
    const herd_scenario *s = &c->s->pub;
    long teams = s->params.n_teams;
    /* Pairwise: policy sections are few. */
    for (size_t i = 0; i < s->n_team_policies; i++) {
        const herd_team_policy *a = &s->team_policies[i];
        for (size_t j = 0; j < i; j++) {
            const herd_team_policy *b = &s->team_policies[j];
            if (a->first < range_end(b, teams) && b->first < range_end(a, teams)) {
                const scn_section *bx = section_x((scn_full *)c->s, SCN_POLICY, j);
                char other[160];
                section_key_name(bx, SCN_POLICY, j, POL_TEAMS, other, sizeof other);
                return section_fail(c, SCN_POLICY, i, POL_TEAMS, HERD_ERANGE,
                                    "overlaps %s (line %d): a team has one policy", other,
                                    section_key_line(bx, POL_TEAMS));
            }
        }
    }
    return HERD_OK;
}

static int check_policies(const checker *c)
{
    const herd_scenario *s = &c->s->pub;
    if (herd_policy_check(s->policy) != HERD_OK) {
        scn_say(c->s, c->err, c->err_size, c->s->run_line[RUN_POLICY], "policy",
                "not a usable policy type");
        return HERD_EINVAL;
    }
    for (size_t i = 0; i < s->n_team_policies; i++) {
        const herd_team_policy *tp = &s->team_policies[i];
        if (tp->policy == NULL)
            return section_fail(c, SCN_POLICY, i, POL_POLICY, HERD_EPARSE,
                                "missing: a policy section needs a policy");
        if (herd_policy_check(tp->policy) != HERD_OK)
            return section_fail(c, SCN_POLICY, i, POL_POLICY, HERD_EINVAL,
                                "not a usable policy type");
        int rc = check_teams(c, SCN_POLICY, i, POL_TEAMS, tp->first, tp->count);
        if (rc != HERD_OK)
            return rc;
    }
    return check_overlaps(c);
}

static int check_run(const checker *c)
{
    const herd_scenario *s = &c->s->pub;
    char msg[128];
    if (check_range((double)s->ticks, 1, MAX_TICKS, msg, sizeof msg) != HERD_OK) {
        scn_say(c->s, c->err, c->err_size, c->s->run_line[RUN_TICKS], "ticks", "%s", msg);
        return HERD_ERANGE;
    }
    if (check_range((double)s->reps, 1, MAX_REPS, msg, sizeof msg) != HERD_OK) {
        scn_say(c->s, c->err, c->err_size, c->s->run_line[RUN_REPS], "reps", "%s", msg);
        return HERD_ERANGE;
    }
    return HERD_OK;
}

herd_status herd_scenario_validate(const herd_scenario *s, char *err, size_t err_size)
{
    if (s == NULL)
        return HERD_EINVAL;
    checker c = {scn_const(s), err, err_size};
    int rc;
    if ((rc = check_params(&c)) || (rc = check_run(&c)) || (rc = check_policies(&c)))
        return rc;
    for (size_t i = 0; i < s->n_events; i++)
        if ((rc = check_event(&c, i)) != HERD_OK)
            return rc;
    return HERD_OK;
}

/* From scenario to simulation. */

herd_status herd_scenario_apply(const herd_scenario *s, herd_sim *sim,
                                const herd_policy_type *policy)
{
    if (s == NULL || sim == NULL)
        return HERD_EINVAL;
    int rc = herd_sim_set_policy(sim, policy != NULL ? policy : s->policy);
    long teams = herd_sim_params(sim)->n_teams;
    for (size_t i = 0; rc == HERD_OK && policy == NULL && i < s->n_team_policies; i++) {
        const herd_team_policy *tp = &s->team_policies[i];
        long count = tp->count == 0 ? teams - tp->first : tp->count;
        rc = herd_sim_set_team_policy(sim, tp->first, count, tp->policy);
    }
    for (size_t i = 0; rc == HERD_OK && i < s->n_events; i++)
        rc = herd_sim_add_event(sim, &s->events[i]);
    return rc;
}

herd_status herd_scenario_sim_new(herd_sim **out, const herd_scenario *s, uint64_t seed,
                                  const herd_settings *settings, const herd_policy_type *override)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (s == NULL)
        return HERD_EINVAL;
    herd_sim *sim;
    int rc = herd_sim_new_with(&sim, &s->params, seed, settings);
    if (rc != HERD_OK)
        return rc;
    rc = herd_scenario_apply(s, sim, override);
    if (rc != HERD_OK) {
        herd_sim_free(sim);
        return rc;
    }
    *out = sim;
    return HERD_OK;
}

const char *herd_scenario_policy_label(const herd_scenario *s, const herd_policy_type *override)
{
    if (override != NULL)
        return override->name;
    if (s == NULL || s->policy == NULL)
        return "none";
    long teams = s->params.n_teams, covered = 0;
    const herd_policy_type *one = NULL;
    for (size_t i = 0; i < s->n_team_policies; i++) {
        const herd_team_policy *tp = &s->team_policies[i];
        long n = range_end(tp, teams) - tp->first;
        if (n <= 0 || tp->policy == NULL)
            continue;
        covered += n;
        if (one != NULL && one != tp->policy)
            return "mixed";
        one = tp->policy;
    }
    if (covered < teams) {
        if (one != NULL && one != s->policy)
            return "mixed";
        one = s->policy;
    }
    return one != NULL && one->name != NULL ? one->name : "none";
}

double herd_scenario_memory(const herd_scenario *s)
{
    if (s == NULL)
        return 0;
    size_t state = s->policy != NULL ? s->policy->state_size : 0;
    for (size_t i = 0; i < s->n_team_policies; i++)
        if (s->team_policies[i].policy != NULL && s->team_policies[i].policy->state_size > state)
            state = s->team_policies[i].policy->state_size;
    return herd_memory_estimate(&s->params, state);
}

herd_status herd_scenario_check_memory(const herd_scenario *pub, double limit, char *err,
                                       size_t err_size)
{
    if (pub == NULL)
        return HERD_EINVAL;
    char why[256];
    if (herd_memory_check(&pub->params, herd_scenario_memory(pub), limit, why, sizeof why) ==
        HERD_OK)
        return HERD_OK;
    const scn_full *s = scn_const(pub);
    int line_teams = param_line(s, "n_teams"), line_size = param_line(s, "team_size");
    const char *key = line_teams > 0 || line_size == 0 ? "n_teams" : "team_size";
    scn_say(s, err, err_size, key[0] == 'n' ? line_teams : line_size, key, "%s", why);
    return HERD_ETOOBIG;
}
