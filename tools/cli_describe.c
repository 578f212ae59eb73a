/* Canonical descriptions of scenarios (tools/cli_describe.h). Numbers are written with 17
 * significant digits, which give a double back exactly; team ranges and events as the
 * scenario holds them, a count of 0 still meaning "every team from first on", since the
 * number of teams may itself be varied. */
#include "cli_describe.h"

#include <inttypes.h>
#include <string.h>

static const char *policy_name(const herd_policy_type *type)
{
    return type != NULL && type->name != NULL ? type->name : "none";
}

static void describe_policies(FILE *f, const herd_scenario *s)
{
    fprintf(f, "policy %s\n", policy_name(s->policy));
    for (size_t i = 0; i < s->n_team_policies; i++) {
        const herd_team_policy *tp = &s->team_policies[i];
        fprintf(f, "team policy %zu first %ld count %ld policy %s\n", i, tp->first, tp->count,
                policy_name(tp->policy));
    }
}

static void describe_events(FILE *f, const herd_scenario *s)
{
    fprintf(f, "events %zu\n", s->n_events);
    for (size_t i = 0; i < s->n_events; i++) {
        const herd_event *e = &s->events[i];
        fprintf(f, "event %zu kind %s start %ld length %ld intensity %.17g first %ld count %ld\n",
                i, herd_event_kind_name(e->kind), e->start, e->length, e->intensity,
                e->team_first, e->team_count);
    }
}

void cli_describe_scenario(FILE *f, const herd_scenario *s, int with_policies)
{
    fprintf(f, "ticks %ld\nseed %" PRIu64 "\nreps %ld\n", s->ticks, s->seed, s->reps);
    for (size_t i = 0; herd_params_info(i) != NULL; i++)
        fprintf(f, "param %s %.17g\n", herd_params_info(i)->name,
                herd_params_get(&s->params, herd_params_info(i)));
    if (with_policies)
        describe_policies(f, s);
    describe_events(f, s);
}

static void copy_line(const char *text, char *out, size_t size)
{
    if (size == 0)
        return;
    if (*text == '\0') {
        snprintf(out, size, "nothing");
        return;
    }
    size_t n = strcspn(text, "\n");
    snprintf(out, size, "%.*s", n < size ? (int)n : (int)size - 1, text);
}

int cli_describe_difference(const char *a, const char *b, char *line_a, char *line_b,
                            size_t size)
{
    size_t line = 0, at = 0;
    while (a[at] != '\0' && a[at] == b[at]) {
        if (a[at] == '\n')
            line = at + 1;
        at++;
    }
    if (a[at] == b[at])
        return 0;
    copy_line(a + line, line_a, size);
    copy_line(b + line, line_b, size);
    return 1;
}
