# report.awk - turns bench/run.sh's rows (case, median, min, max, peak KiB,
# status; tab-separated, seconds) into the Markdown tables of results.md:
# every case, then the ratios the issue asks for, each beside its target.

function ms(s) { return s == "" || s == "-" ? "-" : sprintf("%.1f ms", s * 1000) }
function mib(k) { return k == "" || k == "-" ? "-" : sprintf("%.1f MiB", k / 1024) }
function have(c) { return (c in med) && med[c] != "-" }
function verdict(v, target, op) {
    if (target == "") return ""
    return (op == "<=" ? v <= target : v < target) ? "met" : "**missed**"
}
# One ratio row: what, a / b, target (empty for none).
function ratio(what, a, b, target,    r) {
    if (!have(a) || !have(b)) {
        printf "| %s | - | %s | %s |\n", what, (target == "" ? "" : "<= " target),
            (have(b) ? "not measured: " st[a] : "not measured: " st[b])
        return
    }
    r = med[a] / med[b]
    printf "| %s | %.2f | %s | %s |\n", what, r, (target == "" ? "" : "<= " target),
        verdict(r, target, "<=")
}
function growth(what, a, b, target,    t, m) {
    if (!have(a) || !have(b)) {
        printf "| %s | - | - | %s | not measured |\n", what, (target == "" ? "" : "<= " target)
        return
    }
    t = med[b] / med[a]
    m = kib[b] / kib[a]
    printf "| %s | %.1fx | %.1fx | %s | %s |\n", what, t, m,
        (target == "" ? "" : "<= " target "x"),
        (target == "" ? "" : (t <= target && m <= target ? "met" : "**missed**"))
}

{
    order[++n] = $1
    med[$1] = $2; lo[$1] = $3; hi[$1] = $4; kib[$1] = $5; st[$1] = $6
}

END {
    split("shoes gen16 gen160 gen1600 gen16000", maps, " ")
    split("16 160 1600 16000", sizes, " ")

    print "## Ratios"
    print ""
    print "Each ratio divides medians. Lower is better."
    print ""
    print "| ratio | value | target | |"
    print "|---|---|---|---|"
    for (i = 1; i <= 5; i++) {
        m = maps[i]
        ratio("render " m " PDF / dot -Tpdf", m ".render.pdf", m ".dot.pdf",
              m == "shoes" ? 0.5 : m == "gen1600" ? 0.3 : "")
        ratio("render " m " SVG / dot -Tsvg", m ".render.svg", m ".dot.svg", "")
    }
    for (i = 1; i <= 5; i++)
        ratio("lint " maps[i] " / libyaml floor", maps[i] ".lint", maps[i] ".floor.yaml", "")
    ratio("lint 10 MiB map / libyaml floor", "big.lint", "big.floor.yaml", 1.3)
    for (i = 1; i <= 5; i++)
        for (f = 1; f <= 3; f++) {
            fmt = f == 1 ? "pdf" : f == 2 ? "svg" : "png"
            ratio("render " maps[i] " " toupper(fmt) " / start-up floor",
                  maps[i] ".render." fmt, "floor.startup", "")
        }
    print ""

    print "## Absolute targets"
    print ""
    print "| what | value | target | |"
    print "|---|---|---|---|"
    if (have("shoes.lint") && have("process.start")) {
        d = (med["shoes.lint"] - med["process.start"]) * 1000
        printf "| lint shoes.yaml - start-up of jmap (`jmap --version`) | %.2f ms | <= 2 ms | %s |\n",
            d, verdict(d, 2, "<=")
    }
    if (have("small1000.lint"))
        printf "| lint 1,000 small maps in one call | %.3f s | < 1 s | %s |\n",
            med["small1000.lint"], verdict(med["small1000.lint"], 1, "<")
    if (have("gen16000.render.svg")) {
        printf "| render 16,000 steps to SVG: time | %.2f s | < 2 s | %s |\n",
            med["gen16000.render.svg"], verdict(med["gen16000.render.svg"], 2, "<")
        printf "| render 16,000 steps to SVG: peak memory | %.0f MiB | < 300 MiB | %s |\n",
            kib["gen16000.render.svg"] / 1024, verdict(kib["gen16000.render.svg"] / 1024, 300, "<")
    } else if (quick != "yes")
        printf "| render 16,000 steps to SVG | - | < 2 s, < 300 MiB | not measured: %s |\n",
            st["gen16000.render.svg"]
    print ""

    print "## Growth per 10x steps"
    print ""
    print "Time and peak memory of the larger map over the smaller one."
    print ""
    print "| case | time | peak memory | target | |"
    print "|---|---|---|---|---|"
    split("lint render.pdf render.svg render.png", kinds, " ")
    for (k = 1; k <= 4; k++)
        for (i = 1; i < 4; i++)
            growth(kinds[k] " " sizes[i] " -> " sizes[i + 1] " steps",
                   "gen" sizes[i] "." kinds[k], "gen" sizes[i + 1] "." kinds[k],
                   i == 3 ? 11 : "")
    print ""

    print "## Every case"
    print ""
    print "| case | median | min | max | peak memory | status |"
    print "|---|---|---|---|---|---|"
    for (i = 1; i <= n; i++) {
        c = order[i]
        printf "| %s | %s | %s | %s | %s | %s |\n", c, ms(med[c]), ms(lo[c]), ms(hi[c]),
            mib(kib[c]), st[c]
    }
}
