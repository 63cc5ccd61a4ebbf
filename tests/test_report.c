/* test_report.c - lint reports: the filter (disabled rules, --quiet,
 * `# jmap-disable-line` comments) and the four formatters. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

/* A map with one warning of each kind the filter tests need: an unused
 * touchpoint (line 3), a touchpoint without owner (line 4, two findings),
 * an empty stage (line 8). */
#define WARNINGS_MAP                                                          \
    MAP_HEAD "departments: {d: D}\n"                                          \
             "touchpoints:\n"                                                 \
             "  t: {name: T, owner: d}%s\n"                                   \
             "  u: U%s\n"                                                     \
             "stages:\n"                                                      \
             "  - {id: a, name: A, steps: [{name: S, touchpoints: [t]}]}\n"   \
             "  - id: b%s\n"                                                  \
             "    name: B\n"

/* a + b + c in a heap string. */
static char *concat(const char *a, const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *s = malloc(na + nb + nc + 1);
    assert_non_null(s);
    memcpy(s, a, na);
    memcpy(s + na, b, nb);
    memcpy(s + na + nb, c, nc + 1);
    return s;
}

/* Loads WARNINGS_MAP with the three comments put in place. */
static char *warnings_map(loaded *l, const char *c1, const char *c2, const char *c3)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    fprintf(f, WARNINGS_MAP, c1, c2, c3);
    fclose(f);
    load_string(l, text);
    return text;
}

static void test_filter_comment_silences_named_rule(void **state)
{
    (void)state;
    loaded l;
    char *text = warnings_map(&l, "", "  # jmap-disable-line unused", "");
    size_t before = l.diags.count;
    assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 1);
    size_t removed = jmap_diag_list_filter(&l.diags, NULL, text, strlen(text));
    assert_int_equal(removed, 1);
    assert_int_equal(l.diags.count, before - 1);
    assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 0);
    assert_int_equal(count_diag(&l, JMAP_RULE_NO_OWNER), 1); /* same line, kept */
    assert_int_equal(l.diags.warnings, l.diags.count);
    loaded_destroy(&l);
    free(text);
}

static void test_filter_comment_several_rules_and_bare(void **state)
{
    (void)state;
    loaded l;
    char *text = warnings_map(&l, "", " # jmap-disable-line no-owner, unused",
                              " # jmap-disable-line");
    jmap_diag_list_filter(&l.diags, NULL, text, strlen(text));
    assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 0);
    assert_int_equal(count_diag(&l, JMAP_RULE_NO_OWNER), 0);
    assert_int_equal(count_diag(&l, JMAP_RULE_EMPTY_STAGE), 0);
    assert_int_equal(l.diags.count, 0);
    assert_int_equal(l.diags.warnings, 0);
    loaded_destroy(&l);
    free(text);
}

static void test_filter_comment_other_rule_keeps(void **state)
{
    (void)state;
    loaded l;
    char *text = warnings_map(&l, "", " # jmap-disable-line empty-stage", "");
    size_t before = l.diags.count;
    assert_int_equal(jmap_diag_list_filter(&l.diags, NULL, text, strlen(text)), 0);
    assert_int_equal(l.diags.count, before);
    loaded_destroy(&l);
    free(text);
}

static void test_filter_not_a_comment(void **state)
{
    (void)state;
    /* Inside quotes, glued to a word, or misspelt: no effect. */
    const char *const lines[] = {
        "  t: {name: \"T # jmap-disable-line unused\"}\n",
        "  t: {name: T#jmap-disable-line unused}\n",
        "  t: {name: T}  # jmap-disable-lines unused\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char *text = concat(MAP_HEAD "touchpoints:\n", lines[i],
                                      "stages: [{id: a, name: A}]\n");
        loaded l;
        load_string(&l, text);
        size_t unused = count_diag(&l, JMAP_RULE_UNUSED);
        assert_true(unused >= 1);
        jmap_diag_list_filter(&l.diags, NULL, text, strlen(text));
        assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), unused);
        loaded_destroy(&l);
        free(text);
    }
}

static void test_filter_comment_after_quoted_value(void **state)
{
    (void)state;
    char *text = concat(MAP_HEAD "touchpoints:\n",
                                  "  t: 'Léa''s # page'  # jmap-disable-line unused,no-owner\n",
                                  "stages: [{id: a, name: A}]\n");
    loaded l;
    load_string(&l, text);
    jmap_diag_list_filter(&l.diags, NULL, text, strlen(text));
    assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 0);
    assert_int_equal(count_diag(&l, JMAP_RULE_NO_OWNER), 0);
    loaded_destroy(&l);
    free(text);
}

