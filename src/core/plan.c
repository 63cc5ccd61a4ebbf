/*
 * plan.c - the action report's computation: from one or more resolved,
 * valid journeys to a jmap_plan (plan.h) that every format reads.
 *
 *   - every irritant gets its priority, severity weight (low 1, medium 2,
 *     high 3) times complaints per month (1 when not given), and a rank:
 *     higher priority first, then higher severity, then journey order (the
 *     maps in the order given, each in step order);
 *   - the irritants are grouped by owner department, departments of
 *     several maps with the same name being one owner;
 *   - stages with the same name are one row of the heat map (stages x
 *     owners, sums of priorities) and of the channel mix;
 *   - the emotion curves are the ones the map draws: one per persona when
 *     the map gives emotions by persona (a plain emotion counting for
 *     every persona), else the customer's;
 *   - totals per map and over all.
 * Everything is read from the fields the resolve pass derived; the work is
 * linear in the size of the maps but for the sort of the irritants.
 */
#include "plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Scratch state of one computation. */
typedef struct planner {
    jmap_plan *p;
    jmap_strmap owner_of;  /* department name -> 1 + owner index */
    jmap_strmap stage_of;  /* stage name -> 1 + stage index */
    size_t cap_owners, cap_stages; /* allocated (heap, moved to the arena) */
} planner;

