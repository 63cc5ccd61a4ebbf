/* test_diag.c - the diagnostic list and the compiler-style formatter. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

/* Prints one diagnostic at line:col of src into a heap string. */
static char *print_one(const char *src, int line, int col, const char *msg, int color)
{
    jmap_diag_list list;
    jmap_diag_list_init(&list);
    jmap_pos pos = {line, col};
    jmap_diag_add(&list, JMAP_RULE_BAD_VALUE, pos, "%s", msg);
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    jmap_diag_print(f, "m.yaml", src, src ? strlen(src) : 0, &list.items[0], color);
    fclose(f);
    jmap_diag_list_destroy(&list);
    return out;
}

static void test_caret_under_column(void **state)
{
    (void)state;
    char *out = print_one("a: 1\nlang: de\n", 2, 7, "bad", 0);
    assert_string_equal(out, "m.yaml:2:7: error: bad [bad-value]\nlang: de\n      ^\n");
    free(out);
}

static void test_columns_are_characters(void **state)
{
    (void)state;
    char *out = print_one("name: Été x\n", 1, 11, "here", 0);
    assert_string_equal(out, "m.yaml:1:11: error: here [bad-value]\nname: Été x\n          ^\n");
    free(out);
}

static void test_tabs_kept_in_caret_line(void **state)
{
    (void)state;
    char *out = print_one("\tkey: v\n", 1, 2, "tab", 0);
    assert_string_equal(out, "m.yaml:1:2: error: tab [bad-value]\n\tkey: v\n\t^\n");
    free(out);
}

static void test_crlf_and_bom_not_shown(void **state)
{
    (void)state;
    char *out = print_one("\xef\xbb\xbf" "ab: c\r\n", 1, 5, "x", 0);
    assert_string_equal(out, "m.yaml:1:5: error: x [bad-value]\nab: c\n    ^\n");
    free(out);
}

static void test_long_line_is_windowed(void **state)
{
    (void)state;
    char line[2001];
    memset(line, 'x', 2000);
    line[2000] = '\0';
    line[1500] = 'Y';
    char *out = print_one(line, 1, 1501, "far", 0);
    /* header, excerpt, caret: the excerpt is short and the caret is under Y */
    char *excerpt = strchr(out, '\n') + 1;
    char *caret = strchr(excerpt, '\n') + 1;
    assert_true(caret - excerpt < 200);
    assert_int_equal(excerpt[strchr(caret, '^') - caret], 'Y');
    free(out);
}

static void test_control_characters_never_printed(void **state)
{
    (void)state;
    char *out = print_one("k: \x1b[31mred\n", 1, 4, "msg \x1b]0;x\x07", 0);
    assert_null(strchr(out, '\x1b'));
    assert_null(strchr(out, '\x07'));
    free(out);
}

static void test_no_source_line(void **state)
{
    (void)state;
    char *out = print_one(NULL, 0, 0, "whole file", 0);
    assert_string_equal(out, "m.yaml: error: whole file [bad-value]\n");
    free(out);
    out = print_one("a\n", 9, 1, "past the end", 0);
    assert_string_equal(out, "m.yaml:9:1: error: past the end [bad-value]\n");
    free(out);
}

static void test_color_only_when_asked(void **state)
{
    (void)state;
    char *plain = print_one("a: b\n", 1, 1, "m", 0);
    char *color = print_one("a: b\n", 1, 1, "m", 1);
    assert_null(strchr(plain, '\x1b'));
    assert_non_null(strstr(color, "\x1b[1;31merror:"));
    free(plain);
    free(color);
}

static void test_sort_is_stable_by_position(void **state)
{
    (void)state;
    jmap_diag_list list;
    jmap_diag_list_init(&list);
    jmap_pos p3 = {3, 1}, p1 = {1, 5}, p1b = {1, 2};
    jmap_diag_add(&list, JMAP_RULE_UNUSED, p3, "c");
    jmap_diag_add(&list, JMAP_RULE_TYPE, p1, "b1");
    jmap_diag_add(&list, JMAP_RULE_SYNTAX, p1b, "a");
    jmap_diag_add(&list, JMAP_RULE_UNUSED, p1, "b2");
    jmap_diag_list_sort(&list);
    assert_string_equal(list.items[0].message, "a");
    assert_string_equal(list.items[1].message, "b1");
    assert_string_equal(list.items[2].message, "b2");
    assert_string_equal(list.items[3].message, "c");
    assert_int_equal(list.errors, 2);
    assert_int_equal(list.warnings, 2);
    jmap_diag_list_destroy(&list);
}

/* The line index that hints quote the source through: lines numbered as
 * libyaml does (CRLF, CR, LS), the byte-order mark skipped, columns in
 * code points. */
static void test_line_index(void **state)
{
    (void)state;
    const char *src = "\xEF\xBB\xBF"
                      "a: 1\r\nb: \xC3\xA9t\xC3\xA9 : x\rc\xE2\x80\xA8"
                      "d\n";
    jmap_lines lines;
    jmap_lines_init(&lines, src, strlen(src));
    const char *line;
    size_t n;
    assert_true(jmap_lines_get(&lines, 1, &line, &n));
    assert_int_equal(line - src, 3);
    assert_int_equal(n, 4);
    assert_true(jmap_lines_get(&lines, 3, &line, &n));
    assert_int_equal(n, 1);
    assert_int_equal(*line, 'c');
    assert_true(jmap_lines_get(&lines, 4, &line, &n));
    assert_int_equal(*line, 'd');
    assert_false(jmap_lines_get(&lines, 6, &line, &n));
    jmap_pos colon = {2, 8}; /* "b: été :": column 8, byte 10 of the line */
    size_t at = jmap_lines_offset(&lines, colon);
    assert_int_equal(src[at], ':');
    jmap_pos none = {9, 1};
    assert_int_equal(jmap_lines_offset(&lines, none), (size_t)-1);
    jmap_lines_destroy(&lines);
}

/* The quoted form a hint shows is a valid YAML double-quoted text. */
static void test_quoted_form(void **state)
{
    (void)state;
    jmap_buf b;
    jmap_buf_init(&b);
    const char *text = "\xC2\xAB Remarque \xC2\xBB : \"dit\" a\\b";
    jmap_buf_put_quoted(&b, text, strlen(text));
    assert_string_equal(b.data, "\"\xC2\xAB Remarque \xC2\xBB : \\\"dit\\\" a\\\\b\"");
    jmap_buf_destroy(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caret_under_column),
        cmocka_unit_test(test_columns_are_characters),
        cmocka_unit_test(test_tabs_kept_in_caret_line),
        cmocka_unit_test(test_crlf_and_bom_not_shown),
        cmocka_unit_test(test_long_line_is_windowed),
        cmocka_unit_test(test_control_characters_never_printed),
        cmocka_unit_test(test_no_source_line),
        cmocka_unit_test(test_color_only_when_asked),
        cmocka_unit_test(test_sort_is_stable_by_position),
        cmocka_unit_test(test_line_index),
        cmocka_unit_test(test_quoted_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
