/* Calibration: measures, with the default parameters, each target of the "Time and
 * calibration" table of the model brief, over replications with common random numbers (run
 * r of every policy uses the same seed), and prints a Markdown table of the value, its 95%
 * confidence interval (t distribution over replications), the source and a verdict.
 * docs/MODEL.md explains each measurement and each verdict. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"

#define REPS 30
#define SEED_BASE 20240UL
#define HORIZON 260 /* five years of weekly ticks */
#define WARMUP 52   /* the first year is left out of steady-state measures */
#define MAX_TEAMS 64
#define MAX_ROWS 32
#define MAX_EVENTS 8

/* ---- statistics ---------------------------------------------------------------------- */

typedef struct interval {
    double mean, low, high;
} interval;

/* The 95% t interval of x[0..n) (herd_stats_interval: NaN bounds for n < 2). */
static interval interval_of(const double *x, int n)
{
    herd_interval iv;
    herd_stats_interval(x, 1, (size_t)n, 0.95, &iv);
    return (interval){iv.mean, iv.low, iv.high};
}

/* ---- the result table ------------------------------------------------------------------ */

typedef struct row {
    char target[128];
    interval value;      /* in display units */
    const char *unit;    /* "%", "r", "ticks", ... */
    double lo, hi;       /* the mean lands if lo <= mean <= hi */
    const char *range;   /* the target range as the brief states it */
    const char *source;
} row;

static row rows[MAX_ROWS];
static int n_rows;

static void add_row(const char *target, interval v, const char *unit, double lo, double hi,
                    const char *range, const char *source)
{
    if (n_rows == MAX_ROWS)
        return;
    row *r = &rows[n_rows++];
    snprintf(r->target, sizeof r->target, "%s", target);
    r->value = v;
    r->unit = unit;
    r->lo = lo;
    r->hi = hi;
    r->range = range;
    r->source = source;
}

static interval scaled(interval v, double factor)
{
    return (interval){v.mean * factor, v.low * factor, v.high * factor};
}

/* A row whose bounds are NaN is context for the row above it and has no verdict. */
static const char *verdict(const row *r)
{
    if (isnan(r->lo))
        return "—";
    return r->value.mean >= r->lo && r->value.mean <= r->hi ? "yes" : "**no**";
}

static void print_table(void)
{
    printf("| target | value | 95%% CI | target range | source | lands |\n");
    printf("|---|---|---|---|---|---|\n");
    for (int i = 0; i < n_rows; i++) {
        const row *r = &rows[i];
        printf("| %s | %.3g %s | [%.3g, %.3g] | %s | %s | %s |\n", r->target, r->value.mean,
               r->unit, r->value.low, r->value.high, r->range, r->source, verdict(r));
    }
}

/* ---- running a scenario ------------------------------------------------------------------ */

typedef struct scenario {
    herd_params params;
    long ticks;
    herd_event events[MAX_EVENTS];
    int n_events;
} scenario;

/* Per-team sums gathered from the organisation's state after each tick of [from, ticks). */
typedef struct team_tally {
    long from;
    double engagement[MAX_TEAMS]; /* sum over ticks of the team's mean engagement */
    double leavers[MAX_TEAMS];    /* employees replaced (tenure back at 0) */
    long ticks;
} team_tally;

static void tally_teams(const herd_sim *sim, team_tally *tally)
{
    herd_org_view org;
    herd_sim_org(sim, &org);
    for (long t = 0; t < org.n_teams && t < MAX_TEAMS; t++) {
        double engagement = 0;
        for (long i = t * org.team_size; i < (t + 1) * org.team_size; i++) {
            engagement += org.engagement[i];
            tally->leavers[t] += org.tenure[i] == 0;
        }
        tally->engagement[t] += engagement / (double)org.team_size;
    }
    tally->ticks++;
}

static void scenario_default(scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    herd_params_default(&sc->params);
    sc->ticks = HORIZON;
}

