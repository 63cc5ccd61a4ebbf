/*
 * diff_report.c - what `jmap diff` hands to people and to tools: the
 * changes of diff.c written as text (one line per change, grouped by
 * stage, then a summary line), as Markdown for a pull-request comment (the
 * summary line, then a table per stage) or as one JSON document. One
 * formatter per format, in a table, as report.c does for lint. The words
 * (summary, headings) are the new map's language, from locale.c; every
 * text from a map is escaped for where it goes.
 */
#include "emit.h"
#include "words.h"

#include <stdlib.h>
#include <string.h>

/* ---- what every format says about a change ---- */

/* 1 when the values of `c` are texts a person wrote (quoted when shown),
 * 0 for ids, names of the format's values and durations. */
static int values_quoted(const jmap_change *c)
{
    static const char *const plain[] = {"id",   "owner", "stage", "severity",
                                        "lang", "department-visibility",
                                        "touchpoint-channel"};
    if (c->type != JMAP_VALUE_TEXT || c->kind == JMAP_CHANGE_DURATION ||
        c->kind == JMAP_CHANGE_OWNER)
        return 0;
    for (size_t i = 0; c->field && i < sizeof plain / sizeof plain[0]; i++)
        if (strcmp(c->field, plain[i]) == 0)
            return 0;
    return 1;
}

static void put_quoted(jmap_buf *b, jmap_lang lang, const char *s)
{
    jmap_buf_printf(b, "%s%s%s", jmap_diff_word_text(lang, DW_QUOTE_OPEN, 1), s,
                    jmap_diff_word_text(lang, DW_QUOTE_CLOSE, 1));
}

/* One value of `c` as a reader sees it. */
static void put_value(jmap_buf *b, jmap_lang lang, const jmap_change *c, const char *v)
{
    if (!v) {
        jmap_buf_puts(b, jmap_diff_word_text(
                             lang, c->kind == JMAP_CHANGE_NEXT ? DW_DEFAULT : DW_NONE, 1));
        return;
    }
    double number;
    if (c->type == JMAP_VALUE_NUMBER && jmap_parse_double(v, &number)) {
        jmap_format_metric(b, lang, number); /* "2.3", "2,3" in French */
        return;
    }
    if (c->type == JMAP_VALUE_IDS) {
        if (!*v)
            jmap_buf_puts(b, jmap_diff_word_text(
                                 lang, c->kind == JMAP_CHANGE_STEP_PERSONAS ? DW_EVERY_PERSONA
                                                                          : DW_NONE,
                                 1));
        for (const char *p = v; *p; p++) {
            if (*p == ' ')
                jmap_buf_puts(b, ", ");
            else
                jmap_buf_putc(b, *p);
        }
    } else if (values_quoted(c)) {
        put_quoted(b, lang, v);
    } else {
        jmap_buf_puts(b, v);
    }
}

/* 1 when the item of `c` is a text or name of its stage (a goal, a
 * stage's metric), shown quoted after the stage's id. */
static int stage_item(const jmap_change *c)
{
    return c->item && !c->step && c->stage &&
           (c->kind == JMAP_CHANGE_GOAL_ADDED || c->kind == JMAP_CHANGE_GOAL_REMOVED ||
            c->kind == JMAP_CHANGE_GOAL_CHANGED || c->kind == JMAP_CHANGE_METRIC_ADDED ||
            c->kind == JMAP_CHANGE_METRIC_REMOVED || c->kind == JMAP_CHANGE_METRIC_CHANGED);
}

/* The subject of a change: the step, stage or item it is about, then the
 * item's text and the field. */
static void put_subject(jmap_buf *b, jmap_lang lang, const jmap_change *c)
{
    const char *who = c->step ? c->step : c->item && !stage_item(c) ? c->item : c->stage;
    if (who)
        jmap_buf_puts(b, who);
    if (c->item && (c->step || stage_item(c))) {
        jmap_buf_putc(b, ' ');
        put_quoted(b, lang, c->item);
    }
    if (c->kind == JMAP_CHANGE_EMOTION) {
        if (c->field)
            jmap_buf_printf(b, " (%s)", c->field);
    } else if (c->field) {
        jmap_buf_printf(b, "%s%s", b->len ? " " : "", c->field);
    }
}

