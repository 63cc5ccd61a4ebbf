/* test_rules.c - every validation rule fires where it should, with its
 * position and message, and stays silent on a clean map. */
#include "helpers.h"

#define STAGE "stages:\n  - id: s\n    name: S\n    steps:\n"

/* Expects a finding of `rule` where `at` first occurs in `yaml` (or, for
 * "@N:text", where text occurs the Nth time), whose message holds
 * `message_part`. */
static void expect(const char *yaml, jmap_rule rule, const char *at,
                   const char *message_part)
{
    loaded l;
    int nth = 1;
    if (at[0] == '@') {
        nth = at[1] - '0';
        at += 3;
    }
    jmap_pos pos = strcmp(at, "$END") == 0 ? pos_of(yaml, "") : pos_of_nth(yaml, at, nth);
    int line = pos.line, col = pos.column;
    load_string(&l, yaml);
    const jmap_diag *d = find_diag(&l, rule, line, col);
    if (!d) {
        for (size_t i = 0; i < l.diags.count; i++)
            print_message("  got %d:%d %s [%s]\n", l.diags.items[i].pos.line,
                          l.diags.items[i].pos.column, l.diags.items[i].message,
                          jmap_rule_info_get(l.diags.items[i].rule)->name);
        fail_msg("no [%s] at %d:%d", jmap_rule_info_get(rule)->name, line, col);
    }
    if (message_part && !strstr(d->message, message_part))
        fail_msg("message '%s' lacks '%s'", d->message, message_part);
    assert_int_equal(d->severity, jmap_rule_info_get(rule)->severity);
    loaded_destroy(&l);
}

static void test_clean_map_has_no_findings(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, MAP_HEAD "departments: {d: D}\ntouchpoints: {t: {name: T, owner: d}}\n"
                    STAGE "      - {name: A, touchpoints: [t], irritants: [Slow]}\n"
                          "      - {name: B}\n");
    assert_int_equal(l.diags.count, 0);
    loaded_destroy(&l);
}

static void test_syntax(void **state)
{
    (void)state;
    /* an unclosed flow or quote is found at the end of the file */
    const char *end1 = "jmap: 1\ntitle: [a\n", *end2 = "jmap: 1\ntitle: \"a\n";
    loaded l;
    load_string(&l, end1);
    assert_non_null(find_diag(&l, JMAP_RULE_SYNTAX, 3, 1));
    assert_non_null(strstr(l.diags.items[l.diags.count - 1].message, "flow sequence"));
    loaded_destroy(&l);
    load_string(&l, end2);
    assert_non_null(find_diag(&l, JMAP_RULE_SYNTAX, 3, 1));
    loaded_destroy(&l);
    expect("jmap: 1\n---\njmap: 1\n", JMAP_RULE_SYNTAX, "---", "second YAML document");
    expect("jmap: 1\ntitle: !x y\n", JMAP_RULE_SYNTAX, "!x", "unsupported tag '!x'");
    expect("jmap: 1\ntitle: !!python/object:os.system y\n", JMAP_RULE_SYNTAX, "!!",
           "unsupported tag '!!python/object:os.system'");
    expect("jmap: 1\ntitle: *nope\n", JMAP_RULE_SYNTAX, "*nope", "names no anchor");
    expect("jmap: 1\ntitle: &a [*a]\n", JMAP_RULE_SYNTAX, "*a", "cycle");
    /* invalid UTF-8 points at the first byte of the bad sequence */
    expect("jmap: 1\ntitle: ab\xc3(\n", JMAP_RULE_SYNTAX, "\xc3", "invalid UTF-8");
    expect("jmap: 1\ntitle: ab\xff\n", JMAP_RULE_SYNTAX, "\xff", "invalid UTF-8");
    expect("jmap: 1\ntitle: ab\xe2\x82\n", JMAP_RULE_SYNTAX, "\xe2", "invalid UTF-8");
    expect("jmap: 1\ntitle: a\x01\n", JMAP_RULE_SYNTAX, "\x01", "control characters");
    expect("jmap: 1\n\ttitle: x\n", JMAP_RULE_SYNTAX, "\t", "tab");
    expect("\xff\xfej\x00m\x00", JMAP_RULE_SYNTAX, "\xff", "UTF-16");
}

