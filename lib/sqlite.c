/* A run's outputs in one SQLite database: the tables made from the column lists of the CSV
 * files, one transaction, one prepared statement per table, written into the durable
 * writer's temporary file. */
#include "herd/sqlite.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "errmsg.h"
#include "herd/version.h"
#include "table_cells.h"

#define SQL_SIZE 16384
#define ERRMSG_SIZE 1024
#define MAX_TABLES 16
#define MAX_COLUMNS 128
#define NAME_SIZE 64
#define NO_TABLE ((size_t)-1)

/* run's tables, the first four of a database opened with HERD_SQLITE_RUN_TABLES. */
enum { RECORDS, TEAMS, SUMMARY, RUN, N_RUN_TABLES };

static const struct {
    const char *name, *columns;
} run_tables[N_RUN_TABLES] = {
    {"records", HERD_IO_CSV_HEADER},
    {"team_records", HERD_IO_TEAM_CSV_HEADER},
    {"summary", HERD_SQLITE_SUMMARY_COLUMNS},
    {"run", HERD_SQLITE_RUN_COLUMNS},
};

static const char *const sql_types[] = {"TEXT", "INTEGER", "REAL"};

typedef struct sql_table {
    char name[NAME_SIZE];
    size_t n_columns;
    char *columns; /* its columns' names and types, as herd_columns_keep keeps them */
    sqlite3_stmt *insert;
} sql_table;

