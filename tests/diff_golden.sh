#!/bin/sh
# diff_golden.sh JMAP CASE.old.yaml - runs `jmap diff` on one pair of maps
# (CASE.old.yaml and CASE.new.yaml) in the three formats and compares each
# output (standard output and error together) and exit code with CASE.txt,
# CASE.md, CASE.json and CASE.exit beside them.
# JMAP_REGEN=1 rewrites the expected files instead (review the diff!).
set -u
jmap=$1
case_file=$2
dir=$(dirname "$case_file")
name=$(basename "$case_file" .old.yaml)
cd "$dir" || exit 1
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
status=0
for pair in text:txt markdown:md json:json; do
    format=${pair%%:*}
    ext=${pair#*:}
    NO_COLOR=1 "$jmap" diff --color never --format "$format" "$name.old.yaml" \
        "$name.new.yaml" >"$actual" 2>&1
    code=$?
    if [ "${JMAP_REGEN:-}" = 1 ]; then
        cp "$actual" "$name.$ext"
        echo "$code" >"$name.exit"
        continue
    fi
    if ! diff -u "$name.$ext" "$actual"; then
        echo "golden: $format output of $name differs from $name.$ext" >&2
        status=1
    fi
    expected_code=$(cat "$name.exit")
    if [ "$code" != "$expected_code" ]; then
        echo "golden: $name ($format) exited $code, expected $expected_code" >&2
        status=1
    fi
done
exit $status
