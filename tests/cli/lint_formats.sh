#!/bin/sh
# lint_formats.sh JMAP SOURCE_DIR - `jmap lint --format json|sarif|github`
# read by real consumers: python3's json module, the published SARIF 2.1.0
# schema (tests/sarif-2.1.0.json) with python3-jsonschema, and the syntax of
# GitHub's workflow commands. Exit 77 (skipped) without python3-jsonschema.
set -u
jmap=$1
src=$2
python=/usr/bin/python3
if ! "$python" -c 'import jsonschema' 2>/dev/null; then
    echo "SKIP: python3-jsonschema is needed"
    exit 77
fi
. "$(dirname "$0")/../testlib.sh"

bad=$src/tests/lint/every-error.yaml
warn=$src/tests/lint/warnings.yaml
clean=$src/tests/lint/clean.yaml
# A path that needs escaping everywhere: a space, a comma, a colon, a percent.
odd="$tmp/my maps,v1:50%.yaml"
cp "$warn" "$odd"

# ---- json ----
check 2 "json: unreadable file among others" \
    "$jmap" lint --format json "$bad" "$tmp/missing.yaml" "$odd" "$clean"
cp "$tmp/out" "$tmp/report.json"
"$python" - "$tmp/report.json" "$tmp/missing.yaml" <<'EOF' || fail=1
import json, sys
report = json.load(open(sys.argv[1]))
ok = True
def expect(cond, what):
    global ok
    if not cond:
        print("FAIL: json: " + what)
        ok = False
expect(report["tool"]["name"] == "jmap", "tool name")
expect([f["path"] for f in report["files"]][1] == sys.argv[2], "files in order")
expect(report["files"][1].get("error") == "No such file or directory", "unreadable file entry")
t = report["totals"]
expect(t["files"] == 4 and t["unreadable"] == 1, "totals of files")
expect(t["errors"] == sum(f["severity"] == "error" for f in report["findings"]), "error total")
expect(t["warnings"] == sum(f["severity"] == "warning" for f in report["findings"]), "warning total")
expect(t["errors"] > 5 and t["warnings"] > 5, "findings of several files")
for f in report["findings"]:
    expect(set(f) == {"path", "rule", "severity", "message", "line", "column"}, "keys %s" % f)
    expect(f["line"] is None or (f["line"] >= 1 and f["column"] >= 1), "1-based positions")
sys.exit(0 if ok else 1)
EOF

# ---- sarif ----
check 2 "sarif: unreadable file among others" \
    "$jmap" lint --format sarif "$bad" "$tmp/missing.yaml" "$odd" "$clean"
cp "$tmp/out" "$tmp/report.sarif"
"$python" - "$tmp/report.sarif" "$src/tests/sarif-2.1.0.json" "$jmap" <<'EOF' || fail=1
import copy, json, subprocess, sys
import jsonschema
report = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
ok = True
def expect(cond, what):
    global ok
    if not cond:
        print("FAIL: sarif: " + what)
        ok = False
errors = list(validator.iter_errors(report))
for e in errors[:5]:
    print("FAIL: sarif schema: %s at %s" % (e.message, list(e.absolute_path)))
expect(not errors, "valid against the SARIF 2.1.0 schema")
# The validator does catch a broken report, so the check above means something.
broken = copy.deepcopy(report)
broken["runs"][0]["results"][0]["level"] = "fatal"
expect(list(validator.iter_errors(broken)), "a broken report is caught")

run = report["runs"][0]
driver = run["tool"]["driver"]
version = subprocess.run([sys.argv[3], "--version"], capture_output=True, text=True).stdout.split()[1]
expect(driver["name"] == "jmap" and driver["version"] == version, "driver name and version")
ids = [r["id"] for r in driver["rules"]]
expect(len(ids) == 15 and len(set(ids)) == 15, "every rule once")
off = [r["id"] for r in driver["rules"] if r["defaultConfiguration"].get("enabled") is False]
expect(off == ["no-evidence"], "only no-evidence is off by default: %s" % off)
for r in driver["rules"]:
    expect(r["shortDescription"]["text"] and r["help"]["text"], "rule texts for " + r["id"])
    expect(r["defaultConfiguration"]["level"] in ("error", "warning"), "rule level")
expect(run["columnKind"] == "unicodeCodePoints", "columnKind")
expect(len(run["results"]) > 10, "results")
for res in run["results"]:
    expect(ids[res["ruleIndex"]] == res["ruleId"], "ruleIndex matches ruleId")
    loc = res["locations"][0]["physicalLocation"]
    expect(loc["region"]["startLine"] >= 1, "1-based region")
uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"]}
expect(any(u.endswith("/my%20maps%2Cv1%3A50%25.yaml") for u in uris), "percent-encoded uri: %s" % uris)
inv = run["invocations"][0]
expect(inv["executionSuccessful"] is False, "unsuccessful with an unreadable file")
notes = inv["toolExecutionNotifications"]
expect(len(notes) == 1 and "missing.yaml" in notes[0]["message"]["text"], "notification")
sys.exit(0 if ok else 1)
EOF

