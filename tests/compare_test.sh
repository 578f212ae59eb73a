#!/bin/sh
# End-to-end tests of herd compare. Usage: compare_test.sh HERD
# POSIX sh and awk only. Prints one line per failed check; exits non-zero if any failed.
herd=$1
[ -x "$herd" ] || { echo "usage: $0 HERD" >&2; exit 2; }

. "$(dirname "$0")/checks.sh"

cat > "$tmp/tiny.ini" <<'INI'
[run]
ticks = 20
seed = 11
reps = 1

[organisation]
n_teams = 2
team_size = 5

[event.storm]
kind = crisis
start = 8
length = 4
intensity = 0.9
INI

out=$tmp/out
"$herd" compare "$tmp/tiny.ini" --reps 3 --threads 1 --no-plots --out "$out" > "$tmp/stdout" 2> "$tmp/stderr"
check "runs and exits 0" [ $? -eq 0 ]
check "prints the table" grep -q '^| front |' "$tmp/stdout"
check "prints no progress when stderr is a file" [ ! -s "$tmp/stderr" ]
check "stdout table is summary.md" cmp -s "$tmp/stdout" "$out/summary.md"

# summary.csv: columns, one row per (metric, policy, other or none), every interval over 3.
check "summary.csv columns" \
    [ "$(head -n 1 "$out/summary.csv")" = "scenario,policy,other,metric,mean,sd,ci_low,ci_high,n" ]
check "summary.csv rows: 16 metrics x 5 policies x (1 + 4 others)" \
    [ "$(sed 1d "$out/summary.csv" | wc -l | tr -d ' ')" -eq 400 ]
check "summary.csv: 9 fields and n = 3 in every row" \
    awk -F, 'NR > 1 && (NF != 9 || $9 != 3) { bad = 1 } END { exit bad }' "$out/summary.csv"
for m in innovation_total performance_total morale_mean morale_final skill_final \
         turnover_rate_annual auc_morale dip_crisis_t8 recovery_crisis_t8; do
    check "summary.csv has metric $m" grep -q "^tiny,front,,$m," "$out/summary.csv"
done
check "intervals hold their means" \
    awk -F, 'NR > 1 && !($7 <= $5 && $5 <= $8) { bad = 1 } END { exit bad }' "$out/summary.csv"

# The summary's mean is the mean of the runs, its paired difference the difference of means.
mean_of_runs() { # POLICY METRIC
    awk -F, -v p="$1" -v m="$2" '$2 == p && $6 == m { s += $7; n++ } END { printf "%.9g\n", s / n }' \
        "$out/runs.csv"
}
summary_mean() { # POLICY OTHER METRIC
    awk -F, -v p="$1" -v o="$2" -v m="$3" '$2 == p && $3 == o && $4 == m { printf "%.9g\n", $5 }' \
        "$out/summary.csv"
}
close() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 1e-6 && d > -1e-6) }'; }
check "summary mean = mean of runs" \
    close "$(summary_mean behind "" performance_total)" "$(mean_of_runs behind performance_total)"
check "paired difference = difference of means" \
    close "$(summary_mean behind front morale_mean)" \
          "$(awk -v a="$(mean_of_runs behind morale_mean)" -v b="$(mean_of_runs front morale_mean)" 'BEGIN { print a - b }')"

# Paired seeds: replication r has one seed for every policy, and it is herd run's seed r.
check "runs.csv columns" [ "$(head -n 1 "$out/runs.csv")" = "scenario,policy,rep,seed_hi,seed_lo,metric,value" ]
check "one seed per replication across policies" \
    awk -F, 'NR > 1 { k = $3 SUBSEP $4 SUBSEP $5; if (!(k in seen)) { seen[k] = 1; n[$3]++ } }
             END { for (r in n) if (n[r] != 1) exit 1 }' "$out/runs.csv"
check "three distinct seeds" \
    [ "$(awk -F, 'NR > 1 { print $4 "," $5 }' "$out/runs.csv" | sort -u | wc -l | tr -d ' ')" -eq 3 ]
"$herd" run "$tmp/tiny.ini" --reps 3 --policy servant --out "$tmp/run.csv" 2> /dev/null
check "herd run works" [ $? -eq 0 ]
check "the seeds are herd_seed_derive(seed, r), as herd run's" \
    [ "$(awk -F, 'NR > 1 { print $2 "," $3 "," $4 }' "$tmp/run.csv" | sort -u)" = \
      "$(awk -F, 'NR > 1 && $2 == "servant" { print $3 "," $4 "," $5 }' "$out/runs.csv" | sort -u)" ]
