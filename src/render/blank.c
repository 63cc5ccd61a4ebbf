/*
 * blank.c - the journey of a blank sheet for a workshop (`--blank`).
 *
 * jmap_blank_journey() makes a journey with the map's title, personas,
 * stages and departments, and an empty step in place of each step (three
 * for a stage that has none yet). The layout draws its lanes with room for
 * sticky notes (JMAP_LAYOUT_BLANK), and the team fills the sheet on the
 * wall. Nothing in it is read from the steps but their number.
 */
#include "layout.h"

#include <string.h>

#define STEPS_OF_EMPTY_STAGE 3 /* columns of a stage without steps */

jmap_journey *jmap_blank_journey(const jmap_journey *j)
{
    jmap_journey *b = jmap_journey_from(j);
    jmap_arena *a = b->arena;
    b->total_minutes = j->total_minutes;
    /* the persona cards, without their emotions */
    b->n_personas = j->n_personas;
    if (j->n_personas) {
        b->personas = jmap_arena_alloc(a, j->n_personas, sizeof *b->personas);
        for (size_t i = 0; i < j->n_personas; i++) {
            b->personas[i] = j->personas[i];
            b->personas[i].emotions = NULL;
            b->personas[i].n_emotions = 0;
        }
    }
    /* a row for every department */
    b->n_departments = j->n_departments;
    if (j->n_departments) {
        b->departments = jmap_arena_alloc(a, j->n_departments,
                                          sizeof *b->departments);
        for (size_t i = 0; i < j->n_departments; i++) {
            b->departments[i] = j->departments[i];
            b->departments[i].n_steps = 1;
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < j->n_stages; i++)
        n += j->stages[i].n_steps ? j->stages[i].n_steps : STEPS_OF_EMPTY_STAGE;
    b->n_stages = j->n_stages;
    b->stages = jmap_arena_alloc(a, j->n_stages ? j->n_stages : 1,
                                 sizeof *b->stages);
    b->steps = jmap_arena_alloc(a, n ? n : 1, sizeof *b->steps);
    jmap_step *steps = jmap_arena_alloc(a, n ? n : 1, sizeof *steps);
    memset(steps, 0, (n ? n : 1) * sizeof *steps);
    for (size_t i = 0; i < j->n_stages; i++) {
        const jmap_stage *src = &j->stages[i];
        jmap_stage *st = &b->stages[i];
        memset(st, 0, sizeof *st);
        st->id = src->id;
        st->name = src->name;
        st->duration = src->duration;
        st->index = i;
        st->pos = src->pos;
        st->n_steps = src->n_steps ? src->n_steps : STEPS_OF_EMPTY_STAGE;
        st->steps = &b->steps[b->n_steps];
        for (size_t k = 0; k < st->n_steps; k++) {
            jmap_step *s = &steps[b->n_steps];
            s->id = "";
            s->stage = st;
            s->index = b->n_steps;
            b->steps[b->n_steps++] = s;
        }
    }
    return b;
}
