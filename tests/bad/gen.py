#!/usr/bin/env python3
"""gen.py GROUP SOURCE_DIR OUT_DIR - writes the hostile inputs that are too
large or too many to keep in the repository, each as NAME.yaml beside its
NAME.expect (the format run.sh reads, described there).

Groups:
  generated  one case per limit, just under and just over it, plus huge
             lines, deep nesting and many brackets
  truncated  every shipped map in maps/ cut at many offsets
  random     random bytes and random mutations of the shipped maps, from a
             fixed seed, so every run sees the same inputs
  flood      2^15 ids, anchors and mapping keys that all share the low 22
             bits of the 64-bit FNV-1a hash jmap 0.1 used: what made its unseeded hash
             table quadratic (bench/run.sh times them too)
  personas   10,000 personas, each with an emotion on each of 20 steps, and
             1,000 whose curves break into runs around plain values: what
             made jmap 0.1's rendering quadratic (run.sh renders them too)
  personas-long
             10,000 personas over 100 steps (10 MB), for bench/run.sh only,
             which times these maps
"""
import os
import random
import sys

MIB = 1 << 20
KIB = 1 << 10
# The limits of include/jmap.h; a change there must change them here.
MAX_FILE_BYTES = 16 * MIB
MAX_DEPTH = 64
MAX_STEPS = 100000
MAX_ITEMS = 10000
MAX_TEXT_BYTES = 16 * KIB

STAGE = "stages:\n  - id: s\n    name: S\n    steps:\n      - name: One\n"


def write(out, name, data, expect):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(out, name + ".yaml"), "wb") as f:
        f.write(data)
    with open(os.path.join(out, name + ".expect"), "w") as f:
        f.write(expect)


def steps(n):
    rows = ["jmap: 1\ntitle: Many steps\nstages:\n  - id: s\n    name: S\n"
            "    steps:\n"]
    rows += ["      - {id: p%d, name: P}\n" % i for i in range(n)]
    return "".join(rows)


def section(key, n):
    """n items of a section, each used and owned, so that no warning hides
    a limit error or fills the list of findings."""
    rows = ["jmap: 1\ntitle: Many %s\n" % key]
    if key != "departments":
        rows.append("departments: {d: D}\n")
    rows.append("%s:\n" % key)
    value = {"touchpoints": "{name: X, owner: d}"}.get(key, "{name: X}")
    rows += ["  x%d: %s\n" % (i, value) for i in range(n)]
    rows.append(STAGE)
    used = ", ".join("x%d" % i for i in range(n))
    if key == "personas":
        rows.append("        emotion: {%s}\n" % ", ".join("x%d: 1" % i for i in range(n)))
    elif key == "departments":
        rows.append("        departments: [%s]\n" % used)
    else:
        rows.append("        departments: [d]\n        touchpoints: [%s]\n" % used)
    return "".join(rows)


def stages(n):
    rows = ["jmap: 1\ntitle: Many stages\nstages:\n"]
    rows += ["  - {id: s%d, name: S, steps: [{name: A%d}]}\n" % (i, i)
             for i in range(n)]
    return "".join(rows)


def irritants(n):
    rows = ["jmap: 1\ntitle: Many irritants\ndepartments: {d: D}\n", STAGE,
            "        irritants:\n"]
    rows += ["          - {name: I%d, owner: d}\n" % i for i in range(n)]
    return "".join(rows)


