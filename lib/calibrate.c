/* Calibration by the simulated method of moments with common random numbers and GSL's
 * Nelder-Mead simplex (include/herd/calibrate.h). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "gsl_quiet.h"
#include "herd/calibrate.h"

#define MAX_FREE 32
#define MAX_TARGETS 64 /* at least herd_targets_count() */
#define INITIAL_STEP 0.5 /* of the simplex, in logistic coordinates */
#define MIN_LOGIT 6.0    /* |x| of a start at an end of its range */
#define UNUSABLE 1e300   /* what the simplex sees of a point not run or without an objective */

struct herd_calibration {
    herd_params before, after;
    const herd_param_info *free[MAX_FREE];
    size_t n_free;
    int fitted[MAX_TARGETS];
    double lo[MAX_TARGETS], hi[MAX_TARGETS];
    double weight[MAX_TARGETS]; /* 1 / the standard error at the start */
    double objective[2];
    long evals;
    herd_interval value[2][MAX_TARGETS];
};

/* What the objective needs; start holds the start's coordinates once the simplex is set up. */
typedef struct fit {
    herd_calibration *c;
    const herd_calibrate_settings *st;
    herd_interval *m;
    const gsl_vector *start;
    herd_status rc;
    char *err;
    size_t err_size;
} fit;

void herd_calibrate_settings_default(herd_calibrate_settings *s)
{
    if (s == NULL)
        return;
    memset(s, 0, sizeof *s);
    herd_targets_settings_default(&s->fit);
    s->fit.reps = 10;
    herd_targets_settings_default(&s->report);
    s->report.seed = 90210;
    s->max_evals = 60;
    s->tolerance = 1e-3;
}

void herd_calibration_free(herd_calibration *c)
{
    free(c);
}

static double to_param(const herd_param_info *p, double x)
{
    double v = p->low + (p->high - p->low) / (1 + exp(-x));
    return p->kind == HERD_PARAM_INT ? round(v) : v;
}

static double to_coordinate(const herd_param_info *p, double v)
{
    double u = (v - p->low) / (p->high - p->low);
    if (!(u > 0))
        return -MIN_LOGIT;
    if (!(u < 1))
        return MIN_LOGIT;
    double x = log(u / (1 - u));
    return fmax(-MIN_LOGIT, fmin(MIN_LOGIT, x));
}

static void set_free(const herd_calibration *c, const gsl_vector *x, herd_params *p)
{
    *p = c->before;
    for (size_t i = 0; i < c->n_free; i++)
        herd_params_set(p, c->free[i], to_param(c->free[i], gsl_vector_get(x, i)));
}

/* The distance of a mean from [lo, hi]. */
static double outside(double mean, double lo, double hi)
{
    return mean < lo ? lo - mean : mean > hi ? mean - hi : 0;
}

static double objective_of(const herd_calibration *c, const herd_interval *m)
{
    double sum = 0;
    for (size_t i = 0; i < herd_targets_count(); i++)
        if (c->fitted[i]) {
            double d = outside(m[i].mean, c->lo[i], c->hi[i]) * c->weight[i];
            sum += d * d;
        }
    return isnan(sum) ? HUGE_VAL : sum;
}

/* One more evaluation of the objective: counted, and shown to progress, which may cancel. */
static void count_evaluation(fit *f)
{
    f->c->evals++;
    if (f->st->progress != NULL &&
        f->st->progress(f->st->progress_cookie, (size_t)f->c->evals,
                        (size_t)f->st->max_evals) != 0)
        f->rc = herd_errf(f->err, f->err_size, HERD_ECALLBACK, "calibration: cancelled");
}

static int at_start(const fit *f, const gsl_vector *x)
{
    if (f->start == NULL)
        return 0;
    for (size_t i = 0; i < x->size; i++)
        if (gsl_vector_get(x, i) != gsl_vector_get(f->start, i))
            return 0;
    return 1;
}

