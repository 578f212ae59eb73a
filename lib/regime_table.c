/* A regime map as rows of typed cells (herd_regime_write in include/herd/compare.h). */
#include <stdio.h>
#include <string.h>

#include "compare_internal.h"
#include "table_cells.h"

static const char *const regime_columns[] = {
    "ix", "iy", NULL, NULL, "metric", "winner", "winner_index", "runner_up", "margin",
    "margin_low", "margin_high", "margin_pct",
};
static const herd_cell_type regime_types[] = {
    HERD_CELL_INT,  HERD_CELL_INT,  HERD_CELL_REAL, HERD_CELL_REAL, HERD_CELL_TEXT, HERD_CELL_TEXT,
    HERD_CELL_INT,  HERD_CELL_TEXT, HERD_CELL_REAL, HERD_CELL_REAL, HERD_CELL_REAL, HERD_CELL_REAL,
};
enum { REGIME_FIXED = sizeof regime_columns / sizeof *regime_columns };

/* The room for the means' names ("mean_NAME") and, after them, the winner's label (every
 * name joined by "="), of c's policies. */
static size_t names_size(const herd_compare *c, size_t *label_size)
{
    size_t text = 0;
    for (size_t p = 0; p < c->n_policies; p++)
        text += strlen(herd_compare_policy_name(c, p)) + 1;
    *label_size = text + 1;
    return text + c->n_policies * 5 + *label_size;
}

/* The regime table's columns into s; returns the label's room, after the means' names. */
static char *regime_header(const herd_regime *r, const herd_compare *c, herd_table_scratch *s)
{
    char *at = s->text;
    for (size_t k = 0; k < REGIME_FIXED; k++) {
        s->names[k] = regime_columns[k] != NULL ? regime_columns[k]
                                                : herd_regime_axis_key(r, (int)k - 2);
        s->types[k] = regime_types[k];
    }
    for (size_t p = 0; p < c->n_policies; p++) {
        s->names[REGIME_FIXED + p] = at;
        s->types[REGIME_FIXED + p] = HERD_CELL_REAL;
        at += sprintf(at, "mean_%s", herd_compare_policy_name(c, p)) + 1;
    }
    return at;
}

/* The row of cell (i, j); mean is room for its policies' means. */
static herd_status regime_row(const herd_regime *r, long i, long j, size_t metric, double *mean,
                              herd_cell *row, char *label, size_t label_size,
                              const herd_table_sink *sink)
{
    const herd_compare *c = herd_regime_cell(r, i, j);
    herd_regime_result res;
    herd_compare_means(c, metric, mean);
    herd_status rc = herd_regime_rank(c, mean, metric, &res);
    if (rc == HERD_OK)
        rc = herd_compare_tied_label(c, mean, res.winner, metric, label, label_size);
    if (rc != HERD_OK)
        return rc;
    row[0] = herd_int_cell(i);
    row[1] = herd_int_cell(j);
    row[2] = herd_real_cell(herd_regime_axis_value(r, 0, i));
    row[3] = herd_real_cell(herd_regime_axis_value(r, 1, j));
    row[4] = herd_text_cell(c->metrics[metric].name);
    row[5] = herd_text_cell(label);
    row[6] = herd_int_cell((int64_t)res.winner);
    row[7] = herd_text_cell(herd_compare_policy_name(c, res.runner_up));
    row[8] = herd_real_cell(res.margin.mean);
    row[9] = herd_real_cell(res.margin.low);
    row[10] = herd_real_cell(res.margin.high);
    row[11] = herd_real_cell(res.margin_pct);
    for (size_t p = 0; p < c->n_policies; p++)
        row[REGIME_FIXED + p] = herd_real_cell(mean[p]);
    return sink->row(sink->userdata, row, REGIME_FIXED + c->n_policies);
}

herd_status herd_regime_write(const herd_regime *r, size_t metric, const herd_table_sink *sink)
{
    const herd_compare *c0 = herd_regime_cell(r, 0, 0);
    if (c0 == NULL || !herd_table_sink_ok(sink) || metric >= c0->n_metrics)
        return HERD_EINVAL;
    herd_table_scratch s = {0};
    size_t label_size;
    herd_status rc = herd_table_scratch_new(&s, REGIME_FIXED + c0->n_policies,
                                            names_size(c0, &label_size), &c0->a);
    double *mean = herd_calloc(&c0->a, c0->n_policies, sizeof *mean);
    if (rc == HERD_OK && mean == NULL)
        rc = HERD_ENOMEM;
    char *label = rc == HERD_OK ? regime_header(r, c0, &s) : NULL;
    if (rc == HERD_OK)
        rc = sink->begin(sink->userdata, "regime", s.names, s.types,
                         REGIME_FIXED + c0->n_policies);
    for (long i = 0; i < herd_regime_steps(r, 0) && rc == HERD_OK; i++)
        for (long j = 0; j < herd_regime_steps(r, 1) && rc == HERD_OK; j++)
            rc = regime_row(r, i, j, metric, mean, s.row, label, label_size, sink);
    herd_free(&c0->a, mean);
    herd_table_scratch_free(&s, &c0->a);
    return rc;
}
