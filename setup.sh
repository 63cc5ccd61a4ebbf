#!/bin/sh
# setup.sh - one command from a fresh Debian 12 / Ubuntu machine to a working jmap.
#
#   ./setup.sh         install what is missing, build, lint the shipped maps
#                      and render maps/shoes.yaml to shoes.pdf
#   ./setup.sh test    the same set-up, then the whole test suite
#
# Packages come from apt (with sudo when not root). The build goes to build/.
set -eu

cd "$(dirname "$0")"
mode=${1:-run}
case $mode in
run | test) ;;
*)
    echo "usage: ./setup.sh [test]" >&2
    exit 2
    ;;
esac

# Fonts that other packages (Graphviz, Ghostscript, LibreOffice) bring: the
# suite runs with them installed, to prove that they change no layout.
extra_fonts="fonts-urw-base35 fonts-liberation2 fonts-droid-fallback"
# What the build needs (with jmap's two faces: Noto Sans, which draws the
# maps, and DejaVu Sans, which draws the signs Noto Sans lacks), then what
# the tests use as real consumers, then what the tests use when the
# distribution has it (clang's fuzzer runtime).
build_packages="pkg-config libyaml-dev libcairo2-dev libpango1.0-dev
fonts-noto-core fonts-dejavu-core"
test_packages="libcmocka-dev poppler-utils librsvg2-bin libxml2-utils fontconfig python3
python3-jsonschema python3-yaml python3-pdfminer valgrind groff-base mandoc bash-completion zsh
pre-commit git man-db locales python3-html5lib chromium jq $extra_fonts"
optional_test_packages="clang libclang-rt-14-dev"

missing_packages() {
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
            echo "$p"
    done
}

if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
updated=no
apt_install() {
    [ $# -eq 0 ] && return 0
    echo "setup: installing $*"
    if [ $updated = no ]; then
        $sudo apt-get update -qq
        updated=yes
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

packages=$build_packages
[ "$mode" = test ] && packages="$build_packages $test_packages"
# shellcheck disable=SC2086
apt_install $(missing_packages $packages)
if [ "$mode" = test ]; then
    for p in $(missing_packages $optional_test_packages); do
        if apt-cache show "$p" >/dev/null 2>&1; then
            apt_install "$p"
        else
            echo "setup: $p is not available here; the tests that need it are skipped"
        fi
    done
fi

# Microsoft's SARIF Multitool, which tests/cli/lint_sarif.sh runs on the
# SARIF report, comes from the npm registry into build/tools.
multitool=build/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ "$mode" = test ] && [ ! -x "$multitool" ]; then
    command -v npm >/dev/null 2>&1 || apt_install npm
    echo "setup: installing the SARIF Multitool (npm) in build/tools"
    mkdir -p build/tools
    npm install --prefix build/tools --no-audit --no-fund --no-save --silent \
        @microsoft/sarif-multitool-linux@5.7.0
    chmod u+x "$multitool" # its install script, which npm may not run
fi

jobs=$(nproc 2>/dev/null || echo 2)
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJMAP_WERROR=$werror \
    -DJMAP_TESTS=$([ "$mode" = test ] && echo ON || echo OFF) >/dev/null
cmake --build build -j "$jobs"

if [ "$mode" = run ]; then
    ./build/jmap lint maps/*.yaml
    ./build/jmap render maps/shoes.yaml -o shoes.pdf
    echo "setup: wrote shoes.pdf"
    exit 0
fi

# The test suite: the unit, golden and command-line tests, then the same
# suite under AddressSanitizer and UndefinedBehaviorSanitizer, then the
# extra checks (valgrind, fuzz corpus replay) in tests/extra.sh.
ctest --test-dir build --output-on-failure -j "$jobs"
tests/extra.sh
