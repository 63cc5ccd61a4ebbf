/*
 * test_layout.c - geometry checks on the computed layout of every shipped
 * map and of the hard cases in tests/layout/: no two texts overlap, every
 * text fits its box and its card, columns follow the source order, no
 * arrow runs over a text, no mark or legend sample overlaps a text or
 * leaves its card, what is drawn for a box stays in it, no text is cut,
 * very tall texts are reported, markup stays literal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "diffmarks.h"
#include "painter.h"

#define EPS 0.01

static const char *const maps[] = {
    "maps/shoes.yaml",
    "maps/running-shoes.yaml",
    "maps/boutique.yaml",
    "tests/layout/single-step.yaml",
    "tests/layout/empty-lanes.yaml",
    "tests/layout/long-texts.yaml",
    "tests/layout/personas.yaml",
    "tests/layout/personas-plain.yaml",
    "tests/layout/branches.yaml",
    "tests/layout/french.yaml",
    "tests/layout/markup.yaml",
    "tests/layout/sixty-steps.yaml",
    "tests/content/every_key.yaml",
    "tests/layout/content-fr.yaml",
};
#define N_MAPS (sizeof maps / sizeof maps[0])

/* A loaded map and its layout. */
typedef struct fixture {
    char *data;            /* the file */
    jmap_journey *journey; /* its graph */
    jmap_measurer *m;      /* the measurer */
    jmap_layout *layout;   /* the whole map */
    jmap_diag_list diags;  /* load and layout findings */
} fixture;

static void load(fixture *f, const char *rel)
{
    char path[1024], why[256];
    size_t len;
    snprintf(path, sizeof path, "%s/%s", JMAP_SOURCE_DIR, rel);
    memset(f, 0, sizeof *f);
    jmap_diag_list_init(&f->diags);
    assert_int_equal(jmap_file_read(path, &f->data, &len, why, sizeof why), 0);
    f->journey = jmap_journey_load(f->data, len, &f->diags);
    assert_non_null(f->journey);
    assert_int_equal(f->diags.errors, 0);
    f->m = jmap_measurer_new();
    f->layout = jmap_layout_new(f->journey, f->m, &f->diags);
    assert_non_null(f->layout);
}

static void unload(fixture *f)
{
    jmap_layout_free(f->layout);
    jmap_measurer_free(f->m);
    jmap_journey_free(f->journey);
    jmap_diag_list_destroy(&f->diags);
    free(f->data);
}

static int overlap(double ax, double ay, double aw, double ah, double bx,
                   double by, double bw, double bh)
{
    return ax + aw > bx + EPS && bx + bw > ax + EPS && ay + ah > by + EPS &&
           by + bh > ay + EPS;
}

static int inside(const jmap_box *in, const jmap_box *out)
{
    return in->x >= out->x - EPS && in->y >= out->y - EPS &&
           in->x + in->w <= out->x + out->w + EPS &&
           in->y + in->h <= out->y + out->h + EPS;
}

static void check_texts_apart(const jmap_layout *L, const char *name)
{
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *a = &L->boxes[i];
        if (!a->pl)
            continue;
        for (size_t k = i + 1; k < L->n_boxes; k++) {
            const jmap_box *b = &L->boxes[k];
            if (b->pl && overlap(a->x, a->y, a->w, a->h, b->x, b->y, b->w, b->h))
                fail_msg("%s: text boxes overlap: %s '%s' and %s '%s'", name,
                         jmap_box_kind_name(a->kind), a->text,
                         jmap_box_kind_name(b->kind), b->text);
        }
    }
}

/* The measured text lies within its box, its box within its parent's, and
 * everything within the map. */
static void check_texts_fit(const jmap_layout *L, const char *name)
{
    const jmap_box *map = &L->boxes[0];
    assert_int_equal(map->kind, JMAP_BOX_MAP);
    for (size_t i = 1; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (!inside(b, map))
            fail_msg("%s: %s box outside the map", name,
                     jmap_box_kind_name(b->kind));
        if (b->parent >= 0 && !inside(b, &L->boxes[b->parent]))
            fail_msg("%s: %s '%s' runs out of its %s", name,
                     jmap_box_kind_name(b->kind), b->text ? b->text : "",
                     jmap_box_kind_name(L->boxes[b->parent].kind));
        if (!b->pl)
            continue;
        PangoRectangle ink, logical;
        pango_layout_get_extents(b->pl, &ink, &logical);
        double lx = logical.x / (double)PANGO_SCALE;
        double ly = logical.y / (double)PANGO_SCALE;
        double lw = logical.width / (double)PANGO_SCALE;
        double lh = logical.height / (double)PANGO_SCALE;
        if (lx < -EPS || ly < -EPS || lx + lw > b->w + EPS || ly + lh > b->h + EPS)
            fail_msg("%s: text '%s' (%.2f x %.2f) does not fit its %s box "
                     "(%.2f x %.2f)", name, b->text, lw, lh,
                     jmap_box_kind_name(b->kind), b->w, b->h);
    }
}

/* Two different kinds of cards never overlap either. */
static void check_cards_apart(const jmap_layout *L, const char *name)
{
    static const jmap_box_kind cards[] = {
        JMAP_BOX_STEP, JMAP_BOX_TOUCHPOINT, JMAP_BOX_IRRITANT, JMAP_BOX_MOMENT,
        JMAP_BOX_IDEA, JMAP_BOX_REMEDY, JMAP_BOX_DEPT_MARK, JMAP_BOX_STAGE,
        JMAP_BOX_PERSONA, JMAP_BOX_LEGEND};
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *a = &L->boxes[i];
        int is_card = 0;
        for (size_t c = 0; c < sizeof cards / sizeof cards[0]; c++)
            is_card |= a->kind == cards[c];
        if (!is_card)
            continue;
        for (size_t k = i + 1; k < L->n_boxes; k++) {
            const jmap_box *b = &L->boxes[k];
            int other = 0;
            for (size_t c = 0; c < sizeof cards / sizeof cards[0]; c++)
                other |= b->kind == cards[c];
            if (other && overlap(a->x, a->y, a->w, a->h, b->x, b->y, b->w, b->h))
                fail_msg("%s: cards overlap: %s and %s", name,
                         jmap_box_kind_name(a->kind), jmap_box_kind_name(b->kind));
        }
    }
}

static void check_columns(const jmap_layout *L, const char *name)
{
    size_t n = L->slice.end - L->slice.first;
    for (size_t i = 1; i < n; i++)
        if (!(L->col_x[i] >= L->col_x[i - 1] + L->col_w))
            fail_msg("%s: column %zu is not right of column %zu", name, i, i - 1);
    /* step cards appear in source order, one per column */
    size_t seen = 0;
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (b->kind != JMAP_BOX_STEP)
            continue;
        const jmap_step *s = L->journey->steps[L->slice.first + seen];
        assert_int_equal(b->pos.line, s->pos.line);
        assert_true(fabs(b->x - L->col_x[seen]) < EPS);
        assert_int_equal(b->column, (int)seen);
        seen++;
    }
    assert_int_equal(seen, n);
}

/* Arrows are axis-aligned polylines: no segment may cross a text box. */
static void check_arrows(const jmap_layout *L, const char *name)
{
    for (size_t p = 0; p < L->n_paths; p++) {
        const jmap_path *path = &L->paths[p];
        if (path->kind != JMAP_PATH_ARROW && path->kind != JMAP_PATH_FLOW)
            continue;
        for (size_t s = 0; s + 1 < path->n; s++) {
            double x0 = fmin(path->pts[s].x, path->pts[s + 1].x);
            double y0 = fmin(path->pts[s].y, path->pts[s + 1].y);
            double x1 = fmax(path->pts[s].x, path->pts[s + 1].x);
            double y1 = fmax(path->pts[s].y, path->pts[s + 1].y);
            for (size_t i = 0; i < L->n_boxes; i++) {
                const jmap_box *b = &L->boxes[i];
                if (b->pl && overlap(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2,
                                     b->x, b->y, b->w, b->h))
                    fail_msg("%s: an arrow crosses the text '%s'", name, b->text);
            }
        }
    }
}

/* Whether box a is painted over other boxes and must keep clear of every
 * text: a mark, a legend sample, an arrow head in a legend sample. */
