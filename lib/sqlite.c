/* A run's outputs in one SQLite database: the tables made from the column lists of the CSV
 * files, one transaction, one prepared statement per table, written into the durable
 * writer's temporary file. */
#include "herd/sqlite.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "errmsg.h"
#include "herd/version.h"

#define SQL_SIZE 4096
#define ERRMSG_SIZE 1024

enum { RECORDS, TEAMS, SUMMARY, RUN, N_TABLES };

static const struct {
    const char *name, *columns;
} tables[N_TABLES] = {
    {"records", HERD_IO_CSV_HEADER},
    {"team_records", HERD_IO_TEAM_CSV_HEADER},
    {"summary", HERD_SQLITE_SUMMARY_COLUMNS},
    {"run", HERD_SQLITE_RUN_COLUMNS},
};

/* The columns that are not outputs; every output is REAL. */
static const struct {
    const char *name, *type;
} key_columns[] = {
    {"policy", "TEXT"},     {"version", "TEXT"},    {"scenario", "TEXT"},
    {"rep", "INTEGER"},     {"seed_hi", "INTEGER"}, {"seed_lo", "INTEGER"},
    {"tick", "INTEGER"},    {"team", "INTEGER"},    {"size", "INTEGER"},
    {"ticks", "INTEGER"},
};

struct herd_sqlite {
    sqlite3 *conn;
    sqlite3_stmt *insert[N_TABLES];
    int status; /* of the first failure */
    int finished;
    char *path; /* the destination's, for messages */
    herd_allocator a;
    char errmsg[ERRMSG_SIZE];
};

void herd_sqlite_options_default(herd_sqlite_options *opt)
{
    if (opt != NULL)
        memset(opt, 0, sizeof *opt);
}

/* The SQL type of the column whose name is the len bytes at name; NULL if it has none. */
static const char *column_type(const char *name, size_t len)
{
    char key[64];
    if (len >= sizeof key)
        return NULL;
    memcpy(key, name, len);
    key[len] = '\0';
    if (herd_record_find(key) != NULL || herd_summary_find(key) != NULL)
        return "REAL";
    for (size_t i = 0; i < sizeof key_columns / sizeof key_columns[0]; i++)
        if (strcmp(key_columns[i].name, key) == 0)
            return key_columns[i].type;
    return NULL;
}

/* "CREATE TABLE t (c TYPE, ...)" into create and "INSERT INTO t VALUES (?, ...)" into insert,
 * each of SQL_SIZE bytes; -1 for a column of no known type or statements too long. */
static int table_sql(int t, char *create, char *insert)
{
    int nc = snprintf(create, SQL_SIZE, "CREATE TABLE %s (", tables[t].name);
    int ni = snprintf(insert, SQL_SIZE, "INSERT INTO %s VALUES (", tables[t].name);
    for (const char *c = tables[t].columns; *c != '\0' && nc < SQL_SIZE && ni < SQL_SIZE;) {
        size_t len = strcspn(c, ",");
        const char *type = column_type(c, len);
        if (type == NULL)
            return -1;
        const char *sep = c[len] == ',' ? ", " : ")";
        nc += snprintf(create + nc, SQL_SIZE - (size_t)nc, "%.*s %s%s", (int)len, c, type, sep);
        ni += snprintf(insert + ni, SQL_SIZE - (size_t)ni, "?%s", sep);
        c += len + (c[len] == ',');
    }
    return nc < SQL_SIZE && ni < SQL_SIZE ? 0 : -1;
}

/* Records SQLite's failure as db's first: "PATH: MESSAGE". */
static int fail(herd_sqlite *db, int code)
{
    if (db->status != HERD_OK)
        return db->status;
    db->status = (code & 0xff) == SQLITE_NOMEM ? HERD_ENOMEM : HERD_EIO;
    snprintf(db->errmsg, sizeof db->errmsg, "%s: %s", db->path,
             db->conn != NULL ? sqlite3_errmsg(db->conn) : sqlite3_errstr(code));
    return db->status;
}

static int exec(herd_sqlite *db, const char *sql)
{
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? HERD_OK : fail(db, rc);
}

/* Nothing is synced or journalled: the durable writer syncs the finished file, and a
 * failure discards it whole. Large pages take fewer writes. */
static const char pragmas[] = "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF;"
                              "PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
                              "PRAGMA temp_store = MEMORY; BEGIN;";

static int make_tables(herd_sqlite *db)
{
    int rc = exec(db, pragmas);
    for (int t = 0; t < N_TABLES && rc == HERD_OK; t++) {
        char create[SQL_SIZE], insert[SQL_SIZE];
        if (table_sql(t, create, insert) != 0) {
            snprintf(db->errmsg, sizeof db->errmsg, "%s: no SQL for the columns of table %s",
                     db->path, tables[t].name);
            return db->status = HERD_EINVAL;
        }
        rc = exec(db, create);
        int code = rc == HERD_OK ? sqlite3_prepare_v3(db->conn, insert, -1,
                                                      SQLITE_PREPARE_PERSISTENT,
                                                      &db->insert[t], NULL)
                                 : SQLITE_OK;
        if (code != SQLITE_OK)
            rc = fail(db, code);
    }
    return rc;
}

