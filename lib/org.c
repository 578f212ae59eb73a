#include "org.h"

#include <gsl/gsl_randist.h>
#include <string.h>

#include "errmsg.h"
#include "herd/error.h"

/* Keys that separate the network's streams from the teams'. */
#define NETWORK_WITHIN_KEY 0x6e6574776f726b31ULL
#define NETWORK_ACROSS_KEY 0x6e6574776f726b32ULL

herd_beta herd_beta_from(double mean, double sd)
{
    herd_beta d = {mean, 0, 0};
    if (sd > 0) {
        double nu = mean * (1 - mean) / (sd * sd) - 1;
        d.a = mean * nu;
        d.b = (1 - mean) * nu;
    }
    return d;
}

double herd_beta_draw(const herd_beta *dist, herd_pcg32 *rng)
{
    if (dist->a <= 0)
        return dist->mean;
    /* A gsl_rng whose state is the team's own generator: no allocation, same stream. */
    gsl_rng view = {herd_gsl_rng_pcg32, rng};
    return gsl_ran_beta(&view, dist->a, dist->b);
}

static int alloc_arrays(herd_agent_arrays *arr, size_t agents, const herd_allocator *alloc)
{
    size_t n = agents + HERD_ORG_PADDING;
    arr->skill = herd_calloc(alloc, n, sizeof(float));
    arr->engagement = herd_calloc(alloc, n, sizeof(float));
    arr->initiative = herd_calloc(alloc, n, sizeof(float));
    arr->bond = herd_calloc(alloc, n, sizeof(float));
    arr->dependence = herd_calloc(alloc, n, sizeof(float));
    if (!arr->skill || !arr->engagement || !arr->initiative || !arr->bond || !arr->dependence)
        return HERD_ENOMEM;
    return HERD_OK;
}

/* Initiative, bond and dependence are read by their own agent alone, so one buffer serves as
 * both now and next; skill and engagement, which neighbours read, have two. */
static int alloc_next(herd_org *org, size_t agents, const herd_allocator *alloc)
{
    size_t n = agents + HERD_ORG_PADDING;
    org->next.skill = herd_calloc(alloc, n, sizeof(float));
    org->next.engagement = herd_calloc(alloc, n, sizeof(float));
    org->next.initiative = org->now.initiative;
    org->next.bond = org->now.bond;
    org->next.dependence = org->now.dependence;
    return org->next.skill != NULL && org->next.engagement != NULL ? HERD_OK : HERD_ENOMEM;
}

static void free_arrays(herd_agent_arrays *arr, const herd_allocator *alloc)
{
    herd_free(alloc, arr->skill);
    herd_free(alloc, arr->engagement);
    herd_free(alloc, arr->initiative);
    herd_free(alloc, arr->bond);
    herd_free(alloc, arr->dependence);
    memset(arr, 0, sizeof *arr);
}

static void free_index_across(herd_org *org, const herd_allocator *alloc)
{
    herd_free(alloc, org->across_offsets);
    herd_free(alloc, org->across_targets);
    herd_free(alloc, org->across_owners);
    org->across_offsets = NULL;
    org->across_targets = NULL;
    org->across_owners = NULL;
}

void herd_org_release(herd_org *org, const herd_allocator *alloc)
{
    herd_free(alloc, org->next.skill);
    herd_free(alloc, org->next.engagement);
    memset(&org->next, 0, sizeof org->next);
    free_arrays(&org->now, alloc);
    herd_free(alloc, org->perspective);
    herd_free(alloc, org->tenure);
    herd_free(alloc, org->offsets);
    herd_free(alloc, org->targets);
    free_index_across(org, alloc);
    org->perspective = NULL;
    org->tenure = NULL;
    org->offsets = NULL;
    org->targets = NULL;
}

void herd_org_swap(herd_org *org)
{
    herd_agent_arrays t = org->now;
    org->now = org->next;
    org->next = t;
}

static void init_team(herd_org *org, const herd_params *p, long team, herd_pcg32 *rng)
{
    herd_beta skill = herd_beta_from(p->skill_mean, p->skill_sd);
    herd_beta eng = herd_beta_from(p->engagement_mean, p->engagement_sd);
    herd_beta ini = herd_beta_from(p->initiative_mean, p->initiative_sd);
    herd_beta bond = herd_beta_from(p->bond_mean, p->bond_sd);
    uint16_t tenure = (uint16_t)(p->tenure_init > UINT16_MAX ? UINT16_MAX : p->tenure_init);
    long first = team * org->team_size;
    for (long i = first; i < first + org->team_size; i++) {
        org->now.skill[i] = (float)herd_beta_draw(&skill, rng);
        org->now.engagement[i] = (float)herd_beta_draw(&eng, rng);
        org->now.initiative[i] = (float)herd_beta_draw(&ini, rng);
        org->now.bond[i] = (float)herd_beta_draw(&bond, rng);
        org->now.dependence[i] = (float)p->dependence_init;
        org->perspective[i] = (float)herd_pcg32_double(rng);
        org->tenure[i] = tenure;
    }
}

