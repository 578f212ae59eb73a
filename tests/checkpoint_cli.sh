#!/bin/sh
# herd run --checkpoint: a run killed with SIGKILL part-way and resumed writes the same file
# as a run never stopped, even if a comment was added to the scenario meanwhile; a checkpoint
# made by another command (other --seed, --ticks, --reps, --policy or --set) or another
# scenario, and a damaged one, are refused with exit status 2.
# Usage: checkpoint_cli.sh HERD SOURCE_ROOT
set -eu
herd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$2/examples/scenarios/default.ini" "$tmp/scenario.ini"
cd "$tmp"
scenario=scenario.ini

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

printf '\n# a comment added while the run was stopped\n' >> scenario.ini
"$herd" run "$scenario" --reps 3 --out part.csv --resume c.ckpt --checkpoint-every 5
cmp whole.csv part.csv

# Another command or scenario: refused before anything is written, naming what differs.
refused() { # WHAT ARGS...: resuming c.ckpt with ARGS is refused for WHAT
  what=$1
  shift
  status=0
  "$herd" run "$@" --out other.csv --resume c.ckpt 2> err.txt || status=$?
  [ "$status" -eq 2 ] || { echo "resumed with $*: exit $status, expected 2"; exit 1; }
  grep -q "made by another command or scenario: it records \"$what" err.txt ||
    { cat err.txt; exit 1; }
  [ ! -e other.csv ] && [ ! -e other.csv.partial ] || { echo "$*: output written"; exit 1; }
}
refused 'seed 1' "$scenario" --reps 3 --seed 2
refused 'ticks 260' "$scenario" --reps 3 --ticks 300
refused 'reps 3' "$scenario" --reps 4
refused '--policy not given' "$scenario" --reps 3 --policy front
refused 'param crisis_rate' "$scenario" --reps 3 --set crisis_rate=0.02
cp scenario.ini edited.ini
printf '[event.late]\nkind = crisis\nstart = 200\nlength = 4\nintensity = 0.5\n' >> edited.ini
refused 'events 0' edited.ini --reps 3

# A scenario whose description is longer than a note is told apart by a digest of it.
{
  printf '[run]\nticks = 10\nreps = 2\n[organisation]\nn_teams = 2\nteam_size = 4\n'
  for i in $(seq 900); do
    printf '[event.e%d]\nkind = training\nstart = %d\nlength = 1\nintensity = 0.1\n' \
      "$i" $((i % 10))
  done
} > big.ini
"$herd" run big.ini --out big.csv --checkpoint big.ckpt --checkpoint-every 3
# Resumed without the unfinished rows (the run had finished, or wrote to another --out):
# bad usage, naming the file that is missing.
status=0
"$herd" run big.ini --out again.csv --resume big.ckpt 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "resumed without again.csv.partial: exit $status, expected 2"; exit 1; }
grep -q 'there is no unfinished again.csv.partial to go on writing' err.txt || { cat err.txt; exit 1; }
[ ! -e again.csv ] || { echo "resumed without again.csv.partial: again.csv written"; exit 1; }
cp big.csv again.csv.partial
"$herd" run big.ini --out again.csv --resume big.ckpt
cmp big.csv again.csv
sed -i '$s/0.1/0.2/' big.ini
status=0
"$herd" run big.ini --out other.csv --resume big.ckpt 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "edited big scenario: exit $status, expected 2"; exit 1; }
grep -q 'another command or scenario: it records "description of [0-9]* bytes, digest' err.txt

# Cut short: refused, exit 2, saying so without a length read from where no trailer is.
head -c 20000 c.ckpt > cut.ckpt
status=0
"$herd" run "$scenario" --reps 3 --out part.csv --resume cut.ckpt 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "truncated checkpoint: exit $status, expected 2"; exit 1; }
grep -q 'cut.ckpt: .*truncated, extended or damaged at its end: its last 12 bytes are not a trailer giving the length of the 19988 bytes before them$' err.txt ||
  { cat err.txt; exit 1; }

# One byte changed in the middle: refused, exit 2, the message says why.
size=$(wc -c < c.ckpt)
printf 'X' | dd of=c.ckpt bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
status=0
"$herd" run "$scenario" --reps 3 --out again.csv --resume c.ckpt 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "damaged checkpoint: exit $status, expected 2"; exit 1; }
grep -q checksum err.txt
echo ok
