#ifndef HERD_IO_H
#define HERD_IO_H

/* Writing results: per-tick records as CSV rows, and files that appear complete or not at
 * all. Sits on top of the engine, as scenarios do. */

#include <stdint.h>
#include <stdio.h>

#include "herd/alloc.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/metrics.h"
#include "herd/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Numbers in every CSV file herd writes are the decimal with the fewest significant digits
 * that reads back to the same double, the nearest to it of equally short ones ("0.1", not
 * "0.10000000000000001"; "5e-324"), laid out as printf's %g with the precision of those
 * digits, at least 15: fixed notation from 0.0001 to below 10^15 (or 10^16 and 10^17 for 16
 * and 17 digits), else with an exponent ("1e-05", "1e+15"). NaN and the infinities as "nan",
 * "-nan", "inf", "-inf". A seed, a 64-bit integer that readers
 * parsing numbers as doubles (R, pandas by default, spreadsheets) would round above 2^53, is
 * written as two whole-number columns below 2^32, seed_hi and seed_lo: seed = seed_hi * 2^32
 * + seed_lo. */
#define HERD_IO_SEED_COLUMNS "seed_hi,seed_lo"

/* ",NAME" for one row of HERD_RECORD_TABLE: the record's columns as one string literal. */
#define HERD_IO_CSV_COLUMN_(name, unit, better, doc) "," #name
#define HERD_IO_RECORD_COLUMNS "tick" HERD_RECORD_TABLE(HERD_IO_CSV_COLUMN_)

/* herd run's columns: the policy label, the replication, its seed, then the tick and every
 * field of herd_record in the order of HERD_RECORD_TABLE. */
#define HERD_IO_CSV_HEADER "policy,rep," HERD_IO_SEED_COLUMNS "," HERD_IO_RECORD_COLUMNS

/* Per-team rows (herd_sim_team_records): the replication, its seed, then the tick, the team,
 * its policy's name and its size, then every field of herd_record for that team. */
#define HERD_IO_TEAM_CSV_HEADER                                                              \
    "rep," HERD_IO_SEED_COLUMNS ",tick,team,policy,size" HERD_RECORD_TABLE(HERD_IO_CSV_COLUMN_)

/* Room for any number herd_io_number writes, with its NUL; and for a seed's two columns. */
#define HERD_IO_NUMBER_SIZE 32
#define HERD_IO_SEED_SIZE 24

/* Writes x into buf as every CSV file of herd does (above); returns the length, without the
 * NUL (0 for a NULL buf). */
HERD_API int herd_io_number(double x, char buf[HERD_IO_NUMBER_SIZE]);
/* Writes seed into buf as its two columns, "HI,LO"; returns the length, without the NUL (0
 * for a NULL buf). */
HERD_API int herd_io_seed(uint64_t seed, char buf[HERD_IO_SEED_SIZE]);
/* One cell: text written as given, in double quotes (each quote doubled) if it holds a comma,
 * quote or newline; NULL as an empty cell. HERD_EINVAL for a NULL stream, HERD_EIO when the
 * write fails. */
HERD_API herd_status herd_io_csv_text(FILE *out, const char *text);
/* One cell holding x, as herd_io_number writes it. */
HERD_API herd_status herd_io_csv_number(FILE *out, double x);

/* The record's cells in the order of HERD_IO_RECORD_COLUMNS, "TICK,FIELD,...", without a
 * newline: for rows that put their own columns first. */
HERD_API herd_status herd_io_csv_record(FILE *out, const herd_record *record);

/* What the CSV observer needs besides each record. status is 0 until a write fails
 * (HERD_EIO), after which the observer stops the run. */
typedef struct herd_io_csv_sink {
    FILE *out;
    const char *policy; /* written as given, quoted if it holds a comma, quote or newline */
    long rep;
    uint64_t seed;
    int status;
} herd_io_csv_sink;

/* The header line with its newline. */
HERD_API herd_status herd_io_csv_header(FILE *out);
/* One row; policy may be NULL for an empty field. HERD_EINVAL for a NULL out or record,
 * HERD_EIO if writing fails. */
