/* Measuring runs and running many of them over threads, for comparisons, regime maps and
 * sweeps. */
#include "experiment.h"
#include "errmsg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "herd/rng.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* The baseline of a dip needs at least one tick before the event. */
static int measurable(const herd_event *e)
{
    return e->start >= 1;
}

static herd_compare_metric summary_metric(const herd_output_info *info)
{
    herd_compare_metric m = {.kind = HERD_METRIC_RUN, .better = info->better < 0 ? -1 : 1,
                             .event = -1, .run_metric = info};
    snprintf(m.name, sizeof m.name, "%s", info->name);
    snprintf(m.label, sizeof m.label, "%s", info->name);
    return m;
}

static herd_compare_metric event_metric(const herd_event *e, size_t index, herd_metric_kind kind)
{
    const char *what = kind == HERD_METRIC_DIP ? "dip" : "recovery";
    herd_compare_metric m = {.kind = kind, .better = -1, .event = (long)index};
    const char *event_kind = herd_event_kind_name(e->kind);
    snprintf(m.name, sizeof m.name, "%s_%s_t%ld", what, event_kind, e->start);
    snprintf(m.label, sizeof m.label, "%s %s@%ld", what, event_kind, e->start);
    return m;
}

int herd_experiment_metrics(const herd_allocator *a, const herd_scenario *sc,
                            herd_compare_metric **out, size_t *n)
{
    size_t count = herd_summary_info_count();
    for (size_t e = 0; e < sc->n_events; e++)
        count += measurable(&sc->events[e]) ? 2 : 0;
    herd_compare_metric *m = herd_calloc(a, count, sizeof *m);
    if (m == NULL)
        return HERD_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < herd_summary_info_count(); i++)
        m[k++] = summary_metric(herd_summary_info(i));
    for (size_t e = 0; e < sc->n_events; e++) {
        if (!measurable(&sc->events[e]))
            continue;
        m[k++] = event_metric(&sc->events[e], e, HERD_METRIC_DIP);
        m[k++] = event_metric(&sc->events[e], e, HERD_METRIC_RECOVERY);
    }
    *out = m;
    *n = count;
    return HERD_OK;
}

/* A run that never recovers within its ticks counts the ticks it had left. */
static double event_value(const herd_scenario *sc, const herd_record *r, int dip, long event,
                          long window)
{
    const herd_event *e = &sc->events[event];
    herd_event_effect effect;
    if (herd_metrics_event_effect(r, (size_t)sc->ticks, e->start, e->length, window, &effect) !=
        HERD_OK)
        return NAN;
    if (dip)
        return effect.dip;
    return effect.recovery_ticks >= 0 ? (double)effect.recovery_ticks
                                      : (double)(sc->ticks - e->start);
}

static void measure(const herd_run_job *job, const herd_record *records,
                    const herd_summary *summary, long window)
{
    for (size_t i = 0; i < job->n_metrics; i++) {
        const herd_compare_metric *m = &job->metrics[i];
        if (m->kind != HERD_METRIC_RUN)
            job->values[i] = event_value(job->sc, records, m->kind == HERD_METRIC_DIP, m->event,
                                         window);
        else
            job->values[i] = herd_summary_get(summary, m->run_metric);
    }
}

typedef struct recorder {
    herd_record *records;
    long ticks;
    herd_observer observer; /* the caller's, or NULL */
    void *userdata;
} recorder;

static int keep_record(const herd_record *record, void *userdata)
{
    recorder *rec = userdata;
    if (record->tick >= 0 && record->tick < rec->ticks)
        rec->records[record->tick] = *record;
    return rec->observer != NULL ? rec->observer(record, rec->userdata) : 0;
}

