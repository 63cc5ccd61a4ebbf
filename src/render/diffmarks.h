/*
 * diffmarks.h - the changes from an older map, marked on a layout
 * (diffmarks.c); not part of the public API.
 *
 * A jmap_diffmarks is made once per render from the new journey and the
 * change list (`jmap render --diff OLD`). Layout asks it, card by card,
 * how much room a card's tag needs under its text, lets it fill the
 * changes lane (its key, and under each step what the old map had there:
 * removed steps, solved irritants, removed moments, ideas, touchpoints),
 * and once the map is laid out hands it the layout, to which it adds the
 * outlines, tags and old emotion points as boxes and paths of their own.
 */
#ifndef JMAP_DIFFMARKS_H
#define JMAP_DIFFMARKS_H

#include "layout.h"

typedef struct jmap_diffmarks jmap_diffmarks;

/* The marks of `changes` (from an older map to `journey`), or NULL when
 * there is nothing to mark. The caller frees it with jmap_diffmarks_free,
 * before `journey` and `changes`, which it borrows. */
jmap_diffmarks *jmap_diffmarks_new(const jmap_journey *journey,
                                   const jmap_change_list *changes);
void jmap_diffmarks_free(jmap_diffmarks *dm);

/* The height to add under the text of the card of `kind` written at `pos`
 * for its tag, in a card `w` wide: 0 when it has none. */
double jmap_diffmarks_room(const jmap_diffmarks *dm, jmap_measurer *m,
                           jmap_box_kind kind, jmap_pos pos, double w);

/* Fills the changes lane of L from y (its top), its label `label_h` high:
 * the key of the marks in the label column, and the removed items under
 * the columns. Returns the lane's height, 0 when it shows nothing. */
double jmap_diffmarks_lane(const jmap_diffmarks *dm, jmap_layout *L,
                           jmap_measurer *m, double y, double label_h);

/* Adds to the finished layout L the outlines and tags of its marked cards
 * and the old points of the emotions that changed. */
void jmap_diffmarks_apply(const jmap_diffmarks *dm, jmap_layout *L,
                          jmap_measurer *m);

#endif /* JMAP_DIFFMARKS_H */
