/*
 * painter.h - what the drawing stage asks of an output format.
 *
 * draw.c walks a finished layout once and says what to paint through a
 * jmap_painter, a small table of functions (as cmark's renderers or
 * pikchr's PClass): fill, stroke or fill and stroke a jmap_shape, show a
 * measured text, place an icon, and the group and link hooks that tagged
 * output needs. Each output format is one backend that fills the table:
 * paint_cairo.c (PDF, PNG) and paint_svg.c (SVG). A backend sees shapes,
 * pens and colours, never the layout's boxes, and no backend knows
 * another.
 *
 * A jmap_shape is jmap's own path, in layout points: moves, lines, cubic
 * curves and closes, plus circular arcs and rectangles, which each backend
 * turns into curves at its own resolution (cairo's flattening of an arc
 * depends on the device), and an optional frame (a translation and a
 * rotation) that the backend applies to the whole shape.
 */
#ifndef JMAP_PAINTER_H
#define JMAP_PAINTER_H

#include "layout.h"

/* ---- shapes ---- */

typedef enum jmap_shape_verb {
    JMAP_SHAPE_MOVE,  /* v: x y */
    JMAP_SHAPE_LINE,  /* v: x y */
    JMAP_SHAPE_CURVE, /* v: x1 y1 x2 y2 x3 y3 */
    JMAP_SHAPE_ARC,   /* v: cx cy r a1 a2 (radians, a2 >= a1, clockwise on
                         the page); a line joins it to the current point */
    JMAP_SHAPE_RECT,  /* v: x y w h, a closed sub-path of its own */
    JMAP_SHAPE_SUB,   /* starts a new sub-path: the next arc has no line in */
    JMAP_SHAPE_CLOSE  /* closes the current sub-path */
} jmap_shape_verb;

typedef struct jmap_shape_op {
    jmap_shape_verb verb; /* what it draws */
    double v[6];          /* its numbers, as the verb says */
} jmap_shape_op;

typedef struct jmap_shape {
    jmap_shape_op *ops; /* ops[0..n-1] */
    size_t n;           /* number of ops */
    size_t cap;         /* allocated ops */
    double ox, oy;      /* frame: the shape is drawn moved to (ox, oy)... */
    double angle;       /* ...and turned by angle radians around it */
} jmap_shape;

void jmap_shape_init(jmap_shape *s);
void jmap_shape_destroy(jmap_shape *s);
/* Empties s (keeping its memory) and resets its frame. */
void jmap_shape_clear(jmap_shape *s);
void jmap_shape_move(jmap_shape *s, double x, double y);
void jmap_shape_line(jmap_shape *s, double x, double y);
void jmap_shape_curve(jmap_shape *s, double x1, double y1, double x2,
                      double y2, double x3, double y3);
void jmap_shape_arc(jmap_shape *s, double cx, double cy, double r, double a1,
                    double a2);
void jmap_shape_rect(jmap_shape *s, double x, double y, double w, double h);
void jmap_shape_sub(jmap_shape *s);
void jmap_shape_close(jmap_shape *s);
/* Sets the frame: draw the shape moved by (ox, oy) and turned by angle. */
void jmap_shape_frame(jmap_shape *s, double ox, double oy, double angle);

/* ---- pens ---- */

typedef enum jmap_cap {
    JMAP_CAP_BUTT, JMAP_CAP_ROUND, JMAP_CAP_SQUARE
} jmap_cap;

typedef enum jmap_join {
    JMAP_JOIN_MITER, JMAP_JOIN_ROUND, JMAP_JOIN_BEVEL
} jmap_join;

/* How a line is stroked. */
typedef struct jmap_pen {
    jmap_rgb rgb;    /* colour */
    double width;    /* in points */
    jmap_cap cap;    /* line ends */
    jmap_join join;  /* corners */
    double dash[2];  /* on, off lengths when n_dash is 2 */
    int n_dash;      /* 0 (solid) or 2 */
} jmap_pen;

/* ---- icons ---- */

/* Room around an icon's 10 x 10 box that its strokes may reach. */
#define JMAP_ICON_MARGIN 3.0

typedef struct jmap_painter jmap_painter;

/* How an icon looks: draws `icon` with its box's corner at (x, y) through
 * `p` on `ctx`. A backend calls it when it defines the icon. */
typedef void (*jmap_icon_art)(jmap_icon icon, const jmap_painter *p,
                              void *ctx, double x, double y);

/* ---- the painter ---- */

struct jmap_painter {
    /* Fills s with rgb (nonzero winding). */
    void (*fill)(void *ctx, const jmap_shape *s, jmap_rgb rgb);
    /* Strokes s with pen. */
    void (*stroke)(void *ctx, const jmap_shape *s, const jmap_pen *pen);
    /* Fills s with rgb, then strokes it with pen: one element where the
     * format allows. */
    void (*fill_stroke)(void *ctx, const jmap_shape *s, jmap_rgb rgb,
                        const jmap_pen *pen);
    /* Shows the measured layout pl with its top-left corner at (x, y) in
     * rgb. */
    void (*text)(void *ctx, PangoLayout *pl, double x, double y,
                 jmap_rgb rgb);
    /* Places `icon` with its 10 x 10 box's corner at (x, y); art draws it
     * when the backend needs its definition. */
    void (*icon)(void *ctx, jmap_icon icon, double x, double y,
                 jmap_icon_art art);
    /* Hooks for structured output (the geometry tests); NULL when a
     * backend has no use for them. group_begin opens the element of a box
     * of `kind` from source position `pos`; group_end closes it. draw.c
     * opens one group per painted box or text, never two at once. */
    void (*group_begin)(void *ctx, jmap_box_kind kind, jmap_pos pos);
    void (*group_end)(void *ctx);
    /* Makes the area (x, y, w, h) a link to uri. */
    void (*link)(void *ctx, const char *uri, double x, double y, double w,
                 double h);
    /* The reading structure (tagged PDF); NULL when a backend has none.
     * tag_begin opens an element of `role`, a standard PDF structure type
     * ("Sect", "H2", "P"...), inside the one open; tag_end closes the
     * innermost, which has that role. A reader reads elements in the order
     * they were opened, whatever their place on the page; what is painted
     * outside every leaf element is decoration (an artifact). */
    void (*tag_begin)(void *ctx, const char *role);
    void (*tag_end)(void *ctx, const char *role);
    /* Shows `pl`, words for readers only (what a mark means: "Emotion: -1
     * (Léa)"), centred on (x, y), where the mark painted next covers them.
     * NULL when a backend has no structure. */
    void (*words)(void *ctx, PangoLayout *pl, double x, double y);
};

/* ---- the walk (draw.c) ---- */

/* Paints `layout` through `p` on `ctx`, in layout units, in painting
 * layers (backgrounds, guides, cards, marks, lines), then its texts and
 * the marks that carry words (emotion points, severity bars, department
 * marks) in reading order, inside the structure elements of the tag hooks:
 * the title block, then each stage with its steps. A split map's pages are
 * painted in order; the title block of pages after the first is
 * decoration. */
void jmap_layout_paint(const jmap_layout *layout, const jmap_painter *p,
                       void *ctx);

#endif /* JMAP_PAINTER_H */
