#include <check.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "herd/herd.h"
#include "ckpt_blob.h"
#include "checkpoint_format.h"
#include "failing_alloc.h"
#include "memory.h"
#include "runner.h"
#include "sim_internal.h"
#include "style.h"

#define TICKS 50
#define SAVE_AT 20

static char ckpt_path[64];

static void make_path(void)
{
    snprintf(ckpt_path, sizeof ckpt_path, "test_checkpoint_%ld.ckpt", (long)getpid());
}

static void remove_path(void)
{
    unlink(ckpt_path);
}

/* Random crises, an event, a policy with state and a mix of policies: all that carries over. */
static herd_params busy_params(void)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 9;
    p.team_size = 6;
    p.department_teams = 3;
    p.crisis_rate = 0.05;
    return p;
}

/* The busy parameters with teams tied as cliques (kind 0) or not (kind 1), and more ties
 * across teams. */
static herd_params network_params(int kind)
{
    herd_params p = busy_params();
    p.ties_within = kind == 0 ? 1 : 0.6;
    p.ties_across = 2;
    return p;
}

static herd_sim *busy_sim_of(const herd_params *p, uint64_t seed)
{
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, p, seed), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_hybrid), HERD_OK);
    ck_assert_int_eq(herd_sim_set_team_policy(sim, 3, 2, herd_policy_front), HERD_OK);
    herd_event crisis = {HERD_EVENT_CRISIS, 25, 6, 0.9, 0, 4};
    herd_event hiring = {HERD_EVENT_HIRING, 30, 1, 0.3, 2, 0};
    ck_assert_int_eq(herd_sim_add_event(sim, &crisis), HERD_OK);
    ck_assert_int_eq(herd_sim_add_event(sim, &hiring), HERD_OK);
    return sim;
}

static herd_sim *busy_sim(uint64_t seed)
{
    herd_params p = busy_params();
    return busy_sim_of(&p, seed);
}

typedef struct history {
    herd_record records[TICKS];
    int n;
} history;

static int keep(const herd_record *r, void *userdata)
{
    history *h = userdata;
    h->records[h->n++] = *r;
    return 0;
}

static void run_whole(history *h, const herd_params *p, uint64_t seed)
{
    herd_sim *sim = busy_sim_of(p, seed);
    ck_assert_int_eq(herd_sim_observe(sim, keep, h), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, TICKS), HERD_OK);
    herd_sim_free(sim);
}

static void run_interrupted(history *h, const herd_params *p, uint64_t seed, long save_at)
{
    herd_sim *sim = busy_sim_of(p, seed);
    ck_assert_int_eq(herd_sim_observe(sim, keep, h), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, save_at), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    herd_sim_free(sim);
    herd_sim *resumed = NULL;
    ck_assert_int_eq(herd_sim_load(&resumed, ckpt_path, NULL), HERD_OK);
    ck_assert_int_eq(herd_sim_tick(resumed), save_at);
    ck_assert_uint_eq(herd_sim_seed(resumed), seed);
    ck_assert_int_eq(herd_sim_observe(resumed, keep, h), HERD_OK);
    ck_assert_int_eq(herd_sim_run(resumed, TICKS - save_at), HERD_OK);
    herd_sim_free(resumed);
}

/* Saved at four ticks, in teams tied as cliques and in teams that are not. */
START_TEST(a_resumed_run_equals_an_uninterrupted_one_byte_for_byte)
{
    long save_at[] = {SAVE_AT, 0, 1, TICKS - 1};
    herd_params p = network_params(_i / 4);
    history whole = {0}, parts = {0};
    run_whole(&whole, &p, 77);
    run_interrupted(&parts, &p, 77, save_at[_i % 4]);
    ck_assert_int_eq(parts.n, TICKS);
    for (int t = 0; t < TICKS; t++)
        ck_assert_mem_eq(&whole.records[t], &parts.records[t], sizeof(herd_record));
}
END_TEST

