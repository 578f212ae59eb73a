/* A comparison's tables and a regime map's as rows of typed cells (include/herd/compare.h):
 * one producer for each, which a CSV file and an SQLite database both take. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"

static const char *const series_fields[] = {"innovation_cum", "performance", "morale", "skill"};
enum { N_SERIES_FIELDS = sizeof series_fields / sizeof series_fields[0] };

static herd_cell text_cell(const char *text)
{
    return (herd_cell){.type = HERD_CELL_TEXT, .text = text};
}

static herd_cell int_cell(int64_t i)
{
    return (herd_cell){.type = HERD_CELL_INT, .i = i};
}

static herd_cell real_cell(double x)
{
    return (herd_cell){.type = HERD_CELL_REAL, .x = x};
}

/* The seed's two columns, as HERD_IO_SEED_COLUMNS. */
static void seed_cells(uint64_t seed, herd_cell *at)
{
    at[0] = int_cell((int64_t)(seed >> 32));
    at[1] = int_cell((int64_t)(uint32_t)seed);
}

/* A table's columns: the scenario's first when there is one. */
typedef struct columns {
    const char *names[4 + 3 * N_SERIES_FIELDS];
    herd_cell_type types[4 + 3 * N_SERIES_FIELDS];
    size_t n;
} columns;

static void add_column(columns *c, const char *name, herd_cell_type type)
{
    c->names[c->n] = name;
    c->types[c->n++] = type;
}

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
};

enum { FIELD_NAME = 48 };

/* The columns of table, the scenario's first if with_scenario; names holds the series'. */
static void table_columns(herd_compare_table table, int with_scenario, columns *c,
                          char names[N_SERIES_FIELDS * 3][FIELD_NAME])
{
    static const char *const parts[] = {"mean", "low", "high"};
    c->n = 0;
    if (with_scenario)
        add_column(c, "scenario", HERD_CELL_TEXT);
    for (size_t k = 0; k < tables[table].n; k++)
        add_column(c, tables[table].columns[k], tables[table].types[k]);
    for (size_t f = 0; table == HERD_COMPARE_SERIES && f < N_SERIES_FIELDS; f++)
        for (size_t k = 0; k < 3; k++) {
            snprintf(names[f * 3 + k], FIELD_NAME, "%s_%s", series_fields[f], parts[k]);
            add_column(c, names[f * 3 + k], HERD_CELL_REAL);
        }
}

/* One row: the scenario's cell, when there is one, before cells[0..n). */
static herd_status put_row(const herd_table_sink *sink, const char *scenario, herd_cell *row,
                           size_t n)
{
    row[0] = text_cell(scenario);
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
                row[1] = text_cell(herd_compare_policy_name(c, p));
                row[2] = int_cell(r);
                seed_cells(herd_compare_seed(c, r), row + 3);
                row[5] = text_cell(c->metrics[m].name);
                row[6] = real_cell(herd_compare_value(c, p, r, m));
                rc = put_row(sink, scenario, row, 6);
            }
    return rc;
}

