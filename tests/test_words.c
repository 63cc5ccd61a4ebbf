/* test_words.c - the fixed words of jmap (words.h): every label in every
 * language, French typography (a no-break space before a colon, a decimal
 * comma), durations as the title block and the cards show them, and the
 * format's names of enum values. */
#include "helpers.h"
#include "words.h"

#include <stdlib.h>

#define NBSP "\xc2\xa0"

/* Every label has a text in every language: a label added to the enum but
 * not to a table would show as nothing on a map. */
static void test_every_label_in_every_language(void **state)
{
    (void)state;
    for (int lang = 0; lang < JMAP_N_LANGS; lang++)
        for (int l = 0; l < L_COUNT_; l++) {
            const char *t = jmap_label_text((jmap_lang)lang, (jmap_label)l);
            if (!t || !*t)
                fail_msg("label %d has no text in language %d", l, lang);
        }
    assert_string_equal(jmap_label_text(JMAP_LANG_EN, L_VISIBILITY), "Line of visibility");
    assert_string_equal(jmap_label_text(JMAP_LANG_FR, L_VISIBILITY), "Ligne de visibilité");
    assert_string_equal(jmap_label_text(JMAP_LANG_FR, L_CONTINUED), "(suite)");
    assert_string_equal(jmap_label_text(JMAP_LANG_FR, L_MAP), "Carte du parcours client");
    /* out of range: English, and no word */
    assert_string_equal(jmap_label_text((jmap_lang)7, L_LEGEND), "Legend");
    assert_string_equal(jmap_label_text(JMAP_LANG_EN, L_COUNT_), "");
}

static void test_colon(void **state)
{
    (void)state;
    assert_string_equal(jmap_colon(JMAP_LANG_EN), ":");
    assert_string_equal(jmap_colon(JMAP_LANG_FR), NBSP ":");
}

static char *total(jmap_lang lang, double minutes)
{
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_format_total(&b, lang, minutes);
    return jmap_buf_take(&b);
}

static void expect_total(jmap_lang lang, double minutes, const char *want)
{
    char *got = total(lang, minutes);
    assert_string_equal(got, want);
    free(got);
}

/* The two largest units, rounded to the minute. */
static void test_total(void **state)
{
    (void)state;
    expect_total(JMAP_LANG_EN, 2 * 43200.0 + 5 * 1440.0 + 3 * 60.0, "2 mo 5 d");
    expect_total(JMAP_LANG_FR, 2 * 43200.0 + 5 * 1440.0, "2 mois 5 j");
    expect_total(JMAP_LANG_FR, 3 * 10080.0 + 60.0, "3 sem. 1 h");
    expect_total(JMAP_LANG_EN, 89.6, "1 h 30 min");
    expect_total(JMAP_LANG_EN, 0.2, "0 min");
}

static void expect_duration(jmap_lang lang, const char *text, const char *want)
{
    jmap_buf b;
    jmap_buf_init(&b);
    int ok = jmap_format_duration(&b, lang, text);
    if (!want) {
        assert_int_equal(ok, 0);
        assert_int_equal(b.len, 0);
    } else {
        assert_int_equal(ok, 1);
        assert_string_equal(b.data, want);
    }
    jmap_buf_destroy(&b);
}

/* A duration as written in a map, as the cards show it. */
static void test_card_duration(void **state)
{
    (void)state;
    expect_duration(JMAP_LANG_EN, "1.5h", "1.5 h");
    expect_duration(JMAP_LANG_FR, "1.5h", "1,5 h");
    expect_duration(JMAP_LANG_FR, "3w", "3 sem.");
    expect_duration(JMAP_LANG_FR, "2mo", "2 mois");
    expect_duration(JMAP_LANG_FR, "10min", "10 min");
    expect_duration(JMAP_LANG_EN, "0.25d", "0.25 d");
    expect_duration(JMAP_LANG_EN, "3 weeks", NULL);
}

/* The names of enum values, one per value, as the format spells them. */
static void test_enum_names(void **state)
{
    (void)state;
    assert_string_equal(jmap_lang_names[JMAP_LANG_FR], "fr");
    assert_string_equal(jmap_channel_names[JMAP_CHANNEL_HUMAN], "human");
    assert_string_equal(jmap_visibility_names[JMAP_VIS_BACKSTAGE], "backstage");
    assert_string_equal(jmap_level_names[JMAP_LEVEL_LOW], "low");
    /* the units the loader reads, largest first */
    for (int u = 1; u < JMAP_N_UNITS; u++)
        assert_true(jmap_units[u].minutes < jmap_units[u - 1].minutes);
    assert_string_equal(jmap_units[JMAP_N_UNITS - 1].name, "min");
}

/* A metric's number as a map in each language writes it. */
static void test_metric_numbers(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *en, *fr;
    } cases[] = {
        {2.3, "2.3", "2,3"},
        {80, "80", "80"},
        {-1250.5, "-1,250.5", "-1\xc2\xa0" "250,5"},
        {1234567, "1,234,567", "1\xc2\xa0" "234\xc2\xa0" "567"},
        {0.1, "0.1", "0,1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jmap_buf b;
        jmap_buf_init(&b);
        jmap_format_metric(&b, JMAP_LANG_EN, cases[i].v);
        assert_string_equal(b.data, cases[i].en);
        b.len = 0;
        jmap_format_metric(&b, JMAP_LANG_FR, cases[i].v);
        assert_string_equal(b.data, cases[i].fr);
        jmap_buf_destroy(&b);
    }
    assert_string_equal(jmap_source_names[0], "survey");
    assert_string_equal(jmap_source_name(JMAP_SOURCE_OBSERVATION), "observation");
    assert_null(jmap_source_name(3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_label_in_every_language),
        cmocka_unit_test(test_colon),
        cmocka_unit_test(test_total),
        cmocka_unit_test(test_card_duration),
        cmocka_unit_test(test_enum_names),
        cmocka_unit_test(test_metric_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