static void test_syntax_keeps_earlier_errors(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, "jmap: 1\ntitle: T\nlang: xx\nstages:\n  - id: s\n    name: [\n");
    assert_non_null(find_diag(&l, JMAP_RULE_BAD_VALUE, 3, 7));
    assert_non_null(find_diag(&l, JMAP_RULE_SYNTAX, 0, 0));
    /* what the unread part may hold is not reported */
    assert_int_equal(count_diag(&l, JMAP_RULE_MISSING_KEY), 0);
    assert_true(l.journey->incomplete);
    loaded_destroy(&l);
}

static void test_type(void **state)
{
    (void)state;
    expect(MAP_HEAD "stages: {a: 1}\n", JMAP_RULE_TYPE, "{a", "'stages' should be a list");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: [1]}\n", JMAP_RULE_TYPE, "[1]",
           "'emotion' should be an integer");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: \"1\"}\n", JMAP_RULE_TYPE, "\"1\"",
           "not a text");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: 1.5}\n", JMAP_RULE_TYPE, "1.5",
           "not a decimal number");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: 1e999}\n", JMAP_RULE_TYPE, "1e999",
           "not a decimal number");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: .inf}\n", JMAP_RULE_TYPE, ".inf",
           "not a decimal number");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: yes}\n", JMAP_RULE_TYPE, "yes",
           "not a text");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: true}\n", JMAP_RULE_TYPE, "true",
           "not a boolean");
    expect(MAP_HEAD STAGE "      - {name: A, moments: Nice}\n", JMAP_RULE_TYPE, "Nice",
           "a list of texts");
    expect(MAP_HEAD STAGE "      - {name: {x: 1}}\n", JMAP_RULE_TYPE, "{x",
           "'name' should be a text");
    expect(MAP_HEAD STAGE "      - {name: ~}\n", JMAP_RULE_TYPE, "~",
           "not an empty value");
    expect(MAP_HEAD STAGE "      - [a]\n", JMAP_RULE_TYPE, "[a]", "a step should be a mapping");
    expect(MAP_HEAD "? [a]\n: 1\nstages: []\n", JMAP_RULE_TYPE, "[a]", "key");
    expect("jmap: \"1\"\ntitle: T\nstages: []\n", JMAP_RULE_TYPE, "\"1\"", "format version");
    expect("- a\n", JMAP_RULE_TYPE, "- a", "top of the file");
}

static void test_missing_key(void **state)
{
    (void)state;
    expect("jmap: 1\nstages: []\n", JMAP_RULE_MISSING_KEY, "jmap", "'title'");
    expect("title: T\nstages: []\n", JMAP_RULE_MISSING_KEY, "title", "'jmap'");
    expect(MAP_HEAD, JMAP_RULE_MISSING_KEY, "jmap", "'stages'");
    expect(MAP_HEAD "stages:\n  - name: S\n", JMAP_RULE_MISSING_KEY, "name: S",
           "'id' in a stage");
    expect(MAP_HEAD "stages:\n  - id: s\n", JMAP_RULE_MISSING_KEY, "id: s",
           "'name' in a stage");
    expect(MAP_HEAD STAGE "      - id: a\n", JMAP_RULE_MISSING_KEY, "id: a", "'name' in a step");
    expect(MAP_HEAD STAGE "      - {name: A, irritants: [{severity: low}]}\n",
           JMAP_RULE_MISSING_KEY, "{severity", "'name' in an irritant");
}

static void test_unknown_key(void **state)
{
    (void)state;
    expect(MAP_HEAD "touchpoint: {}\nstages: []\n", JMAP_RULE_UNKNOWN_KEY, "touchpoint",
           "did you mean 'touchpoints'?");
    expect(MAP_HEAD STAGE "      - {name: A, emotions: 1}\n", JMAP_RULE_UNKNOWN_KEY,
           "emotions", "did you mean 'emotion'?");
    expect(MAP_HEAD STAGE "      - {name: A, colour: red}\n", JMAP_RULE_UNKNOWN_KEY, "colour",
           "unknown key 'colour' in a step");
    expect(MAP_HEAD "departments:\n  d: {name: D, visibilty: support}\nstages: []\n",
           JMAP_RULE_UNKNOWN_KEY, "visibilty", "did you mean 'visibility'?");
    expect(MAP_HEAD "x: &x {a: 1}\nstages:\n  - <<: *x\n", JMAP_RULE_UNKNOWN_KEY, "<<",
           "merge keys");
}