static ckpt_blob saved_blob(void)
{
    herd_sim *sim = busy_sim(5);
    ck_assert_int_eq(herd_sim_run(sim, 10), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    herd_sim_free(sim);
    return ckpt_blob_read(ckpt_path);
}

static void write_bytes(const unsigned char *bytes, size_t size)
{
    ckpt_blob b = {(unsigned char *)bytes, size};
    ckpt_blob_write(&b, ckpt_path);
}

/* The status of a load that must fail, its message in err (256 bytes). */
static int load_failure(char *err)
{
    herd_sim *sim = (herd_sim *)&sim;
    err[0] = '\0';
    herd_load_options opt = {.err = err, .err_size = 256};
    int rc = herd_sim_load_with(&sim, ckpt_path, &opt);
    ck_assert_ptr_null(sim);
    ck_assert_int_ne(rc, HERD_OK);
    ck_assert_str_ne(err, "");
    return rc;
}

static int load_status(void)
{
    char err[256];
    return load_failure(err);
}

/* Expected status of a flip at an offset: the header's fields are checked one by one, then
 * the trailer's length, then the checksum. */
static int expected_for_flip(size_t offset, size_t size)
{
    if (offset < 8)
        return HERD_EFORMAT; /* magic */
    if (offset < 12)
        return HERD_EVERSION;
    if (offset < 24)
        return HERD_EFORMAT; /* byte order and sizes */
    if (offset >= size - 12 && offset < size - 4)
        return HERD_EFORMAT; /* the stored length */
    return HERD_ECHECKSUM;
}

START_TEST(a_flipped_byte_anywhere_is_refused_with_its_status)
{
    ckpt_blob b = saved_blob();
    size_t offsets[] = {0, 7, 8, 11, 12, 16, 20, 24, 30, 100, b.size / 3, b.size / 2,
                        b.size - 13, b.size - 12, b.size - 5, b.size - 4, b.size - 1};
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        size_t at = offsets[i];
        b.bytes[at] ^= 0x10;
        write_bytes(b.bytes, b.size);
        ck_assert_msg(load_status() == expected_for_flip(at, b.size), "flip at %zu", at);
        b.bytes[at] ^= 0x10;
    }
    write_bytes(b.bytes, b.size);
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_load(&sim, ckpt_path, NULL), HERD_OK);
    herd_sim_free(sim);
    free(b.bytes);
}
END_TEST

START_TEST(truncated_and_extended_files_are_refused)
{
    ckpt_blob b = saved_blob();
    size_t sizes[] = {0, 5, 23, 24, 36, 100, b.size / 2, b.size - 12, b.size - 1};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        write_bytes(b.bytes, sizes[i]);
        ck_assert_msg(load_status() == HERD_EFORMAT, "size %zu", sizes[i]);
    }
    unsigned char *longer = calloc(1, b.size + 3);
    memcpy(longer, b.bytes, b.size);
    write_bytes(longer, b.size + 3);
    ck_assert_int_eq(load_status(), HERD_EFORMAT);
    free(longer);
    free(b.bytes);
}
END_TEST

/* A file cut short ends in bytes of its payload, not in its trailer: the message quotes no
 * length read from them. */
START_TEST(a_truncated_file_is_told_without_a_length_it_does_not_hold)
{
    ckpt_blob b = saved_blob();
    size_t sizes[] = {b.size / 2, b.size - 1, b.size + 3};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *bytes = calloc(1, sizes[i]);
        memcpy(bytes, b.bytes, sizes[i] < b.size ? sizes[i] : b.size);
        write_bytes(bytes, sizes[i]);
        free(bytes);
        char err[256], want[256];
        ck_assert_int_eq(load_failure(err), HERD_EFORMAT);
        snprintf(want, sizeof want, "truncated, extended or damaged at its end: its last 12 "
                 "bytes are not a trailer giving the length of the %zu bytes before them",
                 sizes[i] - 12);
        ck_assert_str_eq(err, want);
    }
    free(b.bytes);
}
END_TEST

START_TEST(a_missing_or_foreign_file_is_refused)
{
    remove_path();
    ck_assert_int_eq(load_status(), HERD_EIO);
    const char text[] = "[run]\nticks = 10\n# not a checkpoint at all, just some text\n";
    write_bytes((const unsigned char *)text, sizeof text - 1);
    ck_assert_int_eq(load_status(), HERD_EFORMAT);
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_load(&sim, ".", NULL), HERD_EIO);
    ck_assert_int_eq(herd_sim_load(NULL, ckpt_path, NULL), HERD_EINVAL);
}
END_TEST

