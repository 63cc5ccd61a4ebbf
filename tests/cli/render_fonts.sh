#!/bin/sh
# render_fonts.sh - the map is drawn in jmap's own face whatever the
# machine's fontconfig says: Noto Sans, or DejaVu Sans on a machine without
# it (silently, never a mix of the two); without either, every format stops
# with exit 2 and names both packages, writing nothing; with them, the
# system's rules (aliases that prefer another face, synthetic emboldening)
# change nothing, and a text in a script the face lacks still renders, in
# an installed font that has it.
# Needs fc-list (fontconfig) to find the installed faces' files.
#   sh render_fonts.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
shoes=$src/maps/shoes.yaml

# A fontconfig that finds no font at all.
mkdir "$tmp/nofonts" "$tmp/out-none"
cat >"$tmp/none.conf" <<CONF
<?xml version="1.0"?>
<fontconfig><dir>$tmp/nofonts</dir><cachedir>$tmp/cache</cachedir></fontconfig>
CONF
for f in pdf svg png; do
    FONTCONFIG_FILE=$tmp/none.conf check 2 "no font, $f" \
        "$jmap" render "$shoes" -o "$tmp/out-none/shoes.$f"
    expect_in "$tmp/err" "no usable font"
    expect_in "$tmp/err" "Noto Sans"
    expect_in "$tmp/err" "DejaVu Sans"
    expect_in "$tmp/err" "apt install fonts-noto-core, or fonts-dejavu-core"
done
FONTCONFIG_FILE=$tmp/none.conf check 2 "no font, layout" \
    "$jmap" render "$shoes" --format layout -o "$tmp/out-none/shoes.layout"
[ -z "$(ls -A "$tmp/out-none")" ] || fail "files left without a font: $(ls -A "$tmp/out-none")"

# A fontconfig that finds only the files of FAMILY... (links in a folder
# of its own): the configuration's name is the folder's, $tmp/NAME.conf.
only_faces() {
    name=$1
    shift
    mkdir -p "$tmp/$name"
    for fam in "$@"; do
        fc-list ":family=$fam" file | sed 's/: *$//' | while IFS= read -r f; do
            ln -sf "$f" "$tmp/$name/"
        done
    done
    [ -n "$(ls -A "$tmp/$name")" ] || fail "no font file found for $*"
    cat >"$tmp/$name.conf" <<CONF
<?xml version="1.0"?>
<fontconfig><dir>$tmp/$name</dir><cachedir>$tmp/cache</cachedir></fontconfig>
CONF
}

"$jmap" render "$shoes" --format layout -o "$tmp/plain.layout" || fail "render layout"
"$jmap" render "$shoes" -o "$tmp/plain.svg" || fail "render svg"
expect_in "$tmp/plain.svg" "font-family=\"'Noto Sans', 'DejaVu Sans', sans-serif\""

# jmap's two faces alone lay the map out as the whole system does (DejaVu
# Sans draws the signs that Noto Sans lacks, such as the scale's minus).
only_faces both "Noto Sans" "DejaVu Sans"
FONTCONFIG_FILE=$tmp/both.conf check 0 "Noto Sans and DejaVu Sans only" \
    "$jmap" render "$shoes" --format layout -o "$tmp/both.layout"
cmp -s "$tmp/plain.layout" "$tmp/both.layout" ||
    fail "other installed fonts changed the layout: $(diff "$tmp/plain.layout" "$tmp/both.layout" | head -5)"

# Without Noto Sans, DejaVu Sans, without a word (but the line that says
# what was written); the SVG names it.
only_faces dejavu "DejaVu Sans"
for f in layout svg pdf png; do
    FONTCONFIG_FILE=$tmp/dejavu.conf check 0 "DejaVu Sans only, $f" \
        "$jmap" render "$shoes" --format $f -o "$tmp/dejavu.$f" --dpi 96
    grep -v "^wrote $tmp/dejavu.$f: " "$tmp/err" >"$tmp/said"
    [ -s "$tmp/said" ] && fail "DejaVu Sans only, $f: said $(cat "$tmp/said")"