static void test_duplicate_key(void **state)
{
    (void)state;
    expect(MAP_HEAD "title: U\nstages: []\n", JMAP_RULE_DUPLICATE_KEY, "title: U",
           "first written at line 2");
    expect(MAP_HEAD "touchpoints:\n  a: A\n  a: B\nstages: []\n", JMAP_RULE_DUPLICATE_KEY,
           "a: B", "duplicate key 'a'");
}

static void test_duplicate_id(void **state)
{
    (void)state;
    expect(MAP_HEAD "stages:\n  - {id: s, name: S, steps: [{name: A}]}\n"
                    "  - {id: s, name: T, steps: [{name: B}]}\n",
           JMAP_RULE_DUPLICATE_ID, "@2:s, name", "first defined at line 4");
    expect(MAP_HEAD "stages:\n  - {id: s, name: S, steps: [{name: A, id: x}]}\n"
                    "  - {id: t, name: T, steps: [{name: B, id: x}]}\n",
           JMAP_RULE_DUPLICATE_ID, "@2:x}", "duplicate step id 'x'");
}

static void test_unknown_reference(void **state)
{
    (void)state;
    const char *defs = MAP_HEAD "personas: {lea: Léa}\ndepartments: {care: Care}\n"
                                "touchpoints: {phone: {name: P, owner: care}}\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s" STAGE "      - {name: A, touchpoints: [phnoe]}\n", defs);
    expect(buf, JMAP_RULE_UNKNOWN_REFERENCE, "phnoe", "did you mean 'phone'?");
    snprintf(buf, sizeof buf, "%s" STAGE "      - {name: A, departments: [car]}\n", defs);
    expect(buf, JMAP_RULE_UNKNOWN_REFERENCE, "car]", "unknown department 'car'");
    snprintf(buf, sizeof buf, "%s" STAGE "      - {name: A, emotion: {lee: 1}}\n", defs);
    expect(buf, JMAP_RULE_UNKNOWN_REFERENCE, "lee", "unknown persona 'lee'");
    snprintf(buf, sizeof buf, "%s" STAGE "      - {name: A, next: zzz}\n", defs);
    expect(buf, JMAP_RULE_UNKNOWN_REFERENCE, "zzz", "unknown step 'zzz'");
    snprintf(buf, sizeof buf, "%s" STAGE "      - {name: A, irritants: [{name: I, owner: x}]}\n",
             defs);
    expect(buf, JMAP_RULE_UNKNOWN_REFERENCE, "x}", "unknown department 'x'");
    expect(MAP_HEAD "touchpoints: {t: {name: T, owner: nobody}}\nstages: []\n",
           JMAP_RULE_UNKNOWN_REFERENCE, "nobody", "defines no departments");
}

