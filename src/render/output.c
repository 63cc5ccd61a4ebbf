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
#include "formats.h"
#include "layout.h"
#include "paint_cairo.h"
#include "paint_svg.h"
#include "pdf_doc.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCALE 1.5     /* a small map is enlarged at most this much */
#define FILL 0.7          /* a page cut at a stage boundary is at least this
                             full, or it takes steps of the next stage */

/* A planned document: the layouts of its pages and how they sit. */
typedef struct plan {
    jmap_layout **pages; /* one layout per page */
    size_t n;            /* number of pages */
    double page_w, page_h; /* paper size in points; 0 for auto pages */
    double scale;        /* layout units to points */
} plan;

/* What a format's writer gets. */
typedef struct job {
    const jmap_journey *journey;     /* the map */
    const jmap_render_options *opts; /* the options */
    jmap_measurer *m;                /* this render's text measurer */
    jmap_layout *full;               /* the whole map on one page */
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
    [JMAP_FORMAT_LAYOUT] = {0, 0, write_layout},
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

/* The end of the longest run of steps from `first` whose map is at most
 * `avail` wide, preferably ending with a stage. */
static size_t group_end(const jmap_journey *j, size_t first, double avail)
{
    size_t end = first;
    while (end < j->n_steps) {
        size_t stage_end = end + 1;
        while (stage_end < j->n_steps &&
               j->steps[stage_end]->stage == j->steps[end]->stage)
            stage_end++;
        if (jmap_layout_span_width(j, first, stage_end) > avail)
            break;
        end = stage_end;
    }
    /* Whole stages fill the page well enough: cut there. Otherwise (a
     * stage wider than a page, or a page left mostly empty) go on with the
     * steps of the next stage. */
    if (end > first && jmap_layout_span_width(j, first, end) >= FILL * avail)
        return end;
    if (end == first)
        end = first + 1;
    while (end < j->n_steps &&
           jmap_layout_span_width(j, first, end + 1) <= avail)
        end++;
    return end;
}

/* Splits the map into pages at most `avail` layout units wide. */
static void split_pages(job *jb, double avail)
{
    const jmap_journey *j = jb->journey;
    size_t n = 0, *ends = NULL;
    for (size_t first = 0; first < j->n_steps;) {
        size_t end = group_end(j, first, avail);
        ends = jmap_xrealloc(ends, n + 1, sizeof *ends);
        ends[n++] = end;
        first = end;
    }
    for (size_t i = 0, first = 0; i < n; first = ends[i++]) {
        jmap_slice s = {first, ends[i], (int)i + 1, (int)n};
        plan_add(&jb->plan, jmap_layout_page(jb->full, jb->m, &s, NULL));
    }
    free(ends);
}

/* The largest scale at which every page fits its paper. */
static double common_scale(const plan *p, double pw, double ph)
{
    double s = MAX_SCALE;
    for (size_t i = 0; i < p->n; i++) {
        s = fmin(s, pw / p->pages[i]->width);
        s = fmin(s, ph / p->pages[i]->height);
    }
    return s;
}

static void plan_pages(job *jb)
{
    const jmap_render_options *o = jb->opts;
    jmap_layout *full = jb->full;
    plan *p = &jb->plan;
    if (o->page == JMAP_PAGE_AUTO) {
        if (o->format != JMAP_FORMAT_PDF ||
            (full->width <= JMAP_MAX_PDF_SIDE_PT &&
             full->height <= JMAP_MAX_PDF_SIDE_PT) ||
            jb->journey->n_steps < 2) {
            plan_add(p, full);
            p->scale = 1.0;
            if (o->format == JMAP_FORMAT_PDF) /* a huge one-step map */
                p->scale = fmin(1.0, fmin(JMAP_MAX_PDF_SIDE_PT / full->width,
                                          JMAP_MAX_PDF_SIDE_PT / full->height));
            return;
        }
        split_pages(jb, JMAP_MAX_PDF_SIDE_PT);
        p->scale = fmin(1.0, common_scale(p, JMAP_MAX_PDF_SIDE_PT,
                                          JMAP_MAX_PDF_SIDE_PT));
        return;
    }
    double pw, ph;
    jmap_page_size(o->page, &pw, &ph);
    if (o->landscape) {
        double t = pw;
        pw = ph;
        ph = t;
    }
    p->page_w = pw;
    p->page_h = ph;
    double fit = fmin(MAX_SCALE, fmin(pw / full->width, ph / full->height));
    double min_scale = JMAP_MIN_PRINT_PT / JMAP_BODY_PT;
    if (o->fit || !formats[o->format].paged || fit >= min_scale ||
        jb->journey->n_steps < 2) {
        plan_add(p, full);
        p->scale = fit;
        return;
    }
    /* Split at the readable scale, or smaller when even the height does
     * not fit at it. */
    double s = fmin(min_scale, ph / full->height);
    split_pages(jb, pw / s);
    p->scale = common_scale(p, pw, ph);
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

/* Where page i's map sits on its paper: centred horizontally, at the top
 * (vertically centred when it is a one-page fit). */
static void page_origin(const job *jb, size_t i, double *ox, double *oy)
{
    double w, h;
    page_size(jb, i, &w, &h);
    const jmap_layout *L = jb->plan.pages[i];
    *ox = (w - L->width * jb->plan.scale) / 2;
    *oy = jb->plan.n > 1 ? 0 : (h - L->height * jb->plan.scale) / 2;
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
    jmap_pdf_start *st = jmap_xcalloc(j->n_stages + 1, sizeof *st);
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
    for (size_t i = 0; i < jb->plan.n; i++) {
        page_size(jb, i, &w, &h);
        cairo_pdf_surface_set_size(s, w, h);
        paint_page(jb, i, cr);
        jmap_pdf_page_end(s, &pages[i]);
        cairo_show_page(cr);
    }
    jmap_pdf_document(s, jb->journey, jb->opts->source_name, pages, jb->plan.n);
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

static int write_layout(job *jb, sink *out)
{
    jmap_layout_dump(jb->full, &out->buf);
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

int jmap_render_file(const jmap_journey *journey,
                     const jmap_render_options *opts, const char *out_path,
                     jmap_diag_list *diags, char *why, size_t why_len)
{
    if (why_len)
        why[0] = '\0';
    if (!journey || !opts || !out_path) {
        snprintf(why, why_len, "nothing to render");
        return JMAP_ERR_USAGE;
    }
    int r = jmap_render_options_check(opts, why, why_len); /* options.c */
    if (r)
        return r;
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
    jb.full = jmap_layout_new(journey, jb.m, NULL, diags);
    if (opts->format != JMAP_FORMAT_LAYOUT)
        plan_pages(&jb);
    sink out = {.path = out_path, .stream = formats[opts->format].streamed};
    jmap_buf_init(&out.buf);
    r = formats[opts->format].write(&jb, &out);
    r = sink_close(&out, r, why, why_len);
    plan_destroy(&jb.plan, jb.full);
    jmap_layout_free(jb.full);
    jmap_measurer_free(jb.m);
    return r;
}
