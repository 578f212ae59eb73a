#include <stddef.h>

#include "commands.h"

int main(int argc, char **argv)
{
    /* herd-classic MODEL ... is `herd classic MODEL ...`: argv[0] stands for "classic". */
    return herd_cli_classic(argc, argv, NULL);
}
