/*
 * plan.h - the action report of `jmap report` (plan.c computes it,
 * plan_out.c writes its text formats, src/render/plan_pdf.c its PDF). Not
 * part of the public API: jmap.h has the entry points.
 *
 * A plan is computed once from one or more loaded, valid journeys and only
 * read afterwards, so that every format shows the same ranking, the same
 * groups and the same sums. Every pointer in it is borrowed from the
 * journeys or owned by the plan's arena; jmap_plan_free releases it.
 */
#ifndef JMAP_PLAN_H
#define JMAP_PLAN_H

#include "words.h"

#define JMAP_PLAN_HOT_STEPS 10 /* steps listed under "most irritants" */
#define JMAP_PLAN_LOWEST_SHOWN 5 /* lowest points named per curve */

/* The weight of a severity in the priority: low 1, medium 2, high 3. */
#define JMAP_PLAN_WEIGHT(level) ((long)(level) + 1)

/* One irritant, ranked. */
typedef struct jmap_plan_row {
    const jmap_irritant *irritant; /* the irritant */
    size_t map;                    /* index of its map */
    long frequency;                /* per month as counted: 1 when not given */
    long priority;                 /* severity weight x frequency */
    size_t rank;                   /* 1-based place in the ranking */
    size_t owner;                  /* its group in jmap_plan.owners */
    size_t order;                  /* journey order: maps, steps, irritants */
} jmap_plan_row;

/* The irritants of one owner department (or of none). Departments of
 * several maps that have the same display name are one owner. */
typedef struct jmap_plan_owner {
    const char *name;    /* the department's name; NULL for "no owner" */
    long total;          /* the sum of its irritants' priorities */
    size_t *rows;        /* its rows (indices of jmap_plan.rows), by rank */
    size_t n_rows;       /* how many */
    size_t n_no_remedy;  /* of which without a remedy */
    size_t column;       /* its column in the heat map */
} jmap_plan_owner;

/* A stage of the heat map and of the channel mix. Stages of several maps
 * that have the same name are one row. */
typedef struct jmap_plan_stage {
    const char *name;       /* the stage's name */
    long *heat;             /* heat[c]: sum of the priorities of the
                               irritants of owner column c in its steps */
    size_t channels[JMAP_N_CHANNELS]; /* touchpoint uses by channel */
    size_t n_steps;         /* steps in it */
} jmap_plan_stage;

/* A step with the map it belongs to. */
typedef struct jmap_plan_place {
    const jmap_step *step; /* the step */
    size_t map;            /* index of its map */
} jmap_plan_place;

/* One emotion curve: a persona of one map, or the map's customer when the
 * map gives no emotion by persona. */
typedef struct jmap_plan_curve {
    size_t map;                  /* index of its map */
    const jmap_persona *persona; /* NULL: the map's customer */
    const jmap_step **steps;     /* steps[0..n-1]: the points' steps */
    int *values;                 /* values[0..n-1]: -2..2 */
    size_t n;                    /* points */
    int lowest;                  /* the lowest value (when n > 0) */
    size_t n_lowest;             /* points at that value */
} jmap_plan_curve;

/* The totals of one map, or of all of them. */
typedef struct jmap_plan_totals {
    size_t steps, stages, touchpoints; /* counts */
    size_t irritants;                  /* every irritant */
    size_t by_severity[JMAP_N_LEVELS]; /* per jmap_level */
    double minutes;                    /* total duration; < 0 unknown */
} jmap_plan_totals;

