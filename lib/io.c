/* CSV rows and atomic files. */
/* realpath is an X/Open extension of POSIX. */
#define _XOPEN_SOURCE 700

#include "herd/io.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "herd/error.h"
#include "numfmt.h"

/* The herd_record fields after the tick, in header order. */
#define HERD_IO_CSV_FIELDS(X)                                                                \
    X(innovation) X(innovation_value) X(innovation_cum) X(output) X(morale) X(morale_sd)     \
    X(skill) X(initiative) X(bond) X(turnover) X(front_runners) X(attention) X(front_share)

int herd_io_csv_header(FILE *out)
{
    if (out == NULL)
        return HERD_EINVAL;
    return fputs(HERD_IO_CSV_HEADER "\n", out) < 0 ? HERD_EIO : HERD_OK;
}

static int put_field(FILE *out, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL)
        return fputs(text, out) < 0 ? -1 : 0;
    if (putc('"', out) == EOF)
        return -1;
    for (; *text != '\0'; text++)
        if ((*text == '"' && putc('"', out) == EOF) || putc(*text, out) == EOF)
            return -1;
    return putc('"', out) == EOF ? -1 : 0;
}

int herd_io_csv_row(FILE *out, const char *policy, long rep, uint64_t seed,
                    const herd_record *r)
{
    if (out == NULL || r == NULL)
        return HERD_EINVAL;
    int bad = put_field(out, policy != NULL ? policy : "") < 0;
    bad |= fprintf(out, ",%ld,%" PRIu64 ",%ld", rep, seed, r->tick) < 0;
    char num[HERD_NUMFMT_SIZE];
#define HERD_IO_CSV_PUT_(field)                                                                \
    herd_numfmt_shortest(r->field, num);                                                     \
    bad |= fprintf(out, ",%s", num) < 0;
    HERD_IO_CSV_FIELDS(HERD_IO_CSV_PUT_)
#undef HERD_IO_CSV_PUT_
    bad |= putc('\n', out) == EOF;
    return bad ? HERD_EIO : HERD_OK;
}

int herd_io_csv_observer(const herd_record *record, void *userdata)
{
    herd_io_csv_sink *sink = userdata;
    if (sink->status == HERD_OK)
        sink->status = herd_io_csv_row(sink->out, sink->policy, sink->rep, sink->seed, record);
    return sink->status != HERD_OK;
}

struct herd_io_atomic {
    FILE *file;
    char *tmp; /* NULL when writing in place */
    char *path;
};

static int say(char *err, size_t err_size, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int say(char *err, size_t err_size, int status, const char *fmt, ...)
{
    if (err != NULL && err_size > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_size, fmt, ap);
        va_end(ap);
    }
    return status;
}

static const char *reason(int err_no, char *buf, size_t n)
{
    snprintf(buf, n, "error %d", err_no);
    strerror_r(err_no, buf, n);
    return buf;
}

/* "dir/.name.tmp-PID-K" next to "dir/name", made with O_EXCL so no two writers share one. */
static int make_temp(herd_io_atomic *w, char *err, size_t err_size)
{
    const char *slash = strrchr(w->path, '/');
    size_t dir = slash != NULL ? (size_t)(slash - w->path) + 1 : 0;
    size_t n = strlen(w->path) + 48;
    w->tmp = malloc(n);
    if (w->tmp == NULL)
        return say(err, err_size, HERD_ENOMEM, "%s: out of memory", w->path);
    int fd = -1, err_no = 0;
    for (int k = 0; k < 1000 && fd < 0; k++) {
        snprintf(w->tmp, n, "%.*s.%s.tmp-%ld-%d", (int)dir, w->path, w->path + dir,
                 (long)getpid(), k);
        fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        err_no = errno;
        if (fd < 0 && err_no != EEXIST)
            break;
    }
    char buf[128];
    if (fd < 0)
        return say(err, err_size, HERD_EIO, "%s: cannot create a temporary file beside it: %s",
                   w->path, reason(err_no, buf, sizeof buf));
    w->file = fdopen(fd, "w");
    if (w->file == NULL) {
        err_no = errno;
        close(fd);
        unlink(w->tmp);
        return say(err, err_size, HERD_EIO, "%s: %s", w->path, reason(err_no, buf, sizeof buf));
    }
    return HERD_OK;
}

