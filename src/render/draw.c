/*
 * draw.c - painting a finished layout on any cairo context.
 *
 * Nothing is measured or placed here: every box, path and text comes from
 * layout.c, and each text is the PangoLayout measured there, shown as it
 * is. The look lives here: fills, borders, icons, line styles. Meaning never
 * rests on colour alone: channels have their own chip shape and icon,
 * severities their bar weight, icon and border, personas their line style
 * and marker shape, so a greyscale print keeps every distinction.
 *
 * Painting goes in layers (backgrounds, guides, cards, lines, points,
 * text), so text is always on top and nothing hides it.
 *
 * Two things keep a PDF small without changing its look: strokes are made
 * under the identity matrix (stroke()), and each icon is recorded once and
 * painted as a pattern, which cairo writes as one form object (icon_paint()).
 * Other surfaces get exactly cairo's plain drawing.
 *
 * An SVG is drawn by the same code (jmap_layout_draw_svg): cairo builds
 * each path on a context that is never painted, and every fill, stroke and
 * icon goes to svg.c instead of the surface (fill(), stroke(), icon_paint()
 * ask svg_of() which it is). Texts are svg.c's own, as text. So nothing is
 * clipped here: a clip would have to be written too.
 */
#include "layout.h"

#include <math.h>

#define PI 3.14159265358979323846

static const cairo_user_data_key_t svg_key; /* only its address counts */

/* The SVG that cr writes into (jmap_layout_draw_svg), or NULL when cr
 * paints a cairo surface. */
static jmap_svg *svg_of(cairo_t *cr)
{
    return cairo_get_user_data(cr, &svg_key);
}

/* Fills the current path and keeps it. */
static void fill_preserve(cairo_t *cr)
{
    jmap_svg *svg = svg_of(cr);
    if (svg)
        jmap_svg_fill(svg, cr);
    else
        cairo_fill_preserve(cr);
}

static void fill(cairo_t *cr)
{
    fill_preserve(cr);
    cairo_new_path(cr);
}

static void set_rgb(cairo_t *cr, jmap_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void set_colour(cairo_t *cr, jmap_colour c)
{
    set_rgb(cr, jmap_palette_colour(c));
}

/* A darker shade of c, for borders. */
static jmap_rgb shade(jmap_rgb c, double f)
{
    return (jmap_rgb){c.r * f, c.g * f, c.b * f};
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h,
                         double r)
{
    if (r > h / 2)
        r = h / 2;
    if (r > w / 2)
        r = w / 2;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, PI / 2, PI);
    cairo_arc(cr, x + r, y + r, r, PI, 3 * PI / 2);
    cairo_close_path(cr);
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
    jmap_svg *svg = svg_of(cr);
    if (svg) {
        jmap_svg_stroke(svg, cr);
        cairo_new_path(cr);
        return;
    }
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

static void fill_stroke(cairo_t *cr, jmap_rgb fill, jmap_rgb line, double width)
{
    set_rgb(cr, fill);
    fill_preserve(cr);
    set_rgb(cr, line);
    cairo_set_line_width(cr, width);
    stroke(cr);
}

static void dash(cairo_t *cr, double on, double off)
{
    double d[2] = {on, off};
    cairo_set_dash(cr, d, on > 0 ? 2 : 0, 0);
}

/* ---- icons, drawn in a box of about 10 x 10 at (x, y) ---- */

static void icon_digital(cairo_t *cr, double x, double y, jmap_rgb c)
{
    set_rgb(cr, c);
    cairo_set_line_width(cr, 1.0);
    rounded_rect(cr, x, y + 0.5, 10, 7, 1);
    stroke(cr);
    cairo_move_to(cr, x + 3, y + 9.5);
    cairo_line_to(cr, x + 7, y + 9.5);
    cairo_move_to(cr, x + 5, y + 7.5);
    cairo_line_to(cr, x + 5, y + 9.5);
    stroke(cr);
}

static void icon_physical(cairo_t *cr, double x, double y, jmap_rgb c)
{
    set_rgb(cr, c);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, x + 0.5, y + 1.5, 9, 8);
    cairo_move_to(cr, x + 0.5, y + 4.5);
    cairo_line_to(cr, x + 9.5, y + 4.5);
    cairo_move_to(cr, x + 5, y + 1.5);
    cairo_line_to(cr, x + 5, y + 4.5);
    stroke(cr);
}

