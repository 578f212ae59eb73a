/* The policy contract, checked for every built-in in turn, and user-written policies. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"
#include "runner.h"

static size_t builtin_count(void)
{
    size_t n = 0;
    while (herd_policy_builtins()[n] != NULL)
        n++;
    return n;
}

static herd_team_view calm_view(void)
{
    herd_team_view v = {0};
    v.size = 10;
    v.skill = 0.5;
    v.engagement = 0.6;
    v.initiative = 0.5;
    v.bond = 0.4;
    v.performance = 0.6;
    v.output = 0.55;
    v.leader_present = 1;
    v.leader_skill = 0.7;
    return v;
}

static int stance_is_sane(const herd_stance *s)
{
    const double v[] = {s->direction, s->support,       s->recognition, s->own_work,
                        s->delegation, s->collaboration, s->training,    s->plan};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!isfinite(v[i]) || v[i] < 0 || v[i] > 1)
            return 0;
    return 1;
}

/* A team's state as the engine makes it: zeroed, then init. */
static void *started(const herd_policy_type *type)
{
    void *state = calloc(1, type->state_size ? type->state_size : 1);
    ck_assert_ptr_nonnull(state);
    herd_params p;
    herd_params_default(&p);
    if (type->init != NULL)
        ck_assert_int_eq(type->init(state, type->data, &p, 0), 0);
    return state;
}

START_TEST(builtin_honours_the_contract)
{
    const herd_policy_type *type = herd_policy_builtins()[_i];
    ck_assert_int_eq(herd_policy_check(type), HERD_OK);
    ck_assert_ptr_eq(herd_policy_find(type->name), type);
    ck_assert_ptr_nonnull(type->description);
    void *state = started(type);
    herd_team_view v = calm_view();
    for (long t = 0; t < 100; t++) {
        v.tick = t;
        v.crisis = (t / 20) % 2 ? 0.8 : 0;
        herd_stance s;
        memset(&s, 0xff, sizeof s);
        ck_assert_int_eq(herd_policy_decide(type, state, &v, &s), 0);
        ck_assert(stance_is_sane(&s));
        ck_assert_double_le(herd_stance_attention(&s), 1 + 1e-12);
        ck_assert(s.front_mode == 0 || s.front_mode == 1);
    }
    if (type->free != NULL)
        type->free(state);
    free(state);
}
END_TEST

START_TEST(every_builtin_runs_in_a_simulation)
{
    const herd_policy_type *type = herd_policy_builtins()[_i];
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 3;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 5), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, type), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 30), HERD_OK);
    ck_assert_int_eq(herd_sim_record(sim)->tick, 29);
    herd_sim_free(sim);
}
END_TEST

START_TEST(lookup_by_name)
{
    ck_assert_uint_eq(builtin_count(), 5);
    ck_assert_ptr_eq(herd_policy_find("front"), herd_policy_front);
    ck_assert_ptr_eq(herd_policy_find("behind"), herd_policy_behind);
    ck_assert_ptr_eq(herd_policy_find("servant"), herd_policy_servant);
    ck_assert_ptr_eq(herd_policy_find("hybrid"), herd_policy_hybrid);
    ck_assert_ptr_eq(herd_policy_find("situational"), herd_policy_situational);
    ck_assert_ptr_null(herd_policy_find("shepherd"));
    ck_assert_ptr_null(herd_policy_find(NULL));
}
END_TEST

/* The hybrid leads from the front during a crisis and from behind before and after it. */
START_TEST(hybrid_switches_on_crisis_and_back_after_recovery)
{
    const herd_policy_type *h = herd_policy_hybrid;
    void *state = started(h);
    herd_team_view v = calm_view();
    herd_stance s;
    int modes[60];
    for (long t = 0; t < 60; t++) {
        v.tick = t;
        v.crisis = t >= 20 && t < 30 ? 0.8 : 0;
        ck_assert_int_eq(herd_policy_decide(h, state, &v, &s), 0);
        modes[t] = s.front_mode;
    }
    ck_assert_int_eq(modes[19], 0);
    ck_assert_int_eq(modes[20], 1);
    ck_assert_int_eq(modes[29], 1);
    ck_assert_int_eq(modes[59], 0);
    int switches = 0;
    for (int t = 1; t < 60; t++)
        switches += modes[t] != modes[t - 1];
    ck_assert_int_eq(switches, 2);
    free(state);
}
END_TEST

