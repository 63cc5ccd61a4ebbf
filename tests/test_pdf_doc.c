/*
 * test_pdf_doc.c - the PDF's document parts (pdf_doc.c): page labels, and
 * the incremental update that sets the language, on small PDFs made here:
 * one laid out as cairo writes it gets its /Lang (and page labels in place
 * of cairo's empty tree); every file that is not comes back byte for byte
 * as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pdf_doc.h"

/* A one-page PDF as cairo lays one out: objects, a classic cross-reference
 * table, a trailer, startxref. `catalog` is the catalog's dictionary (object
 * 3); `labels` object 4's, NULL for none; `trailer` the trailer's (NULL:
 * the usual one). */
static void make_pdf_with(jmap_buf *b, const char *catalog, const char *labels,
                          const char *trailer)
{
    size_t off[5];
    int n = labels ? 5 : 4;
    jmap_buf_init(b);
    jmap_buf_puts(b, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
    off[1] = b->len;
    jmap_buf_puts(b, "1 0 obj\n<< /Type /Pages /Kids [ 2 0 R ] /Count 1 >>\nendobj\n");
    off[2] = b->len;
    jmap_buf_puts(b, "2 0 obj\n<< /Type /Page /Parent 1 0 R "
                     "/MediaBox [ 0 0 10 10 ] >>\nendobj\n");
    off[3] = b->len;
    jmap_buf_printf(b, "3 0 obj\n%s\nendobj\n", catalog);
    off[4] = b->len;
    if (labels)
        jmap_buf_printf(b, "4 0 obj\n%s\nendobj\n", labels);
    size_t x = b->len;
    jmap_buf_printf(b, "xref\n0 %d\n0000000000 65535 f \n", n);
    for (int i = 1; i < n; i++)
        jmap_buf_printf(b, "%010zu 00000 n \n", off[i]);
    jmap_buf_printf(b, "trailer\n%s\nstartxref\n%zu\n%%%%EOF\n",
                    trailer ? trailer : "<< /Size 5\n   /Root 3 0 R\n>>", x);
}

static void make_pdf(jmap_buf *b, const char *catalog, const char *trailer)
{
    make_pdf_with(b, catalog, NULL, trailer);
}

static const char *plain_catalog =
    "<< /Type /Catalog\n   /Pages 1 0 R\n   /PageLabels << /Nums [ 0 << /P "
    "(a >> b) >> ] >>\n>>";

/* The number after the last "startxref" of b. */
static size_t last_startxref(const jmap_buf *b)
{
    const char *p = b->data, *last = NULL;
    while ((p = strstr(p, "startxref")) != NULL)
        last = p++;
    assert_non_null(last);
    return (size_t)strtoull(last + 9, NULL, 10);
}

static void lang_is_added_by_an_update(void **state)
{
    (void)state;
    jmap_buf b;
    make_pdf(&b, plain_catalog, NULL);
    size_t old_len = b.len, old_x = last_startxref(&b);
    char *old = jmap_xstrdup(b.data);
    assert_int_equal(jmap_pdf_set_lang(&b, JMAP_LANG_FR), 0);
    /* the old file is untouched, the update follows it */
    assert_true(b.len > old_len);
    assert_memory_equal(b.data, old, old_len);
    const char *u = b.data + old_len;
    /* the catalog again, whole (its string holding ">>" too), with /Lang */
    const char *obj = strstr(u, "3 0 obj\n<< /Type /Catalog");
    assert_non_null(obj);
    assert_non_null(strstr(obj, "/PageLabels << /Nums [ 0 << /P (a >> b) >> ] >>"));
    assert_non_null(strstr(obj, "/Lang (fr-FR) >>\nendobj\n"));
    /* its cross-reference entry gives its offset, 20 bytes long */
    size_t x = last_startxref(&b);
    assert_memory_equal(b.data + x, "xref\n3 1\n", 9);
    char entry[32];
    snprintf(entry, sizeof entry, "%010zu 00000 n \n", (size_t)(obj - b.data));
    assert_memory_equal(b.data + x + 9, entry, 20);
    /* the trailer keeps the old one's entries and points back at it */
    char prev[64];
    snprintf(prev, sizeof prev, "/Root 3 0 R\n /Prev %zu >>", old_x);
    assert_non_null(strstr(b.data + x, prev));
    assert_int_equal(strcmp(b.data + b.len - 6, "%%EOF\n"), 0);
    free(old);
    jmap_buf_destroy(&b);
}

static void english_is_en_us(void **state)
{
    (void)state;
    jmap_buf b;
    make_pdf(&b, plain_catalog, NULL);
    assert_int_equal(jmap_pdf_set_lang(&b, JMAP_LANG_EN), 0);
    assert_non_null(strstr(b.data, "/Lang (en-US)"));
    assert_string_equal(jmap_pdf_lang_tag(JMAP_LANG_FR), "fr-FR");
    assert_string_equal(jmap_pdf_lang_tag((jmap_lang)99), "en-US");
    jmap_buf_destroy(&b);
}

/* jmap_pdf_set_lang refuses b and leaves it exactly as it was. */
static void refused(jmap_buf *b)
{
    char *old = b->data ? jmap_xstrdup(b->data) : NULL;
    size_t len = b->len;
    assert_int_equal(jmap_pdf_set_lang(b, JMAP_LANG_FR), -1);
    assert_int_equal(b->len, len);
    if (old)
        assert_memory_equal(b->data, old, len);
    free(old);
    jmap_buf_destroy(b);
}

/* Replaces the first `from` in b by `to`, of the same length. */
static void patch(jmap_buf *b, const char *from, const char *to)
{
    char *p = strstr(b->data, from);
    assert_non_null(p);
    assert_int_equal(strlen(from), strlen(to));
    memcpy(p, to, strlen(to));
}

static void files_not_like_cairos_are_left_alone(void **state)
{
    (void)state;
    jmap_buf b;
    jmap_buf_init(&b); /* empty */
    refused(&b);
    jmap_buf_init(&b);
    jmap_buf_puts(&b, "%PDF-1.5\nnot a PDF at all, far too short to end well\n");
    refused(&b);
    make_pdf(&b, plain_catalog, NULL); /* no startxref */
    patch(&b, "startxref", "startxreF");
    refused(&b);
    make_pdf(&b, plain_catalog, NULL); /* startxref past the table */
    patch(&b, "startxref\n", "startxref9");
    refused(&b);
    make_pdf(&b, plain_catalog, NULL); /* a cross-reference stream */
    patch(&b, "xref\n0 4", "xrff\n0 4");
    refused(&b);
    make_pdf(&b, plain_catalog, "<< /Size 4 >>"); /* no /Root */
    refused(&b);
    make_pdf(&b, plain_catalog, "<< /Size 4 /Root 3 0 R /Prev 9 >>");
    refused(&b); /* already updated */
    make_pdf(&b, plain_catalog, "<< /Size 4 /Root 7 0 R >>");
    refused(&b); /* a catalog the table does not hold */
    make_pdf(&b, plain_catalog, "<< /Size 4 /Root 3 1 R >>");
    refused(&b); /* another generation */
    make_pdf(&b, plain_catalog, "<< /Size 4 /Root 2 0 R >>");
    refused(&b); /* the root is not a catalog */
    make_pdf(&b, "<< /Type /Catalog /Pages 1 0 R /Lang (de-DE) >>", NULL);
    refused(&b); /* a language already */
    make_pdf(&b, "<< /Type /Catalog /Pages 1 0 R ", NULL);
    refused(&b); /* a catalog that never ends */
    make_pdf(&b, plain_catalog, NULL); /* the table points elsewhere */
    patch(&b, "00000 n \ntrailer", "00000 f \ntrailer");
    refused(&b);
}

/* cairo's empty label tree becomes one that numbers the pages; a tree
 * with labels, or one that cannot be read, stays. */
static void empty_page_labels_number_the_pages(void **state)
{
    (void)state;
    static const char *cat = "<< /Type /Catalog\n   /Pages 1 0 R\n"
                             "   /PageLabels 4 0 R\n>>";
    static const char *numbered =
        " /PageLabels << /Nums [ 0 << /S /D >> ] >> /Lang (fr-FR) >>";
    jmap_buf b;
    make_pdf_with(&b, cat, "<< /Nums [\n  ]\n>>", NULL);
    size_t old_len = b.len;
    assert_int_equal(jmap_pdf_set_lang(&b, JMAP_LANG_FR), 0);
    const char *u = strstr(b.data + old_len, "3 0 obj");
    assert_non_null(u);
    assert_non_null(strstr(u, numbered));
    assert_null(strstr(u, "4 0 R")); /* the empty tree is no longer used */
    jmap_buf_destroy(&b);
    make_pdf_with(&b, cat, "<< /Nums [ 0 << /P (B) /S /D >> ] >>", NULL);
    old_len = b.len;
    assert_int_equal(jmap_pdf_set_lang(&b, JMAP_LANG_FR), 0);
    u = strstr(b.data + old_len, "3 0 obj");
    assert_non_null(strstr(u, "/PageLabels 4 0 R"));
    assert_null(strstr(u, numbered));
    jmap_buf_destroy(&b);
    make_pdf_with(&b, "<< /Type /Catalog /Pages 1 0 R /PageLabels 9 0 R >>",
                  "<< /Nums [ ] >>", NULL); /* a tree the table lacks */
    old_len = b.len;
    assert_int_equal(jmap_pdf_set_lang(&b, JMAP_LANG_FR), 0);
    u = strstr(b.data + old_len, "3 0 obj");
    assert_non_null(strstr(u, "/PageLabels 9 0 R"));
    assert_non_null(strstr(u, "/Lang (fr-FR) >>"));
    assert_null(strstr(u, numbered));
    jmap_buf_destroy(&b);
}

static void page_labels(void **state)
{
    (void)state;
    char out[JMAP_PDF_LABEL_MAX];
    jmap_pdf_page p = {.number = 3};
    jmap_pdf_page_label(&p, out, sizeof out);
    assert_string_equal(out, "3");
    p = (jmap_pdf_page){.number = 7, .row = 2, .col = 3};
    jmap_pdf_page_label(&p, out, sizeof out);
    assert_string_equal(out, "B3");
    p.row = 26;
    p.col = 1;
    jmap_pdf_page_label(&p, out, sizeof out);
    assert_string_equal(out, "Z1");
    p.row = 27;
    p.col = 12;
    jmap_pdf_page_label(&p, out, sizeof out);
    assert_string_equal(out, "AA12");
    p.row = 0; /* split one way only: the number */
    jmap_pdf_page_label(&p, out, sizeof out);
    assert_string_equal(out, "7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lang_is_added_by_an_update),
        cmocka_unit_test(english_is_en_us),
        cmocka_unit_test(files_not_like_cairos_are_left_alone),
        cmocka_unit_test(empty_page_labels_number_the_pages),
        cmocka_unit_test(page_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
