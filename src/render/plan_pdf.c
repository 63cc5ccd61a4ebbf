/*
 * plan_pdf.c - the action report (src/core/plan.h) as a PDF of A4 portrait
 * pages, drawn with the maps' own stack: every text measured once by the
 * measurer of text.c (jmap's pinned font, 72 dpi, no hinting) and painted
 * with Pango on a cairo PDF surface.
 *
 * It walks the report's document (jmap_plan_build_doc), the same blocks
 * that the Markdown and HTML show: headings, paragraphs, lists, tables and
 * emotion curves. A table that does not fit goes on over the next pages,
 * its header row repeated at the top of each; a row, a heading with the
 * start of what follows it, and a curve are never split; a heat map of many
 * owners is drawn eight owners at a time beside the stages. The walk runs
 * twice: once without drawing to count the pages, then to draw them with
 * "page n/N" footers. The smallest text is 6.5 pt.
 *
 * The bytes go through jmap_outfile, so the file is written whole or not
 * at all.
 */
#include "layout.h"
#include "pdf_doc.h"
#include "plan.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define PAGE_W 595.276   /* A4 portrait, in points */
#define PAGE_H 841.890
#define MARGIN 42.0      /* on every side */
#define FOOTER_H 18.0    /* the band of the page number */
#define CELL_PAD 3.0     /* inside a table cell */
#define MAX_CELL_LINES 24 /* a longer cell text is ellipsized */
#define CURVE_H 64.0     /* an emotion plot, scale -2..2 */
#define CURVE_MAX_DX 24.0 /* the widest gap between two points */
#define GAP 6.0          /* between two blocks */
#define HEAT_COLUMNS 8   /* owners in one part of the heat map */

/* One pass of the walk. */
typedef struct pdf {
    const jmap_plan *p;  /* the report */
    jmap_measurer *m;    /* measures every text */
    cairo_t *cr;         /* NULL in the counting pass */
    double y;            /* where the next block starts */
    size_t page;         /* 1-based number of the current page */
    size_t n_pages;      /* the count found by the first pass (0 in it) */
} pdf;

static double content_w(void)
{
    return PAGE_W - 2 * MARGIN;
}

static double bottom(void)
{
    return PAGE_H - MARGIN - FOOTER_H;
}

/* The measured layout of `text`, wrapped to `width` (0: one line) on at
 * most MAX_CELL_LINES lines. */
static PangoLayout *measure(pdf *d, const char *text, jmap_font font, double width,
                            double *w, double *h)
{
    if (width < 0) /* a column narrower than its padding: wrap at each glyph */
        width = 1;
    return jmap_measurer_layout(d->m, text, font, width, width > 0 ? MAX_CELL_LINES : 0, 0,
                                NULL, w, h);
}

/* Draws `pl` with its top-left corner at (x, y), in grey level `grey`. */
static void show(pdf *d, PangoLayout *pl, double x, double y, double grey)
{
    if (!d->cr)
        return;
    cairo_save(d->cr);
    cairo_set_source_rgb(d->cr, grey, grey, grey);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, pl);
    cairo_restore(d->cr);
}

/* Draws `text` wrapped to `width` at (x, y); returns its height. */
static double text_block(pdf *d, const char *text, jmap_font font, double x, double y,
                         double width)
{
    double w, h;
    PangoLayout *pl = measure(d, text, font, width, &w, &h);
    show(d, pl, x, y, 0.1);
    g_object_unref(pl);
    return h;
}

static void footer(pdf *d)
{
    if (!d->cr)
        return;
    char *t = jmap_xasprintf("%s \xe2\x80\x94 %s %zu/%zu", jmap_label_text(d->p->lang, L_R_TITLE),
                             jmap_label_text(d->p->lang, L_PAGE), d->page, d->n_pages);
    double w, h;
    PangoLayout *pl = measure(d, t, JMAP_FONT_SMALL, 0, &w, &h);
    show(d, pl, PAGE_W - MARGIN - w, PAGE_H - MARGIN - h, 0.35);
    g_object_unref(pl);
    free(t);
}

static void new_page(pdf *d)
{
    footer(d);
    if (d->cr)
        cairo_show_page(d->cr);
    d->page++;
    d->y = MARGIN;
}

/* Starts a new page unless `h` more points fit on this one (a block taller
 * than a page starts one and runs over its end: only a cell of
 * MAX_CELL_LINES lines could). */
static void need(pdf *d, double h)
{
    if (d->y + h > bottom() && d->y > MARGIN)
        new_page(d);
}

static void rect(pdf *d, double x, double y, double w, double h, double r, double g, double b)
{
    if (!d->cr)
        return;
    cairo_set_source_rgb(d->cr, r, g, b);
    cairo_rectangle(d->cr, x, y, w, h);
    cairo_fill(d->cr);
}

