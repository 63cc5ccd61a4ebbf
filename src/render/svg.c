/*
 * svg.c - the SVG writer: the document, its shapes and its texts.
 *
 * jmap writes its SVG itself rather than through cairo's SVG surface, which
 * records the whole page, then writes every glyph as a <use> of an outline
 * with two coordinates of its own and every card with a clip path: a
 * 16,000-step map became hundreds of megabytes, built in memory, that
 * nobody could search or edit.
 *
 * The drawing is still draw.c's, done once for every format: draw.c builds
 * each path with cairo on a context whose target is never painted, and
 * hands every fill, stroke and icon to this file (jmap_svg_fill,
 * jmap_svg_stroke, jmap_svg_use), which writes it as a <path> from cairo's
 * own path, colour, width and dashes. A fill followed by the stroke of the
 * same path becomes one element, and each icon is defined once and placed
 * with <use>.
 *
 * Texts are written as text: one <text> per line that Pango laid out, at
 * the pen position Pango measured, with textLength set to the measured
 * advance so that a viewer with another font still keeps each line inside
 * its card. The characters are those of the line (with "…" where Pango
 * ellipsized), so the SVG is searchable, copyable and can be read aloud; a
 * text that was cut keeps its whole text in a <title> (a viewer's tooltip).
 *
 * Everything is written as it is made, into a buffer that the caller's
 * flush() empties, so memory does not grow with the document. Numbers are
 * written with at most two decimals by integer arithmetic: no printf in the
 * loops, and no locale can turn a point into a comma.
 */
#include "layout.h"

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

/* ---- the writer ---- */

struct jmap_svg {
    jmap_buf *out;             /* the document being written */
    void (*flush)(void *ctx);  /* may empty `out` (may be NULL) */
    void *ctx;                 /* flush's argument */
    jmap_buf d;                /* scratch: one path's data */
    jmap_buf fill_d;           /* a fill's path data, until the next shape */
    jmap_rgb fill_rgb;         /* that fill's colour */
    int fill_pending;          /* 1 while fill_d waits for its stroke */
    unsigned icons;            /* bit k: icon k was placed */
    int in_defs;               /* 1 once <defs> is open */
};

/* After each element: the caller's flush decides when `out` is big enough
 * to be written out. */
static void svg_flush(jmap_svg *s)
{
    if (s->flush)
        s->flush(s->ctx);
}

static void put_rgb_attr(jmap_buf *b, const char *name, jmap_rgb c);

/* cr's current path, in device units (the page's layout units), as SVG
 * path data in s->d. cairo's trailing move-to after a close is left out. */
static void path_data(jmap_svg *s, cairo_t *cr)
{
    jmap_buf *d = &s->d;
    d->len = 0;
    jmap_buf_put(d, "", 0);
    cairo_save(cr);
    cairo_identity_matrix(cr);
    cairo_path_t *p = cairo_copy_path(cr);
    cairo_restore(cr);
    for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
        const cairo_path_data_t *e = &p->data[i];
        int n = 0;
        switch (e->header.type) {
        case CAIRO_PATH_MOVE_TO:
            if (i + e->header.length >= p->num_data)
                break;
            jmap_buf_putc(d, 'M');
            n = 1;
            break;
        case CAIRO_PATH_LINE_TO:
            jmap_buf_putc(d, 'L');
            n = 1;
            break;
        case CAIRO_PATH_CURVE_TO:
            jmap_buf_putc(d, 'C');
            n = 3;
            break;
        case CAIRO_PATH_CLOSE_PATH:
            jmap_buf_putc(d, 'Z');
            break;
        }
        for (int k = 1; k <= n; k++) {
            if (k > 1)
                jmap_buf_putc(d, ' ');
            put_num(d, e[k].point.x);
            jmap_buf_putc(d, ' ');
            put_num(d, e[k].point.y);
        }
    }
    cairo_path_destroy(p);
}

static jmap_rgb source_rgb(cairo_t *cr)
{
    double r = 0, g = 0, b = 0, a = 1;
    cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
    return (jmap_rgb){r, g, b};
}

/* One <path>: data d, filled with *fill (NULL: none), stroked as cr says
 * when `stroke`. */
static void put_path(jmap_svg *s, const jmap_buf *d, const jmap_rgb *fill,
                     cairo_t *cr, int stroke)
{
    jmap_buf *b = s->out;
    if (!d->len)
        return;
    jmap_buf_puts(b, "<path d=\"");
    jmap_buf_put(b, d->data, d->len);
    jmap_buf_putc(b, '"');
    if (fill)
        put_rgb_attr(b, "fill", *fill);
    else
        jmap_buf_puts(b, " fill=\"none\"");
    if (stroke) {
        put_rgb_attr(b, "stroke", source_rgb(cr));
        double w = cairo_get_line_width(cr);
        if (w != 1.0) {
            jmap_buf_puts(b, " stroke-width=\"");
            put_num(b, w);
            jmap_buf_putc(b, '"');
        }
        cairo_line_cap_t cap = cairo_get_line_cap(cr);
        if (cap != CAIRO_LINE_CAP_BUTT)
            jmap_buf_puts(b, cap == CAIRO_LINE_CAP_ROUND
                                 ? " stroke-linecap=\"round\""
                                 : " stroke-linecap=\"square\"");
        cairo_line_join_t join = cairo_get_line_join(cr);
        if (join != CAIRO_LINE_JOIN_MITER)
            jmap_buf_puts(b, join == CAIRO_LINE_JOIN_ROUND
                                 ? " stroke-linejoin=\"round\""
                                 : " stroke-linejoin=\"bevel\"");
        int n = cairo_get_dash_count(cr);
        if (n > 0) {
            double dashes[16], off;
            if (n > 16)
                n = 16;
            cairo_get_dash(cr, dashes, &off);
            jmap_buf_puts(b, " stroke-dasharray=\"");
            for (int i = 0; i < n; i++) {
                if (i)
                    jmap_buf_putc(b, ' ');
                put_num(b, dashes[i]);
            }
            jmap_buf_putc(b, '"');
            if (off != 0) {
                jmap_buf_puts(b, " stroke-dashoffset=\"");
                put_num(b, off);
                jmap_buf_putc(b, '"');
            }
        }
    }
    jmap_buf_puts(b, "/>\n");
    svg_flush(s);
}

