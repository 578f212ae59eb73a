#ifndef HERD_OPTIMISE_H
#define HERD_OPTIMISE_H

/* The best stance for a scenario: a search of the attention simplex (the eight shares of a
 * fixed style, which sum to the budget, or to at most the budget with settings.full_budget
 * 0) for the stance that maximises an objective, optionally subject to bounds on metrics.
 *
 * The objective is a weighted sum of metrics of the comparison (include/herd/compare.h: the
 * run metrics of herd_summary_info, and a dip and a recovery per event), each counted in its
 * better direction: objective = sum of weight x better x mean. A bound asks that a metric's
 * mean be at least (or at most) a value, e.g. morale_mean >= 0.7.
 *
 * Method. Every candidate stance runs as a fixed style with the same replications and seeds
 * (common random numbers): the seeds of herd_compare_run on the scenario, so two candidates
 * differ by their stances only and the objective is a fixed function of the stance for the
 * search. Three phases:
 *  1. a space-filling design: the first design_points points of a Sobol sequence mapped to
 *     the simplex (uniformly: each coordinate u becomes -log(1 - u), then the coordinates are
 *     normalised), plus the stances of the fixed archetypes;
 *  2. Nelder-Mead (GSL's nmsimplex2) from the best point so far, on the additive log-ratio
 *     coordinates of the shares (log of each share over the last component), until the
 *     budget of evaluations is spent or the simplex is smaller than settings.tolerance;
 *  3. the `finalists` best distinct candidates and the archetypes run again with final_reps
 *     replications on fresh seeds (those of the scenario with seed herd_seed_derive(seed,
 *     HERD_OPTIMISE_FINAL_STREAM)), so the reported intervals are free of the search's
 *     selection; the best of the finalists on these runs is the optimum. Two candidates are
 *     distinct if some share (of either stance), or some threshold as a fraction of its
 *     range, differs by more than 1e-4: the log-ratio coordinates take any share or
 *     fraction below 1e-4 as 1e-4, so a point sent through them and back moves by up to
 *     that much, and candidates closer than that may be one point of the search.
 * A candidate that breaks a bound ranks below every candidate that keeps them all, and below
 * one that breaks them by less. Everything depends on the scenario, the settings and the
 * seeds only, never on the number of threads.
 *
 * The engine uses front_mode only to report front_share, so it is not searched: every
 * candidate takes settings.front_mode.
 *
 * Switching styles. With settings.switching 1 a candidate is a switching style: its calm
 * stance, its front stance and its thresholds (herd_optimise_threshold) are searched
 * together; the style's other constants keep herd_style_default's values, the hybrid's. A
 * point of the design is then a Sobol point of two simplices and one fraction of each
 * threshold's range; Nelder-Mead moves in the log-ratio coordinates of both stances and the
 * logits of those fractions. A threshold to leave the front is searched as a fraction of the
 * range below the one to enter it, so every candidate keeps leave <= enter and every
 * threshold within its range of HERD_STYLE_TABLE. Phase 1 adds every archetype that is not
 * staged: a switching one as it is, a fixed one with its stance calm and at the front. The
 * front stance reports front_mode 1. */

#include <stddef.h>
#include <stdint.h>

#include "herd/compare.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/policy.h"
#include "herd/scenario.h"
#include "herd/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HERD_OPTIMISE_MAX_TERMS 8
#define HERD_OPTIMISE_MAX_BOUNDS 4
#define HERD_OPTIMISE_MAX_ARCHETYPES 32
#define HERD_OPTIMISE_FINAL_STREAM 0x6f7074696d756dULL

/* One term of the objective. */
typedef struct herd_optimise_term {
    char metric[64];
    double weight;
} herd_optimise_term;

/* metric >= value, or metric <= value when upper is 1. */
typedef struct herd_optimise_bound {
    char metric[64];
    int upper;
    double value;
} herd_optimise_bound;

typedef struct herd_optimise_settings {
    herd_optimise_term terms[HERD_OPTIMISE_MAX_TERMS]; /* default: performance_total, 1 */
    size_t n_terms;
    herd_optimise_bound bounds[HERD_OPTIMISE_MAX_BOUNDS];
    size_t n_bounds;            /* default 0 */
    long budget;                /* candidates evaluated by the search; default 150 */
    long design_points;         /* of phase 1; 0 (default): a third of the budget */
    long reps;                  /* replications per candidate in the search; default 10 */
    long final_reps;            /* replications of phase 3; default 40 */
    long finalists;             /* candidates of phase 3; default 3 */
    double tolerance;           /* Nelder-Mead stops below this simplex size; default 0.01 */
    int full_budget;            /* 1 (default): the shares sum to 1; 0: to at most 1 */
    int front_mode;             /* what every candidate reports (calm); default 0 */
    int switching;              /* 0 (default): fixed stances; 1: switching styles */
    /* The policies the optimum is measured against in phase 3 (and whose fixed stances join
     * phase 1); NULL (default): every built-in. The array and the types must outlive the
     * result. */
    const herd_policy_type *const *archetypes;
    size_t n_archetypes;
    double level;               /* of every interval; default 0.95 */
    int threads;                /* runs at once; 0: OpenMP's default */
    /* Called after each run with runs done and the total the optimisation may make (an upper
     * bound: the search may stop early); as herd_progress_fn in herd/compare.h. */
    herd_progress_fn progress;
    void *progress_cookie;
    herd_settings sim;          /* allocator and log callback, as herd_compare_settings' */
} herd_optimise_settings;

