#!/bin/sh
# write_errors.sh JMAP SOURCE_DIR - a full disk is said with the system's
# reason ("No space left on device"), the same in every command, whether
# the output is named with -o or is standard output, and whether the write
# fails at the end or in the middle of a long output; exit 2 each time.
set -u
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

if [ ! -w /dev/full ]; then
    echo "skipped: /dev/full is missing"
    exit 0
fi
clean=$src/tests/lint/clean.yaml
bad=$src/tests/lint/every-error.yaml
shoes=$src/maps/shoes.yaml
# Enough findings for a report far larger than a stdio buffer.
many=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do many="$many $bad"; done

# full DESCRIPTION COMMAND... - exits 2 and gives the reason.
full() {
    what=$1
    shift
    check 2 "$what" "$@"
    expect_in "$tmp/err" "No space left on device"
    expect_not_in "$tmp/err" "write error"
}

full "lint -o" "$jmap" lint -o /dev/full "$clean"
# shellcheck disable=SC2086 # $many is a list of paths without blanks
full "lint -o, a long report" "$jmap" lint -o /dev/full $many
full "lint -f json -o" "$jmap" lint -f json -o /dev/full "$clean"
# A file that cannot be read after the failed write does not lend its
# reason ("No such file or directory") to the write.
warn=$src/tests/lint/warnings.yaml
full "lint -o, then a missing file" "$jmap" lint -o /dev/full "$warn" "$tmp/missing.yaml"
expect_in "$tmp/err" "lint: cannot write '/dev/full': No space left on device"
full "lint to standard output" sh -c "'$jmap' lint '$clean' >/dev/full"
full "export -o" "$jmap" export -o /dev/full "$shoes"
full "export -f csv to standard output" sh -c "'$jmap' export -f csv '$shoes' >/dev/full"
full "schema -o" "$jmap" schema -o /dev/full
expect_in "$tmp/err" "schema: cannot write '/dev/full': No space left on device"
full "schema to standard output" sh -c "'$jmap' schema >/dev/full"
full "render -f svg -o" "$jmap" render "$shoes" -f svg -o /dev/full
full "render -f pdf to standard output" sh -c "'$jmap' render '$shoes' -f pdf -o - >/dev/full"
# The reason is said once, not "cannot write 'X': cannot write 'X': ...".
check 2 "export -o, the message" "$jmap" export -o /dev/full "$shoes"
[ "$(grep -o "cannot write" "$tmp/err" | wc -l)" = 1 ] ||
    fail "the reason is repeated: $(cat "$tmp/err")"

exit $fail
