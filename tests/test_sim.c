#include <check.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "failing_alloc.h"
#include "runner.h"

static herd_params small_params(void)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 6;
    p.team_size = 7;
    return p;
}

static herd_sim *new_sim(const herd_params *p, uint64_t seed, const herd_policy_type *policy)
{
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, p, seed), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, policy), HERD_OK);
    return sim;
}

START_TEST(free_null_does_nothing_and_null_arguments_are_refused)
{
    herd_sim_free(NULL);
    herd_params p = small_params();
    ck_assert_int_eq(herd_sim_new(NULL, &p, 1), HERD_EINVAL);
    herd_sim *sim = (herd_sim *)&p;
    ck_assert_int_eq(herd_sim_new(&sim, NULL, 1), HERD_EINVAL);
    ck_assert_ptr_null(sim);
    ck_assert_int_eq(herd_sim_step(NULL), HERD_EINVAL);
    ck_assert_ptr_null(herd_sim_record(NULL));
    ck_assert_str_eq(herd_sim_errmsg(NULL), "no simulation");
}
END_TEST

/* A negative number of ticks is refused with a message; none is a run that does nothing. */
START_TEST(a_negative_run_is_refused_with_a_message)
{
    herd_params p = small_params();
    herd_sim *sim = new_sim(&p, 1, herd_policy_behind);
    ck_assert_int_eq(herd_sim_run(NULL, 1), HERD_EINVAL);
    ck_assert_int_eq(herd_sim_run(sim, -5), HERD_EINVAL);
    ck_assert_str_eq(herd_sim_errmsg(sim), "ticks = -5: a run is 0 or more ticks");
    ck_assert_int_eq(herd_sim_tick(sim), 0);
    ck_assert_int_eq(herd_sim_run(sim, 0), HERD_OK);
    ck_assert_int_eq(herd_sim_tick(sim), 0);
    herd_sim_free(sim);
}
END_TEST

START_TEST(a_team_without_policy_cannot_start)
{
    herd_params p = small_params();
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 1), HERD_OK);
    ck_assert_int_eq(herd_sim_set_team_policy(sim, 0, 3, herd_policy_front), HERD_OK);
    ck_assert_int_eq(herd_sim_step(sim), HERD_ESTATE);
    ck_assert_ptr_nonnull(strstr(herd_sim_errmsg(sim), "team 3"));
    ck_assert_int_eq(herd_sim_set_team_policy(sim, 3, 3, herd_policy_behind), HERD_OK);
    ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_front), HERD_ESTATE);
    ck_assert_ptr_eq(herd_sim_team_policy(sim, 4), herd_policy_behind);
    ck_assert_ptr_null(herd_sim_team_policy(sim, 6));
    herd_sim_free(sim);
}
END_TEST

START_TEST(bad_policy_ranges_and_types_are_refused)
{
    herd_params p = small_params();
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 1), HERD_OK);
    ck_assert_int_eq(herd_sim_set_team_policy(sim, 4, 3, herd_policy_front), HERD_ERANGE);
    ck_assert_int_eq(herd_sim_set_team_policy(sim, -1, 1, herd_policy_front), HERD_ERANGE);
    ck_assert_int_eq(herd_sim_set_policy(sim, NULL), HERD_EINVAL);
    herd_policy_type wrong_version = *herd_policy_behind;
    wrong_version.version = 99;
    ck_assert_int_eq(herd_sim_set_policy(sim, &wrong_version), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(herd_sim_errmsg(sim), "version 99"));
    herd_sim_free(sim);
}
END_TEST

/* Ranges at the limits of a long are refused with a message that shows them as given. */
START_TEST(extreme_team_ranges_are_reported_as_given)
{
    herd_params p = small_params();
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 1), HERD_OK);
    const long ranges[][2] = {{LONG_MAX, LONG_MAX}, {2, LONG_MAX}, {LONG_MIN, 1}, {3, LONG_MIN}};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "teams %ld (+%ld) are outside 0..5", ranges[i][0],
                 ranges[i][1]);
        ck_assert_int_eq(herd_sim_set_team_policy(sim, ranges[i][0], ranges[i][1],
                                                  herd_policy_front),
                         HERD_ERANGE);
        ck_assert_str_eq(herd_sim_errmsg(sim), want);
        herd_event ev = {HERD_EVENT_CRISIS, 1, 2, 0.5, ranges[i][0], ranges[i][1]};
        ck_assert_int_eq(herd_sim_add_event(sim, &ev), HERD_ERANGE);
        snprintf(want, sizeof want, "crisis event: teams %ld (+%ld) are outside 0..5",
                 ranges[i][0], ranges[i][1]);
        ck_assert_str_eq(herd_sim_errmsg(sim), want);
    }
    herd_sim_free(sim);
}
END_TEST

