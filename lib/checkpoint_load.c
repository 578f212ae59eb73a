/* Loading a simulation from a checkpoint (include/herd/checkpoint.h), read once from the start
 * in pieces into the new simulation, which is handed over only when all of it has been read,
 * checked and found to match the file's CRC-32. */
#include "herd/checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkpoint_format.h"
#include "errmsg.h"
#include "herd/error.h"
#include "memory.h"
#include "sim_internal.h"

#define READ_BUFFER 65536

/* The file, read once from its start through a buffer, its CRC-32 kept over every byte taken. */
typedef struct reader {
    int fd;
    uint64_t len; /* bytes before the trailer, which get() reads no further than */
    uint64_t at;  /* bytes taken */
    int short_read; /* a read went past len: the payload is inconsistent */
    int read_errno; /* reading the file failed; -1 if it ended early */
    uint32_t crc;   /* of the bytes taken */
    size_t buf_at, buf_len;
    herd_crc32_table table;
    unsigned char buf[READ_BUFFER];
} reader;

static int refill(reader *r)
{
    ssize_t n;
    do
        n = read(r->fd, r->buf, sizeof r->buf);
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        r->read_errno = n == 0 ? -1 : errno;
        return -1;
    }
    r->buf_at = 0;
    r->buf_len = (size_t)n;
    return 0;
}

/* The next n bytes of the file into out (NULL: passed over), whatever len says; zeros if the
 * file cannot give them. */
static void take(reader *r, void *out, size_t n)
{
    unsigned char *to = out;
    while (n > 0) {
        if (r->buf_at == r->buf_len && (r->read_errno != 0 || refill(r) != 0)) {
            if (to != NULL)
                memset(to, 0, n);
            return;
        }
        size_t k = r->buf_len - r->buf_at < n ? r->buf_len - r->buf_at : n;
        const unsigned char *from = r->buf + r->buf_at;
        r->crc = herd_crc32_update(&r->table, r->crc, from, k);
        if (to != NULL) {
            memcpy(to, from, k);
            to += k;
        }
        r->buf_at += k;
        r->at += k;
        n -= k;
    }
}

/* The next n bytes before the trailer into out (NULL: passed over); past len, zeros and
 * short_read, which stays set. */
static int get(reader *r, void *out, size_t n)
{
    if (r->short_read || n > r->len - r->at) {
        r->short_read = 1;
        if (out != NULL)
            memset(out, 0, n);
        return -1;
    }
    take(r, out, n);
    return 0;
}

static uint32_t get_u32(reader *r)
{
    uint32_t v;
    get(r, &v, sizeof v);
    return v;
}

static uint64_t get_u64(reader *r)
{
    uint64_t v;
    get(r, &v, sizeof v);
    return v;
}

static long get_i64(reader *r)
{
    int64_t v;
    get(r, &v, sizeof v);
    return (long)v;
}

static double get_f64(reader *r)
{
    double v;
    get(r, &v, sizeof v);
    return v;
}

typedef struct loading {
    const herd_load_options *opt;
    const char *path;
    herd_allocator alloc;
    double limit; /* bytes the loading may take */
    reader *in;
    herd_sim *sim;
    uint32_t version; /* of the file's format */
    int started; /* the saved simulation had started: policy states follow */
} loading;

