#ifndef HERD_PLUGIN_H
#define HERD_PLUGIN_H

/* Plug-ins: shared objects that add policy types to a catalogue, so that the herd program
 * (`--plugin FILE.so`) and any program linking the library can name them in scenarios,
 * comparisons and sweeps like the built-ins.
 *
 * A plug-in defines one function, named HERD_PLUGIN_ENTRY, that returns a pointer to a
 * constant herd_plugin:
 *
 *     static const herd_policy_type *const types[] = {&my_policy, NULL};
 *     static const herd_plugin plugin = {HERD_PLUGIN_VERSION, "mine", types};
 *     HERD_PLUGIN_EXPORT const herd_plugin *herd_plugin_entry(void) { return &plugin; }
 *
 * built as a shared object against this header (examples/plugins/readiness.c). */

#include <stddef.h>

#include "herd/error.h"
#include "herd/export.h"
#include "herd/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The version of struct herd_plugin this library reads. */
#define HERD_PLUGIN_VERSION 1
/* The symbol a plug-in exports. */
#define HERD_PLUGIN_ENTRY "herd_plugin_entry"

#if defined(__GNUC__)
#define HERD_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define HERD_PLUGIN_EXPORT
#endif

typedef struct herd_plugin {
    unsigned version;                         /* HERD_PLUGIN_VERSION */
    const char *name;                         /* for messages and herd info */
    const herd_policy_type *const *policies;  /* NULL-terminated */
} herd_plugin;

typedef const herd_plugin *(*herd_plugin_entry_fn)(void);

/* Opens the shared object at path, calls its entry point and adds every policy it returns to
 * c; c keeps the object open until herd_catalog_free. All or nothing: on failure nothing is
 * added and err names the file and what is wrong:
 *   HERD_EIO       the file cannot be opened as a shared object (dlerror's reason);
 *   HERD_ENOTFOUND it has no HERD_PLUGIN_ENTRY symbol;
 *   HERD_EVERSION  its herd_plugin has another version than HERD_PLUGIN_VERSION, or one of
 *                  its policy types a version herd_policy_check refuses (0 or above
 *                  HERD_POLICY_VERSION);
 *   HERD_EINVAL    NULL arguments, a NULL plug-in or policy list, an unusable policy type;
 *   HERD_ESTATE    a policy's name is already in c (a built-in's, another plug-in's) or
 *                  twice in the plug-in;
 *   HERD_ENOMEM. */
HERD_API herd_status herd_catalog_load_plugin(herd_catalog *c, const char *path, char *err,
                                              size_t err_size);

/* The plug-in that added policy type to c, or NULL for a built-in or a type added with
 * herd_catalog_add. */
HERD_API const herd_plugin *herd_catalog_plugin_of(const herd_catalog *c,
                                                   const herd_policy_type *type);
/* The file that plug-in came from, or NULL. */
HERD_API const char *herd_catalog_plugin_path(const herd_catalog *c, const herd_plugin *plugin);

#ifdef __cplusplus
}
#endif

#endif
