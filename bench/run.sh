#!/bin/sh
# bench/run.sh - how fast jmap is, next to its peers and to the floors set
# by its own libraries (issue 6).
#
#   bench/run.sh            the whole benchmark (about 15 minutes)
#   bench/run.sh --quick    fewer runs, no 16,000-step or 10 MiB map and no
#                           100-step personas map (about 2)
#
# It builds jmap (Release, in build-bench/) and the helpers of bench/ (the map
# generator, the two floors, a peak-memory wrapper), generates the maps, checks
# that `jmap lint` finds no problem in them, then times every case with
# hyperfine (warm-up, then several runs) and measures its peak memory once.
# Results go to build-bench/bench/: results.md (the tables, with ratios and
# the issue's targets), results.json (median, min and max of every case) and
# hyperfine's own JSON per case. bench/RESULTS.md keeps the last recorded run.
#
# Needs what ./setup.sh installs, plus hyperfine (installed here with apt when
# missing, as setup.sh installs packages). Graphviz's dot and Mermaid's mmdc
# are optional peers: timed when installed (mmdc on the PATH), left out
# otherwise. mmdc needs a Chromium: where its installer cannot download one,
# install Debian's chromium package and mmdc with
# PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli.
# Environment: JMAP=path/to/jmap times that binary instead of building one.
# Timings are only meaningful on a quiet machine: the load average is
# printed at the start and recorded with the results.
set -eu

cd "$(dirname "$0")/.."
quick=no
case ${1:-} in
--quick) quick=yes ;;
"") ;;
*)
    echo "usage: bench/run.sh [--quick]" >&2
    exit 2
    ;;
esac

build="build-bench"
out=$build/bench
bin=$out/bin
maps=$out/maps
render=$out/render
json=$out/json
rm -rf "$render" "$json"
mkdir -p "$bin" "$maps" "$render" "$json"

# ---- tools ----

if ! command -v hyperfine >/dev/null 2>&1; then
    echo "bench: hyperfine is missing; installing it with apt"
    if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends hyperfine
fi

if [ -z "${JMAP:-}" ]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DJMAP_TESTS=OFF >/dev/null
    cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
    JMAP=$build/jmap
fi
compile() { "${CC:-cc}" -std=c11 -O2 -Wall -Wextra "$@"; }
compile -o "$bin/genmap" bench/genmap.c
compile -o "$bin/maxrss" bench/maxrss.c
# shellcheck disable=SC2046 # pkg-config's flags are words
compile -o "$bin/yaml_floor" bench/yaml_floor.c $(pkg-config --cflags --libs yaml-0.1)
# shellcheck disable=SC2046
compile -o "$bin/startup_floor" bench/startup_floor.c \
    $(pkg-config --cflags --libs pangocairo cairo)

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
echo "bench: load average $load (quiet below 0.3 on this machine's cores: $(nproc))"

# ---- maps ----

sizes="16 160 1600 16000"
[ $quick = yes ] && sizes="16 160 1600"
cp maps/shoes.yaml "$maps/shoes.yaml"
cp bench/shoes.dot "$maps/shoes.dot"
cp bench/shoes.mmd "$maps/shoes.mmd"
for n in $sizes; do
    "$bin/genmap" -n "$n" -s 1 "$maps/gen$n"
done
[ $quick = no ] && "$bin/genmap" -b 10485760 -s 2 "$maps/big"
mkdir -p "$maps/small"
i=1
while [ $i -le 1000 ]; do
    "$bin/genmap" -n 16 -s $((1000 + i)) "$maps/small/$(printf %04d $i)"
    i=$((i + 1))
