#!/bin/sh
# lint_precommit.sh JMAP SOURCE_DIR - .pre-commit-hooks.yaml read by the real
# pre-commit: `pre-commit validate-manifest` accepts it, and `pre-commit
# try-repo` runs the jmap-lint hook on a scratch repository, passing on a
# clean map and failing on a broken one. Exit 77 (skipped) without
# pre-commit or git.
set -u
jmap=$1
src=$2
if ! command -v pre-commit >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then
    echo "SKIP: pre-commit and git are needed"
    exit 77
fi
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp" GIT_CONFIG_NOSYSTEM=1
export PATH="$(cd "$(dirname "$jmap")" && pwd):$PATH"
git_() { git -c user.name=test -c user.email=test@example.invalid -c init.defaultBranch=main "$@"; }

pre-commit validate-manifest "$src/.pre-commit-hooks.yaml" >"$tmp/out" 2>&1 ||
    { echo "FAIL: pre-commit rejects .pre-commit-hooks.yaml:"; cat "$tmp/out"; fail=1; }

# A hook repository holding only the manifest, as a user's clone would.
mkdir "$tmp/hooks" "$tmp/project"
cp "$src/.pre-commit-hooks.yaml" "$tmp/hooks/"
(cd "$tmp/hooks" && git_ init -q && git_ add . && git_ commit -qm hooks) || exit 1

# A project with one clean map.
cp "$src/tests/lint/clean.yaml" "$tmp/project/map.yaml"
(cd "$tmp/project" && git_ init -q && git_ add . && git_ commit -qm maps) || exit 1
run() { (cd "$tmp/project" && pre-commit try-repo "$tmp/hooks" "$1" --all-files) >"$tmp/out" 2>&1; }
run jmap-lint || { echo "FAIL: the hook fails on a clean map:"; cat "$tmp/out"; fail=1; }
grep -q "jmap lint.*Passed" "$tmp/out" || { echo "FAIL: the hook did not run:"; cat "$tmp/out"; fail=1; }

# The same project with a broken map: the hook fails and shows the finding.
cp "$src/tests/lint/every-error.yaml" "$tmp/project/broken.yaml"
(cd "$tmp/project" && git_ add . && git_ commit -qm broken) || exit 1
if run jmap-lint; then
    echo "FAIL: the hook passes a broken map"
    fail=1
fi
grep -q "broken.yaml:3:7: error: 'lang' is 'de'" "$tmp/out" ||
    { echo "FAIL: the finding is not shown:"; cat "$tmp/out"; fail=1; }

# Warnings fail only the strict hook.
cp "$src/tests/lint/warnings.yaml" "$tmp/project/broken.yaml"
(cd "$tmp/project" && git_ add . && git_ commit -qm warnings) || exit 1
run jmap-lint || { echo "FAIL: jmap-lint fails on warnings:"; cat "$tmp/out"; fail=1; }
run jmap-lint-strict && { echo "FAIL: jmap-lint-strict passes warnings"; fail=1; }
exit $fail
