#ifndef HERD_LIB_CATALOG_INTERNAL_H
#define HERD_LIB_CATALOG_INTERNAL_H

/* What the catalogue keeps of a plug-in it loaded. Not installed. */
#include "herd/plugin.h"

typedef struct herd_catalog_plugin {
    void *handle; /* from dlopen, closed when the catalogue is freed */
    char *path;
    const herd_plugin *plugin;
} herd_catalog_plugin;

/* Adds the plug-in's policies, already checked, and takes the plug-in over: HERD_OK, or
 * HERD_ENOMEM with c as it was (the caller still owns the plug-in). */
int herd_catalog_adopt(herd_catalog *c, const herd_catalog_plugin *plugin);
/* Closes the shared object and frees the path. */
void herd_catalog_plugin_release(herd_catalog_plugin *plugin);

#endif
