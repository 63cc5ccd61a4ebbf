/*
 * genmap.c - synthetic journey maps of any size, for the benchmark.
 *
 *   genmap [-n STEPS | -b BYTES] [-s SEED] OUT
 *
 * writes three files for the same journey:
 *
 *   OUT.yaml  a valid jmap map (`jmap lint` finds no problem in it) with
 *             STEPS steps over about sqrt(STEPS) stages, with personas and
 *             per-persona emotions, touchpoints of every channel, departments
 *             of every visibility, irritants (short and full form), moments,
 *             ideas, durations, branches and loops, and long English and
 *             French texts (accents, guillemets, apostrophes, folded blocks);
 *   OUT.dot   the same journey for Graphviz: one cluster per stage, one node
 *             per step and per touchpoint, an edge per successor (so about
 *             one per step; touchpoints stand alone, since edges to them make
 *             dot's crossing minimisation, not the drawing, dominate);
 *   OUT.mmd   the same journey as a Mermaid `journey` diagram.
 *
 * With -b the step count is chosen so that OUT.yaml is at least BYTES long
 * (and at most about 1% longer). The output depends only on the arguments: the same seed gives the
 * same bytes on every machine. C99 and the standard library only, so the
 * benchmark needs nothing that jmap's own build does not.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 100000   /* jmap's JMAP_MAX_STEPS */
#define MAX_IRRITANTS 9000 /* below jmap's JMAP_MAX_ITEMS */
#define N_PERSONAS 2

/* ---- a growable buffer ---- */

typedef struct buf {
    char *data; /* contents, NUL-terminated once anything was written */
    size_t len; /* bytes used */
    size_t cap; /* bytes allocated */
} buf;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("genmap: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        while (b->len + n + 1 > b->cap)
            b->cap = b->cap ? b->cap * 2 : 4096;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void printf_(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void printf_(buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- a small deterministic random generator (xorshift64*) ---- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n) /* 0..n-1 */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ull) >> 32) % n;
}

#define PICK(a) (a[rnd(sizeof a / sizeof a[0])])
#define COUNT(a) (sizeof a / sizeof a[0])

/* ---- word pools, in English and in French ---- */

static const char *const verbs_en[] = {
    "Compares", "Reads", "Checks", "Orders", "Calls", "Waits for", "Opens",
    "Receives", "Returns", "Pays for", "Searches for", "Asks about",
    "Signs up for", "Downloads", "Books", "Cancels", "Tracks", "Rates",
    "Shares", "Unpacks", "Chooses", "Forgets", "Finds", "Prints"};
static const char *const objects_en[] = {
    "the delivery options", "a product review", "the size chart",
    "the invoice", "the loyalty card", "a discount code", "the return label",
    "the store opening hours", "the order confirmation", "a parcel",
    "the hotline", "the mobile app", "a second pair", "the warranty terms",
    "the refund", "the newsletter", "a gift card", "the click-and-collect slot",
    "the chat window", "the customer account"};
static const char *const tails_en[] = {
    "", "", "", " again", " on the phone", " late at night", " in the shop",
    " with a friend", " on the train"};
static const char *const verbs_fr[] = {
    "Compare", "Lit", "Vérifie", "Commande", "Appelle", "Attend", "Ouvre",
    "Reçoit", "Renvoie", "Paie", "Cherche", "Demande", "S'inscrit à",
    "Télécharge", "Réserve", "Annule", "Suit", "Note", "Partage", "Déballe",
    "Choisit", "Oublie", "Trouve", "Imprime"};
static const char *const objects_fr[] = {
    "les options de livraison", "un avis client", "le guide des tailles",
    "la facture", "la carte de fidélité", "un code de réduction",
    "l'étiquette de retour", "les horaires de la boutique",
    "la confirmation de commande", "le colis", "le service client",
    "l'application mobile", "une deuxième paire", "les conditions de garantie",
    "le remboursement", "la lettre d'information", "une carte cadeau",
    "le créneau de retrait", "la fenêtre de discussion", "son compte client"};
static const char *const tails_fr[] = {
    "", "", "", " à nouveau", " au téléphone", " tard le soir",
    " en boutique", " avec une amie", " dans le train"};

