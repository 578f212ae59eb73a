/* The mixed organisation of the calibration (lib/targets_internal.h): each team's leader
 * blends the front and behind stances with a weight drawn once per team; per team over years
 * 2 to 5, morale (mean engagement, read through herd_sim_org), leavers (tenure back at 0) and
 * the performance the engine shows the policy. Replication r runs with the seed
 * herd_seed_derive(seed, r), the weights drawn from herd_seed_derive(that seed, 1). */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "herd/rng.h"
#include "herd/sim.h"
#include "targets_internal.h"

typedef struct team_log {
    long teams;
    uint64_t weight_seed;
    double *empowerment, *performance, *engagement, *leavers; /* per team */
} team_log;

typedef struct mixed_state {
    team_log *log;
    long team;
    double behind_weight;
} mixed_state;

static int mixed_init(void *state, const void *data, const herd_params *params, long team)
{
    (void)params;
    mixed_state *m = state;
    team_log *log = (team_log *)(uintptr_t)data;
    herd_pcg32 rng;
    herd_pcg32_stream(&rng, log->weight_seed, (uint64_t)team);
    m->log = log;
    m->team = team;
    m->behind_weight = herd_pcg32_double(&rng);
    return team < log->teams ? 0 : HERD_ERANGE;
}

static double blend(double front, double behind, double w)
{
    return (1 - w) * front + w * behind;
}

static int mixed_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    mixed_state *m = state;
    const herd_stance f = herd_policy_style(herd_policy_front)->calm;
    const herd_stance b = herd_policy_style(herd_policy_behind)->calm;
    double w = m->behind_weight;
    *s = (herd_stance){
        .direction = blend(f.direction, b.direction, w),
        .support = blend(f.support, b.support, w),
        .recognition = blend(f.recognition, b.recognition, w),
        .own_work = blend(f.own_work, b.own_work, w),
        .delegation = blend(f.delegation, b.delegation, w),
        .collaboration = blend(f.collaboration, b.collaboration, w),
        .training = blend(f.training, b.training, w),
        .plan = blend(f.plan, b.plan, w),
        .front_mode = w < 0.5,
    };
    m->log->empowerment[m->team] = 1 - s->direction;
    if (view->tick > TG_WARMUP)
        m->log->performance[m->team] += view->performance;
    return 0;
}

static void tally_teams(const herd_sim *sim, team_log *log)
{
    herd_org_view org;
    herd_sim_org(sim, &org);
    for (long t = 0; t < org.n_teams; t++) {
        double engagement = 0;
        for (long i = t * org.team_size; i < (t + 1) * org.team_size; i++) {
            engagement += org.engagement[i];
            log->leavers[t] += org.tenure[i] == 0;
        }
        log->engagement[t] += engagement / (double)org.team_size;
    }
}

static herd_status run_mixed(const tg_run *g, uint64_t seed, team_log *log)
{
    herd_policy_type mixed = {
        .version = HERD_POLICY_VERSION,
        .name = "mixed",
        .description = "a blend of front and behind with a weight of its own per team",
        .state_size = sizeof(mixed_state),
        .init = mixed_init,
        .decide = mixed_decide,
        .data = log,
    };
    herd_sim *sim = NULL;
    herd_status rc = herd_sim_new_with(&sim, g->params, seed, &g->cs.sim);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, &mixed);
    for (long t = 0; rc == HERD_OK && t < TG_HORIZON; t++) {
        rc = herd_sim_step(sim);
        if (rc == HERD_OK && t >= TG_WARMUP)
            tally_teams(sim, log);
    }
    if (rc != HERD_OK)
        herd_errf(g->err, g->err_size, rc, "targets: mixed organisation, seed %llu: %s",
                  (unsigned long long)seed, sim != NULL ? herd_sim_errmsg(sim)
                                                        : herd_strerror(rc));
    herd_sim_free(sim);
    return rc;
}

/* Share fewer leavers in the most engaged quarter of teams than in the least engaged. */
static double quarter_contrast(const double *engagement, const double *leavers, size_t *order,
                               long teams)
{
    gsl_sort_index(order, engagement, 1, (size_t)teams);
    long q = teams / 4;
    double low = 0, high = 0;
    for (long i = 0; i < q; i++) {
        low += leavers[order[i]];
        high += leavers[order[teams - 1 - i]];
    }
    return low > 0 ? 1 - high / low : 0;
}

static void record_replication(tg_run *g, long r, const team_log *log, size_t *order)
{
    size_t n = (size_t)log->teams;
    double ticks = TG_HORIZON - TG_WARMUP;
    for (long t = 0; t < log->teams; t++)
        log->engagement[t] /= ticks;
    TG_V(g, TG_QUARTER, r) = 100 * quarter_contrast(log->engagement, log->leavers, order,
                                                    log->teams);
    TG_V(g, TG_R_ENGAGEMENT_TURNOVER, r) =
        gsl_stats_correlation(log->engagement, 1, log->leavers, 1, n);
    double morale = gsl_stats_correlation(log->empowerment, 1, log->engagement, 1, n);
    double perf = gsl_stats_correlation(log->empowerment, 1, log->performance, 1, n);
    TG_V(g, TG_R_EMPOWERMENT_MORALE, r) = morale;
    TG_V(g, TG_R_EMPOWERMENT_PERFORMANCE, r) = perf;
    TG_V(g, TG_R_DIFFERENCE, r) = morale - perf;
}

herd_status herd_tg_mixed(tg_run *g)
{
    long teams = g->params->n_teams;
    if (teams < 4)
        return herd_errf(g->err, g->err_size, HERD_ERANGE, "targets: the mixed organisation "
                         "needs n_teams >= 4 for its quarters, has %ld", teams);
    if (g->check_only)
        return HERD_OK;
    double *buf = malloc(4 * (size_t)teams * sizeof *buf);
    size_t *order = malloc((size_t)teams * sizeof *order);
    herd_status rc = buf != NULL && order != NULL ? HERD_OK : HERD_ENOMEM;
    if (rc != HERD_OK)
        herd_errf(g->err, g->err_size, rc, "targets: out of memory");
    for (long r = 0; rc == HERD_OK && r < g->reps; r++) {
        memset(buf, 0, 4 * (size_t)teams * sizeof *buf);
        uint64_t seed = herd_seed_derive(g->seed, (uint64_t)r);
        team_log log = {teams, herd_seed_derive(seed, 1), buf, buf + teams, buf + 2 * teams,
                        buf + 3 * teams};
        rc = run_mixed(g, seed, &log);
        if (rc == HERD_OK)
            record_replication(g, r, &log, order);
    }
    free(buf);
    free(order);
    return rc;
}