HERD_API void herd_optimise_settings_default(herd_optimise_settings *s);

/* The i-th threshold a search of switching styles varies besides the two stances:
 * crisis_enter, crisis_leave, gap_enter, gap_leave, shortfall; NULL past the end. */
HERD_API const herd_style_key *herd_optimise_threshold(size_t i);

/* Parses "METRIC=WEIGHT[,METRIC=WEIGHT...]" into s->terms, and "METRIC>=VALUE" or
 * "METRIC<=VALUE" into one more bound. HERD_EPARSE (err quotes the text) for malformed text,
 * HERD_ETOOBIG past the maximum number. Names are checked by herd_optimise_run (and one at a
 * time by herd_optimise_check_metric). */
HERD_API herd_status herd_optimise_parse_weights(herd_optimise_settings *s, const char *text,
                                                 char *err, size_t err_size);
HERD_API herd_status herd_optimise_parse_bound(herd_optimise_settings *s, const char *text,
                                               char *err, size_t err_size);

/* Checks settings against scenario s before anything runs: HERD_EINVAL with err naming the
 * setting (a metric s does not measure, a weight that is not finite, a budget too small for
 * the design, reps < 2, ...). */
HERD_API herd_status herd_optimise_check(const herd_scenario *s,
                                         const herd_optimise_settings *settings, char *err,
                                         size_t err_size);
/* The check herd_optimise_check makes of every term's and bound's metric: HERD_OK if s
 * measures a metric named name (a run metric, or a dip or recovery of one of its events);
 * otherwise HERD_EINVAL with err quoting name and giving the nearest metric's name ("did you
 * mean ...?") or, if none is near, every one s measures. */
HERD_API herd_status herd_optimise_check_metric(const herd_scenario *s, const char *name,
                                                char *err, size_t err_size);
/* The least budget herd_optimise_check accepts with the other settings as they are: the
 * design's points (design_points, or with 0 a third of the budget and at least 2), then one
 * more than the dimension searched for Nelder-Mead's first simplex. 11 for the defaults, 13
 * with full_budget 0, 29 and 32 with switching. -1 for NULL or design_points < 0. */
HERD_API long herd_optimise_min_budget(const herd_optimise_settings *s);

typedef struct herd_optimum herd_optimum;

/* Searches for the best stance on s (settings NULL: the defaults). The scenario is copied.
 * On failure *out is NULL and err says why: a bad setting (herd_optimise_check), a failed
 * run (its status), HERD_ECALLBACK if progress cancelled, or HERD_ERANGE when no candidate of
 * the search keeps the bounds (err names the bound and the nearest value reached). */
HERD_API herd_status herd_optimise_run(herd_optimum **out, const herd_scenario *s,
                                       const herd_optimise_settings *settings, char *err,
                                       size_t err_size);
HERD_API void herd_optimum_free(herd_optimum *o);

/* The best stance (owned by o; a switching style's calm stance), and the best style, which
 * herd_style_policy accepts. */
HERD_API const herd_stance *herd_optimum_stance(const herd_optimum *o);
HERD_API const herd_style *herd_optimum_style(const herd_optimum *o);
/* 1 if the optimum keeps every bound on the final runs (it kept them in the search). */
HERD_API herd_status herd_optimum_feasible(const herd_optimum *o);

/* The final comparison (owned by o): its first herd_optimum_n_finalists arms are the
 * finalists ranked by the final runs, best first: the optimum is arm 0, named "optimum",
 * and the others, named "candidate-2", "candidate-3", ... by their rank, follow in the order
 * of their objective on these runs (those that keep the bounds before those that break
 * them, and these by how much; equals in the search's order). Then the archetypes under
 * their own names. Every metric of every arm is there with its runs. herd_optimum_arm is
 * the optimum's arm, always 0. */
HERD_API const herd_compare *herd_optimum_compare(const herd_optimum *o);
HERD_API size_t herd_optimum_n_finalists(const herd_optimum *o);
HERD_API size_t herd_optimum_arm(const herd_optimum *o);
/* The objective of one arm over the final runs, with its interval; and the paired difference
 * optimum - arm, > 0 where the optimum is better. HERD_EINVAL for an arm out of range. */
HERD_API herd_status herd_optimum_objective(const herd_optimum *o, size_t arm,
                                            herd_interval *out);
HERD_API herd_status herd_optimum_margin(const herd_optimum *o, size_t arm, herd_interval *out);
/* The style an arm runs: a finalist's, or an archetype's if it is a style (herd_policy_style);
 * NULL otherwise or out of range. */
