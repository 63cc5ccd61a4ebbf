/*
 * util.c - allocation that never returns NULL, a growable string buffer, an
 * arena for the journey graph, and small text helpers (edit distance for
 * "did you mean" suggestions, UTF-8 decoding, locale-free numbers), and
 * the string map that every stage looks names up in.
 */
#define _DEFAULT_SOURCE /* madvise */
#include "internal.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static void out_of_memory(void)
{
    fputs("jmap: out of memory\n", stderr);
    abort();
}

void *jmap_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *jmap_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *jmap_xrealloc(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory();
    size_t bytes = n * size;
    void *p = realloc(ptr, bytes ? bytes : 1);
    if (!p)
        out_of_memory();
    return p;
}

char *jmap_xstrndup(const char *s, size_t n)
{
    char *p = jmap_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *jmap_xstrdup(const char *s)
{
    return jmap_xstrndup(s, strlen(s));
}

char *jmap_xvasprintf(const char *fmt, va_list ap)
{
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    if ((size_t)n < sizeof small)
        return jmap_xstrdup(small);
    char *p = jmap_xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *jmap_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = jmap_xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

/* ---- buffer ---- */

void jmap_buf_init(jmap_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void jmap_buf_destroy(jmap_buf *b)
{
    free(b->data);
    jmap_buf_init(b);
}

static void buf_reserve(jmap_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        out_of_memory();
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = jmap_xrealloc(b->data, cap, 1);
    b->cap = cap;
}

void jmap_buf_put(jmap_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void jmap_buf_puts(jmap_buf *b, const char *s)
{
    jmap_buf_put(b, s, strlen(s));
}

void jmap_buf_putc(jmap_buf *b, char c)
{
    jmap_buf_put(b, &c, 1);
}

void jmap_buf_printf(jmap_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = jmap_xvasprintf(fmt, ap);
    va_end(ap);
    jmap_buf_puts(b, s);
    free(s);
}

char *jmap_buf_take(jmap_buf *b)
{
    if (!b->data)
        buf_reserve(b, 0), b->data[0] = '\0';
    char *p = b->data;
    jmap_buf_init(b);
    return p;
}

/* ---- arena ---- */

typedef struct arena_block {
    struct arena_block *prev; /* the block filled before this one */
    size_t used;              /* bytes handed out from data */
    size_t cap;               /* bytes in data */
    max_align_t data[];       /* the memory handed out */
} arena_block;

struct jmap_arena {
    arena_block *top; /* the block being filled */
    size_t next;      /* the size of the next block */
};

/* Blocks double from 64 KiB to 2 MiB, so that a big map makes few of them.
 * A 2 MiB block is aligned for, and asks for, a transparent huge page: one
 * page fault instead of 512 (page faults were a fifth of the time of a
 * 10 MiB map's lint). */
#define ARENA_BLOCK_BYTES (64u * 1024u)
#define ARENA_HUGE_BYTES (2u * 1024u * 1024u)

jmap_arena *jmap_arena_new(void)
{
    jmap_arena *a = jmap_xcalloc(1, sizeof(jmap_arena));
    a->next = ARENA_BLOCK_BYTES;
    return a;
}

void jmap_arena_free(jmap_arena *a)
{
    if (!a)
        return;
    for (arena_block *b = a->top, *prev; b; b = prev) {
        prev = b->prev;
        free(b);
    }
    free(a);
}

/* A new block: of `bytes` for a big request, else of the arena's next
 * size. */
static arena_block *block_new(jmap_arena *a, size_t bytes, int big)
{
    arena_block *b;
    size_t cap = big ? bytes : a->next;
    if (!big && a->next == ARENA_HUGE_BYTES) {
        b = aligned_alloc(ARENA_HUGE_BYTES, ARENA_HUGE_BYTES);
        if (!b)
            out_of_memory();
#ifdef MADV_HUGEPAGE
        madvise(b, ARENA_HUGE_BYTES, MADV_HUGEPAGE); /* only a hint */
#endif
        cap = ARENA_HUGE_BYTES - sizeof(arena_block);
    } else {
        b = jmap_xmalloc(sizeof(arena_block) + cap);
        if (!big && a->next < ARENA_HUGE_BYTES)
            a->next *= 2;
    }
    b->cap = cap;
    b->used = 0;
    return b;
}

/* `bytes` from the arena at a multiple of `align` (a power of two), not
 * zeroed. */
static void *arena_take(jmap_arena *a, size_t bytes, size_t align)
{
    arena_block *b = a->top;
    size_t start = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || start > b->cap || b->cap - start < bytes) {
        int big = bytes > a->next / 2; /* would waste half a block */
        arena_block *nb = block_new(a, bytes, big);
        /* A big request gets a block of its own below the current one, so
         * the current block's free space is not wasted. */
        if (b && big) {
            nb->prev = b->prev;
            b->prev = nb;
        } else {
            nb->prev = b;
            a->top = nb;
        }
        b = nb;
        start = 0;
    }
    void *p = (char *)b->data + start;
    b->used = start + bytes;
    return p;
}

void *jmap_arena_alloc(jmap_arena *a, size_t n, size_t size)
{
    const size_t align = sizeof(max_align_t);
    if (size && n > (SIZE_MAX - align) / size)
        out_of_memory();
    size_t bytes = (n * size + align - 1) / align * align;
    if (bytes == 0)
        bytes = align;
    void *p = arena_take(a, bytes, align);
    memset(p, 0, bytes);
    return p;
}

char *jmap_arena_strndup(jmap_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        out_of_memory();
    char *p = arena_take(a, n + 1, 1); /* text needs no alignment */
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *jmap_arena_strdup(jmap_arena *a, const char *s)
{
    return jmap_arena_strndup(a, s, strlen(s));
}

/* ---- text ---- */

size_t jmap_edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    size_t diff = la > lb ? la - lb : lb - la;
    if (diff > cap)
        return cap + 1;
    /* Damerau-Levenshtein (optimal string alignment), three rows. */
    size_t rows[3][65];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v)
                v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > cap)
            return cap + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] > cap ? cap + 1 : prev[lb];
}

