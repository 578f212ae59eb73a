#!/bin/sh
# End-to-end tests of the herd program and of herd-classic. Usage:
# cli_test.sh HERD SOURCE_ROOT HERD_CLASSIC
# POSIX sh only. Prints one line per failed check and exits non-zero if any failed.
herd=$1
src=$2
classic=$3
[ -x "$herd" ] && [ -d "$src" ] && [ -x "$classic" ] ||
    { echo "usage: $0 HERD SOURCE_ROOT HERD_CLASSIC" >&2; exit 2; }
case $herd in /*) ;; *) herd=$(pwd)/$herd ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
case $classic in /*) ;; *) classic=$(pwd)/$classic ;; esac

. "$(dirname "$0")/checks.sh"

lines() {
    wc -l < "$1" | tr -d ' '
}

header='policy,rep,seed_hi,seed_lo,tick,innovation,innovation_value,innovation_cum,output,performance,morale,morale_sd,skill,initiative,bond,dependence,turnover,front_runners,attention,front_share,coordination_gap,crisis,novelty,leaders_present'

cat > "$tmp/small.ini" <<'EOF'
; small and quick
[run]
ticks = 12
reps = 3
seed = 7

[organisation]
n_teams = 6
team_size = 5

[policy.left]
teams = 0-2
policy = front

[event.storm]
kind = crisis
start = 4
length = 3
intensity = 0.9
teams = 1-4
EOF

# Every bundled scenario is valid and says what it is meant to show.
for f in "$src"/examples/scenarios/*.ini; do
    check "validate $(basename "$f")" "$herd" validate "$f" > /dev/null
    check "$(basename "$f") says what it shows" grep -q '^; .*[Mm]eant to show' "$f"
done
check "ten bundled scenarios" [ "$(ls "$src"/examples/scenarios/*.ini | wc -l)" -eq 10 ]

# A run: the header, then ticks x reps rows.
"$herd" run "$tmp/small.ini" --out "$tmp/a.csv"
check "run exits 0" [ $? -eq 0 ]
check "header" [ "$(head -n 1 "$tmp/a.csv")" = "$header" ]
check "rows = ticks x reps + 1" [ "$(lines "$tmp/a.csv")" -eq 37 ]
check "mixed policy label" [ "$(sed -n 2p "$tmp/a.csv" | cut -d, -f1)" = mixed ]
check "--policy overrides every team" sh -c \
    '"$1" run "$2" --policy servant | sed -n 2p | grep -q "^servant,"' sh "$herd" "$tmp/small.ini"

# The same seed gives the same file; threads do not change it; another seed changes it.
"$herd" run "$tmp/small.ini" --out "$tmp/b.csv"
check "same seed, same file" cmp -s "$tmp/a.csv" "$tmp/b.csv"
"$herd" run "$tmp/small.ini" --threads 1 --out "$tmp/t1.csv"
"$herd" run "$tmp/small.ini" --threads 2 --out "$tmp/t2.csv"
check "--threads 2 = --threads 1" cmp -s "$tmp/t1.csv" "$tmp/t2.csv"
check "--threads 1 = default" cmp -s "$tmp/t1.csv" "$tmp/a.csv"
"$herd" run "$tmp/small.ini" --seed 8 --out "$tmp/c.csv"
check "another seed, another file" sh -c '! cmp -s "$1" "$2"' sh "$tmp/a.csv" "$tmp/c.csv"

# --set and the other overrides.
"$herd" run "$tmp/small.ini" --set ticks=5 --set reps=2 --out "$tmp/set.csv"
check "--set ticks, reps" [ "$(lines "$tmp/set.csv")" -eq 11 ]
"$herd" run "$tmp/small.ini" --ticks 5 --reps 1 > "$tmp/opt.csv"
check "--ticks, --reps to stdout" [ "$(lines "$tmp/opt.csv")" -eq 6 ]
"$herd" run "$tmp/small.ini" --set run.reps=1 --set ticks=5 --set n_teams=3 \
    --set policy.left.teams=0-1 --set event.storm.teams=all --out "$tmp/set2.csv"
check "--set with sections" [ "$(lines "$tmp/set2.csv")" -eq 6 ]
"$herd" run "$tmp/small.ini" --set crisis_rate=1 --set reps=1 --out "$tmp/crisis.csv"
"$herd" run "$tmp/small.ini" --set reps=1 --out "$tmp/calm.csv"
check "--set a parameter changes the result" sh -c '! cmp -s "$1" "$2"' sh \
    "$tmp/crisis.csv" "$tmp/calm.csv"
"$herd" run "$tmp/small.ini" --set n_teams=3 --out "$tmp/never.csv" 2> "$tmp/err"
check "--set that breaks a range: status 2" [ $? -eq 2 ]
check "--set that breaks a range: message" grep -q 'event.storm.teams: teams 1-4 are outside' "$tmp/err"
check "--set that breaks a range: no output" [ ! -e "$tmp/never.csv" ]
"$herd" run "$tmp/small.ini" --set n_teams=ten > /dev/null 2> "$tmp/err"
check "--set bad value: status 2" [ $? -eq 2 ]
check "--set bad value: message" grep -q 'n_teams: "ten" is not a whole number' "$tmp/err"
"$herd" run "$tmp/small.ini" --set nonsense=1 > /dev/null 2> "$tmp/err"
check "--set unknown key: status 2" [ $? -eq 2 ]
"$herd" run "$tmp/small.ini" --policy nobody > /dev/null 2> "$tmp/err"
check "--policy unknown: status 2" [ $? -eq 2 ]

# Declared styles: run, vary by --set, refused keys with their messages.
styles="$src/examples/scenarios/styles.ini"
expect_refusal() { # expect_refusal DESCRIPTION MESSAGE COMMAND...: status 2 and the message
    desc=$1
    want=$2
    shift 2
    "$@" > /dev/null 2> "$tmp/err"
    check "$desc: status 2" [ $? -eq 2 ]
    check "$desc: message '$want' (got '$(cat "$tmp/err")')" grep -qF -- "$want" "$tmp/err"
}
expect_refusal "--set a leader skill too low for its spread" \
    "leader_skill_sd: 0.1 is too large for leader_skill = 0.01" \
    "$herd" run "$tmp/small.ini" --set leader_skill=0.01
expect_refusal "sweep --vary a leader skill too low for its spread" \
    "leader_skill_sd: 0.1 is too large for leader_skill = 0.01" \
    "$herd" sweep "$tmp/small.ini" --vary leader_skill=0.01:0.5 --out "$tmp/sweep-spread"
expect_refusal "--per-team with --checkpoint" "--per-team does not go with --checkpoint" \
    "$herd" run "$tmp/small.ini" --per-team "$tmp/t.csv" --checkpoint "$tmp/ck"
expect_refusal "--per-team to standard output" "--per-team needs a file name" \
    "$herd" run "$tmp/small.ini" --per-team -
"$herd" run "$tmp/small.ini" --per-team "$tmp/teams/t.csv" --out "$tmp/org.csv"
check "--per-team: a row per team and tick, folders made" \
    [ "$(lines "$tmp/teams/t.csv")" -eq $(( ($(lines "$tmp/org.csv") - 1) * 6 + 1 )) ]
"$herd" run "$styles" --ticks 20 --out "$tmp/styles.csv"
check "a scenario with styles runs" [ "$(lines "$tmp/styles.csv")" -eq 21 ]
"$herd" run "$styles" --ticks 20 --policy delegator --out "$tmp/delegator.csv"
check "--policy names a declared style" [ "$(sed -n 2p "$tmp/delegator.csv" | cut -d, -f1)" = delegator ]
"$herd" run "$styles" --ticks 20 --policy delegator --set style.delegator.delegation=0 \
    --out "$tmp/delegator0.csv"
check "--set a style's share changes the result" sh -c '! cmp -s "$1" "$2"' sh \
    "$tmp/delegator.csv" "$tmp/delegator0.csv"
"$herd" run "$styles" --ticks 20 --policy behind --out "$tmp/behind.csv"
"$herd" run "$styles" --ticks 20 --policy delegator --set style.delegator.direction=0.05 \
    --set style.delegator.delegation=0.25 --out "$tmp/asbehind.csv"
check "a style set back to its base runs as the base" sh -c \
    'diff -q "$1" "$2" > /dev/null || [ "$(cut -d, -f2- "$1")" = "$(cut -d, -f2- "$2")" ]' sh \
    "$tmp/behind.csv" "$tmp/asbehind.csv"
check "validate --set a style key" "$herd" validate "$styles" --set style.firefighter.calm.support=0.3
expect_refusal "--set unknown style key" \
    "herd validate: --set: style.delegator.directon: unknown key; did you mean direction?" \
    "$herd" validate "$styles" --set style.delegator.directon=0.2
expect_refusal "--set a style share out of range" \
    "style.delegator.own_work: 2 is outside the range [0, 1]" \
    "$herd" run "$styles" --set style.delegator.own_work=2
expect_refusal "--set a cycle of bases" \
    "style.delegator.base: delegator leads back to itself through delegator" \
    "$herd" run "$styles" --set style.delegator.base=delegator
expect_refusal "--set a leave threshold above the enter one" \
    "style.firefighter.crisis_leave: 0.5 is above crisis_enter = 0.2" \
    "$herd" validate "$styles" --set style.firefighter.crisis_leave=0.5
expect_refusal "--set a style named as a built-in" \
    "style.front.direction: front is already the name of a policy" \
    "$herd" validate "$styles" --set style.front.direction=0.5
expect_refusal "--set an unknown section" "bogus.key: unknown section \"bogus\"" \
    "$herd" validate "$styles" --set bogus.key=1
expect_refusal "--set an unknown team policy" \
    "policy.watch.policy: unknown policy \"nobody\"; the policies are front, behind, servant, hybrid, situational, delegator, firefighter" \
    "$herd" validate "$styles" --set policy.watch.policy=nobody
expect_refusal "--set an event start outside the run" "event.late.start: tick 500 is outside the run" \
    "$herd" validate "$styles" --set event.late.kind=crisis --set event.late.start=500
"$herd" compare "$styles" --policies behind,delegator,firefighter --reps 2 --ticks 10 \
    --no-plots --no-progress --out "$tmp/cmp-styles" > /dev/null
check "compare --policies names declared styles" grep -q "delegator" "$tmp/cmp-styles/summary.csv"
expect_refusal "compare --policies unknown" \
    "--policies: unknown policy 'nobody' in $styles" \
    "$herd" compare "$styles" --policies behind,nobody --reps 2 --ticks 10 --no-plots \
    --out "$tmp/cmp-none"
(cd "$tmp" && "$herd" sweep "$styles" --ticks 5 --vary leader_skill=0.3:0.9 --design lhs \
    --samples 2 --policies behind,firefighter --reps 1 --out sweep-styles > /dev/null 2>&1)
check "sweep --policies names declared styles" grep -q ",firefighter," "$tmp/sweep-styles/runs.csv"
expect_refusal "sweep --policies unknown" "nobody is neither a built-in policy" \
    "$herd" sweep "$styles" --vary leader_skill=0.3:0.9 --design lhs --samples 2 \
    --policies nobody --out "$tmp/sweep-none"
check "herd info prints the hybrid's thresholds" sh -c \
    '"$1" info | grep -q "switch: crisis_enter 0.3 crisis_leave 0.15"' sh "$herd"
check "herd info prints front's stance" sh -c \
    '"$1" info | grep -q "stance: direction 0.45 support 0.05"' sh "$herd"

# Bad usage.
"$herd" > /dev/null 2>&1
check "no command: status 2" [ $? -eq 2 ]
"$herd" frobnicate > /dev/null 2>&1
check "unknown command: status 2" [ $? -eq 2 ]
"$herd" run > /dev/null 2>&1
check "run without a scenario: status 2" [ $? -eq 2 ]
"$herd" run "$tmp/small.ini" --bogus > /dev/null 2>&1
check "unknown option: status 2" [ $? -eq 2 ]
"$herd" run "$tmp/small.ini" --ticks > /dev/null 2>&1
check "option without value: status 2" [ $? -eq 2 ]
"$herd" run "$tmp/small.ini" --threads -1 > /dev/null 2>&1
check "bad --threads: status 2" [ $? -eq 2 ]
# One usage error for every subcommand: the message, the hint and status 2.
for c in run validate info compare optimise sweep robustness calibrate; do
    "$herd" $c --no-such-option > /dev/null 2> "$tmp/err"
    check "$c unknown option: status 2" [ $? -eq 2 ]
    check "$c unknown option: message" grep -qF "herd $c: unknown option --no-such-option" "$tmp/err"
    check "$c unknown option: hint" grep -qxF "Try 'herd $c --help'." "$tmp/err"
done
for c in "run --ticks" "validate --set" "compare --reps" "optimise --reps" "sweep --reps" \
    "robustness --reps" "calibrate --reps" "classic march --reps"; do
    "$herd" $c > /dev/null 2> "$tmp/err"
    check "herd $c without a value: status 2" [ $? -eq 2 ]
    check "herd $c without a value: message" \
        grep -qF -- "herd ${c% *}: option ${c##* } needs a value" "$tmp/err"
done
for c in "run --threads" "compare --reps" "robustness --points" "calibrate --max-evals"; do
    "$herd" $c many "$tmp/small.ini" > /dev/null 2> "$tmp/err"
    check "herd $c many: status 2" [ $? -eq 2 ]
    check "herd $c many: message" grep -qF -- "${c##* } many: expected a whole number from" "$tmp/err"
done
for c in run validate info; do
    check "$c --help" sh -c '"$1" "$2" --help | grep -q "^Usage: herd $2"' sh "$herd" "$c"
done
check "herd --help" sh -c '"$1" --help | grep -q "^Usage: herd"' sh "$herd"
check "herd --version" sh -c '"$1" --version | grep -q "^herd [0-9]"' sh "$herd"
check "info lists policies" sh -c '"$1" info | grep -q "^  servant "' sh "$herd"
check "info lists parameters" sh -c '"$1" info | grep -q "^  attempt_rate "' sh "$herd"
check "info lists the record's fields" \
    sh -c '"$1" info | grep -q "^  coordination_gap  *1  *lower "' sh "$herd"
check "info lists the run metrics" \
    sh -c '"$1" info | grep -q "^  turnover_rate_annual  *1/year  *lower "' sh "$herd"

# Every bad scenario: status 2, its message, no output, no temporary file left behind.
# A fixed memory ceiling makes absurd_memory.ini too big on any machine.
HERD_MEMORY_LIMIT=16000000000
export HERD_MEMORY_LIMIT
for f in "$src"/tests/data/bad/*.ini; do
    name=$(basename "$f" .ini)
    mkdir -p "$tmp/bad"
    cp "$f" "$tmp/bad/"
    (cd "$tmp/bad" && "$herd" run "$name.ini" --out "$tmp/bad/out.csv" > /dev/null 2> "$tmp/bad/err")
    status=$?
    want=$(cat "$src/tests/data/bad/$name.expect")
    check "$name: status 2 (got $status)" [ "$status" -eq 2 ]
    check "$name: message '$want' (got '$(cat "$tmp/bad/err")')" grep -qF -- "$want" "$tmp/bad/err"
    check "$name: no output" [ ! -e "$tmp/bad/out.csv" ]
    (cd "$tmp/bad" && "$herd" validate "$name.ini" > /dev/null 2>&1)
    check "$name: validate status 2" [ $? -eq 2 ]
    rm -f "$tmp/bad/$name.ini"
    check "$name: nothing left behind" [ -z "$(ls -A "$tmp/bad" | grep -v '^err$')" ]
done

unset HERD_MEMORY_LIMIT
check "HERD_MEMORY_LIMIT lowers the ceiling" sh -c \
    'HERD_MEMORY_LIMIT=1000 "$1" validate "$2" 2>&1 | grep -q "more than the 1000.0 bytes"' \
    sh "$herd" "$tmp/small.ini"
check "an empty HERD_MEMORY_LIMIT sets no ceiling" env HERD_MEMORY_LIMIT= "$herd" validate \
    "$tmp/small.ini"
# A HERD_MEMORY_LIMIT that is not a number of bytes is refused before anything is written.
for bad in abc 0 -1 1.5 4GB; do
    HERD_MEMORY_LIMIT=$bad "$herd" run "$tmp/small.ini" --out "$tmp/mem.csv" > /dev/null 2> "$tmp/err"
    check "HERD_MEMORY_LIMIT=$bad: status 2" [ $? -eq 2 ]
    check "HERD_MEMORY_LIMIT=$bad: message (got '$(cat "$tmp/err")')" \
        grep -qF "herd run: HERD_MEMORY_LIMIT=$bad: expected the bytes" "$tmp/err"
    check "HERD_MEMORY_LIMIT=$bad: no output" [ ! -e "$tmp/mem.csv" ]
done
HERD_MEMORY_LIMIT=abc "$herd" validate "$tmp/small.ini" "$tmp/small.ini" > /dev/null 2> "$tmp/err"
check "HERD_MEMORY_LIMIT=abc: validate status 2" [ $? -eq 2 ]
check "HERD_MEMORY_LIMIT=abc: validate says so once (got '$(cat "$tmp/err")')" \
    [ "$(grep -c "^herd validate: HERD_MEMORY_LIMIT=abc: expected the bytes" "$tmp/err")" -eq 1 ]
for cmd in compare optimise "sweep --vary crisis_rate=0:0.1"; do
    # shellcheck disable=SC2086
    HERD_MEMORY_LIMIT=abc "$herd" $cmd "$tmp/small.ini" --out "$tmp/mem-out" > /dev/null 2> "$tmp/err"
    check "HERD_MEMORY_LIMIT=abc: $cmd status 2" [ $? -eq 2 ]
    check "HERD_MEMORY_LIMIT=abc: $cmd message (got '$(cat "$tmp/err")')" \
        grep -qF "herd ${cmd%% *}: HERD_MEMORY_LIMIT=abc: expected the bytes" "$tmp/err"
    check "HERD_MEMORY_LIMIT=abc: $cmd makes no folder" [ ! -e "$tmp/mem-out" ]
done

# Files that cannot be read.
"$herd" run "$tmp/no-such.ini" --out "$tmp/x.csv" 2> "$tmp/err"
check "missing file: status 2" [ $? -eq 2 ]
check "missing file: message" grep -q "no-such.ini: cannot open: " "$tmp/err"
mkdir "$tmp/dir.ini"
"$herd" validate "$tmp/dir.ini" 2> "$tmp/err"
check "a directory: status 2" [ $? -eq 2 ]
check "a directory: message" grep -q "dir.ini: cannot read: " "$tmp/err"
if [ "$(id -u)" -ne 0 ]; then
    cp "$tmp/small.ini" "$tmp/locked.ini"
    chmod 000 "$tmp/locked.ini"
    "$herd" validate "$tmp/locked.ini" 2> "$tmp/err"
    check "unreadable: status 2" [ $? -eq 2 ]
    check "unreadable: message" grep -q "locked.ini: cannot open: " "$tmp/err"
fi
check "no output from unreadable inputs" [ ! -e "$tmp/x.csv" ]

# Output that cannot be written (a file stands where a folder should): status 1, nothing
# created. A missing folder is made instead.
"$herd" run "$tmp/small.ini" --out "$tmp/small.ini/nodir/out.csv" 2> "$tmp/err"
check "unwritable output: status 1" [ $? -eq 1 ]
check "unwritable output: message" \
    grep -q "small.ini/nodir/out.csv: cannot make the folder" "$tmp/err"
check "unwritable output: nothing created" [ -f "$tmp/small.ini" ]

# Special destinations: a device is written in place, a symbolic link is kept.
"$herd" run "$tmp/small.ini" --out /dev/null
check "--out /dev/null: status 0" [ $? -eq 0 ]
check "--out /dev/null: still a device" [ -c /dev/null ]
ln -s target.csv "$tmp/link.csv"
"$herd" run "$tmp/small.ini" --out "$tmp/link.csv"
check "--out a link: the link is kept" [ -L "$tmp/link.csv" ]
check "--out a link: its target is written" cmp -s "$tmp/target.csv" "$tmp/a.csv"
"$herd" run "$tmp/small.ini" --out "$tmp" 2> "$tmp/err"
check "--out a directory: status 1" [ $? -eq 1 ]

# A run stopped midway leaves neither the output nor a temporary file.
mkdir "$tmp/stop"
cat > "$tmp/stop/long.ini" <<'EOF'
[run]
ticks = 100000
[organisation]
n_teams = 2000
EOF
"$herd" run "$tmp/stop/long.ini" --out "$tmp/stop/out.csv" 2> "$tmp/err" &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
check "stopped run: status 1" [ $? -eq 1 ]
check "stopped run: message" grep -q "interrupted" "$tmp/err"
check "stopped run: no output, no temporary file" [ "$(ls -A "$tmp/stop")" = long.ini ]

# herd classic: help for the command and each model, the lazerfriedman alias, bad usage.
"$herd" classic --help > "$tmp/out" 2> "$tmp/err"
check "classic --help: status 0" [ $? -eq 0 ]
check "classic --help: usage on stdout" grep -q "^usage: herd classic MODEL" "$tmp/out"
for model in march hongpage lazer lazerfriedman; do
    "$herd" classic $model --help > "$tmp/out" 2> "$tmp/err"
    check "classic $model --help: status 0" [ $? -eq 0 ]
    check "classic $model --help: its keys" grep -q "^  --reps" "$tmp/out"
done
check "classic lazerfriedman --help: the lazer keys" grep -q "^  --network" "$tmp/out"
"$herd" classic lazerfriedman --bits 8 --interactions 2 --agents 10 --rounds 3 --reps 2 \
    > "$tmp/lf.csv"
check "classic lazerfriedman: status 0" [ $? -eq 0 ]
"$herd" classic lazer --bits 8 --interactions 2 --agents 10 --rounds 3 --reps 2 > "$tmp/lz.csv"
check "classic lazerfriedman runs lazer" cmp -s "$tmp/lf.csv" "$tmp/lz.csv"
"$herd" classic nosuchmodel > "$tmp/out" 2> "$tmp/err"
check "classic unknown model: status 2" [ $? -eq 2 ]
check "classic unknown model: message" grep -q "unknown model 'nosuchmodel'" "$tmp/err"
"$herd" classic march --colour red > "$tmp/out" 2> "$tmp/err"
check "classic unknown key: status 2" [ $? -eq 2 ]
check "classic unknown key: message" grep -q "unknown key colour" "$tmp/err"
"$herd" classic lazer --set bits=8 --set interactions=2 --agents=10 --set rounds=3 --reps 2 \
    > "$tmp/lz-set.csv"
check "classic --set KEY=VALUE is --KEY VALUE" cmp -s "$tmp/lz-set.csv" "$tmp/lz.csv"
expect_refusal "classic --set without =" "--set bits: expected KEY=VALUE" \
    "$herd" classic lazer --set bits
expect_refusal "classic --set of an unknown key" "unknown key colour" \
    "$herd" classic lazer --set colour=red
expect_refusal "classic lazer small-world of an odd degree" \
    "degree must be an even whole number for a small-world network" \
    "$herd" classic lazer --network small-world --degree 3
"$herd" classic march --individuals 4000000000 > "$tmp/out" 2> "$tmp/err"
check "classic absurd size: status 2" [ $? -eq 2 ]
check "classic absurd size: names the field" grep -q "individuals" "$tmp/err"
"$herd" classic march --reps 2 --out "$tmp/march.csv" 2> "$tmp/err"
check "classic --out FILE: status 0" [ $? -eq 0 ]
check "classic --out FILE: the summary" grep -q "^march,summary,,.*,periods," "$tmp/march.csv"
# With one replication no summary row has a standard error; runs_at_cap and random_wins have
# none with any number.
"$herd" classic march --reps 1 --dimensions 10 --individuals 10 > "$tmp/march1.csv"
check "classic march --reps 1: every summary se empty" sh -c \
    '[ "$(grep -c "^march,summary,.*,$" "$1")" -eq 5 ]' sh "$tmp/march1.csv"
check "classic march: runs_at_cap has no se" grep -q "^march,summary,.*,runs_at_cap,[0-9]*,$" \
    "$tmp/march.csv"
for reps in 1 2; do
    "$herd" classic hongpage --reps $reps --ring_size 200 --pool_size 30 > "$tmp/hp.csv"
    check "classic hongpage --reps $reps: random_wins has no se" \
        grep -q "^hongpage,summary,.*,random_wins,[0-9.]*,$" "$tmp/hp.csv"
done
check "classic hongpage --reps 2: the other rows have an se" sh -c \
    '[ "$(grep -c "^hongpage,summary,.*,[0-9.e-]*,[0-9.e-]\{1,\}$" "$1")" -eq 5 ]' sh "$tmp/hp.csv"
"$herd" classic march --reps 1 --out /dev/null 2> "$tmp/err"
check "classic --out /dev/null: status 0" [ $? -eq 0 ]
check "classic --out /dev/null: still a device" [ -c /dev/null ]
: > "$tmp/in-the-way"
"$herd" classic march --reps 1 --out "$tmp/in-the-way/march.csv" 2> "$tmp/err"
check "classic unwritable output: status 1" [ $? -eq 1 ]
check "classic unwritable output: names the file" grep -q "in-the-way/march.csv" "$tmp/err"
check "classic unwritable output: the file in the way is left alone" [ ! -s "$tmp/in-the-way" ]

# herd-classic names itself as it was invoked, in its usage and its messages.
"$classic" --help > "$tmp/out"
check "herd-classic --help: its own name" grep -q "^usage: herd-classic MODEL" "$tmp/out"
"$classic" lazer --help > "$tmp/out"
check "herd-classic lazer --help: its own name" grep -q "^usage: herd-classic lazer " "$tmp/out"
expect_refusal "herd-classic unknown model" "herd-classic: unknown model 'foo'" "$classic" foo
expect_refusal "herd-classic unknown key" "herd-classic march: unknown key colour" \
    "$classic" march --colour red
check "herd-classic unknown key: its own help" grep -qF "Try 'herd-classic march --help'." \
    "$tmp/err"
expect_refusal "herd-classic refused parameter" "herd-classic lazer: degree must be" \
    "$classic" lazer --network small-world --degree 3
ln -s "$classic" "$tmp/models"
expect_refusal "herd-classic under another name" "models march: unknown key colour" \
    "$tmp/models" march --colour red
check "herd-classic under another name: never herd classic" sh -c \
    '! grep -q "herd" "$1"' sh "$tmp/err"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
