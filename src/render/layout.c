/*
 * layout.c - from the journey graph to the geometry of the map.
 *
 * Time runs left to right: one column per step, a label column on the left.
 * Under a title block (title, total duration, description, personas,
 * legend) come the lanes, top to bottom, each built by one function of the
 * `lanes` table: stages, customer actions (with the branch and loop arrows
 * in a channel above the cards), emotions, touchpoints, irritants and
 * moments, ideas and remedies, departments (frontstage, line of visibility,
 * backstage, support). A lane with nothing in it is left out. Which
 * departments each step involves, the arrows into each step and each
 * persona's emotions are facts of the journey, read from the resolve pass
 * (resolve.c): a curve costs its own points, whatever the personas.
 *
 * Every text is measured here, once, through the measurer; it is wrapped to
 * its box, which grows to hold it whole (no text is ever cut), and a text
 * so long that it makes its row very tall gets a text-overflow warning
 * naming its source position. The result, a
 * jmap_layout, is pure geometry in points that draw.c paints and dump.c
 * prints; this file never draws.
 */
#include "diffmarks.h"
#include "layout.h"
#include "words.h"

#include <math.h>
#include <string.h>

/* ---- dimensions, in points ---- */
#define MARGIN JMAP_LAYOUT_MARGIN /* around the map */
#define LABEL_W 112.0     /* lane label column */
#define COL_W 124.0       /* one step column */
#define COL_GAP 10.0      /* between two step columns */
#define STAGE_GAP 10.0    /* added between two stages */
#define LANE_PAD JMAP_LANE_PAD /* above and below a lane's content */
#define LABEL_PAD 8.0     /* inside the label column */
#define CARD_PAD 5.0      /* inside a card */
#define CARD_GAP 4.0      /* between stacked cards */
#define ICON_W 13.0       /* room for an icon at a card's left */
#define ARROW_TRACK 8.0   /* between two arrow tracks above the cards */
#define LEVEL_H 13.0      /* between two emotion levels */
#define MIN_CONTENT_W 700.0 /* the title block's smallest width */
#define MAX_SORTED_ARROWS 256 /* beyond, arrows get tracks the quick way */
#define PERSONA_W 210.0   /* a persona card */
#define LEGEND_ITEM_W 150.0 /* one legend entry */
#define DESCRIPTION_W 380.0 /* the map's description */

/* ---- inside cards and blocks ---- */
#define TEXT_GAP 2.0      /* between two texts of a persona card */
#define LINE_GAP 1.0      /* between a heading and its list, between goals */
#define PERSONA_PAD_X 8.0 /* inside a persona card, left and right */
#define PERSONA_PAD_TOP 7.0
#define PERSONA_PAD_BOTTOM 6.0
#define LEGEND_PAD_X 8.0  /* inside the legend, left and right */
#define LEGEND_PAD_TOP 6.0
#define LEGEND_PAD_BOTTOM 4.0
#define LEGEND_TITLE_GAP 4.0 /* under the legend's title */
#define LEGEND_TEXT_X 25.0   /* a legend text, from its entry's left */
#define LEGEND_TEXT_END 5.0  /* room after a legend text */
#define LEGEND_ROW_H 12.0    /* a legend entry's least height */
#define LEGEND_ROW_GAP 3.0   /* between two legend entries */
#define SWATCH_DROP 1.0      /* a sample, below its entry's top */
#define LEGEND_W (2 * LEGEND_ITEM_W + 12.0) /* two columns and their pads */
#define TITLE_GAP 3.0        /* under the map's title */
#define SUBTITLE_GAP 10.0    /* under the subtitle */
#define HEADER_ROW_GAP 12.0  /* between two rows of the title block */
#define HEADER_ITEM_GAP 18.0 /* between two blocks of a row */
#define HEADER_BOTTOM 16.0   /* under the title block */
#define STAGE_PAD_X 8.0      /* inside a stage band */
#define STAGE_PAD_Y 6.0
#define STAGE_DURATION_GAP 1.0 /* above and below a stage's duration */
#define STEP_PAD_X 8.0       /* inside a step card */
#define STEP_PAD_Y 7.0
#define STEP_DURATION_GAP 3.0  /* above a step's duration */
#define DESCRIPTION_GAP 3.0    /* above a step's or stage's description */
#define ARROW_RISE 6.0       /* the first arrow track, above the cards */
#define PORT_GAP 12.0        /* between two arrow ports on a card's top */
#define FLOW_HEAD 3.5        /* the head of a flow arrow */
#define ARROW_HEAD 4.5       /* the head of a branch or loop arrow */
#define FLOW_GAP 1.5         /* between a flow arrow and a card */
#define GUIDE_OVERHANG 4.0   /* emotion guides, left of the first column */
#define SCALE_TOP 8.0        /* the +2 level, below the lane's padding (at
                                least), and the -2 level above it */
#define SCALE_LABEL_GAP 3.0  /* between the lane's label and the scale */
#define CURVE_SPREAD 5.0     /* between two personas' curves */
#define CURVE_ROOM (COL_W - 8.0) /* the widest the curves spread in a column:
                                    past 24 personas they close up */
#define EMOTION_R 3.6        /* an emotion point's marker's radius */
#define EMOTION_D (2 * JMAP_MARKER_REACH * EMOTION_R) /* its box, which the
                                                         marker reaches */
#define CARD_MIN_H 17.0      /* a card's least height */
#define NOTE_H 118.0         /* a blank sheet's room for a sticky note, which
                                prints 76 mm high at JMAP_BLANK_SCALE */
#define CHIP_INSET 3.0       /* a chip, inside its column */
#define CHIP_GAP 3.0         /* between two chips */
#define BADGE_PAD_X 4.0      /* inside a frequency badge */
#define BADGE_PAD_Y 1.0
#define BADGE_INSET 4.0      /* a badge, from its card's top right corner */
#define IRRITANT_TOP 4.0     /* the severity row, below the card's top */
#define IRRITANT_TEXT_GAP 3.0 /* between the severity row and the text */
#define OWNER_GAP 2.0        /* between an irritant's text and its owner */
#define REMEDY_INDENT 10.0   /* a remedy, hanging under its irritant */
#define THOUGHT_PAD_X 7.0    /* inside a thought's card, left and right */
#define SOURCE_GAP 2.0       /* around a source's mark */
#define CHIP_D 12.0          /* a persona's disc */
#define CHIP_GAP_X 3.0       /* after it */
#define METRIC_PAD 5.0       /* inside a metric's card */
#define METRIC_TARGET_GAP 1.0 /* above a metric's target */
#define DEPT_TOP_GAP 6.0     /* the first department row, under the label */
#define DEPT_PAD_Y 3.0       /* above and below a department's name */
#define DEPT_ROW_MIN_H 18.0  /* a department row's least height */
#define DEPT_MARK_INSET_X 2.0 /* a department mark, inside its column */
#define DEPT_MARK_INSET_Y 3.0 /* ... and inside its row */
#define ACTION_W (COL_W - 2 * DEPT_MARK_INSET_X) /* an action's text */
#define ACTION_GAP 4.0       /* around an action's text, under its mark */
#define ROW_OVERHANG 4.0     /* a row's rule, left of the first column */
#define SEPARATOR_PAD 3.0    /* above and below a separator's label */
#define SEPARATOR_LINE_GAP 6.0 /* between a separator's label and its line */
#define FOOTER_GAP 8.0       /* above a split map's footer */

/* ---- marks: where icons, bullets and bars sit (JMAP_ICON_SIZE boxes) ---- */
#define CHIP_ICON_X 5.5   /* a touchpoint's icon, from its chip's corner */
#define CHIP_ICON_Y 3.5
#define CHIP_TEXT_TOP 3.5 /* a touchpoint's name, below the chip's top */
#define CARD_ICON_X 6.0   /* a moment's, idea's or remedy's icon */
#define CARD_ICON_Y 4.0
#define CARD_TEXT_TOP 4.0 /* their text, below the card's top */
#define ICON_TEXT_GAP 7.0 /* between the ICON_W room and a card's text */
#define BAR_ICON_GAP 6.0  /* between an irritant's bar and its icon */
#define CLOCK_BEFORE 11.0 /* a clock's left edge, before its duration */
#define CLOCK_RISE 4.0    /* its top, above the duration's middle */
#define GOAL_INDENT 9.0   /* a goal's text, right of the persona's texts */
#define BULLET_BEFORE 5.0 /* a goal's bullet centre, before its text */
#define BULLET_DROP 5.2   /* ... and below its top */
#define STAGE_BULLET_DROP 4.4 /* a stage goal's bullet, below its text's top */
#define PERSONA_BAR_W 3.0 /* the bar at a persona card's left edge */
#define PERSONA_BAR_INSET 6.0 /* ... below the card's top, above its bottom */
#define SWATCH_W 20.0     /* a legend sample's cell */
#define SWATCH_H 10.0
#define SWATCH_ICON_X 5.0 /* a sample's icon, from its cell's corner */
#define SWATCH_CHIP_ICON_Y (-0.5) /* ... for a touchpoint sample */
#define SWATCH_BAR_ICON_GAP 1.5   /* an irritant sample's icon, after its bar */
#define SWATCH_BAR_ICON_Y 0.2
#define CHIP_SAMPLE_OUT_X 1.0 /* a touchpoint sample, out of its cell */
#define CHIP_SAMPLE_OUT_Y 1.5
#define CARD_SAMPLE_OUT_Y 1.0 /* a card's sample, above and below its cell */
#define BADGE_SAMPLE_IN_X 2.0 /* a badge's sample, inside its cell */
#define BADGE_SAMPLE_IN_Y 1.0
#define SWATCH_MARKER_R 3.2   /* a curve sample's marker's radius */
#define LEGEND_FIXED_ROOM 32  /* room for the legend entries that are not
                                 curves (13 kinds) */
#define SWATCH_ARROW_RISE 2.0 /* an arrow sample's track, below its cell's top */
#define SWATCH_ARROW_IN 3.0   /* its tip, before the cell's right edge */
#define SWATCH_ARROW_HEAD 4.0 /* its head */

/* ---- texts: never cut ---- */
/* Every text is wrapped to its box and the box grows to hold all of it.
 * A text that wraps to more lines than this makes its row very tall, and
 * is reported (text-overflow) for the author to shorten. */
#define TALL_LINES 12
/* How add_text sets a text: wrapped as one paragraph (its line breaks
 * read as spaces), or with its own line breaks. */
#define PARA 1
#define AS_WRITTEN 0

