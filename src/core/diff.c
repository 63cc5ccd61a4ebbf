/*
 * diff.c - two journeys compared as journeys (`jmap diff`): what was
 * added, removed, renamed, moved or changed, as a list of changes grouped
 * by stage (diff_report.c writes it).
 *
 * Matching, each step in about linear time:
 *   - personas, departments, touchpoints and stages by id (string maps);
 *   - steps by id (two default ids only with the same content, since a
 *     default id is numbered among steps of the same name), then the steps
 *     left over by their content (everything but id, name and successors)
 *     when it is unique on both sides, then by id, then by name: a step
 *     whose id changed is renamed, not removed and added;
 *   - within a matched step, irritants, moments, ideas, thoughts and
 *     metrics (and a stage's goals and metrics) by their text or name, then
 *     a reworded one by a close text (JMAP_DIFF_CLOSE_TEXT: the Dice
 *     coefficient of character pairs) with, for an irritant or a metric,
 *     the same other fields; actions by their department;
 *   - a move is a matched stage, or a matched step within its stage, that
 *     is not on the longest increasing subsequence of old positions (so one
 *     step moved is one move, not every step it jumped over); a step in
 *     another stage has moved too.
 * Only facts of the loaded (resolved) graph are read: durations compare in
 * minutes, successors as the steps they lead to (a `next` that names the
 * following step is the default), sources as sets, numbers as numbers
 * (1.0 is 1), a step's personas and actions whatever their order, so formatting, comments, key order, anchors and default ids
 * written out make no difference.
 */
#include "internal.h"
#include "words.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[JMAP_CHANGE_COUNT_] = {
    [JMAP_CHANGE_TITLE] = "title-changed",
    [JMAP_CHANGE_PERSONA_ADDED] = "persona-added",
    [JMAP_CHANGE_PERSONA_REMOVED] = "persona-removed",
    [JMAP_CHANGE_DEPARTMENT_ADDED] = "department-added",
    [JMAP_CHANGE_DEPARTMENT_REMOVED] = "department-removed",
    [JMAP_CHANGE_TOUCHPOINT_ADDED] = "touchpoint-added",
    [JMAP_CHANGE_TOUCHPOINT_REMOVED] = "touchpoint-removed",
    [JMAP_CHANGE_OWNER] = "owner-changed",
    [JMAP_CHANGE_STAGE_ADDED] = "stage-added",
    [JMAP_CHANGE_STAGE_REMOVED] = "stage-removed",
    [JMAP_CHANGE_STAGE_RENAMED] = "stage-renamed",
    [JMAP_CHANGE_STAGE_MOVED] = "stage-moved",
    [JMAP_CHANGE_STEP_ADDED] = "step-added",
    [JMAP_CHANGE_STEP_REMOVED] = "step-removed",
    [JMAP_CHANGE_STEP_RENAMED] = "step-renamed",
    [JMAP_CHANGE_STEP_MOVED] = "step-moved",
    [JMAP_CHANGE_EMOTION] = "emotion-changed",
    [JMAP_CHANGE_DURATION] = "duration-changed",
    [JMAP_CHANGE_STEP_TOUCHPOINTS] = "step-touchpoints-changed",
    [JMAP_CHANGE_IRRITANT_ADDED] = "irritant-added",
    [JMAP_CHANGE_IRRITANT_REMOVED] = "irritant-removed",
    [JMAP_CHANGE_IRRITANT_CHANGED] = "irritant-changed",
    [JMAP_CHANGE_MOMENT_ADDED] = "moment-added",
    [JMAP_CHANGE_MOMENT_REMOVED] = "moment-removed",
    [JMAP_CHANGE_MOMENT_CHANGED] = "moment-changed",
    [JMAP_CHANGE_IDEA_ADDED] = "idea-added",
    [JMAP_CHANGE_IDEA_REMOVED] = "idea-removed",
    [JMAP_CHANGE_IDEA_CHANGED] = "idea-changed",
    [JMAP_CHANGE_NEXT] = "next-changed",
    [JMAP_CHANGE_DETAIL] = "detail-changed",
    [JMAP_CHANGE_THOUGHT_ADDED] = "thought-added",
    [JMAP_CHANGE_THOUGHT_REMOVED] = "thought-removed",
    [JMAP_CHANGE_THOUGHT_CHANGED] = "thought-changed",
    [JMAP_CHANGE_GOAL_ADDED] = "goal-added",
    [JMAP_CHANGE_GOAL_REMOVED] = "goal-removed",
    [JMAP_CHANGE_GOAL_CHANGED] = "goal-changed",
    [JMAP_CHANGE_METRIC_ADDED] = "metric-added",
    [JMAP_CHANGE_METRIC_REMOVED] = "metric-removed",
    [JMAP_CHANGE_METRIC_CHANGED] = "metric-changed",
    [JMAP_CHANGE_ACTION_ADDED] = "action-added",
    [JMAP_CHANGE_ACTION_REMOVED] = "action-removed",
    [JMAP_CHANGE_ACTION_CHANGED] = "action-changed",
    [JMAP_CHANGE_STEP_PERSONAS] = "step-personas-changed",
};

const char *jmap_change_kind_name(int kind)
{
    return kind >= 0 && kind < JMAP_CHANGE_COUNT_ ? kind_names[kind] : NULL;
}

void jmap_change_list_init(jmap_change_list *list)
{
    memset(list, 0, sizeof *list);
    list->arena = jmap_arena_new();
}

void jmap_change_list_destroy(jmap_change_list *list)
{
    free(list->items);
    jmap_arena_free(list->arena);
    memset(list, 0, sizeof *list);
}

/* ---- the state of one comparison ---- */

typedef struct differ {
    const jmap_journey *a;      /* the old map */
    const jmap_journey *b;      /* the new map */
    jmap_change_list *out;      /* where changes go */
    const jmap_step **step_ab;  /* step_ab[i]: the new step old step i is, or NULL */
    const jmap_step **step_ba;  /* step_ba[i]: the old step new step i was */
    const jmap_stage **stage_ab; /* likewise for stages */
    const jmap_stage **stage_ba;
    long *persona_ab;           /* persona_ab[i]: the new index of old persona i, -1 */
    unsigned char *persona_new; /* by new persona: 1 when the old map has none */
    unsigned char *step_moved;  /* by new step: moved within its stage */
    unsigned char *stage_moved; /* by new stage: moved in the order */
    size_t *emo_stamp;          /* by new persona (+1 plain): 1 + step index */
    int *emo_value;             /* its emotion at that step */
    unsigned char *emo_seen;    /* matched by an old emotion */
    jmap_buf scratch[2];        /* texts being built */
} differ;

static const char *keep(differ *d, const char *s)
{
    return s ? jmap_arena_strdup(d->out->arena, s) : NULL;
}

static int same_text(const char *x, const char *y)
{
    if (!x || !y)
        return x == y;
    return strcmp(x, y) == 0;
}