/* What the change is between the subject and the values, for the kinds
 * that add or remove something named: its name. */
static const char *added_name(const jmap_change *c)
{
    switch (c->kind) {
    case JMAP_CHANGE_STAGE_ADDED:
    case JMAP_CHANGE_STAGE_REMOVED:
    case JMAP_CHANGE_STEP_ADDED:
    case JMAP_CHANGE_STEP_REMOVED:
        return c->label;
    default:
        return NULL;
    }
}

/* 1 for the kinds that add or remove something: one value, no arrow. */
static int added_or_removed(const jmap_change *c)
{
    const char *name = jmap_change_kind_name(c->kind);
    size_t n = strlen(name);
    return (n > 6 && strcmp(name + n - 6, "-added") == 0) ||
           (n > 8 && strcmp(name + n - 8, "-removed") == 0);
}

/* ---- the summary line ---- */

static int summary_word(const jmap_change *c)
{
    switch (c->kind) {
    case JMAP_CHANGE_STAGE_ADDED: return DW_STAGE_ADDED;
    case JMAP_CHANGE_STAGE_REMOVED: return DW_STAGE_REMOVED;
    case JMAP_CHANGE_STAGE_RENAMED: return DW_STAGE_RENAMED;
    case JMAP_CHANGE_STAGE_MOVED: return DW_STAGE_MOVED;
    case JMAP_CHANGE_STEP_ADDED: return DW_STEP_ADDED;
    case JMAP_CHANGE_STEP_REMOVED: return DW_STEP_REMOVED;
    case JMAP_CHANGE_STEP_RENAMED: return DW_STEP_RENAMED;
    case JMAP_CHANGE_STEP_MOVED: return DW_STEP_MOVED;
    case JMAP_CHANGE_IRRITANT_ADDED: return DW_IRRITANT_ADDED;
    case JMAP_CHANGE_IRRITANT_REMOVED: return DW_IRRITANT_SOLVED;
    case JMAP_CHANGE_IRRITANT_CHANGED: return DW_IRRITANT_CHANGED;
    case JMAP_CHANGE_MOMENT_ADDED: return DW_MOMENT_ADDED;
    case JMAP_CHANGE_MOMENT_REMOVED: return DW_MOMENT_REMOVED;
    case JMAP_CHANGE_IDEA_ADDED: return DW_IDEA_ADDED;
    case JMAP_CHANGE_IDEA_REMOVED: return DW_IDEA_REMOVED;
    case JMAP_CHANGE_TOUCHPOINT_ADDED: return DW_TOUCHPOINT_ADDED;
    case JMAP_CHANGE_TOUCHPOINT_REMOVED: return DW_TOUCHPOINT_REMOVED;
    case JMAP_CHANGE_PERSONA_ADDED: return DW_PERSONA_ADDED;
    case JMAP_CHANGE_PERSONA_REMOVED: return DW_PERSONA_REMOVED;
    case JMAP_CHANGE_DEPARTMENT_ADDED: return DW_DEPARTMENT_ADDED;
    case JMAP_CHANGE_DEPARTMENT_REMOVED: return DW_DEPARTMENT_REMOVED;
    case JMAP_CHANGE_THOUGHT_ADDED: return DW_THOUGHT_ADDED;
    case JMAP_CHANGE_THOUGHT_REMOVED: return DW_THOUGHT_REMOVED;
    case JMAP_CHANGE_GOAL_ADDED: return DW_GOAL_ADDED;
    case JMAP_CHANGE_GOAL_REMOVED: return DW_GOAL_REMOVED;
    case JMAP_CHANGE_METRIC_ADDED: return DW_METRIC_ADDED;
    case JMAP_CHANGE_METRIC_REMOVED: return DW_METRIC_REMOVED;
    case JMAP_CHANGE_METRIC_CHANGED: return DW_METRIC_CHANGED;
    case JMAP_CHANGE_ACTION_ADDED: return DW_ACTION_ADDED;
    case JMAP_CHANGE_ACTION_REMOVED: return DW_ACTION_REMOVED;
    case JMAP_CHANGE_ACTION_CHANGED: return DW_ACTION_CHANGED;
    case JMAP_CHANGE_EMOTION:
        if (c->old_value && c->new_value)
            return atoi(c->new_value) < atoi(c->old_value) ? DW_EMOTION_DOWN
                                                           : DW_EMOTION_UP;
        return DW_OTHER;
    default: return DW_OTHER;
    }
}

