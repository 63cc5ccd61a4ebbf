/*
 * diag.c - diagnostics as values: the table of rules, the list that every
 * stage appends its findings to, and the compiler-style text formatter
 * (PATH:LINE:COL: severity: message [rule], the source line, a caret).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const jmap_rule_info rules[JMAP_RULE_COUNT_] = {
    [JMAP_RULE_SYNTAX] = {"syntax", JMAP_ERROR,
        "The file is not well-formed YAML, or uses a YAML feature jmap does not accept",
        "Fix the YAML at the position shown: indentation, quoting, a stray character, "
        "invalid UTF-8, a second document (---), an unsupported tag or a broken alias.", 0},
    [JMAP_RULE_TYPE] = {"type", JMAP_ERROR,
        "A value has the wrong shape",
        "Write the value in the shape the format expects: a mapping, a list, a text "
        "or an integer (see the format reference).", 0},
    [JMAP_RULE_MISSING_KEY] = {"missing-key", JMAP_ERROR,
        "A required key is absent",
        "Add the key to the mapping shown; `jmap`, `title`, `stages`, and each "
        "stage's `id` and `name`, each step's and irritant's `name` are required.", 0},
    [JMAP_RULE_UNKNOWN_KEY] = {"unknown-key", JMAP_ERROR,
        "A key that the format does not have",
        "Check the spelling against the suggestion, or remove the key.", 0},
    [JMAP_RULE_DUPLICATE_KEY] = {"duplicate-key", JMAP_ERROR,
        "The same key appears twice in one mapping",
        "Keep one of the two; YAML gives a mapping's keys no order or repetition.", 0},
    [JMAP_RULE_DUPLICATE_ID] = {"duplicate-id", JMAP_ERROR,
        "Two items of one kind share an id, or a list names one twice",
        "Give each stage, step, touchpoint, department and persona an id of its own "
        "within its kind; step ids are unique across the whole journey. A list of "
        "ids or sources names each once.", 0},
    [JMAP_RULE_UNKNOWN_REFERENCE] = {"unknown-reference", JMAP_ERROR,
        "An id that is not defined",
        "Define the id, or correct the reference (the message suggests the nearest "
        "defined id).", 0},
    [JMAP_RULE_BAD_VALUE] = {"bad-value", JMAP_ERROR,
        "A value outside its domain",
        "Use a value the format allows: emotion -2..2, severity low|medium|high, "
        "channel digital|physical|human, visibility frontstage|backstage|support, "
        "lang en|fr, durations like 10min, 2h, 3d, 2w, 1mo, ids like shop-visit_2.", 0},
    [JMAP_RULE_LIMIT] = {"limit", JMAP_ERROR,
        "The input crosses one of jmap's limits",
        "Split the map or shorten the value; the limits are listed in docs/limits.md.", 0},
    [JMAP_RULE_EMPTY_STAGE] = {"empty-stage", JMAP_WARNING,
        "A stage with no steps",
        "Add the customer's steps to the stage, or remove it.", 0},
    [JMAP_RULE_UNUSED] = {"unused", JMAP_WARNING,
        "A touchpoint, department or persona that nothing references",
        "Reference it from a step, a touchpoint's owner or an emotion, or remove it.", 0},
    [JMAP_RULE_NO_OWNER] = {"no-owner", JMAP_WARNING,
        "A touchpoint or irritant that no department owns",
        "Give the touchpoint an `owner`, or the irritant an `owner` (or an owned "
        "touchpoint on its step): every pain point wants someone to fix it.", 0},
    [JMAP_RULE_UNREACHABLE_STEP] = {"unreachable-step", JMAP_WARNING,
        "A step that cannot be reached from the first step",
        "Check the `next` lists: some step should lead to this one.", 0},
    [JMAP_RULE_TEXT_OVERFLOW] = {"text-overflow", JMAP_WARNING,
        "A text wraps to more than 12 lines in its card, which makes its row very tall",
        "Shorten the text, or move the detail to a description; the map still "
        "shows it whole.", 0},
    [JMAP_RULE_NO_EVIDENCE] = {"no-evidence", JMAP_WARNING,
        "An irritant with neither sources nor a frequency (off by default)",
        "Say where the irritant comes from (`sources`: survey, interview, "
        "support-tickets...) or how often it is heard (`frequency`); a map without "
        "evidence is a guess. Off by default: turn it on with --enable no-evidence.",
        1},
};

const jmap_rule_info *jmap_rule_info_get(jmap_rule rule)
{
    if ((int)rule < 0 || rule >= JMAP_RULE_COUNT_)
        return NULL;
    return &rules[rule];
}

int jmap_rule_find(const char *name)
{
    for (int i = 0; i < JMAP_RULE_COUNT_; i++)
        if (strcmp(rules[i].name, name) == 0)
            return i;
    return -1;
}

void jmap_diag_list_init(jmap_diag_list *list)
{
    memset(list, 0, sizeof *list);
}

void jmap_diag_list_destroy(jmap_diag_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].message);
    free(list->items);
    jmap_diag_list_init(list);
}

/* Appends a diagnostic whose message (heap) the list takes over. */
static void append(jmap_diag_list *list, jmap_rule rule, jmap_pos pos, char *message)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = jmap_xrealloc(list->items, list->cap, sizeof(jmap_diag));
    }
    jmap_diag *d = &list->items[list->count++];
    d->rule = rule;
    d->severity = rules[rule].severity;
    d->pos = pos;
    d->message = jmap_mask_text(message, '?'); /* user text never drives a
                                                  terminal */
    free(message);
    if (d->severity == JMAP_ERROR)
        list->errors++;
    else
        list->warnings++;
}

