/* An advisory lock on a file, so that two processes do not write one set of files at once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "errmsg.h"
#include "herd/error.h"
#include "herd/io.h"

struct herd_io_lock {
    int fd;
};

/* The pid the holder wrote into the lock file; 0 if it has not yet. */
static long holder_pid(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return strtol(buf, NULL, 10);
}

static int mark_holder(int fd)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    return ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) == n ? 0 : -1;
}

herd_status herd_io_lock_take(herd_io_lock **out, const char *path, char *err, size_t err_size)
{
    if (out == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no place for the lock");
    *out = NULL;
    if (path == NULL || *path == '\0')
        return herd_errf(err, err_size, HERD_EINVAL, "no lock file named");
    char why[128];
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return herd_errf(err, err_size, HERD_EIO, "%s: %s", path,
                         herd_errno_text(errno, why, sizeof why));
    int rc = HERD_OK;
    while ((rc = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
        ;
    if (rc != 0 && errno == EWOULDBLOCK)
        rc = herd_errf(err, err_size, HERD_ESTATE, "%s: held by process %ld", path,
                       holder_pid(fd));
    else if (rc != 0 || mark_holder(fd) != 0)
        rc = herd_errf(err, err_size, HERD_EIO, "%s: %s", path,
                       herd_errno_text(errno, why, sizeof why));
    herd_io_lock *lock = rc == HERD_OK ? malloc(sizeof *lock) : NULL;
    if (rc == HERD_OK && lock == NULL)
        rc = herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", path);
    if (rc != HERD_OK) {
        close(fd);
        return rc;
    }
    lock->fd = fd;
    *out = lock;
    return HERD_OK;
}

void herd_io_lock_release(herd_io_lock *lock)
{
    if (lock == NULL)
        return;
    close(lock->fd);
    free(lock);
}
