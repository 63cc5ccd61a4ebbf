/*
 * commands.c - the commands of jmap: for each, its row (synopsis, summary,
 * table of options) and its run function, which gets the parsed config
 * (options.c), checks what a single option cannot, calls the library and
 * returns the exit code. No journey logic here.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "renderer.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPTIONS(table) table, sizeof table / sizeof table[0]
#define AT(field) offsetof(config, field)

#define HELP_OPTION {"help", 'h', NULL, "show this help", OPT_HELP, 0, NULL, NULL}

/* The output of a command that writes standard output by default. */
static const char *output_of(const config *cfg)
{
    return cfg->output ? cfg->output : "-";
}

/* ---- jmap lint ---- */

static const choice report_choice = {jmap_report_format_name, NULL, JMAP_REPORT_TEXT};

/* The rule named `name`, the value of `option`; -1 with a usage error
 * (with the nearest rule) if there is no such rule. */
static int rule_option(const command *cmd, const char *option, const char *name)
{
    int rule = jmap_rule_find(name);
    if (rule >= 0)
        return rule;
    const char *names[JMAP_RULE_COUNT_];
    for (int i = 0; i < JMAP_RULE_COUNT_; i++)
        names[i] = jmap_rule_info_get((jmap_rule)i)->name;
    const char *near = jmap_suggest(name, names, JMAP_RULE_COUNT_);
    if (near)
        usage_error("%s: unknown rule '%s' for --%s; did you mean '%s'?", cmd->name,
                    name, option, near);
    else
        usage_error("%s: unknown rule '%s' for --%s (the rules are listed in "
                    "'man jmap')",
                    cmd->name, name, option);
    return -1;
}

/* Marks `name` disabled; a usage error if there is no such rule. */
static int disable_rule(const command *cmd, config *cfg, const char *name)
{
    int rule = rule_option(cmd, "disable", name);
    if (rule >= 0)
        cfg->lint.filter.disabled[rule] = 1;
    return rule >= 0;
}

/* Turns on `name`, a rule off by default (the others are always on); a
 * usage error if there is no such rule. */
static int enable_rule(const command *cmd, config *cfg, const char *name)
{
    int rule = rule_option(cmd, "enable", name);
    if (rule >= 0)
        cfg->lint.enabled[rule] = 1;
    return rule >= 0;
}

static const option_spec lint_options[] = {
    {"format", 'f', "FORMAT", "%s", OPT_CHOICE, AT(lint.format), &report_choice, NULL},
    {"output", 'o', "FILE", "write the report to FILE, whole or not at all", OPT_TEXT,
     AT(output), NULL, NULL},
    {"quiet", 'q', NULL, "report errors only: drop every warning", OPT_FLAG,
     AT(lint.filter.errors_only), NULL, NULL},
    {"strict", 0, NULL, "fail (exit 1) on warnings too", OPT_FLAG, AT(lint.strict), NULL,
     NULL},
    {"max-warnings", 0, "N", "fail (exit 1) when there are more than N warnings",
     OPT_COUNT, AT(lint.max_warnings), NULL, NULL},
    {"disable", 0, "RULE", "drop the findings of RULE (repeatable)", OPT_CALL, 0, NULL,
     disable_rule},
    {"enable", 0, "RULE", "check RULE, off by default: no-evidence (repeatable)",
     OPT_CALL, 0, NULL, enable_rule},
    {"color", 0, "WHEN", "colour the text report: %s", OPT_CHOICE, AT(color),
     &color_choice, NULL},
    HELP_OPTION,
};

/* The files of one run, checked, and the report over them. */
typedef struct lint_run {
    const char *const *paths;        /* the files, as given */
    size_t n_paths;                  /* how many */
    const jmap_diag_filter *filter;  /* what the report leaves out */
    const unsigned char *enabled;    /* the rules off by default it checks */
    checked *checks;                 /* one per file checked so far */
    size_t n;                        /* how many */
    int format;                      /* a jmap_report_format */
    int color;                       /* 1: colour the text report */
} lint_run;

/* Checks file `path` into the run's next entry: its findings, filtered;
 * the journey is freed at once (the report needs only text and findings). */
static checked *lint_file(lint_run *run, const char *path)
{
    checked *c = &run->checks[run->n++];
    check_file_rules(path, run->enabled, NULL, c);
    jmap_journey_free(c->journey);
    c->journey = NULL;
    jmap_diag_list_filter(&c->diags, run->filter, c->data, c->len);
    return c;
}

