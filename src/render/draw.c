/*
 * draw.c - how a finished layout looks, said through a painter.
 *
 * Nothing is measured or placed here: every box, path and text comes from
 * layout.c, marks included (icons, bullets, severity bars, arrow heads are
 * boxes), and each text is the PangoLayout measured there, shown as it is.
 * A box is painted by a lookup from its kind (box_painters) and its typed
 * style, filling the box it is given; only the icons' art has coordinates,
 * in the icon's own 10 x 10 frame. The look lives here: fills, borders,
 * icons, line styles. Meaning never rests on colour alone: channels have
 * their own chip shape and icon, severities their bar weight, icon and
 * border, personas their line style and marker shape, so a greyscale print
 * keeps every distinction.
 *
 * jmap_layout_paint() walks the layout once and hands every shape, text and
 * icon to a jmap_painter (painter.h); the output formats are backends of
 * that table (paint_cairo.c, paint_svg.c), and nothing here knows which one
 * it talks to. Painting goes in layers (backgrounds, guides, cards, marks,
 * lines, points, text), so text is always on top and nothing hides it; the
 * texts, and the few marks that carry words for readers, are painted last
 * in reading order, inside the structure elements of a tagged PDF (the
 * reading pass, below).
 */
#include "painter.h"
#include "words.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

/* ---- the look: widths, radii and dashes (never a position) ---- */
#define STEP_BAND 3.5       /* the tinted top edge of a step card */
#define STEP_R 5.0          /* a step card's corners */
#define ARROW_R 5.0         /* a branch arrow's rounded corners */
#define ARROW_STOP 0.8      /* an arrow's line stops this far into its
                               head, in head lengths */
#define SAMPLE_RIM_W 0.8    /* the border of a card-like legend sample */
#define MOMENT_SAMPLE_R 5.0 /* a moment sample's corners */
#define CARD_SAMPLE_R 2.0   /* an idea's or remedy's sample's corners */
#define REMEDY_DASH_ON 3.0  /* a remedy's dashed border */
#define REMEDY_DASH_OFF 2.0

/* One walk over a layout: the painter, and the shape being built. */
typedef struct walk {
    const jmap_painter *p; /* the backend */
    void *ctx;             /* its state */
    jmap_shape s;          /* the shape being built, reused */
} walk;

/* The walk's shape, emptied, for a new figure. */
static jmap_shape *shape(walk *w)
{
    jmap_shape_clear(&w->s);
    return &w->s;
}

static void fill(walk *w, jmap_rgb c)
{
    w->p->fill(w->ctx, &w->s, c);
}

static void stroke(walk *w, const jmap_pen *pen)
{
    w->p->stroke(w->ctx, &w->s, pen);
}

static void fill_stroke(walk *w, jmap_rgb c, const jmap_pen *pen)
{
    w->p->fill_stroke(w->ctx, &w->s, c, pen);
}

static jmap_rgb colour(jmap_colour c)
{
    return jmap_palette_colour(c);
}

static const jmap_rgb white = {1, 1, 1};

/* A solid pen with butt ends and mitred corners. */
static jmap_pen pen(jmap_rgb c, double width)
{
    return (jmap_pen){.rgb = c, .width = width};
}

/* The same pen, dashed on / off. */
static jmap_pen dashed(jmap_pen p, double on, double off)
{
    p.dash[0] = on;
    p.dash[1] = off;
    p.n_dash = 2;
    return p;
}

/* A darker shade of c, for borders. */
static jmap_rgb shade(jmap_rgb c, double f)
{
    return (jmap_rgb){c.r * f, c.g * f, c.b * f};
}

static void rounded_rect(jmap_shape *s, double x, double y, double w, double h,
                         double r)
{
    if (r > h / 2)
        r = h / 2;
    if (r > w / 2)
        r = w / 2;
    jmap_shape_sub(s);
    jmap_shape_arc(s, x + w - r, y + r, r, -PI / 2, 0);
    jmap_shape_arc(s, x + w - r, y + h - r, r, 0, PI / 2);
    jmap_shape_arc(s, x + r, y + h - r, r, PI / 2, PI);
    jmap_shape_arc(s, x + r, y + r, r, PI, 3 * PI / 2);
    jmap_shape_close(s);
}

static void circle(jmap_shape *s, double cx, double cy, double r)
{
    jmap_shape_arc(s, cx, cy, r, 0, 2 * PI);
}

/* ---- icons, drawn in a box of about 10 x 10 at (x, y) ---- */

static void icon_digital(walk *w, double x, double y)
{
    jmap_pen ink = pen(colour(JMAP_C_INK), 1.0);
    rounded_rect(shape(w), x, y + 0.5, 10, 7, 1);
    stroke(w, &ink);
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x + 3, y + 9.5);
    jmap_shape_line(s, x + 7, y + 9.5);
    jmap_shape_move(s, x + 5, y + 7.5);
    jmap_shape_line(s, x + 5, y + 9.5);
    stroke(w, &ink);
}

static void icon_physical(walk *w, double x, double y)
{
    jmap_pen ink = pen(colour(JMAP_C_INK), 1.0);
    jmap_shape *s = shape(w);
    jmap_shape_rect(s, x + 0.5, y + 1.5, 9, 8);
    jmap_shape_move(s, x + 0.5, y + 4.5);
    jmap_shape_line(s, x + 9.5, y + 4.5);
    jmap_shape_move(s, x + 5, y + 1.5);
    jmap_shape_line(s, x + 5, y + 4.5);
    stroke(w, &ink);
}

static void icon_human(walk *w, double x, double y)
{
    circle(shape(w), x + 5, y + 3, 2.4);
    fill(w, colour(JMAP_C_INK));
    jmap_shape *s = shape(w);
    jmap_shape_arc(s, x + 5, y + 10.5, 4.5, PI, 2 * PI);
    jmap_shape_close(s);
    fill(w, colour(JMAP_C_INK));
}

/* Three bars of rising height, `level` + 1 of them filled. */
static void icon_severity(walk *w, int level, double x, double y)
{
    jmap_rgb v = shade(colour(JMAP_C_VERMILLION), 0.85);
    jmap_pen line = pen(v, 0.6);
    for (int i = 0; i < 3; i++) {
        double h = 3 + 2.5 * i;
        jmap_shape_rect(shape(w), x + i * 4 + 0.5, y + 8.5 - h, 2.5, h);
        if (i <= level)
            fill_stroke(w, v, &line);
        else
            stroke(w, &line);
    }
}

/* A disc of colour `c` with a white tick. */
static void disc_tick(walk *w, double x, double y, jmap_rgb c)
{
    circle(shape(w), x + 5, y + 5, 5);
    fill(w, c);
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x + 2.6, y + 5.2);
    jmap_shape_line(s, x + 4.3, y + 6.9);
    jmap_shape_line(s, x + 7.5, y + 3.4);
    jmap_pen tick = pen(white, 1.3);
    stroke(w, &tick);
}

static void icon_check(walk *w, double x, double y)
{
    disc_tick(w, x, y, colour(JMAP_C_GREEN));
}

static void icon_bulb(walk *w, double x, double y)
{
    jmap_rgb c = {0.55, 0.47, 0.0};
    jmap_pen rim = pen(c, 0.8);
    circle(shape(w), x + 5, y + 4, 3.8);
    fill_stroke(w, colour(JMAP_C_YELLOW), &rim);
    jmap_shape_rect(shape(w), x + 3.3, y + 8, 3.4, 2.2);
    fill(w, c);
}

static void icon_bandage(walk *w, double x, double y)
{
    jmap_pen green = pen(colour(JMAP_C_GREEN), 0.9);
    jmap_shape *s = shape(w);
    jmap_shape_frame(s, x + 5, y + 5, -PI / 4);
    rounded_rect(s, -6, -2.5, 12, 5, 2.5);
    stroke(w, &green);
    s = shape(w);
    jmap_shape_frame(s, x + 5, y + 5, -PI / 4);
    jmap_shape_rect(s, -2, -2.5, 4, 5);
    fill(w, green.rgb);
}

