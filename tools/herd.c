/* The herd program: subcommands dispatched through one table, each in its own file
 * (tools/commands.h). Exit status 0 on success, 1 when a run fails, 2 for bad usage or bad
 * input. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_files.h"
#include "cli_plugins.h"
#include "commands.h"
#include "herd/herd.h"

typedef struct command {
    const char *name;
    int (*main)(int argc, char **argv, const herd_catalog *catalog);
    int plugins; /* takes --plugin FILE */
    const char *summary;
} command;

static const command commands[] = {
    {"run", herd_cli_run, 1, "run a scenario, write CSV"},
    {"validate", herd_cli_validate, 1, "check scenario files"},
    {"info", herd_cli_info, 1, "version, policies, parameters"},
    {"compare", herd_cli_compare, 1, "compare leadership styles over paired replications"},
    {"optimise", herd_cli_optimise, 1, "the best stance for a scenario, or a map of them"},
    {"sweep", herd_cli_sweep, 1, "parameter sweeps, resumable, on threads or MPI"},
    {"classic", herd_cli_classic, 0, "classic organisational-learning models"},
    {"robustness", herd_cli_robustness, 1, "how far the stylised facts hold over plausible parameters"},
    {"calibrate", herd_cli_calibrate, 1, "fit parameters to field targets, test on held-out ones"},
};

enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

static void usage(FILE *f)
{
    fprintf(f, "Usage: herd COMMAND [ARGS]   (herd COMMAND --help for each)\n\nCommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n  --version  print the version\n");
}

int main(int argc, char **argv)
{
    cli_files_catch_signals();
    if (argc < 2) {
        usage(stderr);
        return HERD_EXIT_USAGE;
    }
    if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return HERD_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("herd %s\n", herd_version());
        return HERD_EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (!commands[i].plugins)
            return commands[i].main(argc - 1, argv + 1, NULL);
        int sub_argc = argc - 1;
        herd_catalog *catalog = NULL;
        int rc = cli_plugins_take(argv[1], &sub_argc, argv + 1, &catalog);
        if (rc == 0)
            rc = commands[i].main(sub_argc, argv + 1, catalog);
        herd_catalog_free(catalog);
        return rc;
    }
    fprintf(stderr, "herd: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return HERD_EXIT_USAGE;
}
