/*
 * validate.c - the graph-level rules, run on a loaded journey: empty-stage,
 * unused, no-owner and unreachable-step, and no-evidence when it is turned
 * on (it is off by default). They are warnings: a map with them still
 * renders. What they count (uses, involved departments) they read from
 * the facts of the resolve pass (resolve.c). A journey read only in part
 * (after a syntax error) is not checked, since what is missing may be in
 * the unread part.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *text_or(const jmap_text *t, const char *fallback)
{
    return t->str ? t->str : fallback;
}

static void check_empty_stages(const jmap_journey *j, jmap_diag_list *d)
{
    for (size_t i = 0; i < j->n_stages; i++) {
        const jmap_stage *st = &j->stages[i];
        if (st->n_steps == 0 && !st->broken)
            jmap_diag_add(d, JMAP_RULE_EMPTY_STAGE, st->pos, "stage '%s' has no steps",
                          st->id ? st->id : text_or(&st->name, "?"));
    }
}

static void check_unused(const jmap_journey *j, jmap_diag_list *d)
{
    for (size_t i = 0; i < j->n_touchpoints; i++)
        if (!j->touchpoints[i].n_steps)
            jmap_diag_add(d, JMAP_RULE_UNUSED, j->touchpoints[i].pos,
                          "touchpoint '%s' is not used by any step", j->touchpoints[i].id);
    for (size_t i = 0; i < j->n_departments; i++)
        if (!j->departments[i].n_steps && !j->departments[i].n_owned)
            jmap_diag_add(d, JMAP_RULE_UNUSED, j->departments[i].pos,
                          "department '%s' owns no touchpoint or irritant and no step "
                          "names it",
                          j->departments[i].id);
    if (j->per_persona_emotions)
        for (size_t i = 0; i < j->n_personas; i++)
            if (!j->personas[i].n_emotions)
                jmap_diag_add(d, JMAP_RULE_UNUSED, j->personas[i].pos,
                              "persona '%s' has no emotion on any step, while other "
                              "personas do",
                              j->personas[i].id);
}

/* Whether a touchpoint of step `s` has an owner. */
static int has_owned_touchpoint(const jmap_step *s)
{
    for (size_t k = 0; k < s->n_involved; k++)
        if (s->involved[k].why & JMAP_INVOLVED_TOUCHPOINT)
            return 1;
    return 0;
}

static void check_owners(const jmap_journey *j, jmap_diag_list *d)
{
    for (size_t i = 0; i < j->n_touchpoints; i++)
        if (!j->touchpoints[i].owner.id)
            jmap_diag_add(d, JMAP_RULE_NO_OWNER, j->touchpoints[i].pos,
                          "touchpoint '%s' has no owner department",
                          j->touchpoints[i].id);
    for (size_t i = 0; i < j->n_steps; i++) {
        const jmap_step *s = j->steps[i];
        if (has_owned_touchpoint(s))
            continue;
        for (size_t k = 0; k < s->n_irritants; k++) {
            const jmap_irritant *ir = &s->irritants[k];
            if (!ir->owner.id && ir->name.str)
                jmap_diag_add(d, JMAP_RULE_NO_OWNER, ir->pos,
                              "irritant '%s' has no owner, and no touchpoint of its "
                              "step has one",
                              text_or(&ir->name, "?"));
        }
    }
}

static void check_reachable(const jmap_journey *j, jmap_diag_list *d)
{
    if (j->n_steps == 0)
        return;
    /* An unresolved successor (already an error) leaves reachability unknown. */
    for (size_t i = 0; i < j->n_steps; i++)
        for (size_t k = 0; k < j->steps[i]->n_next; k++)
            if (!j->steps[i]->next[k].target)
                return;
    unsigned char *seen = jmap_xcalloc(j->n_steps, 1);
    size_t *queue = jmap_xrealloc(NULL, j->n_steps, sizeof(size_t));
    size_t head = 0, tail = 0;
    seen[0] = 1;
    queue[tail++] = 0;
    while (head < tail) {
        const jmap_step *s = j->steps[queue[head++]];
        for (size_t k = 0; k < s->n_next; k++) {
            const jmap_step *t = s->next[k].target;
            if (t && !seen[t->index]) {
                seen[t->index] = 1;
                queue[tail++] = t->index;
            }
        }
    }
    for (size_t i = 0; i < j->n_steps; i++)
        if (!seen[i])
            jmap_diag_add(d, JMAP_RULE_UNREACHABLE_STEP, j->steps[i]->pos,
                          "step '%s' cannot be reached from the first step '%s'",
                          j->steps[i]->id, j->steps[0]->id);
    free(seen);
    free(queue);
}

/* Irritants that say neither where they come from nor how often. */
static void check_evidence(const jmap_journey *j, jmap_diag_list *d)
{
    for (size_t i = 0; i < j->n_steps; i++)
        for (size_t k = 0; k < j->steps[i]->n_irritants; k++) {
            const jmap_irritant *ir = &j->steps[i]->irritants[k];
            if (!ir->sources && ir->frequency < 0)
                jmap_diag_add(d, JMAP_RULE_NO_EVIDENCE, ir->pos,
                              "irritant '%s' has neither sources nor a frequency",
                              text_or(&ir->name, "?"));
        }
}

void jmap_journey_validate_rules(const jmap_journey *j, const unsigned char *on,
                                 jmap_diag_list *d)
{
    if (!j || j->incomplete)
        return;
    check_empty_stages(j, d);
    check_unused(j, d);
    check_owners(j, d);
    check_reachable(j, d);
    if (on && on[JMAP_RULE_NO_EVIDENCE])
        check_evidence(j, d);
}

void jmap_journey_validate(const jmap_journey *j, jmap_diag_list *d)
{
    jmap_journey_validate_rules(j, NULL, d);
}
