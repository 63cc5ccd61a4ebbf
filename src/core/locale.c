/*
 * locale.c - the fixed words of jmap: one table per language of the words
 * jmap adds to a map or an export, the format's names of enum values, and
 * the units of a duration with their localized forms. French is written as
 * French users write it: a no-break space before a colon, a decimal comma.
 * The layout, the outputs and the exports take every word from here; the
 * loader reads the same names.
 */
#include "words.h"

#include <math.h>
#include <string.h>

const char *const jmap_lang_names[JMAP_N_LANGS] = {"en", "fr"};
const char *const jmap_channel_names[JMAP_N_CHANNELS] = {"digital", "physical",
                                                         "human"};
const char *const jmap_visibility_names[JMAP_N_VISIBILITIES] = {
    "frontstage", "backstage", "support"};
const char *const jmap_level_names[JMAP_N_LEVELS] = {"low", "medium", "high"};

static const char *const labels_en[L_COUNT_] = {
    [L_STAGES] = "Stages",
    [L_ACTIONS] = "Customer actions",
    [L_EMOTIONS] = "Emotions",
    [L_TOUCHPOINTS] = "Touchpoints",
    [L_IRRITANTS] = "Irritants and positive moments",
    [L_IDEAS] = "Ideas",
    [L_DEPARTMENTS] = "Departments",
    [L_VISIBILITY] = "Line of visibility",
    [L_SUPPORT] = "Support processes",
    [L_TOTAL] = "Total duration",
    [L_GOALS] = "Goals",
    [L_LEGEND] = "Legend",
    [L_DIGITAL] = "Digital touchpoint",
    [L_PHYSICAL] = "Physical touchpoint",
    [L_HUMAN] = "Human touchpoint",
    [L_IRR_LOW] = "Irritant, low severity",
    [L_IRR_MEDIUM] = "Irritant, medium severity",
    [L_IRR_HIGH] = "Irritant, high severity",
    [L_BADGE] = "Complaints per month",
    [L_MOMENT] = "Positive moment",
    [L_IDEA] = "Idea",
    [L_REMEDY] = "Remedy for an irritant",
    [L_CURVE] = "Emotion",
    [L_ARROW] = "Branch or loop",
    [L_PAGE] = "page",
    [L_PER_MONTH] = "/mo",
    [L_CONTINUED] = "(continued)",
    [L_MAP] = "Customer journey map",
    [L_R_TITLE] = "Action report",
    [L_R_MAPS] = "Maps",
    [L_R_RANKED] = "Irritants by priority",
    [L_R_RULE] = "Priority = severity weight (low 1, medium 2, high 3) × complaints per month (1 when not given); ties: higher severity, then journey order.",
    [L_R_RANK] = "#",
    [L_R_IRRITANT] = "Irritant",
    [L_R_STEP] = "Step",
    [L_R_STAGE] = "Stage",
    [L_R_MAP] = "Map",
    [L_R_SEVERITY] = "Severity",
    [L_R_FREQUENCY] = "Per month",
    [L_R_PRIORITY] = "Priority",
    [L_R_OWNER] = "Owner",
    [L_R_REMEDY] = "Remedy",
    [L_R_SOURCES] = "Sources",
    [L_R_BY_OWNER] = "By owner",
    [L_R_NO_OWNER] = "No owner",
    [L_R_NO_REMEDY] = "no remedy",
    [L_R_TOTAL_PRIORITY] = "total priority",
    [L_R_IRRITANTS] = "irritants",
    [L_R_HURTS] = "Where it hurts",
    [L_R_HEATMAP] = "Priority by stage and owner",
    [L_R_HEAT_NOTE] = "Each cell sums the priorities of the irritants an owner has in a stage; the darker, the higher.",
    [L_R_LOWEST] = "Lowest emotions",
    [L_R_PERSONA] = "Persona",
    [L_R_CUSTOMER] = "Customer",
    [L_R_LOWEST_VALUE] = "Lowest",
    [L_R_AT] = "At",
    [L_R_MORE] = "more",
    [L_R_HOT] = "Steps with the most irritants",
    [L_R_CHANNELS] = "Channels and touchpoints",
    [L_R_MIX] = "Touchpoint uses by stage and channel",
    [L_R_DIGITAL] = "Digital",
    [L_R_PHYSICAL] = "Physical",
    [L_R_HUMAN] = "Human",
    [L_R_UNUSED] = "Touchpoints declared but never used",
    [L_R_BARE] = "Steps with no touchpoint",
    [L_R_NONE] = "None.",
    [L_R_TOTALS] = "Totals",
    [L_R_STEPS] = "Steps",
    [L_R_STAGES] = "Stages",
    [L_R_TOUCHPOINTS] = "Touchpoints",
    [L_R_ALL] = "All maps",
    [L_R_UNKNOWN] = "unknown",
    [L_R_LOW] = "low",
    [L_R_MEDIUM] = "medium",
    [L_R_HIGH] = "high",
    [L_R_CURVES] = "Emotion curves",
    [L_R_TOTAL] = "Total",
    [L_R_IRRITANTS_H] = "Irritants",
    [L_R_ONE_IRRITANT] = "irritant",
    [L_R_WITHOUT_REMEDY] = "without a remedy",
    [L_R_COL_HIGH] = "High",
    [L_R_COL_MEDIUM] = "Medium",
    [L_R_COL_LOW] = "Low",
    [L_ASSEMBLY] = "How to assemble the poster",
    [L_ASSEMBLY_HOW] = "Trim the left and top margins of every sheet along its crop "
                       "marks (not on row A or column 1), then lay it over its "
                       "neighbours' glue strips, up to their dashed lines.",
    [L_D_CHANGES] = "Changes",
    [L_D_NEW] = "new",
    [L_D_CHANGED] = "changed",
    [L_D_REMOVED] = "removed",
    [L_D_SOLVED] = "solved",
    [L_D_STEP_REMOVED] = "step removed",
    [L_D_RENAMED] = "renamed",
    [L_D_REWORDED] = "reworded",
    [L_D_MOVED] = "moved",
    [L_D_EMOTION] = "emotion",
    [L_D_DURATION] = "duration",
    [L_D_SEVERITY] = "severity",
    [L_D_FREQUENCY] = "per month",
    [L_D_OWNER] = "owner",
    [L_D_REMEDY] = "remedy changed",
    [L_D_TOUCHPOINTS] = "touchpoints changed",
    [L_D_NEXT] = "next steps changed",
    [L_D_DETAILS] = "details changed",
    [L_D_NONE] = "none",
    [L_D_KEY_NEW] = "Added since the old map",
    [L_D_KEY_CHANGED] = "Changed: what, before \xe2\x86\x92 after",
    [L_D_KEY_GHOST] = "Emotion before",
    [L_D_KEY_GONE] = "Removed or solved",
    [L_EMO_M2] = "very negative",
    [L_EMO_M1] = "negative",
    [L_EMO_0] = "neutral",
    [L_EMO_P1] = "positive",
    [L_EMO_P2] = "very positive",
    [L_THOUGHTS] = "Thoughts",
    [L_METRICS] = "Metrics",
    [L_QUOTE_OPEN] = "\xe2\x80\x9c",
    [L_QUOTE_CLOSE] = "\xe2\x80\x9d",
    [L_TARGET] = "Target",
    [L_MET] = "Target met",
    [L_MISSED] = "Target missed",
    [L_SRC_SURVEY] = "From a survey",
    [L_SRC_INTERVIEW] = "From interviews",
    [L_SRC_MYSTERY_VISIT] = "From a mystery visit",
    [L_SRC_STAFF_REPORT] = "Reported by staff",
    [L_SRC_SUPPORT_TICKETS] = "From support tickets",
    [L_SRC_ANALYTICS] = "From analytics",
    [L_SRC_REVIEW] = "From customer reviews",
    [L_SRC_OBSERVATION] = "From observation",
};

