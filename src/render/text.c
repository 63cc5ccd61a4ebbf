/*
 * text.c - measuring text with Pango, once per text.
 *
 * A jmap_measurer owns the one PangoFontMap and PangoContext of a render
 * (never the process-wide default font map, so nothing is static and two
 * renders never share state). The context is set up so that measurements do
 * not depend on the output: 72 dpi (one Pango point is one layout unit),
 * metrics hinting off, no outline hinting, unrounded glyph positions. The
 * layouts it hands out are kept by the layout stage and painted as they are
 * by draw.c, so PDF, SVG and PNG show exactly the measured text.
 *
 * Each text is measured once per render: layouts are cached by text, style
 * and width, and a cached layout is shared (reference-counted) by every
 * box and page that shows it. Only rendering creates a measurer: linting
 * never loads a font.
 *
 * The map must look the same on every machine that has jmap's font, so the
 * font map gets a fontconfig set-up of its own (font_config()): the font
 * folders and caches of the system's configuration, none of its rules. A
 * user's or a package's rule (an alias, emboldening, another preferred
 * sans) then changes nothing, and other installed fonts only serve the
 * scripts that jmap's font lacks. Pango sorts every font of the set-up for
 * each type style it loads, which is most of a small render's time with
 * hundreds of fonts installed: so the set-up holds jmap's two faces alone
 * as long as they draw every character measured (font_covers()), and takes
 * in the other installed fonts the first time a text needs one (widen()).
 * Both give the same result for a text the two faces draw: they come first
 * in any sort. jmap's font is Noto Sans, narrow for its
 * x-height and with a capital I unlike l and 1; a machine without it gets
 * DejaVu Sans, silently. A word longer than its line breaks between two
 * characters, with no hyphen added (such a text is laid out again with
 * the attribute that says so, which would slow every text). Every line is LINE_HEIGHT times its
 * size in either face (Noto Sans's own spacing, made for stacked accents, is 14%
 * taller). jmap_measurer_check() tells whether one of the two faces is
 * there before anything is measured with a substitute.
 */
#include "layout.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <string.h>

struct jmap_measurer {
    PangoFontMap *fontmap;                  /* this render's font map */
    PangoContext *context;                  /* its one context */
    PangoFontMap *narrow_map;               /* the font map of jmap's faces
                                               alone, kept once widened */
    FcCharSet *covered;                     /* what those faces draw; NULL
                                               once widened */
    PangoFontDescription *fonts[JMAP_FONT_COUNT_]; /* the type styles */
    PangoAttrList *lines[JMAP_FONT_COUNT_]; /* their line heights */
    PangoAttrList *whole[JMAP_FONT_COUNT_]; /* the same, and no hyphen
                                               added in a word broken
                                               between two letters
                                               (breaks_a_word) */
    int face;                               /* the face they are in, in
                                               faces[] */
    jmap_strmap cache;    /* "font|width|lines|center|text" -> PangoLayout,
                             so that the pages of a split map reuse the
                             whole map's measurements */
    jmap_arena *keys;     /* owns the cache's keys */
};

/* The type styles: one sans family, a few sizes and weights. */
static const struct {
    double size;     /* points */
    PangoWeight weight;
} font_styles[JMAP_FONT_COUNT_] = {
    [JMAP_FONT_TITLE] = {22.0, PANGO_WEIGHT_BOLD},
    [JMAP_FONT_HEADING] = {10.0, PANGO_WEIGHT_BOLD},
    [JMAP_FONT_TEXT] = {9.0, PANGO_WEIGHT_NORMAL},
    [JMAP_FONT_BODY] = {JMAP_BODY_PT, PANGO_WEIGHT_NORMAL},
    [JMAP_FONT_BODY_BOLD] = {8.5, PANGO_WEIGHT_BOLD},
    [JMAP_FONT_SMALL] = {JMAP_SMALLEST_PT, PANGO_WEIGHT_NORMAL},
    [JMAP_FONT_SMALL_BOLD] = {JMAP_SMALLEST_PT, PANGO_WEIGHT_BOLD},
};

/* jmap's faces, the one it prefers first. */
static const struct {
    const char *family;   /* the face */
    const char *families; /* what is asked for: the face, then the face that
                             draws its missing signs (Noto Sans has no
                             U+2212 MINUS SIGN) */
    const char *package;  /* Debian's and Ubuntu's */
} faces[] = {
    {"Noto Sans", "Noto Sans,DejaVu Sans", "fonts-noto-core"},
    {"DejaVu Sans", "DejaVu Sans", "fonts-dejavu-core"},
};
#define N_FACES ((int)(sizeof faces / sizeof *faces))
#define LINE_HEIGHT 1.2 /* a line's height, in sizes of its font */
#define MAX_WRAP_PT 1e6 /* widest wrapping width, in points */

