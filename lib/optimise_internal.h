#ifndef HERD_LIB_OPTIMISE_INTERNAL_H
#define HERD_LIB_OPTIMISE_INTERNAL_H

/* What the optimiser's modules share. Not installed. */
#include "alloc.h"
#include "herd/optimise.h"

#define HERD_SHARES 8

enum { HERD_OPT_NAME_SIZE = 32 };

/* The search both optimisers run (optimise_search.c), over candidates its caller keeps:
 *  1. the first design_points points of a Sobol sequence in the unit cube of unit_dim
 *     dimensions, evaluated in one batch (evaluate with phase 1; the caller may append
 *     candidates of its own to that batch, which the budget does not count);
 *  2. Nelder-Mead (GSL's nmsimplex2, first steps 1) in the open space of dim dimensions from
 *     the best candidate's coordinates, one point at a time (evaluate with phase 2), until
 *     budget points are evaluated or the simplex is smaller than tolerance.
 * evaluate maps each of n points (n x unit_dim in phase 1, n x dim in phase 2) to a
 * candidate, runs it and appends it; count, score (lower is better), coords and same read
 * the caller's candidates. */
typedef struct herd_opt_search {
    size_t unit_dim, dim;
    long budget, design_points, finalists;
    double tolerance;
    void *ctx;
    int (*evaluate)(void *ctx, const double *pts, size_t n, int phase, char *err,
                    size_t err_size);
    size_t (*count)(const void *ctx);
    double (*score)(const void *ctx, size_t i);
    void (*coords)(const void *ctx, size_t i, double *y);
    int (*same)(const void *ctx, size_t i, size_t j);
    long evals; /* points the budget counts, set by herd_opt_search_run */
} herd_opt_search;

/* Phases 1 and 2. HERD_OK, or the first failure of evaluate (err says why). */
int herd_opt_search_run(herd_opt_search *s, const herd_allocator *a, char *err, size_t err_size);
/* The candidate of the lowest score (the first of equals). */
size_t herd_opt_search_best(const herd_opt_search *s);
/* The indices of the best distinct candidates by score, at most s->finalists, into out; their
 * number. */
size_t herd_opt_search_finalists(const herd_opt_search *s, size_t *out);

struct herd_optimum {
    herd_allocator a;
    herd_optimise_settings set;
    herd_scenario *sc; /* the search's copy */
    herd_optimum_candidate *cand;
    double *shortfall; /* [candidate] */
    size_t n_cand, cap_cand;
    herd_opt_search search;
    long runs, runs_total;
    /* the final comparison, its arms in the order of its ranking; the finalists' styles and
     * types in the search's order */
    size_t n_final, n_arms;
    herd_style *styles;     /* [finalist] */
    herd_policy_type *types; /* [finalist] */
    char (*names)[HERD_OPT_NAME_SIZE];
    herd_compare *final;
    double *objective; /* [arm][rep] */
    int feasible;
};

/* The components of a point of the simplex: the eight shares, and the unused attention when
 * the shares may sum to less than the budget. */
size_t herd_opt_components(const herd_optimise_settings *s);

/* The stance of the shares x[0..HERD_SHARES) of a point of the simplex. */
void herd_opt_stance(const double *x, int front_mode, herd_stance *out);
/* 1 if the two stances have the same front mode and, as points of the simplex, the same
 * shares (herd_opt_same_point). */
int herd_opt_same_stance(const herd_stance *a, const herd_stance *b);
/* The point of the simplex of a stance's shares: scaled down to sum 1 if they exceed it,
 * scaled up to 1 as well with k == HERD_SHARES; otherwise the rest is unused attention. */
void herd_opt_point(const herd_stance *st, size_t k, double *x);
/* A unit-cube point u[0..k) mapped uniformly onto the simplex: x_i = -log(1 - u_i),
 * normalised (the centre if every u_i is 0). */
void herd_opt_from_unit(const double *u, size_t k, double *x);
/* Additive log-ratio coordinates y[0..k-1) of x (each component taken as at least
 * HERD_OPT_FLOOR), and back. */
