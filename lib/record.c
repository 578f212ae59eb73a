/* From per-team sums to the organisation's record, always summed in team order within fixed
 * chunks and then chunk by chunk, so that the record is the same however the chunks were
 * shared among threads. */
#include <math.h>
#include <string.h>

#include "sim_internal.h"
#include "simd.h"

void herd_stats_from_state(herd_sim *sim)
{
    const herd_org *org = &sim->org;
    const herd_params *p = &sim->params;
    for (long t = 0; t < org->n_teams; t++) {
        herd_team_stats st = {0};
        for (long i = t * org->team_size; i < (t + 1) * org->team_size; i++) {
            float s = org->now.skill[i], e = org->now.engagement[i], a = org->now.initiative[i];
            float persp = org->perspective[i];
            st.skill += s;
            st.skill2 += (double)s * s;
            st.engagement += e;
            st.engagement2 += (double)e * e;
            st.initiative += a;
            st.bond += org->now.bond[i];
            st.dependence += org->now.dependence[i];
            st.frontrunners += s * a >= (float)p->frontrunner_threshold;
            st.tenure += org->tenure[i];
            st.engaged += e;
            st.engaged_skill += (double)e * s;
            st.engaged_perspective += (double)e * persp;
            st.engaged_perspective2 += (double)e * persp * persp;
        }
        st.present = 1;
        sim->stats[t] = st;
    }
}

/* A team's sums four at a time. */
typedef double sums4 __attribute__((vector_size(4 * sizeof(double))));
enum { TEAM_SUMS4 = sizeof(herd_team_stats) / sizeof(sums4) };
_Static_assert(sizeof(herd_team_stats) == TEAM_SUMS4 * sizeof(sums4) &&
                   sizeof(herd_team_stats) % sizeof(double) == 0,
               "a team's stats are sums in double and nothing else, in whole vectors");

/* Adds each of the sums at from to those at to. */
static inline void add_sums(sums4 *to, const herd_team_stats *from)
{
    for (int v = 0; v < TEAM_SUMS4; v++) {
        sums4 x;
        memcpy(&x, (const char *)from + v * sizeof x, sizeof x);
        to[v] += x;
    }
}

void herd_team_stats_add(herd_team_stats *sum, const herd_team_stats *st)
{
    sums4 to[TEAM_SUMS4];
    memcpy(to, sum, sizeof to);
    add_sums(to, st);
    memcpy(sum, to, sizeof to);
}

void herd_record_from_sum(const herd_team_stats *sum, double agents, double teams, long tick,
                          herd_record *rec)
{
    double cum = rec->innovation_cum;
    memset(rec, 0, sizeof *rec);
    rec->tick = tick;
    rec->innovation = sum->innovations;
    rec->innovation_value = sum->innovation_value;
    rec->innovation_cum = cum + sum->innovations;
    rec->output = sum->output;
    rec->performance = sum->output + sum->innovation_value;
    rec->morale = sum->engagement / agents;
    double var = sum->engagement2 / agents - rec->morale * rec->morale;
    rec->morale_sd = var > 0 ? sqrt(var) : 0;
    rec->skill = sum->skill / agents;
    rec->initiative = sum->initiative / agents;
    rec->bond = sum->bond / agents;
    rec->dependence = sum->dependence / agents;
    rec->turnover = sum->leavers;
    rec->front_runners = sum->frontrunners;
    rec->attention = sum->attention / teams;
    rec->front_share = sum->front_mode / teams;
    rec->coordination_gap = sum->coordination_gap / teams;
    rec->crisis = sum->crisis / teams;
    rec->novelty = sum->novelty / teams;
    rec->leaders_present = sum->present / teams;
}

HERD_VECTOR_CLONES
void herd_record_chunk(herd_sim *sim, long chunk)
{
    sums4 sum[TEAM_SUMS4] = {{0}};
    long first = chunk * sim->chunk_teams;
    long last = first + sim->chunk_teams < sim->org.n_teams ? first + sim->chunk_teams
                                                             : sim->org.n_teams;
    for (long t = first; t < last; t++)
        add_sums(sum, &sim->stats[t]);
    memcpy(&sim->chunk_sums[chunk], sum, sizeof sum);
}

void herd_record_from_stats(herd_sim *sim, herd_record *rec)
{
    for (long c = 0; c < sim->n_chunks; c++)
        herd_record_chunk(sim, c);
    herd_record_from_chunks(sim, rec);
}

void herd_record_from_chunks(const herd_sim *sim, herd_record *rec)
{
    herd_team_stats sum = {0};
    for (long c = 0; c < sim->n_chunks; c++)
        herd_team_stats_add(&sum, &sim->chunk_sums[c]);
    herd_record_from_sum(&sum, (double)sim->org.n_agents, (double)sim->org.n_teams,
                         sim->tick - 1, rec);
}
