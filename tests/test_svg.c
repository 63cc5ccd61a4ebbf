/*
 * test_svg.c - jmap's own SVG writer (svg.c) against cairo's drawing of the
 * same layout.
 *
 * - Shapes: the layout is drawn without its texts by cairo into an image,
 *   and written as SVG that librsvg (rsvg-convert) rasterizes at the same
 *   size; the two images must agree tile by tile, so a missing, moved or
 *   recoloured shape, border, dash or icon fails.
 * - Texts: every text box's lines, read back from the SVG in reading order,
 *   are its whole text (no "…": no text is cut), and the full SVG, texts
 *   included, drawn by librsvg matches jmap's own PNG: a text at the wrong
 *   place fails.
 * - Bidi: a right-to-left line is marked as such.
 * - The SVG is the same bytes each time.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paint_cairo.h"
#include "paint_svg.h"
#include "painter.h"

#define SCALE 2.0 /* pixels per layout unit in the comparisons */

typedef struct rendered {
    char *data;             /* the map file */
    jmap_journey *journey;
    jmap_measurer *m;
    jmap_layout *L;
} rendered;

/* Loads and lays out the map r->data[0..len), which must have no error. */
static void lay_out_data(rendered *r, size_t len)
{
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    r->journey = jmap_journey_load(r->data, len, &diags);
    assert_non_null(r->journey);
    assert_int_equal(diags.errors, 0);
    r->m = jmap_measurer_new();
    r->L = jmap_layout_new(r->journey, r->m, NULL);
    assert_non_null(r->L);
    jmap_diag_list_destroy(&diags);
}

/* The map at `rel` in the source tree. */
static void lay_out(rendered *r, const char *rel)
{
    char path[1024], why[256];
    size_t len;
    snprintf(path, sizeof path, "%s/%s", JMAP_SOURCE_DIR, rel);
    assert_int_equal(jmap_file_read(path, &r->data, &len, why, sizeof why), 0);
    lay_out_data(r, len);
}

/* The map written in `yaml`. */
static void lay_out_text(rendered *r, const char *yaml)
{
    r->data = jmap_xstrdup(yaml);
    lay_out_data(r, strlen(yaml));
}

static void drop(rendered *r)
{
    jmap_layout_free(r->L);
    jmap_measurer_free(r->m);
    jmap_journey_free(r->journey);
    free(r->data);
}

static char *svg_of(const jmap_layout *L)
{
    jmap_buf b;
    jmap_buf_init(&b);
    const char *title = L->journey->title.str ? L->journey->title.str : "";
    assert_int_equal(jmap_svg_write(L, title, ceil(L->width), ceil(L->height),
                                    1.0, 0, 0, &b, NULL, NULL),
                     0);
    return jmap_buf_take(&b);
}

/* librsvg's drawing of `svg` at w x h pixels, or NULL when rsvg-convert is
 * missing (the test then fails: ./setup.sh test installs it). */
static cairo_surface_t *rasterize(const char *svg, int w, int h)
{
    char in[] = "/tmp/jmap-svg-XXXXXX";
    int fd = mkstemp(in);
    assert_true(fd >= 0);
    size_t n = strlen(svg);
    assert_int_equal(write(fd, svg, n), (ssize_t)n);
    close(fd);
    char out[64], cmd[256];
    snprintf(out, sizeof out, "%s.png", in);
    snprintf(cmd, sizeof cmd, "rsvg-convert -w %d -h %d -o %s %s", w, h, out,
             in);
    int rc = system(cmd);
    unlink(in);
    if (rc != 0) {
        unlink(out);
        fail_msg("rsvg-convert failed (%d): is librsvg2-bin installed?", rc);
    }
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    unlink(out);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    return s;
}

