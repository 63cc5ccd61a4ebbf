#!/bin/sh
# output_targets.sh - every command writes its -o the same way, whatever the
# path names: a device, a FIFO, /dev/stdout or /dev/fd/N is written in place
# (never replaced by a regular file); a symlink is followed, so the link
# stays and its target gets the output; a regular file is replaced keeping
# its mode; a 255-byte name works. SIGINT, SIGTERM, SIGHUP and SIGPIPE
# during a streamed SVG leave no temporary file. Device cases need root
# (mknod): they are skipped, with a message, otherwise.
#   sh output_targets.sh JMAP SOURCE_DIR
jmap=$1
src=$2
. "$(dirname "$0")/../testlib.sh"
shoes=$src/maps/shoes.yaml

# run NAME OUT: the command NAME writing OUT.
run() {
    case $1 in
    lint) "$jmap" lint --format json -o "$2" "$shoes" ;;
    export) "$jmap" export --format json -o "$2" "$shoes" ;;
    schema) "$jmap" schema -o "$2" ;;
    svg) "$jmap" render "$shoes" -f svg -o "$2" ;;
    pdf) "$jmap" render "$shoes" -f pdf -o "$2" ;;
    esac
}
# looks NAME FILE: FILE holds what NAME writes.
looks() {
    case $1 in
    lint | export | schema) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$2" ;;
    svg) xmllint --noout "$2" ;;
    pdf) pdfinfo "$2" >/dev/null ;;
    esac 2>/dev/null || fail "$1: $2 does not hold the output"
}
commands="lint export schema svg pdf"

# Standard output by name. As root, a jmap that renamed over the name
# would replace the system's /dev/stdout (jmap 0.1 did): root then uses a
# link of the test's own to the same descriptor, which takes the same path.
if [ "$(id -u)" = 0 ]; then
    ln -s /proc/self/fd/1 "$tmp/stdout"
    stdout=$tmp/stdout
else
    stdout=/dev/stdout
fi

for c in $commands; do
    # /dev/stdout and /dev/fd/N: the descriptor, not a new file.
    run $c "$stdout" >"$tmp/$c.stdout" 2>"$tmp/err" || fail "$c -o $stdout: $(cat "$tmp/err")"
    looks $c "$tmp/$c.stdout"
    [ -L "$stdout" ] || fail "$c replaced $stdout"
    run $c /dev/fd/3 3>"$tmp/$c.fd3" 2>"$tmp/err" || fail "$c -o /dev/fd/3: $(cat "$tmp/err")"
    looks $c "$tmp/$c.fd3"

    # A FIFO: its reader gets the output, and it stays a FIFO.
    if mkfifo "$tmp/fifo"; then
        timeout 20 cat "$tmp/fifo" >"$tmp/$c.fifo" &
        reader=$!
        run $c "$tmp/fifo" 2>"$tmp/err" || fail "$c -o FIFO: $(cat "$tmp/err")"
        wait $reader
        [ -p "$tmp/fifo" ] || fail "$c replaced the FIFO"
        looks $c "$tmp/$c.fifo"
        rm -f "$tmp/fifo"
    fi

    # A symlink: followed, the link stays, the target is replaced.
    mkdir -p "$tmp/links/real"
    echo old >"$tmp/links/real/target"
    ln -sf real/target "$tmp/links/link"
    run $c "$tmp/links/link" 2>"$tmp/err" || fail "$c -o symlink: $(cat "$tmp/err")"
    [ -L "$tmp/links/link" ] || fail "$c replaced the symlink with a file"
    looks $c "$tmp/links/real/target"
    rm -rf "$tmp/links"

    # A regular file keeps its mode.
    echo old >"$tmp/private"
    chmod 600 "$tmp/private"
    run $c "$tmp/private" 2>"$tmp/err" || fail "$c -o private: $(cat "$tmp/err")"
    [ "$(stat -c %a "$tmp/private")" = 600 ] ||
        fail "$c changed the mode of a 0600 file to $(stat -c %a "$tmp/private")"
    looks $c "$tmp/private"
    rm -f "$tmp/private"

    # Names of 248 and 255 bytes: the temporary name is cut, not the output's.
    for n in 248 255; do
        long=$(printf '%*s' $n '' | tr ' ' 'x')
        run $c "$tmp/$long" 2>"$tmp/err" || fail "$c -o a $n-byte name: $(cat "$tmp/err")"
        looks $c "$tmp/$long"
        rm -f "$tmp/$long"
    done

    # A device (root only: mknod): written in place, still a device.
    if mknod "$tmp/null" c 1 3 2>/dev/null; then
        run $c "$tmp/null" 2>"$tmp/err" || fail "$c -o device: $(cat "$tmp/err")"
        [ -c "$tmp/null" ] || fail "$c turned a device into a regular file"
        rm -f "$tmp/null"
    elif [ $c = lint ]; then
        echo "skipped the device cases: mknod needs root"
    fi
    left=$(ls -A "$tmp" | grep '^\.' || true) # no temporary file left
    [ -z "$left" ] && continue
    fail "$c left temporary files: $left"
    rm -f "$tmp"/.??*
done

# A signal while an SVG streams to its temporary file removes that file.
huge_map "$tmp/huge.yaml"
mkdir "$tmp/sig"
for sig in INT TERM HUP PIPE; do
    # (a shell starts background jobs with SIGINT ignored, which jmap
    # respects: the signals get their default action back first)
    python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
    signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$jmap" render "$tmp/huge.yaml" -o "$tmp/sig/map.svg" \
        >/dev/null 2>&1 &
    pid=$!
    seen=no
    i=0
    while [ $i -lt 3000 ] && kill -0 $pid 2>/dev/null; do
        if ls -A "$tmp/sig" | grep -q '^\.map\.svg\.'; then
            seen=yes
            kill -s $sig $pid
            break
        fi
        i=$((i + 1))
        sleep 0.01
    done
    wait $pid
    code=$?
    if [ $seen = no ]; then
        echo "skipped SIG$sig: the render ended (exit $code) before its temporary file was seen"
        rm -f "$tmp/sig/map.svg"
        continue
    fi
    [ $code -gt 128 ] || fail "SIG$sig: exit $code, expected death by the signal"
    left=$(ls -A "$tmp/sig")
    [ -z "$left" ] || fail "SIG$sig during an SVG render left: $left"
    rm -f "$tmp"/sig/.??* "$tmp/sig/map.svg"
done
exit $fail
