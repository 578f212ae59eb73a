/* Events: a crisis hits some teams, later every leader is away for a while. The program
 * prints how far performance dipped after each and how long it took to recover.
 * Usage: events [TICKS] (at least 60) */
#include <stdio.h>
#include <stdlib.h>

#include <herd/herd.h>

static int keep(const herd_record *record, void *userdata)
{
    herd_record *records = userdata;
    records[record->tick] = *record;
    return 0;
}

int main(int argc, char **argv)
{
    long ticks = argc > 1 ? atol(argv[1]) : 104;
    if (ticks < 60)
        ticks = 60;
    herd_params params;
    herd_params_default(&params);
    params.n_teams = 20;

    const herd_event events[] = {
        /* kind, start, length, intensity, first team, team count (0: all from first) */
        {HERD_EVENT_CRISIS, 20, 6, 0.9, 0, 10},
        {HERD_EVENT_ABSENCE, 40, 8, 0, 0, 0},
    };
    herd_record *records = calloc((size_t)ticks, sizeof *records);
    herd_sim *sim = NULL;
    int rc = records != NULL ? herd_sim_new(&sim, &params, 11) : HERD_ENOMEM;
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, herd_policy_front);
    for (size_t i = 0; rc == HERD_OK && i < sizeof events / sizeof events[0]; i++)
        rc = herd_sim_add_event(sim, &events[i]);
    if (rc == HERD_OK)
        rc = herd_sim_observe(sim, keep, records);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, ticks);
    for (size_t i = 0; rc == HERD_OK && i < sizeof events / sizeof events[0]; i++) {
        herd_event_effect e;
        rc = herd_metrics_event_effect(records, (size_t)ticks, events[i].start,
                                       events[i].length, 10, &e);
        if (rc == HERD_OK)
            printf("%-8s at tick %ld: dip %.1f%%, recovered after %ld ticks\n",
                   herd_event_kind_name(events[i].kind), e.start, 100 * e.dip, e.recovery_ticks);
    }
    if (rc != HERD_OK)
        fprintf(stderr, "events: %s: %s\n", herd_strerror(rc), herd_sim_errmsg(sim));
    herd_sim_free(sim);
    free(records);
    return rc == HERD_OK ? 0 : 1;
}
