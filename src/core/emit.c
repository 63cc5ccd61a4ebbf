/*
 * emit.c - JSON string writing for reports and exports, and jmap_outfile,
 * the output file written whole or not at all (a temporary file beside the
 * destination, fsync, rename), for `jmap lint --output` and `jmap export -o`.
 */
#define _POSIX_C_SOURCE 200809L
#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ---- jmap_outfile ---- */

static int outfile_fail(char *why, size_t why_len, const char *what, int err)
{
    snprintf(why, why_len, "%s: %s", what, strerror(err));
    return JMAP_ERR_IO;
}

int jmap_outfile_open(jmap_outfile *f, const char *path, char *why, size_t why_len)
{
    memset(f, 0, sizeof *f);
    if (strcmp(path, "-") == 0) {
        f->fp = stdout;
        return 0;
    }
    const char *slash = strrchr(path, '/');
    char *tmp = slash ? jmap_xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path),
                                       path, slash + 1)
                      : jmap_xasprintf(".%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return outfile_fail(why, why_len, "cannot create a file beside it", e);
    }
    mode_t mask = umask(0); /* mkstemp's 0600 would outlive the rename */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        return outfile_fail(why, why_len, "cannot open it", e);
    }
    f->tmp = tmp;
    f->path = jmap_xstrdup(path);
    return 0;
}

/* Flushes and syncs the temporary file; 0 or an errno value. */
static int outfile_finish(FILE *fp)
{
    int err = 0;
    if (fflush(fp) != 0 || ferror(fp))
        err = errno ? errno : EIO;
    if (!err && fsync(fileno(fp)) != 0)
        err = errno;
    if (fclose(fp) != 0 && !err)
        err = errno ? errno : EIO;
    return err;
}

int jmap_outfile_close(jmap_outfile *f, int keep, char *why, size_t why_len)
{
    int status = 0;
    if (!f->tmp) { /* standard output */
        if (keep && (fflush(f->fp) != 0 || ferror(f->fp)))
            status = outfile_fail(why, why_len, "cannot write", errno ? errno : EIO);
    } else {
        errno = 0;
        int err = outfile_finish(f->fp);
        if (keep && err)
            status = outfile_fail(why, why_len, "cannot write", err);
        else if (keep && rename(f->tmp, f->path) != 0)
            status = outfile_fail(why, why_len, "cannot rename into place", errno);
        if (!keep || status)
            unlink(f->tmp);
    }
    free(f->tmp);
    free(f->path);
    memset(f, 0, sizeof *f);
    return status;
}
