/*
 * resolve.c - the resolve pass: after loading has resolved every reference,
 * the derived facts of the journey are computed once and stored on the
 * graph, in its arena, for validation, layout, exports and reports to read:
 *   - per step, the departments it involves, each once, and why (the one
 *     rule: owner of a touchpoint used there, listed in its `departments`,
 *     owner of one of its irritants, named in its `actions`);
 *   - per department, touchpoint and persona, how much it is used;
 *   - per step, the links (branch and loop arrows) that lead into it;
 *   - per persona, its emotions in journey order, and the plain emotions
 *     (for every curve), so that a curve is drawn from its own points
 *     without searching every step's emotions;
 *   - the journey's totals: irritants by severity, total duration.
 * It never reports anything: what is wrong was reported while loading.
 */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

/* Scratch state of one pass. */
typedef struct resolver {
    jmap_journey *j;  /* the journey being resolved */
    size_t *dept_at;  /* dept_at[d]: 1 + index of the last step that
                         involved department d, 0 before any */
    size_t *dept_slot; /* dept_slot[d]: its entry in that step's `involved` */
    size_t *tp_at;    /* tp_at[t]: 1 + index of the last step using t */
    jmap_involved *scratch; /* the step's involved departments being found */
    size_t cap;       /* entries of scratch */
} resolver;

static void reset_counts(jmap_journey *j)
{
    for (size_t i = 0; i < j->n_departments; i++)
        j->departments[i].n_steps = j->departments[i].n_owned = 0;
    for (size_t i = 0; i < j->n_touchpoints; i++)
        j->touchpoints[i].n_steps = 0;
    for (size_t i = 0; i < j->n_personas; i++)
        j->personas[i].n_emotions = 0;
}

/* Records that step `s` involves department `d` (NULL: an unknown one)
 * for reason `why`. */
static void involve(resolver *r, jmap_step *s, jmap_department *d, unsigned why)
{
    if (!d)
        return;
    size_t i = d->index;
    if (r->dept_at[i] == s->index + 1) {
        r->scratch[r->dept_slot[i]].why |= why;
        return;
    }
    r->dept_at[i] = s->index + 1;
    r->dept_slot[i] = s->n_involved;
    r->scratch[s->n_involved++] = (jmap_involved){d, why};
    d->n_steps++;
}

static void resolve_step(resolver *r, jmap_step *s)
{
    size_t cap = s->n_touchpoints + s->n_departments + s->n_irritants + s->n_actions;
    if (cap > r->cap) {
        r->cap = cap;
        r->scratch = jmap_xrealloc(r->scratch, cap, sizeof *r->scratch);
    }
    s->n_involved = 0;
    for (size_t k = 0; k < s->n_touchpoints; k++) {
        jmap_touchpoint *t = s->touchpoints[k].target;
        if (!t)
            continue;
        if (r->tp_at[t->index] != s->index + 1)
            t->n_steps++;
        r->tp_at[t->index] = s->index + 1;
        involve(r, s, t->owner.target, JMAP_INVOLVED_TOUCHPOINT);
    }
    for (size_t k = 0; k < s->n_departments; k++)
        involve(r, s, s->departments[k].target, JMAP_INVOLVED_LISTED);
    for (size_t k = 0; k < s->n_irritants; k++) {
        const jmap_irritant *ir = &s->irritants[k];
        involve(r, s, ir->owner.target, JMAP_INVOLVED_IRRITANT);
        r->j->n_irritants++;
        if (ir->severity <= JMAP_LEVEL_HIGH)
            r->j->n_by_severity[ir->severity]++;
    }
    for (size_t k = 0; k < s->n_actions; k++)
        involve(r, s, s->actions[k].department.target, JMAP_INVOLVED_ACTION);
    s->involved = NULL;
    if (s->n_involved) {
        s->involved = jmap_arena_alloc(r->j->arena, s->n_involved, sizeof *s->involved);
        memcpy(s->involved, r->scratch, s->n_involved * sizeof *s->involved);
    }
}

/* Whether `s -> t` is a link: a successor other than the step after it. */
static int is_link(const jmap_step *s, const jmap_step *t)
{
    return t && t->index != s->index + 1;
}

