/* Declared styles: [style.NAME] sections, their base chains, and finding a policy by name
 * among a scenario's styles and its catalogue. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/error.h"
#include "errmsg.h"
#include "scenario_internal.h"

static const char declared_doc[] = "a style declared in a scenario";

scn_style *scn_style_find(const scn_full *s, const char *name)
{
    for (size_t i = 0; i < s->n_styles; i++)
        if (strcmp(s->styles[i]->name, name) == 0)
            return s->styles[i];
    return NULL;
}

static const herd_policy_type *catalogue_find(const scn_full *s, const char *name)
{
    return s->catalog != NULL ? herd_catalog_find(s->catalog, name) : herd_policy_find(name);
}

const herd_policy_type *scn_policy_find(const scn_full *s, const char *name)
{
    const scn_style *st = scn_style_find(s, name);
    return st != NULL ? &st->type : catalogue_find(s, name);
}

static int add_style(scn_full *s, scn_style *st)
{
    if (s->n_styles == s->cap_styles) {
        if (s->cap_styles > SIZE_MAX / 2 / sizeof *s->styles)
            return HERD_ENOMEM;
        size_t cap = s->cap_styles ? 2 * s->cap_styles : 4;
        scn_style **grown = herd_grow(&s->a, s->styles, s->cap_styles, cap, sizeof *grown);
        if (grown == NULL)
            return HERD_ENOMEM;
        s->styles = grown;
        s->cap_styles = cap;
    }
    s->styles[s->n_styles++] = st;
    return HERD_OK;
}

static void style_free(const scn_full *s, scn_style *st)
{
    if (st == NULL)
        return;
    herd_free(&s->a, st->name);
    herd_free(&s->a, st->base);
    herd_free(&s->a, st);
}

static scn_style *style_new(const scn_full *s, const char *name)
{
    scn_style *st = herd_calloc(&s->a, 1, sizeof *st);
    if (st == NULL || (st->name = herd_strdup(&s->a, name)) == NULL) {
        herd_free(&s->a, st);
        return NULL;
    }
    herd_style_default(&st->own);
    st->style = st->own;
    herd_style_policy(&st->type, st->name, declared_doc, &st->style, NULL, 0);
    return st;
}

int scn_style_get(scn_full *s, const char *name, size_t *index, char *msg, size_t n)
{
    if (!scn_label_ok(name))
        return HERD_EPARSE;
    for (size_t i = 0; i < s->n_styles; i++)
        if (strcmp(s->styles[i]->name, name) == 0) {
            *index = i;
            return HERD_OK;
        }
    if (catalogue_find(s, name) != NULL)
        return herd_errf(msg, n, HERD_EINVAL, "%s is already the name of a policy; a declared "
                        "style needs a name of its own", name);
    scn_style *st = style_new(s, name);
    if (st == NULL || add_style(s, st) != HERD_OK) {
        style_free(s, st);
        return HERD_ENOMEM;
    }
    *index = s->n_styles - 1;
    return HERD_OK;
}

static size_t key_row(const herd_style_key *key)
{
    return (size_t)(key - herd_style_key_info(0));
}

static int set_base(const scn_full *s, scn_style *st, const char *value, int line, char *msg,
                    size_t n)
{
    if (line > 0 && st->base_line > 0)
        return herd_errf(msg, n, HERD_EPARSE, "set twice (first on line %d)", st->base_line);
    if (*value == '\0')
        return herd_errf(msg, n, HERD_EPARSE, "no value given");
    char *copy = herd_strdup(&s->a, value);
    if (copy == NULL)
        return HERD_ENOMEM;
    herd_free(&s->a, st->base);
    st->base = copy;
    st->base_line = line;
    return HERD_OK;
}

static int unknown_style_key(const char *key, char *msg, size_t n)
{
    const char *near = NULL;
    size_t best = 3;
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++) {
        size_t d = scn_edit_distance(key, herd_style_key_info(i)->name);
        if (d < best) {
            best = d;
            near = herd_style_key_info(i)->name;
        }
    }
    if (scn_edit_distance(key, "base") < best)
        near = "base";
    if (near != NULL)
        return herd_errf(msg, n, HERD_ENOTFOUND, "unknown key; did you mean %s?", near);
    return herd_errf(msg, n, HERD_ENOTFOUND,
                    "unknown key in a style (docs/SCENARIOS.md lists them)");
}

int scn_style_set_key(scn_full *s, size_t index, const char *key, const char *value, int line,
                      char *msg, size_t n)
{
    scn_style *st = s->styles[index];
    st->declared = 1;
    if (strcmp(key, "base") == 0)
        return set_base(s, st, value, line, msg, n);
    const herd_style_key *k = herd_style_key_find(key);
    if (k == NULL)
        return unknown_style_key(key, msg, n);
    size_t row = key_row(k);
    if (line > 0 && st->key_line[row] > 0)
        return herd_errf(msg, n, HERD_EPARSE, "set twice (first on line %d)", st->key_line[row]);
    double v = 0;
    int rc = k->kind == HERD_PARAM_INT ? scn_parse_whole(value, &v, msg, n)
                                       : scn_parse_real(value, &v, msg, n);
    if (rc == HERD_OK && !(v >= k->min && v <= k->max))
        rc = herd_err_outside(msg, n, NULL, v, k->min, k->max);
    if (rc == HERD_OK)
        rc = herd_style_set(&st->own, k, v) == HERD_OK ? HERD_OK : HERD_ERANGE;
    if (rc != HERD_OK)
        return rc;
    st->given[row] = 1;
    st->key_line[row] = line;
    return HERD_OK;
}

/* Resolving. */

