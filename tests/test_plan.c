/* test_plan.c - the action report's computation (src/core/plan.c): the
 * priority rule and its ties, "no owner" first and owners by total, owners
 * and stages of several maps merged by name, the emotion curves with plain
 * emotions counting for every persona, the steps with the most irritants
 * bounded, French numbers; and the public entry points' refusals. */
#include "helpers.h"
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>

static jmap_plan *plan_of(loaded *l, size_t n, const char *const *paths)
{
    jmap_plan_map *maps = calloc(n, sizeof *maps);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(l[i].journey);
        assert_int_equal(l[i].diags.errors, 0);
        maps[i] = (jmap_plan_map){paths[i], l[i].journey};
    }
    jmap_plan *p = jmap_plan_new(maps, n);
    p->maps = NULL; /* the copy is freed here; nothing below reads it */
    free(maps);
    return p;
}

static const char ties[] =
    "jmap: 1\ntitle: T\ndepartments: {a: A, b: B}\nstages:\n"
    "  - id: s\n    name: S\n    steps:\n"
    "      - name: One\n        irritants:\n"
    "          - {name: low6, severity: low, frequency: 6, owner: a}\n"
    "          - {name: med3, severity: medium, frequency: 3, owner: b}\n"
    "          - {name: nobody, severity: high}\n"
    "      - name: Two\n        irritants:\n"
    "          - {name: high2, severity: high, frequency: 2, owner: a}\n"
    "          - {name: low6b, severity: low, frequency: 6, owner: b}\n";

static void test_ranking(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, ties);
    const char *path = "dir/ties.yaml";
    jmap_plan *p = plan_of(&l, 1, &path);
    static const char *const want[] = {"high2", "med3", "low6", "low6b", "nobody"};
    static const long prio[] = {6, 6, 6, 6, 3};
    assert_int_equal(p->n_rows, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(p->rows[i].irritant->name.str, want[i]);
        assert_int_equal(p->rows[i].priority, prio[i]);
        assert_int_equal(p->rows[i].rank, i + 1);
    }
    assert_int_equal(p->rows[4].frequency, 1); /* not given: counted as 1 */
    assert_string_equal(p->names[0], "ties");
    /* "no owner" first though its total is the lowest, then by total */
    assert_int_equal(p->n_owners, 3);
    assert_null(p->owners[0].name);
    assert_int_equal(p->owners[0].total, 3);
    assert_int_equal(p->owners[1].total, 12);
    assert_int_equal(p->owners[2].total, 12);
    assert_string_equal(p->owners[1].name, "A"); /* tie: the first to appear */
    assert_int_equal(p->owners[1].n_no_remedy, 2);
    assert_int_equal(p->heat_max, 12);
    jmap_plan_free(p);
    loaded_destroy(&l);
}

static void test_several_maps_merge_names(void **state)
{
    (void)state;
    loaded l[2];
    load_string(&l[0], "jmap: 1\ntitle: A\nlang: fr\ndepartments: {x: Care}\nstages:\n"
                       "  - id: s\n    name: Buy\n    steps:\n      - name: a\n"
                       "        irritants: [{name: i, owner: x, frequency: 2}]\n");
    load_string(&l[1], "jmap: 1\ntitle: B\nlang: fr\ndepartments: {y: Care}\nstages:\n"
                       "  - id: t\n    name: Buy\n    steps:\n      - name: b\n"
                       "        irritants: [{name: j, owner: y, frequency: 5}]\n");
    const char *paths[] = {"a.yml", "b"};
    jmap_plan *p = plan_of(l, 2, paths);
    assert_int_equal(p->lang, JMAP_LANG_FR);
    assert_int_equal(p->n_owners, 1);
    assert_int_equal(p->owners[0].total, 14);
    assert_int_equal(p->n_stages, 1);
    assert_int_equal(p->stages[0].heat[0], 14);
    assert_int_equal(p->stages[0].n_steps, 2);
    assert_string_equal(p->names[0], "a");
    assert_int_equal(p->rows[0].map, 1);
    assert_int_equal(p->all.steps, 2);
    jmap_plan_free(p);
    loaded_destroy(&l[0]);
    loaded_destroy(&l[1]);
}

