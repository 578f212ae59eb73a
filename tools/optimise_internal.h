#ifndef HERD_TOOLS_OPTIMISE_INTERNAL_H
#define HERD_TOOLS_OPTIMISE_INTERNAL_H

/* What the parts of herd optimise share. Not installed. */
#include <stdio.h>

#include "herd/herd.h"

typedef struct opt_cli {
    const char *scenario_path;
    const char *out_dir;
    const char *ticks, *seed; /* override [run] if not NULL */
    herd_optimise_settings set;
    const char *objective_opt, *objective; /* what set the terms: --metric or --weights */
    const char *floors[HERD_OPTIMISE_MAX_BOUNDS]; /* the text of each --floor, by bound */
    int map;
    herd_factor axes[2];
    const char *axis_text[2]; /* as --map-x and --map-y gave them */
    int plots, progress;
    const herd_catalog *catalog; /* the built-ins and the --plugin policies */
    herd_scenario *sc;
    herd_optimum *optimum;  /* without --map */
    herd_optimum_map *grid; /* with --map */
    double seconds;
} opt_cli;

/* Every file herd optimise writes into --out, by these indices; the images last. */
enum {
    OPT_OPTIMUM, /* optimum.csv */
    OPT_CANDIDATES,
    OPT_MAP,
    OPT_SCRIPT, /* plots.gp */
    OPT_PNG,
    OPT_SVG,
    OPT_N_OUTPUTS
};
extern const char *const opt_outputs[OPT_N_OUTPUTS];

/* The objective's text as the optimisation o ran counts it, each metric in its better
 * direction: "performance_total", "-turnover_total" (better lower, counted negated), or
 * "1*a - 0.5*b", and " with morale_mean >= 0.7". */
void opt_describe(const opt_cli *o, FILE *f);
/* optimum.csv, candidates.csv, map.csv and the printed tables. */
int opt_write_optimum(FILE *f, const void *cli);
int opt_write_candidates(FILE *f, const void *cli);
int opt_write_map(FILE *f, const void *cli);
int opt_print(FILE *f, const opt_cli *o);
/* plots.gp and the map's images, each marked in written[OPT_N_OUTPUTS] once it is in place;
 * 0, or 1 with err. */
int opt_plot(const opt_cli *o, int *written, char *err, size_t err_size);

#endif
