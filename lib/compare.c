/* Paired comparisons of policies on one scenario. */
#include "compare_internal.h"
#include "errmsg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "herd/rng.h"

void herd_compare_settings_default(herd_compare_settings *s)
{
    if (s == NULL)
        return;
    memset(s, 0, sizeof *s);
    s->reps = 10;
    s->level = 0.95;
    s->keep_records = 1;
    s->event_window = HERD_COMPARE_EVENT_WINDOW;
    herd_settings_default(&s->sim);
}

static int check_settings(const herd_compare_settings *s, long min_reps, char *err,
                          size_t err_size)
{
    const char *bad = NULL;
    if (s->reps < min_reps)
        return herd_errf(err, err_size, HERD_EINVAL, "settings reps = %ld: at least %ld %s",
                         s->reps, min_reps,
                         min_reps > 1 ? "replications (an interval needs two)" : "replication");
    if (!(s->level > 0 && s->level < 1))
        bad = "level: a confidence level strictly between 0 and 1";
    else if (s->event_window < 1)
        bad = "event_window: at least 1 tick";
    else if (s->threads < 0)
        bad = "threads: 0 or more";
    else if (!(s->memory_limit >= 0))
        bad = "memory_limit: 0 (this machine's) or more bytes";
    else if ((s->sim.alloc == NULL) != (s->sim.dealloc == NULL))
        bad = "sim.alloc and sim.dealloc: both or neither";
    if (bad == NULL)
        return HERD_OK;
    herd_errf(err, err_size, 0, "settings %s", bad);
    return HERD_EINVAL;
}

static const char *arm_name(const herd_scenario *s, const herd_policy_type *policy)
{
    const char *name = herd_scenario_policy_label(s, policy);
    return name != NULL ? name : "";
}

herd_status herd_compare_arms_check(const herd_scenario *s,
                                    const herd_policy_type *const *policies, size_t n_policies,
                                    char *err, size_t err_size)
{
    if (s == NULL || (policies == NULL && n_policies > 0))
        return herd_errf(err, err_size, HERD_EINVAL, "%s", s == NULL ? "no scenario" : "no policies");
    for (size_t i = 0; i < n_policies; i++) {
        const char *name = arm_name(s, policies[i]);
        for (size_t j = 0; j < i; j++) {
            if (strcmp(name, arm_name(s, policies[j])) != 0)
                continue;
            if (policies[i] == NULL && policies[j] == NULL)
                return herd_errf(err, err_size, HERD_EINVAL,
                                 "policies: the scenario's own policies are two arms; give them "
                                 "once");
            if ((policies[i] == NULL || policies[j] == NULL) && strcmp(name, "mixed") != 0 &&
                strcmp(name, "none") != 0)
                return herd_errf(err, err_size, HERD_EINVAL,
                                 "policies: the scenario's own policies are '%s' on every team, "
                                 "which is another arm too; compare it once",
                                 name);
            return herd_errf(err, err_size, HERD_EINVAL,
                             "policies: two arms are named '%s'; give each policy a name of its "
                             "own",
                             name);
        }
    }
    return HERD_OK;
}

int herd_compare_check(const herd_scenario *s, const herd_policy_type *const *policies,
                       size_t n_policies, const herd_compare_settings *settings, long min_reps,
                       char *err, size_t err_size)
{
    if (s == NULL || (policies == NULL && n_policies > 0) || n_policies == 0) {
        herd_errf(err, err_size, 0, "%s", s == NULL ? "no scenario" : "no policies");
        return HERD_EINVAL;
    }
    for (size_t i = 0; i < n_policies; i++)
        if (policies[i] != NULL && herd_policy_check(policies[i]) != HERD_OK) {
            herd_errf(err, err_size, 0, "policy %zu is not a usable policy type", i);
            return HERD_EINVAL;
        }
    int rc = check_settings(settings, min_reps, err, err_size);
    if (rc == HERD_OK)
        rc = herd_scenario_validate(s, err, err_size);
    if (rc == HERD_OK)
        rc = herd_scenario_check_memory(s, settings->memory_limit, err, err_size);
    return rc;
}