static const char *const labels_fr[L_COUNT_] = {
    [L_STAGES] = "Étapes",
    [L_ACTIONS] = "Actions du client",
    [L_EMOTIONS] = "Émotions",
    [L_TOUCHPOINTS] = "Points de contact",
    [L_IRRITANTS] = "Irritants et moments positifs",
    [L_IDEAS] = "Idées",
    [L_DEPARTMENTS] = "Services",
    [L_VISIBILITY] = "Ligne de visibilité",
    [L_SUPPORT] = "Processus de support",
    [L_TOTAL] = "Durée totale",
    [L_GOALS] = "Objectifs",
    [L_LEGEND] = "Légende",
    [L_DIGITAL] = "Point de contact numérique",
    [L_PHYSICAL] = "Point de contact physique",
    [L_HUMAN] = "Point de contact humain",
    [L_IRR_LOW] = "Irritant, gravité faible",
    [L_IRR_MEDIUM] = "Irritant, gravité moyenne",
    [L_IRR_HIGH] = "Irritant, gravité forte",
    [L_BADGE] = "Plaintes par mois",
    [L_MOMENT] = "Moment positif",
    [L_IDEA] = "Idée",
    [L_REMEDY] = "Remède à un irritant",
    [L_CURVE] = "Émotion",
    [L_ARROW] = "Embranchement ou boucle",
    [L_PAGE] = "page",
    [L_PER_MONTH] = "/mois",
    [L_CONTINUED] = "(suite)",
    [L_MAP] = "Carte du parcours client",
    [L_R_TITLE] = "Rapport d’actions",
    [L_R_MAPS] = "Cartes",
    [L_R_RANKED] = "Irritants par priorité",
    [L_R_RULE] = "Priorité = poids de la gravité (faible 1, moyenne 2, forte 3) × plaintes par mois (1 si non renseignée)\xc2\xa0; à égalité\xc2\xa0: la plus grave, puis l’ordre du parcours.",
    [L_R_RANK] = "N°",
    [L_R_IRRITANT] = "Irritant",
    [L_R_STEP] = "Action",
    [L_R_STAGE] = "Étape",
    [L_R_MAP] = "Carte",
    [L_R_SEVERITY] = "Gravité",
    [L_R_FREQUENCY] = "Par mois",
    [L_R_PRIORITY] = "Priorité",
    [L_R_OWNER] = "Responsable",
    [L_R_REMEDY] = "Remède",
    [L_R_SOURCES] = "Sources",
    [L_R_BY_OWNER] = "Par responsable",
    [L_R_NO_OWNER] = "Sans responsable",
    [L_R_NO_REMEDY] = "sans remède",
    [L_R_TOTAL_PRIORITY] = "priorité totale",
    [L_R_IRRITANTS] = "irritants",
    [L_R_HURTS] = "Où ça fait mal",
    [L_R_HEATMAP] = "Priorité par étape et responsable",
    [L_R_HEAT_NOTE] = "Chaque case additionne les priorités des irritants d’un responsable dans une étape\xc2\xa0; plus elle est foncée, plus c’est haut.",
    [L_R_LOWEST] = "Émotions les plus basses",
    [L_R_PERSONA] = "Persona",
    [L_R_CUSTOMER] = "Client",
    [L_R_LOWEST_VALUE] = "Minimum",
    [L_R_AT] = "À",
    [L_R_MORE] = "autres",
    [L_R_HOT] = "Actions aux irritants les plus nombreux",
    [L_R_CHANNELS] = "Canaux et points de contact",
    [L_R_MIX] = "Usages des points de contact par étape et canal",
    [L_R_DIGITAL] = "Numérique",
    [L_R_PHYSICAL] = "Physique",
    [L_R_HUMAN] = "Humain",
    [L_R_UNUSED] = "Points de contact déclarés mais jamais utilisés",
    [L_R_BARE] = "Actions sans point de contact",
    [L_R_NONE] = "Aucun.",
    [L_R_TOTALS] = "Totaux",
    [L_R_STEPS] = "Actions",
    [L_R_STAGES] = "Étapes",
    [L_R_TOUCHPOINTS] = "Points de contact",
    [L_R_ALL] = "Toutes les cartes",
    [L_R_UNKNOWN] = "inconnue",
    [L_R_LOW] = "faible",
    [L_R_MEDIUM] = "moyenne",
    [L_R_HIGH] = "forte",
    [L_R_CURVES] = "Courbes d’émotion",
    [L_R_TOTAL] = "Total",
    [L_R_IRRITANTS_H] = "Irritants",
    [L_R_ONE_IRRITANT] = "irritant",
    [L_R_WITHOUT_REMEDY] = "sans remède",
    [L_R_COL_HIGH] = "Forte",
    [L_R_COL_MEDIUM] = "Moyenne",
    [L_R_COL_LOW] = "Faible",
    [L_ASSEMBLY] = "Assemblage de l’affiche",
    [L_ASSEMBLY_HOW] = "Coupez les marges gauche et haute de chaque feuille le long "
                       "des traits de coupe (sauf sur la ligne A et la colonne 1), "
                       "puis posez-la sur les bandes de colle de ses voisines, "
                       "jusqu’à leurs traits pointillés.",
    [L_D_CHANGES] = "Changements",
    [L_D_NEW] = "nouveau",
    [L_D_CHANGED] = "modifié",
    [L_D_REMOVED] = "supprimé",
    [L_D_SOLVED] = "résolu",
    [L_D_STEP_REMOVED] = "action supprimée",
    [L_D_RENAMED] = "renommé",
    [L_D_REWORDED] = "reformulé",
    [L_D_MOVED] = "déplacé",
    [L_D_EMOTION] = "émotion",
    [L_D_DURATION] = "durée",
    [L_D_SEVERITY] = "gravité",
    [L_D_FREQUENCY] = "par mois",
    [L_D_OWNER] = "responsable",
    [L_D_REMEDY] = "remède modifié",
    [L_D_TOUCHPOINTS] = "points de contact modifiés",
    [L_D_NEXT] = "suites modifiées",
    [L_D_DETAILS] = "détails modifiés",
    [L_D_NONE] = "aucune",
    [L_D_KEY_NEW] = "Ajouté depuis l’ancienne carte",
    [L_D_KEY_CHANGED] = "Modifié\xc2\xa0: quoi, avant \xe2\x86\x92 après",
    [L_D_KEY_GHOST] = "Émotion d’avant",
    [L_D_KEY_GONE] = "Supprimé ou résolu",
    [L_EMO_M2] = "très négatif",
    [L_EMO_M1] = "négatif",
    [L_EMO_0] = "neutre",
    [L_EMO_P1] = "positif",
    [L_EMO_P2] = "très positif",
    [L_THOUGHTS] = "Pensées",
    [L_METRICS] = "Indicateurs",
    [L_QUOTE_OPEN] = "«\xc2\xa0",
    [L_QUOTE_CLOSE] = "\xc2\xa0»",
    [L_TARGET] = "Objectif",
    [L_MET] = "Objectif atteint",
    [L_MISSED] = "Objectif manqué",
    [L_SRC_SURVEY] = "D’après une enquête",
    [L_SRC_INTERVIEW] = "D’après des entretiens",
    [L_SRC_MYSTERY_VISIT] = "D’après une visite mystère",
    [L_SRC_STAFF_REPORT] = "Remonté par le personnel",
    [L_SRC_SUPPORT_TICKETS] = "D’après les tickets du support",
    [L_SRC_ANALYTICS] = "D’après les données d’usage",
    [L_SRC_REVIEW] = "D’après les avis clients",
    [L_SRC_OBSERVATION] = "D’après l’observation",
};