static const char *const sentences[] = {
    "She has been putting this off for weeks, and now the old pair is worn "
    "through at the heel after a year of running on wet pavements.",
    "The page loads slowly on her phone, the pictures come last, and the "
    "button she needs is hidden below three banners about a sale that ended "
    "yesterday.",
    "A colleague recommended the brand at lunch; she opens the site on the "
    "train home and keeps the tab open for two days before doing anything.",
    "Nothing in the email says how long it will take, so she checks the "
    "tracking page every morning and twice in the evening.",
    "The hotline employee is friendly and knows the procedure by heart, but "
    "the call still takes twenty-five minutes, most of it on hold.",
    "She writes down the reference number on the back of an envelope, "
    "because the confirmation screen disappears as soon as she switches apps.",
    "Elle compare trois modèles sur deux sites différents, puis demande "
    "l'avis de sa sœur avant de se décider : la pointure varie d'une marque "
    "à l'autre.",
    "Le colis arrive un jour plus tôt que prévu ; l'emballage est soigné, "
    "sans plastique, et la facture est glissée dans une enveloppe à part.",
    "Sur la page « Retours », rien n'explique comment obtenir l'étiquette ; "
    "elle finit par chercher dans les conditions générales, écrites en "
    "langage juridique.",
    "Le conseiller lui envoie l'étiquette par courriel pendant l'appel, ce "
    "qu'elle apprécie, même si l'attente a duré douze minutes.",
    "Elle reçoit un bon d'achat de 10 € dans la lettre d'information, "
    "l'utilise le soir même et laisse un avis détaillé sur la page produit.",
    "Rien n'indique que le retour est bien arrivé à l'entrepôt : pendant "
    "quatre jours, elle ne sait pas si elle sera remboursée.",
};

static const char *const irritants_en[] = {
    "Has to type the address twice", "Account required before paying",
    "Tracking link works only a day after shipping",
    "Size chart differs from the brand's own", "Twelve minutes on hold",
    "Voice menu has no option for returns", "Refund takes ten days",
    "No sign that the return has arrived", "Promo code refused at checkout",
    "Delivery slot changed without notice"};
static const char *const irritants_fr[] = {
    "Doit saisir l'adresse deux fois", "Compte obligatoire avant de payer",
    "Procédure de retour introuvable", "Douze minutes d'attente au téléphone",
    "Remboursement en dix jours", "Aucune nouvelle du retour",
    "Le code promo est refusé", "Créneau de livraison modifié sans prévenir"};
static const char *const remedies[] = {
    "Remember the address", "Guest checkout",
    "Automatic email when the return is scanned",
    "Refund as soon as the return is scanned",
    "One size chart per brand, with fit notes",
    "Mémoriser l'adresse de livraison",
    "Page de retour pas à pas, liée depuis chaque courriel",
    "Rembourser dès le scan du retour"};
static const char *const moments[] = {
    "Parcel arrives a day early", "Neat packaging, no plastic",
    "Order number and delivery date shown at once",
    "Coupon applied automatically in the cart",
    "Le conseiller rappelle à l'heure dite",
    "La boîte d'origine peut être réutilisée",
    "Échantillon offert dans le colis"};
static const char *const ideas[] = {
    "Address autocompletion", "Size advisor on the product page",
    "Return button in the shipping emails",
    "Delivery time slot chosen by text message",
    "Étiquette de retour imprimée dans le colis",
    "Suivi du remboursement dans l'espace client",
    "Rappel d'entretien après 800 km"};
static const char *const stage_names[] = {
    "Awareness", "Consideration", "Acquisition", "Delivery", "Service",
    "Loyalty", "Découverte", "Réflexion", "Achat", "Livraison", "Après-vente",
    "Fidélisation"};
static const struct {
    const char *name;    /* touchpoint name */
    const char *channel; /* its channel */
} touchpoint_kinds[] = {
    {"Website", "digital"},        {"Mobile app", "digital"},
    {"Newsletter", "digital"},     {"Chatbot", "digital"},
    {"Page produit", "digital"},   {"Parcel", "physical"},
    {"Invoice", "physical"},       {"Étiquette de retour", "physical"},
    {"Shop counter", "physical"},  {"Hotline employee", "human"},
    {"Delivery driver", "human"},  {"Conseillère en boutique", "human"}};