HERD_API const herd_style *herd_optimum_arm_style(const herd_optimum *o, size_t arm);

/* Every candidate the search evaluated, in order: its style and its stance (the style's calm
 * stance), its objective over the search's runs, whether it kept the bounds, and its phase
 * (1 or 2). The budget counts the design's points and Nelder-Mead's, never more; the
 * archetypes' styles come on top. Index past the end: HERD_EINVAL. */
typedef struct herd_optimum_candidate {
    herd_style style;
    herd_stance stance;
    double objective;
    int feasible;
    int phase;
} herd_optimum_candidate;

HERD_API size_t herd_optimum_n_candidates(const herd_optimum *o);
HERD_API herd_status herd_optimum_candidate_at(const herd_optimum *o, size_t i,
                                               herd_optimum_candidate *out);
/* Simulations run in all, the final ones included. */
HERD_API long herd_optimum_runs(const herd_optimum *o);

/* ---- the optimal-stance map ------------------------------------------------------------- */

typedef struct herd_optimum_map herd_optimum_map;

/* The optimisation in every cell of a grid over two keys of s, as herd_regime_run makes its
 * grid (axes[a].key from lo to hi in steps values; any numeric key herd_scenario_set accepts).
 * Every cell uses the scenario's seeds. Keys and cells are checked before anything runs;
 * a grid of one cell on both axes, or axes on the same key, is refused. progress counts the
 * runs of every cell. */
HERD_API herd_status herd_optimum_map_run(herd_optimum_map **out, const herd_scenario *s,
                                          const herd_factor axes[2],
                                          const herd_optimise_settings *settings, char *err,
                                          size_t err_size);
HERD_API void herd_optimum_map_free(herd_optimum_map *m);
HERD_API long herd_optimum_map_steps(const herd_optimum_map *m, int axis);
HERD_API double herd_optimum_map_axis_value(const herd_optimum_map *m, int axis, long i);
HERD_API const char *herd_optimum_map_axis_key(const herd_optimum_map *m, int axis);
/* The optimum of cell (i, j), owned by m; NULL out of range. */
HERD_API const herd_optimum *herd_optimum_map_cell(const herd_optimum_map *m, long i, long j);

/* ---- the search over a caller's function ------------------------------------------------- */

/* The function herd_optimise_simplex maximises: its value at the point x[0..k) of the simplex
 * (every x_i >= 0, summing to 1) in the replication of the given seed, into *value. With
 * settings.threads other than 1 it is called from several threads at once. A status other
 * than HERD_OK stops the search, which returns it. */
typedef herd_status (*herd_simplex_fn)(void *cookie, const double *x, size_t k, uint64_t seed,
                                       double *value);

typedef struct herd_simplex_settings {
    long budget;        /* points the search evaluates; default 150 */
    long design_points; /* of phase 1; 0 (default): a third of the budget */
    long reps;          /* replications per point in the search; default 10 */
    long final_reps;    /* replications of each finalist in phase 3; default 40 */
    long finalists;     /* default 3 */
    double tolerance;   /* Nelder-Mead stops below this simplex size; default 0.01 */
    /* Replication r of the search has seed herd_seed_derive(seed, r), the same for every
     * point (common random numbers); of phase 3, herd_seed_derive(herd_seed_derive(seed,
     * HERD_OPTIMISE_FINAL_STREAM), r). Default 1. */
    uint64_t seed;
    int threads;        /* evaluations at once; 0: OpenMP's default */
    herd_settings sim;  /* its allocator, for the search's memory */
} herd_simplex_settings;

HERD_API void herd_simplex_settings_default(herd_simplex_settings *s);

typedef struct herd_simplex_result {
    double value;     /* the optimum's mean over the final replications */
    long points;      /* points the search evaluated (at most the budget) */
    long evaluations; /* calls of the function, the final ones included */
} herd_simplex_result;

/* Maximises the mean of f over replications on the simplex of k components (2 <= k <=
 * HERD_DESIGN_SOBOL_MAX_FACTORS) by the three phases of herd_optimise_run, with the point in
 * place of the stance: phase 1 maps Sobol points onto the simplex, Nelder-Mead moves in the
 * additive log-ratio coordinates, and the finalists (distinct if some component differs by
 * more than 1e-4) run again on the fresh seeds, the best of them on these runs being the
 * optimum. Writes the optimum into x[0..k) and, if out is
 * not NULL, its value and counts into *out. Depends on the settings and f only, never on
 * the number of threads. HERD_EINVAL with err naming the setting (budget below
 * design_points + k, reps < 1, ...), or f's status with err saying where it failed;
 * HERD_ERANGE if f returns a value that is not finite. */
HERD_API herd_status herd_optimise_simplex(size_t k, herd_simplex_fn f, void *cookie,
                                           const herd_simplex_settings *settings, double *x,
                                           herd_simplex_result *out, char *err,
                                           size_t err_size);

#ifdef __cplusplus
}
#endif

#endif
