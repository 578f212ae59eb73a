/* Saving a simulation. The format is described in include/herd/checkpoint.h; arrays are
 * written as their native bytes, which the byte-order marker and the sizes in the header make
 * safe to read back. Loading is lib/checkpoint_load.c. */
#include "herd/checkpoint.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint_format.h"
#include "errmsg.h"
#include "herd/error.h"
#include "herd/io.h"
#include "sim_internal.h"

#define WRITE_BUFFER 65536

typedef struct writer {
    FILE *out;
    int failed_errno; /* 0 while every write succeeded */
    size_t used;
    uint64_t written; /* bytes before the buffer's */
    uint32_t crc;
    herd_crc32_table table;
    unsigned char buf[WRITE_BUFFER];
} writer;

static void flush_buffer(writer *w)
{
    if (w->failed_errno == 0 && fwrite(w->buf, 1, w->used, w->out) != w->used)
        w->failed_errno = errno != 0 ? errno : EIO;
    w->written += w->used;
    w->used = 0;
}

static void put(writer *w, const void *data, size_t n)
{
    const unsigned char *p = data;
    w->crc = herd_crc32_update(&w->table, w->crc, p, n);
    while (n > 0) {
        if (w->used == WRITE_BUFFER)
            flush_buffer(w);
        size_t take = WRITE_BUFFER - w->used < n ? WRITE_BUFFER - w->used : n;
        memcpy(w->buf + w->used, p, take);
        w->used += take;
        p += take;
        n -= take;
    }
}

static void put_u8(writer *w, uint8_t v)
{
    put(w, &v, sizeof v);
}

static void put_u32(writer *w, uint32_t v)
{
    put(w, &v, sizeof v);
}

static void put_u64(writer *w, uint64_t v)
{
    put(w, &v, sizeof v);
}

static void put_i64(writer *w, long v)
{
    int64_t x = v;
    put(w, &x, sizeof x);
}

static void put_f64(writer *w, double v)
{
    put(w, &v, sizeof v);
}

static void put_header(writer *w)
{
    put(w, HERD_CKPT_MAGIC, HERD_CKPT_MAGIC_LEN);
    put_u32(w, HERD_CHECKPOINT_VERSION);
    put_u32(w, HERD_CKPT_BYTE_ORDER_MARK);
    put_u32(w, (uint32_t)sizeof(herd_team_stats));
    put_u32(w, (uint32_t)sizeof(herd_record));
}

static void put_note(writer *w, const herd_save_options *opt)
{
    put_u32(w, (uint32_t)opt->note_size);
    put(w, opt->note, opt->note_size);
}

static void put_params(writer *w, const herd_params *p)
{
    put_u32(w, (uint32_t)herd_params_count());
    put_u32(w, herd_ckpt_params_fingerprint());
    for (size_t i = 0; herd_params_info(i) != NULL; i++)
        put_f64(w, herd_params_get(p, herd_params_info(i)));
}

static void put_teams(writer *w, const herd_sim *sim)
{
    size_t teams = (size_t)sim->params.n_teams;
    for (size_t t = 0; t < teams; t++) {
        put_u64(w, sim->team_rng[t].state);
        put_u64(w, sim->team_rng[t].inc);
    }
    put(w, sim->stats, teams * sizeof *sim->stats);
    put(w, sim->crisis_left, teams * sizeof *sim->crisis_left);
    put(w, sim->leader_skill, teams * sizeof *sim->leader_skill);
    put(w, sim->climate, teams * sizeof *sim->climate);
}

/* The network as the organisation keeps it, after a word that says which: of clique teams,
 * whose team mates are implied, the 32-bit offsets and targets of the ties across teams; of
 * other teams, the 64-bit offsets and targets of every tie. */
static void put_network(writer *w, const herd_org *org)
{
    size_t n = (size_t)org->n_agents;
    put_u32(w, org->teams_are_cliques ? HERD_CKPT_NETWORK_ACROSS : HERD_CKPT_NETWORK_WHOLE);
    if (org->teams_are_cliques) {
        put(w, org->across_offsets, (n + 1) * sizeof *org->across_offsets);
        put(w, org->across_targets, (size_t)org->across_offsets[n] * sizeof *org->across_targets);
    } else {
        put(w, org->offsets, (n + 1) * sizeof *org->offsets);
        put(w, org->targets, (size_t)org->offsets[n] * sizeof *org->targets);
    }
}

static void put_org(writer *w, const herd_org *org)
{
    size_t n = (size_t)org->n_agents;
    put_i64(w, org->n_agents);
    put(w, org->now.skill, n * sizeof(float));
    put(w, org->now.engagement, n * sizeof(float));
    put(w, org->now.initiative, n * sizeof(float));
    put(w, org->now.bond, n * sizeof(float));
    put(w, org->now.dependence, n * sizeof(float));
    put(w, org->perspective, n * sizeof(float));
    put(w, org->tenure, n * sizeof(uint16_t));
    put_network(w, org);
}

static void put_events(writer *w, const herd_sim *sim)
{
    put_u64(w, sim->n_events);
    for (size_t i = 0; i < sim->n_events; i++) {
        const herd_event *ev = &sim->events[i];
        put_u32(w, (uint32_t)ev->kind);
        put_i64(w, ev->start);
        put_i64(w, ev->length);
        put_f64(w, ev->intensity);
        put_i64(w, ev->team_first);
        put_i64(w, ev->team_count);
    }
}

/* Teams running one type in a row; the name stands for the type. */
static long run_length(const herd_sim *sim, long first)
{
    long t = first + 1;
    while (t < sim->params.n_teams && sim->policy[t] == sim->policy[first])
        t++;
    return t - first;
}

