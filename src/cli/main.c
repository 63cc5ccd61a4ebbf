/*
 * main.c - the jmap command line: parses arguments, calls the library, prints
 * diagnostics and reports, and turns outcomes into exit codes. No journey
 * logic here. Each command is a row of a table, with its own table of
 * options; unknown commands, options and option values get a "did you mean".
 *
 * Exit codes: 0 success (warnings allowed), 1 a map has errors (or, for lint,
 * warnings under --strict or beyond --max-warnings), 2 usage error or a file
 * that cannot be read or written (2 wins over 1).
 */
#define _POSIX_C_SOURCE 200809L
#include "jmap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_MAP_ERRORS = 1, EXIT_USAGE = 2 };

/* ---- option parsing: a table per command ---- */

typedef struct option_spec {
    const char *name;  /* long name without dashes */
    char short_name;   /* one-letter alias, or 0 */
    int takes_value;   /* 1 when the option needs a value */
    const char *value; /* the value's name in help, e.g. "FILE" */
    const char *help;  /* one line of help */
} option_spec;

typedef struct command command;
struct command {
    const char *name;                 /* as typed */
    const char *usage;                /* the synopsis */
    const char *summary;              /* one line */
    const option_spec *options;       /* the command's options */
    size_t n_options;                 /* how many */
    int (*run)(const command *, int argc, char **argv);
};

/* Prints "jmap: MESSAGE" on standard error, with whatever a file name
 * brought in (controls, line breaks) escaped. */
static void usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char line[4096];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char *shown = jmap_escape_text(line); /* file names may hold anything */
    fprintf(stderr, "jmap: %s\n", shown);
    free(shown);
}

static void print_command_help(FILE *out, const command *cmd)
{
    fprintf(out, "Usage: %s\n\n%s\n", cmd->usage, cmd->summary);
    if (cmd->n_options)
        fputs("\nOptions:\n", out);
    for (size_t i = 0; i < cmd->n_options; i++) {
        const option_spec *o = &cmd->options[i];
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name,
                     o->takes_value ? " " : "", o->takes_value ? o->value : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name,
                     o->takes_value ? " " : "", o->takes_value ? o->value : "");
        fprintf(out, "  %-28s %s\n", left, o->help);
    }
}

/* A parsed option: which spec, and its value. */
typedef struct parsed_option {
    const option_spec *spec; /* NULL marks an operand */
    const char *value;       /* the option's value, or the operand */
} parsed_option;

/* Splits argv into options and operands per cmd's table. Returns the count,
 * or -1 after printing a usage error. `out` has room for argc entries. */
static int parse_args(const command *cmd, int argc, char **argv, parsed_option *out)
{
    int n = 0, only_operands = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (only_operands || arg[0] != '-' || strcmp(arg, "-") == 0) {
            out[n].spec = NULL;
            out[n++].value = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_operands = 1;
            continue;
        }
        const option_spec *spec = NULL;
        const char *value = NULL;
        if (arg[1] == '-') {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            for (size_t k = 0; k < cmd->n_options; k++)
                if (strlen(cmd->options[k].name) == len &&
                    strncmp(cmd->options[k].name, name, len) == 0)
                    spec = &cmd->options[k];
            if (spec && eq)
                value = eq + 1;
        } else if (arg[2] == '\0') {
            for (size_t k = 0; k < cmd->n_options; k++)
                if (cmd->options[k].short_name == arg[1])
                    spec = &cmd->options[k];
        }
        if (!spec) {
            const char *names[32];
            size_t count = 0;
            for (size_t k = 0; k < cmd->n_options && k < 32; k++)
                names[count++] = cmd->options[k].name;
            char bare[64];
            snprintf(bare, sizeof bare, "%s", arg + (arg[1] == '-' ? 2 : 1));
            char *eq = strchr(bare, '=');
            if (eq)
                *eq = '\0';
            const char *near = jmap_suggest(bare, names, count);
            if (near)
                usage_error("%s: unknown option '%s'; did you mean '--%s'?", cmd->name,
                            arg, near);
            else
                usage_error("%s: unknown option '%s' (see 'jmap %s --help')", cmd->name,
                            arg, cmd->name);
            return -1;
        }
        if (spec->takes_value && !value) {
            if (i + 1 >= argc) {
                usage_error("%s: option '--%s' needs a value (%s)", cmd->name,
                            spec->name, spec->value);
                return -1;
            }
            value = argv[++i];
        } else if (!spec->takes_value && value) {
            usage_error("%s: option '--%s' takes no value", cmd->name, spec->name);
            return -1;
        }
        out[n].spec = spec;
        out[n++].value = value;
    }
    return n;
}