static const struct {
    const char *name;       /* department name */
    const char *visibility; /* its visibility */
} department_kinds[] = {
    {"Marketing / Online marketing", "frontstage"},
    {"E-shop management", "frontstage"},
    {"Service client", "frontstage"},
    {"Retail stores", "frontstage"},
    {"Product management", "backstage"},
    {"Accounting", "backstage"},
    {"Juridique", "backstage"},
    {"Design / Editorial", "backstage"},
    {"Logistics service providers", "support"},
    {"Paid service providers", "support"},
    {"Prestataires de paiement", "support"},
    {"IT operations", "support"}};
static const char *const durations[] = {"2min", "5min", "10min", "45min",
                                        "1.5h", "2h", "1d", "3d", "2w"};

/* ---- YAML text values ---- */

/* Whether s can be written as a plain scalar in block context. */
static int plain_ok(const char *s)
{
    if (!*s || strchr("-?:,[]{}#&*!|>'\"%@`", *s) || s[strlen(s) - 1] == ' ' ||
        s[strlen(s) - 1] == ':')
        return 0;
    return !strstr(s, ": ") && !strstr(s, " #");
}

static void put_text(buf *b, const char *s)
{
    if (plain_ok(s)) {
        puts_(b, s);
        return;
    }
    puts_(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            puts_(b, "\\");
        put(b, s, 1);
    }
    puts_(b, "\"");
}

/* A long text as a folded block, wrapped near 72 columns. */
static void put_folded(buf *b, const char *s, const char *indent)
{
    puts_(b, ">-\n");
    while (*s) {
        size_t n = strlen(s), cut = n;
        if (n > 72) {
            cut = 72;
            while (cut > 20 && s[cut] != ' ')
                cut--;
            if (s[cut] != ' ') /* no space: keep the whole word */
                for (cut = 72; cut < n && s[cut] != ' '; cut++)
                    ;
        }
        printf_(b, "%s", indent);
        put(b, s, cut);
        puts_(b, "\n");
        s += cut;
        while (*s == ' ')
            s++;
    }
}

/* A description: 1 to `most` sentences, then where it was observed, so
 * that no two descriptions are the same (a renderer cannot get away with
 * measuring a few texts once). */
static void make_description(char *out, size_t out_len, unsigned most, unsigned serial)
{
    static const char *const sources[] = {
        "Seen in interview", "Noté lors de l'entretien n°", "From survey answer",
        "Verbatim du questionnaire n°"};
    char source[64];
    out[0] = '\0';
    unsigned n = 1 + rnd(most), first = rnd(COUNT(sentences));
    for (unsigned i = 0; i < n; i++) { /* different sentences */
        strncat(out, sentences[(first + i * 5) % COUNT(sentences)],
                out_len - strlen(out) - 1);
        strncat(out, " ", out_len - strlen(out) - 1);
    }
    snprintf(source, sizeof source, "%s %u.", PICK(sources), serial);
    strncat(out, source, out_len - strlen(out) - 1);
}

/* ---- the journey ---- */

typedef struct step {
    char name[160];    /* display name */
    char id[24];       /* explicit id, or "" for the default one */
    int stage;         /* stage index */
    int next[2];       /* explicit successors (indices); -1 when unused */
    int emotion[N_PERSONAS]; /* -2..2 per persona */
    int touchpoint;    /* first touchpoint (index) */
} step;

typedef struct journey {
    int n_steps, n_stages, n_touchpoints, n_departments;
    step *steps;       /* steps[n_steps] */
    int *stage_first;  /* first step of each stage, plus n_steps at the end */
} journey;

