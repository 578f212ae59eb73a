/* Prints the parameter table of docs/MODEL.md from herd_params_info(), so the documentation
 * is generated from the one table the library itself is built from. */
#include <stdio.h>

#include "herd/params.h"

static void print_number(const herd_param_info *info, double value)
{
    if (info->kind == HERD_PARAM_INT)
        printf("%.0f", value);
    else
        printf("%g", value);
}

static void print_row(const herd_param_info *info)
{
    printf("| `%s` | ", info->name);
    print_number(info, info->def);
    printf(" | ");
    print_number(info, info->min);
    printf(" – ");
    print_number(info, info->max);
    printf(" | ");
    print_number(info, info->low);
    printf(" – ");
    print_number(info, info->high);
    printf(" | %s | %s |\n", info->unit, info->doc);
}

int main(void)
{
    printf("| parameter | default | range | plausible | unit | meaning |\n");
    printf("|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < herd_params_count(); i++)
        print_row(herd_params_info(i));
    return 0;
}
