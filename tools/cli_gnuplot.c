/* Running gnuplot on a script a subcommand wrote, images drawn under temporary names and
 * renamed only when gnuplot succeeded. */
#include "cli_gnuplot.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_files.h"
#include "herd/error.h"
#include "herd/io.h"

static int on_path(const char *prog)
{
    if (strchr(prog, '/') != NULL)
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    char candidate[4096];
    while (path != NULL && *path != '\0') {
        size_t len = strcspn(path, ":");
        snprintf(candidate, sizeof candidate, "%.*s/%s", (int)len, len ? path : ".", prog);
        if (access(candidate, X_OK) == 0)
            return 1;
        path += len + (path[len] == ':');
    }
    return 0;
}

/* Runs `prog -e "part='.part'" plots.gp` in dir; its exit status, or -1. The signal
 * handlers know of it from its start (signals are held back until they do), so that they
 * stop it before they remove its images. */
static int run_gnuplot(const char *prog, const char *dir)
{
    fflush(NULL);
    sigset_t before;
    cli_hold_signals(&before);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_sigmask(SIG_SETMASK, &before, NULL);
        if (chdir(dir) == 0)
            execlp(prog, prog, "-e", "part='" CLI_GNUPLOT_PART "'", "plots.gp", (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        cli_files_child((int)pid);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    if (pid < 0)
        return -1;
    int status, rc = 0;
    while (rc == 0 && waitpid(pid, &status, 0) < 0)
        rc = errno == EINTR ? 0 : -1;
    cli_files_child(0);
    return rc != 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int finish_images(const char *dir, const char *const *images, size_t n, int keep,
                         char *err, size_t err_size)
{
    char path[4096], part[sizeof path + sizeof CLI_GNUPLOT_PART];
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, images[i]);
        snprintf(part, sizeof part, "%s" CLI_GNUPLOT_PART, path);
        if (!keep)
            remove(part);
        else if (herd_io_move(part, path, err, err_size) != HERD_OK)
            rc = 1;
    }
    return rc;
}

/* The images' temporary names on the list the signal handlers clear, while gnuplot draws
 * them; their slots, or NULL without memory. */
static int *list_images(const char *dir, const char *const *images, size_t n)
{
    int *slots = calloc(n > 0 ? n : 1, sizeof *slots);
    char part[4096 + sizeof CLI_GNUPLOT_PART];
    for (size_t i = 0; slots != NULL && i < n; i++) {
        snprintf(part, sizeof part, "%s/%s" CLI_GNUPLOT_PART, dir, images[i]);
        slots[i] = cli_temp_list(part);
    }
    return slots;
}

int cli_gnuplot(const char *who, const char *dir, const char *const *images, size_t n,
                int *drawn, char *err, size_t err_size)
{
    if (drawn != NULL)
        *drawn = 0;
    const char *prog = getenv("HERD_GNUPLOT");
    if (prog == NULL || *prog == '\0')
        prog = "gnuplot";
    if (!on_path(prog)) {
        fprintf(stderr, "%s: %s not found: no plots (the CSV files, tables and plots.gp are "
                        "written)\n", who, prog);
        return 0;
    }
    int *slots = list_images(dir, images, n);
    if (slots == NULL) {
        snprintf(err, err_size, "out of memory for the names of the plots");
        return 1;
    }
    int status = run_gnuplot(prog, dir);
    int finished = finish_images(dir, images, n, status == 0, err, err_size);
    for (size_t i = 0; i < n; i++)
        cli_temp_unlist(slots[i]);
    free(slots);
    if (finished != 0)
        return 1;
    if (status != 0) {
        snprintf(err, err_size, "%s failed (exit status %d) on %s/plots.gp", prog, status, dir);
        return 1;
    }
    if (drawn != NULL)
        *drawn = 1;
    return 0;
}
