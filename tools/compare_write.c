/* herd compare: the CSV files and the summary tables. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_write.h"

/* table of every scenario, each row led by the scenario's name, into sink: 0, or the
 * status of the library. */
static int study_table(const cmp_study *st, herd_compare_table table,
                       const herd_table_sink *sink)
{
    int rc = HERD_OK;
    for (size_t i = 0; i < st->n_scenarios && rc == HERD_OK; i++)
        rc = herd_compare_write(st->scenarios[i].result, table, st->scenarios[i].name, sink);
    return rc;
}

int cmp_write_tables(const cmp_study *st, herd_sqlite *db)
{
    herd_table_sink sink;
    int rc = herd_sqlite_table_sink(db, &sink);
    for (size_t i = 0; i < st->n_scenarios && rc == HERD_OK; i++)
        rc = herd_compare_write_tables(st->scenarios[i].result, st->scenarios[i].name, &sink);
    for (size_t k = 0; rc == HERD_OK && st->regime != NULL && k < st->opt->n_regime_metrics; k++)
        rc = herd_regime_write(st->regime, st->regime_metrics[k], &sink);
    return rc;
}

int cmp_write_runs(FILE *f, const void *study)
{
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    return study_table(study, HERD_COMPARE_RUNS, &t.sink);
}

int cmp_write_scenarios(FILE *f, const void *study)
{
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    return study_table(study, HERD_COMPARE_SCENARIOS, &t.sink);
}

int cmp_write_summary_csv(FILE *f, const void *study)
{
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    return study_table(study, HERD_COMPARE_SUMMARY, &t.sink);
}

/* summary.md: per scenario, the policies' means and then every pair's difference, over the
 * metrics a reader compares styles by; summary.csv holds every metric. */

static const char *const table_metrics[] = {
    "innovation_total", "performance_total", "morale_mean",
    "morale_final",     "skill_final",       "turnover_rate_annual",
};
enum { N_TABLE_METRICS = sizeof table_metrics / sizeof table_metrics[0] };

/* The metrics of the tables: those above, then every event's dip and recovery. */
static size_t table_columns(const herd_compare *c, size_t *cols)
{
    size_t n = 0;
    for (size_t k = 0; k < N_TABLE_METRICS; k++)
        if (herd_compare_find_metric(c, table_metrics[k], &cols[n]) == HERD_OK)
            n++;
    for (size_t m = 0; m < herd_compare_n_metrics(c); m++)
        if (herd_compare_metric_info(c, m)->kind != HERD_METRIC_RUN)
            cols[n++] = m;
    return n;
}

static void md_header(FILE *f, const herd_compare *c, const size_t *cols, size_t n,
                      const char *first)
{
    fprintf(f, "| %s |", first);
    for (size_t k = 0; k < n; k++)
        fprintf(f, " %s |", herd_compare_metric_info(c, cols[k])->label);
    fputs("\n|---|", f);
    for (size_t k = 0; k < n; k++)
        fputs("---:|", f);
    fputc('\n', f);
}

/* The best mean of a metric over the policies, as a score where higher is better. */
static double best_score(const herd_compare *c, size_t m)
{
    double best = -INFINITY;
    int better = herd_compare_metric_info(c, m)->better;
    for (size_t p = 0; p < herd_compare_n_policies(c); p++) {
        herd_interval iv;
        herd_compare_interval(c, p, m, &iv);
        if (better * iv.mean > best)
            best = better * iv.mean;
    }
    return best;
}

static void md_interval(FILE *f, const herd_interval *iv, int signed_mean)
{
    double half = iv->high - iv->mean;
    fprintf(f, signed_mean ? "%+.4g" : "%.4g", iv->mean);
    if (isnan(half))
        fputs(" ± NA", f);
    else
        fprintf(f, " ± %.2g", half);
}

static void md_means(FILE *f, const herd_compare *c, const size_t *cols, size_t n)
{
    md_header(f, c, cols, n, "policy");
    for (size_t p = 0; p < herd_compare_n_policies(c); p++) {
        fprintf(f, "| %s |", herd_compare_policy_name(c, p));
        for (size_t k = 0; k < n; k++) {
            herd_interval iv;
            herd_compare_interval(c, p, cols[k], &iv);
            double score = herd_compare_metric_info(c, cols[k])->better * iv.mean;
            int bold = score == best_score(c, cols[k]); /* ties are all bold */
            fputs(bold ? " **" : " ", f);
            md_interval(f, &iv, 0);
            fputs(bold ? "** |" : " |", f);
        }
        fputc('\n', f);
    }
}

