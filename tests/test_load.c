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

/* tests/content/every_key.yaml, loaded clean (the caller frees `data`). */
static void load_every_key(loaded *l, char **data)
{
    char path[1024], why[256];
    size_t len;
    snprintf(path, sizeof path, "%s/tests/content/every_key.yaml", JMAP_SOURCE_DIR);
    assert_int_equal(jmap_file_read(path, data, &len, why, sizeof why), 0);
    jmap_diag_list_init(&l->diags);
    l->journey = jmap_journey_load(*data, len, &l->diags);
    jmap_journey_validate(l->journey, &l->diags);
    assert_non_null(l->journey);
    assert_int_equal(l->diags.count, 0);
}

static void test_content_keys(void **state)
{
    (void)state;
    loaded l;
    char *data;
    load_every_key(&l, &data);
    const jmap_journey *j = l.journey;
    const jmap_stage *booking = &j->stages[0];
    assert_int_equal(booking->n_goals, 2);
    assert_string_equal(booking->goals[1].str, "Pay nothing before the visit");
    assert_int_equal(booking->goals[0].pos.line, 40);
    assert_int_equal(booking->n_metrics, 2);
    const jmap_metric *m = &booking->metrics[0];
    assert_string_equal(m->name.str, "Bookings completed");
    assert_true(m->value == 71.5);
    assert_string_equal(m->unit.str, "%");
    assert_true(m->has_target && m->target == 80);
    assert_int_equal(m->pos.line, 43);
    assert_int_equal(m->pos.column, 9);
    assert_null(booking->metrics[1].unit.str);
    assert_false(booking->metrics[1].has_target);
    assert_true(booking->metrics[1].value == 1.4);

    const jmap_step *calls = j->steps[0];
    assert_int_equal(calls->n_personas, 1);
    assert_ptr_equal(calls->personas[0].target, &j->personas[0]);
    assert_int_equal(calls->n_thoughts, 1);
    assert_string_equal(calls->thoughts[0].str, "I hope someone picks up before lunch");
    assert_int_equal(calls->thoughts[0].pos.line, 53);
    assert_int_equal(calls->n_metrics, 1);
    assert_true(calls->metrics[0].value == 6.5 && calls->metrics[0].target == 3);
    assert_int_equal(calls->n_actions, 2);
    assert_string_equal(calls->actions[1].department.id, "scheduling");
    assert_ptr_equal(calls->actions[1].department.target, &j->departments[1]);
    assert_string_equal(calls->actions[1].text.str, "Offers the first free slot");
    assert_int_equal(calls->actions[1].department.pos.line, 58);
    assert_int_equal(calls->actions[1].department.pos.column, 11);
    assert_int_equal(calls->irritants[0].sources,
                     JMAP_SOURCE_SUPPORT_TICKETS | JMAP_SOURCE_SURVEY);
    assert_null(calls->moment_sources); /* no moment of it has sources */

    /* scheduling is involved through the touchpoint and its action: once */
    assert_int_equal(calls->n_involved, 2);
    assert_ptr_equal(calls->involved[0].department, &j->departments[0]);
    assert_int_equal(calls->involved[0].why,
                     JMAP_INVOLVED_TOUCHPOINT | JMAP_INVOLVED_IRRITANT |
                         JMAP_INVOLVED_ACTION);
    assert_int_equal(calls->involved[1].why, JMAP_INVOLVED_ACTION);

    const jmap_step *online = j->steps[1];
    assert_int_equal(online->n_moments, 1);
    assert_string_equal(online->moments[0].str, "Two-hour time window chosen by himself");
    assert_non_null(online->moment_sources);
    assert_int_equal(online->moment_sources[0], JMAP_SOURCE_REVIEW | JMAP_SOURCE_INTERVIEW);
    assert_int_equal(online->irritants[1].sources, 0);

    const jmap_step *visit = j->steps[3];
    assert_int_equal(visit->n_personas, 0); /* every persona's */
    assert_int_equal(visit->n_thoughts, 2);
    /* technicians through the touchpoint and the action, parts through
     * the irritant it owns and the action */
    assert_int_equal(visit->n_involved, 2);
    assert_int_equal(visit->involved[1].why,
                     JMAP_INVOLVED_IRRITANT | JMAP_INVOLVED_ACTION);
    assert_int_equal(j->stages[1].n_metrics, 0);
    loaded_destroy(&l);
    free(data);
}

