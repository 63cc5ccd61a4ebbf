/*
 * pdf_doc.c - what a PDF says about itself besides its pages: document
 * information, bookmarks, page labels and language.
 *
 * The information dictionary (title, subject, creator, dates), the
 * bookmarks and the page labels go through cairo's PDF surface. A reader
 * finds its way with them: each page's label is its number (or its tile's
 * row letters and column number, "B3", when a map is split both ways), and
 * each page has a bookmark titled with that label and the stages it shows,
 * "1 · Awareness – Acquisition", whose children point at each stage that
 * starts on it.
 *
 * cairo 1.16 cannot set the catalog's /Lang, which tells a screen reader
 * which voice to read the map in. Since a PDF is gathered in memory before
 * it is written, jmap_pdf_set_lang() appends a standard incremental update
 * to cairo's finished bytes: the catalog again with /Lang added, a
 * cross-reference section for it and a trailer whose /Prev points back at
 * cairo's. The same catalog replaces the empty page-label tree that cairo
 * writes when every label is the page's number (cairo leaves such labels
 * out) by one that numbers the pages. It reads only what cairo writes (a classic cross-reference
 * table, the catalog as a plain dictionary) and touches nothing when the
 * file looks otherwise: a PDF without its language is better than a
 * broken one.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_doc.h"
#include "paint_cairo.h"
#include "words.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- strings for cairo ---- */

/* A copy of `s` for cairo's PDF strings (metadata, bookmarks), which refuse
 * the Unicode noncharacters (U+FDD0 to U+FDEF, U+FFFE, U+FFFF and the same
 * at the end of every plane) that a map may hold, and the bytes that are
 * not UTF-8 that a file name may hold: they become U+FFFD. The caller
 * frees it. */
char *jmap_pdf_string(const char *s)
{
    jmap_buf b;
    jmap_buf_init(&b);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = jmap_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        int bad = cp == 0xFFFD && k == 1; /* a byte that is not UTF-8 */
        if (bad || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            jmap_buf_puts(&b, "\xEF\xBF\xBD");
        else
            jmap_buf_put(&b, s + i, k);
        i += k;
    }
    return b.data ? jmap_buf_take(&b) : jmap_xstrdup("");
}

/* "2026-01-02T03:04:05Z" from SOURCE_DATE_EPOCH, or 0 when unset or bad:
 * not a whole number of seconds, negative, or past the end of year 9999,
 * which a PDF date cannot write. */
static int source_date(char *out, size_t len)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (!env || !*env)
        return 0;
    char *end;
    errno = 0;
    long long v = strtoll(env, &end, 10);
    if (errno || *end || v < 0)
        return 0;
    time_t t = (time_t)v;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year > 9999 - 1900)
        return 0;
    return strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path;
}

static const char *stage_name(const jmap_stage *s)
{
    return s->name.str ? s->name.str : s->id;
}

/* ---- the information dictionary ---- */

static void metadata(cairo_surface_t *s, const jmap_journey *j,
                     const char *source_name)
{
    if (j->title.str) {
        char *title = jmap_pdf_string(j->title.str);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
        free(title);
    }
    const char *src = base_name(source_name);
    const char *what = jmap_label_text(j->lang, L_MAP);
    char *subject = src && *src && strcmp(src, "-") != 0
                        ? jmap_xasprintf("%s (%s)", what, src)
                        : jmap_xstrdup(what);
    char *safe = jmap_pdf_string(subject);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, safe);
    free(safe);
    free(subject);
    char *creator = jmap_xasprintf("jmap %s", jmap_version());
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
    free(creator);
    char date[64];
    if (source_date(date, sizeof date)) {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
}

/* ---- page labels and bookmarks ---- */

void jmap_pdf_page_label(const jmap_pdf_page *page, char *out, size_t len)
{
    if (page->row <= 0 || page->col <= 0) {
        snprintf(out, len, "%d", page->number);
        return;
    }
    char letters[16], *p = letters + sizeof letters;
    *--p = '\0';
    for (int r = page->row; r > 0 && p > letters; r = (r - 1) / 26)
        *--p = (char)('A' + (r - 1) % 26); /* A..Z, AA..AZ, ... */
    snprintf(out, len, "%s%d", p, page->col);
}

