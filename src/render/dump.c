/*
 * dump.c - the layout as stable text, for tests and tools.
 *
 * One line per box, then one line per path, in the order they were laid
 * out:
 *
 *   KIND LINE:COL X Y W H ["TEXT"]
 *
 * KIND is the box or path kind ("step", "step-name", "arrow"...; an icon
 * is "icon-" and the icon's name: "icon-clock"); LINE:COL
 * the source position it comes from (0:0 for what jmap adds: labels,
 * legend, lanes); X Y W H its box in points, 2 decimals, '.' whatever the
 * locale (for a path: its bounding box); TEXT, for a text box, the text as
 * given (not as cut), in double quotes with \\, \", \n, \r, \t and other
 * control characters escaped as \xHH. The first line is the map itself:
 * `map 0:0 0.00 0.00 WIDTH HEIGHT`. docs/render.md documents the kinds.
 */
#include "layout.h"

#include <stdio.h>
#include <string.h>

static void put_number(jmap_buf *out, double v)
{
    char num[64];
    jmap_format_double(num, sizeof num, v, 2);
    /* jmap_format_double trims zeros; the dump keeps exactly 2 decimals */
    char *dot = strchr(num, '.');
    size_t decimals = dot ? strlen(dot + 1) : 0;
    if (strcmp(num, "-0") == 0)
        strcpy(num, "0");
    jmap_buf_puts(out, num);
    if (!dot)
        jmap_buf_putc(out, '.');
    for (; decimals < 2; decimals++)
        jmap_buf_putc(out, '0');
}

static void put_quoted(jmap_buf *out, const char *s)
{
    jmap_buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\\': jmap_buf_puts(out, "\\\\"); break;
        case '"': jmap_buf_puts(out, "\\\""); break;
        case '\n': jmap_buf_puts(out, "\\n"); break;
        case '\r': jmap_buf_puts(out, "\\r"); break;
        case '\t': jmap_buf_puts(out, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                jmap_buf_printf(out, "\\x%02x", *p);
            else
                jmap_buf_putc(out, (char)*p);
        }
    }
    jmap_buf_putc(out, '"');
}

static void put_line(jmap_buf *out, const char *kind, jmap_pos pos, double x,
                     double y, double w, double h, const char *text)
{
    jmap_buf_printf(out, "%s %d:%d ", kind, pos.line, pos.column);
    put_number(out, x);
    jmap_buf_putc(out, ' ');
    put_number(out, y);
    jmap_buf_putc(out, ' ');
    put_number(out, w);
    jmap_buf_putc(out, ' ');
    put_number(out, h);
    if (text) {
        jmap_buf_putc(out, ' ');
        put_quoted(out, text);
    }
    jmap_buf_putc(out, '\n');
}

void jmap_layout_dump(const jmap_layout *layout, jmap_buf *out)
{
    for (size_t i = 0; i < layout->n_boxes; i++) {
        const jmap_box *b = &layout->boxes[i];
        char kind[64];
        if (b->kind == JMAP_BOX_ICON) /* "icon-clock" */
            snprintf(kind, sizeof kind, "%s-%s", jmap_box_kind_name(b->kind),
                     jmap_icon_name(b->style.icon));
        else
            snprintf(kind, sizeof kind, "%s", jmap_box_kind_name(b->kind));
        put_line(out, kind, b->pos, b->x, b->y, b->w, b->h,
                 b->pl ? b->text : NULL);
    }
    for (size_t i = 0; i < layout->n_paths; i++) {
        const jmap_path *p = &layout->paths[i];
        double x, y, w, h;
        jmap_path_bounds(p, &x, &y, &w, &h);
        put_line(out, jmap_path_kind_name(p->kind), p->pos, x, y, w, h, NULL);
    }
}