/* A policy declared in s is the same declaration in its copy. */
static const herd_policy_type *remap(const herd_scenario *from, const herd_scenario *to,
                                     const herd_policy_type *type)
{
    size_t n = herd_scenario_style_count(from);
    for (size_t i = 0; i < n; i++)
        if (herd_scenario_style(from, i) == type)
            return herd_scenario_style(to, i);
    return type;
}

int herd_compare_alloc(herd_compare **out, const herd_scenario *s, const herd_scenario *origin,
                       const herd_policy_type *const *policies, size_t n_policies,
                       const herd_compare_settings *cs, const herd_allocator *a)
{
    herd_compare *c = herd_calloc(a, 1, sizeof *c);
    if (c == NULL)
        return HERD_ENOMEM;
    c->a = *a;
    c->n_policies = n_policies;
    c->reps = cs->reps;
    c->level = cs->level;
    int rc = herd_scenario_copy_with(&c->sc, s, a, NULL, 0);
    if (rc == HERD_OK)
        rc = herd_experiment_metrics(a, c->sc, &c->metrics, &c->n_metrics);
    if (rc == HERD_OK) {
        c->ticks = c->sc->ticks;
        size_t runs = n_policies * (size_t)cs->reps;
        c->policies = herd_calloc(a, n_policies, sizeof *c->policies);
        c->values = herd_calloc(a, runs, c->n_metrics * sizeof *c->values);
        if (runs > 0 && c->n_metrics > SIZE_MAX / sizeof *c->values / runs)
            rc = HERD_ETOOBIG;
        else if (cs->keep_records && (size_t)c->ticks > SIZE_MAX / sizeof(herd_record) / runs)
            rc = HERD_ETOOBIG;
        else if (cs->keep_records)
            c->records = herd_calloc(a, runs * (size_t)c->ticks, sizeof *c->records);
        if (rc == HERD_OK &&
            (!c->policies || !c->values || (cs->keep_records && !c->records)))
            rc = HERD_ENOMEM;
    }
    if (rc != HERD_OK) {
        herd_compare_free(c);
        return rc;
    }
    for (size_t p = 0; p < n_policies; p++)
        c->policies[p] = policies[p] != NULL ? remap(origin, c->sc, policies[p]) : NULL;
    *out = c;
    return HERD_OK;
}

double *herd_compare_values_at(const herd_compare *c, size_t policy, long rep)
{
    return c->values + (policy * (size_t)c->reps + (size_t)rep) * c->n_metrics;
}

int herd_compare_reorder(herd_compare *c, const size_t *order)
{
    size_t n = c->n_policies, per_values = (size_t)c->reps * c->n_metrics;
    size_t per_records = c->records != NULL ? (size_t)c->reps * (size_t)c->ticks : 0;
    const herd_policy_type **policies = herd_calloc(&c->a, n, sizeof *policies);
    double *values = herd_calloc(&c->a, n * per_values, sizeof *values);
    herd_record *records =
        per_records > 0 ? herd_calloc(&c->a, n * per_records, sizeof *records) : NULL;
    if (policies == NULL || values == NULL || (per_records > 0 && records == NULL)) {
        herd_free(&c->a, (void *)policies);
        herd_free(&c->a, values);
        herd_free(&c->a, records);
        return HERD_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        policies[i] = c->policies[order[i]];
        memcpy(values + i * per_values, c->values + order[i] * per_values,
               per_values * sizeof *values);
        if (records != NULL)
            memcpy(records + i * per_records, c->records + order[i] * per_records,
                   per_records * sizeof *records);
    }
    herd_free(&c->a, (void *)c->policies);
    herd_free(&c->a, c->values);
    herd_free(&c->a, c->records);
    c->policies = policies;
    c->values = values;
    c->records = records;
    return HERD_OK;
}

