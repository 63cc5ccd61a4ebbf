#!/bin/sh
# export_mermaid.sh JMAP SOURCE_DIR - `jmap export --format mermaid` read
# back with the lexer rules of Mermaid's journey grammar (journey.jison:
# case-insensitive, first matching rule wins), re-stated in Python: every
# stage must come back as a section and every step as a task with its score
# (emotion -2..2 as 1..5, 3 without one) and the departments it involves
# (touchpoint owners, listed departments, irritant owners, departments of its
# actions) as actors, even
# when names hold ':', '#', ';', ',', line breaks or Mermaid's keywords.
# The real Mermaid CLI needs a headless browser and is not used; when
# JMAP_MERMAID_MODULES names a node_modules directory holding the mermaid
# and jsdom packages (npm install mermaid jsdom), every export is also
# parsed by Mermaid itself, in Node.
set -u
jmap=$1
src=$2
python=/usr/bin/python3
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/hostile.yaml" <<'EOF'
jmap: 1
title: "Tea: the journey; #1 %% not a comment"
personas: {a: A, b: B}
departments:
  d: "Sales, Europe: #1"
  e: "accTitle: x; y"
  f: "Legal; only an irritant owner"
touchpoints: {t: {name: T, owner: d}}
stages:
  - id: s
    name: "Stage: one # two"
    steps:
      - {name: Journey planner, emotion: {a: -2, b: -1}, touchpoints: [t]}
      - {name: "Title: search; then #go", emotion: {a: 2, b: 1}, departments: [e],
         irritants: [{name: Lost, owner: f}]}
      - {name: "section break", emotion: {a: 0, b: 1}}
      - {name: "%%{init}%% text", emotion: {a: 1, b: 1}}
      - {name: "accDescr: multi\n line", emotion: {a: -1, b: -1}}
  - {id: e2, name: "section", steps: [{name: "journey", emotion: {a: 0, b: 0}}]}
EOF

