#!/bin/sh
# End-to-end tests of herd robustness and herd calibrate at tiny sizes.
# Usage: robust_cli_test.sh HERD. Prints one line per failed check; exits non-zero if any
# failed.
herd=$1
[ -x "$herd" ] || { echo "usage: $0 HERD" >&2; exit 2; }

. "$(dirname "$0")/checks.sh"

# expect STATUS PATTERN DESCRIPTION -- ARGS...: the exit status, and PATTERN in stdout+stderr
expect() {
    status=$1 pattern=$2 desc=$3
    shift 4
    "$herd" "$@" > "$tmp/out" 2>&1
    rc=$?
    [ "$rc" -eq "$status" ] || fail "$desc: exit $rc, expected $status"
    grep -q -- "$pattern" "$tmp/out" || fail "$desc: no '$pattern' in: $(cat "$tmp/out")"
}

# team_size, which the study varies, is held at its --set value by --fix.
fix="--fix n_teams,team_size"
tiny="--set n_teams=2 --set team_size=3 --set run.ticks=160 $fix --no-progress"
# Too few points for the drivers' regression: refused before anything runs, naming the least.
# shellcheck disable=SC2086
expect 2 "--points 2: expected at least [0-9]*, more than the [0-9]* varied parameters + 1" \
    "too few points for the regression" -- robustness --points 2 --reps 2 $fix --no-progress
check "too few points: no table" sh -c '! grep -q "| fact |" "$1"' sh "$tmp/out"
least=$(sed -n 's/.*expected at least \([0-9]*\),.*/\1/p' "$tmp/out")
# shellcheck disable=SC2086
expect 2 "--points $((least - 1)): expected at least $least" "one point too few" -- \
    robustness --points $((least - 1)) --reps 2 --facts F1 $fix --no-progress
# shellcheck disable=SC2086
expect 0 '| \*\*F1\*\* | all 2 |' "robustness runs with the least points" -- robustness \
    --points "$least" --reps 2 --facts F1,F3 $tiny
check "the drivers are found" sh -c '! grep -q "(regression" "$1"' sh "$tmp/out"
# Seeds take the range of every other command's --seed, 0 to 2^64-1.
# shellcheck disable=SC2086
expect 0 "design seed 18446744073709551615$" "robustness with the largest seed" -- robustness \
    --points "$least" --reps 2 --facts F3 --seed 18446744073709551615 $tiny
expect 2 "--seed 18446744073709551616: 18446744073709551616 is larger than 2^64-1" \
    "robustness with a seed past 2^64-1" -- robustness --seed 18446744073709551616
expect 2 '--seed -1: "-1" is not a seed' "robustness with a negative seed" -- robustness --seed -1
# A name given twice in a list is refused, as compare's --policies refuses it.
# shellcheck disable=SC2086
expect 2 "--facts F3,F3: 'F3' given twice" "a fact given twice" -- robustness --facts F3,F3 \
    --points "$least" --reps 2 $tiny
check "a fact given twice: no table" sh -c '! grep -q "| fact |" "$1"' sh "$tmp/out"
expect 2 "--free quit_base,quit_base: 'quit_base' given twice" "a free parameter given twice" -- \
    calibrate --free quit_base,quit_base --fit turnover_front
expect 0 'Latin hypercube' "robustness help" -- robustness --help
expect 2 "no fact 'F99'; the facts are F1, F2" "an unknown fact" -- robustness --facts F99
expect 2 "--fix: 'nope' is not a parameter" "an unknown fixed parameter" -- robustness --fix nope \
    --points 2 --reps 2 --facts F3
expect 2 "no_such_key" "an unknown scenario key" -- robustness --set no_such_key=1
# A parameter the study varies would be overwritten at every point: --set alone is refused,
# naming --fix, before anything runs.
# shellcheck disable=SC2086
expect 2 "--set direction_gain=2: the study varies direction_gain, .* --fix n_teams,direction_gain" \
    "a varied parameter set" -- robustness --set direction_gain=2 --points $((least + 1)) --reps 2 \
    --facts F3 --set n_teams=2 --set run.ticks=160 --no-progress
