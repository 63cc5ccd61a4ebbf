/*
 * output.c - from a layout to a file: PDF, SVG, PNG or the layout dump.
 *
 * jmap_render_file() measures and lays out the map once, plans its pages
 * (one page sized to the map, or a paper size: scaled to fit, and split at
 * stage boundaries when fitting would make the body text smaller than
 * JMAP_MIN_PRINT_PT), paints each page with draw.c on the format's cairo
 * surface (a table of formats; an SVG is written by paint_svg.c), checks the
 * surface status after creation and after finishing, and hands the bytes
 * to a sink, which writes them through the writer every command shares
 * (jmap_outfile): whole or not at all to a regular file, in place to
 * standard output, a device or a pipe. An SVG, the largest format, goes
 * out as paint_svg.c writes it; the others are gathered first.
 */
#define _POSIX_C_SOURCE 200809L
#include "diffmarks.h"
#include "formats.h"
#include "layout.h"
#include "paint_cairo.h"
#include "paint_svg.h"
#include "words.h"
#include "pdf_doc.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCALE 1.5     /* a small map is enlarged at most this much */
#define MAX_POSTER_SCALE 6.0 /* ... and on a poster, this much */

/* A planned document: the layouts of its pages and how they sit. */
typedef struct plan {
    jmap_layout **pages; /* one layout per page */
    size_t n;            /* number of pages */
    double page_w, page_h; /* paper size in points; 0 for auto pages */
    double scale;        /* layout units to points */
    double margin;       /* a printed page's margin, in points */
} plan;

/* What a format's writer gets. */
typedef struct job {
    const jmap_journey *journey;     /* the map */
    const jmap_render_options *opts; /* the options */
    jmap_measurer *m;                /* this render's text measurer */
    jmap_layout *full;               /* the whole map on one page */
    jmap_layout *grid;               /* a printed map's grid, or NULL */
    jmap_diag_list *diags;           /* where findings go, or NULL */
    jmap_tile_spec tiles;            /* a tiled poster's tiles */
    int flags;                       /* the layout's: JMAP_LAYOUT_BLANK */
    jmap_journey *blank;             /* a blank sheet's journey, or NULL */
    jmap_journey *persona;           /* one persona's journey, or NULL */
    jmap_diffmarks *marks;           /* the changes drawn on it (--diff),
                                        or NULL */
    double tile_lo, tile_hi;         /* the text sizes of a poster's own
                                        sheets: assembly, tile names */
    plan plan;                       /* the pages */
    char *why;                       /* where a failure is explained */
    size_t why_len;                  /* its size */
} job;

/* Where a render's bytes go. They gather in `buf`; a streamed output's
 * move on to the output (jmap_outfile: a temporary file beside a regular
 * file, or standard output, a device or a pipe in place) whenever
 * SINK_CHUNK of them have gathered, the others' when the render has
 * succeeded (sink_close). So a PDF or PNG opens nothing before it is
 * whole, and a render that fails leaves the old file as it was. */
typedef struct sink {
    const char *path; /* the destination as given; "-": standard output */
    jmap_buf buf;     /* bytes not yet written */
    int stream;       /* 1: write `buf` out as it fills */
    jmap_outfile out; /* the output, once opened (out.fp NULL before) */
    int failed;       /* 1 once opening or writing failed: see why */
    char why[512];    /* the reason of the failure */
} sink;

#define SINK_CHUNK 65536 /* bytes a streamed output gathers between writes */

static void sink_put(sink *s, const char *data, size_t n);
static void sink_spill(sink *s);

typedef int (*write_fn)(job *jb, sink *out);

static int write_pdf(job *jb, sink *out);
static int write_svg(job *jb, sink *out);
static int write_png(job *jb, sink *out);
static int write_layout(job *jb, sink *out);

/* How each output format is made (names and default pages: formats.c). */
static const struct {
    int paged;         /* 1 when a document can hold several pages */
    int streamed;      /* 1: written to the file while being made */
    write_fn write;    /* makes the bytes */
} formats[] = {
    [JMAP_FORMAT_PDF] = {1, 0, write_pdf},
    [JMAP_FORMAT_SVG] = {0, 1, write_svg},
    [JMAP_FORMAT_PNG] = {0, 0, write_png},
    [JMAP_FORMAT_LAYOUT] = {1, 0, write_layout},
};

static int fail(job *jb, int status, const char *msg)
{
    snprintf(jb->why, jb->why_len, "%s", msg);
    return status;
}

/* ---- page planning ---- */

static void plan_add(plan *p, jmap_layout *L)
{
    p->pages = jmap_xrealloc(p->pages, p->n + 1, sizeof *p->pages);
    p->pages[p->n++] = L;
}

static void plan_destroy(plan *p, const jmap_layout *full)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->pages[i] != full)
            jmap_layout_free(p->pages[i]);
    free(p->pages);
    memset(p, 0, sizeof *p);
}

/* ---- the grid planner: a printed map on pages of paper ---- */

/* The printable area: the paper less this margin on every side (10 mm). */
#define PRINT_MARGIN 28.35
#define SEARCH_STEPS 14   /* halvings when looking for the largest scale or
                             the most even cut: 1/16384 of the range */
#define STAGE_CUT_FILL 0.75 /* a page may end at a stage's end when it is
                               at least this full */
#define GLYPH_SLACK 2.0   /* points kept free under the last line: a
                             glyph's descender reaches under its line */
#define HEADER_ROOM 0.5   /* the share of a page the lanes keep at least:
                             with less, the title block is shortened */

/* How a printed map is cut: where its pages end across and down. */
typedef struct cuts {
    size_t *col_end; /* col_end[c]: one past the last step of column c */
    size_t nx;
    double *row_end; /* row_end[r]: the grid y where row r ends */
    size_t ny;
} cuts;

/* A paper and the grid being put on it. */
typedef struct sheet {
    jmap_layout *grid;  /* every lane, no title block */
    jmap_measurer *m;
    double pw, ph;      /* the paper, in points */
    double margin;      /* its unprintable margin */
    double *rows;       /* grid y where a page may end, rising; the last
                           is the grid's end */
    size_t n_rows;
    jmap_header_sizes *hs; /* the pages' title block */
} sheet;

