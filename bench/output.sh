#!/bin/sh
# What writing numbers costs herd run: the same runs with two builds of herd (one before a
# change to the output, one after), each run 5 times, the builds taking turns; prints the
# median wall time of each and their ratio, for the records alone (20 replications of 2600
# ticks of the reference organisation: 52 000 rows) and with a row per team and tick as well
# (2 replications of 1040 ticks: 104 000 more rows), on one thread, and checks that both
# builds wrote the same files.
# Usage: bench/output.sh BEFORE_HERD [AFTER_HERD]   (AFTER_HERD default build/tools/herd)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
before=${1:?usage: bench/output.sh BEFORE_HERD [AFTER_HERD]}
after=${2:-$root/build/tools/herd}
for prog in "$before" "$after"; do
    [ -x "$prog" ] || { echo "output.sh: $prog is not a program" >&2; exit 2; }
done
scenario=$root/examples/scenarios/default.ini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
RUNS=5

# seconds NAME PROG ARGS...: runs herd run once into $tmp/NAME.csv (and $tmp/NAME-team.csv
# with per-team rows), appends its wall time to $tmp/NAME.times.
seconds() {
    name=$1 prog=$2
    shift 2
    [ "$team" = 1 ] && set -- "$@" --per-team "$tmp/$name-team.csv"
    start=$(date +%s.%N)
    "$prog" run "$scenario" --threads 1 --no-progress --out "$tmp/$name.csv" "$@"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }' >> "$tmp/$name.times"
}

median() {
    sort -n "$1" | sed -n "$((RUNS / 2 + 1))p"
}

# measure LABEL TEAM ARGS...: both builds RUNS times each (TEAM 1: with per-team rows), their
# files compared.
measure() {
    label=$1 team=$2
    shift 2
    rm -f "$tmp"/*.times "$tmp"/*.csv
    i=0
    while [ $i -lt $RUNS ]; do
        seconds before "$before" "$@"
        seconds after "$after" "$@"
        i=$((i + 1))
    done
    for f in "$tmp"/before*.csv; do
        cmp -s "$f" "$tmp/after${f#"$tmp"/before}" ||
            echo "output.sh: $label: the two builds wrote different ${f#"$tmp"/}" >&2
    done
    awk -v label="$label" -v b="$(median "$tmp/before.times")" -v a="$(median "$tmp/after.times")" \
        'BEGIN { printf "| %s | %.2f | %.2f | %.2f |\n", label, b, a, b / a }'
}

echo "| herd run | before (s) | after (s) | before / after |"
echo "|---|---:|---:|---:|"
measure "records: 20 reps x 2600 ticks" 0 --reps 20 --ticks 2600
measure "records and per-team rows: 2 reps x 1040 ticks" 1 --reps 2 --ticks 1040