/* A department named only in `actions` is involved, so not unused. */
static void test_action_involves(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD
                "departments: {care: Care, parts: Parts}\n"
                "stages:\n"
                "  - id: s\n"
                "    name: S\n"
                "    steps:\n"
                "      - name: A\n"
                "        departments: [care]\n"
                "        actions: {parts: Ships the part}\n");
    assert_int_equal(l.diags.count, 0);
    assert_int_equal(l.journey->departments[1].n_steps, 1);
    assert_int_equal(l.journey->steps[0]->involved[1].why, JMAP_INVOLVED_ACTION);
    loaded_destroy(&l);
}

/* Moments in both forms, mixed; wrong shapes and names. */
static void test_moments_and_sources(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD
                "stages:\n"
                "  - id: s\n"
                "    name: S\n"
                "    steps:\n"
                "      - name: A\n"
                "        moments:\n"
                "          - Short\n"
                "          - {name: Full, sources: [observation]}\n"
                "          - {sources: [survey]}\n"
                "          - {name: Bad, sources: [surveys, analytics, analytics]}\n");
    const jmap_step *s = l.journey->steps[0];
    assert_int_equal(s->n_moments, 3);
    assert_string_equal(s->moments[1].str, "Full");
    assert_int_equal(s->moment_sources[0], 0);
    assert_int_equal(s->moment_sources[1], JMAP_SOURCE_OBSERVATION);
    assert_int_equal(s->moment_sources[2], JMAP_SOURCE_ANALYTICS);
    assert_non_null(find_diag(&l, JMAP_RULE_MISSING_KEY, 11, 13));
    const jmap_diag *d = find_diag(&l, JMAP_RULE_BAD_VALUE, 12, 35);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "did you mean 'survey'?"));
    assert_non_null(find_diag(&l, JMAP_RULE_DUPLICATE_ID, 12, 55));
    loaded_destroy(&l);
}

/* Numbers: integers, decimals, exponents; French commas and units taught. */
static void test_metric_numbers(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD
                "stages:\n"
                "  - id: s\n"
                "    name: S\n"
                "    metrics:\n"
                "      - {name: A, value: -3, target: 1e3}\n"
                "      - {name: B, value: 0x10, target: 2.5}\n"
                "      - name: C\n"
                "        value: 2,3\n"
                "      - {name: D, value: \"12 %\"}\n"
                "      - {name: E, value: true}\n"
                "    steps:\n"
                "      - name: A\n");
    const jmap_stage *st = &l.journey->stages[0];
    assert_int_equal(st->n_metrics, 2);
    assert_true(st->metrics[0].value == -3 && st->metrics[0].target == 1000);
    assert_true(st->metrics[1].value == 16 && st->metrics[1].target == 2.5);
    const jmap_diag *d = find_diag(&l, JMAP_RULE_TYPE, 10, 16);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "write value: 2.3"));
    d = find_diag(&l, JMAP_RULE_TYPE, 11, 26);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "value: 12, unit: \"%\""));
    d = find_diag(&l, JMAP_RULE_TYPE, 12, 26);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "should be a number, not a boolean"));
    loaded_destroy(&l);
}

/* Step personas: unknown, repeated, an emotion outside them, none defined. */
static void test_step_personas(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD
                "personas: {ana: Ana, bob: Bob}\n"
                "stages:\n"
                "  - id: s\n"
                "    name: S\n"
                "    steps:\n"
                "      - name: A\n"
                "        personas: [ana, an, ana]\n"
                "        emotion: {ana: 1, bob: -1}\n"
                "      - name: B\n"
                "        personas: bob\n");
    const jmap_diag *d = find_diag(&l, JMAP_RULE_UNKNOWN_REFERENCE, 9, 25);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "did you mean 'ana'?"));
    assert_non_null(find_diag(&l, JMAP_RULE_DUPLICATE_ID, 9, 29));
    d = find_diag(&l, JMAP_RULE_BAD_VALUE, 10, 27);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "persona 'bob'"));
    d = find_diag(&l, JMAP_RULE_TYPE, 12, 19);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "'personas' should be a list of ids"));
    loaded_destroy(&l);

    load_string(&l, MAP_HEAD
                "stages:\n"
                "  - id: s\n"
                "    name: S\n"
                "    steps:\n"
                "      - name: A\n"
                "        personas: [ana]\n");
    d = find_diag(&l, JMAP_RULE_UNKNOWN_REFERENCE, 8, 20);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "the map defines no personas"));
    assert_int_equal(l.journey->steps[0]->n_personas, 0);
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
        cmocka_unit_test(test_content_keys),
        cmocka_unit_test(test_action_involves),
        cmocka_unit_test(test_moments_and_sources),
        cmocka_unit_test(test_metric_numbers),
        cmocka_unit_test(test_step_personas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
