#!/bin/sh
# End-to-end tests of herd optimise. Usage: optimise_test.sh HERD
# POSIX sh and awk only. Prints one line per failed check; exits non-zero if any failed.
herd=$1
[ -x "$herd" ] || { echo "usage: $0 HERD" >&2; exit 2; }
herd=$(cd "$(dirname "$herd")" && pwd)/$(basename "$herd") # the refusals run in $tmp

. "$(dirname "$0")/checks.sh"

cat > "$tmp/tiny.ini" <<'INI'
[run]
ticks = 26
seed = 5

[organisation]
n_teams = 3
team_size = 5
INI

tiny() { # tiny OUT ARGS...: herd optimise on tiny.ini into $tmp/OUT, its output in $tmp/stdout
    out=$1
    shift
    "$herd" optimise "$tmp/tiny.ini" "$@" --out "$tmp/$out" > "$tmp/stdout" 2> "$tmp/stderr"
}

small="--budget 20 --reps 2 --final-reps 3 --finalists 2"
# shellcheck disable=SC2086
tiny one --metric innovation $small --threads 1
check "runs and exits 0" [ $? -eq 0 ]
check "prints the objective" grep -q '^# herd optimise .*: innovation_total$' "$tmp/stdout"
check "a metric better higher: no sign explained" [ "$(grep -c 'better lower' "$tmp/stdout")" -eq 0 ]
check "prints the optimum's row" grep -q '^| optimum | ' "$tmp/stdout"
check "prints a row per built-in" [ "$(grep -c '^| \(front\|behind\|servant\|hybrid\|situational\) |' "$tmp/stdout")" -eq 5 ]
check "optimum.csv columns" [ "$(head -n 1 "$tmp/one/optimum.csv")" = \
    "arm,name,finalist,objective,objective_low,objective_high,margin,margin_low,margin_high,direction,support,recognition,own_work,delegation,collaboration,training,plan" ]
check "optimum.csv: 2 finalists and 5 built-ins" [ "$(sed 1d "$tmp/one/optimum.csv" | wc -l | tr -d ' ')" -eq 7 ]
check "the optimum's shares sum to 1" awk -F, '$2 == "optimum" { s = 0; for (i = 10; i <= 17; i++) s += $i; ok = s > 0.999 && s < 1.001 } END { exit !ok }' "$tmp/one/optimum.csv"
check "the hybrid has no one stance" awk -F, '$2 == "hybrid" { ok = $10 == "NA" } END { exit !ok }' "$tmp/one/optimum.csv"
check "candidates.csv: at most the budget and the 3 fixed built-ins" \
    [ "$(sed 1d "$tmp/one/candidates.csv" | wc -l | tr -d ' ')" -le 23 ]

# shellcheck disable=SC2086
tiny two --metric innovation $small --threads 2
check "the threads change nothing" cmp -s "$tmp/one/optimum.csv" "$tmp/two/optimum.csv"
check "nor the candidates" cmp -s "$tmp/one/candidates.csv" "$tmp/two/candidates.csv"

# shellcheck disable=SC2086
"$herd" optimise "$tmp/tiny.ini" --weights performance_total=1,morale_mean=1000 \
    --floor 'turnover_total<=50' $small --out "$tmp/mix" > "$tmp/stdout" 2>&1
check "a weighted mix with a bound: exit 0" [ $? -eq 0 ]
check "the mix is described" grep -q '1\*performance_total + 1000\*morale_mean with turnover_total <= 50' "$tmp/stdout"

# A novel task (examples/scenarios/novelty.ini), on which the search ranks the finalists
# otherwise than their final runs do: the rows follow the final runs, the optimum first.
cat > "$tmp/novelty.ini" <<'INI'
[run]
ticks = 260

[organisation]
n_teams = 50
team_size = 10

[event.new_market]
kind = novelty
start = 100
length = 26
intensity = 0.8
teams = all
INI
"$herd" optimise "$tmp/novelty.ini" --metric recovery_novelty_t100 --budget 11 --reps 2 \
    --final-reps 2 --no-plots --out "$tmp/rank" > "$tmp/stdout" 2> "$tmp/stderr"
check "ranked finalists: exit 0" [ $? -eq 0 ]
check "optimum.csv: the optimum is row 0" awk -F, 'NR == 2 { ok = $1 == 0 && $2 == "optimum" } END { exit !ok }' "$tmp/rank/optimum.csv"
check "optimum.csv: the finalists by their objective, named by rank" awk -F, 'NR > 1 && $3 == 1 {
    if ($2 != (n ? "candidate-" n + 1 : "optimum") || (n && $4 > last)) bad = 1; last = $4; n++ }
    END { exit bad || n < 2 }' "$tmp/rank/optimum.csv"
