/* Prints a table of outputs as Markdown from the library's own tables (include/herd/
 * metrics.h): "record" for the fields of each tick's record, "summary" for the run metrics.
 * docs/MODEL.md, docs/COMPARE.md and docs/SWEEPS.md hold its output between markers, and
 * tests/docs_table.sh fails when they drift. */
#include <stdio.h>
#include <string.h>

#include "herd/metrics.h"

static const char *better(int b)
{
    return b > 0 ? "higher" : b < 0 ? "lower" : "—";
}

static void print_table(const herd_output_info *(*info)(size_t), size_t n, const char *what)
{
    printf("| %s | unit | better | meaning |\n|---|---|---|---|\n", what);
    for (size_t i = 0; i < n; i++) {
        const herd_output_info *o = info(i);
        printf("| `%s` | %s | %s | %s |\n", o->name, o->unit, better(o->better), o->doc);
    }
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "record") == 0) {
        print_table(herd_record_info, herd_record_info_count(), "field");
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "summary") == 0) {
        print_table(herd_summary_info, herd_summary_info_count(), "metric");
        return 0;
    }
    fputs("usage: herd-output-table record|summary\n", stderr);
    return 2;
}
