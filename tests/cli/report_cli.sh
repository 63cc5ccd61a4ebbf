#!/bin/sh
# report_cli.sh JMAP SOURCE_DIR - `jmap report` on the command line: the
# default format is Markdown on standard output; a map with errors is
# reported as lint reports it (file:line:column) and no report is written
# (exit 1, an existing output untouched); an unreadable file is exit 2;
# an unknown format is a usage error; the CSV neutralises formulas as the
# exports do; the report is French only when every map is; the irritants'
# sources fill their column, in the report's language.
. "$2/tests/testlib.sh"
jmap=$1
src=$2
check 0 "report shoes.yaml" "$jmap" report "$src/maps/shoes.yaml"
expect_in "$tmp/out" "# Action report: Buying running shoes online"
expect_in "$tmp/out" "| 1 | Return procedure not explained anywhere |"
check 0 "report -o" "$jmap" report -o "$tmp/r.md" "$src/maps/shoes.yaml"
cmp -s "$tmp/r.md" "$src/tests/report/maps/shoes.md" || fail "-o differs from the golden report"

printf 'jmap: 1\ntitle: Bad\nstages:\n  - id: s\n    name: S\n    steps:\n      - name: A\n        irritants:\n          - {name: X, severity: huge}\n' >"$tmp/bad.yaml"
printf 'kept\n' >"$tmp/kept.md"
check 1 "a map with errors" "$jmap" report -o "$tmp/kept.md" "$src/maps/shoes.yaml" "$tmp/bad.yaml"
expect_in "$tmp/err" "bad.yaml:9:"
expect_in "$tmp/err" "error:"
expect_in "$tmp/err" "1 map of 2 has errors; no report was written"
[ "$(cat "$tmp/kept.md")" = kept ] || fail "the output changed after an error"
check 2 "an unreadable file" "$jmap" report "$src/maps/shoes.yaml" "$tmp/missing.yaml"
expect_in "$tmp/err" "cannot read"
[ -s "$tmp/out" ] && fail "a report was written with an unreadable file"
check 2 "an unknown format" "$jmap" report --format docx "$src/maps/shoes.yaml"
expect_in "$tmp/err" "--format takes markdown, html, pdf, json or csv, not 'docx'"
check 2 "no map" "$jmap" report
check 2 "the output is an input" "$jmap" report -o "$src/maps/shoes.yaml" "$src/maps/shoes.yaml"

cat >"$tmp/formula.yaml" <<'EOF2'
jmap: 1
title: Formulas
departments: {d: "=cmd|' /C calc'!A0"}
stages:
  - id: s
    name: "+33 hotline"
    steps:
      - name: "@SUM(A1:A9)"
        irritants:
          - {name: '=HYPERLINK("http://evil.example/")', owner: d, remedy: "-20 %"}
EOF2
check 0 "csv" "$jmap" report --format csv "$tmp/formula.yaml"
expect_in "$tmp/out" "\"'=HYPERLINK(\"\"http://evil.example/\"\")\""
expect_in "$tmp/out" "\"'@SUM(A1:A9)\""
expect_in "$tmp/out" "\"'+33 hotline\""
expect_in "$tmp/out" "\"'-20 %\""
expect_in "$tmp/out" "\"'=cmd|' /C calc'!A0\""

check 0 "French and English maps" "$jmap" report "$src/maps/boutique.yaml" "$src/maps/shoes.yaml"
expect_in "$tmp/out" "## Irritants by priority"
check 0 "French maps" "$jmap" report "$src/maps/boutique.yaml" "$src/maps/boutique.yaml"
expect_in "$tmp/out" "## Irritants par priorité"
check 0 "sources" "$jmap" report "$src/tests/content/every_key.yaml"
expect_in "$tmp/out" "| Offer a call-back instead of the queue | survey, support tickets |"
expect_in "$tmp/out" "| **no remedy** | — |"
sed 's/^lang: en$/lang: fr/' "$src/tests/content/every_key.yaml" >"$tmp/fr.yaml"
check 0 "sources in French" "$jmap" report "$tmp/fr.yaml"
expect_in "$tmp/out" "| visite mystère, remontée du personnel, observation |"
check 0 "sources in CSV" "$jmap" report --format csv "$src/tests/content/every_key.yaml"
expect_in "$tmp/out" ",survey support-tickets"
check 0 "help report" "$jmap" help report
expect_in "$tmp/out" "Usage: jmap report MAP..."
exit $fail
