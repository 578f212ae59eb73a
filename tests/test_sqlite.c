/* The SQLite writer: a run written to a database and read back through SQLite's own API
 * equals the records in memory bit for bit; a failure anywhere leaves no file. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "failing_alloc.h"
#include "herd/herd.h"
#include "runner.h"
#include "scratch.h"

#define TEAMS 3
#define TICKS 12
#define REPS 2
#define SQL_BYTES 16384

static char dir[SCRATCH_SIZE];
static char path[256];

static void make_dir(void)
{
    scratch_make(dir, "sqlite");
    snprintf(path, sizeof path, "%s/run.db", dir);
}

static int files_in_dir(void)
{
    return scratch_count(dir);
}

static void remove_dir(void)
{
    scratch_remove(dir);
}

static herd_sqlite *open_db(herd_io_atomic **w, const herd_sqlite_options *opt)
{
    char err[512];
    herd_sqlite *db;
    ck_assert_int_eq(herd_io_atomic_open(w, path, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_sqlite_open(&db, *w, opt, err, sizeof err), HERD_OK);
    return db;
}

static void finish(herd_sqlite *db, herd_io_atomic *w)
{
    char err[512];
    ck_assert_int_eq(herd_sqlite_finish(db), HERD_OK);
    herd_sqlite_free(db);
    ck_assert_int_eq(herd_io_atomic_commit(w, err, sizeof err), HERD_OK);
}

static sqlite3_stmt *query(sqlite3 *conn, const char *sql)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(conn, sql, -1, &st, NULL), SQLITE_OK);
    return st;
}

/* The statement's columns are named as the comma-separated list columns. */
static void check_columns(sqlite3_stmt *st, const char *columns)
{
    int i = 0;
    for (const char *c = columns; *c != '\0'; i++) {
        size_t len = strcspn(c, ",");
        ck_assert_int_lt(i, sqlite3_column_count(st));
        const char *name = sqlite3_column_name(st, i);
        ck_assert_msg(strlen(name) == len && strncmp(name, c, len) == 0, "column %d: %s, not %.*s",
                      i, name, (int)len, c);
        c += len + (c[len] == ',');
    }
    ck_assert_int_eq(i, sqlite3_column_count(st));
}

static void check_int(sqlite3_stmt *st, int col, int64_t want)
{
    ck_assert_int_eq(sqlite3_column_type(st, col), SQLITE_INTEGER);
    ck_assert_int_eq(sqlite3_column_int64(st, col), want);
}

/* A REAL holding exactly the bits of want; NULL for a NaN. */
static void check_real(sqlite3_stmt *st, int col, double want)
{
    if (isnan(want)) {
        ck_assert_int_eq(sqlite3_column_type(st, col), SQLITE_NULL);
        return;
    }
    ck_assert_int_eq(sqlite3_column_type(st, col), SQLITE_FLOAT);
    double got = sqlite3_column_double(st, col);
    ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "column %s: %.17g, not %.17g",
                  sqlite3_column_name(st, col), got, want);
}

static void check_seed(sqlite3_stmt *st, int col, uint64_t seed)
{
    check_int(st, col, (int64_t)(seed >> 32));
    check_int(st, col + 1, (int64_t)(uint32_t)seed);
}

static void check_fields(sqlite3_stmt *st, int col, const herd_record *r)
{
    for (size_t i = 0; i < herd_record_info_count(); i++)
        check_real(st, col + (int)i, herd_record_get(r, herd_record_info(i)));
}

/* What the run gave, kept beside the database. */
typedef struct truth {
    herd_record records[REPS][TICKS];
    herd_record teams[REPS][TICKS][TEAMS];
    herd_record carry[TEAMS]; /* each team's cumulative innovation */
    herd_summary summary[REPS];
    uint64_t seed[REPS];
    const herd_sim *sim;
    long rep;
} truth;

static int keep(const herd_record *record, void *userdata)
{
    truth *t = userdata;
    t->records[t->rep][record->tick] = *record;
    ck_assert_int_eq(herd_sim_team_records(t->sim, t->carry, TEAMS), HERD_OK);
    memcpy(t->teams[t->rep][record->tick], t->carry, sizeof t->carry);
    return 0;
}

