#ifndef HERD_CALIBRATE_H
#define HERD_CALIBRATE_H

/* Field targets and calibration to them.
 *
 * The targets. A table of what field studies report (turnover rates, correlations across
 * teams, the course of directive against empowering teams, ...), each a range with its
 * source, and the measurement that gives the model's value: docs/MODEL.md ("Calibration")
 * describes each. Targets are measured in groups that share runs; every group runs
 * `reps` replications with the seeds herd_seed_derive(seed, r), the same for every policy and
 * every scenario of the group (common random numbers), through herd_compare_run or, for the
 * mixed organisation whose teams each have a leader of their own, herd_sim directly. The
 * horizon is 260 ticks (five years) except where a target says otherwise.
 *
 * Calibration. herd_calibrate fits chosen free parameters, within their plausible ranges, to
 * chosen targets by the simulated method of moments: the objective is the sum over the fitted
 * targets of the squared distance of the model's mean from the target's range, in units of
 * the standard error of that mean at the starting point (0 inside the range). Every
 * evaluation uses the same seeds (common random numbers), so the objective is a deterministic
 * function of the parameters and the noise between seeds does not move the optimiser;
 * GSL's Nelder-Mead simplex (nmsimplex2) searches in logistic coordinates of the plausible
 * ranges, so every trial point lies inside them. The start is the first evaluation, the
 * first simplex's other corners the next n_free (its corner at the start reuses the start's),
 * and the search stops when the simplex is small or max_evals evaluations are spent; the fit
 * is the best point evaluated, with its objective, the start if none is better. The report
 * then measures every target, the fitted ones (in-sample) and the others (held out), before
 * and after, on fresh seeds.
 *
 * Numbers depend on the parameters, the targets, the free parameters and the settings other
 * than threads, never on the number of threads. GSL's error handler is switched off around
 * the GSL calls; see include/herd/stats.h on threads. */

#include <stddef.h>
#include <stdint.h>

#include "herd/compare.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/params.h"
#include "herd/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- targets ---------------------------------------------------------------------------- */

typedef struct herd_target {
    const char *id;     /* short key: "turnover_front" */
    const char *what;   /* for tables */
    const char *unit;   /* "%", "ticks" or "" */
    double lo, hi;      /* the model lands if lo <= mean <= hi; NaN for context rows */
    const char *range;  /* the range as the source states it */
    const char *source;
} herd_target;

HERD_API size_t herd_targets_count(void);
/* Target i, or NULL past the end; the index of the target with id, or (size_t)-1. */
HERD_API const herd_target *herd_targets_get(size_t i);
HERD_API size_t herd_targets_find(const char *id);

typedef struct herd_targets_settings {
    long reps;     /* >= 2; default 30 */
    uint64_t seed; /* default 20240 */
    /* threads and allocator of the runs; its reps, keep_records and progress are ignored */
    herd_compare_settings compare;
} herd_targets_settings;

HERD_API void herd_targets_settings_default(herd_targets_settings *s);

/* Measures the targets i with wanted[i] != 0 (wanted NULL: every target) on parameters p:
 * out[i] (herd_targets_count() of them) gets the mean over replications, in the target's
 * unit, with its interval at settings->compare.level; unwanted targets get NaN. Only the
 * groups a wanted target needs are run, once herd_targets_check has passed every one of
 * them. HERD_OK, or the failing step's status with err naming it. */
HERD_API herd_status herd_targets_measure(const herd_params *p, const int *wanted,
                                          const herd_targets_settings *settings,
                                          herd_interval *out, char *err, size_t err_size);

/* What herd_targets_measure refuses with these arguments before it runs anything, checked
 * without running: bad settings, a bad parameter (named by herd_params_validate), and what a
 * wanted target's runs need of p, such as the mixed organisation's n_teams >= 4 or the
 * scenarios of the style x skill runs, whose skill_mean must suit p's skill_sd. HERD_OK, or
 * the refusal herd_targets_measure would give, with err naming it. */
