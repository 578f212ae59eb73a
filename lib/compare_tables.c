/* A comparison's tables as rows of typed cells (include/herd/compare.h): one producer for
 * each, which a CSV file and an SQLite database both take. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "compare_internal.h"
#include "herd/version.h"
#include "table_cells.h"

static const char *const default_series[] = {"innovation_cum", "performance", "morale", "skill"};
enum { N_DEFAULT_SERIES = sizeof default_series / sizeof default_series[0] };

static const char *const runs_columns[] = {"policy", "rep", "seed_hi", "seed_lo", "metric",
                                           "value"};
static const herd_cell_type runs_types[] = {HERD_CELL_TEXT, HERD_CELL_INT, HERD_CELL_INT,
                                            HERD_CELL_INT, HERD_CELL_TEXT, HERD_CELL_REAL};
static const char *const summary_columns[] = {"policy", "other", "metric", "mean", "sd",
                                              "ci_low", "ci_high", "n"};
static const herd_cell_type summary_types[] = {HERD_CELL_TEXT, HERD_CELL_TEXT, HERD_CELL_TEXT,
                                               HERD_CELL_REAL, HERD_CELL_REAL, HERD_CELL_REAL,
                                               HERD_CELL_REAL, HERD_CELL_INT};
static const char *const series_keys[] = {"policy", "tick", "n"};
static const herd_cell_type series_types[] = {HERD_CELL_TEXT, HERD_CELL_INT, HERD_CELL_INT};
static const char *const series_parts[] = {"mean", "low", "high"};
static const char *const scenarios_columns[] = {"seed_hi", "seed_lo", "reps", "policies",
                                                "version", "text"};
static const herd_cell_type scenarios_types[] = {HERD_CELL_INT,  HERD_CELL_INT,  HERD_CELL_INT,
                                                 HERD_CELL_TEXT, HERD_CELL_TEXT, HERD_CELL_TEXT};

/* Each table's name and its columns after the scenario's; the series' fields follow. */
static const struct {
    const char *name;
    const char *const *columns;
    const herd_cell_type *types;
    size_t n;
} tables[] = {
    [HERD_COMPARE_RUNS] = {"runs", runs_columns, runs_types, 6},
    [HERD_COMPARE_SUMMARY] = {"summary", summary_columns, summary_types, 8},
    [HERD_COMPARE_SERIES] = {"series", series_keys, series_types, 3},
    [HERD_COMPARE_SCENARIOS] = {"scenarios", scenarios_columns, scenarios_types, 6},
};

/* The fixed columns of table into names and types, the scenario's first if with_scenario;
 * returns their number. */
static size_t table_columns(herd_compare_table table, int with_scenario, const char **names,
                            herd_cell_type *types)
{
    size_t n = 0;
    if (with_scenario) {
        names[n] = "scenario";
        types[n++] = HERD_CELL_TEXT;
    }
    for (size_t k = 0; k < tables[table].n; k++, n++) {
        names[n] = tables[table].columns[k];
        types[n] = tables[table].types[k];
    }
    return n;
}

/* One row: the scenario's cell, when there is one, before cells[0..n). */
static herd_status put_row(const herd_table_sink *sink, const char *scenario, herd_cell *row,
                           size_t n)
{
    row[0] = herd_text_cell(scenario);
    return scenario != NULL ? sink->row(sink->userdata, row, n + 1)
                            : sink->row(sink->userdata, row + 1, n);
}

static herd_status runs_rows(const herd_compare *c, const char *scenario,
                             const herd_table_sink *sink)
{
    herd_status rc = HERD_OK;
    herd_cell row[7];
    for (size_t p = 0; p < c->n_policies && rc == HERD_OK; p++)
        for (long r = 0; r < c->reps && rc == HERD_OK; r++)
            for (size_t m = 0; m < c->n_metrics && rc == HERD_OK; m++) {
                row[1] = herd_text_cell(herd_compare_policy_name(c, p));
                row[2] = herd_int_cell(r);
                herd_seed_cells(herd_compare_seed(c, r), row + 3);
                row[5] = herd_text_cell(c->metrics[m].name);
                row[6] = herd_real_cell(herd_compare_value(c, p, r, m));
                rc = put_row(sink, scenario, row, 6);
            }
    return rc;
}

static herd_status summary_row(const herd_compare *c, const char *scenario, size_t p,
                               const char *other, size_t m, const herd_interval *iv,
                               const herd_table_sink *sink)
{
    herd_cell row[9] = {
        {0},
        herd_text_cell(herd_compare_policy_name(c, p)),
        herd_text_cell(other),
        herd_text_cell(c->metrics[m].name),
        herd_real_cell(iv->mean),
        herd_real_cell(iv->sd),
        herd_real_cell(iv->low),
        herd_real_cell(iv->high),
        herd_int_cell((int64_t)iv->n),
    };
    return put_row(sink, scenario, row, 8);
}