/* Appends a change of `kind` about `stage` and `step` (either NULL). */
static jmap_change *add(differ *d, jmap_change_kind kind, const jmap_stage *stage,
                        const jmap_step *step)
{
    jmap_change_list *l = d->out;
    if (l->count == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->items = jmap_xrealloc(l->items, l->cap, sizeof *l->items);
    }
    jmap_change *c = &l->items[l->count++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->stage = stage ? keep(d, stage->id) : NULL;
    c->stage_name = stage ? keep(d, stage->name.str) : NULL;
    c->step = step ? keep(d, step->id) : NULL;
    c->label = step ? keep(d, step->name.str) : stage ? keep(d, stage->name.str) : NULL;
    if (step)
        c->new_pos = step->pos;
    else if (stage)
        c->new_pos = stage->pos;
    return c;
}

static void values(differ *d, jmap_change *c, jmap_change_value type, const char *old,
                   const char *new)
{
    c->type = type;
    c->old_value = keep(d, old);
    c->new_value = keep(d, new);
}

/* A text change of `field` when the two texts differ. */
static void text_field(differ *d, jmap_change_kind kind, const jmap_stage *stage,
                       const jmap_step *step, const char *item, const char *field,
                       const char *old, const char *new)
{
    if (same_text(old, new))
        return;
    jmap_change *c = add(d, kind, stage, step);
    c->item = keep(d, item);
    c->field = field;
    values(d, c, JMAP_VALUE_TEXT, old, new);
}

static const char *int_text(char *buf, size_t len, long v, int present)
{
    if (!present)
        return NULL;
    snprintf(buf, len, "%ld", v);
    return buf;
}

static const char *number_text(char *buf, size_t len, double v, int present)
{
    if (!present)
        return NULL;
    jmap_format_number(buf, len, v);
    return buf;
}

/* The names of a set of jmap_source bits, in bit order, separated by
 * spaces, into b. */
static const char *source_text(unsigned sources, jmap_buf *b)
{
    b->len = 0;
    jmap_buf_puts(b, "");
    for (int i = 0; i < JMAP_SOURCE_COUNT; i++)
        if (sources & 1u << i)
            jmap_buf_printf(b, "%s%s", b->len ? " " : "", jmap_source_names[i]);
    return b->data;
}

/* A change of the sources of an item (an irritant, a moment). */
static void sources_field(differ *d, jmap_change_kind kind, const jmap_step *t,
                          const char *item, unsigned x, unsigned y)
{
    if (x == y)
        return;
    jmap_change *c = add(d, kind, t->stage, t);
    c->item = keep(d, item);
    c->field = "sources";
    c->type = JMAP_VALUE_IDS;
    c->old_value = keep(d, source_text(x, &d->scratch[0]));
    c->new_value = keep(d, source_text(y, &d->scratch[1]));
}

/* ---- the longest increasing subsequence, for moves ---- */

/* Marks in `off[i]` the entries of seq[0..n) that are not on a longest
 * strictly increasing subsequence (patience sorting, n log n). */
static void mark_off_lis(const size_t *seq, size_t n, unsigned char *off)
{
    if (!n)
        return;
    size_t *tail = jmap_xcalloc(n, sizeof *tail); /* index ending a run of length k+1 */
    size_t *prev = jmap_xcalloc(n, sizeof *prev);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (seq[tail[mid]] < seq[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[i] = lo ? tail[lo - 1] : (size_t)-1;
        tail[lo] = i;
        if (lo == len)
            len++;
        off[i] = 1;
    }
    for (size_t i = tail[len - 1]; i != (size_t)-1; i = prev[i])
        off[i] = 0;
    free(tail);
    free(prev);
}

/* ---- matching steps ---- */

static const jmap_step *AMBIGUOUS = (const jmap_step *)&AMBIGUOUS;

/* What a step is besides its id, name and successors, as one string: two
 * steps with the same one are the same step renamed. Empty when the step
 * has nothing else (a bare name is no evidence). */
static void step_content(const jmap_step *s, jmap_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    if (s->description.str)
        jmap_buf_printf(b, "d%s\x1f", s->description.str);
    if (s->duration.minutes >= 0)
        jmap_buf_printf(b, "t%.3f\x1f", s->duration.minutes);
    for (size_t k = 0; k < s->n_emotions; k++)
        jmap_buf_printf(b, "e%s=%d\x1f", s->emotions[k].persona.id ? s->emotions[k].persona.id : "",
                        s->emotions[k].value);
    for (size_t k = 0; k < s->n_touchpoints; k++)
        jmap_buf_printf(b, "p%s\x1f", s->touchpoints[k].id);
    for (size_t k = 0; k < s->n_departments; k++)
        jmap_buf_printf(b, "D%s\x1f", s->departments[k].id);
    for (size_t k = 0; k < s->n_irritants; k++) {
        const jmap_irritant *ir = &s->irritants[k];
        jmap_buf_printf(b, "i%s\x1e%d\x1e%ld\x1e%s\x1e%s\x1f", ir->name.str ? ir->name.str : "",
                        (int)ir->severity, ir->frequency, ir->owner.id ? ir->owner.id : "",
                        ir->remedy.str ? ir->remedy.str : "");
    }
    for (size_t k = 0; k < s->n_moments; k++)
        jmap_buf_printf(b, "m%s\x1f", s->moments[k].str ? s->moments[k].str : "");
    for (size_t k = 0; k < s->n_ideas; k++)
        jmap_buf_printf(b, "I%s\x1f", s->ideas[k].str ? s->ideas[k].str : "");
    for (size_t k = 0; k < s->n_irritants; k++)
        if (s->irritants[k].sources)
            jmap_buf_printf(b, "s%zu=%u\x1f", k, s->irritants[k].sources);
    for (size_t k = 0; s->moment_sources && k < s->n_moments; k++)
        if (s->moment_sources[k])
            jmap_buf_printf(b, "S%zu=%u\x1f", k, s->moment_sources[k]);
    for (size_t k = 0; k < s->n_thoughts; k++)
        jmap_buf_printf(b, "T%s\x1f", s->thoughts[k].str ? s->thoughts[k].str : "");
    for (size_t k = 0; k < s->n_metrics; k++) {
        const jmap_metric *m = &s->metrics[k];
        jmap_buf_printf(b, "M%s\x1e%.17g\x1e%s\x1e%d\x1e%.17g\x1e%d\x1f",
                        m->name.str ? m->name.str : "", m->value,
                        m->unit.str ? m->unit.str : "", m->has_target,
                        m->has_target ? m->target : 0.0, m->lower);
    }
    for (size_t k = 0; k < s->n_actions; k++)
        jmap_buf_printf(b, "A%s\x1e%s\x1f", s->actions[k].department.id,
                        s->actions[k].text.str ? s->actions[k].text.str : "");
    for (size_t k = 0; k < s->n_personas; k++)
        jmap_buf_printf(b, "P%s\x1f", s->personas[k].id);
}

/* How leftover steps are matched, in this order. */
enum { BY_CONTENT, BY_ID, BY_NAME };

static const char *step_key(const jmap_step *s, int by, jmap_buf *b, jmap_arena *arena)
{
    if (by == BY_NAME)
        return s->name.str;
    if (by == BY_ID)
        return s->id;
    step_content(s, b);
    return b->len ? jmap_arena_strdup(arena, b->data) : NULL;
}

/* Matches the steps left over by a key (their content, id or name) that
 * is unique among the leftovers of each side. */
static void match_steps_by(differ *d, int by)
{
    jmap_strmap in_a, in_b;
    jmap_strmap_init(&in_a);
    jmap_strmap_init(&in_b);
    jmap_arena *arena = jmap_arena_new();
    const char **keys_a = jmap_xcalloc(d->a->n_steps + 1, sizeof *keys_a);
    for (size_t i = 0; i < d->b->n_steps; i++) {
        const jmap_step *t = d->b->steps[i];
        const char *key = d->step_ba[i] ? NULL : step_key(t, by, &d->scratch[0], arena);
        if (key && jmap_strmap_put(&in_b, key, (void *)t))
            jmap_strmap_set(&in_b, key, (void *)AMBIGUOUS);
    }
    for (size_t i = 0; i < d->a->n_steps && in_b.count; i++) {
        const jmap_step *s = d->a->steps[i];
        const char *key = d->step_ab[i] ? NULL : step_key(s, by, &d->scratch[0], arena);
        keys_a[i] = key;
        if (key && jmap_strmap_put(&in_a, key, (void *)s))
            jmap_strmap_set(&in_a, key, (void *)AMBIGUOUS);
    }
    for (size_t i = 0; i < d->a->n_steps && in_b.count; i++) {
        if (!keys_a[i] || jmap_strmap_get(&in_a, keys_a[i]) == AMBIGUOUS)
            continue;
        const jmap_step *t = jmap_strmap_get(&in_b, keys_a[i]);
        if (!t || t == AMBIGUOUS || d->step_ba[t->index])
            continue;
        d->step_ab[i] = t;
        d->step_ba[t->index] = d->a->steps[i];
    }
    free(keys_a);
    jmap_arena_free(arena);
    jmap_strmap_destroy(&in_a);
    jmap_strmap_destroy(&in_b);
}

static int same_refs(const jmap_ref *x, const jmap_ref *y, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!same_text(x[k].id, y[k].id))
            return 0;
    return 1;
}

static int same_texts(const jmap_text *x, const jmap_text *y, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!same_text(x[k].str, y[k].str))
            return 0;
    return 1;
}

