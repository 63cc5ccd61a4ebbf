/*
 * yaml.c - the first stage: bytes to a YAML document tree.
 *
 * libyaml's event parser does the scanning; this file turns its events into
 * ynode trees with 1-based positions, and guards what libyaml does not: the
 * nesting depth (checked on each start event, before libyaml scans deeper),
 * alias expansion (bounded, cycles refused), tags outside the core schema, a
 * second document, over-long texts and duplicate mapping keys. A parse
 * error is told as the change the source shows when it shows one (a tab in
 * the indentation, a ': ' inside a text, a line indented to no key's
 * column). It hands on a tree in which every scalar's core-schema type is
 * resolved.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define CORE_TAG_PREFIX "tag:yaml.org,2002:"
#define SMALL_MAP 16 /* mappings with more keys find duplicates by hashing */

/* One collection being built. Its children so far are kids[base..n_kids)
 * of the parser: nested collections stack their children above. */
typedef struct frame {
    ynode *node; /* the sequence or mapping */
    size_t base; /* where its children start in the parser's kids */
} frame;

typedef struct anchor {
    const char *name; /* the anchor's name */
    ynode *node;      /* the node it names */
} anchor;

typedef struct parser {
    const char *data;        /* the input */
    size_t len;              /* its length */
    jmap_arena *arena;       /* where nodes go */
    jmap_diag_list *diags;   /* where problems go */
    frame stack[JMAP_MAX_DEPTH + 1]; /* open collections */
    int depth;               /* entries used in stack */
    ynode **kids;            /* children of the open collections (heap) */
    size_t n_kids;           /* entries used in kids */
    size_t cap_kids;         /* entries allocated */
    jmap_strmap anchors;     /* name -> ynode* */
    size_t alias_nodes;      /* nodes materialised through aliases so far */
    ynode *root;             /* the document's root */
    int documents;           /* documents started */
    ynode *last_scalar;      /* the scalar read last, NULL before the first */
} parser;

jmap_pos jmap_pos_of_offset(const char *data, size_t len, size_t offset)
{
    jmap_pos pos = {1, 1};
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte-order mark takes no column */
    if (offset > len)
        offset = len;
    while (i < offset) {
        unsigned cp;
        size_t k = jmap_utf8_decode((const unsigned char *)data + i, len - i, &cp);
        if (i + k > offset)
            break;
        i += k;
        if (cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
            pos.line++; /* libyaml counts NEL, LS and PS as line breaks */
            pos.column = 1;
        } else if (cp == '\r' && !(i < len && data[i] == '\n')) {
            pos.line++;
            pos.column = 1;
        } else if (cp != '\r') {
            pos.column++;
        }
    }
    return pos;
}

static jmap_pos pos_of_mark(yaml_mark_t m)
{
    jmap_pos p = {(int)m.line + 1, (int)m.column + 1};
    return p;
}

static yscalar_type resolve_plain(const char *s, size_t n)
{
    /* Most scalars are words: dispatch on the first byte and the length
     * before comparing anything. (A plain scalar holds no NUL: n is its
     * strlen.) */
    if (n == 0)
        return YS_NULL;
    switch (s[0]) {
    case '~':
        return n == 1 ? YS_NULL : YS_STR;
    case 'n':
    case 'N':
        return n == 4 && (!strcmp(s, "null") || !strcmp(s, "Null") ||
                          !strcmp(s, "NULL"))
                   ? YS_NULL
                   : YS_STR;
    case 't':
    case 'T':
        return n == 4 && (!strcmp(s, "true") || !strcmp(s, "True") ||
                          !strcmp(s, "TRUE"))
                   ? YS_BOOL
                   : YS_STR;
    case 'f':
    case 'F':
        return n == 5 && (!strcmp(s, "false") || !strcmp(s, "False") ||
                          !strcmp(s, "FALSE"))
                   ? YS_BOOL
                   : YS_STR;
    default:
        if (!strchr("+-.0123456789", s[0]))
            return YS_STR;
    }
    const char *p = s;
    if (n > 2 && p[0] == '0' && (p[1] == 'o' || p[1] == 'x')) {
        const char *digits = p[1] == 'o' ? "01234567" : "0123456789abcdefABCDEF";
        if (strspn(p + 2, digits) == n - 2)
            return YS_INT;
        return YS_STR;
    }
    if (*p == '-' || *p == '+')
        p++;
    size_t rest = n - (size_t)(p - s);
    if (rest && strspn(p, "0123456789") == rest)
        return YS_INT;
    if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
        return YS_FLOAT;
    if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
        return YS_FLOAT;
    /* [0-9]+(\.[0-9]*)? or \.[0-9]+, then an optional exponent. */
    size_t int_digits = strspn(p, "0123456789");
    const char *q = p + int_digits;
    size_t frac_digits = 0;
    if (*q == '.') {
        frac_digits = strspn(q + 1, "0123456789");
        q += 1 + frac_digits;
    }
    if (int_digits == 0 && frac_digits == 0)
        return YS_STR;
    if (*q == 'e' || *q == 'E') {
        q++;
        if (*q == '-' || *q == '+')
            q++;
        size_t e = strspn(q, "0123456789");
        if (e == 0)
            return YS_STR;
        q += e;
    }
    return *q == '\0' ? YS_FLOAT : YS_STR;
}