static int is_option(const parsed_option *p, const char *name)
{
    return p->spec && strcmp(p->spec->name, name) == 0;
}

/* ---- shared: reading, loading and reporting one map ---- */

static int use_color(const char *mode, FILE *stream)
{
    if (strcmp(mode, "always") == 0)
        return 1;
    if (strcmp(mode, "never") == 0)
        return 0;
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no_color && *no_color)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(stream));
}

/* The outcome of checking one file. */
typedef struct checked {
    char *data;            /* the file's bytes (heap) */
    size_t len;            /* their length */
    jmap_journey *journey; /* NULL when nothing could be read */
    jmap_diag_list diags;  /* every finding, in source order */
    int io_failed;         /* 1 when the file could not be read */
    char why[256];         /* why, when io_failed */
} checked;

/* Reads, loads and validates one map; a file that cannot be read is said
 * so on standard error. */
static void check_file(const char *path, checked *c)
{
    memset(c, 0, sizeof *c);
    jmap_diag_list_init(&c->diags);
    int status = jmap_file_read(path, &c->data, &c->len, c->why, sizeof c->why);
    if (status == JMAP_ERR_INPUT) {
        jmap_pos whole = {0, 0};
        jmap_diag_add(&c->diags, JMAP_RULE_LIMIT, whole, "the file is %s", c->why);
        return;
    }
    if (status != 0) {
        usage_error("cannot read '%s': %s", path, c->why);
        c->io_failed = 1;
        return;
    }
    c->journey = jmap_journey_load(c->data, c->len, &c->diags);
    jmap_journey_validate(c->journey, &c->diags);
    jmap_diag_list_sort(&c->diags);
}

static void checked_destroy(checked *c)
{
    jmap_journey_free(c->journey);
    jmap_diag_list_destroy(&c->diags);
    free(c->data);
}

/* Picks `value` among `names` for option `option` of `cmd`; on no match,
 * prints a usage error (with the nearest name) and returns -1. */
static int pick_name(const command *cmd, const char *option, const char *value,
                     const char *const *names, size_t n)
{
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], value) == 0)
            return (int)i;
    const char *near = jmap_suggest(value, names, n);
    char list[256] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i ? (i + 1 == n ? " or " : ", ") : "", names[i]);
    if (near)
        usage_error("%s: --%s takes %s, not '%s'; did you mean '%s'?", cmd->name,
                    option, list, value, near);
    else
        usage_error("%s: --%s takes %s, not '%s'", cmd->name, option, list, value);
    return -1;
}

static const char *const color_modes[] = {"auto", "always", "never"};

#define MAX_FORMATS 8 /* the most formats a --format option offers */

/* Picks a format by name among those `name_of` lists (until NULL). */
static int pick_format(const command *cmd, const char *value,
                       const char *(*name_of)(int))
{
    const char *names[MAX_FORMATS];
    size_t n = 0;
    while (n < MAX_FORMATS && name_of((int)n))
        names[n] = name_of((int)n), n++;
    return pick_name(cmd, "format", value, names, n);
}

/* Runs `write` (0 on success) on `path` ("-": standard output), so that
 * the file is written whole or not at all. Returns an exit code. */
static int write_whole(const command *cmd, const char *path,
                       int (*write)(FILE *, const void *), const void *arg)
{
    char why[512] = "";
    jmap_outfile f;
    if (jmap_outfile_open(&f, path, why, sizeof why) != 0) {
        usage_error("%s: cannot write '%s': %s", cmd->name, path, why);
        return EXIT_USAGE;
    }
    int ok = write(f.fp, arg) == 0;
    if (jmap_outfile_close(&f, ok, why, sizeof why) != 0 || !ok) {
        usage_error("%s: cannot write '%s': %s", cmd->name, path,
                why[0] ? why : "write error");
        return EXIT_USAGE;
    }
    return 0;
}

static void print_diags(FILE *out, const char *path, const checked *c, int color)
{
    jmap_diag_list_print(out, path, c->data, c->len, &c->diags, color);
}

