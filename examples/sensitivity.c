/* What drives behind's lead over front? A Saltelli design over two parameters, both policies
 * run with the same seeds at every point, the paired difference of their total innovation,
 * and the Sobol indices of that difference.
 * Usage: sensitivity [BASE_SAMPLES] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <herd/herd.h>

enum { TICKS = 104, REPS = 4, RESAMPLES = 500 };

/* Total innovation of one run of policy under params; NAN if the run fails. */
static double innovation(const herd_params *params, const herd_policy_type *policy,
                         uint64_t seed)
{
    herd_sim *sim = NULL;
    double total = 0;
    int rc = herd_sim_new(&sim, params, seed);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, policy);
    for (long t = 0; rc == HERD_OK && t < TICKS; t++)
        if ((rc = herd_sim_step(sim)) == HERD_OK)
            total += herd_sim_record(sim)->innovation;
    herd_sim_free(sim);
    return rc == HERD_OK ? total : NAN;
}

/* Behind's mean lead over front at design point j, over REPS paired replications. */
static double lead_at(const herd_design *d, herd_design_cursor *c, long j)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 4;
    double x[2], behind[REPS], front[REPS];
    herd_design_cursor_point(c, j, x, NULL);
    for (size_t i = 0; i < 2; i++) {
        const herd_param_info *param = herd_params_find(herd_design_factor(d, i)->key);
        if (herd_params_set(&p, param, x[i]) != HERD_OK)
            return NAN;
    }
    for (long r = 0; r < REPS; r++) {
        uint64_t seed = herd_design_seed(d, 2024, j, r); /* the same for both policies */
        behind[r] = innovation(&p, herd_policy_behind, seed);
        front[r] = innovation(&p, herd_policy_front, seed);
    }
    herd_interval iv;
    herd_stats_paired_interval(behind, front, 1, REPS, 0.95, &iv);
    if (j == 0)
        printf("point 0: behind - front = %.3g, 95%% interval [%.3g, %.3g]\n", iv.mean, iv.low,
               iv.high);
    return iv.mean;
}

int main(int argc, char **argv)
{
    long base = argc > 1 ? atol(argv[1]) : 64;
    char err[256] = "";
    herd_factor f[2];
    herd_design *d = NULL;
    herd_design_cursor *c = NULL;
    int rc = herd_factor_parse("leader_skill=0.3:0.9", &f[0], err, sizeof err);
    if (rc == HERD_OK)
        rc = herd_factor_parse("crisis_rate=0:0.05", &f[1], err, sizeof err);
    if (rc == HERD_OK)
        rc = herd_design_new(&d, HERD_DESIGN_SALTELLI, f, 2, base, 1, err, sizeof err);
    if (rc == HERD_OK)
        rc = herd_design_cursor_new(&c, d);
    double *lead = rc == HERD_OK ? malloc((size_t)herd_design_points(d) * sizeof *lead) : NULL;
    if (rc == HERD_OK && lead == NULL)
        rc = HERD_ENOMEM;
    for (long j = 0; rc == HERD_OK && j < herd_design_points(d); j++)
        lead[j] = lead_at(d, c, j);
    herd_sobol_index s[2];
    if (rc == HERD_OK)
        rc = herd_sensitivity_sobol(lead, (size_t)base, 2, RESAMPLES, 7, s, err, sizeof err);
    for (int i = 0; rc == HERD_OK && i < 2; i++)
        printf("%s: S %.2f [%.2f, %.2f], ST %.2f [%.2f, %.2f]\n", f[i].key, s[i].first,
               s[i].first_lo, s[i].first_hi, s[i].total, s[i].total_lo, s[i].total_hi);
    if (rc != HERD_OK)
        fprintf(stderr, "sensitivity: %s\n", *err ? err : herd_strerror(rc));
    free(lead);
    herd_design_cursor_free(c);
    herd_design_free(d);
    return rc == HERD_OK ? 0 : 1;
}
