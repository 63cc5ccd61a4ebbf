/*
 * plan_out.c - the action report's text formats, from a computed plan
 * (plan.c), one writer per format (a table):
 *   markdown  the document (headings, tables, lists) as GitHub Markdown;
 *   html      the same document as one self-contained HTML5 page: inline
 *             style, heat-map cells shaded from light to dark (and holding
 *             their number, so greyscale keeps them readable), emotion
 *             curves as inline SVG, no script, no external resource;
 *   json      the plan's figures (docs/report.md, schema/report.schema.json);
 *   csv       the ranked irritants, one RFC 4180 row each, with the
 *             formula guard the exports use (emit.c).
 * The document (jmap_plan_build_doc) is built here once in the report's
 * language and shared with the PDF (src/render/plan_pdf.c). Every word
 * jmap adds comes from locale.c.
 */
#include "emit.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared helpers ---- */

const char *jmap_plan_map_name(const jmap_plan *p, size_t i)
{
    return p->names[i];
}

void jmap_plan_format_long(jmap_buf *out, jmap_lang lang, long n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n);
    size_t len = strlen(digits);
    if (n < 0)
        jmap_buf_putc(out, '-');
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            jmap_buf_puts(out, lang == JMAP_LANG_FR ? "\xe2\x80\xaf" : ","); /* U+202F */
        jmap_buf_putc(out, digits[i]);
    }
}

const char *jmap_plan_owner_name(const jmap_plan *p, const jmap_plan_owner *o)
{
    return o->name ? o->name : jmap_label_text(p->lang, L_R_NO_OWNER);
}

const char *jmap_plan_level_word(jmap_lang lang, jmap_level level)
{
    static const jmap_label words[JMAP_N_LEVELS] = {L_R_LOW, L_R_MEDIUM, L_R_HIGH};
    return jmap_label_text(lang, words[(unsigned)level < JMAP_N_LEVELS ? level : 1]);
}

const char *jmap_plan_curve_name(const jmap_plan *p, const jmap_plan_curve *c)
{
    if (!c->persona)
        return jmap_label_text(p->lang, L_R_CUSTOMER);
    return c->persona->name.str ? c->persona->name.str : c->persona->id;
}

static const char *stage_name(const jmap_stage *st)
{
    return st->name.str ? st->name.str : st->id;
}

static const char *step_name(const jmap_step *s)
{
    return s->name.str ? s->name.str : s->id;
}

/* ---- the document ---- */

/* A document under construction. */
typedef struct doc {
    jmap_plan *p;
    jmap_lang lang;
    jmap_plan_block *blocks;
    size_t n, cap;
    jmap_plan_cell *cells; /* the table being filled */
    size_t n_cells, cap_cells;
} doc;

static const char *word(doc *d, jmap_label l)
{
    return jmap_label_text(d->lang, l);
}

static char *keep(doc *d, const char *s)
{
    return jmap_arena_strdup(d->p->arena, s ? s : "");
}

static jmap_plan_block *add_block(doc *d, jmap_plan_block_kind kind, const char *text)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 32;
        d->blocks = jmap_xrealloc(d->blocks, d->cap, sizeof *d->blocks);
    }
    jmap_plan_block *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->text = text ? keep(d, text) : NULL;
    return b;
}

static void cell(doc *d, const char *text, int number, int warn, double heat)
{
    if (d->n_cells == d->cap_cells) {
        d->cap_cells = d->cap_cells ? 2 * d->cap_cells : 64;
        d->cells = jmap_xrealloc(d->cells, d->cap_cells, sizeof *d->cells);
    }
    d->cells[d->n_cells++] = (jmap_plan_cell){keep(d, text), heat, (unsigned char)number,
                                              (unsigned char)warn};
}

static void text_cell(doc *d, const char *text)
{
    cell(d, text, 0, 0, -1);
}

static void num_cell(doc *d, long n)
{
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_plan_format_long(&b, d->lang, n);
    cell(d, b.data, 1, 0, -1);
    jmap_buf_destroy(&b);
}

/* Starts a table of `n` columns named by `head`, with relative widths (the
 * PDF's; the other formats size their columns to the text). */
static void begin_table(doc *d, size_t n, const char *const *head, const double *widths)
{
    d->n_cells = 0;
    for (size_t i = 0; i < n; i++)
        text_cell(d, head[i]);
    jmap_plan_block *b = add_block(d, JMAP_PB_TABLE, NULL);
    b->n_cols = n;
    double *w = jmap_arena_alloc(d->p->arena, n, sizeof *w);
    memcpy(w, widths, n * sizeof *w);
    b->widths = w;
}

/* Ends the table (or list) that the last block is, with the cells given
 * since begin_table (the head first). */
static void end_table(doc *d)
{
    jmap_plan_block *b = &d->blocks[d->n - 1];
    size_t head = b->kind == JMAP_PB_TABLE ? b->n_cols : 0;
    jmap_plan_cell *c = jmap_arena_alloc(d->p->arena, d->n_cells + 1, sizeof *c);
    memcpy(c, d->cells, d->n_cells * sizeof *c);
    b->head = head ? c : NULL;
    b->cells = c + head;
    b->n_rows = (d->n_cells - head) / b->n_cols;
    d->n_cells = 0;
}

static void begin_list(doc *d)
{
    d->n_cells = 0;
    add_block(d, JMAP_PB_LIST, NULL)->n_cols = 1;
}

/* Ends a list, or says "None." when it is empty. */
static void end_list(doc *d)
{
    if (d->n_cells == 0) {
        d->n--;
        add_block(d, JMAP_PB_TEXT, word(d, L_R_NONE));
        return;
    }
    end_table(d);
}

static int several(const doc *d)
{
    return d->p->n_maps > 1;
}

