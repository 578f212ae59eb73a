/* A leadership style of one's own, compared with the built-ins with paired replications on a
 * scenario (a bundled one, say) run for 52 ticks, a year, whatever its own run length; then
 * mapped against them over two keys of one's choice.
 * Usage: example_compare SCENARIO [REPS] (default 10; at least 2, since an interval needs two:
 * the library refuses fewer). */
#include <stdio.h>
#include <stdlib.h>

#include <herd/herd.h>

/* Directs a team whose readiness (skill times engagement) is low, and delegates to a ready
 * one; to the front in a crisis. */
static int adaptive_decide(void *state, const herd_team_view *v, herd_stance *s)
{
    (void)state;
    int directing = v->skill * v->engagement < 0.3 || v->crisis >= 0.3;
    *s = (herd_stance){
        .direction = directing ? 0.35 : 0.05,
        .support = 0.2,
        .recognition = 0.1,
        .delegation = directing ? 0.05 : 0.3,
        .collaboration = 0.15,
        .training = directing ? 0.1 : 0.05,
        .plan = 0.1,
        .front_mode = directing,
    };
    return 0;
}

static const herd_policy_type adaptive = {
    .version = HERD_POLICY_VERSION,
    .name = "adaptive",
    .description = "directs unready teams and crises, delegates to ready teams",
    .decide = adaptive_decide,
};

static void print_table(const herd_compare *c, size_t m)
{
    size_t n = herd_compare_n_policies(c);
    for (size_t p = 0; p < n; p++) {
        herd_interval iv, d;
        herd_compare_interval(c, p, m, &iv);
        herd_compare_difference(c, 0, p, m, &d);
        printf("%-12s %10.1f [%10.1f, %10.1f]   adaptive - it: %+9.1f [%+9.1f, %+9.1f]\n",
               herd_compare_policy_name(c, p), iv.mean, iv.low, iv.high, d.mean, d.low, d.high);
    }
}

static int map(const herd_scenario *s, const herd_policy_type *const *policies, size_t n,
               const herd_compare_settings *cs, size_t m, char *err, size_t err_size)
{
    herd_factor axes[2];
    int rc = herd_factor_parse("leader_skill=0.3:0.9:3", &axes[0], err, err_size);
    if (rc == HERD_OK)
        rc = herd_factor_parse("team_size=5:15:3", &axes[1], err, err_size);
    herd_regime *r = NULL;
    if (rc == HERD_OK)
        rc = herd_regime_run(&r, s, axes, policies, n, cs, err, err_size);
    for (long i = 0; rc == HERD_OK && i < herd_regime_steps(r, 0); i++)
        for (long j = 0; rc == HERD_OK && j < herd_regime_steps(r, 1); j++) {
            herd_regime_result res;
            rc = herd_regime_result_of(r, i, j, m, &res);
            const herd_compare *cell = herd_regime_cell(r, i, j);
            printf("leader_skill %.2f, team_size %2.0f: %s by %.1f [%.1f, %.1f]\n",
                   herd_regime_axis_value(r, 0, i), herd_regime_axis_value(r, 1, j),
                   herd_compare_policy_name(cell, res.winner), res.margin.mean,
                   res.margin.low, res.margin.high);
        }
    herd_regime_free(r);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO [REPS]   (REPS at least %d)\n", argv[0],
                HERD_COMPARE_MIN_REPS);
        return 2;
    }
    char err[1024] = "";
    herd_scenario *s = NULL;
    int rc = herd_scenario_load(&s, argv[1], err, sizeof err);
    if (rc == HERD_OK)
        rc = herd_scenario_set(s, "run.ticks", "52", err, sizeof err);
    const herd_policy_type *policies[] = {&adaptive, herd_policy_front, herd_policy_behind,
                                          herd_policy_servant, herd_policy_hybrid};
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = argc > 2 ? atol(argv[2]) : 10;
    herd_compare *c = NULL;
    if (rc == HERD_OK)
        rc = herd_compare_run(&c, s, policies, 5, &cs, err, sizeof err);
    size_t m = 0;
    if (rc == HERD_OK)
        rc = herd_compare_find_metric(c, "performance_total", &m);
    if (rc == HERD_OK)
        print_table(c, m);
    if (rc == HERD_OK)
        rc = map(s, policies, 5, &cs, m, err, sizeof err);
    if (rc != HERD_OK)
        fprintf(stderr, "compare: %s\n", *err ? err : herd_strerror(rc));
    herd_compare_free(c);
    herd_scenario_free(s);
    return rc == HERD_OK ? 0 : 1;
}
