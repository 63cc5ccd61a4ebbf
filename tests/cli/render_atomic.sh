#!/bin/sh
# render_atomic.sh - an output is written whole or not at all: a failing
# render leaves an existing file untouched and no temporary file behind;
# "-" streams to standard output; SOURCE_DATE_EPOCH makes PDFs reproducible.
#   sh render_atomic.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
shoes=$src/maps/shoes.yaml

mkdir "$tmp/out"
echo "precious" >"$tmp/out/map.png"
# fails after layout: too many pixels
"$jmap" render "$shoes" -o "$tmp/out/map.png" --dpi 2400 2>/dev/null && fail "huge PNG accepted"
[ "$(cat "$tmp/out/map.png")" = precious ] || fail "a failed render changed the existing output"
# fails to write: a folder that does not exist
"$jmap" render "$shoes" -o "$tmp/missing/map.pdf" 2>"$tmp/err" && fail "render to a missing folder succeeded"
grep -q "missing/map.pdf" "$tmp/err" || fail "the error does not name the output: $(cat "$tmp/err")"
# a full device
if [ -w /dev/full ]; then
    "$jmap" render "$shoes" --format pdf -o /dev/full 2>"$tmp/err" && fail "writing to /dev/full succeeded"
    grep -q -i "space" "$tmp/err" || fail "no reason for /dev/full: $(cat "$tmp/err")"
fi
# a read-only folder (not for root, who may write anywhere)
if [ "$(id -u)" != 0 ]; then
    mkdir "$tmp/ro" && echo "old" >"$tmp/ro/map.pdf" && chmod a-w "$tmp/ro"
    "$jmap" render "$shoes" -o "$tmp/ro/map.pdf" 2>/dev/null && fail "render into a read-only folder succeeded"
    chmod u+w "$tmp/ro"
    [ "$(cat "$tmp/ro/map.pdf")" = old ] || fail "read-only output changed"
fi
# success replaces the file, and leaves nothing else
"$jmap" render "$shoes" -o "$tmp/out/map.png" || fail "render map.png"
file "$tmp/out/map.png" | grep -q 'PNG image data' || fail "map.png was not replaced"
left=$(ls -A "$tmp/out" | grep -v '^map.png$')
[ -z "$left" ] || fail "files left behind: $left"

# standard output
"$jmap" render "$shoes" --format pdf -o - >"$tmp/stdout.pdf" || fail "render to stdout"
pdfinfo "$tmp/stdout.pdf" >/dev/null || fail "the PDF on stdout does not open"
"$jmap" render "$shoes" --format svg -o - | xmllint --noout - || fail "the SVG on stdout is not valid"

# reproducible PDFs
SOURCE_DATE_EPOCH=1700000000 "$jmap" render "$shoes" -o "$tmp/a.pdf" || fail "render a.pdf"
sleep 1
SOURCE_DATE_EPOCH=1700000000 "$jmap" render "$shoes" -o "$tmp/b.pdf" || fail "render b.pdf"
cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || fail "two PDFs with SOURCE_DATE_EPOCH differ"
pdfinfo "$tmp/a.pdf" | grep -q '^CreationDate:.*2023' || fail "SOURCE_DATE_EPOCH is not the creation date"
# Past the year 9999 a PDF date cannot be written: the value is ignored,
# as a malformed one is, rather than written as a broken date.
SOURCE_DATE_EPOCH=253402300800 "$jmap" render "$shoes" -o "$tmp/far.pdf" || fail "render far.pdf"
if strings "$tmp/far.pdf" | grep -E '/CreationDate \((D:)?(1000|10000)'; then
    fail "SOURCE_DATE_EPOCH past 9999 wrote a broken date"
fi
SOURCE_DATE_EPOCH=253402300799 "$jmap" render "$shoes" -o "$tmp/last.pdf" || fail "render last.pdf"
pdfinfo "$tmp/last.pdf" | grep -q '^CreationDate:.*9999' || fail "the last second of 9999 is not the creation date"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
