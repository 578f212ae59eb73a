#!/bin/sh
# The best stances on the reference organisation: one optimisation by performance and one by
# innovation (the benchmark of one cell: each reports the candidates the search evaluated,
# the simulations run and the wall time), then the optimal-stance map by
# performance over team skill x crisis frequency, into OUT_DIR. A few minutes on two cores.
# Usage: bench/optimise.sh [OUT_DIR] [HERD]
#   OUT_DIR  default bench/out/optimise
#   HERD     the herd program (default build/tools/herd)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$root/bench/out/optimise}
prog=${2:-$root/build/tools/herd}
[ -x "$prog" ] || { echo "optimise.sh: $prog not found; build first (ninja -C build)" >&2; exit 2; }
scenario=$root/examples/scenarios/default.ini

mkdir -p "$out"
for metric in performance innovation; do
    start=$(date +%s)
    "$prog" optimise "$scenario" --metric "$metric" --no-progress --out "$out/$metric" \
        | tee "$out/$metric.md"
    evals=$(($(wc -l < "$out/$metric/candidates.csv") - 1))
    runs=$(sed -n 's/^\([0-9]*\) runs in .*/\1/p' "$out/$metric.md")
    echo "optimise.sh: one cell by $metric: $evals candidates evaluated, $runs runs," \
        "$(($(date +%s) - start)) s" >&2
done
start=$(date +%s)
"$prog" optimise "$scenario" --metric performance --map --no-progress --out "$out/map"
echo "optimise.sh: the map: $(($(date +%s) - start)) s; results in $out" >&2
