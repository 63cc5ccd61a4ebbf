/*
 * words.h - every fixed word jmap writes, in one place (locale.c).
 *
 * Two kinds: the words jmap adds to a map or an export in the map's
 * language (lane titles, legend texts, separators, footers, units), one
 * table per language indexed by jmap_label; and the format's own names of
 * enum values ("fr", "digital", "high"...), the same in every language,
 * which the loader reads and the exports write. Not part of the public API.
 */
#ifndef JMAP_WORDS_H
#define JMAP_WORDS_H

#include "internal.h"

/* ---- the format's names of enum values ---- */
enum {
    JMAP_N_LANGS = JMAP_LANG_FR + 1,          /* values of jmap_lang */
    JMAP_N_CHANNELS = JMAP_CHANNEL_HUMAN + 1, /* values of jmap_channel */
    JMAP_N_VISIBILITIES = JMAP_VIS_SUPPORT + 1, /* values of jmap_visibility */
    JMAP_N_LEVELS = JMAP_LEVEL_HIGH + 1       /* values of jmap_level */
};

extern const char *const jmap_lang_names[JMAP_N_LANGS];             /* "en" */
extern const char *const jmap_channel_names[JMAP_N_CHANNELS];       /* "digital" */
extern const char *const jmap_visibility_names[JMAP_N_VISIBILITIES]; /* "backstage" */
extern const char *const jmap_level_names[JMAP_N_LEVELS];           /* "high" */
extern const char *const jmap_better_names[2]; /* a metric's `better`:
                                                   "higher", "lower" */
extern const char *const jmap_source_names[JMAP_SOURCE_COUNT];      /* "survey",
                                             in the order of the bits (formats.c) */

/* ---- the words jmap adds, in the map's language ---- */
typedef enum jmap_label {
    L_STAGES, L_ACTIONS, L_EMOTIONS, L_TOUCHPOINTS, L_IRRITANTS, L_IDEAS,
    L_DEPARTMENTS,                 /* lane titles */
    L_VISIBILITY, L_SUPPORT,       /* separators of the departments lane */
    L_TOTAL, L_GOALS, L_LEGEND,    /* the title block */
    L_DIGITAL, L_PHYSICAL, L_HUMAN, L_IRR_LOW, L_IRR_MEDIUM, L_IRR_HIGH,
    L_BADGE, L_MOMENT, L_IDEA, L_REMEDY, L_CURVE, L_ARROW, /* legend texts */
    L_PAGE,                        /* page footers: "page 2/3" */
    L_PER_MONTH,                   /* after a frequency: "12/mo" */
    L_CONTINUED,                   /* the title block of pages after the first */
    L_MAP,                         /* what a map is, for the PDF subject */
    /* the action report (jmap report: plan_out.c, plan_pdf.c) */
    L_R_TITLE, L_R_MAPS, L_R_RANKED, L_R_RULE, L_R_RANK, L_R_IRRITANT,
    L_R_STEP, L_R_STAGE, L_R_MAP, L_R_SEVERITY, L_R_FREQUENCY, L_R_PRIORITY,
    L_R_OWNER, L_R_REMEDY, L_R_SOURCES, L_R_BY_OWNER, L_R_NO_OWNER,
    L_R_NO_REMEDY, L_R_TOTAL_PRIORITY, L_R_IRRITANTS, L_R_HURTS,
    L_R_HEATMAP, L_R_HEAT_NOTE, L_R_LOWEST, L_R_PERSONA, L_R_CUSTOMER,
    L_R_LOWEST_VALUE, L_R_AT, L_R_MORE, L_R_HOT, L_R_CHANNELS, L_R_MIX,
    L_R_DIGITAL, L_R_PHYSICAL, L_R_HUMAN, L_R_UNUSED, L_R_BARE, L_R_NONE,
    L_R_TOTALS, L_R_STEPS, L_R_STAGES, L_R_TOUCHPOINTS, L_R_ALL,
    L_R_UNKNOWN, L_R_LOW, L_R_MEDIUM, L_R_HIGH, L_R_CURVES, L_R_TOTAL,
    L_R_IRRITANTS_H, L_R_ONE_IRRITANT, L_R_WITHOUT_REMEDY, L_R_COL_HIGH, L_R_COL_MEDIUM, L_R_COL_LOW,
    L_ASSEMBLY, L_ASSEMBLY_HOW,    /* a tiled poster's assembly sheet */
    /* the marks of a visual diff (render --diff: diffmarks.c) */
    L_D_CHANGES, L_D_NEW, L_D_CHANGED, L_D_REMOVED, L_D_SOLVED,
    L_D_STEP_REMOVED, L_D_RENAMED, L_D_REWORDED, L_D_MOVED, L_D_EMOTION,
    L_D_DURATION, L_D_SEVERITY, L_D_FREQUENCY, L_D_OWNER, L_D_REMEDY,
    L_D_TOUCHPOINTS, L_D_NEXT, L_D_DETAILS, L_D_NONE, L_D_KEY_NEW,
    L_D_KEY_CHANGED, L_D_KEY_GHOST, L_D_KEY_GONE,
    L_EMO_M2, L_EMO_M1, L_EMO_0, L_EMO_P1, L_EMO_P2, /* the emotion scale's
                                      values, -2 to +2, in words */
    L_THOUGHTS, L_METRICS,         /* lane titles of the content keys */
    L_QUOTE_OPEN, L_QUOTE_CLOSE,   /* around a thought: “ ” or « » */
    L_TARGET, L_MET, L_MISSED,     /* a metric's target; legend texts */
    L_SRC_SURVEY, L_SRC_INTERVIEW, L_SRC_MYSTERY_VISIT, L_SRC_STAFF_REPORT,
    L_SRC_SUPPORT_TICKETS, L_SRC_ANALYTICS, L_SRC_REVIEW,
    L_SRC_OBSERVATION,             /* where an insight comes from, in the
                                      order of the jmap_source bits */
    L_COUNT_                       /* number of labels, not a label */
} jmap_label;