static void icon_clock(walk *w, double x, double y)
{
    jmap_shape *s = shape(w);
    circle(s, x + 4, y + 4, 3.4);
    jmap_shape_move(s, x + 4, y + 1.9);
    jmap_shape_line(s, x + 4, y + 4);
    jmap_shape_line(s, x + 5.6, y + 5);
    jmap_pen soft = pen(colour(JMAP_C_INK_SOFT), 0.8);
    stroke(w, &soft);
}

/* A metric that reaches its target: a blue disc with a tick. */
static void icon_met(walk *w, double x, double y)
{
    disc_tick(w, x, y, colour(JMAP_C_BLUE));
}

/* A metric that misses it: a vermillion triangle with an exclamation
 * mark, unlike the disc in shape as in colour. */
static void icon_missed(walk *w, double x, double y)
{
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x + 5, y + 0.3);
    jmap_shape_line(s, x + 9.8, y + 9.5);
    jmap_shape_line(s, x + 0.2, y + 9.5);
    jmap_shape_close(s);
    fill(w, colour(JMAP_C_VERMILLION));
    s = shape(w);
    jmap_shape_move(s, x + 5, y + 3.4);
    jmap_shape_line(s, x + 5, y + 6.4);
    jmap_pen bar = pen(white, 1.3);
    stroke(w, &bar);
    circle(shape(w), x + 5, y + 8.1, 0.75);
    fill(w, white);
}

/* ---- where an insight comes from: outlines in soft ink ---- */

static jmap_pen source_pen(void)
{
    return pen(colour(JMAP_C_INK_SOFT), 0.8);
}

/* A survey: a form with two ticked lines. */
static void icon_survey(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    jmap_shape *s = shape(w);
    jmap_shape_rect(s, x + 1.5, y + 0.5, 7, 9);
    jmap_shape_move(s, x + 3, y + 3.5);
    jmap_shape_line(s, x + 7, y + 3.5);
    jmap_shape_move(s, x + 3, y + 6.5);
    jmap_shape_line(s, x + 7, y + 6.5);
    stroke(w, &p);
}

/* An interview: a speech bubble. */
static void icon_interview(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    rounded_rect(shape(w), x + 0.5, y + 0.5, 9, 6.5, 2);
    stroke(w, &p);
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x + 2.5, y + 7);
    jmap_shape_line(s, x + 2, y + 9.5);
    jmap_shape_line(s, x + 5, y + 7);
    stroke(w, &p);
}

/* A mystery visit: an eye. */
static void icon_mystery_visit(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x + 0.5, y + 5);
    jmap_shape_curve(s, x + 3, y + 1, x + 7, y + 1, x + 9.5, y + 5);
    jmap_shape_curve(s, x + 7, y + 9, x + 3, y + 9, x + 0.5, y + 5);
    jmap_shape_close(s);
    stroke(w, &p);
    circle(shape(w), x + 5, y + 5, 1.6);
    fill(w, p.rgb);
}

/* A staff report: a page with a folded corner and a person's head. */
static void icon_staff_report(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x + 1.5, y + 0.5);
    jmap_shape_line(s, x + 6, y + 0.5);
    jmap_shape_line(s, x + 8.5, y + 3);
    jmap_shape_line(s, x + 8.5, y + 9.5);
    jmap_shape_line(s, x + 1.5, y + 9.5);
    jmap_shape_close(s);
    stroke(w, &p);
    circle(shape(w), x + 5, y + 5, 1.4);
    fill(w, p.rgb);
    s = shape(w);
    jmap_shape_move(s, x + 3, y + 8.5);
    jmap_shape_line(s, x + 7, y + 8.5);
    stroke(w, &p);
}

/* Support tickets: a ticket with its tear-off line. */
static void icon_support_tickets(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    jmap_shape *s = shape(w);
    jmap_shape_rect(s, x + 0.5, y + 2, 9, 6);
    stroke(w, &p);
    s = shape(w);
    jmap_shape_move(s, x + 6.5, y + 2);
    jmap_shape_line(s, x + 6.5, y + 8);
    jmap_pen dots = dashed(p, 1, 1);
    stroke(w, &dots);
}

/* Analytics: a line chart on its axes. */
static void icon_analytics(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x + 0.5, y + 0.5);
    jmap_shape_line(s, x + 0.5, y + 9.5);
    jmap_shape_line(s, x + 9.5, y + 9.5);
    jmap_shape_move(s, x + 2, y + 7.5);
    jmap_shape_line(s, x + 4.5, y + 4.5);
    jmap_shape_line(s, x + 6.5, y + 6);
    jmap_shape_line(s, x + 9.5, y + 1.5);
    stroke(w, &p);
}

/* A review: a five-pointed star. */
static void icon_review(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    jmap_shape *s = shape(w);
    for (int k = 0; k < 10; k++) {
        double a = -PI / 2 + k * PI / 5, r = k % 2 ? 2.1 : 4.7;
        double px = x + 5 + r * cos(a), py = y + 5.3 + r * sin(a);
        if (k == 0)
            jmap_shape_move(s, px, py);
        else
            jmap_shape_line(s, px, py);
    }
    jmap_shape_close(s);
    stroke(w, &p);
}

/* An observation: a magnifying glass. */
static void icon_observation(walk *w, double x, double y)
{
    jmap_pen p = source_pen();
    jmap_shape *s = shape(w);
    circle(s, x + 4, y + 4, 3.4);
    stroke(w, &p);
    s = shape(w);
    jmap_shape_move(s, x + 6.5, y + 6.5);
    jmap_shape_line(s, x + 9.5, y + 9.5);
    jmap_pen handle = pen(p.rgb, 1.3);
    stroke(w, &handle);
}

/* How every icon looks (a jmap_icon_art): what a backend calls to define
 * an icon once, or to draw it in place. */
static void icon_art(jmap_icon icon, const jmap_painter *p, void *ctx,
                     double x, double y)
{
    walk w = {.p = p, .ctx = ctx};
    jmap_shape_init(&w.s);
    switch (icon) {
    case JMAP_ICON_DIGITAL: icon_digital(&w, x, y); break;
    case JMAP_ICON_PHYSICAL: icon_physical(&w, x, y); break;
    case JMAP_ICON_HUMAN: icon_human(&w, x, y); break;
    case JMAP_ICON_SEVERITY_LOW:
    case JMAP_ICON_SEVERITY_MEDIUM:
    case JMAP_ICON_SEVERITY_HIGH:
        icon_severity(&w, (int)(icon - JMAP_ICON_SEVERITY_LOW), x, y);
        break;
    case JMAP_ICON_CHECK: icon_check(&w, x, y); break;
    case JMAP_ICON_BULB: icon_bulb(&w, x, y); break;
    case JMAP_ICON_BANDAGE: icon_bandage(&w, x, y); break;
    case JMAP_ICON_MET: icon_met(&w, x, y); break;
    case JMAP_ICON_MISSED: icon_missed(&w, x, y); break;
    case JMAP_ICON_SURVEY: icon_survey(&w, x, y); break;
    case JMAP_ICON_INTERVIEW: icon_interview(&w, x, y); break;
    case JMAP_ICON_MYSTERY_VISIT: icon_mystery_visit(&w, x, y); break;
    case JMAP_ICON_STAFF_REPORT: icon_staff_report(&w, x, y); break;
    case JMAP_ICON_SUPPORT_TICKETS: icon_support_tickets(&w, x, y); break;
    case JMAP_ICON_ANALYTICS: icon_analytics(&w, x, y); break;
    case JMAP_ICON_REVIEW: icon_review(&w, x, y); break;
    case JMAP_ICON_OBSERVATION: icon_observation(&w, x, y); break;
    default: icon_clock(&w, x, y); break;
    }
    jmap_shape_destroy(&w.s);
}

/* ---- marks: an icon, bullet or bar fills its box ---- */

static void paint_icon(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    w->p->icon(w->ctx, b->style.icon, b->x, b->y, icon_art);
}

static void paint_bullet(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    circle(shape(w), b->x + b->w / 2, b->y + b->h / 2, b->w / 2);
    fill(w, colour(JMAP_C_BLUE));
}


/* ---- cards ---- */

static void paint_map(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_shape_rect(shape(w), b->x, b->y, b->w, b->h);
    fill(w, white);
}

