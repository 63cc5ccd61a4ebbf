#!/bin/sh
# source_layers.sh - the source tree keeps its layers: src/core includes
# nothing of src/render or src/cli, src/render nothing of src/cli, the
# program (src/cli) no renderer header (it opens the module instead), and
# the project's headers include each other without a cycle.
#   sh source_layers.sh JMAP SOURCE_DIR
src=$2
python3 - "$src" <<'PY'
import glob, os, re, sys
root = sys.argv[1]
files = glob.glob(os.path.join(root, "src/*/*.[ch]")) + [os.path.join(root, "include/jmap.h")]
where = {os.path.basename(f): f for f in files}
layer = lambda f: os.path.relpath(f, root).split(os.sep)[1] if "/src/" in f else "include"
rank = {"include": 0, "core": 1, "render": 2, "cli": 3}
graph, bad = {}, []
for f in files:
    name = os.path.basename(f)
    incs = [i for i in re.findall(r'#include "([^"]+)"', open(f).read()) if i in where]
    graph[name] = incs
    for i in incs:
        lf, li = layer(f), layer(where[i])
        up = rank[li] > rank[lf] or (lf == "cli" and li == "render")
        if up:
            bad.append("%s (%s) includes %s (%s)" % (name, lf, i, li))
seen, cycles = {}, []
def visit(n, path):
    seen[n] = 1
    for m in graph.get(n, []):
        if seen.get(m) == 1:
            cycles.append(" -> ".join(path + [m]))
        elif not seen.get(m):
            visit(m, path + [m])
    seen[n] = 2
for n in graph:
    if not seen.get(n):
        visit(n, [n])
for b in bad:
    print("FAIL: layer: " + b)
for c in cycles:
    print("FAIL: include cycle: " + c)
if len(files) < 30:
    print("FAIL: only %d source files found under %s" % (len(files), root))
    sys.exit(1)
sys.exit(1 if bad or cycles else 0)
PY
