#!/bin/sh
# bench/callgrind.sh - instruction counts of the cases that a change must
# not slow down, with callgrind: they do not depend on what else the
# machine runs, so two builds can be compared on a busy machine.
#
#   bench/callgrind.sh                  this tree, built in build-bench/
#   JMAP=path/to/jmap bench/callgrind.sh   another build (its module beside it)
#   bench/callgrind.sh --quick          without the 16,000-step SVG (minutes)
#
# Cases: render maps/shoes.yaml to PDF, render 1,600 and 16,000 generated
# steps to SVG, lint a generated 10 MiB map (bench/genmap.c, fixed seeds,
# as bench/run.sh makes them); compare two maps of 16,000 steps that differ
# in 100 places (bench/mutate.awk) with `jmap diff`, next to linting both
# (without --quick). Prints one line per case: name, then
# instructions. Needs valgrind.
set -eu
cd "$(dirname "$0")/.."
quick=no
[ "${1:-}" = --quick ] && quick=yes
out=build-bench/callgrind
mkdir -p "$out"
if [ -z "${JMAP:-}" ]; then
    cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DJMAP_TESTS=OFF >/dev/null
    cmake --build build-bench -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
    JMAP=build-bench/jmap
fi
"${CC:-cc}" -std=c11 -O2 -o "$out/genmap" bench/genmap.c
[ -f "$out/gen1600.yaml" ] || "$out/genmap" -n 1600 -s 1 "$out/gen1600"
[ $quick = yes ] || [ -f "$out/gen16000.yaml" ] || "$out/genmap" -n 16000 -s 1 "$out/gen16000"
[ -f "$out/big.yaml" ] || "$out/genmap" -b 10485760 -s 2 "$out/big"

count() {
    name=$1
    shift
    printf '%s ' "$name"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\)/\1/p'
}
count shoes.pdf "$JMAP" render maps/shoes.yaml -o "$out/shoes.pdf"
count gen1600.svg "$JMAP" render "$out/gen1600.yaml" -o "$out/gen1600.svg"
count big.lint "$JMAP" lint "$out/big.yaml"
[ $quick = yes ] || count gen16000.svg "$JMAP" render "$out/gen16000.yaml" -o "$out/gen16000.svg"
if [ $quick = no ]; then
    [ -f "$out/gen16000-changed.yaml" ] ||
        awk -v n=100 -f bench/mutate.awk "$out/gen16000.yaml" "$out/gen16000.yaml" \
            >"$out/gen16000-changed.yaml"
    count gen16000.lint2 "$JMAP" lint "$out/gen16000.yaml" "$out/gen16000-changed.yaml"
    count gen16000.diff100 "$JMAP" diff "$out/gen16000.yaml" "$out/gen16000-changed.yaml"
fi
rm -f "$out"/*.pdf "$out"/*.svg