/* 1 when two steps have the same content, as step_content() writes it,
 * compared field by field (no string is built: every step of two maps
 * with default ids goes through here). */
static int same_content(const jmap_step *s, const jmap_step *t)
{
    if (!same_text(s->description.str, t->description.str) ||
        (s->duration.minutes >= 0) != (t->duration.minutes >= 0) ||
        (s->duration.minutes >= 0 && s->duration.minutes != t->duration.minutes) ||
        s->n_emotions != t->n_emotions || s->n_touchpoints != t->n_touchpoints ||
        s->n_departments != t->n_departments || s->n_irritants != t->n_irritants ||
        s->n_moments != t->n_moments || s->n_ideas != t->n_ideas ||
        s->n_thoughts != t->n_thoughts || s->n_metrics != t->n_metrics ||
        s->n_actions != t->n_actions || s->n_personas != t->n_personas)
        return 0;
    for (size_t k = 0; k < s->n_moments; k++)
        if ((s->moment_sources ? s->moment_sources[k] : 0) !=
            (t->moment_sources ? t->moment_sources[k] : 0))
            return 0;
    for (size_t k = 0; k < s->n_metrics; k++) {
        const jmap_metric *x = &s->metrics[k], *y = &t->metrics[k];
        if (!same_text(x->name.str, y->name.str) || x->value != y->value ||
            !same_text(x->unit.str, y->unit.str) || x->has_target != y->has_target ||
            (x->has_target && x->target != y->target) || x->lower != y->lower)
            return 0;
    }
    for (size_t k = 0; k < s->n_actions; k++)
        if (!same_text(s->actions[k].department.id, t->actions[k].department.id) ||
            !same_text(s->actions[k].text.str, t->actions[k].text.str))
            return 0;
    for (size_t k = 0; k < s->n_emotions; k++)
        if (s->emotions[k].value != t->emotions[k].value ||
            !same_text(s->emotions[k].persona.id, t->emotions[k].persona.id))
            return 0;
    for (size_t k = 0; k < s->n_irritants; k++) {
        const jmap_irritant *x = &s->irritants[k], *y = &t->irritants[k];
        if (!same_text(x->name.str, y->name.str) || x->severity != y->severity ||
            x->frequency != y->frequency || !same_text(x->owner.id, y->owner.id) ||
            !same_text(x->remedy.str, y->remedy.str) || x->sources != y->sources)
            return 0;
    }
    return same_refs(s->personas, t->personas, s->n_personas) &&
           same_texts(s->thoughts, t->thoughts, s->n_thoughts) &&
           same_refs(s->touchpoints, t->touchpoints, s->n_touchpoints) &&
           same_refs(s->departments, t->departments, s->n_departments) &&
           same_texts(s->moments, t->moments, s->n_moments) &&
           same_texts(s->ideas, t->ideas, s->n_ideas);
}

/* Steps by id, except that two steps whose ids are both defaults (slugs of
 * their names, numbered when names repeat) are the same step only when
 * their content is: renaming one of three "Calls the hotline" steps
 * renumbers the others, whose ids then name other steps. The leftovers by
 * content, then by default id, then by name. */
static void match_steps(differ *d)
{
    jmap_strmap ids;
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->b->n_steps; i++)
        if (d->b->steps[i]->id)
            jmap_strmap_put(&ids, d->b->steps[i]->id, (void *)d->b->steps[i]);
    size_t left = 0;
    for (size_t i = 0; i < d->a->n_steps; i++) {
        const jmap_step *s = d->a->steps[i];
        const jmap_step *t = s->id ? jmap_strmap_get(&ids, s->id) : NULL;
        if (t && s->id_is_default && t->id_is_default && !same_content(s, t))
            t = NULL;
        d->step_ab[i] = t;
        if (t)
            d->step_ba[t->index] = s;
        else
            left++;
    }
    jmap_strmap_destroy(&ids);
    if (left && left + d->b->n_steps > d->a->n_steps) { /* some on each side */
        match_steps_by(d, BY_CONTENT);
        match_steps_by(d, BY_ID);
        match_steps_by(d, BY_NAME);
    }
}

static void match_stages(differ *d)
{
    jmap_strmap ids;
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->b->n_stages; i++)
        jmap_strmap_put(&ids, d->b->stages[i].id, (void *)&d->b->stages[i]);
    size_t n = 0;
    size_t *seq = jmap_xcalloc(d->a->n_stages + 1, sizeof *seq);
    size_t *at = jmap_xcalloc(d->a->n_stages + 1, sizeof *at);
    for (size_t i = 0; i < d->a->n_stages; i++) {
        const jmap_stage *t = jmap_strmap_get(&ids, d->a->stages[i].id);
        d->stage_ab[i] = t;
        if (t) {
            d->stage_ba[t->index] = &d->a->stages[i];
            at[n] = t->index;
            seq[n++] = t->index;
        }
    }
    unsigned char *off = jmap_xcalloc(n + 1, 1);
    mark_off_lis(seq, n, off);
    for (size_t k = 0; k < n; k++)
        d->stage_moved[at[k]] = off[k];
    free(off);
    free(seq);
    free(at);
    jmap_strmap_destroy(&ids);
}

/* The steps moved within their stage: for each new stage, its steps that
 * come from the stage of the same id, off the longest run in old order. */
static void find_moves(differ *d)
{
    size_t *seq = jmap_xcalloc(d->b->n_steps + 1, sizeof *seq);
    size_t *at = jmap_xcalloc(d->b->n_steps + 1, sizeof *at);
    unsigned char *off = jmap_xcalloc(d->b->n_steps + 1, 1);
    for (size_t g = 0; g < d->b->n_stages; g++) {
        const jmap_stage *st = &d->b->stages[g];
        size_t n = 0;
        for (size_t k = 0; k < st->n_steps; k++) {
            const jmap_step *s = d->step_ba[st->steps[k]->index];
            if (s && same_text(s->stage->id, st->id)) {
                at[n] = st->steps[k]->index;
                seq[n++] = s->index;
            }
        }
        mark_off_lis(seq, n, off);
        for (size_t k = 0; k < n; k++)
            d->step_moved[at[k]] = off[k];
    }
    free(seq);
    free(at);
    free(off);
}

/* ---- the journey's own parts ---- */