/* Checks an explicit tag; returns 1 when it is acceptable and stores the
 * type it forces on a scalar (or -1 when it forces none). */
static int check_tag(const char *tag, yaml_event_type_t kind, int *forced)
{
    *forced = -1;
    if (!tag || strcmp(tag, "!") == 0)
        return 1;
    if (strncmp(tag, CORE_TAG_PREFIX, strlen(CORE_TAG_PREFIX)) != 0)
        return 0;
    const char *t = tag + strlen(CORE_TAG_PREFIX);
    if (kind == YAML_MAPPING_START_EVENT)
        return strcmp(t, "map") == 0;
    if (kind == YAML_SEQUENCE_START_EVENT)
        return strcmp(t, "seq") == 0;
    static const struct { const char *name; yscalar_type type; } scalar_tags[] = {
        {"str", YS_STR}, {"int", YS_INT}, {"float", YS_FLOAT},
        {"bool", YS_BOOL}, {"null", YS_NULL},
    };
    for (size_t i = 0; i < sizeof scalar_tags / sizeof scalar_tags[0]; i++)
        if (strcmp(t, scalar_tags[i].name) == 0) {
            *forced = (int)scalar_tags[i].type;
            return 1;
        }
    return 0;
}

/* The type a core tag forces on scalar `n`, when its text can have that
 * type (`!!int 12`, `!!float 1`, `!!str 12`); otherwise the value is
 * reported and read as a text, so no later stage sees `!!int abc` as a
 * number. */
static yscalar_type forced_type(parser *p, const ynode *n, const char *tag,
                                yscalar_type forced)
{
    yscalar_type natural = strlen(n->str) == n->len ? resolve_plain(n->str, n->len)
                                                    : YS_STR;
    if (forced == YS_STR || natural == forced ||
        (forced == YS_FLOAT && natural == YS_INT))
        return forced;
    jmap_diag_add(p->diags, JMAP_RULE_BAD_VALUE, n->pos,
                  "'%s' is not a valid '!!%s' value; it is read as a text", n->str,
                  tag + strlen(CORE_TAG_PREFIX));
    return YS_STR;
}

static size_t sat_add(size_t a, size_t b)
{
    return a > (size_t)-1 - b ? (size_t)-1 : a + b;
}

static void frame_push_child(parser *p, frame *f, ynode *kid)
{
    if (p->n_kids == p->cap_kids) {
        p->cap_kids = p->cap_kids ? p->cap_kids * 2 : 256;
        p->kids = jmap_xrealloc(p->kids, p->cap_kids, sizeof(ynode *));
    }
    p->kids[p->n_kids++] = kid;
    size_t e = sat_add(f->node->expanded, kid->expanded);
    f->node->expanded = e > UINT_MAX ? UINT_MAX : (unsigned)e;
}

/* The key node before index `i` of `map` whose text is `text`, or NULL.
 * Small mappings (nearly all) are searched in place; big ones through
 * `seen`, which holds their earlier keys. */
static ynode *earlier_key(const ynode *map, size_t i, const char *text,
                          jmap_strmap *seen)
{
    if (map->n > SMALL_MAP)
        return jmap_strmap_put(seen, text, map->items[2 * i]);
    for (size_t j = 0; j < i; j++) {
        ynode *other = map->items[2 * j];
        const ynode *o = ynode_deref(other);
        if (o && o->kind == YNODE_SCALAR && !other->duplicate &&
            strcmp(o->str, text) == 0)
            return other;
    }
    return NULL;
}

