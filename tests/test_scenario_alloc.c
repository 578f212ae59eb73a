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

/* _i 0 parses text, 1 loads the same text from a file. */
START_TEST(parse_and_load_fail_cleanly_at_every_allocation)
{
    herd_scenario *want = rich_scenario(NULL);
    char *want_text = text_of(want, NULL);
    herd_scenario_free(want);
    char path[64];
    write_temp(path, sizeof path, rich_text());
    const char *name = _i == 0 ? "rich.ini" : path;
    long k = 0;
    for (;; k++) {
        failing_alloc fa;
        failing_alloc_reset(&fa, k);
        herd_allocator s = failing_alloc_allocator(&fa);
        herd_scenario_options opt = {NULL, &s};
        herd_scenario *sc = (herd_scenario *)&fa;
        char err[512] = "";
        const char *text = rich_text();
        int rc = _i == 0 ? herd_scenario_parse_opts(&sc, text, strlen(text), name, &opt, err,
                                                    sizeof err)
                         : herd_scenario_load_opts(&sc, path, &opt, err, sizeof err);
        long calls = fa.calls;
        if (rc == HERD_OK) {
            char *got = text_of(sc, &fa);
            ck_assert_str_eq(got, want_text);
            free(got);
            herd_scenario_free(sc);
        }
        ck_assert_int_eq(fa.live, 0);
        if (calls <= k) {
            ck_assert_int_eq(rc, HERD_OK);
            break;
        }
        ck_assert_int_eq(rc, HERD_ENOMEM);
        ck_assert_ptr_null(sc);
        assert_message(err, name);
        assert_message(err, "out of memory");
    }
    ck_assert_int_gt(k, 60); /* sections, labels, styles, their lists and the copies */
    free(want_text);
    ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(copy_fails_cleanly_at_every_allocation)
{
    failing_alloc own;
    failing_alloc_reset(&own, -1);
    herd_scenario *src = rich_scenario(&own);
    char *want = text_of(src, &own);
    long own_live = own.live;
    for (long k = 0;; k++) {
        failing_alloc fa;
        failing_alloc_reset(&fa, k);
        herd_allocator s = failing_alloc_allocator(&fa);
        herd_scenario *c = (herd_scenario *)&fa;
        char err[256] = "";
        int rc = herd_scenario_copy_with(&c, src, &s, err, sizeof err);
        ck_assert_int_eq(own.live, own_live);
        long calls = fa.calls;
        if (rc == HERD_OK) {
            char *got = text_of(c, &fa);
            ck_assert_str_eq(got, want);
            free(got);
            herd_scenario_free(c);
        }
        ck_assert_int_eq(fa.live, 0);
        if (calls <= k) {
            ck_assert_int_eq(rc, HERD_OK);
            break;
        }
        ck_assert_int_eq(rc, HERD_ENOMEM);
        ck_assert_ptr_null(c);
        assert_message(err, "rich.ini: out of memory for a copy");
    }
    /* Without an allocator of its own the copy takes the source's. */
    for (long k = 0;; k++) {
        long calls = own.calls;
        own.fail_at = calls + k;
        herd_scenario *c = NULL;
        int rc = herd_scenario_copy(&c, src);
        own.fail_at = -1;
        if (rc == HERD_OK) {
            ck_assert_int_gt(own.live, own_live);
            herd_scenario_free(c);
        }
        ck_assert_int_eq(own.live, own_live);
        if (own.calls - calls <= k) {
            ck_assert_int_eq(rc, HERD_OK);
            break;
        }
        ck_assert_int_eq(rc, HERD_ENOMEM);
    }
    free(want);
    herd_scenario_free(src);
    ck_assert_int_eq(own.live, 0);
}
END_TEST

START_TEST(write_string_fails_cleanly_at_every_allocation)
{
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_scenario *s = rich_scenario(&fa);
    char *want = text_of(s, &fa);
    ck_assert_int_gt((long)strlen(want), 2048); /* the buffer grows more than once */
    long live = fa.live;
    for (long k = 0;; k++) {
        long calls = fa.calls;
        fa.fail_at = calls + k;
        char *text = (char *)&fa;
        size_t len = 0;
        int rc = herd_scenario_write_string(s, &text, &len);
        fa.fail_at = -1;
        if (rc == HERD_OK) {
            ck_assert_str_eq(text, want);
            ck_assert_uint_eq(len, strlen(want));
            failing_alloc_free(&fa, text);
        }
        ck_assert_int_eq(fa.live, live);
        if (fa.calls - calls <= k) {
            ck_assert_int_eq(rc, HERD_OK);
            break;
        }
        ck_assert_int_eq(rc, HERD_ENOMEM);
        ck_assert_ptr_null(text);
    }
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

START_TEST(set_fails_cleanly_at_every_allocation)
{
    const char *key = style_sets[_i][0], *value = style_sets[_i][1];
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_scenario *s = rich_scenario(&fa);
    char *before = text_of(s, &fa);
    long k = 0;
    for (;; k++) {
        long calls = fa.calls, live = fa.live;
        fa.fail_at = calls + k;
        char err[256] = "";
        int rc = herd_scenario_set(s, key, value, err, sizeof err);
        fa.fail_at = -1;
        if (fa.calls - calls <= k) {
            ck_assert_msg(rc == HERD_OK, "%s", err);
            break;
        }
        ck_assert_int_eq(rc, HERD_ENOMEM);
        ck_assert_int_eq(fa.live, live);
        char msg[300];
        snprintf(msg, sizeof msg, "%s: out of memory", key);
        assert_message(err, msg);
        char *now = text_of(s, &fa);
        ck_assert_str_eq(now, before);
        free(now);
    }
    ck_assert_int_gt(k, 0);
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

START_TEST(new_takes_the_allocator_given)
{
    failing_alloc fa;
    for (long k = 0;; k++) {
        failing_alloc_reset(&fa, k);
        herd_allocator s = failing_alloc_allocator(&fa);
        herd_scenario *sc = (herd_scenario *)&fa;
        int rc = herd_scenario_new_with(&sc, &s);
        if (rc == HERD_OK) {
            char err[256];
            rc = herd_scenario_set(sc, "event.a.kind", "crisis", err, sizeof err);
            herd_scenario_free(sc);
        } else {
            ck_assert_ptr_null(sc);
        }
        ck_assert_int_eq(fa.live, 0);
        if (fa.calls <= k) {
            ck_assert_int_eq(rc, HERD_OK);
            break;
        }
        ck_assert_int_eq(rc, HERD_ENOMEM);
    }
    ck_assert_int_gt(fa.calls, 2);
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
