/*
 * load.c - the second stage: a YAML document tree to the journey graph.
 *
 * Walks the tree once, checking every key and value against the format
 * (type, missing-key, unknown-key, bad-value, duplicate-id, limit). Each
 * kind of mapping (the journey, a stage, a step, an irritant, a persona, a
 * department, a touchpoint) has an enum of its keys and a table of rows
 * (name, required, reader) that both checks its keys and reads them, so a
 * new key is one row and its reader. The walk builds the nodes in the
 * journey's arena with their source positions, gives steps their default
 * ids and successors, then resolves every reference by id
 * (unknown-reference). Where the source shows why a key or a reference is
 * wrong (a comma inside {} that cut a text, a ': ' that made a text a
 * mapping, a display name or another kind's id given as a reference), the
 * message says so and shows the fix. After a syntax error the tree is only
 * a prefix of the file: findings that would come from the missing part
 * (missing keys, references to ids defined later) are not reported.
 */
#include "internal.h"
#include "resolve.h"
#include "words.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader {
    jmap_journey *j;          /* the journey being built */
    jmap_arena *arena;        /* the journey's arena */
    jmap_diag_list *diags;    /* where findings go */
    int partial;              /* the tree is only a prefix of the file */
    size_t n_irritants;       /* irritants so far, for the limit */
    int steps_full;           /* the limit of steps was reached */
    jmap_lines lines;         /* the source's lines, for hints that quote it */
    jmap_strmap names[5];     /* folded display name -> node, one per kind */
    int names_indexed[5];     /* 1 once names[kind] is filled */
    jmap_strmap ids[5];       /* id -> node, one map per kind */
    jmap_strmap id_nodes[5];  /* stage or step id -> the value of its `id:` */
} loader;

/* The kinds of ids, each its own namespace. */
enum { K_PERSONA, K_DEPARTMENT, K_TOUCHPOINT, K_STAGE, K_STEP };
static const char *const kind_names[] = {"persona", "department", "touchpoint",
                                         "stage", "step"};

/* ---- reading values ---- */

static const char *describe(const ynode *n)
{
    n = ynode_deref(n);
    if (!n)
        return "nothing";
    switch (n->kind) {
    case YNODE_MAP:
        return "a mapping";
    case YNODE_SEQ:
        return "a list";
    default:
        break;
    }
    switch (n->type) {
    case YS_NULL:
        return "an empty value";
    case YS_BOOL:
        return "a boolean";
    case YS_INT:
        return "an integer";
    case YS_FLOAT:
        return "a decimal number";
    default:
        return "a text";
    }
}

static int is_scalar(const ynode *n)
{
    n = ynode_deref(n);
    return n && n->kind == YNODE_SCALAR;
}

static int is_null(const ynode *n)
{
    n = ynode_deref(n);
    return !n || (n->kind == YNODE_SCALAR && n->type == YS_NULL);
}

static void type_error(loader *L, const ynode *n, const char *key,
                       const char *expected)
{
    jmap_diag_add(L->diags, JMAP_RULE_TYPE, n->pos, "'%s' should be %s, not %s",
                  key, expected, describe(n));
}

/* The list that `node` (the value of `key`) is: NULL when it is empty
 * (null), or when it is no list, after a type error that says it should be
 * `what`. */
static const ynode *list_of(loader *L, const ynode *node, const char *key,
                            const char *what)
{
    if (is_null(node))
        return NULL;
    const ynode *seq = ynode_deref(node);
    if (seq->kind != YNODE_SEQ) {
        type_error(L, node, key, what);
        return NULL;
    }
    return seq;
}

#define HINT_MAX_LINE 4096 /* longer lines get no hint that quotes them */

/* 1 while a hint can still be reported: past the limit of findings it
 * would be dropped, so its work is not done. */
static int hints_open(const loader *L)
{
    return L->diags->count < JMAP_MAX_DIAGS - 1;
}

/* The length of line `line` of the source, or SIZE_MAX when it has none. */
static size_t line_length(loader *L, int line)
{
    const char *s;
    size_t n;
    return jmap_lines_get(&L->lines, line, &s, &n) ? n : SIZE_MAX;
}

/* `node` is a text that a ': ' in it made a mapping of one key and value,
 * both plain and on one line (`- Attente : 20 min`). Writes the whole text
 * quoted into `fix`; returns 0 when it is not so. */
static int colon_split_text(loader *L, const ynode *node, jmap_buf *fix)
{
    const ynode *m = node;
    if (!m || m->kind != YNODE_MAP || m->n != 1)
        return 0;
    const ynode *k = m->items[0], *v = m->items[1];
    if (k->kind != YNODE_SCALAR || v->kind != YNODE_SCALAR || v->type == YS_NULL ||
        k->pos.line != v->pos.line || strlen(v->str) != v->len || !hints_open(L) ||
        line_length(L, k->pos.line) > HINT_MAX_LINE)
        return 0;
    size_t at = jmap_lines_offset(&L->lines, k->pos);
    size_t end = jmap_lines_offset(&L->lines, v->pos);
    if (at == (size_t)-1 || end == (size_t)-1 || end + v->len > L->lines.len ||
        memcmp(L->lines.data + at, k->str, k->len) != 0 ||
        memcmp(L->lines.data + end, v->str, v->len) != 0)
        return 0; /* quoted, or not where the nodes say */
    jmap_buf_put_quoted(fix, L->lines.data + at, end + v->len - at);
    return 1;
}

/* Reports a value that should be a text, saying how to quote it when a
 * ': ' in it made it a mapping. */
static void text_expected(loader *L, const ynode *node, const char *key)
{
    jmap_buf fix;
    jmap_buf_init(&fix);
    if (colon_split_text(L, ynode_deref(node), &fix))
        jmap_diag_add(L->diags, JMAP_RULE_TYPE, node->pos,
                      "'%s' should be a text, not a mapping: the ': ' in it makes a "
                      "key and a value; put the whole text in quotes: %s",
                      key, fix.data);
    else
        type_error(L, node, key, "a text");
    jmap_buf_destroy(&fix);
}

/* A text value: any scalar but null. Returns 1 when one was read. */
static int read_text(loader *L, const ynode *node, const char *key, jmap_text *out)
{
    const ynode *n = ynode_deref(node);
    if (!n || n->kind != YNODE_SCALAR || n->type == YS_NULL) {
        text_expected(L, node, key);
        return 0;
    }
    if (strlen(n->str) != n->len) {
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                      "'%s' holds a NUL character", key);
        return 0;
    }
    out->str = n->str;
    out->pos = node->pos;
    return 1;
}

/* An optional text: an empty value counts as absent. */
static void read_opt_text(loader *L, const ynode *node, const char *key,
                          jmap_text *out)
{
    if (node && !is_null(node))
        read_text(L, node, key, out);
}

/* Parses a core-schema integer (decimal, 0o, 0x); 0 on overflow or on a
 * character that is not a digit of the base. */
static int parse_int(const char *s, long *out)
{
    int neg = 0, base = 10;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (s[0] == '0' && s[1] == 'x')
        base = 16, s += 2;
    else if (s[0] == '0' && s[1] == 'o')
        base = 8, s += 2;
    long v = 0;
    if (!*s)
        return 0;
    for (; *s; s++) {
        int d = *s >= 'a' ? *s - 'a' + 10 : *s >= 'A' ? *s - 'A' + 10 : *s - '0';
        if (d < 0 || d >= base || v > (LONG_MAX - d) / base)
            return 0;
        v = v * base + d;
    }
    *out = neg ? -v : v;
    return 1;
}

/* "an integer from lo to hi", for messages. */
static const char *int_range(char *out, size_t len, long lo, long hi)
{
    if (hi == LONG_MAX)
        snprintf(out, len, "an integer of at least %ld", lo);
    else
        snprintf(out, len, "an integer from %ld to %ld", lo, hi);
    return out;
}

/* An integer in [lo, hi]. Returns 1 when one was read. */
static int read_int(loader *L, const ynode *node, const char *key, long lo,
                    long hi, long *out)
{
    const ynode *n = ynode_deref(node);
    char expected[96];
    if (!n || n->kind != YNODE_SCALAR || n->type != YS_INT) {
        type_error(L, node, key, int_range(expected, sizeof expected, lo, hi));
        return 0;
    }
    long v;
    if (!parse_int(n->str, &v) || v < lo || v > hi) {
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                      "'%s' is %s; expected %s", key, n->str,
                      int_range(expected, sizeof expected, lo, hi));
        return 0;
    }
    *out = v;
    return 1;
}

/* One of `names` (n of them); stores its index. Returns 1 when one was read. */
static int read_enum(loader *L, const ynode *node, const char *key,
                     const char *const *names, size_t count, int *out)
{
    const ynode *n = ynode_deref(node);
    if (!n || n->kind != YNODE_SCALAR || n->type == YS_NULL) {
        type_error(L, node, key, "a text");
        return 0;
    }
    for (size_t i = 0; i < count; i++)
        if (strcmp(n->str, names[i]) == 0) {
            *out = (int)i;
            return 1;
        }
    jmap_buf allowed;
    jmap_buf_init(&allowed);
    for (size_t i = 0; i < count; i++)
        jmap_buf_printf(&allowed, "%s%s", i ? (i + 1 == count ? " or " : ", ") : "",
                        names[i]);
    const char *near = jmap_suggest(n->str, names, count);
    if (near)
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                      "'%s' is '%s'; expected %s (did you mean '%s'?)", key, n->str,
                      allowed.data, near);
    else
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                      "'%s' is '%s'; expected %s", key, n->str, allowed.data);
    jmap_buf_destroy(&allowed);
    return 0;
}