START_TEST(bad_events_are_refused_with_a_message)
{
    herd_params p = small_params();
    herd_sim *sim = new_sim(&p, 1, herd_policy_behind);
    herd_event ev = {HERD_EVENT_CRISIS, 5, 0, 0.5, 0, 0};
    ck_assert_int_eq(herd_sim_add_event(sim, &ev), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(herd_sim_errmsg(sim), "crisis"));
    ev.length = 3;
    ev.intensity = NAN;
    ck_assert_int_eq(herd_sim_add_event(sim, &ev), HERD_ERANGE);
    ev.intensity = 0.5;
    ev.team_first = 5;
    ev.team_count = 2;
    ck_assert_int_eq(herd_sim_add_event(sim, &ev), HERD_ERANGE);
    ev.team_count = 1;
    ck_assert_int_eq(herd_sim_add_event(sim, &ev), HERD_OK);
    ev.kind = (herd_event_kind)42;
    ck_assert_int_eq(herd_sim_add_event(sim, &ev), HERD_EINVAL);
    herd_sim_free(sim);
}
END_TEST

START_TEST(event_kinds_have_names_both_ways)
{
    for (int k = HERD_EVENT_CRISIS; k <= HERD_EVENT_HIRING; k++) {
        herd_event_kind parsed;
        ck_assert_int_eq(herd_event_kind_parse(herd_event_kind_name((herd_event_kind)k), &parsed),
                         HERD_OK);
        ck_assert_int_eq(parsed, k);
    }
    herd_event_kind parsed;
    ck_assert_int_eq(herd_event_kind_parse("meteor", &parsed), HERD_ENOTFOUND);
}
END_TEST

typedef struct seen {
    long ticks[64];
    int n;
    int stop_after;
} seen;

static int remember(const herd_record *r, void *userdata)
{
    seen *s = userdata;
    s->ticks[s->n++] = r->tick;
    return s->stop_after > 0 && s->n >= s->stop_after;
}

START_TEST(observers_see_every_tick_and_can_stop_the_run)
{
    herd_params p = small_params();
    herd_sim *sim = new_sim(&p, 1, herd_policy_behind);
    seen s = {.stop_after = 0};
    ck_assert_int_eq(herd_sim_observe(sim, remember, &s), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 10), HERD_OK);
    ck_assert_int_eq(s.n, 10);
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(s.ticks[i], i);
    seen stopper = {.stop_after = 3};
    ck_assert_int_eq(herd_sim_observe(sim, remember, &stopper), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 10), HERD_ECALLBACK);
    ck_assert_int_eq(stopper.n, 3);
    ck_assert_int_eq(herd_sim_tick(sim), 13);
    herd_sim_free(sim);
}
END_TEST

static int run_records(const herd_params *p, uint64_t seed, int threads, long ticks,
                       herd_record *out)
{
    herd_settings s;
    herd_settings_default(&s);
    s.threads = threads;
    s.parallel_min_agents = 1;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new_with(&sim, p, seed, &s), HERD_OK);
    ck_assert_int_eq(herd_sim_set_team_policy(sim, 0, p->n_teams / 2, herd_policy_hybrid), HERD_OK);
    ck_assert_int_eq(herd_sim_set_team_policy(sim, p->n_teams / 2, p->n_teams - p->n_teams / 2,
                                              herd_policy_front),
                     HERD_OK);
    herd_event crisis = {HERD_EVENT_CRISIS, 20, 10, 0.7, 0, 0};
    ck_assert_int_eq(herd_sim_add_event(sim, &crisis), HERD_OK);
    for (long t = 0; t < ticks; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        out[t] = *herd_sim_record(sim);
    }
    herd_sim_free(sim);
    return 0;
}

START_TEST(same_seed_same_records_other_seed_other_records_any_thread_count)
{
    herd_params p = small_params();
    p.n_teams = 40;
    p.crisis_rate = 0.05;
    enum { TICKS = 60 };
    static herd_record a[TICKS], b[TICKS], c[TICKS], d[TICKS];
    run_records(&p, 7, 1, TICKS, a);
    run_records(&p, 7, 1, TICKS, b);
    run_records(&p, 7, 2, TICKS, c);
    run_records(&p, 8, 1, TICKS, d);
    ck_assert_mem_eq(a, b, sizeof a);
    ck_assert_mem_eq(a, c, sizeof a);
    ck_assert(memcmp(a, d, sizeof a) != 0);
}
END_TEST

