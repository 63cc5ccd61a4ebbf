#!/bin/sh
# report_json.sh JMAP SOURCE_DIR - `jmap report --format json` of the
# shipped maps (alone and together) and of the test maps is valid against
# schema/report.schema.json (python3-jsonschema), and its figures hold
# together: ranks 1..n in priority order, priority = weight x counted
# frequency, owner totals and heat-map cells summing the priorities.
# Exit 77 (skipped) without python3-jsonschema.
. "$2/tests/testlib.sh"
jmap=$1
src=$2
if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
    echo "SKIP: python3-jsonschema is needed"
    exit 77
fi
run() { # run NAME MAP...
    name=$1
    shift
    if ! "$jmap" report --format json -o "$tmp/$name.json" "$@" 2>"$tmp/err"; then
        fail "jmap report --format json $*"
        cat "$tmp/err" >&2
    fi
}
for map in "$src"/maps/*.yaml "$src"/tests/report/*.yaml "$src"/tests/content/every_key.yaml; do
    run "$(basename "$map" .yaml)" "$map"
done
run all "$src"/maps/*.yaml
run several "$src"/tests/report/several/*.yaml
/usr/bin/python3 - "$src/schema/report.schema.json" "$tmp"/*.json <<'PY' || fail "schema or figures"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
ok = True
for path in sys.argv[2:]:
    doc = json.load(open(path))
    try:
        jsonschema.validate(doc, schema)
    except jsonschema.ValidationError as e:
        print("FAIL: %s: %s" % (path, e.message))
        ok = False
        continue
    weights = doc["priority"]["weights"]
    irr = doc["irritants"]
    def check(cond, what):
        global ok
        if not cond:
            print("FAIL: %s: %s" % (path, what))
            ok = False
    check([r["rank"] for r in irr] == list(range(1, len(irr) + 1)), "ranks 1..n")
    for r in irr:
        freq = 1 if r["frequency"] is None else r["frequency"]
        check(r["counted_frequency"] == freq, "counted frequency of %s" % r["irritant"])
        check(r["priority"] == weights[r["severity"]] * freq, "priority of %s" % r["irritant"])
    level = {"low": 1, "medium": 2, "high": 3}
    keys = [(-r["priority"], -level[r["severity"]]) for r in irr]
    check(keys == sorted(keys), "ranked by priority, then severity")
    by_rank = {r["rank"]: r for r in irr}
    owners = doc["owners"]
    check(sum(len(o["irritants"]) for o in owners) == len(irr), "every irritant in one group")
    for o in owners:
        check(o["total_priority"] == sum(by_rank[k]["priority"] for k in o["irritants"]),
              "total of %s" % o["owner"])
        check(all(by_rank[k]["owner"] == o["owner"] for k in o["irritants"]), "owner of the group")
        check(o["without_remedy"] == [k for k in o["irritants"] if by_rank[k]["remedy"] is None],
              "without_remedy of %s" % o["owner"])
    if any(o["owner"] is None for o in owners):
        check(owners[0]["owner"] is None, "no owner first")
    heat = doc["heatmap"]
    check(sum(sum(s["priorities"]) for s in heat["stages"]) == sum(r["priority"] for r in irr),
          "the heat map sums every priority")
    check(doc["totals"]["all"]["irritants"] == len(irr), "total irritants")
    if path.endswith("/every_key.json"):
        check([r["sources"] for r in irr] == [["survey", "support-tickets"], [],
              ["mystery-visit", "staff-report", "observation"], ["analytics"]],
              "the irritants' sources, in the format's order")
sys.exit(0 if ok else 1)
PY
exit $fail
