#include "compare.h"

/* herd-compare ARGS is `herd compare ARGS` until the herd program dispatches compare. */
int main(int argc, char **argv)
{
    return herd_cli_compare(argc, argv);
}
