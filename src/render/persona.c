/*
 * persona.c - one persona's journey (`--persona ID`).
 *
 * jmap_persona_journey() makes a journey of the steps that are the
 * persona's (a step without `personas` is everyone's), under the stages
 * that hold some of them, with that persona alone: its card, its emotion
 * curve. It shares the map's strings, touchpoints and departments, and
 * copies what the layout numbers or follows: stages, steps, their `next`
 * and the emotions of the curve. The layout then draws it as any map.
 */
#include "layout.h"

#include <string.h>

int jmap_step_is_theirs(const jmap_step *s, const jmap_persona *p)
{
    if (!s->n_personas)
        return 1;
    for (size_t k = 0; k < s->n_personas; k++)
        if (s->personas[k].target == p)
            return 1;
    return 0;
}

/* The copies of the emotions of `list` that are on kept steps, their step
 * the copy (`copy` maps an old step's index to its copy, or NULL). */
static const jmap_emotion **keep_emotions(jmap_arena *a,
                                          const jmap_emotion *const *list,
                                          size_t n, jmap_step **copy,
                                          size_t *n_out)
{
    const jmap_emotion **out = jmap_arena_alloc(a, n ? n : 1, sizeof *out);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        jmap_step *s = copy[list[i]->step->index];
        if (!s)
            continue;
        jmap_emotion *e = jmap_arena_alloc(a, 1, sizeof *e);
        *e = *list[i];
        e->step = s;
        out[m++] = e;
    }
    *n_out = m;
    return out;
}

jmap_journey *jmap_persona_journey(const jmap_journey *j, size_t persona)
{
    const jmap_persona *p = &j->personas[persona];
    jmap_arena *a = jmap_arena_new();
    jmap_journey *b = jmap_arena_alloc(a, 1, sizeof *b);
    *b = *j;
    b->arena = a;
    b->links = NULL;
    b->n_links = 0;
    /* the steps that are the persona's, renumbered */
    jmap_step **copy = jmap_xcalloc(j->n_steps ? j->n_steps : 1, sizeof *copy);
    b->steps = jmap_arena_alloc(a, j->n_steps ? j->n_steps : 1, sizeof *b->steps);
    b->n_steps = 0;
    for (size_t i = 0; i < j->n_steps; i++) {
        if (!jmap_step_is_theirs(j->steps[i], p))
            continue;
        jmap_step *s = jmap_arena_alloc(a, 1, sizeof *s);
        *s = *j->steps[i];
        s->index = b->n_steps;
        copy[i] = s;
        b->steps[b->n_steps++] = s;
    }
    /* their `next`, to the copies (a step that is not theirs: none) */
    for (size_t i = 0; i < b->n_steps; i++) {
        jmap_step *s = b->steps[i];
        if (!s->n_next)
            continue;
        jmap_ref *next = jmap_arena_alloc(a, s->n_next, sizeof *next);
        for (size_t k = 0; k < s->n_next; k++) {
            next[k] = s->next[k];
            const jmap_step *t = s->next[k].target;
            next[k].target = t ? copy[t->index] : NULL;
        }
        s->next = next;
    }
    /* the stages that hold some of them */
    b->stages = jmap_arena_alloc(a, j->n_stages ? j->n_stages : 1,
                                 sizeof *b->stages);
    b->n_stages = 0;
    for (size_t i = 0; i < j->n_stages; i++) {
        const jmap_stage *src = &j->stages[i];
        jmap_stage *st = &b->stages[b->n_stages];
        *st = *src;
        st->index = b->n_stages;
        st->steps = jmap_arena_alloc(a, src->n_steps ? src->n_steps : 1,
                                     sizeof *st->steps);
        st->n_steps = 0;
        for (size_t k = 0; k < src->n_steps; k++) {
            jmap_step *s = copy[src->steps[k]->index];
            if (s) {
                s->stage = st;
                st->steps[st->n_steps++] = s;
            }
        }
        b->n_stages += st->n_steps > 0;
    }
    /* the persona alone, with the emotions of its curve */
    jmap_persona *only = jmap_arena_alloc(a, 1, sizeof *only);
    *only = *p;
    only->index = 0;
    only->emotions = keep_emotions(a, p->emotions, p->n_emotions, copy,
                                   &only->n_emotions);
    b->personas = only;
    b->n_personas = 1;
    b->plain_emotions = keep_emotions(a, j->plain_emotions,
                                      j->n_plain_emotions, copy,
                                      &b->n_plain_emotions);
    /* the departments, involved in the steps kept */
    b->departments = jmap_arena_alloc(a, j->n_departments ? j->n_departments : 1,
                                      sizeof *b->departments);
    for (size_t d = 0; d < j->n_departments; d++) {
        b->departments[d] = j->departments[d];
        b->departments[d].n_steps = 0;
    }
    for (size_t i = 0; i < b->n_steps; i++)
        for (size_t k = 0; k < b->steps[i]->n_involved; k++)
            b->departments[b->steps[i]->involved[k].department->index].n_steps++;
    free(copy);
    return b;
}

size_t jmap_persona_find(const jmap_journey *j, const char *id)
{
    for (size_t i = 0; id && i < j->n_personas; i++)
        if (strcmp(j->personas[i].id, id) == 0)
            return i;
    return (size_t)-1;
}
