/* CSV rows of a simulation's records and of its teams, from lib/io_cells.c's cells. */

#include "herd/io.h"

/* ",SEED_HI,SEED_LO" */
static int put_seed(FILE *out, uint64_t seed)
{
    char text[HERD_IO_SEED_SIZE];
    herd_io_seed(seed, text);
    return fprintf(out, ",%s", text) < 0;
}

/* ",FIELD" for every field after the tick, in table order; non-zero if a write failed. */
static int put_fields(FILE *out, const herd_record *r)
{
    int bad = 0;
    for (size_t i = 0; i < herd_record_info_count(); i++) {
        bad |= putc(',', out) == EOF;
        bad |= herd_io_csv_number(out, herd_record_get(r, herd_record_info(i))) != HERD_OK;
    }
    return bad;
}

herd_status herd_io_csv_record(FILE *out, const herd_record *r)
{
    if (out == NULL || r == NULL)
        return HERD_EINVAL;
    int bad = fprintf(out, "%ld", r->tick) < 0;
    bad |= put_fields(out, r);
    return bad ? HERD_EIO : HERD_OK;
}

herd_status herd_io_csv_header(FILE *out)
{
    if (out == NULL)
        return HERD_EINVAL;
    return fputs(HERD_IO_CSV_HEADER "\n", out) < 0 ? HERD_EIO : HERD_OK;
}

herd_status herd_io_csv_row(FILE *out, const char *policy, long rep, uint64_t seed,
                            const herd_record *r)
{
    if (out == NULL || r == NULL)
        return HERD_EINVAL;
    int bad = herd_io_csv_text(out, policy) != HERD_OK;
    bad |= fprintf(out, ",%ld", rep) < 0;
    bad |= put_seed(out, seed);
    bad |= putc(',', out) == EOF;
    bad |= herd_io_csv_record(out, r) != HERD_OK;
    bad |= putc('\n', out) == EOF;
    return bad ? HERD_EIO : HERD_OK;
}

int herd_io_csv_observer(const herd_record *record, void *userdata)
{
    if (userdata == NULL || record == NULL)
        return HERD_EINVAL;
    herd_io_csv_sink *sink = userdata;
    if (sink->status == HERD_OK)
        sink->status = herd_io_csv_row(sink->out, sink->policy, sink->rep, sink->seed, record);
    return sink->status != HERD_OK;
}

herd_status herd_io_team_csv_header(FILE *out)
{
    if (out == NULL)
        return HERD_EINVAL;
    return fputs(HERD_IO_TEAM_CSV_HEADER "\n", out) < 0 ? HERD_EIO : HERD_OK;
}

herd_status herd_io_team_csv_rows(FILE *out, const herd_sim *sim, long rep, uint64_t seed,
                                  herd_record *teams, size_t n_teams)
{
    if (out == NULL)
        return HERD_EINVAL;
    herd_status rc = herd_sim_team_records(sim, teams, n_teams);
    if (rc != HERD_OK)
        return rc;
    herd_org_view org;
    herd_sim_org(sim, &org);
    int bad = 0;
    for (size_t t = 0; t < n_teams && !bad; t++) {
        const herd_policy_type *policy = herd_sim_team_policy(sim, (long)t);
        bad |= fprintf(out, "%ld", rep) < 0;
        bad |= put_seed(out, seed);
        bad |= fprintf(out, ",%ld,%zu,", teams[t].tick, t) < 0;
        bad |= herd_io_csv_text(out, policy != NULL ? policy->name : NULL) != HERD_OK;
        bad |= fprintf(out, ",%ld", org.team_size) < 0;
        bad |= put_fields(out, &teams[t]);
        bad |= putc('\n', out) == EOF;
    }
    return bad ? HERD_EIO : HERD_OK;
}

int herd_io_team_csv_observer(const herd_record *record, void *userdata)
{
    (void)record;
    if (userdata == NULL)
        return HERD_EINVAL;
    herd_io_team_sink *sink = userdata;
    if (sink->status == HERD_OK)
        sink->status = herd_io_team_csv_rows(sink->out, sink->sim, sink->rep, sink->seed,
                                             sink->teams, sink->n_teams);
    return sink->status != HERD_OK;
}
