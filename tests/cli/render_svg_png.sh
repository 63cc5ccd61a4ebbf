#!/bin/sh
# render_svg_png.sh - the SVG is valid XML that librsvg draws, with the
# title in <title> and user text escaped; the PNG has the size its dpi asks.
#   sh render_svg_png.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

for map in shoes running-shoes boutique; do
    "$jmap" render "$src/maps/$map.yaml" -o "$tmp/$map.svg" || fail "render $map.svg"
    xmllint --noout "$tmp/$map.svg" || fail "$map.svg is not well-formed"
    rsvg-convert -o "$tmp/$map-svg.png" "$tmp/$map.svg" || fail "rsvg-convert cannot draw $map.svg"
done
title=$(xmllint --xpath 'string(/*[local-name()="svg"]/*[local-name()="title"])' "$tmp/shoes.svg")
[ "$title" = "Buying running shoes online" ] || fail "SVG title is '$title'"

"$jmap" render "$src/tests/layout/markup.yaml" -o "$tmp/markup.svg" 2>/dev/null || fail "render markup.svg"
xmllint --noout "$tmp/markup.svg" || fail "markup.svg is not well-formed"
title=$(xmllint --xpath 'string(/*[local-name()="svg"]/*[local-name()="title"])' "$tmp/markup.svg")
[ "$title" = "<b>x</b> & co" ] || fail "markup SVG title is '$title'"
grep -q -F '&lt;b&gt;x&lt;/b&gt; &amp; co' "$tmp/markup.svg" || fail "markup text not escaped in the SVG"
grep -q -F '<b>x</b>' "$tmp/markup.svg" && fail "raw markup in the SVG"

# PNG: width and height from the IHDR chunk (bytes 16..23, big-endian).
png_size() {
    od -A n -t u1 -j 16 -N 8 "$1" |
        awk '{ printf "%d %d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
map_size() { # the map's size in points, from the layout dump's first line
    "$jmap" render "$1" --format layout -o - | awk 'NR == 1 { print $5, $6 }'
}
set -- $(map_size "$src/maps/shoes.yaml")
w_pt=$1
h_pt=$2
for dpi in 96 150 36; do
    "$jmap" render "$src/maps/shoes.yaml" -o "$tmp/shoes-$dpi.png" --dpi $dpi || fail "render png at $dpi dpi"
    want=$(awk -v w="$w_pt" -v h="$h_pt" -v d="$dpi" 'function c(x) { return x == int(x) ? x : int(x) + 1 }
        BEGIN { printf "%d %d\n", c(c(w) * d / 72), c(c(h) * d / 72) }')
    got=$(png_size "$tmp/shoes-$dpi.png")
    [ "$got" = "$want" ] || fail "PNG at $dpi dpi is $got pixels, want $want"
done
file "$tmp/shoes-96.png" | grep -q 'PNG image data' || fail "not a PNG"

# Too many pixels: a clear failure naming --dpi, and no file.
if "$jmap" render "$src/maps/shoes.yaml" -o "$tmp/huge.png" --dpi 2400 2>"$tmp/err"; then
    fail "a 2400 dpi PNG of shoes.yaml should be refused"
fi
grep -q -- '--dpi' "$tmp/err" || fail "the refusal does not name --dpi: $(cat "$tmp/err")"
[ -e "$tmp/huge.png" ] && fail "a refused PNG was written"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
