/* herd run's --sqlite: one database with the rows of the CSV files and each replication's
 * summary. */
#include "run_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_sqlite.h"

enum { ERR_SIZE = 1024 };

/* Says what went wrong; returns status. */
static int say(int status, const char *what)
{
    fprintf(stderr, "herd run: %s\n", what);
    return status;
}

static int make_arrays(run_db *d, const herd_scenario *s, int teams)
{
    d->sink.n_records = (size_t)s->ticks;
    d->sink.records = calloc(d->sink.n_records, sizeof *d->sink.records);
    d->team_sink.n_teams = (size_t)s->params.n_teams;
    if (teams)
        d->team_sink.teams = calloc(d->team_sink.n_teams, sizeof *d->team_sink.teams);
    return d->sink.records != NULL && (!teams || d->team_sink.teams != NULL) ? 0 : -1;
}

int run_db_open(run_db *d, const char *path, const herd_scenario *s, int teams)
{
    memset(d, 0, sizeof *d);
    d->n_agents = (double)s->params.n_teams * (double)s->params.team_size;
    char err[ERR_SIZE];
    herd_sqlite_options opt;
    herd_sqlite_options_default(&opt);
    opt.seed = s->seed;
    char *text = NULL;
    size_t len;
    int rc = make_arrays(d, s, teams) == 0 ? herd_scenario_write_string(s, &text, &len)
                                           : HERD_ENOMEM;
    opt.scenario = text;
    if (rc != HERD_OK)
        snprintf(err, sizeof err, "%s: the scenario's text for the run table: %s", path,
                 herd_strerror(rc));
    else
        rc = cli_sqlite_open(&d->w, &d->db, path, &opt, err, sizeof err);
    free(text);
    if (rc == HERD_OK)
        return 0;
    free(d->sink.records);
    free(d->team_sink.teams);
    return say(rc, err);
}

int run_db_observe(run_db *d, herd_sim *sim, const char *policy, long rep, uint64_t seed)
{
    herd_sqlite_sink *k = &d->sink;
    *k = (herd_sqlite_sink){d->db, policy, rep, seed, k->records, k->n_records, HERD_OK};
    int rc = herd_sim_observe(sim, herd_sqlite_observer, k);
    if (rc != HERD_OK || d->team_sink.teams == NULL)
        return rc;
    herd_sqlite_team_sink *t = &d->team_sink;
    memset(t->teams, 0, t->n_teams * sizeof *t->teams);
    *t = (herd_sqlite_team_sink){d->db, sim, t->teams, t->n_teams, rep, seed, HERD_OK};
    return herd_sim_observe(sim, herd_sqlite_team_observer, t);
}

int run_db_summarise(run_db *d, long ticks)
{
    herd_summary sum;
    int rc = herd_metrics_summarise(d->sink.records, (size_t)ticks, d->n_agents, &sum);
    if (rc != HERD_OK)
        return say(rc, "summarising a replication failed");
    rc = herd_sqlite_summary(d->db, d->sink.policy, d->sink.rep, d->sink.seed, &sum);
    return rc == HERD_OK ? rc : say(rc, herd_sqlite_errmsg(d->db));
}

int run_db_failed(const run_db *d)
{
    int rc = d->sink.status != HERD_OK ? d->sink.status : d->team_sink.status;
    return rc == HERD_OK ? rc : say(rc, herd_sqlite_errmsg(d->db));
}

int run_db_close(run_db *d, int rc)
{
    char err[ERR_SIZE];
    int closed = cli_sqlite_close(d->w, d->db, rc, err, sizeof err);
    if (closed != HERD_OK && rc == HERD_OK)
        say(closed, err);
    rc = closed;
    free(d->sink.records);
    free(d->team_sink.teams);
    memset(d, 0, sizeof *d);
    return rc;
}