static int load_error(loading *ld, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int load_error(loading *ld, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    herd_verrf(ld->opt->err, ld->opt->err_size, status, fmt, ap);
    va_end(ap);
    return status;
}

/* A regular file of at least a header and a trailer, and a reader at its first byte. */
static int open_file(loading *ld)
{
    int fd = open(ld->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return load_error(ld, HERD_EIO, "%s: %s", ld->path, strerror(errno));
    struct stat st;
    int rc = HERD_OK;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        rc = load_error(ld, HERD_EIO, "%s: not a readable regular file", ld->path);
    else if (st.st_size < HERD_CKPT_HEADER_LEN + HERD_CKPT_TRAILER_LEN)
        rc = load_error(ld, HERD_EFORMAT, "%s: too short for a checkpoint (%lld bytes)",
                        ld->path, (long long)st.st_size);
    else if ((ld->in = herd_calloc(&ld->alloc, 1, sizeof *ld->in)) == NULL)
        rc = load_error(ld, HERD_ENOMEM, "no memory to read %s", ld->path);
    if (rc != HERD_OK) {
        close(fd);
        return rc;
    }
    ld->in->fd = fd;
    ld->in->len = (uint64_t)st.st_size - HERD_CKPT_TRAILER_LEN;
    herd_crc32_init(&ld->in->table);
    return HERD_OK;
}

static void close_file(loading *ld)
{
    if (ld->in == NULL)
        return;
    close(ld->in->fd);
    herd_free(&ld->alloc, ld->in);
}

/* The trailer's first field, the length of all before it, read ahead: a file cut short or
 * run on is told as such before anything else is read. Such a file has no trailer where it
 * ends, so the bytes read there are whatever the file holds at that place: they are not a
 * length to quote, and how long the file was written cannot be known. */
static int check_length(loading *ld)
{
    uint64_t length = 0;
    ssize_t n;
    do
        n = pread(ld->in->fd, &length, sizeof length, (off_t)ld->in->len);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof length)
        return load_error(ld, HERD_EIO, "%s: cannot read its trailer", ld->path);
    if (length != ld->in->len)
        return load_error(ld, HERD_EFORMAT, "truncated, extended or damaged at its end: its last "
                          "%d bytes are not a trailer giving the length of the %llu bytes before "
                          "them", HERD_CKPT_TRAILER_LEN, (unsigned long long)ld->in->len);
    return HERD_OK;
}

/* Whatever a failure left unread, then the trailer: its length, which the CRC-32 covers, and
 * the CRC-32 the file carries. So a damaged file is told as damaged, whatever else was found
 * wrong in it on the way. */
static int check_seal(loading *ld)
{
    reader *r = ld->in;
    uint64_t length;
    uint32_t stored;
    take(r, NULL, (size_t)(r->len - r->at));
    take(r, &length, sizeof length);
    uint32_t crc = r->crc;
    take(r, &stored, sizeof stored);
    char buf[128];
    if (r->read_errno < 0)
        return load_error(ld, HERD_EIO, "%s: ended at byte %llu of %llu: it changed while read",
                          ld->path, (unsigned long long)r->at,
                          (unsigned long long)(r->len + HERD_CKPT_TRAILER_LEN));
    if (r->read_errno != 0)
        return load_error(ld, HERD_EIO, "%s: read failed: %s", ld->path,
                          herd_errno_text(r->read_errno, buf, sizeof buf));
    if (crc != stored)
        return load_error(ld, HERD_ECHECKSUM,
                          "the file is damaged: its content's CRC-32 is %08x, it carries %08x",
                          (unsigned)crc, (unsigned)stored);
    return HERD_OK;
}

static int check_header(loading *ld)
{
    reader *r = ld->in;
    char magic[HERD_CKPT_MAGIC_LEN];
    get(r, magic, HERD_CKPT_MAGIC_LEN);
    if (memcmp(magic, HERD_CKPT_MAGIC, HERD_CKPT_MAGIC_LEN) != 0)
        return load_error(ld, HERD_EFORMAT, "not a herd checkpoint (bad magic)");
    ld->version = get_u32(r);
    if (ld->version < HERD_CKPT_OLDEST_VERSION || ld->version > HERD_CHECKPOINT_VERSION)
        return load_error(ld, HERD_EVERSION, "format version %lu; this build reads versions %d "
                          "and %d", (unsigned long)ld->version, HERD_CKPT_OLDEST_VERSION,
                          HERD_CHECKPOINT_VERSION);
    if (get_u32(r) != HERD_CKPT_BYTE_ORDER_MARK)
        return load_error(ld, HERD_EFORMAT, "written on a machine of another byte order");
    uint32_t stats_size = get_u32(r), record_size = get_u32(r);
    if (stats_size != sizeof(herd_team_stats) || record_size != sizeof(herd_record))
        return load_error(ld, HERD_EFORMAT,
                          "structure sizes %u/%u differ from this build's %zu/%zu",
                          (unsigned)stats_size, (unsigned)record_size,
                          sizeof(herd_team_stats), sizeof(herd_record));
    return HERD_OK;
}

/* The caller's note, handed over as far as its buffer goes. */
static int read_note(loading *ld)
{
    reader *r = ld->in;
    uint32_t size = get_u32(r);
    if (r->short_read || size > HERD_CHECKPOINT_NOTE_MAX || size > r->len - r->at)
        return load_error(ld, HERD_EFORMAT, "the note's length (%lu bytes) is inconsistent",
                          (unsigned long)size);
    const herd_load_options *opt = ld->opt;
    size_t kept = opt->note == NULL ? 0 : size < opt->note_cap ? size : opt->note_cap;
    get(r, opt->note, kept);
    get(r, NULL, size - kept);
    if (opt->note_size != NULL)
        *opt->note_size = size;
    return HERD_OK;
}

double herd_ckpt_load_memory(const herd_params *p)
{
    return herd_memory_estimate(p, 0) + (double)sizeof(reader);
}

/* What the parameters claim against what the file holds and what memory allows, before the
 * simulation they describe is made. */
static int check_claims(loading *ld, const herd_params *p)
{
    double teams = (double)p->n_teams, agents = teams * (double)p->team_size;
    double per_team = 2 * sizeof(uint64_t) + sizeof(herd_team_stats) + sizeof(int32_t) +
                      2 * sizeof(float);
    int across = ld->version > 3 && p->ties_within >= 1; /* 32-bit offsets of ties across */
    double per_agent = 6 * sizeof(float) + sizeof(uint16_t) +
                       (across ? sizeof(uint32_t) : sizeof(uint64_t));
    /* seed, tick, flags; agent count, the last offset (and the network's kind: 8 bytes at
     * least), events, record, policy runs */
    double fixed = 8 + 8 + 2 + 8 + 8 + 8 + sizeof(herd_record) + 8;
    double need = fixed + teams * per_team + agents * per_agent;
    double have = (double)(ld->in->len - ld->in->at);
    if (need > have)
        return load_error(ld, HERD_EFORMAT,
                          "%ld teams of %ld agents need at least %.0f bytes; the file holds %.0f",
                          p->n_teams, p->team_size, need, have);
    char msg[256];
    if (herd_memory_check(p, herd_ckpt_load_memory(p), ld->limit, msg, sizeof msg) != HERD_OK)
        return load_error(ld, HERD_ETOOBIG, "%s", msg);
    return HERD_OK;
}

static int read_params(loading *ld, herd_params *p)
{
    uint32_t count = get_u32(ld->in), fingerprint = get_u32(ld->in);
    if (count != herd_params_count() || fingerprint != herd_ckpt_params_fingerprint())
        return load_error(ld, HERD_EVERSION, "written by a build with another parameter table");
    herd_params_default(p);
    for (size_t i = 0; i < count; i++)
        if (herd_params_set(p, herd_params_info(i), get_f64(ld->in)) != HERD_OK)
            return load_error(ld, HERD_EFORMAT, "parameter %s is not valid",
                              herd_params_info(i)->name);
    char msg[256];
    if (herd_params_validate(p, msg, sizeof msg) != HERD_OK)
        return load_error(ld, HERD_EFORMAT, "saved parameters are invalid: %s", msg);
    return check_claims(ld, p);
}

static void read_teams(loading *ld)
{
    herd_sim *sim = ld->sim;
    size_t teams = (size_t)sim->params.n_teams;
    for (size_t t = 0; t < teams; t++) {
        sim->team_rng[t].state = get_u64(ld->in);
        sim->team_rng[t].inc = get_u64(ld->in);
    }
    get(ld->in, sim->stats, teams * sizeof *sim->stats);
    get(ld->in, sim->crisis_left, teams * sizeof *sim->crisis_left);
    get(ld->in, sim->leader_skill, teams * sizeof *sim->leader_skill);
    get(ld->in, sim->climate, teams * sizeof *sim->climate);
}

static int all_within(const float *v, size_t n, float lo, float hi)
{
    for (size_t i = 0; i < n; i++)
        if (!(v[i] >= lo && v[i] <= hi)) /* false for NaN too */
            return 0;
    return 1;
}

/* A team's sums: of values in [0, 1] over its members (the leader's own work adds one more
 * innovation), of tenures below 65536, shares of the team in [0, 1]; the rest finite and at
 * most SUM_MAX a member, so that no mean the policies see can overflow. */
#define SUM_MAX 1e9

static int check_sums(loading *ld, const herd_team_stats *st, size_t t)
{
    double n = (double)ld->sim->params.team_size;
    const double *all = (const double *)st;
    for (size_t k = 0; k < sizeof *st / sizeof *all; k++)
        if (!(fabs(all[k]) <= SUM_MAX * (n + 1)))
            return load_error(ld, HERD_EFORMAT, "team %zu: its sums are not finite or beyond "
                              "%g a member", t, SUM_MAX);
    const struct {
        const char *name;
        double value, max;
    } bounded[] = {
        {"skill", st->skill, n}, {"skill2", st->skill2, n}, {"engagement", st->engagement, n},
        {"engagement2", st->engagement2, n}, {"initiative", st->initiative, n},
        {"bond", st->bond, n}, {"dependence", st->dependence, n},
        {"frontrunners", st->frontrunners, n},
        {"frontrunner_successes", st->frontrunner_successes, n}, {"tenure", st->tenure, n * 65535},
        {"engaged", st->engaged, n}, {"engaged_perspective", st->engaged_perspective, n},
        {"engaged_perspective2", st->engaged_perspective2, n},
        {"engaged_skill", st->engaged_skill, n}, {"innovations", st->innovations, n + 1},
        {"leavers", st->leavers, n}, {"coordination_gap", st->coordination_gap, 1},
        {"crisis", st->crisis, 1}, {"novelty", st->novelty, 1}, {"present", st->present, 1},
        {"front_mode", st->front_mode, 1}, {"output", st->output, SUM_MAX * (n + 1)},
        {"innovation_value", st->innovation_value, SUM_MAX * (n + 1)},
        {"attention", st->attention, SUM_MAX},
    };
    /* float sums of n values may pass n by rounding */
    for (size_t k = 0; k < sizeof bounded / sizeof *bounded; k++)
        if (!(bounded[k].value >= 0 && bounded[k].value <= bounded[k].max * (1 + 1e-6)))
            return load_error(ld, HERD_EFORMAT, "team %zu: its %s sum %g is outside [0, %g]", t,
                              bounded[k].name, bounded[k].value, bounded[k].max);
    return HERD_OK;
}

/* The saved team state within the ranges the engine keeps it in: a checksum tells a damaged
 * file from a sound one, not a sound file from one written to mislead. */
static int check_teams(loading *ld)
{
    const herd_sim *sim = ld->sim;
    size_t teams = (size_t)sim->params.n_teams;
    for (size_t t = 0; t < teams; t++) {
        if ((sim->team_rng[t].inc & 1u) == 0)
            return load_error(ld, HERD_EFORMAT, "team %zu: its generator's increment is even", t);
        if (sim->crisis_left[t] < 0)
            return load_error(ld, HERD_EFORMAT, "team %zu: negative crisis ticks left", t);
        if (sim->crisis_left[t] > (int32_t)sim->params.crisis_length)
            return load_error(ld, HERD_EFORMAT, "team %zu: %ld crisis ticks left, more than "
                              "crisis_length %g", t, (long)sim->crisis_left[t],
                              sim->params.crisis_length);
        int rc = check_sums(ld, &sim->stats[t], t);
        if (rc != HERD_OK)
            return rc;
    }
    if (!all_within(sim->leader_skill, teams, 0.0f, 1.0f))
        return load_error(ld, HERD_EFORMAT, "a leader's skill is outside [0, 1]");
    if (!all_within(sim->climate, teams, -FLT_MAX, FLT_MAX))
        return load_error(ld, HERD_EFORMAT, "a team's climate is not finite");
    return HERD_OK;
}

/* Each agent variable in [0, 1], as every tick leaves it. */
static int check_agents(loading *ld)
{
    const herd_org *org = &ld->sim->org;
    size_t n = (size_t)org->n_agents;
    const struct {
        const char *name;
        const float *values;
    } vars[] = {{"skill", org->now.skill},           {"engagement", org->now.engagement},
                {"initiative", org->now.initiative}, {"bond", org->now.bond},
                {"dependence", org->now.dependence}, {"perspective", org->perspective}};
    for (size_t v = 0; v < sizeof vars / sizeof *vars; v++)
        if (!all_within(vars[v].values, n, 0.0f, 1.0f))
            return load_error(ld, HERD_EFORMAT, "an agent's %s is outside [0, 1]", vars[v].name);
    return HERD_OK;
}

/* Agent i's ties to[0..count), of its row or, when across, its ties across teams: each to an
 * agent of the organisation, and a tie across to another team, as every tie across is drawn. */
static int check_ties(loading *ld, size_t i, const uint32_t *to, size_t count, int across)
{
    const herd_org *org = &ld->sim->org;
    size_t n = (size_t)org->n_agents, size = (size_t)org->team_size;
    const char *where = across ? "across teams" : "of its row";
    for (size_t k = 0; k < count; k++) {
        if (to[k] >= n)
            return load_error(ld, HERD_EFORMAT, "agent %zu: tie %zu %s is to agent %lu, beyond "
                              "the %zu agents", i, k, where, (unsigned long)to[k], n);
        if (across && to[k] / size == i / size)
            return load_error(ld, HERD_EFORMAT, "agent %zu: tie %zu %s is to agent %lu, of its "
                              "own team", i, k, where, (unsigned long)to[k]);
    }
    return HERD_OK;
}

/* The network was rebuilt from the saved seed and parameters, which fix how many ties it
 * has: the saved offsets run from 0 to that count, never falling. */
static int check_count(loading *ld, uint64_t first, uint64_t last, uint64_t ties)
{
    if (first == 0 && last == ties)
        return HERD_OK;
    return load_error(ld, HERD_EFORMAT, "the network's offsets run from %llu to %llu; its "
                      "parameters make %llu ties", (unsigned long long)first,
                      (unsigned long long)last, (unsigned long long)ties);
}

static int check_order(loading *ld, size_t i, uint64_t start, uint64_t end)
{
    if (end >= start)
        return HERD_OK;
    return load_error(ld, HERD_EFORMAT, "the network's offsets are not ordered: agent %zu's "
                      "ties end at %llu, before they start at %llu", i,
                      (unsigned long long)end, (unsigned long long)start);
}

/* A network stored whole: 64-bit offsets, then the rows. A file that ends inside them is told
 * as such by read_state, once the rest has been read as zeros. */
static int read_rows(loading *ld, herd_org *org)
{
    size_t n = (size_t)org->n_agents;
    uint64_t ties = org->offsets[n];
    if (get(ld->in, org->offsets, (n + 1) * sizeof *org->offsets) != 0)
        return HERD_OK;
    int rc = check_count(ld, org->offsets[0], org->offsets[n], ties);
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        rc = check_order(ld, i, org->offsets[i], org->offsets[i + 1]);
    if (rc == HERD_OK && get(ld->in, org->targets, (size_t)ties * sizeof *org->targets) != 0)
        return HERD_OK;
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        rc = check_ties(ld, i, org->targets + org->offsets[i],
                        (size_t)(org->offsets[i + 1] - org->offsets[i]), 0);
    return rc;
}

/* The ties across teams of clique teams: 32-bit offsets, then the ties; a file that ends
 * inside them as read_rows. */
static int read_across(loading *ld, herd_org *org)
{
    size_t n = (size_t)org->n_agents;
    uint32_t *offsets = org->across_offsets, ties = offsets[n];
    if (get(ld->in, offsets, (n + 1) * sizeof *offsets) != 0)
        return HERD_OK;
    int rc = check_count(ld, offsets[0], offsets[n], ties);
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        rc = check_order(ld, i, offsets[i], offsets[i + 1]);
    if (rc == HERD_OK &&
        get(ld->in, org->across_targets, (size_t)ties * sizeof *org->across_targets) != 0)
        return HERD_OK;
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        rc = check_ties(ld, i, org->across_targets + offsets[i], offsets[i + 1] - offsets[i], 1);
    if (rc == HERD_OK)
        herd_org_own_across(org);
    return rc;
}

/* The offsets of whole rows in clique teams, as offsets into the ties across: every row
 * holds at least the team mates, and leaves room for the team mates of the rows after it. */
static int read_clique_offsets(loading *ld, herd_org *org)
{
    size_t n = (size_t)org->n_agents;
    uint64_t mates = (uint64_t)(org->team_size - 1), ties = herd_org_row_start(org, n);
    uint64_t start = get_u64(ld->in);
    if (start != 0)
        return load_error(ld, HERD_EFORMAT, "the network's offsets start at %llu, not 0",
                          (unsigned long long)start);
    for (size_t i = 0; i < n && !ld->in->short_read; i++) {
        uint64_t end = get_u64(ld->in);
        int rc = check_order(ld, i, start, end);
        if (rc != HERD_OK)
            return rc;
        if (end - start < mates)
            return load_error(ld, HERD_EFORMAT, "agent %zu lacks ties to its team", i);
        if (end > ties - (n - 1 - i) * mates)
            return load_error(ld, HERD_EFORMAT, "agent %zu's row ends at %llu, leaving too few "
                              "of the %llu ties for the team mates after it", i,
                              (unsigned long long)end, (unsigned long long)ties);
        org->across_offsets[i + 1] = (uint32_t)(end - (i + 1) * mates);
        start = end;
    }
    return ld->in->short_read ? HERD_OK : check_count(ld, 0, start, ties);
}

/* The team mates that start agent i's row, in order. */
static int read_team_mates(loading *ld, const herd_org *org, size_t i)
{
    size_t size = (size_t)org->team_size, first = i / size * size, k = 0;
    for (size_t j = first; j < first + size; j++) {
        if (j == i)
            continue;
        uint32_t mate = get_u32(ld->in);
        if (mate != j && !ld->in->short_read)
            return load_error(ld, HERD_EFORMAT, "agent %zu: tie %zu of its row is to agent %u, "
                              "not to its team mate %zu", i, k, mate, j);
        k++;
    }
    return HERD_OK;
}

/* Whole rows of clique teams: the team mates that start each row are checked and dropped,
 * since the organisation implies them; the ties across are kept. */
static int read_clique_rows(loading *ld, herd_org *org)
{
    int rc = read_clique_offsets(ld, org);
    size_t n = (size_t)org->n_agents;
    for (size_t i = 0; rc == HERD_OK && i < n && !ld->in->short_read; i++) {
        if ((rc = read_team_mates(ld, org, i)) != HERD_OK)
            return rc;
        uint32_t from = org->across_offsets[i], to = org->across_offsets[i + 1];
        get(ld->in, org->across_targets + from, (size_t)(to - from) * sizeof(uint32_t));
        if (!ld->in->short_read)
            rc = check_ties(ld, i, org->across_targets + from, to - from, 1);
    }
    if (rc == HERD_OK)
        herd_org_own_across(org);
    return rc;
}

static const char *network_kind(uint32_t kind)
{
    if (kind == HERD_CKPT_NETWORK_WHOLE)
        return "every tie";
    return kind == HERD_CKPT_NETWORK_ACROSS ? "the ties across teams" : "an unknown kind";
}

/* Version 3 holds whole rows, of clique teams too; version 4 says what it holds, which the
 * parameters decide. */
static int read_network(loading *ld, herd_org *org)
{
    if (ld->version == 3)
        return org->teams_are_cliques ? read_clique_rows(ld, org) : read_rows(ld, org);
    uint32_t kind = get_u32(ld->in);
    uint32_t expected =
        org->teams_are_cliques ? HERD_CKPT_NETWORK_ACROSS : HERD_CKPT_NETWORK_WHOLE;
    if (kind != expected && !ld->in->short_read)
        return load_error(ld, HERD_EFORMAT, "the network holds %s (kind %lu); with ties_within "
                          "%g it holds %s", network_kind(kind), (unsigned long)kind,
                          ld->sim->params.ties_within, network_kind(expected));
    return org->teams_are_cliques ? read_across(ld, org) : read_rows(ld, org);
}

/* The network was rebuilt from the same seed and parameters, so its size must match. */
static int read_org(loading *ld)
{
    herd_org *org = &ld->sim->org;
    size_t n = (size_t)org->n_agents;
    if (get_i64(ld->in) != org->n_agents)
        return load_error(ld, HERD_EFORMAT, "agent count disagrees with the parameters");
    get(ld->in, org->now.skill, n * sizeof(float));
    get(ld->in, org->now.engagement, n * sizeof(float));
    get(ld->in, org->now.initiative, n * sizeof(float));
    get(ld->in, org->now.bond, n * sizeof(float));
    get(ld->in, org->now.dependence, n * sizeof(float));
    get(ld->in, org->perspective, n * sizeof(float));
    get(ld->in, org->tenure, n * sizeof(uint16_t));
    return read_network(ld, org);
}

static int read_events(loading *ld)
{
    uint64_t count = get_u64(ld->in);
    if (count > (ld->in->len - ld->in->at) / 44)
        return load_error(ld, HERD_EFORMAT, "more events than the file holds");
    for (uint64_t i = 0; i < count; i++) {
        herd_event ev;
        ev.kind = (herd_event_kind)get_u32(ld->in);
        ev.start = get_i64(ld->in);
        ev.length = get_i64(ld->in);
        ev.intensity = get_f64(ld->in);
        ev.team_first = get_i64(ld->in);
        ev.team_count = get_i64(ld->in);
        int rc = herd_sim_add_event(ld->sim, &ev);
        if (rc == HERD_ENOMEM)
            return load_error(ld, rc, "no memory for the events");
        if (rc != HERD_OK)
            return load_error(ld, HERD_EFORMAT, "event %llu: %s", (unsigned long long)i,
                              herd_sim_errmsg(ld->sim));
    }
    return HERD_OK;
}

static const herd_policy_type *resolve(loading *ld, const char *name)
{
    const herd_policy_type *type = NULL;
    if (ld->opt->resolve != NULL)
        type = ld->opt->resolve(ld->opt->resolve_ctx, name);
    return type != NULL ? type : herd_policy_find(name);
}

static int read_policy_run(loading *ld, long *next_team)
{
    long first = get_i64(ld->in), count = get_i64(ld->in);
    uint32_t name_len = get_u32(ld->in);
    char name[HERD_CKPT_MAX_NAME + 1];
    if (first != *next_team || count < 1 || count > ld->sim->params.n_teams - first ||
        name_len > HERD_CKPT_MAX_NAME)
        return load_error(ld, HERD_EFORMAT, "policy teams or name length are inconsistent");
    get(ld->in, name, name_len);
    name[name_len] = '\0';
    uint64_t state_size = get_u64(ld->in);
    *next_team = first + count;
    if (name_len == 0 && !ld->started)
        return HERD_OK;
    const herd_policy_type *type = name_len > 0 ? resolve(ld, name) : NULL;
    if (type == NULL)
        return load_error(ld, name_len > 0 ? HERD_ENOTFOUND : HERD_EFORMAT,
                          "policy \"%s\" of teams %ld..%ld is not known", name, first,
                          first + count - 1);
    if (type->state_size != state_size ||
        herd_sim_set_team_policy(ld->sim, first, count, type) != 0)
        return load_error(ld, HERD_EFORMAT, "policy %s: saved state of %llu bytes, type has %zu",
                          name, (unsigned long long)state_size, type->state_size);
    if (ld->started && type->free != NULL)
        return load_error(ld, HERD_EUNSUPPORTED, "policy %s owns resources: cannot be restored",
                          name);
    return HERD_OK;
}

static int read_policies(loading *ld, int started)
{
    herd_sim *sim = ld->sim;
    uint64_t runs = get_u64(ld->in);
    long next_team = 0;
    ld->started = started;
    int rc = HERD_OK;
    for (uint64_t i = 0; rc == HERD_OK && i < runs && !ld->in->short_read; i++)
        rc = read_policy_run(ld, &next_team);
    if (rc != HERD_OK || ld->in->short_read)
        return rc;
    if (next_team != sim->params.n_teams)
        return load_error(ld, HERD_EFORMAT, "policies cover %ld of %ld teams", next_team,
                          sim->params.n_teams);
    if (!started)
        return HERD_OK;
    if ((rc = herd_policies_alloc(sim)) != HERD_OK)
        return load_error(ld, rc, "no memory for the policies' state");
    for (long t = 0; t < sim->params.n_teams; t++)
        get(ld->in, sim->policy_state[t], sim->policy[t]->state_size);
    return HERD_OK;
}

/* The last record is the one of the tick before the saved one, every field a number. */
static int check_record(loading *ld, long tick)
{
    const herd_record *rec = &ld->sim->record;
    if (ld->in->short_read)
        return HERD_OK;
    if (rec->tick != tick - 1)
        return load_error(ld, HERD_EFORMAT, "the last record is of tick %ld, the simulation's "
                          "last tick is %ld", rec->tick, tick - 1);
    for (size_t i = 0; herd_record_info(i) != NULL; i++) {
        const herd_output_info *f = herd_record_info(i);
        double v = herd_record_get(rec, f);
        if (!isfinite(v))
            return load_error(ld, HERD_EFORMAT, "the last record's %s is %g", f->name, v);
    }
    return HERD_OK;
}

/* Each restored policy state, by its type's own check where the type has one. */
static int check_policy_states(loading *ld, long tick)
{
    const herd_sim *sim = ld->sim;
    for (long t = 0; t < sim->params.n_teams; t++) {
        const herd_policy_type *type = sim->policy[t];
        char msg[256] = "";
        if (type->version < 2 || type->check == NULL ||
            type->check(sim->policy_state[t], type->data, tick, msg, sizeof msg) == 0)
            continue;
        return load_error(ld, HERD_EFORMAT, "team %ld, policy %s: a state no run leaves: %s", t,
                          type->name, msg);
    }
    return HERD_OK;
}

/* Everything after the parameters, the seed and the tick, into the new simulation. */
static int read_state(loading *ld, long tick, int started, int failed)
{
    herd_sim *sim = ld->sim;
    read_teams(ld);
    int rc = read_org(ld);
    if (rc == HERD_OK && !ld->in->short_read)
        rc = check_teams(ld);
    if (rc == HERD_OK && !ld->in->short_read)
        rc = check_agents(ld);
    if (rc == HERD_OK)
        rc = read_events(ld);
    if (rc != HERD_OK)
        return rc;
    get(ld->in, &sim->record, sizeof sim->record);
    if ((rc = check_record(ld, tick)) != HERD_OK)
        return rc;
    if ((rc = read_policies(ld, started)) != HERD_OK)
        return rc;
    if (ld->in->short_read || ld->in->at != ld->in->len)
        return load_error(ld, HERD_EFORMAT, "the payload's length disagrees with its content");
    if (started && (rc = check_policy_states(ld, tick)) != HERD_OK)
        return rc;
    sim->tick = tick;
    sim->started = started;
    sim->failed = failed;
    return HERD_OK;
}

static int load_payload(loading *ld)
{
    herd_params params;
    int rc = read_params(ld, &params);
    if (rc != HERD_OK)
        return rc;
    uint64_t seed = get_u64(ld->in);
    long tick = get_i64(ld->in);
    uint8_t flags[2];
    get(ld->in, flags, sizeof flags);
    if (ld->in->short_read || flags[0] > 1 || flags[1] > 1)
        return load_error(ld, HERD_EFORMAT, "the started and failed flags are not 0 or 1");
    if (tick < 0 || tick > HERD_SIM_TICK_MAX)
        return load_error(ld, HERD_EFORMAT, "tick %ld is outside 0..%ld", tick,
                          HERD_SIM_TICK_MAX);
    /* A simulation starts with its first step, which fails or advances the tick. */
    if (flags[0] ? tick == 0 && !flags[1] : tick != 0 || flags[1])
        return load_error(ld, HERD_EFORMAT, "tick %ld with started %d and failed %d: no run "
                          "leaves that", tick, flags[0], flags[1]);
    char why[256] = "";
    rc = herd_sim_new_err(&ld->sim, &params, seed, ld->opt->settings, why, sizeof why);
    if (rc != HERD_OK)
        return load_error(ld, rc, "cannot make the simulation: %s",
                          why[0] != '\0' ? why : herd_strerror(rc));
    return read_state(ld, tick, flags[0], flags[1]);
}

/* The header, then what the trailer's length says; from there on the whole file is read,
 * whatever fails, so that its CRC-32 is checked before the simulation is handed over. */
static int load_file(loading *ld)
{
    int rc = open_file(ld);
    if (rc != HERD_OK)
        return rc;
    if ((rc = check_header(ld)) == HERD_OK && (rc = check_length(ld)) == HERD_OK) {
        if ((rc = read_note(ld)) == HERD_OK)
            rc = load_payload(ld);
        int sealed = check_seal(ld);
        rc = sealed != HERD_OK ? sealed : rc;
    }
    close_file(ld);
    return rc;
}

herd_status herd_sim_load_with(herd_sim **out, const char *path, const herd_load_options *opt)
{
    if (out == NULL)
        return HERD_EINVAL;
    *out = NULL;
    if (path == NULL || opt == NULL)
        return HERD_EINVAL;
    loading ld = {.opt = opt, .path = path,
                  .limit = opt->memory_limit > 0 ? opt->memory_limit : herd_sim_memory_limit()};
    const herd_settings *s = opt->settings;
    if (herd_allocator_init(&ld.alloc, s ? s->alloc : NULL, s ? s->dealloc : NULL,
                            s ? s->alloc_ctx : NULL) != HERD_OK)
        return load_error(&ld, HERD_EINVAL,
                          "settings: only one of alloc and dealloc is set; set both or neither");
    int rc = load_file(&ld);
    if (rc != HERD_OK) {
        herd_sim_free(ld.sim);
        return rc;
    }
    *out = ld.sim;
    return HERD_OK;
}

herd_status herd_sim_load(herd_sim **out, const char *path, const herd_settings *settings)
{
    herd_load_options opt = {.settings = settings};
    return herd_sim_load_with(out, path, &opt);
}

const herd_policy_type *herd_policy_resolve_list(void *ctx, const char *name)
{
    const herd_policy_type *const *list = ctx;
    for (size_t i = 0; list != NULL && name != NULL && list[i] != NULL; i++)
        if (list[i]->name != NULL && strcmp(list[i]->name, name) == 0)
            return list[i];
    return NULL;
}