/* Marks keys that repeat an earlier key of the same mapping and reports
 * them. Keys that are not scalars are left to the loader. */
static void find_duplicate_keys(parser *p, ynode *map)
{
    jmap_strmap seen;
    jmap_strmap_init(&seen);
    for (size_t i = 0; i < map->n; i++) {
        ynode *key = map->items[2 * i];
        const ynode *k = ynode_deref(key);
        if (!k || k->kind != YNODE_SCALAR)
            continue;
        ynode *first = earlier_key(map, i, k->str, &seen);
        if (first) {
            key->duplicate = 1;
            jmap_diag_add(p->diags, JMAP_RULE_DUPLICATE_KEY, key->pos,
                          "duplicate key '%s' (first written at line %d)",
                          k->str, first->pos.line);
        }
    }
    jmap_strmap_destroy(&seen);
}

/* Attaches a finished node to its parent, or makes it the root. */
static void attach(parser *p, ynode *node)
{
    if (p->depth > 0)
        frame_push_child(p, &p->stack[p->depth - 1], node);
    else if (!p->root)
        p->root = node;
}

static void close_frame(parser *p)
{
    frame *f = &p->stack[--p->depth];
    ynode *node = f->node;
    size_t n = p->n_kids - f->base;
    if (node->kind == YNODE_MAP && n % 2)
        n--; /* a key without value (only after an error) */
    node->n = (unsigned)(node->kind == YNODE_MAP ? n / 2 : n);
    node->items = jmap_arena_alloc(p->arena, n, sizeof(ynode *));
    if (n)
        memcpy(node->items, p->kids + f->base, n * sizeof(ynode *));
    p->n_kids = f->base;
    node->complete = 1;
    if (node->kind == YNODE_MAP)
        find_duplicate_keys(p, node);
    attach(p, node);
}

static void remember_anchor(parser *p, const char *name, ynode *node)
{
    if (name) /* a later anchor of the same name hides the earlier one */
        jmap_strmap_set(&p->anchors, jmap_arena_strdup(p->arena, name), node);
}

/* Reports a tag outside the core schema, spelled the way it was written,
 * or a core tag on a node of another kind (`!!map [a]`). */
static void report_tag(parser *p, const char *tag, yaml_event_type_t kind,
                       yaml_mark_t mark)
{
    static const char *const core[] = {"str", "int", "float", "bool", "null", "map",
                                       "seq"};
    size_t n = strlen(CORE_TAG_PREFIX);
    int is_core = 0;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (strncmp(tag, CORE_TAG_PREFIX, n) == 0 && strcmp(tag + n, core[i]) == 0)
            is_core = 1;
    if (is_core)
        jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos_of_mark(mark),
                      "tag '!!%s' on %s", tag + n,
                      kind == YAML_MAPPING_START_EVENT    ? "a mapping"
                      : kind == YAML_SEQUENCE_START_EVENT ? "a list"
                                                          : "a scalar");
    else if (strncmp(tag, CORE_TAG_PREFIX, n) == 0)
        jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos_of_mark(mark),
                      "unsupported tag '!!%s'; only the YAML core schema's tags "
                      "(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are allowed",
                      tag + n);
    else
        jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos_of_mark(mark),
                      "unsupported tag '%s'; only the YAML core schema's tags "
                      "(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are allowed",
                      tag);
}

static ynode *new_node(parser *p, ynode_kind kind, yaml_mark_t mark)
{
    ynode *n = jmap_arena_alloc(p->arena, 1, sizeof(ynode));
    n->kind = kind;
    n->pos = pos_of_mark(mark);
    n->expanded = 1;
    return n;
}

