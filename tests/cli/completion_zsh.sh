#!/bin/sh
# completion_zsh.sh JMAP SOURCE_DIR - completions/_jmap loaded by zsh's own
# completion system (compinit with the directory in $fpath): `_comps` maps
# jmap to _jmap, and typing `jmap li<TAB>` in an interactive zsh (driven
# through a pseudo-terminal with zsh/zpty, compadd recording its matches)
# offers lint; likewise options and values. Exit 77 (skipped) without zsh.
set -u
jmap=$1
src=$2
dir=$src/completions
if ! command -v zsh >/dev/null 2>&1; then
    echo "SKIP: zsh is needed"
    exit 77
fi
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The registration: compinit reads the #compdef line.
got=$(zsh -fc 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -D;
    print -r -- ${_comps[jmap]}; autoload +X _jmap && whence -w _jmap' zsh "$dir" 2>&1)
[ "$got" = "_jmap
_jmap: function" ] || { echo "FAIL: zsh does not register _jmap: $got"; fail=1; }

# capture.zsh DIR LINE - the matches zsh offers for LINE<TAB>, one a line.
cat >"$tmp/capture.zsh" <<'EOF'
zmodload zsh/zpty || exit 77
zpty z zsh -f -i
zpty -w z "PROMPT= RPROMPT="
zpty -w z "fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false'
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  local ret=$?
  (( $#__hits )) && print -rl -- "" "${(@)__hits/#/@@}" >/dev/tty
  builtin compadd "$@"
}'
zpty -w z 'finish () { print -r -- "" "@@""END@@" >/dev/tty; exit }'
zpty -w z 'zle -N finish; bindkey "^X" finish'
zpty -n -w z "$2"$'\t'
zpty -n -w z $'\C-x'
out=
while zpty -r z chunk; do
  out+=$chunk
  [[ $out == *@@END@@* ]] && break
done
zpty -d z
print -r -- "$out" | tr -d '\r' | grep '^@@' | grep -v 'END@@' | sed 's/^@@//'
EOF

offers() { # offers LINE WORD...
    line=$1
    shift
    (cd "$tmp" && timeout 30 zsh -f "$tmp/capture.zsh" "$dir" "$line") >"$tmp/got" 2>"$tmp/err"
    for word in "$@"; do
        grep -qxF -- "$word" "$tmp/got" ||
            { echo "FAIL: zsh: '$line<TAB>' does not offer '$word':"; cat "$tmp/got" "$tmp/err"; fail=1; }
    done
}

mkdir "$tmp/maps"
touch "$tmp/maps/shoes.yaml"
offers "jmap li" lint
offers "jmap " lint render export diff schema help
offers "jmap lint --" --format --output --quiet --strict --max-warnings --disable --enable --color --help
offers "jmap lint --format " text json sarif github
offers "jmap export --format " json mermaid csv
offers "jmap diff --format " text markdown json
offers "jmap lint --disable no-" no-owner no-evidence
offers "jmap lint --enable " no-evidence
offers "jmap render maps/" shoes.yaml

# Every command and option the program lists is in the function.
for cmd in $("$jmap" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {print $1}'); do
    grep -q "'$cmd:" "$dir/_jmap" || { echo "FAIL: _jmap lacks command $cmd"; fail=1; }
    for option in $("$jmap" help "$cmd" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        { sed -n "/^    $cmd)/,/;;/p" "$dir/_jmap"; grep "^  help=" "$dir/_jmap"; } |
            grep -q -- "$option" ||
            { echo "FAIL: _jmap lacks $option of $cmd"; fail=1; }
    done
done
exit $fail