/* Binds seed's two columns at at and at + 1. */
static int bind_seed(sqlite3_stmt *st, int at, uint64_t seed)
{
    int rc = sqlite3_bind_int64(st, at, (sqlite3_int64)(seed >> 32));
    return rc != SQLITE_OK ? rc : sqlite3_bind_int64(st, at + 1, (sqlite3_int64)(uint32_t)seed);
}

/* Binds text, or NULL for NULL; not copied, as the row is inserted before the call returns. */
static int bind_text(sqlite3_stmt *st, int at, const char *text)
{
    return text != NULL ? sqlite3_bind_text(st, at, text, -1, SQLITE_STATIC)
                        : sqlite3_bind_null(st, at);
}

/* Steps the bound statement of table t and resets it; code is the binding's result. */
static int insert_row(herd_sqlite *db, int t, int code)
{
    sqlite3_stmt *st = db->insert[t];
    if (code == SQLITE_OK && (code = sqlite3_step(st)) == SQLITE_DONE)
        code = SQLITE_OK;
    int rc = code == SQLITE_OK ? HERD_OK : fail(db, code);
    sqlite3_reset(st);
    return rc;
}

static int fill_run(herd_sqlite *db, const herd_sqlite_options *opt)
{
    sqlite3_stmt *st = db->insert[RUN];
    int code = bind_seed(st, 1, opt->seed);
    if (code == SQLITE_OK)
        code = bind_text(st, 3, herd_version());
    if (code == SQLITE_OK)
        code = bind_text(st, 4, opt->scenario);
    return insert_row(db, RUN, code);
}

static int start(herd_sqlite *db, const char *temp, const herd_sqlite_options *opt)
{
    int code = sqlite3_open_v2(temp, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                               NULL);
    if (code != SQLITE_OK)
        return fail(db, code);
    sqlite3_extended_result_codes(db->conn, 1);
    int rc = make_tables(db);
    return rc == HERD_OK ? fill_run(db, opt) : rc;
}