check "the printed table starts with the optimum" awk '/^\| policy \|/ { getline; getline; ok = $2 == "optimum" } END { exit !ok }' "$tmp/stdout"

# A metric better lower counts negated, and the output says so.
# shellcheck disable=SC2086
tiny low --metric turnover $small
check "--metric turnover: exit 0" [ $? -eq 0 ]
check "--metric turnover: the objective is its negative" grep -q '^# herd optimise .*: -turnover_total$' "$tmp/stdout"
check "--metric turnover: the sign is explained" \
    grep -q '^# turnover_total is better lower: the objective counts it negated' "$tmp/stdout"
check "--metric turnover: the objectives are the turnovers negated" \
    awk -F, 'NR > 1 { n++; if ($4 > 0) bad = 1 } END { exit bad || !n }' "$tmp/low/optimum.csv"
# shellcheck disable=SC2086
tiny lowmix --weights performance_total=1,turnover_total=2 $small
check "a weighted mix: the signs the objective counts" \
    grep -q '^# herd optimise .*: 1\*performance_total - 2\*turnover_total$' "$tmp/stdout"

switching="--switching --budget 30 --reps 2 --final-reps 3 --finalists 2"
# shellcheck disable=SC2086
tiny sw1 --metric innovation $switching --threads 1
check "--switching runs and exits 0" [ $? -eq 0 ]
check "--switching prints the calm and front stances" grep -q '^| share | calm | front |$' "$tmp/stdout"
check "--switching prints the thresholds" grep -q '^| crisis_enter | ' "$tmp/stdout"
check "--switching: optimum.csv columns" [ "$(head -n 1 "$tmp/sw1/optimum.csv" | cut -d, -f17-)" = \
    "plan,front.direction,front.support,front.recognition,front.own_work,front.delegation,front.collaboration,front.training,front.plan,crisis_enter,crisis_leave,gap_enter,gap_leave,shortfall" ]
check "--switching: the hybrid's thresholds are reported" awk -F, '$2 == "hybrid" { ok = $26 == 0.3 && $27 == 0.15 } END { exit !ok }' "$tmp/sw1/optimum.csv"
check "--switching: the situational leader has no one style" awk -F, '$2 == "situational" { ok = $10 == "NA" && $26 == "NA" } END { exit !ok }' "$tmp/sw1/optimum.csv"
check "--switching: every candidate keeps leave <= enter, within [0, 1]" awk -F, 'NR > 1 {
    for (i = 21; i <= 25; i++) if ($i < 0 || $i > 1) bad = 1
    if ($22 > $21 || $24 > $23) bad = 1; n++ } END { exit bad || n == 0 }' "$tmp/sw1/candidates.csv"
check "--switching: both stances on the budget" awk -F, '$2 == "optimum" { c = 0; f = 0
    for (i = 10; i <= 17; i++) c += $i; for (i = 18; i <= 25; i++) f += $i
    ok = c > 0.999 && c < 1.001 && f > 0.999 && f < 1.001 } END { exit !ok }' "$tmp/sw1/optimum.csv"
# shellcheck disable=SC2086
tiny sw2 --metric innovation $switching --threads 2
check "--switching: the threads change nothing" cmp -s "$tmp/sw1/candidates.csv" "$tmp/sw2/candidates.csv"
check "--switching: nor the optimum" cmp -s "$tmp/sw1/optimum.csv" "$tmp/sw2/optimum.csv"
# shellcheck disable=SC2086
"$herd" optimise "$tmp/tiny.ini" $switching --map --no-plots --map-x skill_mean=0.3:0.6:2 \
    --map-y crisis_rate=0:0.05:2 --out "$tmp/swmap" > /dev/null 2>&1
check "--switching --map: exit 0" [ $? -eq 0 ]
check "--switching --map: map.csv has the front stance and the thresholds" \
    grep -q '^ix,iy,skill_mean,crisis_rate,.*,plan,front.direction,.*,front.plan,crisis_enter,crisis_leave,gap_enter,gap_leave,shortfall,gap_front,' "$tmp/swmap/map.csv"

# shellcheck disable=SC2086
HERD_GNUPLOT=/nonexistent/gnuplot "$herd" optimise "$tmp/tiny.ini" $small --map \
    --map-x skill_mean=0.3:0.6:2 --map-y crisis_rate=0:0.05:2 --out "$tmp/map" > /dev/null 2> "$tmp/err"
