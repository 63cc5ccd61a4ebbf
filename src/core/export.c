/*
 * export.c - a loaded, valid journey handed to other tools, one writer per
 * format (a table):
 *   json     the resolved journey graph: every reference as the id it
 *            resolved to, default step ids and successors filled in,
 *            source positions kept;
 *   mermaid  a Mermaid `journey` diagram (sections = stages, tasks = steps,
 *            scores 1..5 from emotions -2..2, actors = the departments
 *            the step involves) for GitHub Markdown;
 *   csv      one RFC 4180 row per irritant, for workshop spreadsheets, with
 *            its owner, remedy and sources.
 * The steps' personas are left out of the Mermaid diagram, whose journey
 * has no place for them.
 * Derived facts (involved departments) come from the resolve pass, and the
 * names of enum values from locale.c, the same the loader reads.
 */
#include "emit.h"
#include "words.h"

#include <math.h>
#include <string.h>

/* ---- json ---- */

static void json_pos(jmap_json *w, jmap_pos pos)
{
    jmap_json_put_int(w, "line", pos.line);
    jmap_json_put_int(w, "column", pos.column);
}

static void json_ref(jmap_json *w, const char *key, const jmap_ref *ref)
{
    jmap_json_put_string(w, key, ref->id);
}

static void json_refs(jmap_json *w, const char *key, const jmap_ref *refs, size_t n)
{
    jmap_json_open(w, key, '[');
    for (size_t i = 0; i < n; i++)
        json_ref(w, NULL, &refs[i]);
    jmap_json_close(w, ']');
}

static void json_texts(jmap_json *w, const char *key, const jmap_text *t, size_t n)
{
    jmap_json_open(w, key, '[');
    for (size_t i = 0; i < n; i++)
        jmap_json_put_string(w, NULL, t[i].str);
    jmap_json_close(w, ']');
}

/* A set of jmap_source bits as the list of their names, in bit order. */
static void json_sources(jmap_json *w, const char *key, unsigned sources)
{
    jmap_json_open(w, key, '[');
    for (int i = 0; i < JMAP_SOURCE_COUNT; i++)
        if (sources & 1u << i)
            jmap_json_put_string(w, NULL, jmap_source_names[i]);
    jmap_json_close(w, ']');
}

static void json_number(jmap_json *w, const char *key, double v)
{
    char num[64];
    jmap_format_number(num, sizeof num, v);
    jmap_json_put_raw(w, key, num);
}

