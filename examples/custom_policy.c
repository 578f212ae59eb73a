/* A policy of your own: a coach who directs a team of novices and delegates to a team of
 * experts, judging by the mean skill the team view reports. It is compared with the
 * built-in front and behind policies on a mixed organisation.
 * Usage: custom_policy [TICKS] */
#include <stdio.h>
#include <stdlib.h>

#include <herd/herd.h>

/* Per-team state, allocated and zeroed by the engine: how many ticks the coach has directed. */
typedef struct coach_state {
    long directed;
} coach_state;

static int coach_decide(void *state, const herd_team_view *view, herd_stance *s)
{
    coach_state *st = state;
    /* Novices gain from being shown how; experts from being let go first. The switch is
     * smooth so a team that learns is handed more and more of the work. */
    double expert = view->skill < 0.35 ? 0 : view->skill > 0.65 ? 1 : (view->skill - 0.35) / 0.3;
    *s = (herd_stance){
        .direction = 0.45 * (1 - expert),
        .support = 0.2,
        .recognition = 0.1,
        .delegation = 0.35 * expert,
        .collaboration = 0.15 * expert,
        .training = 0.1 * (1 - expert),
        .plan = 0.05,
        .front_mode = expert < 0.5,
    };
    st->directed += expert < 0.5;
    return 0;
}

static const herd_policy_type coach = {
    .version = HERD_POLICY_VERSION,
    .name = "coach",
    .description = "directs novices, delegates to experts",
    .state_size = sizeof(coach_state),
    .decide = coach_decide,
};

static int run(const herd_policy_type *policy, long ticks, herd_record *last)
{
    herd_params params;
    herd_params_default(&params);
    params.n_teams = 20;
    params.skill_sd = 0.2; /* novices and experts side by side */
    herd_sim *sim;
    int rc = herd_sim_new(&sim, &params, 7);
    if (rc == HERD_OK)
        rc = herd_sim_set_policy(sim, policy);
    if (rc == HERD_OK)
        rc = herd_sim_run(sim, ticks);
    if (rc == HERD_OK)
        *last = *herd_sim_record(sim);
    else
        fprintf(stderr, "custom_policy: %s: %s\n", policy->name, herd_sim_errmsg(sim));
    herd_sim_free(sim);
    return rc;
}

int main(int argc, char **argv)
{
    long ticks = argc > 1 ? atol(argv[1]) : 104;
    if (herd_policy_check(&coach) != HERD_OK)
        return 1;
    const herd_policy_type *policies[] = {&coach, herd_policy_front, herd_policy_behind};
    printf("%-8s %12s %8s %8s\n", "policy", "innovations", "morale", "skill");
    for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++) {
        herd_record r;
        if (run(policies[i], ticks, &r) != HERD_OK)
            return 1;
        printf("%-8s %12.0f %8.3f %8.3f\n", policies[i]->name, r.innovation_cum, r.morale,
               r.skill);
    }
    return 0;
}
