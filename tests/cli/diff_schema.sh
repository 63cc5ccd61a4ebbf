#!/bin/sh
# diff_schema.sh JMAP SOURCE_DIR - the JSON report of `jmap diff` checked
# with the real consumer (python3-jsonschema) against the schema that ships,
# schema/jmap-diff.schema.json: the schema is valid draft-07, every golden
# JSON report of tests/diff/ and a fresh one are valid under it, an unknown
# kind is not, and together the goldens show every kind of change the
# schema lists, which are the kinds `jmap diff` writes.
# Exit 77 (skipped) when python3's jsonschema module is missing.
set -u
jmap=$1
src=$2
python=/usr/bin/python3
if ! "$python" -c 'import jsonschema' 2>/dev/null; then
    echo "SKIP: python3-jsonschema is needed"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
d=$src/tests/diff
"$jmap" diff --format json "$d/steps.old.yaml" "$d/steps.new.yaml" >"$tmp/one.json"
[ $? -eq 1 ] || { echo "FAIL: jmap diff of two different maps did not exit 1"; exit 1; }
# The array that several paths make is checked in tests/cli/diff_git.sh,
# which has a repository to take them from.
"$python" - "$src" "$tmp/one.json" <<'PY'
import glob, json, os, sys
import jsonschema
src, one = sys.argv[1], sys.argv[2]
schema = json.load(open(os.path.join(src, "schema", "jmap-diff.schema.json")))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
fail = 0
seen = set()
paths = sorted(glob.glob(os.path.join(src, "tests", "diff", "*.json"))) + [one]
checked = 0
for p in paths:
    exit_file = p[:-len(".json")] + ".exit"
    if os.path.exists(exit_file) and open(exit_file).read().strip() == "2":
        continue  # a map with errors: the report is the diagnostics
    doc = json.load(open(p))
    errors = list(v.iter_errors(doc))
    for e in errors:
        print("FAIL: %s: %s at %s" % (os.path.basename(p), e.message, list(e.path)))
        fail = 1
    for c in doc["changes"]:
        seen.add(c["kind"])
    checked += 1
kinds = set(schema["definitions"]["change"]["properties"]["kind"]["enum"])
missing = kinds - seen
if missing:
    print("FAIL: no golden shows the kinds " + ", ".join(sorted(missing)))
    fail = 1
if checked < 12:
    print("FAIL: only %d JSON goldens" % checked)
    fail = 1
bad = {"old": "a", "new": "b", "summary": "", "changes": [{"kind": "step-exploded"}]}
if not list(v.iter_errors(bad)):
    print("FAIL: the schema accepts an unknown kind")
    fail = 1
sys.exit(fail)
PY
