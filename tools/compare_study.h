#ifndef HERD_TOOLS_COMPARE_STUDY_H
#define HERD_TOOLS_COMPARE_STUDY_H

/* What the parts of herd compare share: options, the scenarios and the library's results.
 * Types only: tools/compare_write.h and tools/compare_plot.h declare the parts. Not
 * installed. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "herd/herd.h"

enum {
    CMP_MAX_POLICIES = 16,
    CMP_NAME = 64,
    CMP_ERR = 1024,
    CMP_MAX_METRICS = 8,
};

typedef struct cmp_options {
    const char **scenario_paths;
    size_t n_scenarios;
    const char *policy_names[CMP_MAX_POLICIES]; /* resolved in each scenario; none: all */
    size_t n_policies;
    long reps;
    int threads;           /* 0: OpenMP's default */
    const char *ticks;     /* overrides [run] ticks of every scenario if not NULL */
    const char *seed;      /* overrides [run] seed if not NULL */
    const char *out_dir;
    const char *sqlite; /* the database's path, or NULL for none */
    int regime_map;
    long grid;
    const char *regime_metrics[CMP_MAX_METRICS]; /* run metrics' names; the first names the
                                                    map's main files */
    size_t n_regime_metrics;
    herd_factor axes[2];
    int plots;
    int progress;
    const herd_catalog *catalog;
} cmp_options;

/* One scenario of the comparison and its results. */
typedef struct cmp_scenario {
    char name[CMP_NAME]; /* file name without folder and .ini, safe in file names */
    herd_scenario *sc;
    const herd_policy_type *arms[CMP_MAX_POLICIES + 1]; /* NULL: the scenario's own mix */
    size_t n_arms;
    herd_compare *result;
} cmp_scenario;

typedef struct cmp_study {
    const cmp_options *opt;
    cmp_scenario *scenarios;
    size_t n_scenarios;
    herd_regime *regime; /* NULL without --regime-map */
    size_t regime_metrics[CMP_MAX_METRICS]; /* indices in the cells' metrics */
} cmp_study;

#endif