static void ids_of_refs(const jmap_ref *refs, size_t n, jmap_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    for (size_t k = 0; k < n; k++)
        jmap_buf_printf(b, "%s%s", k ? " " : "", refs[k].id ? refs[k].id : "");
    if (!b->data)
        jmap_buf_puts(b, "");
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* 1 when two lists of references name the same ids, in any order. */
static int same_id_set(const jmap_ref *x, size_t nx, const jmap_ref *y, size_t ny)
{
    if (nx != ny)
        return 0;
    const char **a = jmap_xcalloc(nx + 1, sizeof *a), **b = jmap_xcalloc(ny + 1, sizeof *b);
    for (size_t k = 0; k < nx; k++) {
        a[k] = x[k].id ? x[k].id : "";
        b[k] = y[k].id ? y[k].id : "";
    }
    qsort(a, nx, sizeof *a, cmp_str);
    qsort(b, ny, sizeof *b, cmp_str);
    int same = 1;
    for (size_t k = 0; k < nx && same; k++)
        same = strcmp(a[k], b[k]) == 0;
    free(a);
    free(b);
    return same;
}

static void id_list_field(differ *d, jmap_change_kind kind, const jmap_stage *stage,
                          const jmap_step *step, const char *field, const jmap_ref *x,
                          size_t nx, const jmap_ref *y, size_t ny)
{
    if (same_id_set(x, nx, y, ny))
        return;
    jmap_change *c = add(d, kind, stage, step);
    c->field = field;
    ids_of_refs(x, nx, &d->scratch[0]);
    ids_of_refs(y, ny, &d->scratch[1]);
    values(d, c, JMAP_VALUE_IDS, d->scratch[0].data, d->scratch[1].data);
}

/* The texts of a list joined by " / ", into b. */
static const char *joined(const jmap_text *t, size_t n, jmap_buf *b)
{
    b->len = 0;
    jmap_buf_puts(b, "");
    for (size_t k = 0; k < n; k++)
        jmap_buf_printf(b, "%s%s", k ? " / " : "", t[k].str ? t[k].str : "");
    return b->data;
}

static void compare_personas(differ *d)
{
    jmap_strmap ids;
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->b->n_personas; i++)
        jmap_strmap_put(&ids, d->b->personas[i].id, (void *)&d->b->personas[i]);
    for (size_t i = 0; i < d->a->n_personas; i++) {
        const jmap_persona *p = &d->a->personas[i];
        const jmap_persona *q = jmap_strmap_get(&ids, p->id);
        d->persona_ab[i] = q ? (long)q->index : -1;
        if (!q) {
            jmap_change *c = add(d, JMAP_CHANGE_PERSONA_REMOVED, NULL, NULL);
            c->item = keep(d, p->id);
            values(d, c, JMAP_VALUE_TEXT, p->name.str, NULL);
            c->old_pos = p->pos;
            continue;
        }
        text_field(d, JMAP_CHANGE_DETAIL, NULL, NULL, p->id, "persona-name", p->name.str,
                   q->name.str);
        text_field(d, JMAP_CHANGE_DETAIL, NULL, NULL, p->id, "persona-description",
                   p->description.str, q->description.str);
        char *goals = jmap_xstrdup(joined(p->goals, p->n_goals, &d->scratch[1]));
        text_field(d, JMAP_CHANGE_DETAIL, NULL, NULL, p->id, "persona-goals", goals,
                   joined(q->goals, q->n_goals, &d->scratch[1]));
        free(goals);
    }
    jmap_strmap_destroy(&ids);
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->a->n_personas; i++)
        jmap_strmap_put(&ids, d->a->personas[i].id, (void *)&d->a->personas[i]);
    for (size_t i = 0; i < d->b->n_personas; i++)
        if (!jmap_strmap_get(&ids, d->b->personas[i].id)) {
            d->persona_new[i] = 1;
            jmap_change *c = add(d, JMAP_CHANGE_PERSONA_ADDED, NULL, NULL);
            c->item = keep(d, d->b->personas[i].id);
            values(d, c, JMAP_VALUE_TEXT, NULL, d->b->personas[i].name.str);
            c->new_pos = d->b->personas[i].pos;
        }
    jmap_strmap_destroy(&ids);
}

static void compare_departments(differ *d)
{
    jmap_strmap ids;
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->b->n_departments; i++)
        jmap_strmap_put(&ids, d->b->departments[i].id, (void *)&d->b->departments[i]);
    for (size_t i = 0; i < d->a->n_departments; i++) {
        const jmap_department *p = &d->a->departments[i];
        const jmap_department *q = jmap_strmap_get(&ids, p->id);
        if (!q) {
            jmap_change *c = add(d, JMAP_CHANGE_DEPARTMENT_REMOVED, NULL, NULL);
            c->item = keep(d, p->id);
            values(d, c, JMAP_VALUE_TEXT, p->name.str, NULL);
            c->old_pos = p->pos;
            continue;
        }
        text_field(d, JMAP_CHANGE_DETAIL, NULL, NULL, p->id, "department-name",
                   p->name.str, q->name.str);
        text_field(d, JMAP_CHANGE_DETAIL, NULL, NULL, p->id, "department-visibility",
                   jmap_visibility_names[p->visibility],
                   jmap_visibility_names[q->visibility]);
    }
    jmap_strmap_destroy(&ids);
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->a->n_departments; i++)
        jmap_strmap_put(&ids, d->a->departments[i].id, (void *)&d->a->departments[i]);
    for (size_t i = 0; i < d->b->n_departments; i++)
        if (!jmap_strmap_get(&ids, d->b->departments[i].id)) {
            jmap_change *c = add(d, JMAP_CHANGE_DEPARTMENT_ADDED, NULL, NULL);
            c->item = keep(d, d->b->departments[i].id);
            values(d, c, JMAP_VALUE_TEXT, NULL, d->b->departments[i].name.str);
            c->new_pos = d->b->departments[i].pos;
        }
    jmap_strmap_destroy(&ids);
}

static void compare_touchpoints(differ *d)
{
    jmap_strmap ids;
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->b->n_touchpoints; i++)
        jmap_strmap_put(&ids, d->b->touchpoints[i].id, (void *)&d->b->touchpoints[i]);
    for (size_t i = 0; i < d->a->n_touchpoints; i++) {
        const jmap_touchpoint *p = &d->a->touchpoints[i];
        const jmap_touchpoint *q = jmap_strmap_get(&ids, p->id);
        if (!q) {
            jmap_change *c = add(d, JMAP_CHANGE_TOUCHPOINT_REMOVED, NULL, NULL);
            c->item = keep(d, p->id);
            values(d, c, JMAP_VALUE_TEXT, p->name.str, NULL);
            c->old_pos = p->pos;
            continue;
        }
        text_field(d, JMAP_CHANGE_DETAIL, NULL, NULL, p->id, "touchpoint-name",
                   p->name.str, q->name.str);
        text_field(d, JMAP_CHANGE_DETAIL, NULL, NULL, p->id, "touchpoint-channel",
                   jmap_channel_names[p->channel], jmap_channel_names[q->channel]);
        if (!same_text(p->owner.id, q->owner.id)) {
            jmap_change *c = add(d, JMAP_CHANGE_OWNER, NULL, NULL);
            c->item = keep(d, p->id);
            values(d, c, JMAP_VALUE_TEXT, p->owner.id, q->owner.id);
            c->old_pos = p->owner.pos;
            c->new_pos = q->owner.pos;
        }
    }
    jmap_strmap_destroy(&ids);
    jmap_strmap_init(&ids);
    for (size_t i = 0; i < d->a->n_touchpoints; i++)
        jmap_strmap_put(&ids, d->a->touchpoints[i].id, (void *)&d->a->touchpoints[i]);
    for (size_t i = 0; i < d->b->n_touchpoints; i++)
        if (!jmap_strmap_get(&ids, d->b->touchpoints[i].id)) {
            jmap_change *c = add(d, JMAP_CHANGE_TOUCHPOINT_ADDED, NULL, NULL);
            c->item = keep(d, d->b->touchpoints[i].id);
            values(d, c, JMAP_VALUE_TEXT, NULL, d->b->touchpoints[i].name.str);
            c->new_pos = d->b->touchpoints[i].pos;
        }
    jmap_strmap_destroy(&ids);
}

/* ---- close texts ---- */

static int cmp_unsigned(const void *x, const void *y)
{
    unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;
    return a < b ? -1 : a > b;
}

/* The character pairs of `s`, lower-cased, runs of blanks as one space,
 * each pair as a 16-bit number, sorted. */
static size_t text_pairs(const char *s, unsigned **out)
{
    size_t n = strlen(s), m = 0;
    unsigned *pairs = jmap_xcalloc(n + 1, sizeof *pairs);
    int prev = -1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int c = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            c = ' ';
        if (c == ' ' && prev == ' ')
            continue;
        if (prev >= 0)
            pairs[m++] = (unsigned)prev << 8 | (unsigned)c;
        prev = c;
    }
    qsort(pairs, m, sizeof *pairs, cmp_unsigned);
    *out = pairs;
    return m;
}

/* The Dice coefficient of two texts' sorted character pairs: twice the
 * pairs they share over the pairs of both, from 0 (nothing shared) to 1. */