/* The table of each language, by jmap_lang. */
static const struct {
    const char *const *labels; /* by jmap_label */
    const char *colon;         /* between a label and its value */
    char decimal;              /* the decimal separator */
} locales[JMAP_N_LANGS] = {
    [JMAP_LANG_EN] = {labels_en, ":", '.'},
    [JMAP_LANG_FR] = {labels_fr, "\xc2\xa0:", ','}, /* U+00A0 NO-BREAK SPACE */
};

const jmap_unit jmap_units[JMAP_N_UNITS] = {
    {"mo", 30 * 1440.0, {"mo", "mois"}},
    {"w", 7 * 1440.0, {"w", "sem."}},
    {"d", 1440.0, {"d", "j"}},
    {"h", 60.0, {"h", "h"}},
    {"min", 1.0, {"min", "min"}},
};

static unsigned lang_index(jmap_lang lang)
{
    return (unsigned)lang < JMAP_N_LANGS ? (unsigned)lang : JMAP_LANG_EN;
}

const char *jmap_label_text(jmap_lang lang, jmap_label label)
{
    return (unsigned)label < L_COUNT_ ? locales[lang_index(lang)].labels[label] : "";
}

const char *jmap_colon(jmap_lang lang)
{
    return locales[lang_index(lang)].colon;
}