static void add_event(scenario *sc, herd_event_kind kind, long start, long length, double level)
{
    if (sc->n_events < MAX_EVENTS)
        sc->events[sc->n_events++] = (herd_event){kind, start, length, level, 0, 0};
}

static void die(const char *what, int status)
{
    fprintf(stderr, "herd-calibration: %s: %s\n", what, herd_strerror(status));
    exit(EXIT_FAILURE);
}

/* Runs sc under policy with seed; records[ticks] gets each tick's record, tally (if not NULL)
 * the per-team state. */
static void run(const scenario *sc, const herd_policy_type *policy, unsigned long seed,
                herd_record *records, team_tally *tally)
{
    herd_sim *sim = NULL;
    int rc = herd_sim_new(&sim, &sc->params, seed);
    if (rc != HERD_OK)
        die("herd_sim_new", rc);
    if ((rc = herd_sim_set_policy(sim, policy)) != HERD_OK)
        die("herd_sim_set_policy", rc);
    for (int i = 0; i < sc->n_events; i++)
        if ((rc = herd_sim_add_event(sim, &sc->events[i])) != HERD_OK)
            die("herd_sim_add_event", rc);
    for (long t = 0; t < sc->ticks; t++) {
        if ((rc = herd_sim_step(sim)) != HERD_OK)
            die(herd_sim_errmsg(sim), rc);
        records[t] = *herd_sim_record(sim);
        if (tally != NULL && t >= tally->from)
            tally_teams(sim, tally);
    }
    herd_sim_free(sim);
}

static double mean_field(const herd_record *r, long from, long to, size_t offset)
{
    double sum = 0;
    for (long t = from; t < to; t++)
        sum += *(const double *)((const char *)&r[t] + offset);
    return sum / (double)(to - from);
}

#define MEAN_FIELD(r, from, to, field) mean_field(r, from, to, offsetof(herd_record, field))

static double annual_turnover(const herd_record *r, const scenario *sc, long from, long to)
{
    double agents = (double)(sc->params.n_teams * sc->params.team_size);
    return MEAN_FIELD(r, from, to, turnover) * 52.0 / agents;
}

/* ---- targets 1 and 9: turnover per policy, best against worst style ---------------------- */

enum { FRONT, BEHIND, SERVANT, HYBRID, N_STYLES };

static const herd_policy_type *style(int s)
{
    const herd_policy_type *styles[N_STYLES] = {herd_policy_front, herd_policy_behind,
                                                herd_policy_servant, herd_policy_hybrid};
    return styles[s];
}

typedef struct style_runs {
    double turnover[N_STYLES][REPS];    /* annual rate, years 2 to 5 */
    double performance[N_STYLES][REPS]; /* mean per tick, whole run */
} style_runs;

static void run_styles(style_runs *out, herd_record *rec)
{
    scenario sc;
    scenario_default(&sc);
    for (int r = 0; r < REPS; r++) {
        for (int s = 0; s < N_STYLES; s++) {
            run(&sc, style(s), SEED_BASE + (unsigned long)r, rec, NULL);
            out->turnover[s][r] = annual_turnover(rec, &sc, WARMUP, sc.ticks);
            out->performance[s][r] = MEAN_FIELD(rec, 0, sc.ticks, performance);
        }
    }
}

static void report_turnover(const style_runs *runs)
{
    for (int s = 0; s < N_STYLES; s++) {
        char name[64];
        snprintf(name, sizeof name, "annual voluntary turnover, %s", style(s)->name);
        add_row(name, scaled(interval_of(runs->turnover[s], REPS), 100), "%", 12, 25,
                "12–25 %", "Mercer turnover surveys");
    }
}

static int extreme_style(const style_runs *runs, int best)
{
    int pick = 0;
    for (int s = 1; s < N_STYLES; s++) {
        double m = gsl_stats_mean(runs->performance[s], 1, REPS);
        double p = gsl_stats_mean(runs->performance[pick], 1, REPS);
        if (best ? m > p : m < p)
            pick = s;
    }
    return pick;
}

/* The four built-in stances stand in for the spread of leader quality: the best and the
 * worst of them by mean performance under the defaults. */