/* A fill still waiting for its stroke is written alone. */
static void settle(jmap_svg *s)
{
    if (s->fill_pending) {
        s->fill_pending = 0;
        put_path(s, &s->fill_d, &s->fill_rgb, NULL, 0);
    }
}

void jmap_svg_fill(jmap_svg *s, cairo_t *cr)
{
    settle(s);
    path_data(s, cr);
    jmap_buf tmp = s->fill_d; /* swap: no copy */
    s->fill_d = s->d;
    s->d = tmp;
    s->fill_rgb = source_rgb(cr);
    s->fill_pending = 1;
}

void jmap_svg_stroke(jmap_svg *s, cairo_t *cr)
{
    path_data(s, cr);
    if (s->fill_pending && s->fill_d.len == s->d.len &&
        memcmp(s->fill_d.data, s->d.data, s->d.len) == 0) {
        s->fill_pending = 0;
        put_path(s, &s->d, &s->fill_rgb, cr, 1);
        return;
    }
    settle(s);
    put_path(s, &s->d, NULL, cr, 1);
}

void jmap_svg_use(jmap_svg *s, int icon, double x, double y)
{
    settle(s);
    if (icon >= 0 && icon < 32)
        s->icons |= 1u << icon;
    jmap_buf_printf(s->out, "<use xlink:href=\"#jmap-icon-%d\" x=\"", icon);
    put_num(s->out, x);
    jmap_buf_puts(s->out, "\" y=\"");
    put_num(s->out, y);
    jmap_buf_puts(s->out, "\"/>\n");
    svg_flush(s);
}

int jmap_svg_def_begin(jmap_svg *s, int icon)
{
    settle(s);
    if (icon < 0 || icon >= 32 || !(s->icons & (1u << icon)))
        return 0;
    if (!s->in_defs)
        jmap_buf_puts(s->out, "<defs>\n");
    s->in_defs = 1;
    jmap_buf_printf(s->out, "<g id=\"jmap-icon-%d\">\n", icon);
    return 1;
}

void jmap_svg_def_end(jmap_svg *s)
{
    settle(s);
    jmap_buf_puts(s->out, "</g>\n");
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
    text_style s[MAX_STYLES];
    int n;
} style_set;

static text_style style_of(const jmap_box *b)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(b->pl);
    text_style st = {(int)(JMAP_BODY_PT * PANGO_SCALE), PANGO_WEIGHT_NORMAL,
                     jmap_text_rgb(b->kind)};
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

static void svg_texts(jmap_svg *svg, const jmap_layout *L)
{
    jmap_buf *out = svg->out;
    style_set set = {.n = 0};
    for (size_t i = 0; i < L->n_boxes; i++)
        if (L->boxes[i].pl) {
            text_style st = style_of(&L->boxes[i]);
            style_index(&set, &st);
        }
    jmap_buf_puts(out, "<style>\n");
    for (int i = 0; i < set.n; i++) {
        jmap_buf_printf(out, ".t%d{", i);
        put_style_decls(out, &set.s[i]);
        jmap_buf_puts(out, "}\n");
    }
    jmap_buf_puts(out, "</style>\n");
    char attrs[160];
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (!b->pl)
            continue;
        text_style st = style_of(b);
        int k = style_index(&set, &st);
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
        const char *text = pango_layout_get_text(b->pl);
        if (b->cut) { /* the whole text, as a tooltip and for screen readers */
            jmap_buf_puts(out, "<g><title>");
            put_escaped(out, text, strlen(text));
            jmap_buf_puts(out, "</title>\n");
        }
        PangoLayoutIter *it = pango_layout_get_iter(b->pl);
        do
            put_line(out, text, it, b->x, b->y, attrs);
        while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        if (b->cut)
            jmap_buf_puts(out, "</g>\n");
        svg_flush(svg);
    }
}

/* ---- the document ---- */

int jmap_svg_write(const jmap_layout *L, const char *title, double w,
                   double h, double scale, double ox, double oy,
                   jmap_buf *out, void (*flush)(void *ctx), void *ctx)
{
    jmap_svg svg = {.out = out, .flush = flush, .ctx = ctx};
    jmap_buf_init(&svg.d);
    jmap_buf_init(&svg.fill_d);
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
    int status = jmap_layout_draw_svg(L, &svg);
    settle(&svg);
    if (svg.in_defs)
        jmap_buf_puts(out, "</defs>\n");
    jmap_buf_puts(out, "<g id=\"jmap-text\" xml:space=\"preserve\" "
                       "font-family=\"'DejaVu Sans', Verdana, sans-serif\">\n");
    svg_texts(&svg, L);
    jmap_buf_puts(out, "</g>\n</g>\n</svg>\n");
    jmap_buf_destroy(&svg.d);
    jmap_buf_destroy(&svg.fill_d);
    return status;
}
