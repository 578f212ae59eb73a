#ifndef HERD_DESIGN_H
#define HERD_DESIGN_H

/* Designs of experiments over varied scenario keys: which values the factors take at design
 * point j, and the seed of each run. Every point is a function of j alone, so workers on
 * any number of threads or processes compute the points they need and nothing is stored
 * per point.
 *
 * Kinds:
 * - grid: every combination of each factor's steps, lo to hi inclusive, the last factor
 *   changing fastest (as nested loops would write it);
 * - sobol: the first `samples` points of gsl_qrng_sobol in as many dimensions as factors;
 * - lhs: a Latin hypercube of `samples` points drawn from the design's seed: each factor's
 *   range cut into `samples` equal strata, one point in each, the strata shuffled per factor
 *   by a keyed permutation and each point placed uniformly within its stratum;
 * - saltelli: Saltelli's design for Sobol indices (include/herd/sensitivity.h) of N =
 *   `samples` base samples over k factors, N (k + 2) points. Point j belongs to base sample
 *   j / (k + 2) and is, by j % (k + 2): A's row (HERD_SALTELLI_A), B's row
 *   (HERD_SALTELLI_B), or, from HERD_SALTELLI_AB + i, A's row with factor i taken from B's.
 *   A and B are the first and last k coordinates of a point of the 2k-dimensional
 *   gsl_qrng_sobol sequence: base sample b takes the b-th point from point 2^m on (counting
 *   the origin, which GSL leaves out, as point 0), 2^m the smallest power of two at least N, passing over any point whose A and B coincide. The
 *   sequence's first points repeat across dimensions (Campolongo, Saltelli and Cariboni
 *   2011): taken from point 0, two factors' first three base samples had A = B and measured
 *   nothing. SALib's saltelli.sample skips the same 2^m points.
 *
 * The seed rule. The runs of design point j, replication r have the seed
 *   herd_seed_derive(herd_seed_derive(scenario seed, s(j)), r)
 * with s(j) = j, or, in a Saltelli design, s(j) = j / (k + 2), its base sample: the points
 * whose outputs the Sobol estimators subtract meet the same draws, so a factor the model
 * ignores gets an index of exactly 0. Every policy run at (j, r) gets the same seed (common
 * random numbers), so differences between policies are not noise between seeds.
 *
 * GSL's error handler is switched off around the GSL calls and put back afterwards; see
 * include/herd/stats.h on threads. */
#include <stddef.h>
#include <stdint.h>

#include "herd/error.h"
#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HERD_KEY_MAX 128                 /* longest factor key, with its terminating NUL */
#define HERD_DESIGN_MAX_FACTORS 128      /* of a grid or lhs design */
#define HERD_DESIGN_SOBOL_MAX_FACTORS 40 /* gsl_qrng_sobol's largest dimension */
#define HERD_DESIGN_SALTELLI_MAX_FACTORS 20 /* A and B take k Sobol dimensions each */
#define HERD_DESIGN_MAX_POINTS 1000000000L
#define HERD_FACTOR_DEFAULT_STEPS 3

typedef enum herd_design_kind {
    HERD_DESIGN_GRID,
    HERD_DESIGN_SOBOL,
    HERD_DESIGN_LHS,
    HERD_DESIGN_SALTELLI
} herd_design_kind;

enum { HERD_SALTELLI_A = 0, HERD_SALTELLI_B = 1, HERD_SALTELLI_AB = 2 };

/* One varied key. The design does not interpret key: the caller resolves it (a model
 * parameter, a style or an event key) and sets integer for a key that takes whole
 * numbers. */
typedef struct herd_factor {
    char key[HERD_KEY_MAX];
    double lo, hi;
    long steps;  /* grid only: values from lo to hi inclusive; 0 for the default */
    int integer; /* values rounded to whole numbers */
} herd_factor;

/* Parses "KEY=LO:HI[:STEPS]" into *out: the key, finite LO <= HI, STEPS >= 1 if given
 * (else 0) and integer 0. HERD_OK, or HERD_EPARSE (malformed, or a key of HERD_KEY_MAX
 * characters or more) or HERD_ERANGE (LO > HI) with a message quoting text in err. */