/* The stage follows skill, then engagement, and changes only once a threshold is passed by
 * the band. */
START_TEST(stages_follow_readiness_with_hysteresis)
{
    const herd_style *s = herd_policy_style(herd_policy_situational);
    ck_assert_int_eq(s->staged, 1);
    ck_assert_int_eq(herd_style_stage(s, -1, 0.2, 0.9), HERD_STAGE_DIRECTING);
    ck_assert_int_eq(herd_style_stage(s, -1, 0.45, 0.9), HERD_STAGE_COACHING);
    ck_assert_int_eq(herd_style_stage(s, -1, 0.7, 0.5), HERD_STAGE_SUPPORTING);
    ck_assert_int_eq(herd_style_stage(s, -1, 0.7, 0.7), HERD_STAGE_DELEGATING);
    double up = s->skill_coaching + s->stage_band / 2;
    ck_assert_int_eq(herd_style_stage(s, HERD_STAGE_DIRECTING, up, 0.6), HERD_STAGE_DIRECTING);
    ck_assert_int_eq(herd_style_stage(s, HERD_STAGE_DIRECTING, up + s->stage_band, 0.6),
                     HERD_STAGE_COACHING);
    double down = s->skill_coaching - s->stage_band / 2;
    ck_assert_int_eq(herd_style_stage(s, HERD_STAGE_COACHING, down, 0.6), HERD_STAGE_COACHING);
    ck_assert_int_eq(herd_style_stage(s, HERD_STAGE_COACHING, down - s->stage_band, 0.6),
                     HERD_STAGE_DIRECTING);
    ck_assert_int_eq(herd_style_stage(s, HERD_STAGE_DIRECTING, 0.9, 0.9), HERD_STAGE_DELEGATING);
    ck_assert_int_eq(herd_style_stage(s, HERD_STAGE_DELEGATING, 0.1, 0.1), HERD_STAGE_DIRECTING);
}
END_TEST

/* The situational leader takes its stage's stance as the team grows, and goes to the front
 * in a crisis whatever the stage. */
START_TEST(situational_leader_moves_through_the_stages)
{
    const herd_policy_type *p = herd_policy_situational;
    const herd_style *st = herd_policy_style(p);
    void *state = started(p);
    herd_team_view v = calm_view();
    herd_stance s;
    const double skill[] = {0.2, 0.45, 0.7, 0.7};
    const double engagement[] = {0.6, 0.6, 0.5, 0.8};
    long t = 0;
    for (int k = 0; k < HERD_STAGE_COUNT; k++, t++) {
        v.tick = t;
        v.skill = skill[k];
        v.engagement = engagement[k];
        ck_assert_int_eq(herd_policy_decide(p, state, &v, &s), 0);
        ck_assert_mem_eq(&s, &st->stage[k], sizeof s);
    }
    v.tick = t;
    v.crisis = 0.9;
    ck_assert_int_eq(herd_policy_decide(p, state, &v, &s), 0);
    ck_assert_mem_eq(&s, &st->front, sizeof s);
    free(state);
}
END_TEST

/* A crisis that flickers around the threshold does not make the hybrid flap every tick. */
START_TEST(hybrid_does_not_flap)
{
    const herd_policy_type *h = herd_policy_hybrid;
    void *state = started(h);
    herd_team_view v = calm_view();
    herd_stance s;
    int switches = 0, last = 0;
    for (long t = 0; t < 100; t++) {
        v.tick = t;
        v.crisis = t % 2 ? 0.32 : 0.2;
        ck_assert_int_eq(herd_policy_decide(h, state, &v, &s), 0);
        switches += s.front_mode != last;
        last = s.front_mode;
    }
    ck_assert_int_le(switches, 1);
    free(state);
}
END_TEST

/* A user's copy of the behind stance, as a program outside the library would write it. */
static int user_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    (void)state;
    (void)view;
    *s = (herd_stance){.direction = 0.05, .support = 0.15, .recognition = 0.15,
                       .delegation = 0.25, .collaboration = 0.2, .training = 0.1, .plan = 0.1};
    return 0;
}

static const herd_policy_type user_behind = {
    .version = HERD_POLICY_VERSION,
    .name = "my-shepherd",
    .state_size = 0,
    .decide = user_decide,
};

