/*
 * renderer.h - how the jmap program opens its renderer module (renderer.c).
 * Not part of the library: the tests that check the module compile
 * renderer.c with them, as the program does.
 */
#ifndef JMAP_CLI_RENDERER_H
#define JMAP_CLI_RENDERER_H

#include "jmap.h"

/* Opens the renderer module at `path` and returns its ABI struct in *abi,
 * once the module's ABI number, version and every struct size are the
 * program's own. Returns 0, or JMAP_ERR_IO with a one-line reason in `why`
 * that names the module and what differs. A module that is used stays open
 * for the rest of the run; a refused one is closed. */
int jmap_renderer_open(const char *path, const jmap_render_abi **abi, char *why,
                       size_t why_len);

/* Finds the module (beside the program, then JMAP_MODULE_REL from it, then
 * in JMAP_MODULE_DIR) and opens it as jmap_renderer_open does. The reason
 * of a failure says so and asks whether jmap is installed whole. */
int jmap_renderer_find(const jmap_render_abi **abi, char *why, size_t why_len);

#endif /* JMAP_CLI_RENDERER_H */