void jmap_format_total(jmap_buf *out, jmap_lang lang, double minutes)
{
    unsigned l = lang_index(lang);
    double left = floor(minutes + 0.5);
    int parts = 0;
    for (size_t u = 0; u < JMAP_N_UNITS && parts < 2; u++) {
        double n = floor(left / jmap_units[u].minutes);
        if (n < 1)
            continue;
        left -= n * jmap_units[u].minutes;
        char num[32];
        jmap_format_double(num, sizeof num, n, 0);
        jmap_buf_printf(out, "%s%s %s", parts ? " " : "", num, jmap_units[u].shown[l]);
        parts++;
    }
    if (!parts)
        jmap_buf_printf(out, "0 %s", jmap_units[JMAP_N_UNITS - 1].shown[l]);
}

int jmap_format_duration(jmap_buf *out, jmap_lang lang, const char *text)
{
    unsigned l = lang_index(lang);
    size_t n = strspn(text, "0123456789.");
    for (size_t u = 0; u < JMAP_N_UNITS; u++) {
        if (strcmp(text + n, jmap_units[u].name) != 0)
            continue;
        for (size_t i = 0; i < n; i++)
            jmap_buf_putc(out, text[i] == '.' ? locales[l].decimal : text[i]);
        jmap_buf_printf(out, " %s", jmap_units[u].shown[l]);
        return 1;
    }
    return 0;
}

