#!/bin/sh
# print_checker.sh - the checker of the print tests (tests/print/pdfcheck.py)
# finds what it is meant to find: on PDFs written by hand whose every glyph
# and shape is known (tests/print/test_pdfcheck.py), and on a real map forced
# onto one A3 page with --fit, whose text falls under 6 pt.
# Exit 77 (skipped) without python3-pdfminer.
#   sh print_checker.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
python=/usr/bin/python3
check=$src/tests/print/pdfcheck.py
if ! $python -c 'import pdfminer' 2>/dev/null; then
    echo "SKIP: python3-pdfminer is needed"
    exit 77
fi

$python "$src/tests/print/test_pdfcheck.py" || fail "pdfcheck.py on the hand-written PDFs"

"$jmap" render "$src/tests/print/sixty.yaml" -o "$tmp/fit.pdf" --fit 2>"$tmp/err" ||
    fail "render --fit: $(cat "$tmp/err")"
check 1 "--min-pt 6 on a --fit page" $python "$check" "$tmp/fit.pdf" --min-pt 6
# one line, for page 1, giving a size under 6 pt
[ "$(grep -c '' "$tmp/out")" = 1 ] || fail "--min-pt: not one line: $(cat "$tmp/out")"
grep -q '^fit.pdf: page 1: [0-9]* glyphs under 6 pt, the smallest [0-5]\.[0-9][0-9] pt' "$tmp/out" ||
    fail "--min-pt: $(cat "$tmp/out")"
check 0 "the same page: A3, one page, text over 0.5 pt" \
    $python "$check" "$tmp/fit.pdf" --pages 1 --paper a3 --min-pt 0.5
check 1 "the same page is not A4" $python "$check" "$tmp/fit.pdf" --paper a4
expect_in "$tmp/out" "fit.pdf: page 1: paper 1190.55 x 841.89 pt, expected A4 any"

[ "$fails" -eq 0 ] || exit 1
echo "ok"
