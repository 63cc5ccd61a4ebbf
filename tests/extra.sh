#!/bin/sh
# extra.sh - the checks that go beyond the ctest suite of build/, run by
# `./setup.sh test` after it (and on their own from the source folder):
#
#   1. sanitizers: the whole suite again, built with AddressSanitizer and
#      UndefinedBehaviorSanitizer (no recover) in build-sanitize, with leak
#      detection on; tests/lsan.supp names only system libraries that keep
#      allocations until exit on purpose, never jmap's own code. This also
#      replays the whole fuzz corpus (the fuzz/replay test).
#   2. valgrind memcheck: a render of every shipped map to every format,
#      and a lint of every hostile case, with the build/ binaries: no invalid
#      access and no definite leak (tests/valgrind.supp: fontconfig only).
#   3. locale: the suite of build/ once more under fr_FR.UTF-8 (a comma as
#      decimal point), compiled into a private folder with localedef and
#      used through LOCPATH; the system's locales are not touched.
#   4. fuzzing: one minute of the libFuzzer target when clang's fuzzer
#      runtime is present (build-fuzz), on a copy of the corpus.
#
# A check that cannot run here says why and is skipped; every other failure
# fails the script. JMAP_FUZZ_SECONDS changes the length of the fuzz session.
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
werror=$([ "${CI:-}" = true ] && echo ON || echo OFF)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

say() { printf '\nextra: %s\n' "$*"; }

# ---- 1. the suite under ASan + UBSan, leaks counted ----
say "sanitizers: the whole suite with ASan + UBSan, leaks counted"
# clang's UBSan also checks conversions of floating point numbers to
# integers (gcc's does not): it is used when its runtime is installed.
printf 'int main(void) { return 0; }\n' >"$tmp/san.c"
san_cc=${CC:-cc}
if command -v clang >/dev/null 2>&1 &&
    clang -fsanitize=address,undefined "$tmp/san.c" -o "$tmp/san" >/dev/null 2>&1; then
    san_cc=clang
fi
CC=$san_cc cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DJMAP_SANITIZE=ON \
    -DJMAP_WERROR=$werror >/dev/null
cmake --build build-sanitize -j "$jobs"
# glib's slice allocator keeps per-thread caches that look like leaks
G_SLICE=always-malloc \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0 \
    ctest --test-dir build-sanitize --output-on-failure -j "$jobs"

# ---- 2. valgrind memcheck on renders of every shipped map ----
if command -v valgrind >/dev/null 2>&1 && [ -x build/jmap ]; then
    say "valgrind: a render of every shipped map to every format"
    status=0
    # checked MAX_CODE WHAT COMMAND... - runs COMMAND under memcheck; an exit
    # above MAX_CODE (valgrind's own is 99) is a failure, reported with its log.
    checked() {
        max=$1
        what=$2
        shift 2
        code=0
        valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
            --errors-for-leak-kinds=definite --suppressions="$src/tests/valgrind.supp" \
            "$@" >/dev/null 2>"$tmp/valgrind.log" || code=$?
        if [ "$code" -gt "$max" ]; then
            echo "extra: valgrind: $what failed (exit $code)" >&2
            cat "$tmp/valgrind.log" >&2
            status=1
        else
            echo "  $what: clean"
        fi
    }
    for map in maps/*.yaml; do
        name=$(basename "$map" .yaml)
        for format in pdf svg png layout; do
            checked 0 "render of $name to $format" \
                build/jmap render "$map" -f $format -o "$tmp/$name.$format"
        done
    done
    for pair in irritants stages touchpoints; do # the marks of render --diff
        checked 0 "render of $pair with its changes, on A4 pages" \
            build/jmap render tests/diff/$pair.new.yaml --diff tests/diff/$pair.old.yaml \
            --page a4 -o "$tmp/$pair-diff.pdf"
    done
    checked 1 "lint of tests/bad" build/jmap lint tests/bad/*.yaml
    if [ -x build/tests/jmap_replay ]; then
        checked 0 "replay of fuzz/regress" build/tests/jmap_replay fuzz/regress
    fi
    [ $status -eq 0 ] || exit 1
else
    say "valgrind: skipped (valgrind or build/jmap missing)"
fi

# ---- 3. the suite under a comma-decimal locale ----
if command -v localedef >/dev/null 2>&1 &&
    localedef -i fr_FR -f UTF-8 "$tmp/fr_FR.UTF-8" >/dev/null 2>&1; then
    say "locale: the suite of build/ under fr_FR.UTF-8"
    LOCPATH=$tmp LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 \
        ctest --test-dir build --output-on-failure -j "$jobs"
else
    say "locale: skipped (localedef or the fr_FR locale sources are missing: apt install locales)"
fi

# ---- 4. a short libFuzzer session ----
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    >"$tmp/probe.c"
if command -v clang >/dev/null 2>&1 &&
    clang -fsanitize=fuzzer "$tmp/probe.c" -o "$tmp/probe" >/dev/null 2>&1; then
    seconds=${JMAP_FUZZ_SECONDS:-60}
    say "fuzz: $seconds seconds of libFuzzer"
    CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJMAP_FUZZ=ON \
        -DJMAP_TESTS=OFF -DJMAP_WERROR=$werror >/dev/null
    cmake --build build-fuzz --target jmap_fuzz -j "$jobs"
    mkdir "$tmp/corpus" "$tmp/artifacts"
    # New inputs go to the first folder, a scratch one: the seeds stay as
    # they are. Leaks are checked at exit by the corpus replay of step 1 and
    # by valgrind, not inside the fuzzing loop: there, once in some 500,000
    # runs, LeakSanitizer reports a block allocated inside glib (through
    # pango) that no replay of the same input reproduces.
    code=0
    G_SLICE=always-malloc ASAN_OPTIONS=detect_leaks=0 \
        build-fuzz/fuzz/jmap_fuzz -max_total_time="$seconds" -timeout=10 -detect_leaks=0 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$tmp/artifacts/" \
        -dict=fuzz/yaml.dict "$tmp/corpus" fuzz/corpus fuzz/regress maps tests/lint \
        tests/bad >"$tmp/fuzz.log" 2>&1 || code=$?
    grep '^stat::' "$tmp/fuzz.log" || true
    if [ "$code" -ne 0 ]; then
        mkdir -p build-fuzz/artifacts
        cp "$tmp"/artifacts/* build-fuzz/artifacts/ 2>/dev/null || true
        tail -n 60 "$tmp/fuzz.log" >&2
        echo "extra: the fuzzer found a problem; its input is in build-fuzz/artifacts" >&2
        exit 1
    fi
else
    say "fuzz: skipped (clang's libFuzzer runtime is not installed: apt install clang libclang-rt-14-dev)"
fi

say "all extra checks passed"
