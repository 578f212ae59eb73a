/* herd compare: the CSV files and the summary tables. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_files.h"
#include "compare_internal.h"

int cmp_write_file(const char *dir, const char *name, cmp_writer write, const void *ctx,
                   char *err, size_t err_size)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        snprintf(err, err_size, "%s/%s: path too long", dir, name);
        return -1;
    }
    herd_io_atomic *w;
    if (cli_file_open(&w, path, NULL, err, err_size) != HERD_OK)
        return -1;
    FILE *f = herd_io_atomic_file(w);
    if (write(f, ctx) != 0 || ferror(f)) {
        cli_file_abort(w);
        snprintf(err, err_size, "%s: write failed", path);
        return -1;
    }
    return cli_file_commit(w, err, err_size) == HERD_OK ? 0 : -1;
}

/* "NA" for what one replication cannot tell (a spread, an interval). */
static void put_number(FILE *f, double x)
{
    if (isnan(x))
        fputs("NA", f);
    else
        herd_io_csv_number(f, x);
}

/* runs.csv */

int cmp_write_runs(FILE *f, const void *study)
{
    const cmp_study *st = study;
    fputs("scenario,policy,rep," HERD_IO_SEED_COLUMNS ",metric,value\n", f);
    for (size_t i = 0; i < st->n_scenarios; i++) {
        const cmp_scenario *s = &st->scenarios[i];
        const herd_compare *c = s->result;
        for (size_t p = 0; p < herd_compare_n_policies(c); p++)
            for (long r = 0; r < herd_compare_n_reps(c); r++)
                for (size_t m = 0; m < herd_compare_n_metrics(c); m++) {
                    char seed[HERD_IO_SEED_SIZE];
                    herd_io_seed(herd_compare_seed(c, r), seed);
                    fprintf(f, "%s,%s,%ld,%s,%s,", s->name, herd_compare_policy_name(c, p), r,
                            seed, herd_compare_metric_info(c, m)->name);
                    put_number(f, herd_compare_value(c, p, r, m));
                    fputc('\n', f);
                }
    }
    return 0;
}

/* summary.csv */

static void summary_row(FILE *f, const cmp_scenario *s, const char *policy, const char *other,
                        size_t metric, const herd_interval *iv)
{
    fprintf(f, "%s,%s,%s,%s,", s->name, policy, other,
            herd_compare_metric_info(s->result, metric)->name);
    put_number(f, iv->mean);
    fputc(',', f);
    put_number(f, iv->sd);
    fputc(',', f);
    put_number(f, iv->low);
    fputc(',', f);
    put_number(f, iv->high);
    fprintf(f, ",%zu\n", iv->n);
}

int cmp_write_summary_csv(FILE *f, const void *study)
{
    const cmp_study *st = study;
    fputs("scenario,policy,other,metric,mean,sd,ci_low,ci_high,n\n", f);
    for (size_t i = 0; i < st->n_scenarios; i++) {
        const cmp_scenario *s = &st->scenarios[i];
        const herd_compare *c = s->result;
        size_t np = herd_compare_n_policies(c);
        for (size_t m = 0; m < herd_compare_n_metrics(c); m++)
            for (size_t p = 0; p < np; p++) {
                herd_interval iv;
                herd_compare_interval(c, p, m, &iv);
                summary_row(f, s, herd_compare_policy_name(c, p), "", m, &iv);
                for (size_t o = 0; o < np; o++) {
                    if (o == p)
                        continue;
                    herd_compare_difference(c, p, o, m, &iv);
                    summary_row(f, s, herd_compare_policy_name(c, p),
                                herd_compare_policy_name(c, o), m, &iv);
                }
            }
    }
    return 0;
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

/* The cell's winner, or "a=b" for arms whose means are equal (behind and hybrid where no
 * crisis ever comes). */
static void winner_label(const herd_compare *c, const herd_regime_result *res, size_t metric,
                         char *label, size_t size)
{
    herd_interval w, iv;
    herd_compare_interval(c, res->winner, metric, &w);
    size_t used = 0;
    label[0] = '\0';
    for (size_t p = 0; p < herd_compare_n_policies(c); p++) {
        herd_compare_interval(c, p, metric, &iv);
        if (iv.mean != w.mean)
            continue;
        int n = snprintf(label + used, size - used, "%s%s", used ? "=" : "",
                         herd_compare_policy_name(c, p));
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* The margin as a share of the runner-up's mean. */
static double margin_pct(const herd_compare *c, const herd_regime_result *res, size_t metric)
{
    herd_interval ru;
    herd_compare_interval(c, res->runner_up, metric, &ru);
    return ru.mean != 0 ? 100 * res->margin.mean / fabs(ru.mean) : NAN;
}

/* Rows are the first axis, columns the second; a cell names the winner and its margin. */
static void md_regime(FILE *f, const cmp_study *st, size_t metric)
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
            herd_regime_result_of(rm, i, j, metric, &res);
            winner_label(c, &res, metric, label, sizeof label);
            int clear = res.margin.low > 0;
            fprintf(f, " %s %s%+.1f%%%s |", label, clear ? "" : "(",
                    margin_pct(c, &res, metric), clear ? "" : ")");
        }
        fputc('\n', f);
    }
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
        md_regime(f, st, st->regime_metrics[k]);
    return 0;
}

