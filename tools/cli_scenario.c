#include "cli_scenario.h"

#include <stdio.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_memory.h"

enum { ERR_SIZE = 1024, KEY_SIZE = 256 };

static int set_option(const char *cmd, herd_scenario *s, const char *opt, const char *key,
                      const char *value)
{
    char err[ERR_SIZE];
    if (value == NULL || herd_scenario_set(s, key, value, err, sizeof err) == HERD_OK)
        return 0;
    fprintf(stderr, "herd %s: %s %s: %s\n", cmd, opt, value, err);
    return HERD_EXIT_USAGE;
}

static int set_assignment(const char *cmd, herd_scenario *s, const char *text)
{
    char key[KEY_SIZE], err[ERR_SIZE];
    const char *value;
    if (cli_split_assignment(text, key, sizeof key, &value) != 0)
        return cli_usage_error(cmd, "--set %s: expected KEY=VALUE", text);
    if (herd_scenario_set(s, key, value, err, sizeof err) == HERD_OK)
        return 0;
    fprintf(stderr, "herd %s: --set: %s\n", cmd, err);
    return HERD_EXIT_USAGE;
}

int cli_scenario_override(const char *cmd, herd_scenario *s, const cli_overrides *ov)
{
    int rc = 0;
    for (size_t i = 0; ov != NULL && rc == 0 && i < ov->n_sets; i++)
        rc = set_assignment(cmd, s, ov->sets[i]);
    if (ov == NULL || rc != 0)
        return rc;
    if ((rc = set_option(cmd, s, "--ticks", "run.ticks", ov->ticks)) == 0 &&
        (rc = set_option(cmd, s, "--seed", "run.seed", ov->seed)) == 0)
        rc = set_option(cmd, s, "--reps", "run.reps", ov->reps);
    return rc;
}

int cli_scenario_load(const char *cmd, const char *path, const herd_catalog *catalog,
                      const cli_overrides *ov, herd_scenario **out)
{
    char err[ERR_SIZE];
    herd_scenario *s = NULL;
    *out = NULL;
    if (cli_memory_check(cmd) != 0)
        return HERD_EXIT_USAGE;
    if (herd_scenario_load_with(&s, path, catalog, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "%s\n", err);
        return HERD_EXIT_USAGE;
    }
    int rc = cli_scenario_override(cmd, s, ov);
    if (rc == 0 && herd_scenario_validate(s, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "%s\n", err);
        rc = HERD_EXIT_USAGE;
    }
    if (rc != 0) {
        herd_scenario_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int cli_scenario_fits(const herd_scenario *s)
{
    char err[ERR_SIZE];
    if (herd_scenario_check_memory(s, cli_memory_limit(), err, sizeof err) == HERD_OK)
        return 0;
    fprintf(stderr, "%s\n", err);
    return HERD_EXIT_USAGE;
}
