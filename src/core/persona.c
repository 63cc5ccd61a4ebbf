/*
 * persona.c - the journey of one persona (`jmap render --persona ID`).
 *
 * jmap_journey_of_persona() makes a new journey from a loaded one: the
 * steps that belong to the persona (a step without `personas` belongs to
 * everyone), in their stages, with the persona's emotions and the plain
 * ones, and that persona alone. A stage left without steps is dropped; a
 * stage that had none keeps its place. A step keeps the successors that
 * are the persona's; one that has none of them leads where its others'
 * successors lead, so the flow passes over the steps of others. The new journey is resolved like a
 * loaded one, owns its nodes in its own arena, and borrows every text from
 * the journey it was made from, which must outlive it.
 */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

/* Scratch state of one copy. */
typedef struct filter {
    const jmap_journey *j;   /* the whole journey */
    jmap_journey *out;       /* the persona's */
    const jmap_persona *who; /* the persona, in j */
    jmap_step **kept;        /* kept[i]: step i's copy, NULL when not kept */
    unsigned char *seen;     /* seen[i]: step i met by the current search */
    size_t *seen_list;       /* the steps marked in seen, to clear them */
    size_t n_seen;
    size_t from;             /* the step whose successors are searched */
    jmap_ref *found;         /* successors found for the current step */
    size_t n_found, cap_found;
} filter;

const jmap_persona *jmap_journey_persona(const jmap_journey *j, const char *id)
{
    for (size_t i = 0; j && id && i < j->n_personas; i++)
        if (strcmp(j->personas[i].id, id) == 0)
            return &j->personas[i];
    return NULL;
}

int jmap_step_of_persona(const jmap_step *s, const jmap_persona *p)
{
    if (s->n_personas == 0)
        return 1;
    for (size_t k = 0; k < s->n_personas; k++)
        if (s->personas[k].target == p)
            return 1;
    return 0;
}

/* The copy in f->out of department `d` of the whole journey (or NULL). */
static void *dept(const filter *f, const void *d)
{
    return d ? &f->out->departments[(const jmap_department *)d -
                                    f->j->departments]
             : NULL;
}

static void *touchpoint(const filter *f, const void *t)
{
    return t ? &f->out->touchpoints[(const jmap_touchpoint *)t -
                                    f->j->touchpoints]
             : NULL;
}

/* A copy of refs[0..n-1] in the new arena, each target mapped by `map`. */
static jmap_ref *copy_refs(filter *f, const jmap_ref *refs, size_t n,
                           void *(*map)(const filter *, const void *))
{
    if (!n)
        return NULL;
    jmap_ref *r = jmap_arena_alloc(f->out->arena, n, sizeof *r);
    for (size_t k = 0; k < n; k++) {
        r[k] = refs[k];
        r[k].target = map(f, refs[k].target);
    }
    return r;
}

static void add_found(filter *f, const jmap_ref *via, jmap_step *to)
{
    for (size_t k = 0; k < f->n_found; k++)
        if (f->found[k].target == to)
            return;
    if (f->n_found == f->cap_found) {
        f->cap_found = f->cap_found ? 2 * f->cap_found : 4;
        f->found = jmap_xrealloc(f->found, f->cap_found, sizeof *f->found);
    }
    f->found[f->n_found++] = (jmap_ref){to->id, via->pos, to};
}

/* Adds to f->found the persona's steps that step `i` leads to: those of
 * its successors that are the persona's, or when none is, the steps that
 * those successors lead to, found the same way, ahead of the step searched
 * from (f->from). A branch that the persona does not take is dropped; a
 * run of others' steps is passed over, but not their loops. */
static void follow(filter *f, size_t i, const jmap_ref *via)
{
    const jmap_step *s = f->j->steps[i];
    int own = 0;
    for (size_t k = 0; k < s->n_next; k++) {
        const jmap_step *t = s->next[k].target;
        if (t && f->kept[t->index] && (!via || t->index > f->from)) {
            add_found(f, via ? via : &s->next[k], f->kept[t->index]);
            own = 1;
        }
    }
    for (size_t k = 0; !own && k < s->n_next; k++) {
        const jmap_step *t = s->next[k].target;
        if (t && !f->seen[t->index]) {
            f->seen[t->index] = 1;
            f->seen_list[f->n_seen++] = t->index;
            follow(f, t->index, via ? via : &s->next[k]);
        }
    }
}

/* The successors of the copy of step `i`. */
static void link_step(filter *f, size_t i)
{
    jmap_step *c = f->kept[i];
    f->n_found = 0;
    f->from = i;
    follow(f, i, NULL);
    while (f->n_seen)
        f->seen[f->seen_list[--f->n_seen]] = 0;
    const jmap_step *after = c->index + 1 < f->out->n_steps
                                 ? f->out->steps[c->index + 1]
                                 : NULL;
    int plain = f->n_found == 1 && f->found[0].target == after;
    c->next_is_default = f->j->steps[i]->next_is_default && plain;
    c->n_next = f->n_found;
    c->next = f->n_found ? jmap_arena_alloc(f->out->arena, f->n_found,
                                            sizeof *c->next)
                         : NULL;
    if (f->n_found)
        memcpy(c->next, f->found, f->n_found * sizeof *c->next);
}

