#!/bin/sh
# lint_sarif.sh - the SARIF report names files as code scanning and
# Microsoft's SARIF Multitool expect: a relative path stays a relative
# reference against %SRCROOT% (the folder jmap ran in, given in
# originalUriBaseIds), an absolute one becomes a file: URI, both
# percent-encoded (space, '#', '%', non-ASCII). Needs python3; the
# Multitool check needs the npm package @microsoft/sarif-multitool-linux
# that ./setup.sh test installs in the build folder (exit 77 without it).
#   sh lint_sarif.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

mkdir "$tmp/run"
cp "$src/tests/lint/warnings.yaml" "$tmp/run/warnings.yaml"
weird="$tmp/a b#1%é.yaml"
cp "$src/tests/lint/warnings.yaml" "$weird"
(cd "$tmp/run" && "$jmap" lint --format sarif -o report.sarif warnings.yaml "$weird") ||
    fail "lint --format sarif"

python3 - "$tmp/run/report.sarif" "$tmp/run" "$weird" <<'PY' || fail "URIs"
import json, sys, urllib.parse
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
cwd, weird = sys.argv[2], sys.argv[3]
base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
want = "file://" + urllib.parse.quote(cwd, safe="/-._~") + "/"
assert base == want, (base, want)
seen = set()
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
    seen.add((loc["uri"], loc.get("uriBaseId")))
want = {("warnings.yaml", "%SRCROOT%"),
        ("file://" + urllib.parse.quote(weird.encode(), safe="/-._~"), None)}
assert seen == want, seen
assert "%C3%A9" in "".join(u for u, _ in seen) and "%20" in "".join(u for u, _ in seen)
PY

tool=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ -x "$(dirname "$jmap")/tools/$tool" ]; then
    tool=$(dirname "$jmap")/tools/$tool
else
    tool=$src/build/tools/$tool # the sanitizer and locale runs of tests/extra.sh
fi
if [ ! -x "$tool" ]; then
    echo "skipped the Multitool check: $tool is not installed (./setup.sh test installs it)"
    [ $fail = 0 ] && exit 77
    exit $fail
fi
# The Multitool exits 0 whatever it finds: its findings are read instead.
"$tool" validate "$tmp/run/report.sarif" >"$tmp/validate" 2>&1 ||
    fail "the Multitool failed: $(tail -3 "$tmp/validate")"
grep -q 'Analysis completed successfully' "$tmp/validate" ||
    fail "the Multitool did not analyse the report: $(tail -3 "$tmp/validate")"
if grep -E ': error [A-Z]+[0-9]+' "$tmp/validate"; then
    fail "the Multitool finds errors in the report"
fi
exit $fail