/* The same stance kept once in the type's data and read by decide_data, with no state. */
static const herd_stance shared_behind_stance = {
    .direction = 0.05, .support = 0.15, .recognition = 0.15, .delegation = 0.25,
    .collaboration = 0.2, .training = 0.1, .plan = 0.1};

static int shared_decide(void *state, const void *data, const herd_team_view *view,
                         herd_stance *s)
{
    (void)state;
    (void)view;
    *s = *(const herd_stance *)data;
    return 0;
}

static const herd_policy_type shared_behind = {
    .version = HERD_POLICY_VERSION,
    .name = "my-shared-shepherd",
    .decide_data = shared_decide,
    .data = &shared_behind_stance,
};

static void run(const herd_policy_type *type, herd_record *out, long ticks)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 8;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 11), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, type), HERD_OK);
    for (long t = 0; t < ticks; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        out[t] = *herd_sim_record(sim);
    }
    herd_sim_free(sim);
}

START_TEST(a_user_policy_runs_exactly_as_a_builtin_with_the_same_stance)
{
    enum { TICKS = 80 };
    static herd_record mine[TICKS], builtin[TICKS];
    run(&user_behind, mine, TICKS);
    run(herd_policy_behind, builtin, TICKS);
    ck_assert_mem_eq(mine, builtin, sizeof mine);
}
END_TEST

START_TEST(a_user_policy_deciding_from_shared_data_runs_as_the_builtin)
{
    enum { TICKS = 80 };
    static herd_record mine[TICKS], builtin[TICKS];
    ck_assert_int_eq(herd_policy_check(&shared_behind), HERD_OK);
    run(&shared_behind, mine, TICKS);
    run(herd_policy_behind, builtin, TICKS);
    ck_assert_mem_eq(mine, builtin, sizeof mine);
    herd_policy_type older = shared_behind;
    older.version = 2;
    ck_assert_int_eq(herd_policy_check(&older), HERD_EINVAL);
    herd_team_view v = calm_view();
    herd_stance s;
    ck_assert_int_eq(herd_policy_decide(&older, NULL, &v, &s), HERD_EINVAL);
    ck_assert_int_eq(herd_policy_decide(&shared_behind, NULL, &v, &s), 0);
    ck_assert_mem_eq(&s, &shared_behind_stance, sizeof s);
}
END_TEST

/* Records of the built-ins on a run with crises and a novel task, as FNV-1a over their bytes. */
static uint64_t records_hash(const herd_policy_type *type)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 12;
    p.crisis_rate = 0.03;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 2024), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, type), HERD_OK);
    const herd_event storm = {HERD_EVENT_CRISIS, 30, 10, 0.9, 0, 6};
    const herd_event novel = {HERD_EVENT_NOVELTY, 70, 20, 0.8, 4, 0};
    ck_assert_int_eq(herd_sim_add_event(sim, &storm), HERD_OK);
    ck_assert_int_eq(herd_sim_add_event(sim, &novel), HERD_OK);
    uint64_t h = 14695981039346656037u;
    for (long t = 0; t < 120; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        const unsigned char *b = (const unsigned char *)herd_sim_record(sim);
        for (size_t i = 0; i < sizeof(herd_record); i++)
            h = (h ^ b[i]) * 1099511628211u;
    }
    herd_sim_free(sim);
    return h;
}

/* The records of each built-in under the summation order of version 0.3.0. The four first
 * built-ins were checked against these same records as they were written before styles were
 * data (under 0.2.0's order), the situational one as first written. */
static const struct {
    const char *name;
    uint64_t hash;
} known_records[] = {
    {"front", 0x23efcdfe7cac91b6u},
    {"behind", 0xd126122f9994663bu},
    {"servant", 0xe8c2e661e362e711u},
    {"hybrid", 0x9f39a9790e06ea32u},
    {"situational", 0xecc27875bf3cc3eau},
};

START_TEST(builtins_give_their_known_records)
{
    const herd_policy_type *type = herd_policy_find(known_records[_i].name);
    ck_assert_ptr_nonnull(type);
    ck_assert_uint_eq(records_hash(type), known_records[_i].hash);
}
END_TEST

