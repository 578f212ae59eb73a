#include <check.h>
#include <math.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

/* The scenario of text, read as file name. */
static herd_scenario *parsed(const char *text, const char *name)
{
    herd_scenario *s = NULL;
    char err[256] = "";
    ck_assert_msg(herd_scenario_parse(&s, text, strlen(text), name, err, sizeof err) == HERD_OK,
                  "%s", err);
    return s;
}

static herd_scenario *tiny(void)
{
    return parsed("[run]\nticks = 26\nseed = 11\n[organisation]\nn_teams = 4\nteam_size = 5\n",
                  "tiny.ini");
}

static int same_shares(const herd_stance *a, const herd_stance *b)
{
    return a->direction == b->direction && a->support == b->support &&
           a->recognition == b->recognition && a->own_work == b->own_work &&
           a->delegation == b->delegation && a->collaboration == b->collaboration &&
           a->training == b->training && a->plan == b->plan && a->front_mode == b->front_mode;
}

static int same_style(const herd_style *a, const herd_style *b)
{
    if (a->switching != b->switching || !same_shares(&a->calm, &b->calm) ||
        !same_shares(&a->front, &b->front))
        return 0;
    for (size_t i = 0; herd_optimise_threshold(i) != NULL; i++)
        if (herd_style_get(a, herd_optimise_threshold(i)) !=
            herd_style_get(b, herd_optimise_threshold(i)))
            return 0;
    return 1;
}

static herd_optimise_settings small(void)
{
    herd_optimise_settings set;
    herd_optimise_settings_default(&set);
    set.budget = 24;
    set.design_points = 8;
    set.reps = 2;
    set.final_reps = 3;
    set.finalists = 2;
    return set;
}

static herd_optimum *run(const herd_scenario *s, const herd_optimise_settings *set)
{
    herd_optimum *o = NULL;
    char err[512] = "";
    herd_status rc = herd_optimise_run(&o, s, set, err, sizeof err);
    ck_assert_msg(rc == HERD_OK, "%s", err);
    return o;
}

/* Same scenario and settings: the same optimum, every candidate the same, whatever the
 * threads. */
START_TEST(the_optimum_depends_on_the_seeds_not_the_threads)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small();
    set.threads = 1;
    herd_optimum *a = run(s, &set);
    set.threads = 2;
    herd_optimum *b = run(s, &set);
    ck_assert(same_shares(herd_optimum_stance(a), herd_optimum_stance(b)));
    ck_assert_uint_eq(herd_optimum_n_candidates(a), herd_optimum_n_candidates(b));
    for (size_t i = 0; i < herd_optimum_n_candidates(a); i++) {
        herd_optimum_candidate x, y;
        ck_assert_int_eq(herd_optimum_candidate_at(a, i, &x), HERD_OK);
        ck_assert_int_eq(herd_optimum_candidate_at(b, i, &y), HERD_OK);
        ck_assert(same_shares(&x.stance, &y.stance));
        ck_assert_double_eq(x.objective, y.objective);
        ck_assert_int_eq(x.phase, y.phase);
    }
    herd_interval ia, ib;
    ck_assert_int_eq(herd_optimum_objective(a, herd_optimum_arm(a), &ia), HERD_OK);
    ck_assert_int_eq(herd_optimum_objective(b, herd_optimum_arm(b), &ib), HERD_OK);
    ck_assert_double_eq(ia.mean, ib.mean);
    ck_assert_int_eq(herd_optimum_runs(a), herd_optimum_runs(b));
    herd_optimum_free(a);
    herd_optimum_free(b);
    herd_scenario_free(s);
}
END_TEST

/* The search never spends more than its budget, keeps the archetypes' stances among its
 * candidates, and its best candidate is at least as good as any of them; the shares of every
 * candidate sum to the budget. */