typedef struct jmap_plan {
    const jmap_plan_map *maps;  /* the maps (borrowed) */
    size_t n_maps;              /* how many */
    const char **names;         /* names[m]: map m's short name */
    jmap_lang lang;             /* French when every map is, else English */
    jmap_plan_row *rows;        /* every irritant, by rank */
    size_t n_rows;              /* how many */
    jmap_plan_owner *owners;    /* "no owner" first when it has rows, then
                                   by total priority, highest first (ties
                                   in the order departments first appear) */
    size_t n_owners;            /* how many */
    size_t *columns;            /* columns[c]: the owner of heat-map column
                                   c ("no owner" first, then departments in
                                   the order they first appear) */
    jmap_plan_stage *stages;    /* stages in the order they first appear */
    size_t n_stages;            /* how many */
    long heat_max;              /* the largest heat-map cell */
    jmap_plan_curve *curves;    /* curves, map by map, persona by persona */
    size_t n_curves;            /* how many */
    jmap_plan_place *hot;       /* the steps with the most irritants, most
                                   first, ties in journey order; at most
                                   JMAP_PLAN_HOT_STEPS */
    size_t n_hot;               /* how many */
    const jmap_touchpoint **unused; /* touchpoints used by no step */
    size_t *unused_map;         /* unused_map[i]: the map of unused[i] */
    size_t n_unused;            /* how many */
    jmap_plan_place *bare;      /* steps with no touchpoint */
    size_t n_bare;              /* how many */
    jmap_plan_totals *totals;   /* totals[0..n_maps-1]: per map */
    jmap_plan_totals all;       /* over every map */
    struct jmap_plan_block *blocks; /* the document (jmap_plan_build_doc) */
    size_t n_blocks;            /* how many */
    jmap_arena *arena;          /* owns everything above but the maps */
} jmap_plan;

/* Computes the plan of `n` (at least 1) loaded, valid maps. The caller
 * frees it with jmap_plan_free; `maps` must outlive it. */
jmap_plan *jmap_plan_new(const jmap_plan_map *maps, size_t n);
void jmap_plan_free(jmap_plan *plan);

/* ---- the document that Markdown, HTML and PDF show (plan_out.c) ---- */

/* The report as a list of blocks in the report's language, so that the
 * three formats that a person reads lay out the same headings, tables and
 * curves and differ only in how they draw them. JSON and CSV read the plan
 * itself. */
typedef enum jmap_plan_block_kind {
    JMAP_PB_TITLE,      /* text: the report's title */
    JMAP_PB_SECTION,    /* text: a section's heading */
    JMAP_PB_SUBSECTION, /* text: a heading inside a section */
    JMAP_PB_TEXT,       /* text: a paragraph */
    JMAP_PB_TABLE,      /* a table: head, cells */
    JMAP_PB_LIST,       /* a bulleted list: cells, one column */
    JMAP_PB_CURVE       /* an emotion curve: curve */
} jmap_plan_block_kind;

typedef struct jmap_plan_cell {
    const char *text;    /* plain text (a user's or jmap's words) */
    double heat;         /* a heat-map cell: its share of the largest cell,
                            0..1; negative for any other cell */
    unsigned char number; /* 1: a number, aligned right */
    unsigned char warn;   /* 1: a flag to stand out ("no remedy") */
} jmap_plan_cell;

typedef struct jmap_plan_block {
    jmap_plan_block_kind kind;   /* what it is */
    const char *text;            /* heading or paragraph */
    size_t n_cols;               /* table: columns (list: 1) */
    const jmap_plan_cell *head;  /* table: head[0..n_cols-1] */
    const double *widths;        /* table: relative column widths */
    const jmap_plan_cell *cells; /* cells[row * n_cols + col] */
    size_t n_rows;               /* rows of cells */
    const jmap_plan_curve *curve; /* curve: the curve */
} jmap_plan_block;

/* Fills plan->blocks (once; later calls do nothing). */
void jmap_plan_build_doc(jmap_plan *plan);

/* ---- what the formats share (plan_out.c) ---- */

/* The short name of map `i`: its file name without folder or extension. */
const char *jmap_plan_map_name(const jmap_plan *plan, size_t i);

/* A whole number as the report's language writes it: "12,345" in English,
 * "12 345" in French (a narrow no-break space between thousands). */
void jmap_plan_format_long(jmap_buf *out, jmap_lang lang, long n);

/* The owner's display name: the department's, or "no owner". */
const char *jmap_plan_owner_name(const jmap_plan *plan, const jmap_plan_owner *o);

/* The department's display name: its name, else its id. */
const char *jmap_plan_dept_name(const jmap_department *d);

/* The severity's word in the report's language ("high", "forte"). */
const char *jmap_plan_level_word(jmap_lang lang, jmap_level level);

/* The curve's name: the persona's, else "Customer". */
const char *jmap_plan_curve_name(const jmap_plan *plan, const jmap_plan_curve *c);

#endif /* JMAP_PLAN_H */
