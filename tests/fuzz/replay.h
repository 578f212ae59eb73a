#ifndef HERD_TESTS_FUZZ_REPLAY_H
#define HERD_TESTS_FUZZ_REPLAY_H

/* What every fuzz target defines: one input, 0 when it was handled (a finding aborts). */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
