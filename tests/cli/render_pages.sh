#!/bin/sh
# render_pages.sh - a map too wide for its paper is split at stage
# boundaries, each page with the lane labels, the title and a footer;
# --fit keeps one page; page sizes and orientations are honoured.
#   sh render_pages.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
sixty=$src/tests/layout/sixty-steps.yaml

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

"$jmap" render "$sixty" -o "$tmp/a3.pdf" || fail "render a3.pdf"
n=$(pages "$tmp/a3.pdf")
[ "$n" -gt 1 ] || fail "60 steps on A3 should take several pages, not $n"
pdftotext "$tmp/a3.pdf" "$tmp/a3.txt"
i=1
while [ "$i" -le "$n" ]; do
    pdftotext -f $i -l $i "$tmp/a3.pdf" "$tmp/p.txt"
    grep -q "page $i/$n" "$tmp/p.txt" || fail "page $i has no 'page $i/$n' footer"
    grep -q "Sixty steps" "$tmp/p.txt" || fail "page $i does not repeat the title"
    grep -q "Customer" "$tmp/p.txt" || fail "page $i does not repeat the lane labels"
    i=$((i + 1))
done
# every page is A3, turned the same way
sizes=$(pdfinfo -f 1 -l "$n" "$tmp/a3.pdf" | grep '^Page.*size:' | sed 's/.*size: *//' | sort -u)
case $sizes in
'1190.55 x 841.89 pts (A3)' | '841.89 x 1190.55 pts (A3)') ;;
*) fail "the pages are not all A3 the same way: $sizes" ;;
esac
# every step is on some page, in order
for k in 1 17 33 60; do
    grep -q "Step $k of" "$tmp/a3.txt" || fail "step $k is missing"
done
# pages end at stage boundaries: no stage name on two pages
for s in Awareness Purchase Referral; do
    c=$(pdftotext "$tmp/a3.pdf" - | grep -c "^$s$")
    [ "$c" -le 2 ] || fail "stage $s appears $c times"
done

"$jmap" render "$sixty" -o "$tmp/fit.pdf" --fit || fail "render --fit"
[ "$(pages "$tmp/fit.pdf")" = 1 ] || fail "--fit is not one page"

"$jmap" render "$sixty" -o "$tmp/a4p.pdf" --page a4 --orientation portrait || fail "render a4 portrait"
pdfinfo "$tmp/a4p.pdf" | grep -q 'Page size: *595.28 x 841.89' || fail "A4 portrait size"
[ "$(pages "$tmp/a4p.pdf")" -gt "$n" ] || fail "A4 portrait should need more pages than A3"

"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/letter.pdf" --page letter --orientation landscape ||
    fail "render letter"
pdfinfo "$tmp/letter.pdf" | grep -q 'Page size: *792 x 612' || fail "letter landscape size"
# auto takes the side that needs fewer sheets
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/lp.pdf" --page letter --orientation portrait -q
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/la.pdf" --page letter -q
[ "$(pages "$tmp/la.pdf")" -le "$(pages "$tmp/letter.pdf")" ] &&
    [ "$(pages "$tmp/la.pdf")" -le "$(pages "$tmp/lp.pdf")" ] ||
    fail "--orientation auto does not take the side with fewer sheets"

"$jmap" render "$src/tests/layout/single-step.yaml" -o "$tmp/one.pdf" --page a2 || fail "render a2"
[ "$(pages "$tmp/one.pdf")" = 1 ] || fail "one step is one page"

# An SVG or PNG holds one page: on a small paper its text gets small, and
# jmap says so, naming what avoids it; so it does for a PNG at a low --dpi.
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/small.svg" --page a4 2>"$tmp/err" ||
    fail "render an A4 SVG"
grep -q '^jmap: warning: text prints at [0-9.]* pt, under 6 pt; render a PDF' "$tmp/err" ||
    fail "no warning for an SVG on A4: $(cat "$tmp/err")"
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/big.svg" 2>"$tmp/err" || fail "render an SVG"
grep -q 'warning' "$tmp/err" && fail "a warning for an SVG at its own size: $(cat "$tmp/err")"
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/low.png" --dpi 50 2>"$tmp/err" ||
    fail "render a PNG at 50 dpi"
grep -q '^jmap: warning: the smallest text is [0-9.]* pixels high at 50 dpi, too few to read; give --dpi [0-9]* or more$' "$tmp/err" ||
    fail "no warning for a PNG at 50 dpi: $(cat "$tmp/err")"
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/ok.png" 2>"$tmp/err" || fail "render a PNG"
grep -q 'warning' "$tmp/err" && fail "a warning for a PNG at 96 dpi: $(cat "$tmp/err")"

# The layout dump of the pages: one "page" line before each, every lane
# label at one height on every page of a row, every box inside its page.
"$jmap" render "$sixty" --format layout --page a4 -o "$tmp/pages.layout" -q ||
    fail "render the layout of A4 pages"
n=$(grep -c '^page ' "$tmp/pages.layout")
[ "$n" -gt 2 ] || fail "the layout dump of A4 pages has $n pages"
LC_ALL=C awk '
/^page / { row = $4; next }
/^map / { w = $5; h = $6; next }
/^lane-label / {
    key = row " " substr($0, index($0, "\""))
    if (key in seen && seen[key] != $4) { print "FAIL: " key " at y " $4 " and " seen[key]; bad = 1 }
    seen[key] = $4
}
$3 ~ /^-?[0-9.]+$/ && ($3 < 0 || $4 < 0 || $3 + $5 > w + 0.01 || $4 + $6 > h + 0.01) {
    print "FAIL: off its page: " $0; bad = 1
}
END { exit bad }' "$tmp/pages.layout" || fail "the pages of the layout dump do not line up"
rows=$(awk '/^page / { print $4 }' "$tmp/pages.layout" | sort -u | wc -l)
[ "$rows" -ge 1 ] || fail "no rows of pages"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
