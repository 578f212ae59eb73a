/* The best stance: a space-filling design over the attention simplex, Nelder-Mead from its
 * best point, and the finalists run again on fresh seeds against the archetypes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"
#include "errmsg.h"
#include "herd/rng.h"
#include "optimise_internal.h"

static int progress(void *cookie, size_t done, size_t total)
{
    (void)total;
    const herd_optimum *o = cookie;
    return o->set.progress(o->set.progress_cookie, (size_t)o->runs + done, (size_t)o->runs_total);
}

static void compare_settings(const herd_optimum *o, long reps, herd_compare_settings *cs)
{
    herd_compare_settings_default(cs);
    cs->reps = reps;
    cs->level = o->set.level;
    cs->threads = o->set.threads;
    cs->keep_records = 0;
    cs->sim = o->set.sim;
    if (o->set.progress != NULL) {
        cs->progress = progress;
        cs->progress_cookie = (void *)o;
    }
}

static int grow(herd_optimum *o, size_t more)
{
    if (o->n_cand + more <= o->cap_cand)
        return HERD_OK;
    size_t cap = 2 * (o->n_cand + more);
    herd_optimum_candidate *c = herd_calloc(&o->a, cap, sizeof *c);
    double *sf = herd_calloc(&o->a, cap, sizeof *sf);
    if (c == NULL || sf == NULL) {
        herd_free(&o->a, c);
        herd_free(&o->a, sf);
        return HERD_ENOMEM;
    }
    if (o->n_cand > 0) {
        memcpy(c, o->cand, o->n_cand * sizeof *c);
        memcpy(sf, o->shortfall, o->n_cand * sizeof *sf);
    }
    herd_free(&o->a, o->cand);
    herd_free(&o->a, o->shortfall);
    o->cand = c;
    o->shortfall = sf;
    o->cap_cand = cap;
    return HERD_OK;
}

/* The styles src copied to styles, as policy types named name that point at them. */
static int style_types(const herd_style *src, size_t n, herd_style *styles,
                       herd_policy_type *types, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        styles[i] = src[i];
        int rc = herd_style_policy(&types[i], name, "a candidate style", &styles[i], NULL, 0);
        if (rc != HERD_OK)
            return rc;
    }
    return HERD_OK;
}

/* Runs the search's comparison of n styles and appends them as candidates of phase. */
static int run_batch(herd_optimum *o, const herd_style *src, size_t n, int phase, char *err,
                     size_t err_size)
{
    herd_style *styles = herd_calloc(&o->a, n, sizeof *styles);
    herd_policy_type *types = herd_calloc(&o->a, n, sizeof *types);
    const herd_policy_type **arms = herd_calloc(&o->a, n, sizeof *arms);
    int rc = styles && types && arms ? grow(o, n) : HERD_ENOMEM;
    if (rc == HERD_OK)
        rc = style_types(src, n, styles, types, "candidate");
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        arms[i] = &types[i];
    herd_compare_settings cs;
    compare_settings(o, o->set.reps, &cs);
    herd_compare *c = NULL;
    if (rc == HERD_OK)
        rc = herd_compare_run_reps(&c, o->sc, arms, n, &cs, 1, err, err_size);
    herd_opt_metrics m;
    if (rc == HERD_OK)
        rc = herd_opt_resolve(c, &o->set, &m, err, err_size);
    for (size_t i = 0; rc == HERD_OK && i < n; i++) {
        herd_optimum_candidate *cd = &o->cand[o->n_cand];
        cd->style = src[i];
        cd->stance = src[i].calm;
        cd->objective = herd_opt_objective(c, &o->set, &m, i, -1);
        o->shortfall[o->n_cand] = herd_opt_shortfall(c, &o->set, &m, i);
        cd->feasible = o->shortfall[o->n_cand] == 0;
        cd->phase = phase;
        o->n_cand++;
    }
    if (rc == HERD_OK)
        o->runs += (long)n * o->set.reps;
    herd_compare_free(c);
    herd_free(&o->a, (void *)arms);
    herd_free(&o->a, types);
    herd_free(&o->a, styles);
    return rc;
}

