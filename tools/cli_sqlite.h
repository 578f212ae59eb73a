#ifndef HERD_TOOLS_CLI_SQLITE_H
#define HERD_TOOLS_CLI_SQLITE_H

/* The --sqlite FILE of the subcommands that write a database: its path checked before
 * anything runs, and the database opened and put in place through the library's SQLite
 * writer (herd/sqlite.h) in a listed temporary file (cli_files.h). Not installed. */
#include <stddef.h>

#include "herd/herd.h"

/* 0, or a usage error of cmd (HERD_EXIT_USAGE) for an empty path, "-", or a path that
 * herd_sqlite_writable refuses as invalid (a folder, anything but a regular file); a path
 * that cannot be written is left to cli_sqlite_open to report. */
int cli_sqlite_path(const char *cmd, const char *path);
/* Opens *db (with opt) in the temporary file *w of path: a herd status with err set, and
 * nothing left open, on failure. */
int cli_sqlite_open(herd_io_atomic **w, herd_sqlite **db, const char *path,
                    const herd_sqlite_options *opt, char *err, size_t err_size);
/* With rc HERD_OK, finishes db and puts the file in place; otherwise (or if that fails)
 * removes it. Frees db. rc, or the status of what failed, with err set: db's message, or
 * "PATH: " and the status's text when db has none. */
int cli_sqlite_close(herd_io_atomic *w, herd_sqlite *db, int rc, char *err, size_t err_size);

#endif
