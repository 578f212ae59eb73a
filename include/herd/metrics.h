#ifndef HERD_METRICS_H
#define HERD_METRICS_H

/* What is measured each tick, and summaries of a run. Counts and outputs are totals over the
 * organisation; morale, skill, initiative, bond and dependence are means over employees. */

#include <stddef.h>

#include "herd/error.h"
#include "herd/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herd_record {
    long tick;
    double innovation;       /* successful innovations this tick */
    double innovation_value; /* their value, in units of one employee's routine output */
    double innovation_cum;   /* successful innovations since tick 0 */
    double output;           /* routine output, the leaders' own work included */
    double performance;      /* output + innovation_value */
    double morale;           /* mean engagement */
    double morale_sd;        /* its standard deviation over employees */
    double skill;
    double initiative;
    double bond;
    double dependence;
    double turnover;         /* employees who left this tick (hiring waves excluded) */
    double front_runners;    /* employees who are front-runners */
    double attention;        /* mean share of attention budget used, over teams */
    double front_share;      /* share of teams whose policy leads from the front */
    double coordination_gap; /* mean over teams of the share of coordination missing */
    double crisis;           /* mean crisis intensity over teams */
    double novelty;          /* mean task novelty over teams */
    double leaders_present;  /* share of teams whose leader is present */
} herd_record;

/* Dip and recovery of performance around one event. */
typedef struct herd_event_effect {
    long start;
    double baseline;       /* mean performance over the window before the event */
    double trough;         /* lowest performance from the start to the end of the window after */
    double dip;            /* (baseline - trough) / baseline; 0 if performance never fell */
    long recovery_ticks;   /* ticks from the start until performance is back at 95% of baseline
                              after the trough; -1 if it never is within the run */
} herd_event_effect;

typedef struct herd_summary {
    long ticks;
    double innovation_total;
    double innovation_value_total;
    double output_total;
    double performance_total;
    double turnover_total;
    double turnover_rate_annual; /* leavers per employee per 52 ticks */
    double morale_mean;          /* over ticks */
    double morale_final;
    double skill_final;
    double bond_final;
    double auc_innovation;       /* trapezoidal areas under the curves, per tick */
    double auc_output;
    double auc_performance;
    double auc_morale;
} herd_summary;

/* The one table of outputs: every field of herd_record and every run metric of
 * herd_summary, with its name (the same in every file herd writes and every API), unit,
 * meaning and which direction is better. X(name, unit, better, meaning): better is +1 when
 * more is better, -1 when less is, 0 when neither. */
#define HERD_RECORD_TABLE(X)                                                                  \
    X(innovation, "innovations/tick", 1, "successful innovations this tick, employees' and leaders'")                 \
    X(innovation_value, "agent-output/tick", 1, "value of this tick's innovations")          \
    X(innovation_cum, "innovations", 1, "successful innovations from tick 0 to this tick")   \
    X(output, "agent-output/tick", 1, "routine output after coordination loss, leaders' own work included") \
    X(performance, "agent-output/tick", 1, "routine output plus the value of innovations")   \
    X(morale, "1", 1, "mean engagement over employees")                                       \
    X(morale_sd, "1", 0, "standard deviation of engagement over employees")                  \
    X(skill, "1", 1, "mean skill")                                                            \
    X(initiative, "1", 1, "mean initiative")                                                  \
    X(bond, "1", 1, "mean bond to leader and organisation")                                   \
    X(dependence, "1", -1, "mean learned dependence on direction")                           \
    X(turnover, "agents/tick", -1, "employees who left this tick (hiring waves excluded)")   \
    X(front_runners, "agents", 1, "employees who are front-runners")                         \
    X(attention, "1", 0, "mean share of the attention budget used, over teams")              \
    X(front_share, "1", 0, "share of teams whose policy reports front mode")               \
    X(coordination_gap, "1", -1, "mean over teams of the share of coordination missing")    \
    X(crisis, "1", 0, "mean crisis intensity over teams")                                     \
    X(novelty, "1", 0, "mean task novelty over teams")                                        \
    X(leaders_present, "1", 0, "share of teams whose leader is present")

#define HERD_SUMMARY_TABLE(X)                                                                 \
    X(innovation_total, "innovations", 1, "successful innovations over the run")             \
    X(innovation_value_total, "agent-output", 1, "value of the run's innovations")           \
    X(output_total, "agent-output", 1, "routine output summed over the run")                 \
    X(performance_total, "agent-output", 1, "routine output plus innovation value, summed over the run") \
    X(turnover_total, "agents", -1, "employees who left over the run")                       \
    X(turnover_rate_annual, "1/year", -1, "leavers per employee per 52 ticks")               \
    X(morale_mean, "1", 1, "mean engagement, averaged over ticks")                           \
    X(morale_final, "1", 1, "mean engagement at the last tick")                              \
    X(skill_final, "1", 1, "mean skill at the last tick")                                     \
    X(bond_final, "1", 1, "mean bond at the last tick")                                       \
    X(auc_innovation, "innovations/tick", 1, "area under innovation per tick, per tick")     \
    X(auc_output, "agent-output/tick", 1, "area under routine output, per tick")             \
    X(auc_performance, "agent-output/tick", 1, "area under performance, per tick")           \
    X(auc_morale, "1", 1, "area under morale, per tick")

/* One row of a table of outputs. */
typedef struct herd_output_info {
    const char *name;
    const char *unit;
    int better; /* +1, -1 or 0 */
    const char *doc;
    size_t offset; /* of the double in herd_record or herd_summary */
} herd_output_info;

/* Row i of the record table and of the run-metric table; NULL past the end. */
HERD_API const herd_output_info *herd_record_info(size_t i);
HERD_API const herd_output_info *herd_summary_info(size_t i);
HERD_API size_t herd_record_info_count(void);
HERD_API size_t herd_summary_info_count(void);
/* The row named name in one table; NULL if none. */
HERD_API const herd_output_info *herd_record_find(const char *name);
HERD_API const herd_output_info *herd_summary_find(const char *name);
/* The run metric named name, or, failing that, named name followed by "_total", so that a
 * total may be named by its stem as the programs take it ("innovation" for
 * innovation_total); NULL if neither. */
HERD_API const herd_output_info *herd_summary_find_metric(const char *name);
/* The field a row describes; NaN if either pointer is NULL. */
HERD_API double herd_record_get(const herd_record *r, const herd_output_info *info);
HERD_API double herd_summary_get(const herd_summary *s, const herd_output_info *info);

/* Summary of n records (n > 0) of an organisation of n_agents. */
HERD_API herd_status herd_metrics_summarise(const herd_record *records, size_t n, double n_agents,
                                            herd_summary *out);

/* Dip and recovery after an event starting at tick start: the baseline is the mean
 * performance over the `window` ticks before start (fewer if the run started later). */
HERD_API herd_status herd_metrics_event_effect(const herd_record *records, size_t n, long start,
                                               long length, long window, herd_event_effect *out);

#ifdef __cplusplus
}
#endif

#endif