/* cairo's drawing of the layout at SCALE, on white. */
static cairo_surface_t *paint(const jmap_layout *L, int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, (double)w / ceil(L->width), (double)h / ceil(L->height));
    jmap_layout_draw(L, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

typedef struct difference {
    double worst_tile;  /* largest mean channel difference of a tile */
    int wx, wy;         /* where it is */
    double big_share;   /* share of pixels more than 128 apart */
} difference;

#define TILE 8

static difference compare(cairo_surface_t *a, cairo_surface_t *b)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    assert_int_equal(cairo_image_surface_get_width(b), w);
    assert_int_equal(cairo_image_surface_get_height(b), h);
    cairo_surface_flush(b);
    const unsigned char *pa = cairo_image_surface_get_data(a);
    const unsigned char *pb = cairo_image_surface_get_data(b);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    difference d = {0, 0, 0, 0};
    long big = 0;
    for (int ty = 0; ty < h; ty += TILE)
        for (int tx = 0; tx < w; tx += TILE) {
            double sum = 0;
            int n = 0;
            for (int y = ty; y < ty + TILE && y < h; y++)
                for (int x = tx; x < tx + TILE && x < w; x++) {
                    /* ARGB32 from PNG is premultiplied: rsvg's is opaque */
                    const unsigned char *p = pa + y * sa + 4 * x;
                    const unsigned char *q = pb + y * sb + 4 * x;
                    int m = 0;
                    for (int c = 0; c < 3; c++) {
                        int v = abs((int)p[c] - (int)q[c]);
                        m = v > m ? v : m;
                    }
                    sum += m;
                    n++;
                    big += m > 128;
                }
            if (sum / n > d.worst_tile) {
                d.worst_tile = sum / n;
                d.wx = tx;
                d.wy = ty;
            }
        }
    d.big_share = (double)big / ((double)w * h);
    return d;
}

/* Draws a layout's shapes both ways; its texts are set aside meanwhile. */
static void shapes_agree(const char *rel)
{
    rendered r;
    lay_out(&r, rel);
    PangoLayout **saved = calloc(r.L->n_boxes, sizeof *saved);
    for (size_t i = 0; i < r.L->n_boxes; i++) {
        saved[i] = r.L->boxes[i].pl;
        r.L->boxes[i].pl = NULL;
    }
    int w = (int)(ceil(r.L->width) * SCALE), h = (int)(ceil(r.L->height) * SCALE);
    cairo_surface_t *mine = paint(r.L, w, h);
    char *svg = svg_of(r.L);
    assert_null(strstr(svg, "<text"));
    cairo_surface_t *theirs = rasterize(svg, w, h);
    difference d = compare(mine, theirs);
    /* measured on the shipped maps: worst tile 3.1 to 5.2 (antialiasing
     * of curves), no pixel far apart; a missing dash pattern, stroke
     * width or card band: 16 to 75 */
    if (d.worst_tile > 10 || d.big_share > 0.0001)
        fail_msg("%s: shapes differ: tile mean %.1f at (%d, %d) px, "
                 "%.4f%% of pixels far apart",
                 rel, d.worst_tile, d.wx, d.wy, 100 * d.big_share);
    for (size_t i = 0; i < r.L->n_boxes; i++)
        r.L->boxes[i].pl = saved[i];
    free(saved);
    free(svg);
    cairo_surface_destroy(mine);
    cairo_surface_destroy(theirs);
    drop(&r);
}

static void shapes_match_cairo(void **state)
{
    (void)state;
    static const char *maps[] = {
        "maps/shoes.yaml",          "maps/running-shoes.yaml",
        "maps/boutique.yaml",       "tests/layout/branches.yaml",
        "tests/layout/personas.yaml", "tests/layout/long-texts.yaml",
    };
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        shapes_agree(maps[i]);
}

static void texts_match_cairo(void **state)
{
    (void)state;
    static const char *maps[] = {"maps/shoes.yaml", "maps/boutique.yaml",
                                 "tests/layout/long-texts.yaml"};
    for (size_t k = 0; k < sizeof maps / sizeof maps[0]; k++) {
        rendered r;
        lay_out(&r, maps[k]);
        int w = (int)(ceil(r.L->width) * SCALE), h = (int)(ceil(r.L->height) * SCALE);
        cairo_surface_t *mine = paint(r.L, w, h);
        char *svg = svg_of(r.L);
        cairo_surface_t *theirs = rasterize(svg, w, h);
        difference d = compare(mine, theirs);
        /* measured: 0.005% to 0.016% of pixels far apart (glyph edges a
         * fraction of a pixel apart); every text one point lower: 0.79% */
        if (d.big_share > 0.001)
            fail_msg("%s: texts differ: %.4f%% of pixels far apart, worst "
                     "tile at (%d, %d) px",
                     maps[k], 100 * d.big_share, d.wx, d.wy);
        free(svg);
        cairo_surface_destroy(mine);
        cairo_surface_destroy(theirs);
        drop(&r);
    }
}

