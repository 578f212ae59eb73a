#ifndef HERD_TOOLS_CLI_H
#define HERD_TOOLS_CLI_H

/* Exit statuses of every subcommand. Not installed. */
enum { HERD_EXIT_OK = 0, HERD_EXIT_FAIL = 1, HERD_EXIT_USAGE = 2 };

#endif