/* ---- the words of `jmap diff` ---- */

/* Singular and plural of each word, by language. French agrees with the
 * noun: an action (a step) and an étape (a stage) are feminine. */
static const char *const diff_words[JMAP_N_LANGS][DW_COUNT_][2] = {
    [JMAP_LANG_EN] = {
        [DW_STAGE_ADDED] = {"stage added", "stages added"},
        [DW_STAGE_REMOVED] = {"stage removed", "stages removed"},
        [DW_STAGE_RENAMED] = {"stage renamed", "stages renamed"},
        [DW_STAGE_MOVED] = {"stage moved", "stages moved"},
        [DW_STEP_ADDED] = {"step added", "steps added"},
        [DW_STEP_REMOVED] = {"step removed", "steps removed"},
        [DW_STEP_RENAMED] = {"step renamed", "steps renamed"},
        [DW_STEP_MOVED] = {"step moved", "steps moved"},
        [DW_IRRITANT_ADDED] = {"irritant added", "irritants added"},
        [DW_IRRITANT_SOLVED] = {"irritant solved", "irritants solved"},
        [DW_IRRITANT_CHANGED] = {"irritant changed", "irritants changed"},
        [DW_MOMENT_ADDED] = {"positive moment added", "positive moments added"},
        [DW_MOMENT_REMOVED] = {"positive moment removed", "positive moments removed"},
        [DW_IDEA_ADDED] = {"idea added", "ideas added"},
        [DW_IDEA_REMOVED] = {"idea removed", "ideas removed"},
        [DW_TOUCHPOINT_ADDED] = {"touchpoint added", "touchpoints added"},
        [DW_TOUCHPOINT_REMOVED] = {"touchpoint removed", "touchpoints removed"},
        [DW_PERSONA_ADDED] = {"persona added", "personas added"},
        [DW_PERSONA_REMOVED] = {"persona removed", "personas removed"},
        [DW_DEPARTMENT_ADDED] = {"department added", "departments added"},
        [DW_DEPARTMENT_REMOVED] = {"department removed", "departments removed"},
        [DW_THOUGHT_ADDED] = {"thought added", "thoughts added"},
        [DW_THOUGHT_REMOVED] = {"thought removed", "thoughts removed"},
        [DW_GOAL_ADDED] = {"goal added", "goals added"},
        [DW_GOAL_REMOVED] = {"goal removed", "goals removed"},
        [DW_METRIC_ADDED] = {"metric added", "metrics added"},
        [DW_METRIC_REMOVED] = {"metric removed", "metrics removed"},
        [DW_METRIC_CHANGED] = {"metric changed", "metrics changed"},
        [DW_ACTION_ADDED] = {"department action added", "department actions added"},
        [DW_ACTION_REMOVED] = {"department action removed", "department actions removed"},
        [DW_ACTION_CHANGED] = {"department action changed", "department actions changed"},
        [DW_OTHER] = {"other change", "other changes"},
        [DW_EMOTION_DOWN] = {"emotion down at", "emotion down at"},
        [DW_EMOTION_UP] = {"emotion up at", "emotion up at"},
        [DW_STEPS] = {"step", "steps"},
        [DW_NO_CHANGE] = {"no difference", "no difference"},
        [DW_JOURNEY] = {"Journey", "Journey"},
        [DW_STAGE] = {"Stage", "Stages"},
        [DW_CHANGE] = {"Change", "Changes"},
        [DW_STEP] = {"Step", "Steps"},
        [DW_WHAT] = {"What", "What"},
        [DW_BEFORE] = {"Before", "Before"},
        [DW_AFTER] = {"After", "After"},
        [DW_SOLVED] = {"solved", "solved"},
        [DW_DEFAULT] = {"the following step", "the following step"},
        [DW_NONE] = {"none", "none"},
        [DW_EVERY_PERSONA] = {"every persona", "every persona"},
        [DW_QUOTE_OPEN] = {"'", "'"},
        [DW_QUOTE_CLOSE] = {"'", "'"},
    },
    [JMAP_LANG_FR] = {
        [DW_STAGE_ADDED] = {"étape ajoutée", "étapes ajoutées"},
        [DW_STAGE_REMOVED] = {"étape supprimée", "étapes supprimées"},
        [DW_STAGE_RENAMED] = {"étape renommée", "étapes renommées"},
        [DW_STAGE_MOVED] = {"étape déplacée", "étapes déplacées"},
        [DW_STEP_ADDED] = {"action ajoutée", "actions ajoutées"},
        [DW_STEP_REMOVED] = {"action supprimée", "actions supprimées"},
        [DW_STEP_RENAMED] = {"action renommée", "actions renommées"},
        [DW_STEP_MOVED] = {"action déplacée", "actions déplacées"},
        [DW_IRRITANT_ADDED] = {"irritant ajouté", "irritants ajoutés"},
        [DW_IRRITANT_SOLVED] = {"irritant résolu", "irritants résolus"},
        [DW_IRRITANT_CHANGED] = {"irritant modifié", "irritants modifiés"},
        [DW_MOMENT_ADDED] = {"moment positif ajouté", "moments positifs ajoutés"},
        [DW_MOMENT_REMOVED] = {"moment positif supprimé", "moments positifs supprimés"},
        [DW_IDEA_ADDED] = {"idée ajoutée", "idées ajoutées"},
        [DW_IDEA_REMOVED] = {"idée supprimée", "idées supprimées"},
        [DW_TOUCHPOINT_ADDED] = {"point de contact ajouté", "points de contact ajoutés"},
        [DW_TOUCHPOINT_REMOVED] = {"point de contact supprimé",
                                   "points de contact supprimés"},
        [DW_PERSONA_ADDED] = {"persona ajouté", "personas ajoutés"},
        [DW_PERSONA_REMOVED] = {"persona supprimé", "personas supprimés"},
        [DW_DEPARTMENT_ADDED] = {"service ajouté", "services ajoutés"},
        [DW_DEPARTMENT_REMOVED] = {"service supprimé", "services supprimés"},
        [DW_THOUGHT_ADDED] = {"pensée ajoutée", "pensées ajoutées"},
        [DW_THOUGHT_REMOVED] = {"pensée supprimée", "pensées supprimées"},
        [DW_GOAL_ADDED] = {"attente ajoutée", "attentes ajoutées"},
        [DW_GOAL_REMOVED] = {"attente supprimée", "attentes supprimées"},
        [DW_METRIC_ADDED] = {"indicateur ajouté", "indicateurs ajoutés"},
        [DW_METRIC_REMOVED] = {"indicateur supprimé", "indicateurs supprimés"},
        [DW_METRIC_CHANGED] = {"indicateur modifié", "indicateurs modifiés"},
        [DW_ACTION_ADDED] = {"intervention de service ajoutée",
                             "interventions de service ajoutées"},
        [DW_ACTION_REMOVED] = {"intervention de service supprimée",
                               "interventions de service supprimées"},
        [DW_ACTION_CHANGED] = {"intervention de service modifiée",
                               "interventions de service modifiées"},
        [DW_OTHER] = {"autre modification", "autres modifications"},
        [DW_EMOTION_DOWN] = {"émotion en baisse à", "émotion en baisse à"},
        [DW_EMOTION_UP] = {"émotion en hausse à", "émotion en hausse à"},
        [DW_STEPS] = {"action", "actions"},
        [DW_NO_CHANGE] = {"aucune différence", "aucune différence"},
        [DW_JOURNEY] = {"Parcours", "Parcours"},
        [DW_STAGE] = {"Étape", "Étapes"},
        [DW_CHANGE] = {"Modification", "Modifications"},
        [DW_STEP] = {"Action", "Actions"},
        [DW_WHAT] = {"Objet", "Objet"},
        [DW_BEFORE] = {"Avant", "Avant"},
        [DW_AFTER] = {"Après", "Après"},
        [DW_SOLVED] = {"résolu", "résolus"},
        [DW_DEFAULT] = {"l’action suivante", "l’action suivante"},
        [DW_NONE] = {"aucun", "aucun"},
        [DW_EVERY_PERSONA] = {"tous les personas", "tous les personas"},
        [DW_QUOTE_OPEN] = {"«\xc2\xa0", "«\xc2\xa0"},   /* U+00A0 inside « » */
        [DW_QUOTE_CLOSE] = {"\xc2\xa0»", "\xc2\xa0»"},
    },
};