/* What the search minimises and the final runs rank by: the negated objective, or, for a
 * candidate that breaks a bound, a value above every kept candidate's that grows with the
 * shortfall. */
static double penalised(double objective, double shortfall)
{
    return shortfall > 0 ? 1e30 * (1 + shortfall) : -objective;
}

static double score(const herd_optimum *o, size_t i)
{
    return penalised(o->cand[i].objective, o->shortfall[i]);
}

/* ---- phases 1 and 2: the search --------------------------------------------------------- */

/* The archetypes' styles that are points of the search space, into out if not NULL; their
 * number. */
static size_t archetype_styles(const herd_optimise_settings *s, herd_style *out)
{
    const herd_policy_type *const *arch = NULL;
    size_t n = herd_opt_archetypes(s, &arch), m = 0;
    for (size_t i = 0; i < n; i++) {
        herd_style st;
        if (herd_opt_embed(s, herd_policy_style(arch[i]), &st) == 0)
            continue;
        if (out != NULL)
            out[m] = st;
        m++;
    }
    return m;
}

/* Phase 1: the design's styles and the archetypes' in one batch. */
static int evaluate_design(herd_optimum *o, const double *u, size_t n, char *err,
                           size_t err_size)
{
    size_t n_arch = archetype_styles(&o->set, NULL), dim = herd_opt_unit_dim(&o->set);
    herd_style *st = herd_calloc(&o->a, n + n_arch, sizeof *st);
    if (st == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "out of memory for %zu styles", n);
    for (size_t j = 0; j < n; j++)
        herd_opt_style_from_unit(&o->set, u + j * dim, &st[j]);
    archetype_styles(&o->set, st + n);
    int rc = run_batch(o, st, n + n_arch, 1, err, err_size);
    herd_free(&o->a, st);
    return rc;
}

static int evaluate(void *ctx, const double *pts, size_t n, int phase, char *err,
                    size_t err_size)
{
    herd_optimum *o = ctx;
    if (phase == 1)
        return evaluate_design(o, pts, n, err, err_size);
    herd_style st;
    herd_opt_style_from_coords(&o->set, pts, &st);
    return run_batch(o, &st, 1, 2, err, err_size);
}

static size_t count(const void *ctx)
{
    return ((const herd_optimum *)ctx)->n_cand;
}

static double score_of(const void *ctx, size_t i)
{
    return score(ctx, i);
}

static void coords(const void *ctx, size_t i, double *y)
{
    const herd_optimum *o = ctx;
    herd_opt_coords(&o->set, &o->cand[i].style, y);
}

static int same(const void *ctx, size_t i, size_t j)
{
    const herd_optimum *o = ctx;
    return herd_opt_same_style(&o->cand[i].style, &o->cand[j].style);
}

static void search_of(herd_optimum *o)
{
    herd_opt_search *s = &o->search;
    s->unit_dim = herd_opt_unit_dim(&o->set);
    s->dim = herd_opt_dim(&o->set);
    s->budget = o->set.budget;
    s->design_points = herd_opt_design_points(&o->set);
    s->finalists = o->set.finalists;
    s->tolerance = o->set.tolerance;
    s->ctx = o;
    s->evaluate = evaluate;
    s->count = count;
    s->score = score_of;
    s->coords = coords;
    s->same = same;
}

/* ---- phase 3: the finalists on fresh seeds ---------------------------------------------- */

/* The best distinct candidates by score, at most settings.finalists. */
static size_t pick_finalists(const herd_optimum *o, size_t *idx, herd_style *out)
{
    size_t n = herd_opt_search_finalists(&o->search, idx);
    for (size_t i = 0; i < n; i++)
        out[i] = o->cand[idx[i]].style;
    return n;
}