/* The text of `label` in `lang` (English for an unknown language). */
const char *jmap_label_text(jmap_lang lang, jmap_label label);

/* What goes between a label and its value: ":" in English, a no-break space
 * and ":" in French (as French is written: "Durée totale : 3 j"). */
const char *jmap_colon(jmap_lang lang);

/* ---- durations ---- */
typedef struct jmap_unit {
    const char *name;               /* as the format writes it: "w" */
    double minutes;                 /* its length */
    const char *shown[JMAP_N_LANGS]; /* as a map shows it: "w", "sem." */
} jmap_unit;

#define JMAP_N_UNITS 5
/* The units of a duration, largest first: mo, w, d, h, min. */
extern const jmap_unit jmap_units[JMAP_N_UNITS];

/* Appends a length in minutes as the title block shows a total: its two
 * largest units, rounded to the minute ("2 mo 5 d", "0 min"). */
void jmap_format_total(jmap_buf *out, jmap_lang lang, double minutes);

/* Appends a duration as written in a map ("1.5h") the way the cards show
 * it: "1.5 h" in English, "1,5 h" in French (decimal comma, French unit
 * names). Returns 0 and appends nothing when `text` is not a number
 * followed by a unit of the format. */
int jmap_format_duration(jmap_buf *out, jmap_lang lang, const char *text);

/* ---- the words of `jmap diff`'s reports (diff_report.c) ---- */
typedef enum jmap_diff_word {
    DW_STAGE_ADDED, DW_STAGE_REMOVED, DW_STAGE_RENAMED, DW_STAGE_MOVED,
    DW_STEP_ADDED, DW_STEP_REMOVED, DW_STEP_RENAMED, DW_STEP_MOVED,
    DW_IRRITANT_ADDED, DW_IRRITANT_SOLVED, DW_IRRITANT_CHANGED,
    DW_MOMENT_ADDED, DW_MOMENT_REMOVED, DW_IDEA_ADDED, DW_IDEA_REMOVED,
    DW_TOUCHPOINT_ADDED, DW_TOUCHPOINT_REMOVED, DW_PERSONA_ADDED,
    DW_PERSONA_REMOVED, DW_DEPARTMENT_ADDED, DW_DEPARTMENT_REMOVED,
    DW_THOUGHT_ADDED, DW_THOUGHT_REMOVED, DW_GOAL_ADDED, DW_GOAL_REMOVED,
    DW_METRIC_ADDED, DW_METRIC_REMOVED, DW_METRIC_CHANGED, DW_ACTION_ADDED,
    DW_ACTION_REMOVED, DW_ACTION_CHANGED,
    DW_OTHER,                          /* "3 other changes" */
    DW_EMOTION_DOWN, DW_EMOTION_UP,    /* "emotion down at 'Calls the hotline'" */
    DW_STEPS,                          /* "emotion down at 5 steps" */
    DW_NO_CHANGE,                      /* the summary of equal maps */
    DW_JOURNEY, DW_STAGE, DW_CHANGE, DW_STEP, DW_WHAT, DW_BEFORE, DW_AFTER, /* headings */
    DW_SOLVED,                         /* after a solved irritant */
    DW_DEFAULT,                        /* the default successor */
    DW_NONE,                           /* a value that is absent */
    DW_EVERY_PERSONA,                  /* a step's personas, when not given */
    DW_QUOTE_OPEN, DW_QUOTE_CLOSE,     /* around a quoted text */
    DW_COUNT_                          /* number of words, not a word */
} jmap_diff_word;

/* The text of `word` in `lang` for a count of `n` (singular for 1, plural
 * otherwise; words without a count take n = 1). */
const char *jmap_diff_word_text(jmap_lang lang, jmap_diff_word word, size_t n);

/* Appends `n` as a count is written in `lang` ("16,000", "16 000"). */
void jmap_format_count(jmap_buf *out, jmap_lang lang, size_t n);

/* The word for source `bit` (a jmap_source) as a reader of `lang` knows it
 * ("mystery visit", "visite mystère"); "" for anything else. The format's
 * own names are jmap_source_names. */
const char *jmap_source_word(jmap_lang lang, unsigned bit);

/* Appends the words of a set of jmap_source bits, in bit order, separated
 * by ", "; nothing for none. */
void jmap_format_sources(jmap_buf *out, jmap_lang lang, unsigned sources);

/* Appends `v`, a metric's number, as it is written in `lang`, with the
 * fewest digits that give it back: "1,250.5" in English, "1 250,5" in
 * French (a no-break space between thousands, a decimal comma). */
void jmap_format_metric(jmap_buf *out, jmap_lang lang, double v);

#endif /* JMAP_WORDS_H */
