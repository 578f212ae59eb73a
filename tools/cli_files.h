#ifndef HERD_TOOLS_CLI_FILES_H
#define HERD_TOOLS_CLI_FILES_H

/* The files the herd program writes. Every one goes through the library's durable writer
 * (herd/io.h) with its missing parent folders made first, and while one is being written
 * its temporary file is on a list that a signal handler removes before the program dies of
 * SIGINT, SIGTERM or SIGHUP. Not installed. */
#include <stddef.h>

#include "herd/io.h"

/* handler for SIGINT, SIGTERM and SIGHUP. */
void cli_catch_signals(void (*handler)(int));
/* Handlers for SIGINT, SIGTERM and SIGHUP that remove the listed temporary files, then end
 * the program by the signal's default action. */
void cli_files_catch_signals(void);

/* herd_io_make_parents, then herd_io_atomic_open_with (opt may be NULL); a fresh temporary
 * file is listed. Statuses and err as theirs. */
int cli_file_open(herd_io_atomic **w, const char *path, const herd_io_atomic_options *opt,
                  char *err, size_t err_size);
/* herd_io_atomic_commit, keep and abort, taking the temporary file off the list. */
int cli_file_commit(herd_io_atomic *w, char *err, size_t err_size);
int cli_file_keep(herd_io_atomic *w, char *err, size_t err_size);
void cli_file_abort(herd_io_atomic *w);

#endif