/* "Step (Stage, map)" for lists. */
static void place_item(doc *d, const jmap_step *s, size_t map)
{
    char *t = several(d) ? jmap_xasprintf("%s (%s, %s)", step_name(s), stage_name(s->stage),
                                          jmap_plan_map_name(d->p, map))
                         : jmap_xasprintf("%s (%s)", step_name(s), stage_name(s->stage));
    text_cell(d, t);
    free(t);
}

static void doc_title(doc *d)
{
    jmap_plan *p = d->p;
    const char *title = p->maps[0].journey->title.str;
    char *t = !several(d) && title
                  ? jmap_xasprintf("%s%s %s", word(d, L_R_TITLE), jmap_colon(d->lang), title)
                  : jmap_xstrdup(word(d, L_R_TITLE));
    add_block(d, JMAP_PB_TITLE, t);
    free(t);
    if (several(d)) {
        add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_MAPS));
        begin_list(d);
        for (size_t m = 0; m < p->n_maps; m++) {
            const char *mt = p->maps[m].journey->title.str;
            char *item = jmap_xasprintf("%s%s %s", jmap_plan_map_name(p, m),
                                        jmap_colon(d->lang), mt ? mt : "");
            text_cell(d, item);
            free(item);
        }
        end_list(d);
    }
}

static void doc_ranked(doc *d)
{
    jmap_plan *p = d->p;
    add_block(d, JMAP_PB_SECTION, word(d, L_R_RANKED));
    add_block(d, JMAP_PB_TEXT, word(d, L_R_RULE));
    const char *head[] = {word(d, L_R_RANK),     word(d, L_R_IRRITANT),  word(d, L_R_STEP),
                          word(d, L_R_STAGE),    word(d, L_R_MAP),       word(d, L_R_SEVERITY),
                          word(d, L_R_FREQUENCY), word(d, L_R_PRIORITY), word(d, L_R_OWNER),
                          word(d, L_R_REMEDY),   word(d, L_R_SOURCES)};
    const double widths[] = {20, 98, 74, 62, 45, 42, 34, 40, 62, 94, 40};
    int multi = several(d);
    if (multi) {
        begin_table(d, 11, head, widths);
    } else { /* without the map column */
        const char *h[10];
        double w[10];
        for (size_t i = 0, k = 0; i < 11; i++)
            if (i != 4)
                h[k] = head[i], w[k++] = widths[i];
        begin_table(d, 10, h, w);
    }
    for (size_t i = 0; i < p->n_rows; i++) {
        const jmap_plan_row *r = &p->rows[i];
        const jmap_irritant *ir = r->irritant;
        num_cell(d, (long)r->rank);
        text_cell(d, ir->name.str);
        text_cell(d, step_name(ir->step));
        text_cell(d, stage_name(ir->step->stage));
        if (multi)
            text_cell(d, jmap_plan_map_name(p, r->map));
        text_cell(d, jmap_plan_level_word(d->lang, ir->severity));
        if (ir->frequency >= 0)
            num_cell(d, ir->frequency);
        else
            cell(d, "\xe2\x80\x94", 1, 0, -1); /* an em dash: not given */
        num_cell(d, r->priority);
        text_cell(d, jmap_plan_owner_name(p, &p->owners[r->owner]));
        if (ir->remedy.str)
            text_cell(d, ir->remedy.str);
        else
            cell(d, word(d, L_R_NO_REMEDY), 0, 1, -1);
        if (ir->sources) {
            jmap_buf src;
            jmap_buf_init(&src);
            jmap_format_sources(&src, d->lang, ir->sources);
            text_cell(d, src.data);
            jmap_buf_destroy(&src);
        } else {
            text_cell(d, "\xe2\x80\x94"); /* an em dash: none given */
        }
    }
    end_table(d);
}

static void doc_owners(doc *d)
{
    jmap_plan *p = d->p;
    add_block(d, JMAP_PB_SECTION, word(d, L_R_BY_OWNER));
    for (size_t o = 0; o < p->n_owners; o++) {
        const jmap_plan_owner *g = &p->owners[o];
        jmap_buf b;
        jmap_buf_init(&b);
        jmap_buf_printf(&b, "%s \xe2\x80\x94 %s%s ", jmap_plan_owner_name(p, g),
                        word(d, L_R_TOTAL_PRIORITY), jmap_colon(d->lang));
        jmap_plan_format_long(&b, d->lang, g->total);
        jmap_buf_puts(&b, ", ");
        jmap_plan_format_long(&b, d->lang, (long)g->n_rows);
        jmap_buf_printf(&b, " %s", word(d, g->n_rows == 1 ? L_R_ONE_IRRITANT : L_R_IRRITANTS));
        if (g->n_no_remedy) {
            jmap_buf_puts(&b, ", ");
            jmap_plan_format_long(&b, d->lang, (long)g->n_no_remedy);
            jmap_buf_printf(&b, " %s", word(d, L_R_WITHOUT_REMEDY));
        }
        add_block(d, JMAP_PB_SUBSECTION, b.data);
        jmap_buf_destroy(&b);
        const char *head[] = {word(d, L_R_RANK), word(d, L_R_IRRITANT), word(d, L_R_STEP),
                              word(d, L_R_PRIORITY), word(d, L_R_REMEDY)};
        const double widths[] = {20, 150, 120, 40, 170};
        begin_table(d, 5, head, widths);
        for (size_t k = 0; k < g->n_rows; k++) {
            const jmap_plan_row *r = &p->rows[g->rows[k]];
            num_cell(d, (long)r->rank);
            text_cell(d, r->irritant->name.str);
            if (several(d)) {
                char *t = jmap_xasprintf("%s (%s)", step_name(r->irritant->step),
                                         jmap_plan_map_name(p, r->map));
                text_cell(d, t);
                free(t);
            } else {
                text_cell(d, step_name(r->irritant->step));
            }
            num_cell(d, r->priority);
            if (r->irritant->remedy.str)
                text_cell(d, r->irritant->remedy.str);
            else
                cell(d, word(d, L_R_NO_REMEDY), 0, 1, -1);
        }
        end_table(d);
    }
    if (!p->n_owners)
        add_block(d, JMAP_PB_TEXT, word(d, L_R_NONE));
}

