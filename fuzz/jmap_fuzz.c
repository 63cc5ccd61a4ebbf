/*
 * jmap_fuzz.c - the libFuzzer target: any bytes go through every stage a
 * render goes through, and must come out with diagnostics, never a crash,
 * a leak, a hang or a sanitizer report.
 *
 * The input is loaded and validated; the diagnostics are printed (to a
 * throwaway stream) the way the command line prints them, and written in
 * every lint report format under a file name made of the input's first
 * bytes (so that escaping names is fuzzed too); a map without errors is
 * then exported in every format, compared with itself and with a small
 * map in every diff format, laid out, dumped, drawn on a cairo
 * recording surface and written as SVG (paint_svg.c) into memory, and
 * rendered by jmap_render_file() to a device, under that same name, in a
 * format and on a page chosen by its last byte. replay.c runs the same entry point over
 * files, so the corpus can be replayed without libFuzzer.
 */
#include "paint_cairo.h"
#include "paint_svg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lays out, dumps and draws an error-free journey. */
static void render(const jmap_journey *journey)
{
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_measurer *m = jmap_measurer_new();
    jmap_layout *layout = jmap_layout_new(journey, m, &diags);

    jmap_buf dump;
    jmap_buf_init(&dump);
    jmap_layout_dump(layout, &dump);
    jmap_buf_destroy(&dump);

    cairo_rectangle_t extents = {0, 0, layout->width, layout->height};
    cairo_surface_t *surface =
        cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    cairo_t *cr = cairo_create(surface);
    jmap_layout_draw(layout, cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        abort(); /* drawing a finished layout must never fail */
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);

    if (layout->width <= JMAP_MAX_SVG_SIDE_PT &&
        layout->height <= JMAP_MAX_SVG_SIDE_PT) { /* as jmap_render_file */
        jmap_buf svg;
        jmap_buf_init(&svg);
        if (jmap_svg_write(layout, "fuzz", layout->width, layout->height, 1.0,
                           0, 0, &svg, NULL, NULL) != 0)
            abort(); /* writing a finished layout must never fail */
        jmap_buf_destroy(&svg);
    }

    jmap_layout_free(layout);
    jmap_measurer_free(m);
    jmap_diag_list_destroy(&diags);
}

/* Renders an error-free journey the way `jmap render` does, to a device so
 * that nothing is kept, with options taken from `seed` (a byte of the
 * input): each format, page size, orientation and --fit. PNGs get a low
 * resolution to keep the fuzzer fast. Failing (a PNG too large) is fine;
 * crashing is not. */
static void render_file(const jmap_journey *journey, unsigned seed,
                        const char *name)
{
    static const jmap_format formats[] = {JMAP_FORMAT_PDF, JMAP_FORMAT_SVG,
                                          JMAP_FORMAT_PNG, JMAP_FORMAT_LAYOUT};
    jmap_render_options opts;
    jmap_render_options_init(&opts, formats[seed % 4]);
    opts.page = (jmap_page)(seed / 4 % 8);
    opts.orientation = (jmap_orientation)(seed / 32 % 3);
    opts.fit = (int)(seed / 96 % 2);
    opts.tile = (jmap_page)(seed / 192 % 3 * 2); /* none, a3, letter */
    opts.blank = (int)(seed / 576 % 2);
    if (opts.format == JMAP_FORMAT_PNG)
        opts.dpi = 12.0;
    opts.source_name = name;
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    char why[256];
    jmap_render_file(journey, &opts, "/dev/null", &diags, NULL, why, sizeof why);
    jmap_diag_list_destroy(&diags);
}

/* Compares an error-free journey with itself (no change, or diff.c is
 * wrong) and with a small fixed one both ways, each report in every
 * format. */
static void compare(FILE *sink, const jmap_journey *journey, const char *name)
{
    static const char other_text[] =
        "jmap: 1\ntitle: Other\nstages:\n  - id: s\n    name: S\n    steps:\n"
        "      - name: A step\n        emotion: 1\n        irritants: [It hurts]\n";
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_journey *other = jmap_journey_load(other_text, sizeof other_text - 1, &diags);
    const jmap_journey *sides[3][2] = {
        {journey, journey}, {journey, other}, {other, journey}};
    for (int k = 0; k < 3; k++) {
        jmap_change_list changes;
        jmap_change_list_init(&changes);
        jmap_journey_diff(sides[k][0], sides[k][1], &changes);
        if (k == 0 && changes.count)
            abort(); /* a journey differs from itself */
        jmap_diff_pair pair = {name, name, &changes};
        for (int f = JMAP_DIFF_TEXT; f <= JMAP_DIFF_JSON; f++)
            jmap_diff_write(sink, (jmap_diff_format)f, &pair, 1, f == 0);
        jmap_change_list_destroy(&changes);
    }
    jmap_journey_free(other);
    jmap_diag_list_destroy(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > JMAP_MAX_FILE_BYTES)
        return 0; /* refused whole by jmap_file_read before any parsing */
    /* A copy of exactly `size` bytes, so reading past the input is caught. */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);

    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_journey *journey = jmap_journey_load(text, size, &diags);
    jmap_journey_validate(journey, &diags);
    jmap_diag_list_sort(&diags);

    /* A file name of the input's first bytes (up to a NUL). */
    char name[65];
    size_t n = size < 64 ? size : 64;
    memcpy(name, data, n);
    name[n] = '\0';

    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        for (size_t i = 0; i < diags.count; i++)
            jmap_diag_print(sink, name, text, size, &diags.items[i], 1);
        jmap_report_file file = {name, text, size, &diags, NULL};
        jmap_report_file unreadable = {name, NULL, 0, NULL, "No such file"};
        for (int f = JMAP_REPORT_TEXT; f <= JMAP_REPORT_GITHUB; f++) {
            jmap_report_write(sink, (jmap_report_format)f, &file, 1, f == 0);
            jmap_report_write(sink, (jmap_report_format)f, &unreadable, 1, 0);
        }
        if (journey && diags.errors == 0) {
            for (int f = JMAP_EXPORT_JSON; f <= JMAP_EXPORT_CSV; f++)
                jmap_export_write(sink, journey, (jmap_export_format)f);
            compare(sink, journey, name);
        }
        fclose(sink);
    }
    free(jmap_escape_text(name));
    if (journey && diags.errors == 0) {
        render(journey);
        render_file(journey, size ? data[size - 1] : 0, name);
    }

    jmap_journey_free(journey);
    jmap_diag_list_destroy(&diags);
    free(text);
    return 0;
}
