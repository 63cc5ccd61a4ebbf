/*
 * maps.c - what the commands share: reading and checking a map, printing
 * its findings, deciding on colour, and writing an output whole or not at
 * all.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int use_color(int mode, FILE *stream)
{
    if (mode == COLOR_ALWAYS)
        return 1;
    if (mode == COLOR_NEVER)
        return 0;
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no_color && *no_color)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(stream));
}

void check_file(const char *path, checked *c)
{
    check_file_rules(path, NULL, NULL, c);
}

void check_file_rules(const char *path, const unsigned char *on, const char *via,
                      checked *c)
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
        usage_error("%s%scannot read '%s': %s", via ? via : "", via ? ": " : "", path,
                    c->why);
        c->io_failed = 1;
        return;
    }
    c->journey = jmap_journey_load(c->data, c->len, &c->diags);
    jmap_journey_validate_rules(c->journey, on, &c->diags);
    jmap_diag_list_sort(&c->diags);
}

void checked_destroy(checked *c)
{
    jmap_journey_free(c->journey);
    jmap_diag_list_destroy(&c->diags);
    free(c->data);
}

int check_map(const char *map, int color, const char *done, checked *c)
{
    check_file(map, c);
    jmap_diag_list_print(stderr, map, c->data, c->len, &c->diags, color);
    if (c->io_failed)
        return EXIT_USAGE;
    if (c->diags.errors || !c->journey) {
        usage_error("'%s' has errors; nothing was %s", map, done);
        return EXIT_MAP_ERRORS;
    }
    return -1;
}

int output_is_input(const command *cmd, const char *out, const char *const *inputs,
                    size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (jmap_output_is_input(out, inputs[i])) {
            usage_error("%s: the output '%s' is the input '%s' (the same file), which "
                        "writing would destroy; name another output",
                        cmd->name, strcmp(out, "-") == 0 ? "standard output" : out,
                        strcmp(inputs[i], "-") == 0 ? "standard input" : inputs[i]);
            return 1;
        }
    return 0;
}

/* Why writing `f` failed once a write did: errno as the failing call left
 * it (`err`), else what flushing the rest says, else EIO. */
static int write_errno(jmap_outfile *f, int err)
{
    if (err)
        return err;
    errno = 0;
    if (fflush(f->fp) != 0 && errno)
        return errno;
    return EIO;
}

int write_whole(const command *cmd, const char *path, int (*write)(FILE *, void *),
                void *arg)
{
    char why[512] = "";
    jmap_outfile f;
    if (jmap_outfile_open(&f, path, why, sizeof why) != 0) {
        usage_error("%s: %s", cmd->name, why);
        return EXIT_USAGE;
    }
    errno = 0;
    int r = write(f.fp, arg);
    if (r == 0 && jmap_outfile_close(&f, 1, why, sizeof why) == 0)
        return 0;
    if (r != 0) { /* the output is dropped: say why the writing stopped */
        int err = r == JMAP_ERR_IO ? write_errno(&f, errno) : 0;
        snprintf(why, sizeof why, "cannot write '%s': %s", f.path,
                 err ? strerror(err) : "the output was not finished");
        jmap_outfile_close(&f, 0, NULL, 0);
    }
    usage_error("%s: %s", cmd->name, why);
    return EXIT_USAGE;
}