static void doc_heat(doc *d)
{
    jmap_plan *p = d->p;
    add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_HEATMAP));
    if (!p->n_owners) {
        add_block(d, JMAP_PB_TEXT, word(d, L_R_NONE));
        return;
    }
    add_block(d, JMAP_PB_TEXT, word(d, L_R_HEAT_NOTE));
    size_t n = p->n_owners + 1;
    const char **head = jmap_xcalloc(n, sizeof *head);
    double *widths = jmap_xcalloc(n, sizeof *widths);
    head[0] = word(d, L_R_STAGE);
    widths[0] = 64;
    for (size_t c = 0; c < p->n_owners; c++) {
        head[c + 1] = jmap_plan_owner_name(p, &p->owners[p->columns[c]]);
        widths[c + 1] = 45;
    }
    begin_table(d, n, head, widths);
    free(head);
    free(widths);
    for (size_t s = 0; s < p->n_stages; s++) {
        text_cell(d, p->stages[s].name);
        for (size_t c = 0; c < p->n_owners; c++) {
            long v = p->stages[s].heat[c];
            jmap_buf b;
            jmap_buf_init(&b);
            if (v)
                jmap_plan_format_long(&b, d->lang, v);
            cell(d, b.data ? b.data : "", 1, 0,
                 p->heat_max > 0 ? (double)v / (double)p->heat_max : 0);
            jmap_buf_destroy(&b);
        }
    }
    end_table(d);
}

/* "Step (Stage); Step (Stage); ... and 3 more". */
static void lowest_steps(doc *d, const jmap_plan_curve *c, jmap_buf *b)
{
    size_t shown = 0;
    for (size_t i = 0; i < c->n && shown < JMAP_PLAN_LOWEST_SHOWN; i++)
        if (c->values[i] == c->lowest)
            jmap_buf_printf(b, "%s%s (%s)", shown++ ? "; " : "", step_name(c->steps[i]),
                            stage_name(c->steps[i]->stage));
    if (c->n_lowest > shown) {
        jmap_buf_puts(b, "; +");
        jmap_plan_format_long(b, d->lang, (long)(c->n_lowest - shown));
        jmap_buf_printf(b, " %s", word(d, L_R_MORE));
    }
}

static void doc_emotions(doc *d)
{
    jmap_plan *p = d->p;
    add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_LOWEST));
    if (!p->n_curves) {
        add_block(d, JMAP_PB_TEXT, word(d, L_R_NONE));
        return;
    }
    const char *head[] = {word(d, L_R_PERSONA), word(d, L_R_MAP), word(d, L_R_LOWEST_VALUE),
                          word(d, L_R_AT)};
    const double widths[] = {90, 60, 40, 300};
    if (several(d)) {
        begin_table(d, 4, head, widths);
    } else {
        const char *h[] = {head[0], head[2], head[3]};
        const double w[] = {90, 40, 360};
        begin_table(d, 3, h, w);
    }
    for (size_t i = 0; i < p->n_curves; i++) {
        const jmap_plan_curve *c = &p->curves[i];
        text_cell(d, jmap_plan_curve_name(p, c));
        if (several(d))
            text_cell(d, jmap_plan_map_name(p, c->map));
        char v[8];
        snprintf(v, sizeof v, "%+d", c->lowest);
        cell(d, c->lowest ? v : "0", 1, 0, -1);
        jmap_buf b;
        jmap_buf_init(&b);
        lowest_steps(d, c, &b);
        text_cell(d, b.data);
        jmap_buf_destroy(&b);
    }
    end_table(d);
    add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_CURVES));
    for (size_t i = 0; i < p->n_curves; i++) {
        const jmap_plan_curve *c = &p->curves[i];
        char *t = several(d) ? jmap_xasprintf("%s (%s)", jmap_plan_curve_name(p, c),
                                              jmap_plan_map_name(p, c->map))
                             : jmap_xstrdup(jmap_plan_curve_name(p, c));
        add_block(d, JMAP_PB_CURVE, t)->curve = c;
        free(t);
    }
}

static void doc_hot(doc *d)
{
    jmap_plan *p = d->p;
    add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_HOT));
    if (!p->n_hot) {
        add_block(d, JMAP_PB_TEXT, word(d, L_R_NONE));
        return;
    }
    const char *head[] = {word(d, L_R_STEP), word(d, L_R_STAGE), word(d, L_R_MAP),
                          word(d, L_R_IRRITANTS_H)};
    const double widths[] = {200, 120, 80, 50};
    if (several(d)) {
        begin_table(d, 4, head, widths);
    } else {
        const char *h[] = {head[0], head[1], head[3]};
        const double w[] = {250, 150, 60};
        begin_table(d, 3, h, w);
    }
    for (size_t i = 0; i < p->n_hot; i++) {
        const jmap_step *s = p->hot[i].step;
        text_cell(d, step_name(s));
        text_cell(d, stage_name(s->stage));
        if (several(d))
            text_cell(d, jmap_plan_map_name(p, p->hot[i].map));
        num_cell(d, (long)s->n_irritants);
    }
    end_table(d);
}

