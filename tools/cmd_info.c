/* herd info: the version, the policies, the event kinds, the parameters and the outputs. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "commands.h"
#include "herd/herd.h"

static const char info_help[] =
    "Usage: herd info [--plugin FILE]...\n"
    "Prints the version, the policies (the built-ins with their stances and thresholds, and\n"
    "each plug-in's, with its file), the event kinds, every model parameter with its\n"
    "default, range, unit and meaning, and every output: the fields of each tick's record\n"
    "(herd run's columns) and the run metrics (compare's and sweep's), with unit, which\n"
    "direction is better and meaning.\n";

/* The keys of style whose fields lie in [from, to), as "name value" pairs. */
static void print_keys(const herd_style *style, const char *label, size_t from, size_t to)
{
    printf("  %-11s %s:", "", label);
    for (size_t i = 0; herd_style_key_info(i) != NULL; i++) {
        const herd_style_key *k = herd_style_key_info(i);
        const char *name = strchr(k->name, '.') != NULL ? strchr(k->name, '.') + 1 : k->name;
        if (k->offset >= from && k->offset < to)
            printf(" %s %.15g", name, herd_style_get(style, k));
    }
    putchar('\n');
}

static void print_style(const herd_style *style)
{
    size_t calm = offsetof(herd_style, calm), front = offsetof(herd_style, front);
    size_t after = front + sizeof(herd_stance), staged = offsetof(herd_style, staged);
    static const char *const stages[] = {"directing", "coaching", "supporting", "delegating"};
    if (!style->staged)
        print_keys(style, style->switching ? "calm" : "stance", calm, front);
    for (int i = 0; style->staged && i < HERD_STAGE_COUNT; i++) {
        size_t at = offsetof(herd_style, stage) + (size_t)i * sizeof(herd_stance);
        print_keys(style, stages[i], at, at + sizeof(herd_stance));
    }
    if (style->staged)
        print_keys(style, "stages", offsetof(herd_style, stage) + sizeof style->stage,
                   sizeof *style);
    if (!style->switching)
        return;
    print_keys(style, "front", front, after);
    print_keys(style, "switch", after, staged);
}

static void print_outputs(const herd_output_info *(*info)(size_t), size_t n)
{
    printf("  %-24s %-18s %-7s %s\n", "name", "unit", "better", "meaning");
    for (size_t i = 0; i < n; i++) {
        const herd_output_info *o = info(i);
        printf("  %-24s %-18s %-7s %s\n", o->name, o->unit,
               o->better > 0 ? "higher" : o->better < 0 ? "lower" : "-", o->doc);
    }
}

int herd_cli_info(int argc, char **argv, const herd_catalog *catalog)
{
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(info_help, stdout);
            return HERD_EXIT_OK;
        }
        if (cli_operand("info", argv[i], 0) == 0)
            return cli_usage_error("info", "unexpected argument %s", argv[i]);
        return HERD_EXIT_USAGE;
    }
    printf("herd %s (headers %s)\n\nPolicies:\n", herd_version(), HERD_VERSION_STRING);
    for (size_t i = 0; i < herd_catalog_count(catalog); i++) {
        const herd_policy_type *t = herd_catalog_get(catalog, i);
        const herd_plugin *p = herd_catalog_plugin_of(catalog, t);
        printf("  %-11s %s\n", t->name, t->description != NULL ? t->description : "");
        if (p != NULL)
            printf("  %-11s from plug-in %s (%s)\n", "", p->name,
                   herd_catalog_plugin_path(catalog, p));
        if (herd_policy_style(t) != NULL)
            print_style(herd_policy_style(t));
    }
    printf("\nEvent kinds:");
    for (int k = 0; k <= HERD_EVENT_HIRING; k++)
        printf(" %s", herd_event_kind_name((herd_event_kind)k));
    printf("\n\nParameters (set in [organisation] or [model], or with --set NAME=VALUE):\n");
    printf("  %-24s %-10s %-22s %-18s %-12s %s\n", "name", "default", "range", "plausible",
           "unit", "meaning");
    for (size_t i = 0; herd_params_info(i) != NULL; i++) {
        const herd_param_info *p = herd_params_info(i);
        char range[48], plausible[48];
        snprintf(range, sizeof range, "[%.15g, %.15g]", p->min, p->max);
        snprintf(plausible, sizeof plausible, "[%.15g, %.15g]", p->low, p->high);
        printf("  %-24s %-10.15g %-22s %-18s %-12s %s\n", p->name, p->def, range, plausible,
               p->unit, p->doc);
    }
    printf("\nRecord fields (each tick; herd run's columns after policy, rep, seed_hi, "
           "seed_lo, tick):\n");
    print_outputs(herd_record_info, herd_record_info_count());
    printf("\nRun metrics (herd compare and herd sweep):\n");
    print_outputs(herd_summary_info, herd_summary_info_count());
    return HERD_EXIT_OK;
}

