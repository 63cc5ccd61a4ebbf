/* test_locale.c - the library under a program that switched to a
 * comma-decimal locale (setlocale(LC_ALL, "fr_FR.UTF-8")): numbers are still
 * formatted with a point, durations with a point are still read, and the
 * layout dump is byte for byte that of the C locale, and the SVG has no
 * decimal comma. jmap's own command line never calls setlocale; this is
 * the embedding case.
 * Skipped when fr_FR.UTF-8 is not available (tests/extra.sh compiles it into
 * a private folder and runs the suite with LOCPATH pointing there). */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"
#include "internal.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const map =
    "jmap: 1\n"
    "title: Décimales\n"
    "stages:\n"
    "  - id: s\n"
    "    name: S\n"
    "    duration: 1.5h\n"
    "    steps:\n"
    "      - {name: One, duration: 0.25d, emotion: 1}\n"
    "      - {name: Two, duration: 2.5w, emotion: -2}\n";

/* Renders `map` to `format` and returns the bytes (heap). */
static char *render(jmap_format format)
{
    char path[] = "jmap-locale-XXXXXX"; /* in the build folder */
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    loaded l;
    load_string(&l, map);
    assert_int_equal(l.diags.errors, 0);
    jmap_render_options opts;
    jmap_render_options_init(&opts, format);
    char why[256];
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    assert_int_equal(jmap_render_file(l.journey, &opts, path, &diags, NULL, why, sizeof why), 0);
    jmap_diag_list_destroy(&diags);
    loaded_destroy(&l);
    char *data;
    size_t len;
    assert_int_equal(jmap_file_read(path, &data, &len, why, sizeof why), 0);
    unlink(path);
    return data;
}


static void numbers_keep_their_point(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "fr_FR.UTF-8"))
        skip();
    char num[32];
    jmap_format_double(num, sizeof num, 1.25, 2);
    assert_string_equal(num, "1.25");
    jmap_format_double(num, sizeof num, -1234567.5, 1);
    assert_string_equal(num, "-1234567.5");

    loaded l;
    load_string(&l, map);
    assert_int_equal(l.diags.errors, 0);
    assert_true(l.journey->stages[0].duration.minutes == 90.0);
    assert_true(l.journey->steps[0]->duration.minutes == 360.0);
    loaded_destroy(&l);

    /* a metric's number is read and written with its point too */
    double v = 0;
    assert_true(jmap_parse_double("2.3", &v) && v == 2.3);
    jmap_format_number(num, sizeof num, 2.3);
    assert_string_equal(num, "2.3");
    load_string(&l, "jmap: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n"
                    "    metrics: [{name: M, value: 71.5, target: 1e2}]\n");
    assert_int_equal(l.diags.errors, 0);
    assert_true(l.journey->stages[0].metrics[0].value == 71.5);
    assert_true(l.journey->stages[0].metrics[0].target == 100);
    loaded_destroy(&l);
    setlocale(LC_ALL, "C");
}

static void outputs_do_not_depend_on_the_locale(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "fr_FR.UTF-8"))
        skip();
    setlocale(LC_ALL, "C");
    char *c_layout = render(JMAP_FORMAT_LAYOUT);
    char *c_svg = render(JMAP_FORMAT_SVG);
    assert_non_null(setlocale(LC_ALL, "fr_FR.UTF-8"));
    char *fr_layout = render(JMAP_FORMAT_LAYOUT);
    char *fr_svg = render(JMAP_FORMAT_SVG);
    setlocale(LC_ALL, "C");
    assert_string_equal(c_layout, fr_layout);
    /* jmap writes its SVG itself, with its own number formatting: the
     * same bytes whatever the locale */
    assert_true(strlen(c_svg) > 0);
    assert_string_equal(c_svg, fr_svg);
    free(c_layout);
    free(c_svg);
    free(fr_layout);
    free(fr_svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_keep_their_point),
        cmocka_unit_test(outputs_do_not_depend_on_the_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