static void test_filter_comment_with_cr_line_ends(void **state)
{
    (void)state;
    /* CRLF, lone-CR, NEL and LS line ends count lines as the YAML parser
     * does. */
    const char *const maps[] = {
        MAP_HEAD "touchpoints:\r\n  t: T # jmap-disable-line unused\r\n"
                 "stages: [{id: a, name: A}]\r\n",
        "jmap: 1\rtitle: T\rtouchpoints:\r  t: T # jmap-disable-line unused\r"
        "stages: [{id: a, name: A}]\r",
        "jmap: 1\ntitle: T # a\xc2\x85touchpoints:\n  t: T # jmap-disable-line unused\n"
        "stages: [{id: a, name: A}]\n",
        "jmap: 1\ntitle: T # a\xe2\x80\xa8touchpoints:\n  t: T # jmap-disable-line unused\n"
        "stages: [{id: a, name: A}]\n",
    };
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) {
        loaded l;
        load_string(&l, maps[i]);
        const jmap_diag *d = find_diag(&l, JMAP_RULE_UNUSED, 0, 0);
        assert_non_null(d);
        assert_int_equal(d->pos.line, 4);
        jmap_diag_list_filter(&l.diags, NULL, maps[i], strlen(maps[i]));
        assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 0);
        assert_int_equal(count_diag(&l, JMAP_RULE_NO_OWNER), 1);
        loaded_destroy(&l);
    }
}

static void test_filter_disabled_rules_and_quiet(void **state)
{
    (void)state;
    loaded l;
    char *text = warnings_map(&l, "", "", "");
    jmap_diag_add(&l.diags, JMAP_RULE_BAD_VALUE, (jmap_pos){1, 1}, "an error");
    jmap_diag_filter f;
    memset(&f, 0, sizeof f);
    f.disabled[JMAP_RULE_UNUSED] = 1;
    jmap_diag_list_filter(&l.diags, &f, NULL, 0);
    assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 0);
    assert_true(count_diag(&l, JMAP_RULE_NO_OWNER) > 0);
    f.errors_only = 1;
    jmap_diag_list_filter(&l.diags, &f, NULL, 0);
    assert_int_equal(l.diags.count, 1);
    assert_int_equal(l.diags.errors, 1);
    assert_int_equal(l.diags.warnings, 0);
    assert_int_equal(l.diags.items[0].rule, JMAP_RULE_BAD_VALUE);
    loaded_destroy(&l);
    free(text);
}

/* ---- formatters ---- */

/* The report of one file with the given diagnostics, as a heap string. */
static char *report(jmap_report_format format, const char *path, const char *src,
                    const jmap_diag_list *diags, const char *io_error)
{
    jmap_report_file file = {path, src, src ? strlen(src) : 0, diags, io_error};
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    assert_int_equal(jmap_report_write(f, format, &file, 1, 0), 0);
    fclose(f);
    return out;
}

static void one_diag(jmap_diag_list *list, jmap_rule rule, int line, int col,
                     const char *msg)
{
    jmap_diag_list_init(list);
    jmap_diag_add(list, rule, (jmap_pos){line, col}, "%s", msg);
}

static void test_format_names(void **state)
{
    (void)state;
    assert_int_equal(jmap_report_format_from_name("text"), JMAP_REPORT_TEXT);
    assert_int_equal(jmap_report_format_from_name("json"), JMAP_REPORT_JSON);
    assert_int_equal(jmap_report_format_from_name("sarif"), JMAP_REPORT_SARIF);
    assert_int_equal(jmap_report_format_from_name("github"), JMAP_REPORT_GITHUB);
    assert_int_equal(jmap_report_format_from_name("xml"), -1);
    for (int i = 0; jmap_report_format_name(i); i++)
        assert_int_equal(jmap_report_format_from_name(jmap_report_format_name(i)), i);
    assert_null(jmap_report_format_name(4));
    assert_null(jmap_report_format_name(-1));
}

static void test_text_is_compiler_style_with_summary(void **state)
{
    (void)state;
    jmap_diag_list list;
    one_diag(&list, JMAP_RULE_UNUSED, 2, 3, "touchpoint 'x' is never used");
    char *out = report(JMAP_REPORT_TEXT, "m.yaml", "a: 1\n  x: y\n", &list, NULL);
    assert_string_equal(out, "m.yaml:2:3: warning: touchpoint 'x' is never used [unused]\n"
                             "  x: y\n  ^\n1 warning in 1 file\n");
    free(out);
    jmap_diag_list_destroy(&list);
}

static void test_text_unreadable_in_summary(void **state)
{
    (void)state;
    char *out = report(JMAP_REPORT_TEXT, "gone.yaml", NULL, NULL, "No such file");
    assert_string_equal(out, "no file checked; 1 file could not be read\n");
    free(out);
}

static void test_json_escapes_and_positions(void **state)
{
    (void)state;
    jmap_diag_list list;
    one_diag(&list, JMAP_RULE_BAD_VALUE, 4, 9, "'lang' is \"de\\\"");
    jmap_diag_add(&list, JMAP_RULE_LIMIT, (jmap_pos){0, 0}, "too big");
    char *out = report(JMAP_REPORT_JSON, "dir/a\"b.yaml", NULL, &list, NULL);
    assert_non_null(strstr(out, "\"path\": \"dir/a\\\"b.yaml\""));
    assert_non_null(strstr(out, "\"message\": \"'lang' is \\\"de\\\\\\\"\""));
    assert_non_null(strstr(out, "\"rule\": \"bad-value\", \"severity\": \"error\""));
    assert_non_null(strstr(out, "\"line\": 4, \"column\": 9"));
    assert_non_null(strstr(out, "\"line\": null, \"column\": null"));
    assert_non_null(strstr(out, "\"totals\": {\"files\": 1, \"errors\": 2, \"warnings\": 0"));
    free(out);
    jmap_diag_list_destroy(&list);
}