static int final_compare(herd_optimum *o, const herd_policy_type **arms, char *err,
                         size_t err_size)
{
    herd_scenario *fresh = NULL;
    int rc = herd_scenario_copy(&fresh, o->sc);
    if (rc != HERD_OK)
        return herd_errf(err, err_size, rc, "%s for the final runs", herd_strerror(rc));
    fresh->seed = herd_seed_derive(o->sc->seed, HERD_OPTIMISE_FINAL_STREAM);
    herd_compare_settings cs;
    compare_settings(o, o->set.final_reps, &cs);
    rc = herd_compare_run(&o->final, fresh, arms, o->n_arms, &cs, err, err_size);
    herd_scenario_free(fresh);
    if (rc == HERD_OK)
        o->runs += (long)o->n_arms * o->set.final_reps;
    return rc;
}

/* The arms in the order of the final runs' ranking, into order: the finalists by their score
 * on these runs, sc[finalist] (equals in the search's order), then the archetypes as they
 * are. */
static void rank(const herd_optimum *o, const double *sc, size_t *order)
{
    for (size_t i = 0; i < o->n_arms; i++)
        order[i] = i;
    for (size_t i = 1; i < o->n_final; i++) {
        size_t arm = order[i], j = i;
        for (; j > 0 && sc[arm] < sc[order[j - 1]]; j--)
            order[j] = order[j - 1];
        order[j] = arm;
    }
}

/* Ranks the finalists on the final runs, the optimum first as arm 0 and the others named by
 * their rank; then each arm's objective in each replication. */
static int choose(herd_optimum *o, const herd_opt_metrics *m)
{
    size_t *order = herd_calloc(&o->a, o->n_arms, sizeof *order);
    double *sc = herd_calloc(&o->a, o->n_final, sizeof *sc);
    int rc = order != NULL && sc != NULL ? HERD_OK : HERD_ENOMEM;
    for (size_t i = 0; rc == HERD_OK && i < o->n_final; i++)
        sc[i] = penalised(herd_opt_objective(o->final, &o->set, m, i, -1),
                          herd_opt_shortfall(o->final, &o->set, m, i));
    if (rc == HERD_OK) {
        rank(o, sc, order);
        rc = herd_compare_reorder(o->final, order);
    }
    for (size_t i = 0; rc == HERD_OK && i < o->n_final; i++)
        if (i == 0)
            snprintf(o->names[order[i]], HERD_OPT_NAME_SIZE, "optimum");
        else
            snprintf(o->names[order[i]], HERD_OPT_NAME_SIZE, "candidate-%zu", i + 1);
    herd_free(&o->a, sc);
    herd_free(&o->a, order);
    if (rc != HERD_OK)
        return rc;
    o->feasible = herd_opt_shortfall(o->final, &o->set, m, 0) == 0;
    long reps = o->set.final_reps;
    for (size_t a = 0; a < o->n_arms; a++)
        for (long r = 0; r < reps; r++)
            o->objective[a * (size_t)reps + (size_t)r] =
                herd_opt_objective(o->final, &o->set, m, a, r);
    return HERD_OK;
}

static int phase_final(herd_optimum *o, char *err, size_t err_size)
{
    const herd_policy_type *const *arch = NULL;
    size_t n_arch = herd_opt_archetypes(&o->set, &arch);
    size_t cap = (size_t)o->set.finalists;
    herd_style *st = herd_calloc(&o->a, cap, sizeof *st);
    size_t *idx = herd_calloc(&o->a, cap, sizeof *idx);
    o->styles = herd_calloc(&o->a, cap, sizeof *o->styles);
    o->types = herd_calloc(&o->a, cap, sizeof *o->types);
    o->names = herd_calloc(&o->a, cap, sizeof *o->names);
    const herd_policy_type **arms = herd_calloc(&o->a, cap + n_arch, sizeof *arms);
    int rc = st && idx && o->styles && o->types && o->names && arms ? HERD_OK : HERD_ENOMEM;
    if (rc == HERD_OK) {
        o->n_final = pick_finalists(o, idx, st);
        o->n_arms = o->n_final + n_arch;
        rc = style_types(st, o->n_final, o->styles, o->types, "candidate");
    }
    for (size_t i = 0; rc == HERD_OK && i < o->n_final; i++) {
        o->types[i].name = o->names[i];
        arms[i] = &o->types[i];
    }
    for (size_t i = 0; rc == HERD_OK && i < n_arch; i++)
        arms[o->n_final + i] = arch[i];
    if (rc == HERD_OK)
        rc = final_compare(o, arms, err, err_size);
    herd_opt_metrics m;
    if (rc == HERD_OK)
        rc = herd_opt_resolve(o->final, &o->set, &m, err, err_size);
    if (rc == HERD_OK) {
        o->objective = herd_calloc(&o->a, o->n_arms * (size_t)o->set.final_reps, sizeof(double));
        rc = o->objective != NULL ? HERD_OK : HERD_ENOMEM;
    }
    if (rc == HERD_OK)
        rc = choose(o, &m);
    if (rc == HERD_ENOMEM)
        herd_errf(err, err_size, rc, "out of memory for the final runs");
    herd_free(&o->a, (void *)arms);
    herd_free(&o->a, idx);
    herd_free(&o->a, st);
    return rc;
}