static int valid_id(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          (*s >= '0' && *s <= '9')))
        return 0;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-'))
            return 0;
    return 1;
}

/* An id (the value of `id:` or a mapping key). Returns it, or NULL. */
static const char *read_id(loader *L, const ynode *node, int kind)
{
    const ynode *n = ynode_deref(node);
    if (!n || n->kind != YNODE_SCALAR || n->type == YS_NULL) {
        jmap_diag_add(L->diags, JMAP_RULE_TYPE, node->pos,
                      "a %s id should be a text, not %s", kind_names[kind],
                      describe(node));
        return NULL;
    }
    if (!valid_id(n->str) || strlen(n->str) != n->len) {
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                      "invalid %s id '%s': an id is letters, digits, '_', '.' and "
                      "'-', starting with a letter or digit",
                      kind_names[kind], n->str);
        return NULL;
    }
    return n->str;
}

/* Registers the definition of `id` by `idnode`, the value of an `id:` key;
 * reports a second one, with the line of the first `id:`. Returns 1 when
 * new. */
static int define_id(loader *L, int kind, const char *id, const ynode *idnode,
                     void *node)
{
    if (jmap_strmap_put(&L->ids[kind], id, node)) {
        const ynode *first = jmap_strmap_get(&L->id_nodes[kind], id);
        jmap_diag_add(L->diags, JMAP_RULE_DUPLICATE_ID, idnode->pos,
                      "duplicate %s id '%s' (first defined at line %d)",
                      kind_names[kind], id, first->pos.line);
        return 0;
    }
    jmap_strmap_put(&L->id_nodes[kind], id, (void *)idnode);
    return 1;
}

/* A reference: a scalar id, resolved later. */
static int read_ref(loader *L, const ynode *node, const char *key, jmap_ref *out)
{
    const ynode *n = ynode_deref(node);
    if (!n || n->kind != YNODE_SCALAR || n->type == YS_NULL) {
        type_error(L, node, key, "an id");
        return 0;
    }
    out->id = n->str;
    out->pos = node->pos;
    out->target = NULL;
    return 1;
}

/* A list of references (or a single one when `single_ok`). */
static void read_ref_list(loader *L, const ynode *node, const char *key,
                          int single_ok, jmap_ref **out, size_t *count)
{
    const ynode *n = ynode_deref(node);
    *out = NULL;
    *count = 0;
    if (is_null(node))
        return;
    if (single_ok && n->kind == YNODE_SCALAR) {
        *out = jmap_arena_alloc(L->arena, 1, sizeof(jmap_ref));
        *count = read_ref(L, node, key, *out);
        return;
    }
    if (n->kind != YNODE_SEQ) {
        type_error(L, node, key, single_ok ? "an id or a list of ids" : "a list of ids");
        return;
    }
    *out = jmap_arena_alloc(L->arena, n->n, sizeof(jmap_ref));
    for (size_t i = 0; i < n->n; i++)
        if (read_ref(L, n->items[i], key, &(*out)[*count]))
            (*count)++;
}

/* A list of texts. */
static void read_text_list(loader *L, const ynode *node, const char *key,
                           jmap_text **out, size_t *count)
{
    const ynode *n = list_of(L, node, key, "a list of texts");
    *out = NULL;
    *count = 0;
    if (!n)
        return;
    *out = jmap_arena_alloc(L->arena, n->n, sizeof(jmap_text));
    for (size_t i = 0; i < n->n; i++)
        if (read_text(L, n->items[i], key, &(*out)[*count]))
            (*count)++;
}

static int read_duration(loader *L, const ynode *node, jmap_duration *out)
{
    const ynode *n = ynode_deref(node);
    out->minutes = -1;
    if (is_null(node))
        return 0;
    if (!n || n->kind != YNODE_SCALAR) {
        type_error(L, node, "duration", "a duration such as 10min, 2h, 3d, 2w or 1mo");
        return 0;
    }
    const char *s = n->str;
    double v = 0, scale = 1;
    size_t int_digits = 0, frac_digits = 0;
    for (; *s >= '0' && *s <= '9'; s++, int_digits++)
        v = v * 10 + (*s - '0');
    if (*s == '.' && int_digits)
        for (s++; *s >= '0' && *s <= '9'; s++, frac_digits++)
            v += (*s - '0') * (scale /= 10);
    int ok = int_digits > 0 && (s[-1] != '.');
    for (size_t i = 0; ok && i < JMAP_N_UNITS; i++)
        if (strcmp(s, jmap_units[i].name) == 0) {
            if (v * jmap_units[i].minutes > JMAP_MAX_DURATION_YEARS * 365.0 * 1440) {
                jmap_diag_add(L->diags, JMAP_RULE_LIMIT, node->pos,
                              "duration '%s' is longer than the limit of %d years",
                              n->str, JMAP_MAX_DURATION_YEARS);
                return 0;
            }
            out->minutes = v * jmap_units[i].minutes;
            out->text = n->str;
            out->pos = node->pos;
            return 1;
        }
    jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                  "invalid duration '%s': write a number and a unit (min, h, d, w, "
                  "mo), e.g. 10min, 1.5h, 3d, 2w",
                  n->str);
    return 0;
}

/* ---- mappings and their keys ---- */

#define MAX_KEYS 16 /* the most keys any mapping of the format has */

typedef struct keydef keydef;

/* Reads one key's value into `obj`, the node being built (a jmap_step, a
 * jmap_stage...). `value` is NULL when the key is absent: every reader is
 * called, so that it can leave or set the key's default. */
typedef void (*key_reader)(loader *L, void *obj, const ynode *value,
                           const keydef *key);

/* One key that a kind of mapping may have: a row of that kind's table. */
struct keydef {
    const char *name; /* the key as written in a map */
    int required;     /* 1 when every mapping of the kind must have it */
    key_reader read;  /* reads its value */
    size_t field;     /* offset in obj of the field a generic reader fills */
};

/* The keys of one kind of mapping, indexed by that kind's key enum. */
typedef struct keytable {
    const char *what;   /* the mapping in messages, e.g. "a step" */
    const keydef *keys; /* keys[0..count-1] */
    size_t count;       /* number of keys, at most MAX_KEYS */
} keytable;

#define KEYTABLE(what, rows) {what, rows, sizeof rows / sizeof rows[0]}

/* The field of obj at byte offset `field`. */
static void *field_of(void *obj, const keydef *key)
{
    return (char *)obj + key->field;
}

/* Generic readers: a text, an optional text and a duration, stored in the
 * field the row names. */
static void text_key(loader *L, void *obj, const ynode *v, const keydef *key)
{
    if (v)
        read_text(L, v, key->name, field_of(obj, key));
}

static void opt_text_key(loader *L, void *obj, const ynode *v, const keydef *key)
{
    read_opt_text(L, v, key->name, field_of(obj, key));
}

static void duration_key(loader *L, void *obj, const ynode *v, const keydef *key)
{
    read_duration(L, v, field_of(obj, key));
}

/* An unknown key: a merge key, a misspelling of one of `table`'s, or a key
 * the format does not have. */
static void unknown_key(loader *L, const ynode *keynode, const char *word,
                        const keytable *table)
{
    if (strcmp(word, "<<") == 0) {
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_KEY, keynode->pos,
                      "merge keys ('<<') are not part of the format; write the "
                      "keys out, or use an alias for the whole value");
        return;
    }
    const char *names[MAX_KEYS];
    for (size_t i = 0; i < table->count; i++)
        names[i] = table->keys[i].name;
    const char *near = jmap_suggest(word, names, table->count);
    if (near)
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_KEY, keynode->pos,
                      "unknown key '%s' in %s; did you mean '%s'?", word,
                      table->what, near);
    else
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_KEY, keynode->pos,
                      "unknown key '%s' in %s", word, table->what);
}


/* The row of `table` for key `word`, or -1. */
static int find_key(const keytable *table, const char *word)
{
    for (size_t i = 0; i < table->count; i++)
        if (strcmp(word, table->keys[i].name) == 0)
            return (int)i;
    return -1;
}

/* 1 when c is one of the characters of `set` (never for NUL). */
static int one_of(char c, const char *set)
{
    return c && strchr(set, c);
}

/* Pair `i` of flow mapping `m` is a key alone that `table` does not have,
 * with no ':' after it in the source (`{..., moves every year}`); its byte
 * offset is in *off. */
