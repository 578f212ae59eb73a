#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "herd/classic.h"
#include "herd/rng.h"
#include "failing_alloc.h"
#include "runner.h"

enum { MSG = 256 };

/* ---- March ---- */

/* Code score ((right - wrong) / m) at equilibrium for p1 = 0.1 .. 0.9 (rows) and
 * p2 = 0.1, 0.5, 0.9 (columns): the values of March's Figure 1 as tabulated by Workiewicz's
 * recreation of March's program (github.com/Mac13kW/March_1991_Original, file
 * Output/March_1991_p1_0.1-0.9_p2_0.1-0.9_p3_0_p4_0_t_limit_100_i_10000.csv, 10,000 runs
 * a point), rounded to three places. */
static const double figure1[9][3] = {
    {0.863, 0.954, 0.972}, {0.817, 0.909, 0.940}, {0.805, 0.869, 0.908},
    {0.802, 0.837, 0.874}, {0.799, 0.811, 0.840}, {0.803, 0.787, 0.807},
    {0.806, 0.768, 0.780}, {0.809, 0.754, 0.756}, {0.813, 0.742, 0.728},
};
static const double figure1_p2[3] = {0.1, 0.5, 0.9};

static herd_classic_march_summary march_at(double p1, double p2, unsigned reps)
{
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    p.p1 = p1;
    p.p2 = p2;
    herd_classic_march_summary s;
    char msg[MSG] = "";
    ck_assert_int_eq(herd_classic_march_replicate(&p, 1991, reps, &s, msg, sizeof msg), HERD_OK);
    ck_assert_uint_eq(s.at_cap, 0);
    return s;
}

START_TEST(march_slow_socialisation_learns_more)
{
    const double p2s[] = {0.5, 0.9};
    for (unsigned i = 0; i < 2; i++) {
        herd_classic_march_summary slow = march_at(0.1, p2s[i], 200);
        herd_classic_march_summary fast = march_at(0.9, p2s[i], 200);
        double diff = slow.code_knowledge.mean - fast.code_knowledge.mean;
        double half_width = 1.96 * hypot(slow.code_knowledge.se, fast.code_knowledge.se);
        ck_assert_double_gt(diff, half_width);
    }
}
END_TEST

START_TEST(march_matches_figure_1)
{
    for (unsigned row = 0; row < 9; row++) {
        for (unsigned col = 0; col < 3; col++) {
            double p1 = 0.1 * (row + 1);
            herd_classic_march_summary s = march_at(p1, figure1_p2[col], 150);
            ck_assert_double_eq_tol(s.code_score.mean, figure1[row][col], 0.03);
        }
    }
}
END_TEST

static int stop_at_three(void *ctx, const herd_classic_march_result *now)
{
    unsigned *seen = ctx;
    *seen = now->period;
    return now->period == 3;
}

START_TEST(march_observer_sees_periods_and_can_stop)
{
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    p.p1 = 0.1;
    herd_classic_march_result r;
    unsigned seen = 0;
    char msg[MSG] = "";
    ck_assert_int_eq(herd_classic_march_run(&p, 7, stop_at_three, &seen, &r, msg, sizeof msg),
                     HERD_ECALLBACK);
    ck_assert_uint_eq(seen, 3);
    ck_assert_ptr_nonnull(strstr(msg, "observer"));
}
END_TEST

START_TEST(march_fixed_periods_with_turnover_and_mix)
{
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    p.periods = 40;
    p.p3 = 0.05;
    p.p4 = 0.02;
    p.alt_share = 0.5;
    p.p1_alt = 0.9;
    p.p1 = 0.1;
    herd_classic_march_result r;
    ck_assert_int_eq(herd_classic_march_run(&p, 3, NULL, NULL, &r, NULL, 0), HERD_OK);
    ck_assert_uint_eq(r.period, 40);
    ck_assert_double_ge(r.code_knowledge, 0.0);
    ck_assert_double_le(r.code_knowledge, 1.0);
    ck_assert_double_ge(r.individual_knowledge, 0.0);
    ck_assert_double_le(r.individual_knowledge, 1.0);
}
END_TEST