check "a varied parameter set: no table" sh -c '! grep -q "| fact |" "$1"' sh "$tmp/out"
# shellcheck disable=SC2086
expect 2 "--set organisation.team_size=3: the study varies team_size" \
    "a varied parameter set by its section's name" -- robustness --set organisation.team_size=3 \
    --points $((least + 1)) --reps 2 --facts F3 --set n_teams=2 --set run.ticks=160 --no-progress
expect 2 "--points 1:" "too few points" -- robustness --points 1
expect 0 "| \`turnover_front\` |" "calibrate lists the targets" -- calibrate --list
expect 0 "| held out |" "calibrate runs" -- calibrate --free quit_base --fit turnover_front \
    --reps 2 --report-reps 2 --max-evals 2 --set n_teams=4 --set team_size=3 --no-progress
# A budget below the start and the first simplex is refused; within it, the count is true
# and the fit is a point evaluated, the start (with its own objective) if none is better.
fit="--free quit_base --fit turnover_servant,hybrid_crisis_edge --reps 2 --report-reps 2"
# shellcheck disable=SC2086
expect 2 "--max-evals 1: expected at least 2" "a budget below the first simplex" -- \
    calibrate $fit --max-evals 1 --no-progress
check "a refused budget: no report" sh -c '! grep -q "objective" "$1"' sh "$tmp/out"
for budget in 2 3 5; do
    # shellcheck disable=SC2086
    expect 0 "evaluations" "calibrate with --max-evals $budget" -- calibrate $fit \
        --max-evals "$budget" --no-progress
    check "--max-evals $budget: at most $budget evaluations, the fit's objective its own" \
        awk -v budget="$budget" '
        /^objective / { before = $2; after = $4; evals = $6 }
        /^\| `quit_base` \|/ { same = $4 == $6 }
        END { exit !(evals >= 2 && evals <= budget && after <= before &&
                     (!same || after == before)) }' "$tmp/out"
done
# What the targets' runs need of the start is refused before the fit runs, naming --set.
expect 2 "--set: targets: the mixed organisation needs n_teams >= 4 for its quarters, has 3" \
    "a start too small for the mixed organisation" -- calibrate --free quit_base \
    --fit turnover_front --set n_teams=3 --set team_size=200 --no-progress
check "a start the targets refuse: no report" sh -c '! grep -q "objective" "$1"' sh "$tmp/out"
expect 2 "--set: targets: style x skill, skill_mean = 0.25: skill_sd" \
    "a start the style x skill runs refuse" -- calibrate --free quit_base \
    --fit turnover_front --set skill_sd=0.45 --no-progress
expect 0 "(seed 18446744073709551615)" "calibrate with the largest seed" -- calibrate \
    --free quit_base --fit turnover_front --reps 2 --report-reps 2 --max-evals 2 \
    --seed 18446744073709551615 --set n_teams=4 --set team_size=3 --no-progress
expect 2 "--seed 18446744073709551616: 18446744073709551616 is larger than 2^64-1" \
    "calibrate with a seed past 2^64-1" -- calibrate --free quit_base --fit turnover_front \
    --seed 18446744073709551616
expect 2 "'nope' is not a parameter" "an unknown free parameter" -- calibrate --free nope \
    --fit turnover_front
expect 2 "target 'nope'" "an unknown target" -- calibrate --free quit_base --fit nope
expect 2 "are both needed" "no targets" -- calibrate --free quit_base
expect 2 "takes a number" "a bad starting value" -- calibrate --free quit_base \
    --fit turnover_front --set quit_base=x
expect 2 "--set: skill_mean = nan is not a finite number" "a starting value not finite" -- \
    calibrate --free quit_base --fit turnover_front --set skill_mean=nan
expect 2 "--set: skill_mean = 2 is outside the range" "a starting value out of range" -- \
    calibrate --free quit_base --fit turnover_front --set skill_mean=2

[ "$failures" -eq 0 ] || exit 1
echo "robust cli: all checks passed"
