/*
 * report.c - what `jmap lint` hands to people and to CI: the filter that
 * drops disabled rules, warnings under --quiet and findings silenced by a
 * `# jmap-disable-line` comment, then one formatter per report format (a
 * table): compiler-style text, a JSON document, SARIF 2.1.0 for code
 * scanning, and GitHub Actions workflow commands. A report can be written
 * file by file (jmap_report_begin/add/end), so that a caller keeps only the
 * findings of the files already reported, never their text.
 */
#define _POSIX_C_SOURCE 200809L /* getcwd */
#include "emit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- filtering ---- */

#define DISABLE_MARK "jmap-disable-line"

/* Where each line of src starts: starts[i] is the offset of line i + 1.
 * Lines end as YAML's do: at LF, CRLF or a lone CR. */
typedef struct line_index {
    size_t *starts; /* heap array */
    size_t count;   /* number of lines */
} line_index;

/* Indexes the start of every line, breaking lines where libyaml does. */
static void line_index_init(line_index *ix, const char *src, size_t len)
{
    const unsigned char *p = (const unsigned char *)src, *end = p + len;
    size_t n = 1;
    for (size_t i = 0, k; i < len; i += k ? k : 1)
        n += (k = jmap_line_break_len(p + i, end)) != 0;
    ix->starts = jmap_xrealloc(NULL, n, sizeof(size_t));
    ix->count = 0;
    ix->starts[ix->count++] = 0;
    for (size_t i = 0, k; i < len; i += k ? k : 1)
        if ((k = jmap_line_break_len(p + i, end)) != 0)
            ix->starts[ix->count++] = i + k;
}

/* The offset of the comment's '#' on line[0..n), or n when there is none.
 * A '#' starts a comment at the line's start or after a blank, outside
 * quotes; a quote opens a scalar only where a scalar can start. */
static size_t comment_start(const char *line, size_t n)
{
    char quote = 0;
    for (size_t i = 0; i < n; i++) {
        char c = line[i], prev = i ? line[i - 1] : ' ';
        if ((quote == '"' && c == '\\') ||
            (quote == '\'' && c == '\'' && i + 1 < n && line[i + 1] == '\''))
            i++; /* an escaped character, or '' inside single quotes */
        else if (quote && c == quote)
            quote = 0;
        else if (!quote && (c == '"' || c == '\'') && prev &&
                 strchr(" \t[{,:-", prev))
            quote = c;
        else if (!quote && c == '#' && (prev == ' ' || prev == '\t' || i == 0))
            return i;
    }
    return n;
}

static int is_rule_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* Reads the rules a line's comment silences into `off`; returns 0 when the
 * line has no disable comment. A bare comment silences every rule. */
static int line_disables(const char *line, size_t n, unsigned char off[JMAP_RULE_COUNT_])
{
    size_t i = comment_start(line, n) + 1;
    size_t mark = strlen(DISABLE_MARK);
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i + mark > n || memcmp(line + i, DISABLE_MARK, mark) != 0 ||
        (i + mark < n && is_rule_char(line[i + mark])))
        return 0;
    memset(off, 0, JMAP_RULE_COUNT_);
    int named = 0;
    for (i += mark; i < n;) {
        while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == ','))
            i++;
        size_t start = i;
        while (i < n && is_rule_char(line[i]))
            i++;
        if (i == start)
            break;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(i - start), line + start);
        int rule = jmap_rule_find(name);
        if (rule >= 0)
            off[rule] = 1;
        named = 1;
    }
    if (!named)
        memset(off, 1, JMAP_RULE_COUNT_);
    return 1;
}

/* The disable comment of the line looked at last, so that many findings on
 * one long line read it once, not once each. */
typedef struct line_memo {
    int line;                            /* 0 before the first */
    int disables;                        /* what line_disables() returned */
    unsigned char off[JMAP_RULE_COUNT_]; /* the rules it silences */
} line_memo;