static int is_drawn_over(const jmap_box *a)
{
    return jmap_box_kind_class(a->kind) == JMAP_CLASS_MARK ||
           a->kind == JMAP_BOX_SWATCH ||
           (a->kind == JMAP_BOX_ARROW_HEAD && a->parent >= 0);
}

/* Every mark sits inside the card or sample it marks (a sample inside the
 * legend), overlaps no text anywhere, and no other mark of its card.
 * Returns the index of the first box at fault, or -1; *why says what is
 * wrong. */
static long marks_at_fault(const jmap_layout *L, const char **why)
{
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *a = &L->boxes[i];
        if (!is_drawn_over(a))
            continue;
        if (a->parent < 0 || !inside(a, &L->boxes[a->parent])) {
            *why = "is not inside its card";
            return (long)i;
        }
        for (size_t k = 0; k < L->n_boxes; k++) {
            const jmap_box *b = &L->boxes[k];
            jmap_box_class cb = jmap_box_kind_class(b->kind);
            int mark = cb == JMAP_CLASS_MARK && b->parent == a->parent;
            if (k == i || (cb != JMAP_CLASS_TEXT && !mark))
                continue;
            if (overlap(a->x, a->y, a->w, a->h, b->x, b->y, b->w, b->h)) {
                *why = cb == JMAP_CLASS_TEXT ? "overlaps a text"
                                             : "overlaps another mark";
                return (long)i;
            }
        }
    }
    return -1;
}

/* A legend arrow lies in an arrow sample. */
static void check_legend_arrows(const jmap_layout *L, const char *name)
{
    for (size_t p = 0; p < L->n_paths; p++) {
        if (L->paths[p].kind != JMAP_PATH_LEGEND_ARROW)
            continue;
        jmap_box bounds = {.kind = JMAP_BOX_SWATCH};
        jmap_path_bounds(&L->paths[p], &bounds.x, &bounds.y, &bounds.w,
                         &bounds.h);
        int in = 0;
        for (size_t i = 0; i < L->n_boxes && !in; i++)
            in = L->boxes[i].kind == JMAP_BOX_SWATCH &&
                 L->boxes[i].style.swatch == JMAP_SWATCH_ARROW &&
                 inside(&bounds, &L->boxes[i]);
        if (!in)
            fail_msg("%s: the legend's arrow is not in its sample", name);
    }
}

static void check_marks_apart(const jmap_layout *L, const char *name)
{
    const char *why = "";
    long i = marks_at_fault(L, &why);
    if (i >= 0)
        fail_msg("%s: the %s at %.2f %.2f %s", name,
                 jmap_box_kind_name(L->boxes[i].kind), L->boxes[i].x,
                 L->boxes[i].y, why);
}

static void test_geometry(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_MAPS; i++) {
        fixture f;
        load(&f, maps[i]);
        check_texts_apart(f.layout, maps[i]);
        check_texts_fit(f.layout, maps[i]);
        check_cards_apart(f.layout, maps[i]);
        check_marks_apart(f.layout, maps[i]);
        check_legend_arrows(f.layout, maps[i]);
        check_columns(f.layout, maps[i]);
        check_arrows(f.layout, maps[i]);
        unload(&f);
    }
}

/* The pairs of tests/diff drawn with their changes (render --diff). */
static const char *const diff_pairs[] = {
    "steps", "emotions", "irritants", "items-removed", "moments-ideas",
    "french", "touchpoints", "stages", "durations", "next", "step-moved",
    "step-id-renamed", "stage-moved", "repeated-names", "hostile-text",
    "emotion-down-many", "departments-personas", "title-details",
};

static size_t count_kind(const jmap_layout *L, jmap_box_kind kind);
static jmap_layout **cut(const jmap_layout *grid, jmap_measurer *m,
                         const size_t *ends, int n_cols, const double *rows,
                         int n_rows, double width);

typedef struct shapes shapes;
static void check_drawing(const jmap_layout *L, const char *name);

static void check_whole(const jmap_layout *L, const char *name)
{
    check_texts_apart(L, name);
    check_texts_fit(L, name);
    check_cards_apart(L, name);
    check_marks_apart(L, name);
    check_legend_arrows(L, name);
    check_columns(L, name);
    check_arrows(L, name);
}

/* Every tag of a card lies in it, at its bottom, under every other text
 * of the card (a removed item's card opens with its tag); every outline
 * holds its card. */
static void check_tags(const jmap_layout *L, const char *name)
{
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *t = &L->boxes[i];
        if (t->kind == JMAP_BOX_DIFF_OUTLINE) {
            int holds = 0;
            for (size_t k = 0; k < L->n_boxes && !holds; k++)
                holds = k != i && L->boxes[k].column == t->column &&
                        L->boxes[k].pos.line == t->pos.line &&
                        L->boxes[k].pos.column == t->pos.column &&
                        jmap_box_kind_class(L->boxes[k].kind) == JMAP_CLASS_AREA &&
                        L->boxes[k].kind != JMAP_BOX_DIFF_OUTLINE &&
                        inside(&L->boxes[k], t);
            if (!holds)
                fail_msg("%s: an outline at %.2f %.2f holds no card", name, t->x, t->y);
        }
        if (t->kind != JMAP_BOX_DIFF_TAG || t->parent < 0 ||
            L->boxes[t->parent].kind == JMAP_BOX_DIFF_GONE) /* its tag first */
            continue;
        const jmap_box *card = &L->boxes[t->parent];
        for (size_t k = 0; k < L->n_boxes; k++) {
            const jmap_box *b = &L->boxes[k];
            int in_card = b->parent == t->parent ||
                          (b->parent >= 0 && L->boxes[b->parent].parent == t->parent);
            if (b->pl && in_card && b->parent != (int)i && b->y + b->h > t->y + EPS)
                fail_msg("%s: the tag '%s' of a %s is not under its text '%s'", name,
                         L->boxes[i + 1].text, jmap_box_kind_name(card->kind), b->text);
        }
    }
}

/* A marked map: its marks keep every rule of the layout, whole and on
 * pages cut from its grid; a map compared with itself has no marks. */
static void test_diff_marks(void **state)
{
    (void)state;
    size_t n_pairs = sizeof diff_pairs / sizeof *diff_pairs, marked = 0;
    for (size_t p = 0; p < n_pairs; p++) {
        char rel[256];
        fixture f, old;
        snprintf(rel, sizeof rel, "tests/diff/%s.new.yaml", diff_pairs[p]);
        load(&f, rel);
        snprintf(rel, sizeof rel, "tests/diff/%s.old.yaml", diff_pairs[p]);
        load(&old, rel);
        jmap_change_list changes, same;
        jmap_change_list_init(&changes);
        jmap_change_list_init(&same);
        jmap_journey_diff(old.journey, f.journey, &changes);
        jmap_journey_diff(f.journey, f.journey, &same);
        assert_null(jmap_diffmarks_new(f.journey, &same));
        jmap_diffmarks *dm = jmap_diffmarks_new(f.journey, &changes);
        jmap_layout *L = jmap_layout_whole_marked(f.journey, f.m, NULL, 0, dm);
        char name[128];
        snprintf(name, sizeof name, "%s, marked", diff_pairs[p]);
        check_whole(L, name);
        check_tags(L, name);
        check_drawing(L, name);
        marked += count_kind(L, JMAP_BOX_DIFF_TAG) > 0;
        /* two pages across, two down, cut from the marked grid */
        jmap_layout *grid = jmap_layout_grid_marked(f.journey, f.m, NULL, 0, dm);
        size_t n = f.journey->n_steps;
        if (n >= 2 && grid->n_lanes >= 3) {
            size_t ends[] = {n / 2, n};
            double rows[] = {grid->lane_y[2], grid->lane_y[grid->n_lanes - 1] +
                                                  grid->lane_h[grid->n_lanes - 1]};
            jmap_layout **pages = cut(grid, f.m, ends, 2, rows, 2, 1200);
            size_t tags = 0;
            for (int k = 0; k < 4; k++) {
                snprintf(name, sizeof name, "%s, marked page %d", diff_pairs[p], k + 1);
                check_texts_apart(pages[k], name);
                check_texts_fit(pages[k], name);
                check_marks_apart(pages[k], name);
                check_tags(pages[k], name);
                tags += count_kind(pages[k], JMAP_BOX_DIFF_TAG_TEXT);
                jmap_layout_free(pages[k]);
            }
            free(pages);
            /* the key's samples are on each lower page: the rest once */
            assert_true(tags >= count_kind(grid, JMAP_BOX_DIFF_TAG_TEXT));
        }
        jmap_layout_free(grid);
        jmap_layout_free(L);
        jmap_diffmarks_free(dm);
        jmap_change_list_destroy(&changes);
        jmap_change_list_destroy(&same);
        unload(&old);
        unload(&f);
    }
    assert_true(marked >= n_pairs - 2); /* all but title-details, say */
}