static void paint_lane(walk *w, const jmap_layout *L, const jmap_box *b)
{
    jmap_shape_rect(shape(w), b->x, b->y, b->w, b->h);
    fill(w, colour(b->style.lane % 2 ? JMAP_C_LANE_B : JMAP_C_LANE_A));
    jmap_shape_rect(shape(w), L->label_x, b->y, L->label_w, b->h);
    fill(w, colour(JMAP_C_LABEL_BG));
    jmap_shape *s = shape(w);
    jmap_shape_move(s, b->x, b->y + b->h);
    jmap_shape_line(s, b->x + b->w, b->y + b->h);
    jmap_pen rule = pen(colour(JMAP_C_RULE), 0.5);
    stroke(w, &rule);
}

static void paint_persona(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen rule = pen(colour(JMAP_C_RULE), 0.8);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 6);
    fill_stroke(w, colour(JMAP_C_LANE_B), &rule);
}

static void paint_persona_bar(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_shape_rect(shape(w), b->x, b->y, b->w, b->h);
    fill(w, colour(JMAP_C_BLUE));
}

static void paint_legend(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen rule = pen(colour(JMAP_C_RULE), 0.8);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 6);
    fill_stroke(w, white, &rule);
}

static void paint_stage(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_rgb tint = jmap_palette_stage(b->style.stage);
    jmap_pen border = pen(shade(tint, 0.78), 0.8);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 5);
    fill_stroke(w, tint, &border);
}

/* The top `band` points of a rounded rectangle of corner radius r (band <
 * r, w >= 2r): the card's coloured top edge, as a shape rather than a clip,
 * which every output draws alike. */
static void top_band(jmap_shape *s, double x, double y, double w, double band,
                     double r)
{
    double a = asin((r - band) / r); /* below the horizontal, at the band */
    jmap_shape_sub(s);
    jmap_shape_arc(s, x + r, y + r, r, PI + a, 3 * PI / 2);
    jmap_shape_arc(s, x + w - r, y + r, r, -PI / 2, -a);
    jmap_shape_close(s);
}

static void paint_step(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_rgb stage = jmap_palette_stage(b->style.stage);
    jmap_pen border = pen(shade(stage, 0.7), 1.0);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, STEP_R);
    fill_stroke(w, white, &border);
    top_band(shape(w), b->x, b->y, b->w, STEP_BAND, STEP_R);
    fill(w, shade(stage, 0.85));
}

/* Chip outline by channel: digital rounded, physical square, human pill. */
static void chip_path(jmap_shape *s, jmap_channel channel, double x, double y,
                      double w, double h)
{
    if (channel == JMAP_CHANNEL_PHYSICAL)
        jmap_shape_rect(s, x, y, w, h);
    else if (channel == JMAP_CHANNEL_HUMAN)
        rounded_rect(s, x, y, w, h, 8.5);
    else
        rounded_rect(s, x, y, w, h, 3.5);
}

static jmap_rgb channel_fill(jmap_channel channel)
{
    return colour(channel == JMAP_CHANNEL_PHYSICAL ? JMAP_C_PHYSICAL
                  : channel == JMAP_CHANNEL_HUMAN  ? JMAP_C_HUMAN
                                                   : JMAP_C_DIGITAL);
}

/* A chip of `channel`'s shape and colour filling box b. */
static void paint_chip(walk *w, jmap_channel channel, const jmap_box *b)
{
    jmap_rgb tint = channel_fill(channel);
    jmap_pen border = pen(shade(tint, 0.62), 0.8);
    chip_path(shape(w), channel, b->x, b->y, b->w, b->h);
    fill_stroke(w, tint, &border);
}

static void paint_touchpoint(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    paint_chip(w, b->style.channel, b);
}

/* An irritant's look by jmap_level: fill, border weight, dashes. */
static const struct {
    jmap_colour fill;  /* the card's tint */
    double border;     /* its border's width */
    int dashed;        /* 1: a dashed border */
} irritant_looks[3] = {
    [JMAP_LEVEL_LOW] = {JMAP_C_IRRITANT_LOW, 0.6, 1},
    [JMAP_LEVEL_MEDIUM] = {JMAP_C_IRRITANT_MEDIUM, 0.8, 0},
    [JMAP_LEVEL_HIGH] = {JMAP_C_IRRITANT_HIGH, 1.4, 0},
};

static jmap_rgb irritant_ink(void)
{
    return shade(colour(JMAP_C_VERMILLION), 0.9);
}

/* An irritant's card of severity `sev`, filling box b. */
static void irritant_frame(walk *w, jmap_level sev, const jmap_box *b)
{
    jmap_pen border = pen(irritant_ink(), irritant_looks[sev].border);
    if (irritant_looks[sev].dashed)
        border = dashed(border, 2, 1.5);
    jmap_shape_rect(shape(w), b->x, b->y, b->w, b->h);
    fill_stroke(w, colour(irritant_looks[sev].fill), &border);
}

static void paint_irritant(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    irritant_frame(w, b->style.level, b);
}

static void paint_severity_bar(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_shape_rect(shape(w), b->x, b->y, b->w, b->h);
    fill(w, irritant_ink());
}

static const jmap_rgb badge_brown = {0.45, 0.2, 0.0};

static void paint_badge(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, b->h / 2);
    fill(w, badge_brown);
}

static const jmap_rgb idea_rim = {0.72, 0.64, 0.1};

static void paint_moment(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen border = pen(colour(JMAP_C_GREEN), 0.9);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 8);
    fill_stroke(w, colour(JMAP_C_MOMENT), &border);
}

static void paint_idea(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen border = pen(idea_rim, 0.8);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 3);
    fill_stroke(w, colour(JMAP_C_IDEA), &border);
}

/* A persona's disc, in the colour of its curve. */
static void paint_persona_chip(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    circle(shape(w), b->x + b->w / 2, b->y + b->h / 2, b->w / 2);
    fill(w, jmap_palette_curve(b->curve));
}

/* A metric: a white card with a thin rule. */
static void paint_metric(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen border = pen(colour(JMAP_C_RULE), 0.8);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 2);
    fill_stroke(w, white, &border);
}

/* A thought: a speech bubble, light and rounded. */
static void paint_thought(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen border = pen(colour(JMAP_C_RULE), 0.8);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 6);
    fill_stroke(w, colour(JMAP_C_THOUGHT), &border);
}

static void paint_remedy(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen border = dashed(pen(colour(JMAP_C_GREEN), 0.9), REMEDY_DASH_ON,
                             REMEDY_DASH_OFF);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 3);
    fill_stroke(w, white, &border);
}

static const jmap_colour vis_colours[3] = {JMAP_C_FRONTSTAGE, JMAP_C_BACKSTAGE,
                                           JMAP_C_SUPPORT};

static void paint_dept_mark(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 3);
    fill(w, colour(vis_colours[b->style.visibility]));
}

/* Marker shapes of the emotion curves: circle, square, diamond, triangle. */
static void marker_path(jmap_shape *s, size_t k, double cx, double cy,
                        double r)
{
    switch (k % 4) {
    case 0:
        circle(s, cx, cy, r);
        break;
    case 1:
        jmap_shape_rect(s, cx - r * 0.9, cy - r * 0.9, 1.8 * r, 1.8 * r);
        break;
    case 2:
        jmap_shape_move(s, cx, cy - r * 1.25);
        jmap_shape_line(s, cx + r * 1.25, cy);
        jmap_shape_line(s, cx, cy + r * 1.25);
        jmap_shape_line(s, cx - r * 1.25, cy);
        jmap_shape_close(s);
        break;
    default:
        jmap_shape_move(s, cx, cy - r * 1.3);
        jmap_shape_line(s, cx + r * 1.2, cy + r * 0.9);
        jmap_shape_line(s, cx - r * 1.2, cy + r * 0.9);
        jmap_shape_close(s);
        break;
    }
}

/* The pen of emotion curve k: colour, dashes, and round dots for one. */
static jmap_pen curve_pen(size_t k)
{
    static const double dashes[4][2] = {{0, 0}, {5, 2.5}, {1.2, 2.2}, {7, 2}};
    jmap_pen p = pen(jmap_palette_curve(k), 1.8);
    p.cap = k % 4 == 2 ? JMAP_CAP_ROUND : JMAP_CAP_BUTT;
    if (dashes[k % 4][0] > 0)
        p = dashed(p, dashes[k % 4][0], dashes[k % 4][1]);
    return p;
}

