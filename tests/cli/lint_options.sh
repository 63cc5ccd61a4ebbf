#!/bin/sh
# lint_options.sh JMAP SOURCE_DIR - the options that decide what `jmap lint`
# reports and how it exits: --quiet, --strict, --max-warnings, --disable,
# --enable, `# jmap-disable-line` comments, and their usage errors.
set -u
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

warn=$src/tests/lint/warnings.yaml  # 6 warnings, no error
bad=$src/tests/lint/every-error.yaml
clean=$src/tests/lint/clean.yaml

# --quiet drops warnings from the report and from what fails the run.
check 0 "--quiet on warnings" "$jmap" lint --quiet "$warn"
expect_in "$tmp/out" "no problems in 1 file"
check 0 "--quiet --strict: no warning left to fail on" "$jmap" lint -q --strict "$warn"
check 1 "--quiet keeps errors" "$jmap" lint --quiet "$bad"
expect_not_in "$tmp/out" "warning:"
expect_in "$tmp/out" "error:"

# --max-warnings N
check 0 "--max-warnings 6 with 6 warnings" "$jmap" lint --max-warnings 6 "$warn"
check 1 "--max-warnings 5 with 6 warnings" "$jmap" lint --max-warnings 5 "$warn"
check 0 "--max-warnings=0 on a clean map" "$jmap" lint --max-warnings=0 "$clean"
check 2 "--max-warnings needs a number" "$jmap" lint --max-warnings many "$warn"
expect_in "$tmp/err" "--max-warnings takes a whole number from 0 to 1000000, not 'many'"
check 2 "--max-warnings is not negative" "$jmap" lint --max-warnings -1 "$warn"

# --disable RULE, repeatable; an unknown rule is a usage error.
check 1 "--strict with warnings" "$jmap" lint --strict "$warn"
check 0 "--strict with every warning rule disabled" "$jmap" lint --strict \
    --disable unused --disable no-owner --disable=unreachable-step \
    --disable empty-stage "$warn"
expect_in "$tmp/out" "no problems in 1 file"
check 1 "--disable leaves the other rules" "$jmap" lint --strict --disable unused "$warn"
expect_not_in "$tmp/out" "[unused]"
expect_in "$tmp/out" "[no-owner]"
check 2 "unknown rule" "$jmap" lint --disable unusd "$warn"
expect_in "$tmp/err" "unknown rule 'unusd' for --disable; did you mean 'unused'?"
check 2 "unknown format" "$jmap" lint --format sarf "$warn"
expect_in "$tmp/err" "did you mean 'sarif'?"
check 2 "unknown colour" "$jmap" lint --color sometimes "$warn"
expect_in "$tmp/err" "--color takes auto, always or never, not 'sometimes'"
check 2 "unknown option" "$jmap" lint --quite "$warn"
expect_in "$tmp/err" "did you mean '--quiet'?"

# no-evidence is off by default; --enable turns it on, and only it.
evidence=$src/tests/content/every_key.yaml  # one irritant without evidence
check 0 "no-evidence is off by default" "$jmap" lint --strict "$evidence"
expect_in "$tmp/out" "no problems in 1 file"
check 1 "--enable no-evidence" "$jmap" lint --strict --enable no-evidence "$evidence"
expect_in "$tmp/out" "irritant 'No slot after 6 pm' has neither sources nor a frequency [no-evidence]"
expect_in "$tmp/out" "1 warning in 1 file"
check 0 "--enable=no-evidence, then --disable wins" "$jmap" lint --strict \
    --enable=no-evidence --disable no-evidence "$evidence"
check 0 "--enable of a rule that is on anyway" "$jmap" lint --strict --enable unused "$evidence"
check 2 "--enable of an unknown rule" "$jmap" lint --enable no-evidense "$evidence"
expect_in "$tmp/err" "unknown rule 'no-evidense' for --enable; did you mean 'no-evidence'?"
sed 's/^\(          - name: No slot after 6 pm\)$/\1  # jmap-disable-line no-evidence/' \
    "$evidence" >"$tmp/evidence.yaml"
check 0 "disable-line silences no-evidence" "$jmap" lint --strict --enable no-evidence \
    "$tmp/evidence.yaml"
check 0 "sarif: no-evidence is described as off by default" "$jmap" lint --format sarif \
    "$evidence"
expect_in "$tmp/out" '"id": "no-evidence"'
expect_in "$tmp/out" '"defaultConfiguration": {"enabled": false, "level": "warning"}'
expect_in "$tmp/out" '(off by default)'

# # jmap-disable-line RULE[,RULE] silences that line only.
cat >"$tmp/silenced.yaml" <<'EOF'
jmap: 1
title: Silenced
departments: {d: D}
touchpoints:
  t: {name: T, owner: d}
  radio: Radio  # jmap-disable-line no-owner, unused
  poster: Poster  # jmap-disable-line unused
stages:
  - {id: a, name: A, steps: [{name: S, touchpoints: [t]}]}
  - {id: b, name: B}  # jmap-disable-line
EOF
check 0 "disable-line comments" "$jmap" lint --format json "$tmp/silenced.yaml"
expect_in "$tmp/out" '"totals": {"files": 1, "errors": 0, "warnings": 1, "unreadable": 0}'
expect_in "$tmp/out" "touchpoint 'poster' has no owner"

# 2 (unreadable) wins over 1 (errors), in every format.
for format in text json sarif github; do
    check 2 "$format: unreadable wins" "$jmap" lint --format "$format" "$bad" "$tmp/missing.yaml"
    expect_in "$tmp/err" "cannot read '$tmp/missing.yaml'"
done

# The help lists every option.
check 0 "lint --help" "$jmap" help lint
for option in --format --output --quiet --strict --max-warnings --disable --enable --color; do
    expect_in "$tmp/out" "$option"
done
exit $fail