void jmap_pdf_page_end(cairo_surface_t *s, const jmap_pdf_page *page)
{
    char label[JMAP_PDF_LABEL_MAX];
    jmap_pdf_page_label(page, label, sizeof label);
    cairo_pdf_surface_set_page_label(s, label);
}

/* "1 · Awareness – Acquisition": the page's label and the stages of its
 * first and last steps. The caller frees it. */
static char *page_title(const jmap_journey *j, const jmap_pdf_page *page)
{
    char label[JMAP_PDF_LABEL_MAX];
    jmap_pdf_page_label(page, label, sizeof label);
    if (page->first >= page->end || page->end > j->n_steps)
        return jmap_xstrdup(label);
    const jmap_stage *s0 = j->steps[page->first]->stage;
    const jmap_stage *s1 = j->steps[page->end - 1]->stage;
    if (s0 == s1)
        return jmap_xasprintf("%s \xc2\xb7 %s", label, stage_name(s0));
    return jmap_xasprintf("%s \xc2\xb7 %s \xe2\x80\x93 %s", label,
                          stage_name(s0), stage_name(s1));
}

static void outline(cairo_surface_t *s, const jmap_journey *j,
                    const jmap_pdf_page *pages, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const jmap_pdf_page *pg = &pages[i];
        char *title = page_title(j, pg), *safe = jmap_pdf_string(title);
        char *link = jmap_xasprintf("page=%d", pg->number);
        int id = cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, safe,
                                               link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
        free(link);
        free(safe);
        free(title);
        for (size_t k = 0; k < pg->n_starts; k++) {
            const jmap_pdf_start *st = &pg->starts[k];
            if (st->stage >= j->n_stages)
                continue;
            char x[32], y[32];
            jmap_format_double(x, sizeof x, st->x, 2);
            jmap_format_double(y, sizeof y, st->y, 2);
            link = jmap_xasprintf("page=%d pos=[%s %s]", pg->number, x, y);
            char *name = jmap_pdf_string(stage_name(&j->stages[st->stage]));
            cairo_pdf_surface_add_outline(s, id, name, link, 0);
            free(name);
            free(link);
        }
    }
}

void jmap_pdf_document(cairo_surface_t *s, const jmap_journey *j,
                       const char *source_name, const jmap_pdf_page *pages,
                       size_t n)
{
    jmap_cairo_tags_close(s);
    metadata(s, j, source_name);
    outline(s, j, pages, n);
}

/* ---- the language, by an incremental update ---- */

const char *jmap_pdf_lang_tag(jmap_lang lang)
{
    static const char *const tags[JMAP_N_LANGS] = {
        [JMAP_LANG_EN] = "en-US",
        [JMAP_LANG_FR] = "fr-FR",
    };
    return (unsigned)lang < JMAP_N_LANGS ? tags[lang] : tags[JMAP_LANG_EN];
}

#define NOT_FOUND ((size_t)-1)
#define TAIL_SCAN 1024 /* bytes at the end of a PDF that hold startxref */

/* The offset of the last `needle` in d[from..to), or NOT_FOUND. */
static size_t find_last(const char *d, size_t from, size_t to,
                        const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = to; i >= from + k; i--)
        if (memcmp(d + i - k, needle, k) == 0)
            return i - k;
    return NOT_FOUND;
}

/* The offset of the first `needle` in d[from..to), or NOT_FOUND. */
static size_t find_first(const char *d, size_t from, size_t to,
                         const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = from; i + k <= to; i++)
        if (memcmp(d + i, needle, k) == 0)
            return i;
    return NOT_FOUND;
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
           c == '\0';
}

static int is_delim(char c)
{
    return is_space(c) || strchr("()<>[]{}/%", c) != NULL;
}

/* Reads a non-negative whole number at d[*i], after blanks; advances *i.
 * Returns 0, or -1 when there is none (or it is absurdly long). */
static int read_number(const char *d, size_t n, size_t *i, size_t *v)
{
    while (*i < n && is_space(d[*i]))
        (*i)++;
    size_t start = *i, x = 0;
    while (*i < n && d[*i] >= '0' && d[*i] <= '9' && *i - start < 15)
        x = x * 10 + (size_t)(d[(*i)++] - '0');
    if (*i == start || (*i < n && d[*i] >= '0' && d[*i] <= '9'))
        return -1;
    *v = x;
    return 0;
}

/* The end (one past ">>") of the dictionary opening at d[i] ("<<"), or
 * NOT_FOUND. Strings and hex strings are skipped whole, so a ">>" in a
 * title does not end it. */