static int same_or_null(const char *x, const char *y)
{
    return x && y ? strcmp(x, y) == 0 : x == y;
}

/* 1 when c is about the same thing as p, counted once: several changed
 * fields of one irritant or metric, several personas' emotions at one
 * step. */
static int same_thing(const jmap_change *c, const jmap_change *p)
{
    return p && c->kind == p->kind &&
           (c->kind == JMAP_CHANGE_IRRITANT_CHANGED || c->kind == JMAP_CHANGE_EMOTION ||
            c->kind == JMAP_CHANGE_METRIC_CHANGED) &&
           same_or_null(c->stage, p->stage) && same_or_null(c->step, p->step) &&
           same_or_null(c->item, p->item);
}

#define MAX_NAMED_STEPS 3 /* steps an "emotion down at" names before counting */

/* The summary: "2 steps added, 1 irritant solved, emotion down at 'X'". */
static void put_summary(jmap_buf *b, const jmap_change_list *l)
{
    size_t count[DW_COUNT_] = {0};
    const jmap_change *last[DW_COUNT_] = {0};
    for (size_t i = 0; i < l->count; i++) {
        const jmap_change *c = &l->items[i];
        int w = summary_word(c);
        if (!same_thing(c, last[w]))
            count[w]++;
        last[w] = c;
    }
    int any = 0;
    for (int w = 0; w < DW_COUNT_; w++) {
        if (!count[w] || w == DW_EMOTION_DOWN || w == DW_EMOTION_UP)
            continue;
        if (w == DW_OTHER)
            continue;
        jmap_buf_puts(b, any++ ? ", " : "");
        jmap_format_count(b, l->lang, count[w]);
        jmap_buf_printf(b, " %s", jmap_diff_word_text(l->lang, (jmap_diff_word)w, count[w]));
    }
    for (int w = DW_EMOTION_DOWN; w <= DW_EMOTION_UP; w++) {
        if (!count[w])
            continue;
        jmap_buf_printf(b, "%s%s ", any++ ? ", " : "",
                        jmap_diff_word_text(l->lang, (jmap_diff_word)w, 1));
        if (count[w] > MAX_NAMED_STEPS) {
            jmap_format_count(b, l->lang, count[w]);
            jmap_buf_printf(b, " %s", jmap_diff_word_text(l->lang, DW_STEPS, count[w]));
            continue;
        }
        const jmap_change *prev = NULL;
        size_t named = 0;
        for (size_t i = 0; i < l->count; i++) {
            const jmap_change *c = &l->items[i];
            if (summary_word(c) != w || same_thing(c, prev))
                continue;
            prev = c;
            jmap_buf_puts(b, named++ ? ", " : "");
            put_quoted(b, l->lang, c->label ? c->label : c->step);
        }
    }
    if (count[DW_OTHER]) {
        jmap_buf_puts(b, any++ ? ", " : "");
        jmap_format_count(b, l->lang, count[DW_OTHER]);
        jmap_buf_printf(b, " %s", jmap_diff_word_text(l->lang, DW_OTHER, count[DW_OTHER]));
    }
    if (!any)
        jmap_buf_puts(b, jmap_diff_word_text(l->lang, DW_NO_CHANGE, 1));
}

/* ---- text ---- */

static const char *kind_color(const jmap_change *c)
{
    if (!added_or_removed(c))
        return "\033[33m"; /* changed: yellow */
    return strstr(jmap_change_kind_name(c->kind), "-added") ? "\033[32m" : "\033[31m";
}

