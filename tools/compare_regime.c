/* herd compare: the regime map, the first scenario over a grid of mean team skill and crisis
 * frequency, and which policy wins in each cell. */
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"

static void fill_axis(double *axis, size_t n, const double range[2])
{
    for (size_t i = 0; i < n; i++)
        axis[i] = range[0] + (range[1] - range[0]) * (double)i / (double)(n - 1);
}

static int set_param(herd_scenario *s, const char *name, double value, char *err,
                     size_t err_size)
{
    char text[32];
    snprintf(text, sizeof text, "%.17g", value);
    return herd_scenario_set(s, name, text, err, err_size) == HERD_OK ? 0 : HERD_EXIT_USAGE;
}

/* The first scenario, loaded afresh (a scenario cannot be copied), with the cell's values. */
static int make_cell(herd_scenario **cell, const cmp_study *st, double skill, double crisis,
                     char *err, size_t err_size)
{
    char why[CMP_ERR];
    int rc = cmp_load_scenario(st->opt, 0, cell, why, sizeof why);
    if (rc == 0)
        rc = set_param(*cell, "skill_mean", skill, why, sizeof why);
    if (rc == 0)
        rc = set_param(*cell, "crisis_rate", crisis, why, sizeof why);
    if (rc == 0 && herd_scenario_validate(*cell, why, sizeof why) != HERD_OK)
        rc = HERD_EXIT_USAGE;
    if (rc != 0)
        snprintf(err, err_size, "regime map cell skill_mean = %g, crisis_rate = %g: %s", skill,
                 crisis, why);
    return rc;
}

int cmp_regime_new(cmp_regime *rm, const cmp_study *st, char *err, size_t err_size)
{
    const cmp_options *o = st->opt;
    size_t g = (size_t)o->grid, cells = g * g;
    memset(rm, 0, sizeof *rm);
    rm->grid = g;
    rm->metric = cmp_regime_metric_def(o->regime_metric);
    rm->skill = malloc(g * sizeof *rm->skill);
    rm->crisis = malloc(g * sizeof *rm->crisis);
    rm->cells = calloc(cells, sizeof *rm->cells);
    rm->values = calloc(cells * o->n_policies * (size_t)o->reps, sizeof *rm->values);
    if (!rm->skill || !rm->crisis || !rm->cells || !rm->values) {
        snprintf(err, err_size, "out of memory for the regime map");
        return HERD_EXIT_FAIL;
    }
    fill_axis(rm->skill, g, o->skill_range);
    fill_axis(rm->crisis, g, o->crisis_range);
    for (size_t i = 0; i < g; i++)
        for (size_t j = 0; j < g; j++) {
            int rc = make_cell(&rm->cells[i * g + j], st, rm->skill[i], rm->crisis[j], err,
                               err_size);
            if (rc != 0)
                return rc;
        }
    return 0;
}

void cmp_regime_free(cmp_regime *rm)
{
    for (size_t c = 0; rm->cells != NULL && c < rm->grid * rm->grid; c++)
        herd_scenario_free(rm->cells[c]);
    free(rm->skill);
    free(rm->crisis);
    free(rm->cells);
    free(rm->values);
    memset(rm, 0, sizeof *rm);
}

static double *cell_values(const cmp_regime *rm, const cmp_study *st, size_t cell,
                           size_t policy)
{
    return rm->values + (cell * st->opt->n_policies + policy) * (size_t)st->opt->reps;
}

/* Every cell uses the same seeds, so neighbouring cells differ by their parameters only. */
size_t cmp_regime_jobs(const cmp_regime *rm, const cmp_study *st, cmp_job *jobs)
{
    const cmp_options *o = st->opt;
    size_t k = 0;
    for (size_t c = 0; c < rm->grid * rm->grid; c++)
        for (size_t p = 0; p < o->n_policies; p++)
            for (long r = 0; r < o->reps; r++, k++) {
                if (jobs == NULL)
                    continue;
                memset(&jobs[k], 0, sizeof jobs[k]);
                jobs[k].sc = rm->cells[c];
                jobs[k].policy = herd_scenario_find_policy(rm->cells[c], o->policy_names[p]);
                jobs[k].seed = herd_seed_derive(rm->cells[c]->seed, (uint64_t)r);
                jobs[k].metrics = &rm->metric;
                jobs[k].n_metrics = 1;
                jobs[k].values = cell_values(rm, st, c, p) + r;
            }
    return k;
}

static size_t best_except(const double *mean, size_t n, size_t skip)
{
    size_t best = n;
    for (size_t p = 0; p < n; p++)
        if (p != skip && (best == n || mean[p] > mean[best]))
            best = p;
    return best;
}

static void tie_label(const cmp_study *st, cmp_regime_cell *cell, size_t np)
{
    size_t used = 0;
    cell->label[0] = '\0';
    for (size_t p = 0; p < np; p++) {
        if (p != cell->winner && cell->mean[p] != cell->mean[cell->winner])
            continue;
        int n = snprintf(cell->label + used, sizeof cell->label - used, "%s%s",
                         used ? "=" : "", st->opt->policies[p]->name);
        if (n < 0 || (size_t)n >= sizeof cell->label - used)
            break;
        used += (size_t)n;
    }
}

/* The runner-up is the best policy below the winner: policies tied with it share the win. */
static size_t best_below(const double *mean, size_t n, double ceiling)
{
    size_t best = n;
    for (size_t p = 0; p < n; p++)
        if (mean[p] < ceiling && (best == n || mean[p] > mean[best]))
            best = p;
    return best;
}

void cmp_regime_cell_result(const cmp_regime *rm, const cmp_study *st, size_t cell,
                            cmp_regime_cell *out)
{
    size_t np = st->opt->n_policies, reps = (size_t)st->opt->reps;
    for (size_t p = 0; p < np; p++) {
        herd_interval iv;
        herd_stats_interval(cell_values(rm, st, cell, p), 1, reps, CMP_LEVEL, &iv);
        out->mean[p] = iv.mean;
    }
    out->winner = best_except(out->mean, np, np);
    out->runner_up = best_below(out->mean, np, out->mean[out->winner]);
    if (out->runner_up == np)
        out->runner_up = out->winner;
    tie_label(st, out, np);
    herd_stats_paired_interval(cell_values(rm, st, cell, out->winner),
                               cell_values(rm, st, cell, out->runner_up), 1, reps, CMP_LEVEL,
                               &out->margin);
}