/* The lane label `name` of page L: its y, or -1 when L has none. */
static double label_y(const jmap_layout *L, const char *name)
{
    for (size_t i = 0; i < L->n_boxes; i++)
        if (L->boxes[i].kind == JMAP_BOX_LANE_LABEL &&
            strcmp(L->boxes[i].text, name) == 0)
            return L->boxes[i].y;
    return -1;
}

/* The pages of `grid` for steps cut at `ends` (n_cols pages across) and
 * lanes cut at `rows` (n_rows down), row by row. */
static jmap_layout **cut(const jmap_layout *grid, jmap_measurer *m,
                         const size_t *ends, int n_cols, const double *rows,
                         int n_rows, double width)
{
    jmap_layout **pages = calloc((size_t)(n_cols * n_rows), sizeof *pages);
    double top = grid->lane_y[1];
    int k = 0;
    for (int r = 0; r < n_rows; r++) {
        for (int c = 0; c < n_cols; c++) {
            jmap_page_spec spec = {c ? ends[c - 1] : 0, ends[c], top, rows[r],
                                   r, c, n_rows, n_cols, width};
            pages[k] = jmap_layout_page_of(grid, m, &spec, k + 1, n_cols * n_rows, NULL);
            k++;
        }
        top = rows[r];
    }
    return pages;
}

/* The pages of a split map obey the same rules as a whole map, and line
 * up: every lane label at the same height on every page of a row, the
 * stage band at the same height on every page, nothing past a page's
 * edge, the curves meeting where one page ends and the next begins. */
static void test_geometry_of_pages(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/sixty-steps.yaml");
    jmap_layout *grid = jmap_layout_grid(f.journey, f.m, NULL, 0);
    assert_true(grid->n_lanes >= 6);
    size_t ends[] = {17, 40, 60}; /* inside stages, so names continue */
    /* down: the first rows to the emotions, the rest */
    double rows[] = {grid->lane_y[3], grid->lane_y[grid->n_lanes - 1] +
                                          grid->lane_h[grid->n_lanes - 1]};
    jmap_layout **pages = cut(grid, f.m, ends, 3, rows, 2, 3200);
    const char *row1[] = {"Stages", "Customer actions", "Emotions"};
    const char *row2[] = {"Stages", "Touchpoints", "Departments"};
    for (int k = 0; k < 6; k++) {
        const jmap_layout *L = pages[k];
        char name[64];
        snprintf(name, sizeof name, "sixty-steps page %d", k + 1);
        check_texts_apart(L, name);
        check_texts_fit(L, name);
        check_marks_apart(L, name);
        if (k < 3) { /* the row with the step cards and their arrows */
            check_columns(L, name);
            check_arrows(L, name);
        }
        const char **want = k < 3 ? row1 : row2;
        for (int w = 0; w < 3; w++) {
            double y = label_y(L, want[w]), y0 = label_y(pages[k < 3 ? 0 : 3], want[w]);
            if (y < 0 || fabs(y - y0) > EPS)
                fail_msg("%s: lane label '%s' at %.2f, not %.2f", name, want[w], y, y0);
        }
        assert_true(fabs(label_y(L, "Stages") - label_y(pages[0], "Stages")) < EPS);
        if (k < 3)
            assert_true(label_y(L, "Touchpoints") < 0);
        int footer = 0;
        for (size_t i = 0; i < L->n_boxes; i++) {
            const jmap_box *b = &L->boxes[i];
            if (b->kind == JMAP_BOX_FOOTER) {
                char want_f[32];
                snprintf(want_f, sizeof want_f, "page %d/6 (%c%d)", k + 1,
                         'A' + k / 3, k % 3 + 1);
                assert_non_null(strstr(b->text, want_f));
                footer = 1;
            }
            if (b->column >= 0)
                assert_true(L->slice.first + (size_t)b->column < L->slice.end);
        }
        assert_true(footer);
        /* a stage cut by the page goes on "(continued)" */
        int continued = 0;
        for (size_t i = 0; i < L->n_boxes; i++)
            continued += L->boxes[i].kind == JMAP_BOX_STAGE_NAME &&
                         strstr(L->boxes[i].text, "(continued)") != NULL;
        assert_int_equal(continued, k % 3 > 0);
    }
    /* the curve leaves page 1 where it enters page 2, at the same height */
    const jmap_layout *p1 = pages[0], *p2 = pages[1];
    double right = p1->col_x[p1->slice.end - p1->slice.first - 1] + p1->col_w;
    jmap_point out = {0, 0}, in = {0, 0};
    for (size_t i = 0; i < p1->n_paths; i++)
        if (p1->paths[i].kind == JMAP_PATH_CURVE)
            out = p1->paths[i].pts[p1->paths[i].n - 1];
    for (size_t i = 0; i < p2->n_paths; i++)
        if (p2->paths[i].kind == JMAP_PATH_CURVE) {
            in = p2->paths[i].pts[0];
            break;
        }
    double gap = p2->col_x[0] - (in.x); /* from the page edge to column 1 */
    assert_true(out.x > right && out.x - right < 10);
    assert_true(gap > 0 && gap < 10);
    /* the two halves make the gap between steps 17 and 18 of the grid */
    double whole = grid->col_x[17] - (grid->col_x[16] + grid->col_w);
    assert_true(fabs((out.x - right) + gap - whole) < 1e-6);
    assert_true(fabs(out.y - in.y) < 1e-6);
    for (int k = 0; k < 6; k++)
        jmap_layout_free(pages[k]);
    free(pages);
    jmap_layout_free(grid);
    unload(&f);
}

/* A lane cut between two rows of pages has its label again at the top
 * of the lower page. */
static void test_lane_cut_repeats_its_label(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/print/tall.yaml");
    jmap_layout *grid = jmap_layout_grid(f.journey, f.m, NULL, 0);
    /* a lane of cards, cut under its label where no box is, with room for
     * the label under the cut */
    double y = -1;
    const char *name = NULL;
    for (size_t l = 1; l < grid->n_lanes && y < 0; l++) {
        if (!grid->lane_cut_ok[l])
            continue;
        for (double t = grid->lane_y[l] + 25;
             t < grid->lane_y[l] + grid->lane_h[l] - 30 && y < 0; t += 0.25) {
            int hit = 0;
            for (size_t i = 0; i < grid->n_boxes && !hit; i++) {
                const jmap_box *b = &grid->boxes[i];
                hit = b->kind != JMAP_BOX_LANE && b->kind != JMAP_BOX_MAP &&
                      b->y < t && b->y + b->h > t;
                if (b->kind == JMAP_BOX_LANE_LABEL && b->y >= grid->lane_y[l] &&
                    b->y < grid->lane_y[l] + grid->lane_h[l])
                    name = b->text;
            }
            if (!hit)
                y = t;
        }
    }
    assert_true(y > 0);
    assert_non_null(name);
    size_t ends[] = {60};
    double rows[] = {y, grid->lane_y[grid->n_lanes - 1] + grid->lane_h[grid->n_lanes - 1]};
    jmap_layout **pages = cut(grid, f.m, ends, 1, rows, 2, 9000);
    assert_true(label_y(pages[0], name) > 0);
    double again = label_y(pages[1], name);
    assert_true(again > 0);
    assert_true(fabs(again - (pages[1]->lane_y[1] + JMAP_LANE_PAD)) < EPS);
    check_texts_apart(pages[1], "lower page");
    check_texts_fit(pages[1], "lower page");
    jmap_layout_free(pages[0]);
    jmap_layout_free(pages[1]);
    free(pages);
    jmap_layout_free(grid);
    unload(&f);
}

/* A tile's marks: crop marks in its margins only, on the edges it is
 * trimmed at and where its part of the poster ends; the dashed edges of
 * its glue strips where the next sheets go; its name tag in the corner
 * its neighbours cover, inside the printable area. The assembly sheet's
 * cells do not overlap and hold their tags. */