static void run_reps(herd_sqlite *db, truth *t)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = TEAMS;
    p.team_size = 5;
    herd_record teams[TEAMS];
    for (long r = 0; r < REPS; r++) {
        herd_sim *sim;
        t->seed[r] = herd_seed_derive(UINT64_C(0xfedcba9876543210), (uint64_t)r);
        ck_assert_int_eq(herd_sim_new(&sim, &p, t->seed[r]), HERD_OK);
        herd_sim_set_policy(sim, herd_policy_find(r == 0 ? "front" : "hybrid"));
        memset(teams, 0, sizeof teams);
        memset(t->carry, 0, sizeof t->carry);
        t->sim = sim;
        t->rep = r;
        herd_sqlite_sink sink = {db, "a,\"label\"", r, t->seed[r], NULL, 0, HERD_OK};
        herd_sqlite_team_sink team_sink = {db, sim, teams, TEAMS, r, t->seed[r], HERD_OK};
        ck_assert_int_eq(herd_sim_observe(sim, herd_sqlite_observer, &sink), HERD_OK);
        ck_assert_int_eq(herd_sim_observe(sim, herd_sqlite_team_observer, &team_sink), HERD_OK);
        ck_assert_int_eq(herd_sim_observe(sim, keep, t), HERD_OK);
        ck_assert_int_eq(herd_sim_run(sim, TICKS), HERD_OK);
        ck_assert_int_eq(herd_metrics_summarise(t->records[r], TICKS, TEAMS * 5, &t->summary[r]),
                         HERD_OK);
        ck_assert_int_eq(herd_sqlite_summary(db, NULL, r, t->seed[r], &t->summary[r]), HERD_OK);
        herd_sim_free(sim);
    }
}

static void check_records(sqlite3 *conn, const truth *t)
{
    sqlite3_stmt *st = query(conn, "SELECT * FROM records ORDER BY rowid");
    check_columns(st, HERD_IO_CSV_HEADER);
    for (long r = 0; r < REPS; r++)
        for (long k = 0; k < TICKS; k++) {
            ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
            ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "a,\"label\"");
            check_int(st, 1, r);
            check_seed(st, 2, t->seed[r]);
            check_int(st, 4, k);
            check_fields(st, 5, &t->records[r][k]);
        }
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

static void check_teams(sqlite3 *conn, const truth *t)
{
    sqlite3_stmt *st = query(conn, "SELECT * FROM team_records ORDER BY rowid");
    check_columns(st, HERD_IO_TEAM_CSV_HEADER);
    for (long r = 0; r < REPS; r++)
        for (long k = 0; k < TICKS; k++)
            for (long team = 0; team < TEAMS; team++) {
                ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
                check_int(st, 0, r);
                check_seed(st, 1, t->seed[r]);
                check_int(st, 3, k);
                check_int(st, 4, team);
                ck_assert_str_eq((const char *)sqlite3_column_text(st, 5),
                                 r == 0 ? "front" : "hybrid");
                check_int(st, 6, 5);
                check_fields(st, 7, &t->teams[r][k][team]);
            }
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

static void check_summary(sqlite3 *conn, const truth *t)
{
    sqlite3_stmt *st = query(conn, "SELECT * FROM summary ORDER BY rowid");
    check_columns(st, HERD_SQLITE_SUMMARY_COLUMNS);
    for (long r = 0; r < REPS; r++) {
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        ck_assert_int_eq(sqlite3_column_type(st, 0), SQLITE_NULL);
        check_int(st, 1, r);
        check_seed(st, 2, t->seed[r]);
        check_int(st, 4, TICKS);
        for (size_t i = 0; i < herd_summary_info_count(); i++)
            check_real(st, 5 + (int)i, herd_summary_get(&t->summary[r], herd_summary_info(i)));
    }
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

static void check_run(sqlite3 *conn)
{
    sqlite3_stmt *st = query(conn, "SELECT * FROM run");
    check_columns(st, HERD_SQLITE_RUN_COLUMNS);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    check_seed(st, 0, UINT64_MAX - 1);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 2), herd_version());
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 3), "[run]\nticks = 12\n");
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* Column types as declared: the reader's pandas and sqlite3 see numbers, not text. */
static void check_types(sqlite3 *conn)
{
    sqlite3_stmt *st = query(conn, "SELECT type FROM pragma_table_info('records') WHERE "
                                   "name IN ('tick', 'morale', 'policy') ORDER BY cid");
    const char *want[] = {"TEXT", "INTEGER", "REAL"};
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), want[i]);
    }
    sqlite3_finalize(st);
}