static double closeness(const unsigned *px, size_t nx, const unsigned *py, size_t ny)
{
    size_t shared = 0;
    for (size_t i = 0, j = 0; i < nx && j < ny;) {
        if (px[i] == py[j]) {
            shared++;
            i++;
            j++;
        } else if (px[i] < py[j]) {
            i++;
        } else {
            j++;
        }
    }
    return nx + ny ? 2.0 * (double)shared / (double)(nx + ny) : 1.0;
}

/* ---- items of a step: irritants, moments, ideas ---- */

/* The items of one kind on both sides of a matched step. */
typedef struct items {
    const char **a;   /* the old texts */
    size_t na;        /* how many */
    const char **b;   /* the new texts */
    size_t nb;        /* how many */
    long *ab;         /* ab[i]: the new item old item i is, or -1 */
    long *ba;         /* ba[j]: the old item new item j was, or -1 */
    int (*alike)(const void *ctx, size_t i, size_t j); /* the fields besides
                                     the text agree (NULL: no other fields) */
    const void *ctx;  /* for alike */
} items;

/* Matches identical texts (in order, so repeated texts pair up one by
 * one), then close ones among what is left. */
static void match_items(items *it)
{
    for (size_t i = 0; i < it->na; i++)
        it->ab[i] = -1;
    for (size_t j = 0; j < it->nb; j++)
        it->ba[j] = -1;
    if (it->na * it->nb <= 64) {
        for (size_t i = 0; i < it->na; i++)
            for (size_t j = 0; j < it->nb; j++)
                if (it->ba[j] < 0 && same_text(it->a[i], it->b[j])) {
                    it->ab[i] = (long)j;
                    it->ba[j] = (long)i;
                    break;
                }
    } else {
        /* chain[j]: the next new item with the same text as j, or -1 */
        long *chain = jmap_xcalloc(it->nb + 1, sizeof *chain);
        long *last = jmap_xcalloc(it->nb + 1, sizeof *last);
        jmap_strmap first;
        jmap_strmap_init(&first);
        for (size_t j = 0; j < it->nb; j++) {
            chain[j] = -1;
            void *had = jmap_strmap_put(&first, it->b[j], (void *)(j + 1));
            size_t head = had ? (size_t)had - 1 : j;
            if (had)
                chain[last[head]] = (long)j;
            last[head] = j;
        }
        for (size_t i = 0; i < it->na; i++) {
            void *v = jmap_strmap_get(&first, it->a[i]);
            long j = v ? (long)((size_t)v - 1) : -1;
            while (j >= 0 && it->ba[j] >= 0)
                j = chain[j];
            if (j >= 0) {
                it->ab[i] = j;
                it->ba[j] = (long)i;
            }
        }
        jmap_strmap_destroy(&first);
        free(chain);
        free(last);
    }
    size_t left_a = 0, left_b = 0;
    for (size_t i = 0; i < it->na; i++)
        left_a += it->ab[i] < 0;
    for (size_t j = 0; j < it->nb; j++)
        left_b += it->ba[j] < 0;
    if (!left_a || !left_b || left_a > JMAP_DIFF_MAX_FUZZY || left_b > JMAP_DIFF_MAX_FUZZY)
        return;
    /* Close pairs, the closest first: each text's pairs and each
     * closeness computed once (at most JMAP_DIFF_MAX_FUZZY squared). */
    size_t *ia = jmap_xcalloc(left_a, sizeof *ia), *jb = jmap_xcalloc(left_b, sizeof *jb);
    unsigned **pa = jmap_xcalloc(left_a, sizeof *pa), **pb = jmap_xcalloc(left_b, sizeof *pb);
    size_t *na = jmap_xcalloc(left_a, sizeof *na), *nb = jmap_xcalloc(left_b, sizeof *nb);
    double *near = jmap_xcalloc(left_a * left_b, sizeof *near);
    for (size_t i = 0, k = 0; i < it->na; i++)
        if (it->ab[i] < 0) {
            ia[k] = i;
            na[k] = text_pairs(it->a[i], &pa[k]);
            k++;
        }
    for (size_t j = 0, k = 0; j < it->nb; j++)
        if (it->ba[j] < 0) {
            jb[k] = j;
            nb[k] = text_pairs(it->b[j], &pb[k]);
            k++;
        }
    for (size_t x = 0; x < left_a; x++)
        for (size_t y = 0; y < left_b; y++) {
            int long_text = na[x] >= JMAP_DIFF_MAX_CLOSE_BYTES ||
                            nb[y] >= JMAP_DIFF_MAX_CLOSE_BYTES;
            near[x * left_b + y] =
                long_text || (it->alike && !it->alike(it->ctx, ia[x], jb[y]))
                    ? -1.0
                    : closeness(pa[x], na[x], pb[y], nb[y]);
        }
    for (;;) {
        double best = JMAP_DIFF_CLOSE_TEXT;
        long bx = -1, by = -1;
        for (size_t x = 0; x < left_a; x++)
            for (size_t y = 0; y < left_b; y++) {
                double c = near[x * left_b + y];
                if (c >= best && (bx < 0 || c > best) && it->ab[ia[x]] < 0 &&
                    it->ba[jb[y]] < 0) {
                    best = c;
                    bx = (long)x;
                    by = (long)y;
                }
            }
        if (bx < 0)
            break;
        it->ab[ia[bx]] = (long)jb[by];
        it->ba[jb[by]] = (long)ia[bx];
    }
    for (size_t x = 0; x < left_a; x++)
        free(pa[x]);
    for (size_t y = 0; y < left_b; y++)
        free(pb[y]);
    free(ia);
    free(jb);
    free(pa);
    free(pb);
    free(na);
    free(nb);
    free(near);
}

static void items_init(items *it, size_t na, size_t nb)
{
    memset(it, 0, sizeof *it);
    it->na = na;
    it->nb = nb;
    it->a = jmap_xcalloc(na + 1, sizeof *it->a);
    it->b = jmap_xcalloc(nb + 1, sizeof *it->b);
    it->ab = jmap_xcalloc(na + 1, sizeof *it->ab);
    it->ba = jmap_xcalloc(nb + 1, sizeof *it->ba);
}

static void items_destroy(items *it)
{
    free(it->a);
    free(it->b);
    free(it->ab);
    free(it->ba);
}

/* A pair of matched steps, for the irritants' `alike`. */
typedef struct step_pair {
    const jmap_step *s; /* old */
    const jmap_step *t; /* new */
} step_pair;

static int irritants_alike(const void *ctx, size_t i, size_t j)
{
    const step_pair *p = ctx;
    const jmap_irritant *x = &p->s->irritants[i], *y = &p->t->irritants[j];
    return x->severity == y->severity && x->frequency == y->frequency &&
           same_text(x->owner.id, y->owner.id) && same_text(x->remedy.str, y->remedy.str) &&
           x->sources == y->sources;
}

static void irritant_fields(differ *d, const jmap_step *t, const jmap_irritant *x,
                            const jmap_irritant *y)
{
    const char *item = y->name.str;
    char na[32], nb[32];
    size_t first = d->out->count;
    if (!same_text(x->name.str, y->name.str))
        text_field(d, JMAP_CHANGE_IRRITANT_CHANGED, t->stage, t, item, "name", x->name.str,
                   y->name.str);
    if (x->severity != y->severity)
        text_field(d, JMAP_CHANGE_IRRITANT_CHANGED, t->stage, t, item, "severity",
                   jmap_level_names[x->severity], jmap_level_names[y->severity]);
    if (x->frequency != y->frequency) {
        jmap_change *c = add(d, JMAP_CHANGE_IRRITANT_CHANGED, t->stage, t);
        c->item = keep(d, item);
        c->field = "frequency";
        values(d, c, JMAP_VALUE_INT, int_text(na, sizeof na, x->frequency, x->frequency >= 0),
               int_text(nb, sizeof nb, y->frequency, y->frequency >= 0));
    }
    text_field(d, JMAP_CHANGE_IRRITANT_CHANGED, t->stage, t, item, "owner", x->owner.id,
               y->owner.id);
    text_field(d, JMAP_CHANGE_IRRITANT_CHANGED, t->stage, t, item, "remedy", x->remedy.str,
               y->remedy.str);
    sources_field(d, JMAP_CHANGE_IRRITANT_CHANGED, t, item, x->sources, y->sources);
    for (size_t k = first; k < d->out->count; k++) {
        d->out->items[k].old_pos = x->pos;
        d->out->items[k].new_pos = y->pos;
    }
}

