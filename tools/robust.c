/* herd robustness: the robustness study of the stylised facts (include/herd/robust.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_progress.h"
#include "cli_scenario.h"
#include "commands.h"
#include "herd/herd.h"

#define MAX_LIST 128
#define MAX_SETS 64

static const char robust_help[] =
    "Usage: herd robustness [OPTIONS]\n"
    "How far the stylised facts hold when the parameters move within their plausible\n"
    "ranges (herd info lists them): a Latin hypercube of P points over every parameter\n"
    "not fixed, R paired replications of every fact at each point. Prints, for each fact\n"
    "and each of its checks, the share of points where the 95% interval of the paired\n"
    "difference excludes zero in the stated direction, and the parameters that decide it\n"
    "(standardised regression coefficients, with R^2), and for the fact as a whole the\n"
    "share in the lower and upper half of its strongest driver's range.\n"
    "The base scenario is the facts tests': defaults, 20 teams, 260 ticks, seed 1000.\n\n"
    "  --points P        points of the hypercube, more than the varied parameters + 1\n"
    "                    (default 120); fewer are refused before anything runs\n"
    "  --reps R          paired replications at each point, at least 2 (default 5)\n"
    "  --seed N          places the points, 0 to 2^64-1 (default 1)\n"
    "  --facts LIST      comma-separated fact ids (default: every fact)\n"
    "  --fix LIST        parameters held at the base value (default n_teams)\n"
    "  --set KEY=VALUE   a key of the base scenario (repeatable), e.g. n_teams=10; a\n"
    "                    parameter the study varies is refused unless --fix holds it\n"
    "  --top K           drivers listed per row (default 3)\n"
    "  --threads N       runs at once (0: one per core); results do not depend on it\n"
    "  --no-progress     no progress line (shown only when stderr is a terminal)\n";

typedef struct options {
    long points, reps, threads, top;
    uint64_t seed;
    int progress;
    const char *facts[MAX_LIST], *fixed[MAX_LIST];
    size_t n_facts, n_fixed;
    const char *sets[MAX_SETS];
    size_t n_sets;
    char fact_list[1024], fix_list[4096];
} options;

static int parse_valued(options *o, int argc, char **argv, int *i, int *missing)
{
    const char *v;
    if ((v = cli_option_value(argc, argv, i, "--points", missing)) != NULL)
        return cli_number("robustness", "--points", v, 2, 1000000, &o->points);
    if ((v = cli_option_value(argc, argv, i, "--reps", missing)) != NULL)
        return cli_number("robustness", "--reps", v, HERD_COMPARE_MIN_REPS, 100000, &o->reps);
    if ((v = cli_option_value(argc, argv, i, "--seed", missing)) != NULL)
        return cli_seed("robustness", "--seed", v, &o->seed);
    if ((v = cli_option_value(argc, argv, i, "--threads", missing)) != NULL)
        return cli_number("robustness", "--threads", v, 0, 4096, &o->threads);
    if ((v = cli_option_value(argc, argv, i, "--top", missing)) != NULL)
        return cli_number("robustness", "--top", v, 1, 20, &o->top);
    if ((v = cli_option_value(argc, argv, i, "--facts", missing)) != NULL)
        return cli_list("robustness", "--facts", v, o->fact_list, sizeof o->fact_list, o->facts,
                        MAX_LIST, &o->n_facts);
    if ((v = cli_option_value(argc, argv, i, "--fix", missing)) != NULL)
        return cli_list("robustness", "--fix", v, o->fix_list, sizeof o->fix_list, o->fixed,
                        MAX_LIST, &o->n_fixed);
    if ((v = cli_option_value(argc, argv, i, "--set", missing)) != NULL) {
        if (o->n_sets == MAX_SETS)
            return cli_usage_error("robustness", "at most %d --set options", MAX_SETS);
        o->sets[o->n_sets++] = v;
        return 0;
    }
    return -1;
}

static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){.points = 120, .reps = 5, .seed = 1, .top = 3,
                   .progress = 1, .fixed = {"n_teams"}, .n_fixed = 1};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-progress") == 0) {
            o->progress = 0;
            continue;
        }
        int missing = 0, rc = parse_valued(o, argc, argv, &i, &missing);
        if (rc < 0 && (rc = cli_operand("robustness", argv[i], missing)) == 0)
            rc = cli_usage_error("robustness", "unexpected argument %s", argv[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int base_scenario(const options *o, herd_scenario **out)
{
    herd_scenario *s = NULL;
    if (herd_scenario_new(&s) != HERD_OK)
        return fprintf(stderr, "herd robustness: out of memory\n"), HERD_EXIT_FAIL;
    s->params.n_teams = 20;
    s->ticks = 260;
    s->seed = 1000;
    cli_overrides over = {.sets = o->sets, .n_sets = o->n_sets};
    int rc = cli_scenario_override("robustness", s, &over);
    if (rc != 0) {
        herd_scenario_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

static int pick_facts(const options *o, const herd_fact **facts, size_t *n)
{
    *n = 0;
    if (o->n_facts == 0) {
        for (size_t i = 0; i < herd_facts_count(); i++)
            facts[(*n)++] = herd_facts_get(i);
        return 0;
    }
    for (size_t i = 0; i < o->n_facts; i++) {
        facts[*n] = herd_facts_find(o->facts[i]);
        if (facts[(*n)++] == NULL) {
            char ids[256] = "";
            for (size_t k = 0; k < herd_facts_count(); k++)
                snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", k ? ", " : "",
                         herd_facts_get(k)->id);
            return cli_usage_error("robustness", "--facts: no fact '%s'; the facts are %s",
                                   o->facts[i], ids);
        }
    }
    return 0;
}

/* No --set of a parameter the study varies, whose value every point would overwrite. */
static int check_sets(const options *o, const herd_robust_settings *st)
{
    for (size_t i = 0; i < o->n_sets; i++) {
        char key[HERD_KEY_MAX], err[512] = "", fix[sizeof o->fix_list + HERD_KEY_MAX] = "";
        const char *value;
        int varied = 0;
        const herd_param_info *p = cli_split_assignment(o->sets[i], key, sizeof key, &value) == 0
                                       ? herd_scenario_key_param(key)
                                       : NULL;
        if (p == NULL)
            continue;
        if (herd_robust_varies(st, p, &varied, err, sizeof err) != HERD_OK)
            return cli_say("robustness", HERD_EXIT_USAGE, "%s", err);
        if (!varied)
            continue;
        for (size_t k = 0; k < o->n_fixed; k++)
            snprintf(fix + strlen(fix), sizeof fix - strlen(fix), "%s,", o->fixed[k]);
        return cli_usage_error("robustness", "--set %s: the study varies %s, so every point "
                               "would overwrite this value; to hold it there, add it to --fix: "
                               "--fix %s%s", o->sets[i], p->name, fix, p->name);
    }
    return 0;
}

