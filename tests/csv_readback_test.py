"""Reads every CSV file the herd program writes with Python's csv module, as a user would:
each header is the one the library's tables of outputs generate, every number is written as
the shortest of %.15g, %.16g and %.17g that reads back to the same double, numbers that the
library computes from one another agree exactly across files, seeds come back exact as
seed_hi * 2^32 + seed_lo, and per-team rows add up to the organisation's.

Usage: csv_readback_test.py HERD OUTPUT_TABLE SOURCE_ROOT"""
import csv
import math
import os
import subprocess
import sys
import tempfile

HERD, OUTPUT_TABLE, ROOT = sys.argv[1:4]
MASK = (1 << 64) - 1
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def names(kind):
    """The names of one table of outputs, from the generator of the docs."""
    out = subprocess.run([OUTPUT_TABLE, kind], check=True, capture_output=True, text=True)
    return [line.split("`")[1] for line in out.stdout.splitlines() if line.startswith("| `")]


RECORD = names("record")
SUMMARY = names("summary")


def herd(*args):
    subprocess.run([HERD, *args], check=True, stdout=subprocess.DEVNULL)


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def seed_derive(seed, index):
    """herd_seed_derive, from its definition in lib/rng.c."""
    return mix64((mix64(seed) + (index + 1) * 0x9E3779B97F4A7C15) & MASK)


def seed_of(row):
    hi, lo = row["seed_hi"], row["seed_lo"]
    # Both columns are whole numbers below 2^32: a reader parsing them as doubles keeps them.
    check(hi.isdigit() and lo.isdigit() and float(hi) < 2**32 and float(lo) < 2**32,
          f"seed columns {hi},{lo} are not whole numbers below 2^32")
    return int(float(hi)) << 32 | int(float(lo))


def shortest(x):
    """The text herd writes for x: the first of 15, 16, 17 significant digits that reads
    back to x."""
    if not math.isfinite(x):
        return None
    for digits in (15, 16, 17):
        text = "%.*g" % (digits, x)
        if float(text) == x:
            return text
    return text


def number(text, where):
    """The double in text, checked to be written as herd writes every number."""
    x = float(text)
    check(math.isfinite(x) and text == shortest(x),
          f"{where}: {text!r} is not the shortest text that reads back to {x!r}")
    return x


def numbers(rows, columns, where, missing=()):
    for i, row in enumerate(rows):
        for c in columns:
            if row[c] not in missing:
                number(row[c], f"{where} row {i + 2} column {c}")


def test_run(tmp):
    scenario = os.path.join(ROOT, "examples", "scenarios", "mixed.ini")
    out, teams = os.path.join(tmp, "run.csv"), os.path.join(tmp, "teams.csv")
    herd("run", scenario, "--reps", "2", "--ticks", "12", "--seed", "5", "--no-progress",
         "--out", out, "--per-team", teams)
    header, rows = read(out)
    check(header == ["policy", "rep", "seed_hi", "seed_lo", "tick"] + RECORD,
          f"herd run's header {header}")
    numbers(rows, RECORD, "run.csv")
    check(len(rows) == 24, "herd run: 2 reps x 12 ticks")
    for row in rows:
        check(seed_of(row) == seed_derive(5, int(row["rep"])),
              f"run.csv rep {row['rep']}: seed is not herd_seed_derive(5, rep)")
    check(any(seed_of(r) >= 2**53 for r in rows), "no seed of run.csv above 2^53 to test")

    theader, trows = read(teams)
    check(theader == ["rep", "seed_hi", "seed_lo", "tick", "team", "policy", "size"] + RECORD,
          f"--per-team header {theader}")
    numbers(trows, RECORD, "teams.csv")
    check(len(trows) == 24 * 40, "--per-team: 40 teams per tick")
    blocks = {range(0, 10): "front", range(10, 20): "behind", range(20, 30): "servant",
              range(30, 40): "hybrid"}
    for row in trows:
        want = next(p for teams_of, p in blocks.items() if int(row["team"]) in teams_of)
        check(row["policy"] == want and row["size"] == "10",
              f"team {row['team']}: policy {row['policy']}, size {row['size']}")
    for row in rows:
        key = (row["rep"], row["tick"])
        mine = [t for t in trows if (t["rep"], t["tick"]) == key]
        check(all(seed_of(t) == seed_of(row) for t in mine), f"{key}: per-team seeds differ")
        # Sums over teams, in team order as the engine sums them: exactly the organisation's.
        for field in ("innovation", "innovation_value", "output", "turnover", "front_runners"):
            total = 0.0
            for t in mine:
                total += float(t[field])
            check(total == float(row[field]), f"{key}: {field} summed over teams {total} "
                  f"is not the organisation's {row[field]}")
        for field in ("morale", "skill", "initiative", "bond", "dependence"):
            mean = sum(float(t[field]) * 10 for t in mine) / 400
            check(math.isclose(mean, float(row[field]), rel_tol=1e-12, abs_tol=1e-15),
                  f"{key}: {field} averaged over teams by size")
        for field in ("attention", "front_share", "coordination_gap", "crisis", "novelty",
                      "leaders_present"):
            mean = sum(float(t[field]) for t in mine) / 40
            check(math.isclose(mean, float(row[field]), rel_tol=1e-12, abs_tol=1e-15),
                  f"{key}: {field} averaged over teams")
        cum = sum(float(t["innovation_cum"]) for t in mine)
        check(math.isclose(cum, float(row["innovation_cum"]), rel_tol=1e-12),
              f"{key}: innovation_cum summed over teams")
    by_policy = {}
    for t in trows:
        by_policy.setdefault(t["policy"], set()).add(int(t["team"]))
    check(sorted(by_policy) == ["behind", "front", "hybrid", "servant"] and
          all(len(v) == 10 for v in by_policy.values()), "per-team rows by policy")