START_TEST(a_catalogue_holds_the_builtins_and_what_a_program_adds)
{
    herd_catalog *c = NULL;
    char err[256] = "";
    ck_assert_int_eq(herd_catalog_new(&c), HERD_OK);
    ck_assert_uint_eq(herd_catalog_count(c), builtin_count());
    for (size_t i = 0; i < builtin_count(); i++) {
        ck_assert_ptr_eq(herd_catalog_get(c, i), herd_policy_builtins()[i]);
        ck_assert_ptr_eq(herd_catalog_find(c, herd_policy_builtins()[i]->name),
                         herd_policy_builtins()[i]);
    }
    ck_assert_ptr_null(herd_catalog_find(c, "my-shepherd"));
    ck_assert_int_eq(herd_catalog_add(c, &user_behind, err, sizeof err), HERD_OK);
    ck_assert_ptr_eq(herd_catalog_find(c, "my-shepherd"), &user_behind);
    ck_assert_ptr_eq(herd_catalog_get(c, builtin_count()), &user_behind);
    ck_assert_ptr_null(herd_catalog_get(c, builtin_count() + 1));
    ck_assert_int_eq(herd_catalog_add(c, &user_behind, err, sizeof err), HERD_ESTATE);
    ck_assert_str_eq(err, "policy my-shepherd: the catalogue already holds one of that name");
    herd_policy_type clash = user_behind;
    clash.name = "front";
    ck_assert_int_eq(herd_catalog_add(c, &clash, err, sizeof err), HERD_ESTATE);
    ck_assert_ptr_nonnull(strstr(err, "policy front:"));
    herd_policy_type old = user_behind;
    old.name = "old";
    old.version = 0;
    ck_assert_int_eq(herd_catalog_add(c, &old, err, sizeof err), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "policy old: not a usable type"));
    ck_assert_int_eq(herd_catalog_add(c, NULL, NULL, 0), HERD_EINVAL);
    ck_assert_uint_eq(herd_catalog_count(c), builtin_count() + 1);
    herd_catalog_free(c);
    herd_catalog_free(NULL);
    ck_assert_int_eq(herd_catalog_new(NULL), HERD_EINVAL);
    ck_assert_uint_eq(herd_catalog_count(NULL), 0);
    ck_assert_ptr_null(herd_catalog_find(NULL, "front"));
}
END_TEST

/* Two catalogues do not share what is added to one. */
START_TEST(catalogues_are_independent)
{
    herd_catalog *a = NULL, *b = NULL;
    ck_assert_int_eq(herd_catalog_new(&a), HERD_OK);
    ck_assert_int_eq(herd_catalog_new(&b), HERD_OK);
    ck_assert_int_eq(herd_catalog_add(a, &user_behind, NULL, 0), HERD_OK);
    ck_assert_ptr_null(herd_catalog_find(b, "my-shepherd"));
    ck_assert_int_eq(herd_catalog_add(b, &user_behind, NULL, 0), HERD_OK);
    herd_catalog_free(a);
    herd_catalog_free(b);
}
END_TEST


START_TEST(the_builtins_are_styles)
{
    const herd_style *front = herd_policy_style(herd_policy_front);
    const herd_style *behind = herd_policy_style(herd_policy_behind);
    const herd_style *servant = herd_policy_style(herd_policy_servant);
    const herd_style *hybrid = herd_policy_style(herd_policy_hybrid);
    ck_assert(front && behind && servant && hybrid);
    ck_assert_int_eq(front->switching, 0);
    ck_assert_int_eq(behind->switching, 0);
    ck_assert_int_eq(servant->switching, 0);
    ck_assert_int_eq(hybrid->switching, 1);
    ck_assert_mem_eq(&hybrid->calm, &behind->calm, sizeof behind->calm);
    ck_assert_double_eq(front->calm.direction, 0.45);
    ck_assert_int_eq(front->calm.front_mode, 1);
    ck_assert_double_eq(servant->calm.support, 0.45);
    ck_assert_double_eq(hybrid->front.direction, 0.4);
    ck_assert_double_eq(hybrid->crisis_enter, 0.3);
    ck_assert_int_eq(hybrid->min_front_ticks, 4);
    for (size_t i = 0; herd_policy_builtins()[i] != NULL; i++)
        ck_assert_int_eq(herd_style_validate(herd_policy_style(herd_policy_builtins()[i]), NULL, 0),
                         HERD_OK);
    ck_assert_ptr_null(herd_policy_style(&user_behind));
    ck_assert_ptr_null(herd_policy_style(NULL));
}
END_TEST