static int mine_decide(void *state, const herd_team_view *view, herd_stance *stance)
{
    long *ticks = state;
    (void)view;
    ++*ticks;
    *stance = (herd_stance){.direction = *ticks % 2 ? 0.6 : 0.1, .support = 0.2};
    return 0;
}

static void mine_free(void *state)
{
    (void)state;
}

static const herd_policy_type mine = {
    .version = HERD_POLICY_VERSION, .name = "mine", .description = "alternates",
    .state_size = sizeof(long), .decide = mine_decide,
};

START_TEST(a_user_policy_is_found_through_the_resolver)
{
    herd_params p = busy_params();
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 3), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, &mine), HERD_OK);
    ck_assert_int_eq(herd_sim_run(sim, 7), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
    herd_record expected = *herd_sim_record(sim);
    herd_sim_free(sim);

    ck_assert_int_eq(load_status(), HERD_ENOTFOUND);
    const herd_policy_type *const list[] = {&mine, NULL};
    herd_load_options opt = {.resolve = herd_policy_resolve_list, .resolve_ctx = (void *)list};
    ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_OK);
    ck_assert_ptr_eq(herd_sim_team_policy(sim, 0), &mine);
    ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
    ck_assert_mem_eq(herd_sim_record(sim), &expected, sizeof expected);
    herd_sim_free(sim);
}
END_TEST

START_TEST(a_policy_that_owns_resources_cannot_be_saved_once_started)
{
    herd_policy_type owning = mine;
    owning.free = mine_free;
    herd_params p = busy_params();
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new(&sim, &p, 3), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, &owning), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK); /* not started: no state yet */
    ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_EUNSUPPORTED);
    ck_assert_ptr_nonnull(strstr(herd_sim_errmsg(sim), "mine"));
    herd_sim_free(sim);
}
END_TEST

START_TEST(saving_to_an_unwritable_place_fails_with_eio)
{
    herd_sim *sim = busy_sim(1);
    ck_assert_int_eq(herd_sim_save(sim, "/nonexistent-folder/x.ckpt"), HERD_EIO);
    ck_assert_ptr_nonnull(strstr(herd_sim_errmsg(sim), "nonexistent"));
    herd_sim_free(sim);
}
END_TEST

static void save_with_note(const char *note, size_t size)
{
    herd_sim *sim = busy_sim(4);
    ck_assert_int_eq(herd_sim_run(sim, 6), HERD_OK);
    herd_save_options opt = {note, size};
    ck_assert_int_eq(herd_sim_save_with(sim, ckpt_path, &opt), HERD_OK);
    herd_sim_free(sim);
}

/* Loads the checkpoint into a note buffer of cap bytes; the note's whole length. */
static size_t load_note(char *note, size_t cap)
{
    herd_sim *sim = NULL;
    size_t size = 12345;
    herd_load_options opt = {.note = note, .note_cap = cap, .note_size = &size};
    ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_OK);
    ck_assert_int_eq(herd_sim_tick(sim), 6);
    herd_sim_free(sim);
    return size;
}

START_TEST(a_note_comes_back_as_it_was_saved)
{
    const char note[] = "herd run\0ticks 100\nseed 7\n";
    char back[HERD_CHECKPOINT_NOTE_MAX];
    save_with_note(note, sizeof note);
    ck_assert_uint_eq(load_note(back, sizeof back), sizeof note);
    ck_assert_mem_eq(back, note, sizeof note);

    memset(back, '#', sizeof back);
    ck_assert_uint_eq(load_note(back, 4), sizeof note); /* cut to the buffer, length whole */
    ck_assert_mem_eq(back, note, 4);
    ck_assert_int_eq(back[4], '#');

    herd_sim *sim = busy_sim(4);
    ck_assert_int_eq(herd_sim_run(sim, 6), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK); /* an empty note */
    herd_sim_free(sim);
    ck_assert_uint_eq(load_note(back, sizeof back), 0);
}
END_TEST