/* ---- jmap lint ---- */

static const option_spec lint_options[] = {
    {"format", 'f', 1, "FORMAT", "text (default), json, sarif or github"},
    {"output", 'o', 1, "FILE", "write the report to FILE, whole or not at all"},
    {"quiet", 'q', 0, NULL, "report errors only: drop every warning"},
    {"strict", 0, 0, NULL, "fail (exit 1) on warnings too"},
    {"max-warnings", 0, 1, "N", "fail (exit 1) when there are more than N warnings"},
    {"disable", 0, 1, "RULE", "drop the findings of RULE (repeatable)"},
    {"color", 0, 1, "WHEN", "colour the text report: auto (default), always, never"},
    {"help", 'h', 0, NULL, "show this help"},
};

/* What the options of one `jmap lint` asked for. */
typedef struct lint_config {
    int format;               /* a jmap_report_format */
    const char *output;       /* the report's file; "-" for standard output */
    int strict;               /* warnings fail the run */
    long max_warnings;        /* more warnings than this fail it; -1: no limit */
    int color;                /* colour the text report */
    jmap_diag_filter filter;  /* --quiet and --disable */
    size_t files;             /* operands */
} lint_config;

/* Parses `value` as a whole number 0..1000000 into *n. */
static int parse_count(const char *value, long *n)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (*value < '0' || *value > '9' || *end != '\0' || v > 1000000)
        return 0;
    *n = v;
    return 1;
}

/* Marks `name` disabled; a usage error (with the nearest rule) if there is
 * no such rule. */
static int disable_rule(const command *cmd, const char *name, jmap_diag_filter *f)
{
    const char *names[JMAP_RULE_COUNT_];
    for (int i = 0; i < JMAP_RULE_COUNT_; i++)
        names[i] = jmap_rule_info_get((jmap_rule)i)->name;
    int rule = jmap_rule_find(name);
    if (rule >= 0) {
        f->disabled[rule] = 1;
        return 1;
    }
    const char *near = jmap_suggest(name, names, JMAP_RULE_COUNT_);
    if (near)
        usage_error("%s: unknown rule '%s' for --disable; did you mean '%s'?",
                    cmd->name, name, near);
    else
        usage_error("%s: unknown rule '%s' for --disable (the rules are listed in "
                    "'man jmap')",
                    cmd->name, name);
    return 0;
}

/* Applies one parsed option to `cfg`. Returns 0 after a usage error. */
static int lint_option(const command *cmd, const parsed_option *o, lint_config *cfg,
                       const char **color_mode)
{
    if (!o->spec)
        cfg->files++;
    else if (is_option(o, "format"))
        cfg->format = pick_format(cmd, o->value, jmap_report_format_name);
    else if (is_option(o, "output"))
        cfg->output = o->value;
    else if (is_option(o, "quiet"))
        cfg->filter.errors_only = 1;
    else if (is_option(o, "strict"))
        cfg->strict = 1;
    else if (is_option(o, "max-warnings")) {
        if (!parse_count(o->value, &cfg->max_warnings)) {
            usage_error("%s: --max-warnings takes a whole number, not '%s'", cmd->name,
                        o->value);
            return 0;
        }
    } else if (is_option(o, "disable"))
        return disable_rule(cmd, o->value, &cfg->filter);
    else if (is_option(o, "color"))
        *color_mode = o->value;
    return cfg->format >= 0;
}

/* Fills cfg from the options; returns -1 to go on, else an exit code. */
static int lint_configure(const command *cmd, const parsed_option *opts, int n,
                          lint_config *cfg)
{
    const char *color_mode = "auto";
    memset(cfg, 0, sizeof *cfg);
    cfg->output = "-";
    cfg->max_warnings = -1;
    for (int i = 0; i < n; i++) {
        if (is_option(&opts[i], "help")) {
            print_command_help(stdout, cmd);
            return 0;
        }
        if (!lint_option(cmd, &opts[i], cfg, &color_mode))
            return EXIT_USAGE;
    }
    if (pick_name(cmd, "color", color_mode, color_modes, 3) < 0)
        return EXIT_USAGE;
    if (cfg->files == 0) {
        usage_error("lint: no map given (usage: %s)", cmd->usage);
        return EXIT_USAGE;
    }
    /* Colour for a text report on a terminal, or into a file when asked. */
    int to_stdout = strcmp(cfg->output, "-") == 0;
    cfg->color = cfg->format == JMAP_REPORT_TEXT &&
                 (strcmp(color_mode, "always") == 0 ||
                  (to_stdout && use_color(color_mode, stdout)));
    return -1;
}