/* The copy of step `s`, its references mapped to the new journey. */
static void copy_step(filter *f, const jmap_step *s, jmap_step *c,
                      jmap_persona *who)
{
    jmap_arena *a = f->out->arena;
    *c = *s;
    c->emotions = NULL;
    c->n_emotions = 0;
    for (size_t k = 0; k < s->n_emotions; k++) {
        const jmap_emotion *e = &s->emotions[k];
        if (e->persona.id && e->persona.target != f->who)
            continue;
        if (!c->emotions)
            c->emotions = jmap_arena_alloc(a, s->n_emotions, sizeof *c->emotions);
        jmap_emotion *ce = &c->emotions[c->n_emotions++];
        *ce = *e;
        ce->persona.target = e->persona.id ? who : NULL;
        ce->step = c;
    }
    c->touchpoints = copy_refs(f, s->touchpoints, s->n_touchpoints, touchpoint);
    c->departments = copy_refs(f, s->departments, s->n_departments, dept);
    c->personas = NULL; /* the one persona's, as every step now */
    c->n_personas = 0;
    if (s->n_irritants) {
        c->irritants = jmap_arena_alloc(a, s->n_irritants, sizeof *c->irritants);
        for (size_t k = 0; k < s->n_irritants; k++) {
            c->irritants[k] = s->irritants[k];
            c->irritants[k].owner.target = dept(f, s->irritants[k].owner.target);
            c->irritants[k].step = c;
        }
    }
    if (s->n_actions) {
        c->actions = jmap_arena_alloc(a, s->n_actions, sizeof *c->actions);
        for (size_t k = 0; k < s->n_actions; k++) {
            c->actions[k] = s->actions[k];
            c->actions[k].department.target =
                dept(f, s->actions[k].department.target);
        }
    }
    c->next = NULL;
    c->n_next = 0;
    c->involved = NULL;
    c->n_involved = 0;
    c->links_in = NULL;
    c->n_links_in = 0;
}

jmap_journey *jmap_journey_of_persona(const jmap_journey *j,
                                      const jmap_persona *p)
{
    if (!j || !p)
        return NULL;
    jmap_journey *out = jmap_journey_from(j);
    jmap_arena *a = out->arena;
    out->per_persona_emotions = j->per_persona_emotions;
    out->n_personas = 1;
    out->personas = jmap_arena_alloc(a, 1, sizeof *out->personas);
    out->personas[0] = *p;
    out->personas[0].index = 0;
    filter f = {.j = j, .out = out, .who = p};

    out->n_departments = j->n_departments;
    out->departments = jmap_arena_alloc(a, j->n_departments + 1,
                                        sizeof *out->departments);
    if (j->n_departments)
        memcpy(out->departments, j->departments,
               j->n_departments * sizeof *out->departments);
    out->n_touchpoints = j->n_touchpoints;
    out->touchpoints = jmap_arena_alloc(a, j->n_touchpoints + 1,
                                        sizeof *out->touchpoints);
    for (size_t i = 0; i < j->n_touchpoints; i++) {
        out->touchpoints[i] = j->touchpoints[i];
        out->touchpoints[i].owner.target = dept(&f, j->touchpoints[i].owner.target);
    }

    size_t n = 0;
    for (size_t i = 0; i < j->n_steps; i++)
        n += jmap_step_of_persona(j->steps[i], p);
    out->steps = jmap_arena_alloc(a, n + 1, sizeof *out->steps);
    jmap_step *steps = jmap_arena_alloc(a, n + 1, sizeof *steps);
    out->stages = jmap_arena_alloc(a, j->n_stages + 1, sizeof *out->stages);
    f.kept = jmap_xcalloc(j->n_steps + 1, sizeof *f.kept);
    for (size_t i = 0; i < j->n_stages; i++) {
        const jmap_stage *src = &j->stages[i];
        jmap_stage *st = &out->stages[out->n_stages];
        *st = *src;
        st->index = out->n_stages;
        st->steps = &out->steps[out->n_steps];
        st->n_steps = 0;
        for (size_t k = 0; k < src->n_steps; k++) {
            const jmap_step *s = src->steps[k];
            if (!jmap_step_of_persona(s, p))
                continue;
            jmap_step *c = &steps[out->n_steps];
            copy_step(&f, s, c, &out->personas[0]);
            c->stage = st;
            c->index = out->n_steps;
            out->steps[out->n_steps++] = c;
            f.kept[s->index] = c;
            st->n_steps++;
        }
        if (st->n_steps || !src->n_steps) /* dropped when emptied by us */
            out->n_stages++;
    }
    f.seen = jmap_xcalloc(j->n_steps + 1, 1);
    f.seen_list = jmap_xcalloc(j->n_steps + 1, sizeof *f.seen_list);
    for (size_t i = 0; i < j->n_steps; i++)
        if (f.kept[i])
            link_step(&f, i);
    free(f.kept);
    free(f.seen);
    free(f.seen_list);
    free(f.found);
    jmap_journey_resolve(out);
    return out;
}
