#!/usr/bin/env bash
# Times the engine of this tree against that of another commit (default 490f29d, version
# 0.2.0) in one run: bench/ticks.c is built against each version's library, and the two run
# by turns, so that both see the same load. Prints the median agent-ticks per second of each
# at 10^6 agents in teams of 10 on one thread and on two, the ratios, and the spread of each
# median ((max - min) / median), and the median of the ratios of the runs made by turns.
#   bench/versus.sh [COMMIT] [REPETITIONS] [AGENTS] [TEAM_SIZE] [TICKS]
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:-490f29d}
reps=${2:-7}
agents=${3:-1000000}
team=${4:-10}
ticks=${5:-40}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh
new_build=$(realpath "${BUILD_DIR:-build}")

git worktree add --detach "$work/src" "$commit" >/dev/null 2>&1
meson setup "$work/build" "$work/src" -Dtests=false -Dexamples=false -Dbench=false >/dev/null
ninja -C "$work/build" lib/libherd.a >/dev/null
# The flags of the tree's own build of bench/ticks.c, with the other version's headers and
# library in place of this one's.
"${CC:-cc}" -O3 -std=c11 -D_POSIX_C_SOURCE=200809L bench/ticks.c -I "$work/src/include" \
    -I "$work/build/include" "$work/build/lib/libherd.a" $(pkg-config --libs gsl inih) -lm \
    -fopenmp -o "$work/ticks-old"
new="$new_build/bench/herd-bench-ticks"
old="$work/ticks-old"

median_spread() {
    sort -g | awk '{x[NR] = $1} END {m = NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2;
                                    printf "%.4g %.0f%%\n", m, 100 * (x[NR] - x[1]) / m}'
}

for threads in 1 2; do
    : >"$work/old.$threads"
    : >"$work/new.$threads"
    for ((r = 0; r < reps; r++)); do
        "$old" "$team" "$agents" "$ticks" --time "$threads" >>"$work/old.$threads"
        "$new" "$team" "$agents" "$ticks" --time "$threads" >>"$work/new.$threads"
    done
done

printf '%-10s %8s %14s %8s\n' version threads agent-ticks/s spread
for threads in 1 2; do
    read -r om os < <(median_spread <"$work/old.$threads")
    read -r nm ns < <(median_spread <"$work/new.$threads")
    printf '%-10s %8d %14.4g %8s\n' "$commit" "$threads" "$om" "$os" tree "$threads" "$nm" "$ns"
    echo "$threads $om $nm" >>"$work/medians"
done
awk '{o[$1] = $2; n[$1] = $3}
     END {printf "tree / %s: %.2f on one thread, %.2f on two\n", c, n[1] / o[1], n[2] / o[2];
          printf "two threads / one: %.2f for the tree, %.2f for %s\n", n[2] / n[1], o[2] / o[1], c}' \
    c="$commit" "$work/medians"
# The ratio of each pair of runs made by turns, whose load the two shared: their median moves
# less with the machine's other work than the ratio of the medians above.
for threads in 1 2; do
    paste "$work/new.$threads" "$work/old.$threads" | awk '{print $1 / $2}' |
        median_spread | awk -v t="$threads" '{printf "median of the paired ratios, %d thread%s: %.2f\n",
                                                     t, (t > 1 ? "s" : ""), $1}'
done