START_TEST(the_search_keeps_its_budget_and_beats_the_fixed_archetypes)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small();
    herd_optimum *o = run(s, &set);
    size_t n = herd_optimum_n_candidates(o);
    ck_assert_uint_le(n, (size_t)set.budget + 3);
    ck_assert_uint_gt(n, (size_t)set.design_points + 3);
    double best = -INFINITY;
    int phases[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        herd_optimum_candidate c;
        herd_optimum_candidate_at(o, i, &c);
        best = fmax(best, c.objective);
        phases[c.phase]++;
        ck_assert_double_eq_tol(herd_stance_attention(&c.stance), 1, 1e-9);
    }
    ck_assert_int_eq(phases[1], set.design_points + 3); /* front, behind, servant */
    ck_assert_int_gt(phases[2], 0);
    herd_optimum_candidate front;
    herd_optimum_candidate_at(o, (size_t)set.design_points, &front);
    ck_assert_double_eq_tol(front.stance.direction, 0.45, 1e-12);
    ck_assert_double_ge(best, front.objective);
    const herd_compare *c = herd_optimum_compare(o);
    ck_assert_uint_eq(herd_compare_n_policies(c), herd_optimum_n_finalists(o) + 5);
    ck_assert_str_eq(herd_compare_policy_name(c, herd_optimum_arm(o)), "optimum");
    ck_assert_str_eq(herd_compare_policy_name(c, herd_optimum_n_finalists(o)), "front");
    herd_interval m;
    ck_assert_int_eq(herd_optimum_margin(o, herd_optimum_arm(o), &m), HERD_OK);
    ck_assert_double_eq(m.mean, 0);
    ck_assert_int_eq(herd_optimum_margin(o, 99, &m), HERD_EINVAL);
    ck_assert_ptr_eq(&herd_optimum_style(o)->calm, herd_optimum_stance(o));
    ck_assert_ptr_eq(herd_optimum_arm_style(o, herd_optimum_n_finalists(o)),
                     herd_policy_style(herd_policy_front));
    herd_optimum_free(o);
    herd_scenario_free(s);
}
END_TEST

/* examples/scenarios/novelty.ini: a novel task at tick 100. With the settings below the
 * search ranks the finalists otherwise than their final runs do. */
static herd_scenario *novelty(herd_optimise_settings *set)
{
    herd_scenario *s = parsed("[run]\nticks = 260\n[organisation]\nn_teams = 50\n"
                              "team_size = 10\n[event.new_market]\nkind = novelty\n"
                              "start = 100\nlength = 26\nintensity = 0.8\nteams = all\n",
                              "novelty.ini");
    char err[256];
    herd_optimise_settings_default(set);
    ck_assert_int_eq(herd_optimise_parse_weights(set, "recovery_novelty_t100=1", err,
                                                 sizeof err),
                     HERD_OK);
    set->budget = 11;
    set->reps = 2;
    set->final_reps = 2;
    return s;
}

/* The final comparison's first arms are the finalists ranked by their final runs: the
 * optimum first, then the others by their objective, each named by its rank and running
 * the style herd_optimum_arm_style gives it. */
START_TEST(the_finalists_are_ranked_by_the_final_runs_the_optimum_first)
{
    herd_optimise_settings set;
    herd_scenario *s = novelty(&set);
    herd_optimum *o = run(s, &set);
    const herd_compare *c = herd_optimum_compare(o);
    size_t n = herd_optimum_n_finalists(o);
    ck_assert_uint_ge(n, 2);
    ck_assert_uint_eq(herd_optimum_arm(o), 0);
    ck_assert_str_eq(herd_compare_policy_name(c, 0), "optimum");
    ck_assert_ptr_eq(herd_optimum_arm_style(o, 0), herd_optimum_style(o));
    herd_policy_type types[8];
    const herd_policy_type *arms[8];
    char err[256];
    ck_assert_uint_le(n, 8);
    herd_interval prev, obj, margin;
    for (size_t a = 0; a < n; a++) {
        char name[32];
        snprintf(name, sizeof name, a == 0 ? "optimum" : "candidate-%zu", a + 1);
        ck_assert_str_eq(herd_compare_policy_name(c, a), name);
        ck_assert_int_eq(herd_optimum_objective(o, a, &obj), HERD_OK);
        ck_assert_int_eq(herd_optimum_margin(o, a, &margin), HERD_OK);
        if (a > 0)
            ck_assert_double_le(obj.mean, prev.mean);
        ck_assert_double_ge(margin.mean, 0);
        prev = obj;
        ck_assert_int_eq(herd_style_policy(&types[a], name, "a finalist",
                                           herd_optimum_arm_style(o, a), err, sizeof err),
                         HERD_OK);
        arms[a] = &types[a];
    }
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = set.final_reps;
    cs.keep_records = 0;
    herd_compare *again = NULL;
    ck_assert_int_eq(herd_compare_run(&again, herd_compare_scenario(c), arms, n, &cs, err,
                                      sizeof err),
                     HERD_OK);
    size_t m;
    ck_assert_int_eq(herd_compare_find_metric(c, "recovery_novelty_t100", &m), HERD_OK);
    for (size_t a = 0; a < n; a++) {
        herd_interval x, y;
        ck_assert_int_eq(herd_compare_interval(c, a, m, &x), HERD_OK);
        ck_assert_int_eq(herd_compare_interval(again, a, m, &y), HERD_OK);
        ck_assert_double_eq(x.mean, y.mean);
    }
    herd_compare_free(again);
    herd_optimum_free(o);
    herd_scenario_free(s);
}
END_TEST