const char *jmap_suggest(const char *word, const char *const *candidates,
                         size_t n)
{
    size_t len = strlen(word);
    size_t cap = len < 4 ? 1 : len < 9 ? 2 : 3;
    const char *best = NULL;
    size_t best_d = cap + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = jmap_edit_distance(word, candidates[i], cap);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}

size_t jmap_utf8_decode(const unsigned char *s, size_t len, unsigned *cp)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2, c &= 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, c &= 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, c &= 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n > len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return n;
}

size_t jmap_line_break_len(const unsigned char *p, const unsigned char *end)
{
    if (p[0] == '\n')
        return 1;
    if (p[0] == '\r')
        return p + 1 < end && p[1] == '\n' ? 2 : 1;
    if (p[0] == 0xC2 && p + 1 < end && p[1] == 0x85)
        return 2;
    if (p[0] == 0xE2 && p + 2 < end && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
        return 3;
    return 0;
}

void jmap_lines_init(jmap_lines *lines, const char *data, size_t len)
{
    memset(lines, 0, sizeof *lines);
    lines->data = data;
    lines->len = len;
}

void jmap_lines_destroy(jmap_lines *lines)
{
    free(lines->starts);
    jmap_lines_init(lines, NULL, 0);
}

/* Indexes every line of the text, the first time a line is asked for. */
static void index_lines(jmap_lines *lines)
{
    const unsigned char *s = (const unsigned char *)lines->data;
    const unsigned char *end = s + lines->len;
    size_t cap = 64;
    lines->starts = jmap_xrealloc(NULL, cap, sizeof(size_t));
    lines->starts[0] = lines->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    lines->count = 1;
    for (const unsigned char *p = s + lines->starts[0]; p < end; p++) {
        size_t k = jmap_line_break_len(p, end);
        if (!k)
            continue;
        p += k - 1;
        if (lines->count == cap)
            lines->starts = jmap_xrealloc(lines->starts, cap *= 2, sizeof(size_t));
        lines->starts[lines->count++] = (size_t)(p + 1 - s);
    }
}

int jmap_lines_get(jmap_lines *lines, int line, const char **start, size_t *n)
{
    if (!lines->starts && lines->data)
        index_lines(lines);
    if (line < 1 || (size_t)line > lines->count)
        return 0;
    const unsigned char *s = (const unsigned char *)lines->data;
    size_t from = lines->starts[line - 1], to = lines->len;
    if ((size_t)line < lines->count) { /* up to the next line, less its break */
        to = lines->starts[line];
        const unsigned char *p = s + to;
        for (size_t k = 3; k >= 1; k--) /* the longest break that ends there */
            if (to - from >= k && jmap_line_break_len(p - k, s + lines->len) == k) {
                to -= k;
                break;
            }
    }
    *start = (const char *)s + from;
    *n = to - from;
    return 1;
}

size_t jmap_lines_offset(jmap_lines *lines, jmap_pos pos)
{
    const char *line;
    size_t n, i = 0;
    int col = 1;
    if (!jmap_lines_get(lines, pos.line, &line, &n))
        return (size_t)-1;
    if (pos.line == lines->mark_line && pos.column >= lines->mark_column)
        col = lines->mark_column, i = lines->mark_byte; /* walk on from there */
    for (; col < pos.column && i < n; col++) {
        unsigned cp;
        i += jmap_utf8_decode((const unsigned char *)line + i, n - i, &cp);
    }
    lines->mark_line = pos.line;
    lines->mark_column = col;
    lines->mark_byte = i;
    return (size_t)(line - lines->data) + i;
}

void jmap_buf_put_quoted(jmap_buf *b, const char *s, size_t n)
{
    jmap_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\')
            jmap_buf_putc(b, '\\');
        jmap_buf_putc(b, s[i]);
    }
    jmap_buf_putc(b, '"');
}