/* The page's width and height in layout units at scale s: the printable
 * area, plus the layout's own margins that fall outside it. */
static void page_units(const sheet *sh, double s, double *w, double *h)
{
    double lm = 2 * JMAP_LAYOUT_MARGIN;
    *w = (sh->pw - 2 * sh->margin) / s + lm;
    *h = (sh->ph - 2 * sh->margin - GLYPH_SLACK) / s + lm;
}

/* The pages across needed for steps [from, n) when each holds at most
 * `avail` of them. */
static size_t count_cols(const jmap_layout *g, size_t from, size_t n,
                         double avail)
{
    size_t k = 0;
    for (size_t first = from; first < n; k++) {
        size_t end = first + 1;
        while (end < n && jmap_grid_span(g, first, end + 1) <= avail)
            end++;
        first = end;
    }
    return k;
}

/* The same down: rows of at most `avail` of lanes, from cut `i` of
 * sh->rows on, the first starting at `top`; their ends go to `ends` (may
 * be NULL). */
static size_t rows_from(const sheet *sh, size_t i, double top, double avail,
                        double *ends)
{
    size_t k = 0;
    while (i < sh->n_rows) {
        size_t best = i;
        while (best + 1 < sh->n_rows && sh->rows[best + 1] - top <= avail)
            best++;
        if (sh->rows[best] - top > avail && best > i)
            best--;
        if (sh->rows[best] <= top) /* nothing fits: one cut at least */
            best = i;
        if (ends)
            ends[k] = sh->rows[best];
        k++;
        top = sh->rows[best];
        i = best + 1;
    }
    return k;
}

/* The rows of the whole grid. */
static size_t count_rows(const sheet *sh, double avail, double *ends)
{
    const jmap_layout *g = sh->grid;
    size_t k = rows_from(sh, 0, g->n_lanes > 1 ? g->lane_y[1] : 0, avail, ends);
    return k ? k : 1;
}

/* Where a page may end down the grid: between two lanes, or inside a
 * lane of cards where no card, text or mark is cut. */
static void row_cuts(sheet *sh)
{
    const jmap_layout *g = sh->grid;
    size_t cap = 16, n = 0;
    double *rows = jmap_xcalloc(cap, sizeof *rows);
    for (size_t l = 1; l < g->n_lanes; l++) {
        double top = g->lane_y[l], bottom = top + g->lane_h[l];
        if (g->lane_cut_ok[l]) {
            /* the boxes' spans inside the lane, sorted by top; a cut
             * leaves room under it for the lane's label again */
            double label = 0;
            for (size_t i = 0; i < g->n_boxes; i++)
                if (g->boxes[i].kind == JMAP_BOX_LANE_LABEL &&
                    g->boxes[i].y >= top && g->boxes[i].y < bottom)
                    label = g->boxes[i].h;
            double last = bottom - label - 2 * JMAP_LANE_PAD;
            size_t nb = 0;
            double (*span)[2] = jmap_xcalloc(g->n_boxes + 1, sizeof *span);
            for (size_t i = 0; i < g->n_boxes; i++) {
                const jmap_box *b = &g->boxes[i];
                if (b->kind == JMAP_BOX_LANE || b->kind == JMAP_BOX_MAP ||
                    b->y < top || b->y >= bottom)
                    continue;
                span[nb][0] = b->y;
                span[nb][1] = b->y + b->h;
                nb++;
            }
            /* insertion into order by top; lanes hold few boxes per row */
            for (size_t i = 1; i < nb; i++)
                for (size_t k = i; k > 0 && span[k][0] < span[k - 1][0]; k--) {
                    double t0 = span[k][0], t1 = span[k][1];
                    span[k][0] = span[k - 1][0], span[k][1] = span[k - 1][1];
                    span[k - 1][0] = t0, span[k - 1][1] = t1;
                }
            double reach = nb ? span[0][1] : top;
            for (size_t i = 1; i < nb; i++) {
                if (span[i][0] > reach + 1.0 && (reach + span[i][0]) / 2 <= last) {
                    if (n + 2 >= cap)
                        rows = jmap_xrealloc(rows, cap *= 2, sizeof *rows);
                    rows[n++] = (reach + span[i][0]) / 2;
                }
                reach = fmax(reach, span[i][1]);
            }
            free(span);
        }
        if (n + 2 >= cap)
            rows = jmap_xrealloc(rows, cap *= 2, sizeof *rows);
        rows[n++] = bottom;
    }
    if (!n)
        rows[n++] = g->n_lanes ? g->lane_y[0] + g->lane_h[0] : 0;
    sh->rows = rows;
    sh->n_rows = n;
}

/* The pages needed at scale s: across, down, and in all. */
/* The room a page has at scale s, in layout units: `across` for its steps,
 * `down` for its lanes under the title block and the stage lane. */
static void page_room(const sheet *sh, double s, int footer, double *across,
                      double *down)
{
    double w, h;
    page_units(sh, s, &w, &h);
    *across = w - jmap_page_extra_width();
    *down = h - jmap_page_extra_height(sh->grid, sh->m, footer) -
            jmap_header_sizes_height(sh->hs, w - 2 * JMAP_LAYOUT_MARGIN);
}

static size_t count_pages(const sheet *sh, double s, int footer, size_t *nx,
                          size_t *ny)
{
    const jmap_layout *g = sh->grid;
    const jmap_journey *j = g->journey;
    double across, down;
    page_room(sh, s, footer, &across, &down);
    if (across < jmap_grid_span(g, 0, 1) || down <= 1) {
        *nx = *ny = (size_t)-1 / 4;
        return (size_t)-1 / 2;
    }
    *nx = j->n_steps ? count_cols(g, 0, j->n_steps, across) : 1;
    *ny = count_rows(sh, down, NULL);
    return *nx * *ny;
}

/* The largest scale from `lo` to `hi` at which the map takes at most
 * `pages` pages. */
