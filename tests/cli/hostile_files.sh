#!/bin/sh
# hostile_files.sh - jmap reads its inputs and writes only the output it is
# given: a lint writes nothing at all, a render only its output file, in
# the output's folder (its temporary file is gone once it ends), and neither
# creates anything in the working folder, beside the map, or in HOME.
#   sh hostile_files.sh JMAP SOURCE_DIR
jmap=$1
src=$2
case $jmap in /*) ;; *) jmap=$(pwd)/$jmap ;; esac # the test changes folder
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
. "$(dirname "$0")/../testlib.sh"

mkdir "$tmp/home" "$tmp/work" "$tmp/maps" "$tmp/out"
cp "$src"/maps/*.yaml "$src"/tests/bad/*.yaml "$tmp/maps/"
cd "$tmp/work" || exit 1
export HOME="$tmp/home"
export XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_DATA_HOME="$tmp/home/.local/share"
export TMPDIR="$tmp/home/tmp"

# changed LABEL EXPECTED...: the paths under $tmp changed since the marker
# must be exactly EXPECTED (relative to $tmp).
changed() {
    label=$1
    shift
    # (fontconfig may refresh a stale font cache of its own, as documented)
    actual=$(cd "$tmp" && find . -newer marker ! -name marker | sed 's|^\./||' |
        grep -v '^home$\|^home/\.cache$\|^home/\.cache/fontconfig' | sort)
    wanted=$(for p in "$@"; do echo "$p"; done | sort)
    [ "$actual" = "$wanted" ] || fail "$label changed:
$actual
expected:
$wanted"
}

mark() {
    touch "$tmp/marker"
    # make later changes strictly newer, even on coarse timestamps
    sleep 1
}

mark
"$jmap" lint "$tmp"/maps/*.yaml >/dev/null 2>&1
"$jmap" lint - <"$tmp/maps/shoes.yaml" >/dev/null 2>&1
changed "lint"

for format in pdf svg png layout; do
    mark
    "$jmap" render "$tmp/maps/shoes.yaml" -f $format -o "$tmp/out/shoes.$format" 2>/dev/null ||
        fail "render $format"
    changed "render $format" out "out/shoes.$format"
done

mark
"$jmap" render "$tmp/maps/shoes.yaml" -f svg -o - >/dev/null 2>&1 || fail "render to stdout"
changed "render to stdout"

mark
# the default output goes beside the map, with the format's extension
"$jmap" render "$tmp/maps/boutique.yaml" 2>/dev/null || fail "render with the default output"
changed "render with the default output" maps maps/boutique.pdf

mark
"$jmap" render "$tmp/maps/top-list.yaml" -o "$tmp/out/bad.pdf" >/dev/null 2>&1 &&
    fail "a bad map rendered"
changed "a failed render"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
