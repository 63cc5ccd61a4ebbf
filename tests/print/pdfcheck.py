#!/usr/bin/env python3
"""pdfcheck.py - reads a PDF that `jmap render` wrote and checks what a
printed map must hold: glyph sizes, how much of each page the drawing
fills, text inside the printable area, one lane grid for the whole map,
the paper, the page count and the labels of a tiled poster.

    pdfcheck.py FILE.pdf [--min-pt PT] [--fill RATIO] [--inside]
                [--lanes en|fr] [--pages N] [--paper NAME]
                [--orientation landscape|portrait|any]
                [--tiles ROWSxCOLS|auto] [--text-range MIN MAX] [--report]

Prints one line per failed check ("FILE: page P: what, measured vs limit")
and exits 1; exits 0 when every check asked for holds, 2 when the PDF
cannot be read or the arguments are wrong. --report also prints what was
measured on each page (to standard output, before the failures).

How things are measured (pdfminer, on the page as the content stream draws
it, with no layout analysis):

- A glyph's effective size is the height of its em square on the page.
  pdfminer reads each character with the font size of its `Tf` operator
  (kept as LTChar.fontsize, see Aggregator) and the matrix that maps text space to the page
  (LTChar.matrix = text matrix `Tm` times the current transformation
  matrix `cm`). A text-space vector (0, 1) is one em high once scaled by
  the font size, and the matrix (a b c d e f) maps it to (c, d); so the
  effective size is fontsize * hypot(c, d). This holds whatever splits
  the scale between `Tf` and `Tm` (cairo writes `1 Tf` and puts the size
  in `Tm`), for rotated text, and ignores the horizontal scaling `Tz`,
  which only widens glyphs. (A Type 3 font's own FontMatrix is not
  applied; jmap embeds TrueType fonts only.) Spaces are not glyphs that anyone reads and
  are left out, and so are glyphs drawn wholly off the page (--report
  counts them). Clipping paths are not followed: a glyph on the page but
  clipped away still counts.
- A glyph's box is pdfminer's: its advance wide, from the font's descent
  to one em above it. Its position (for the lane and title checks) is its
  origin, the point (e, f) of its matrix, on the baseline; y is given from
  the top of the page.
- The drawing is the union of the boxes of the glyphs, rectangles, lines,
  curves and images of the page (inside Form XObjects too), cut to the
  page; a shape only filled with white and not stroked (the paper's
  background) is not drawing.
- The printable area is the page less 10 mm (28.35 pt) on each side.
- Lane labels are the words jmap adds for the lanes, read from the locale
  table (src/core/locale.c) so that they follow it. Text is cut into runs
  (the glyphs drawn one after the other on one baseline); a label is found
  where consecutive runs spell its words in order (compared after NFKC
  normalization, which spells out ligatures; a label wrapped over
  two lines is two runs), the leftmost such place on the page. A page's
  row is the letter of its place in its footer ("page 4/9 (B1)"); when the
  footers give none, pages that share a lane label (other than the stage
  band's, which every page has) form a page row. Within a row every page
  must show every lane label of the row, each at the same y as on the
  row's first page.
"""
import argparse
import math
import os
import re
import sys
import unicodedata

try:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve, LTImage, LTContainer
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text
except ImportError:
    print("pdfcheck.py: needs python3-pdfminer", file=sys.stderr)
    sys.exit(77)

MARGIN = 28.35          # 10 mm, the unprintable edge of an office printer
Y_TOLERANCE = 0.01      # how far two lane labels may be from the same y
PAPER_TOLERANCE = 0.5   # pt, on the paper's sides
PAPERS = {              # portrait width x height, in pt
    "a0": (2383.94, 3370.39),
    "a1": (1683.78, 2383.94),
    "a2": (1190.55, 1683.78),
    "a3": (841.89, 1190.55),
    "a4": (595.28, 841.89),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}
# The lanes, by their key in src/core/locale.c; the first is the stage band.
LANE_KEYS = ["L_STAGES", "L_ACTIONS", "L_EMOTIONS", "L_TOUCHPOINTS",
             "L_IRRITANTS", "L_IDEAS", "L_DEPARTMENTS"]