static double largest_scale(const sheet *sh, double lo, double hi,
                            size_t pages, int footer)
{
    size_t nx, ny;
    if (count_pages(sh, hi, footer, &nx, &ny) <= pages)
        return hi;
    for (int i = 0; i < SEARCH_STEPS; i++) {
        double mid = (lo + hi) / 2;
        if (count_pages(sh, mid, footer, &nx, &ny) <= pages)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Cuts the steps into nx pages at most `avail` wide, as even as they can
 * be: the narrowest limit that needs no more pages, each page ending at a
 * stage's end when that leaves it full enough and the rest still fits. */
static size_t *balance_cols(const jmap_layout *g, size_t nx, double avail)
{
    const jmap_journey *j = g->journey;
    size_t n = j->n_steps;
    double lo = jmap_grid_span(g, 0, n) / (double)nx, hi = avail;
    for (int i = 0; i < SEARCH_STEPS; i++) {
        double mid = (lo + hi) / 2;
        if (count_cols(g, 0, n, mid) <= nx)
            hi = mid;
        else
            lo = mid;
    }
    double limit = hi;
    size_t *ends = jmap_xcalloc(nx + 1, sizeof *ends);
    size_t k = 0;
    for (size_t first = 0; first < n && k < nx; k++) {
        size_t end = first + 1;
        while (end < n && jmap_grid_span(g, first, end + 1) <= limit)
            end++;
        if (k + 1 == nx)
            end = n;
        for (size_t e = end; e > first + 1 && end < n; e--) {
            if (jmap_grid_span(g, first, e) < STAGE_CUT_FILL * limit)
                break;
            if (j->steps[e]->stage != j->steps[e - 1]->stage) {
                if (k + 1 + count_cols(g, e, n, avail) <= nx)
                    end = e;
                break;
            }
        }
        ends[k] = end;
        first = end;
    }
    return ends;
}

/* Among the cuts of the lanes into ny rows at most `hi` tall (a row of
 * one cut may be taller: nothing smaller fits), the one whose shortest row
 * is tallest, into `ends`: the last row is not left with the remainder.
 * Cut k ends at P(k): the lanes' top for k = 0, then sh->rows. Leaves
 * `ends` as it is when there is no such cut. */
static void even_rows(const sheet *sh, size_t ny, double hi, double top,
                      double *ends)
{
    size_t n = sh->n_rows;
#define P(k) ((k) ? sh->rows[(k) - 1] : top)
    double *f = jmap_xcalloc((ny + 1) * (n + 1), sizeof *f); /* f[r][b] */
    size_t *from = jmap_xcalloc((ny + 1) * (n + 1), sizeof *from);
    for (size_t i = 0; i < (ny + 1) * (n + 1); i++)
        f[i] = -1;
    f[0] = INFINITY; /* no row yet, at the top */
    for (size_t r = 1; r <= ny; r++)
        for (size_t b2 = 1; b2 <= n; b2++)
            for (size_t a = b2; a-- > 0;) {
                double h = P(b2) - P(a);
                if (h > hi + 1e-9 && b2 != a + 1)
                    break; /* taller still further up */
                double prev = f[(r - 1) * (n + 1) + a];
                if (prev < 0)
                    continue;
                double v = fmin(prev, h);
                if (v > f[r * (n + 1) + b2]) {
                    f[r * (n + 1) + b2] = v;
                    from[r * (n + 1) + b2] = a;
                }
            }
    if (f[ny * (n + 1) + n] >= 0)
        for (size_t r = ny, k = n; r > 0; k = from[r * (n + 1) + k], r--)
            ends[r - 1] = P(k);
#undef P
    free(f);
    free(from);
}

/* Cuts the lanes into ny rows at most `avail` tall, as even as they can
 * be. */
static double *balance_rows(const sheet *sh, size_t ny, double avail,
                            size_t *got)
{
    const jmap_layout *g = sh->grid;
    double top = g->n_lanes > 1 ? g->lane_y[1] : 0;
    double total = sh->rows[sh->n_rows - 1] - top;
    double lo = total / (double)ny, hi = avail;
    if (count_rows(sh, hi, NULL) > ny)
        lo = hi;
    for (int i = 0; i < SEARCH_STEPS && lo < hi; i++) {
        double mid = (lo + hi) / 2;
        if (count_rows(sh, mid, NULL) <= ny)
            hi = mid;
        else
            lo = mid;
    }
    double *ends = jmap_xcalloc(sh->n_rows + 1, sizeof *ends);
    *got = count_rows(sh, hi, ends);
    if (*got == ny)
        even_rows(sh, ny, hi, top, ends);
    return ends;
}

/* Plans the printed map on paper pw x ph: the fewest pages at which no
 * glyph prints under JMAP_MIN_PRINT_PT, then the largest scale that
 * needs no more of them, pages balanced. Returns the scale; the cuts go
 * to `c`. */
static double plan_sheet(sheet *sh, double s_min, double max_scale, cuts *c,
                         size_t *pages)
{
    if (max_scale < s_min)
        max_scale = s_min;
    size_t nx, ny;
    size_t n = count_pages(sh, s_min, 0, &nx, &ny);
    int footer = n > 1;
    if (footer)
        n = count_pages(sh, s_min, 1, &nx, &ny);
    double s = largest_scale(sh, s_min, max_scale, n, footer);
    count_pages(sh, s, footer, &nx, &ny);
    const jmap_layout *g = sh->grid;
    double across, down;
    page_room(sh, s, footer, &across, &down);
    size_t steps = g->journey->n_steps;
    if (steps) {
        c->col_end = balance_cols(g, nx, across);
        c->nx = nx;
    } else {
        c->col_end = jmap_xcalloc(1, sizeof *c->col_end);
        c->nx = 1;
    }
    c->row_end = balance_rows(sh, ny, down, &c->ny);
    *pages = c->nx * c->ny;
    return s;
}

/* Lays out the pages of `c`, row by row. */
static void cut_pages(job *jb, const sheet *sh, const cuts *c, double s)
{
    const jmap_layout *g = sh->grid;
    double w, h;
    page_units(sh, s, &w, &h);
    int n = (int)(c->nx * c->ny), page = 0;
    double top = g->n_lanes > 1 ? g->lane_y[1] : 0;
    for (size_t r = 0; r < c->ny; r++) {
        for (size_t k = 0, first = 0; k < c->nx; first = c->col_end[k++]) {
            jmap_page_spec spec = {first, c->col_end[k], top, c->row_end[r],
                                   (int)r, (int)k, (int)c->ny, (int)c->nx, w};
            ++page; /* the first page's title block reports its cut texts */
            plan_add(&jb->plan, jmap_layout_page_of(g, jb->m, &spec, page, n,
                                                    page == 1 ? jb->diags : NULL));
        }
        top = c->row_end[r];
    }
}

/* A printed map: on `pw` x `ph` paper, or on the paper of `o` and the
 * orientation that needs fewer pages. */
/* The title block the pages can afford: the whole one when it leaves at
 * least HEADER_ROOM of a page's height to the lanes at scale s, else a
 * shorter one (JMAP_LAYOUT_HEADER_*). */
static int header_flags(const sheet *sh, double s)
{
    double w, h;
    page_units(sh, s, &w, &h);
    int flags[] = {0, JMAP_LAYOUT_HEADER_SHORT,
                   JMAP_LAYOUT_HEADER_SHORT | JMAP_LAYOUT_HEADER_TITLE};
    for (size_t i = 0; i < 2; i++) {
        double hh = jmap_layout_header_height(sh->grid->journey, sh->m,
                                              w - 2 * JMAP_LAYOUT_MARGIN,
                                              sh->grid->flags | flags[i]);
        if (hh <= (1 - HEADER_ROOM) * (h - 2 * JMAP_LAYOUT_MARGIN))
            return flags[i];
    }
    return flags[2];
}

static void plan_print(job *jb, double pw, double ph, double margin,
                       double min_scale, double max_scale, int both_sides)
{
    jmap_layout *grid = jmap_layout_grid_marked(jb->journey, jb->m, jb->diags,
                                                jb->flags, jb->marks);
    sheet sh = {grid, jb->m, pw, ph, margin, NULL, 0, NULL};
    row_cuts(&sh);
    /* the title block of the smaller side decides for both */
    sheet small = sh;
    small.pw = small.ph = fmin(pw, ph);
    grid->flags |= header_flags(&small, min_scale);
    sh.hs = jmap_header_sizes_new(jb->journey, jb->m, grid->flags);
    cuts best = {0};
    double best_s = 0, best_w = pw, best_h = ph;
    size_t best_n = 0;
    for (int side = 0; side < (both_sides ? 2 : 1); side++) {
        sheet try = sh;
        try.pw = side ? ph : pw;
        try.ph = side ? pw : ph;
        cuts c = {0};
        size_t n;
        double s = plan_sheet(&try, min_scale, max_scale, &c, &n);
        if (!best_n || n < best_n || (n == best_n && s > best_s + 1e-9)) {
            free(best.col_end);
            free(best.row_end);
            best = c;
            best_s = s;
            best_n = n;
            best_w = try.pw;
            best_h = try.ph;
        } else {
            free(c.col_end);
            free(c.row_end);
        }
    }
    sh.pw = best_w;
    sh.ph = best_h;
    jb->plan.page_w = sh.pw;
    jb->plan.page_h = sh.ph;
    jb->plan.scale = best_s;
    jb->plan.margin = margin;
    cut_pages(jb, &sh, &best, best_s);
    free(best.col_end);
    free(best.row_end);
    free(sh.rows);
    jmap_header_sizes_free(sh.hs);
    jb->grid = grid;
}

static void plan_pages(job *jb)
{
    const jmap_render_options *o = jb->opts;
    plan *p = &jb->plan;
    int print = o->page != JMAP_PAGE_AUTO && formats[o->format].paged &&
                (!o->fit || o->blank);
    /* the whole map on one page, when it may be one */
    if (!print)
        jb->full = jmap_layout_whole_marked(jb->journey, jb->m, jb->diags,
                                            jb->flags, jb->marks);
    jmap_layout *full = jb->full;
    /* the smallest scale at which every glyph stays readable; a blank
     * sheet's own, at which a sticky note fits its room */
    double lo = o->blank ? JMAP_BLANK_SCALE : JMAP_MIN_PRINT_PT / JMAP_SMALLEST_PT;
    double hi = o->blank ? JMAP_BLANK_SCALE
                : o->tile != JMAP_PAGE_AUTO ? MAX_POSTER_SCALE : MAX_SCALE;
    if (o->page == JMAP_PAGE_AUTO && o->blank) {
        plan_add(p, full);
        p->scale = lo;
        if (full->width * lo <= JMAP_MAX_PDF_SIDE_PT &&
            full->height * lo <= JMAP_MAX_PDF_SIDE_PT)
            return;
        p->n = 0;
        plan_print(jb, JMAP_MAX_PDF_SIDE_PT, JMAP_MAX_PDF_SIDE_PT, 0, lo, lo, 0);
        return;
    }
    if (o->page == JMAP_PAGE_AUTO) {
        if (o->format != JMAP_FORMAT_PDF ||
            (full->width <= JMAP_MAX_PDF_SIDE_PT &&
             full->height <= JMAP_MAX_PDF_SIDE_PT)) {
            plan_add(p, full);
            p->scale = 1.0;
            if (o->format == JMAP_FORMAT_PDF) /* a huge one-step map */
                p->scale = fmin(1.0, fmin(JMAP_MAX_PDF_SIDE_PT / full->width,
                                          JMAP_MAX_PDF_SIDE_PT / full->height));
            return;
        }
        /* pages as large as a PDF allows, at the map's own size */
        plan_print(jb, JMAP_MAX_PDF_SIDE_PT, JMAP_MAX_PDF_SIDE_PT, 0,
                   fmin(lo, 1.0), 1.0, 0);
        return;
    }
    double pw, ph;
    jmap_page_size(o->page, &pw, &ph);
    int both = o->orientation == JMAP_ORIENTATION_AUTO;
    if (o->orientation != JMAP_ORIENTATION_PORTRAIT) {
        double t = pw;
        pw = ph;
        ph = t;
    }
    if ((o->fit || !formats[o->format].paged) && !o->blank) {
        /* one page: the whole map, fitted (turned the way it fits best) */
        double fit = fmin(MAX_SCALE, fmin(pw / full->width, ph / full->height));
        double turned = fmin(MAX_SCALE, fmin(ph / full->width, pw / full->height));
        if (both && turned > fit + 1e-9) {
            double t = pw;
            pw = ph;
            ph = t;
            fit = turned;
        }
        p->page_w = pw;
        p->page_h = ph;
        plan_add(p, full);
        p->scale = fit;
        return;
    }
    /* a poster may be enlarged as much as its paper allows */
    plan_print(jb, pw, ph, PRINT_MARGIN, lo, hi, both);
}

/* Size of page i in points. */
static void page_size(const job *jb, size_t i, double *w, double *h)
{
    const plan *p = &jb->plan;
    if (p->page_w > 0) {
        *w = p->page_w;
        *h = p->page_h;
    } else {
        *w = ceil(p->pages[i]->width * p->scale);
        *h = ceil(p->pages[i]->height * p->scale);
    }
}

/* Where page i's map sits on its paper: a page of several at the top
 * left of the printable area, the same on every page; a single one
 * centred. */
static void page_origin(const job *jb, size_t i, double *ox, double *oy)
{
    double w, h;
    page_size(jb, i, &w, &h);
    const jmap_layout *L = jb->plan.pages[i];
    double s = jb->plan.scale;
    if (jb->plan.n > 1) {
        *ox = *oy = jb->plan.margin - JMAP_LAYOUT_MARGIN * s;
        return;
    }
    *ox = (w - L->width * s) / 2;
    *oy = (h - L->height * s) / 2;
}

static void paint_page(const job *jb, size_t i, cairo_t *cr)
{
    double w, h, ox, oy;
    page_size(jb, i, &w, &h);
    page_origin(jb, i, &ox, &oy);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, ox, oy);
    cairo_scale(cr, jb->plan.scale, jb->plan.scale);
    jmap_layout_draw(jb->plan.pages[i], cr);
    cairo_restore(cr);
}

/* ---- formats ---- */

static cairo_status_t to_sink(void *closure, const unsigned char *data,
                              unsigned int length)
{
    sink *out = closure;
    sink_put(out, (const char *)data, length);
    return out->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static int surface_failed(job *jb, cairo_surface_t *s, const char *what)
{
    cairo_status_t st = cairo_surface_status(s);
    if (st == CAIRO_STATUS_SUCCESS)
        return 0;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s", what, cairo_status_to_string(st));
    fail(jb, JMAP_ERR_IO, msg);
    return 1;
}

/* What each page shows, for its label and bookmarks: one entry per page,
 * and in *starts (the caller frees both) where each stage's first column
 * is. */
static jmap_pdf_page *pdf_pages(const job *jb, jmap_pdf_start **starts)
{
    const jmap_journey *j = jb->journey;
    jmap_pdf_page *pages = jmap_xcalloc(jb->plan.n, sizeof *pages);
    /* a stage starts on one page of each row of pages */
    jmap_pdf_start *st = jmap_xcalloc(j->n_stages * jb->plan.n + 1, sizeof *st);
    size_t n = 0;
    for (size_t i = 0; i < jb->plan.n; i++) {
        const jmap_layout *L = jb->plan.pages[i];
        double ox, oy;
        page_origin(jb, i, &ox, &oy);
        pages[i] = (jmap_pdf_page){.number = (int)i + 1, .first = L->slice.first,
                                   .end = L->slice.end, .starts = st + n};
        for (size_t k = 0; k < j->n_stages; k++) {
            const jmap_stage *stage = &j->stages[k];
            size_t first = stage->n_steps ? stage->steps[0]->index : 0;
            if (!stage->n_steps || first < L->slice.first || first >= L->slice.end)
                continue;
            double x = L->col_x[first - L->slice.first] * jb->plan.scale;
            st[n++] = (jmap_pdf_start){k, ox + x, oy};
            pages[i].n_starts++;
        }
    }
    *starts = st;
    return pages;
}

/* Widens [*lo, *hi] (0, 0: empty) to the sizes of L's texts printed at
 * `scale`. */
static void text_range(const jmap_layout *L, double scale, double *lo,
                       double *hi)
{
    for (size_t k = 0; k < L->n_boxes; k++) {
        const jmap_box *b = &L->boxes[k];
        if (!b->pl)
            continue;
        double pt = jmap_font_size(b->font) * scale;
        if (*hi == 0 || pt < *lo)
            *lo = pt;
        if (pt > *hi)
            *hi = pt;
    }
}

/* ---- posters on small sheets ---- */

#define GLUE PRINT_MARGIN /* the strip of a tile the next one covers */

/* The tiles of a poster's drawing, pw x ph, on sheets sw x sh: the
 * sheets' printable area less the glue strip. */
static void tile_grid(double pw, double ph, double sw, double sh,
                      jmap_tile_spec *t)
{
    memset(t, 0, sizeof *t);
    t->sheet_w = sw;
    t->sheet_h = sh;
    t->margin = PRINT_MARGIN;
    t->glue = GLUE;
    t->step_x = sw - 2 * PRINT_MARGIN - GLUE;
    t->step_y = sh - 2 * PRINT_MARGIN - GLUE;
    t->poster_w = pw;
    t->poster_h = ph;
    t->n_cols = (int)fmax(1, ceil((pw - GLUE) / t->step_x - 1e-9));
    t->n_rows = (int)fmax(1, ceil((ph - GLUE) / t->step_y - 1e-9));
}

/* Where poster page i's drawing is on its paper: x, y, width, height. */
static void drawing_box(const job *jb, size_t i, double *x, double *y,
                        double *w, double *h)
{
    double ox, oy, s = jb->plan.scale, m = JMAP_LAYOUT_MARGIN;
    page_origin(jb, i, &ox, &oy);
    const jmap_layout *L = jb->plan.pages[i];
    double right = m, bottom = m;
    for (size_t k = 0; k < L->n_boxes; k++)
        if (L->boxes[k].kind != JMAP_BOX_MAP) {
            right = fmax(right, L->boxes[k].x + L->boxes[k].w);
            bottom = fmax(bottom, L->boxes[k].y + L->boxes[k].h);
        }
    *x = ox + m * s;
    *y = oy + m * s;
    *w = (right - m) * s;
    *h = (bottom - m) * s;
}

/* The tiles of the plan's poster on the --tile sheets, turned the way
 * that needs fewer. */
static void plan_tiles(const job *jb, jmap_tile_spec *t)
{
    double sw, sh, x, y, w = 0, h = 0;
    jmap_page_size(jb->opts->tile, &sw, &sh);
    for (size_t i = 0; i < jb->plan.n; i++) { /* the largest drawing */
        double pw, ph;
        drawing_box(jb, i, &x, &y, &pw, &ph);
        w = fmax(w, pw);
        h = fmax(h, ph);
    }
    jmap_tile_spec a, b;
    tile_grid(w, h, sw, sh, &a);
    tile_grid(w, h, sh, sw, &b);
    *t = b.n_rows * b.n_cols < a.n_rows * a.n_cols ? b : a;
}

/* Poster page i's tile (r, c): the rows of every poster follow one
 * another, so that each tile's name is its own ("C2" is the first row of
 * the second poster of a two-row grid). */
static void paint_tile(job *jb, size_t i, cairo_t *cr, jmap_tile_spec *t,
                       int r, int c)
{
    double dx, dy, dw, dh;
    drawing_box(jb, i, &dx, &dy, &dw, &dh);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_rectangle(cr, t->margin, t->margin, t->step_x + t->glue,
                    t->step_y + t->glue);
    cairo_clip(cr);
    cairo_translate(cr, t->margin - (dx + c * t->step_x),
                    t->margin - (dy + r * t->step_y));
    /* the poster is read once, on the assembly sheet's words, not once a
     * tile: its pieces are drawn untagged */
    jb->plan.pages[i]->untagged = 1;
    paint_page(jb, i, cr);
    jb->plan.pages[i]->untagged = 0;
    cairo_restore(cr);
    jmap_tile_spec here = *t;
    here.row = (int)i * t->n_rows + r;
    here.col = c;
    here.n_rows = (int)jb->plan.n * t->n_rows; /* the last has no glue below */
    char name[48];
    snprintf(name, sizeof name, "%c%d", 'A' + here.row % 26, c + 1);
    jmap_layout *T = jmap_layout_tile_marks(jb->journey, jb->m, &here, name);
    jmap_layout_draw(T, cr);
    text_range(T, 1.0, &jb->tile_lo, &jb->tile_hi);
    jmap_layout_free(T);
}

/* The assembly sheet: every poster's drawing, one under the other, with
 * the grid of its tiles and their names. */
static void paint_assembly(job *jb, cairo_t *cr, const jmap_tile_spec *t)
{
    const jmap_journey *j = jb->journey;
    jmap_buf head;
    jmap_buf_init(&head);
    jmap_buf_printf(&head, "%s%s %s", jmap_label_text(j->lang, L_ASSEMBLY),
                    jmap_colon(j->lang), j->title.str ? j->title.str : "");
    jmap_tile_spec all = *t;
    all.n_rows = (int)jb->plan.n * t->n_rows;
    double tx, ty, tk;
    jmap_layout *A = jmap_layout_assembly(j, jb->m, &all, head.data, &tx, &ty, &tk);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_restore(cr);
    for (size_t i = 0; i < jb->plan.n; i++) {
        double dx, dy, dw, dh;
        drawing_box(jb, i, &dx, &dy, &dw, &dh);
        double top = ty + (double)i * t->n_rows * t->step_y * tk;
        cairo_save(cr);
        cairo_rectangle(cr, tx, top, (t->n_cols * t->step_x + t->glue) * tk,
                        (t->n_rows * t->step_y + t->glue) * tk);
        cairo_clip(cr);
        cairo_translate(cr, tx - dx * tk, top - dy * tk);
        cairo_scale(cr, tk, tk);
        jb->plan.pages[i]->shapes_only = 1;
        paint_page(jb, i, cr);
        jb->plan.pages[i]->shapes_only = 0;
        cairo_restore(cr);
    }
    jmap_layout_draw(A, cr);
    text_range(A, 1.0, &jb->tile_lo, &jb->tile_hi);
    jmap_layout_free(A);
    jmap_buf_destroy(&head);
}

/* The assembly sheet, then every poster's tiles, each sheet labelled
 * with its name ("B3") and bookmarked. */
static void write_posters(job *jb, cairo_surface_t *s, cairo_t *cr,
                          jmap_tile_spec *t)
{
    size_t n = 1 + jb->plan.n * (size_t)(t->n_rows * t->n_cols), k = 0;
    jmap_pdf_page *sheets = jmap_xcalloc(n, sizeof *sheets);
    cairo_pdf_surface_set_size(s, t->sheet_w, t->sheet_h);
    paint_assembly(jb, cr, t);
    sheets[k] = (jmap_pdf_page){.number = 1, .first = 0,
                                .end = jb->journey->n_steps};
    jmap_pdf_page_end(s, &sheets[k++]);
    cairo_show_page(cr);
    for (size_t i = 0; i < jb->plan.n; i++) {
        const jmap_layout *L = jb->plan.pages[i];
        for (int r = 0; r < t->n_rows; r++)
            for (int c = 0; c < t->n_cols; c++) {
                paint_tile(jb, i, cr, t, r, c);
                sheets[k] = (jmap_pdf_page){.number = (int)k + 1,
                                            .first = L->slice.first,
                                            .end = L->slice.end,
                                            .row = (int)i * t->n_rows + r + 1,
                                            .col = c + 1};
                jmap_pdf_page_end(s, &sheets[k++]);
                cairo_show_page(cr);
            }
    }
    jmap_pdf_document(s, jb->journey, jb->opts->source_name, sheets, k);
    free(sheets);
}

static int write_pdf(job *jb, sink *out)
{
    double w, h;
    page_size(jb, 0, &w, &h);
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_sink, out, w, h);
    if (surface_failed(jb, s, "cannot create the PDF")) {
        cairo_surface_destroy(s);
        return JMAP_ERR_IO;
    }
    jmap_pdf_start *starts;
    jmap_pdf_page *pages = pdf_pages(jb, &starts);
    cairo_t *cr = cairo_create(s);
    if (jb->opts->tile != JMAP_PAGE_AUTO) {
        jmap_tile_spec t;
        plan_tiles(jb, &t);
        write_posters(jb, s, cr, &t);
        jb->tiles = t;
    } else {
        for (size_t i = 0; i < jb->plan.n; i++) {
            page_size(jb, i, &w, &h);
            cairo_pdf_surface_set_size(s, w, h);
            paint_page(jb, i, cr);
            jmap_pdf_page_end(s, &pages[i]);
            cairo_show_page(cr);
        }
        jmap_pdf_document(s, jb->journey, jb->opts->source_name, pages, jb->plan.n);
    }
    free(pages);
    free(starts);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    int bad = surface_failed(jb, s, "cannot draw the PDF");
    cairo_surface_destroy(s);
    if (!bad) /* a PDF is not streamed: its bytes are all in out->buf */
        jmap_pdf_set_lang(&out->buf, jb->journey->lang);
    return bad ? JMAP_ERR_IO : 0;
}

static void spill(void *out)
{
    sink_spill(out);
}

static int write_svg(job *jb, sink *out)
{
    double w, h;
    page_size(jb, 0, &w, &h);
    if (w > JMAP_MAX_SVG_SIDE_PT || h > JMAP_MAX_SVG_SIDE_PT) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "the SVG would be %.0f x %.0f pt, more than the limit of %.0f pt "
                 "a side; choose a --page size, or render a PDF",
                 w, h, JMAP_MAX_SVG_SIDE_PT);
        return fail(jb, JMAP_ERR_USAGE, msg);
    }
    double ox, oy;
    page_origin(jb, 0, &ox, &oy);
    const char *title = jb->journey->title.str ? jb->journey->title.str : "";
    if (jmap_svg_write(jb->plan.pages[0], title, w, h, jb->plan.scale, ox, oy,
                       &out->buf, spill, out) != 0)
        return fail(jb, JMAP_ERR_IO, "cannot draw the SVG: out of memory");
    return 0;
}