static int lone_key(loader *L, const ynode *m, size_t i, const keytable *table,
                    size_t *off)
{
    const ynode *k = ynode_deref(m->items[2 * i]);
    const ynode *v = ynode_deref(m->items[2 * i + 1]);
    if (!k || k->kind != YNODE_SCALAR || !v || v->kind != YNODE_SCALAR ||
        v->type != YS_NULL || *v->str || find_key(table, k->str) >= 0)
        return 0;
    size_t at = jmap_lines_offset(&L->lines, m->items[2 * i]->pos);
    if (at == (size_t)-1 || at + k->len > L->lines.len ||
        memcmp(L->lines.data + at, k->str, k->len) != 0)
        return 0; /* quoted, or not where the node says */
    size_t end = at + k->len;
    while (end < L->lines.len && L->lines.data[end] == ' ')
        end++;
    *off = at;
    return end < L->lines.len && one_of(L->lines.data[end], ",}");
}

/* `s`, a text meant as a number (`2,3`, `71,5 %`, `1 200`), written as
 * YAML reads a number: a decimal point, no spaces (plain, no-break or
 * narrow no-break), a trailing '%' left out (*percent set). Returns 0 when
 * it is not such a number. */
static int number_fix(const char *s, jmap_buf *fix, int *percent)
{
    double v;
    *percent = 0;
    for (const char *c = s; *c; c++) {
        if (*c == ' ')
            continue;
        if (!strncmp(c, "\xC2\xA0", 2) || !strncmp(c, "\xE2\x80\xAF", 3)) {
            c += *c == '\xC2' ? 1 : 2;
            continue;
        }
        if (*c == '%' && !*percent) {
            *percent = 1;
            continue;
        }
        if (*percent)
            return 0; /* something after the '%' */
        jmap_buf_putc(fix, *c == ',' ? '.' : *c);
    }
    return fix->len && strchr(fix->data, '.') == strrchr(fix->data, '.') &&
           jmap_parse_double(fix->data, &v);
}

/* `fixed`, a number as number_fix wrote it, as a French map shows it. */
static const char *french_form(const char *fixed, jmap_buf *out)
{
    double v = 0;
    jmap_parse_double(fixed, &v);
    jmap_format_metric(out, JMAP_LANG_FR, v);
    return out->data;
}

/* Key `i` of mapping `m` is unknown because a comma inside {} cut a text
 * in two: `{name: Ana, description: Student, moves every year}`. Reports
 * that, with the text quoted, at the comma of the first cut; a later cut
 * of the same text (`after_cut`: key i - 1 was a cut) is part of that
 * report. Returns 1 when key i is such a cut, 0 when it is not. */
static int comma_in_text(loader *L, const ynode *m, size_t i, const keytable *table,
                         int after_cut)
{
    size_t last = i, off, end;
    if (after_cut)
        return lone_key(L, m, i, table, &off);
    if (i == 0 || !hints_open(L))
        return 0;
    const ynode *key = m->items[2 * i - 2], *text = m->items[2 * i - 1];
    const ynode *k = ynode_deref(key);
    if (text->kind != YNODE_SCALAR || text->type == YS_NULL || !k ||
        k->kind != YNODE_SCALAR || line_length(L, m->pos.line) > HINT_MAX_LINE)
        return 0; /* not a text, or too far into a line to quote */
    size_t map_at = jmap_lines_offset(&L->lines, m->pos);
    size_t at = jmap_lines_offset(&L->lines, text->pos);
    if (map_at == (size_t)-1 || L->lines.data[map_at] != '{' || at == (size_t)-1 ||
        one_of(L->lines.data[at], "\"'") || !lone_key(L, m, i, table, &off))
        return 0; /* not a plain text in a flow mapping */
    while (last + 1 < m->n && lone_key(L, m, last + 1, table, &off))
        last++;
    lone_key(L, m, last, table, &off);
    end = off + ynode_deref(m->items[2 * last])->len;
    const char *src = L->lines.data;
    if (memchr(src + at, '\n', end - at) || memchr(src + at, '\r', end - at))
        return 0; /* a text over several lines: no one-line fix to show */
    size_t cut_at, comma;
    lone_key(L, m, i, table, &cut_at);
    for (comma = cut_at; comma > at && src[comma] != ','; comma--)
        ;
    jmap_pos pos = m->items[2 * i]->pos;
    pos.column -= (int)(cut_at - comma); /* spaces and the comma, one line */
    jmap_buf fix;
    jmap_buf_init(&fix);
    char *cut = jmap_xstrndup(src + at, end - at);
    int percent;
    if ((!strcmp(k->str, "value") || !strcmp(k->str, "target")) &&
        number_fix(cut, &fix, &percent) && !percent) { /* a metric's */
        jmap_buf fr;
        jmap_buf_init(&fr);
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_KEY, pos,
                      "this comma ends the number of '%s': inside {}, a comma "
                      "separates entries, and YAML numbers take a decimal point; "
                      "write %s: %s (a French map shows it as %s)",
                      k->str, k->str, fix.data, french_form(fix.data, &fr));
        jmap_buf_destroy(&fr);
        free(cut);
        jmap_buf_destroy(&fix);
        return 1;
    }
    free(cut);
    jmap_buf_destroy(&fix);
    jmap_buf_init(&fix);
    jmap_buf_put_quoted(&fix, src + at, end - at);
    jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_KEY, pos,
                  "this comma ends the text of '%s': inside {}, a comma separates "
                  "entries, so '%s' was read as a key; to keep the comma in the "
                  "text, put the text in quotes: %s: %s",
                  k->str, ynode_deref(m->items[2 * i])->str, k->str, fix.data);
    jmap_buf_destroy(&fix);
    return 1;
}

/* Checks a mapping's keys against `table` and stores each known key's
 * value in vals[], indexed like the table (NULL when absent). Returns 0
 * when `node` is not a mapping. */
static int read_map(loader *L, const ynode *node, const keytable *table,
                    const ynode **vals)
{
    const ynode *m = ynode_deref(node);
    for (size_t i = 0; i < table->count; i++)
        vals[i] = NULL;
    if (!m || m->kind != YNODE_MAP) {
        jmap_diag_add(L->diags, JMAP_RULE_TYPE, node->pos,
                      "%s should be a mapping, not %s", table->what, describe(node));
        return 0;
    }
    int cut = 0; /* the key before was a comma's cut of a text */
    for (size_t i = 0; i < m->n; i++) {
        const ynode *keynode = m->items[2 * i];
        const ynode *k = ynode_deref(keynode);
        int was_cut = cut;
        cut = 0;
        if (keynode->duplicate)
            continue;
        if (!k || k->kind != YNODE_SCALAR) {
            jmap_diag_add(L->diags, JMAP_RULE_TYPE, keynode->pos,
                          "a key in %s should be a text, not %s", table->what,
                          describe(keynode));
            continue;
        }
        int row = find_key(table, k->str);
        if (row >= 0)
            vals[row] = m->items[2 * i + 1];
        else if (!(cut = comma_in_text(L, m, i, table, was_cut)))
            unknown_key(L, keynode, k->str, table);
    }
    if (!L->partial)
        for (size_t i = 0; i < table->count; i++)
            if (table->keys[i].required && !vals[i])
                jmap_diag_add(L->diags, JMAP_RULE_MISSING_KEY, node->pos,
                              "missing key '%s' in %s", table->keys[i].name,
                              table->what);
    return 1;
}

/* Lets every key's reader read its value (or its absence) into `obj`, in
 * the table's order. */
static void read_keys(loader *L, const keytable *table, const ynode **vals,
                      void *obj)
{
    for (size_t i = 0; i < table->count; i++)
        table->keys[i].read(L, obj, vals[i], &table->keys[i]);
}

/* read_map, then read_keys: a mapping into `obj`. Returns 0 when `node` is
 * not a mapping (and nothing was read). */
static int load_map(loader *L, const ynode *node, const keytable *table, void *obj)
{
    const ynode *vals[MAX_KEYS];
    if (!read_map(L, node, table, vals))
        return 0;
    read_keys(L, table, vals, obj);
    return 1;
}

/* The number of entries of an `id: definition` section (personas,
 * departments, touchpoints); 0 when it is absent or not a mapping. */
static size_t section_size(loader *L, const ynode *node, const char *key)
{
    const ynode *m = ynode_deref(node);
    if (is_null(node))
        return 0;
    if (m->kind != YNODE_MAP) {
        jmap_diag_add(L->diags, JMAP_RULE_TYPE, node->pos,
                      "'%s' should be a mapping of id: definition, not %s", key,
                      describe(node));
        return 0;
    }
    return m->n;
}

static int over_limit(loader *L, size_t count, size_t limit, const char *what,
                      jmap_pos pos)
{
    if (count < limit)
        return 0;
    jmap_diag_add(L->diags, JMAP_RULE_LIMIT, pos,
                  "more %s than the limit of %zu; the rest are not read", what, limit);
    return 1;
}

/* ---- the sections ---- */

/* Reads the defining key of a section entry; NULL when unusable. */
static const char *entry_id(loader *L, const ynode *keynode, int kind)
{
    if (keynode->duplicate)
        return NULL;
    return read_id(L, keynode, kind);
}

/* Reads `id: Name` or `id: {mapping}` into `obj` through `table`, whose
 * row 0 is the name, stored in *name by the short form. */
static void read_entry(loader *L, const ynode *value, const keytable *table,
                       void *obj, jmap_text *name)
{
    const ynode *vals[MAX_KEYS];
    if (is_scalar(value) && !is_null(value)) {
        for (size_t i = 0; i < table->count; i++)
            vals[i] = NULL;
        read_text(L, value, "name", name);
    } else {
        read_map(L, value, table, vals); /* on a non-mapping, vals are NULL */
    }
    read_keys(L, table, vals, obj);
}

