/*
 * paint_svg.h - the SVG backend of the painter: jmap's own SVG writer.
 */
#ifndef JMAP_PAINT_SVG_H
#define JMAP_PAINT_SVG_H

#include "layout.h"

/* Writes the SVG document of `layout` into `out`: a page of w x h pt with
 * the map scaled by `scale` and moved by (ox, oy), titled `title`, its texts
 * as text. flush(ctx) (may be NULL) is called after each element, so that a
 * streamed output can write `out` out once it holds a chunk. Returns 0. */
int jmap_svg_write(const jmap_layout *layout, const char *title, double w,
                   double h, double scale, double ox, double oy,
                   jmap_buf *out, void (*flush)(void *ctx), void *ctx);

#endif /* JMAP_PAINT_SVG_H */