void jmap_diag_add(jmap_diag_list *list, jmap_rule rule, jmap_pos pos,
                   const char *fmt, ...)
{
    if (list->count >= JMAP_MAX_DIAGS)
        return; /* the limit error below is already there */
    if (list->count == JMAP_MAX_DIAGS - 1) {
        /* The last slot says where findings stopped being kept, so that a
         * hostile file cannot make the list, or its printing, unbounded. */
        append(list, JMAP_RULE_LIMIT, pos,
               jmap_xasprintf("more findings than the limit of %d; the rest "
                              "are not reported", JMAP_MAX_DIAGS));
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *message = jmap_xvasprintf(fmt, ap);
    va_end(ap);
    append(list, rule, pos, message);
}

static int pos_cmp(jmap_pos a, jmap_pos b)
{
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    if (a.column != b.column)
        return a.column < b.column ? -1 : 1;
    return 0;
}

void jmap_diag_list_sort(jmap_diag_list *list)
{
    /* Insertion-merge: a stable merge sort over a scratch copy. */
    size_t n = list->count;
    if (n < 2)
        return;
    jmap_diag *tmp = jmap_xrealloc(NULL, n, sizeof(jmap_diag));
    jmap_diag *a = list->items, *b = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = pos_cmp(a[j].pos, a[i].pos) < 0 ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        jmap_diag *t = a;
        a = b;
        b = t;
    }
    if (a != list->items)
        memcpy(list->items, a, n * sizeof(jmap_diag));
    free(tmp);
}

/* Finds line `line` (1-based) of src, scanning from byte `from`, the start
 * of line `from_line` (1 and 0 for the whole text); stores its start and
 * length without the line end. Returns 0 when the file has no such line. */
