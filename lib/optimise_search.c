/* The search both optimisers share: a Sobol design over the unit cube, Nelder-Mead from its
 * best point in open coordinates, and the best distinct candidates as finalists. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "errmsg.h"
#include "gsl_quiet.h"
#include "herd/design.h"
#include "optimise_internal.h"

size_t herd_opt_search_best(const herd_opt_search *s)
{
    size_t best = 0, n = s->count(s->ctx);
    for (size_t i = 1; i < n; i++)
        if (s->score(s->ctx, i) < s->score(s->ctx, best))
            best = i;
    return best;
}

/* ---- phase 1: the design ---------------------------------------------------------------- */

static int design_points(const herd_opt_search *s, double *u, char *err, size_t err_size)
{
    herd_factor f[HERD_DESIGN_SOBOL_MAX_FACTORS];
    memset(f, 0, sizeof f);
    for (size_t i = 0; i < s->unit_dim; i++) {
        snprintf(f[i].key, sizeof f[i].key, "u%zu", i);
        f[i].hi = 1;
    }
    herd_design *d = NULL;
    herd_design_cursor *cur = NULL;
    int rc = herd_design_new(&d, HERD_DESIGN_SOBOL, f, s->unit_dim, s->design_points, 0, err,
                             err_size);
    if (rc == HERD_OK)
        rc = herd_design_cursor_new(&cur, d);
    for (long j = 0; rc == HERD_OK && j < s->design_points; j++)
        rc = herd_design_cursor_point(cur, j, u + (size_t)j * s->unit_dim, NULL);
    herd_design_cursor_free(cur);
    herd_design_free(d);
    return rc;
}

static int phase_design(herd_opt_search *s, const herd_allocator *a, char *err, size_t err_size)
{
    double *u = herd_calloc(a, (size_t)s->design_points * s->unit_dim, sizeof *u);
    if (u == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "out of memory for %ld design points",
                         s->design_points);
    int rc = design_points(s, u, err, err_size);
    if (rc == HERD_OK)
        rc = s->evaluate(s->ctx, u, (size_t)s->design_points, 1, err, err_size);
    s->evals += s->design_points;
    herd_free(a, u);
    return rc;
}

/* ---- phase 2: Nelder-Mead --------------------------------------------------------------- */

typedef struct nm_ctx {
    herd_opt_search *s;
    int rc;
    char *err;
    size_t err_size;
} nm_ctx;

static double nm_f(const gsl_vector *y, void *params)
{
    nm_ctx *nm = params;
    herd_opt_search *s = nm->s;
    /* Past the budget the point is not run: the search stops after this iteration. */
    if (nm->rc != HERD_OK || s->evals >= s->budget)
        return 1e300;
    nm->rc = s->evaluate(s->ctx, y->data, 1, 2, nm->err, nm->err_size);
    s->evals++;
    return nm->rc == HERD_OK ? s->score(s->ctx, s->count(s->ctx) - 1) : 1e300;
}

static int nm_search(herd_opt_search *s, gsl_multimin_fminimizer *m, gsl_vector *y,
                     gsl_vector *step, nm_ctx *nm)
{
    s->coords(s->ctx, herd_opt_search_best(s), y->data);
    gsl_vector_set_all(step, 1.0);
    gsl_multimin_function f = {.f = nm_f, .n = s->dim, .params = nm};
    gsl_multimin_fminimizer_set(m, &f, y, step);
    while (nm->rc == HERD_OK && s->evals < s->budget) {
        if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
            break;
        if (gsl_multimin_fminimizer_size(m) < s->tolerance)
            break;
    }
    return nm->rc;
}

static int phase_search(herd_opt_search *s, char *err, size_t err_size)
{
    nm_ctx nm = {s, HERD_OK, err, err_size};
    herd_gsl_quiet();
    gsl_multimin_fminimizer *m =
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, s->dim);
    gsl_vector *y = gsl_vector_alloc(s->dim), *step = gsl_vector_alloc(s->dim);
    int rc = m && y && step ? nm_search(s, m, y, step, &nm) : HERD_ENOMEM;
    if (rc == HERD_ENOMEM && nm.rc == HERD_OK)
        herd_errf(err, err_size, rc, "out of memory for Nelder-Mead");
    gsl_vector_free(step);
    gsl_vector_free(y);
    gsl_multimin_fminimizer_free(m);
    return rc;
}

int herd_opt_search_run(herd_opt_search *s, const herd_allocator *a, char *err, size_t err_size)
{
    s->evals = 0;
    int rc = phase_design(s, a, err, err_size);
    return rc == HERD_OK ? phase_search(s, err, err_size) : rc;
}

/* ---- phase 3's finalists ---------------------------------------------------------------- */

size_t herd_opt_search_finalists(const herd_opt_search *s, size_t *out)
{
    size_t n = 0, n_cand = s->count(s->ctx);
    while (n < (size_t)s->finalists) {
        size_t best = n_cand;
        for (size_t i = 0; i < n_cand; i++) {
            int taken = 0;
            for (size_t j = 0; j < n && !taken; j++)
                taken = s->same(s->ctx, i, out[j]);
            if (!taken && (best == n_cand || s->score(s->ctx, i) < s->score(s->ctx, best)))
                best = i;
        }
        if (best == n_cand)
            break;
        out[n++] = best;
    }
    return n;
}