size_t herd_compare_jobs(const herd_compare *c, herd_run_job *jobs)
{
    size_t k = 0;
    for (size_t p = 0; p < c->n_policies; p++)
        for (long r = 0; r < c->reps; r++, k++) {
            herd_run_job *j = &jobs[k];
            memset(j, 0, sizeof *j);
            j->sc = c->sc;
            j->policy = c->policies[p];
            j->seed = herd_compare_seed(c, r);
            j->records = c->records != NULL
                             ? c->records + (p * (size_t)c->reps + (size_t)r) * (size_t)c->ticks
                             : NULL;
            j->metrics = c->metrics;
            j->n_metrics = c->n_metrics;
            j->values = herd_compare_values_at(c, p, r);
        }
    return k;
}

int herd_compare_run_all(herd_compare *const *cells, size_t n,
                         const herd_compare_settings *cs, char *err, size_t err_size)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += cells[i]->n_policies * (size_t)cells[i]->reps;
    const herd_allocator *a = &cells[0]->a;
    herd_run_job *jobs = herd_calloc(a, total, sizeof *jobs);
    if (jobs == NULL) {
        herd_errf(err, err_size, 0, "out of memory for %zu runs", total);
        return HERD_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += herd_compare_jobs(cells[i], jobs + k);
    int rc = herd_experiment_run(jobs, total, cs, err, err_size);
    herd_free(a, jobs);
    return rc;
}

herd_status herd_compare_settings_check(const herd_compare_settings *s, char *err,
                                        size_t err_size)
{
    if (s == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no settings");
    return (herd_status)check_settings(s, HERD_COMPARE_MIN_REPS, err, err_size);
}

herd_status herd_compare_run_reps(herd_compare **out, const herd_scenario *s,
                                  const herd_policy_type *const *policies, size_t n_policies,
                                  const herd_compare_settings *settings, long min_reps,
                                  char *err, size_t err_size)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    herd_compare_settings defaults;
    herd_compare_settings_default(&defaults);
    const herd_compare_settings *cs = settings != NULL ? settings : &defaults;
    int rc = herd_compare_check(s, policies, n_policies, cs, min_reps, err, err_size);
    if (rc != HERD_OK)
        return (herd_status)rc;
    herd_allocator a;
    herd_allocator_init(&a, cs->sim.alloc, cs->sim.dealloc, cs->sim.alloc_ctx);
    herd_compare *c = NULL;
    rc = herd_compare_alloc(&c, s, s, policies, n_policies, cs, &a);
    if (rc != HERD_OK) {
        herd_errf(err, err_size, 0, "%s for the comparison", herd_strerror(rc));
        return (herd_status)rc;
    }
    rc = herd_compare_run_all(&c, 1, cs, err, err_size);
    if (rc != HERD_OK) {
        herd_compare_free(c);
        return (herd_status)rc;
    }
    *out = c;
    return HERD_OK;
}

herd_status herd_compare_run(herd_compare **out, const herd_scenario *s,
                             const herd_policy_type *const *policies, size_t n_policies,
                             const herd_compare_settings *settings, char *err, size_t err_size)
{
    return herd_compare_run_reps(out, s, policies, n_policies, settings, HERD_COMPARE_MIN_REPS,
                                 err, err_size);
}

void herd_compare_free(herd_compare *c)
{
    if (c == NULL)
        return;
    herd_allocator a = c->a;
    herd_scenario_free(c->sc);
    herd_free(&a, (void *)c->policies);
    herd_free(&a, c->metrics);
    herd_free(&a, c->values);
    herd_free(&a, c->records);
    herd_free(&a, c);
}

size_t herd_compare_n_policies(const herd_compare *c)
{
    return c != NULL ? c->n_policies : 0;
}

