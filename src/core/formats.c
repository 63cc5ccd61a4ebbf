/*
 * formats.c - the names of output formats and paper sizes, and the render
 * options' defaults.
 *
 * They belong to the core library, not to the renderer: the command line
 * checks `--format` and `--page` before it loads the renderer (which brings
 * cairo and Pango), and lint never loads it at all.
 */
#include "formats.h"
#include "words.h"

#include <string.h>
#include <strings.h>

/* Paper sizes in points, portrait. */
static const struct {
    const char *name; /* as given to --page */
    double w, h;      /* points; 0 for auto */
} page_sizes[] = {
    [JMAP_PAGE_AUTO] = {"auto", 0, 0},
    [JMAP_PAGE_A4] = {"a4", 595.28, 841.89},
    [JMAP_PAGE_A3] = {"a3", 841.89, 1190.55},
    [JMAP_PAGE_A2] = {"a2", 1190.55, 1683.78},
    [JMAP_PAGE_LETTER] = {"letter", 612.0, 792.0},
    [JMAP_PAGE_TABLOID] = {"tabloid", 792.0, 1224.0},
    [JMAP_PAGE_A1] = {"a1", 1683.78, 2383.94},
    [JMAP_PAGE_A0] = {"a0", 2383.94, 3370.39},
};

#define N_PAGE_SIZES (sizeof page_sizes / sizeof page_sizes[0])

/* The output formats: name (for --format and as file extension) and
 * default page. */
static const struct {
    const char *name;
    jmap_page page;
} formats[] = {
    [JMAP_FORMAT_PDF] = {"pdf", JMAP_PAGE_A3},
    [JMAP_FORMAT_SVG] = {"svg", JMAP_PAGE_AUTO},
    [JMAP_FORMAT_PNG] = {"png", JMAP_PAGE_AUTO},
    [JMAP_FORMAT_LAYOUT] = {"layout", JMAP_PAGE_AUTO},
};

#define N_FORMATS (sizeof formats / sizeof formats[0])

int jmap_page_size(jmap_page page, double *w, double *h)
{
    int ok = (unsigned)page < N_PAGE_SIZES;
    *w = ok ? page_sizes[page].w : 0;
    *h = ok ? page_sizes[page].h : 0;
    return ok;
}

void jmap_render_options_init(jmap_render_options *opts, jmap_format format)
{
    memset(opts, 0, sizeof *opts);
    opts->format = format;
    opts->page = (unsigned)format < N_FORMATS ? formats[format].page
                                              : JMAP_PAGE_AUTO;
    opts->orientation = JMAP_ORIENTATION_AUTO;
    opts->tile = JMAP_PAGE_AUTO;
    opts->blank = 0;
    opts->fit = 0;
    opts->dpi = 96.0;
    opts->source_name = NULL;
}

int jmap_format_from_name(const char *name)
{
    for (size_t i = 0; name && i < N_FORMATS; i++)
        if (strcasecmp(name, formats[i].name) == 0)
            return (int)i;
    return -1;
}

int jmap_format_from_path(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return -1;
    int f = jmap_format_from_name(dot + 1);
    return f == JMAP_FORMAT_LAYOUT ? -1 : f;
}

int jmap_page_from_name(const char *name)
{
    for (size_t i = 0; name && i < N_PAGE_SIZES; i++)
        if (strcasecmp(name, page_sizes[i].name) == 0)
            return (int)i;
    return -1;
}

const char *jmap_format_name(int format)
{
    return format >= 0 && (size_t)format < N_FORMATS ? formats[format].name : NULL;
}

const char *jmap_page_name(int page)
{
    return page >= 0 && (size_t)page < N_PAGE_SIZES ? page_sizes[page].name : NULL;
}

const char *const jmap_source_names[JMAP_SOURCE_COUNT] = {
    "survey",  "interview", "mystery-visit", "staff-report", "support-tickets",
    "analytics", "review", "observation"};

const char *jmap_source_name(unsigned bit)
{
    for (int i = 0; i < JMAP_SOURCE_COUNT; i++)
        if (bit == 1u << i)
            return jmap_source_names[i];
    return NULL;
}
