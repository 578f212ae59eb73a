#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "herd/herd.h"

static herd_scenario *parse_ok(const char *text)
{
    herd_scenario *s = NULL;
    char err[512] = "";
    int rc = herd_scenario_parse(&s, text, strlen(text), "t.ini", err, sizeof err);
    ck_assert_msg(rc == HERD_OK, "parse failed: %s", err);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Parsing must fail with status and a message containing want. */
static void parse_bad(const char *text, size_t len, int status, const char *want)
{
    herd_scenario *s = (herd_scenario *)&s; /* must be reset to NULL */
    char err[512] = "";
    int rc = herd_scenario_parse(&s, text, len, "t.ini", err, sizeof err);
    ck_assert_int_eq(rc, status);
    ck_assert_ptr_null(s);
    ck_assert_msg(strstr(err, want) != NULL, "message \"%s\" lacks \"%s\"", err, want);
}

START_TEST(new_has_the_defaults)
{
    herd_scenario *s;
    ck_assert_int_eq(herd_scenario_new(&s), HERD_OK);
    herd_params p;
    herd_params_default(&p);
    ck_assert_mem_eq(&s->params, &p, sizeof p);
    ck_assert_int_eq(s->ticks, 260);
    ck_assert_uint_eq(s->seed, 1);
    ck_assert_int_eq(s->reps, 1);
    ck_assert_ptr_eq(s->policy, herd_policy_behind);
    ck_assert_uint_eq(s->n_events, 0);
    ck_assert_uint_eq(s->n_team_policies, 0);
    ck_assert_int_eq(herd_scenario_validate(s, NULL, 0), HERD_OK);
    herd_scenario_free(s);
    herd_scenario_free(NULL);
}
END_TEST

START_TEST(parses_every_section)
{
    herd_scenario *s = parse_ok("\xEF\xBB\xBF; a comment\r\n"
                                "[run]\r\n"
                                "  ticks = 30 ; inline comment\n"
                                "seed: 18446744073709551615\n"
                                "reps = 4\n"
                                "policy = servant\n"
                                "[organisation]\n"
                                "n_teams = 1e2\n"
                                "[model]\n"
                                "attempt_rate = 0.125\n"
                                "[policy.a]\n"
                                "teams = 10-19\n"
                                "policy = front\n"
                                "[event.one]\n"
                                "kind = absence\n"
                                "start = 29\n"
                                "length = 3\n"
                                "teams = 5\n"
                                "[event.two]\n"
                                "kind = hiring\n"
                                "intensity = 0.25\n");
    ck_assert_int_eq(s->ticks, 30);
    ck_assert_uint_eq(s->seed, UINT64_MAX);
    ck_assert_int_eq(s->reps, 4);
    ck_assert_ptr_eq(s->policy, herd_policy_servant);
    ck_assert_int_eq(s->params.n_teams, 100);
    ck_assert_double_eq(s->params.attempt_rate, 0.125);
    ck_assert_uint_eq(s->n_team_policies, 1);
    ck_assert_int_eq(s->team_policies[0].first, 10);
    ck_assert_int_eq(s->team_policies[0].count, 10);
    ck_assert_ptr_eq(s->team_policies[0].policy, herd_policy_front);
    ck_assert_uint_eq(s->n_events, 2);
    ck_assert_int_eq(s->events[0].kind, HERD_EVENT_ABSENCE);
    ck_assert_int_eq(s->events[0].start, 29);
    ck_assert_int_eq(s->events[0].length, 3);
    ck_assert_int_eq(s->events[0].team_first, 5);
    ck_assert_int_eq(s->events[0].team_count, 1);
    ck_assert_int_eq(s->events[1].kind, HERD_EVENT_HIRING);
    ck_assert_int_eq(s->events[1].start, 0);
    ck_assert_int_eq(s->events[1].length, 1);
    ck_assert_double_eq(s->events[1].intensity, 0.25);
    ck_assert_int_eq(s->events[1].team_count, 0);
    herd_scenario_free(s);
}
END_TEST

/* A value inside the range and different from the default, where one exists. */
static double other_value(const herd_param_info *info)
{
    double v = (info->min + info->max) / 2;
    if (info->kind == HERD_PARAM_INT)
        v = floor(v);
    if (v == info->def)
        v = info->min;
    return v;
}

START_TEST(every_parameter_is_a_key)
{
    const herd_param_info *info = herd_params_info((size_t)_i);
    ck_assert_ptr_nonnull(info);
    double v = other_value(info);
    char text[256];
    snprintf(text, sizeof text, "[%s]\n%s = %.17g\n", _i % 2 ? "model" : "organisation",
             info->name, v);
    herd_scenario *s = NULL;
    char err[512] = "";
    /* Some mid-range values break a cross-field rule; parsing must then say which field. */
    int rc = herd_scenario_parse(&s, text, strlen(text), "t.ini", err, sizeof err);
    if (rc == HERD_OK) {
        ck_assert_double_eq(herd_params_get(&s->params, info), v);
    } else {
        ck_assert_int_eq(rc, HERD_ERANGE);
        ck_assert_msg(strstr(err, "t.ini:2: ") == err, "no location in \"%s\"", err);
    }
    herd_scenario_free(s);

    ck_assert_int_eq(herd_scenario_new(&s), HERD_OK);
    snprintf(text, sizeof text, "%.17g", v);
    ck_assert_int_eq(herd_scenario_set(s, info->name, text, err, sizeof err), HERD_OK);
    ck_assert_double_eq(herd_params_get(&s->params, info), v);
    herd_scenario_free(s);
}
END_TEST

START_TEST(every_documented_default_parses)
{
    herd_scenario *s;
    char err[512] = "";
    ck_assert_int_eq(herd_scenario_new(&s), HERD_OK);
    ck_assert_int_eq(herd_scenario_set(s, "event.e.kind", "crisis", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_scenario_set(s, "policy.p.policy", "front", err, sizeof err), HERD_OK);
    for (size_t i = 0; herd_scenario_key_info(i) != NULL; i++) {
        const herd_scenario_key *k = herd_scenario_key_info(i);
        if (k->def == NULL)
            continue;
        char key[128];
        if (strcmp(k->section, "event.NAME") == 0)
            snprintf(key, sizeof key, "event.e.%s", k->name);
        else if (strcmp(k->section, "policy.NAME") == 0)
            snprintf(key, sizeof key, "policy.p.%s", k->name);
        else
            snprintf(key, sizeof key, "%s.%s", k->section, k->name);
        ck_assert_msg(herd_scenario_set(s, key, k->def, err, sizeof err) == HERD_OK, "%s: %s",
                      key, err);
    }
    herd_scenario *d;
    ck_assert_int_eq(herd_scenario_new(&d), HERD_OK);
    ck_assert_int_eq(s->ticks, d->ticks);
    ck_assert_uint_eq(s->seed, d->seed);
    ck_assert_int_eq(s->reps, d->reps);
    ck_assert_ptr_eq(s->policy, d->policy);
    ck_assert_int_eq(herd_scenario_validate(s, err, sizeof err), HERD_OK);
    for (size_t i = 0; herd_scenario_section_info(i) != NULL; i++)
        ck_assert_ptr_nonnull(herd_scenario_section_info(i)->doc);
    herd_scenario_free(s);
    herd_scenario_free(d);
}
END_TEST

static const struct {
    const char *text;
    int status;
    const char *want;
} bad[] = {
    {"[runn]\n", HERD_ENOTFOUND, "t.ini:1: runn: unknown section"},
    {"[run]\ntics = 1\n", HERD_ENOTFOUND, "t.ini:2: tics: unknown key; did you mean ticks?"},
    {"[model]\nnteams = 1\n", HERD_ENOTFOUND, "did you mean n_teams?"},
    {"[run]\nticks 5\n", HERD_EPARSE, "t.ini:2: ticks 5: not a \"key = value\" line"},
    {"[run\n", HERD_EPARSE, "t.ini:1: section: the header lacks its closing ']'"},
    {"[organisation]\nn_teams = ten\n", HERD_EPARSE, "t.ini:2: n_teams: \"ten\" is not a whole"},
    {"[run]\nticks = 1.5\n", HERD_EPARSE, "t.ini:2: ticks: \"1.5\" is not a whole number"},
    {"[run]\nticks = 99999999999\n", HERD_ERANGE, "ticks: 99999999999 is outside the range"},
    {"[model]\nconfusion = NaN\n", HERD_ERANGE, "confusion: \"NaN\" is not a finite number"},
    {"[model]\nconfusion = -inf\n", HERD_ERANGE, "\"-inf\" is not a finite number"},
    {"[model]\nconfusion = 0x\n", HERD_EPARSE, "\"0x\" is not a number"},
    {"[organisation]\nteam_size = 0\n", HERD_ERANGE, "team_size: 0 is outside the range [1, "},
    {"[run]\nreps = 1\nreps = 2\n", HERD_EPARSE, "t.ini:3: reps: set twice (first on line 2)"},
    {"[run]\n[run]\n", HERD_EPARSE, "t.ini:2: run: section appears twice (first on line 1)"},
    {"[event.e]\nkind = crisis\nstart = 260\n", HERD_ERANGE, "t.ini:3: event.e.start: tick 260"},
    {"[event.e]\nkind = crisis\nteams = 50\n", HERD_ERANGE, "t.ini:3: event.e.teams: teams 50-50"},
    {"[event.e]\nlength = 2\n", HERD_EPARSE, "t.ini:1: event.e.kind: missing"},
    {"[event.e]\nkind = flood\n", HERD_ENOTFOUND, "unknown event kind \"flood\""},
    {"[event.e]\nkind = crisis\nlength = 0\n", HERD_ERANGE, "event.e.length: 0 is outside"},
    {"[event.]\n", HERD_EPARSE, "t.ini:1: event.: a section name is event.NAME"},
    {"[policy.p]\nteams = 0-3\n", HERD_EPARSE, "policy.p.policy: missing"},
    {"[policy.p]\npolicy = x\n", HERD_ENOTFOUND, "unknown policy \"x\"; the policies are front"},
    {"[policy.p]\npolicy = front\n[policy.q]\npolicy = servant\nteams = 3\n", HERD_ERANGE,
     "t.ini:5: policy.q.teams: overlaps policy.p.teams (line 1)"},
    {"x = 1\n", HERD_EPARSE, "t.ini:1: x: a key outside any section"},
    {"[run]\n= 1\n", HERD_EPARSE, "t.ini:2: key: a value without a key name"},
    {"[run]\nseed = 0x10\n", HERD_EPARSE, "seed: \"0x10\" is not a seed"},
    {"[run]\nseed = 99999999999999999999\n", HERD_ERANGE, "is larger than 2^64-1"},
    {"[organisation]\nbond_mean = 0.02\nbond_sd = 0.3\n", HERD_ERANGE, "t.ini:3: bond_sd: 0.3"},
    {"", HERD_EPARSE, "t.ini: the file is empty"},
    {"  \n; only\n# comments\n", HERD_EPARSE, "t.ini: holds no sections or keys"},
    {"[run]\nticks = 10\n[run] x\n", HERD_EPARSE, "t.ini:3: section: text after"},
    {"[style.s]\ndirecton = 0.2\n", HERD_ENOTFOUND,
     "t.ini:2: style.s.directon: unknown key; did you mean direction?"},
    {"[style.s]\nfront.suport = 0.2\n", HERD_ENOTFOUND, "did you mean front.support?"},
    {"[style.s]\nbsae = front\n", HERD_ENOTFOUND, "did you mean base?"},
    {"[style.s]\nsupport = 1.2\n", HERD_ERANGE, "t.ini:2: style.s.support: 1.2 is outside"},
    {"[style.s]\nswitching = 1\ncalm_ticks = 0.5\n", HERD_EPARSE,
     "t.ini:3: style.s.calm_ticks: \"0.5\" is not a whole number"},
    {"[style.s]\nsupport = 0.1\ncalm.support = 0.2\n", HERD_EPARSE,
     "t.ini:3: style.s.calm.support: set twice (first on line 2)"},
    {"[style.hybrid]\n", HERD_EINVAL, "t.ini:1: style.hybrid: hybrid is already the name of a"},
    {"[style.s]\nbase = nobody\n", HERD_ENOTFOUND, "t.ini:2: style.s.base: unknown style"},
    {"[style.a]\nbase = b\n[style.b]\nbase = c\n[style.c]\nbase = a\n", HERD_EINVAL,
     "the bases form a cycle"},
    {"[style.s]\nbase = s\n", HERD_EINVAL, "t.ini:2: style.s.base: s leads back to itself"},
    {"[style.s]\nbase = front\ncrisis_enter = 0.5\n", HERD_EINVAL,
     "t.ini:3: style.s.crisis_enter: a fixed style has no front stance"},
    {"[style.s]\nbase = hybrid\ncoaching.support = 0.5\n", HERD_EINVAL,
     "t.ini:3: style.s.coaching.support: an unstaged style has no stages"},
    {"[style.s]\nbase = situational\nsupport = 0.5\n", HERD_EINVAL,
     "t.ini:3: style.s.support: a staged style takes its stage's stance"},
    {"[style.s]\nbase = situational\nskill_supporting = 0.3\n", HERD_ERANGE,
     "t.ini:3: style.s.skill_coaching: 0.4 is above skill_supporting = 0.3"},
    {"[style.s]\nbase = hybrid\ngap_enter = 0.05\n", HERD_ERANGE,
     "t.ini:3: style.s.gap_leave: 0.1 is above gap_enter = 0.05"},
    {"[run]\npolicy = later\n[style.other]\n", HERD_ENOTFOUND,
     "t.ini:2: policy: unknown policy \"later\"; the policies are front, behind, servant, "
     "hybrid, situational, other"},
    {"[style.s.t]\n", HERD_EPARSE, "t.ini:1: style.s.t: a section name is style.NAME"},
};

START_TEST(bad_text_is_refused_with_its_location)
{
    parse_bad(bad[_i].text, strlen(bad[_i].text), bad[_i].status, bad[_i].want);
}
END_TEST

START_TEST(binary_and_long_lines)
{
    static const char nul[] = "[run]\nticks = 5\n\n\0junk";
    parse_bad(nul, sizeof nul - 1, HERD_EFORMAT, "t.ini:4: binary data");
    char text[1024];
    snprintf(text, sizeof text, "[run]\nticks = %0400d\n", 5);
    parse_bad(text, strlen(text), HERD_EPARSE, "t.ini:2: line: too long");
    /* An indented line is never the continuation of the previous value. */
    herd_scenario *s = parse_ok("[ run ]\nticks = 5\n    seed = 9\n");
    ck_assert_uint_eq(s->seed, 9);
    herd_scenario_free(s);
}
END_TEST

START_TEST(set_overrides_and_checks_values)
{
    herd_scenario *s = parse_ok("[run]\nticks = 20\n[event.e]\nkind = crisis\nstart = 10\n");
    char err[512] = "";
    ck_assert_int_eq(herd_scenario_set(s, "ticks", "30", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_scenario_set(s, "run.ticks", "40", err, sizeof err), HERD_OK);
    ck_assert_int_eq(s->ticks, 40);
    ck_assert_int_eq(herd_scenario_set(s, "event.e.start", "12", err, sizeof err), HERD_OK);
    ck_assert_int_eq(s->events[0].start, 12);
    ck_assert_int_eq(herd_scenario_set(s, "event.f.kind", "training", err, sizeof err), HERD_OK);
    ck_assert_uint_eq(s->n_events, 2);
    ck_assert_int_eq(herd_scenario_set(s, "organisation.n_teams", "7", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_scenario_set(s, "model.n_teams", "8", err, sizeof err), HERD_OK);
    ck_assert_int_eq(s->params.n_teams, 8);

    ck_assert_int_eq(herd_scenario_set(s, "n_teams", "x", err, sizeof err), HERD_EPARSE);
    ck_assert_str_eq(err, "n_teams: \"x\" is not a whole number");
    ck_assert_int_eq(herd_scenario_set(s, "nowhere.ticks", "1", err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_int_eq(herd_scenario_set(s, "run.nothing", "1", err, sizeof err), HERD_ENOTFOUND);
    ck_assert_int_eq(herd_scenario_set(s, "event.a.b.kind", "crisis", err, sizeof err),
                     HERD_EPARSE);
    ck_assert_int_eq(herd_scenario_set(s, "event..kind", "crisis", err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_int_eq(herd_scenario_set(s, "skill_mean", "2", err, sizeof err), HERD_ERANGE);
    ck_assert_int_eq(s->params.n_teams, 8);
    ck_assert_int_eq(herd_scenario_set(NULL, "ticks", "1", err, sizeof err), HERD_EINVAL);

    /* The event now starts after the run: validate points at the line that set it. */
    ck_assert_int_eq(herd_scenario_set(s, "ticks", "12", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_scenario_validate(s, err, sizeof err), HERD_ERANGE);
    /* start came last from set, so the message points at the event's header. */
    ck_assert_str_eq(err, "t.ini:3: event.e.start: tick 12 is outside the run, which has ticks "
                          "0-11 (ticks = 12)");
    herd_scenario_free(s);
}
END_TEST

START_TEST(validate_sees_changes_made_in_place)
{
    herd_scenario *s = parse_ok("[organisation]\nn_teams = 10\n[event.e]\nkind = crisis\n"
                                "teams = 5-9\n");
    char err[512] = "";
    ck_assert_int_eq(herd_scenario_validate(s, err, sizeof err), HERD_OK);
    s->params.n_teams = 6;
    ck_assert_int_eq(herd_scenario_validate(s, err, sizeof err), HERD_ERANGE);
    ck_assert_str_eq(err, "t.ini:5: event.e.teams: teams 5-9 are outside the organisation's "
                          "teams 0-5 (n_teams = 6)");
    s->params.n_teams = 10;
    s->events[0].intensity = NAN;
    ck_assert_int_eq(herd_scenario_validate(s, err, sizeof err), HERD_ERANGE);
    s->events[0].intensity = 1;
    s->params.skill_mean = INFINITY;
    ck_assert_int_eq(herd_scenario_validate(s, err, sizeof err), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(err, "skill_mean"));
    ck_assert_int_eq(herd_scenario_validate(NULL, err, sizeof err), HERD_EINVAL);
    herd_scenario_free(s);
}
END_TEST

START_TEST(apply_sets_policies_and_events)
{
    herd_scenario *s = parse_ok("[run]\nticks = 6\npolicy = servant\n"
                                "[organisation]\nn_teams = 6\nteam_size = 4\n"
                                "[policy.f]\nteams = 0-1\npolicy = front\n"
                                "[policy.h]\nteams = 4-5\npolicy = hybrid\n"
                                "[event.away]\nkind = absence\nstart = 2\nlength = 2\n");
    ck_assert_str_eq(herd_scenario_policy_label(s, NULL), "mixed");
    ck_assert_str_eq(herd_scenario_policy_label(s, herd_policy_behind), "behind");
    herd_sim *sim;
    ck_assert_int_eq(herd_scenario_sim_new(&sim, s, 3, NULL, NULL), HERD_OK);
    ck_assert_ptr_eq(herd_sim_team_policy(sim, 0), herd_policy_front);
    ck_assert_ptr_eq(herd_sim_team_policy(sim, 1), herd_policy_front);
    ck_assert_ptr_eq(herd_sim_team_policy(sim, 2), herd_policy_servant);
    ck_assert_ptr_eq(herd_sim_team_policy(sim, 3), herd_policy_servant);
    ck_assert_ptr_eq(herd_sim_team_policy(sim, 5), herd_policy_hybrid);
    for (long t = 0; t < 6; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        double present = herd_sim_record(sim)->leaders_present;
        if (t == 2 || t == 3)
            ck_assert_double_eq(present, 0);
        else
            ck_assert_double_eq(present, 1);
    }
    herd_sim_free(sim);

    ck_assert_int_eq(herd_scenario_sim_new(&sim, s, 3, NULL, herd_policy_behind), HERD_OK);
    for (long t = 0; t < 6; t++)
        ck_assert_ptr_eq(herd_sim_team_policy(sim, t), herd_policy_behind);
    herd_sim_free(sim);
    herd_scenario_free(s);
}
END_TEST

START_TEST(policy_label_names_the_one_policy)
{
    herd_scenario *s = parse_ok("[organisation]\nn_teams = 4\n[policy.all]\npolicy = front\n");
    ck_assert_str_eq(herd_scenario_policy_label(s, NULL), "front");
    herd_scenario_free(s);
    s = parse_ok("[organisation]\nn_teams = 4\n[policy.a]\nteams = 0-1\npolicy = front\n"
                 "[policy.b]\nteams = 2-3\npolicy = front\n");
    ck_assert_str_eq(herd_scenario_policy_label(s, NULL), "front");
    herd_scenario_free(s);
    s = parse_ok("[organisation]\nn_teams = 4\n[policy.a]\nteams = 0-1\npolicy = behind\n");
    ck_assert_str_eq(herd_scenario_policy_label(s, NULL), "behind");
    herd_scenario_free(s);
}
END_TEST

START_TEST(memory_is_checked_before_allocating)
{
    herd_scenario *s = parse_ok("[organisation]\nteam_size = 20\nn_teams = 5000000\n");
    char err[512] = "";
    double need = herd_scenario_memory(s);
    ck_assert_double_gt(need, 5e6 * 20 * 34);
    ck_assert_int_eq(herd_scenario_check_memory(s, need * 2, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_scenario_check_memory(s, need / 2, err, sizeof err), HERD_ETOOBIG);
    ck_assert_ptr_nonnull(strstr(err, "t.ini:3: n_teams: 5000000 teams of 20 agents need"));
    herd_scenario_free(s);
}
END_TEST

/* Teams tied inside as cliques keep no ties to their team mates (19 or 99 here, 4 bytes
 * each), only their ties across teams: less than the ties to team mates alone would take, and
 * no more in teams of 100 than in teams of 20 of as many agents, short of what each team
 * costs. Teams tied at random keep every tie. */
START_TEST(memory_counts_the_ties_to_team_mates_only_where_they_are_kept)
{
    herd_scenario *twenties = parse_ok("[organisation]\nteam_size = 20\nn_teams = 500000\n");
    herd_scenario *hundreds = parse_ok("[organisation]\nteam_size = 100\nn_teams = 100000\n");
    herd_scenario *drawn = parse_ok("[organisation]\nteam_size = 20\nn_teams = 500000\n"
                                    "ties_within = 0.9\n");
    double agents = 1e7, bytes = herd_scenario_memory(twenties);
    ck_assert_double_lt(bytes, agents * 19 * 4);
    ck_assert_double_le(herd_scenario_memory(hundreds), bytes);
    ck_assert_double_gt(herd_scenario_memory(hundreds), bytes - 4e5 * 1024);
    ck_assert_double_gt(herd_scenario_memory(drawn), agents * 19 * 0.9 * 4);
    herd_scenario_free(twenties);
    herd_scenario_free(hundreds);
    herd_scenario_free(drawn);
}
END_TEST

START_TEST(load_reads_files_and_reports_io_errors)
{
    char path[] = "/tmp/herd_test_scenario_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    static const char text[] = "[run]\nticks = 9\n";
    ck_assert_int_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    herd_scenario *s;
    char err[512] = "";
    ck_assert_int_eq(herd_scenario_load(&s, path, err, sizeof err), HERD_OK);
    ck_assert_int_eq(s->ticks, 9);
    herd_scenario_free(s);
    unlink(path);
    ck_assert_int_eq(herd_scenario_load(&s, path, err, sizeof err), HERD_EIO);
    ck_assert_ptr_null(s);
    ck_assert_ptr_nonnull(strstr(err, ": cannot open: "));
    ck_assert_int_eq(herd_scenario_load(&s, "/", err, sizeof err), HERD_EIO);
    ck_assert_int_eq(herd_scenario_load(NULL, path, err, sizeof err), HERD_EINVAL);
    /* A tiny message buffer truncates rather than overflows. */
    ck_assert_int_eq(herd_scenario_parse(&s, "[x]\n", 4, "t.ini", err, 4), HERD_ENOTFOUND);
    ck_assert_str_eq(err, "t.i");
}
END_TEST

START_TEST(csv_rows_round_trip)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    herd_record r;
    memset(&r, 0, sizeof r);
    r.tick = 4;
    r.morale = 0.1 + 0.2;
    r.innovation_cum = 1e300;
    ck_assert_int_eq(herd_io_csv_header(f), HERD_OK);
    ck_assert_int_eq(herd_io_csv_row(f, "a,\"b\"", 2, UINT64_MAX, &r), HERD_OK);
    fclose(f);
    const char *row = strchr(buf, '\n') + 1;
    ck_assert_int_eq(strncmp(buf, HERD_IO_CSV_HEADER "\n", strlen(HERD_IO_CSV_HEADER) + 1), 0);
    const char *start = "\"a,\"\"b\"\"\",2,4294967295,4294967295,4,";
    ck_assert_int_eq(strncmp(row, start, strlen(start)), 0);
    /* morale is the 6th field after the tick; it reads back to the same double. */
    const char *p = row + strlen(start);
    for (int col = 0; col < 5; col++)
        p = strchr(p, ',') + 1;
    ck_assert_double_eq(strtod(p, NULL), 0.1 + 0.2);
    free(buf);
}
END_TEST

START_TEST(atomic_file_appears_only_on_commit)
{
    char dir[] = "/tmp/herd_test_io_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    herd_io_atomic *w;
    char err[256];
    ck_assert_int_eq(herd_io_atomic_open(&w, path, err, sizeof err), HERD_OK);
    fputs("partial\n", herd_io_atomic_file(w));
    ck_assert_int_ne(access(path, F_OK), 0);
    herd_io_atomic_abort(w);
    ck_assert_int_ne(access(path, F_OK), 0);
    ck_assert_int_eq(herd_io_atomic_open(&w, path, err, sizeof err), HERD_OK);
    fputs("whole\n", herd_io_atomic_file(w));
    ck_assert_int_eq(herd_io_atomic_commit(w, err, sizeof err), HERD_OK);
    ck_assert_int_eq(access(path, F_OK), 0);
    unlink(path);
    ck_assert_int_eq(rmdir(dir), 0); /* nothing else was left there */
    snprintf(path, sizeof path, "%s/missing/out.csv", dir);
    ck_assert_int_eq(herd_io_atomic_open(&w, path, err, sizeof err), HERD_EIO);
    ck_assert_ptr_null(w);
    herd_io_atomic_abort(NULL);
}
END_TEST

/* A team range changed in place to the limits of a long is reported as given. */
START_TEST(extreme_team_ranges_are_reported_as_given)
{
    herd_scenario *s = parse_ok("[organisation]\nn_teams = 4\n"
                                "[event.e]\nkind = crisis\nstart = 1\nteams = 1-2\n");
    ck_assert_uint_eq(s->n_events, 1);
    const long ranges[][2] = {{2, LONG_MAX}, {LONG_MAX, LONG_MAX}, {5, 0}, {3, 4}};
    char want[4][128];
    snprintf(want[0], sizeof want[0], "teams 2 (+%ld) are outside", LONG_MAX);
    snprintf(want[1], sizeof want[1], "teams %ld (+%ld) are outside", LONG_MAX, LONG_MAX);
    snprintf(want[2], sizeof want[2], "teams 5-5 are outside");
    snprintf(want[3], sizeof want[3], "teams 3-6 are outside");
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        s->events[0].team_first = ranges[i][0];
        s->events[0].team_count = ranges[i][1];
        char err[512] = "";
        ck_assert_int_eq(herd_scenario_validate(s, err, sizeof err), HERD_ERANGE);
        ck_assert_msg(strstr(err, want[i]) != NULL, "'%s' should contain '%s'", err, want[i]);
    }
    herd_scenario_free(s);
}
END_TEST

static const char *examples_dir; /* argv[1]: examples/scenarios */

START_TEST(declared_styles_resolve_in_any_order)
{
    herd_scenario *s = parse_ok("[run]\npolicy = steady\n"
                                "[policy.p]\nteams = 0-4\npolicy = alarm\n"
                                "[style.alarm]\nbase = watchful\nfront.direction = 0.5\n"
                                "[style.watchful]\nbase = hybrid\ncrisis_enter = 0.2\n"
                                "calm.support = 0.2\n"
                                "[style.steady]\nbase = behind\ndirection = 0.1\n");
    ck_assert_uint_eq(herd_scenario_style_count(s), 3);
    ck_assert_str_eq(herd_scenario_style(s, 0)->name, "steady");
    ck_assert_ptr_null(herd_scenario_style(s, 3));
    const herd_policy_type *alarm = herd_scenario_find_policy(s, "alarm");
    const herd_policy_type *steady = herd_scenario_find_policy(s, "steady");
    ck_assert_ptr_eq(s->policy, steady);
    ck_assert_ptr_eq(s->team_policies[0].policy, alarm);
    ck_assert_ptr_eq(herd_scenario_find_policy(s, "front"), herd_policy_front);
    ck_assert_ptr_null(herd_scenario_find_policy(s, "nobody"));
    const herd_style *a = herd_policy_style(alarm);
    const herd_style *h = herd_policy_style(herd_policy_hybrid);
    ck_assert_int_eq(a->switching, 1);
    ck_assert_double_eq(a->front.direction, 0.5);
    ck_assert_double_eq(a->front.plan, h->front.plan);
    ck_assert_double_eq(a->crisis_enter, 0.2);
    ck_assert_double_eq(a->calm.support, 0.2);
    ck_assert_double_eq(a->calm.delegation, h->calm.delegation);
    const herd_style *st = herd_policy_style(steady);
    ck_assert_int_eq(st->switching, 0);
    ck_assert_double_eq(st->calm.direction, 0.1);
    ck_assert_double_eq(st->calm.delegation, 0.25);
    ck_assert_str_eq(herd_scenario_policy_label(s, NULL), "mixed");
    herd_scenario_free(s);
}
END_TEST

static void records_of(const herd_scenario *s, const herd_policy_type *override, herd_record *out,
                       long ticks)
{
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_scenario_sim_new(&sim, s, 9, NULL, override), HERD_OK);
    for (long t = 0; t < ticks; t++) {
        ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
        out[t] = *herd_sim_record(sim);
    }
    herd_sim_free(sim);
}

/* A declared style that gives its base's every value runs as the base, record for record;
 * changing one share changes the run. */
START_TEST(a_declared_style_runs_as_the_builtin_it_equals)
{
    enum { TICKS = 40 };
    static herd_record mine[TICKS], builtin[TICKS];
    herd_scenario *s = parse_ok("[organisation]\nn_teams = 6\ncrisis_rate = 0.05\n"
                                "[style.h2]\nbase = hybrid\n"
                                "[style.h3]\nswitching = 1\ndirection = 0.05\n"
                                "support = 0.15\nrecognition = 0.15\ndelegation = 0.25\n"
                                "collaboration = 0.2\ntraining = 0.1\nplan = 0.1\n"
                                "front.direction = 0.4\nfront.own_work = 0.15\n"
                                "front.support = 0.15\nfront.recognition = 0.1\n"
                                "front.collaboration = 0.05\nfront.plan = 0.15\n");
    records_of(s, herd_policy_hybrid, builtin, TICKS);
    records_of(s, herd_scenario_find_policy(s, "h2"), mine, TICKS);
    ck_assert_mem_eq(mine, builtin, sizeof mine);
    records_of(s, herd_scenario_find_policy(s, "h3"), mine, TICKS);
    ck_assert_mem_eq(mine, builtin, sizeof mine);
    char err[256];
    ck_assert_int_eq(herd_scenario_set(s, "style.h2.front.direction", "0.2", err, sizeof err),
                     HERD_OK);
    records_of(s, herd_scenario_find_policy(s, "h2"), mine, TICKS);
    ck_assert(memcmp(mine, builtin, sizeof mine) != 0);
    herd_scenario_free(s);
}
END_TEST

static int adaptive_decide(void *state, const herd_team_view *view, herd_stance *stance)
{
    (void)state;
    *stance = (herd_stance){.direction = view->skill < 0.5 ? 0.4 : 0.05, .delegation = 0.2};
    return 0;
}

static const herd_policy_type adaptive = {
    .version = HERD_POLICY_VERSION,
    .name = "adaptive",
    .decide = adaptive_decide,
};

START_TEST(a_catalogue_lets_a_file_name_a_program_s_policy)
{
    const char *text = "[run]\npolicy = adaptive\n[policy.p]\nteams = 0\npolicy = tuned\n"
                       "[style.tuned]\nbase = behind\nplan = 0.2\n";
    herd_scenario *s = NULL;
    char err[512] = "";
    ck_assert_int_eq(herd_scenario_parse(&s, text, strlen(text), "t.ini", err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_str_eq(err, "t.ini:2: policy: unknown policy \"adaptive\"; the policies are "
                          "front, behind, servant, hybrid, situational, tuned");
    herd_catalog *c = NULL;
    ck_assert_int_eq(herd_catalog_new(&c), HERD_OK);
    ck_assert_int_eq(herd_catalog_add(c, &adaptive, err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_scenario_parse_with(&s, text, strlen(text), "t.ini", c, err, sizeof err),
                     HERD_OK);
    ck_assert_ptr_eq(s->policy, &adaptive);
    ck_assert_ptr_eq(herd_scenario_find_policy(s, "adaptive"), &adaptive);
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_scenario_sim_new(&sim, s, 1, NULL, NULL), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 5), HERD_OK);
    herd_sim_free(sim);
    herd_scenario_free(s);
    const char *clash = "[style.adaptive]\n";
    ck_assert_int_eq(herd_scenario_parse_with(&s, clash, strlen(clash), "t.ini", c, err,
                                              sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "t.ini:1: style.adaptive: adaptive is already the name of a "
                          "policy; a declared style needs a name of its own");
    const char *based = "[style.s]\nbase = adaptive\n";
    ck_assert_int_eq(herd_scenario_parse_with(&s, based, strlen(based), "t.ini", c, err,
                                              sizeof err),
                     HERD_EINVAL);
    ck_assert_str_eq(err, "t.ini:2: style.s.base: adaptive is a policy but not a style: a "
                          "base must be a style");
    herd_catalog_free(c);
}
END_TEST

/* parse, write, parse, write: the same text, and equal scenarios. */
static void assert_round_trip(const char *text, const char *name)
{
    herd_scenario *a = NULL, *b = NULL;
    char err[512] = "";
    ck_assert_msg(herd_scenario_parse(&a, text, strlen(text), name, err, sizeof err) == HERD_OK,
                  "%s", err);
    char *t1 = NULL, *t2 = NULL;
    size_t n1 = 0, n2 = 0;
    ck_assert_int_eq(herd_scenario_write_string(a, &t1, &n1), HERD_OK);
    ck_assert_msg(herd_scenario_parse(&b, t1, n1, name, err, sizeof err) == HERD_OK, "%s: %s\n%s",
                  name, err, t1);
    ck_assert_int_eq(herd_scenario_write_string(b, &t2, &n2), HERD_OK);
    ck_assert_str_eq(t1, t2);
    ck_assert_uint_eq(n1, strlen(t1));
    ck_assert_mem_eq(&a->params, &b->params, sizeof a->params);
    ck_assert_int_eq(a->ticks, b->ticks);
    ck_assert_uint_eq(a->seed, b->seed);
    ck_assert_int_eq(a->reps, b->reps);
    ck_assert_str_eq(a->policy->name, b->policy->name);
    ck_assert_uint_eq(a->n_events, b->n_events);
    for (size_t i = 0; i < a->n_events; i++) {
        const herd_event *x = &a->events[i], *y = &b->events[i];
        ck_assert(x->kind == y->kind && x->start == y->start && x->length == y->length &&
                  x->intensity == y->intensity && x->team_first == y->team_first &&
                  x->team_count == y->team_count);
    }
    ck_assert_uint_eq(a->n_team_policies, b->n_team_policies);
    for (size_t i = 0; i < a->n_team_policies; i++) {
        ck_assert_int_eq(a->team_policies[i].first, b->team_policies[i].first);
        ck_assert_int_eq(a->team_policies[i].count, b->team_policies[i].count);
        ck_assert_str_eq(a->team_policies[i].policy->name, b->team_policies[i].policy->name);
    }
    ck_assert_uint_eq(herd_scenario_style_count(a), herd_scenario_style_count(b));
    for (size_t i = 0; i < herd_scenario_style_count(a); i++)
        ck_assert_mem_eq(herd_policy_style(herd_scenario_style(a, i)),
                         herd_policy_style(herd_scenario_style(b, i)), sizeof(herd_style));
    free(t1);
    free(t2);
    herd_scenario_free(a);
    herd_scenario_free(b);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

START_TEST(every_bundled_scenario_writes_back_as_itself)
{
    static const char *files[] = {"crisis.ini",  "crisis_switching.ini", "default.ini",
                                  "large.ini",   "mixed.ini",            "novelty.ini",
                                  "novice.ini",  "steady.ini",           "styles.ini",
                                  "succession.ini"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", examples_dir, files[i]);
        assert_round_trip(read_text(path), files[i]);
    }
    assert_round_trip("[run]\nticks = 30\nseed = 18446744073709551615\npolicy = b\n"
                      "[model]\nskill_mean = 0.1\nconfusion = 0.30000000000000004\n"
                      "[organisation]\nn_teams = 9\n"
                      "[style.a]\nbase = hybrid\nsupport = 0.2\nfront.plan = 0.3\n"
                      "warmup_ticks = 3\n[style.b]\nbase = a\nswitching = 0\n"
                      "[style.c]\nrecognition = 0.7\nfront_mode = 1\n"
                      "[policy.x]\nteams = 2-3\npolicy = c\n[policy.y]\nteams = 5\n"
                      "policy = a\n[event.e]\nkind = novelty\nstart = 4\nlength = 9\n"
                      "intensity = 0.1\nteams = 1-8\n",
                      "styles");
}
END_TEST

START_TEST(a_copy_is_deep_and_its_policies_are_its_own)
{
    herd_scenario *s = parse_ok("[run]\npolicy = mine\n[style.mine]\nbase = front\n"
                                "[policy.p]\nteams = 0-2\npolicy = mine\n"
                                "[event.e]\nkind = crisis\nstart = 3\n");
    herd_scenario *c = NULL;
    char err[256];
    ck_assert_int_eq(herd_scenario_copy(&c, s), HERD_OK);
    const herd_policy_type *mine = herd_scenario_find_policy(c, "mine");
    ck_assert_ptr_ne(mine, herd_scenario_find_policy(s, "mine"));
    ck_assert_ptr_eq(c->policy, mine);
    ck_assert_ptr_eq(c->team_policies[0].policy, mine);
    ck_assert_ptr_ne(c->events, s->events);
    ck_assert_ptr_eq(herd_policy_style(mine), herd_policy_style(mine)); /* the copy's own */
    ck_assert_ptr_ne(herd_policy_style(mine), herd_policy_style(s->policy));
    ck_assert_int_eq(herd_scenario_set(c, "style.mine.direction", "0.1", err, sizeof err), HERD_OK);
    ck_assert_int_eq(herd_scenario_set(c, "event.e.start", "5", err, sizeof err), HERD_OK);
    ck_assert_double_eq(herd_policy_style(s->policy)->calm.direction, 0.45);
    ck_assert_int_eq(s->events[0].start, 3);
    char *ts = NULL, *tc = NULL;
    herd_scenario_free(s);
    ck_assert_int_eq(herd_scenario_write_string(c, &tc, NULL), HERD_OK);
    ck_assert_ptr_nonnull(strstr(tc, "[style.mine]\nbase = front\ndirection = 0.1\n"));
    ck_assert_int_eq(herd_scenario_validate(c, err, sizeof err), HERD_OK);
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_scenario_sim_new(&sim, c, 1, NULL, NULL), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 6), HERD_OK);
    herd_sim_free(sim);
    ck_assert_int_eq(herd_scenario_copy(NULL, c), HERD_EINVAL);
    ck_assert_int_eq(herd_scenario_copy(&s, NULL), HERD_EINVAL);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(herd_scenario_write_string(NULL, &ts, NULL), HERD_EINVAL);
    free(tc);
    herd_scenario_free(c);
}
END_TEST

START_TEST(numbers_of_every_kind_of_key)
{
    herd_scenario *s = parse_ok("[run]\nticks = 50\n[style.w]\nbase = hybrid\n"
                                "crisis_enter = 0.4\n[event.e]\nkind = crisis\nstart = 3\n"
                                "intensity = 0.5\n[policy.p]\nteams = 1\npolicy = w\n");
    char err[256] = "";
    double v = 0;
    int whole = -1;
    ck_assert_int_eq(herd_scenario_get_number(s, "ticks", &v, &whole, err, sizeof err), HERD_OK);
    ck_assert_double_eq(v, 50);
    ck_assert_int_eq(whole, 1);
    ck_assert_int_eq(herd_scenario_get_number(s, "model.skill_mean", &v, &whole, err, sizeof err),
                     HERD_OK);
    ck_assert_double_eq(v, 0.5);
    ck_assert_int_eq(whole, 0);
    ck_assert_int_eq(herd_scenario_get_number(s, "event.e.intensity", &v, &whole, err, sizeof err),
                     HERD_OK);
    ck_assert_double_eq(v, 0.5);
    ck_assert_int_eq(herd_scenario_get_number(s, "style.w.front.direction", &v, &whole, err,
                                              sizeof err),
                     HERD_OK);
    ck_assert_double_eq(v, 0.4);
    ck_assert_int_eq(herd_scenario_get_number(s, "style.w.min_front_ticks", &v, &whole, err,
                                              sizeof err),
                     HERD_OK);
    ck_assert_double_eq(v, 4);
    ck_assert_int_eq(whole, 1);
    ck_assert_int_eq(herd_scenario_set_number(s, "event.e.start", 7, err, sizeof err), HERD_OK);
    ck_assert_int_eq(s->events[0].start, 7);
    ck_assert_int_eq(herd_scenario_set_number(s, "style.w.calm.support", 0.35, err, sizeof err),
                     HERD_OK);
    ck_assert_double_eq(herd_policy_style(s->team_policies[0].policy)->calm.support, 0.35);
    ck_assert_int_eq(herd_scenario_set_number(s, "n_teams", 12, err, sizeof err), HERD_OK);
    ck_assert_int_eq(s->params.n_teams, 12);
    ck_assert_int_eq(herd_scenario_set_number(s, "reps", 2.5, err, sizeof err), HERD_EPARSE);
    ck_assert_str_eq(err, "reps: \"2.5\" is not a whole number");
    ck_assert_int_eq(herd_scenario_set_number(s, "event.f.start", 1, err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_str_eq(err, "event.f.start: the scenario has no [event.f]");
    ck_assert_uint_eq(s->n_events, 1);
    ck_assert_int_eq(herd_scenario_get_number(s, "style.x.direction", &v, NULL, err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_str_eq(err, "style.x.direction: the scenario has no [style.x]");
    ck_assert_int_eq(herd_scenario_get_number(s, "style.w.directon", &v, NULL, err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_str_eq(err, "style.w.directon: unknown key");
    ck_assert_int_eq(herd_scenario_get_number(s, "nonsense", &v, NULL, err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_str_eq(err, "nonsense: unknown key");
    ck_assert_int_eq(herd_scenario_get_number(s, "event.e.kind", &v, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "event.e.kind: not a number"));
    ck_assert_int_eq(herd_scenario_get_number(s, "policy.p.teams", &v, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_int_eq(herd_scenario_get_number(s, "style.w.base", &v, NULL, err, sizeof err),
                     HERD_EINVAL);
    ck_assert_int_eq(herd_scenario_set_number(s, "run.policy", 1, err, sizeof err), HERD_EINVAL);
    ck_assert_int_eq(herd_scenario_set_number(s, "ticks", NAN, err, sizeof err), HERD_ERANGE);
    ck_assert_int_eq(herd_scenario_get_number(NULL, "ticks", &v, NULL, err, sizeof err),
                     HERD_EINVAL);
    herd_scenario_free(s);
}
END_TEST

START_TEST(the_parameter_a_key_sets)
{
    const herd_param_info *team_size = herd_params_find("team_size");
    ck_assert_ptr_eq(herd_scenario_key_param("team_size"), team_size);
    ck_assert_ptr_eq(herd_scenario_key_param("organisation.team_size"), team_size);
    ck_assert_ptr_eq(herd_scenario_key_param("model.team_size"), team_size);
    ck_assert_ptr_eq(herd_scenario_key_param("model.quit_base"), herd_params_find("quit_base"));
    const char *none[] = {"ticks", "run.ticks", "run.seed", "event.e.start", "policy.p.first",
                          "style.w.direction", "nonsense", "model.nonsense", "nowhere.team_size",
                          ""};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        ck_assert_msg(herd_scenario_key_param(none[i]) == NULL, "%s", none[i]);
}
END_TEST

/* A change that leaves a style unresolvable is refused and undone. */
START_TEST(a_style_change_that_breaks_it_is_undone)
{
    herd_scenario *s = parse_ok("[style.a]\nbase = hybrid\n[style.b]\nbase = a\n");
    char err[256] = "";
    ck_assert_int_eq(herd_scenario_set(s, "style.a.base", "b", err, sizeof err), HERD_EINVAL);
    ck_assert_str_eq(err, "style.a.base: style.b.base: a leads back to itself through b: the "
                          "bases form a cycle");
    ck_assert_int_eq(herd_scenario_set(s, "style.a.crisis_leave", "0.9", err, sizeof err),
                     HERD_ERANGE);
    ck_assert_str_eq(err, "style.a.crisis_leave: 0.9 is above crisis_enter = 0.3: a crisis that "
                          "sends the leader to the front would count as calm");
    const herd_style *b = herd_policy_style(herd_scenario_find_policy(s, "b"));
    ck_assert_double_eq(b->crisis_leave, 0.15);
    ck_assert_int_eq(herd_scenario_set(s, "style.a.crisis_enter", "0.5", err, sizeof err),
                     HERD_OK);
    ck_assert_double_eq(b->crisis_enter, 0.5);
    ck_assert_int_eq(herd_scenario_set(s, "style.new.plan", "0.5", err, sizeof err), HERD_OK);
    ck_assert_uint_eq(herd_scenario_style_count(s), 3);
    ck_assert_int_eq(herd_scenario_set(s, "style.newer.plan", "5", err, sizeof err), HERD_ERANGE);
    ck_assert_int_eq(herd_scenario_set(s, "style.newest.base", "nobody", err, sizeof err),
                     HERD_ENOTFOUND);
    ck_assert_uint_eq(herd_scenario_style_count(s), 3);
    ck_assert_int_eq(herd_scenario_set(s, "style.servant.plan", "0.5", err, sizeof err),
                     HERD_EINVAL);
    ck_assert_int_eq(herd_scenario_set(s, "style.b", "0.5", err, sizeof err), HERD_ENOTFOUND);
    herd_scenario_free(s);
}
END_TEST

int main(int argc, char **argv)
{
    examples_dir = argc > 1 ? argv[1] : "examples/scenarios";
    Suite *suite = suite_create("scenario");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, new_has_the_defaults);
    tcase_add_test(tc, parses_every_section);
    tcase_add_test(tc, extreme_team_ranges_are_reported_as_given);
    tcase_add_loop_test(tc, every_parameter_is_a_key, 0, (int)herd_params_count());
    tcase_add_test(tc, every_documented_default_parses);
    tcase_add_loop_test(tc, bad_text_is_refused_with_its_location, 0,
                        (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, binary_and_long_lines);
    suite_add_tcase(suite, tc);
    tc = tcase_create("use");
    tcase_add_test(tc, set_overrides_and_checks_values);
    tcase_add_test(tc, validate_sees_changes_made_in_place);
    tcase_add_test(tc, apply_sets_policies_and_events);
    tcase_add_test(tc, policy_label_names_the_one_policy);
    tcase_add_test(tc, memory_is_checked_before_allocating);
    tcase_add_test(tc, memory_counts_the_ties_to_team_mates_only_where_they_are_kept);
    tcase_add_test(tc, load_reads_files_and_reports_io_errors);
    suite_add_tcase(suite, tc);
    tc = tcase_create("styles");
    tcase_add_test(tc, declared_styles_resolve_in_any_order);
    tcase_add_test(tc, a_declared_style_runs_as_the_builtin_it_equals);
    tcase_add_test(tc, a_catalogue_lets_a_file_name_a_program_s_policy);
    tcase_add_test(tc, every_bundled_scenario_writes_back_as_itself);
    tcase_add_test(tc, a_copy_is_deep_and_its_policies_are_its_own);
    tcase_add_test(tc, numbers_of_every_kind_of_key);
    tcase_add_test(tc, the_parameter_a_key_sets);
    tcase_add_test(tc, a_style_change_that_breaks_it_is_undone);
    suite_add_tcase(suite, tc);
    tc = tcase_create("io");
    tcase_add_test(tc, csv_rows_round_trip);
    tcase_add_test(tc, atomic_file_appears_only_on_commit);
    suite_add_tcase(suite, tc);
    SRunner *sr = srunner_create(suite);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