static void line(pdf *d, double x0, double y0, double x1, double y1, double grey, double width)
{
    if (!d->cr)
        return;
    cairo_set_source_rgb(d->cr, grey, grey, grey);
    cairo_set_line_width(d->cr, width);
    cairo_move_to(d->cr, x0, y0);
    cairo_line_to(d->cr, x1, y1);
    cairo_stroke(d->cr);
}

/* ---- headings and text ---- */

static void heading(pdf *d, const char *text, jmap_font font, double before, double keep)
{
    double w, h;
    PangoLayout *pl = measure(d, text, font, content_w(), &w, &h);
    if (d->y > MARGIN)
        d->y += before;
    need(d, h + keep);
    show(d, pl, MARGIN, d->y, 0.05);
    g_object_unref(pl);
    d->y += h;
    if (font == JMAP_FONT_HEADING) {
        line(d, MARGIN, d->y + 1.5, PAGE_W - MARGIN, d->y + 1.5, 0.2, 1.0);
        d->y += 3;
    }
    d->y += GAP / 2;
}

static void paragraph(pdf *d, const char *text)
{
    double w, h;
    PangoLayout *pl = measure(d, text, JMAP_FONT_BODY, content_w(), &w, &h);
    need(d, h);
    show(d, pl, MARGIN, d->y, 0.15);
    g_object_unref(pl);
    d->y += h + GAP;
}

static void list(pdf *d, const jmap_plan_block *k)
{
    for (size_t r = 0; r < k->n_rows; r++) {
        double w, h;
        PangoLayout *pl = measure(d, k->cells[r].text, JMAP_FONT_BODY, content_w() - 10, &w, &h);
        need(d, h + 1);
        text_block(d, "\xe2\x80\xa2", JMAP_FONT_BODY, MARGIN + 1, d->y, 0);
        show(d, pl, MARGIN + 10, d->y, 0.1);
        g_object_unref(pl);
        d->y += h + 1;
    }
    d->y += GAP;
}

/* ---- tables ---- */

/* The shade of a heat cell, as the HTML's: near white to dark red. */
static void heat_rgb(double share, double rgb[3])
{
    static const double light[3] = {0xfd, 0xf3, 0xee}, deep[3] = {0x7a, 0x0c, 0x12};
    share = fmax(0, fmin(1, share));
    for (int i = 0; i < 3; i++)
        rgb[i] = (light[i] + (deep[i] - light[i]) * share) / 255.0;
}

/* The columns' x and widths: the relative widths scaled to the page. */
static void column_widths(const jmap_plan_block *k, double *x, double *w)
{
    double sum = 0;
    for (size_t c = 0; c < k->n_cols; c++)
        sum += k->widths[c];
    double at = MARGIN;
    for (size_t c = 0; c < k->n_cols; c++) {
        w[c] = content_w() * k->widths[c] / sum;
        x[c] = at;
        at += w[c];
    }
}

/* The font of a cell. */
static jmap_font cell_font(const jmap_plan_cell *c, int head)
{
    return head || c->warn || c->heat > 0 ? JMAP_FONT_SMALL_BOLD : JMAP_FONT_SMALL;
}

/* The height of a row of cells. */
static double row_height(pdf *d, const jmap_plan_cell *cells, size_t n, const double *w,
                         int head)
{
    double tallest = 0;
    for (size_t c = 0; c < n; c++) {
        double cw, ch;
        PangoLayout *pl = measure(d, cells[c].text, cell_font(&cells[c], head),
                                  w[c] - 2 * CELL_PAD, &cw, &ch);
        g_object_unref(pl);
        tallest = fmax(tallest, ch);
    }
    return tallest + 2 * CELL_PAD;
}