/* 1 when a comment on the diagnostic's line silences its rule. */
static int silenced(const jmap_diag *d, const char *src, size_t len,
                    const line_index *ix, line_memo *memo)
{
    if (d->pos.line < 1 || (size_t)d->pos.line > ix->count)
        return 0;
    if (memo->line != d->pos.line) {
        size_t start = ix->starts[d->pos.line - 1], n = 0;
        const unsigned char *p = (const unsigned char *)src;
        while (start + n < len && !jmap_line_break_len(p + start + n, p + len))
            n++;
        memo->line = d->pos.line;
        memo->disables = line_disables(src + start, n, memo->off);
    }
    return memo->disables && memo->off[d->rule];
}

static int dropped(const jmap_diag *d, const jmap_diag_filter *filter)
{
    return filter && (filter->disabled[d->rule] ||
                      (filter->errors_only && d->severity == JMAP_WARNING));
}

size_t jmap_diag_list_filter(jmap_diag_list *list, const jmap_diag_filter *filter,
                             const char *src, size_t len)
{
    line_index ix = {NULL, 0};
    if (src && list->count) /* no finding, nothing to look up */
        line_index_init(&ix, src, len);
    size_t kept = 0;
    line_memo memo = {0, 0, {0}};
    list->errors = list->warnings = 0;
    for (size_t i = 0; i < list->count; i++) {
        jmap_diag *d = &list->items[i];
        if (dropped(d, filter) || (src && silenced(d, src, len, &ix, &memo))) {
            free(d->message);
            continue;
        }
        if (d->severity == JMAP_ERROR)
            list->errors++;
        else
            list->warnings++;
        list->items[kept++] = *d;
    }
    size_t removed = list->count - kept;
    list->count = kept;
    free(ix.starts);
    return removed;
}

/* ---- totals shared by the formats ---- */

typedef struct totals {
    size_t files;      /* files given */
    size_t errors;     /* findings of error severity */
    size_t warnings;   /* findings of warning severity */
    size_t unreadable; /* files that could not be read */
} totals;

static totals count_totals(const jmap_report_file *files, size_t n)
{
    totals t = {n, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        t.unreadable += files[i].io_error != NULL;
        if (files[i].diags) {
            t.errors += files[i].diags->errors;
            t.warnings += files[i].diags->warnings;
        }
    }
    return t;
}

