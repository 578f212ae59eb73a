#include "classic_cli.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli_files.h"
#include "herd/classic.h"
#include "herd/error.h"
#include "herd/rng.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, MSG = 256 };

typedef enum key_type { KEY_UINT, KEY_DOUBLE, KEY_RULES, KEY_NETWORK } key_type;

typedef struct key {
    const char *name;
    key_type type;
    size_t offset;
} key;

#define MARCH_KEY_(name, type) {#name, type, offsetof(herd_classic_march_params, name)}
static const key march_keys[] = {
    MARCH_KEY_(dimensions, KEY_UINT), MARCH_KEY_(individuals, KEY_UINT),
    MARCH_KEY_(p1, KEY_DOUBLE),       MARCH_KEY_(p1_alt, KEY_DOUBLE),
    MARCH_KEY_(alt_share, KEY_DOUBLE), MARCH_KEY_(p2, KEY_DOUBLE),
    MARCH_KEY_(p3, KEY_DOUBLE),       MARCH_KEY_(p4, KEY_DOUBLE),
    MARCH_KEY_(periods, KEY_UINT),    MARCH_KEY_(period_cap, KEY_UINT),
    MARCH_KEY_(rules, KEY_RULES),     {NULL, KEY_UINT, 0},
};

#define HP_KEY_(name, type) {#name, type, offsetof(herd_classic_hongpage_params, name)}
static const key hongpage_keys[] = {
    HP_KEY_(ring_size, KEY_UINT), HP_KEY_(value_max, KEY_DOUBLE), HP_KEY_(max_step, KEY_UINT),
    HP_KEY_(steps, KEY_UINT),     HP_KEY_(pool_size, KEY_UINT),   HP_KEY_(team_size, KEY_UINT),
    {NULL, KEY_UINT, 0},
};

#define LF_KEY_(name, type) {#name, type, offsetof(herd_classic_lazer_params, name)}
static const key lazer_keys[] = {
    LF_KEY_(bits, KEY_UINT),       LF_KEY_(interactions, KEY_UINT), LF_KEY_(exponent, KEY_DOUBLE),
    LF_KEY_(agents, KEY_UINT),     LF_KEY_(rounds, KEY_UINT),       LF_KEY_(network, KEY_NETWORK),
    LF_KEY_(degree, KEY_DOUBLE),   LF_KEY_(rewire, KEY_DOUBLE),     {NULL, KEY_UINT, 0},
};

typedef struct options {
    unsigned reps;
    uint64_t seed;
    const char *out_path;
} options;

static const options default_options = {10, 1, "-"};