/* The characters of s without its white space, XML entities decoded when
 * `xml`. */
static void squeeze(jmap_buf *out, const char *s, size_t n, int xml)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (xml && c == '&') {
            static const struct { const char *ent; char c; } ents[] = {
                {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}};
            for (size_t e = 0; e < 3; e++) {
                size_t len = strlen(ents[e].ent);
                if (i + len <= n && memcmp(s + i, ents[e].ent, len) == 0) {
                    c = ents[e].c;
                    i += len - 1;
                    break;
                }
            }
        }
        jmap_buf_putc(out, c);
    }
}

/* The order in which drawing shows the texts: the reading order. */
typedef struct text_order {
    PangoLayout **pl; /* the texts shown, in order */
    size_t n;         /* how many */
} text_order;

static void to_shape(void *ctx, const jmap_shape *s, jmap_rgb rgb)
{
    (void)ctx, (void)s, (void)rgb;
}

static void to_stroke(void *ctx, const jmap_shape *s, const jmap_pen *pen)
{
    (void)ctx, (void)s, (void)pen;
}

static void to_fill_stroke(void *ctx, const jmap_shape *s, jmap_rgb rgb,
                           const jmap_pen *pen)
{
    (void)ctx, (void)s, (void)rgb, (void)pen;
}

static void to_icon(void *ctx, jmap_icon icon, double x, double y,
                    jmap_icon_art art)
{
    (void)ctx, (void)icon, (void)x, (void)y, (void)art;
}

static void to_text(void *ctx, PangoLayout *pl, double x, double y,
                    jmap_rgb rgb)
{
    (void)x, (void)y, (void)rgb;
    text_order *o = ctx;
    o->pl = jmap_xrealloc(o->pl, o->n + 1, sizeof *o->pl);
    o->pl[o->n++] = pl;
}

/* The text boxes of L in the order drawing shows them; the caller frees
 * the result, of L->n_boxes entries (fewer texts end with NULL). */
static const jmap_box **texts_in_order(const jmap_layout *L)
{
    static const jmap_painter p = {.fill = to_shape, .stroke = to_stroke,
                                   .fill_stroke = to_fill_stroke,
                                   .text = to_text, .icon = to_icon};
    text_order o = {NULL, 0};
    jmap_layout_paint(L, &p, &o);
    const jmap_box **boxes = jmap_xcalloc(L->n_boxes + 1, sizeof *boxes);
    for (size_t k = 0; k < o.n; k++)
        for (size_t i = 0; i < L->n_boxes; i++)
            if (L->boxes[i].pl == o.pl[k])
                boxes[k] = &L->boxes[i];
    free(o.pl);
    return boxes;
}

static void lines_are_the_text(void **state)
{
    (void)state;
    static const char *maps[] = {"maps/shoes.yaml", "maps/boutique.yaml",
                                 "tests/layout/long-texts.yaml",
                                 "tests/layout/markup.yaml"};
    for (size_t k = 0; k < sizeof maps / sizeof maps[0]; k++) {
        rendered r;
        lay_out(&r, maps[k]);
        char *svg = svg_of(r.L);
        /* every <text> of the SVG, in order, without white space */
        jmap_buf got, want;
        jmap_buf_init(&got);
        jmap_buf_init(&want);
        for (const char *p = strstr(svg, "<text "); p; p = strstr(p, "<text ")) {
            const char *open = strchr(p, '>') + 1, *close = strstr(open, "</text>");
            assert_non_null(close);
            squeeze(&got, open, (size_t)(close - open), 1);
            p = close;
        }
        /* every text box's text, whole, in the order drawing shows them */
        const jmap_box **order = texts_in_order(r.L);
        for (size_t i = 0; i < r.L->n_boxes && order[i]; i++) {
            const char *text = pango_layout_get_text(order[i]->pl);
            squeeze(&want, text, strlen(text), 0);
        }
        if (strcmp(got.data ? got.data : "", want.data ? want.data : "") != 0)
            fail_msg("%s: the SVG's text differs from the map's:\n%s\n%s",
                     maps[k], got.data, want.data);
        /* no text is cut: no ellipsis, and no title but the document's
         * keeps a whole text */
        assert_null(strstr(got.data, "\xe2\x80\xa6"));
        const char *title = strstr(svg, "<title>");
        assert_non_null(title);
        assert_null(strstr(title + 1, "<title>"));
        free(order);
        jmap_buf_destroy(&got);
        jmap_buf_destroy(&want);
        free(svg);
        drop(&r);
    }
}