/* Fills one section item from its key and value; `index` is its place in
 * the section's array. */
typedef void (*fill_fn)(loader *L, void *item, size_t index, const char *id,
                        const ynode *key, const ynode *value);

/* Walks an `id: definition` section: checks each id and the item limit,
 * lets `fill` read each usable entry into an array of `size`-byte items in
 * the arena, and registers its id. Returns the array; *count gets its
 * length. */
static void *load_section(loader *L, const ynode *node, const char *name, int kind,
                          size_t size, fill_fn fill, size_t *count)
{
    size_t n = section_size(L, node, name);
    const ynode *m = ynode_deref(node);
    char *items = jmap_arena_alloc(L->arena, n, size);
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        const ynode *key = m->items[2 * i], *val = m->items[2 * i + 1];
        if (over_limit(L, *count, JMAP_MAX_ITEMS, name, key->pos))
            break;
        const char *id = entry_id(L, key, kind);
        if (!id)
            continue;
        void *item = items + *count * size;
        fill(L, item, *count, id, key, val);
        jmap_strmap_put(&L->ids[kind], id, item);
        (*count)++;
    }
    return items;
}

/* A persona: `id: Name` or `id: {name, description, goals}`. */
enum { PERSONA_NAME, PERSONA_DESCRIPTION, PERSONA_GOALS, PERSONA_KEYS_ };

static void persona_goals(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_persona *p = obj;
    read_text_list(L, v, key->name, &p->goals, &p->n_goals);
}

