#!/bin/sh
# cli_options.sh JMAP SOURCE_DIR - the options of every command as the
# tables give them: the values an option takes are listed, in help and in
# its error, from the same table that parses them; every --format, --page
# and --orientation value is refused the same way, with a "did you mean";
# the render options are checked by the library (--dpi's bounds are its
# own) before the map is read; every number goes through one strict
# parser; `jmap render -` needs -o; `jmap help` takes one command at most.
set -u
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
shoes=$src/maps/shoes.yaml

# Help lists the values of each option.
check 0 "help render" "$jmap" help render
expect_in "$tmp/out" "pdf, svg, png or layout (default: from FILE's extension)"
expect_in "$tmp/out" "auto, a4, a3, a2, letter, tabloid, a1 or a0 (PDF default: a3)"
expect_in "$tmp/out" "auto (default), landscape or portrait"
expect_in "$tmp/out" "colour the diagnostics: auto (default), always or never"
check 0 "help lint" "$jmap" help lint
expect_in "$tmp/out" "text (default), json, sarif or github"
expect_in "$tmp/out" "colour the text report: auto (default), always or never"
check 0 "export --help" "$jmap" export --help
expect_in "$tmp/out" "json (default), mermaid or csv"

# A value an option does not take: the list, and the nearest value.
check 2 "render --format jpg" "$jmap" render "$shoes" --format jpg
expect_in "$tmp/err" "jmap: render: --format takes pdf, svg, png or layout, not 'jpg'"
check 2 "render -f pfd" "$jmap" render "$shoes" -f pfd
expect_in "$tmp/err" "--format takes pdf, svg, png or layout, not 'pfd'; did you mean 'pdf'?"
check 2 "render --page a5" "$jmap" render "$shoes" --page a5
expect_in "$tmp/err" "--page takes auto, a4, a3, a2, letter, tabloid, a1 or a0, not 'a5'; did you mean 'a4'?"
check 2 "render --orientation landscpe" "$jmap" render "$shoes" --orientation landscpe
expect_in "$tmp/err" "--orientation takes auto, landscape or portrait, not 'landscpe'; did you mean 'landscape'?"
check 2 "lint --color sometimes" "$jmap" lint --color sometimes "$shoes"
expect_in "$tmp/err" "lint: --color takes auto, always or never, not 'sometimes'"
check 2 "export -f cvs" "$jmap" export "$shoes" -f cvs
expect_in "$tmp/err" "export: --format takes json, mermaid or csv, not 'cvs'; did you mean 'csv'?"
# Render's names are read in any case, as before.
check 0 "render --format LAYOUT --page A4" "$jmap" render "$shoes" --format LAYOUT --page A4 -o -
check 2 "render -o map.jpeg" "$jmap" render "$shoes" -o "$tmp/map.jpeg"
expect_in "$tmp/err" "cannot tell the format from '$tmp/map.jpeg'; name it .pdf, .svg or .png, or give --format"

# --dpi: a whole number within the library's bounds, both included.
check 0 "--dpi 1" "$jmap" render "$shoes" --format layout --dpi 1 -o -
check 0 "--dpi 2400" "$jmap" render "$shoes" --format layout --dpi 2400 -o -
for dpi in 0 2401 007000; do
    check 2 "--dpi $dpi" "$jmap" render "$shoes" --format layout --dpi $dpi -o -
    expect_in "$tmp/err" "render: --dpi takes a whole number from 1 to 2400, not '"
done
for dpi in abc -5 1.5 ""; do
    check 2 "--dpi '$dpi'" "$jmap" render "$shoes" --format layout --dpi "$dpi" -o -
    expect_in "$tmp/err" "render: --dpi takes a whole number from 1 to 2400, not '$dpi'"
done
# One strict parser for every number: digits only, no blank before or after,
# no sign, point, exponent or hex; the value is quoted as given, even when
# it is too large for any C integer type.
clean=$src/tests/lint/clean.yaml
for v in " 96" "96 " "+96" "1e2" "0x60" " " "99999999999999999999999"; do
    check 2 "--dpi '$v'" "$jmap" render "$shoes" --format layout --dpi "$v" -o -
    expect_in "$tmp/err" "render: --dpi takes a whole number from 1 to 2400, not '$v'"
    check 2 "--max-warnings '$v'" "$jmap" lint --max-warnings "$v" "$clean"
    expect_in "$tmp/err" "lint: --max-warnings takes a whole number from 0 to 1000000, not '$v'"
done
check 0 "--max-warnings 1000000" "$jmap" lint --max-warnings 1000000 "$clean"
check 2 "--max-warnings 1000001" "$jmap" lint --max-warnings 1000001 "$clean"

# A map from standard input has no name to make the output's from: render
# asks for -o instead of writing a file named '-.pdf'; -o - with --format
# writes standard output.
mkdir "$tmp/here"
check 2 "render - without -o" sh -c "cd '$tmp/here' && '$jmap' render - < '$shoes'"
expect_in "$tmp/err" "render: a map from standard input has no name to make the output's from; give -o FILE"
[ -z "$(ls -A "$tmp/here")" ] || fail "render - wrote $(ls -A "$tmp/here")"
check 0 "render - -o - --format svg" sh -c "'$jmap' render - -o - --format svg < '$shoes'"
expect_in "$tmp/out" "<svg"
check 0 "render - -o FILE" sh -c "'$jmap' render - -o '$tmp/here/map.svg' < '$shoes'"
[ -s "$tmp/here/map.svg" ] || fail "render - -o FILE wrote nothing"

# Checked before the map is read: a missing map is not even looked at.
check 2 "a bad --dpi before the map" "$jmap" render "$tmp/missing.yaml" --dpi 0 -o "$tmp/m.png"
expect_not_in "$tmp/err" "cannot read"

# jmap help: jmap's own help, or one command's.
check 0 "help --help" "$jmap" help --help
expect_in "$tmp/out" "Run 'jmap help COMMAND' for the options of a command."
check 2 "help of two commands" "$jmap" help lint render
expect_in "$tmp/err" "jmap: help: one command at a time ('lint' and 'render')"
check 2 "help of no such command" "$jmap" help lnit
expect_in "$tmp/err" "unknown command 'lnit'; did you mean 'lint'?"

exit $fail