static void report_best_worst(const style_runs *runs)
{
    int best = extreme_style(runs, 1), worst = extreme_style(runs, 0);
    double gain[REPS], fewer[REPS];
    for (int r = 0; r < REPS; r++) {
        gain[r] = runs->performance[best][r] / runs->performance[worst][r] - 1;
        fewer[r] = 1 - runs->turnover[best][r] / runs->turnover[worst][r];
    }
    char what[2][128];
    snprintf(what[0], sizeof what[0], "best vs worst style (%s vs %s): team performance",
             style(best)->name, style(worst)->name);
    snprintf(what[1], sizeof what[1], "best vs worst style (%s vs %s): fewer leavers",
             style(best)->name, style(worst)->name);
    add_row(what[0], scaled(interval_of(gain, REPS), 100), "%", 5, 20, "about +10 %",
            "Lazear, Shaw & Stanton 2015");
    add_row(what[1], scaled(interval_of(fewer, REPS), 100), "%", 25, 100, "far fewer (≥ 25 %)",
            "Hoffman & Tadelis 2021");
}

/* ---- targets 2 to 4: a mixed organisation with a leader of its own style per team --------- */

/* Each team's leader blends the front and behind stances with a weight drawn once per team;
 * the policy logs what the engine shows it, the only place a team's performance is seen. */
typedef struct mixed_log {
    long from;                        /* first tick whose view is summed */
    double empowerment[MAX_TEAMS];    /* 1 - the direction share of the stance */
    double performance[MAX_TEAMS];    /* sum of per-member performance over logged ticks */
} mixed_log;

/* What the type's data points to: the seed of the per-team weights and where to log. */
typedef struct mixed_config {
    unsigned long seed;
    mixed_log *log;
} mixed_config;

typedef struct mixed_state {
    mixed_log *log;
    long team;
    double behind_weight;
} mixed_state;

static int mixed_init(void *state, const void *data, const herd_params *params, long team)
{
    (void)params;
    mixed_state *m = state;
    const mixed_config *config = data;
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, config->seed, (uint64_t)team);
    m->log = config->log;
    m->team = team;
    m->behind_weight = herd_pcg32_double(&rng);
    return team < MAX_TEAMS ? 0 : HERD_ERANGE;
}

static double blend(double front, double behind, double w)
{
    return (1 - w) * front + w * behind;
}

static int mixed_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    mixed_state *m = state;
    const herd_stance f = herd_policy_style(herd_policy_front)->calm;
    const herd_stance b = herd_policy_style(herd_policy_behind)->calm;
    double w = m->behind_weight;
    *s = (herd_stance){
        .direction = blend(f.direction, b.direction, w),
        .support = blend(f.support, b.support, w),
        .recognition = blend(f.recognition, b.recognition, w),
        .own_work = blend(f.own_work, b.own_work, w),
        .delegation = blend(f.delegation, b.delegation, w),
        .collaboration = blend(f.collaboration, b.collaboration, w),
        .training = blend(f.training, b.training, w),
        .plan = blend(f.plan, b.plan, w),
        .front_mode = w < 0.5,
    };
    m->log->empowerment[m->team] = 1 - s->direction;
    if (view->tick > m->log->from)
        m->log->performance[m->team] += view->performance;
    return 0;
}

typedef struct mixed_results {
    double quarter_fewer[REPS];
    double morale_minus_performance[REPS]; /* difference of the two correlations */
    double r_engagement_turnover[REPS];
    double r_empowerment_morale[REPS];
    double r_empowerment_performance[REPS];
} mixed_results;

/* Share fewer leavers in the most engaged quarter of teams than in the least engaged. */
static double quarter_contrast(const double *engagement, const double *leavers, long teams)
{
    size_t order[MAX_TEAMS];
    gsl_sort_index(order, engagement, 1, (size_t)teams);
    long q = teams / 4;
    double low = 0, high = 0;
    for (long i = 0; i < q; i++) {
        low += leavers[order[i]];
        high += leavers[order[teams - 1 - i]];
    }
    return low > 0 ? 1 - high / low : 0;
}

