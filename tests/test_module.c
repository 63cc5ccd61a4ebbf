/*
 * test_module.c - the renderer module as the jmap program sees it: loaded
 * through the program's own loader (src/cli/renderer.c, compiled into this
 * test), checked, and called through its ABI struct; and modules built
 * wrong on purpose (fake_module.c), each refused with a reason that names
 * the module and what differs.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jmap.h"
#include "renderer.h"

/* The module at `path` is refused, and `why` names it and holds `what`. */
static void refused(const char *path, const char *what)
{
    const jmap_render_abi *abi = (const jmap_render_abi *)1;
    char why[2048] = "";
    assert_int_equal(jmap_renderer_open(path, &abi, why, sizeof why), JMAP_ERR_IO);
    assert_null(abi);
    if (strncmp(why, path, strlen(path)) != 0 || !strstr(why, what))
        fail_msg("refusing %s: '%s' does not say '%s'", path, why, what);
}

/* The built module loads, and renders shoes.yaml to SVG through its ABI
 * struct, with the sizes of this build. */
static void test_real_module_renders(void **state)
{
    (void)state;
    const jmap_render_abi *abi;
    char why[2048] = "";
    if (jmap_renderer_open(JMAP_RENDER_MODULE, &abi, why, sizeof why) != 0)
        fail_msg("%s", why);
    assert_int_equal(abi->abi, JMAP_RENDER_ABI);
    assert_string_equal(abi->version, jmap_version());
    assert_int_equal(abi->sizeof_journey, sizeof(jmap_journey));
    assert_int_equal(abi->sizeof_render_options, sizeof(jmap_render_options));

    char *data, path[1024], out[] = "jmap-test-module-XXXXXX"; /* in the build */
    size_t len;
    snprintf(path, sizeof path, "%s/maps/shoes.yaml", JMAP_SOURCE_DIR);
    assert_int_equal(jmap_file_read(path, &data, &len, why, sizeof why), 0);
    jmap_diag_list diags;
    jmap_diag_list_init(&diags);
    jmap_journey *j = jmap_journey_load(data, len, &diags);
    assert_non_null(j);
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    jmap_render_options o;
    jmap_render_options_init(&o, JMAP_FORMAT_SVG);
    assert_int_equal(abi->render_file(j, &o, out, &diags, NULL, why, sizeof why), 0);
    char head[64] = "";
    FILE *f = fopen(out, "r");
    assert_non_null(f);
    assert_true(fread(head, 1, sizeof head - 1, f) > 0);
    fclose(f);
    assert_non_null(strstr(head, "<svg"));
    unlink(out);
    jmap_diag_list_destroy(&diags);
    jmap_journey_free(j);
    free(data);
}

static void test_wrong_abi_number(void **state)
{
    (void)state;
    refused(FAKE_MODULE_ABI, "has renderer ABI");
}

static void test_wrong_struct_size(void **state)
{
    (void)state;
    char what[128];
    snprintf(what, sizeof what, "has a %zu-byte jmap_step, this jmap a %zu-byte one",
             sizeof(jmap_step) + 8, sizeof(jmap_step));
    refused(FAKE_MODULE_STEP, what);
}

static void test_wrong_version(void **state)
{
    (void)state;
    refused(FAKE_MODULE_VERSION, "is version 0.0.0-other, this jmap is");
}

static void test_not_a_module(void **state)
{
    (void)state;
    /* A shared object without the ABI struct, and a missing file (refused
     * with dlopen's reason, which names it). */
    refused("libm.so.6", "is not a jmap renderer (no jmap_render_module)");
    refused(JMAP_SOURCE_DIR "/no-such-module.so", "cannot open shared object file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_module_renders),
        cmocka_unit_test(test_wrong_abi_number),
        cmocka_unit_test(test_wrong_struct_size),
        cmocka_unit_test(test_wrong_version),
        cmocka_unit_test(test_not_a_module),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
