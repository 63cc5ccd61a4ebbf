# report.awk - turns bench/run.sh's rows (case, median, min, max, peak KiB,
# status; tab-separated, seconds) into the Markdown tables of results.md:
# the issue's targets, the ratios, growth per 10x steps, then every case.

function ms(s) { return s == "" || s == "-" ? "-" : sprintf("%.1f ms", s * 1000) }
function mib(k) { return k == "" || k == "-" ? "-" : sprintf("%.1f MiB", k / 1024) }
function have(c) { return (c in med) && med[c] != "-" }
function verdict(ok) { return ok ? "met" : "**missed**" }

# Why a case has no time, in a few words (the full reason is in the last table).
function why(c,    w) {
    w = (c in st) ? st[c] : "not run"
    if (w ~ /pixels, more than the limit/) return "refused: over the PNG size limit"
    return length(w) > 60 ? substr(w, 1, 57) "..." : w
}

# A target row: what, value (text), target (text), verdict.
function target(what, value, goal, ok) {
    printf "| %s | %s | %s | %s |\n", what, value, goal, ok
}

# A ratio of medians, a / b, as text ("-" when either is missing).
function ratio(a, b) { return have(a) && have(b) ? sprintf("%.2f", med[a] / med[b]) : "-" }
function missing(a, b) { return "not measured (" why(have(a) ? b : a) ")" }

{
    order[++n] = $1
    med[$1] = $2; lo[$1] = $3; hi[$1] = $4; kib[$1] = $5; st[$1] = $6
}

