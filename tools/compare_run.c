/* herd compare: what is measured on a run, and running many runs in parallel. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compare_internal.h"

#ifdef _OPENMP
#include <omp.h>
#endif

typedef struct summary_metric {
    const char *name, *label;
    size_t offset;
    int lower_is_better;
} summary_metric;

static const summary_metric summary_metrics[] = {
    {"innovation_cum", "innovation (cum.)", offsetof(herd_summary, innovation_total), 0},
    {"performance_cum", "performance (cum.)", offsetof(herd_summary, performance_total), 0},
    {"morale_mean", "morale (mean)", offsetof(herd_summary, morale_mean), 0},
    {"morale_final", "morale (final)", offsetof(herd_summary, morale_final), 0},
    {"skill_final", "skill (final)", offsetof(herd_summary, skill_final), 0},
    {"turnover_annual", "turnover (/yr)", offsetof(herd_summary, turnover_rate_annual), 1},
};
enum { N_SUMMARY_METRICS = sizeof summary_metrics / sizeof summary_metrics[0] };

static cmp_metric summary_def(const summary_metric *m)
{
    cmp_metric d = {.kind = CMP_SUMMARY, .offset = m->offset, .lower_is_better = m->lower_is_better};
    snprintf(d.name, sizeof d.name, "%s", m->name);
    snprintf(d.label, sizeof d.label, "%s", m->label);
    return d;
}

static cmp_metric event_def(const herd_event *e, size_t index, cmp_metric_kind kind)
{
    const char *what = kind == CMP_EVENT_DIP ? "dip" : "recovery";
    cmp_metric d = {.kind = kind, .event = index, .lower_is_better = 1};
    snprintf(d.name, sizeof d.name, "%s_%s_t%ld", what, herd_event_kind_name(e->kind), e->start);
    snprintf(d.label, sizeof d.label, "%s %s@%ld", what, herd_event_kind_name(e->kind), e->start);
    return d;
}

/* The baseline of a dip needs at least one tick before the event. */
static int measurable(const herd_event *e)
{
    return e->start >= 1;
}

int cmp_metrics_for(const herd_scenario *sc, cmp_metric **out, size_t *n)
{
    size_t count = N_SUMMARY_METRICS;
    for (size_t e = 0; e < sc->n_events; e++)
        count += measurable(&sc->events[e]) ? 2 : 0;
    cmp_metric *m = malloc(count * sizeof *m);
    if (m == NULL)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < N_SUMMARY_METRICS; i++)
        m[k++] = summary_def(&summary_metrics[i]);
    for (size_t e = 0; e < sc->n_events; e++) {
        if (!measurable(&sc->events[e]))
            continue;
        m[k++] = event_def(&sc->events[e], e, CMP_EVENT_DIP);
        m[k++] = event_def(&sc->events[e], e, CMP_EVENT_RECOVERY);
    }
    *out = m;
    *n = count;
    return 0;
}

cmp_metric cmp_regime_metric_def(cmp_regime_metric which)
{
    return summary_def(&summary_metrics[which == CMP_REGIME_INNOVATION ? 0 : 1]);
}

/* A run that never recovers within its ticks counts the ticks it had left: a lower bound,
 * which keeps the mean finite and still ranks "never" last. */
static double event_value(const herd_scenario *sc, const herd_record *r, const cmp_metric *m)
{
    const herd_event *e = &sc->events[m->event];
    herd_event_effect effect;
    if (herd_metrics_event_effect(r, (size_t)sc->ticks, e->start, e->length, CMP_EVENT_WINDOW,
                                  &effect) != HERD_OK)
        return NAN;
    if (m->kind == CMP_EVENT_DIP)
        return effect.dip;
    return effect.recovery_ticks >= 0 ? (double)effect.recovery_ticks
                                      : (double)(sc->ticks - e->start);
}

void cmp_measure(const herd_scenario *sc, const herd_record *records, const cmp_metric *metrics,
                 size_t n_metrics, double *values)
{
    herd_summary summary;
    double agents = (double)sc->params.n_teams * (double)sc->params.team_size;
    int ok = herd_metrics_summarise(records, (size_t)sc->ticks, agents, &summary) == HERD_OK;
    for (size_t i = 0; i < n_metrics; i++) {
        const cmp_metric *m = &metrics[i];
        if (m->kind != CMP_SUMMARY)
            values[i] = event_value(sc, records, m);
        else
            values[i] = ok ? *(const double *)((const char *)&summary + m->offset) : NAN;
    }
}

/* Keeps each tick's record at its tick. */
typedef struct recorder {
    herd_record *records;
    long ticks;
} recorder;

static int record_tick(const herd_record *record, void *userdata)
{
    recorder *rec = userdata;
    if (record->tick >= 0 && record->tick < rec->ticks)
        rec->records[record->tick] = *record;
    return 0;
}

static void job_error(cmp_job *job, const herd_sim *sim, int status)
{
    job->status = status;
    snprintf(job->err, sizeof job->err, "%s%s%s", herd_strerror(status),
             sim != NULL && *herd_sim_errmsg(sim) ? ": " : "",
             sim != NULL ? herd_sim_errmsg(sim) : "");
}

static void run_job(cmp_job *job)
{
    herd_record *own = NULL;
    recorder rec = {job->records, job->sc->ticks};
    if (rec.records == NULL && (rec.records = own = malloc((size_t)rec.ticks * sizeof *own)) == NULL) {
        job_error(job, NULL, HERD_ENOMEM);
        return;
    }
    herd_settings settings;
    herd_settings_default(&settings);
    settings.threads = 1;
    herd_sim *sim = NULL;
    int rc = herd_scenario_sim_new(&sim, job->sc, job->seed, &settings, job->policy);
    if (rc == HERD_OK)
        rc = herd_sim_observe(sim, record_tick, &rec);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, job->sc->ticks);
    if (rc == HERD_OK)
        cmp_measure(job->sc, rec.records, job->metrics, job->n_metrics, job->values);
    else
        job_error(job, sim, rc);
    herd_sim_free(sim);
    free(own);
}

/* Progress on stderr, redrawn at most ten times a second. */
typedef struct progress {
    int on;
    size_t done, total;
    double start, last;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress_step(progress *p)
{
    p->done++;
    double t = now();
    if (!p->on || (t - p->last < 0.1 && p->done < p->total))
        return;
    enum { WIDTH = 40 };
    double share = (double)p->done / (double)p->total;
    int filled = (int)(share * WIDTH);
    double left = (t - p->start) * (1 - share) / share;
    fprintf(stderr, "\rherd compare: [%.*s%*s] %zu/%zu runs, %.0fs left ", filled,
            "########################################", WIDTH - filled, "", p->done, p->total,
            left);
    fflush(stderr);
    p->last = t;
}

static void progress_end(const progress *p)
{
    if (p->on)
        fprintf(stderr, "\r%*s\r", 79, "");
}

size_t cmp_run_jobs(cmp_job *jobs, size_t n, int threads, int show)
{
    progress prog = {show && isatty(STDERR_FILENO), 0, n, now(), 0};
#ifdef _OPENMP
    int team = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic) num_threads(team)
#else
    (void)threads;
#endif
    for (size_t i = 0; i < n; i++) {
        run_job(&jobs[i]);
#ifdef _OPENMP
#pragma omp critical(cmp_progress)
#endif
        progress_step(&prog);
    }
    progress_end(&prog);
    for (size_t i = 0; i < n; i++)
        if (jobs[i].status != HERD_OK)
            return i;
    return n;
}
