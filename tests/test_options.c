/*
 * test_options.c - jmap_render_options_check, the core's one check of the
 * render options: every format and page size of the name tables passes,
 * anything past them fails, and the resolution is bounded by JMAP_MIN_DPI
 * and JMAP_MAX_DPI inclusive, with a reason that names --dpi and the
 * bounds. jmap_render_file refuses the same options with the same reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

static int check(const jmap_render_options *o, char *why, size_t len)
{
    why[0] = '\0';
    return jmap_render_options_check(o, why, len);
}

static void test_every_name_passes(void **state)
{
    (void)state;
    char why[256];
    jmap_render_options o;
    for (int f = 0; jmap_format_name(f); f++) {
        jmap_render_options_init(&o, (jmap_format)f);
        assert_int_equal(check(&o, why, sizeof why), 0);
        assert_int_equal(jmap_format_from_name(jmap_format_name(f)), f);
        for (int p = 0; jmap_page_name(p); p++) {
            o.page = (jmap_page)p;
            assert_int_equal(check(&o, why, sizeof why), 0);
            assert_int_equal(jmap_page_from_name(jmap_page_name(p)), p);
        }
    }
    assert_null(jmap_format_name(-1));
    assert_null(jmap_page_name(-1));
}

static void test_past_the_tables(void **state)
{
    (void)state;
    char why[256];
    jmap_render_options o;
    int n = 0;
    while (jmap_format_name(n))
        n++;
    jmap_render_options_init(&o, JMAP_FORMAT_PNG);
    o.format = (jmap_format)n;
    assert_int_equal(check(&o, why, sizeof why), JMAP_ERR_USAGE);
    assert_string_equal(why, "unknown output format");
    n = 0;
    while (jmap_page_name(n))
        n++;
    jmap_render_options_init(&o, JMAP_FORMAT_PNG);
    o.page = (jmap_page)n;
    assert_int_equal(check(&o, why, sizeof why), JMAP_ERR_USAGE);
    assert_string_equal(why, "unknown page size");
}

static void test_dpi_bounds(void **state)
{
    (void)state;
    char why[256];
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_PNG);
    const double good[] = {JMAP_MIN_DPI, 96.5, JMAP_MAX_DPI};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        o.dpi = good[i];
        assert_int_equal(check(&o, why, sizeof why), 0);
    }
    const double bad[] = {JMAP_MIN_DPI - 0.5, 0, -96, JMAP_MAX_DPI + 0.5, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.dpi = bad[i];
        assert_int_equal(check(&o, why, sizeof why), JMAP_ERR_USAGE);
        assert_non_null(strstr(why, "--dpi takes a whole number from 1 to 2400, not '"));
    }
    o.dpi = JMAP_MAX_DPI + 1;
    check(&o, why, sizeof why);
    assert_string_equal(why, "--dpi takes a whole number from 1 to 2400, not '2401'");
}

/* jmap_render_file checks its options with the same function. */
static void test_render_file_checks_the_same(void **state)
{
    (void)state;
    loaded l;
    load_string(&l, "jmap: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n"
                    "    steps:\n      - name: A\n");
    assert_non_null(l.journey);
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_LAYOUT);
    o.dpi = 0;
    char want[256], why[256];
    assert_int_equal(check(&o, want, sizeof want), JMAP_ERR_USAGE);
    assert_int_equal(jmap_render_file(l.journey, &o, "-", &l.diags, NULL, why, sizeof why),
                     JMAP_ERR_USAGE);
    assert_string_equal(why, want);
    loaded_destroy(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_name_passes),
        cmocka_unit_test(test_past_the_tables),
        cmocka_unit_test(test_dpi_bounds),
        cmocka_unit_test(test_render_file_checks_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