/* The --fix names, --set only of what is held, and enough --points for the drivers'
 * regression, before anything runs. */
static int check_design(const options *o, const herd_robust_settings *st)
{
    for (size_t i = 0; i < o->n_fixed; i++)
        if (herd_params_find(o->fixed[i]) == NULL)
            return cli_usage_error("robustness", "--fix: '%s' is not a parameter (herd info "
                                   "lists them)", o->fixed[i]);
    long least = 0;
    char err[512] = "";
    if (herd_robust_min_points(st, &least, err, sizeof err) != HERD_OK)
        return cli_say("robustness", HERD_EXIT_USAGE, "%s", err);
    int rc = check_sets(o, st);
    if (rc != 0)
        return rc;
    if (o->points < least)
        return cli_usage_error("robustness", "--points %ld: expected at least %ld, more than "
                               "the %ld varied parameters + 1 (or fewer parameters varied, "
                               "with --fix)", o->points, least, least - 2);
    return 0;
}

static void print_drivers(const herd_robust *r, size_t f, size_t check, long top)
{
    size_t k = herd_robust_n_factors(r), order[HERD_DESIGN_MAX_FACTORS];
    double src[HERD_DESIGN_MAX_FACTORS], r2, share;
    char err[256] = "";
    herd_robust_share(r, f, check, (size_t)-1, 0, &share);
    if (check == HERD_ROBUST_ALL_CHECKS && (share == 0 || share == 1)) {
        printf(" — (the same at every point) | | |");
        return;
    }
    if (herd_robust_drivers(r, f, check, src, order, &r2, err, sizeof err) != HERD_OK) {
        printf(" (%s) | |%s", err, check == HERD_ROBUST_ALL_CHECKS ? " |" : "");
        return;
    }
    for (size_t i = 0; i < k && i < (size_t)top; i++)
        printf("%s`%s` %+.2f", i ? ", " : " ", herd_robust_factor(r, order[i])->name,
               src[order[i]]);
    printf(" | %.2f |", r2);
    if (check != HERD_ROBUST_ALL_CHECKS)
        return;
    double low, high;
    herd_robust_share(r, f, check, order[0], 0, &low);
    herd_robust_share(r, f, check, order[0], 1, &high);
    printf(" `%s` low half %.0f %%, high half %.0f %% |", herd_robust_factor(r, order[0])->name,
           100 * low, 100 * high);
}