static void doc_channels(doc *d)
{
    jmap_plan *p = d->p;
    add_block(d, JMAP_PB_SECTION, word(d, L_R_CHANNELS));
    add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_MIX));
    const char *head[] = {word(d, L_R_STAGE), word(d, L_R_DIGITAL), word(d, L_R_PHYSICAL),
                          word(d, L_R_HUMAN), word(d, L_R_STEPS)};
    const double widths[] = {160, 60, 60, 60, 60};
    begin_table(d, 5, head, widths);
    for (size_t s = 0; s < p->n_stages; s++) {
        const jmap_plan_stage *st = &p->stages[s];
        text_cell(d, st->name);
        for (int c = 0; c < JMAP_N_CHANNELS; c++)
            num_cell(d, (long)st->channels[c]);
        num_cell(d, (long)st->n_steps);
    }
    end_table(d);
    add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_UNUSED));
    begin_list(d);
    for (size_t i = 0; i < p->n_unused; i++) {
        const jmap_touchpoint *t = p->unused[i];
        const char *name = t->name.str ? t->name.str : t->id;
        char *item = several(d) ? jmap_xasprintf("%s (%s)", name,
                                                 jmap_plan_map_name(p, p->unused_map[i]))
                                : jmap_xstrdup(name);
        text_cell(d, item);
        free(item);
    }
    end_list(d);
    add_block(d, JMAP_PB_SUBSECTION, word(d, L_R_BARE));
    begin_list(d);
    for (size_t i = 0; i < p->n_bare; i++)
        place_item(d, p->bare[i].step, p->bare[i].map);
    end_list(d);
}

static void totals_row(doc *d, const char *name, const jmap_plan_totals *t)
{
    text_cell(d, name);
    num_cell(d, (long)t->steps);
    num_cell(d, (long)t->stages);
    num_cell(d, (long)t->touchpoints);
    num_cell(d, (long)t->irritants);
    for (int l = JMAP_N_LEVELS - 1; l >= 0; l--)
        num_cell(d, (long)t->by_severity[l]);
    jmap_buf b;
    jmap_buf_init(&b);
    if (t->minutes >= 0)
        jmap_format_total(&b, d->lang, t->minutes);
    else
        jmap_buf_puts(&b, word(d, L_R_UNKNOWN));
    cell(d, b.data, 1, 0, -1);
    jmap_buf_destroy(&b);
}

static void doc_totals(doc *d)
{
    jmap_plan *p = d->p;
    add_block(d, JMAP_PB_SECTION, word(d, L_R_TOTALS));
    const char *head[] = {word(d, L_R_MAP),        word(d, L_R_STEPS),
                          word(d, L_R_STAGES),     word(d, L_R_TOUCHPOINTS),
                          word(d, L_R_IRRITANTS_H), word(d, L_R_COL_HIGH),
                          word(d, L_R_COL_MEDIUM), word(d, L_R_COL_LOW),
                          jmap_label_text(d->lang, L_TOTAL)};
    const double widths[] = {90, 40, 40, 55, 45, 55, 55, 55, 70};
    begin_table(d, 9, head, widths);
    for (size_t m = 0; m < p->n_maps; m++)
        totals_row(d, jmap_plan_map_name(p, m), &p->totals[m]);
    if (several(d))
        totals_row(d, word(d, L_R_ALL), &p->all);
    end_table(d);
}

void jmap_plan_build_doc(jmap_plan *p)
{
    if (p->blocks)
        return;
    doc d = {p, p->lang, NULL, 0, 0, NULL, 0, 0};
    doc_title(&d);
    doc_ranked(&d);
    doc_owners(&d);
    add_block(&d, JMAP_PB_SECTION, word(&d, L_R_HURTS));
    doc_heat(&d);
    doc_emotions(&d);
    doc_hot(&d);
    doc_channels(&d);
    doc_totals(&d);
    p->blocks = jmap_arena_alloc(p->arena, d.n, sizeof *p->blocks);
    memcpy(p->blocks, d.blocks, d.n * sizeof *p->blocks);
    p->n_blocks = d.n;
    free(d.blocks);
    free(d.cells);
}

/* ---- markdown ---- */

/* Appends `s` for a Markdown table cell or line: line breaks and tabs
 * become spaces, what must not reach a terminal is escaped
 * (jmap_escape_text), and Markdown's own characters get a backslash. */
static void md_text(jmap_buf *b, const char *s)
{
    char *flat = jmap_xstrdup(s ? s : "");
    for (char *c = flat; *c; c++)
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    char *safe = jmap_escape_text(flat);
    for (const char *c = safe; *c; c++) {
        if (strchr("\\|*_`[]<>#~", *c))
            jmap_buf_putc(b, '\\');
        jmap_buf_putc(b, *c);
    }
    free(safe);
    free(flat);
}

static void md_cell(jmap_buf *b, const jmap_plan_cell *c)
{
    if (c->warn)
        jmap_buf_puts(b, "**");
    md_text(b, c->text);
    if (c->warn)
        jmap_buf_puts(b, "**");
}

static void md_table(jmap_buf *b, const jmap_plan_block *k)
{
    jmap_buf_puts(b, "|");
    for (size_t c = 0; c < k->n_cols; c++) {
        jmap_buf_putc(b, ' ');
        md_cell(b, &k->head[c]);
        jmap_buf_puts(b, " |");
    }
    jmap_buf_puts(b, "\n|");
    for (size_t c = 0; c < k->n_cols; c++) {
        int right = k->n_rows && k->cells[c].number;
        jmap_buf_puts(b, right ? "---:|" : "---|");
    }
    jmap_buf_putc(b, '\n');
    for (size_t r = 0; r < k->n_rows; r++) {
        jmap_buf_puts(b, "|");
        for (size_t c = 0; c < k->n_cols; c++) {
            jmap_buf_putc(b, ' ');
            md_cell(b, &k->cells[r * k->n_cols + c]);
            jmap_buf_puts(b, " |");
        }
        jmap_buf_putc(b, '\n');
    }
}

