#!/bin/sh
# render_a11y.sh - the PDF is accessible and navigable, read back by
# poppler (pdfinfo) and pdfminer: tagged, its structure in journey order
# (the title, then each stage, each step's name before its emotion,
# touchpoints and irritants and before the next step), a stage that goes on
# over a page break marked "continued" in the map's language, one bookmark
# per page with a child per stage, page labels, and the map's language.
#   sh render_a11y.sh JMAP SOURCE_DIR
# Without python3-pdfminer (./setup.sh test installs it) the bookmark and
# language checks cannot run: the test then exits 77 (skipped).
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
python=/usr/bin/python3
nbsp=$(printf '\302\240') # before a French colon

# struct PDF - the structure's elements and texts, one a line, no indent.
struct() {
    pdfinfo -struct-text "$1" 2>"$tmp/struct.err" | sed 's/^ *//' ||
        fail "pdfinfo -struct-text $1"
    [ -s "$tmp/struct.err" ] && fail "poppler complains about $1: $(cat "$tmp/struct.err")"
}

# in_order FILE TEXT... - each TEXT starts a text of FILE (a line of
# `struct`), after the one before it.
in_order() {
    file=$1
    shift
    last=0
    for text in "$@"; do
        n=$(awk -v t="\"$text" -v after="$last" \
            'NR > after && index($0, t) == 1 { print NR; exit }' "$file")
        if [ -z "$n" ]; then
            fail "'$text' is not in the structure after line $last of $file"
            return
        fi
        last=$n
    done
}

# count FILE LINE - how many lines of FILE are exactly LINE.
count() {
    grep -c -x -F -- "$2" "$1"
}

