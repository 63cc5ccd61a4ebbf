/*
 * test_render.c - the render API: option defaults and names, bad options,
 * limits, every format written whole through jmap_render_file, atomic
 * replacement of an existing file, and SOURCE_DATE_EPOCH reproducibility.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static jmap_journey *load(const char *rel, char **data)
{
    char path[1024], why[256];
    size_t len;
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    snprintf(path, sizeof path, "%s/%s", JMAP_SOURCE_DIR, rel);
    assert_int_equal(jmap_file_read(path, data, &len, why, sizeof why), 0);
    jmap_journey *j = jmap_journey_load(*data, len, &diags);
    assert_non_null(j);
    assert_int_equal(diags.errors, 0);
    jmap_diag_list_destroy(&diags);
    return j;
}

static char *slurp(const char *path, size_t *len)
{
    char *data, why[256];
    if (jmap_file_read(path, &data, len, why, sizeof why) != 0)
        return NULL;
    return data;
}

static int contains(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return 1;
    return 0;
}

/* A fresh folder for one test. */
static char *temp_dir(void)
{
    char *dir = jmap_xstrdup("/tmp/jmap-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            char *p = jmap_xasprintf("%s/%s", dir, e->d_name);
            unlink(p);
            free(p);
        }
    closedir(d);
    rmdir(dir);
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(jmap_format_from_path("a/b.pdf"), JMAP_FORMAT_PDF);
    assert_int_equal(jmap_format_from_path("MAP.SVG"), JMAP_FORMAT_SVG);
    assert_int_equal(jmap_format_from_path("x.png"), JMAP_FORMAT_PNG);
    assert_int_equal(jmap_format_from_path("x.layout"), -1);
    assert_int_equal(jmap_format_from_path("x.pdf/y"), -1);
    assert_int_equal(jmap_format_from_path("noext"), -1);
    assert_int_equal(jmap_format_from_name("layout"), JMAP_FORMAT_LAYOUT);
    assert_int_equal(jmap_format_from_name("pdf"), JMAP_FORMAT_PDF);
    assert_int_equal(jmap_format_from_name("jpeg"), -1);
    assert_int_equal(jmap_page_from_name("a3"), JMAP_PAGE_A3);
    assert_int_equal(jmap_page_from_name("auto"), JMAP_PAGE_AUTO);
    assert_int_equal(jmap_page_from_name("tabloid"), JMAP_PAGE_TABLOID);
    assert_int_equal(jmap_page_from_name("a5"), -1);
}

static void test_defaults(void **state)
{
    (void)state;
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_PDF);
    assert_int_equal(o.page, JMAP_PAGE_A3);
    assert_int_equal(o.orientation, JMAP_ORIENTATION_AUTO);
    assert_int_equal(o.tile, JMAP_PAGE_AUTO);
    assert_int_equal(o.fit, 0);
    assert_true(o.dpi == 96.0);
    jmap_render_options_init(&o, JMAP_FORMAT_PNG);
    assert_int_equal(o.page, JMAP_PAGE_AUTO);
    jmap_render_options_init(&o, JMAP_FORMAT_SVG);
    assert_int_equal(o.page, JMAP_PAGE_AUTO);
}

static void test_bad_options(void **state)
{
    (void)state;
    char *data, why[256];
    jmap_journey *j = load("tests/layout/single-step.yaml", &data);
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_PNG);
    o.dpi = 0;
    assert_int_equal(jmap_render_file(j, &o, "/tmp/never.png", &diags, NULL, why,
                                      sizeof why), JMAP_ERR_USAGE);
    assert_non_null(strstr(why, "--dpi"));
    o.dpi = 96;
    o.page = (jmap_page)42;
    assert_int_equal(jmap_render_file(j, &o, "/tmp/never.png", &diags, NULL, why,
                                      sizeof why), JMAP_ERR_USAGE);
    o.page = JMAP_PAGE_AUTO;
    o.format = (jmap_format)42;
    assert_int_equal(jmap_render_file(j, &o, "/tmp/never.png", &diags, NULL, why,
                                      sizeof why), JMAP_ERR_USAGE);
    assert_int_equal(access("/tmp/never.png", F_OK), -1);
    jmap_diag_list_destroy(&diags);
    jmap_journey_free(j);
    free(data);
}

/* Renders shoes.yaml in every format; checks the bytes' signatures. */
static void test_formats(void **state)
{
    (void)state;
    static const struct {
        jmap_format format;
        const char *file;
        const char *magic;
    } cases[] = {
        {JMAP_FORMAT_PDF, "m.pdf", "%PDF-"},
        {JMAP_FORMAT_SVG, "m.svg", "<?xml"},
        {JMAP_FORMAT_PNG, "m.png", "\x89PNG"},
        {JMAP_FORMAT_LAYOUT, "m.layout", "map 0:0 0.00 0.00 "},
    };
    char *data, why[256];
    jmap_journey *j = load("maps/shoes.yaml", &data);
    char *dir = temp_dir();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jmap_diag_list diags;
        jmap_diag_list_init(&diags);
        jmap_render_options o;
        jmap_render_options_init(&o, cases[i].format);
        o.source_name = "maps/shoes.yaml";
        char *out = jmap_xasprintf("%s/%s", dir, cases[i].file);
        assert_int_equal(jmap_render_file(j, &o, out, &diags, NULL, why, sizeof why), 0);
        assert_int_equal(diags.count, 0);
        size_t len;
        char *bytes = slurp(out, &len);
        assert_non_null(bytes);
        assert_true(len > 100);
        assert_memory_equal(bytes, cases[i].magic, strlen(cases[i].magic));
        if (cases[i].format == JMAP_FORMAT_SVG)
            assert_non_null(strstr(bytes, "<title>Buying running shoes online</title>"));
        free(bytes);
        free(out);
        jmap_diag_list_destroy(&diags);
    }
    assert_int_equal(count_entries(dir), 4); /* no temporary file left */
    remove_dir(dir);
    free(dir);
    jmap_journey_free(j);
    free(data);
}

