#!/bin/sh
# herd sweep end to end: the same rows on 1 and 2 threads; a sweep killed with SIGKILL
# part-way and started again ends with the same runs.csv as one never stopped; another
# sweep's arguments in the same folder are refused; --analyse writes its table and plot.
# Usage: sweep_test.sh HERD SOURCE_ROOT
set -eu
herd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenario=$2/examples/scenarios/default.ini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
args="$scenario --ticks 60 --vary leader_skill=0.3:0.9 --vary attention_budget=0.5:2
      --design lhs --samples 40 --policies front,behind,hybrid --reps 2"

# shellcheck disable=SC2086
"$herd" sweep $args --threads 1 --out one
# shellcheck disable=SC2086
"$herd" sweep $args --threads 2 --out two
cmp one/runs.csv two/runs.csv
[ "$(wc -l < one/runs.csv)" -eq 241 ]

# shellcheck disable=SC2086
"$herd" sweep $args --threads 2 --out killed &
pid=$!
while [ ! -s killed/runs.csv ] || [ "$(wc -l < killed/runs.csv)" -lt 60 ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the sweep ended before it could be killed"; exit 1; }
  sleep 0.005
done
kill -9 "$pid"
wait "$pid" || true
rows=$(wc -l < killed/runs.csv)
[ "$rows" -lt 241 ] || { echo "the sweep was not killed part-way"; exit 1; }
printf '17,5,fro' >> killed/runs.csv # a write cut short
# shellcheck disable=SC2086
"$herd" sweep $args --threads 2 --out killed
cmp one/runs.csv killed/runs.csv

status=0
"$herd" sweep "$scenario" --vary leader_skill=0.2:0.4 --out one 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q 'another sweep' err.txt
status=0
"$herd" sweep "$scenario" --vary leadership=0:1 --out bad 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q 'leadership' err.txt

"$herd" sweep --analyse one > table.txt
grep -q attention_budget table.txt
[ -s one/sensitivity.csv ] && [ -s one/sensitivity.md ]
echo ok