LOCALE_C = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "..", "src", "core", "locale.c")
TILE_LABEL = re.compile(r"^([A-Z])([0-9]{1,3})$")


def c_string(body):
    """The text of a C string literal's body (escapes decoded, UTF-8)."""
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1]
            if nxt == "x":
                m = re.match(r"[0-9a-fA-F]{1,2}", body[i + 2:])
                out.append(int(m.group(0), 16))
                i += 2 + len(m.group(0))
                continue
            out += {"n": b"\n", "t": b"\t", "\\": b"\\", '"': b'"'}.get(
                nxt, nxt.encode())
            i += 2
            continue
        out += ch.encode("utf-8")
        i += 1
    return out.decode("utf-8")


def lane_labels(lang):
    """The lane labels of LANG, in LANE_KEYS order, from locale.c."""
    with open(LOCALE_C, encoding="utf-8") as f:
        src = f.read()
    table = re.search(r"labels_%s\[[^]]*\]\s*=\s*\{(.*?)\};" % re.escape(lang),
                      src, re.S)
    if not table:
        raise SystemExit("pdfcheck.py: no label table for '%s' in locale.c" % lang)
    words = {k: c_string(v) for k, v in re.findall(
        r"\[(L_[A-Z_]+)\]\s*=\s*\"((?:[^\"\\]|\\.)*)\"", table.group(1))}
    return [words[k] for k in LANE_KEYS]


def words_of(text):
    """The words of TEXT, compared as read: ligatures (the "ﬁ" of a PDF)
    spelt out, no-break spaces as spaces."""
    return unicodedata.normalize("NFKC", text).split()


def short(text, n=40):
    text = " ".join(text.split())
    text = text if len(text) <= n else text[:n - 1] + "…"
    return '"%s"' % text.encode("unicode_escape").decode("ascii") \
        if any(ord(c) < 32 for c in text) else '"%s"' % text


class Glyph:
    """One drawn character: its text, effective size, box and origin."""

    def __init__(self, ch, height):
        a, b, c, d, e, f = ch.matrix
        self.text = ch.get_text()
        self.size = ch.fontsize * math.hypot(c, d)
        self.x0, self.x1 = ch.x0, ch.x1
        self.top, self.bottom = height - ch.y1, height - ch.y0  # from the top
        self.ox, self.oy = e, height - f                         # origin
        self.upright = abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0 and d > 0
        self.run = None


