#ifndef HERD_TOOLS_RUN_CHECKPOINT_H
#define HERD_TOOLS_RUN_CHECKPOINT_H

/* herd run with checkpoints: --checkpoint, --checkpoint-every and --resume as given (NULL
 * when absent). Returns an exit status of tools/cli.h. Not installed. */
#include "herd/scenario.h"

/* A checkpointed run's rows grow in OUT.partial until the run is done. */
#define HERD_CLI_PARTIAL_SUFFIX ".partial"

typedef struct herd_cli_checkpointing {
    const char *path, *every, *resume;
} herd_cli_checkpointing;

int herd_cli_run_checkpointed(const herd_scenario *s, const herd_policy_type *override,
                              int threads, const char *out, const herd_cli_checkpointing *ck);

#endif