static void icon_human(cairo_t *cr, double x, double y, jmap_rgb c)
{
    set_rgb(cr, c);
    cairo_arc(cr, x + 5, y + 3, 2.4, 0, 2 * PI);
    fill(cr);
    cairo_arc(cr, x + 5, y + 10.5, 4.5, PI, 2 * PI);
    cairo_close_path(cr);
    fill(cr);
}

static void icon_channel(cairo_t *cr, int channel, double x, double y)
{
    jmap_rgb ink = jmap_palette_colour(JMAP_C_INK);
    if (channel == JMAP_CHANNEL_PHYSICAL)
        icon_physical(cr, x, y, ink);
    else if (channel == JMAP_CHANNEL_HUMAN)
        icon_human(cr, x, y, ink);
    else
        icon_digital(cr, x, y, ink);
}

/* Three bars of rising height, `level` + 1 of them filled. */
static void icon_severity(cairo_t *cr, int level, double x, double y)
{
    jmap_rgb v = jmap_palette_colour(JMAP_C_VERMILLION);
    for (int i = 0; i < 3; i++) {
        double h = 3 + 2.5 * i;
        cairo_rectangle(cr, x + i * 4 + 0.5, y + 8.5 - h, 2.5, h);
        set_rgb(cr, shade(v, 0.85));
        if (i <= level)
            fill_preserve(cr);
        cairo_set_line_width(cr, 0.6);
        stroke(cr);
    }
}

static void icon_check(cairo_t *cr, double x, double y)
{
    set_colour(cr, JMAP_C_GREEN);
    cairo_arc(cr, x + 5, y + 5, 5, 0, 2 * PI);
    fill(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 1.3);
    cairo_move_to(cr, x + 2.6, y + 5.2);
    cairo_line_to(cr, x + 4.3, y + 6.9);
    cairo_line_to(cr, x + 7.5, y + 3.4);
    stroke(cr);
}

static void icon_bulb(cairo_t *cr, double x, double y)
{
    jmap_rgb c = {0.55, 0.47, 0.0};
    set_colour(cr, JMAP_C_YELLOW);
    cairo_arc(cr, x + 5, y + 4, 3.8, 0, 2 * PI);
    fill_preserve(cr);
    set_rgb(cr, c);
    cairo_set_line_width(cr, 0.8);
    stroke(cr);
    cairo_rectangle(cr, x + 3.3, y + 8, 3.4, 2.2);
    fill(cr);
}

static void icon_bandage(cairo_t *cr, double x, double y)
{
    cairo_save(cr);
    cairo_translate(cr, x + 5, y + 5);
    cairo_rotate(cr, -PI / 4);
    rounded_rect(cr, -6, -2.5, 12, 5, 2.5);
    set_colour(cr, JMAP_C_GREEN);
    cairo_set_line_width(cr, 0.9);
    stroke(cr);
    cairo_rectangle(cr, -2, -2.5, 4, 5);
    fill(cr);
    cairo_restore(cr);
}

static void icon_clock(cairo_t *cr, double x, double y)
{
    cairo_new_path(cr);
    set_colour(cr, JMAP_C_INK_SOFT);
    cairo_set_line_width(cr, 0.8);
    cairo_arc(cr, x + 4, y + 4, 3.4, 0, 2 * PI);
    cairo_move_to(cr, x + 4, y + 1.9);
    cairo_line_to(cr, x + 4, y + 4);
    cairo_line_to(cr, x + 5.6, y + 5);
    stroke(cr);
}

/* ---- every icon, drawn once per PDF ---- */

typedef enum icon {
    ICON_DIGITAL,  /* channels, in jmap_channel order */
    ICON_PHYSICAL,
    ICON_HUMAN,
    ICON_SEVERITY_LOW, /* severities, in jmap_level order */
    ICON_SEVERITY_MEDIUM,
    ICON_SEVERITY_HIGH,
    ICON_CHECK,
    ICON_BULB,
    ICON_BANDAGE,
    ICON_CLOCK,
    ICON_COUNT_ /* number of icons, not an icon */
} icon;

#define ICON_MARGIN 3.0 /* room around an icon's 10 x 10 box for its strokes */

