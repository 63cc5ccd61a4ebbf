#!/bin/sh
# render_content_lanes.sh - every text of tests/content/every_key.yaml is
# drawn once, whole, in the right lane: in the layout dump, one text box
# holds it, inside the band of the lane it belongs to (a thought in
# Thoughts, a step's metric in Metrics, an action in Departments, a
# stage's goals and metrics in Stages...), and the PDF (pdftotext -bbox)
# has its first word where that box is.
#   sh render_content_lanes.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
python=/usr/bin/python3
map=$src/tests/content/every_key.yaml

"$jmap" render "$map" -f layout -o "$tmp/map.layout" 2>"$tmp/err" || fail "render the layout: $(cat "$tmp/err")"
"$jmap" render "$map" --page auto -q -o "$tmp/map.pdf" 2>"$tmp/err" || fail "render the PDF: $(cat "$tmp/err")"
pdftotext -bbox "$tmp/map.pdf" "$tmp/words.html" || fail "pdftotext -bbox"
# each text, tab, the lane it belongs in
"$jmap" export "$map" --format json | jq -r '
    (.stages[] | (.name, .description, (.goals[]?), (.metrics[]? | .name))
        | select(. != null) | [., "Stages"]),
    (.steps[] | (.name, .description) | select(. != null) | [., "Customer actions"]),
    (.steps[] | (.thoughts[]?) | [., "Thoughts"]),
    (.steps[] | (.irritants[]? | .name, .remedy), (.moments[]? | if type == "object" then .name else . end)
        | select(. != null) | [., "Irritants and positive moments"]),
    (.steps[] | (.ideas[]?) | [., "Ideas"]),
    (.steps[] | (.metrics[]? | .name) | [., "Metrics"]),
    (.steps[] | (.actions[]? | .text) | [., "Departments"])
    | @tsv' >"$tmp/texts" || fail "jmap export"
[ "$(wc -l <"$tmp/texts")" -eq 39 ] || fail "not the 39 texts of every_key.yaml"

"$python" - "$tmp/map.layout" "$tmp/words.html" "$tmp/texts" <<'PY' || fail "a text is not once, whole, in its lane"
import html, re, sys
layout, words_html, texts = sys.argv[1:4]
boxes, lanes = [], []
for line in open(layout, encoding="utf-8"):
    m = re.match(r'(\S+) (\d+):(\d+) (\S+) (\S+) (\S+) (\S+)(?: "(.*)")?$', line.rstrip("\n"))
    if not m:
        continue
    kind, x, y, w, h = m.group(1), *map(float, m.group(4, 5, 6, 7))
    text = m.group(8)
    if text is not None:
        text = text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
    if kind == "lane":
        lanes.append([y, y + h, None])
    elif kind == "lane-label" and lanes and lanes[-1][2] is None:
        lanes[-1][2] = text
    boxes.append((kind, x, y, w, h, text))
words = [(float(a), float(b), html.unescape(t)) for a, b, t in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>',
                    open(words_html, encoding="utf-8").read())]
bad = 0
for row in open(texts, encoding="utf-8"):
    text, lane = row.rstrip("\n").split("\t")
    text = text.replace("\\n", " ")
    found = [b for b in boxes if b[5] == text]
    if len(found) != 1:
        print(f"'{text}' is in {len(found)} text boxes, not one")
        bad += 1
        continue
    kind, x, y, w, h, _ = found[0]
    band = [l for l in lanes if l[0] <= y and y + h <= l[1] + 0.01]
    if not band or band[0][2] != lane:
        print(f"'{text}' ({kind}) is in lane {band[0][2] if band else None}, not {lane}")
        bad += 1
    first = text.split()[0]
    if not any(abs(wx - x) < 2 and y - 4 <= wy <= y + 4 and
               wt.lstrip("\u201c\u00ab\u00a0").startswith(first[:3])
               for wx, wy, wt in words):
        print(f"the PDF has no '{first}' at {x:.1f} {y:.1f}, where '{text}' is laid out")
        bad += 1
sys.exit(1 if bad else 0)
PY
exit $fail