static void print_count(FILE *out, size_t n, const char *word)
{
    fprintf(out, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

/* "1 error and 2 warnings in 3 files; 1 file could not be read" */
static void print_summary(FILE *out, const totals *t)
{
    size_t checked = t->files - t->unreadable;
    if (checked == 0)
        fputs("no file checked", out);
    else {
        if (t->errors == 0 && t->warnings == 0)
            fputs("no problems", out);
        if (t->errors)
            print_count(out, t->errors, "error");
        if (t->errors && t->warnings)
            fputs(" and ", out);
        if (t->warnings)
            print_count(out, t->warnings, "warning");
        fputs(" in ", out);
        print_count(out, checked, "file");
    }
    if (t->unreadable) {
        fputs("; ", out);
        print_count(out, t->unreadable, "file");
        fputs(" could not be read", out);
    }
    putc('\n', out);
}

static const char *severity_name(jmap_severity s)
{
    return s == JMAP_ERROR ? "error" : "warning";
}

static size_t diag_count(const jmap_report_file *f)
{
    return f->diags ? f->diags->count : 0;
}

/* ---- text ---- */

static void text_file(FILE *out, const jmap_report_file *f, int color)
{
    if (f->diags)
        jmap_diag_list_print(out, f->path, f->src, f->len, f->diags, color);
}

/* The summary line, after every file's findings. */
static void summary_end(FILE *out, const jmap_report_file *files, size_t n, int color)
{
    (void)color;
    totals t = count_totals(files, n);
    print_summary(out, &t);
}

/* ---- json ---- */

static void json_position(FILE *out, jmap_pos pos)
{
    if (pos.line > 0)
        fprintf(out, ", \"line\": %d, \"column\": %d", pos.line, pos.column);
    else
        fputs(", \"line\": null, \"column\": null", out);
}

static void json_file(FILE *out, const jmap_report_file *f)
{
    fputs("    {", out);
    jmap_json_member(out, "path", f->path);
    if (f->io_error) {
        fputs(", ", out);
        jmap_json_member(out, "error", f->io_error);
    }
    fprintf(out, ", \"errors\": %zu, \"warnings\": %zu}",
            f->diags ? f->diags->errors : 0, f->diags ? f->diags->warnings : 0);
}

/* Writes every finding of `files` with `one`, a comma and a line break
 * between two, as a JSON array's items; returns how many it wrote. */
static size_t put_findings(FILE *out, const jmap_report_file *files, size_t n,
                           void (*one)(FILE *, const char *, const jmap_diag *))
{
    size_t written = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < diag_count(&files[i]); k++) {
            fputs(written++ ? ",\n" : "\n", out);
            one(out, files[i].path, &files[i].diags->items[k]);
        }
    return written;
}

static void json_finding(FILE *out, const char *path, const jmap_diag *d)
{
    fputs("    {", out);
    jmap_json_member(out, "path", path);
    fputs(", ", out);
    jmap_json_member(out, "rule", jmap_rule_info_get(d->rule)->name);
    fputs(", ", out);
    jmap_json_member(out, "severity", severity_name(d->severity));
    fputs(", ", out);
    jmap_json_member(out, "message", d->message);
    json_position(out, d->pos);
    putc('}', out);
}

static void write_json(FILE *out, const jmap_report_file *files, size_t n, int color)
{
    (void)color;
    totals t = count_totals(files, n);
    fputs("{\n  \"tool\": {", out);
    jmap_json_member(out, "name", "jmap");
    fputs(", ", out);
    jmap_json_member(out, "version", jmap_version());
    fputs("},\n  \"files\": [", out);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n" : "\n", out);
        json_file(out, &files[i]);
    }
    fputs(n ? "\n  ],\n  \"findings\": [" : "],\n  \"findings\": [", out);
    int none = !put_findings(out, files, n, json_finding);
    fputs(none ? "],\n" : "\n  ],\n", out);
    fprintf(out,
            "  \"totals\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, "
            "\"unreadable\": %zu}\n}\n",
            t.files, t.errors, t.warnings, t.unreadable);
}

/* ---- sarif ---- */

/* Writes `s` percent-encoded for a URI path: every byte but unreserved
 * ones and '/' (so "a b#1.yaml" -> "a%20b%231.yaml", UTF-8 byte by byte). */
static void put_uri_path(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
            putc(*p, out);
        else
            fprintf(out, "%%%02X", *p);
    }
}

/* A file's artifactLocation members: an absolute path becomes a file:
 * URI; a relative one stays a relative reference, resolved against the
 * %SRCROOT% base (the folder jmap ran in, as originalUriBaseIds says). */
static void sarif_uri(FILE *out, const char *path)
{
    fputs("\"uri\": \"", out);
    if (path[0] == '/') {
        fputs("file://", out);
        put_uri_path(out, path);
        putc('"', out);
    } else {
        put_uri_path(out, path);
        fputs("\", \"uriBaseId\": \"%SRCROOT%\"", out);
    }
}

/* The run's originalUriBaseIds: %SRCROOT% is the working folder, as a
 * file: URI ending in '/', when the system can tell it. */
static void sarif_base(FILE *out)
{
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd) || cwd[0] != '/')
        return;
    fputs("      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": \"file://", out);
    put_uri_path(out, cwd);
    fputs(cwd[1] ? "/\"}},\n" : "\"}},\n", out);
}

