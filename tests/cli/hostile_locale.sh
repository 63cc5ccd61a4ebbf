#!/bin/sh
# hostile_locale.sh - numbers are written and read the same whatever the
# locale: under fr_FR.UTF-8 (a comma as decimal point), lint prints the same
# findings and render writes the same layout dump, SVG and PDF as under C.
# The locale is compiled into a private folder with localedef and used
# through LOCPATH, so the system is not touched. jmap itself never calls
# setlocale (checked on the binary), so only an embedding program could
# change the locale under the library: tests/test_locale.c checks that case.
# Exits 77 (skipped) when localedef or the fr_FR sources are missing.
#   sh hostile_locale.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

if ! command -v localedef >/dev/null 2>&1 ||
    ! localedef -i fr_FR -f UTF-8 "$tmp/fr_FR.UTF-8" >/dev/null 2>&1; then
    echo "skipped: cannot compile fr_FR.UTF-8 here (localedef or the locales sources missing)"
    exit 77
fi
fr() { LOCPATH="$tmp" LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$@"; }
c() { LC_ALL=C LANG=C "$@"; }
[ "$(fr locale decimal_point 2>/dev/null)" = "," ] || fail "the private fr_FR locale is not in effect"

if command -v nm >/dev/null 2>&1 && nm -u "$jmap" 2>/dev/null | grep -qw setlocale; then
    fail "the jmap binary calls setlocale"
fi

export SOURCE_DATE_EPOCH=1700000000
for map in "$src"/maps/*.yaml "$src"/tests/bad/duration-huge.yaml "$src"/tests/bad/number-hex.yaml; do
    name=$(basename "$map" .yaml)
    c "$jmap" lint "$map" >"$tmp/c.lint" 2>&1
    fr "$jmap" lint "$map" >"$tmp/fr.lint" 2>&1
    cmp -s "$tmp/c.lint" "$tmp/fr.lint" || fail "$name: lint differs under fr_FR"
done
for map in "$src"/maps/*.yaml; do
    name=$(basename "$map" .yaml)
    for format in layout svg pdf; do
        c "$jmap" render "$map" -f $format -o "$tmp/c.$format" 2>/dev/null ||
            fail "$name: render $format under C"
        fr "$jmap" render "$map" -f $format -o "$tmp/fr.$format" 2>/dev/null ||
            fail "$name: render $format under fr_FR"
        cmp -s "$tmp/c.$format" "$tmp/fr.$format" || fail "$name: $format differs under fr_FR"
    done
    # every number of the dump is written with a point
    awk '{ for (i = 3; i <= 6; i++) if ($i !~ /^-?[0-9]+\.[0-9][0-9]$/) { print; exit 1 } }' \
        "$tmp/fr.layout" >/dev/null || fail "$name: a number of the layout dump is not N.NN"
done
# durations with a decimal point are read as such under fr_FR
printf 'jmap: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    duration: 1.5h\n    steps:\n      - {name: A, duration: 0.5d}\n' >"$tmp/d.yaml"
fr "$jmap" lint "$tmp/d.yaml" >"$tmp/d.out" 2>&1 || fail "1.5h is refused under fr_FR: $(cat "$tmp/d.out")"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
