#include "commands.h"

int main(int argc, char **argv)
{
    return herd_cli_classic_alone(argc, argv);
}