int jmap_parse_double(const char *s, double *out)
{
    char buf[128], *end;
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof buf || strspn(s, "+-.0123456789eE") != n)
        return 0;
    /* strtod reads the C locale's decimal point: give it that one. */
    const char *point = localeconv()->decimal_point;
    memcpy(buf, s, n + 1);
    if (point && point[0] && !point[1])
        for (char *c = buf; *c; c++)
            if (*c == '.')
                *c = point[0];
    double v = strtod(buf, &end);
    if (*end || end == buf || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

void jmap_format_number(char *out, size_t out_len, double v)
{
    double back = 0;
    if (v == floor(v) && fabs(v) < 1e16) { /* whole: no exponent */
        snprintf(out, out_len, "%.0f", v);
        if (strcmp(out, "-0") == 0)
            strcpy(out, "0");
        return;
    }
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(out, out_len, "%.*g", digits, v);
        for (char *p = out; *p; p++)
            if (*p == ',')
                *p = '.';
        if (jmap_parse_double(out, &back) && back == v)
            break;
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

void jmap_format_double(char *out, size_t out_len, double v, int decimals)
{
    snprintf(out, out_len, "%.*f", decimals, v);
    for (char *p = out; *p; p++)
        if (*p == ',')
            *p = '.';
    /* Trim trailing zeros of the fraction, and a bare point. */
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

/* ---- text that reaches a terminal ---- */

int jmap_is_unsafe_cp(unsigned cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
           cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
           cp == 0x061C;
}

/* Appends `s` to `b` with every unsafe character written as `mark`, or,
 * when `mark` is 0, as a visible escape: \xHH for a control byte or a byte
 * that is not UTF-8, \uHHHH for the other unsafe code points. */
static void put_safe(jmap_buf *b, const char *s, char mark)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = jmap_utf8_decode(p + i, len - i, &cp);
        int bad = cp == 0xFFFD && !(k == 3 && memcmp(p + i, "\xEF\xBF\xBD", 3) == 0);
        if (!bad && !jmap_is_unsafe_cp(cp))
            jmap_buf_put(b, s + i, k);
        else if (mark)
            jmap_buf_putc(b, mark);
        else if (bad || cp < 0x80)
            jmap_buf_printf(b, "\\x%02X", p[i]);
        else
            jmap_buf_printf(b, "\\u%04X", cp);
        i += k;
    }
}

char *jmap_escape_text(const char *s)
{
    jmap_buf b;
    jmap_buf_init(&b);
    put_safe(&b, s ? s : "", 0);
    return b.data ? jmap_buf_take(&b) : jmap_xstrdup("");
}

char *jmap_mask_text(const char *s, char mark)
{
    jmap_buf b;
    jmap_buf_init(&b);
    put_safe(&b, s ? s : "", mark);
    return b.data ? jmap_buf_take(&b) : jmap_xstrdup("");
}

/* ---- string map ---- */

void jmap_strmap_init(jmap_strmap *m)
{
    memset(m, 0, sizeof *m);
}

void jmap_strmap_destroy(jmap_strmap *m)
{
    free(m->keys);
    free(m->vals);
    free(m->slots);
    jmap_strmap_init(m);
}

/* A random SipHash key: the kernel's, or failing that a mix of what
 * differs between runs (an attacker then cannot know it in advance). */
static void random_key(unsigned long long key[2])
{
    if (getrandom(key, 2 * sizeof key[0], GRND_NONBLOCK) == 2 * sizeof key[0])
        return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    key[0] = (unsigned long long)t.tv_nsec * 0x9E3779B97F4A7C15ull ^
             (unsigned long long)(uintptr_t)key;
    key[1] = (unsigned long long)t.tv_sec * 0xC2B2AE3D27D4EB4Full ^
             (unsigned long long)getpid();
}

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND(v0, v1, v2, v3)                                               \
    do {                                                                       \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);              \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                                 \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                                 \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);              \
    } while (0)