static void icon_draw(cairo_t *cr, icon which, double x, double y)
{
    switch (which) {
    case ICON_DIGITAL:
    case ICON_PHYSICAL:
    case ICON_HUMAN:
        icon_channel(cr, (int)(which - ICON_DIGITAL), x, y);
        break;
    case ICON_SEVERITY_LOW:
    case ICON_SEVERITY_MEDIUM:
    case ICON_SEVERITY_HIGH:
        icon_severity(cr, (int)(which - ICON_SEVERITY_LOW), x, y);
        break;
    case ICON_CHECK: icon_check(cr, x, y); break;
    case ICON_BULB: icon_bulb(cr, x, y); break;
    case ICON_BANDAGE: icon_bandage(cr, x, y); break;
    default: icon_clock(cr, x, y); break;
    }
}

/* The icons recorded so far for one PDF surface, freed with it. */
typedef struct icon_set {
    cairo_pattern_t *pattern[ICON_COUNT_]; /* NULL until first used */
} icon_set;

static const cairo_user_data_key_t icon_set_key; /* only its address counts */

static void icon_set_free(void *data)
{
    icon_set *set = data;
    for (int i = 0; i < ICON_COUNT_; i++)
        if (set->pattern[i])
            cairo_pattern_destroy(set->pattern[i]);
    free(set);
}

/* The icon recorded at the origin, for a PDF target: cairo writes a
 * recording painted many times as one form object that every page
 * references. NULL for other targets, which draw each icon afresh (a
 * raster would resample the recording; an SVG would change its bytes). */
static cairo_pattern_t *icon_pattern(cairo_t *cr, icon which)
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
        cairo_rectangle_t box = {-ICON_MARGIN, -ICON_MARGIN,
                                 10 + 2 * ICON_MARGIN, 10 + 2 * ICON_MARGIN};
        cairo_surface_t *rec =
            cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
        cairo_t *rc = cairo_create(rec);
        icon_draw(rc, which, 0, 0);
        cairo_destroy(rc);
        set->pattern[which] = cairo_pattern_create_for_surface(rec);
        cairo_surface_destroy(rec);
    }
    return set->pattern[which];
}

/* The icon of a channel (jmap_channel; any other value is digital). */
static icon channel_icon(int channel)
{
    return channel == JMAP_CHANNEL_PHYSICAL ? ICON_PHYSICAL
           : channel == JMAP_CHANNEL_HUMAN  ? ICON_HUMAN
                                            : ICON_DIGITAL;
}

/* Paints an icon in its 10 x 10 box at (x, y). */
static void icon_paint(cairo_t *cr, icon which, double x, double y)
{
    jmap_svg *svg = svg_of(cr);
    if (svg) {
        jmap_svg_use(svg, (int)which, x, y);
        return;
    }
    cairo_pattern_t *p = icon_pattern(cr, which);
    if (!p) {
        icon_draw(cr, which, x, y);
        return;
    }
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_translate(cr, x, y);
    cairo_set_source(cr, p);
    cairo_paint(cr);
    cairo_restore(cr);
}

/* ---- cards ---- */

static void paint_map(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, b->x, b->y, b->w, b->h);
    fill(cr);
}

static void paint_lane(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    set_colour(cr, b->style % 2 ? JMAP_C_LANE_B : JMAP_C_LANE_A);
    cairo_rectangle(cr, b->x, b->y, b->w, b->h);
    fill(cr);
    set_colour(cr, JMAP_C_LABEL_BG);
    cairo_rectangle(cr, L->label_x, b->y, L->label_w, b->h);
    fill(cr);
    set_colour(cr, JMAP_C_RULE);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, b->x, b->y + b->h);
    cairo_line_to(cr, b->x + b->w, b->y + b->h);
    stroke(cr);
}

static void paint_persona(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(cr, b->x, b->y, b->w, b->h, 6);
    fill_stroke(cr, jmap_palette_colour(JMAP_C_LANE_B),
                jmap_palette_colour(JMAP_C_RULE), 0.8);
    set_colour(cr, JMAP_C_BLUE);
    cairo_rectangle(cr, b->x, b->y + 6, 3, b->h - 12);
    fill(cr);
}

static void paint_legend(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(cr, b->x, b->y, b->w, b->h, 6);
    fill_stroke(cr, (jmap_rgb){1, 1, 1}, jmap_palette_colour(JMAP_C_RULE), 0.8);
}

static void paint_stage(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_rgb fill = jmap_palette_stage((size_t)b->style);
    rounded_rect(cr, b->x, b->y, b->w, b->h, 5);
    fill_stroke(cr, fill, shade(fill, 0.78), 0.8);
}

