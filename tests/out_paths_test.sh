#!/bin/sh
# Output paths that cannot be written: herd run, sweep and compare all exit with status 1 (a
# failure while running) and name the path; an empty name, or two outputs that name one file,
# is bad usage, status 2.
# Usage: out_paths_test.sh HERD
set -u
herd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2
failures=0

cat > tiny.ini <<'INI'
[run]
ticks = 5
reps = 1
[organisation]
n_teams = 2
team_size = 4
INI
touch plain-file
mkdir folder dir-with-file
touch dir-with-file/series
mkdir -p args-folder/sweep.args

# expect STATUS NAME COMMAND...: the command exits with STATUS and its message holds NAME.
expect() {
    want=$1
    name=$2
    shift 2
    status=0
    "$herd" "$@" > /dev/null 2> err.txt || status=$?
    if [ "$status" -ne "$want" ]; then
        echo "FAIL: herd $*: exit $status, expected $want"
        failures=$((failures + 1))
    elif ! grep -qF -- "$name" err.txt; then
        echo "FAIL: herd $*: the message does not name $name:"
        cat err.txt
        failures=$((failures + 1))
    fi
}

expect 1 plain-file/x.csv run tiny.ini --out plain-file/x.csv --no-progress
expect 1 folder run tiny.ini --out folder --no-progress
expect 1 plain-file/x.csv run tiny.ini --out plain-file/x.csv --checkpoint c.ckpt
expect 1 plain-file/c.ckpt run tiny.ini --out x.csv --checkpoint plain-file/c.ckpt
expect 2 'need a file name' run tiny.ini --out ''
expect 2 'need a file name' run tiny.ini --out x.csv --checkpoint ''
expect 2 'need a file name' run tiny.ini --out x.csv --resume ''

vary='--vary leader_skill=0.2:0.4'
# shellcheck disable=SC2086
expect 1 plain-file sweep tiny.ini $vary --out plain-file
# shellcheck disable=SC2086
expect 1 plain-file/x sweep tiny.ini $vary --out plain-file/x
# shellcheck disable=SC2086
expect 1 dir-with-file/series sweep tiny.ini $vary --series --out dir-with-file
# shellcheck disable=SC2086
expect 1 args-folder/sweep.args sweep tiny.ini $vary --out args-folder
# shellcheck disable=SC2086
expect 2 '--out DIR' sweep tiny.ini $vary --out ''

expect 1 plain-file compare tiny.ini --reps 2 --out plain-file
expect 1 plain-file/x compare tiny.ini --reps 2 --out plain-file/x
expect 2 '--out: empty' compare tiny.ini --reps 2 --out ''

# Two outputs that name one file, however spelt or linked, are bad usage: refused before
# anything is written.
mkdir clash
ln -s rows.csv clash/link.csv
expect 2 '--out and --sqlite name the same file' \
    run tiny.ini --out clash/rows.csv --sqlite clash/rows.csv
expect 2 '--out and --per-team name the same file' \
    run tiny.ini --out clash/rows.csv --per-team ./clash/../clash/rows.csv
expect 2 '--out and --per-team name the same file' \
    run tiny.ini --out clash/rows.csv --per-team clash/link.csv
expect 2 '--out and --checkpoint name the same file' \
    run tiny.ini --out clash/rows.csv --checkpoint clash/rows.csv
expect 2 '--out and --resume name the same file' \
    run tiny.ini --out clash/rows.csv --resume clash/rows.csv
expect 2 "--sqlite clash/runs.csv: the --out folder clash holds the tables" \
    compare tiny.ini --reps 2 --out clash --sqlite clash/runs.csv
expect 2 "--sqlite ./clash/series_tiny.csv: the --out folder clash holds the tables" \
    compare tiny.ini --reps 2 --out clash --sqlite ./clash/series_tiny.csv
expect 2 "--out's unfinished rows and --checkpoint name the same file" \
    run tiny.ini --out clash/rows.csv --checkpoint clash/rows.csv.partial --checkpoint-every 2
status=0
"$herd" run tiny.ini --out /dev/null --per-team /dev/null > /dev/null 2> err.txt || status=$?
if [ "$status" -ne 0 ]; then
    echo "FAIL: two outputs to /dev/null, written in place, exit $status:"
    cat err.txt
    failures=$((failures + 1))
fi
if [ "$(ls -A clash)" != link.csv ]; then
    echo "FAIL: a refused clash left files behind:"
    ls -A clash
    failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || exit 1
echo ok
