/* Output files and the signal-safe list of their temporary names. The list is a fixed table:
 * a slot's path is written before its flag is set (a sequentially consistent atomic store),
 * and the handler reads only flagged slots, so it never sees half a name, whichever thread
 * the signal lands on. The opening thread holds the signals back while a temporary file
 * exists but is not yet listed. */
#include "cli_files.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cli_args.h"

#define SLOTS 64
#define PATH_BYTES 4096

static char temp_path[SLOTS][PATH_BYTES];
static atomic_int in_use[SLOTS];
static const void *owner[SLOTS]; /* touched outside the handler only */

/* The program the listed files come from while herd waits for it (gnuplot), or 0: it is
 * stopped first, so that it makes none of them again once they are removed. */
static atomic_int child_pid;

static void remove_temporaries(int sig)
{
    int child = atomic_load(&child_pid);
    if (child > 0) {
        kill(child, SIGTERM);
        waitpid(child, NULL, 0);
    }
    for (int i = 0; i < SLOTS; i++)
        if (atomic_load(&in_use[i]))
            unlink(temp_path[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_catch_signals(void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

void cli_hold_signals(sigset_t *before)
{
    sigset_t ending;
    sigemptyset(&ending);
    sigaddset(&ending, SIGINT);
    sigaddset(&ending, SIGTERM);
    sigaddset(&ending, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &ending, before);
}

void cli_files_catch_signals(void)
{
    cli_catch_signals(remove_temporaries);
}

/* A temporary name too long or one file too many stays off the list: it is still removed
 * on every ending but a signal. The slot, or -1. */
static int list_path(const char *tmp, const void *who)
{
    if (tmp == NULL || strlen(tmp) >= PATH_BYTES)
        return -1;
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load(&in_use[i]))
            continue;
        memcpy(temp_path[i], tmp, strlen(tmp) + 1);
        owner[i] = who;
        atomic_store(&in_use[i], 1);
        return i;
    }
    return -1;
}

static void list(const herd_io_atomic *w)
{
    list_path(herd_io_atomic_temp(w), w);
}

static int slot_of(const herd_io_atomic *w)
{
    for (int i = 0; i < SLOTS; i++)
        if (atomic_load(&in_use[i]) && owner[i] == w)
            return i;
    return -1;
}

static void unlist(int slot)
{
    if (slot < 0)
        return;
    atomic_store(&in_use[slot], 0);
    owner[slot] = NULL;
}

void cli_files_child(int pid)
{
    atomic_store(&child_pid, pid);
}

int cli_temp_list(const char *path)
{
    return list_path(path, NULL);
}

void cli_temp_unlist(int slot)
{
    unlist(slot);
}

int cli_file_open(herd_io_atomic **w, const char *path, const herd_io_atomic_options *opt,
                  char *err, size_t err_size)
{
    int rc = herd_io_make_parents(path, err, err_size);
    if (rc != 0)
        return rc;
    /* Signals are held back between making a temporary file and listing it; not while a
     * FIFO is opened in place, which waits for its reader. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return herd_io_atomic_open_with(w, path, opt, err, err_size);
    sigset_t before;
    cli_hold_signals(&before);
    rc = herd_io_atomic_open_with(w, path, opt, err, err_size);
    if (rc == 0 && (opt == NULL || opt->suffix == NULL))
        list(*w);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    return rc;
}

/* The name leaves the list only once the file is renamed or removed: a signal in between
 * removes a name that no longer exists, which is harmless. */
int cli_file_commit(herd_io_atomic *w, char *err, size_t err_size)
{
    int slot = slot_of(w);
    int rc = herd_io_atomic_commit(w, err, err_size);
    unlist(slot);
    return rc;
}

int cli_file_keep(herd_io_atomic *w, char *err, size_t err_size)
{
    unlist(slot_of(w));
    return herd_io_atomic_keep(w, err, err_size);
}

void cli_file_abort(herd_io_atomic *w)
{
    int slot = slot_of(w);
    herd_io_atomic_abort(w);
    unlist(slot);
}

int cli_write_file(const char *dir, const char *name, cli_writer write, const void *ctx,
                   char *err, size_t err_size)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        snprintf(err, err_size, "%s/%s: path too long", dir, name);
        return -1;
    }
    herd_io_atomic *w;
    if (cli_file_open(&w, path, NULL, err, err_size) != HERD_OK)
        return -1;
    FILE *f = herd_io_atomic_file(w);
    if (write(f, ctx) != 0 || ferror(f)) {
        cli_file_abort(w);
        snprintf(err, err_size, "%s: write failed", path);
        return -1;
    }
    return cli_file_commit(w, err, err_size) == HERD_OK ? 0 : -1;
}

int cli_output_open(cli_output *o, const char *path, char *err, size_t err_size)
{
    *o = (cli_output){NULL, NULL};
    if (path == NULL)
        return HERD_OK;
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        return HERD_OK;
    }
    int rc = cli_file_open(&o->w, path, NULL, err, err_size);
    if (rc == HERD_OK)
        o->f = herd_io_atomic_file(o->w);
    return rc;
}

int cli_output_close(cli_output *o, int ok, char *err, size_t err_size)
{
    int rc = HERD_OK;
    if (o->w == NULL && o->f != NULL && ok && (fflush(o->f) != 0 || ferror(o->f))) {
        snprintf(err, err_size, "writing to standard output failed: %s", strerror(errno));
        rc = HERD_EIO;
    } else if (o->w != NULL && ok) {
        rc = cli_file_commit(o->w, err, err_size);
    } else if (o->w != NULL) {
        cli_file_abort(o->w);
    }
    *o = (cli_output){NULL, NULL};
    return rc;
}

/* 0 if folder(dir) succeeds, else HERD_EXIT_FAIL after saying why. */
static int on_folder(const char *cmd, const char *dir,
                     herd_status (*folder)(const char *, char *, size_t))
{
    char err[PATH_BYTES + 256];
    if (folder(dir, err, sizeof err) == HERD_OK)
        return 0;
    return cli_say(cmd, HERD_EXIT_FAIL, "--out %s", err);
}

int cli_outputs_distinct(const char *cmd, const cli_output_option *opts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (opts[i].path == NULL || strcmp(opts[i].path, "-") == 0)
            continue;
        for (size_t j = i + 1; j < n; j++)
            if (opts[j].path != NULL && herd_io_same_destination(opts[i].path, opts[j].path))
                return cli_usage_error(cmd, "%s and %s name the same file, %s", opts[i].option,
                                       opts[j].option, opts[j].path);
    }
    return 0;
}

int cli_make_folder(const char *cmd, const char *dir)
{
    return on_folder(cmd, dir, herd_io_make_folder);
}

int cli_check_folder(const char *cmd, const char *dir)
{
    return on_folder(cmd, dir, herd_io_folder_check);
}

int cli_remove_unwritten(const char *cmd, const char *dir, const char *const *names,
                         const int *written, size_t n)
{
    char path[PATH_BYTES], err[PATH_BYTES + 256];
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (written[i])
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (herd_io_remove(path, err, sizeof err) != HERD_OK)
            rc = cli_say(cmd, HERD_EXIT_FAIL, "--out %s", err);
    }
    return rc;
}