static int write_png(job *jb, sink *out)
{
    double w, h;
    page_size(jb, 0, &w, &h);
    double k = jb->opts->dpi / 72.0;
    double pw = ceil(w * k), ph = ceil(h * k);
    if (pw > JMAP_MAX_IMAGE_SIDE_PX || ph > JMAP_MAX_IMAGE_SIDE_PX ||
        pw * ph > JMAP_MAX_IMAGE_PIXELS) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "the image would be %.0f x %.0f pixels, more than the limit "
                 "(%d pixels a side, %.0f in all); lower --dpi or choose a "
                 "--page size",
                 pw, ph, JMAP_MAX_IMAGE_SIDE_PX, JMAP_MAX_IMAGE_PIXELS);
        return fail(jb, JMAP_ERR_USAGE, msg);
    }
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pw, (int)ph);
    int r = 0;
    if (surface_failed(jb, s, "cannot create the image")) {
        r = JMAP_ERR_IO;
    } else {
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, pw / w, ph / h);
        paint_page(jb, 0, cr);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        if (cairo_surface_write_to_png_stream(s, to_sink, out) !=
                CAIRO_STATUS_SUCCESS ||
            surface_failed(jb, s, "cannot draw the image"))
            r = r ? r : fail(jb, JMAP_ERR_IO, "cannot encode the PNG");
    }
    cairo_surface_destroy(s);
    return r;
}