static void test_json_unreadable_file_has_error(void **state)
{
    (void)state;
    char *out = report(JMAP_REPORT_JSON, "gone.yaml", NULL, NULL, "No such file");
    assert_non_null(strstr(out, "{\"path\": \"gone.yaml\", \"error\": \"No such file\""));
    assert_non_null(strstr(out, "\"unreadable\": 1"));
    assert_non_null(strstr(out, "\"findings\": []"));
    free(out);
}

static void test_json_is_always_utf8(void **state)
{
    (void)state;
    char *out = report(JMAP_REPORT_JSON, "caf\xc3\xa9-\xff\xc3.yaml", NULL, NULL, NULL);
    assert_non_null(strstr(out, "\"path\": \"caf\xc3\xa9-\\ufffd\\ufffd.yaml\""));
    free(out);
}

static void test_github_escapes(void **state)
{
    (void)state;
    jmap_diag_list list;
    one_diag(&list, JMAP_RULE_UNKNOWN_KEY, 3, 5, "100% wrong");
    list.items[0].message[0] = '\n'; /* a message can never hold one; the escaper still copes */
    char *out = report(JMAP_REPORT_GITHUB, "maps/a:b,c%.yaml", NULL, &list, NULL);
    assert_string_equal(out, "::error file=maps/a%3Ab%2Cc%25.yaml,line=3,col=5,"
                             "title=unknown-key::%0A00%25 wrong\n"
                             "1 error in 1 file\n");
    free(out);
    jmap_diag_list_destroy(&list);
}

static void test_github_warning_and_whole_file(void **state)
{
    (void)state;
    jmap_diag_list list;
    one_diag(&list, JMAP_RULE_EMPTY_STAGE, 0, 0, "stage 'x' has no steps");
    char *out = report(JMAP_REPORT_GITHUB, "m.yaml", NULL, &list, NULL);
    assert_string_equal(out, "::warning file=m.yaml,title=empty-stage::stage 'x' has no "
                             "steps\n1 warning in 1 file\n");
    free(out);
    jmap_diag_list_destroy(&list);
}

static void test_sarif_has_every_rule_and_column_kind(void **state)
{
    (void)state;
    jmap_diag_list list;
    one_diag(&list, JMAP_RULE_DUPLICATE_ID, 7, 2, "duplicate");
    char *out = report(JMAP_REPORT_SARIF, "my maps/a.yaml", NULL, &list, NULL);
    for (int r = 0; r < JMAP_RULE_COUNT_; r++) {
        char id[96];
        snprintf(id, sizeof id, "{\"id\": \"%s\"", jmap_rule_info_get((jmap_rule)r)->name);
        assert_non_null(strstr(out, id));
    }
    assert_non_null(strstr(out, "\"columnKind\": \"unicodeCodePoints\""));
    assert_non_null(strstr(out, "\"ruleId\": \"duplicate-id\", \"ruleIndex\": 5"));
    assert_non_null(strstr(out, "\"uri\": \"my%20maps/a.yaml\""));
    assert_non_null(strstr(out, "\"region\": {\"startLine\": 7, \"startColumn\": 2}"));
    assert_non_null(strstr(out, "\"executionSuccessful\": true"));
    free(out);
    jmap_diag_list_destroy(&list);
}

static void test_sarif_unreadable_is_a_notification(void **state)
{
    (void)state;
    char *out = report(JMAP_REPORT_SARIF, "gone.yaml", NULL, NULL, "No such file");
    assert_non_null(strstr(out, "\"executionSuccessful\": false"));
    assert_non_null(strstr(out, "\"toolExecutionNotifications\""));
    assert_non_null(strstr(out, "cannot read 'gone.yaml': No such file"));
    assert_non_null(strstr(out, "\"results\": []"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_comment_silences_named_rule),
        cmocka_unit_test(test_filter_comment_several_rules_and_bare),
        cmocka_unit_test(test_filter_comment_other_rule_keeps),
        cmocka_unit_test(test_filter_not_a_comment),
        cmocka_unit_test(test_filter_comment_after_quoted_value),
        cmocka_unit_test(test_filter_comment_with_cr_line_ends),
        cmocka_unit_test(test_filter_disabled_rules_and_quiet),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_text_is_compiler_style_with_summary),
        cmocka_unit_test(test_text_unreadable_in_summary),
        cmocka_unit_test(test_json_escapes_and_positions),
        cmocka_unit_test(test_json_unreadable_file_has_error),
        cmocka_unit_test(test_json_is_always_utf8),
        cmocka_unit_test(test_github_escapes),
        cmocka_unit_test(test_github_warning_and_whole_file),
        cmocka_unit_test(test_sarif_has_every_rule_and_column_kind),
        cmocka_unit_test(test_sarif_unreadable_is_a_notification),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