/* Handles one event; returns 0 to go on, 1 at the end, -1 to stop early. */
static int on_event(parser *p, yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++p->documents > 1) {
            jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos_of_mark(ev->start_mark),
                          "a second YAML document; a map file holds one document");
            return -1;
        }
        return 0;
    case YAML_STREAM_END_EVENT:
        return 1;
    case YAML_SCALAR_EVENT: {
        int forced;
        const char *tag = (const char *)ev->data.scalar.tag;
        int tag_ok = check_tag(tag, ev->type, &forced);
        if (!tag_ok) /* reported; the value is read as if untagged */
            report_tag(p, tag, ev->type, ev->start_mark);
        ynode *n = new_node(p, YNODE_SCALAR, ev->start_mark);
        size_t len = ev->data.scalar.length;
        n->len = (unsigned)len; /* no scalar is longer than its file */
        n->str = jmap_arena_strndup(p->arena, (const char *)ev->data.scalar.value, len);
        if (forced >= 0)
            n->type = forced_type(p, n, tag, (yscalar_type)forced);
        else if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && (!tag || !tag_ok))
            n->type = resolve_plain(n->str, n->len);
        else
            n->type = YS_STR;
        n->complete = 1;
        if (len > JMAP_MAX_TEXT_BYTES)
            jmap_diag_add(p->diags, JMAP_RULE_LIMIT, n->pos,
                          "text of %zu bytes is longer than the limit of %u bytes",
                          len, JMAP_MAX_TEXT_BYTES);
        remember_anchor(p, (const char *)ev->data.scalar.anchor, n);
        attach(p, n);
        p->last_scalar = n;
        return 0;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        const char *tag = ev->type == YAML_SEQUENCE_START_EVENT
                              ? (const char *)ev->data.sequence_start.tag
                              : (const char *)ev->data.mapping_start.tag;
        const char *anchor_name = ev->type == YAML_SEQUENCE_START_EVENT
                              ? (const char *)ev->data.sequence_start.anchor
                              : (const char *)ev->data.mapping_start.anchor;
        int forced;
        if (!check_tag(tag, ev->type, &forced))
            report_tag(p, tag, ev->type, ev->start_mark); /* reported; read as untagged */
        if (p->depth >= JMAP_MAX_DEPTH) {
            jmap_diag_add(p->diags, JMAP_RULE_LIMIT, pos_of_mark(ev->start_mark),
                          "nesting deeper than the limit of %d levels", JMAP_MAX_DEPTH);
            return -1;
        }
        ynode *n = new_node(p, ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ
                                                                     : YNODE_MAP,
                            ev->start_mark);
        remember_anchor(p, anchor_name, n);
        frame *f = &p->stack[p->depth++];
        f->node = n;
        f->base = p->n_kids;
        return 0;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        close_frame(p);
        return 0;
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        ynode *target = jmap_strmap_get(&p->anchors, name);
        jmap_pos pos = pos_of_mark(ev->start_mark);
        if (!target) {
            jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos,
                          "alias '*%s' names no anchor written before it", name);
            return -1;
        }
        if (!target->complete) {
            jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos,
                          "alias '*%s' is inside the node it names (a cycle)", name);
            return -1;
        }
        p->alias_nodes = sat_add(p->alias_nodes, target->expanded);
        if (p->alias_nodes > JMAP_MAX_ALIAS_NODES) {
            jmap_diag_add(p->diags, JMAP_RULE_LIMIT, pos,
                          "aliases expand to more than the limit of %d nodes",
                          JMAP_MAX_ALIAS_NODES);
            return -1;
        }
        ynode *n = new_node(p, YNODE_ALIAS, ev->start_mark);
        n->target = target;
        n->expanded = target->expanded;
        n->complete = 1;
        attach(p, n);
        return 0;
    }
    default:
        return 0;
    }
}

/* ---- syntax errors told so that a designer can act on them ----
 *
 * libyaml says what it could not parse ("mapping values are not allowed in
 * this context"); the designer needs what to change. The source around the
 * error tells most of it: a tab in the indentation, a ': ' inside a text,
 * a line indented more or less than the keys it could belong to. */

#define MAX_ALIGNS 64 /* ancestor lines looked at for an indentation */

/* 1 when c is one of the characters of `set` (never for NUL). */
static int one_of(char c, const char *set)
{
    return c && strchr(set, c);
}

/* What the start of a source line holds. Columns are 1-based; the
 * indentation and the '- ' indicators are ASCII, so bytes are columns. */
typedef struct line_shape {
    int blank;        /* 1 when the line holds only spaces or a comment */
    int indent;       /* column of the first character that is not a space */
    int tab;          /* column of a tab in the indentation, 0 when none */
    int dash;         /* column of the last '- ' indicator, 0 when none */
    int content;      /* column of what follows the indentation and dashes */
    const char *key;  /* the key written there, NULL when there is none */
    size_t key_len;   /* its length in bytes */
    size_t sep;       /* byte offset of the ':' after the key */
} line_shape;