double jmap_font_size(jmap_font font)
{
    return font_styles[font].size;
}

/* Appends `s` to `b` escaped for an XML text node. */
static void put_xml(jmap_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            jmap_buf_puts(b, "&amp;");
        else if (*s == '<')
            jmap_buf_puts(b, "&lt;");
        else if (*s == '>')
            jmap_buf_puts(b, "&gt;");
        else
            jmap_buf_putc(b, *s);
    }
}

/* Appends one <NAME>DIR</NAME> element per string of `dirs` (consumed). */
static void put_dirs(jmap_buf *b, const char *name, FcStrList *dirs)
{
    if (!dirs)
        return;
    for (FcChar8 *d; (d = FcStrListNext(dirs));) {
        jmap_buf_printf(b, "<%s>", name);
        put_xml(b, (const char *)d);
        jmap_buf_printf(b, "</%s>\n", name);
    }
    FcStrListDone(dirs);
}

/* Appends a fontconfig rule that keeps jmap's faces and drops every other
 * font. */
static void put_faces_only(jmap_buf *b)
{
    jmap_buf_puts(b, "<selectfont>\n<acceptfont>\n");
    for (int k = 0; k < N_FACES; k++) {
        jmap_buf_puts(b, "<pattern><patelt name=\"family\"><string>");
        put_xml(b, faces[k].family);
        jmap_buf_puts(b, "</string></patelt></pattern>\n");
    }
    /* an empty pattern matches every font */
    jmap_buf_puts(b, "</acceptfont>\n<rejectfont><pattern/></rejectfont>\n"
                     "</selectfont>\n");
}

/* jmap's fontconfig set-up: the font folders and cache folders that the
 * system's configuration names (FONTCONFIG_FILE is honoured), without its
 * matching rules; with `narrow`, only the fonts of jmap's faces. Returns
 * NULL when fontconfig fails; the caller releases the result with
 * FcConfigDestroy. */
static FcConfig *font_config(int narrow)
{
    /* The system's configuration (FONTCONFIG_FILE is honoured), which Pango
     * loads in any case: loaded here first, in this thread, so that it is
     * loaded once and Pango's own start finds it ready. */
    if (!FcInit())
        return NULL;
    FcConfig *sys = FcConfigReference(NULL);
    if (!sys)
        return NULL;
    jmap_buf xml;
    jmap_buf_init(&xml);
    jmap_buf_puts(&xml, "<?xml version=\"1.0\"?>\n<fontconfig>\n");
    put_dirs(&xml, "dir", FcConfigGetFontDirs(sys));
    put_dirs(&xml, "cachedir", FcConfigGetCacheDirs(sys));
    if (narrow)
        put_faces_only(&xml);
    jmap_buf_puts(&xml, "</fontconfig>\n");
    FcConfigDestroy(sys);
    FcConfig *cfg = FcConfigCreate();
    if (cfg && (!FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)xml.data,
                                                FcFalse) ||
                !FcConfigBuildFonts(cfg))) {
        FcConfigDestroy(cfg);
        cfg = NULL;
    }
    jmap_buf_destroy(&xml);
    return cfg;
}

/* 1 when `want` of `m` loads in `family`, in its own weight (not a
 * regular face emboldened), and draws Latin letters. */
static int font_usable(jmap_measurer *m, const PangoFontDescription *want,
                       const char *family)
{
    PangoFont *f = pango_font_map_load_font(m->fontmap, m->context, want);
    if (!f)
        return 0;
    PangoFontDescription *got = pango_font_describe(f);
    const char *name = got ? pango_font_description_get_family(got) : NULL;
    int ok = name && strcmp(name, family) == 0 &&
             pango_font_description_get_weight(got) ==
                 pango_font_description_get_weight(want) &&
             pango_font_has_char(f, 'a') && pango_font_has_char(f, 0xE9);
    if (got)
        pango_font_description_free(got);
    g_object_unref(f);
    return ok;
}

/* 1 when every style of `m` is usable in faces[face]; otherwise 0, and the
 * index of the first style that is not in *bad (when bad is not NULL). */
