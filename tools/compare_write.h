#ifndef HERD_TOOLS_COMPARE_WRITE_H
#define HERD_TOOLS_COMPARE_WRITE_H

/* herd compare's CSV files and summary tables, each a cli_writer (tools/cli_files.h) over the
 * study. Not installed. */
#include <stdio.h>

#include "compare_study.h"

int cmp_write_runs(FILE *f, const void *study);
int cmp_write_summary_csv(FILE *f, const void *study);
int cmp_write_summary_md(FILE *f, const void *study);
/* scenarios.csv: one row per scenario, where its numbers came from (HERD_COMPARE_SCENARIOS). */
int cmp_write_scenarios(FILE *f, const void *study);
/* series_<scenario>.csv; ctx is the cmp_scenario. */
int cmp_write_series(FILE *f, const void *scenario);
/* Every table of the CSV files into db, each in one table: runs, summary, series (with a
 * column scenario) and, with a regime map, regime (every metric's rows); and scenarios, one
 * row per scenario (herd_compare_write_tables). A herd status, the detail in
 * herd_sqlite_errmsg(db). */
int cmp_write_tables(const cmp_study *st, herd_sqlite *db);
/* The map by the study's regime metric k. */
typedef struct cmp_regime_view {
    const cmp_study *st;
    size_t k;
} cmp_regime_view;
int cmp_write_regime(FILE *f, const void *regime_view);
/* "regime.EXT" for the first regime metric, "regime_METRIC.EXT" for the others. */
void cmp_regime_file(const cmp_study *st, size_t k, const char *ext, char *name, size_t size);

#endif
