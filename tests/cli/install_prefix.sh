#!/bin/sh
# install_prefix.sh JMAP SOURCE_DIR - `cmake --install BUILD --prefix DIR`
# puts every file in its GNUInstallDirs place under DIR: the binary, the
# renderer module, the man page, the schema, the bash and zsh completions;
# the installed files work (the binary runs and renders with the installed
# module, man renders the page, bash loads the completion, the schema is the
# one the binary prints); and the documented uninstall (xargs rm <
# install_manifest.txt) removes them all.
set -u
jmap=$1
src=$2
build=$(cd "$(dirname "$jmap")" && pwd)
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

if ! cmake --install "$build" --prefix "$prefix" >"$tmp/log" 2>&1; then
    echo "FAIL: cmake --install"
    cat "$tmp/log"
    exit 1
fi
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build/CMakeCache.txt")
files="bin/jmap
${libdir:-lib}/jmap/jmap-render.so
share/man/man1/jmap.1
share/jmap/jmap.schema.json
share/jmap/jmap-diff.schema.json
share/bash-completion/completions/jmap
share/zsh/site-functions/_jmap"
echo "$files" | while read -r f; do
    [ -f "$prefix/$f" ] || { echo "FAIL: $f is not installed"; echo x >>"$tmp/missing"; }
done
[ -e "$tmp/missing" ] && fail=1
[ -x "$prefix/bin/jmap" ] || { echo "FAIL: bin/jmap is not executable"; fail=1; }

# The installed files work.
version=$(sed -n 's/^project(jmap VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ "$("$prefix/bin/jmap" --version)" = "jmap $version" ] ||
    { echo "FAIL: installed jmap --version is not 'jmap $version'"; fail=1; }
"$prefix/bin/jmap" render "$src/maps/shoes.yaml" -o "$tmp/shoes.pdf" 2>"$tmp/err" &&
    [ -s "$tmp/shoes.pdf" ] ||
    { echo "FAIL: the installed jmap cannot render: $(cat "$tmp/err")"; fail=1; }
"$prefix/bin/jmap" schema | cmp -s - "$prefix/share/jmap/jmap.schema.json" ||
    { echo "FAIL: the installed schema differs from jmap schema"; fail=1; }
cmp -s "$src/man/jmap.1" "$prefix/share/man/man1/jmap.1" || { echo "FAIL: man page"; fail=1; }
if command -v man >/dev/null 2>&1; then
    MANPATH="$prefix/share/man" MANWIDTH=80 man jmap 2>"$tmp/man.err" | grep -q "jmap lint" ||
        { echo "FAIL: man jmap does not find the installed page"; cat "$tmp/man.err"; fail=1; }
fi
if command -v bash >/dev/null 2>&1; then
    got=$(bash --norc --noprofile -c '. "$1"; complete -p jmap' sh \
        "$prefix/share/bash-completion/completions/jmap")
    [ "$got" = "complete -F _jmap jmap" ] || { echo "FAIL: installed bash completion: $got"; fail=1; }
fi

# Uninstall as documented.
manifest=$build/install_manifest.txt
[ -f "$manifest" ] || { echo "FAIL: no install_manifest.txt"; exit 1; }
for f in $(echo "$files"); do
    grep -qxF "$prefix/$f" "$manifest" || { echo "FAIL: $f not in the manifest"; fail=1; }
done
(cd "$build" && xargs rm <install_manifest.txt) || { echo "FAIL: the uninstall"; fail=1; }
left=$(find "$prefix" -type f | wc -l)
[ "$left" = 0 ] || { echo "FAIL: $left files left after the uninstall"; find "$prefix" -type f; fail=1; }
exit $fail
