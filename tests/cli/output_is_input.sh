#!/bin/sh
# output_is_input.sh JMAP SOURCE_DIR - no command writes over one of its
# inputs: an output that is the same file as an input (same device and
# inode, through another spelling of the path, a symlink or a hard link) is
# refused with exit 2, a message naming both, and nothing written.
set -u
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

clean=$src/tests/lint/clean.yaml
warn=$src/tests/lint/warnings.yaml
mkdir "$tmp/d"
cp "$clean" "$tmp/d/a.yaml"
cp "$warn" "$tmp/d/b.yaml"
ln -s a.yaml "$tmp/d/link.yaml"
ln "$tmp/d/a.yaml" "$tmp/d/hard.yaml"

# refused DESCRIPTION COMMAND... - exits 2, names the input, leaves the maps.
refused() {
    what=$1
    shift
    (cd "$tmp/d" && "$@") >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = 2 ] || { fail "$what: exit $got, expected 2"; cat "$tmp/err" >&2; }
    expect_in "$tmp/err" "is the input"
    [ -s "$tmp/out" ] && fail "$what: wrote to standard output"
    cmp -s "$clean" "$tmp/d/a.yaml" || fail "$what: a.yaml was written over"
    cmp -s "$warn" "$tmp/d/b.yaml" || fail "$what: b.yaml was written over"
    cp "$clean" "$tmp/d/a.yaml" # put it back for the next case
    rm -f "$tmp/d/hard.yaml" && ln "$tmp/d/a.yaml" "$tmp/d/hard.yaml"
}

refused "lint -o MAP MAP" "$jmap" lint -o a.yaml a.yaml
expect_in "$tmp/err" "lint: the output 'a.yaml' is the input 'a.yaml'"
refused "lint, the second of two maps" "$jmap" lint -o ./b.yaml a.yaml b.yaml
expect_in "$tmp/err" "the output './b.yaml' is the input 'b.yaml'"
refused "lint through a symlink" "$jmap" lint -f json -o link.yaml a.yaml
refused "lint through a hard link" "$jmap" lint -f sarif -o hard.yaml b.yaml a.yaml
refused "lint through another path" "$jmap" lint -o ../d/a.yaml "$tmp/d/a.yaml"
refused "export through a hard link" "$jmap" export a.yaml -o hard.yaml
refused "export through a symlink" "$jmap" export link.yaml -f csv -o a.yaml
refused "render through a hard link" "$jmap" render a.yaml -f svg -o hard.yaml
refused "lint from standard input into it" sh -c "'$jmap' lint -o a.yaml - < a.yaml"
expect_in "$tmp/err" "is the input 'standard input'"
refused "lint into /dev/stdout, the map" sh -c "'$jmap' lint -o /dev/stdout a.yaml >> a.yaml"
refused "export to standard output, the map" sh -c "'$jmap' export -o - a.yaml >> a.yaml"
expect_in "$tmp/err" "the output 'standard output' is the input 'a.yaml'"

# Distinct files, and inputs that are no regular file, are fine.
check 0 "lint into another file" "$jmap" lint -o "$tmp/d/report.txt" "$tmp/d/a.yaml"
expect_in "$tmp/d/report.txt" "no problems in 1 file"
check 0 "a terminal or pipe on both sides" sh -c "cat '$clean' | '$jmap' lint - | cat"
check 0 "a copy is another file" sh -c "cp '$tmp/d/a.yaml' '$tmp/d/c.yaml' &&
    '$jmap' export '$tmp/d/a.yaml' -o '$tmp/d/c.yaml'"

exit $fail