static void print_table(const herd_robust *r, long top)
{
    printf("| fact | check | holds at | decided by (SRC) | R² | by half of the top driver |\n");
    printf("|---|---|---|---|---|---|\n");
    for (size_t f = 0; f < herd_robust_n_facts(r); f++) {
        const herd_fact *fact = herd_robust_fact(r, f);
        double share;
        herd_robust_share(r, f, HERD_ROBUST_ALL_CHECKS, (size_t)-1, 0, &share);
        printf("| **%s** | all %zu | **%.0f %%** |", fact->id, fact->n_checks, 100 * share);
        print_drivers(r, f, HERD_ROBUST_ALL_CHECKS, top);
        printf("\n");
        for (size_t c = 0; fact->n_checks > 1 && c < fact->n_checks; c++) {
            const herd_fact_check *ch = &fact->checks[c];
            herd_robust_share(r, f, c, (size_t)-1, 0, &share);
            printf("| | %s − %s, %s | %.0f %% |", (*ch->a)->name, (*ch->b)->name,
                   ch->measure_name, 100 * share);
            print_drivers(r, f, c, top);
            printf(" |\n");
        }
    }
}

int herd_cli_robustness(int argc, char **argv, const herd_catalog *catalog)
{
    (void)catalog; /* the facts and targets name the built-ins */
    for (int i = 1; i < argc; i++)
        if (cli_is_help(argv[i]))
            return fputs(robust_help, stdout), HERD_EXIT_OK;
    options o;
    int rc = parse_args(argc, argv, &o);
    const herd_fact *facts[MAX_LIST];
    size_t n_facts = 0;
    herd_scenario *base = NULL;
    if (rc != 0 || (rc = pick_facts(&o, facts, &n_facts)) != 0 ||
        (rc = base_scenario(&o, &base)) != 0)
        return rc;
    herd_robust_settings st;
    herd_robust_settings_default(&st);
    st.points = o.points;
    st.seed = o.seed;
    st.fixed = o.fixed;
    st.n_fixed = o.n_fixed;
    st.compare.reps = o.reps;
    st.compare.threads = (int)o.threads;
    if ((rc = check_design(&o, &st)) != 0) {
        herd_scenario_free(base);
        return rc;
    }
    cli_progress bar;
    cli_progress_start(&bar, "robustness", NULL, "points", o.progress);
    st.progress = cli_progress_show;
    st.progress_cookie = &bar;
    herd_robust *r = NULL;
    char err[1024] = "";
    herd_status st_rc = herd_robust_run(&r, base, facts, n_facts, &st, err, sizeof err);
    cli_progress_end(&bar);
    herd_scenario_free(base);
    if (st_rc != HERD_OK) {
        fprintf(stderr, "herd robustness: %s\n", err);
        return st_rc == HERD_EINVAL || st_rc == HERD_ENOTFOUND || st_rc == HERD_ERANGE
                   ? HERD_EXIT_USAGE
                   : HERD_EXIT_FAIL;
    }
    printf("herd %s robustness: %ld points x %ld paired replications, %zu parameters varied "
           "over their plausible ranges, design seed %" PRIu64 "\n\n", herd_version(), o.points,
           o.reps, herd_robust_n_factors(r), o.seed);
    print_table(r, o.top);
    herd_robust_free(r);
    return HERD_EXIT_OK;
}
