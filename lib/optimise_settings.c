/* The optimiser's settings: defaults, the text of weights and bounds, checks, and the
 * objective they define over a comparison's runs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "experiment.h"
#include "optimise_internal.h"
#include "scenario_internal.h"

void herd_optimise_settings_default(herd_optimise_settings *s)
{
    if (s == NULL)
        return;
    memset(s, 0, sizeof *s);
    snprintf(s->terms[0].metric, sizeof s->terms[0].metric, "performance_total");
    s->terms[0].weight = 1;
    s->n_terms = 1;
    s->budget = 150;
    s->reps = 10;
    s->final_reps = 40;
    s->finalists = 3;
    s->tolerance = 0.01;
    s->full_budget = 1;
    s->level = 0.95;
    herd_settings_default(&s->sim);
}

/* NAME then the rest of text after it: NAME is letters, digits and '_'. */
static int take_name(const char **text, char *name, size_t size)
{
    size_t n = strspn(*text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    if (n == 0 || n >= size)
        return -1;
    memcpy(name, *text, n);
    name[n] = '\0';
    *text += n;
    return 0;
}

static int take_number(const char **text, double *value)
{
    char *end = NULL;
    *value = strtod(*text, &end);
    if (end == *text || !isfinite(*value))
        return -1;
    *text = end;
    return 0;
}

herd_status herd_optimise_parse_weights(herd_optimise_settings *s, const char *text, char *err,
                                        size_t err_size)
{
    if (s == NULL || text == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no settings or no text");
    herd_optimise_term terms[HERD_OPTIMISE_MAX_TERMS];
    size_t n = 0;
    const char *p = text;
    for (;;) {
        if (n == HERD_OPTIMISE_MAX_TERMS)
            return herd_errf(err, err_size, HERD_ETOOBIG, "weights \"%s\": at most %d metrics",
                             text, HERD_OPTIMISE_MAX_TERMS);
        if (take_name(&p, terms[n].metric, sizeof terms[n].metric) != 0 || *p++ != '=' ||
            take_number(&p, &terms[n].weight) != 0)
            return herd_errf(err, err_size, HERD_EPARSE,
                             "weights \"%s\": expected METRIC=WEIGHT[,METRIC=WEIGHT...]", text);
        n++;
        if (*p == '\0')
            break;
        if (*p++ != ',')
            return herd_errf(err, err_size, HERD_EPARSE,
                             "weights \"%s\": expected METRIC=WEIGHT[,METRIC=WEIGHT...]", text);
    }
    memcpy(s->terms, terms, n * sizeof *terms);
    s->n_terms = n;
    return HERD_OK;
}

herd_status herd_optimise_parse_bound(herd_optimise_settings *s, const char *text, char *err,
                                      size_t err_size)
{
    if (s == NULL || text == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no settings or no text");
    if (s->n_bounds >= HERD_OPTIMISE_MAX_BOUNDS)
        return herd_errf(err, err_size, HERD_ETOOBIG, "bound \"%s\": at most %d bounds", text,
                         HERD_OPTIMISE_MAX_BOUNDS);
    herd_optimise_bound b;
    const char *p = text;
    int ok = take_name(&p, b.metric, sizeof b.metric) == 0 && (p[0] == '>' || p[0] == '<') &&
             p[1] == '=';
    if (ok) {
        b.upper = p[0] == '<';
        p += 2;
        ok = take_number(&p, &b.value) == 0 && *p == '\0';
    }
    if (!ok)
        return herd_errf(err, err_size, HERD_EPARSE,
                         "bound \"%s\": expected METRIC>=VALUE or METRIC<=VALUE", text);
    s->bounds[s->n_bounds++] = b;
    return HERD_OK;
}

/* The closest of the n metrics to name within a few edits, for "did you mean"; NULL if none.
 * A total is near its stem too ("performnce" to performance_total), as programs let
 * "performance" stand for it. */
static const char *closest_metric(const herd_compare_metric *metrics, size_t n, const char *name)
{
    static const char total[] = "_total";
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n && strlen(name) <= 60; i++) {
        char stem[sizeof metrics[i].name];
        size_t len = strlen(metrics[i].name), cut = len - (sizeof total - 1);
        snprintf(stem, sizeof stem, "%s", metrics[i].name);
        if (len > sizeof total - 1 && strcmp(stem + cut, total) == 0)
            stem[cut] = '\0';
        size_t d = scn_edit_distance(name, metrics[i].name), ds = scn_edit_distance(name, stem);
        if (ds < d)
            d = ds;
        if (d < best_d) {
            best_d = d;
            best = metrics[i].name;
        }
    }
    return best;
}

/* HERD_OK if one of the n metrics is named name; else HERD_EINVAL with err quoting it and
 * naming the nearest metric, or every one. */
static int measured(const herd_compare_metric *metrics, size_t n, const char *name, char *err,
                    size_t err_size)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(metrics[i].name, name) == 0)
            return HERD_OK;
    const char *near = closest_metric(metrics, n, name);
    if (near != NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "\"%s\" is not a metric of the scenario; "
                         "did you mean %s?", name, near);
    herd_errf(err, err_size, HERD_EINVAL, "\"%s\" is not a metric of the scenario, which has",
              name);
    for (size_t i = 0; err != NULL && err_size > 0 && i < n; i++) {
        size_t w = strlen(err);
        snprintf(err + w, err_size - w, "%s %s", i > 0 ? "," : "", metrics[i].name);
    }
    return HERD_EINVAL;
}

