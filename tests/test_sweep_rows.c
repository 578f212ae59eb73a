/* A sweep's runs read back (herd_sweep_rows_check, herd_sweep_rows_runs,
 * herd_sweep_rows_output): known answers on a small table of runs, and every refusal naming
 * what it refuses. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "herd/compare.h"
#include "runner.h"

enum { FRONT, BEHIND, SERVANT };
static const char *const names[] = {"front", "behind", "servant"};

/* Point 0: two replications of front and behind; point 1: front's replication 0, behind's
 * 0 and 1; point 2: servant alone. The values sit in the second of two columns. */
static const long point[] = {0, 0, 0, 0, 1, 1, 1, 2};
static const long rep[] = {0, 1, 0, 1, 0, 0, 1, 0};
static const size_t policy[] = {FRONT, FRONT, BEHIND, BEHIND, FRONT, BEHIND, BEHIND, SERVANT};
static const double table[] = {-1, 1, -1, 3, -1, 10, -1, 20, -1, 5, -1, 7, -1, 9, -1, 4};

static herd_sweep_rows rows(void)
{
    return (herd_sweep_rows){8, point, rep, policy, names, 3, NULL, NULL};
}

START_TEST(per_point_means_and_paired_differences)
{
    herd_sweep_rows r = rows();
    double f[3] = {0};
    char err[256] = "";
    ck_assert_int_eq(herd_sweep_rows_output(&r, table + 1, 2, FRONT, HERD_SWEEP_NO_OTHER, 2, f,
                                            err, sizeof err), HERD_OK);
    ck_assert_double_eq(f[0], 2);
    ck_assert_double_eq(f[1], 5);
    /* Behind's replication 1 at point 1 has no front to be paired with: left out. */
    ck_assert_int_eq(herd_sweep_rows_output(&r, table + 1, 2, BEHIND, FRONT, 2, f, err,
                                            sizeof err), HERD_OK);
    ck_assert_double_eq(f[0], 13);
    ck_assert_double_eq(f[1], 2);
    ck_assert_int_eq(herd_sweep_rows_output(&r, table + 1, 2, FRONT, BEHIND, 2, f, err,
                                            sizeof err), HERD_OK);
    ck_assert_double_eq(f[0], -13);
    ck_assert_double_eq(f[1], -2);
    /* Rows past n_points do not count. */
    ck_assert_int_eq(herd_sweep_rows_output(&r, table + 1, 2, BEHIND, HERD_SWEEP_NO_OTHER, 1, f,
                                            err, sizeof err), HERD_OK);
    ck_assert_double_eq(f[0], 15);
}
END_TEST

START_TEST(per_run_values_and_paired_differences_in_row_order)
{
    herd_sweep_rows r = rows();
    double d[8];
    size_t row_of[8], n = 0;
    char err[256] = "";
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table + 1, 2, BEHIND, FRONT, d, row_of, &n, err,
                                          sizeof err), HERD_OK);
    ck_assert_uint_eq(n, 3);
    const double want[] = {9, 17, 2};
    const size_t want_rows[] = {2, 3, 5};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_double_eq(d[i], want[i]);
        ck_assert_uint_eq(row_of[i], want_rows[i]);
    }
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table + 1, 2, FRONT, HERD_SWEEP_NO_OTHER, d, row_of,
                                          &n, err, sizeof err), HERD_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_double_eq(d[2], 5);
    ck_assert_uint_eq(row_of[2], 4);
}
END_TEST

START_TEST(a_nan_makes_its_point_nan)
{
    herd_sweep_rows r = rows();
    double values[8] = {1, NAN, 10, 20, 5, 7, 9, 4}, f[2];
    ck_assert_int_eq(herd_sweep_rows_output(&r, values, 1, FRONT, HERD_SWEEP_NO_OTHER, 2, f, NULL,
                                            0), HERD_OK);
    ck_assert(isnan(f[0]));
    ck_assert_double_eq(f[1], 5);
}
END_TEST

