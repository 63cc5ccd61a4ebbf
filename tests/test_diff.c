/* test_diff.c - comparing two journeys (diff.c) and the words of its
 * reports: every kind named once, every diff word in every language, counts
 * written as each language writes them, the threshold of close texts, and
 * a comparison of 16,000 steps against itself with 100 changes whose cost
 * stays linear (it would take minutes if matching were quadratic). */
#include "helpers.h"
#include "words.h"

#include <stdio.h>
#include <stdlib.h>

#define NBSP "\xc2\xa0"

static void test_every_kind_named_once(void **state)
{
    (void)state;
    for (int k = 0; k < JMAP_CHANGE_COUNT_; k++) {
        const char *name = jmap_change_kind_name(k);
        assert_non_null(name);
        for (int j = 0; j < k; j++)
            assert_string_not_equal(name, jmap_change_kind_name(j));
    }
    assert_null(jmap_change_kind_name(JMAP_CHANGE_COUNT_));
    assert_null(jmap_change_kind_name(-1));
    assert_int_equal(jmap_diff_format_from_name("markdown"), JMAP_DIFF_MARKDOWN);
    assert_int_equal(jmap_diff_format_from_name("sarif"), -1);
}

static void test_every_word_in_every_language(void **state)
{
    (void)state;
    for (int lang = 0; lang < JMAP_N_LANGS; lang++)
        for (int w = 0; w < DW_COUNT_; w++)
            for (size_t n = 1; n <= 2; n++) {
                const char *t = jmap_diff_word_text((jmap_lang)lang, (jmap_diff_word)w, n);
                if (!t || !*t)
                    fail_msg("diff word %d has no text in language %d", w, lang);
            }
    assert_string_equal(jmap_diff_word_text(JMAP_LANG_FR, DW_STEP_ADDED, 2),
                        "actions ajoutées");
    assert_string_equal(jmap_diff_word_text(JMAP_LANG_EN, DW_IRRITANT_SOLVED, 1),
                        "irritant solved");
}

static void test_counts(void **state)
{
    (void)state;
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_format_count(&b, JMAP_LANG_EN, 16000);
    jmap_buf_puts(&b, " ");
    jmap_format_count(&b, JMAP_LANG_FR, 1234567);
    jmap_buf_puts(&b, " ");
    jmap_format_count(&b, JMAP_LANG_FR, 999);
    assert_string_equal(b.data, "16,000 1" NBSP "234" NBSP "567 999");
    jmap_buf_destroy(&b);
}

#define ONE_STEP                                                               \
    "jmap: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    steps:\n"          \
    "      - name: Checks out\n        irritants:\n          - %s\n"

/* The kinds of the changes from `old_text` to `new_text` (irritant texts
 * of one step), as "kind kind ...". */
static char *kinds_between(const char *old_text, const char *new_text)
{
    char a[512], b[512];
    snprintf(a, sizeof a, ONE_STEP, old_text);
    snprintf(b, sizeof b, ONE_STEP, new_text);
    loaded x, y;
    load_string(&x, a);
    load_string(&y, b);
    assert_int_equal(x.diags.errors + y.diags.errors, 0);
    jmap_change_list l;
    jmap_change_list_init(&l);
    jmap_journey_diff(x.journey, y.journey, &l);
    jmap_buf out;
    jmap_buf_init(&out);
    jmap_buf_puts(&out, "");
    for (size_t i = 0; i < l.count; i++)
        jmap_buf_printf(&out, "%s%s", i ? " " : "", jmap_change_kind_name(l.items[i].kind));
    jmap_change_list_destroy(&l);
    loaded_destroy(&x);
    loaded_destroy(&y);
    return jmap_buf_take(&out);
}

static void test_close_texts(void **state)
{
    (void)state;
    char *k = kinds_between("Has to type the address twice",
                            "Has to type the address two times");
    assert_string_equal(k, "irritant-changed");
    free(k);
    k = kinds_between("Refund takes ten days", "Tracking link broken");
    assert_string_equal(k, "irritant-added irritant-removed");
    free(k);
    k = kinds_between("Refund takes ten days", "Refund takes ten days");
    assert_string_equal(k, "");
    free(k);
    /* Same text, another severity: one field changed, not a new irritant. */
    k = kinds_between("Refund takes ten days", "{name: Refund takes ten days, severity: high}");
    assert_string_equal(k, "irritant-changed");
    free(k);
}

/* A journey of `n` steps in stages of 100, each step with an emotion and
 * every other a moment; `changed` steps (evenly spread) get another emotion. */