static void mixed_replication(int r, mixed_results *out, herd_record *rec)
{
    scenario sc;
    scenario_default(&sc);
    mixed_log log = {.from = WARMUP};
    mixed_config config = {SEED_BASE + 7919UL * (unsigned long)(r + 1), &log};
    herd_policy_type mixed = {
        .version = HERD_POLICY_VERSION,
        .name = "mixed",
        .description = "a blend of front and behind with a weight of its own per team",
        .state_size = sizeof(mixed_state),
        .init = mixed_init,
        .decide = mixed_decide,
        .data = &config,
    };
    team_tally tally = {.from = WARMUP};
    run(&sc, &mixed, SEED_BASE + (unsigned long)r, rec, &tally);
    long teams = sc.params.n_teams;
    double morale[MAX_TEAMS];
    for (long t = 0; t < teams; t++)
        morale[t] = tally.engagement[t] / (double)tally.ticks;
    out->quarter_fewer[r] = quarter_contrast(morale, tally.leavers, teams);
    size_t n = (size_t)teams;
    out->r_engagement_turnover[r] = gsl_stats_correlation(morale, 1, tally.leavers, 1, n);
    out->r_empowerment_morale[r] = gsl_stats_correlation(log.empowerment, 1, morale, 1, n);
    out->r_empowerment_performance[r] =
        gsl_stats_correlation(log.empowerment, 1, log.performance, 1, n);
    out->morale_minus_performance[r] =
        out->r_empowerment_morale[r] - out->r_empowerment_performance[r];
}

static void report_mixed(herd_record *rec)
{
    static mixed_results res;
    for (int r = 0; r < REPS; r++)
        mixed_replication(r, &res, rec);
    add_row("fewer leavers, most vs least engaged quarter of teams",
            scaled(interval_of(res.quarter_fewer, REPS), 100), "%", 20, 65, "20–65 % fewer",
            "Harter et al. (Gallup Q12 meta-analysis)");
    add_row("r(team engagement, team turnover)", interval_of(res.r_engagement_turnover, REPS), "",
            -0.4, -0.2, "about −0.3", "Harter, Schmidt & Hayes 2002");
    add_row("r(empowerment, team morale)", interval_of(res.r_empowerment_morale, REPS), "", 0.35,
            0.55, "0.4–0.5", "Kim, Beehr & Prewett 2018");
    add_row("r(empowerment, team performance)", interval_of(res.r_empowerment_performance, REPS),
            "", 0.2, 0.4, "about 0.3", "Kim, Beehr & Prewett 2018");
    add_row("r(empowerment, morale) − r(empowerment, performance)",
            interval_of(res.morale_minus_performance, REPS), "", 0, INFINITY,
            "> 0: morale the stronger", "Kim, Beehr & Prewett 2018");
}

/* ---- target 5: directive against empowering teams over a team's life --------------------- */

#define EARLY_TICKS 13 /* one quarter: "at first" */

static double cumulative(const herd_record *r, long to)
{
    return MEAN_FIELD(r, 0, to, performance) * (double)to;
}

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