/* A style made at run time with a built-in's values is that built-in, record for record. */
START_TEST(a_style_made_by_a_program_runs_as_the_builtin_it_copies)
{
    const herd_policy_type *builtin = herd_policy_builtins()[_i];
    herd_style style = *herd_policy_style(builtin);
    herd_policy_type mine;
    ck_assert_int_eq(herd_style_policy(&mine, "mine", "a copy", &style, NULL, 0), HERD_OK);
    ck_assert_ptr_eq(herd_policy_style(&mine), &style);
    ck_assert_str_eq(mine.name, "mine");
    ck_assert_uint_eq(records_hash(&mine), records_hash(builtin));
}
END_TEST

START_TEST(style_keys_by_name)
{
    size_t n = 0;
    while (herd_style_key_info(n) != NULL)
        n++;
    ck_assert_uint_eq(n, 1 + 9 + 9 + 10 + 1 + 4 * 9 + 4);
    ck_assert_ptr_nonnull(herd_style_key_find("coaching.support"));
    ck_assert_ptr_null(herd_style_key_find("calm.coaching.support"));
    const herd_style_key *direction = herd_style_key_find("direction");
    ck_assert_ptr_nonnull(direction);
    ck_assert_ptr_eq(herd_style_key_find("calm.direction"), direction);
    ck_assert_ptr_null(herd_style_key_find("calm.crisis_enter"));
    ck_assert_ptr_null(herd_style_key_find("calm.front.direction"));
    ck_assert_ptr_null(herd_style_key_find("front.crisis_enter"));
    ck_assert_ptr_null(herd_style_key_find("nonsense"));
    herd_style s;
    herd_style_default(&s);
    ck_assert_int_eq(s.switching, 0);
    ck_assert_double_eq(s.calm.direction, 0);
    ck_assert_int_eq(s.calm.front_mode, 0);
    ck_assert_int_eq(s.front.front_mode, 1);
    ck_assert_mem_eq(&s.crisis_enter, &herd_policy_style(herd_policy_hybrid)->crisis_enter,
                     sizeof s - offsetof(herd_style, crisis_enter));
    ck_assert_int_eq(herd_style_set(&s, herd_style_key_find("front.support"), 0.3), HERD_OK);
    ck_assert_double_eq(s.front.support, 0.3);
    ck_assert_double_eq(herd_style_get(&s, herd_style_key_find("front.support")), 0.3);
    ck_assert_int_eq(herd_style_set(&s, herd_style_key_find("calm_ticks"), 5), HERD_OK);
    ck_assert_int_eq(s.calm_ticks, 5);
    ck_assert_double_eq(herd_style_get(&s, herd_style_key_find("calm_ticks")), 5);
    ck_assert_int_eq(herd_style_set(&s, herd_style_key_find("calm_ticks"), 2.5), HERD_EINVAL);
    ck_assert_int_eq(herd_style_set(&s, herd_style_key_find("switching"), 1), HERD_OK);
    ck_assert_int_eq(s.switching, 1);
    ck_assert_int_eq(herd_style_set(NULL, direction, 1), HERD_EINVAL);
}
END_TEST

START_TEST(a_bad_style_is_refused_naming_its_key)
{
    herd_style s = *herd_policy_style(herd_policy_hybrid);
    char msg[256];
    herd_policy_type t;
    s.front.delegation = 1.5;
    ck_assert_int_eq(herd_style_validate(&s, msg, sizeof msg), HERD_ERANGE);
    ck_assert_str_eq(msg, "front.delegation = 1.5 is outside the range [0, 1]");
    ck_assert_int_eq(herd_style_policy(&t, "bad", NULL, &s, msg, sizeof msg), HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(msg, "front.delegation"));
    s.front.delegation = NAN;
    ck_assert_int_eq(herd_style_validate(&s, msg, sizeof msg), HERD_ERANGE);
    s.front.delegation = 0;
    s.calm.delegation = 1.5;
    ck_assert_int_eq(herd_style_validate(&s, msg, sizeof msg), HERD_ERANGE);
    ck_assert_str_eq(msg, "calm.delegation = 1.5 is outside the range [0, 1]");
    s.calm.delegation = 0.2;
    s.crisis_leave = 0.5;
    ck_assert_int_eq(herd_style_validate(&s, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "crisis_leave = 0.5 is above crisis_enter = 0.3"));
    s.crisis_leave = 0.1;
    s.gap_leave = 0.9;
    ck_assert_int_eq(herd_style_validate(&s, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "gap_leave"));
    s.gap_leave = 0.1;
    s.warmup_ticks = -1;
    ck_assert_int_eq(herd_style_validate(&s, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "warmup_ticks = -1"));
    ck_assert_int_eq(herd_style_validate(NULL, NULL, 0), HERD_EINVAL);
    ck_assert_int_eq(herd_style_policy(NULL, "x", NULL, &s, NULL, 0), HERD_EINVAL);
}
END_TEST

