/*
 * diffmarks.c - the changes from an older map, drawn on the new one
 * (`jmap render NEW --diff OLD`).
 *
 * jmap_diffmarks_new() reads the change list once (jmap_journey_diff,
 * diff.c) and sorts what it says into three kinds of marks:
 *
 *   - cards of the new map that are new or changed (a stage's band, a
 *     step, a touchpoint on a step, an irritant, a moment, an idea), each
 *     with the words of
 *     its tag: "new", or what changed ("severity: medium -> high",
 *     "renamed", "emotion: -1 -> -2"), found again by the kind and source
 *     position of the card's box;
 *   - emotions that changed, whose old value is drawn as a hollow point on
 *     its curve beside the new one;
 *   - what the old map had and the new one has not: removed steps, solved
 *     irritants, removed moments, ideas and touchpoints, each shown under
 *     its step (a removed step under the last step of its stage) in the
 *     changes lane, as a faded card with its old text struck.
 *
 * Layout (layout.c) calls it at three points only: for the room a card's
 * tag takes under its text (so that a tag never covers a text), to fill
 * the changes lane (with the key of the marks in its label column), and
 * once the map is laid out, to add the outlines, tags and old points as
 * boxes and paths. Everything it adds is geometry like the rest of the
 * layout: the dump shows it, the pages cut it, draw.c paints it. The
 * journey's own changes (title, personas, departments) have no card to
 * mark; `jmap diff` lists them.
 */