static void write_markdown(FILE *out, jmap_plan *p)
{
    jmap_buf b;
    jmap_buf_init(&b);
    for (size_t i = 0; i < p->n_blocks; i++) {
        const jmap_plan_block *k = &p->blocks[i];
        if (i)
            jmap_buf_putc(&b, '\n');
        switch (k->kind) {
        case JMAP_PB_TITLE:
        case JMAP_PB_SECTION:
        case JMAP_PB_SUBSECTION:
            if (i + 1 < p->n_blocks && p->blocks[i + 1].kind == JMAP_PB_CURVE) {
                b.len--; /* the curves' heading: they are not drawn here */
                b.data[b.len] = '\0';
                break;
            }
            jmap_buf_puts(&b, k->kind == JMAP_PB_TITLE     ? "# "
                              : k->kind == JMAP_PB_SECTION ? "## "
                                                           : "### ");
            md_text(&b, k->text);
            jmap_buf_putc(&b, '\n');
            break;
        case JMAP_PB_TEXT:
            md_text(&b, k->text);
            jmap_buf_putc(&b, '\n');
            break;
        case JMAP_PB_TABLE:
            md_table(&b, k);
            break;
        case JMAP_PB_LIST:
            for (size_t r = 0; r < k->n_rows; r++) {
                jmap_buf_puts(&b, "- ");
                md_cell(&b, &k->cells[r]);
                jmap_buf_putc(&b, '\n');
            }
            break;
        case JMAP_PB_CURVE: /* the table of lowest points says it in text */
            b.len--;
            b.data[b.len] = '\0';
            break;
        }
        if (b.len > 1 << 16) {
            fwrite(b.data, 1, b.len, out);
            b.len = 0;
            b.data[0] = '\0';
        }
    }
    if (b.data)
        fwrite(b.data, 1, b.len, out);
    jmap_buf_destroy(&b);
}

/* ---- html ---- */

/* Appends `s` escaped for HTML text and attributes; what HTML forbids
 * (controls but tab and line breaks, noncharacters) becomes U+FFFD. */
static void html_text(jmap_buf *b, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = jmap_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (cp == '&')
            jmap_buf_puts(b, "&amp;");
        else if (cp == '<')
            jmap_buf_puts(b, "&lt;");
        else if (cp == '>')
            jmap_buf_puts(b, "&gt;");
        else if (cp == '"')
            jmap_buf_puts(b, "&quot;");
        else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0) ||
                 (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE ||
                 (cp == 0xFFFD && k == 1))
            jmap_buf_puts(b, "\xEF\xBF\xBD");
        else
            jmap_buf_put(b, s + i, k);
        i += k;
    }
}

/* The shade of a heat cell, from near white (0) to dark red (1): the
 * lightness falls steadily, so the order survives greyscale printing. */
static void heat_colour(double share, char *out, size_t len, int *dark)
{
    static const unsigned char light[3] = {0xfd, 0xf3, 0xee}, deep[3] = {0x7a, 0x0c, 0x12};
    if (share < 0)
        share = 0;
    if (share > 1)
        share = 1;
    unsigned v[3];
    for (int i = 0; i < 3; i++)
        v[i] = (unsigned)(light[i] + (deep[i] - light[i]) * share + 0.5);
    snprintf(out, len, "#%02x%02x%02x", v[0], v[1], v[2]);
    *dark = share > 0.5;
}

static const char html_style[] =
    "body{font-family:\"DejaVu Sans\",Verdana,sans-serif;font-size:14px;color:#1a1a1a;"
    "margin:2em auto;max-width:75em;padding:0 1em;line-height:1.35}\n"
    "h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:2em}"
    "h3{font-size:1.05em;margin-top:1.5em}\n"
    "table{border-collapse:collapse;margin:.5em 0 1em}\n"
    "th,td{border:1px solid #999;padding:.25em .5em;vertical-align:top;text-align:left}\n"
    "th{background:#e8e8e8}td.n{text-align:right;white-space:nowrap}\n"
    "td.heat{text-align:right;min-width:3em;font-weight:bold}td.dark{color:#fff}\n"
    ".warn{font-weight:bold;color:#a00}\n"
    "figure{margin:.5em 0 1.5em}figcaption{font-weight:bold}\n"
    "svg text{font-size:11px;fill:#333}\n"
    "@media print{body{margin:0;max-width:none}h2{break-after:avoid}"
    "tr{break-inside:avoid}}\n";

static void html_cell(jmap_buf *b, const jmap_plan_cell *c, int head)
{
    if (head) {
        jmap_buf_puts(b, "<th>");
        html_text(b, c->text);
        jmap_buf_puts(b, "</th>");
        return;
    }
    if (c->heat >= 0 && c->text[0]) { /* an empty cell stays white */
        char colour[16];
        int dark;
        heat_colour(c->heat, colour, sizeof colour, &dark);
        jmap_buf_printf(b, "<td class=\"heat%s\" style=\"background:%s\">", dark ? " dark" : "",
                        colour);
    } else {
        jmap_buf_puts(b, c->number ? "<td class=\"n\">" : "<td>");
    }
    if (c->warn)
        jmap_buf_puts(b, "<span class=\"warn\">");
    html_text(b, c->text);
    if (c->warn)
        jmap_buf_puts(b, "</span>");
    jmap_buf_puts(b, "</td>");
}

static void html_table(jmap_buf *b, const jmap_plan_block *k)
{
    jmap_buf_puts(b, "<table>\n<thead><tr>");
    for (size_t c = 0; c < k->n_cols; c++)
        html_cell(b, &k->head[c], 1);
    jmap_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < k->n_rows; r++) {
        jmap_buf_puts(b, "<tr>");
        for (size_t c = 0; c < k->n_cols; c++)
            html_cell(b, &k->cells[r * k->n_cols + c], 0);
        jmap_buf_puts(b, "</tr>\n");
    }
    jmap_buf_puts(b, "</tbody>\n</table>\n");
}

#define CURVE_STEP_PX 28.0  /* between two points, up to CURVE_MAX_PX */
#define CURVE_MAX_PX 900.0  /* the widest plot */
#define CURVE_ROW_PX 22.0   /* between two emotion values */

/* An emotion curve as inline SVG: the scale -2..2, the line, a point per
 * step (its step and value in a tooltip), the lowest points larger and
 * dark. */