check "a replication's run is herd run's with its seed" \
    close "$(awk -F, '$2 == 2 && $5 == 19 { print $8 }' "$tmp/run.csv")" \
          "$(awk -F, '$2 == "servant" && $3 == 2 && $6 == "innovation_total" { print $7 }' "$out/runs.csv")"

# scenarios.csv: where the numbers came from, one row per scenario; its text cell is the
# scenario as run, which validates and runs to the same rows as the file it came from.
csv_cell() { # FILE ROW COLUMN: the cell, unquoted, of a CSV file whose cells may hold newlines
    awk -v want_row="$2" -v want_col="$3" 'BEGIN { RS = "\001" }
        { row = 0; col = 1; f = ""; q = 0
          for (i = 1; i <= length($0); i++) {
              c = substr($0, i, 1)
              if (q && c == "\"" && substr($0, i + 1, 1) == "\"") { f = f c; i++ }
              else if (c == "\"") q = !q
              else if (q || (c != "," && c != "\n")) f = f c
              else {
                  if (row == want_row && col == want_col) { printf "%s", f; exit }
                  if (c == ",") col++; else { row++; col = 1 }
                  f = ""
              }
          } }' "$1"
}
check "scenarios.csv columns" \
    [ "$(head -n 1 "$out/scenarios.csv")" = "scenario,seed_hi,seed_lo,reps,policies,version,text" ]
check "scenarios.csv: the scenario, its seed and the replications" \
    [ "$(for c in 1 2 3 4; do csv_cell "$out/scenarios.csv" 1 $c; echo; done | tr '\n' ' ')" = "tiny 0 11 3 " ]
check "scenarios.csv: the arms in the order of runs.csv" \
    [ "$(csv_cell "$out/scenarios.csv" 1 5)" = \
      "$(awk -F, 'NR > 1 { print $2 }' "$out/runs.csv" | uniq | paste -s -d, -)" ]
check "scenarios.csv: herd's version" \
    [ "$(csv_cell "$out/scenarios.csv" 1 6)" = "$("$herd" --version | awk '{ print $2 }')" ]
check "scenarios.csv: one row" [ -z "$(csv_cell "$out/scenarios.csv" 2 1)" ]
csv_cell "$out/scenarios.csv" 1 7 > "$tmp/as_run.ini"
check "scenarios.csv: the text is the scenario as run" grep -q '^seed = 11$' "$tmp/as_run.ini"
"$herd" validate "$tmp/as_run.ini" > /dev/null
check "scenarios.csv: the text validates" [ $? -eq 0 ]
"$herd" run "$tmp/as_run.ini" --reps 3 --policy servant --out "$tmp/as_run.csv" 2> /dev/null
check "scenarios.csv: the text runs to herd run's rows of the scenario" \
    cmp -s "$tmp/as_run.csv" "$tmp/run.csv"

# Series: one row per policy and tick.
check "series columns" grep -q '^policy,tick,n,innovation_cum_mean,innovation_cum_low,innovation_cum_high,' \
    "$out/series_tiny.csv"
check "series rows: 5 policies x 20 ticks" \
    [ "$(sed 1d "$out/series_tiny.csv" | wc -l | tr -d ' ')" -eq 100 ]

# The thread count changes nothing.
"$herd" compare "$tmp/tiny.ini" --reps 3 --threads 2 --no-plots --out "$tmp/out2" > /dev/null 2>&1
for f in summary.csv runs.csv scenarios.csv series_tiny.csv summary.md; do
    check "$f is the same with 2 threads" cmp -s "$out/$f" "$tmp/out2/$f"
done
check "nothing but the outputs in DIR" \
    [ "$(ls -A "$out" | tr '\n' ' ')" = "runs.csv scenarios.csv series_tiny.csv summary.csv summary.md " ]

# Missing gnuplot: said once, everything else written, exit 0.
HERD_GNUPLOT=/nonexistent/gnuplot "$herd" compare "$tmp/tiny.ini" --reps 2 --grid 2 --policies front,behind \
    --out "$tmp/nogp" > /dev/null 2> "$tmp/nogp.err"
