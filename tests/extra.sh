#!/bin/sh
# extra.sh - the checks that go beyond the ctest suite of build/: the same
# suite again built with AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DJMAP_SANITIZE=ON \
    -DJMAP_WERROR=$([ "${CI:-}" = true ] && echo ON || echo OFF) >/dev/null
cmake --build build-sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=0 ctest --test-dir build-sanitize --output-on-failure -j "$jobs"