/* The top `band` points of a rounded rectangle of corner radius r (band <
 * r, w >= 2r): the card's coloured top edge, as a shape rather than a clip,
 * which every output draws alike. */
static void top_band(cairo_t *cr, double x, double y, double w, double band,
                     double r)
{
    double a = asin((r - band) / r); /* below the horizontal, at the band */
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + r, y + r, r, PI + a, 3 * PI / 2);
    cairo_arc(cr, x + w - r, y + r, r, -PI / 2, -a);
    cairo_close_path(cr);
}

static void paint_step(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_rgb stage = jmap_palette_stage((size_t)b->style);
    rounded_rect(cr, b->x, b->y, b->w, b->h, 5);
    fill_stroke(cr, (jmap_rgb){1, 1, 1}, shade(stage, 0.7), 1.0);
    top_band(cr, b->x, b->y, b->w, 3.5, 5);
    set_rgb(cr, shade(stage, 0.85));
    fill(cr);
}

/* Chip outline by channel: digital rounded, physical square, human pill. */
static void chip_path(cairo_t *cr, int channel, double x, double y, double w,
                      double h)
{
    if (channel == JMAP_CHANNEL_PHYSICAL)
        cairo_rectangle(cr, x, y, w, h);
    else if (channel == JMAP_CHANNEL_HUMAN)
        rounded_rect(cr, x, y, w, h, 8.5);
    else
        rounded_rect(cr, x, y, w, h, 3.5);
}

static jmap_rgb channel_fill(int channel)
{
    return jmap_palette_colour(channel == JMAP_CHANNEL_PHYSICAL ? JMAP_C_PHYSICAL
                               : channel == JMAP_CHANNEL_HUMAN ? JMAP_C_HUMAN
                                                               : JMAP_C_DIGITAL);
}

static void paint_touchpoint(cairo_t *cr, const jmap_layout *L,
                             const jmap_box *b)
{
    (void)L;
    jmap_rgb fill = channel_fill(b->style);
    chip_path(cr, b->style, b->x, b->y, b->w, b->h);
    fill_stroke(cr, fill, shade(fill, 0.62), 0.8);
    icon_paint(cr, channel_icon(b->style), b->x + 5.5, b->y + 3.5);
}

static const jmap_colour irritant_fills[3] = {
    JMAP_C_IRRITANT_LOW, JMAP_C_IRRITANT_MEDIUM, JMAP_C_IRRITANT_HIGH};
static const double irritant_bars[3] = {3, 5, 7};

static void irritant_shape(cairo_t *cr, int sev, double x, double y, double w,
                           double h)
{
    jmap_rgb v = jmap_palette_colour(JMAP_C_VERMILLION);
    cairo_rectangle(cr, x, y, w, h);
    set_colour(cr, irritant_fills[sev]);
    fill_preserve(cr);
    set_rgb(cr, shade(v, 0.9));
    cairo_set_line_width(cr, sev == 2 ? 1.4 : sev == 1 ? 0.8 : 0.6);
    if (sev == 0)
        dash(cr, 2, 1.5);
    stroke(cr);
    dash(cr, 0, 0);
    cairo_rectangle(cr, x, y, irritant_bars[sev], h);
    set_rgb(cr, shade(v, 0.9));
    fill(cr);
}

static void paint_irritant(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    int sev = b->style >= 0 && b->style <= 2 ? b->style : 1;
    irritant_shape(cr, sev, b->x, b->y, b->w, b->h);
    icon_paint(cr, (icon)(ICON_SEVERITY_LOW + sev), b->x + irritant_bars[sev] + 6,
               b->y + 4);
}

static void paint_badge(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(cr, b->x, b->y, b->w, b->h, b->h / 2);
    set_rgb(cr, (jmap_rgb){0.45, 0.2, 0.0});
    fill(cr);
}

static void paint_moment(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(cr, b->x, b->y, b->w, b->h, 8);
    fill_stroke(cr, jmap_palette_colour(JMAP_C_MOMENT),
                jmap_palette_colour(JMAP_C_GREEN), 0.9);
    icon_paint(cr, ICON_CHECK, b->x + 6, b->y + 4);
}

static void paint_idea(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(cr, b->x, b->y, b->w, b->h, 3);
    fill_stroke(cr, jmap_palette_colour(JMAP_C_IDEA),
                (jmap_rgb){0.72, 0.64, 0.1}, 0.8);
    icon_paint(cr, ICON_BULB, b->x + 6, b->y + 4);
}