check "no gnuplot: exit 0" [ $? -eq 0 ]
check "no gnuplot: one line on stderr" [ "$(wc -l < "$tmp/nogp.err" | tr -d ' ')" -eq 1 ]
check "no gnuplot: says so" grep -q 'not found' "$tmp/nogp.err"
check "no gnuplot: CSV and regime map written" [ -s "$tmp/nogp/summary.csv" ] && [ -s "$tmp/nogp/regime.csv" ]
check "no gnuplot: no images" [ -z "$(ls "$tmp/nogp" | grep -E '\.(png|svg)')" ]
check "regime.csv: 2 x 2 cells" [ "$(sed 1d "$tmp/nogp/regime.csv" | wc -l | tr -d ' ')" -eq 4 ]
check "regime.csv columns" grep -q '^ix,iy,skill_mean,crisis_rate,metric,winner,winner_index,runner_up,margin,margin_low,margin_high,margin_pct,mean_front,mean_behind$' \
    "$tmp/nogp/regime.csv"

# Bad usage: exit 2 and a message naming the bad argument.
usage_case() { # DESCRIPTION EXPECTED_STATUS TEXT_IN_MESSAGE ARGS...
    desc=$1 want=$2 text=$3
    shift 3
    "$herd" compare "$@" > /dev/null 2> "$tmp/err"
    got=$?
    checks=$((checks + 1))
    [ "$got" -eq "$want" ] || fail "$desc: exit $got, expected $want"
    grep -qF -- "$text" "$tmp/err" || fail "$desc: message lacks '$text': $(cat "$tmp/err")"
}
usage_case "unknown policy" 2 "leftish" "$tmp/tiny.ini" --policies front,leftish --out "$tmp/x"
usage_case "policy twice" 2 "front" "$tmp/tiny.ini" --policies front,front --out "$tmp/x"
sed 's/^\[run\]$/[run]\npolicy = behind/' "$tmp/tiny.ini" > "$tmp/behind.ini"
usage_case "the scenario's own policy twice" 2 "the scenario's own policies are 'behind' on every team" \
    "$tmp/behind.ini" --policies behind,scenario --out "$tmp/own"
check "the scenario's own policy twice: no folder" [ ! -e "$tmp/own" ]
usage_case "one replication" 2 "--reps 1" "$tmp/tiny.ini" --reps 1 --out "$tmp/x"
usage_case "reps not a number" 2 "--reps many" "$tmp/tiny.ini" --reps many --out "$tmp/x"
usage_case "grid of 1" 2 "--grid 1" "$tmp/tiny.ini" --grid 1 --out "$tmp/x"
usage_case "bad regime metric" 2 "--regime-metric outputs" "$tmp/tiny.ini" --regime-metric outputs
usage_case "bad range" 2 "--skill-range 0.8:0.2" "$tmp/tiny.ini" --skill-range 0.8:0.2
usage_case "range off the parameter's" 2 "skill_mean" "$tmp/tiny.ini" --grid 2 --skill-range 0.5:1.5 --out "$tmp/x"
usage_case "unknown option" 2 "--colour" "$tmp/tiny.ini" --colour red
usage_case "option without value" 2 "--reps" "$tmp/tiny.ini" --reps
usage_case "no scenario" 2 "no scenario" --reps 3
usage_case "missing file" 2 "nowhere.ini" "$tmp/nowhere.ini"
usage_case "event past the run" 2 "tiny.ini" "$tmp/tiny.ini" --ticks 5 --out "$tmp/x"
usage_case "same name twice" 2 "tiny" "$tmp/tiny.ini" "$tmp/tiny.ini" --out "$tmp/x"
: > "$tmp/file"
usage_case "output folder is a file" 1 "$tmp/file" "$tmp/tiny.ini" --reps 2 --out "$tmp/file"
"$herd" compare "$tmp/tiny.ini" --reps 2 --grid 2 --policies front,behind --no-plots \
    --regime-metric innovation,turnover_rate_annual --out "$tmp/two" > "$tmp/two.md" 2> /dev/null
check "two regime metrics: exit 0" [ $? -eq 0 ]
check "two regime metrics: one file each" [ -s "$tmp/two/regime.csv" ] && [ -s "$tmp/two/regime_turnover_rate_annual.csv" ]
check "two regime metrics: the second ranks by its metric" \
    awk -F, 'NR > 1 && $5 != "turnover_rate_annual" { bad = 1 } END { exit bad }' "$tmp/two/regime_turnover_rate_annual.csv"
