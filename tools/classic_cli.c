#include "commands.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_files.h"
#include "herd/classic.h"
#include "herd/error.h"
#include "herd/rng.h"

enum { MSG = 256 };

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
    const char *cmd; /* the command as messages name it after the program: "classic march" */
} options;

static const options default_options = {10, 1, "-", NULL};

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
        if (herd_seed_parse(value, &o->seed, NULL, 0) != HERD_OK)
            return -1;
    } else {
        o->out_path = value;
    }
    return 0;
}

static int is_option(const char *name)
{
    return strcmp(name, "reps") == 0 || strcmp(name, "seed") == 0 || strcmp(name, "out") == 0;
}

/* Sets key or option name to value. */
static int apply_arg(const char *cmd, const key *keys, void *params, options *o,
                     const char *name, const char *value)
{
    const key *k = keys;
    while (k->name != NULL && strcmp(k->name, name) != 0)
        k++;
    if (!is_option(name) && k->name == NULL)
        return cli_usage_error(cmd, "unknown key %s", name);
    if (is_option(name) ? set_option(o, name, value) : set_key(k, params, value))
        return cli_usage_error(cmd, "bad value '%s' for %s", value, name);
    return HERD_EXIT_OK;
}

/* "--KEY VALUE" or "--KEY=VALUE" at argv[*i] into name and *value. */
static int split_alias(const char *cmd, int argc, char **argv, int *i, char *name,
                       size_t size, const char **value)
{
    const char *arg = argv[*i];
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0' || arg[2] == '=')
        return cli_usage_error(cmd, "unexpected argument %s: expected --set KEY=VALUE", arg);
    const char *eq = strchr(arg + 2, '=');
    size_t len = eq != NULL ? (size_t)(eq - arg - 2) : strlen(arg + 2);
    if (len >= size)
        return cli_usage_error(cmd, "unknown key %s", arg + 2);
    memcpy(name, arg + 2, len);
    name[len] = '\0';
    if (eq == NULL && *i + 1 >= argc)
        return cli_usage_error(cmd, "option %s needs a value", arg);
    *value = eq != NULL ? eq + 1 : argv[++*i];
    return HERD_EXIT_OK;
}

/* --set KEY=VALUE as in every other command, and --KEY VALUE or --KEY=VALUE. */
static int parse_args(const char *cmd, int argc, char **argv, const key *keys, void *params,
                      options *o)
{
    int rc = HERD_EXIT_OK;
    for (int i = 2; rc == HERD_EXIT_OK && i < argc; i++) {
        char name[64];
        const char *value = NULL, *text;
        int missing = 0;
        if ((text = cli_option_value(argc, argv, &i, "--set", &missing)) != NULL) {
            if (cli_split_assignment(text, name, sizeof name, &value) != 0)
                return cli_usage_error(cmd, "--set %s: expected KEY=VALUE", text);
        } else if (missing) {
            return cli_operand(cmd, argv[i], missing);
        } else if ((rc = split_alias(cmd, argc, argv, &i, name, sizeof name, &value)) != 0) {
            return rc;
        }
        rc = apply_arg(cmd, keys, params, o, name, value);
    }
    return rc;
}

/* A failure from the library: a refused parameter is a usage error, anything else is not. */
static int report(const options *o, herd_status s, const char *msg)
{
    int usage = s == HERD_EINVAL || s == HERD_ERANGE || s == HERD_ETOOBIG;
    return cli_say(o->cmd, usage ? HERD_EXIT_USAGE : HERD_EXIT_FAIL, "%s (%s)",
                   msg[0] ? msg : herd_strerror(s), herd_status_name(s));
}

static void header(FILE *f)
{
    fputs("model,section,rep," HERD_IO_SEED_COLUMNS ",t,measure,value,se\n", f);
}

/* The series rows of one replication: rep, run with the seed herd_seed_derive(seed, rep). Its
 * columns up to the period are the same in every row, so they are made once. */
typedef struct series_rows {
    FILE *f;
    char prefix[128]; /* "model,series,rep,seed_hi,seed_lo," */
    size_t prefix_len;
} series_rows;

