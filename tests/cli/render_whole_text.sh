#!/bin/sh
# render_whole_text.sh - no text of a map is shortened or dropped: every
# text the map shows (title, description, personas, stages and steps with
# their descriptions, stage goals, thoughts, metrics, touchpoints,
# irritants and remedies, moments, ideas, departments and their actions) is
# in the PDF's text (pdftotext -raw, which reads the texts in the order
# they are drawn, each whole) and in the SVG's <text> elements, whole, and no
# "…" that the map did not write appears, for the shipped maps and maps
# with very long names and words, on pages and on one page.
#   sh render_whole_text.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
ellipsis=$(printf '\342\200\246')
nbsp=$(printf '\302\240')

# squeeze - the text on standard input without white space (texts wrap
# over lines; a French space is drawn as a no-break space).
squeeze() {
    sed "s/$nbsp//g" | tr -d ' \n\t\r'
}

# texts MAP [lanes] - every text the map shows, one a line (jq over the
# export); with `lanes`, those of the lanes only.
texts() {
    "$jmap" export "$1" --format json | jq -r --arg only "${2:-}" '
        . as $m
        | [(if $only == "" then .title, .description,
               (.personas[]? | .name, .description, (.goals[]?))
            else empty end),
           (.stages[] | .name, .description, (.goals[]?), (.metrics[]? | .name)),
           (.steps[] | .name, .description, (.thoughts[]?),
                (.metrics[]? | .name), (.actions[]? | .text),
                (.irritants[]? | .name, .remedy),
                (.moments[]? | if type == "object" then .name else . end),
                (.ideas[]?)),
           ([.steps[].touchpoints[]?] | unique[] as $t
                | $m.touchpoints[] | select(.id == $t) | .name),
           ([.steps[].involved_departments[]?] | unique[] as $d
                | $m.departments[] | select(.id == $d) | .name)]
        | .[] | select(. != null) | gsub("[\n\r]"; " ")'
}

# whole MAP OUT.pdf OUT.svg [lanes] - every text of MAP (of its lanes)
# is whole in both files.
whole() {
    map=$1
    pdftotext -raw "$2" - | squeeze >"$tmp/pdf.txt" || fail "pdftotext $2"
    xmllint --xpath '//*[local-name()="text"]' "$3" | sed 's/<[^>]*>//g' |
        sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' \
            -e "s/&apos;/'/g" -e 's/&amp;/\&/g' | squeeze >"$tmp/svg.txt"
    texts "$map" "${4:-}" >"$tmp/texts" || fail "jmap export $map"
    [ -s "$tmp/texts" ] || fail "no text found in $map"
    written=no
    grep -q -F "$ellipsis" "$map" && written=yes
    while IFS= read -r text; do
        bare=$(printf '%s' "$text" | squeeze)
        grep -q -F -- "$bare" "$tmp/pdf.txt" || fail "$2 lacks the whole text '$text'"
        grep -q -F -- "$bare" "$tmp/svg.txt" || fail "$3 lacks the whole text '$text'"
    done <"$tmp/texts"
    if [ $written = no ]; then
        grep -q -F "$ellipsis" "$tmp/pdf.txt" && fail "$2 has a text cut with …"
        grep -q -F "$ellipsis" "$tmp/svg.txt" && fail "$3 has a text cut with …"
    fi
}

# A map of very long names and words, in every lane.
long=$(printf 'A name that goes on and on %.0s' 1 2 3 4 5 6 7 8)
word=Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft
cat >"$tmp/long.yaml" <<EOF
jmap: 1
title: $long $word
personas:
  p: {name: $word $long, description: $long, goals: [$long $word]}
departments:
  d: {name: $word $long, visibility: frontstage}
  e: {name: $long, visibility: support}
touchpoints:
  t: {name: $long $word, channel: digital, owner: d}
stages:
  - id: s
    name: $word $long
    steps:
      - name: $long $word
        emotion: 1
        touchpoints: [t]
        departments: [e]
        irritants:
          - {name: $word $long, severity: high, frequency: 3, owner: d, remedy: $long $word}
        moments: [$long]
        ideas: [$word]
      - name: $word
        emotion: -1
  - id: u
    name: $long
    steps:
      - name: $word $word $word
EOF

for map in "$src"/maps/*.yaml "$src/tests/content/every_key.yaml" \
    "$src/tests/layout/long-texts.yaml" "$tmp/long.yaml"; do
    name=$(basename "$map" .yaml)
    "$jmap" render "$map" -q -o "$tmp/$name.pdf" 2>"$tmp/err" || fail "render $map: $(cat "$tmp/err")"
    "$jmap" render "$map" -q -o "$tmp/$name.svg" 2>"$tmp/err" || fail "render $map to SVG: $(cat "$tmp/err")"
    whole "$map" "$tmp/$name.pdf" "$tmp/$name.svg"
    # and on A4 pages, where a stage's name goes on "(continued)" (their
    # title block may be the short one, without description and personas)
    "$jmap" render "$map" -q --page a4 -o "$tmp/$name-a4.pdf" 2>"$tmp/err" ||
        fail "render $map on A4: $(cat "$tmp/err")"
    whole "$map" "$tmp/$name-a4.pdf" "$tmp/$name.svg" lanes
done

# A text of more than twelve lines is drawn whole, with a warning.
"$jmap" render "$src/tests/layout/long-texts.yaml" -o "$tmp/l.pdf" 2>"$tmp/err" ||
    fail "render long-texts.yaml"
grep -q 'long-texts.yaml:50:15: warning: text wraps to [0-9]* lines, which makes its row very tall \[text-overflow\]' "$tmp/err" ||
    fail "no text-overflow warning for the very long step name: $(cat "$tmp/err")"
exit $fail
