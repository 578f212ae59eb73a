#include "cli_args.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "herd/rng.h"

static const char *program = "herd";

void cli_set_program(const char *name)
{
    program = name;
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

const char *cli_option_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, n) != 0 || (arg[n] != '\0' && arg[n] != '='))
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

int cli_operand(const char *cmd, const char *arg, int missing)
{
    if (missing)
        return cli_usage_error(cmd, "option %s needs a value", arg);
    if (arg[0] == '-' && arg[1] != '\0')
        return cli_usage_error(cmd, "unknown option %s", arg);
    return 0;
}

int cli_say(const char *cmd, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s %s: ", program, cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return status;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s %s: ", program, cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry '%s %s --help'.\n", program, cmd);
    va_end(ap);
    return HERD_EXIT_USAGE;
}

int cli_parse_long(const char *text, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int cli_number(const char *cmd, const char *opt, const char *text, long lo, long hi,
               long *out)
{
    if (cli_parse_long(text, lo, hi, out) != 0)
        return cli_usage_error(cmd, "%s %s: expected a whole number from %ld to %ld", opt, text,
                               lo, hi);
    return 0;
}

int cli_int(const char *cmd, const char *opt, const char *text, int lo, int hi, int *out)
{
    long v = 0;
    int rc = cli_number(cmd, opt, text, lo, hi, &v);
    if (rc == 0)
        *out = (int)v;
    return rc;
}

int cli_seed(const char *cmd, const char *opt, const char *text, uint64_t *out)
{
    char why[256] = "";
    if (herd_seed_parse(text, out, why, sizeof why) != HERD_OK)
        return cli_usage_error(cmd, "%s %s: %s", opt, text, why);
    return 0;
}

int cli_split_list(char *text, const char **items, size_t max, size_t *n)
{
    *n = 0;
    for (char *item = text; item != NULL;) {
        char *comma = strchr(item, ',');
        if (comma != NULL)
            *comma = '\0';
        if (*item == '\0' || *n == max)
            return -1;
        items[(*n)++] = item;
        item = comma != NULL ? comma + 1 : NULL;
    }
    return 0;
}

int cli_list(const char *cmd, const char *opt, const char *text, char *buf, size_t size,
             const char **items, size_t max, size_t *n)
{
    if (strlen(text) >= size)
        return cli_usage_error(cmd, "%s: a list of at most %zu characters", opt, size - 1);
    memcpy(buf, text, strlen(text) + 1);
    if (cli_split_list(buf, items, max, n) != 0)
        return cli_usage_error(cmd, "%s %s: expected a comma-separated list of at most %zu "
                               "names, none empty", opt, text, max);
    for (size_t i = 1; i < *n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(items[i], items[j]) == 0)
                return cli_usage_error(cmd, "%s %s: '%s' given twice", opt, text, items[i]);
    return 0;
}

int cli_split_assignment(const char *text, char *key, size_t key_size, const char **value)
{
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text || (size_t)(eq - text) >= key_size)
        return -1;
    memcpy(key, text, (size_t)(eq - text));
    key[eq - text] = '\0';
    *value = eq + 1;
    return 0;
}