static int find_line(const char *src, size_t len, int line, int from_line,
                     size_t from, const char **start, size_t *n)
{
    const unsigned char *p = (const unsigned char *)src + from, *end =
        (const unsigned char *)src + len;
    if (from == 0 && len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* the byte-order mark is not shown */
    int l = from_line;
    /* Whole blocks first, each break counted at its first byte, so that
     * finding a line far away in a file of short lines stays cheap. */
    while (line - l > 64 && end - p >= 66) {
        int count = 0;
        for (int i = 0; i < 64; i++)
            count += (p[i] == '\n') | ((p[i] == '\r') & (p[i + 1] != '\n')) |
                     ((p[i] == 0xC2) & (p[i + 1] == 0x85)) |
                     ((p[i] == 0xE2) & (p[i + 1] == 0x80) & ((p[i + 2] | 1) == 0xA9));
        l += count;
        p += 64; /* maybe inside a break counted already: not a break there */
    }
    for (; l < line && p < end; p++) {
        size_t k = jmap_line_break_len(p, end);
        if (k) {
            l++;
            p += k - 1;
        }
    }
    if (l < line || (p == end && line > 1))
        return 0; /* no such line, or the empty one after the last break */
    const unsigned char *e = p;
    while (e < end && !jmap_line_break_len(e, end))
        e++;
    *start = (const char *)p;
    *n = (size_t)(e - p);
    return 1;
}

/* Where the last excerpt was found, so that printing the sorted findings
 * of a file one after the other reads the file once, not once per finding
 * (a 16 MiB file with a thousand findings near its end would otherwise take
 * many seconds). */
typedef struct print_cursor {
    int line;          /* line of the last excerpt (1 before the first) */
    size_t line_start; /* byte offset of that line in the text */
    size_t line_len;   /* its length without the line end, once found */
    int line_found;    /* 1 when line_len is known */
    size_t cp;         /* a code point of that line already walked to ... */
    size_t cp_byte;    /* ... and its byte offset from the line start */
} print_cursor;

static const print_cursor cursor_start = {1, 0, 0, 0, 0, 0};

#define DIAG_MAX_SHOWN_COLUMNS 160 /* source lines wider than this are cut */

/* Prints the source line around `column` and a caret under it; a long line
 * is shown as a window of DIAG_MAX_SHOWN_COLUMNS code points. */
static void print_excerpt(FILE *out, const char *line, size_t n, int column,
                          int color, size_t *cp_mark, size_t *byte_mark)
{
    /* Find byte offsets of code points, from the mark when it is before. */
    size_t first = 0; /* first code point shown */
    size_t col = column > 0 ? (size_t)column - 1 : 0;
    if (col > DIAG_MAX_SHOWN_COLUMNS / 2)
        first = col - DIAG_MAX_SHOWN_COLUMNS / 2;
    size_t i = 0, cp_index = 0;
    if (*cp_mark <= first && *byte_mark <= n) {
        cp_index = *cp_mark;
        i = *byte_mark;
    }
    const unsigned char *s = (const unsigned char *)line;
    while (i < n && cp_index < first) {
        unsigned cp;
        if (s[i] < 0x80)
            i++; /* ASCII, the common case of a very long line */
        else
            i += jmap_utf8_decode(s + i, n - i, &cp);
        cp_index++;
    }
    *cp_mark = cp_index;
    *byte_mark = i;
    jmap_buf text, caret;
    jmap_buf_init(&text);
    jmap_buf_init(&caret);
    if (first > 0) {
        jmap_buf_puts(&text, "...");
        jmap_buf_puts(&caret, "   ");
    }
    size_t shown = 0;
    int caret_done = 0;
    while (i < n && shown < DIAG_MAX_SHOWN_COLUMNS) {
        unsigned cp;
        size_t k = jmap_utf8_decode(s + i, n - i, &cp);
        if (cp_index == col) {
            jmap_buf_putc(&caret, '^');
            caret_done = 1;
        }
        if (cp == '\t') {
            jmap_buf_putc(&text, '\t');
            if (cp_index < col)
                jmap_buf_putc(&caret, '\t');
        } else if (jmap_is_unsafe_cp(cp) || cp == 0xFFFD) {
            jmap_buf_putc(&text, '?'); /* never echo control characters */
            if (cp_index < col)
                jmap_buf_putc(&caret, ' ');
        } else {
            jmap_buf_put(&text, line + i, k);
            if (cp_index < col)
                jmap_buf_putc(&caret, ' ');
        }
        i += k;
        cp_index++;
        shown++;
    }
    if (i < n)
        jmap_buf_puts(&text, "...");
    if (!caret_done)
        jmap_buf_putc(&caret, '^');
    fprintf(out, "%s\n%s%s%s\n", text.data ? text.data : "",
            color ? "\033[1;32m" : "", caret.data, color ? "\033[0m" : "");
    jmap_buf_destroy(&text);
    jmap_buf_destroy(&caret);
}

/* Prints one diagnostic, finding its line from the cursor when it is not
 * before the cursor's line, and moves the cursor there. */
static void print_one(FILE *out, const char *path, const char *src, size_t len,
                      const jmap_diag *d, int color, print_cursor *c)
{
    const char *sev = d->severity == JMAP_ERROR ? "error" : "warning";
    const char *sev_color = d->severity == JMAP_ERROR ? "\033[1;31m" : "\033[1;35m";
    if (color)
        fputs("\033[1m", out);
    char *shown = jmap_escape_text(path);
    if (d->pos.line > 0)
        fprintf(out, "%s:%d:%d: ", shown, d->pos.line, d->pos.column);
    else
        fprintf(out, "%s: ", shown);
    free(shown);
    if (color)
        fprintf(out, "%s%s:\033[0m\033[1m %s\033[0m [%s]\n", sev_color, sev,
                d->message, rules[d->rule].name);
    else
        fprintf(out, "%s: %s [%s]\n", sev, d->message, rules[d->rule].name);
    if (!src || d->pos.line <= 0)
        return;
    if (d->pos.line < c->line)
        *c = cursor_start;
    const char *line;
    size_t n;
    if (d->pos.line == c->line && c->line_found) {
        line = src + c->line_start; /* another finding on the same line */
        n = c->line_len;
    } else if (find_line(src, len, d->pos.line, c->line, c->line_start, &line, &n)) {
        c->cp = c->cp_byte = 0;
        c->line = d->pos.line;
        c->line_start = (size_t)(line - src);
        c->line_len = n;
        c->line_found = 1;
    } else {
        return;
    }
    if (n > 0)
        print_excerpt(out, line, n, d->pos.column, color, &c->cp, &c->cp_byte);
}

void jmap_diag_print(FILE *out, const char *path, const char *src, size_t len,
                     const jmap_diag *d, int color)
{
    print_cursor c = cursor_start;
    print_one(out, path, src, len, d, color, &c);
}

void jmap_diag_list_print(FILE *out, const char *path, const char *src, size_t len,
                          const jmap_diag_list *list, int color)
{
    print_cursor c = cursor_start;
    for (size_t i = 0; i < list->count; i++)
        print_one(out, path, src, len, &list->items[i], color, &c);
}
