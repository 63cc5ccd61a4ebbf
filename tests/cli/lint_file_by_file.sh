#!/bin/sh
# lint_file_by_file.sh JMAP SOURCE_DIR - `jmap lint` reports each file
# before it reads the next (so that it holds one file's text at a time, and
# memory is bounded by the largest file, not the sum): with the text and
# github formats, the findings of the first file are out while the second,
# standard input, is still open. JSON and SARIF, which list every file
# first, are whole at the end (their bytes are checked by the golden lint
# cases and lint_formats.sh).
set -u
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
warn=$src/tests/lint/warnings.yaml
clean=$src/tests/lint/clean.yaml

# seen_early FORMAT TEXT - TEXT is in the report of `lint FORMAT warn -`
# while standard input is still open; then the run ends normally.
seen_early() {
    rm -f "$tmp/in" "$tmp/early"
    mkfifo "$tmp/in"
    "$jmap" lint -f "$1" "$warn" - <"$tmp/in" >"$tmp/early" 2>"$tmp/err" &
    pid=$!
    exec 3>"$tmp/in"
    i=0
    while [ $i -lt 200 ] && ! grep -qF -- "$2" "$tmp/early"; do
        sleep 0.05
        i=$((i + 1))
    done
    grep -qF -- "$2" "$tmp/early" ||
        fail "$1: the first file's findings wait for the second file"
    cat "$clean" >&3
    exec 3>&-
    wait $pid
    code=$?
    [ "$code" = 0 ] || fail "$1: exit $code after standard input closed"
    expect_in "$tmp/early" "in 2 files"
}
seen_early text "[unused]"
seen_early github "::warning file="

exit $fail