START_TEST(a_point_with_no_run_is_named_with_its_policy)
{
    herd_sweep_rows r = rows();
    double f[3] = {-7, -7, -7}, d[8];
    size_t row_of[8], n = 99;
    char err[256] = "";
    ck_assert_int_eq(herd_sweep_rows_output(&r, table + 1, 2, FRONT, HERD_SWEEP_NO_OTHER, 3, f,
                                            err, sizeof err), HERD_ENOTFOUND);
    ck_assert_msg(strstr(err, "design point 2 has no run of front") != NULL, "%s", err);
    ck_assert_double_eq(f[0], -7);
    ck_assert_int_eq(herd_sweep_rows_output(&r, table + 1, 2, SERVANT, BEHIND, 3, f, err,
                                            sizeof err), HERD_ENOTFOUND);
    ck_assert_msg(strstr(err, "design point 0 has no run of servant paired with a run of "
                              "behind") != NULL, "%s", err);
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table + 1, 2, SERVANT, FRONT, d, row_of, &n, err,
                                          sizeof err), HERD_ENOTFOUND);
    ck_assert_msg(strstr(err, "no run of servant paired with a run of front") != NULL, "%s",
                  err);
}
END_TEST

START_TEST(null_empty_and_bad_rows_are_refused_naming_them)
{
    herd_sweep_rows r = rows();
    double f[3], d[8];
    size_t row_of[8], n;
    char err[256] = "";
    ck_assert_int_eq(herd_sweep_rows_output(NULL, table, 1, FRONT, HERD_SWEEP_NO_OTHER, 2, f, err,
                                            sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "NULL"));
    ck_assert_int_eq(herd_sweep_rows_output(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, 2, NULL,
                                            err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_sweep_rows_output(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, 0, f, err,
                                            sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "n_points 0"));
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, FRONT, BEHIND, d, NULL, &n, err,
                                          sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 0, FRONT, BEHIND, d, row_of, &n, err,
                                          sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "stride 0"));
    herd_sweep_rows empty = {0, NULL, NULL, NULL, names, 3, NULL, NULL};
    ck_assert_int_eq(herd_sweep_rows_runs(&empty, table, 1, FRONT, BEHIND, d, row_of, &n, err,
                                          sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "no rows"));
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, 3, HERD_SWEEP_NO_OTHER, d, row_of, &n,
                                          err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "there are 3 names"));
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, BEHIND, BEHIND, d, row_of, &n, err,
                                          sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "behind less itself"));
}
END_TEST

START_TEST(a_row_out_of_range_or_a_run_twice_is_named)
{
    long bad_point[8], twice_rep[8];
    size_t bad_policy[8];
    memcpy(bad_point, point, sizeof point);
    memcpy(twice_rep, rep, sizeof rep);
    memcpy(bad_policy, policy, sizeof policy);
    bad_point[6] = -1;
    bad_policy[4] = 5;
    twice_rep[1] = 0;
    double d[8];
    size_t row_of[8], n;
    char err[256] = "";
    herd_sweep_rows r = {8, bad_point, rep, policy, names, 3, NULL, NULL};
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, d, row_of, &n,
                                          err, sizeof err), HERD_EINVAL);
    ck_assert_msg(strstr(err, "row 6: design point -1") != NULL, "%s", err);
    r = (herd_sweep_rows){8, point, rep, bad_policy, names, 3, NULL, NULL};
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, d, row_of, &n,
                                          err, sizeof err), HERD_EINVAL);
    ck_assert_msg(strstr(err, "row 4: policy 5") != NULL, "%s", err);
    r = (herd_sweep_rows){8, point, twice_rep, policy, names, 3, NULL, NULL};
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, BEHIND, FRONT, d, row_of, &n, err,
                                          sizeof err), HERD_EINVAL);
    ck_assert_msg(strstr(err, "rows 0 and 1 both hold the run of front at design point 0, "
                              "replication 0") != NULL, "%s", err);
    /* Without pairing too: one run (one seed) would count twice. Another policy's rows are
     * not the runs asked for. */
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, d, row_of, &n,
                                          err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "sweep rows: rows 0 and 1 both hold the run of front at design point 0, "
                          "replication 0; the rows are not one sweep's");
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, BEHIND, HERD_SWEEP_NO_OTHER, d, row_of,
                                          &n, err, sizeof err), HERD_OK);
    ck_assert_uint_eq(n, 4);
}
END_TEST

/* The rows of every policy checked at once: a run twice of any policy is found, named by
 * both its lines, before any number is asked for. */