static line_shape shape_of(const char *s, size_t n)
{
    line_shape sh;
    memset(&sh, 0, sizeof sh);
    size_t i = 0;
    for (; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
        if (s[i] == '\t' && !sh.tab)
            sh.tab = (int)i + 1;
    sh.indent = (int)i + 1;
    sh.blank = i == n || s[i] == '#';
    while (i < n && s[i] == '-' && (i + 1 == n || s[i + 1] == ' ')) {
        sh.dash = (int)i + 1;
        for (i++; i < n && s[i] == ' '; i++)
            ;
    }
    sh.content = (int)i + 1;
    if (i < n && one_of(s[i], "\"'{}[],?:#&*!|>%@`"))
        return sh; /* a quoted text, a flow collection...: no plain key */
    for (size_t k = i; k < n; k++)
        if (s[k] == ':' && (k + 1 == n || s[k + 1] == ' ')) {
            sh.key = s + i;
            sh.key_len = k - i;
            sh.sep = k;
            break;
        } else if (s[k] == '#' && k > i && s[k - 1] == ' ') {
            break;
        }
    return sh;
}

/* A column that a line may align with: a key, or a list's '-'. */
typedef struct align {
    int column;      /* its column */
    int line;        /* the line it is on */
    const char *key; /* the key, NULL for a '-' */
    size_t key_len;  /* its length */
} align;

/* The columns a line after `line` could align with, innermost first: the
 * keys (or, with `dashes`, the '-' indicators) of the lines above that it
 * could belong to, each less indented than the ones between it and `line`.
 * Returns how many were stored in out[]. */
static size_t aligns_above(jmap_lines *lines, int line, int dashes, align *out)
{
    size_t count = 0;
    int least = INT_MAX;
    for (int l = line - 1; l >= 1 && least > 1 && count < MAX_ALIGNS; l--) {
        const char *s;
        size_t n;
        if (!jmap_lines_get(lines, l, &s, &n))
            break;
        line_shape sh = shape_of(s, n);
        if (sh.blank || sh.indent >= least)
            continue;
        least = sh.indent;
        align a = {dashes ? sh.dash : (sh.key ? sh.content : 0), l, NULL, 0};
        if (!dashes)
            a.key = sh.key, a.key_len = sh.key_len;
        if (a.column > 0 && (count == 0 || out[count - 1].column != a.column))
            out[count++] = a;
    }
    return count;
}

/* Describes `a` for a message: "'name' on line 7 (column 9)". */
static void put_align(jmap_buf *b, const align *a)
{
    if (a->key)
        jmap_buf_printf(b, "'%.*s' on line %d (column %d)", (int)a->key_len, a->key,
                        a->line, a->column);
    else
        jmap_buf_printf(b, "the '-' on line %d (column %d)", a->line, a->column);
}

/* The error is on a line that has a tab in its indentation. */
static int tab_error(parser *p, jmap_lines *lines, int line)
{
    const char *s;
    size_t n;
    if (!jmap_lines_get(lines, line, &s, &n))
        return 0;
    line_shape sh = shape_of(s, n);
    if (!sh.tab)
        return 0;
    jmap_pos pos = {line, sh.tab};
    jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos,
                  "a tab in the indentation of line %d; YAML indents with spaces "
                  "only: replace the tab with spaces",
                  line);
    return 1;
}

/* The ':' at byte `colon` of line s[0..n) ends no key: it is inside a text
 * (`name: Remarque : trop cher`). Writes the text's key and the text in
 * quotes into `fix`; 0 when the line does not show where the text starts.
 * In a flow collection (`flow`), ',' and '{' '[' bound the text too. */
