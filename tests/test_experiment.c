/* The experiment layer: paired comparisons, regime maps and sweeps, with a policy written
 * here (not a built-in) taking part on the same terms as the built-ins. */
#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failing_alloc.h"
#include "herd/herd.h"
#include "runner.h"

/* Situational: directs a team of novices, delegates to a skilled one. */
static int readiness_rule_decide(void *state, const herd_team_view *v, herd_stance *s)
{
    (void)state;
    double ready = v->skill * v->engagement;
    *s = (herd_stance){
        .direction = ready < 0.3 ? 0.35 : 0.05,
        .support = 0.2,
        .recognition = 0.1,
        .delegation = ready < 0.3 ? 0.05 : 0.3,
        .collaboration = 0.15,
        .training = ready < 0.3 ? 0.1 : 0.05,
        .plan = 0.1,
        .front_mode = ready < 0.3,
    };
    return 0;
}

static const herd_policy_type readiness_rule = {
    .version = HERD_POLICY_VERSION,
    .name = "readiness-rule",
    .description = "directs novices, delegates to the skilled",
    .decide = readiness_rule_decide,
};

static const char small_text[] = "[organisation]\n"
                                 "n_teams = 6\n"
                                 "team_size = 8\n"
                                 "[run]\n"
                                 "ticks = 40\n"
                                 "seed = 7\n"
                                 "[event.shock]\n"
                                 "kind = crisis\n"
                                 "start = 20\n"
                                 "length = 5\n"
                                 "intensity = 0.9\n";

static herd_scenario *small_scenario(void)
{
    herd_scenario *s = NULL;
    char err[512];
    ck_assert_int_eq(herd_scenario_parse(&s, small_text, strlen(small_text), "small.ini", err,
                                         sizeof err),
                     HERD_OK);
    return s;
}

static const herd_policy_type *arms[] = {NULL, NULL, NULL};

static void set_arms(void)
{
    arms[0] = &readiness_rule;
    arms[1] = herd_policy_behind;
    arms[2] = herd_policy_front;
}

static herd_compare *compare_with(const herd_scenario *s, int threads, long reps)
{
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = reps;
    cs.threads = threads;
    herd_compare *c = NULL;
    char err[512] = "";
    set_arms();
    ck_assert_msg(herd_compare_run(&c, s, arms, 3, &cs, err, sizeof err) == HERD_OK, "%s", err);
    return c;
}

static size_t metric(const herd_compare *c, const char *name)
{
    size_t m = 0;
    ck_assert_int_eq(herd_compare_find_metric(c, name, &m), HERD_OK);
    return m;
}

/* Replication r of every arm is the simulation with seed herd_seed_derive(seed, r). */
START_TEST(runs_follow_the_seed_rule)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = compare_with(s, 1, 3);
    ck_assert_str_eq(herd_compare_policy_name(c, 0), "readiness-rule");
    size_t m = metric(c, "performance_total");
    for (long r = 0; r < 3; r++) {
        herd_sim *sim = NULL;
        uint64_t seed = herd_seed_derive(7, (uint64_t)r);
        ck_assert_uint_eq(herd_compare_seed(c, r), seed);
        ck_assert_int_eq(herd_scenario_sim_new(&sim, s, seed, NULL, &readiness_rule), HERD_OK);
        double total = 0;
        for (long t = 0; t < 40; t++) {
            ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
            total += herd_sim_record(sim)->performance;
            ck_assert_double_eq(herd_compare_records(c, 0, r)[t].performance,
                                herd_sim_record(sim)->performance);
        }
        ck_assert_double_eq(herd_compare_value(c, 0, r, m), total);
        herd_sim_free(sim);
    }
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

static int count_ticks(const herd_record *record, void *userdata)
{
    (void)record;
    ++*(long *)userdata;
    return 0;
}

/* One run by itself is the comparison's run: the same records and summary. */
START_TEST(one_run_is_a_comparison_run)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = compare_with(s, 1, 2);
    herd_record records[40];
    herd_summary sum;
    long ticks = 0;
    char err[256] = "";
    ck_assert_msg(herd_compare_run_one(s, &readiness_rule, herd_compare_seed(c, 1), NULL,
                                       count_ticks, &ticks, records, &sum, err,
                                       sizeof err) == HERD_OK, "%s", err);
    ck_assert_int_eq(ticks, 40);
    for (long t = 0; t < 40; t++)
        ck_assert_double_eq(records[t].performance, herd_compare_records(c, 0, 1)[t].performance);
    for (size_t i = 0; i < herd_summary_info_count(); i++)
        ck_assert_double_eq(herd_summary_get(&sum, herd_summary_info(i)),
                            herd_compare_value(c, 0, 1, i));
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

START_TEST(threads_change_nothing)
{
    herd_scenario *s = small_scenario();
    herd_compare *one = compare_with(s, 1, 4), *two = compare_with(s, 2, 4);
    ck_assert_uint_eq(herd_compare_n_metrics(one), herd_compare_n_metrics(two));
    for (size_t p = 0; p < 3; p++)
        for (long r = 0; r < 4; r++)
            for (size_t m = 0; m < herd_compare_n_metrics(one); m++)
                ck_assert_double_eq(herd_compare_value(one, p, r, m),
                                    herd_compare_value(two, p, r, m));
    herd_compare_free(one);
    herd_compare_free(two);
    herd_scenario_free(s);
}
END_TEST

/* Every run metric, then the event's dip and recovery. */
START_TEST(metrics_cover_the_table_and_events)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = compare_with(s, 0, 2);
    size_t n = herd_summary_info_count();
    ck_assert_uint_eq(herd_compare_n_metrics(c), n + 2);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(herd_compare_metric_info(c, i)->name, herd_summary_info(i)->name);
    const herd_compare_metric *dip = herd_compare_metric_info(c, n);
    ck_assert_str_eq(dip->name, "dip_crisis_t20");
    ck_assert_int_eq(dip->kind, HERD_METRIC_DIP);
    ck_assert_int_eq(dip->better, -1);
    ck_assert_int_eq(herd_compare_metric_info(c, n + 1)->kind, HERD_METRIC_RECOVERY);
    ck_assert_ptr_null(herd_compare_metric_info(c, n + 2));
    ck_assert_int_eq(herd_compare_find_metric(c, "innovation_cum", &n), HERD_ENOTFOUND);
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

/* The paired difference is the mean of the per-replication differences, and an arm minus
 * itself is exactly zero. */