static void right_to_left_lines(void **state)
{
    (void)state;
    static const char map[] =
        "jmap: 1\n"
        "title: \"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d\"\n"
        "stages:\n"
        "  - id: a\n"
        "    name: A\n"
        "    steps:\n"
        "      - name: Left to right\n";
    rendered r;
    lay_out_text(&r, map);
    char *svg = svg_of(r.L);
    /* the Hebrew title is one right-to-left line, the step name is not */
    const char *texts = strstr(svg, "id=\"jmap-text\""); /* past <title> */
    assert_non_null(texts);
    const char *title = strstr(texts, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
    assert_non_null(title);
    const char *tag = title;
    while (tag > svg && strncmp(tag, "<text ", 6) != 0)
        tag--;
    assert_true(strncmp(tag, "<text ", 6) == 0);
    const char *rtl = strstr(tag, "direction=\"rtl\"");
    assert_true(rtl && rtl < title);
    const char *ltr = strstr(svg, ">Left to right</text>");
    assert_non_null(ltr);
    while (ltr > svg && strncmp(ltr, "<text ", 6) != 0)
        ltr--;
    const char *end = strchr(ltr, '>');
    rtl = strstr(ltr, "direction=");
    assert_true(!rtl || rtl > end);
    free(svg);
    drop(&r);
}

/* What XML 1.0 forbids never reaches the SVG, whatever YAML's escapes
 * write: control characters become spaces, U+FFFE and U+FFFF U+FFFD. */
static void only_xml_characters(void **state)
{
    (void)state;
    static const char map[] =
        "jmap: 1\n"
        "title: \"a\\uFFFEb\\uFFFFc\\x01d\\x1fe\"\n"
        "stages:\n"
        "  - id: s\n"
        "    name: \"x\\uFFFEy\"\n"
        "    steps:\n"
        "      - name: \"n\\uFFFFm \\uFFFD ok\"\n";
    rendered r;
    lay_out_text(&r, map);
    char *svg = svg_of(r.L);
    assert_null(strstr(svg, "\xef\xbf\xbe"));
    assert_null(strstr(svg, "\xef\xbf\xbf"));
    for (const char *p = svg; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n')
            fail_msg("control character %d in the SVG", *p);
    assert_non_null(strstr(svg, "<title>a\xef\xbf\xbd" "b\xef\xbf\xbd" "c d e</title>"));
    assert_non_null(strstr(svg, "x\xef\xbf\xbd" "y</text>"));
    assert_non_null(strstr(svg, "n\xef\xbf\xbd" "m \xef\xbf\xbd ok</text>"));
    free(svg);
    drop(&r);
}

static void same_bytes_each_time(void **state)
{
    (void)state;
    rendered r;
    lay_out(&r, "maps/running-shoes.yaml");
    char *a = svg_of(r.L), *b = svg_of(r.L);
    assert_string_equal(a, b);
    /* every icon placed is defined once */
    for (const char *p = strstr(a, "xlink:href=\"#"); p;
         p = strstr(p + 1, "xlink:href=\"#")) {
        char id[64];
        size_t n = strcspn(p + 13, "\"");
        assert_true(n < 40);
        snprintf(id, sizeof id, "id=\"%.*s\"", (int)n, p + 13);
        const char *def = strstr(a, id);
        assert_non_null(def);
        assert_null(strstr(def + 1, id));
    }
    free(a);
    free(b);
    drop(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shapes_match_cairo),
        cmocka_unit_test(texts_match_cairo),
        cmocka_unit_test(lines_are_the_text),
        cmocka_unit_test(right_to_left_lines),
        cmocka_unit_test(only_xml_characters),
        cmocka_unit_test(same_bytes_each_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