/* The files of one run, checked, and the report over them. */
typedef struct lint_run {
    checked *checks;          /* one per file */
    jmap_report_file *files;  /* the report's view of each */
    size_t n;                 /* how many */
    const lint_config *cfg;   /* what was asked */
} lint_run;

static int write_lint_report(FILE *out, const void *arg)
{
    const lint_run *run = arg;
    return jmap_report_write(out, (jmap_report_format)run->cfg->format, run->files,
                             run->n, run->cfg->color);
}

/* The exit code of a finished run. */
static int lint_status(const lint_run *run, const lint_config *cfg)
{
    size_t errors = 0, warnings = 0, unreadable = 0;
    for (size_t i = 0; i < run->n; i++) {
        errors += run->checks[i].diags.errors;
        warnings += run->checks[i].diags.warnings;
        unreadable += (size_t)run->checks[i].io_failed;
    }
    if (unreadable)
        return EXIT_USAGE;
    if (errors || (cfg->strict && warnings) ||
        (cfg->max_warnings >= 0 && warnings > (size_t)cfg->max_warnings))
        return EXIT_MAP_ERRORS;
    return 0;
}

static int run_lint(const command *cmd, int argc, char **argv)
{
    parsed_option *opts = calloc((size_t)argc + 1, sizeof *opts);
    int n = parse_args(cmd, argc, argv, opts);
    lint_config cfg;
    int status = n < 0 ? EXIT_USAGE : lint_configure(cmd, opts, n, &cfg);
    if (status >= 0) {
        free(opts);
        return status;
    }
    lint_run run = {calloc(cfg.files, sizeof(checked)),
                    calloc(cfg.files, sizeof(jmap_report_file)), 0, &cfg};
    if (!run.checks || !run.files)
        abort();
    for (int i = 0; i < n; i++) {
        if (opts[i].spec)
            continue;
        checked *c = &run.checks[run.n];
        jmap_report_file *f = &run.files[run.n++];
        check_file(opts[i].value, c);
        jmap_journey_free(c->journey); /* the report needs only text and findings */
        c->journey = NULL;
        jmap_diag_list_filter(&c->diags, &cfg.filter, c->data, c->len);
        *f = (jmap_report_file){opts[i].value, c->data, c->len, &c->diags,
                                c->io_failed ? c->why : NULL};
    }
    status = write_whole(cmd, cfg.output, write_lint_report, &run);
    if (status == 0)
        status = lint_status(&run, &cfg);
    for (size_t i = 0; i < run.n; i++)
        checked_destroy(&run.checks[i]);
    free(run.checks);
    free(run.files);
    free(opts);
    return status;
}

/* ---- jmap export ---- */

static const option_spec export_options[] = {
    {"format", 'f', 1, "FORMAT", "json (default), mermaid or csv"},
    {"output", 'o', 1, "FILE", "write to FILE, whole or not at all (default: standard output)"},
    {"color", 0, 1, "WHEN", "colour the diagnostics: auto (default), always, never"},
    {"help", 'h', 0, NULL, "show this help"},
};

/* What one export writes. */
typedef struct export_job {
    const jmap_journey *journey; /* the map */
    jmap_export_format format;   /* how */
} export_job;

static int write_export(FILE *out, const void *arg)
{
    const export_job *job = arg;
    return jmap_export_write(out, job->journey, job->format);
}

/* 1 (after a usage error) when the output `out` is the map `map` itself,
 * which writing would destroy. */
static int output_is_map(const command *cmd, const char *map, const char *out)
{
    struct stat a, b;
    if (strcmp(out, "-") == 0 || stat(map, &a) != 0 || stat(out, &b) != 0 ||
        a.st_dev != b.st_dev || a.st_ino != b.st_ino)
        return 0;
    usage_error("%s: the output '%s' is the map itself; name another file", cmd->name,
                out);
    return 1;
}

