#ifndef HERD_TOOLS_SWEEP_DESIGN_H
#define HERD_TOOLS_SWEEP_DESIGN_H

/* Designs of parameter sweeps: which values the varied parameters take at design point j.
 * Every point is a function of j alone (the Sobol sequence is walked forward from a cursor),
 * so workers compute the points they need and nothing is stored per point. */
#include <gsl/gsl_qrng.h>
#include <stddef.h>
#include <stdint.h>

#include "herd/params.h"

#define SWEEP_MAX_FACTORS 40 /* gsl_qrng_sobol's largest dimension */
#define SWEEP_SALTELLI_MAX_FACTORS (SWEEP_MAX_FACTORS / 2) /* A and B take k dimensions each */

typedef enum sweep_design_kind {
    SWEEP_GRID,
    SWEEP_SOBOL,
    SWEEP_LHS,
    SWEEP_SALTELLI
} sweep_design_kind;

/* A Saltelli design of N base samples over k factors has N (k + 2) points. Point j belongs to
 * base sample j / (k + 2) and is, by j % (k + 2): A's row (SWEEP_SALTELLI_A), B's row
 * (SWEEP_SALTELLI_B), or, from SWEEP_SALTELLI_AB + i, A's row with factor i taken from B's.
 * A and B are the first and last k coordinates of point b of the 2k-dimensional
 * gsl_qrng_sobol sequence. */
enum { SWEEP_SALTELLI_A = 0, SWEEP_SALTELLI_B = 1, SWEEP_SALTELLI_AB = 2 };

typedef struct sweep_factor {
    const herd_param_info *param;
    double lo, hi;
    long steps; /* grid only: values from lo to hi inclusive */
} sweep_factor;

typedef struct sweep_design {
    sweep_design_kind kind;
    const sweep_factor *factors;
    size_t n_factors;
    long points;
    uint64_t seed; /* lhs only */
} sweep_design;

/* "KEY=LO:HI[:STEPS]", STEPS 3 if not given; LO and HI whole for an integer parameter. 0, or
 * -1 and a message in err. */
int sweep_factor_parse(const char *text, sweep_factor *f, char *err, size_t err_size);
/* "grid", "sobol", "lhs", "saltelli". 0 or -1. */
int sweep_design_kind_parse(const char *name, sweep_design_kind *kind);
const char *sweep_design_kind_name(sweep_design_kind kind);
/* Fills d; points is the product of the steps for a grid, samples (k + 2) for saltelli,
 * samples otherwise. 0, or -1 and a message (too many points or factors, samples < 1, or
 * < 2 for saltelli). */
int sweep_design_init(sweep_design *d, sweep_design_kind kind, const sweep_factor *factors,
                      size_t n_factors, long samples, uint64_t seed, char *err, size_t err_size);

/* What one worker needs to compute points; Sobol points are cheapest in increasing j. */
typedef struct sweep_cursor {
    const sweep_design *design;
    gsl_qrng *sobol;
    long next; /* index of the point the Sobol generator gives next */
    double last[SWEEP_MAX_FACTORS]; /* the Sobol point next - 1 */
} sweep_cursor;

int sweep_cursor_init(sweep_cursor *c, const sweep_design *d);
void sweep_cursor_free(sweep_cursor *c);
/* The values of point j in [0, points), one per factor, in the factors' units (whole numbers
 * for integer parameters), and, if unit is not NULL, the point in [0,1]^n. */
void sweep_point(sweep_cursor *c, long j, double *values, double *unit);

/* What the seed of point j's runs derives from: j, or in a Saltelli design its base sample,
 * so that the points of one base sample meet the same draws. */
long sweep_seed_point(const sweep_design *d, long j);

#endif
