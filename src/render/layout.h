/*
 * layout.h - the journey map as pure geometry, shared by the layout, draw,
 * dump and output stages (not part of the public API).
 *
 * jmap_layout_new() turns a journey graph into a jmap_layout: every box,
 * text, line and curve of the map with its position in points (1 pt =
 * 1/72 in, origin at the top-left corner, y down). Texts are measured once
 * by a jmap_measurer and the measured PangoLayout is kept in the box, so the
 * drawing stage (draw.c, through a painter: painter.h) paints exactly what
 * was measured, for every output format. Nothing here knows cairo.
 */
#ifndef JMAP_LAYOUT_H
#define JMAP_LAYOUT_H

#include "internal.h"

#include <pango/pango.h>

/* ---- text measurement (text.c) ---- */

/* The few type styles of the map. */
typedef enum jmap_font {
    JMAP_FONT_TITLE,      /* the map's title */
    JMAP_FONT_HEADING,    /* stage names, lane labels, persona names */
    JMAP_FONT_TEXT,       /* the map's description */
    JMAP_FONT_BODY,       /* card texts */
    JMAP_FONT_BODY_BOLD,  /* step names */
    JMAP_FONT_SMALL,      /* durations, badges, legend, footer */
    JMAP_FONT_SMALL_BOLD, /* small headings */
    JMAP_FONT_COUNT_      /* number of styles, not a style */
} jmap_font;

/* Size in points of the card text: the size that must stay readable once a
 * map is scaled to fit a page. */
#define JMAP_BODY_PT 8.0
/* The smallest printed size of any glyph; below it a map is split over
 * several pages rather than shrunk (unless --fit). */
#define JMAP_MIN_PRINT_PT JMAP_MIN_TEXT_PT
/* The smallest type style's size: a page is printed at JMAP_MIN_PRINT_PT /
 * JMAP_SMALLEST_PT of its layout size or more. */
#define JMAP_SMALLEST_PT 7.0

/* Owns the one Pango font map and context of a render. */
typedef struct jmap_measurer jmap_measurer;

/* A measurer with its own font map (never the process-wide one), at 72 dpi
 * so that one Pango point is one layout unit, with metrics hinting off and
 * unrounded glyph positions. The caller frees it with jmap_measurer_free. */
jmap_measurer *jmap_measurer_new(void);
void jmap_measurer_free(jmap_measurer *m);
/* Checks that every type style of `m` resolves to one of jmap's faces (Noto
 * Sans, else DejaVu Sans), with glyphs: without them, Pango would measure
 * with whatever it finds, or with nothing. Returns 0, or JMAP_ERR_IO with a
 * reason naming the packages that bring them in `why`. */
int jmap_measurer_check(jmap_measurer *m, char *why, size_t why_len);

/* Lays out plain `text` (never markup) in `font`, wrapped to `width` points
 * (no wrapping when width <= 0), on at most `max_lines` lines (0: no limit);
 * beyond that the text is ellipsized and *cut set to 1. Returns a new
 * PangoLayout that the caller unrefs; its size is in *w and *h (points). */
PangoLayout *jmap_measurer_layout(jmap_measurer *m, const char *text,
                                  jmap_font font, double width, int max_lines,
                                  int center, int *cut, double *w, double *h);

/* The size in points of a font style. */
double jmap_font_size(jmap_font font);

/* ---- the layout ---- */