static void paint_emotion(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    double cx = b->x + b->w / 2, cy = b->y + b->h / 2;
    jmap_pen rim = pen(jmap_palette_curve(b->curve), 1.0);
    marker_path(shape(w), b->curve, cx, cy, b->w / (2 * JMAP_MARKER_REACH));
    fill_stroke(w, jmap_palette_emotion(b->style.emotion), &rim);
}

static void arrow_head(walk *w, jmap_rgb c, double x, double y, double dx,
                       double dy, double size)
{
    double len = hypot(dx, dy);
    if (len <= 0)
        return;
    dx /= len;
    dy /= len;
    jmap_shape *s = shape(w);
    jmap_shape_move(s, x, y);
    jmap_shape_line(s, x - dx * size - dy * size * 0.5,
                    y - dy * size + dx * size * 0.5);
    jmap_shape_line(s, x - dx * size + dy * size * 0.5,
                    y - dy * size - dx * size * 0.5);
    jmap_shape_close(s);
    fill(w, c);
}

/* A card-like legend sample: lighter and rounder than the card it stands
 * for. */
static void card_sample(walk *w, const jmap_box *b, jmap_rgb tint,
                        const jmap_pen *rim, double radius)
{
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, radius);
    fill_stroke(w, tint, rim);
}

/* A legend sample: the shape of what it stands for, filling its box; its
 * bar, icon, marker and arrow are boxes and paths of their own. */
static void paint_swatch(walk *w, const jmap_layout *L, const jmap_box *b)
{
    switch (b->style.swatch) {
    case JMAP_SWATCH_DIGITAL:
    case JMAP_SWATCH_PHYSICAL:
    case JMAP_SWATCH_HUMAN:
        paint_chip(w, (jmap_channel)(b->style.swatch - JMAP_SWATCH_DIGITAL), b);
        break;
    case JMAP_SWATCH_IRRITANT_LOW:
    case JMAP_SWATCH_IRRITANT_MEDIUM:
    case JMAP_SWATCH_IRRITANT_HIGH:
        irritant_frame(w, (jmap_level)(b->style.swatch -
                                       JMAP_SWATCH_IRRITANT_LOW), b);
        break;
    case JMAP_SWATCH_BADGE:
        paint_badge(w, L, b);
        break;
    case JMAP_SWATCH_MOMENT: {
        jmap_pen rim = pen(colour(JMAP_C_GREEN), SAMPLE_RIM_W);
        card_sample(w, b, colour(JMAP_C_MOMENT), &rim, MOMENT_SAMPLE_R);
        break;
    }
    case JMAP_SWATCH_IDEA: {
        jmap_pen rim = pen(idea_rim, SAMPLE_RIM_W);
        card_sample(w, b, colour(JMAP_C_IDEA), &rim, CARD_SAMPLE_R);
        break;
    }
    case JMAP_SWATCH_REMEDY: {
        jmap_pen rim = dashed(pen(colour(JMAP_C_GREEN), SAMPLE_RIM_W),
                              REMEDY_DASH_ON, REMEDY_DASH_OFF);
        card_sample(w, b, white, &rim, CARD_SAMPLE_R);
        break;
    }
    case JMAP_SWATCH_CURVE: { /* the curve's line, through the box */
        jmap_pen line = curve_pen(b->curve);
        jmap_shape *s = shape(w);
        jmap_shape_move(s, b->x, b->y + b->h / 2);
        jmap_shape_line(s, b->x + b->w, b->y + b->h / 2);
        stroke(w, &line);
        break;
    }
    case JMAP_SWATCH_ARROW: /* a legend-arrow path and its head */
    case JMAP_SWATCH_MET:   /* their icon */
    case JMAP_SWATCH_MISSED:
    case JMAP_SWATCH_SOURCE:
        break;
    }
}

/* A curve's marker, reaching its box's edges. */
static void paint_marker(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    marker_path(shape(w), b->curve, b->x + b->w / 2, b->y + b->h / 2,
                b->w / (2 * JMAP_MARKER_REACH));
    fill(w, jmap_palette_curve(b->curve));
}

/* ---- text ---- */

static jmap_colour text_colour(jmap_box_kind kind)
{
    switch (kind) {
    case JMAP_BOX_SUBTITLE:
    case JMAP_BOX_LEGEND_TEXT:
    case JMAP_BOX_SCALE_TEXT:
    case JMAP_BOX_STAGE_DURATION:
    case JMAP_BOX_STEP_DURATION:
    case JMAP_BOX_STAGE_DESCRIPTION:
    case JMAP_BOX_STEP_DESCRIPTION:
    case JMAP_BOX_IRRITANT_OWNER:
    case JMAP_BOX_STAGE_GOAL:
    case JMAP_BOX_METRIC_NAME:
    case JMAP_BOX_METRIC_TARGET:
    case JMAP_BOX_SEPARATOR_TEXT:
    case JMAP_BOX_FOOTER:
    case JMAP_BOX_GOALS_LABEL:
    case JMAP_BOX_PERSONA_TEXT:
    case JMAP_BOX_DIFF_GONE_TEXT:
        return JMAP_C_INK_SOFT;
    default:
        return JMAP_C_INK;
    }
}

jmap_rgb jmap_text_rgb(jmap_box_kind kind)
{
    if (kind == JMAP_BOX_BADGE_TEXT || kind == JMAP_BOX_PERSONA_INITIAL)
        return white;
    return colour(text_colour(kind));
}

static void paint_text(walk *w, const jmap_box *b)
{
    w->p->text(w->ctx, b->pl, b->x, b->y, jmap_text_rgb(b->kind));
}

/* ---- paths ---- */

static void polyline(jmap_shape *s, const jmap_point *p, size_t n)
{
    jmap_shape_move(s, p[0].x, p[0].y);
    for (size_t i = 1; i < n; i++)
        jmap_shape_line(s, p[i].x, p[i].y);
}

/* A polyline with rounded corners. */
static void rounded_polyline(jmap_shape *s, const jmap_point *p, size_t n,
                             double r)
{
    jmap_shape_move(s, p[0].x, p[0].y);
    for (size_t i = 1; i + 1 < n; i++) {
        double ax = p[i].x - p[i - 1].x, ay = p[i].y - p[i - 1].y;
        double bx = p[i + 1].x - p[i].x, by = p[i + 1].y - p[i].y;
        double la = hypot(ax, ay), lb = hypot(bx, by);
        double rr = fmin(r, fmin(la, lb) / 2);
        if (la <= 0 || lb <= 0) {
            jmap_shape_line(s, p[i].x, p[i].y);
            continue;
        }
        jmap_shape_line(s, p[i].x - ax / la * rr, p[i].y - ay / la * rr);
        jmap_shape_curve(s, p[i].x, p[i].y, p[i].x, p[i].y,
                         p[i].x + bx / lb * rr, p[i].y + by / lb * rr);
    }
    jmap_shape_line(s, p[n - 1].x, p[n - 1].y);
}

/* The pen of a path kind. */
static jmap_pen path_pen(const jmap_path *p)
{
    static const jmap_rgb faint = {0.88, 0.89, 0.91};
    jmap_pen pn = pen(colour(JMAP_C_INK), 1.0);
    switch (p->kind) {
    case JMAP_PATH_GRID: pn = pen(colour(JMAP_C_RULE), 0.6); break;
    case JMAP_PATH_LEVEL:
    case JMAP_PATH_ROW: pn = pen(faint, 0.5); break;
    case JMAP_PATH_NEUTRAL:
        pn = dashed(pen(colour(JMAP_C_GREY), 0.9), 4, 3);
        break;
    case JMAP_PATH_CURVE: pn = curve_pen(p->curve); break;
    case JMAP_PATH_VISIBILITY:
        pn = dashed(pen(colour(JMAP_C_BLUE), 1.3), 7, 3.5);
        break;
    case JMAP_PATH_SUPPORT:
        pn = dashed(pen(colour(JMAP_C_INK_SOFT), 0.9), 1.5, 2.5);
        break;
    case JMAP_PATH_FLOW: pn = pen(colour(JMAP_C_ARROW), 0.9); break;
    case JMAP_PATH_ARROW:
        pn = pen(colour(JMAP_C_ARROW), 1.2);
        if (p->loop)
            pn = dashed(pn, 4, 2.5);
        break;
    case JMAP_PATH_LEGEND_ARROW:
        return pen(colour(JMAP_C_ARROW), 1.2); /* square corners */
    case JMAP_PATH_CROP: return pen(colour(JMAP_C_INK), 0.5);
    case JMAP_PATH_GLUE:
        pn = dashed(pen(colour(JMAP_C_INK_SOFT), 0.6), 3, 3);
        break;
    case JMAP_PATH_DIFF_STRIKE: return pen(colour(JMAP_C_INK_SOFT), 0.7);
    case JMAP_PATH_DIFF_SHIFT:
        pn = dashed(pen(jmap_palette_curve(p->curve), 0.9), 1.2, 1.6);
        break;
    default: break;
    }
    pn.join = JMAP_JOIN_ROUND;
    return pn;
}