/* The objective at x for the simplex. The start's corner reuses the start's evaluation; past
 * the budget a point is not run, and the search stops after this iteration. The best point
 * run so far is the calibration's result. */
static double evaluate(const gsl_vector *x, void *cookie)
{
    fit *f = cookie;
    herd_calibration *c = f->c;
    if (at_start(f, x))
        return isfinite(c->objective[0]) ? c->objective[0] : UNUSABLE;
    if (f->rc != HERD_OK || c->evals >= f->st->max_evals)
        return UNUSABLE;
    herd_params p;
    set_free(c, x, &p);
    f->rc = herd_targets_measure(&p, c->fitted, &f->st->fit, f->m, f->err, f->err_size);
    if (f->rc != HERD_OK)
        return UNUSABLE;
    double objective = objective_of(c, f->m);
    if (objective < c->objective[1]) {
        c->objective[1] = objective;
        c->after = p;
    }
    count_evaluation(f);
    return isfinite(objective) ? objective : UNUSABLE;
}

/* Inverse standard errors at the start, so the objective counts distances in units of the
 * noise of each mean; the start is the first evaluation and the result until a better one. */
static herd_status weigh(fit *f)
{
    herd_calibration *c = f->c;
    f->rc = herd_targets_measure(&c->before, c->fitted, &f->st->fit, f->m, f->err, f->err_size);
    if (f->rc != HERD_OK)
        return f->rc;
    for (size_t i = 0; i < herd_targets_count(); i++) {
        double se = f->m[i].sd / sqrt((double)f->m[i].n);
        c->weight[i] = 1 / fmax(se, 1e-9 * fmax(1, fabs(f->m[i].mean)));
    }
    c->objective[0] = c->objective[1] = objective_of(c, f->m);
    c->after = c->before;
    count_evaluation(f);
    return f->rc;
}

/* x if its point is the start itself, so that the simplex's corner there reuses the start's
 * evaluation; NULL where the coordinates cannot reach the start (a value outside its
 * plausible range is clamped), and that corner is a point of its own. */
static const gsl_vector *start_corner(const herd_calibration *c, const gsl_vector *x)
{
    herd_params p;
    set_free(c, x, &p);
    for (size_t i = 0; i < c->n_free; i++)
        if (herd_params_get(&p, c->free[i]) != herd_params_get(&c->before, c->free[i]))
            return NULL;
    return x;
}

static herd_status simplex(fit *f, gsl_multimin_fminimizer *s, gsl_vector *x)
{
    herd_calibration *c = f->c;
    gsl_vector *step = gsl_vector_alloc(c->n_free);
    if (step == NULL)
        return herd_errf(f->err, f->err_size, HERD_ENOMEM, "calibration: out of memory");
    gsl_vector_set_all(step, INITIAL_STEP);
    gsl_multimin_function fn = {evaluate, c->n_free, f};
    f->start = start_corner(c, x);
    int set = gsl_multimin_fminimizer_set(s, &fn, x, step);
    gsl_vector_free(step);
    while (set == GSL_SUCCESS && f->rc == HERD_OK && c->evals < f->st->max_evals) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS ||
            gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), f->st->tolerance) ==
                GSL_SUCCESS)
            break;
    }
    return f->rc;
}

static herd_status optimise(fit *f)
{
    herd_calibration *c = f->c;
    herd_status rc = weigh(f);
    if (rc != HERD_OK)
        return rc;
    gsl_vector *x = gsl_vector_alloc(c->n_free);
    gsl_multimin_fminimizer *s =
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, c->n_free);
    if (x == NULL || s == NULL) {
        rc = herd_errf(f->err, f->err_size, HERD_ENOMEM, "calibration: out of memory");
    } else {
        for (size_t i = 0; i < c->n_free; i++)
            gsl_vector_set(x, i, to_coordinate(c->free[i], herd_params_get(&c->before,
                                                                            c->free[i])));
        rc = simplex(f, s, x);
    }
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    return rc;
}

/* ---- the inputs ---------------------------------------------------------------------------- */