/* What a box is; jmap_box_kind_name() gives its name in the layout dump. */
typedef enum jmap_box_kind {
    JMAP_BOX_MAP,          /* the whole map (background) */
    JMAP_BOX_LANE,         /* a lane's band across the map */
    JMAP_BOX_LANE_LABEL,   /* text: a lane's name in the label column */
    JMAP_BOX_TITLE,        /* text: the map's title */
    JMAP_BOX_SUBTITLE,     /* text: total duration, "continued" */
    JMAP_BOX_DESCRIPTION,  /* text: the map's description */
    JMAP_BOX_PERSONA,      /* a persona card */
    JMAP_BOX_PERSONA_BAR,  /* mark: the coloured bar at a persona card's
                              left edge */
    JMAP_BOX_PERSONA_NAME, /* text */
    JMAP_BOX_PERSONA_TEXT, /* text: a persona's description */
    JMAP_BOX_PERSONA_CHIP, /* a persona's disc in its colour, on its card
                              and on the step cards of its steps; curve:
                              the persona's index */
    JMAP_BOX_PERSONA_INITIAL, /* text: the initial in a persona's disc */
    JMAP_BOX_GOALS_LABEL,  /* text: "Goals" */
    JMAP_BOX_GOAL,         /* text: one goal, after a bullet */
    JMAP_BOX_LEGEND,       /* the legend's frame */
    JMAP_BOX_LEGEND_TITLE, /* text */
    JMAP_BOX_SWATCH,       /* a legend sample, the box of its shape (a
                              chip, a card, a badge) that its marks sit
                              in; style.swatch, curve */
    JMAP_BOX_LEGEND_TEXT,  /* text: what a sample means */
    JMAP_BOX_STAGE,        /* a stage's band; style.stage */
    JMAP_BOX_STAGE_NAME,   /* text */
    JMAP_BOX_STAGE_DURATION, /* text */
    JMAP_BOX_STAGE_DESCRIPTION, /* text: under the stage's name and
                              duration, on the band's first page */
    JMAP_BOX_STEP,         /* a step card; style.stage */
    JMAP_BOX_STEP_NAME,    /* text */
    JMAP_BOX_STEP_DURATION, /* text, after a clock icon */
    JMAP_BOX_STEP_DESCRIPTION, /* text: under the step's name and duration,
                              smaller and lighter */
    JMAP_BOX_STAGE_GOAL,   /* text: one of a stage's goals, after a bullet,
                              in its band */
    JMAP_BOX_THOUGHT,      /* a thought's quote card */
    JMAP_BOX_THOUGHT_TEXT, /* text: the thought in quotation marks (the
                              dump gives it as written) */
    JMAP_BOX_METRIC,       /* a step's metric card */
    JMAP_BOX_METRIC_NAME,  /* text: what a metric measures */
    JMAP_BOX_METRIC_VALUE, /* text: its figure, "2,3 %" in French */
    JMAP_BOX_METRIC_TARGET, /* text: "Target: 3 %", after an icon-met or
                              icon-missed */
    JMAP_BOX_SCALE_TEXT,   /* text: an emotion scale value (+2, 0, -2) */
    JMAP_BOX_EMOTION,      /* an emotion point; style.emotion, curve */
    JMAP_BOX_TOUCHPOINT,   /* a touchpoint chip; style.channel */
    JMAP_BOX_TOUCHPOINT_NAME, /* text */
    JMAP_BOX_IRRITANT,     /* an irritant card; style.level */
    JMAP_BOX_IRRITANT_NAME, /* text */
    JMAP_BOX_IRRITANT_OWNER, /* text: "Owner: Customer care", under it */
    JMAP_BOX_BADGE,        /* a frequency badge */
    JMAP_BOX_BADGE_TEXT,   /* text: "37/mo" */
    JMAP_BOX_MOMENT,       /* a positive-moment card */
    JMAP_BOX_MOMENT_TEXT,  /* text */
    JMAP_BOX_IDEA,         /* an idea card */
    JMAP_BOX_IDEA_TEXT,    /* text */
    JMAP_BOX_REMEDY,       /* an irritant's remedy card, right under the
                              irritant's card */
    JMAP_BOX_REMEDY_TEXT,  /* text */
    JMAP_BOX_DEPT_NAME,    /* text: a department's row name */
    JMAP_BOX_DEPT_MARK,    /* a department involved in a column;
                              style.visibility */
    JMAP_BOX_DEPT_ACTION,  /* text: what the department does at the step
                              (`actions`), under its mark */
    JMAP_BOX_SEPARATOR_TEXT, /* text: "Line of visibility", "Support" */
    JMAP_BOX_FOOTER,       /* text: page number and stage range */
    JMAP_BOX_ICON,         /* mark: an icon in its JMAP_ICON_SIZE square;
                              style.icon */
    JMAP_BOX_BULLET,       /* mark: the dot before a goal */
    JMAP_BOX_SEVERITY_BAR, /* mark: an irritant's bar at its left edge,
                              jmap_severity_bar_w() wide; style.level */
    JMAP_BOX_ARROW_HEAD,   /* the head of a flow, branch or legend arrow,
                              its tip on the box's edge; style.heading */
    JMAP_BOX_MARKER,       /* mark: a curve's marker in a legend sample,
                              reaching its box's edges; curve */
    JMAP_BOX_TILE_TAG,     /* a tile's name tag (on the tile, and on its
                              cell of the assembly sheet) */
    JMAP_BOX_TILE_LABEL,   /* text: a tile's name, "B3" */
    JMAP_BOX_TILE_CELL,    /* a tile's part of the assembly thumbnail */
    JMAP_BOX_ASSEMBLY_TEXT, /* text: the assembly sheet's heading and how to */
    JMAP_BOX_DIFF_OUTLINE, /* a visual diff's outline around a card added or
                              changed since the old map; style.diff */
    JMAP_BOX_DIFF_TAG,     /* the tag under such a card's text ("new",
                              "severity: medium -> high"); style.diff */
    JMAP_BOX_DIFF_TAG_TEXT, /* text: what the tag says */
    JMAP_BOX_DIFF_GHOST,   /* an emotion before the change, hollow, at its old
                              level beside the new point; style.emotion, curve */
    JMAP_BOX_DIFF_GONE,    /* a card of what the old map had and the new one
                              has not (a removed step, a solved irritant), in
                              the changes lane under its step */
    JMAP_BOX_DIFF_GONE_TEXT, /* text: its old text, struck */
    JMAP_BOX_KIND_COUNT_   /* number of kinds, not a kind */
} jmap_box_kind;