static int quoted_fix(const char *s, size_t n, size_t colon, int flow,
                      const line_shape *sh, jmap_buf *fix)
{
    size_t key = (size_t)sh->content - 1, text = key, end = colon, k = colon;
    while (k > 0 && !(s[k - 1] == ':' && s[k] == ' ') &&
           !(flow && one_of(s[k - 1], "{[,")))
        k--;
    if (k > 0 && s[k - 1] == ':') {
        text = k + 1; /* after the key's ': ' */
        if (flow)     /* the key starts after the indicator before it */
            for (key = k - 1; key > 0 && !one_of(s[key - 1], "{[,"); key--)
                ;
    } else if (k > 0) {
        text = key = k; /* `[..., Remarque : trop cher]`: no key */
    } else if (!sh->dash) {
        return 0;
    }
    while (end < n && !(flow && one_of(s[end], ",}]")) &&
           !(s[end] == '#' && s[end - 1] == ' '))
        end++;
    while (key < text && s[key] == ' ')
        key++;
    while (text < end && s[text] == ' ')
        text++;
    while (end > text && s[end - 1] == ' ')
        end--;
    jmap_buf_put(fix, s + key, text - key);
    jmap_buf_put_quoted(fix, s + text, end - text);
    return 1;
}

/* libyaml met a ': ' it cannot take as a key's: inside a text, or at the
 * end of a line indented more than the key above it, which it read as more
 * of that key's text. */
static int colon_error(parser *p, jmap_lines *lines, jmap_pos at, int flow)
{
    const char *s;
    size_t n;
    size_t off = jmap_lines_offset(lines, at);
    if (off == (size_t)-1 || !jmap_lines_get(lines, at.line, &s, &n))
        return 0;
    size_t colon = off - (size_t)(s - p->data);
    if (colon >= n || s[colon] != ':')
        return 0;
    line_shape sh = shape_of(s, n);
    if (!flow && sh.key && sh.sep == colon) {
        align up[MAX_ALIGNS];
        size_t count = aligns_above(lines, at.line, 0, up);
        size_t i = 0;
        while (i < count && up[i].column >= sh.content)
            i++;
        if (i == count)
            return 0;
        jmap_buf msg;
        jmap_buf_init(&msg);
        jmap_buf_printf(&msg, "line %d is indented more than ", at.line);
        put_align(&msg, &up[i]);
        jmap_buf_printf(&msg, ", so YAML reads it as more of the text above; align "
                              "'%.*s' with '%.*s' (column %d)",
                        (int)sh.key_len, sh.key, (int)up[i].key_len, up[i].key,
                        up[i].column);
        jmap_pos pos = {at.line, sh.content};
        jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos, "%s", msg.data);
        jmap_buf_destroy(&msg);
        return 2;
    }
    jmap_buf fix;
    jmap_buf_init(&fix);
    int ok = quoted_fix(s, n, colon, flow, &sh, &fix);
    if (ok)
        jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, at,
                      "this ': ' is inside a text, where YAML reads it as the start of "
                      "a value; put the whole text in quotes: %s",
                      fix.data);
    jmap_buf_destroy(&fix);
    return ok;
}

/* libyaml found a line that fits no open list or mapping: it is indented
 * to a column that no key (or '-') above it is at. */
static int indent_error(parser *p, jmap_lines *lines, int line)
{
    const char *s;
    size_t n;
    if (!jmap_lines_get(lines, line, &s, &n))
        return 0;
    line_shape sh = shape_of(s, n);
    if (sh.blank)
        return 0;
    int dashes = sh.dash == sh.indent;
    align up[MAX_ALIGNS];
    size_t count = aligns_above(lines, line, dashes, up);
    const align *deeper = NULL, *shallower = NULL;
    for (size_t i = 0; i < count; i++)
        if (up[i].column > sh.indent && (!deeper || up[i].column < deeper->column))
            deeper = &up[i];
        else if (up[i].column < sh.indent && !shallower)
            shallower = &up[i];
    if (!deeper && !shallower)
        return 0;
    jmap_buf msg;
    jmap_buf_init(&msg);
    jmap_buf_printf(&msg, "line %d is indented to column %d, which matches no %s "
                          "above it; align ",
                    line, sh.indent, dashes ? "list item" : "key");
    if (dashes)
        jmap_buf_puts(&msg, "its '-' with ");
    else if (sh.key)
        jmap_buf_printf(&msg, "'%.*s' with ", (int)sh.key_len, sh.key);
    else
        jmap_buf_puts(&msg, "it with ");
    if (deeper)
        put_align(&msg, deeper);
    if (deeper && shallower)
        jmap_buf_puts(&msg, " or with ");
    if (shallower)
        put_align(&msg, shallower);
    jmap_pos pos = {line, sh.indent};
    jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos, "%s", msg.data);
    jmap_buf_destroy(&msg);
    return 1;
}