static int parse_u64(const char *text, uint64_t max, uint64_t *out)
{
    if (text == NULL || *text == '\0' || *text == '-' || *text == '+')
        return -1;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *text, double *out)
{
    if (text == NULL || *text == '\0')
        return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_rules(const char *text, herd_classic_march_rules *out)
{
    if (strcmp(text, "original") == 0)
        *out = HERD_CLASSIC_MARCH_ORIGINAL;
    else if (strcmp(text, "text") == 0)
        *out = HERD_CLASSIC_MARCH_TEXT;
    else
        return -1;
    return 0;
}

static int set_key(const key *k, void *params, const char *text)
{
    char *field = (char *)params + k->offset;
    uint64_t u;
    switch (k->type) {
    case KEY_UINT:
        if (parse_u64(text, UINT32_MAX, &u) != 0)
            return -1;
        *(unsigned *)(void *)field = (unsigned)u;
        return 0;
    case KEY_DOUBLE:
        return parse_double(text, (double *)(void *)field);
    case KEY_RULES:
        return parse_rules(text, (herd_classic_march_rules *)(void *)field);
    case KEY_NETWORK:
        return herd_classic_network_find(text, (herd_classic_network *)(void *)field) == HERD_OK
                   ? 0
                   : -1;
    }
    return -1;
}

static int set_option(options *o, const char *name, const char *value)
{
    uint64_t u;
    if (strcmp(name, "reps") == 0) {
        if (parse_u64(value, UINT32_MAX, &u) != 0 || u == 0)
            return -1;
        o->reps = (unsigned)u;
    } else if (strcmp(name, "seed") == 0) {
        if (parse_u64(value, UINT64_MAX, &u) != 0)
            return -1;
        o->seed = u;
    } else {
        o->out_path = value;
    }
    return 0;
}

static int is_option(const char *name)
{
    return strcmp(name, "reps") == 0 || strcmp(name, "seed") == 0 || strcmp(name, "out") == 0;
}

/* Reads --KEY VALUE pairs from argv[2..] into the options and the model's parameters. */
/* Sets key or option name (the first len bytes of name) to value. */
static int apply_arg(const char *model_name, const key *keys, void *params, options *o,
                     const char *name, size_t len, const char *value, FILE *err)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf) {
        fprintf(err, "herd classic %s: expected --KEY VALUE or --set KEY=VALUE\n", model_name);
        return EXIT_USAGE;
    }
    memcpy(buf, name, len);
    buf[len] = '\0';
    const key *k = keys;
    while (k->name != NULL && strcmp(k->name, buf) != 0)
        k++;
    if (!is_option(buf) && k->name == NULL) {
        fprintf(err, "herd classic %s: unknown key %s (herd classic %s --help lists them)\n",
                model_name, buf, model_name);
        return EXIT_USAGE;
    }
    if (is_option(buf) ? set_option(o, buf, value) : set_key(k, params, value)) {
        fprintf(err, "herd classic %s: bad value '%s' for %s\n", model_name, value, buf);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* --set KEY=VALUE as in every other command, and --KEY VALUE or --KEY=VALUE. */
static int parse_args(int argc, char **argv, const key *keys, void *params, options *o,
                      FILE *err)
{
    int rc = EXIT_OK;
    for (int i = 2; rc == EXIT_OK && i < argc; i++) {
        const char *arg = argv[i], *text = NULL;
        int is_set = strcmp(arg, "--set") == 0 || strncmp(arg, "--set=", 6) == 0;
        if (is_set)
            text = arg[5] == '=' ? arg + 6 : i + 1 < argc ? argv[++i] : NULL;
        else if (strncmp(arg, "--", 2) == 0)
            text = arg + 2;
        if (text == NULL) {
            fprintf(err, "herd classic %s: %s\n", argv[1],
                    is_set ? "--set needs KEY=VALUE" : "expected --KEY VALUE or --set KEY=VALUE");
            return EXIT_USAGE;
        }
        const char *eq = strchr(text, '=');
        if (is_set && eq == NULL) {
            fprintf(err, "herd classic %s: --set %s: expected KEY=VALUE\n", argv[1], text);
            return EXIT_USAGE;
        }
        if (eq == NULL && i + 1 >= argc) {
            fprintf(err, "herd classic %s: --%s needs a value\n", argv[1], text);
            return EXIT_USAGE;
        }
        size_t len = eq != NULL ? (size_t)(eq - text) : strlen(text);
        rc = apply_arg(argv[1], keys, params, o, text, len, eq != NULL ? eq + 1 : argv[++i], err);
    }
    return rc;
}

/* A failure from the library: a refused parameter is a usage error, anything else is not. */
static int report(herd_status s, const char *model, const char *msg, FILE *err)
{
    fprintf(err, "herd classic %s: %s (%s)\n", model, msg[0] ? msg : herd_strerror(s),
            herd_status_name(s));
    return s == HERD_EINVAL || s == HERD_ERANGE || s == HERD_ETOOBIG ? EXIT_USAGE : EXIT_RUNTIME;
}

static void header(FILE *f)
{
    fputs("model,section,rep," HERD_IO_SEED_COLUMNS ",t,measure,value,se\n", f);
}

/* A row of replication rep, run with the seed herd_seed_derive(seed, rep). */
static void series_row(FILE *f, const char *model, unsigned rep, uint64_t seed, unsigned t,
                       const char *measure, double value)
{
    char seed_text[HERD_IO_SEED_SIZE];
    herd_io_seed(herd_seed_derive(seed, rep), seed_text);
    fprintf(f, "%s,series,%u,%s,%u,%s,", model, rep, seed_text, t, measure);
    herd_io_csv_number(f, value);
    fputs(",\n", f);
}

static void summary_row(FILE *f, const char *model, const char *t, const char *measure,
                        herd_classic_estimate e)
{
    fprintf(f, "%s,summary,,,,%s,%s,", model, t, measure);
    herd_io_csv_number(f, e.mean);
    fputc(',', f);
    if (!isnan(e.se)) /* empty with one replication, as in the series rows */
        herd_io_csv_number(f, e.se);
    fputc('\n', f);
}

/* ---- March ---- */

typedef struct march_sink {
    FILE *f;
    unsigned rep;
    uint64_t seed;
} march_sink;

static int march_period(void *ctx, const herd_classic_march_result *now)
{
    const march_sink *k = ctx;
    unsigned t = now->period;
    series_row(k->f, "march", k->rep, k->seed, t, "code_knowledge", now->code_knowledge);
    series_row(k->f, "march", k->rep, k->seed, t, "individual_knowledge",
               now->individual_knowledge);
    series_row(k->f, "march", k->rep, k->seed, t, "code_score", now->code_score);
    return 0;
}

static int run_march(const herd_classic_march_params *p, const options *o, FILE *f, FILE *err)
{
    char msg[MSG] = "";
    herd_status s = herd_classic_march_validate(p, msg, sizeof msg);
    if (s != HERD_OK)
        return report(s, "march", msg, err);
    herd_classic_march_result *res = calloc(o->reps > 0 ? o->reps : 1, sizeof *res);
    if (res == NULL)
        return report(HERD_ENOMEM, "march", "cannot allocate the results", err);
    header(f);
    for (unsigned r = 0; r < o->reps && s == HERD_OK; r++) {
        march_sink sink = {f, r, o->seed};
        s = herd_classic_march_run(p, herd_seed_derive(o->seed, r), march_period, &sink, &res[r],
                                   msg, sizeof msg);
    }
    herd_classic_march_summary sum;
    if (s == HERD_OK)
        s = herd_classic_march_summarise(p, res, o->reps, &sum, msg, sizeof msg);
    free(res);
    if (s != HERD_OK)
        return report(s, "march", msg, err);
    summary_row(f, "march", "", "code_knowledge", sum.code_knowledge);
    summary_row(f, "march", "", "individual_knowledge", sum.individual_knowledge);
    summary_row(f, "march", "", "code_score", sum.code_score);
    summary_row(f, "march", "", "periods", sum.periods);
    herd_classic_estimate cap = {(double)sum.at_cap, 0.0};
    summary_row(f, "march", "", "runs_at_cap", cap);
    return EXIT_OK;
}

/* ---- Hong and Page ---- */

static int run_hongpage(const herd_classic_hongpage_params *p, const options *o, FILE *f,
                        FILE *err)
{
    char msg[MSG] = "";
    herd_status valid = herd_classic_hongpage_validate(p, msg, sizeof msg);
    if (valid != HERD_OK)
        return report(valid, "hongpage", msg, err);
    header(f);
    herd_classic_hongpage_summary sum;
    herd_status s = herd_classic_hongpage_replicate(p, o->seed, o->reps, &sum, msg, sizeof msg);
    if (s != HERD_OK)
        return report(s, "hongpage", msg, err);
    summary_row(f, "hongpage", "", "best_team_performance", sum.best_team_performance);
    summary_row(f, "hongpage", "", "random_team_performance", sum.random_team_performance);
    summary_row(f, "hongpage", "", "best_team_diversity", sum.best_team_diversity);
    summary_row(f, "hongpage", "", "random_team_diversity", sum.random_team_diversity);
    summary_row(f, "hongpage", "", "best_agent_ability", sum.best_agent_ability);
    herd_classic_estimate wins = {sum.random_wins, 0.0};
    summary_row(f, "hongpage", "", "random_wins", wins);
    return EXIT_OK;
}

/* ---- Lazer and Friedman ---- */

static int lazer_series(const herd_classic_lazer_params *p, const options *o, double *series,
                        FILE *f, FILE *err)
{
    char msg[MSG] = "";
    for (unsigned r = 0; r < o->reps; r++) {
        herd_status s = herd_classic_lazer_run(p, herd_seed_derive(o->seed, r), series, NULL,
                                               msg, sizeof msg);
        if (s != HERD_OK)
            return report(s, "lazer", msg, err);
        for (unsigned t = 0; t <= p->rounds; t++)
            series_row(f, "lazer", r, o->seed, t, "mean_score", series[t]);
    }
    return EXIT_OK;
}

static int lazer_summary(const herd_classic_lazer_params *p, const options *o, double *mean,
                         double *se, FILE *f, FILE *err)
{
    char msg[MSG] = "";
    herd_classic_lazer_summary sum;
    herd_status s = herd_classic_lazer_replicate(p, o->seed, o->reps, mean, se, &sum, msg,
                                                 sizeof msg);
    if (s != HERD_OK)
        return report(s, "lazer", msg, err);
    for (unsigned t = 0; t <= p->rounds; t++) {
        char round[16];
        snprintf(round, sizeof round, "%u", t);
        herd_classic_estimate e = {mean[t], se[t]};
        summary_row(f, "lazer", round, "mean_score", e);
    }
    summary_row(f, "lazer", "", "final_score", sum.final_score);
    summary_row(f, "lazer", "", "rounds_to_settle", sum.rounds_to_settle);
    return EXIT_OK;
}

static int run_lazer(const herd_classic_lazer_params *p, const options *o, FILE *f, FILE *err)
{
    char msg[MSG] = "";
    herd_status s = herd_classic_lazer_validate(p, msg, sizeof msg);
    if (s != HERD_OK)
        return report(s, "lazer", msg, err);
    double *work = calloc(3 * ((size_t)p->rounds + 1), sizeof *work);
    if (work == NULL)
        return report(HERD_ENOMEM, "lazer", "cannot allocate the series", err);
    header(f);
    int rc = lazer_series(p, o, work, f, err);
    if (rc == EXIT_OK)
        rc = lazer_summary(p, o, work + p->rounds + 1, work + 2 * ((size_t)p->rounds + 1), f,
                           err);
    free(work);
    return rc;
}

/* ---- dispatch and output ---- */

typedef union model_params {
    herd_classic_march_params march;
    herd_classic_hongpage_params hongpage;
    herd_classic_lazer_params lazer;
} model_params;

typedef struct model {
    const char *name;
    const char *alias; /* another name accepted on the command line, or NULL */
    const key *keys;
    void (*defaults)(model_params *p);
    int (*run)(const model_params *p, const options *o, FILE *f, FILE *err);
} model;

static void march_defaults(model_params *p) { herd_classic_march_default(&p->march); }
static void hongpage_defaults(model_params *p) { herd_classic_hongpage_default(&p->hongpage); }
static void lazer_defaults(model_params *p) { herd_classic_lazer_default(&p->lazer); }

static int march_entry(const model_params *p, const options *o, FILE *f, FILE *err)
{
    return run_march(&p->march, o, f, err);
}
static int hongpage_entry(const model_params *p, const options *o, FILE *f, FILE *err)
{
    return run_hongpage(&p->hongpage, o, f, err);
}
static int lazer_entry(const model_params *p, const options *o, FILE *f, FILE *err)
{
    return run_lazer(&p->lazer, o, f, err);
}

static const model models[] = {
    {"march", NULL, march_keys, march_defaults, march_entry},
    {"hongpage", NULL, hongpage_keys, hongpage_defaults, hongpage_entry},
    {"lazer", "lazerfriedman", lazer_keys, lazer_defaults, lazer_entry},
};

enum { N_MODELS = sizeof models / sizeof models[0] };

static const model *find_model(const char *name)
{
    for (size_t i = 0; i < N_MODELS; i++)
        if (strcmp(name, models[i].name) == 0 ||
            (models[i].alias != NULL && strcmp(name, models[i].alias) == 0))
            return &models[i];
    return NULL;
}

static int is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static void usage(FILE *f)
{
    fputs("usage: herd classic MODEL [--set KEY=VALUE]... [--reps N] [--seed N] [--out FILE|-]\n"
          "       herd classic MODEL --help   (the model's keys and their defaults)\n"
          "models: march, hongpage, lazer (also lazerfriedman)\n",
          f);
}

/* One key's value in params, as the command line would give it. */
static void print_value(FILE *f, const key *k, const model_params *params)
{
    const char *field = (const char *)params + k->offset;
    switch (k->type) {
    case KEY_UINT:
        fprintf(f, "%u", *(const unsigned *)(const void *)field);
        break;
    case KEY_DOUBLE:
        fprintf(f, "%g", *(const double *)(const void *)field);
        break;
    case KEY_RULES:
        fputs(*(const herd_classic_march_rules *)(const void *)field == HERD_CLASSIC_MARCH_TEXT
                  ? "text"
                  : "original",
              f);
        break;
    case KEY_NETWORK:
        fputs(herd_classic_network_name(*(const herd_classic_network *)(const void *)field), f);
        break;
    }
}

static void model_usage(const model *m, FILE *f)
{
    model_params params;
    m->defaults(&params);
    fprintf(f, "usage: herd classic %s [--set KEY=VALUE]... [--reps N] [--seed N] [--out FILE|-]\n"
               "       (--KEY VALUE and --KEY=VALUE are the same as --set KEY=VALUE)\n",
            m->name);
    fputs("keys (default):\n", f);
    for (const key *k = m->keys; k->name != NULL; k++) {
        fprintf(f, "  --%-14s ", k->name);
        print_value(f, k, &params);
        fputc('\n', f);
    }
    fprintf(f, "  --%-14s %u\n  --%-14s %" PRIu64 "\n  --%-14s %s (standard output)\n", "reps",
            default_options.reps, "seed", default_options.seed, "out", default_options.out_path);
}

/* 1 if --help or -h is among the arguments. */
static int asks_help(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (is_help(argv[i]))
            return 1;
    return 0;
}

/* Through the durable writer: a failed or interrupted run never leaves a half-written file
 * under the final name, nor a temporary one. */
static int run_to_file(const model *m, const model_params *p, const options *o, FILE *err)
{
    char why[4096 + 256];
    herd_io_atomic *w;
    if (cli_file_open(&w, o->out_path, NULL, why, sizeof why) != HERD_OK) {
        fprintf(err, "herd classic %s: %s\n", m->name, why);
        return EXIT_RUNTIME;
    }
    FILE *f = herd_io_atomic_file(w);
    int rc = m->run(p, o, f, err);
    if (rc != EXIT_OK) {
        cli_file_abort(w);
        return rc;
    }
    if (cli_file_commit(w, why, sizeof why) != HERD_OK) {
        fprintf(err, "herd classic %s: %s\n", m->name, why);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

int herd_cli_classic(int argc, char **argv, FILE *out, FILE *err)
{
    if (argc < 2) {
        usage(err);
        return EXIT_USAGE;
    }
    if (is_help(argv[1])) {
        usage(out);
        return EXIT_OK;
    }
    const model *m = find_model(argv[1]);
    if (m == NULL) {
        fprintf(err, "herd classic: unknown model '%s'\n", argv[1]);
        usage(err);
        return EXIT_USAGE;
    }
    if (asks_help(argc, argv)) {
        model_usage(m, out);
        return EXIT_OK;
    }
    model_params params;
    m->defaults(&params);
    options o = default_options;
    int rc = parse_args(argc, argv, m->keys, &params, &o, err);
    if (rc != EXIT_OK)
        return rc;
    cli_files_catch_signals();
    if (strcmp(o.out_path, "-") != 0)
        return run_to_file(m, &params, &o, err);
    rc = m->run(&params, &o, out, err);
    if (rc == EXIT_OK && (fflush(out) != 0 || ferror(out))) {
        fprintf(err, "herd classic %s: cannot write the output\n", m->name);
        rc = EXIT_RUNTIME;
    }
    return rc;
}
