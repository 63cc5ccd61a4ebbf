#!/bin/sh
# hostile_escapes.sh - nothing from a file's name or content reaches a
# terminal or a line-based report raw: ESC, BEL, a line feed, C1 controls
# (U+009B is a one-character CSI), line separators and bidirectional
# controls in a file name or in a map's text come out escaped or masked,
# in every lint format and in every "cannot read/write/render" message.
#   sh hostile_escapes.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

# raw FILE... - fails when a file holds a raw unsafe character (python3).
raw() {
    python3 - "$@" <<'PY' || fail "raw control characters in $*"
import re, sys
bad = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
ok = True
for path in sys.argv[1:]:
    text = open(path, "rb").read().decode("utf-8", "replace")
    for n, line in enumerate(text.split("\n"), 1):
        if bad.search(line):
            print("%s:%d: %r" % (path, n, line))
            ok = False
sys.exit(0 if ok else 1)
PY
}

# A name with ESC [ 2 J (clear screen), BEL, a line feed that would start
# a forged report line, a C1 CSI and a right-to-left override.
name=$(printf 'bad\033[2J\007\n::error file=x::forged\302\233\342\200\256.yaml')
mkdir "$tmp/d"
printf 'jmap: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    steps:\n      - name: x\n        touchpoints: [nope]\n' >"$tmp/d/$name"
# Content with the same characters in a text and in an unknown id.
printf 'jmap: 1\ntitle: "A\\u009B31mB\\u202Eevil"\nstages:\n  - id: s\n    name: S\n    steps:\n      - name: "x\\u0085y"\n        touchpoints: ["t\\u009Bz"]\n' >"$tmp/d/content.yaml"

cd "$tmp/d" || exit 1
for f in text github json sarif; do
    "$jmap" lint --format $f --color never "$name" content.yaml >"$tmp/lint.$f" 2>&1
    [ $? = 1 ] || fail "lint --format $f: expected exit 1"
done
raw "$tmp/lint.text" "$tmp/lint.github" "$tmp/lint.json" "$tmp/lint.sarif"
expect_in "$tmp/lint.text" 'bad\x1B[2J\x07\x0A::error file=x::forged\u009B\u202E.yaml:8:23'
# One GitHub command per finding and a summary: the name forged no line.
grep -c '^::' "$tmp/lint.github" >"$tmp/count"
[ "$(cat "$tmp/count")" = 2 ] || fail "GitHub commands: $(cat "$tmp/count"), expected 2"
expect_not_in "$tmp/lint.github" '::error file=x::forged'
python3 -c 'import json,sys; json.load(open(sys.argv[1])); json.load(open(sys.argv[2]))' \
    "$tmp/lint.json" "$tmp/lint.sarif" || fail "JSON or SARIF no longer parses"

# Messages about files that cannot be read, written or rendered.
"$jmap" lint "missing-$name" >"$tmp/read" 2>&1
"$jmap" export --format json -o "no-such-dir-$name/out.json" content.yaml >"$tmp/write" 2>&1
"$jmap" render "$name" -o "$tmp/out.pdf" >"$tmp/render" 2>&1
raw "$tmp/read" "$tmp/write" "$tmp/render"
expect_in "$tmp/read" "cannot read 'missing-bad\\x1B[2J"
exit $fail
