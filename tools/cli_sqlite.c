/* --sqlite FILE: the path's check, and the database opened and closed through the durable
 * writer. */
#include "cli_sqlite.h"

#include <stdio.h>
#include <string.h>

#include "cli_args.h"
#include "cli_files.h"

int cli_sqlite_path(const char *cmd, const char *path)
{
    if (*path == '\0' || strcmp(path, "-") == 0)
        return cli_usage_error(cmd, "%s", "--sqlite needs a file name");
    char err[512];
    if (herd_sqlite_writable(path, err, sizeof err) == HERD_EINVAL)
        return cli_usage_error(cmd, "--sqlite %s", err);
    return 0;
}

int cli_sqlite_open(herd_io_atomic **w, herd_sqlite **db, const char *path,
                    const herd_sqlite_options *opt, char *err, size_t err_size)
{
    *db = NULL;
    int rc = cli_file_open(w, path, NULL, err, err_size);
    if (rc == HERD_OK && (rc = herd_sqlite_open(db, *w, opt, err, err_size)) != HERD_OK) {
        cli_file_abort(*w);
        *w = NULL;
    }
    return rc;
}

int cli_sqlite_close(herd_io_atomic *w, herd_sqlite *db, int rc, char *err, size_t err_size)
{
    if (rc == HERD_OK)
        rc = herd_sqlite_finish(db);
    if (rc != HERD_OK && *herd_sqlite_errmsg(db) != '\0')
        snprintf(err, err_size, "%s", herd_sqlite_errmsg(db));
    else if (rc != HERD_OK)
        snprintf(err, err_size, "%s: %s", herd_io_atomic_path(w), herd_strerror(rc));
    herd_sqlite_free(db);
    if (rc == HERD_OK)
        return cli_file_commit(w, err, err_size);
    cli_file_abort(w);
    return rc;
}