/* Draws a row at d->y of height `h`. */
static void draw_row(pdf *d, const jmap_plan_cell *cells, size_t n, const double *x,
                     const double *w, double h, int head)
{
    if (head)
        rect(d, MARGIN, d->y, content_w(), h, 0.88, 0.88, 0.88);
    for (size_t c = 0; c < n; c++) {
        const jmap_plan_cell *cell = &cells[c];
        double grey = 0.1;
        if (!head && cell->heat >= 0 && cell->text[0]) {
            double rgb[3];
            heat_rgb(cell->heat, rgb);
            rect(d, x[c], d->y, w[c], h, rgb[0], rgb[1], rgb[2]);
            grey = cell->heat > 0.5 ? 1.0 : 0.1;
        }
        double tw, th;
        PangoLayout *pl = measure(d, cell->text, cell_font(cell, head), w[c] - 2 * CELL_PAD,
                                  &tw, &th);
        double tx = x[c] + CELL_PAD;
        if (cell->number && !head) { /* right-aligned: its natural width */
            g_object_unref(pl);
            pl = measure(d, cell->text, cell_font(cell, head), 0, &tw, &th);
            if (tw <= w[c] - 2 * CELL_PAD)
                tx = x[c] + w[c] - CELL_PAD - tw;
        }
        show(d, pl, tx, d->y + CELL_PAD, cell->warn ? 0.0 : grey);
        g_object_unref(pl);
    }
    if (d->cr) { /* the rules of a row as one path: one operation for cairo */
        cairo_set_source_rgb(d->cr, 0.7, 0.7, 0.7);
        cairo_set_line_width(d->cr, 0.4);
        cairo_move_to(d->cr, MARGIN, d->y + h);
        cairo_line_to(d->cr, PAGE_W - MARGIN, d->y + h);
        for (size_t c = 1; c < n; c++) {
            cairo_move_to(d->cr, x[c], d->y);
            cairo_line_to(d->cr, x[c], d->y + h);
        }
        cairo_stroke(d->cr);
    }
    d->y += h;
}

static void table(pdf *d, const jmap_plan_block *k)
{
    double *x = jmap_xcalloc(k->n_cols, sizeof *x), *w = jmap_xcalloc(k->n_cols, sizeof *w);
    column_widths(k, x, w);
    double head_h = row_height(d, k->head, k->n_cols, w, 1);
    double first = k->n_rows ? row_height(d, k->cells, k->n_cols, w, 0) : 0;
    need(d, head_h + first);
    draw_row(d, k->head, k->n_cols, x, w, head_h, 1);
    for (size_t r = 0; r < k->n_rows; r++) {
        const jmap_plan_cell *row = &k->cells[r * k->n_cols];
        double h = row_height(d, row, k->n_cols, w, 0);
        if (d->y + h > bottom()) { /* go on over the page, header first */
            new_page(d);
            draw_row(d, k->head, k->n_cols, x, w, head_h, 1);
        }
        draw_row(d, row, k->n_cols, x, w, h, 0);
    }
    d->y += GAP * 2;
    free(x);
    free(w);
}

/* Columns 0 and first..end-1 of `k`, as a table of their own. */
static void table_part(pdf *d, const jmap_plan_block *k, size_t first, size_t end)
{
    size_t n = 1 + end - first;
    jmap_plan_block part = *k;
    jmap_plan_cell *head = jmap_xcalloc(n, sizeof *head);
    jmap_plan_cell *cells = jmap_xcalloc(n * (k->n_rows + 1), sizeof *cells);
    double *widths = jmap_xcalloc(n, sizeof *widths);
    for (size_t c = 0; c < n; c++) {
        size_t from = c ? first + c - 1 : 0;
        head[c] = k->head[from];
        widths[c] = k->widths[from];
        for (size_t r = 0; r < k->n_rows; r++)
            cells[r * n + c] = k->cells[r * k->n_cols + from];
    }
    part.n_cols = n;
    part.head = head;
    part.cells = cells;
    part.widths = widths;
    table(d, &part);
    free(head);
    free(cells);
    free(widths);
}

/* The heat map, HEAT_COLUMNS owners at a time beside the stages, so that
 * the owners' names stay readable however many there are. */
static void heat_table(pdf *d, const jmap_plan_block *k)
{
    for (size_t first = 1; first < k->n_cols; first += HEAT_COLUMNS) {
        size_t end = first + HEAT_COLUMNS < k->n_cols ? first + HEAT_COLUMNS : k->n_cols;
        table_part(d, k, first, end);
    }
}

/* ---- emotion curves ---- */

