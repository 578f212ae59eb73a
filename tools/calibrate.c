/* herd calibrate: fits free parameters to field targets and reports the held-out ones
 * (include/herd/calibrate.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_progress.h"
#include "commands.h"
#include "herd/herd.h"

#define MAX_LIST 64
#define MAX_SETS 64

static const char calibrate_help[] =
    "Usage: herd calibrate --free LIST --fit LIST [OPTIONS]\n"
    "Fits the free parameters, within their plausible ranges, to the fitted field targets by\n"
    "the simulated method of moments with common random numbers (Nelder-Mead), then\n"
    "measures every target before and after on fresh seeds: the fitted ones in-sample, the\n"
    "others held out. Prints the parameters before and after and every target with its\n"
    "95% interval. The defaults are not changed.\n\n"
    "  --free LIST        comma-separated parameters to fit (herd info lists them)\n"
    "  --fit LIST         comma-separated target ids to fit (--list shows them)\n"
    "  --list             list the targets with their ranges and sources, and exit\n"
    "  --reps R           replications of every evaluation, at least 2 (default 10)\n"
    "  --report-reps R    replications of the report, at least 2 (default 30)\n"
    "  --max-evals N      evaluations of the objective, the start's included, never more:\n"
    "                     at least the free parameters + 1 (default 60); the fit is the\n"
    "                     best point evaluated, the start if none is better\n"
    "  --seed N           seed of the fit, 0 to 2^64-1 (default 20240); the report uses\n"
    "                     90210\n"
    "  --set KEY=VALUE    a parameter of the starting point (repeatable)\n"
    "  --facts R          also evaluate every stylised fact before and after, R replications\n"
    "  --threads N        runs at once (0: one per core); results do not depend on it\n"
    "  --no-progress      no progress line (shown only when stderr is a terminal)\n";

typedef struct options {
    const char *free[MAX_LIST], *fit[MAX_LIST], *sets[MAX_SETS];
    size_t n_free, n_fit, n_sets;
    long reps, report_reps, max_evals, threads, fact_reps;
    uint64_t seed;
    int progress, list;
    char free_list[2048], fit_list[2048];
} options;

static int parse_valued(options *o, int argc, char **argv, int *i, int *missing)
{
    const char *v;
    if ((v = cli_option_value(argc, argv, i, "--free", missing)) != NULL)
        return cli_list("calibrate", "--free", v, o->free_list, sizeof o->free_list, o->free,
                        MAX_LIST, &o->n_free);
    if ((v = cli_option_value(argc, argv, i, "--fit", missing)) != NULL)
        return cli_list("calibrate", "--fit", v, o->fit_list, sizeof o->fit_list, o->fit,
                        MAX_LIST, &o->n_fit);
    if ((v = cli_option_value(argc, argv, i, "--reps", missing)) != NULL)
        return cli_number("calibrate", "--reps", v, HERD_COMPARE_MIN_REPS, 100000, &o->reps);
    if ((v = cli_option_value(argc, argv, i, "--report-reps", missing)) != NULL)
        return cli_number("calibrate", "--report-reps", v, HERD_COMPARE_MIN_REPS, 100000,
                          &o->report_reps);
    if ((v = cli_option_value(argc, argv, i, "--max-evals", missing)) != NULL)
        return cli_number("calibrate", "--max-evals", v, 1, 1000000, &o->max_evals);
    if ((v = cli_option_value(argc, argv, i, "--seed", missing)) != NULL)
        return cli_seed("calibrate", "--seed", v, &o->seed);
    if ((v = cli_option_value(argc, argv, i, "--threads", missing)) != NULL)
        return cli_number("calibrate", "--threads", v, 0, 4096, &o->threads);
    if ((v = cli_option_value(argc, argv, i, "--facts", missing)) != NULL)
        return cli_number("calibrate", "--facts", v, HERD_COMPARE_MIN_REPS, 100000,
                          &o->fact_reps);
    if ((v = cli_option_value(argc, argv, i, "--set", missing)) != NULL) {
        if (o->n_sets == MAX_SETS)
            return cli_usage_error("calibrate", "at most %d --set options", MAX_SETS);
        o->sets[o->n_sets++] = v;
        return 0;
    }
    return -1;
}

static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){.reps = 10, .report_reps = 30, .max_evals = 60, .seed = 20240,
                   .progress = 1};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-progress") == 0 || strcmp(argv[i], "--list") == 0) {
            *(argv[i][2] == 'n' ? &o->progress : &o->list) = argv[i][2] != 'n';
            continue;
        }
        int missing = 0, rc = parse_valued(o, argc, argv, &i, &missing);
        if (rc < 0 && (rc = cli_operand("calibrate", argv[i], missing)) == 0)
            rc = cli_usage_error("calibrate", "unexpected argument %s", argv[i]);
        if (rc != 0)
            return rc;
    }
    if (!o->list && (o->n_free == 0 || o->n_fit == 0))
        return cli_usage_error("calibrate", "--free and --fit are both needed");
    return 0;
}

static int start_params(const options *o, herd_params *p)
{
    herd_params_default(p);
    for (size_t i = 0; i < o->n_sets; i++) {
        char key[HERD_KEY_MAX];
        const char *value;
        char *end;
        const herd_param_info *info = NULL;
        if (cli_split_assignment(o->sets[i], key, sizeof key, &value) != 0 ||
            (info = herd_params_find(key)) == NULL)
            return cli_usage_error("calibrate",
                                   "--set %s: expected PARAMETER=VALUE with a parameter's name",
                                   o->sets[i]);
        double v = strtod(value, &end);
        if (end == value || *end != '\0' || herd_params_set(p, info, v) != HERD_OK)
            return cli_usage_error("calibrate", "--set %s: %s takes a number", o->sets[i], key);
    }
    char why[512] = "";
    if (herd_params_validate(p, why, sizeof why) != HERD_OK ||
        herd_targets_check(p, NULL, NULL, why, sizeof why) != HERD_OK)
        return cli_usage_error("calibrate", "--set: %s", why);
    return 0;
}

/* Enough --max-evals for the start and the first simplex, before anything runs. */
static int check_budget(const options *o)
{
    long least = 0;
    char err[512] = "";
    if (herd_calibrate_min_evals(o->free, o->n_free, &least, err, sizeof err) != HERD_OK)
        return cli_say("calibrate", HERD_EXIT_USAGE, "%s", err);
    if (o->max_evals < least)
        return cli_usage_error("calibrate", "--max-evals %ld: expected at least %ld, the free "
                               "parameters + 1 (the start and the first simplex around it)",
                               o->max_evals, least);
    return 0;
}

