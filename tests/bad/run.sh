#!/bin/sh
# run.sh JMAP SOURCE_DIR [GROUP] - runs `jmap lint` on hostile inputs and
# checks that each ends, in time, with the exit code and the first
# diagnostic line it should have, never a crash, a hang or a sanitizer
# report.
#
# GROUP is one of:
#   files      the cases kept here: NAME.yaml beside NAME.expect
#   generated  large inputs made at test time by gen.py (limits, nesting)
#   truncated  every shipped map cut at many offsets (gen.py)
#   random     random bytes and mutated maps from a fixed seed (gen.py)
#   flood      ids, anchors and keys made to collide in a hash (gen.py)
#   personas   maps with thousands of personas (gen.py), linted and then
#              rendered to SVG and PDF, each render under `timeout 120`
#   io         paths that are not readable maps: a directory, a missing
#              file, a FIFO, a device, an unreadable file, endless stdin
# and all of them when it is left out.
#
# NAME.expect holds one check a line:
#   exit N [M...]   the exit code is one of these
#   first LINE      the output's first line is exactly LINE
#   contains TEXT   the output holds TEXT somewhere
#   not TEXT        the output does not hold TEXT
# The output is stdout and stderr together, without colour. Each run gets
# `timeout 5`: a case should end in well under a second, but timing is not
# otherwise asserted, so a slow machine or a sanitizer build does not fail.
set -u
jmap=$1
src=$2
group=${3:-all}
here=$src/tests/bad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
count=0

# Any sanitizer report fails the case even if the exit code happens to match.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:halt_on_error=1:exitcode=86"

fail() {
    echo "bad: $*" >&2
    failures=$((failures + 1))
}

# check DIR NAME: runs the case DIR/NAME.yaml against DIR/NAME.expect.
check() {
    dir=$1
    name=$2
    count=$((count + 1))
    out=$tmp/out
    (cd "$dir" && NO_COLOR=1 timeout 5 "$jmap" lint --color never "$name.yaml") \
        >"$out" 2>&1
    code=$?
    case $code in
    124) fail "$name.yaml: no result after 5 seconds (a hang?)"; return ;;
    86) fail "$name.yaml: sanitizer report"; sed -n 1,40p "$out" >&2; return ;;
    12[5-9] | 1[3-9][0-9] | 2[0-9][0-9])
        fail "$name.yaml: killed by a signal (exit $code)"; sed -n 1,20p "$out" >&2
        return ;;
    esac
    if grep -q 'Sanitizer' "$out"; then
        fail "$name.yaml: sanitizer report"
        sed -n 1,40p "$out" >&2
        return
    fi
    while IFS= read -r line; do
        key=${line%% *}
        value=${line#* }
        case $key in
        exit)
            ok=no
            for want in $value; do
                [ "$code" = "$want" ] && ok=yes
            done
            [ $ok = yes ] || fail "$name.yaml: exit $code, expected $value"
            ;;
        first)
            first=$(head -n 1 "$out")
            [ "$first" = "$value" ] ||
                fail "$name.yaml: first line is
  $first
expected
  $value"
            ;;
        contains)
            grep -qF -- "$value" "$out" || fail "$name.yaml: output lacks '$value'"
            ;;
        not)
            if grep -qF -- "$value" "$out"; then
                fail "$name.yaml: output holds '$value'"
            fi
            ;;
        '' | '#'*) ;;
        *) fail "$name.expect: unknown check '$key'" ;;
        esac
    done <"$dir/$name.expect"
}