#include "diffmarks.h"
#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TAG_PAD_X 3.0    /* inside a tag, left and right */
#define TAG_PAD_Y 1.5    /* ... above and below its text */
#define TAG_INSET 4.0    /* a tag, from its card's right and bottom edges */
#define TAG_GAP 4.0      /* between a card's text and its tag */
#define TAG_SIDE 16.0    /* a tag leaves at least this of its card's width
                            free at the left (an irritant's bar) */
#define TAG_LINES 6      /* a tag's line limit */
#define OUTLINE_OUT 1.5  /* an outline, outside its card */
#define GONE_PAD 5.0     /* inside a removed item's card */
#define GONE_TAG_GAP 3.0 /* between its tag and its text */
#define GONE_GAP 4.0     /* between two of them */
#define GONE_LINES 6     /* their text's line limit */
#define KEY_PAD_X 8.0    /* the key, inside the label column, as the label */
#define KEY_TOP 6.0      /* the key, under the lane's label */
#define KEY_SAMPLE_W 26.0 /* the samples' column, at least */
#define KEY_TEXT_GAP 4.0 /* between a sample and its text */
#define KEY_ROW_GAP 4.0  /* between two entries of the key */
#define KEY_LINES 3      /* an entry's line limit */
#define KEY_GONE_W 24.0  /* the sample of a removed card */
#define KEY_GONE_H 11.0
#define GHOST_D (2 * JMAP_MARKER_REACH * 3.6) /* an old point's box, as the
                                                 new point's */
#define STRIKE_RISE 0.3  /* a strike line, above the baseline, in ems */

/* A card of the new map that is marked. */
typedef struct mark_card {
    jmap_box_kind kind;    /* the card's box kind */
    jmap_pos pos;          /* its box's source position */
    jmap_diff_state state; /* added or changed */
    jmap_buf tag;          /* the tag's words */
} mark_card;

/* Something of the old map that is gone, shown under a step. */
typedef struct mark_gone {
    size_t step;      /* the new step it is shown under */
    size_t seq;       /* its place in the change list */
    int is_step;      /* 1: a removed step (its name in bold) */
    const char *text; /* its text in the old map (borrowed) */
    jmap_label word;  /* its tag: solved, removed, step removed */
} mark_gone;

/* An emotion that changed at a step. */
typedef struct mark_ghost {
    size_t step;   /* the step */
    long curve;    /* the curve, -1: a plain value, on every curve that
                      takes it */
    int old_v;     /* the value before */
    int has_new;   /* 1 when the step still has one */
    int new_v;     /* ... and that value */
} mark_ghost;

struct jmap_diffmarks {
    const jmap_journey *j; /* the new map (borrowed) */
    jmap_lang lang;        /* its language */
    jmap_arena *arena;     /* the keys of `index` */
    mark_card *cards;
    size_t n_cards, cap_cards;
    jmap_strmap index;     /* "kind:line:col" -> card index + 1 */
    mark_gone *gone;       /* by step, then in change order */
    size_t n_gone, cap_gone;
    mark_ghost *ghosts;
    size_t n_ghosts, cap_ghosts;
    jmap_strmap steps;     /* step id -> jmap_step */
    jmap_strmap gone_touchpoints; /* id -> old name, of touchpoints the
                             new map no longer declares */
};

static const char *word(const jmap_diffmarks *dm, jmap_label l)
{
    return jmap_label_text(dm->lang, l);
}

/* ---- reading the change list ---- */

static mark_card *card_of(jmap_diffmarks *dm, jmap_box_kind kind, jmap_pos pos,
                          jmap_diff_state state)
{
    char key[64];
    snprintf(key, sizeof key, "%d:%d:%d", (int)kind, pos.line, pos.column);
    size_t at = (size_t)(uintptr_t)jmap_strmap_get(&dm->index, key);
    if (at)
        return &dm->cards[at - 1];
    if (dm->n_cards == dm->cap_cards) {
        dm->cap_cards = dm->cap_cards ? 2 * dm->cap_cards : 16;
        dm->cards = jmap_xrealloc(dm->cards, dm->cap_cards, sizeof *dm->cards);
    }
    mark_card *c = &dm->cards[dm->n_cards++];
    c->kind = kind;
    c->pos = pos;
    c->state = state;
    jmap_buf_init(&c->tag);
    jmap_strmap_put(&dm->index, jmap_arena_strdup(dm->arena, key),
                    (void *)(uintptr_t)dm->n_cards);
    return c;
}

/* Marks the card as new: its tag says so and nothing else. */
static void card_added(jmap_diffmarks *dm, jmap_box_kind kind, jmap_pos pos)
{
    mark_card *c = card_of(dm, kind, pos, JMAP_DIFF_ADDED);
    c->state = JMAP_DIFF_ADDED;
    c->tag.len = 0;
    jmap_buf_puts(&c->tag, word(dm, L_D_NEW));
}

/* Adds `phrase` to the tag of a changed card (a new one keeps "new"). */
static void card_changed(jmap_diffmarks *dm, jmap_box_kind kind, jmap_pos pos,
                         const char *phrase)
{
    mark_card *c = card_of(dm, kind, pos, JMAP_DIFF_CHANGED);
    if (c->state == JMAP_DIFF_ADDED)
        return;
    if (strstr(c->tag.data ? c->tag.data : "", phrase))
        return; /* said already (a step renamed by name and id) */
    if (c->tag.len)
        jmap_buf_puts(&c->tag, ", ");
    jmap_buf_puts(&c->tag, phrase);
}

static void add_gone(jmap_diffmarks *dm, size_t step, int is_step,
                     const char *text, jmap_label w)
{
    if (!text)
        return;
    if (dm->n_gone == dm->cap_gone) {
        dm->cap_gone = dm->cap_gone ? 2 * dm->cap_gone : 16;
        dm->gone = jmap_xrealloc(dm->gone, dm->cap_gone, sizeof *dm->gone);
    }
    dm->gone[dm->n_gone] = (mark_gone){step, dm->n_gone, is_step, text, w};
    dm->n_gone++;
}

static const jmap_step *step_named(const jmap_diffmarks *dm, const char *id)
{
    return id ? jmap_strmap_get(&dm->steps, id) : NULL;
}

/* An emotion as the map's scale writes it: "+1", "0", "\u22121". */
static void put_emotion(jmap_buf *out, const jmap_diffmarks *dm, const char *v)
{
    if (!v) {
        jmap_buf_puts(out, word(dm, L_D_NONE));
        return;
    }
    long n = strtol(v, NULL, 10);
    if (n < 0)
        jmap_buf_printf(out, "\xe2\x88\x92%ld", -n);
    else
        jmap_buf_printf(out, "%s%ld", n > 0 ? "+" : "", n);
}

/* A duration as the cards show it ("3 d"), or "none". */
static void put_duration(jmap_buf *out, const jmap_diffmarks *dm, const char *v)
{
    if (!v)
        jmap_buf_puts(out, word(dm, L_D_NONE));
    else if (!jmap_format_duration(out, dm->lang, v))
        jmap_buf_puts(out, v);
}

/* A severity's name ("high") in the map's language. */
static const char *severity_word(const jmap_diffmarks *dm, const char *v)
{
    for (int k = 0; k < JMAP_N_LEVELS; k++)
        if (v && strcmp(v, jmap_level_names[k]) == 0)
            return word(dm, (jmap_label)(L_R_LOW + k));
    return v ? v : word(dm, L_D_NONE);
}

/* A department's name, from its id in the new map (else the id). */
static const char *department_word(const jmap_diffmarks *dm, const char *id)
{
    if (!id)
        return word(dm, L_D_NONE);
    for (size_t d = 0; d < dm->j->n_departments; d++)
        if (strcmp(dm->j->departments[d].id, id) == 0)
            return dm->j->departments[d].name.str ? dm->j->departments[d].name.str
                                                  : id;
    return id;
}

#define ARROW " \xe2\x86\x92 " /* " -> " as the tags write it */

/* The tag phrase of an irritant's changed field. */
static void irritant_phrase(const jmap_diffmarks *dm, const jmap_change *c,
                            jmap_buf *out)
{
    const char *f = c->field ? c->field : "";
    const char *none = word(dm, L_D_NONE);
    if (strcmp(f, "name") == 0) {
        jmap_buf_puts(out, word(dm, L_D_REWORDED));
    } else if (strcmp(f, "severity") == 0) {
        jmap_buf_printf(out, "%s%s %s" ARROW "%s", word(dm, L_D_SEVERITY),
                        jmap_colon(dm->lang), severity_word(dm, c->old_value),
                        severity_word(dm, c->new_value));
    } else if (strcmp(f, "frequency") == 0) {
        jmap_buf_printf(out, "%s" ARROW "%s %s", c->old_value ? c->old_value : none,
                        c->new_value ? c->new_value : none, word(dm, L_D_FREQUENCY));
    } else if (strcmp(f, "owner") == 0) {
        jmap_buf_printf(out, "%s%s %s" ARROW "%s", word(dm, L_D_OWNER),
                        jmap_colon(dm->lang), department_word(dm, c->old_value),
                        department_word(dm, c->new_value));
    } else {
        jmap_buf_puts(out, word(dm, L_D_REMEDY));
    }
}

/* The curve of persona `id` (NULL: a plain value, -1); -2 when the new
 * map draws none for it. */
static long curve_of(const jmap_diffmarks *dm, const char *id)
{
    if (!id)
        return -1;
    if (!dm->j->per_persona_emotions)
        return -2;
    for (size_t k = 0; k < dm->j->n_personas; k++)
        if (strcmp(dm->j->personas[k].id, id) == 0)
            return (long)k;
    return -2; /* a persona of the old map only */
}

static void emotion_change(jmap_diffmarks *dm, const jmap_change *c,
                           const jmap_step *s)
{
    jmap_buf t;
    jmap_buf_init(&t);
    jmap_buf_puts(&t, word(dm, L_D_EMOTION));
    long k = curve_of(dm, c->field);
    if (c->field && dm->j->per_persona_emotions && k >= 0) {
        const jmap_persona *p = &dm->j->personas[k];
        jmap_buf_printf(&t, " (%s)", p->name.str ? p->name.str : p->id);
    }
    jmap_buf_puts(&t, jmap_colon(dm->lang));
    jmap_buf_putc(&t, ' ');
    put_emotion(&t, dm, c->old_value);
    jmap_buf_puts(&t, ARROW);
    put_emotion(&t, dm, c->new_value);
    card_changed(dm, JMAP_BOX_STEP, s->pos, t.data);
    jmap_buf_destroy(&t);
    if (!c->old_value || k == -2)
        return;
    if (dm->n_ghosts == dm->cap_ghosts) {
        dm->cap_ghosts = dm->cap_ghosts ? 2 * dm->cap_ghosts : 16;
        dm->ghosts = jmap_xrealloc(dm->ghosts, dm->cap_ghosts, sizeof *dm->ghosts);
    }
    mark_ghost *g = &dm->ghosts[dm->n_ghosts++];
    g->step = s->index;
    g->curve = k;
    g->old_v = (int)strtol(c->old_value, NULL, 10);
    g->has_new = c->new_value != NULL;
    g->new_v = g->has_new ? (int)strtol(c->new_value, NULL, 10) : 0;
}

/* 1 when the space-separated list `ids` holds `id`. */
static int has_id(const char *ids, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = ids ? ids : ""; *p;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, id, n) == 0)
            return 1;
        p += len + (end != NULL);
    }
    return 0;
}

