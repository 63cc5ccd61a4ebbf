#!/bin/sh
# layout_golden.sh - compares the layout dump of a map with its golden file.
#
#   sh layout_golden.sh JMAP CASE.yaml [EXPECTED.layout [OLD.yaml]]
#
# EXPECTED defaults to CASE with .layout for .yaml. With OLD, the map is
# laid out with its changes since OLD marked (render --diff OLD). With
# JMAP_UPDATE_GOLDEN=1
# in the environment the expected file is (re)written instead of compared:
#   JMAP_UPDATE_GOLDEN=1 ctest -R layout/
jmap=$1
case=$2
expected=${3:-${case%.yaml}.layout}
old=${4:-}
actual=$(mktemp) || exit 1
trap 'rm -f "$actual"' EXIT INT TERM

errors=$(mktemp) || exit 1
trap 'rm -f "$actual" "$errors"' EXIT INT TERM
"$jmap" render "$case" ${old:+--diff "$old"} --format layout -o - >"$actual" 2>"$errors"
code=$?
if [ $code -ne 0 ]; then
    echo "FAIL: jmap render $case --format layout exited with $code:" >&2
    cat "$errors" >&2
    exit 1
fi
if [ "${JMAP_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$actual" "$expected" && echo "updated $expected"
    exit $?
fi
if [ ! -f "$expected" ]; then
    echo "FAIL: no golden file $expected (run with JMAP_UPDATE_GOLDEN=1)" >&2
    exit 1
fi
if ! diff -u "$expected" "$actual"; then
    echo "FAIL: the layout of $case differs from $expected" >&2
    exit 1
fi
