#!/bin/sh
# schema_editor.sh JMAP SOURCE_DIR - the schema as editors use it: the real
# yaml-language-server (the engine of VS Code's, Neovim's and other YAML
# support), driven over its stdio protocol, opens every shipped map and
# every tests/schema case through its `# yaml-language-server: $schema=`
# line: shipped maps and ok-* cases get no diagnostic, bad-* cases get one;
# in a step it completes the step's keys, and hovering shows the schema's
# descriptions. Debian has no package of it, so this runs only when
# JMAP_YAML_LANGUAGE_SERVER names a node_modules directory holding it
# (npm install yaml-language-server); otherwise it exits 77 (skipped).
set -u
jmap=$1
src=$2
modules=${JMAP_YAML_LANGUAGE_SERVER:-}
if [ -z "$modules" ] || ! command -v node >/dev/null 2>&1; then
    echo "SKIP: set JMAP_YAML_LANGUAGE_SERVER to a node_modules with yaml-language-server"
    exit 77
fi
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A tree where every map's modeline finds the schema jmap prints.
mkdir "$tmp/schema" "$tmp/maps" "$tmp/cases"
"$jmap" schema -o "$tmp/schema/jmap.schema.json" || exit 1
cp "$src"/maps/*.yaml "$tmp/maps/"
for f in "$src"/tests/schema/*.yaml; do
    sed 's|\.\./\.\./schema/|../schema/|' "$f" >"$tmp/cases/$(basename "$f")"
done
cat >"$tmp/maps/probe.yaml" <<'EOF'
# yaml-language-server: $schema=../schema/jmap.schema.json
jmap: 1
title: T
departments: {d: D}
stages:
  - id: a
    name: A
    steps:
      - name: S
        irritants: [{name: I, owner: d, severity: high}]
        
EOF

cat >"$tmp/drive.mjs" <<'EOF'
import { spawn } from "child_process";
import fs from "fs";
const [modules, ...files] = process.argv.slice(2);
const server = spawn("node", [modules + "/yaml-language-server/bin/yaml-language-server", "--stdio"]);
let buf = Buffer.alloc(0), id = 0;
const pending = new Map(), diags = new Map();
server.stdout.on("data", (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf("\r\n\r\n");
    if (h < 0) return;
    const len = +/Content-Length: (\d+)/.exec(buf.slice(0, h).toString())[1];
    if (buf.length < h + 4 + len) return;
    const msg = JSON.parse(buf.slice(h + 4, h + 4 + len).toString());
    buf = buf.slice(h + 4 + len);
    if (msg.id !== undefined && pending.has(msg.id)) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
    else if (msg.method === "textDocument/publishDiagnostics") diags.set(msg.params.uri, msg.params.diagnostics);
    else if (msg.id !== undefined && msg.method)
      send({ jsonrpc: "2.0", id: msg.id, result: msg.method === "workspace/configuration" ? [{}] : null });
  }
});
const send = (m) => { const s = JSON.stringify(m); server.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`); };
const request = (method, params) => new Promise((r) => { const i = ++id; pending.set(i, r); send({ jsonrpc: "2.0", id: i, method, params }); });
const notify = (method, params) => send({ jsonrpc: "2.0", method, params });
await request("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
notify("initialized", {});
notify("workspace/didChangeConfiguration", { settings: { yaml: { validate: true, completion: true, hover: true } } });
for (const f of files)
  notify("textDocument/didOpen", { textDocument: { uri: "file://" + f, languageId: "yaml", version: 1, text: fs.readFileSync(f, "utf8") } });
for (let waited = 0; waited < 20000 && files.some((f) => !diags.has("file://" + f)); waited += 100)
  await new Promise((r) => setTimeout(r, 100));
const result = { diagnostics: {} };
for (const f of files) result.diagnostics[f] = (diags.get("file://" + f) || []).map((d) => d.message);
const probe = files.find((f) => f.endsWith("/probe.yaml"));
const lines = fs.readFileSync(probe, "utf8").split("\n");
const uri = "file://" + probe;
const completion = await request("textDocument/completion", { textDocument: { uri }, position: { line: 10, character: 8 } });
result.completion = (completion.items || completion).map((i) => i.label);
const line = lines.findIndex((l) => l.includes("severity"));
const hover = await request("textDocument/hover", { textDocument: { uri }, position: { line, character: lines[line].indexOf("severity") + 2 } });
result.hover = hover ? JSON.stringify(hover.contents) : "";
console.log(JSON.stringify(result));
server.kill();
process.exit(0);
EOF

node "$tmp/drive.mjs" "$modules" "$tmp"/maps/*.yaml "$tmp"/cases/*.yaml >"$tmp/result.json" 2>"$tmp/err" ||
    { echo "FAIL: yaml-language-server did not run:"; cat "$tmp/err"; exit 1; }
/usr/bin/python3 - "$tmp/result.json" <<'EOF' || fail=1
import json, os, sys
r = json.load(open(sys.argv[1]))
ok = True
def expect(cond, what):
    global ok
    if not cond:
        print("FAIL: " + what)
        ok = False
for path, messages in sorted(r["diagnostics"].items()):
    name = os.path.basename(path)
    if name == "probe.yaml":
        continue
    if name == "bad-merge-key.yaml":
        # The server reads '<<' as a YAML 1.1 merge, as jmap does not; it
        # sees two complete stages. Only jmap catches this one.
        continue
    if name.startswith("bad-"):
        expect(len(messages) >= 1, "%s: no diagnostic" % name)
    else:
        expect(messages == [], "%s: %s" % (name, messages))
    print("%s: %s" % (name, messages[0] if messages else "clean"))
for key in ("id", "emotion", "touchpoints", "next", "moments", "ideas"):
    expect(key in r["completion"], "no completion of step key %s: %s" % (key, r["completion"]))
expect("name" not in r["completion"], "completes a key already there")
expect("How badly it hurts" in r["hover"] and "can make the customer give up" in r["hover"],
       "hover lacks the descriptions: %s" % r["hover"])
sys.exit(0 if ok else 1)
EOF
exit $fail
