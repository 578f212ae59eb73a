#include "cli_args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