/* ---- the whole ------------------------------------------------------------------------- */

/* HERD_ERANGE naming the first bound no candidate kept, and the nearest value it reached. */
static int infeasible(const herd_optimum *o, char *err, size_t err_size)
{
    const herd_optimise_bound *b = &o->set.bounds[0];
    return herd_errf(err, err_size, HERD_ERANGE,
                     "no candidate of the %zu evaluated keeps the bounds (%s %s %.6g first); the "
                     "nearest broke them by %.3g of their values: loosen a bound",
                     o->n_cand, b->metric, b->upper ? "<=" : ">=", b->value,
                     o->shortfall[herd_opt_search_best(&o->search)]);
}

static int optimise(herd_optimum *o, char *err, size_t err_size)
{
    search_of(o);
    int rc = herd_opt_search_run(&o->search, &o->a, err, err_size);
    if (rc == HERD_OK && !o->cand[herd_opt_search_best(&o->search)].feasible)
        rc = infeasible(o, err, err_size);
    if (rc == HERD_OK)
        rc = phase_final(o, err, err_size);
    return rc;
}

long herd_opt_runs_total(const herd_optimise_settings *s)
{
    const herd_policy_type *const *arch = NULL;
    size_t n_arch = herd_opt_archetypes(s, &arch);
    long search = s->budget + (long)archetype_styles(s, NULL);
    return search * s->reps + (s->finalists + (long)n_arch) * s->final_reps;
}

herd_status herd_optimise_run(herd_optimum **out, const herd_scenario *s,
                              const herd_optimise_settings *settings, char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no place for the result");
    *out = NULL;
    herd_optimise_settings defaults;
    herd_optimise_settings_default(&defaults);
    const herd_optimise_settings *set = settings != NULL ? settings : &defaults;
    int rc = herd_optimise_check(s, set, err, err_size);
    if (rc != HERD_OK)
        return (herd_status)rc;
    herd_allocator a;
    herd_allocator_init(&a, set->sim.alloc, set->sim.dealloc, set->sim.alloc_ctx);
    herd_optimum *o = herd_calloc(&a, 1, sizeof *o);
    if (o == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "out of memory for the optimisation");
    o->a = a;
    o->set = *set;
    o->runs_total = herd_opt_runs_total(set);
    rc = herd_scenario_copy(&o->sc, s);
    if (rc != HERD_OK)
        herd_errf(err, err_size, rc, "%s copying the scenario", herd_strerror(rc));
    if (rc == HERD_OK)
        rc = optimise(o, err, err_size);
    if (rc != HERD_OK) {
        herd_optimum_free(o);
        return (herd_status)rc;
    }
    *out = o;
    return HERD_OK;
}

void herd_optimum_free(herd_optimum *o)
{
    if (o == NULL)
        return;
    herd_allocator a = o->a;
    herd_compare_free(o->final);
    herd_scenario_free(o->sc);
    herd_free(&a, o->cand);
    herd_free(&a, o->shortfall);
    herd_free(&a, o->styles);
    herd_free(&a, o->types);
    herd_free(&a, o->names);
    herd_free(&a, o->objective);
    herd_free(&a, o);
}
