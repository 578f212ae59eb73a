/* The groups of paired runs that measure the field targets (lib/targets_internal.h); the
 * mixed organisation is in targets_mixed.c. Every group runs through herd_compare_run, so
 * replication r of every policy and scenario has the seed herd_seed_derive(seed, r). */
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

#include "errmsg.h"
#include "herd/scenario.h"
#include "targets_internal.h"

enum { FRONT, BEHIND, SERVANT, HYBRID, N_STYLES };

static const herd_policy_type *style(int s)
{
    const herd_policy_type *styles[N_STYLES] = {herd_policy_front, herd_policy_behind,
                                                herd_policy_servant, herd_policy_hybrid};
    return styles[s];
}

/* Runs arms on a scenario made by adjust (may be NULL) from the run's own; what names the
 * runs in a refusal. */
static herd_status compare_with(const tg_run *g, const char *what,
                                herd_status (*adjust)(const tg_run *, herd_scenario *),
                                const herd_policy_type *const *arms, size_t n, herd_compare **out)
{
    herd_scenario *s = NULL;
    herd_status rc = herd_tg_scenario(g, &s);
    if (rc == HERD_OK && adjust != NULL)
        rc = adjust(g, s);
    if (rc == HERD_OK)
        rc = herd_tg_compare(g, what, s, arms, n, out);
    herd_scenario_free(s);
    return rc;
}

static double cumulative(const herd_record *r, long to)
{
    return HERD_RECORD_MEAN(r, 0, to, performance) * (double)to;
}

/* ---- turnover per style; the best against the worst style ----------------------------------- */

static double annual_turnover(const herd_record *r, const herd_params *p)
{
    double agents = (double)p->n_teams * (double)p->team_size;
    return HERD_RECORD_MEAN(r, TG_WARMUP, TG_HORIZON, turnover) * 52.0 / agents;
}

static int extreme_style(const herd_compare *c, int best)
{
    int pick = 0;
    double at = 0;
    for (int s = 0; s < N_STYLES; s++) {
        double m = 0;
        for (long r = 0; r < herd_compare_n_reps(c); r++)
            m += HERD_RECORD_MEAN(herd_compare_records(c, (size_t)s, r), 0, TG_HORIZON, performance);
        if (s == 0 || (best ? m > at : m < at)) {
            pick = s;
            at = m;
        }
    }
    return pick;
}

/* The four built-in stances stand in for the spread of leader quality: the best and the
 * worst of them by mean performance. */
static herd_status styles_group(tg_run *g)
{
    const herd_policy_type *arms[N_STYLES];
    for (int s = 0; s < N_STYLES; s++)
        arms[s] = style(s);
    herd_compare *c = NULL;
    herd_status rc = compare_with(g, "the styles' runs", NULL, arms, N_STYLES, &c);
    if (rc != HERD_OK || g->check_only)
        return rc;
    for (int s = 0; s < N_STYLES; s++)
        for (long r = 0; r < g->reps; r++)
            TG_V(g, TG_TURNOVER_FRONT + s, r) =
                100 * annual_turnover(herd_compare_records(c, (size_t)s, r), g->params);
    size_t best = (size_t)extreme_style(c, 1), worst = (size_t)extreme_style(c, 0);
    for (long r = 0; r < g->reps; r++) {
        const herd_record *b = herd_compare_records(c, best, r);
        const herd_record *w = herd_compare_records(c, worst, r);
        TG_V(g, TG_BEST_PERFORMANCE, r) = 100 * (HERD_RECORD_MEAN(b, 0, TG_HORIZON, performance) /
                                                 HERD_RECORD_MEAN(w, 0, TG_HORIZON, performance) - 1);
        TG_V(g, TG_BEST_LEAVERS, r) =
            100 * (1 - annual_turnover(b, g->params) / annual_turnover(w, g->params));
    }
    herd_compare_free(c);
    return HERD_OK;
}

/* ---- directive against empowering over a new team's life ----------------------------------- */

#define EARLY_TICKS 13 /* one quarter: "at first" */

/* First tick from which b's cumulative performance stays above a's; ticks if never. */
static double overtaking_tick(const herd_record *a, const herd_record *b, long ticks)
{
    long last_behind = -1;
    double ca = 0, cb = 0;
    for (long t = 0; t < ticks; t++) {
        ca += a[t].performance;
        cb += b[t].performance;
        if (cb <= ca)
            last_behind = t;
    }
    return (double)(last_behind + 1);
}

