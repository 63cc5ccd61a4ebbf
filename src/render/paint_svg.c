/*
 * paint_svg.c - the painter's SVG backend: jmap's own SVG writer.
 *
 * jmap writes its SVG itself rather than through cairo's SVG surface, which
 * records the whole page, then writes every glyph as a <use> of an outline
 * with two coordinates of its own and every card with a clip path: a
 * 16,000-step map became hundreds of megabytes, built in memory, that
 * nobody could search or edit.
 *
 * The drawing is draw.c's, done once for every format: this file is a
 * jmap_painter (painter.h) and writes each call as it comes: a fill, a
 * stroke, or a fill and stroke as one <path> from the shape, colour and
 * pen it is given; each icon as a <use> of a definition, drawn once (by the
 * icon's own art, through this same painter) before the texts. Shapes are
 * written as cairo holds them (path_data()), so that the outlines are the
 * PDF's.
 *
 * Texts are written as text: one <text> per line that Pango laid out, at
 * the pen position Pango measured, with textLength set to the measured
 * advance so that a viewer with another font still keeps each line inside
 * its card. The characters are those of the line (every text is whole:
 * layout.c never cuts one), so the SVG is searchable, copyable and can be
 * read aloud.
 *
 * Everything is written as it is made, into a buffer that the caller's
 * flush() empties, so memory does not grow with the document. Numbers are
 * written with at most two decimals by integer arithmetic: no printf in the
 * loops, and no locale can turn a point into a comma.
 */
#include "paint_svg.h"
#include "painter.h"

#include <math.h>
#include <string.h>

/* Writes v with at most two decimals ("12.5", "-3", "0.07"). Layout values
 * are far below the range where this could overflow. */