# ---- shoes.yaml: four A3 pages, English ----
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/shoes.pdf" || fail "render shoes.pdf"
pdfinfo "$tmp/shoes.pdf" >"$tmp/info" 2>&1 || fail "pdfinfo shoes.pdf"
expect_in "$tmp/info" "Tagged:          yes"
expect_in "$tmp/info" "Pages:           4"
struct "$tmp/shoes.pdf" >"$tmp/shoes.st"
[ "$(head -n 1 "$tmp/shoes.st")" = Document ] || fail "the structure is not one Document"
[ "$(count "$tmp/shoes.st" Document)" = 1 ] || fail "not one Document element"
[ "$(count "$tmp/shoes.st" "H1 (block)")" = 1 ] || fail "not one H1"
# one H2 per stage, and one per page it goes on to, "(continued)"
[ "$(count "$tmp/shoes.st" "H2 (block)")" = 8 ] || fail "not one H2 per stage and page"
[ "$(grep -A1 -x -F "H2 (block)" "$tmp/shoes.st" | grep -c ' (continued)"$')" = 3 ] ||
    fail "not one H2 per page a stage goes on to"
[ "$(count "$tmp/shoes.st" "H3 (block)")" = 16 ] || fail "not one H3 per step"
# The title block, then the stages in order, each step with its parts.
in_order "$tmp/shoes.st" "Buying running shoes online\"" "Total duration: 2 mo 5 d" \
    "An online shoe shop" "Léa" "Legend" \
    "Awareness\"" "2 w\"" "The need appears" "Wants to buy shoes\"" "Her old pair" \
    "Emotion: +1\"" "Ads\"" \
    "Clicks an ad to a" "2 min\"" "Emotion: 0\"" "Ads\"" "Landing page\"" \
    "Irritant, medium severity\"" "Landing page does not" \
    "Consideration\"" "Browses the e-shop\"" "E-shop\"" "Category page\"" \
    "Irritant, low severity\"" "No " "6/mo\"" \
    "Acquisition\"" "Checks out\"" "Cart\"" "Irritant, high severity\"" \
    "Has to type the address" "37/mo\"" \
    "Service\"" "Tries the shoes" "Loyalty\"" "Uses a \$10 coupon"
# (poppler's text of an element stops at its first line break or ligature,
# "No ﬁ" for "No filter...": the lines are matched by their starts.)
# Each step's name is a level-3 heading: the line after "H3".
grep -A1 -x -F "H3 (block)" "$tmp/shoes.st" | grep -q -x -F '"Checks out"' ||
    fail "a step's name is not its heading"
grep -A1 -x -F "H2 (block)" "$tmp/shoes.st" | grep -q -x -F '"Service"' ||
    fail "a stage's name is not its heading"
# An irritant is read with its owner, then its remedy, before the next.
in_order "$tmp/shoes.st" "Has to type the address" "Owner: E-shop management\"" \
    "37/mo\"" "Remember the address\"" "Account required before" \
    "Owner: E-shop management\"" "Guest checkout\""
# The departments of a step are words of the step.
in_order "$tmp/shoes.st" "Checks out\"" "E-shop management\"" "Receives the parcel\""
# The title block is read once: page 2 repeats it as decoration.
[ "$(grep -c -x -F '"Buying running shoes online"' "$tmp/shoes.st")" = 1 ] ||
    fail "the title is read more than once"

# ---- French: the words of the marks, in French ----
"$jmap" render "$src/maps/boutique.yaml" -o "$tmp/boutique.pdf" || fail "render boutique.pdf"
struct "$tmp/boutique.pdf" >"$tmp/boutique.st"
in_order "$tmp/boutique.st" "Le Comptoir des Thés" "Sensibilisation\"" \
    "Cherche «${nbsp}thé vert${nbsp}»" "Émotion$nbsp: 0\"" "Moteurs de recherche\"" \
    "Irritant, gravité moyenne\""

# ---- a stage longer than an A4 page: "(suite)" ----
{
    printf 'jmap: 1\ntitle: Une longue étape\nlang: fr\nstages:\n'
    printf '  - id: achat\n    name: Achat\n    steps:\n'
    i=1
    while [ $i -le 24 ]; do
        printf '      - {name: Étape %d, emotion: %d}\n' $i $((i % 5 - 2))
        i=$((i + 1))
    done
    printf '  - id: service\n    name: Service\n    steps:\n      - {name: Fin, emotion: 1}\n'
} >"$tmp/long.yaml"
"$jmap" render "$tmp/long.yaml" -o "$tmp/long.pdf" --page a4 || fail "render long.pdf"
pages=$(pdfinfo "$tmp/long.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 2 ] || fail "long.yaml is not split over A4 pages"
struct "$tmp/long.pdf" >"$tmp/long.st"
[ "$(count "$tmp/long.st" Document)" = 1 ] || fail "a split map is not one Document"
[ "$(count "$tmp/long.st" '"Achat"')" = 1 ] || fail "the stage is not begun once"
[ "$(count "$tmp/long.st" '"Achat (suite)"')" = $((pages - 1)) ] ||
    fail "the stage is not marked continued on each later page"
[ "$(count "$tmp/long.st" "H3 (block)")" = 25 ] || fail "not one H3 per step"
in_order "$tmp/long.st" "Une longue étape\"" "Achat\"" "Étape 1\"" "Étape 2\"" \
    "Achat (suite)\"" "Étape 24\"" "Service\"" "Fin\""

# ---- the content keys, in journey order ----
"$jmap" render "$src/tests/content/every_key.yaml" --page auto -q -o "$tmp/keys.pdf" ||
    fail "render every_key.yaml"
struct "$tmp/keys.pdf" >"$tmp/keys.st"
# a stage's description, goals and metrics (a step's metric after the
# mark of its target, in words); a step's description, whose it is, its thoughts before
# its emotions, an irritant's owner and remedy, its metrics, the actions
in_order "$tmp/keys.st" "Booking\"" "2 d\"" "From the breakdown" \
    "Know when the technician comes\"" "Bookings completed\"" "71.5%\"" \
    "Calls the hotline and" "The machine leaks" "Nora\"" \
    "$(printf '\342\200\234')I hope someone picks up" "Emotion: -1 (Nora)\"" \
    "Nine minutes of hold music" "Owner: Customer care\"" "Target missed\"" \
    "Waiting time\"" "Takes the call and checks the" "Books a slot on the"
# a map split down: the lanes of the lower page are read too
"$jmap" render "$src/tests/content/every_key.yaml" -q -o "$tmp/keys2.pdf" ||
    fail "render every_key.yaml on A3"
struct "$tmp/keys2.pdf" >"$tmp/keys2.st"
grep -q '^"Waiting time"$' "$tmp/keys2.st" || fail "the lower page's metrics are not read"
grep -q '^"Takes the call and checks the' "$tmp/keys2.st" || fail "the lower page's actions are not read"

# ---- bookmarks, page labels, language (pdfminer) ----
if ! "$python" -c 'import pdfminer' 2>/dev/null; then
    [ "$fails" -eq 0 ] || exit 1
    echo "python3-pdfminer is missing: bookmarks and language not checked"
    exit 77
fi
nav() {
    "$python" - "$1" <<'PY'
import itertools, sys
from pdfminer.pdfdocument import PDFDocument, PDFNoPageLabels
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
with open(sys.argv[1], "rb") as f:
    doc = PDFDocument(PDFParser(f))
    lang = doc.catalog.get("Lang")
    print("lang", lang.decode() if isinstance(lang, bytes) else lang)
    pages = sum(1 for _ in PDFPage.create_pages(doc))
    try:
        print("labels", " ".join(itertools.islice(doc.get_page_labels(), pages)))
    except PDFNoPageLabels:
        print("labels none")
    for level, title, dest, _a, _se in doc.get_outlines():
        print("outline", level, title)
PY
}
nav "$tmp/shoes.pdf" >"$tmp/shoes.nav" || fail "pdfminer cannot read shoes.pdf"
expect_in "$tmp/shoes.nav" "lang en-US"
expect_in "$tmp/shoes.nav" "labels 1 2 3 4"
cat >"$tmp/want" <<'EOF'
outline 1 1 · Awareness – Acquisition
outline 2 Awareness
outline 2 Consideration
outline 2 Acquisition
outline 1 2 · Acquisition – Service
outline 2 Service
outline 1 3 · Service
outline 1 4 · Service – Loyalty
outline 2 Loyalty
EOF
grep '^outline' "$tmp/shoes.nav" | diff "$tmp/want" - >&2 || fail "shoes.pdf bookmarks"

nav "$tmp/boutique.pdf" >"$tmp/boutique.nav" || fail "pdfminer cannot read boutique.pdf"
expect_in "$tmp/boutique.nav" "lang fr-FR"
expect_in "$tmp/boutique.nav" "outline 2 Sensibilisation"

nav "$tmp/long.pdf" >"$tmp/long.nav" || fail "pdfminer cannot read long.pdf"
expect_in "$tmp/long.nav" "lang fr-FR"
expect_in "$tmp/long.nav" "labels 1 2 3"
expect_in "$tmp/long.nav" "outline 1 1 · Achat"
expect_in "$tmp/long.nav" "outline 1 2 · Achat"
expect_in "$tmp/long.nav" "outline 1 $pages · Achat – Service"
[ "$(grep -c '^outline 1 ' "$tmp/long.nav")" = "$pages" ] || fail "not one bookmark per page"
[ "$(grep -c '^outline 2 ' "$tmp/long.nav")" = 2 ] || fail "not one child per stage start"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