#define HERD_OPT_FLOOR 1e-4
void herd_opt_alr(const double *x, size_t k, double *y);
void herd_opt_alr_inverse(const double *y, size_t k, double *x);
/* 1 if the points x[0..k) and y[0..k) of the simplex (or of fractions of ranges) are one point
 * to the search: no component differs by more than HERD_OPT_FLOOR. The search cannot place a
 * component more finely, since its coordinates take any component below HERD_OPT_FLOOR as
 * HERD_OPT_FLOOR (a point sent through them and back moves by up to that much), and two
 * points that differ by rounding alone (a few units in the last place) are one. */
int herd_opt_same_point(const double *x, const double *y, size_t k);

/* The search space of styles (optimise_style.c). A fixed style's point is its calm stance's
 * point of the simplex; a switching style's is that, the front stance's, and the
 * HERD_OPT_THRESHOLDS thresholds of herd_optimise_threshold, each a fraction of its range
 * (a threshold to leave the front a fraction of the range below the one to enter it). The
 * rest of a candidate style is herd_style_default's, switching as the settings say. */
#define HERD_OPT_THRESHOLDS 5
#define HERD_OPT_MAX_DIM (2 * (HERD_SHARES + 1) + HERD_OPT_THRESHOLDS)
/* The dimension of the unit cube of phase 1's design, and of the open space of Nelder-Mead
 * (each simplex in additive log-ratio coordinates, each fraction in logits). */
size_t herd_opt_unit_dim(const herd_optimise_settings *s);
size_t herd_opt_dim(const herd_optimise_settings *s);
/* The style of a point u of the unit cube: each simplex's part mapped by herd_opt_from_unit,
 * each fraction taken as it is. */
void herd_opt_style_from_unit(const herd_optimise_settings *s, const double *u, herd_style *out);
/* The open coordinates y[0..herd_opt_dim) of a candidate style, and back. */
void herd_opt_coords(const herd_optimise_settings *s, const herd_style *st, double *y);
void herd_opt_style_from_coords(const herd_optimise_settings *s, const double *y,
                                herd_style *out);
/* 1 if the two candidate styles are the same point: the same stances (herd_opt_same_stance)
 * and thresholds, each as a fraction of its range, that herd_opt_same_point finds the same. */
int herd_opt_same_style(const herd_style *a, const herd_style *b);
/* An archetype's style as the nearest candidate style: 1 and *out, or 0 if it has none (no
 * style, a staged style, or a switching style in a search of fixed stances). A fixed style in
 * a search of switching styles takes its stance both calm and at the front. */
int herd_opt_embed(const herd_optimise_settings *s, const herd_style *arch, herd_style *out);

/* The points of phase 1's design: settings.design_points, or a third of the budget. */
long herd_opt_design_points(const herd_optimise_settings *s);

/* The most runs an optimisation with settings s makes. */
long herd_opt_runs_total(const herd_optimise_settings *s);

/* The metrics the settings name, as indices of the comparison's metrics, with their better
 * directions. */
typedef struct herd_opt_metrics {
    size_t term[HERD_OPTIMISE_MAX_TERMS];
    double term_sign[HERD_OPTIMISE_MAX_TERMS]; /* weight x better */
    size_t bound[HERD_OPTIMISE_MAX_BOUNDS];
} herd_opt_metrics;

/* Finds the metrics of the settings among those of c. HERD_ENOTFOUND with err naming the
 * first metric c does not measure. */
int herd_opt_resolve(const herd_compare *c, const herd_optimise_settings *s, herd_opt_metrics *m,
                     char *err, size_t err_size);
/* The objective and the bounds' total shortfall (0 if every bound is kept, otherwise the sum
 * of each broken bound's shortfall relative to its value) of arm over its runs; with rep >= 0
 * of that replication only. */
double herd_opt_objective(const herd_compare *c, const herd_optimise_settings *s,
                          const herd_opt_metrics *m, size_t arm, long rep);
double herd_opt_shortfall(const herd_compare *c, const herd_optimise_settings *s,
                          const herd_opt_metrics *m, size_t arm);
/* The archetypes of the settings: the given list or the built-ins; their number. */
size_t herd_opt_archetypes(const herd_optimise_settings *s, const herd_policy_type *const **out);


#endif
