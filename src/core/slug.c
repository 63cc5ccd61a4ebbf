/*
 * slug.c - folds a step's name to its default id: lower-case ASCII, accents
 * folded ("é" -> "e", "œ" -> "oe", "ß" -> "ss"), combining marks dropped,
 * every other run of characters turned into one '-', trimmed at both ends.
 */
#include "internal.h"

#include <string.h>

/* ASCII folding of U+00C0..U+00FF; "" marks a separator (× and ÷). */
static const char *const latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};

/* ASCII folding of U+0100..U+017F (Latin Extended-A), as runs of one letter. */
static const struct {
    unsigned count;     /* code points in the run */
    const char *ascii;  /* what each folds to */
} latin_ext_a[] = {
    {6, "a"}, {8, "c"}, {4, "d"}, {10, "e"}, {8, "g"}, {4, "h"}, {10, "i"},
    {2, "ij"}, {2, "j"}, {3, "k"}, {10, "l"}, {9, "n"}, {6, "o"}, {2, "oe"},
    {6, "r"}, {8, "s"}, {6, "t"}, {12, "u"}, {2, "w"}, {3, "y"}, {6, "z"},
    {1, "s"},
};

/* The ASCII folding of code point cp: a string of letters or digits, "" for a
 * separator, or NULL for a mark to drop. */
static const char *fold(unsigned cp, char *one)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            one[0] = (char)cp;
        } else if (cp >= 'A' && cp <= 'Z') {
            one[0] = (char)(cp - 'A' + 'a');
        } else {
            return "";
        }
        one[1] = '\0';
        return one;
    }
    if (cp >= 0x300 && cp <= 0x36F)
        return NULL; /* combining diacritical marks (decomposed accents) */
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) {
        unsigned at = 0x100;
        for (size_t i = 0; i < sizeof latin_ext_a / sizeof latin_ext_a[0]; i++) {
            if (cp < at + latin_ext_a[i].count)
                return latin_ext_a[i].ascii;
            at += latin_ext_a[i].count;
        }
    }
    return "";
}

char *jmap_slug_new(const char *name)
{
    jmap_buf b;
    jmap_buf_init(&b);
    const unsigned char *s = (const unsigned char *)name;
    size_t len = strlen(name);
    int pending_dash = 0;
    char one[2];
    for (size_t i = 0; i < len;) {
        unsigned cp;
        i += jmap_utf8_decode(s + i, len - i, &cp);
        const char *f = fold(cp, one);
        if (!f)
            continue;
        if (!*f) {
            pending_dash = 1;
            continue;
        }
        if (pending_dash && b.len > 0)
            jmap_buf_putc(&b, '-');
        pending_dash = 0;
        jmap_buf_puts(&b, f);
    }
    return jmap_buf_take(&b);
}
