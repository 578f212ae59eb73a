/* What drives behind's lead over front in innovation? A Saltelli design over two keys of a
 * scenario, both policies run with the same seeds at each point (herd_sweep_run), the mean
 * paired difference at each point (herd_sweep_output), and the Sobol indices of that
 * difference. Usage: example_sensitivity [BASE_SAMPLES] (default 64). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herd/herd.h>

static const char scenario_text[] = "[organisation]\nn_teams = 4\n[run]\nticks = 104\nseed = 2024\n";

static int analyse(const herd_scenario *s, long base, char *err, size_t err_size)
{
    herd_factor f[2];
    int rc = herd_factor_parse("leader_skill=0.3:0.9", &f[0], err, err_size);
    if (rc == HERD_OK)
        rc = herd_factor_parse("crisis_rate=0:0.05", &f[1], err, err_size);
    if (rc == HERD_OK)
        rc = herd_sweep_resolve(s, f, 2, err, err_size);
    herd_design *d = NULL;
    if (rc == HERD_OK)
        rc = herd_design_new(&d, HERD_DESIGN_SALTELLI, f, 2, base, 1, err, err_size);
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = 4;
    cs.keep_records = 0;
    const herd_policy_type *policies[] = {herd_policy_behind, herd_policy_front};
    herd_sweep *sw = NULL;
    if (rc == HERD_OK)
        rc = herd_sweep_run(&sw, s, d, policies, 2, &cs, err, err_size);
    size_t m = 0;
    if (rc == HERD_OK)
        rc = herd_compare_find_metric(herd_sweep_point(sw, 0), "innovation_total", &m);
    double *lead = rc == HERD_OK ? malloc((size_t)herd_sweep_n_points(sw) * sizeof *lead) : NULL;
    if (rc == HERD_OK && lead == NULL)
        rc = HERD_ENOMEM;
    if (rc == HERD_OK)
        rc = herd_sweep_output(sw, 0, 1, m, lead); /* behind - front, per point */
    herd_sobol_index idx[2];
    if (rc == HERD_OK)
        rc = herd_sensitivity_sobol(lead, (size_t)base, 2, 500, 7, idx, err, err_size);
    for (int i = 0; rc == HERD_OK && i < 2; i++)
        printf("%s: S %.2f [%.2f, %.2f], ST %.2f [%.2f, %.2f]\n", f[i].key, idx[i].first,
               idx[i].first_lo, idx[i].first_hi, idx[i].total, idx[i].total_lo, idx[i].total_hi);
    free(lead);
    herd_sweep_free(sw);
    herd_design_free(d);
    return rc;
}

int main(int argc, char **argv)
{
    long base = argc > 1 ? atol(argv[1]) : 64;
    char err[512] = "";
    herd_scenario *s = NULL;
    int rc = herd_scenario_parse(&s, scenario_text, strlen(scenario_text), "sensitivity", err,
                                 sizeof err);
    if (rc == HERD_OK)
        rc = analyse(s, base, err, sizeof err);
    if (rc != HERD_OK)
        fprintf(stderr, "sensitivity: %s\n", *err ? err : herd_strerror(rc));
    herd_scenario_free(s);
    return rc == HERD_OK ? 0 : 1;
}