/* series_<scenario>.csv: per policy and tick, the mean and interval over replications. */

static const char *const series_fields[] = {"innovation_cum", "performance", "morale", "skill"};
enum { N_SERIES_FIELDS = sizeof series_fields / sizeof series_fields[0] };

static void series_row(FILE *f, const herd_compare *c, size_t p, long t)
{
    fprintf(f, "%s,%ld,%ld", herd_compare_policy_name(c, p), t, herd_compare_n_reps(c));
    for (size_t k = 0; k < N_SERIES_FIELDS; k++) {
        herd_interval iv;
        herd_compare_series(c, p, t, herd_record_find(series_fields[k]), &iv);
        double parts[3] = {iv.mean, iv.low, iv.high};
        for (int j = 0; j < 3; j++) {
            fputc(',', f);
            put_number(f, parts[j]);
        }
    }
    fputc('\n', f);
}

int cmp_write_series(FILE *f, const void *scenario)
{
    const herd_compare *c = ((const cmp_scenario *)scenario)->result;
    fputs("policy,tick,n", f);
    for (size_t k = 0; k < N_SERIES_FIELDS; k++)
        fprintf(f, ",%s_mean,%s_low,%s_high", series_fields[k], series_fields[k],
                series_fields[k]);
    fputc('\n', f);
    for (size_t p = 0; p < herd_compare_n_policies(c); p++)
        for (long t = 0; t < herd_compare_n_ticks(c); t++)
            series_row(f, c, p, t);
    return 0;
}

/* regime.csv: one row per cell, columns as the docs describe. */

static void regime_row(FILE *f, const cmp_study *st, size_t m, long i, long j)
{
    const herd_regime *rm = st->regime;
    const herd_compare *c = herd_regime_cell(rm, i, j);
    herd_regime_result res;
    char label[CMP_NAME * 4];
    herd_regime_result_of(rm, i, j, m, &res);
    winner_label(c, &res, m, label, sizeof label);
    fprintf(f, "%ld,%ld,", i, j);
    put_number(f, herd_regime_axis_value(rm, 0, i));
    fputc(',', f);
    put_number(f, herd_regime_axis_value(rm, 1, j));
    fprintf(f, ",%s,%s,%zu,%s,", herd_compare_metric_info(c, m)->name, label, res.winner,
            herd_compare_policy_name(c, res.runner_up));
    double parts[4] = {res.margin.mean, res.margin.low, res.margin.high, margin_pct(c, &res, m)};
    for (int k = 0; k < 4; k++) {
        if (k > 0)
            fputc(',', f);
        put_number(f, parts[k]);
    }
    for (size_t p = 0; p < herd_compare_n_policies(c); p++) {
        herd_interval iv;
        herd_compare_interval(c, p, m, &iv);
        fputc(',', f);
        put_number(f, iv.mean);
    }
    fputc('\n', f);
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
    const cmp_study *st = view->st;
    const herd_regime *rm = st->regime;
    const herd_compare *c0 = herd_regime_cell(rm, 0, 0);
    fprintf(f, "ix,iy,%s,%s,metric,winner,winner_index,runner_up,margin,margin_low,"
               "margin_high,margin_pct", herd_regime_axis_key(rm, 0), herd_regime_axis_key(rm, 1));
    for (size_t p = 0; p < herd_compare_n_policies(c0); p++)
        fprintf(f, ",mean_%s", herd_compare_policy_name(c0, p));
    fputc('\n', f);
    for (long i = 0; i < herd_regime_steps(rm, 0); i++)
        for (long j = 0; j < herd_regime_steps(rm, 1); j++)
            regime_row(f, st, st->regime_metrics[view->k], i, j);
    return 0;
}