END {
    split("shoes gen16 gen160 gen1600 gen16000", maps, " ")
    split("16 160 1600 16000", sizes, " ")
    n_kinds = split("lint render.pdf render.svg render.png report.markdown report.html " \
                    "report.pdf report.json", kinds, " ")
    split("lint render.svg", pk, " ")
    personas_goal["svg"] = 1; personas_goal["pdf"] = 3

    print "## Targets"
    print ""
    print "| target | value | goal | |"
    print "|---|---|---|---|"
    split("shoes:0.5 gen1600:0.3", goals, " ")
    for (g = 1; g <= 2; g++) {
        split(goals[g], kv, ":")
        a = kv[1] ".render.pdf"; b = kv[1] ".dot.pdf"
        if (have(a) && have(b))
            target("render " kv[1] " PDF / `dot -Tpdf`", ratio(a, b), "<= " kv[2],
                   verdict(med[a] / med[b] <= kv[2]))
        else
            target("render " kv[1] " PDF / `dot -Tpdf`", "-", "<= " kv[2], missing(a, b))
    }
    if (have("big.lint") && have("big.floor.yaml"))
        target("lint the 10 MiB map / libyaml floor", ratio("big.lint", "big.floor.yaml"),
               "<= 1.3", verdict(med["big.lint"] / med["big.floor.yaml"] <= 1.3))
    else if (quick != "yes")
        target("lint the 10 MiB map / libyaml floor", "-", "<= 1.3",
               missing("big.lint", "big.floor.yaml"))
    if (have("shoes.lint") && have("process.true")) {
        d = (med["shoes.lint"] - med["process.true"]) * 1000
        target("lint shoes.yaml - start-up of a bare process (`true`)",
               sprintf("%.2f ms", d), "<= 2 ms", verdict(d <= 2))
    }
    if (have("small1000.lint"))
        target("lint 1,000 small maps in one call", sprintf("%.3f s", med["small1000.lint"]),
               "< 1 s", verdict(med["small1000.lint"] < 1))
    if (have("big15x80.lint") && have("big15.lint")) {
        m = kib["big15x80.lint"] / kib["big15.lint"]
        target("lint 80 files of 15 MB: peak memory / that of one",
               sprintf("%.1fx (%s)", m, mib(kib["big15x80.lint"])), "<= 2.5x",
               verdict(m <= 2.5))
    } else if (quick != "yes")
        target("lint 80 files of 15 MB: peak memory / that of one", "-", "<= 2.5x",
               missing("big15x80.lint", "big15.lint"))
    split("ids anchors keys", flood, " ")
    for (k = 1; k <= 3; k++)
        if (have("flood-" flood[k] ".lint"))
            target("lint 2^15 colliding " flood[k] " (2 MB)",
                   sprintf("%.3f s", med["flood-" flood[k] ".lint"]), "< 1 s",
                   verdict(med["flood-" flood[k] ".lint"] < 1))
    split("svg pdf", pf, " ")
    for (k = 1; k <= 2; k++) {
        c = "personas20.render." pf[k]
        if (have(c))
            target("render 10,000 personas x 20 steps (2.2 MB) to " toupper(pf[k]),
                   sprintf("%.2f s", med[c]), "< " personas_goal[pf[k]] " s",
                   verdict(med[c] < personas_goal[pf[k]]))
    }
    for (k = 1; k <= 2; k++) {
        a = "personas20." pk[k]; b = "personas100." pk[k]
        if (have(a) && have(b))
            target(pk[k] " 10,000 personas: 20 -> 100 steps (5x the emotions): time",
                   sprintf("%.1fx", med[b] / med[a]), "<= 6x", verdict(med[b] / med[a] <= 6))
    }
    for (k = 1; k <= 4; k++) {
        a = "gen1600." kinds[k]; b = "gen16000." kinds[k]
        if (have(a) && have(b)) {
            t = med[b] / med[a]; m = kib[b] / kib[a]
            target(kinds[k] " 1,600 -> 16,000 steps: time, peak memory",
                   sprintf("%.1fx, %.1fx", t, m), "<= 11x, <= 11x",
                   verdict(t <= 11 && m <= 11))
        } else if (quick != "yes")
            target(kinds[k] " 1,600 -> 16,000 steps", "-", "<= 11x, <= 11x", missing(a, b))
    }
    for (k = 1; k <= 2; k++) {
        c = (k == 1 ? "gen16000" : "gen1600")
        if (have(c ".diff100") && have(c ".lint2")) {
            target("diff " c " and a copy changed in 100 places / lint both",
                   ratio(c ".diff100", c ".lint2"), "about 1", verdict(med[c ".diff100"] / med[c ".lint2"] <= 1.3))
            break
        }
    }
    if (have("gen16000.render.svg")) {
        target("render 16,000 steps to SVG: time", sprintf("%.2f s", med["gen16000.render.svg"]),
               "< 2 s", verdict(med["gen16000.render.svg"] < 2))
        target("render 16,000 steps to SVG: peak memory",
               sprintf("%.0f MiB", kib["gen16000.render.svg"] / 1024), "< 300 MiB",
               verdict(kib["gen16000.render.svg"] / 1024 < 300))
    }
    print ""

    print "## Ratios"
    print ""
    print "| map | lint / libyaml floor | PDF / `dot -Tpdf` | SVG / `dot -Tsvg` | PDF / Mermaid PDF | PDF / start-up floor | SVG / start-up floor | PNG / start-up floor |"
    print "|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= 5; i++) {
        m = maps[i]
        printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", m,
            ratio(m ".lint", m ".floor.yaml"), ratio(m ".render.pdf", m ".dot.pdf"),
            ratio(m ".render.svg", m ".dot.svg"), ratio(m ".render.pdf", m ".mermaid.pdf"),
            ratio(m ".render.pdf", "floor.startup"),
            ratio(m ".render.svg", "floor.startup"), ratio(m ".render.png", "floor.startup")
    }
    if (have("big.lint"))
        printf "| 10 MiB map | %s | | | | | | |\n", ratio("big.lint", "big.floor.yaml")
    print ""
    if (have("process.jmap") && have("process.true")) {
        printf "Start-up: `jmap --version` takes %.1f ms more than a bare process (`true`); ",
            (med["process.jmap"] - med["process.true"]) * 1000
        if (have("shoes.lint"))
            printf "linting shoes.yaml, %.1f ms more than `jmap --version`. ",
                (med["shoes.lint"] - med["process.jmap"]) * 1000
        if (have("floor.startup") && have("shoes.dot.pdf"))
            printf "The start-up floor alone is %.2fx `dot -Tpdf` on shoes.yaml.",
                med["floor.startup"] / med["shoes.dot.pdf"]
        print ""
        print ""
    }

    print "## Growth per 10x steps"
    print ""
    print "Time and peak memory of the larger map over the smaller one."
    print ""
    print "| case | 16 -> 160 | 160 -> 1,600 | 1,600 -> 16,000 |"
    print "|---|---|---|---|"
    for (k = 1; k <= n_kinds; k++) {
        printf "| %s |", kinds[k]
        for (i = 1; i < 4; i++) {
            a = "gen" sizes[i] "." kinds[k]; b = "gen" sizes[i + 1] "." kinds[k]
            if (have(a) && have(b))
                printf " %.1fx time, %.1fx memory |", med[b] / med[a], kib[b] / kib[a]
            else
                printf " - |"
        }
        print ""
    }
    print ""

    print "## jmap report over 10x more maps"
    print ""
    print "Time and peak memory of the report of more small maps (16 steps each) over fewer."
    print ""
    print "| format | 10 -> 100 maps | 100 -> 1,000 maps |"
    print "|---|---|---|"
    split("markdown pdf json", rf, " ")
    for (k = 1; k <= 3; k++) {
        printf "| %s |", rf[k]
        for (i = 10; i < 1000; i *= 10) {
            a = "small" i ".report." rf[k]; b = "small" (i * 10) ".report." rf[k]
            if (have(a) && have(b))
                printf " %.1fx time, %.1fx memory |", med[b] / med[a], kib[b] / kib[a]
            else
                printf " - |"
        }
        print ""
    }
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
