# mutate.awk - changes a map made by genmap.c in N places (default 100),
# spread evenly over its steps, for timing `jmap diff` (bench/run.sh):
#
#   awk -v n=100 -f bench/mutate.awk gen16000.yaml > gen16000-changed.yaml
#
# In turn: Léa's emotion, Marc's emotion, a step's name (with a default
# id, its id changes too: matched by content), a step inserted before one,
# a step's touchpoints. The result is still a valid map: no step that a
# `next` names is renamed (genmap gives those explicit ids).
BEGIN {
    if (!n)
        n = 100
}
FNR == NR {
    if ($0 ~ /^      - name: /)
        steps++
    next
}
FNR == 1 {
    every = int(steps / n)
    if (every < 1)
        every = 1
}
/^      - name: / {
    step++
    mut = -1
    if (done < n && step % every == int(every / 2)) {
        mut = done % 5
        done++
        if (mut == 2) {
            if ($0 ~ /^      - name: ["'>|]/)
                mut = 3 # a quoted name: insert a step instead
            else
                $0 = $0 " (revised)"
        }
        if (mut == 3) {
            print "      - name: Added step " done
            print "        id: bench-added-" done
            print "        emotion: {lea: 0, marc: 0}"
            print "        touchpoints: [tp1]"
        }
    }
}
mut == 0 && /^        emotion: \{lea: / {
    match($0, /lea: -?[0-9]/)
    v = substr($0, RSTART + 5, RLENGTH - 5) + 0
    $0 = substr($0, 1, RSTART - 1) "lea: " (v == 2 ? 1 : v + 1) substr($0, RSTART + RLENGTH)
}
mut == 1 && /^        emotion: \{lea: / {
    match($0, /marc: -?[0-9]/)
    v = substr($0, RSTART + 6, RLENGTH - 6) + 0
    $0 = substr($0, 1, RSTART - 1) "marc: " (v == 2 ? 1 : v + 1) substr($0, RSTART + RLENGTH)
}
mut == 4 && /^        touchpoints: / {
    $0 = ($0 == "        touchpoints: [tp1]") ? "        touchpoints: [tp2]" : "        touchpoints: [tp1]"
}
{ print }