done
expect_in "$tmp/dejavu.svg" "font-family=\"'DejaVu Sans', sans-serif\""
cmp -s "$tmp/plain.layout" "$tmp/dejavu.layout" &&
    fail "the layout in DejaVu Sans is the layout in Noto Sans"

# A Noto Sans without its bold is no Noto Sans: the whole map is in DejaVu.
mkdir "$tmp/half"
fc-list ":family=Noto Sans:weight=regular:slant=roman" file | sed 's/: *$//' |
    while IFS= read -r f; do ln -sf "$f" "$tmp/half/"; done
only_faces half "DejaVu Sans"
FONTCONFIG_FILE=$tmp/half.conf check 0 "Noto Sans regular only" \
    "$jmap" render "$shoes" --format layout -o "$tmp/half.layout"
cmp -s "$tmp/dejavu.layout" "$tmp/half.layout" ||
    fail "Noto Sans without bold: not all in DejaVu Sans: $(diff "$tmp/dejavu.layout" "$tmp/half.layout" | head -5)"

# The system's configuration with rules that would change the map: every
# "Noto Sans" or "DejaVu Sans" asked for becomes DejaVu Serif (installed
# with DejaVu Sans), and every font is emboldened.
cat >"$tmp/rules.conf" <<'CONF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>Noto Sans</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>DejaVu Serif</string></edit>
  </match>
  <match target="pattern">
    <test name="family"><string>DejaVu Sans</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>DejaVu Serif</string></edit>
  </match>
  <match target="font"><edit name="embolden" mode="assign"><bool>true</bool></edit></match>
</fontconfig>
CONF
"$jmap" render "$shoes" -o "$tmp/plain.png" --dpi 48 || fail "render png"
FONTCONFIG_FILE=$tmp/rules.conf "$jmap" render "$shoes" --format layout \
    -o "$tmp/rules.layout" || fail "render layout under other rules"
FONTCONFIG_FILE=$tmp/rules.conf "$jmap" render "$shoes" -o "$tmp/rules.png" \
    --dpi 48 || fail "render png under other rules"
cmp -s "$tmp/plain.layout" "$tmp/rules.layout" ||
    fail "fontconfig rules changed the layout: $(diff "$tmp/plain.layout" "$tmp/rules.layout" | head -5)"
cmp -s "$tmp/plain.png" "$tmp/rules.png" || fail "fontconfig rules changed the PNG"

# A script that jmap's faces lack falls back to whatever font has it (or
# to a box showing the code point): the map still renders, in every format.
cat >"$tmp/cjk.yaml" <<'MAP'
jmap: 1
title: お茶の購入
stages:
  - id: achat
    name: 購入
    steps:
      - name: 抹茶を選ぶ
        emotion: 1
MAP
for f in pdf svg png; do
    check 0 "CJK text, $f" "$jmap" render "$tmp/cjk.yaml" -o "$tmp/cjk.$f"
done

# jmap measures with its two faces alone until a text needs a character
# they lack; from then on with every installed font. A Thai step after
# Latin ones is drawn in Noto Sans Thai (fonts-noto-core has it), the
# Latin texts still in Noto Sans.
cat >"$tmp/thai.yaml" <<'MAP'
jmap: 1
title: Buying tea
stages:
  - id: buy
    name: Buying
    steps:
      - name: Chooses a green tea
        emotion: 1
      - name: ซื้อชาเขียว
        emotion: 0
MAP
check 0 "Thai text, pdf" "$jmap" render "$tmp/thai.yaml" -o "$tmp/thai.pdf"
pdffonts "$tmp/thai.pdf" >"$tmp/thai.fonts" || fail "pdffonts thai.pdf"
expect_in "$tmp/thai.fonts" "NotoSansThai"
expect_in "$tmp/thai.fonts" "NotoSans-Bold"
pdftotext "$tmp/thai.pdf" - | grep -q "ซื้อชาเขียว" || fail "the Thai step's text is not in the PDF"
exit $fail
