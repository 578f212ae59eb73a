/* The stylised facts F1-F9 of the model brief (include/herd/facts.h) and the measures they
 * compare. Events start at tick 100 and the run ends 52 ticks later; a skilled team has
 * skill_mean 0.75. */
#include <math.h>
#include <string.h>

#include "herd/facts.h"
#include "record_mean.h"

static double cumulative_innovation(const herd_record *r, long ticks, const herd_scenario *s)
{
    (void)s;
    return r[ticks - 1].innovation_cum;
}

static double total_output(const herd_record *r, long ticks, const herd_scenario *s)
{
    (void)s;
    return HERD_RECORD_MEAN(r, 0, ticks, output) * (double)ticks;
}

static double total_performance(const herd_record *r, long ticks, const herd_scenario *s)
{
    (void)s;
    return HERD_RECORD_MEAN(r, 0, ticks, performance) * (double)ticks;
}

static double late_morale(const herd_record *r, long ticks, const herd_scenario *s)
{
    (void)s;
    long from = ticks > 52 ? ticks - 52 : 0;
    return HERD_RECORD_MEAN(r, from, ticks, morale);
}

static double final_skill(const herd_record *r, long ticks, const herd_scenario *s)
{
    (void)s;
    return r[ticks - 1].skill;
}

static double total_turnover(const herd_record *r, long ticks, const herd_scenario *s)
{
    (void)s;
    return HERD_RECORD_MEAN(r, 0, ticks, turnover) * (double)ticks;
}

/* Mean performance over the first event, and over as many ticks before it; NaN for a
 * scenario without an event inside the run. */
static void event_window(const herd_record *r, long ticks, const herd_scenario *s,
                         double *before, double *during)
{
    *before = *during = NAN;
    if (s->n_events == 0 || s->events[0].start <= 0 || s->events[0].start >= ticks)
        return;
    long start = s->events[0].start, len = s->events[0].length;
    long from = start > len ? start - len : 0, end = start + len < ticks ? start + len : ticks;
    *before = HERD_RECORD_MEAN(r, from, start, performance);
    *during = HERD_RECORD_MEAN(r, start, end, performance);
}

/* Relative fall of mean performance over the first event against the ticks before it. */
static double event_drop(const herd_record *r, long ticks, const herd_scenario *s)
{
    double before, during;
    event_window(r, ticks, s, &before, &during);
    return 1 - during / before;
}

/* Performance over the event as a share of the level before: higher is a faster
 * restoration of order. */
static double event_level(const herd_record *r, long ticks, const herd_scenario *s)
{
    return 1 - event_drop(r, ticks, s);
}

static double event_performance(const herd_record *r, long ticks, const herd_scenario *s)
{
    double before, during;
    event_window(r, ticks, s, &before, &during);
    return during;
}

#define CHECK(a, b, m, name) {&herd_policy_##a, &herd_policy_##b, m, name}
#define INNOVATION "cumulative innovations"
#define SKILL "final mean skill"
#define MORALE "mean morale, last 52 ticks"
#define EVENT_KEYS(kind, length, intensity)                                                 \
    {"run.ticks", "152"}, {"event.e0.kind", kind}, {"event.e0.start", "100"},               \
        {"event.e0.length", length}, {"event.e0.intensity", intensity}

static const herd_fact facts[] = {
    {"F1", "a skilled team, over a long horizon: behind and servant out-innovate front",
     {{"skill_mean", "0.75"}}, 1,
     {CHECK(behind, front, cumulative_innovation, INNOVATION),
      CHECK(servant, front, cumulative_innovation, INNOVATION)}, 2},
    {"F2", "a novice team, over a short horizon: front gives more routine output",
     {{"skill_mean", "0.25"}, {"run.ticks", "26"}}, 2,
     {CHECK(front, behind, total_output, "total routine output"),
      CHECK(front, servant, total_output, "total routine output")}, 2},
    {"F3", "morale at steady state: servant and behind above front", {{0, 0}}, 0,
     {CHECK(servant, front, late_morale, MORALE), CHECK(behind, front, late_morale, MORALE)},
     2},
    {"F4", "skill growth: servant highest", {{0, 0}}, 0,
     {CHECK(servant, behind, final_skill, SKILL), CHECK(servant, front, final_skill, SKILL),
      CHECK(servant, hybrid, final_skill, SKILL)}, 3},
    {"F5", "leader absence: the relative drop is larger under front than under behind",
     {EVENT_KEYS("absence", "12", "1")}, 5,
     {CHECK(front, behind, event_drop, "relative fall of performance during the absence")}, 1},
    {"F6a", "a crisis: front restores order fastest, hybrid close to front in the crisis",
     {EVENT_KEYS("crisis", "12", "0.8")}, 5,
     {CHECK(front, behind, event_level, "performance during the crisis / before"),
      CHECK(front, servant, event_level, "performance during the crisis / before"),
      CHECK(hybrid, behind, event_performance, "mean performance during the crisis")}, 3},
    {"F6b", "crises come and go: hybrid has the most cumulative performance",
     {{"crisis_rate", "0.03"}}, 1,
     {CHECK(hybrid, front, total_performance, "total performance"),
      CHECK(hybrid, behind, total_performance, "total performance")}, 2},
    {"F7", "a novel task: the dip under front is deeper than under behind",
     {EVENT_KEYS("novelty", "26", "0.8")}, 5,
     {CHECK(front, behind, event_drop, "relative fall of performance during the novelty")}, 1},
    {"F8", "turnover: lower under behind and servant than under front", {{0, 0}}, 0,
     {CHECK(front, behind, total_turnover, "total leavers"),
      CHECK(front, servant, total_turnover, "total leavers")}, 2},
    {"F9", "a skilled calm team: behind innovates most, servant grows skill and morale most",
     {{"skill_mean", "0.75"}}, 1,
     {CHECK(behind, front, cumulative_innovation, INNOVATION),
      CHECK(behind, servant, cumulative_innovation, INNOVATION),
      CHECK(servant, behind, final_skill, SKILL), CHECK(servant, front, final_skill, SKILL),
      CHECK(servant, behind, late_morale, MORALE), CHECK(servant, front, late_morale, MORALE)},
     6},
};

enum { N_FACTS = sizeof facts / sizeof facts[0] };

size_t herd_facts_count(void)
{
    return N_FACTS;
}

const herd_fact *herd_facts_get(size_t i)
{
    return i < N_FACTS ? &facts[i] : NULL;
}

const herd_fact *herd_facts_find(const char *id)
{
    for (size_t i = 0; id != NULL && i < N_FACTS; i++)
        if (strcmp(facts[i].id, id) == 0)
            return &facts[i];
    return NULL;
}