class Page:
    """What one page draws, read from its layout objects."""

    def __init__(self, number, layout, mediabox, rotate):
        self.number = number
        x0, y0, x1, y1 = mediabox
        self.width, self.height = x1 - x0, y1 - y0
        if rotate % 180 == 90:
            self.width, self.height = self.height, self.width
        self.glyphs = []
        self.off_page = 0    # glyphs drawn wholly off the page, not counted
        self.boxes = []      # (x0, top, x1, bottom) of each drawn thing
        self.walk(layout)
        self.runs = self.cut_runs()

    def walk(self, item):
        for obj in item:
            if isinstance(obj, LTChar):
                g = Glyph(obj, self.height)
                if not g.text.strip():
                    continue
                if g.x1 <= 0 or g.x0 >= self.width or g.bottom <= 0 or g.top >= self.height:
                    self.off_page += 1
                    continue
                self.glyphs.append(g)
                self.boxes.append((g.x0, g.top, g.x1, g.bottom))
            elif isinstance(obj, LTCurve):
                if not obj.stroke and is_white(obj.non_stroking_color):
                    continue
                self.boxes.append((obj.x0, self.height - obj.y1,
                                   obj.x1, self.height - obj.y0))
            elif isinstance(obj, LTImage):
                self.boxes.append((obj.x0, self.height - obj.y1,
                                   obj.x1, self.height - obj.y0))
            elif isinstance(obj, LTContainer):
                self.walk(obj)

    def cut_runs(self):
        """Runs: glyphs drawn one after another on one baseline, as
        [text, first glyph]; a gap wider than a fifth of an em is a space."""
        runs = []
        prev = None
        for g in self.glyphs:
            same = (prev is not None and g.upright and prev.upright
                    and abs(g.oy - prev.oy) < 0.1 * g.size
                    and -0.5 * g.size < g.x0 - prev.x1 < 1.5 * g.size)
            if same:
                run = runs[-1]
                if g.x0 - prev.x1 > 0.2 * g.size:
                    run[0] += " "
                run[0] += g.text
            else:
                run = [g.text, g]
                runs.append(run)
            g.run = run
            prev = g
        return runs

    def find(self, words, partial_last=False):
        """The places where consecutive runs spell WORDS: a list of the
        first glyph of each. With PARTIAL_LAST, the text may stop early at
        a word cut with '…'."""
        found = []
        for i in range(len(self.runs)):
            k = 0
            j = i
            while j < len(self.runs) and k < len(words):
                rw = words_of(self.runs[j][0])
                if not rw:
                    break
                if rw == words[k:k + len(rw)]:
                    k += len(rw)
                    j += 1
                    continue
                if partial_last and rw[-1].endswith("…") and k + len(rw) <= len(words) \
                        and rw[:-1] == words[k:k + len(rw) - 1] \
                        and words[k + len(rw) - 1].startswith(rw[-1][:-1]):
                    k = len(words)
                break
            if k == len(words):
                found.append(self.runs[i][1])
        return found

    def drawing(self):
        """The box of everything drawn, cut to the page, or None."""
        if not self.boxes:
            return None
        x0 = max(0.0, min(b[0] for b in self.boxes))
        y0 = max(0.0, min(b[1] for b in self.boxes))
        x1 = min(self.width, max(b[2] for b in self.boxes))
        y1 = min(self.height, max(b[3] for b in self.boxes))
        return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None

    def row_letter(self):
        """The row letter of the page's place in its footer, "(B1)", or
        None when the pages make one row."""
        for run in self.runs:
            m = re.search(r"\(([A-Z])[0-9]+\)", run[0])
            if m and run[0].lower().startswith("page"):
                return "row " + m.group(1)
        return None

    def tile_labels(self):
        """Words of the page that read as a tile label (A1, B12...)."""
        return [w for run in self.runs for w in re.split(r"[\s·/,;:()]+", run[0])
                if TILE_LABEL.match(w)]


def is_white(color):
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) == 4:            # CMYK: white is no ink
        return all(v <= 0.001 for v in values)
    return len(values) in (1, 3) and all(v >= 0.999 for v in values)


class Aggregator(PDFPageAggregator):
    """pdfminer's page aggregator, keeping each character's font size
    (LTChar does not keep it in every pdfminer version)."""

    def render_char(self, matrix, font, fontsize, *rest):
        width = PDFPageAggregator.render_char(self, matrix, font, fontsize, *rest)
        self.cur_item._objs[-1].fontsize = fontsize
        return width


def read_pdf(path):
    """The pages of PATH and the document's title."""
    with open(path, "rb") as f:
        parser = PDFParser(f)
        doc = PDFDocument(parser)
        title = ""
        for info in doc.info:
            if "Title" in info:
                raw = info["Title"]
                raw = raw.resolve() if hasattr(raw, "resolve") else raw
                title = decode_text(raw) if isinstance(raw, bytes) else str(raw)
        rsrc = PDFResourceManager()
        device = Aggregator(rsrc, laparams=None)
        interp = PDFPageInterpreter(rsrc, device)
        pages = []
        for n, page in enumerate(PDFPage.create_pages(doc), 1):
            interp.process_page(page)
            pages.append(Page(n, device.get_result(), page.mediabox,
                              page.rotate or 0))
    return pages, title


