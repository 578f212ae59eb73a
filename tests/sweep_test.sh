#!/bin/sh
# herd sweep end to end: the same rows on 1 and 2 threads; a sweep killed with SIGKILL
# part-way and started again ends with the same runs.csv as one never stopped; another
# sweep's arguments or an edited scenario in the same folder are refused, as are fractional
# bounds of an integer parameter and a parameter varied twice; --analyse writes its table and
# plot, and for a Saltelli design the Sobol indices of every varied parameter, and refuses a
# sweep of one design point or with a varied parameter that keeps one value, and a bad row of
# runs.csv naming its line: a number that is not finite, a design point or replication that is
# not a whole count.
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
# The rows are pinned by their hash: how the sweep schedules its runs and builds each point's
# scenario must not change a byte; a change of the model's numbers changes them, and the
# hashes here with it.
pinned() { # FILE SHA256
  [ "$(sha256sum < "$1" | cut -d ' ' -f 1)" = "$2" ] \
    || { echo "$1 differs from the rows it pins"; exit 1; }
}
pinned one/runs.csv cf090951bd1f7dd80db07a3e6f9fcaad042bf1e46b48abbf935f07fcab215e67

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
[ "$status" -eq 2 ] || { echo "exit $status, expected 2 and 'another sweep'"; exit 1; }
grep -q 'another sweep' err.txt
status=0
"$herd" sweep "$scenario" --vary leadership=0:1 --out bad 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "exit $status, expected 2 and 'leadership'"; exit 1; }
grep -q 'leadership' err.txt
status=0
"$herd" sweep "$scenario" --vary n_teams=2.5:3.5:2 --out bad 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "fractional n_teams: exit $status, expected 2"; exit 1; }
grep -q 'n_teams takes whole numbers' err.txt
[ ! -e bad ] || { echo "a refused sweep made its folder"; exit 1; }
status=0
"$herd" sweep "$scenario" --vary leader_skill=0.2:0.4 --vary leader_skill=0.5:0.6 --out bad \
  2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "leader_skill varied twice: exit $status, expected 2"; exit 1; }
grep -q 'leader_skill is already varied' err.txt

# Any numeric key of the scenario can be varied: a declared style's share, an event's start.
cat > keys.ini <<'EOF'
[run]
ticks = 8
reps = 1
policy = coach
[organisation]
n_teams = 4
team_size = 5
[style.coach]
base = behind
direction = 0.1
[event.storm]
kind = crisis
start = 3
length = 2
intensity = 0.5
EOF
"$herd" sweep keys.ini --vary style.coach.direction=0:0.4:2 --vary event.storm.start=2:4:2 \
  --policies coach,front --out keys 2> err.txt || { cat err.txt; exit 1; }
pinned keys/runs.csv a1d3f213de1a6df6760ffc1245ea26d42f4edca42cbeb9bb23b1a40e4d48d796
head -n 1 keys/runs.csv | grep -q '^run,point,policy,rep,seed_hi,seed_lo,style.coach.direction,event.storm.start,' \
  || { echo "runs.csv does not name the style and event keys"; exit 1; }
[ "$(awk -F, 'NR > 1 && $3 == "coach" { print $7 "," $8 "," $NF }' keys/runs.csv | sort -u | wc -l)" -eq 4 ] \
  || { echo "the four points of coach do not differ"; exit 1; }
status=0
"$herd" sweep keys.ini --vary style.coach.nonsense=0:1 --out bad 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q 'style.coach.nonsense' err.txt \
  || { echo "an unknown style key: exit $status, $(cat err.txt)"; exit 1; }
status=0
"$herd" sweep keys.ini --vary event.storm.start=2:40 --out bad 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q 'event.storm.start = 40' err.txt \
  || { echo "an event past the run: exit $status, $(cat err.txt)"; exit 1; }
status=0
"$herd" sweep keys.ini --vary event.calm.start=2:4 --out bad 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q 'event.calm' err.txt \
  || { echo "an event the scenario lacks: exit $status, $(cat err.txt)"; exit 1; }
[ ! -e bad ] || { echo "a refused sweep made its folder"; exit 1; }
# A point's own run length is the one it runs.
"$herd" sweep keys.ini --vary run.ticks=4:8:2 --out ticks 2> err.txt || { cat err.txt; exit 1; }
pinned ticks/runs.csv cf9c6ca2fc89b0d765c109328654ebf44417a0d0622f770669936a2d75c8b896
[ "$(awk -F, -v c="$(head -n 1 ticks/runs.csv | tr ',' '\n' | grep -n '^ticks$' | cut -d: -f1)" \
     'NR > 1 { print $7 "," $c }' ticks/runs.csv | sort -u | tr '\n' ' ')" = "4,4 8,8 " ] \
  || { echo "varying run.ticks: the runs did not run their own length"; exit 1; }

