/* test_export.c - `jmap export` (JSON graph, Mermaid journey, CSV of
 * irritants) and the output file written whole or not at all. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Loads `yaml` (which must have no errors) and exports it as a heap string. */
static char *export_string(const char *yaml, jmap_export_format format)
{
    loaded l;
    load_string(&l, yaml);
    for (size_t i = 0; i < l.diags.count; i++)
        if (l.diags.items[i].severity == JMAP_ERROR)
            fail_msg("test map error: %d:%d %s", l.diags.items[i].pos.line,
                     l.diags.items[i].pos.column, l.diags.items[i].message);
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    assert_int_equal(jmap_export_write(f, l.journey, format), 0);
    fclose(f);
    loaded_destroy(&l);
    return out;
}

static void test_format_names(void **state)
{
    (void)state;
    assert_int_equal(jmap_export_format_from_name("json"), JMAP_EXPORT_JSON);
    assert_int_equal(jmap_export_format_from_name("mermaid"), JMAP_EXPORT_MERMAID);
    assert_int_equal(jmap_export_format_from_name("csv"), JMAP_EXPORT_CSV);
    assert_int_equal(jmap_export_format_from_name("pdf"), -1);
    for (int i = 0; jmap_export_format_name(i); i++)
        assert_int_equal(jmap_export_format_from_name(jmap_export_format_name(i)), i);
    assert_null(jmap_export_format_name(3));
    assert_null(jmap_export_format_name(-1));
}

static const char graph_map[] =
    MAP_HEAD "departments: {web: Web, ops: {name: Ops, visibility: support}}\n"
             "touchpoints: {site: {name: Site, owner: web}}\n"
             "stages:\n"
             "  - id: buy\n"
             "    name: Buy\n"
             "    duration: 2d\n"
             "    steps:\n"
             "      - {name: Opens the site, touchpoints: [site], departments: [ops, web]}\n"
             "      - {name: Pays, id: pay, emotion: -1, next: []}\n";

static void test_json_resolves_defaults(void **state)
{
    (void)state;
    char *out = export_string(graph_map, JMAP_EXPORT_JSON);
    assert_non_null(strstr(out, "\"id\": \"opens-the-site\",\n      \"id_is_default\": true"));
    assert_non_null(strstr(out, "\"next\": [\n        \"pay\"\n      ],\n"
                                "      \"next_is_default\": true"));
    assert_non_null(strstr(out, "\"next\": [],\n      \"next_is_default\": false"));
    /* the owner of the touchpoint first, then the explicit ones, once each */
    assert_non_null(strstr(out, "\"involved_departments\": [\n        \"web\",\n"
                                "        \"ops\"\n      ]"));
    assert_non_null(strstr(out, "\"duration\": {\n        \"text\": \"2d\",\n"
                                "        \"minutes\": 2880\n      }"));
    assert_non_null(strstr(out, "\"persona\": null,\n          \"value\": -1"));
    assert_non_null(strstr(out, "\"visibility\": \"support\""));
    assert_non_null(strstr(out, "\"owner\": \"web\""));
    free(out);
}

/* The departments a step involves, by the one rule: touchpoint owners,
 * listed departments, irritant owners, each once. A department that only
 * owns an irritant is among them, in JSON as in the Mermaid actors. */
static const char irritant_owner_map[] =
    MAP_HEAD "departments: {web: Web, ops: Ops, legal: Legal}\n"
             "touchpoints: {site: {name: Site, owner: web}}\n"
             "stages:\n"
             "  - id: s\n"
             "    name: S\n"
             "    steps:\n"
             "      - name: Signs\n"
             "        touchpoints: [site]\n"
             "        departments: [ops, web]\n"
             "        irritants: [{name: Long terms, owner: legal}, {name: Slow, owner: web}]\n";

static void test_json_involves_irritant_owners(void **state)
{
    (void)state;
    char *out = export_string(irritant_owner_map, JMAP_EXPORT_JSON);
    assert_non_null(strstr(out, "\"involved_departments\": [\n"
                                "        \"web\",\n"
                                "        \"ops\",\n"
                                "        \"legal\"\n"
                                "      ]"));
    free(out);
}

/* The content keys: numbers as the fewest digits that read back, sources as
 * names, actions by department id, which are involved. */