static double stance_gap(const herd_stance *a, const herd_stance *b)
{
    const double d[] = {a->direction - b->direction,     a->support - b->support,
                        a->recognition - b->recognition, a->own_work - b->own_work,
                        a->delegation - b->delegation,   a->collaboration - b->collaboration,
                        a->training - b->training,       a->plan - b->plan};
    double most = 0;
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        most = fmax(most, fabs(d[i]));
    return most;
}

/* The largest difference of two candidate styles: in a share of either stance, or in a
 * threshold (each ranging over [0, 1]). */
static double style_gap(const herd_style *a, const herd_style *b)
{
    double most = stance_gap(&a->calm, &b->calm);
    if (!a->switching)
        return most;
    most = fmax(most, stance_gap(&a->front, &b->front));
    for (size_t i = 0; herd_optimise_threshold(i) != NULL; i++)
        most = fmax(most, fabs(herd_style_get(a, herd_optimise_threshold(i)) -
                               herd_style_get(b, herd_optimise_threshold(i))));
    return most;
}

/* No two finalists within 0.0001 of each other in everything the search varies. */
static void distinct_finalists(const herd_optimum *o)
{
    size_t n = herd_optimum_n_finalists(o);
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            double gap =
                style_gap(herd_optimum_arm_style(o, a), herd_optimum_arm_style(o, b));
            ck_assert_msg(gap > 1e-4, "finalists %zu and %zu differ by %g only", a, b, gap);
        }
}

/* The finalists are distinct beyond rounding and the search's resolution: the best design
 * point and the same point as Nelder-Mead's first (sent through its coordinates and back) are
 * one finalist, in a search of fixed stances and of switching styles. */
START_TEST(the_finalists_are_distinct_beyond_rounding)
{
    herd_optimise_settings set;
    herd_scenario *s = novelty(&set);
    herd_optimum *o = run(s, &set);
    ck_assert_uint_eq(herd_optimum_n_finalists(o), (size_t)set.finalists);
    distinct_finalists(o);
    herd_optimum_free(o);
    herd_scenario_free(s);
    s = tiny();
    set = small();
    set.switching = 1;
    set.budget = 32;
    set.finalists = 12;
    o = run(s, &set);
    ck_assert_uint_eq(herd_optimum_n_finalists(o), 12);
    distinct_finalists(o);
    herd_optimum_free(o);
    herd_scenario_free(s);
}
END_TEST

static herd_optimise_settings small_switching(void)
{
    herd_optimise_settings set = small();
    set.switching = 1;
    set.budget = 32; /* 8 design points and Nelder-Mead's first simplex of 20 */
    return set;
}

/* A switching search: the same candidates whatever the threads. */
START_TEST(a_switching_search_depends_on_the_seeds_not_the_threads)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small_switching();
    set.threads = 1;
    herd_optimum *a = run(s, &set);
    set.threads = 2;
    herd_optimum *b = run(s, &set);
    ck_assert(same_style(herd_optimum_style(a), herd_optimum_style(b)));
    ck_assert_uint_eq(herd_optimum_n_candidates(a), herd_optimum_n_candidates(b));
    for (size_t i = 0; i < herd_optimum_n_candidates(a); i++) {
        herd_optimum_candidate x, y;
        ck_assert_int_eq(herd_optimum_candidate_at(a, i, &x), HERD_OK);
        ck_assert_int_eq(herd_optimum_candidate_at(b, i, &y), HERD_OK);
        ck_assert(same_style(&x.style, &y.style));
        ck_assert_double_eq(x.objective, y.objective);
    }
    herd_interval ia, ib;
    ck_assert_int_eq(herd_optimum_margin(a, herd_optimum_n_finalists(a) + 3, &ia), HERD_OK);
    ck_assert_int_eq(herd_optimum_margin(b, herd_optimum_n_finalists(b) + 3, &ib), HERD_OK);
    ck_assert_double_eq(ia.mean, ib.mean);
    herd_optimum_free(a);
    herd_optimum_free(b);
    herd_scenario_free(s);
}
END_TEST

