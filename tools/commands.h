#ifndef HERD_TOOLS_COMMANDS_H
#define HERD_TOOLS_COMMANDS_H

/* The subcommands of the herd program, one file each, dispatched by tools/herd.c. argv[0]
 * is the subcommand's name; catalog holds the built-in policies and those of every
 * --plugin FILE (NULL for herd-classic). Each returns an exit status of tools/cli.h: 0 done,
 * 1 a run or a write failed, 2 bad usage or bad input. Not installed. */
#include "herd/policy.h"

int herd_cli_run(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_validate(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_info(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_compare(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_optimise(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_sweep(int argc, char **argv, const herd_catalog *catalog);
/* herd classic MODEL [--set KEY=VALUE | --KEY VALUE]... [--reps N] [--seed N] [--out FILE|-]:
 * CSV to FILE through the durable writer, or to standard output. */
int herd_cli_classic(int argc, char **argv, const herd_catalog *catalog);
/* The same as the stand-alone program, argv[0] its own path: usage and messages name it by
 * the last part of that path ("herd-classic MODEL ..."). */
int herd_cli_classic_alone(int argc, char **argv);
int herd_cli_robustness(int argc, char **argv, const herd_catalog *catalog);
int herd_cli_calibrate(int argc, char **argv, const herd_catalog *catalog);

#endif
