/* test_limits.c - every input limit of jmap.h exactly at its value and one
 * past it, in process: nesting depth, alias expansion, text length, the
 * number of findings kept, the file size, and jmap_file_read on paths that
 * are not regular files. (tests/bad/ checks the same limits through the
 * command line, with the large inputs generated at test time.) */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAGE "stages: [{id: s, name: S, steps: [{name: One}]}]\n"

/* A map whose `x` value is `depth` - 1 nested lists (the top mapping is
 * level 1, so the innermost list is level `depth`). */
static char *nested(int depth)
{
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_buf_puts(&b, MAP_HEAD STAGE "x: ");
    for (int i = 1; i < depth; i++)
        jmap_buf_putc(&b, '[');
    for (int i = 1; i < depth; i++)
        jmap_buf_putc(&b, ']');
    jmap_buf_putc(&b, '\n');
    return jmap_buf_take(&b);
}

static void depth_limit(void **state)
{
    (void)state;
    loaded l;
    char *yaml = nested(JMAP_MAX_DEPTH);
    load_string(&l, yaml);
    assert_int_equal(count_diag(&l, JMAP_RULE_LIMIT), 0);
    loaded_destroy(&l);
    free(yaml);

    yaml = nested(JMAP_MAX_DEPTH + 1);
    load_string(&l, yaml);
    assert_int_equal(count_diag(&l, JMAP_RULE_LIMIT), 1);
    assert_non_null(find_diag(&l, JMAP_RULE_LIMIT, 4, 4 + JMAP_MAX_DEPTH - 1));
    loaded_destroy(&l);
    free(yaml);
}

/* A map with an anchored list of `n` - 1 items (n nodes with the list) and
 * `aliases` aliases to it. */
static char *aliased(int n, int aliases)
{
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_buf_puts(&b, MAP_HEAD STAGE "x: [&a [");
    for (int i = 1; i < n; i++)
        jmap_buf_printf(&b, "%s0", i > 1 ? ", " : "");
    jmap_buf_puts(&b, "]");
    for (int i = 0; i < aliases; i++)
        jmap_buf_puts(&b, ", *a");
    jmap_buf_puts(&b, "]\n");
    return jmap_buf_take(&b);
}

static void alias_limit(void **state)
{
    (void)state;
    loaded l;
    /* 10 aliases of 1,000 nodes each: exactly the limit */
    char *yaml = aliased(JMAP_MAX_ALIAS_NODES / 10, 10);
    load_string(&l, yaml);
    assert_int_equal(count_diag(&l, JMAP_RULE_LIMIT), 0);
    loaded_destroy(&l);
    free(yaml);

    yaml = aliased(JMAP_MAX_ALIAS_NODES / 10, 11);
    load_string(&l, yaml);
    assert_int_equal(count_diag(&l, JMAP_RULE_LIMIT), 1);
    loaded_destroy(&l);
    free(yaml);

    load_string(&l, MAP_HEAD STAGE "x: &a [1, [2, *a]]\n");
    assert_non_null(find_diag(&l, JMAP_RULE_SYNTAX, 0, 0));
    assert_non_null(strstr(find_diag(&l, JMAP_RULE_SYNTAX, 0, 0)->message, "cycle"));
    loaded_destroy(&l);
}

static char *with_title(size_t n)
{
    char *yaml = jmap_xmalloc(n + sizeof "jmap: 1\ntitle: \n" STAGE);
    int k = sprintf(yaml, "jmap: 1\ntitle: ");
    memset(yaml + k, 'x', n);
    strcpy(yaml + k + n, "\n" STAGE);
    return yaml;
}

static void text_limit(void **state)
{
    (void)state;
    loaded l;
    char *yaml = with_title(JMAP_MAX_TEXT_BYTES);
    load_string(&l, yaml);
    assert_int_equal(l.diags.count, 0);
    loaded_destroy(&l);
    free(yaml);

    yaml = with_title(JMAP_MAX_TEXT_BYTES + 1);
    load_string(&l, yaml);
    assert_non_null(find_diag(&l, JMAP_RULE_LIMIT, 2, 8));
    loaded_destroy(&l);
    free(yaml);
}

static void findings_limit(void **state)
{
    (void)state;
    jmap_diag_list list;
    jmap_diag_list_init(&list);
    for (int i = 0; i < 3 * JMAP_MAX_DIAGS; i++) {
        jmap_pos pos = {i + 1, 1};
        jmap_diag_add(&list, JMAP_RULE_UNUSED, pos, "finding %d", i);
    }
    assert_int_equal(list.count, JMAP_MAX_DIAGS);
    const jmap_diag *last = &list.items[JMAP_MAX_DIAGS - 1];
    assert_int_equal(last->rule, JMAP_RULE_LIMIT);
    assert_int_equal(last->severity, JMAP_ERROR);
    assert_int_equal(last->pos.line, JMAP_MAX_DIAGS);
    assert_int_equal(list.errors, 1);
    assert_int_equal(list.warnings, JMAP_MAX_DIAGS - 1);
    jmap_diag_list_destroy(&list);
}

/* Writes `n` bytes of a valid map padded with a comment to `path`. */
static void write_map(const char *path, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    const char *head = MAP_HEAD STAGE "#";
    fputs(head, f);
    for (size_t i = strlen(head); i + 1 < n; i++)
        fputc('x', f);
    fputc('\n', f);
    assert_int_equal(fclose(f), 0);
}

static void file_limit(void **state)
{
    (void)state;
    char path[] = "jmap-limits-XXXXXX"; /* in the build folder */
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char *data, why[256];
    size_t len;
    write_map(path, JMAP_MAX_FILE_BYTES);
    assert_int_equal(jmap_file_read(path, &data, &len, why, sizeof why), 0);
    assert_int_equal(len, JMAP_MAX_FILE_BYTES);
    free(data);
    write_map(path, JMAP_MAX_FILE_BYTES + 1);
    assert_int_equal(jmap_file_read(path, &data, &len, why, sizeof why), JMAP_ERR_INPUT);
    assert_null(data);
    assert_non_null(strstr(why, "16 MiB"));
    unlink(path);
}

static void not_regular_files(void **state)
{
    (void)state;
    char *data, why[256];
    size_t len;
    assert_int_equal(jmap_file_read(".", &data, &len, why, sizeof why), JMAP_ERR_IO);
    assert_string_equal(why, "is a directory");
    assert_int_equal(jmap_file_read("/dev/zero", &data, &len, why, sizeof why),
                     JMAP_ERR_IO);
    char fifo[] = "jmap-fifo-XXXXXX";
    int fd = mkstemp(fifo);
    assert_true(fd >= 0);
    close(fd);
    unlink(fifo);
    if (mkfifo(fifo, 0600) == 0) {
        /* refused without blocking, though no one writes to it */
        assert_int_equal(jmap_file_read(fifo, &data, &len, why, sizeof why),
                         JMAP_ERR_IO);
        unlink(fifo);
    }
    assert_int_equal(jmap_file_read("no/such/file.yaml", &data, &len, why, sizeof why),
                     JMAP_ERR_IO);
    assert_null(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(depth_limit),      cmocka_unit_test(alias_limit),
        cmocka_unit_test(text_limit),       cmocka_unit_test(findings_limit),
        cmocka_unit_test(file_limit),       cmocka_unit_test(not_regular_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
