/* herd run with checkpoints. Every N ticks the rows so far are made durable and then the
 * simulation is saved, in that order: after a crash the checkpoint never claims rows that
 * are not on disk, and rows written after it are cut off when resuming. The rows of run r at
 * tick k sit on line 2 + r * ticks + k of the output, which is how resuming knows where to
 * cut. Each checkpoint carries a note describing the command (tools/cli_describe.h): the
 * scenario as loaded, after --set, --ticks, --seed and --reps, and --policy. Resuming from a
 * checkpoint whose note differs is refused, so rows of two different runs never meet in one
 * output. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_files.h"
#include "cli_describe.h"
#include "cli_memory.h"
#include "run_checkpoint.h"
#include "herd/herd.h"

#define NOTE_HEADER "herd run, note 1\n"
#define ERR_SIZE 4608

typedef struct ckpt_run {
    const herd_scenario *s;
    const herd_policy_type *override;
    herd_settings settings;
    const char *path;
    long every;
    herd_sim *resumed; /* taken over by the loop */
    long first_rep;
    herd_io_atomic *file; /* NULL for standard output */
    FILE *out;
    char *note; /* what the command means, NUL-terminated, as checkpoints carry it */
    size_t note_size;
} ckpt_run;

/* A checkpointed run may be stopped at any moment: a signal ends it at once, taking only
 * the checkpoint being written with it (the partial output stays, to be resumed). */

static int parse_every(const char *text, long *every)
{
    *every = 0;
    return text != NULL ? cli_number("run", "--checkpoint-every", text, 1, LONG_MAX, every)
                        : HERD_EXIT_OK;
}

/* Durable: the rows reach the disk before the checkpoint that counts them. */
static int sync_rows(ckpt_run *run, char *err, size_t err_size)
{
    if (run->file != NULL)
        return herd_io_atomic_sync(run->file, err, err_size);
    if (fflush(run->out) == 0)
        return HERD_OK;
    snprintf(err, err_size, "standard output: %s", strerror(errno));
    return HERD_EIO;
}

static int save(ckpt_run *run, herd_sim *sim)
{
    char err[ERR_SIZE];
    if (sync_rows(run, err, sizeof err) != HERD_OK)
        return cli_say("run", HERD_EXIT_FAIL, "writing the CSV failed: %s", err);
    herd_save_options opt = {run->note, run->note_size};
    herd_io_atomic *w;
    if (cli_file_open(&w, run->path, NULL, err, sizeof err) != HERD_OK)
        return cli_say("run", HERD_EXIT_FAIL, "checkpoint: %s", err);
    if (herd_sim_write(sim, herd_io_atomic_file(w), &opt) != HERD_OK) {
        cli_file_abort(w);
        return cli_say("run", HERD_EXIT_FAIL, "checkpoint: %s: %s", run->path,
                       herd_sim_errmsg(sim));
    }
    if (cli_file_commit(w, err, sizeof err) != HERD_OK)
        return cli_say("run", HERD_EXIT_FAIL, "checkpoint: %s", err);
    return HERD_EXIT_OK;
}

static herd_sim *start_rep(ckpt_run *run, long rep, herd_io_csv_sink *sink)
{
    herd_sim *sim = NULL;
    if (run->resumed != NULL) {
        sim = run->resumed;
        run->resumed = NULL;
    } else if (herd_scenario_sim_new(&sim, run->s, sink->seed, &run->settings, run->override) !=
               HERD_OK) {
        fprintf(stderr, "herd run: replication %ld could not start\n", rep);
        return NULL;
    }
    if (herd_sim_observe(sim, herd_io_csv_observer, sink) != HERD_OK) {
        herd_sim_free(sim);
        return NULL;
    }
    return sim;
}

/* One replication from wherever its simulation stands, saved every `every` ticks. */
static int run_rep(ckpt_run *run, long rep, herd_io_csv_sink *sink)
{
    herd_sim *sim = start_rep(run, rep, sink);
    if (sim == NULL)
        return HERD_EXIT_FAIL;
    int rc = HERD_EXIT_OK;
    while (rc == HERD_EXIT_OK && herd_sim_tick(sim) < run->s->ticks) {
        long left = run->s->ticks - herd_sim_tick(sim);
        long chunk = run->every > 0 && run->every < left ? run->every : left;
        int status = herd_sim_run(sim, chunk);
        if (status != HERD_OK)
            rc = cli_say("run", HERD_EXIT_FAIL, "replication failed: %s", herd_strerror(status));
        else if (run->path != NULL)
            rc = save(run, sim);
    }
    herd_sim_free(sim);
    return rc;
}

static int run_all(ckpt_run *run)
{
    const herd_scenario *s = run->s;
    herd_io_csv_sink sink = {run->out, herd_scenario_policy_label(s, run->override), 0, 0, 0};
    int rc = HERD_EXIT_OK;
    for (long r = run->first_rep; rc == HERD_EXIT_OK && r < s->reps; r++) {
        sink.rep = r;
        sink.seed = herd_seed_derive(s->seed, (uint64_t)r);
        rc = run_rep(run, r, &sink);
        if (sink.status != HERD_OK)
            rc = cli_say("run", HERD_EXIT_FAIL, "writing the CSV failed: %s", strerror(errno));
    }
    return rc;
}

