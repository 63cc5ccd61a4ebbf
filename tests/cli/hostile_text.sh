#!/bin/sh
# hostile_text.sh - user text never becomes markup, SVG or PDF syntax: texts
# full of '<', '&', quotes, backslashes, '%', PDF and SVG keywords,
# right-to-left overrides and control characters render literally. The SVG
# must be well-formed XML whose texts are exactly the map's, and the PDF's
# text (pdftotext) must hold them.
#   sh hostile_text.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
map=$src/tests/hostile/markup-injection.yaml

"$jmap" render "$map" -o "$tmp/m.svg" 2>"$tmp/err" || fail "render SVG: $(cat "$tmp/err")"
"$jmap" render "$map" -o "$tmp/m.pdf" 2>"$tmp/err" || fail "render PDF: $(cat "$tmp/err")"
"$jmap" render "$map" -o "$tmp/m.png" 2>"$tmp/err" || fail "render PNG: $(cat "$tmp/err")"

# SVG: well-formed, and the texts come back from the XML parser unchanged.
xmllint --noout "$tmp/m.svg" || fail "the SVG is not well-formed XML"
title=$(xmllint --xpath 'string(/*[local-name()="svg"]/*[local-name()="title"])' "$tmp/m.svg")
want='<b>bold</b> & "quotes" '"'"'single'"'"' \back\slash 100% %s %n %%'
[ "$title" = "$want" ] || fail "SVG title is '$title', expected '$want'"
for element in script foreignObject a iframe; do
    n=$(xmllint --xpath "count(//*[local-name()='$element'])" "$tmp/m.svg")
    [ "$n" = 0 ] || fail "the SVG holds $n <$element> elements from user text"
done
# (compared without white space: a text is one <text> per line it wraps to;
# a text cut with "…" is whole in the <title> of its group)
all=$(xmllint --xpath '//*[local-name()="text" or local-name()="title"]' "$tmp/m.svg" | sed 's/<[^>]*>//g')
unescape() { sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g'; }
all=$(printf '%s' "$all" | unescape | tr -d ' \n')
for piece in '</text><script>alert(1)</script>' '<svg onload=alert(1)>' \
    ']]> <![CDATA[ x ]]> <!-- c --> &amp; &#x41;' '/Name <<dict>>' \
    '%PDF-1.4 endobj stream' '\) \(' "$(printf '\342\200\256gnp.exe\342\200\254')"; do
    bare=$(printf '%s' "$piece" | tr -d ' ')
    case $all in
    *"$bare"*) ;;
    *) fail "the SVG's text lacks '$piece'" ;;
    esac
done
# XML 1.0 forbids most control characters: none may reach the file.
if LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037]')" "$tmp/m.svg"; then
    fail "the SVG holds raw control characters"
fi
rsvg-convert -o "$tmp/svg.png" "$tmp/m.svg" || fail "librsvg cannot draw the SVG"

# PDF: it opens, has one page per the default plan, and its text is literal.
pdfinfo "$tmp/m.pdf" >/dev/null || fail "the PDF does not open"
# (compared without white space: texts wrap on their cards)
pdftotext "$tmp/m.pdf" - | tr -d ' \n' >"$tmp/pdf.txt" || fail "pdftotext"
for piece in '<b>bold</b> & "quotes"' "'single' \\back\\slash 100%" '%s %n %%' \
    '<svg onload=alert(1)>' '%PDF-1.4 endobj stream' '/Name <<dict>>' '\) \('; do
    bare=$(printf '%s' "$piece" | tr -d ' ')
    grep -qF -- "$bare" "$tmp/pdf.txt" || fail "the PDF's text lacks '$piece'"
done
grep -qF 'alert(1)</script>' "$tmp/pdf.txt" || fail "the PDF's text lacks the script text"

# The layout dump quotes texts with escapes: one line per box, always.
"$jmap" render "$map" -f layout -o "$tmp/m.layout" 2>/dev/null || fail "render layout"
if grep -v '^[a-z-]* [0-9]*:[0-9]* -\?[0-9.]* -\?[0-9.]* [0-9.]* [0-9.]*\( ".*"\)\?$' \
    "$tmp/m.layout" | grep -q .; then
    fail "the layout dump has malformed lines:"
    grep -v '^[a-z-]* [0-9]*:[0-9]* -\?[0-9.]* -\?[0-9.]* [0-9.]* [0-9.]*\( ".*"\)\?$' \
        "$tmp/m.layout" | head -5 >&2
fi

# Noncharacters (U+FDD0, U+FFFE, U+10FFFF...) lint clean, so every format
# draws them, even from a file whose name is not UTF-8; the PDF's strings
# (title, bookmarks, subject) show U+FFFD in their place.
nonchar=$src/tests/hostile/noncharacters.yaml
"$jmap" lint "$nonchar" >"$tmp/out" 2>&1 || fail "lint noncharacters: $(cat "$tmp/out")"
odd=$(printf '%s/n\377c.yaml' "$tmp")
cp "$nonchar" "$odd"
for f in pdf svg png layout; do
    "$jmap" render "$odd" -f $f -o "$tmp/nc.$f" 2>"$tmp/err" ||
        fail "render noncharacters to $f: $(cat "$tmp/err")"
done
pdfinfo "$tmp/nc.pdf" >"$tmp/info" 2>&1 || fail "pdfinfo on the noncharacters PDF"
expect_in "$tmp/info" "$(printf 'Titre \357\277\275 avec')"
xmllint --noout "$tmp/nc.svg" || fail "the noncharacters SVG is not XML"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
