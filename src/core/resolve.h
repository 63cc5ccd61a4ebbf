/*
 * resolve.h - the resolve pass (resolve.c), run by the loader on every
 * journey it hands out. Not part of the public API.
 */
#ifndef JMAP_RESOLVE_H
#define JMAP_RESOLVE_H

#include "internal.h"

/* Fills every derived field of `journey` (see jmap.h) from its resolved
 * references, allocating in its arena. A reference that names nothing is
 * left out. Running it again recomputes the same facts. */
void jmap_journey_resolve(jmap_journey *journey);

#endif /* JMAP_RESOLVE_H */