static const keydef persona_keys[PERSONA_KEYS_] = {
    [PERSONA_NAME] = {"name", 1, text_key, offsetof(jmap_persona, name)},
    [PERSONA_DESCRIPTION] = {"description", 0, opt_text_key,
                             offsetof(jmap_persona, description)},
    [PERSONA_GOALS] = {"goals", 0, persona_goals, 0},
};
static const keytable persona_table = KEYTABLE("a persona", persona_keys);
_Static_assert(PERSONA_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

static void fill_persona(loader *L, void *item, size_t index, const char *id,
                         const ynode *key, const ynode *value)
{
    jmap_persona *p = item;
    read_entry(L, value, &persona_table, p, &p->name);
    p->id = id;
    p->pos = key->pos;
    p->index = index;
}

/* A department: `id: Name` or `id: {name, visibility}`. */
enum { DEPARTMENT_NAME, DEPARTMENT_VISIBILITY, DEPARTMENT_KEYS_ };

static void department_visibility(loader *L, void *obj, const ynode *v,
                                  const keydef *key)
{
    jmap_department *d = obj;
    int vis = JMAP_VIS_BACKSTAGE;
    if (v)
        read_enum(L, v, key->name, jmap_visibility_names, JMAP_N_VISIBILITIES, &vis);
    d->visibility = (jmap_visibility)vis;
}

static const keydef department_keys[DEPARTMENT_KEYS_] = {
    [DEPARTMENT_NAME] = {"name", 1, text_key, offsetof(jmap_department, name)},
    [DEPARTMENT_VISIBILITY] = {"visibility", 0, department_visibility, 0},
};
static const keytable department_table = KEYTABLE("a department", department_keys);
_Static_assert(DEPARTMENT_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

static void fill_department(loader *L, void *item, size_t index, const char *id,
                            const ynode *key, const ynode *value)
{
    jmap_department *d = item;
    read_entry(L, value, &department_table, d, &d->name);
    d->id = id;
    d->pos = key->pos;
    d->index = index;
}

/* A touchpoint: `id: Name` or `id: {name, channel, owner}`. */
enum { TOUCHPOINT_NAME, TOUCHPOINT_CHANNEL, TOUCHPOINT_OWNER, TOUCHPOINT_KEYS_ };

static void touchpoint_channel(loader *L, void *obj, const ynode *v,
                               const keydef *key)
{
    jmap_touchpoint *t = obj;
    int channel = JMAP_CHANNEL_DIGITAL;
    if (v)
        read_enum(L, v, key->name, jmap_channel_names, JMAP_N_CHANNELS, &channel);
    t->channel = (jmap_channel)channel;
}

static void touchpoint_owner(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_touchpoint *t = obj;
    if (v && !is_null(v))
        read_ref(L, v, key->name, &t->owner);
}

static const keydef touchpoint_keys[TOUCHPOINT_KEYS_] = {
    [TOUCHPOINT_NAME] = {"name", 1, text_key, offsetof(jmap_touchpoint, name)},
    [TOUCHPOINT_CHANNEL] = {"channel", 0, touchpoint_channel, 0},
    [TOUCHPOINT_OWNER] = {"owner", 0, touchpoint_owner, 0},
};
static const keytable touchpoint_table = KEYTABLE("a touchpoint", touchpoint_keys);
_Static_assert(TOUCHPOINT_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

static void fill_touchpoint(loader *L, void *item, size_t index, const char *id,
                            const ynode *key, const ynode *value)
{
    jmap_touchpoint *t = item;
    read_entry(L, value, &touchpoint_table, t, &t->name);
    t->id = id;
    t->pos = key->pos;
    t->index = index;
}

/* ---- the content keys: metrics and sources ---- */

/* A metric's number (`key` is "value" or "target"): an integer or a
 * decimal, finite and within JMAP_MAX_METRIC_VALUE. A text that means a
 * number the French way (`value: 2,3`, which YAML reads as a text) is told
 * how to write it. Returns 1 when one was read. */
static int read_number(loader *L, const ynode *node, const char *key, double *out)
{
    const ynode *n = ynode_deref(node);
    double v;
    long i;
    if (!n || n->kind != YNODE_SCALAR || n->type == YS_NULL || n->type == YS_BOOL) {
        type_error(L, node, key, "a number");
        return 0;
    }
    if (n->type == YS_STR) {
        jmap_buf fix;
        int percent;
        jmap_buf_init(&fix);
        int ok = strlen(n->str) == n->len && number_fix(n->str, &fix, &percent);
        if (ok && percent)
            jmap_diag_add(L->diags, JMAP_RULE_TYPE, node->pos,
                          "'%s' should be a number, not the text '%s'; write the "
                          "number alone, with a decimal point, and the unit apart: "
                          "%s: %s, unit: \"%%\"",
                          key, n->str, key, fix.data);
        else if (ok && strchr(n->str, ',')) {
            jmap_buf fr;
            jmap_buf_init(&fr);
            jmap_diag_add(L->diags, JMAP_RULE_TYPE, node->pos,
                          "'%s' should be a number, not the text '%s': YAML numbers "
                          "take a decimal point; write %s: %s (a French map shows "
                          "it as %s)",
                          key, n->str, key, fix.data, french_form(fix.data, &fr));
            jmap_buf_destroy(&fr);
        }
        else if (ok)
            jmap_diag_add(L->diags, JMAP_RULE_TYPE, node->pos,
                          "'%s' should be a number, not the text '%s'; write it "
                          "without spaces or quotes: %s: %s",
                          key, n->str, key, fix.data);
        else
            type_error(L, node, key, "a number");
        jmap_buf_destroy(&fix);
        return 0;
    }
    if (n->type == YS_INT ? parse_int(n->str, &i) : jmap_parse_double(n->str, &v)) {
        if (n->type == YS_INT)
            v = (double)i;
    } else if (n->type == YS_FLOAT && !strchr(n->str, 'e') && !strchr(n->str, 'E')) {
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                      "'%s' is %s; expected a finite number", key, n->str);
        return 0;
    } else {
        v = JMAP_MAX_METRIC_VALUE * 2; /* an integer or exponent too large */
    }
    if (fabs(v) > JMAP_MAX_METRIC_VALUE) {
        jmap_diag_add(L->diags, JMAP_RULE_LIMIT, node->pos,
                      "'%s' is %s, beyond the limit of 10^15 either way", key, n->str);
        return 0;
    }
    *out = v;
    return 1;
}

/* A metric: `{name, value, unit, target}`. */
enum { METRIC_NAME, METRIC_VALUE, METRIC_UNIT, METRIC_TARGET, METRIC_BETTER, METRIC_KEYS_ };

/* 1 when `s` is only blanks. */
static int blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

static void metric_name(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_metric *m = obj;
    if (v && read_text(L, v, key->name, &m->name) && blank(m->name.str)) {
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, v->pos,
                      "a metric's 'name' is empty; say what is measured");
        m->name.str = NULL;
    }
}

static void metric_value(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_metric *m = obj;
    if (v)
        read_number(L, v, key->name, &m->value);
}

static void metric_target(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_metric *m = obj;
    if (v && !is_null(v))
        m->has_target = read_number(L, v, key->name, &m->target);
}

/* `better`: which way the figure improves, for its target. */
static void metric_better(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_metric *m = obj;
    int lower = 0;
    if (v && !is_null(v) && read_enum(L, v, key->name, jmap_better_names, 2, &lower))
        m->lower = lower;
}

static const keydef metric_keys[METRIC_KEYS_] = {
    [METRIC_NAME] = {"name", 1, metric_name, 0},
    [METRIC_VALUE] = {"value", 1, metric_value, 0},
    [METRIC_UNIT] = {"unit", 0, opt_text_key, offsetof(jmap_metric, unit)},
    [METRIC_TARGET] = {"target", 0, metric_target, 0},
    [METRIC_BETTER] = {"better", 0, metric_better, 0},
};
static const keytable metric_table = KEYTABLE("a metric", metric_keys);
_Static_assert(METRIC_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

/* A metric written `- Conversion: 2.3`, a mapping of its name to its value:
 * says how to write it. Returns 1 when it is so. */
static int metric_shorthand(loader *L, const ynode *item)
{
    const ynode *m = ynode_deref(item);
    if (!m || m->kind != YNODE_MAP || m->n != 1)
        return 0;
    const ynode *k = ynode_deref(m->items[0]), *v = ynode_deref(m->items[1]);
    if (!k || k->kind != YNODE_SCALAR || find_key(&metric_table, k->str) >= 0 || !v ||
        v->kind != YNODE_SCALAR || (v->type != YS_INT && v->type != YS_FLOAT) ||
        strlen(k->str) != k->len)
        return 0;
    jmap_buf name;
    jmap_buf_init(&name);
    jmap_buf_put_quoted(&name, k->str, k->len);
    jmap_diag_add(L->diags, JMAP_RULE_TYPE, item->pos,
                  "a metric is a mapping of its name, value, unit and target; "
                  "write it {name: %s, value: %s}",
                  name.data, v->str);
    jmap_buf_destroy(&name);
    return 1;
}

/* `metrics`: a list of metrics, of a stage or a step. */
static void read_metrics(loader *L, const ynode *node, const char *key,
                         jmap_metric **out, size_t *count)
{
    const ynode *seq = list_of(L, node, key, "a list of metrics");
    *out = NULL;
    *count = 0;
    if (!seq)
        return;
    *out = jmap_arena_alloc(L->arena, seq->n, sizeof(jmap_metric));
    for (size_t i = 0; i < seq->n; i++) {
        const ynode *item = seq->items[i];
        jmap_metric *m = &(*out)[*count];
        size_t errors_before = L->diags->errors;
        m->pos = item->pos;
        if (metric_shorthand(L, item) || !load_map(L, item, &metric_table, m) ||
            L->diags->errors > errors_before) {
            memset(m, 0, sizeof *m);
            continue;
        }
        (*count)++;
    }
}

/* `sources`: a list of source names, each once; returns their bits. */
static unsigned read_sources(loader *L, const ynode *node, const char *key)
{
    const ynode *seq = list_of(L, node, key, "a list of sources (survey, interview...)");
    unsigned bits = 0;
    if (!seq)
        return 0;
    for (size_t i = 0; i < seq->n; i++) {
        int k;
        if (!read_enum(L, seq->items[i], key, jmap_source_names, JMAP_SOURCE_COUNT, &k))
            continue;
        if (bits & 1u << k)
            jmap_diag_add(L->diags, JMAP_RULE_DUPLICATE_ID, seq->items[i]->pos,
                          "'%s' names '%s' twice", key, jmap_source_names[k]);
        bits |= 1u << k;
    }
    return bits;
}

/* ---- steps and their irritants and emotions ---- */

/* An irritant in its long form; the short form is its name alone. */
enum { IRRITANT_NAME, IRRITANT_SEVERITY, IRRITANT_FREQUENCY, IRRITANT_OWNER,
       IRRITANT_REMEDY, IRRITANT_SOURCES, IRRITANT_KEYS_ };

static void irritant_severity(loader *L, void *obj, const ynode *v,
                              const keydef *key)
{
    jmap_irritant *ir = obj;
    int sev = JMAP_LEVEL_MEDIUM;
    if (v)
        read_enum(L, v, key->name, jmap_level_names, JMAP_N_LEVELS, &sev);
    ir->severity = (jmap_level)sev;
}

static void irritant_frequency(loader *L, void *obj, const ynode *v,
                               const keydef *key)
{
    jmap_irritant *ir = obj;
    if (v)
        read_int(L, v, key->name, 0, LONG_MAX, &ir->frequency);
}

static void irritant_owner(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_irritant *ir = obj;
    if (v && !is_null(v))
        read_ref(L, v, key->name, &ir->owner);
}

static void irritant_sources(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_irritant *ir = obj;
    ir->sources = read_sources(L, v, key->name);
}

static const keydef irritant_keys[IRRITANT_KEYS_] = {
    [IRRITANT_NAME] = {"name", 1, text_key, offsetof(jmap_irritant, name)},
    [IRRITANT_SEVERITY] = {"severity", 0, irritant_severity, 0},
    [IRRITANT_FREQUENCY] = {"frequency", 0, irritant_frequency, 0},
    [IRRITANT_OWNER] = {"owner", 0, irritant_owner, 0},
    [IRRITANT_REMEDY] = {"remedy", 0, opt_text_key, offsetof(jmap_irritant, remedy)},
    [IRRITANT_SOURCES] = {"sources", 0, irritant_sources, 0},
};
static const keytable irritant_table = KEYTABLE("an irritant", irritant_keys);
_Static_assert(IRRITANT_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

/* An irritant written as a text with a ': ' in it (`- Attente : 20 min`),
 * which YAML read as a mapping whose one key is no irritant key. Only a
 * key of several words, or a space before the ':', tells a text from a
 * misspelt key (`- nom: Attente`). */
static int split_irritant(loader *L, const ynode *item)
{
    const ynode *m = ynode_deref(item);
    jmap_buf fix;
    jmap_buf_init(&fix);
    int split = colon_split_text(L, m, &fix) &&
                find_key(&irritant_table, m->items[0]->str) < 0 &&
                (strchr(m->items[0]->str, ' ') || strstr(fix.data, " :"));
    if (split)
        jmap_diag_add(L->diags, JMAP_RULE_TYPE, item->pos,
                      "the ': ' in this irritant's text makes it a mapping of '%s' "
                      "to a value; put the whole text in quotes: %s",
                      m->items[0]->str, fix.data);
    jmap_buf_destroy(&fix);
    return split;
}

static void load_irritants(loader *L, jmap_step *step, const ynode *node)
{
    const ynode *seq = list_of(L, node, "irritants", "a list of irritants");
    if (!seq)
        return;
    step->irritants = jmap_arena_alloc(L->arena, seq->n, sizeof(jmap_irritant));
    for (size_t i = 0; i < seq->n; i++) {
        const ynode *item = seq->items[i];
        if (over_limit(L, L->n_irritants, JMAP_MAX_ITEMS, "irritants", item->pos))
            return;
        jmap_irritant *ir = &step->irritants[step->n_irritants];
        ir->severity = JMAP_LEVEL_MEDIUM;
        ir->frequency = -1;
        ir->step = step;
        ir->pos = item->pos;
        if (is_scalar(item)) {
            if (!read_text(L, item, "irritant", &ir->name))
                continue;
        } else if (split_irritant(L, item) || !load_map(L, item, &irritant_table, ir)) {
            continue;
        }
        step->n_irritants++;
        L->n_irritants++;
    }
}

static void load_emotion(loader *L, jmap_step *step, const ynode *node)
{
    const ynode *n = ynode_deref(node);
    if (is_null(node))
        return;
    if (n->kind == YNODE_MAP) {
        step->emotions = jmap_arena_alloc(L->arena, n->n, sizeof(jmap_emotion));
        for (size_t i = 0; i < n->n; i++) {
            const ynode *key = n->items[2 * i], *val = n->items[2 * i + 1];
            jmap_emotion *e = &step->emotions[step->n_emotions];
            long v;
            if (key->duplicate || !read_ref(L, key, "emotion", &e->persona) ||
                !read_int(L, val, "emotion", -2, 2, &v))
                continue;
            e->value = (int)v;
            e->pos = val->pos;
            step->n_emotions++;
        }
        L->j->per_persona_emotions = 1;
        return;
    }
    long v;
    if (n->kind != YNODE_SCALAR || n->type != YS_INT) {
        type_error(L, node, "emotion",
                   "an integer from -2 to 2, or a mapping of persona: integer");
        return;
    }
    if (!read_int(L, node, "emotion", -2, 2, &v))
        return;
    step->emotions = jmap_arena_alloc(L->arena, 1, sizeof(jmap_emotion));
    step->emotions[0].value = (int)v;
    step->emotions[0].pos = node->pos;
    step->n_emotions = 1;
}

/* A step. */
enum { STEP_NAME, STEP_ID, STEP_EMOTION, STEP_TOUCHPOINTS, STEP_DEPARTMENTS,
       STEP_DURATION, STEP_NEXT, STEP_DESCRIPTION, STEP_IRRITANTS, STEP_MOMENTS,
       STEP_IDEAS, STEP_THOUGHTS, STEP_METRICS, STEP_ACTIONS, STEP_PERSONAS,
       STEP_KEYS_ };

static void step_id(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    (void)key;
    if (v)
        s->id = read_id(L, v, K_STEP);
    if (s->id && !define_id(L, K_STEP, s->id, v, s))
        s->id = NULL, s->id_is_default = 1; /* keep it out of lookups */
}

static void step_emotion(loader *L, void *obj, const ynode *v, const keydef *key)
{
    (void)key;
    load_emotion(L, obj, v);
}

static void step_touchpoints(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    read_ref_list(L, v, key->name, 0, &s->touchpoints, &s->n_touchpoints);
}

static void step_departments(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    read_ref_list(L, v, key->name, 0, &s->departments, &s->n_departments);
}

/* `next`: absent, the step leads to the one written after it. */
static void step_next(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    if (v)
        read_ref_list(L, v, key->name, 1, &s->next, &s->n_next);
    else
        s->next_is_default = 1;
}

static void step_irritants(loader *L, void *obj, const ynode *v, const keydef *key)
{
    (void)key;
    load_irritants(L, obj, v);
}

/* A positive moment in its full form; the short form is its name alone. */
typedef struct moment_item {
    jmap_text name;   /* the moment */
    unsigned sources; /* jmap_source bits */
} moment_item;

enum { MOMENT_NAME, MOMENT_SOURCES, MOMENT_KEYS_ };

static void moment_sources(loader *L, void *obj, const ynode *v, const keydef *key)
{
    moment_item *m = obj;
    m->sources = read_sources(L, v, key->name);
}

static const keydef moment_keys[MOMENT_KEYS_] = {
    [MOMENT_NAME] = {"name", 1, text_key, offsetof(moment_item, name)},
    [MOMENT_SOURCES] = {"sources", 0, moment_sources, 0},
};
static const keytable moment_table = KEYTABLE("a moment", moment_keys);
_Static_assert(MOMENT_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

/* `moments`: texts, or `{name, sources}`, mixed in one list. */
static void step_moments(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    const ynode *seq = list_of(L, v, key->name, "a list of texts or {name, sources} mappings");
    if (!seq)
        return;
    s->moments = jmap_arena_alloc(L->arena, seq->n, sizeof(jmap_text));
    unsigned *sources = jmap_arena_alloc(L->arena, seq->n, sizeof(unsigned));
    int any = 0;
    for (size_t i = 0; i < seq->n; i++) {
        const ynode *item = seq->items[i];
        moment_item m = {{NULL, {0, 0}}, 0};
        const ynode *n = ynode_deref(item);
        if (n && n->kind == YNODE_MAP) {
            jmap_buf fix;
            jmap_buf_init(&fix);
            int split = colon_split_text(L, n, &fix) &&
                        find_key(&moment_table, n->items[0]->str) < 0;
            jmap_buf_destroy(&fix);
            if (split) /* a text with a ': ' in it: say how to quote it */
                text_expected(L, item, key->name);
            if (split || !load_map(L, item, &moment_table, &m) || !m.name.str)
                continue;
        } else if (!read_text(L, item, key->name, &m.name)) {
            continue;
        }
        any |= m.sources != 0;
        sources[s->n_moments] = m.sources;
        s->moments[s->n_moments++] = m.name;
    }
    s->moment_sources = any ? sources : NULL;
}

static void step_ideas(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    read_text_list(L, v, key->name, &s->ideas, &s->n_ideas);
}

static void step_thoughts(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    read_text_list(L, v, key->name, &s->thoughts, &s->n_thoughts);
}

static void step_metrics(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    read_metrics(L, v, key->name, &s->metrics, &s->n_metrics);
}

/* `actions`: department id -> what it does at this step. */
static void step_actions(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    const ynode *m = ynode_deref(v);
    if (is_null(v))
        return;
    if (m->kind != YNODE_MAP) {
        type_error(L, v, key->name, "a mapping of department id: what it does");
        return;
    }
    s->actions = jmap_arena_alloc(L->arena, m->n, sizeof(jmap_action));
    for (size_t i = 0; i < m->n; i++) {
        const ynode *k = m->items[2 * i], *val = m->items[2 * i + 1];
        jmap_action *a = &s->actions[s->n_actions];
        if (k->duplicate || !read_ref(L, k, key->name, &a->department) ||
            !read_text(L, val, key->name, &a->text))
            continue;
        s->n_actions++;
    }
}

/* `personas`: whose step it is; absent, every persona's. */
static void step_personas(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_step *s = obj;
    const ynode *n = ynode_deref(v);
    if (!v)
        return;
    if (n && n->kind == YNODE_SEQ && n->n == 0) {
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, v->pos,
                      "'%s' is empty; leave it out for a step that every persona "
                      "takes",
                      key->name);
        return;
    }
    read_ref_list(L, v, key->name, 0, &s->personas, &s->n_personas);
}

static const keydef step_keys[STEP_KEYS_] = {
    [STEP_NAME] = {"name", 1, text_key, offsetof(jmap_step, name)},
    [STEP_ID] = {"id", 0, step_id, 0},
    [STEP_EMOTION] = {"emotion", 0, step_emotion, 0},
    [STEP_TOUCHPOINTS] = {"touchpoints", 0, step_touchpoints, 0},
    [STEP_DEPARTMENTS] = {"departments", 0, step_departments, 0},
    [STEP_DURATION] = {"duration", 0, duration_key, offsetof(jmap_step, duration)},
    [STEP_NEXT] = {"next", 0, step_next, 0},
    [STEP_DESCRIPTION] = {"description", 0, opt_text_key,
                          offsetof(jmap_step, description)},
    [STEP_IRRITANTS] = {"irritants", 0, step_irritants, 0},
    [STEP_MOMENTS] = {"moments", 0, step_moments, 0},
    [STEP_IDEAS] = {"ideas", 0, step_ideas, 0},
    [STEP_THOUGHTS] = {"thoughts", 0, step_thoughts, 0},
    [STEP_METRICS] = {"metrics", 0, step_metrics, 0},
    [STEP_ACTIONS] = {"actions", 0, step_actions, 0},
    [STEP_PERSONAS] = {"personas", 0, step_personas, 0},
};
static const keytable step_table = KEYTABLE("a step", step_keys);
_Static_assert(STEP_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

static void load_step(loader *L, jmap_stage *stage, const ynode *node)
{
    jmap_journey *j = L->j;
    jmap_step *s = jmap_arena_alloc(L->arena, 1, sizeof(jmap_step));
    s->pos = node->pos;
    s->stage = stage;
    s->duration.minutes = -1;
    if (!load_map(L, node, &step_table, s))
        return;
    s->index = j->n_steps;
    stage->steps[stage->n_steps++] = s;
    j->steps[j->n_steps++] = s;
}

/* ---- stages ---- */

enum { STAGE_ID, STAGE_NAME, STAGE_DURATION, STAGE_DESCRIPTION, STAGE_STEPS,
       STAGE_GOALS, STAGE_METRICS, STAGE_KEYS_ };

static void stage_id(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_stage *st = obj;
    (void)key;
    if (v)
        st->id = read_id(L, v, K_STAGE);
    if (st->id && !define_id(L, K_STAGE, st->id, v, st))
        st->id = NULL;
}

/* A stage's steps, up to the journey's limit of steps. */
static void stage_steps(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_stage *st = obj;
    jmap_journey *j = L->j;
    const ynode *steps = ynode_deref(v);
    if (is_null(v))
        return;
    if (steps->kind != YNODE_SEQ) {
        type_error(L, v, key->name, "a list of steps");
        st->broken = 1;
        return;
    }
    st->steps = jmap_arena_alloc(L->arena, steps->n, sizeof(jmap_step *));
    for (size_t k = 0; k < steps->n && !L->steps_full; k++) {
        if (j->n_steps >= JMAP_MAX_STEPS) {
            over_limit(L, j->n_steps, JMAP_MAX_STEPS, "steps", steps->items[k]->pos);
            L->steps_full = 1;
            break;
        }
        load_step(L, st, steps->items[k]);
    }
}

static void stage_goals(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_stage *st = obj;
    read_text_list(L, v, key->name, &st->goals, &st->n_goals);
}

static void stage_metrics(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_stage *st = obj;
    read_metrics(L, v, key->name, &st->metrics, &st->n_metrics);
}

static const keydef stage_keys[STAGE_KEYS_] = {
    [STAGE_ID] = {"id", 1, stage_id, 0},
    [STAGE_NAME] = {"name", 1, text_key, offsetof(jmap_stage, name)},
    [STAGE_DURATION] = {"duration", 0, duration_key, offsetof(jmap_stage, duration)},
    [STAGE_DESCRIPTION] = {"description", 0, opt_text_key,
                           offsetof(jmap_stage, description)},
    [STAGE_STEPS] = {"steps", 0, stage_steps, 0},
    [STAGE_GOALS] = {"goals", 0, stage_goals, 0},
    [STAGE_METRICS] = {"metrics", 0, stage_metrics, 0},
};
static const keytable stage_table = KEYTABLE("a stage", stage_keys);
_Static_assert(STAGE_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

/* The number of steps of every stage of `seq`, for one array of them all. */
static size_t count_steps(const ynode *seq)
{
    size_t total = 0;
    for (size_t i = 0; i < seq->n; i++) {
        const ynode *st = ynode_deref(seq->items[i]);
        if (st && st->kind == YNODE_MAP)
            for (size_t k = 0; k < st->n; k++) {
                const ynode *key = ynode_deref(st->items[2 * k]);
                const ynode *val = ynode_deref(st->items[2 * k + 1]);
                if (key->kind == YNODE_SCALAR &&
                    strcmp(key->str, stage_keys[STAGE_STEPS].name) == 0 && val &&
                    val->kind == YNODE_SEQ)
                    total += val->n;
            }
    }
    return total < JMAP_MAX_STEPS ? total : JMAP_MAX_STEPS;
}

static void load_stages(loader *L, const ynode *node)
{
    jmap_journey *j = L->j;
    const ynode *seq = ynode_deref(node);
    if (!node)
        return;
    if (seq->kind != YNODE_SEQ) {
        type_error(L, node, "stages", "a list of stages");
        return;
    }
    if (seq->n == 0 && !L->partial)
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, node->pos,
                      "'stages' is empty; a journey needs at least one stage");
    j->steps = jmap_arena_alloc(L->arena, count_steps(seq), sizeof(jmap_step *));
    j->stages = jmap_arena_alloc(L->arena, seq->n, sizeof(jmap_stage));
    for (size_t i = 0; i < seq->n; i++) {
        const ynode *item = seq->items[i];
        if (over_limit(L, j->n_stages, JMAP_MAX_ITEMS, "stages", item->pos))
            return;
        jmap_stage *st = &j->stages[j->n_stages];
        const ynode *v[STAGE_KEYS_];
        size_t errors_before = L->diags->errors;
        st->pos = item->pos;
        st->duration.minutes = -1;
        if (!read_map(L, item, &stage_table, v))
            continue;
        st->index = j->n_stages++;
        read_keys(L, &stage_table, v, st);
        st->broken = st->broken || L->diags->errors > errors_before;
    }
}

/* ---- default ids, successors and references ---- */

static void assign_default_ids(loader *L)
{
    jmap_journey *j = L->j;
    /* base -> the next suffix to try, so that many steps of one name take
     * linear time, not quadratic */
    jmap_strmap next_suffix;
    jmap_strmap_init(&next_suffix);
    for (size_t i = 0; i < j->n_steps; i++) {
        jmap_step *s = j->steps[i];
        if (s->id)
            continue;
        s->id_is_default = 1;
        char *slug = s->name.str ? jmap_slug_new(s->name.str) : jmap_xstrdup("");
        char *base = *slug ? jmap_arena_strdup(L->arena, slug)
                           : jmap_arena_strdup(L->arena, "");
        free(slug);
        if (!*base) {
            char tmp[32];
            snprintf(tmp, sizeof tmp, "step-%zu", i + 1);
            base = jmap_arena_strdup(L->arena, tmp);
        }
        const char *id = base;
        uintptr_t k = (uintptr_t)jmap_strmap_get(&next_suffix, base);
        for (k = k ? k : 2; jmap_strmap_get(&L->ids[K_STEP], id); k++) {
            char *t = jmap_xasprintf("%s-%lu", base, (unsigned long)k);
            id = jmap_arena_strdup(L->arena, t);
            free(t);
        }
        jmap_strmap_set(&next_suffix, base, (void *)k);
        s->id = id;
        jmap_strmap_put(&L->ids[K_STEP], id, s);
    }
    jmap_strmap_destroy(&next_suffix);
}

static void default_successors(loader *L)
{
    jmap_journey *j = L->j;
    for (size_t i = 0; i + 1 < j->n_steps; i++) {
        jmap_step *s = j->steps[i];
        if (!s->next_is_default)
            continue;
        s->next = jmap_arena_alloc(L->arena, 1, sizeof(jmap_ref));
        s->next[0].id = j->steps[i + 1]->id;
        s->next[0].pos = s->pos;
        s->next[0].target = j->steps[i + 1];
        s->n_next = 1;
    }
}

/* The ids of one kind, for suggestions (heap array the caller frees). */
static const char **ids_of(loader *L, int kind, size_t *count)
{
    jmap_strmap *m = &L->ids[kind];
    const char **ids = jmap_xrealloc(NULL, m->count ? m->count : 1, sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            ids[n++] = m->keys[i];
    *count = n;
    return ids;
}

/* Where each kind keeps its id and its display name. */
static const struct {
    size_t id;   /* offsetof the const char *id */
    size_t name; /* offsetof the jmap_text name */
} kind_fields[] = {
    [K_PERSONA] = {offsetof(jmap_persona, id), offsetof(jmap_persona, name)},
    [K_DEPARTMENT] = {offsetof(jmap_department, id), offsetof(jmap_department, name)},
    [K_TOUCHPOINT] = {offsetof(jmap_touchpoint, id), offsetof(jmap_touchpoint, name)},
    [K_STAGE] = {offsetof(jmap_stage, id), offsetof(jmap_stage, name)},
    [K_STEP] = {offsetof(jmap_step, id), offsetof(jmap_step, name)},
};

static const char *id_of(int kind, const void *node)
{
    return *(const char *const *)((const char *)node + kind_fields[kind].id);
}

static const char *name_of(int kind, const void *node)
{
    return ((const jmap_text *)((const char *)node + kind_fields[kind].name))->str;
}

/* Lowers the ASCII letters of `s` in place: names are matched whatever
 * their case ("phone line" finds "Phone line"). Returns s. */
static char *fold(char *s)
{
    for (char *c = s; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return s;
}

/* The node of `kind` whose display name, folded, is `folded`, or NULL. The
 * names are indexed on the first question, which only an unknown reference
 * asks. */
static void *named(loader *L, int kind, const char *folded)
{
    jmap_strmap *names = &L->names[kind];
    if (!L->names_indexed[kind]) {
        const jmap_strmap *ids = &L->ids[kind];
        for (size_t i = 0; i < ids->cap; i++)
            if (ids->keys[i] && name_of(kind, ids->vals[i]))
                jmap_strmap_put(names,
                                fold(jmap_arena_strdup(L->arena,
                                                       name_of(kind, ids->vals[i]))),
                                ids->vals[i]);
        L->names_indexed[kind] = 1;
    }
    return jmap_strmap_get(names, folded);
}

/* explain_ref, with the reference's text folded. */
static int explain_by_name(loader *L, const jmap_ref *ref, int kind, const char *key,
                           const char *folded)
{
    const char *want = kind_names[kind];
    void *node = named(L, kind, folded);
    if (node) {
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_REFERENCE, ref->pos,
                      "unknown %s '%s'; did you mean the %s '%s' (named '%s')?", want,
                      ref->id, want, id_of(kind, node), name_of(kind, node));
        return 1;
    }
    for (int other = 0; other < 5; other++) {
        int by_id = 1;
        if (other == kind)
            continue;
        node = jmap_strmap_get(&L->ids[other], ref->id);
        if (!node)
            by_id = 0, node = named(L, other, folded);
        if (!node)
            continue;
        jmap_buf msg;
        jmap_buf_init(&msg);
        jmap_buf_printf(&msg, "unknown %s '%s': ", want, ref->id);
        if (by_id)
            jmap_buf_printf(&msg, "'%s' is a %s", ref->id, kind_names[other]);
        else
            jmap_buf_printf(&msg, "'%s' is the name of the %s '%s'", ref->id,
                            kind_names[other], id_of(other, node));
        jmap_buf_printf(&msg, "; `%s` takes %s ids", key, want);
        const jmap_stage *st = node;
        if (other == K_STAGE && kind == K_STEP && st->n_steps > 0)
            jmap_buf_printf(&msg, " (did you mean '%s', the stage's first step?)",
                            st->steps[0]->id);
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_REFERENCE, ref->pos, "%s", msg.data);
        jmap_buf_destroy(&msg);
        return 1;
    }
    return 0;
}

/* Says what `ref`, unknown as a `kind` in `key`, is when it is the display
 * name of one (`Phone line` for the touchpoint `phone`), or the id or name
 * of another kind (a stage in `next`). Returns 0 when it is none of these. */
static int explain_ref(loader *L, const jmap_ref *ref, int kind, const char *key)
{
    char *folded = fold(jmap_xstrdup(ref->id));
    int done = explain_by_name(L, ref, kind, key, folded);
    free(folded);
    return done;
}

/* Resolves `ref` to a `kind`, written as the value of `key`; reports an id
 * that names nothing of that kind. */
static void resolve(loader *L, jmap_ref *ref, int kind, const char *key)
{
    if (!ref->id || ref->target)
        return;
    ref->target = jmap_strmap_get(&L->ids[kind], ref->id);
    if (ref->target || L->partial || explain_ref(L, ref, kind, key))
        return;
    size_t n;
    const char **ids = ids_of(L, kind, &n);
    const char *near = jmap_suggest(ref->id, ids, n);
    if (near)
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_REFERENCE, ref->pos,
                      "unknown %s '%s'; did you mean '%s'?", kind_names[kind], ref->id,
                      near);
    else if (n == 0)
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_REFERENCE, ref->pos,
                      "unknown %s '%s'; the map defines no %ss", kind_names[kind],
                      ref->id, kind_names[kind]);
    else
        jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_REFERENCE, ref->pos,
                      "unknown %s '%s'", kind_names[kind], ref->id);
    free(ids);
}

/* A step's `personas`: each known and named once, and its emotions only for
 * them. `in_step` has a zeroed byte per persona, left zeroed. */
static void resolve_step_personas(loader *L, jmap_step *s, unsigned char *in_step)
{
    const char *key = step_keys[STEP_PERSONAS].name;
    if (s->n_personas == 0)
        return;
    if (L->j->n_personas == 0) {
        if (!L->partial)
            jmap_diag_add(L->diags, JMAP_RULE_UNKNOWN_REFERENCE, s->personas[0].pos,
                          "'%s' says whose step this is, but the map defines no "
                          "personas; define them under the top-level 'personas', or "
                          "remove this list",
                          key);
        s->n_personas = 0;
        return;
    }
    for (size_t k = 0; k < s->n_personas; k++) {
        jmap_persona *p;
        resolve(L, &s->personas[k], K_PERSONA, key);
        if (!(p = s->personas[k].target))
            continue;
        if (in_step[p->index])
            jmap_diag_add(L->diags, JMAP_RULE_DUPLICATE_ID, s->personas[k].pos,
                          "'%s' names the persona '%s' twice", key, p->id);
        in_step[p->index] = 1;
    }
    for (size_t k = 0; k < s->n_emotions; k++) {
        const jmap_persona *p = s->emotions[k].persona.target;
        if (p && !in_step[p->index])
            jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, s->emotions[k].persona.pos,
                          "an emotion for the persona '%s', but this step is not "
                          "in its journey: the step's '%s' does not name it; add "
                          "'%s' there, or remove this emotion",
                          p->id, key, p->id);
    }
    for (size_t k = 0; k < s->n_personas; k++) {
        const jmap_persona *p = s->personas[k].target;
        if (p)
            in_step[p->index] = 0;
    }
}