/* An arrow's line, stopped inside its head (a box of its own); a branch
 * arrow's corners are rounded, a legend arrow's square. */
static void paint_arrow(walk *w, const jmap_path *p, const jmap_pen *pn)
{
    const jmap_point *a = &p->pts[p->n - 2], *z = &p->pts[p->n - 1];
    double dx = z->x - a->x, dy = z->y - a->y, len = hypot(dx, dy);
    double head = p->head;
    jmap_point end = *z;
    if (len > head) { /* stop the line where the head starts */
        end.x = z->x - dx / len * head * ARROW_STOP;
        end.y = z->y - dy / len * head * ARROW_STOP;
    }
    jmap_point *pts = jmap_xcalloc(p->n, sizeof *pts);
    for (size_t i = 0; i < p->n; i++)
        pts[i] = p->pts[i];
    pts[p->n - 1] = end;
    if (p->kind == JMAP_PATH_LEGEND_ARROW)
        polyline(shape(w), pts, p->n);
    else
        rounded_polyline(shape(w), pts, p->n, ARROW_R);
    free(pts);
    stroke(w, pn);
}

/* An arrow head: a triangle filling its box, its tip on the box's edge. */
static void paint_arrow_head(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    static const struct {
        double tx, ty; /* the tip, in fractions of the box */
        double dx, dy; /* where it points */
    } tips[] = {
        [JMAP_HEADING_RIGHT] = {1, 0.5, 1, 0},
        [JMAP_HEADING_DOWN] = {0.5, 1, 0, 1},
        [JMAP_HEADING_LEFT] = {0, 0.5, -1, 0},
        [JMAP_HEADING_UP] = {0.5, 0, 0, -1},
    };
    jmap_heading h = b->style.heading;
    arrow_head(w, colour(JMAP_C_ARROW), b->x + b->w * tips[h].tx,
               b->y + b->h * tips[h].ty, tips[h].dx, tips[h].dy, b->w);
}

static void paint_path(walk *w, const jmap_path *p)
{
    if (p->n < 2)
        return;
    jmap_pen pn = path_pen(p);
    if (p->kind == JMAP_PATH_FLOW || p->kind == JMAP_PATH_ARROW ||
        p->kind == JMAP_PATH_LEGEND_ARROW) {
        paint_arrow(w, p, &pn);
        return;
    }
    jmap_shape *s = shape(w);
    if (p->kind == JMAP_PATH_CURVE) {
        jmap_shape_move(s, p->pts[0].x, p->pts[0].y);
        for (size_t i = 1; i + 2 < p->n; i += 3)
            jmap_shape_curve(s, p->pts[i].x, p->pts[i].y, p->pts[i + 1].x,
                             p->pts[i + 1].y, p->pts[i + 2].x, p->pts[i + 2].y);
    } else {
        polyline(s, p->pts, p->n);
    }
    stroke(w, &pn);
}

/* ---- the marks of a visual diff (diffmarks.c) ----
 * Added is bluish green and solid, changed reddish purple (apart from the
 * irritants' oranges) and dashed, removed grey
 * and dashed on a faded card: the tag's words say which as well, so that
 * a greyscale print keeps them apart. */

#define DIFF_OUTLINE_R 4.0 /* an outline's corners */
#define DIFF_TAG_R 2.0     /* a tag's corners */

static jmap_rgb diff_colour(jmap_diff_state st)
{
    return colour(st == JMAP_DIFF_ADDED     ? JMAP_C_GREEN
                  : st == JMAP_DIFF_CHANGED ? JMAP_C_PURPLE
                                            : JMAP_C_GREY);
}

/* c mixed with white: k of c. */
static jmap_rgb tint_of(jmap_rgb c, double k)
{
    return (jmap_rgb){1 - k * (1 - c.r), 1 - k * (1 - c.g), 1 - k * (1 - c.b)};
}

static void paint_diff_outline(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen pn = pen(shade(diff_colour(b->style.diff), 0.9), 1.6);
    if (b->style.diff != JMAP_DIFF_ADDED)
        pn = dashed(pn, 3.5, 1.8);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, DIFF_OUTLINE_R);
    stroke(w, &pn);
}

static void paint_diff_tag(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_rgb c = diff_colour(b->style.diff);
    jmap_pen rim = pen(shade(c, 0.8), 0.7);
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, DIFF_TAG_R);
    fill_stroke(w, tint_of(c, 0.22), &rim);
}

/* An emotion before it changed: its curve's marker, hollow and dashed. */
static void paint_diff_ghost(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen rim = dashed(pen(jmap_palette_curve(b->curve), 1.0), 1.6, 1.2);
    marker_path(shape(w), b->curve, b->x + b->w / 2, b->y + b->h / 2,
                b->w / (2 * JMAP_MARKER_REACH));
    fill_stroke(w, white, &rim);
}

static void paint_diff_gone(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_pen rim = dashed(pen(colour(JMAP_C_GREY), 0.8), 3, 2);
    jmap_shape_rect(shape(w), b->x, b->y, b->w, b->h);
    fill_stroke(w, tint_of(colour(JMAP_C_GREY), 0.08), &rim);
}

/* ---- posters on small sheets ---- */

static void paint_tile_cell(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    jmap_shape_rect(shape(w), b->x, b->y, b->w, b->h);
    jmap_pen pn = dashed(pen(colour(JMAP_C_INK), 0.8), 3, 2);
    stroke(w, &pn);
}

static void paint_tile_tag(walk *w, const jmap_layout *L, const jmap_box *b)
{
    (void)L;
    rounded_rect(shape(w), b->x, b->y, b->w, b->h, 2.0);
    jmap_pen pn = pen(colour(JMAP_C_INK), 0.8);
    fill_stroke(w, white, &pn);
}

/* ---- the painting order ---- */

typedef void (*paint_fn)(walk *w, const jmap_layout *L, const jmap_box *b);

/* How each box kind is painted, and in which layer. */
static const struct {
    int layer;      /* 0 background, 1 card, 2 mark, 3 point; text is last */
    paint_fn paint; /* NULL: nothing but its text */
} box_painters[JMAP_BOX_KIND_COUNT_] = {
    [JMAP_BOX_MAP] = {0, paint_map},
    [JMAP_BOX_LANE] = {0, paint_lane},
    [JMAP_BOX_PERSONA] = {1, paint_persona},
    [JMAP_BOX_PERSONA_BAR] = {1, paint_persona_bar},
    [JMAP_BOX_LEGEND] = {1, paint_legend},
    [JMAP_BOX_SWATCH] = {2, paint_swatch},
    [JMAP_BOX_STAGE] = {1, paint_stage},
    [JMAP_BOX_STEP] = {1, paint_step},
    [JMAP_BOX_EMOTION] = {3, paint_emotion},
    [JMAP_BOX_TOUCHPOINT] = {1, paint_touchpoint},
    [JMAP_BOX_IRRITANT] = {1, paint_irritant},
    [JMAP_BOX_BADGE] = {2, paint_badge},
    [JMAP_BOX_MOMENT] = {1, paint_moment},
    [JMAP_BOX_IDEA] = {1, paint_idea},
    [JMAP_BOX_REMEDY] = {1, paint_remedy},
    [JMAP_BOX_THOUGHT] = {1, paint_thought},
    [JMAP_BOX_METRIC] = {1, paint_metric},
    [JMAP_BOX_PERSONA_CHIP] = {2, paint_persona_chip},
    [JMAP_BOX_DEPT_MARK] = {1, paint_dept_mark},
    [JMAP_BOX_ICON] = {2, paint_icon},
    [JMAP_BOX_BULLET] = {2, paint_bullet},
    [JMAP_BOX_SEVERITY_BAR] = {2, paint_severity_bar},
    [JMAP_BOX_ARROW_HEAD] = {3, paint_arrow_head},
    [JMAP_BOX_MARKER] = {2, paint_marker},
    [JMAP_BOX_TILE_CELL] = {1, paint_tile_cell},
    [JMAP_BOX_TILE_TAG] = {2, paint_tile_tag},
    [JMAP_BOX_DIFF_OUTLINE] = {2, paint_diff_outline},
    [JMAP_BOX_DIFF_TAG] = {2, paint_diff_tag},
    [JMAP_BOX_DIFF_GHOST] = {3, paint_diff_ghost},
    [JMAP_BOX_DIFF_GONE] = {1, paint_diff_gone},
};

