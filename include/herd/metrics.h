#ifndef HERD_METRICS_H
#define HERD_METRICS_H

/* What is measured each tick, and summaries of a run. Counts and outputs are totals over the
 * organisation; morale, skill, initiative, bond and dependence are means over employees. */

#include <stddef.h>

#include "herd/export.h"

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

/* Summary of n records (n > 0) of an organisation of n_agents. */
HERD_API int herd_metrics_summarise(const herd_record *records, size_t n, double n_agents,
                                    herd_summary *out);

/* Dip and recovery after an event starting at tick start: the baseline is the mean
 * performance over the `window` ticks before start (fewer if the run started later). */
HERD_API int herd_metrics_event_effect(const herd_record *records, size_t n, long start,
                                       long length, long window, herd_event_effect *out);

#endif