/* A step's touchpoints changed: its new chips are new; the old ones it
 * lost are shown under it. */
static void touchpoints_change(jmap_diffmarks *dm, const jmap_change *c,
                               const jmap_step *s)
{
    for (size_t k = 0; k < s->n_touchpoints; k++)
        if (s->touchpoints[k].target && !has_id(c->old_value, s->touchpoints[k].id))
            card_added(dm, JMAP_BOX_TOUCHPOINT, s->touchpoints[k].pos);
    const char *p = c->old_value ? c->old_value : "";
    while (*p) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *id = jmap_arena_strndup(dm->arena, p, len);
        if (!has_id(c->new_value, id)) {
            const char *name = id;
            for (size_t t = 0; t < dm->j->n_touchpoints; t++)
                if (strcmp(dm->j->touchpoints[t].id, id) == 0 &&
                    dm->j->touchpoints[t].name.str)
                    name = dm->j->touchpoints[t].name.str;
            const char *old = jmap_strmap_get(&dm->gone_touchpoints, id);
            if (old)
                name = old;
            add_gone(dm, s->index, 0, name, L_D_REMOVED);
        }
        p += len + (end != NULL);
    }
}

/* Where a removed step is shown: under the last step of its stage, or
 * of the map when its stage is gone too. */
static const jmap_step *home_of_removed(const jmap_diffmarks *dm,
                                        const jmap_change *c)
{
    const jmap_journey *j = dm->j;
    for (size_t i = 0; c->stage && i < j->n_stages; i++)
        if (strcmp(j->stages[i].id, c->stage) == 0 && j->stages[i].n_steps)
            return j->stages[i].steps[j->stages[i].n_steps - 1];
    return j->n_steps ? j->steps[0] : NULL;
}

