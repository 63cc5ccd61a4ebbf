#!/usr/bin/env python3
"""test_pdfcheck.py - checks pdfcheck.py itself on small PDFs written here by
hand, whose glyph sizes, positions and shapes are known exactly: each check
must pass on a good page and fail, with the right figures, on a bad one.

    python3 tests/print/test_pdfcheck.py
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "pdfcheck.py")
A4 = (595.28, 841.89)


def pdf(path, pages, title="A test map", size=A4):
    """Writes PATH: one page per content stream of PAGES (a list of str),
    with Helvetica as /F1 and TITLE in the document information."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)
    catalog = add(None)
    pages_id = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        kids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                         "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                         % (pages_id, size[0], size[1], font, stream)).encode()))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join("%d 0 R" % k for k in kids), len(kids))).encode()
    info = add(("<< /Title (%s) >>" % title).encode("latin-1"))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, catalog, info, xref)
    with open(path, "wb") as f:
        f.write(out)


def text(x, y, s, tf=1, tm=(12, 0, 0, 12), cm=None):
    """Text S with its origin at (X, Y) from the page's top-left corner,
    at font size TF and text matrix TM, after the transformation CM."""
    head = "q %s cm " % " ".join("%g" % v for v in cm) if cm else "q "
    if cm:   # (x, y) are given in the page's space: undo CM for the origin
        a, b, c, d, e, f = cm
        det = a * d - b * c
        px, py = x - e, A4[1] - y - f
        x, y = (d * px - c * py) / det, (a * py - b * px) / det
    else:
        y = A4[1] - y
    return head + "BT /F1 %g Tf %g %g %g %g %.4f %.4f Tm (%s) Tj ET Q\n" % (
        tf, tm[0], tm[1], tm[2], tm[3], x, y, s)


def rect(x, y, w, h, rgb=(0.2, 0.2, 0.2)):
    """A filled rectangle, (x, y) its top-left corner from the page's top."""
    return "q %g %g %g rg %g %g %g %g re f Q\n" % (rgb + (x, A4[1] - y - h, w, h))


failures = 0


def expect(what, path, args, code, *needles, absent=()):
    global failures
    r = subprocess.run([sys.executable, CHECK, path] + args, capture_output=True, text=True)
    out = r.stdout + r.stderr
    bad = [n for n in needles if n not in out] + [n for n in absent if n in out]
    if r.returncode != code or bad:
        failures += 1
        print("FAIL: %s: exit %d (expected %d)%s\n%s" % (
            what, r.returncode, code,
            "".join("\n  expected '%s'" % n for n in needles if n not in out) +
            "".join("\n  unexpected '%s'" % n for n in absent if n in out), out))


