/* The optimal-stance map: an optimisation in every cell of a grid over two scenario keys. */
#include <math.h>
#include <string.h>

#include "compare_internal.h"
#include "errmsg.h"
#include "optimise_internal.h"

struct herd_optimum_map {
    herd_allocator a;
    herd_factor axes[2];
    long steps[2];
    double *values[2];
    herd_optimum **cells; /* [i * steps[1] + j] */
    herd_scenario **scenarios;
    /* progress over the whole map */
    const herd_optimise_settings *set;
    long done, total;
};

void herd_optimum_map_free(herd_optimum_map *m)
{
    if (m == NULL)
        return;
    herd_allocator a = m->a;
    long n = m->steps[0] * m->steps[1];
    for (long c = 0; c < n; c++) {
        if (m->cells != NULL)
            herd_optimum_free(m->cells[c]);
        if (m->scenarios != NULL)
            herd_scenario_free(m->scenarios[c]);
    }
    herd_free(&a, m->cells);
    herd_free(&a, m->scenarios);
    herd_free(&a, m->values[0]);
    herd_free(&a, m->values[1]);
    herd_free(&a, m);
}

static int check_axes(const herd_scenario *s, herd_factor axes[2], char *err, size_t err_size)
{
    if (strcmp(axes[0].key, axes[1].key) == 0)
        return herd_errf(err, err_size, HERD_EINVAL, "optimal-stance map: both axes vary %s",
                         axes[0].key);
    int rc = herd_sweep_resolve(s, axes, 2, err, err_size);
    for (int a = 0; rc == HERD_OK && a < 2; a++)
        if (axes[a].lo == axes[a].hi && axes[a].steps > 1)
            rc = herd_errf(err, err_size, HERD_EINVAL, "optimal-stance map: axis %s runs from "
                           "%g to %g: %ld steps would repeat one value", axes[a].key,
                           axes[a].lo, axes[a].hi, axes[a].steps);
    if (rc == HERD_OK && axes[0].steps * axes[1].steps < 2)
        rc = herd_errf(err, err_size, HERD_EINVAL, "optimal-stance map: a grid of one cell; "
                       "give an axis two steps or more (one cell is herd_optimise_run)");
    return rc;
}

/* The grid's values and every cell's scenario, checked before anything runs. */
static int make_cells(herd_optimum_map *m, const herd_scenario *s, const herd_optimise_settings *set,
                      char *err, size_t err_size)
{
    long n = m->steps[0] * m->steps[1];
    m->cells = herd_calloc(&m->a, (size_t)n, sizeof *m->cells);
    m->scenarios = herd_calloc(&m->a, (size_t)n, sizeof *m->scenarios);
    for (int a = 0; a < 2; a++)
        m->values[a] = herd_calloc(&m->a, (size_t)m->steps[a], sizeof(double));
    if (!m->cells || !m->scenarios || !m->values[0] || !m->values[1])
        return herd_errf(err, err_size, HERD_ENOMEM, "out of memory for a map of %ld cells", n);
    for (int a = 0; a < 2; a++)
        for (long i = 0; i < m->steps[a]; i++) {
            const herd_factor *f = &m->axes[a];
            double v = f->steps > 1 ? f->lo + (f->hi - f->lo) * (double)i / (double)(f->steps - 1)
                                    : f->lo;
            m->values[a][i] = f->integer ? round(v) : v;
        }
    int rc = HERD_OK;
    for (long c = 0; rc == HERD_OK && c < n; c++) {
        long i = c / m->steps[1], j = c % m->steps[1];
        char why[512] = "";
        rc = herd_scenario_copy(&m->scenarios[c], s);
        for (int a = 0; rc == HERD_OK && a < 2; a++)
            rc = herd_scenario_set_number(m->scenarios[c], m->axes[a].key,
                                          m->values[a][a == 0 ? i : j], why, sizeof why);
        if (rc == HERD_OK)
            rc = herd_optimise_check(m->scenarios[c], set, why, sizeof why);
        if (rc != HERD_OK)
            herd_errf(err, err_size, rc, "cell (%s = %g, %s = %g): %s", m->axes[0].key,
                      m->values[0][i], m->axes[1].key, m->values[1][j],
                      *why ? why : herd_strerror(rc));
    }
    return rc;
}

