/* A sweep's rows as CSV text (include/herd/compare.h): the one layout of runs.csv, which
 * herd sweep writes a row at a time and its --analyse reads back. */
#include <stdio.h>
#include <string.h>

#include "herd/compare.h"

/* text after buf[0..*used), and a NUL; HERD_ETOOBIG if they do not fit. */
static herd_status append(char *buf, size_t size, size_t *used, const char *text)
{
    size_t n = strlen(text);
    if (*used >= size || n >= size - *used)
        return HERD_ETOOBIG;
    memcpy(buf + *used, text, n + 1);
    *used += n;
    return HERD_OK;
}

static herd_status append_column(char *buf, size_t size, size_t *used, const char *name)
{
    herd_status rc = append(buf, size, used, ",");
    return rc == HERD_OK ? append(buf, size, used, name) : rc;
}

static herd_status append_number(char *buf, size_t size, size_t *used, double x)
{
    char num[HERD_IO_NUMBER_SIZE];
    herd_io_number(x, num);
    return append_column(buf, size, used, num);
}

herd_status herd_sweep_csv_header(const herd_factor *factors, size_t n, char *buf, size_t size,
                                  size_t *run_columns)
{
    if ((factors == NULL && n > 0) || buf == NULL || run_columns == NULL)
        return HERD_EINVAL;
    size_t used = 0;
    herd_status rc = append(buf, size, &used, "run,point,policy,rep," HERD_IO_SEED_COLUMNS);
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        rc = append_column(buf, size, &used, factors[i].key);
    *run_columns = used;
    if (rc == HERD_OK)
        rc = append(buf, size, &used, ",ticks");
    for (size_t i = 0; rc == HERD_OK && i < herd_summary_info_count(); i++)
        rc = append_column(buf, size, &used, herd_summary_info(i)->name);
    return rc;
}

herd_status herd_sweep_csv_run(const herd_sweep_run_key *key, const char *policy,
                               const double *values, size_t n, char *buf, size_t size,
                               size_t *used)
{
    if (key == NULL || policy == NULL || (values == NULL && n > 0) || buf == NULL ||
        used == NULL)
        return HERD_EINVAL;
    char seed[HERD_IO_SEED_SIZE], head[128];
    herd_io_seed(key->seed, seed);
    snprintf(head, sizeof head, "%ld,%ld,", key->run, key->point);
    size_t at = 0;
    herd_status rc = append(buf, size, &at, head);
    if (rc == HERD_OK)
        rc = append(buf, size, &at, policy);
    snprintf(head, sizeof head, ",%ld,%s", key->rep, seed);
    if (rc == HERD_OK)
        rc = append(buf, size, &at, head);
    for (size_t i = 0; rc == HERD_OK && i < n; i++)
        rc = append_number(buf, size, &at, values[i]);
    if (rc == HERD_OK)
        *used = at;
    return rc;
}

herd_status herd_sweep_csv_outputs(const herd_summary *summary, char *buf, size_t size,
                                   size_t *used)
{
    if (summary == NULL || buf == NULL || used == NULL)
        return HERD_EINVAL;
    char ticks[32];
    snprintf(ticks, sizeof ticks, ",%ld", summary->ticks);
    size_t at = *used;
    herd_status rc = append(buf, size, &at, ticks);
    for (size_t i = 0; rc == HERD_OK && i < herd_summary_info_count(); i++)
        rc = append_number(buf, size, &at, herd_summary_get(summary, herd_summary_info(i)));
    if (rc == HERD_OK)
        rc = append(buf, size, &at, "\n");
    if (rc == HERD_OK)
        *used = at;
    return rc;
}
