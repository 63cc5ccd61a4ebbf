/*
 * emit.h - small writers shared by the lint reports (report.c) and the
 * exports (export.c): JSON strings and numbers, so that every JSON jmap
 * prints is escaped the same way, and CSV fields. Not part of the public API.
 */
#ifndef JMAP_EMIT_H
#define JMAP_EMIT_H

#include "internal.h"

#include <stdio.h>

/* Writes `s` as a JSON string literal, quotes included; NULL as null.
 * Control characters become \uXXXX escapes; other UTF-8 is kept. */
void jmap_json_string(FILE *out, const char *s);

/* Writes `"key": ` with the key escaped. */
void jmap_json_key(FILE *out, const char *key);

/* Writes `"key": "value"` (value escaped, NULL as null). */
void jmap_json_member(FILE *out, const char *key, const char *value);

/* Writes `"key": N`. */
void jmap_json_int(FILE *out, const char *key, long value);

/* A pretty-printing JSON writer: objects and arrays nest, members are
 * separated and indented by two spaces per level. `key` is the member's
 * name inside an object and NULL inside an array. */
#define JMAP_JSON_MAX_DEPTH 16 /* the deepest nesting a writer handles */

typedef struct jmap_json {
    FILE *out;                      /* where the text goes */
    int depth;                      /* open containers */
    int count[JMAP_JSON_MAX_DEPTH]; /* members written in each */
} jmap_json;

void jmap_json_init(jmap_json *w, FILE *out);
void jmap_json_open(jmap_json *w, const char *key, char bracket); /* '{' '[' */
void jmap_json_close(jmap_json *w, char bracket);                 /* '}' ']' */
void jmap_json_put_string(jmap_json *w, const char *key, const char *value);
void jmap_json_put_int(jmap_json *w, const char *key, long value);
void jmap_json_put_bool(jmap_json *w, const char *key, int value);
void jmap_json_put_raw(jmap_json *w, const char *key, const char *literal);

/* Writes `s` (NULL: empty) as one RFC 4180 field, then "," or, for the
 * `last` of a record, CRLF: quoted when it holds a quote, a comma or a line
 * break; a field that a spreadsheet would run as a formula (it starts with
 * '=', '+', '-', '@', a tab or a carriage return) gets a leading apostrophe
 * inside quotes (OWASP's rule against CSV injection). The exports and the
 * action report share it. */
void jmap_csv_field(FILE *out, const char *s, int last);

#endif /* JMAP_EMIT_H */