herd_status herd_sqlite_open(herd_sqlite **out, herd_io_atomic *w, const herd_sqlite_options *opt,
                             char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no place for the database");
    *out = NULL;
    if (w == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no writer for the database");
    const char *path = herd_io_atomic_path(w), *temp = herd_io_atomic_temp(w);
    if (temp == NULL)
        return herd_errf(err, err_size, HERD_EINVAL,
                         "%s: not a regular file; a database needs a file of its own", path);
    herd_sqlite_options defaults;
    herd_sqlite_options_default(&defaults);
    if (opt == NULL)
        opt = &defaults;
    herd_allocator a;
    if (herd_allocator_take(&a, opt->allocator, "allocator", err, err_size) != HERD_OK)
        return HERD_EINVAL;
    herd_sqlite *db = herd_calloc(&a, 1, sizeof *db);
    if (db != NULL && (db->path = herd_strdup(&a, path)) == NULL) {
        herd_free(&a, db);
        db = NULL;
    }
    if (db == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", path);
    db->a = a;
    int rc = start(db, temp, opt);
    if (rc != HERD_OK) {
        herd_errf(err, err_size, rc, "%s", db->errmsg);
        herd_sqlite_free(db);
        return (herd_status)rc;
    }
    *out = db;
    return HERD_OK;
}

/* HERD_OK if db takes rows; else its first failure's status, or HERD_ESTATE once finished. */
static int writable(herd_sqlite *db)
{
    if (db->status != HERD_OK || !db->finished)
        return db->status;
    snprintf(db->errmsg, sizeof db->errmsg, "%s: the database is finished", db->path);
    return HERD_ESTATE;
}

/* A table of outputs: its rows and how many. */
typedef struct outputs {
    const herd_output_info *(*info)(size_t i);
    size_t (*count)(void);
} outputs;

static const outputs record_fields = {herd_record_info, herd_record_info_count};
static const outputs summary_fields = {herd_summary_info, herd_summary_info_count};

/* Binds every output of table of the struct at base, each at its offset, from column at on. */
static int bind_outputs(sqlite3_stmt *st, int at, const void *base, const outputs *table)
{
    int code = SQLITE_OK;
    for (size_t i = 0; i < table->count() && code == SQLITE_OK; i++) {
        double x;
        memcpy(&x, (const char *)base + table->info(i)->offset, sizeof x);
        code = sqlite3_bind_double(st, at + (int)i, x);
    }
    return code;
}

/* A row of records or summary: policy, rep, seed and n (the tick, or the ticks) at columns 1
 * to 5, then the outputs of the struct at base. */
static int keyed_row(herd_sqlite *db, int t, const char *policy, long rep, uint64_t seed, long n,
                     const void *base, const outputs *table)
{
    int rc = writable(db);
    if (rc != HERD_OK)
        return rc;
    sqlite3_stmt *st = db->insert[t];
    int code = bind_text(st, 1, policy);
    if (code == SQLITE_OK)
        code = sqlite3_bind_int64(st, 2, rep);
    if (code == SQLITE_OK)
        code = bind_seed(st, 3, seed);
    if (code == SQLITE_OK)
        code = sqlite3_bind_int64(st, 5, n);
    if (code == SQLITE_OK)
        code = bind_outputs(st, 6, base, table);
    return insert_row(db, t, code);
}

herd_status herd_sqlite_record(herd_sqlite *db, const char *policy, long rep, uint64_t seed,
                               const herd_record *record)
{
    if (db == NULL || record == NULL)
        return HERD_EINVAL;
    return (herd_status)keyed_row(db, RECORDS, policy, rep, seed, record->tick, record,
                                  &record_fields);
}

static int team_row(herd_sqlite *db, long rep, uint64_t seed, size_t team, const char *policy,
                    long size, const herd_record *r)
{
    sqlite3_stmt *st = db->insert[TEAMS];
    int code = sqlite3_bind_int64(st, 1, rep);
    if (code == SQLITE_OK)
        code = bind_seed(st, 2, seed);
    if (code == SQLITE_OK)
        code = sqlite3_bind_int64(st, 4, r->tick);
    if (code == SQLITE_OK)
        code = sqlite3_bind_int64(st, 5, (sqlite3_int64)team);
    if (code == SQLITE_OK)
        code = bind_text(st, 6, policy);
    if (code == SQLITE_OK)
        code = sqlite3_bind_int64(st, 7, size);
    if (code == SQLITE_OK)
        code = bind_outputs(st, 8, r, &record_fields);
    return insert_row(db, TEAMS, code);
}

herd_status herd_sqlite_team_records(herd_sqlite *db, const herd_sim *sim, long rep,
                                     uint64_t seed, herd_record *teams, size_t n_teams)
{
    if (db == NULL)
        return HERD_EINVAL;
    int rc = writable(db);
    if (rc == HERD_OK)
        rc = herd_sim_team_records(sim, teams, n_teams);
    if (rc != HERD_OK)
        return (herd_status)rc;
    herd_org_view org;
    herd_sim_org(sim, &org);
    for (size_t t = 0; t < n_teams && rc == HERD_OK; t++) {
        const herd_policy_type *policy = herd_sim_team_policy(sim, (long)t);
        rc = team_row(db, rep, seed, t, policy != NULL ? policy->name : NULL, org.team_size,
                      &teams[t]);
    }
    return (herd_status)rc;
}

herd_status herd_sqlite_summary(herd_sqlite *db, const char *policy, long rep, uint64_t seed,
                                const herd_summary *summary)
{
    if (db == NULL || summary == NULL)
        return HERD_EINVAL;
    return (herd_status)keyed_row(db, SUMMARY, policy, rep, seed, summary->ticks, summary,
                                  &summary_fields);
}

/* Finalizes the statements and closes the connection; SQLite's code for the close.
 * sqlite3_close_v2 frees the connection even if something were still open on it. */
static int close_conn(herd_sqlite *db)
{
    for (int t = 0; t < N_TABLES; t++) {
        sqlite3_finalize(db->insert[t]);
        db->insert[t] = NULL;
    }
    int code = sqlite3_close_v2(db->conn);
    db->conn = NULL;
    return code;
}

herd_status herd_sqlite_finish(herd_sqlite *db)
{
    if (db == NULL)
        return HERD_EINVAL;
    int rc = writable(db);
    if (rc != HERD_OK)
        return (herd_status)rc;
    db->finished = 1;
    rc = exec(db, "COMMIT");
    int code = close_conn(db);
    if (rc == HERD_OK && code != SQLITE_OK)
        rc = fail(db, code);
    return (herd_status)rc;
}

void herd_sqlite_free(herd_sqlite *db)
{
    if (db == NULL)
        return;
    if (db->conn != NULL)
        close_conn(db);
    herd_allocator a = db->a;
    herd_free(&a, db->path);
    herd_free(&a, db);
}

const char *herd_sqlite_errmsg(const herd_sqlite *db)
{
    return db != NULL ? db->errmsg : "no database";
}

int herd_sqlite_observer(const herd_record *record, void *userdata)
{
    if (userdata == NULL || record == NULL)
        return HERD_EINVAL;
    herd_sqlite_sink *sink = userdata;
    if (sink->records != NULL && record->tick >= 0 && (size_t)record->tick < sink->n_records)
        sink->records[record->tick] = *record;
    if (sink->status == HERD_OK)
        sink->status = herd_sqlite_record(sink->db, sink->policy, sink->rep, sink->seed, record);
    return sink->status != HERD_OK;
}

int herd_sqlite_team_observer(const herd_record *record, void *userdata)
{
    (void)record;
    if (userdata == NULL)
        return HERD_EINVAL;
    herd_sqlite_team_sink *sink = userdata;
    if (sink->status == HERD_OK)
        sink->status = herd_sqlite_team_records(sink->db, sink->sim, sink->rep, sink->seed,
                                                sink->teams, sink->n_teams);
    return sink->status != HERD_OK;
}