/* The whole map's layout; with a paper size, each page's, after a line
 * that says where it goes on its paper (docs/render.md). */
static int write_layout(job *jb, sink *out)
{
    const plan *p = &jb->plan;
    if (p->page_w <= 0) {
        jmap_layout_dump(jb->full, &out->buf);
        return 0;
    }
    for (size_t i = 0; i < p->n; i++) {
        const jmap_layout *L = p->pages[i];
        double ox, oy;
        page_origin(jb, i, &ox, &oy);
        char nums[4][64];
        jmap_format_double(nums[0], sizeof nums[0], p->page_w, 2);
        jmap_format_double(nums[1], sizeof nums[1], p->page_h, 2);
        jmap_format_double(nums[2], sizeof nums[2], p->scale, 4);
        jmap_format_double(nums[3], sizeof nums[3], ox, 2);
        char oyn[64];
        jmap_format_double(oyn, sizeof oyn, oy, 2);
        jmap_buf_printf(&out->buf, "page %zu/%zu row %d col %d %s %s %s %s %s\n",
                        i + 1, p->n, L->row + 1, L->col + 1, nums[0], nums[1],
                        nums[2], nums[3], oyn);
        jmap_layout_dump(L, &out->buf);
    }
    return 0;
}

/* ---- writing the output ---- */

