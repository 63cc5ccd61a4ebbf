/*
 * diffcmd.c - `jmap diff`: its row, its options and its run function.
 * Two maps (OLD NEW), or maps at a git revision against the working tree
 * (REV -- PATH...), or at two revisions (REV1 REV2 -- PATH...), are read
 * (git.c), loaded and checked like `jmap lint` checks them; a map with
 * errors is reported and nothing is written. Then the library compares
 * each pair (jmap_journey_diff) and writes the report whole through the
 * one writer. Exit codes as diff(1): 0 no difference, 1 differences,
 * 2 trouble.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define AT(field) offsetof(config, field)

static const choice diff_choice = {jmap_diff_format_name, jmap_diff_format_from_name,
                                   JMAP_DIFF_TEXT};

static const option_spec diff_options[] = {
    {"format", 'f', "FORMAT", "%s", OPT_CHOICE, AT(diff.format), &diff_choice, NULL},
    {"output", 'o', "FILE", "write the report to FILE, whole or not at all", OPT_TEXT,
     AT(output), NULL, NULL},
    {"color", 0, "WHEN", "colour the text report and the diagnostics: %s", OPT_CHOICE,
     AT(color), &color_choice, NULL},
    {"help", 'h', NULL, "show this help", OPT_HELP, 0, NULL, NULL},
};

/* One side of a comparison: a file, or a file at a git revision. */
typedef struct side {
    const char *path;      /* as given */
    const char *rev;       /* the revision; NULL for the file itself */
    char *label;           /* how reports name it: PATH or REV:PATH (heap) */
    char *data;            /* its bytes (heap) */
    size_t len;            /* their length */
    jmap_journey *journey; /* loaded, NULL until then */
    jmap_diag_list diags;  /* its findings */
} side;

static void side_init(side *s, const char *path, const char *rev)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->rev = rev;
    size_t n = strlen(path) + (rev ? strlen(rev) + 1 : 0) + 1;
    s->label = malloc(n);
    if (!s->label)
        abort();
    snprintf(s->label, n, "%s%s%s", rev ? rev : "", rev ? ":" : "", path);
    jmap_diag_list_init(&s->diags);
}

static void side_destroy(side *s)
{
    free(s->label);
    free(s->data);
    jmap_journey_free(s->journey);
    jmap_diag_list_destroy(&s->diags);
}

/* Reads and checks one side: -1 when it can be compared, else after a
 * message the exit code (2: unreadable or with errors). */
static int load_side(const command *cmd, side *s, int color)
{
    char why[512] = "";
    int r = s->rev ? git_read(s->rev, s->path, &s->data, &s->len, why, sizeof why)
                   : jmap_file_read(s->path, &s->data, &s->len, why, sizeof why);
    if (r == JMAP_ERR_INPUT) {
        jmap_diag_add(&s->diags, JMAP_RULE_LIMIT, (jmap_pos){0, 0}, "the file is %s", why);
    } else if (r != 0) {
        usage_error("%s: cannot read '%s': %s", cmd->name, s->label, why);
        return EXIT_USAGE;
    } else {
        s->journey = jmap_journey_load(s->data, s->len, &s->diags);
        jmap_journey_validate(s->journey, &s->diags);
        jmap_diag_list_sort(&s->diags);
    }
    if (s->diags.errors || !s->journey) {
        jmap_diag_list_print(stderr, s->label, s->data, s->len, &s->diags, color);
        usage_error("%s: '%s' has errors; nothing was compared", cmd->name, s->label);
        return EXIT_USAGE;
    }
    return -1;
}

/* What one run compares, and the report's input. */
typedef struct diff_run {
    side *sides;             /* old and new of each pair: sides[2i], [2i+1] */
    jmap_change_list *lists; /* the changes of each pair */
    jmap_diff_pair *pairs;   /* the report's pairs */
    size_t n;                /* pairs */
    int format;              /* a jmap_diff_format */
    int color;               /* colour the text report */
} diff_run;

static int write_diff(FILE *out, void *arg)
{
    const diff_run *run = arg;
    return jmap_diff_write(out, (jmap_diff_format)run->format, run->pairs, run->n,
                           run->color);
}

/* Sets the sides from the operands: OLD NEW, or REV [REV2] -- PATH...
 * Returns 0 after a usage error. */