/* Legend samples (JMAP_BOX_SWATCH styles). */
typedef enum jmap_swatch {
    JMAP_SWATCH_DIGITAL,
    JMAP_SWATCH_PHYSICAL,
    JMAP_SWATCH_HUMAN,
    JMAP_SWATCH_IRRITANT_LOW,
    JMAP_SWATCH_IRRITANT_MEDIUM,
    JMAP_SWATCH_IRRITANT_HIGH,
    JMAP_SWATCH_BADGE,
    JMAP_SWATCH_MOMENT,
    JMAP_SWATCH_IDEA,
    JMAP_SWATCH_REMEDY,
    JMAP_SWATCH_CURVE,     /* the box's curve: its line; a marker box */
    JMAP_SWATCH_ARROW,     /* nothing: a legend-arrow path and its head */
    JMAP_SWATCH_MET,       /* nothing: its icon */
    JMAP_SWATCH_MISSED,
    JMAP_SWATCH_SOURCE     /* nothing: the icon of the source whose bit
                              number is the box's curve */
} jmap_swatch;

/* What a box is to the geometry checks and the dump's reader. */
typedef enum jmap_box_class {
    JMAP_CLASS_AREA, /* a card, band or frame: holds texts and marks */
    JMAP_CLASS_TEXT, /* a measured text */
    JMAP_CLASS_MARK, /* an icon, bullet, bar or marker: drawn in its box,
                        no text */
    JMAP_CLASS_POINT /* an emotion point, centred on its curve */
} jmap_box_class;

/* Icons (JMAP_BOX_ICON styles): small drawings, defined once per document
 * and placed many times; jmap_icon_name() gives their names in the dump. */
typedef enum jmap_icon {
    JMAP_ICON_DIGITAL,  /* channels, in jmap_channel order */
    JMAP_ICON_PHYSICAL,
    JMAP_ICON_HUMAN,
    JMAP_ICON_SEVERITY_LOW, /* severity bars, in jmap_level order */
    JMAP_ICON_SEVERITY_MEDIUM,
    JMAP_ICON_SEVERITY_HIGH,
    JMAP_ICON_CHECK,    /* a positive moment */
    JMAP_ICON_BULB,     /* an idea */
    JMAP_ICON_BANDAGE,  /* a remedy */
    JMAP_ICON_CLOCK,    /* a duration */
    JMAP_ICON_MET,      /* a metric that reaches its target */
    JMAP_ICON_MISSED,   /* a metric that misses it */
    JMAP_ICON_SURVEY,   /* where an insight comes from, in the order of */
    JMAP_ICON_INTERVIEW, /* the jmap_source bits */
    JMAP_ICON_MYSTERY_VISIT,
    JMAP_ICON_STAFF_REPORT,
    JMAP_ICON_SUPPORT_TICKETS,
    JMAP_ICON_ANALYTICS,
    JMAP_ICON_REVIEW,
    JMAP_ICON_OBSERVATION,
    JMAP_ICON_COUNT_    /* number of icons, not an icon */
} jmap_icon;