/* Moves the bytes gathered so far to the output, opening it first. */
static void sink_drain(sink *s)
{
    if (!s->out.fp && !s->failed &&
        jmap_outfile_open(&s->out, s->path, s->why, sizeof s->why) != 0)
        s->failed = 1;
    if (!s->failed && s->buf.len &&
        fwrite(s->buf.data, 1, s->buf.len, s->out.fp) != s->buf.len) {
        snprintf(s->why, sizeof s->why, "cannot write '%s': %s", s->out.path,
                 strerror(errno ? errno : EIO));
        s->failed = 1;
    }
    s->buf.len = 0;
    if (s->buf.data)
        s->buf.data[0] = '\0';
}

/* A streamed output writes what it has gathered once it is SINK_CHUNK. */
static void sink_spill(sink *s)
{
    if (s->stream && s->buf.len >= SINK_CHUNK)
        sink_drain(s);
}

/* Appends bytes to the output; a big piece of a streamed one goes straight
 * to it. */
static void sink_put(sink *s, const char *data, size_t n)
{
    if (s->stream && s->buf.len + n >= SINK_CHUNK)
        sink_drain(s);
    if (s->failed)
        return;
    jmap_buf_put(&s->buf, data, n);
    if (s->stream && s->buf.len >= SINK_CHUNK)
        sink_drain(s);
}