static void paint_remedy(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(cr, b->x, b->y, b->w, b->h, 3);
    cairo_set_source_rgb(cr, 1, 1, 1);
    fill_preserve(cr);
    set_colour(cr, JMAP_C_GREEN);
    cairo_set_line_width(cr, 0.9);
    dash(cr, 3, 2);
    stroke(cr);
    dash(cr, 0, 0);
    icon_paint(cr, ICON_BANDAGE, b->x + 6, b->y + 4);
}

static const jmap_colour vis_colours[3] = {JMAP_C_FRONTSTAGE, JMAP_C_BACKSTAGE,
                                           JMAP_C_SUPPORT};

static void paint_dept_mark(cairo_t *cr, const jmap_layout *L,
                            const jmap_box *b)
{
    (void)L;
    int vis = b->style >= 0 && b->style <= 2 ? b->style : 1;
    rounded_rect(cr, b->x, b->y, b->w, b->h, 3);
    set_colour(cr, vis_colours[vis]);
    fill(cr);
}

/* Marker shapes of the emotion curves: circle, square, diamond, triangle. */
static void marker_path(cairo_t *cr, size_t k, double cx, double cy, double r)
{
    switch (k % 4) {
    case 0:
        cairo_arc(cr, cx, cy, r, 0, 2 * PI);
        break;
    case 1:
        cairo_rectangle(cr, cx - r * 0.9, cy - r * 0.9, 1.8 * r, 1.8 * r);
        break;
    case 2:
        cairo_move_to(cr, cx, cy - r * 1.25);
        cairo_line_to(cr, cx + r * 1.25, cy);
        cairo_line_to(cr, cx, cy + r * 1.25);
        cairo_line_to(cr, cx - r * 1.25, cy);
        cairo_close_path(cr);
        break;
    default:
        cairo_move_to(cr, cx, cy - r * 1.3);
        cairo_line_to(cr, cx + r * 1.2, cy + r * 0.9);
        cairo_line_to(cr, cx - r * 1.2, cy + r * 0.9);
        cairo_close_path(cr);
        break;
    }
}

static void curve_style(cairo_t *cr, size_t k)
{
    static const double dashes[4][2] = {{0, 0}, {5, 2.5}, {1.2, 2.2}, {7, 2}};
    set_rgb(cr, jmap_palette_curve(k));
    cairo_set_line_width(cr, 1.8);
    cairo_set_line_cap(cr, k % 4 == 2 ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    dash(cr, dashes[k % 4][0], dashes[k % 4][1]);
}

static void paint_emotion(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    double cx = b->x + b->w / 2, cy = b->y + b->h / 2;
    marker_path(cr, (size_t)b->aux, cx, cy, 3.6);
    set_rgb(cr, jmap_palette_emotion(b->style));
    fill_preserve(cr);
    set_rgb(cr, jmap_palette_curve((size_t)b->aux));
    cairo_set_line_width(cr, 1.0);
    stroke(cr);
}

static void arrow_head(cairo_t *cr, double x, double y, double dx, double dy,
                       double size)
{
    double len = hypot(dx, dy);
    if (len <= 0)
        return;
    dx /= len;
    dy /= len;
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - dx * size - dy * size * 0.5,
                  y - dy * size + dx * size * 0.5);
    cairo_line_to(cr, x - dx * size + dy * size * 0.5,
                  y - dy * size - dx * size * 0.5);
    cairo_close_path(cr);
    fill(cr);
}