#define JMAP_ICON_SIZE 10.0 /* the side of an icon's box, in points */
#define JMAP_BULLET_D 3.2   /* the diameter of a goal's bullet */
/* How far a curve marker's shape reaches from its centre, in radii: its
 * box is 2 * JMAP_MARKER_REACH radii wide. */
#define JMAP_MARKER_REACH 1.3

/* The width of an irritant's severity bar, by jmap_level. */
double jmap_severity_bar_w(jmap_level level);

/* What a visual diff's mark says of a card (diffmarks.c). */
typedef enum jmap_diff_state {
    JMAP_DIFF_ADDED,   /* new since the old map */
    JMAP_DIFF_CHANGED, /* there before, changed */
    JMAP_DIFF_REMOVED  /* there before, gone (solved) */
} jmap_diff_state;

/* Where an arrow head points (JMAP_BOX_ARROW_HEAD styles). */
typedef enum jmap_heading {
    JMAP_HEADING_RIGHT, JMAP_HEADING_DOWN, JMAP_HEADING_LEFT, JMAP_HEADING_UP
} jmap_heading;

/* A box's kind-specific style: the member its kind names (see
 * jmap_box_kind), always a valid value of its type. */
typedef union jmap_box_style {
    int lane;                   /* lane: its number from the top */
    size_t stage;               /* stage, step: the stage's index */
    jmap_channel channel;       /* touchpoint */
    jmap_level level;           /* irritant, severity-bar */
    jmap_visibility visibility; /* department-mark */
    jmap_swatch swatch;         /* swatch */
    jmap_icon icon;             /* icon */
    int emotion;                /* emotion: the value, -2..2 */
    jmap_heading heading;       /* arrow-head */
    jmap_diff_state diff;       /* diff-outline, diff-tag */
} jmap_box_style;

typedef struct jmap_box {
    jmap_box_kind kind; /* what it is */
    jmap_pos pos;       /* where its source was written ({0,0}: generated) */
    double x, y, w, h;  /* the box, in points from the top-left corner */
    const char *text;   /* the text of a text box, NULL for other boxes */
    PangoLayout *pl;    /* a text box's measured layout, drawn at (x, y) */
    int column;         /* the step column it belongs to, -1 for none */
    int parent;         /* index of the box it sits in, -1 for none */
    jmap_box_style style; /* kind-specific: stage, channel, severity... */
    size_t curve;       /* emotion, curve swatch: the emotion curve */
    jmap_font font;     /* a text box's type style */
} jmap_box;

/* What a path is. */
typedef enum jmap_path_kind {
    JMAP_PATH_GRID,       /* a stage boundary across the lanes */
    JMAP_PATH_LEVEL,      /* a faint emotion level guide */
    JMAP_PATH_NEUTRAL,    /* the emotion scale's neutral line */
    JMAP_PATH_CURVE,      /* an emotion curve: cubic Béziers; curve */
    JMAP_PATH_VISIBILITY, /* the line of visibility */
    JMAP_PATH_SUPPORT,    /* the line above the support departments */
    JMAP_PATH_FLOW,       /* a short arrow between two consecutive steps */
    JMAP_PATH_ARROW,      /* a branch or loop arrow: a polyline; loop */
    JMAP_PATH_ROW,        /* a faint rule under a department row */
    JMAP_PATH_LEGEND_ARROW, /* the legend's arrow sample: a polyline with
                               square corners, in its swatch */
    JMAP_PATH_CROP,       /* a crop mark in a tile's margin */
    JMAP_PATH_GLUE,       /* the dashed edge of a tile's glue strip, where
                             the next sheet's edge goes */
    JMAP_PATH_DIFF_STRIKE, /* a line through a removed card's text line */
    JMAP_PATH_DIFF_SHIFT, /* from an emotion's old point to its new one;
                             curve */
    JMAP_PATH_KIND_COUNT_
} jmap_path_kind;

typedef struct jmap_point {
    double x, y; /* in points */
} jmap_point;

typedef struct jmap_path {
    jmap_path_kind kind; /* what it is */
    jmap_pos pos;        /* source position ({0,0}: generated) */
    jmap_point *pts;     /* polyline points, or for a curve p0 c c p1 c c p2 */
    size_t n;            /* number of points */
    int loop;            /* arrow: 1 when it goes back (a loop) */
    double head;         /* flow, arrow, legend arrow: the length of its
                            head (an arrow-head box at its end), 0 for
                            none */
    size_t curve;        /* curve: the emotion curve */
} jmap_path;