static size_t dict_end(const char *d, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        if (d[i] == '<' && i + 1 < n && d[i + 1] == '<') {
            depth++;
            i += 2;
        } else if (d[i] == '>' && i + 1 < n && d[i + 1] == '>') {
            i += 2;
            if (--depth == 0)
                return i;
        } else if (d[i] == '<') { /* a hex string */
            while (i < n && d[i] != '>')
                i++;
            i++;
        } else if (d[i] == '(') { /* a string: nested parentheses, escapes */
            int parens = 0;
            for (; i < n; i++) {
                if (d[i] == '\\')
                    i++;
                else if (d[i] == '(')
                    parens++;
                else if (d[i] == ')' && --parens == 0)
                    break;
            }
            i++;
        } else {
            i++;
        }
    }
    return NOT_FOUND;
}

/* The offset just after key `name` ("/Root") in the dictionary d[from..to),
 * or NOT_FOUND. A name that only starts with it ("/Rootx") does not
 * count. */
static size_t dict_key(const char *d, size_t from, size_t to, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = from;; i++) {
        i = find_first(d, i, to, name);
        if (i == NOT_FOUND)
            return NOT_FOUND;
        if (i + k < to && is_delim(d[i + k]))
            return i + k;
    }
}

/* Reads "num gen R" after key `name`; returns 0, or -1. */
static int dict_ref(const char *d, size_t from, size_t to, const char *name,
                    size_t *num, size_t *gen)
{
    size_t i = dict_key(d, from, to, name);
    if (i == NOT_FOUND || read_number(d, to, &i, num) ||
        read_number(d, to, &i, gen))
        return -1;
    while (i < to && is_space(d[i]))
        i++;
    return i < to && d[i] == 'R' ? 0 : -1;
}

/* The offset of object `num` from the cross-reference table at d[x],
 * which ends where its trailer starts, at d[end]; NOT_FOUND when the
 * table does not hold it in use with generation `gen`. */
static size_t xref_offset(const char *d, size_t x, size_t end, size_t num,
                          size_t gen)
{
    size_t i = x + 4; /* after "xref" */
    for (;;) {
        size_t first, count;
        if (read_number(d, end, &i, &first) || read_number(d, end, &i, &count))
            return NOT_FOUND;
        while (i < end && is_space(d[i]))
            i++;
        if (count > (end - i) / 20)
            return NOT_FOUND;
        if (num >= first && num - first < count) {
            const char *e = d + i + (num - first) * 20; /* 20-byte entries */
            size_t off, g, j = 0;
            if (read_number(e, 20, &j, &off) || read_number(e, 20, &j, &g))
                return NOT_FOUND;
            while (j < 20 && e[j] == ' ')
                j++;
            return j < 20 && e[j] == 'n' && g == gen ? off : NOT_FOUND;
        }
        i += count * 20;
    }
}

/* The dictionary of object `num` `gen` found at d[at] before x: its
 * "<<" at *o0 and one past its ">>" at *o1. Returns 0, or -1. */
static int object_dict(const char *d, size_t x, size_t at, size_t num,
                       size_t gen, size_t *o0, size_t *o1)
{
    char head[64];
    int hn = snprintf(head, sizeof head, "%zu %zu obj", num, gen);
    if (at >= x || x - at < (size_t)hn || memcmp(d + at, head, (size_t)hn) != 0)
        return -1;
    size_t i = at + (size_t)hn;
    while (i < x && is_space(d[i]))
        i++;
    if (i + 1 >= x || d[i] != '<' || d[i + 1] != '<')
        return -1;
    *o0 = i;
    *o1 = dict_end(d, x, i);
    return *o1 == NOT_FOUND ? -1 : 0;
}

/* cairo 1.16 writes an empty page label tree (/Nums [ ]) when every page's
 * label is its number, where the format wants the tree to hold page 0. 1
 * when the catalog d[c0..c1) points at such a tree, with [*k0, *k1) the
 * span of its key and reference in the catalog. */