# The scenario is recorded by its content: a comment may change, its runs may not.
cat > edited.ini <<'EOF'
[run]
ticks = 8
reps = 1
[organisation]
n_teams = 4
team_size = 5
[policy.first]
teams = 0-1
policy = front
[event.storm]
kind = crisis
start = 3
length = 2
intensity = 0.5
teams = 0-1
EOF
"$herd" sweep edited.ini --vary leader_skill=0.2:0.4 --out edited
cp edited/runs.csv edited-runs.csv
printf '# a comment changes nothing\n' >> edited.ini
"$herd" sweep edited.ini --vary leader_skill=0.2:0.4 --out edited
cmp edited-runs.csv edited/runs.csv
# --no-progress, as the other commands take it, changes neither the rows nor the sweep: a
# start without it finds every run done.
"$herd" sweep edited.ini --vary leader_skill=0.2:0.4 --no-progress --out quiet
cmp edited-runs.csv quiet/runs.csv
"$herd" sweep edited.ini --vary leader_skill=0.2:0.4 --out quiet 2> err.txt
rows=$(($(wc -l < quiet/runs.csv) - 1))
grep -q "^herd sweep: $rows runs ($rows from an earlier start)" err.txt || { cat err.txt; exit 1; }
refused_edit() { # SED-SCRIPT WHAT: the edited scenario is refused, and the original restored
  cp edited.ini original.ini
  sed -i "$1" edited.ini
  status=0
  "$herd" sweep edited.ini --vary leader_skill=0.2:0.4 --out edited 2> err.txt || status=$?
  mv original.ini edited.ini
  [ "$status" -eq 2 ] || { echo "$2 edited: exit $status, expected 2"; exit 1; }
  grep -q "edited holds another sweep.*$2" err.txt || { cat err.txt; exit 1; }
}
refused_edit 's/intensity = 0.5/intensity = 0.6/' 'event 0 kind crisis'
refused_edit 's/policy = front/policy = servant/' 'team policy 0'
refused_edit 's/team_size = 5/team_size = 6/' 'param team_size'
refused_edit 's/ticks = 8/ticks = 9/' 'ticks 8'
cmp edited-runs.csv edited/runs.csv
sed -i '1s/.*/herd sweep, format 1/' edited/sweep.args
status=0
"$herd" sweep edited.ini --vary leader_skill=0.2:0.4 --out edited 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "a format 1 folder: exit $status, expected 2"; exit 1; }
grep -q 'format 1.*another version of herd.*another --out' err.txt || { cat err.txt; exit 1; }

"$herd" sweep --analyse one > table.txt
grep -q attention_budget table.txt
[ -s one/sensitivity.csv ] && [ -s one/sensitivity.md ]

# Nothing to measure: one design point, or a varied parameter that keeps one value.
"$herd" sweep edited.ini --vary leader_skill=0.3:0.9:1 --reps 4 --out single
status=0
"$herd" sweep --analyse single > /dev/null 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "--analyse of one point: exit $status, expected 2"; exit 1; }
grep -q 'single design point' err.txt || { cat err.txt; exit 1; }
[ ! -e single/sensitivity.csv ] || { echo "--analyse of one point wrote a table"; exit 1; }
"$herd" sweep edited.ini --vary leader_skill=0.3:0.9:1 --vary attention_budget=0.5:2 \
  --reps 2 --out constant
status=0
"$herd" sweep --analyse constant > /dev/null 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "--analyse of a constant parameter: exit $status"; exit 1; }
grep -q 'leader_skill is 0.3 in every run' err.txt || { cat err.txt; exit 1; }

salt="$scenario --ticks 20 --vary leader_skill=0.3:0.9 --vary attention_budget=0.5:2
      --design saltelli --samples 8 --policies front,behind --reps 2"
# shellcheck disable=SC2086
"$herd" sweep $salt --threads 1 --out salt-one
# shellcheck disable=SC2086
"$herd" sweep $salt --threads 2 --out salt-two
cmp salt-one/runs.csv salt-two/runs.csv
[ "$(wc -l < salt-one/runs.csv)" -eq $((8 * (2 + 2) * 2 * 2 + 1)) ]
"$herd" sweep --analyse salt-one > sobol.txt
head -n 1 salt-one/sensitivity.csv | grep -q '^policy,output,parameter,first,first_lo,first_hi,total'
for policy in front behind; do
  for param in leader_skill attention_budget; do
    [ "$(grep -c "^$policy,performance_total,$param," salt-one/sensitivity.csv)" -eq 1 ]
  done
done
grep -q 'Sobol indices' salt-one/sensitivity.md
grep -q 'attention_budget' sobol.txt