static void put_num(jmap_buf *b, double v)
{
    char tmp[32], *p = tmp + sizeof tmp;
    long long n = llround(v * 100.0);
    int neg = n < 0;
    unsigned long long u = neg ? (unsigned long long)-n : (unsigned long long)n;
    unsigned frac = (unsigned)(u % 100);
    u /= 100;
    if (frac) {
        if (frac % 10)
            *--p = (char)('0' + frac % 10);
        *--p = (char)('0' + frac / 10);
        *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--p = '-';
    jmap_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* The bytes of s[0..n) escaped for XML character data. What XML 1.0 does
 * not allow (YAML's escapes can write it) is replaced: control characters
 * by spaces, the noncharacters U+FFFE and U+FFFF by U+FFFD. */
static void put_escaped(jmap_buf *b, const char *s, size_t n)
{
    const char *run = s;
    for (const char *p = s; p < s + n; p++) {
        unsigned char c = (unsigned char)*p;
        const char *rep = NULL;
        size_t skip = 1;
        switch (c) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case 0xEF: /* U+FFFE and U+FFFF are EF BF BE and EF BF BF */
            if (p + 2 < s + n && (unsigned char)p[1] == 0xBF &&
                ((unsigned char)p[2] & 0xFE) == 0xBE) {
                rep = "\xef\xbf\xbd";
                skip = 3;
            }
            break;
        default:
            if (c < 0x20)
                rep = " ";
        }
        if (rep) {
            jmap_buf_put(b, run, (size_t)(p - run));
            jmap_buf_puts(b, rep);
            p += skip - 1;
            run = p + 1;
        }
    }
    jmap_buf_put(b, run, (size_t)(s + n - run));
}

/* ---- type styles ---- */

/* A text style: size, weight and colour, written once as a CSS class. */
typedef struct text_style {
    int size;      /* Pango units */
    int weight;    /* 400, 700... */
    jmap_rgb rgb;  /* fill */
} text_style;

#define MAX_STYLES 64 /* a handful are used; past this, inline attributes */

typedef struct style_set {
    text_style s[MAX_STYLES]; /* the classes, .t0 .t1 ... */
    int n;                    /* classes in use */
} style_set;

static text_style style_of(PangoLayout *pl, jmap_rgb rgb)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(pl);
    text_style st = {(int)(JMAP_BODY_PT * PANGO_SCALE), PANGO_WEIGHT_NORMAL,
                     rgb};
    if (fd) {
        st.size = pango_font_description_get_size(fd);
        st.weight = (int)pango_font_description_get_weight(fd);
    }
    return st;
}

static int style_eq(const text_style *a, const text_style *b)
{
    return a->size == b->size && a->weight == b->weight &&
           a->rgb.r == b->rgb.r && a->rgb.g == b->rgb.g && a->rgb.b == b->rgb.b;
}

/* The class number of st, added to the set when new; -1 when full. */
static int style_index(style_set *set, const text_style *st)
{
    for (int i = 0; i < set->n; i++)
        if (style_eq(&set->s[i], st))
            return i;
    if (set->n == MAX_STYLES)
        return -1;
    set->s[set->n] = *st;
    return set->n++;
}

static void put_hex(jmap_buf *b, jmap_rgb c)
{
    static const char digits[] = "0123456789abcdef";
    double v[3] = {c.r, c.g, c.b};
    char hex[8] = "#";
    for (int i = 0; i < 3; i++) {
        int k = (int)lround(fmin(fmax(v[i], 0), 1) * 255);
        hex[1 + 2 * i] = digits[k >> 4];
        hex[2 + 2 * i] = digits[k & 15];
    }
    jmap_buf_put(b, hex, 7);
}

/* name="#rrggbb", with a space before it. */
static void put_rgb_attr(jmap_buf *b, const char *name, jmap_rgb c)
{
    jmap_buf_printf(b, " %s=\"", name);
    put_hex(b, c);
    jmap_buf_putc(b, '"');
}

static void put_style_decls(jmap_buf *b, const text_style *st)
{
    jmap_buf_puts(b, "font-size:");
    put_num(b, st->size / (double)PANGO_SCALE);
    jmap_buf_printf(b, "px;font-weight:%d;fill:", st->weight);
    put_hex(b, st->rgb);
}

/* ---- the writer ---- */

typedef struct jmap_svg {
    jmap_buf *out;             /* the document being written */
    void (*flush)(void *ctx);  /* may empty `out` (may be NULL) */
    void *ctx;                 /* flush's argument */
    jmap_buf d;                /* scratch: one path's data */
    jmap_icon_art art[JMAP_ICON_COUNT_]; /* placed icons' looks, else NULL */
    int texts;                 /* 1 once the texts have begun */
    style_set *styles;         /* the texts' classes */
    const char *family;        /* the families the texts were measured in
                                  ("A,B"), or NULL when there is no text */
} jmap_svg;

/* After each element: the caller's flush decides when `out` is big enough
 * to be written out. */
static void svg_flush(jmap_svg *s)
{
    if (s->flush)
        s->flush(s->ctx);
}

/* ---- path data ----
 *
 * A shape is written as cairo would hold it, so that an SVG and a PDF of
 * the same map have the same outlines: points on cairo's 1/256 grid, arcs
 * cut into as many Bézier segments as cairo cuts them (tolerance 0.1 at
 * the layout's scale), moves made lazily, degenerate lines dropped, and a
 * close after a line dropping that line. */

#define TOLERANCE 0.1 /* cairo's default flattening tolerance */
#define PI 3.14159265358979323846

typedef struct pen_state {
    jmap_buf *d;          /* the data being written */
    const jmap_shape *s;  /* the shape, for its frame */
    double c, sn;         /* cos and sin of the frame's angle */
    long cx, cy;          /* current point, in 1/256 units */
    long mx, my;          /* where the sub-path started */
    long px, py;          /* the point before the current one */
    int has_current;      /* 0 after a new sub-path */
    int needs_move;       /* the move to (cx, cy) is not written yet */
    int last;             /* last written verb: 'M', 'L', 'C', 'Z', 0 */
    size_t line_at;       /* where the last 'L' starts in d */
} pen_state;

static long fixed(double v)
{
    return lrint(v * 256.0);
}

/* (x, y) in the shape's frame to page units. */
static void to_page(const pen_state *ps, double x, double y, double *px,
                    double *py)
{
    const jmap_shape *s = ps->s;
    *px = s->ox + ps->c * x - ps->sn * y;
    *py = s->oy + ps->sn * x + ps->c * y;
}

static void put_fixed(jmap_buf *d, long x, long y)
{
    put_num(d, x / 256.0);
    jmap_buf_putc(d, ' ');
    put_num(d, y / 256.0);
}

static void move_apply(pen_state *ps)
{
    if (!ps->needs_move)
        return;
    ps->needs_move = 0;
    jmap_buf_putc(ps->d, 'M');
    put_fixed(ps->d, ps->cx, ps->cy);
    ps->mx = ps->cx;
    ps->my = ps->cy;
    ps->last = 'M';
}

static void fx_move(pen_state *ps, long x, long y)
{
    ps->cx = x;
    ps->cy = y;
    ps->has_current = 1;
    ps->needs_move = 1;
}

/* Takes the last 'L' out of the data; the current point stays (cairo's
 * drop_line_to, done just before an element that replaces it). */
static void drop_line(pen_state *ps)
{
    ps->d->len = ps->line_at;
}

static int same_slope(long ax, long ay, long bx, long by)
{
    return (long long)ay * bx == (long long)by * ax &&
           ((ax ^ bx) | (ay ^ by)) >= 0;
}

static void fx_line(pen_state *ps, long x, long y)
{
    if (!ps->has_current) {
        fx_move(ps, x, y);
        return;
    }
    move_apply(ps);
    if (ps->last != 'M' && x == ps->cx && y == ps->cy)
        return;
    long fx = ps->cx, fy = ps->cy; /* where the new line starts, for cairo */
    if (ps->last == 'L' &&
        ((ps->px == ps->cx && ps->py == ps->cy) ||
         same_slope(ps->cx - ps->px, ps->cy - ps->py, x - ps->cx,
                    y - ps->cy))) {
        drop_line(ps);
        fx = ps->px;
        fy = ps->py;
    }
    ps->line_at = ps->d->len;
    jmap_buf_putc(ps->d, 'L');
    put_fixed(ps->d, x, y);
    ps->px = fx;
    ps->py = fy;
    ps->cx = x;
    ps->cy = y;
    ps->last = 'L';
}

static void fx_curve(pen_state *ps, const long p[6])
{
    if (ps->cx == p[4] && ps->cy == p[5] && p[0] == p[4] && p[2] == p[4] &&
        p[1] == p[5] && p[3] == p[5] && ps->has_current) {
        fx_line(ps, p[4], p[5]);
        return;
    }
    if (!ps->has_current)
        fx_move(ps, p[0], p[1]);
    move_apply(ps);
    if (ps->last == 'L' && ps->px == ps->cx && ps->py == ps->cy)
        drop_line(ps);
    jmap_buf_putc(ps->d, 'C');
    for (int k = 0; k < 3; k++) {
        if (k)
            jmap_buf_putc(ps->d, ' ');
        put_fixed(ps->d, p[2 * k], p[2 * k + 1]);
    }
    ps->cx = p[4];
    ps->cy = p[5];
    ps->last = 'C';
}

static void line_to(pen_state *ps, double x, double y)
{
    double px, py;
    to_page(ps, x, y, &px, &py);
    fx_line(ps, fixed(px), fixed(py));
}

static void curve_to(pen_state *ps, const double v[6])
{
    long p[6];
    for (int k = 0; k < 3; k++) {
        double px, py;
        to_page(ps, v[2 * k], v[2 * k + 1], &px, &py);
        p[2 * k] = fixed(px);
        p[2 * k + 1] = fixed(py);
    }
    fx_curve(ps, p);
}

static void close_path(pen_state *ps)
{
    if (!ps->has_current)
        return;
    fx_line(ps, ps->mx, ps->my);
    if (ps->last == 'L')
        drop_line(ps);
    jmap_buf_putc(ps->d, 'Z');
    ps->last = 'Z';
    ps->cx = ps->mx;
    ps->cy = ps->my;
    ps->needs_move = 1;
}

/* The widest arc step whose Bézier stays within `tolerance` of a unit
 * circle, as cairo chooses it. */
static double arc_max_angle(double tolerance)
{
    static const double errors[] = {
        0.0185185185185185036127,   2.72567143730179811158e-04,
        2.38647043651461047433e-05, 4.2455377443222443279e-06,
        1.11281001494389081528e-06, 3.72662000942734705475e-07,
        1.47783685574284411325e-07, 6.63240432022601149057e-08,
        3.2715520137536980553e-08,  1.73863223499021216974e-08,
        9.81410988043554039085e-09};
    int n = (int)(sizeof errors / sizeof errors[0]), i;
    for (i = 0; i < n; i++)
        if (errors[i] < tolerance)
            return PI / (i + 1);
    double angle, error;
    ++i;
    do {
        angle = PI / i++;
        error = 2.0 / 27.0 * pow(sin(angle / 4), 6) / pow(cos(angle / 4), 2);
    } while (error > tolerance && i < 1000);
    return angle;
}

static void arc_segment(pen_state *ps, double xc, double yc, double r,
                        double a, double b)
{
    double rsa = r * sin(a), rca = r * cos(a);
    double rsb = r * sin(b), rcb = r * cos(b);
    double h = 4.0 / 3.0 * tan((b - a) / 4.0);
    double v[6] = {xc + rca - h * rsa, yc + rsa + h * rca,
                   xc + rcb + h * rsb, yc + rsb - h * rcb,
                   xc + rcb,           yc + rsb};
    curve_to(ps, v);
}

static void arc_in(pen_state *ps, double xc, double yc, double r, double a1,
                   double a2)
{
    if (a2 - a1 > PI) {
        double mid = a1 + (a2 - a1) / 2.0;
        arc_in(ps, xc, yc, r, a1, mid);
        arc_in(ps, xc, yc, r, mid, a2);
        return;
    }
    line_to(ps, xc + r * cos(a1), yc + r * sin(a1));
    if (a2 == a1)
        return;
    int segments = (int)ceil(fabs(a2 - a1) / arc_max_angle(TOLERANCE / r));
    double step = (a2 - a1) / segments;
    for (int i = 0; i < segments - 1; i++, a1 += step)
        arc_segment(ps, xc, yc, r, a1, a1 + step);
    arc_segment(ps, xc, yc, r, a1, a2);
}

static void arc(pen_state *ps, const double v[5])
{
    double a1 = v[3], a2 = v[4];
    if (a2 < a1) {
        a2 = fmod(a2 - a1, 2 * PI);
        if (a2 < 0)
            a2 += 2 * PI;
        a2 += a1;
    }
    line_to(ps, v[0] + v[2] * cos(a1), v[1] + v[2] * sin(a1));
    arc_in(ps, v[0], v[1], v[2], a1, a2);
}

/* cairo_rectangle: a move, three relative lines, a close. */
static void rect(pen_state *ps, const double v[4])
{
    double x, y, dx, dy;
    to_page(ps, v[0], v[1], &x, &y);
    fx_move(ps, fixed(x), fixed(y));
    const double rel[3][2] = {{v[2], 0}, {0, v[3]}, {-v[2], 0}};
    for (int k = 0; k < 3; k++) {
        dx = ps->c * rel[k][0] - ps->sn * rel[k][1];
        dy = ps->sn * rel[k][0] + ps->c * rel[k][1];
        fx_line(ps, ps->cx + fixed(dx), ps->cy + fixed(dy));
    }
    close_path(ps);
}

/* The path data of s in s->d. */
static void path_data(jmap_svg *svg, const jmap_shape *s)
{
    pen_state ps = {.d = &svg->d, .s = s, .c = cos(s->angle),
                    .sn = sin(s->angle)};
    svg->d.len = 0;
    jmap_buf_put(&svg->d, "", 0);
    for (size_t i = 0; i < s->n; i++) {
        const double *v = s->ops[i].v;
        double x, y;
        switch (s->ops[i].verb) {
        case JMAP_SHAPE_MOVE:
            to_page(&ps, v[0], v[1], &x, &y);
            fx_move(&ps, fixed(x), fixed(y));
            break;
        case JMAP_SHAPE_LINE: line_to(&ps, v[0], v[1]); break;
        case JMAP_SHAPE_CURVE:
            if (!ps.has_current)
                line_to(&ps, v[0], v[1]);
            curve_to(&ps, v);
            break;
        case JMAP_SHAPE_ARC: arc(&ps, v); break;
        case JMAP_SHAPE_RECT: rect(&ps, v); break;
        case JMAP_SHAPE_SUB: ps.has_current = 0; ps.needs_move = 0; break;
        case JMAP_SHAPE_CLOSE: close_path(&ps); break;
        }
    }
}

/* One <path>: s->d, filled with *fill (NULL: none), stroked with *pen
 * (NULL: not stroked). */
static void put_path(jmap_svg *s, const jmap_rgb *fill, const jmap_pen *pen)
{
    static const char *const caps[] = {
        [JMAP_CAP_ROUND] = " stroke-linecap=\"round\"",
        [JMAP_CAP_SQUARE] = " stroke-linecap=\"square\""};
    static const char *const joins[] = {
        [JMAP_JOIN_ROUND] = " stroke-linejoin=\"round\"",
        [JMAP_JOIN_BEVEL] = " stroke-linejoin=\"bevel\""};
    jmap_buf *b = s->out;
    const jmap_buf *d = &s->d;
    if (!d->len)
        return;
    jmap_buf_puts(b, "<path d=\"");
    jmap_buf_put(b, d->data, d->len);
    jmap_buf_putc(b, '"');
    if (fill)
        put_rgb_attr(b, "fill", *fill);
    else
        jmap_buf_puts(b, " fill=\"none\"");
    if (pen) {
        put_rgb_attr(b, "stroke", pen->rgb);
        if (pen->width != 1.0) {
            jmap_buf_puts(b, " stroke-width=\"");
            put_num(b, pen->width);
            jmap_buf_putc(b, '"');
        }
        if (pen->cap != JMAP_CAP_BUTT)
            jmap_buf_puts(b, caps[pen->cap]);
        if (pen->join != JMAP_JOIN_MITER)
            jmap_buf_puts(b, joins[pen->join]);
        if (pen->n_dash > 0) {
            jmap_buf_puts(b, " stroke-dasharray=\"");
            put_num(b, pen->dash[0]);
            jmap_buf_putc(b, ' ');
            put_num(b, pen->dash[1]);
            jmap_buf_putc(b, '"');
        }
    }
    jmap_buf_puts(b, "/>\n");
    svg_flush(s);
}

static void sp_fill(void *ctx, const jmap_shape *sh, jmap_rgb rgb)
{
    jmap_svg *s = ctx;
    path_data(s, sh);
    put_path(s, &rgb, NULL);
}

static void sp_stroke(void *ctx, const jmap_shape *sh, const jmap_pen *pen)
{
    jmap_svg *s = ctx;
    path_data(s, sh);
    put_path(s, NULL, pen);
}

static void sp_fill_stroke(void *ctx, const jmap_shape *sh, jmap_rgb rgb,
                           const jmap_pen *pen)
{
    jmap_svg *s = ctx;
    path_data(s, sh);
    put_path(s, &rgb, pen);
}

static void sp_icon(void *ctx, jmap_icon icon, double x, double y,
                    jmap_icon_art art)
{
    jmap_svg *s = ctx;
    s->art[icon] = art;
    jmap_buf_printf(s->out, "<use xlink:href=\"#jmap-icon-%d\" x=\"", (int)icon);
    put_num(s->out, x);
    jmap_buf_puts(s->out, "\" y=\"");
    put_num(s->out, y);
    jmap_buf_puts(s->out, "\"/>\n");
    svg_flush(s);
}

static void sp_text(void *ctx, PangoLayout *pl, double x, double y,
                    jmap_rgb rgb);

static const jmap_painter svg_painter = {
    .fill = sp_fill,
    .stroke = sp_stroke,
    .fill_stroke = sp_fill_stroke,
    .text = sp_text,
    .icon = sp_icon,
};

/* The definitions of the icons placed, each drawn once at the origin. */
static void put_icon_defs(jmap_svg *s)
{
    int open = 0;
    for (int k = 0; k < JMAP_ICON_COUNT_; k++) {
        if (!s->art[k])
            continue;
        if (!open)
            jmap_buf_puts(s->out, "<defs>\n");
        open = 1;
        jmap_buf_printf(s->out, "<g id=\"jmap-icon-%d\">\n", k);
        s->art[k]((jmap_icon)k, &svg_painter, s, 0, 0);
        jmap_buf_puts(s->out, "</g>\n");
    }
    if (open)
        jmap_buf_puts(s->out, "</defs>\n");
}

/* ---- lines ---- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* One line of a measured layout at (x0, y0) in layout units. */
static void put_line(jmap_buf *b, const char *text, PangoLayoutIter *it,
                     double x0, double y0, const char *attrs)
{
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    size_t start = (size_t)line->start_index;
    size_t end = start + (size_t)line->length;
    size_t el_start = end, el_end = end; /* the ellipsized range, if any */
    int ellipsis = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        const PangoGlyphItem *run = r->data;
        if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) {
            el_start = (size_t)run->item->offset;
            el_end = el_start + (size_t)run->item->length;
            ellipsis = 1;
        }
    }
    /* Trailing white space is not drawn: leave it out of the text and of
     * its measured length. */
    size_t from = ellipsis ? el_end : start, last = end;
    while (last > from && is_space(text[last - 1]))
        last--;
    if (!ellipsis && last == start)
        return; /* an empty line */
    /* The advance of what is drawn, and of the trailing space left out. */
    double width = 0, trail = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        const PangoGlyphItem *run = r->data;
        const PangoGlyphString *g = run->glyphs;
        int el = (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) != 0;
        for (int i = 0; i < g->num_glyphs; i++) {
            double w = g->glyphs[i].geometry.width / (double)PANGO_SCALE;
            size_t at = (size_t)run->item->offset + (size_t)g->log_clusters[i];
            if (!el && at >= last)
                trail += w;
            else
                width += w;
        }
    }
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    double x = x0 + logical.x / (double)PANGO_SCALE;
    double y = y0 + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
    int rtl = line->resolved_dir == PANGO_DIRECTION_RTL;
    if (rtl) /* anchored at its right end; the left-out space is at the left */
        x += trail + width;
    jmap_buf_puts(b, "<text x=\"");
    put_num(b, x);
    jmap_buf_puts(b, "\" y=\"");
    put_num(b, y);
    jmap_buf_puts(b, "\" textLength=\"");
    put_num(b, width);
    jmap_buf_puts(b, "\"");
    jmap_buf_puts(b, attrs);
    if (rtl)
        jmap_buf_puts(b, " direction=\"rtl\"");
    jmap_buf_putc(b, '>');
    if (ellipsis) {
        put_escaped(b, text + start, el_start - start);
        jmap_buf_puts(b, "\xe2\x80\xa6"); /* … */
        if (el_end < last)
            put_escaped(b, text + el_end, last - el_end);
    } else {
        put_escaped(b, text + start, last - start);
    }
    jmap_buf_puts(b, "</text>\n");
}

