/* test_resolve.c - the resolve pass: the derived facts that a loaded
 * journey carries (involved departments and why, uses, links, totals), the
 * same for every consumer. */
#include "helpers.h"
#include "resolve.h"

/* The department of entry k of step i's involved list, by id. */
static const char *involved_id(const loaded *l, size_t i, size_t k)
{
    assert_true(k < l->journey->steps[i]->n_involved);
    return l->journey->steps[i]->involved[k].department->id;
}

static unsigned involved_why(const loaded *l, size_t i, size_t k)
{
    assert_true(k < l->journey->steps[i]->n_involved);
    return l->journey->steps[i]->involved[k].why;
}

static const char involved_map[] =
    MAP_HEAD "departments: {web: Web, ops: Ops, care: Care, legal: Legal, idle: Idle}\n"
             "touchpoints:\n"
             "  site: {name: Site, owner: web}\n"
             "  desk: {name: Desk, owner: idle}\n"
             "  mail: {name: Mail, owner: care}\n"
             "stages:\n"
             "  - id: s\n"
             "    name: S\n"
             "    steps:\n"
             "      - name: Visits\n"
             "        touchpoints: [site, mail]\n"
             "        departments: [ops, web]\n"
             "        irritants:\n"
             "          - {name: Slow, owner: legal}\n"
             "          - {name: Lost, owner: web}\n"
             "          - {name: Rude, owner: care}\n"
             "      - name: Pays\n"
             "        irritants: [{name: Refused, owner: legal}]\n"
             "      - name: Leaves\n";

/* Each department once, in the order of its first reason, with every
 * reason it has. */
static void test_involved_order_and_reasons(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, involved_map);
    const jmap_step *s = l.journey->steps[0];
    assert_int_equal(s->n_involved, 4);
    assert_string_equal(involved_id(&l, 0, 0), "web");
    assert_int_equal(involved_why(&l, 0, 0), JMAP_INVOLVED_TOUCHPOINT |
                                                 JMAP_INVOLVED_LISTED |
                                                 JMAP_INVOLVED_IRRITANT);
    assert_string_equal(involved_id(&l, 0, 1), "care");
    assert_int_equal(involved_why(&l, 0, 1),
                     JMAP_INVOLVED_TOUCHPOINT | JMAP_INVOLVED_IRRITANT);
    assert_string_equal(involved_id(&l, 0, 2), "ops");
    assert_int_equal(involved_why(&l, 0, 2), JMAP_INVOLVED_LISTED);
    assert_string_equal(involved_id(&l, 0, 3), "legal");
    assert_int_equal(involved_why(&l, 0, 3), JMAP_INVOLVED_IRRITANT);
    assert_int_equal(l.journey->steps[2]->n_involved, 0);
    loaded_destroy(&l);
}

/* A department that only owns an irritant is involved in that step, and
 * counts as involved somewhere (it has a row on the map). */
static void test_irritant_owner_is_involved(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, involved_map);
    assert_int_equal(l.journey->steps[1]->n_involved, 1);
    assert_string_equal(involved_id(&l, 1, 0), "legal");
    assert_int_equal(involved_why(&l, 1, 0), JMAP_INVOLVED_IRRITANT);
    const jmap_department *legal = &l.journey->departments[3];
    assert_string_equal(legal->id, "legal");
    assert_int_equal(legal->n_steps, 2);
    assert_int_equal(legal->n_owned, 0);
    jmap_pos at = pos_of(involved_map, "legal: Legal");
    assert_int_equal(legal->pos.line, at.line);
    assert_int_equal(legal->pos.column, at.column);
    assert_null(find_diag(&l, JMAP_RULE_UNUSED, at.line, at.column));
    loaded_destroy(&l);
}

/* Uses: steps per department and touchpoint, touchpoints owned. A
 * department that owns only a touchpoint no step uses is involved nowhere
 * but still owns something, so it is not reported unused; the touchpoint
 * is. */