/* A switching style whose front stance is the front built-in's and whose thresholds never
 * let it leave (a crisis from the start) runs as front does; a fixed one with hybrid's calm
 * stance runs as behind. */
START_TEST(a_declared_switch_reaches_the_front_stance)
{
    herd_style s = *herd_policy_style(herd_policy_hybrid);
    s.front = herd_policy_style(herd_policy_front)->calm;
    s.crisis_enter = 0;
    s.crisis_leave = 0;
    herd_policy_type t;
    ck_assert_int_eq(herd_style_policy(&t, "always-front", NULL, &s, NULL, 0), HERD_OK);
    ck_assert_uint_eq(records_hash(&t), records_hash(herd_policy_front));
    s.switching = 0;
    ck_assert_int_eq(herd_style_policy(&t, "calm", NULL, &s, NULL, 0), HERD_OK);
    ck_assert_uint_eq(records_hash(&t), records_hash(herd_policy_behind));
}
END_TEST

/* A staged style whose every stage is one stance runs as the fixed style of that stance. */
START_TEST(a_staged_style_with_one_stance_runs_as_that_stance)
{
    herd_style s = *herd_policy_style(herd_policy_situational);
    s.switching = 0;
    for (int k = 0; k < HERD_STAGE_COUNT; k++)
        s.stage[k] = herd_policy_style(herd_policy_servant)->calm;
    herd_policy_type t;
    ck_assert_int_eq(herd_style_policy(&t, "staged", NULL, &s, NULL, 0), HERD_OK);
    ck_assert_uint_eq(records_hash(&t), records_hash(herd_policy_servant));
    s.skill_coaching = 0.8;
    s.skill_supporting = 0.7;
    char msg[256];
    ck_assert_int_eq(herd_style_validate(&s, msg, sizeof msg), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(msg, "skill_coaching = 0.8 is above skill_supporting = 0.7"));
}
END_TEST

/* State is allocated by the engine, zeroed, one block per team, and init and free are
 * called once per team. */
typedef struct counting_state {
    long team;
    long decisions;
} counting_state;

typedef struct lifecycle_counts {
    int inits, frees;
} lifecycle_counts;

static lifecycle_counts *counts_for_test;

static int counting_init(void *state, const void *data, const herd_params *params, long team)
{
    (void)params;
    ck_assert_ptr_eq(data, &counts_for_test);
    counting_state *c = state;
    ck_assert_int_eq(c->decisions, 0);
    c->team = team;
    counts_for_test->inits++;
    return 0;
}

static int counting_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    counting_state *c = state;
    ck_assert_int_eq(c->team, view->team);
    ck_assert_int_eq(c->decisions, view->tick);
    c->decisions++;
    return user_decide(NULL, view, s);
}

static void counting_free(void *state)
{
    (void)state;
    counts_for_test->frees++;
}

START_TEST(policy_state_is_per_team_and_init_and_free_run_once_each)
{
    static const herd_policy_type counting = {
        .version = HERD_POLICY_VERSION,
        .name = "counting",
        .state_size = sizeof(counting_state),
        .init = counting_init,
        .decide = counting_decide,
        .free = counting_free,
        .data = &counts_for_test,
    };
    lifecycle_counts counts = {0, 0};
    counts_for_test = &counts;
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 5;
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 1), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, &counting), HERD_OK);
    ck_assert_int_eq(herd_sim_set_threads(sim, 1), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 12), HERD_OK);
    herd_sim_free(sim);
    ck_assert_int_eq(counts.inits, 5);
    ck_assert_int_eq(counts.frees, 5);
}
END_TEST

