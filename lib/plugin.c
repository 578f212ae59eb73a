/* Plug-ins: shared objects whose policy types join a catalogue. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog_internal.h"
#include "errmsg.h"
#include "herd/error.h"

void herd_catalog_plugin_release(herd_catalog_plugin *p)
{
    if (p->handle != NULL)
        dlclose(p->handle);
    free(p->path);
    memset(p, 0, sizeof *p);
}

/* The entry point of an open object; ISO C has no cast from an object pointer to a function
 * pointer, so the bytes are copied. */
static herd_plugin_entry_fn entry_of(void *handle)
{
    void *symbol = dlsym(handle, HERD_PLUGIN_ENTRY);
    herd_plugin_entry_fn fn = NULL;
    if (symbol != NULL)
        memcpy(&fn, &symbol, sizeof fn);
    return fn;
}

/* Every policy usable, of this library's version, named once and not yet in c. */
static int check_policies(const herd_catalog *c, const char *path, const herd_plugin *plugin,
                          char *err, size_t err_size)
{
    const herd_policy_type *const *all = plugin->policies;
    for (size_t i = 0; all[i] != NULL; i++) {
        const herd_policy_type *t = all[i];
        const char *name = t->name != NULL ? t->name : "(no name)";
        if (t->version < 1 || t->version > HERD_POLICY_VERSION)
            return herd_errf(err, err_size, HERD_EVERSION,
                             "%s: policy %s has version %u; this herd reads versions 1 to %d",
                             path, name, t->version, HERD_POLICY_VERSION);
        if (herd_policy_check(t) != HERD_OK)
            return herd_errf(err, err_size, HERD_EINVAL,
                             "%s: policy %s is not usable (it needs a name and a decide or "
                             "decide_data function)", path, name);
        if (herd_catalog_find(c, t->name) != NULL)
            return herd_errf(err, err_size, HERD_ESTATE,
                             "%s: policy %s: a policy of that name is already loaded", path,
                             name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(all[j]->name, t->name) == 0)
                return herd_errf(err, err_size, HERD_ESTATE,
                                 "%s: policy %s is named twice in the plug-in", path, name);
    }
    return HERD_OK;
}

static int check_plugin(const herd_catalog *c, const char *path, const herd_plugin *plugin,
                        char *err, size_t err_size)
{
    if (plugin == NULL || plugin->policies == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "%s: %s returned no plug-in or no policies",
                         path, HERD_PLUGIN_ENTRY);
    if (plugin->version != HERD_PLUGIN_VERSION)
        return herd_errf(err, err_size, HERD_EVERSION,
                         "%s: plug-in version %u; this herd reads version %d (rebuild it "
                         "against this herd's herd/plugin.h)",
                         path, plugin->version, HERD_PLUGIN_VERSION);
    return check_policies(c, path, plugin, err, err_size);
}

herd_status herd_catalog_load_plugin(herd_catalog *c, const char *path, char *err, size_t err_size)
{
    if (c == NULL || path == NULL)
        return herd_errf(err, err_size, HERD_EINVAL, "no catalogue or no plug-in path");
    herd_catalog_plugin p = {dlopen(path, RTLD_NOW | RTLD_LOCAL), NULL, NULL};
    if (p.handle == NULL) {
        const char *why = dlerror();
        /* dlopen looks for a name without a slash on the library path, not in the folder. */
        int here = strchr(path, '/') == NULL && access(path, F_OK) == 0;
        return herd_errf(err, err_size, HERD_EIO, "%s: cannot load the plug-in: %s%s%s", path,
                         why != NULL ? why : "unknown reason",
                         here ? "; a name without a slash is looked for on the library path: "
                                "for the file in this folder, write ./"
                              : "",
                         here ? path : "");
    }
    herd_plugin_entry_fn entry = entry_of(p.handle);
    int rc = entry == NULL ? herd_errf(err, err_size, HERD_ENOTFOUND,
                                       "%s: no %s function: not a herd plug-in", path,
                                       HERD_PLUGIN_ENTRY)
                           : check_plugin(c, path, p.plugin = entry(), err, err_size);
    if (rc == HERD_OK && (p.path = strdup(path)) == NULL)
        rc = herd_errf(err, err_size, HERD_ENOMEM, "%s: out of memory", path);
    if (rc == HERD_OK && (rc = herd_catalog_adopt(c, &p)) != HERD_OK)
        herd_errf(err, err_size, rc, "%s: out of memory", path);
    if (rc != HERD_OK)
        herd_catalog_plugin_release(&p);
    return rc;
}
