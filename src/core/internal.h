/*
 * internal.h - helpers shared by libjmap's stages, not part of the public API.
 *
 * Memory: jmap_xmalloc and friends abort on out-of-memory and on size
 * overflow, so no other code checks for NULL. Strings are built with
 * jmap_buf; a journey's nodes live in a jmap_arena freed in one call.
 */
#ifndef JMAP_INTERNAL_H
#define JMAP_INTERNAL_H

#include "jmap.h"

#include <stdarg.h>
#include <stddef.h>

/* ---- allocation ---- */
void *jmap_xmalloc(size_t size);
void *jmap_xcalloc(size_t n, size_t size);
void *jmap_xrealloc(void *ptr, size_t n, size_t size); /* n * size, checked */
char *jmap_xstrdup(const char *s);
char *jmap_xstrndup(const char *s, size_t n);
char *jmap_xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
char *jmap_xvasprintf(const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 0)))
#endif
    ;

/* ---- growable byte buffer, always NUL-terminated ---- */
typedef struct jmap_buf {
    char *data; /* NUL-terminated contents, NULL until first append */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
} jmap_buf;

void jmap_buf_init(jmap_buf *b);
void jmap_buf_destroy(jmap_buf *b);
void jmap_buf_put(jmap_buf *b, const char *s, size_t n);
void jmap_buf_puts(jmap_buf *b, const char *s);
void jmap_buf_putc(jmap_buf *b, char c);
void jmap_buf_printf(jmap_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hands the contents over to the caller (who frees them) and empties b. */
char *jmap_buf_take(jmap_buf *b);

/* ---- arena: many small allocations, freed together ---- */
typedef struct jmap_arena jmap_arena;

jmap_arena *jmap_arena_new(void);
void jmap_arena_free(jmap_arena *a);
/* Zeroed memory for n * size bytes, aligned for any type. */
void *jmap_arena_alloc(jmap_arena *a, size_t n, size_t size);
char *jmap_arena_strndup(jmap_arena *a, const char *s, size_t n);
char *jmap_arena_strdup(jmap_arena *a, const char *s);

/* ---- string -> pointer map; keys are borrowed ----
 * Keys are hashed with SipHash-1-3 under a random key of each map, so that
 * keys chosen to collide (ids, anchors, mapping keys from a hostile file)
 * cost no more than any others. Iteration order does not depend on the
 * hash: keys[0..count-1] are the keys in the order they were first put. */
typedef struct jmap_strmap {
    const char **keys;  /* keys[cap]: keys[0..count-1] in insertion order,
                           NULL beyond */
    void **vals;        /* vals[cap]: vals[i] is the value of keys[i] */
    size_t cap;         /* entries allocated, 0 before the first put */
    size_t count;       /* keys stored */
    unsigned *slots;    /* open-addressing index: 0 empty, else entry + 1 */
    size_t n_slots;     /* a power of two, at least twice cap */
    unsigned long long sip[2]; /* this map's SipHash key */
} jmap_strmap;

void jmap_strmap_init(jmap_strmap *m);
void jmap_strmap_destroy(jmap_strmap *m);
/* The value stored under key, or NULL. */
void *jmap_strmap_get(const jmap_strmap *m, const char *key);
/* Stores val under key unless key is there already; returns the value that
 * was there (NULL when the key is new, and then val is stored). */
void *jmap_strmap_put(jmap_strmap *m, const char *key, void *val);
/* Stores val under key, replacing what was there. */
void jmap_strmap_set(jmap_strmap *m, const char *key, void *val);

/* ---- text ---- */
/* Edit distance between two ASCII-ish strings, capped at `cap` + 1. */
size_t jmap_edit_distance(const char *a, const char *b, size_t cap);
/* Decodes one UTF-8 code point at s[0..len); returns its byte length (1 for
 * an invalid byte, which yields U+FFFD) and stores it in *cp. */
size_t jmap_utf8_decode(const unsigned char *s, size_t len, unsigned *cp);
/* 1 for a code point that must not reach a terminal or a line-based report
 * as it is: C0 and C1 controls, DEL, the line and paragraph separators and
 * the bidirectional controls (which reorder what a reader sees). */
int jmap_is_unsafe_cp(unsigned cp);
/* A heap copy of `s` with each unsafe code point, and each byte that is not
 * UTF-8, replaced by `mark` (diagnostic messages use '?'). */
char *jmap_mask_text(const char *s, char mark);
/* The length of the line break at p[0..end), 0 when there is none: LF,
 * CRLF, CR, and NEL, LS and PS, which libyaml counts as line breaks too, so
 * that every stage numbers lines as libyaml's positions do. */
size_t jmap_line_break_len(const unsigned char *p, const unsigned char *end);
/* Writes s[0..n) as a YAML double-quoted text ("...", with '"' and '\\'
 * escaped), the form a diagnostic shows as the fix for a text that needs
 * quotes. */
void jmap_buf_put_quoted(jmap_buf *b, const char *s, size_t n);

/* The lines of a text, for diagnostics that quote or inspect the source:
 * indexed on the first request (one pass), then found in constant time.
 * Columns of one line asked in increasing order cost one walk of it. */
typedef struct jmap_lines {
    const char *data; /* the text (borrowed) */
    size_t len;       /* its length */
    size_t *starts;   /* byte offset of each line's start (heap), NULL until
                         the first request */
    size_t count;     /* lines indexed */
    int mark_line;    /* the last position found: its line, ... */
    int mark_column;  /* ... its column ... */
    size_t mark_byte; /* ... and its byte in the line, where a later column
                         of the same line is walked on from */
} jmap_lines;

void jmap_lines_init(jmap_lines *lines, const char *data, size_t len);
void jmap_lines_destroy(jmap_lines *lines);
/* Line `line` (1-based, numbered as libyaml does, after a byte-order mark):
 * its start and length without the line break. 0 when there is none. */
int jmap_lines_get(jmap_lines *lines, int line, const char **start, size_t *n);
/* The byte offset in the text of `pos` (columns in code points; a column
 * past the line's end gives its end), or (size_t)-1 when the text has no
 * such line. */
size_t jmap_lines_offset(jmap_lines *lines, jmap_pos pos);
/* Parses `s`, a YAML core-schema decimal number (digits, an optional '.'
 * and exponent), whatever the C locale's decimal point. Returns 1 and
 * stores it when it is one, finite. */
int jmap_parse_double(const char *s, double *out);
/* Formats `v` with the fewest digits that read back as it ("2.3", "80",
 * "1000", "1e-05"), with a '.' whatever the C locale: a JSON number. */
void jmap_format_number(char *out, size_t out_len, double v);
/* Formats a double without depending on the C locale (always a '.'). */
void jmap_format_double(char *out, size_t out_len, double v, int decimals);

/* ---- the YAML document tree (yaml.c) ---- */
typedef enum ynode_kind {
    YNODE_SCALAR,
    YNODE_SEQ,
    YNODE_MAP,
    YNODE_ALIAS
} ynode_kind;

/* What a scalar means under the YAML 1.2 core schema. */
typedef enum yscalar_type {
    YS_NULL,
    YS_BOOL,
    YS_INT,
    YS_FLOAT,
    YS_STR
} yscalar_type;

typedef struct ynode ynode;
struct ynode { /* 48 bytes: a big map has millions of them */
    const char *str;         /* scalar: its text, NUL-terminated */
    ynode **items;           /* seq: n items; map: keys items[2i], values [2i+1] */
    ynode *target;           /* alias: the anchored node it stands for */
    jmap_pos pos;            /* where the node starts */
    unsigned len;            /* scalar: its length in bytes (may hold NULs);
                                a file is at most JMAP_MAX_FILE_BYTES */
    unsigned n;              /* seq: items; map: pairs */
    unsigned expanded;       /* nodes this one stands for, aliases expanded
                                (saturates at UINT_MAX) */
    unsigned char kind;      /* a ynode_kind: scalar, sequence, mapping, alias */
    unsigned char type;      /* scalar: its resolved yscalar_type */
    unsigned char duplicate; /* map key: repeats an earlier key of its mapping */
    unsigned char complete;  /* 1 once the node's end event was seen */
};

/* A parsed YAML stream. */
typedef struct ydoc {
    ynode *root;    /* the first document's root, NULL when there is none */
    int incomplete; /* 1 when parsing stopped early (error or limit) */
} ydoc;

/* Parses data[0..len) into a tree allocated in `arena`, enforcing the depth,
 * alias and text limits; problems go to `diags`. Whatever was read before an
 * error is kept, with unfinished collections closed. */
void jmap_yaml_parse(const char *data, size_t len, jmap_arena *arena,
                     jmap_diag_list *diags, ydoc *doc);

/* A new journey with nothing in it but the version, title, description
 * and language of `j` (borrowed: `j` must outlive it), in an arena of its
 * own: the start of a journey made from another (a persona's, a blank
 * sheet's). Freed with jmap_journey_free. */
jmap_journey *jmap_journey_from(const jmap_journey *j);

/* An alias stands for its target; other nodes for themselves. */
static inline const ynode *ynode_deref(const ynode *n)
{
    return n && n->kind == YNODE_ALIAS ? n->target : n;
}

/* The 1-based position of byte `offset` of data (columns in code points). */
jmap_pos jmap_pos_of_offset(const char *data, size_t len, size_t offset);

#endif /* JMAP_INTERNAL_H */