static void test_uses(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, involved_map);
    const jmap_journey *j = l.journey;
    assert_int_equal(j->departments[0].n_steps, 1); /* web */
    assert_int_equal(j->departments[0].n_owned, 1);
    assert_int_equal(j->departments[4].n_steps, 0); /* idle */
    assert_int_equal(j->departments[4].n_owned, 1);
    assert_int_equal(j->touchpoints[0].n_steps, 1); /* site */
    assert_int_equal(j->touchpoints[1].n_steps, 0); /* desk */
    assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 1);
    assert_non_null(find_diag(&l, JMAP_RULE_UNUSED, pos_of(involved_map, "desk").line,
                              pos_of(involved_map, "desk").column));
    loaded_destroy(&l);
}

static const char totals_map[] =
    MAP_HEAD "personas: {ana: Ana, bob: Bob}\n"
             "stages:\n"
             "  - id: a\n"
             "    name: A\n"
             "    duration: 2d\n"
             "    steps:\n"
             "      - {id: one, name: One, next: [three], emotion: {ana: 1, bob: 2},\n"
             "         irritants: [{name: X, severity: high}, Y]}\n"
             "      - {id: two, name: Two, emotion: {ana: -1}, irritants: [{name: Z, severity: low}]}\n"
             "  - id: b\n"
             "    name: B\n"
             "    duration: 1.5h\n"
             "    steps:\n"
             "      - {id: three, name: Three, next: [one, two, four]}\n"
             "      - {id: four, name: Four, next: []}\n"
             "  - id: empty\n"
             "    name: Empty\n"
             "    steps: []\n";

static void test_totals(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, totals_map);
    const jmap_journey *j = l.journey;
    assert_non_null(j);
    assert_int_equal(l.diags.errors, 0);
    assert_int_equal(j->n_irritants, 3);
    assert_int_equal(j->n_by_severity[JMAP_LEVEL_LOW], 1);
    assert_int_equal(j->n_by_severity[JMAP_LEVEL_MEDIUM], 1);
    assert_int_equal(j->n_by_severity[JMAP_LEVEL_HIGH], 1);
    /* the empty stage, which has no duration, does not count */
    assert_true(j->total_minutes == 2 * 1440.0 + 90.0);
    assert_int_equal(j->personas[0].n_emotions, 2);
    assert_int_equal(j->personas[1].n_emotions, 1);
    loaded_destroy(&l);
}

/* One stage with steps and no duration: no total. */
static void test_no_total_without_every_duration(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, MAP_HEAD "stages:\n"
                            "  - {id: a, name: A, duration: 1d, steps: [{name: One}]}\n"
                            "  - {id: b, name: B, steps: [{name: Two}]}\n");
    assert_true(l.journey->total_minutes < 0);
    loaded_destroy(&l);
}

/* Links: successors other than the step after, kept by the step they lead
 * to, in journey order of the steps they leave. */
static void test_links(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, totals_map);
    const jmap_journey *j = l.journey;
    /* one -> three; three -> one, three -> two (three -> four is in order) */
    assert_int_equal(j->n_links, 3);
    const jmap_step *one = j->steps[0], *two = j->steps[1], *three = j->steps[2];
    assert_int_equal(one->n_links_in, 1);
    assert_int_equal(one->links_in[0].from, 2);
    assert_int_equal(one->links_in[0].k, 0);
    assert_int_equal(two->n_links_in, 1);
    assert_int_equal(two->links_in[0].from, 2);
    assert_int_equal(two->links_in[0].k, 1);
    assert_int_equal(three->n_links_in, 1);
    assert_int_equal(three->links_in[0].from, 0);
    assert_int_equal(j->steps[3]->n_links_in, 0);
    loaded_destroy(&l);
}

/* A reference that names nothing (an error) is left out of the facts. */
static void test_unknown_owner_left_out(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD "departments: {web: Web}\n"
                             "stages:\n"
                             "  - id: a\n"
                             "    name: A\n"
                             "    steps:\n"
                             "      - {name: One, departments: [web, nobody],\n"
                             "         irritants: [{name: X, owner: nobody}]}\n");
    assert_non_null(l.journey);
    assert_int_equal(count_diag(&l, JMAP_RULE_UNKNOWN_REFERENCE), 2);
    assert_int_equal(l.journey->steps[0]->n_involved, 1);
    assert_string_equal(involved_id(&l, 0, 0), "web");
    loaded_destroy(&l);
}