/* Per metric and policy: its own interval (other NULL), then its difference from each other
 * policy. */
static herd_status summary_rows(const herd_compare *c, const char *scenario,
                                const herd_table_sink *sink)
{
    herd_status rc = HERD_OK;
    for (size_t m = 0; m < c->n_metrics && rc == HERD_OK; m++)
        for (size_t p = 0; p < c->n_policies && rc == HERD_OK; p++) {
            herd_interval iv;
            herd_compare_interval(c, p, m, &iv);
            rc = summary_row(c, scenario, p, NULL, m, &iv, sink);
            for (size_t o = 0; o < c->n_policies && rc == HERD_OK; o++)
                if (o != p) {
                    herd_compare_difference(c, p, o, m, &iv);
                    rc = summary_row(c, scenario, p, herd_compare_policy_name(c, o), m, &iv,
                                     sink);
                }
        }
    return rc;
}

/* The arms' names joined by commas, allocated from c's allocator; NULL when out of memory. */
static char *joined_policies(const herd_compare *c)
{
    size_t size = 1;
    for (size_t p = 0; p < c->n_policies; p++)
        size += strlen(herd_compare_policy_name(c, p)) + 1;
    char *text = herd_calloc(&c->a, size, 1);
    for (size_t p = 0, used = 0; text != NULL && p < c->n_policies; p++)
        used += (size_t)sprintf(text + used, "%s%s", p ? "," : "", herd_compare_policy_name(c, p));
    return text;
}

static herd_status scenarios_row(const herd_compare *c, const char *scenario,
                                 const herd_table_sink *sink)
{
    char *text = NULL, *policies = joined_policies(c);
    size_t length;
    herd_status rc = policies != NULL ? herd_scenario_write_string(c->sc, &text, &length)
                                      : HERD_ENOMEM;
    if (rc == HERD_OK) {
        herd_cell row[7];
        herd_seed_cells(c->sc->seed, row + 1);
        row[3] = herd_int_cell(c->reps);
        row[4] = herd_text_cell(policies);
        row[5] = herd_text_cell(herd_version());
        row[6] = herd_text_cell(text);
        rc = put_row(sink, scenario, row, 6);
    }
    herd_free(&c->a, text);
    herd_free(&c->a, policies);
    return rc;
}

/* The series' fields: fields[k], or the record table's k-th row when fields is NULL. */
static const herd_output_info *series_field(const herd_output_info *const *fields, size_t k)
{
    return fields != NULL ? fields[k] : herd_record_info(k);
}

/* The series' columns into s, FIELD_PART named in s->text; returns their number. */
static size_t series_header(const herd_output_info *const *fields, size_t n_fields,
                            int with_scenario, herd_table_scratch *s)
{
    size_t n = table_columns(HERD_COMPARE_SERIES, with_scenario, s->names, s->types);
    char *at = s->text;
    for (size_t f = 0; f < n_fields; f++)
        for (size_t k = 0; k < 3; k++, n++) {
            const char *name = series_field(fields, f)->name;
            s->names[n] = at;
            s->types[n] = HERD_CELL_REAL;
            at += sprintf(at, "%s_%s", name, series_parts[k]) + 1;
        }
    return n;
}

static herd_status series_rows(const herd_compare *c, const char *scenario,
                               const herd_output_info *const *fields, size_t n_fields,
                               herd_cell *row, const herd_table_sink *sink)
{
    herd_status rc = HERD_OK;
    for (size_t p = 0; p < c->n_policies && rc == HERD_OK; p++)
        for (long t = 0; t < c->ticks && rc == HERD_OK; t++) {
            row[1] = herd_text_cell(herd_compare_policy_name(c, p));
            row[2] = herd_int_cell(t);
            row[3] = herd_int_cell(c->reps);
            for (size_t f = 0; f < n_fields && rc == HERD_OK; f++) {
                herd_interval iv;
                rc = herd_compare_series(c, p, t, series_field(fields, f), &iv);
                row[4 + 3 * f] = herd_real_cell(iv.mean);
                row[5 + 3 * f] = herd_real_cell(iv.low);
                row[6 + 3 * f] = herd_real_cell(iv.high);
            }
            if (rc == HERD_OK)
                rc = put_row(sink, scenario, row, 3 + 3 * n_fields);
        }
    return rc;
}

herd_status herd_compare_write_series(const herd_compare *c, const char *scenario,
                                      const herd_output_info *const *fields, size_t n_fields,
                                      const herd_table_sink *sink)
{
    if (c == NULL || !herd_table_sink_ok(sink) || (fields != NULL && n_fields == 0))
        return HERD_EINVAL;
    if (fields == NULL)
        n_fields = herd_record_info_count();
    size_t text = 0;
    for (size_t f = 0; f < n_fields; f++) {
        if (series_field(fields, f) == NULL)
            return HERD_EINVAL;
        text += 3 * (strlen(series_field(fields, f)->name) + sizeof "_high");
    }
    if (c->records == NULL)
        return HERD_ESTATE;
    herd_table_scratch s = {0};
    herd_status rc = herd_table_scratch_new(&s, 4 + 3 * n_fields, text, &c->a);
    if (rc == HERD_OK) {
        size_t n = series_header(fields, n_fields, scenario != NULL, &s);
        rc = sink->begin(sink->userdata, "series", s.names, s.types, n);
    }
    if (rc == HERD_OK)
        rc = series_rows(c, scenario, fields, n_fields, s.row, sink);
    herd_table_scratch_free(&s, &c->a);
    return rc;
}