/* The part of a journey that one layout shows: steps [first, end) and
 * the page it makes. A whole map is first = 0, end = n_steps, n_pages = 1. */
typedef struct jmap_slice {
    size_t first;   /* first step shown */
    size_t end;     /* one past the last step shown */
    int page;       /* 1-based page number */
    int n_pages;    /* pages in the document */
} jmap_slice;

/* One page of a map cut from its grid (jmap_layout_page): the steps
 * [first, end) it shows, and the part [y0, y1) of the lanes under the
 * stage lane, in the grid's units. Pages form n_rows rows of n_cols:
 * the steps go across, the lanes down. */
typedef struct jmap_page_spec {
    size_t first, end; /* the steps shown */
    double y0, y1;     /* the lanes shown, as y in the grid */
    int row, col;      /* 0-based place among the pages */
    int n_rows, n_cols;
    double width;      /* the page's width in layout units: its header
                          flows in width - 2 margins */
} jmap_page_spec;

/* The margin around a layout, and above and below a lane's content, in
 * layout units. */
#define JMAP_LAYOUT_MARGIN 28.0
#define JMAP_LANE_PAD 8.0

/* The lanes of a layout, top to bottom. */
#define JMAP_MAX_LANES 10

/* A finished map: everything the drawing stage paints. */
typedef struct jmap_layout {
    const jmap_journey *journey; /* the graph it was made from (borrowed) */
    jmap_slice slice;     /* the steps it shows */
    double width, height; /* size of the map in points */
    jmap_box *boxes;      /* boxes[0..n_boxes-1], in painting order */
    size_t n_boxes;       /* number of boxes */
    size_t cap_boxes;     /* allocated boxes */
    jmap_path *paths;     /* paths[0..n_paths-1] */
    size_t n_paths;       /* number of paths */
    size_t cap_paths;     /* allocated paths */
    double *col_x;        /* left edge of each shown step's column */
    double col_w;         /* width of a step column */
    double label_x;       /* left edge of the lane label column */
    double label_w;       /* width of the lane label column */
    size_t n_lanes;       /* lanes shown */
    double lane_y[JMAP_MAX_LANES]; /* each lane's top */
    double lane_h[JMAP_MAX_LANES]; /* and height */
    int lane_cut_ok[JMAP_MAX_LANES]; /* 1: a page may end inside it */
    double header_h;      /* the title block's height, margin excluded */
    int row, col;         /* a page's place among the pages (0, 0) */
    int n_rows, n_cols;   /* rows and columns of pages (1, 1) */
    size_t n_curves;      /* emotion curves (1, or one per persona) */
    const char **curve_names; /* curve_names[k]: persona name, or NULL */
    int shapes_only;      /* 1: draw no text (an assembly thumbnail) */
    int untagged;         /* 1: no structure in a PDF (a poster's tile) */
    int flags;            /* JMAP_LAYOUT_BLANK or 0 */
    const struct jmap_diffmarks *marks; /* the changes marked on it
                             (diffmarks.c), NULL for none; borrowed */
    double emotion_mid;   /* the emotions lane's neutral line, 0 for none */
    jmap_arena *arena;    /* owns generated strings and path points */
} jmap_layout;

/* The grid of a map that is printed on pages: every lane of the whole
 * journey, without the title block, lanes from y = 0 (margins
 * excluded); pages are cut from it (jmap_layout_page). */
jmap_layout *jmap_layout_grid(const jmap_journey *journey, jmap_measurer *m,
                              jmap_diag_list *diags, int flags);
/* The whole map on one page, as jmap_layout_new, with `flags`. */
jmap_layout *jmap_layout_whole(const jmap_journey *journey, jmap_measurer *m,
                               jmap_diag_list *diags, int flags);
/* A flag of jmap_layout_grid and jmap_layout_whole: a blank sheet for a
 * workshop (a journey made by jmap_blank_journey), its lanes tall enough
 * for sticky notes once printed at JMAP_BLANK_SCALE. */
