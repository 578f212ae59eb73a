/* Calibration report: measures every field target of the library's table
 * (include/herd/calibrate.h) with the default parameters and prints a Markdown table of the
 * value, its 95% confidence interval, the target range, the source and a verdict.
 * docs/MODEL.md explains each measurement and each verdict. */
#include <stdio.h>
#include <stdlib.h>

#include "herd/herd.h"

int main(void)
{
    herd_params p;
    herd_params_default(&p);
    herd_targets_settings st;
    herd_targets_settings_default(&st);
    size_t n = herd_targets_count();
    herd_interval *v = malloc(n * sizeof *v);
    char err[1024] = "";
    if (v == NULL || herd_targets_measure(&p, NULL, &st, v, err, sizeof err) != HERD_OK) {
        fprintf(stderr, "herd-calibration: %s\n", v == NULL ? "out of memory" : err);
        free(v);
        return EXIT_FAILURE;
    }
    printf("herd %s calibration: default parameters, %ld replications, seeds "
           "herd_seed_derive(%llu, r), common random numbers\n\n", herd_version(), st.reps,
           (unsigned long long)st.seed);
    printf("| target | value | 95%% CI | target range | source | lands |\n");
    printf("|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++) {
        const herd_target *t = herd_targets_get(i);
        int lands = herd_target_lands(t, v[i].mean);
        printf("| %s | %.3g %s | [%.3g, %.3g] | %s | %s | %s |\n", t->what, v[i].mean, t->unit,
               v[i].low, v[i].high, t->range, t->source,
               lands < 0 ? "—" : lands ? "yes" : "**no**");
    }
    free(v);
    return EXIT_SUCCESS;
}
