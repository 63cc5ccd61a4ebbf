/*
 * formats.h - paper sizes, shared by the core (formats.c) and the renderer
 * (output.c); not part of the public API.
 */
#ifndef JMAP_FORMATS_H
#define JMAP_FORMATS_H

#include "jmap.h"

/* The paper size `page` in points, portrait; 0 x 0 for JMAP_PAGE_AUTO.
 * Returns 0 (and 0 x 0) when `page` is no page size. */
int jmap_page_size(jmap_page page, double *w, double *h);

#endif /* JMAP_FORMATS_H */