START_TEST(a_note_of_the_largest_size_fits_and_a_longer_one_is_refused)
{
    char *note = malloc(HERD_CHECKPOINT_NOTE_MAX + 1);
    char *back = malloc(HERD_CHECKPOINT_NOTE_MAX);
    ck_assert_ptr_nonnull(note);
    ck_assert_ptr_nonnull(back);
    for (size_t i = 0; i <= HERD_CHECKPOINT_NOTE_MAX; i++)
        note[i] = (char)(i * 7);
    save_with_note(note, HERD_CHECKPOINT_NOTE_MAX);
    ck_assert_uint_eq(load_note(back, HERD_CHECKPOINT_NOTE_MAX), HERD_CHECKPOINT_NOTE_MAX);
    ck_assert_mem_eq(back, note, HERD_CHECKPOINT_NOTE_MAX);

    remove_path();
    herd_sim *sim = busy_sim(4);
    herd_save_options too_long = {note, HERD_CHECKPOINT_NOTE_MAX + 1};
    ck_assert_int_eq(herd_sim_save_with(sim, ckpt_path, &too_long), HERD_ERANGE);
    ck_assert_ptr_nonnull(strstr(herd_sim_errmsg(sim), "note"));
    ck_assert_int_eq(access(ckpt_path, F_OK), -1);
    herd_save_options nowhere = {NULL, 3};
    ck_assert_int_eq(herd_sim_save_with(sim, ckpt_path, &nowhere), HERD_EINVAL);
    ck_assert_int_eq(access(ckpt_path, F_OK), -1);
    herd_sim_free(sim);
    free(note);
    free(back);
}
END_TEST

/* The note sits after the 24-byte header, its length first; the checksum covers it. */
START_TEST(a_changed_note_fails_the_checksum)
{
    const char note[] = "seed 7";
    save_with_note(note, sizeof note - 1);
    ckpt_blob b = ckpt_blob_read(ckpt_path);
    size_t offsets[] = {24, 27, 28, 28 + sizeof note - 2};
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        b.bytes[offsets[i]] ^= 0x01;
        write_bytes(b.bytes, b.size);
        ck_assert_msg(load_status() == HERD_ECHECKSUM, "flip at %zu", offsets[i]);
        b.bytes[offsets[i]] ^= 0x01;
    }
    b.bytes[24] ^= 0x01;
    write_bytes(b.bytes, b.size);
    char err[256] = "";
    herd_sim *sim = NULL;
    herd_load_options opt = {.err = err, .err_size = sizeof err};
    ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_ECHECKSUM);
    ck_assert_msg(strstr(err, "the file is damaged: its content's CRC-32 is ") == err, "%s", err);
    free(b.bytes);
}
END_TEST

/* Versions 1 and 2 kept other policy states; a version after this build's is unknown. */
START_TEST(versions_before_3_and_after_4_are_refused)
{
    ckpt_blob b = saved_blob();
    uint32_t versions[] = {2, 5};
    for (size_t i = 0; i < sizeof versions / sizeof *versions; i++) {
        memcpy(b.bytes + 8, &versions[i], sizeof versions[i]);
        write_bytes(b.bytes, b.size);
        herd_sim *sim = NULL;
        char err[256] = "", expected[64];
        herd_load_options opt = {.err = err, .err_size = sizeof err};
        ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_EVERSION);
        ck_assert_ptr_null(sim);
        snprintf(expected, sizeof expected, "format version %u; this build reads versions 3 "
                 "and 4", (unsigned)versions[i]);
        ck_assert_str_eq(err, expected);
    }
    free(b.bytes);
}
END_TEST

/* tests/fuzz/checkpoints/found-huge-sums.ckpt (argv[1]), which the fuzzer found: a sound
 * checkpoint whose team 2 has an output sum far beyond any a team reaches, finite, sealed
 * again with a sound checksum. write_huge_sums makes it: test_checkpoint --write PATH. */
static const char *huge_sums_file = "tests/fuzz/checkpoints/found-huge-sums.ckpt";

