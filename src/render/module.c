/*
 * module.c - what the renderer module (jmap-render.so) exports: one
 * jmap_render_abi, the only symbol cmake/render.map lets out.
 *
 * It is filled here, in the renderer's own build, so that every size in it
 * is the module's view of the shared structs; the jmap program compares
 * them with its own (src/cli/renderer.c) before it calls render_file.
 *
 * The module carries its own copy of the core rather than resolving the
 * core's functions from the program. Resolving them would need the program
 * to export every core symbol (linked whole, -rdynamic), would make the
 * module unloadable by anything but that one program (the tests, or an
 * embedder, load it through the same code), and a module built against
 * another core would fail inside dlopen with a bare "undefined symbol"
 * rather than with this struct's named mismatch. The copy costs disk
 * space only (the linker takes just the core objects the renderer calls;
 * the whole module is under 100 KB of code), and the sizes below keep the
 * two copies' structs in step.
 */
#include "jmap.h"

#define JMAP_ABI_SIZE(field, type) .sizeof_##field = sizeof(type),

const jmap_render_abi jmap_render_module = {
    .abi = JMAP_RENDER_ABI,
    .version = JMAP_VERSION,
    JMAP_RENDER_ABI_STRUCTS(JMAP_ABI_SIZE)
    .render_file = jmap_render_file,
    .report_file = jmap_plan_render_file,
};
