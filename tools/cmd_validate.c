/* herd validate: scenario files checked as herd run would load them, without running. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_memory.h"
#include "cli_scenario.h"
#include "commands.h"
#include "herd/herd.h"

static const char validate_help[] =
    "Usage: herd validate SCENARIO... [--set KEY=VALUE]... [--plugin FILE]...\n"
    "Checks scenario files as herd run would, without running them: syntax, keys, types,\n"
    "ranges, styles, events inside the run, team ranges inside the organisation, and\n"
    "whether one simulation fits in this machine's memory, after the --set options (as\n"
    "herd run applies them, to every file). Prints one line per good file; the first\n"
    "problem of a bad file as FILE:LINE: key: message. Exit status 0 if all are good, 2\n"
    "otherwise.\n";

/* One file: a line if it is good, its first problem if not. 0 or HERD_EXIT_USAGE. */
static int validate(const char *path, const herd_catalog *catalog, const cli_overrides *over)
{
    herd_scenario *s = NULL;
    int rc = cli_scenario_load("validate", path, catalog, over, &s);
    if (rc == 0)
        rc = cli_scenario_fits(s);
    if (rc == 0)
        printf("%s: ok: %ld teams of %ld, %ld ticks, %ld reps, policy %s, events %zu, "
               "styles %zu\n",
               path, s->params.n_teams, s->params.team_size, s->ticks, s->reps,
               herd_scenario_policy_label(s, NULL), s->n_events, herd_scenario_style_count(s));
    herd_scenario_free(s);
    return rc;
}

int herd_cli_validate(int argc, char **argv, const herd_catalog *catalog)
{
    const char **sets = calloc((size_t)argc, sizeof *sets);
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t n_files = 0;
    cli_overrides over = {.sets = sets};
    int rc = sets == NULL || files == NULL ? HERD_EXIT_FAIL : HERD_EXIT_OK;
    if (rc != HERD_EXIT_OK)
        fputs("herd validate: out of memory\n", stderr);
    for (int i = 1; i < argc && rc == HERD_EXIT_OK; i++) {
        int missing = 0;
        const char *v = cli_option_value(argc, argv, &i, "--set", &missing);
        if (cli_is_help(argv[i])) {
            fputs(validate_help, stdout);
            rc = -1;
        } else if (v != NULL) {
            sets[over.n_sets++] = v;
        } else if ((rc = cli_operand("validate", argv[i], missing)) == HERD_EXIT_OK) {
            files[n_files++] = argv[i];
        }
    }
    if (rc == HERD_EXIT_OK && n_files == 0)
        rc = cli_usage_error("validate", "%s", "no scenario file given");
    if (rc == HERD_EXIT_OK)
        rc = cli_memory_check("validate"); /* once, not for every file */
    int bad = 0;
    for (size_t i = 0; rc == HERD_EXIT_OK && i < n_files; i++)
        bad |= validate(files[i], catalog, &over) != 0;
    free(sets);
    free(files);
    if (rc != HERD_EXIT_OK)
        return rc < 0 ? HERD_EXIT_OK : rc;
    return bad ? HERD_EXIT_USAGE : HERD_EXIT_OK;
}
