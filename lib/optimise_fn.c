/* The search of herd_optimise_run over a caller's function of a point of the simplex. */
#include <math.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "errmsg.h"
#include "herd/design.h"
#include "herd/rng.h"
#include "optimise_internal.h"

typedef struct fn_search {
    size_t k;
    herd_simplex_fn f;
    void *cookie;
    const herd_simplex_settings *set;
    herd_allocator a;
    double *x;    /* [candidate][k] */
    double *mean; /* [candidate] */
    size_t n, cap;
    long calls;
} fn_search;

void herd_simplex_settings_default(herd_simplex_settings *s)
{
    if (s == NULL)
        return;
    herd_optimise_settings o;
    herd_optimise_settings_default(&o);
    memset(s, 0, sizeof *s);
    s->budget = o.budget;
    s->design_points = o.design_points;
    s->reps = o.reps;
    s->final_reps = o.final_reps;
    s->finalists = o.finalists;
    s->tolerance = o.tolerance;
    s->seed = 1;
    s->threads = o.threads;
}

/* f at n points for reps replications of base seed, into values[point][rep]; the first
 * failure in that order, named in err. */
static int run_points(fn_search *fs, const double *x, size_t n, long reps, uint64_t seed,
                      double *values, int *status, char *err, size_t err_size)
{
    long total = (long)n * reps;
#ifdef _OPENMP
    int team = fs->set->threads > 0 ? fs->set->threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic) num_threads(team)
#endif
    for (long j = 0; j < total; j++) {
        uint64_t s = herd_seed_derive(seed, (uint64_t)(j % reps));
        status[j] = fs->f(fs->cookie, x + (size_t)(j / reps) * fs->k, fs->k, s, &values[j]);
        if (status[j] == HERD_OK && !isfinite(values[j]))
            status[j] = HERD_ERANGE;
    }
    fs->calls += total;
    for (long j = 0; j < total; j++)
        if (status[j] != HERD_OK)
            return herd_errf(err, err_size, status[j],
                             "the function %s at point %ld of its batch, replication %ld (%s)",
                             status[j] == HERD_ERANGE ? "is not finite" : "failed",
                             j / reps, j % reps, herd_strerror(status[j]));
    return HERD_OK;
}

/* The means over reps of values[point][rep] into mean[0..n). */
static void means(const double *values, size_t n, long reps, double *mean)
{
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (long r = 0; r < reps; r++)
            sum += values[i * (size_t)reps + (size_t)r];
        mean[i] = sum / (double)reps;
    }
}

static int runs(fn_search *fs, const double *x, size_t n, long reps, uint64_t seed,
                double *mean, char *err, size_t err_size)
{
    double *values = herd_calloc(&fs->a, n * (size_t)reps, sizeof *values);
    int *status = herd_calloc(&fs->a, n * (size_t)reps, sizeof *status);
    int rc = values && status ? HERD_OK : HERD_ENOMEM;
    if (rc == HERD_OK)
        rc = run_points(fs, x, n, reps, seed, values, status, err, err_size);
    else
        herd_errf(err, err_size, rc, "out of memory for %zu points", n);
    if (rc == HERD_OK)
        means(values, n, reps, mean);
    herd_free(&fs->a, status);
    herd_free(&fs->a, values);
    return rc;
}

static int grow(fn_search *fs, size_t more)
{
    if (fs->n + more <= fs->cap)
        return HERD_OK;
    size_t cap = 2 * (fs->n + more);
    double *x = herd_calloc(&fs->a, cap * fs->k, sizeof *x);
    double *mean = herd_calloc(&fs->a, cap, sizeof *mean);
    if (x == NULL || mean == NULL) {
        herd_free(&fs->a, x);
        herd_free(&fs->a, mean);
        return HERD_ENOMEM;
    }
    if (fs->n > 0) {
        memcpy(x, fs->x, fs->n * fs->k * sizeof *x);
        memcpy(mean, fs->mean, fs->n * sizeof *mean);
    }
    herd_free(&fs->a, fs->x);
    herd_free(&fs->a, fs->mean);
    fs->x = x;
    fs->mean = mean;
    fs->cap = cap;
    return HERD_OK;
}

static int evaluate(void *ctx, const double *pts, size_t n, int phase, char *err,
                    size_t err_size)
{
    fn_search *fs = ctx;
    if (grow(fs, n) != HERD_OK)
        return herd_errf(err, err_size, HERD_ENOMEM, "out of memory for %zu points", n);
    double *x = fs->x + fs->n * fs->k;
    for (size_t j = 0; j < n; j++) {
        if (phase == 1)
            herd_opt_from_unit(pts + j * fs->k, fs->k, x + j * fs->k);
        else
            herd_opt_alr_inverse(pts + j * (fs->k - 1), fs->k, x + j * fs->k);
    }
    int rc = runs(fs, x, n, fs->set->reps, fs->set->seed, fs->mean + fs->n, err, err_size);
    if (rc == HERD_OK)
        fs->n += n;
    return rc;
}