START_TEST(march_text_rules_reach_equilibrium)
{
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    p.rules = HERD_CLASSIC_MARCH_TEXT;
    herd_classic_march_summary s;
    ck_assert_int_eq(herd_classic_march_replicate(&p, 5, 20, &s, NULL, 0), HERD_OK);
    ck_assert_uint_eq(s.at_cap, 0);
    ck_assert_double_gt(s.code_knowledge.mean, 0.5);
}
END_TEST

/* ---- Hong and Page ---- */

START_TEST(hongpage_random_team_beats_best_team)
{
    herd_classic_hongpage_params p;
    herd_classic_hongpage_default(&p);
    herd_classic_hongpage_summary s;
    char msg[MSG] = "";
    ck_assert_int_eq(herd_classic_hongpage_replicate(&p, 2004, 8, &s, msg, sizeof msg), HERD_OK);
    double diff = s.random_team_performance.mean - s.best_team_performance.mean;
    ck_assert_double_gt(diff, 1.96 * hypot(s.random_team_performance.se,
                                           s.best_team_performance.se));
    ck_assert_double_gt(s.random_team_diversity.mean, s.best_team_diversity.mean);
    ck_assert_double_gt(s.best_agent_ability.mean, 0.0);
}
END_TEST

/* ---- Lazer and Friedman ---- */

static void lazer_curve(herd_classic_network net, double *mean, double *se)
{
    herd_classic_lazer_params p;
    herd_classic_lazer_default(&p);
    p.network = net;
    herd_classic_lazer_summary s;
    char msg[MSG] = "";
    ck_assert_int_eq(herd_classic_lazer_replicate(&p, 2007, 16, mean, se, &s, msg, sizeof msg),
                     HERD_OK);
}

START_TEST(lazer_linear_slow_early_better_late)
{
    double lin[101], lin_se[101], full[101], full_se[101];
    lazer_curve(HERD_CLASSIC_NETWORK_LINEAR, lin, lin_se);
    lazer_curve(HERD_CLASSIC_NETWORK_FULL, full, full_se);
    ck_assert_double_eq(lin[0], full[0]); /* same landscapes and starts */
    ck_assert_double_gt(full[5] - lin[5], 1.96 * hypot(full_se[5], lin_se[5]));
    ck_assert_double_gt(lin[100] - full[100], 1.96 * hypot(full_se[100], lin_se[100]));
}
END_TEST

START_TEST(lazer_every_network_runs)
{
    herd_classic_lazer_params p;
    herd_classic_lazer_default(&p);
    p.bits = 10;
    p.interactions = 3;
    p.rounds = 20;
    double series[21];
    for (int net = 0; net < 4; net++) {
        p.network = (herd_classic_network)net;
        unsigned settled = 99;
        ck_assert_int_eq(herd_classic_lazer_run(&p, 11, series, &settled, NULL, 0), HERD_OK);
        ck_assert_double_le(series[20], 1.0);
        ck_assert_double_ge(series[20], series[0]);
        ck_assert_uint_le(settled, 20);
        herd_classic_network back;
        ck_assert_int_eq(herd_classic_network_find(herd_classic_network_name(p.network), &back),
                         HERD_OK);
        ck_assert_int_eq(back, p.network);
    }
    herd_classic_network none;
    ck_assert_int_eq(herd_classic_network_find("star", &none), HERD_ENOTFOUND);
    ck_assert_ptr_null(herd_classic_network_name((herd_classic_network)9));
}
END_TEST

/* ---- validation ---- */

typedef struct bad_case {
    int model; /* 0 March, 1 Hong-Page, 2 Lazer-Friedman */
    const char *field;
    void (*spoil)(void *params);
} bad_case;

#define SPOIL_(name, type, stmt) \
    static void name(void *params) \
    {                              \
        type *p = params;          \
        stmt;                      \
    }