static herd_status new_team(const tg_run *g, herd_scenario *s)
{
    (void)g;
    s->params.tenure_init = 0;
    return HERD_OK;
}

static herd_status life_group(tg_run *g)
{
    const herd_policy_type *arms[] = {herd_policy_front, herd_policy_behind,
                                      herd_policy_servant};
    herd_compare *c = NULL;
    herd_status rc = compare_with(g, "a new team's runs", new_team, arms, 3, &c);
    if (rc != HERD_OK || g->check_only)
        return rc;
    for (long r = 0; r < g->reps; r++) {
        const herd_record *f = herd_compare_records(c, 0, r), *b = herd_compare_records(c, 1, r);
        const herd_record *s = herd_compare_records(c, 2, r);
        TG_V(g, TG_LIFE_EARLY, r) = 100 * (cumulative(f, EARLY_TICKS) /
                                           cumulative(b, EARLY_TICKS) - 1);
        TG_V(g, TG_LIFE_CROSSING, r) = overtaking_tick(f, b, TG_HORIZON);
        TG_V(g, TG_LIFE_BEHIND, r) = 100 * (cumulative(b, TG_HORIZON) /
                                            cumulative(f, TG_HORIZON) - 1);
        TG_V(g, TG_LIFE_SERVANT, r) = 100 * (cumulative(s, TG_HORIZON) /
                                             cumulative(f, TG_HORIZON) - 1);
    }
    herd_compare_free(c);
    return HERD_OK;
}

/* ---- style x follower skill ------------------------------------------------------------------ */

static herd_status low_skill(const tg_run *g, herd_scenario *s)
{
    (void)g;
    s->params.skill_mean = 0.25;
    return HERD_OK;
}

static herd_status high_skill(const tg_run *g, herd_scenario *s)
{
    (void)g;
    s->params.skill_mean = 0.75;
    return HERD_OK;
}

static double run_mean(const herd_compare *c, size_t arm, long r)
{
    return HERD_RECORD_MEAN(herd_compare_records(c, arm, r), 0, TG_HORIZON, performance);
}

/* In the 2x2 of style (front, behind) by team skill (0.25, 0.75), the interaction's share of
 * the sum of squares the three effects explain, and the interaction contrast. */
static herd_status interaction_group(tg_run *g)
{
    const herd_policy_type *arms[] = {herd_policy_front, herd_policy_behind};
    herd_compare *lo = NULL, *hi = NULL;
    herd_status rc = compare_with(g, "style x skill, skill_mean = 0.25", low_skill, arms, 2, &lo);
    if (rc == HERD_OK)
        rc = compare_with(g, "style x skill, skill_mean = 0.75", high_skill, arms, 2, &hi);
    for (long r = 0; rc == HERD_OK && !g->check_only && r < g->reps; r++) {
        double fl = run_mean(lo, 0, r), bl = run_mean(lo, 1, r);
        double fh = run_mean(hi, 0, r), bh = run_mean(hi, 1, r);
        double style_effect = ((bh - fh) + (bl - fl)) / 2;
        double skill_effect = ((fh + bh) - (fl + bl)) / 2;
        double interaction = ((bh - fh) - (bl - fl)) / 2;
        double explained = style_effect * style_effect + skill_effect * skill_effect +
                           interaction * interaction;
        TG_V(g, TG_INTERACTION_SHARE, r) = 100 * interaction * interaction / explained;
        TG_V(g, TG_INTERACTION_CONTRAST, r) = 100 * interaction / ((fl + bl + fh + bh) / 4);
    }
    herd_compare_free(lo);
    herd_compare_free(hi);
    return rc;
}

/* ---- the leader's absence ---------------------------------------------------------------------- */

#define ABSENCE_START 104
#define ABSENCE_LENGTH 12
#define LONG_TERM_FROM 26 /* ticks after the leader's return */
#define LONG_TERM_TO 104

static herd_status absence(const tg_run *g, herd_scenario *s)
{
    return herd_tg_add_event(g, s, "away", "absence", ABSENCE_START, ABSENCE_LENGTH, 1);
}

