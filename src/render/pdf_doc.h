/*
 * pdf_doc.h - the PDF around its pages: metadata, bookmarks, page labels
 * and the document's language (pdf_doc.c).
 *
 * output.c says what each page shows with a jmap_pdf_page and calls, in
 * this order: jmap_pdf_page_end() as each page is drawn, then
 * jmap_pdf_document() once after the last page, then, when cairo has
 * finished the file, jmap_pdf_set_lang() on its bytes.
 */
#ifndef JMAP_PDF_DOC_H
#define JMAP_PDF_DOC_H

#include "internal.h"

#include <cairo.h>

/* Where a stage starts on a page, for its bookmark. */
typedef struct jmap_pdf_start {
    size_t stage; /* index in journey->stages */
    double x, y;  /* in page points from the page's top-left corner */
} jmap_pdf_start;

/* One page of the document, as its label and bookmarks see it. */
typedef struct jmap_pdf_page {
    int number;                   /* 1-based page number */
    size_t first, end;            /* the steps it shows, [first, end) */
    int row, col;                 /* 1-based tile row and column when the map
                                     is split both ways ("B3"), else 0, 0 */
    const jmap_pdf_start *starts; /* the stages that start on it, in order
                                     (borrowed) */
    size_t n_starts;              /* number of starts */
} jmap_pdf_page;

/* Longest page label jmap_pdf_page_label() writes, with its NUL. */
#define JMAP_PDF_LABEL_MAX 32

/* The label of `page`: its number ("3"), or its row as letters and its
 * column as a number ("B3", "AA12") when row and col are set. */
void jmap_pdf_page_label(const jmap_pdf_page *page, char *out, size_t len);

/* Labels the page being drawn on `s`: call it once the page is drawn,
 * before cairo_show_page (cairo forgets a label set before the page's
 * first drawing). */
void jmap_pdf_page_end(cairo_surface_t *s, const jmap_pdf_page *page);

/* Once, after the last page and before the surface is finished: the title,
 * subject (naming `source_name`, the map's file, unless NULL or "-"),
 * creator and dates, and one bookmark per page titled with its label and
 * stages ("1 · Awareness – Acquisition"), with one child per stage that
 * starts on it. */
void jmap_pdf_document(cairo_surface_t *s, const jmap_journey *j,
                       const char *source_name, const jmap_pdf_page *pages,
                       size_t n);

/* A copy of `s` for cairo's PDF strings (metadata, bookmarks), which
 * refuse the Unicode noncharacters and bytes that are not UTF-8: they
 * become U+FFFD. The caller frees it. */
char *jmap_pdf_string(const char *s);

/* The language tag a PDF of a map in `lang` declares ("en-US", "fr-FR"). */
const char *jmap_pdf_lang_tag(jmap_lang lang);

/* Appends to the finished PDF in `pdf` an incremental update (a new
 * catalog with /Lang, a cross-reference section and a trailer pointing
 * back at the old one) that declares `lang`, and numbers the pages when
 * cairo left the page-label tree empty. Returns 0, or -1 when the
 * file is not laid out as cairo writes it (no classic cross-reference
 * table, no catalog, a language already set): `pdf` is then unchanged. */
int jmap_pdf_set_lang(jmap_buf *pdf, jmap_lang lang);

#endif /* JMAP_PDF_DOC_H */
