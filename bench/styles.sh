#!/bin/sh
# The leadership-style comparison over the bundled scenarios (large and mixed left out:
# large is an engine benchmark, mixed already mixes the styles), with the regime map by
# cumulative innovation (regime.png) and, from the same runs, by cumulative performance
# (regime_performance_total.png) in OUT_DIR.
# Usage: bench/styles.sh [OUT_DIR] [HERD]
#   OUT_DIR  default bench/out
#   HERD     the herd program (default build/tools/herd)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$root/bench/out}
prog=${2:-$root/build/tools/herd}
reps=${REPS:-30}
grid=${GRID:-10}
run() { "$prog" compare "$@"; }
[ -x "$prog" ] || { echo "styles.sh: $prog not found; build first (ninja -C build)" >&2; exit 2; }

scenarios=""
for name in default steady novice crisis succession novelty; do
    scenarios="$scenarios $root/examples/scenarios/$name.ini"
done

start=$(date +%s)
# The regime map runs on the first scenario, default: calm, 50 teams of 10, five years.
# shellcheck disable=SC2086
run $scenarios --reps "$reps" --grid "$grid" --skill-range 0.1:0.9 --crisis-range 0:0.1 \
    --regime-metric innovation,performance --out "$out"
echo "styles.sh: $(($(date +%s) - start)) s; results in $out" >&2
