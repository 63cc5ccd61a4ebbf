/*
 * paint_cairo.h - the cairo backend of the painter: PDF and PNG pages.
 */
#ifndef JMAP_PAINT_CAIRO_H
#define JMAP_PAINT_CAIRO_H

#include "layout.h"

#include <cairo.h>

/* Paints `layout` on `cr` in layout units (the caller sets any scale). */
void jmap_layout_draw(const jmap_layout *layout, cairo_t *cr);

/* Closes the structure that drawing on the PDF surface `s` opened: call it
 * after its last page (nothing when none was opened). */
void jmap_cairo_tags_close(cairo_surface_t *s);

#endif /* JMAP_PAINT_CAIRO_H */
