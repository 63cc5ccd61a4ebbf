#!/bin/sh
# render_print.sh - print that holds up on the wall and in the hand: every
# shipped map and every map of tests/print is rendered to PDF at A3 (the
# orientation jmap picks, which must need the fewest sheets), A4 landscape,
# A4 portrait, Letter, and as an A1 poster tiled on A4 sheets, and each PDF
# is read back by tests/print/pdfcheck.py: no glyph under 6 pt, pages
# filled, text inside the printable area, one lane grid, the paper and the
# tiles asked for. The widest and the tallest map are rendered on A2 and
# Tabloid too. The one line jmap writes to stderr ("wrote NAME: ..., text X
# to Y pt") must tell the truth; --quiet, --blank and --fit are checked on
# one map each.
# Exit 77 (skipped) without python3-pdfminer.
#   sh render_print.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
python=/usr/bin/python3
check=$src/tests/print/pdfcheck.py
if ! $python -c 'import pdfminer' 2>/dev/null; then
    echo "SKIP: python3-pdfminer is needed"
    exit 77
fi

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# orientation PDF - landscape or portrait, from the first page's size.
orientation() {
    # (awk reads numbers in the C locale: the suite also runs in French)
    LC_ALL=C pdfinfo "$1" | LC_ALL=C awk '/^Page size:/ { print ($3 + 0 > $5 + 0) ? "landscape" : "portrait"; exit }'
}

# render WHAT MAP OUT ARGS... - renders MAP to OUT, failing when jmap does.
# $line is the one line on stderr; when it has the shape it should, $count
# is the number of pages (or of sheets of a poster) and $lo, $hi the text
# sizes it gives, and $known the checks they make for pdfcheck.py; else
# the failure is recorded and they are empty.
render() {
    what=$1
    map=$2
    out=$3
    shift 3
    count='' lo='' hi='' known='' line=''
    "$jmap" render "$map" -o "$out" "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ $code -ne 0 ]; then
        fail "$what: jmap render $* exited $code: $(head -3 "$tmp/err")"
        return 1
    fi
    lines=$(grep -c '' "$tmp/err")
    [ "$lines" -eq 1 ] ||
        fail "$what: $lines lines on stderr, expected exactly one 'wrote' line$(sed 's/^/; /' "$tmp/err")"
    line=$(grep '^wrote ' "$tmp/err" | head -1)
    name=$(basename "$out")
    pt='[0-9][0-9]*\([.,][0-9][0-9]*\)\{0,1\}'
    if ! printf '%s\n' "$line" | grep -q "^wrote \(.*/\)\{0,1\}$name: .*text $pt to $pt pt$"; then
        fail "$what: no line 'wrote $name: ..., text X to Y pt' on stderr"
        return 0
    fi
    lo=$(printf '%s\n' "$line" | sed "s/.*text \($pt\) to .*/\1/" | tr , .)
    hi=$(printf '%s\n' "$line" | sed "s/.* to \($pt\) pt$/\1/" | tr , .)
    case $line in
    *" poster on "* | *" posters on "*)
        count=$(printf '%s\n' "$line" | sed -n 's/.* posters* on \([0-9][0-9]*\) .*/\1/p') ;;
    *) count=$(printf '%s\n' "$line" | sed -n "s/^wrote [^:]*: \([0-9][0-9]*\) .*/\1/p") ;;
    esac
    if [ -z "$count" ]; then
        fail "$what: no page count in '$line'"
        return 0
    fi
    case $count in 1) noun="page\|sheet" ;; *) noun="pages\|sheets" ;; esac
    printf '%s\n' "$line" | grep -q " \($noun\)[ ,]" ||
        fail "$what: '$line' does not say '$count page(s)'"
    known="--text-range $lo $hi"
    return 0
}

# pdfcheck WHAT PDF ARGS... - runs the checker, its failures become ours.
pdfcheck() {
    what=$1
    shift
    if ! $python "$check" "$@" >"$tmp/check" 2>&1; then
        fail "$what: pdfcheck.py $(echo "$@" | sed 's,[^ ]*/,,g'):"
        sed 's/^/    /' "$tmp/check" >&2
    fi
}