SPOIL_(m_dims, herd_classic_march_params, p->dimensions = 0)
SPOIL_(m_indiv, herd_classic_march_params, p->individuals = 0)
SPOIL_(m_p1, herd_classic_march_params, p->p1 = 1.5)
SPOIL_(m_p1alt, herd_classic_march_params, p->p1_alt = -0.1)
SPOIL_(m_share, herd_classic_march_params, p->alt_share = NAN)
SPOIL_(m_p2, herd_classic_march_params, p->p2 = 2)
SPOIL_(m_p3, herd_classic_march_params, p->p3 = -1)
SPOIL_(m_p4, herd_classic_march_params, p->p4 = 1.01)
SPOIL_(m_periods, herd_classic_march_params, p->p3 = 0.1)
SPOIL_(m_cap, herd_classic_march_params, p->period_cap = 0)
SPOIL_(m_rules, herd_classic_march_params, p->rules = (herd_classic_march_rules)7)
SPOIL_(m_dims_huge, herd_classic_march_params, p->dimensions = UINT_MAX)
SPOIL_(m_indiv_huge, herd_classic_march_params, p->individuals = UINT_MAX)
SPOIL_(m_both_huge, herd_classic_march_params, p->individuals = p->dimensions = 1u << 16)
SPOIL_(h_ring, herd_classic_hongpage_params, p->ring_size = 1)
SPOIL_(h_ring_huge, herd_classic_hongpage_params, p->ring_size = UINT_MAX)
SPOIL_(h_vmax, herd_classic_hongpage_params, p->value_max = 0)
SPOIL_(h_l, herd_classic_hongpage_params, p->max_step = 0)
SPOIL_(h_lbig, herd_classic_hongpage_params, p->max_step = 2000)
SPOIL_(h_k, herd_classic_hongpage_params, p->steps = 13)
SPOIL_(h_pool, herd_classic_hongpage_params, p->pool_size = 5000)
SPOIL_(h_team, herd_classic_hongpage_params, p->team_size = 0)
SPOIL_(l_bits, herd_classic_lazer_params, p->bits = 40)
SPOIL_(l_k, herd_classic_lazer_params, p->interactions = 20)
SPOIL_(l_exp, herd_classic_lazer_params, p->exponent = 0)
SPOIL_(l_agents, herd_classic_lazer_params, p->agents = 0)
SPOIL_(l_rounds, herd_classic_lazer_params, p->rounds = 0)
SPOIL_(l_rounds_huge, herd_classic_lazer_params, p->rounds = UINT_MAX)
SPOIL_(l_net, herd_classic_lazer_params, p->network = (herd_classic_network)8)
SPOIL_(l_degree, herd_classic_lazer_params, p->degree = 500)
SPOIL_(l_rewire, herd_classic_lazer_params, p->rewire = 3)

static const bad_case bad_cases[] = {
    {0, "dimensions", m_dims}, {0, "individuals", m_indiv}, {0, "p1", m_p1},
    {0, "p1_alt", m_p1alt},    {0, "alt_share", m_share},   {0, "p2", m_p2},
    {0, "p3", m_p3},           {0, "p4", m_p4},             {0, "periods", m_periods},
    {0, "period_cap", m_cap},  {0, "rules", m_rules},       {1, "ring_size", h_ring},
    {1, "value_max", h_vmax},  {1, "max_step", h_l},        {1, "max_step", h_lbig},
    {1, "steps", h_k},         {1, "pool_size", h_pool},    {1, "team_size", h_team},
    {2, "bits", l_bits},       {2, "interactions", l_k},    {2, "exponent", l_exp},
    {2, "agents", l_agents},   {2, "rounds", l_rounds},     {2, "network", l_net},
    {2, "degree", l_degree},   {2, "rewire", l_rewire},
    {0, "dimensions", m_dims_huge},
    {0, "individuals", m_indiv_huge},
    {0, "individuals x dimensions", m_both_huge},
    {1, "ring_size", h_ring_huge},
    {2, "rounds", l_rounds_huge},
};

START_TEST(validation_names_the_bad_field)
{
    const bad_case *c = &bad_cases[_i];
    char msg[MSG] = "";
    herd_status s;
    if (c->model == 0) {
        herd_classic_march_params p;
        herd_classic_march_default(&p);
        ck_assert_int_eq(herd_classic_march_validate(&p, NULL, 0), HERD_OK);
        c->spoil(&p);
        s = herd_classic_march_validate(&p, msg, sizeof msg);
    } else if (c->model == 1) {
        herd_classic_hongpage_params p;
        herd_classic_hongpage_default(&p);
        ck_assert_int_eq(herd_classic_hongpage_validate(&p, NULL, 0), HERD_OK);
        c->spoil(&p);
        s = herd_classic_hongpage_validate(&p, msg, sizeof msg);
    } else {
        herd_classic_lazer_params p;
        herd_classic_lazer_default(&p);
        ck_assert_int_eq(herd_classic_lazer_validate(&p, NULL, 0), HERD_OK);
        c->spoil(&p);
        s = herd_classic_lazer_validate(&p, msg, sizeof msg);
    }
    ck_assert_int_lt(s, 0);
    ck_assert_msg(strncmp(msg, c->field, strlen(c->field)) == 0, "'%s' should name %s", msg,
                  c->field);
}
END_TEST

