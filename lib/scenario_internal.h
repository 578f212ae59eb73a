#ifndef HERD_LIB_SCENARIO_INTERNAL_H
#define HERD_LIB_SCENARIO_INTERNAL_H

/* A scenario as the library allocates it: the public struct first, then where each value
 * came from, so that a late check (an event after the run, a team range past the
 * organisation) can still point at the line that caused it. Not installed. */
#include <stdarg.h>

#include "alloc.h"
#include "herd/scenario.h"

typedef enum scn_kind { SCN_NONE, SCN_RUN, SCN_PARAMS, SCN_EVENT, SCN_POLICY, SCN_STYLE } scn_kind;

/* SCN_STYLE_KEYS: at least the rows of herd_style_key_info (lib/style.c checks). */
enum { SCN_MAX_KEYS = 8, SCN_STYLE_KEYS = 80 };

/* One [event.NAME] or [policy.NAME] section. */
typedef struct scn_section {
    char *label;
    int line;                   /* of the header; 0 if not from a file */
    int key_line[SCN_MAX_KEYS]; /* of each key; 0 if defaulted or set by a program */
    unsigned set_mask;          /* keys given, by slot */
} scn_section;

/* One [style.NAME] section: the keys it gives, and the style they resolve to. Each is
 * allocated on its own, so that its type keeps its address while the list grows. */
typedef struct scn_style {
    char *name;
    int line;                       /* of the header; 0 if made by a program */
    int declared;                   /* 0 while only used, before its section */
    int ref_line;                   /* where an undeclared name was first used */
    char ref_key[96];               /* and by which key */
    char *base;                     /* NULL: herd_style_default */
    int base_line;
    int key_line[SCN_STYLE_KEYS];   /* by row of herd_style_key_info */
    unsigned char given[SCN_STYLE_KEYS];
    herd_style own;                 /* the values of the keys given */
    herd_style style;               /* the base's style, then the keys given */
    herd_policy_type type;
    int visiting;                   /* while its base chain is resolved */
} scn_style;

typedef struct scn_full {
    herd_scenario pub; /* first, so that a herd_scenario * is the scn_full * */
    herd_allocator a;  /* of everything the scenario owns, and of its copies */
    char *name;        /* file name for messages; NULL if none */
    int *param_line;   /* herd_params_count() entries */
    int run_line[SCN_MAX_KEYS];
    scn_section *event_x; /* parallel to pub.events */
    size_t cap_events;
    scn_section *policy_x; /* parallel to pub.team_policies */
    size_t cap_policies;
    const herd_catalog *catalog; /* NULL: the built-ins */
    scn_style **styles;
    size_t n_styles, cap_styles;
    int line_now; /* of the key being set; 0 when a program sets it */
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
/* 1 if name is a key of [run]. */
int scn_is_run_key(const char *name);
/* 1 if label is a section label: letters, digits, '_' and '-'. */
int scn_label_ok(const char *label);
/* Levenshtein distance, for "did you mean"; 64 when b is too long to tell. */
size_t scn_edit_distance(const char *a, const char *b);
/* "unknown policy ...; the policies are ..." naming the catalogue's and the styles. */
int scn_unknown_policy(const scn_full *s, const char *name, char *msg, size_t n);
/* Kind of a fixed section name ("run", "organisation", "model"), SCN_NONE otherwise. */
scn_kind scn_fixed_section(const char *name);

/* Values as a file writes them; messages describe the value, without where or which key. */
int scn_parse_real(const char *value, double *out, char *msg, size_t n);
int scn_parse_whole(const char *value, double *out, char *msg, size_t n);

/* Styles (scenario_style.c). The style named name, or NULL. */
scn_style *scn_style_find(const scn_full *s, const char *name);
/* The style name, made (undeclared) if missing; HERD_EPARSE if name is not a label,
 * HERD_EINVAL (msg says why) if it is a catalogue policy's name. */
int scn_style_get(scn_full *s, const char *name, size_t *index, char *msg, size_t n);
/* Sets a key of style index, as scn_set_key does. */
int scn_style_set_key(scn_full *s, size_t index, const char *key, const char *value, int line,
                      char *msg, size_t n);
/* The policy named name: a style of s, then the catalogue; NULL if none. */
const herd_policy_type *scn_policy_find(const scn_full *s, const char *name);
/* Resolves every style's base chain and fills its type. On failure err holds
 * "FILE:LINE: key: what is wrong". */
int scn_styles_resolve(scn_full *s, char *err, size_t err_size);
void scn_styles_free(scn_full *s);
/* Frees the style added last. */
void scn_styles_drop_last(scn_full *s);
/* A copy of src's styles into dst, which has none, with dst's allocator. */
int scn_styles_copy(scn_full *dst, const scn_full *src);
/* The policy of dst that stands where p stood in src. */
const herd_policy_type *scn_policy_remap(const scn_full *dst, const scn_full *src,
                                         const herd_policy_type *p);

/* "FILE:LINE: key: message" (FILE and LINE left out when unknown) into err. */
void scn_say(const scn_full *s, char *err, size_t err_size, int line, const char *key,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void scn_vsay(const scn_full *s, char *err, size_t err_size, int line, const char *key,
              const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Makes an empty scenario with defaults, allocated with a; NULL if out of memory. */
scn_full *scn_new(const herd_allocator *a);
int scn_set_name(scn_full *s, const char *name);

#endif
