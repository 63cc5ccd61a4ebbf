/*
 * palette.c - the map's colours.
 *
 * Hues come from the Okabe-Ito palette, which stays distinguishable for
 * colour-blind readers; fills are light tints of them so that black text
 * stays readable and a greyscale print keeps the order of severities. No
 * meaning is carried by colour alone: draw.c adds shapes, icons, weights and
 * dash patterns.
 */
#include "layout.h"

#define RGB(hex) {((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                  ((hex) & 0xff) / 255.0}

static const jmap_rgb colours[JMAP_C_COUNT_] = {
    [JMAP_C_INK] = RGB(0x1f2328),
    [JMAP_C_INK_SOFT] = RGB(0x59636e),
    [JMAP_C_RULE] = RGB(0xb8bfc7),
    [JMAP_C_LANE_A] = RGB(0xffffff),
    [JMAP_C_LANE_B] = RGB(0xf6f7f9),
    [JMAP_C_LABEL_BG] = RGB(0xeceff3),
    [JMAP_C_CARD] = RGB(0xffffff),
    [JMAP_C_ORANGE] = RGB(0xe69f00),
    [JMAP_C_SKY] = RGB(0x56b4e9),
    [JMAP_C_GREEN] = RGB(0x009e73),
    [JMAP_C_YELLOW] = RGB(0xf0e442),
    [JMAP_C_BLUE] = RGB(0x0072b2),
    [JMAP_C_VERMILLION] = RGB(0xd55e00),
    [JMAP_C_PURPLE] = RGB(0xcc79a7),
    [JMAP_C_GREY] = RGB(0x8c949c),
    [JMAP_C_IRRITANT_LOW] = RGB(0xfcece3),
    [JMAP_C_IRRITANT_MEDIUM] = RGB(0xf8d6c0),
    [JMAP_C_IRRITANT_HIGH] = RGB(0xf1b692),
    [JMAP_C_MOMENT] = RGB(0xd5efe6),
    [JMAP_C_IDEA] = RGB(0xfbf5c4),
    [JMAP_C_THOUGHT] = RGB(0xeef0f7),
    [JMAP_C_DIGITAL] = RGB(0xdcedf8),
    [JMAP_C_PHYSICAL] = RGB(0xf9e8c8),
    [JMAP_C_HUMAN] = RGB(0xf4dfeb),
    [JMAP_C_FRONTSTAGE] = RGB(0x5b9bd0),
    [JMAP_C_BACKSTAGE] = RGB(0x9aa3ad),
    [JMAP_C_SUPPORT] = RGB(0xd9a3c2),
    [JMAP_C_ARROW] = RGB(0x3c4a5a),
};

/* Soft stage fills: tints of sky, orange, green, purple, yellow, blue. */
static const jmap_rgb stage_fills[] = {
    RGB(0xd8ecf8), RGB(0xfbe8c4), RGB(0xcdeee2), RGB(0xf4ddea),
    RGB(0xf6f1bd), RGB(0xcfe2f0), RGB(0xf6dccb),
};

/* Emotions from very negative to very positive: vermillion, orange, grey,
 * sky blue, blue (a diverging scale readable with any colour vision; its
 * lightness also differs between neighbours). */
static const jmap_rgb emotion_colours[5] = {
    RGB(0xd55e00), RGB(0xe69f00), RGB(0x9aa3ad), RGB(0x56b4e9), RGB(0x0072b2),
};

/* Curves, one per persona: ink, blue, reddish purple, bluish green. */
static const jmap_rgb curve_colours[] = {
    RGB(0x2b333b), RGB(0x0072b2), RGB(0xb55a8c), RGB(0x00805d),
};

jmap_rgb jmap_palette_colour(jmap_colour c)
{
    return colours[c];
}

jmap_rgb jmap_palette_stage(size_t index)
{
    return stage_fills[index % (sizeof stage_fills / sizeof stage_fills[0])];
}

jmap_rgb jmap_palette_emotion(int value)
{
    if (value < -2)
        value = -2;
    if (value > 2)
        value = 2;
    return emotion_colours[value + 2];
}

jmap_rgb jmap_palette_curve(size_t k)
{
    return curve_colours[k % (sizeof curve_colours / sizeof curve_colours[0])];
}
