/*
 * renderer.c - the jmap program loads its renderer only to render.
 *
 * Rendering needs cairo and Pango, which bring HarfBuzz, fontconfig,
 * FreeType, GLib and their own dependencies: about forty shared libraries,
 * whose loading alone takes longer than linting a map. So the jmap program
 * is linked with the core library only (load, validate, lint reports,
 * exports), and the renderer (text.c, layout.c, draw.c, svg.c, output.c,
 * dump.c, palette.c) is a module, jmap-render.so, that this file opens with
 * dlopen the first time a map is rendered. `jmap lint` never opens it.
 *
 * The module is looked for beside the program (a build tree), then where
 * `cmake --install` puts it relative to the program (so an installed tree
 * can be moved), then at the path it was installed to. It must be of the
 * program's own version. The static library, which the tests link, has the
 * renderer built in: only the program uses this file.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <dlfcn.h>
#include <limits.h>
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

typedef int (*render_fn)(const jmap_journey *journey,
                         const jmap_render_options *opts, const char *out_path,
                         jmap_diag_list *diags, char *why, size_t why_len);
typedef const char *(*version_fn)(void);

/* Opens the module at `path` and returns its render function, or NULL with
 * the reason in err. */
static render_fn open_module(const char *path, char *err, size_t err_len)
{
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        const char *e = dlerror();
        snprintf(err, err_len, "%.2048s", e ? e : path);
        return NULL;
    }
    version_fn version;
    render_fn render;
    /* dlsym's object pointers as function pointers, as POSIX allows */
    void *v = dlsym(module, "jmap_version"), *r = dlsym(module, "jmap_render_file");
    memcpy(&version, &v, sizeof version);
    memcpy(&render, &r, sizeof render);
    if (!version || !render) {
        snprintf(err, err_len, "%.2048s is not a jmap renderer", path);
    } else if (strcmp(version(), jmap_version()) != 0) {
        snprintf(err, err_len, "%.2048s is version %.32s, this jmap is %s", path,
                 version(), jmap_version());
    } else {
        return render; /* kept open for the rest of the run */
    }
    dlclose(module);
    return NULL;
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

int jmap_render_file(const jmap_journey *journey,
                     const jmap_render_options *opts, const char *out_path,
                     jmap_diag_list *diags, char *why, size_t why_len)
{
    static render_fn render;
    if (!render) {
        char dir[PATH_MAX], paths[3][PATH_MAX + 64], err[PATH_MAX + 128] = "";
        program_dir(dir, sizeof dir);
        snprintf(paths[0], sizeof paths[0], "%s" JMAP_MODULE, dir);
        snprintf(paths[1], sizeof paths[1], "%s" JMAP_MODULE_REL "/" JMAP_MODULE, dir);
        snprintf(paths[2], sizeof paths[2], JMAP_MODULE_DIR "/" JMAP_MODULE);
        const char *found = NULL; /* the first candidate that exists */
        for (int i = 0; i < 3 && !found; i++)
            if ((dir[0] || i == 2) && access(paths[i], F_OK) == 0)
                found = paths[i];
        if (found)
            render = open_module(found, err, sizeof err);
        else
            snprintf(err, sizeof err,
                     "not found beside the program nor in " JMAP_MODULE_DIR);
        if (!render) {
            snprintf(why, why_len,
                     "cannot load the renderer (" JMAP_MODULE "): %s; is jmap "
                     "installed whole?",
                     err);
            return JMAP_ERR_IO;
        }
    }
    return render(journey, opts, out_path, diags, why, why_len);
}
