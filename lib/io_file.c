/* The one durable writer: a temporary file beside the destination, synced, renamed over it,
 * and the folder synced so that the rename survives a crash. */
#include "herd/io.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "errmsg.h"
#include "herd/error.h"

/* Links followed before giving up, as the kernel's own limit. */
#define LINK_DEPTH 40

struct herd_io_atomic {
    FILE *file;
    char *tmp;  /* NULL when writing in place */
    char *path; /* the destination, links resolved */
    herd_allocator a;
    /* The destination's folder and name, while the writer is among those open. */
    dev_t folder_dev;
    ino_t folder_ino;
    const char *name;
    herd_io_atomic *next_open;
    int listed;
};

/* The writers of this process that have a file on its way to its destination. Two outputs
 * that name the same file, under whatever spelling or link, would each be renamed over it in
 * turn and one would be lost without a word; the second is refused instead. A file is known
 * by its folder's device and inode and its name in that folder. */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static herd_io_atomic *open_writers;

static int same_destination(const herd_io_atomic *a, const herd_io_atomic *b)
{
    return a->folder_dev == b->folder_dev && a->folder_ino == b->folder_ino &&
           strcmp(a->name, b->name) == 0;
}

/* The folder of path (links of the file already resolved) into *folder, path cut at its last
 * slash for the while; 1 if the folder exists, 0 if not yet. */
static int stat_folder(char *path, struct stat *folder)
{
    char *slash = strrchr(path, '/');
    if (slash == NULL)
        return stat(".", folder) == 0;
    if (slash == path)
        return stat("/", folder) == 0;
    *slash = '\0';
    int found = stat(path, folder) == 0;
    *slash = '/';
    return found;
}

static const char *name_in_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* Lists w among the open writers, or refuses it if one of them has its destination. A folder
 * that does not exist is left to the opening of the temporary file to report. */
static int list_open(herd_io_atomic *w, char *err, size_t err_size)
{
    struct stat st;
    if (!stat_folder(w->path, &st))
        return HERD_OK;
    w->folder_dev = st.st_dev;
    w->folder_ino = st.st_ino;
    w->name = name_in_folder(w->path);
    int rc = HERD_OK;
    pthread_mutex_lock(&open_lock);
    for (const herd_io_atomic *o = open_writers; o != NULL && rc == HERD_OK; o = o->next_open)
        if (same_destination(o, w))
            rc = herd_errf(err, err_size, HERD_EINVAL,
                           "%s: another output of this run is being written to the same file",
                           w->path);
    if (rc == HERD_OK) {
        w->next_open = open_writers;
        open_writers = w;
        w->listed = 1;
    }
    pthread_mutex_unlock(&open_lock);
    return rc;
}

static void unlist_open(herd_io_atomic *w)
{
    if (!w->listed)
        return;
    pthread_mutex_lock(&open_lock);
    for (herd_io_atomic **at = &open_writers; *at != NULL; at = &(*at)->next_open) {
        if (*at == w) {
            *at = w->next_open;
            break;
        }
    }
    pthread_mutex_unlock(&open_lock);
    w->listed = 0;
}

/* "dir/target" for a link "dir/name" to a relative "target". */
static char *beside(const herd_allocator *a, const char *path, const char *target)
{
    const char *slash = strrchr(path, '/');
    size_t dir = target[0] != '/' && slash != NULL ? (size_t)(slash - path) + 1 : 0;
    size_t n = dir + strlen(target) + 1;
    char *joined = herd_calloc(a, n, 1);
    if (joined != NULL)
        snprintf(joined, n, "%.*s%s", (int)dir, path, target);
    return joined;
}

/* The file a chain of symbolic links ends at, made or not yet made, so that writing replaces
 * it and keeps the links. NULL without memory; a loop ends at its LINK_DEPTH-th link. */