HERD_API herd_status herd_factor_parse(const char *text, herd_factor *out, char *err,
                                       size_t err_size);

/* Checks f and settles its steps: LO <= HI, both finite; for an integer factor LO and HI
 * whole. Steps 0 become HERD_FACTOR_DEFAULT_STEPS, cut for an integer factor to its
 * hi - lo + 1 whole values; given steps beyond those are refused, as they would repeat
 * points. HERD_OK, or HERD_ERANGE with a message naming the key in err. Calling it again
 * changes nothing; herd_design_new calls it on its copies. */
HERD_API herd_status herd_factor_check(herd_factor *f, char *err, size_t err_size);

/* "grid", "sobol", "lhs", "saltelli": HERD_OK, or HERD_ENOTFOUND. */
HERD_API herd_status herd_design_kind_parse(const char *name, herd_design_kind *out);
/* The name of kind, or NULL for a value not in the enum. */
HERD_API const char *herd_design_kind_name(herd_design_kind kind);

typedef struct herd_design herd_design;

/* A design of `kind` over copies of factors[0..n_factors) (each checked by
 * herd_factor_check). samples is the number of points of a sobol or lhs design and of base
 * samples of a saltelli one (at least 2: a variance needs two); a grid ignores it. seed
 * places the points of an lhs design. HERD_OK; or, with *out NULL and a message in err:
 * HERD_EINVAL (no factors for a sampled design, a bad factor, bad samples), HERD_ETOOBIG
 * (more than HERD_DESIGN_MAX_FACTORS factors, HERD_DESIGN_SOBOL_MAX_FACTORS for sobol,
 * HERD_DESIGN_SALTELLI_MAX_FACTORS for saltelli, or more than HERD_DESIGN_MAX_POINTS points), HERD_ENOMEM. */
HERD_API herd_status herd_design_new(herd_design **out, herd_design_kind kind,
                                     const herd_factor *factors, size_t n_factors, long samples,
                                     uint64_t seed, char *err, size_t err_size);
/* Frees d; NULL does nothing. */
HERD_API void herd_design_free(herd_design *d);

/* The design's kind; HERD_DESIGN_GRID for NULL, which the getters below treat as a design
 * without points (0 points, no factors) whose points are their own seeds. */
HERD_API herd_design_kind herd_design_kind_of(const herd_design *d);
/* The number of points: the product of the steps for a grid, samples (k + 2) for saltelli,
 * samples otherwise. */
HERD_API long herd_design_points(const herd_design *d);
HERD_API size_t herd_design_n_factors(const herd_design *d);
/* Factor i as the design holds it (steps settled), or NULL if i is out of range. Owned by
 * d. */
HERD_API const herd_factor *herd_design_factor(const herd_design *d, size_t i);

/* The seed of the runs of point j, replication rep, by the rule above. */
HERD_API uint64_t herd_design_seed(const herd_design *d, uint64_t scenario_seed, long j,
                                   long rep);
/* s(j) of the seed rule: j, or its base sample in a Saltelli design. */
HERD_API long herd_design_seed_point(const herd_design *d, long j);

/* What one thread needs to compute points: the Sobol sequence is walked forward, so points
 * are cheapest in increasing j, but any order gives the same values. A cursor is used by
 * one thread at a time; the design must outlive it. */
typedef struct herd_design_cursor herd_design_cursor;

/* HERD_OK, or HERD_ENOMEM with *out NULL. */
HERD_API herd_status herd_design_cursor_new(herd_design_cursor **out, const herd_design *d);
/* Frees c; NULL does nothing. */
HERD_API void herd_design_cursor_free(herd_design_cursor *c);
/* Point j in [0, points): values[i] in factor i's units (whole numbers for an integer
 * factor, never beyond hi), and, if unit is not NULL, its coordinates in [0, 1]. Both hold
 * one number per factor. HERD_OK, or HERD_ERANGE for j out of range (values untouched). */
HERD_API herd_status herd_design_cursor_point(herd_design_cursor *c, long j, double *values,
                                              double *unit);

#ifdef __cplusplus
}
#endif

#endif
