/* test_persona.c - the journey of one persona (jmap_journey_of_persona,
 * `jmap render --persona`): their steps, their emotions, the flow and the
 * branches joined up across the steps of others, every derived fact
 * computed again. */
#include "helpers.h"

static jmap_journey *of(const loaded *l, const char *id)
{
    const jmap_persona *p = jmap_journey_persona(l->journey, id);
    assert_non_null(p);
    jmap_journey *j = jmap_journey_of_persona(l->journey, p);
    assert_non_null(j);
    return j;
}

/* The ids of the successors of step i of `j`, space-separated. */
static const char *next_ids(const jmap_journey *j, size_t i, char *buf, size_t len)
{
    buf[0] = '\0';
    const jmap_step *s = j->steps[i];
    for (size_t k = 0; k < s->n_next; k++) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", k ? " " : "",
                 ((const jmap_step *)s->next[k].target)->id);
    }
    return buf;
}

static const char two_map[] =
    MAP_HEAD "personas: {nora: Nora, paul: Paul}\n"
             "departments: {care: Care, web: Web, field: Field}\n"
             "touchpoints:\n"
             "  phone: {name: Phone, owner: care}\n"
             "  site: {name: Site, owner: web}\n"
             "stages:\n"
             "  - id: book\n"
             "    name: Book\n"
             "    steps:\n"
             "      - {name: Breaks down, id: breaks, emotion: -1}\n"
             "      - name: Calls\n"
             "        id: calls\n"
             "        personas: [nora]\n"
             "        touchpoints: [phone]\n"
             "        emotion: {nora: -2}\n"
             "        irritants: [{name: Waits, owner: care}]\n"
             "      - name: Books online\n"
             "        id: online\n"
             "        personas: [paul]\n"
             "        touchpoints: [site]\n"
             "        emotion: {paul: 1}\n"
             "  - id: web\n"
             "    name: Web only\n"
             "    steps:\n"
             "      - {name: Rates the site, id: rates, personas: [paul]}\n"
             "  - id: visit\n"
             "    name: Visit\n"
             "    steps:\n"
             "      - name: Lets him in\n"
             "        id: visit\n"
             "        emotion: {nora: 2, paul: 1}\n"
             "        actions: {field: Repairs the machine}\n"
             "  - {id: later, name: Later}\n";

/* Nora's steps, in their stages; the stage of Paul's step alone goes, the
 * stage that never had steps stays. */
static void test_steps_and_stages(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, two_map);
    jmap_journey *j = of(&l, "nora");
    assert_int_equal(j->n_steps, 3);
    assert_string_equal(j->steps[0]->id, "breaks");
    assert_string_equal(j->steps[1]->id, "calls");
    assert_string_equal(j->steps[2]->id, "visit");
    assert_int_equal(j->n_stages, 3);
    assert_string_equal(j->stages[0].id, "book");
    assert_int_equal(j->stages[0].n_steps, 2);
    assert_string_equal(j->stages[1].id, "visit");
    assert_string_equal(j->stages[2].id, "later");
    assert_int_equal(j->stages[2].n_steps, 0);
    for (size_t i = 0; i < j->n_steps; i++) {
        assert_int_equal(j->steps[i]->index, i);
        assert_ptr_equal(j->steps[i]->stage, &j->stages[i < 2 ? 0 : 1]);
    }
    jmap_journey_free(j);
    loaded_destroy(&l);
}

/* Nora alone is the persona; her emotions and the plain ones stay, and
 * her curve has them in order. */
static void test_emotions(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, two_map);
    jmap_journey *j = of(&l, "nora");
    assert_int_equal(j->n_personas, 1);
    assert_string_equal(j->personas[0].id, "nora");
    assert_int_equal(j->personas[0].index, 0);
    assert_int_equal(j->steps[2]->n_emotions, 1);
    assert_int_equal(j->steps[2]->emotions[0].value, 2);
    assert_ptr_equal(j->steps[2]->emotions[0].persona.target, &j->personas[0]);
    assert_ptr_equal(j->steps[2]->emotions[0].step, j->steps[2]);
    assert_int_equal(j->personas[0].n_emotions, 2); /* calls, visit */
    assert_int_equal(j->personas[0].emotions[0]->value, -2);
    assert_int_equal(j->n_plain_emotions, 1); /* breaks */
    assert_int_equal(j->plain_emotions[0]->value, -1);
    assert_int_equal(j->steps[0]->n_personas, 0);
    jmap_journey_free(j);
    /* the whole journey is left as it was */
    assert_int_equal(l.journey->n_steps, 5);
    assert_int_equal(l.journey->personas[0].n_emotions, 2);
    assert_int_equal(l.journey->personas[1].n_emotions, 2);
    loaded_destroy(&l);
}

/* The flow goes from the step before another's step to the step after
 * it: Paul's "Books online" and "Rates the site" leave Nora's "Calls"
 * leading to "Lets him in", as the next step, not as a branch. */