/* Visits every tie (i, j), i < j, once per direction, drawing from per-team streams so the
 * network is the same whatever order it is built in. Called twice: to count, then to fill. */
typedef void (*tie_visitor)(herd_org *org, uint32_t from, uint32_t to);

static void count_tie(herd_org *org, uint32_t from, uint32_t to)
{
    (void)to;
    org->offsets[from + 1]++;
}

static void fill_tie(herd_org *org, uint32_t from, uint32_t to)
{
    /* offsets[from] is used as a cursor while filling and restored afterwards. */
    org->targets[org->offsets[from]++] = to;
}

static void add_tie(herd_org *org, tie_visitor visit, uint32_t a, uint32_t b)
{
    visit(org, a, b);
    visit(org, b, a);
}

static void visit_ties_within(herd_org *org, const herd_params *p, uint64_t seed,
                              tie_visitor visit)
{
    uint32_t threshold = (uint32_t)(p->ties_within * 4294967295.0);
    uint64_t within = herd_seed_derive(seed, NETWORK_WITHIN_KEY);
    for (long t = 0; t < org->n_teams; t++) {
        herd_pcg32 rng;
        herd_pcg32_stream(&rng, within, (uint64_t)t);
        long first = t * org->team_size;
        for (long i = first; i < first + org->team_size; i++)
            for (long j = i + 1; j < first + org->team_size; j++)
                if (p->ties_within >= 1 || herd_pcg32_next(&rng) < threshold)
                    add_tie(org, visit, (uint32_t)i, (uint32_t)j);
    }
}

/* Ties across teams stay inside a department: a contiguous block of department_teams
 * teams. Besides being how organisations are drawn, it keeps a tick's reads close together. */
static void visit_ties_across(herd_org *org, const herd_params *p, uint64_t seed,
                              tie_visitor visit)
{
    uint64_t across = herd_seed_derive(seed, NETWORK_ACROSS_KEY);
    long size = org->team_size;
    for (long t = 0; t < org->n_teams; t++) {
        long dept_first = t / p->department_teams * p->department_teams;
        long dept_teams = org->n_teams - dept_first < p->department_teams
                              ? org->n_teams - dept_first
                              : p->department_teams;
        if (dept_teams < 2)
            continue;
        herd_pcg32 rng;
        herd_pcg32_stream(&rng, across, (uint64_t)t);
        gsl_rng view = {herd_gsl_rng_pcg32, &rng};
        uint32_t others = (uint32_t)((dept_teams - 1) * size);
        long first = t * size;
        for (long i = first; i < first + size; i++) {
            unsigned k = gsl_ran_poisson(&view, p->ties_across / 2);
            for (unsigned n = 0; n < k; n++) {
                /* Uniform over the department's agents outside team t. */
                long j = dept_first * size + (long)herd_pcg32_bounded(&rng, others);
                if (j >= first)
                    j += size;
                add_tie(org, visit, (uint32_t)i, (uint32_t)j);
            }
        }
    }
}

/* Within-team ties are visited first, so each agent's row lists its team mates first. In
 * clique teams they are implied and not stored: only the ties across are visited. */
static void visit_ties(herd_org *org, const herd_params *p, uint64_t seed, tie_visitor visit)
{
    if (!org->teams_are_cliques)
        visit_ties_within(org, p, seed, visit);
    if (p->ties_across > 0)
        visit_ties_across(org, p, seed, visit);
}

void herd_org_own_across(herd_org *org)
{
    for (size_t i = 0; i < (size_t)org->n_agents; i++)
        for (uint32_t t = org->across_offsets[i]; t < org->across_offsets[i + 1]; t++)
            org->across_owners[t] = (uint32_t)i;
}

/* The rows of clique teams, which hold their ties across alone, become the index a tick
 * reads: 32-bit offsets, the same targets, and each tie's owner. */
static int keep_across(herd_org *org, const herd_allocator *alloc)
{
    size_t n = (size_t)org->n_agents;
    org->across_offsets = herd_calloc(alloc, n + 1, sizeof(uint32_t));
    org->across_owners = herd_calloc(alloc, (size_t)org->offsets[n], sizeof(uint32_t));
    if (org->across_offsets == NULL || org->across_owners == NULL)
        return HERD_ENOMEM;
    for (size_t i = 0; i <= n; i++)
        org->across_offsets[i] = (uint32_t)org->offsets[i];
    herd_free(alloc, org->offsets);
    org->offsets = NULL;
    org->across_targets = org->targets;
    org->targets = NULL;
    herd_org_own_across(org);
    return HERD_OK;
}

