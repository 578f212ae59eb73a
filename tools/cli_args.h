#ifndef HERD_TOOLS_CLI_ARGS_H
#define HERD_TOOLS_CLI_ARGS_H

/* Option parsing shared by the subcommands. Not installed. */
#include <stddef.h>

/* "--name VALUE" or "--name=VALUE": the value, or NULL if argv[*i] is another option.
 * *missing is set when the option comes without a value. */
const char *cli_option_value(int argc, char **argv, int *i, const char *name, int *missing);
/* A whole number in [lo, hi]: 0 with *out set, or -1. */
int cli_parse_long(const char *text, long lo, long hi, long *out);
/* Splits a comma-separated list in place into items[0..*n), at most max: 0, or -1 if there
 * are more or an item is empty. */
int cli_split_list(char *text, const char **items, size_t max, size_t *n);
/* "KEY=VALUE" into key (at most key_size - 1 characters) and *value, which points into text:
 * 0, or -1 if there is no '=' or the key is empty or too long. */
int cli_split_assignment(const char *text, char *key, size_t key_size, const char **value);

#endif
