#!/bin/sh
# herd sweep under MPI: 1 rank and 3 ranks (--oversubscribe) write the same rows, and 3 ranks
# finish a sweep that was stopped part-way.
# Usage: sweep_mpi_test.sh MPIRUN HERD SOURCE_ROOT
set -eu
mpirun=$1
herd=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
scenario=$3/examples/scenarios/default.ini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader
args="$scenario --ticks 40 --vary leader_skill=0.3:0.9:4 --vary crisis_rate=0:0.05:3
      --policies front,hybrid --reps 2 --threads 2"

# shellcheck disable=SC2086
"$mpirun" -np 1 "$herd" sweep $args --out one
# shellcheck disable=SC2086
"$mpirun" -np 3 --oversubscribe "$herd" sweep $args --out three
[ "$(wc -l < one/runs.csv)" -eq 49 ]
sort one/runs.csv > one.sorted
sort three/runs.csv > three.sorted
cmp one.sorted three.sorted
cmp one/runs.csv three/runs.csv

# A sweep stopped part-way (its first 20 rows, and one cut short) is finished on 3 ranks.
mkdir partial
cp one/sweep.args partial/
head -n 21 one/runs.csv > partial/runs.csv
printf '33,8,hyb' >> partial/runs.csv
# shellcheck disable=SC2086
"$mpirun" -np 3 --oversubscribe "$herd" sweep $args --out partial
cmp one/runs.csv partial/runs.csv
echo ok