static void test_tiles(void **state)
{
    (void)state;
    fixture f;
    load(&f, "maps/shoes.yaml");
    jmap_tile_spec t = {595.28, 841.89, 28.35, 595.28 - 3 * 28.35,
                        841.89 - 3 * 28.35, 28.35, 0, 1, 2, 3, 1500, 1400};
    jmap_layout *T = jmap_layout_tile_marks(f.journey, f.m, &t, "A2");
    double x1 = t.margin + t.step_x, y1 = t.margin + t.step_y;
    size_t crops = 0, glue = 0;
    for (size_t i = 0; i < T->n_paths; i++) {
        const jmap_path *p = &T->paths[i];
        double x, y, w, h;
        jmap_path_bounds(p, &x, &y, &w, &h);
        if (p->kind == JMAP_PATH_CROP) {
            crops++;
            int in_margin = y + h <= t.margin || y >= t.sheet_h - t.margin ||
                            x + w <= t.margin || x >= t.sheet_w - t.margin;
            assert_true(in_margin);
        } else if (p->kind == JMAP_PATH_GLUE) {
            glue++;
            assert_true(fabs(x - x1) < EPS || fabs(y - y1) < EPS);
        }
    }
    assert_int_equal(crops, 6); /* left, right and bottom, at both ends; no top
                                   trim on row A */
    assert_int_equal(glue, 2);  /* a neighbour right and one below */
    size_t tags = 0;
    for (size_t i = 0; i < T->n_boxes; i++) {
        const jmap_box *b = &T->boxes[i];
        if (b->kind == JMAP_BOX_TILE_TAG) {
            tags++;
            assert_true(b->x >= x1 && b->y >= y1);
            assert_true(b->x + b->w <= t.sheet_w - t.margin + EPS);
            assert_true(b->y + b->h <= t.sheet_h - t.margin + EPS);
        }
        if (b->kind == JMAP_BOX_TILE_LABEL) {
            assert_string_equal(b->text, "A2");
            assert_true(jmap_font_size(b->font) >= JMAP_MIN_PRINT_PT);
        }
    }
    assert_int_equal(tags, 1);
    jmap_layout_free(T);

    /* the last tile: no glue strip, no trim on column 1 */
    t.row = 1;
    t.col = 2;
    T = jmap_layout_tile_marks(f.journey, f.m, &t, "B3");
    glue = 0;
    for (size_t i = 0; i < T->n_paths; i++)
        glue += T->paths[i].kind == JMAP_PATH_GLUE;
    assert_int_equal(glue, 0);
    jmap_layout_free(T);

    double tx, ty, tk;
    jmap_layout *A = jmap_layout_assembly(f.journey, f.m, &t, "How to", &tx, &ty, &tk);
    assert_true(tk > 0 && tx >= t.margin && ty > t.margin);
    size_t cells = 0;
    for (size_t i = 0; i < A->n_boxes; i++) {
        const jmap_box *a = &A->boxes[i];
        if (a->kind != JMAP_BOX_TILE_CELL)
            continue;
        cells++;
        assert_true(a->x >= t.margin - EPS && a->x + a->w <= t.sheet_w - t.margin + EPS);
        assert_true(a->y + a->h <= t.sheet_h - t.margin + EPS);
        for (size_t k = i + 1; k < A->n_boxes; k++)
            if (A->boxes[k].kind == JMAP_BOX_TILE_CELL)
                assert_false(overlap(a->x, a->y, a->w, a->h, A->boxes[k].x,
                                     A->boxes[k].y, A->boxes[k].w, A->boxes[k].h));
    }
    assert_int_equal(cells, 6);
    for (size_t i = 0; i < A->n_boxes; i++) { /* its texts on the sheet */
        const jmap_box *a = &A->boxes[i];
        if (a->pl)
            assert_true(a->x >= t.margin - EPS && a->y >= t.margin - EPS &&
                        a->x + a->w <= t.sheet_w - t.margin + EPS &&
                        a->y + a->h <= t.sheet_h - t.margin + EPS);
        if (a->parent >= 0)
            assert_true(inside(a, &A->boxes[a->parent]));
    }
    jmap_layout_free(A);
    unload(&f);
}

/* French spaces are set as no-break spaces: inside « guillemets » and
 * before a colon, so that no line starts with "»" or ":"; the dump keeps
 * the text as the map writes it. */
static void test_french_spaces_do_not_break(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/french.yaml");
    const jmap_box *title = NULL;
    for (size_t i = 0; i < f.layout->n_boxes; i++)
        if (f.layout->boxes[i].kind == JMAP_BOX_TITLE)
            title = &f.layout->boxes[i];
    assert_non_null(title);
    assert_string_equal(title->text, "Parcours d'une cliente : « thé vert » à emporter");
    assert_string_equal(pango_layout_get_text(title->pl),
                        "Parcours d'une cliente\xc2\xa0: «\xc2\xa0th\xc3\xa9 vert\xc2\xa0» "
                        "\xc3\xa0 emporter");
    unload(&f);
}

static size_t count_kind(const jmap_layout *L, jmap_box_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < L->n_boxes; i++)
        n += L->boxes[i].kind == kind;
    return n;
}

static size_t count_path(const jmap_layout *L, jmap_path_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < L->n_paths; i++)
        n += L->paths[i].kind == kind;
    return n;
}

/* Every text box holds its whole text, as set (typeset spaces aside),
 * without an ellipsis, in every map. */
static void test_no_text_is_cut(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_MAPS; k++) {
        fixture f;
        load(&f, maps[k]);
        for (size_t i = 0; i < f.layout->n_boxes; i++) {
            const jmap_box *b = &f.layout->boxes[i];
            if (!b->pl)
                continue;
            assert_false(pango_layout_is_ellipsized(b->pl));
            const char *shown = pango_layout_get_text(b->pl);
            if (!strstr(b->text, "\xe2\x80\xa6"))
                assert_null(strstr(shown, "\xe2\x80\xa6"));
            /* as long as the text, give or take its typeset spaces */
            assert_true(strlen(shown) >= strlen(b->text));
        }
        unload(&f);
    }
}

/* A text that wraps to very many lines is reported, once, and drawn
 * whole; the shipped maps have none. */
static void test_tall_text_is_reported(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/long-texts.yaml");
    size_t reported = 0;
    for (size_t i = 0; i < f.diags.count; i++)
        if (f.diags.items[i].rule == JMAP_RULE_TEXT_OVERFLOW) {
            reported++;
            assert_int_equal(f.diags.items[i].severity, JMAP_WARNING);
            assert_non_null(strstr(f.diags.items[i].message,
                                   "makes its row very tall"));
        }
    assert_true(reported >= 1);
    /* the very long step name, at line 50 column 15, is one of them */
    int found = 0;
    for (size_t i = 0; i < f.diags.count; i++)
        found |= f.diags.items[i].pos.line == 50 && f.diags.items[i].pos.column == 15;
    assert_true(found);
    unload(&f);

    for (size_t k = 0; k < N_MAPS; k++) {
        if (strncmp(maps[k], "maps/", 5) != 0)
            continue;
        load(&f, maps[k]);
        assert_int_equal(f.diags.count, 0); /* the shipped maps fit */
        unload(&f);
    }
}

/* A step's description is in its card, under its name, in a smaller
 * style no smaller than the smallest; a stage's in its band. */
static void test_descriptions(void **state)
{
    (void)state;
    fixture f;
    load(&f, "maps/shoes.yaml");
    const jmap_layout *L = f.layout;
    size_t steps = 0, stages = 0;
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (b->kind != JMAP_BOX_STEP_DESCRIPTION &&
            b->kind != JMAP_BOX_STAGE_DESCRIPTION)
            continue;
        assert_true(b->parent >= 0);
        const jmap_box *card = &L->boxes[b->parent];
        assert_int_equal(card->kind, b->kind == JMAP_BOX_STEP_DESCRIPTION
                                         ? JMAP_BOX_STEP : JMAP_BOX_STAGE);
        assert_true(jmap_font_size(b->font) >= JMAP_SMALLEST_PT);
        assert_true(jmap_font_size(b->font) < jmap_font_size(JMAP_FONT_BODY_BOLD));
        /* under the card's name */
        for (size_t k = 0; k < L->n_boxes; k++)
            if (L->boxes[k].parent == b->parent &&
                (L->boxes[k].kind == JMAP_BOX_STEP_NAME ||
                 L->boxes[k].kind == JMAP_BOX_STAGE_NAME))
                assert_true(L->boxes[k].y + L->boxes[k].h <= b->y + EPS);
        if (b->kind == JMAP_BOX_STEP_DESCRIPTION)
            steps++;
        else
            stages++;
    }
    assert_int_equal(stages, 5);
    assert_int_equal(steps, 4);
    unload(&f);
}