/* The stage of the new map with id `id`, or NULL. */
static const jmap_stage *stage_named(const jmap_diffmarks *dm, const char *id)
{
    for (size_t i = 0; id && i < dm->j->n_stages; i++)
        if (strcmp(dm->j->stages[i].id, id) == 0)
            return &dm->j->stages[i];
    return NULL;
}

/* A change of a stage itself: its band is marked. */
/* The tag of a stage's or step's changed duration: "duration: 3 d → 4 d". */
static void duration_changed(jmap_diffmarks *dm, const jmap_change *c,
                             jmap_box_kind kind, jmap_pos pos)
{
    jmap_buf t;
    jmap_buf_init(&t);
    jmap_buf_printf(&t, "%s%s ", word(dm, L_D_DURATION), jmap_colon(dm->lang));
    put_duration(&t, dm, c->old_value);
    jmap_buf_puts(&t, ARROW);
    put_duration(&t, dm, c->new_value);
    card_changed(dm, kind, pos, t.data);
    jmap_buf_destroy(&t);
}

static void stage_change(jmap_diffmarks *dm, const jmap_change *c)
{
    const jmap_stage *st = stage_named(dm, c->stage);
    if (!st)
        return;
    if (c->kind == JMAP_CHANGE_STAGE_ADDED) {
        card_added(dm, JMAP_BOX_STAGE, st->pos);
    } else if (c->kind == JMAP_CHANGE_STAGE_RENAMED) {
        card_changed(dm, JMAP_BOX_STAGE, st->pos, word(dm, L_D_RENAMED));
    } else if (c->kind == JMAP_CHANGE_STAGE_MOVED) {
        card_changed(dm, JMAP_BOX_STAGE, st->pos, word(dm, L_D_MOVED));
    } else if (c->kind == JMAP_CHANGE_DURATION) {
        duration_changed(dm, c, JMAP_BOX_STAGE, st->pos);
    }
}

