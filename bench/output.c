/* Writing a run's records: as CSV (herd_io_csv_row) and into SQLite (herd_sqlite_record), each
 * through the durable writer from open to commit (the sync included), for each number of rows
 * given (default 10^5 and 10^6). The rows are the records of a real run, repeated replication
 * after replication. Each way is timed five times, the two interleaved; the table gives the
 * medians, their ratio and the files' sizes.
 * Usage: herd-bench-output [--dir DIR] [ROWS...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "herd/herd.h"
#include "timing.h"

#define RUNS 5
#define TICKS 1000

static herd_record run[TICKS];

static int keep(const herd_record *record, void *userdata)
{
    (void)userdata;
    run[record->tick] = *record;
    return 0;
}

static int make_records(void)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 20;
    p.team_size = 10;
    herd_sim *sim;
    int rc = herd_sim_new(&sim, &p, 42);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_find("hybrid"));
    if (rc == HERD_OK && (rc = herd_sim_observe(sim, keep, NULL)) == HERD_OK)
        rc = herd_sim_run(sim, TICKS);
    herd_sim_free(sim);
    return rc;
}

/* Row i: replication i / TICKS, tick i % TICKS. */
static const herd_record *row(long i, long *rep)
{
    *rep = i / TICKS;
    return &run[i % TICKS];
}

static int write_csv(FILE *f, long rows)
{
    int rc = herd_io_csv_header(f);
    for (long i = 0; i < rows && rc == HERD_OK; i++) {
        long rep;
        const herd_record *r = row(i, &rep);
        rc = herd_io_csv_row(f, "behind", rep, herd_seed_derive(1, (uint64_t)rep), r);
    }
    return rc;
}

static int write_sqlite(herd_io_atomic *w, long rows)
{
    herd_sqlite *db;
    char err[512];
    int rc = herd_sqlite_open(&db, w, NULL, err, sizeof err);
    for (long i = 0; i < rows && rc == HERD_OK; i++) {
        long rep;
        const herd_record *r = row(i, &rep);
        rc = herd_sqlite_record(db, "behind", rep, herd_seed_derive(1, (uint64_t)rep), r);
    }
    if (rc == HERD_OK && (rc = herd_sqlite_finish(db)) != HERD_OK)
        fprintf(stderr, "%s\n", herd_sqlite_errmsg(db));
    herd_sqlite_free(db);
    return rc;
}

/* Seconds to write rows to path one way or the other; negative on failure. */
static double timed(const char *path, long rows, int sqlite)
{
    char err[512] = "";
    double start = bench_now();
    herd_io_atomic *w = NULL;
    int rc = herd_io_make_parents(path, err, sizeof err);
    if (rc == HERD_OK)
        rc = herd_io_atomic_open(&w, path, err, sizeof err);
    if (rc == HERD_OK)
        rc = sqlite ? write_sqlite(w, rows) : write_csv(herd_io_atomic_file(w), rows);
    if (rc == HERD_OK)
        rc = herd_io_atomic_commit(w, err, sizeof err);
    else
        herd_io_atomic_abort(w);
    if (rc != HERD_OK) {
        fprintf(stderr, "herd-bench-output: %s\n", err[0] != '\0' ? err : herd_strerror(rc));
        return -1;
    }
    return bench_now() - start;
}

static double megabytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
}

static int bench(const char *dir, long rows)
{
    char csv[4096], db[4096];
    snprintf(csv, sizeof csv, "%s/herd-bench-output.csv", dir);
    snprintf(db, sizeof db, "%s/herd-bench-output.db", dir);
    double t_csv[RUNS], t_db[RUNS];
    for (int k = 0; k < RUNS; k++)
        if ((t_csv[k] = timed(csv, rows, 0)) < 0 || (t_db[k] = timed(db, rows, 1)) < 0)
            return 1;
    double m_csv = bench_median(t_csv, RUNS), m_db = bench_median(t_db, RUNS);
    printf("%9ld %8.3f %8.3f %8.2f %9.2f %9.1f %9.1f\n", rows, m_csv, m_db, m_csv / m_db,
           (double)rows / m_db / 1e6, megabytes(csv), megabytes(db));
    remove(csv);
    remove(db);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = ".";
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--dir") == 0) {
        dir = argv[2];
        first = 3;
    }
    if (make_records() != HERD_OK) {
        fputs("herd-bench-output: the run of the records failed\n", stderr);
        return 1;
    }
    printf("%9s %8s %8s %8s %9s %9s %9s\n", "rows", "csv s", "sqlite s", "ratio", "M rows/s",
           "csv MB", "sqlite MB");
    static const long defaults[] = {100000, 1000000};
    int n = argc > first ? argc - first : 2;
    for (int i = 0; i < n; i++) {
        long rows = argc > first ? strtol(argv[first + i], NULL, 10) : defaults[i];
        if (rows <= 0 || bench(dir, rows) != 0)
            return 1;
    }
    return 0;
}