static void html_curve(jmap_buf *b, const jmap_plan *p, const jmap_plan_block *k)
{
    const jmap_plan_curve *c = k->curve;
    double left = 30, top = 10;
    double step = c->n > 1 ? CURVE_STEP_PX : 0;
    if (c->n > 1 && step * (double)(c->n - 1) > CURVE_MAX_PX)
        step = CURVE_MAX_PX / (double)(c->n - 1);
    double w = left + step * (double)(c->n ? c->n - 1 : 0) + 20, h = top * 2 + 4 * CURVE_ROW_PX;
    char num[3][32];
    jmap_buf_puts(b, "<figure>\n<figcaption>");
    html_text(b, k->text);
    jmap_format_double(num[0], sizeof num[0], w, 1);
    jmap_format_double(num[1], sizeof num[1], h, 1);
    jmap_buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" "
                       "height=\"%s\" viewBox=\"0 0 %s %s\" role=\"img\" aria-label=\"",
                    num[0], num[1], num[0], num[1]);
    html_text(b, k->text);
    jmap_buf_puts(b, "\">\n");
    for (int v = 2; v >= -2; v--) {
        double y = top + (2 - v) * CURVE_ROW_PX;
        jmap_format_double(num[0], sizeof num[0], y, 1);
        jmap_format_double(num[1], sizeof num[1], y + 4, 1);
        jmap_format_double(num[2], sizeof num[2], w - 10, 1);
        jmap_buf_printf(b,
                        "<line x1=\"%g\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"/>"
                        "<text x=\"2\" y=\"%s\">%s%d</text>\n",
                        left - 6, num[0], num[2], num[0], v ? "#ddd" : "#999", num[1],
                        v > 0 ? "+" : "", v);
    }
    jmap_buf_puts(b, "<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"");
    for (size_t i = 0; i < c->n; i++) {
        jmap_format_double(num[0], sizeof num[0], left + step * (double)i, 1);
        jmap_format_double(num[1], sizeof num[1], top + (2 - c->values[i]) * CURVE_ROW_PX, 1);
        jmap_buf_printf(b, "%s%s,%s", i ? " " : "", num[0], num[1]);
    }
    jmap_buf_puts(b, "\"/>\n");
    for (size_t i = 0; i < c->n; i++) {
        int low = c->values[i] == c->lowest;
        jmap_format_double(num[0], sizeof num[0], left + step * (double)i, 1);
        jmap_format_double(num[1], sizeof num[1], top + (2 - c->values[i]) * CURVE_ROW_PX, 1);
        jmap_buf_printf(b, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"><title>", num[0],
                        num[1], low ? "5" : "3", low ? "#7a0c12" : "#fff\" stroke=\"#333");
        html_text(b, step_name(c->steps[i]));
        jmap_buf_puts(b, " (");
        html_text(b, stage_name(c->steps[i]->stage));
        jmap_buf_printf(b, ")%s %+d</title></circle>\n", jmap_colon(p->lang), c->values[i]);
    }
    jmap_buf_puts(b, "</svg>\n</figure>\n");
}

static void write_html(FILE *out, jmap_plan *p)
{
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<title>",
                    jmap_lang_names[p->lang]);
    html_text(&b, p->n_blocks ? p->blocks[0].text : "");
    jmap_buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_style);
    for (size_t i = 0; i < p->n_blocks; i++) {
        const jmap_plan_block *k = &p->blocks[i];
        static const char *const tags[] = {[JMAP_PB_TITLE] = "h1", [JMAP_PB_SECTION] = "h2",
                                           [JMAP_PB_SUBSECTION] = "h3", [JMAP_PB_TEXT] = "p"};
        switch (k->kind) {
        case JMAP_PB_TITLE:
        case JMAP_PB_SECTION:
        case JMAP_PB_SUBSECTION:
        case JMAP_PB_TEXT:
            jmap_buf_printf(&b, "<%s>", tags[k->kind]);
            html_text(&b, k->text);
            jmap_buf_printf(&b, "</%s>\n", tags[k->kind]);
            break;
        case JMAP_PB_TABLE:
            html_table(&b, k);
            break;
        case JMAP_PB_LIST:
            jmap_buf_puts(&b, "<ul>\n");
            for (size_t r = 0; r < k->n_rows; r++) {
                jmap_buf_puts(&b, "<li>");
                html_text(&b, k->cells[r].text);
                jmap_buf_puts(&b, "</li>\n");
            }
            jmap_buf_puts(&b, "</ul>\n");
            break;
        case JMAP_PB_CURVE:
            html_curve(&b, p, k);
            break;
        }
        if (b.len > 1 << 16) {
            fwrite(b.data, 1, b.len, out);
            b.len = 0;
            b.data[0] = '\0';
        }
    }
    jmap_buf_puts(&b, "</body>\n</html>\n");
    fwrite(b.data, 1, b.len, out);
    jmap_buf_destroy(&b);
}

/* ---- json ---- */

static void json_long(jmap_json *w, const char *key, long v)
{
    jmap_json_put_int(w, key, v);
}

static void json_minutes(jmap_json *w, const jmap_plan *p, double minutes)
{
    if (minutes < 0) {
        jmap_json_put_raw(w, "duration_minutes", "null");
        jmap_json_put_raw(w, "duration", "null");
        return;
    }
    char num[64];
    jmap_format_double(num, sizeof num, minutes, 3);
    jmap_json_put_raw(w, "duration_minutes", num);
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_format_total(&b, p->lang, minutes);
    jmap_json_put_string(w, "duration", b.data);
    jmap_buf_destroy(&b);
}

/* The totals `t` of map `map` (NULL: of every map) as member `key`. */
static void json_totals(jmap_json *w, const char *key, const jmap_plan *p, const char *map,
                        const jmap_plan_totals *t)
{
    jmap_json_open(w, key, '{');
    if (map)
        jmap_json_put_string(w, "map", map);
    json_long(w, "steps", (long)t->steps);
    json_long(w, "stages", (long)t->stages);
    json_long(w, "touchpoints", (long)t->touchpoints);
    json_long(w, "irritants", (long)t->irritants);
    jmap_json_open(w, "by_severity", '{');
    for (int l = 0; l < JMAP_N_LEVELS; l++)
        json_long(w, jmap_level_names[l], (long)t->by_severity[l]);
    jmap_json_close(w, '}');
    json_minutes(w, p, t->minutes);
    jmap_json_close(w, '}');
}

