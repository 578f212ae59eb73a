/* The catalogue of policies a program can name: the built-ins, then what the program adds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_internal.h"
#include "errmsg.h"
#include "herd/error.h"

struct herd_catalog {
    const herd_policy_type **types;
    long *origin; /* [type]: index in plugins, or -1 */
    size_t n, cap;
    herd_catalog_plugin *plugins;
    size_t n_plugins;
};

static int reserve(herd_catalog *c)
{
    if (c->n < c->cap)
        return HERD_OK;
    if (c->cap > SIZE_MAX / 2 / sizeof *c->types)
        return HERD_ENOMEM;
    size_t cap = c->cap ? 2 * c->cap : 8;
    const herd_policy_type **grown = realloc(c->types, cap * sizeof *grown);
    if (grown == NULL)
        return HERD_ENOMEM;
    c->types = grown;
    long *origin = realloc(c->origin, cap * sizeof *origin);
    if (origin == NULL)
        return HERD_ENOMEM;
    c->origin = origin;
    c->cap = cap;
    return HERD_OK;
}

herd_status herd_catalog_new(herd_catalog **out)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    herd_catalog *c = calloc(1, sizeof *c);
    if (c == NULL)
        return HERD_ENOMEM;
    const herd_policy_type *const *all = herd_policy_builtins();
    for (size_t i = 0; all[i] != NULL; i++) {
        if (reserve(c) != HERD_OK) {
            herd_catalog_free(c);
            return HERD_ENOMEM;
        }
        c->origin[c->n] = -1;
        c->types[c->n++] = all[i];
    }
    *out = c;
    return HERD_OK;
}

herd_status herd_catalog_add(herd_catalog *c, const herd_policy_type *type, char *err,
                             size_t err_size)
{
    if (c == NULL || type == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no catalogue or no policy type");
    if (herd_policy_check(type) != HERD_OK)
        return herd_errf(err, err_size, HERD_EINVAL,
                   "policy %s: not a usable type (it needs a version up to "
                   "HERD_POLICY_VERSION, a name and a decide or decide_data function)",
                   type->name != NULL ? type->name : "(no name)");
    if (herd_catalog_find(c, type->name) != NULL)
        return herd_errf(err, err_size, HERD_ESTATE, "policy %s: the catalogue already holds one "
                   "of that name", type->name);
    if (reserve(c) != HERD_OK)
        return herd_errf(err, err_size, HERD_ENOMEM, "policy %s: out of memory", type->name);
    c->origin[c->n] = -1;
    c->types[c->n++] = type;
    return HERD_OK;
}

int herd_catalog_adopt(herd_catalog *c, const herd_catalog_plugin *plugin)
{
    size_t count = 0;
    while (plugin->plugin->policies[count] != NULL)
        count++;
    herd_catalog_plugin *grown = realloc(c->plugins, (c->n_plugins + 1) * sizeof *grown);
    if (grown == NULL)
        return HERD_ENOMEM;
    c->plugins = grown;
    for (size_t i = 0; i < count; i++)
        if (reserve(c) != HERD_OK)
            return HERD_ENOMEM;
    c->plugins[c->n_plugins] = *plugin;
    for (size_t i = 0; i < count; i++) {
        c->origin[c->n] = (long)c->n_plugins;
        c->types[c->n++] = plugin->plugin->policies[i];
    }
    c->n_plugins++;
    return HERD_OK;
}

const herd_plugin *herd_catalog_plugin_of(const herd_catalog *c, const herd_policy_type *type)
{
    for (size_t i = 0; c != NULL && i < c->n; i++)
        if (c->types[i] == type)
            return c->origin[i] >= 0 ? c->plugins[c->origin[i]].plugin : NULL;
    return NULL;
}

const char *herd_catalog_plugin_path(const herd_catalog *c, const herd_plugin *plugin)
{
    for (size_t i = 0; c != NULL && i < c->n_plugins; i++)
        if (c->plugins[i].plugin == plugin)
            return c->plugins[i].path;
    return NULL;
}

const herd_policy_type *herd_catalog_find(const herd_catalog *c, const char *name)
{
    if (c == NULL || name == NULL)
        return NULL;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->types[i]->name, name) == 0)
            return c->types[i];
    return NULL;
}

size_t herd_catalog_count(const herd_catalog *c)
{
    return c != NULL ? c->n : 0;
}

const herd_policy_type *herd_catalog_get(const herd_catalog *c, size_t i)
{
    return c != NULL && i < c->n ? c->types[i] : NULL;
}

void herd_catalog_free(herd_catalog *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n_plugins; i++)
        herd_catalog_plugin_release(&c->plugins[i]);
    free(c->plugins);
    free(c->types);
    free(c->origin);
    free(c);
}