static void series_begin(series_rows *s, FILE *f, const char *model, unsigned rep,
                         uint64_t seed)
{
    char seed_text[HERD_IO_SEED_SIZE];
    herd_io_seed(herd_seed_derive(seed, rep), seed_text);
    int n = snprintf(s->prefix, sizeof s->prefix, "%s,series,%u,%s,", model, rep, seed_text);
    s->f = f;
    s->prefix_len = n > 0 && (size_t)n < sizeof s->prefix ? (size_t)n : 0;
}

/* The decimal digits of v at out; returns how many. */
static size_t put_unsigned(char *out, unsigned v)
{
    char digits[16];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        out[i] = digits[n - 1 - i];
    return n;
}

/* One row, assembled and written at once. measure is one of this file's short names. */
static void series_row(const series_rows *s, unsigned t, const char *measure, double value)
{
    char line[sizeof s->prefix + 16 + 32 + HERD_IO_NUMBER_SIZE + 2];
    size_t len = s->prefix_len, m = strlen(measure);
    memcpy(line, s->prefix, len);
    len += put_unsigned(line + len, t);
    line[len++] = ',';
    memcpy(line + len, measure, m < 32 ? m : 32);
    len += m < 32 ? m : 32;
    line[len++] = ',';
    len += (size_t)herd_io_number(value, line + len);
    line[len++] = ',';
    line[len++] = '\n';
    fwrite(line, 1, len, s->f);
}

static void summary_row(FILE *f, const char *model, const char *t, const char *measure,
                        herd_classic_estimate e)
{
    fprintf(f, "%s,summary,,,,%s,%s,", model, t, measure);
    herd_io_csv_number(f, e.mean);
    fputc(',', f);
    if (!isnan(e.se)) /* empty where there is none, as in the series rows */
        herd_io_csv_number(f, e.se);
    fputc('\n', f);
}

/* ---- March ---- */

static int march_period(void *ctx, const herd_classic_march_result *now)
{
    const series_rows *rows = ctx;
    unsigned t = now->period;
    series_row(rows, t, "code_knowledge", now->code_knowledge);
    series_row(rows, t, "individual_knowledge", now->individual_knowledge);
    series_row(rows, t, "code_score", now->code_score);
    return 0;
}

static int run_march(const herd_classic_march_params *p, const options *o, FILE *f)
{
    char msg[MSG] = "";
    herd_status s = herd_classic_march_validate(p, msg, sizeof msg);
    if (s != HERD_OK)
        return report(o, s, msg);
    herd_classic_march_result *res = calloc(o->reps > 0 ? o->reps : 1, sizeof *res);
    if (res == NULL)
        return report(o, HERD_ENOMEM, "cannot allocate the results");
    header(f);
    for (unsigned r = 0; r < o->reps && s == HERD_OK; r++) {
        series_rows rows;
        series_begin(&rows, f, "march", r, o->seed);
        s = herd_classic_march_run(p, herd_seed_derive(o->seed, r), march_period, &rows, &res[r],
                                   msg, sizeof msg);
    }
    herd_classic_march_summary sum;
    if (s == HERD_OK)
        s = herd_classic_march_summarise(p, res, o->reps, &sum, msg, sizeof msg);
    free(res);
    if (s != HERD_OK)
        return report(o, s, msg);
    summary_row(f, "march", "", "code_knowledge", sum.code_knowledge);
    summary_row(f, "march", "", "individual_knowledge", sum.individual_knowledge);
    summary_row(f, "march", "", "code_score", sum.code_score);
    summary_row(f, "march", "", "periods", sum.periods);
    herd_classic_estimate cap = {(double)sum.at_cap, NAN};
    summary_row(f, "march", "", "runs_at_cap", cap);
    return HERD_EXIT_OK;
}

/* ---- Hong and Page ---- */