static int failing_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    (void)state;
    *s = (herd_stance){0};
    return view->tick == 3 ? -1 : 0;
}

static int nan_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    (void)state;
    *s = (herd_stance){0};
    s->direction = view->tick == 2 ? NAN : 0.1;
    return 0;
}

START_TEST(a_failing_or_insane_policy_stops_the_run_with_a_status)
{
    static const herd_policy_type failing = {.version = HERD_POLICY_VERSION, .name = "failing",
                                             .decide = failing_decide};
    static const herd_policy_type insane = {.version = HERD_POLICY_VERSION, .name = "insane",
                                            .decide = nan_decide};
    const herd_policy_type *types[] = {&failing, &insane};
    for (int k = 0; k < 2; k++) {
        herd_params p;
        herd_params_default(&p);
        p.n_teams = 2;
        herd_sim *sim = NULL;
        ck_assert_int_eq(herd_sim_new(&sim, &p, 1), HERD_OK);
        ck_assert_int_eq(herd_sim_set_policy(sim, types[k]), HERD_OK);
        ck_assert_int_eq(herd_sim_run(sim, 10), HERD_EPOLICY);
        ck_assert_str_ne(herd_sim_errmsg(sim), "");
        ck_assert_int_eq(herd_sim_step(sim), HERD_ESTATE);
        herd_sim_free(sim);
    }
}
END_TEST

/* State sizes whose total over the teams cannot be allocated are refused with HERD_ETOOBIG. */
START_TEST(a_huge_state_size_is_too_big)
{
    const size_t sizes[] = {SIZE_MAX, SIZE_MAX - 7, (size_t)PTRDIFF_MAX, (size_t)PTRDIFF_MAX / 2 + 1};
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 3;
    p.team_size = 4;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        herd_policy_type huge = {
            .version = HERD_POLICY_VERSION,
            .name = "huge",
            .state_size = sizes[i],
            .decide = user_decide,
        };
        herd_sim *sim = NULL;
        ck_assert_int_eq(herd_sim_new(&sim, &p, 1), HERD_OK);
        ck_assert_int_eq(herd_sim_set_policy(sim, &huge), HERD_OK);
        ck_assert_int_eq(herd_sim_step(sim), HERD_ETOOBIG);
        ck_assert_ptr_nonnull(strstr(herd_sim_errmsg(sim), "state"));
        ck_assert_int_eq(herd_sim_tick(sim), 0);
        herd_sim_free(sim);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("policy");
    TCase *tc = tcase_create("contract");
    tcase_add_loop_test(tc, builtin_honours_the_contract, 0, (int)builtin_count());
    tcase_add_loop_test(tc, every_builtin_runs_in_a_simulation, 0, (int)builtin_count());
    tcase_add_test(tc, lookup_by_name);
    tcase_add_test(tc, a_huge_state_size_is_too_big);
    tcase_add_test(tc, hybrid_switches_on_crisis_and_back_after_recovery);
    tcase_add_test(tc, hybrid_does_not_flap);
    tcase_add_test(tc, a_user_policy_runs_exactly_as_a_builtin_with_the_same_stance);
    tcase_add_test(tc, a_user_policy_deciding_from_shared_data_runs_as_the_builtin);
    tcase_add_test(tc, policy_state_is_per_team_and_init_and_free_run_once_each);
    tcase_add_test(tc, a_failing_or_insane_policy_stops_the_run_with_a_status);
    tcase_add_loop_test(tc, builtins_give_their_known_records, 0,
                        (int)(sizeof known_records / sizeof known_records[0]));
    tcase_add_test(tc, a_catalogue_holds_the_builtins_and_what_a_program_adds);
    tcase_add_test(tc, catalogues_are_independent);
    tcase_add_test(tc, the_builtins_are_styles);
    tcase_add_loop_test(tc, a_style_made_by_a_program_runs_as_the_builtin_it_copies, 0,
                        (int)builtin_count());
    tcase_add_test(tc, style_keys_by_name);
    tcase_add_test(tc, a_bad_style_is_refused_naming_its_key);
    tcase_add_test(tc, a_declared_switch_reaches_the_front_stance);
    tcase_add_test(tc, stages_follow_readiness_with_hysteresis);
    tcase_add_test(tc, situational_leader_moves_through_the_stages);
    tcase_add_test(tc, a_staged_style_with_one_stance_runs_as_that_stance);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
