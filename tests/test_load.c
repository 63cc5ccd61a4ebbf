/* test_load.c - the loader: the journey graph, its positions, default ids,
 * successors and resolved references. */
#include "helpers.h"

#include <stdlib.h>

static const char *const full_map =
    MAP_HEAD
    "description: A short test\n"
    "lang: fr\n"
    "personas:\n"
    "  lea: {name: Léa, description: Runner, goals: [Fit, Cheap]}\n"
    "  tom: Tom\n"
    "departments:\n"
    "  mkt: Marketing\n"
    "  log: {name: Logistics, visibility: support}\n"
    "  care: {name: Care, visibility: frontstage}\n"
    "touchpoints:\n"
    "  ads: {name: Ads, channel: digital, owner: mkt}\n"
    "  phone: {name: Hotline, channel: human, owner: care}\n"
    "  box: {name: Parcel, channel: physical, owner: log}\n"
    "stages:\n"
    "  - id: aware\n"
    "    name: Awareness\n"
    "    duration: 2w\n"
    "    steps:\n"
    "      - name: Sees an ad\n"
    "        emotion: {lea: 1, tom: -2}\n"
    "        touchpoints: [ads]\n"
    "        duration: 1.5h\n"
    "  - id: buy\n"
    "    name: Purchase\n"
    "    steps:\n"
    "      - name: Réception du colis\n"
    "        emotion: {lea: 2, tom: 0}\n"
    "        touchpoints: [box]\n"
    "        departments: [care]\n"
    "        irritants:\n"
    "          - Box damaged\n"
    "          - {name: Late, severity: high, frequency: 37, owner: log, remedy: Track it}\n"
    "        moments: [Nice packaging]\n"
    "        ideas: [Add a note, Free returns]\n"
    "      - name: Calls\n"
    "        id: calls\n"
    "        emotion: {lea: -1, tom: -1}\n"
    "        touchpoints: [phone]\n"
    "        next: [sees-an-ad, calls]\n";

static void test_graph_shape(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, full_map);
    assert_int_equal(l.diags.count, 0);
    const jmap_journey *j = l.journey;
    assert_non_null(j);
    assert_string_equal(j->title.str, "T");
    assert_string_equal(j->description.str, "A short test");
    assert_int_equal(j->lang, JMAP_LANG_FR);
    assert_int_equal(j->n_personas, 2);
    assert_string_equal(j->personas[0].name.str, "Léa");
    assert_int_equal(j->personas[0].n_goals, 2);
    assert_string_equal(j->personas[0].goals[1].str, "Cheap");
    assert_string_equal(j->personas[1].name.str, "Tom");
    assert_int_equal(j->n_departments, 3);
    assert_int_equal(j->departments[0].visibility, JMAP_VIS_BACKSTAGE);
    assert_int_equal(j->departments[1].visibility, JMAP_VIS_SUPPORT);
    assert_int_equal(j->departments[2].visibility, JMAP_VIS_FRONTSTAGE);
    assert_int_equal(j->n_touchpoints, 3);
    assert_int_equal(j->touchpoints[1].channel, JMAP_CHANNEL_HUMAN);
    assert_ptr_equal(j->touchpoints[1].owner.target, &j->departments[2]);
    assert_int_equal(j->n_stages, 2);
    assert_int_equal(j->n_steps, 3);
    assert_int_equal(j->stages[0].n_steps, 1);
    assert_int_equal(j->stages[1].n_steps, 2);
    assert_true(j->stages[0].duration.minutes == 2 * 7 * 1440);
    assert_string_equal(j->stages[0].duration.text, "2w");
    assert_true(j->stages[1].duration.minutes < 0);
    assert_true(j->steps[0]->duration.minutes == 90);
    assert_true(j->per_persona_emotions);
    loaded_destroy(&l);
}

