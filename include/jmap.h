/*
 * jmap.h - the one public header of libjmap, the customer-journey map compiler.
 *
 * The library is a chain of stages:
 *
 *   bytes --jmap_journey_load--> journey graph --jmap_journey_validate-->
 *   diagnostics --jmap_render--> PDF / SVG / PNG / layout dump
 *
 * Loading ends with the resolve pass: references point at their nodes, and
 * the derived facts of the journey (the fields marked "derived" below: the
 * departments each step involves and why, uses, totals, the branch and loop
 * links) are computed once, so that validation, rendering, exports and
 * reports all read the same facts instead of working them out again.
 *
 * Ownership, stated once for the whole API: a function named _new returns a
 * heap object that the caller frees with the matching _free; an _init fills a
 * caller-owned struct that the caller releases with the matching _destroy.
 * Every other pointer handed out by the library (names, ids, arrays, nodes)
 * is borrowed from the object it came from and lives exactly as long as it.
 * Every string is UTF-8 and NUL-terminated.
 *
 * Status convention: functions that can fail return 0 on success and a
 * non-zero jmap_status otherwise; what went wrong is in the diagnostic list.
 */
#ifndef JMAP_H
#define JMAP_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Versions and status                                                 */

#define JMAP_FORMAT_VERSION 1 /* the only `jmap:` value this build reads */

/* The library's version string, e.g. "0.1.0". */
const char *jmap_version(void);

/* A copy of `s` safe to print on a terminal or in a line-based report (a
 * file name, say): control characters (C0, DEL, C1), the line and paragraph
 * separators and the bidirectional controls are written as \uHHHH, or
 * \xHH for a control byte or a byte that is not UTF-8; everything else is
 * kept. The caller frees the result. */
char *jmap_escape_text(const char *s);

typedef enum jmap_status {
    JMAP_OK = 0,
    JMAP_ERR_INPUT = 1,  /* the input has errors (see the diagnostics) */
    JMAP_ERR_IO = 2,     /* a file could not be read or written */
    JMAP_ERR_USAGE = 3   /* the caller asked for something impossible */
} jmap_status;

/* ------------------------------------------------------------------ */
/* Limits: every bound on input and output, in one place.              */

#define JMAP_MAX_FILE_BYTES (16u << 20)    /* one input file, read whole */
#define JMAP_MAX_DEPTH 64                  /* YAML nesting depth */
#define JMAP_MAX_ALIAS_NODES 10000         /* nodes materialised via aliases */
#define JMAP_MAX_STEPS 100000              /* steps in one journey */
#define JMAP_MAX_ITEMS 10000               /* stages, touchpoints, departments,
                                              personas, irritants, each */
#define JMAP_MAX_TEXT_BYTES (16u << 10)    /* one text value */
#define JMAP_MAX_DURATION_YEARS 100        /* one duration (1 y = 365 d) */
#define JMAP_MAX_METRIC_VALUE 1e15         /* a metric's value or target, either
                                              sign */
#define JMAP_MAX_PDF_SIDE_PT 14400.0       /* largest PDF page side */
#define JMAP_MAX_SVG_SIDE_PT 4000000.0     /* largest SVG side: cairo's
                                              coordinates end at 2^23 */
#define JMAP_MAX_IMAGE_SIDE_PX 32767       /* largest PNG side (cairo's) */
#define JMAP_MAX_IMAGE_PIXELS 100000000.0  /* largest PNG area */
#define JMAP_MIN_DPI 1                     /* lowest PNG resolution */
#define JMAP_MAX_DPI 2400                  /* highest PNG resolution */
#define JMAP_MAX_DIAGS 1000                /* findings kept for one file; past
                                              it one limit error says so */

/* ------------------------------------------------------------------ */
/* Source positions and diagnostics                                    */

/* A place in the source: 1-based line, 1-based column counted in Unicode
 * code points. {0, 0} means "the file as a whole". */
typedef struct jmap_pos {
    int line;   /* 1-based line, 0 when unknown */
    int column; /* 1-based column in code points, 0 when unknown */
} jmap_pos;

typedef enum jmap_severity {
    JMAP_ERROR,
    JMAP_WARNING
} jmap_severity;

/* The rules a diagnostic can come from. jmap_rule_info() describes each. */
typedef enum jmap_rule {
    JMAP_RULE_SYNTAX,
    JMAP_RULE_TYPE,
    JMAP_RULE_MISSING_KEY,
    JMAP_RULE_UNKNOWN_KEY,
    JMAP_RULE_DUPLICATE_KEY,
    JMAP_RULE_DUPLICATE_ID,
    JMAP_RULE_UNKNOWN_REFERENCE,
    JMAP_RULE_BAD_VALUE,
    JMAP_RULE_LIMIT,
    JMAP_RULE_EMPTY_STAGE,
    JMAP_RULE_UNUSED,
    JMAP_RULE_NO_OWNER,
    JMAP_RULE_UNREACHABLE_STEP,
    JMAP_RULE_TEXT_OVERFLOW,
    JMAP_RULE_NO_EVIDENCE,
    JMAP_RULE_COUNT_ /* number of rules, not a rule */
} jmap_rule;

typedef struct jmap_rule_info {
    const char *name;        /* e.g. "unknown-key", as printed in [brackets] */
    jmap_severity severity;  /* the rule's severity */
    const char *summary;     /* one-line description */
    const char *help;        /* what to do about it */
    int off;                 /* 1: off by default, checked only when asked
                                (jmap_journey_validate_rules) */
} jmap_rule_info;

/* The static description of a rule; NULL for a value out of range. */
const jmap_rule_info *jmap_rule_info_get(jmap_rule rule);

/* The rule named `name` (e.g. "unused"), or -1 when there is none. */
int jmap_rule_find(const char *name);