static herd_status pick_free(const herd_param_info **free_params, size_t *n_free,
                             const char *const *names, size_t n, char *err, size_t err_size)
{
    *n_free = 0;
    if (names == NULL || n == 0 || n > MAX_FREE)
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: free parameters: %zu given, "
                         "expected 1 to %d", names == NULL ? 0 : n, MAX_FREE);
    for (size_t i = 0; i < n; i++) {
        const herd_param_info *p = names[i] != NULL ? herd_params_find(names[i]) : NULL;
        if (p == NULL)
            return herd_errf(err, err_size, HERD_ENOTFOUND, "calibration: free parameter '%s' "
                             "is not a parameter", names[i] != NULL ? names[i] : "(null)");
        if (!(p->low < p->high))
            return herd_errf(err, err_size, HERD_EINVAL, "calibration: free parameter %s has "
                             "no plausible range to search", p->name);
        for (size_t j = 0; j < i; j++)
            if (free_params[j] == p)
                return herd_errf(err, err_size, HERD_EINVAL, "calibration: free parameter %s "
                                 "given twice", p->name);
        free_params[(*n_free)++] = p;
    }
    return HERD_OK;
}

/* The start, then the first simplex's other corners, one per free parameter. */
static long min_evals(size_t n_free)
{
    return (long)n_free + 1;
}

herd_status herd_calibrate_min_evals(const char *const *free_params, size_t n_free, long *out,
                                     char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: no place for the result");
    const herd_param_info *picked[MAX_FREE];
    size_t n = 0;
    herd_status rc = pick_free(picked, &n, free_params, n_free, err, err_size);
    if (rc == HERD_OK)
        *out = min_evals(n);
    return rc;
}

static herd_status pick_target(herd_calibration *c, const herd_calibrate_target *t, char *err,
                               size_t err_size)
{
    size_t i = herd_targets_find(t->id);
    if (i == (size_t)-1)
        return herd_errf(err, err_size, HERD_ENOTFOUND, "calibration: target '%s' is not in "
                         "the targets table", t->id != NULL ? t->id : "(null)");
    const herd_target *row = herd_targets_get(i);
    if (c->fitted[i])
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: target %s given twice",
                         t->id);
    if (!t->override && isnan(row->lo))
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: target %s is context "
                         "without a range; give one to fit it", t->id);
    if (t->override && !(t->lo <= t->hi))
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: target %s: lo = %g above "
                         "hi = %g", t->id, t->lo, t->hi);
    c->fitted[i] = 1;
    c->lo[i] = t->override ? t->lo : row->lo;
    c->hi[i] = t->override ? t->hi : row->hi;
    return HERD_OK;
}

static herd_status check_inputs(herd_calibration *c, const herd_params *start,
                                const char *const *free_params, size_t n_free,
                                const herd_calibrate_target *targets, size_t n_targets,
                                const herd_calibrate_settings *st, char *err, size_t err_size)
{
    if (start == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: no starting parameters");
    char why[512] = "";
    herd_status rc = herd_params_validate(start, why, sizeof why);
    if (rc != HERD_OK)
        return herd_errf(err, err_size, rc, "calibration: start: %s", why);
    if (!(st->tolerance > 0) || st->fit.reps < HERD_COMPARE_MIN_REPS ||
        st->report.reps < HERD_COMPARE_MIN_REPS)
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: settings: tolerance > 0 and "
                         "reps >= %d expected (tolerance = %g, fit.reps = %ld, report.reps = "
                         "%ld)", HERD_COMPARE_MIN_REPS, st->tolerance, st->fit.reps,
                         st->report.reps);
    if ((rc = pick_free(c->free, &c->n_free, free_params, n_free, err, err_size)) != HERD_OK)
        return rc;
    if (st->max_evals < min_evals(c->n_free))
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: settings max_evals = %ld, "
                         "expected at least %ld, the free parameters + 1 (the start and the "
                         "first simplex around it)", st->max_evals, min_evals(c->n_free));
    if (targets == NULL || n_targets == 0)
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: no targets to fit");
    for (size_t i = 0; i < herd_targets_count(); i++) {
        c->lo[i] = herd_targets_get(i)->lo;
        c->hi[i] = herd_targets_get(i)->hi;
    }
    for (size_t i = 0; i < n_targets; i++)
        if ((rc = pick_target(c, &targets[i], err, err_size)) != HERD_OK)
            return rc;
    /* What the fit's and the report's runs need of the start, before either runs. */
    if ((rc = herd_targets_check(start, c->fitted, &st->fit, why, sizeof why)) != HERD_OK ||
        (rc = herd_targets_check(start, NULL, &st->report, why, sizeof why)) != HERD_OK)
        return herd_errf(err, err_size, rc, "calibration: start: %s", why);
    return HERD_OK;
}