static void json_metrics(jmap_json *w, const jmap_metric *m, size_t n)
{
    jmap_json_open(w, "metrics", '[');
    for (size_t i = 0; i < n; i++) {
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "name", m[i].name.str);
        json_number(w, "value", m[i].value);
        jmap_json_put_string(w, "unit", m[i].unit.str);
        if (m[i].has_target)
            json_number(w, "target", m[i].target);
        else
            jmap_json_put_raw(w, "target", "null");
        json_pos(w, m[i].pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_duration(jmap_json *w, const jmap_duration *d)
{
    if (d->minutes < 0) {
        jmap_json_put_raw(w, "duration", "null");
        return;
    }
    char minutes[64];
    jmap_format_double(minutes, sizeof minutes, d->minutes, 3);
    jmap_json_open(w, "duration", '{');
    jmap_json_put_string(w, "text", d->text);
    jmap_json_put_raw(w, "minutes", minutes);
    jmap_json_close(w, '}');
}

static void json_personas(jmap_json *w, const jmap_journey *j)
{
    jmap_json_open(w, "personas", '[');
    for (size_t i = 0; i < j->n_personas; i++) {
        const jmap_persona *p = &j->personas[i];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "id", p->id);
        jmap_json_put_string(w, "name", p->name.str);
        jmap_json_put_string(w, "description", p->description.str);
        json_texts(w, "goals", p->goals, p->n_goals);
        json_pos(w, p->pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_departments(jmap_json *w, const jmap_journey *j)
{
    jmap_json_open(w, "departments", '[');
    for (size_t i = 0; i < j->n_departments; i++) {
        const jmap_department *d = &j->departments[i];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "id", d->id);
        jmap_json_put_string(w, "name", d->name.str);
        jmap_json_put_string(w, "visibility", jmap_visibility_names[d->visibility]);
        json_pos(w, d->pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_touchpoints(jmap_json *w, const jmap_journey *j)
{
    jmap_json_open(w, "touchpoints", '[');
    for (size_t i = 0; i < j->n_touchpoints; i++) {
        const jmap_touchpoint *t = &j->touchpoints[i];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "id", t->id);
        jmap_json_put_string(w, "name", t->name.str);
        jmap_json_put_string(w, "channel", jmap_channel_names[t->channel]);
        json_ref(w, "owner", &t->owner);
        json_pos(w, t->pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_stages(jmap_json *w, const jmap_journey *j)
{
    jmap_json_open(w, "stages", '[');
    for (size_t i = 0; i < j->n_stages; i++) {
        const jmap_stage *st = &j->stages[i];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "id", st->id);
        jmap_json_put_string(w, "name", st->name.str);
        jmap_json_put_string(w, "description", st->description.str);
        json_duration(w, &st->duration);
        json_texts(w, "goals", st->goals, st->n_goals);
        json_metrics(w, st->metrics, st->n_metrics);
        jmap_json_open(w, "steps", '[');
        for (size_t k = 0; k < st->n_steps; k++)
            jmap_json_put_string(w, NULL, st->steps[k]->id);
        jmap_json_close(w, ']');
        json_pos(w, st->pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_emotions(jmap_json *w, const jmap_step *s)
{
    jmap_json_open(w, "emotions", '[');
    for (size_t i = 0; i < s->n_emotions; i++) {
        jmap_json_open(w, NULL, '{');
        json_ref(w, "persona", &s->emotions[i].persona);
        jmap_json_put_int(w, "value", s->emotions[i].value);
        json_pos(w, s->emotions[i].pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_irritants(jmap_json *w, const jmap_step *s)
{
    jmap_json_open(w, "irritants", '[');
    for (size_t i = 0; i < s->n_irritants; i++) {
        const jmap_irritant *ir = &s->irritants[i];
        jmap_json_open(w, NULL, '{');
        jmap_json_put_string(w, "name", ir->name.str);
        jmap_json_put_string(w, "severity", jmap_level_names[ir->severity]);
        if (ir->frequency >= 0)
            jmap_json_put_int(w, "frequency", ir->frequency);
        else
            jmap_json_put_raw(w, "frequency", "null");
        json_ref(w, "owner", &ir->owner);
        jmap_json_put_string(w, "remedy", ir->remedy.str);
        json_sources(w, "sources", ir->sources);
        json_pos(w, ir->pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

/* The moments' sources, parallel to `moments`. */
static void json_moment_sources(jmap_json *w, const jmap_step *s)
{
    jmap_json_open(w, "moment_sources", '[');
    for (size_t i = 0; i < s->n_moments; i++)
        json_sources(w, NULL, s->moment_sources ? s->moment_sources[i] : 0);
    jmap_json_close(w, ']');
}

static void json_actions(jmap_json *w, const jmap_step *s)
{
    jmap_json_open(w, "actions", '[');
    for (size_t i = 0; i < s->n_actions; i++) {
        jmap_json_open(w, NULL, '{');
        json_ref(w, "department", &s->actions[i].department);
        jmap_json_put_string(w, "text", s->actions[i].text.str);
        json_pos(w, s->actions[i].department.pos);
        jmap_json_close(w, '}');
    }
    jmap_json_close(w, ']');
}

static void json_involved(jmap_json *w, const jmap_step *s)
{
    jmap_json_open(w, "involved_departments", '[');
    for (size_t i = 0; i < s->n_involved; i++)
        jmap_json_put_string(w, NULL, s->involved[i].department->id);
    jmap_json_close(w, ']');
}

static void json_step(jmap_json *w, const jmap_step *s)
{
    jmap_json_open(w, NULL, '{');
    jmap_json_put_string(w, "id", s->id);
    jmap_json_put_bool(w, "id_is_default", s->id_is_default);
    jmap_json_put_string(w, "name", s->name.str);
    jmap_json_put_string(w, "stage", s->stage->id);
    jmap_json_put_string(w, "description", s->description.str);
    json_duration(w, &s->duration);
    json_refs(w, "personas", s->personas, s->n_personas);
    json_emotions(w, s);
    json_refs(w, "touchpoints", s->touchpoints, s->n_touchpoints);
    json_refs(w, "departments", s->departments, s->n_departments);
    json_involved(w, s);
    json_refs(w, "next", s->next, s->n_next);
    jmap_json_put_bool(w, "next_is_default", s->next_is_default);
    json_irritants(w, s);
    json_texts(w, "moments", s->moments, s->n_moments);
    json_moment_sources(w, s);
    json_texts(w, "ideas", s->ideas, s->n_ideas);
    json_texts(w, "thoughts", s->thoughts, s->n_thoughts);
    json_metrics(w, s->metrics, s->n_metrics);
    json_actions(w, s);
    json_pos(w, s->pos);
    jmap_json_close(w, '}');
}

static void write_json(FILE *out, const jmap_journey *j)
{
    jmap_json w;
    jmap_json_init(&w, out);
    jmap_json_open(&w, NULL, '{');
    jmap_json_put_int(&w, "jmap", j->version);
    jmap_json_put_string(&w, "title", j->title.str);
    jmap_json_put_string(&w, "description", j->description.str);
    jmap_json_put_string(&w, "lang", jmap_lang_names[j->lang]);
    json_personas(&w, j);
    json_departments(&w, j);
    json_touchpoints(&w, j);
    json_stages(&w, j);
    jmap_json_open(&w, "steps", '[');
    for (size_t i = 0; i < j->n_steps; i++)
        json_step(&w, j->steps[i]);
    jmap_json_close(&w, ']');
    jmap_json_close(&w, '}');
}

/* ---- mermaid ---- */

/* What Mermaid's journey grammar forbids in a piece of text. */
enum {
    MM_TITLE = 0,       /* a title ends at '#', ';' or a newline */
    MM_NAME = 1,        /* section and task names also at ':' */
    MM_ACTOR = 2        /* actors are also split at ',' */
};

/* Each forbidden ASCII character and the full-width form that stands in
 * for it, so the text reads the same. */
static const struct {
    char c;            /* forbidden */
    const char *with;  /* its stand-in, UTF-8 */
    int from;          /* forbidden from this MM_ level on */
} mm_subst[] = {
    {'#', "\xEF\xBC\x83", MM_TITLE}, /* U+FF03 FULLWIDTH NUMBER SIGN */
    {';', "\xEF\xBC\x9B", MM_TITLE}, /* U+FF1B FULLWIDTH SEMICOLON */
    {':', "\xEF\xBC\x9A", MM_NAME},  /* U+FF1A FULLWIDTH COLON */
    {',', "\xEF\xBC\x8C", MM_ACTOR}, /* U+FF0C FULLWIDTH COMMA */
};

/* Words that Mermaid's lexer reads at the start of a line before it
 * considers a task name (it is case-insensitive). */
static const char *const mm_keywords[] = {"journey", "title", "section",
                                          "acctitle", "accdescr", "%%"};

static int starts_with_keyword(const char *s)
{
    for (size_t i = 0; i < sizeof mm_keywords / sizeof mm_keywords[0]; i++) {
        size_t n = strlen(mm_keywords[i]), k = 0;
        while (k < n && s[k] && (s[k] | 0x20) == mm_keywords[i][k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* Appends `s` made safe at `level`: forbidden characters replaced, control
 * characters and runs of blanks as one space, trimmed; "-" when nothing is
 * left. A task name that would read as a keyword starts with U+2060 WORD
 * JOINER, which Mermaid shows as nothing. */
static void mm_put(jmap_buf *b, const char *s, int level, int task)
{
    jmap_buf t;
    jmap_buf_init(&t);
    int blank = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p <= ' ' || *p == 0x7F) {
            blank = t.len > 0;
            continue;
        }
        if (blank)
            jmap_buf_putc(&t, ' ');
        blank = 0;
        size_t i = 0;
        while (i < sizeof mm_subst / sizeof mm_subst[0] &&
               !(mm_subst[i].c == (char)*p && level >= mm_subst[i].from))
            i++;
        if (i < sizeof mm_subst / sizeof mm_subst[0])
            jmap_buf_puts(&t, mm_subst[i].with);
        else
            jmap_buf_putc(&t, (char)*p);
    }
    if (task && t.len && starts_with_keyword(t.data))
        jmap_buf_puts(b, "\xE2\x81\xA0");
    jmap_buf_puts(b, t.len ? t.data : "-");
    jmap_buf_destroy(&t);
}

/* Emotion -2..2 as a Mermaid score 1..5: the rounded mean of the step's
 * emotions (one per persona), 3 when it has none. */
static int mm_score(const jmap_step *s)
{
    if (s->n_emotions == 0)
        return 3;
    double sum = 0;
    for (size_t i = 0; i < s->n_emotions; i++)
        sum += s->emotions[i].value;
    return (int)lround(sum / (double)s->n_emotions) + 3;
}

static void mm_task(jmap_buf *b, const jmap_step *s)
{
    jmap_buf_puts(b, "    ");
    mm_put(b, s->name.str ? s->name.str : s->id, MM_NAME, 1);
    jmap_buf_printf(b, ": %d", mm_score(s));
    for (size_t i = 0; i < s->n_involved; i++) {
        const jmap_department *d = s->involved[i].department;
        jmap_buf_puts(b, i ? ", " : ": ");
        mm_put(b, d->name.str ? d->name.str : d->id, MM_ACTOR, 0);
    }
    jmap_buf_putc(b, '\n');
}

static void write_mermaid(FILE *out, const jmap_journey *j)
{
    jmap_buf b;
    jmap_buf_init(&b);
    jmap_buf_puts(&b, "journey\n  title ");
    mm_put(&b, j->title.str, MM_TITLE, 0);
    jmap_buf_putc(&b, '\n');
    for (size_t i = 0; i < j->n_stages; i++) {
        const jmap_stage *st = &j->stages[i];
        jmap_buf_puts(&b, "  section ");
        mm_put(&b, st->name.str ? st->name.str : st->id, MM_NAME, 0);
        jmap_buf_putc(&b, '\n');
        for (size_t k = 0; k < st->n_steps; k++)
            mm_task(&b, st->steps[k]);
    }
    fputs(b.data, out);
    jmap_buf_destroy(&b);
}

/* ---- csv ---- */

static const char *const csv_header[] = {"stage", "step", "irritant", "severity",
                                         "frequency", "owner", "remedy", "sources"};

static void csv_row(FILE *out, const jmap_irritant *ir)
{
    const jmap_department *owner = ir->owner.target;
    char frequency[32] = "";
    if (ir->frequency >= 0)
        snprintf(frequency, sizeof frequency, "%ld", ir->frequency);
    jmap_buf sources; /* their names, in bit order, separated by spaces */
    jmap_buf_init(&sources);
    for (int i = 0; i < JMAP_SOURCE_COUNT; i++)
        if (ir->sources & 1u << i)
            jmap_buf_printf(&sources, "%s%s", sources.len ? " " : "",
                            jmap_source_names[i]);
    const char *fields[] = {
        ir->step->stage->name.str, ir->step->name.str, ir->name.str,
        jmap_level_names[ir->severity], frequency,
        owner ? owner->name.str : ir->owner.id, ir->remedy.str, sources.data,
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        jmap_csv_field(out, fields[i], i + 1 == sizeof fields / sizeof fields[0]);
    jmap_buf_destroy(&sources);
}

static void write_csv(FILE *out, const jmap_journey *j)
{
    size_t n = sizeof csv_header / sizeof csv_header[0];
    for (size_t i = 0; i < n; i++)
        jmap_csv_field(out, csv_header[i], i + 1 == n);
    for (size_t i = 0; i < j->n_steps; i++)
        for (size_t k = 0; k < j->steps[i]->n_irritants; k++)
            csv_row(out, &j->steps[i]->irritants[k]);
}

/* ---- the table of formats ---- */

static const struct {
    const char *name; /* as given to --format */
    void (*write)(FILE *out, const jmap_journey *journey);
} export_formats[] = {
    [JMAP_EXPORT_JSON] = {"json", write_json},
    [JMAP_EXPORT_MERMAID] = {"mermaid", write_mermaid},
    [JMAP_EXPORT_CSV] = {"csv", write_csv},
};

#define N_EXPORT_FORMATS (sizeof export_formats / sizeof export_formats[0])

int jmap_export_format_from_name(const char *name)
{
    for (size_t i = 0; i < N_EXPORT_FORMATS; i++)
        if (strcmp(export_formats[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *jmap_export_format_name(int format)
{
    return format >= 0 && (size_t)format < N_EXPORT_FORMATS ? export_formats[format].name
                                                            : NULL;
}

int jmap_export_write(FILE *out, const jmap_journey *journey,
                      jmap_export_format format)
{
    if ((size_t)format >= N_EXPORT_FORMATS || !journey)
        return JMAP_ERR_USAGE;
    export_formats[format].write(out, journey);
    return ferror(out) ? JMAP_ERR_IO : 0;
}