check "two regime metrics: two tables" [ "$(grep -c '^## Regime map' "$tmp/two.md")" -eq 2 ]
check "lower is better wins the turnover map" \
    awk -F, 'NR > 1 { w = $7 + 13; for (i = 13; i <= NF; i++) if ($i < $w) bad = 1 } END { exit bad }' \
    "$tmp/two/regime_turnover_rate_annual.csv"
usage_case "bad second regime metric" 2 "nonsense" "$tmp/tiny.ini" --regime-metric innovation,nonsense
usage_case "regime axis not a key" 2 "no_such_key" "$tmp/tiny.ini" --regime-x no_such_key=0:1 --out "$tmp/x"
usage_case "regime axis malformed" 2 "--regime-y" "$tmp/tiny.ini" --regime-y crisis_rate --out "$tmp/x"
usage_case "regime axes the same" 2 "skill_mean" "$tmp/tiny.ini" --regime-x skill_mean=0.2:0.4 \
    --regime-y skill_mean=0.5:0.6 --out "$tmp/x"

# Declared styles and a scenario's own mix take part like the built-ins.
cat > "$tmp/styled.ini" <<'INI'
[run]
ticks = 20
seed = 5
policy = coach

[organisation]
n_teams = 4
team_size = 5

[style.coach]
base = behind
direction = 0.2
support = 0.3

[policy.first]
teams = 0-1
policy = front

[event.storm]
kind = crisis
start = 8
length = 4
intensity = 0.9
INI
"$herd" compare "$tmp/styled.ini" --reps 2 --no-plots --out "$tmp/styled" > /dev/null 2> "$tmp/err"
check "a mixed scenario with a declared style: exit 0" [ $? -eq 0 ]
check "the mix is an arm of its own, first, and the built-ins follow" \
    [ "$(awk -F, 'NR > 1 { print $2 }' "$tmp/styled/runs.csv" | uniq | tr '\n' ' ')" = \
      "mixed front behind servant hybrid situational " ]
"$herd" compare "$tmp/styled.ini" --reps 2 --no-plots --policies coach,scenario,front \
    --grid 2 --regime-x style.coach.direction=0:0.4 --regime-y event.storm.intensity=0.2:1 \
    --out "$tmp/styled2" > /dev/null 2> "$tmp/err"
check "a declared style by name, on a map over a style key and an event key: exit 0" [ $? -eq 0 ]
check "the arms are the ones named" \
    [ "$(awk -F, 'NR > 1 { print $2 }' "$tmp/styled2/runs.csv" | uniq | tr '\n' ' ')" = \
      "coach mixed front " ]
check "regime.csv names its two keys" \
    grep -q '^ix,iy,style.coach.direction,event.storm.intensity,metric,' "$tmp/styled2/regime.csv"
check "the map's style axis changes the declared style's runs (mean_coach differs along x)" \
    [ "$(awk -F, 'NR > 1 && $2 == 0 { print $13 }' "$tmp/styled2/regime.csv" | sort -u | wc -l)" -eq 2 ]

"$herd" compare --help > "$tmp/help"
check "--help exits 0" [ $? -eq 0 ]
check "--help documents --regime-metric" grep -q -- '--regime-metric' "$tmp/help"

# A scenario too big for memory is refused before anything runs or any folder is made, with
# validate's message; so is a regime map with a cell too big.
sed 's/^n_teams = 2$/n_teams = 10000000/' "$tmp/tiny.ini" > "$tmp/big.ini"
HERD_MEMORY_LIMIT=100000000 "$herd" compare "$tmp/big.ini" --no-plots --out "$tmp/big" \
    2> "$tmp/big.err"
check "too big: exit 2" [ $? -eq 2 ]
check "too big: validate's message" grep -q "big.ini:7: n_teams: 10000000 teams of 5 agents \
need about 7.1 GiB, more than the 95.4 MiB of memory available" "$tmp/big.err"
check "too big: no folder" [ ! -e "$tmp/big" ]
HERD_MEMORY_LIMIT=100000000 "$herd" compare "$tmp/tiny.ini" --no-plots --out "$tmp/bigmap" \
    --regime-map --regime-x n_teams=2:10000000:2 --reps 2 2> "$tmp/bigmap.err"
check "a map too big: exit 2" [ $? -eq 2 ]
check "a map too big: the cell and validate's message" grep -q "design point 5 \
(n_teams = 1e+07, crisis_rate = 0): .*: 10000000 teams of 5 agents need about" "$tmp/bigmap.err"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
