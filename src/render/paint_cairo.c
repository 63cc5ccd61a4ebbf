/*
 * paint_cairo.c - the painter's cairo backend: PDF and PNG pages.
 *
 * Each painter call becomes cairo's own drawing on the page's context: a
 * shape is replayed into cairo's path (arcs as cairo arcs, so cairo
 * flattens them at the device's resolution), then filled or stroked.
 *
 * Two things keep a PDF small without changing its look: strokes are made
 * under the identity matrix (stroke()), and each icon is recorded once and
 * painted as a pattern, which cairo writes as one form object (icon()).
 * Other surfaces get exactly cairo's plain drawing.
 *
 * A PDF is also tagged: draw.c's structure hooks become cairo's tags
 * (cairo_tag_begin), inside one Document element that the first page
 * opens and jmap_cairo_tags_close() closes, and the words of a mark are
 * text clipped to a speck under it. Elements may run over several pages;
 * what is painted outside every element is left unmarked, which readers
 * take as decoration (cairo 1.16 has no artifact tag, nor an alternate
 * text).
 */
#include "paint_cairo.h"
#include "painter.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

typedef struct cairo_painter {
    cairo_t *cr; /* the context painted on */
} cairo_painter;

static const jmap_painter painter; /* the table, below */

/* s as cr's current path, in cr's user space moved by s's frame (the
 * caller saves cr when the frame moves it). */
static void replay(cairo_t *cr, const jmap_shape *s)
{
    cairo_new_path(cr);
    if (s->ox != 0 || s->oy != 0 || s->angle != 0) {
        cairo_translate(cr, s->ox, s->oy);
        cairo_rotate(cr, s->angle);
    }
    for (size_t i = 0; i < s->n; i++) {
        const double *v = s->ops[i].v;
        switch (s->ops[i].verb) {
        case JMAP_SHAPE_MOVE: cairo_move_to(cr, v[0], v[1]); break;
        case JMAP_SHAPE_LINE: cairo_line_to(cr, v[0], v[1]); break;
        case JMAP_SHAPE_CURVE:
            cairo_curve_to(cr, v[0], v[1], v[2], v[3], v[4], v[5]);
            break;
        case JMAP_SHAPE_ARC: cairo_arc(cr, v[0], v[1], v[2], v[3], v[4]); break;
        case JMAP_SHAPE_RECT: cairo_rectangle(cr, v[0], v[1], v[2], v[3]); break;
        case JMAP_SHAPE_SUB: cairo_new_sub_path(cr); break;
        case JMAP_SHAPE_CLOSE: cairo_close_path(cr); break;
        }
    }
}

static int framed(const jmap_shape *s)
{
    return s->ox != 0 || s->oy != 0 || s->angle != 0;
}

