#ifndef HERD_CLASSIC_H
#define HERD_CLASSIC_H

/* Classic models of organisational learning, rebuilt on herd's generators:
 *   - March (1991), exploration and exploitation with an organisational code;
 *   - Hong and Page (2004), diverse teams of problem solvers on a ring;
 *   - Lazer and Friedman (2007), networks of agents searching an NK landscape.
 * docs/CLASSIC.md states the rules as implemented and compares them with the published results.
 *
 * Every model has a parameters struct filled by herd_classic_<model>_default(), a validation
 * that names the bad field, a run for one seed and a replication over independent streams
 * (replication r runs with seed herd_seed_derive(seed, r)). Every function that takes
 * (msg, msg_size) writes a NUL-terminated explanation of a failure there; msg may be NULL.
 * Memory is allocated through the parameters' allocator (NULL: malloc/free) and freed before
 * the call returns; an allocation failure returns HERD_ENOMEM and leaks nothing. */

#include <stddef.h>
#include <stdint.h>

#include "herd/alloc.h"
#include "herd/error.h"
#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A mean over replications and its standard error, sd / sqrt(n) with herd_stats_interval's
 * sd: NaN with a single replication, which says nothing of spread. */
typedef struct herd_classic_estimate {
    double mean;
    double se;
} herd_classic_estimate;

/* ---- March (1991) ------------------------------------------------------------------------ */

typedef enum herd_classic_march_rules {
    /* The rules of March's own program as reconstructed by Christensen (2015): individuals act
     * (a coin decides a dimension they hold no belief on), those whose action scores beat the
     * code are superior, socialisation moves a belief one step towards the code. */
    HERD_CLASSIC_MARCH_ORIGINAL = 0,
    /* The rules as the 1991 text states them: superiority by knowledge, socialisation copies the
     * code's belief outright, k counts superior individuals differing from the code minus those
     * agreeing (footnote 1). */
    HERD_CLASSIC_MARCH_TEXT = 1
} herd_classic_march_rules;

typedef struct herd_classic_march_params {
    unsigned dimensions;  /* m, dimensions of reality */
    unsigned individuals; /* n */
    double p1;            /* socialisation rate of most individuals */
    double p1_alt;        /* socialisation rate of the others ... */
    double alt_share;     /* ... who are this share of n (rounded), the first ones */
    double p2;            /* code learning rate */
    double p3;            /* turnover: chance an individual is replaced each period */
    double p4;            /* turbulence: chance a dimension of reality flips each period */
    unsigned periods;     /* 0: run until no change is possible (needs p3 = p4 = 0) */
    unsigned period_cap;  /* with periods = 0, stop here anyway (result says so) */
    herd_classic_march_rules rules;
    const herd_allocator *allocator; /* NULL: malloc/free; a model's validation refuses half */
} herd_classic_march_params;

/* The state after a period (or at the end of a run). */
typedef struct herd_classic_march_result {
    unsigned period;             /* periods completed */
    int equilibrium;             /* 1 if no further change is possible */
    double code_knowledge;       /* share of dimensions on which the code equals reality */
    double individual_knowledge; /* that share averaged over individuals */
    double code_score;           /* (dimensions right - dimensions wrong) / m for the code */
} herd_classic_march_result;

/* Called after every period; a non-zero return stops the run with HERD_ECALLBACK. */
typedef int (*herd_classic_march_observer)(void *ctx, const herd_classic_march_result *now);

typedef struct herd_classic_march_summary {
    unsigned replications;
    unsigned at_cap; /* replications that hit period_cap before equilibrium */
    herd_classic_estimate code_knowledge;
    herd_classic_estimate individual_knowledge;
    herd_classic_estimate code_score;
    herd_classic_estimate periods;
} herd_classic_march_summary;

/* m = 30, n = 50, p1 = 0.5, p2 = 0.5, no mix, no turnover or turbulence, run to equilibrium
 * (capped at 100000 periods), original rules, default allocator. */
HERD_API void herd_classic_march_default(herd_classic_march_params *p);
HERD_API herd_status herd_classic_march_validate(const herd_classic_march_params *p, char *msg,
                                                 size_t msg_size);
/* observer may be NULL. */
HERD_API herd_status herd_classic_march_run(const herd_classic_march_params *p, uint64_t seed,
                                            herd_classic_march_observer observer, void *ctx,
                                            herd_classic_march_result *out, char *msg,
                                            size_t msg_size);
HERD_API herd_status herd_classic_march_replicate(const herd_classic_march_params *p,
                                                  uint64_t seed, unsigned replications,
                                                  herd_classic_march_summary *out, char *msg,
                                                  size_t msg_size);
/* The summary of `replications` results of runs with p (p->periods tells whether a run
 * that did not reach equilibrium was stopped at the cap), as herd_classic_march_replicate
 * gives for the runs it makes. The caller keeps the results; memory for the estimates comes
 * from p->allocator and is returned before this returns. HERD_EINVAL if replications is 0
 * or a pointer is NULL, HERD_ENOMEM if the memory is missing, with the reason in msg. */
HERD_API herd_status herd_classic_march_summarise(const herd_classic_march_params *p,
                                                  const herd_classic_march_result *results,
                                                  unsigned replications,
                                                  herd_classic_march_summary *out, char *msg,
                                                  size_t msg_size);

/* ---- Hong and Page (2004) ---------------------------------------------------------------- */

typedef struct herd_classic_hongpage_params {
    unsigned ring_size;     /* n points on the ring, values uniform on [0, value_max] */
    double value_max;
    unsigned max_step;      /* l: a heuristic's steps are drawn from 1..l */
    unsigned steps;         /* k: steps in a heuristic, distinct, ordered */
    unsigned pool_size;     /* agents in the pool (distinct heuristics); 0: every heuristic */
    unsigned team_size;
    const herd_allocator *allocator; /* NULL: malloc/free; a model's validation refuses half */
} herd_classic_hongpage_params;