/* Before the first text: the icons' definitions, then the text group and
 * its classes. */
static void begin_texts(jmap_svg *s)
{
    jmap_buf *out = s->out;
    s->texts = 1;
    put_icon_defs(s);
    /* a family name is jmap's own (text.c), never the map's text */
    jmap_buf_puts(out, "<g id=\"jmap-text\" xml:space=\"preserve\" "
                       "font-family=\"");
    /* "A,B" -> 'A', 'B', */
    for (const char *f = s->family; f && *f;) {
        size_t n = strcspn(f, ",");
        jmap_buf_printf(out, "'%.*s', ", (int)n, f);
        f += n + (f[n] == ',');
    }
    jmap_buf_puts(out, "sans-serif\">\n");
    jmap_buf_puts(out, "<style>\n");
    for (int i = 0; i < s->styles->n; i++) {
        jmap_buf_printf(out, ".t%d{", i);
        put_style_decls(out, &s->styles->s[i]);
        jmap_buf_puts(out, "}\n");
    }
    jmap_buf_puts(out, "</style>\n");
}

static void sp_text(void *ctx, PangoLayout *pl, double x, double y,
                    jmap_rgb rgb)
{
    jmap_svg *s = ctx;
    jmap_buf *out = s->out;
    if (!s->texts)
        begin_texts(s);
    char attrs[160];
    text_style st = style_of(pl, rgb);
    int k = style_index(s->styles, &st);
    if (k >= 0) {
        snprintf(attrs, sizeof attrs,
                 " lengthAdjust=\"spacingAndGlyphs\" class=\"t%d\"", k);
    } else {
        jmap_buf style;
        jmap_buf_init(&style);
        put_style_decls(&style, &st);
        snprintf(attrs, sizeof attrs,
                 " lengthAdjust=\"spacingAndGlyphs\" style=\"%s\"",
                 style.data ? style.data : "");
        jmap_buf_destroy(&style);
    }
    const char *text = pango_layout_get_text(pl);
    PangoLayoutIter *it = pango_layout_get_iter(pl);
    do
        put_line(out, text, it, x, y, attrs);
    while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    svg_flush(s);
}