/* Writes `s` escaped for a terminal (jmap_escape_text). */
static void put_escaped(FILE *out, const char *s)
{
    char *shown = jmap_escape_text(s);
    fputs(shown, out);
    free(shown);
}

static void text_change(FILE *out, const jmap_change *c, jmap_lang lang, int color,
                        jmap_buf *b)
{
    b->len = 0;
    jmap_buf_puts(b, "");
    put_subject(b, lang, c);
    const char *name = added_name(c);
    if (name) {
        jmap_buf_putc(b, ' ');
        put_quoted(b, lang, name);
    } else if (c->old_value || c->new_value) {
        jmap_buf_puts(b, b->len ? ": " : "");
        if (!added_or_removed(c)) {
            put_value(b, lang, c, c->old_value);
            jmap_buf_puts(b, " -> ");
            put_value(b, lang, c, c->new_value);
        } else {
            put_value(b, lang, c, c->new_value ? c->new_value : c->old_value);
        }
    }
    if (c->solved)
        jmap_buf_printf(b, " (%s)", jmap_diff_word_text(lang, DW_SOLVED, 1));
    fprintf(out, "  %s%s%s ", color ? kind_color(c) : "", jmap_change_kind_name(c->kind),
            color ? "\033[0m" : "");
    put_escaped(out, b->data);
    putc('\n', out);
}

/* 1 when c opens a new group: another stage than the change before it. */
static int new_group(const jmap_change_list *l, size_t i)
{
    return i == 0 || !same_or_null(l->items[i].stage, l->items[i - 1].stage);
}

static void stage_heading(jmap_buf *b, jmap_lang lang, const jmap_change *c)
{
    b->len = 0;
    jmap_buf_puts(b, "");
    if (!c->stage) {
        jmap_buf_puts(b, jmap_diff_word_text(lang, DW_JOURNEY, 1));
        return;
    }
    jmap_buf_printf(b, "%s %s", jmap_diff_word_text(lang, DW_STAGE, 1), c->stage);
    if (c->stage_name) {
        jmap_buf_putc(b, ' ');
        put_quoted(b, lang, c->stage_name);
    }
}

static void write_text(FILE *out, const jmap_diff_pair *pairs, size_t n, int color)
{
    jmap_buf b;
    jmap_buf_init(&b);
    for (size_t p = 0; p < n; p++) {
        const jmap_change_list *l = pairs[p].changes;
        if (!l->count)
            continue;
        if (n > 1) {
            fputs(color ? "\033[1m" : "", out);
            fputs("--- ", out);
            put_escaped(out, pairs[p].old_path);
            fputs("\n+++ ", out);
            put_escaped(out, pairs[p].new_path);
            fputs(color ? "\033[0m\n" : "\n", out);
        }
        for (size_t i = 0; i < l->count; i++) {
            if (new_group(l, i)) {
                stage_heading(&b, l->lang, &l->items[i]);
                fputs(color ? "\033[1m" : "", out);
                put_escaped(out, b.data);
                fputs(color ? "\033[0m\n" : "\n", out);
            }
            text_change(out, &l->items[i], l->lang, color, &b);
        }
        b.len = 0;
        jmap_buf_puts(&b, "");
        put_summary(&b, l);
        put_escaped(out, b.data);
        putc('\n', out);
    }
    jmap_buf_destroy(&b);
}

/* ---- markdown ---- */

/* Writes `s` for a table cell: escaped for a terminal, then '|' and the
 * characters that start Markdown or HTML markup made literal, line breaks
 * as spaces. */
static void put_cell(FILE *out, const char *s)
{
    char *shown = jmap_escape_text(s);
    for (const char *p = shown; *p; p++) {
        if (*p == '<')
            fputs("&lt;", out);
        else if (*p == '>')
            fputs("&gt;", out);
        else if (*p == '&')
            fputs("&amp;", out);
        else if (strchr("|\\`*_[]#~", *p))
            fprintf(out, "\\%c", *p);
        else
            putc(*p, out);
    }
    free(shown);
}