/* A difference whose interval holds 0 is shown in parentheses. */
static void md_differences(FILE *f, const herd_compare *c, const size_t *cols, size_t n)
{
    md_header(f, c, cols, n, "difference");
    size_t np = herd_compare_n_policies(c);
    for (size_t p = 0; p < np; p++)
        for (size_t o = p + 1; o < np; o++) {
            fprintf(f, "| %s − %s |", herd_compare_policy_name(c, p),
                    herd_compare_policy_name(c, o));
            for (size_t k = 0; k < n; k++) {
                herd_interval iv;
                herd_compare_difference(c, p, o, cols[k], &iv);
                int unclear = !(iv.low > 0 || iv.high < 0);
                fputs(unclear ? " (" : " ", f);
                md_interval(f, &iv, 1);
                fputs(unclear ? ") |" : " |", f);
            }
            fputc('\n', f);
        }
}

/* Rows are the first axis, columns the second; a cell names the winner and its margin. */
static int md_regime(FILE *f, const cmp_study *st, size_t metric)
{
    const herd_regime *rm = st->regime;
    const herd_compare *c0 = herd_regime_cell(rm, 0, 0);
    long nx = herd_regime_steps(rm, 0), ny = herd_regime_steps(rm, 1);
    fprintf(f, "\n## Regime map: best policy by %s (%s, %ld replications)\n\n"
               "Margin over the runner-up, in parentheses when its interval holds 0.\n\n"
               "| %s \\ %s |", herd_compare_metric_info(c0, metric)->label,
            st->scenarios[0].name, herd_compare_n_reps(c0), herd_regime_axis_key(rm, 0),
            herd_regime_axis_key(rm, 1));
    for (long j = 0; j < ny; j++)
        fprintf(f, " %.3g |", herd_regime_axis_value(rm, 1, j));
    fputs("\n|---|", f);
    for (long j = 0; j < ny; j++)
        fputs("---|", f);
    fputc('\n', f);
    for (long i = 0; i < nx; i++) {
        fprintf(f, "| %.3g |", herd_regime_axis_value(rm, 0, i));
        for (long j = 0; j < ny; j++) {
            herd_regime_result res;
            char label[CMP_NAME * 4];
            const herd_compare *c = herd_regime_cell(rm, i, j);
            if (herd_regime_result_of(rm, i, j, metric, &res) != HERD_OK ||
                herd_compare_tied_names(c, res.winner, metric, label, sizeof label) != HERD_OK)
                return 1;
            int clear = res.margin.low > 0;
            fprintf(f, " %s %s%+.1f%%%s |", label, clear ? "" : "(", res.margin_pct,
                    clear ? "" : ")");
        }
        fputc('\n', f);
    }
    return 0;
}

int cmp_write_summary_md(FILE *f, const void *study)
{
    const cmp_study *st = study;
    for (size_t i = 0; i < st->n_scenarios; i++) {
        const cmp_scenario *s = &st->scenarios[i];
        const herd_compare *c = s->result;
        const herd_params *pa = &s->sc->params;
        size_t cols[N_TABLE_METRICS + 2 * 64], n = 0;
        if (herd_compare_n_metrics(c) <= sizeof cols / sizeof cols[0])
            n = table_columns(c, cols);
        fprintf(f, "%s## %s: %ld teams of %ld, %ld ticks, %ld replications, 95%% intervals\n\n",
                i ? "\n" : "", s->name, pa->n_teams, pa->team_size, herd_compare_n_ticks(c),
                herd_compare_n_reps(c));
        md_means(f, c, cols, n);
        fputs("\nPaired differences (first minus second; in parentheses when the interval "
              "holds 0):\n\n", f);
        md_differences(f, c, cols, n);
    }
    for (size_t k = 0; st->regime != NULL && k < st->opt->n_regime_metrics; k++)
        if (md_regime(f, st, st->regime_metrics[k]) != 0)
            return 1;
    return 0;
}

int cmp_write_series(FILE *f, const void *scenario)
{
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    return herd_compare_write(((const cmp_scenario *)scenario)->result, HERD_COMPARE_SERIES,
                              NULL, &t.sink);
}

void cmp_regime_file(const cmp_study *st, size_t k, const char *ext, char *name, size_t size)
{
    if (k == 0)
        snprintf(name, size, "regime.%s", ext);
    else
        snprintf(name, size, "regime_%s.%s", st->opt->regime_metrics[k], ext);
}

int cmp_write_regime(FILE *f, const void *regime_view)
{
    const cmp_regime_view *view = regime_view;
    herd_io_csv_table t;
    herd_io_csv_table_init(&t, f);
    return herd_regime_write(view->st->regime, view->st->regime_metrics[view->k], &t.sink);
}