START_TEST(lazer_small_world_degree_must_be_even_and_whole)
{
    herd_classic_lazer_params p;
    herd_classic_lazer_default(&p);
    p.network = HERD_CLASSIC_NETWORK_SMALL_WORLD;
    const double refused[] = {1, 1.5, 2.5, 3, 4.25};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char msg[MSG] = "";
        p.degree = refused[i];
        ck_assert_int_eq(herd_classic_lazer_validate(&p, msg, sizeof msg), HERD_EINVAL);
        ck_assert_msg(strncmp(msg, "degree must be an even whole number", 35) == 0,
                      "degree %g: '%s'", p.degree, msg);
    }
    const double accepted[] = {0, 2, 6};
    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
        p.degree = accepted[i];
        ck_assert_int_eq(herd_classic_lazer_validate(&p, NULL, 0), HERD_OK);
    }
    p.network = HERD_CLASSIC_NETWORK_RANDOM;
    p.degree = 2.5;
    ck_assert_int_eq(herd_classic_lazer_validate(&p, NULL, 0), HERD_OK);
}
END_TEST

START_TEST(validation_rejects_null_and_zero_replications)
{
    char msg[MSG] = "";
    ck_assert_int_eq(herd_classic_march_validate(NULL, msg, sizeof msg), HERD_EINVAL);
    ck_assert_int_eq(herd_classic_hongpage_validate(NULL, NULL, 0), HERD_EINVAL);
    ck_assert_int_eq(herd_classic_lazer_validate(NULL, NULL, 0), HERD_EINVAL);
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    herd_classic_march_summary s;
    ck_assert_int_eq(herd_classic_march_replicate(&p, 1, 0, &s, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "replications"));
    ck_assert_int_eq(herd_classic_march_run(&p, 1, NULL, NULL, NULL, NULL, 0), HERD_EINVAL);
}
END_TEST

START_TEST(march_summary_of_runs_equals_replicate)
{
    char msg[MSG] = "";
    herd_classic_march_params p;
    herd_classic_march_default(&p);
    p.p2 = 0.9;
    enum { REPS = 6 };
    herd_classic_march_result res[REPS];
    for (unsigned r = 0; r < REPS; r++)
        ck_assert_int_eq(herd_classic_march_run(&p, herd_seed_derive(77, r), NULL, NULL, &res[r],
                                                msg, sizeof msg),
                         HERD_OK);
    herd_classic_march_summary a, b;
    ck_assert_int_eq(herd_classic_march_summarise(&p, res, REPS, &a, msg, sizeof msg), HERD_OK);
    ck_assert_int_eq(herd_classic_march_replicate(&p, 77, REPS, &b, msg, sizeof msg), HERD_OK);
    ck_assert_uint_eq(a.replications, REPS);
    ck_assert_uint_eq(a.at_cap, b.at_cap);
    ck_assert_double_eq(a.code_knowledge.mean, b.code_knowledge.mean);
    ck_assert_double_eq(a.code_knowledge.se, b.code_knowledge.se);
    ck_assert_double_eq(a.individual_knowledge.mean, b.individual_knowledge.mean);
    ck_assert_double_eq(a.code_score.mean, b.code_score.mean);
    ck_assert_double_eq(a.periods.mean, b.periods.mean);
    ck_assert_double_gt(a.periods.mean, 0);
    ck_assert_int_eq(herd_classic_march_summarise(&p, res, 0, &a, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "replications"));
    ck_assert_int_eq(herd_classic_march_summarise(&p, NULL, REPS, &a, msg, sizeof msg),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(msg, "results"));
}
END_TEST

