/* Scenario text to a scenario. libinih splits lines into sections, keys and values; it is
 * fed one line at a time by our own reader, which counts lines (the installed libinih may be
 * built without line numbers in its callback), strips indentation (so an indented line is
 * never taken as a continuation of the previous value), and checks each section header and
 * each line's shape before libinih sees it. The first error stops the parse. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "errmsg.h"
#include "herd/error.h"
#include "scenario_internal.h"

#define MAX_FILE_BYTES (64L * 1024 * 1024)

typedef struct seen_section {
    char *name;
    int line;
} seen_section;

typedef struct parser {
    scn_full *s;
    const char *text;
    size_t len, pos;
    int line;
    int status;     /* first failure, HERD_OK until then */
    char *err;
    size_t err_size;
    scn_kind kind;  /* of the current section */
    size_t index;   /* of the current labelled section */
    char section[128];
    size_t keys;    /* keys and sections seen, to tell an empty file */
    seen_section *seen;
    size_t n_seen, cap_seen;
} parser;

static int fail(parser *p, int status, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(parser *p, int status, const char *key, const char *fmt, ...)
{
    if (p->status != HERD_OK)
        return p->status;
    va_list ap;
    va_start(ap, fmt);
    scn_vsay(p->s, p->err, p->err_size, p->line, key, fmt, ap);
    va_end(ap);
    p->status = status;
    return status;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int remember_section(parser *p, const char *name)
{
    for (size_t i = 0; i < p->n_seen; i++)
        if (strcmp(p->seen[i].name, name) == 0)
            return fail(p, HERD_EPARSE, name, "section appears twice (first on line %d)",
                        p->seen[i].line);
    if (p->n_seen == p->cap_seen) {
        if (p->cap_seen > SIZE_MAX / 2 / sizeof *p->seen)
            return fail(p, HERD_ENOMEM, NULL, "out of memory");
        size_t cap = p->cap_seen ? 2 * p->cap_seen : 16;
        seen_section *grown = herd_grow(&p->s->a, p->seen, p->cap_seen, cap, sizeof *grown);
        if (grown == NULL)
            return fail(p, HERD_ENOMEM, NULL, "out of memory");
        p->seen = grown;
        p->cap_seen = cap;
    }
    char *copy = herd_strdup(&p->s->a, name);
    if (copy == NULL)
        return fail(p, HERD_ENOMEM, NULL, "out of memory");
    p->seen[p->n_seen++] = (seen_section){copy, p->line};
    return HERD_OK;
}

static int open_labelled(parser *p, scn_kind kind, const char *label)
{
    int rc = scn_section_get(p->s, kind, label, &p->index);
    if (rc == HERD_EPARSE)
        return fail(p, rc, p->section,
                    "a section name is %s.NAME, NAME of letters, digits, '_' and '-'",
                    kind == SCN_EVENT ? "event" : "policy");
    if (rc != HERD_OK)
        return fail(p, rc, NULL, "out of memory");
    scn_section *x = kind == SCN_EVENT ? &p->s->event_x[p->index] : &p->s->policy_x[p->index];
    x->line = p->line;
    return HERD_OK;
}

static int open_style(parser *p, const char *name)
{
    char msg[256] = "";
    int rc = scn_style_get(p->s, name, &p->index, msg, sizeof msg);
    if (rc == HERD_EPARSE)
        return fail(p, rc, p->section,
                    "a section name is style.NAME, NAME of letters, digits, '_' and '-'");
    if (rc == HERD_ENOMEM)
        return fail(p, rc, NULL, "out of memory");
    if (rc != HERD_OK)
        return fail(p, rc, p->section, "%s", msg);
    scn_style *st = p->s->styles[p->index];
    st->declared = 1;
    st->line = p->line;
    return HERD_OK;
}

/* "[name]" followed by nothing but blanks or a comment. */
static int open_section(parser *p, const char *line)
{
    const char *close = strchr(line, ']');
    if (close == NULL)
        return fail(p, HERD_EPARSE, "section", "the header lacks its closing ']'");
    const char *after = close + 1;
    while (is_blank(*after))
        after++;
    if (*after != '\0' && *after != ';' && *after != '#')
        return fail(p, HERD_EPARSE, "section", "text after the closing ']'");
    const char *name = line + 1;
    while (name < close && is_blank(*name))
        name++;
    while (close > name && is_blank(close[-1]))
        close--;
    size_t n = (size_t)(close - name);
    if (n >= sizeof p->section)
        return fail(p, HERD_EPARSE, "section", "section name too long");
    memcpy(p->section, name, n);
    p->section[n] = '\0';
    p->keys++;
    if (remember_section(p, p->section) != HERD_OK)
        return p->status;
    p->kind = scn_fixed_section(p->section);
    if (p->kind != SCN_NONE)
        return HERD_OK;
    if (strncmp(p->section, "event.", 6) == 0) {
        p->kind = SCN_EVENT;
        return open_labelled(p, SCN_EVENT, p->section + 6);
    }
    if (strncmp(p->section, "policy.", 7) == 0) {
        p->kind = SCN_POLICY;
        return open_labelled(p, SCN_POLICY, p->section + 7);
    }
    if (strncmp(p->section, "style.", 6) == 0) {
        p->kind = SCN_STYLE;
        return open_style(p, p->section + 6);
    }
    return fail(p, HERD_ENOTFOUND, p->section,
                "unknown section; the sections are run, organisation, model, policy.NAME, "
                "event.NAME and style.NAME");
}

/* Shows at most 40 characters of a bad line. */
static void excerpt(const char *line, char *buf, size_t n)
{
    size_t len = strcspn(line, "\r\n");
    if (len > 40)
        snprintf(buf, n, "%.37s...", line);
    else
        snprintf(buf, n, "%.*s", (int)len, line);
}

static int check_line(parser *p, const char *line)
{
    if (*line == '\0' || *line == ';' || *line == '#' || is_blank(*line))
        return HERD_OK;
    if (*line == '[')
        return open_section(p, line);
    if (strpbrk(line, "=:") == NULL) {
        char ex[48];
        excerpt(line, ex, sizeof ex);
        return fail(p, HERD_EPARSE, ex, "not a \"key = value\" line, a [section] or a comment");
    }
    return HERD_OK;
}

/* libinih's reader: the next line, indentation stripped. */
static char *next_line(char *buf, int size, void *stream)
{
    parser *p = stream;
    if (p->status != HERD_OK || p->pos >= p->len)
        return NULL;
    const char *start = p->text + p->pos;
    const char *nl = memchr(start, '\n', p->len - p->pos);
    size_t n = nl != NULL ? (size_t)(nl - start) + 1 : p->len - p->pos;
    p->pos += n;
    p->line++;
    if (p->line == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
        start += 3;
        n -= 3;
    }
    while (n > 0 && (*start == ' ' || *start == '\t')) {
        start++;
        n--;
    }
    if (size < 2 || n + 1 > (size_t)size) {
        fail(p, HERD_EPARSE, "line", "too long (at most %d characters)", size - 2);
        return NULL;
    }
    memcpy(buf, start, n);
    buf[n] = '\0';
    return check_line(p, buf) == HERD_OK ? buf : NULL;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    parser *p = user;
    (void)section;
    if (p->status != HERD_OK)
        return 0;
    p->keys++;
    if (p->kind == SCN_NONE)
        return !fail(p, HERD_EPARSE, name, "a key outside any section; put it under [run], "
                                           "[organisation], [model] or another section");
    if (*name == '\0')
        return !fail(p, HERD_EPARSE, "key", "a value without a key name");
    char key[300];
    if (p->kind == SCN_EVENT || p->kind == SCN_POLICY || p->kind == SCN_STYLE)
        snprintf(key, sizeof key, "%s.%s", p->section, name);
    else
        snprintf(key, sizeof key, "%s", name);
    char msg[256] = "";
    int rc = scn_set_key(p->s, p->kind, p->index, name, value, p->line, msg, sizeof msg);
    if (rc != HERD_OK)
        return !fail(p, rc, key, "%s", rc == HERD_ENOMEM ? "out of memory" : msg);
    return 1;
}

static int find_nul(parser *p)
{
    const char *nul = memchr(p->text, '\0', p->len);
    if (nul == NULL)
        return HERD_OK;
    p->line = 1;
    for (const char *c = p->text; c < nul; c++)
        p->line += *c == '\n';
    return fail(p, HERD_EFORMAT, NULL, "binary data (a NUL byte), not a scenario text file");
}

static int run_parser(parser *p)
{
    if (p->len == 0)
        return fail(p, HERD_EPARSE, NULL, "the file is empty");
    if (find_nul(p) != HERD_OK)
        return p->status;
    int rc = ini_parse_stream(next_line, p, on_value, p);
    if (p->status != HERD_OK)
        return p->status;
    if (rc == -2)
        return fail(p, HERD_ENOMEM, NULL, "out of memory");
    if (rc != 0) {
        p->line = rc;
        return fail(p, HERD_EPARSE, "line", "not a \"key = value\" line, a [section] or a comment");
    }
    if (p->keys == 0) {
        p->line = 0;
        return fail(p, HERD_EPARSE, NULL, "holds no sections or keys, only blanks and comments");
    }
    return HERD_OK;
}

void herd_scenario_options_default(herd_scenario_options *opt)
{
    if (opt != NULL)
        *opt = (herd_scenario_options){NULL, NULL};
}

static scn_full *parse_new(const herd_allocator *a, const char *name, char *err,
                           size_t err_size)
{
    scn_full *s = scn_new(a);
    if (s == NULL || scn_set_name(s, name) != HERD_OK) {
        herd_scenario_free(s != NULL ? &s->pub : NULL);
        herd_errf(err, err_size, 0, "%s: out of memory", name);
        return NULL;
    }
    return s;
}

static int parse_text(herd_scenario **out, const char *text, size_t len, const char *name,
                      const herd_catalog *catalog, const herd_allocator *a, char *err,
                      size_t err_size)
{
    scn_full *s = parse_new(a, name != NULL ? name : "(scenario)", err, err_size);
    if (s == NULL)
        return HERD_ENOMEM;
    s->catalog = catalog;
    parser p = {.s = s, .text = text, .len = len, .err = err, .err_size = err_size};
    int rc = run_parser(&p);
    for (size_t i = 0; i < p.n_seen; i++)
        herd_free(a, p.seen[i].name);
    herd_free(a, p.seen);
    if (rc == HERD_OK)
        rc = scn_styles_resolve(s, err, err_size);
    if (rc == HERD_OK)
        rc = herd_scenario_validate(&s->pub, err, err_size);
    if (rc != HERD_OK) {
        herd_scenario_free(&s->pub);
        return rc;
    }
    *out = &s->pub;
    return HERD_OK;
}

/* The options' catalogue and allocator; HERD_EINVAL with err for half an allocator. */
static int read_options(const herd_scenario_options *opt, const herd_catalog **catalog,
                        herd_allocator *a, char *err, size_t err_size)
{
    *catalog = opt != NULL ? opt->catalog : NULL;
    return herd_allocator_take(a, opt != NULL ? opt->allocator : NULL, "allocator", err,
                               err_size);
}

herd_status herd_scenario_parse_opts(herd_scenario **out, const char *text, size_t len,
                                     const char *name, const herd_scenario_options *opt, char *err,
                                     size_t err_size)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (text == NULL && len > 0)
        return HERD_EINVAL;
    const herd_catalog *catalog;
    herd_allocator a;
    if (read_options(opt, &catalog, &a, err, err_size) != HERD_OK)
        return HERD_EINVAL;
    return parse_text(out, text, len, name, catalog, &a, err, err_size);
}

herd_status herd_scenario_parse(herd_scenario **out, const char *text, size_t len, const char *name,
                                char *err, size_t err_size)
{
    return herd_scenario_parse_opts(out, text, len, name, NULL, err, err_size);
}

herd_status herd_scenario_parse_with(herd_scenario **out, const char *text, size_t len,
                                     const char *name, const herd_catalog *catalog, char *err,
                                     size_t err_size)
{
    herd_scenario_options opt = {catalog, NULL};
    return herd_scenario_parse_opts(out, text, len, name, &opt, err, err_size);
}

/* The whole file in memory, bounded so that a device or a huge file cannot exhaust it. */
static int read_all(FILE *f, const herd_allocator *a, char **text, size_t *len, int *err_no)
{
    size_t cap = 4096, n = 0;
    char *buf = herd_calloc(a, cap, 1);
    if (buf == NULL)
        return HERD_ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap >= (size_t)MAX_FILE_BYTES) {
                herd_free(a, buf);
                return HERD_ETOOBIG;
            }
            char *grown = herd_grow(a, buf, cap, 2 * cap, 1);
            if (grown == NULL) {
                herd_free(a, buf);
                return HERD_ENOMEM;
            }
            buf = grown;
            cap *= 2;
        }
        errno = 0;
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        *err_no = errno;
        herd_free(a, buf);
        return HERD_EIO;
    }
    *text = buf;
    *len = n;
    return HERD_OK;
}