static int isqrt(int n)
{
    int r = 0;
    while ((r + 1) * (r + 1) <= n)
        r++;
    return r;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Plans the graph: stages, ids, successors (branches and loops). */
static void plan(journey *J, int n)
{
    J->n_steps = n;
    J->n_stages = clamp(isqrt(n), 1, n);
    J->n_touchpoints = clamp(n / 8, 8, 400);
    J->n_departments = clamp(n / 8, 6, (int)COUNT(department_kinds));
    J->steps = calloc((size_t)n, sizeof(step));
    J->stage_first = calloc((size_t)J->n_stages + 1, sizeof(int));
    if (!J->steps || !J->stage_first)
        exit(2);
    for (int s = 0; s <= J->n_stages; s++)
        J->stage_first[s] = (int)((long long)n * s / J->n_stages);
    int *needs_id = calloc((size_t)n, sizeof(int));
    for (int i = 0; i < n; i++) {
        step *st = &J->steps[i];
        st->next[0] = st->next[1] = -1;
        if (i % 10 == 7 && i + 3 < n) { /* a branch that skips two steps */
            st->next[0] = i + 1;
            st->next[1] = i + 3;
        } else if (i % 25 == 24 && i >= 5 && i + 1 < n) { /* a loop back */
            st->next[0] = i + 1;
            st->next[1] = i - 5;
        }
        for (int k = 0; k < 2; k++)
            if (st->next[k] >= 0)
                needs_id[st->next[k]] = 1;
    }
    for (int s = 0; s < J->n_stages; s++)
        for (int i = J->stage_first[s]; i < J->stage_first[s + 1]; i++)
            J->steps[i].stage = s;
    for (int i = 0; i < n; i++) {
        step *st = &J->steps[i];
        int fr = rnd(5) < 2;
        snprintf(st->name, sizeof st->name, "%s %s%s",
                 fr ? PICK(verbs_fr) : PICK(verbs_en),
                 fr ? PICK(objects_fr) : PICK(objects_en),
                 fr ? PICK(tails_fr) : PICK(tails_en));
        if (needs_id[i] || rnd(3) == 0)
            snprintf(st->id, sizeof st->id, "s%d", i + 1);
        for (int p = 0; p < N_PERSONAS; p++)
            st->emotion[p] = (int)rnd(5) - 2;
        st->touchpoint = i < J->n_touchpoints ? i : (int)rnd((uint32_t)J->n_touchpoints);
    }
    free(needs_id);
}

static void write_header(buf *b, const journey *J, unsigned seed)
{
    static const char *const persona_ids[N_PERSONAS] = {"lea", "marc"};
    printf_(b, "# A synthetic journey for jmap's benchmark: %d steps, seed %u.\n",
            J->n_steps, seed);
    puts_(b, "jmap: 1\n");
    printf_(b, "title: A synthetic journey of %d steps\n", J->n_steps);
    puts_(b, "description: >-\n");
    puts_(b, "  Generated for the benchmark: every key of the format, long texts\n"
             "  in English and in French, branches and loops between the steps.\n");
    puts_(b, "lang: en\n\npersonas:\n");
    printf_(b, "  %s:\n    name: Léa\n    description: 34, project manager, runs "
               "three times a week\n    goals:\n      - Shoes that fit\n"
               "      - A return in less than ten minutes\n",
            persona_ids[0]);
    printf_(b, "  %s: {name: Marc, description: \"Ran for ten years, buys in the "
               "shop\"}\n",
            persona_ids[1]);
    puts_(b, "\ndepartments:\n");
    for (int d = 0; d < J->n_departments; d++)
        printf_(b, "  d%d: {name: %s, visibility: %s}\n", d + 1,
                department_kinds[d].name, department_kinds[d].visibility);
    puts_(b, "\ntouchpoints:\n");
    for (int t = 0; t < J->n_touchpoints; t++) {
        int k = t % (int)COUNT(touchpoint_kinds);
        /* every department owns at least one touchpoint */
        int owner = t < J->n_departments ? t : (int)rnd((uint32_t)J->n_departments);
        if (t >= (int)COUNT(touchpoint_kinds))
            printf_(b, "  tp%d: {name: %s %d, channel: %s, owner: d%d}\n", t + 1,
                    touchpoint_kinds[k].name, t / (int)COUNT(touchpoint_kinds) + 1,
                    touchpoint_kinds[k].channel, owner + 1);
        else
            printf_(b, "  tp%d: {name: %s, channel: %s, owner: d%d}\n", t + 1,
                    touchpoint_kinds[k].name, touchpoint_kinds[k].channel, owner + 1);
    }
}

static void write_step(buf *b, journey *J, int i, int *irritants_left)
{
    step *st = &J->steps[i];
    char text[2048];
    puts_(b, "      - name: ");
    put_text(b, st->name);
    puts_(b, "\n");
    if (st->id[0])
        printf_(b, "        id: %s\n", st->id);
    printf_(b, "        emotion: {lea: %d, marc: %d}\n", st->emotion[0], st->emotion[1]);
    printf_(b, "        touchpoints: [tp%d", st->touchpoint + 1);
    for (unsigned k = rnd(3); k > 0; k--)
        printf_(b, ", tp%u", rnd((uint32_t)J->n_touchpoints) + 1);
    puts_(b, "]\n");
    if (rnd(5) == 0)
        printf_(b, "        departments: [d%u]\n", rnd((uint32_t)J->n_departments) + 1);
    if (rnd(2))
        printf_(b, "        duration: %s\n", PICK(durations));
    if (st->next[0] >= 0)
        printf_(b, "        next: [%s, %s]\n", J->steps[st->next[0]].id,
                J->steps[st->next[1]].id);
    if (rnd(2)) {
        make_description(text, sizeof text, 3, (unsigned)i + 1);
        puts_(b, "        description: ");
        if (strlen(text) > 160)
            put_folded(b, text, "          ");
        else {
            put_text(b, text);
            puts_(b, "\n");
        }
    }
    unsigned n_irritants = rnd(5) < 3 ? 0 : 1 + rnd(2);
    if (n_irritants > (unsigned)*irritants_left)
        n_irritants = (unsigned)*irritants_left;
    *irritants_left -= (int)n_irritants;
    if (n_irritants)
        puts_(b, "        irritants:\n");
    for (unsigned k = 0; k < n_irritants; k++) {
        const char *name = rnd(2) ? PICK(irritants_en) : PICK(irritants_fr);
        if (rnd(3) == 0) {
            puts_(b, "          - ");
            put_text(b, name);
            puts_(b, "\n");
            continue;
        }
        static const char *const severities[] = {"low", "medium", "high"};
        puts_(b, "          - name: ");
        put_text(b, name);
        printf_(b, "\n            severity: %s\n", PICK(severities));
        if (rnd(2))
            printf_(b, "            frequency: %u\n", rnd(80));
        printf_(b, "            owner: d%u\n", rnd((uint32_t)J->n_departments) + 1);
        puts_(b, "            remedy: ");
        put_text(b, PICK(remedies));
        puts_(b, "\n");
    }
    const char *const *lists[2] = {moments, ideas};
    size_t sizes[2] = {COUNT(moments), COUNT(ideas)};
    const char *keys[2] = {"moments", "ideas"};
    for (int l = 0; l < 2; l++) {
        unsigned n = rnd(3) ? 0 : 1 + rnd(2);
        if (n)
            printf_(b, "        %s:\n", keys[l]);
        for (unsigned k = 0; k < n; k++) {
            puts_(b, "          - ");
            put_text(b, lists[l][rnd((uint32_t)sizes[l])]);
            puts_(b, "\n");
        }
    }
}

static void write_yaml(buf *b, journey *J, unsigned seed)
{
    int irritants_left = MAX_IRRITANTS;
    char text[2048];
    write_header(b, J, seed);
    puts_(b, "\nstages:\n");
    for (int s = 0; s < J->n_stages; s++) {
        int k = s % (int)COUNT(stage_names);
        printf_(b, "  - id: stage-%d\n", s + 1);
        if (s >= (int)COUNT(stage_names))
            printf_(b, "    name: %s %d\n", stage_names[k], s / (int)COUNT(stage_names) + 1);
        else
            printf_(b, "    name: %s\n", stage_names[k]);
        printf_(b, "    duration: %s\n", PICK(durations));
        make_description(text, sizeof text, 1, (unsigned)s + 1);
        puts_(b, "    description: ");
        put_text(b, text);
        puts_(b, "\n    steps:\n");
        for (int i = J->stage_first[s]; i < J->stage_first[s + 1]; i++)
            write_step(b, J, i, &irritants_left);
    }
}

/* ---- the Graphviz and Mermaid versions ---- */

static void put_dot_string(buf *b, const char *s)
{
    puts_(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            puts_(b, "\\");
        put(b, s, 1);
    }
    puts_(b, "\"");
}

static void write_dot(buf *b, const journey *J)
{
    puts_(b, "digraph journey {\n  rankdir=LR;\n  fontname=\"DejaVu Sans\";\n"
             "  node [shape=box, style=rounded, fontname=\"DejaVu Sans\", fontsize=8];\n");
    for (int s = 0; s < J->n_stages; s++) {
        printf_(b, "  subgraph cluster_%d {\n    label=", s + 1);
        put_dot_string(b, stage_names[s % (int)COUNT(stage_names)]);
        puts_(b, ";\n");
        for (int i = J->stage_first[s]; i < J->stage_first[s + 1]; i++) {
            printf_(b, "    s%d [label=", i + 1);
            put_dot_string(b, J->steps[i].name);
            puts_(b, "];\n");
        }
        puts_(b, "  }\n");
    }
    for (int t = 0; t < J->n_touchpoints; t++) {
        int k = t % (int)COUNT(touchpoint_kinds);
        printf_(b, "  tp%d [shape=ellipse, label=", t + 1);
        put_dot_string(b, touchpoint_kinds[k].name);
        puts_(b, "];\n");
    }
    for (int i = 0; i < J->n_steps; i++) {
        const step *st = &J->steps[i];
        if (st->next[0] >= 0)
            printf_(b, "  s%d -> s%d;\n  s%d -> s%d;\n", i + 1, st->next[0] + 1, i + 1,
                    st->next[1] + 1);
        else if (i + 1 < J->n_steps)
            printf_(b, "  s%d -> s%d;\n", i + 1, i + 2);
    }
    puts_(b, "}\n");
}

static void write_mermaid(buf *b, const journey *J)
{
    printf_(b, "journey\n  title A synthetic journey of %d steps\n", J->n_steps);
    for (int s = 0; s < J->n_stages; s++) {
        printf_(b, "  section %s\n", stage_names[s % (int)COUNT(stage_names)]);
        for (int i = J->stage_first[s]; i < J->stage_first[s + 1]; i++) {
            const step *st = &J->steps[i];
            char name[160];
            snprintf(name, sizeof name, "%s", st->name);
            for (char *p = name; *p; p++)
                if (*p == ':' || *p == ';' || *p == '#')
                    *p = ' ';
            printf_(b, "    %s: %d: Léa, Marc\n", name, st->emotion[0] + 3);
        }
    }
}

/* ---- main ---- */

static void generate(int n, unsigned seed, buf *yaml, buf *dot, buf *mmd)
{
    journey J;
    memset(&J, 0, sizeof J);
    rng_state = 0x9E3779B97F4A7C15ull ^ ((uint64_t)seed * 0xD1B54A32D192ED03ull);
    if (!rng_state)
        rng_state = 1;
    plan(&J, n);
    write_yaml(yaml, &J, seed);
    if (dot)
        write_dot(dot, &J);
    if (mmd)
        write_mermaid(mmd, &J);
    free(J.steps);
    free(J.stage_first);
}

static void write_file(const char *base, const char *ext, const buf *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s", base, ext);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        fprintf(stderr, "genmap: cannot write %s\n", path);
        exit(2);
    }
}