static void test_atomic(void **state)
{
    (void)state;
    char *data, why[256];
    jmap_journey *j = load("maps/shoes.yaml", &data);
    char *dir = temp_dir();
    char *out = jmap_xasprintf("%s/map.png", dir);
    FILE *f = fopen(out, "w");
    assert_non_null(f);
    fputs("precious", f);
    fclose(f);
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_PNG);
    o.dpi = 2400; /* far too many pixels */
    assert_int_not_equal(jmap_render_file(j, &o, out, &diags, NULL, why, sizeof why), 0);
    assert_non_null(strstr(why, "--dpi"));
    size_t len;
    char *bytes = slurp(out, &len);
    assert_string_equal(bytes, "precious");
    free(bytes);

    char *missing = jmap_xasprintf("%s/no/such/folder/map.pdf", dir);
    jmap_render_options_init(&o, JMAP_FORMAT_PDF);
    assert_int_equal(jmap_render_file(j, &o, missing, &diags, NULL, why, sizeof why),
                     JMAP_ERR_IO);
    assert_non_null(strstr(why, "map.pdf"));
    free(missing);
    if (access("/dev/full", W_OK) == 0) {
        assert_int_equal(jmap_render_file(j, &o, "/dev/full", &diags, NULL, why,
                                          sizeof why), JMAP_ERR_IO);
        assert_true(strlen(why) > 0);
    }
    assert_int_equal(count_entries(dir), 1);
    jmap_diag_list_destroy(&diags);
    free(out);
    remove_dir(dir);
    free(dir);
    jmap_journey_free(j);
    free(data);
}

static void test_reproducible_pdf(void **state)
{
    (void)state;
    char *data, why[256];
    jmap_journey *j = load("maps/running-shoes.yaml", &data);
    char *dir = temp_dir();
    char *a = jmap_xasprintf("%s/a.pdf", dir), *b = jmap_xasprintf("%s/b.pdf", dir);
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_PDF);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    assert_int_equal(jmap_render_file(j, &o, a, &diags, NULL, why, sizeof why), 0);
    assert_int_equal(jmap_render_file(j, &o, b, &diags, NULL, why, sizeof why), 0);
    unsetenv("SOURCE_DATE_EPOCH");
    size_t la, lb;
    char *da = slurp(a, &la), *db = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    assert_true(contains(da, la, "/CreationDate (D:20231114") ||
                contains(da, la, "/CreationDate (20231114")); /* cairo 1.16 omits D: */
    free(da);
    free(db);
    free(a);
    free(b);
    jmap_diag_list_destroy(&diags);
    remove_dir(dir);
    free(dir);
    jmap_journey_free(j);
    free(data);
}

static void test_overflow_warning(void **state)
{
    (void)state;
    char *data, why[256];
    jmap_journey *j = load("tests/layout/long-texts.yaml", &data);
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_LAYOUT);
    assert_int_equal(jmap_render_file(j, &o, "/dev/null", &diags, NULL, why, sizeof why), 0);
    assert_true(diags.warnings >= 1); /* the very long step name */
    for (size_t i = 0; i < diags.count; i++) {
        assert_int_equal(diags.items[i].rule, JMAP_RULE_TEXT_OVERFLOW);
        assert_true(diags.items[i].pos.line > 0);
        for (size_t k = 0; k < i; k++) /* each text reported once */
            assert_false(diags.items[k].pos.line == diags.items[i].pos.line &&
                         diags.items[k].pos.column == diags.items[i].pos.column);
    }
    jmap_diag_list_destroy(&diags);
    jmap_journey_free(j);
    free(data);
}

/* The library refuses a persona the map does not have, and writes
 * nothing; a known one renders. */
static void test_persona_option(void **state)
{
    (void)state;
    char *data, why[256];
    jmap_journey *j = load("tests/content/every_key.yaml", &data);
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_LAYOUT);
    o.persona = "nobody";
    assert_int_equal(jmap_render_file(j, &o, "/dev/null", NULL, NULL, why, sizeof why),
                     JMAP_ERR_USAGE);
    assert_non_null(strstr(why, "no persona 'nobody'"));
    o.persona = "paul";
    assert_int_equal(jmap_render_file(j, &o, "/dev/null", NULL, NULL, why, sizeof why), 0);
    jmap_journey_free(j);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_atomic),
        cmocka_unit_test(test_reproducible_pdf),
        cmocka_unit_test(test_overflow_warning),
        cmocka_unit_test(test_persona_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
