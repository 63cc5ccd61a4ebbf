#!/bin/sh
# man_page.sh JMAP SOURCE_DIR - man/jmap.1 read by the real formatters:
# `groff -ww -man -z` and `mandoc -T lint` print nothing, `man -l` renders it
# without a warning, and it covers every command and option that the
# program's own help lists, every rule, every exit code and the environment.
# Exit 77 (skipped) when neither groff nor mandoc is installed.
set -u
jmap=$1
src=$2
page=$src/man/jmap.1
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v groff >/dev/null 2>&1 && ! command -v mandoc >/dev/null 2>&1; then
    echo "SKIP: groff or mandoc is needed"
    exit 77
fi

silent() { # silent DESCRIPTION COMMAND... - the command prints nothing at all
    what=$1
    shift
    "$@" >"$tmp/lint" 2>&1
    if [ -s "$tmp/lint" ]; then
        echo "FAIL: $what:"
        cat "$tmp/lint"
        fail=1
    fi
}
if command -v groff >/dev/null 2>&1; then
    silent "groff -ww -man -z" groff -ww -man -z "$page"
    groff -man -Tascii -P-cbou "$page" >"$tmp/page.txt" 2>/dev/null
else
    echo "note: groff is missing; its check is skipped"
fi
if command -v mandoc >/dev/null 2>&1; then
    silent "mandoc -T lint" mandoc -T lint "$page"
    [ -s "$tmp/page.txt" ] || mandoc -T ascii "$page" | sed 's/.\x08//g' >"$tmp/page.txt"
else
    echo "note: mandoc is missing; its check is skipped"
fi
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$page" >/dev/null 2>"$tmp/man.err"
    [ -s "$tmp/man.err" ] && { echo "FAIL: man -l warns:"; cat "$tmp/man.err"; fail=1; }
fi

has() { # has TEXT WHY
    if ! grep -qF -- "$1" "$tmp/page.txt"; then
        echo "FAIL: the man page does not mention '$1' ($2)"
        fail=1
    fi
}

# Every command of `jmap --help`, and every option of `jmap help COMMAND`.
commands=$("$jmap" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {print $1}')
[ -n "$commands" ] || { echo "FAIL: no commands in jmap --help"; fail=1; }
for cmd in $commands; do
    has "jmap $cmd" "a command"
    for option in $("$jmap" help "$cmd" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        has "$option" "an option of $cmd"
    done
    for option in $("$jmap" help "$cmd" | grep -o -- '^  -[a-zA-Z],' | tr -d ' ,'); do
        has "$option" "a short option of $cmd"
    done
done
has "--version" "jmap --version"

# Every rule, as the program lists them in its SARIF report.
rules=$("$jmap" lint --format sarif "$page" 2>/dev/null | grep -o '"id": "[a-z-]*"' | cut -d'"' -f4)
[ "$(echo "$rules" | wc -w)" -ge 14 ] || { echo "FAIL: rules not listed"; fail=1; }
for rule in $rules; do
    has "$rule" "a rule"
done

for section in "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    has "$section" "a section"
done
for word in NO_COLOR SOURCE_DATE_EPOCH jmap-disable-line share/jmap/jmap.schema.json \
    share/bash-completion/completions/jmap share/zsh/site-functions/_jmap; do
    has "$word" "environment and files"
done
for code in 0 1 2; do
    sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' "$tmp/page.txt" | grep -q "^       $code  " ||
        { echo "FAIL: exit code $code not described"; fail=1; }
done
exit $fail