static int face_usable(jmap_measurer *m, int face, int *bad)
{
    for (int i = 0; i < JMAP_FONT_COUNT_; i++) {
        PangoFontDescription *d = pango_font_description_copy(m->fonts[i]);
        pango_font_description_set_family(d, faces[face].families);
        int ok = font_usable(m, d, faces[face].family);
        pango_font_description_free(d);
        if (!ok) {
            if (bad)
                *bad = i;
            return 0;
        }
    }
    return 1;
}

/* The characters that the fonts of `cfg` draw, together; NULL when it has
 * none. The caller destroys it. */
static FcCharSet *font_coverage(FcConfig *cfg)
{
    FcFontSet *set = cfg ? FcConfigGetFonts(cfg, FcSetSystem) : NULL;
    if (!set || set->nfont == 0)
        return NULL;
    FcCharSet *all = FcCharSetCreate();
    for (int i = 0; all && i < set->nfont; i++) {
        FcCharSet *cs;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
            FcCharSetMerge(all, cs, NULL);
    }
    return all;
}

/* Gives `m` a new font map on the set-up font_config(narrow) and a context
 * on it, set up as the file's comment says. */
static void open_fonts(jmap_measurer *m, int narrow)
{
    FcConfig *cfg = font_config(narrow); /* before the font map: see there */
    if (narrow)
        m->covered = font_coverage(cfg);
    m->fontmap = pango_cairo_font_map_new();
    if (cfg && PANGO_IS_FC_FONT_MAP(m->fontmap))
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m->fontmap), cfg);
    if (cfg)
        FcConfigDestroy(cfg); /* the font map keeps its own reference */
    m->context = pango_font_map_create_context(m->fontmap);
    pango_cairo_context_set_resolution(m->context, 72.0);
    pango_context_set_round_glyph_positions(m->context, FALSE);

    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(m->context, fo);
    cairo_font_options_destroy(fo);
}

/* Drops the font map and context of `m`. */
static void close_fonts(PangoFontMap *map, PangoContext *context)
{
    if (context)
        g_object_unref(context);
    if (map && PANGO_IS_FC_FONT_MAP(map)) /* gives back jmap's FcConfig */
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), NULL);
    if (map)
        g_object_unref(map);
}

/* 1 when jmap's faces draw every character of `text`, or the set-up has
 * every font already. */
static int font_covers(const jmap_measurer *m, const char *text)
{
    if (!m->covered || !text)
        return 1;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (*p < 0x80) { /* ASCII: both faces have it */
            p++;
            continue;
        }
        const gunichar c = g_utf8_get_char_validated((const char *)p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2)
            return 0; /* not UTF-8: let every font try */
        if (!FcCharSetHasChar(m->covered, c))
            return 0;
        p = (const unsigned char *)g_utf8_next_char(p);
    }
    return 1;
}

/* From now on, measures with every installed font: a text needs a
 * character that jmap's faces lack. Layouts measured so far keep the
 * narrow font map, which draws them the same. */
static void widen(jmap_measurer *m)
{
    FcCharSetDestroy(m->covered);
    m->covered = NULL;
    m->narrow_map = m->fontmap;
    g_object_unref(m->context); /* its layouts hold their own reference */
    open_fonts(m, 0);
}

jmap_measurer *jmap_measurer_new(void)
{
    jmap_measurer *m = jmap_xcalloc(1, sizeof *m);
    jmap_strmap_init(&m->cache);
    m->keys = jmap_arena_new();
    open_fonts(m, 1);
    for (int i = 0; i < JMAP_FONT_COUNT_; i++) {
        PangoFontDescription *d = pango_font_description_new();
        pango_font_description_set_weight(d, font_styles[i].weight);
        pango_font_description_set_size(
            d, (gint)(font_styles[i].size * PANGO_SCALE + 0.5));
        m->fonts[i] = d;
        m->lines[i] = pango_attr_list_new();
        pango_attr_list_insert(
            m->lines[i], pango_attr_line_height_new_absolute((int)(
                             LINE_HEIGHT * font_styles[i].size * PANGO_SCALE + 0.5)));
        /* a word too long for its line breaks between two characters,
         * without a hyphen that was not written: the text a reader copies
         * or searches is the map's */
        m->whole[i] = pango_attr_list_copy(m->lines[i]);
        pango_attr_list_insert(m->whole[i], pango_attr_insert_hyphens_new(FALSE));
    }
    /* the first face that has every style; without any, the first one,
     * which jmap_measurer_check then refuses */
    m->face = 0;
    for (int k = 0; k < N_FACES; k++)
        if (face_usable(m, k, NULL)) {
            m->face = k;
            break;
        }
    for (int i = 0; i < JMAP_FONT_COUNT_; i++)
        pango_font_description_set_family(m->fonts[i],
                                          faces[m->face].families);
    return m;
}