/* Organisations of many chunks of teams, teams longer than a block's segment, teams of one,
 * and networks that are not cliques: one, two and three threads give the same records. */
START_TEST(many_chunks_same_records_any_thread_count)
{
    static const struct {
        long teams, size;
        double ties_within, ties_across;
    } shapes[] = {{1200, 7, 1, 0.5}, {90, 45, 1, 2}, {5000, 1, 1, 1}, {300, 13, 0.4, 0.5},
                  {40, 100, 1, 40}};
    herd_params p;
    herd_params_default(&p);
    p.n_teams = shapes[_i].teams;
    p.team_size = shapes[_i].size;
    p.ties_within = shapes[_i].ties_within;
    p.ties_across = shapes[_i].ties_across;
    p.crisis_rate = 0.05;
    p.quit_base = 0.02;
    enum { TICKS = 30 };
    static herd_record a[TICKS], b[TICKS], c[TICKS];
    run_records(&p, 11, 1, TICKS, a);
    run_records(&p, 11, 2, TICKS, b);
    run_records(&p, 11, 3, TICKS, c);
    ck_assert_mem_eq(a, b, sizeof a);
    ck_assert_mem_eq(a, c, sizeof a);
}
END_TEST

/* A long run with random events: every state variable stays in [0,1], nothing is NaN and
 * the head count holds. */
START_TEST(state_stays_in_range_over_long_random_runs)
{
    herd_params p = small_params();
    p.n_teams = 12;
    p.crisis_rate = 0.05;
    p.quit_base = 0.02;
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, 99, (uint64_t)_i);
    herd_sim *sim = new_sim(&p, (uint64_t)_i, herd_policy_builtins()[_i % 4]);
    for (int e = 0; e < 10; e++) {
        herd_event ev = {(herd_event_kind)herd_pcg32_bounded(&rng, 5), herd_pcg32_bounded(&rng, 400),
                         1 + herd_pcg32_bounded(&rng, 40), herd_pcg32_double(&rng),
                         herd_pcg32_bounded(&rng, 12), 0};
        ck_assert_int_eq(herd_sim_add_event(sim, &ev), HERD_OK);
    }
    for (int t = 0; t < 500; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        herd_org_view v;
        herd_sim_org(sim, &v);
        ck_assert_int_eq(v.n_agents, 84);
        const float *vars[] = {v.skill, v.engagement, v.initiative, v.bond, v.dependence,
                               v.perspective};
        for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++)
            for (long i = 0; i < v.n_agents; i++)
                ck_assert_msg(vars[k][i] >= 0 && vars[k][i] <= 1, "variable %zu of agent %ld = %g",
                              k, i, (double)vars[k][i]);
        const herd_record *r = herd_sim_record(sim);
        const double *fields = &r->innovation;
        for (size_t f = 0; f < (sizeof *r - sizeof r->tick) / sizeof(double); f++)
            ck_assert_msg(isfinite(fields[f]) && fields[f] >= 0, "field %zu = %g", f, fields[f]);
        ck_assert(r->morale <= 1 && r->skill <= 1 && r->front_share <= 1);
    }
    herd_sim_free(sim);
}
END_TEST

START_TEST(the_network_is_symmetric_and_teams_are_cliques_by_default)
{
    herd_params p = small_params();
    p.ties_across = 2;
    herd_sim *sim = new_sim(&p, 3, herd_policy_behind);
    uint64_t ties = 0;
    ck_assert_int_eq(herd_sim_network_ties(sim, &ties), HERD_OK);
    size_t n = (size_t)(p.n_teams * p.team_size);
    uint64_t *offsets = malloc((n + 1) * sizeof *offsets);
    uint32_t *targets = malloc((size_t)ties * sizeof *targets);
    ck_assert_int_eq(herd_sim_network(sim, offsets, n + 1, targets, (size_t)ties), HERD_OK);
    ck_assert_uint_eq(offsets[n], ties);
    long across = 0;
    for (size_t i = 0; i < n; i++) {
        long team_ties = 0;
        for (uint64_t k = offsets[i]; k < offsets[i + 1]; k++) {
            uint32_t j = targets[k];
            ck_assert_uint_ne(j, i);
            if ((long)j / p.team_size == (long)i / p.team_size)
                team_ties++;
            else
                across++;
            int back = 0;
            for (uint64_t m = offsets[j]; m < offsets[j + 1]; m++)
                back |= targets[m] == (uint32_t)i;
            ck_assert_msg(back, "tie %zu-%u has no tie back", i, j);
        }
        ck_assert_int_eq(team_ties, p.team_size - 1);
    }
    ck_assert_int_gt(across, 0);
    free(offsets);
    free(targets);
    herd_sim_free(sim);
}
END_TEST