static void test_steps_and_references(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, full_map);
    const jmap_journey *j = l.journey;
    jmap_step *const *s = j->steps;
    assert_string_equal(s[0]->id, "sees-an-ad");
    assert_true(s[0]->id_is_default);
    assert_string_equal(s[1]->id, "reception-du-colis");
    assert_string_equal(s[2]->id, "calls");
    assert_false(s[2]->id_is_default);
    assert_ptr_equal(s[1]->stage, &j->stages[1]);
    assert_int_equal(s[1]->index, 1);
    /* default successors cross stage boundaries; the last step has its own */
    assert_int_equal(s[0]->n_next, 1);
    assert_true(s[0]->next_is_default);
    assert_ptr_equal(s[0]->next[0].target, s[1]);
    assert_ptr_equal(s[1]->next[0].target, s[2]);
    assert_int_equal(s[2]->n_next, 2);
    assert_false(s[2]->next_is_default);
    assert_ptr_equal(s[2]->next[0].target, s[0]);
    assert_ptr_equal(s[2]->next[1].target, s[2]);
    /* emotions by persona */
    assert_int_equal(s[0]->n_emotions, 2);
    assert_ptr_equal(s[0]->emotions[0].persona.target, &j->personas[0]);
    assert_int_equal(s[0]->emotions[1].value, -2);
    /* touchpoints, departments, irritants, moments, ideas */
    assert_ptr_equal(s[1]->touchpoints[0].target, &j->touchpoints[2]);
    assert_ptr_equal(s[1]->departments[0].target, &j->departments[2]);
    assert_int_equal(s[1]->n_irritants, 2);
    assert_string_equal(s[1]->irritants[0].name.str, "Box damaged");
    assert_int_equal(s[1]->irritants[0].severity, JMAP_LEVEL_MEDIUM);
    assert_int_equal(s[1]->irritants[0].frequency, -1);
    assert_int_equal(s[1]->irritants[1].severity, JMAP_LEVEL_HIGH);
    assert_int_equal(s[1]->irritants[1].frequency, 37);
    assert_ptr_equal(s[1]->irritants[1].owner.target, &j->departments[1]);
    assert_string_equal(s[1]->irritants[1].remedy.str, "Track it");
    assert_ptr_equal(s[1]->irritants[1].step, s[1]);
    assert_int_equal(s[1]->n_moments, 1);
    assert_int_equal(s[1]->n_ideas, 2);
    assert_string_equal(s[1]->ideas[1].str, "Free returns");
    loaded_destroy(&l);
}

static void test_positions_are_one_based(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, full_map);
    const jmap_journey *j = l.journey;
    /* "  lea: {...}" is line 6; the key starts in column 3 */
    assert_int_equal(j->personas[0].pos.line, 6);
    assert_int_equal(j->personas[0].pos.column, 3);
    /* the first stage's mapping starts at "id: aware", line 17, column 5 */
    assert_int_equal(j->stages[0].pos.line, 17);
    assert_int_equal(j->stages[0].pos.column, 5);
    /* "      - name: Sees an ad": the step mapping at column 9, name at 15 */
    assert_int_equal(j->steps[0]->pos.line, 21);
    assert_int_equal(j->steps[0]->pos.column, 9);
    assert_int_equal(j->steps[0]->name.pos.line, 21);
    assert_int_equal(j->steps[0]->name.pos.column, 15);
    /* columns count characters, not bytes: "é" is one column */
    loaded_destroy(&l);
    load_string(&l, MAP_HEAD "stages:\n  - {id: é, name: x}\n");
    const jmap_diag *d = find_diag(&l, JMAP_RULE_BAD_VALUE, 0, 0);
    assert_non_null(d);
    assert_int_equal(d->pos.line, 4);
    assert_int_equal(d->pos.column, 10);
    loaded_destroy(&l);
    load_string(&l, MAP_HEAD "description: ééé\nlang: xx\nstages: []\n");
    d = find_diag(&l, JMAP_RULE_BAD_VALUE, 4, 7);
    assert_non_null(d);
    loaded_destroy(&l);
}

static void test_default_id_collisions(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD "stages:\n  - id: s\n    name: S\n    steps:\n"
                             "      - name: Waits\n"
                             "      - name: Waits\n"
                             "      - {name: Other, id: waits-3}\n"
                             "      - name: Waits\n"
                             "      - name: 東京\n");
    assert_int_equal(l.diags.errors, 0);
    jmap_step *const *s = l.journey->steps;
    assert_string_equal(s[0]->id, "waits");
    assert_string_equal(s[1]->id, "waits-2");
    assert_string_equal(s[2]->id, "waits-3");
    assert_string_equal(s[3]->id, "waits-4");
    assert_string_equal(s[4]->id, "step-5");
    loaded_destroy(&l);
}

