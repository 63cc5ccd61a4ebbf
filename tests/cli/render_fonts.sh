#!/bin/sh
# render_fonts.sh - the map is drawn in jmap's own font whatever the
# machine's fontconfig says: without that font, every format stops with
# exit 2 and names the package to install, writing nothing; with it, the
# system's rules (aliases that prefer another face, synthetic emboldening)
# change nothing, and a text in a script the font lacks still renders.
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
    expect_in "$tmp/err" "apt install fonts-dejavu-core"
done
FONTCONFIG_FILE=$tmp/none.conf check 2 "no font, layout" \
    "$jmap" render "$shoes" --format layout -o "$tmp/out-none/shoes.layout"
[ -z "$(ls -A "$tmp/out-none")" ] || fail "files left without a font: $(ls -A "$tmp/out-none")"

# The system's configuration with rules that would change the map: every
# "DejaVu Sans" asked for becomes DejaVu Serif (installed with DejaVu
# Sans), and every font is emboldened.
cat >"$tmp/rules.conf" <<'CONF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>DejaVu Sans</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>DejaVu Serif</string></edit>
  </match>
  <match target="font"><edit name="embolden" mode="assign"><bool>true</bool></edit></match>
</fontconfig>
CONF
"$jmap" render "$shoes" --format layout -o "$tmp/plain.layout" || fail "render layout"
"$jmap" render "$shoes" -o "$tmp/plain.png" --dpi 48 || fail "render png"
FONTCONFIG_FILE=$tmp/rules.conf "$jmap" render "$shoes" --format layout \
    -o "$tmp/rules.layout" || fail "render layout under other rules"
FONTCONFIG_FILE=$tmp/rules.conf "$jmap" render "$shoes" -o "$tmp/rules.png" \
    --dpi 48 || fail "render png under other rules"
cmp -s "$tmp/plain.layout" "$tmp/rules.layout" ||
    fail "fontconfig rules changed the layout: $(diff "$tmp/plain.layout" "$tmp/rules.layout" | head -5)"
cmp -s "$tmp/plain.png" "$tmp/rules.png" || fail "fontconfig rules changed the PNG"

# A script that DejaVu Sans lacks falls back to whatever font has it (or
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
exit $fail