struct herd_sqlite {
    sqlite3 *conn;
    sql_table tables[MAX_TABLES];
    size_t n_tables;
    size_t current; /* the table of herd_sqlite_table_sink's rows; NO_TABLE before a begin */
    int status;     /* of the first failure */
    int run_tables; /* whether the first N_RUN_TABLES are run's */
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

/* Appends c, or text, to the SQL statement in buf (SQL_SIZE bytes) whose length is at; the
 * new length, SQL_SIZE or more once it no longer fits. */
static int put_char(char *buf, int at, char c)
{
    if (at < SQL_SIZE - 1) {
        buf[at] = c;
        buf[at + 1] = '\0';
    }
    return at + 1;
}

static int put(char *buf, int at, const char *text)
{
    for (; *text != '\0'; text++)
        at = put_char(buf, at, *text);
    return at;
}

/* Whether name is an SQL identifier as it is: letters, digits and '_', not a digit first,
 * not a keyword. */
static int plain_name(const char *name)
{
    size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
    return len > 0 && name[len] == '\0' && !(name[0] >= '0' && name[0] <= '9') &&
           !sqlite3_keyword_check(name, (int)len);
}

/* name as an SQL identifier: as it is if it is plain, else in double quotes, each quote
 * doubled. */
static int put_name(char *buf, int at, const char *name)
{
    if (plain_name(name))
        return put(buf, at, name);
    at = put_char(buf, at, '"');
    for (; *name != '\0'; name++)
        at = *name == '"' ? put(buf, at, "\"\"") : put_char(buf, at, *name);
    return put_char(buf, at, '"');
}

/* "CREATE TABLE t (c TYPE, ...)" into create and "INSERT INTO t VALUES (?, ...)" into insert,
 * each of SQL_SIZE bytes; -1 if they do not fit. */
static int table_sql(const char *name, const char *const *columns, const herd_cell_type *types,
                     size_t n, char *create, char *insert)
{
    int nc = put(create, put_name(create, put(create, 0, "CREATE TABLE "), name), " (");
    int ni = put(insert, put_name(insert, put(insert, 0, "INSERT INTO "), name), " VALUES (");
    for (size_t c = 0; c < n; c++) {
        const char *sep = c + 1 < n ? ", " : ")";
        nc = put(create, put(create, put(create, put_name(create, nc, columns[c]), " "),
                             sql_types[types[c]]), sep);
        ni = put(insert, put_char(insert, ni, '?'), sep);
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

/* Records a refusal as db's first failure: "PATH: table NAME: WHY". */
static int refuse(herd_sqlite *db, int status, const char *name, const char *why)
{
    if (db->status != HERD_OK)
        return db->status;
    snprintf(db->errmsg, sizeof db->errmsg, "%s: table %s: %s", db->path, name, why);
    return db->status = status;
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

/* Makes table name with n columns and its insert statement, as db's next table. */
static int make_table(herd_sqlite *db, const char *name, const char *const *columns,
                      const herd_cell_type *types, size_t n)
{
    char create[SQL_SIZE], insert[SQL_SIZE];
    if (db->n_tables == MAX_TABLES)
        return refuse(db, HERD_EINVAL, name, "more tables than the 16 a database takes");
    if (strlen(name) >= NAME_SIZE)
        return refuse(db, HERD_EINVAL, name, "a name of 64 bytes or more");
    if (n == 0)
        return refuse(db, HERD_EINVAL, name, "no columns");
    if (table_sql(name, columns, types, n, create, insert) != 0)
        return refuse(db, HERD_EINVAL, name, "its columns' names make a statement over 16 KiB");
    sql_table *t = &db->tables[db->n_tables];
    if ((t->columns = herd_calloc(&db->a, herd_columns_size(columns, types, n), 1)) == NULL)
        return refuse(db, HERD_ENOMEM, name, "out of memory");
    herd_columns_keep(t->columns, columns, types, n);
    int rc = exec(db, create);
    int code = rc == HERD_OK ? sqlite3_prepare_v3(db->conn, insert, -1,
                                                  SQLITE_PREPARE_PERSISTENT, &t->insert, NULL)
                             : SQLITE_OK;
    if (code != SQLITE_OK)
        rc = fail(db, code);
    if (rc != HERD_OK) {
        herd_free(&db->a, t->columns);
        t->columns = NULL;
        return rc;
    }
    snprintf(t->name, sizeof t->name, "%s", name);
    t->n_columns = n;
    db->n_tables++;
    return HERD_OK;
}

/* One of run's tables, its columns and their types from its list of columns. */
static int make_run_table(herd_sqlite *db, int t)
{
    char names[MAX_COLUMNS][NAME_SIZE];
    const char *columns[MAX_COLUMNS];
    herd_cell_type types[MAX_COLUMNS];
    size_t n = 0;
    for (const char *c = run_tables[t].columns; *c != '\0'; n++) {
        if (n == MAX_COLUMNS)
            return refuse(db, HERD_EINVAL, run_tables[t].name, "more than 128 columns");
        size_t len = strcspn(c, ",");
        snprintf(names[n], NAME_SIZE, "%.*s", (int)len, c);
        if (len >= NAME_SIZE || herd_io_column_type(names[n], &types[n]) != HERD_OK)
            return refuse(db, HERD_EINVAL, run_tables[t].name, "a column of no known type");
        columns[n] = names[n];
        c += len + (c[len] == ',');
    }
    return make_table(db, run_tables[t].name, columns, types, n);
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
static int insert_row(herd_sqlite *db, size_t t, int code)
{
    sqlite3_stmt *st = db->tables[t].insert;
    if (code == SQLITE_OK && (code = sqlite3_step(st)) == SQLITE_DONE)
        code = SQLITE_OK;
    int rc = code == SQLITE_OK ? HERD_OK : fail(db, code);
    sqlite3_reset(st);
    return rc;
}

static int fill_run(herd_sqlite *db, const herd_sqlite_options *opt)
{
    sqlite3_stmt *st = db->tables[RUN].insert;
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
    int rc = exec(db, pragmas);
    if (opt->tables != HERD_SQLITE_RUN_TABLES)
        return rc;
    for (int t = 0; t < N_RUN_TABLES && rc == HERD_OK; t++)
        rc = make_run_table(db, t);
    db->run_tables = rc == HERD_OK;
    return rc == HERD_OK ? fill_run(db, opt) : rc;
}

static herd_status not_a_file(const char *path, char *err, size_t err_size)
{
    return herd_errf(err, err_size, HERD_EINVAL,
                     "%s: not a regular file; a database needs a file of its own", path);
}

herd_status herd_sqlite_writable(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (path != NULL && stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return not_a_file(path, err, err_size);
    return herd_io_writable(path, err, err_size);
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
        return not_a_file(path, err, err_size);
    herd_sqlite_options defaults;
    herd_sqlite_options_default(&defaults);
    if (opt == NULL)
        opt = &defaults;
    if (opt->tables != HERD_SQLITE_RUN_TABLES && opt->tables != HERD_SQLITE_NO_TABLES)
        return herd_errf(err, err_size, HERD_EINVAL, "%s: tables %d; expected "
                         "HERD_SQLITE_RUN_TABLES or HERD_SQLITE_NO_TABLES", path, (int)opt->tables);
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
    db->current = NO_TABLE;
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

/* writable, and one of run's tables to write: table t. */
static int run_writable(herd_sqlite *db, int t)
{
    int rc = writable(db);
    if (rc == HERD_OK && !db->run_tables)
        rc = refuse(db, HERD_ESTATE, run_tables[t].name,
                    "no such table: the database was opened with HERD_SQLITE_NO_TABLES");
    return rc;
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
    int rc = run_writable(db, t);
    if (rc != HERD_OK)
        return rc;
    sqlite3_stmt *st = db->tables[t].insert;
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
    sqlite3_stmt *st = db->tables[TEAMS].insert;
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
    int rc = run_writable(db, TEAMS);
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

/* ---- any table, through a herd_table_sink ---- */

/* A begin of table t, made before: the same columns, of the same types, or a refusal. */
static int begin_again(herd_sqlite *db, size_t t, const char *const *columns,
                       const herd_cell_type *types, size_t n)
{
    const sql_table *table = &db->tables[t];
    char why[128];
    if (n != table->n_columns) {
        snprintf(why, sizeof why, "%zu columns, but the table has %zu", n, table->n_columns);
        return refuse(db, HERD_EINVAL, table->name, why);
    }
    if (!herd_columns_same(table->columns, columns, types, n))
        return refuse(db, HERD_EINVAL, table->name,
                      "columns of other names or types than the table's");
    db->current = t;
    return HERD_OK;
}

static herd_status sink_begin(void *userdata, const char *name, const char *const *columns,
                              const herd_cell_type *types, size_t n)
{
    herd_sqlite *db = userdata;
    int rc = writable(db);
    if (rc != HERD_OK)
        return (herd_status)rc;
    if (name == NULL || columns == NULL || types == NULL)
        return (herd_status)refuse(db, HERD_EINVAL, name != NULL ? name : "(no name)",
                                   "no columns");
    char why[128];
    for (size_t c = 0; c < n; c++)
        if (columns[c] == NULL || (unsigned)types[c] > HERD_CELL_REAL) {
            snprintf(why, sizeof why, "column %zu has no name or no known type", c);
            return (herd_status)refuse(db, HERD_EINVAL, name, why);
        }
    for (size_t t = 0; t < db->n_tables; t++)
        if (strcmp(db->tables[t].name, name) == 0)
            return (herd_status)begin_again(db, t, columns, types, n);
    rc = make_table(db, name, columns, types, n);
    db->current = rc == HERD_OK ? db->n_tables - 1 : NO_TABLE;
    return (herd_status)rc;
}

static int bind_cell(sqlite3_stmt *st, int at, const herd_cell *cell)
{
    switch (cell->type) {
    case HERD_CELL_TEXT:
        return bind_text(st, at, cell->text);
    case HERD_CELL_INT:
        return sqlite3_bind_int64(st, at, cell->i);
    case HERD_CELL_REAL:
        return sqlite3_bind_double(st, at, cell->x);
    }
    return SQLITE_MISMATCH;
}

static herd_status sink_row(void *userdata, const herd_cell *cells, size_t n)
{
    herd_sqlite *db = userdata;
    int rc = writable(db);
    if (rc != HERD_OK)
        return (herd_status)rc;
    if (db->current >= db->n_tables)
        return (herd_status)refuse(db, HERD_ESTATE, "(none)", "a row before its table's begin");
    if (n != db->tables[db->current].n_columns || cells == NULL)
        return (herd_status)refuse(db, HERD_EINVAL, db->tables[db->current].name,
                                   "a row of another number of cells than the table's columns");
    sqlite3_stmt *st = db->tables[db->current].insert;
    int code = SQLITE_OK;
    for (size_t c = 0; c < n && code == SQLITE_OK; c++)
        code = bind_cell(st, (int)c + 1, &cells[c]);
    return (herd_status)insert_row(db, db->current, code);
}

herd_status herd_sqlite_table_sink(herd_sqlite *db, herd_table_sink *out)
{
    if (db == NULL || out == NULL)
        return HERD_EINVAL;
    *out = (herd_table_sink){sink_begin, sink_row, db};
    return HERD_OK;
}

/* Finalizes the statements and closes the connection; SQLite's code for the close.
 * sqlite3_close_v2 frees the connection even if something were still open on it. */
static int close_conn(herd_sqlite *db)
{
    for (size_t t = 0; t < db->n_tables; t++) {
        sqlite3_finalize(db->tables[t].insert);
        db->tables[t].insert = NULL;
        herd_free(&db->a, db->tables[t].columns);
        db->tables[t].columns = NULL;
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