START_TEST(a_run_reads_back_bit_for_bit)
{
    make_dir();
    static truth t;
    herd_sqlite_options opt;
    herd_sqlite_options_default(&opt);
    opt.seed = UINT64_MAX - 1;
    opt.scenario = "[run]\nticks = 12\n";
    herd_io_atomic *w;
    herd_sqlite *db = open_db(&w, &opt);
    run_reps(db, &t);
    ck_assert_str_eq(herd_sqlite_errmsg(db), "");
    finish(db, w);
    ck_assert_int_eq(files_in_dir(), 1);
    sqlite3 *conn;
    ck_assert_int_eq(sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    check_records(conn, &t);
    check_teams(conn, &t);
    check_summary(conn, &t);
    check_run(conn);
    check_types(conn);
    sqlite3_close(conn);
    remove_dir();
}
END_TEST

/* Every double but NaN and -0.0 keeps its bits; those two are as the header says. */
START_TEST(special_doubles)
{
    make_dir();
    const double x[] = {0.1, 1.0 / 3, -2.5, 1e300, DBL_MAX, DBL_MIN, 4.9e-324, INFINITY,
                        -INFINITY, 9007199254740993.0, 1152921504606846976.0, 1e19, 3.0,
                        NAN, -0.0};
    size_t n = sizeof x / sizeof x[0];
    herd_io_atomic *w;
    herd_sqlite *db = open_db(&w, NULL);
    herd_record r = {0};
    for (size_t i = 0; i < n; i++) {
        r.tick = (long)i;
        r.morale = x[i];
        ck_assert_int_eq(herd_sqlite_record(db, NULL, 0, 0, &r), HERD_OK);
    }
    finish(db, w);
    sqlite3 *conn;
    ck_assert_int_eq(sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = query(conn, "SELECT morale FROM records ORDER BY tick");
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        check_real(st, 0, x[i] == 0 ? 0.0 : x[i]);
    }
    sqlite3_finalize(st);
    sqlite3_close(conn);
    remove_dir();
}
END_TEST

/* A file that may grow to 64 KiB only: SQLite's write fails part-way, the status and the
 * message say so and name the file, every later call keeps the first status, and the
 * writer's abort leaves nothing. */
START_TEST(a_failed_write_leaves_no_file)
{
    make_dir();
    struct rlimit was, small = {64 * 1024, 64 * 1024};
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &was), 0);
    small.rlim_max = was.rlim_max;
    signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
    herd_io_atomic *w;
    herd_sqlite *db = open_db(&w, NULL);
    herd_record r = {.morale = 0.5, .skill = 1.0 / 3};
    int rc = HERD_OK;
    for (long i = 0; i < 100000 && rc == HERD_OK; i++) {
        r.tick = i;
        rc = herd_sqlite_record(db, "front", 0, 0, &r);
    }
    int finished = herd_sqlite_finish(db);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &was), 0);
    ck_assert_int_eq(rc, HERD_EIO);
    ck_assert_int_eq(finished, HERD_EIO);
    ck_assert_int_eq(herd_sqlite_record(db, "front", 0, 0, &r), HERD_EIO);
    ck_assert_ptr_nonnull(strstr(herd_sqlite_errmsg(db), path));
    ck_assert_ptr_nonnull(strstr(herd_sqlite_errmsg(db), "disk"));
    herd_sqlite_free(db);
    herd_io_atomic_abort(w);
    ck_assert_int_eq(files_in_dir(), 0);
    remove_dir();
}
END_TEST

START_TEST(a_finished_database_takes_no_rows)
{
    make_dir();
    herd_io_atomic *w;
    herd_sqlite *db = open_db(&w, NULL);
    ck_assert_int_eq(herd_sqlite_finish(db), HERD_OK);
    herd_record r = {0};
    herd_summary s = {0};
    ck_assert_int_eq(herd_sqlite_record(db, NULL, 0, 0, &r), HERD_ESTATE);
    ck_assert_int_eq(herd_sqlite_summary(db, NULL, 0, 0, &s), HERD_ESTATE);
    ck_assert_int_eq(herd_sqlite_finish(db), HERD_ESTATE);
    ck_assert_ptr_nonnull(strstr(herd_sqlite_errmsg(db), "run.db: the database is finished"));
    herd_sqlite_free(db);
    char err[256];
    ck_assert_int_eq(herd_io_atomic_commit(w, err, sizeof err), HERD_OK);
    ck_assert_int_eq(files_in_dir(), 1);
    remove_dir();
}
END_TEST