/* A simulation made with a's allocator from the parameters at ctx, set up and run, then freed. */
static herd_status make_and_run(failing_alloc *a, void *ctx)
{
    herd_settings s;
    herd_settings_default(&s);
    failing_alloc_settings(&s, a);
    herd_sim *sim = NULL;
    herd_status rc = herd_sim_new_with(&sim, ctx, 1, &s);
    if (rc != HERD_OK) {
        ck_assert_ptr_null(sim);
        return rc;
    }
    rc = herd_sim_set_policy(sim, herd_policy_hybrid);
    herd_event ev = {HERD_EVENT_CRISIS, 1, 2, 0.5, 0, 0};
    if (rc == HERD_OK)
        rc = herd_sim_add_event(sim, &ev);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, 3);
    herd_sim_free(sim);
    return rc;
}

START_TEST(every_allocation_failure_returns_enomem_and_leaks_nothing)
{
    herd_params p = small_params();
    failing_alloc a;
    failing_alloc_reset(&a, -1);
    failing_alloc_each(&a, make_and_run, &p);
    ck_assert_int_eq(a.live, 0);
}
END_TEST

static void keep_message(void *cookie, herd_log_level level, const char *message)
{
    (void)level;
    snprintf(cookie, 256, "%s", message);
}

/* A first step that finds no memory fails before the policies start: they can still be set,
 * and the next step runs from tick 0. */
START_TEST(a_first_step_without_memory_leaves_the_simulation_unstarted)
{
    herd_params p = small_params();
    failing_alloc a;
    failing_alloc_reset(&a, -1);
    herd_settings s;
    herd_settings_default(&s);
    failing_alloc_settings(&s, &a);
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new_with(&sim, &p, 1, &s), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_hybrid), HERD_OK);
    int failures = 0;
    for (long k = 0;; k++) {
        a.fail_at = a.calls + k;
        int rc = herd_sim_step(sim);
        if (rc == HERD_OK)
            break;
        ck_assert_int_eq(rc, HERD_ENOMEM);
        ck_assert_int_eq(herd_sim_tick(sim), 0);
        ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_hybrid), HERD_OK);
        failures++;
    }
    ck_assert_int_ge(failures, 2);
    ck_assert_int_eq(herd_sim_tick(sim), 1);
    herd_sim_free(sim);
    ck_assert_int_eq(a.live, 0);
}
END_TEST

/* Half an allocator is refused before anything is allocated, with a message to the log. */
START_TEST(half_an_allocator_is_refused)
{
    herd_params p = small_params();
    for (int half = 0; half < 2; half++) {
        failing_alloc a;
        failing_alloc_reset(&a, -1);
        char logged[256] = "";
        herd_settings s;
        herd_settings_default(&s);
        failing_alloc_settings(&s, &a);
        if (half == 0)
            s.dealloc = NULL;
        else
            s.alloc = NULL;
        s.log = keep_message;
        s.log_cookie = logged;
        herd_sim *sim = (herd_sim *)&a;
        ck_assert_int_eq(herd_sim_new_with(&sim, &p, 1, &s), HERD_EINVAL);
        ck_assert_ptr_null(sim);
        ck_assert_int_eq(a.calls, 0);
        ck_assert_ptr_nonnull(strstr(logged, half == 0 ? "dealloc is NULL" : "alloc is NULL"));
    }
}
END_TEST

/* A bad parameter is named, with its value and range, to the caller's buffer and to the log,
 * though no simulation exists to hold the message. */