/* SipHash-1-3 of the NUL-terminated `s` under `k`. */
static unsigned long long sip_hash(const unsigned long long k[2], const char *s)
{
    typedef unsigned long long u64;
    u64 v0 = k[0] ^ 0x736f6d6570736575ull, v1 = k[1] ^ 0x646f72616e646f6dull,
        v2 = k[0] ^ 0x6c7967656e657261ull, v3 = k[1] ^ 0x7465646279746573ull;
    size_t len = strlen(s), i = 0;
    for (; i + 8 <= len; i += 8) {
        u64 m = 0;
        for (int b = 7; b >= 0; b--)
            m = m << 8 | (unsigned char)s[i + b];
        v3 ^= m;
        SIPROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    u64 last = (u64)len << 56;
    for (int b = 0; i + b < len; b++)
        last |= (u64)(unsigned char)s[i + b] << (8 * b);
    v3 ^= last;
    SIPROUND(v0, v1, v2, v3);
    v0 ^= last;
    v2 ^= 0xff;
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

/* The slot that holds `key`, or the empty slot where it would go. */
static size_t strmap_slot(const jmap_strmap *m, const char *key)
{
    size_t mask = m->n_slots - 1, i = (size_t)sip_hash(m->sip, key) & mask;
    while (m->slots[i] && strcmp(m->keys[m->slots[i] - 1], key) != 0)
        i = (i + 1) & mask;
    return i;
}

void *jmap_strmap_get(const jmap_strmap *m, const char *key)
{
    if (!m->count)
        return NULL;
    unsigned e = m->slots[strmap_slot(m, key)];
    return e ? m->vals[e - 1] : NULL;
}

/* Room for one more entry: the entries grow by doubling, and the index is
 * rebuilt at twice their number so that probes stay short. */
static void strmap_grow(jmap_strmap *m)
{
    if (!m->cap)
        random_key(m->sip);
    size_t cap = m->cap ? m->cap * 2 : 8;
    if (cap > UINT_MAX / 2)
        out_of_memory();
    m->keys = jmap_xrealloc(m->keys, cap, sizeof *m->keys);
    m->vals = jmap_xrealloc(m->vals, cap, sizeof *m->vals);
    memset(m->keys + m->cap, 0, (cap - m->cap) * sizeof *m->keys);
    memset(m->vals + m->cap, 0, (cap - m->cap) * sizeof *m->vals);
    m->cap = cap;
    free(m->slots);
    m->n_slots = cap * 2;
    m->slots = jmap_xcalloc(m->n_slots, sizeof *m->slots);
    for (size_t e = 0; e < m->count; e++)
        m->slots[strmap_slot(m, m->keys[e])] = (unsigned)e + 1;
}

void *jmap_strmap_put(jmap_strmap *m, const char *key, void *val)
{
    if (m->count) {
        unsigned e = m->slots[strmap_slot(m, key)];
        if (e)
            return m->vals[e - 1];
    }
    if (m->count == m->cap)
        strmap_grow(m);
    m->keys[m->count] = key;
    m->vals[m->count] = val;
    m->slots[strmap_slot(m, key)] = (unsigned)++m->count;
    return NULL;
}

void jmap_strmap_set(jmap_strmap *m, const char *key, void *val)
{
    if (jmap_strmap_put(m, key, val))
        m->vals[m->slots[strmap_slot(m, key)] - 1] = val;
}

const char *jmap_version(void)
{
    return JMAP_VERSION;
}
