/* Observers: the engine hands each tick's record to every registered callback. One here
 * keeps the records for a summary at the end; the library's CSV observer writes them out.
 * Usage: observer [TICKS] */
#include <stdio.h>
#include <stdlib.h>

#include <herd/herd.h>

typedef struct history {
    herd_record *records;
    size_t n, cap;
} history;

static int keep(const herd_record *record, void *userdata)
{
    history *h = userdata;
    if (h->n == h->cap)
        return 1; /* full: a non-zero return stops the run */
    h->records[h->n++] = *record;
    return 0;
}

int main(int argc, char **argv)
{
    long ticks = argc > 1 ? atol(argv[1]) : 52;
    herd_params params;
    herd_params_default(&params);
    params.n_teams = 10;

    size_t cap = ticks > 0 ? (size_t)ticks : 1; /* a negative count is the library's to refuse */
    history h = {calloc(cap, sizeof *h.records), 0, cap};
    /* And every record as a CSV row on stdout, through the library's observer. */
    herd_io_csv_sink sink = {stdout, "servant", 0, 5, HERD_OK};
    herd_sim *sim = NULL;
    int rc = h.records != NULL ? herd_sim_new(&sim, &params, 5) : HERD_ENOMEM;
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_servant);
    if (rc == HERD_OK)
        rc = herd_sim_observe(sim, keep, &h);
    if (rc == HERD_OK)
        rc = herd_io_csv_header(stdout);
    if (rc == HERD_OK)
        rc = herd_sim_observe(sim, herd_io_csv_observer, &sink);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, ticks);

    herd_summary sum;
    if (rc == HERD_OK && h.n > 0)
        rc = herd_metrics_summarise(h.records, h.n, (double)(params.n_teams * params.team_size),
                                    &sum);
    if (rc == HERD_OK && h.n == 0)
        fprintf(stderr, "0 ticks: no record to summarise\n");
    else if (rc == HERD_OK)
        fprintf(stderr, "%ld ticks: %.0f innovations, mean morale %.3f, annual turnover %.1f%%\n",
                sum.ticks, sum.innovation_total, sum.morale_mean, 100 * sum.turnover_rate_annual);
    else
        fprintf(stderr, "observer: %s: %s\n", herd_strerror(rc),
                sim != NULL ? herd_sim_errmsg(sim) : "before the simulation");
    herd_sim_free(sim);
    free(h.records);
    return rc == HERD_OK ? 0 : 1;
}