static void say_errno(const char *path, char *err, size_t err_size, const char *what,
                      int err_no)
{
    char reason[128] = "unknown error";
    if (err_no != 0)
        herd_errno_text(err_no, reason, sizeof reason);
    herd_errf(err, err_size, HERD_EIO, "%s: %s: %s", path, what, reason);
}

herd_status herd_scenario_load_opts(herd_scenario **out, const char *path,
                                    const herd_scenario_options *opt, char *err, size_t err_size)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (path == NULL)
        return HERD_EINVAL;
    const herd_catalog *catalog;
    herd_allocator a;
    if (read_options(opt, &catalog, &a, err, err_size) != HERD_OK)
        return HERD_EINVAL;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        say_errno(path, err, err_size, "cannot open", errno);
        return HERD_EIO;
    }
    char *text = NULL;
    size_t len = 0;
    int err_no = 0;
    int rc = read_all(f, &a, &text, &len, &err_no);
    fclose(f);
    if (rc == HERD_EIO)
        say_errno(path, err, err_size, "cannot read", err_no);
    else if (rc == HERD_ETOOBIG)
        herd_errf(err, err_size, 0, "%s: larger than 64 MiB: not a scenario file", path);
    else if (rc == HERD_ENOMEM)
        herd_errf(err, err_size, 0, "%s: out of memory", path);
    if (rc != HERD_OK)
        return rc;
    rc = parse_text(out, text, len, path, catalog, &a, err, err_size);
    herd_free(&a, text);
    return rc;
}

herd_status herd_scenario_load(herd_scenario **out, const char *path, char *err, size_t err_size)
{
    return herd_scenario_load_opts(out, path, NULL, err, err_size);
}

herd_status herd_scenario_load_with(herd_scenario **out, const char *path,
                                    const herd_catalog *catalog, char *err, size_t err_size)
{
    herd_scenario_options opt = {catalog, NULL};
    return herd_scenario_load_opts(out, path, &opt, err, err_size);
}