static void resolve_all(loader *L)
{
    jmap_journey *j = L->j;
    const char *owner = touchpoint_keys[TOUCHPOINT_OWNER].name;
    unsigned char *in_step = jmap_xcalloc(j->n_personas + 1, 1);
    for (size_t i = 0; i < j->n_touchpoints; i++)
        resolve(L, &j->touchpoints[i].owner, K_DEPARTMENT, owner);
    for (size_t i = 0; i < j->n_steps; i++) {
        jmap_step *s = j->steps[i];
        for (size_t k = 0; k < s->n_emotions; k++)
            resolve(L, &s->emotions[k].persona, K_PERSONA,
                    step_keys[STEP_EMOTION].name);
        for (size_t k = 0; k < s->n_touchpoints; k++)
            resolve(L, &s->touchpoints[k], K_TOUCHPOINT,
                    step_keys[STEP_TOUCHPOINTS].name);
        for (size_t k = 0; k < s->n_departments; k++)
            resolve(L, &s->departments[k], K_DEPARTMENT,
                    step_keys[STEP_DEPARTMENTS].name);
        for (size_t k = 0; k < s->n_next; k++)
            resolve(L, &s->next[k], K_STEP, step_keys[STEP_NEXT].name);
        for (size_t k = 0; k < s->n_irritants; k++)
            resolve(L, &s->irritants[k].owner, K_DEPARTMENT,
                    irritant_keys[IRRITANT_OWNER].name);
        for (size_t k = 0; k < s->n_actions; k++)
            resolve(L, &s->actions[k].department, K_DEPARTMENT,
                    step_keys[STEP_ACTIONS].name);
        resolve_step_personas(L, s, in_step);
    }
    free(in_step);
}