# Sobol indices of a paired difference: where does behind beat front, and what drives it.
"$herd" sweep --analyse salt-two --difference behind,front > diff.txt
[ "$(grep -c '^behind-front,' salt-two/sensitivity.csv)" -gt 0 ] \
  || { echo "--difference: no behind-front rows"; exit 1; }
[ "$(grep -c '^front,\|^behind,' salt-two/sensitivity.csv)" -eq 0 ] \
  || { echo "--difference: rows of single policies too"; exit 1; }
awk -F, '$1 == "behind-front" && $2 == "innovation_total" && $3 == "leader_skill" { n++ } END { exit n != 1 }' \
  salt-two/sensitivity.csv || { echo "--difference: no index of leader_skill"; exit 1; }
status=0
"$herd" sweep --analyse salt-two --difference behind,servant > /dev/null 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q 'difference behind,servant' err.txt \
  || { echo "--difference with a policy not swept: exit $status $(cat err.txt)"; exit 1; }
status=0
"$herd" sweep $scenario --difference behind,front --out x > /dev/null 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "--difference without --analyse: exit $status"; exit 1; }

many=""
for p in skill_sd engagement_sd initiative_sd bond_sd dependence_init ties_within ties_across \
         leader_skill_sd team_climate_sd attention_budget hire_skill_sd hire_engagement \
         hire_bond crisis_rate crisis_intensity direction_gain novelty_skill_loss confusion \
         effort_engagement dependence_idle own_work_output; do
  many="$many --vary $p=0:0.4"
done
status=0
# shellcheck disable=SC2086
"$herd" sweep "$scenario" $many --design saltelli --samples 4 --out many 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "exit $status, expected 2 and 'at most 20'"; exit 1; }
grep -q 'at most 20' err.txt
status=0
"$herd" sweep "$scenario" --vary leader_skill=0.3:0.9 --design saltelli --out nosamples \
  2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "exit $status, expected 2 and 'needs --samples'"; exit 1; }
grep -q 'needs --samples' err.txt

refused() { # WHAT PATTERN ARGS...: exit status 2, PATTERN on stderr and nothing on stdout
  what=$1 pattern=$2
  shift 2
  status=0
  "$herd" sweep "$@" > out.txt 2> err.txt || status=$?
  [ "$status" -eq 2 ] && grep -q -- "$pattern" err.txt \
    || { echo "$what: exit $status, expected 2 and '$pattern': $(cat err.txt)"; exit 1; }
  [ ! -s out.txt ] || { echo "$what: printed on stdout: $(head -n 3 out.txt)"; exit 1; }
}
refused "one sample" "--samples 1: expected a whole number from 2" \
  "$scenario" --vary leader_skill=0.3:0.9 --design lhs --samples 1 --out bad
refused "an empty --analyse" "--analyse needs a folder name" --analyse ''
mkdir twice
{ cat one/runs.csv; sed -n 5p one/runs.csv; } > twice/runs.csv
refused "a run twice" \
  "^herd sweep: --analyse: twice/runs.csv: lines 5 and 242 both hold the run of [a-z]* at design point [0-9]*, replication [0-9]*; the rows are not one sweep's$" \
  --analyse twice
[ ! -e twice/sensitivity.csv ] || { echo "a refused --analyse wrote its table"; exit 1; }

# A bad row of runs.csv is named by its line in the file (the header is line 1).
mkdir short header empty paired
# edited DIR LINE FIELD VALUE WHAT PATTERN: one/runs.csv with FIELD of LINE set to VALUE, in
# DIR, refused with PATTERN on stderr and no table written.
edited() {
  mkdir "$1"
  awk -F, -v OFS=, -v l="$2" -v f="$3" -v v="$4" 'NR == l { $f = v } 1' one/runs.csv \
    > "$1/runs.csv"
  refused "$5" "$6" --analyse "$1"
  [ ! -e "$1/sensitivity.csv" ] || { echo "$5: a refused --analyse wrote its table"; exit 1; }
}
edited negative 7 2 -1 "a negative design point" \
  "^herd sweep: --analyse: negative/runs.csv: line 7: point \"-1\" is not a whole number from 0 to 9223372036854775807$"
edited fraction 3 2 1.5 "a design point not whole" \
  "fraction/runs.csv: line 3: point \"1.5\" is not a whole number from 0 to"
edited huge 5 4 1e30 "a replication past a long" \
  "huge/runs.csv: line 5: rep \"1e30\" is not a whole number from 0 to 9223372036854775807"
# A number that is not finite would leave every coefficient of its output meaningless.
last=$(head -n 1 one/runs.csv | awk -F, '{ print NF }')
output=$(head -n 1 one/runs.csv | cut -d, -f "$last")
edited nan 4 "$last" nan "an output that is NaN" \
  "nan/runs.csv: line 4: $output \"nan\" is not a finite number"