static void test_next_single_and_empty(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD "stages:\n  - id: s\n    name: S\n    steps:\n"
                             "      - {name: A, next: c}\n"
                             "      - {name: B, next: []}\n"
                             "      - {name: C, next: b}\n");
    jmap_step *const *s = l.journey->steps;
    assert_int_equal(s[0]->n_next, 1);
    assert_ptr_equal(s[0]->next[0].target, s[2]);
    assert_int_equal(s[1]->n_next, 0);
    assert_false(s[1]->next_is_default);
    assert_ptr_equal(s[2]->next[0].target, s[1]);
    assert_int_equal(l.diags.count, 0);
    loaded_destroy(&l);
}

static void test_aliases_share_values(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD "departments: {d: D}\n"
                             "touchpoints: {t: {name: T, owner: d}}\n"
                             "stages:\n  - id: s\n    name: &n Shared\n    steps:\n"
                             "      - {name: *n, touchpoints: &tp [t]}\n"
                             "      - {name: B, touchpoints: *tp}\n");
    assert_int_equal(l.diags.count, 0);
    assert_string_equal(l.journey->steps[0]->name.str, "Shared");
    assert_ptr_equal(l.journey->steps[1]->touchpoints[0].target,
                     &l.journey->touchpoints[0]);
    loaded_destroy(&l);
}

static void test_bom_and_crlf_accepted(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, "\xef\xbb\xbfjmap: 1\r\ntitle: T\r\nstages:\r\n"
                    "  - {id: s, name: S, steps: [{name: A}]}\r\nlang: xx\r\n");
    assert_int_equal(l.diags.count, 1);
    const jmap_diag *d = find_diag(&l, JMAP_RULE_BAD_VALUE, 5, 7);
    assert_non_null(d);
    assert_string_equal(l.journey->title.str, "T");
    loaded_destroy(&l);
}

static void test_nothing_to_read(void **state)
{
    (void)state;
    static const char *const cases[] = {"", "# a comment\n", "~\n", "- a\n", "text\n"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        loaded l;
        load_string(&l, cases[i]);
        assert_null(l.journey);
        assert_int_equal(l.diags.errors, 1);
        assert_int_equal(l.diags.items[0].rule, JMAP_RULE_TYPE);
        assert_int_equal(l.diags.items[0].pos.line, 1);
        loaded_destroy(&l);
    }
}

/* The texts that the hints quote load as they are once quoted, and a
 * comma is no cut outside {}: no hint fires on a valid map. */
static void test_quoted_texts_load_clean(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD
                "personas:\n"
                "  ana: {name: Ana, description: \"Student, moves every year\"}\n"
                "  leo:\n"
                "    name: Léo\n"
                "    description: Étudiant, déménage, souvent\n"
                "stages:\n"
                "  - id: achat\n"
                "    name: Achat\n"
                "    steps:\n"
                "      - name: \"Remarque : trop cher\"\n"
                "        moments: [\"Le conseil : parfait\"]\n"
                "        irritants: [\"Attente : 20 min\"]\n");
    assert_int_equal(l.diags.errors, 0);
    const jmap_journey *j = l.journey;
    assert_string_equal(j->personas[0].description.str, "Student, moves every year");
    assert_string_equal(j->personas[1].description.str, "Étudiant, déménage, souvent");
    assert_string_equal(j->steps[0]->name.str, "Remarque : trop cher");
    assert_string_equal(j->steps[0]->moments[0].str, "Le conseil : parfait");
    assert_string_equal(j->steps[0]->irritants[0].name.str, "Attente : 20 min");
    loaded_destroy(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graph_shape),
        cmocka_unit_test(test_steps_and_references),
        cmocka_unit_test(test_positions_are_one_based),
        cmocka_unit_test(test_default_id_collisions),
        cmocka_unit_test(test_next_single_and_empty),
        cmocka_unit_test(test_aliases_share_values),
        cmocka_unit_test(test_bom_and_crlf_accepted),
        cmocka_unit_test(test_nothing_to_read),
        cmocka_unit_test(test_quoted_texts_load_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