static void compare_irritants(differ *d, const jmap_step *s, const jmap_step *t)
{
    items it;
    items_init(&it, s->n_irritants, t->n_irritants);
    step_pair pair = {s, t};
    for (size_t i = 0; i < s->n_irritants; i++)
        it.a[i] = s->irritants[i].name.str ? s->irritants[i].name.str : "";
    for (size_t j = 0; j < t->n_irritants; j++)
        it.b[j] = t->irritants[j].name.str ? t->irritants[j].name.str : "";
    it.alike = irritants_alike;
    it.ctx = &pair;
    match_items(&it);
    for (size_t i = 0; i < s->n_irritants; i++)
        if (it.ab[i] >= 0)
            irritant_fields(d, t, &s->irritants[i], &t->irritants[it.ab[i]]);
    for (size_t j = 0; j < t->n_irritants; j++)
        if (it.ba[j] < 0) {
            jmap_change *c = add(d, JMAP_CHANGE_IRRITANT_ADDED, t->stage, t);
            c->item = keep(d, it.b[j]);
            c->new_pos = t->irritants[j].pos;
        }
    for (size_t i = 0; i < s->n_irritants; i++)
        if (it.ab[i] < 0) {
            jmap_change *c = add(d, JMAP_CHANGE_IRRITANT_REMOVED, t->stage, t);
            c->item = keep(d, it.a[i]);
            c->solved = 1;
            c->old_pos = s->irritants[i].pos;
        }
    items_destroy(&it);
}

/* The texts of a matched step (moments, ideas, thoughts; `t` the new
 * step) or of a matched stage (goals: `t` NULL), with the moments' sources
 * (`xs`, `ys`, either NULL when none has any). */
static void compare_texts(differ *d, const jmap_stage *st, const jmap_step *t,
                          const jmap_text *x, size_t nx, const jmap_text *y, size_t ny,
                          const unsigned *xs, const unsigned *ys,
                          jmap_change_kind added, jmap_change_kind removed,
                          jmap_change_kind changed)
{
    items it;
    items_init(&it, nx, ny);
    for (size_t i = 0; i < nx; i++)
        it.a[i] = x[i].str ? x[i].str : "";
    for (size_t j = 0; j < ny; j++)
        it.b[j] = y[j].str ? y[j].str : "";
    match_items(&it);
    for (size_t j = 0; j < ny; j++) {
        jmap_change *c = NULL;
        if (it.ba[j] < 0) {
            c = add(d, added, st, t);
            c->item = keep(d, it.b[j]);
        } else if (!same_text(it.b[j], it.a[it.ba[j]])) {
            c = add(d, changed, st, t);
            c->item = keep(d, it.b[j]);
            values(d, c, JMAP_VALUE_TEXT, it.a[it.ba[j]], it.b[j]);
            c->old_pos = x[it.ba[j]].pos;
        }
        if (c)
            c->new_pos = y[j].pos;
        if (it.ba[j] >= 0 && t) {
            size_t first = d->out->count;
            sources_field(d, changed, t, it.b[j], xs ? xs[it.ba[j]] : 0, ys ? ys[j] : 0);
            for (size_t k = first; k < d->out->count; k++) {
                d->out->items[k].old_pos = x[it.ba[j]].pos;
                d->out->items[k].new_pos = y[j].pos;
            }
        }
    }
    for (size_t i = 0; i < nx; i++)
        if (it.ab[i] < 0) {
            jmap_change *c = add(d, removed, st, t);
            c->item = keep(d, it.a[i]);
            c->old_pos = x[i].pos;
        }
    items_destroy(&it);
}

/* A pair of lists of metrics, for the metrics' `alike`. */
typedef struct metric_pair {
    const jmap_metric *x; /* old */
    const jmap_metric *y; /* new */
} metric_pair;

static int same_metric_figures(const jmap_metric *x, const jmap_metric *y)
{
    return x->value == y->value && same_text(x->unit.str, y->unit.str) &&
           x->has_target == y->has_target && (!x->has_target || x->target == y->target);
}

static int metrics_alike(const void *ctx, size_t i, size_t j)
{
    const metric_pair *p = ctx;
    return same_metric_figures(&p->x[i], &p->y[j]);
}

/* One changed field of a matched metric. */
static jmap_change *metric_change(differ *d, const jmap_stage *st, const jmap_step *t,
                                  const jmap_metric *x, const jmap_metric *y,
                                  const char *field)
{
    jmap_change *c = add(d, JMAP_CHANGE_METRIC_CHANGED, st, t);
    c->item = keep(d, y->name.str);
    c->field = field;
    c->old_pos = x->pos;
    c->new_pos = y->pos;
    return c;
}

static void metric_fields(differ *d, const jmap_stage *st, const jmap_step *t,
                          const jmap_metric *x, const jmap_metric *y)
{
    char ob[64], nb[64];
    jmap_change *c;
    if (!same_text(x->name.str, y->name.str)) {
        c = metric_change(d, st, t, x, y, "name");
        values(d, c, JMAP_VALUE_TEXT, x->name.str, y->name.str);
    }
    if (x->value != y->value) {
        c = metric_change(d, st, t, x, y, "value");
        values(d, c, JMAP_VALUE_NUMBER, number_text(ob, sizeof ob, x->value, 1),
               number_text(nb, sizeof nb, y->value, 1));
    }
    if (x->has_target != y->has_target || (x->has_target && x->target != y->target)) {
        c = metric_change(d, st, t, x, y, "target");
        values(d, c, JMAP_VALUE_NUMBER, number_text(ob, sizeof ob, x->target, x->has_target),
               number_text(nb, sizeof nb, y->target, y->has_target));
    }
    if (!same_text(x->unit.str, y->unit.str)) {
        c = metric_change(d, st, t, x, y, "unit");
        values(d, c, JMAP_VALUE_TEXT, x->unit.str, y->unit.str);
    }
    if (x->lower != y->lower) {
        c = metric_change(d, st, t, x, y, "better");
        values(d, c, JMAP_VALUE_TEXT, jmap_better_names[x->lower],
               jmap_better_names[y->lower]);
    }
}

/* The metrics of a matched stage (`t` NULL) or step, by name, then a
 * renamed one by a close name with the same figures. */
static void compare_metrics(differ *d, const jmap_stage *st, const jmap_step *t,
                            const jmap_metric *x, size_t nx, const jmap_metric *y,
                            size_t ny)
{
    items it;
    char num[64];
    metric_pair pair = {x, y};
    items_init(&it, nx, ny);
    for (size_t i = 0; i < nx; i++)
        it.a[i] = x[i].name.str ? x[i].name.str : "";
    for (size_t j = 0; j < ny; j++)
        it.b[j] = y[j].name.str ? y[j].name.str : "";
    it.alike = metrics_alike;
    it.ctx = &pair;
    match_items(&it);
    for (size_t i = 0; i < nx; i++)
        if (it.ab[i] >= 0)
            metric_fields(d, st, t, &x[i], &y[it.ab[i]]);
    for (size_t j = 0; j < ny; j++)
        if (it.ba[j] < 0) {
            jmap_change *c = add(d, JMAP_CHANGE_METRIC_ADDED, st, t);
            c->item = keep(d, it.b[j]);
            values(d, c, JMAP_VALUE_NUMBER, NULL, number_text(num, sizeof num, y[j].value, 1));
            c->new_pos = y[j].pos;
        }
    for (size_t i = 0; i < nx; i++)
        if (it.ab[i] < 0) {
            jmap_change *c = add(d, JMAP_CHANGE_METRIC_REMOVED, st, t);
            c->item = keep(d, it.a[i]);
            values(d, c, JMAP_VALUE_NUMBER, number_text(num, sizeof num, x[i].value, 1), NULL);
            c->old_pos = x[i].pos;
        }
    items_destroy(&it);
}