def test_compare(tmp):
    scenario = os.path.join(tmp, "tiny.ini")
    with open(scenario, "w") as f:
        f.write("[run]\nticks = 12\nseed = 5\n[organisation]\nn_teams = 4\nteam_size = 5\n")
    out = os.path.join(tmp, "cmp")
    herd("compare", scenario, "--reps", "2", "--policies", "behind,front", "--no-plots",
         "--no-progress", "--grid", "2", "--out", out)
    header, rows = read(os.path.join(out, "runs.csv"))
    check(header == ["scenario", "policy", "rep", "seed_hi", "seed_lo", "metric", "value"],
          f"compare runs.csv header {header}")
    check({r["metric"] for r in rows} >= set(SUMMARY), "compare: a run metric is missing")
    numbers(rows, ["value"], "compare runs.csv")
    for row in rows:
        check(seed_of(row) == seed_derive(5, int(row["rep"])), "compare: a seed")
    # herd run of the same scenario and policy: the run metric is the sum of its column.
    ran = os.path.join(tmp, "tiny.csv")
    herd("run", scenario, "--policy", "front", "--reps", "2", "--no-progress", "--out", ran)
    _, ticks = read(ran)
    for row in rows:
        if row["policy"] == "front" and row["metric"] == "performance_total":
            total = 0.0
            for t in ticks:
                if t["rep"] == row["rep"]:
                    total += float(t["performance"])
            check(total == float(row["value"]),
                  f"compare: performance_total {row['value']} is not herd run's sum {total}")
    header, rows = read(os.path.join(out, "summary.csv"))
    check(header == ["scenario", "policy", "other", "metric", "mean", "sd", "ci_low",
                     "ci_high", "n"], f"compare summary.csv header {header}")
    numbers(rows, ["mean", "sd", "ci_low", "ci_high"], "compare summary.csv", ("NA",))
    header, rows = read(os.path.join(out, "series_tiny.csv"))
    fields = ["innovation_cum", "performance", "morale", "skill"]
    check(header[:3] == ["policy", "tick", "n"] and
          header[3:] == [f"{f}_{s}" for f in fields for s in ("mean", "low", "high")],
          f"compare series header {header}")
    check(all(f in RECORD for f in fields), "compare series: a field not in the record")
    numbers(rows, header[3:], "compare series", ("NA",))
    header, rows = read(os.path.join(out, "regime.csv"))
    numbers(rows, header[2:4] + ["margin", "margin_low", "margin_high", "margin_pct"] +
            [h for h in header if h.startswith("mean_")], "compare regime.csv", ("NA",))


def test_sweep(tmp):
    scenario = os.path.join(tmp, "tiny.ini")
    out = os.path.join(tmp, "sweep")
    herd("sweep", scenario, "--vary", "leader_skill=0.2:0.4:3", "--vary", "skill_mean=0.3:0.6:2",
         "--reps", "2", "--threads", "1", "--series", "--out", out)
    header, rows = read(os.path.join(out, "runs.csv"))
    ident = ["run", "point", "policy", "rep", "seed_hi", "seed_lo", "leader_skill", "skill_mean"]
    check(header == ident + ["ticks"] + SUMMARY, f"sweep runs.csv header {header}")
    numbers(rows, ["leader_skill", "skill_mean"] + SUMMARY, "sweep runs.csv")
    for row in rows:
        want = seed_derive(seed_derive(5, int(row["point"])), int(row["rep"]))
        check(seed_of(row) == want, f"sweep run {row['run']}: seed")
    check(not os.path.exists(os.path.join(out, "series")), "sweep left its series folder")
    sheader, series = read(os.path.join(out, "series.csv"))
    check(sheader == ident + ["tick"] + RECORD, f"sweep series.csv header {sheader}")
    check(len(series) == len(rows) * 12, "sweep series.csv: one row per run and tick")
    numbers(series, ["leader_skill", "skill_mean"] + RECORD, "sweep series.csv")
    check([r["run"] for r in series] == [r["run"] for r in rows for _ in range(12)],
          "sweep series.csv: in run order")
    for row in rows:
        mine = [s for s in series if s["run"] == row["run"]]
        check(all(all(s[c] == row[c] for c in ident) for s in mine), "series: run columns")
        total = 0.0
        for s in mine:
            total += float(s["innovation_value"])
        check(total == float(row["innovation_value_total"]),
              f"sweep run {row['run']}: innovation_value_total is not its series' sum")
    herd("sweep", "--analyse", out)
    header, rows = read(os.path.join(out, "sensitivity.csv"))
    numbers(rows, header[3:], "sweep sensitivity.csv", ("NA", "nan"))


def test_classic(tmp):
    for model in ("march", "lazer", "hongpage"):
        out = os.path.join(tmp, f"{model}.csv")
        herd("classic", model, "--reps", "2", "--seed", "5", "--out", out)
        header, rows = read(out)
        check(header == ["model", "section", "rep", "seed_hi", "seed_lo", "t", "measure",
                         "value", "se"], f"classic {model} header {header}")
        numbers(rows, ["value", "se"], f"classic {model}", ("",))
        for row in rows:
            if row["section"] == "series":
                check(seed_of(row) == seed_derive(5, int(row["rep"])), f"classic {model}: seed")


with tempfile.TemporaryDirectory() as tmp:
    test_run(tmp)
    test_compare(tmp)
    test_sweep(tmp)
    test_classic(tmp)
if failures:
    sys.exit(f"{len(failures)} failures")
print("every CSV read back exactly")
