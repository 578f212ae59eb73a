#include "herd/metrics.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "herd/error.h"

#define RECOVERED_SHARE 0.95

/* Trapezoidal area per tick of one field, read at a byte offset in each record. */
static double area(const herd_record *r, size_t n, size_t offset)
{
    if (n == 1)
        return *(const double *)((const char *)&r[0] + offset);
    double sum = 0;
    for (size_t i = 1; i < n; i++) {
        double a = *(const double *)((const char *)&r[i - 1] + offset);
        double b = *(const double *)((const char *)&r[i] + offset);
        sum += 0.5 * (a + b);
    }
    return sum;
}

herd_status herd_metrics_summarise(const herd_record *r, size_t n, double n_agents,
                                   herd_summary *out)
{
    if (r == NULL || out == NULL || n == 0 || !(n_agents > 0))
        return HERD_EINVAL;
    memset(out, 0, sizeof *out);
    out->ticks = (long)n;
    double morale_sum = 0;
    for (size_t i = 0; i < n; i++) {
        out->innovation_total += r[i].innovation;
        out->innovation_value_total += r[i].innovation_value;
        out->output_total += r[i].output;
        out->performance_total += r[i].performance;
        out->turnover_total += r[i].turnover;
        morale_sum += r[i].morale;
    }
    out->turnover_rate_annual = out->turnover_total / n_agents * 52.0 / (double)n;
    out->morale_mean = morale_sum / (double)n;
    out->morale_final = r[n - 1].morale;
    out->skill_final = r[n - 1].skill;
    out->bond_final = r[n - 1].bond;
    out->auc_innovation = area(r, n, offsetof(herd_record, innovation));
    out->auc_output = area(r, n, offsetof(herd_record, output));
    out->auc_performance = area(r, n, offsetof(herd_record, performance));
    out->auc_morale = area(r, n, offsetof(herd_record, morale));
    return HERD_OK;
}

/* Index of the record of tick t, or n if the run did not reach it. */
static size_t index_of_tick(const herd_record *r, size_t n, long t)
{
    long first = r[0].tick;
    if (t < first)
        return n;
    /* The difference taken unsigned is exact as t >= first; taken signed it can overflow. */
    unsigned long offset = (unsigned long)t - (unsigned long)first;
    return offset < n ? (size_t)offset : n;
}

/* s + length + window, clamped to n without overflow (s < n, length and window >= 1). */
static size_t window_end(size_t s, size_t n, long length, long window)
{
    size_t left = n - s;
    if ((unsigned long)length >= left)
        return n;
    left -= (size_t)length;
    if ((unsigned long)window >= left)
        return n;
    return s + (size_t)length + (size_t)window;
}

herd_status herd_metrics_event_effect(const herd_record *r, size_t n, long start, long length,
                                      long window, herd_event_effect *out)
{
    if (r == NULL || out == NULL || n == 0 || length < 1 || window < 1)
        return HERD_EINVAL;
    size_t s = index_of_tick(r, n, start);
    if (s == 0 || s == n)
        return HERD_ERANGE;
    const size_t stride = sizeof(herd_record) / sizeof(double);
    size_t from = s > (size_t)window ? s - (size_t)window : 0;
    size_t end = window_end(s, n, length, window);
    memset(out, 0, sizeof *out);
    out->start = start;
    out->baseline = gsl_stats_mean(&r[from].performance, stride, s - from);
    size_t trough = s + gsl_stats_min_index(&r[s].performance, stride, end - s);
    out->trough = r[trough].performance;
    if (out->baseline > 0 && out->trough < out->baseline)
        out->dip = (out->baseline - out->trough) / out->baseline;
    out->recovery_ticks = -1;
    if (out->trough >= RECOVERED_SHARE * out->baseline) {
        out->recovery_ticks = 0;
        return HERD_OK;
    }
    for (size_t i = trough; i < n; i++) {
        if (r[i].performance >= RECOVERED_SHARE * out->baseline) {
            out->recovery_ticks = (long)(i - s);
            break;
        }
    }
    return HERD_OK;
}

#define HERD_OUTPUT_ROW_(type, name, unit, better, doc) \
    {#name, unit, better, doc, offsetof(type, name)},
#define HERD_RECORD_ROW_(name, unit, better, doc) HERD_OUTPUT_ROW_(herd_record, name, unit, better, doc)
#define HERD_SUMMARY_ROW_(name, unit, better, doc) HERD_OUTPUT_ROW_(herd_summary, name, unit, better, doc)
static const herd_output_info record_table[] = {HERD_RECORD_TABLE(HERD_RECORD_ROW_)};
static const herd_output_info summary_table[] = {HERD_SUMMARY_TABLE(HERD_SUMMARY_ROW_)};
enum {
    N_RECORD = sizeof record_table / sizeof record_table[0],
    N_SUMMARY = sizeof summary_table / sizeof summary_table[0],
};

/* Every double of the structs is in its table: nothing to forget when a field is added. */
_Static_assert(sizeof(herd_record) == sizeof(long) + N_RECORD * sizeof(double),
               "HERD_RECORD_TABLE must list every field of herd_record but tick");
_Static_assert(sizeof(herd_summary) == sizeof(long) + N_SUMMARY * sizeof(double),
               "HERD_SUMMARY_TABLE must list every field of herd_summary but ticks");

const herd_output_info *herd_record_info(size_t i)
{
    return i < N_RECORD ? &record_table[i] : NULL;
}

const herd_output_info *herd_summary_info(size_t i)
{
    return i < N_SUMMARY ? &summary_table[i] : NULL;
}

size_t herd_record_info_count(void)
{
    return N_RECORD;
}

size_t herd_summary_info_count(void)
{
    return N_SUMMARY;
}

static const herd_output_info *find_row(const herd_output_info *table, size_t n, const char *name)
{
    for (size_t i = 0; name != NULL && i < n; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

const herd_output_info *herd_record_find(const char *name)
{
    return find_row(record_table, N_RECORD, name);
}

const herd_output_info *herd_summary_find(const char *name)
{
    return find_row(summary_table, N_SUMMARY, name);
}

const herd_output_info *herd_summary_find_metric(const char *name)
{
    const herd_output_info *info = herd_summary_find(name);
    char total[64];
    if (info != NULL || name == NULL ||
        (size_t)snprintf(total, sizeof total, "%s_total", name) >= sizeof total)
        return info;
    return herd_summary_find(total);
}

double herd_record_get(const herd_record *r, const herd_output_info *info)
{
    if (r == NULL || info == NULL)
        return NAN;
    return *(const double *)((const char *)r + info->offset);
}

double herd_summary_get(const herd_summary *s, const herd_output_info *info)
{
    if (s == NULL || info == NULL)
        return NAN;
    return *(const double *)((const char *)s + info->offset);
}
