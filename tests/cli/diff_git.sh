#!/bin/sh
# diff_git.sh JMAP SOURCE_DIR - `jmap diff` against git: a throw-away
# repository (in a temporary folder, with no system or user git
# configuration) holds two commits of a map; `jmap diff HEAD~1 -- map.yaml`
# compares the older one with the working tree, `jmap diff HEAD~1 HEAD --`
# two revisions, from the repository's top or a sub-folder, one path or
# several (then the JSON is an array). And the trouble cases, each a clear
# message, exit 2 and nothing written: a revision that does not exist, a
# path that is not in the revision, a folder, a map with errors at a
# revision, a missing file, a folder that is not a repository, wrong
# operands.
set -u
jmap=$1
src=$2
. "$src/tests/testlib.sh"
if ! command -v git >/dev/null 2>&1; then
    echo "SKIP: git is needed"
    exit 77
fi
case $jmap in /*) ;; *) jmap=$PWD/$jmap ;; esac
d=$src/tests/diff
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$tmp" \
    GIT_AUTHOR_NAME=jmap GIT_AUTHOR_EMAIL=jmap@example.org \
    GIT_COMMITTER_NAME=jmap GIT_COMMITTER_EMAIL=jmap@example.org \
    GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
repo=$tmp/repo
mkdir -p "$repo/maps"
(
    cd "$repo" && git init -q . && git config commit.gpgsign false &&
        cp "$d/steps.old.yaml" map.yaml && cp "$d/irritants.old.yaml" maps/other.yaml &&
        git add map.yaml maps/other.yaml && git commit -qm one &&
        cp "$d/steps.new.yaml" map.yaml && cp "$d/irritants.new.yaml" maps/other.yaml &&
        git add map.yaml maps/other.yaml && git commit -qm two
) || { echo "FAIL: cannot set up the repository"; exit 1; }
cd "$repo" || exit 1

# The working tree is the second commit: HEAD~1 against it is the steps case.
check 1 "diff HEAD~1 -- map.yaml" "$jmap" diff HEAD~1 -- map.yaml
diff "$d/steps.txt" "$tmp/out" >/dev/null || { fail "HEAD~1 -- map.yaml is not the steps case"; cat "$tmp/out"; }
check 1 "diff HEAD~1 HEAD -- map.yaml" "$jmap" diff HEAD~1 HEAD -- map.yaml
diff "$d/steps.txt" "$tmp/out" >/dev/null || fail "HEAD~1 HEAD differs from the steps case"
check 0 "diff HEAD -- map.yaml" "$jmap" diff HEAD -- map.yaml
[ -s "$tmp/out" ] && fail "no difference printed something"
check 1 "diff --format json HEAD~1 -- map.yaml" "$jmap" diff --format json HEAD~1 -- map.yaml
expect_in "$tmp/out" '"old": "HEAD~1:map.yaml"'
expect_in "$tmp/out" '"new": "map.yaml"'
# From a sub-folder, paths relative to it; two paths make a JSON array.
(cd maps && "$jmap" diff HEAD~1 -- other.yaml) >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "diff from a sub-folder did not exit 1"
diff "$d/irritants.txt" "$tmp/out" >/dev/null || { fail "sub-folder diff is not the irritants case"; cat "$tmp/out" "$tmp/err"; }
check 1 "two paths" "$jmap" diff --format json HEAD~1 HEAD -- map.yaml maps/other.yaml
head -c 1 "$tmp/out" | grep -q '\[' || fail "two paths: the JSON is not an array"
cp "$tmp/out" "$tmp/pairs.json"
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
    /usr/bin/python3 -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
        "$tmp/pairs.json" "$src/schema/jmap-diff.schema.json" ||
        fail "the JSON of two pairs does not follow the schema"
fi
check 1 "two paths, text" "$jmap" diff HEAD~1 -- map.yaml maps/other.yaml
expect_in "$tmp/out" "--- HEAD~1:maps/other.yaml"
expect_in "$tmp/out" "+++ maps/other.yaml"
# A modified working tree is what is compared.
cp "$d/steps.old.yaml" map.yaml
check 0 "working tree back to HEAD~1" "$jmap" diff HEAD~1 -- map.yaml
git checkout -q -- map.yaml

# The diff driver and difftool of docs/integration.md, with this jmap first
# on the PATH.
mkdir -p "$tmp/bin"
ln -s "$jmap" "$tmp/bin/jmap"
echo 'map.yaml diff=jmap' >.gitattributes
git config diff.jmap.command \
    'f() { echo "jmap diff $1"; jmap diff "$2" "$5"; [ $? -le 1 ]; }; f'
PATH="$tmp/bin:$PATH" git diff HEAD~1 HEAD -- map.yaml >"$tmp/out" 2>"$tmp/err" ||
    fail "git diff with the jmap driver failed: $(cat "$tmp/err")"
expect_in "$tmp/out" "jmap diff map.yaml"
expect_in "$tmp/out" "  step-added compares 'Compares two models'"
PATH="$tmp/bin:$PATH" git difftool --no-prompt --extcmd 'jmap diff' HEAD~1 HEAD -- map.yaml \
    >"$tmp/out" 2>"$tmp/err"
expect_in "$tmp/out" "1 step added, 1 step removed, 1 step renamed"
rm .gitattributes

# ---- trouble: exit 2, a message, nothing written ----
trouble() { # trouble DESCRIPTION MESSAGE ARGS...
    what=$1
    message=$2
    shift 2
    rm -f "$tmp/report"
    check 2 "$what" "$jmap" diff -o "$tmp/report" "$@"
    expect_in "$tmp/err" "$message"
    [ -e "$tmp/report" ] && fail "$what: the report was written"
    [ -s "$tmp/out" ] && fail "$what: something went to standard output"
}
trouble "unknown revision" "unknown revision 'no-such-rev'" no-such-rev -- map.yaml
trouble "unknown second revision" "unknown revision 'HEAD~5'" HEAD~1 HEAD~5 -- map.yaml
trouble "path not in the revision" "cannot read 'HEAD~1:absent.yaml': not in revision 'HEAD~1'" \
    HEAD~1 -- absent.yaml
trouble "a folder" "cannot read 'HEAD~1:maps'" HEAD~1 -- maps
trouble "a revision that is no commit" "unknown revision 'HEAD:map.yaml'" HEAD:map.yaml -- map.yaml
cp "$d/bad-new.new.yaml" map.yaml
git commit -qam broken
trouble "map with errors at HEAD" "'HEAD:map.yaml' has errors; nothing was compared" \
    HEAD HEAD~1 -- map.yaml
expect_in "$tmp/err" "HEAD:map.yaml:69:23: error: unknown touchpoint 'hotlin'"
trouble "map with errors in the tree" "'map.yaml' has errors" HEAD~1 -- map.yaml
trouble "missing file" "cannot read 'missing.yaml'" "$d/steps.old.yaml" missing.yaml
trouble "missing old file" "cannot read 'missing.yaml'" missing.yaml "$d/steps.old.yaml"
trouble "no operand" "diff: no map given (usage: jmap diff [--format FORMAT] [-o FILE] [--color WHEN] {OLD NEW | REV [REV2] -- PATH...})"
trouble "one operand" "give two maps (OLD NEW)" map.yaml
trouble "three operands" "give two maps (OLD NEW)" a.yaml b.yaml c.yaml
trouble "no path" "give two maps (OLD NEW)" HEAD --
trouble "three revisions" "give two maps (OLD NEW)" HEAD HEAD HEAD -- map.yaml
cd "$tmp" || exit 1
mkdir plain
cp "$d/steps.old.yaml" plain/map.yaml
trouble "not a repository" "is not in a git repository" HEAD -- plain/map.yaml
# Writing over an input is refused.
check 2 "output is an input" "$jmap" diff -o plain/map.yaml plain/map.yaml "$d/steps.new.yaml"
expect_in "$tmp/err" "is the input"
cmp -s plain/map.yaml "$d/steps.old.yaml" || fail "the input was written over"
# -o writes the report whole through the one writer.
check 1 "-o FILE" "$jmap" diff -o report.md --format markdown "$d/steps.old.yaml" "$d/steps.new.yaml"
cmp -s report.md "$d/steps.md" || fail "-o report.md differs from the golden"
exit $fail