static int run_export(const command *cmd, int argc, char **argv)
{
    parsed_option *opts = calloc((size_t)argc + 1, sizeof *opts);
    int n = parse_args(cmd, argc, argv, opts), format = JMAP_EXPORT_JSON;
    const char *map = NULL, *out = "-", *color_mode = "auto";
    int status = EXIT_USAGE;
    for (int i = 0; i < n && format >= 0; i++) {
        const parsed_option *o = &opts[i];
        if (is_option(o, "help")) {
            print_command_help(stdout, cmd);
            free(opts);
            return 0;
        }
        if (!o->spec && map) {
            usage_error("export: one map at a time ('%s' and '%s')", map, o->value);
            format = -1;
        } else if (!o->spec)
            map = o->value;
        else if (is_option(o, "format"))
            format = pick_format(cmd, o->value, jmap_export_format_name);
        else if (is_option(o, "output"))
            out = o->value;
        else if (is_option(o, "color"))
            color_mode = o->value;
    }
    if (n < 0 || format < 0 || pick_name(cmd, "color", color_mode, color_modes, 3) < 0)
        goto done;
    if (!map) {
        usage_error("export: no map given (usage: %s)", cmd->usage);
        goto done;
    }
    if (output_is_map(cmd, map, out))
        goto done;
    checked c;
    check_file(map, &c);
    print_diags(stderr, map, &c, use_color(color_mode, stderr));
    if (c.io_failed) {
        status = EXIT_USAGE;
    } else if (c.diags.errors || !c.journey) {
        usage_error("'%s' has errors; nothing was exported", map);
        status = EXIT_MAP_ERRORS;
    } else {
        export_job job = {c.journey, (jmap_export_format)format};
        status = write_whole(cmd, out, write_export, &job);
    }
    checked_destroy(&c);
done:
    free(opts);
    return status;
}

/* ---- jmap schema ---- */

static const option_spec schema_options[] = {
    {"output", 'o', 1, "FILE", "write to FILE, whole or not at all (default: standard output)"},
    {"help", 'h', 0, NULL, "show this help"},
};

static int write_schema(FILE *out, const void *arg)
{
    (void)arg;
    fputs(jmap_schema_text(), out);
    return ferror(out) ? JMAP_ERR_IO : 0;
}

static int run_schema(const command *cmd, int argc, char **argv)
{
    parsed_option *opts = calloc((size_t)argc + 1, sizeof *opts);
    int n = parse_args(cmd, argc, argv, opts), status = 0;
    const char *out = "-";
    for (int i = 0; i < n && status == 0; i++) {
        if (is_option(&opts[i], "help")) {
            print_command_help(stdout, cmd);
            free(opts);
            return 0;
        }
        if (is_option(&opts[i], "output"))
            out = opts[i].value;
        else if (!opts[i].spec) {
            usage_error("schema: takes no operand, not '%s'", opts[i].value);
            status = EXIT_USAGE;
        }
    }
    if (n < 0)
        status = EXIT_USAGE;
    if (status == 0)
        status = write_whole(cmd, out, write_schema, NULL);
    free(opts);
    return status;
}

/* ---- jmap render ---- */

static const option_spec render_options[] = {
    {"output", 'o', 1, "FILE", "where to write the map ('-' for standard output)"},
    {"format", 'f', 1, "FORMAT", "pdf, svg, png or layout (default: from FILE's extension)"},
    {"page", 0, 1, "SIZE", "auto, a4, a3, a2, letter or tabloid (PDF default: a3)"},
    {"orientation", 0, 1, "SIDE", "landscape (default) or portrait"},
    {"fit", 0, 0, NULL, "force a single page, however small the text"},
    {"dpi", 0, 1, "N", "PNG resolution (default 96)"},
    {"color", 0, 1, "WHEN", "colour the diagnostics: auto (default), always, never"},
    {"help", 'h', 0, NULL, "show this help"},
};

/* The default output: the map's path with its extension replaced. */
static char *default_output(const char *map, jmap_format format)
{
    static const char *const ext[] = {".pdf", ".svg", ".png", ".layout"};
    const char *slash = strrchr(map, '/');
    const char *dot = strrchr(slash ? slash : map, '.');
    size_t stem = dot && dot != (slash ? slash + 1 : map) ? (size_t)(dot - map)
                                                           : strlen(map);
    char *out = malloc(stem + 8);
    if (!out)
        abort();
    memcpy(out, map, stem);
    strcpy(out + stem, ext[format]);
    return out;
}