HERD_API herd_status herd_io_csv_row(FILE *out, const char *policy, long rep, uint64_t seed,
                             const herd_record *record);
/* A herd_observer: userdata is a herd_io_csv_sink. */
HERD_API int herd_io_csv_observer(const herd_record *record, void *userdata);

/* Per-team rows. The sink's sim is the simulation observed, teams an array of n_teams
 * records owned by the caller and zeroed before the run (it carries each team's cumulative
 * innovation from tick to tick, as herd_sim_team_records asks). */
typedef struct herd_io_team_sink {
    FILE *out;
    const herd_sim *sim;
    herd_record *teams;
    size_t n_teams;
    long rep;
    uint64_t seed;
    int status;
} herd_io_team_sink;

/* HERD_IO_TEAM_CSV_HEADER with its newline. */
HERD_API herd_status herd_io_team_csv_header(FILE *out);
/* The rows of every team for the sim's last tick; HERD_EINVAL for a NULL pointer or n_teams
 * other than the simulation's number of teams, HERD_EIO when a write fails. */
HERD_API herd_status herd_io_team_csv_rows(FILE *out, const herd_sim *sim, long rep,
                                           uint64_t seed, herd_record *teams, size_t n_teams);
/* A herd_observer: userdata is a herd_io_team_sink; stops the run after its first failure,
 * whose status it keeps in the sink. */
HERD_API int herd_io_team_csv_observer(const herd_record *record, void *userdata);

/* ---- tables of typed cells ---------------------------------------------------------------
 *
 * A table that a library function produces once and any writer takes: herd_compare_write and
 * herd_regime_write (herd/compare.h) give theirs to a herd_table_sink, which a CSV file
 * (herd_io_csv_table below) or an SQLite database (herd_sqlite_table_sink, herd/sqlite.h)
 * implements, so both hold the same columns and rows. */
typedef enum herd_cell_type {
    HERD_CELL_TEXT, /* text; NULL: an empty CSV cell, SQL NULL */
    HERD_CELL_INT,  /* a 64-bit integer */
    HERD_CELL_REAL, /* a double; NaN: "NA" in CSV, NULL in SQLite */
} herd_cell_type;

typedef struct herd_cell {
    herd_cell_type type;
    const char *text; /* HERD_CELL_TEXT */
    int64_t i;        /* HERD_CELL_INT */
    double x;         /* HERD_CELL_REAL */
} herd_cell;

/* Where a producer puts a table. begin names the table and its n columns (names and types),
 * and comes before the rows of each call of the producer: a sink that was already given the
 * table takes the rows after those it has (the CSV file writes its header once), so that
 * several calls (one per scenario, say) fill one table. row gives n cells of the types begin
 * named. Both return HERD_OK or a failure, which the producer stops at and returns. */
typedef struct herd_table_sink {
    herd_status (*begin)(void *userdata, const char *table, const char *const *columns,
                         const herd_cell_type *types, size_t n);
    herd_status (*row)(void *userdata, const herd_cell *cells, size_t n);
    void *userdata;
} herd_table_sink;

/* The room a herd_io_csv_table keeps its header's names and types in: each column takes its
 * name's length and 2 bytes. */
#define HERD_IO_CSV_TABLE_COLUMNS_SIZE 16384

/* A table as one CSV file: the header line (the column names) at the first begin, then one
 * line per row, each cell as herd_io_csv_text or herd_io_number writes it, an integer in
 * decimal, a NaN as "NA". The table's name is not written. */
typedef struct herd_io_csv_table {
    herd_table_sink sink; /* what a producer is given */
    FILE *out;
    size_t n_columns; /* the header's, 0 until it is written */
    char columns[HERD_IO_CSV_TABLE_COLUMNS_SIZE]; /* the header's names and types */
} herd_io_csv_table;