/* ---- the document ---- */

int jmap_svg_write(const jmap_layout *L, const char *title, double w,
                   double h, double scale, double ox, double oy,
                   jmap_buf *out, void (*flush)(void *ctx), void *ctx)
{
    /* the text classes, declared before the texts: one per style used */
    style_set styles = {.n = 0};
    const char *family = NULL;
    for (size_t i = 0; i < L->n_boxes; i++)
        if (L->boxes[i].pl) {
            text_style st = style_of(L->boxes[i].pl,
                                     jmap_text_rgb(L->boxes[i].kind));
            style_index(&styles, &st);
            const PangoFontDescription *fd =
                pango_layout_get_font_description(L->boxes[i].pl);
            if (!family && fd)
                family = pango_font_description_get_family(fd);
        }
    jmap_svg svg = {.out = out, .flush = flush, .ctx = ctx, .styles = &styles,
                    .family = family};
    jmap_buf_init(&svg.d);
    char num[5][32];
    jmap_format_double(num[0], sizeof num[0], w, 3);
    jmap_format_double(num[1], sizeof num[1], h, 3);
    jmap_format_double(num[2], sizeof num[2], scale, 6);
    jmap_format_double(num[3], sizeof num[3], ox, 3);
    jmap_format_double(num[4], sizeof num[4], oy, 3);
    jmap_buf_printf(out,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                    "width=\"%spt\" height=\"%spt\" viewBox=\"0 0 %s %s\" "
                    "version=\"1.1\">\n<title>",
                    num[0], num[1], num[0], num[1]);
    put_escaped(out, title, strlen(title));
    jmap_buf_printf(out,
                    "</title>\n"
                    "<rect width=\"%s\" height=\"%s\" fill=\"#ffffff\"/>\n"
                    "<g id=\"jmap-map\" stroke-miterlimit=\"10\" "
                    "transform=\"matrix(%s 0 0 %s %s %s)\">\n",
                    num[0], num[1], num[2], num[2], num[3], num[4]);
    jmap_layout_paint(L, &svg_painter, &svg);
    if (!svg.texts)
        begin_texts(&svg);
    jmap_buf_puts(out, "</g>\n</g>\n</svg>\n");
    jmap_buf_destroy(&svg.d);
    return 0;
}