START_TEST(differences_are_paired)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = compare_with(s, 0, 5);
    size_t m = metric(c, "innovation_total");
    herd_interval d, self, a;
    ck_assert_int_eq(herd_compare_difference(c, 0, 1, m, &d), HERD_OK);
    double sum = 0;
    for (long r = 0; r < 5; r++)
        sum += herd_compare_value(c, 0, r, m) - herd_compare_value(c, 1, r, m);
    ck_assert_double_eq_tol(d.mean, sum / 5, 1e-9 * fabs(sum) + 1e-12);
    ck_assert_uint_eq(d.n, 5);
    ck_assert(d.low <= d.mean && d.mean <= d.high);
    ck_assert_int_eq(herd_compare_difference(c, 2, 2, m, &self), HERD_OK);
    ck_assert_double_eq(self.mean, 0);
    ck_assert_int_eq(herd_compare_interval(c, 0, m, &a), HERD_OK);
    ck_assert(a.low < a.mean && a.mean < a.high);
    ck_assert_int_eq(herd_compare_interval(c, 3, m, &a), HERD_EINVAL);
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

START_TEST(series_are_means_over_replications)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = compare_with(s, 0, 3);
    const herd_output_info *morale = herd_record_find("morale");
    ck_assert_ptr_nonnull(morale);
    herd_interval iv;
    ck_assert_int_eq(herd_compare_series(c, 1, 30, morale, &iv), HERD_OK);
    double sum = 0;
    for (long r = 0; r < 3; r++)
        sum += herd_compare_records(c, 1, r)[30].morale;
    ck_assert_double_eq_tol(iv.mean, sum / 3, 1e-12);
    ck_assert_int_eq(herd_compare_series(c, 1, 40, morale, &iv), HERD_EINVAL);
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

