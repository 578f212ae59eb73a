/* The field targets and their measurement (include/herd/calibrate.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "herd/calibrate.h"
#include "herd/rng.h"
#include "herd/scenario.h"
#include "compare_internal.h"
#include "targets_internal.h"

#define MERCER "Mercer turnover surveys"
#define KIM "Kim, Beehr & Prewett 2018"
#define LORINKOVA "Lorinkova, Pearsall & Sims 2013"
#define SCHEPKER "Schepker et al. 2017"
#define STOKER "Stoker, Garretsen & Soudis 2019"

static const herd_target targets[TG_COUNT] = {
    {"turnover_front", "annual voluntary turnover, front", "%", 12, 25, "12–25 %", MERCER},
    {"turnover_behind", "annual voluntary turnover, behind", "%", 12, 25, "12–25 %", MERCER},
    {"turnover_servant", "annual voluntary turnover, servant", "%", 12, 25, "12–25 %", MERCER},
    {"turnover_hybrid", "annual voluntary turnover, hybrid", "%", 12, 25, "12–25 %", MERCER},
    {"engaged_quarter", "fewer leavers, most vs least engaged quarter of teams", "%", 20, 65,
     "20–65 % fewer", "Harter et al. (Gallup Q12 meta-analysis)"},
    {"r_engagement_turnover", "r(team engagement, team turnover)", "", -0.4, -0.2,
     "about −0.3", "Harter, Schmidt & Hayes 2002"},
    {"r_empowerment_morale", "r(empowerment, team morale)", "", 0.35, 0.55, "0.4–0.5", KIM},
    {"r_empowerment_performance", "r(empowerment, team performance)", "", 0.2, 0.4,
     "about 0.3", KIM},
    {"r_morale_minus_performance", "r(empowerment, morale) − r(empowerment, performance)", "",
     0, INFINITY, "> 0: morale the stronger", KIM},
    {"new_team_early", "new team, first quarter: front ahead of behind (cumulative "
     "performance)", "%", 0, INFINITY, "directive ahead at first", LORINKOVA},
    {"new_team_crossing", "new team: tick from which behind stays ahead of front", "ticks", 1,
     TG_HORIZON - 1, "empowering overtakes", LORINKOVA},
    {"new_team_behind", "new team, 5 years: behind ahead of front (cumulative performance)",
     "%", 10, 25, "+10–25 %", LORINKOVA},
    {"new_team_servant", "new team, 5 years: servant ahead of front (cumulative performance)",
     "%", 10, 25, "+10–25 %", LORINKOVA},
    {"interaction_share", "style × skill: interaction's share of explained variance (2×2)",
     "%", 0, 10, "small (< 10 %)", "Vecchio, Bullis & Brazil 2006"},
    {"interaction_contrast", "style × skill: interaction contrast / grand mean", "%", NAN, NAN,
     "real (CI excludes 0)", "Vecchio, Bullis & Brazil 2006"},
    {"away_front_dip", "leader away 12 ticks, front: dip while away", "%", 1, INFINITY,
     "a short-term dip", SCHEPKER},
    {"away_front_loss", "leader away 12 ticks, front: loss 6–24 months later", "%", -2, 2,
     "no lasting loss (within ±2 %)", SCHEPKER},
    {"away_behind_dip", "leader away 12 ticks, behind: dip while away", "%", 1, INFINITY,
     "a short-term dip", SCHEPKER},
    {"away_behind_loss", "leader away 12 ticks, behind: loss 6–24 months later", "%", -2, 2,
     "no lasting loss (within ±2 %)", SCHEPKER},
    {"hybrid_crisis_edge", "hybrid over behind, crisis ticks (performance)", "%", 0, 20,
     "modest (0–20 %)", STOKER},
    {"hybrid_calm_edge", "hybrid over behind, calm ticks (performance)", "%", -2, 2,
     "none (within ±2 %)", STOKER},
    {"best_worst_performance", "best vs worst built-in style: team performance", "%", 5, 20,
     "about +10 %", "Lazear, Shaw & Stanton 2015"},
    {"best_worst_leavers", "best vs worst built-in style: fewer leavers", "%", 25, 100,
     "far fewer (≥ 25 %)", "Hoffman & Tadelis 2021"},
};

size_t herd_targets_count(void)
{
    return TG_COUNT;
}

const herd_target *herd_targets_get(size_t i)
{
    return i < TG_COUNT ? &targets[i] : NULL;
}

size_t herd_targets_find(const char *id)
{
    for (size_t i = 0; id != NULL && i < TG_COUNT; i++)
        if (strcmp(targets[i].id, id) == 0)
            return i;
    return (size_t)-1;
}

herd_status herd_target_lands(const herd_target *t, double mean)
{
    if (t == NULL || isnan(t->lo) || isnan(mean))
        return -1;
    return mean >= t->lo && mean <= t->hi;
}

void herd_targets_settings_default(herd_targets_settings *s)
{
    if (s == NULL)
        return;
    memset(s, 0, sizeof *s);
    s->reps = 30;
    s->seed = 20240;
    herd_compare_settings_default(&s->compare);
}

/* ---- what the groups share ---------------------------------------------------------------- */

herd_status herd_tg_scenario(const tg_run *g, herd_scenario **out)
{
    herd_scenario *s = NULL;
    herd_status rc = herd_scenario_new(&s);
    if (rc != HERD_OK)
        return herd_errf(g->err, g->err_size, rc, "targets: %s", herd_strerror(rc));
    s->params = *g->params;
    s->ticks = TG_HORIZON;
    s->seed = g->seed;
    *out = s;
    return HERD_OK;
}