static void test_curves(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, "jmap: 1\ntitle: C\npersonas: {p: {name: P}, q: {name: Q}}\nstages:\n"
                    "  - id: s\n    name: S\n    steps:\n"
                    "      - {name: a, emotion: {p: -1, q: 2}}\n"
                    "      - {name: b, emotion: -2}\n"
                    "      - {name: c, emotion: {p: -2}}\n");
    const char *path = "c.yaml";
    jmap_plan *p = plan_of(&l, 1, &path);
    assert_int_equal(p->n_curves, 2);
    assert_int_equal(p->curves[0].n, 3); /* its own, the plain one, its own */
    assert_int_equal(p->curves[0].lowest, -2);
    assert_int_equal(p->curves[0].n_lowest, 2);
    assert_int_equal(p->curves[1].n, 2);
    assert_int_equal(p->curves[1].lowest, -2);
    assert_string_equal(p->curves[1].steps[1]->id, "b");
    jmap_plan_free(p);
    loaded_destroy(&l);
}

static void test_hot_steps_bounded(void **state)
{
    (void)state;
    jmap_buf y;
    jmap_buf_init(&y);
    jmap_buf_puts(&y, "jmap: 1\ntitle: H\nstages:\n  - id: s\n    name: S\n    steps:\n");
    for (int i = 0; i < 30; i++) {
        jmap_buf_printf(&y, "      - name: s%d\n        irritants:\n", i);
        for (int k = 0; k <= i % 4; k++)
            jmap_buf_printf(&y, "          - x%d\n", k);
    }
    loaded l;
    load_string(&l, y.data);
    const char *path = "h.yaml";
    jmap_plan *p = plan_of(&l, 1, &path);
    assert_int_equal(p->n_hot, JMAP_PLAN_HOT_STEPS);
    assert_string_equal(p->hot[0].step->id, "s3"); /* 4 irritants, the first */
    assert_string_equal(p->hot[1].step->id, "s7");
    for (size_t i = 0; i < p->n_hot; i++)
        assert_true(p->hot[i].step->n_irritants >= 3);
    jmap_plan_free(p);
    loaded_destroy(&l);
    jmap_buf_destroy(&y);
}

static void test_numbers(void **state)
{
    (void)state;
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_plan_format_long(&b, JMAP_LANG_EN, 1234567);
    jmap_buf_puts(&b, " ");
    jmap_plan_format_long(&b, JMAP_LANG_FR, 3600);
    jmap_buf_puts(&b, " ");
    jmap_plan_format_long(&b, JMAP_LANG_FR, 999);
    assert_string_equal(b.data, "1,234,567 3\xe2\x80\xaf" "600 999");
    jmap_buf_destroy(&b);
}

static void test_entry_points_refuse(void **state)
{
    (void)state;
    assert_int_equal(jmap_plan_format_from_name("markdown"), JMAP_PLAN_MARKDOWN);
    assert_int_equal(jmap_plan_format_from_name("docx"), -1);
    assert_string_equal(jmap_plan_format_name(JMAP_PLAN_CSV), "csv");
    assert_null(jmap_plan_format_name(JMAP_PLAN_CSV + 1));
    loaded l;
    load_string(&l, ties);
    jmap_plan_map m = {"t.yaml", l.journey};
    FILE *out = tmpfile();
    assert_int_equal(jmap_plan_write(out, &m, 1, JMAP_PLAN_PDF), JMAP_ERR_USAGE);
    assert_int_equal(jmap_plan_write(out, &m, 0, JMAP_PLAN_JSON), JMAP_ERR_USAGE);
    assert_int_equal(jmap_plan_write(out, &m, 1, JMAP_PLAN_CSV), 0);
    fclose(out);
    loaded_destroy(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_several_maps_merge_names),
        cmocka_unit_test(test_curves),
        cmocka_unit_test(test_hot_steps_bounded),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_entry_points_refuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