/* A legend sample, drawn in its 20 x 10 box. */
static void paint_swatch(cairo_t *cr, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    double x = b->x, y = b->y, w = b->w, h = b->h;
    switch ((jmap_swatch)b->style) {
    case JMAP_SWATCH_DIGITAL:
    case JMAP_SWATCH_PHYSICAL:
    case JMAP_SWATCH_HUMAN: {
        int ch = b->style - JMAP_SWATCH_DIGITAL;
        jmap_rgb fill = channel_fill(ch);
        chip_path(cr, ch, x - 1, y - 1.5, w + 2, h + 3);
        fill_stroke(cr, fill, shade(fill, 0.62), 0.8);
        icon_paint(cr, channel_icon(ch), x + 5, y - 0.5);
        break;
    }
    case JMAP_SWATCH_IRRITANT_LOW:
    case JMAP_SWATCH_IRRITANT_MEDIUM:
    case JMAP_SWATCH_IRRITANT_HIGH: {
        int sev = b->style - JMAP_SWATCH_IRRITANT_LOW;
        irritant_shape(cr, sev, x, y - 1, w, h + 2);
        icon_paint(cr, (icon)(ICON_SEVERITY_LOW + sev),
                   x + irritant_bars[sev] + 1.5, y + 0.2);
        break;
    }
    case JMAP_SWATCH_BADGE:
        rounded_rect(cr, x + 2, y + 1, w - 4, h - 2, (h - 2) / 2);
        set_rgb(cr, (jmap_rgb){0.45, 0.2, 0.0});
        fill(cr);
        break;
    case JMAP_SWATCH_MOMENT:
        rounded_rect(cr, x, y - 1, w, h + 2, 5);
        fill_stroke(cr, jmap_palette_colour(JMAP_C_MOMENT),
                    jmap_palette_colour(JMAP_C_GREEN), 0.8);
        icon_paint(cr, ICON_CHECK, x + 5, y);
        break;
    case JMAP_SWATCH_IDEA:
        rounded_rect(cr, x, y - 1, w, h + 2, 2);
        fill_stroke(cr, jmap_palette_colour(JMAP_C_IDEA),
                    (jmap_rgb){0.72, 0.64, 0.1}, 0.8);
        icon_paint(cr, ICON_BULB, x + 5, y);
        break;
    case JMAP_SWATCH_REMEDY:
        rounded_rect(cr, x, y - 1, w, h + 2, 2);
        cairo_set_source_rgb(cr, 1, 1, 1);
        fill_preserve(cr);
        set_colour(cr, JMAP_C_GREEN);
        cairo_set_line_width(cr, 0.8);
        dash(cr, 3, 2);
        stroke(cr);
        dash(cr, 0, 0);
        icon_paint(cr, ICON_BANDAGE, x + 5, y);
        break;
    case JMAP_SWATCH_CURVE:
        cairo_save(cr);
        curve_style(cr, (size_t)b->aux);
        cairo_move_to(cr, x, y + h / 2);
        cairo_line_to(cr, x + w, y + h / 2);
        stroke(cr);
        cairo_restore(cr);
        marker_path(cr, (size_t)b->aux, x + w / 2, y + h / 2, 3.2);
        set_rgb(cr, jmap_palette_curve((size_t)b->aux));
        fill(cr);
        break;
    case JMAP_SWATCH_ARROW:
        set_colour(cr, JMAP_C_ARROW);
        cairo_set_line_width(cr, 1.2);
        cairo_move_to(cr, x, y + h);
        cairo_line_to(cr, x, y + 2);
        cairo_line_to(cr, x + w - 3, y + 2);
        cairo_line_to(cr, x + w - 3, y + h - 3);
        stroke(cr);
        arrow_head(cr, x + w - 3, y + h, 0, 1, 4);
        break;
    }
}

/* ---- text ---- */

static jmap_colour text_colour(jmap_box_kind kind)
{
    switch (kind) {
    case JMAP_BOX_SUBTITLE:
    case JMAP_BOX_LEGEND_TEXT:
    case JMAP_BOX_SCALE_TEXT:
    case JMAP_BOX_STAGE_DURATION:
    case JMAP_BOX_STEP_DURATION:
    case JMAP_BOX_SEPARATOR_TEXT:
    case JMAP_BOX_FOOTER:
    case JMAP_BOX_GOALS_LABEL:
    case JMAP_BOX_PERSONA_TEXT:
        return JMAP_C_INK_SOFT;
    default:
        return JMAP_C_INK;
    }
}

jmap_rgb jmap_text_rgb(jmap_box_kind kind)
{
    if (kind == JMAP_BOX_BADGE_TEXT)
        return (jmap_rgb){1, 1, 1};
    return jmap_palette_colour(text_colour(kind));
}

/* A text box: its icon or bullet, then its text (an SVG writes its texts
 * itself, as text). */
