#!/bin/sh
# completion_bash.sh JMAP SOURCE_DIR - completions/jmap.bash loaded by bash
# with the bash-completion package, as an interactive shell would: `complete
# -p jmap` names _jmap, and driving _jmap with COMP_WORDS/COMP_CWORD offers
# the commands, options and values the program itself lists in its help.
# Exit 77 (skipped) without bash or bash-completion.
set -u
jmap=$1
src=$2
script=$src/completions/jmap.bash
framework=/usr/share/bash-completion/bash_completion
if ! command -v bash >/dev/null 2>&1 || [ ! -r "$framework" ]; then
    echo "SKIP: bash and bash-completion are needed"
    exit 77
fi
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/maps"
touch "$tmp/maps/shoes.yaml" "$tmp/maps/notes.txt"

# complete LINE - the candidates bash offers for LINE (cursor at its end),
# one per line.
complete_line() {
    bash --norc --noprofile -c '
        . "$1" || exit 1
        . "$2" || exit 1
        complete -p jmap >/dev/null || exit 1
        read -ra COMP_WORDS <<<"$3"
        [[ $3 == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE=$3
        COMP_POINT=${#COMP_LINE}
        COMPREPLY=()
        _jmap jmap "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"
    ' sh "$framework" "$script" "$1"
}
offers() { # offers LINE WORD...
    line=$1
    shift
    (cd "$tmp" && complete_line "$line") >"$tmp/got" 2>"$tmp/err" ||
        { echo "FAIL: completing '$line' failed:"; cat "$tmp/err"; fail=1; }
    for word in "$@"; do
        grep -qxF -- "$word" "$tmp/got" ||
            { echo "FAIL: '$line<TAB>' does not offer '$word':"; cat "$tmp/got"; fail=1; }
    done
}
offers_not() { # offers_not LINE WORD...
    line=$1
    shift
    (cd "$tmp" && complete_line "$line") >"$tmp/got" 2>/dev/null
    for word in "$@"; do
        grep -qxF -- "$word" "$tmp/got" &&
            { echo "FAIL: '$line<TAB>' offers '$word'"; fail=1; }
    done
}

# The registration itself.
out=$(bash --norc --noprofile -c '. "$1"; . "$2"; complete -p jmap' sh "$framework" "$script")
[ "$out" = "complete -F _jmap jmap" ] || { echo "FAIL: complete -p jmap: '$out'"; fail=1; }

offers "jmap li" lint
offers_not "jmap li" render
offers "jmap " lint render export diff schema help
offers "jmap help ex" export
offers "jmap lint --fo" --format
offers "jmap lint --format " text json sarif github
offers "jmap export --format " json mermaid csv
offers "jmap diff --format " text markdown json
offers "jmap lint --format=sa" sarif
offers "jmap render -f " pdf svg png layout
offers "jmap lint --disable un" unreachable-step unknown-reference unknown-key unused
offers "jmap lint --enable " no-evidence
offers_not "jmap lint --enable " unused
offers "jmap lint --color " auto always never
offers "jmap render --page a" a4 a3 a2 auto
offers "jmap lint maps/" maps/shoes.yaml
offers_not "jmap lint maps/" maps/notes.txt

# Every command, option and rule the program knows is completed.
for cmd in $("$jmap" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {print $1}'); do
    offers "jmap " "$cmd"
    offers "jmap $cmd -" $("$jmap" help "$cmd" | grep -o -- '--[a-z][a-z-]*' | sort -u)
done
rules=$("$jmap" lint --format sarif "$script" 2>/dev/null | grep -o '"id": "[a-z-]*"' | cut -d'"' -f4)
[ -n "$rules" ] || { echo "FAIL: no rules from jmap"; fail=1; }
offers "jmap lint --disable " $rules
exit $fail
