#!/bin/sh
# Outputs that are not plain files: herd run, classic, compare, sweep and checkpoints write a
# FIFO and a character device in place (the FIFO's reader gets the data, neither node is
# replaced) and write through a symbolic link (the link stays, its target gets the data).
# Then: a checkpoint path that cannot be written stops herd run before its first tick with
# nothing left behind, and herd classic killed by SIGTERM leaves no temporary file.
# Usage: special_out_test.sh HERD
set -u
herd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(cd "$(dirname "$0")" && pwd)/checks.sh"
cd "$tmp" || exit 2

cat > tiny.ini <<'INI'
[run]
ticks = 5
reps = 1
[organisation]
n_teams = 2
team_size = 4
INI

if [ "$(id -u)" -eq 0 ]; then
    devices=1
else
    devices=0
    echo "not root: mknod cannot make a character device; the device checks are skipped"
fi

# run_named NAME TARGET: runs the command NAME so that it writes a file at TARGET (for
# compare and sweep, which are given folders, a file in the folder).
run_named() {
    name=$1
    target=$2
    case $name in
    run) "$herd" run tiny.ini --no-progress --out "$target" ;;
    classic) "$herd" classic march --reps 2 --out "$target" ;;
    checkpoint) "$herd" run tiny.ini --out "ck-rows-$$.csv" --checkpoint "$target" \
        --checkpoint-every 5 ;;
    compare) "$herd" compare tiny.ini --reps 2 --no-plots --out "$(dirname "$target")" ;;
    sweep) "$herd" sweep tiny.ini --vary leader_skill=0.2:0.4:2 --threads 1 --series \
        --out "$(dirname "$target")" ;;
    esac
}

# Where each command's file goes, in a fresh folder per case.
target_of() {
    case $1 in
    compare) echo "$2/cmp/runs.csv" ;;
    sweep) echo "$2/sw/series.csv" ;;
    *) echo "$2/out" ;;
    esac
}

for name in run classic checkpoint compare sweep; do
    # A FIFO: its reader gets the data and the FIFO stays.
    dir=fifo-$name
    target=$(target_of "$name" "$dir")
    mkdir -p "$(dirname "$target")"
    mkfifo "$target"
    cat "$target" > "$dir.got" &
    reader=$!
    run_named "$name" "$target" > /dev/null 2> "$dir.err" ||
        { fail "$name to a FIFO: exit status not 0"; cat "$dir.err"; }
    # A reader the command never reached (the FIFO replaced or not opened) waits forever.
    tries=0
    while kill -0 "$reader" 2>/dev/null && [ "$tries" -lt 100 ]; do
        tries=$((tries + 1))
        sleep 0.05
    done
    kill "$reader" 2>/dev/null
    wait "$reader"
    [ -p "$target" ] || fail "$name replaced the FIFO $target"
    [ -s "$dir.got" ] || fail "$name: the FIFO's reader got nothing"
    ls -A "$(dirname "$target")" | grep -q '\.tmp-' && fail "$name left a temporary file"

    # A character device (/dev/null's numbers): written, not replaced.
    if [ "$devices" -eq 1 ]; then
        dir=dev-$name
        target=$(target_of "$name" "$dir")
        mkdir -p "$(dirname "$target")"
        mknod "$target" c 1 3
        run_named "$name" "$target" > /dev/null 2> "$dir.err" ||
            { fail "$name to a device: exit status not 0"; cat "$dir.err"; }
        [ -c "$target" ] || fail "$name replaced the device $target"
    fi

    # A symbolic link to a file not yet made: the link stays, its target is written.
    dir=link-$name
    target=$(target_of "$name" "$dir")
    mkdir -p "$(dirname "$target")"
    ln -s "$tmp/$dir.target" "$target"
    run_named "$name" "$target" > /dev/null 2> "$dir.err" ||
        { fail "$name through a link: exit status not 0"; cat "$dir.err"; }
    [ -L "$target" ] || fail "$name replaced the link $target"
    [ -f "$dir.target" ] && [ -s "$dir.target" ] || fail "$name: the link's target is empty"
done

# A checkpoint that cannot be written: refused before the first tick, naming the path, and
# no output or partial output left.
status=0
"$herd" run tiny.ini --out o.csv --checkpoint /proc/nope/ck --checkpoint-every 5 \
    2> proc.err || status=$?
[ "$status" -eq 1 ] || fail "--checkpoint /proc/nope/ck: exit $status, expected 1"
grep -q '/proc/nope/ck' proc.err ||
    { fail "--checkpoint /proc/nope/ck: path not named"; cat proc.err; }
[ ! -e o.csv ] && [ ! -e o.csv.partial ] || fail "--checkpoint /proc/nope/ck left an output"

# SIGTERM in the middle of herd classic --out: no temporary file remains, no output either.
mkdir killed
"$herd" classic march --reps 100000000 --out killed/F &
pid=$!
tries=0
while ! ls -A killed | grep -q '^\.F\.tmp-'; do
    tries=$((tries + 1))
    [ "$tries" -lt 500 ] || break
    sleep 0.01
done
[ "$tries" -lt 500 ] || fail "herd classic made no temporary file to write F"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 143 ] || fail "herd classic after SIGTERM: exit $status, expected 143"
[ -z "$(ls -A killed)" ] || { fail "herd classic killed left: $(ls -A killed)"; }

[ "$failures" -eq 0 ] || exit 1
echo ok