check "a map without gnuplot: exit 0" [ $? -eq 0 ]
check "map.csv: 2 x 2 cells" [ "$(sed 1d "$tmp/map/map.csv" | wc -l | tr -d ' ')" -eq 4 ]
check "map.csv names the keys and the gaps" \
    grep -q '^ix,iy,skill_mean,crisis_rate,objective,.*,gap_front,gap_front_low,gap_front_high,gap_front_pct,' "$tmp/map/map.csv"
check "plots.gp is written" [ -s "$tmp/map/plots.gp" ]
check "the missing gnuplot is said" grep -q 'not found' "$tmp/err"

usage_case() { # DESCRIPTION EXPECTED_STATUS TEXT_IN_MESSAGE ARGS...: nor any folder made
    desc=$1 want=$2 text=$3
    shift 3
    rm -rf "$tmp/x" "$tmp/optimise-out"
    (cd "$tmp" && "$herd" optimise "$@") > /dev/null 2> "$tmp/err"
    got=$?
    checks=$((checks + 1))
    [ "$got" -eq "$want" ] || fail "$desc: exit $got, expected $want"
    grep -qF -- "$text" "$tmp/err" || fail "$desc: message lacks '$text': $(cat "$tmp/err")"
    check "$desc: no folder made" [ ! -e "$tmp/x" ] && [ ! -e "$tmp/optimise-out" ]
}
# shellcheck disable=SC2086
usage_case "unknown metric" 2 '--metric zzz: "zzz" is not a metric of the scenario, which has innovation_total, ' "$tmp/tiny.ini" --metric zzz $small --out "$tmp/x"
# shellcheck disable=SC2086
usage_case "a total's stem misspelt" 2 '--metric outputs: "outputs" is not a metric of the scenario; did you mean output_total?' "$tmp/tiny.ini" --metric outputs $small --out "$tmp/x"
# shellcheck disable=SC2086
usage_case "a metric misspelt" 2 '--metric performnce: "performnce" is not a metric of the scenario; did you mean performance_total?' \
    "$tmp/tiny.ini" --metric performnce $small --out "$tmp/x"
usage_case "a weighted metric misspelt" 2 '--weights morale_mean=1,turnover_totl=-1: "turnover_totl" is not a metric of the scenario; did you mean turnover_total?' \
    "$tmp/tiny.ini" --weights morale_mean=1,turnover_totl=-1 --out "$tmp/x"
usage_case "a floor's metric misspelt" 2 '--floor morale_maen>=0.5: "morale_maen" is not a metric of the scenario; did you mean morale_mean?' \
    "$tmp/tiny.ini" --floor 'morale_mean>=0.1' --floor 'morale_maen>=0.5' --out "$tmp/x"
usage_case "malformed floor" 2 'METRIC>=VALUE' "$tmp/tiny.ini" --floor 'morale_mean=0.7' --out "$tmp/x"
# shellcheck disable=SC2086
usage_case "a floor nothing reaches" 2 'morale_mean >= 0.999' "$tmp/tiny.ini" --floor 'morale_mean>=0.999' $small --out "$tmp/x"
usage_case "budget too small" 2 "--budget 5: expected at least 11 with these options" "$tmp/tiny.ini" --budget 5 --out "$tmp/x"
usage_case "budget too small by one" 2 "--budget 10: expected at least 11" "$tmp/tiny.ini" --budget 10
usage_case "budget too small with --slack" 2 "--budget 12: expected at least 13" "$tmp/tiny.ini" --slack --budget 12
usage_case "budget too small for switching styles" 2 '--budget 20: expected at least 29' "$tmp/tiny.ini" --switching --budget 20 --out "$tmp/x"
usage_case "budget too small for switching with --slack" 2 '--budget 31: expected at least 32' "$tmp/tiny.ini" --switching --slack --budget 31
usage_case "budget not a number" 2 '--budget lots' "$tmp/tiny.ini" --budget lots --out "$tmp/x"
# shellcheck disable=SC2086
usage_case "a one-cell map" 2 'a grid of one cell' "$tmp/tiny.ini" $small --map-x skill_mean=0.3:0.3:1 --map-y crisis_rate=0:0:1 --out "$tmp/x"
# shellcheck disable=SC2086
usage_case "a map axis the scenario lacks" 2 '--map-y storms=0:1:2: storms: unknown key' "$tmp/tiny.ini" $small --map-y storms=0:1:2 --out "$tmp/x"
# shellcheck disable=SC2086
usage_case "a map axis out of range" 2 '--map-x n_teams=0:2:2: n_teams: 0 is outside the range' "$tmp/tiny.ini" $small --map-x n_teams=0:2:2 --out "$tmp/x"
usage_case "two scenarios" 2 'one scenario only' "$tmp/tiny.ini" "$tmp/tiny.ini"
usage_case "no scenario" 2 'no scenario' --metric innovation
usage_case "a missing scenario" 2 'nowhere.ini' "$tmp/nowhere.ini"
# The least budget runs; an --out that cannot be made is named before the search.
tiny least --budget 11 --reps 1 --final-reps 2 --finalists 1
check "--budget 11 runs" [ $? -eq 0 ] && [ -s "$tmp/least/optimum.csv" ]
: > "$tmp/plain"
# shellcheck disable=SC2086
"$herd" optimise "$tmp/tiny.ini" $small --out "$tmp/plain/x" > "$tmp/stdout" 2> "$tmp/err"
check "an --out under a file: exit 1" [ $? -eq 1 ]
check "an --out under a file: named" grep -qF -- "--out $tmp/plain/x: cannot make the folder $tmp/plain: Not a directory" "$tmp/err"
check "an --out under a file: before the search" [ ! -s "$tmp/stdout" ]

