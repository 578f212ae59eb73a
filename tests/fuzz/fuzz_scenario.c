/* Fuzzes the scenario parser. With -Dfuzz=enabled under clang this is a libFuzzer target;
 * otherwise tests/fuzz/replay.c replays the saved corpus in every test run. Each input must
 * either parse into a scenario that validates, or fail with *out NULL and a message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herd/herd.h"

#include "replay.h"

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_scenario: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    herd_scenario *s = NULL;
    char err[512] = "";
    int rc = herd_scenario_parse(&s, (const char *)data, size, "fuzz.ini", err, sizeof err);
    if (rc != HERD_OK) {
        require(s == NULL, "a failed parse returned a scenario");
        require(rc < 0, "a failure status is not negative");
        require(strncmp(err, "fuzz.ini", 8) == 0, "a failure message lacks the file name");
        return 0;
    }
    require(s != NULL, "a good parse returned no scenario");
    require(herd_scenario_validate(s, err, sizeof err) == HERD_OK, "parsed but not valid");
    require(herd_scenario_policy_label(s, NULL) != NULL, "no policy label");
    require(herd_scenario_memory(s) > 0, "no memory estimate");
    herd_scenario_free(s);
    return 0;
}
