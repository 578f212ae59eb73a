#!/usr/bin/env bash
# The main job: installs what is needed, builds, and compares the leadership styles on the
# bundled scenarios (default first), with summary tables on the terminal and CSV, tables and
# plots in results/ (or the folder given as the first argument). Once built, about 20 s on two
# cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-results}
scripts/install-deps.sh
scripts/build.sh
bench/styles.sh "$out" build/tools/herd
echo "demo: tables, CSV and plots are in $out/ (summary.md, regime.png, compare_*.png)" >&2