/* After an over-indented line, the text of the key above it was read with
 * that line's start (`name: One description`): it is no value the designer
 * wrote, so it is taken out of the tree, and its key with it. */
static void drop_misread_text(parser *p, int line)
{
    ynode *last = p->last_scalar;
    if (p->depth > 0 && last && last->pos.line < line && p->n_kids > 0 &&
        p->kids[p->n_kids - 1] == last)
        p->n_kids--;
}

/* Reports a parse error as a fix when the source shows one; 0 when it
 * does not, and libyaml's words are all there is. */
static int report_as_fix(parser *p, const yaml_parser_t *yp)
{
    jmap_lines lines;
    jmap_lines_init(&lines, p->data, p->len);
    jmap_pos at = pos_of_mark(yp->problem_mark);
    const char *problem = yp->problem;
    int done = tab_error(p, &lines, at.line);
    if (!done && strcmp(problem, "mapping values are not allowed in this context") == 0)
        done = colon_error(p, &lines, at, 0);
    else if (!done && strncmp(problem, "did not find expected ','", 25) == 0)
        done = colon_error(p, &lines, at, 1);
    else if (!done && (strcmp(problem, "did not find expected '-' indicator") == 0 ||
                       strcmp(problem, "did not find expected key") == 0))
        done = indent_error(p, &lines, at.line);
    if (done == 2)
        drop_misread_text(p, at.line);
    jmap_lines_destroy(&lines);
    return done;
}

static void report_parser_error(parser *p, yaml_parser_t *yp)
{
    const char *problem = yp->problem ? yp->problem : "malformed YAML";
    jmap_pos pos;
    if (yp->error == YAML_READER_ERROR) {
        size_t at = yp->problem_offset;
        /* libyaml points at a bad trailing byte; show the sequence's start */
        for (int back = 0; back < 3 && at > 0 && at <= p->len &&
                           ((unsigned char)p->data[at - 1] & 0xC0) >= 0x80;
             back++) {
            at--;
            if (((unsigned char)p->data[at] & 0xC0) == 0xC0)
                break;
        }
        pos = jmap_pos_of_offset(p->data, p->len, at);
        if (strstr(problem, "UTF-8") || strstr(problem, "octet"))
            jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos,
                          "invalid UTF-8 (%s); a map file is UTF-8 text", problem);
        else if (yp->problem_value >= 0x80) /* a decoded code point */
            jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos, "%s (U+%04X)", problem,
                          (unsigned)yp->problem_value);
        else if (yp->problem_value != -1)
            jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos, "%s (byte 0x%02X)",
                          problem, (unsigned)yp->problem_value);
        else
            jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos, "%s", problem);
        return;
    }
    if (yp->problem && report_as_fix(p, yp))
        return;
    pos = pos_of_mark(yp->problem_mark);
    if (yp->context)
        jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos, "%s %s that starts at line %d",
                      problem, yp->context, (int)yp->context_mark.line + 1);
    else
        jmap_diag_add(p->diags, JMAP_RULE_SYNTAX, pos, "%s", problem);
}

void jmap_yaml_parse(const char *data, size_t len, jmap_arena *arena,
                     jmap_diag_list *diags, ydoc *doc)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.data = data;
    p.len = len;
    p.arena = arena;
    p.diags = diags;
    jmap_strmap_init(&p.anchors);

    if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
        ((unsigned char)data[1] == 0xFF || (unsigned char)data[1] == 0xFE)) {
        jmap_pos start = {1, 1};
        jmap_diag_add(diags, JMAP_RULE_SYNTAX, start,
                      "the file is UTF-16 text; a map file is UTF-8");
        doc->root = NULL;
        doc->incomplete = 1;
        return;
    }
    yaml_parser_t yp;
    yaml_parser_initialize(&yp);
    yaml_parser_set_input_string(&yp, (const unsigned char *)data, len);
    int state = 0;
    while (state == 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&yp, &ev)) {
            report_parser_error(&p, &yp);
            state = -1;
            break;
        }
        state = on_event(&p, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&yp);

    while (p.depth > 0)
        close_frame(&p); /* keep what was read before the error */
    free(p.kids);
    jmap_strmap_destroy(&p.anchors);
    doc->root = p.root;
    doc->incomplete = state < 0;
}