static int parse_dpi(const char *s, double *dpi)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 1 || v > 2400)
        return 0;
    *dpi = (double)v;
    return 1;
}

static int run_render(const command *cmd, int argc, char **argv)
{
    parsed_option *opts = calloc((size_t)argc + 1, sizeof *opts);
    int n = parse_args(cmd, argc, argv, opts);
    const char *map = NULL, *out = NULL, *format_name = NULL, *page = NULL;
    const char *orientation = NULL, *dpi = NULL, *color_mode = "auto";
    int fit = 0, status = EXIT_USAGE;
    char *out_owned = NULL;
    if (n < 0)
        goto done;
    for (int i = 0; i < n; i++) {
        const parsed_option *o = &opts[i];
        if (is_option(o, "help")) {
            print_command_help(stdout, cmd);
            status = 0;
            goto done;
        }
        if (!o->spec) {
            if (map) {
                usage_error("render: one map at a time ('%s' and '%s')", map, o->value);
                goto done;
            }
            map = o->value;
        } else if (is_option(o, "output"))
            out = o->value;
        else if (is_option(o, "format"))
            format_name = o->value;
        else if (is_option(o, "page"))
            page = o->value;
        else if (is_option(o, "orientation"))
            orientation = o->value;
        else if (is_option(o, "fit"))
            fit = 1;
        else if (is_option(o, "dpi"))
            dpi = o->value;
        else if (is_option(o, "color"))
            color_mode = o->value;
    }
    if (!map) {
        usage_error("render: no map given (usage: %s)", cmd->usage);
        goto done;
    }
    if (pick_name(cmd, "color", color_mode, color_modes, 3) < 0)
        goto done;
    int format;
    if (format_name) {
        format = jmap_format_from_name(format_name);
        if (format < 0) {
            usage_error("render: unknown format '%s'; use pdf, svg, png or layout",
                        format_name);
            goto done;
        }
    } else if (out && strcmp(out, "-") != 0) {
        format = jmap_format_from_path(out);
        if (format < 0) {
            usage_error("render: cannot tell the format from '%s'; name it .pdf, .svg "
                        "or .png, or give --format",
                        out);
            goto done;
        }
    } else if (out) {
        usage_error("render: give --format when writing to standard output");
        goto done;
    } else {
        format = JMAP_FORMAT_PDF;
    }
    jmap_render_options ro;
    jmap_render_options_init(&ro, (jmap_format)format);
    ro.source_name = map;
    ro.fit = fit;
    if (page) {
        int p = jmap_page_from_name(page);
        if (p < 0) {
            usage_error("render: unknown page size '%s'; use auto, a4, a3, a2, letter "
                        "or tabloid",
                        page);
            goto done;
        }
        ro.page = (jmap_page)p;
    }
    if (orientation) {
        if (strcmp(orientation, "landscape") == 0)
            ro.landscape = 1;
        else if (strcmp(orientation, "portrait") == 0)
            ro.landscape = 0;
        else {
            usage_error("render: --orientation takes landscape or portrait, not '%s'",
                        orientation);
            goto done;
        }
    }
    if (dpi && !parse_dpi(dpi, &ro.dpi)) {
        usage_error("render: --dpi takes a whole number from 1 to 2400, not '%s'", dpi);
        goto done;
    }
    if (!out)
        out = out_owned = default_output(map, (jmap_format)format);
    if (output_is_map(cmd, map, out))
        goto done;

    int color = use_color(color_mode, stderr);
    checked c;
    check_file(map, &c);
    print_diags(stderr, map, &c, color);
    if (c.io_failed) {
        status = EXIT_USAGE;
    } else if (c.diags.errors || !c.journey) {
        usage_error("'%s' has errors; nothing was rendered", map);
        status = EXIT_MAP_ERRORS;
    } else {
        jmap_diag_list render_diags;
        char why[512] = "";
        jmap_diag_list_init(&render_diags);
        int r = jmap_render_file(c.journey, &ro, out, &render_diags, why, sizeof why);
        jmap_diag_list_sort(&render_diags);
        jmap_diag_list_print(stderr, map, c.data, c.len, &render_diags, color);
        if (r != 0) {
            usage_error("cannot render '%s' to '%s': %s", map, out,
                    why[0] ? why : "unknown error");
            status = r == JMAP_ERR_INPUT ? EXIT_MAP_ERRORS : EXIT_USAGE;
        } else {
            status = 0;
        }
        jmap_diag_list_destroy(&render_diags);
    }
    checked_destroy(&c);
done:
    free(out_owned);
    free(opts);
    return status;
}

