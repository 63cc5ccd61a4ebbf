/*
 * startup_floor.c - the floor for rendering: start the libraries jmap renders
 * with, load the font it uses, write an empty one-page PDF, nothing else.
 *
 *   startup_floor OUT.pdf
 *
 * The set-up is jmap's own (src/text.c): a font map of its own from
 * pango_cairo_font_map_new (not the process-wide one), a context at 72 dpi
 * with metrics hinting off, and "Noto Sans" loaded through it; asking for
 * the font's metrics makes fontconfig find the file and FreeType open it.
 * Exits 0 when the PDF was written, 1 otherwise.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: startup_floor OUT.pdf\n", stderr);
        return 1;
    }
    PangoFontMap *fontmap = pango_cairo_font_map_new();
    PangoContext *context = pango_font_map_create_context(fontmap);
    pango_cairo_context_set_resolution(context, 72.0);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, fo);
    cairo_font_options_destroy(fo);

    PangoFontDescription *desc = pango_font_description_from_string("Noto Sans 8");
    PangoFont *font = pango_font_map_load_font(fontmap, context, desc);
    if (!font) {
        fputs("startup_floor: cannot load Noto Sans\n", stderr);
        return 1;
    }
    PangoFontMetrics *metrics = pango_font_get_metrics(font, NULL);
    pango_font_metrics_unref(metrics);

    cairo_surface_t *surface = cairo_pdf_surface_create(argv[1], 842, 595);
    cairo_t *cr = cairo_create(surface);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    int status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);

    g_object_unref(font);
    pango_font_description_free(desc);
    g_object_unref(context);
    g_object_unref(fontmap);
    if (status != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "startup_floor: %s\n", cairo_status_to_string(status));
        return 1;
    }
    return 0;
}
