#!/bin/sh
# report_pdf.sh JMAP SOURCE_DIR - `jmap report --format pdf`: pdfinfo sees A4
# portrait pages and the report's title; on a map of 120 irritants the
# ranked table runs over several pages, each starting with the table's
# header row again (pdftotext) and ending with "page n/N"; pdfminer
# (python3-pdfminer) finds no glyph under 6 pt; a French map gives a
# French PDF; a failure leaves an existing file as it was. Exit 77
# (skipped) without poppler-utils or python3-pdfminer.
. "$2/tests/testlib.sh"
jmap=$1
src=$2
py=/usr/bin/python3
if ! command -v pdfinfo >/dev/null 2>&1 || ! $py -c 'import pdfminer' 2>/dev/null; then
    echo "SKIP: poppler-utils and python3-pdfminer are needed"
    exit 77
fi
$py - "$tmp/long.yaml" <<'PY'
import sys
rows = ["jmap: 1\ntitle: Long\ndepartments: {ops: Operations}\nstages:\n"]
for s in range(6):
    rows.append("  - id: s%d\n    name: Stage %d\n    steps:\n" % (s, s))
    for k in range(10):
        rows.append("      - name: Step %d.%d\n        emotion: %d\n        irritants:\n"
                    % (s, k, (s + k) % 5 - 2))
        rows.append("          - {name: Irritant %d.%d a, severity: high, frequency: %d, owner: ops}\n"
                    % (s, k, 100 + s * 10 + k))
        rows.append("          - {name: Irritant %d.%d b, severity: low, remedy: Fix it}\n" % (s, k))
open(sys.argv[1], "w").write("".join(rows))
PY
check 0 "report --format pdf of a long map" "$jmap" report --format pdf -o "$tmp/long.pdf" "$tmp/long.yaml"
pdfinfo "$tmp/long.pdf" >"$tmp/info" 2>&1 || fail "pdfinfo cannot read the PDF"
expect_in "$tmp/info" "Page size:       595.276 x 841.89 pts (A4)"
expect_in "$tmp/info" "Title:           Action report: Long"
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
[ "${pages:-0}" -ge 4 ] || fail "a report of 120 irritants on ${pages:-0} pages"
# Every page but the last of the ranked table starts with its header row.
i=1
while [ $i -le "${pages:-0}" ]; do
    pdftotext -f $i -l $i -layout "$tmp/long.pdf" "$tmp/p$i.txt"
    expect_in "$tmp/p$i.txt" "page $i/$pages"
    i=$((i + 1))
done
expect_in "$tmp/p2.txt" "Irritant"
head -3 "$tmp/p2.txt" | grep -q "Severity" || fail "page 2 does not start with the header row"
# The ranking holds across pages: rank 1 is the most frequent high one.
pdftotext "$tmp/long.pdf" "$tmp/all.txt"
expect_in "$tmp/all.txt" "Irritant 5.9 a"
$py - "$tmp/long.pdf" "$src/maps/shoes.yaml" <<'PY' || fail "a glyph under 6 pt"
import sys
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer
smallest = 99.0
def walk(o):
    global smallest
    if isinstance(o, LTChar):
        smallest = min(smallest, o.size)
    elif isinstance(o, LTContainer):
        for c in o:
            walk(c)
for page in extract_pages(sys.argv[1]):
    walk(page)
print("smallest glyph: %.2f pt" % smallest)
sys.exit(0 if 6.0 <= smallest < 99 else 1)
PY
check 0 "report --format pdf of a French map" \
    "$jmap" report --format pdf -o "$tmp/fr.pdf" "$src/maps/boutique.yaml"
pdftotext "$tmp/fr.pdf" "$tmp/fr.txt"
expect_in "$tmp/fr.txt" "Irritants par priorité"
expect_in "$tmp/fr.txt" "Rapport d’actions"
# A map with errors: exit 1, the existing file untouched.
printf 'kept\n' >"$tmp/kept.pdf"
printf 'jmap: 1\ntitle: Bad\nstages: 3\n' >"$tmp/bad.yaml"
check 1 "report --format pdf of a bad map" "$jmap" report --format pdf -o "$tmp/kept.pdf" "$tmp/bad.yaml"
[ "$(cat "$tmp/kept.pdf")" = kept ] || fail "a failed report changed the output file"
exit $fail