static void test_json_content_keys(void **state)
{
    (void)state;
    char *out = export_string(
        MAP_HEAD "personas: {ana: Ana, bob: Bob}\n"
                 "departments: {d: D, e: E}\n"
                 "stages:\n"
                 "  - id: s\n"
                 "    name: S\n"
                 "    goals: [Fast]\n"
                 "    metrics: [{name: Rate, value: 0.1, unit: \"%\", target: 1e3}]\n"
                 "    steps:\n"
                 "      - name: A\n"
                 "        personas: [bob]\n"
                 "        thoughts: [\"Is it valid?\"]\n"
                 "        metrics: [{name: Calls, value: -12}]\n"
                 "        actions: {e: Checks, d: Calls back}\n"
                 "        irritants: [{name: Slow, sources: [review, survey], owner: d}]\n"
                 "        moments: [Kind, {name: Quick, sources: [analytics]}]\n",
        JMAP_EXPORT_JSON);
    assert_non_null(strstr(out, "\"goals\": [\n        \"Fast\"\n      ]"));
    assert_non_null(strstr(out, "\"value\": 0.1,\n"));
    assert_non_null(strstr(out, "\"target\": 1000,\n"));
    assert_non_null(strstr(out, "\"value\": -12,\n"));
    assert_non_null(strstr(out, "\"unit\": null,\n          \"target\": null,"));
    assert_non_null(strstr(out, "\"personas\": [\n        \"bob\"\n      ]"));
    assert_non_null(strstr(out, "\"thoughts\": [\n        \"Is it valid?\"\n      ]"));
    assert_non_null(strstr(out, "\"department\": \"e\",\n          \"text\": \"Checks\""));
    assert_non_null(strstr(out, "\"sources\": [\n            \"survey\",\n"
                                "            \"review\"\n          ]"));
    assert_non_null(strstr(out, "\"moment_sources\": [\n        [],\n        [\n"
                                "          \"analytics\"\n        ]\n      ]"));
    assert_non_null(strstr(out, "\"involved_departments\": [\n        \"d\",\n"
                                "        \"e\"\n      ]"));
    free(out);
}

static void test_mermaid_actors_involve_irritant_owners(void **state)
{
    (void)state;
    char *out = export_string(irritant_owner_map, JMAP_EXPORT_MERMAID);
    assert_string_equal(out, "journey\n"
                             "  title T\n"
                             "  section S\n"
                             "    Signs: 3: Web, Ops, Legal\n");
    free(out);
}

static void test_mermaid_keeps_grammar_safe(void **state)
{
    (void)state;
    char *out = export_string(
        MAP_HEAD "departments: {d: \"Sales, Europe: #1\"}\n"
                 "touchpoints: {t: {name: T, owner: d}}\n"
                 "stages:\n"
                 "  - id: s\n"
                 "    name: \"Stage: one # two\"\n"
                 "    steps:\n"
                 "      - {name: Journey planner, emotion: -2, touchpoints: [t]}\n"
                 "      - {name: \"Title: search; then #go\", emotion: 2}\n"
                 "      - {name: section break}\n"
                 "      - {name: \"multi\\n  line\\t\"}\n",
        JMAP_EXPORT_MERMAID);
#define WJ "\xE2\x81\xA0"
    assert_string_equal(out,
                        "journey\n"
                        "  title T\n"
                        "  section Stage\xEF\xBC\x9A one \xEF\xBC\x83 two\n"
                        "    " WJ "Journey planner: 1: Sales\xEF\xBC\x8C Europe\xEF\xBC\x9A "
                        "\xEF\xBC\x83" "1\n"
                        "    " WJ "Title\xEF\xBC\x9A search\xEF\xBC\x9B then \xEF\xBC\x83go: 5\n"
                        "    " WJ "section break: 3\n"
                        "    multi line: 3\n");
#undef WJ
    free(out);
}

static void test_mermaid_title_keeps_colon(void **state)
{
    (void)state;
    char *out = export_string("jmap: 1\ntitle: \"Tea: a story; #2\"\n"
                              "stages: [{id: a, name: A, steps: [{name: S}]}]\n",
                              JMAP_EXPORT_MERMAID);
    assert_string_equal(out, "journey\n  title Tea: a story\xEF\xBC\x9B \xEF\xBC\x83" "2\n"
                             "  section A\n    S: 3\n");
    free(out);
}