START_TEST(lazer_summary_of_runs_equals_replicate)
{
    char msg[MSG] = "";
    herd_classic_lazer_params p;
    herd_classic_lazer_default(&p);
    p.bits = 10;
    p.interactions = 3;
    p.agents = 20;
    p.rounds = 30;
    enum { REPS = 5, LEN = 31 };
    double series[REPS][LEN], mean_a[LEN], se_a[LEN], mean_b[LEN], se_b[LEN];
    unsigned settled[REPS];
    for (unsigned r = 0; r < REPS; r++)
        ck_assert_int_eq(herd_classic_lazer_run(&p, herd_seed_derive(77, r), series[r],
                                                &settled[r], msg, sizeof msg),
                         HERD_OK);
    herd_classic_lazer_summary a, b;
    ck_assert_int_eq(herd_classic_lazer_summarise(&p, &series[0][0], settled, REPS, mean_a, se_a,
                                                  &a, msg, sizeof msg),
                     HERD_OK);
    ck_assert_int_eq(herd_classic_lazer_replicate(&p, 77, REPS, mean_b, se_b, &b, msg,
                                                  sizeof msg),
                     HERD_OK);
    ck_assert_uint_eq(a.replications, REPS);
    ck_assert_mem_eq(mean_a, mean_b, sizeof mean_a);
    ck_assert_mem_eq(se_a, se_b, sizeof se_a);
    ck_assert_double_eq(a.final_score.mean, b.final_score.mean);
    ck_assert_double_eq(a.final_score.se, b.final_score.se);
    ck_assert_double_eq(a.rounds_to_settle.mean, b.rounds_to_settle.mean);
    ck_assert_double_eq(a.final_score.mean, mean_a[LEN - 1]);
    ck_assert_int_eq(herd_classic_lazer_summarise(&p, &series[0][0], settled, 0, mean_a, NULL,
                                                  &a, msg, sizeof msg),
                     HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "replications"));
    ck_assert_int_eq(herd_classic_lazer_summarise(&p, NULL, settled, REPS, mean_a, NULL, &a, msg,
                                                  sizeof msg),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(msg, "series"));
    ck_assert_int_eq(herd_classic_lazer_summarise(&p, &series[0][0], NULL, REPS, mean_a, NULL,
                                                  &a, msg, sizeof msg),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(msg, "settled"));
}
END_TEST

/* ---- determinism ---- */