const char *jmap_diff_word_text(jmap_lang lang, jmap_diff_word word, size_t n)
{
    if ((unsigned)word >= DW_COUNT_)
        return "";
    return diff_words[lang_index(lang)][word][n == 1 ? 0 : 1];
}

static const char *const source_words[JMAP_N_LANGS][JMAP_SOURCE_COUNT] = {
    [JMAP_LANG_EN] = {"survey", "interview", "mystery visit", "staff report",
                      "support tickets", "analytics", "review", "observation"},
    [JMAP_LANG_FR] = {"questionnaire", "entretien", "visite mystère",
                      "remontée du personnel", "tickets du support", "statistiques",
                      "avis", "observation"},
};

const char *jmap_source_word(jmap_lang lang, unsigned bit)
{
    for (int i = 0; i < JMAP_SOURCE_COUNT; i++)
        if (bit == 1u << i)
            return source_words[lang_index(lang)][i];
    return "";
}

void jmap_format_sources(jmap_buf *out, jmap_lang lang, unsigned sources)
{
    int any = 0;
    for (int i = 0; i < JMAP_SOURCE_COUNT; i++)
        if (sources & 1u << i)
            jmap_buf_printf(out, "%s%s", any++ ? ", " : "", jmap_source_word(lang, 1u << i));
}

void jmap_format_metric(jmap_buf *out, jmap_lang lang, double v)
{
    char num[64];
    int fr = lang_index(lang) == JMAP_LANG_FR;
    jmap_format_number(num, sizeof num, v);
    const char *p = num;
    if (*p == '-')
        jmap_buf_putc(out, *p++);
    size_t digits = strspn(p, "0123456789");
    int plain = p[digits] == '\0' || p[digits] == '.'; /* no exponent */
    for (size_t i = 0; i < digits; i++) {
        if (plain && i && (digits - i) % 3 == 0)
            jmap_buf_puts(out, fr ? "\xc2\xa0" : ",");
        jmap_buf_putc(out, p[i]);
    }
    for (p += digits; *p; p++)
        jmap_buf_putc(out, *p == '.' && fr ? ',' : *p);
}

void jmap_format_count(jmap_buf *out, jmap_lang lang, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    const char *sep = lang_index(lang) == JMAP_LANG_FR ? "\xc2\xa0" : ",";
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            jmap_buf_puts(out, sep);
        jmap_buf_putc(out, digits[i]);
    }
}