# ---- github ----
check 1 "github: findings" "$jmap" lint --format github "$bad" "$odd"
"$python" - "$tmp/out" <<'EOF' || fail=1
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
command = re.compile(r"^::(error|warning) file=([^,:]+)(,line=[1-9][0-9]*,col=[1-9][0-9]*)?"
                     r",title=[a-z-]+::([^\r\n]*)$")
ok = True
commands = [l for l in lines if l.startswith("::")]
for l in commands:
    if not command.match(l):
        print("FAIL: github: not a workflow command: " + l)
        ok = False
if len(commands) != len(lines) - 1 or not re.match(r"^\d+ errors? and \d+ warnings? in 2 files$", lines[-1]):
    print("FAIL: github: commands then one summary line expected")
    ok = False
if not any("file=" in l and "my maps%2Cv1%3A50%25.yaml,line=" in l for l in commands):
    print("FAIL: github: the path's ',', ':' and '%' are not escaped")
    ok = False
if not any(l.startswith("::warning ") for l in commands) or not any(l.startswith("::error ") for l in commands):
    print("FAIL: github: errors and warnings expected")
    ok = False
sys.exit(0 if ok else 1)
EOF
check 2 "github: unreadable file" "$jmap" lint --format github "$tmp/missing.yaml"
grep -q "^::error file=$tmp/missing.yaml,title=jmap::cannot read" "$tmp/out" ||
    { echo "FAIL: github: no annotation for an unreadable file"; cat "$tmp/out"; fail=1; }

# ---- every format carries the messages that teach, word for word ----
# The cases' messages hold quotes, backquotes, '{}', ': ' and French
# guillemets; each format must give the same text as the text report.
teach=""
for name in comma-in-flow-text colon-in-text colon-in-flow-text colon-in-list-text tab-indent \
        indent-deeper indent-deeper-id indent-between indent-list-item duplicate-ids \
        reference-kinds; do
    teach="$teach $src/tests/lint/$name.yaml"
done
for format in text json sarif github; do
    # shellcheck disable=SC2086 # one word per case
    "$jmap" lint --color never --format $format $teach >"$tmp/teach.$format" 2>&1
done
"$python" - "$tmp/teach" <<'EOF' || fail=1
import json, re, sys
base = sys.argv[1]
text = open(base + ".text", encoding="utf-8").read().splitlines()
want = [(m.group(1), int(m.group(2)), int(m.group(3)), m.group(4))
        for m in (re.match(r"^(.*?):(\d+):(\d+): (?:error|warning): (.*) \[[a-z-]+\]$", l)
                  for l in text) if m]
ok = True
def expect(cond, what):
    global ok
    if not cond:
        print("FAIL: teach: " + what)
        ok = False
expect(len(want) > 20, "text findings of the teaching cases")
expect(any('quotes: description: "Student, moves every year"' in w[3] for w in want),
       "the comma case shows the quoted text")
report = json.load(open(base + ".json", encoding="utf-8"))
got = [(f["path"], f["line"], f["column"], f["message"]) for f in report["findings"]]
expect(got == want, "json messages differ from text")
sarif = json.load(open(base + ".sarif", encoding="utf-8"))
got = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
expect(got == [w[3] for w in want], "sarif messages differ from text")
def unescape(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
got = [unescape(l.split("::", 2)[2]) for l in
       open(base + ".github", encoding="utf-8").read().splitlines() if l.startswith("::")]
expect(got == [w[3] for w in want], "github messages differ from text")
sys.exit(0 if ok else 1)
EOF

# ---- text stays the default, and --output writes the report ----
check 1 "text to a file" "$jmap" lint --format text -o "$tmp/report.txt" "$bad"
[ -s "$tmp/out" ] && { echo "FAIL: --output still wrote to standard output"; fail=1; }
grep -q "every-error.yaml:3:7: error: 'lang' is 'de'" "$tmp/report.txt" ||
    { echo "FAIL: text report not in the --output file"; fail=1; }
check 2 "unwritable --output" "$jmap" lint -o "$tmp/no/such/dir/r.json" "$clean"
grep -q "cannot create a file beside .*No such file or directory" "$tmp/err" || { echo "FAIL: no reason for --output"; fail=1; }

# ---- colour: only for text on a terminal, or when asked ----
esc=$(printf '\033')
check 1 "--color always" "$jmap" lint --color always "$bad"
grep -q "$esc\[" "$tmp/out" || { echo "FAIL: --color always has no colour"; fail=1; }
check 1 "--color auto into a pipe" "$jmap" lint --color auto "$bad"
grep -q "$esc" "$tmp/out" && { echo "FAIL: colour into a pipe"; fail=1; }
check 1 "json never coloured" "$jmap" lint --color always --format json "$bad"
grep -q "$esc" "$tmp/out" && { echo "FAIL: colour in json"; fail=1; }
if command -v script >/dev/null 2>&1; then
    script -qec "'$jmap' lint --color auto '$bad'" /dev/null >"$tmp/tty" 2>&1
    grep -q "$esc\[" "$tmp/tty" || { echo "FAIL: no colour on a terminal"; fail=1; }
    NO_COLOR=1 script -qec "'$jmap' lint '$bad'" /dev/null >"$tmp/tty" 2>&1
    grep -q "$esc\[" "$tmp/tty" && { echo "FAIL: NO_COLOR not honoured"; fail=1; }
fi
exit $fail