static void write_huge_sums(const char *path)
{
    herd_sim *sim = busy_sim(3);
    ck_assert_int_eq(herd_sim_run(sim, 8), HERD_OK);
    herd_team_stats st = sim->stats[2];
    ck_assert_int_eq(herd_sim_save(sim, path), HERD_OK);
    herd_sim_free(sim);
    ckpt_blob b = ckpt_blob_read(path);
    size_t at = ckpt_blob_find(&b, &st, sizeof st);
    st.output = 1e300;
    ckpt_blob_splice(&b, at, sizeof st, &st, sizeof st);
    ckpt_blob_seal(&b);
    ckpt_blob_write(&b, path);
    free(b.bytes);
}

static void expect_huge_sums_refused(const char *path)
{
    ck_assert_uint_eq(ckpt_blob_version(path), HERD_CHECKPOINT_VERSION);
    herd_sim *sim = (herd_sim *)&sim;
    char err[256] = "";
    herd_load_options opt = {.err = err, .err_size = sizeof err};
    ck_assert_int_eq(herd_sim_load_with(&sim, path, &opt), HERD_EFORMAT);
    ck_assert_ptr_null(sim);
    ck_assert_str_eq(err, "team 2: its sums are not finite or beyond 1e+09 a member");
}

START_TEST(huge_team_sums_are_refused_by_their_bound)
{
    write_huge_sums(ckpt_path);
    expect_huge_sums_refused(ckpt_path);
    expect_huge_sums_refused(huge_sums_file);
}
END_TEST

START_TEST(write_the_huge_sums_file)
{
    write_huge_sums(huge_sums_file);
}
END_TEST

/* A state the engine never leaves, saved with a sound checksum, as a file written to
 * mislead would be: the loader refuses it by its ranges. */
static void corrupt_and_expect(void (*corrupt)(herd_sim *), const char *expected)
{
    herd_sim *sim = busy_sim(3);
    ck_assert_int_eq(herd_sim_run(sim, 4), HERD_OK);
    corrupt(sim);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    herd_sim_free(sim);
    char err[256] = "";
    herd_load_options opt = {.err = err, .err_size = sizeof err};
    ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_EFORMAT);
    ck_assert_ptr_null(sim);
    ck_assert_msg(strstr(err, expected) != NULL, "\"%s\" lacks \"%s\"", err, expected);
}

static void even_increment(herd_sim *sim)
{
    sim->team_rng[2].inc &= ~(uint64_t)1;
}

static void negative_crisis(herd_sim *sim)
{
    sim->crisis_left[1] = -3;
}

static void nan_sum(herd_sim *sim)
{
    sim->stats[4].output = NAN;
}

static void skilled_leader(herd_sim *sim)
{
    sim->leader_skill[0] = 1.5f;
}

static void infinite_climate(herd_sim *sim)
{
    sim->climate[5] = INFINITY;
}

static void nan_engagement(herd_sim *sim)
{
    sim->org.now.engagement[7] = NAN;
}

static void negative_bond(herd_sim *sim)
{
    sim->org.now.bond[11] = -0.25f;
}

static void huge_skill_sum(herd_sim *sim)
{
    sim->stats[0].skill = 4e252;
}

static void skill_sum_beyond_the_team(herd_sim *sim)
{
    sim->stats[1].skill = 7;
}

static void last_tick(herd_sim *sim)
{
    sim->tick = LONG_MAX;
}

static void unstarted_at_tick_4(herd_sim *sim)
{
    sim->started = 0;
}

static void nan_record(herd_sim *sim)
{
    sim->record.morale = NAN;
}

static void record_of_another_tick(herd_sim *sim)
{
    sim->record.tick = 1;
}

static void long_crisis(herd_sim *sim)
{
    sim->crisis_left[2] = INT32_MAX;
}

static void event_at_the_end_of_time(herd_sim *sim)
{
    sim->events[0].start = LONG_MAX;
}

/* Team 0 runs hybrid, a switching style; team 3 front, a fixed one. */
static void switching_counters_at_their_limit(herd_sim *sim)
{
    ((herd_switching_state *)sim->policy_state[0])->ticks_seen = LONG_MAX;
}

static void switching_front_flag(herd_sim *sim)
{
    ((herd_switching_state *)sim->policy_state[1])->front = INT_MAX;
}

static void switching_nan_plan(herd_sim *sim)
{
    ((herd_switching_state *)sim->policy_state[2])->plan = NAN;
}

