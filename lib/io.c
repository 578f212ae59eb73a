/* CSV rows. */

#include "herd/io.h"

#include <inttypes.h>
#include <string.h>

#include "herd/error.h"
#include "numfmt.h"

/* The herd_record fields after the tick, in header order. */
#define HERD_IO_CSV_FIELDS(X)                                                                \
    X(innovation) X(innovation_value) X(innovation_cum) X(output) X(morale) X(morale_sd)     \
    X(skill) X(initiative) X(bond) X(turnover) X(front_runners) X(attention) X(front_share)

int herd_io_csv_header(FILE *out)
{
    if (out == NULL)
        return HERD_EINVAL;
    return fputs(HERD_IO_CSV_HEADER "\n", out) < 0 ? HERD_EIO : HERD_OK;
}

static int put_field(FILE *out, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL)
        return fputs(text, out) < 0 ? -1 : 0;
    if (putc('"', out) == EOF)
        return -1;
    for (; *text != '\0'; text++)
        if ((*text == '"' && putc('"', out) == EOF) || putc(*text, out) == EOF)
            return -1;
    return putc('"', out) == EOF ? -1 : 0;
}

int herd_io_csv_row(FILE *out, const char *policy, long rep, uint64_t seed,
                    const herd_record *r)
{
    if (out == NULL || r == NULL)
        return HERD_EINVAL;
    int bad = put_field(out, policy != NULL ? policy : "") < 0;
    bad |= fprintf(out, ",%ld,%" PRIu64 ",%ld", rep, seed, r->tick) < 0;
    char num[HERD_NUMFMT_SIZE];
#define HERD_IO_CSV_PUT_(field)                                                                \
    herd_numfmt_shortest(r->field, num);                                                     \
    bad |= fprintf(out, ",%s", num) < 0;
    HERD_IO_CSV_FIELDS(HERD_IO_CSV_PUT_)
#undef HERD_IO_CSV_PUT_
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