static void paint_text(cairo_t *cr, const jmap_box *b)
{
    cairo_new_path(cr);
    if (b->kind == JMAP_BOX_STAGE_DURATION || b->kind == JMAP_BOX_STEP_DURATION)
        icon_paint(cr, ICON_CLOCK, b->x - 11, b->y + b->h / 2 - 4);
    if (b->kind == JMAP_BOX_GOAL) {
        set_colour(cr, JMAP_C_BLUE);
        cairo_arc(cr, b->x - 5, b->y + 5.2, 1.6, 0, 2 * PI);
        fill(cr);
    }
    if (svg_of(cr))
        return;
    cairo_new_path(cr);
    set_rgb(cr, jmap_text_rgb(b->kind));
    cairo_move_to(cr, b->x, b->y);
    pango_cairo_show_layout(cr, b->pl);
}

/* ---- paths ---- */

/* A polyline with rounded corners. */
static void rounded_polyline(cairo_t *cr, const jmap_point *p, size_t n,
                             double r)
{
    cairo_move_to(cr, p[0].x, p[0].y);
    for (size_t i = 1; i + 1 < n; i++) {
        double ax = p[i].x - p[i - 1].x, ay = p[i].y - p[i - 1].y;
        double bx = p[i + 1].x - p[i].x, by = p[i + 1].y - p[i].y;
        double la = hypot(ax, ay), lb = hypot(bx, by);
        double rr = fmin(r, fmin(la, lb) / 2);
        if (la <= 0 || lb <= 0) {
            cairo_line_to(cr, p[i].x, p[i].y);
            continue;
        }
        cairo_line_to(cr, p[i].x - ax / la * rr, p[i].y - ay / la * rr);
        cairo_curve_to(cr, p[i].x, p[i].y, p[i].x, p[i].y,
                       p[i].x + bx / lb * rr, p[i].y + by / lb * rr);
    }
    cairo_line_to(cr, p[n - 1].x, p[n - 1].y);
}

static void paint_path(cairo_t *cr, const jmap_path *p)
{
    if (p->n < 2)
        return;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    switch (p->kind) {
    case JMAP_PATH_GRID:
        set_colour(cr, JMAP_C_RULE);
        cairo_set_line_width(cr, 0.6);
        break;
    case JMAP_PATH_LEVEL:
    case JMAP_PATH_ROW:
        cairo_set_source_rgb(cr, 0.88, 0.89, 0.91);
        cairo_set_line_width(cr, 0.5);
        break;
    case JMAP_PATH_NEUTRAL:
        set_colour(cr, JMAP_C_GREY);
        cairo_set_line_width(cr, 0.9);
        dash(cr, 4, 3);
        break;
    case JMAP_PATH_CURVE:
        curve_style(cr, (size_t)p->aux);
        break;
    case JMAP_PATH_VISIBILITY:
        set_colour(cr, JMAP_C_BLUE);
        cairo_set_line_width(cr, 1.3);
        dash(cr, 7, 3.5);
        break;
    case JMAP_PATH_SUPPORT:
        set_colour(cr, JMAP_C_INK_SOFT);
        cairo_set_line_width(cr, 0.9);
        dash(cr, 1.5, 2.5);
        break;
    case JMAP_PATH_FLOW:
    case JMAP_PATH_ARROW:
        set_colour(cr, JMAP_C_ARROW);
        cairo_set_line_width(cr, p->kind == JMAP_PATH_FLOW ? 0.9 : 1.2);
        if (p->kind == JMAP_PATH_ARROW && p->style)
            dash(cr, 4, 2.5);
        break;
    default:
        break;
    }
    if (p->kind == JMAP_PATH_CURVE) {
        cairo_move_to(cr, p->pts[0].x, p->pts[0].y);
        for (size_t i = 1; i + 2 < p->n; i += 3)
            cairo_curve_to(cr, p->pts[i].x, p->pts[i].y, p->pts[i + 1].x,
                           p->pts[i + 1].y, p->pts[i + 2].x, p->pts[i + 2].y);
        stroke(cr);
    } else if (p->kind == JMAP_PATH_FLOW || p->kind == JMAP_PATH_ARROW) {
        const jmap_point *a = &p->pts[p->n - 2], *z = &p->pts[p->n - 1];
        double dx = z->x - a->x, dy = z->y - a->y, len = hypot(dx, dy);
        double head = p->kind == JMAP_PATH_FLOW ? 3.5 : 4.5;
        jmap_point end = *z;
        if (len > head) { /* stop the line where the head starts */
            end.x = z->x - dx / len * head * 0.8;
            end.y = z->y - dy / len * head * 0.8;
        }
        jmap_point *pts = jmap_xcalloc(p->n, sizeof *pts);
        for (size_t i = 0; i < p->n; i++)
            pts[i] = p->pts[i];
        pts[p->n - 1] = end;
        rounded_polyline(cr, pts, p->n, 5);
        free(pts);
        stroke(cr);
        dash(cr, 0, 0);
        arrow_head(cr, z->x, z->y, dx, dy, head);
    } else {
        cairo_move_to(cr, p->pts[0].x, p->pts[0].y);
        for (size_t i = 1; i < p->n; i++)
            cairo_line_to(cr, p->pts[i].x, p->pts[i].y);
        stroke(cr);
    }
    cairo_restore(cr);
}