# says LINE PAPER WORD - the stderr line names the paper (in any case) and
# says WORD (the pages' orientation, "poster", "sheet").
says() {
    printf '%s\n' "$1" | grep -qi "$2" || fail "$what: '$1' does not name the paper $2"
    printf '%s\n' "$1" | grep -q "$3" || fail "$what: '$1' does not say $3"
}

# paged WHAT MAP LANG PAPER ORIENT ARGS... - a paged render and its checks.
paged() {
    what=$1
    map=$2
    lang=$3
    paper=$4
    orient=$5
    shift 5
    out=$tmp/$(basename "$map" .yaml)-$paper-$orient.pdf
    render "$what" "$map" "$out" --page "$paper" "$@" || return 1
    [ "$orient" = auto ] && orient=any
    # (85 % of every page; 80 % of a page of the last row of a map cut
    # down, which holds the rest of the map when the lanes' cuts cannot
    # share it more evenly)
    # shellcheck disable=SC2086
    pdfcheck "$what" "$out" ${count:+--pages $count} $known --paper "$paper" \
        --orientation "$orient" --min-pt 6 --fill 0.85 --fill-last 0.8 --inside \
        --lanes "$lang"
    [ -n "$line" ] || return 0
    says "$line" "$paper" "$(orientation "$out")"
    [ -z "$lo" ] || LC_ALL=C awk -v lo="$lo" 'BEGIN { exit !(lo >= 6) }' ||
        fail "$what: the stderr line says text from $lo pt, under 6 pt"
}

# auto_is_fewer WHAT MAP PAPER - the default orientation needs no more
# sheets than landscape and than portrait.
auto_is_fewer() {
    if ! { "$jmap" render "$2" -o "$tmp/auto.pdf" --page "$3" --quiet &&
        "$jmap" render "$2" -o "$tmp/land.pdf" --page "$3" --orientation landscape --quiet &&
        "$jmap" render "$2" -o "$tmp/port.pdf" --page "$3" --orientation portrait --quiet; } 2>/dev/null; then
        fail "$1: cannot render with --quiet or --orientation"
        return
    fi
    a=$(pages "$tmp/auto.pdf")
    l=$(pages "$tmp/land.pdf")
    p=$(pages "$tmp/port.pdf")
    if [ "$a" -gt "$l" ] || [ "$a" -gt "$p" ]; then
        fail "$1: the default orientation takes $a sheets; landscape takes $l, portrait $p"
    fi
}