static char *destination(const herd_allocator *a, const char *path)
{
    char *at = herd_strdup(a, path);
    struct stat st;
    for (int depth = 0; at != NULL && depth < LINK_DEPTH; depth++) {
        char target[4096];
        ssize_t n;
        if (lstat(at, &st) != 0 || !S_ISLNK(st.st_mode) ||
            (n = readlink(at, target, sizeof target - 1)) <= 0)
            break;
        target[n] = '\0';
        char *next = beside(a, at, target);
        herd_free(a, at);
        at = next;
    }
    return at;
}

static void release(herd_io_atomic *w)
{
    unlist_open(w);
    herd_allocator a = w->a;
    herd_free(&a, w->tmp);
    herd_free(&a, w->path);
    herd_free(&a, w);
}

static int cannot(const herd_io_atomic *w, const char *what, int err_no, char *err,
                  size_t err_size)
{
    char buf[128];
    return herd_errf(err, err_size, HERD_EIO, "%s: %s: %s", w->path, what,
                     herd_errno_text(err_no, buf, sizeof buf));
}

/* HERD_EIO with "PATH: the folder DIR does not exist" (or "PATH: DIR is not a folder") when
 * the folder of w's destination is not there to make a file in; HERD_OK when it is. */
static int no_folder(herd_io_atomic *w, char *err, size_t err_size)
{
    const char *slash = strrchr(w->path, '/');
    if (slash == NULL || slash == w->path)
        return HERD_OK;
    int folder = (int)(slash - w->path);
    struct stat st;
    if (!stat_folder(w->path, &st))
        return herd_errf(err, err_size, HERD_EIO, "%s: the folder %.*s does not exist", w->path,
                         folder, w->path);
    if (!S_ISDIR(st.st_mode))
        return herd_errf(err, err_size, HERD_EIO, "%s: %.*s is not a folder", w->path, folder,
                         w->path);
    return HERD_OK;
}

/* Opens fd as w's stream; closes it on failure. */
static int attach(herd_io_atomic *w, int fd, const char *mode, char *err, size_t err_size)
{
    if (fd >= 0 && (w->file = fdopen(fd, mode)) != NULL)
        return HERD_OK;
    int err_no = errno;
    if (fd >= 0)
        close(fd);
    if (w->tmp != NULL && no_folder(w, err, err_size) != HERD_OK)
        return HERD_EIO;
    return cannot(w, w->tmp != NULL ? "cannot open a temporary file beside it" : "cannot open",
                  err_no, err, err_size);
}

