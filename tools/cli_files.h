#ifndef HERD_TOOLS_CLI_FILES_H
#define HERD_TOOLS_CLI_FILES_H

/* The files the herd program writes. Every one goes through the library's durable writer
 * (herd/io.h) with its missing parent folders made first, and while one is being written
 * its temporary file is on a list that a signal handler removes before the program dies of
 * SIGINT, SIGTERM or SIGHUP. Not installed. */
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "herd/io.h"

/* handler for SIGINT, SIGTERM and SIGHUP. */
void cli_catch_signals(void (*handler)(int));
/* Handlers for SIGINT, SIGTERM and SIGHUP that remove the listed temporary files, then end
 * the program by the signal's default action. */
void cli_files_catch_signals(void);
/* Holds SIGINT, SIGTERM and SIGHUP back on this thread, the mask they replace into *before,
 * for pthread_sigmask(SIG_SETMASK, before, NULL) to put back. */
void cli_hold_signals(sigset_t *before);

/* herd_io_make_parents, then herd_io_atomic_open_with (opt may be NULL); a fresh temporary
 * file is listed. Statuses and err as theirs. */
int cli_file_open(herd_io_atomic **w, const char *path, const herd_io_atomic_options *opt,
                  char *err, size_t err_size);
/* Lists a temporary file that another program makes (an image gnuplot draws), so that the
 * handlers remove it too: its slot, to take it off again once it is renamed or removed, or -1
 * if the name is too long or the list full. */
int cli_temp_list(const char *path);
void cli_temp_unlist(int slot);
/* The process that makes the listed files while herd waits for it (pid), stopped by the
 * handlers before they remove the files; 0 when herd waits for none. */
void cli_files_child(int pid);

/* herd_io_atomic_commit, keep and abort, taking the temporary file off the list. */
int cli_file_commit(herd_io_atomic *w, char *err, size_t err_size);
int cli_file_keep(herd_io_atomic *w, char *err, size_t err_size);
void cli_file_abort(herd_io_atomic *w);

/* Makes folder dir and the missing ones above it: 0, or HERD_EXIT_FAIL after saying
 * "herd CMD: --out ..." and why on stderr. */
int cli_make_folder(const char *cmd, const char *dir);
/* Whether cli_make_folder would succeed, making nothing (herd_io_folder_check): 0, or
 * HERD_EXIT_FAIL after the message cli_make_folder would give. */
int cli_check_folder(const char *cmd, const char *dir);

/* Removes DIR/NAME for each of the n names whose written[i] is 0: the files of the kinds a
 * command writes that this run of it did not, so that the folder holds no file of an earlier
 * run beside this one's. 0, or HERD_EXIT_FAIL after saying "herd CMD: --out ..." and why on
 * stderr for each that could not be removed (a folder of that name is left as it is); the
 * others are removed all the same. */
int cli_remove_unwritten(const char *cmd, const char *dir, const char *const *names,
                         const int *written, size_t n);

/* DIR/NAME, written by write(f, ctx) (0 if it wrote all) under a temporary name and put in
 * place when complete: 0, or -1 with err set. */
typedef int (*cli_writer)(FILE *f, const void *ctx);
int cli_write_file(const char *dir, const char *name, cli_writer write, const void *ctx,
                   char *err, size_t err_size);

/* An output option and the file it names (NULL: not given; "-": standard output). */
typedef struct cli_output_option {
    const char *option, *path;
} cli_output_option;
/* 0 if no two of the n options name the same file (herd_io_same_destination); otherwise
 * HERD_EXIT_USAGE after saying "herd CMD: A and B name the same file, PATH". */
int cli_outputs_distinct(const char *cmd, const cli_output_option *opts, size_t n);

/* Where a subcommand writes its rows: a file through the durable writer, standard output
 * ("-"), or nowhere (a NULL path, f NULL). */
typedef struct cli_output {
    herd_io_atomic *w;
    FILE *f;
} cli_output;
/* Opens path as cli_file_open does: 0, or its status with err set. */
int cli_output_open(cli_output *o, const char *path, char *err, size_t err_size);
/* With ok, puts the file in place, or flushes standard output: 0, or a status with err set;
 * without, removes the file. */
int cli_output_close(cli_output *o, int ok, char *err, size_t err_size);

#endif
