# testlib.sh - sourced by the command-line tests in tests/cli/: a temporary
# folder removed at exit, and checks that record a failure and go on, so
# that one run reports every broken expectation. Each test ends with
# `exit $fail` (or checks that $fails is 0).
fail=0
fails=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# fail REASON - records a failure (the test then exits non-zero).
fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
    fail=1
}

# check WANT_CODE DESCRIPTION COMMAND... - runs COMMAND with its output in
# $tmp/out and $tmp/err, and expects it to exit WANT_CODE.
check() {
    want=$1
    what=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" != "$want" ]; then
        fail "$what: exit $got, expected $want"
        cat "$tmp/out" "$tmp/err" >&2
    fi
}

# expect_in FILE TEXT - FILE holds TEXT.
expect_in() {
    if ! grep -qF -- "$2" "$1"; then
        fail "'$2' not in $1:"
        cat "$1" >&2
    fi
}

# expect_not_in FILE TEXT - FILE does not hold TEXT.
expect_not_in() {
    if grep -qF -- "$2" "$1"; then
        fail "'$2' in $1:"
        cat "$1" >&2
    fi
}

# huge_map FILE - writes a valid map of 1,000 stages of 20 steps, which
# takes long enough to render for a test to interrupt it midway.
huge_map() {
    python3 - "$1" <<'PY'
import sys
rows = ["jmap: 1\ntitle: Huge\nstages:\n"]
for s in range(1000):
    rows.append("  - id: s%d\n    name: Stage %d\n    steps:\n" % (s, s))
    rows += ["      - {name: Step %d of stage %d with a name to wrap, emotion: %d}\n"
             % (k, s, k % 5 - 2) for k in range(20)]
open(sys.argv[1], "w").write("".join(rows))
PY
}