START_TEST(same_seed_same_results)
{
    herd_classic_march_params mp;
    herd_classic_march_default(&mp);
    herd_classic_march_summary ma, mb, mc;
    ck_assert_int_eq(herd_classic_march_replicate(&mp, 9, 5, &ma, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_classic_march_replicate(&mp, 9, 5, &mb, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_classic_march_replicate(&mp, 10, 5, &mc, NULL, 0), HERD_OK);
    ck_assert_mem_eq(&ma, &mb, sizeof ma);
    ck_assert(memcmp(&ma, &mc, sizeof ma) != 0);

    herd_classic_hongpage_params hp;
    herd_classic_hongpage_default(&hp);
    hp.ring_size = 200;
    hp.pool_size = 50;
    herd_classic_hongpage_result ha, hb;
    ck_assert_int_eq(herd_classic_hongpage_run(&hp, 9, &ha, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_classic_hongpage_run(&hp, 9, &hb, NULL, 0), HERD_OK);
    ck_assert_mem_eq(&ha, &hb, sizeof ha);

    herd_classic_lazer_params lp;
    herd_classic_lazer_default(&lp);
    lp.bits = 12;
    lp.network = HERD_CLASSIC_NETWORK_SMALL_WORLD;
    double la[101], lb[101];
    ck_assert_int_eq(herd_classic_lazer_run(&lp, 9, la, NULL, NULL, 0), HERD_OK);
    ck_assert_int_eq(herd_classic_lazer_run(&lp, 9, lb, NULL, NULL, 0), HERD_OK);
    ck_assert_mem_eq(la, lb, sizeof la);
}
END_TEST

/* ---- allocation failures ---- */

/* Runs `call` with allocation k failing, k = 0, 1, ... until it succeeds: each failure must be
 * HERD_ENOMEM and leave nothing allocated. */
#define EVERY_FAILURE_(params, call)                                             \
    do {                                                                         \
        failing_alloc f_;                                                        \
        herd_allocator a_ = failing_alloc_allocator(&f_);                        \
        (params).allocator = &a_;                                                \
        for (long k_ = 0;; k_++) {                                               \
            failing_alloc_reset(&f_, k_);                                        \
            char msg_[MSG] = "";                                                 \
            herd_status s_ = (call);                                             \
            ck_assert_int_eq(f_.live, 0);                                        \
            if (s_ == HERD_OK)                                                   \
                break;                                                           \
            ck_assert_int_eq(s_, HERD_ENOMEM);                                   \
            ck_assert_str_ne(msg_, "");                                          \
            ck_assert_int_lt(k_, 100);                                           \
        }                                                                        \
    } while (0)

START_TEST(allocation_failures_are_reported_without_leaks)
{
    herd_classic_march_params mp;
    herd_classic_march_default(&mp);
    herd_classic_march_summary ms;
    EVERY_FAILURE_(mp, herd_classic_march_replicate(&mp, 1, 3, &ms, msg_, sizeof msg_));

    herd_classic_hongpage_params hp;
    herd_classic_hongpage_default(&hp);
    hp.ring_size = 100;
    hp.pool_size = 30;
    herd_classic_hongpage_summary hs;
    EVERY_FAILURE_(hp, herd_classic_hongpage_replicate(&hp, 1, 2, &hs, msg_, sizeof msg_));

    herd_classic_lazer_params lp;
    herd_classic_lazer_default(&lp);
    lp.bits = 8;
    lp.interactions = 2;
    lp.rounds = 10;
    double mean[11], se[11];
    herd_classic_lazer_summary ls;
    EVERY_FAILURE_(lp, herd_classic_lazer_replicate(&lp, 1, 2, mean, se, &ls, msg_,
                                                    sizeof msg_));
}
END_TEST

/* An allocator with one function and not the other is refused by every model. */
START_TEST(half_an_allocator_is_refused)
{
    failing_alloc f;
    failing_alloc_reset(&f, -1);
    herd_allocator halves[] = {{failing_alloc_alloc, NULL, &f},
                                       {NULL, failing_alloc_free, &f}};
    herd_classic_march_params mp;
    herd_classic_hongpage_params hp;
    herd_classic_lazer_params lp;
    for (size_t i = 0; i < 2; i++) {
        char msg[MSG] = "";
        herd_classic_march_default(&mp);
        mp.allocator = &halves[i];
        herd_classic_march_result mr;
        ck_assert_int_eq(herd_classic_march_run(&mp, 1, NULL, NULL, &mr, msg, sizeof msg),
                         HERD_EINVAL);
        ck_assert_ptr_nonnull(strstr(msg, "allocator"));
        herd_classic_hongpage_default(&hp);
        hp.allocator = &halves[i];
        msg[0] = '\0';
        ck_assert_int_eq(herd_classic_hongpage_validate(&hp, msg, sizeof msg), HERD_EINVAL);
        ck_assert_ptr_nonnull(strstr(msg, "allocator"));
        herd_classic_lazer_default(&lp);
        lp.allocator = &halves[i];
        msg[0] = '\0';
        ck_assert_int_eq(herd_classic_lazer_validate(&lp, msg, sizeof msg), HERD_EINVAL);
        ck_assert_ptr_nonnull(strstr(msg, "allocator"));
    }
    ck_assert_int_eq(f.calls, 0);
}
END_TEST

/* Sizes whose arrays would overflow or be absurd are refused before anything is allocated. */
START_TEST(huge_sizes_are_refused_before_allocating)
{
    failing_alloc f;
    failing_alloc_reset(&f, -1);
    herd_allocator a = failing_alloc_allocator(&f);
    const unsigned sizes[][2] = {{UINT_MAX, UINT_MAX}, {UINT_MAX, 2}, {1u << 16, 1u << 16},
                                 {3037000500u, 3037000500u}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        herd_classic_march_params p;
        herd_classic_march_default(&p);
        p.individuals = sizes[i][0];
        p.dimensions = sizes[i][1];
        p.allocator = &a;
        herd_classic_march_result r;
        char msg[MSG] = "";
        ck_assert_int_eq(herd_classic_march_run(&p, 1, NULL, NULL, &r, msg, sizeof msg),
                         HERD_ETOOBIG);
        ck_assert_msg(strstr(msg, "individuals") != NULL || strstr(msg, "dimensions") != NULL,
                      "'%s' should name the size", msg);
    }
    herd_classic_hongpage_params hp;
    herd_classic_hongpage_default(&hp);
    hp.ring_size = UINT_MAX;
    hp.allocator = &a;
    herd_classic_hongpage_result hr;
    ck_assert_int_eq(herd_classic_hongpage_run(&hp, 1, &hr, NULL, 0), HERD_ETOOBIG);
    herd_classic_lazer_params lp;
    herd_classic_lazer_default(&lp);
    lp.rounds = UINT_MAX;
    lp.allocator = &a;
    double mean[1];
    herd_classic_lazer_summary ls;
    ck_assert_int_eq(herd_classic_lazer_replicate(&lp, 1, 2, mean, NULL, &ls, NULL, 0),
                     HERD_ETOOBIG);
    ck_assert_int_eq(f.calls, 0);
}
END_TEST

/* The results of UINT_MAX replications are asked for in one allocation, sized without
 * overflow; refused, the call reports it and leaks nothing. */
START_TEST(results_of_huge_replication_counts_fail_cleanly)
{
    failing_alloc f;
    herd_allocator a = failing_alloc_allocator(&f);
    char msg[MSG] = "";
    herd_classic_march_params mp;
    herd_classic_march_default(&mp);
    mp.allocator = &a;
    herd_classic_march_summary ms;
    failing_alloc_reset(&f, 0);
    ck_assert_int_eq(herd_classic_march_replicate(&mp, 1, UINT_MAX, &ms, msg, sizeof msg),
                     HERD_ENOMEM);
    ck_assert_ptr_nonnull(strstr(msg, "results"));
    ck_assert_int_le(f.calls, 1);
    ck_assert_int_eq(f.live, 0);
    herd_classic_hongpage_params hp;
    herd_classic_hongpage_default(&hp);
    hp.allocator = &a;
    herd_classic_hongpage_summary hs;
    failing_alloc_reset(&f, 0);
    msg[0] = '\0';
    ck_assert_int_eq(herd_classic_hongpage_replicate(&hp, 1, UINT_MAX, &hs, msg, sizeof msg),
                     HERD_ENOMEM);
    ck_assert_ptr_nonnull(strstr(msg, "results"));
    ck_assert_int_le(f.calls, 1);
    ck_assert_int_eq(f.live, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("classic");
    TCase *unit = tcase_create("unit");
    tcase_add_loop_test(unit, validation_names_the_bad_field, 0,
                        (int)(sizeof bad_cases / sizeof bad_cases[0]));
    tcase_add_test(unit, lazer_small_world_degree_must_be_even_and_whole);
    tcase_add_test(unit, validation_rejects_null_and_zero_replications);
    tcase_add_test(unit, same_seed_same_results);
    tcase_add_test(unit, march_summary_of_runs_equals_replicate);
    tcase_add_test(unit, lazer_summary_of_runs_equals_replicate);
    tcase_add_test(unit, allocation_failures_are_reported_without_leaks);
    tcase_add_test(unit, half_an_allocator_is_refused);
    tcase_add_test(unit, huge_sizes_are_refused_before_allocating);
    tcase_add_test(unit, results_of_huge_replication_counts_fail_cleanly);
    tcase_add_test(unit, march_observer_sees_periods_and_can_stop);
    tcase_add_test(unit, march_fixed_periods_with_turnover_and_mix);
    tcase_add_test(unit, lazer_every_network_runs);
    suite_add_tcase(s, unit);
    TCase *facts = tcase_create("published");
    tcase_set_timeout(facts, 240);
    tcase_add_test(facts, march_slow_socialisation_learns_more);
    tcase_add_test(facts, march_matches_figure_1);
    tcase_add_test(facts, march_text_rules_reach_equilibrium);
    tcase_add_test(facts, hongpage_random_team_beats_best_team);
    tcase_add_test(facts, lazer_linear_slow_early_better_late);
    suite_add_tcase(s, facts);
    return run_suite(s);
}