/* An irritant card names its owner; its remedy hangs right under it, in
 * the same column: nothing to count to pair them. */
static void test_remedy_under_irritant(void **state)
{
    (void)state;
    fixture f;
    load(&f, "maps/shoes.yaml");
    const jmap_layout *L = f.layout;
    size_t remedies = 0, owners = 0;
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (b->kind == JMAP_BOX_IRRITANT_OWNER) {
            assert_int_equal(L->boxes[b->parent].kind, JMAP_BOX_IRRITANT);
            assert_non_null(strstr(b->text, "Owner: "));
            owners++;
        }
        if (b->kind != JMAP_BOX_REMEDY)
            continue;
        /* the irritant laid out last before it */
        const jmap_box *ir = NULL;
        for (size_t k = i; k-- > 0 && !ir;)
            if (L->boxes[k].kind == JMAP_BOX_IRRITANT)
                ir = &L->boxes[k];
        assert_non_null(ir);
        assert_int_equal(ir->column, b->column);
        assert_true(fabs(ir->y + ir->h - b->y) < EPS);
        assert_true(b->x > ir->x && b->x + b->w <= ir->x + ir->w + EPS);
        remedies++;
    }
    assert_int_equal(remedies, 10);
    assert_int_equal(owners, 9);
    unload(&f);
}

/* The emotion scale says what its values mean, in the map's language,
 * from +2 at the top to -2, under the lane's label. */
static void test_scale_in_words(void **state)
{
    (void)state;
    static const struct {
        const char *map, *top, *bottom;
    } cases[] = {
        {"maps/shoes.yaml", "very positive +2", "very negative \xe2\x88\x92" "2"},
        {"maps/boutique.yaml", "tr\xc3\xa8s positif +2",
         "tr\xc3\xa8s n\xc3\xa9gatif \xe2\x88\x92" "2"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fixture f;
        load(&f, cases[k].map);
        const jmap_layout *L = f.layout;
        const jmap_box *scale[5] = {NULL}, *label = NULL;
        size_t n = 0;
        for (size_t i = 0; i < L->n_boxes; i++) {
            const jmap_box *b = &L->boxes[i];
            if (b->kind == JMAP_BOX_SCALE_TEXT && n < 5)
                scale[n++] = b;
            if (b->kind == JMAP_BOX_LANE_LABEL && scale[0] == NULL)
                label = b; /* the last label before the scale: its lane's */
        }
        assert_int_equal(n, 5);
        assert_string_equal(scale[4]->text, cases[k].top);
        assert_string_equal(scale[0]->text, cases[k].bottom);
        assert_true(label->y + label->h <= scale[4]->y);
        for (size_t v = 1; v < 5; v++)
            assert_true(scale[v]->y < scale[v - 1]->y);
        unload(&f);
    }
}

/* The content keys in French: thoughts in « guillemets », added or as the
 * author wrote them, figures with a
 * decimal comma, a narrow no-break space before %, targets met and missed
 * marked by different icons; a stage's goals and metrics in its band. */
static void test_content_in_french(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/content-fr.yaml");
    const jmap_layout *L = f.layout;
    const char *values[8];
    size_t nv = 0, met = 0, missed = 0, thoughts = 0, goals = 0;
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (b->kind == JMAP_BOX_METRIC_VALUE && nv < 8)
            values[nv++] = b->text;
        if (b->kind == JMAP_BOX_ICON && b->style.icon == JMAP_ICON_MET &&
            L->boxes[b->parent].kind != JMAP_BOX_SWATCH)
            met++;
        if (b->kind == JMAP_BOX_ICON && b->style.icon == JMAP_ICON_MISSED &&
            L->boxes[b->parent].kind != JMAP_BOX_SWATCH)
            missed++;
        if (b->kind == JMAP_BOX_THOUGHT_TEXT && thoughts == 0) {
            assert_string_equal(b->text, "J\xe2\x80\x99" "esp\xc3\xa8re qu\xe2\x80\x99on "
                                         "d\xc3\xa9" "croche avant midi");
            assert_memory_equal(pango_layout_get_text(b->pl), "\xc2\xab\xc2\xa0", 4);
            thoughts++;
        } else if (b->kind == JMAP_BOX_THOUGHT_TEXT) {
            /* quoted by its author: drawn in its own marks, not in two */
            const char *drawn = pango_layout_get_text(b->pl);
            assert_memory_equal(drawn, "\xc2\xab\xc2\xa0" "Encore", 9);
            assert_null(strstr(drawn + 2, "\xc2\xab"));
            assert_int_equal(strlen(drawn) - strlen(strstr(drawn, "\xc2\xbb")),
                             strlen(drawn) - 2); /* one closing mark, at the end */
            thoughts++;
        }
        if (b->kind == JMAP_BOX_STAGE_GOAL) {
            assert_int_equal(L->boxes[b->parent].kind, JMAP_BOX_STAGE);
            goals++;
        }
        if (b->kind == JMAP_BOX_METRIC_TARGET)
            assert_memory_equal(b->text, "Objectif\xc2\xa0: ", 12);
    }
    assert_int_equal(nv, 4);
    assert_string_equal(values[0], "71,5\xe2\x80\xaf%"); /* the stage's */
    assert_string_equal(values[1], "2,3\xe2\x80\xaf%");
    assert_string_equal(values[2], "6,5\xc2\xa0min");
    assert_string_equal(values[3], "4,6/5");
    assert_int_equal(met, 1);    /* 2,3 % for 2 */
    assert_int_equal(missed, 2); /* 71,5 % for 80, 4,6/5 for 4,8 */
    assert_int_equal(thoughts, 2);
    assert_int_equal(goals, 1);
    unload(&f);
}

/* What a department does at a step is written in its row, right under
 * its mark in the step's column (a service blueprint's actions). */
static void test_actions_in_department_rows(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/content/every_key.yaml");
    const jmap_layout *L = f.layout;
    size_t actions = 0;
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *t = &L->boxes[i];
        if (t->kind != JMAP_BOX_DEPT_ACTION)
            continue;
        int under = 0;
        for (size_t k = 0; k < L->n_boxes && !under; k++) {
            const jmap_box *mk = &L->boxes[k];
            double gap = t->y - (mk->y + mk->h);
            under = mk->kind == JMAP_BOX_DEPT_MARK && mk->column == t->column &&
                    gap >= 0 && gap < 5 && t->x >= mk->x - EPS &&
                    t->x + t->w <= mk->x + mk->w + EPS;
        }
        if (!under)
            fail_msg("the action '%s' is not under its department's mark", t->text);
        actions++;
    }
    assert_int_equal(actions, 6);
    unload(&f);
}

/* The sources of irritants and moments are marks on their cards, one
 * icon per source, explained in the legend. */
static void test_source_marks(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/content/every_key.yaml");
    const jmap_layout *L = f.layout;
    size_t on_cards = 0, in_legend = 0;
    for (size_t i = 0; i < L->n_boxes; i++) {
        const jmap_box *b = &L->boxes[i];
        if (b->kind != JMAP_BOX_ICON || b->style.icon < JMAP_ICON_SURVEY ||
            b->style.icon > JMAP_ICON_OBSERVATION)
            continue;
        jmap_box_kind card = L->boxes[b->parent].kind;
        if (card == JMAP_BOX_SWATCH)
            in_legend++;
        else
            assert_true(card == JMAP_BOX_IRRITANT || card == JMAP_BOX_MOMENT);
        on_cards += card != JMAP_BOX_SWATCH;
    }
    assert_int_equal(on_cards, 8); /* 2 + 1 + 3 on irritants, 2 on a moment */
    assert_int_equal(in_legend, 8); /* every source once */
    unload(&f);
}

static void test_markup_is_literal(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/markup.yaml");
    int found = 0;
    for (size_t i = 0; i < f.layout->n_boxes; i++) {
        const jmap_box *b = &f.layout->boxes[i];
        if (b->kind == JMAP_BOX_STEP_NAME) {
            assert_string_equal(b->text, "<b>x</b> & co");
            assert_string_equal(pango_layout_get_text(b->pl), "<b>x</b> & co");
            found = 1;
        }
    }
    assert_true(found);
    unload(&f);
}