/* Checks the files one at a time, each added to the report and its bytes
 * freed before the next is read: memory holds the largest file and the
 * findings, never every file's text. A failed write stops the run there,
 * with errno still saying why (reading the next file could change it). */
static int write_lint_report(FILE *out, void *arg)
{
    lint_run *run = arg;
    jmap_report report;
    jmap_report_begin(&report, out, (jmap_report_format)run->format, run->color);
    for (size_t i = 0; i < run->n_paths; i++) {
        checked *c = lint_file(run, run->paths[i]);
        jmap_report_file f = {run->paths[i], c->data, c->len, &c->diags,
                              c->io_failed ? c->why : NULL};
        jmap_report_add(&report, &f);
        free(c->data);
        c->data = NULL;
        if (ferror(out)) {
            int err = errno;
            jmap_report_end(&report);
            errno = err;
            return JMAP_ERR_IO;
        }
    }
    return jmap_report_end(&report);
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

static int run_lint(const command *cmd, config *cfg)
{
    const char *out = output_of(cfg);
    if (output_is_input(cmd, out, cfg->operands, cfg->n_operands))
        return EXIT_USAGE;
    /* Colour for a text report on a terminal, or into a file when asked. */
    int color = cfg->lint.format == JMAP_REPORT_TEXT &&
                (cfg->color == COLOR_ALWAYS ||
                 (strcmp(out, "-") == 0 && use_color(cfg->color, stdout)));
    lint_run run = {cfg->operands, cfg->n_operands, &cfg->lint.filter,
                    cfg->lint.enabled, calloc(cfg->n_operands, sizeof(checked)), 0, cfg->lint.format,
                    color};
    if (!run.checks)
        abort();
    int status = write_whole(cmd, out, write_lint_report, &run);
    if (status == 0)
        status = lint_status(&run, &cfg->lint);
    for (size_t i = 0; i < run.n; i++)
        checked_destroy(&run.checks[i]);
    free(run.checks);
    return status;
}

const command lint_command = {
    "lint",
    "jmap lint [--format FORMAT] [-o FILE] [--quiet] [--strict] "
    "[--max-warnings N] [--disable RULE]... [--enable RULE]... [--color WHEN] "
    "FILE...",
    "Checks journey maps and reports every finding.\nThe text report says PATH:LINE:COL: "
    "severity: message [rule]; the others are\nJSON, SARIF 2.1.0 and GitHub Actions "
    "annotations. A line ending in\n'# jmap-disable-line RULE[,RULE...]' silences those "
    "rules on that line.\nThe rule no-evidence is off unless --enable turns it on.\n"
    "Exit status: 0 no errors, 1 some map has errors (or warnings with --strict,\nor more "
    "than --max-warnings), 2 usage error or a file that cannot be read.",
    OPTIONS(lint_options), OPERANDS_MANY, "map", run_lint};

/* ---- jmap export ---- */

static const choice export_choice = {jmap_export_format_name, NULL, JMAP_EXPORT_JSON};

static const option_spec export_options[] = {
    {"format", 'f', "FORMAT", "%s", OPT_CHOICE, AT(export.format), &export_choice, NULL},
    {"output", 'o', "FILE", "write to FILE, whole or not at all (default: standard output)",
     OPT_TEXT, AT(output), NULL, NULL},
    {"color", 0, "WHEN", "colour the diagnostics: %s", OPT_CHOICE, AT(color),
     &color_choice, NULL},
    HELP_OPTION,
};

/* What one export writes. */
typedef struct export_job {
    const jmap_journey *journey; /* the map */
    jmap_export_format format;   /* how */
} export_job;

static int write_export(FILE *out, void *arg)
{
    const export_job *job = arg;
    return jmap_export_write(out, job->journey, job->format);
}

static int run_export(const command *cmd, config *cfg)
{
    const char *map = cfg->operands[0], *out = output_of(cfg);
    if (output_is_input(cmd, out, cfg->operands, cfg->n_operands))
        return EXIT_USAGE;
    checked c;
    int status = check_map(map, use_color(cfg->color, stderr), "exported", &c);
    if (status < 0) {
        export_job job = {c.journey, (jmap_export_format)cfg->export.format};
        status = write_whole(cmd, out, write_export, &job);
    }
    checked_destroy(&c);
    return status;
}

const command export_command = {
    "export", "jmap export MAP [--format FORMAT] [-o FILE]",
    "Exports a journey map for other tools.\nThe formats: the resolved journey graph "
    "as JSON, a Mermaid journey diagram,\nor one CSV row per irritant. A map with errors "
    "is not exported (exit 1);\n-o FILE is written whole or not at all.",
    OPTIONS(export_options), OPERANDS_ONE, "map", run_export};

/* ---- jmap schema ---- */

static const option_spec schema_options[] = {
    {"output", 'o', "FILE", "write to FILE, whole or not at all (default: standard output)",
     OPT_TEXT, AT(output), NULL, NULL},
    HELP_OPTION,
};

static int write_schema(FILE *out, void *arg)
{
    (void)arg;
    fputs(jmap_schema_text(), out);
    return ferror(out) ? JMAP_ERR_IO : 0;
}

static int run_schema(const command *cmd, config *cfg)
{
    return write_whole(cmd, output_of(cfg), write_schema, NULL);
}

const command schema_command = {
    "schema", "jmap schema [-o FILE]",
    "Prints the JSON Schema of the map format.\nIt is draft-07, for editors that "
    "use the YAML language server.",
    OPTIONS(schema_options), OPERANDS_NONE, "operand", run_schema};

/* ---- jmap render ---- */

/* The sides of a page, for --orientation, in jmap_orientation order. */
static const char *side_name(int side)
{
    static const char *const names[] = {[JMAP_ORIENTATION_AUTO] = "auto",
                                        [JMAP_ORIENTATION_LANDSCAPE] = "landscape",
                                        [JMAP_ORIENTATION_PORTRAIT] = "portrait"};
    return side >= 0 && side < 3 ? names[side] : NULL;
}

static const choice format_choice = {jmap_format_name, jmap_format_from_name, -1};
static const choice page_choice = {jmap_page_name, jmap_page_from_name, -1};
static const choice side_choice = {side_name, NULL, JMAP_ORIENTATION_AUTO};
/* The paper sizes but "auto", for --tile. */
static const char *tile_name(int i)
{
    return jmap_page_name(i + 1);
}

static int tile_from_name(const char *name)
{
    int page = jmap_page_from_name(name);
    return page == JMAP_PAGE_AUTO ? -1 : page;
}

static const choice tile_choice = {tile_name, tile_from_name, -1};

/* --dpi takes a whole number from JMAP_MIN_DPI to JMAP_MAX_DPI, parsed as
 * every number is (take_number). */
static int set_dpi(const command *cmd, config *cfg, const char *value)
{
    long dpi;
    if (!take_number(cmd, "dpi", value, JMAP_MIN_DPI, JMAP_MAX_DPI, &dpi))
        return 0;
    cfg->render.dpi = (double)dpi;
    return 1;
}

static const option_spec render_options[] = {
    {"output", 'o', "FILE", "where to write the map ('-' for standard output)", OPT_TEXT,
     AT(output), NULL, NULL},
    {"format", 'f', "FORMAT", "%s (default: from FILE's extension)", OPT_CHOICE,
     AT(render.format), &format_choice, NULL},
    {"page", 0, "SIZE", "%s (PDF default: a3)", OPT_CHOICE, AT(render.page), &page_choice,
     NULL},
    {"orientation", 0, "SIDE", "%s", OPT_CHOICE, AT(render.side), &side_choice, NULL},
    {"fit", 0, NULL, "force a single page, however small the text", OPT_FLAG,
     AT(render.fit), NULL, NULL},
    {"tile", 0, "SIZE", "print each page as a poster on sheets of SIZE: %s", OPT_CHOICE,
     AT(render.tile), &tile_choice, NULL},
    {"blank", 0, NULL, "draw the stages and lanes with empty columns, for a workshop",
     OPT_FLAG, AT(render.blank), NULL, NULL},
    {"persona", 0, "ID", "draw the journey of that persona alone: their steps, curve "
     "and card", OPT_TEXT, AT(render.persona), NULL, NULL},
    {"quiet", 'q', NULL, "print nothing on success", OPT_FLAG, AT(render.quiet), NULL,
     NULL},
    {"dpi", 0, "N", "PNG resolution (default 96)", OPT_CALL, 0, NULL, set_dpi},
    {"diff", 0, "OLD", "mark what changed since the older map OLD", OPT_TEXT,
     AT(render.diff), NULL, NULL},
    {"color", 0, "WHEN", "colour the diagnostics: %s", OPT_CHOICE, AT(color),
     &color_choice, NULL},
    HELP_OPTION,
};

/* The extensions that name a format, ".pdf, .svg or .png", into `out`. */
static void format_extensions(char *out, size_t len)
{
    const char *names[16];
    size_t n = 0;
    for (int f = 0; jmap_format_name(f) && n < 16; f++) {
        char probe[32];
        snprintf(probe, sizeof probe, "map.%s", jmap_format_name(f));
        if (jmap_format_from_path(probe) == f)
            names[n++] = jmap_format_name(f);
    }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s.%s", i ? (i + 1 == n ? " or " : ", ") : "",
                 names[i]);
    }
}