/* Every candidate of a switching search is a valid switching style: thresholds within their
 * ranges, each leave at most its enter, both stances on the budget. The design holds the
 * hybrid as it is and the fixed built-ins as switching styles that never change stance. */
START_TEST(a_switching_search_keeps_the_thresholds_in_their_ranges)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small_switching();
    herd_optimum *o = run(s, &set);
    size_t n = herd_optimum_n_candidates(o);
    ck_assert_uint_le(n, (size_t)set.budget + 4);
    int phases[3] = {0, 0, 0};
    double best = -INFINITY;
    char msg[256];
    for (size_t i = 0; i < n; i++) {
        herd_optimum_candidate c;
        herd_optimum_candidate_at(o, i, &c);
        const herd_style *st = &c.style;
        ck_assert_int_eq(st->switching, 1);
        ck_assert_msg(herd_style_validate(st, msg, sizeof msg) == HERD_OK, "%zu: %s", i, msg);
        ck_assert_double_le(st->crisis_leave, st->crisis_enter);
        ck_assert_double_le(st->gap_leave, st->gap_enter);
        for (size_t k = 0; herd_optimise_threshold(k) != NULL; k++) {
            const herd_style_key *key = herd_optimise_threshold(k);
            ck_assert_double_ge(herd_style_get(st, key), key->min);
            ck_assert_double_le(herd_style_get(st, key), key->max);
        }
        ck_assert_double_eq_tol(herd_stance_attention(&st->calm), 1, 1e-9);
        ck_assert_double_eq_tol(herd_stance_attention(&st->front), 1, 1e-9);
        ck_assert(same_shares(&c.stance, &st->calm));
        phases[c.phase]++;
        best = fmax(best, c.objective);
    }
    ck_assert_int_eq(phases[1], set.design_points + 4); /* front, behind, servant, hybrid */
    ck_assert_int_gt(phases[2], 0);
    herd_optimum_candidate front, hybrid;
    herd_optimum_candidate_at(o, (size_t)set.design_points, &front);
    herd_stance at_front = front.style.front;
    ck_assert_int_eq(at_front.front_mode, 1);
    at_front.front_mode = front.style.calm.front_mode;
    ck_assert(same_shares(&at_front, &front.style.calm));
    ck_assert_double_eq_tol(front.style.calm.direction, 0.45, 1e-12);
    herd_optimum_candidate_at(o, (size_t)set.design_points + 3, &hybrid);
    const herd_style *h = herd_policy_style(herd_policy_hybrid);
    ck_assert_double_eq_tol(hybrid.style.front.direction, h->front.direction, 1e-12);
    ck_assert_double_eq_tol(hybrid.style.calm.delegation, h->calm.delegation, 1e-12);
    ck_assert_double_eq_tol(hybrid.style.crisis_enter, h->crisis_enter, 1e-12);
    ck_assert_double_eq_tol(hybrid.style.gap_leave, h->gap_leave, 1e-12);
    ck_assert_double_ge(best, hybrid.objective);
    ck_assert_int_eq(herd_optimum_style(o)->switching, 1);
    ck_assert_ptr_eq(herd_optimum_stance(o), &herd_optimum_style(o)->calm);
    const herd_compare *c = herd_optimum_compare(o);
    ck_assert_str_eq(herd_compare_policy_name(c, herd_optimum_n_finalists(o) + 3), "hybrid");
    herd_optimum_free(o);
    herd_scenario_free(s);
}
END_TEST

