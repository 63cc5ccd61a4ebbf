#!/bin/sh
# report_html.sh JMAP SOURCE_DIR - `jmap report --format html` is one
# self-contained HTML5 page: html5lib (python3-html5lib) parses it in strict
# mode without an error, it has no script, no external resource (no src,
# no link, no url(), no href but in-page ones), a table per section, the
# heat map's cells shaded and holding their number, an inline SVG per
# emotion curve; and headless Chromium (--no-sandbox, so it runs as root in
# CI) renders it to a screenshot. Exit 77 (skipped) without html5lib or
# chromium.
. "$2/tests/testlib.sh"
jmap=$1
src=$2
if ! /usr/bin/python3 -c 'import html5lib' 2>/dev/null || ! command -v chromium >/dev/null 2>&1; then
    echo "SKIP: python3-html5lib and chromium are needed"
    exit 77
fi
cat >"$tmp/hostile.yaml" <<'EOF2'
jmap: 1
title: "<script>alert(1)</script> & \"quotes\""
departments: {d: "<b>bold</b>"}
stages:
  - id: s
    name: "</table><img src=x onerror=alert(1)>"
    steps:
      - name: "Ctrl \e char"
        emotion: -2
        irritants:
          - {name: "<iframe src='http://example.com'>", owner: d, remedy: "a\nb"}
EOF2
n=0
for map in "$src"/maps/shoes.yaml "$src"/maps/boutique.yaml "$tmp/hostile.yaml"; do
    n=$((n + 1))
    check 0 "report --format html $map" "$jmap" report --format html -o "$tmp/r$n.html" "$map"
done
check 0 "report --format html of several maps" \
    "$jmap" report --format html -o "$tmp/r4.html" "$src"/tests/report/several/*.yaml
/usr/bin/python3 - "$tmp"/r*.html <<'PY' || fail "the HTML is not valid or not self-contained"
import sys, re, html5lib
ok = True
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        doc = parser.parse(text)
    except Exception as e:
        print("FAIL: %s: html5lib: %s %s" % (path, e, parser.errors[:3]))
        ok = False
        continue
    def check(cond, what):
        global ok
        if not cond:
            print("FAIL: %s: %s" % (path, what))
            ok = False
    check(text.startswith("<!DOCTYPE html>"), "an HTML5 doctype")
    check(doc.find(".//script") is None, "no script")
    check(doc.find(".//iframe") is None and doc.find(".//img") is None, "no user markup")
    for el in doc.iter():
        for attr in ("src", "href"):
            v = el.get(attr)
            check(v is None or v.startswith("#"), "external %s=%r" % (attr, v))
        check(not any(a.startswith("on") for a in el.keys()), "no event handler")
    check("url(" not in text and "@import" not in text, "no external style")
    check(len(doc.findall(".//table")) >= 4, "tables")
    heat = [td for td in doc.iter("td") if "heat" in (td.get("class") or "")]
    check(heat and all(re.search(r"background:#[0-9a-f]{6}", td.get("style")) for td in heat),
          "shaded heat cells")
    check(all((td.text or "").strip() for td in heat if "dark" in td.get("class")),
          "dark heat cells show their number")
    svgs = doc.findall(".//{http://www.w3.org/2000/svg}svg") or doc.findall(".//svg")
    check(len(svgs) >= 1, "an inline SVG curve")
sys.exit(0 if ok else 1)
PY
for n in 1 2; do
    rm -f "$tmp/shot$n.png"
    timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$tmp/profile" --screenshot="$tmp/shot$n.png" \
        --window-size=1280,2000 "file://$tmp/r$n.html" >"$tmp/chromium.log" 2>&1
    if [ ! -s "$tmp/shot$n.png" ]; then
        fail "chromium rendered no screenshot of r$n.html"
        tail -5 "$tmp/chromium.log" >&2
    elif [ "$(head -c 8 "$tmp/shot$n.png" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
        fail "the screenshot of r$n.html is not a PNG"
    elif [ "$(wc -c <"$tmp/shot$n.png")" -lt 20000 ]; then
        fail "the screenshot of r$n.html is nearly empty"
    fi
    [ -n "${JMAP_KEEP_SCREENSHOT:-}" ] && cp "$tmp/shot$n.png" "$JMAP_KEEP_SCREENSHOT.$n.png"
done
exit $fail