/* The replication a checkpoint belongs to, from its seed; -1 if none of this scenario's. */
static long rep_of(const herd_scenario *s, const herd_sim *sim)
{
    for (long r = 0; r < s->reps; r++)
        if (herd_seed_derive(s->seed, (uint64_t)r) == herd_sim_seed(sim))
            return r;
    return -1;
}

/* FNV-1a, for a description too long to be a note itself. */
static uint64_t digest(const char *text, size_t size)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < size; i++)
        h = (h ^ (unsigned char)text[i]) * UINT64_C(1099511628211);
    return h;
}

/* The note of this command's checkpoints: its description, or a digest of it if it does not
 * fit in a note. */
static int make_note(ckpt_run *run)
{
    FILE *f = open_memstream(&run->note, &run->note_size);
    if (f == NULL)
        return cli_say("run", HERD_EXIT_FAIL, "out of memory");
    fputs(NOTE_HEADER, f);
    fprintf(f, "--policy %s\n", run->override != NULL ? run->override->name : "not given");
    cli_describe_scenario(f, run->s, run->override == NULL);
    if (fclose(f) != 0)
        return cli_say("run", HERD_EXIT_FAIL, "out of memory");
    if (run->note_size < HERD_CHECKPOINT_NOTE_MAX)
        return HERD_EXIT_OK;
    uint64_t h = digest(run->note, run->note_size);
    run->note_size = (size_t)snprintf(run->note, run->note_size, NOTE_HEADER
                                      "description of %zu bytes, digest %016llx\n",
                                      run->note_size, (unsigned long long)h);
    return HERD_EXIT_OK;
}

/* The checkpoint's note against this command's: 0 if the same, else HERD_EXIT_USAGE after
 * saying where they differ. */
static int check_note(const ckpt_run *run, const char *path, char *theirs, size_t size)
{
    char recorded[256], asked[256];
    theirs[size < HERD_CHECKPOINT_NOTE_MAX ? size : HERD_CHECKPOINT_NOTE_MAX] = '\0';
    if (size == run->note_size && memcmp(theirs, run->note, size) == 0)
        return HERD_EXIT_OK;
    if (size == 0 || strncmp(theirs, NOTE_HEADER, strlen(NOTE_HEADER)) != 0) {
        fprintf(stderr, "herd run: --resume %s: the checkpoint does not say which command made "
                        "it (not made by herd run, or by another version)\n", path);
        return HERD_EXIT_USAGE;
    }
    cli_describe_difference(theirs, run->note, recorded, asked, sizeof recorded);
    fprintf(stderr, "herd run: --resume %s: the checkpoint was made by another command or "
                    "scenario: it records \"%s\" where this command gives \"%s\"\n",
            path, recorded, asked);
    return HERD_EXIT_USAGE;
}

/* Policies saved by name come back through the scenario: its declared styles too. */
static const herd_policy_type *scenario_policy(void *ctx, const char *name)
{
    return herd_scenario_find_policy(ctx, name);
}

static int load_checkpoint(ckpt_run *run, const char *path)
{
    char err[512] = "";
    size_t note_size = 0;
    char *note = malloc(HERD_CHECKPOINT_NOTE_MAX + 1);
    if (note == NULL)
        return cli_say("run", HERD_EXIT_FAIL, "out of memory");
    herd_load_options opt = {.settings = &run->settings, .err = err, .err_size = sizeof err,
                             .note = note, .note_cap = HERD_CHECKPOINT_NOTE_MAX,
                             .note_size = &note_size, .resolve = scenario_policy,
                             .resolve_ctx = (void *)run->s, .memory_limit = cli_memory_limit()};
    int status = herd_sim_load_with(&run->resumed, path, &opt);
    int rc = HERD_EXIT_OK;
    if (status != HERD_OK) {
        fprintf(stderr, "herd run: --resume %s: %s: %s\n", path, herd_strerror(status), err);
        rc = status == HERD_EIO || status == HERD_ENOMEM ? HERD_EXIT_FAIL : HERD_EXIT_USAGE;
    } else {
        rc = check_note(run, path, note, note_size);
    }
    free(note);
    return rc;
}

static int load_resumed(ckpt_run *run, const char *path)
{
    int rc = load_checkpoint(run, path);
    if (rc != HERD_EXIT_OK)
        return rc;
    run->first_rep = rep_of(run->s, run->resumed);
    if (run->first_rep < 0 ||
        memcmp(herd_sim_params(run->resumed), &run->s->params, sizeof run->s->params) != 0 ||
        herd_sim_tick(run->resumed) > run->s->ticks) {
        fprintf(stderr, "herd run: --resume %s: the checkpoint was not made by this command "
                        "(other parameters, seed or ticks)\n", path);
        return HERD_EXIT_USAGE;
    }
    return HERD_EXIT_OK;
}