static int run_hongpage(const herd_classic_hongpage_params *p, const options *o, FILE *f)
{
    char msg[MSG] = "";
    herd_status valid = herd_classic_hongpage_validate(p, msg, sizeof msg);
    if (valid != HERD_OK)
        return report(o, valid, msg);
    header(f);
    herd_classic_hongpage_summary sum;
    herd_status s = herd_classic_hongpage_replicate(p, o->seed, o->reps, &sum, msg, sizeof msg);
    if (s != HERD_OK)
        return report(o, s, msg);
    summary_row(f, "hongpage", "", "best_team_performance", sum.best_team_performance);
    summary_row(f, "hongpage", "", "random_team_performance", sum.random_team_performance);
    summary_row(f, "hongpage", "", "best_team_diversity", sum.best_team_diversity);
    summary_row(f, "hongpage", "", "random_team_diversity", sum.random_team_diversity);
    summary_row(f, "hongpage", "", "best_agent_ability", sum.best_agent_ability);
    herd_classic_estimate wins = {sum.random_wins, NAN};
    summary_row(f, "hongpage", "", "random_wins", wins);
    return HERD_EXIT_OK;
}

/* ---- Lazer and Friedman ---- */

/* Runs every replication once, writing its series, and keeps the series for the summary. */
static int lazer_series(const herd_classic_lazer_params *p, const options *o, double *series,
                        unsigned *settled, FILE *f)
{
    char msg[MSG] = "";
    size_t len = (size_t)p->rounds + 1;
    for (unsigned r = 0; r < o->reps; r++) {
        double *run = series + r * len;
        herd_status s = herd_classic_lazer_run(p, herd_seed_derive(o->seed, r), run, &settled[r],
                                               msg, sizeof msg);
        if (s != HERD_OK)
            return report(o, s, msg);
        series_rows rows;
        series_begin(&rows, f, "lazer", r, o->seed);
        for (unsigned t = 0; t <= p->rounds; t++)
            series_row(&rows, t, "mean_score", run[t]);
    }
    return HERD_EXIT_OK;
}

static int lazer_summary(const herd_classic_lazer_params *p, const options *o,
                         const double *series, const unsigned *settled, double *mean,
                         double *se, FILE *f)
{
    char msg[MSG] = "";
    herd_classic_lazer_summary sum;
    herd_status s = herd_classic_lazer_summarise(p, series, settled, o->reps, mean, se, &sum,
                                                 msg, sizeof msg);
    if (s != HERD_OK)
        return report(o, s, msg);
    for (unsigned t = 0; t <= p->rounds; t++) {
        char round[16];
        snprintf(round, sizeof round, "%u", t);
        herd_classic_estimate e = {mean[t], se[t]};
        summary_row(f, "lazer", round, "mean_score", e);
    }
    summary_row(f, "lazer", "", "final_score", sum.final_score);
    summary_row(f, "lazer", "", "rounds_to_settle", sum.rounds_to_settle);
    return HERD_EXIT_OK;
}

static int run_lazer(const herd_classic_lazer_params *p, const options *o, FILE *f)
{
    char msg[MSG] = "";
    herd_status s = herd_classic_lazer_validate(p, msg, sizeof msg);
    if (s != HERD_OK)
        return report(o, s, msg);
    size_t len = (size_t)p->rounds + 1;
    /* every replication's series, then the mean and se by round */
    if (o->reps > SIZE_MAX / sizeof(double) / len - 2) {
        snprintf(msg, sizeof msg, "replications (%u) of %u rounds are too many to keep",
                 o->reps, p->rounds);
        return report(o, HERD_ETOOBIG, msg);
    }
    double *work = calloc(((size_t)o->reps + 2) * len, sizeof *work);
    unsigned *settled = calloc(o->reps, sizeof *settled);
    int rc = HERD_EXIT_OK;
    if (work == NULL || settled == NULL) {
        rc = report(o, HERD_ENOMEM, "cannot allocate the series");
    } else {
        header(f);
        rc = lazer_series(p, o, work, settled, f);
    }
    if (rc == HERD_EXIT_OK) {
        double *mean = work + (size_t)o->reps * len;
        rc = lazer_summary(p, o, work, settled, mean, mean + len, f);
    }
    free(work);
    free(settled);
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
    int (*run)(const model_params *p, const options *o, FILE *f);
} model;

