#!/bin/sh
# render_diff.sh - `jmap render NEW --diff OLD` marks the changes on the
# map: the PDF's text holds the tags and the removed step's name, the SVG
# parses and holds them, the PNG is drawn, a French map says them in
# French, a map compared with itself is drawn as without --diff, a split
# map keeps the 6 pt rule and its marks, and an OLD that cannot be read or
# has errors writes nothing (exit 2).
#   sh render_diff.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
d=$src/tests/diff

# PDF: the tags, the removed step, the key.
check 0 "render --diff pdf" "$jmap" render "$d/steps.new.yaml" --diff "$d/steps.old.yaml" \
    -o "$tmp/steps.pdf"
pdftotext "$tmp/steps.pdf" - | tr '\n' ' ' >"$tmp/steps.txt" || fail "pdftotext steps.pdf"
for words in "new" "renamed" "step removed" "Receives the parcel" "Changes" \
             "Added since the old map" "Removed or solved"; do
    grep -q -F "$words" "$tmp/steps.txt" || fail "the marked PDF lacks '$words'"
done
"$jmap" render "$d/steps.new.yaml" -o "$tmp/plain.pdf" 2>/dev/null || fail "render plain pdf"
pdftotext "$tmp/plain.pdf" - | tr '\n' ' ' >"$tmp/plain.txt"
for words in "Receives the parcel" "step removed" "renamed" "Changes"; do
    grep -q -F "$words" "$tmp/plain.txt" && fail "the plain PDF shows '$words'"
done

# Irritants: what changed, and the solved one.
check 0 "render --diff irritants" "$jmap" render "$d/irritants.new.yaml" \
    --diff "$d/irritants.old.yaml" -o "$tmp/irritants.pdf"
pdftotext "$tmp/irritants.pdf" - | tr '\n' ' ' >"$tmp/irritants.txt"
for words in "severity: high → medium" "solved" "Account required before paying" "reworded"; do
    grep -q -F "$words" "$tmp/irritants.txt" || fail "the irritants PDF lacks '$words'"
done

# French: the words of the marks in French.
check 0 "render --diff french" "$jmap" render "$d/french.new.yaml" --diff "$d/french.old.yaml" \
    -o "$tmp/french.pdf"
pdftotext "$tmp/french.pdf" - | tr '\n' ' ' >"$tmp/french.txt"
for words in "nouveau" "résolu" "Changements" "Ajouté depuis"; do
    grep -q -F "$words" "$tmp/french.txt" || fail "the French PDF lacks '$words'"
done
grep -q -w "new" "$tmp/french.txt" && fail "the French PDF says 'new'"

# SVG: well-formed, with the marks.
check 0 "render --diff svg" "$jmap" render "$d/emotions.new.yaml" --diff "$d/emotions.old.yaml" \
    -o "$tmp/emotions.svg"
python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$tmp/emotions.svg" ||
    fail "the marked SVG does not parse"
grep -q -F 'emotion (Léa)' "$tmp/emotions.svg" || fail "the SVG lacks the emotion tag"
grep -q -F 'Emotion before' "$tmp/emotions.svg" || fail "the SVG lacks the key"

# PNG: drawn, and not the plain one.
check 0 "render --diff png" "$jmap" render "$d/steps.new.yaml" --diff "$d/steps.old.yaml" \
    -o "$tmp/steps.png"
file "$tmp/steps.png" | grep -q 'PNG image data' || fail "the marked PNG is not a PNG"
"$jmap" render "$d/steps.new.yaml" -o "$tmp/plain.png" 2>/dev/null
cmp -s "$tmp/steps.png" "$tmp/plain.png" && fail "the marked PNG is the plain one"

# A map compared with itself: no mark at all, the dump of the plain map.
"$jmap" render "$d/steps.new.yaml" --format layout -o "$tmp/plain.layout" 2>/dev/null
check 0 "render --diff itself" "$jmap" render "$d/steps.new.yaml" --diff "$d/steps.new.yaml" \
    --format layout -o "$tmp/self.layout"
cmp -s "$tmp/plain.layout" "$tmp/self.layout" || fail "--diff of a map with itself changes its layout"
check 0 "render --diff equal maps" "$jmap" render "$d/formatting.new.yaml" \
    --diff "$d/formatting.old.yaml" --format layout -o "$tmp/formatting.layout"
grep -q '^diff-' "$tmp/formatting.layout" && fail "maps that differ only in form get marks"

# A blank sheet has nothing to mark.
check 0 "render --blank --diff" "$jmap" render "$d/steps.new.yaml" --diff "$d/steps.old.yaml" \
    --blank --format layout -o "$tmp/blank.layout"
grep -q '^diff-' "$tmp/blank.layout" && fail "a blank sheet got marks"

# Pages: a marked map split over A4 pages keeps 6 pt and its marks.
check 0 "render --diff a4" "$jmap" render "$d/irritants.new.yaml" --diff "$d/irritants.old.yaml" \
    --page a4 -o "$tmp/a4.pdf"
min=$(sed -n 's/.*text \([0-9.]*\) to .*/\1/p' "$tmp/err")
awk -v m="$min" 'BEGIN { exit !(m >= 6.0) }' || fail "a marked A4 map prints at $min pt"
"$jmap" render "$d/irritants.new.yaml" --diff "$d/irritants.old.yaml" --page a4 \
    --format layout -o "$tmp/a4.layout" 2>/dev/null
grep -q '^page 2/' "$tmp/a4.layout" || fail "the marked map fits one A4 page: no split tested"
grep -q '^diff-tag-text .*"solved"' "$tmp/a4.layout" || fail "the pages lost the solved tag"

# OLD missing or with errors: exit 2, its findings, nothing written.
check 2 "render --diff missing" "$jmap" render "$d/steps.new.yaml" --diff "$tmp/nope.yaml" \
    -o "$tmp/none.pdf"
grep -q "^jmap: render: --diff: cannot read '.*nope.yaml': No such file" "$tmp/err" ||
    fail "no reason for a missing OLD: $(cat "$tmp/err")"
[ -e "$tmp/none.pdf" ] && fail "a render with a missing OLD wrote its output"
check 2 "render --diff broken" "$jmap" render "$d/steps.new.yaml" --diff "$d/bad-new.new.yaml" \
    -o "$tmp/none.pdf"
grep -q 'bad-new.new.yaml:69:23: error: unknown touchpoint' "$tmp/err" ||
    fail "the findings of a broken OLD are not shown: $(cat "$tmp/err")"
grep -q "has errors; nothing was rendered" "$tmp/err" || fail "no summary for a broken OLD"
[ -e "$tmp/none.pdf" ] && fail "a render with a broken OLD wrote its output"
echo keep >"$tmp/kept.pdf"
check 2 "render --diff broken, existing output" "$jmap" render "$d/steps.new.yaml" \
    --diff "$d/bad-new.new.yaml" -o "$tmp/kept.pdf"
[ "$(cat "$tmp/kept.pdf")" = keep ] || fail "a broken OLD changed the existing output"
check 2 "render --diff OLD is the output" "$jmap" render "$d/steps.new.yaml" \
    --diff "$tmp/kept.pdf" -o "$tmp/kept.pdf"
grep -q "is the input" "$tmp/err" || fail "writing over OLD is not refused"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