/* The actions of a matched step, by department id. */
static void compare_actions(differ *d, const jmap_step *s, const jmap_step *t)
{
    jmap_strmap old;
    jmap_strmap_init(&old);
    for (size_t i = 0; i < s->n_actions; i++)
        jmap_strmap_put(&old, s->actions[i].department.id, (void *)&s->actions[i]);
    for (size_t j = 0; j < t->n_actions; j++) {
        const jmap_action *y = &t->actions[j];
        const jmap_action *x = jmap_strmap_get(&old, y->department.id);
        jmap_change *c = NULL;
        if (!x) {
            c = add(d, JMAP_CHANGE_ACTION_ADDED, t->stage, t);
            values(d, c, JMAP_VALUE_TEXT, NULL, y->text.str);
        } else if (!same_text(x->text.str, y->text.str)) {
            c = add(d, JMAP_CHANGE_ACTION_CHANGED, t->stage, t);
            values(d, c, JMAP_VALUE_TEXT, x->text.str, y->text.str);
            c->old_pos = x->department.pos;
        }
        if (c) {
            c->item = keep(d, y->department.id);
            c->new_pos = y->department.pos;
        }
    }
    jmap_strmap_destroy(&old);
    jmap_strmap_init(&old);
    for (size_t j = 0; j < t->n_actions; j++)
        jmap_strmap_put(&old, t->actions[j].department.id, (void *)&t->actions[j]);
    for (size_t i = 0; i < s->n_actions; i++) {
        const jmap_action *x = &s->actions[i];
        if (jmap_strmap_get(&old, x->department.id))
            continue;
        jmap_change *c = add(d, JMAP_CHANGE_ACTION_REMOVED, t->stage, t);
        c->item = keep(d, x->department.id);
        values(d, c, JMAP_VALUE_TEXT, x->text.str, NULL);
        c->old_pos = x->department.pos;
    }
    jmap_strmap_destroy(&old);
}

/* ---- one matched step ---- */

/* The emotions of the new step, by new persona index (the last slot is
 * the plain emotion), stamped with the step. */
static void compare_emotions(differ *d, const jmap_step *s, const jmap_step *t)
{
    size_t plain = d->b->n_personas, stamp = t->index + 1;
    char ob[32], nb[32];
    for (size_t k = 0; k < t->n_emotions; k++) {
        const jmap_emotion *e = &t->emotions[k];
        const jmap_persona *p = e->persona.target;
        size_t slot = p ? p->index : plain;
        if (e->persona.id && !p)
            continue;
        d->emo_stamp[slot] = stamp;
        d->emo_value[slot] = e->value;
        d->emo_seen[slot] = 0;
    }
    for (size_t k = 0; k < s->n_emotions; k++) {
        const jmap_emotion *e = &s->emotions[k];
        const jmap_persona *p = e->persona.target;
        if (e->persona.id && !p)
            continue;
        long slot = p ? d->persona_ab[p->index] : (long)plain;
        int there = slot >= 0 && d->emo_stamp[slot] == stamp;
        if (there)
            d->emo_seen[slot] = 1;
        if (slot < 0 || (there && d->emo_value[slot] == e->value))
            continue;
        jmap_change *c = add(d, JMAP_CHANGE_EMOTION, t->stage, t);
        c->field = keep(d, e->persona.id);
        values(d, c, JMAP_VALUE_INT, int_text(ob, sizeof ob, e->value, 1),
               int_text(nb, sizeof nb, there ? d->emo_value[slot] : 0, there));
        c->old_pos = e->pos;
    }
    for (size_t k = 0; k < t->n_emotions; k++) {
        const jmap_emotion *e = &t->emotions[k];
        const jmap_persona *p = e->persona.target;
        size_t slot = p ? p->index : plain;
        if ((e->persona.id && !p) || d->emo_seen[slot] || (p && d->persona_new[slot]))
            continue; /* an added persona's emotions come with it */
        jmap_change *c = add(d, JMAP_CHANGE_EMOTION, t->stage, t);
        c->field = keep(d, e->persona.id);
        values(d, c, JMAP_VALUE_INT, NULL, int_text(nb, sizeof nb, e->value, 1));
        c->new_pos = e->pos;
    }
}

static int same_duration(const jmap_duration *x, const jmap_duration *y)
{
    if (x->minutes < 0 || y->minutes < 0)
        return (x->minutes < 0) == (y->minutes < 0);
    double diff = x->minutes - y->minutes;
    return diff < 1e-6 && diff > -1e-6;
}

static void duration_field(differ *d, const jmap_stage *stage, const jmap_step *step,
                           const jmap_duration *x, const jmap_duration *y)
{
    if (same_duration(x, y))
        return;
    jmap_change *c = add(d, JMAP_CHANGE_DURATION, stage, step);
    values(d, c, JMAP_VALUE_TEXT, x->minutes >= 0 ? x->text : NULL,
           y->minutes >= 0 ? y->text : NULL);
    c->old_pos = x->pos;
    c->new_pos = y->pos;
}

/* The successors of `s` in `j` as ids of the new map, sorted and
 * space-separated, in `b`: those of its `next`, or by default the step
 * after it (none after the last). Old steps are named by the new step they
 * became, so that a renamed step changes no successor. */
static const char *successors(differ *d, const jmap_journey *j, const jmap_step *s,
                              int old, jmap_buf *b)
{
    size_t n = s->next_is_default ? s->index + 1 < j->n_steps : s->n_next;
    const char **ids = jmap_xcalloc(n + 1, sizeof *ids);
    for (size_t k = 0; k < n; k++) {
        const jmap_step *to = s->next_is_default ? j->steps[s->index + 1]
                                                 : s->next[k].target;
        const jmap_step *as_new = old && to ? d->step_ab[to->index] : NULL;
        ids[k] = as_new ? as_new->id : to ? to->id : s->next[k].id;
        if (!ids[k])
            ids[k] = "";
    }
    qsort(ids, n, sizeof *ids, cmp_str);
    b->len = 0;
    jmap_buf_puts(b, "");
    for (size_t k = 0; k < n; k++)
        jmap_buf_printf(b, "%s%s", k ? " " : "", ids[k]);
    free(ids);
    return b->data;
}

static void compare_next(differ *d, const jmap_step *s, const jmap_step *t)
{
    if (s->next_is_default && t->next_is_default)
        return; /* the step after it, whichever it is now */
    const char *x = successors(d, d->a, s, 1, &d->scratch[0]);
    const char *y = successors(d, d->b, t, 0, &d->scratch[1]);
    if (same_text(x, y))
        return;
    jmap_change *c = add(d, JMAP_CHANGE_NEXT, t->stage, t);
    values(d, c, JMAP_VALUE_IDS, x, y);
    c->old_pos = s->pos;
}

