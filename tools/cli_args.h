#ifndef HERD_TOOLS_CLI_ARGS_H
#define HERD_TOOLS_CLI_ARGS_H

/* Options, numbers and usage errors of every subcommand. cmd is the subcommand as the user
 * typed it after the program's name ("run", "classic march"; "march" after herd-classic).
 * Not installed. */
#include <stddef.h>
#include <stdint.h>

/* Whether arg asks for help: "--help" or "-h". */
int cli_is_help(const char *arg);
/* "--name VALUE" or "--name=VALUE": the value, or NULL if argv[*i] is another option.
 * *missing is set when the option comes without a value. */
const char *cli_option_value(int argc, char **argv, int *i, const char *name, int *missing);
/* What no option took: HERD_EXIT_USAGE after a usage error for an option without its value
 * (missing set) or an unknown option; 0 for an operand (a file name, or "-"). */
int cli_operand(const char *cmd, const char *arg, int missing);

/* The program's name in messages: "herd" unless set (herd-classic sets the name it was
 * invoked by). */
void cli_set_program(const char *name);

/* Says "herd CMD: MESSAGE" on stderr; returns status. */
int cli_say(const char *cmd, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Says "herd CMD: MESSAGE" and "Try 'herd CMD --help'." on stderr; returns HERD_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A whole number in [lo, hi]: 0 with *out set, or -1. */
int cli_parse_long(const char *text, long lo, long hi, long *out);
/* The value text of option opt as a whole number in [lo, hi]: 0 with *out set, or a usage
 * error that names the option, the text and the range. */
int cli_number(const char *cmd, const char *opt, const char *text, long lo, long hi,
               long *out);
/* The same for an int. */
int cli_int(const char *cmd, const char *opt, const char *text, int lo, int hi, int *out);
/* The value text of option opt as a seed, read as every seed is (herd_seed_parse: 0 to
 * 2^64-1): 0 with *out set, or a usage error that names the option and the text. */
int cli_seed(const char *cmd, const char *opt, const char *text, uint64_t *out);

/* Splits a comma-separated list in place into items[0..*n), at most max: 0, or -1 if there
 * are more or an item is empty. */
int cli_split_list(char *text, const char **items, size_t max, size_t *n);
/* The value text of option opt copied into buf (size bytes) and split there as
 * cli_split_list does: 0, or a usage error, for a name given twice too. */
int cli_list(const char *cmd, const char *opt, const char *text, char *buf, size_t size,
             const char **items, size_t max, size_t *n);
/* "KEY=VALUE" into key (at most key_size - 1 characters) and *value, which points into text:
 * 0, or -1 if there is no '=' or the key is empty or too long. */
int cli_split_assignment(const char *text, char *key, size_t key_size, const char **value);

#endif
