#!/bin/sh
# cli_exit_codes.sh JMAP SOURCE_DIR - the lint command's exit codes, and that
# a broken or unreadable file never stops the others from being checked.
set -u
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

clean=$src/tests/lint/clean.yaml
warn=$src/tests/lint/warnings.yaml
bad=$src/tests/lint/every-error.yaml

check 0 "clean map" "$jmap" lint "$clean"
expect_in "$tmp/out" "no problems in 1 file"
check 0 "warnings only" "$jmap" lint "$warn"
check 1 "warnings with --strict" "$jmap" lint --strict "$warn"
check 1 "a map with errors" "$jmap" lint "$bad"
check 0 "every shipped map is clean" "$jmap" lint "$src"/maps/*.yaml

# A broken file and a missing file do not stop the others; 2 wins over 1.
check 2 "missing file among others" "$jmap" lint "$bad" "$tmp/nope.yaml" "$warn"
expect_in "$tmp/err" "cannot read '$tmp/nope.yaml': No such file or directory"
expect_in "$tmp/out" "warnings.yaml:"
expect_in "$tmp/out" "every-error.yaml:"
expect_in "$tmp/out" "in 2 files; 1 file could not be read"
check 2 "a directory" "$jmap" lint "$tmp"
expect_in "$tmp/err" "is a directory"
mkfifo "$tmp/fifo"
check 2 "a FIFO is refused without blocking" "$jmap" lint "$tmp/fifo"
expect_in "$tmp/err" "not a regular file"

# Standard input.
check 1 "standard input" sh -c "printf 'jmap: 1\n' | '$jmap' lint -"
expect_in "$tmp/out" "-:1:1: error: missing key 'title' in the journey [missing-key]"

# An output that is the map itself is refused, and the map is kept.
cp "$clean" "$tmp/map.yaml"
check 2 "render over the map" "$jmap" render "$tmp/map.yaml" --format pdf -o "$tmp/map.yaml"
expect_in "$tmp/err" "is the input"
check 2 "export over the map" "$jmap" export "$tmp/map.yaml" -o "$tmp/./map.yaml"
check 0 "the map is intact" cmp "$clean" "$tmp/map.yaml"
ln -s map.yaml "$tmp/link.yaml"
check 2 "render over a link to the map" "$jmap" render "$tmp/map.yaml" --format svg -o "$tmp/link.yaml"
check 0 "the map is still intact" cmp "$clean" "$tmp/map.yaml"

# Usage errors.
check 2 "no file" "$jmap" lint
check 2 "unknown option" "$jmap" lint --stirct "$clean"
expect_in "$tmp/err" "did you mean '--strict'?"
check 2 "unknown command" "$jmap" lnit "$clean"
expect_in "$tmp/err" "did you mean 'lint'?"
check 2 "no command" "$jmap"
check 0 "--help" "$jmap" --help
expect_in "$tmp/out" "lint"
check 0 "lint --help" "$jmap" lint --help
expect_in "$tmp/out" "--strict"
check 0 "--version" "$jmap" --version
expect_in "$tmp/out" "jmap "

# The summary counts errors, warnings and files.
check 1 "summary" "$jmap" lint "$bad" "$warn" "$clean"
expect_in "$tmp/out" "20 errors and 9 warnings in 3 files"

exit $fail