static const char emotions_map[] =
    MAP_HEAD "personas: {ana: {name: Ana}, ben: {name: Ben}, cleo: {name: Cleo}}\n"
             "stages:\n"
             "  - id: a\n"
             "    name: A\n"
             "    steps:\n"
             "      - {name: One, emotion: 1}\n"
             "      - {name: Two, emotion: {cleo: -1, ana: 2}}\n"
             "      - {name: Three}\n"
             "      - {name: Four, emotion: {ana: 0, cleo: 1}}\n"
             "      - {name: Five, emotion: -2}\n";

/* Each persona's emotions in journey order and the plain ones, each
 * knowing its step. */
static void check_emotions(const jmap_journey *j)
{
    const jmap_persona *ana = &j->personas[0], *ben = &j->personas[1],
                       *cleo = &j->personas[2];
    assert_int_equal(ana->n_emotions, 2);
    assert_int_equal(ana->emotions[0]->step->index, 1);
    assert_int_equal(ana->emotions[0]->value, 2);
    assert_int_equal(ana->emotions[1]->step->index, 3);
    assert_int_equal(ana->emotions[1]->value, 0);
    assert_int_equal(ben->n_emotions, 0);
    assert_int_equal(cleo->n_emotions, 2);
    assert_ptr_equal(cleo->emotions[0], &j->steps[1]->emotions[0]);
    assert_ptr_equal(cleo->emotions[1], &j->steps[3]->emotions[1]);
    assert_int_equal(j->n_plain_emotions, 2);
    assert_ptr_equal(j->plain_emotions[0], &j->steps[0]->emotions[0]);
    assert_ptr_equal(j->plain_emotions[1]->step, j->steps[4]);
    assert_int_equal(j->plain_emotions[1]->value, -2);
}

static void test_emotions_by_persona(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, emotions_map);
    assert_non_null(l.journey);
    check_emotions(l.journey);
    jmap_journey_resolve(l.journey);
    check_emotions(l.journey);
    loaded_destroy(&l);
}

/* An emotion for a persona that does not exist is in no persona's list,
 * nor among the plain ones. */
static void test_unknown_persona_left_out(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD "personas: {ana: {name: Ana}}\n"
                             "stages:\n"
                             "  - id: a\n"
                             "    name: A\n"
                             "    steps:\n"
                             "      - {name: One, emotion: {nobody: 1, ana: -1}}\n");
    assert_non_null(l.journey);
    assert_int_equal(count_diag(&l, JMAP_RULE_UNKNOWN_REFERENCE), 1);
    assert_int_equal(l.journey->personas[0].n_emotions, 1);
    assert_int_equal(l.journey->personas[0].emotions[0]->value, -1);
    assert_int_equal(l.journey->n_plain_emotions, 0);
    loaded_destroy(&l);
}

/* Running the pass again gives the same facts, not doubled counts. */
static void test_resolve_again(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, involved_map);
    jmap_journey_resolve(l.journey);
    assert_int_equal(l.journey->steps[0]->n_involved, 4);
    assert_int_equal(l.journey->departments[3].n_steps, 2);
    assert_int_equal(l.journey->departments[0].n_owned, 1);
    assert_int_equal(l.journey->touchpoints[0].n_steps, 1);
    assert_int_equal(l.journey->n_irritants, 4);
    loaded_destroy(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_involved_order_and_reasons),
        cmocka_unit_test(test_irritant_owner_is_involved),
        cmocka_unit_test(test_uses),
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_no_total_without_every_duration),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_unknown_owner_left_out),
        cmocka_unit_test(test_resolve_again),
        cmocka_unit_test(test_emotions_by_persona),
        cmocka_unit_test(test_unknown_persona_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