START_TEST(every_policy_s_rows_are_checked_at_once)
{
    static const size_t lines[] = {3, 4, 5, 6, 8, 9, 10, 11};
    long bad_point[8], twice_rep[8];
    memcpy(bad_point, point, sizeof point);
    memcpy(twice_rep, rep, sizeof rep);
    bad_point[6] = -1;
    twice_rep[6] = 0;
    char err[256] = "";
    herd_sweep_rows r = rows();
    ck_assert_int_eq(herd_sweep_rows_check(&r, err, sizeof err), HERD_OK);
    r = (herd_sweep_rows){8, point, twice_rep, policy, names, 3, "out/runs.csv", lines};
    ck_assert_int_eq(herd_sweep_rows_check(&r, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: lines 9 and 10 both hold the run of behind at design "
                          "point 1, replication 0; the rows are not one sweep's");
    r.rep = rep;
    r.point = bad_point;
    ck_assert_int_eq(herd_sweep_rows_check(&r, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: line 10: design point -1, replication 1; expected "
                          "both >= 0");
    r.point = point;
    r.n = 0;
    ck_assert_int_eq(herd_sweep_rows_check(&r, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: no rows");
}
END_TEST

/* Rows read from a file with a header and a comment line: every message that names a row
 * names the file and the line of it, and a message about the runs names the file. */
START_TEST(rows_read_from_a_file_are_named_by_their_line)
{
    static const size_t lines[] = {3, 4, 5, 6, 8, 9, 10, 11};
    long bad_point[8], twice_rep[8];
    memcpy(bad_point, point, sizeof point);
    memcpy(twice_rep, rep, sizeof rep);
    bad_point[6] = -1;
    twice_rep[1] = 0;
    double d[8], f[3];
    size_t row_of[8], n;
    char err[256] = "";
    herd_sweep_rows r = {8, bad_point, rep, policy, names, 3, "out/runs.csv", lines};
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, d, row_of, &n,
                                          err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: line 10: design point -1, replication 1; expected "
                          "both >= 0");
    r.point = point;
    r.rep = twice_rep;
    ck_assert_int_eq(herd_sweep_rows_output(&r, table, 1, BEHIND, FRONT, 2, f, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: lines 3 and 4 both hold the run of front at design "
                          "point 0, replication 0; the rows are not one sweep's");
    ck_assert_int_eq(herd_sweep_rows_output(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, 2, f, err,
                                            sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: lines 3 and 4 both hold the run of front at design "
                          "point 0, replication 0; the rows are not one sweep's");
    r.rep = rep;
    ck_assert_int_eq(herd_sweep_rows_output(&r, table + 1, 2, FRONT, HERD_SWEEP_NO_OTHER, 3, f,
                                            err, sizeof err), HERD_ENOTFOUND);
    ck_assert_str_eq(err, "out/runs.csv: design point 2 has no run of front");
    /* Lines without a file, and a file without lines. */
    r = (herd_sweep_rows){8, bad_point, rep, policy, names, 3, NULL, lines};
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, d, row_of, &n,
                                          err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "sweep rows: line 10: design point -1, replication 1; expected both "
                          ">= 0");
    r = (herd_sweep_rows){8, bad_point, rep, policy, names, 3, "out/runs.csv", NULL};
    ck_assert_int_eq(herd_sweep_rows_runs(&r, table, 1, FRONT, HERD_SWEEP_NO_OTHER, d, row_of, &n,
                                          err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "out/runs.csv: row 6: design point -1, replication 1; expected both "
                          ">= 0");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sweep rows");
    TCase *tc = tcase_create("sweep rows");
    tcase_add_test(tc, per_point_means_and_paired_differences);
    tcase_add_test(tc, per_run_values_and_paired_differences_in_row_order);
    tcase_add_test(tc, a_nan_makes_its_point_nan);
    tcase_add_test(tc, a_point_with_no_run_is_named_with_its_policy);
    tcase_add_test(tc, null_empty_and_bad_rows_are_refused_naming_them);
    tcase_add_test(tc, a_row_out_of_range_or_a_run_twice_is_named);
    tcase_add_test(tc, every_policy_s_rows_are_checked_at_once);
    tcase_add_test(tc, rows_read_from_a_file_are_named_by_their_line);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