static void switching_stage(herd_sim *sim)
{
    ((herd_switching_state *)sim->policy_state[5])->stage = 7;
}

START_TEST(states_out_of_range_are_refused_despite_a_sound_checksum)
{
    corrupt_and_expect(huge_skill_sum, "team 0: its sums are not finite or beyond 1e+09 a "
                                       "member");
    corrupt_and_expect(skill_sum_beyond_the_team, "team 1: its skill sum 7 is outside [0, 6]");
    corrupt_and_expect(last_tick, "tick 9223372036854775807 is outside 0..1000000000");
    corrupt_and_expect(unstarted_at_tick_4, "tick 4 with started 0 and failed 0");
    corrupt_and_expect(nan_record, "the last record's morale is nan");
    corrupt_and_expect(record_of_another_tick, "the last record is of tick 1, the simulation's "
                                               "last tick is 3");
    corrupt_and_expect(long_crisis, "team 2: 2147483647 crisis ticks left, more than "
                                    "crisis_length 8");
    corrupt_and_expect(event_at_the_end_of_time, "event 0: crisis event: start "
                                                 "9223372036854775807 must be in 0..1000000000");
    corrupt_and_expect(switching_counters_at_their_limit,
                       "ticks_seen 9223372036854775807 after 4 ticks: counters no tick "
                       "sequence leaves");
    corrupt_and_expect(switching_front_flag, "team 1, policy hybrid: a state no run leaves: "
                                             "front 2147483647");
    corrupt_and_expect(switching_nan_plan, "team 2, policy hybrid: a state no run leaves: "
                                           "smoothed");
    corrupt_and_expect(switching_stage, "team 5, policy hybrid: a state no run leaves: stage 7 "
                                        "is not one of the 4 stages");
    corrupt_and_expect(even_increment, "team 2: its generator's increment is even");
    corrupt_and_expect(negative_crisis, "team 1: negative crisis ticks left");
    corrupt_and_expect(nan_sum, "team 4: its sums are not finite");
    corrupt_and_expect(skilled_leader, "leader's skill is outside [0, 1]");
    corrupt_and_expect(infinite_climate, "climate is not finite");
    corrupt_and_expect(nan_engagement, "agent's engagement is outside [0, 1]");
    corrupt_and_expect(negative_bond, "agent's bond is outside [0, 1]");
}
END_TEST

/* Sets a parameter in a checkpoint without a note and seals it with a sound checksum. */
static void set_saved_param(ckpt_blob *b, const char *name, double value)
{
    size_t at = 8 + 4 * 4 + 4 + 4 + 4; /* header, note length, parameter count, fingerprint */
    size_t i = 0;
    while (strcmp(herd_params_info(i)->name, name) != 0)
        i++;
    memcpy(b->bytes + at + i * sizeof value, &value, sizeof value);
    ckpt_blob_seal(b);
    ckpt_blob_write(b, ckpt_path);
}

/* The simulation at ctx saved to a temporary file; a failure must say what it lacked. */
static herd_status save(failing_alloc *a, void *ctx)
{
    (void)a;
    FILE *out = tmpfile();
    herd_status rc = herd_sim_write(ctx, out, NULL);
    fclose(out);
    if (rc != HERD_OK)
        ck_assert_str_eq(herd_sim_errmsg(ctx), "no memory to save a checkpoint");
    return rc;
}

/* Saving takes one buffer, its writer. */
START_TEST(every_allocation_failure_while_saving_returns_enomem_and_leaks_nothing)
{
    failing_alloc a;
    failing_alloc_reset(&a, -1);
    herd_settings s;
    herd_settings_default(&s);
    failing_alloc_settings(&s, &a);
    herd_params p = busy_params();
    herd_sim *sim = NULL;
    ck_assert_int_eq(herd_sim_new_with(&sim, &p, 1, &s), HERD_OK);
    ck_assert_int_eq(herd_sim_set_policy(sim, herd_policy_hybrid), HERD_OK);
    long live = a.live;
    failing_alloc_each(&a, save, sim);
    ck_assert_int_eq(a.live, live);
    herd_sim_free(sim);
    ck_assert_int_eq(a.live, 0);
}
END_TEST

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#if defined(__SANITIZE_ADDRESS__)
#define HERD_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HERD_TEST_ASAN 1
#endif
#endif