/* ---- the journey ---- */

enum { ROOT_JMAP, ROOT_TITLE, ROOT_DESCRIPTION, ROOT_LANG, ROOT_PERSONAS,
       ROOT_DEPARTMENTS, ROOT_TOUCHPOINTS, ROOT_STAGES, ROOT_KEYS_ };

/* `jmap:`, the format version. */
static void root_version(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_journey *j = obj;
    long version;
    const ynode *n = ynode_deref(v);
    if (!v)
        return;
    if (n->kind == YNODE_SCALAR && n->type == YS_INT && parse_int(n->str, &version) &&
        version == JMAP_FORMAT_VERSION)
        j->version = (int)version;
    else if (n->kind == YNODE_SCALAR && n->type == YS_INT)
        jmap_diag_add(L->diags, JMAP_RULE_BAD_VALUE, v->pos,
                      "unsupported format version %s; this jmap reads version %d",
                      n->str, JMAP_FORMAT_VERSION);
    else
        type_error(L, v, key->name, "the format version, 1");
}

static void root_lang(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_journey *j = obj;
    if (v) {
        int lang = JMAP_LANG_EN;
        read_enum(L, v, key->name, jmap_lang_names, JMAP_N_LANGS, &lang);
        j->lang = (jmap_lang)lang;
    }
}