/* Box kinds: their names in the layout dump, and what they are. */
static const struct {
    const char *name;     /* in the dump */
    jmap_box_class class; /* area, text, mark or point */
} box_kinds[JMAP_BOX_KIND_COUNT_] = {
    [JMAP_BOX_MAP] = {"map", JMAP_CLASS_AREA},
    [JMAP_BOX_LANE] = {"lane", JMAP_CLASS_AREA},
    [JMAP_BOX_LANE_LABEL] = {"lane-label", JMAP_CLASS_TEXT},
    [JMAP_BOX_TITLE] = {"title", JMAP_CLASS_TEXT},
    [JMAP_BOX_SUBTITLE] = {"subtitle", JMAP_CLASS_TEXT},
    [JMAP_BOX_DESCRIPTION] = {"description", JMAP_CLASS_TEXT},
    [JMAP_BOX_PERSONA] = {"persona", JMAP_CLASS_AREA},
    [JMAP_BOX_PERSONA_BAR] = {"persona-bar", JMAP_CLASS_MARK},
    [JMAP_BOX_PERSONA_NAME] = {"persona-name", JMAP_CLASS_TEXT},
    [JMAP_BOX_PERSONA_TEXT] = {"persona-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_PERSONA_CHIP] = {"persona-chip", JMAP_CLASS_AREA},
    [JMAP_BOX_PERSONA_INITIAL] = {"persona-initial", JMAP_CLASS_TEXT},
    [JMAP_BOX_GOALS_LABEL] = {"goals-label", JMAP_CLASS_TEXT},
    [JMAP_BOX_GOAL] = {"goal", JMAP_CLASS_TEXT},
    [JMAP_BOX_LEGEND] = {"legend", JMAP_CLASS_AREA},
    [JMAP_BOX_LEGEND_TITLE] = {"legend-title", JMAP_CLASS_TEXT},
    [JMAP_BOX_SWATCH] = {"swatch", JMAP_CLASS_AREA},
    [JMAP_BOX_LEGEND_TEXT] = {"legend-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_STAGE] = {"stage", JMAP_CLASS_AREA},
    [JMAP_BOX_STAGE_NAME] = {"stage-name", JMAP_CLASS_TEXT},
    [JMAP_BOX_STAGE_DURATION] = {"stage-duration", JMAP_CLASS_TEXT},
    [JMAP_BOX_STAGE_DESCRIPTION] = {"stage-description", JMAP_CLASS_TEXT},
    [JMAP_BOX_STEP] = {"step", JMAP_CLASS_AREA},
    [JMAP_BOX_STEP_NAME] = {"step-name", JMAP_CLASS_TEXT},
    [JMAP_BOX_STEP_DURATION] = {"step-duration", JMAP_CLASS_TEXT},
    [JMAP_BOX_STEP_DESCRIPTION] = {"step-description", JMAP_CLASS_TEXT},
    [JMAP_BOX_STAGE_GOAL] = {"stage-goal", JMAP_CLASS_TEXT},
    [JMAP_BOX_THOUGHT] = {"thought", JMAP_CLASS_AREA},
    [JMAP_BOX_THOUGHT_TEXT] = {"thought-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_METRIC] = {"metric", JMAP_CLASS_AREA},
    [JMAP_BOX_METRIC_NAME] = {"metric-name", JMAP_CLASS_TEXT},
    [JMAP_BOX_METRIC_VALUE] = {"metric-value", JMAP_CLASS_TEXT},
    [JMAP_BOX_METRIC_TARGET] = {"metric-target", JMAP_CLASS_TEXT},
    [JMAP_BOX_SCALE_TEXT] = {"scale-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_EMOTION] = {"emotion", JMAP_CLASS_POINT},
    [JMAP_BOX_TOUCHPOINT] = {"touchpoint", JMAP_CLASS_AREA},
    [JMAP_BOX_TOUCHPOINT_NAME] = {"touchpoint-name", JMAP_CLASS_TEXT},
    [JMAP_BOX_IRRITANT] = {"irritant", JMAP_CLASS_AREA},
    [JMAP_BOX_IRRITANT_NAME] = {"irritant-name", JMAP_CLASS_TEXT},
    [JMAP_BOX_IRRITANT_OWNER] = {"irritant-owner", JMAP_CLASS_TEXT},
    [JMAP_BOX_BADGE] = {"badge", JMAP_CLASS_AREA},
    [JMAP_BOX_BADGE_TEXT] = {"badge-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_MOMENT] = {"moment", JMAP_CLASS_AREA},
    [JMAP_BOX_MOMENT_TEXT] = {"moment-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_IDEA] = {"idea", JMAP_CLASS_AREA},
    [JMAP_BOX_IDEA_TEXT] = {"idea-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_REMEDY] = {"remedy", JMAP_CLASS_AREA},
    [JMAP_BOX_REMEDY_TEXT] = {"remedy-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_DEPT_NAME] = {"department", JMAP_CLASS_TEXT},
    [JMAP_BOX_DEPT_MARK] = {"department-mark", JMAP_CLASS_AREA},
    [JMAP_BOX_DEPT_ACTION] = {"department-action", JMAP_CLASS_TEXT},
    [JMAP_BOX_SEPARATOR_TEXT] = {"separator-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_FOOTER] = {"footer", JMAP_CLASS_TEXT},
    [JMAP_BOX_ICON] = {"icon", JMAP_CLASS_MARK},
    [JMAP_BOX_BULLET] = {"bullet", JMAP_CLASS_MARK},
    [JMAP_BOX_SEVERITY_BAR] = {"severity-bar", JMAP_CLASS_MARK},
    [JMAP_BOX_ARROW_HEAD] = {"arrow-head", JMAP_CLASS_POINT},
    [JMAP_BOX_MARKER] = {"marker", JMAP_CLASS_MARK},
    [JMAP_BOX_TILE_TAG] = {"tile-tag", JMAP_CLASS_AREA},
    [JMAP_BOX_TILE_LABEL] = {"tile-label", JMAP_CLASS_TEXT},
    [JMAP_BOX_TILE_CELL] = {"tile-cell", JMAP_CLASS_AREA},
    [JMAP_BOX_ASSEMBLY_TEXT] = {"assembly-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_DIFF_OUTLINE] = {"diff-outline", JMAP_CLASS_AREA},
    [JMAP_BOX_DIFF_TAG] = {"diff-tag", JMAP_CLASS_AREA},
    [JMAP_BOX_DIFF_TAG_TEXT] = {"diff-tag-text", JMAP_CLASS_TEXT},
    [JMAP_BOX_DIFF_GHOST] = {"diff-ghost", JMAP_CLASS_POINT},
    [JMAP_BOX_DIFF_GONE] = {"diff-gone", JMAP_CLASS_AREA},
    [JMAP_BOX_DIFF_GONE_TEXT] = {"diff-gone-text", JMAP_CLASS_TEXT},
};

static const char *const icon_names[JMAP_ICON_COUNT_] = {
    [JMAP_ICON_DIGITAL] = "digital",   [JMAP_ICON_PHYSICAL] = "physical",
    [JMAP_ICON_HUMAN] = "human",       [JMAP_ICON_SEVERITY_LOW] = "low",
    [JMAP_ICON_SEVERITY_MEDIUM] = "medium",
    [JMAP_ICON_SEVERITY_HIGH] = "high", [JMAP_ICON_CHECK] = "check",
    [JMAP_ICON_BULB] = "bulb",         [JMAP_ICON_BANDAGE] = "bandage",
    [JMAP_ICON_CLOCK] = "clock",       [JMAP_ICON_MET] = "met",
    [JMAP_ICON_MISSED] = "missed",     [JMAP_ICON_SURVEY] = "survey",
    [JMAP_ICON_INTERVIEW] = "interview",
    [JMAP_ICON_MYSTERY_VISIT] = "mystery-visit",
    [JMAP_ICON_STAFF_REPORT] = "staff-report",
    [JMAP_ICON_SUPPORT_TICKETS] = "support-tickets",
    [JMAP_ICON_ANALYTICS] = "analytics", [JMAP_ICON_REVIEW] = "review",
    [JMAP_ICON_OBSERVATION] = "observation",
};

/* Severity bar widths by jmap_level: a heavier bar for a worse irritant. */
static const double severity_bars[3] = {3, 5, 7};

static const char *const path_kind_names[JMAP_PATH_KIND_COUNT_] = {
    [JMAP_PATH_GRID] = "grid",
    [JMAP_PATH_LEVEL] = "level",
    [JMAP_PATH_NEUTRAL] = "neutral",
    [JMAP_PATH_CURVE] = "curve",
    [JMAP_PATH_VISIBILITY] = "visibility",
    [JMAP_PATH_SUPPORT] = "support",
    [JMAP_PATH_FLOW] = "flow",
    [JMAP_PATH_ARROW] = "arrow",
    [JMAP_PATH_ROW] = "row",
    [JMAP_PATH_LEGEND_ARROW] = "legend-arrow",
    [JMAP_PATH_CROP] = "crop",
    [JMAP_PATH_GLUE] = "glue",
    [JMAP_PATH_DIFF_STRIKE] = "diff-strike",
    [JMAP_PATH_DIFF_SHIFT] = "diff-shift",
};

const char *jmap_box_kind_name(jmap_box_kind kind)
{
    return kind < JMAP_BOX_KIND_COUNT_ ? box_kinds[kind].name : "?";
}

jmap_box_class jmap_box_kind_class(jmap_box_kind kind)
{
    return kind < JMAP_BOX_KIND_COUNT_ ? box_kinds[kind].class : JMAP_CLASS_AREA;
}

const char *jmap_icon_name(jmap_icon icon)
{
    return icon < JMAP_ICON_COUNT_ ? icon_names[icon] : "?";
}

double jmap_severity_bar_w(jmap_level level)
{
    return severity_bars[level <= JMAP_LEVEL_HIGH ? level : JMAP_LEVEL_MEDIUM];
}

const char *jmap_path_kind_name(jmap_path_kind kind)
{
    return kind < JMAP_PATH_KIND_COUNT_ ? path_kind_names[kind] : "?";
}

/* What the map holds, counted once: which lanes and legend entries exist. */
typedef struct census {
    int channels[3];   /* touchpoints used per channel */
    int severities[3]; /* irritants per severity */
    int badges;        /* irritants with a frequency */
    int moments;       /* positive moments */
    int ideas;         /* ideas */
    int remedies;      /* remedies */
    int emotions;      /* emotion values */
    int arrows;        /* drawn branch or loop arrows */
    int met, missed;   /* metrics that reach their target, and not */
    unsigned sources;  /* the jmap_source bits of irritants and moments */
    int whose;         /* steps that list their personas */
} census;

/* State while one layout is built. */
typedef struct builder {
    jmap_layout *L;          /* the layout being filled */
    const jmap_journey *j;   /* the journey */
    jmap_measurer *m;        /* measures every text */
    jmap_diag_list *diags;   /* text-overflow findings, may be NULL */
    jmap_lang lang;          /* the language of the words jmap adds */
    size_t first, end;       /* steps shown: [first, end) */
    size_t n_cols;           /* end - first */
    double x_cols;           /* left edge of the first column */
    double x_right;          /* right edge of the content */
    double label_h;          /* height of the current lane's label */
    int lane_no;             /* lanes placed so far */
    int blank;               /* 1: a blank sheet (JMAP_LAYOUT_BLANK) */
    int header;              /* JMAP_LAYOUT_HEADER_* flags */
    int grid;                /* 1: the grid that pages are cut from */
    census all;              /* census of the whole journey */
    census shown;            /* census of the shown steps */
} builder;

/* A word jmap adds, in the map's language (words.h). */
static const char *label(const builder *b, jmap_label l)
{
    return jmap_label_text(b->lang, l);
}

/* The room a card's diff tag takes under its text (diffmarks.c). */
static double mark_room(const builder *b, jmap_box_kind kind, jmap_pos pos,
                        double w)
{
    return b->L->marks ? jmap_diffmarks_room(b->L->marks, b->m, kind, pos, w) : 0;
}

/* Whether the map says whose steps are whose: some step lists its
 * personas, and there are several. */
static int has_step_personas(const builder *b)
{
    return b->j->n_personas >= 2 && b->all.whose > 0;
}

/* ---- boxes and paths ---- */

static size_t add_box(builder *b, jmap_box_kind kind, jmap_pos pos, double x,
                      double y, double w, double h, int column, int parent)
{
    jmap_layout *L = b->L;
    if (L->n_boxes == L->cap_boxes) {
        L->cap_boxes = L->cap_boxes ? 2 * L->cap_boxes : 256;
        L->boxes = jmap_xrealloc(L->boxes, L->cap_boxes, sizeof *L->boxes);
    }
    jmap_box *bx = &L->boxes[L->n_boxes];
    memset(bx, 0, sizeof *bx);
    bx->kind = kind;
    bx->pos = pos;
    bx->x = x;
    bx->y = y;
    bx->w = w;
    bx->h = h;
    bx->column = column;
    bx->parent = parent;
    return L->n_boxes++;
}

static jmap_box *box_at(builder *b, size_t i)
{
    return &b->L->boxes[i];
}

/* Adds `icon` for what was written at `pos` with its box's corner at (x, y),
 * in box `parent`. */
static void add_icon(builder *b, jmap_icon icon, jmap_pos pos, double x,
                     double y, int column, int parent)
{
    size_t i = add_box(b, JMAP_BOX_ICON, pos, x, y,
                       JMAP_ICON_SIZE, JMAP_ICON_SIZE, column, parent);
    box_at(b, i)->style.icon = icon;
}

/* Adds the clock before the duration text `t`. */
static void add_clock(builder *b, size_t t)
{
    const jmap_box *d = box_at(b, t);
    add_icon(b, JMAP_ICON_CLOCK, d->pos, d->x - CLOCK_BEFORE,
             d->y + d->h / 2 - CLOCK_RISE, d->column, d->parent);
}

/* Replaces line breaks by spaces, so a line limit counts every line. */
static const char *one_paragraph(builder *b, const char *text)
{
    if (!strpbrk(text, "\r\n"))
        return text;
    char *s = jmap_arena_strdup(b->L->arena, text);
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return s;
}

/* Whether the space at text[i] binds to its neighbour as French writes
 * it: after "«", before "»", ":", ";", "!" or "?". */
static int binds(const char *text, size_t i)
{
    if (i >= 2 && memcmp(text + i - 2, "\xc2\xab", 2) == 0) /* « */
        return 1;
    const char *next = text + i + 1;
    return strncmp(next, "\xc2\xbb", 2) == 0 || (*next && strchr(":;!?", *next));
}

/* `text` as it is set: such a space is drawn as a no-break space, so that
 * a line never starts with "»" or ":" nor ends with "«". */
static const char *typeset(builder *b, const char *text)
{
    size_t n = strlen(text), extra = 0;
    for (size_t i = 0; i < n; i++)
        extra += text[i] == ' ' && binds(text, i);
    if (!extra)
        return text;
    char *out = jmap_arena_alloc(b->L->arena, n + extra + 1, 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (text[i] == ' ' && binds(text, i)) {
            out[o++] = '\xc2'; /* U+00A0 NO-BREAK SPACE */
            out[o++] = '\xa0';
        } else {
            out[o++] = text[i];
        }
    out[o] = '\0';
    return out;
}

/* Whether a text at `pos` was reported already (a touchpoint's name
 * appears in every column that uses it). */
static int reported(const jmap_diag_list *diags, jmap_pos pos)
{
    for (size_t i = 0; i < diags->count; i++)
        if (diags->items[i].rule == JMAP_RULE_TEXT_OVERFLOW &&
            diags->items[i].pos.line == pos.line &&
            diags->items[i].pos.column == pos.column)
            return 1;
    return 0;
}

/* Adds a text box at (x, y), `width` wide (0: its natural width), measured
 * once and whole, set as one paragraph (PARA) or AS_WRITTEN; returns its
 * index. A text from the source that wraps to more than TALL_LINES lines
 * is reported. */
static size_t add_text(builder *b, jmap_box_kind kind, const char *text,
                       jmap_pos pos, jmap_font font, double x, double y,
                       double width, int set, int column, int parent)
{
    double w, h;
    const char *shown = typeset(b, set == PARA ? one_paragraph(b, text) : text);
    PangoLayout *pl = jmap_measurer_layout(b->m, shown, font, width, 0, 0,
                                           NULL, &w, &h);
    size_t i = add_box(b, kind, pos, x, y, w, h, column, parent);
    jmap_box *bx = box_at(b, i);
    bx->text = text;
    bx->pl = pl;
    bx->font = font;
    int lines = pango_layout_get_line_count(pl);
    if (lines > TALL_LINES && b->diags && pos.line > 0 &&
        !reported(b->diags, pos))
        jmap_diag_add(b->diags, JMAP_RULE_TEXT_OVERFLOW, pos,
                      "text wraps to %d lines, which makes its row very tall",
                      lines);
    return i;
}

/* Removes boxes from index `keep` on (a lane that turned out empty). */
static void drop_boxes(builder *b, size_t keep)
{
    while (b->L->n_boxes > keep) {
        jmap_box *bx = &b->L->boxes[--b->L->n_boxes];
        if (bx->pl)
            g_object_unref(bx->pl);
    }
}

static jmap_path *add_path(builder *b, jmap_path_kind kind, jmap_pos pos,
                           size_t n)
{
    jmap_layout *L = b->L;
    if (L->n_paths == L->cap_paths) {
        L->cap_paths = L->cap_paths ? 2 * L->cap_paths : 64;
        L->paths = jmap_xrealloc(L->paths, L->cap_paths, sizeof *L->paths);
    }
    jmap_path *p = &L->paths[L->n_paths++];
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->pos = pos;
    p->n = n;
    p->pts = jmap_arena_alloc(L->arena, n, sizeof *p->pts);
    return p;
}

static jmap_path *add_line(builder *b, jmap_path_kind kind, double x0,
                           double y0, double x1, double y1)
{
    jmap_path *p = add_path(b, kind, (jmap_pos){0, 0}, 2);
    p->pts[0] = (jmap_point){x0, y0};
    p->pts[1] = (jmap_point){x1, y1};
    return p;
}

/* Adds the head of arrow `p`, `size` long, at its last point, pointing
 * along its last segment (which is axis-aligned), in box `parent`; none
 * when that segment has no length. */
static void add_head(builder *b, jmap_path *p, double size, int parent)
{
    const jmap_point *a = &p->pts[p->n - 2], *z = &p->pts[p->n - 1];
    double dx = z->x - a->x, dy = z->y - a->y;
    if (dx == 0 && dy == 0)
        return;
    jmap_heading hd = fabs(dx) >= fabs(dy)
                          ? (dx > 0 ? JMAP_HEADING_RIGHT : JMAP_HEADING_LEFT)
                          : (dy > 0 ? JMAP_HEADING_DOWN : JMAP_HEADING_UP);
    double x = hd == JMAP_HEADING_RIGHT  ? z->x - size
               : hd == JMAP_HEADING_LEFT ? z->x
                                         : z->x - size / 2;
    double y = hd == JMAP_HEADING_DOWN ? z->y - size
               : hd == JMAP_HEADING_UP ? z->y
                                       : z->y - size / 2;
    p->head = size;
    size_t i = add_box(b, JMAP_BOX_ARROW_HEAD, p->pos, x, y, size, size, -1,
                       parent);
    box_at(b, i)->style.heading = hd;
}

void jmap_path_bounds(const jmap_path *path, double *x, double *y, double *w,
                      double *h)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < path->n; i++) {
        x0 = fmin(x0, path->pts[i].x);
        y0 = fmin(y0, path->pts[i].y);
        x1 = fmax(x1, path->pts[i].x);
        y1 = fmax(y1, path->pts[i].y);
    }
    if (path->n == 0)
        x0 = y0 = x1 = y1 = 0;
    *x = x0;
    *y = y0;
    *w = x1 - x0;
    *h = y1 - y0;
}

/* ---- the graph, as the map sees it ---- */

static int col_of(const builder *b, size_t step)
{
    return step >= b->first && step < b->end ? (int)(step - b->first) : -1;
}

static double col_x(const builder *b, size_t step)
{
    return b->L->col_x[step - b->first];
}

/* The first of the `n` emotions of `list`, in journey order, whose step
 * is at or after step `step` (n when none is). */
static size_t emotion_from(const jmap_emotion *const *list, size_t n,
                           size_t step)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid]->step->index < step)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A run of emotions, in journey order, cut to the shown steps. */
typedef struct emotion_run {
    const jmap_emotion *const *at; /* the first */
    size_t n;                      /* how many */
} emotion_run;

static emotion_run shown_emotions(const builder *b,
                                  const jmap_emotion *const *list, size_t n)
{
    if (!n) /* no list at all (a blank sheet's journey) */
        return (emotion_run){list, 0};
    size_t from = emotion_from(list, n, b->first);
    size_t to = emotion_from(list, n, b->end);
    return (emotion_run){list + from, to - from};
}

static size_t curve_count(const jmap_journey *j)
{
    return j->per_persona_emotions && j->n_personas > 0 ? j->n_personas : 1;
}

/* Fills `out` (room for one point per shown step) with the points of
 * curve `k`, in step order and at most one per step: its persona's own
 * emotion where the step gives one, else the step's plain value, which
 * applies to every curve. Returns how many. The time is that of the
 * points, whatever the number of personas. */
static size_t curve_points(const builder *b, size_t k,
                           const jmap_emotion **out)
{
    const jmap_journey *j = b->j;
    emotion_run own = {NULL, 0};
    if (j->per_persona_emotions && k < j->n_personas)
        own = shown_emotions(b, j->personas[k].emotions,
                             j->personas[k].n_emotions);
    emotion_run plain = shown_emotions(b, j->plain_emotions,
                                       j->n_plain_emotions);
    size_t n = 0, o = 0, p = 0;
    while (o < own.n || p < plain.n) {
        const jmap_emotion *e;
        if (p == plain.n ||
            (o < own.n && own.at[o]->step->index <= plain.at[p]->step->index))
            e = own.at[o++];
        else
            e = plain.at[p++];
        if (k < j->n_personas && curve_count(j) > 1 &&
            !jmap_step_of_persona(e->step, &j->personas[k]))
            continue; /* a step that is not theirs */
        if (n == 0 || out[n - 1]->step != e->step)
            out[n++] = e;
    }
    return n;
}


/* Whether `s -> t` is drawn as an arrow rather than implied by order: a
 * link, as the resolve pass defines them (jmap_link). */
static int is_arrow(const jmap_journey *j, const jmap_step *s,
                    const jmap_step *t)
{
    (void)j;
    return t && t->index != s->index + 1;
}

/* Whether step i leads to the step after it. */
static int flows_to_next(const jmap_journey *j, size_t i)
{
    const jmap_step *s = j->steps[i];
    if (i + 1 >= j->n_steps)
        return 0;
    if (s->next_is_default)
        return 1;
    for (size_t k = 0; k < s->n_next; k++)
        if (s->next[k].target == j->steps[i + 1])
            return 1;
    return 0;
}

static void count_steps(const jmap_journey *j, size_t first, size_t end,
                        census *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < j->n_stages && first == 0; i++) /* the whole */
        for (size_t k = 0; k < j->stages[i].n_metrics; k++)
            if (j->stages[i].metrics[k].has_target) {
                c->met += jmap_metric_met(&j->stages[i].metrics[k]) == 1;
                c->missed += jmap_metric_met(&j->stages[i].metrics[k]) == 0;
            }
    for (size_t i = first; i < end; i++) {
        const jmap_step *s = j->steps[i];
        for (size_t k = 0; k < s->n_touchpoints; k++) {
            const jmap_touchpoint *t = s->touchpoints[k].target;
            if (t && t->channel <= JMAP_CHANNEL_HUMAN)
                c->channels[t->channel]++;
        }
        for (size_t k = 0; k < s->n_irritants; k++) {
            const jmap_irritant *ir = &s->irritants[k];
            if (ir->severity <= JMAP_LEVEL_HIGH)
                c->severities[ir->severity]++;
            c->badges += ir->frequency >= 0;
            c->sources |= ir->sources;
            c->remedies += ir->remedy.str != NULL;
        }
        c->moments += (int)s->n_moments;
        for (size_t k = 0; k < s->n_moments && s->moment_sources; k++)
            c->sources |= s->moment_sources[k];
        for (size_t k = 0; k < s->n_metrics; k++)
            if (s->metrics[k].has_target) {
                c->met += jmap_metric_met(&s->metrics[k]) == 1;
                c->missed += jmap_metric_met(&s->metrics[k]) == 0;
            }
        c->ideas += (int)s->n_ideas;
        c->emotions += (int)s->n_emotions;
        c->whose += s->n_personas > 0;
        for (size_t k = 0; k < s->n_next; k++) {
            const jmap_step *t = s->next[k].target;
            if (t && is_arrow(j, s, t) && t->index >= first && t->index < end)
                c->arrows++;
        }
    }
}

/* ---- columns ---- */

/* The width of the map that shows steps [first, end). */
static double span_width(const jmap_journey *journey, size_t first,
                         size_t end)
{
    double x = MARGIN + LABEL_W + COL_GAP;
    for (size_t i = first; i < end; i++) {
        if (i > first && journey->steps[i]->stage != journey->steps[i - 1]->stage)
            x += STAGE_GAP;
        x += COL_W + (i + 1 < end ? COL_GAP : 0);
    }
    double w = x + MARGIN;
    double min_w = 2 * MARGIN + MIN_CONTENT_W;
    return w > min_w ? w : min_w;
}

static void place_columns(builder *b)
{
    jmap_layout *L = b->L;
    L->col_x = jmap_xcalloc(b->n_cols ? b->n_cols : 1, sizeof *L->col_x);
    L->col_w = COL_W;
    L->label_x = MARGIN;
    L->label_w = LABEL_W;
    b->x_cols = MARGIN + LABEL_W + COL_GAP;
    double x = b->x_cols;
    for (size_t i = b->first; i < b->end; i++) {
        if (i > b->first && b->j->steps[i]->stage != b->j->steps[i - 1]->stage)
            x += STAGE_GAP;
        L->col_x[i - b->first] = x;
        x += COL_W + COL_GAP;
    }
    L->width = span_width(b->j, b->first, b->end);
    b->x_right = L->width - MARGIN;
}

/* ---- the title block ---- */

/* A duration as the map writes it ("1.5h", "3w") as the cards show it in
 * the map's language (locale.c): "1.5 h", "3 w"; in French "1,5 h",
 * "3 sem.". */
static const char *card_duration(builder *b, const char *text)
{
    jmap_buf out;
    jmap_buf_init(&out);
    const char *s = text;
    if (jmap_format_duration(&out, b->lang, text))
        s = jmap_arena_strdup(b->L->arena, out.data);
    jmap_buf_destroy(&out);
    return s;
}

/* The journey's total duration (resolve.c) as the title block shows it,
 * "Total duration: 2 mo 5 d", or NULL when it has none. */
static const char *total_duration(builder *b)
{
    if (b->j->total_minutes < 0)
        return NULL;
    jmap_buf out;
    jmap_buf_init(&out);
    jmap_buf_printf(&out, "%s%s ", label(b, L_TOTAL), jmap_colon(b->lang));
    jmap_format_total(&out, b->lang, b->j->total_minutes);
    const char *s = jmap_arena_strdup(b->L->arena, out.data);
    jmap_buf_destroy(&out);
    return s;
}

/* Persona `p`'s disc, its initial in it, at (x, y), in box `parent`. */
static void persona_chip(builder *b, const jmap_persona *p, jmap_pos pos,
                         double x, double y, int column, int parent)
{
    size_t chip = add_box(b, JMAP_BOX_PERSONA_CHIP, pos, x, y, CHIP_D, CHIP_D,
                          column, parent);
    box_at(b, chip)->curve = p->index;
    const char *name = p->name.str && *p->name.str ? p->name.str : p->id;
    const char *end = g_utf8_find_next_char(name, NULL);
    size_t n = end ? (size_t)(end - name) : strlen(name);
    char *initial = jmap_arena_alloc(b->L->arena, n + 1, 1);
    memcpy(initial, name, n);
    initial[n] = '\0';
    char *up = g_utf8_strup(initial, -1);
    const char *text = jmap_arena_strdup(b->L->arena, up);
    g_free(up);
    size_t t = add_text(b, JMAP_BOX_PERSONA_INITIAL, text, (jmap_pos){0, 0},
                        JMAP_FONT_SMALL_BOLD, x, y, 0, AS_WRITTEN, column,
                        (int)chip);
    jmap_box *tb = box_at(b, t);
    tb->x = x + (CHIP_D - tb->w) / 2;
    tb->y = y + (CHIP_D - tb->h) / 2;
}

static double persona_card(builder *b, const jmap_persona *p, double x,
                           double y)
{
    size_t card = add_box(b, JMAP_BOX_PERSONA, p->pos, x, y, PERSONA_W, 0, -1, -1);
    size_t bar = add_box(b, JMAP_BOX_PERSONA_BAR, p->pos, x,
                         y + PERSONA_BAR_INSET, PERSONA_BAR_W, 0, -1,
                         (int)card);
    double tx = x + PERSONA_PAD_X, tw = PERSONA_W - 2 * PERSONA_PAD_X;
    double cy = y + PERSONA_PAD_TOP;
    const char *name = p->name.str ? p->name.str : p->id;
    double chip_w = 0;
    if (has_step_personas(b)) { /* the disc its steps show */
        persona_chip(b, p, p->pos, tx, cy, -1, (int)card);
        chip_w = CHIP_D + CHIP_GAP_X;
    }
    size_t t = add_text(b, JMAP_BOX_PERSONA_NAME, name, p->name.pos,
                        JMAP_FONT_HEADING, tx + chip_w, cy, tw - chip_w, PARA, -1,
                        (int)card);
    cy += box_at(b, t)->h + TEXT_GAP;
    if (p->description.str) {
        t = add_text(b, JMAP_BOX_PERSONA_TEXT, p->description.str,
                     p->description.pos, JMAP_FONT_BODY, tx, cy, tw,
                     PARA, -1, (int)card);
        cy += box_at(b, t)->h + TEXT_GAP;
    }
    if (p->n_goals) {
        cy += TEXT_GAP;
        t = add_text(b, JMAP_BOX_GOALS_LABEL, label(b, L_GOALS), (jmap_pos){0, 0},
                     JMAP_FONT_SMALL_BOLD, tx, cy, tw, PARA, -1, (int)card);
        cy += box_at(b, t)->h + LINE_GAP;
    }
    for (size_t g = 0; g < p->n_goals; g++) {
        if (!p->goals[g].str)
            continue;
        t = add_text(b, JMAP_BOX_GOAL, p->goals[g].str, p->goals[g].pos,
                     JMAP_FONT_BODY, tx + GOAL_INDENT, cy, tw - GOAL_INDENT,
                     PARA, -1, (int)card);
        double gx = tx + GOAL_INDENT - BULLET_BEFORE, gy = cy + BULLET_DROP;
        double r = JMAP_BULLET_D / 2;
        add_box(b, JMAP_BOX_BULLET, p->goals[g].pos, gx - r, gy - r,
                JMAP_BULLET_D, JMAP_BULLET_D, -1, (int)card);
        cy += box_at(b, t)->h + LINE_GAP;
    }
    double h = cy + PERSONA_PAD_BOTTOM - y;
    box_at(b, card)->h = h;
    box_at(b, bar)->h = h - 2 * PERSONA_BAR_INSET;
    return h;
}

/* How far a legend sample's box stands out of its SWATCH_W x SWATCH_H
 * cell, by jmap_swatch (negative: inside it). */
static const struct {
    double x, y; /* left and right, top and bottom */
} swatch_out[] = {
    [JMAP_SWATCH_DIGITAL] = {CHIP_SAMPLE_OUT_X, CHIP_SAMPLE_OUT_Y},
    [JMAP_SWATCH_PHYSICAL] = {CHIP_SAMPLE_OUT_X, CHIP_SAMPLE_OUT_Y},
    [JMAP_SWATCH_HUMAN] = {CHIP_SAMPLE_OUT_X, CHIP_SAMPLE_OUT_Y},
    [JMAP_SWATCH_IRRITANT_LOW] = {0, CARD_SAMPLE_OUT_Y},
    [JMAP_SWATCH_IRRITANT_MEDIUM] = {0, CARD_SAMPLE_OUT_Y},
    [JMAP_SWATCH_IRRITANT_HIGH] = {0, CARD_SAMPLE_OUT_Y},
    [JMAP_SWATCH_BADGE] = {-BADGE_SAMPLE_IN_X, -BADGE_SAMPLE_IN_Y},
    [JMAP_SWATCH_MOMENT] = {0, CARD_SAMPLE_OUT_Y},
    [JMAP_SWATCH_IDEA] = {0, CARD_SAMPLE_OUT_Y},
    [JMAP_SWATCH_REMEDY] = {0, CARD_SAMPLE_OUT_Y},
    [JMAP_SWATCH_CURVE] = {0, 0},
    [JMAP_SWATCH_ARROW] = {0, 0},
    [JMAP_SWATCH_MET] = {0, 0},
    [JMAP_SWATCH_MISSED] = {0, 0},
    [JMAP_SWATCH_SOURCE] = {0, 0},
};

/* The arrow of an arrow sample in its cell at (x, y): up, across, down
 * into its head. */
static void swatch_arrow(builder *b, int sample, double x, double y)
{
    jmap_path *p = add_path(b, JMAP_PATH_LEGEND_ARROW, (jmap_pos){0, 0}, 4);
    double top = y + SWATCH_ARROW_RISE, right = x + SWATCH_W - SWATCH_ARROW_IN;
    p->pts[0] = (jmap_point){x, y + SWATCH_H};
    p->pts[1] = (jmap_point){x, top};
    p->pts[2] = (jmap_point){right, top};
    p->pts[3] = (jmap_point){right, y + SWATCH_H};
    add_head(b, p, SWATCH_ARROW_HEAD, sample);
}

/* The marks of legend sample `sample` (its box already placed) in its
 * cell at (x, y): a bar, an icon, a marker or an arrow. */
static void swatch_marks(builder *b, int sample, double x, double y)
{
    const jmap_box s = *box_at(b, (size_t)sample); /* a copy: adding a box
                                                       may move the boxes */
    jmap_swatch sw = s.style.swatch;
    jmap_pos none = {0, 0};
    if (sw >= JMAP_SWATCH_DIGITAL && sw <= JMAP_SWATCH_HUMAN) {
        add_icon(b, (jmap_icon)(JMAP_ICON_DIGITAL + (sw - JMAP_SWATCH_DIGITAL)),
                 none, x + SWATCH_ICON_X, y + SWATCH_CHIP_ICON_Y, -1, sample);
    } else if (sw >= JMAP_SWATCH_IRRITANT_LOW && sw <= JMAP_SWATCH_IRRITANT_HIGH) {
        jmap_level level = (jmap_level)(sw - JMAP_SWATCH_IRRITANT_LOW);
        double bar_w = jmap_severity_bar_w(level);
        size_t bar = add_box(b, JMAP_BOX_SEVERITY_BAR, none, s.x, s.y, bar_w,
                             s.h, -1, sample);
        box_at(b, bar)->style.level = level;
        add_icon(b, (jmap_icon)(JMAP_ICON_SEVERITY_LOW + level), none,
                 x + bar_w + SWATCH_BAR_ICON_GAP, y + SWATCH_BAR_ICON_Y, -1,
                 sample);
    } else if (sw == JMAP_SWATCH_MOMENT || sw == JMAP_SWATCH_IDEA ||
               sw == JMAP_SWATCH_REMEDY) {
        static const jmap_icon icons[] = {JMAP_ICON_CHECK, JMAP_ICON_BULB,
                                          JMAP_ICON_BANDAGE};
        add_icon(b, icons[sw - JMAP_SWATCH_MOMENT], none, x + SWATCH_ICON_X, y,
                 -1, sample);
    } else if (sw == JMAP_SWATCH_CURVE) {
        double d = 2 * JMAP_MARKER_REACH * SWATCH_MARKER_R;
        size_t mk = add_box(b, JMAP_BOX_MARKER, none, x + (SWATCH_W - d) / 2,
                            y + (SWATCH_H - d) / 2, d, d, -1, sample);
        box_at(b, mk)->curve = s.curve;
    } else if (sw == JMAP_SWATCH_ARROW) {
        swatch_arrow(b, sample, x, y);
    } else if (sw == JMAP_SWATCH_SOURCE) {
        add_icon(b, (jmap_icon)(JMAP_ICON_SURVEY + s.curve), none,
                 x + SWATCH_ICON_X, y, -1, sample);
    } else if (sw == JMAP_SWATCH_MET || sw == JMAP_SWATCH_MISSED) {
        add_icon(b, sw == JMAP_SWATCH_MET ? JMAP_ICON_MET : JMAP_ICON_MISSED,
                 none, x + SWATCH_ICON_X, y, -1, sample);
    }
}

/* One legend entry: a sample and its meaning, in a LEGEND_ITEM_W cell. */
static double legend_entry(builder *b, int legend, jmap_swatch sw, int aux,
                           const char *text, double x, double y)
{
    double cy = y + SWATCH_DROP;
    double ox = swatch_out[sw].x, oy = swatch_out[sw].y;
    size_t s = add_box(b, JMAP_BOX_SWATCH, (jmap_pos){0, 0}, x - ox, cy - oy,
                       SWATCH_W + 2 * ox, SWATCH_H + 2 * oy, -1, legend);
    box_at(b, s)->style.swatch = sw;
    box_at(b, s)->curve = (size_t)aux;
    swatch_marks(b, (int)s, x, cy);
    size_t t = add_text(b, JMAP_BOX_LEGEND_TEXT, text, (jmap_pos){0, 0},
                        JMAP_FONT_SMALL, x + LEGEND_TEXT_X, y,
                        LEGEND_ITEM_W - (LEGEND_TEXT_X + LEGEND_TEXT_END),
                        PARA, -1, legend);
    double h = box_at(b, t)->h;
    return (h > LEGEND_ROW_H ? h : LEGEND_ROW_H) + LEGEND_ROW_GAP;
}

/* The entries of the legend, for what the map shows. */
static size_t legend_entries(builder *b, jmap_swatch *sw, int *aux,
                             const char **text)
{
    const census *c = &b->all;
    size_t n = 0;
    static const jmap_label channel_labels[3] = {L_DIGITAL, L_PHYSICAL, L_HUMAN};
    static const jmap_label severity_labels[3] = {L_IRR_LOW, L_IRR_MEDIUM,
                                                  L_IRR_HIGH};
    for (int k = 0; k < 3; k++)
        if (c->channels[k]) {
            sw[n] = (jmap_swatch)(JMAP_SWATCH_DIGITAL + k);
            aux[n] = 0;
            text[n++] = label(b, channel_labels[k]);
        }
    for (int k = 0; k < 3; k++)
        if (c->severities[k]) {
            sw[n] = (jmap_swatch)(JMAP_SWATCH_IRRITANT_LOW + k);
            aux[n] = 0;
            text[n++] = label(b, severity_labels[k]);
        }
    if (c->badges) {
        sw[n] = JMAP_SWATCH_BADGE, aux[n] = 0, text[n++] = label(b, L_BADGE);
    }
    if (c->moments) {
        sw[n] = JMAP_SWATCH_MOMENT, aux[n] = 0, text[n++] = label(b, L_MOMENT);
    }
    if (c->ideas) {
        sw[n] = JMAP_SWATCH_IDEA, aux[n] = 0, text[n++] = label(b, L_IDEA);
    }
    if (c->remedies) {
        sw[n] = JMAP_SWATCH_REMEDY, aux[n] = 0, text[n++] = label(b, L_REMEDY);
    }
    if (c->emotions) {
        for (size_t k = 0; k < b->L->n_curves; k++) {
            const char *name = b->L->curve_names[k];
            sw[n] = JMAP_SWATCH_CURVE;
            aux[n] = (int)k;
            text[n++] = name ? name : label(b, L_CURVE);
        }
    }
    if (c->arrows) {
        sw[n] = JMAP_SWATCH_ARROW, aux[n] = 0, text[n++] = label(b, L_ARROW);
    }
    if (c->met) {
        sw[n] = JMAP_SWATCH_MET, aux[n] = 0, text[n++] = label(b, L_MET);
    }
    if (c->missed) {
        sw[n] = JMAP_SWATCH_MISSED, aux[n] = 0, text[n++] = label(b, L_MISSED);
    }
    for (int k = 0; k < JMAP_SOURCE_COUNT; k++)
        if (c->sources & (1u << k)) {
            sw[n] = JMAP_SWATCH_SOURCE, aux[n] = k;
            text[n++] = label(b, (jmap_label)(L_SRC_SURVEY + k));
        }
    return n;
}

/* The legend: two columns of entries. */
static double legend_block(builder *b, double x, double y, double width)
{
    size_t cap = LEGEND_FIXED_ROOM + b->L->n_curves;
    jmap_swatch *sw = jmap_xcalloc(cap, sizeof *sw);
    int *aux = jmap_xcalloc(cap, sizeof *aux);
    const char **text = jmap_xcalloc(cap, sizeof *text);
    size_t n = legend_entries(b, sw, aux, text);
    double h = 0;
    if (n) {
        size_t frame = add_box(b, JMAP_BOX_LEGEND, (jmap_pos){0, 0}, x, y,
                               width, 0, -1, -1);
        size_t t = add_text(b, JMAP_BOX_LEGEND_TITLE, label(b, L_LEGEND),
                            (jmap_pos){0, 0}, JMAP_FONT_SMALL_BOLD,
                            x + LEGEND_PAD_X, y + LEGEND_PAD_TOP,
                            width - 2 * LEGEND_PAD_X, PARA, -1, (int)frame);
        double top = y + LEGEND_PAD_TOP + box_at(b, t)->h + LEGEND_TITLE_GAP;
        size_t per_col = (n + 1) / 2;
        double bottom = top;
        for (int c = 0; c < 2; c++) {
            double cy = top;
            for (size_t i = c * per_col; i < n && i < (c + 1) * per_col; i++)
                cy += legend_entry(b, (int)frame, sw[i], aux[i], text[i],
                                   x + LEGEND_PAD_X + c * LEGEND_ITEM_W, cy);
            bottom = cy > bottom ? cy : bottom;
        }
        h = bottom + LEGEND_PAD_BOTTOM - y;
        box_at(b, frame)->h = h;
    }
    free(sw);
    free(aux);
    free(text);
    return h;
}

/* What a block of the title block is. */
typedef enum header_kind {
    HEADER_DESCRIPTION, HEADER_PERSONA, HEADER_LEGEND
} header_kind;

/* A block of the title block's flowing row. */
typedef struct header_item {
    header_kind kind;       /* what it is */
    const jmap_persona *p;  /* the persona of a persona card */
    double w;               /* its width */
} header_item;

static double header_item_build(builder *b, const header_item *it, double x,
                                double y)
{
    if (it->kind == HEADER_DESCRIPTION) {
        size_t t = add_text(b, JMAP_BOX_DESCRIPTION, b->j->description.str,
                            b->j->description.pos, JMAP_FONT_TEXT, x, y, it->w,
                            PARA, -1, -1);
        return box_at(b, t)->h;
    }
    if (it->kind == HEADER_PERSONA)
        return persona_card(b, it->p, x, y);
    return legend_block(b, x, y, it->w);
}

/* The blocks of the title block's row, which wraps: the description,
 * the persona cards and the legend, as b's flags keep them. Returns how
 * many went into `items` (room for n_personas + 2). */
static size_t header_row(const builder *b, header_item *items)
{
    const jmap_journey *j = b->j;
    size_t n = 0;
    int full = !(b->header & JMAP_LAYOUT_HEADER_SHORT);
    if (j->description.str && full)
        items[n++] = (header_item){HEADER_DESCRIPTION, NULL, DESCRIPTION_W};
    for (size_t i = 0; i < j->n_personas && full; i++)
        items[n++] = (header_item){HEADER_PERSONA, &j->personas[i], PERSONA_W};
    items[n++] = (header_item){HEADER_LEGEND, NULL, LEGEND_W};
    return n;
}

static double build_header(builder *b, double y)
{
    const jmap_journey *j = b->j;
    double x = MARGIN, width = b->x_right - MARGIN;
    const char *title = j->title.str ? j->title.str : "";
    size_t t = add_text(b, JMAP_BOX_TITLE, title, j->title.pos,
                        JMAP_FONT_TITLE, x, y, width, PARA, -1, -1);
    y += box_at(b, t)->h + TITLE_GAP;
    const char *sub = total_duration(b);
    if (sub) {
        t = add_text(b, JMAP_BOX_SUBTITLE, sub, (jmap_pos){0, 0},
                     JMAP_FONT_HEADING, x, y, width, PARA, -1, -1);
        y += box_at(b, t)->h;
    }
    y += SUBTITLE_GAP;
    if (b->blank || (b->header & JMAP_LAYOUT_HEADER_TITLE))
        return y; /* a blank sheet has no key to what is not there */

    /* description, persona cards, legend: a row that wraps */
    header_item *items = jmap_xcalloc(j->n_personas + 2, sizeof *items);
    size_t n = header_row(b, items);
    double cx = x, row_h = 0;
    for (size_t i = 0; i < n; i++) {
        if (cx > x && cx + items[i].w > x + width) {
            y += row_h + HEADER_ROW_GAP;
            cx = x;
            row_h = 0;
        }
        double h = header_item_build(b, &items[i], cx, y);
        row_h = h > row_h ? h : row_h;
        cx += items[i].w + HEADER_ITEM_GAP;
    }
    free(items);
    return y + row_h + HEADER_BOTTOM;
}

/* ---- lanes ---- */

static double metric_texts(builder *b, const jmap_metric *mt, int column,
                           int parent, double x, double y, double w);

/* The name, duration, description, goals and metrics of stage `st` in its band
 * `band`, from x0 to x1 and from `top`; on a page after the stage's
 * first, the name followed by "(continued)" alone with its duration. Returns the height
 * they take, the band's padding included. */
static double stage_texts(builder *b, const jmap_stage *st, size_t band,
                          double x0, double x1, double top, int continued)
{
    double cy = top + STAGE_PAD_Y;
    const char *name = st->name.str ? st->name.str : st->id;
    jmap_pos pos = st->name.pos;
    if (continued) {
        char *text = jmap_xasprintf("%s %s", name, label(b, L_CONTINUED));
        name = jmap_arena_strdup(b->L->arena, text);
        free(text);
        pos = (jmap_pos){0, 0};
    }
    size_t t = add_text(b, JMAP_BOX_STAGE_NAME, name, pos, JMAP_FONT_HEADING,
                        x0 + STAGE_PAD_X, cy, x1 - x0 - 2 * STAGE_PAD_X, PARA,
                        -1, (int)band);
    cy += box_at(b, t)->h;
    if (st->duration.text) {
        t = add_text(b, JMAP_BOX_STAGE_DURATION,
                     card_duration(b, st->duration.text), st->duration.pos,
                     JMAP_FONT_SMALL, x0 + STAGE_PAD_X + ICON_W,
                     cy + STAGE_DURATION_GAP,
                     x1 - x0 - 2 * STAGE_PAD_X - ICON_W, PARA, -1, (int)band);
        add_clock(b, t);
        cy += box_at(b, t)->h + STAGE_DURATION_GAP;
    }
    if (st->description.str && !continued) {
        t = add_text(b, JMAP_BOX_STAGE_DESCRIPTION, st->description.str,
                     st->description.pos, JMAP_FONT_SMALL, x0 + STAGE_PAD_X,
                     cy + DESCRIPTION_GAP, x1 - x0 - 2 * STAGE_PAD_X, PARA, -1,
                     (int)band);
        cy += DESCRIPTION_GAP + box_at(b, t)->h;
    }
    for (size_t g = 0; g < st->n_goals && !continued; g++) {
        if (!st->goals[g].str)
            continue;
        double gx = x0 + STAGE_PAD_X + GOAL_INDENT;
        double gap = g == 0 ? DESCRIPTION_GAP : LINE_GAP;
        t = add_text(b, JMAP_BOX_STAGE_GOAL, st->goals[g].str, st->goals[g].pos,
                     JMAP_FONT_SMALL, gx, cy + gap, x1 - gx - STAGE_PAD_X,
                     PARA, -1, (int)band);
        double r = JMAP_BULLET_D / 2;
        add_box(b, JMAP_BOX_BULLET, st->goals[g].pos, gx - BULLET_BEFORE - r,
                cy + gap + STAGE_BULLET_DROP - r, JMAP_BULLET_D,
                JMAP_BULLET_D, -1, (int)band);
        cy += gap + box_at(b, t)->h;
    }
    for (size_t k = 0; k < st->n_metrics && !continued; k++)
        if (st->metrics[k].name.str)
            cy += DESCRIPTION_GAP +
                  metric_texts(b, &st->metrics[k], -1, (int)band,
                               x0 + STAGE_PAD_X, cy + DESCRIPTION_GAP,
                               x1 - x0 - 2 * STAGE_PAD_X);
    return cy + STAGE_PAD_Y - top;
}

/* The height of stage `st`'s texts in the narrowest part of its band a
 * page can show, one column (its first, or one "(continued)"): a page
 * cut from the grid lays them out anew there (page_stage_texts), in the
 * grid's height. */
static double stage_texts_narrowest(builder *b, const jmap_stage *st,
                                    size_t band, double x0, double top)
{
    jmap_diag_list *diags = b->diags;
    b->diags = NULL; /* reported once, at the band's width */
    size_t keep = b->L->n_boxes;
    double h = stage_texts(b, st, band, x0, x0 + COL_W, top, 0);
    h = fmax(h, stage_texts(b, st, band, x0, x0 + COL_W, top, 1));
    drop_boxes(b, keep);
    b->diags = diags;
    return h;
}

/* Stages: one band per stage over its steps' columns. */
static double lane_stages(builder *b, double y)
{
    const jmap_journey *j = b->j;
    size_t start = b->L->n_boxes;
    double top = y + LANE_PAD, max_h = 0;
    for (size_t i = b->first; i < b->end;) {
        const jmap_stage *st = j->steps[i]->stage;
        size_t last = i;
        while (last + 1 < b->end && j->steps[last + 1]->stage == st)
            last++;
        double x0 = col_x(b, i), x1 = col_x(b, last) + COL_W;
        size_t band = add_box(b, JMAP_BOX_STAGE, st->pos, x0, top, x1 - x0, 0,
                              -1, -1);
        box_at(b, band)->style.stage = st->index;
        double room = mark_room(b, JMAP_BOX_STAGE, st->pos, x1 - x0);
        double h = stage_texts(b, st, band, x0, x1, top, 0) + room;
        if (b->grid && last > i)
            h = fmax(h, stage_texts_narrowest(b, st, band, x0, top) + room);
        max_h = h > max_h ? h : max_h;
        i = last + 1;
    }
    for (size_t i = start; i < b->L->n_boxes; i++)
        if (box_at(b, i)->kind == JMAP_BOX_STAGE)
            box_at(b, i)->h = max_h;
    return b->n_cols ? max_h + 2 * LANE_PAD : 0;
}

/* An arrow between two step cards, before routing. */
typedef struct arrow {
    size_t from, to;  /* step indexes */
    size_t lo, hi;    /* the columns it spans */
    int track;        /* its track above the cards, 0 nearest */
    jmap_pos pos;     /* the `next` entry */
} arrow;

static int arrow_cmp(const void *a, const void *b)
{
    const arrow *x = a, *y = b;
    size_t lx = x->hi - x->lo, ly = y->hi - y->lo;
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int arrow_lo_cmp(const void *a, const void *b)
{
    const arrow *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Tracks for very many arrows, in O(arrows x tracks): each arrow, from the
 * left, takes the first track free at its start. */
static int stack_arrows(arrow *a, size_t n)
{
    qsort(a, n, sizeof *a, arrow_lo_cmp);
    size_t *ends = NULL; /* one past the last column used in each track */
    int tracks = 0;
    for (size_t i = 0; i < n; i++) {
        int tr = 0;
        while (tr < tracks && ends[tr] > a[i].lo)
            tr++;
        if (tr == tracks)
            ends = jmap_xrealloc(ends, (size_t)++tracks, sizeof *ends);
        ends[tr] = a[i].hi + 1;
        a[i].track = tr;
    }
    free(ends);
    return tracks;
}

/* Collects the arrows of the map and gives each a track so that
 * arrows sharing a track never overlap. Returns the number of tracks. */
static int route_arrows(builder *b, arrow **out, size_t *n_out)
{
    const jmap_journey *j = b->j;
    size_t n = 0, cap = 8;
    arrow *a = jmap_xcalloc(cap, sizeof *a);
    for (size_t i = b->first; i < b->end; i++) {
        const jmap_step *s = j->steps[i];
        for (size_t k = 0; k < s->n_next; k++) {
            const jmap_step *t = s->next[k].target;
            if (!is_arrow(j, s, t))
                continue;
            if (n == cap)
                a = jmap_xrealloc(a, cap *= 2, sizeof *a);
            size_t to = t->index;
            size_t lo = i < to ? i : to;
            size_t hi = i < to ? to : i;
            a[n++] = (arrow){i, to, lo, hi, 0, s->next[k].pos};
        }
    }
    if (n > MAX_SORTED_ARROWS) {
        *out = a;
        *n_out = n;
        return stack_arrows(a, n);
    }
    qsort(a, n, sizeof *a, arrow_cmp);
    int tracks = 0;
    for (size_t i = 0; i < n; i++) {
        int tr = 0;
        for (;; tr++) {
            int clash = 0;
            for (size_t k = 0; k < i && !clash; k++)
                clash = a[k].track == tr && a[k].lo <= a[i].hi &&
                        a[i].lo <= a[k].hi;
            if (!clash)
                break;
        }
        a[i].track = tr;
        tracks = tr + 1 > tracks ? tr + 1 : tracks;
    }
    *out = a;
    *n_out = n;
    return tracks;
}

/* The x of port `k` of `n` on top of the card in column x. */
static double port_x(double x, int k, int n)
{
    return x + COL_W / 2 + (k - (n - 1) / 2.0) * PORT_GAP;
}

/* The x where an arrow meets column `c`, using the next of the column's
 * ports. */
static double arrow_x(builder *b, size_t c, int *ports, int *used)
{
    size_t k = c - b->first;
    return port_x(col_x(b, c), used[k]++, ports[k]);
}

static void draw_arrows(builder *b, const arrow *a, size_t n, double y_cards)
{
    int *ports = jmap_xcalloc(b->n_cols, sizeof *ports);
    int *used = jmap_xcalloc(b->n_cols, sizeof *used);
    for (size_t i = 0; i < n; i++) {
        if (col_of(b, a[i].from) >= 0)
            ports[a[i].from - b->first]++;
        if (col_of(b, a[i].to) >= 0)
            ports[a[i].to - b->first]++;
    }
    for (size_t i = 0; i < n; i++) {
        double xs = arrow_x(b, a[i].from, ports, used);
        double xt = arrow_x(b, a[i].to, ports, used);
        double yt = y_cards - ARROW_RISE - a[i].track * ARROW_TRACK;
        jmap_path *p = add_path(b, JMAP_PATH_ARROW, a[i].pos, 4);
        p->loop = a[i].to < a[i].from;
        p->pts[0] = (jmap_point){xs, y_cards};
        p->pts[1] = (jmap_point){xs, yt};
        p->pts[2] = (jmap_point){xt, yt};
        p->pts[3] = (jmap_point){xt, y_cards};
        add_head(b, p, ARROW_HEAD, -1);
    }
    free(ports);
    free(used);
}

/* Customer actions: one card per step, arrows for branches and loops. */
static double lane_actions(builder *b, double y)
{
    if (!b->n_cols)
        return 0;
    arrow *arrows;
    size_t n_arrows;
    int tracks = route_arrows(b, &arrows, &n_arrows);
    double channel = tracks ? tracks * ARROW_TRACK + ARROW_RISE : 0;
    double top = y + LANE_PAD + channel, max_h = 0;
    size_t start = b->L->n_boxes;
    for (size_t i = b->first; i < b->end; i++) {
        const jmap_step *s = b->j->steps[i];
        double x = col_x(b, i);
        size_t card = add_box(b, JMAP_BOX_STEP, s->pos, x, top, COL_W, 0,
                              col_of(b, i), -1);
        box_at(b, card)->style.stage = s->stage->index;
        double cy = top + STEP_PAD_Y;
        if (b->blank) { /* an empty card, a sticky note high */
            max_h = fmax(max_h, NOTE_H);
            continue;
        }
        const char *name = s->name.str ? s->name.str : s->id;
        size_t t = add_text(b, JMAP_BOX_STEP_NAME, name, s->name.pos,
                            JMAP_FONT_BODY_BOLD, x + STEP_PAD_X, cy,
                            COL_W - 2 * STEP_PAD_X, PARA, col_of(b, i),
                            (int)card);
        cy += box_at(b, t)->h;
        if (s->duration.text) {
            t = add_text(b, JMAP_BOX_STEP_DURATION,
                         card_duration(b, s->duration.text),
                         s->duration.pos, JMAP_FONT_SMALL,
                         x + STEP_PAD_X + ICON_W, cy + STEP_DURATION_GAP,
                         COL_W - 2 * STEP_PAD_X - ICON_W, PARA, col_of(b, i),
                         (int)card);
            add_clock(b, t);
            cy += box_at(b, t)->h + STEP_DURATION_GAP;
        }
        if (s->description.str) {
            t = add_text(b, JMAP_BOX_STEP_DESCRIPTION, s->description.str,
                         s->description.pos, JMAP_FONT_SMALL, x + STEP_PAD_X,
                         cy + DESCRIPTION_GAP, COL_W - 2 * STEP_PAD_X, PARA,
                         col_of(b, i), (int)card);
            cy += DESCRIPTION_GAP + box_at(b, t)->h;
        }
        if (s->n_personas && has_step_personas(b)) { /* whose step */
            double px = x + STEP_PAD_X;
            for (size_t k = 0; k < s->n_personas; k++) {
                const jmap_persona *p = s->personas[k].target;
                if (!p)
                    continue;
                if (px + CHIP_D > x + COL_W - STEP_PAD_X) {
                    px = x + STEP_PAD_X;
                    cy += CHIP_D + CHIP_GAP_X;
                }
                persona_chip(b, p, s->personas[k].pos, px, cy + DESCRIPTION_GAP,
                             col_of(b, i), (int)card);
                px += CHIP_D + CHIP_GAP_X;
            }
            cy += DESCRIPTION_GAP + CHIP_D;
        }
        double h = cy + STEP_PAD_Y - top + mark_room(b, JMAP_BOX_STEP, s->pos, COL_W);
        max_h = h > max_h ? h : max_h;
    }
    for (size_t i = start; i < b->L->n_boxes; i++)
        if (box_at(b, i)->kind == JMAP_BOX_STEP)
            box_at(b, i)->h = max_h;
    draw_arrows(b, arrows, n_arrows, top);
    free(arrows);
    double cy = top + max_h / 2;
    for (size_t i = b->first; i + 1 < b->end; i++)
        if (flows_to_next(b->j, i))
            add_head(b, add_line(b, JMAP_PATH_FLOW,
                                 col_x(b, i) + COL_W + FLOW_GAP, cy,
                                 col_x(b, i + 1) - FLOW_GAP, cy), FLOW_HEAD, -1);
    return channel + max_h + 2 * LANE_PAD;
}

/* How far curve `k` of `curves` sits right of the column's middle: the
 * curves stay inside their column however many personas there are, so
 * that every point drawn is on the page of its step. */
static double curve_dx(size_t k, size_t curves)
{
    if (curves < 2)
        return 0;
    double spread = fmin(CURVE_SPREAD, CURVE_ROOM / (double)(curves - 1));
    return (k - (curves - 1) / 2.0) * spread;
}

/* Whether curve `k`'s point on step `to` follows its point on step `from`
 * without a gap: no step between them, or none that is its persona's
 * (the curve skips the steps that are not theirs). */
static int follows(const builder *b, size_t k, size_t from, size_t to)
{
    const jmap_journey *j = b->j;
    if (to == from + 1)
        return 1;
    if (k >= j->n_personas || curve_count(j) < 2)
        return 0;
    for (size_t i = from + 1; i < to; i++)
        if (jmap_step_of_persona(j->steps[i], &j->personas[k]))
            return 0;
    return 1;
}

/* The paths of curve `k` through its `n` points `pts` (curve_points): one
 * smooth path per run of points that follow each other. */
static void curve_paths(builder *b, size_t k, double mid,
                        const jmap_emotion *const *pts, size_t n)
{
    double dx = curve_dx(k, b->L->n_curves);
    for (size_t r = 0; r < n;) {
        size_t end = r + 1;
        while (end < n && follows(b, k, pts[end - 1]->step->index,
                                  pts[end]->step->index))
            end++;
        if (end - r > 1) {
            jmap_path *p = add_path(b, JMAP_PATH_CURVE, pts[r]->step->pos,
                                    1 + 3 * (end - r - 1));
            p->curve = k;
            for (size_t q = r; q < end; q++) {
                jmap_point pt = {col_x(b, pts[q]->step->index) + COL_W / 2 + dx,
                                 mid - pts[q]->value * LEVEL_H};
                size_t at = 3 * (q - r);
                if (q > r) {
                    jmap_point prev = p->pts[at - 3];
                    double half = (pt.x - prev.x) / 2;
                    p->pts[at - 2] = (jmap_point){prev.x + half, prev.y};
                    p->pts[at - 1] = (jmap_point){pt.x - half, pt.y};
                }
                p->pts[at] = pt;
            }
        }
        r = end;
    }
}

/* The marks of curve `k` on its `n` points `pts` (curve_points). */
static void curve_marks(builder *b, size_t k, double mid,
                        const jmap_emotion *const *pts, size_t n)
{
    double dx = curve_dx(k, b->L->n_curves);
    for (size_t r = 0; r < n; r++) {
        size_t i = pts[r]->step->index;
        int v = pts[r]->value;
        double cx = col_x(b, i) + COL_W / 2 + dx, cy = mid - v * LEVEL_H;
        size_t e = add_box(b, JMAP_BOX_EMOTION, pts[r]->pos,
                           cx - EMOTION_D / 2, cy - EMOTION_D / 2, EMOTION_D,
                           EMOTION_D, col_of(b, i), -1);
        box_at(b, e)->style.emotion = v;
        box_at(b, e)->curve = k;
    }
}

/* Emotions: one smooth curve per persona (or one for the customer) on a
 * -2..+2 scale with a neutral line. */
static double lane_emotions(builder *b, double y)
{
    size_t curves = b->L->n_curves;
    if (!b->shown.emotions && !(b->blank && b->n_cols))
        return 0;
    /* the scale's values in words ("very positive +2"), right-aligned
     * in the label column, the +2 level under the lane's label */
    static const char *const scale[5] = {"\xe2\x88\x92" "2", "\xe2\x88\x92" "1",
                                         "0", "+1", "+2"};
    const char *texts[5];
    double tw[5], th = 0;
    for (int v = -2; v <= 2; v++) {
        char *t = jmap_xasprintf("%s %s", label(b, (jmap_label)(L_EMO_0 + v)),
                                 scale[v + 2]);
        texts[v + 2] = jmap_arena_strdup(b->L->arena, t);
        free(t);
        g_object_unref(jmap_measurer_layout(b->m, texts[v + 2],
                                            JMAP_FONT_SMALL, 0, 0, 0, NULL,
                                            &tw[v + 2], &th));
    }
    double scale_top = fmax(SCALE_TOP, b->label_h + SCALE_LABEL_GAP + th / 2);
    double mid = y + LANE_PAD + scale_top + 2 * LEVEL_H;
    b->L->emotion_mid = mid;
    for (int v = -2; v <= 2; v++) {
        double ly = mid - v * LEVEL_H;
        add_line(b, v ? JMAP_PATH_LEVEL : JMAP_PATH_NEUTRAL,
                 b->x_cols - GUIDE_OVERHANG, ly,
                 b->x_right, ly);
    }
    for (int v = -2; v <= 2; v++) {
        double x = MARGIN + LABEL_W - LABEL_PAD - tw[v + 2];
        add_text(b, JMAP_BOX_SCALE_TEXT, texts[v + 2], (jmap_pos){0, 0},
                 JMAP_FONT_SMALL, x, mid - v * LEVEL_H - th / 2, 0, AS_WRITTEN,
                 -1, -1);
    }
    /* every curve's paths, then every curve's points over them */
    const jmap_emotion **pts = jmap_xcalloc(b->n_cols + 1, sizeof *pts);
    for (size_t k = 0; k < curves; k++) {
        size_t n = curve_points(b, k, pts);
        curve_paths(b, k, mid, pts, n);
    }
    for (size_t k = 0; k < curves; k++) {
        size_t n = curve_points(b, k, pts);
        curve_marks(b, k, mid, pts, n);
    }
    free(pts);
    return scale_top + SCALE_TOP + 4 * LEVEL_H + 2 * LANE_PAD;
}

/* A stack of cards in one column: how each kind of card is built. */
typedef struct card_spec {
    jmap_box_kind card, text; /* the card's and its text's kinds */
    double indent;            /* room at the left for an icon or a bar */
    jmap_icon icon;           /* its icon (a touchpoint's: by channel) */
    double icon_x, icon_y;    /* where the icon sits from the card's corner */
    double text_top;          /* the text, below the card's top */
} card_spec;

/* Adds a card holding `text` at (x, y) in a column; returns its height. */
static double add_card(builder *b, const card_spec *cs, const jmap_text *text,
                       jmap_pos pos, jmap_box_style style, int column,
                       double x, double y, double w)
{
    size_t card = add_box(b, cs->card, pos, x, y, w, 0, column, -1);
    box_at(b, card)->style = style;
    jmap_icon icon = cs->card == JMAP_BOX_TOUCHPOINT
                         ? (jmap_icon)(JMAP_ICON_DIGITAL + style.channel)
                         : cs->icon;
    add_icon(b, icon, pos, x + cs->icon_x, y + cs->icon_y, column, (int)card);
    double text_top = cs->text_top;
    size_t t = add_text(b, cs->text, text->str, text->pos, JMAP_FONT_BODY,
                        x + cs->indent, y + text_top,
                        w - cs->indent - CARD_PAD - 1, PARA, column,
                        (int)card);
    double h = text_top + box_at(b, t)->h + CARD_PAD;
    if (h < CARD_MIN_H)
        h = CARD_MIN_H;
    h += mark_room(b, cs->card, pos, w);
    box_at(b, card)->h = h;
    return h;
}

/* Touchpoints: chips whose shape and icon give the channel. */
static double lane_touchpoints(builder *b, double y)
{
    static const card_spec chip = {
        JMAP_BOX_TOUCHPOINT, JMAP_BOX_TOUCHPOINT_NAME, ICON_W + ICON_TEXT_GAP,
        JMAP_ICON_DIGITAL, CHIP_ICON_X, CHIP_ICON_Y, CHIP_TEXT_TOP};
    double max_h = 0;
    for (size_t i = b->first; i < b->end; i++) {
        const jmap_step *s = b->j->steps[i];
        double cy = y + LANE_PAD;
        for (size_t k = 0; k < s->n_touchpoints; k++) {
            const jmap_touchpoint *t = s->touchpoints[k].target;
            if (!t)
                continue;
            jmap_text name = t->name;
            if (!name.str)
                name.str = t->id;
            jmap_channel ch = t->channel <= JMAP_CHANNEL_HUMAN
                                  ? t->channel : JMAP_CHANNEL_DIGITAL;
            cy += add_card(b, &chip, &name, s->touchpoints[k].pos,
                           (jmap_box_style){.channel = ch}, col_of(b, i),
                           col_x(b, i) + CHIP_INSET, cy,
                           COL_W - 2 * CHIP_INSET) + CHIP_GAP;
        }
        double h = cy - CHIP_GAP - y - LANE_PAD;
        max_h = h > max_h ? h : max_h;
    }
    return max_h > 0 ? max_h + 2 * LANE_PAD : 0;
}

/* The marks of where an insight comes from (`sources`, jmap_source bits)
 * in a row from (x, y), `w` wide, wrapping, in card `parent`. Returns the
 * height they take, 0 for none. */
static double source_marks(builder *b, unsigned sources, jmap_pos pos,
                           double x, double y, double w, int column,
                           int parent)
{
    double cx = x, rows = 0;
    for (int k = 0; k < JMAP_SOURCE_COUNT; k++) {
        if (!(sources & (1u << k)))
            continue;
        if (rows == 0)
            rows = 1;
        if (cx + JMAP_ICON_SIZE > x + w + 0.001) {
            cx = x;
            rows++;
        }
        add_icon(b, (jmap_icon)(JMAP_ICON_SURVEY + k), pos, cx,
                 y + (rows - 1) * (JMAP_ICON_SIZE + SOURCE_GAP), column,
                 parent);
        cx += JMAP_ICON_SIZE + SOURCE_GAP;
    }
    return rows ? rows * (JMAP_ICON_SIZE + SOURCE_GAP) : 0;
}

/* An irritant card: severity bar and bars icon, a frequency badge, the
 * text, the department that owns it and the marks of its sources.
 * Returns its height. */
static double irritant_card(builder *b, const jmap_irritant *ir, int column,
                            double x, double y)
{
    jmap_level sev = ir->severity <= JMAP_LEVEL_HIGH ? ir->severity
                                                     : JMAP_LEVEL_MEDIUM;
    double bar_w = jmap_severity_bar_w(sev);
    double head = JMAP_ICON_SIZE; /* the row of the severity icon and badge */
    size_t card = add_box(b, JMAP_BOX_IRRITANT, ir->pos, x, y, COL_W, 0, column,
                          -1);
    box_at(b, card)->style.level = sev;
    size_t bar = add_box(b, JMAP_BOX_SEVERITY_BAR, ir->pos, x, y, bar_w, 0,
                         column, (int)card);
    box_at(b, bar)->style.level = sev;
    add_icon(b, (jmap_icon)(JMAP_ICON_SEVERITY_LOW + sev), ir->pos,
             x + bar_w + BAR_ICON_GAP, y + IRRITANT_TOP, column, (int)card);
    if (ir->frequency >= 0) {
        char num[32];
        snprintf(num, sizeof num, "%ld%s", ir->frequency, label(b, L_PER_MONTH));
        const char *s = jmap_arena_strdup(b->L->arena, num);
        double w, h;
        g_object_unref(jmap_measurer_layout(b->m, s, JMAP_FONT_SMALL_BOLD, 0, 1,
                                            0, NULL, &w, &h));
        double bw = w + 2 * BADGE_PAD_X, bh = h + 2 * BADGE_PAD_Y;
        size_t badge = add_box(b, JMAP_BOX_BADGE, ir->pos,
                               x + COL_W - BADGE_INSET - bw, y + IRRITANT_TOP,
                               bw, bh, column, (int)card);
        add_text(b, JMAP_BOX_BADGE_TEXT, s, (jmap_pos){0, 0},
                 JMAP_FONT_SMALL_BOLD, x + COL_W - BADGE_INSET - bw + BADGE_PAD_X,
                 y + (IRRITANT_TOP + BADGE_PAD_Y), 0, PARA, column, (int)badge);
        head = bh;
    }
    double indent = bar_w + BAR_ICON_GAP;
    size_t t = add_text(b, JMAP_BOX_IRRITANT_NAME, ir->name.str, ir->name.pos,
                        JMAP_FONT_BODY, x + indent,
                        y + IRRITANT_TOP + head + IRRITANT_TEXT_GAP,
                        COL_W - indent - CARD_PAD - 1, PARA, column,
                        (int)card);
    double cy = y + IRRITANT_TOP + head + IRRITANT_TEXT_GAP + box_at(b, t)->h;
    const jmap_department *owner = ir->owner.target;
    if (owner) {
        const char *name = owner->name.str ? owner->name.str : owner->id;
        char *text = jmap_xasprintf("%s%s %s", label(b, L_R_OWNER),
                                    jmap_colon(b->lang), name);
        t = add_text(b, JMAP_BOX_IRRITANT_OWNER,
                     jmap_arena_strdup(b->L->arena, text), ir->owner.pos,
                     JMAP_FONT_SMALL, x + indent, cy + OWNER_GAP,
                     COL_W - indent - CARD_PAD - 1, PARA, column, (int)card);
        free(text);
        cy += OWNER_GAP + box_at(b, t)->h;
    }
    if (ir->sources)
        cy += SOURCE_GAP + source_marks(b, ir->sources, ir->pos, x + indent,
                                        cy + SOURCE_GAP,
                                        COL_W - indent - CARD_PAD, column,
                                        (int)card) - SOURCE_GAP;
    double h = cy + CARD_PAD - y + mark_room(b, JMAP_BOX_IRRITANT, ir->pos, COL_W);
    box_at(b, card)->h = h;
    box_at(b, bar)->h = h;
    return h;
}

/* The remedy of an irritant, a card hanging from the irritant's card
 * (at y, its bottom edge), indented: no counting pairs them. Returns its
 * height. */
static double remedy_card(builder *b, const jmap_irritant *ir, int column,
                          double x, double y)
{
    static const card_spec remedy = {
        JMAP_BOX_REMEDY, JMAP_BOX_REMEDY_TEXT, ICON_W + ICON_TEXT_GAP,
        JMAP_ICON_BANDAGE, CARD_ICON_X, CARD_ICON_Y, CARD_TEXT_TOP};
    return add_card(b, &remedy, &ir->remedy, ir->remedy.pos,
                    (jmap_box_style){0}, column, x + REMEDY_INDENT, y,
                    COL_W - REMEDY_INDENT);
}

/* Irritants, each with its remedy right under it, then positive
 * moments, in each column. */
static double lane_irritants(builder *b, double y)
{
    static const card_spec moment = {
        JMAP_BOX_MOMENT, JMAP_BOX_MOMENT_TEXT, ICON_W + ICON_TEXT_GAP,
        JMAP_ICON_CHECK, CARD_ICON_X, CARD_ICON_Y, CARD_TEXT_TOP};
    double max_h = 0;
    for (size_t i = b->first; i < b->end; i++) {
        const jmap_step *s = b->j->steps[i];
        double cy = y + LANE_PAD, x = col_x(b, i);
        for (size_t k = 0; k < s->n_irritants; k++) {
            const jmap_irritant *ir = &s->irritants[k];
            if (!ir->name.str)
                continue;
            cy += irritant_card(b, ir, col_of(b, i), x, cy);
            if (ir->remedy.str)
                cy += remedy_card(b, ir, col_of(b, i), x, cy);
            cy += CARD_GAP;
        }
        for (size_t k = 0; k < s->n_moments; k++) {
            if (!s->moments[k].str)
                continue;
            size_t card = b->L->n_boxes;
            double h = add_card(b, &moment, &s->moments[k], s->moments[k].pos,
                                (jmap_box_style){0}, col_of(b, i), x, cy, COL_W);
            unsigned src = s->moment_sources ? s->moment_sources[k] : 0;
            if (src) { /* under the text, in the card */
                double indent = moment.indent;
                h += source_marks(b, src, s->moments[k].pos, x + indent,
                                  cy + h - CARD_PAD + SOURCE_GAP,
                                  COL_W - indent - CARD_PAD, col_of(b, i),
                                  (int)card);
                box_at(b, card)->h = h;
            }
            cy += h + CARD_GAP;
        }
        double h = cy - CARD_GAP - y - LANE_PAD;
        max_h = h > max_h ? h : max_h;
    }
    return max_h > 0 ? max_h + 2 * LANE_PAD : 0;
}

/* A thought's quote card at (x, y): the thought in the map's quotation
 * marks. Returns its height. */
/* Whether `s` is written in quotation marks already: it starts with an
 * opening mark (« “ „ ‘ " ') and ends with a closing one. */
static int quoted_already(const char *s)
{
    static const char *const open[] = {"\xc2\xab", "\xe2\x80\x9c", "\xe2\x80\x9e",
                                       "\xe2\x80\x98", "\"", "'"};
    static const char *const close[] = {"\xc2\xbb", "\xe2\x80\x9d", "\xe2\x80\x9c",
                                        "\xe2\x80\x99", "\"", "'"};
    size_t n = strlen(s);
    for (size_t k = 0; k < sizeof open / sizeof *open; k++) {
        size_t lo = strlen(open[k]), lc = strlen(close[k]);
        if (n > lo + lc && strncmp(s, open[k], lo) == 0 &&
            strcmp(s + n - lc, close[k]) == 0)
            return 1;
    }
    return 0;
}

static double thought_card(builder *b, const jmap_text *th, int column,
                           double x, double y)
{
    size_t card = add_box(b, JMAP_BOX_THOUGHT, th->pos, x, y, COL_W, 0,
                          column, -1);
    int as_is = quoted_already(th->str);
    char *quoted = jmap_xasprintf("%s%s%s", as_is ? "" : label(b, L_QUOTE_OPEN),
                                  th->str, as_is ? "" : label(b, L_QUOTE_CLOSE));
    size_t t = add_text(b, JMAP_BOX_THOUGHT_TEXT,
                        jmap_arena_strdup(b->L->arena, quoted), th->pos,
                        JMAP_FONT_BODY, x + THOUGHT_PAD_X, y + CARD_TEXT_TOP,
                        COL_W - 2 * THOUGHT_PAD_X, PARA, column, (int)card);
    free(quoted);
    box_at(b, t)->text = th->str; /* the dump gives it as written */
    double h = fmax(CARD_TEXT_TOP + box_at(b, t)->h + CARD_PAD, CARD_MIN_H);
    box_at(b, card)->h = h;
    return h;
}

/* Thoughts: what the customer thinks or says at each step. */
static double lane_thoughts(builder *b, double y)
{
    double max_h = 0;
    for (size_t i = b->first; i < b->end; i++) {
        const jmap_step *s = b->j->steps[i];
        double cy = y + LANE_PAD;
        for (size_t k = 0; k < s->n_thoughts; k++)
            if (s->thoughts[k].str)
                cy += thought_card(b, &s->thoughts[k], col_of(b, i),
                                   col_x(b, i), cy) + CARD_GAP;
        max_h = fmax(max_h, cy - CARD_GAP - y - LANE_PAD);
    }
    return max_h > 0 ? max_h + 2 * LANE_PAD : 0;
}

/* A figure as the map's language writes it: the fewest digits, a decimal
 * comma in French; a unit after a no-break space ("6.5 min"), a percent
 * sign right after the figure in English ("2.3%") and after a narrow
 * no-break space in French ("2,3 %"); a unit that starts with "/" (a
 * score "/5") right after it. */
static const char *metric_figure(builder *b, double v, const jmap_text *unit)
{
    char num[64];
    jmap_format_number(num, sizeof num, v);
    jmap_buf out;
    jmap_buf_init(&out);
    for (const char *p = num; *p; p++)
        if (*p == '.' && b->lang == JMAP_LANG_FR)
            jmap_buf_puts(&out, ",");
        else if (*p == '-')
            jmap_buf_puts(&out, "\xe2\x88\x92"); /* a minus sign */
        else
            jmap_buf_put(&out, p, 1);
    const char *u = unit && unit->str ? unit->str : NULL;
    if (u && *u) {
        if (u[0] == '/' || (strcmp(u, "%") == 0 && b->lang != JMAP_LANG_FR))
            ;
        else if (u[0] == '%')
            jmap_buf_puts(&out, "\xe2\x80\xaf"); /* NARROW NO-BREAK SPACE */
        else
            jmap_buf_puts(&out, "\xc2\xa0");
        jmap_buf_puts(&out, u);
    }
    const char *s = jmap_arena_strdup(b->L->arena, out.data ? out.data : "");
    jmap_buf_destroy(&out);
    return s;
}

/* The texts of metric `mt` from (x, y), `w` wide, in box `parent`: its
 * name, its figure, and its target after a mark of met or missed.
 * Returns their height. */
static double metric_texts(builder *b, const jmap_metric *mt, int column,
                           int parent, double x, double y, double w)
{
    double cy = y;
    size_t t = add_text(b, JMAP_BOX_METRIC_NAME, mt->name.str, mt->name.pos,
                        JMAP_FONT_SMALL, x, cy, w, PARA, column, parent);
    cy += box_at(b, t)->h;
    t = add_text(b, JMAP_BOX_METRIC_VALUE, metric_figure(b, mt->value, &mt->unit),
                 mt->pos, JMAP_FONT_BODY_BOLD, x, cy, w, PARA, column, parent);
    cy += box_at(b, t)->h;
    if (mt->has_target) {
        char *text = jmap_xasprintf("%s%s %s", label(b, L_TARGET),
                                    jmap_colon(b->lang),
                                    metric_figure(b, mt->target, &mt->unit));
        t = add_text(b, JMAP_BOX_METRIC_TARGET,
                     jmap_arena_strdup(b->L->arena, text), mt->pos,
                     JMAP_FONT_SMALL, x + ICON_W, cy + METRIC_TARGET_GAP,
                     w - ICON_W, PARA, column, parent);
        free(text);
        const jmap_box *tb = box_at(b, t);
        add_icon(b, jmap_metric_met(mt) == 1 ? JMAP_ICON_MET : JMAP_ICON_MISSED, mt->pos,
                 x, tb->y + tb->h / 2 - JMAP_ICON_SIZE / 2, column, parent);
        cy += METRIC_TARGET_GAP + fmax(tb->h, JMAP_ICON_SIZE);
    }
    return cy - y;
}

/* Metrics: each step's figures, a card each. */
static double lane_metrics(builder *b, double y)
{
    double max_h = 0;
    for (size_t i = b->first; i < b->end; i++) {
        const jmap_step *s = b->j->steps[i];
        double cy = y + LANE_PAD, x = col_x(b, i);
        for (size_t k = 0; k < s->n_metrics; k++) {
            const jmap_metric *mt = &s->metrics[k];
            if (!mt->name.str)
                continue;
            size_t card = add_box(b, JMAP_BOX_METRIC, mt->pos, x, cy, COL_W, 0,
                                  col_of(b, i), -1);
            double h = metric_texts(b, mt, col_of(b, i), (int)card,
                                    x + METRIC_PAD, cy + METRIC_PAD,
                                    COL_W - 2 * METRIC_PAD) + 2 * METRIC_PAD;
            box_at(b, card)->h = h;
            cy += h + CARD_GAP;
        }
        max_h = fmax(max_h, cy - CARD_GAP - y - LANE_PAD);
    }
    return max_h > 0 ? max_h + 2 * LANE_PAD : 0;
}

/* Ideas. */
static double lane_ideas(builder *b, double y)
{
    static const card_spec idea = {
        JMAP_BOX_IDEA, JMAP_BOX_IDEA_TEXT, ICON_W + ICON_TEXT_GAP,
        JMAP_ICON_BULB, CARD_ICON_X, CARD_ICON_Y, CARD_TEXT_TOP};
    double max_h = 0;
    for (size_t i = b->first; i < b->end; i++) {
        const jmap_step *s = b->j->steps[i];
        double cy = y + LANE_PAD, x = col_x(b, i);
        for (size_t k = 0; k < s->n_ideas; k++)
            if (s->ideas[k].str)
                cy += add_card(b, &idea, &s->ideas[k], s->ideas[k].pos,
                               (jmap_box_style){0}, col_of(b, i), x, cy,
                               COL_W) + CARD_GAP;
        double h = cy - CARD_GAP - y - LANE_PAD;
        max_h = h > max_h ? h : max_h;
    }
    return max_h > 0 ? max_h + 2 * LANE_PAD : 0;
}

/* Department rows being filled with their column marks. */
typedef struct dept_rows {
    builder *b;          /* the layout */
    double *y, *h;       /* each department's row, h 0 when it has none */
    double *base;        /* its height without its actions' texts: the
                            height of its marks and their insets */
    int *last;           /* the last column marked for each department */
} dept_rows;

/* The height of `text` set as add_text sets it in `font`, `width` wide. */
static double text_height(builder *b, const char *text, jmap_font font,
                          double width)
{
    double w, h;
    g_object_unref(jmap_measurer_layout(b->m, typeset(b, one_paragraph(b, text)),
                                        font, width, 0, 0, NULL, &w, &h));
    return h;
}

/* Marks department d in column `col`, once. */
static void add_mark(dept_rows *r, size_t d, int col)
{
    if (r->h[d] <= 0 || r->last[d] == col)
        return;
    r->last[d] = col;
    builder *b = r->b;
    const jmap_department *dep = &b->j->departments[d];
    size_t mk = add_box(b, JMAP_BOX_DEPT_MARK, dep->pos,
                        b->L->col_x[col] + DEPT_MARK_INSET_X,
                        r->y[d] + DEPT_MARK_INSET_Y,
                        COL_W - 2 * DEPT_MARK_INSET_X,
                        r->base[d] - 2 * DEPT_MARK_INSET_Y, col, -1);
    box_at(b, mk)->style.visibility = dep->visibility;
}

/* A separator band: its label in the label column and a line after it. */
static double separator(builder *b, jmap_path_kind kind, jmap_label l,
                        double y)
{
    size_t t = add_text(b, JMAP_BOX_SEPARATOR_TEXT, label(b, l),
                        (jmap_pos){0, 0}, JMAP_FONT_SMALL_BOLD,
                        MARGIN + LABEL_PAD, y + SEPARATOR_PAD, 0, PARA, -1, -1);
    jmap_box *bx = box_at(b, t);
    double mid = bx->y + bx->h / 2;
    add_line(b, kind, bx->x + bx->w + SEPARATOR_LINE_GAP, mid, b->x_right,
             mid);
    return bx->h + 2 * SEPARATOR_PAD;
}

/* Departments: one row per department involved somewhere, grouped by
 * visibility, with the line of visibility and the support line. */
static double lane_departments(builder *b, double y)
{
    const jmap_journey *j = b->j;
    size_t nd = j->n_departments;
    if (!nd || !b->n_cols)
        return 0;
    size_t n_used = 0; /* departments involved anywhere (resolve.c) */
    for (size_t d = 0; d < nd; d++)
        n_used += j->departments[d].n_steps > 0;
    if (!n_used)
        return 0;
    dept_rows rows = {b, jmap_xcalloc(nd, sizeof(double)),
                      jmap_xcalloc(nd, sizeof(double)),
                      jmap_xcalloc(nd, sizeof(double)), jmap_xcalloc(nd, sizeof(int))};
    /* the tallest action's text of each department, under its marks */
    double *act_h = jmap_xcalloc(nd, sizeof *act_h);
    for (size_t i = b->first; i < b->end; i++)
        for (size_t k = 0; k < j->steps[i]->n_actions; k++) {
            const jmap_action *a = &j->steps[i]->actions[k];
            const jmap_department *dep = a->department.target;
            if (dep && a->text.str)
                act_h[dep->index] = fmax(act_h[dep->index],
                                         text_height(b, a->text.str,
                                                     JMAP_FONT_SMALL, ACTION_W));
        }
    double cy = y + LANE_PAD + b->label_h + DEPT_TOP_GAP;
    for (int vis = JMAP_VIS_FRONTSTAGE; vis <= JMAP_VIS_SUPPORT; vis++) {
        int n = 0;
        for (size_t d = 0; d < nd; d++)
            n += j->departments[d].n_steps &&
                 j->departments[d].visibility == (jmap_visibility)vis;
        if (vis == JMAP_VIS_BACKSTAGE)
            cy += separator(b, JMAP_PATH_VISIBILITY, L_VISIBILITY, cy);
        else if (vis == JMAP_VIS_SUPPORT && n)
            cy += separator(b, JMAP_PATH_SUPPORT, L_SUPPORT, cy);
        for (size_t d = 0; d < nd; d++) {
            const jmap_department *dep = &j->departments[d];
            if (!dep->n_steps || dep->visibility != (jmap_visibility)vis)
                continue;
            const char *name = dep->name.str ? dep->name.str : dep->id;
            size_t t = add_text(b, JMAP_BOX_DEPT_NAME, name, dep->name.pos,
                                JMAP_FONT_BODY, MARGIN + LABEL_PAD,
                                cy + DEPT_PAD_Y, LABEL_W - 2 * LABEL_PAD,
                                PARA, -1, -1);
            double row_h = box_at(b, t)->h + 2 * DEPT_PAD_Y;
            rows.y[d] = cy;
            rows.base[d] = row_h < DEPT_ROW_MIN_H ? DEPT_ROW_MIN_H : row_h;
            rows.h[d] = rows.base[d] +
                        (act_h[d] > 0 ? act_h[d] + ACTION_GAP : 0);
            rows.last[d] = -1;
            cy += rows.h[d];
            add_line(b, JMAP_PATH_ROW, b->x_cols - ROW_OVERHANG, cy,
                     b->x_right, cy);
        }
    }
    for (size_t i = b->first; i < b->end; i++)
        for (size_t k = 0; k < j->steps[i]->n_involved; k++)
            add_mark(&rows, j->steps[i]->involved[k].department->index, col_of(b, i));
    /* what each department does at the step, under its mark */
    for (size_t i = b->first; i < b->end; i++)
        for (size_t k = 0; k < j->steps[i]->n_actions; k++) {
            const jmap_action *a = &j->steps[i]->actions[k];
            const jmap_department *dep = a->department.target;
            if (!dep || !a->text.str || rows.h[dep->index] <= 0)
                continue;
            size_t d = dep->index;
            add_text(b, JMAP_BOX_DEPT_ACTION, a->text.str, a->text.pos,
                     JMAP_FONT_SMALL, col_x(b, i) + DEPT_MARK_INSET_X,
                     rows.y[d] + rows.base[d] - DEPT_MARK_INSET_Y + ACTION_GAP / 2,
                     ACTION_W, PARA, col_of(b, i), -1);
        }
    free(act_h);
    free(rows.y);
    free(rows.h);
    free(rows.base);
    free(rows.last);
    return cy + LANE_PAD - y;
}

/* Changes: what an older map had under each step, and the key of the
 * marks (diffmarks.c); only on a map rendered with its changes. */
static double lane_changes(builder *b, double y)
{
    return b->L->marks && !b->blank
               ? jmap_diffmarks_lane(b->L->marks, b->L, b->m, y, b->label_h)
               : 0;
}

typedef double (*lane_fn)(builder *b, double y);

/* The lanes, top to bottom. */
static const struct lane_def {
    jmap_label name;   /* its label */
    lane_fn build;     /* places its content from y; returns its height,
                          0 when it has nothing to show */
    double label_room; /* width kept free at the label column's right */
    int cut_ok;        /* 1: a page may end between two of its rows of
                          cards (never inside arrows or curves) */
} lanes[] = {
    {L_STAGES, lane_stages, 0, 0},
    {L_ACTIONS, lane_actions, 0, 0},
    {L_THOUGHTS, lane_thoughts, 0, 1},
    {L_EMOTIONS, lane_emotions, 22, 0},
    {L_TOUCHPOINTS, lane_touchpoints, 0, 1},
    {L_IRRITANTS, lane_irritants, 0, 1},
    {L_IDEAS, lane_ideas, 0, 1},
    {L_METRICS, lane_metrics, 0, 1},
    {L_DEPARTMENTS, lane_departments, 0, 1},
    {L_D_CHANGES, lane_changes, 0, 1},
};

static double place_lane(builder *b, const struct lane_def *d, double y)
{
    size_t start = b->L->n_boxes;
    size_t band = add_box(b, JMAP_BOX_LANE, (jmap_pos){0, 0}, MARGIN, y,
                          b->x_right - MARGIN, 0, -1, -1);
    size_t t = add_text(b, JMAP_BOX_LANE_LABEL, label(b, d->name),
                        (jmap_pos){0, 0}, JMAP_FONT_HEADING, MARGIN + LABEL_PAD,
                        y + LANE_PAD, LABEL_W - 2 * LABEL_PAD - d->label_room,
                        PARA, -1, (int)band);
    b->label_h = box_at(b, t)->h;
    double h = d->build(b, y);
    if (b->blank && d->name != L_STAGES && d->name != L_EMOTIONS &&
        d->name != L_DEPARTMENTS && d->name != L_D_CHANGES && b->n_cols)
        h = fmax(h, NOTE_H + 2 * LANE_PAD);
    if (h <= 0) {
        drop_boxes(b, start);
        return 0;
    }
    if (h < b->label_h + 2 * LANE_PAD)
        h = b->label_h + 2 * LANE_PAD;
    box_at(b, band)->h = h;
    box_at(b, band)->style.lane = b->lane_no++;
    jmap_layout *L = b->L;
    if (L->n_lanes < JMAP_MAX_LANES) {
        L->lane_y[L->n_lanes] = y;
        L->lane_h[L->n_lanes] = h;
        L->lane_cut_ok[L->n_lanes] = d->cut_ok;
        L->n_lanes++;
    }
    return h;
}

/* Vertical rules between stages, through every lane. */
static void stage_rules(builder *b, double top, double bottom)
{
    for (size_t i = b->first + 1; i < b->end; i++)
        if (b->j->steps[i]->stage != b->j->steps[i - 1]->stage) {
            double x = col_x(b, i) - (COL_GAP + STAGE_GAP) / 2;
            add_line(b, JMAP_PATH_GRID, x, top, x, bottom);
        }
}

/* The footer of a page of a split map: page number, its place when the
 * pages make rows (B2: second row, second column) and stage range. */
static double footer(builder *b, double y)
{
    const jmap_journey *j = b->j;
    const jmap_layout *L = b->L;
    const jmap_stage *s0 = j->steps[b->first]->stage;
    const jmap_stage *s1 = j->steps[b->end - 1]->stage;
    const char *n0 = s0->name.str ? s0->name.str : s0->id;
    const char *n1 = s1->name.str ? s1->name.str : s1->id;
    jmap_buf out;
    jmap_buf_init(&out);
    jmap_buf_printf(&out, "%s %d/%d", label(b, L_PAGE), L->slice.page,
                    L->slice.n_pages);
    if (L->n_rows > 1)
        jmap_buf_printf(&out, " (%c%d)", 'A' + L->row % 26, L->col + 1);
    jmap_buf_printf(&out, " \xc2\xb7 %s", n0);
    if (s0 != s1)
        jmap_buf_printf(&out, " \xe2\x80\x93 %s", n1);
    const char *s = jmap_arena_strdup(b->L->arena, out.data);
    jmap_buf_destroy(&out);
    size_t t = add_text(b, JMAP_BOX_FOOTER, s, (jmap_pos){0, 0},
                        JMAP_FONT_SMALL, MARGIN, y + FOOTER_GAP,
                        b->x_right - MARGIN, PARA, -1, -1);
    return box_at(b, t)->h + FOOTER_GAP;
}

static void name_curves(builder *b)
{
    const jmap_journey *j = b->j;
    jmap_layout *L = b->L;
    L->n_curves = curve_count(j);
    L->curve_names = jmap_arena_alloc(L->arena, L->n_curves,
                                      sizeof *L->curve_names);
    if (j->per_persona_emotions)
        for (size_t k = 0; k < L->n_curves && k < j->n_personas; k++)
            L->curve_names[k] = j->personas[k].name.str
                                    ? j->personas[k].name.str
                                    : j->personas[k].id;
}

/* A new, empty layout of `journey`: one page, all of its steps. */
static jmap_layout *layout_alloc(const jmap_journey *journey)
{
    jmap_layout *L = jmap_xcalloc(1, sizeof *L);
    L->journey = journey;
    L->arena = jmap_arena_new();
    L->slice = (jmap_slice){0, journey->n_steps, 1, 1};
    L->n_rows = L->n_cols = 1;
    return L;
}

/* A builder that fills L with steps [first, end) of `j`, laid out with
 * `flags` (JMAP_LAYOUT_BLANK, JMAP_LAYOUT_HEADER_*). */
static void builder_init(builder *b, jmap_layout *L, const jmap_journey *j,
                         jmap_measurer *m, size_t first, size_t end, int flags)
{
    memset(b, 0, sizeof *b);
    b->L = L;
    b->j = j;
    b->m = m;
    b->lang = j->lang;
    b->first = first;
    b->end = end;
    b->n_cols = end - first;
    b->blank = (flags & JMAP_LAYOUT_BLANK) != 0;
    b->header = flags;
    L->flags = flags;
    count_steps(j, 0, j->n_steps, &b->all);
    count_steps(j, first, end, &b->shown);
    name_curves(b);
}

/* Lays out a slice of the journey. */
static jmap_layout *layout_build(const jmap_journey *journey, jmap_measurer *m,
                                 jmap_diag_list *diags, int header, int flags,
                                 const jmap_diffmarks *marks)
{
    jmap_layout *L = layout_alloc(journey);
    L->marks = marks;
    builder b;
    builder_init(&b, L, journey, m, 0, journey->n_steps, flags);
    b.diags = diags;
    b.grid = !header;
    place_columns(&b);

    add_box(&b, JMAP_BOX_MAP, (jmap_pos){0, 0}, 0, 0, L->width, 0, -1, -1);
    double y = header ? build_header(&b, MARGIN) : MARGIN;
    L->header_h = y - MARGIN;
    double lanes_top = y;
    for (size_t i = 0; i < sizeof lanes / sizeof lanes[0]; i++)
        y += place_lane(&b, &lanes[i], y);
    stage_rules(&b, lanes_top, y);
    L->height = y + MARGIN;
    L->boxes[0].h = L->height;
    if (marks)
        jmap_diffmarks_apply(marks, L, m);
    return L;
}

jmap_layout *jmap_layout_new(const jmap_journey *journey, jmap_measurer *m,
                             jmap_diag_list *diags)
{
    return layout_build(journey, m, diags, 1, 0, NULL);
}

jmap_layout *jmap_layout_grid(const jmap_journey *journey, jmap_measurer *m,
                              jmap_diag_list *diags, int flags)
{
    return layout_build(journey, m, diags, 0, flags, NULL);
}

jmap_layout *jmap_layout_whole(const jmap_journey *journey, jmap_measurer *m,
                               jmap_diag_list *diags, int flags)
{
    return layout_build(journey, m, diags, 1, flags, NULL);
}

jmap_layout *jmap_layout_grid_marked(const jmap_journey *journey,
                                     jmap_measurer *m, jmap_diag_list *diags,
                                     int flags, const jmap_diffmarks *marks)
{
    return layout_build(journey, m, diags, 0, flags, marks);
}

jmap_layout *jmap_layout_whole_marked(const jmap_journey *journey,
                                      jmap_measurer *m, jmap_diag_list *diags,
                                      int flags, const jmap_diffmarks *marks)
{
    return layout_build(journey, m, diags, 1, flags, marks);
}

/* ---- for the passes that add marks (diffmarks.c) ---- */

size_t jmap_layout_add_box(jmap_layout *L, jmap_box_kind kind, jmap_pos pos,
                           double x, double y, double w, double h, int column,
                           int parent)
{
    builder b = {.L = L, .j = L->journey, .lang = L->journey->lang};
    return add_box(&b, kind, pos, x, y, w, h, column, parent);
}

size_t jmap_layout_add_text(jmap_layout *L, jmap_measurer *m,
                            jmap_box_kind kind, const char *text, jmap_pos pos,
                            jmap_font font, double x, double y, double width,
                            int max_lines, int column, int parent)
{
    builder b = {.L = L, .j = L->journey, .m = m, .lang = L->journey->lang};
    return add_text(&b, kind, text, pos, font, x, y, width, max_lines, column,
                    parent);
}

jmap_path *jmap_layout_add_path(jmap_layout *L, jmap_path_kind kind,
                                jmap_pos pos, size_t n)
{
    builder b = {.L = L, .j = L->journey, .lang = L->journey->lang};
    return add_path(&b, kind, pos, n);
}

double jmap_layout_curve_x(const jmap_layout *L, size_t col, size_t k)
{
    return L->col_x[col] + COL_W / 2 + curve_dx(k, L->n_curves);
}

double jmap_layout_level_y(const jmap_layout *L, int v)
{
    return L->emotion_mid - v * LEVEL_H;
}

/* ---- pages cut from the grid ---- */

/* A printed map is laid out once as a grid (jmap_layout_grid: every lane,
 * its height set by the whole journey) and each page is a window on it:
 * some steps across, some lanes down. So every page has the same lanes at
 * the same heights, and pages laid side by side continue each other. */

double jmap_page_extra_width(void)
{
    return 2 * MARGIN + LABEL_W + COL_GAP;
}

double jmap_grid_span(const jmap_layout *grid, size_t first, size_t end)
{
    return grid->col_x[end - 1] + COL_W - grid->col_x[first];
}

/* The height of a split map's footer. */
static double footer_height(jmap_measurer *m)
{
    double w, h;
    g_object_unref(jmap_measurer_layout(m, "Page 1/2", JMAP_FONT_SMALL, 0, 1,
                                        0, NULL, &w, &h));
    return h + FOOTER_GAP;
}

double jmap_page_extra_height(const jmap_layout *grid, jmap_measurer *m,
                              int footer)
{
    double stage = grid->n_lanes ? grid->lane_h[0] : 0;
    return 2 * MARGIN + stage + (footer ? footer_height(m) : 0);
}

/* What a title block's height is made of, measured once: its row's
 * blocks keep their sizes whatever the page's width; only the title
 * wraps, and the row. */
struct jmap_header_sizes {
    const jmap_journey *j;
    jmap_measurer *m;
    char *title;        /* the title on one paragraph */
    double sub_h;       /* the subtitle's height, 0 for none */
    int title_only;     /* 1: no row */
    size_t n;           /* the row's blocks */
    double *w, *h;
};

jmap_header_sizes *jmap_header_sizes_new(const jmap_journey *journey,
                                         jmap_measurer *m, int flags)
{
    jmap_header_sizes *hs = jmap_xcalloc(1, sizeof *hs);
    hs->j = journey;
    hs->m = m;
    jmap_layout *L = layout_alloc(journey);
    builder b;
    builder_init(&b, L, journey, m, 0, journey->n_steps, flags);
    b.x_right = 1e6;
    hs->title = jmap_xstrdup(one_paragraph(&b, journey->title.str ? journey->title.str : ""));
    const char *sub = total_duration(&b);
    if (sub) {
        double w;
        g_object_unref(jmap_measurer_layout(m, sub, JMAP_FONT_HEADING, 0, 1, 0,
                                            NULL, &w, &hs->sub_h));
    }
    hs->title_only = b.blank || (flags & JMAP_LAYOUT_HEADER_TITLE);
    if (!hs->title_only) {
        header_item *items = jmap_xcalloc(journey->n_personas + 2, sizeof *items);
        hs->n = header_row(&b, items);
        hs->w = jmap_xcalloc(hs->n, sizeof *hs->w);
        hs->h = jmap_xcalloc(hs->n, sizeof *hs->h);
        for (size_t i = 0; i < hs->n; i++) {
            size_t keep = L->n_boxes;
            hs->w[i] = items[i].w;
            hs->h[i] = header_item_build(&b, &items[i], MARGIN, MARGIN);
            drop_boxes(&b, keep);
        }
        free(items);
    }
    jmap_layout_free(L);
    return hs;
}

double jmap_header_sizes_height(const jmap_header_sizes *hs, double width)
{
    double w, h;
    g_object_unref(jmap_measurer_layout(hs->m, hs->title, JMAP_FONT_TITLE,
                                        width, 0, 0, NULL, &w, &h));
    double y = h + TITLE_GAP + hs->sub_h + SUBTITLE_GAP;
    if (hs->title_only)
        return y;
    double cx = 0, row_h = 0;
    for (size_t i = 0; i < hs->n; i++) { /* as build_header flows them */
        if (cx > 0 && cx + hs->w[i] > width) {
            y += row_h + HEADER_ROW_GAP;
            cx = 0;
            row_h = 0;
        }
        row_h = fmax(row_h, hs->h[i]);
        cx += hs->w[i] + HEADER_ITEM_GAP;
    }
    return y + row_h + HEADER_BOTTOM;
}

void jmap_header_sizes_free(jmap_header_sizes *hs)
{
    if (!hs)
        return;
    free(hs->title);
    free(hs->w);
    free(hs->h);
    free(hs);
}

double jmap_layout_header_height(const jmap_journey *journey,
                                 jmap_measurer *m, double width, int flags)
{
    jmap_header_sizes *hs = jmap_header_sizes_new(journey, m, flags);
    double h = jmap_header_sizes_height(hs, width);
    jmap_header_sizes_free(hs);
    return h;
}

/* What part of the grid a page shows, and where it goes. */
typedef struct window {
    size_t first, end; /* the steps */
    double xl, xr;     /* the grid's x shown: the middle of the gaps
                          around the steps (infinite at the map's ends) */
    double y0, y1;     /* the grid's y shown */
    double dx, dy;     /* from grid to page */
    double right;      /* the page's right edge of the lanes */
} window;

/* Where a page ends between steps i - 1 and i: the middle of the gap. */
static double cut_x(const jmap_layout *g, size_t i)
{
    return (g->col_x[i - 1] + COL_W + g->col_x[i]) / 2;
}

/* Copies a box of the grid to the page, its parent `parent`. */
static size_t copy_box(builder *b, const jmap_box *s, double x, double y,
                       double w, double h, int column, int parent)
{
    size_t k = add_box(b, s->kind, s->pos, x, y, w, h, column, parent);
    jmap_box *d = box_at(b, k);
    d->style = s->style;
    d->curve = s->curve;
    d->font = s->font;
    d->text = s->text;
    if (s->pl)
        d->pl = g_object_ref(s->pl);
    return k;
}

/* The texts of stage band `k` of a page, cut from the grid's `band`: its
 * name (continued when the stage began on a page before) and duration,
 * laid out anew in the part of the band the page shows. */
static void page_stage_texts(builder *b, const jmap_box *band, size_t k,
                             int continued)
{
    const jmap_stage *st = &b->j->stages[band->style.stage];
    jmap_box d = *box_at(b, k);
    stage_texts(b, st, k, d.x, d.x + d.w, d.y, continued);
}

/* Copies the grid's boxes inside window `w`; map[i] becomes the page's
 * index of grid box i. */
static void copy_boxes(builder *b, const jmap_layout *g, const window *w,
                       int *map)
{
    double x_cols = MARGIN + LABEL_W + COL_GAP;
    double c0 = g->col_x[w->first], c1 = g->col_x[w->end - 1] + COL_W;
    for (size_t i = 0; i < g->n_boxes; i++) {
        const jmap_box *s = &g->boxes[i];
        if (s->kind == JMAP_BOX_MAP)
            continue;
        int band = s->kind == JMAP_BOX_LANE || s->kind == JMAP_BOX_STAGE;
        double top = s->y, bottom = s->y + s->h;
        if (band ? bottom <= w->y0 || top >= w->y1
                 : top < w->y0 || top >= w->y1)
            continue;
        double x = s->x, wd = s->w;
        int column = -1;
        if (s->column >= 0) {
            if ((size_t)s->column < w->first || (size_t)s->column >= w->end)
                continue;
            column = s->column - (int)w->first;
            x += w->dx;
        } else if (s->kind == JMAP_BOX_LANE) {
            wd = w->right - x;
        } else if (s->kind == JMAP_BOX_STAGE) {
            double x0 = fmax(x, c0), x1 = fmin(x + wd, c1);
            if (x1 <= x0)
                continue;
            x = x0 + w->dx;
            wd = x1 - x0;
        } else if (s->parent >= 0 &&
                   g->boxes[s->parent].kind == JMAP_BOX_STAGE) {
            continue; /* a stage's texts: laid out anew with the band */
        } else if (x + wd > x_cols) { /* not in the label column */
            if (x < w->xl || x + wd > w->xr)
                continue;
            x += w->dx;
        }
        if (band) {
            top = fmax(top, w->y0);
            bottom = fmin(bottom, w->y1);
        }
        int parent = s->parent >= 0 ? map[s->parent] : -1;
        size_t k = copy_box(b, s, x, top + w->dy, wd, bottom - top, column,
                            parent);
        map[i] = (int)k;
        if (s->kind == JMAP_BOX_STAGE)
            page_stage_texts(b, s, k, s->x < c0);
    }
    /* the label of a lane that began on the page above */
    for (size_t i = 0; i < g->n_boxes; i++) {
        const jmap_box *s = &g->boxes[i];
        if (s->kind != JMAP_BOX_LANE_LABEL || s->parent < 0)
            continue;
        const jmap_box *lane = &g->boxes[s->parent];
        if (lane->y < w->y0 && lane->y + lane->h >= w->y0 + s->h + 2 * LANE_PAD &&
            map[s->parent] >= 0)
            copy_box(b, s, s->x, w->y0 + w->dy + LANE_PAD, s->w, s->h, -1,
                     map[s->parent]);
    }
}

/* A piece of a path being cut to a page. */
typedef struct piece {
    jmap_point *pts;
    size_t n, cap;
} piece;

static void piece_add(piece *pc, jmap_point p)
{
    if (pc->n == pc->cap) {
        pc->cap = pc->cap ? 2 * pc->cap : 16;
        pc->pts = jmap_xrealloc(pc->pts, pc->cap, sizeof *pc->pts);
    }
    pc->pts[pc->n++] = p;
}

/* Adds piece `pc` to the page as a path like `src`, moved by (dx, dy);
 * with `head` when it ends where `src` does. */
static void piece_end(builder *b, piece *pc, const jmap_path *src,
                      const window *w, int head)
{
    if (pc->n >= 2) {
        jmap_path *p = add_path(b, src->kind, src->pos, pc->n);
        for (size_t i = 0; i < pc->n; i++)
            p->pts[i] = (jmap_point){pc->pts[i].x + w->dx, pc->pts[i].y + w->dy};
        p->loop = src->loop;
        p->curve = src->curve;
        if (head && src->head > 0)
            add_head(b, p, src->head, -1);
    }
    pc->n = 0;
}

/* A polyline (an arrow) cut to the window's x. */
static void cut_polyline(builder *b, const jmap_path *p, const window *w)
{
    piece pc = {0};
    for (size_t i = 0; i + 1 < p->n; i++) {
        jmap_point a = p->pts[i], z = p->pts[i + 1];
        double t0 = 0, t1 = 1, dx = z.x - a.x;
        if (dx != 0) {
            double ta = (w->xl - a.x) / dx, tb = (w->xr - a.x) / dx;
            t0 = fmax(t0, fmin(ta, tb));
            t1 = fmin(t1, fmax(ta, tb));
        } else if (a.x <= w->xl || a.x >= w->xr) {
            t0 = 1, t1 = 0;
        }
        if (t0 > t1) {
            piece_end(b, &pc, p, w, 0);
            continue;
        }
        jmap_point s = {a.x + t0 * dx, a.y + t0 * (z.y - a.y)};
        jmap_point e = {a.x + t1 * dx, a.y + t1 * (z.y - a.y)};
        if (t0 > 0 || pc.n == 0) {
            piece_end(b, &pc, p, w, 0);
            piece_add(&pc, s);
        }
        piece_add(&pc, e);
        if (t1 < 1)
            piece_end(b, &pc, p, w, 0);
    }
    piece_end(b, &pc, p, w, 1);
    free(pc.pts);
}

static jmap_point lerp(jmap_point a, jmap_point z, double t)
{
    return (jmap_point){a.x + (z.x - a.x) * t, a.y + (z.y - a.y) * t};
}

/* Cuts the Bezier segment q[0..3] at t into l[0..3] and r[0..3]. */
static void split_bezier(const jmap_point *q, double t, jmap_point *l,
                         jmap_point *r)
{
    jmap_point ab = lerp(q[0], q[1], t), bc = lerp(q[1], q[2], t),
               cd = lerp(q[2], q[3], t);
    jmap_point abc = lerp(ab, bc, t), bcd = lerp(bc, cd, t);
    jmap_point m = lerp(abc, bcd, t);
    l[0] = q[0], l[1] = ab, l[2] = abc, l[3] = m;
    r[0] = m, r[1] = bcd, r[2] = cd, r[3] = q[3];
}

/* The t at which segment q (its x rising or falling) reaches x. */
static double bezier_t_at(const jmap_point *q, double x)
{
    double lo = 0, hi = 1;
    int rising = q[3].x > q[0].x;
    for (int i = 0; i < 50; i++) {
        double t = (lo + hi) / 2, u = 1 - t;
        double bx = u * u * u * q[0].x + 3 * u * u * t * q[1].x +
                    3 * u * t * t * q[2].x + t * t * t * q[3].x;
        if ((bx < x) == rising)
            lo = t;
        else
            hi = t;
    }
    return (lo + hi) / 2;
}

/* An emotion curve cut to the window's x: its segments between two steps
 * of the page, and the halves of those that reach a step on another. */
static void cut_curve(builder *b, const jmap_path *p, const window *w)
{
    piece pc = {0};
    for (size_t i = 0; i + 3 < p->n; i += 3) {
        const jmap_point *q = &p->pts[i];
        int in0 = q[0].x > w->xl && q[0].x < w->xr;
        int in1 = q[3].x > w->xl && q[3].x < w->xr;
        jmap_point l[4], r[4];
        if (in0 && in1) {
            if (pc.n == 0)
                piece_add(&pc, q[0]);
            for (int k = 1; k < 4; k++)
                piece_add(&pc, q[k]);
        } else if (in0) {
            split_bezier(q, bezier_t_at(q, q[3].x > q[0].x ? w->xr : w->xl), l, r);
            if (pc.n == 0)
                piece_add(&pc, l[0]);
            for (int k = 1; k < 4; k++)
                piece_add(&pc, l[k]);
            piece_end(b, &pc, p, w, 0);
        } else if (in1) {
            piece_end(b, &pc, p, w, 0);
            split_bezier(q, bezier_t_at(q, q[3].x > q[0].x ? w->xl : w->xr), l, r);
            for (int k = 0; k < 4; k++)
                piece_add(&pc, r[k]);
        } else {
            piece_end(b, &pc, p, w, 0);
        }
    }
    piece_end(b, &pc, p, w, 0);
    free(pc.pts);
}

/* Copies the grid's paths inside window `w`. */
static void copy_paths(builder *b, const jmap_layout *g, const window *w)
{
    for (size_t i = 0; i < g->n_paths; i++) {
        const jmap_path *p = &g->paths[i];
        if (p->n < 2 || p->kind == JMAP_PATH_GRID)
            continue;
        double y = p->pts[0].y;
        if (y < w->y0 || y > w->y1)
            continue;
        switch (p->kind) {
        case JMAP_PATH_CURVE: cut_curve(b, p, w); break;
        case JMAP_PATH_FLOW:
        case JMAP_PATH_ARROW:
        case JMAP_PATH_DIFF_STRIKE:
        case JMAP_PATH_DIFF_SHIFT: cut_polyline(b, p, w); break;
        default: /* a line across the lanes, from the label column */
            add_line(b, p->kind, p->pts[0].x, y + w->dy, w->right, y + w->dy);
            break;
        }
    }
}

/* The page's stage rules, from `top` to `bottom`. */
static void page_rules(builder *b, const jmap_layout *g, const window *w,
                       double top, double bottom)
{
    for (size_t i = w->first + 1; i < w->end; i++)
        if (b->j->steps[i]->stage != b->j->steps[i - 1]->stage) {
            double x = g->col_x[i] - (COL_GAP + STAGE_GAP) / 2 + w->dx;
            add_line(b, JMAP_PATH_GRID, x, top, x, bottom);
        }
}

/* Records the page's lanes: those of the grid it shows. */
static void page_lanes(jmap_layout *L, const jmap_layout *g, size_t lane,
                       const window *w)
{
    for (; lane < g->n_lanes && L->n_lanes < JMAP_MAX_LANES; lane++) {
        double top = fmax(g->lane_y[lane], w->y0);
        double bottom = fmin(g->lane_y[lane] + g->lane_h[lane], w->y1);
        if (bottom <= top)
            continue;
        L->lane_y[L->n_lanes] = top + w->dy;
        L->lane_h[L->n_lanes] = bottom - top;
        L->lane_cut_ok[L->n_lanes] = g->lane_cut_ok[lane];
        L->n_lanes++;
        if (w->y1 <= g->lane_y[lane] + g->lane_h[lane])
            break;
    }
}

jmap_layout *jmap_layout_page_of(const jmap_layout *grid, jmap_measurer *m,
                                 const jmap_page_spec *spec, int page,
                                 int n_pages, jmap_diag_list *diags)
{
    const jmap_journey *j = grid->journey;
    jmap_layout *L = layout_alloc(j);
    size_t first = spec->first, end = spec->end;
    if (end > j->n_steps)
        end = j->n_steps;
    if (first >= end) /* a map without steps: its title block */
        first = end = 0;
    L->slice = (jmap_slice){first, end, page, n_pages};
    L->row = spec->row;
    L->col = spec->col;
    L->n_rows = spec->n_rows;
    L->n_cols = spec->n_cols;
    builder b;
    builder_init(&b, L, j, m, first, end, grid->flags);
    L->col_w = COL_W;
    L->label_x = MARGIN;
    L->label_w = LABEL_W;
    b.x_cols = MARGIN + LABEL_W + COL_GAP;
    L->col_x = jmap_xcalloc(end > first ? end - first : 1, sizeof *L->col_x);
    window w = {first, end, -INFINITY, INFINITY, 0, 0, 0, 0, 0};
    if (end > first) {
        w.dx = b.x_cols - grid->col_x[first];
        for (size_t i = first; i < end; i++)
            L->col_x[i - first] = grid->col_x[i] + w.dx;
        w.right = grid->col_x[end - 1] + COL_W + w.dx;
        if (first > 0)
            w.xl = cut_x(grid, first);
        if (end < j->n_steps)
            w.xr = cut_x(grid, end);
    }
    L->width = fmax(spec->width, w.right + MARGIN);
    b.x_right = L->width - MARGIN;
    add_box(&b, JMAP_BOX_MAP, (jmap_pos){0, 0}, 0, 0, L->width, 0, -1, -1);
    b.diags = diags;
    double y = build_header(&b, MARGIN);
    b.diags = NULL;
    L->header_h = y - MARGIN;
    double lanes_top = y;
    if (end > first && grid->n_lanes) {
        int *map = jmap_xcalloc(grid->n_boxes, sizeof *map);
        for (size_t i = 0; i < grid->n_boxes; i++)
            map[i] = -1;
        /* the stage lane, on every page */
        window ws = w;
        ws.y0 = grid->lane_y[0];
        ws.y1 = grid->lane_y[0] + grid->lane_h[0];
        ws.dy = y - ws.y0;
        copy_boxes(&b, grid, &ws, map);
        page_lanes(L, grid, 0, &ws);
        y += grid->lane_h[0];
        /* the page's part of the other lanes */
        w.y0 = spec->y0;
        w.y1 = spec->y1;
        w.dy = y - w.y0;
        copy_boxes(&b, grid, &w, map);
        copy_paths(&b, grid, &w);
        page_lanes(L, grid, 1, &w);
        y += w.y1 - w.y0;
        page_rules(&b, grid, &w, lanes_top, y);
        free(map);
        if (n_pages > 1)
            y += footer(&b, y);
    }
    L->height = y + MARGIN;
    L->boxes[0].h = L->height;
    return L;
}

/* ---- posters on small sheets ---- */

#define CROP_FROM 5.7   /* a crop mark, from the sheet's edge (2 mm) */
#define CROP_TO 22.7    /* ... to 8 mm, short of the printable area */
#define TAG_PAD 3.0     /* inside a tile's name tag */
#define ASSEMBLY_GAP 8.0 /* between the assembly sheet's texts */

/* A tile's name tag holding `name`, its top left corner at (x, y) or,
 * when `centre`, centred on it. */
static void tile_tag(builder *b, const char *name, double x, double y,
                     int centre)
{
    double w, h;
    g_object_unref(jmap_measurer_layout(b->m, name, JMAP_FONT_HEADING, 0, 1, 0,
                                        NULL, &w, &h));
    double tw = w + 2 * TAG_PAD, th = h + 2 * TAG_PAD;
    if (centre) {
        x -= tw / 2;
        y -= th / 2;
    }
    size_t tag = add_box(b, JMAP_BOX_TILE_TAG, (jmap_pos){0, 0}, x, y, tw, th,
                         -1, -1);
    add_text(b, JMAP_BOX_TILE_LABEL, name, (jmap_pos){0, 0}, JMAP_FONT_HEADING,
             x + TAG_PAD, y + TAG_PAD, 0, PARA, -1, (int)tag);
}

jmap_layout *jmap_layout_tile_marks(const jmap_journey *journey,
                                    jmap_measurer *m, const jmap_tile_spec *t,
                                    const char *name)
{
    jmap_layout *L = layout_alloc(journey);
    builder b;
    builder_init(&b, L, journey, m, 0, 0, 0);
    L->width = t->sheet_w;
    L->height = t->sheet_h;
    L->row = t->row;
    L->col = t->col;
    L->n_rows = t->n_rows;
    L->n_cols = t->n_cols;
    double x0 = t->margin, y0 = t->margin;
    double x1 = x0 + t->step_x, y1 = y0 + t->step_y;
    double W = t->sheet_w, H = t->sheet_h;
    /* crop marks where the sheet is trimmed (left and top, but on the
     * poster's first column and row) and where its part ends */
    double xs[2] = {x0, x1}, ys[2] = {y0, y1};
    for (int k = 0; k < 2; k++) {
        if (k == 0 && t->col == 0)
            continue;
        add_line(&b, JMAP_PATH_CROP, xs[k], CROP_FROM, xs[k], CROP_TO);
        add_line(&b, JMAP_PATH_CROP, xs[k], H - CROP_TO, xs[k], H - CROP_FROM);
    }
    for (int k = 0; k < 2; k++) {
        if (k == 0 && t->row == 0)
            continue;
        add_line(&b, JMAP_PATH_CROP, CROP_FROM, ys[k], CROP_TO, ys[k]);
        add_line(&b, JMAP_PATH_CROP, W - CROP_TO, ys[k], W - CROP_FROM, ys[k]);
    }
    /* the glue strips: the next sheet's edge goes on their dashed line */
    if (t->col + 1 < t->n_cols)
        add_line(&b, JMAP_PATH_GLUE, x1, y0, x1, y1 + t->glue);
    if (t->row + 1 < t->n_rows)
        add_line(&b, JMAP_PATH_GLUE, x0, y1, x1 + t->glue, y1);
    /* the name, in the corner the neighbours cover */
    tile_tag(&b, name, x1 + 1.0, y1 + 1.0, 0);
    return L;
}

jmap_layout *jmap_layout_assembly(const jmap_journey *journey,
                                  jmap_measurer *m, const jmap_tile_spec *t,
                                  const char *heading, double *tx, double *ty,
                                  double *tk)
{
    jmap_layout *L = layout_alloc(journey);
    builder b;
    builder_init(&b, L, journey, m, 0, 0, 0);
    L->width = t->sheet_w;
    L->height = t->sheet_h;
    double x = t->margin, y = t->margin;
    double w = t->sheet_w - 2 * t->margin;
    size_t h1 = add_text(&b, JMAP_BOX_ASSEMBLY_TEXT, heading, (jmap_pos){0, 0},
                         JMAP_FONT_TITLE, x, y, w, 2, -1, -1);
    y += box_at(&b, h1)->h + ASSEMBLY_GAP;
    size_t h2 = add_text(&b, JMAP_BOX_ASSEMBLY_TEXT, label(&b, L_ASSEMBLY_HOW),
                         (jmap_pos){0, 0}, JMAP_FONT_TEXT, x, y, w, AS_WRITTEN, -1, -1);
    y += box_at(&b, h2)->h + ASSEMBLY_GAP;
    double room_h = t->sheet_h - t->margin - y;
    double all_w = t->n_cols * t->step_x + t->glue;
    double all_h = t->n_rows * t->step_y + t->glue;
    double k = fmin(w / all_w, room_h / all_h);
    if (k <= 0)
        k = 1e-3;
    double ox = x + (w - all_w * k) / 2;
    *tx = ox;
    *ty = y;
    *tk = k;
    for (int r = 0; r < t->n_rows; r++)
        for (int c = 0; c < t->n_cols; c++) {
            double cx = ox + c * t->step_x * k, cy = y + r * t->step_y * k;
            add_box(&b, JMAP_BOX_TILE_CELL, (jmap_pos){0, 0}, cx, cy,
                    t->step_x * k, t->step_y * k, -1, -1);
            char name[32];
            snprintf(name, sizeof name, "%c%d", 'A' + r % 26, c + 1);
            tile_tag(&b, jmap_arena_strdup(L->arena, name),
                     cx + t->step_x * k / 2, cy + t->step_y * k / 2, 1);
        }
    return L;
}

void jmap_layout_free(jmap_layout *layout)
{
    if (!layout)
        return;
    for (size_t i = 0; i < layout->n_boxes; i++)
        if (layout->boxes[i].pl)
            g_object_unref(layout->boxes[i].pl);
    free(layout->boxes);
    free(layout->paths);
    free(layout->col_x);
    jmap_arena_free(layout->arena);
    free(layout);
}
