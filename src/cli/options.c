/*
 * options.c - one way to run every command: argv -> config -> run -> exit
 * code.
 *
 * command_run() splits argv into options and operands per the command's
 * table (unknown options, missing or extra values get a usage error with a
 * "did you mean"), shows the help when asked, writes each option into its
 * config field by the kind of its row, checks the count of operands, then
 * calls the command's run function. The lists of allowed values in help and
 * in messages are made from the same tables of names that parse them.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 32 /* the most names a table of options or choices holds */

void usage_error(const char *fmt, ...)
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

static const char *color_name(int mode)
{
    static const char *const names[] = {
        [COLOR_AUTO] = "auto", [COLOR_ALWAYS] = "always", [COLOR_NEVER] = "never"};
    return mode >= 0 && mode < 3 ? names[mode] : NULL;
}

const choice color_choice = {color_name, NULL, COLOR_AUTO};

/* Appends to `out` the names of `c`, "a, b or c", the default marked when
 * `mark` is set. */
static void list_names(const choice *c, int mark, char *out, size_t len)
{
    size_t n = 0;
    while (n < MAX_NAMES && c->name_of((int)n))
        n++;
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%s%s", i ? (i + 1 == n ? " or " : ", ") : "",
                 c->name_of((int)i), mark && (int)i == c->dflt ? " (default)" : "");
    }
}

/* Writes the names of `c` into `out` as "a, b or c". */
static void choice_list(const choice *c, char *out, size_t len)
{
    out[0] = '\0';
    list_names(c, 0, out, len);
}

int choice_pick(const command *cmd, const char *option, const choice *c,
                const char *value)
{
    const char *names[MAX_NAMES];
    size_t n = 0;
    while (n < MAX_NAMES && (names[n] = c->name_of((int)n)))
        n++;
    if (c->from_name) {
        int i = c->from_name(value);
        if (i >= 0)
            return i;
    } else {
        for (size_t i = 0; i < n; i++)
            if (strcmp(names[i], value) == 0)
                return (int)i;
    }
    char list[256];
    choice_list(c, list, sizeof list);
    const char *near = jmap_suggest(value, names, n);
    if (near)
        usage_error("%s: --%s takes %s, not '%s'; did you mean '%s'?", cmd->name,
                    option, list, value, near);
    else
        usage_error("%s: --%s takes %s, not '%s'", cmd->name, option, list, value);
    return -1;
}

/* The help line of `o`, its "%s" replaced by the choices. */
static void option_help(const option_spec *o, char *out, size_t len)
{
    const char *hole = o->choices ? strstr(o->help, "%s") : NULL;
    if (!hole) {
        snprintf(out, len, "%s", o->help);
        return;
    }
    snprintf(out, len, "%.*s", (int)(hole - o->help), o->help);
    list_names(o->choices, 1, out, len);
    size_t used = strlen(out);
    snprintf(out + used, len - used, "%s", hole + 2);
}

void print_command_help(FILE *out, const command *cmd)
{
    fprintf(out, "Usage: %s\n\n%s\n", cmd->usage, cmd->summary);
    if (cmd->n_options)
        fputs("\nOptions:\n", out);
    for (size_t i = 0; i < cmd->n_options; i++) {
        const option_spec *o = &cmd->options[i];
        char left[64], help[256];
        snprintf(left, sizeof left, "%c%c%c --%s%s%s", o->short_name ? '-' : ' ',
                 o->short_name ? o->short_name : ' ', o->short_name ? ',' : ' ',
                 o->name, o->value ? " " : "", o->value ? o->value : "");
        option_help(o, help, sizeof help);
        fprintf(out, "  %-28s %s\n", left, help);
    }
}

/* ---- splitting argv ---- */

/* A parsed option: which spec, and its value. */
typedef struct parsed_option {
    const option_spec *spec; /* NULL marks an operand */
    const char *value;       /* the option's value, or the operand; NULL
                                with spec NULL marks a `--` */
} parsed_option;

/* The option `arg` names ("--name", "--name=value", "-x"), or NULL; *value
 * is set to what follows '='. */
static const option_spec *find_option(const command *cmd, const char *arg,
                                      const char **value)
{
    *value = NULL;
    if (arg[1] != '-') {
        for (size_t k = 0; arg[2] == '\0' && k < cmd->n_options; k++)
            if (cmd->options[k].short_name == arg[1])
                return &cmd->options[k];
        return NULL;
    }
    const char *name = arg + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    for (size_t k = 0; k < cmd->n_options; k++)
        if (strlen(cmd->options[k].name) == len &&
            strncmp(cmd->options[k].name, name, len) == 0) {
            *value = eq ? eq + 1 : NULL;
            return &cmd->options[k];
        }
    return NULL;
}

static void unknown_option(const command *cmd, const char *arg)
{
    const char *names[MAX_NAMES];
    size_t count = 0;
    for (size_t k = 0; k < cmd->n_options && k < MAX_NAMES; k++)
        names[count++] = cmd->options[k].name;
    char bare[64];
    snprintf(bare, sizeof bare, "%s", arg + (arg[1] == '-' ? 2 : 1));
    char *eq = strchr(bare, '=');
    if (eq)
        *eq = '\0';
    const char *near = jmap_suggest(bare, names, count);
    if (near)
        usage_error("%s: unknown option '%s'; did you mean '--%s'?", cmd->name, arg,
                    near);
    else
        usage_error("%s: unknown option '%s' (see 'jmap %s --help')", cmd->name, arg,
                    cmd->name);
}

