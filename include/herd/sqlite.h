#ifndef HERD_SQLITE_H
#define HERD_SQLITE_H

/* A run's outputs in one SQLite database, for runs whose CSV files would be slow to write
 * and to read back. The tables hold what herd's CSV files hold, under the same column names,
 * each number as SQLite's own INTEGER or REAL (the double's 64 bits, no text between):
 *
 *   records       HERD_IO_CSV_HEADER (herd/io.h): one row per tick per replication
 *   team_records  HERD_IO_TEAM_CSV_HEADER: one row per team per tick
 *   summary       HERD_SQLITE_SUMMARY_COLUMNS: one row per replication, its run metrics
 *   run           HERD_SQLITE_RUN_COLUMNS: one row, the run's seed, herd's version and the
 *                 scenario as text
 *
 * policy, version and scenario are TEXT; rep, seed_hi, seed_lo, tick, team, size and ticks
 * INTEGER; every field of the tables of outputs (herd/metrics.h) REAL. A seed is two columns
 * below 2^32 as in the CSV files, seed = seed_hi * 2^32 + seed_lo, since SQLite's integers
 * are signed. SQLite has no NaN and keeps no sign on zero: a NaN is stored as NULL and -0.0
 * reads back as 0.0; every other double reads back bit for bit. Rows are in the order they
 * were written (rowid).
 *
 * The database is written in one transaction, with prepared statements, into the temporary
 * file of a durable writer, which then puts it in place whole, or leaves nothing:
 *
 *     herd_io_atomic *w;
 *     herd_sqlite *db;
 *     int rc = herd_io_atomic_open(&w, "run.db", err, sizeof err);
 *     if (rc == HERD_OK && (rc = herd_sqlite_open(&db, w, &opt, err, sizeof err)) == HERD_OK) {
 *         ... herd_sqlite_record, herd_sqlite_team_records, herd_sqlite_summary ...
 *         rc = herd_sqlite_finish(db);     (on failure herd_sqlite_errmsg(db) says why)
 *         herd_sqlite_free(db);
 *     }
 *     if (rc == HERD_OK) rc = herd_io_atomic_commit(w, err, sizeof err);
 *     else herd_io_atomic_abort(w);
 *
 * The journal is off and nothing is synced until the writer's commit: a failure anywhere
 * discards the whole file.
 *
 * Any other table goes in through herd_sqlite_table_sink: herd compare's tables
 * (herd_compare_write, herd_regime_write in herd/compare.h) into a database opened with
 * HERD_SQLITE_NO_TABLES, each with the columns and rows of its CSV file. */

#include <stdint.h>

#include "herd/alloc.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/io.h"
#include "herd/metrics.h"
#include "herd/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The summary table: the policy label, the replication, its seed, its number of ticks, then
 * every run metric of HERD_SUMMARY_TABLE. */
#define HERD_SQLITE_SUMMARY_COLUMNS                                                            \
    "policy,rep," HERD_IO_SEED_COLUMNS ",ticks" HERD_SUMMARY_TABLE(HERD_IO_CSV_COLUMN_)
#define HERD_SQLITE_RUN_COLUMNS HERD_IO_SEED_COLUMNS ",version,scenario"

typedef struct herd_sqlite herd_sqlite;

/* The tables herd_sqlite_open makes. */
typedef enum herd_sqlite_tables {
    HERD_SQLITE_RUN_TABLES, /* records, team_records, summary and run (above) */
    HERD_SQLITE_NO_TABLES,  /* none: only those a herd_sqlite_table_sink is given */
} herd_sqlite_tables;

typedef struct herd_sqlite_options {
    uint64_t seed;        /* the run's seed, for the run table */
    const char *scenario; /* the scenario as text (herd_scenario_write_string); NULL: NULL */
    /* The handle's memory comes from this allocator (copied); NULL: malloc and free. SQLite
     * takes its own memory from its own allocator. */
    const herd_allocator *allocator;
    /* Last, so that a program that filled the fields above in order keeps its meaning. */
    herd_sqlite_tables tables;
} herd_sqlite_options;

/* HERD_SQLITE_RUN_TABLES, seed 0, no scenario, malloc and free. */
HERD_API void herd_sqlite_options_default(herd_sqlite_options *opt);

/* Begins the transaction in the temporary file of w, a writer just opened (herd/io.h), and
 * makes opt->tables: the four tables, with the run table filled, or none; opt NULL means the
 * defaults. w stays the caller's, to be committed or aborted after herd_sqlite_free. On
 * failure *out is NULL and err (at most err_size bytes, may be NULL) names the destination:
 * HERD_EINVAL for a NULL out or w, half an allocator or an unknown tables in opt, or a
 * writer with no temporary file (a device written in place: a database needs a file of its
 * own); HERD_ENOMEM; HERD_EIO with SQLite's message ("PATH: MESSAGE") when SQLite cannot
 * open the file or make the tables. */
HERD_API herd_status herd_sqlite_open(herd_sqlite **out, herd_io_atomic *w,
                                      const herd_sqlite_options *opt, char *err,
                                      size_t err_size);