def main():
    tmp = tempfile.mkdtemp()
    p = lambda name: os.path.join(tmp, name)

    # Glyph sizes: the scale may sit in Tf, in Tm or in cm.
    pdf(p("sizes.pdf"), [text(100, 100, "Twelve", 1, (12, 0, 0, 12)) +
                         text(100, 200, "Six", 24, (0.25, 0, 0, 0.25)) +
                         text(100, 300, "Eight", 2, (1, 0, 0, 1), cm=(4, 0, 0, 4, 0, 0)) +
                         text(100, 400, "Turned", 1, (0, 8, -8, 0))])
    expect("sizes at least 6 pt", p("sizes.pdf"), ["--min-pt", "6"], 0)
    expect("sizes reported", p("sizes.pdf"), ["--text-range", "6", "12"], 0)
    expect("a stated range that is wrong", p("sizes.pdf"), ["--text-range", "6.5", "12"], 1,
           "the smallest glyph is 6.00 pt, the message says 6.5 pt")
    expect("6 pt is not over 6.01", p("sizes.pdf"), ["--min-pt", "6.01"], 1,
           "sizes.pdf: page 1: 3 glyphs under 6.01 pt, the smallest 6.00 pt ('S' of \"Six\"")
    pdf(p("small.pdf"), [text(100, 100, "Fine", 1, (9, 0, 0, 9)),
                         text(100, 100, "Tiny", 20, (0.25, 0, 0, 0.25))])
    pdf(p("offpage.pdf"), [text(100, 100, "Seen") + text(-200, 100, "Unseen", 1, (3, 0, 0, 3))])
    expect("glyphs off the page", p("offpage.pdf"), ["--min-pt", "6", "--report"], 0,
           "4 glyphs (6 more off the page), text 12.00 to 12.00 pt")
    expect("5 pt text on page 2", p("small.pdf"), ["--min-pt", "6"], 1,
           "small.pdf: page 2: 4 glyphs under 6 pt, the smallest 5.00 pt ('T' of \"Tiny\"",
           absent=["page 1:"])

    # Fill: the drawing against the printable area (the page less 28.35 pt a side).
    pw, ph = A4[0] - 56.7, A4[1] - 56.7
    pdf(p("fill.pdf"), [rect(0, 0, A4[0], A4[1], (1, 1, 1)) +           # white paper
                        rect(28.35, 28.35, 0.8 * pw, 0.8 * ph),
                        rect(28.35, 28.35, 0.9 * pw, 0.1 * ph),
                        rect(28.35, 28.35, 0.1 * pw, 0.86 * ph)])
    expect("fill", p("fill.pdf"), ["--fill", "0.85"], 1,
           "fill.pdf: page 1: drawing covers 80.0 % of the printable width and 80.0 % "
           "of its height, under 85 %", absent=["page 2:", "page 3:"])

    # Inside: no glyph in the 10 mm margin.
    pdf(p("inside.pdf"), [text(40, 100, "In"), text(10, 100, "Out"),
                          text(300, 836, "Low")])
    expect("inside", p("inside.pdf"), ["--inside"], 1,
           "inside.pdf: page 2: 3 glyphs outside the printable area (10 mm margins), "
           "the farthest 18.35 pt out ('O' of \"Out\"",
           "inside.pdf: page 3: 3 glyphs outside", absent=["page 1:"])

    # Paper and pages.
    expect("paper", p("inside.pdf"), ["--paper", "a4", "--orientation", "portrait",
                                      "--pages", "3"], 0)
    expect("wrong paper", p("inside.pdf"), ["--paper", "a4", "--orientation", "landscape",
                                            "--pages", "2"], 1,
           "inside.pdf: 3 pages, expected 2",
           "inside.pdf: page 1: paper 595.28 x 841.89 pt, expected A4 landscape")

    # Lanes: every label at one y per row, the title at one y on every page.
    def lanes(dy=0.0, touch=True, title_dy=0.0):
        return (text(40, 60 + title_dy, "A test map", 1, (20, 0, 0, 20)) +
                text(40, 150, "Stages") + text(40, 200, "Customer") +
                text(40, 214, "actions") + (text(40, 300 + dy, "Touchpoints") if touch else "") +
                text(200, 300, "Touchpoints and more"))
    pdf(p("lanes.pdf"), [lanes(), lanes(0.005)])
    expect("lanes that line up", p("lanes.pdf"), ["--lanes", "en"], 0)
    pdf(p("lanes-off.pdf"), [lanes(), lanes(0.02), lanes(touch=False, title_dy=1)])
    expect("lanes off by 0.02 pt", p("lanes-off.pdf"), ["--lanes", "en"], 1,
           "lanes-off.pdf: page 2: lane label 'Touchpoints' at y=300.02 pt, +0.02 pt "
           "from page 1's (300.00) in the same page row",
           "lanes-off.pdf: page 3: no lane label 'Touchpoints' (shown on the other "
           "pages of its row: 1, 2, 3)",
           "lanes-off.pdf: page 3: title at y=61.00 pt, +1.00 pt from page 1's (60.00)")
    # Two page rows (a map split vertically): the second row's lanes differ.
    pdf(p("rows.pdf"), [lanes(), lanes(), text(40, 60, "A test map", 1, (20, 0, 0, 20)) +
                        text(40, 150, "Stages") + text(40, 200, "Ideas")])
    expect("two page rows", p("rows.pdf"), ["--lanes", "en"], 0)

    # Tiles: page 1 the assembly sheet, then A1, A2, B1, B2 in row-major order.
    sheet = text(40, 100, "A1 A2") + text(40, 120, "B1 B2")
    tiles = [text(40, 100, "A1 · 1/4"), text(40, 100, "A2"), text(40, 100, "B1"),
             text(40, 100, "B2")]
    pdf(p("tiles.pdf"), [sheet] + tiles)
    expect("tiles", p("tiles.pdf"), ["--tiles", "2x2"], 0)
    expect("tiles auto", p("tiles.pdf"), ["--tiles", "auto"], 0)
    expect("tiles, another grid", p("tiles.pdf"), ["--tiles", "1x3"], 1,
           "tiles.pdf: 4 tile pages after the assembly sheet, expected 1 x 3 = 3")
    pdf(p("tiles-bad.pdf"), [text(40, 100, "A1 A2 B1")] + [tiles[0], tiles[2], tiles[1], tiles[3]])
    expect("tiles out of order", p("tiles-bad.pdf"), ["--tiles", "2x2"], 1,
           "tiles-bad.pdf: page 3: no tile label 'A2' (tiles read as 2 rows x 2 columns; "
           "labels on this page: B1)",
           "tiles-bad.pdf: page 1: the assembly sheet lacks the tile labels B2")

    expect("not a PDF", __file__, ["--min-pt", "6"], 2, "cannot read the PDF")
    print("%d failures" % failures if failures else "ok")
    return 1 if failures else 0


sys.exit(main())