static int empty_labels(const char *d, size_t x, size_t tr, size_t c0,
                        size_t c1, size_t *k0, size_t *k1)
{
    size_t i = dict_key(d, c0, c1, "/PageLabels"), num, gen, o0, o1;
    if (i == NOT_FOUND)
        return 0;
    *k0 = i - strlen("/PageLabels");
    if (read_number(d, c1, &i, &num) || read_number(d, c1, &i, &gen))
        return 0;
    while (i < c1 && is_space(d[i]))
        i++;
    if (i >= c1 || d[i] != 'R')
        return 0;
    *k1 = i + 1;
    if (object_dict(d, x, xref_offset(d, x, tr, num, gen), num, gen, &o0, &o1))
        return 0;
    i = dict_key(d, o0, o1, "/Nums");
    if (i == NOT_FOUND)
        return 0;
    while (i < o1 && is_space(d[i]))
        i++;
    if (i >= o1 || d[i++] != '[')
        return 0;
    while (i < o1 && is_space(d[i]))
        i++;
    return i < o1 && d[i] == ']';
}

int jmap_pdf_set_lang(jmap_buf *pdf, jmap_lang lang)
{
    const char *d = pdf->data;
    size_t n = pdf->len;
    if (!d || n < 32)
        return -1;
    /* The last startxref names cairo's cross-reference table. */
    size_t tail = n > TAIL_SCAN ? n - TAIL_SCAN : 0;
    size_t sx = find_last(d, tail, n, "startxref"), x, i;
    if (sx == NOT_FOUND)
        return -1;
    i = sx + 9;
    if (read_number(d, n, &i, &x) || x >= sx || memcmp(d + x, "xref", 4) != 0)
        return -1;
    /* Its trailer: the catalog's reference, and nothing this update
     * could not carry over. */
    size_t tr = find_first(d, x, sx, "trailer");
    size_t t0 = tr == NOT_FOUND ? NOT_FOUND : find_first(d, tr, sx, "<<");
    size_t t1 = t0 == NOT_FOUND ? NOT_FOUND : dict_end(d, sx, t0);
    size_t root, gen;
    if (t1 == NOT_FOUND || dict_ref(d, t0, t1, "/Root", &root, &gen) ||
        dict_key(d, t0, t1, "/Prev") != NOT_FOUND ||
        dict_key(d, t0, t1, "/XRefStm") != NOT_FOUND ||
        dict_key(d, t0, t1, "/Encrypt") != NOT_FOUND)
        return -1;
    /* The catalog, a plain dictionary, without a language yet. */
    size_t at = xref_offset(d, x, tr, root, gen);
    if (at == NOT_FOUND || at >= x)
        return -1;
    size_t c0, c1;
    if (object_dict(d, x, at, root, gen, &c0, &c1) ||
        dict_key(d, c0, c1, "/Lang") != NOT_FOUND)
        return -1;
    size_t ty = dict_key(d, c0, c1, "/Type");
    while (ty != NOT_FOUND && ty < c1 && is_space(d[ty]))
        ty++;
    if (ty == NOT_FOUND || c1 - ty < 8 || memcmp(d + ty, "/Catalog", 8) != 0)
        return -1;
    /* The update: the catalog again with /Lang (and page labels that
     * number the pages, in place of an empty tree), its cross-reference
     * section, and a trailer like cairo's that points back at it. */
    size_t k0 = c1 - 2, k1 = c1 - 2; /* what to leave out of the catalog */
    int numbered = empty_labels(d, x, tr, c0, c1, &k0, &k1);
    if (!numbered)
        k0 = k1 = c1 - 2;
    jmap_buf u;
    jmap_buf_init(&u);
    if (d[n - 1] != '\n')
        jmap_buf_putc(&u, '\n');
    size_t obj = n + u.len;
    jmap_buf_printf(&u, "%zu %zu obj\n", root, gen);
    jmap_buf_put(&u, d + c0, k0 - c0);
    jmap_buf_put(&u, d + k1, c1 - 2 - k1); /* without its ">>" */
    if (numbered)
        jmap_buf_puts(&u, " /PageLabels << /Nums [ 0 << /S /D >> ] >>");
    jmap_buf_printf(&u, " /Lang (%s) >>\nendobj\n", jmap_pdf_lang_tag(lang));
    size_t xref = n + u.len;
    jmap_buf_printf(&u, "xref\n%zu 1\n%010zu %05zu n \ntrailer\n", root, obj,
                    gen);
    jmap_buf_put(&u, d + t0, t1 - t0 - 2);
    jmap_buf_printf(&u, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n", x, xref);
    jmap_buf_put(pdf, u.data, u.len);
    jmap_buf_destroy(&u);
    return 0;
}
