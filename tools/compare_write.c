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
        fprintf(f, "%.10g", x);
}

static const char *policy_name(const cmp_study *st, size_t p)
{
    return st->opt->policies[p]->name;
}

/* runs.csv */

int cmp_write_runs(FILE *f, const void *study)
{
    const cmp_study *st = study;
    fputs("scenario,policy,rep,seed,metric,value\n", f);
    for (size_t i = 0; i < st->n_scenarios; i++) {
        const cmp_scenario *s = &st->scenarios[i];
        for (size_t p = 0; p < st->opt->n_policies; p++)
            for (long r = 0; r < st->opt->reps; r++) {
                const double *v = cmp_values(st, s, p, (size_t)r);
                for (size_t m = 0; m < s->n_metrics; m++) {
                    fprintf(f, "%s,%s,%ld,%llu,%s,", s->name, policy_name(st, p), r,
                            (unsigned long long)s->seeds[r], s->metrics[m].name);
                    put_number(f, v[m]);
                    fputc('\n', f);
                }
            }
    }
    return 0;
}

/* summary.csv */

static void summary_row(FILE *f, const cmp_scenario *s, const char *policy, const char *other,
                        size_t metric, const herd_interval *iv)
{
    fprintf(f, "%s,%s,%s,%s,", s->name, policy, other, s->metrics[metric].name);
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
    size_t np = st->opt->n_policies;
    fputs("scenario,policy,other,metric,mean,sd,ci_low,ci_high,n\n", f);
    for (size_t i = 0; i < st->n_scenarios; i++) {
        const cmp_scenario *s = &st->scenarios[i];
        for (size_t m = 0; m < s->n_metrics; m++)
            for (size_t p = 0; p < np; p++) {
                herd_interval iv;
                cmp_policy_interval(st, s, p, m, &iv);
                summary_row(f, s, policy_name(st, p), "", m, &iv);
                for (size_t o = 0; o < np; o++) {
                    if (o == p)
                        continue;
                    cmp_pair_interval(st, s, p, o, m, &iv);
                    summary_row(f, s, policy_name(st, p), policy_name(st, o), m, &iv);
                }
            }
    }
    return 0;
}

/* summary.md: per scenario, the policies' means and then every pair's difference. */

static void md_header(FILE *f, const cmp_scenario *s, const char *first)
{
    fprintf(f, "| %s |", first);
    for (size_t m = 0; m < s->n_metrics; m++)
        fprintf(f, " %s |", s->metrics[m].label);
    fputs("\n|---|", f);
    for (size_t m = 0; m < s->n_metrics; m++)
        fputs("---:|", f);
    fputc('\n', f);
}

