#!/bin/sh
# render_pdf.sh - the PDF opens in poppler, at the right page size, with
# every name of the map as searchable text and the document info set.
#   sh render_pdf.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/shoes.pdf" || fail "render shoes.pdf"
info=$(pdfinfo "$tmp/shoes.pdf") || fail "pdfinfo cannot read shoes.pdf"
echo "$info" | grep -Eq '^Page size: *(1190.55 x 841.89|841.89 x 1190.55) pts' ||
    fail "default page is not A3: $(echo "$info" | grep 'Page size')"
echo "$info" | grep -q '^Title: *Buying running shoes online$' || fail "no PDF title"
echo "$info" | grep -q '^Creator: *jmap [0-9]' || fail "no PDF creator"
echo "$info" | grep -q '^Subject: .*shoes.yaml' || fail "no PDF subject"

# Every name written in the map is text in the PDF. Wrapping may add line
# breaks and hyphens, so compare with blanks and hyphens removed.
pdftotext "$tmp/shoes.pdf" "$tmp/shoes.txt" || fail "pdftotext"
flat=$(tr -d ' \n\f-' <"$tmp/shoes.txt")
grep -o 'name: [^,}]*' "$src/maps/shoes.yaml" | sed 's/^name: //' >"$tmp/names"
cat >>"$tmp/names" <<'NAMES'
Landing page does not show the advertised model
Tracking link works only a day after shipping
Twelve minutes on hold
NAMES
n=0
while IFS= read -r name; do
    n=$((n + 1))
    want=$(printf '%s' "$name" | tr -d ' -')
    case $flat in
    *"$want"*) ;;
    *) fail "'$name' is not in the PDF text" ;;
    esac
done <"$tmp/names"
[ "$n" -gt 40 ] || fail "only $n names checked"
grep -q 'Line of visibility' "$tmp/shoes.txt" || fail "no line of visibility label"

# One bookmark per stage.
for stage in Awareness Consideration Acquisition Service Loyalty; do
    grep -a -q "/Title ($stage)" "$tmp/shoes.pdf" || fail "no bookmark for $stage"
done

# --page auto: one page sized to the map; --fit: one A3 page.
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/auto.pdf" --page auto || fail "render --page auto"
pdfinfo "$tmp/auto.pdf" | grep -q '^Pages: *1$' || fail "--page auto is not one page"
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/fit.pdf" --fit || fail "render --fit"
pdfinfo "$tmp/fit.pdf" | grep -q '^Pages: *1$' || fail "--fit is not one page"
pdfinfo "$tmp/fit.pdf" | grep -q '^Page size: *1190.55 x 841.89' || fail "--fit is not A3"

# French text survives.
"$jmap" render "$src/maps/boutique.yaml" -o "$tmp/boutique.pdf" || fail "render boutique.pdf"
pdftotext "$tmp/boutique.pdf" - | grep -q 'Ligne de visibilité' || fail "no French labels"
pdftotext "$tmp/boutique.pdf" - | tr -d '\n' | grep -q 'Équipe de la boutique' || fail "accents lost"

# Markup-like text is shown literally.
"$jmap" render "$src/tests/layout/markup.yaml" -o "$tmp/markup.pdf" 2>/dev/null || fail "render markup.pdf"
pdftotext "$tmp/markup.pdf" - | grep -q -F '<b>x</b> & co' || fail "markup text is not literal in the PDF"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
