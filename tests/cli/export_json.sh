#!/bin/sh
# export_json.sh JMAP SOURCE_DIR - `jmap export --format json`, read by
# python3's json module: every shipped map exports to one JSON document
# whose every reference names an item of the document, with default ids and
# successors filled in, and each step's involved departments by the one rule
# (touchpoint owners, listed departments, irritant owners, departments of its
# actions, each once); the content keys (goals, metrics, thoughts, actions,
# step personas, sources) whole, numbers as numbers. A map with errors is refused (exit 1), and -o FILE
# is written whole or not at all.
set -u
jmap=$1
src=$2
python=/usr/bin/python3
. "$(dirname "$0")/../testlib.sh"

for map in "$src"/maps/*.yaml "$src"/tests/lint/clean.yaml "$src"/tests/content/every_key.yaml; do
    check 0 "export $map" "$jmap" export --format json "$map"
    "$python" - "$tmp/out" "$map" <<'EOF' || fail=1
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
name = sys.argv[2]
ok = True
def expect(cond, what):
    global ok
    if not cond:
        print("FAIL: %s: %s" % (name, what))
        ok = False
ids = {kind: [x["id"] for x in g[kind]]
       for kind in ("personas", "departments", "touchpoints", "stages", "steps")}
for kind, values in ids.items():
    expect(len(values) == len(set(values)), "duplicate %s ids" % kind)
expect(g["jmap"] == 1 and g["title"], "header")
stage_steps = [s for st in g["stages"] for s in st["steps"]]
expect(stage_steps == ids["steps"], "stages list every step once, in journey order")
for t in g["touchpoints"]:
    expect(t["owner"] is None or t["owner"] in ids["departments"], "touchpoint owner")
for i, s in enumerate(g["steps"]):
    expect(s["id"] and s["stage"] in ids["stages"], "step id and stage")
    expect(all(t in ids["touchpoints"] for t in s["touchpoints"]), "step touchpoints")
    expect(all(d in ids["departments"] for d in s["departments"] + s["involved_departments"]),
           "step departments")
    want = []  # the one rule: touchpoint owners, listed, irritant owners, actions
    owners = {t["id"]: t["owner"] for t in g["touchpoints"]}
    for d in ([owners[t] for t in s["touchpoints"]] + s["departments"] +
              [ir["owner"] for ir in s["irritants"]] +
              [a["department"] for a in s["actions"]]):
        if d is not None and d not in want:
            want.append(d)
    expect(s["involved_departments"] == want,
           "involved departments of %s: %s, want %s" % (s["id"], s["involved_departments"], want))
    expect(all(n in ids["steps"] for n in s["next"]), "successors resolved")
    if s["next_is_default"]:
        want = ids["steps"][i + 1:i + 2]
        expect(s["next"] == want, "default successor of %s" % s["id"])
    for e in s["emotions"]:
        expect(-2 <= e["value"] <= 2, "emotion range")
        expect(e["persona"] is None or e["persona"] in ids["personas"], "emotion persona")
    for ir in s["irritants"]:
        expect(ir["severity"] in ("low", "medium", "high"), "severity")
        expect(ir["owner"] is None or ir["owner"] in ids["departments"], "irritant owner")
    expect(s["line"] >= 1 and s["column"] >= 1, "position kept")
    expect(all(p in ids["personas"] for p in s["personas"]), "step personas")
    expect(len(s["moment_sources"]) == len(s["moments"]), "a list of sources per moment")
    for m in s["metrics"]:
        expect(isinstance(m["value"], (int, float)) and not isinstance(m["value"], bool),
               "metric value is a number")
sources = {"survey", "interview", "mystery-visit", "staff-report", "support-tickets",
           "analytics", "review", "observation"}
for s in g["steps"]:
    for ir in s["irritants"]:
        expect(set(ir["sources"]) <= sources, "irritant sources are names")
if name.endswith("every_key.yaml"):
    st = g["stages"][0]
    expect(st["goals"] == ["Know when the technician comes", "Pay nothing before the visit"],
           "stage goals")
    expect(st["metrics"][0] == {"name": "Bookings completed", "value": 71.5, "unit": "%",
                                "target": 80, "line": 43, "column": 9}, "stage metric: %s" % st["metrics"][0])
    expect(st["metrics"][1]["unit"] is None and st["metrics"][1]["target"] is None,
           "no unit, no target: null")
    calls, online = g["steps"][0], g["steps"][1]
    expect(calls["personas"] == ["nora"] and g["steps"][2]["personas"] == [], "step personas")
    expect(calls["thoughts"] == ["I hope someone picks up before lunch"], "thoughts")
    expect([(a["department"], a["text"]) for a in calls["actions"]] ==
           [("customer-care", "Takes the call and checks the warranty"),
            ("scheduling", "Offers the first free slot")], "actions in order")
    expect(calls["metrics"][0]["value"] == 6.5 and calls["metrics"][0]["target"] == 3,
           "step metric")
    expect(calls["irritants"][0]["sources"] == ["survey", "support-tickets"], "irritant sources")
    expect(calls["irritants"][0]["frequency"] == 120, "frequency kept")
    expect(online["moment_sources"] == [["interview", "review"]], "moment sources")
    expect(calls["moment_sources"] == [[]], "a moment without sources")
    expect(online["metrics"][0]["value"] == 2.3, "2.3 stays 2.3")
sys.exit(0 if ok else 1)
EOF
done

# Default ids: the slugs of the names (accents folded).
check 0 "default ids" "$jmap" export "$src/maps/boutique.yaml"
grep -q '"id_is_default": true' "$tmp/out" || { echo "FAIL: no default id"; fail=1; }

# A map with errors is refused, with its diagnostics, and writes nothing.
echo "previous" >"$tmp/kept.json"
check 1 "a map with errors" "$jmap" export -o "$tmp/kept.json" "$src/tests/lint/every-error.yaml"
grep -q "error: .*\[bad-value\]" "$tmp/err" || { echo "FAIL: no diagnostics on stderr"; fail=1; }
grep -q "has errors; nothing was exported" "$tmp/err" || { echo "FAIL: no refusal"; fail=1; }
[ "$(cat "$tmp/kept.json")" = previous ] || { echo "FAIL: the old file was touched"; fail=1; }
[ -s "$tmp/out" ] && { echo "FAIL: output on stdout for a map with errors"; fail=1; }

# -o FILE: written, and nothing left beside it.
check 0 "-o FILE" "$jmap" export --format json -o "$tmp/kept.json" "$src/maps/shoes.yaml"
"$python" -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/kept.json" ||
    { echo "FAIL: -o did not write the JSON"; fail=1; }
[ "$(ls -A "$tmp" | grep -c kept)" = 1 ] || { echo "FAIL: temporary file left"; ls -A "$tmp"; fail=1; }
check 2 "-o into a missing directory" "$jmap" export -o "$tmp/none/x.json" "$src/maps/shoes.yaml"
check 2 "unreadable map" "$jmap" export "$tmp/missing.yaml"

# Usage errors name the nearest right word.
check 2 "unknown format" "$jmap" export --format mermiad "$src/maps/shoes.yaml"
grep -q "did you mean 'mermaid'?" "$tmp/err" || { echo "FAIL: no suggestion"; fail=1; }
check 2 "unknown option" "$jmap" export --outptu x "$src/maps/shoes.yaml"
grep -q "did you mean '--output'?" "$tmp/err" || { echo "FAIL: no suggestion"; fail=1; }
check 2 "two maps" "$jmap" export "$src/maps/shoes.yaml" "$src/maps/boutique.yaml"
check 2 "no map" "$jmap" export
check 2 "unknown command" "$jmap" exprot
grep -q "did you mean 'export'?" "$tmp/err" || { echo "FAIL: no suggestion"; fail=1; }
exit $fail