static void report_team_life(herd_record *rec)
{
    scenario sc;
    scenario_default(&sc);
    sc.params.tenure_init = 0; /* a newly formed team */
    herd_record *front = malloc((size_t)sc.ticks * sizeof *front);
    if (front == NULL)
        die("malloc", HERD_ENOMEM);
    double early[REPS], cross[REPS], end_behind[REPS], end_servant[REPS];
    for (int r = 0; r < REPS; r++) {
        unsigned long seed = SEED_BASE + (unsigned long)r;
        run(&sc, herd_policy_front, seed, front, NULL);
        run(&sc, herd_policy_behind, seed, rec, NULL);
        early[r] = cumulative(front, EARLY_TICKS) / cumulative(rec, EARLY_TICKS) - 1;
        cross[r] = overtaking_tick(front, rec, sc.ticks);
        end_behind[r] = cumulative(rec, sc.ticks) / cumulative(front, sc.ticks) - 1;
        run(&sc, herd_policy_servant, seed, rec, NULL);
        end_servant[r] = cumulative(rec, sc.ticks) / cumulative(front, sc.ticks) - 1;
    }
    free(front);
    add_row("new team, first quarter: front ahead of behind (cumulative performance)",
            scaled(interval_of(early, REPS), 100), "%", 0, INFINITY, "directive ahead at first",
            "Lorinkova, Pearsall & Sims 2013");
    add_row("new team: tick from which behind stays ahead of front", interval_of(cross, REPS),
            "ticks", 1, HORIZON - 1, "empowering overtakes", "Lorinkova, Pearsall & Sims 2013");
    add_row("new team, 5 years: behind ahead of front (cumulative performance)",
            scaled(interval_of(end_behind, REPS), 100), "%", 10, 25, "+10–25 %",
            "Lorinkova, Pearsall & Sims 2013");
    add_row("new team, 5 years: servant ahead of front (cumulative performance)",
            scaled(interval_of(end_servant, REPS), 100), "%", 10, 25, "+10–25 %",
            "Lorinkova, Pearsall & Sims 2013");
}

/* ---- target 6: style x follower skill ------------------------------------------------------ */

#define LOW_SKILL 0.25
#define HIGH_SKILL 0.75

static double mean_performance(double skill, const herd_policy_type *policy, unsigned long seed,
                               herd_record *rec)
{
    scenario sc;
    scenario_default(&sc);
    sc.params.skill_mean = skill;
    run(&sc, policy, seed, rec, NULL);
    return MEAN_FIELD(rec, 0, sc.ticks, performance);
}

/* In the 2x2 of style (front, behind) by team skill (low, high), the interaction's share of
 * the sum of squares the three effects explain. */
static void report_interaction(herd_record *rec)
{
    double share[REPS], relative[REPS];
    for (int r = 0; r < REPS; r++) {
        unsigned long seed = SEED_BASE + (unsigned long)r;
        double fl = mean_performance(LOW_SKILL, herd_policy_front, seed, rec);
        double bl = mean_performance(LOW_SKILL, herd_policy_behind, seed, rec);
        double fh = mean_performance(HIGH_SKILL, herd_policy_front, seed, rec);
        double bh = mean_performance(HIGH_SKILL, herd_policy_behind, seed, rec);
        double style_effect = ((bh - fh) + (bl - fl)) / 2;
        double skill_effect = ((fh + bh) - (fl + bl)) / 2;
        double interaction = ((bh - fh) - (bl - fl)) / 2;
        double explained = style_effect * style_effect + skill_effect * skill_effect +
                           interaction * interaction;
        share[r] = interaction * interaction / explained;
        relative[r] = interaction / ((fl + bl + fh + bh) / 4);
    }
    add_row("style × skill: interaction's share of explained variance (2×2)",
            scaled(interval_of(share, REPS), 100), "%", 0, 10, "small (< 10 %)",
            "Vecchio, Bullis & Brazil 2006");
    add_row("style × skill: interaction contrast / grand mean",
            scaled(interval_of(relative, REPS), 100), "%", NAN, NAN,
            "real (CI excludes 0)", "Vecchio, Bullis & Brazil 2006");
}

/* ---- target 7: the leader's departure ------------------------------------------------------ */

#define ABSENCE_START 104
#define ABSENCE_LENGTH 12
#define LONG_TERM_FROM 26 /* ticks after the leader's return */
#define LONG_TERM_TO 104