static void json_irritants(jmap_json *w, const jmap_plan *p)
{
    jmap_json_open(w, "irritants", '[');
    for (size_t i = 0; i < p->n_rows; i++) {
        const jmap_plan_row *r = &p->rows[i];
        const jmap_irritant *ir = r->irritant;
        const jmap_department *d = ir->owner.target;
        jmap_json_open(w, NULL, '{');
        json_long(w, "rank", (long)r->rank);
        jmap_json_put_string(w, "irritant", ir->name.str);
        jmap_json_put_string(w, "step", step_name(ir->step));
        jmap_json_put_string(w, "step_id", ir->step->id);
        jmap_json_put_string(w, "stage", stage_name(ir->step->stage));
        jmap_json_put_string(w, "stage_id", ir->step->stage->id);
        jmap_json_put_string(w, "map", jmap_plan_map_name(p, r->map));
        jmap_json_put_string(w, "severity", jmap_level_names[ir->severity]);
        if (ir->frequency >= 0)
            json_long(w, "frequency", ir->frequency);
        else
            jmap_json_put_raw(w, "frequency", "null");
        json_long(w, "counted_frequency", r->frequency);
        json_long(w, "priority", r->priority);
        jmap_json_put_string(w, "owner", d ? jmap_plan_dept_name(d) : NULL);
        jmap_json_put_string(w, "owner_id", d ? d->id : NULL);
        jmap_json_put_string(w, "remedy", ir->remedy.str);
        jmap_json_open(w, "sources", '[');
        for (int k = 0; k < JMAP_SOURCE_COUNT; k++)
            if (ir->sources & 1u << k)
                jmap_json_put_string(w, NULL, jmap_source_names[k]);
        jmap_json_close(w, ']');
        json_long(w, "line", ir->pos.line);
        json_long(w, "column", ir->pos.column);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_owners(jmap_json *w, const jmap_plan *p)
{
    jmap_json_open(w, "owners", '[');
    for (size_t o = 0; o < p->n_owners; o++) {
        const jmap_plan_owner *g = &p->owners[o];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "owner", g->name);
        json_long(w, "total_priority", g->total);
        jmap_json_open(w, "irritants", '[');
        for (size_t k = 0; k < g->n_rows; k++)
            json_long(w, NULL, (long)p->rows[g->rows[k]].rank);
        jmap_json_close(w, ']');
        jmap_json_open(w, "without_remedy", '[');
        for (size_t k = 0; k < g->n_rows; k++)
            if (!p->rows[g->rows[k]].irritant->remedy.str)
                json_long(w, NULL, (long)p->rows[g->rows[k]].rank);
        jmap_json_close(w, ']');
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_heatmap(jmap_json *w, const jmap_plan *p)
{
    jmap_json_open(w, "heatmap", '{');
    jmap_json_open(w, "owners", '[');
    for (size_t c = 0; c < p->n_owners; c++)
        jmap_json_put_string(w, NULL, p->owners[p->columns[c]].name);
    jmap_json_close(w, ']');
    jmap_json_open(w, "stages", '[');
    for (size_t s = 0; s < p->n_stages; s++) {
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "stage", p->stages[s].name);
        jmap_json_open(w, "priorities", '[');
        for (size_t c = 0; c < p->n_owners; c++)
            json_long(w, NULL, p->stages[s].heat[c]);
        jmap_json_close(w, ']');
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
    json_long(w, "max", p->heat_max);
    jmap_json_open(w, "hot_steps", '[');
    for (size_t i = 0; i < p->n_hot; i++) {
        const jmap_step *s = p->hot[i].step;
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "step", step_name(s));
        jmap_json_put_string(w, "step_id", s->id);
        jmap_json_put_string(w, "stage", stage_name(s->stage));
        jmap_json_put_string(w, "map", jmap_plan_map_name(p, p->hot[i].map));
        json_long(w, "irritants", (long)s->n_irritants);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
    jmap_json_close(w, '}');
}

static void json_emotions(jmap_json *w, const jmap_plan *p)
{
    jmap_json_open(w, "emotions", '[');
    for (size_t i = 0; i < p->n_curves; i++) {
        const jmap_plan_curve *c = &p->curves[i];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "map", jmap_plan_map_name(p, c->map));
        jmap_json_put_string(w, "persona", c->persona ? jmap_plan_curve_name(p, c) : NULL);
        jmap_json_put_string(w, "persona_id", c->persona ? c->persona->id : NULL);
        json_long(w, "lowest", c->lowest);
        jmap_json_open(w, "lowest_steps", '[');
        for (size_t k = 0; k < c->n; k++)
            if (c->values[k] == c->lowest)
                jmap_json_put_string(w, NULL, c->steps[k]->id);
        jmap_json_close(w, ']');
        jmap_json_open(w, "points", '[');
        for (size_t k = 0; k < c->n; k++) {
            jmap_json_open(w, NULL, '{');
            jmap_json_put_string(w, "step_id", c->steps[k]->id);
            json_long(w, "value", c->values[k]);
            jmap_json_close(w, '}');
        }
        jmap_json_close(w, ']');
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_channels(jmap_json *w, const jmap_plan *p)
{
    jmap_json_open(w, "channels", '{');
    jmap_json_open(w, "stages", '[');
    for (size_t s = 0; s < p->n_stages; s++) {
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "stage", p->stages[s].name);
        for (int c = 0; c < JMAP_N_CHANNELS; c++)
            json_long(w, jmap_channel_names[c], (long)p->stages[s].channels[c]);
        json_long(w, "steps", (long)p->stages[s].n_steps);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
    jmap_json_open(w, "unused_touchpoints", '[');
    for (size_t i = 0; i < p->n_unused; i++) {
        const jmap_touchpoint *t = p->unused[i];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "map", jmap_plan_map_name(p, p->unused_map[i]));
        jmap_json_put_string(w, "id", t->id);
        jmap_json_put_string(w, "name", t->name.str ? t->name.str : t->id);
        jmap_json_put_string(w, "channel", jmap_channel_names[t->channel]);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
    jmap_json_open(w, "steps_without_touchpoint", '[');
    for (size_t i = 0; i < p->n_bare; i++) {
        const jmap_step *s = p->bare[i].step;
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "map", jmap_plan_map_name(p, p->bare[i].map));
        jmap_json_put_string(w, "step", step_name(s));
        jmap_json_put_string(w, "step_id", s->id);
        jmap_json_put_string(w, "stage", stage_name(s->stage));
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
    jmap_json_close(w, '}');
}

static void write_json(FILE *out, jmap_plan *p)
{
    jmap_json w;
    jmap_json_init(&w, out);
    jmap_json_open(&w, NULL, '{');
    json_long(&w, "report", 1);
    jmap_json_put_string(&w, "lang", jmap_lang_names[p->lang]);
    jmap_json_open(&w, "maps", '[');
    for (size_t m = 0; m < p->n_maps; m++) {
        jmap_json_open(&w, NULL, '{');
        jmap_json_put_string(&w, "map", jmap_plan_map_name(p, m));
        jmap_json_put_string(&w, "title", p->maps[m].journey->title.str);
        jmap_json_put_string(&w, "lang", jmap_lang_names[p->maps[m].journey->lang]);
        jmap_json_close(&w, '}');
    }
    jmap_json_close(&w, ']');
    jmap_json_open(&w, "priority", '{');
    jmap_json_open(&w, "weights", '{');
    for (int l = 0; l < JMAP_N_LEVELS; l++)
        json_long(&w, jmap_level_names[l], JMAP_PLAN_WEIGHT(l));
    jmap_json_close(&w, '}');
    json_long(&w, "missing_frequency", 1);
    jmap_json_close(&w, '}');
    json_irritants(&w, p);
    json_owners(&w, p);
    json_heatmap(&w, p);
    json_emotions(&w, p);
    json_channels(&w, p);
    jmap_json_open(&w, "totals", '{');
    jmap_json_open(&w, "maps", '[');
    for (size_t m = 0; m < p->n_maps; m++)
        json_totals(&w, NULL, p, jmap_plan_map_name(p, m), &p->totals[m]);
    jmap_json_close(&w, ']');
    json_totals(&w, "all", p, NULL, &p->all);
    jmap_json_close(&w, '}');
    jmap_json_open(&w, "metrics", '[');
    jmap_json_close(&w, ']');
    jmap_json_close(&w, '}');
    putc('\n', out);
}

/* ---- csv ---- */

static void write_csv(FILE *out, jmap_plan *p)
{
    static const char *const header[] = {"rank",      "irritant", "step",  "stage",
                                         "map",       "severity", "frequency",
                                         "priority",  "owner",    "remedy", "sources"};
    size_t n = sizeof header / sizeof header[0];
    for (size_t i = 0; i < n; i++)
        jmap_csv_field(out, header[i], i + 1 == n);
    for (size_t i = 0; i < p->n_rows; i++) {
        const jmap_plan_row *r = &p->rows[i];
        const jmap_irritant *ir = r->irritant;
        const jmap_department *d = ir->owner.target;
        char rank[32], freq[32] = "", prio[32];
        snprintf(rank, sizeof rank, "%zu", r->rank);
        if (ir->frequency >= 0)
            snprintf(freq, sizeof freq, "%ld", ir->frequency);
        snprintf(prio, sizeof prio, "%ld", r->priority);
        jmap_buf src; /* the format's names, separated by spaces */
        jmap_buf_init(&src);
        for (int k = 0; k < JMAP_SOURCE_COUNT; k++)
            if (ir->sources & 1u << k)
                jmap_buf_printf(&src, "%s%s", src.len ? " " : "", jmap_source_names[k]);
        const char *fields[] = {rank, ir->name.str, step_name(ir->step),
                                stage_name(ir->step->stage), jmap_plan_map_name(p, r->map),
                                jmap_level_names[ir->severity], freq, prio,
                                d ? jmap_plan_dept_name(d) : "", ir->remedy.str,
                                src.data};
        for (size_t k = 0; k < n; k++)
            jmap_csv_field(out, fields[k], k + 1 == n);
        jmap_buf_destroy(&src);
    }
}

/* ---- the table of formats ---- */

static const struct {
    const char *name; /* as given to --format */
    void (*write)(FILE *out, jmap_plan *plan); /* NULL: the render module's */
} plan_formats[] = {
    [JMAP_PLAN_MARKDOWN] = {"markdown", write_markdown},
    [JMAP_PLAN_HTML] = {"html", write_html},
    [JMAP_PLAN_PDF] = {"pdf", NULL},
    [JMAP_PLAN_JSON] = {"json", write_json},
    [JMAP_PLAN_CSV] = {"csv", write_csv},
};

#define N_PLAN_FORMATS (sizeof plan_formats / sizeof plan_formats[0])

int jmap_plan_format_from_name(const char *name)
{
    for (size_t i = 0; i < N_PLAN_FORMATS; i++)
        if (strcmp(plan_formats[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *jmap_plan_format_name(int format)
{
    return format >= 0 && (size_t)format < N_PLAN_FORMATS ? plan_formats[format].name : NULL;
}

int jmap_plan_write(FILE *out, const jmap_plan_map *maps, size_t n, jmap_plan_format format)
{
    if ((size_t)format >= N_PLAN_FORMATS || !plan_formats[format].write || !n)
        return JMAP_ERR_USAGE;
    jmap_plan *p = jmap_plan_new(maps, n);
    jmap_plan_build_doc(p);
    plan_formats[format].write(out, p);
    jmap_plan_free(p);
    return ferror(out) ? JMAP_ERR_IO : 0;
}
