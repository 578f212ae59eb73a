#!/bin/sh
# herd run --checkpoint: a run killed with SIGKILL part-way and resumed writes the same file
# as a run never stopped; a damaged checkpoint is refused with exit status 2.
# Usage: checkpoint_cli.sh HERD SOURCE_ROOT
set -eu
herd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenario=$2/examples/scenarios/default.ini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

"$herd" run "$scenario" --reps 3 --out whole.csv --no-progress

"$herd" run "$scenario" --reps 3 --out part.csv --checkpoint c.ckpt --checkpoint-every 5 &
pid=$!
while [ ! -s part.csv.partial ] || [ "$(wc -l < part.csv.partial)" -lt 300 ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the run ended before it could be killed"; exit 1; }
  sleep 0.01
done
kill -9 "$pid"
wait "$pid" || true
[ ! -e part.csv ] || { echo "part.csv appeared before the run was complete"; exit 1; }

"$herd" run "$scenario" --reps 3 --out part.csv --resume c.ckpt --checkpoint-every 5
cmp whole.csv part.csv

# One byte changed in the middle: refused, exit 2, the message says why.
size=$(wc -c < c.ckpt)
printf 'X' | dd of=c.ckpt bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
status=0
"$herd" run "$scenario" --reps 3 --out again.csv --resume c.ckpt 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "damaged checkpoint: exit $status, expected 2"; exit 1; }
grep -q checksum err.txt
echo ok
