#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "failing_alloc.h"
#include "herd/herd.h"
#include "runner.h"
#include "scratch.h"

static char dir[SCRATCH_SIZE];
static char path[256];

static const char *in_dir(const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static void make_dir(void)
{
    scratch_make(dir, "io");
}

static void remove_dir(void)
{
    scratch_remove(dir);
}

static void put_text(const char *name, const char *text)
{
    FILE *f = fopen(name, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *name)
{
    static char text[256];
    FILE *f = fopen(name, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* A chain of two links ending at a file not yet made: both links stay, the file is made. */
START_TEST(a_chain_of_links_is_kept_and_its_end_written)
{
    make_dir();
    char first[256], second[256];
    snprintf(first, sizeof first, "%s", in_dir("first"));
    snprintf(second, sizeof second, "%s", in_dir("second"));
    ck_assert_int_eq(symlink("second", first), 0);
    ck_assert_int_eq(symlink("end.csv", second), 0);
    herd_io_atomic *w;
    char err[256];
    ck_assert_int_eq(herd_io_atomic_open(&w, first, err, sizeof err), HERD_OK);
    ck_assert_ptr_nonnull(strstr(herd_io_atomic_temp(w), "/.end.csv.tmp-"));
    fputs("data\n", herd_io_atomic_file(w));
    ck_assert_int_eq(herd_io_atomic_commit(w, err, sizeof err), HERD_OK);
    struct stat st;
    ck_assert_int_eq(lstat(first, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(lstat(second, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_str_eq(slurp(in_dir("end.csv")), "data\n");
    remove_dir();
}
END_TEST

/* A named temporary file is kept for later, taken up again and finished. */
START_TEST(a_kept_file_is_resumed_and_committed)
{
    make_dir();
    char out[256], err[256];
    snprintf(out, sizeof out, "%s", in_dir("rows.csv"));
    herd_io_atomic_options opt;
    herd_io_atomic_options_default(&opt);
    opt.suffix = ".partial";
    herd_io_atomic *w;
    ck_assert_int_eq(herd_io_atomic_open_with(&w, out, &opt, err, sizeof err), HERD_OK);
    fputs("one\ntwo\n", herd_io_atomic_file(w));
    ck_assert_int_eq(herd_io_atomic_sync(w, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_io_atomic_keep(w, err, sizeof err), HERD_OK);
    ck_assert_int_ne(access(out, F_OK), 0);
    ck_assert_str_eq(slurp(in_dir("rows.csv.partial")), "one\ntwo\n");
    opt.resume = 1;
    ck_assert_int_eq(herd_io_atomic_open_with(&w, out, &opt, err, sizeof err), HERD_OK);
    FILE *f = herd_io_atomic_file(w);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    fputs("three\n", f);
    ck_assert_int_eq(herd_io_atomic_commit(w, err, sizeof err), HERD_OK);
    ck_assert_str_eq(slurp(out), "one\ntwo\nthree\n");
    ck_assert_int_ne(access(in_dir("rows.csv.partial"), F_OK), 0);
    ck_assert_int_eq(herd_io_atomic_open_with(&w, in_dir("none.csv"), &opt, err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(err, "there is no unfinished "));
    ck_assert_ptr_nonnull(strstr(err, "none.csv.partial to go on writing"));
    remove_dir();
}
END_TEST

/* Folders are made on demand; what stands in the way is named. */
START_TEST(folders_are_made_and_obstacles_named)
{
    make_dir();
    char err[512];
    ck_assert_int_eq(herd_io_make_parents(in_dir("a/b/c.csv"), err, sizeof err), HERD_OK);
    struct stat st;
    ck_assert_int_eq(stat(in_dir("a/b"), &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    ck_assert_int_ne(stat(in_dir("a/b/c.csv"), &st), 0);
    ck_assert_int_eq(herd_io_make_folder(in_dir("a/b/d/"), err, sizeof err), HERD_OK);
    ck_assert_int_eq(stat(in_dir("a/b/d"), &st), 0);
    FILE *f = fopen(in_dir("file"), "w");
    fclose(f);
    ck_assert_int_eq(herd_io_make_folder(in_dir("file/x"), err, sizeof err), HERD_EIO);
    ck_assert_ptr_nonnull(strstr(err, "cannot make the folder"));
    ck_assert_ptr_nonnull(strstr(err, "/file: Not a directory"));
    ck_assert_int_eq(herd_io_make_folder("", err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_io_make_parents("plain.csv", err, sizeof err), HERD_OK);
    remove_dir();
}
END_TEST

/* The check of a folder before a run says what making it would say, and makes nothing. */
START_TEST(a_folder_check_makes_nothing)
{
    make_dir();
    char err[512];
    ck_assert_int_eq(herd_io_folder_check(in_dir("a/b/c"), err, sizeof err), HERD_OK);
    ck_assert_int_eq(scratch_count(dir), 0);
    ck_assert_int_eq(herd_io_folder_check(dir, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_io_folder_check("relative-and-new/x", err, sizeof err), HERD_OK);
    ck_assert_int_ne(access("relative-and-new", F_OK), 0);
    FILE *f = fopen(in_dir("file"), "w");
    fclose(f);
    char made[512];
    ck_assert_int_eq(herd_io_make_folder(in_dir("file/x/y"), made, sizeof made), HERD_EIO);
    ck_assert_int_eq(herd_io_folder_check(in_dir("file/x/y"), err, sizeof err), HERD_EIO);
    ck_assert_str_eq(err, made);
    ck_assert_int_eq(herd_io_folder_check(in_dir("file"), err, sizeof err), HERD_EIO);
    ck_assert_ptr_nonnull(strstr(err, "/file: Not a directory"));
    ck_assert_int_eq(herd_io_folder_check("", err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(scratch_count(dir), 1);
    remove_dir();
}
END_TEST

/* The check before a run says what the writer would say, and leaves nothing. */
START_TEST(writable_checks_leave_nothing)
{
    make_dir();
    char err[512];
    ck_assert_int_eq(herd_io_writable(in_dir("out.csv"), err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_io_writable("/dev/null", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_io_writable(dir, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "is a directory"));
    ck_assert_int_eq(herd_io_writable("/proc/nope/ck", err, sizeof err), HERD_EIO);
    ck_assert_str_eq(err, "/proc/nope/ck: the folder /proc/nope does not exist");
    FILE *f = fopen(in_dir("file"), "w");
    fclose(f);
    char expected[512];
    snprintf(expected, sizeof expected, "%s/file/x.csv: %s/file is not a folder", dir, dir);
    ck_assert_int_eq(herd_io_writable(in_dir("file/x.csv"), err, sizeof err), HERD_EIO);
    ck_assert_str_eq(err, expected);
    ck_assert_int_eq(unlink(in_dir("file")), 0);
    ck_assert_int_eq(herd_io_writable("", err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(rmdir(dir), 0); /* empty */
}
END_TEST

/* A finished file is moved into place through the writer, the source removed. */
START_TEST(a_finished_file_is_moved_through_a_link)
{
    make_dir();
    char from[256], to[256], err[512];
    snprintf(from, sizeof from, "%s", in_dir("image.part"));
    snprintf(to, sizeof to, "%s", in_dir("image.png"));
    put_text(from, "pixels");
    ck_assert_int_eq(symlink("kept.png", to), 0);
    ck_assert_int_eq(herd_io_move(from, to, err, sizeof err), HERD_OK);
    ck_assert_str_eq(slurp(in_dir("kept.png")), "pixels");
    ck_assert_int_ne(access(from, F_OK), 0);
    ck_assert_int_eq(herd_io_move(from, to, err, sizeof err), HERD_EIO);
    ck_assert_ptr_nonnull(strstr(err, "image.part"));
    remove_dir();
}
END_TEST

/* A file is removed, a link without what it leads to; nothing there is no failure; a folder
 * is refused by name and kept. */
START_TEST(a_file_is_removed_a_folder_kept)
{
    make_dir();
    char err[512];
    put_text(in_dir("kept.csv"), "rows");
    ck_assert_int_eq(symlink("kept.csv", in_dir("old.csv")), 0);
    ck_assert_int_eq(herd_io_remove(in_dir("old.csv"), err, sizeof err), HERD_OK);
    ck_assert_int_ne(access(in_dir("old.csv"), F_OK), 0);
    ck_assert_str_eq(slurp(in_dir("kept.csv")), "rows");
    ck_assert_int_eq(herd_io_remove(in_dir("kept.csv"), err, sizeof err), HERD_OK);
    ck_assert_int_ne(access(in_dir("kept.csv"), F_OK), 0);
    ck_assert_int_eq(herd_io_remove(in_dir("kept.csv"), err, sizeof err), HERD_OK);
    ck_assert_int_eq(mkdir(in_dir("map.png"), 0700), 0);
    ck_assert_int_eq(herd_io_remove(in_dir("map.png"), err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "map.png: a folder, not a file"));
    ck_assert_int_eq(rmdir(in_dir("map.png")), 0);
    ck_assert_int_eq(herd_io_remove("", err, sizeof err), HERD_EINVAL);
    remove_dir();
}
END_TEST

static int files_in_dir(void)
{
    return scratch_count(dir);
}

/* A writer opened on link with a's allocator, into w; a failure must name the file and leave
 * no temporary one. */
typedef struct open_try {
    const char *link, *suffix;
    herd_io_atomic *w;
} open_try;

static herd_status open_writer(failing_alloc *a, void *ctx)
{
    open_try *t = ctx;
    herd_allocator s = failing_alloc_allocator(a);
    herd_io_atomic_options opt;
    herd_io_atomic_options_default(&opt);
    opt.allocator = &s;
    opt.suffix = t->suffix;
    t->w = (herd_io_atomic *)a;
    char err[512] = "";
    herd_status rc = herd_io_atomic_open_with(&t->w, t->link, &opt, err, sizeof err);
    if (rc != HERD_OK) {
        ck_assert_ptr_null(t->w);
        ck_assert_ptr_nonnull(strstr(err, dir));
        ck_assert_ptr_nonnull(strstr(err, ".csv: out of memory"));
        ck_assert_int_eq(files_in_dir(), 1); /* the link alone: no temporary file */
    }
    return rc;
}

/* _i 0: a fresh temporary name; 1: a named one (the path + suffix). The destination is
 * reached through a link, whose target is worked out with the allocator too. */
START_TEST(the_writer_fails_cleanly_at_every_allocation)
{
    make_dir();
    char target[256];
    snprintf(target, sizeof target, "%s", in_dir("out.csv"));
    ck_assert_int_eq(symlink("out.csv", in_dir("link.csv")), 0);
    char link[256];
    snprintf(link, sizeof link, "%s", in_dir("link.csv"));
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    open_try t = {link, _i == 1 ? ".partial" : NULL, NULL};
    /* the writer, the link's target, the temporary name */
    ck_assert_int_ge(failing_alloc_each(&fa, open_writer, &t), 3);
    long calls = fa.calls;
    char err[512] = "";
    ck_assert_int_ge(fputs("rows\n", herd_io_atomic_file(t.w)), 0);
    ck_assert_int_eq(herd_io_atomic_commit(t.w, err, sizeof err), HERD_OK);
    ck_assert_int_eq(fa.calls, calls); /* commit allocates nothing */
    ck_assert_int_eq(fa.live, 0);
    FILE *f = fopen(target, "r");
    ck_assert_ptr_nonnull(f);
    char line[16] = "";
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    fclose(f);
    ck_assert_str_eq(line, "rows\n");
    ck_assert_int_eq(files_in_dir(), 2);
    remove_dir();
}
END_TEST

/* A table of typed cells as CSV: the header once, text quoted where it must be, NULL text
 * empty, a NaN as "NA", integers whole; a row of another width, and a later begin of other
 * columns (fewer, renamed or retyped), refused, as is a header too wide to keep. */
START_TEST(a_table_of_cells_as_csv)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    const char *columns[] = {"name", "x", "n"};
    const herd_cell_type types[] = {HERD_CELL_TEXT, HERD_CELL_REAL, HERD_CELL_INT};
    const herd_cell rows[2][3] = {
        {{HERD_CELL_TEXT, "a,b", 0, 0}, {HERD_CELL_REAL, NULL, 0, 0.1},
         {HERD_CELL_INT, NULL, -4294967296, 0}},
        {{HERD_CELL_TEXT, NULL, 0, 0}, {HERD_CELL_REAL, NULL, 0, NAN},
         {HERD_CELL_INT, NULL, 7, 0}},
    };
    for (int k = 0; k < 2; k++) {
        ck_assert_int_eq(t.sink.begin(t.sink.userdata, "t", columns, types, 3), HERD_OK);
        ck_assert_int_eq(t.sink.row(t.sink.userdata, rows[k], 3), HERD_OK);
    }
    ck_assert_int_eq(t.sink.row(t.sink.userdata, rows[0], 2), HERD_EINVAL);
    ck_assert_int_eq(t.sink.begin(t.sink.userdata, "t", columns, types, 2), HERD_EINVAL);
    const char *renamed[] = {"name", "y", "n"};
    ck_assert_int_eq(t.sink.begin(t.sink.userdata, "t", renamed, types, 3), HERD_EINVAL);
    const herd_cell_type retyped[] = {HERD_CELL_TEXT, HERD_CELL_INT, HERD_CELL_INT};
    ck_assert_int_eq(t.sink.begin(t.sink.userdata, "t", columns, retyped, 3), HERD_EINVAL);
    static char wide[HERD_IO_CSV_TABLE_COLUMNS_SIZE];
    memset(wide, 'w', sizeof wide - 1);
    herd_io_csv_table u;
    herd_io_csv_table_init(&u, f);
    ck_assert_int_eq(u.sink.begin(u.sink.userdata, "u", (const char *[]){wide}, types, 1),
                     HERD_EINVAL);
    fclose(f);
    ck_assert_str_eq(text, "name,x,n\n\"a,b\",0.1,-4294967296\n,NA,7\n");
    free(text);
}
END_TEST

START_TEST(half_an_allocator_is_refused_by_name)
{
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_allocator s = failing_alloc_allocator(&fa);
    s.alloc = NULL;
    herd_io_atomic_options opt;
    herd_io_atomic_options_default(&opt);
    opt.allocator = &s;
    herd_io_atomic *w = (herd_io_atomic *)&fa;
    char err[256] = "";
    ck_assert_int_eq(herd_io_atomic_open_with(&w, "/tmp/x", &opt, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(w);
    ck_assert_str_eq(err, "allocator: dealloc is set but alloc is NULL; set both or neither");
    ck_assert_int_eq(fa.calls, 0);
}
END_TEST

/* While one writer has a file open, a second writer of the same file, under another
 * spelling or through a link, is refused and leaves the first's file alone; once the first is
 * done, the file may be written again. */
START_TEST(two_writers_of_one_file_are_refused)
{
    make_dir();
    char out[256], other[256], link[256], err[256];
    snprintf(out, sizeof out, "%s", in_dir("rows.csv"));
    snprintf(other, sizeof other, "%s/./rows.csv", dir);
    snprintf(link, sizeof link, "%s", in_dir("link.csv"));
    ck_assert_int_eq(symlink("rows.csv", link), 0);
    ck_assert(herd_io_same_destination(out, other));
    ck_assert(herd_io_same_destination(link, out));
    ck_assert(!herd_io_same_destination(out, in_dir("runs.csv")));
    ck_assert(herd_io_same_destination("not-made/x.csv", "not-made/x.csv"));
    ck_assert(!herd_io_same_destination("not-made/x.csv", "not-made/y.csv"));
    ck_assert(!herd_io_same_destination(out, NULL));
    herd_io_atomic *first, *second = NULL;
    ck_assert_int_eq(herd_io_atomic_open(&first, out, err, sizeof err), HERD_OK);
    fputs("first\n", herd_io_atomic_file(first));
    const char *names[] = {out, other, link};
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(herd_io_atomic_open(&second, names[i], err, sizeof err), HERD_EINVAL);
        ck_assert_ptr_null(second);
        ck_assert_ptr_nonnull(strstr(err, "rows.csv: another output of this run"));
    }
    ck_assert_int_eq(herd_io_atomic_commit(first, err, sizeof err), HERD_OK);
    ck_assert_str_eq(slurp(out), "first\n");
    ck_assert_int_eq(herd_io_atomic_open(&second, link, err, sizeof err), HERD_OK);
    fputs("second\n", herd_io_atomic_file(second));
    ck_assert_int_eq(herd_io_atomic_commit(second, err, sizeof err), HERD_OK);
    ck_assert_str_eq(slurp(out), "second\n");
    remove_dir();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("io");
    TCase *tc = tcase_create("writer");
    tcase_add_test(tc, a_chain_of_links_is_kept_and_its_end_written);
    tcase_add_test(tc, a_kept_file_is_resumed_and_committed);
    tcase_add_test(tc, folders_are_made_and_obstacles_named);
    tcase_add_test(tc, writable_checks_leave_nothing);
    tcase_add_test(tc, a_folder_check_makes_nothing);
    tcase_add_test(tc, a_finished_file_is_moved_through_a_link);
    tcase_add_test(tc, a_file_is_removed_a_folder_kept);
    tcase_add_test(tc, two_writers_of_one_file_are_refused);
    suite_add_tcase(s, tc);
    tc = tcase_create("alloc");
    tcase_add_loop_test(tc, the_writer_fails_cleanly_at_every_allocation, 0, 2);
    tcase_add_test(tc, half_an_allocator_is_refused_by_name);
    tcase_add_test(tc, a_table_of_cells_as_csv);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