/* The links, grouped by the step they lead to (a counting sort). */
static void resolve_links(jmap_journey *j)
{
    size_t n = j->n_steps;
    size_t *at = jmap_xcalloc(n + 1, sizeof *at); /* at[t]: first link into t */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < j->steps[i]->n_next; k++) {
            const jmap_step *t = j->steps[i]->next[k].target;
            if (is_link(j->steps[i], t))
                at[t->index + 1]++;
        }
    for (size_t t = 0; t < n; t++)
        at[t + 1] += at[t];
    j->n_links = at[n];
    j->links = jmap_arena_alloc(j->arena, j->n_links + 1, sizeof *j->links);
    for (size_t t = 0; t < n; t++) {
        j->steps[t]->links_in = j->links + at[t];
        j->steps[t]->n_links_in = 0;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < j->steps[i]->n_next; k++) {
            jmap_step *t = j->steps[i]->next[k].target;
            if (is_link(j->steps[i], t))
                j->links[at[t->index] + t->n_links_in++] = (jmap_link){i, k};
        }
    free(at);
}

/* The emotions, each knowing its step, by persona (a counting sort, so in
 * journey order) and the plain ones. */
static void resolve_emotions(jmap_journey *j)
{
    size_t n_own = 0;
    j->n_plain_emotions = 0;
    for (size_t i = 0; i < j->n_steps; i++)
        for (size_t k = 0; k < j->steps[i]->n_emotions; k++) {
            jmap_emotion *e = &j->steps[i]->emotions[k];
            jmap_persona *p = e->persona.target;
            e->step = j->steps[i];
            if (p) {
                p->n_emotions++;
                n_own++;
            } else if (!e->persona.id) {
                j->n_plain_emotions++;
            }
        }
    const jmap_emotion **own = jmap_arena_alloc(j->arena, n_own + 1, sizeof *own);
    for (size_t i = 0; i < j->n_personas; i++) {
        j->personas[i].emotions = own;
        own += j->personas[i].n_emotions;
        j->personas[i].n_emotions = 0;
    }
    j->plain_emotions = jmap_arena_alloc(j->arena, j->n_plain_emotions + 1,
                                         sizeof *j->plain_emotions);
    size_t n_plain = 0;
    for (size_t i = 0; i < j->n_steps; i++)
        for (size_t k = 0; k < j->steps[i]->n_emotions; k++) {
            const jmap_emotion *e = &j->steps[i]->emotions[k];
            jmap_persona *p = e->persona.target;
            if (p)
                p->emotions[p->n_emotions++] = e;
            else if (!e->persona.id)
                j->plain_emotions[n_plain++] = e;
        }
}

/* The sum of the durations of the stages with steps, or -1 when one of
 * them has none or no stage has steps. */
static double total_minutes(const jmap_journey *j)
{
    double total = 0;
    int any = 0;
    for (size_t i = 0; i < j->n_stages; i++) {
        const jmap_stage *st = &j->stages[i];
        if (st->n_steps == 0)
            continue;
        if (st->duration.minutes < 0)
            return -1;
        total += st->duration.minutes;
        any = 1;
    }
    return any ? total : -1;
}

void jmap_journey_resolve(jmap_journey *j)
{
    if (!j)
        return;
    reset_counts(j);
    for (size_t i = 0; i < j->n_touchpoints; i++) {
        jmap_department *d = j->touchpoints[i].owner.target;
        if (d)
            d->n_owned++;
    }
    resolver r = {j, jmap_xcalloc(j->n_departments + 1, sizeof(size_t)),
                  jmap_xcalloc(j->n_departments + 1, sizeof(size_t)),
                  jmap_xcalloc(j->n_touchpoints + 1, sizeof(size_t)), NULL, 0};
    j->n_irritants = 0;
    memset(j->n_by_severity, 0, sizeof j->n_by_severity);
    for (size_t i = 0; i < j->n_steps; i++)
        resolve_step(&r, j->steps[i]);
    free(r.dept_at);
    free(r.dept_slot);
    free(r.tp_at);
    free(r.scratch);
    resolve_links(j);
    resolve_emotions(j);
    j->total_minutes = total_minutes(j);
}