static herd_status summary_row(const herd_compare *c, const char *scenario, size_t p,
                               const char *other, size_t m, const herd_interval *iv,
                               const herd_table_sink *sink)
{
    herd_cell row[9] = {
        {0}, text_cell(herd_compare_policy_name(c, p)), text_cell(other),
        text_cell(c->metrics[m].name), real_cell(iv->mean), real_cell(iv->sd),
        real_cell(iv->low), real_cell(iv->high), int_cell((int64_t)iv->n),
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

static herd_status series_rows(const herd_compare *c, const char *scenario,
                               const herd_table_sink *sink)
{
    herd_status rc = HERD_OK;
    herd_cell row[4 + 3 * N_SERIES_FIELDS];
    for (size_t p = 0; p < c->n_policies && rc == HERD_OK; p++)
        for (long t = 0; t < c->ticks && rc == HERD_OK; t++) {
            row[1] = text_cell(herd_compare_policy_name(c, p));
            row[2] = int_cell(t);
            row[3] = int_cell(c->reps);
            for (size_t f = 0; f < N_SERIES_FIELDS && rc == HERD_OK; f++) {
                herd_interval iv;
                rc = herd_compare_series(c, p, t, herd_record_find(series_fields[f]), &iv);
                row[4 + 3 * f] = real_cell(iv.mean);
                row[5 + 3 * f] = real_cell(iv.low);
                row[6 + 3 * f] = real_cell(iv.high);
            }
            if (rc == HERD_OK)
                rc = put_row(sink, scenario, row, 3 + 3 * N_SERIES_FIELDS);
        }
    return rc;
}

herd_status herd_compare_write(const herd_compare *c, herd_compare_table table,
                               const char *scenario, const herd_table_sink *sink)
{
    if (c == NULL || sink == NULL || sink->begin == NULL || sink->row == NULL ||
        (unsigned)table > HERD_COMPARE_SERIES)
        return HERD_EINVAL;
    if (table == HERD_COMPARE_SERIES && c->records == NULL)
        return HERD_ESTATE;
    columns cols;
    char names[N_SERIES_FIELDS * 3][FIELD_NAME];
    table_columns(table, scenario != NULL, &cols, names);
    herd_status rc = sink->begin(sink->userdata, tables[table].name, cols.names, cols.types,
                                 cols.n);
    if (rc != HERD_OK)
        return rc;
    return table == HERD_COMPARE_RUNS      ? runs_rows(c, scenario, sink)
           : table == HERD_COMPARE_SUMMARY ? summary_rows(c, scenario, sink)
                                           : series_rows(c, scenario, sink);
}

herd_status herd_compare_tied_names(const herd_compare *c, size_t policy, size_t metric,
                                    char *label, size_t size)
{
    if (c == NULL || label == NULL || size == 0 || policy >= c->n_policies ||
        metric >= c->n_metrics)
        return HERD_EINVAL;
    herd_interval w, iv;
    herd_compare_interval(c, policy, metric, &w);
    size_t used = 0;
    label[0] = '\0';
    for (size_t p = 0; p < c->n_policies; p++) {
        herd_compare_interval(c, p, metric, &iv);
        if (iv.mean != w.mean && p != policy)
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

/* ---- a regime map ---- */

static const char *const regime_columns[] = {
    "ix", "iy", NULL, NULL, "metric", "winner", "winner_index", "runner_up", "margin",
    "margin_low", "margin_high", "margin_pct",
};
static const herd_cell_type regime_types[] = {
    HERD_CELL_INT,  HERD_CELL_INT,  HERD_CELL_REAL, HERD_CELL_REAL, HERD_CELL_TEXT, HERD_CELL_TEXT,
    HERD_CELL_INT,  HERD_CELL_TEXT, HERD_CELL_REAL, HERD_CELL_REAL, HERD_CELL_REAL, HERD_CELL_REAL,
};
enum { REGIME_FIXED = sizeof regime_columns / sizeof *regime_columns };

/* What one call of herd_regime_write allocates: the columns, a row, the means' names and the
 * winner's label, each for n policies. */
typedef struct regime_scratch {
    const char **names;
    herd_cell_type *types;
    herd_cell *row;
    char *text; /* the means' names, then the label */
    size_t label_size;
} regime_scratch;

static herd_status scratch_new(regime_scratch *s, const herd_compare *c, herd_allocator *a)
{
    size_t n = REGIME_FIXED + c->n_policies, text = 0;
    for (size_t p = 0; p < c->n_policies; p++)
        text += strlen(herd_compare_policy_name(c, p)) + 1;
    s->label_size = text + 1;
    s->names = herd_calloc(a, n, sizeof *s->names);
    s->types = herd_calloc(a, n, sizeof *s->types);
    s->row = herd_calloc(a, n, sizeof *s->row);
    s->text = herd_calloc(a, text + c->n_policies * 5 + s->label_size, 1);
    return s->names && s->types && s->row && s->text ? HERD_OK : HERD_ENOMEM;
}

static void scratch_free(regime_scratch *s, herd_allocator *a)
{
    herd_free(a, s->names);
    herd_free(a, (void *)s->types);
    herd_free(a, s->row);
    herd_free(a, s->text);
}

/* The regime table's columns into s; the label's room follows the means' names. */
static char *regime_header(const herd_regime *r, const herd_compare *c, regime_scratch *s)
{
    char *at = s->text;
    for (size_t k = 0; k < REGIME_FIXED; k++) {
        s->names[k] = regime_columns[k] != NULL ? regime_columns[k]
                                                : herd_regime_axis_key(r, (int)k - 2);
        s->types[k] = regime_types[k];
    }
    for (size_t p = 0; p < c->n_policies; p++) {
        const char *name = herd_compare_policy_name(c, p);
        s->names[REGIME_FIXED + p] = at;
        s->types[REGIME_FIXED + p] = HERD_CELL_REAL;
        at += snprintf(at, strlen(name) + 6, "mean_%s", name) + 1;
    }
    return at;
}

static herd_status regime_row(const herd_regime *r, long i, long j, size_t metric,
                              regime_scratch *s, char *label, const herd_table_sink *sink)
{
    const herd_compare *c = herd_regime_cell(r, i, j);
    herd_regime_result res;
    herd_status rc = herd_regime_result_of(r, i, j, metric, &res);
    if (rc == HERD_OK)
        rc = herd_compare_tied_names(c, res.winner, metric, label, s->label_size);
    if (rc != HERD_OK)
        return rc;
    herd_cell *row = s->row;
    row[0] = int_cell(i);
    row[1] = int_cell(j);
    row[2] = real_cell(herd_regime_axis_value(r, 0, i));
    row[3] = real_cell(herd_regime_axis_value(r, 1, j));
    row[4] = text_cell(c->metrics[metric].name);
    row[5] = text_cell(label);
    row[6] = int_cell((int64_t)res.winner);
    row[7] = text_cell(herd_compare_policy_name(c, res.runner_up));
    row[8] = real_cell(res.margin.mean);
    row[9] = real_cell(res.margin.low);
    row[10] = real_cell(res.margin.high);
    row[11] = real_cell(res.margin_pct);
    for (size_t p = 0; p < c->n_policies; p++) {
        herd_interval iv;
        herd_compare_interval(c, p, metric, &iv);
        row[REGIME_FIXED + p] = real_cell(iv.mean);
    }
    return sink->row(sink->userdata, row, REGIME_FIXED + c->n_policies);
}

herd_status herd_regime_write(const herd_regime *r, size_t metric, const herd_table_sink *sink)
{
    const herd_compare *c0 = herd_regime_cell(r, 0, 0);
    if (c0 == NULL || sink == NULL || sink->begin == NULL || sink->row == NULL ||
        metric >= c0->n_metrics)
        return HERD_EINVAL;
    herd_allocator a = c0->a;
    regime_scratch s = {0};
    herd_status rc = scratch_new(&s, c0, &a);
    char *label = rc == HERD_OK ? regime_header(r, c0, &s) : NULL;
    if (rc == HERD_OK)
        rc = sink->begin(sink->userdata, "regime", s.names, s.types,
                         REGIME_FIXED + c0->n_policies);
    for (long i = 0; i < herd_regime_steps(r, 0) && rc == HERD_OK; i++)
        for (long j = 0; j < herd_regime_steps(r, 1) && rc == HERD_OK; j++)
            rc = regime_row(r, i, j, metric, &s, label, sink);
    scratch_free(&s, &a);
    return rc;
}
