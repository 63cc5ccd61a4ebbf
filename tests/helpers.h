/*
 * helpers.h - shared by the cmocka tests: load a map from a string and look
 * for a diagnostic by rule and position.
 */
#ifndef JMAP_TEST_HELPERS_H
#define JMAP_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "jmap.h"

/* A journey loaded and validated from `yaml`, with its findings. */
typedef struct loaded {
    jmap_journey *journey; /* NULL when nothing could be read */
    jmap_diag_list diags;  /* every finding, sorted by position */
} loaded;

static inline void load_string(loaded *l, const char *yaml)
{
    jmap_diag_list_init(&l->diags);
    l->journey = jmap_journey_load(yaml, strlen(yaml), &l->diags);
    jmap_journey_validate(l->journey, &l->diags);
    jmap_diag_list_sort(&l->diags);
}

/* Loads `yaml`, which must have no errors. */
static inline void load_clean(loaded *l, const char *yaml)
{
    load_string(l, yaml);
    for (size_t i = 0; i < l->diags.count; i++)
        if (l->diags.items[i].severity == JMAP_ERROR)
            fail_msg("test map error: %d:%d %s", l->diags.items[i].pos.line,
                     l->diags.items[i].pos.column, l->diags.items[i].message);
    assert_non_null(l->journey);
}

static inline void loaded_destroy(loaded *l)
{
    jmap_journey_free(l->journey);
    jmap_diag_list_destroy(&l->diags);
}

/* The first diagnostic of `rule` (at line:col when line > 0), or NULL. */
static inline const jmap_diag *find_diag(const loaded *l, jmap_rule rule, int line,
                                         int col)
{
    for (size_t i = 0; i < l->diags.count; i++) {
        const jmap_diag *d = &l->diags.items[i];
        if (d->rule == rule && (line <= 0 || (d->pos.line == line && d->pos.column == col)))
            return d;
    }
    return NULL;
}

/* Counts the diagnostics of `rule`. */
static inline size_t count_diag(const loaded *l, jmap_rule rule)
{
    size_t n = 0;
    for (size_t i = 0; i < l->diags.count; i++)
        n += l->diags.items[i].rule == rule;
    return n;
}

/* The 1-based line and column (in code points) where `needle` first occurs
 * in `text`; the test fails when it does not occur. The nth (1-based)
 * occurrence with needle_nth. */
static inline jmap_pos pos_of_nth(const char *text, const char *needle, int nth)
{
    const char *at = text;
    for (int i = 0; i < nth; i++) {
        at = strstr(i ? at + 1 : at, needle);
        if (!at)
            fail_msg("'%s' is not in the test map", needle);
    }
    jmap_pos pos = {1, 1};
    for (const char *p = text; p < at; p++) {
        if (*p == '\n')
            pos.line++, pos.column = 1;
        else if (((unsigned char)*p & 0xC0) != 0x80)
            pos.column++;
    }
    return pos;
}

static inline jmap_pos pos_of(const char *text, const char *needle)
{
    return pos_of_nth(text, needle, 1);
}

/* The header every small test map starts with. */
#define MAP_HEAD "jmap: 1\ntitle: T\n"

#endif
