#ifndef HERD_TOOLS_CLI_H
#define HERD_TOOLS_CLI_H

/* What the herd program's subcommands share. Not installed. */
#include <stdio.h>

/* Exit statuses of every subcommand. */
enum { HERD_EXIT_OK = 0, HERD_EXIT_FAIL = 1, HERD_EXIT_USAGE = 2 };

/* Subcommands that live in their own files; argv[0] is the subcommand's name. */
int herd_cli_compare(int argc, char **argv);
int herd_cli_classic(int argc, char **argv, FILE *out, FILE *err);

#endif