typedef struct resolver {
    scn_full *s;
    char *err;
    size_t err_size;
} resolver;

static int style_fail(const resolver *r, const scn_style *st, int line, const char *key,
                      int status, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int style_fail(const resolver *r, const scn_style *st, int line, const char *key,
                      int status, const char *fmt, ...)
{
    char name[200];
    snprintf(name, sizeof name, "style.%s.%s", st->name, key);
    va_list ap;
    va_start(ap, fmt);
    scn_vsay(r->s, r->err, r->err_size, line > 0 ? line : st->line, name, fmt, ap);
    va_end(ap);
    return status;
}

static int resolve(const resolver *r, scn_style *st, int depth);

static int resolve_base(const resolver *r, scn_style *st, int depth, herd_style *out)
{
    if (st->base == NULL) {
        herd_style_default(out);
        return HERD_OK;
    }
    scn_style *b = scn_style_find(r->s, st->base);
    if (b != NULL && b->declared) {
        if (b->visiting || depth > 1000)
            return style_fail(r, st, st->base_line, "base", HERD_EINVAL,
                              "%s leads back to itself through %s: the bases form a cycle",
                              st->base, st->name);
        int rc = resolve(r, b, depth + 1);
        *out = b->style;
        return rc;
    }
    const herd_policy_type *t = catalogue_find(r->s, st->base);
    if (t != NULL && herd_policy_style(t) != NULL) {
        *out = *herd_policy_style(t);
        return HERD_OK;
    }
    if (t != NULL)
        return style_fail(r, st, st->base_line, "base", HERD_EINVAL,
                          "%s is a policy but not a style: a base must be a style", st->base);
    return style_fail(r, st, st->base_line, "base", HERD_ENOTFOUND,
                      "unknown style \"%s\"; a base is a built-in style or a [style.NAME] "
                      "of this scenario", st->base);
}

/* Why a key given in the section is one the style never uses, or NULL. */
static const char *unused_why(const herd_style *s, const herd_style_key *k)
{
    size_t front = offsetof(herd_style, front), staged = offsetof(herd_style, staged);
    if (!s->switching && k->offset >= front && k->offset < staged)
        return "a fixed style has no front stance and never switches; add switching = 1";
    if (!s->staged && k->offset > staged)
        return "an unstaged style has no stages; add staged = 1";
    if (s->staged && k->offset >= offsetof(herd_style, calm) && k->offset < front)
        return "a staged style takes its stage's stance in place of a calm stance; set "
               "directing.*, coaching.*, supporting.* or delegating.*";
    return NULL;
}

static const herd_style_key *unused_key(const scn_style *st, const char **why)
{
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++)
        if (st->given[i] && (*why = unused_why(&st->style, herd_style_key_info(i))) != NULL)
            return herd_style_key_info(i);
    return NULL;
}

/* The line of key if the section gave it, else of the first key it gave that msg names: a
 * rule between two keys is broken where one of them was set. */
static int blamed_line(const scn_style *st, const char *key, const char *msg)
{
    const herd_style_key *k = herd_style_key_find(key);
    if (k != NULL && st->key_line[key_row(k)] > 0)
        return st->key_line[key_row(k)];
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++)
        if (st->key_line[i] > 0 && strstr(msg, herd_style_key_info(i)->name) != NULL)
            return st->key_line[i];
    return 0;
}