/* ---- jmap help, and dispatch ---- */

static int run_help(const command *cmd, int argc, char **argv);

static const option_spec help_options[] = {
    {"help", 'h', 0, NULL, "show this help"},
};

static const command commands[] = {
    {"lint", "jmap lint [--format FORMAT] [-o FILE] [--quiet] [--strict] "
             "[--max-warnings N] [--disable RULE]... [--color WHEN] FILE...",
     "Checks journey maps and reports every finding.\nThe text report says PATH:LINE:COL: "
     "severity: message [rule]; the others are\nJSON, SARIF 2.1.0 and GitHub Actions "
     "annotations. A line ending in\n'# jmap-disable-line RULE[,RULE...]' silences those "
     "rules on that line.\n"
     "Exit status: 0 no errors, 1 some map has errors (or warnings with --strict,\nor more "
     "than --max-warnings), 2 usage error or a file that cannot be read.",
     lint_options, sizeof lint_options / sizeof lint_options[0], run_lint},
    {"render", "jmap render MAP [-o FILE] [--format FORMAT] [--page SIZE] "
               "[--orientation SIDE] [--fit] [--dpi N]",
     "Draws a journey map as a swimlane map in PDF, SVG or PNG.\nA map with errors is "
     "not rendered (exit 1); the output is written whole or not at all.",
     render_options, sizeof render_options / sizeof render_options[0], run_render},
    {"export", "jmap export MAP [--format FORMAT] [-o FILE]",
     "Exports a journey map for other tools.\nThe formats: the resolved journey graph "
     "as JSON, a Mermaid journey diagram,\nor one CSV row per irritant. A map with errors "
     "is not exported (exit 1);\n-o FILE is written whole or not at all.",
     export_options, sizeof export_options / sizeof export_options[0], run_export},
    {"schema", "jmap schema [-o FILE]",
     "Prints the JSON Schema of the map format.\nIt is draft-07, for editors that "
     "use the YAML language server.",
     schema_options, sizeof schema_options / sizeof schema_options[0], run_schema},
    {"help", "jmap help [COMMAND]", "Shows the help of jmap or of one command.",
     help_options, 1, run_help},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_main_help(FILE *out)
{
    fprintf(out,
            "jmap %s - compiles customer-journey maps written in YAML\n\n"
            "Usage: jmap COMMAND [OPTION]... [FILE]...\n\nCommands:\n",
            jmap_version());
    for (size_t i = 0; i < N_COMMANDS; i++) {
        const char *summary = commands[i].summary;
        const char *end = strpbrk(summary, ".\n");
        fprintf(out, "  %-8s %.*s\n", commands[i].name,
                (int)(end ? (size_t)(end - summary) : strlen(summary)), summary);
    }
    fputs("\nOptions:\n  -h, --help     show this help\n"
          "  -V, --version  show the version\n\n"
          "Run 'jmap help COMMAND' for the options of a command.\n",
          out);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    const char *near = jmap_suggest(name, names, N_COMMANDS);
    if (near)
        usage_error("unknown command '%s'; did you mean '%s'?", name, near);
    else
        usage_error("unknown command '%s' (see 'jmap --help')", name);
    return EXIT_USAGE;
}

static int run_help(const command *cmd, int argc, char **argv)
{
    (void)cmd;
    if (argc == 0 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        print_main_help(stdout);
        return 0;
    }
    const command *c = find_command(argv[0]);
    if (!c)
        return unknown_command(argv[0]);
    print_command_help(stdout, c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_main_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_main_help(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("jmap %s\n", jmap_version());
        return 0;
    }
    const command *cmd = find_command(name);
    if (!cmd) {
        if (name[0] == '-') {
            usage_error("unknown option '%s' (see 'jmap --help')", name);
            return EXIT_USAGE;
        }
        return unknown_command(name);
    }
    return cmd->run(cmd, argc - 2, argv + 2);
}