/* herd_compare_write's series: the fields of default_series. */
static herd_status default_series_table(const herd_compare *c, const char *scenario,
                                        const herd_table_sink *sink)
{
    const herd_output_info *fields[N_DEFAULT_SERIES];
    for (size_t f = 0; f < N_DEFAULT_SERIES; f++)
        fields[f] = herd_record_find(default_series[f]);
    return herd_compare_write_series(c, scenario, fields, N_DEFAULT_SERIES, sink);
}

herd_status herd_compare_write(const herd_compare *c, herd_compare_table table,
                               const char *scenario, const herd_table_sink *sink)
{
    if (c == NULL || !herd_table_sink_ok(sink) || (unsigned)table > HERD_COMPARE_SCENARIOS)
        return HERD_EINVAL;
    if (table == HERD_COMPARE_SERIES)
        return default_series_table(c, scenario, sink);
    const char *names[9];
    herd_cell_type types[9];
    size_t n = table_columns(table, scenario != NULL, names, types);
    herd_status rc = sink->begin(sink->userdata, tables[table].name, names, types, n);
    if (rc != HERD_OK)
        return rc;
    return table == HERD_COMPARE_RUNS      ? runs_rows(c, scenario, sink)
           : table == HERD_COMPARE_SUMMARY ? summary_rows(c, scenario, sink)
                                           : scenarios_row(c, scenario, sink);
}

herd_status herd_compare_write_tables(const herd_compare *c, const char *scenario,
                                      const herd_table_sink *sink)
{
    herd_status rc = herd_compare_write(c, HERD_COMPARE_SCENARIOS, scenario, sink);
    if (rc == HERD_OK)
        rc = herd_compare_write(c, HERD_COMPARE_RUNS, scenario, sink);
    if (rc == HERD_OK)
        rc = herd_compare_write(c, HERD_COMPARE_SUMMARY, scenario, sink);
    if (rc == HERD_OK && c->records != NULL)
        rc = herd_compare_write(c, HERD_COMPARE_SERIES, scenario, sink);
    return rc;
}

static double mean_of(const herd_compare *c, const double *mean, size_t policy, size_t metric)
{
    if (mean != NULL)
        return mean[policy];
    herd_interval iv;
    herd_compare_interval(c, policy, metric, &iv);
    return iv.mean;
}

void herd_compare_means(const herd_compare *c, size_t metric, double *mean)
{
    for (size_t p = 0; p < c->n_policies; p++)
        mean[p] = mean_of(c, NULL, p, metric);
}

herd_status herd_compare_tied_label(const herd_compare *c, const double *mean, size_t policy,
                                    size_t metric, char *label, size_t size)
{
    if (c == NULL || label == NULL || size == 0 || policy >= c->n_policies ||
        metric >= c->n_metrics)
        return HERD_EINVAL;
    double w = mean_of(c, mean, policy, metric);
    size_t used = 0;
    label[0] = '\0';
    for (size_t p = 0; p < c->n_policies; p++) {
        if (mean_of(c, mean, p, metric) != w && p != policy)
            continue;
        int n = snprintf(label + used, size - used, "%s%s", used ? "=" : "",
                         herd_compare_policy_name(c, p));
        if (n < 0 || (size_t)n >= size - used) {
            label[used] = '\0';
            break;
        }
        used += (size_t)n;
    }
    return HERD_OK;
}

herd_status herd_compare_tied_names(const herd_compare *c, size_t policy, size_t metric,
                                    char *label, size_t size)
{
    return herd_compare_tied_label(c, NULL, policy, metric, label, size);
}

herd_status herd_table_scratch_new(herd_table_scratch *s, size_t n, size_t text_size,
                                   const herd_allocator *a)
{
    s->names = herd_calloc(a, n, sizeof *s->names);
    s->types = herd_calloc(a, n, sizeof *s->types);
    s->row = herd_calloc(a, n, sizeof *s->row);
    s->text = herd_calloc(a, text_size ? text_size : 1, 1);
    return s->names && s->types && s->row && s->text ? HERD_OK : HERD_ENOMEM;
}

void herd_table_scratch_free(herd_table_scratch *s, const herd_allocator *a)
{
    herd_free(a, s->names);
    herd_free(a, (void *)s->types);
    herd_free(a, s->row);
    herd_free(a, s->text);
}
