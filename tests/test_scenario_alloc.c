/* Scenarios take their memory from the allocator they are given: every allocation a call makes
 * is failed in turn, and each failure must return HERD_ENOMEM with its message, leave the
 * scenario as it was and leak nothing. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "failing_alloc.h"
#include "herd/herd.h"
#include "runner.h"

/* Styles (one named before its section, one on a base), team policies and more events and
 * sections than the first capacity of each list, so that every list grows. */
static char *rich_text(void)
{
    static char text[8192];
    int n = snprintf(text, sizeof text,
                     "[run]\nticks = 40\npolicy = steady\n"
                     "[organisation]\nn_teams = 12\nteam_size = 5\n"
                     "[style.steady]\nbase = calm\ndirection = 0.3\n"
                     "[style.calm]\nswitching = 1\nfront.direction = 0.9\n"
                     "[style.plain]\nsupport = 0.2\n[style.firm]\ndirection = 0.4\n"
                     "[style.open]\nbase = plain\nplan = 0.1\n");
    for (int i = 0; i < 6; i++)
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "[policy.p%d]\nteams = %d-%d\npolicy = %s\n", i, 2 * i, 2 * i + 1,
                      i % 3 == 0 ? "front" : i % 3 == 1 ? "plain" : "steady");
    for (int i = 0; i < 30; i++)
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "[event.e%d]\nkind = %s\nstart = %d\nlength = 2\nintensity = 0.%d\n"
                      "teams = %d\n",
                      i, i % 2 ? "crisis" : "novelty", i, i % 10, i % 12);
    ck_assert_int_lt(n, (int)sizeof text - 1);
    return text;
}

/* The canonical text of s, written while the allocator does not fail. */
static char *text_of(const herd_scenario *s, failing_alloc *fa)
{
    long fail_at = fa != NULL ? fa->fail_at : -1;
    if (fa != NULL)
        fa->fail_at = -1;
    char *t = NULL;
    ck_assert_int_eq(herd_scenario_write_string(s, &t, NULL), HERD_OK);
    char *copy = strdup(t);
    ck_assert_ptr_nonnull(copy);
    if (fa != NULL) {
        failing_alloc_free(fa, t);
        fa->fail_at = fail_at;
    } else {
        free(t);
    }
    return copy;
}

static herd_scenario *rich_scenario(failing_alloc *fa)
{
    herd_allocator s = failing_alloc_allocator(fa);
    herd_scenario_options opt;
    herd_scenario_options_default(&opt);
    opt.allocator = fa != NULL ? &s : NULL;
    herd_scenario *sc = NULL;
    char err[512] = "";
    const char *text = rich_text();
    int rc = herd_scenario_parse_opts(&sc, text, strlen(text), "rich.ini", &opt, err, sizeof err);
    ck_assert_msg(rc == HERD_OK, "%s", err);
    return sc;
}

static void assert_message(const char *err, const char *want)
{
    ck_assert_msg(strstr(err, want) != NULL, "message \"%s\" lacks \"%s\"", err, want);
}