/* The metrics sc measures, from the allocator of settings sim (NULL: malloc). */
static int scenario_metrics(const herd_scenario *sc, const herd_settings *sim,
                            herd_allocator *a, herd_compare_metric **metrics, size_t *n,
                            char *err, size_t err_size)
{
    herd_allocator_init(a, sim != NULL ? sim->alloc : NULL, sim != NULL ? sim->dealloc : NULL,
                        sim != NULL ? sim->alloc_ctx : NULL);
    int rc = herd_experiment_metrics(a, sc, metrics, n);
    return rc == HERD_OK ? HERD_OK : herd_errf(err, err_size, rc, "%s for the metrics",
                                               herd_strerror(rc));
}

herd_status herd_optimise_check_metric(const herd_scenario *sc, const char *name, char *err,
                                       size_t err_size)
{
    if (sc == NULL || name == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no scenario or no name");
    herd_allocator a;
    herd_compare_metric *metrics = NULL;
    size_t n = 0;
    int rc = scenario_metrics(sc, NULL, &a, &metrics, &n, err, err_size);
    if (rc == HERD_OK)
        rc = measured(metrics, n, name, err, err_size);
    herd_free(&a, metrics);
    return (herd_status)rc;
}

static int check_metrics(const herd_scenario *sc, const herd_optimise_settings *s, char *err,
                         size_t err_size)
{
    herd_allocator a;
    herd_compare_metric *metrics = NULL;
    size_t n = 0;
    char why[512];
    int rc = scenario_metrics(sc, &s->sim, &a, &metrics, &n, err, err_size);
    for (size_t i = 0; rc == HERD_OK && i < s->n_terms; i++)
        if (measured(metrics, n, s->terms[i].metric, why, sizeof why) != HERD_OK)
            rc = herd_errf(err, err_size, HERD_EINVAL, "terms[%zu].metric: %s", i, why);
    for (size_t i = 0; rc == HERD_OK && i < s->n_bounds; i++)
        if (measured(metrics, n, s->bounds[i].metric, why, sizeof why) != HERD_OK)
            rc = herd_errf(err, err_size, HERD_EINVAL, "bounds[%zu].metric: %s", i, why);
    herd_free(&a, metrics);
    return rc;
}

static long design_points(const herd_optimise_settings *s)
{
    return s->design_points > 0 ? s->design_points : s->budget / 3;
}

/* The least budget for design_points (0: a third of the budget, then at least 2) and the
 * first simplex of Nelder-Mead in dim dimensions. */
static long least_budget(long points, long dim)
{
    if (points > 0)
        return points + dim + 1;
    long b = 6;
    while (b - b / 3 < dim + 1)
        b++;
    return b;
}

long herd_optimise_min_budget(const herd_optimise_settings *s)
{
    if (s == NULL || s->design_points < 0)
        return -1;
    return least_budget(s->design_points, (long)herd_opt_dim(s));
}

/* The first setting at fault, or NULL. */
static const char *bad_setting(const herd_optimise_settings *s)
{
    long dim = (long)herd_opt_dim(s);
    if (s->n_terms < 1 || s->n_terms > HERD_OPTIMISE_MAX_TERMS)
        return "n_terms: from 1 to HERD_OPTIMISE_MAX_TERMS metrics in the objective";
    if (s->n_bounds > HERD_OPTIMISE_MAX_BOUNDS)
        return "n_bounds: at most HERD_OPTIMISE_MAX_BOUNDS";
    int any = 0;
    for (size_t i = 0; i < s->n_terms; i++) {
        if (!isfinite(s->terms[i].weight))
            return "terms: every weight finite";
        any |= s->terms[i].weight != 0;
    }
    if (!any)
        return "terms: at least one weight not 0";
    for (size_t i = 0; i < s->n_bounds; i++)
        if (!isfinite(s->bounds[i].value) || (s->bounds[i].upper != 0 && s->bounds[i].upper != 1))
            return "bounds: a finite value, and upper 0 or 1";
    if (s->reps < 1)
        return "reps: at least 1 replication per candidate";
    if (s->final_reps < HERD_COMPARE_MIN_REPS)
        return "final_reps: at least 2 replications (an interval needs two)";
    if (s->finalists < 1)
        return "finalists: at least 1";
    if (s->full_budget != 0 && s->full_budget != 1)
        return "full_budget: 0 or 1";
    if (s->front_mode != 0 && s->front_mode != 1)
        return "front_mode: 0 or 1";
    if (s->switching != 0 && s->switching != 1)
        return "switching: 0 (fixed stances) or 1 (switching styles)";
    if (s->design_points < 0 || (s->design_points == 0 && s->budget / 3 < 2))
        return "design_points: at least 2 (0 takes a third of the budget, which must then be "
               "at least 6)";
    if (design_points(s) < 2)
        return "design_points: at least 2";
    if (s->budget < design_points(s) + dim + 1)
        return "budget: at least design_points + one more than the dimension for "
               "Nelder-Mead's first simplex (8 with full_budget, 9 without; 20 and 22 with "
               "switching)";
    if (!(s->tolerance > 0))
        return "tolerance: above 0";
    if (!(s->level > 0 && s->level < 1))
        return "level: strictly between 0 and 1";
    if (s->threads < 0)
        return "threads: 0 or more";
    if (s->archetypes == NULL && s->n_archetypes > 0)
        return "archetypes: NULL with n_archetypes 0 for the built-ins";
    if (s->n_archetypes > HERD_OPTIMISE_MAX_ARCHETYPES)
        return "n_archetypes: at most HERD_OPTIMISE_MAX_ARCHETYPES";
    for (size_t i = 0; i < s->n_archetypes; i++)
        if (herd_policy_check(s->archetypes[i]) != HERD_OK)
            return "archetypes: every one a usable policy type";
    if ((s->sim.alloc == NULL) != (s->sim.dealloc == NULL))
        return "sim.alloc and sim.dealloc: both or neither";
    return NULL;
}

herd_status herd_optimise_check(const herd_scenario *sc, const herd_optimise_settings *s,
                                char *err, size_t err_size)
{
    if (sc == NULL || s == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no scenario or no settings");
    const char *bad = bad_setting(s);
    if (bad != NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "optimise settings %s", bad);
    int rc = herd_scenario_validate(sc, err, err_size);
    if (rc == HERD_OK)
        rc = check_metrics(sc, s, err, err_size);
    return (herd_status)rc;
}

long herd_opt_design_points(const herd_optimise_settings *s)
{
    return design_points(s);
}

int herd_opt_resolve(const herd_compare *c, const herd_optimise_settings *s, herd_opt_metrics *m,
                     char *err, size_t err_size)
{
    for (size_t i = 0; i < s->n_terms; i++) {
        if (herd_compare_find_metric(c, s->terms[i].metric, &m->term[i]) != HERD_OK)
            return herd_errf(err, err_size, HERD_ENOTFOUND, "metric %s is not measured",
                             s->terms[i].metric);
        m->term_sign[i] = s->terms[i].weight * herd_compare_metric_info(c, m->term[i])->better;
    }
    for (size_t i = 0; i < s->n_bounds; i++)
        if (herd_compare_find_metric(c, s->bounds[i].metric, &m->bound[i]) != HERD_OK)
            return herd_errf(err, err_size, HERD_ENOTFOUND, "metric %s is not measured",
                             s->bounds[i].metric);
    return HERD_OK;
}

/* The mean of a metric over arm's runs, or its value in one replication. */
static double value_of(const herd_compare *c, size_t arm, long rep, size_t metric)
{
    if (rep >= 0)
        return herd_compare_value(c, arm, rep, metric);
    double sum = 0;
    long n = herd_compare_n_reps(c);
    for (long r = 0; r < n; r++)
        sum += herd_compare_value(c, arm, r, metric);
    return sum / (double)n;
}

double herd_opt_objective(const herd_compare *c, const herd_optimise_settings *s,
                          const herd_opt_metrics *m, size_t arm, long rep)
{
    double f = 0;
    for (size_t i = 0; i < s->n_terms; i++)
        f += m->term_sign[i] * value_of(c, arm, rep, m->term[i]);
    return f;
}

double herd_opt_shortfall(const herd_compare *c, const herd_optimise_settings *s,
                          const herd_opt_metrics *m, size_t arm)
{
    double total = 0;
    for (size_t i = 0; i < s->n_bounds; i++) {
        const herd_optimise_bound *b = &s->bounds[i];
        double v = value_of(c, arm, -1, m->bound[i]);
        double gap = b->upper ? v - b->value : b->value - v;
        if (gap > 0)
            total += gap / (b->value != 0 ? fabs(b->value) : 1);
    }
    return total;
}

size_t herd_opt_archetypes(const herd_optimise_settings *s, const herd_policy_type *const **out)
{
    if (s->archetypes != NULL) {
        *out = s->archetypes;
        return s->n_archetypes;
    }
    *out = herd_policy_builtins();
    size_t n = 0;
    while ((*out)[n] != NULL)
        n++;
    return n;
}