/* The scenario's own policies are an arm of their own, under the scenario's label. */
START_TEST(scenario_mix_is_an_arm)
{
    static const char text[] = "[organisation]\nn_teams = 4\nteam_size = 5\n"
                               "[run]\nticks = 10\npolicy = servant\n"
                               "[policy.first]\nteams = 0-1\npolicy = front\n";
    herd_scenario *s = NULL;
    char err[512];
    ck_assert_int_eq(herd_scenario_parse(&s, text, sizeof text - 1, "mix.ini", err, sizeof err),
                     HERD_OK);
    const herd_policy_type *mix[] = {NULL, herd_policy_servant};
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 2;
    herd_compare *c = NULL;
    ck_assert_int_eq(herd_compare_run(&c, s, mix, 2, &cs, err, sizeof err), HERD_OK);
    ck_assert_str_eq(herd_compare_policy_name(c, 0), "mixed");
    size_t m = metric(c, "performance_total");
    ck_assert(herd_compare_value(c, 0, 0, m) != herd_compare_value(c, 1, 0, m));
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

/* Two arms under one name could not be told apart in any table: a user's policy named as a
 * built-in, or the scenario's own policies where they are one policy on every team. */
START_TEST(arms_named_alike_are_refused)
{
    static const char text[] = "[organisation]\nn_teams = 4\nteam_size = 5\n"
                               "[run]\nticks = 10\npolicy = servant\n";
    herd_scenario *s = NULL;
    char err[512] = "";
    ck_assert_int_eq(herd_scenario_parse(&s, text, sizeof text - 1, "one.ini", err, sizeof err),
                     HERD_OK);
    herd_policy_type namesake = readiness_rule;
    namesake.name = "front";
    const herd_policy_type *same_name[] = {herd_policy_front, &namesake};
    const herd_policy_type *own_and_servant[] = {NULL, herd_policy_hybrid, herd_policy_servant};
    const herd_policy_type *own_and_front[] = {NULL, herd_policy_front};
    ck_assert_int_eq(herd_compare_arms_check(s, same_name, 2, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "policies: two arms are named 'front'; give each policy a name of its "
                          "own");
    ck_assert_int_eq(herd_compare_arms_check(s, own_and_servant, 3, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "policies: the scenario's own policies are 'servant' on every team, "
                          "which is another arm too; compare it once");
    ck_assert_int_eq(herd_compare_arms_check(s, own_and_front, 2, err, sizeof err), HERD_OK);
    const herd_policy_type *own_twice[] = {NULL, herd_policy_front, NULL};
    ck_assert_int_eq(herd_compare_arms_check(s, own_twice, 3, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "policies: the scenario's own policies are two arms; give them once");
    herd_scenario_free(s);
}
END_TEST

static int cancel_after_two(void *cookie, size_t done, size_t total)
{
    size_t *calls = cookie;
    ck_assert_uint_le(done, total);
    ++*calls;
    return done >= 2;
}

START_TEST(progress_reports_and_cancels)
{
    herd_scenario *s = small_scenario();
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 4;
    cs.threads = 1;
    size_t calls = 0;
    cs.progress = cancel_after_two;
    cs.progress_cookie = &calls;
    herd_compare *c = NULL;
    char err[512] = "";
    set_arms();
    ck_assert_int_eq(herd_compare_run(&c, s, arms, 3, &cs, err, sizeof err), HERD_ECALLBACK);
    ck_assert_ptr_null(c);
    ck_assert_uint_eq(calls, 2);
    ck_assert_ptr_nonnull(strstr(err, "cancelled"));
    herd_scenario_free(s);
}
END_TEST

static int fail_at_tick_3(void *state, const herd_team_view *v, herd_stance *s)
{
    if (v->tick == 3)
        return -42;
    return readiness_rule_decide(state, v, s);
}

START_TEST(a_failing_run_is_named)
{
    herd_scenario *s = small_scenario();
    herd_policy_type broken = readiness_rule;
    broken.name = "broken";
    broken.decide = fail_at_tick_3;
    const herd_policy_type *two[] = {herd_policy_front, &broken};
    herd_compare *c = NULL;
    char err[512] = "";
    ck_assert_int_eq(herd_compare_run(&c, s, two, 2, NULL, err, sizeof err), HERD_EPOLICY);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(err, "policy broken") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "seed") != NULL, "%s", err);
    herd_scenario_free(s);
}
END_TEST

START_TEST(bad_arguments_are_refused)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = NULL;
    char err[512] = "";
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    set_arms();
    ck_assert_int_eq(herd_compare_run(NULL, s, arms, 3, &cs, err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_compare_run(&c, NULL, arms, 3, &cs, err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_compare_run(&c, s, arms, 0, &cs, err, sizeof err), HERD_EINVAL);
    cs.level = 1;
    ck_assert_int_eq(herd_compare_run(&c, s, arms, 3, &cs, err, sizeof err), HERD_EINVAL);
    ck_assert_msg(strstr(err, "level") != NULL, "%s", err);
    herd_policy_type bad = readiness_rule;
    bad.version = 99;
    const herd_policy_type *one[] = {&bad};
    herd_compare_settings_default(&cs);
    ck_assert_int_eq(herd_compare_run(&c, s, one, 1, &cs, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(c);
    herd_compare_free(NULL);
    ck_assert_uint_eq(herd_compare_n_policies(NULL), 0);
    ck_assert(isnan(herd_compare_value(NULL, 0, 0, 0)));
    herd_scenario_free(s);
}
END_TEST

static herd_status take_begin(void *userdata, const char *table, const char *const *columns,
                              const herd_cell_type *types, size_t n)
{
    (void)table, (void)columns, (void)types, (void)n;
    ++*(long *)userdata;
    return HERD_OK;
}

static herd_status take_row(void *userdata, const herd_cell *cells, size_t n)
{
    (void)userdata, (void)cells, (void)n;
    return HERD_OK;
}

/* The tables of a comparison written to a sink that counts them. */
typedef struct tables_try {
    const herd_compare *c;
    long tables;
} tables_try;

static herd_status write_tables(failing_alloc *a, void *ctx)
{
    (void)a;
    tables_try *t = ctx;
    herd_table_sink sink = {take_begin, take_row, &t->tables};
    t->tables = 0;
    return herd_compare_write_tables(t->c, "small", &sink);
}

/* A comparison of the arms on the scenario at ctx made with a's allocator, into c. */
typedef struct compare_try {
    const herd_scenario *s;
    herd_compare *c;
} compare_try;

static herd_status compare_arms(failing_alloc *a, void *ctx)
{
    compare_try *t = ctx;
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 2;
    cs.threads = 1;
    failing_alloc_settings(&cs.sim, a);
    t->c = NULL;
    char err[256] = "";
    herd_status rc = herd_compare_run(&t->c, t->s, arms, 3, &cs, err, sizeof err);
    if (rc != HERD_OK) {
        herd_compare_free(t->c);
        ck_assert_ptr_nonnull(strstr(err, "out of memory"));
    }
    return rc;
}

START_TEST(allocation_failures_leak_nothing)
{
    herd_scenario *s = small_scenario();
    set_arms();
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    compare_try t = {s, NULL};
    failing_alloc_each(&fa, compare_arms, &t);
    /* The comparison's copy of the scenario took the settings' allocator. */
    long live = fa.live;
    char *text = NULL;
    ck_assert_int_eq(herd_scenario_write_string(herd_compare_scenario(t.c), &text, NULL),
                     HERD_OK);
    ck_assert_int_eq(fa.live, live + 1);
    failing_alloc_free(&fa, text);
    /* Every table written with each allocation failing in turn. */
    tables_try tt = {t.c, 0};
    failing_alloc_each(&fa, write_tables, &tt);
    ck_assert_int_eq(tt.tables, 4);
    ck_assert_int_eq(fa.live, live);
    herd_compare_free(t.c);
    ck_assert_int_eq(fa.live, 0);
    herd_scenario_free(s);
}
END_TEST

static herd_factor factor(const char *text)
{
    herd_factor f;
    char err[256];
    ck_assert_msg(herd_factor_parse(text, &f, err, sizeof err) == HERD_OK, "%s", err);
    return f;
}

/* The map of the three arms over the keys x and y, 3 replications in each cell. */
static herd_regime *regime_of(const herd_scenario *s, const char *x, const char *y)
{
    herd_factor axes[2] = {factor(x), factor(y)};
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 3;
    herd_regime *r = NULL;
    char err[512] = "";
    set_arms();
    ck_assert_msg(herd_regime_run(&r, s, axes, arms, 3, &cs, err, sizeof err) == HERD_OK, "%s",
                  err);
    return r;
}

/* A map over an event's start and an integer parameter: any two keys, not only skill and
 * crisis rate. */
START_TEST(regime_map_over_any_two_keys)
{
    herd_scenario *s = small_scenario();
    herd_regime *r = regime_of(s, "event.shock.intensity=0.2:1:2", "team_size=4:8:3");
    ck_assert_int_eq(herd_regime_steps(r, 0), 2);
    ck_assert_int_eq(herd_regime_steps(r, 1), 3);
    ck_assert_double_eq(herd_regime_axis_value(r, 1, 1), 6);
    ck_assert_str_eq(herd_regime_axis_key(r, 0), "event.shock.intensity");
    const herd_compare *cell = herd_regime_cell(r, 1, 2);
    ck_assert_ptr_nonnull(cell);
    ck_assert_ptr_null(herd_compare_records(cell, 0, 0));
    ck_assert_int_eq(herd_compare_scenario(cell)->params.team_size, 8);
    ck_assert_uint_eq(herd_compare_seed(cell, 1), herd_seed_derive(7, 1));
    size_t m = metric(cell, "innovation_total");
    herd_regime_result res;
    ck_assert_int_eq(herd_regime_result_of(r, 1, 2, m, &res), HERD_OK);
    for (size_t p = 0; p < 3; p++) {
        herd_interval a, w;
        herd_compare_interval(cell, p, m, &a);
        herd_compare_interval(cell, res.winner, m, &w);
        ck_assert(w.mean >= a.mean);
    }
    ck_assert(res.margin.mean >= 0);
    herd_interval ru;
    herd_compare_interval(cell, res.runner_up, m, &ru);
    ck_assert_double_eq_tol(res.margin_pct, 100 * res.margin.mean / fabs(ru.mean), 1e-12);
    /* The map as a table: a header, then one row per cell naming the winner. */
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    ck_assert_int_eq(herd_regime_write(r, m, &t.sink), HERD_OK);
    ck_assert_int_eq(herd_regime_write(r, 999, &t.sink), HERD_EINVAL);
    ck_assert_int_eq(herd_compare_write_series(cell, NULL, NULL, 0, &t.sink), HERD_ESTATE);
    fclose(f);
    const char *header = "ix,iy,event.shock.intensity,team_size,metric,winner,winner_index,"
                         "runner_up,margin,margin_low,margin_high,margin_pct,"
                         "mean_readiness-rule,mean_behind,mean_front\n";
    ck_assert_msg(strncmp(text, header, strlen(header)) == 0, "%s", text);
    char want[128], label[64];
    ck_assert_int_eq(herd_compare_tied_names(cell, res.winner, m, label, sizeof label), HERD_OK);
    snprintf(want, sizeof want, "\n1,2,1,8,innovation_total,%s,%zu,", label, res.winner);
    ck_assert_msg(strstr(text, want) != NULL, "%s not in %s", want, text);
    size_t lines = 0;
    for (const char *c = text; *c != '\0'; c++)
        lines += *c == '\n';
    ck_assert_uint_eq(lines, 1 + 2 * 3);
    free(text);
    herd_regime_free(r);
    herd_scenario_free(s);
}
END_TEST

/* A sink's begin that checks each column's type against the one herd_io_column_type gives
 * its name (REAL for a name it does not know), counting the tables begun in userdata. */
static herd_status begin_typed_by_name(void *userdata, const char *table,
                                       const char *const *columns, const herd_cell_type *types,
                                       size_t n)
{
    for (size_t c = 0; c < n; c++) {
        herd_cell_type by_name = HERD_CELL_REAL;
        herd_status rc = herd_io_column_type(columns[c], &by_name);
        ck_assert_msg(rc == HERD_OK || rc == HERD_ENOTFOUND, "%s", columns[c]);
        ck_assert_msg(types[c] == by_name, "%s: column %s is of type %d, its name's is %d", table,
                      columns[c], (int)types[c], (int)by_name);
    }
    ++*(long *)userdata;
    return HERD_OK;
}

/* A reader of a CSV file types a column by its name: every table of a comparison and of a
 * regime map holds the types herd_io_column_type gives. */
START_TEST(every_tables_columns_have_their_names_types)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = compare_with(s, 1, 2);
    long tables = 0;
    herd_table_sink sink = {begin_typed_by_name, take_row, &tables};
    ck_assert_int_eq(herd_compare_write_tables(c, "small", &sink), HERD_OK);
    ck_assert_int_eq(herd_compare_write_series(c, NULL, NULL, 0, &sink), HERD_OK);
    herd_regime *r = regime_of(s, "skill_mean=0.3:0.6:2", "team_size=4:8:2");
    ck_assert_int_eq(herd_regime_write(r, metric(c, "innovation_total"), &sink), HERD_OK);
    ck_assert_int_eq(tables, 4 + 1 + 1);
    herd_cell_type type = HERD_CELL_TEXT;
    ck_assert_int_eq(herd_io_column_type("mean_behind", &type), HERD_ENOTFOUND);
    ck_assert_int_eq(type, HERD_CELL_TEXT);
    ck_assert_int_eq(herd_io_column_type("leaders_present", &type), HERD_OK);
    ck_assert_int_eq(type, HERD_CELL_REAL);
    herd_regime_free(r);
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

/* Table `table` of c as herd_io_csv_table writes it (the caller frees it), or, for scenario
 * "twice", the runs of two comparisons in one file. */
static char *csv_of(const herd_compare *c, herd_compare_table table, const char *scenario)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    ck_assert_int_eq(herd_compare_write(c, table, scenario, &t.sink), HERD_OK);
    if (scenario != NULL && strcmp(scenario, "twice") == 0) {
        ck_assert_int_eq(herd_compare_write(c, table, "two", &t.sink), HERD_OK);
        ck_assert_int_eq(herd_compare_write(c, HERD_COMPARE_SUMMARY, NULL, &t.sink), HERD_EINVAL);
    }
    fclose(f);
    return text;
}

static size_t lines_of(const char *text)
{
    size_t lines = 0;
    for (; *text != '\0'; text++)
        lines += *text == '\n';
    return lines;
}

/* The series of any record fields: the columns of the fields given, or of every field. */
static void series_of_chosen_fields(const herd_compare *c)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    const herd_output_info *fields[] = {herd_record_find("morale_sd"),
                                        herd_record_find("turnover")};
    ck_assert_int_eq(herd_compare_write_series(c, "x", fields, 2, &t.sink), HERD_OK);
    fclose(f);
    const char *header = "scenario,policy,tick,n,morale_sd_mean,morale_sd_low,morale_sd_high,"
                         "turnover_mean,turnover_low,turnover_high\n";
    ck_assert_int_eq(strncmp(text, header, strlen(header)), 0);
    herd_interval iv;
    ck_assert_int_eq(herd_compare_series(c, 2, 7, fields[1], &iv), HERD_OK);
    char want[256], mean[HERD_IO_NUMBER_SIZE], low[HERD_IO_NUMBER_SIZE];
    herd_io_number(iv.mean, mean);
    herd_io_number(iv.low, low);
    snprintf(want, sizeof want, ",%s,%s,", mean, low);
    const char *row = strstr(text, "\nx,front,7,3,");
    ck_assert_ptr_nonnull(row);
    ck_assert_msg(strstr(row, want) != NULL && strstr(row, want) < strchr(row + 1, '\n'),
                  "%s not in %.200s", want, row);
    free(text);

    text = NULL;
    f = open_memstream(&text, &size);
    herd_io_csv_table_init(&t, f);
    ck_assert_int_eq(herd_compare_write_series(c, NULL, NULL, 0, &t.sink), HERD_OK);
    fclose(f);
    size_t commas = 0;
    for (const char *at = text; *at != '\n'; at++)
        commas += *at == ',';
    ck_assert_uint_eq(commas + 1, 3 + 3 * herd_record_info_count());
    ck_assert_ptr_nonnull(strstr(text, ",leaders_present_high\n"));
    free(text);
    fields[1] = NULL;
    ck_assert_int_eq(herd_compare_write_series(c, NULL, fields, 2, &t.sink), HERD_EINVAL);
    ck_assert_int_eq(herd_compare_write_series(c, NULL, fields, 0, &t.sink), HERD_EINVAL);
}

/* herd compare's tables, one producer each: a CSV file gets the header once however many
 * comparisons it is given, every run and metric, every interval and paired difference. */
START_TEST(compare_tables_hold_every_run_and_interval)
{
    herd_scenario *s = small_scenario();
    herd_compare *c = compare_with(s, 1, 3);
    size_t n_metrics = herd_compare_n_metrics(c);
    char *text = csv_of(c, HERD_COMPARE_RUNS, "twice");
    const char *header = "scenario,policy,rep,seed_hi,seed_lo,metric,value\n";
    ck_assert_int_eq(strncmp(text, header, strlen(header)), 0);
    ck_assert_ptr_null(strstr(text + 1, "scenario,"));
    ck_assert_uint_eq(lines_of(text), 1 + 2 * 3 * 3 * n_metrics);
    char want[256], seed[HERD_IO_SEED_SIZE], value[HERD_IO_NUMBER_SIZE];
    size_t m = metric(c, "morale_mean");
    herd_io_seed(herd_compare_seed(c, 2), seed);
    herd_io_number(herd_compare_value(c, 1, 2, m), value);
    snprintf(want, sizeof want, "\ntwo,behind,2,%s,morale_mean,%s\n", seed, value);
    ck_assert_msg(strstr(text, want) != NULL, "%s", want);
    free(text);

    text = csv_of(c, HERD_COMPARE_SUMMARY, NULL);
    herd_interval iv;
    herd_compare_difference(c, 2, 0, m, &iv);
    char mean[HERD_IO_NUMBER_SIZE];
    herd_io_number(iv.mean, mean);
    snprintf(want, sizeof want, "\nfront,readiness-rule,morale_mean,%s,", mean);
    header = "policy,other,metric,mean,sd,ci_low,ci_high,n\n";
    ck_assert_int_eq(strncmp(text, header, strlen(header)), 0);
    ck_assert_msg(strstr(text, want) != NULL, "%s", want);
    herd_compare_interval(c, 1, m, &iv);
    herd_io_number(iv.mean, mean);
    snprintf(want, sizeof want, "\nbehind,,morale_mean,%s,", mean);
    ck_assert_msg(strstr(text, want) != NULL, "%s", want);
    free(text);

    text = csv_of(c, HERD_COMPARE_SERIES, NULL);
    ck_assert_uint_eq(lines_of(text), 1 + 3 * (size_t)herd_compare_n_ticks(c));
    ck_assert_int_eq(strncmp(text, "policy,tick,n,innovation_cum_mean,", 34), 0);
    free(text);
    series_of_chosen_fields(c);

    text = csv_of(c, HERD_COMPARE_SCENARIOS, "small");
    header = "scenario,seed_hi,seed_lo,reps,policies,version,text\n";
    ck_assert_int_eq(strncmp(text, header, strlen(header)), 0);
    snprintf(want, sizeof want, "\nsmall,0,7,3,\"readiness-rule,behind,front\",%s,\"[run]\n",
             herd_version());
    ck_assert_msg(strstr(text, want) != NULL, "%s not in %s", want, text);
    ck_assert_uint_eq(lines_of(text), lines_of(strstr(text, "\"[run]")) + 1);
    char *written = NULL;
    ck_assert_int_eq(herd_scenario_write_string(herd_compare_scenario(c), &written, NULL),
                     HERD_OK);
    ck_assert_ptr_nonnull(strstr(text, written));
    ck_assert_ptr_nonnull(strstr(written, "seed = 7\n"));
    ck_assert_ptr_nonnull(strstr(written, "[event.shock]\n"));
    free(written);
    free(text);
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, stdout);
    ck_assert_int_eq(herd_compare_write(NULL, HERD_COMPARE_RUNS, NULL, &t.sink), HERD_EINVAL);
    ck_assert_int_eq(herd_compare_write(c, (herd_compare_table)4, NULL, &t.sink), HERD_EINVAL);
    herd_compare_free(c);
    herd_scenario_free(s);
}
END_TEST

/* A map over a team range (how many teams the front policy leads) and an event's first team:
 * the numbers behind "teams" vary like any other key. */
START_TEST(regime_map_over_team_ranges)
{
    static const char text[] = "[organisation]\nn_teams = 6\nteam_size = 5\n"
                               "[run]\nticks = 20\nseed = 3\npolicy = behind\n"
                               "[policy.directed]\nteams = 0-1\npolicy = front\n"
                               "[event.shock]\nkind = crisis\nstart = 8\nlength = 4\n"
                               "intensity = 0.9\nteams = 0-2\n";
    herd_scenario *s = NULL;
    char err[512] = "";
    ck_assert_int_eq(herd_scenario_parse(&s, text, sizeof text - 1, "teams.ini", err, sizeof err),
                     HERD_OK);
    double v = 0;
    int whole = 0;
    ck_assert_int_eq(herd_scenario_get_number(s, "policy.directed.count", &v, &whole, err,
                                              sizeof err), HERD_OK);
    ck_assert_double_eq(v, 2);
    ck_assert_int_eq(whole, 1);
    herd_factor axes[2] = {factor("policy.directed.count=1:5:3"), factor("event.shock.first=0:3:2")};
    const herd_policy_type *mix[] = {NULL};
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 2;
    herd_regime *r = NULL;
    ck_assert_msg(herd_regime_run(&r, s, axes, mix, 1, &cs, err, sizeof err) == HERD_OK, "%s", err);
    const herd_scenario *cell = herd_compare_scenario(herd_regime_cell(r, 2, 1));
    ck_assert_int_eq(cell->team_policies[0].first, 0);
    ck_assert_int_eq(cell->team_policies[0].count, 5);
    ck_assert_int_eq(cell->events[0].team_first, 3);
    size_t m = metric(herd_regime_cell(r, 0, 0), "performance_total");
    ck_assert(herd_compare_value(herd_regime_cell(r, 0, 0), 0, 0, m) !=
              herd_compare_value(herd_regime_cell(r, 2, 0), 0, 0, m));
    herd_regime_free(r);
    /* A range that leaves the organisation is refused when the scenario is checked. */
    ck_assert_int_eq(herd_scenario_set_number(s, "policy.directed.count", 9, err, sizeof err),
                     HERD_OK);
    ck_assert_int_ne(herd_scenario_validate(s, err, sizeof err), HERD_OK);
    ck_assert_msg(strstr(err, "policy.directed") != NULL, "%s", err);
    ck_assert_int_eq(herd_scenario_set_number(s, "policy.directed.count", 0, err, sizeof err),
                     HERD_ERANGE);
    ck_assert_msg(strstr(err, "policy.directed.count") != NULL, "%s", err);
    herd_scenario_free(s);
}
END_TEST

/* Turnover is better low: the winner has the lowest mean. */
START_TEST(regime_winner_follows_the_metric_direction)
{
    herd_scenario *s = small_scenario();
    herd_regime *r = regime_of(s, "skill_mean=0.3:0.7:2", "crisis_rate=0:0.05:2");
    const herd_compare *cell = herd_regime_cell(r, 0, 0);
    size_t m = metric(cell, "turnover_total");
    herd_regime_result res;
    ck_assert_int_eq(herd_regime_result_of(r, 0, 0, m, &res), HERD_OK);
    herd_interval w, other;
    herd_compare_interval(cell, res.winner, m, &w);
    for (size_t p = 0; p < 3; p++) {
        herd_compare_interval(cell, p, m, &other);
        ck_assert(w.mean <= other.mean);
    }
    ck_assert(res.margin.mean >= 0);
    herd_regime_free(r);
    herd_scenario_free(s);
}
END_TEST

/* A comparison or a map of one replication would have no interval: refused, in one place,
 * herd_compare_settings_check; a sweep, whose rows are its runs, takes one. */
START_TEST(one_replication_is_refused_where_intervals_are_read)
{
    herd_scenario *s = small_scenario();
    const char *want = "settings reps = 1: at least 2 replications (an interval needs two)";
    char err[512] = "";
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    ck_assert_int_eq(herd_compare_settings_check(&cs, err, sizeof err), HERD_OK);
    cs.reps = HERD_COMPARE_MIN_REPS - 1;
    ck_assert_int_eq(herd_compare_settings_check(&cs, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, want);
    set_arms();
    herd_compare *c = (herd_compare *)&c;
    ck_assert_int_eq(herd_compare_run(&c, s, arms, 3, &cs, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(err, want);
    herd_factor axes[2] = {factor("skill_mean=0.3:0.7:2"), factor("crisis_rate=0:0.05:2")};
    herd_regime *r = NULL;
    err[0] = '\0';
    ck_assert_int_eq(herd_regime_run(&r, s, axes, arms, 3, &cs, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err, want);
    herd_factor f[1] = {factor("crisis_rate=0:0.05:2")};
    herd_design *d = NULL;
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_GRID, f, 1, 0, 1, err, sizeof err), HERD_OK);
    herd_sweep *sw = NULL;
    ck_assert_msg(herd_sweep_run(&sw, s, d, arms, 2, &cs, err, sizeof err) == HERD_OK, "%s", err);
    ck_assert_int_eq(herd_compare_n_reps(herd_sweep_point(sw, 0)), 1);
    herd_sweep_free(sw);
    cs.reps = 0;
    ck_assert_int_eq(herd_sweep_run(&sw, s, d, arms, 2, &cs, err, sizeof err), HERD_EINVAL);
    herd_design_free(d);
    herd_scenario_free(s);
}
END_TEST

START_TEST(regime_refuses_bad_keys_naming_them)
{
    herd_scenario *s = small_scenario();
    herd_factor axes[2] = {factor("skill_mean=0.3:0.7:2"), factor("no_such_key=0:1:2")};
    herd_regime *r = NULL;
    char err[512] = "";
    set_arms();
    ck_assert_int_ne(herd_regime_run(&r, s, axes, arms, 3, NULL, err, sizeof err), HERD_OK);
    ck_assert_ptr_null(r);
    ck_assert_msg(strstr(err, "no_such_key") != NULL, "%s", err);
    axes[1] = factor("skill_mean=0:1:2");
    ck_assert_int_ne(herd_regime_run(&r, s, axes, arms, 3, NULL, err, sizeof err), HERD_OK);
    ck_assert_msg(strstr(err, "skill_mean") != NULL, "%s", err);
    /* A cell outside a key's range names the cell. */
    axes[1] = factor("crisis_rate=0:2:2");
    ck_assert_int_ne(herd_regime_run(&r, s, axes, arms, 3, NULL, err, sizeof err), HERD_OK);
    ck_assert_msg(strstr(err, "crisis_rate") != NULL, "%s", err);
    herd_scenario_free(s);
}
END_TEST

/* Every scenario an experiment would run is checked against the memory limit before
 * anything is allocated: the comparison's, each cell of a map, each point of a sweep. */
START_TEST(scenarios_beyond_the_memory_limit_are_refused_before_allocating)
{
    herd_scenario *s = small_scenario();
    set_arms();
    failing_alloc fa;
    failing_alloc_reset(&fa, -1);
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    failing_alloc_settings(&cs.sim, &fa);
    cs.memory_limit = herd_scenario_memory(s) - 1;
    char err[512] = "";
    herd_compare *c = NULL;
    ck_assert_int_eq(herd_compare_run(&c, s, arms, 3, &cs, err, sizeof err), HERD_ETOOBIG);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(fa.calls, 0);
    ck_assert_msg(strstr(err, "small.ini:2: n_teams: 6 teams of 8 agents need about ") == err,
                  "%s", err);
    cs.memory_limit = herd_scenario_memory(s) * 1.5;
    herd_factor axes[2] = {factor("n_teams=2:12:2"), factor("skill_mean=0.3:0.7:2")};
    herd_regime *r = NULL;
    ck_assert_int_eq(herd_regime_run(&r, s, axes, arms, 3, &cs, err, sizeof err), HERD_ETOOBIG);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(fa.live, 0);
    ck_assert_msg(strstr(err, "design point 2 (n_teams = 12, skill_mean = 0.3): small.ini:") ==
                      err, "%s", err);
    ck_assert_msg(strstr(err, ": 12 teams of 8 agents need about ") != NULL, "%s", err);
    herd_design *d = NULL;
    ck_assert_int_eq(herd_sweep_resolve(s, axes, 2, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_GRID, axes, 2, 0, 0, err, sizeof err),
                     HERD_OK);
    ck_assert_int_eq(herd_sweep_check(s, d, cs.memory_limit, err, sizeof err), HERD_ETOOBIG);
    ck_assert_msg(strstr(err, "design point 2 (n_teams = 12") == err, "%s", err);
    ck_assert_int_eq(herd_sweep_check(s, d, 0, err, sizeof err), HERD_OK);
    herd_sweep *sw = NULL;
    ck_assert_int_eq(herd_sweep_run(&sw, s, d, arms, 3, &cs, err, sizeof err), HERD_ETOOBIG);
    ck_assert_ptr_null(sw);
    ck_assert_int_eq(fa.live, 0);
    herd_design_free(d);
    herd_scenario_free(s);
}
END_TEST

/* The sweep's runs as rows, as runs.csv holds them (point-major, the policies of a
 * replication side by side), give herd_sweep_output's numbers again, to the last bit. */
static void same_output_read_back(const herd_sweep *sw, size_t m, const double *diff)
{
    long points = herd_sweep_n_points(sw), reps = herd_compare_n_reps(herd_sweep_point(sw, 0));
    size_t n = (size_t)(points * reps * 2);
    long *point = malloc(n * sizeof *point), *rep = malloc(n * sizeof *rep);
    size_t *policy = malloc(n * sizeof *policy), r = 0;
    double *value = malloc(n * sizeof *value), *f = malloc((size_t)points * sizeof *f);
    for (long j = 0; j < points; j++)
        for (long k = 0; k < reps; k++)
            for (size_t p = 0; p < 2; p++, r++) {
                point[r] = j;
                rep[r] = k;
                policy[r] = p;
                value[r] = herd_compare_value(herd_sweep_point(sw, j), p, k, m);
            }
    const char *const names[] = {"readiness-rule", "behind"};
    herd_sweep_rows rows = {n, point, rep, policy, names, 2, NULL, NULL};
    char err[256] = "";
    ck_assert_msg(herd_sweep_rows_output(&rows, value, 1, 0, 1, points, f, err, sizeof err) ==
                  HERD_OK, "%s", err);
    for (long j = 0; j < points; j++)
        ck_assert_double_eq(f[j], diff[j]);
    free(point);
    free(rep);
    free(policy);
    free(value);
    free(f);
}

/* The first two arms over design d, two replications each. */
static herd_sweep *sweep_two_arms(const herd_scenario *s, const herd_design *d)
{
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 2;
    set_arms();
    herd_sweep *sw = NULL;
    char err[512] = "";
    ck_assert_msg(herd_sweep_run(&sw, s, d, arms, 2, &cs, err, sizeof err) == HERD_OK, "%s", err);
    return sw;
}

/* Run i of a sweep, run by itself with its key's seed at its key's point, is the run at that
 * point, policy and replication of herd_sweep_run. */
START_TEST(sweep_runs_numbered_one_by_one_are_the_sweeps)
{
    herd_scenario *s = small_scenario();
    herd_factor f[1] = {factor("crisis_rate=0:0.05:3")};
    char err[512] = "";
    ck_assert_int_eq(herd_sweep_resolve(s, f, 1, err, sizeof err), HERD_OK);
    herd_design *d = NULL;
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_GRID, f, 1, 0, 1, err, sizeof err), HERD_OK);
    herd_sweep *sw = sweep_two_arms(s, d);
    long runs = herd_sweep_n_runs(d, 2, 2);
    ck_assert_int_eq(runs, 3 * 2 * 2);
    size_t m = metric(herd_sweep_point(sw, 0), "performance_total");
    for (long i = 0; i < runs; i++) {
        herd_sweep_run_key key;
        ck_assert_int_eq(herd_sweep_run_key_of(d, s->seed, 2, 2, i, &key), HERD_OK);
        ck_assert_int_eq(key.run, i);
        ck_assert_int_eq(key.point * 4 + key.policy * 2 + key.rep, i);
        double value = herd_sweep_value(sw, key.point, 0);
        herd_scenario *cell = NULL;
        ck_assert_int_eq(herd_sweep_point_scenario(&cell, s, key.point, f, 1, &value, 0, err,
                                                   sizeof err), HERD_OK);
        herd_summary sum;
        herd_record *records = calloc((size_t)cell->ticks, sizeof *records);
        ck_assert_msg(herd_compare_run_one(cell, arms[key.policy], key.seed, NULL, NULL, NULL,
                                           records, &sum, err, sizeof err) == HERD_OK, "%s", err);
        free(records);
        ck_assert_double_eq(herd_summary_get(&sum, herd_summary_info(m)),
                            herd_compare_value(herd_sweep_point(sw, key.point),
                                               (size_t)key.policy, key.rep, m));
        herd_scenario_free(cell);
    }
    herd_sweep_run_key untouched = {.run = -7};
    ck_assert_int_eq(herd_sweep_run_key_of(d, s->seed, 2, 2, runs, &untouched), HERD_EINVAL);
    ck_assert_int_eq(herd_sweep_run_key_of(d, s->seed, 2, 2, -1, &untouched), HERD_EINVAL);
    ck_assert_int_eq(untouched.run, -7);
    ck_assert_int_eq(herd_sweep_n_runs(d, 0, 2), -1);
    ck_assert_int_eq(herd_sweep_n_runs(d, LONG_MAX / 2, 2), -1);
    herd_sweep_free(sw);
    herd_design_free(d);
    herd_scenario_free(s);
}
END_TEST

/* A run's row of runs.csv: its own columns, then its ticks and outputs, in the header's
 * columns; a buffer too small for it is refused. */
START_TEST(sweep_rows_as_csv_follow_their_header)
{
    herd_factor f[2] = {factor("crisis_rate=0:0.05:3"), factor("team_size=5:9:2")};
    char header[4096], row[4096];
    size_t run_columns = 0, used = 0;
    ck_assert_int_eq(herd_sweep_csv_header(f, 2, header, sizeof header, &run_columns), HERD_OK);
    const char *head = "run,point,policy,rep," HERD_IO_SEED_COLUMNS ",crisis_rate,team_size";
    ck_assert_uint_eq(run_columns, strlen(head));
    ck_assert(strncmp(header, head, run_columns) == 0);
    ck_assert(strncmp(header + run_columns, ",ticks,", 7) == 0);
    herd_sweep_run_key key = {.run = 7, .point = 3, .policy = 1, .rep = 0, .seed = 42};
    const double values[2] = {0.025, 9};
    ck_assert_int_eq(herd_sweep_csv_run(&key, "front", values, 2, row, sizeof row, &used),
                     HERD_OK);
    ck_assert_str_eq(row, "7,3,front,0,0,42,0.025,9");
    ck_assert_uint_eq(used, strlen(row));
    herd_summary sum = {.ticks = 12};
    ck_assert_int_eq(herd_sweep_csv_outputs(&sum, row, sizeof row, &used), HERD_OK);
    ck_assert_uint_eq(used, strlen(row));
    ck_assert_int_eq(row[used - 1], '\n');
    size_t commas_header = 0, commas_row = 0;
    for (const char *c = header; *c != '\0'; c++)
        commas_header += *c == ',';
    for (const char *c = row; *c != '\0'; c++)
        commas_row += *c == ',';
    ck_assert_uint_eq(commas_row, commas_header);
    ck_assert(strncmp(row + strlen("7,3,front,0,0,42,0.025,9"), ",12,", 4) == 0);
    size_t small = 0;
    ck_assert_int_eq(herd_sweep_csv_run(&key, "front", values, 2, row, 10, &small),
                     HERD_ETOOBIG);
    ck_assert_int_eq(herd_sweep_csv_header(f, 2, header, 20, &run_columns), HERD_ETOOBIG);
}
END_TEST

/* A factor whose end the scenario refuses is refused when it is resolved, naming the end. */
START_TEST(sweep_resolve_refuses_an_end_the_scenario_refuses)
{
    herd_scenario *s = small_scenario();
    herd_factor f[1] = {factor("quit_base=0:5")};
    char err[512] = "";
    ck_assert_int_ne(herd_sweep_resolve(s, f, 1, err, sizeof err), HERD_OK);
    ck_assert_str_eq(err, "quit_base: 5 is outside the range [0, 1]");
    /* The run would end before its crisis starts at tick 20: the scenario, not the key, says
     * why. */
    herd_factor ticks[1] = {factor("ticks=10:40")};
    ck_assert_int_ne(herd_sweep_resolve(s, ticks, 1, err, sizeof err), HERD_OK);
    ck_assert_msg(strncmp(err, "ticks = 10: ", 12) == 0, "%s", err);
    herd_scenario_free(s);
}
END_TEST

/* Sobol indices of the paired difference readiness-rule - behind over a Saltelli design: what
 * decides where the user's policy beats the built-in. */
START_TEST(sobol_of_a_paired_difference)
{
    herd_scenario *s = small_scenario();
    herd_factor f[2] = {factor("skill_mean=0.2:0.8"), factor("crisis_rate=0:0.05")};
    char err[512] = "";
    ck_assert_int_eq(herd_sweep_resolve(s, f, 2, err, sizeof err), HERD_OK);
    herd_design *d = NULL;
    ck_assert_int_eq(herd_design_new(&d, HERD_DESIGN_SALTELLI, f, 2, 8, 1, err, sizeof err),
                     HERD_OK);
    herd_sweep *sw = sweep_two_arms(s, d);
    long n = herd_sweep_n_points(sw);
    ck_assert_int_eq(n, 8 * 4);
    /* Point j's replication r has the design's seed. */
    ck_assert_uint_eq(herd_compare_seed(herd_sweep_point(sw, 5), 1), herd_design_seed(d, 7, 5, 1));
    size_t m = metric(herd_sweep_point(sw, 0), "performance_total");
    double *diff = malloc((size_t)n * sizeof *diff);
    ck_assert_int_eq(herd_sweep_output(sw, 0, 1, m, diff), HERD_OK);
    herd_interval d0;
    herd_compare_difference(herd_sweep_point(sw, 3), 0, 1, m, &d0);
    ck_assert_double_eq(diff[3], d0.mean);
    same_output_read_back(sw, m, diff);
    herd_sobol_index idx[2];
    ck_assert_int_eq(herd_sensitivity_sobol(diff, 8, 2, 50, 3, idx, err, sizeof err), HERD_OK);
    for (int i = 0; i < 2; i++)
        ck_assert(isfinite(idx[i].first) && isfinite(idx[i].total));
    free(diff);
    herd_sweep_free(sw);
    herd_design_free(d);
    herd_scenario_free(s);
}
END_TEST

/* The readiness plug-in (HERD_TEST_PLUGIN) and a declared style of the bundled styles
 * scenario (HERD_TEST_STYLES) compared with the four built-ins; the built-ins' numbers are
 * those of a comparison of the built-ins alone. */
START_TEST(plugin_and_declared_style_beside_the_builtins)
{
    const char *plugin = getenv("HERD_TEST_PLUGIN"), *path = getenv("HERD_TEST_STYLES");
    ck_assert_msg(plugin != NULL && path != NULL, "the test needs HERD_TEST_PLUGIN and HERD_TEST_STYLES");
    herd_catalog *catalog = NULL;
    char err[1024] = "";
    ck_assert_int_eq(herd_catalog_new(&catalog), HERD_OK);
    ck_assert_msg(herd_catalog_load_plugin(catalog, plugin, err, sizeof err) == HERD_OK, "%s", err);
    ck_assert_ptr_nonnull(herd_catalog_plugin_of(catalog, herd_catalog_find(catalog, "readiness")));
    ck_assert_ptr_null(herd_catalog_plugin_of(catalog, herd_policy_front));
    herd_scenario *s = NULL;
    ck_assert_msg(herd_scenario_load_with(&s, path, catalog, err, sizeof err) == HERD_OK, "%s", err);
    ck_assert_int_eq(herd_scenario_set(s, "run.ticks", "30", err, sizeof err), HERD_OK);
    ck_assert_uint_ge(herd_scenario_style_count(s), 1);
    const herd_policy_type *all[] = {herd_scenario_find_policy(s, "readiness"),
                                     herd_scenario_style(s, 0), herd_policy_front,
                                     herd_policy_behind, herd_policy_servant, herd_policy_hybrid};
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 3;
    herd_compare *mixed = NULL, *alone = NULL;
    ck_assert_msg(herd_compare_run(&mixed, s, all, 6, &cs, err, sizeof err) == HERD_OK, "%s", err);
    ck_assert_msg(herd_compare_run(&alone, s, all + 2, 4, &cs, err, sizeof err) == HERD_OK, "%s",
                  err);
    ck_assert_str_eq(herd_compare_policy_name(mixed, 0), "readiness");
    size_t m = metric(mixed, "performance_total");
    for (size_t p = 0; p < 6; p++) {
        herd_interval iv;
        ck_assert_int_eq(herd_compare_difference(mixed, 0, p, m, &iv), HERD_OK);
        if (p > 0)
            ck_assert(iv.low <= iv.mean && iv.mean <= iv.high);
    }
    for (size_t p = 0; p < 4; p++)
        for (long r = 0; r < 3; r++)
            for (size_t k = 0; k < herd_compare_n_metrics(alone); k++)
                ck_assert_double_eq(herd_compare_value(mixed, p + 2, r, k),
                                    herd_compare_value(alone, p, r, k));
    herd_compare_free(mixed);
    herd_compare_free(alone);
    herd_scenario_free(s);
    herd_catalog_free(catalog);
}
END_TEST

static Suite *experiment_suite(void)
{
    Suite *s = suite_create("experiment");
    TCase *tc = tcase_create("compare");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, runs_follow_the_seed_rule);
    tcase_add_test(tc, one_replication_is_refused_where_intervals_are_read);
    tcase_add_test(tc, threads_change_nothing);
    tcase_add_test(tc, one_run_is_a_comparison_run);
    tcase_add_test(tc, metrics_cover_the_table_and_events);
    tcase_add_test(tc, differences_are_paired);
    tcase_add_test(tc, series_are_means_over_replications);
    tcase_add_test(tc, scenario_mix_is_an_arm);
    tcase_add_test(tc, arms_named_alike_are_refused);
    tcase_add_test(tc, progress_reports_and_cancels);
    tcase_add_test(tc, a_failing_run_is_named);
    tcase_add_test(tc, bad_arguments_are_refused);
    tcase_add_test(tc, allocation_failures_leak_nothing);
    suite_add_tcase(s, tc);
    TCase *maps = tcase_create("maps and sweeps");
    tcase_set_timeout(maps, 120);
    tcase_add_test(maps, regime_map_over_any_two_keys);
    tcase_add_test(maps, every_tables_columns_have_their_names_types);
    tcase_add_test(maps, compare_tables_hold_every_run_and_interval);
    tcase_add_test(maps, regime_winner_follows_the_metric_direction);
    tcase_add_test(maps, regime_refuses_bad_keys_naming_them);
    tcase_add_test(maps, regime_map_over_team_ranges);
    tcase_add_test(maps, scenarios_beyond_the_memory_limit_are_refused_before_allocating);
    tcase_add_test(maps, sweep_runs_numbered_one_by_one_are_the_sweeps);
    tcase_add_test(maps, sweep_resolve_refuses_an_end_the_scenario_refuses);
    tcase_add_test(maps, sweep_rows_as_csv_follow_their_header);
    tcase_add_test(maps, sobol_of_a_paired_difference);
    suite_add_tcase(s, maps);
    TCase *plugins = tcase_create("plug-ins");
    tcase_set_timeout(plugins, 120);
    tcase_add_test(plugins, plugin_and_declared_style_beside_the_builtins);
    suite_add_tcase(s, plugins);
    return s;
}

int main(void)
{
    return run_suite(experiment_suite());
}