/* "dir/.name.tmp-PID-K" next to "dir/name", made with O_EXCL so no two writers share one. */
static int unique_temp(herd_io_atomic *w, char *err, size_t err_size)
{
    const char *slash = strrchr(w->path, '/');
    size_t dir = slash != NULL ? (size_t)(slash - w->path) + 1 : 0;
    size_t n = strlen(w->path) + 48;
    if ((w->tmp = herd_calloc(&w->a, n, 1)) == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", w->path);
    int fd = -1;
    for (int k = 0; k < 1000 && fd < 0; k++) {
        snprintf(w->tmp, n, "%.*s.%s.tmp-%ld-%d", (int)dir, w->path, w->path + dir,
                 (long)getpid(), k);
        fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    int rc = attach(w, fd, "w", err, err_size);
    if (rc != HERD_OK && fd >= 0)
        unlink(w->tmp);
    return rc;
}

/* "path" + suffix, made afresh, or reopened to go on writing it. */
static int named_temp(herd_io_atomic *w, const char *suffix, int resume, char *err,
                      size_t err_size)
{
    size_t n = strlen(w->path) + strlen(suffix) + 1;
    if ((w->tmp = herd_calloc(&w->a, n, 1)) == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", w->path);
    snprintf(w->tmp, n, "%s%s", w->path, suffix);
    int fd = resume ? open(w->tmp, O_RDWR) : open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0 && resume && errno == ENOENT)
        return herd_errf(err, err_size, HERD_ENOTFOUND,
                         "%s: there is no unfinished %s to go on writing", w->path, w->tmp);
    return attach(w, fd, resume ? "r+" : "w", err, err_size);
}

/* The temporary file for a destination that is a regular file or none yet. */
static int start_temp(herd_io_atomic *w, const herd_io_atomic_options *opt, char *err,
                      size_t err_size)
{
    int rc = list_open(w, err, err_size);
    if (rc != HERD_OK)
        return rc;
    if (opt != NULL && opt->suffix != NULL)
        return named_temp(w, opt->suffix, opt->resume, err, err_size);
    return unique_temp(w, err, err_size);
}

void herd_io_atomic_options_default(herd_io_atomic_options *opt)
{
    if (opt != NULL)
        memset(opt, 0, sizeof *opt);
}

herd_status herd_io_atomic_open_with(herd_io_atomic **out, const char *path,
                                     const herd_io_atomic_options *opt, char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no place for the writer");
    *out = NULL;
    if (path == NULL || *path == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "no output file named");
    herd_allocator a;
    if (herd_allocator_take(&a, opt != NULL ? opt->allocator : NULL, "allocator", err,
                            err_size) != HERD_OK)
        return HERD_EINVAL;
    herd_io_atomic *w = herd_calloc(&a, 1, sizeof *w);
    if (w != NULL) {
        w->a = a;
        w->path = destination(&a, path);
    }
    if (w == NULL || w->path == NULL) {
        herd_free(&a, w);
        return herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", path);
    }
    struct stat st;
    int exists = stat(w->path, &st) == 0;
    int rc;
    if (exists && S_ISDIR(st.st_mode))
        rc = herd_errf(err, err_size, HERD_EINVAL, "%s: is a directory", w->path);
    else if (exists && !S_ISREG(st.st_mode))
        rc = attach(w, open(w->path, O_WRONLY), "w", err, err_size);
    else
        rc = start_temp(w, opt, err, err_size);
    if (rc != HERD_OK) {
        release(w);
        return rc;
    }
    *out = w;
    return HERD_OK;
}

herd_status herd_io_atomic_open(herd_io_atomic **out, const char *path, char *err, size_t err_size)
{
    return herd_io_atomic_open_with(out, path, NULL, err, err_size);
}

FILE *herd_io_atomic_file(herd_io_atomic *w)
{
    return w != NULL ? w->file : NULL;
}

const char *herd_io_atomic_temp(const herd_io_atomic *w)
{
    return w != NULL ? w->tmp : NULL;
}

const char *herd_io_atomic_path(const herd_io_atomic *w)
{
    return w != NULL ? w->path : NULL;
}

herd_status herd_io_atomic_sync(herd_io_atomic *w, char *err, size_t err_size)
{
    if (w == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no writer");
    if (fflush(w->file) != 0 || ferror(w->file))
        return cannot(w, "cannot write", errno, err, err_size);
    if (w->tmp != NULL && fsync(fileno(w->file)) != 0)
        return cannot(w, "cannot sync", errno, err, err_size);
    return HERD_OK;
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

/* Syncs and closes the stream; the first failure is the status. */
static int close_synced(herd_io_atomic *w, char *err, size_t err_size)
{
    int rc = herd_io_atomic_sync(w, err, err_size);
    if (fclose(w->file) != 0 && rc == HERD_OK)
        rc = cannot(w, "cannot write", errno, err, err_size);
    w->file = NULL;
    return rc;
}

herd_status herd_io_atomic_keep(herd_io_atomic *w, char *err, size_t err_size)
{
    if (w == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no writer");
    int rc = close_synced(w, err, err_size);
    release(w);
    return rc;
}

/* The folder is synced too, so that the rename itself survives a crash. Some file systems
 * cannot sync a folder; the file is in place all the same. The path is cut after its last
 * slash for the while, so that nothing is allocated once the file is in place. */
static void sync_folder(char *path)
{
    char *slash = strrchr(path, '/');
    char was = slash != NULL ? slash[1] : '\0';
    if (slash != NULL)
        slash[1] = '\0';
    int fd = open(slash != NULL ? path : ".", O_RDONLY);
    if (slash != NULL)
        slash[1] = was;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

herd_status herd_io_atomic_commit(herd_io_atomic *w, char *err, size_t err_size)
{
    if (w == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no writer");
    int rc = close_synced(w, err, err_size);
    if (rc == HERD_OK && w->tmp != NULL && rename(w->tmp, w->path) != 0)
        rc = cannot(w, "cannot put the file in place", errno, err, err_size);
    /* Off the list of open writers first: syncing cuts the path that the list compares. */
    unlist_open(w);
    if (rc == HERD_OK && w->tmp != NULL)
        sync_folder(w->path);
    if (rc != HERD_OK && w->tmp != NULL)
        unlink(w->tmp);
    release(w);
    return rc;
}

herd_status herd_io_writable(const char *path, char *err, size_t err_size)
{
    herd_io_atomic probe = {0};
    if (path == NULL || *path == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "no output file named");
    herd_allocator_init(&probe.a, NULL, NULL, NULL);
    if ((probe.path = destination(&probe.a, path)) == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", path);
    struct stat st;
    int exists = stat(probe.path, &st) == 0, rc = HERD_OK;
    if (exists && S_ISDIR(st.st_mode))
        rc = herd_errf(err, err_size, HERD_EINVAL, "%s: is a directory", probe.path);
    else if (exists && !S_ISREG(st.st_mode) && access(probe.path, W_OK) != 0)
        rc = cannot(&probe, "cannot write", errno, err, err_size);
    else if (!exists || S_ISREG(st.st_mode)) {
        rc = unique_temp(&probe, err, err_size);
        if (rc == HERD_OK) {
            fclose(probe.file);
            unlink(probe.tmp);
        }
    }
    herd_free(&probe.a, probe.tmp);
    herd_free(&probe.a, probe.path);
    return rc;
}

/* A destination as list_open knows it, or by the folder's text where it is not made yet. */
typedef struct destination_key {
    char *path;
    int found; /* the folder exists, and st is its */
    struct stat st;
} destination_key;

static int key_of(const herd_allocator *a, const char *path, destination_key *k)
{
    k->path = destination(a, path);
    k->found = k->path != NULL && stat_folder(k->path, &k->st);
    return k->path != NULL;
}

/* A device, FIFO or terminal, written in place: two outputs may share one. */
static int in_place(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int herd_io_same_destination(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return 0;
    herd_allocator al;
    herd_allocator_init(&al, NULL, NULL, NULL);
    destination_key ka = {0}, kb = {0};
    int same = 0;
    if (key_of(&al, a, &ka) && key_of(&al, b, &kb) && !in_place(ka.path) &&
        !in_place(kb.path)) {
        if (ka.found && kb.found)
            same = ka.st.st_dev == kb.st.st_dev && ka.st.st_ino == kb.st.st_ino &&
                   strcmp(name_in_folder(ka.path), name_in_folder(kb.path)) == 0;
        else if (!ka.found && !kb.found)
            same = strcmp(ka.path, kb.path) == 0;
    }
    herd_free(&al, ka.path);
    herd_free(&al, kb.path);
    return same;
}

/* Why the part folder (a prefix of path) cannot be made or written in, without making it:
 * 0 if it is a folder (when whole, one that may be written in), or if it is missing from a
 * folder that may be written in, when *last is set: the parts after it would be made under
 * it. Else an errno. */
static int folder_fault(char *folder, int whole, int *last)
{
    struct stat st;
    if (stat(folder, &st) == 0)
        return !S_ISDIR(st.st_mode) ? ENOTDIR
               : whole && access(folder, W_OK | X_OK) != 0 ? errno
                                                           : 0;
    if (errno != ENOENT)
        return errno;
    *last = 1;
    char *slash = strrchr(folder, '/');
    if (slash == NULL)
        return access(".", W_OK | X_OK) != 0 ? errno : 0;
    char was = slash[slash == folder];
    slash[slash == folder] = '\0';
    int fault = access(folder, W_OK | X_OK) != 0 ? errno : 0;
    slash[slash == folder] = was;
    return fault;
}

/* mkdir -p on the first len bytes of path, or with make 0 whether it would succeed and the
 * folder could be written in then. */
static int make_folders(const char *path, size_t len, int make, char *err, size_t err_size)
{
    char *folder = malloc(len + 1);
    if (folder == NULL)
        return herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", path);
    memcpy(folder, path, len);
    folder[len] = '\0';
    int rc = HERD_OK, last = 0;
    for (size_t i = 1; i <= len && rc == HERD_OK && !last; i++) {
        if (folder[i] != '/' && folder[i] != '\0')
            continue;
        char was = folder[i];
        folder[i] = '\0';
        struct stat st;
        int err_no = 0;
        if (!make)
            err_no = folder_fault(folder, i == len, &last);
        else if (mkdir(folder, 0777) != 0 && (errno != EEXIST || stat(folder, &st) != 0 ||
                                               !S_ISDIR(st.st_mode)))
            err_no = errno == EEXIST ? ENOTDIR : errno;
        if (err_no != 0) {
            char buf[128];
            rc = herd_errf(err, err_size, HERD_EIO, "%s: cannot make the folder %s: %s", path,
                           folder, herd_errno_text(err_no, buf, sizeof buf));
        }
        folder[i] = was;
    }
    free(folder);
    return rc;
}

herd_status herd_io_make_folder(const char *path, char *err, size_t err_size)
{
    if (path == NULL || *path == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "no folder named");
    return make_folders(path, strlen(path), 1, err, err_size);
}

herd_status herd_io_folder_check(const char *path, char *err, size_t err_size)
{
    if (path == NULL || *path == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "no folder named");
    return make_folders(path, strlen(path), 0, err, err_size);
}

herd_status herd_io_make_parents(const char *path, char *err, size_t err_size)
{
    if (path == NULL || *path == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "no output file named");
    const char *slash = strrchr(path, '/');
    return slash == NULL || slash == path ? HERD_OK
                                          : make_folders(path, (size_t)(slash - path), 1, err,
                                                         err_size);
}

herd_status herd_io_move(const char *from, const char *to, char *err, size_t err_size)
{
    FILE *in = from != NULL ? fopen(from, "rb") : NULL;
    if (in == NULL) {
        char buf[128];
        return herd_errf(err, err_size, from != NULL ? HERD_EIO : HERD_EINVAL, "%s: %s",
                         from != NULL ? from : "(null)",
                         herd_errno_text(errno, buf, sizeof buf));
    }
    herd_io_atomic *w;
    int rc = herd_io_atomic_open(&w, to, err, err_size);
    char block[8192];
    size_t n;
    while (rc == HERD_OK && (n = fread(block, 1, sizeof block, in)) > 0)
        if (fwrite(block, 1, n, w->file) != n)
            rc = cannot(w, "cannot write", errno, err, err_size);
    if (rc == HERD_OK && ferror(in))
        rc = herd_errf(err, err_size, HERD_EIO, "%s: cannot read", from);
    fclose(in);
    if (rc == HERD_OK)
        rc = herd_io_atomic_commit(w, err, err_size);
    else
        herd_io_atomic_abort(w);
    if (rc == HERD_OK)
        unlink(from);
    return rc;
}

herd_status herd_io_remove(const char *path, char *err, size_t err_size)
{
    if (path == NULL || *path == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "no file named");
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return herd_errf(err, err_size, HERD_EINVAL, "%s: a folder, not a file", path);
    if (unlink(path) == 0 || errno == ENOENT)
        return HERD_OK;
    char buf[128];
    return herd_errf(err, err_size, HERD_EIO, "%s: cannot remove: %s", path,
                     herd_errno_text(errno, buf, sizeof buf));
}