typedef struct herd_classic_hongpage_result {
    double best_team_performance;   /* mean value the relay reaches, over every start */
    double random_team_performance;
    double best_team_diversity;     /* mean over pairs of the share of steps that differ */
    double random_team_diversity;
    double best_agent_ability;      /* ability of the single best agent */
    double mean_best_team_ability;  /* mean ability of the best team's members */
    double mean_random_team_ability;
} herd_classic_hongpage_result;

typedef struct herd_classic_hongpage_summary {
    unsigned replications;
    herd_classic_estimate best_team_performance;
    herd_classic_estimate random_team_performance;
    herd_classic_estimate best_team_diversity;
    herd_classic_estimate random_team_diversity;
    herd_classic_estimate best_agent_ability;
    /* share of replications in which the random team did strictly better */
    double random_wins;
} herd_classic_hongpage_summary;

/* n = 2000, values on [0, 100], l = 12, k = 3, pool = every heuristic, teams of 10. */
HERD_API void herd_classic_hongpage_default(herd_classic_hongpage_params *p);
HERD_API herd_status herd_classic_hongpage_validate(const herd_classic_hongpage_params *p,
                                                    char *msg, size_t msg_size);
HERD_API herd_status herd_classic_hongpage_run(const herd_classic_hongpage_params *p,
                                               uint64_t seed, herd_classic_hongpage_result *out,
                                               char *msg, size_t msg_size);
HERD_API herd_status herd_classic_hongpage_replicate(const herd_classic_hongpage_params *p,
                                                     uint64_t seed, unsigned replications,
                                                     herd_classic_hongpage_summary *out,
                                                     char *msg, size_t msg_size);

/* ---- Lazer and Friedman (2007) ----------------------------------------------------------- */

typedef enum herd_classic_network {
    HERD_CLASSIC_NETWORK_LINEAR = 0,      /* a ring: each agent sees the one on either side */
    HERD_CLASSIC_NETWORK_FULL = 1,        /* everyone sees everyone */
    HERD_CLASSIC_NETWORK_RANDOM = 2,      /* each pair linked with chance degree / (agents-1) */
    HERD_CLASSIC_NETWORK_SMALL_WORLD = 3  /* ring lattice of degree, links rewired w.p. rewire */
} herd_classic_network;

typedef struct herd_classic_lazer_params {
    unsigned bits;         /* N */
    unsigned interactions; /* K: other bits each bit's contribution depends on */
    double exponent;       /* normalised score is (fitness / max fitness) ^ exponent */
    unsigned agents;
    unsigned rounds;
    herd_classic_network network;
    double degree;         /* random: mean degree; small world: the lattice's degree, even and
                            * whole (degree / 2 neighbours on either side) */
    double rewire;         /* small world: chance a lattice link is rewired */
    const herd_allocator *allocator; /* NULL: malloc/free; a model's validation refuses half */
} herd_classic_lazer_params;

/* mean_score[t] for t = 0..rounds (0 is the random start) is the agents' mean score. */
typedef struct herd_classic_lazer_summary {
    unsigned replications;
    herd_classic_estimate final_score;
    herd_classic_estimate rounds_to_settle; /* first round after which nobody changed again */
} herd_classic_lazer_summary;

/* N = 20, K = 5, exponent 8, 100 agents, 100 rounds, linear network, degree 4, rewire 0.1. */
HERD_API void herd_classic_lazer_default(herd_classic_lazer_params *p);
HERD_API herd_status herd_classic_lazer_validate(const herd_classic_lazer_params *p, char *msg,
                                                 size_t msg_size);
/* Writes rounds + 1 values into mean_score (caller's array); *settled (may be NULL) gets the
 * first round after which no agent changed its solution. */
HERD_API herd_status herd_classic_lazer_run(const herd_classic_lazer_params *p, uint64_t seed,
                                            double *mean_score, unsigned *settled, char *msg,
                                            size_t msg_size);
/* mean and se (caller's arrays of rounds + 1; se may be NULL) of the mean score by round. */
HERD_API herd_status herd_classic_lazer_replicate(const herd_classic_lazer_params *p,
                                                  uint64_t seed, unsigned replications,
                                                  double *mean, double *se,
                                                  herd_classic_lazer_summary *out, char *msg,
                                                  size_t msg_size);
/* The summary of `replications` runs with p, as herd_classic_lazer_replicate gives for the
 * runs it makes: run r's mean scores are series[r * (rounds + 1) ...] (rounds + 1 of them, as
 * herd_classic_lazer_run writes them) and its settling round is settled[r]. mean and se are
 * as for herd_classic_lazer_replicate (se may be NULL). The caller keeps the results; memory
 * for the estimates comes from p->allocator and is returned before this returns. The errors
 * of herd_classic_lazer_validate, HERD_ERANGE if replications is 0, HERD_EINVAL if a pointer
 * other than se is NULL, HERD_ENOMEM if the memory is missing, with the reason in msg. */
HERD_API herd_status herd_classic_lazer_summarise(const herd_classic_lazer_params *p,
                                                  const double *series,
                                                  const unsigned *settled,
                                                  unsigned replications, double *mean,
                                                  double *se, herd_classic_lazer_summary *out,
                                                  char *msg, size_t msg_size);
/* "linear", "full", "random", "small-world" <-> the enum; NULL / HERD_ENOTFOUND if unknown. */
HERD_API const char *herd_classic_network_name(herd_classic_network network);
HERD_API herd_status herd_classic_network_find(const char *name, herd_classic_network *out);

#ifdef __cplusplus
}
#endif

#endif