edited inf 6 7 -inf "a parameter that is infinite" \
  "inf/runs.csv: line 6: leader_skill \"-inf\" is not a finite number"
edited nonumber 9 7 abc "a parameter not a number" \
  "nonumber/runs.csv: line 9: leader_skill \"abc\" is not a number"
{ head -n 3 one/runs.csv; echo 1,2,3; } > short/runs.csv
refused "a short row" "short/runs.csv: line 4: 3 fields, but the header has" --analyse short
echo run,point > header/runs.csv
refused "another file's header" "header/runs.csv: line 1: not the header of a sweep's runs.csv" \
  --analyse header
head -n 1 one/runs.csv > empty/runs.csv
refused "a header alone" "empty/runs.csv: no rows" --analyse empty
# Two runs of front at one point and replication under two run numbers: pairing is ambiguous.
front=$(awk -F, '$3 == "front" { print NR; exit }' one/runs.csv)
{ cat one/runs.csv; sed -n "${front}p" one/runs.csv | sed 's/^[0-9]*,/9999,/'; } > paired/runs.csv
# --difference names the policy runs.csv lacks, and refuses a pair that is not two policies.
"$herd" sweep edited.ini --vary leader_skill=0.3:0.9 --policies behind --reps 1 \
  --out behind-only 2> /dev/null
refused "--difference with a policy the sweep did not run" \
  "^herd sweep: --difference behind,front: front is not among the policies of behind-only/runs.csv: behind$" \
  --analyse behind-only --difference behind,front
refused "--difference with one policy twice" \
  "--difference behind,behind: 'behind' given twice" \
  --analyse behind-only --difference behind,behind
refused "--difference with one policy" "--difference behind: expected two policies, as P,Q" \
  --analyse behind-only --difference behind
refused "--difference with an empty name" "--difference ,behind: expected a comma-separated" \
  --analyse behind-only --difference ,behind
refused "a run of front twice under --difference" \
  "paired/runs.csv: lines $front and 242 both hold the run of front at design point 0, replication 0; the rows are not one sweep's" \
  --analyse paired --difference behind,front
# A run twice in a Saltelli design's file: nothing printed, no file written.
mkdir salt-twice
{ cat salt-one/runs.csv; sed -n 9p salt-one/runs.csv; } > salt-twice/runs.csv
cp salt-one/sweep.args salt-twice/
lines=$(wc -l < salt-twice/runs.csv)
refused "a run twice in a Saltelli design" \
  "^herd sweep: --analyse: salt-twice/runs.csv: lines 9 and $lines both hold the run of " \
  --analyse salt-twice
[ ! -e salt-twice/sensitivity.csv ] || { echo "a refused Sobol analysis wrote its table"; exit 1; }
# The runs of the last policy at one point missing from a Saltelli design's file: found
# before the first policy's indices are printed.
mkdir salt-short
last=$(tail -n 1 salt-one/runs.csv | cut -d, -f2,3)
awk -F, -v last="$last" '$2 "," $3 != last' salt-one/runs.csv > salt-short/runs.csv
cp salt-one/sweep.args salt-short/
refused "a run missing from a Saltelli design" \
  "^herd sweep: --analyse: salt-short/runs.csv: design point [0-9]* has no run of [a-z]*: is the sweep finished?$" \
  --analyse salt-short
[ ! -e salt-short/sensitivity.csv ] || { echo "a refused Sobol analysis wrote its table"; exit 1; }

# Every design point is checked against memory before the first run: the message of validate.
HERD_MEMORY_LIMIT=100000000 refused "a point too big" \
  "design point 1 (n_teams = 1e+07): .*:[0-9]*: [a-z_]*: 10000000 teams of 10 agents need about .*, more than the 95.4 MiB of memory available" \
  "$scenario" --vary n_teams=10:10000000:2 --out bad
[ ! -e bad ] || { echo "a refused sweep made its folder"; exit 1; }

# Two sweeps on one folder at once: the second is refused, naming the first's process, and
# the first's rows are those of a sweep that ran alone.
# shellcheck disable=SC2086
"$herd" sweep $args --threads 1 --out locked &
pid=$!
while [ ! -s locked/sweep.lock ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the first sweep ended before the second began"; exit 1; }
  sleep 0.005
done
# The first sweep is held still while the second tries, so that it cannot finish first however
# slowly the second starts.
kill -STOP "$pid" 2>/dev/null || { echo "the first sweep ended before the second began"; exit 1; }
# shellcheck disable=SC2086
refused "a second sweep on a locked folder" \
  "--out locked: another sweep is writing this folder: locked/sweep.lock: held by process $pid" \
  $args --threads 1 --out locked
kill -CONT "$pid"
wait "$pid"
cmp one/runs.csv locked/runs.csv
echo ok