static int check_style(const resolver *r, scn_style *st)
{
    const char *why = NULL;
    const herd_style_key *unused = unused_key(st, &why);
    if (unused != NULL)
        return style_fail(r, st, st->key_line[key_row(unused)], unused->name, HERD_EINVAL,
                          "%s", why);
    char msg[256];
    if (herd_style_validate(&st->style, msg, sizeof msg) == HERD_OK)
        return herd_style_policy(&st->type, st->name, declared_doc, &st->style, NULL, 0);
    char key[64];
    size_t n = strcspn(msg, " ");
    snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), msg);
    const char *what = strncmp(msg + n, " = ", 3) == 0 ? msg + n + 3 : msg + n;
    return style_fail(r, st, blamed_line(st, key, msg), key, HERD_ERANGE, "%s", what);
}

static int resolve(const resolver *r, scn_style *st, int depth)
{
    st->visiting = 1;
    herd_style style;
    int rc = resolve_base(r, st, depth, &style);
    st->visiting = 0;
    if (rc != HERD_OK)
        return rc;
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++)
        if (st->given[i])
            herd_style_set(&style, herd_style_key_info(i),
                           herd_style_get(&st->own, herd_style_key_info(i)));
    st->style = style;
    return check_style(r, st);
}

static void policy_names(const scn_full *s, char *buf, size_t n)
{
    int w = 0;
    size_t count = s->catalog != NULL ? herd_catalog_count(s->catalog) : 0;
    const herd_policy_type *const *all = herd_policy_builtins();
    for (size_t i = 0; w >= 0 && (size_t)w < n; i++) {
        const herd_policy_type *t = s->catalog != NULL ? herd_catalog_get(s->catalog, i) : all[i];
        if (t == NULL || (s->catalog != NULL && i >= count))
            break;
        w += snprintf(buf + w, n - (size_t)w, "%s%s", i ? ", " : "", t->name);
    }
    for (size_t i = 0; i < s->n_styles && w >= 0 && (size_t)w < n; i++)
        if (s->styles[i]->declared)
            w += snprintf(buf + w, n - (size_t)w, ", %s", s->styles[i]->name);
}

int scn_unknown_policy(const scn_full *s, const char *name, char *msg, size_t n)
{
    char names[512];
    policy_names(s, names, sizeof names);
    return herd_errf(msg, n, HERD_ENOTFOUND, "unknown policy \"%s\"; the policies are %s", name,
                    names);
}

int scn_styles_resolve(scn_full *s, char *err, size_t err_size)
{
    resolver r = {s, err, err_size};
    for (size_t i = 0; i < s->n_styles; i++) {
        scn_style *st = s->styles[i];
        if (!st->declared) {
            char msg[600];
            scn_unknown_policy(s, st->name, msg, sizeof msg);
            scn_say(s, err, err_size, st->ref_line, st->ref_key, "%s", msg);
            return HERD_ENOTFOUND;
        }
        int rc = resolve(&r, st, 0);
        if (rc != HERD_OK)
            return rc;
    }
    return HERD_OK;
}

void scn_styles_drop_last(scn_full *s)
{
    if (s->n_styles > 0)
        style_free(s, s->styles[--s->n_styles]);
}

void scn_styles_free(scn_full *s)
{
    for (size_t i = 0; i < s->n_styles; i++)
        style_free(s, s->styles[i]);
    herd_free(&s->a, s->styles);
    s->styles = NULL;
    s->n_styles = s->cap_styles = 0;
}

int scn_styles_copy(scn_full *dst, const scn_full *src)
{
    for (size_t i = 0; i < src->n_styles; i++) {
        const scn_style *from = src->styles[i];
        scn_style *st = style_new(dst, from->name);
        if (st == NULL)
            return HERD_ENOMEM;
        char *name = st->name;
        *st = *from;
        st->name = name;
        st->base = NULL;
        st->type.name = st->name;
        st->type.data = &st->style;
        if ((from->base != NULL && (st->base = herd_strdup(&dst->a, from->base)) == NULL) ||
            add_style(dst, st) != HERD_OK) {
            style_free(dst, st);
            return HERD_ENOMEM;
        }
    }
    return HERD_OK;
}

const herd_policy_type *scn_policy_remap(const scn_full *dst, const scn_full *src,
                                         const herd_policy_type *p)
{
    for (size_t i = 0; i < src->n_styles; i++)
        if (p == &src->styles[i]->type)
            return &dst->styles[i]->type;
    return p;
}