static void read_change(jmap_diffmarks *dm, const jmap_change *c)
{
    const jmap_step *s = step_named(dm, c->step);
    if (!c->step && c->stage && c->kind != JMAP_CHANGE_STEP_REMOVED) {
        stage_change(dm, c);
        return;
    }
    switch (c->kind) {
    case JMAP_CHANGE_STEP_ADDED:
        if (s)
            card_added(dm, JMAP_BOX_STEP, s->pos);
        return;
    case JMAP_CHANGE_STEP_REMOVED: {
        const jmap_step *home = home_of_removed(dm, c);
        const char *name = c->label ? c->label : c->step;
        if (name && c->stage_name && !stage_named(dm, c->stage)) {
            char *both = jmap_xasprintf("%s (%s)", name, c->stage_name);
            name = jmap_arena_strdup(dm->arena, both); /* its stage is gone too */
            free(both);
        }
        if (home)
            add_gone(dm, home->index, 1, name, L_D_STEP_REMOVED);
        return;
    }
    case JMAP_CHANGE_IRRITANT_ADDED:
        card_added(dm, JMAP_BOX_IRRITANT, c->new_pos);
        return;
    case JMAP_CHANGE_MOMENT_ADDED:
        card_added(dm, JMAP_BOX_MOMENT, c->new_pos);
        return;
    case JMAP_CHANGE_IDEA_ADDED:
        card_added(dm, JMAP_BOX_IDEA, c->new_pos);
        return;
    case JMAP_CHANGE_IRRITANT_CHANGED: {
        jmap_buf t;
        jmap_buf_init(&t);
        irritant_phrase(dm, c, &t);
        card_changed(dm, JMAP_BOX_IRRITANT, c->new_pos, t.data);
        jmap_buf_destroy(&t);
        return;
    }
    case JMAP_CHANGE_MOMENT_CHANGED:
        card_changed(dm, JMAP_BOX_MOMENT, c->new_pos, word(dm, L_D_REWORDED));
        return;
    case JMAP_CHANGE_IDEA_CHANGED:
        card_changed(dm, JMAP_BOX_IDEA, c->new_pos, word(dm, L_D_REWORDED));
        return;
    case JMAP_CHANGE_IRRITANT_REMOVED:
    case JMAP_CHANGE_MOMENT_REMOVED:
    case JMAP_CHANGE_IDEA_REMOVED:
        if (s)
            add_gone(dm, s->index, 0, c->item,
                     c->kind == JMAP_CHANGE_IRRITANT_REMOVED && c->solved
                         ? L_D_SOLVED : L_D_REMOVED);
        return;
    default:
        break;
    }
    if (!s)
        return; /* the journey's or a stage's own change: no card */
    switch (c->kind) {
    case JMAP_CHANGE_STEP_RENAMED:
        card_changed(dm, JMAP_BOX_STEP, s->pos, word(dm, L_D_RENAMED));
        break;
    case JMAP_CHANGE_STEP_MOVED:
        card_changed(dm, JMAP_BOX_STEP, s->pos, word(dm, L_D_MOVED));
        break;
    case JMAP_CHANGE_EMOTION:
        emotion_change(dm, c, s);
        break;
    case JMAP_CHANGE_DURATION:
        duration_changed(dm, c, JMAP_BOX_STEP, s->pos);
        break;
    case JMAP_CHANGE_STEP_TOUCHPOINTS:
        touchpoints_change(dm, c, s);
        break;
    case JMAP_CHANGE_NEXT:
        card_changed(dm, JMAP_BOX_STEP, s->pos, word(dm, L_D_NEXT));
        break;
    case JMAP_CHANGE_DETAIL:
        card_changed(dm, JMAP_BOX_STEP, s->pos, word(dm, L_D_DETAILS));
        break;
    default:
        break;
    }
}

