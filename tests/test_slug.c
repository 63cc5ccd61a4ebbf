/* test_slug.c - the default step id: folding names to slugs. */
#include "helpers.h"

#include <stdlib.h>

static void expect_slug(const char *name, const char *want)
{
    char *got = jmap_slug_new(name);
    assert_string_equal(got, want);
    free(got);
}

static void test_ascii(void **state)
{
    (void)state;
    expect_slug("Wants to buy shoes", "wants-to-buy-shoes");
    expect_slug("  Clicks an ad -> landing page!  ", "clicks-an-ad-landing-page");
    expect_slug("Uses a $10 coupon", "uses-a-10-coupon");
    expect_slug("ALL_CAPS and.dots", "all-caps-and-dots");
}

static void test_accents_folded(void **state)
{
    (void)state;
    expect_slug("Réception du colis", "reception-du-colis");
    expect_slug("Considération", "consideration");
    expect_slug("Ça coûte à l'été", "ca-coute-a-l-ete");
    expect_slug("Cœur d'Œuvre", "coeur-d-oeuvre");
    expect_slug("Ärger über die Größe", "arger-uber-die-grosse");
    expect_slug("Łódź Ñandú Ørsted", "lodz-nandu-orsted");
}

static void test_decomposed_accents(void **state)
{
    (void)state;
    /* "Réception" written with a combining acute accent (NFD). */
    expect_slug("Re\xcc\x81" "ception", "reception");
}

static void test_no_latin_letters(void **state)
{
    (void)state;
    expect_slug("東京", "");
    expect_slug("— !! —", "");
    expect_slug("", "");
    expect_slug("Αθήνα 2", "2");
}

static void test_invalid_utf8_is_a_separator(void **state)
{
    (void)state;
    expect_slug("a\xff" "b", "a-b");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii),
        cmocka_unit_test(test_accents_folded),
        cmocka_unit_test(test_decomposed_accents),
        cmocka_unit_test(test_no_latin_letters),
        cmocka_unit_test(test_invalid_utf8_is_a_separator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