static int map_progress(void *cookie, size_t done, size_t total)
{
    (void)total;
    const herd_optimum_map *m = cookie;
    return m->set->progress(m->set->progress_cookie, (size_t)m->done + done, (size_t)m->total);
}

static int run_cells(herd_optimum_map *m, const herd_optimise_settings *set, char *err,
                     size_t err_size)
{
    long n = m->steps[0] * m->steps[1];
    herd_optimise_settings cell = *set;
    if (set->progress != NULL) {
        cell.progress = map_progress;
        cell.progress_cookie = m;
    }
    int rc = HERD_OK;
    for (long c = 0; rc == HERD_OK && c < n; c++) {
        char why[512] = "";
        rc = herd_optimise_run(&m->cells[c], m->scenarios[c], &cell, why, sizeof why);
        if (rc != HERD_OK) {
            long i = c / m->steps[1], j = c % m->steps[1];
            herd_errf(err, err_size, rc, "cell (%s = %g, %s = %g): %s", m->axes[0].key,
                      m->values[0][i], m->axes[1].key, m->values[1][j], why);
        } else {
            m->done += herd_optimum_runs(m->cells[c]);
        }
    }
    return rc;
}

herd_status herd_optimum_map_run(herd_optimum_map **out, const herd_scenario *s,
                                 const herd_factor axes[2], const herd_optimise_settings *settings,
                                 char *err, size_t err_size)
{
    if (out == NULL || axes == NULL || s == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no place for the map, no axes or no scenario");
    *out = NULL;
    herd_optimise_settings defaults;
    herd_optimise_settings_default(&defaults);
    const herd_optimise_settings *set = settings != NULL ? settings : &defaults;
    herd_factor ax[2] = {axes[0], axes[1]};
    int rc = check_axes(s, ax, err, err_size);
    if (rc != HERD_OK)
        return (herd_status)rc;
    herd_allocator a;
    herd_allocator_init(&a, set->sim.alloc, set->sim.dealloc, set->sim.alloc_ctx);
    herd_optimum_map *m = herd_calloc(&a, 1, sizeof *m);
    if (m == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "out of memory for the map");
    m->a = a;
    m->set = set;
    for (int i = 0; i < 2; i++) {
        m->axes[i] = ax[i];
        m->steps[i] = ax[i].steps;
    }
    rc = make_cells(m, s, set, err, err_size);
    if (rc == HERD_OK) {
        m->total = herd_opt_runs_total(set) * m->steps[0] * m->steps[1];
        rc = run_cells(m, set, err, err_size);
    }
    m->set = NULL;
    if (rc != HERD_OK) {
        herd_optimum_map_free(m);
        return (herd_status)rc;
    }
    *out = m;
    return HERD_OK;
}

long herd_optimum_map_steps(const herd_optimum_map *m, int axis)
{
    return m != NULL && (axis == 0 || axis == 1) ? m->steps[axis] : 0;
}

double herd_optimum_map_axis_value(const herd_optimum_map *m, int axis, long i)
{
    if (m == NULL || (axis != 0 && axis != 1) || i < 0 || i >= m->steps[axis])
        return NAN;
    return m->values[axis][i];
}

const char *herd_optimum_map_axis_key(const herd_optimum_map *m, int axis)
{
    return m != NULL && (axis == 0 || axis == 1) ? m->axes[axis].key : NULL;
}

const herd_optimum *herd_optimum_map_cell(const herd_optimum_map *m, long i, long j)
{
    if (m == NULL || i < 0 || j < 0 || i >= m->steps[0] || j >= m->steps[1])
        return NULL;
    return m->cells[i * m->steps[1] + j];
}