# A run leaves in its folder no file of an earlier run's kinds that it did not write itself,
# once it has succeeded, and touches no other file.
quick="--budget 11 --reps 1 --final-reps 2 --finalists 1"
axes="--map-x skill_mean=0.3:0.6:2 --map-y crisis_rate=0:0.05:2"
stale() { # stale DIR NAME...: the files, each holding "old", and a file not of herd's
    d=$1
    shift
    mkdir -p "$d"
    for f in "$@" notes.txt; do echo old > "$d/$f"; done
}
only() { # only DIR NAME...: the folder holds these files and nothing else
    d=$1
    shift
    [ "$(ls "$d" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}
stale "$tmp/reuse" map.csv map.png map.svg plots.gp candidates.csv
# shellcheck disable=SC2086
"$herd" optimise "$tmp/tiny.ini" $quick --floor 'morale_mean>=0.999' --out "$tmp/reuse" > /dev/null 2>&1
check "a refused run into a used folder: exit 2" [ $? -eq 2 ]
check "a refused run removes nothing" only "$tmp/reuse" map.csv map.png map.svg plots.gp candidates.csv notes.txt
# shellcheck disable=SC2086
"$herd" optimise "$tmp/tiny.ini" $quick --out "$tmp/reuse" > /dev/null 2>&1
check "a run without --map into a map's folder: exit 0" [ $? -eq 0 ]
check "the map's files are removed, the others kept" only "$tmp/reuse" optimum.csv candidates.csv notes.txt
check "candidates.csv is this run's" [ "$(head -c 5 "$tmp/reuse/candidates.csv")" = "index" ]
check "a file not of herd's is left as it was" [ "$(cat "$tmp/reuse/notes.txt")" = old ]
stale "$tmp/reuse" plots.gp map.png map.svg
# shellcheck disable=SC2086
"$herd" optimise "$tmp/tiny.ini" $quick --map $axes --no-plots --out "$tmp/reuse" > /dev/null 2>&1
check "--map --no-plots into a used folder: exit 0" [ $? -eq 0 ]
check "--map --no-plots leaves map.csv only" only "$tmp/reuse" map.csv notes.txt
stale "$tmp/reuse" map.png map.svg
# shellcheck disable=SC2086
HERD_GNUPLOT=/nonexistent/gnuplot "$herd" optimise "$tmp/tiny.ini" $quick --map $axes \
    --out "$tmp/reuse" > /dev/null 2>&1
check "--map without gnuplot into a used folder: exit 0" [ $? -eq 0 ]
check "--map without gnuplot: no images of an earlier run" only "$tmp/reuse" map.csv plots.gp notes.txt
mkdir "$tmp/reuse/optimum.csv"
# shellcheck disable=SC2086
"$herd" optimise "$tmp/tiny.ini" $quick --map $axes --no-plots --out "$tmp/reuse" > /dev/null 2> "$tmp/err"
check "a folder in the way of a removal: exit 1" [ $? -eq 1 ]
check "a folder in the way of a removal: named" \
    grep -qF -- "--out $tmp/reuse/optimum.csv: a folder, not a file" "$tmp/err"
check "a folder in the way of a removal: kept, the other files removed" \
    only "$tmp/reuse" map.csv optimum.csv notes.txt

"$herd" optimise --help > "$tmp/help"
check "--help exits 0" [ $? -eq 0 ]
check "--help documents --floor" grep -q -- '--floor' "$tmp/help"
check "--help documents --switching" grep -q -- "--switching" "$tmp/help"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
