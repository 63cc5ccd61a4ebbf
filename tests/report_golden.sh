#!/bin/sh
# report_golden.sh - compares `jmap report` of some maps, in every format,
# with golden files.
#
#   sh report_golden.sh JMAP PREFIX MAP...
#
# PREFIX.md, PREFIX.html, PREFIX.json and PREFIX.csv are the exact outputs
# of --format markdown, html, json and csv; PREFIX.pdf.txt is the text that
# pdftotext reads from --format pdf (so the PDF's words, their order and
# its page breaks are checked, not its bytes). With JMAP_UPDATE_GOLDEN=1
# the golden files are (re)written instead of compared:
#   JMAP_UPDATE_GOLDEN=1 ctest -R report/
jmap=$1
prefix=$2
shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
for ext in md html json csv pdf; do
    case $ext in
    md) format=markdown ;;
    *) format=$ext ;;
    esac
    if ! "$jmap" report --format $format -o "$tmp/out.$ext" "$@" 2>"$tmp/err"; then
        echo "FAIL: jmap report --format $format $* exited with $?" >&2
        cat "$tmp/err" >&2
        fail=1
        continue
    fi
    actual=$tmp/out.$ext
    expected=$prefix.$ext
    if [ $ext = pdf ]; then
        pdftotext -enc UTF-8 "$tmp/out.pdf" "$tmp/out.pdf.txt" || { fail=1; continue; }
        actual=$tmp/out.pdf.txt
        expected=$prefix.pdf.txt
    fi
    if [ "${JMAP_UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$actual" "$expected" && echo "updated $expected"
        continue
    fi
    if [ ! -f "$expected" ]; then
        echo "FAIL: no golden file $expected (run with JMAP_UPDATE_GOLDEN=1)" >&2
        fail=1
    elif ! diff -u "$expected" "$actual"; then
        echo "FAIL: the $format report of $* differs from $expected" >&2
        fail=1
    fi
done
exit $fail