static void print_targets(void)
{
    printf("| id | target | range | source |\n|---|---|---|---|\n");
    for (size_t i = 0; i < herd_targets_count(); i++) {
        const herd_target *t = herd_targets_get(i);
        printf("| `%s` | %s | %s | %s |\n", t->id, t->what, t->range, t->source);
    }
}

static const char *verdict(const herd_calibration *c, size_t i, double mean)
{
    double lo, hi;
    herd_calibration_range(c, i, &lo, &hi);
    if (lo != lo)
        return "—";
    return mean >= lo && mean <= hi ? "yes" : "**no**";
}

static void print_report(const herd_calibration *c)
{
    printf("objective %.4g before, %.4g after, %ld evaluations\n\n",
           herd_calibration_objective(c, 0), herd_calibration_objective(c, 1),
           herd_calibration_evals(c));
    printf("| parameter | before | after | plausible |\n|---|---|---|---|\n");
    for (size_t i = 0; i < herd_calibration_n_free(c); i++) {
        const herd_param_info *p = herd_calibration_free_param(c, i);
        printf("| `%s` | %.4g | %.4g | %g – %g |\n", p->name,
               herd_params_get(herd_calibration_before(c), p),
               herd_params_get(herd_calibration_after(c), p), p->low, p->high);
    }
    printf("\n| target | sample | range | before [95%% CI] | lands | after [95%% CI] | lands |\n");
    printf("|---|---|---|---|---|---|---|\n");
    for (int fitted = 1; fitted >= 0; fitted--)
        for (size_t i = 0; i < herd_targets_count(); i++) {
            if (herd_calibration_fitted(c, i) != fitted)
                continue;
            const herd_target *t = herd_targets_get(i);
            const herd_interval *b = herd_calibration_value(c, i, 0);
            const herd_interval *a = herd_calibration_value(c, i, 1);
            printf("| %s | %s | %s | %.3g [%.3g, %.3g] | %s | %.3g [%.3g, %.3g] | %s |\n",
                   t->what, fitted ? "fitted" : "held out", t->range, b->mean, b->low, b->high,
                   verdict(c, i, b->mean), a->mean, a->low, a->high, verdict(c, i, a->mean));
        }
}