#ifndef HERD_TEST_ASAN
/* The address space this process holds now, in bytes. */
static double address_space(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f != NULL) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return (double)pages * (double)sysconf(_SC_PAGESIZE);
}
#endif

/* 10^7 and 2 x 10^9 agents in a file of a few kilobytes: refused before anything is made for
 * them, within 4 MB more address space (outside the address sanitizer, which reserves its
 * own). */
START_TEST(a_checkpoint_claiming_more_agents_than_it_holds_is_refused_at_once)
{
    /* teams, team size, ties within a team (fewer, for a network within the limit) */
    static const double claims[][3] = {{1000000, 10, 1}, {20000, 100000, 0}};
    ckpt_blob b = saved_blob();
#ifndef HERD_TEST_ASAN
    double space = address_space();
    ck_assert(space > 0);
    struct rlimit rl = {(rlim_t)(space + 4e6), (rlim_t)(space + 4e6)};
    ck_assert_int_eq(setrlimit(RLIMIT_AS, &rl), 0);
#endif
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        set_saved_param(&b, "n_teams", claims[i][0]);
        set_saved_param(&b, "team_size", claims[i][1]);
        set_saved_param(&b, "ties_within", claims[i][2]);
        write_bytes(b.bytes, b.size);
        char err[256] = "", expected[128];
        herd_sim *sim = NULL;
        herd_load_options opt = {.err = err, .err_size = sizeof err};
        double start = seconds();
        ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_EFORMAT);
        ck_assert_double_lt(seconds() - start, 0.05);
        ck_assert_ptr_null(sim);
        snprintf(expected, sizeof expected, "%.0f teams of %.0f agents need at least", claims[i][0],
                 claims[i][1]);
        ck_assert_msg(strstr(err, expected) == err, "\"%s\"", err);
    }
    free(b.bytes);
}
END_TEST

/* The limit held against what loading takes, the simulation and the reader of the file: a byte
 * under it is refused before the simulation is made, the figure itself is enough. */
START_TEST(a_simulation_beyond_the_memory_limit_is_refused_before_it_is_made)
{
    ckpt_blob b = saved_blob();
    free(b.bytes);
    herd_params p = busy_params();
    double need = herd_ckpt_load_memory(&p);
    ck_assert_double_gt(need, herd_memory_estimate(&p, 0));
    ck_assert_double_lt(need, 1024.0 * 1024);
    for (int enough = 0; enough < 2; enough++) {
        failing_alloc a;
        failing_alloc_reset(&a, -1);
        herd_settings s;
        herd_settings_default(&s);
        failing_alloc_settings(&s, &a);
        char err[256] = "", expected[128];
        herd_sim *sim = NULL;
        herd_load_options opt = {.settings = &s, .err = err, .err_size = sizeof err,
                                 .memory_limit = enough ? need : need - 1};
        int rc = herd_sim_load_with(&sim, ckpt_path, &opt);
        if (enough) {
            ck_assert_msg(rc == HERD_OK, "\"%s\"", err);
            ck_assert_int_eq(herd_sim_tick(sim), 10);
            herd_sim_free(sim);
        } else {
            ck_assert_int_eq(rc, HERD_ETOOBIG);
            ck_assert_ptr_null(sim);
            ck_assert_int_eq(a.calls, 1); /* the reader only */
            snprintf(expected, sizeof expected,
                     "9 teams of 6 agents need about %.1f KiB, more than the %.1f KiB of memory "
                     "available", need / 1024, (need - 1) / 1024);
            ck_assert_str_eq(err, expected);
        }
        ck_assert_int_eq(a.live, 0);
    }
}
END_TEST