static void test_lanes(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/empty-lanes.yaml");
    assert_int_equal(count_kind(f.layout, JMAP_BOX_LANE), 2); /* stages, actions */
    assert_int_equal(count_kind(f.layout, JMAP_BOX_STAGE), 2);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_STEP), 3);
    assert_int_equal(count_path(f.layout, JMAP_PATH_FLOW), 2);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_LEGEND), 0);
    unload(&f);

    load(&f, "maps/shoes.yaml");
    assert_int_equal(count_kind(f.layout, JMAP_BOX_LANE), 7);
    assert_int_equal(f.journey->n_steps, 16);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_STEP), 16);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_STAGE), 5);
    assert_int_equal(count_path(f.layout, JMAP_PATH_ARROW), 1); /* the loop */
    assert_int_equal(count_path(f.layout, JMAP_PATH_VISIBILITY), 1);
    assert_int_equal(count_path(f.layout, JMAP_PATH_SUPPORT), 1);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_EMOTION), 16);
    assert_int_equal(count_path(f.layout, JMAP_PATH_CURVE), 1);
    unload(&f);
}

static void test_personas_and_branches(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/personas.yaml");
    assert_int_equal(f.layout->n_curves, 3);
    assert_string_equal(f.layout->curve_names[2], "Cléo");
    /* Cléo has no value at "Buys it": her curve stops there, and her last
     * value is a point alone */
    assert_int_equal(count_path(f.layout, JMAP_PATH_CURVE), 3);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_EMOTION), 11);
    unload(&f);

    load(&f, "tests/layout/branches.yaml");
    /* compare->online, shop->pay, use->compare, use->done, review->compare */
    assert_int_equal(count_path(f.layout, JMAP_PATH_ARROW), 5);
    size_t loops = 0;
    for (size_t i = 0; i < f.layout->n_paths; i++)
        loops += f.layout->paths[i].kind == JMAP_PATH_ARROW && f.layout->paths[i].loop;
    assert_int_equal(loops, 2);
    unload(&f);
}

/* A plain value applies to every curve, a persona's own value wins where a
 * step gives one, and a page shows only its steps' points: per curve, in
 * step order, as (column, value). */
static void test_plain_values_among_personas(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/personas-plain.yaml");
    assert_int_equal(count_kind(f.layout, JMAP_BOX_EMOTION), 13);
    assert_int_equal(count_path(f.layout, JMAP_PATH_CURVE), 5);
    unload(&f);

    load(&f, "tests/layout/personas-plain.yaml");
    jmap_layout *grid = jmap_layout_grid(f.journey, f.m, NULL, 0);
    jmap_layout_free(f.layout);
    jmap_page_spec page = {1, 5, grid->lane_y[1], /* Looks it up .. Buys it */
                           grid->lane_y[grid->n_lanes - 1] + grid->lane_h[grid->n_lanes - 1],
                           0, 0, 1, 2, 1000};
    f.layout = jmap_layout_page_of(grid, f.m, &page, 1, 2, NULL);
    jmap_layout_free(grid);
    static const int want[][3] = {{0, 0, 2}, {0, 3, -1}, {1, 1, -2}, {1, 3, -1},
                                  {2, 0, -1}, {2, 1, 0}, {2, 3, -1}};
    size_t k = 0;
    for (size_t i = 0; i < f.layout->n_boxes; i++) {
        const jmap_box *b = &f.layout->boxes[i];
        if (b->kind != JMAP_BOX_EMOTION)
            continue;
        assert_true(k < sizeof want / sizeof want[0]);
        assert_int_equal(b->curve, want[k][0]);
        assert_int_equal(b->column, want[k][1]);
        assert_int_equal(b->style.emotion, want[k][2]);
        k++;
    }
    assert_int_equal(k, sizeof want / sizeof want[0]);
    /* the curves through the page's steps, and the halves of those that
     * reach the steps of the pages before and after, which end on the
     * page's edges, halfway between two columns */
    const jmap_layout *L = f.layout;
    double left = L->col_x[0] - 5, right = L->col_x[3] + L->col_w + 5;
    size_t pieces = 0, edges = 0;
    for (size_t i = 0; i < L->n_paths; i++) {
        const jmap_path *p = &L->paths[i];
        if (p->kind != JMAP_PATH_CURVE)
            continue;
        pieces++;
        int edge = 0;
        for (size_t q = 0; q < p->n; q += 3) {
            assert_true(p->pts[q].x >= left - EPS && p->pts[q].x <= right + EPS);
            edge |= fabs(p->pts[q].x - left) < EPS || fabs(p->pts[q].x - right) < EPS;
        }
        edges += edge;
    }
    assert_true(pieces >= 1);
    assert_true(edges >= 1);
    unload(&f);
}

static void test_french_labels(void **state)
{
    (void)state;
    fixture f;
    load(&f, "tests/layout/french.yaml");
    const char *want[] = {"Étapes", "Actions du client", "Émotions",
                          "Points de contact", "Irritants et moments positifs",
                          "Idées", "Services"};
    size_t k = 0;
    for (size_t i = 0; i < f.layout->n_boxes; i++)
        if (f.layout->boxes[i].kind == JMAP_BOX_LANE_LABEL) {
            assert_true(k < 7);
            assert_string_equal(f.layout->boxes[i].text, want[k++]);
        }
    assert_int_equal(k, 7);
    int visibility = 0;
    for (size_t i = 0; i < f.layout->n_boxes; i++)
        visibility |= f.layout->boxes[i].text &&
                      strcmp(f.layout->boxes[i].text, "Ligne de visibilité") == 0;
    assert_true(visibility);
    unload(&f);
}

/* Laying out twice gives the same dump. */
static void test_dump_is_stable(void **state)
{
    (void)state;
    fixture a, b;
    load(&a, "maps/running-shoes.yaml");
    load(&b, "maps/running-shoes.yaml");
    jmap_buf da, db;
    jmap_buf_init(&da);
    jmap_buf_init(&db);
    jmap_layout_dump(a.layout, &da);
    jmap_layout_dump(b.layout, &db);
    assert_string_equal(da.data, db.data);
    assert_true(strncmp(da.data, "map 0:0 0.00 0.00 ", 18) == 0);
    jmap_buf_destroy(&da);
    jmap_buf_destroy(&db);
    unload(&a);
    unload(&b);
}

/* The marks check sees an icon moved onto its card's text, and a mark
 * moved out of its card. */
static void test_marks_check_catches_overlap(void **state)
{
    (void)state;
    fixture f;
    load(&f, "maps/shoes.yaml");
    const char *why = "";
    assert_int_equal(marks_at_fault(f.layout, &why), -1);
    size_t moved = 0;
    for (size_t i = 0; i < f.layout->n_boxes && !moved; i++) {
        jmap_box *ic = &f.layout->boxes[i];
        if (ic->kind != JMAP_BOX_ICON || ic->style.icon != JMAP_ICON_BULB)
            continue;
        for (size_t k = i + 1; k < f.layout->n_boxes; k++) {
            const jmap_box *t = &f.layout->boxes[k];
            if (t->parent == ic->parent && t->kind == JMAP_BOX_IDEA_TEXT) {
                ic->x = t->x + 1; /* onto the idea's text */
                moved = i;
                break;
            }
        }
    }
    assert_true(moved > 0);
    assert_int_equal(marks_at_fault(f.layout, &why), (long)moved);
    assert_string_equal(why, "overlaps a text");
    jmap_box *ic = &f.layout->boxes[moved];
    ic->x = f.layout->boxes[ic->parent].x - 20; /* out of its card */
    assert_int_equal(marks_at_fault(f.layout, &why), (long)moved);
    assert_string_equal(why, "is not inside its card");
    unload(&f);
}

/* The same check covers the legend and the title block: a sample's marker
 * moved onto its meaning, an icon moved out of its sample, a persona's bar
 * moved onto the persona's name. */