static void md_value(FILE *out, jmap_buf *b, jmap_lang lang, const jmap_change *c,
                     const char *v, int shown)
{
    if (!shown)
        return;
    b->len = 0;
    jmap_buf_puts(b, "");
    put_value(b, lang, c, v);
    put_cell(out, b->data);
}

static void md_change(FILE *out, const jmap_change *c, jmap_lang lang, jmap_buf *b)
{
    fprintf(out, "| %s | ", jmap_change_kind_name(c->kind));
    b->len = 0;
    jmap_buf_puts(b, "");
    if (c->step) {
        put_cell(out, c->step);
        if (c->label) {
            fputs(" ", out);
            put_quoted(b, lang, c->label);
            put_cell(out, b->data);
        }
    }
    fputs(" | ", out);
    b->len = 0;
    jmap_buf_puts(b, "");
    const char *who = c->step ? NULL : c->item && !stage_item(c) ? c->item : c->stage;
    if (who)
        jmap_buf_puts(b, who);
    if (stage_item(c))
        jmap_buf_putc(b, ' ');
    if (c->item && (c->step || stage_item(c)))
        put_quoted(b, lang, c->item);
    if (c->field)
        jmap_buf_printf(b, "%s%s", b->len ? " " : "", c->field);
    if (c->solved)
        jmap_buf_printf(b, " (%s)", jmap_diff_word_text(lang, DW_SOLVED, 1));
    if (!c->step && added_name(c)) {
        jmap_buf_putc(b, ' ');
        put_quoted(b, lang, added_name(c));
    }
    put_cell(out, b->data);
    int values = c->old_value || c->new_value || c->kind == JMAP_CHANGE_NEXT;
    fputs(" | ", out);
    md_value(out, b, lang, c, c->old_value, values);
    fputs(" | ", out);
    md_value(out, b, lang, c, c->new_value, values);
    fputs(" |\n", out);
}

static void write_markdown(FILE *out, const jmap_diff_pair *pairs, size_t n, int color)
{
    (void)color;
    jmap_buf b;
    jmap_buf_init(&b);
    for (size_t p = 0; p < n; p++) {
        const jmap_change_list *l = pairs[p].changes;
        jmap_lang lang = l->lang;
        if (n > 1) {
            fputs(p ? "\n### " : "### ", out);
            put_cell(out, pairs[p].old_path);
            fputs(" → ", out);
            put_cell(out, pairs[p].new_path);
            fputs("\n\n", out);
        }
        b.len = 0;
        jmap_buf_puts(&b, "");
        put_summary(&b, l);
        fputs("**", out);
        put_cell(out, b.data);
        fputs("**\n", out);
        for (size_t i = 0; i < l->count; i++) {
            if (new_group(l, i)) {
                stage_heading(&b, lang, &l->items[i]);
                fputs("\n#### ", out);
                put_cell(out, b.data);
                fprintf(out, "\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
                        jmap_diff_word_text(lang, DW_CHANGE, 1),
                        jmap_diff_word_text(lang, DW_STEP, 1),
                        jmap_diff_word_text(lang, DW_WHAT, 1),
                        jmap_diff_word_text(lang, DW_BEFORE, 1),
                        jmap_diff_word_text(lang, DW_AFTER, 1));
            }
            md_change(out, &l->items[i], lang, &b);
        }
    }
    jmap_buf_destroy(&b);
}

/* ---- json ---- */

static void json_value(FILE *out, const char *key, const jmap_change *c, const char *v)
{
    fputs(", ", out);
    jmap_json_key(out, key);
    if (!v) {
        fputs("null", out);
    } else if (c->type == JMAP_VALUE_INT || c->type == JMAP_VALUE_NUMBER) {
        fputs(v, out); /* a JSON number, made by diff.c */
    } else if (c->type == JMAP_VALUE_IDS) {
        putc('[', out);
        const char *p = v;
        for (int first = 1; *p; first = 0) {
            size_t len = strcspn(p, " ");
            char *id = jmap_xstrndup(p, len);
            fputs(first ? "" : ", ", out);
            jmap_json_string(out, id);
            free(id);
            p += len;
            p += *p == ' ';
        }
        putc(']', out);
    } else {
        jmap_json_string(out, v);
    }
}