typedef struct jmap_diag {
    jmap_rule rule;         /* what was found */
    jmap_severity severity; /* the rule's severity */
    jmap_pos pos;           /* where it was found */
    char *message;          /* owned by the list; no trailing period */
} jmap_diag;

/* A growable list of diagnostics: init, add, read items, destroy. */
typedef struct jmap_diag_list {
    jmap_diag *items; /* items[0..count-1] */
    size_t count;     /* number of diagnostics */
    size_t cap;       /* allocated slots */
    size_t errors;    /* how many have JMAP_ERROR severity */
    size_t warnings;  /* how many have JMAP_WARNING severity */
} jmap_diag_list;

void jmap_diag_list_init(jmap_diag_list *list);
void jmap_diag_list_destroy(jmap_diag_list *list);

/* Appends a diagnostic with a printf-style message. A list keeps at most
 * JMAP_MAX_DIAGS: the last one kept is a limit error at the position of the
 * first finding that was not, and later ones are dropped. */
void jmap_diag_add(jmap_diag_list *list, jmap_rule rule, jmap_pos pos,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Sorts the diagnostics by position (stable: equal positions keep their
 * order of discovery). */
void jmap_diag_list_sort(jmap_diag_list *list);

/* Writes one diagnostic the way compilers do:
 *   PATH:LINE:COL: error: MESSAGE [RULE]
 *   <the source line>
 *         ^
 * `src` (length `len`, may be NULL) is the file's text, used for the source
 * line and caret. `color` adds ANSI colours. */
void jmap_diag_print(FILE *out, const char *path, const char *src, size_t len,
                     const jmap_diag *diag, int color);

/* Prints every diagnostic of `list` as jmap_diag_print does, reading `src`
 * once when the list is sorted by position. */
void jmap_diag_list_print(FILE *out, const char *path, const char *src, size_t len,
                          const jmap_diag_list *list, int color);

/* ------------------------------------------------------------------ */
/* The journey graph                                                   */

typedef enum jmap_lang { JMAP_LANG_EN, JMAP_LANG_FR } jmap_lang;
typedef enum jmap_channel {
    JMAP_CHANNEL_DIGITAL,
    JMAP_CHANNEL_PHYSICAL,
    JMAP_CHANNEL_HUMAN
} jmap_channel;
typedef enum jmap_visibility {
    JMAP_VIS_FRONTSTAGE,
    JMAP_VIS_BACKSTAGE,
    JMAP_VIS_SUPPORT
} jmap_visibility;
typedef enum jmap_level {
    JMAP_LEVEL_LOW,
    JMAP_LEVEL_MEDIUM,
    JMAP_LEVEL_HIGH
} jmap_level;

/* A user text and where it was written. `str` is NULL when absent. */
typedef struct jmap_text {
    const char *str; /* UTF-8 text, or NULL */
    jmap_pos pos;    /* position of the value */
} jmap_text;

/* A duration such as "2w". `minutes` < 0 when absent. */
typedef struct jmap_duration {
    double minutes;   /* length in minutes; 1 h = 60, 1 d = 1440, 1 w = 7 d,
                         1 mo = 30 d; negative when absent */
    const char *text; /* as written, e.g. "2w"; NULL when absent */
    jmap_pos pos;     /* position of the value */
} jmap_duration;

/* Why a department is involved in a step: a set of these bits. This is the
 * one rule of involvement, for the map, the exports and the rules alike. */
typedef enum jmap_involvement {
    JMAP_INVOLVED_TOUCHPOINT = 1u << 0, /* it owns a touchpoint used there */
    JMAP_INVOLVED_LISTED = 1u << 1,     /* the step lists it in `departments` */
    JMAP_INVOLVED_IRRITANT = 1u << 2,   /* it owns one of the step's irritants */
    JMAP_INVOLVED_ACTION = 1u << 3      /* the step says what it does there
                                           (`actions`) */
} jmap_involvement;

/* Where an insight comes from: a set of these bits, on irritants and
 * positive moments (`sources`). jmap_source_name() gives the key of each
 * ("mystery-visit"...), in this order, which is the order they are shown. */
typedef enum jmap_source {
    JMAP_SOURCE_SURVEY = 1u << 0,         /* survey: customer questionnaires */
    JMAP_SOURCE_INTERVIEW = 1u << 1,      /* interview */
    JMAP_SOURCE_MYSTERY_VISIT = 1u << 2,  /* mystery-visit */
    JMAP_SOURCE_STAFF_REPORT = 1u << 3,   /* staff-report */
    JMAP_SOURCE_SUPPORT_TICKETS = 1u << 4, /* support-tickets */
    JMAP_SOURCE_ANALYTICS = 1u << 5,      /* analytics */
    JMAP_SOURCE_REVIEW = 1u << 6,         /* review */
    JMAP_SOURCE_OBSERVATION = 1u << 7     /* observation */
} jmap_source;
#define JMAP_SOURCE_COUNT 8 /* number of jmap_source bits */

/* The key of source `bit` ("survey"...), NULL for anything else. */
const char *jmap_source_name(unsigned bit);

/* A figure of a stage or a step (`metrics`), e.g. Conversion 2.3 % for a
 * target of 3. */
typedef struct jmap_metric {
    jmap_text name;  /* what is measured */
    double value;    /* the figure */
    jmap_text unit;  /* optional, e.g. "%" */
    double target;   /* the figure aimed at, when has_target */
    int has_target;  /* 1 when a target was given */
    jmap_pos pos;    /* position of the item */
} jmap_metric;


typedef struct jmap_persona jmap_persona;
typedef struct jmap_department jmap_department;
typedef struct jmap_touchpoint jmap_touchpoint;
typedef struct jmap_stage jmap_stage;
typedef struct jmap_step jmap_step;

/* A reference by id, resolved once after loading. */
typedef struct jmap_ref {
    const char *id; /* the id as written */
    jmap_pos pos;   /* where it was written */
    void *target;   /* the node it names (a jmap_step *, jmap_department *...),
                       NULL when it names nothing */
} jmap_ref;

struct jmap_persona {
    const char *id;         /* unique among personas */
    jmap_text name;         /* display name */
    jmap_text description;  /* optional */
    jmap_text *goals;       /* goals[0..n_goals-1] */
    size_t n_goals;         /* number of goals */
    size_t index;           /* position in jmap_journey.personas */
    size_t n_emotions;      /* derived: per-persona emotions that name it */
    const struct jmap_emotion **emotions; /* derived: those emotions,
                               emotions[0..n_emotions-1], in journey order */
    jmap_pos pos;           /* position of the key */
};

struct jmap_department {
    const char *id;             /* unique among departments */
    jmap_text name;             /* display name */
    jmap_visibility visibility; /* which side of the line of visibility */
    size_t index;               /* position in jmap_journey.departments */
    size_t n_steps;             /* derived: steps that involve it (0: it has
                                   no row on the map) */
    size_t n_owned;             /* derived: touchpoints it owns, used or not */
    jmap_pos pos;               /* position of the key */
};

struct jmap_touchpoint {
    const char *id;       /* unique among touchpoints */
    jmap_text name;       /* display name */
    jmap_channel channel; /* digital, physical or human */
    jmap_ref owner;       /* -> jmap_department; id NULL when none */
    size_t index;         /* position in jmap_journey.touchpoints */
    size_t n_steps;       /* derived: steps that use it */
    jmap_pos pos;         /* position of the key */
};

/* One emotion value, for the whole journey's customer (persona NULL) or for
 * one persona. */
typedef struct jmap_emotion {
    jmap_ref persona; /* -> jmap_persona; id NULL for a plain integer */
    int value;        /* -2..2 */
    jmap_pos pos;     /* position of the value */
    jmap_step *step;  /* derived: the step it belongs to */
} jmap_emotion;

typedef struct jmap_irritant {
    jmap_text name;        /* what hurts */
    jmap_level severity;   /* low, medium (default) or high */
    long frequency;        /* complaints per month; -1 when not given */
    jmap_ref owner;        /* -> jmap_department; id NULL when none */
    jmap_text remedy;      /* optional */
    unsigned sources;      /* jmap_source bits; 0 when none given */
    jmap_step *step;       /* the step it belongs to */
    jmap_pos pos;          /* position of the item */
} jmap_irritant;

/* What a department does at a step (`actions`). */
typedef struct jmap_action {
    jmap_ref department; /* -> jmap_department, the key */
    jmap_text text;      /* what it does */
} jmap_action;

/* A department involved in a step, and why. */
typedef struct jmap_involved {
    jmap_department *department; /* the department */
    unsigned why;                /* jmap_involvement bits, at least one */
} jmap_involved;

/* A successor that is not the step written right after: a branch or a
 * loop, which the map draws as an arrow. */
typedef struct jmap_link {
    size_t from; /* index of the step it leaves */
    size_t k;    /* its entry in that step's `next` */
} jmap_link;

struct jmap_step {
    const char *id;             /* explicit, or the slug of the name */
    int id_is_default;          /* 1 when the id was derived from the name */
    jmap_text name;             /* the customer's action */
    jmap_text description;      /* optional */
    jmap_duration duration;     /* optional */
    jmap_stage *stage;          /* the stage it is in */
    size_t index;               /* position in jmap_journey.steps */
    jmap_emotion *emotions;     /* emotions[0..n_emotions-1] */
    size_t n_emotions;          /* 0 when not given */
    jmap_ref *touchpoints;      /* -> jmap_touchpoint */
    size_t n_touchpoints;       /* number of touchpoints */
    jmap_ref *departments;      /* -> jmap_department, explicit ones only */
    size_t n_departments;       /* number of explicit departments */
    jmap_ref *next;             /* -> jmap_step, the successors */
    size_t n_next;              /* number of successors */
    int next_is_default;        /* 1 when `next` was not written */
    jmap_irritant *irritants;   /* irritants[0..n_irritants-1] */
    size_t n_irritants;         /* number of irritants */
    jmap_text *moments;         /* positive moments (the short form's text,
                                   or the full form's `name`) */
    unsigned *moment_sources;   /* moment_sources[k]: jmap_source bits of
                                   moments[k]; NULL when no moment has any */
    size_t n_moments;           /* number of moments */
    jmap_text *ideas;           /* ideas and opportunities */
    size_t n_ideas;             /* number of ideas */
    jmap_text *thoughts;        /* what the customer thinks or says */
    size_t n_thoughts;          /* number of thoughts */
    jmap_metric *metrics;       /* the step's figures */
    size_t n_metrics;           /* number of metrics */
    jmap_action *actions;       /* what departments do at this step, in the
                                   order written */
    size_t n_actions;           /* number of actions */
    jmap_ref *personas;         /* -> jmap_persona: whose step it is */
    size_t n_personas;          /* 0: every persona's */
    jmap_involved *involved;    /* derived: the departments it involves, each
                                   once, in the order of their first reason:
                                   touchpoint owners (in the order of its
                                   touchpoints), listed departments, irritant
                                   owners (in the order of its irritants),
                                   departments of its actions */
    size_t n_involved;          /* derived: number of involved departments */
    const jmap_link *links_in;  /* derived: the links into this step, in
                                   journey order of the steps they leave */
    size_t n_links_in;          /* derived: number of links into it */
    jmap_pos pos;               /* position of the step's mapping */
};

struct jmap_stage {
    const char *id;         /* unique among stages */
    jmap_text name;         /* display name */
    jmap_text description;  /* optional */
    jmap_duration duration; /* optional */
    jmap_text *goals;       /* what the customer expects from the stage */
    size_t n_goals;         /* number of goals */
    jmap_metric *metrics;   /* the stage's figures */
    size_t n_metrics;       /* number of metrics */
    jmap_step **steps;      /* steps[0..n_steps-1], in order */
    size_t n_steps;         /* number of steps */
    size_t index;           /* position in jmap_journey.stages */
    int broken;             /* 1 when loading it reported an error: rules
                               that would only echo that error skip it */
    jmap_pos pos;           /* position of the stage's mapping */
};

/* A loaded journey. Every node and string lives in the journey's arena and is
 * freed by jmap_journey_free. Arrays of nodes keep source order. */
typedef struct jmap_journey {
    int version;                  /* the `jmap:` value */
    jmap_text title;              /* required */
    jmap_text description;        /* optional */
    jmap_lang lang;               /* language of jmap's own labels */
    jmap_persona *personas;       /* personas[0..n_personas-1] */
    size_t n_personas;            /* number of personas */
    jmap_department *departments; /* departments[0..n_departments-1] */
    size_t n_departments;         /* number of departments */
    jmap_touchpoint *touchpoints; /* touchpoints[0..n_touchpoints-1] */
    size_t n_touchpoints;         /* number of touchpoints */
    jmap_stage *stages;           /* stages[0..n_stages-1] */
    size_t n_stages;              /* number of stages */
    jmap_step **steps;            /* every step in journey order */
    size_t n_steps;               /* number of steps */
    int per_persona_emotions;     /* 1 when some step gives emotions by persona */
    size_t n_irritants;           /* derived: irritants of every step */
    size_t n_by_severity[3];      /* derived: irritants per jmap_level */
    double total_minutes;         /* derived: the sum of the durations of the
                                     stages that have steps, as the title
                                     block shows it; negative when one of them
                                     gives none, or no stage has steps */
    jmap_link *links;             /* derived: every link, by the step it
                                     leads to, then in journey order */
    size_t n_links;               /* derived: number of links */
    const struct jmap_emotion **plain_emotions; /* derived: the emotions
                                     given as a plain integer (persona id
                                     NULL), in journey order: on a map with
                                     per-persona emotions, each applies to
                                     every persona's curve */
    size_t n_plain_emotions;      /* derived: number of plain emotions */
    int incomplete;               /* 1 when the file could not be read to its
                                     end (syntax error, limit): only a prefix
                                     is here, and graph rules are skipped */
    struct jmap_arena *arena;     /* owns every node and string */
} jmap_journey;

/* Parses `len` bytes of YAML (need not be NUL-terminated) into a journey,
 * resolves its references and runs the resolve pass, which fills every
 * derived field from what could be read (a reference that names nothing is
 * left out). Every problem found goes into `diags`; the returned journey
 * holds whatever could be trusted, so later stages may run on it for more
 * findings. Returns NULL only when nothing at all could be
 * read (e.g. a syntax error before the top mapping); the caller frees a
 * non-NULL result with jmap_journey_free. */
jmap_journey *jmap_journey_load(const char *data, size_t len,
                                jmap_diag_list *diags);

/* Frees the journey and everything it owns. NULL is allowed. */
void jmap_journey_free(jmap_journey *journey);

/* Runs the graph-level rules (empty-stage, unused, no-owner,
 * unreachable-step) on a loaded (so resolved) journey and appends their
 * findings to `diags`. */
void jmap_journey_validate(const jmap_journey *journey, jmap_diag_list *diags);

/* jmap_journey_validate, and also the rules that are off by default
 * (no-evidence) for which on[rule] is 1 (`jmap lint --enable`); `on`, of
 * JMAP_RULE_COUNT_ entries, may be NULL. */
void jmap_journey_validate_rules(const jmap_journey *journey,
                                 const unsigned char *on, jmap_diag_list *diags);

/* Reads the whole of `path` ("-" for standard input) into a NUL-terminated
 * heap buffer that the caller frees with free(). Returns 0 on success;
 * JMAP_ERR_IO when the file cannot be read (missing, a directory, a FIFO,
 * no permission) and JMAP_ERR_INPUT when it is larger than
 * JMAP_MAX_FILE_BYTES, with a one-line reason in `why` either way. */
int jmap_file_read(const char *path, char **data, size_t *len, char *why,
                   size_t why_len);

/* 1 when writing `output` ("-": standard output) would write over the
 * regular file that `input` ("-": standard input) names: the same device
 * and inode, whatever path, symlink or hard link leads to each. 0 when
 * they differ, when either is not a regular file (a terminal, a pipe, a
 * device) or when either does not exist yet. */
int jmap_output_is_input(const char *output, const char *input);

/* Folds `name` to a step id slug ("Réception du colis" ->
 * "reception-du-colis"). Returns a heap string that the caller frees; it is
 * empty when the name has no Latin letter or digit. */
char *jmap_slug_new(const char *name);

/* The candidate closest to `word` when it is close enough to be a plausible
 * typo of it (for "did you mean" messages), else NULL. */
const char *jmap_suggest(const char *word, const char *const *candidates,
                         size_t n);

/* ------------------------------------------------------------------ */
/* Rendering                                                           */

typedef enum jmap_format {
    JMAP_FORMAT_PDF,
    JMAP_FORMAT_SVG,
    JMAP_FORMAT_PNG,
    JMAP_FORMAT_LAYOUT /* a text dump of every box, for tests and tools */
} jmap_format;

typedef enum jmap_page {
    JMAP_PAGE_AUTO, /* one page sized to the map */
    JMAP_PAGE_A4,
    JMAP_PAGE_A3,
    JMAP_PAGE_A2,
    JMAP_PAGE_LETTER,
    JMAP_PAGE_TABLOID,
    JMAP_PAGE_A1,
    JMAP_PAGE_A0
} jmap_page;

typedef enum jmap_orientation {
    JMAP_ORIENTATION_AUTO,      /* the side that needs fewer sheets */
    JMAP_ORIENTATION_LANDSCAPE,
    JMAP_ORIENTATION_PORTRAIT
} jmap_orientation;

typedef struct jmap_render_options {
    jmap_format format;  /* output format */
    jmap_page page;      /* paper size, or AUTO */
    jmap_orientation orientation; /* AUTO by default */
    int fit;             /* 1 forces one page however small the text */
    jmap_page tile;      /* PDF: print each page on sheets of this size
                            (AUTO: no tiling) */
    int blank;           /* 1: the stages and lanes with empty columns */
    double dpi;          /* PNG resolution; 96 by default */
    const char *source_name; /* the input's path, for the PDF subject and
                                for diagnostics */
    const char *persona; /* the id of the one persona whose journey is
                            drawn (`--persona`), NULL for everyone's */
    const struct jmap_change_list *diff; /* the changes from an older map
                            to this one, marked on the map (`--diff`),
                            NULL for none */
} jmap_render_options;

/* Fills `opts` with the defaults for `format` (A3 for PDF, AUTO otherwise;
 * the orientation that needs fewer sheets; 96 dpi). */
void jmap_render_options_init(jmap_render_options *opts, jmap_format format);

/* 0 when `opts` can be rendered: a known format and page size, a
 * resolution from JMAP_MIN_DPI to JMAP_MAX_DPI. Otherwise JMAP_ERR_USAGE,
 * with a one-line reason in `why` that names the option of `jmap render`
 * (e.g. "--dpi takes a whole number from 1 to 2400, not '0'"). It is in the
 * core, so a program can check its options before it loads the renderer;
 * jmap_render_file checks them the same way. */
int jmap_render_options_check(const jmap_render_options *opts, char *why,
                              size_t why_len);

/* The smallest printed text a default render makes, in points, and the
 * fewest pixels a PNG's smallest text should have to be read. */
#define JMAP_MIN_TEXT_PT 6.0
#define JMAP_MIN_TEXT_PX 8.0

/* What a render made, for its one-line report. */
typedef struct jmap_render_result {
    int pages;            /* pages of the document (sheets when tiled) */
    jmap_page page;       /* their paper (AUTO: sized to the map) */
    jmap_orientation orientation; /* LANDSCAPE or PORTRAIT */
    int poster_pages;     /* tiled: the posters' pages, else 0 */
    int rows, cols;       /* pages down and across (tiles of a poster) */
    double min_pt, max_pt; /* the smallest and largest printed text */
    double scale;         /* layout points to printed points */
    double width, height; /* the first page (a tile's sheet), points */
} jmap_render_result;

/* Lays out and draws `journey` to `out_path` ("-" for standard output).
 * A file is written whole or not at all: the output goes to a temporary file
 * beside `out_path` that is renamed over it only on success, so an existing
 * file survives any failure. Findings about the map (e.g. text-overflow
 * warnings) are appended to `diags`. Returns 0 on success; otherwise a
 * jmap_status, with a one-line reason (no trailing newline) in `why`. */
int jmap_render_file(const jmap_journey *journey,
                     const jmap_render_options *opts, const char *out_path,
                     jmap_diag_list *diags, jmap_render_result *result,
                     char *why, size_t why_len);

/* The format named by a file name's extension (".pdf", ".svg", ".png"), or
 * -1 when the extension names none. */
int jmap_format_from_path(const char *path);

/* The format named `name` ("pdf", "svg", "png", "layout"), or -1. */
int jmap_format_from_name(const char *name);

/* The page size named `name` ("auto", "a4", "a3", "a2", "letter",
 * "tabloid"), or -1. */
int jmap_page_from_name(const char *name);

/* The name of format `format` ("pdf"...), or NULL past the last one (so a
 * caller can list them all). */
const char *jmap_format_name(int format);

/* The name of page size `page` ("auto"...), or NULL past the last one. */
const char *jmap_page_name(int page);

/* ------------------------------------------------------------------ */
/* Action reports (`jmap report`)                                      */

/* The formats of `jmap report`. */
typedef enum jmap_plan_format {
    JMAP_PLAN_MARKDOWN, /* Markdown tables, the default */
    JMAP_PLAN_HTML,     /* one self-contained HTML5 page */
    JMAP_PLAN_PDF,      /* A4 portrait pages (the renderer module) */
    JMAP_PLAN_JSON,     /* one JSON document (docs/report.md) */
    JMAP_PLAN_CSV       /* the ranked irritants, one RFC 4180 row each */
} jmap_plan_format;

/* The report format named `name` ("markdown", "html", "pdf", "json",
 * "csv"), or -1. */
int jmap_plan_format_from_name(const char *name);

/* The name of report format `format`, or NULL past the last one. */
const char *jmap_plan_format_name(int format);

/* One map of an action report. Both pointers are borrowed. */
typedef struct jmap_plan_map {
    const char *path;             /* as given by the user ("-": standard
                                     input); the report names the map by
                                     its file name without extension */
    const jmap_journey *journey;  /* loaded and valid (no errors) */
} jmap_plan_map;

/* Writes the action report of `n` maps (at least one) to `out` in a text
 * format (every format but JMAP_PLAN_PDF): irritants ranked by priority
 * (severity weight low 1, medium 2, high 3, times complaints per month, 1
 * when not given), grouped by owner, where it hurts, channels and totals,
 * in French when every map is French, else in English. Returns 0,
 * JMAP_ERR_IO when writing failed, JMAP_ERR_USAGE for JMAP_PLAN_PDF or an
 * unknown format. */
int jmap_plan_write(FILE *out, const jmap_plan_map *maps, size_t n,
                    jmap_plan_format format);

/* Writes the same report as a PDF of A4 portrait pages to `out_path` ("-"
 * for standard output), whole or not at all (jmap_outfile), with jmap's
 * own font. In the render layer (the module's report_file). Returns 0, or
 * a jmap_status with a one-line reason in `why`. */
int jmap_plan_render_file(const jmap_plan_map *maps, size_t n,
                          const char *out_path, char *why, size_t why_len);

/* ------------------------------------------------------------------ */
/* The renderer module's ABI                                           */

/* The jmap program links the core only and opens the renderer, built as a
 * module, the first time it renders. The module exports one object,
 * JMAP_RENDER_ABI_SYMBOL, of type jmap_render_abi: the ABI number it was
 * built with, its version, the size of every struct that crosses the
 * boundary, and its entry points. The program uses a module only when all
 * of them are its own. Change JMAP_RENDER_ABI whenever jmap_render_abi
 * itself changes; the sizes catch a struct that changed without it. */
/* 2: render_result; 3: report_file; 4: metric, action, change sizes */
#define JMAP_RENDER_ABI 4
#define JMAP_RENDER_ABI_SYMBOL "jmap_render_module"

/* The structs that cross the boundary, X(field, type): a journey graph
 * handed to the module, the options, the findings it appends, the maps of
 * a report. */
#define JMAP_RENDER_ABI_STRUCTS(X)                                           \
    X(abi, jmap_render_abi) X(journey, jmap_journey) X(persona, jmap_persona) \
    X(department, jmap_department) X(touchpoint, jmap_touchpoint)            \
    X(stage, jmap_stage) X(step, jmap_step) X(irritant, jmap_irritant)       \
    X(emotion, jmap_emotion) X(ref, jmap_ref) X(text, jmap_text)             \
    X(duration, jmap_duration) X(pos, jmap_pos) X(involved, jmap_involved)  \
    X(metric, jmap_metric) X(action, jmap_action)                           \
    X(change, jmap_change) X(change_list, jmap_change_list)                  \
    X(link, jmap_link)                                                       \
    X(render_options, jmap_render_options) X(diag_list, jmap_diag_list)      \
    X(render_result, jmap_render_result)                                     \
    X(diag, jmap_diag) X(plan_map, jmap_plan_map)

#define JMAP_RENDER_ABI_SIZE_FIELD_(field, type) size_t sizeof_##field;

/* What the renderer module exports. `abi` comes first and is read first:
 * the rest is trusted only when it equals the program's JMAP_RENDER_ABI. */
typedef struct jmap_render_abi {
    unsigned abi;        /* JMAP_RENDER_ABI of the module's build */
    const char *version; /* the module's version, e.g. "0.1.0" */
    JMAP_RENDER_ABI_STRUCTS(JMAP_RENDER_ABI_SIZE_FIELD_) /* sizeof_journey
                            = sizeof (jmap_journey) in the module, etc. */
    int (*render_file)(const jmap_journey *journey,
                       const jmap_render_options *opts, const char *out_path,
                       jmap_diag_list *diags, jmap_render_result *result,
                       char *why, size_t why_len); /* jmap_render_file */
    int (*report_file)(const jmap_plan_map *maps, size_t n,
                       const char *out_path, char *why,
                       size_t why_len); /* jmap_plan_render_file */
} jmap_render_abi;

/* ------------------------------------------------------------------ */
/* Reports and exports                                                 */

/* What a lint report leaves out. Zero it, then set what to drop. */
typedef struct jmap_diag_filter {
    unsigned char disabled[JMAP_RULE_COUNT_]; /* 1: drop this rule's findings */
    int errors_only;                          /* 1: drop every warning */
} jmap_diag_filter;

/* Removes from `list` the findings that `filter` drops and those silenced
 * in the source by a comment on their line:
 *   key: value  # jmap-disable-line RULE[, RULE...]
 * (the bare comment silences every rule on its line). `src` (length `len`)
 * is the file's text and may be NULL; `filter` may be NULL. Keeps the
 * order and the error and warning counts right. Returns how many were
 * removed. */
size_t jmap_diag_list_filter(jmap_diag_list *list, const jmap_diag_filter *filter,
                             const char *src, size_t len);

/* The formats of a lint report. */
typedef enum jmap_report_format {
    JMAP_REPORT_TEXT,   /* PATH:LINE:COL: severity: message [rule] + summary */
    JMAP_REPORT_JSON,   /* one JSON document: files, findings, totals */
    JMAP_REPORT_SARIF,  /* SARIF 2.1.0, for code-scanning tools */
    JMAP_REPORT_GITHUB  /* GitHub Actions workflow commands (::error ...) */
} jmap_report_format;

/* The report format named `name` ("text", "json", "sarif", "github"), or
 * -1. */
int jmap_report_format_from_name(const char *name);

/* The name of report format `format`, or NULL past the last one (so a
 * caller can list them all). */
const char *jmap_report_format_name(int format);

/* One checked file, as a report shows it. Every pointer is borrowed. */
typedef struct jmap_report_file {
    const char *path;            /* as given by the user */
    const char *src;             /* its text (for excerpts), or NULL */
    size_t len;                  /* length of src */
    const jmap_diag_list *diags; /* its findings, sorted; NULL when none */
    const char *io_error;        /* why it could not be read, or NULL */
} jmap_report_file;

/* Writes the report of `n` files in `format` to `out`; `color` adds ANSI
 * colours to the text format (the others never have any). A file that
 * could not be read is an entry of its own in json, sarif and github; the
 * text format only counts it in its summary line (the caller says why).
 * Returns 0, or JMAP_ERR_IO when writing failed. */
int jmap_report_write(FILE *out, jmap_report_format format,
                      const jmap_report_file *files, size_t n, int color);

/* A report written file by file, as the files are checked, so that the
 * caller need not keep every file's text until the end: the text and
 * github formats write a file's findings when it is added, json and sarif
 * (which open with facts about every file) the whole document at the end.
 * The bytes are those jmap_report_write writes for the same files. */
typedef struct jmap_report {
    FILE *out;                 /* where it goes */
    jmap_report_format format; /* how */
    int color;                 /* ANSI colours in the text format */
    jmap_report_file *files;   /* the files added so far, without their text */
    size_t n, cap;             /* how many; room for */
} jmap_report;

/* Starts a report on `out`. */
void jmap_report_begin(jmap_report *r, FILE *out, jmap_report_format format,
                       int color);

/* Adds the next file: in text and github, its findings are written and
 * `out` flushed. Once this returns, `f->src` may be freed; `f->path`,
 * `f->diags` and `f->io_error` must stay until jmap_report_end. */
void jmap_report_add(jmap_report *r, const jmap_report_file *f);

/* Writes the rest of the report and releases `r`. Returns 0, JMAP_ERR_IO
 * when writing failed, or JMAP_ERR_USAGE for an unknown format. */
int jmap_report_end(jmap_report *r);

/* The formats of `jmap export`. */
typedef enum jmap_export_format {
    JMAP_EXPORT_JSON,    /* the resolved journey graph */
    JMAP_EXPORT_MERMAID, /* a Mermaid `journey` diagram */
    JMAP_EXPORT_CSV      /* one RFC 4180 row per irritant */
} jmap_export_format;

/* The export format named `name` ("json", "mermaid", "csv"), or -1. */
int jmap_export_format_from_name(const char *name);

/* The name of export format `format`, or NULL past the last one. */
const char *jmap_export_format_name(int format);

/* Writes `journey` (which should have no errors) to `out` in `format`.
 * Returns 0, or JMAP_ERR_IO when writing failed. */
int jmap_export_write(FILE *out, const jmap_journey *journey,
                      jmap_export_format format);

/* The JSON Schema (draft-07) of the map format, embedded at build time: a
 * static NUL-terminated string, never freed. */
const char *jmap_schema_text(void);

/* ------------------------------------------------------------------ */
/* Comparing two maps (`jmap diff`)                                    */

/* What changed between two journeys. The names, as written in reports and
 * in the JSON output, are listed by jmap_change_kind_name. */
typedef enum jmap_change_kind {
    JMAP_CHANGE_TITLE,               /* title-changed */
    JMAP_CHANGE_PERSONA_ADDED,       /* persona-added */
    JMAP_CHANGE_PERSONA_REMOVED,     /* persona-removed */
    JMAP_CHANGE_DEPARTMENT_ADDED,    /* department-added */
    JMAP_CHANGE_DEPARTMENT_REMOVED,  /* department-removed */
    JMAP_CHANGE_TOUCHPOINT_ADDED,    /* touchpoint-added */
    JMAP_CHANGE_TOUCHPOINT_REMOVED,  /* touchpoint-removed */
    JMAP_CHANGE_OWNER,               /* owner-changed: a touchpoint's owner */
    JMAP_CHANGE_STAGE_ADDED,         /* stage-added */
    JMAP_CHANGE_STAGE_REMOVED,       /* stage-removed */
    JMAP_CHANGE_STAGE_RENAMED,       /* stage-renamed */
    JMAP_CHANGE_STAGE_MOVED,         /* stage-moved: another place in the order */
    JMAP_CHANGE_STEP_ADDED,          /* step-added */
    JMAP_CHANGE_STEP_REMOVED,        /* step-removed */
    JMAP_CHANGE_STEP_RENAMED,        /* step-renamed: its name or its id */
    JMAP_CHANGE_STEP_MOVED,          /* step-moved: another stage or place */
    JMAP_CHANGE_EMOTION,             /* emotion-changed, per persona */
    JMAP_CHANGE_DURATION,            /* duration-changed: a stage's or step's */
    JMAP_CHANGE_STEP_TOUCHPOINTS,    /* step-touchpoints-changed */
    JMAP_CHANGE_IRRITANT_ADDED,      /* irritant-added */
    JMAP_CHANGE_IRRITANT_REMOVED,    /* irritant-removed (solved: its step stays) */
    JMAP_CHANGE_IRRITANT_CHANGED,    /* irritant-changed: one field */
    JMAP_CHANGE_MOMENT_ADDED,        /* moment-added */
    JMAP_CHANGE_MOMENT_REMOVED,      /* moment-removed */
    JMAP_CHANGE_MOMENT_CHANGED,      /* moment-changed: its text, reworded */
    JMAP_CHANGE_IDEA_ADDED,          /* idea-added */
    JMAP_CHANGE_IDEA_REMOVED,        /* idea-removed */
    JMAP_CHANGE_IDEA_CHANGED,        /* idea-changed: its text, reworded */
    JMAP_CHANGE_NEXT,                /* next-changed: branches and loops */
    JMAP_CHANGE_DETAIL,              /* detail-changed: any other field (a
                                        description, a name, a channel...) */
    JMAP_CHANGE_COUNT_               /* number of kinds, not a kind */
} jmap_change_kind;

/* The name of `kind` ("step-added"...), or NULL past the last one. */
const char *jmap_change_kind_name(int kind);

/* What a change's old and new values are. */
typedef enum jmap_change_value {
    JMAP_VALUE_TEXT, /* a text */
    JMAP_VALUE_INT,  /* a whole number (an emotion, a frequency) */
    JMAP_VALUE_IDS   /* a list of ids, separated by single spaces */
} jmap_change_value;

/* One change. Every string is owned by the change list. */
typedef struct jmap_change {
    jmap_change_kind kind;   /* what changed */
    const char *stage;       /* the id of the stage it concerns (in the new
                                map, in the old one for what was removed),
                                NULL for the journey as a whole */
    const char *step;        /* the id of the step it concerns (likewise),
                                NULL when none */
    const char *item;        /* what it is about, when a stage and a step do
                                not say it: a persona, department or
                                touchpoint id, an irritant's, moment's or
                                idea's text; NULL when none */
    const char *field;       /* the field that changed ("severity", "id",
                                "name"...), or for an emotion the persona's
                                id; NULL when none */
    jmap_change_value type;  /* what old_value and new_value hold */
    const char *old_value;   /* the value before, NULL when none */
    const char *new_value;   /* the value after, NULL when none */
    const char *label;       /* the name of what it concerns as a reader
                                knows it (the step's or stage's name) */
    const char *stage_name;  /* the name of the stage, NULL with no stage */
    int solved;              /* irritant-removed: 1 when its step is still
                                there, so the irritant was solved */
    jmap_pos old_pos;        /* where it was in the old map, {0, 0} if not */
    jmap_pos new_pos;        /* where it is in the new map, {0, 0} if not */
} jmap_change;

/* The changes from one journey to another, grouped by stage in the new
 * map's order: the journey's own changes first, then each stage's (its
 * steps in order, then the steps removed from it), then the stages
 * removed. Caller-owned: _init, jmap_journey_diff, _destroy. */
typedef struct jmap_change_list {
    jmap_change *items;       /* items[0..count-1] */
    size_t count;             /* number of changes */
    size_t cap;               /* allocated slots */
    jmap_lang lang;           /* the new map's language, for the words of
                                 the reports */
    struct jmap_arena *arena; /* owns every string of the changes */
} jmap_change_list;

void jmap_change_list_init(jmap_change_list *list);
void jmap_change_list_destroy(jmap_change_list *list);

/* The threshold of "close" texts: an irritant, moment or idea whose text
 * changed is the same one reworded when the Dice coefficient of the
 * character pairs of the two texts (lower-cased, blanks folded) is at
 * least this (and, for an irritant, its other fields are the same). */
#define JMAP_DIFF_CLOSE_TEXT 0.6
/* Reworded items are looked for only among this many unmatched items of
 * one step on each side, and only among texts of at most
 * JMAP_DIFF_MAX_CLOSE_BYTES; beyond, only identical texts are matched. */
#define JMAP_DIFF_MAX_FUZZY 16
#define JMAP_DIFF_MAX_CLOSE_BYTES 512

/* Compares two loaded journeys (without errors) as journeys and appends
 * what changed to `out`. Stages, steps, personas, departments and
 * touchpoints are matched by id, a step whose id changed by its content;
 * irritants, moments and ideas by their text within their step. Time is
 * about linear in the size of the maps. */
void jmap_journey_diff(const jmap_journey *old_map, const jmap_journey *new_map,
                       jmap_change_list *out);

/* The formats of a diff report. */
typedef enum jmap_diff_format {
    JMAP_DIFF_TEXT,     /* one line per change, grouped by stage */
    JMAP_DIFF_MARKDOWN, /* a summary line and a table per stage */
    JMAP_DIFF_JSON      /* {"old": PATH, "new": PATH, "changes": [...]} */
} jmap_diff_format;

/* The diff format named `name` ("text", "markdown", "json"), or -1. */
int jmap_diff_format_from_name(const char *name);

/* The name of diff format `format`, or NULL past the last one. */
const char *jmap_diff_format_name(int format);

/* One compared pair, as a diff report shows it. Borrowed pointers. */
typedef struct jmap_diff_pair {
    const char *old_path;          /* the old map's name ("HEAD~1:map.yaml") */
    const char *new_path;          /* the new map's name */
    const jmap_change_list *changes; /* what changed */
} jmap_diff_pair;

/* Writes the report of `n` pairs in `format` to `out`; `color` adds ANSI
 * colours to the text format. In JSON, one pair is one object and several
 * are an array of them. Every text from a map is escaped for a terminal
 * (text), for a table cell (markdown) or as JSON. Returns 0, or
 * JMAP_ERR_IO when writing failed. */
int jmap_diff_write(FILE *out, jmap_diff_format format, const jmap_diff_pair *pairs,
                    size_t n, int color);

/* An output, as every command writes it (src/core/outfile.c): a regular
 * file (or a new one) is written whole or not at all, through a temporary
 * file beside it that keeps its mode and owner and is renamed over it (a
 * symlink is followed, so the link stays); standard output ("-",
 * /dev/stdout, /dev/fd/N), a device or a FIFO is written in place as the
 * output is made; a folder is refused. The temporary file is removed on
 * failure, at exit and on SIGINT, SIGTERM, SIGHUP and SIGPIPE. */
typedef struct jmap_outfile {
    FILE *fp;   /* where to write */
    char *path; /* the destination as shown in messages (heap) */
    char *tmp;  /* the temporary file (heap), NULL when written in place */
} jmap_outfile;

/* Opens `path` ("-" for standard output) for writing. Returns 0, or
 * JMAP_ERR_IO with a one-line reason in `why`. */
int jmap_outfile_open(jmap_outfile *f, const char *path, char *why,
                      size_t why_len);

/* Finishes the output: with `keep`, flushes it and renames it into place
 * (returns 0, or JMAP_ERR_IO with a reason in `why`, from errno, when any
 * write failed); without, removes the temporary file. Releases `f` either
 * way. */
int jmap_outfile_close(jmap_outfile *f, int keep, char *why, size_t why_len);

#ifdef __cplusplus
}
#endif

#endif /* JMAP_H */
