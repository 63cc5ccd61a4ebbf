/*
 * emit.c - JSON string writing for reports and exports, so that every JSON
 * jmap prints is escaped the same way.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

/* Copies the UTF-8 sequence at p, or writes \ufffd for an invalid one (a
 * file name need not be UTF-8; JSON must be), and a C1 control, line
 * separator or bidirectional control as its \u escape, so that a JSON
 * report shown on a terminal cannot drive it. Returns the bytes used. */
static size_t json_utf8(FILE *out, const unsigned char *p)
{
    unsigned cp;
    size_t k = jmap_utf8_decode(p, strnlen((const char *)p, 4), &cp);
    if (k == 1)
        fputs("\\ufffd", out);
    else if (jmap_is_unsafe_cp(cp))
        fprintf(out, "\\u%04x", cp);
    else
        fwrite(p, 1, k, out);
    return k;
}

void jmap_json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\u%04x", *p);
        else if (*p < 0x80)
            putc(*p, out);
        else
            p += json_utf8(out, p) - 1;
    }
    putc('"', out);
}

void jmap_json_key(FILE *out, const char *key)
{
    jmap_json_string(out, key);
    fputs(": ", out);
}

void jmap_json_member(FILE *out, const char *key, const char *value)
{
    jmap_json_key(out, key);
    jmap_json_string(out, value);
}

void jmap_json_int(FILE *out, const char *key, long value)
{
    jmap_json_key(out, key);
    fprintf(out, "%ld", value);
}

/* ---- the pretty-printing writer ---- */

void jmap_json_init(jmap_json *w, FILE *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

/* Starts a member: separator, newline, indent, key. */
static void json_begin(jmap_json *w, const char *key)
{
    if (w->depth > 0 && w->depth <= JMAP_JSON_MAX_DEPTH) {
        fputs(w->count[w->depth - 1]++ ? ",\n" : "\n", w->out);
        fprintf(w->out, "%*s", 2 * w->depth, "");
    }
    if (key)
        jmap_json_key(w->out, key);
}

void jmap_json_open(jmap_json *w, const char *key, char bracket)
{
    json_begin(w, key);
    putc(bracket, w->out);
    if (w->depth < JMAP_JSON_MAX_DEPTH)
        w->count[w->depth] = 0;
    w->depth++;
}

void jmap_json_close(jmap_json *w, char bracket)
{
    w->depth--;
    if (w->depth < JMAP_JSON_MAX_DEPTH && w->count[w->depth])
        fprintf(w->out, "\n%*s", 2 * w->depth, "");
    putc(bracket, w->out);
    if (w->depth == 0)
        putc('\n', w->out);
}

void jmap_json_put_string(jmap_json *w, const char *key, const char *value)
{
    json_begin(w, key);
    jmap_json_string(w->out, value);
}

void jmap_json_put_int(jmap_json *w, const char *key, long value)
{
    json_begin(w, key);
    fprintf(w->out, "%ld", value);
}

void jmap_json_put_bool(jmap_json *w, const char *key, int value)
{
    jmap_json_put_raw(w, key, value ? "true" : "false");
}

void jmap_json_put_raw(jmap_json *w, const char *key, const char *literal)
{
    json_begin(w, key);
    fputs(literal, w->out);
}

/* ---- csv ---- */

/* One RFC 4180 field: quoted when it holds a quote, a comma or a line
 * break, with quotes doubled. A field that a spreadsheet would take for a
 * formula (it starts with '=', '+', '-', '@', a tab or a carriage return)
 * gets a leading apostrophe and quotes, as OWASP advises against CSV
 * injection: the cell then shows the text instead of running it. */
void jmap_csv_field(FILE *out, const char *s, int last)
{
    s = s ? s : "";
    int formula = s[0] && strchr("=+-@\t\r", s[0]);
    if (formula || strpbrk(s, "\",\r\n")) {
        putc('"', out);
        if (formula)
            putc('\'', out);
        for (; *s; s++) {
            if (*s == '"')
                putc('"', out);
            putc(*s, out);
        }
        putc('"', out);
    } else {
        fputs(s, out);
    }
    fputs(last ? "\r\n" : ",", out);
}