static int plan(const command *cmd, const config *cfg, diff_run *run)
{
    size_t revs = cfg->dashdash < 0 ? 0 : (size_t)cfg->dashdash;
    size_t paths = cfg->n_operands - revs;
    if (cfg->dashdash < 0 ? cfg->n_operands != 2 : revs < 1 || revs > 2 || paths < 1) {
        usage_error("%s: give two maps (OLD NEW), or revisions and paths (REV [REV2] -- "
                    "PATH...); see 'jmap help diff'",
                    cmd->name);
        return 0;
    }
    run->n = cfg->dashdash < 0 ? 1 : paths;
    run->sides = calloc(2 * run->n, sizeof *run->sides);
    run->lists = calloc(run->n, sizeof *run->lists);
    run->pairs = calloc(run->n, sizeof *run->pairs);
    if (!run->sides || !run->lists || !run->pairs)
        abort();
    const char *const *op = cfg->operands;
    for (size_t i = 0; i < run->n; i++) {
        if (cfg->dashdash < 0) {
            side_init(&run->sides[0], op[0], NULL);
            side_init(&run->sides[1], op[1], NULL);
        } else {
            const char *path = op[revs + i];
            side_init(&run->sides[2 * i], path, op[0]);
            side_init(&run->sides[2 * i + 1], path, revs == 2 ? op[1] : NULL);
        }
        jmap_change_list_init(&run->lists[i]);
    }
    return 1;
}

static void run_destroy(diff_run *run)
{
    for (size_t i = 0; i < 2 * run->n; i++)
        side_destroy(&run->sides[i]);
    for (size_t i = 0; i < run->n; i++)
        jmap_change_list_destroy(&run->lists[i]);
    free(run->sides);
    free(run->lists);
    free(run->pairs);
}

/* Reads and checks every side (each revision checked first): 0, or the
 * exit code of the first trouble, after every side was tried. */
static int load_all(const command *cmd, const config *cfg, diff_run *run, int color)
{
    int status = 0;
    for (long r = 0; r < cfg->dashdash; r++) {
        char why[512] = "";
        if (git_check_revision(cfg->operands[r], cfg->operands[cfg->dashdash], why,
                               sizeof why) != 0) {
            usage_error("%s: %s", cmd->name, why);
            return EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < 2 * run->n; i++)
        if (load_side(cmd, &run->sides[i], color) >= 0)
            status = EXIT_USAGE;
    return status;
}

static int run_diff(const command *cmd, config *cfg)
{
    diff_run run;
    memset(&run, 0, sizeof run);
    if (!plan(cmd, cfg, &run))
        return EXIT_USAGE;
    const char *out = cfg->output ? cfg->output : "-";
    int status = EXIT_USAGE;
    const char **files = calloc(2 * run.n + 1, sizeof *files);
    if (!files)
        abort();
    size_t n_files = 0;
    for (size_t i = 0; i < 2 * run.n; i++)
        if (!run.sides[i].rev)
            files[n_files++] = run.sides[i].path;
    if (!output_is_input(cmd, out, files, n_files) &&
        load_all(cmd, cfg, &run, use_color(cfg->color, stderr)) == 0) {
        size_t changes = 0;
        for (size_t i = 0; i < run.n; i++) {
            jmap_journey_diff(run.sides[2 * i].journey, run.sides[2 * i + 1].journey,
                              &run.lists[i]);
            run.pairs[i] = (jmap_diff_pair){run.sides[2 * i].label,
                                            run.sides[2 * i + 1].label, &run.lists[i]};
            changes += run.lists[i].count;
        }
        run.format = cfg->diff.format;
        run.color = cfg->diff.format == JMAP_DIFF_TEXT &&
                    (cfg->color == COLOR_ALWAYS ||
                     (strcmp(out, "-") == 0 && use_color(cfg->color, stdout)));
        status = write_whole(cmd, out, write_diff, &run);
        if (status == 0 && changes)
            status = EXIT_MAP_ERRORS; /* 1: the maps differ */
    }
    free(files);
    run_destroy(&run);
    return status;
}

const command diff_command = {
    "diff",
    "jmap diff [--format FORMAT] [-o FILE] [--color WHEN] {OLD NEW | REV [REV2] -- "
    "PATH...}",
    "Compares two journey maps as journeys, not as text.\nStages, steps, touchpoints, "
    "departments and personas are matched by id (a step\nwhose id changed by its "
    "content), irritants, moments, ideas and thoughts by their\ntext within their step, "
    "goals within their stage, metrics by name, actions by\ndepartment. With REV "
    "-- PATH..., each map at git revision REV is compared\nwith the working tree; with "
    "REV REV2 -- PATH..., at two revisions. The text\nreport has a line per change, "
    "grouped by stage; markdown suits a pull-request\ncomment; json is described in "
    "docs/diff.md. -o FILE is written whole or not at all.\n"
    "Exit status: 0 no difference, 1 differences, 2 trouble (a file, revision or\npath "
    "that cannot be read, a map with errors, a usage error).",
    diff_options, sizeof diff_options / sizeof diff_options[0], OPERANDS_MANY, "map",
    run_diff};