static void march_defaults(model_params *p) { herd_classic_march_default(&p->march); }
static void hongpage_defaults(model_params *p) { herd_classic_hongpage_default(&p->hongpage); }
static void lazer_defaults(model_params *p) { herd_classic_lazer_default(&p->lazer); }

static int march_entry(const model_params *p, const options *o, FILE *f)
{
    return run_march(&p->march, o, f);
}
static int hongpage_entry(const model_params *p, const options *o, FILE *f)
{
    return run_hongpage(&p->hongpage, o, f);
}
static int lazer_entry(const model_params *p, const options *o, FILE *f)
{
    return run_lazer(&p->lazer, o, f);
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

/* name: the command as usage and messages call it, "herd classic" or "herd-classic". */
static void usage(const char *name, FILE *f)
{
    fprintf(f,
            "usage: %s MODEL [--set KEY=VALUE]... [--reps N] [--seed N] [--out FILE|-]\n"
            "       %s MODEL --help   (the model's keys and their defaults)\n"
            "models: march, hongpage, lazer (also lazerfriedman)\n",
            name, name);
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

static void model_usage(const char *name, const model *m, FILE *f)
{
    model_params params;
    m->defaults(&params);
    fprintf(f, "usage: %s %s [--set KEY=VALUE]... [--reps N] [--seed N] [--out FILE|-]\n"
               "       (--KEY VALUE and --KEY=VALUE are the same as --set KEY=VALUE)\n",
            name, m->name);
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
        if (cli_is_help(argv[i]))
            return 1;
    return 0;
}

/* To standard output or through the durable writer: a failed or interrupted run never leaves
 * a half-written file under the final name, nor a temporary one. */
static int run_to_output(const char *cmd, const model *m, const model_params *p,
                         const options *o)
{
    char why[4096 + 256];
    cli_output out;
    if (cli_output_open(&out, o->out_path, why, sizeof why) != HERD_OK)
        return cli_say(cmd, HERD_EXIT_FAIL, "%s", why);
    int rc = m->run(p, o, out.f);
    if (cli_output_close(&out, rc == HERD_EXIT_OK, why, sizeof why) != HERD_OK)
        return cli_say(cmd, HERD_EXIT_FAIL, "%s", why);
    return rc;
}

/* name as for usage; sub: what comes between the program's name and the model in cli_say's
 * messages, "classic " under herd and nothing in herd-classic. */
static int classic(const char *name, const char *sub, int argc, char **argv)
{
    if (argc < 2) {
        usage(name, stderr);
        return HERD_EXIT_USAGE;
    }
    if (cli_is_help(argv[1])) {
        usage(name, stdout);
        return HERD_EXIT_OK;
    }
    const model *m = find_model(argv[1]);
    if (m == NULL) {
        fprintf(stderr, "%s: unknown model '%s'\n", name, argv[1]);
        usage(name, stderr);
        return HERD_EXIT_USAGE;
    }
    if (asks_help(argc, argv)) {
        model_usage(name, m, stdout);
        return HERD_EXIT_OK;
    }
    model_params params;
    m->defaults(&params);
    options o = default_options;
    char cmd[64];
    snprintf(cmd, sizeof cmd, "%s%s", sub, m->name);
    o.cmd = cmd;
    int rc = parse_args(cmd, argc, argv, m->keys, &params, &o);
    if (rc != HERD_EXIT_OK)
        return rc;
    cli_files_catch_signals();
    return run_to_output(cmd, m, &params, &o);
}

int herd_cli_classic(int argc, char **argv, const herd_catalog *catalog)
{
    (void)catalog; /* the classic models take no policies */
    return classic("herd classic", "classic ", argc, argv);
}

int herd_cli_classic_alone(int argc, char **argv)
{
    const char *name = argc > 0 && argv[0] != NULL && argv[0][0] != '\0' ? argv[0] : NULL;
    const char *slash = name != NULL ? strrchr(name, '/') : NULL;
    if (slash != NULL)
        name = slash + 1;
    if (name == NULL || name[0] == '\0')
        name = "herd-classic";
    cli_set_program(name);
    return classic(name, "", argc, argv);
}