static void compare_step(differ *d, const jmap_step *s, const jmap_step *t)
{
    const jmap_stage *st = t->stage;
    if (!same_text(s->name.str, t->name.str)) {
        jmap_change *c = add(d, JMAP_CHANGE_STEP_RENAMED, st, t);
        c->field = "name";
        values(d, c, JMAP_VALUE_TEXT, s->name.str, t->name.str);
        c->old_pos = s->pos;
    }
    if (!same_text(s->id, t->id) && !(s->id_is_default && t->id_is_default)) {
        jmap_change *c = add(d, JMAP_CHANGE_STEP_RENAMED, st, t);
        c->field = "id";
        values(d, c, JMAP_VALUE_TEXT, s->id, t->id);
        c->old_pos = s->pos;
    }
    if (!same_text(s->stage->id, st->id) || d->step_moved[t->index]) {
        jmap_change *c = add(d, JMAP_CHANGE_STEP_MOVED, st, t);
        char ob[32], nb[32];
        if (!same_text(s->stage->id, st->id)) {
            c->field = "stage";
            values(d, c, JMAP_VALUE_TEXT, s->stage->id, st->id);
        } else {
            size_t k = 0, m = 0;
            while (k < s->stage->n_steps && s->stage->steps[k] != s)
                k++;
            while (m < st->n_steps && st->steps[m] != t)
                m++;
            c->field = "position";
            values(d, c, JMAP_VALUE_INT, int_text(ob, sizeof ob, (long)k + 1, 1),
                   int_text(nb, sizeof nb, (long)m + 1, 1));
        }
        c->old_pos = s->pos;
    }
    text_field(d, JMAP_CHANGE_DETAIL, st, t, NULL, "description", s->description.str,
               t->description.str);
    compare_emotions(d, s, t);
    duration_field(d, st, t, &s->duration, &t->duration);
    id_list_field(d, JMAP_CHANGE_STEP_TOUCHPOINTS, st, t, NULL, s->touchpoints,
                  s->n_touchpoints, t->touchpoints, t->n_touchpoints);
    id_list_field(d, JMAP_CHANGE_DETAIL, st, t, "departments", s->departments,
                  s->n_departments, t->departments, t->n_departments);
    id_list_field(d, JMAP_CHANGE_STEP_PERSONAS, st, t, NULL, s->personas, s->n_personas,
                  t->personas, t->n_personas);
    compare_irritants(d, s, t);
    compare_texts(d, st, t, s->moments, s->n_moments, t->moments, t->n_moments,
                  s->moment_sources, t->moment_sources, JMAP_CHANGE_MOMENT_ADDED,
                  JMAP_CHANGE_MOMENT_REMOVED, JMAP_CHANGE_MOMENT_CHANGED);
    compare_texts(d, st, t, s->ideas, s->n_ideas, t->ideas, t->n_ideas, NULL, NULL,
                  JMAP_CHANGE_IDEA_ADDED, JMAP_CHANGE_IDEA_REMOVED,
                  JMAP_CHANGE_IDEA_CHANGED);
    compare_texts(d, st, t, s->thoughts, s->n_thoughts, t->thoughts, t->n_thoughts, NULL,
                  NULL, JMAP_CHANGE_THOUGHT_ADDED, JMAP_CHANGE_THOUGHT_REMOVED,
                  JMAP_CHANGE_THOUGHT_CHANGED);
    compare_metrics(d, st, t, s->metrics, s->n_metrics, t->metrics, t->n_metrics);
    compare_actions(d, s, t);
    compare_next(d, s, t);
}

/* ---- stages, in the new map's order ---- */

static void removed_steps(differ *d, const jmap_stage *old)
{
    for (size_t k = 0; k < old->n_steps; k++) {
        const jmap_step *s = old->steps[k];
        if (d->step_ab[s->index])
            continue;
        jmap_change *c = add(d, JMAP_CHANGE_STEP_REMOVED, old, s);
        c->new_pos = (jmap_pos){0, 0};
        c->old_pos = s->pos;
    }
}

static void compare_stage(differ *d, const jmap_stage *st)
{
    const jmap_stage *old = d->stage_ba[st->index];
    if (!old) {
        add(d, JMAP_CHANGE_STAGE_ADDED, st, NULL);
    } else {
        if (!same_text(old->name.str, st->name.str)) {
            jmap_change *c = add(d, JMAP_CHANGE_STAGE_RENAMED, st, NULL);
            values(d, c, JMAP_VALUE_TEXT, old->name.str, st->name.str);
            c->old_pos = old->pos;
        }
        if (d->stage_moved[st->index]) {
            char ob[32], nb[32];
            jmap_change *c = add(d, JMAP_CHANGE_STAGE_MOVED, st, NULL);
            c->field = "position";
            values(d, c, JMAP_VALUE_INT, int_text(ob, sizeof ob, (long)old->index + 1, 1),
                   int_text(nb, sizeof nb, (long)st->index + 1, 1));
            c->old_pos = old->pos;
        }
        duration_field(d, st, NULL, &old->duration, &st->duration);
        text_field(d, JMAP_CHANGE_DETAIL, st, NULL, NULL, "description",
                   old->description.str, st->description.str);
        compare_texts(d, st, NULL, old->goals, old->n_goals, st->goals, st->n_goals, NULL,
                      NULL, JMAP_CHANGE_GOAL_ADDED, JMAP_CHANGE_GOAL_REMOVED,
                      JMAP_CHANGE_GOAL_CHANGED);
        compare_metrics(d, st, NULL, old->metrics, old->n_metrics, st->metrics,
                        st->n_metrics);
    }
    for (size_t k = 0; k < st->n_steps; k++) {
        const jmap_step *t = st->steps[k];
        const jmap_step *s = d->step_ba[t->index];
        if (s)
            compare_step(d, s, t);
        else
            add(d, JMAP_CHANGE_STEP_ADDED, st, t);
    }
    if (old)
        removed_steps(d, old);
}

void jmap_journey_diff(const jmap_journey *old_map, const jmap_journey *new_map,
                       jmap_change_list *out)
{
    differ d;
    memset(&d, 0, sizeof d);
    d.a = old_map;
    d.b = new_map;
    d.out = out;
    out->lang = new_map->lang;
    d.step_ab = jmap_xcalloc(old_map->n_steps + 1, sizeof *d.step_ab);
    d.step_ba = jmap_xcalloc(new_map->n_steps + 1, sizeof *d.step_ba);
    d.stage_ab = jmap_xcalloc(old_map->n_stages + 1, sizeof *d.stage_ab);
    d.stage_ba = jmap_xcalloc(new_map->n_stages + 1, sizeof *d.stage_ba);
    d.persona_ab = jmap_xcalloc(old_map->n_personas + 1, sizeof *d.persona_ab);
    d.persona_new = jmap_xcalloc(new_map->n_personas + 1, 1);
    d.step_moved = jmap_xcalloc(new_map->n_steps + 1, 1);
    d.stage_moved = jmap_xcalloc(new_map->n_stages + 1, 1);
    d.emo_stamp = jmap_xcalloc(new_map->n_personas + 1, sizeof *d.emo_stamp);
    d.emo_value = jmap_xcalloc(new_map->n_personas + 1, sizeof *d.emo_value);
    d.emo_seen = jmap_xcalloc(new_map->n_personas + 1, 1);
    jmap_buf_init(&d.scratch[0]);
    jmap_buf_init(&d.scratch[1]);

    text_field(&d, JMAP_CHANGE_TITLE, NULL, NULL, NULL, NULL, old_map->title.str,
               new_map->title.str);
    text_field(&d, JMAP_CHANGE_DETAIL, NULL, NULL, NULL, "description",
               old_map->description.str, new_map->description.str);
    text_field(&d, JMAP_CHANGE_DETAIL, NULL, NULL, NULL, "lang",
               jmap_lang_names[old_map->lang], jmap_lang_names[new_map->lang]);
    compare_personas(&d);
    compare_departments(&d);
    compare_touchpoints(&d);
    match_stages(&d);
    match_steps(&d);
    find_moves(&d);
    for (size_t i = 0; i < new_map->n_stages; i++)
        compare_stage(&d, &new_map->stages[i]);
    for (size_t i = 0; i < old_map->n_stages; i++)
        if (!d.stage_ab[i]) {
            jmap_change *c = add(&d, JMAP_CHANGE_STAGE_REMOVED, &old_map->stages[i], NULL);
            c->new_pos = (jmap_pos){0, 0};
            c->old_pos = old_map->stages[i].pos;
            removed_steps(&d, &old_map->stages[i]);
        }

    jmap_buf_destroy(&d.scratch[0]);
    jmap_buf_destroy(&d.scratch[1]);
    free(d.step_ab);
    free(d.step_ba);
    free(d.stage_ab);
    free(d.stage_ba);
    free(d.persona_ab);
    free(d.persona_new);
    free(d.step_moved);
    free(d.stage_moved);
    free(d.emo_stamp);
    free(d.emo_value);
    free(d.emo_seen);
}
