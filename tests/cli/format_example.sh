#!/bin/sh
# format_example.sh JMAP SOURCE_DIR - the complete example of docs/format.md,
# which uses every key of the format, is valid and has no warnings, and
# exports every content key it shows.
set -u
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

awk '/^## A complete example/ {on = 1} on && /^```yaml$/ {keep = 1; next}
     keep && /^```$/ {exit} keep' "$src/docs/format.md" >"$tmp/example.yaml"
[ -s "$tmp/example.yaml" ] || { echo "FAIL: no example in docs/format.md"; fail=1; }
check 0 "the example is clean" "$jmap" lint --strict "$tmp/example.yaml"
expect_in "$tmp/out" "no problems in 1 file"
check 0 "the example exports" "$jmap" export "$tmp/example.yaml"
for key in '"goals"' '"metrics"' '"thoughts"' '"actions"' '"personas"' \
    '"moment_sources"' '"support-tickets"' '"value": 62.5'; do
    expect_in "$tmp/out" "$key"
done
exit $fail