/* The format of the output: --format, else the output's extension, else
 * PDF. -1 after a usage error. */
static int render_format(const command *cmd, const config *cfg)
{
    const char *out = cfg->output;
    if (cfg->render.format >= 0)
        return cfg->render.format;
    if (!out)
        return JMAP_FORMAT_PDF;
    if (strcmp(out, "-") == 0) {
        usage_error("%s: give --format when writing to standard output", cmd->name);
        return -1;
    }
    int format = jmap_format_from_path(out);
    if (format < 0) {
        char exts[64];
        format_extensions(exts, sizeof exts);
        usage_error("%s: cannot tell the format from '%s'; name it %s, or give --format",
                    cmd->name, out, exts);
    }
    return format;
}

/* Turns the options into `ro`, checked by the library. Returns 0 after a
 * usage error. */
static int render_options_of(const command *cmd, const config *cfg,
                             jmap_render_options *ro)
{
    const render_config *rc = &cfg->render;
    int format = render_format(cmd, cfg);
    if (format < 0)
        return 0;
    jmap_render_options_init(ro, (jmap_format)format);
    ro->source_name = cfg->operands[0];
    ro->fit = rc->fit;
    if (rc->page >= 0)
        ro->page = (jmap_page)rc->page;
    if (rc->side >= 0)
        ro->orientation = (jmap_orientation)rc->side;
    if (rc->tile >= 0)
        ro->tile = (jmap_page)rc->tile;
    ro->blank = rc->blank;
    ro->persona = rc->persona;
    if (rc->dpi >= 0)
        ro->dpi = rc->dpi;
    char why[256];
    if (jmap_render_options_check(ro, why, sizeof why) != 0) {
        usage_error("%s: %s", cmd->name, why);
        return 0;
    }
    return 1;
}