for map in "$src"/maps/*.yaml "$src/tests/lint/warnings.yaml" "$src/tests/content/every_key.yaml" "$tmp/hostile.yaml"; do
    if ! "$jmap" export --format mermaid "$map" >"$tmp/out.mmd" 2>"$tmp/err" ||
        ! "$jmap" export --format json "$map" >"$tmp/out.json" 2>>"$tmp/err"; then
        echo "FAIL: export $map"
        cat "$tmp/err"
        fail=1
        continue
    fi
    "$python" - "$tmp/out.mmd" "$tmp/out.json" "$map" <<'EOF' || fail=1
import json, re, sys

# journey.jison's lexer, in order; the first rule that matches wins.
RULES = [
    (r"[\n]+", "NL"), (r"\s+", None), (r"#[^\n]*", None), (r"%%[^\n]*", None),
    (r"journey", "journey"),
    (r"title\s[^#\n;]+", "title"),
    (r"accTitle\s*:\s*", "acc_title"), (r"accDescr\s*:\s*", "acc_descr"),
    (r"accDescr\s*\{\s*", "acc_descr_multiline"),
    (r"section\s[^#:\n;]+", "section"),
    (r"[^#:\n;]+", "taskName"),
    (r":[^#\n;]+", "taskData"),
    (r":", ":"), (r".", "INVALID"),
]
RULES = [(re.compile(p, re.I), t) for p, t in RULES]

def lex(text):
    i, out = 0, []
    while i < len(text):
        for rx, tok in RULES:
            m = rx.match(text, i)
            if m:
                if tok:
                    out.append((tok, m.group(0)))
                i = m.end()
                break
    return out

def parse(text):
    """The grammar: journey, then title / section / taskName taskData lines."""
    tokens = [t for t in lex(text) if t[0] != "NL"]
    assert tokens and tokens[0][0] == "journey", "does not start with journey"
    title, sections, i = None, [], 1
    while i < len(tokens):
        tok, val = tokens[i]
        if tok == "title":
            title = val[6:]
        elif tok == "section":
            sections.append((val[8:], []))
        elif tok == "taskName" and i + 1 < len(tokens) and tokens[i + 1][0] == "taskData":
            pieces = tokens[i + 1][1][1:].split(":")
            actors = [a.strip() for a in pieces[1].split(",")] if len(pieces) > 1 else []
            sections[-1][1].append((val.strip(), int(pieces[0]), actors))
            i += 1
        else:
            raise AssertionError("token %s %r where a statement should be" % (tok, val))
        i += 1
    return title, sections

text = open(sys.argv[1], encoding="utf-8").read()
graph = json.load(open(sys.argv[2], encoding="utf-8"))
name = sys.argv[3]
ok = True
def expect(cond, what):
    global ok
    if not cond:
        print("FAIL: %s: %s" % (name, what))
        ok = False
try:
    title, sections = parse(text)
except (AssertionError, ValueError, IndexError) as e:
    print("FAIL: %s: Mermaid cannot parse it: %s\n%s" % (name, e, text))
    sys.exit(1)
expect(title and title.strip(), "title")
expect(len(sections) == len(graph["stages"]), "one section per stage")
steps = {s["id"]: s for s in graph["steps"]}
departments = {d["id"]: d for d in graph["departments"]}
owners = {t["id"]: t["owner"] for t in graph["touchpoints"]}
for (section, tasks), stage in zip(sections, graph["stages"]):
    expect(section.strip(), "section name")
    expect(len(tasks) == len(stage["steps"]), "one task per step in %s" % stage["id"])
    for (task, score, actors), step_id in zip(tasks, stage["steps"]):
        step = steps[step_id]
        values = [e["value"] for e in step["emotions"]]
        mean = sum(values) / len(values) if values else 0
        want = int(mean + (0.5 if mean >= 0 else -0.5)) + 3
        expect(score == want, "score of %s: %d, want %d" % (step_id, score, want))
        expect(1 <= score <= 5, "score range")
        want = []  # the one rule: touchpoint owners, listed, irritant owners, actions
        for d in ([owners[t] for t in step["touchpoints"]] + step["departments"] +
                  [ir["owner"] for ir in step["irritants"]] +
                  [a["department"] for a in step["actions"]]):
            if d is not None and d not in want:
                want.append(d)
        expect(len(actors) == len(want), "actors of %s: %s, want %s" % (step_id, actors, want))
        expect(task.replace("\u2060", "") != "", "task name")
        for ch in "#:;\n":
            expect(ch not in task, "%r in task %r" % (ch, task))
sys.exit(0 if ok else 1)
EOF
    [ -n "${JMAP_MERMAID_MODULES:-}" ] || continue
    JMAP_MERMAID_MODULES=$JMAP_MERMAID_MODULES node --input-type=module - "$tmp/out.mmd" \
        >"$tmp/real.json" 2>"$tmp/err" <<'EOF' || { echo "FAIL: Mermaid: $map"; cat "$tmp/err"; fail=1; }
import { createRequire } from "module";
import { pathToFileURL } from "url";
import fs from "fs";
const req = createRequire(process.env.JMAP_MERMAID_MODULES + "/package.json");
const { JSDOM } = await import(pathToFileURL(req.resolve("jsdom")).href);
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(req.resolve("mermaid")).href);
mermaid.initialize({ startOnLoad: false });
const diagram = await mermaid.mermaidAPI.getDiagramFromText(fs.readFileSync(process.argv[2], "utf8"));
const db = diagram.db;
console.log(JSON.stringify({ sections: db.getSections(),
  tasks: db.getTasks().map(t => ({ section: t.section, score: t.score, people: t.people })) }));
EOF
    "$python" - "$tmp/real.json" "$tmp/out.json" "$map" <<'EOF' || fail=1
import json, sys
real = json.load(open(sys.argv[1]))
graph = json.load(open(sys.argv[2], encoding="utf-8"))
steps = graph["steps"]
scores = []
for s in steps:
    v = [e["value"] for e in s["emotions"]]
    m = sum(v) / len(v) if v else 0
    scores.append(int(m + (0.5 if m >= 0 else -0.5)) + 3)
ok = (len(real["sections"]) == len(graph["stages"]) and
      [t["score"] for t in real["tasks"]] == scores and
      [len(t["people"]) for t in real["tasks"]] == [len(s["involved_departments"]) for s in steps])
if not ok:
    print("FAIL: Mermaid reads %s differently: %s" % (sys.argv[3], real))
sys.exit(0 if ok else 1)
EOF
done
[ -n "${JMAP_MERMAID_MODULES:-}" ] || echo "note: JMAP_MERMAID_MODULES is not set; Mermaid itself was not run"
exit $fail
