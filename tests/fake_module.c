/*
 * fake_module.c - a renderer module that is wrong in one way, for
 * test_module.c: a correct jmap_render_abi of this build with FAKE (a
 * designated initialiser, e.g. ".abi = 2") written over it. Its
 * render_file and report_file write nothing and say so.
 */
#include "jmap.h"

#include <stdio.h>

static int render(const jmap_journey *journey, const jmap_render_options *opts,
                  const char *out_path, jmap_diag_list *diags,
                  jmap_render_result *result, char *why,
                  size_t why_len)
{
    (void)journey, (void)opts, (void)out_path, (void)diags, (void)result;
    snprintf(why, why_len, "a fake module rendered");
    return JMAP_ERR_IO;
}

static int report(const jmap_plan_map *maps, size_t n, const char *out_path,
                  char *why, size_t why_len)
{
    (void)maps, (void)n, (void)out_path;
    snprintf(why, why_len, "a fake module reported");
    return JMAP_ERR_IO;
}

#pragma GCC diagnostic ignored "-Woverride-init" /* FAKE writes over a field */
#define FAKE_SIZE(field, type) .sizeof_##field = sizeof(type),

const jmap_render_abi jmap_render_module = {
    .abi = JMAP_RENDER_ABI,
    .version = JMAP_VERSION,
    JMAP_RENDER_ABI_STRUCTS(FAKE_SIZE)
    .render_file = render,
    .report_file = report,
    FAKE
};