/* Opens and closes the backend's element for box b, when it has a use for
 * one. */
static void group_begin(walk *w, const jmap_box *b)
{
    if (w->p->group_begin)
        w->p->group_begin(w->ctx, b->kind, b->pos);
}

static void group_end(walk *w)
{
    if (w->p->group_end)
        w->p->group_end(w->ctx);
}

/* Paints box i by its kind's painter, inside its backend group. */
static void paint_box(walk *w, const jmap_layout *L, size_t i)
{
    const jmap_box *b = &L->boxes[i];
    if (b->kind >= JMAP_BOX_KIND_COUNT_ || !box_painters[b->kind].paint)
        return;
    group_begin(w, b);
    box_painters[b->kind].paint(w, L, b);
    group_end(w);
}

/* Paints the boxes of `layer`, but those the reading pass paints. */
static void paint_layer(walk *w, const jmap_layout *L, int layer,
                        const unsigned char *owned)
{
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (b->kind < JMAP_BOX_KIND_COUNT_ && box_painters[b->kind].paint &&
            box_painters[b->kind].layer == layer && !owned[i])
            paint_box(w, L, i);
    }
}

static int is_guide(jmap_path_kind k)
{
    return k == JMAP_PATH_GRID || k == JMAP_PATH_LEVEL ||
           k == JMAP_PATH_NEUTRAL || k == JMAP_PATH_ROW;
}

static void paint_paths(walk *w, const jmap_layout *L, int guides)
{
    for (size_t i = 0; i < L->n_paths; i++)
        if (is_guide(L->paths[i].kind) == guides)
            paint_path(w, &L->paths[i]);
}

/* ---- the reading pass ----
 *
 * Texts come last, over everything, as before; the reading pass paints
 * them in the order a reader takes them (a tagged PDF reads its elements
 * in the order they were opened, and each holds what was painted while it
 * was open): the title block, then each stage, its name as a heading,
 * then each of its steps, its name as a heading, its duration, emotions,
 * touchpoints, irritants, moments, ideas, remedies and departments.
 *
 * A few marks mean something that no text on the map says: an emotion
 * point its value, a severity bar its severity, a department mark its
 * department, the band of a stage that a previous page began that it is
 * continued. Those marks are painted here rather than in their layer, each
 * over its words (painter's `words`: tiny text for readers, which the
 * opaque mark hides), so that the words sit in the right element. Nothing
 * else is drawn over those marks in their layers, so the page looks the
 * same. Whatever the walk does not reach is painted at the end, outside
 * every element, as decoration. */

#define WORDS_PT JMAP_SMALLEST_PT /* the size of a mark's words, hidden under it:
                                    that of the smallest text, so that it
                                    prints at 6 pt or more like any text */
#define MAX_DEPTH 8  /* boxes nest at most this deep */

/* Box indices grouped by a key (a parent, a column): the list of key k is
 * items[start[k] .. start[k + 1]), in the order the pairs were given. */
typedef struct lists {
    size_t *start; /* n_keys + 1 offsets */
    size_t *items; /* box indices */
} lists;

/* Groups the n pairs (keys[i], vals[i]) by key, keys < n_keys, keeping
 * their order (a counting sort). */
static void lists_build(lists *l, size_t n_keys, const size_t *keys,
                        const size_t *vals, size_t n)
{
    l->start = jmap_xcalloc(n_keys + 2, sizeof *l->start);
    l->items = jmap_xcalloc(n + 1, sizeof *l->items);
    for (size_t i = 0; i < n; i++)
        l->start[keys[i] + 1]++;
    for (size_t k = 0; k < n_keys; k++)
        l->start[k + 1] += l->start[k];
    size_t *at = jmap_xcalloc(n_keys + 1, sizeof *at);
    for (size_t k = 0; k < n_keys; k++)
        at[k] = l->start[k];
    for (size_t i = 0; i < n; i++)
        l->items[at[keys[i]]++] = vals[i];
    free(at);
}

static void lists_free(lists *l)
{
    free(l->start);
    free(l->items);
}

/* Walks the list of key k: for (EACH(l, k, it)) ... *it is a box index. */
#define EACH(l, k, it) \
    const size_t *it = (l)->items + (l)->start[k]; \
    it < (l)->items + (l)->start[(k) + 1]; it++

typedef struct reader {
    walk *w;                  /* the painter */
    const jmap_layout *L;     /* the page */
    const unsigned char *owned; /* 1: a mark this pass paints */
    unsigned char *done;      /* 1: painted */
    int *step_of;             /* the step box of each shown column, or -1 */
    size_t n_cols;            /* shown columns */
    lists kids;               /* boxes by the box they sit in */
    lists texts;              /* texts by every box they sit in: those
                                 right in it first, then deeper ones */
    lists cols;               /* boxes by column */
    PangoLayout *words;       /* the layout of marks' words, in the
                                 measurer's context; NULL without words */
} reader;

static int tagged(const reader *r)
{
    return r->w->p->tag_begin != NULL;
}

static void tag(reader *r, const char *role)
{
    if (role && r->w->p->tag_begin)
        r->w->p->tag_begin(r->w->ctx, role);
}

static void untag(reader *r, const char *role)
{
    if (role && r->w->p->tag_end)
        r->w->p->tag_end(r->w->ctx, role);
}

static void put_text(reader *r, size_t i)
{
    const jmap_box *b = &r->L->boxes[i];
    group_begin(r->w, b);
    paint_text(r->w, b);
    group_end(r->w);
    r->done[i] = 1;
}

/* 1 when s holds a Unicode noncharacter (U+FDD0 to U+FDEF, U+FFFE,
 * U+FFFF and the same at the end of every plane), which a map may hold:
 * cairo 1.16 can crash finishing a tagged PDF that has one in a text drawn
 * inside an element, so such a text is left out of the structure, drawn
 * with the decoration at the end. */
static int has_nonchar(const char *s)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        i += jmap_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            return 1;
    }
    return 0;
}

/* Text box i as an element of `role` (NULL: decoration). */
static void persona_words(reader *r, const char *role, size_t i);

static void leaf(reader *r, const char *role, size_t i)
{
    if (has_nonchar(pango_layout_get_text(r->L->boxes[i].pl)))
        return;
    if (r->L->boxes[i].kind == JMAP_BOX_PERSONA_INITIAL && role) {
        persona_words(r, role, i);
        return;
    }
    tag(r, role);
    put_text(r, i);
    untag(r, role);
}

/* The texts in box `in` not yet painted, each an element of `role`: its
 * own first (an irritant's name), then those of the boxes in it (its
 * badge's count). */
static void texts_in(reader *r, const char *role, size_t in)
{
    for (EACH(&r->texts, in, t))
        if (!r->done[*t])
            leaf(r, role, *t);
}

/* The first text of `kind` in box `in` not yet painted, or -1. */
static int text_in(const reader *r, jmap_box_kind kind, size_t in)
{
    for (EACH(&r->texts, in, t))
        if (r->L->boxes[*t].kind == kind && !r->done[*t])
            return (int)*t;
    return -1;
}

/* Mark i with `words` under it, in an element of `role`, then the marks
 * that sit on it (a stage band's clock). */