class Checker:
    def __init__(self, name, pages, title, report):
        self.name = name
        self.pages = pages
        self.title = title
        self.report = report
        self.failures = []

    def fail(self, page, what):
        where = "page %d: " % page if page else ""
        self.failures.append("%s: %s%s" % (self.name, where, what))

    def info(self, page, what):
        if self.report:
            print("%s: page %d: %s" % (self.name, page, what))

    # --pages, --paper, --orientation
    def check_pages(self, want):
        if len(self.pages) != want:
            self.fail(0, "%d pages, expected %d" % (len(self.pages), want))

    def check_paper(self, paper, orientation):
        w, h = PAPERS[paper]
        sides = {"portrait": [(w, h)], "landscape": [(h, w)],
                 "any": [(w, h), (h, w)]}[orientation]
        for p in self.pages:
            if not any(abs(p.width - sw) <= PAPER_TOLERANCE
                       and abs(p.height - sh) <= PAPER_TOLERANCE for sw, sh in sides):
                self.fail(p.number, "paper %.2f x %.2f pt, expected %s %s (%s)" % (
                    p.width, p.height, paper.upper() if paper.startswith("a") else paper,
                    orientation, " or ".join("%.2f x %.2f" % s for s in sides)))

    # --min-pt, --text-range
    def check_min_pt(self, limit):
        for p in self.pages:
            small = [g for g in p.glyphs if g.size < limit - 1e-6]
            if small:
                g = min(small, key=lambda g: g.size)
                self.fail(p.number, "%d glyphs under %g pt, the smallest %.2f pt "
                          "('%s' of %s at x=%.1f y=%.1f)" % (
                              len(small), limit, g.size, g.text, short(g.run[0]),
                              g.ox, g.oy))

    def sizes(self):
        return [g.size for p in self.pages for g in p.glyphs]

    def check_text_range(self, lo, hi):
        sizes = self.sizes()
        if not sizes:
            self.fail(0, "no text at all, expected text %s to %s pt" % (lo, hi))
            return
        for what, stated, got in (("smallest", lo, min(sizes)), ("largest", hi, max(sizes))):
            decimals = len(stated.split(".")[1]) if "." in stated else 0
            slack = 0.5 * 10 ** -decimals + 0.01
            if abs(float(stated) - got) > slack:
                self.fail(0, "the %s glyph is %.2f pt, the message says %s pt" % (
                    what, got, stated))

    # --fill, --fill-last
    def check_fill(self, ratio, last_ratio=None):
        letters = [p.row_letter() for p in self.pages]
        last = max((l for l in letters if l), default=None)
        for p, letter in zip(self.pages, letters):
            if last_ratio is not None and letter is not None and letter == last \
                    and letter != "row A":
                want = last_ratio  # the last row of a map cut down: the rest
            else:
                want = ratio
            pw, ph = p.width - 2 * MARGIN, p.height - 2 * MARGIN
            box = p.drawing()
            if box is None:
                self.fail(p.number, "nothing drawn")
                continue
            fw = (box[2] - box[0]) / pw
            fh = (box[3] - box[1]) / ph
            self.info(p.number, "drawing x %.1f..%.1f y %.1f..%.1f pt: %.1f %% of the "
                      "printable width, %.1f %% of its height" % (
                          box[0], box[2], box[1], box[3], 100 * fw, 100 * fh))
            if max(fw, fh) < want:
                self.fail(p.number, "drawing covers %.1f %% of the printable width and "
                          "%.1f %% of its height, under %g %% (drawing x %.1f..%.1f "
                          "y %.1f..%.1f pt, printable %.1f x %.1f pt)" % (
                              100 * fw, 100 * fh, 100 * want, box[0], box[2],
                              box[1], box[3], pw, ph))

    # --inside
    def check_inside(self):
        for p in self.pages:
            lo_x, hi_x = MARGIN, p.width - MARGIN
            lo_y, hi_y = MARGIN, p.height - MARGIN
            out = []
            for g in p.glyphs:
                over = max(lo_x - g.x0, g.x1 - hi_x, lo_y - g.top, g.bottom - hi_y)
                if over > Y_TOLERANCE:
                    out.append((over, g))
            if out:
                over, g = max(out, key=lambda o: o[0])
                self.fail(p.number, "%d glyphs outside the printable area (10 mm "
                          "margins), the farthest %.2f pt out ('%s' of %s, box x "
                          "%.1f..%.1f y %.1f..%.1f, printable x %.2f..%.2f y %.2f..%.2f)" % (
                              len(out), over, g.text, short(g.run[0]), g.x0, g.x1,
                              g.top, g.bottom, lo_x, hi_x, lo_y, hi_y))

    # --lanes
    def check_lanes(self, lang):
        labels = lane_labels(lang)
        stage = labels[0]
        found = []      # per page: {label: glyph}
        for p in self.pages:
            here = {}
            for label in labels:
                places = p.find(words_of(label))
                if places:
                    here[label] = min(places, key=lambda g: (round(g.ox, 1), g.oy))
            found.append(here)
            self.info(p.number, "lane labels at y " + (", ".join(
                "%s %.2f" % (l, g.oy) for l, g in here.items()) or "(none)"))
        self.check_title()
        # The stage band is on every page, below a header band of one height.
        first = None
        for p, here in zip(self.pages, found):
            if stage not in here:
                self.fail(p.number, "no lane label '%s'" % stage)
            elif first is None:
                first = (p.number, here[stage].oy)
            elif abs(here[stage].oy - first[1]) > Y_TOLERANCE:
                self.fail(p.number, "lane label '%s' at y=%.2f pt, %+.2f pt from page "
                          "%d's (%.2f): the header band differs" % (
                              stage, here[stage].oy, here[stage].oy - first[1],
                              first[0], first[1]))
        # Page rows: the row letter of the page's footer, "page 4/9 (B1)";
        # without one, pages that share a lane label.
        row_of = list(range(len(self.pages)))

        def root(i):
            while row_of[i] != i:
                i = row_of[i]
            return i
        letters = [p.row_letter() for p in self.pages]
        owner = {}
        for i, here in enumerate(found):
            keys = [letters[i]] if letters[i] else [l for l in here if l != stage]
            for label in keys:
                if label in owner:
                    row_of[root(i)] = root(owner[label])
                else:
                    owner[label] = i
        rows = {}
        for i in range(len(self.pages)):
            rows.setdefault(root(i), []).append(i)
        for members in sorted(rows.values()):
            row_labels = [l for l in labels[1:] if any(l in found[i] for i in members)]
            if not row_labels:
                for i in members:
                    self.fail(self.pages[i].number, "no lane label found")
                continue
            names = ", ".join(str(self.pages[i].number) for i in members)
            for label in row_labels:
                ref = None
                for i in members:
                    g = found[i].get(label)
                    if g is None:
                        self.fail(self.pages[i].number, "no lane label '%s' (shown on "
                                  "the other pages of its row: %s)" % (label, names))
                    elif ref is None:
                        ref = (self.pages[i].number, g.oy)
                    elif abs(g.oy - ref[1]) > Y_TOLERANCE:
                        self.fail(self.pages[i].number, "lane label '%s' at y=%.2f pt, "
                                  "%+.2f pt from page %d's (%.2f) in the same page row" % (
                                      label, g.oy, g.oy - ref[1], ref[0], ref[1]))

    def check_title(self):
        if not self.title:
            self.fail(0, "no title in the document information")
            return
        words = words_of(self.title)
        first = None
        for p in self.pages:
            places = p.find(words, partial_last=True)
            if not places:
                # a title over two lines ends with "…" or wraps: its first run
                places = [r[1] for r in p.runs
                          if words_of(r[0]) and words_of(r[0]) == words[:len(words_of(r[0]))]
                          and len(words_of(r[0])) >= min(3, len(words))]
            if not places:
                self.fail(p.number, "title %s not found" % short(self.title))
                continue
            g = max(places, key=lambda g: (round(g.size, 2), -g.oy))
            self.info(p.number, "title at y %.2f, %.2f pt" % (g.oy, g.size))
            if first is None:
                first = (p.number, g.oy)
            elif abs(g.oy - first[1]) > Y_TOLERANCE:
                self.fail(p.number, "title at y=%.2f pt, %+.2f pt from page %d's (%.2f)" % (
                    g.oy, g.oy - first[1], first[0], first[1]))

    # --tiles
    def check_tiles(self, spec):
        tiles = self.pages[1:]
        if not tiles:
            self.fail(0, "one page: no assembly sheet and tiles")
            return
        n = len(tiles)
        if spec == "auto":
            grids = [(n // c, c) for c in range(1, n + 1) if n % c == 0]
        else:
            r, c = (int(v) for v in spec.lower().split("x"))
            if r * c != n:
                self.fail(0, "%d tile pages after the assembly sheet, expected %d x %d = %d" % (
                    n, r, c, r * c))
            grids = [(r, c)]
        found = [set(p.tile_labels()) for p in tiles]

        def expected(rows, cols):
            return ["%s%d" % (chr(ord("A") + t // cols), t % cols + 1)
                    for t in range(min(n, rows * cols))]
        rows, cols = max(grids, key=lambda g: sum(
            lab in f for lab, f in zip(expected(*g), found)))
        want = expected(rows, cols)
        sheet = set(self.pages[0].tile_labels())
        for p, lab, f in zip(tiles, want, found):
            self.info(p.number, "tile labels %s" % (" ".join(sorted(f)) or "(none)"))
            if lab not in f:
                self.fail(p.number, "no tile label '%s' (tiles read as %d rows x %d "
                          "columns; labels on this page: %s)" % (
                              lab, rows, cols, " ".join(sorted(f)) or "none"))
        missing = [lab for lab in want if lab not in sheet]
        if missing:
            self.fail(1, "the assembly sheet lacks the tile labels %s" % " ".join(missing))

    def report_sizes(self):
        for p in self.pages:
            if p.glyphs:
                sizes = [g.size for g in p.glyphs]
                self.info(p.number, "%.2f x %.2f pt, %d glyphs (%d more off the page), "
                          "text %.2f to %.2f pt" % (p.width, p.height, len(sizes),
                                                    p.off_page, min(sizes), max(sizes)))
            else:
                self.info(p.number, "%.2f x %.2f pt, no text" % (p.width, p.height))


def main(argv):
    ap = argparse.ArgumentParser(prog="pdfcheck.py", description=__doc__.split("\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--min-pt", type=float, help="no glyph smaller than PT")
    ap.add_argument("--fill", type=float, help="the drawing covers at least RATIO of "
                    "the printable width or height of every page")
    ap.add_argument("--fill-last", type=float, metavar="RATIO", help="with --fill: "
                    "the pages of the last row of a map cut down (footer '(C1)'...), "
                    "which hold the rest of the map, cover at least RATIO")
    ap.add_argument("--inside", action="store_true", help="no glyph outside the printable area")
    ap.add_argument("--lanes", metavar="LANG", help="one lane grid: lane labels (in LANG) "
                    "at one y per page row, the title at one y")
    ap.add_argument("--pages", type=int, help="exactly N pages")
    ap.add_argument("--paper", choices=sorted(PAPERS), help="every page of this paper")
    ap.add_argument("--orientation", choices=["landscape", "portrait", "any"], default="any")
    ap.add_argument("--tiles", metavar="ROWSxCOLS", help="page 1 an assembly sheet, then "
                    "tiles labelled A1, A2... in row-major order ('auto': any grid)")
    ap.add_argument("--text-range", nargs=2, metavar=("MIN", "MAX"),
                    help="the smallest and largest glyphs are these sizes (as printed)")
    ap.add_argument("--report", action="store_true", help="print what was measured")
    args = ap.parse_args(argv)
    if args.tiles and args.tiles != "auto" and not re.match(r"^\d+x\d+$", args.tiles.lower()):
        ap.error("--tiles takes ROWSxCOLS or auto")
    try:
        pages, title = read_pdf(args.pdf)
    except Exception as e:  # pdfminer raises many kinds
        print("%s: cannot read the PDF: %s" % (args.pdf, e), file=sys.stderr)
        return 2
    c = Checker(os.path.basename(args.pdf), pages, title, args.report)
    if args.report:
        c.report_sizes()
    if args.pages is not None:
        c.check_pages(args.pages)
    if args.paper:
        c.check_paper(args.paper, args.orientation)
    if args.min_pt is not None:
        c.check_min_pt(args.min_pt)
    if args.text_range:
        c.check_text_range(*args.text_range)
    if args.fill is not None:
        c.check_fill(args.fill, args.fill_last)
    elif args.report:
        c.check_fill(0)
    if args.inside:
        c.check_inside()
    if args.lanes:
        c.check_lanes(args.lanes)
    if args.tiles:
        c.check_tiles(args.tiles)
    for line in c.failures:
        print(line)
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