/* The best mean of a metric over the policies, as a score where higher is better. */
static double best_score(const cmp_study *st, const cmp_scenario *s, size_t m)
{
    double best = -INFINITY;
    for (size_t p = 0; p < st->opt->n_policies; p++) {
        herd_interval iv;
        cmp_policy_interval(st, s, p, m, &iv);
        double score = s->metrics[m].lower_is_better ? -iv.mean : iv.mean;
        if (score > best)
            best = score;
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

static void md_means(FILE *f, const cmp_study *st, const cmp_scenario *s)
{
    md_header(f, s, "policy");
    for (size_t p = 0; p < st->opt->n_policies; p++) {
        fprintf(f, "| %s |", policy_name(st, p));
        for (size_t m = 0; m < s->n_metrics; m++) {
            herd_interval iv;
            cmp_policy_interval(st, s, p, m, &iv);
            double score = s->metrics[m].lower_is_better ? -iv.mean : iv.mean;
            int bold = score == best_score(st, s, m); /* ties are all bold */
            fputs(bold ? " **" : " ", f);
            md_interval(f, &iv, 0);
            fputs(bold ? "** |" : " |", f);
        }
        fputc('\n', f);
    }
}

/* A difference whose interval holds 0 is shown in parentheses. */
static void md_differences(FILE *f, const cmp_study *st, const cmp_scenario *s)
{
    md_header(f, s, "difference");
    size_t np = st->opt->n_policies;
    for (size_t p = 0; p < np; p++)
        for (size_t o = p + 1; o < np; o++) {
            fprintf(f, "| %s − %s |", policy_name(st, p), policy_name(st, o));
            for (size_t m = 0; m < s->n_metrics; m++) {
                herd_interval iv;
                cmp_pair_interval(st, s, p, o, m, &iv);
                int unclear = !(iv.low > 0 || iv.high < 0);
                fputs(unclear ? " (" : " ", f);
                md_interval(f, &iv, 1);
                fputs(unclear ? ") |" : " |", f);
            }
            fputc('\n', f);
        }
}

/* Rows are skill, columns crisis frequency; a cell names the winner and its margin. */
static void md_regime(FILE *f, const cmp_study *st, const cmp_regime *rm)
{
    fprintf(f, "\n## Regime map: best policy by %s (%s, %ld replications)\n\n"
               "Margin over the runner-up, in parentheses when its interval holds 0.\n\n"
               "| skill_mean \\ crisis_rate |", rm->metric.label, st->scenarios[0].name,
            st->opt->reps);
    for (size_t j = 0; j < rm->grid; j++)
        fprintf(f, " %.3g |", rm->crisis[j]);
    fputs("\n|---|", f);
    for (size_t j = 0; j < rm->grid; j++)
        fputs("---|", f);
    fputc('\n', f);
    for (size_t i = 0; i < rm->grid; i++) {
        fprintf(f, "| %.3g |", rm->skill[i]);
        for (size_t j = 0; j < rm->grid; j++) {
            cmp_regime_cell cell;
            cmp_regime_cell_result(rm, st, i * rm->grid + j, &cell);
            double base = fabs(cell.mean[cell.runner_up]);
            double pct = base > 0 ? 100 * cell.margin.mean / base : NAN;
            int clear = cell.margin.low > 0;
            fprintf(f, " %s %s%+.1f%%%s |", cell.label, clear ? "" : "(",
                    pct, clear ? "" : ")");
        }
        fputc('\n', f);
    }
}

int cmp_write_summary_md(FILE *f, const void *study)
{
    const cmp_study *st = study;
    for (size_t i = 0; i < st->n_scenarios; i++) {
        const cmp_scenario *s = &st->scenarios[i];
        const herd_params *pa = &s->sc->params;
        fprintf(f, "%s## %s: %ld teams of %ld, %ld ticks, %ld replications, %.0f%% intervals\n\n",
                i ? "\n" : "", s->name, pa->n_teams, pa->team_size, s->sc->ticks,
                st->opt->reps, 100 * CMP_LEVEL);
        md_means(f, st, s);
        fputs("\nPaired differences (first minus second; in parentheses when the interval "
              "holds 0):\n\n", f);
        md_differences(f, st, s);
    }
    if (st->regime != NULL)
        md_regime(f, st, st->regime);
    return 0;
}

/* series_<scenario>.csv: per policy and tick, the mean and interval over replications. */

typedef struct series_field {
    const char *name;
    size_t offset;
} series_field;

static const series_field series_fields[] = {
    {"innovation_cum", offsetof(herd_record, innovation_cum)},
    {"performance", offsetof(herd_record, performance)},
    {"morale", offsetof(herd_record, morale)},
    {"skill", offsetof(herd_record, skill)},
};
enum { N_SERIES_FIELDS = sizeof series_fields / sizeof series_fields[0] };

static double field_of(const herd_record *r, size_t offset)
{
    return *(const double *)((const char *)r + offset);
}

static void series_row(FILE *f, const cmp_study *st, const cmp_scenario *s, size_t p, long t,
                       double *scratch)
{
    size_t reps = (size_t)st->opt->reps;
    fprintf(f, "%s,%ld,%zu", policy_name(st, p), cmp_records(st, s, p, 0)[t].tick, reps);
    for (size_t k = 0; k < N_SERIES_FIELDS; k++) {
        for (size_t r = 0; r < reps; r++)
            scratch[r] = field_of(&cmp_records(st, s, p, r)[t], series_fields[k].offset);
        herd_interval iv;
        herd_stats_interval(scratch, 1, reps, CMP_LEVEL, &iv);
        double parts[3] = {iv.mean, iv.low, iv.high};
        for (int j = 0; j < 3; j++) {
            fputc(',', f);
            put_number(f, parts[j]);
        }
    }
    fputc('\n', f);
}

int cmp_write_series(FILE *f, const void *series_ctx)
{
    const cmp_series_ctx *c = series_ctx;
    double *scratch = malloc((size_t)c->st->opt->reps * sizeof *scratch);
    if (scratch == NULL)
        return -1;
    fputs("policy,tick,n", f);
    for (size_t k = 0; k < N_SERIES_FIELDS; k++)
        fprintf(f, ",%s_mean,%s_low,%s_high", series_fields[k].name, series_fields[k].name,
                series_fields[k].name);
    fputc('\n', f);
    for (size_t p = 0; p < c->st->opt->n_policies; p++)
        for (long t = 0; t < c->s->sc->ticks; t++)
            series_row(f, c->st, c->s, p, t, scratch);
    free(scratch);
    return 0;
}

/* regime.csv: one row per cell, columns as the docs describe. */

int cmp_write_regime(FILE *f, const void *regime_ctx)
{
    const cmp_regime_ctx *c = regime_ctx;
    const cmp_regime *rm = c->rm;
    size_t np = c->st->opt->n_policies;
    fputs("ix,iy,skill_mean,crisis_rate,metric,winner,winner_index,runner_up,margin,"
          "margin_low,margin_high,margin_pct", f);
    for (size_t p = 0; p < np; p++)
        fprintf(f, ",mean_%s", policy_name(c->st, p));
    fputc('\n', f);
    for (size_t i = 0; i < rm->grid; i++)
        for (size_t j = 0; j < rm->grid; j++) {
            cmp_regime_cell cell;
            cmp_regime_cell_result(rm, c->st, i * rm->grid + j, &cell);
            double base = cell.mean[cell.runner_up];
            fprintf(f, "%zu,%zu,%.10g,%.10g,%s,%s,%zu,%s,", i, j, rm->skill[i], rm->crisis[j],
                    rm->metric.name, cell.label, cell.winner,
                    policy_name(c->st, cell.runner_up));
            double parts[4] = {cell.margin.mean, cell.margin.low, cell.margin.high,
                               base != 0 ? 100 * cell.margin.mean / fabs(base) : NAN};
            for (int k = 0; k < 4; k++) {
                if (k > 0)
                    fputc(',', f);
                put_number(f, parts[k]);
            }
            for (size_t p = 0; p < np; p++) {
                fputc(',', f);
                put_number(f, cell.mean[p]);
            }
            fputc('\n', f);
        }
    return 0;
}
