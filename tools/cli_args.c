/* Reading the options of a subcommand. */
#include <string.h>

#include "cli.h"

/* "--name VALUE" or "--name=VALUE": the value, or NULL if argv[*i] is another option.
 * *missing is set when the option comes without a value. */
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