static herd_status departure_group(tg_run *g)
{
    const herd_policy_type *arms[] = {herd_policy_front, herd_policy_behind};
    herd_compare *calm = NULL, *away = NULL;
    herd_status rc = compare_with(g, "the leader's absence, without it", NULL, arms, 2, &calm);
    if (rc == HERD_OK)
        rc = compare_with(g, "the leader's absence", absence, arms, 2, &away);
    long back = ABSENCE_START + ABSENCE_LENGTH;
    for (size_t a = 0; rc == HERD_OK && !g->check_only && a < 2; a++)
        for (long r = 0; r < g->reps; r++) {
            const herd_record *base = herd_compare_records(calm, a, r);
            const herd_record *rec = herd_compare_records(away, a, r);
            TG_V(g, TG_AWAY_FRONT_DIP + 2 * (int)a, r) =
                100 * (1 - HERD_RECORD_MEAN(rec, ABSENCE_START, back, performance) /
                               HERD_RECORD_MEAN(base, ABSENCE_START, back, performance));
            TG_V(g, TG_AWAY_FRONT_LOSS + 2 * (int)a, r) =
                100 * (1 - HERD_RECORD_MEAN(rec, back + LONG_TERM_FROM, back + LONG_TERM_TO, performance) /
                               HERD_RECORD_MEAN(base, back + LONG_TERM_FROM, back + LONG_TERM_TO,
                                       performance));
        }
    herd_compare_free(calm);
    herd_compare_free(away);
    return rc;
}

/* ---- the hybrid's edge over leading from behind, in crises and in calm ------------------------ */

#define CRISIS_FIRST 26
#define CRISIS_EVERY 52
#define CRISIS_LENGTH 8
#define CRISIS_LEVEL 0.8

static herd_status yearly_crises(const tg_run *g, herd_scenario *s)
{
    herd_status rc = HERD_OK;
    for (long start = CRISIS_FIRST; rc == HERD_OK && start < TG_HORIZON; start += CRISIS_EVERY) {
        char name[32];
        snprintf(name, sizeof name, "crisis%ld", start);
        rc = herd_tg_add_event(g, s, name, "crisis", start, CRISIS_LENGTH, CRISIS_LEVEL);
    }
    return rc;
}

static void crisis_means(const herd_record *r, double *in_crisis, double *in_calm)
{
    double crisis = 0, calm = 0;
    long n_crisis = 0, n_calm = 0;
    for (long t = 0; t < TG_HORIZON; t++) {
        if (r[t].crisis > 0) {
            crisis += r[t].performance;
            n_crisis++;
        } else {
            calm += r[t].performance;
            n_calm++;
        }
    }
    *in_crisis = crisis / (double)n_crisis;
    *in_calm = calm / (double)n_calm;
}

static herd_status hybrid_group(tg_run *g)
{
    const herd_policy_type *arms[] = {herd_policy_hybrid, herd_policy_behind};
    herd_compare *c = NULL;
    herd_status rc = compare_with(g, "the yearly crises", yearly_crises, arms, 2, &c);
    for (long r = 0; rc == HERD_OK && !g->check_only && r < g->reps; r++) {
        double hc, hq, bc, bq;
        crisis_means(herd_compare_records(c, 0, r), &hc, &hq);
        crisis_means(herd_compare_records(c, 1, r), &bc, &bq);
        TG_V(g, TG_HYBRID_CRISIS, r) = 100 * (hc / bc - 1);
        TG_V(g, TG_HYBRID_CALM, r) = 100 * (hq / bq - 1);
    }
    herd_compare_free(c);
    return rc;
}

const tg_group herd_tg_groups[] = {
    {TG_TURNOVER_FRONT, TG_TURNOVER_HYBRID + 1, styles_group},
    {TG_BEST_PERFORMANCE, TG_BEST_LEAVERS + 1, styles_group},
    {TG_QUARTER, TG_R_DIFFERENCE + 1, herd_tg_mixed},
    {TG_LIFE_EARLY, TG_LIFE_SERVANT + 1, life_group},
    {TG_INTERACTION_SHARE, TG_INTERACTION_CONTRAST + 1, interaction_group},
    {TG_AWAY_FRONT_DIP, TG_AWAY_BEHIND_LOSS + 1, departure_group},
    {TG_HYBRID_CRISIS, TG_HYBRID_CALM + 1, hybrid_group},
};
const size_t herd_tg_n_groups = sizeof herd_tg_groups / sizeof herd_tg_groups[0];
