/*
 * options.c - whether a set of render options can be rendered.
 *
 * jmap_render_options_check() is the one place that says which formats,
 * page sizes and resolutions are allowed (the bounds are JMAP_MIN_DPI and
 * JMAP_MAX_DPI in jmap.h). It is in the core, not in the renderer: the jmap
 * program checks its options with it before it loads the renderer module,
 * and jmap_render_file() (output.c) checks them again for every other
 * caller of the library.
 */
#include "formats.h"
#include "internal.h"

#include <stdio.h>

int jmap_render_options_check(const jmap_render_options *o, char *why,
                              size_t why_len)
{
    double w, h;
    if (!jmap_format_name((int)o->format)) {
        snprintf(why, why_len, "unknown output format");
        return JMAP_ERR_USAGE;
    }
    if (!jmap_page_size(o->page, &w, &h)) {
        snprintf(why, why_len, "unknown page size");
        return JMAP_ERR_USAGE;
    }
    if (!(o->dpi >= JMAP_MIN_DPI && o->dpi <= JMAP_MAX_DPI)) {
        char dpi[64];
        jmap_format_double(dpi, sizeof dpi, o->dpi, 2);
        snprintf(why, why_len, "--dpi takes a whole number from %d to %d, not '%s'",
                 JMAP_MIN_DPI, JMAP_MAX_DPI, dpi);
        return JMAP_ERR_USAGE;
    }
    if ((unsigned)o->orientation > JMAP_ORIENTATION_PORTRAIT) {
        snprintf(why, why_len, "unknown orientation");
        return JMAP_ERR_USAGE;
    }
    double tw, th;
    if (!jmap_page_size(o->tile, &tw, &th)) {
        snprintf(why, why_len, "unknown tile size");
        return JMAP_ERR_USAGE;
    }
    if (o->tile != JMAP_PAGE_AUTO) {
        if (o->format != JMAP_FORMAT_PDF) {
            snprintf(why, why_len, "--tile makes a PDF, not a %s",
                     jmap_format_name((int)o->format));
            return JMAP_ERR_USAGE;
        }
        if (o->page == JMAP_PAGE_AUTO || tw * th >= w * h) {
            snprintf(why, why_len,
                     "--tile %s needs a --page larger than its sheets "
                     "(e.g. --page a1 --tile a4)", jmap_page_name((int)o->tile));
            return JMAP_ERR_USAGE;
        }
        if (o->fit) {
            snprintf(why, why_len, "--tile and --fit do not go together: a poster "
                     "is printed at its own size");
            return JMAP_ERR_USAGE;
        }
    }
    return 0;
}