const char *herd_compare_policy_name(const herd_compare *c, size_t policy)
{
    if (c == NULL || policy >= c->n_policies)
        return NULL;
    return herd_scenario_policy_label(c->sc, c->policies[policy]);
}

long herd_compare_n_reps(const herd_compare *c)
{
    return c != NULL ? c->reps : 0;
}

long herd_compare_n_ticks(const herd_compare *c)
{
    return c != NULL ? c->ticks : 0;
}

const herd_scenario *herd_compare_scenario(const herd_compare *c)
{
    return c != NULL ? c->sc : NULL;
}

uint64_t herd_compare_seed(const herd_compare *c, long rep)
{
    return c != NULL && rep >= 0 ? herd_seed_derive(c->sc->seed, (uint64_t)rep) : 0;
}

size_t herd_compare_n_metrics(const herd_compare *c)
{
    return c != NULL ? c->n_metrics : 0;
}

const herd_compare_metric *herd_compare_metric_info(const herd_compare *c, size_t m)
{
    return c != NULL && m < c->n_metrics ? &c->metrics[m] : NULL;
}

herd_status herd_compare_find_metric(const herd_compare *c, const char *name, size_t *metric)
{
    if (c == NULL || name == NULL || metric == NULL)
        return HERD_EINVAL;
    for (size_t m = 0; m < c->n_metrics; m++)
        if (strcmp(c->metrics[m].name, name) == 0) {
            *metric = m;
            return HERD_OK;
        }
    return HERD_ENOTFOUND;
}

static int in_range(const herd_compare *c, size_t policy, long rep, size_t metric)
{
    return c != NULL && policy < c->n_policies && rep >= 0 && rep < c->reps &&
           metric < c->n_metrics;
}

double herd_compare_value(const herd_compare *c, size_t policy, long rep, size_t metric)
{
    return in_range(c, policy, rep, metric) ? herd_compare_values_at(c, policy, rep)[metric] : NAN;
}

const herd_record *herd_compare_records(const herd_compare *c, size_t policy, long rep)
{
    if (!in_range(c, policy, rep, 0) || c->records == NULL)
        return NULL;
    return c->records + (policy * (size_t)c->reps + (size_t)rep) * (size_t)c->ticks;
}

herd_status herd_compare_interval(const herd_compare *c, size_t policy, size_t metric,
                                  herd_interval *out)
{
    if (!in_range(c, policy, 0, metric) || out == NULL)
        return HERD_EINVAL;
    return herd_stats_interval(herd_compare_values_at(c, policy, 0) + metric, c->n_metrics,
                               (size_t)c->reps, c->level, out);
}

herd_status herd_compare_difference(const herd_compare *c, size_t policy, size_t other,
                                    size_t metric, herd_interval *out)
{
    if (!in_range(c, policy, 0, metric) || !in_range(c, other, 0, metric) || out == NULL)
        return HERD_EINVAL;
    return herd_stats_paired_interval(herd_compare_values_at(c, policy, 0) + metric,
                                      herd_compare_values_at(c, other, 0) + metric, c->n_metrics,
                                      (size_t)c->reps, c->level, out);
}

herd_status herd_compare_series(const herd_compare *c, size_t policy, long tick,
                                const herd_output_info *field, herd_interval *out)
{
    if (!in_range(c, policy, 0, 0) || field == NULL || out == NULL || tick < 0 ||
        tick >= c->ticks)
        return HERD_EINVAL;
    if (c->records == NULL)
        return HERD_ESTATE;
    const herd_record *first = herd_compare_records(c, policy, 0) + tick;
    const double *x = (const double *)((const char *)first + field->offset);
    /* Replication r's record of this tick lies ticks records further on. */
    size_t stride = (size_t)c->ticks * (sizeof(herd_record) / sizeof(double));
    return herd_stats_interval(x, stride, (size_t)c->reps, c->level, out);
}