static void test_flow_joins_up(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, two_map);
    char buf[128];
    jmap_journey *nora = of(&l, "nora");
    assert_string_equal(next_ids(nora, 0, buf, sizeof buf), "calls");
    assert_string_equal(next_ids(nora, 1, buf, sizeof buf), "visit");
    assert_true(nora->steps[1]->next_is_default);
    assert_int_equal(nora->steps[2]->n_next, 0);
    assert_int_equal(nora->n_links, 0);
    jmap_journey *paul = of(&l, "paul");
    assert_int_equal(paul->n_steps, 4);
    assert_string_equal(next_ids(paul, 0, buf, sizeof buf), "online");
    assert_string_equal(next_ids(paul, 1, buf, sizeof buf), "rates");
    assert_string_equal(next_ids(paul, 2, buf, sizeof buf), "visit");
    assert_int_equal(paul->n_links, 0);
    jmap_journey_free(nora);
    jmap_journey_free(paul);
    loaded_destroy(&l);
}

static const char branch_map[] =
    MAP_HEAD "personas: {nora: Nora, paul: Paul}\n"
             "stages:\n"
             "  - id: s\n"
             "    name: S\n"
             "    steps:\n"
             "      - {name: Starts, id: a, next: [b, c]}\n"
             "      - {name: By phone, id: b, personas: [nora], next: [d]}\n"
             "      - {name: Online, id: c, personas: [paul], next: [x]}\n"
             "      - {name: Confirms, id: d}\n"
             "      - {name: Retries, id: x, personas: [paul], next: [a, d]}\n";

/* A branch that another persona takes is dropped, the persona's own kept;
 * a loop back stays a loop. */
static void test_branches(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, branch_map);
    char buf[128];
    jmap_journey *nora = of(&l, "nora");
    assert_int_equal(nora->n_steps, 3); /* a b d */
    assert_string_equal(next_ids(nora, 0, buf, sizeof buf), "b");
    assert_string_equal(next_ids(nora, 1, buf, sizeof buf), "d");
    assert_int_equal(nora->steps[2]->n_next, 0); /* not through Paul's loop */
    assert_int_equal(nora->n_links, 0);
    jmap_journey_free(nora);
    jmap_journey *paul = of(&l, "paul");
    assert_int_equal(paul->n_steps, 4); /* a c d x */
    assert_string_equal(next_ids(paul, 0, buf, sizeof buf), "c");
    assert_string_equal(next_ids(paul, 1, buf, sizeof buf), "x");
    assert_string_equal(next_ids(paul, 3, buf, sizeof buf), "a d");
    assert_int_equal(paul->steps[0]->n_links_in, 1); /* the loop from x */
    jmap_journey_free(paul);
    loaded_destroy(&l);
}

/* Departments are involved by the persona's steps alone; references point
 * into the new journey. */
static void test_departments(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, two_map);
    jmap_journey *paul = of(&l, "paul");
    assert_int_equal(paul->n_departments, 3);
    assert_int_equal(paul->departments[0].n_steps, 0); /* care: Nora's call */
    assert_int_equal(paul->departments[1].n_steps, 1); /* web: the site */
    assert_int_equal(paul->departments[2].n_steps, 1); /* field: an action */
    const jmap_touchpoint *site = paul->steps[1]->touchpoints[0].target;
    assert_ptr_equal(site, &paul->touchpoints[1]);
    assert_ptr_equal(site->owner.target, &paul->departments[1]);
    assert_int_equal(paul->touchpoints[0].n_steps, 0);
    assert_int_equal(paul->n_irritants, 0);
    jmap_journey *nora = of(&l, "nora");
    assert_int_equal(nora->n_irritants, 1);
    assert_ptr_equal(nora->steps[1]->irritants[0].owner.target, &nora->departments[0]);
    assert_ptr_equal(nora->steps[1]->irritants[0].step, nora->steps[1]);
    assert_ptr_equal(nora->steps[2]->actions[0].department.target, &nora->departments[2]);
    jmap_journey_free(nora);
    jmap_journey_free(paul);
    loaded_destroy(&l);
}

static void test_lookup(void **state)
{
    (void)state;
    loaded l;
    load_clean(&l, two_map);
    assert_null(jmap_journey_persona(l.journey, "nobody"));
    assert_null(jmap_journey_persona(l.journey, NULL));
    assert_null(jmap_journey_of_persona(l.journey, NULL));
    const jmap_persona *paul = jmap_journey_persona(l.journey, "paul");
    assert_ptr_equal(paul, &l.journey->personas[1]);
    assert_true(jmap_step_of_persona(l.journey->steps[0], paul));
    assert_false(jmap_step_of_persona(l.journey->steps[1], paul));
    assert_true(jmap_step_of_persona(l.journey->steps[2], paul));
    loaded_destroy(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps_and_stages), cmocka_unit_test(test_emotions),
        cmocka_unit_test(test_flow_joins_up),    cmocka_unit_test(test_branches),
        cmocka_unit_test(test_departments),      cmocka_unit_test(test_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
