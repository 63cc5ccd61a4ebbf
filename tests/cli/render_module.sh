#!/bin/sh
# render_module.sh - the jmap program links no rendering library: it lints
# without the renderer module, and opens the module (jmap-render.so) only
# to render. A missing module, or one of another version, is a clear
# failure (exit 2) that writes nothing.
#   sh render_module.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"

# The program itself needs libyaml and the C library, nothing of cairo's.
if command -v ldd >/dev/null 2>&1; then
    ldd "$jmap" >"$tmp/ldd" || fail "ldd $jmap"
    grep -q 'libyaml' "$tmp/ldd" || fail "ldd does not list libyaml: is this the program?"
    if grep -E 'cairo|pango|harfbuzz|fontconfig|freetype|glib' "$tmp/ldd"; then
        fail "the jmap program links rendering libraries"
    fi
fi

# A copy of the program alone in a folder: no module beside it, and none
# installed where this build would install it (the test skips otherwise).
mkdir "$tmp/alone"
cp "$jmap" "$tmp/alone/jmap"
"$tmp/alone/jmap" lint "$src/maps/shoes.yaml" >"$tmp/out" 2>&1 ||
    fail "lint needs the renderer: $(cat "$tmp/out")"
"$tmp/alone/jmap" export "$src/maps/shoes.yaml" --format json -o "$tmp/shoes.json" ||
    fail "export needs the renderer"
if "$tmp/alone/jmap" render "$src/maps/shoes.yaml" -o "$tmp/alone.pdf" 2>"$tmp/err"; then
    echo "skipped the missing-module case: an installed jmap-render.so was found"
else
    code=$?
    [ "$code" = 2 ] || fail "render without its module: exit $code, expected 2"
    expect_in "$tmp/err" "cannot load the renderer (jmap-render.so)"
    [ -e "$tmp/alone.pdf" ] && fail "a render without its module wrote a file"
fi

# A module of another version beside the program is refused by name.
if command -v cc >/dev/null 2>&1; then
    cat >"$tmp/fake.c" <<'C'
#include <stddef.h>
const char *jmap_version(void) { return "0.0.0-other"; }
int jmap_render_file(const void *j, const void *o, const char *p, void *d,
                     char *why, size_t n) { (void)j; (void)o; (void)p; (void)d;
                     (void)why; (void)n; return 0; }
C
    if cc -shared -fPIC -o "$tmp/alone/jmap-render.so" "$tmp/fake.c" 2>"$tmp/cc.err"; then
        if "$tmp/alone/jmap" render "$src/maps/shoes.yaml" -o "$tmp/fake.pdf" 2>"$tmp/err"; then
            fail "a module of another version was used"
        fi
        expect_in "$tmp/err" "is version 0.0.0-other, this jmap is"
        [ -e "$tmp/fake.pdf" ] && fail "the refused module left a file"
    else
        echo "skipped the other-version case: cc cannot build a shared object"
    fi
fi

# The real module, beside the real program, renders.
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/shoes.svg" 2>"$tmp/err" ||
    fail "render with the module: $(cat "$tmp/err")"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