herd_status herd_compare_run_one(const herd_scenario *s, const herd_policy_type *policy,
                                 uint64_t seed, const herd_settings *settings,
                                 herd_observer observer, void *userdata, herd_record *records,
                                 herd_summary *summary, char *err, size_t err_size)
{
    if (s == NULL || records == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no scenario or no records");
    recorder rec = {records, s->ticks, observer, userdata};
    herd_sim *sim = NULL;
    int rc = herd_scenario_sim_new(&sim, s, seed, settings, policy);
    if (rc == HERD_OK)
        rc = herd_sim_observe(sim, keep_record, &rec);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, s->ticks);
    if (rc != HERD_OK)
        herd_errf(err, err_size, rc, "%s%s%s", herd_strerror(rc),
                  sim != NULL && *herd_sim_errmsg(sim) ? ": " : "",
                  sim != NULL ? herd_sim_errmsg(sim) : "");
    herd_sim_free(sim);
    if (rc == HERD_OK && summary != NULL) {
        double agents = (double)s->params.n_teams * (double)s->params.team_size;
        rc = herd_metrics_summarise(records, (size_t)s->ticks, agents, summary);
        if (rc != HERD_OK)
            herd_errf(err, err_size, rc, "summarising %ld ticks failed", s->ticks);
    }
    return (herd_status)rc;
}

/* Runs one job; on failure fills why. */
static int run_job(herd_run_job *job, const herd_compare_settings *cs, const herd_allocator *a,
                   char *why, size_t why_size)
{
    herd_record *records = job->records, *own = NULL;
    if (records == NULL &&
        (records = own = herd_calloc(a, (size_t)job->sc->ticks, sizeof *own)) == NULL) {
        snprintf(why, why_size, "out of memory for %ld records", job->sc->ticks);
        return HERD_ENOMEM;
    }
    herd_settings settings = cs->sim;
    settings.threads = 1;
    herd_summary summary;
    int rc = herd_compare_run_one(job->sc, job->policy, job->seed, &settings, NULL, NULL,
                                  records, &summary, why, why_size);
    if (rc == HERD_OK)
        measure(job, records, &summary, cs->event_window);
    herd_free(a, own);
    return rc;
}

/* What the threads share, touched only inside the critical section. */
typedef struct progress {
    size_t done, total;
    int cancelled;
    size_t first_failed; /* index of the first failed job, total if none */
} progress;

static void finish_job(progress *p, const herd_compare_settings *cs, size_t i, int failed,
                       const char *why, char *err, size_t err_size, const herd_run_job *job)
{
    p->done++;
    if (failed && i < p->first_failed) {
        p->first_failed = i;
        if (err != NULL)
            snprintf(err, err_size, "policy %s, seed %llu: %s",
                     herd_scenario_policy_label(job->sc, job->policy),
                     (unsigned long long)job->seed, why);
    }
    if (cs->progress != NULL && !p->cancelled &&
        cs->progress(cs->progress_cookie, p->done, p->total) != 0) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
        p->cancelled = 1;
    }
}

int herd_experiment_run(herd_run_job *jobs, size_t n, const herd_compare_settings *cs,
                        char *err, size_t err_size)
{
    herd_allocator a;
    if (herd_allocator_init(&a, cs->sim.alloc, cs->sim.dealloc, cs->sim.alloc_ctx) != HERD_OK)
        return HERD_EINVAL;
    progress p = {0, n, 0, n};
#ifdef _OPENMP
    int team = cs->threads > 0 ? cs->threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic) num_threads(team)
#endif
    for (size_t i = 0; i < n; i++) {
        char why[512] = "";
        int cancelled;
#ifdef _OPENMP
#pragma omp atomic read
#endif
        cancelled = p.cancelled;
        jobs[i].status = cancelled ? HERD_ECALLBACK : run_job(&jobs[i], cs, &a, why, sizeof why);
        if (cancelled)
            continue;
#ifdef _OPENMP
#pragma omp critical(herd_experiment_progress)
#endif
        finish_job(&p, cs, i, jobs[i].status != HERD_OK, why, err, err_size, &jobs[i]);
    }
    if (p.first_failed < n)
        return jobs[p.first_failed].status;
    if (p.cancelled) {
        if (err != NULL)
            snprintf(err, err_size, "cancelled by the progress callback after %zu of %zu runs",
                     p.done, n);
        return HERD_ECALLBACK;
    }
    return HERD_OK;
}