START_TEST(the_thresholds_searched_are_named)
{
    ck_assert_str_eq(herd_optimise_threshold(0)->name, "crisis_enter");
    ck_assert_str_eq(herd_optimise_threshold(1)->name, "crisis_leave");
    ck_assert_str_eq(herd_optimise_threshold(4)->name, "shortfall");
    ck_assert_ptr_null(herd_optimise_threshold(5));
}
END_TEST

static double final_mean(const herd_optimum *o, const char *metric)
{
    const herd_compare *c = herd_optimum_compare(o);
    size_t m;
    ck_assert_int_eq(herd_compare_find_metric(c, metric, &m), HERD_OK);
    herd_interval v;
    ck_assert_int_eq(herd_compare_interval(c, herd_optimum_arm(o), m, &v), HERD_OK);
    return v.mean;
}

/* A floor the unbounded optimum breaks is kept by the bounded one, at a cost. */
START_TEST(a_floor_is_kept)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small();
    herd_optimum *free_ = run(s, &set);
    double morale = final_mean(free_, "morale_mean");
    double floor = morale + 0.03;
    char text[64], err[256];
    snprintf(text, sizeof text, "morale_mean>=%.6f", floor);
    ck_assert_int_eq(herd_optimise_parse_bound(&set, text, err, sizeof err), HERD_OK);
    herd_optimum *bounded = run(s, &set);
    ck_assert_int_eq(herd_optimum_feasible(bounded), 1);
    ck_assert_double_ge(final_mean(bounded, "morale_mean"), floor);
    for (size_t i = 0; i < herd_optimum_n_candidates(bounded); i++) {
        herd_optimum_candidate c;
        herd_optimum_candidate_at(bounded, i, &c);
        if (same_shares(&c.stance, herd_optimum_stance(bounded)))
            ck_assert_int_eq(c.feasible, 1);
    }
    herd_optimum_free(bounded);
    herd_optimum_free(free_);
    herd_scenario_free(s);
}
END_TEST