/* Any table through the sink, into a database opened without run's tables: the columns as
 * named (quoted where SQL needs it), typed by their cells, a NaN as NULL, a second begin of the
 * same table appending to it. */
START_TEST(any_table_goes_in_through_the_sink)
{
    make_dir();
    herd_io_atomic *w;
    herd_sqlite_options opt;
    herd_sqlite_options_default(&opt);
    opt.tables = HERD_SQLITE_NO_TABLES;
    herd_sqlite *db = open_db(&w, &opt);
    herd_table_sink sink;
    ck_assert_int_eq(herd_sqlite_table_sink(db, &sink), HERD_OK);
    const char *columns[] = {"name", "style.calm.gain", "select", "n"};
    const herd_cell_type types[] = {HERD_CELL_TEXT, HERD_CELL_REAL, HERD_CELL_REAL,
                                    HERD_CELL_INT};
    const herd_cell rows[2][4] = {
        {{HERD_CELL_TEXT, "a \"b\"", 0, 0}, {HERD_CELL_REAL, NULL, 0, 0.1},
         {HERD_CELL_REAL, NULL, 0, NAN}, {HERD_CELL_INT, NULL, INT64_MIN, 0}},
        {{HERD_CELL_TEXT, NULL, 0, 0}, {HERD_CELL_REAL, NULL, 0, -DBL_MAX},
         {HERD_CELL_REAL, NULL, 0, 5e-324}, {HERD_CELL_INT, NULL, INT64_MAX, 0}},
    };
    for (int k = 0; k < 2; k++) {
        ck_assert_int_eq(sink.begin(sink.userdata, "odd table", columns, types, 4), HERD_OK);
        ck_assert_int_eq(sink.row(sink.userdata, rows[k], 4), HERD_OK);
    }
    finish(db, w);
    sqlite3 *conn;
    ck_assert_int_eq(sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = query(conn, "SELECT * FROM \"odd table\" ORDER BY rowid");
    check_columns(st, "name,style.calm.gain,select,n");
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "a \"b\"");
    ck_assert_double_eq(sqlite3_column_double(st, 1), 0.1);
    ck_assert_int_eq(sqlite3_column_type(st, 2), SQLITE_NULL);
    ck_assert(sqlite3_column_int64(st, 3) == INT64_MIN);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_type(st, 0), SQLITE_NULL);
    ck_assert_double_eq(sqlite3_column_double(st, 1), -DBL_MAX);
    ck_assert_double_eq(sqlite3_column_double(st, 2), 5e-324);
    ck_assert(sqlite3_column_int64(st, 3) == INT64_MAX);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    static const char *const sql_types[] = {"TEXT", "REAL", "REAL", "INTEGER"};
    st = query(conn, "SELECT type FROM pragma_table_info('odd table') ORDER BY cid");
    for (int c = 0; c < 4; c++) {
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), sql_types[c]);
    }
    sqlite3_finalize(st);
    st = query(conn, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(conn);
    remove_dir();
}
END_TEST