static void test_mermaid_scores_per_persona_mean(void **state)
{
    (void)state;
    char *out = export_string(
        MAP_HEAD "personas: {a: A, b: B}\n"
                 "stages:\n"
                 "  - id: s\n"
                 "    name: S\n"
                 "    steps:\n"
                 "      - {name: One, emotion: {a: -2, b: 1}}\n"
                 "      - {name: Two, emotion: {a: 1, b: 2}}\n"
                 "      - {name: Three, emotion: {a: 0, b: 0}}\n",
        JMAP_EXPORT_MERMAID);
    assert_non_null(strstr(out, "    One: 2\n"));   /* mean -0.5 -> -1 -> 2 */
    assert_non_null(strstr(out, "    Two: 5\n"));   /* mean 1.5 -> 2 -> 5 */
    assert_non_null(strstr(out, "    Three: 3\n"));
    free(out);
}

static void test_csv_quotes_as_rfc4180(void **state)
{
    (void)state;
    char *out = export_string(
        MAP_HEAD "departments: {d: \"Care, \\\"VIP\\\"\"}\n"
                 "stages:\n"
                 "  - id: s\n"
                 "    name: Service\n"
                 "    steps:\n"
                 "      - name: Calls\n"
                 "        irritants:\n"
                 "          - Waits\n"
                 "          - {name: \"Says \\\"no\\\", twice\", severity: high, frequency: 3,\n"
                 "             owner: d, remedy: \"Line one\\nline two\",\n"
                 "             sources: [review, survey]}\n",
        JMAP_EXPORT_CSV);
    assert_string_equal(out,
                        "stage,step,irritant,severity,frequency,owner,remedy,sources\r\n"
                        "Service,Calls,Waits,medium,,,,\r\n"
                        "Service,Calls,\"Says \"\"no\"\", twice\",high,3,"
                        "\"Care, \"\"VIP\"\"\",\"Line one\nline two\",survey review\r\n");
    free(out);
}

static void test_csv_header_only_without_irritants(void **state)
{
    (void)state;
    char *out = export_string(MAP_HEAD "stages: [{id: a, name: A, steps: [{name: S}]}]\n",
                              JMAP_EXPORT_CSV);
    assert_string_equal(out, "stage,step,irritant,severity,frequency,owner,remedy,sources\r\n");
    free(out);
}

/* ---- jmap_outfile ---- */

static char *slurp(const char *path)
{
    char *data;
    size_t len;
    char why[128];
    if (jmap_file_read(path, &data, &len, why, sizeof why) != 0)
        return NULL;
    return data;
}

static size_t entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void test_outfile_whole_or_nothing(void **state)
{
    (void)state;
    char dir[] = "/tmp/jmap-outfile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);

    jmap_outfile out;
    char why[256];
    assert_int_equal(jmap_outfile_open(&out, path, why, sizeof why), 0);
    fputs("new", out.fp);
    assert_int_equal(entries(dir), 2); /* the temporary file sits beside it */
    assert_int_equal(jmap_outfile_close(&out, 0, why, sizeof why), 0);
    char *text = slurp(path);
    assert_string_equal(text, "old");
    free(text);
    assert_int_equal(entries(dir), 1);

    assert_int_equal(jmap_outfile_open(&out, path, why, sizeof why), 0);
    fputs("new", out.fp);
    assert_int_equal(jmap_outfile_close(&out, 1, why, sizeof why), 0);
    text = slurp(path);
    assert_string_equal(text, "new");
    free(text);
    assert_int_equal(entries(dir), 1);
    unlink(path);
    rmdir(dir);
}

static void test_outfile_missing_directory(void **state)
{
    (void)state;
    jmap_outfile out;
    char why[256] = "";
    assert_int_equal(jmap_outfile_open(&out, "/nonexistent-dir/x/out.json", why, sizeof why),
                     JMAP_ERR_IO);
    assert_true(strlen(why) > 0);
}

static void test_schema_is_embedded(void **state)
{
    (void)state;
    const char *schema = jmap_schema_text();
    assert_non_null(strstr(schema, "\"$schema\": \"http://json-schema.org/draft-07/schema#\""));
    assert_non_null(strstr(schema, "\"stages\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_json_resolves_defaults),
        cmocka_unit_test(test_json_involves_irritant_owners),
        cmocka_unit_test(test_json_content_keys),
        cmocka_unit_test(test_mermaid_actors_involve_irritant_owners),
        cmocka_unit_test(test_mermaid_keeps_grammar_safe),
        cmocka_unit_test(test_mermaid_title_keeps_colon),
        cmocka_unit_test(test_mermaid_scores_per_persona_mean),
        cmocka_unit_test(test_csv_quotes_as_rfc4180),
        cmocka_unit_test(test_csv_header_only_without_irritants),
        cmocka_unit_test(test_outfile_whole_or_nothing),
        cmocka_unit_test(test_outfile_missing_directory),
        cmocka_unit_test(test_schema_is_embedded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