static void root_personas(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_journey *j = obj;
    j->personas = load_section(L, v, key->name, K_PERSONA, sizeof(jmap_persona),
                               fill_persona, &j->n_personas);
}

static void root_departments(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_journey *j = obj;
    j->departments = load_section(L, v, key->name, K_DEPARTMENT,
                                  sizeof(jmap_department), fill_department,
                                  &j->n_departments);
}

static void root_touchpoints(loader *L, void *obj, const ynode *v, const keydef *key)
{
    jmap_journey *j = obj;
    j->touchpoints = load_section(L, v, key->name, K_TOUCHPOINT,
                                  sizeof(jmap_touchpoint), fill_touchpoint,
                                  &j->n_touchpoints);
}

static void root_stages(loader *L, void *obj, const ynode *v, const keydef *key)
{
    (void)obj, (void)key;
    load_stages(L, v);
}

static const keydef root_keys[ROOT_KEYS_] = {
    [ROOT_JMAP] = {"jmap", 1, root_version, 0},
    [ROOT_TITLE] = {"title", 1, text_key, offsetof(jmap_journey, title)},
    [ROOT_DESCRIPTION] = {"description", 0, opt_text_key,
                          offsetof(jmap_journey, description)},
    [ROOT_LANG] = {"lang", 0, root_lang, 0},
    [ROOT_PERSONAS] = {"personas", 0, root_personas, 0},
    [ROOT_DEPARTMENTS] = {"departments", 0, root_departments, 0},
    [ROOT_TOUCHPOINTS] = {"touchpoints", 0, root_touchpoints, 0},
    [ROOT_STAGES] = {"stages", 1, root_stages, 0},
};
static const keytable root_table = KEYTABLE("the journey", root_keys);
_Static_assert(ROOT_KEYS_ <= MAX_KEYS, "MAX_KEYS is too small");

static void load_root(loader *L, const ynode *root)
{
    if (!load_map(L, root, &root_table, L->j))
        return;
    assign_default_ids(L);
    default_successors(L);
    resolve_all(L);
}

jmap_journey *jmap_journey_from(const jmap_journey *j)
{
    jmap_arena *a = jmap_arena_new();
    jmap_journey *out = jmap_arena_alloc(a, 1, sizeof *out);
    memset(out, 0, sizeof *out);
    out->arena = a;
    out->version = j->version;
    out->title = j->title;
    out->description = j->description;
    out->lang = j->lang;
    return out;
}

jmap_journey *jmap_journey_load(const char *data, size_t len, jmap_diag_list *diags)
{
    jmap_arena *arena = jmap_arena_new();
    jmap_journey *j = jmap_arena_alloc(arena, 1, sizeof(jmap_journey));
    j->arena = arena;
    j->version = JMAP_FORMAT_VERSION;
    ydoc doc;
    size_t errors_before = diags->errors;
    jmap_yaml_parse(data, len, arena, diags, &doc);
    j->incomplete = doc.incomplete;
    const ynode *root = ynode_deref(doc.root);
    if (!root || is_null(root)) {
        if (diags->errors == errors_before) {
            jmap_pos start = {1, 1};
            jmap_diag_add(diags, JMAP_RULE_TYPE, root ? doc.root->pos : start,
                          "the file holds no journey; a map is a YAML mapping that "
                          "starts with 'jmap: 1'");
        }
        jmap_journey_free(j);
        return NULL;
    }
    if (root->kind != YNODE_MAP) {
        jmap_diag_add(diags, JMAP_RULE_TYPE, doc.root->pos,
                      "the top of the file should be a mapping (jmap:, title:, "
                      "stages: ...), not %s",
                      describe(root));
        jmap_journey_free(j);
        return NULL;
    }
    loader L;
    memset(&L, 0, sizeof L);
    L.j = j;
    L.arena = arena;
    L.diags = diags;
    L.partial = doc.incomplete;
    jmap_lines_init(&L.lines, data, len);
    for (int k = 0; k < 5; k++) {
        jmap_strmap_init(&L.ids[k]);
        jmap_strmap_init(&L.id_nodes[k]);
        jmap_strmap_init(&L.names[k]);
    }
    load_root(&L, doc.root);
    jmap_journey_resolve(j);
    for (int k = 0; k < 5; k++) {
        jmap_strmap_destroy(&L.ids[k]);
        jmap_strmap_destroy(&L.id_nodes[k]);
        jmap_strmap_destroy(&L.names[k]);
    }
    jmap_lines_destroy(&L.lines);
    return j;
}

void jmap_journey_free(jmap_journey *journey)
{
    if (journey)
        jmap_arena_free(journey->arena);
}