static void release(herd_io_atomic *w)
{
    free(w->tmp);
    free(w->path);
    free(w);
}

/* "dir/target" for a link "dir/name" to a relative "target". */
static char *beside(const char *path, const char *target)
{
    const char *slash = strrchr(path, '/');
    size_t dir = target[0] != '/' && slash != NULL ? (size_t)(slash - path) + 1 : 0;
    size_t n = dir + strlen(target) + 1;
    char *joined = malloc(n);
    if (joined != NULL)
        snprintf(joined, n, "%.*s%s", (int)dir, path, target);
    return joined;
}

/* Where to write: a symbolic link is followed, even to a file not yet made, so that the
 * link survives the rename. */
static char *destination(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(path, NULL);
        if (real != NULL)
            return real;
        char target[4096];
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n > 0) {
            target[n] = '\0';
            return beside(path, target);
        }
    }
    return beside("", path); /* a copy */
}

/* A device, pipe or terminal cannot be replaced by a rename (and must not be): it is
 * written in place. */
static int open_in_place(herd_io_atomic *w, char *err, size_t err_size)
{
    char buf[128];
    w->file = fopen(w->path, "w");
    if (w->file == NULL)
        return say(err, err_size, HERD_EIO, "%s: cannot open: %s", w->path,
                   reason(errno, buf, sizeof buf));
    return HERD_OK;
}

int herd_io_atomic_open(herd_io_atomic **out, const char *path, char *err, size_t err_size)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (path == NULL || *path == '\0')
        return say(err, err_size, HERD_EINVAL, "no output file named");
    herd_io_atomic *w = calloc(1, sizeof *w);
    if (w == NULL || (w->path = destination(path)) == NULL) {
        free(w);
        return say(err, err_size, HERD_ENOMEM, "%s: out of memory", path);
    }
    struct stat st;
    int exists = stat(w->path, &st) == 0;
    int rc;
    if (exists && S_ISDIR(st.st_mode))
        rc = say(err, err_size, HERD_EINVAL, "%s: is a directory", w->path);
    else if (exists && !S_ISREG(st.st_mode))
        rc = open_in_place(w, err, err_size);
    else
        rc = make_temp(w, err, err_size);
    if (rc != HERD_OK) {
        release(w);
        return rc;
    }
    *out = w;
    return HERD_OK;
}

FILE *herd_io_atomic_file(herd_io_atomic *w)
{
    return w != NULL ? w->file : NULL;
}

void herd_io_atomic_abort(herd_io_atomic *w)
{
    if (w == NULL)
        return;
    if (w->file != NULL)
        fclose(w->file);
    if (w->tmp != NULL)
        unlink(w->tmp);
    release(w);
}

int herd_io_atomic_commit(herd_io_atomic *w, char *err, size_t err_size)
{
    if (w == NULL)
        return HERD_EINVAL;
    char buf[128];
    int bad = fflush(w->file) != 0 || ferror(w->file);
    int err_no = bad ? errno : 0;
    if (!bad && w->tmp != NULL && fsync(fileno(w->file)) != 0 && errno != EINVAL) {
        bad = 1;
        err_no = errno;
    }
    if (fclose(w->file) != 0 && !bad) {
        bad = 1;
        err_no = errno;
    }
    w->file = NULL;
    if (!bad && w->tmp != NULL && rename(w->tmp, w->path) != 0) {
        bad = 1;
        err_no = errno;
    }
    int rc = HERD_OK;
    if (bad) {
        if (w->tmp != NULL)
            unlink(w->tmp);
        rc = say(err, err_size, HERD_EIO, "%s: cannot write: %s", w->path,
                 reason(err_no, buf, sizeof buf));
    }
    release(w);
    return rc;
}
