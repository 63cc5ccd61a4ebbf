#!/bin/sh
# render_module.sh - the jmap program links no rendering library: it lints
# without the renderer module, and opens the module (jmap-render.so) only
# to render. A missing module, or one whose ABI struct (ABI number,
# version, struct sizes, entry point) is not the program's, is a clear
# failure (exit 2) that names what differs and writes nothing.
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

# The render options are checked by the core, before any module is looked
# for: a bad --dpi is a usage error even where there is no module.
check 2 "a bad --dpi without a module" "$tmp/alone/jmap" render "$src/maps/shoes.yaml" \
    --dpi 5000 -o "$tmp/alone.png"
expect_in "$tmp/err" "render: --dpi takes a whole number from 1 to 2400, not '5000'"
expect_not_in "$tmp/err" "cannot load the renderer"

# A module whose ABI struct is not the program's is refused, exit 2, by
# name and with what differs; nothing is written. Each fake is a correct
# jmap_render_abi with one thing changed (FAKE=...).
if command -v cc >/dev/null 2>&1; then
    cat >"$tmp/fake.c" <<'C'
#include "jmap.h"
static int render(const jmap_journey *j, const jmap_render_options *o,
                  const char *p, jmap_diag_list *d, char *why, size_t n)
{ (void)j; (void)o; (void)p; (void)d; (void)why; (void)n; return 0; }
static int report(const jmap_plan_map *m, size_t k, const char *p, char *why, size_t n)
{ (void)m; (void)k; (void)p; (void)why; (void)n; return 0; }
#define SIZE(field, type) .sizeof_##field = sizeof(type),
const jmap_render_abi jmap_render_module = {
    .abi = JMAP_RENDER_ABI, .version = VERSION,
    JMAP_RENDER_ABI_STRUCTS(SIZE)
    .render_file = render,
    .report_file = report,
    FAKE
};
C
    version=$("$jmap" --version | sed 's/^jmap //')
    # fake NAME FAKE VERSION EXPECTED-MESSAGE
    fake() {
        if ! cc -shared -fPIC -I"$src/include" "-DFAKE=$2" "-DVERSION=\"$3\"" \
                -o "$tmp/alone/jmap-render.so" "$tmp/fake.c" 2>"$tmp/cc.err"; then
            echo "skipped the $1 case: cc cannot build a shared object"
            cat "$tmp/cc.err"
            return
        fi
        check 2 "a module with $1" "$tmp/alone/jmap" render "$src/maps/shoes.yaml" \
            -o "$tmp/fake.pdf"
        expect_in "$tmp/err" "cannot load the renderer (jmap-render.so): $tmp/alone/jmap-render.so "
        expect_in "$tmp/err" "$4"
        [ -e "$tmp/fake.pdf" ] && fail "the module with $1 left a file"
    }
    fake "another version" "" "0.0.0-other" "is version 0.0.0-other, this jmap is $version"
    abi=$(sed -n 's/^#define JMAP_RENDER_ABI \([0-9][0-9]*\)$/\1/p' "$src/include/jmap.h")
    fake "another ABI number" ".abi = JMAP_RENDER_ABI + 1" "$version" \
        "has renderer ABI $((abi + 1)), this jmap has $abi"
    fake "another jmap_step" ".sizeof_step = sizeof(jmap_step) + 8" "$version" \
        "-byte jmap_step, this jmap a "
    fake "another jmap_render_options" \
        ".sizeof_render_options = sizeof(jmap_render_options) - 8" "$version" \
        "-byte jmap_render_options, this jmap a "
    fake "another jmap_diag_list" ".sizeof_diag_list = 1" "$version" \
        "has a 1-byte jmap_diag_list, this jmap a "
    fake "no entry point" ".render_file = 0" "$version" "has no render_file"
    fake "no report entry point" ".report_file = 0" "$version" "has no report_file"
    # An older module: no ABI struct, only the functions it used to export.
    printf 'const char *jmap_version(void) { return "0.0.0"; }\n' >"$tmp/old.c"
    if cc -shared -fPIC -o "$tmp/alone/jmap-render.so" "$tmp/old.c" 2>/dev/null; then
        check 2 "a module without an ABI struct" "$tmp/alone/jmap" render \
            "$src/maps/shoes.yaml" -o "$tmp/fake.pdf"
        expect_in "$tmp/err" "is not a jmap renderer (no jmap_render_module)"
    fi
fi

# The real module, beside the real program, renders.
"$jmap" render "$src/maps/shoes.yaml" -o "$tmp/shoes.svg" 2>"$tmp/err" ||
    fail "render with the module: $(cat "$tmp/err")"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