START_TEST(a_floor_nothing_reaches_is_refused_naming_it)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small();
    char err[512];
    ck_assert_int_eq(herd_optimise_parse_bound(&set, "morale_mean>=0.999", err, sizeof err),
                     HERD_OK);
    herd_optimum *o = (herd_optimum *)&set;
    ck_assert_int_eq(herd_optimise_run(&o, s, &set, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_null(o);
    ck_assert_ptr_nonnull(strstr(err, "morale_mean >= 0.999"));
    ck_assert_ptr_nonnull(strstr(err, "loosen a bound"));
    herd_scenario_free(s);
}
END_TEST

static void refused(herd_optimise_settings set, herd_status status, const char *needle)
{
    herd_scenario *s = tiny();
    char err[512] = "";
    herd_optimum *o = NULL;
    ck_assert_int_eq(herd_optimise_run(&o, s, &set, err, sizeof err), status);
    ck_assert_ptr_null(o);
    ck_assert_msg(strstr(err, needle) != NULL, "\"%s\" lacks \"%s\"", err, needle);
    herd_scenario_free(s);
}

START_TEST(bad_settings_are_refused_naming_them)
{
    herd_optimise_settings set = small();
    snprintf(set.terms[0].metric, sizeof set.terms[0].metric, "nonsense");
    refused(set, HERD_EINVAL, "terms[0].metric: \"nonsense\" is not a metric");
    set = small();
    set.budget = 10;
    refused(set, HERD_EINVAL, "budget");
    set = small();
    set.switching = 2;
    refused(set, HERD_EINVAL, "switching: 0 (fixed stances) or 1");
    set = small();
    set.switching = 1; /* 24 < 8 design points + 20 */
    refused(set, HERD_EINVAL, "settings budget: at least design_points");
    set = small();
    set.reps = 0;
    refused(set, HERD_EINVAL, "reps");
    set = small();
    set.final_reps = 1;
    refused(set, HERD_EINVAL, "final_reps");
    set = small();
    set.terms[0].weight = 0;
    refused(set, HERD_EINVAL, "weight not 0");
    set = small();
    set.n_bounds = 1;
    snprintf(set.bounds[0].metric, sizeof set.bounds[0].metric, "morale");
    refused(set, HERD_EINVAL, "bounds[0].metric: \"morale\"");
    char err[256];
    set = small();
    ck_assert_int_eq(herd_optimise_parse_weights(&set, "performance_total=", err, sizeof err),
                     HERD_EPARSE);
    ck_assert_ptr_nonnull(strstr(err, "\"performance_total=\""));
    ck_assert_int_eq(herd_optimise_parse_weights(&set, "a=1,b=2", err, sizeof err), HERD_OK);
    ck_assert_uint_eq(set.n_terms, 2);
    ck_assert_double_eq(set.terms[1].weight, 2);
    ck_assert_int_eq(herd_optimise_parse_bound(&set, "morale_mean>0.5", err, sizeof err),
                     HERD_EPARSE);
    ck_assert_ptr_nonnull(strstr(err, "METRIC>=VALUE"));
    ck_assert_int_eq(herd_optimise_parse_bound(&set, "turnover_total<=3", err, sizeof err),
                     HERD_OK);
    ck_assert_int_eq(set.bounds[0].upper, 1);
}
END_TEST

/* The least budget is the one herd_optimise_check takes and one less is refused, whatever
 * the design and the space searched. */
START_TEST(the_least_budget_is_where_the_check_starts_to_accept)
{
    herd_scenario *s = tiny();
    const long documented[2][2] = {{13, 11}, {32, 29}}; /* [switching][full_budget] */
    char err[512];
    for (int switching = 0; switching <= 1; switching++)
        for (int full = 0; full <= 1; full++)
            for (long points = 0; points <= 5; points += 5) {
                herd_optimise_settings set = small();
                set.switching = switching;
                set.full_budget = full;
                set.design_points = points;
                long least = herd_optimise_min_budget(&set);
                if (points == 0)
                    ck_assert_int_eq(least, documented[switching][full]);
                set.budget = least;
                ck_assert_msg(herd_optimise_check(s, &set, err, sizeof err) == HERD_OK, "%s",
                              err);
                set.budget = least - 1;
                ck_assert_int_eq(herd_optimise_check(s, &set, err, sizeof err), HERD_EINVAL);
                ck_assert_ptr_nonnull(strstr(err, "budget"));
            }
    herd_optimise_settings set = small();
    set.design_points = -1;
    ck_assert_int_eq(herd_optimise_min_budget(&set), -1);
    herd_scenario_free(s);
}
END_TEST

/* A name the scenario does not measure: the nearest metric, an event's among them, or all. */
START_TEST(a_metric_name_is_checked_naming_the_nearest)
{
    herd_scenario *s = parsed("[run]\nticks = 26\n[organisation]\nn_teams = 4\nteam_size = 5\n"
                              "[event.storm]\nkind = crisis\nstart = 10\nlength = 2\n"
                              "intensity = 0.5\n",
                              "storm.ini");
    char err[2048];
    ck_assert_int_eq(herd_optimise_check_metric(s, "morale_mean", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_optimise_check_metric(s, "dip_crisis_t10", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_optimise_check_metric(s, "performnce_total", err, sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "\"performnce_total\" is not a metric of the scenario; did you mean "
                          "performance_total?");
    ck_assert_int_eq(herd_optimise_check_metric(s, "performnce", err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "\"performnce\" is not a metric of the scenario; did you mean "
                          "performance_total?");
    ck_assert_int_eq(herd_optimise_check_metric(s, "dip_crisis_t11", err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "did you mean dip_crisis_t10?"));
    ck_assert_int_eq(herd_optimise_check_metric(s, "zzz", err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "\"zzz\" is not a metric of the scenario, which has "
                                      "innovation_total, "));
    ck_assert_ptr_nonnull(strstr(err, ", recovery_crisis_t10"));
    ck_assert_int_eq(herd_optimise_check_metric(s, "zzz", err, 16), HERD_EINVAL);
    ck_assert_uint_eq(strlen(err), 15);
    ck_assert_int_eq(herd_optimise_check_metric(s, "zzz", NULL, 0), HERD_EINVAL);
    herd_scenario_free(s);
}
END_TEST

static int cancel(void *cookie, size_t done, size_t total)
{
    (void)cookie;
    ck_assert_uint_le(done, total);
    return done >= 5;
}

START_TEST(progress_counts_runs_and_may_cancel)
{
    herd_optimise_settings set = small();
    set.progress = cancel;
    refused(set, HERD_ECALLBACK, "");
}
END_TEST

/* A map of 2 x 2 cells: each cell is the optimisation of its scenario. */
START_TEST(a_map_optimises_every_cell)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small();
    herd_factor axes[2] = {{.key = "skill_mean", .lo = 0.3, .hi = 0.7, .steps = 2},
                           {.key = "crisis_rate", .lo = 0, .hi = 0.05, .steps = 2}};
    herd_optimum_map *m = NULL;
    char err[512] = "";
    ck_assert_int_eq(herd_optimum_map_run(&m, s, axes, &set, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_optimum_map_steps(m, 0), 2);
    ck_assert_double_eq(herd_optimum_map_axis_value(m, 1, 1), 0.05);
    ck_assert_str_eq(herd_optimum_map_axis_key(m, 0), "skill_mean");
    herd_scenario_set_number(s, "skill_mean", 0.7, err, sizeof err);
    herd_scenario_set_number(s, "crisis_rate", 0.05, err, sizeof err);
    herd_optimum *alone = run(s, &set);
    ck_assert(same_shares(herd_optimum_stance(herd_optimum_map_cell(m, 1, 1)),
                          herd_optimum_stance(alone)));
    ck_assert_ptr_null(herd_optimum_map_cell(m, 2, 0));
    herd_optimum_free(alone);
    herd_optimum_map_free(m);
    herd_scenario_free(s);
}
END_TEST

START_TEST(degenerate_maps_are_refused)
{
    herd_scenario *s = tiny();
    herd_optimise_settings set = small();
    herd_factor one[2] = {{.key = "skill_mean", .lo = 0.3, .hi = 0.3, .steps = 1},
                          {.key = "crisis_rate", .lo = 0, .hi = 0, .steps = 1}};
    herd_optimum_map *m = NULL;
    char err[512];
    ck_assert_int_eq(herd_optimum_map_run(&m, s, one, &set, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "a grid of one cell"));
    herd_factor same[2] = {{.key = "skill_mean", .lo = 0.3, .hi = 0.6, .steps = 2},
                           {.key = "skill_mean", .lo = 0.3, .hi = 0.6, .steps = 2}};
    ck_assert_int_eq(herd_optimum_map_run(&m, s, same, &set, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "both axes vary skill_mean"));
    herd_factor flat[2] = {{.key = "skill_mean", .lo = 0.3, .hi = 0.3, .steps = 3},
                           {.key = "crisis_rate", .lo = 0, .hi = 0.05, .steps = 2}};
    ck_assert_int_eq(herd_optimum_map_run(&m, s, flat, &set, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "axis skill_mean"));
    herd_factor unknown[2] = {{.key = "skill_mean", .lo = 0.3, .hi = 0.6, .steps = 2},
                              {.key = "storms", .lo = 0, .hi = 1, .steps = 2}};
    ck_assert_int_ne(herd_optimum_map_run(&m, s, unknown, &set, err, sizeof err), HERD_OK);
    ck_assert_ptr_nonnull(strstr(err, "storms"));
    ck_assert_ptr_null(m);
    herd_scenario_free(s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("optimise");
    TCase *tc = tcase_create("optimise");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_optimum_depends_on_the_seeds_not_the_threads);
    tcase_add_test(tc, the_search_keeps_its_budget_and_beats_the_fixed_archetypes);
    tcase_add_test(tc, the_finalists_are_ranked_by_the_final_runs_the_optimum_first);
    tcase_add_test(tc, the_finalists_are_distinct_beyond_rounding);
    tcase_add_test(tc, a_switching_search_depends_on_the_seeds_not_the_threads);
    tcase_add_test(tc, a_switching_search_keeps_the_thresholds_in_their_ranges);
    tcase_add_test(tc, the_thresholds_searched_are_named);
    tcase_add_test(tc, a_floor_is_kept);
    tcase_add_test(tc, a_floor_nothing_reaches_is_refused_naming_it);
    tcase_add_test(tc, bad_settings_are_refused_naming_them);
    tcase_add_test(tc, the_least_budget_is_where_the_check_starts_to_accept);
    tcase_add_test(tc, a_metric_name_is_checked_naming_the_nearest);
    tcase_add_test(tc, progress_counts_runs_and_may_cancel);
    tcase_add_test(tc, a_map_optimises_every_cell);
    tcase_add_test(tc, degenerate_maps_are_refused);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