/* Ends the output of a render that returned `status`: puts it in place on
 * success, removes the temporary file otherwise. Returns the render's
 * status, or the output's when that failed. */
static int sink_close(sink *s, int status, char *why, size_t why_len)
{
    if (!status)
        sink_drain(s);
    if (!status && s->failed) {
        snprintf(why, why_len, "%s", s->why);
        status = JMAP_ERR_IO;
    }
    int r = jmap_outfile_close(&s->out, !status, why, why_len);
    jmap_buf_destroy(&s->buf);
    return status ? status : r;
}

/* ---- the entry point ---- */

/* The sizes of the texts drawn: the smallest and largest, printed. */
static void text_sizes(const job *jb, double *lo, double *hi)
{
    *lo = 0;
    *hi = 0;
    const plan *p = &jb->plan;
    for (size_t i = 0; i < p->n; i++)
        text_range(p->pages[i], p->scale, lo, hi);
    if (jb->tile_hi > 0) {
        *lo = *hi > 0 ? fmin(*lo, jb->tile_lo) : jb->tile_lo;
        *hi = fmax(*hi, jb->tile_hi);
    }
}

/* What the render made, for its report. */
static void describe(const job *jb, jmap_render_result *res)
{
    memset(res, 0, sizeof *res);
    const plan *p = &jb->plan;
    res->pages = (int)p->n;
    if (!p->n) { /* the layout dump of the whole map */
        res->pages = 1;
        res->width = jb->full->width;
        res->height = jb->full->height;
        return;
    }
    res->page = p->page_w > 0 ? jb->opts->page : JMAP_PAGE_AUTO;
    res->scale = p->scale;
    res->rows = p->n ? p->pages[0]->n_rows : 0;
    res->cols = p->n ? p->pages[0]->n_cols : 0;
    if (p->n)
        page_size(jb, 0, &res->width, &res->height);
    res->orientation = res->width > res->height ? JMAP_ORIENTATION_LANDSCAPE
                                                : JMAP_ORIENTATION_PORTRAIT;
    if (jb->opts->format != JMAP_FORMAT_LAYOUT)
        text_sizes(jb, &res->min_pt, &res->max_pt);
    if (jb->opts->tile != JMAP_PAGE_AUTO) {
        const jmap_tile_spec *t = &jb->tiles;
        res->poster_pages = (int)p->n;
        res->pages = 1 + (int)p->n * t->n_rows * t->n_cols; /* sheets */
        res->rows = t->n_rows;
        res->cols = t->n_cols;
        res->orientation = p->page_w > p->page_h ? JMAP_ORIENTATION_LANDSCAPE
                                                 : JMAP_ORIENTATION_PORTRAIT;
        res->width = t->sheet_w;
        res->height = t->sheet_h;
    }
}

