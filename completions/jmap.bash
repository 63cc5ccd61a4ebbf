# jmap.bash - bash completion for jmap(1): commands, the options of each
# command, the values of enumerated options, and YAML files as operands.
# Installed as share/bash-completion/completions/jmap; works without the
# bash-completion package too (then with plain file completion).

_jmap()
{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion -s || return
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi

    local commands="lint render export diff report schema help"
    local rules="syntax type missing-key unknown-key duplicate-key duplicate-id
        unknown-reference bad-value limit empty-stage unused no-owner
        unreachable-step text-overflow no-evidence"
    local off_rules="no-evidence" # the rules off by default, for --enable
    if ((cword == 1)); then
        COMPREPLY=($(compgen -W "$commands -h --help -V --version" -- "$cur"))
        return
    fi

    local cmd=${words[1]} options values=
    case $cmd in
    lint)
        options="-f --format -o --output -q --quiet --strict --max-warnings
            --disable --enable --color -h --help"
        ;;
    render)
        options="-o --output -f --format --page --orientation --fit --tile --blank
            --persona --dpi -q --quiet --color -h --help"
        ;;
    export) options="-f --format -o --output --color -h --help" ;;
    report) options="-f --format -o --output --color -h --help" ;;
    diff) options="-f --format -o --output --color -h --help" ;;
    schema) options="-o --output -h --help" ;;
    help)
        [[ $cur == -* ]] && values="-h --help" || values=$commands
        ((cword == 2)) && COMPREPLY=($(compgen -W "$values" -- "$cur"))
        return
        ;;
    *) return ;;
    esac

    case $prev in
    -f | --format)
        case $cmd in
        lint) values="text json sarif github" ;;
        render) values="pdf svg png layout" ;;
        export) values="json mermaid csv" ;;
        report) values="markdown html pdf json csv" ;;
        diff) values="text markdown json" ;;
        esac
        ;;
    --color) values="auto always never" ;;
    --page) values="auto a4 a3 a2 letter tabloid a1 a0" ;;
    --tile) values="a4 a3 a2 letter tabloid a1 a0" ;;
    --orientation) values="auto landscape portrait" ;;
    --disable) values=$rules ;;
    --enable) values=$off_rules ;;
    --max-warnings | --dpi) return ;;
    -o | --output)
        if declare -F _filedir >/dev/null 2>&1; then
            _filedir
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return
        ;;
    esac
    if [[ -n $values ]]; then
        COMPREPLY=($(compgen -W "$values" -- "$cur"))
        return
    fi
    $split && return

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
        return
    fi
    [[ $cmd == schema ]] && return
    if declare -F _filedir >/dev/null 2>&1; then
        _filedir '@(yaml|yml)'
    else
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
    fi
} &&
    complete -F _jmap jmap