#define JMAP_LAYOUT_BLANK 1
/* Flags of jmap_layout_grid and jmap_layout_header_height: a shorter title
 * block, for a page that the whole one would leave too little room on:
 * without the description and persona cards (the legend still names each
 * persona's curve), or the title alone. */
#define JMAP_LAYOUT_HEADER_SHORT 2
#define JMAP_LAYOUT_HEADER_TITLE 4
/* A blank sheet prints at this scale: a step column is 80 mm wide, room
 * for a 76 mm sticky note. */
#define JMAP_BLANK_SCALE (226.77 / 124.0)
/* The journey of a blank sheet for `journey` (blank.c): its title,
 * personas, stages and departments, an empty step for each of its steps
 * (three for a stage with none). The caller frees it with
 * jmap_journey_free before `journey`. */
jmap_journey *jmap_blank_journey(const jmap_journey *journey);
/* The height of the title block of a page `width` wide (layout units). */
double jmap_layout_header_height(const jmap_journey *journey,
                                 jmap_measurer *m, double width, int flags);
/* The same, measured once for many widths: the sizes of a title block
 * with `flags`, its height at a width, freed with jmap_header_sizes_free. */
typedef struct jmap_header_sizes jmap_header_sizes;
jmap_header_sizes *jmap_header_sizes_new(const jmap_journey *journey,
                                         jmap_measurer *m, int flags);
double jmap_header_sizes_height(const jmap_header_sizes *hs, double width);
void jmap_header_sizes_free(jmap_header_sizes *hs);
/* The layout unit width of the column of steps [first, end) in `grid`,
 * from the left edge of the first to the right edge of the last. */
double jmap_grid_span(const jmap_layout *grid, size_t first, size_t end);
/* The page `spec` of the map whose grid is `grid`: the title block flowed
 * in the page's width, the stage lane over its steps, the part of the
 * lanes it shows (curves and arrows cut exactly at its edges, a lane's
 * label repeated when the lane began on the page above, a stage's name
 * when it began on the page before), and a footer. page / n_pages number
 * it; the texts of its title block that are cut are reported to `diags`
 * (may be NULL). */
jmap_layout *jmap_layout_page_of(const jmap_layout *grid, jmap_measurer *m,
                                 const jmap_page_spec *spec, int page,
                                 int n_pages, jmap_diag_list *diags);
/* The fixed parts of a page around its lanes: margins, stage lane,
 * footer. */
double jmap_page_extra_height(const jmap_layout *grid, jmap_measurer *m,
                              int footer);
/* The width of a page's label column and margins, around its steps. */
double jmap_page_extra_width(void);

/* A tile of a poster printed on smaller sheets: where it is and what
 * its sheet shows. */
typedef struct jmap_tile_spec {
    double sheet_w, sheet_h; /* the sheet, in points */
    double margin;           /* its unprintable margin */
    double step_x, step_y;   /* the poster's width and height each tile
                                adds (the sheet's printable area less the
                                glue strip) */
    double glue;             /* the strip of a tile that the next covers */
    int row, col;            /* 0-based */
    int n_rows, n_cols;
    double poster_w, poster_h; /* the poster, in points */
} jmap_tile_spec;

/* The marks printed on tile `t`, in points: crop marks in its margins at
 * the edges to trim, the dashed edges of its glue strips, its name tag.
 * `name` is "B3", or "2-B3" for the second of several posters. */
jmap_layout *jmap_layout_tile_marks(const jmap_journey *journey,
                                    jmap_measurer *m, const jmap_tile_spec *t,
                                    const char *name);
/* The assembly sheet of a poster, in points, on a sheet of t: a heading,
 * how to assemble, and the grid of tiles over the thumbnail's place,
 * (*tx, *ty) and *tk: where the thumbnail goes and its scale. */
jmap_layout *jmap_layout_assembly(const jmap_journey *journey,
                                  jmap_measurer *m, const jmap_tile_spec *t,
                                  const char *heading, double *tx, double *ty,
                                  double *tk);

/* jmap_layout_grid and jmap_layout_whole with the changes `marks` (may be
 * NULL) drawn on the map (diffmarks.c). */
jmap_layout *jmap_layout_grid_marked(const jmap_journey *journey,
                                     jmap_measurer *m, jmap_diag_list *diags,
                                     int flags,
                                     const struct jmap_diffmarks *marks);