# check_dir DIR: every case of DIR.
check_dir() {
    for expect in "$1"/*.expect; do
        [ -e "$expect" ] || continue
        name=$(basename "$expect" .expect)
        if [ ! -e "$1/$name.yaml" ]; then
            fail "$name.expect has no $name.yaml"
            continue
        fi
        check "$1" "$name"
    done
}

# render_dir DIR: renders every map of DIR to SVG and PDF; each must be
# written, with exit 0, before the timeout (generous, so that a sanitizer
# build passes too: the bench checks the time).
render_dir() {
    for map in "$1"/*.yaml; do
        name=$(basename "$map" .yaml)
        for format in svg pdf; do
            count=$((count + 1))
            rm -f "$tmp/out.$format"
            NO_COLOR=1 timeout 120 "$jmap" render --color never "$map" \
                -o "$tmp/out.$format" >"$tmp/out" 2>&1
            code=$?
            case $code in
            0) [ -s "$tmp/out.$format" ] ||
                fail "$name.yaml: render to $format wrote nothing" ;;
            124) fail "$name.yaml: render to $format not done after 120 seconds" ;;
            *) fail "$name.yaml: render to $format: exit $code"; sed -n 1,20p "$tmp/out" >&2 ;;
            esac
        done
    done
    rm -f "$tmp/out.svg" "$tmp/out.pdf"
}

run_generated() {
    gen=$tmp/$1
    mkdir "$gen"
    if ! python3 "$here/gen.py" "$1" "$src" "$gen"; then
        fail "gen.py $1 failed"
        return
    fi
    check_dir "$gen"
    [ "$1" = personas ] && render_dir "$gen"
    rm -rf "$gen"
}

# io_case NAME EXIT FIRST-LINE-PREFIX COMMAND...: runs a command line that
# reads something other than a map file.
io_case() {
    name=$1
    want=$2
    prefix=$3
    shift 3
    count=$((count + 1))
    (cd "$tmp/io" && NO_COLOR=1 timeout 5 "$@") >"$tmp/out" 2>&1
    code=$?
    if [ "$code" != "$want" ]; then
        fail "$name: exit $code, expected $want"
        sed -n 1,10p "$tmp/out" >&2
        return
    fi
    first=$(head -n 1 "$tmp/out")
    case $first in
    "$prefix"*) ;;
    *) fail "$name: first line is '$first', expected '$prefix...'" ;;
    esac
}

run_io() {
    mkdir "$tmp/io" "$tmp/io/folder.yaml"
    map=$src/maps/shoes.yaml
    io_case directory 2 "jmap: cannot read 'folder.yaml': is a directory" \
        "$jmap" lint folder.yaml
    io_case missing 2 "jmap: cannot read 'missing.yaml': No such file or directory" \
        "$jmap" lint missing.yaml
    io_case missing-among-good 2 "jmap: cannot read 'missing.yaml'" \
        "$jmap" lint "$map" missing.yaml
    io_case not-a-folder 2 "jmap: cannot read 'map.yaml/x.yaml': Not a directory" \
        sh -c "cp '$map' map.yaml && '$jmap' lint map.yaml/x.yaml"
    if mkfifo "$tmp/io/fifo.yaml" 2>/dev/null; then
        io_case fifo 2 "jmap: cannot read 'fifo.yaml': not a regular file" \
            "$jmap" lint fifo.yaml
    else
        echo "bad: skipped the FIFO case: mkfifo failed here"
    fi
    io_case device 2 "jmap: cannot read '/dev/zero': not a regular file" \
        "$jmap" lint /dev/zero
    io_case endless-stdin 1 "-: error: the file is larger than the limit of 16 MiB" \
        sh -c "yes | '$jmap' lint -"
    io_case stdin-directory 2 "jmap: cannot read '-': Is a directory" \
        sh -c "'$jmap' lint - < ."
    io_case stdin-closed 2 "jmap: cannot read '-': Bad file descriptor" \
        sh -c "'$jmap' lint - <&-"
    io_case empty-name 2 "jmap: cannot read '': No such file or directory" \
        "$jmap" lint ""
    if ln -s loop.yaml "$tmp/io/loop.yaml" 2>/dev/null; then
        io_case symlink-loop 2 "jmap: cannot read 'loop.yaml': Too many levels of symbolic links" \
            "$jmap" lint loop.yaml
    fi
    long=$(printf '%0300d' 0)
    io_case name-too-long 2 "jmap: cannot read '$long.yaml': File name too long" \
        "$jmap" lint "$long.yaml"
    printf 'jmap: 1\n' >"$tmp/io/locked.yaml"
    chmod 000 "$tmp/io/locked.yaml"
    if cat "$tmp/io/locked.yaml" >/dev/null 2>&1; then
        # Running as root (or with CAP_DAC_OVERRIDE): mode 000 does not
        # stop reading, and there is no other unprivileged way to make a
        # file unreadable.
        echo "bad: skipped the unreadable-file case: permissions do not stop this user reading"
    else
        io_case unreadable 2 "jmap: cannot read 'locked.yaml': Permission denied" \
            "$jmap" lint locked.yaml
    fi
    chmod 644 "$tmp/io/locked.yaml"
    rm -rf "$tmp/io"
}

case $group in
files) check_dir "$here" ;;
generated | truncated | random | flood | personas) run_generated "$group" ;;
io) run_io ;;
all)
    check_dir "$here"
    for g in generated truncated random flood personas; do
        run_generated $g
    done
    run_io
    ;;
*)
    echo "usage: run.sh JMAP SOURCE_DIR [files|generated|truncated|random|flood|personas|io]" >&2
    exit 2
    ;;
esac

echo "bad: $count cases, $failures failures"
[ "$failures" -eq 0 ]
