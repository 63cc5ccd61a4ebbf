#!/bin/sh
# hostile_output.sh - nothing is lost: an existing output survives every
# failed render (a map with errors, an unreadable map, a folder that is
# missing, read-only or not a folder, a full disk, a process killed with
# SIGKILL in the middle of a render), and no temporary file is left behind
# by a render that failed by itself.
#   sh hostile_output.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
shoes=$src/maps/shoes.yaml

mkdir "$tmp/out"
for ext in pdf svg png; do
    echo "precious $ext" >"$tmp/out/map.$ext"
done
cp "$tmp/out/map.pdf" "$tmp/old.pdf"

# intact DIR: every map.* in DIR still holds its old text, and DIR holds
# nothing else.
intact() {
    for ext in pdf svg png; do
        [ "$(cat "$1/map.$ext")" = "precious $ext" ] || fail "$2: map.$ext changed"
    done
    left=$(ls -A "$1" | grep -v '^map\.\(pdf\|svg\|png\)$')
    [ -z "$left" ] || fail "$2: left behind: $left"
}

# expect CODE WHAT COMMAND...: runs COMMAND, which must exit with CODE.
expect() {
    want=$1
    what=$2
    shift 2
    "$@" >"$tmp/log" 2>&1
    code=$?
    [ "$code" = "$want" ] || { fail "$what: exit $code, expected $want"; cat "$tmp/log" >&2; }
}

# A map with errors is not rendered.
printf 'jmap: 1\ntitle: T\nstages: [{id: s, name: S, steps: [{name: A, emotion: 9}]}]\n' \
    >"$tmp/bad.yaml"
for ext in pdf svg png; do
    expect 1 "map with errors to $ext" "$jmap" render "$tmp/bad.yaml" -o "$tmp/out/map.$ext"
done
intact "$tmp/out" "map with errors"
grep -q "nothing was rendered" "$tmp/log" || fail "no 'nothing was rendered' line"

# Hostile bytes are not rendered either.
for bad in "$src"/tests/bad/*.yaml; do
    "$jmap" render "$bad" -o "$tmp/out/map.svg" >/dev/null 2>&1
    code=$?
    case $code in
    0 | 1) ;;
    *) fail "render $(basename "$bad") exited $code" ;;
    esac
    if [ "$(cat "$tmp/out/map.svg")" != "precious svg" ]; then
        # a valid hostile map is rendered: it must then be a whole SVG
        xmllint --noout "$tmp/out/map.svg" 2>/dev/null ||
            fail "render $(basename "$bad") wrote a broken SVG"
        echo "precious svg" >"$tmp/out/map.svg"
    fi
done
intact "$tmp/out" "hostile maps"

# An unreadable map.
expect 2 "missing map" "$jmap" render "$tmp/none.yaml" -o "$tmp/out/map.pdf"
expect 2 "directory as map" "$jmap" render "$tmp/out" -o "$tmp/out/map.pdf"
intact "$tmp/out" "unreadable map"

# Folders that cannot take the output.
expect 2 "missing folder" "$jmap" render "$shoes" -o "$tmp/missing/map.pdf"
grep -q "missing/map.pdf" "$tmp/log" || fail "the error does not name the output"
[ -e "$tmp/missing" ] && fail "a missing folder was created"
echo "a file" >"$tmp/file"
expect 2 "a file as folder" "$jmap" render "$shoes" -o "$tmp/file/map.pdf"
[ "$(cat "$tmp/file")" = "a file" ] || fail "the file used as a folder changed"
mkdir "$tmp/out/dir.pdf"
expect 2 "a folder as output" "$jmap" render "$shoes" -o "$tmp/out/dir.pdf"
[ -d "$tmp/out/dir.pdf" ] && [ -z "$(ls -A "$tmp/out/dir.pdf")" ] ||
    fail "the folder named as output changed"
rmdir "$tmp/out/dir.pdf"
intact "$tmp/out" "bad folders"

mkdir "$tmp/ro"
echo "precious pdf" >"$tmp/ro/map.pdf"
chmod a-w "$tmp/ro"
if touch "$tmp/ro/probe" 2>/dev/null; then
    # root (or CAP_DAC_OVERRIDE) writes into read-only folders anyway
    rm -f "$tmp/ro/probe"
    echo "skipped the read-only folder case: this user can write into a read-only folder"
else
    expect 2 "read-only folder" "$jmap" render "$shoes" -o "$tmp/ro/map.pdf"
    [ "$(cat "$tmp/ro/map.pdf")" = "precious pdf" ] || fail "read-only folder: map.pdf changed"
    [ "$(ls -A "$tmp/ro")" = map.pdf ] || fail "read-only folder: left $(ls -A "$tmp/ro")"
fi
chmod u+w "$tmp/ro"

# A full disk: a device is written in place, and the error names it.
if [ -w /dev/full ]; then
    for format in pdf svg png layout; do
        expect 2 "/dev/full as $format" "$jmap" render "$shoes" --format $format -o /dev/full
        grep -qi "no space" "$tmp/log" || fail "/dev/full: no reason given: $(cat "$tmp/log")"
    done
else
    echo "skipped the full-disk case: /dev/full is missing"
fi

# SIGKILL in the middle of a render of a large map: the old file is intact.
# A killed process cannot remove its temporary file: a PDF is written at the
# end only, so here (killed long before) nothing is left; an SVG streams to
# its temporary file .map.svg.XXXXXX once drawn, which may then stay behind,
# but the output itself is always the old file or the new one.
huge_map "$tmp/huge.yaml"
# killed OUTPUT SECONDS - renders the huge map to OUTPUT and kills it with
# SIGKILL after SECONDS; true when it was killed, not done by then.
killed() {
    "$jmap" render "$tmp/huge.yaml" -o "$1" >/dev/null 2>&1 &
    pid=$!
    sleep "$2"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    code=$?
    [ "$code" = 137 ] && return 0
    echo "skipped the SIGKILL check of $1: the render ended by itself (exit $code) in $2 s"
    return 1
}
# old_or_whole FILE OLD - FILE is its old text OLD, or a whole new output
# (a process killed after its rename, while it frees its memory, has
# finished the file).
old_or_whole() {
    [ "$(cat "$1")" = "$2" ] && return 0
    case $1 in
    *.pdf) tail -c 8 "$1" | grep -q '%%EOF' ;;
    *.svg) tail -c 8 "$1" | grep -q '</svg>' && xmllint --noout "$1" 2>/dev/null ;;
    esac || fail "SIGKILL: $(basename "$1") is neither the old file nor a whole new one"
    echo "$2" >"$1" # the old text again, for the checks that follow
}
if killed "$tmp/out/map.pdf" 1; then
    old_or_whole "$tmp/out/map.pdf" "precious pdf"
    intact "$tmp/out" "SIGKILL"
fi
if killed "$tmp/out/map.svg" 1; then
    old_or_whole "$tmp/out/map.svg" "precious svg"
    left=$(ls -A "$tmp/out" | grep -v '^map\.\(pdf\|svg\|png\)$' | grep -v '^\.map\.svg\.......$')
    [ -z "$left" ] || fail "SIGKILL during an SVG render left: $left"
    rm -f "$tmp"/out/.map.svg.??????
else # a render that finished replaced the file, as it should
    echo "precious svg" >"$tmp/out/map.svg"
fi
intact "$tmp/out" "SIGKILL"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