static void json_opt(FILE *out, const char *key, const char *v)
{
    if (!v)
        return;
    fputs(", ", out);
    jmap_json_member(out, key, v);
}

static void json_change(FILE *out, const jmap_change *c)
{
    fputs("    {", out);
    jmap_json_member(out, "kind", jmap_change_kind_name(c->kind));
    json_opt(out, "stage", c->stage);
    json_opt(out, "step", c->step);
    json_opt(out, "name", c->label);
    json_opt(out, "item", c->item);
    json_opt(out, c->kind == JMAP_CHANGE_EMOTION ? "persona" : "field", c->field);
    if (c->old_value || c->new_value || c->kind == JMAP_CHANGE_NEXT ||
        c->kind == JMAP_CHANGE_EMOTION) {
        json_value(out, "old", c, c->old_value);
        json_value(out, "new", c, c->new_value);
    }
    if (c->kind == JMAP_CHANGE_IRRITANT_REMOVED)
        fprintf(out, ", \"solved\": %s", c->solved ? "true" : "false");
    if (c->old_pos.line)
        fprintf(out, ", \"old_line\": %d", c->old_pos.line);
    if (c->new_pos.line)
        fprintf(out, ", \"new_line\": %d", c->new_pos.line);
    putc('}', out);
}

static void json_pair(FILE *out, const jmap_diff_pair *p, const char *indent)
{
    jmap_buf b;
    jmap_buf_init(&b);
    put_summary(&b, p->changes);
    fprintf(out, "%s{\n%s  ", indent, indent);
    jmap_json_member(out, "old", p->old_path);
    fprintf(out, ",\n%s  ", indent);
    jmap_json_member(out, "new", p->new_path);
    fprintf(out, ",\n%s  ", indent);
    jmap_json_member(out, "summary", b.data);
    fprintf(out, ",\n%s  \"changes\": [", indent);
    for (size_t i = 0; i < p->changes->count; i++) {
        fprintf(out, "%s%s", i ? ",\n" : "\n", indent);
        json_change(out, &p->changes->items[i]);
    }
    if (p->changes->count)
        fprintf(out, "\n%s  ", indent);
    fprintf(out, "]\n%s}", indent);
    jmap_buf_destroy(&b);
}

static void write_json(FILE *out, const jmap_diff_pair *pairs, size_t n, int color)
{
    (void)color;
    if (n == 1) {
        json_pair(out, &pairs[0], "");
        putc('\n', out);
        return;
    }
    fputs("[", out);
    for (size_t p = 0; p < n; p++) {
        fputs(p ? ",\n" : "\n", out);
        json_pair(out, &pairs[p], "  ");
    }
    fputs(n ? "\n]\n" : "]\n", out);
}

/* ---- the table of formats ---- */

static const struct {
    const char *name; /* as given to --format */
    void (*write)(FILE *out, const jmap_diff_pair *pairs, size_t n, int color);
} diff_formats[] = {
    [JMAP_DIFF_TEXT] = {"text", write_text},
    [JMAP_DIFF_MARKDOWN] = {"markdown", write_markdown},
    [JMAP_DIFF_JSON] = {"json", write_json},
};

#define N_DIFF_FORMATS (sizeof diff_formats / sizeof diff_formats[0])

int jmap_diff_format_from_name(const char *name)
{
    for (size_t i = 0; i < N_DIFF_FORMATS; i++)
        if (strcmp(diff_formats[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *jmap_diff_format_name(int format)
{
    return format >= 0 && (size_t)format < N_DIFF_FORMATS ? diff_formats[format].name
                                                          : NULL;
}

int jmap_diff_write(FILE *out, jmap_diff_format format, const jmap_diff_pair *pairs,
                    size_t n, int color)
{
    if ((size_t)format >= N_DIFF_FORMATS)
        return JMAP_ERR_USAGE;
    diff_formats[format].write(out, pairs, n, color);
    return ferror(out) ? JMAP_ERR_IO : 0;
}
