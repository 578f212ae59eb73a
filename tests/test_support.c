/* The test support code: the leak and "nothing allocated" checks of other suites mean
 * something only if the failing allocator counts and fails as it says, and a suite's exit
 * status only if run_suite reports a failed test. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "failing_alloc.h"
#include "runner.h"

START_TEST(the_allocator_fails_exactly_at_its_call_and_counts_live_blocks)
{
    failing_alloc a;
    failing_alloc_reset(&a, 2);
    void *first = failing_alloc_alloc(&a, 8);
    void *second = failing_alloc_alloc(&a, 8);
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(second);
    ck_assert_ptr_null(failing_alloc_alloc(&a, 8));
    void *fourth = failing_alloc_alloc(&a, 8);
    ck_assert_ptr_nonnull(fourth);
    ck_assert_int_eq(a.calls, 4);
    ck_assert_int_eq(a.live, 3);
    failing_alloc_free(&a, first);
    failing_alloc_free(&a, NULL);
    ck_assert_int_eq(a.live, 2);
    failing_alloc_free(&a, second);
    failing_alloc_free(&a, fourth);
    ck_assert_int_eq(a.live, 0);
}
END_TEST

START_TEST(the_allocator_never_fails_below_zero_and_reset_clears_counts)
{
    failing_alloc a;
    failing_alloc_reset(&a, -1);
    void *blocks[100];
    for (int i = 0; i < 100; i++) {
        blocks[i] = failing_alloc_alloc(&a, 16);
        ck_assert_ptr_nonnull(blocks[i]);
    }
    ck_assert_int_eq(a.live, 100);
    for (int i = 0; i < 100; i++)
        failing_alloc_free(&a, blocks[i]);
    failing_alloc_reset(&a, 0);
    ck_assert_int_eq(a.calls, 0);
    ck_assert_int_eq(a.live, 0);
    ck_assert_ptr_null(failing_alloc_alloc(&a, 16));
}
END_TEST

START_TEST(settings_get_the_allocator_and_keep_their_other_fields)
{
    failing_alloc a;
    failing_alloc_reset(&a, 0);
    herd_settings s;
    herd_settings_default(&s);
    s.threads = 3;
    failing_alloc_settings(&s, &a);
    ck_assert_int_eq(s.threads, 3);
    ck_assert_ptr_eq(s.alloc_ctx, &a);
    ck_assert_ptr_null(s.alloc(s.alloc_ctx, 8));
    void *block = s.alloc(s.alloc_ctx, 8);
    ck_assert_ptr_nonnull(block);
    ck_assert_int_eq(a.live, 1);
    s.dealloc(s.alloc_ctx, block);
    ck_assert_int_eq(a.calls, 2);
    ck_assert_int_eq(a.live, 0);
}
END_TEST

/* A stand-in operation making three blocks, which on a refusal answers with *ctx: HERD_ENOMEM
 * after freeing what it made, HERD_EINVAL likewise, or HERD_OK or a leak of its first block. */
enum three_blocks_way { THREE_FREED, THREE_WRONG_STATUS, THREE_OK_ANYWAY, THREE_LEAKED };

static herd_status three_blocks(failing_alloc *a, void *ctx)
{
    enum three_blocks_way way = *(enum three_blocks_way *)ctx;
    void *b[3];
    size_t n = 0;
    while (n < 3 && (b[n] = failing_alloc_alloc(a, 8)) != NULL)
        n++;
    herd_status rc = n == 3 ? HERD_OK
                     : way == THREE_WRONG_STATUS ? HERD_EINVAL
                     : way == THREE_OK_ANYWAY    ? HERD_OK
                                                 : HERD_ENOMEM;
    for (size_t i = way == THREE_LEAKED && n < 3 ? 1 : 0; i < n; i++)
        failing_alloc_free(a, b[i]);
    return rc;
}

START_TEST(each_allocation_fails_in_turn_until_the_operation_succeeds)
{
    failing_alloc a;
    failing_alloc_reset(&a, -1);
    void *kept = failing_alloc_alloc(&a, 8);
    enum three_blocks_way way = THREE_FREED;
    ck_assert_int_eq(failing_alloc_each(&a, three_blocks, &way), 3);
    ck_assert_int_eq(a.calls, 1 + (1 + 2 + 3) + 3);
    ck_assert_int_eq(a.fail_at, -1);
    ck_assert_int_eq(a.live, 1);
    failing_alloc_free(&a, kept);
}
END_TEST

static void each_with(enum three_blocks_way way)
{
    failing_alloc a;
    failing_alloc_reset(&a, -1);
    failing_alloc_each(&a, three_blocks, &way);
}

START_TEST(each_with_the_right_way)
{
    each_with(THREE_FREED);
}
END_TEST

START_TEST(each_with_a_wrong_status)
{
    each_with(THREE_WRONG_STATUS);
}
END_TEST

START_TEST(each_with_success_despite_a_failure)
{
    each_with(THREE_OK_ANYWAY);
}
END_TEST

START_TEST(each_with_a_leak)
{
    each_with(THREE_LEAKED);
}
END_TEST

START_TEST(always_passes)
{
    ck_assert_int_eq(1 + 1, 2);
}
END_TEST

START_TEST(always_fails)
{
    ck_assert_int_eq(1 + 1, 3);
}
END_TEST

static Suite *one_test(const TTest *test)
{
    Suite *s = suite_create("inner");
    TCase *tc = tcase_create("inner");
    tcase_add_test(tc, test);
    suite_add_tcase(s, tc);
    return s;
}

/* run_suite with its summary sent to /dev/null, so that the inner failure on purpose does not
 * show among the real suites' summaries. */
static int run_quietly(Suite *s)
{
    fflush(stdout);
    int saved = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);
    ck_assert_int_ge(saved, 0);
    ck_assert_int_ge(null, 0);
    ck_assert_int_ge(dup2(null, STDOUT_FILENO), 0);
    int status = run_suite(s);
    fflush(stdout);
    ck_assert_int_ge(dup2(saved, STDOUT_FILENO), 0);
    close(null);
    close(saved);
    return status;
}

START_TEST(run_suite_fails_when_a_test_fails)
{
    ck_assert_int_eq(run_quietly(one_test(always_passes)), EXIT_SUCCESS);
    ck_assert_int_eq(run_quietly(one_test(always_fails)), EXIT_FAILURE);
}
END_TEST

START_TEST(each_fails_the_test_on_a_wrong_status_an_early_success_or_a_leak)
{
    ck_assert_int_eq(run_quietly(one_test(each_with_the_right_way)), EXIT_SUCCESS);
    ck_assert_int_eq(run_quietly(one_test(each_with_a_wrong_status)), EXIT_FAILURE);
    ck_assert_int_eq(run_quietly(one_test(each_with_success_despite_a_failure)), EXIT_FAILURE);
    ck_assert_int_eq(run_quietly(one_test(each_with_a_leak)), EXIT_FAILURE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("support");
    TCase *tc = tcase_create("support");
    tcase_add_test(tc, the_allocator_fails_exactly_at_its_call_and_counts_live_blocks);
    tcase_add_test(tc, the_allocator_never_fails_below_zero_and_reset_clears_counts);
    tcase_add_test(tc, settings_get_the_allocator_and_keep_their_other_fields);
    tcase_add_test(tc, run_suite_fails_when_a_test_fails);
    tcase_add_test(tc, each_allocation_fails_in_turn_until_the_operation_succeeds);
    tcase_add_test(tc, each_fails_the_test_on_a_wrong_status_an_early_success_or_a_leak);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