HERD_API herd_status herd_targets_check(const herd_params *p, const int *wanted,
                                        const herd_targets_settings *settings, char *err,
                                        size_t err_size);

/* 1 if a measured mean lands in target t's range, 0 if not, -1 for a context row or NaN. */
HERD_API herd_status herd_target_lands(const herd_target *t, double mean);

/* ---- calibration ------------------------------------------------------------------------ */

typedef struct herd_calibrate_settings {
    herd_targets_settings fit;    /* seeds and replications of every evaluation */
    herd_targets_settings report; /* of the before-and-after report; default seed 90210 */
    long max_evals;               /* evaluations of the objective, the start's included,
                                     never more: herd_calibrate_min_evals or more; default 60 */
    double tolerance;             /* stop when the simplex is this small (logistic
                                     coordinates); default 1e-3 */
    herd_progress_fn progress;    /* optional: evaluations done of max_evals */
    void *progress_cookie;
} herd_calibrate_settings;

HERD_API void herd_calibrate_settings_default(herd_calibrate_settings *s);

/* A fitted target; lo and hi override the table's range when override is 1 (for a
 * calibration against values of one's own, as a test against known parameters does). */
typedef struct herd_calibrate_target {
    const char *id;
    int override;
    double lo, hi;
} herd_calibrate_target;

typedef struct herd_calibration herd_calibration;

/* The fewest max_evals herd_calibrate accepts with these free parameters: n_free + 1, the
 * start and the first simplex's other corners. HERD_OK with *out set; otherwise the refusal
 * of the free parameters as herd_calibrate gives it. */
HERD_API herd_status herd_calibrate_min_evals(const char *const *free_params, size_t n_free,
                                              long *out, char *err, size_t err_size);

/* Fits the parameters named in free_params[0..n_free) (each with a plausible range wider
 * than a point), starting from start, to targets[0..n_targets). Refused before anything runs,
 * with err naming it: an unknown or repeated parameter or target, a context row, an override
 * with lo > hi, n_free or n_targets 0, bad settings (max_evals below
 * herd_calibrate_min_evals among them), a start the fit's or the report's runs refuse
 * (herd_targets_check). HERD_OK with *out a calibration the caller frees with
 * herd_calibration_free. */
HERD_API herd_status herd_calibrate(herd_calibration **out, const herd_params *start,
                                    const char *const *free_params, size_t n_free,
                                    const herd_calibrate_target *targets, size_t n_targets,
                                    const herd_calibrate_settings *settings, char *err,
                                    size_t err_size);
HERD_API void herd_calibration_free(herd_calibration *c);

/* The parameters before (start) and after the fit. Owned by c. */
HERD_API const herd_params *herd_calibration_before(const herd_calibration *c);
HERD_API const herd_params *herd_calibration_after(const herd_calibration *c);
HERD_API size_t herd_calibration_n_free(const herd_calibration *c);
HERD_API const herd_param_info *herd_calibration_free_param(const herd_calibration *c, size_t i);
/* The objective at the start and at the fit (the best point evaluated), and the evaluations
 * made, the start's included: at most max_evals. */
HERD_API double herd_calibration_objective(const herd_calibration *c, int after);
HERD_API long herd_calibration_evals(const herd_calibration *c);
/* 1 if target i of the table was fitted, 0 if held out. */
HERD_API herd_status herd_calibration_fitted(const herd_calibration *c, size_t i);
/* The range target i was judged on: the override if fitted with one, else the table's. */
HERD_API void herd_calibration_range(const herd_calibration *c, size_t i, double *lo,
                                     double *hi);
/* Target i measured with the report settings before (after = 0) or after the fit. NULL out
 * of range. */
HERD_API const herd_interval *herd_calibration_value(const herd_calibration *c, size_t i,
                                                     int after);

#ifdef __cplusplus
}
#endif

#endif
