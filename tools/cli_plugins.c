/* --plugin FILE: plug-ins loaded before a subcommand reads its own options. */
#include "cli_plugins.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The file of the --plugin option at argv[i], and how many arguments it takes (0 if argv[i]
 * is not one, or it lacks its file). */
static int plugin_option(int argc, char **argv, int i, const char **file)
{
    static const char name[] = "--plugin";
    const char *a = argv[i];
    size_t n = sizeof name - 1;
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *file = a + n + 1;
        return 1;
    }
    if (a[n] != '\0' || i + 1 >= argc)
        return 0;
    *file = argv[i + 1];
    return 2;
}

static int load(const char *cmd, herd_catalog *c, const char *file)
{
    char err[1024];
    if (*file == '\0') {
        fprintf(stderr, "herd %s: --plugin: empty file name\n", cmd);
        return HERD_EXIT_USAGE;
    }
    int rc = herd_catalog_load_plugin(c, file, err, sizeof err);
    if (rc == HERD_OK)
        return 0;
    fprintf(stderr, "herd %s: --plugin %s\n", cmd, err);
    return rc == HERD_ENOMEM ? HERD_EXIT_FAIL : HERD_EXIT_USAGE;
}

int cli_plugins_take(const char *cmd, int *argc, char **argv, herd_catalog **out)
{
    herd_catalog *c = NULL;
    *out = NULL;
    if (herd_catalog_new(&c) != HERD_OK) {
        fprintf(stderr, "herd %s: out of memory\n", cmd);
        return HERD_EXIT_FAIL;
    }
    int kept = 0, rc = 0;
    for (int i = 0; i < *argc && rc == 0;) {
        const char *file = NULL;
        int taken = i > 0 ? plugin_option(*argc, argv, i, &file) : 0;
        if (taken == 0) {
            argv[kept++] = argv[i++];
            continue;
        }
        rc = load(cmd, c, file);
        i += taken;
    }
    if (rc != 0) {
        herd_catalog_free(c);
        return rc;
    }
    argv[kept] = NULL;
    *argc = kept;
    *out = c;
    return 0;
}

void cli_plugins_list(FILE *f, const herd_catalog *catalog)
{
    for (size_t i = 0; i < herd_catalog_count(catalog); i++) {
        const herd_policy_type *t = herd_catalog_get(catalog, i);
        const herd_plugin *p = herd_catalog_plugin_of(catalog, t);
        fprintf(f, "%s%s", i ? ", " : "", t->name);
        if (p != NULL)
            fprintf(f, " (plug-in %s)", herd_catalog_plugin_path(catalog, p));
    }
}
