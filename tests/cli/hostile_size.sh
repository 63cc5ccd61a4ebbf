#!/bin/sh
# hostile_size.sh - output size limits: however wide or tall a map is, no PDF
# page side exceeds 14400 pt (JMAP_MAX_PDF_SIDE_PT); a PNG that would be
# larger than 32767 pixels a side or 100 million pixels, or an SVG wider than
# JMAP_MAX_SVG_SIDE_PT, is refused with an error that names --page (and
# --dpi), leaving an existing file untouched.
#   sh hostile_size.sh JMAP SOURCE_DIR
jmap=$1
. "$(dirname "$0")/../testlib.sh"

python3 - "$tmp" <<'EOF2'
import sys
out = sys.argv[1]
rows = ["jmap: 1\ntitle: Wide\nstages:\n"]
for s in range(100):
    rows.append("  - id: s%d\n    name: Stage %d\n    steps:\n" % (s, s))
    rows += ["      - {name: Step %d, emotion: %d}\n" % (k, k % 5 - 2) for k in range(20)]
open(out + "/wide.yaml", "w").write("".join(rows))
rows = ["jmap: 1\ntitle: Tall\ndepartments:\n"]
rows += ["  d%d: Department %d\n" % (i, i) for i in range(1500)]
rows.append("stages:\n  - id: s\n    name: S\n    steps:\n      - name: A\n")
rows.append("        departments: [%s]\n" % ", ".join("d%d" % i for i in range(1500)))
rows.append("        irritants: [%s]\n" % ", ".join("{name: I%d, owner: d0}" % i for i in range(300)))
open(out + "/tall.yaml", "w").write("".join(rows))
EOF2

for map in wide tall; do
    for opts in "--page auto" "--page auto --fit" "--page a3" "--page a4 --fit"; do
        # shellcheck disable=SC2086
        "$jmap" render "$tmp/$map.yaml" $opts -o "$tmp/$map.pdf" 2>/dev/null ||
            { fail "$map $opts: render failed"; continue; }
        LC_ALL=C pdfinfo -f 1 -l 100000 "$tmp/$map.pdf" >"$tmp/info" || fail "$map $opts: PDF does not open"
        LC_ALL=C awk -v what="$map $opts" '/^Page +[0-9]+ size:/ {
                if ($4 > 14400 || $6 > 14400) { print "FAIL: " what ": page " $2 " is " $4 " x " $6 " pt"; bad = 1 }
            } END { exit bad }' "$tmp/info" >&2 || fails=$((fails + 1))
    done
done

echo "precious" >"$tmp/wide.png"
"$jmap" render "$tmp/wide.yaml" -o "$tmp/wide.png" 2>"$tmp/err"
code=$?
[ $code = 2 ] || fail "a PNG over the limit: exit $code, expected 2"
grep -q -- "--dpi" "$tmp/err" && grep -q -- "--page" "$tmp/err" ||
    fail "the PNG error does not name --dpi and --page: $(cat "$tmp/err")"
[ "$(cat "$tmp/wide.png")" = precious ] || fail "a refused PNG changed the existing file"
"$jmap" render "$tmp/tall.yaml" --dpi 2400 -o "$tmp/tall.png" 2>"$tmp/err" &&
    fail "a 2400 dpi PNG of a tall map was accepted"
grep -q "pixels" "$tmp/err" || fail "no reason for the refused PNG: $(cat "$tmp/err")"
[ -e "$tmp/tall.png" ] && fail "a refused PNG left a file"
"$jmap" render "$tmp/wide.yaml" --page a4 -o "$tmp/wide-a4.png" 2>/dev/null ||
    fail "a PNG of a wide map on an A4 page was refused"

# An SVG wider than JMAP_MAX_SVG_SIDE_PT (cairo's coordinates end at 2^23
# units: a wider SVG used to abort inside cairo) is refused the same way.
python3 -c "
import sys
rows = ['jmap: 1\ntitle: Widest\nstages:\n  - id: s\n    name: S\n    steps:\n']
rows += ['      - {name: P}\n'] * 66000
open(sys.argv[1], 'w').write(''.join(rows))
" "$tmp/widest.yaml"
echo "precious" >"$tmp/widest.svg"
"$jmap" render "$tmp/widest.yaml" -o "$tmp/widest.svg" 2>"$tmp/err"
code=$?
[ $code = 2 ] || fail "an SVG over the limit: exit $code, expected 2: $(cat "$tmp/err")"
grep -q -- "--page" "$tmp/err" || fail "the SVG error does not name --page: $(cat "$tmp/err")"
[ "$(cat "$tmp/widest.svg")" = precious ] || fail "a refused SVG changed the existing file"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
