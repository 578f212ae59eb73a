#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "herd/error.h"
#include "herd/version.h"
#include "runner.h"

START_TEST(every_code_has_its_own_message_and_name)
{
    static const int codes[] = {
#define CODE_(name, value, msg) value,
        HERD_STATUS_TABLE(CODE_)
#undef CODE_
    };
    size_t n = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(herd_strerror(codes[i]));
        ck_assert_str_ne(herd_strerror(codes[i]), "unknown status");
        ck_assert_str_ne(herd_status_name(codes[i]), "HERD_UNKNOWN");
        if (i > 0)
            ck_assert_int_lt(codes[i], 0);
        for (size_t j = 0; j < i; j++) {
            ck_assert_int_ne(codes[i], codes[j]);
            ck_assert_str_ne(herd_strerror(codes[i]), herd_strerror(codes[j]));
        }
    }
}
END_TEST

START_TEST(known_codes_have_known_texts)
{
    ck_assert_str_eq(herd_strerror(HERD_OK), "success");
    ck_assert_str_eq(herd_strerror(HERD_ENOMEM), "out of memory");
    ck_assert_str_eq(herd_status_name(HERD_EINVAL), "HERD_EINVAL");
    ck_assert_str_eq(herd_strerror(-9999), "unknown status");
    ck_assert_str_eq(herd_status_name(12345), "HERD_UNKNOWN");
}
END_TEST

START_TEST(run_time_version_matches_header)
{
    ck_assert_str_eq(herd_version(), HERD_VERSION_STRING);
    ck_assert_uint_eq(herd_version_hex(), HERD_VERSION_HEX);
    ck_assert_uint_eq(herd_version_hex() >> 16, HERD_VERSION_MAJOR);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_code_has_its_own_message_and_name);
    tcase_add_test(tc, known_codes_have_known_texts);
    tcase_add_test(tc, run_time_version_matches_header);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