static void test_marks_check_covers_the_header(void **state)
{
    (void)state;
    fixture f;
    load(&f, "maps/shoes.yaml");
    const char *why = "";
    assert_int_equal(marks_at_fault(f.layout, &why), -1);
    jmap_box *boxes = f.layout->boxes;
    size_t marker = 0, icon = 0, bar = 0, name = 0;
    for (size_t i = 0; i < f.layout->n_boxes; i++) {
        if (boxes[i].kind == JMAP_BOX_MARKER)
            marker = i;
        if (!icon && boxes[i].kind == JMAP_BOX_ICON && boxes[i].parent >= 0 &&
            boxes[boxes[i].parent].kind == JMAP_BOX_SWATCH)
            icon = i;
        if (!bar && boxes[i].kind == JMAP_BOX_PERSONA_BAR)
            bar = i;
        if (!name && boxes[i].kind == JMAP_BOX_PERSONA_NAME)
            name = i;
    }
    assert_true(marker > 0 && icon > 0 && bar > 0 && name > 0);
    jmap_box saved = boxes[marker];
    jmap_box *sample = &boxes[boxes[marker].parent];
    boxes[marker].x = sample->x + sample->w + 1; /* onto its text */
    sample->w += boxes[marker].w + 1;            /* still in its sample */
    assert_int_equal(marks_at_fault(f.layout, &why), (long)boxes[marker].parent);
    assert_string_equal(why, "overlaps a text");
    sample->w -= boxes[marker].w + 1;
    assert_int_equal(marks_at_fault(f.layout, &why), (long)marker);
    assert_string_equal(why, "is not inside its card");
    boxes[marker] = saved;
    boxes[icon].y -= 3; /* out of the top of its sample */
    assert_int_equal(marks_at_fault(f.layout, &why), (long)icon);
    assert_string_equal(why, "is not inside its card");
    boxes[icon].y += 3;
    boxes[bar].x = boxes[name].x; /* onto the persona's name */
    assert_int_equal(marks_at_fault(f.layout, &why), (long)bar);
    assert_string_equal(why, "overlaps a text");
    unload(&f);
}

/* A painter that records what it is asked to paint. */
typedef struct recorder {
    const jmap_layout *L; /* the layout being painted */
    size_t icons;         /* icons placed */
    size_t texts;         /* texts shown */
    size_t strays;        /* icons or texts not at a box of their kind */
    size_t groups;        /* groups opened */
    int depth;            /* groups open now */
    int worst;            /* most groups open at once */
} recorder;

static void rec_fill(void *ctx, const jmap_shape *s, jmap_rgb rgb)
{
    (void)ctx, (void)s, (void)rgb;
}

static void rec_stroke(void *ctx, const jmap_shape *s, const jmap_pen *pen)
{
    (void)ctx, (void)s, (void)pen;
}

static void rec_fill_stroke(void *ctx, const jmap_shape *s, jmap_rgb rgb,
                            const jmap_pen *pen)
{
    (void)ctx, (void)s, (void)rgb, (void)pen;
}

static void rec_text(void *ctx, PangoLayout *pl, double x, double y,
                     jmap_rgb rgb)
{
    (void)rgb;
    recorder *r = ctx;
    r->texts++;
    for (size_t i = 0; i < r->L->n_boxes; i++) {
        const jmap_box *b = &r->L->boxes[i];
        if (b->pl == pl && b->x == x && b->y == y)
            return;
    }
    r->strays++;
}

static void rec_icon(void *ctx, jmap_icon icon, double x, double y,
                     jmap_icon_art art)
{
    (void)art;
    recorder *r = ctx;
    r->icons++;
    for (size_t i = 0; i < r->L->n_boxes; i++) {
        const jmap_box *b = &r->L->boxes[i];
        if (b->kind == JMAP_BOX_ICON && b->style.icon == icon && b->x == x &&
            b->y == y)
            return;
    }
    r->strays++;
}

static void rec_group_begin(void *ctx, jmap_box_kind kind, jmap_pos pos)
{
    (void)kind, (void)pos;
    recorder *r = ctx;
    r->groups++;
    if (++r->depth > r->worst)
        r->worst = r->depth;
}

static void rec_group_end(void *ctx)
{
    ((recorder *)ctx)->depth--;
}

/* Drawing places every icon and text exactly at a box of the layout: it
 * has no positions of its own. */
static void test_drawing_places_only_boxes(void **state)
{
    (void)state;
    static const jmap_painter rec = {rec_fill, rec_stroke, rec_fill_stroke,
                                     rec_text, rec_icon, rec_group_begin,
                                     rec_group_end, NULL, NULL, NULL, NULL};
    for (size_t m = 0; m < N_MAPS; m++) {
        fixture f;
        load(&f, maps[m]);
        recorder r = {.L = f.layout};
        jmap_layout_paint(f.layout, &rec, &r);
        size_t icons = count_kind(f.layout, JMAP_BOX_ICON), texts = 0;
        for (size_t i = 0; i < f.layout->n_boxes; i++)
            texts += f.layout->boxes[i].pl != NULL;
        assert_int_equal(r.icons, icons);
        assert_int_equal(r.texts, texts);
        assert_int_equal(r.strays, 0);
        /* one group per painted box or text, never nested */
        assert_true(r.groups >= texts + icons);
        assert_int_equal(r.depth, 0);
        assert_int_equal(r.worst, 1);
        unload(&f);
    }
}

/* ---- what is drawn for a box stays in it ---- */

/* A shape painted while the group of a box of `kind` was open. */
typedef struct drawn {
    jmap_box_kind kind; /* the open group's kind */
    jmap_box bounds;    /* the shape's geometric bounds (pens aside) */
} drawn;

/* A painter that keeps the bounds of every shape painted in a group. */
typedef struct shapes {
    drawn *d;          /* d[0..n-1] */
    size_t n, cap;     /* used, allocated */
    int open;          /* 1 while a group is open */
    jmap_box_kind kind; /* the open group's kind */
} shapes;

static void grow(jmap_box *b, double x0, double y0, double x1, double y1)
{
    if (b->w < 0) { /* empty so far */
        b->x = x0, b->y = y0, b->w = x1 - x0, b->h = y1 - y0;
        return;
    }
    double r = fmax(b->x + b->w, x1), t = fmax(b->y + b->h, y1);
    b->x = fmin(b->x, x0), b->y = fmin(b->y, y0);
    b->w = r - b->x, b->h = t - b->y;
}

/* The bounds of s: an arc counts as its whole circle, which is never more
 * than the rounded corner or the disc it draws. */
static jmap_box shape_bounds(const jmap_shape *s)
{
    jmap_box b = {.w = -1};
    for (size_t i = 0; i < s->n; i++) {
        const double *v = s->ops[i].v;
        switch (s->ops[i].verb) {
        case JMAP_SHAPE_MOVE:
        case JMAP_SHAPE_LINE: grow(&b, v[0], v[1], v[0], v[1]); break;
        case JMAP_SHAPE_CURVE:
            for (int k = 0; k < 6; k += 2)
                grow(&b, v[k], v[k + 1], v[k], v[k + 1]);
            break;
        case JMAP_SHAPE_ARC:
            grow(&b, v[0] - v[2], v[1] - v[2], v[0] + v[2], v[1] + v[2]);
            break;
        case JMAP_SHAPE_RECT:
            grow(&b, v[0], v[1], v[0] + v[2], v[1] + v[3]);
            break;
        default: break;
        }
    }
    b.x += s->ox, b.y += s->oy; /* draw.c turns icons only */
    return b;
}

static void keep(void *ctx, const jmap_shape *s)
{
    shapes *r = ctx;
    if (!r->open)
        return; /* a path: checked by the layout checks */
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 256;
        r->d = realloc(r->d, r->cap * sizeof *r->d);
        assert_non_null(r->d);
    }
    r->d[r->n++] = (drawn){r->kind, shape_bounds(s)};
}

static void sh_fill(void *ctx, const jmap_shape *s, jmap_rgb rgb)
{
    (void)rgb;
    keep(ctx, s);
}

static void sh_stroke(void *ctx, const jmap_shape *s, const jmap_pen *pen)
{
    (void)pen;
    keep(ctx, s);
}

static void sh_fill_stroke(void *ctx, const jmap_shape *s, jmap_rgb rgb,
                           const jmap_pen *pen)
{
    (void)rgb, (void)pen;
    keep(ctx, s);
}

static void sh_text(void *ctx, PangoLayout *pl, double x, double y,
                    jmap_rgb rgb)
{
    (void)ctx, (void)pl, (void)x, (void)y, (void)rgb;
}

