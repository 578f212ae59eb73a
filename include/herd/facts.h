#ifndef HERD_FACTS_H
#define HERD_FACTS_H

/* Stylised facts as checks on paired comparisons. A fact is a scenario adjustment (keys set
 * on top of a base scenario, as herd_scenario_set sets them) and one or more checks, each
 * "policy a's measure exceeds policy b's": the confidence interval of the paired difference
 * a - b over the replications of one comparison (herd_compare_run, common random numbers)
 * must lie above zero. A check stated the other way round ("lower under a") is written with
 * a and b swapped. The fact holds when every check holds.
 *
 * The built-in table holds F1-F9 of the model brief (F6 in two parts, F6a and F6b);
 * docs/MODEL.md ("Stylised facts") states each. A program may define facts of its own with
 * any policy types and measures and evaluate them the same way. */

#include <stddef.h>

#include "herd/compare.h"
#include "herd/error.h"
#include "herd/export.h"
#include "herd/metrics.h"
#include "herd/policy.h"
#include "herd/scenario.h"
#include "herd/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HERD_FACT_MAX_KEYS 8
#define HERD_FACT_MAX_CHECKS 8

/* A number measured from one run's records (records[0..ticks), one a tick) on the scenario
 * s the run used (with the fact's adjustments). */
typedef double (*herd_fact_measure_fn)(const herd_record *records, long ticks,
                                       const herd_scenario *s);

typedef struct herd_fact_key {
    const char *key, *value; /* as herd_scenario_set takes them */
} herd_fact_key;

typedef struct herd_fact_check {
    /* Pointers to the policy pointers, so that a static table can name the built-ins
     * (&herd_policy_front). */
    const herd_policy_type *const *a, *const *b;
    herd_fact_measure_fn measure;
    const char *measure_name; /* for reports: "cumulative innovations" */
} herd_fact_check;

typedef struct herd_fact {
    const char *id;        /* "F1" */
    const char *statement; /* one line */
    herd_fact_key adjust[HERD_FACT_MAX_KEYS];
    size_t n_adjust;
    herd_fact_check checks[HERD_FACT_MAX_CHECKS];
    size_t n_checks;
} herd_fact;

typedef struct herd_fact_result {
    size_t n_checks;
    herd_interval diff[HERD_FACT_MAX_CHECKS]; /* a - b of each check */
    int check_holds[HERD_FACT_MAX_CHECKS];    /* diff.low > 0 */
    int holds;                                /* every check holds */
} herd_fact_result;

/* The built-in facts: their number, fact i (NULL past the end), the fact with id (NULL if
 * none). The table is constant and lives as long as the program. */
HERD_API size_t herd_facts_count(void);
HERD_API const herd_fact *herd_facts_get(size_t i);
HERD_API const herd_fact *herd_facts_find(const char *id);

/* Checks that f can be evaluated: an id, 1 to HERD_FACT_MAX_CHECKS checks each with both
 * policies and a measure, at most HERD_FACT_MAX_KEYS adjustments each with a key and a value.
 * HERD_OK, or HERD_EINVAL with err naming the fact and the field ("fact F1: check 2: no
 * measure"). */
HERD_API herd_status herd_fact_check_valid(const herd_fact *f, char *err, size_t err_size);

/* base with f's adjustments set, in a new scenario the caller frees with herd_scenario_free.
 * An adjustment base does not accept is refused with err naming the fact and the key. */
HERD_API herd_status herd_fact_scenario(herd_scenario **out, const herd_fact *f,
                                        const herd_scenario *base, char *err, size_t err_size);

/* Evaluates f on base: one comparison of the policies f's checks name on
 * herd_fact_scenario(f, base), run with settings (NULL for the defaults; records are kept
 * whatever settings->keep_records says), then each check's paired interval at
 * settings->level. The numbers depend on base (its seed included), f and settings->reps and
 * level only, never on the threads. HERD_OK with *out filled; otherwise the status of the
 * failing step with err naming the fact and what failed, *out untouched. */
HERD_API herd_status herd_fact_evaluate(const herd_fact *f, const herd_scenario *base,
                                        const herd_compare_settings *settings,
                                        herd_fact_result *out, char *err, size_t err_size);

#ifdef __cplusplus
}
#endif

#endif