done
rm -f "$maps"/small/*.dot "$maps"/small/*.mmd

# Every generated map must be valid: jmap lint exits 0.
for f in "$maps"/gen*.yaml $([ $quick = no ] && echo "$maps/big.yaml"); do
    if ! "$JMAP" lint "$f" >/dev/null; then
        echo "bench: $f is not a valid map:" >&2
        "$JMAP" lint "$f" | tail -5 >&2
        exit 1
    fi
done
if ! "$JMAP" lint "$maps"/small/*.yaml >/dev/null; then
    echo "bench: a generated small map is not valid" >&2
    exit 1
fi

# ---- timing ----

rows=$out/rows.tsv # case, median, min, max (seconds), peak KiB, status
: >"$rows"

# time_case NAME COMMAND...: one run under maxrss (peak memory, exit code,
# and a first warm-up), then hyperfine with a run count fitted to the cost.
time_case() {
    name=$1
    shift
    start=$(date +%s.%N)
    if "$bin/maxrss" "$@" >/dev/null 2>"$json/$name.err"; then
        status=ok
    else
        status="exit $?"
    fi
    end=$(date +%s.%N)
    kib=$(sed -n 's/^maxrss_kib //p' "$json/$name.err" | tail -1)
    if [ "$status" != ok ]; then
        why=$(grep -v '^maxrss_kib' "$json/$name.err" | head -1 | sed 's/.*: //')
        printf '%s\t-\t-\t-\t%s\t%s: %s\n' "$name" "${kib:--}" "$status" "$why" >>"$rows"
        echo "bench: $name: $status: $why"
        return 0
    fi
    once=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    if [ $quick = yes ]; then
        opts="-w 1 -m 3 -M 5"
    else
        # The run under maxrss is the warm-up of the slow cases.
        opts=$(awk -v t="$once" 'BEGIN {
            if (t < 0.5) print "-w 3 -m 20"; else if (t < 5) print "-w 1 -m 10";
            else if (t < 20) print "-w 0 -m 5 -M 5"; else print "-w 0 -m 3 -M 3" }')
    fi
    # shellcheck disable=SC2086
    if ! hyperfine -N $opts --style none --export-json "$json/$name.json" \
        "$*" >/dev/null 2>&1; then
        printf '%s\t-\t-\t-\t%s\thyperfine failed\n' "$name" "$kib" >>"$rows"
        echo "bench: $name: hyperfine failed"
        return 0
    fi
    f=$json/$name.json
    get() { sed -n "s/^ *\"$1\": *\([-0-9.eE+]*\),*\$/\1/p" "$f" | head -1; }
    printf '%s\t%s\t%s\t%s\t%s\tok\n' "$name" "$(get median)" "$(get min)" \
        "$(get max)" "$kib" >>"$rows"
    printf 'bench: %-22s median %8.4f s  peak %6d MiB\n' "$name" "$(get median)" \
        $((kib / 1024))
}

# A peer that may be too slow to time at all, or fail: one run first, under
# a time limit; then CHECK (a command, `true` for none) must accept what it
# made, or print why not.
time_peer() {
    limit=$1
    name=$2
    check=$3
    shift 3
    if ! timeout "$limit" "$@" >/dev/null 2>"$json/$name.err"; then
        why=$(grep -v '^ *at ' "$json/$name.err" | grep . | tail -1 | cut -c1-120)
        printf '%s\t-\t-\t-\t-\tover %s s or failed%s\n' "$name" "$limit" \
            "${why:+: $why}" >>"$rows"
        echo "bench: $name: over $limit s or failed"
        return 0
    fi
    if ! why=$($check); then
        printf '%s\t-\t-\t-\t-\t%s\n' "$name" "$why" >>"$rows"
        echo "bench: $name: $why"
        return 0
    fi
    time_case "$name" "$@"
}

# Mermaid's CLI drives a headless Chromium: the one its installer
# downloaded, or else the system's (Debian's chromium package), given to it
# in a puppeteer configuration.
mmdc_opts=
if command -v mmdc >/dev/null 2>&1; then
    for browser in chromium chromium-browser; do
        if command -v $browser >/dev/null 2>&1; then
            printf '{"executablePath": "%s", "args": ["--no-sandbox"]}\n' \
                "$(command -v $browser)" >"$out/puppeteer.json"
            mmdc_opts="-p $out/puppeteer.json"
            break
        fi
    done
fi

# Mermaid's CLI exits 0 with a drawing of its own error message when a
# diagram is too big ("Maximum text size in diagram exceeded"): such a run
# is a failure, not a time. Reads $pdf, the run's output.
mermaid_drew() {
    command -v pdftotext >/dev/null 2>&1 || return 0
    said=$(pdftotext "$pdf" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' ' |
        sed 's/^ //; s/ $//' | cut -c1-100)
    case $said in
    *"Maximum text size"* | *"Syntax error"*)
        echo "no diagram: Mermaid drew the message \"$said\""
        return 1
        ;;
    esac
}

mermaid_case() {
    pdf=$render/$1.mmd.pdf
    # shellcheck disable=SC2086 # the options are words
    time_peer 120 "$1.mermaid.pdf" mermaid_drew mmdc $mmdc_opts -i "$maps/$1.mmd" -o "$pdf"
    rm -f "$pdf"
}

time_case process.true true
time_case process.jmap "$JMAP" --version
time_case floor.startup "$bin/startup_floor" "$render/empty.pdf"

for m in shoes $(for n in $sizes; do echo "gen$n"; done); do
    time_case "$m.floor.yaml" "$bin/yaml_floor" "$maps/$m.yaml"
    time_case "$m.lint" "$JMAP" lint "$maps/$m.yaml"
    for f in pdf svg png; do
        time_case "$m.render.$f" "$JMAP" render "$maps/$m.yaml" -o "$render/$m.$f"
        rm -f "$render/$m.$f"
    done
    # jmap report (issue 15): the action report of the map, in each format.
    for f in markdown html pdf json; do
        time_case "$m.report.$f" "$JMAP" report --format $f "$maps/$m.yaml" -o "$render/$m.report"
        rm -f "$render/$m.report"
    done
    if command -v dot >/dev/null 2>&1; then
        for f in pdf svg; do
            time_peer 300 "$m.dot.$f" true dot -T$f "$maps/$m.dot" -o "$render/$m.dot.$f"
            rm -f "$render/$m.dot.$f"
        done
    fi
    if command -v mmdc >/dev/null 2>&1; then
        mermaid_case "$m"
    fi
done
# jmap diff (issue 14): the largest generated map against a copy changed in
# 100 places (bench/mutate.awk), next to linting both. Diff exits 1 on
# differences, which the findings wrapper below accepts.
printf '#!/bin/sh\n"$@" >/dev/null\n[ $? -le 1 ]\n' >"$bin/differs-ok"
chmod +x "$bin/differs-ok"
largest=gen$(echo $sizes | tr ' ' '\n' | tail -1)
awk -v n=100 -f bench/mutate.awk "$maps/$largest.yaml" "$maps/$largest.yaml" \
    >"$maps/$largest-changed.yaml"
if ! "$JMAP" lint "$maps/$largest-changed.yaml" >/dev/null; then
    echo "bench: $largest-changed.yaml is not a valid map" >&2
    exit 1
fi
time_case "$largest.lint2" "$JMAP" lint "$maps/$largest.yaml" "$maps/$largest-changed.yaml"
time_case "$largest.diff100" "$bin/differs-ok" "$JMAP" diff "$maps/$largest.yaml" \
    "$maps/$largest-changed.yaml"
if [ $quick = no ]; then
    time_case big.floor.yaml "$bin/yaml_floor" "$maps/big.yaml"
    time_case big.lint "$JMAP" lint "$maps/big.yaml"
fi
# shellcheck disable=SC2046
time_case small1000.lint "$JMAP" lint $(ls "$maps"/small/*.yaml)
# jmap report over a team's folder (issue 15): 10, 100 and 1,000 maps at once.
for n in 10 100 1000; do
    for f in markdown pdf json; do
        # shellcheck disable=SC2046
        time_case "small$n.report.$f" "$JMAP" report --format $f -o "$render/small.report" \
            $(ls "$maps"/small/*.yaml | head -n $n)
        rm -f "$render/small.report"
    done
done
# Memory is bounded by the largest file, not the sum: 80 files of 15 MB
# (1.2 GB of maps) peak near one such file, not at 80 of them.
if [ $quick = no ]; then
    mkdir -p "$maps/big80"
    "$bin/genmap" -b 15000000 -s 3 "$maps/big80/m01"
    rm -f "$maps"/big80/m01.dot "$maps"/big80/m01.mmd
    i=2
    while [ $i -le 80 ]; do
        cp "$maps/big80/m01.yaml" "$maps/big80/m$(printf %02d $i).yaml"
        i=$((i + 1))
    done
    time_case big15.lint "$JMAP" lint "$maps/big80/m01.yaml"
    # shellcheck disable=SC2046
    time_case big15x80.lint "$JMAP" lint $(ls "$maps"/big80/*.yaml)
    rm -rf "$maps/big80"
fi
# Hostile maps whose 2^15 ids, anchors and keys were made to collide in the
# hash jmap 0.1 used (tests/bad/gen.py): each must lint in the time of a
# map of its size, not in seconds.
mkdir -p "$maps/flood"
# Two of them have errors (exit 1), which hyperfine would take for a failed
# run: a wrapper accepts exit 0 and 1, as lint's own "findings" codes.
printf '#!/bin/sh\n"$@" >/dev/null\n[ $? -le 1 ]\n' >"$bin/findings-ok"
chmod +x "$bin/findings-ok"
python3 tests/bad/gen.py flood . "$maps/flood"
for c in ids anchors keys; do
    time_case "flood-$c.lint" "$bin/findings-ok" "$JMAP" lint "$maps/flood/flood-$c.yaml"
done
# Maps with 10,000 personas, each with an emotion on every step
# (tests/bad/gen.py): lint and render take time in proportion to the
# emotions, not to personas times emotions (jmap 0.1 took 10 to 20 s over
# 20 steps). The 100-step map (10 MB) is left out of a quick run.
mkdir -p "$maps/personas"
python3 tests/bad/gen.py personas . "$maps/personas"
[ $quick = no ] && python3 tests/bad/gen.py personas-long . "$maps/personas"
for n in 20 100; do
    m=$maps/personas/personas-10000x$n.yaml
    [ -e "$m" ] || continue
    time_case "personas${n}.lint" "$JMAP" lint "$m"
    for f in pdf svg; do
        time_case "personas${n}.render.$f" "$JMAP" render "$m" -o "$render/personas.$f"
        rm -f "$render/personas.$f"
    done
done

# ---- report ----

{
    echo "# jmap benchmark results"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), mode: $([ $quick = yes ] && echo quick || echo full)"
    echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores; load average at start: $load"
    echo "- OS: $(sed -n 's/^PRETTY_NAME="*\([^"]*\)"*$/\1/p' /etc/os-release), kernel $(uname -r)"
    echo "- libraries: libyaml $(pkg-config --modversion yaml-0.1), cairo $(pkg-config --modversion cairo), pango $(pkg-config --modversion pango), $(hyperfine --version)"
    command -v dot >/dev/null 2>&1 && echo "- peer: $(dot -V 2>&1)"
    if command -v mmdc >/dev/null 2>&1; then
        echo "- peer: Mermaid CLI (mmdc) $(mmdc --version 2>/dev/null)${mmdc_opts:+, with the system's Chromium}"
    else
        echo "- peer: Mermaid CLI (mmdc) not installed; not measured"
    fi
    echo
} >"$out/results.md"
awk -F'\t' -v quick=$quick -f bench/report.awk "$rows" >>"$out/results.md"
awk -F'\t' '
BEGIN { print "{"; print "  \"unit\": \"seconds (time), KiB (peak memory)\","; print "  \"cases\": {" }
{
    v = ($2 == "-") ? "null" : $2; lo = ($3 == "-") ? "null" : $3; hi = ($4 == "-") ? "null" : $4
    mem = ($5 == "-" || $5 == "") ? "null" : $5
    gsub(/"/, "\\\"", $6)
    printf "%s    \"%s\": {\"median\": %s, \"min\": %s, \"max\": %s, \"peak_kib\": %s, \"status\": \"%s\"}", (NR > 1 ? ",\n" : ""), $1, v, lo, hi, mem, $6
}
END { print ""; print "  }"; print "}" }' "$rows" >"$out/results.json"
echo "bench: wrote $out/results.md and $out/results.json"
