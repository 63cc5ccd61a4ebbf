#!/bin/sh
# golden.sh JMAP CASE.yaml - runs `jmap lint` on one case and compares its
# output and exit code with CASE.out and CASE.exit beside it.
# JMAP_REGEN=1 rewrites the expected files instead (review the diff!).
set -u
jmap=$1
case_file=$2
dir=$(dirname "$case_file")
name=$(basename "$case_file" .yaml)
cd "$dir" || exit 1
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
NO_COLOR=1 "$jmap" lint --color never "$name.yaml" >"$actual" 2>&1
code=$?
if [ "${JMAP_REGEN:-}" = 1 ]; then
    cp "$actual" "$name.out"
    echo "$code" >"$name.exit"
    exit 0
fi
status=0
if ! diff -u "$name.out" "$actual"; then
    echo "golden: output of $name.yaml differs from $name.out" >&2
    status=1
fi
expected_code=$(cat "$name.exit")
if [ "$code" != "$expected_code" ]; then
    echo "golden: $name.yaml exited $code, expected $expected_code" >&2
    status=1
fi
exit $status