static void test_bad_value(void **state)
{
    (void)state;
    expect("jmap: 2\ntitle: T\nstages: []\n", JMAP_RULE_BAD_VALUE, "2", "version 2");
    expect(MAP_HEAD "lang: de\nstages: []\n", JMAP_RULE_BAD_VALUE, "de", "en or fr");
    expect(MAP_HEAD "stages: []\n", JMAP_RULE_BAD_VALUE, "[]", "at least one stage");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: 3}\n", JMAP_RULE_BAD_VALUE, "3}",
           "from -2 to 2");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: 0x10}\n", JMAP_RULE_BAD_VALUE, "0x10",
           "from -2 to 2");
    expect(MAP_HEAD STAGE "      - {name: A, emotion: 99999999999999999999}\n",
           JMAP_RULE_BAD_VALUE, "999", "from -2 to 2");
    expect(MAP_HEAD STAGE "      - {name: A, duration: 3 days}\n", JMAP_RULE_BAD_VALUE,
           "3 days", "invalid duration");
    expect(MAP_HEAD STAGE "      - {name: A, duration: 3}\n", JMAP_RULE_BAD_VALUE, "3}",
           "invalid duration");
    expect(MAP_HEAD STAGE "      - {name: A, duration: 1.h}\n", JMAP_RULE_BAD_VALUE, "1.h",
           "invalid duration");
    expect(MAP_HEAD STAGE "      - {name: A, duration: -2h}\n", JMAP_RULE_BAD_VALUE, "-2h",
           "invalid duration");
    expect(MAP_HEAD STAGE "      - {name: A, irritants: [{name: I, severity: hgh}]}\n",
           JMAP_RULE_BAD_VALUE, "hgh", "did you mean 'high'?");
    expect(MAP_HEAD STAGE "      - {name: A, irritants: [{name: I, frequency: -1}]}\n",
           JMAP_RULE_BAD_VALUE, "-1", "at least 0");
    expect(MAP_HEAD "touchpoints: {t: {name: T, channel: email}}\nstages: []\n",
           JMAP_RULE_BAD_VALUE, "email", "digital, physical or human");
    expect(MAP_HEAD "departments: {d: {name: D, visibility: yes}}\nstages: []\n",
           JMAP_RULE_BAD_VALUE, "yes", "frontstage, backstage or support");
    expect(MAP_HEAD "stages:\n  - {id: -s, name: S}\n", JMAP_RULE_BAD_VALUE, "-s",
           "invalid stage id '-s'");
    expect(MAP_HEAD "personas: {\"a b\": A}\nstages: []\n", JMAP_RULE_BAD_VALUE, "\"a b\"",
           "invalid persona id 'a b'");
}

static void test_limit(void **state)
{
    (void)state;
    char deep[400];
    size_t n = 0;
    n += (size_t)snprintf(deep + n, sizeof deep - n, "jmap: ");
    for (int i = 0; i < JMAP_MAX_DEPTH + 5; i++)
        deep[n++] = '[';
    deep[n++] = '\n';
    deep[n] = '\0';
    loaded l;
    load_string(&l, deep);
    /* the top mapping is level 1: the 64th '[' (column 6 + 64) opens level 65 */
    assert_non_null(find_diag(&l, JMAP_RULE_LIMIT, 1, 6 + JMAP_MAX_DEPTH));
    assert_true(l.journey->incomplete);
    loaded_destroy(&l);
}

static void test_empty_stage(void **state)
{
    (void)state;
    expect(MAP_HEAD "stages:\n  - {id: s, name: S, steps: [{name: A}]}\n  - {id: e, name: E}\n",
           JMAP_RULE_EMPTY_STAGE, "{id: e", "stage 'e' has no steps");
    /* a stage whose steps could not be read gets the error, not the warning */
    loaded l;
    load_string(&l, MAP_HEAD "stages:\n  - {id: s, name: S, steps: 3}\n");
    assert_int_equal(count_diag(&l, JMAP_RULE_EMPTY_STAGE), 0);
    assert_int_equal(count_diag(&l, JMAP_RULE_TYPE), 1);
    loaded_destroy(&l);
}

static void test_unused(void **state)
{
    (void)state;
    expect(MAP_HEAD "touchpoints: {t: T}\n" STAGE "      - {name: A}\n", JMAP_RULE_UNUSED, "t: T",
           "touchpoint 't' is not used");
    expect(MAP_HEAD "departments: {d: D}\n" STAGE "      - {name: A}\n", JMAP_RULE_UNUSED, "d: D",
           "department 'd'");
    expect(MAP_HEAD "personas: {a: A, b: B}\n" STAGE "      - {name: A, emotion: {a: 1}}\n",
           JMAP_RULE_UNUSED, "b: B", "persona 'b'");
    /* with plain emotions, personas are the map's subject, never unused */
    loaded l;
    load_string(&l, MAP_HEAD "personas: {a: A, b: B}\n" STAGE "      - {name: A, emotion: 1}\n");
    assert_int_equal(count_diag(&l, JMAP_RULE_UNUSED), 0);
    loaded_destroy(&l);
    /* a department used only as an irritant's owner is used */
    load_string(&l, MAP_HEAD "departments: {d: D}\n" STAGE
                    "      - {name: A, irritants: [{name: I, owner: d}]}\n");
    assert_int_equal(l.diags.count, 0);
    loaded_destroy(&l);
}

