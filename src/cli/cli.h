/*
 * cli.h - what the files of the jmap program share: the exit codes, the
 * option and command tables, and the parsed configuration.
 *
 * A command is a row of the command table (commands.c) with its own table
 * of options. Every command runs the same way (options.c): argv is parsed
 * per the command's table into one `config`, each option written into its
 * field by the row's kind; then the command's run function checks what a
 * single option cannot, does the work, and returns the exit code.
 */
#ifndef JMAP_CLI_H
#define JMAP_CLI_H

#include "jmap.h"

#include <stddef.h>
#include <stdio.h>

/* Exit codes: 0 success (warnings allowed), 1 a map has errors (or, for
 * lint, warnings under --strict or beyond --max-warnings), 2 usage error or
 * a file that cannot be read or written (2 wins over 1). */
enum { EXIT_MAP_ERRORS = 1, EXIT_USAGE = 2 };

#define MAX_COUNT 1000000 /* the largest count (--max-warnings) an option takes */

typedef struct command command;
typedef struct config config;

/* The names an option picks from, e.g. the report formats. */
typedef struct choice {
    const char *(*name_of)(int);    /* the i-th name, NULL past the last */
    int (*from_name)(const char *); /* a name's index or -1; NULL: the names
                                       exactly as listed */
    int dflt;                       /* the name help marks "(default)", or -1 */
} choice;

/* What an option does with its value. */
typedef enum option_kind {
    OPT_HELP,   /* shows the command's help */
    OPT_FLAG,   /* sets an int field to 1 */
    OPT_TEXT,   /* keeps the value in a const char * field */
    OPT_CHOICE, /* sets an int field to the value's index among `choices` */
    OPT_COUNT,  /* sets a long field to a whole number 0..MAX_COUNT (take_number) */
    OPT_CALL    /* hands the value to `call` */
} option_kind;

/* One option of a command. The field at `offset` has the type its kind
 * writes: int for OPT_FLAG and OPT_CHOICE, long for OPT_COUNT, const char *
 * for OPT_TEXT. */
typedef struct option_spec {
    const char *name;     /* long name without dashes */
    char short_name;      /* one-letter alias, or 0 */
    const char *value;    /* the value's name in help ("FILE"); NULL: none */
    const char *help;     /* one line of help; "%s" stands for the choices */
    option_kind kind;     /* what the option does */
    size_t offset;        /* offsetof the config field it sets */
    const choice *choices; /* for OPT_CHOICE */
    int (*call)(const command *cmd, config *cfg, const char *value);
                          /* for OPT_CALL: 0 after a usage error */
} option_spec;

/* How many operands a command takes. */
typedef enum operand_count {
    OPERANDS_NONE,     /* none */
    OPERANDS_OPTIONAL, /* none or one */
    OPERANDS_ONE,      /* exactly one */
    OPERANDS_MANY      /* one or more */
} operand_count;

struct command {
    const char *name;           /* as typed */
    const char *usage;          /* the synopsis */
    const char *summary;        /* first line, then details */
    const option_spec *options; /* the command's options */
    size_t n_options;           /* how many */
    operand_count operands;     /* how many operands it takes */
    const char *operand;        /* what an operand is, e.g. "map" */
    int (*run)(const command *cmd, config *cfg); /* an exit code */
};

/* The options of `jmap lint`. */
typedef struct lint_config {
    int format;              /* a jmap_report_format */
    int strict;              /* 1: warnings fail the run */
    long max_warnings;       /* more warnings than this fail it; -1: no limit */
    jmap_diag_filter filter; /* --quiet and --disable */
    unsigned char enabled[JMAP_RULE_COUNT_]; /* --enable: the rules off by
                                                default that are checked */
} lint_config;

/* The options of `jmap export`. */
typedef struct export_config {
    int format; /* a jmap_export_format */
} export_config;

/* The options of `jmap render`, as given; render_options() (commands.c)
 * turns them into a jmap_render_options. */
typedef struct render_config {
    int format; /* a jmap_format; -1 until --format */
    int page;   /* a jmap_page; -1 until --page */
    int side;   /* a side (commands.c); -1 until --orientation */
    int fit;    /* 1: one page however small the text */
    int tile;   /* a jmap_page; -1 until --tile */
    int blank;  /* 1: an empty sheet for a workshop */
    const char *persona; /* --persona: the one persona drawn, or NULL */
    int quiet;  /* 1: no report on success */
    double dpi; /* -1 until --dpi */
    const char *diff; /* --diff OLD: the older map whose changes are
                         marked; NULL when not given */
} render_config;