static void usage(void)
{
    fputs("usage: genmap [-n STEPS | -b BYTES] [-s SEED] OUT\n"
          "writes OUT.yaml (a jmap map), OUT.dot (Graphviz) and OUT.mmd (Mermaid)\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    long steps = 16, bytes = 0;
    unsigned seed = 1;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            steps = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc)
            bytes = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
            seed = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (argv[i][0] != '-' && !out)
            out = argv[i];
        else
            usage();
    }
    if (!out || steps < 1 || steps > MAX_STEPS || bytes < 0)
        usage();
    buf yaml = {0}, dot = {0}, mmd = {0};
    if (bytes > 0) {
        /* Estimate from a sample, then grow by 1% until big enough. */
        generate(1000, seed, &yaml, NULL, NULL);
        steps = (long)((double)bytes / (double)yaml.len * 1000.0);
        for (;;) {
            if (steps < 1)
                steps = 1;
            if (steps > MAX_STEPS) {
                fputs("genmap: that many bytes needs more steps than jmap reads\n", stderr);
                return 2;
            }
            yaml.len = 0;
            generate((int)steps, seed, &yaml, NULL, NULL);
            if ((long)yaml.len >= bytes)
                break;
            steps += steps / 100 + 1;
        }
        yaml.len = 0;
    }
    generate((int)steps, seed, &yaml, &dot, &mmd);
    write_file(out, ".yaml", &yaml);
    write_file(out, ".dot", &dot);
    write_file(out, ".mmd", &mmd);
    free(yaml.data);
    free(dot.data);
    free(mmd.data);
    return 0;
}