jmap_layout *jmap_layout_whole_marked(const jmap_journey *journey,
                                      jmap_measurer *m, jmap_diag_list *diags,
                                      int flags,
                                      const struct jmap_diffmarks *marks);

/* For the passes that add to a layout (diffmarks.c): a box, a text box
 * measured once (as the layout's own: wrapped to `width`, at most
 * `max_lines` lines), a path of n points; each returns its index or the
 * path. */
size_t jmap_layout_add_box(jmap_layout *L, jmap_box_kind kind, jmap_pos pos,
                           double x, double y, double w, double h, int column,
                           int parent);
size_t jmap_layout_add_text(jmap_layout *L, jmap_measurer *m,
                            jmap_box_kind kind, const char *text, jmap_pos pos,
                            jmap_font font, double x, double y, double width,
                            int max_lines, int column, int parent);
jmap_path *jmap_layout_add_path(jmap_layout *L, jmap_path_kind kind,
                                jmap_pos pos, size_t n);
/* Where emotion curve `k` passes in column `col` of L: its x, and the y
 * of emotion value v (-2..2) on the emotions lane. */
double jmap_layout_curve_x(const jmap_layout *L, size_t col, size_t k);
double jmap_layout_level_y(const jmap_layout *L, int v);

/* Lays out the whole of `journey` on one page. Findings such as
 * text-overflow (a very tall text) go to `diags` (may be NULL). The caller frees the result
 * with jmap_layout_free. */
jmap_layout *jmap_layout_new(const jmap_journey *journey, jmap_measurer *m,
                             jmap_diag_list *diags);
void jmap_layout_free(jmap_layout *layout);

/* The name of a box kind or path kind in the layout dump. */
const char *jmap_box_kind_name(jmap_box_kind kind);
jmap_box_class jmap_box_kind_class(jmap_box_kind kind);
const char *jmap_icon_name(jmap_icon icon);
const char *jmap_path_kind_name(jmap_path_kind kind);

/* The bounding box of a path. */
void jmap_path_bounds(const jmap_path *path, double *x, double *y, double *w,
                      double *h);

/* ---- the layout dump (dump.c) ---- */

/* Appends the text dump of `layout` to `out` (format in docs/render.md). */
void jmap_layout_dump(const jmap_layout *layout, jmap_buf *out);

/* ---- palette (palette.c) ---- */

typedef struct jmap_rgb {
    double r, g, b; /* 0..1 */
} jmap_rgb;

/* Named colours of the map: Okabe-Ito hues and their tints. */
typedef enum jmap_colour {
    JMAP_C_INK,        /* main text */
    JMAP_C_INK_SOFT,   /* secondary text */
    JMAP_C_RULE,       /* thin lines, borders */
    JMAP_C_LANE_A,     /* lane band, odd lanes */
    JMAP_C_LANE_B,     /* lane band, even lanes */
    JMAP_C_LABEL_BG,   /* label column */
    JMAP_C_CARD,       /* step card */
    JMAP_C_ORANGE, JMAP_C_SKY, JMAP_C_GREEN, JMAP_C_YELLOW, JMAP_C_BLUE,
    JMAP_C_VERMILLION, JMAP_C_PURPLE, JMAP_C_GREY,
    JMAP_C_IRRITANT_LOW, JMAP_C_IRRITANT_MEDIUM, JMAP_C_IRRITANT_HIGH,
    JMAP_C_MOMENT, JMAP_C_IDEA, JMAP_C_THOUGHT,
    JMAP_C_DIGITAL, JMAP_C_PHYSICAL, JMAP_C_HUMAN,
    JMAP_C_FRONTSTAGE, JMAP_C_BACKSTAGE, JMAP_C_SUPPORT,
    JMAP_C_ARROW,
    JMAP_C_COUNT_
} jmap_colour;

jmap_rgb jmap_palette_colour(jmap_colour c);
/* The soft fill of stage number `index` (cycles). */
jmap_rgb jmap_palette_stage(size_t index);
/* The colour of an emotion value -2..2 (orange to blue, colour-blind safe). */
jmap_rgb jmap_palette_emotion(int value);
/* The colour of emotion curve `k` (ink, blue, purple, green...). */
jmap_rgb jmap_palette_curve(size_t k);
/* The colour a text box's text is painted in (draw.c). */
jmap_rgb jmap_text_rgb(jmap_box_kind kind);

#endif /* JMAP_LAYOUT_H */