static herd_status report(herd_calibration *c, const herd_calibrate_settings *st, char *err,
                          size_t err_size)
{
    herd_status rc = herd_targets_measure(&c->before, NULL, &st->report, c->value[0], err,
                                          err_size);
    if (rc == HERD_OK)
        rc = herd_targets_measure(&c->after, NULL, &st->report, c->value[1], err, err_size);
    return rc;
}

herd_status herd_calibrate(herd_calibration **out, const herd_params *start,
                           const char *const *free_params, size_t n_free,
                           const herd_calibrate_target *targets, size_t n_targets,
                           const herd_calibrate_settings *settings, char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "calibration: no place for the result");
    *out = NULL;
    herd_calibrate_settings st;
    if (settings != NULL)
        st = *settings;
    else
        herd_calibrate_settings_default(&st);
    herd_calibration *c = calloc(1, sizeof *c);
    herd_interval *m = malloc(herd_targets_count() * sizeof *m);
    herd_status rc = c != NULL && m != NULL ? HERD_OK : HERD_ENOMEM;
    if (rc != HERD_OK)
        herd_errf(err, err_size, rc, "calibration: out of memory");
    else
        rc = check_inputs(c, start, free_params, n_free, targets, n_targets, &st, err, err_size);
    if (rc == HERD_OK) {
        c->before = c->after = *start;
        fit f = {c, &st, m, NULL, HERD_OK, err, err_size};
        herd_gsl_quiet();
        rc = optimise(&f);
    }
    if (rc == HERD_OK)
        rc = report(c, &st, err, err_size);
    free(m);
    if (rc != HERD_OK) {
        free(c);
        return rc;
    }
    *out = c;
    return HERD_OK;
}

/* ---- the result ---------------------------------------------------------------------------- */

const herd_params *herd_calibration_before(const herd_calibration *c)
{
    return c != NULL ? &c->before : NULL;
}

const herd_params *herd_calibration_after(const herd_calibration *c)
{
    return c != NULL ? &c->after : NULL;
}

size_t herd_calibration_n_free(const herd_calibration *c)
{
    return c != NULL ? c->n_free : 0;
}

const herd_param_info *herd_calibration_free_param(const herd_calibration *c, size_t i)
{
    return c != NULL && i < c->n_free ? c->free[i] : NULL;
}

double herd_calibration_objective(const herd_calibration *c, int after)
{
    return c != NULL ? c->objective[after != 0] : NAN;
}

long herd_calibration_evals(const herd_calibration *c)
{
    return c != NULL ? c->evals : 0;
}

herd_status herd_calibration_fitted(const herd_calibration *c, size_t i)
{
    return c != NULL && i < herd_targets_count() && c->fitted[i];
}

void herd_calibration_range(const herd_calibration *c, size_t i, double *lo, double *hi)
{
    int known = c != NULL && i < herd_targets_count();
    if (lo != NULL)
        *lo = known ? c->lo[i] : NAN;
    if (hi != NULL)
        *hi = known ? c->hi[i] : NAN;
}

const herd_interval *herd_calibration_value(const herd_calibration *c, size_t i, int after)
{
    return c != NULL && i < herd_targets_count() ? &c->value[after != 0][i] : NULL;
}
