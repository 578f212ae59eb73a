#ifndef HERD_TOOLS_RUN_SQLITE_H
#define HERD_TOOLS_RUN_SQLITE_H

/* herd run's --sqlite: the database of a run, written through the library's SQLite writer
 * into a listed temporary file (cli_files.h). Not installed. */
#include "herd/herd.h"

typedef struct run_db {
    herd_io_atomic *w;
    herd_sqlite *db;
    herd_sqlite_sink sink;
    herd_sqlite_team_sink team_sink; /* its teams NULL without per-team rows */
    double n_agents;
} run_db;

/* Opens path for the runs of s (per-team rows too if teams). Every function returns a herd
 * status and, but run_db_observe, says on stderr why it failed. */
int run_db_open(run_db *d, const char *path, const herd_scenario *s, int teams);
/* Observes sim, replication rep of policy with its seed: a herd status. */
int run_db_observe(run_db *d, herd_sim *sim, const char *policy, long rep, uint64_t seed);
/* The summary of the replication just run. */
int run_db_summarise(run_db *d, long ticks);
/* The first failure of the observers, 0 if none. */
int run_db_failed(const run_db *d);
/* With rc 0, commits the database and puts it in place; otherwise removes it. rc, or the
 * status of the commit that failed. Frees everything run_db_open made. */
int run_db_close(run_db *d, int rc);

#endif
