#ifndef HERD_TOOLS_CLI_H
#define HERD_TOOLS_CLI_H

/* What the herd program's subcommands share. Not installed. */
#include <stdio.h>

/* Exit statuses of every subcommand. */
enum { HERD_EXIT_OK = 0, HERD_EXIT_FAIL = 1, HERD_EXIT_USAGE = 2 };

/* Subcommands that live in their own files; argv[0] is the subcommand's name. */
typedef struct herd_catalog herd_catalog;
int herd_cli_optimise(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_classic(int argc, char **argv, FILE *out, FILE *err);
typedef struct herd_catalog herd_catalog;
int herd_cli_robustness(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_calibrate(int argc, char **argv, const herd_catalog *catalog);

/* herd run with checkpoints (tools/run_checkpoint.c): the option values as given. */
typedef struct herd_scenario herd_scenario;
typedef struct herd_policy_type herd_policy_type;
typedef struct herd_cli_checkpointing {
    const char *path, *every, *resume;
} herd_cli_checkpointing;
int herd_cli_run_checkpointed(const herd_scenario *s, const herd_policy_type *override,
                              int threads, const char *out, const herd_cli_checkpointing *ck);

#endif