/* Each misuse of the sink is refused naming the file and the table, and leaves no file. */
START_TEST(a_misused_sink_is_refused_naming_the_table)
{
    const char *columns[] = {"a", "b"};
    const herd_cell_type types[] = {HERD_CELL_INT, HERD_CELL_INT};
    const herd_cell_type bad_types[] = {HERD_CELL_INT, (herd_cell_type)7};
    const herd_cell row[2] = {{HERD_CELL_INT, NULL, 1, 0}, {HERD_CELL_INT, NULL, 2, 0}};
    herd_sqlite_options opt;
    herd_sqlite_options_default(&opt);
    opt.tables = HERD_SQLITE_NO_TABLES;
    ck_assert_int_eq(herd_sqlite_table_sink(NULL, &(herd_table_sink){0}), HERD_EINVAL);
    const char *other_columns[] = {"a", "c"};
    for (int k = 0; k < 11; k++) {
        make_dir();
        herd_io_atomic *w;
        herd_sqlite *db = open_db(&w, &opt);
        herd_table_sink sink;
        ck_assert_int_eq(herd_sqlite_table_sink(db, &sink), HERD_OK);
        herd_status rc = HERD_OK;
        const char *want = NULL;
        if (k == 0) {
            rc = sink.row(sink.userdata, row, 2);
            want = "run.db: table (none): a row before its table's begin";
            ck_assert_int_eq(rc, HERD_ESTATE);
        } else if (k == 1) {
            ck_assert_int_eq(sink.begin(sink.userdata, "t", columns, types, 2), HERD_OK);
            rc = sink.row(sink.userdata, row, 1);
            want = "run.db: table t: a row of another number of cells";
        } else if (k == 2) {
            ck_assert_int_eq(sink.begin(sink.userdata, "t", columns, types, 2), HERD_OK);
            rc = sink.begin(sink.userdata, "t", columns, types, 1);
            want = "run.db: table t: 1 columns, but the table has 2";
        } else if (k == 3) {
            rc = sink.begin(sink.userdata, "t", columns, bad_types, 2);
            want = "run.db: table t: column 1 has no name or no known type";
        } else if (k == 4) {
            ck_assert_int_eq(sink.begin(sink.userdata, "t", columns, types, 2), HERD_OK);
            rc = sink.begin(sink.userdata, "t", other_columns, types, 2);
            want = "run.db: table t: columns of other names or types than the table's";
        } else if (k == 5) {
            const herd_cell_type other_types[] = {HERD_CELL_INT, HERD_CELL_REAL};
            ck_assert_int_eq(sink.begin(sink.userdata, "t", columns, types, 2), HERD_OK);
            rc = sink.begin(sink.userdata, "t", columns, other_types, 2);
            want = "run.db: table t: columns of other names or types than the table's";
        } else if (k == 6) {
            for (int t = 0; t < 16 && rc == HERD_OK; t++)
                rc = sink.begin(sink.userdata, (char[]){(char)('a' + t), '\0'}, columns, types, 2);
            ck_assert_int_eq(rc, HERD_OK);
            rc = sink.begin(sink.userdata, "q", columns, types, 2);
            want = "run.db: table q: more tables than the 16 a database takes";
        } else if (k == 7) {
            static char name[65];
            memset(name, 'n', 64);
            rc = sink.begin(sink.userdata, name, columns, types, 2);
            want = "nnnn: a name of 64 bytes or more";
        } else if (k == 8) {
            rc = sink.begin(sink.userdata, "t", columns, types, 0);
            want = "run.db: table t: no columns";
        } else if (k == 9) {
            static char wide[SQL_BYTES + 1];
            memset(wide, 'w', SQL_BYTES);
            rc = sink.begin(sink.userdata, "t", (const char *[]){wide}, types, 1);
            want = "run.db: table t: its columns' names make a statement over 16 KiB";
        } else {
            rc = herd_sqlite_record(db, "front", 0, 1, &(herd_record){0});
            want = "run.db: table records: no such table";
            ck_assert_int_eq(rc, HERD_ESTATE);
        }
        ck_assert_int_ne(rc, HERD_OK);
        ck_assert_msg(strstr(herd_sqlite_errmsg(db), want) != NULL, "%s", herd_sqlite_errmsg(db));
        ck_assert_int_eq(herd_sqlite_finish(db), rc);
        herd_sqlite_free(db);
        herd_io_atomic_abort(w);
        ck_assert_int_eq(files_in_dir(), 0);
        remove_dir();
    }
    herd_io_atomic *w;
    herd_sqlite *db;
    char err[512];
    make_dir();
    opt.tables = (herd_sqlite_tables)2;
    ck_assert_int_eq(herd_io_atomic_open(&w, path, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_sqlite_open(&db, w, &opt, err, sizeof err), HERD_EINVAL);
    ck_assert_msg(strstr(err, "run.db: tables 2") != NULL, "%s", err);
    herd_io_atomic_abort(w);
    remove_dir();
}
END_TEST

START_TEST(a_device_is_refused_by_name)
{
    herd_io_atomic *w;
    herd_sqlite *db = (herd_sqlite *)&db;
    char err[256];
    ck_assert_int_eq(herd_io_atomic_open(&w, "/dev/null", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_sqlite_open(&db, w, NULL, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(db);
    ck_assert_str_eq(err, "/dev/null: not a regular file; a database needs a file of its own");
    herd_io_atomic_abort(w);
}
END_TEST

/* What herd_sqlite_open would refuse is refused before anything is written, with its message;
 * a file that can be made leaves nothing behind. */
START_TEST(a_path_is_checked_before_anything_runs)
{
    char err[256];
    make_dir();
    ck_assert_int_eq(herd_sqlite_writable("/dev/null", err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "/dev/null: not a regular file; a database needs a file of its own");
    ck_assert_int_eq(herd_sqlite_writable(dir, err, sizeof err), HERD_EINVAL);
    ck_assert_msg(strstr(err, ": is a directory") != NULL, "%s", err);
    ck_assert_int_eq(herd_sqlite_writable("", err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_sqlite_writable(path, err, sizeof err), HERD_OK);
    ck_assert_int_eq(files_in_dir(), 0);
    remove_dir();
}
END_TEST

/* A file the writer did not make afresh: SQLite's own message, naming the file. */
START_TEST(a_database_already_there_is_refused_with_sqlites_message)
{
    make_dir();
    herd_io_atomic_options opt;
    herd_io_atomic_options_default(&opt);
    opt.suffix = ".part";
    herd_io_atomic *w;
    herd_sqlite *db;
    char err[512];
    for (int round = 0; round < 2; round++) {
        opt.resume = round;
        ck_assert_int_eq(herd_io_atomic_open_with(&w, path, &opt, err, sizeof err), HERD_OK);
        int rc = herd_sqlite_open(&db, w, NULL, err, sizeof err);
        if (round == 0) {
            ck_assert_int_eq(rc, HERD_OK);
            ck_assert_int_eq(herd_sqlite_finish(db), HERD_OK);
            herd_sqlite_free(db);
            ck_assert_int_eq(herd_io_atomic_keep(w, err, sizeof err), HERD_OK);
        }
    }
    ck_assert_ptr_null(db);
    ck_assert_ptr_nonnull(strstr(err, path));
    ck_assert_ptr_nonnull(strstr(err, "table records already exists"));
    herd_io_atomic_abort(w);
    ck_assert_int_eq(files_in_dir(), 0);
    remove_dir();
}
END_TEST

/* A database opened on a fresh writer with the options at ctx, then dropped with the writer. */
static herd_status open_and_drop(failing_alloc *a, void *ctx)
{
    (void)a;
    herd_io_atomic *w;
    herd_sqlite *db;
    char err[256] = "";
    ck_assert_int_eq(herd_io_atomic_open(&w, path, err, sizeof err), HERD_OK);
    herd_status rc = herd_sqlite_open(&db, w, ctx, err, sizeof err);
    if (rc == HERD_ENOMEM) {
        ck_assert_ptr_null(db);
        ck_assert_msg(strstr(err, "run.db: ") != NULL && strstr(err, "out of memory") != NULL,
                      "%s", err);
    }
    herd_sqlite_free(db);
    herd_io_atomic_abort(w);
    return rc;
}

START_TEST(every_allocation_failure_is_reported_and_leaks_nothing)
{
    make_dir();
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_allocator a = failing_alloc_allocator(&fa);
    herd_sqlite_options opt;
    herd_sqlite_options_default(&opt);
    opt.allocator = &a;
    ck_assert_int_gt(failing_alloc_each(&fa, open_and_drop, &opt), 1);
    ck_assert_int_eq(fa.live, 0);
    ck_assert_int_eq(files_in_dir(), 0);
    remove_dir();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sqlite");
    TCase *tc = tcase_create("sqlite");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_run_reads_back_bit_for_bit);
    tcase_add_test(tc, special_doubles);
    tcase_add_test(tc, a_failed_write_leaves_no_file);
    tcase_add_test(tc, a_finished_database_takes_no_rows);
    tcase_add_test(tc, any_table_goes_in_through_the_sink);
    tcase_add_test(tc, a_misused_sink_is_refused_naming_the_table);
    tcase_add_test(tc, a_device_is_refused_by_name);
    tcase_add_test(tc, a_path_is_checked_before_anything_runs);
    tcase_add_test(tc, a_database_already_there_is_refused_with_sqlites_message);
    tcase_add_test(tc, every_allocation_failure_is_reported_and_leaks_nothing);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