/* A file holding text, to be unlinked by the caller. */
static void write_temp(char *path, size_t n, const char *text)
{
    snprintf(path, n, "/tmp/herd_test_alloc_XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* Parsing or loading with a's allocator: from text under name, or from the file at path. */
typedef struct parse_try {
    int from_file;
    const char *name, *path;
    herd_scenario *got;
} parse_try;

static herd_status parse_with(failing_alloc *a, void *ctx)
{
    parse_try *t = ctx;
    herd_allocator s = failing_alloc_allocator(a);
    herd_scenario_options opt = {NULL, &s};
    t->got = (herd_scenario *)a;
    char err[512] = "";
    const char *text = rich_text();
    herd_status rc = t->from_file
                         ? herd_scenario_load_opts(&t->got, t->path, &opt, err, sizeof err)
                         : herd_scenario_parse_opts(&t->got, text, strlen(text), t->name, &opt,
                                                    err, sizeof err);
    if (rc != HERD_OK) {
        ck_assert_ptr_null(t->got);
        assert_message(err, t->name);
        assert_message(err, "out of memory");
    }
    return rc;
}

/* _i 0 parses text, 1 loads the same text from a file. */
START_TEST(parse_and_load_fail_cleanly_at_every_allocation)
{
    herd_scenario *want = rich_scenario(NULL);
    char *want_text = text_of(want, NULL);
    herd_scenario_free(want);
    char path[64];
    write_temp(path, sizeof path, rich_text());
    parse_try t = {_i, _i == 0 ? "rich.ini" : path, path, NULL};
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    /* sections, labels, styles, their lists and the copies */
    ck_assert_int_gt(failing_alloc_each(&fa, parse_with, &t), 60);
    char *got = text_of(t.got, &fa);
    ck_assert_str_eq(got, want_text);
    free(got);
    herd_scenario_free(t.got);
    ck_assert_int_eq(fa.live, 0);
    free(want_text);
    ck_assert_int_eq(unlink(path), 0);
}
END_TEST

/* A copy of src with a's allocator, or with src's own when own is set; src's allocator must
 * hold as many blocks as before. */
typedef struct copy_try {
    const herd_scenario *src;
    const failing_alloc *src_alloc;
    int own;
    herd_scenario *got;
} copy_try;

static herd_status copy_with(failing_alloc *a, void *ctx)
{
    copy_try *t = ctx;
    long src_live = t->src_alloc->live;
    herd_allocator s = failing_alloc_allocator(a);
    t->got = (herd_scenario *)a;
    char err[256] = "";
    herd_status rc = t->own ? herd_scenario_copy(&t->got, t->src)
                            : herd_scenario_copy_with(&t->got, t->src, &s, err, sizeof err);
    if (!t->own)
        ck_assert_int_eq(t->src_alloc->live, src_live);
    if (rc != HERD_OK) {
        ck_assert_ptr_null(t->got);
        if (!t->own)
            assert_message(err, "rich.ini: out of memory for a copy");
    }
    return rc;
}

START_TEST(copy_fails_cleanly_at_every_allocation)
{
    failing_alloc own;
    failing_alloc_reset(&own, -1);
    herd_scenario *src = rich_scenario(&own);
    char *want = text_of(src, &own);
    long own_live = own.live;
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    copy_try t = {src, &own, 0, NULL};
    failing_alloc_each(&fa, copy_with, &t);
    char *got = text_of(t.got, &fa);
    ck_assert_str_eq(got, want);
    free(got);
    herd_scenario_free(t.got);
    ck_assert_int_eq(fa.live, 0);
    /* Without an allocator of its own the copy takes the source's. */
    t.own = 1;
    failing_alloc_each(&own, copy_with, &t);
    ck_assert_int_gt(own.live, own_live);
    herd_scenario_free(t.got);
    ck_assert_int_eq(own.live, own_live);
    free(want);
    herd_scenario_free(src);
    ck_assert_int_eq(own.live, 0);
}
END_TEST

/* The text of the scenario at ctx, into the last text and len. */
typedef struct write_try {
    const herd_scenario *s;
    char *text;
    size_t len;
} write_try;

static herd_status write_string(failing_alloc *a, void *ctx)
{
    write_try *t = ctx;
    t->text = (char *)a;
    herd_status rc = herd_scenario_write_string(t->s, &t->text, &t->len);
    if (rc != HERD_OK)
        ck_assert_ptr_null(t->text);
    return rc;
}

START_TEST(write_string_fails_cleanly_at_every_allocation)
{
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_scenario *s = rich_scenario(&fa);
    char *want = text_of(s, &fa);
    ck_assert_int_gt((long)strlen(want), 2048); /* the buffer grows more than once */
    long live = fa.live;
    write_try t = {s, NULL, 0};
    failing_alloc_each(&fa, write_string, &t);
    ck_assert_str_eq(t.text, want);
    ck_assert_uint_eq(t.len, strlen(want));
    failing_alloc_free(&fa, t.text);
    ck_assert_int_eq(fa.live, live);
    free(want);
    herd_scenario_free(s);
    ck_assert_int_eq(fa.live, 0);
}
END_TEST

/* A style key that makes a style, one that replaces a base, and a labelled section made on
 * the way: a failure leaves the scenario as it was. */
static const char *const style_sets[][2] = {
    {"style.fresh.direction", "0.2"},
    {"style.steady.base", "plain"},
    {"style.fresh.base", "steady"},
    {"event.late.start", "30"},
};

/* key set to value in s; a failure must name the key and leave s's text as before. */
typedef struct set_try {
    herd_scenario *s;
    const char *key, *value, *before;
} set_try;

static herd_status set_key(failing_alloc *a, void *ctx)
{
    set_try *t = ctx;
    char err[256] = "";
    herd_status rc = herd_scenario_set(t->s, t->key, t->value, err, sizeof err);
    if (rc == HERD_ENOMEM) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s: out of memory", t->key);
        assert_message(err, msg);
        char *now = text_of(t->s, a);
        ck_assert_str_eq(now, t->before);
        free(now);
    }
    ck_assert_msg(rc == HERD_OK || rc == HERD_ENOMEM, "%s", err);
    return rc;
}

START_TEST(set_fails_cleanly_at_every_allocation)
{
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_scenario *s = rich_scenario(&fa);
    char *before = text_of(s, &fa);
    set_try t = {s, style_sets[_i][0], style_sets[_i][1], before};
    ck_assert_int_gt(failing_alloc_each(&fa, set_key, &t), 0);
    char *after = text_of(s, &fa);
    ck_assert_str_ne(after, before);
    free(after);
    free(before);
    herd_scenario_free(s);
    ck_assert_int_eq(fa.live, 0);
}
END_TEST

START_TEST(half_an_allocator_is_refused_by_name)
{
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_allocator s = failing_alloc_allocator(&fa);
    s.dealloc = NULL;
    herd_scenario *sc = (herd_scenario *)&fa;
    ck_assert_int_eq(herd_scenario_new_with(&sc, &s), HERD_EINVAL);
    ck_assert_ptr_null(sc);
    herd_scenario_options opt = {NULL, &s};
    char err[256] = "";
    ck_assert_int_eq(herd_scenario_parse_opts(&sc, "[run]\n", 6, "x.ini", &opt, err, sizeof err),
                     HERD_EINVAL);
    assert_message(err, "allocator: alloc is set but dealloc is NULL");
    ck_assert_int_eq(herd_scenario_new(&sc), HERD_OK);
    herd_scenario *c = (herd_scenario *)&fa;
    ck_assert_int_eq(herd_scenario_copy_with(&c, sc, &s, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(c);
    herd_scenario_free(sc);
    ck_assert_int_eq(fa.calls, 0);
}
END_TEST

/* A scenario made with a's allocator, given an event, and freed. */
static herd_status new_and_set(failing_alloc *a, void *ctx)
{
    (void)ctx;
    herd_allocator s = failing_alloc_allocator(a);
    herd_scenario *sc = (herd_scenario *)a;
    herd_status rc = herd_scenario_new_with(&sc, &s);
    if (rc != HERD_OK) {
        ck_assert_ptr_null(sc);
        return rc;
    }
    char err[256];
    rc = herd_scenario_set(sc, "event.a.kind", "crisis", err, sizeof err);
    herd_scenario_free(sc);
    return rc;
}

START_TEST(new_takes_the_allocator_given)
{
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    ck_assert_int_gt(failing_alloc_each(&fa, new_and_set, NULL), 2);
    ck_assert_int_eq(fa.live, 0);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("scenario_alloc");
    TCase *tc = tcase_create("alloc");
    tcase_add_loop_test(tc, parse_and_load_fail_cleanly_at_every_allocation, 0, 2);
    tcase_add_test(tc, copy_fails_cleanly_at_every_allocation);
    tcase_add_test(tc, write_string_fails_cleanly_at_every_allocation);
    tcase_add_loop_test(tc, set_fails_cleanly_at_every_allocation, 0,
                        (int)(sizeof style_sets / sizeof style_sets[0]));
    tcase_add_test(tc, half_an_allocator_is_refused_by_name);
    tcase_add_test(tc, new_takes_the_allocator_given);
    suite_add_tcase(suite, tc);
    return run_suite(suite);
}