static void sarif_rule(FILE *out, int rule)
{
    const jmap_rule_info *r = jmap_rule_info_get((jmap_rule)rule);
    fputs("            {", out);
    jmap_json_member(out, "id", r->name);
    fputs(",\n             \"shortDescription\": {", out);
    jmap_json_member(out, "text", r->summary);
    fputs("},\n             \"help\": {", out);
    jmap_json_member(out, "text", r->help);
    fputs("},\n             \"defaultConfiguration\": {", out);
    if (r->off)
        fputs("\"enabled\": false, ", out);
    jmap_json_member(out, "level", severity_name(r->severity));
    fputs("}}", out);
}

/* A physical location; a finding about the whole file points at line 1,
 * since code scanning needs a line to show it on. */
static void sarif_location(FILE *out, const char *path, jmap_pos pos)
{
    fputs("{\"physicalLocation\": {\"artifactLocation\": {", out);
    sarif_uri(out, path);
    fputs("}", out);
    if (pos.line > 0)
        fprintf(out, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}",
                pos.line, pos.column > 0 ? pos.column : 1);
    else
        fputs(", \"region\": {\"startLine\": 1}", out);
    fputs("}}", out);
}

static void sarif_result(FILE *out, const char *path, const jmap_diag *d)
{
    fprintf(out, "        {\"ruleId\": \"%s\", \"ruleIndex\": %d, \"level\": \"%s\", ",
            jmap_rule_info_get(d->rule)->name, (int)d->rule,
            severity_name(d->severity));
    fputs("\"message\": {", out);
    jmap_json_member(out, "text", d->message);
    fputs("},\n         \"locations\": [", out);
    sarif_location(out, path, d->pos);
    fputs("]}", out);
}

static void sarif_notification(FILE *out, const jmap_report_file *f)
{
    fputs("            {\"level\": \"error\", \"message\": {\"text\": ", out);
    char *text = jmap_xasprintf("cannot read '%s': %s", f->path, f->io_error);
    jmap_json_string(out, text);
    free(text);
    fputs("},\n             \"locations\": [", out);
    jmap_pos whole = {0, 0};
    sarif_location(out, f->path, whole);
    fputs("]}", out);
}

static void sarif_invocation(FILE *out, const jmap_report_file *files, size_t n)
{
    totals t = count_totals(files, n);
    fprintf(out, "      \"invocations\": [{\"executionSuccessful\": %s",
            t.unreadable ? "false" : "true");
    if (t.unreadable) {
        fputs(", \"toolExecutionNotifications\": [", out);
        int first = 1;
        for (size_t i = 0; i < n; i++)
            if (files[i].io_error) {
                fputs(first ? "\n" : ",\n", out);
                sarif_notification(out, &files[i]);
                first = 0;
            }
        fputs("]", out);
    }
    fputs("}],\n", out);
}

static void write_sarif(FILE *out, const jmap_report_file *files, size_t n, int color)
{
    (void)color;
    fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
          "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
          "      \"tool\": {\n        \"driver\": {\n          \"name\": \"jmap\",\n",
          out);
    fprintf(out, "          \"version\": \"%s\",\n          \"semanticVersion\": \"%s\",\n",
            jmap_version(), jmap_version());
    fputs("          \"rules\": [\n", out);
    for (int r = 0; r < JMAP_RULE_COUNT_; r++) {
        sarif_rule(out, r);
        fputs(r + 1 < JMAP_RULE_COUNT_ ? ",\n" : "\n", out);
    }
    fputs("          ]\n        }\n      },\n", out);
    sarif_invocation(out, files, n);
    sarif_base(out);
    fputs("      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [", out);
    int none = !put_findings(out, files, n, sarif_result);
    fputs(none ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n", out);
}

/* ---- github ---- */

/* Escapes a workflow command's message (`property` 0) or property value
 * (`property` 1) as GitHub's runner expects. */
static void github_escape(FILE *out, const char *s, int property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", out);
        else if (*s == '\r')
            fputs("%0D", out);
        else if (*s == '\n')
            fputs("%0A", out);
        else if (property && *s == ':')
            fputs("%3A", out);
        else if (property && *s == ',')
            fputs("%2C", out);
        else
            putc(*s, out);
    }
}