static int compare_rows(const void *a, const void *b)
{
    const jmap_plan_row *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority > y->priority ? -1 : 1;
    if (x->irritant->severity != y->irritant->severity)
        return x->irritant->severity > y->irritant->severity ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

const char *jmap_plan_dept_name(const jmap_department *d)
{
    return d->name.str ? d->name.str : d->id;
}

/* The owner group of `name` (NULL: no owner), made when new. */
static size_t owner_index(planner *pl, const char *name)
{
    jmap_plan *p = pl->p;
    size_t at = name ? (size_t)(uintptr_t)jmap_strmap_get(&pl->owner_of, name) : 1;
    if (at && (name || p->n_owners))
        return at - 1;
    if (p->n_owners == pl->cap_owners) {
        pl->cap_owners = pl->cap_owners ? 2 * pl->cap_owners : 16;
        p->owners = jmap_xrealloc(p->owners, pl->cap_owners, sizeof *p->owners);
    }
    p->owners[p->n_owners] = (jmap_plan_owner){name, 0, NULL, 0, 0, 0};
    if (name)
        jmap_strmap_set(&pl->owner_of, name, (void *)(uintptr_t)(p->n_owners + 1));
    return p->n_owners++;
}

static size_t stage_index(planner *pl, const jmap_stage *st)
{
    jmap_plan *p = pl->p;
    const char *key = st->name.str ? st->name.str : st->id;
    size_t at = (size_t)(uintptr_t)jmap_strmap_get(&pl->stage_of, key);
    if (at)
        return at - 1;
    if (p->n_stages == pl->cap_stages) {
        pl->cap_stages = pl->cap_stages ? 2 * pl->cap_stages : 16;
        p->stages = jmap_xrealloc(p->stages, pl->cap_stages, sizeof *p->stages);
    }
    memset(&p->stages[p->n_stages], 0, sizeof p->stages[0]);
    p->stages[p->n_stages].name = key;
    jmap_strmap_set(&pl->stage_of, key, (void *)(uintptr_t)(p->n_stages + 1));
    return p->n_stages++;
}

/* Copies a heap array into the plan's arena and frees it. */
static void *to_arena(jmap_plan *p, void *heap, size_t n, size_t size)
{
    void *a = jmap_arena_alloc(p->arena, n + 1, size);
    if (n)
        memcpy(a, heap, n * size);
    free(heap);
    return a;
}

/* The rows, in journey order, each in its owner group; the stages. */
static void collect_rows(planner *pl)
{
    jmap_plan *p = pl->p;
    size_t n = 0;
    for (size_t m = 0; m < p->n_maps; m++)
        n += p->maps[m].journey->n_irritants;
    p->rows = jmap_arena_alloc(p->arena, n + 1, sizeof *p->rows);
    owner_index(pl, NULL); /* "no owner" is group 0, dropped later if empty */
    for (size_t m = 0; m < p->n_maps; m++) {
        const jmap_journey *j = p->maps[m].journey;
        for (size_t s = 0; s < j->n_stages; s++)
            stage_index(pl, &j->stages[s]);
        for (size_t i = 0; i < j->n_steps; i++) {
            const jmap_step *st = j->steps[i];
            for (size_t k = 0; k < st->n_irritants; k++) {
                const jmap_irritant *ir = &st->irritants[k];
                const jmap_department *d = ir->owner.target;
                jmap_plan_row *r = &p->rows[p->n_rows];
                r->irritant = ir;
                r->map = m;
                r->frequency = ir->frequency >= 0 ? ir->frequency : 1;
                r->priority = JMAP_PLAN_WEIGHT(ir->severity) * r->frequency;
                r->owner = owner_index(pl, d ? jmap_plan_dept_name(d) : NULL);
                r->order = p->n_rows++;
            }
        }
    }
    qsort(p->rows, p->n_rows, sizeof *p->rows, compare_rows);
    for (size_t i = 0; i < p->n_rows; i++)
        p->rows[i].rank = i + 1;
}

static int compare_owners(const void *a, const void *b)
{
    const jmap_plan_owner *x = a, *y = b;
    if (!x->name != !y->name)
        return x->name ? 1 : -1; /* "no owner" first */
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return x->column < y->column ? -1 : x->column > y->column;
}

/* Fills the groups, drops "no owner" when empty, sorts them, and records
 * the heat-map column of each (the order of first appearance). */
static void group_owners(planner *pl)
{
    jmap_plan *p = pl->p;
    size_t *count = jmap_xcalloc(p->n_owners + 1, sizeof *count);
    for (size_t i = 0; i < p->n_rows; i++)
        count[p->rows[i].owner]++;
    size_t first = count[0] ? 0 : 1;
    size_t *new_index = jmap_xcalloc(p->n_owners + 1, sizeof *new_index);
    for (size_t o = first; o < p->n_owners; o++) {
        jmap_plan_owner *g = &p->owners[o];
        g->column = o - first;
        g->rows = jmap_arena_alloc(p->arena, count[o] + 1, sizeof *g->rows);
    }
    for (size_t i = 0; i < p->n_rows; i++) {
        jmap_plan_owner *g = &p->owners[p->rows[i].owner];
        g->rows[g->n_rows++] = i;
        g->total += p->rows[i].priority;
        g->n_no_remedy += !p->rows[i].irritant->remedy.str;
    }
    size_t n = p->n_owners - first;
    jmap_plan_owner *sorted = jmap_arena_alloc(p->arena, n + 1, sizeof *sorted);
    memcpy(sorted, p->owners + first, n * sizeof *sorted);
    free(p->owners);
    qsort(sorted, n, sizeof *sorted, compare_owners);
    p->owners = sorted;
    p->n_owners = n;
    p->columns = jmap_arena_alloc(p->arena, n + 1, sizeof *p->columns);
    for (size_t o = 0; o < n; o++) {
        p->columns[sorted[o].column] = o;
        new_index[sorted[o].column + first] = o;
    }
    for (size_t i = 0; i < p->n_rows; i++)
        p->rows[i].owner = new_index[p->rows[i].owner];
    free(new_index);
    free(count);
}

/* The heat map, the channel mix, the steps without touchpoints. */
static void fill_stages(planner *pl)
{
    jmap_plan *p = pl->p;
    p->stages = to_arena(p, p->stages, p->n_stages, sizeof *p->stages);
    for (size_t s = 0; s < p->n_stages; s++)
        p->stages[s].heat = jmap_arena_alloc(p->arena, p->n_owners + 1, sizeof(long));
    for (size_t i = 0; i < p->n_rows; i++) {
        const jmap_plan_row *r = &p->rows[i];
        const jmap_stage *st = r->irritant->step->stage;
        size_t s = (size_t)(uintptr_t)jmap_strmap_get(
                       &pl->stage_of, st->name.str ? st->name.str : st->id) - 1;
        long *cell = &p->stages[s].heat[p->owners[r->owner].column];
        *cell += r->priority;
        if (*cell > p->heat_max)
            p->heat_max = *cell;
    }
    size_t n_bare = 0;
    for (size_t m = 0; m < p->n_maps; m++) {
        const jmap_journey *j = p->maps[m].journey;
        for (size_t s = 0; s < j->n_stages; s++) {
            const jmap_stage *st = &j->stages[s];
            jmap_plan_stage *ps = &p->stages[stage_index(pl, st)];
            ps->n_steps += st->n_steps;
            for (size_t k = 0; k < st->n_steps; k++) {
                const jmap_step *step = st->steps[k];
                size_t used = 0;
                for (size_t t = 0; t < step->n_touchpoints; t++) {
                    const jmap_touchpoint *tp = step->touchpoints[t].target;
                    if (tp) {
                        ps->channels[tp->channel]++;
                        used++;
                    }
                }
                n_bare += used == 0;
            }
        }
    }
    p->bare = jmap_arena_alloc(p->arena, n_bare + 1, sizeof *p->bare);
    for (size_t m = 0; m < p->n_maps; m++) {
        const jmap_journey *j = p->maps[m].journey;
        for (size_t i = 0; i < j->n_steps; i++) {
            size_t used = 0;
            for (size_t t = 0; t < j->steps[i]->n_touchpoints; t++)
                used += j->steps[i]->touchpoints[t].target != NULL;
            if (!used)
                p->bare[p->n_bare++] = (jmap_plan_place){j->steps[i], m};
        }
    }
}

/* The touchpoints that no step uses. */
static void find_unused(jmap_plan *p)
{
    size_t n = 0;
    for (size_t m = 0; m < p->n_maps; m++)
        for (size_t t = 0; t < p->maps[m].journey->n_touchpoints; t++)
            n += p->maps[m].journey->touchpoints[t].n_steps == 0;
    p->unused = jmap_arena_alloc(p->arena, n + 1, sizeof *p->unused);
    p->unused_map = jmap_arena_alloc(p->arena, n + 1, sizeof *p->unused_map);
    for (size_t m = 0; m < p->n_maps; m++)
        for (size_t t = 0; t < p->maps[m].journey->n_touchpoints; t++) {
            const jmap_touchpoint *tp = &p->maps[m].journey->touchpoints[t];
            if (tp->n_steps == 0) {
                p->unused_map[p->n_unused] = m;
                p->unused[p->n_unused++] = tp;
            }
        }
}

/* The steps with the most irritants: a bounded insertion, so linear in the
 * steps. */
static void find_hot(jmap_plan *p)
{
    p->hot = jmap_arena_alloc(p->arena, JMAP_PLAN_HOT_STEPS, sizeof *p->hot);
    for (size_t m = 0; m < p->n_maps; m++) {
        const jmap_journey *j = p->maps[m].journey;
        for (size_t i = 0; i < j->n_steps; i++) {
            const jmap_step *s = j->steps[i];
            if (!s->n_irritants)
                continue;
            size_t at = p->n_hot;
            while (at > 0 && p->hot[at - 1].step->n_irritants < s->n_irritants)
                at--;
            if (at >= JMAP_PLAN_HOT_STEPS)
                continue;
            size_t last = p->n_hot < JMAP_PLAN_HOT_STEPS ? p->n_hot : p->n_hot - 1;
            memmove(&p->hot[at + 1], &p->hot[at], (last - at) * sizeof *p->hot);
            p->hot[at] = (jmap_plan_place){s, m};
            if (p->n_hot < JMAP_PLAN_HOT_STEPS)
                p->n_hot++;
        }
    }
}

/* The curve of persona `pe` of map `m` (NULL: the customer's, from the
 * plain emotions): its own emotions merged with the plain ones, its own
 * winning at a step that has both. */
static void make_curve(jmap_plan *p, size_t m, const jmap_persona *pe)
{
    const jmap_journey *j = p->maps[m].journey;
    jmap_plan_curve *c = &p->curves[p->n_curves++];
    size_t n_own = pe ? pe->n_emotions : 0, n_plain = j->n_plain_emotions;
    c->map = m;
    c->persona = pe;
    c->steps = jmap_arena_alloc(p->arena, n_own + n_plain + 1, sizeof *c->steps);
    c->values = jmap_arena_alloc(p->arena, n_own + n_plain + 1, sizeof *c->values);
    size_t a = 0, b = 0;
    while (a < n_own || b < n_plain) {
        const jmap_emotion *own = a < n_own ? pe->emotions[a] : NULL;
        const jmap_emotion *plain = b < n_plain ? j->plain_emotions[b] : NULL;
        const jmap_emotion *e;
        if (own && plain && own->step->index == plain->step->index) {
            e = own;
            a++, b++;
        } else if (own && (!plain || own->step->index < plain->step->index)) {
            e = own;
            a++;
        } else {
            e = plain;
            b++;
        }
        if (c->n && c->steps[c->n - 1] == e->step)
            continue; /* one point per step */
        c->steps[c->n] = e->step;
        c->values[c->n++] = e->value;
    }
    c->lowest = 3;
    for (size_t i = 0; i < c->n; i++)
        if (c->values[i] < c->lowest) {
            c->lowest = c->values[i];
            c->n_lowest = 1;
        } else if (c->values[i] == c->lowest) {
            c->n_lowest++;
        }
}

static void make_curves(jmap_plan *p)
{
    size_t n = 0;
    for (size_t m = 0; m < p->n_maps; m++) {
        const jmap_journey *j = p->maps[m].journey;
        n += j->per_persona_emotions ? j->n_personas : j->n_plain_emotions > 0;
    }
    p->curves = jmap_arena_alloc(p->arena, n + 1, sizeof *p->curves);
    for (size_t m = 0; m < p->n_maps; m++) {
        const jmap_journey *j = p->maps[m].journey;
        if (j->per_persona_emotions)
            for (size_t i = 0; i < j->n_personas; i++)
                make_curve(p, m, &j->personas[i]);
        else if (j->n_plain_emotions)
            make_curve(p, m, j->n_personas == 1 ? &j->personas[0] : NULL);
    }
}

static void add_totals(jmap_plan_totals *to, const jmap_plan_totals *t)
{
    to->steps += t->steps;
    to->stages += t->stages;
    to->touchpoints += t->touchpoints;
    to->irritants += t->irritants;
    for (int l = 0; l < JMAP_N_LEVELS; l++)
        to->by_severity[l] += t->by_severity[l];
    to->minutes = to->minutes < 0 || t->minutes < 0 ? -1 : to->minutes + t->minutes;
}

static void make_totals(jmap_plan *p)
{
    p->totals = jmap_arena_alloc(p->arena, p->n_maps, sizeof *p->totals);
    for (size_t m = 0; m < p->n_maps; m++) {
        const jmap_journey *j = p->maps[m].journey;
        jmap_plan_totals *t = &p->totals[m];
        t->steps = j->n_steps;
        t->stages = j->n_stages;
        t->touchpoints = j->n_touchpoints;
        t->irritants = j->n_irritants;
        for (int l = 0; l < JMAP_N_LEVELS; l++)
            t->by_severity[l] = j->n_by_severity[l];
        t->minutes = j->total_minutes;
        add_totals(&p->all, t);
    }
}

/* A map's short name: its file name without folder and extension. */
static const char *short_name(jmap_plan *p, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
        len -= 5;
    else if (len > 4 && strcmp(base + len - 4, ".yml") == 0)
        len -= 4;
    return len ? jmap_arena_strndup(p->arena, base, len) : path;
}

jmap_plan *jmap_plan_new(const jmap_plan_map *maps, size_t n)
{
    jmap_plan *p = jmap_xcalloc(1, sizeof *p);
    p->arena = jmap_arena_new();
    p->maps = maps;
    p->n_maps = n;
    p->names = jmap_arena_alloc(p->arena, n + 1, sizeof *p->names);
    for (size_t m = 0; m < n; m++)
        p->names[m] = short_name(p, maps[m].path);
    p->lang = n ? JMAP_LANG_FR : JMAP_LANG_EN;
    for (size_t m = 0; m < n; m++)
        if (maps[m].journey->lang != JMAP_LANG_FR)
            p->lang = JMAP_LANG_EN;
    planner pl = {p, {0}, {0}, 0, 0};
    jmap_strmap_init(&pl.owner_of);
    jmap_strmap_init(&pl.stage_of);
    collect_rows(&pl);
    group_owners(&pl);
    fill_stages(&pl);
    jmap_strmap_destroy(&pl.owner_of);
    jmap_strmap_destroy(&pl.stage_of);
    find_unused(p);
    find_hot(p);
    make_curves(p);
    make_totals(p);
    return p;
}

void jmap_plan_free(jmap_plan *p)
{
    if (!p)
        return;
    jmap_arena_free(p->arena);
    free(p);
}