check 0 "the print test maps lint without a finding" "$jmap" lint --strict "$src"/tests/print/*.yaml

for map in "$src"/maps/*.yaml "$src"/tests/print/*.yaml; do
    m=$(basename "$map" .yaml)
    lang=en
    grep -q '^lang: *fr' "$map" && lang=fr
    paged "$m A3" "$map" "$lang" a3 auto
    paged "$m A4 landscape" "$map" "$lang" a4 landscape --orientation landscape
    paged "$m A4 portrait" "$map" "$lang" a4 portrait --orientation portrait
    paged "$m Letter" "$map" "$lang" letter auto
    auto_is_fewer "$m A3" "$map" a3
    auto_is_fewer "$m Letter" "$map" letter

    what="$m A1 on A4"
    out=$tmp/$m-tiles.pdf
    if render "$what" "$map" "$out" --page a1 --tile a4; then
        [ -z "$line" ] || says "$line" a1 poster
        [ -z "$line" ] || says "$line" a4 sheet
        # shellcheck disable=SC2086
        pdfcheck "$what" "$out" ${count:+--pages $((count + 1))} $known --paper a4 \
            --orientation any --tiles auto --min-pt 6
    fi
done

# The other papers, each way round and the way jmap picks, on the widest and
# the tallest map: no glyph under 6 pt, none in the margins.
for map in "$src/tests/print/sixty.yaml" "$src/tests/print/tall.yaml"; do
    m=$(basename "$map" .yaml)
    for paper in a2 tabloid; do
        for side in landscape portrait any; do
            out=$tmp/$m-$paper-$side.pdf
            flag="--orientation $side"
            [ $side = any ] && flag=
            # shellcheck disable=SC2086
            render "$m $paper $side" "$map" "$out" --page $paper $flag &&
                pdfcheck "$m $paper $side" "$out" --paper $paper --orientation $side \
                    --min-pt 6 --inside
        done
    done
done

# --quiet: nothing on stderr, the same PDF.
shoes=$src/maps/shoes.yaml
"$jmap" render "$shoes" -o "$tmp/quiet.pdf" --quiet >"$tmp/out" 2>"$tmp/err" ||
    fail "--quiet: exit $?"
[ -s "$tmp/err" ] && fail "--quiet: stderr holds $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "--quiet: stdout holds $(cat "$tmp/out")"
[ "$(pages "$tmp/quiet.pdf" 2>/dev/null)" -ge 1 ] 2>/dev/null || fail "--quiet: no PDF written"

# --blank: the grid to fill in a workshop: the stages and the lane labels,
# not one step's text.
if render "--blank" "$shoes" "$tmp/blank.pdf" --blank; then
    # shellcheck disable=SC2086
    pdfcheck "--blank" "$tmp/blank.pdf" ${count:+--pages $count} --paper a3 --min-pt 6 \
        --inside --lanes en
    pdftotext "$tmp/blank.pdf" - | tr -s ' \n\f' '  ' >"$tmp/blank.txt"
    $python - "$shoes" "$tmp/blank.txt" "$src/tests/print" <<'PY' || fail "--blank: the text of the PDF"
import sys, yaml
sys.path.insert(0, sys.argv[3])
from pdfcheck import lane_labels
doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
bad = 0
def say(what):
    global bad
    bad += 1
    print("FAIL: --blank: " + what, file=sys.stderr)
for stage in doc["stages"]:
    if stage["name"] not in text:
        say("stage name %r missing" % stage["name"])
    for step in stage.get("steps") or []:
        if step["name"] in text:
            say("step name %r printed" % step["name"])
        for irr in step.get("irritants") or []:
            name = irr if isinstance(irr, str) else irr["name"]
            if name in text:
                say("irritant %r printed" % name)
# a blank sheet names every department: a touchpoint's name may be part of one
for dept in (doc.get("departments") or {}).values():
    dname = dept if isinstance(dept, str) else dept.get("name", "")
    if dname:
        text = text.replace(dname, " ")
for tp in (doc.get("touchpoints") or {}).values():
    name = tp if isinstance(tp, str) else tp["name"]
    if name in text:
        say("touchpoint name %r printed" % name)
for label in lane_labels("en"):
    if label not in text:
        say("lane label %r missing" % label)
sys.exit(1 if bad else 0)
PY
fi

# --fit that makes the text smaller than 6 pt: the line says so, and a
# warning names the size reached and the option that avoids it.
sixty=$src/tests/print/sixty.yaml
"$jmap" render "$sixty" -o "$tmp/fit.pdf" --fit >"$tmp/out" 2>"$tmp/err" || fail "--fit: exit $?"
[ "$(pages "$tmp/fit.pdf" 2>/dev/null)" = 1 ] || fail "--fit: not one page"
measured=$($python "$check" "$tmp/fit.pdf" --report | sed -n 's/.* text \([0-9.]*\) to .*/\1/p' | head -1)
grep -q '^wrote \(.*/\)\{0,1\}fit.pdf: 1 .*text [0-9.,]* to [0-9.,]* pt$' "$tmp/err" ||
    fail "--fit: no 'wrote fit.pdf: 1 ... page, text X to Y pt' line: $(cat "$tmp/err")"
warning=$(grep -i 'warning' "$tmp/err")
if [ -z "$warning" ]; then
    fail "--fit: text of $measured pt and no warning on stderr: $(cat "$tmp/err")"
else
    printf '%s\n' "$warning" | grep -q -- '--[a-z]' ||
        fail "--fit: the warning names no option that avoids small text: $warning"
    said=$(printf '%s\n' "$warning" | grep -o '[0-9][0-9]*\([.,][0-9]*\)\{0,1\} *pt' | head -1 |
        sed 's/ *pt//' | tr , .)
    LC_ALL=C awk -v s="$said" -v m="$measured" 'BEGIN { exit !(s != "" && s - m < 0.06 && m - s < 0.06) }' ||
        fail "--fit: the warning gives '$said' pt, the smallest glyph is $measured pt: $warning"
fi

[ "$fails" -eq 0 ] || {
    echo "$fails failures" >&2
    exit 1
}
echo "ok"
