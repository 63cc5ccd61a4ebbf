#!/bin/sh
# schema_sync.sh JMAP SOURCE_DIR - the JSON schema of the format, checked
# with the real consumer (python3-jsonschema) and kept in step with jmap's
# own validator:
#   - `jmap schema` prints schema/jmap.schema.json byte for byte;
#   - it is a valid draft-07 schema, with a description on every key;
#   - every shipped and test map that `jmap lint` accepts, the schema
#     accepts; every one rejected for a rule the schema can express
#     (unknown-key, missing-key, type, bad-value) the schema rejects.
# Maps are read with PyYAML set to YAML 1.2 core-schema scalars, as jmap
# reads them. tests/schema/ holds extra cases: ok-* must pass, bad-* fail.
# Exit 77 (skipped) when python3's yaml or jsonschema module is missing.
set -u
jmap=$1
src=$2
python=/usr/bin/python3
if ! "$python" -c 'import yaml, jsonschema' 2>/dev/null; then
    echo "SKIP: python3-yaml and python3-jsonschema are needed"
    exit 77
fi
exec "$python" - "$jmap" "$src" <<'EOF'
import glob, json, os, re, subprocess, sys
import jsonschema, yaml

jmap, src = sys.argv[1], sys.argv[2]
failures = []

def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)

# ---- the schema itself ----
path = os.path.join(src, "schema", "jmap.schema.json")
with open(path, "rb") as f:
    raw = f.read()
printed = subprocess.run([jmap, "schema"], capture_output=True)
if printed.returncode != 0 or printed.stdout != raw:
    fail("`jmap schema` differs from schema/jmap.schema.json")
schema = json.loads(raw)
jsonschema.Draft7Validator.check_schema(schema)
if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
    fail("the schema does not declare draft-07")

def walk(node, where):
    """Every key of every mapping and every definition has a description;
    every enum is explained."""
    if not isinstance(node, dict):
        return
    for key, sub in node.get("properties", {}).items():
        if "description" not in sub:
            fail("no description for key %s/%s" % (where, key))
        walk(sub, where + "/" + key)
    for key, sub in node.get("definitions", {}).items():
        if "description" not in sub:
            fail("no description for definition %s" % key)
        walk(sub, "#" + key)
    if "enum" in node and "description" not in node:
        fail("enum without a description at %s" % where)
    for key in ("anyOf", "oneOf", "allOf"):
        for i, sub in enumerate(node.get(key, [])):
            walk(sub, "%s/%s%d" % (where, key, i))
    for key in ("items", "additionalProperties"):
        walk(node.get(key), where + "/" + key)

walk(schema, "")
validator = jsonschema.Draft7Validator(schema)

# ---- YAML 1.2 core schema scalars, as jmap reads them ----
class Core(yaml.SafeLoader):
    pass

Core.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Core.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(regexp), list(first))

def core_int(loader, node):
    text = loader.construct_scalar(node)
    return int(text, 0) if text.lstrip("+-")[:2] in ("0x", "0o") else int(text, 10)

Core.add_constructor("tag:yaml.org,2002:int", core_int)

def as_json(path):
    """The map as the JSON document an editor's YAML server validates."""
    with open(path, "rb") as f:
        data = yaml.load(f, Loader=Core)
    return json.loads(json.dumps(data, default=str))

# ---- the maps ----
EXPRESSIBLE = {"unknown-key", "missing-key", "type", "bad-value"}
NOT_YAML = {"syntax", "limit"}  # not data the schema sees (or too big to load)

def lint_errors(path):
    run = subprocess.run([jmap, "lint", "--format", "json", path], capture_output=True)
    report = json.loads(run.stdout)
    return {f["rule"] for f in report["findings"] if f["severity"] == "error"}

maps = sorted(glob.glob(os.path.join(src, "maps", "*.yaml")) +
              glob.glob(os.path.join(src, "tests", "**", "*.yaml"), recursive=True))
counts = {"accepted": 0, "rejected": 0, "skipped": 0}
for path in maps:
    name = os.path.relpath(path, src)
    errors = lint_errors(path)
    case = os.path.basename(path)
    if "/schema/" in path and case.startswith("ok-") and errors:
        fail("%s: jmap rejects a case meant to be valid: %s" % (name, sorted(errors)))
    if "/schema/" in path and case.startswith("bad-") and not errors & EXPRESSIBLE:
        fail("%s: jmap does not reject it for an expressible rule" % name)
    if errors & NOT_YAML or (errors and not errors & EXPRESSIBLE):
        counts["skipped"] += 1
        continue
    try:
        doc = as_json(path)
    except (yaml.YAMLError, ValueError) as e:
        # PyYAML is not libyaml: e.g. it refuses a tab inside a plain
        # scalar. That is a parser difference, not a schema one.
        print("note: %s: PyYAML cannot read it (%s); jmap %s it" %
              (name, str(e).splitlines()[0], "rejects" if errors else "accepts"))
        counts["skipped"] += 1
        continue
    problems = [e.message for e in validator.iter_errors(doc)]
    if not errors and problems:
        fail("%s: jmap accepts it, the schema does not: %s" % (name, problems[0]))
    elif errors and not problems:
        fail("%s: jmap rejects it (%s), the schema accepts it" % (name, sorted(errors)))
    counts["rejected" if errors else "accepted"] += 1

print("schema_sync: %d maps accepted by both, %d rejected by both, %d skipped "
      "(syntax, limit or graph-only errors, or PyYAML cannot read them)" %
      (counts["accepted"], counts["rejected"], counts["skipped"]))
if counts["accepted"] < 3 or counts["rejected"] < 10:
    fail("too few maps were compared")

# Every shipped map names the schema for the YAML language server.
for path in glob.glob(os.path.join(src, "maps", "*.yaml")):
    with open(path, encoding="utf-8") as f:
        if f.readline().strip() != "# yaml-language-server: $schema=../schema/jmap.schema.json":
            fail("%s does not start with the schema modeline" % path)

sys.exit(1 if failures else 0)
EOF
