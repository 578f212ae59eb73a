/* Fuzzes the checkpoint loader. With -Dfuzz=enabled under clang this is a libFuzzer target;
 * otherwise tests/fuzz/replay.c replays the saved corpus (tests/fuzz/checkpoints, valid
 * checkpoints of small simulations) in every test run. Each input is written to one scratch
 * file and loaded from there with a memory limit of 64 MB: it must either load into a
 * simulation that can be stepped, saved and loaded again, or fail with *out NULL, a negative
 * status and a message. A mutated file almost never keeps a sound CRC, so an input whose
 * last byte is even is first sealed as the writer would seal it (its trailer's length and
 * CRC-32 set): those reach the checks of the payload, the others the checks of the seal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "herd/herd.h"
#include "replay.h"

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_checkpoint: %s\n", what);
        abort();
    }
}

/* The one scratch file of this process, made on the first call. */
static const char *scratch(void)
{
    static char path[64];
    if (path[0] == '\0') {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof path, "%s/herd-fuzz-%ld.ckpt", dir, (long)getpid());
    }
    return path;
}

/* CRC-32 (IEEE, reflected) continued from crc, which starts at 0. */
static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = crc & 1u ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return ~crc;
}

enum { TRAILER = 8 + 4 }; /* the length of what precedes it, then the CRC of all before it */

static void put_file(const uint8_t *data, size_t size)
{
    FILE *f = fopen(scratch(), "wb");
    require(f != NULL, "cannot write the scratch file");
    int seal = size >= TRAILER && data[size - 1] % 2 == 0;
    size_t body = seal ? size - TRAILER : size;
    require(fwrite(data, 1, body, f) == body, "cannot write the scratch file");
    if (seal) {
        uint64_t length = body;
        uint8_t trailer[TRAILER];
        memcpy(trailer, &length, sizeof length);
        uint32_t crc = crc32_update(crc32_update(0, data, body), trailer, sizeof length);
        memcpy(trailer + sizeof length, &crc, sizeof crc);
        require(fwrite(trailer, 1, TRAILER, f) == TRAILER, "cannot write the scratch file");
    }
    require(fclose(f) == 0, "cannot write the scratch file");
}

static int load(herd_sim **sim, char *err, size_t err_size)
{
    herd_load_options opt = {.err = err, .err_size = err_size, .memory_limit = 64e6};
    return herd_sim_load_with(sim, scratch(), &opt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    put_file(data, size);
    herd_sim *sim = (herd_sim *)&sim;
    char err[512] = "";
    int rc = load(&sim, err, sizeof err);
    if (rc != HERD_OK) {
        require(sim == NULL, "a failed load returned a simulation");
        require(rc < 0, "a failure status is not negative");
        require(err[0] != '\0', "a failure without a message");
        unlink(scratch());
        return 0;
    }
    require(sim != NULL, "a good load returned no simulation");
    long tick = herd_sim_tick(sim);
    require(tick >= 0 && tick <= HERD_SIM_TICK_MAX, "a tick out of range");
    int stepped = herd_sim_run(sim, 2);
    require(stepped <= 0, "a positive status");
    if (herd_sim_save(sim, scratch()) == HERD_OK) {
        herd_sim *again = NULL;
        require(load(&again, err, sizeof err) == HERD_OK, "a saved simulation does not load");
        require(herd_sim_tick(again) == herd_sim_tick(sim), "the tick changed on the way");
        herd_sim_free(again);
    }
    herd_sim_free(sim);
    unlink(scratch());
    return 0;
}
