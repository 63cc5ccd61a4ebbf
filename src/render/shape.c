/*
 * shape.c - building a jmap_shape, the painter's path (painter.h).
 *
 * A shape only records what draw.c asks for, in order; each backend turns
 * it into its own drawing (paint_cairo.c replays it into cairo,
 * paint_svg.c writes it as SVG path data).
 */
#include "painter.h"

#include <stdlib.h>
#include <string.h>

void jmap_shape_init(jmap_shape *s)
{
    *s = (jmap_shape){.ops = NULL};
}

void jmap_shape_destroy(jmap_shape *s)
{
    free(s->ops);
    *s = (jmap_shape){.ops = NULL};
}

void jmap_shape_clear(jmap_shape *s)
{
    s->n = 0;
    s->ox = s->oy = s->angle = 0;
}

static jmap_shape_op *add(jmap_shape *s, jmap_shape_verb verb)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->ops = jmap_xrealloc(s->ops, s->cap, sizeof *s->ops);
    }
    jmap_shape_op *op = &s->ops[s->n++];
    op->verb = verb;
    return op;
}

static void add2(jmap_shape *s, jmap_shape_verb verb, double x, double y)
{
    jmap_shape_op *op = add(s, verb);
    op->v[0] = x;
    op->v[1] = y;
}

void jmap_shape_move(jmap_shape *s, double x, double y)
{
    add2(s, JMAP_SHAPE_MOVE, x, y);
}

void jmap_shape_line(jmap_shape *s, double x, double y)
{
    add2(s, JMAP_SHAPE_LINE, x, y);
}

void jmap_shape_curve(jmap_shape *s, double x1, double y1, double x2,
                      double y2, double x3, double y3)
{
    jmap_shape_op *op = add(s, JMAP_SHAPE_CURVE);
    double v[6] = {x1, y1, x2, y2, x3, y3};
    memcpy(op->v, v, sizeof v);
}

void jmap_shape_arc(jmap_shape *s, double cx, double cy, double r, double a1,
                    double a2)
{
    jmap_shape_op *op = add(s, JMAP_SHAPE_ARC);
    double v[5] = {cx, cy, r, a1, a2};
    memcpy(op->v, v, sizeof v);
}

void jmap_shape_rect(jmap_shape *s, double x, double y, double w, double h)
{
    jmap_shape_op *op = add(s, JMAP_SHAPE_RECT);
    double v[4] = {x, y, w, h};
    memcpy(op->v, v, sizeof v);
}

void jmap_shape_sub(jmap_shape *s)
{
    add(s, JMAP_SHAPE_SUB);
}

void jmap_shape_close(jmap_shape *s)
{
    add(s, JMAP_SHAPE_CLOSE);
}

void jmap_shape_frame(jmap_shape *s, double ox, double oy, double angle)
{
    s->ox = ox;
    s->oy = oy;
    s->angle = angle;
}
