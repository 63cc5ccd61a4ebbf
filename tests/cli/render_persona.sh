#!/bin/sh
# render_persona.sh - `jmap render --persona ID` draws the journey of one
# persona alone: their steps (and the steps for everyone), their curve,
# their persona card; an id the map does not have is a usage error that
# suggests the closest one, and nothing is written.
#   sh render_persona.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
map=$src/tests/content/every_key.yaml

check 0 "--persona nora, pdf" "$jmap" render "$map" --persona nora -o "$tmp/nora.pdf"
expect_in "$tmp/err" "wrote $tmp/nora.pdf:"
pdftotext -raw "$tmp/nora.pdf" "$tmp/nora.txt" || fail "pdftotext nora.pdf"
tr -s ' \n' '  ' <"$tmp/nora.txt" >"$tmp/nora.flat"
expect_in "$tmp/nora.flat" "Calls the hotline and waits for an agent"
expect_in "$tmp/nora.flat" "Gets a text message the day before"
expect_in "$tmp/nora.flat" "Lets the technician in"
expect_in "$tmp/nora.flat" "Nora"
expect_not_in "$tmp/nora.flat" "Books a slot on the website"
expect_not_in "$tmp/nora.flat" "Paul"
expect_not_in "$tmp/nora.flat" "nurse on night shifts"

# The layout: Paul's three steps, one persona card, one curve.
check 0 "--persona paul, layout" "$jmap" render "$map" --persona paul --format layout \
    -o "$tmp/paul.layout"
[ "$(grep -c '^step ' "$tmp/paul.layout")" = 3 ] ||
    fail "paul: $(grep -c '^step ' "$tmp/paul.layout") steps, expected 3"
[ "$(grep -c '^persona ' "$tmp/paul.layout")" = 1 ] || fail "paul: not one persona card"
[ "$(grep -c '^curve ' "$tmp/paul.layout")" = 1 ] || fail "paul: not one curve"
grep '^step-name ' "$tmp/paul.layout" | grep -q "Books a slot on the website" ||
    fail "paul: his online booking is missing"
grep -q '"Calls the hotline' "$tmp/paul.layout" && fail "paul: Nora's call is drawn"
"$jmap" render "$map" --format layout -o "$tmp/all.layout" -q || fail "render all"
[ "$(grep -c '^step ' "$tmp/all.layout")" = 4 ] || fail "all: not 4 steps"

# SVG, PNG and a blank sheet of one persona's journey.
for f in svg png; do
    check 0 "--persona nora, $f" "$jmap" render "$map" --persona nora -o "$tmp/nora.$f"
done
check 0 "--persona paul --blank" "$jmap" render "$map" --persona paul --blank \
    --format layout -o "$tmp/blank.layout"
[ "$(grep -c '^step ' "$tmp/blank.layout")" = 3 ] || fail "blank of paul: not 3 columns"

# With --diff: the changes to Nora's steps are marked, those to Paul's
# steps have nothing to mark on her journey.
sed -e 's/emotion: {paul: 1}$/emotion: {paul: -1}/' \
    -e 's/Calls the hotline and waits for an agent/Calls the hotline/' \
    "$map" >"$tmp/old.yaml"
grep -q 'paul: -1' "$tmp/old.yaml" || fail "old.yaml: the sed did nothing"
check 0 "--persona nora --diff" "$jmap" render "$map" --persona nora --diff "$tmp/old.yaml" \
    --format layout -o "$tmp/nora-diff.layout"
grep '^diff-tag-text ' "$tmp/nora-diff.layout" >"$tmp/nora.tags"
expect_in "$tmp/nora.tags" "renamed"
expect_not_in "$tmp/nora.tags" "Paul"
check 0 "--persona paul --diff" "$jmap" render "$map" --persona paul --diff "$tmp/old.yaml" \
    --format layout -o "$tmp/paul-diff.layout"
grep '^diff-tag-text ' "$tmp/paul-diff.layout" >"$tmp/paul.tags"
expect_in "$tmp/paul.tags" "Paul"
expect_not_in "$tmp/paul.tags" "renamed"

# An unknown id: exit 2, the closest id, nothing written.
check 2 "--persona nor" "$jmap" render "$map" --persona nor -o "$tmp/bad.pdf"
expect_in "$tmp/err" "has no persona 'nor'; did you mean 'nora'?"
check 2 "--persona zed" "$jmap" render "$map" --persona zed -o "$tmp/bad.pdf"
expect_in "$tmp/err" "(its personas: nora, paul)"
check 2 "--persona on a map without personas" "$jmap" render \
    "$src/tests/print/seven.yaml" --persona nora -o "$tmp/bad.pdf"
expect_in "$tmp/err" "has no personas"
printf 'jmap: 1\ntitle: T\npersonas: {a: A}\nstages: [{id: s, name: S, steps: [{name: X}]}]\n' \
    >"$tmp/esc.yaml"
check 2 "--persona with a control character" "$jmap" render "$tmp/esc.yaml" \
    --persona "$(printf 'x\033[2Jy')" -o "$tmp/bad.pdf"
grep -q "$(printf '\033')" "$tmp/err" && fail "an escape reached the terminal"
[ -e "$tmp/bad.pdf" ] && fail "a file was written for a bad --persona"
exit $fail