static void carrier(reader *r, const char *role, size_t i, const char *words)
{
    const jmap_box *b = &r->L->boxes[i];
    if (words && r->words && !has_nonchar(words)) {
        pango_layout_set_text(r->words, words, -1);
        tag(r, role);
        r->w->p->words(r->w->ctx, r->words, b->x + b->w / 2, b->y + b->h / 2);
        untag(r, role);
    }
    paint_box(r->w, r->L, i);
    r->done[i] = 1;
    for (EACH(&r->kids, i, k))
        if (r->owned[*k] && !r->done[*k]) {
            paint_box(r->w, r->L, *k);
            r->done[*k] = 1;
        }
}

static const jmap_journey *journey(const reader *r)
{
    return r->L->journey;
}

/* A persona's initial in its disc, read as the persona's name; the
 * letter itself is decoration. */
static void persona_words(reader *r, const char *role, size_t i)
{
    const jmap_box *b = &r->L->boxes[i];
    const jmap_box *chip = b->parent >= 0 ? &r->L->boxes[b->parent] : NULL;
    const jmap_journey *j = journey(r);
    if (chip && chip->curve < j->n_personas && r->words) {
        const jmap_persona *p = &j->personas[chip->curve];
        const char *name = p->name.str ? p->name.str : p->id;
        if (!has_nonchar(name)) {
            pango_layout_set_text(r->words, name, -1);
            tag(r, role);
            r->w->p->words(r->w->ctx, r->words, b->x + b->w / 2, b->y + b->h / 2);
            untag(r, role);
        }
    }
    put_text(r, i);
}

static int pos_cmp(jmap_pos a, jmap_pos b)
{
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    return a.column < b.column ? -1 : a.column > b.column;
}

/* The department a department mark stands for: the one written at the
 * mark's source position (departments are in source order), or NULL. */
static const char *department_name(const reader *r, const jmap_box *b)
{
    const jmap_journey *j = journey(r);
    size_t lo = 0, hi = j->n_departments;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = pos_cmp(j->departments[mid].pos, b->pos);
        if (c == 0)
            return j->departments[mid].name.str ? j->departments[mid].name.str
                                                : j->departments[mid].id;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Appends an emotion point's value and whose it is: "-1 (Léa)". */
static void emotion_words(const reader *r, const jmap_box *b, jmap_buf *out)
{
    const char *who = b->curve < r->L->n_curves && r->L->curve_names
                          ? r->L->curve_names[b->curve]
                          : NULL;
    jmap_buf_printf(out, "%s%d", b->style.emotion > 0 ? "+" : "",
                    b->style.emotion);
    if (who)
        jmap_buf_printf(out, " (%s)", who);
}

/* The marks of `kind` that column `col` owns, read as one element: the
 * words of all of them under the first ("Emotion: +1 (Ana), -2 (Ben)";
 * the departments' names), then each mark. */
static void read_marks(reader *r, size_t col, jmap_box_kind kind)
{
    const jmap_layout *L = r->L;
    jmap_lang lang = journey(r)->lang;
    jmap_buf words;
    jmap_buf_init(&words);
    int first = -1;
    for (EACH(&r->cols, col, i)) {
        if (L->boxes[*i].kind != kind || !r->owned[*i] || r->done[*i])
            continue;
        if (first < 0 && kind == JMAP_BOX_EMOTION)
            jmap_buf_printf(&words, "%s%s ", jmap_label_text(lang, L_CURVE),
                            jmap_colon(lang));
        else if (first >= 0)
            jmap_buf_puts(&words, ", ");
        if (first < 0)
            first = (int)*i;
        if (kind == JMAP_BOX_EMOTION) {
            emotion_words(r, &L->boxes[*i], &words);
        } else {
            const char *name = department_name(r, &L->boxes[*i]);
            jmap_buf_puts(&words, name ? name : "");
        }
    }
    if (first >= 0)
        carrier(r, "P", (size_t)first, words.data);
    for (EACH(&r->cols, col, i))
        if (L->boxes[*i].kind == kind && r->owned[*i] && !r->done[*i]) {
            paint_box(r->w, L, *i);
            r->done[*i] = 1;
        }
    jmap_buf_destroy(&words);
}

/* 1 when stage `stage` began on an earlier page. */
static int continued(const jmap_layout *L, size_t stage)
{
    const jmap_journey *j = L->journey;
    return stage < j->n_stages && j->stages[stage].n_steps &&
           j->stages[stage].steps[0]->index < L->slice.first;
}

/* The kinds of a step's items, in reading order; two kinds on one row
 * are read together, in the order they were laid out (each irritant
 * followed by its remedy). */
static const jmap_box_kind step_items[][2] = {
    {JMAP_BOX_TOUCHPOINT, JMAP_BOX_TOUCHPOINT},
    {JMAP_BOX_IRRITANT, JMAP_BOX_REMEDY},
    {JMAP_BOX_MOMENT, JMAP_BOX_MOMENT},
    {JMAP_BOX_IDEA, JMAP_BOX_IDEA},
    {JMAP_BOX_METRIC, JMAP_BOX_METRIC},
};

static void read_step(reader *r, size_t col)
{
    const jmap_layout *L = r->L;
    jmap_lang lang = journey(r)->lang;
    tag(r, "Sect");
    if (r->step_of[col] >= 0) { /* its card (not on a page of lower lanes) */
        size_t step = (size_t)r->step_of[col];
        int name = text_in(r, JMAP_BOX_STEP_NAME, step);
        if (name >= 0)
            leaf(r, "H3", (size_t)name);
        texts_in(r, "P", step);
    }
    for (EACH(&r->cols, col, i)) /* thoughts, as their lane comes first */
        if (L->boxes[*i].kind == JMAP_BOX_THOUGHT)
            texts_in(r, "P", *i);
    read_marks(r, col, JMAP_BOX_EMOTION);
    for (size_t k = 0; k < sizeof step_items / sizeof *step_items; k++)
        for (EACH(&r->cols, col, i)) {
            if (L->boxes[*i].kind != step_items[k][0] &&
                L->boxes[*i].kind != step_items[k][1])
                continue;
            for (EACH(&r->kids, *i, m)) { /* an irritant's severity bar, a
                                             metric's mark of its target */
                const jmap_box *mk = &L->boxes[*m];
                if (!r->owned[*m] || r->done[*m])
                    continue;
                if (mk->kind == JMAP_BOX_SEVERITY_BAR)
                    carrier(r, "P", *m,
                            jmap_label_text(lang, (jmap_label)(L_IRR_LOW +
                                                               mk->style.level)));
                else if (mk->kind == JMAP_BOX_ICON)
                    carrier(r, "P", *m,
                            jmap_label_text(lang, mk->style.icon == JMAP_ICON_MET
                                                      ? L_MET : L_MISSED));
            }
            texts_in(r, "P", *i);
        }
    read_marks(r, col, JMAP_BOX_DEPT_MARK);
    for (EACH(&r->cols, col, i)) /* anything else of the step */
        if (L->boxes[*i].pl && !r->done[*i])
            leaf(r, "P", *i);
    untag(r, "Sect");
}

/* Stage `stage`, shown by columns [c0, c1) of the page, under its band
 * `band` (-1: none). */
static void read_stage(reader *r, int band, size_t c0, size_t c1)
{
    const jmap_layout *L = r->L;
    tag(r, "Sect");
    if (band >= 0 && !r->done[band]) {
        size_t i = (size_t)band;
        int name = text_in(r, JMAP_BOX_STAGE_NAME, i);
        if (r->owned[i] && name >= 0) { /* "Service (continued)", as the
                                            layout wrote it on the band */
            carrier(r, "H2", i, tagged(r) ? L->boxes[name].text : NULL);
            if (!has_nonchar(L->boxes[name].text))
                put_text(r, (size_t)name);
        } else if (name >= 0) {
            leaf(r, "H2", (size_t)name);
        }
        texts_in(r, "P", i);
    }
    for (size_t c = c0; c < c1; c++)
        read_step(r, c);
    untag(r, "Sect");
}

/* The title block: title, subtitle, description, personas, legend. Read
 * on the first page only; later pages repeat it as decoration. */
static void read_title_block(reader *r)
{
    const jmap_layout *L = r->L;
    int first = L->slice.page <= 1;
    static const struct {
        jmap_box_kind kind; /* a text of the title block */
        const char *role;   /* its element */
    } heads[] = {
        {JMAP_BOX_TITLE, "H1"},
        {JMAP_BOX_SUBTITLE, "P"},
        {JMAP_BOX_DESCRIPTION, "P"},
    };
    for (size_t k = 0; k < sizeof heads / sizeof *heads; k++)
        for (size_t i = 0; i < L->n_boxes; i++)
            if (L->boxes[i].kind == heads[k].kind && L->boxes[i].pl && !r->done[i])
                leaf(r, first ? heads[k].role : NULL, i);
    for (size_t i = 0; i < L->n_boxes; i++)
        if (L->boxes[i].kind == JMAP_BOX_PERSONA ||
            L->boxes[i].kind == JMAP_BOX_LEGEND) {
            tag(r, first ? "Div" : NULL);
            texts_in(r, first ? "P" : NULL, i);
            untag(r, first ? "Div" : NULL);
        }
}

/* The stages, as runs of consecutive columns of one stage. */
/* The stage of the step in column `c` of the page. */
static size_t column_stage(const reader *r, size_t c)
{
    const jmap_journey *j = r->L->journey;
    size_t step = r->L->slice.first + c;
    return step < j->n_steps ? j->steps[step]->stage->index : j->n_stages;
}

static void read_stages(reader *r)
{
    const jmap_layout *L = r->L;
    size_t n_stages = L->journey->n_stages;
    int *band = jmap_xcalloc(n_stages + 1, sizeof *band);
    for (size_t k = 0; k < n_stages; k++)
        band[k] = -1;
    for (size_t i = L->n_boxes; i-- > 0;) /* the first band of each stage */
        if (L->boxes[i].kind == JMAP_BOX_STAGE && L->boxes[i].style.stage < n_stages)
            band[L->boxes[i].style.stage] = (int)i;
    for (size_t c = 0; c < r->n_cols;) {
        /* a column with nothing on this page (a page of lower lanes where
         * the step has nothing) is not read */
        if (r->cols.start[c] == r->cols.start[c + 1]) {
            c++;
            continue;
        }
        size_t stage = column_stage(r, c), end = c + 1;
        while (end < r->n_cols && r->cols.start[end] != r->cols.start[end + 1] &&
               column_stage(r, end) == stage)
            end++;
        read_stage(r, stage < n_stages ? band[stage] : -1, c, end);
        c = end;
    }
    free(band);
}

/* Which marks the reading pass paints (owned[i] = 1): the ones that carry
 * words of a step, and the band of a stage begun on an earlier page with
 * the marks on it. */
static void own_marks(const jmap_layout *L, unsigned char *owned)
{
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        int steps = b->column >= 0;
        if ((b->kind == JMAP_BOX_EMOTION || b->kind == JMAP_BOX_DEPT_MARK) && steps)
            owned[i] = 1;
        else if (b->kind == JMAP_BOX_SEVERITY_BAR && steps && b->parent >= 0 &&
                 L->boxes[b->parent].kind == JMAP_BOX_IRRITANT)
            owned[i] = 1;
        else if (b->kind == JMAP_BOX_ICON && steps && b->parent >= 0 &&
                 L->boxes[b->parent].kind == JMAP_BOX_METRIC &&
                 (b->style.icon == JMAP_ICON_MET || b->style.icon == JMAP_ICON_MISSED))
            owned[i] = 1;
        else if (b->kind == JMAP_BOX_STAGE && continued(L, b->style.stage))
            owned[i] = 1;
    }
    for (size_t i = 0; i < L->n_boxes; i++) /* the marks on a band */
        if (L->boxes[i].parent >= 0 && owned[L->boxes[i].parent] &&
            L->boxes[L->boxes[i].parent].kind == JMAP_BOX_STAGE &&
            jmap_box_kind_class(L->boxes[i].kind) == JMAP_CLASS_MARK)
            owned[i] = 1;
}

