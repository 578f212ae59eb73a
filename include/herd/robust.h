#ifndef HERD_ROBUST_H
#define HERD_ROBUST_H

/* How far stylised facts hold when the parameters move within their plausible ranges
 * (the low and high of HERD_PARAMS_TABLE). A Latin hypercube (include/herd/design.h) over the
 * varied parameters; at each point every fact is evaluated (herd_fact_evaluate) on the base
 * scenario with the point's values, so each point gives each check a paired interval. A fact's
 * own adjustments are set after the point's values and win over them.
 *
 * Seeds. Point j runs with the scenario seed herd_seed_derive(base seed, j), so its
 * replication r has the seed herd_design_seed(design, base seed, j, r); every fact at a point
 * meets the same seeds. The numbers depend on the base scenario, the facts and the settings
 * other than threads and progress. */

#include <stddef.h>
#include <stdint.h>

#include "herd/compare.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/facts.h"
#include "herd/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herd_robust_settings {
    long points;   /* of the Latin hypercube: herd_robust_min_points or more; default 200 */
    uint64_t seed; /* places the points; default 1 */
    /* Parameters varied: the names in vary[0..n_vary), or, when vary is NULL, every parameter
     * whose plausible range is not a single value. Those named in fixed[0..n_fixed) keep the
     * base scenario's values. A name that is not a parameter is refused. */
    const char *const *vary;
    size_t n_vary;
    const char *const *fixed;
    size_t n_fixed;
    /* The comparison at each point: reps (default 10), level, threads, allocator. Its
     * progress is not called; progress below is, after each point. */
    herd_compare_settings compare;
    herd_progress_fn progress;
    void *progress_cookie;
} herd_robust_settings;

HERD_API void herd_robust_settings_default(herd_robust_settings *s);

typedef struct herd_robust herd_robust;

/* The fewest points herd_robust_run accepts with these settings (NULL: the defaults): the
 * varied parameters + 2, since the regression of herd_robust_drivers needs more points than
 * parameters + 1. HERD_OK with *out set; otherwise the refusal of a name in vary or fixed,
 * or of no parameter left to vary, as herd_robust_run gives it. */
HERD_API herd_status herd_robust_min_points(const herd_robust_settings *settings, long *out,
                                            char *err, size_t err_size);

/* Whether the study with these settings (NULL: the defaults) varies parameter p, so that
 * every point overwrites the base scenario's value of p: HERD_OK with *out 1 if it does, 0 if
 * it keeps the base value (p fixed, not among vary, or without a plausible range); otherwise
 * HERD_EINVAL for p or out NULL, or the refusal of the settings' parameters as
 * herd_robust_min_points gives it. */
HERD_API herd_status herd_robust_varies(const herd_robust_settings *settings,
                                        const herd_param_info *p, int *out, char *err,
                                        size_t err_size);

/* Runs the study of facts[0..n_facts) on base. Every fact is checked (herd_fact_check_valid)
 * and a fact id given twice refused, the points are refused if fewer than
 * herd_robust_min_points, and every point's scenario is built and validated before anything
 * runs. HERD_OK with *out a study the caller frees with herd_robust_free; otherwise *out is
 * NULL and err names what failed: the setting, the parameter, the fact, or the point and its
 * seed. */
HERD_API herd_status herd_robust_run(herd_robust **out, const herd_scenario *base,
                                     const herd_fact *const *facts, size_t n_facts,
                                     const herd_robust_settings *settings, char *err,
                                     size_t err_size);
HERD_API void herd_robust_free(herd_robust *r);

HERD_API long herd_robust_n_points(const herd_robust *r);
HERD_API size_t herd_robust_n_facts(const herd_robust *r);
/* Fact i as given (the caller's pointer); NULL past the end. */
HERD_API const herd_fact *herd_robust_fact(const herd_robust *r, size_t i);
HERD_API size_t herd_robust_n_factors(const herd_robust *r);
/* The varied parameter i, with its plausible range as the design used it; NULL past the end. */
HERD_API const herd_param_info *herd_robust_factor(const herd_robust *r, size_t i);
/* The value of factor i at point j; NaN out of range. */
HERD_API double herd_robust_value(const herd_robust *r, long j, size_t i);
/* The result of fact f at point j; NULL out of range. Owned by r. */
HERD_API const herd_fact_result *herd_robust_result(const herd_robust *r, long j, size_t f);

#define HERD_ROBUST_ALL_CHECKS ((size_t)-1)

/* Share of the points where check `check` of fact f holds (its interval excludes zero in the
 * stated direction), or, for HERD_ROBUST_ALL_CHECKS, where every check holds. If factor is a
 * factor index, only the points whose value of it lies in the lower half (half 0) or upper
 * half (half 1) of its range count; factor (size_t)-1 counts every point. HERD_EINVAL for an
 * index out of range. */
HERD_API herd_status herd_robust_share(const herd_robust *r, size_t f, size_t check,
                                       size_t factor, int half, double *share);

/* What decides check `check` of fact f: standardised regression coefficients
 * (herd_sensitivity_src) of its mean paired difference over the points, or, for
 * HERD_ROBUST_ALL_CHECKS, of the indicator "every check holds", on the factors' values.
 * src[0..n_factors) gets each factor's coefficient, order[0..n_factors) the factor indices
 * by decreasing |src|, *r2 the share of variance the linear fit explains. Needs more points
 * than factors + 1. HERD_OK, or the failure of herd_sensitivity_src with err. */
HERD_API herd_status herd_robust_drivers(const herd_robust *r, size_t f, size_t check,
                                         double *src, size_t *order, double *r2, char *err,
                                         size_t err_size);

#ifdef __cplusplus
}
#endif

#endif
