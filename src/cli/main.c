/*
 * main.c - the jmap command line: finds the command named by the first
 * argument and runs it (options.c parses its options into a config, and
 * its run function, in commands.c, returns the exit code). No journey
 * logic here; unknown commands get a "did you mean".
 *
 * Exit codes (cli.h): 0 success (warnings allowed), 1 a map has errors (or,
 * for lint, warnings under --strict or beyond --max-warnings), 2 usage
 * error or a file that cannot be read or written (2 wins over 1).
 */
#include "cli.h"

#include <string.h>

static int run_help(const command *cmd, config *cfg);

static const option_spec help_options[] = {
    {"help", 'h', NULL, "show this help", OPT_FLAG, offsetof(config, help.main), NULL,
     NULL},
};

static const command help_command = {
    "help", "jmap help [COMMAND]", "Shows the help of jmap or of one command.",
    help_options, 1, OPERANDS_OPTIONAL, "command", run_help};

/* Every command, in the order help lists them. */
static const command *const commands[] = {&lint_command,   &render_command,
                                          &export_command, &diff_command,
                                          &report_command,
                                          &schema_command, &help_command};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_main_help(FILE *out)
{
    fprintf(out,
            "jmap %s - compiles customer-journey maps written in YAML\n\n"
            "Usage: jmap COMMAND [OPTION]... [FILE]...\n\nCommands:\n",
            jmap_version());
    for (size_t i = 0; i < N_COMMANDS; i++) {
        const char *summary = commands[i]->summary;
        const char *end = strpbrk(summary, ".\n");
        fprintf(out, "  %-8s %.*s\n", commands[i]->name,
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
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i]->name;
    const char *near = jmap_suggest(name, names, N_COMMANDS);
    if (near)
        usage_error("unknown command '%s'; did you mean '%s'?", name, near);
    else
        usage_error("unknown command '%s' (see 'jmap --help')", name);
    return EXIT_USAGE;
}

/* `jmap help` and `jmap help --help` show jmap's help, `jmap help CMD` the
 * command's. */
static int run_help(const command *cmd, config *cfg)
{
    (void)cmd;
    if (cfg->help.main || cfg->n_operands == 0) {
        print_main_help(stdout);
        return 0;
    }
    const command *c = find_command(cfg->operands[0]);
    if (!c)
        return unknown_command(cfg->operands[0]);
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
    return command_run(cmd, argc - 2, argv + 2);
}