static void curve(pdf *d, const jmap_plan_block *k)
{
    const jmap_plan_curve *c = k->curve;
    double cw, ch;
    PangoLayout *cap = measure(d, k->text, JMAP_FONT_BODY_BOLD, content_w(), &cw, &ch);
    need(d, ch + CURVE_H + 12);
    show(d, cap, MARGIN, d->y, 0.1);
    g_object_unref(cap);
    d->y += ch + 4;
    double left = MARGIN + 18, top = d->y + 4, row = CURVE_H / 4;
    double dx = c->n > 1 ? fmin(CURVE_MAX_DX, (PAGE_W - MARGIN - left - 4) / (double)(c->n - 1))
                         : 0;
    for (int v = 2; v >= -2; v--) {
        double y = top + (2 - v) * row;
        char num[8];
        snprintf(num, sizeof num, "%+d", v);
        double tw, th;
        PangoLayout *pl = measure(d, v ? num : "0", JMAP_FONT_SMALL, 0, &tw, &th);
        show(d, pl, left - 6 - tw, y - th / 2, 0.35);
        g_object_unref(pl);
        line(d, left - 3, y, PAGE_W - MARGIN, y, v ? 0.85 : 0.55, 0.5);
    }
    if (d->cr && c->n) {
        cairo_set_source_rgb(d->cr, 0.2, 0.2, 0.2);
        cairo_set_line_width(d->cr, 1.2);
        for (size_t i = 0; i < c->n; i++) {
            double px = left + dx * (double)i, py = top + (2 - c->values[i]) * row;
            if (i)
                cairo_line_to(d->cr, px, py);
            else
                cairo_move_to(d->cr, px, py);
        }
        cairo_stroke(d->cr);
        for (size_t i = 0; i < c->n; i++) {
            int low = c->values[i] == c->lowest;
            double px = left + dx * (double)i, py = top + (2 - c->values[i]) * row;
            cairo_arc(d->cr, px, py, low ? 3.5 : 2.0, 0, 2 * G_PI);
            if (low)
                cairo_set_source_rgb(d->cr, 0x7a / 255.0, 0x0c / 255.0, 0x12 / 255.0);
            else
                cairo_set_source_rgb(d->cr, 0.2, 0.2, 0.2);
            cairo_fill(d->cr);
        }
    }
    d->y = top + CURVE_H + 12;
}

/* ---- the walk ---- */

static void walk(pdf *d)
{
    const jmap_plan *p = d->p;
    d->page = 1;
    d->y = MARGIN;
    for (size_t i = 0; i < p->n_blocks; i++) {
        const jmap_plan_block *k = &p->blocks[i];
        switch (k->kind) {
        case JMAP_PB_TITLE:
            d->y += text_block(d, k->text, JMAP_FONT_TITLE, MARGIN, d->y, content_w()) + GAP;
            break;
        case JMAP_PB_SECTION:
            heading(d, k->text, JMAP_FONT_HEADING, 10, 60);
            break;
        case JMAP_PB_SUBSECTION:
            heading(d, k->text, JMAP_FONT_BODY_BOLD, 4, 40);
            break;
        case JMAP_PB_TEXT:
            paragraph(d, k->text);
            break;
        case JMAP_PB_TABLE:
            if (k->n_cols > 1 + HEAT_COLUMNS && k->n_rows && k->cells[1].heat >= 0)
                heat_table(d, k);
            else
                table(d, k);
            break;
        case JMAP_PB_LIST:
            list(d, k);
            break;
        case JMAP_PB_CURVE:
            curve(d, k);
            break;
        }
    }
    footer(d);
}

/* ---- the file ---- */

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
                                                : CAIRO_STATUS_WRITE_ERROR;
}

static void metadata(cairo_surface_t *s, const jmap_plan *p)
{
    char *title = jmap_pdf_string(p->n_blocks ? p->blocks[0].text : "");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    free(title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
                                   jmap_label_text(p->lang, L_R_TITLE));
    char *creator = jmap_xasprintf("jmap %s", jmap_version());
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
    free(creator);
}

/* Draws the report on `fp`. Returns 0 or JMAP_ERR_IO with `why`. */
static int draw_pdf(jmap_plan *p, jmap_measurer *m, FILE *fp, char *why, size_t why_len)
{
    pdf count = {p, m, NULL, 0, 0, 0};
    walk(&count);
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_file, fp, PAGE_W, PAGE_H);
    int status = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
    if (!status) {
        metadata(s, p);
        cairo_t *cr = cairo_create(s);
        pdf draw = {p, m, cr, 0, 0, count.page};
        walk(&draw);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        status = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
    }
    if (status)
        snprintf(why, why_len, "cannot draw the PDF: %s",
                 cairo_status_to_string(cairo_surface_status(s)));
    cairo_surface_destroy(s);
    return status ? JMAP_ERR_IO : 0;
}

int jmap_plan_render_file(const jmap_plan_map *maps, size_t n, const char *out_path,
                          char *why, size_t why_len)
{
    if (!n) {
        snprintf(why, why_len, "no map to report on");
        return JMAP_ERR_USAGE;
    }
    jmap_measurer *m = jmap_measurer_new();
    int r = jmap_measurer_check(m, why, why_len);
    jmap_outfile f;
    if (r == 0)
        r = jmap_outfile_open(&f, out_path, why, why_len);
    if (r == 0) {
        jmap_plan *p = jmap_plan_new(maps, n);
        jmap_plan_build_doc(p);
        r = draw_pdf(p, m, f.fp, why, why_len);
        jmap_plan_free(p);
        int c = jmap_outfile_close(&f, r == 0, r == 0 ? why : NULL, r == 0 ? why_len : 0);
        if (r == 0)
            r = c;
    }
    jmap_measurer_free(m);
    return r;
}
