#!/bin/sh
# Plug-ins end to end. Usage: plugin_test.sh HERD READINESS_SO BUILD_TESTS_DIR SOURCE_ROOT
# A user's plug-in and a declared style are compared with the four built-ins on a bundled
# scenario; bad plug-ins are refused with exit 2 and a message naming the file.
herd=$1 plugin=$2 built=$3 root=$4
. "$(dirname "$0")/checks.sh"

"$herd" info --plugin "$plugin" > "$tmp/info" 2>&1
check "info with a plug-in: exit 0" [ $? -eq 0 ]
check "info lists the plug-in's policy and its file" grep -q "from plug-in readiness ($plugin)" "$tmp/info"

# The bundled styles scenario declares styles; compare the plug-in, a declared style and the
# built-ins on it, with intervals.
scenario=$root/examples/scenarios/styles.ini
style=$(sed -n 's/^\[style\.\([A-Za-z0-9_-]*\)\]$/\1/p' "$scenario" | head -n 1)
"$herd" compare "$scenario" --plugin "$plugin" --ticks 40 --reps 3 --no-plots \
    --policies "readiness,$style,front,behind,servant,hybrid" --out "$tmp/cmp" > "$tmp/stdout" 2> "$tmp/err"
check "compare with a plug-in and a declared style: exit 0 ($(cat "$tmp/err"))" [ $? -eq 0 ]
check "the plug-in's policy is an arm" grep -q '^| readiness |' "$tmp/stdout"
check "the declared style is an arm" grep -q "^| $style |" "$tmp/stdout"
check "paired differences of the plug-in with each built-in" \
    [ "$(awk -F, '$2 == "readiness" && $3 != "" && $4 == "performance_total"' "$tmp/cmp/summary.csv" | wc -l)" -eq 5 ]
check "the plug-in's intervals are finite and hold their means" \
    awk -F, '$2 == "readiness" && $3 == "" { if (!($7 <= $5 && $5 <= $8)) bad = 1; n++ } END { exit bad || n == 0 }' \
    "$tmp/cmp/summary.csv"

# The built-ins' numbers do not change when a plug-in is loaded beside them.
"$herd" compare "$scenario" --ticks 40 --reps 3 --no-plots --policies front,behind,servant,hybrid \
    --out "$tmp/plain" > /dev/null 2>&1
check "built-ins alone: exit 0" [ $? -eq 0 ]
grep -v readiness "$tmp/cmp/runs.csv" | grep -v ",$style," > "$tmp/with.csv"
check "the built-ins' runs are the same with the plug-in loaded" cmp -s "$tmp/with.csv" "$tmp/plain/runs.csv"

# The plug-in's policy named in a scenario file, through run and validate.
sed "s/^policy = .*/policy = readiness/" "$scenario" > "$tmp/uses.ini"
"$herd" validate "$tmp/uses.ini" --plugin "$plugin" > /dev/null 2>&1
check "validate names the plug-in's policy in a file" [ $? -eq 0 ]
"$herd" run "$tmp/uses.ini" --plugin="$plugin" --set run.ticks=5 --out "$tmp/run.csv" 2> /dev/null
check "run with the plug-in's policy: exit 0" [ $? -eq 0 ]
"$herd" sweep "$tmp/uses.ini" --plugin "$plugin" --vary leader_skill=0.3:0.6:2 --ticks 5 \
    --reps 1 --policies readiness,front --out "$tmp/sweep" > /dev/null 2>&1
check "sweep with the plug-in's policy: exit 0" [ $? -eq 0 ]
check "sweep rows of the plug-in's policy" grep -q ',readiness,' "$tmp/sweep/runs.csv"
"$herd" validate "$tmp/uses.ini" > /dev/null 2> "$tmp/err"
check "without the plug-in the name is unknown" grep -q 'readiness' "$tmp/err"

refused() { # DESCRIPTION TEXT FILE
    checks=$((checks + 1))
    "$herd" compare "$scenario" --plugin "$3" --reps 2 --out "$tmp/x" > /dev/null 2> "$tmp/err"
    got=$?
    [ "$got" -eq 2 ] || fail "$1: exit $got, expected 2"
    grep -qF -- "$3" "$tmp/err" || fail "$1: message does not name the file: $(cat "$tmp/err")"
    grep -qF -- "$2" "$tmp/err" || fail "$1: message lacks '$2': $(cat "$tmp/err")"
}
refused "a missing file" "cannot load" "$tmp/nowhere.so"
refused "no entry point" "no herd_plugin_entry" "$built/bad_plugin.so"
refused "a wrong plug-in version" "plug-in version 2" "$built/bad_plugin1.so"
refused "a policy named as a built-in" "policy front: a policy of that name is already loaded" "$built/bad_plugin2.so"
refused "a policy of another version" "policy odd has version 4" "$built/bad_plugin3.so"
refused "no policies" "returned no plug-in or no policies" "$built/bad_plugin4.so"
: > "$tmp/empty.so"
refused "not a shared object" "cannot load" "$tmp/empty.so"
cp "$plugin" "$tmp/here.so"
herd_path=$(cd "$(dirname "$herd")" && pwd)/$(basename "$herd")
(cd "$tmp" && "$herd_path" info --plugin here.so > /dev/null 2> "$tmp/err")
check "a plug-in in this folder named without ./: exit 2" [ $? -eq 2 ]
check "a plug-in in this folder named without ./: says to write ./here.so" \
    grep -qF 'for the file in this folder, write ./here.so' "$tmp/err"
(cd "$tmp" && "$herd_path" info --plugin ./here.so > /dev/null 2>&1)
check "a plug-in in this folder named with ./ loads" [ $? -eq 0 ]
"$herd" compare "$scenario" --plugin "$plugin" --plugin "$plugin" --reps 2 --out "$tmp/x" > /dev/null 2> "$tmp/err"
check "the same plug-in twice: exit 2" [ $? -eq 2 ]
check "the same plug-in twice: says the name is loaded" grep -q 'already loaded' "$tmp/err"
"$herd" run "$scenario" --plugin > /dev/null 2> "$tmp/err"
check "--plugin without a file: exit 2" [ $? -eq 2 ]

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