herd_status herd_tg_add_event(const tg_run *g, herd_scenario *s, const char *name,
                              const char *kind, long start, long length, double intensity)
{
    const char *keys[] = {"kind", "start", "length", "intensity"};
    char values[4][32], key[64], why[256] = "";
    snprintf(values[0], sizeof values[0], "%s", kind);
    snprintf(values[1], sizeof values[1], "%ld", start);
    snprintf(values[2], sizeof values[2], "%ld", length);
    snprintf(values[3], sizeof values[3], "%.17g", intensity);
    for (int i = 0; i < 4; i++) {
        snprintf(key, sizeof key, "event.%s.%s", name, keys[i]);
        herd_status rc = herd_scenario_set(s, key, values[i], why, sizeof why);
        if (rc != HERD_OK)
            return herd_errf(g->err, g->err_size, rc, "targets: %s", why);
    }
    return HERD_OK;
}

herd_status herd_tg_compare(const tg_run *g, const char *what, const herd_scenario *s,
                            const herd_policy_type *const *arms, size_t n, herd_compare **out)
{
    char why[1024] = "";
    herd_status rc;
    if (g->check_only) {
        *out = NULL;
        rc = herd_compare_check(s, arms, n, &g->cs, HERD_COMPARE_MIN_REPS, why, sizeof why);
    } else {
        rc = herd_compare_run(out, s, arms, n, &g->cs, why, sizeof why);
    }
    if (rc != HERD_OK)
        return herd_errf(g->err, g->err_size, rc, "targets: %s: %s", what, why);
    return HERD_OK;
}

/* ---- measuring ------------------------------------------------------------------------------ */

static herd_status check_settings(const herd_params *p, const herd_targets_settings *s,
                                  char *err, size_t err_size)
{
    if (p == NULL || s == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "targets: no %s",
                         p == NULL ? "parameters" : "settings");
    if (s->reps < HERD_COMPARE_MIN_REPS)
        return herd_errf(err, err_size, HERD_EINVAL, "targets: settings reps = %ld, at least %d",
                         s->reps, HERD_COMPARE_MIN_REPS);
    char why[512] = "";
    herd_status rc = herd_params_validate(p, why, sizeof why);
    if (rc != HERD_OK)
        return herd_errf(err, err_size, rc, "targets: %s", why);
    return HERD_OK;
}

static int group_wanted(const tg_group *gr, const int *wanted)
{
    for (int i = gr->first; i < gr->end; i++)
        if (wanted == NULL || wanted[i])
            return 1;
    return 0;
}

/* Groups that share a measure (the styles' runs give two) run it once. */
static int ran_before(size_t k, const int *wanted)
{
    for (size_t j = 0; j < k; j++)
        if (herd_tg_groups[j].measure == herd_tg_groups[k].measure &&
            group_wanted(&herd_tg_groups[j], wanted))
            return 1;
    return 0;
}

static herd_status run_groups(tg_run *g, const int *wanted)
{
    for (size_t k = 0; k < herd_tg_n_groups; k++) {
        const tg_group *gr = &herd_tg_groups[k];
        if (!group_wanted(gr, wanted) || ran_before(k, wanted))
            continue;
        herd_status rc = gr->measure(g);
        if (rc != HERD_OK)
            return rc;
    }
    return HERD_OK;
}

static herd_targets_settings settings_or_default(const herd_targets_settings *settings)
{
    herd_targets_settings st;
    if (settings != NULL)
        return *settings;
    herd_targets_settings_default(&st);
    return st;
}

static tg_run run_of(const herd_params *p, const herd_targets_settings *st, char *err,
                     size_t err_size)
{
    tg_run g = {p, st->reps, st->seed, st->compare, NULL, 0, err, err_size};
    g.cs.reps = st->reps;
    g.cs.keep_records = 1;
    g.cs.progress = NULL;
    return g;
}

herd_status herd_targets_check(const herd_params *p, const int *wanted,
                               const herd_targets_settings *settings, char *err,
                               size_t err_size)
{
    herd_targets_settings st = settings_or_default(settings);
    herd_status rc = check_settings(p, &st, err, err_size);
    if (rc != HERD_OK)
        return rc;
    tg_run g = run_of(p, &st, err, err_size);
    g.check_only = 1;
    return run_groups(&g, wanted);
}

herd_status herd_targets_measure(const herd_params *p, const int *wanted,
                                 const herd_targets_settings *settings, herd_interval *out,
                                 char *err, size_t err_size)
{
    herd_status rc = herd_targets_check(p, wanted, settings, err, err_size);
    if (rc != HERD_OK || out == NULL)
        return rc != HERD_OK ? rc : herd_errf(err, err_size, HERD_EINVAL, "targets: no output");
    herd_targets_settings st = settings_or_default(settings);
    tg_run g = run_of(p, &st, err, err_size);
    g.v = malloc((size_t)TG_COUNT * (size_t)st.reps * sizeof *g.v);
    if (g.v == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "targets: out of memory");
    for (size_t i = 0; i < (size_t)TG_COUNT * (size_t)st.reps; i++)
        g.v[i] = NAN;
    rc = run_groups(&g, wanted);
    for (int i = 0; rc == HERD_OK && i < TG_COUNT; i++) {
        herd_interval nan = {NAN, NAN, NAN, NAN, 0};
        out[i] = nan;
        if (wanted == NULL || wanted[i])
            herd_stats_interval(&TG_V(&g, i, 0), 1, (size_t)st.reps, st.compare.level, &out[i]);
    }
    free(g.v);
    return rc;
}