/* Sets t up to write to out. The sink's functions return HERD_EIO when a write fails and
 * HERD_EINVAL for a begin with no columns, a column with no name or no known type, or
 * columns whose names and types take more than HERD_IO_CSV_TABLE_COLUMNS_SIZE; for a later
 * begin whose columns are not the header's (another number of them, or other names or
 * types); and for a row whose number of cells is not the header's. */
HERD_API void herd_io_csv_table_init(herd_io_csv_table *t, FILE *out);

/* The type of a column of the tables herd writes (herd run's CSV files and database,
 * herd_compare_write's and herd_regime_write's tables, herd sweep's runs.csv), by its name,
 * into *out: HERD_CELL_TEXT for policy, other, metric, winner, runner_up, scenario, policies,
 * version and text; HERD_CELL_INT for rep, seed_hi, seed_lo, tick, team, size, ticks, n, reps,
 * ix, iy, winner_index, run and point; HERD_CELL_REAL for every output of the tables of
 * outputs (herd/metrics.h). HERD_ENOTFOUND for any other name, *out untouched: every other
 * column of these tables holds numbers, as REAL (a key's value, an interval's bounds, a
 * policy's mean), so that a reader of a CSV file types each column by its name, never by the
 * values it happens to hold. HERD_EINVAL for NULL. */
HERD_API herd_status herd_io_column_type(const char *name, herd_cell_type *out);

/* The one durable writer. A file is written under a temporary name in its destination's
 * folder; commit flushes it, syncs it to the disk, renames it over the destination and syncs
 * the folder, so the destination is either as it was or complete, even after a crash. A
 * symbolic link (or a chain of them) is followed: the file it names is replaced and the link
 * kept. A destination that exists and is not a regular file (a device, a FIFO, a terminal)
 * is written in place, as no rename can replace it and none must; a directory is refused.
 * Folders are not made: herd_io_make_parents does that. Every function that fails writes
 * why into err (at most err_size bytes, err may be NULL), naming the path. */
typedef struct herd_io_atomic herd_io_atomic;

typedef struct herd_io_atomic_options {
    /* NULL: a fresh hidden temporary name ".NAME.tmp-PID-K" beside the destination, removed
     * by abort. Otherwise the temporary file is the destination's name followed by suffix,
     * which outlives the process when herd_io_atomic_keep closes it, to be taken up later. */
    const char *suffix;
    /* With suffix: reopen that file for reading and writing at its start, to go on with it,
     * instead of making it afresh; HERD_ENOTFOUND if it is missing ("PATH: there is no
     * unfinished PATH.SUFFIX to go on writing"). */
    int resume;
    /* The writer's memory comes from this allocator (copied); NULL: malloc and free. The
     * stream itself is the C library's (fdopen), outside any allocator. */
    const herd_allocator *allocator;
} herd_io_atomic_options;

HERD_API void herd_io_atomic_options_default(herd_io_atomic_options *opt);

/* Creates the temporary file (or opens the device in place). On failure *out is NULL, nothing
 * is left allocated or made, and the status is HERD_EINVAL (no path, a directory, half an
 * allocator in opt, or a file that another writer of this process has open: "PATH: another
 * output of this run is being written to the same file"), HERD_EIO ("PATH: the folder DIR
 * does not exist" when the destination's folder is missing) or HERD_ENOMEM ("PATH: out of
 * memory"). opt NULL means the defaults. The writer owns the stream; one of commit, keep or
 * abort frees it, and none of them allocates. */
HERD_API herd_status herd_io_atomic_open(herd_io_atomic **out, const char *path, char *err,
                                         size_t err_size);
HERD_API herd_status herd_io_atomic_open_with(herd_io_atomic **out, const char *path,
                                              const herd_io_atomic_options *opt, char *err,
                                              size_t err_size);
/* The stream to write to; NULL for NULL. */
HERD_API FILE *herd_io_atomic_file(herd_io_atomic *w);
/* The temporary file's path, owned by w; NULL when writing in place or for NULL. */
HERD_API const char *herd_io_atomic_temp(const herd_io_atomic *w);
/* The destination's path, symbolic links resolved, owned by w; NULL for NULL. */
HERD_API const char *herd_io_atomic_path(const herd_io_atomic *w);
/* Flushes the stream and syncs the temporary file to the disk (a device written in place is
 * only flushed): what was written so far survives a crash. HERD_EIO on failure. */