static size_t count(const void *ctx)
{
    return ((const fn_search *)ctx)->n;
}

static double score(const void *ctx, size_t i)
{
    return -((const fn_search *)ctx)->mean[i];
}

static void coords(const void *ctx, size_t i, double *y)
{
    const fn_search *fs = ctx;
    herd_opt_alr(fs->x + i * fs->k, fs->k, y);
}

static int same(const void *ctx, size_t i, size_t j)
{
    const fn_search *fs = ctx;
    return herd_opt_same_point(fs->x + i * fs->k, fs->x + j * fs->k, fs->k);
}

/* Phase 3: the finalists on fresh seeds; the best of them into x and out. */
static int finals(fn_search *fs, const herd_opt_search *s, double *x, herd_simplex_result *out,
                  char *err, size_t err_size)
{
    size_t cap = (size_t)s->finalists, k = fs->k;
    size_t *idx = herd_calloc(&fs->a, cap, sizeof *idx);
    double *pts = herd_calloc(&fs->a, cap * k, sizeof *pts);
    double *mean = herd_calloc(&fs->a, cap, sizeof *mean);
    int rc = idx && pts && mean ? HERD_OK : HERD_ENOMEM;
    if (rc != HERD_OK)
        herd_errf(err, err_size, rc, "out of memory for the finalists");
    size_t n = rc == HERD_OK ? herd_opt_search_finalists(s, idx) : 0;
    for (size_t i = 0; i < n; i++)
        memcpy(pts + i * k, fs->x + idx[i] * k, k * sizeof *pts);
    uint64_t seed = herd_seed_derive(fs->set->seed, HERD_OPTIMISE_FINAL_STREAM);
    if (rc == HERD_OK)
        rc = runs(fs, pts, n, fs->set->final_reps, seed, mean, err, err_size);
    size_t best = 0;
    for (size_t i = 1; rc == HERD_OK && i < n; i++)
        if (mean[i] > mean[best])
            best = i;
    if (rc == HERD_OK) {
        memcpy(x, pts + best * k, k * sizeof *x);
        out->value = mean[best];
        out->points = s->evals;
        out->evaluations = fs->calls;
    }
    herd_free(&fs->a, mean);
    herd_free(&fs->a, pts);
    herd_free(&fs->a, idx);
    return rc;
}

static long design_size(const herd_simplex_settings *s)
{
    return s->design_points > 0 ? s->design_points : s->budget / 3;
}

/* The first setting at fault, or NULL. */
static const char *bad_setting(size_t k, const herd_simplex_settings *s)
{
    if (k < 2 || k > HERD_DESIGN_SOBOL_MAX_FACTORS)
        return "k: from 2 to HERD_DESIGN_SOBOL_MAX_FACTORS components";
    if (s->design_points < 0 || design_size(s) < 2)
        return "design_points: at least 2 (0 takes a third of the budget)";
    if (s->budget < design_size(s) + (long)k)
        return "budget: at least design_points + k, for Nelder-Mead's first simplex";
    if (s->reps < 1 || s->final_reps < 1)
        return "reps and final_reps: at least 1 replication";
    if (s->finalists < 1)
        return "finalists: at least 1";
    if (!(s->tolerance > 0))
        return "tolerance: above 0";
    if (s->threads < 0)
        return "threads: 0 or more";
    if ((s->sim.alloc == NULL) != (s->sim.dealloc == NULL))
        return "sim.alloc and sim.dealloc: both or neither";
    return NULL;
}

herd_status herd_optimise_simplex(size_t k, herd_simplex_fn f, void *cookie,
                                  const herd_simplex_settings *settings, double *x,
                                  herd_simplex_result *out, char *err, size_t err_size)
{
    herd_simplex_settings defaults;
    herd_simplex_settings_default(&defaults);
    const herd_simplex_settings *set = settings != NULL ? settings : &defaults;
    if (f == NULL || x == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no function or no place for the point");
    const char *bad = bad_setting(k, set);
    if (bad != NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "simplex settings %s", bad);
    fn_search fs = {.k = k, .f = f, .cookie = cookie, .set = set};
    herd_allocator_init(&fs.a, set->sim.alloc, set->sim.dealloc, set->sim.alloc_ctx);
    herd_opt_search s = {.unit_dim = k, .dim = k - 1, .budget = set->budget,
                         .design_points = design_size(set), .finalists = set->finalists,
                         .tolerance = set->tolerance, .ctx = &fs, .evaluate = evaluate,
                         .count = count, .score = score, .coords = coords, .same = same};
    herd_simplex_result r;
    int rc = herd_opt_search_run(&s, &fs.a, err, err_size);
    if (rc == HERD_OK)
        rc = finals(&fs, &s, x, &r, err, err_size);
    if (rc == HERD_OK && out != NULL)
        *out = r;
    herd_free(&fs.a, fs.x);
    herd_free(&fs.a, fs.mean);
    return (herd_status)rc;
}