int jmap_render_file(const jmap_journey *journey,
                     const jmap_render_options *opts, const char *out_path,
                     jmap_diag_list *diags, jmap_render_result *result,
                     char *why, size_t why_len)
{
    if (result)
        memset(result, 0, sizeof *result);
    if (why_len)
        why[0] = '\0';
    if (!journey || !opts || !out_path) {
        snprintf(why, why_len, "nothing to render");
        return JMAP_ERR_USAGE;
    }
    int r = jmap_render_options_check(opts, why, why_len); /* options.c */
    if (r)
        return r;
    const jmap_persona *who = NULL;
    if (opts->persona && !(who = jmap_journey_persona(journey, opts->persona))) {
        char *id = jmap_escape_text(opts->persona);
        snprintf(why, why_len, "--persona: the map has no persona '%s'", id);
        free(id);
        return JMAP_ERR_USAGE;
    }
    job jb = {0};
    jb.journey = journey;
    jb.opts = opts;
    jb.why = why;
    jb.why_len = why_len;
    jb.m = jmap_measurer_new();
    r = jmap_measurer_check(jb.m, why, why_len);
    if (r) {
        jmap_measurer_free(jb.m);
        return r;
    }
    if (who) {
        jb.persona = jmap_journey_of_persona(journey, who);
        jb.journey = jb.persona;
    }
    if (opts->blank) {
        jb.blank = jmap_blank_journey(jb.journey);
        jb.journey = jb.blank;
        jb.flags = JMAP_LAYOUT_BLANK;
    }
    jb.diags = opts->blank ? NULL : diags;
    if (!opts->blank) /* the journey drawn; a blank sheet has nothing to mark */
        jb.marks = jmap_diffmarks_new(jb.journey, opts->diff);
    if (opts->format != JMAP_FORMAT_LAYOUT || opts->page != JMAP_PAGE_AUTO)
        plan_pages(&jb);
    else
        jb.full = jmap_layout_whole_marked(jb.journey, jb.m, jb.diags, jb.flags,
                                           jb.marks);
    sink out = {.path = out_path, .stream = formats[opts->format].streamed};
    jmap_buf_init(&out.buf);
    r = formats[opts->format].write(&jb, &out);
    r = sink_close(&out, r, why, why_len);
    if (!r && result)
        describe(&jb, result);
    plan_destroy(&jb.plan, jb.full);
    jmap_layout_free(jb.grid);
    jmap_layout_free(jb.full);
    jmap_journey_free(jb.blank);
    jmap_journey_free(jb.persona);
    jmap_diffmarks_free(jb.marks);
    jmap_measurer_free(jb.m);
    return r;
}