static char *big_map(size_t n, size_t changed)
{
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_buf_puts(&b, "jmap: 1\ntitle: Big\nstages:\n");
    size_t every = changed ? n / changed : n + 1;
    for (size_t i = 0; i < n; i++) {
        if (i % 100 == 0)
            jmap_buf_printf(&b, "  - id: st%zu\n    name: Stage %zu\n    steps:\n", i / 100,
                            i / 100);
        jmap_buf_printf(&b, "      - name: Step %zu\n        emotion: %d\n", i,
                        (changed && i % every == 0) ? 2 : 1);
        if (i % 2 == 0)
            jmap_buf_printf(&b, "        moments: [Moment of step %zu]\n", i);
    }
    return jmap_buf_take(&b);
}

static void test_big_maps_linear(void **state)
{
    (void)state;
    char *a = big_map(16000, 0), *b = big_map(16000, 100);
    loaded x, y;
    load_string(&x, a);
    load_string(&y, b);
    assert_int_equal(x.diags.errors + y.diags.errors, 0);
    jmap_change_list l;
    jmap_change_list_init(&l);
    jmap_journey_diff(x.journey, y.journey, &l);
    assert_int_equal(l.count, 100);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.items[i].kind, JMAP_CHANGE_EMOTION);
    jmap_change_list_destroy(&l);
    jmap_change_list_init(&l);
    jmap_journey_diff(x.journey, x.journey, &l);
    assert_int_equal(l.count, 0);
    jmap_change_list_destroy(&l);
    loaded_destroy(&x);
    loaded_destroy(&y);
    free(a);
    free(b);
}

/* The content keys: a metric's figures, sources as sets, a step's
 * personas and actions whatever their order. */
#define CONTENT_HEAD                                                           \
    "jmap: 1\ntitle: T\ndepartments: {a: A, b: B}\nstages:\n  - id: s\n"       \
    "    name: S\n    steps:\n"

static void test_content_changes(void **state)
{
    (void)state;
    const char *old_map = CONTENT_HEAD "      - name: A\n"
                                   "        id: a\n"
                                   "        metrics: [{name: Rate, value: 2.3, target: 3}]\n"
                                   "        actions: {a: One, b: Two}\n"
                                   "        irritants: [{name: X, sources: [survey, review]}]\n";
    const char *same = CONTENT_HEAD "      - name: A\n"
                                "        id: a\n"
                                "        metrics: [{name: Rate, value: 2.30, target: 3.0}]\n"
                                "        actions: {b: Two, a: One}\n"
                                "        irritants: [{name: X, sources: [review, survey]}]\n";
    const char *other = CONTENT_HEAD "      - name: A\n"
                                 "        id: a\n"
                                 "        metrics: [{name: Rate, value: 2.5}]\n"
                                 "        actions: {a: One}\n"
                                 "        irritants: [{name: X, sources: [survey]}]\n";
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_journey *a = jmap_journey_load(old_map, strlen(old_map), &diags);
    jmap_journey *b = jmap_journey_load(same, strlen(same), &diags);
    jmap_journey *c = jmap_journey_load(other, strlen(other), &diags);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(diags.errors, 0);
    jmap_change_list l;
    jmap_change_list_init(&l);
    jmap_journey_diff(a, b, &l);
    assert_int_equal(l.count, 0);
    jmap_change_list_destroy(&l);
    jmap_change_list_init(&l);
    jmap_journey_diff(a, c, &l);
    assert_int_equal(l.count, 4);
    assert_int_equal(l.items[0].kind, JMAP_CHANGE_IRRITANT_CHANGED);
    assert_string_equal(l.items[0].field, "sources");
    assert_string_equal(l.items[0].old_value, "survey review");
    assert_string_equal(l.items[0].new_value, "survey");
    assert_int_equal(l.items[1].kind, JMAP_CHANGE_METRIC_CHANGED);
    assert_string_equal(l.items[1].field, "value");
    assert_int_equal(l.items[1].type, JMAP_VALUE_NUMBER);
    assert_string_equal(l.items[1].old_value, "2.3");
    assert_string_equal(l.items[1].new_value, "2.5");
    assert_string_equal(l.items[2].field, "target");
    assert_null(l.items[2].new_value);
    assert_int_equal(l.items[3].kind, JMAP_CHANGE_ACTION_REMOVED);
    assert_string_equal(l.items[3].item, "b");
    jmap_change_list_destroy(&l);
    jmap_journey_free(a);
    jmap_journey_free(b);
    jmap_journey_free(c);
    jmap_diag_list_destroy(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind_named_once),
        cmocka_unit_test(test_every_word_in_every_language),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_close_texts),
        cmocka_unit_test(test_content_changes),
        cmocka_unit_test(test_big_maps_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