static int build_network(herd_org *org, const herd_params *p, uint64_t seed,
                         const herd_allocator *alloc, char *err, size_t err_size)
{
    size_t n = (size_t)org->n_agents;
    org->offsets = herd_calloc(alloc, n + 1, sizeof(uint64_t));
    if (org->offsets == NULL)
        return HERD_ENOMEM;
    visit_ties(org, p, seed, count_tie);
    for (size_t i = 0; i < n; i++)
        org->offsets[i + 1] += org->offsets[i];
    if (org->teams_are_cliques && org->offsets[n] > UINT32_MAX)
        return herd_errf(err, err_size, HERD_ETOOBIG,
                         "%ld teams of %ld agents have %llu ties across teams, more than the "
                         "%lu the index of teams tied as cliques holds",
                         org->n_teams, org->team_size, (unsigned long long)org->offsets[n],
                         (unsigned long)UINT32_MAX);
    org->targets = herd_calloc(alloc, (size_t)org->offsets[n], sizeof(uint32_t));
    if (org->targets == NULL)
        return HERD_ENOMEM;
    visit_ties(org, p, seed, fill_tie);
    for (size_t i = n; i > 0; i--)
        org->offsets[i] = org->offsets[i - 1];
    org->offsets[0] = 0;
    return org->teams_are_cliques ? keep_across(org, alloc) : HERD_OK;
}

uint64_t herd_org_row_start(const herd_org *org, size_t i)
{
    if (!org->teams_are_cliques)
        return org->offsets[i];
    return (uint64_t)i * (uint64_t)(org->team_size - 1) + org->across_offsets[i];
}

/* out may be NULL where the row is empty; memcpy may not be given NULL even for no bytes. */
static void copy_ties(uint32_t *out, const uint32_t *targets, uint64_t from, uint64_t to)
{
    if (to > from)
        memcpy(out, targets + from, (size_t)(to - from) * sizeof *out);
}

void herd_org_row(const herd_org *org, size_t i, uint32_t *out)
{
    if (!org->teams_are_cliques) {
        copy_ties(out, org->targets, org->offsets[i], org->offsets[i + 1]);
        return;
    }
    size_t size = (size_t)org->team_size, first = i / size * size;
    for (size_t j = first; j < first + size; j++)
        if (j != i)
            *out++ = (uint32_t)j;
    copy_ties(out, org->across_targets, org->across_offsets[i], org->across_offsets[i + 1]);
}

int herd_org_init(herd_org *org, const herd_params *p, uint64_t seed, herd_pcg32 *team_rngs,
                  const herd_allocator *alloc, char *err, size_t err_size)
{
    memset(org, 0, sizeof *org);
    org->n_teams = p->n_teams;
    org->team_size = p->team_size;
    org->n_agents = p->n_teams * p->team_size;
    org->teams_are_cliques = p->ties_within >= 1;
    size_t n = (size_t)org->n_agents;
    int rc = alloc_arrays(&org->now, n, alloc);
    if (rc == HERD_OK)
        rc = alloc_next(org, n, alloc);
    if (rc == HERD_OK) {
        org->perspective = herd_calloc(alloc, n, sizeof(float));
        org->tenure = herd_calloc(alloc, n, sizeof(uint16_t));
        if (org->perspective == NULL || org->tenure == NULL)
            rc = HERD_ENOMEM;
    }
    if (rc == HERD_OK)
        rc = build_network(org, p, seed, alloc, err, err_size);
    if (rc != HERD_OK) {
        herd_org_release(org, alloc);
        return rc;
    }
    for (long t = 0; t < org->n_teams; t++)
        init_team(org, p, t, &team_rngs[t]);
    return HERD_OK;
}

/* When teams are cliques, the network kept is a 32-bit offset per agent and a target and an
 * owner per tie across teams, built in rows with 64-bit offsets; otherwise a 64-bit offset
 * per agent and a target per tie. */
double herd_org_memory_estimate(const herd_params *p)
{
    double agents = (double)p->n_teams * (double)p->team_size;
    double per_agent = (2 * 2 + 3) * sizeof(float) + sizeof(float) + sizeof(uint16_t);
    double network = sizeof(uint64_t);
    if (p->ties_within >= 1)
        network += sizeof(uint32_t) + p->ties_across * 2 * sizeof(uint32_t);
    else
        network += ((double)(p->team_size - 1) * p->ties_within + p->ties_across) * sizeof(uint32_t);
    return agents * (per_agent + network);
}
