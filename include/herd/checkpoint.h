#ifndef HERD_CHECKPOINT_H
#define HERD_CHECKPOINT_H

/* Checkpoints: a simulation saved to a file and loaded back, so that a long run can stop and
 * go on later. A loaded simulation continues exactly as the saved one would have: the
 * records of a run saved at tick k, loaded and run on equal those of a run never stopped,
 * bit for bit.
 *
 * What is saved: the parameters, the seed, the tick, the started and failed flags, every
 * team's random stream, sums, crisis, leader and climate, the employees' state, the network
 * as the simulation keeps it, the events, the last record, and each team's policy by name
 * with the bytes of its state. The network starts with a 4-byte word that says what it
 * holds: 1 when every team is a clique (ties_within 1), whose team mates are implied: then
 * only the ties across teams, as n_agents + 1 offsets of 32 bits and a 32-bit target a tie;
 * 0 otherwise: then every tie, as n_agents + 1 offsets of 64 bits and a 32-bit target a tie.
 * What is not: observers (register them again), the settings (given to the loader), and the
 * policy types themselves, which are looked up by name when loading.
 *
 * The file: "HERDCKPT", a format version, a byte-order marker and the sizes of the saved
 * structures, the caller's note (its length as 4 bytes, then its bytes), the payload, then
 * the length of all that and a CRC-32 of everything before the CRC.
 * It is meant to be read back on the same kind of machine by the same version of herd: a file
 * from another byte order or other structure sizes is refused (HERD_EFORMAT), as is one from
 * a build with other parameters (HERD_EVERSION). Files of version 3 are read too: they differ
 * only in the network, held as whole rows (64-bit offsets, each row its team mates first,
 * then its ties across teams) without the word before it, whatever the teams.
 *
 * Policies: a policy's state is saved as its bytes, so only plain data can be saved. A
 * policy type with a free function owns something beyond its state block; a started
 * simulation with such a policy is refused by herd_sim_save and by the loader
 * (HERD_EUNSUPPORTED). */

#include <stddef.h>
#include <stdio.h>

#include "herd/error.h"
#include "herd/export.h"
#include "herd/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HERD_CHECKPOINT_VERSION 4

/* The longest note a checkpoint carries, in bytes. */
#define HERD_CHECKPOINT_NOTE_MAX 65536

typedef struct herd_save_options {
    /* Optional: note_size bytes the library stores as they are and gives back to
     * herd_sim_load_with, e.g. what the caller needs to know that a checkpoint is its own.
     * NULL with note_size 0 for none. */
    const void *note;
    size_t note_size; /* at most HERD_CHECKPOINT_NOTE_MAX */
} herd_save_options;

/* Writes sim to path through the durable writer (include/herd/io.h): under a temporary name
 * in the same folder, synced, then renamed, so path holds either the old file or the
 * complete new one; a link is followed and kept, a device written in place. HERD_EIO if
 * writing fails, HERD_ERANGE for a note longer than HERD_CHECKPOINT_NOTE_MAX, HERD_EINVAL
 * for a NULL note of non-zero size, HERD_ENOMEM when the simulation's allocator fails (the
 * detail in herd_sim_errmsg). herd_sim_save writes an empty note; opt NULL is the same. */
HERD_API herd_status herd_sim_save(herd_sim *sim, const char *path);
HERD_API herd_status herd_sim_save_with(herd_sim *sim, const char *path,
                                        const herd_save_options *opt);
/* Writes the checkpoint to out as it stands (the caller makes it durable, e.g. with
 * herd_io_atomic_commit), flushing out. The statuses of herd_sim_save_with. */
HERD_API herd_status herd_sim_write(herd_sim *sim, FILE *out, const herd_save_options *opt);

/* Finds a policy type by the name a checkpoint holds; NULL if unknown. */
typedef const herd_policy_type *(*herd_policy_resolver)(void *ctx, const char *name);

/* A herd_policy_resolver whose ctx is a NULL-terminated array of policy types
 * (const herd_policy_type *const *): the first whose name matches. */
HERD_API const herd_policy_type *herd_policy_resolve_list(void *ctx, const char *name);

typedef struct herd_load_options {
    const herd_settings *settings; /* of the new simulation; NULL for the defaults */
    /* Asked first for each policy name; the built-ins (herd_policy_find) are tried when it is
     * NULL or returns NULL. A name found nowhere gives HERD_ENOTFOUND. */
    herd_policy_resolver resolve;
    void *resolve_ctx;
    char *err; /* optional: what was wrong, truncated to err_size */
    size_t err_size;
    /* Optional: receives the first note_cap bytes of the checkpoint's note (as given to
     * herd_sim_save_with), and *note_size its whole length, which is more than note_cap if
     * the note was cut; a buffer of HERD_CHECKPOINT_NOTE_MAX bytes holds every note. Left
     * alone if loading fails before the note is read; filled before the checksum is checked,
     * so to be trusted only when loading succeeds. */
    void *note;
    size_t note_cap;
    size_t *note_size;
    /* Bytes the loading may take: the simulation and a buffer of 64 KiB through which the
     * file is read, whatever the file's size; 0 for herd_sim_memory_limit(). */
    double memory_limit;
} herd_load_options;

/* Makes *out from the checkpoint at path; on failure *out is NULL, nothing is left
 * allocated, and the status says why: HERD_EIO (cannot read), HERD_EFORMAT (not a
 * checkpoint, truncated, inconsistent, from another kind of machine, or holding a state the
 * engine never reaches: a value outside its range, NaN, an even generator increment, network
 * offsets that fall or do not end at the number of ties the parameters make, a tie to no
 * agent, in clique teams a tie across teams to the agent's own team or (version 3) a row
 * that does not start with its team mates in order, a tick beyond HERD_SIM_TICK_MAX or one
 * the last record or the flags disagree with, a policy state its type's check refuses),
 * HERD_ETOOBIG (the simulation its parameters describe would take more than memory_limit:
 * refused before it is made, with the message herd_scenario_check_memory gives), HERD_EINVAL
 * (NULL path or opt, or only one half of an allocator in the settings), HERD_EVERSION (a
 * format version other than 3 and 4, or another parameter table), HERD_ECHECKSUM (damaged),
 * HERD_ENOTFOUND (a policy name not resolved), HERD_EUNSUPPORTED, HERD_ENOMEM.
 * herd_sim_load uses the built-in policies only. The file is read once, in pieces, straight
 * into the new simulation: never whole in memory. Its header and its length are checked
 * first; then, whatever fails on the way, the rest is read to check the CRC-32, so a damaged
 * file gives HERD_ECHECKSUM (or HERD_EIO if reading fails) whatever else is wrong in it, and
 * a simulation is handed over only from a file read whole and sound. Parameters that claim
 * more agents than the file can hold are refused (HERD_EFORMAT) before anything is made for
 * them. */
HERD_API herd_status herd_sim_load(herd_sim **out, const char *path, const herd_settings *settings);
HERD_API herd_status herd_sim_load_with(herd_sim **out, const char *path,
                                        const herd_load_options *opt);

/* The seed a simulation was made with. */
HERD_API uint64_t herd_sim_seed(const herd_sim *sim);

#ifdef __cplusplus
}
#endif

#endif