static void report_departure(const herd_policy_type *policy, herd_record *rec)
{
    scenario calm, away;
    scenario_default(&calm);
    scenario_default(&away);
    add_event(&away, HERD_EVENT_ABSENCE, ABSENCE_START, ABSENCE_LENGTH, 1);
    long back = ABSENCE_START + ABSENCE_LENGTH;
    herd_record *base = malloc((size_t)calm.ticks * sizeof *base);
    if (base == NULL)
        die("malloc", HERD_ENOMEM);
    double dip[REPS], loss[REPS];
    for (int r = 0; r < REPS; r++) {
        unsigned long seed = SEED_BASE + (unsigned long)r;
        run(&calm, policy, seed, base, NULL);
        run(&away, policy, seed, rec, NULL);
        dip[r] = 1 - MEAN_FIELD(rec, ABSENCE_START, back, performance) /
                         MEAN_FIELD(base, ABSENCE_START, back, performance);
        loss[r] = 1 - MEAN_FIELD(rec, back + LONG_TERM_FROM, back + LONG_TERM_TO, performance) /
                          MEAN_FIELD(base, back + LONG_TERM_FROM, back + LONG_TERM_TO, performance);
    }
    free(base);
    char what[2][96];
    snprintf(what[0], sizeof what[0], "leader away 12 ticks, %s: dip while away", policy->name);
    snprintf(what[1], sizeof what[1], "leader away 12 ticks, %s: loss 6–24 months later",
             policy->name);
    add_row(what[0], scaled(interval_of(dip, REPS), 100), "%", 1, INFINITY, "a short-term dip",
            "Schepker et al. 2017");
    add_row(what[1], scaled(interval_of(loss, REPS), 100), "%", -2, 2,
            "no lasting loss (within ±2 %)", "Schepker et al. 2017");
}

/* ---- target 8: the hybrid's edge over leading from behind, in crises and in calm ----------- */

#define CRISIS_FIRST 26
#define CRISIS_EVERY 52
#define CRISIS_LENGTH 8
#define CRISIS_LEVEL 0.8

static void crisis_means(const herd_record *r, long ticks, double *in_crisis, double *in_calm)
{
    double crisis = 0, calm = 0;
    long n_crisis = 0, n_calm = 0;
    for (long t = 0; t < ticks; t++) {
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

static void report_hybrid_edge(herd_record *rec)
{
    scenario sc;
    scenario_default(&sc);
    for (long start = CRISIS_FIRST; start < sc.ticks; start += CRISIS_EVERY)
        add_event(&sc, HERD_EVENT_CRISIS, start, CRISIS_LENGTH, CRISIS_LEVEL);
    double crisis_edge[REPS], calm_edge[REPS];
    for (int r = 0; r < REPS; r++) {
        unsigned long seed = SEED_BASE + (unsigned long)r;
        double hc, hq, bc, bq;
        run(&sc, herd_policy_hybrid, seed, rec, NULL);
        crisis_means(rec, sc.ticks, &hc, &hq);
        run(&sc, herd_policy_behind, seed, rec, NULL);
        crisis_means(rec, sc.ticks, &bc, &bq);
        crisis_edge[r] = hc / bc - 1;
        calm_edge[r] = hq / bq - 1;
    }
    add_row("hybrid over behind, crisis ticks (performance)",
            scaled(interval_of(crisis_edge, REPS), 100), "%", 0, 20,
            "modest (0–20 %)", "Stoker, Garretsen & Soudis 2019");
    add_row("hybrid over behind, calm ticks (performance)",
            scaled(interval_of(calm_edge, REPS), 100), "%", -2, 2,
            "none (within ±2 %)", "Stoker, Garretsen & Soudis 2019");
}

int main(void)
{
    gsl_set_error_handler_off();
    herd_record *rec = malloc(HORIZON * sizeof *rec);
    style_runs *styles = malloc(sizeof *styles);
    if (rec == NULL || styles == NULL)
        die("malloc", HERD_ENOMEM);
    printf("herd calibration: default parameters, %d replications, seeds %lu..%lu, "
           "common random numbers\n\n", REPS, SEED_BASE, SEED_BASE + REPS - 1);
    run_styles(styles, rec);
    report_turnover(styles);
    report_mixed(rec);
    report_team_life(rec);
    report_interaction(rec);
    report_departure(herd_policy_front, rec);
    report_departure(herd_policy_behind, rec);
    report_hybrid_edge(rec);
    report_best_worst(styles);
    print_table();
    free(styles);
    free(rec);
    return EXIT_SUCCESS;
}