def generated(out):
    limit = "exit 1\ncontains [limit]\n"
    write(out, "steps-at-limit", steps(MAX_STEPS), "exit 0\n")
    write(out, "steps-over-limit", steps(MAX_STEPS + 1),
          "exit 1\nfirst steps-over-limit.yaml:%d:9: error: more steps than the "
          "limit of %d; the rest are not read [limit]\n" % (MAX_STEPS + 7, MAX_STEPS))
    for key in ("touchpoints", "departments", "personas"):
        write(out, key + "-at-limit", section(key, MAX_ITEMS),
              "exit 0\nnot error\n")
        write(out, key + "-over-limit", section(key, MAX_ITEMS + 1),
              "exit 1\ncontains %s-over-limit.yaml:%d:3: error: more %s than the "
              "limit of %d; the rest are not read [limit]\n"
              % (key, MAX_ITEMS + 4 + (key != "departments"), key, MAX_ITEMS))
    write(out, "stages-at-limit", stages(MAX_ITEMS), "exit 0\n")
    write(out, "stages-over-limit", stages(MAX_ITEMS + 1),
          "exit 1\nfirst stages-over-limit.yaml:%d:5: error: more stages than the "
          "limit of %d; the rest are not read [limit]\n" % (MAX_ITEMS + 4, MAX_ITEMS))
    write(out, "irritants-at-limit", irritants(MAX_ITEMS), "exit 0\n")
    write(out, "irritants-over-limit", irritants(MAX_ITEMS + 1),
          "exit 1\nfirst irritants-over-limit.yaml:%d:13: error: more irritants "
          "than the limit of %d; the rest are not read [limit]\n"
          % (MAX_ITEMS + 10, MAX_ITEMS))

    head = "jmap: 1\ntitle: T\n" + STAGE + "        description: "
    write(out, "text-at-limit", head + "x" * MAX_TEXT_BYTES + "\n", "exit 0\n")
    write(out, "text-over-limit", head + "x" * (MAX_TEXT_BYTES + 1) + "\n",
          "exit 1\nfirst text-over-limit.yaml:8:22: error: text of %d bytes is "
          "longer than the limit of %d bytes [limit]\n"
          % (MAX_TEXT_BYTES + 1, MAX_TEXT_BYTES))
    # libyaml ends an implicit key at 1024 characters; a longer key needs `? `
    write(out, "key-long-implicit", "jmap: 1\ntitle: T\n" + "k" * 1025 + ": v\n" + STAGE,
          "exit 1\nfirst key-long-implicit.yaml:3:1026: error: could not find expected "
          "':' while scanning a simple key that starts at line 3 [syntax]\n")
    write(out, "key-over-limit", "jmap: 1\ntitle: T\n? " + "k" * (MAX_TEXT_BYTES + 1)
          + "\n: v\n" + STAGE,
          "exit 1\nfirst key-over-limit.yaml:3:3: error: text of %d bytes is "
          "longer than the limit of %d bytes [limit]\n"
          % (MAX_TEXT_BYTES + 1, MAX_TEXT_BYTES))
    write(out, "findings-over-limit", "jmap: 1\ntitle: T\n" +
          "".join("x%d: 1\n" % i for i in range(5000)) + STAGE,
          "exit 1\ncontains findings-over-limit.yaml:1002:1: error: more findings than "
          "the limit of 1000; the rest are not reported [limit]\n")
    # a thousand findings printed with their source lines, late in a 15 MiB
    # file of empty lines and on one long line: printing stays linear
    write(out, "findings-late", "jmap: 1\ntitle: T\n" + "\n" * (15 * MIB) +
          "".join("x%d: 1\n" % i for i in range(2000)) + STAGE,
          "exit 1\ncontains error: more findings than the limit of 1000; the rest "
          "are not reported [limit]\n")
    write(out, "findings-one-line", "jmap: 1\ntitle: T\nx: {" +
          ", ".join(["k: 1"] * 200000) + "}\n" + STAGE,
          "exit 1\nfirst findings-one-line.yaml:3:11: error: duplicate key 'k' (first "
          "written at line 3) [duplicate-key]\ncontains [limit]\n")

    base = "jmap: 1\ntitle: T\n" + STAGE
    pad = MAX_FILE_BYTES - len(base)
    write(out, "file-at-limit", base + "#" * (pad - 1) + "\n", "exit 0\n")
    write(out, "file-over-limit", base + "#" * pad + "\n",
          "exit 1\nfirst file-over-limit.yaml: error: the file is %d bytes, larger "
          "than the limit of 16 MiB [limit]\n" % (MAX_FILE_BYTES + 1))

    write(out, "line-1mb-text", "jmap: 1\ntitle: " + "x" * MIB + "\n" + STAGE,
          "exit 1\nfirst line-1mb-text.yaml:2:8: error: text of %d bytes is longer "
          "than the limit of %d bytes [limit]\n" % (MIB, MAX_TEXT_BYTES))
    flow = ", ".join("{id: s%d, name: S, steps: [{name: A}]}" % i
                     for i in range(MIB // 38))
    write(out, "line-1mb-flow", "jmap: 1\ntitle: T\nstages: [" + flow + "]\n",
          limit)
    write(out, "line-1mb-comment", "jmap: 1\ntitle: T\n#" + "c" * MIB + "\n" + STAGE,
          "exit 0\n")

    depth = "error: nesting deeper than the limit of %d levels [limit]\n" % MAX_DEPTH
    write(out, "nest-flow-10000", "jmap: 1\ntitle: T\nstages: " + "[" * 10000 + "\n",
          "exit 1\ncontains nest-flow-10000.yaml:3:%d: %s" % (9 + MAX_DEPTH - 1, depth))
    write(out, "nest-block-10000", "jmap: 1\ntitle: T\nstages:\n" + "- " * 10000 + "x\n",
          "exit 1\ncontains nest-block-10000.yaml:4:%d: %s" % (2 * (MAX_DEPTH - 1) + 1, depth))
    write(out, "nest-map-10000", "jmap: 1\ntitle: T\nstages: " + "{a: " * 10000 + "\n",
          "exit 1\ncontains nest-map-10000.yaml:3:%d: %s" % (9 + 4 * (MAX_DEPTH - 1), depth))
    write(out, "nest-indent-10000", "jmap: 1\ntitle: T\nx:\n" +
          "".join(" " * i + "a:\n" for i in range(1, 200)),
          "exit 1\ncontains nest-indent-10000.yaml:%d:%d: %s" % (MAX_DEPTH + 3, MAX_DEPTH + 1, depth))
    write(out, "nest-at-limit", "[" * (MAX_DEPTH) + "]" * MAX_DEPTH + "\n",
          "exit 1\nfirst nest-at-limit.yaml:1:1: error: the top of the file should be "
          "a mapping (jmap:, title:, stages: ...), not a list [type]\n"
          "not [limit]\n")
    write(out, "brackets-100000", "[" * 100000, limit)
    write(out, "braces-100000", "{" * 100000, limit)
    write(out, "brackets-16mib", "[" * (MAX_FILE_BYTES - 1) + "\n", limit)
    write(out, "quotes-1mb", "jmap: 1\ntitle: \"" + "\\\"" * (MIB // 2) + "\n",
          "exit 1\ncontains [syntax]\n")
    write(out, "anchors-100000", "jmap: 1\ntitle: T\nx: [" +
          ", ".join("&a%d %d" % (i, i) for i in range(100000)) + "]\n" + STAGE,
          "exit 1\nfirst anchors-100000.yaml:3:1: error: unknown key 'x' in the "
          "journey [unknown-key]\n")
    write(out, "aliases-100000", "jmap: 1\ntitle: &t T\nx: [" +
          ", ".join(["*t"] * 100000) + "]\n" + STAGE, limit)
    keys = "".join("  k%d: v\n" % i for i in range(100000))
    write(out, "keys-100000", "jmap: 1\ntitle: T\nx:\n" + keys + STAGE,
          "exit 1\nfirst keys-100000.yaml:3:1: error: unknown key 'x' in the "
          "journey [unknown-key]\n")
    # The hints that quote the source stay linear: a text cut by 100,000
    # commas on one line, 10,000 cut texts and 50,000 references by display
    # name cost no more than plain unknown keys and ids.
    write(out, "comma-cuts-100000", "jmap: 1\ntitle: T\npersonas:\n"
          "  a: {name: A, description: T, " +
          ", ".join("x%d" % i for i in range(100000)) + "}\n" + STAGE,
          # a line that long is quoted by no hint
          "exit 1\ncontains error: unknown key 'x0' in a persona\n")
    write(out, "cut-texts-10000", "jmap: 1\ntitle: T\npersonas:\n" +
          "".join("  p%d: {name: A, description: T, x}\n" % i for i in range(10000)) +
          STAGE, "exit 1\ncontains [unknown-key]\n")
    write(out, "named-refs-100000", "jmap: 1\ntitle: T\ntouchpoints:\n" +
          "".join("  t%d: Phone line %d\n" % (i, i) for i in range(1000)) +
          "stages:\n  - id: s\n    name: S\n    steps:\n" +
          "".join("      - {name: x%d, touchpoints: [Phone line %d, s]}\n" % (i, i % 1000)
                  for i in range(50000)),
          "exit 1\ncontains did you mean the touchpoint 't0' (named 'Phone line 0')?\n")
    write(out, "duplicate-keys-100000", "jmap: 1\ntitle: T\nx:\n" +
          "".join("  k: v\n" for _ in range(100000)) + STAGE,
          # the findings of the parser fill the list before the loader's
          "exit 1\nfirst duplicate-keys-100000.yaml:5:3: error: duplicate key 'k' "
          "(first written at line 4) [duplicate-key]\n"
          "contains error: more findings than the limit of 1000; the rest are not "
          "reported [limit]\n")


def shipped_maps(src):
    folder = os.path.join(src, "maps")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), "rb") as f:
                yield name[:-5], f.read()


def truncated(src, out):
    for stem, data in shipped_maps(src):
        cuts = set(range(0, min(len(data), 32)))
        cuts.update(range(0, len(data), 101))
        # inside multi-byte characters too
        inside = [i for i, b in enumerate(data) if 0x80 <= b < 0xC0]
        cuts.update(inside[::5])
        cuts.add(len(data) - 1)
        for cut in sorted(cuts):
            write(out, "%s-cut-%05d" % (stem, cut), data[:cut], "exit 0 1\n")


def random_inputs(src, out):
    rng = random.Random(20261122)
    for i in range(40):
        size = rng.choice([1, 2, 3, 7, 64, 512, 4096])
        write(out, "bytes-%02d" % i, bytes(rng.randrange(256) for _ in range(size)),
              "exit 1\n")
    alphabet = b"-:[]{}&*!|>'\"#%@`?,. \n\t\r\x00\xc3\xa9\xef\xbb\xbfaz09"
    for i in range(40):
        size = rng.choice([16, 256, 2048])
        write(out, "yamlish-%02d" % i,
              bytes(rng.choice(alphabet) for _ in range(size)), "exit 0 1\n")
    maps = list(shipped_maps(src))
    for i in range(120):
        stem, data = maps[i % len(maps)]
        b = bytearray(data)
        for _ in range(rng.choice([1, 2, 4, 16])):
            at = rng.randrange(len(b))
            op = rng.randrange(4)
            if op == 0:
                b[at] = rng.randrange(256)
            elif op == 1:
                del b[at:at + rng.randrange(1, 64)]
            elif op == 2:
                b[at:at] = bytes([rng.choice(alphabet)]) * rng.randrange(1, 8)
            else:  # copy a slice elsewhere
                n = rng.randrange(1, 256)
                b[at:at] = b[rng.randrange(len(b)):][:n]
        write(out, "%s-mutant-%03d" % (stem, i), bytes(b), "exit 0 1\n")


FNV_OFFSET = 1469598103934665603  # the offset basis jmap 0.1 used
FNV_PRIME = 0x100000001B3
FLOOD_BITS = 22  # low bits shared by every key
FLOOD_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def fnv_low(state, text, mask):
    for c in text.encode():
        state = ((state ^ c) * FNV_PRIME) & mask
    return state


def flood_keys(prefix, blocks):
    """2^blocks distinct keys, `prefix` and 3 * blocks characters, whose FNV-1a hashes
    agree on their low FLOOD_BITS bits. Those bits of the state after each
    byte depend only on the same bits before it, so two 3-character blocks
    that lead from one state to the same state can be chained: every choice
    of one block of each pair gives the same low bits."""
    mask = (1 << FLOOD_BITS) - 1
    state = fnv_low(FNV_OFFSET & mask, prefix, mask)
    pairs = []
    for _ in range(blocks):
        seen = {}
        found = None
        for a in FLOOD_ALPHABET:
            for b in FLOOD_ALPHABET:
                for c in FLOOD_ALPHABET:
                    t = a + b + c
                    h = fnv_low(state, t, mask)
                    if h in seen:
                        found = (seen[h], t, h)
                        break
                    seen[h] = t
                if found:
                    break
            if found:
                break
        pairs.append(found[:2])
        state = found[2]
    keys = [prefix]
    for x, y in pairs:
        keys = [k + x for k in keys] + [k + y for k in keys]
    return keys


def flood(out):
    keys = flood_keys("k", 15)
    rows = ["jmap: 1\ntitle: Colliding step ids\nstages:\n  - id: s\n"
            "    name: S\n    steps:\n"]
    rows += ["      - {id: %s, name: P}\n" % k for k in keys]
    write(out, "flood-ids", "".join(rows), "exit 0\n")
    rows = ["jmap: 1\ntitle: Colliding anchors\nx-anchors:\n"]
    rows += ["  - &%s A\n" % k for k in keys]
    rows.append(STAGE)
    write(out, "flood-anchors", "".join(rows),
          "exit 1\ncontains unknown key 'x-anchors'\n")
    rows = ["jmap: 1\ntitle: Colliding keys\ntouchpoints:\n"]
    rows += ["  %s: {name: X}\n" % k for k in keys]
    rows.append(STAGE)
    write(out, "flood-keys", "".join(rows),
          "exit 1\ncontains more touchpoints than the limit of 10000\n")


def personas_map(n, n_steps, gaps=False):
    """n personas, each with an emotion (values cycling through -2..2) on
    each of n_steps steps; with `gaps`, every fourth step has a plain value,
    which applies to every curve, and the others leave out one persona in
    three, so that the curves break into runs."""
    rows = ["jmap: 1\ntitle: %d personas over %d steps\npersonas:\n" % (n, n_steps)]
    rows += ["  u%d: {name: U%d}\n" % (i, i) for i in range(n)]
    rows.append("stages:\n  - id: s\n    name: S\n    steps:\n")
    for k in range(n_steps):
        if gaps and k % 4 == 0:
            rows.append("      - name: Step %d\n        emotion: %d\n" % (k, k % 5 - 2))
            continue
        values = ["u%d: %d" % (i, (i + k) % 5 - 2) for i in range(n)
                  if not gaps or (i + k) % 3]
        rows.append("      - name: Step %d\n        emotion: {%s}\n" % (k, ", ".join(values)))
    return "".join(rows)


def personas(out):
    # every persona is read and used: no finding, whatever their number
    write(out, "personas-10000x20", personas_map(MAX_ITEMS, 20), "exit 0\nnot warning\n")
    write(out, "personas-1000x40-gaps", personas_map(1000, 40, gaps=True),
          "exit 0\nnot warning\n")


def personas_long(out):
    # 10 MB: for the bench, too slow to render under a sanitizer's test timeout
    write(out, "personas-10000x100", personas_map(MAX_ITEMS, 100), "exit 0\nnot warning\n")


def main():
    group, src, out = sys.argv[1:4]
    if group == "generated":
        generated(out)
    elif group == "truncated":
        truncated(src, out)
    elif group == "random":
        random_inputs(src, out)
    elif group == "flood":
        flood(out)
    elif group == "personas":
        personas(out)
    elif group == "personas-long":
        personas_long(out)
    else:
        sys.exit("gen.py: unknown group '%s'" % group)


if __name__ == "__main__":
    main()
