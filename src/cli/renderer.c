/*
 * renderer.c - the jmap program loads its renderer only to render.
 *
 * Rendering needs cairo and Pango, which bring HarfBuzz, fontconfig,
 * FreeType, GLib and their own dependencies: about forty shared libraries,
 * whose loading alone takes longer than linting a map. So the jmap program
 * is linked with the core library only (load, validate, lint reports,
 * exports), and the renderer (src/render) is a module, jmap-render.so, that
 * this file opens with dlopen the first time a map is rendered. `jmap lint`
 * never opens it.
 *
 * The module is looked for beside the program (a build tree), then where
 * `cmake --install` puts it relative to the program (so an installed tree
 * can be moved), then at the path it was installed to. It exports one
 * jmap_render_abi (include/jmap.h); it is used only when that struct's ABI
 * number, version and every struct size are the program's own, so a journey
 * graph never crosses to a module that reads it differently. The program
 * then calls the module's render_file through that struct. The static
 * library, which the tests link, has the renderer built in: only the
 * program, and the tests of the module itself, use this file.
 */
#define _POSIX_C_SOURCE 200809L
#include "renderer.h"

#include <dlfcn.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef JMAP_MODULE_DIR
#define JMAP_MODULE_DIR "/usr/local/lib/jmap" /* set by the build */
#endif
#ifndef JMAP_MODULE_REL
#define JMAP_MODULE_REL "../lib/jmap" /* from the program's folder */
#endif
#define JMAP_MODULE "jmap-render.so"

/* Each struct that crosses the boundary: its name, where the module's
 * jmap_render_abi keeps its size, and the program's own size. */
static const struct {
    const char *type;   /* the struct's name, for the message */
    size_t offset;      /* offsetof its sizeof_ field in jmap_render_abi */
    size_t size;        /* its size in this program */
} shared_structs[] = {
#define JMAP_ABI_ROW(field, type) \
    {#type, offsetof(jmap_render_abi, sizeof_##field), sizeof(type)},
    JMAP_RENDER_ABI_STRUCTS(JMAP_ABI_ROW)
#undef JMAP_ABI_ROW
};

#define N_SHARED_STRUCTS (sizeof shared_structs / sizeof shared_structs[0])

/* 1 when the module's `m` (at `path`) is one the program can use; else 0
 * with what differs in `why`. */
static int abi_matches(const jmap_render_abi *m, const char *path, char *why,
                       size_t why_len)
{
    if (m->abi != JMAP_RENDER_ABI) {
        snprintf(why, why_len, "%s has renderer ABI %u, this jmap has %u", path,
                 m->abi, (unsigned)JMAP_RENDER_ABI);
        return 0;
    }
    if (!m->version || strcmp(m->version, jmap_version()) != 0) {
        snprintf(why, why_len, "%s is version %.32s, this jmap is %s", path,
                 m->version ? m->version : "(none)", jmap_version());
        return 0;
    }
    for (size_t i = 0; i < N_SHARED_STRUCTS; i++) {
        size_t theirs;
        memcpy(&theirs, (const char *)m + shared_structs[i].offset, sizeof theirs);
        if (theirs != shared_structs[i].size) {
            snprintf(why, why_len, "%s has a %zu-byte %s, this jmap a %zu-byte one",
                     path, theirs, shared_structs[i].type, shared_structs[i].size);
            return 0;
        }
    }
    if (!m->render_file || !m->report_file) {
        snprintf(why, why_len, "%s has no %s", path,
                 m->render_file ? "report_file" : "render_file");
        return 0;
    }
    return 1;
}

int jmap_renderer_open(const char *path, const jmap_render_abi **abi, char *why,
                       size_t why_len)
{
    *abi = NULL;
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        const char *e = dlerror();
        snprintf(why, why_len, "%s", e ? e : path);
        return JMAP_ERR_IO;
    }
    const jmap_render_abi *m = dlsym(module, JMAP_RENDER_ABI_SYMBOL);
    if (!m)
        snprintf(why, why_len, "%s is not a jmap renderer (no %s)", path,
                 JMAP_RENDER_ABI_SYMBOL);
    else if (abi_matches(m, path, why, why_len)) {
        *abi = m; /* kept open for the rest of the run */
        return 0;
    }
    dlclose(module);
    return JMAP_ERR_IO;
}

/* The folder of the running program, with its final '/', or "" when it
 * cannot be known. */
static void program_dir(char *dir, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", dir, len - 1);
    dir[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
}

int jmap_renderer_find(const jmap_render_abi **abi, char *why, size_t why_len)
{
    char dir[PATH_MAX], paths[3][PATH_MAX + 64], err[PATH_MAX + 128] = "";
    program_dir(dir, sizeof dir);
    snprintf(paths[0], sizeof paths[0], "%s" JMAP_MODULE, dir);
    snprintf(paths[1], sizeof paths[1], "%s" JMAP_MODULE_REL "/" JMAP_MODULE, dir);
    snprintf(paths[2], sizeof paths[2], JMAP_MODULE_DIR "/" JMAP_MODULE);
    const char *found = NULL; /* the first candidate that exists */
    for (int i = 0; i < 3 && !found; i++)
        if ((dir[0] || i == 2) && access(paths[i], F_OK) == 0)
            found = paths[i];
    *abi = NULL;
    if (!found)
        snprintf(err, sizeof err, "not found beside the program nor in " JMAP_MODULE_DIR);
    else if (jmap_renderer_open(found, abi, err, sizeof err) == 0)
        return 0;
    snprintf(why, why_len,
             "cannot load the renderer (" JMAP_MODULE "): %s; is jmap installed whole?",
             err);
    return JMAP_ERR_IO;
}
