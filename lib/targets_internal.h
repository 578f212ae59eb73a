#ifndef HERD_LIB_TARGETS_INTERNAL_H
#define HERD_LIB_TARGETS_INTERNAL_H

/* The rows of the targets table and the groups of runs that measure them. Not installed. */
#include "herd/calibrate.h"
#include "record_mean.h"

enum {
    TG_TURNOVER_FRONT, TG_TURNOVER_BEHIND, TG_TURNOVER_SERVANT, TG_TURNOVER_HYBRID,
    TG_QUARTER, TG_R_ENGAGEMENT_TURNOVER, TG_R_EMPOWERMENT_MORALE, TG_R_EMPOWERMENT_PERFORMANCE,
    TG_R_DIFFERENCE,
    TG_LIFE_EARLY, TG_LIFE_CROSSING, TG_LIFE_BEHIND, TG_LIFE_SERVANT,
    TG_INTERACTION_SHARE, TG_INTERACTION_CONTRAST,
    TG_AWAY_FRONT_DIP, TG_AWAY_FRONT_LOSS, TG_AWAY_BEHIND_DIP, TG_AWAY_BEHIND_LOSS,
    TG_HYBRID_CRISIS, TG_HYBRID_CALM,
    TG_BEST_PERFORMANCE, TG_BEST_LEAVERS,
    TG_COUNT
};

#define TG_HORIZON 260 /* five years of weekly ticks */
#define TG_WARMUP 52   /* the first year is left out of steady-state measures */

/* What a group needs: the parameters, the replications and their seed, the comparison
 * settings, and where each target's values go: v[target * reps + r]. With check_only a group
 * runs nothing and only refuses what its runs would refuse (herd_targets_check). */
typedef struct tg_run {
    const herd_params *params;
    long reps;
    uint64_t seed;
    herd_compare_settings cs;
    double *v;
    int check_only;
    char *err;
    size_t err_size;
} tg_run;

#define TG_V(g, target, r) ((g)->v[(size_t)(target) * (size_t)(g)->reps + (size_t)(r)])

/* A group: the first and one past the last target it measures, and its function. */
typedef struct tg_group {
    int first, end;
    herd_status (*measure)(tg_run *g);
} tg_group;

extern const tg_group herd_tg_groups[];
extern const size_t herd_tg_n_groups;

/* Shared by the groups: a scenario of the run's parameters, horizon and seed; a comparison
 * on it, or with check_only its check (herd_compare_check) and *out NULL, a refusal naming
 * the runs by what. */
herd_status herd_tg_scenario(const tg_run *g, herd_scenario **out);
herd_status herd_tg_add_event(const tg_run *g, herd_scenario *s, const char *name,
                              const char *kind, long start, long length, double intensity);
herd_status herd_tg_compare(const tg_run *g, const char *what, const herd_scenario *s,
                            const herd_policy_type *const *arms, size_t n, herd_compare **out);

/* The mixed organisation (lib/targets_mixed.c). */
herd_status herd_tg_mixed(tg_run *g);

#endif