HERD_API herd_status herd_io_atomic_sync(herd_io_atomic *w, char *err, size_t err_size);
/* Flushes, syncs, closes and renames. Frees w whatever happens; on failure the temporary
 * file is removed and the destination is left as it was. */
HERD_API herd_status herd_io_atomic_commit(herd_io_atomic *w, char *err, size_t err_size);
/* Flushes, syncs and closes, leaving the temporary file where it is (for a suffix given in
 * the options, to be resumed); frees w. */
HERD_API herd_status herd_io_atomic_keep(herd_io_atomic *w, char *err, size_t err_size);
/* Closes and removes the temporary file and frees w; NULL does nothing. */
HERD_API void herd_io_atomic_abort(herd_io_atomic *w);

/* 0 if herd_io_atomic_open on path would succeed now: a temporary file can be made beside
 * the destination (made and removed again), or the device there can be written. Nothing
 * is left behind. The statuses of herd_io_atomic_open. This and the functions below take
 * what memory they need from malloc and free it before they return. */
HERD_API herd_status herd_io_writable(const char *path, char *err, size_t err_size);

/* 1 if writing to a and to b would put both in one file: the same name in the same folder,
 * whatever links and spellings lead there (a folder not made yet is known by its path as
 * written); 0 otherwise, for a device, FIFO or terminal (written in place, which outputs may
 * share), or for NULL. The durable writer refuses a second writer of a file
 * that one of this process's writers has open; a program that writes several outputs can
 * refuse the clash before it writes any. */
HERD_API int herd_io_same_destination(const char *a, const char *b);

/* Makes the folder path and every missing folder above it (mkdir -p); HERD_EIO naming the
 * folder that could not be made, HERD_EINVAL for an empty path. */
HERD_API herd_status herd_io_make_folder(const char *path, char *err, size_t err_size);
/* 0 if herd_io_make_folder(path) would succeed now and files could then be written in the
 * folder, as far as can be told without making anything: every part of path that exists is
 * a folder, and the first that does not (or path itself, if it exists) lies in a folder this
 * process may write in. Its failures and messages are herd_io_make_folder's. */
HERD_API herd_status herd_io_folder_check(const char *path, char *err, size_t err_size);
/* Makes the missing folders above the file path. */
HERD_API herd_status herd_io_make_parents(const char *path, char *err, size_t err_size);

/* Puts the finished file from (made by another program) at to through the durable writer,
 * then removes from; on failure to is left as it was and from remains. */
HERD_API herd_status herd_io_move(const char *from, const char *to, char *err, size_t err_size);
/* Removes the file at path (a symbolic link itself, not what it leads to): HERD_OK, also when
 * nothing is there; HERD_EINVAL for a NULL or empty path, or for a folder, which is left as
 * it is ("PATH: a folder, not a file"); HERD_EIO naming path and why it could not be
 * removed. */
HERD_API herd_status herd_io_remove(const char *path, char *err, size_t err_size);

/* An advisory lock (flock) on a file, for a process that must be the only one writing a set
 * of files, e.g. a folder's. */
typedef struct herd_io_lock herd_io_lock;

/* Takes the lock on path, making the file if it is missing, and writes this process's pid
 * into it. Never waits: HERD_ESTATE if another process holds it, err naming the path and the
 * holder's pid ("PATH: held by process PID"); HERD_EIO if the file cannot be opened,
 * HERD_EINVAL for a NULL or empty path, HERD_ENOMEM. *out is NULL on failure. The lock
 * lasts until herd_io_lock_release or the end of the process. */
HERD_API herd_status herd_io_lock_take(herd_io_lock **out, const char *path, char *err,
                                       size_t err_size);
/* Releases the lock; the file stays. NULL does nothing. */
HERD_API void herd_io_lock_release(herd_io_lock *lock);

#ifdef __cplusplus
}
#endif

#endif