/* HERD_OK if a database could be written at path now, checked before anything runs: what
 * herd_io_writable (herd/io.h) checks, and HERD_EINVAL with the message of herd_sqlite_open
 * ("PATH: not a regular file; ...") for a destination that exists and is not a regular file
 * (a device, a FIFO). HERD_EINVAL also for a NULL or empty path and a folder; the other
 * statuses of herd_io_writable. Nothing is left behind. */
HERD_API herd_status herd_sqlite_writable(const char *path, char *err, size_t err_size);

/* One row of records; policy may be NULL (stored as NULL). HERD_EINVAL for a NULL db or
 * record; HERD_EIO (or HERD_ENOMEM) when SQLite fails, "PATH: MESSAGE" in
 * herd_sqlite_errmsg; HERD_ESTATE in a database opened with HERD_SQLITE_NO_TABLES; after a
 * failure or herd_sqlite_finish every write is refused with the status of the first failure,
 * or HERD_ESTATE. */
HERD_API herd_status herd_sqlite_record(herd_sqlite *db, const char *policy, long rep,
                                        uint64_t seed, const herd_record *record);
/* The rows of every team for sim's last tick, as herd_io_team_csv_rows writes them: teams
 * is an array of n_teams records owned by the caller, zeroed before the run (it carries each
 * team's cumulative innovation). HERD_EINVAL also for a NULL sim or teams, or n_teams other
 * than the simulation's number of teams; the other statuses of herd_sqlite_record. */
HERD_API herd_status herd_sqlite_team_records(herd_sqlite *db, const herd_sim *sim, long rep,
                                              uint64_t seed, herd_record *teams,
                                              size_t n_teams);
/* One row of summary (herd_metrics_summarise); policy may be NULL. The statuses of
 * herd_sqlite_record. */
HERD_API herd_status herd_sqlite_summary(herd_sqlite *db, const char *policy, long rep,
                                         uint64_t seed, const herd_summary *summary);

/* A herd_table_sink (herd/io.h) into db, for a producer to fill: a table is made at the
 * first begin that names it, typed TEXT, INTEGER or REAL as its cells are (a NaN is NULL);
 * a name that is not a plain SQL identifier is quoted, so any column name is kept as it is.
 * A later begin of the same name appends to that table. HERD_EINVAL for a NULL db or out.
 * The sink's functions return the statuses of herd_sqlite_record, and HERD_EINVAL (err
 * "PATH: table NAME: why") for a column with no name or type, a begin of a table made before
 * with other columns (another number of them, or other names or types), a row of another
 * number of cells, a table name of 64 bytes or more (a name has at most 63), a table of no
 * columns, more than 16 tables (run's four among them) or a table's statement over 16 KiB;
 * HERD_ESTATE for a row before any begin. The sink holds db, which must outlive it. */
HERD_API herd_status herd_sqlite_table_sink(herd_sqlite *db, herd_table_sink *out);

/* Commits the transaction and closes the database, so that the writer can be committed. The
 * first failure's status if a write failed, HERD_ESTATE if already finished, HERD_EIO if the
 * commit fails; HERD_EINVAL for NULL. The handle stays to be freed. */
HERD_API herd_status herd_sqlite_finish(herd_sqlite *db);
/* Closes the database if herd_sqlite_finish has not (what was written stays uncommitted, for
 * the writer's abort to discard) and frees db; NULL does nothing. */
HERD_API void herd_sqlite_free(herd_sqlite *db);
/* What went wrong, naming the destination file ("PATH: MESSAGE"): the first failure, or the
 * refusal of a write after herd_sqlite_finish; "" if nothing did; "no database" for NULL.
 * Owned by db. */
HERD_API const char *herd_sqlite_errmsg(const herd_sqlite *db);

/* What the records observer needs besides each record. records, when not NULL, has room for
 * n_records: the record of tick t (t < n_records) is also kept at records[t], so that the
 * caller can summarise the replication when it ends. status is 0 until a write fails, after
 * which the observer stops the run. */
typedef struct herd_sqlite_sink {
    herd_sqlite *db;
    const char *policy;
    long rep;
    uint64_t seed;
    herd_record *records;
    size_t n_records;
    int status;
} herd_sqlite_sink;

/* A herd_observer: userdata is a herd_sqlite_sink. */
HERD_API int herd_sqlite_observer(const herd_record *record, void *userdata);

/* Per-team rows, as herd_io_team_sink: sim is the simulation observed, teams an array of
 * n_teams records owned by the caller and zeroed before the run. */
typedef struct herd_sqlite_team_sink {
    herd_sqlite *db;
    const herd_sim *sim;
    herd_record *teams;
    size_t n_teams;
    long rep;
    uint64_t seed;
    int status;
} herd_sqlite_team_sink;

/* A herd_observer: userdata is a herd_sqlite_team_sink; stops the run after its first
 * failure, whose status it keeps in the sink. */
HERD_API int herd_sqlite_team_observer(const herd_record *record, void *userdata);

#ifdef __cplusplus
}
#endif

#endif