int jmap_measurer_check(jmap_measurer *m, char *why, size_t why_len)
{
    int bad = 0;
    if (face_usable(m, m->face, &bad))
        return 0;
    const char *bold =
        font_styles[bad].weight == PANGO_WEIGHT_BOLD ? " Bold" : "";
    snprintf(why, why_len,
             "no usable font: jmap draws its maps in %s%s or, without it, "
             "%s%s, and this system has neither (on Debian and Ubuntu: "
             "apt install %s, or %s)",
             faces[0].family, bold, faces[1].family, bold, faces[0].package,
             faces[1].package);
    return JMAP_ERR_IO;
}

void jmap_measurer_free(jmap_measurer *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cache.cap; i++)
        if (m->cache.keys[i])
            g_object_unref(m->cache.vals[i]);
    jmap_strmap_destroy(&m->cache);
    jmap_arena_free(m->keys);
    for (int i = 0; i < JMAP_FONT_COUNT_; i++) {
        pango_font_description_free(m->fonts[i]);
        pango_attr_list_unref(m->lines[i]);
        pango_attr_list_unref(m->whole[i]);
    }
    close_fonts(m->fontmap, m->context);
    close_fonts(m->narrow_map, NULL);
    if (m->covered)
        FcCharSetDestroy(m->covered);
    free(m);
}

/* Whether a line of `pl` ends inside a word (a word longer than its
 * line, broken between two letters, where Pango adds a hyphen). */
static int breaks_a_word(PangoLayout *pl)
{
    const char *text = pango_layout_get_text(pl);
    for (GSList *l = pango_layout_get_lines_readonly(pl); l && l->next; l = l->next) {
        const PangoLayoutLine *line = l->data;
        int end = line->start_index + line->length;
        if (end <= 0 || !text[end])
            continue;
        const char *last = g_utf8_find_prev_char(text, text + end);
        if (last && !g_unichar_isspace(g_utf8_get_char(last)) &&
            !g_unichar_isspace(g_utf8_get_char(text + end)) && *last != '-')
            return 1;
    }
    return 0;
}

/* A new layout of `text` set up as jmap_measurer_layout describes. */
static PangoLayout *make_layout(jmap_measurer *m, const char *text,
                                jmap_font font, double width, int max_lines,
                                int center)
{
    PangoLayout *pl = pango_layout_new(m->context);
    pango_layout_set_font_description(pl, m->fonts[font]);
    pango_layout_set_text(pl, text ? text : "", -1); /* plain text, never markup */
    pango_layout_set_attributes(pl, m->lines[font]);
    if (width > 0) {
        /* Pango counts widths in ints of 1/1024 pt: a map millions of
         * points wide would overflow them, and no text is that long */
        pango_layout_set_width(pl, (int)(fmin(width, MAX_WRAP_PT) * PANGO_SCALE));
        pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
        if (center)
            pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
    }
    /* a word broken between two letters gets no added hyphen (the
     * attribute costs a third of the measuring time: only those texts
     * are laid out again with it) */
    if (width > 0 && breaks_a_word(pl))
        pango_layout_set_attributes(pl, m->whole[font]);
    if (max_lines > 0) {
        pango_layout_set_height(pl, -max_lines);
        pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
        if (width <= 0) /* ellipsizing needs a width: cap a single line */
            pango_layout_set_width(pl, 2000 * PANGO_SCALE);
    }
    return pl;
}

PangoLayout *jmap_measurer_layout(jmap_measurer *m, const char *text,
                                  jmap_font font, double width, int max_lines,
                                  int center, int *cut, double *w, double *h)
{
    char num[32];
    jmap_format_double(num, sizeof num, width, 3);
    char *key = jmap_xasprintf("%d|%s|%d|%d|%s", (int)font, num, max_lines,
                               center, text ? text : "");
    PangoLayout *pl = jmap_strmap_get(&m->cache, key);
    if (!pl) {
        if (!font_covers(m, text))
            widen(m);
        pl = make_layout(m, text, font, width, max_lines, center);
        jmap_strmap_set(&m->cache, jmap_arena_strdup(m->keys, key), pl);
    }
    free(key);
    g_object_ref(pl);
    int lw, lh;
    pango_layout_get_size(pl, &lw, &lh);
    if (cut)
        *cut = pango_layout_is_ellipsized(pl) ? 1 : 0;
    if (w)
        *w = width > 0 ? width : (double)lw / PANGO_SCALE;
    if (h)
        *h = (double)lh / PANGO_SCALE;
    return pl;
}
