#!/bin/sh
# render_persona_discs.sh - on a map with several personas, each step that
# lists its personas shows their discs, each persona card its own, and each
# curve is one path over the steps that are not its persona's; `--persona
# ID` draws their steps, curve and card alone (render_persona.sh tests the
# journey itself and the usage errors).
#   sh render_persona_discs.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
map=$src/tests/content/every_key.yaml

# the whole map: four steps, two persona cards, a disc per listed persona
"$jmap" render "$map" -f layout -o "$tmp/all.layout" 2>/dev/null || fail "render the whole map"
[ "$(grep -c '^step ' "$tmp/all.layout")" = 4 ] || fail "the whole map has not 4 steps"
[ "$(grep -c '^persona ' "$tmp/all.layout")" = 2 ] || fail "the whole map has not 2 persona cards"
# two on the persona cards, one on each of the two steps that list one
[ "$(grep -c '^persona-chip ' "$tmp/all.layout")" = 4 ] || fail "not one disc per persona card and listed persona"
grep -q '^persona-initial .* "N"$' "$tmp/all.layout" || fail "Nora's disc has not her initial"

# Nora's journey: her step and the two everyone's, her card and curve
"$jmap" render "$map" --persona nora -f layout -o "$tmp/nora.layout" 2>"$tmp/err" ||
    fail "render --persona nora: $(cat "$tmp/err")"
[ "$(grep -c '^step ' "$tmp/nora.layout")" = 3 ] || fail "Nora's journey has not 3 steps"
grep -q '"Calls the hotline and waits for an agent"' "$tmp/nora.layout" || fail "Nora's own step is missing"
grep -q '"Books a slot on the website"' "$tmp/nora.layout" && fail "Paul's step is in Nora's journey"
[ "$(grep -c '^persona ' "$tmp/nora.layout")" = 1 ] || fail "Nora's journey has not one persona card"
grep -q '^persona-name .* "Nora"$' "$tmp/nora.layout" || fail "Nora's card is missing"
grep -q '"Paul"' "$tmp/nora.layout" && fail "Paul is in Nora's journey"
# her curve: one path through her three points, over no step of Paul's
[ "$(grep -c '^curve ' "$tmp/nora.layout")" = 1 ] || fail "Nora's curve is not one path"
[ "$(grep -c '^emotion ' "$tmp/nora.layout")" = 3 ] || fail "Nora's curve has not 3 points"
# on the whole map her curve skips Paul's step: one path, not two
"$jmap" render "$map" -f layout -o - 2>/dev/null | awk '$1 == "curve"' >"$tmp/curves"
[ "$(wc -l <"$tmp/curves")" = 2 ] || fail "the two curves are not one path each"
# a PDF of her journey holds her texts, not Paul's
"$jmap" render "$map" --persona nora -q -o "$tmp/nora.pdf" || fail "render --persona nora to PDF"
pdftotext -raw "$tmp/nora.pdf" - >"$tmp/nora.txt" || fail "pdftotext"
grep -q "I hope someone picks up" "$tmp/nora.txt" || fail "Nora's thought is not in her PDF"
grep -q "Finally a slot" "$tmp/nora.txt" && fail "Paul's thought is in Nora's PDF"

exit $fail