/* The layout for words, in the measurer's own context and font (never
 * the process-wide ones): any text box's, at WORDS_PT. */
static void words_layout(reader *r)
{
    for (size_t i = 0; i < r->L->n_boxes && !r->words; i++) {
        PangoLayout *pl = r->L->boxes[i].pl;
        if (!pl)
            continue;
        PangoContext *pc = pango_layout_get_context(pl);
        const PangoFontDescription *fd = pango_layout_get_font_description(pl);
        PangoFontDescription *font = pango_font_description_copy(
            fd ? fd : pango_context_get_font_description(pc));
        pango_font_description_set_size(font, (int)(WORDS_PT * PANGO_SCALE));
        r->words = pango_layout_new(pc);
        pango_layout_set_font_description(r->words, font);
        pango_font_description_free(font);
    }
}

/* The reader's lists of a page: kids, texts, cols, step_of. */
static void index_page(reader *r)
{
    const jmap_layout *L = r->L;
    size_t n = L->n_boxes, m = 0;
    size_t *keys = jmap_xcalloc(n * MAX_DEPTH + 1, sizeof *keys);
    size_t *vals = jmap_xcalloc(n * MAX_DEPTH + 1, sizeof *vals);
    for (size_t i = 0; i < n; i++)
        if (L->boxes[i].parent >= 0 && (size_t)L->boxes[i].parent < n) {
            keys[m] = (size_t)L->boxes[i].parent;
            vals[m++] = i;
        }
    lists_build(&r->kids, n, keys, vals, m);
    m = 0;
    for (int depth = 0; depth < MAX_DEPTH; depth++) /* right in it first */
        for (size_t i = 0; i < n; i++) {
            if (!L->boxes[i].pl)
                continue;
            int a = L->boxes[i].parent;
            for (int d = 0; d < depth && a >= 0 && (size_t)a < n; d++)
                a = L->boxes[a].parent;
            if (a >= 0 && (size_t)a < n) {
                keys[m] = (size_t)a;
                vals[m++] = i;
            }
        }
    lists_build(&r->texts, n, keys, vals, m);
    r->n_cols = L->slice.end > L->slice.first ? L->slice.end - L->slice.first : 0;
    m = 0;
    for (size_t i = 0; i < n; i++)
        if (L->boxes[i].column >= 0 && (size_t)L->boxes[i].column < r->n_cols) {
            keys[m] = (size_t)L->boxes[i].column;
            vals[m++] = i;
        }
    lists_build(&r->cols, r->n_cols, keys, vals, m);
    free(keys);
    free(vals);
    r->step_of = jmap_xcalloc(r->n_cols + 1, sizeof *r->step_of);
    for (size_t c = 0; c < r->n_cols; c++) {
        r->step_of[c] = -1;
        for (EACH(&r->cols, c, i))
            if (L->boxes[*i].kind == JMAP_BOX_STEP) {
                r->step_of[c] = (int)*i;
                break;
            }
    }
}

static void read_page(walk *w, const jmap_layout *L, const unsigned char *owned)
{
    reader r = {.w = w, .L = L, .owned = owned};
    r.done = jmap_xcalloc(L->n_boxes + 1, 1);
    index_page(&r);
    if (w->p->words)
        words_layout(&r);
    read_title_block(&r);
    read_stages(&r);
    for (size_t i = 0; i < L->n_boxes; i++) /* the rest: decoration */
        if (owned[i] && !r.done[i]) {
            paint_box(w, L, i);
            r.done[i] = 1;
        }
    for (size_t i = 0; i < L->n_boxes; i++)
        if (L->boxes[i].pl && !r.done[i])
            put_text(&r, i);
    if (r.words)
        g_object_unref(r.words);
    lists_free(&r.kids);
    lists_free(&r.texts);
    lists_free(&r.cols);
    free(r.step_of);
    free(r.done);
}

void jmap_layout_paint(const jmap_layout *layout, const jmap_painter *p,
                       void *ctx)
{
    walk w = {.p = p, .ctx = ctx};
    jmap_shape_init(&w.s);
    unsigned char *owned = jmap_xcalloc(layout->n_boxes + 1, 1);
    own_marks(layout, owned);
    paint_layer(&w, layout, 0, owned);
    paint_paths(&w, layout, 1);
    paint_layer(&w, layout, 1, owned);
    paint_layer(&w, layout, 2, owned);
    paint_paths(&w, layout, 0);
    paint_layer(&w, layout, 3, owned);
    if (!layout->shapes_only)
        read_page(&w, layout, owned);
    free(owned);
    jmap_shape_destroy(&w.s);
}