START_TEST(a_bad_parameter_is_named_to_the_caller_and_the_log)
{
    herd_params p = small_params();
    p.skill_mean = 2;
    char logged[256] = "", err[256] = "";
    herd_settings s;
    herd_settings_default(&s);
    s.log = keep_message;
    s.log_cookie = logged;
    herd_sim *sim = (herd_sim *)&p;
    ck_assert_int_eq(herd_sim_new_err(&sim, &p, 1, &s, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_null(sim);
    ck_assert_str_eq(err, "skill_mean = 2 is outside the range [0.01, 0.99]");
    ck_assert_str_eq(logged, err);
    logged[0] = '\0';
    ck_assert_int_eq(herd_sim_new_with(&sim, &p, 1, &s), HERD_ERANGE);
    ck_assert_str_eq(logged, err);
    char tiny[9];
    ck_assert_int_eq(herd_sim_new_err(&sim, &p, 1, NULL, tiny, sizeof tiny), HERD_ERANGE);
    ck_assert_str_eq(tiny, "skill_me");
    ck_assert_int_eq(herd_sim_new_err(&sim, NULL, 1, NULL, err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "no parameters given");
    ck_assert_int_eq(herd_sim_new_err(&sim, &p, 1, NULL, NULL, 0), HERD_ERANGE);
}
END_TEST

/* Team 1 of 3 goes wrong at tick 2 in the way its case says; the other teams stay sane. */
enum { BAD_STATUS, BAD_NAN, BAD_NEGATIVE, BAD_HUGE, BAD_ALL_MAX, BAD_INIT };

static int bad_init(void *state, const void *data, const herd_params *params, long team)
{
    (void)params;
    *(int *)state = *(const int *)data;
    return *(const int *)data == BAD_INIT && team == 1 ? HERD_EFORMAT : 0;
}

static int bad_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    *s = (herd_stance){.direction = 0.2, .support = 0.2, .delegation = 0.2};
    if (view->team != 1 || view->tick != 2)
        return 0;
    switch (*(const int *)state) {
    case BAD_STATUS:
        return HERD_EPARSE;
    case BAD_NAN:
        s->collaboration = NAN;
        break;
    case BAD_NEGATIVE:
        s->training = -0.5;
        break;
    case BAD_HUGE:
        s->plan = HERD_STANCE_SHARE_MAX * 2;
        break;
    case BAD_ALL_MAX:
#define HERD_TEST_MAX_INT_(share)
#define HERD_TEST_MAX_REAL_(share) s->share = DBL_MAX;
#define HERD_TEST_ALL_MAX_(type, share, doc) HERD_TEST_MAX_##type##_(share)
        HERD_STANCE_TABLE(HERD_TEST_ALL_MAX_)
#undef HERD_TEST_ALL_MAX_
#undef HERD_TEST_MAX_REAL_
#undef HERD_TEST_MAX_INT_
        break;
    }
    return 0;
}

/* The message names the tick, the team, the policy and the share or the policy's status, and
 * the status the policy returned is kept. */
START_TEST(a_failing_policy_is_named_with_its_team_tick_and_share)
{
    static const struct {
        const char *message;
        int status;
    } want[] = {
        {"tick 2, team 1, policy wayward: decide returned status -6 (HERD_EPARSE)", HERD_EPARSE},
        {"tick 2, team 1, policy wayward: share collaboration = nan is not a number "
         "(at most 1e+06)", 0},
        {"tick 2, team 1, policy wayward: share training = -0.5 is negative (at most 1e+06)", 0},
        {"tick 2, team 1, policy wayward: share plan = 2e+06 is above HERD_STANCE_SHARE_MAX "
         "(at most 1e+06)", 0},
        {"tick 2, team 1, policy wayward: share direction = 1.79769e+308 is above "
         "HERD_STANCE_SHARE_MAX (at most 1e+06)", 0},
        {"team 1, policy wayward: init returned status -7 (HERD_EFORMAT)", HERD_EFORMAT},
    };
    int bad = _i;
    herd_policy_type type = {.version = HERD_POLICY_VERSION, .name = "wayward",
                             .state_size = sizeof(int), .init = bad_init, .decide = bad_decide,
                             .data = &bad};
    herd_params p = small_params();
    p.n_teams = 3;
    char logged[256] = "";
    herd_settings s;
    herd_settings_default(&s);
    s.threads = 2;
    s.parallel_min_agents = 1;
    s.log = keep_message;
    s.log_cookie = logged;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new_with(&sim, &p, 1, &s), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, &type), HERD_OK);
    ck_assert_int_eq(herd_sim_policy_status(sim), 0);
    ck_assert_int_eq(herd_sim_run(sim, 5), HERD_EPOLICY);
    ck_assert_str_eq(herd_sim_errmsg(sim), want[bad].message);
    ck_assert_str_eq(logged, want[bad].message);
    ck_assert_int_eq(herd_sim_policy_status(sim), want[bad].status);
    ck_assert_int_eq(herd_sim_tick(sim), bad == BAD_INIT ? 0 : 2);
    ck_assert_int_eq(herd_sim_step(sim), bad == BAD_INIT ? HERD_EPOLICY : HERD_ESTATE);
    herd_sim_free(sim);
}
END_TEST