/* Keeps the header and the first `rows` rows of the partial output, for appending after. */
static int cut_rows(FILE *f, const char *partial, long rows)
{
    long lines = 0, keep = rows + 1;
    int c;
    while (lines < keep && (c = getc(f)) != EOF)
        lines += c == '\n';
    if (lines < keep)
        return cli_say("run", HERD_EXIT_FAIL, "%s: holds fewer rows than the checkpoint", partial);
    long at = ftell(f);
    if (at < 0 || ftruncate(fileno(f), at) != 0 || fseek(f, at, SEEK_SET) != 0)
        return cli_say("run", HERD_EXIT_FAIL, "%s: %s", partial, strerror(errno));
    return HERD_EXIT_OK;
}

/* The output, as a file that grows beside it under the name OUT.partial (and is taken up
 * again when resuming), or standard output. A device or pipe is written in place. */
static int open_output(ckpt_run *run, const char *out)
{
    char err[ERR_SIZE];
    if (strcmp(out, "-") == 0) {
        run->out = stdout;
    } else {
        herd_io_atomic_options opt = {.suffix = HERD_CLI_PARTIAL_SUFFIX, .resume = run->resumed != NULL};
        int rc = cli_file_open(&run->file, out, &opt, err, sizeof err);
        if (rc == HERD_ENOTFOUND)
            return cli_say("run", HERD_EXIT_USAGE,
                           "--resume: --out %s (the run that made the checkpoint has finished, "
                           "or wrote its rows to another --out)", err);
        if (rc != HERD_OK)
            return cli_say("run", HERD_EXIT_FAIL, "%s", err);
        run->out = herd_io_atomic_file(run->file);
    }
    if (run->resumed == NULL)
        return herd_io_csv_header(run->out) == HERD_OK
                   ? HERD_EXIT_OK
                   : cli_say("run", HERD_EXIT_FAIL, "%s: %s", out, strerror(errno));
    if (herd_io_atomic_temp(run->file) == NULL) {
        fprintf(stderr, "herd run: --resume: --out %s: the rows written before cannot be "
                        "taken back from standard output, a device or a pipe\n", out);
        return HERD_EXIT_USAGE;
    }
    long rows = run->first_rep * run->s->ticks + herd_sim_tick(run->resumed);
    return cut_rows(run->out, herd_io_atomic_temp(run->file), rows);
}

/* A complete output is put in place; an unfinished one stays to be resumed. */
static int finish_output(ckpt_run *run, const char *out, int rc)
{
    char err[ERR_SIZE];
    if (run->file == NULL)
        return rc == HERD_EXIT_OK && run->out != NULL && fflush(run->out) != 0
                   ? cli_say("run", HERD_EXIT_FAIL, "%s: %s", out, strerror(errno))
                   : rc;
    int status = rc == HERD_EXIT_OK ? cli_file_commit(run->file, err, sizeof err)
                                    : cli_file_keep(run->file, err, sizeof err);
    run->file = NULL;
    return status != HERD_OK && rc == HERD_EXIT_OK ? cli_say("run", HERD_EXIT_FAIL, "%s", err) : rc;
}

/* Before the first tick: a checkpoint that could not be written would stop the run later. */
static int check_checkpoint_path(const char *path)
{
    char err[ERR_SIZE];
    if (herd_io_make_parents(path, err, sizeof err) != HERD_OK ||
        herd_io_writable(path, err, sizeof err) != HERD_OK)
        return cli_say("run", HERD_EXIT_FAIL, "--checkpoint %s", err);
    return HERD_EXIT_OK;
}

int herd_cli_run_checkpointed(const herd_scenario *s, const herd_policy_type *override,
                              int threads, const char *out, const herd_cli_checkpointing *ck)
{
    ckpt_run run = {.s = s, .override = override, .path = ck->path};
    cli_files_catch_signals();
    herd_settings_default(&run.settings);
    run.settings.threads = threads;
    int rc = parse_every(ck->every, &run.every);
    if (run.path == NULL)
        run.path = ck->resume;
    if (rc == HERD_EXIT_OK && run.path == NULL) {
        fprintf(stderr, "herd run: --checkpoint-every needs --checkpoint FILE\n");
        rc = HERD_EXIT_USAGE;
    }
    if (rc == HERD_EXIT_OK)
        rc = make_note(&run);
    if (rc == HERD_EXIT_OK && ck->resume != NULL)
        rc = load_resumed(&run, ck->resume);
    if (rc == HERD_EXIT_OK)
        rc = check_checkpoint_path(run.path);
    if (rc == HERD_EXIT_OK)
        rc = open_output(&run, out);
    if (rc == HERD_EXIT_OK)
        rc = run_all(&run);
    rc = finish_output(&run, out, rc);
    herd_sim_free(run.resumed);
    free(run.note);
    return rc;
}