static void test_no_owner(void **state)
{
    (void)state;
    expect(MAP_HEAD "touchpoints: {t: T}\n" STAGE "      - {name: A, touchpoints: [t]}\n",
           JMAP_RULE_NO_OWNER, "t: T", "touchpoint 't' has no owner");
    expect(MAP_HEAD STAGE "      - {name: A, irritants: [Slow]}\n", JMAP_RULE_NO_OWNER, "Slow",
           "irritant 'Slow' has no owner");
}

static void test_unreachable_step(void **state)
{
    (void)state;
    expect(MAP_HEAD STAGE "      - {name: A, next: c}\n      - {name: B}\n      - {name: C}\n",
           JMAP_RULE_UNREACHABLE_STEP, "{name: B}", "step 'b' cannot be reached");
    /* loops back are fine */
    loaded l;
    load_string(&l, MAP_HEAD STAGE "      - {name: A}\n      - {name: B, next: [a, c]}\n"
                                   "      - {name: C, next: []}\n");
    assert_int_equal(l.diags.count, 0);
    loaded_destroy(&l);
}

/* no-evidence: off by default, on when asked; sources or a frequency are
 * evidence. */
static void test_no_evidence(void **state)
{
    (void)state;
    const char *yaml = "jmap: 1\ntitle: T\n"
                       "stages:\n"
                       "  - id: s\n"
                       "    name: S\n"
                       "    steps:\n"
                       "      - name: A\n"
                       "        irritants:\n"
                       "          - Heard once\n"
                       "          - {name: Counted, frequency: 0}\n"
                       "          - {name: Surveyed, sources: [survey]}\n";
    loaded l;
    load_string(&l, yaml);
    assert_int_equal(count_diag(&l, JMAP_RULE_NO_EVIDENCE), 0);
    unsigned char on[JMAP_RULE_COUNT_] = {0};
    on[JMAP_RULE_NO_EVIDENCE] = 1;
    jmap_journey_validate_rules(l.journey, on, &l.diags);
    assert_int_equal(count_diag(&l, JMAP_RULE_NO_EVIDENCE), 1);
    const jmap_diag *d = find_diag(&l, JMAP_RULE_NO_EVIDENCE, 9, 13);
    assert_non_null(d);
    assert_int_equal(d->severity, JMAP_WARNING);
    assert_string_equal(d->message, "irritant 'Heard once' has neither sources nor a frequency");
    loaded_destroy(&l);
    assert_true(jmap_rule_info_get(JMAP_RULE_NO_EVIDENCE)->off);
    assert_false(jmap_rule_info_get(JMAP_RULE_UNUSED)->off);
}

static void test_rule_table(void **state)
{
    (void)state;
    for (int r = 0; r < JMAP_RULE_COUNT_; r++) {
        const jmap_rule_info *info = jmap_rule_info_get((jmap_rule)r);
        assert_non_null(info);
        assert_int_equal(jmap_rule_find(info->name), r);
        assert_true(strlen(info->summary) > 10);
        assert_true(strlen(info->help) > 10);
    }
    assert_null(jmap_rule_info_get(JMAP_RULE_COUNT_));
    assert_int_equal(jmap_rule_find("no-such-rule"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_map_has_no_findings),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_syntax_keeps_earlier_errors),
        cmocka_unit_test(test_type),
        cmocka_unit_test(test_missing_key),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_duplicate_id),
        cmocka_unit_test(test_unknown_reference),
        cmocka_unit_test(test_bad_value),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_empty_stage),
        cmocka_unit_test(test_unused),
        cmocka_unit_test(test_no_owner),
        cmocka_unit_test(test_unreachable_step),
        cmocka_unit_test(test_no_evidence),
        cmocka_unit_test(test_rule_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