/* A team's record over one team is the organisation's; over several, the counts add up and
 * the means average back; the cumulative innovation is carried in the caller's array. */
START_TEST(team_records_add_up_to_the_organisations)
{
    herd_params p = small_params();
    herd_sim *sim = new_sim(&p, 3, herd_policy_hybrid);
    herd_event storm = {HERD_EVENT_CRISIS, 2, 4, 0.8, 0, 3};
    ck_assert_int_eq(herd_sim_add_event(sim, &storm), HERD_OK);
    herd_record teams[6] = {{0}};
    ck_assert_int_eq(herd_sim_team_records(sim, teams, 5), HERD_EINVAL);
    ck_assert_int_eq(herd_sim_team_records(NULL, teams, 6), HERD_EINVAL);
    ck_assert_int_eq(herd_sim_team_records(sim, NULL, 6), HERD_EINVAL);
    for (int tick = 0; tick < 8; tick++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        ck_assert_int_eq(herd_sim_team_records(sim, teams, 6), HERD_OK);
        const herd_record *org = herd_sim_record(sim);
        double innovation = 0, cum = 0, output = 0, morale = 0, crisis = 0;
        for (int t = 0; t < 6; t++) {
            ck_assert_int_eq(teams[t].tick, org->tick);
            innovation += teams[t].innovation;
            cum += teams[t].innovation_cum;
            output += teams[t].output;
            morale += teams[t].morale / 6;
            crisis += teams[t].crisis / 6;
        }
        ck_assert_double_eq(innovation, org->innovation);
        ck_assert_double_eq(output, org->output);
        ck_assert_double_eq_tol(cum, org->innovation_cum, 1e-9);
        ck_assert_double_eq_tol(morale, org->morale, 1e-12);
        ck_assert_double_eq_tol(crisis, org->crisis, 1e-12);
        ck_assert_double_eq(teams[5].crisis, 0);
    }
    ck_assert_double_gt(teams[0].crisis + teams[0].innovation_cum, 0);
    herd_sim_free(sim);

    p.n_teams = 1;
    sim = new_sim(&p, 4, herd_policy_servant);
    herd_record one = {0};
    for (int tick = 0; tick < 5; tick++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        ck_assert_int_eq(herd_sim_team_records(sim, &one, 1), HERD_OK);
        ck_assert_mem_eq(&one, herd_sim_record(sim), sizeof one);
    }
    herd_sim_free(sim);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim");
    TCase *tc = tcase_create("api");
    tcase_add_test(tc, free_null_does_nothing_and_null_arguments_are_refused);
    tcase_add_test(tc, a_negative_run_is_refused_with_a_message);
    tcase_add_test(tc, a_team_without_policy_cannot_start);
    tcase_add_test(tc, bad_policy_ranges_and_types_are_refused);
    tcase_add_test(tc, bad_events_are_refused_with_a_message);
    tcase_add_test(tc, extreme_team_ranges_are_reported_as_given);
    tcase_add_test(tc, event_kinds_have_names_both_ways);
    tcase_add_test(tc, observers_see_every_tick_and_can_stop_the_run);
    tcase_add_test(tc, the_network_is_symmetric_and_teams_are_cliques_by_default);
    tcase_add_test(tc, every_allocation_failure_returns_enomem_and_leaks_nothing);
    tcase_add_test(tc, a_first_step_without_memory_leaves_the_simulation_unstarted);
    tcase_add_test(tc, half_an_allocator_is_refused);
    tcase_add_test(tc, team_records_add_up_to_the_organisations);
    tcase_add_test(tc, a_bad_parameter_is_named_to_the_caller_and_the_log);
    tcase_add_loop_test(tc, a_failing_policy_is_named_with_its_team_tick_and_share, 0, 6);
    suite_add_tcase(s, tc);
    TCase *inv = tcase_create("invariants");
    tcase_set_timeout(inv, 120);
    tcase_add_test(inv, same_seed_same_records_other_seed_other_records_any_thread_count);
    tcase_add_loop_test(inv, many_chunks_same_records_any_thread_count, 0, 5);
    tcase_add_loop_test(inv, state_stays_in_range_over_long_random_runs, 0, 8);
    suite_add_tcase(s, inv);
    return run_suite(s);
}