static int gone_cmp(const void *a, const void *b)
{
    const mark_gone *x = a, *y = b;
    if (x->step != y->step)
        return x->step < y->step ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

jmap_diffmarks *jmap_diffmarks_new(const jmap_journey *journey,
                                   const jmap_change_list *changes)
{
    if (!journey || !changes || !changes->count)
        return NULL;
    jmap_diffmarks *dm = jmap_xcalloc(1, sizeof *dm);
    dm->j = journey;
    dm->lang = journey->lang;
    dm->arena = jmap_arena_new();
    jmap_strmap_init(&dm->index);
    jmap_strmap_init(&dm->steps);
    for (size_t i = 0; i < journey->n_steps; i++)
        jmap_strmap_put(&dm->steps, journey->steps[i]->id, journey->steps[i]);
    jmap_strmap_init(&dm->gone_touchpoints);
    for (size_t i = 0; i < changes->count; i++) {
        const jmap_change *c = &changes->items[i];
        if (c->kind == JMAP_CHANGE_TOUCHPOINT_REMOVED && c->item && c->old_value)
            jmap_strmap_put(&dm->gone_touchpoints, c->item, (void *)c->old_value);
    }
    for (size_t i = 0; i < changes->count; i++)
        read_change(dm, &changes->items[i]);
    if (!dm->n_cards && !dm->n_gone && !dm->n_ghosts) {
        jmap_diffmarks_free(dm);
        return NULL;
    }
    if (dm->n_gone > 1)
        qsort(dm->gone, dm->n_gone, sizeof *dm->gone, gone_cmp);
    return dm;
}

void jmap_diffmarks_free(jmap_diffmarks *dm)
{
    if (!dm)
        return;
    for (size_t i = 0; i < dm->n_cards; i++)
        jmap_buf_destroy(&dm->cards[i].tag);
    free(dm->cards);
    free(dm->gone);
    free(dm->ghosts);
    jmap_strmap_destroy(&dm->index);
    jmap_strmap_destroy(&dm->steps);
    jmap_strmap_destroy(&dm->gone_touchpoints);
    jmap_arena_free(dm->arena);
    free(dm);
}

/* ---- tags ---- */

static const mark_card *find_card(const jmap_diffmarks *dm, jmap_box_kind kind,
                                  jmap_pos pos)
{
    char key[64];
    snprintf(key, sizeof key, "%d:%d:%d", (int)kind, pos.line, pos.column);
    size_t at = (size_t)(uintptr_t)jmap_strmap_get(&dm->index, key);
    return at ? &dm->cards[at - 1] : NULL;
}

/* The width to wrap a tag's text to, at most `room` (<= 0: no limit):
 * 0, on one line, when it fits; so a tag is as wide as its words. */
static double tag_wrap(jmap_measurer *m, const char *text, double room)
{
    double lw, lh;
    if (room <= 0)
        return 0;
    g_object_unref(jmap_measurer_layout(m, text, JMAP_FONT_SMALL, 0, 1, 0, NULL,
                                        &lw, &lh));
    return lw <= room ? 0 : room;
}

/* The size of the tag saying `text` in a card `w` wide. */
static void tag_size(jmap_measurer *m, const char *text, double w, double *tw,
                     double *th)
{
    double lw, lh;
    double room = w - TAG_SIDE - TAG_INSET - 2 * TAG_PAD_X;
    g_object_unref(jmap_measurer_layout(m, text, JMAP_FONT_SMALL,
                                        tag_wrap(m, text, room), TAG_LINES, 0,
                                        NULL, &lw, &lh));
    *tw = lw + 2 * TAG_PAD_X;
    *th = lh + 2 * TAG_PAD_Y;
}

double jmap_diffmarks_room(const jmap_diffmarks *dm, jmap_measurer *m,
                           jmap_box_kind kind, jmap_pos pos, double w)
{
    const mark_card *c = dm ? find_card(dm, kind, pos) : NULL;
    if (!c || !c->tag.len)
        return 0;
    double tw, th;
    tag_size(m, c->tag.data, w, &tw, &th);
    return th + TAG_GAP;
}

/* A tag of `state` saying `text`, its top left corner at (x, y), at most
 * `width` wide (0: on one line), in box `parent`; returns its height. */
static double add_tag(jmap_layout *L, jmap_measurer *m, jmap_diff_state state,
                      const char *text, jmap_pos pos, double x, double y,
                      double width, int column, int parent)
{
    size_t tag = jmap_layout_add_box(L, JMAP_BOX_DIFF_TAG, pos, x, y, 0, 0,
                                     column, parent);
    L->boxes[tag].style.diff = state;
    size_t t = jmap_layout_add_text(L, m, JMAP_BOX_DIFF_TAG_TEXT, text, pos,
                                    JMAP_FONT_SMALL, x + TAG_PAD_X,
                                    y + TAG_PAD_Y,
                                    tag_wrap(m, text, width - 2 * TAG_PAD_X),
                                    TAG_LINES, column, (int)tag);
    L->boxes[tag].w = L->boxes[t].w + 2 * TAG_PAD_X;
    L->boxes[tag].h = L->boxes[t].h + 2 * TAG_PAD_Y;
    return L->boxes[tag].h;
}

/* The outline and tag of card box `i`, marked `c`. */
static void mark_box(jmap_layout *L, jmap_measurer *m, size_t i,
                     const mark_card *c)
{
    const jmap_box card = L->boxes[i]; /* a copy: adding boxes moves them */
    double x0 = card.x - OUTLINE_OUT, y0 = card.y - OUTLINE_OUT;
    double x1 = card.x + card.w + OUTLINE_OUT, y1 = card.y + card.h + OUTLINE_OUT;
    size_t o = jmap_layout_add_box(L, JMAP_BOX_DIFF_OUTLINE, card.pos, x0, y0,
                                   x1 - x0, y1 - y0, card.column, -1);
    L->boxes[o].style.diff = c->state;
    double tw, th;
    tag_size(m, c->tag.data, card.w, &tw, &th);
    /* a stage band's texts are laid out anew on each page: its tag is
     * none of them */
    add_tag(L, m, c->state, c->tag.data, card.pos,
            card.x + card.w - TAG_INSET - tw, card.y + card.h - TAG_INSET - th,
            card.w - TAG_SIDE - TAG_INSET, card.column,
            card.kind == JMAP_BOX_STAGE ? -1 : (int)i);
}

/* The old point of an emotion on curve k of column `col`, and the line
 * from it to the new one. */
static void ghost_point(jmap_layout *L, const mark_ghost *g, size_t col,
                        size_t k)
{
    double cx = jmap_layout_curve_x(L, col, k);
    double cy = jmap_layout_level_y(L, g->old_v);
    size_t b = jmap_layout_add_box(L, JMAP_BOX_DIFF_GHOST, (jmap_pos){0, 0},
                                   cx - GHOST_D / 2, cy - GHOST_D / 2, GHOST_D,
                                   GHOST_D, (int)col, -1);
    L->boxes[b].style.emotion = g->old_v;
    L->boxes[b].curve = k;
    if (!g->has_new || g->new_v == g->old_v)
        return;
    double ny = jmap_layout_level_y(L, g->new_v);
    double dir = ny > cy ? 1 : -1;
    jmap_path *p = jmap_layout_add_path(L, JMAP_PATH_DIFF_SHIFT, (jmap_pos){0, 0}, 2);
    p->curve = k;
    p->pts[0] = (jmap_point){cx, cy + dir * GHOST_D / 2};
    p->pts[1] = (jmap_point){cx, ny - dir * GHOST_D / 2};
}

/* 1 when curve k takes the plain value of step s (no own emotion). */
static int takes_plain(const jmap_step *s, size_t k)
{
    for (size_t e = 0; e < s->n_emotions; e++) {
        const jmap_persona *p = s->emotions[e].persona.target;
        if (p && p->index == k)
            return 0;
    }
    return 1;
}

void jmap_diffmarks_apply(const jmap_diffmarks *dm, jmap_layout *L,
                          jmap_measurer *m)
{
    size_t n = L->n_boxes;
    for (size_t i = 0; i < n; i++) {
        jmap_box_kind k = L->boxes[i].kind;
        if (k != JMAP_BOX_STEP && k != JMAP_BOX_TOUCHPOINT && k != JMAP_BOX_IRRITANT &&
            k != JMAP_BOX_MOMENT && k != JMAP_BOX_IDEA && k != JMAP_BOX_STAGE)
            continue;
        const mark_card *c = find_card(dm, k, L->boxes[i].pos);
        if (c && c->tag.len)
            mark_box(L, m, i, c);
    }
    if (L->emotion_mid <= 0)
        return;
    for (size_t i = 0; i < dm->n_ghosts; i++) {
        const mark_ghost *g = &dm->ghosts[i];
        if (g->step < L->slice.first || g->step >= L->slice.end)
            continue;
        size_t col = g->step - L->slice.first;
        if (g->curve >= 0) {
            ghost_point(L, g, col, (size_t)g->curve);
            continue;
        }
        for (size_t k = 0; k < L->n_curves; k++)
            if (L->n_curves == 1 || takes_plain(dm->j->steps[g->step], k))
                ghost_point(L, g, col, k);
    }
}

/* ---- the changes lane ---- */

/* The strike lines through each line of text box `t`. */
static void strike(jmap_layout *L, size_t t)
{
    const jmap_box b = L->boxes[t];
    double rise = STRIKE_RISE * jmap_font_size(b.font);
    PangoLayoutIter *it = pango_layout_get_iter(b.pl);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double x0 = b.x + logical.x / (double)PANGO_SCALE;
        double x1 = x0 + logical.width / (double)PANGO_SCALE;
        double y = b.y + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE - rise;
        if (x1 > x0) {
            jmap_path *p = jmap_layout_add_path(L, JMAP_PATH_DIFF_STRIKE, b.pos, 2);
            p->pts[0] = (jmap_point){x0, y};
            p->pts[1] = (jmap_point){x1, y};
        }
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* A removed item's card at (x, y), w wide; returns its height. */
static double gone_card(const jmap_diffmarks *dm, jmap_layout *L,
                        jmap_measurer *m, const mark_gone *g, int column,
                        double x, double y, double w)
{
    jmap_pos none = {0, 0};
    size_t card = jmap_layout_add_box(L, JMAP_BOX_DIFF_GONE, none, x, y, w, 0,
                                      column, -1);
    double cy = y + GONE_PAD;
    cy += add_tag(L, m, JMAP_DIFF_REMOVED, word(dm, g->word), none, x + GONE_PAD,
                  cy, w - 2 * GONE_PAD, column, (int)card) + GONE_TAG_GAP;
    size_t t = jmap_layout_add_text(L, m, JMAP_BOX_DIFF_GONE_TEXT, g->text, none,
                                    g->is_step ? JMAP_FONT_BODY_BOLD : JMAP_FONT_BODY,
                                    x + GONE_PAD, cy, w - 2 * GONE_PAD - 1,
                                    GONE_LINES, column, (int)card);
    strike(L, t);
    double h = cy + L->boxes[t].h + GONE_PAD - y;
    L->boxes[card].h = h;
    return h;
}

/* One entry of the key: its sample (made by the caller at x, `sample_w`
 * wide and `sample_h` high) and what it means; returns the entry's
 * height. */
static double key_text(jmap_layout *L, jmap_measurer *m, const char *text,
                       double x, double y, double w, double sample_w,
                       double sample_h)
{
    double dx = (sample_w > KEY_SAMPLE_W ? sample_w : KEY_SAMPLE_W) + KEY_TEXT_GAP;
    size_t t = jmap_layout_add_text(L, m, JMAP_BOX_LEGEND_TEXT, text,
                                    (jmap_pos){0, 0}, JMAP_FONT_SMALL,
                                    x + dx, y, w - dx, KEY_LINES, -1, -1);
    double h = L->boxes[t].h;
    return (h > sample_h ? h : sample_h) + KEY_ROW_GAP;
}

/* The key of the marks, in the label column from y; returns its height. */
static double key(const jmap_diffmarks *dm, jmap_layout *L, jmap_measurer *m,
                  double y)
{
    double x = L->label_x + KEY_PAD_X, w = L->label_w - 2 * KEY_PAD_X;
    double top = y;
    jmap_pos none = {0, 0};
    static const struct {
        jmap_diff_state state;
        jmap_label tag, text;
    } tags[] = {{JMAP_DIFF_ADDED, L_D_NEW, L_D_KEY_NEW},
                {JMAP_DIFF_CHANGED, L_D_CHANGED, L_D_KEY_CHANGED}};
    for (size_t i = 0; i < 2; i++) {
        double h = add_tag(L, m, tags[i].state, word(dm, tags[i].tag), none, x, y,
                           0, -1, -1); /* on one line */
        double tw = L->boxes[L->n_boxes - 2].w;
        y += key_text(L, m, word(dm, tags[i].text), x, y, w, tw, h);
    }
    if (L->emotion_mid > 0) {
        size_t g = jmap_layout_add_box(L, JMAP_BOX_DIFF_GHOST, none,
                                       x + (KEY_SAMPLE_W - GHOST_D) / 2, y,
                                       GHOST_D, GHOST_D, -1, -1);
        L->boxes[g].style.emotion = 0;
        y += key_text(L, m, word(dm, L_D_KEY_GHOST), x, y, w, 0, GHOST_D);
    }
    jmap_layout_add_box(L, JMAP_BOX_DIFF_GONE, none, x, y, KEY_GONE_W, KEY_GONE_H,
                        -1, -1);
    y += key_text(L, m, word(dm, L_D_KEY_GONE), x, y, w, 0, KEY_GONE_H);
    return y - KEY_ROW_GAP - top;
}

double jmap_diffmarks_lane(const jmap_diffmarks *dm, jmap_layout *L,
                           jmap_measurer *m, double y, double label_h)
{
    size_t first = L->slice.first, end = L->slice.end;
    if (end <= first)
        return 0;
    double bottom = y + JMAP_LANE_PAD + label_h + KEY_TOP;
    bottom += key(dm, L, m, bottom);
    /* the first removed item at or after the first step shown */
    size_t lo = 0, hi = dm->n_gone;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (dm->gone[mid].step < first)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < dm->n_gone && dm->gone[i].step < end;) {
        size_t step = dm->gone[i].step, col = step - first;
        double cy = y + JMAP_LANE_PAD;
        for (; i < dm->n_gone && dm->gone[i].step == step; i++)
            cy += gone_card(dm, L, m, &dm->gone[i], (int)col, L->col_x[col], cy,
                            L->col_w) + GONE_GAP;
        cy -= GONE_GAP;
        bottom = cy > bottom ? cy : bottom;
    }
    return bottom + JMAP_LANE_PAD - y;
}