/* Splits argv into options and operands per cmd's table. Returns the count,
 * or -1 after printing a usage error. `out` has room for argc entries. */
static int split_args(const command *cmd, int argc, char **argv, parsed_option *out)
{
    int n = 0, only_operands = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *value;
        if (only_operands || arg[0] != '-' || strcmp(arg, "-") == 0) {
            out[n++] = (parsed_option){NULL, arg};
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_operands = 1;
            out[n++] = (parsed_option){NULL, NULL}; /* where `--` was */
            continue;
        }
        const option_spec *spec = find_option(cmd, arg, &value);
        if (!spec) {
            unknown_option(cmd, arg);
            return -1;
        }
        if (spec->value && !value) {
            if (i + 1 >= argc) {
                usage_error("%s: option '--%s' needs a value (%s)", cmd->name,
                            spec->name, spec->value);
                return -1;
            }
            value = argv[++i];
        } else if (!spec->value && value) {
            usage_error("%s: option '--%s' takes no value", cmd->name, spec->name);
            return -1;
        }
        out[n++] = (parsed_option){spec, value};
    }
    return n;
}

/* ---- filling the config ---- */

int take_number(const command *cmd, const char *option, const char *value, long min,
                long max, long *n)
{
    long v = 0;
    const char *p = value;
    for (; *p >= '0' && *p <= '9' && v <= max; p++)
        v = v * 10 + (*p - '0'); /* v <= max < LONG_MAX / 10: no overflow */
    if (p == value || *p != '\0' || v < min || v > max) {
        usage_error("%s: --%s takes a whole number from %ld to %ld, not '%s'", cmd->name,
                    option, min, max, value);
        return 0;
    }
    *n = v;
    return 1;
}

/* Writes one option into its field of `cfg`. Returns 0 after a usage
 * error. */
static int apply_option(const command *cmd, const parsed_option *p, config *cfg)
{
    const option_spec *o = p->spec;
    char *field = (char *)cfg + o->offset;
    int i;
    switch (o->kind) {
    case OPT_HELP:
        return 1;
    case OPT_FLAG:
        *(int *)(void *)field = 1;
        return 1;
    case OPT_TEXT:
        *(const char **)(void *)field = p->value;
        return 1;
    case OPT_CHOICE:
        i = choice_pick(cmd, o->name, o->choices, p->value);
        *(int *)(void *)field = i;
        return i >= 0;
    case OPT_COUNT:
        return take_number(cmd, o->name, p->value, 0, MAX_COUNT, (long *)(void *)field);
    case OPT_CALL:
        return o->call(cmd, cfg, p->value);
    }
    return 0;
}

static void config_init(config *cfg, int argc)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->operands = calloc((size_t)argc + 1, sizeof *cfg->operands);
    if (!cfg->operands)
        abort();
    cfg->color = COLOR_AUTO;
    cfg->lint.format = JMAP_REPORT_TEXT;
    cfg->lint.max_warnings = -1;
    cfg->export.format = JMAP_EXPORT_JSON;
    cfg->render.format = cfg->render.page = cfg->render.side = -1;
    cfg->render.tile = -1;
    cfg->render.dpi = -1;
    cfg->dashdash = -1;
    cfg->diff.format = JMAP_DIFF_TEXT;
    cfg->report.format = JMAP_PLAN_MARKDOWN;
}

/* Checks the count of operands against what `cmd` takes. */
static int operands_fit(const command *cmd, const config *cfg)
{
    if (cmd->operands == OPERANDS_NONE && cfg->n_operands) {
        usage_error("%s: takes no operand, not '%s'", cmd->name, cfg->operands[0]);
        return 0;
    }
    if (cmd->operands >= OPERANDS_ONE && !cfg->n_operands) {
        usage_error("%s: no %s given (usage: %s)", cmd->name, cmd->operand, cmd->usage);
        return 0;
    }
    if (cmd->operands <= OPERANDS_ONE && cfg->n_operands > 1) {
        usage_error("%s: one %s at a time ('%s' and '%s')", cmd->name, cmd->operand,
                    cfg->operands[0], cfg->operands[1]);
        return 0;
    }
    return 1;
}

/* Fills `cfg` from argv: -1 to go on, else an exit code (0 after help). */
static int configure(const command *cmd, int argc, char **argv, config *cfg)
{
    parsed_option *opts = calloc((size_t)argc + 1, sizeof *opts);
    if (!opts)
        abort();
    int n = split_args(cmd, argc, argv, opts), status = -1;
    for (int i = 0; i < n && status < 0; i++)
        if (opts[i].spec && opts[i].spec->kind == OPT_HELP) {
            print_command_help(stdout, cmd);
            status = 0;
        }
    for (int i = 0; i < n && status < 0; i++) {
        if (!opts[i].spec && !opts[i].value)
            cfg->dashdash = (long)cfg->n_operands;
        else if (!opts[i].spec)
            cfg->operands[cfg->n_operands++] = opts[i].value;
        else if (!apply_option(cmd, &opts[i], cfg))
            status = EXIT_USAGE;
    }
    if (n < 0 || (status < 0 && !operands_fit(cmd, cfg)))
        status = EXIT_USAGE;
    free(opts);
    return status;
}

int command_run(const command *cmd, int argc, char **argv)
{
    config cfg;
    config_init(&cfg, argc);
    int status = configure(cmd, argc, argv, &cfg);
    if (status < 0)
        status = cmd->run(cmd, &cfg);
    free(cfg.operands);
    return status;
}