static void github_command(FILE *out, const char *level, const char *path,
                           jmap_pos pos, const char *title, const char *message)
{
    fprintf(out, "::%s file=", level);
    char *shown = jmap_escape_text(path);
    github_escape(out, shown, 1);
    free(shown);
    if (pos.line > 0)
        fprintf(out, ",line=%d,col=%d", pos.line, pos.column);
    fputs(",title=", out);
    github_escape(out, title, 1);
    fputs("::", out);
    github_escape(out, message, 0);
    putc('\n', out);
}

static void github_file(FILE *out, const jmap_report_file *f, int color)
{
    (void)color;
    if (f->io_error) {
        char *shown = jmap_escape_text(f->path);
        char *msg = jmap_xasprintf("cannot read '%s': %s", shown, f->io_error);
        free(shown);
        jmap_pos whole = {0, 0};
        github_command(out, "error", f->path, whole, "jmap", msg);
        free(msg);
    }
    for (size_t k = 0; k < diag_count(f); k++) {
        const jmap_diag *d = &f->diags->items[k];
        github_command(out, severity_name(d->severity), f->path, d->pos,
                       jmap_rule_info_get(d->rule)->name, d->message);
    }
}

/* ---- the table of formats ---- */

/* A format writes each file's part as the file is added (`file`, which
 * may use the file's text; NULL when it has none), then the end over every
 * file (`end`, which gets the files without their text). Text and github
 * write a file's findings at once; json and sarif open with facts about
 * every file, so they write the whole document at the end. */
static const struct {
    const char *name; /* as given to --format */
    void (*file)(FILE *out, const jmap_report_file *f, int color);
    void (*end)(FILE *out, const jmap_report_file *files, size_t n, int color);
} report_formats[] = {
    [JMAP_REPORT_TEXT] = {"text", text_file, summary_end},
    [JMAP_REPORT_JSON] = {"json", NULL, write_json},
    [JMAP_REPORT_SARIF] = {"sarif", NULL, write_sarif},
    [JMAP_REPORT_GITHUB] = {"github", github_file, summary_end},
};

#define N_REPORT_FORMATS (sizeof report_formats / sizeof report_formats[0])

int jmap_report_format_from_name(const char *name)
{
    for (size_t i = 0; i < N_REPORT_FORMATS; i++)
        if (strcmp(report_formats[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *jmap_report_format_name(int format)
{
    return format >= 0 && (size_t)format < N_REPORT_FORMATS ? report_formats[format].name
                                                            : NULL;
}

void jmap_report_begin(jmap_report *r, FILE *out, jmap_report_format format, int color)
{
    memset(r, 0, sizeof *r);
    r->out = out;
    r->format = format;
    r->color = color;
}

void jmap_report_add(jmap_report *r, const jmap_report_file *f)
{
    if ((size_t)r->format >= N_REPORT_FORMATS)
        return;
    if (report_formats[r->format].file) {
        report_formats[r->format].file(r->out, f, r->color);
        fflush(r->out); /* a reader (a CI log) sees each file as it is done */
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->files = jmap_xrealloc(r->files, r->cap, sizeof *r->files);
    }
    r->files[r->n] = *f;
    r->files[r->n].src = NULL; /* the caller may free it now */
    r->files[r->n++].len = 0;
}

int jmap_report_end(jmap_report *r)
{
    int status = JMAP_ERR_USAGE;
    if ((size_t)r->format < N_REPORT_FORMATS) {
        report_formats[r->format].end(r->out, r->files, r->n, r->color);
        status = ferror(r->out) ? JMAP_ERR_IO : 0;
    }
    free(r->files);
    r->files = NULL;
    r->n = r->cap = 0;
    return status;
}

int jmap_report_write(FILE *out, jmap_report_format format,
                      const jmap_report_file *files, size_t n, int color)
{
    jmap_report r;
    jmap_report_begin(&r, out, format, color);
    for (size_t i = 0; i < n; i++)
        jmap_report_add(&r, &files[i]);
    return jmap_report_end(&r);
}
