/* Regime maps: a paired comparison in every cell of a grid over two scenario keys, with the
 * same seeds in every cell. */
#include <math.h>
#include <string.h>

#include "compare_internal.h"
#include "errmsg.h"

struct herd_regime {
    herd_allocator a;
    herd_sweep *sweep; /* over a grid design: point i * steps[1] + j is cell (i, j) */
    long steps[2];
};

void herd_regime_free(herd_regime *r)
{
    if (r == NULL)
        return;
    herd_allocator a = r->a;
    herd_sweep_free(r->sweep);
    herd_free(&a, r);
}

static int check_axes(const herd_scenario *s, herd_factor axes[2], char *err, size_t err_size)
{
    if (strcmp(axes[0].key, axes[1].key) == 0) {
        herd_errf(err, err_size, 0, "regime map: both axes vary %s", axes[0].key);
        return HERD_EINVAL;
    }
    return herd_sweep_resolve(s, axes, 2, err, err_size);
}

static int build(herd_regime *r, const herd_scenario *s, herd_factor axes[2],
                 const herd_policy_type *const *policies, size_t n_policies,
                 const herd_compare_settings *cs, char *err, size_t err_size)
{
    herd_design *grid = NULL;
    int rc = herd_design_new(&grid, HERD_DESIGN_GRID, axes, 2, 0, 0, err, err_size);
    if (rc == HERD_OK) {
        r->steps[0] = herd_design_factor(grid, 0)->steps;
        r->steps[1] = herd_design_factor(grid, 1)->steps;
        rc = herd_sweep_build(&r->sweep, s, grid, 1, policies, n_policies, cs, err, err_size);
    }
    herd_design_free(grid);
    return rc;
}

herd_status herd_regime_run(herd_regime **out, const herd_scenario *s, const herd_factor axes[2],
                            const herd_policy_type *const *policies, size_t n_policies,
                            const herd_compare_settings *settings, char *err, size_t err_size)
{
    if (out == NULL || axes == NULL)
        return HERD_EINVAL;
    *out = NULL;
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    if (settings != NULL)
        cs = *settings;
    cs.keep_records = 0;
    herd_factor ax[2] = {axes[0], axes[1]};
    int rc = herd_compare_check(s, policies, n_policies, &cs, HERD_COMPARE_MIN_REPS, err,
                                err_size);
    if (rc == HERD_OK)
        rc = check_axes(s, ax, err, err_size);
    if (rc != HERD_OK)
        return (herd_status)rc;
    herd_allocator a;
    herd_allocator_init(&a, cs.sim.alloc, cs.sim.dealloc, cs.sim.alloc_ctx);
    herd_regime *r = herd_calloc(&a, 1, sizeof *r);
    if (r == NULL) {
        herd_errf(err, err_size, 0, "out of memory for the regime map");
        return HERD_ENOMEM;
    }
    r->a = a;
    rc = build(r, s, ax, policies, n_policies, &cs, err, err_size);
    if (rc != HERD_OK) {
        herd_regime_free(r);
        return (herd_status)rc;
    }
    *out = r;
    return HERD_OK;
}

long herd_regime_steps(const herd_regime *r, int axis)
{
    return r != NULL && (axis == 0 || axis == 1) ? r->steps[axis] : 0;
}

double herd_regime_axis_value(const herd_regime *r, int axis, long i)
{
    if (r == NULL || (axis != 0 && axis != 1) || i < 0 || i >= r->steps[axis])
        return NAN;
    long point = axis == 0 ? i * r->steps[1] : i;
    return herd_sweep_value(r->sweep, point, (size_t)axis);
}

const char *herd_regime_axis_key(const herd_regime *r, int axis)
{
    const herd_factor *f = r != NULL && (axis == 0 || axis == 1)
                               ? herd_sweep_factor(r->sweep, (size_t)axis)
                               : NULL;
    return f != NULL ? f->key : NULL;
}

const herd_compare *herd_regime_cell(const herd_regime *r, long i, long j)
{
    if (r == NULL || i < 0 || j < 0 || i >= r->steps[0] || j >= r->steps[1])
        return NULL;
    return herd_sweep_point(r->sweep, i * r->steps[1] + j);
}

/* The best arm in the metric's direction among those strictly behind ceiling (all arms if
 * ceiling is NaN); n if there is none. */
static size_t best_below(const double *mean, size_t n, int better, double ceiling)
{
    size_t best = n;
    for (size_t p = 0; p < n; p++) {
        double v = better * mean[p];
        if (!isnan(ceiling) && !(v < better * ceiling))
            continue;
        if (best == n || v > better * mean[best])
            best = p;
    }
    return best;
}

static void rank(const double *mean, size_t n, int better, herd_regime_result *out)
{
    out->winner = best_below(mean, n, better, NAN);
    out->runner_up = best_below(mean, n, better, mean[out->winner]);
    if (out->runner_up == n)
        out->runner_up = out->winner;
    out->n_tied = 0;
    for (size_t p = 0; p < n; p++)
        out->n_tied += mean[p] == mean[out->winner];
}

herd_status herd_regime_rank(const herd_compare *c, const double *mean, size_t metric,
                             herd_regime_result *out)
{
    memset(out, 0, sizeof *out);
    int better = c->metrics[metric].better;
    rank(mean, c->n_policies, better, out);
    double runner_up = mean[out->runner_up];
    size_t first = better > 0 ? out->winner : out->runner_up;
    size_t second = better > 0 ? out->runner_up : out->winner;
    herd_status rc = herd_compare_difference(c, first, second, metric, &out->margin);
    out->margin_pct = runner_up != 0 ? 100 * out->margin.mean / fabs(runner_up) : NAN;
    return rc;
}

herd_status herd_regime_result_of(const herd_regime *r, long i, long j, size_t metric,
                                  herd_regime_result *out)
{
    const herd_compare *c = herd_regime_cell(r, i, j);
    if (c == NULL || out == NULL || metric >= c->n_metrics)
        return HERD_EINVAL;
    double *mean = herd_calloc(&r->a, c->n_policies, sizeof *mean);
    if (mean == NULL)
        return HERD_ENOMEM;
    herd_compare_means(c, metric, mean);
    herd_status rc = herd_regime_rank(c, mean, metric, out);
    herd_free(&r->a, mean);
    return rc;
}