START_TEST(the_engine_stops_at_its_last_tick)
{
    herd_sim *sim = busy_sim(2);
    ck_assert_int_eq(herd_sim_step(sim), HERD_OK);
    sim->tick = HERD_SIM_TICK_MAX;
    ck_assert_int_eq(herd_sim_step(sim), HERD_ERANGE);
    ck_assert_str_eq(herd_sim_errmsg(sim), "tick 1000000000 is the last a simulation reaches");
    herd_event late = {HERD_EVENT_CRISIS, 1, HERD_SIM_TICK_MAX + 1, 0.5, 0, 0};
    ck_assert_int_eq(herd_sim_add_event(sim, &late), HERD_ERANGE);
    herd_sim_free(sim);
}
END_TEST

START_TEST(half_an_allocator_is_refused_before_reading)
{
    herd_sim *sim = busy_sim(4);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    herd_sim_free(sim);
    for (int half = 0; half < 2; half++) {
        failing_alloc a;
        failing_alloc_reset(&a, -1);
        herd_settings s;
        herd_settings_default(&s);
        failing_alloc_settings(&s, &a);
        if (half == 0)
            s.dealloc = NULL;
        else
            s.alloc = NULL;
        char err[256] = "";
        herd_load_options opt = {.settings = &s, .err = err, .err_size = sizeof err};
        ck_assert_int_eq(herd_sim_load_with(&sim, ckpt_path, &opt), HERD_EINVAL);
        ck_assert_ptr_null(sim);
        ck_assert_int_eq(a.calls, 0);
        ck_assert_ptr_nonnull(strstr(err, "only one of alloc and dealloc"));
    }
}
END_TEST

START_TEST(every_allocation_failure_while_loading_returns_enomem_and_leaks_nothing)
{
    herd_sim *sim = busy_sim(9);
    ck_assert_int_eq(herd_sim_run(sim, 4), HERD_OK);
    ck_assert_int_eq(herd_sim_save(sim, ckpt_path), HERD_OK);
    herd_sim_free(sim);
    ckpt_load_failing_each_allocation(ckpt_path);
}
END_TEST

int main(int argc, char **argv)
{
    make_path();
    Suite *s = suite_create("checkpoint");
    TCase *tc = tcase_create("checkpoint");
    if (argc == 3 && strcmp(argv[1], "--write") == 0) {
        huge_sums_file = argv[2];
        tcase_add_test(tc, write_the_huge_sums_file);
        suite_add_tcase(s, tc);
        return run_suite(s);
    }
    if (argc > 1)
        huge_sums_file = argv[1];
    tcase_add_checked_fixture(tc, NULL, remove_path);
    tcase_add_loop_test(tc, a_resumed_run_equals_an_uninterrupted_one_byte_for_byte, 0, 8);
    tcase_add_test(tc, a_flipped_byte_anywhere_is_refused_with_its_status);
    tcase_add_test(tc, truncated_and_extended_files_are_refused);
    tcase_add_test(tc, a_truncated_file_is_told_without_a_length_it_does_not_hold);
    tcase_add_test(tc, a_missing_or_foreign_file_is_refused);
    tcase_add_test(tc, a_user_policy_is_found_through_the_resolver);
    tcase_add_test(tc, a_policy_that_owns_resources_cannot_be_saved_once_started);
    tcase_add_test(tc, saving_to_an_unwritable_place_fails_with_eio);
    tcase_add_test(tc, every_allocation_failure_while_loading_returns_enomem_and_leaks_nothing);
    tcase_add_test(tc, half_an_allocator_is_refused_before_reading);
    tcase_add_test(tc, states_out_of_range_are_refused_despite_a_sound_checksum);
    tcase_add_test(tc, a_note_comes_back_as_it_was_saved);
    tcase_add_test(tc, a_note_of_the_largest_size_fits_and_a_longer_one_is_refused);
    tcase_add_test(tc, a_changed_note_fails_the_checksum);
    tcase_add_test(tc, versions_before_3_and_after_4_are_refused);
    tcase_add_test(tc, huge_team_sums_are_refused_by_their_bound);
    tcase_add_test(tc, a_checkpoint_claiming_more_agents_than_it_holds_is_refused_at_once);
    tcase_add_test(tc, a_simulation_beyond_the_memory_limit_is_refused_before_it_is_made);
    tcase_add_test(tc, the_engine_stops_at_its_last_tick);
    tcase_add_test(tc, every_allocation_failure_while_saving_returns_enomem_and_leaks_nothing);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
