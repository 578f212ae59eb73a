#!/bin/sh
# herd run --sqlite: the database holds the rows of the CSV files, value for value, and one
# summary per replication; a database that cannot be written is named, exits with status 1
# and leaves no file behind, not even when SQLite fails part-way; bad usage exits with 2.
# herd compare --sqlite the same, with the tables of its CSV files.
# Usage: sqlite_cli_test.sh HERD PYTHON3 SOURCE_ROOT
set -u
herd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
python=$2
root=$3
. "$(cd "$(dirname "$0")" && pwd)/checks.sh"
cd "$tmp" || exit 2

cat > tiny.ini <<'INI'
[run]
ticks = 30
reps = 3
seed = 77
[organisation]
n_teams = 4
team_size = 5
INI

# The same rows as the CSV files, the same numbers bit for bit (SQLite's NULL for "nan"),
# one summary row per replication and the run's seed, version and scenario.
check "herd run --sqlite" "$herd" run "$root/examples/scenarios/mixed.ini" --ticks 30 --reps 3 \
  --seed 77 --no-progress --out runs.csv --per-team teams.csv --sqlite run.db --sqlite-teams
checks=$((checks + 1))
"$python" - run.db runs.csv teams.csv 77 3 <<'PY' || fail "the database differs from the CSV files"
import csv, math, sqlite3, struct, sys

db, runs, teams, seed, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
bad = 0

def bits(x):
    return struct.pack("<d", x)

def same(text, value, kind):
    if kind == "TEXT":
        return value == text
    if kind == "INTEGER":
        return isinstance(value, int) and value == int(text)
    x = float(text)
    return value is None if math.isnan(x) else isinstance(value, float) and bits(value) == bits(x)

def compare(table, path):
    global bad
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    header = [d[0] for d in cur.description]
    kinds = {r[1]: r[2] for r in conn.execute(f"PRAGMA table_info({table})")}
    got = cur.fetchall()
    if header != rows[0] or len(got) != len(rows) - 1 or not got:
        print(f"{table}: {len(got)} rows of {header}, the CSV {len(rows) - 1} of {rows[0]}")
        bad += 1
        return
    for n, (want, row) in enumerate(zip(rows[1:], got)):
        for name, text, value in zip(header, want, row):
            if not same(text, value, kinds[name]):
                print(f"{table} row {n} {name}: {value!r} in the database, {text} in {path}")
                bad += 1

compare("records", runs)
compare("team_records", teams)
summary = conn.execute("SELECT rep, ticks FROM summary ORDER BY rowid").fetchall()
if summary != [(r, 30) for r in range(reps)]:
    print("summary rows:", summary)
    bad += 1
hi, lo, version, scenario = conn.execute("SELECT * FROM run").fetchone()
if hi * 2**32 + lo != seed or not version or "[policy." not in scenario:
    print("run:", hi, lo, version, scenario)
    bad += 1
sys.exit(bad != 0)
PY

# --sqlite alone writes no CSV; the database does not depend on the threads.
out=$("$herd" run tiny.ini --sqlite one.db --threads 1 --no-progress)
check "--sqlite alone: exit 0" [ $? -eq 0 ]
check "--sqlite alone: nothing on standard output" [ -z "$out" ]
check "--threads 2" "$herd" run tiny.ini --sqlite two.db --threads 2 --no-progress
for t in records summary; do
  check "table $t does not depend on the threads" \
    [ "$(sqlite3 one.db "SELECT * FROM $t")" = "$(sqlite3 two.db "SELECT * FROM $t")" ]
done
check "no team rows without --sqlite-teams" \
  [ "$(sqlite3 one.db 'SELECT count(*) FROM team_records')" = 0 ]

# expect STATUS NAME COMMAND ARGS...: herd COMMAND exits with STATUS and its message holds
# NAME.
expect() {
  want=$1
  name=$2
  shift 2
  status=0
  checks=$((checks + 1))
  "$herd" "$@" > /dev/null 2> err.txt || status=$?
  if [ "$status" -ne "$want" ]; then
    fail "herd $*: exit $status, expected $want"
  elif ! grep -qF -- "$name" err.txt; then
    fail "herd $*: the message does not name $name: $(cat err.txt)"
  fi
}

mkdir folder
touch plain-file
expect 1 plain-file/x.db run tiny.ini --sqlite plain-file/x.db --no-progress
expect 2 'folder: is a directory' run tiny.ini --sqlite folder --no-progress
expect 2 '/dev/null: not a regular file' run tiny.ini --sqlite /dev/null --no-progress
expect 2 '--sqlite needs a file name' run tiny.ini --sqlite ''
expect 2 '--sqlite needs a file name' run tiny.ini --sqlite -
expect 2 '--sqlite-teams needs --sqlite' run tiny.ini --sqlite-teams
expect 2 'does not go with --checkpoint' run tiny.ini --sqlite x.db --checkpoint c.ckpt
check "no file left in folder" [ -z "$(ls -A folder)" ]