static void sh_icon(void *ctx, jmap_icon icon, double x, double y,
                    jmap_icon_art art)
{
    (void)ctx, (void)icon, (void)x, (void)y, (void)art;
}

static void sh_group_begin(void *ctx, jmap_box_kind kind, jmap_pos pos)
{
    (void)pos;
    shapes *r = ctx;
    r->open = 1;
    r->kind = kind;
}

static void sh_group_end(void *ctx)
{
    ((shapes *)ctx)->open = 0;
}

/* The first shape in r that lies in no box of its group's kind, or -1. */
static long shape_at_fault(const jmap_layout *L, const shapes *r)
{
    for (size_t i = 0; i < r->n; i++) {
        int in = 0;
        for (size_t k = 0; k < L->n_boxes && !in; k++)
            in = L->boxes[k].kind == r->d[i].kind &&
                 inside(&r->d[i].bounds, &L->boxes[k]);
        if (!in)
            return (long)i;
    }
    return -1;
}

static void paint_shapes(const jmap_layout *L, shapes *r)
{
    static const jmap_painter sh = {sh_fill, sh_stroke, sh_fill_stroke,
                                    sh_text, sh_icon, sh_group_begin,
                                    sh_group_end, NULL, NULL, NULL, NULL};
    *r = (shapes){.d = NULL};
    jmap_layout_paint(L, &sh, r);
}

/* Every shape drawn for a box (a card, a legend sample, a mark) lies in a
 * box of that kind; a sample drawn a point out of its box, as legend
 * samples once were, is caught. */
/* What is drawn for each box of L stays in it. */
static void check_drawing(const jmap_layout *L, const char *name)
{
    shapes r;
    paint_shapes(L, &r);
    long i = shape_at_fault(L, &r);
    if (i >= 0)
        fail_msg("%s: a shape of a %s at %.2f %.2f is out of its box", name,
                 jmap_box_kind_name(r.d[i].kind), r.d[i].bounds.x, r.d[i].bounds.y);
    free(r.d);
}

static void test_drawing_stays_in_boxes(void **state)
{
    (void)state;
    for (size_t m = 0; m < N_MAPS; m++) {
        fixture f;
        load(&f, maps[m]);
        shapes r;
        paint_shapes(f.layout, &r);
        long i = shape_at_fault(f.layout, &r);
        if (i >= 0)
            fail_msg("%s: a shape of a %s at %.2f %.2f is out of its box",
                     maps[m], jmap_box_kind_name(r.d[i].kind),
                     r.d[i].bounds.x, r.d[i].bounds.y);
        free(r.d);
        unload(&f);
    }
    /* the touchpoint sample's box made its cell again, 1 pt inside its
     * chip on the left and right, 1.5 pt above and below */
    fixture f;
    load(&f, "maps/shoes.yaml");
    shapes r;
    paint_shapes(f.layout, &r);
    assert_int_equal(shape_at_fault(f.layout, &r), -1);
    jmap_box *chip = NULL;
    for (size_t i = 0; i < f.layout->n_boxes && !chip; i++)
        if (f.layout->boxes[i].kind == JMAP_BOX_SWATCH &&
            f.layout->boxes[i].style.swatch == JMAP_SWATCH_DIGITAL)
            chip = &f.layout->boxes[i];
    assert_non_null(chip);
    chip->x += 1, chip->w -= 2, chip->y += 1.5, chip->h -= 3;
    long i = shape_at_fault(f.layout, &r);
    assert_true(i >= 0);
    assert_int_equal(r.d[i].kind, JMAP_BOX_SWATCH);
    free(r.d);
    unload(&f);
}

/* Icons, bullets, bars and arrow heads are boxes of the layout, with
 * their style. */
static void test_marks_are_boxes(void **state)
{
    (void)state;
    fixture f;
    load(&f, "maps/shoes.yaml");
    size_t clocks = 0, durations = 0, bullets = 0, goals = 0, bars = 0;
    size_t samples = 0;
    for (size_t i = 0; i < f.layout->n_boxes; i++) {
        const jmap_box *b = &f.layout->boxes[i];
        clocks += b->kind == JMAP_BOX_ICON && b->style.icon == JMAP_ICON_CLOCK;
        durations += b->kind == JMAP_BOX_STEP_DURATION ||
                     b->kind == JMAP_BOX_STAGE_DURATION;
        bullets += b->kind == JMAP_BOX_BULLET;
        goals += b->kind == JMAP_BOX_GOAL;
        if (b->kind == JMAP_BOX_SEVERITY_BAR) {
            const jmap_box *card = &f.layout->boxes[b->parent];
            if (card->kind == JMAP_BOX_SWATCH) { /* an irritant's sample */
                assert_int_equal(b->style.level, card->style.swatch -
                                                     JMAP_SWATCH_IRRITANT_LOW);
                assert_true(fabs(b->h - card->h) < EPS);
                samples++;
                continue;
            }
            assert_int_equal(card->kind, JMAP_BOX_IRRITANT);
            assert_int_equal(b->style.level, card->style.level);
            assert_true(fabs(b->w - jmap_severity_bar_w(b->style.level)) < EPS);
            assert_true(fabs(b->h - card->h) < EPS);
            bars++;
        }
    }
    assert_true(durations > 0 && clocks == durations);
    /* every arrow ends in a head box with its tip on the box's edge */
    size_t heads = 0;
    for (size_t i = 0; i < f.layout->n_paths; i++) {
        const jmap_path *p = &f.layout->paths[i];
        if (p->kind != JMAP_PATH_FLOW && p->kind != JMAP_PATH_ARROW &&
            p->kind != JMAP_PATH_LEGEND_ARROW)
            continue;
        assert_true(p->head > 0);
        const jmap_point *z = &p->pts[p->n - 1];
        int found = 0;
        for (size_t k = 0; k < f.layout->n_boxes && !found; k++) {
            const jmap_box *h = &f.layout->boxes[k];
            found = h->kind == JMAP_BOX_ARROW_HEAD &&
                    fabs(h->w - p->head) < EPS &&
                    z->x >= h->x - EPS && z->x <= h->x + h->w + EPS &&
                    z->y >= h->y - EPS && z->y <= h->y + h->h + EPS &&
                    (fabs(z->x - h->x) < EPS || fabs(z->x - h->x - h->w) < EPS ||
                     fabs(z->y - h->y) < EPS || fabs(z->y - h->y - h->h) < EPS);
        }
        assert_true(found);
        heads++;
    }
    assert_true(heads > 0);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_ARROW_HEAD), heads);
    assert_true(goals > 0 && bullets == goals);
    assert_int_equal(bars, count_kind(f.layout, JMAP_BOX_IRRITANT));
    assert_int_equal(samples, 3); /* low, medium, high */
    assert_int_equal(count_path(f.layout, JMAP_PATH_LEGEND_ARROW), 1);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_MARKER), 1);
    assert_int_equal(count_kind(f.layout, JMAP_BOX_PERSONA_BAR),
                     count_kind(f.layout, JMAP_BOX_PERSONA));
    unload(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geometry),
        cmocka_unit_test(test_geometry_of_pages),
        cmocka_unit_test(test_lane_cut_repeats_its_label),
        cmocka_unit_test(test_tiles),
        cmocka_unit_test(test_french_spaces_do_not_break),
        cmocka_unit_test(test_no_text_is_cut),
        cmocka_unit_test(test_tall_text_is_reported),
        cmocka_unit_test(test_descriptions),
        cmocka_unit_test(test_remedy_under_irritant),
        cmocka_unit_test(test_scale_in_words),
        cmocka_unit_test(test_content_in_french),
        cmocka_unit_test(test_actions_in_department_rows),
        cmocka_unit_test(test_source_marks),
        cmocka_unit_test(test_markup_is_literal),
        cmocka_unit_test(test_lanes),
        cmocka_unit_test(test_personas_and_branches),
        cmocka_unit_test(test_plain_values_among_personas),
        cmocka_unit_test(test_french_labels),
        cmocka_unit_test(test_dump_is_stable),
        cmocka_unit_test(test_marks_check_catches_overlap),
        cmocka_unit_test(test_marks_check_covers_the_header),
        cmocka_unit_test(test_drawing_stays_in_boxes),
        cmocka_unit_test(test_drawing_places_only_boxes),
        cmocka_unit_test(test_marks_are_boxes),
        cmocka_unit_test(test_diff_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