/* ---- the painting order ---- */

typedef void (*paint_fn)(cairo_t *cr, const jmap_layout *L, const jmap_box *b);

/* How each box kind is painted, and in which layer. */
static const struct {
    int layer;      /* 0 background, 1 card, 2 mark, 3 point; text is last */
    paint_fn paint; /* NULL: nothing but its text */
} box_painters[JMAP_BOX_KIND_COUNT_] = {
    [JMAP_BOX_MAP] = {0, paint_map},
    [JMAP_BOX_LANE] = {0, paint_lane},
    [JMAP_BOX_PERSONA] = {1, paint_persona},
    [JMAP_BOX_LEGEND] = {1, paint_legend},
    [JMAP_BOX_SWATCH] = {2, paint_swatch},
    [JMAP_BOX_STAGE] = {1, paint_stage},
    [JMAP_BOX_STEP] = {1, paint_step},
    [JMAP_BOX_EMOTION] = {3, paint_emotion},
    [JMAP_BOX_TOUCHPOINT] = {1, paint_touchpoint},
    [JMAP_BOX_IRRITANT] = {1, paint_irritant},
    [JMAP_BOX_BADGE] = {2, paint_badge},
    [JMAP_BOX_MOMENT] = {1, paint_moment},
    [JMAP_BOX_IDEA] = {1, paint_idea},
    [JMAP_BOX_REMEDY] = {1, paint_remedy},
    [JMAP_BOX_DEPT_MARK] = {1, paint_dept_mark},
};

static void paint_layer(cairo_t *cr, const jmap_layout *L, int layer)
{
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (b->kind < JMAP_BOX_KIND_COUNT_ && box_painters[b->kind].paint &&
            box_painters[b->kind].layer == layer) {
            cairo_save(cr);
            cairo_new_path(cr);
            box_painters[b->kind].paint(cr, L, b);
            cairo_restore(cr);
        }
    }
}

static void paint_paths(cairo_t *cr, const jmap_layout *L, int guides)
{
    for (size_t i = 0; i < L->n_paths; i++) {
        jmap_path_kind k = L->paths[i].kind;
        int is_guide = k == JMAP_PATH_GRID || k == JMAP_PATH_LEVEL ||
                       k == JMAP_PATH_NEUTRAL || k == JMAP_PATH_ROW;
        if (is_guide == guides)
            paint_path(cr, &L->paths[i]);
    }
}

void jmap_layout_draw(const jmap_layout *layout, cairo_t *cr)
{
    cairo_save(cr);
    paint_layer(cr, layout, 0);
    paint_paths(cr, layout, 1);
    paint_layer(cr, layout, 1);
    paint_layer(cr, layout, 2);
    paint_paths(cr, layout, 0);
    paint_layer(cr, layout, 3);
    for (size_t i = 0; i < layout->n_boxes; i++)
        if (layout->boxes[i].pl) {
            cairo_save(cr);
            paint_text(cr, &layout->boxes[i]);
            cairo_restore(cr);
        }
    cairo_restore(cr);
}

int jmap_layout_draw_svg(const jmap_layout *layout, jmap_svg *svg)
{
    /* cairo only builds the paths: its target is never painted */
    cairo_surface_t *target = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(target);
    int status = cairo_set_user_data(cr, &svg_key, svg, NULL);
    if (status == CAIRO_STATUS_SUCCESS) {
        jmap_layout_draw(layout, cr);
        for (int k = 0; k < ICON_COUNT_; k++)
            if (jmap_svg_def_begin(svg, k)) {
                cairo_save(cr);
                cairo_new_path(cr);
                icon_draw(cr, (icon)k, 0, 0);
                cairo_restore(cr);
                jmap_svg_def_end(svg);
            }
        status = cairo_status(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(target);
    return status == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