static void set_rgb(cairo_t *cr, jmap_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void set_pen(cairo_t *cr, const jmap_pen *p)
{
    static const cairo_line_cap_t caps[] = {
        [JMAP_CAP_BUTT] = CAIRO_LINE_CAP_BUTT,
        [JMAP_CAP_ROUND] = CAIRO_LINE_CAP_ROUND,
        [JMAP_CAP_SQUARE] = CAIRO_LINE_CAP_SQUARE};
    static const cairo_line_join_t joins[] = {
        [JMAP_JOIN_MITER] = CAIRO_LINE_JOIN_MITER,
        [JMAP_JOIN_ROUND] = CAIRO_LINE_JOIN_ROUND,
        [JMAP_JOIN_BEVEL] = CAIRO_LINE_JOIN_BEVEL};
    set_rgb(cr, p->rgb);
    cairo_set_line_width(cr, p->width);
    cairo_set_line_cap(cr, caps[p->cap]);
    cairo_set_line_join(cr, joins[p->join]);
    cairo_set_dash(cr, p->dash, p->n_dash, 0);
}

#define MAX_DASHES 8 /* dash entries stroke() can rescale */

/* Strokes the current path. Under a scaled or rotated matrix, cairo's PDF
 * output wraps every stroke in "q ... cm ... Q" to shape the pen; when the
 * pen is a circle (equal scales, no shear), the same line is stroked under
 * the identity matrix with its width and dashes scaled instead, and the
 * wrapper goes. The path is already in device space, so it does not move.
 * Other surfaces stroke as cairo does, so their pixels and bytes stay. */
static void stroke(cairo_t *cr)
{
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    int unit = fabs(m.xx) == 1.0 && fabs(m.yy) == 1.0 && m.xy == 0.0 &&
               m.yx == 0.0; /* cairo writes no wrapper then */
    int n = cairo_get_dash_count(cr);
    if (unit || m.xx != m.yy || m.xy != -m.yx || n > MAX_DASHES ||
        cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_PDF) {
        cairo_stroke(cr);
        return;
    }
    double s = hypot(m.xx, m.yx), d[MAX_DASHES], off;
    cairo_get_dash(cr, d, &off);
    for (int i = 0; i < n; i++)
        d[i] *= s;
    double width = cairo_get_line_width(cr);
    cairo_save(cr);
    cairo_identity_matrix(cr);
    cairo_set_line_width(cr, width * s);
    cairo_set_dash(cr, d, n, off * s);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Draws s filled with *fill (NULL: not filled), then stroked with *pen
 * (NULL: not stroked). */
static void draw_shape(cairo_t *cr, const jmap_shape *s, const jmap_rgb *fill,
                       const jmap_pen *pen)
{
    int f = framed(s);
    if (f)
        cairo_save(cr);
    replay(cr, s);
    if (fill) {
        set_rgb(cr, *fill);
        if (pen)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (pen) {
        set_pen(cr, pen);
        stroke(cr);
    }
    if (f)
        cairo_restore(cr);
}

static void cp_fill(void *ctx, const jmap_shape *s, jmap_rgb rgb)
{
    draw_shape(((cairo_painter *)ctx)->cr, s, &rgb, NULL);
}

static void cp_stroke(void *ctx, const jmap_shape *s, const jmap_pen *pen)
{
    draw_shape(((cairo_painter *)ctx)->cr, s, NULL, pen);
}

static void cp_fill_stroke(void *ctx, const jmap_shape *s, jmap_rgb rgb,
                           const jmap_pen *pen)
{
    draw_shape(((cairo_painter *)ctx)->cr, s, &rgb, pen);
}

static void cp_text(void *ctx, PangoLayout *pl, double x, double y,
                    jmap_rgb rgb)
{
    cairo_t *cr = ((cairo_painter *)ctx)->cr;
    cairo_new_path(cr);
    set_rgb(cr, rgb);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, pl);
}

/* ---- icons: one form object each per PDF ---- */

/* The icons recorded so far for one PDF surface, freed with it. */
typedef struct icon_set {
    cairo_pattern_t *pattern[JMAP_ICON_COUNT_]; /* NULL until first used */
} icon_set;

static const cairo_user_data_key_t icon_set_key; /* only its address counts */

static void icon_set_free(void *data)
{
    icon_set *set = data;
    for (int i = 0; i < JMAP_ICON_COUNT_; i++)
        if (set->pattern[i])
            cairo_pattern_destroy(set->pattern[i]);
    free(set);
}

/* The icon recorded at the origin, for a PDF target: cairo writes a
 * recording painted many times as one form object that every page
 * references. NULL for other targets, which draw each icon afresh (a
 * raster would resample the recording). */
static cairo_pattern_t *icon_pattern(cairo_t *cr, jmap_icon which,
                                     jmap_icon_art art)
{
    cairo_surface_t *target = cairo_get_target(cr);
    if (cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_PDF)
        return NULL;
    icon_set *set = cairo_surface_get_user_data(target, &icon_set_key);
    if (!set) {
        set = jmap_xcalloc(1, sizeof *set);
        if (cairo_surface_set_user_data(target, &icon_set_key, set,
                                        icon_set_free) != CAIRO_STATUS_SUCCESS) {
            free(set);
            return NULL;
        }
    }
    if (!set->pattern[which]) {
        cairo_rectangle_t box = {-JMAP_ICON_MARGIN, -JMAP_ICON_MARGIN,
                                 10 + 2 * JMAP_ICON_MARGIN,
                                 10 + 2 * JMAP_ICON_MARGIN};
        cairo_surface_t *rec =
            cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
        cairo_painter rc = {cairo_create(rec)};
        art(which, &painter, &rc, 0, 0);
        cairo_destroy(rc.cr);
        set->pattern[which] = cairo_pattern_create_for_surface(rec);
        cairo_surface_destroy(rec);
    }
    return set->pattern[which];
}

static void cp_icon(void *ctx, jmap_icon which, double x, double y,
                    jmap_icon_art art)
{
    cairo_t *cr = ((cairo_painter *)ctx)->cr;
    cairo_pattern_t *p = icon_pattern(cr, which, art);
    if (!p) {
        art(which, &painter, ctx, x, y);
        return;
    }
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_translate(cr, x, y);
    cairo_set_source(cr, p);
    cairo_paint(cr);
    cairo_restore(cr);
}

/* ---- structure: a tagged PDF ---- */

/* The square, in points, that a mark's words are clipped to: far inside
 * the mark that covers them, so that no pixel they touch shows. */
#define WORDS_CLIP 0.1
#define WORDS_SQUEEZE 0.01 /* their width, to their natural width */

/* The document element of a PDF surface: opened by its first page,
 * closed by jmap_cairo_tags_close() (or by cairo when it finishes). */
static const cairo_user_data_key_t document_key; /* only its address counts */

static void open_document(cairo_t *cr)
{
    cairo_surface_t *target = cairo_get_target(cr);
    if (cairo_surface_get_user_data(target, &document_key))
        return;
    if (cairo_surface_set_user_data(target, &document_key, (void *)&document_key,
                                    NULL) == CAIRO_STATUS_SUCCESS)
        cairo_tag_begin(cr, "Document", NULL);
}

void jmap_cairo_tags_close(cairo_surface_t *s)
{
    if (!cairo_surface_get_user_data(s, &document_key))
        return;
    cairo_t *cr = cairo_create(s);
    cairo_tag_end(cr, "Document");
    cairo_destroy(cr);
    cairo_surface_set_user_data(s, &document_key, NULL, NULL);
}

static void cp_tag_begin(void *ctx, const char *role)
{
    cairo_t *cr = ((cairo_painter *)ctx)->cr;
    open_document(cr);
    cairo_tag_begin(cr, role, NULL);
}

static void cp_tag_end(void *ctx, const char *role)
{
    cairo_tag_end(((cairo_painter *)ctx)->cr, role);
}

/* Words under a mark: shown, as text a reader finds, but clipped to a
 * speck at (x, y) that the mark painted next covers, and squeezed across
 * so that, at their full height, they reach no further than the mark. */
static void cp_words(void *ctx, PangoLayout *pl, double x, double y)
{
    cairo_t *cr = ((cairo_painter *)ctx)->cr;
    PangoRectangle ink;
    pango_layout_get_extents(pl, NULL, &ink);
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x - WORDS_CLIP / 2, y - WORDS_CLIP / 2, WORDS_CLIP,
                    WORDS_CLIP);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_translate(cr, x, y);
    cairo_scale(cr, WORDS_SQUEEZE, 1);
    cairo_move_to(cr, -ink.width / (2.0 * PANGO_SCALE),
                  -ink.height / (2.0 * PANGO_SCALE));
    pango_cairo_show_layout(cr, pl);
    cairo_restore(cr);
}

static const jmap_painter painter = {
    .fill = cp_fill,
    .stroke = cp_stroke,
    .fill_stroke = cp_fill_stroke,
    .text = cp_text,
    .icon = cp_icon,
};

/* The same for a PDF, with its structure. */
static const jmap_painter tagged = {
    .fill = cp_fill,
    .stroke = cp_stroke,
    .fill_stroke = cp_fill_stroke,
    .text = cp_text,
    .icon = cp_icon,
    .tag_begin = cp_tag_begin,
    .tag_end = cp_tag_end,
    .words = cp_words,
};

void jmap_layout_draw(const jmap_layout *layout, cairo_t *cr)
{
    cairo_painter cp = {cr};
    int pdf = cairo_surface_get_type(cairo_get_target(cr)) ==
                  CAIRO_SURFACE_TYPE_PDF &&
              !layout->untagged;
    cairo_save(cr);
    jmap_layout_paint(layout, pdf ? &tagged : &painter, &cp);
    cairo_restore(cr);
}