/* The options of `jmap report`. */
typedef struct report_config {
    int format; /* a jmap_plan_format */
} report_config;
/* The options of `jmap diff`. */
typedef struct diff_config {
    int format; /* a jmap_diff_format */
} diff_config;

/* The options of `jmap help`. */
typedef struct help_config {
    int main; /* 1: --help, the help of jmap itself */
} help_config;

/* One command line, parsed. */
struct config {
    const char **operands; /* the operands, in order (heap array) */
    size_t n_operands;     /* how many */
    long dashdash;         /* operands before a `--`; -1 when none was given */
    const char *output;    /* -o FILE; NULL when not given */
    int color;             /* a color_mode for --color */
    lint_config lint;      /* jmap lint's own options */
    export_config export;  /* jmap export's */
    render_config render;  /* jmap render's */
    report_config report;  /* jmap report's */
    help_config help;      /* jmap help's */
    diff_config diff;      /* jmap diff's */
};

/* --color's modes, as its choice lists them. */
enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
extern const choice color_choice;

/* ---- options.c ---- */

/* Prints "jmap: MESSAGE" on standard error, with whatever a file name
 * brought in (controls, line breaks) escaped (jmap_escape_text). */
void usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The index of `value` among `c`'s names; on no match, a usage error
 * "CMD: --OPTION takes a, b or c, not 'VALUE'" (with the nearest name) and
 * -1. */
int choice_pick(const command *cmd, const char *option, const choice *c,
                const char *value);

/* The one parser of every number an option takes: `value` must be digits
 * only (no sign, space, point or exponent) and from `min` to `max` (below
 * LONG_MAX / 10). Sets *n and returns 1, or after a usage error "CMD:
 * --OPTION takes a whole number from MIN to MAX, not 'VALUE'" returns 0. */
int take_number(const command *cmd, const char *option, const char *value, long min,
                long max, long *n);

void print_command_help(FILE *out, const command *cmd);

/* Parses argv per cmd's tables and runs the command: its exit code. */
int command_run(const command *cmd, int argc, char **argv);

/* ---- maps.c: reading maps, writing outputs ---- */

/* The outcome of checking one map. */
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
void check_file(const char *path, checked *c);
/* check_file, also checking the rules off by default that on[rule] turns
 * on (`on` may be NULL); a file that cannot be read is said so after `via`
 * and a colon ("render: --diff: cannot read ..."), or alone when `via` is
 * NULL. */
void check_file_rules(const char *path, const unsigned char *on, const char *via,
                      checked *c);
void checked_destroy(checked *c);

/* Checks `map` for export or render (`done`: "exported"...), printing its
 * findings: -1 when it can be used, else the exit code. */
int check_map(const char *map, int color, const char *done, checked *c);

/* 1 when mode `mode` (a color_mode) colours `stream`. */
int use_color(int mode, FILE *stream);

/* 1 (after a usage error naming both) when the output `out` ("-":
 * standard output) is one of the `n` inputs (jmap_output_is_input), which
 * writing would destroy. Checked before anything is read or written. */
int output_is_input(const command *cmd, const char *out, const char *const *inputs,
                    size_t n);

/* Runs `write` (0 on success, JMAP_ERR_IO when a write failed) on `path`
 * ("-": standard output), so that the file is written whole or not at all;
 * a failure is said with the system's reason. Returns an exit code. */
int write_whole(const command *cmd, const char *path, int (*write)(FILE *, void *),
                void *arg);

/* ---- commands.c: one row and one run function per command ---- */

extern const command lint_command, render_command, export_command, schema_command;
extern const command report_command;

/* ---- diffcmd.c: jmap diff; git.c: maps at a git revision ---- */

extern const command diff_command;

/* Checks that `rev` names a commit of the git repository that holds the
 * folder of `path`. Returns 0, or JMAP_ERR_IO with a one-line reason. */
int git_check_revision(const char *rev, const char *path, char *why, size_t why_len);

/* Reads `path` as it is at revision `rev` (`git cat-file blob REV:./PATH`, run
 * in the folder of `path`) into a NUL-terminated heap buffer, as
 * jmap_file_read reads a file. Returns 0, JMAP_ERR_IO (no such revision or
 * path, git missing) or JMAP_ERR_INPUT (too large), with a reason. */
int git_read(const char *rev, const char *path, char **data, size_t *len, char *why,
             size_t why_len);

#endif /* JMAP_CLI_H */