/* Every built-in fact on the facts' base scenario with p. */
static int print_facts(const herd_params *p, const char *when, long reps, int threads)
{
    herd_scenario *s = NULL;
    if (herd_scenario_new(&s) != HERD_OK)
        return HERD_EXIT_FAIL;
    s->params = *p;
    s->params.n_teams = 20;
    s->ticks = 260;
    s->seed = 1000;
    herd_compare_settings cs;
    herd_compare_settings_default(&cs);
    cs.reps = reps;
    cs.threads = threads;
    printf("\nfacts %s (%ld replications, 20 teams):", when, reps);
    for (size_t i = 0; i < herd_facts_count(); i++) {
        herd_fact_result res;
        char err[1024] = "";
        const herd_fact *f = herd_facts_get(i);
        if (herd_fact_evaluate(f, s, &cs, &res, err, sizeof err) != HERD_OK) {
            fprintf(stderr, "herd calibrate: %s\n", err);
            herd_scenario_free(s);
            return HERD_EXIT_FAIL;
        }
        printf(" %s %s", f->id, res.holds ? "holds" : "**fails**");
    }
    printf("\n");
    herd_scenario_free(s);
    return HERD_EXIT_OK;
}

static int run(const options *o, const herd_params *start)
{
    herd_calibrate_target targets[MAX_LIST];
    for (size_t i = 0; i < o->n_fit; i++)
        targets[i] = (herd_calibrate_target){o->fit[i], 0, 0, 0};
    herd_calibrate_settings st;
    herd_calibrate_settings_default(&st);
    st.fit.reps = o->reps;
    st.fit.seed = o->seed;
    st.report.reps = o->report_reps;
    st.fit.compare.threads = st.report.compare.threads = (int)o->threads;
    st.max_evals = o->max_evals;
    cli_progress bar;
    cli_progress_start(&bar, "calibrate", NULL, "evaluations", o->progress);
    st.progress = cli_progress_show;
    st.progress_cookie = &bar;
    herd_calibration *c = NULL;
    char err[1024] = "";
    herd_status rc = herd_calibrate(&c, start, o->free, o->n_free, targets, o->n_fit, &st, err,
                                    sizeof err);
    cli_progress_end(&bar);
    if (rc != HERD_OK) {
        fprintf(stderr, "herd calibrate: %s\n", err);
        return rc == HERD_EINVAL || rc == HERD_ENOTFOUND ? HERD_EXIT_USAGE : HERD_EXIT_FAIL;
    }
    printf("herd %s calibrate: %zu free parameters, %zu fitted targets, fit %ld replications "
           "(seed %" PRIu64 "), report %ld replications (seed 90210)\n", herd_version(), o->n_free,
           o->n_fit, o->reps, o->seed, o->report_reps);
    print_report(c);
    int exit_rc = HERD_EXIT_OK;
    if (o->fact_reps > 0) {
        exit_rc = print_facts(herd_calibration_before(c), "before", o->fact_reps, (int)o->threads);
        if (exit_rc == HERD_EXIT_OK)
            exit_rc = print_facts(herd_calibration_after(c), "after", o->fact_reps,
                                  (int)o->threads);
    }
    herd_calibration_free(c);
    return exit_rc;
}

int herd_cli_calibrate(int argc, char **argv, const herd_catalog *catalog)
{
    (void)catalog; /* the facts and targets name the built-ins */
    for (int i = 1; i < argc; i++)
        if (cli_is_help(argv[i]))
            return fputs(calibrate_help, stdout), HERD_EXIT_OK;
    options o;
    herd_params start;
    int rc = parse_args(argc, argv, &o);
    if (rc != 0)
        return rc;
    if (o.list)
        return print_targets(), HERD_EXIT_OK;
    if ((rc = start_params(&o, &start)) != 0 || (rc = check_budget(&o)) != 0)
        return rc;
    return run(&o, &start);
}