# SQLite fails part-way (a file size limit): status 1, the file and SQLite's message named,
# the database that was there before left as it was, no temporary file left.
cp one.db kept.db
status=0
(ulimit -f 16 && trap '' XFSZ && exec "$herd" run tiny.ini --set n_teams=200 --sqlite one.db \
  --sqlite-teams --no-progress) 2> err.txt || status=$?
check "a database too large for its file: exit 1" [ "$status" -eq 1 ]
check "a database too large: the file and SQLite's message" grep -q '^herd run: one\.db: .*disk' err.txt
check "the database there before is left as it was" cmp -s one.db kept.db
check "no temporary file left" [ -z "$(ls -A | grep '\.tmp-')" ]

# herd compare --sqlite: its CSV files' tables in one database, value for value (SQLite's
# NULL for "NA"), the series of every scenario in one table with a column scenario, and where
# the numbers came from: the scenario as run, its seed, the replications, the arms, herd's
# version (herd run's).
check "herd compare --sqlite" "$herd" compare tiny.ini --reps 2 --ticks 20 --regime-map --grid 2 \
  --regime-metric innovation,morale_mean --no-plots --no-progress --out cmp --sqlite cmp.db
checks=$((checks + 1))
"$python" - cmp.db cmp <<'PY' || fail "herd compare's database differs from its CSV files"
import csv, sqlite3, sys
db, folder = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
assert tables == ["regime", "runs", "scenarios", "series", "summary"], tables
rows = conn.execute("SELECT * FROM scenarios").fetchall()
assert len(rows) == 1, rows
name, hi, lo, reps, policies, version, text = rows[0]
assert (name, hi, lo, reps) == ("tiny", 0, 77, 2), rows[0]
arms = list(dict.fromkeys(r[0] for r in conn.execute("SELECT policy FROM runs ORDER BY rowid")))
assert policies.split(",") == arms and len(arms) > 1, (policies, arms)
(run_version,), = sqlite3.connect("run.db").execute("SELECT version FROM run").fetchall()
assert version == run_version, (version, run_version)
assert text.startswith("[run]\nticks = 20\nseed = 77\n") and "n_teams = 4\n" in text, text

def same(table, path, where=""):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    cursor = conn.execute(f"SELECT * FROM {table} {where} ORDER BY rowid")
    names = [d[0] for d in cursor.description]
    if where:
        names = names[1:]
    assert names == rows[0], (table, names, rows[0])
    got = cursor.fetchall()
    assert len(got) == len(rows) - 1, (table, len(got), len(rows) - 1)
    for want, row in zip(rows[1:], got):
        row = row[1:] if where else row
        for text, value in zip(want, row):
            if value is None:
                assert text in ("", "NA"), (table, text)
            elif isinstance(value, str):
                assert value == text, (table, value, text)
            else:
                assert float(text) == value, (table, text, value)

same("runs", f"{folder}/runs.csv")
same("scenarios", f"{folder}/scenarios.csv")
same("summary", f"{folder}/summary.csv")
same("series", f"{folder}/series_tiny.csv", "WHERE scenario = 'tiny'")
same("(SELECT * FROM regime WHERE metric = 'innovation_total')", f"{folder}/regime.csv")
same("(SELECT * FROM regime WHERE metric = 'morale_mean')", f"{folder}/regime_morale_mean.csv")
PY

# expect_compare STATUS NAME ARGS...: expect of a small herd compare into c1.
expect_compare() {
  w=$1 n=$2
  shift 2
  expect "$w" "$n" compare tiny.ini --reps 2 --ticks 5 --no-plots --no-progress --out c1 "$@"
}
expect_compare 2 'herd compare: --sqlite folder: is a directory' --sqlite folder
check "a refused --sqlite runs nothing" [ ! -e c1 ]
expect_compare 2 '/dev/null: not a regular file' --sqlite /dev/null
expect_compare 2 '--sqlite needs a file name' --sqlite ''
expect_compare 2 '--sqlite needs a file name' --sqlite -
expect_compare 1 'herd compare: plain-file/x.db' --sqlite plain-file/x.db
check "no runs for a database that cannot be made" [ ! -e c1/runs.csv ]
check "no file left in folder after compare" [ -z "$(ls -A folder)" ]
# SQLite fails part-way: status 1, the file and SQLite's message, the file there before kept.
cp cmp.db kept.db
status=0
(ulimit -f 100 && trap '' XFSZ && exec "$herd" compare tiny.ini --reps 2 --ticks 20 --no-plots \
  --no-progress --out c2 --sqlite cmp.db) > /dev/null 2> err.txt || status=$?
check "herd compare: a database too large for its file: exit 1" [ "$status" -eq 1 ]
check "herd compare: the file and SQLite's message" grep -q '^herd compare: cmp\.db: .*disk' err.txt
check "herd compare: the database there before is left as it was" cmp -s cmp.db kept.db
check "herd compare: no temporary file left" [ -z "$(ls -A | grep '\.tmp-')" ]

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
