#ifndef HERD_LIB_SCENARIO_INTERNAL_H
#define HERD_LIB_SCENARIO_INTERNAL_H

/* A scenario as the library allocates it: the public struct first, then where each value
 * came from, so that a late check (an event after the run, a team range past the
 * organisation) can still point at the line that caused it. Not installed. */
#include <stdarg.h>

#include "herd/scenario.h"

typedef enum scn_kind { SCN_NONE, SCN_RUN, SCN_PARAMS, SCN_EVENT, SCN_POLICY } scn_kind;

enum { SCN_MAX_KEYS = 8 };

/* One [event.NAME] or [policy.NAME] section. */
typedef struct scn_section {
    char *label;
    int line;                   /* of the header; 0 if not from a file */
    int key_line[SCN_MAX_KEYS]; /* of each key; 0 if defaulted or set by a program */
    unsigned set_mask;          /* keys given, by slot */
} scn_section;

typedef struct scn_full {
    herd_scenario pub; /* first, so that a herd_scenario * is the scn_full * */
    char *name;        /* file name for messages; NULL if none */
    int *param_line;   /* herd_params_count() entries */
    int run_line[SCN_MAX_KEYS];
    scn_section *event_x; /* parallel to pub.events */
    size_t cap_events;
    scn_section *policy_x; /* parallel to pub.team_policies */
    size_t cap_policies;
} scn_full;

static inline scn_full *scn_of(herd_scenario *s)
{
    return (scn_full *)s;
}

static inline const scn_full *scn_const(const herd_scenario *s)
{
    return (const scn_full *)s;
}

/* Sets key = value in section (kind, index). A positive line records where it came from and
 * refuses a key already given; line 0 overrides silently. On failure msg holds what is wrong
 * (without the location) and *label the key's name as messages print it. */
int scn_set_key(scn_full *s, scn_kind kind, size_t index, const char *key, const char *value,
                int line, char *msg, size_t msg_size);
/* The section NAME of [event.NAME] (kind SCN_EVENT) or [policy.NAME], made if missing;
 * HERD_EPARSE if NAME is not a label (letters, digits, '_', '-'). */
int scn_section_get(scn_full *s, scn_kind kind, const char *label, size_t *index);
/* Index of a section if it exists, else -1. */
long scn_section_find(const scn_full *s, scn_kind kind, const char *label);
/* Kind of a fixed section name ("run", "organisation", "model"), SCN_NONE otherwise. */
scn_kind scn_fixed_section(const char *name);

/* "FILE:LINE: key: message" (FILE and LINE left out when unknown) into err. */
void scn_say(const scn_full *s, char *err, size_t err_size, int line, const char *key,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void scn_vsay(const scn_full *s, char *err, size_t err_size, int line, const char *key,
              const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Makes an empty scenario with defaults; NULL if out of memory. */
scn_full *scn_new(void);
int scn_set_name(scn_full *s, const char *name);

#endif