static void put_policies(writer *w, const herd_sim *sim)
{
    long teams = sim->params.n_teams, runs = 0;
    for (long t = 0; t < teams; t += run_length(sim, t))
        runs++;
    put_u64(w, (uint64_t)runs);
    for (long t = 0; t < teams; t += run_length(sim, t)) {
        const herd_policy_type *type = sim->policy[t];
        const char *name = type != NULL ? type->name : "";
        put_i64(w, t);
        put_i64(w, run_length(sim, t));
        put_u32(w, (uint32_t)strlen(name));
        put(w, name, strlen(name));
        put_u64(w, type != NULL ? type->state_size : 0);
    }
    if (!sim->started)
        return;
    for (long t = 0; t < teams; t++)
        put(w, sim->policy_state[t], sim->policy[t]->state_size);
}

static void put_payload(writer *w, const herd_sim *sim)
{
    put_params(w, &sim->params);
    put_u64(w, sim->seed);
    put_i64(w, sim->tick);
    put_u8(w, (uint8_t)sim->started);
    put_u8(w, (uint8_t)sim->failed);
    put_teams(w, sim);
    put_org(w, &sim->org);
    put_events(w, sim);
    put(w, &sim->record, sizeof sim->record);
    put_policies(w, sim);
}

static void put_trailer(writer *w)
{
    put_u64(w, w->written + w->used);
    uint32_t crc = w->crc;
    put(w, &crc, sizeof crc);
    flush_buffer(w);
}

/* Only plain-data policy states can be saved as bytes. */
static int check_savable(herd_sim *sim)
{
    if (!sim->started)
        return HERD_OK;
    for (long t = 0; t < sim->params.n_teams; t++)
        if (sim->policy[t]->free != NULL)
            return herd_sim_fail(sim, HERD_EUNSUPPORTED,
                                 "policy %s of team %ld owns resources (it has a free function); "
                                 "its state cannot be saved",
                                 sim->policy[t]->name, t);
    return HERD_OK;
}

static int write_file(herd_sim *sim, FILE *out, writer *w, const herd_save_options *opt)
{
    memset(w, 0, offsetof(writer, table));
    w->out = out;
    errno = 0;
    herd_crc32_init(&w->table);
    put_header(w);
    put_note(w, opt);
    put_payload(w, sim);
    put_trailer(w);
    if (w->failed_errno == 0 && fflush(out) != 0)
        w->failed_errno = errno != 0 ? errno : EIO;
    return w->failed_errno;
}

static int check_note(herd_sim *sim, const herd_save_options *opt)
{
    if (opt->note_size > HERD_CHECKPOINT_NOTE_MAX)
        return herd_sim_fail(sim, HERD_ERANGE, "a note of %zu bytes; at most %d fit a checkpoint",
                             opt->note_size, HERD_CHECKPOINT_NOTE_MAX);
    if (opt->note == NULL && opt->note_size > 0)
        return herd_sim_fail(sim, HERD_EINVAL, "a note of %zu bytes at NULL", opt->note_size);
    return HERD_OK;
}

herd_status herd_sim_save(herd_sim *sim, const char *path)
{
    return herd_sim_save_with(sim, path, NULL);
}

herd_status herd_sim_write(herd_sim *sim, FILE *out, const herd_save_options *opt)
{
    static const herd_save_options no_note = {NULL, 0};
    if (sim == NULL || out == NULL)
        return HERD_EINVAL;
    if (opt == NULL)
        opt = &no_note;
    int rc = check_note(sim, opt);
    if (rc == HERD_OK)
        rc = check_savable(sim);
    if (rc != HERD_OK)
        return rc;
    writer *w = herd_calloc(&sim->alloc, 1, sizeof *w);
    if (w == NULL)
        return herd_sim_fail(sim, HERD_ENOMEM, "no memory to save a checkpoint");
    int err_no = write_file(sim, out, w, opt);
    herd_free(&sim->alloc, w);
    char buf[128];
    if (err_no != 0)
        return herd_sim_fail(sim, HERD_EIO, "cannot write the checkpoint: %s",
                             herd_errno_text(err_no, buf, sizeof buf));
    return HERD_OK;
}

herd_status herd_sim_save_with(herd_sim *sim, const char *path, const herd_save_options *opt)
{
    if (sim == NULL || path == NULL)
        return HERD_EINVAL;
    herd_io_atomic_options io;
    herd_io_atomic_options_default(&io);
    io.allocator = &sim->alloc;
    herd_io_atomic *file;
    char err[sizeof sim->errmsg];
    int rc = herd_io_atomic_open_with(&file, path, &io, err, sizeof err);
    if (rc != HERD_OK)
        return herd_sim_fail(sim, rc == HERD_ENOMEM ? rc : HERD_EIO, "%s", err);
    rc = herd_sim_write(sim, herd_io_atomic_file(file), opt);
    if (rc != HERD_OK) {
        herd_io_atomic_abort(file);
        snprintf(err, sizeof err, "%s", herd_sim_errmsg(sim));
        return rc == HERD_EIO ? herd_sim_fail(sim, rc, "%s: %s", path, err) : rc;
    }
    if (herd_io_atomic_commit(file, err, sizeof err) != HERD_OK)
        return herd_sim_fail(sim, HERD_EIO, "%s", err);
    return HERD_OK;
}

uint64_t herd_sim_seed(const herd_sim *sim)
{
    return sim != NULL ? sim->seed : 0;
}

