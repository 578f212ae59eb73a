/* Events are data: each tick, a team's environment is what the events touching it say, plus
 * the random crises drawn from the team's own stream. */
#include <string.h>

#include "herd/error.h"
#include "pcg32_inline.h"
#include "sim_internal.h"

static const char *const kind_names[] = {"crisis", "absence", "novelty", "training", "hiring"};

const char *herd_event_kind_name(herd_event_kind kind)
{
    if ((unsigned)kind >= sizeof kind_names / sizeof kind_names[0])
        return "unknown";
    return kind_names[kind];
}

herd_status herd_event_kind_parse(const char *name, herd_event_kind *kind)
{
    if (name == NULL || kind == NULL)
        return HERD_EINVAL;
    for (size_t i = 0; name != NULL && i < sizeof kind_names / sizeof kind_names[0]; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *kind = (herd_event_kind)i;
            return HERD_OK;
        }
    }
    return HERD_ENOTFOUND;
}

static int touches(const herd_event *ev, long team, long tick)
{
    if (tick < ev->start || tick - ev->start >= ev->length || team < ev->team_first)
        return 0;
    return ev->team_count == 0 || team - ev->team_first < ev->team_count;
}

static double max2(double a, double b)
{
    return a > b ? a : b;
}

static void apply_event(const herd_event *ev, long tick, herd_team_env *env)
{
    switch (ev->kind) {
    case HERD_EVENT_CRISIS:
        env->crisis = max2(env->crisis, ev->intensity);
        break;
    case HERD_EVENT_ABSENCE:
        env->present = 0;
        break;
    case HERD_EVENT_NOVELTY:
        env->novelty = max2(env->novelty, ev->intensity * (1 - (double)(tick - ev->start) /
                                                                   (double)ev->length));
        break;
    case HERD_EVENT_TRAINING:
        env->training = max2(env->training, ev->intensity);
        break;
    case HERD_EVENT_HIRING:
        if (tick == ev->start)
            env->hiring = max2(env->hiring, ev->intensity);
        break;
    }
}

/* Each team's random crisis, with one draw a tick whether or not a crisis can start, so that
 * runs which differ only in the crisis rate keep their other draws aligned (common random
 * numbers). */
static void random_crises(herd_sim *sim, long first, long n, herd_team_env *env)
{
    const double rate = sim->params.crisis_rate, intensity = sim->params.crisis_intensity;
    const int32_t length = (int32_t)sim->params.crisis_length;
    herd_pcg32 *rng = sim->team_rng + first;
    int32_t *left = sim->crisis_left + first;
    for (long i = 0; i < n; i++) {
        int starts = herd_pcg32_below(&rng[i], rate);
        if (left[i] == 0 && starts)
            left[i] = length;
        double crisis = 0;
        if (left[i] != 0) {
            left[i]--;
            crisis = intensity;
        }
        env[i] = (herd_team_env){.crisis = crisis, .present = 1};
    }
}

/* 1 if some event acts at the current tick on a team in [first, last). */
static int events_touch(const herd_sim *sim, long first, long last)
{
    for (size_t i = 0; i < sim->n_events; i++) {
        const herd_event *ev = &sim->events[i];
        if (sim->tick < ev->start || sim->tick - ev->start >= ev->length ||
            ev->team_first >= last)
            continue;
        long into = first > ev->team_first ? first - ev->team_first : 0;
        if (ev->team_count == 0 || into < ev->team_count)
            return 1;
    }
    return 0;
}

void herd_team_environments(herd_sim *sim, long first, long n, herd_team_env *env)
{
    random_crises(sim, first, n, env);
    if (!events_touch(sim, first, first + n))
        return;
    for (long i = 0; i < n; i++)
        for (size_t e = 0; e < sim->n_events; e++)
            if (touches(&sim->events[e], first + i, sim->tick))
                apply_event(&sim->events[e], sim->tick, &env[i]);
}