/* The default output: the map's path with its extension replaced. */
static char *default_output(const char *map, jmap_format format)
{
    const char *ext = jmap_format_name((int)format);
    const char *slash = strrchr(map, '/');
    const char *dot = strrchr(slash ? slash : map, '.');
    size_t stem = dot && dot != (slash ? slash + 1 : map) ? (size_t)(dot - map)
                                                           : strlen(map);
    char *out = malloc(stem + strlen(ext) + 2);
    if (!out)
        abort();
    memcpy(out, map, stem);
    out[stem] = '.';
    strcpy(out + stem + 1, ext);
    return out;
}

/* The whole number at or above x >= 0 (the CLI links no maths library). */
static long whole_up(double x)
{
    long n = (long)x;
    return (double)n < x ? n + 1 : n;
}

/* "A3", "Letter": a paper's name as people write it. */
static void paper_name(jmap_page page, char *out, size_t len)
{
    const char *name = jmap_page_name(page);
    snprintf(out, len, "%s", name ? name : "?");
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

/* The one line a render reports on success, and the warning when its
 * text prints too small to read, with the option that avoids it. */
static void render_report(const char *out, const jmap_render_options *ro,
                          const jmap_render_result *res)
{
    char *shown = jmap_escape_text(strcmp(out, "-") == 0 ? "standard output" : out);
    const char *side = res->orientation == JMAP_ORIENTATION_PORTRAIT ? "portrait"
                                                                     : "landscape";
    char what[256], paper[32], sheet[32];
    paper_name(res->page, paper, sizeof paper);
    if (res->poster_pages > 0) {
        paper_name(ro->tile, sheet, sizeof sheet);
        int tiles = res->pages - 1;
        if (res->poster_pages == 1)
            snprintf(what, sizeof what, "%s %s poster on %d %s sheet%s and an assembly sheet",
                     paper, side, tiles, sheet, tiles == 1 ? "" : "s");
        else
            snprintf(what, sizeof what, "%d %s %s posters on %d %s sheets and an assembly "
                     "sheet", res->poster_pages, paper, side, tiles, sheet);
    } else if (ro->format == JMAP_FORMAT_PNG) {
        double k = ro->dpi / 72.0;
        snprintf(what, sizeof what, "%ld x %ld pixels at %.0f dpi",
                 whole_up(res->width * k), whole_up(res->height * k), ro->dpi);
    } else if (ro->format == JMAP_FORMAT_SVG) {
        snprintf(what, sizeof what, "%ld x %ld pt", whole_up(res->width),
                 whole_up(res->height));
    } else if (res->page == JMAP_PAGE_AUTO) {
        snprintf(what, sizeof what, "%d page%s of %.0f x %.0f pt", res->pages,
                 res->pages == 1 ? "" : "s", res->width, res->height);
    } else {
        snprintf(what, sizeof what, "%d %s %s page%s", res->pages, paper, side,
                 res->pages == 1 ? "" : "s");
    }
    if (res->max_pt > 0)
        fprintf(stderr, "wrote %s: %s, text %.1f to %.1f pt\n", shown, what,
                res->min_pt, res->max_pt);
    else
        fprintf(stderr, "wrote %s: %s\n", shown, what);
    if (res->max_pt > 0 && res->min_pt < JMAP_MIN_TEXT_PT - 0.005) {
        const char *fix = ro->fit ? "leave out --fit to split the map over pages"
                          : ro->format == JMAP_FORMAT_PDF
                              ? "choose a larger --page"
                              : "render a PDF, which splits the map over pages, or "
                                "choose a larger --page";
        fprintf(stderr, "jmap: warning: text prints at %.1f pt, under %.0f pt; %s\n",
                res->min_pt, JMAP_MIN_TEXT_PT, fix);
    }
    if (ro->format == JMAP_FORMAT_PNG && res->max_pt > 0) {
        double px = res->min_pt * ro->dpi / 72.0;
        if (px < JMAP_MIN_TEXT_PX - 0.005)
            fprintf(stderr,
                    "jmap: warning: the smallest text is %.1f pixels high at %.0f dpi, "
                    "too few to read; give --dpi %.0f or more\n",
                    px, ro->dpi, (double)whole_up(JMAP_MIN_TEXT_PX * 72.0 / res->min_pt));
    }
    free(shown);
}

/* Reads and checks the older map of --diff, as `jmap diff` reads each of
 * its maps: -1 when it can be compared, else after its findings and a
 * message, 2 (unreadable, or with errors). */
static int check_old(const command *cmd, const char *old, int color, checked *c)
{
    char via[64];
    snprintf(via, sizeof via, "%s: --diff", cmd->name);
    check_file_rules(old, NULL, via, c);
    if (c->io_failed)
        return EXIT_USAGE;
    if (c->diags.errors || !c->journey) {
        jmap_diag_list_print(stderr, old, c->data, c->len, &c->diags, color);
        usage_error("%s: --diff: '%s' has errors; nothing was rendered", cmd->name, old);
        return EXIT_USAGE;
    }
    return -1;
}

/* Renders the checked map `c` through the renderer module. */
/* The usage error of a --persona that names no persona of `j`, with the
 * closest id, or else the ids there are. */
static void no_persona(const char *map, const jmap_journey *j, const char *id)
{
    char *shown = jmap_escape_text(id);
    char *name = jmap_escape_text(map);
    const char **ids = malloc((j->n_personas + 1) * sizeof *ids);
    if (!ids)
        abort();
    char all[512] = "";
    for (size_t i = 0; i < j->n_personas; i++) {
        ids[i] = j->personas[i].id;
        char *one = jmap_escape_text(ids[i]);
        size_t used = strlen(all);
        snprintf(all + used, sizeof all - used, "%s%s", i ? ", " : "", one);
        free(one);
    }
    const char *near = jmap_suggest(id, ids, j->n_personas);
    char *near_shown = near ? jmap_escape_text(near) : NULL;
    if (j->n_personas == 0)
        usage_error("render: --persona %s: '%s' has no personas", shown, name);
    else if (near_shown)
        usage_error("render: --persona %s: '%s' has no persona '%s'; did you mean '%s'?",
                    shown, name, shown, near_shown);
    else
        usage_error("render: --persona %s: '%s' has no persona '%s' (its personas: %s)",
                    shown, name, shown, all);
    free(near_shown);
    free(ids);
    free(shown);
    free(name);
}

static int render_checked(const checked *c, const char *map, const char *out,
                          const jmap_render_options *ro, int color, int quiet)
{
    const jmap_render_abi *module;
    jmap_diag_list diags;
    char why[2 * PATH_MAX] = "";
    jmap_diag_list_init(&diags);
    if (ro->persona && !jmap_journey_persona(c->journey, ro->persona)) {
        no_persona(map, c->journey, ro->persona);
        jmap_diag_list_destroy(&diags);
        return EXIT_USAGE;
    }
    int r = jmap_renderer_find(&module, why, sizeof why);
    jmap_render_result res = {0};
    if (r == 0)
        r = module->render_file(c->journey, ro, out, &diags, &res, why, sizeof why);
    jmap_diag_list_sort(&diags);
    jmap_diag_list_print(stderr, map, c->data, c->len, &diags, color);
    jmap_diag_list_destroy(&diags);
    if (r == 0) {
        if (!quiet)
            render_report(out, ro, &res);
        return 0;
    }
    usage_error("cannot render '%s' to '%s': %s", map, out,
            why[0] ? why : "unknown error");
    return r == JMAP_ERR_INPUT ? EXIT_MAP_ERRORS : EXIT_USAGE;
}

static int run_render(const command *cmd, config *cfg)
{
    jmap_render_options ro;
    if (!render_options_of(cmd, cfg, &ro))
        return EXIT_USAGE;
    const char *map = cfg->operands[0];
    if (!cfg->output && strcmp(map, "-") == 0) {
        usage_error("%s: a map from standard input has no name to make the output's "
                    "from; give -o FILE (or -o - with --format for standard output)",
                    cmd->name);
        return EXIT_USAGE;
    }
    char *owned = cfg->output ? NULL : default_output(map, ro.format);
    const char *out = cfg->output ? cfg->output : owned;
    int status = EXIT_USAGE;
    const char *inputs[] = {map, cfg->render.diff};
    if (!output_is_input(cmd, out, inputs, cfg->render.diff ? 2 : 1)) {
        int color = use_color(cfg->color, stderr);
        checked c, old;
        int old_status = -1;
        jmap_change_list changes;
        jmap_change_list_init(&changes);
        status = check_map(map, color, "rendered", &c);
        if (cfg->render.diff) {
            old_status = check_old(cmd, cfg->render.diff, color, &old);
            if (status < 0 && old_status < 0) {
                jmap_journey_diff(old.journey, c.journey, &changes);
                ro.diff = &changes;
            }
            checked_destroy(&old);
        }
        if (status < 0)
            status = old_status >= 0 ? old_status
                                     : render_checked(&c, map, out, &ro, color,
                                                      cfg->render.quiet);
        jmap_change_list_destroy(&changes);
        checked_destroy(&c);
    }
    free(owned);
    return status;
}

const command render_command = {
    "render",
    "jmap render MAP [-o FILE] [--format FORMAT] [--page SIZE] "
    "[--orientation SIDE] [--fit] [--tile SIZE] [--blank] [--persona ID]\n            [--dpi N] [--quiet]",
    "Draws a journey map as a swimlane map in PDF, SVG or PNG.\nA map with errors is "
    "not rendered (exit 1); the output is written whole or not at all.\nWithout -o it "
    "is MAP's name with the format's extension; a map read from\nstandard input ('-') "
    "needs -o (-o - with --format for standard output).\nOn success it prints one "
    "line: the pages it wrote and the sizes their text prints at.",
    OPTIONS(render_options), OPERANDS_ONE, "map", run_render};

/* ---- jmap report ---- */

static const choice plan_choice = {jmap_plan_format_name, NULL, JMAP_PLAN_MARKDOWN};

static const option_spec report_options[] = {
    {"format", 'f', "FORMAT", "%s", OPT_CHOICE, AT(report.format), &plan_choice, NULL},
    {"output", 'o', "FILE", "write to FILE, whole or not at all (default: standard output)",
     OPT_TEXT, AT(output), NULL, NULL},
    {"color", 0, "WHEN", "colour the diagnostics: %s", OPT_CHOICE, AT(color),
     &color_choice, NULL},
    HELP_OPTION,
};

/* What one report writes. */
typedef struct report_job {
    const jmap_plan_map *maps; /* the maps */
    size_t n;                  /* how many */
    jmap_plan_format format;   /* how */
} report_job;

static int write_report(FILE *out, void *arg)
{
    const report_job *job = arg;
    return jmap_plan_write(out, job->maps, job->n, job->format);
}

/* Checks every map, printing its findings as lint's text report does: -1
 * when all can be reported on, else the exit code (2 when a file cannot
 * be read, else 1). A map's text is freed once its findings are printed. */
static int check_maps(const config *cfg, checked *checks, jmap_plan_map *maps)
{
    int color = use_color(cfg->color, stderr);
    size_t bad = 0, unreadable = 0;
    for (size_t i = 0; i < cfg->n_operands; i++) {
        checked *c = &checks[i];
        check_file(cfg->operands[i], c);
        jmap_diag_list_print(stderr, cfg->operands[i], c->data, c->len, &c->diags, color);
        free(c->data);
        c->data = NULL;
        unreadable += (size_t)c->io_failed;
        bad += !c->io_failed && (c->diags.errors || !c->journey);
        maps[i] = (jmap_plan_map){cfg->operands[i], c->journey};
    }
    if (unreadable || bad) {
        if (bad)
            usage_error("%zu map%s of %zu %s errors; no report was written", bad,
                        bad > 1 ? "s" : "", cfg->n_operands, bad > 1 ? "have" : "has");
        return unreadable ? EXIT_USAGE : EXIT_MAP_ERRORS;
    }
    return -1;
}

/* Writes the PDF through the renderer module. */
static int report_pdf(const jmap_plan_map *maps, size_t n, const char *out)
{
    const jmap_render_abi *module;
    char why[2 * PATH_MAX] = "";
    int r = jmap_renderer_find(&module, why, sizeof why);
    if (r == 0)
        r = module->report_file(maps, n, out, why, sizeof why);
    if (r == 0)
        return 0;
    usage_error("cannot write the report to '%s': %s", out, why[0] ? why : "unknown error");
    return EXIT_USAGE;
}

static int run_report(const command *cmd, config *cfg)
{
    const char *out = output_of(cfg);
    if (output_is_input(cmd, out, cfg->operands, cfg->n_operands))
        return EXIT_USAGE;
    if (cfg->report.format == JMAP_PLAN_PDF && strcmp(out, "-") == 0 && isatty(1)) {
        usage_error("%s: a PDF is not for a terminal; give -o FILE", cmd->name);
        return EXIT_USAGE;
    }
    checked *checks = calloc(cfg->n_operands, sizeof *checks);
    jmap_plan_map *maps = calloc(cfg->n_operands, sizeof *maps);
    if (!checks || !maps)
        abort();
    int status = check_maps(cfg, checks, maps);
    if (status < 0 && cfg->report.format == JMAP_PLAN_PDF) {
        status = report_pdf(maps, cfg->n_operands, out);
    } else if (status < 0) {
        report_job job = {maps, cfg->n_operands, (jmap_plan_format)cfg->report.format};
        status = write_whole(cmd, out, write_report, &job);
    }
    for (size_t i = 0; i < cfg->n_operands; i++)
        checked_destroy(&checks[i]);
    free(checks);
    free(maps);
    return status;
}

const command report_command = {
    "report", "jmap report MAP... [--format FORMAT] [-o FILE]",
    "Reports what to fix first, over one map or many.\nIrritants ranked by priority "
    "(severity weight low 1, medium 2, high 3, times\ncomplaints per month, 1 when not "
    "given), grouped by owner, where it hurts\n(stages x owners, lowest emotions, steps "
    "with the most irritants), channels\nand touchpoints, and totals; in French when "
    "every map is French. The formats:\nMarkdown, a self-contained HTML page, A4 PDF, "
    "JSON, or CSV of the ranked\nirritants. A map with errors stops the report (exit 1), "
    "an unreadable file\nexits 2; -o FILE is written whole or not at all.",
    OPTIONS(report_options), OPERANDS_MANY, "map", run_report};
