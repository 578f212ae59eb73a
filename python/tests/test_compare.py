import io
import os
import subprocess
import traceback

import numpy as np
import pandas as pd
import pytest

import herd
from policies import Behind

PLUGIN = os.environ.get("HERD_PLUGIN", "")

# A small organisation that mixes policies, declares a style and meets a crisis.
SCENARIO = """
[run]
ticks = 40
seed = 11
reps = 3
policy = steady

[organisation]
n_teams = 12
team_size = 6

[style.steady]
base = behind
support = 0.3

[policy.front]
teams = 0-3
policy = front

[event.storm]
kind = crisis
start = 12
length = 6
intensity = 0.8
"""


class Counting(herd.Policy):
    """Per-team state that changes the stance: wrong if two runs shared it."""
    name = "counting"

    def init_team(self, team, params):
        return {"ticks": 0, "team": team}

    def decide(self, view, state):
        assert state["team"] == view.team
        state["ticks"] += 1
        share = 0.1 + 0.3 * (state["ticks"] % 7) / 7
        return {"support": share, "delegation": 0.3 - share / 2, "direction": 0.1}


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "small.ini"
    path.write_text(SCENARIO)
    return path


def quiet(**kw):
    return dict(progress=False, **kw)


def test_a_python_policy_competes_with_intervals(scenario_file):
    r = herd.compare(scenario_file, ["behind", "front", Behind], reps=5, **quiet())
    assert r.policies == ["behind", "front", "py-behind"] and r.reps == 5
    s = r.summary.set_index(["policy", "metric"])
    mine, builtin = s.loc[("py-behind", "innovation_total")], s.loc[("behind", "innovation_total")]
    assert mine.n == 5 and mine.ci_low < mine["mean"] < mine.ci_high
    # behind's stance written in Python gives behind's numbers, run for run.
    assert (mine == builtin).all()
    runs = r.runs
    assert (runs[runs.policy == "py-behind"].value.to_numpy()
            == runs[runs.policy == "behind"].value.to_numpy()).all()
    d = r.differences.set_index(["policy", "other", "metric"])
    assert d.loc[("py-behind", "behind", "innovation_total")][["mean", "ci_low", "ci_high"]] \
        .tolist() == [0, 0, 0]
    front = d.loc[("front", "py-behind", "innovation_total")]
    assert front["mean"] == pytest.approx(s.loc[("front", "innovation_total")]["mean"]
                                          - mine["mean"])
    assert len(r.differences) == 3 * 2 * len(r.metrics)
    series = r.series
    assert len(series) == 3 * 40 and (series.innovation_cum_low <= series.innovation_cum_mean).all()
    assert {"dip_crisis_t12", "recovery_crisis_t12"} <= set(r.metrics)


def test_compare_equals_the_clis_runs_csv(scenario_file, cli, tmp_path):
    arms = ["scenario", "behind", "steady", "front"]
    args = [cli, "compare", str(scenario_file), "--policies", ",".join(arms), "--reps", "3",
            "--no-plots", "--no-progress", "--out", str(tmp_path / "out")]
    plugins = []
    if os.path.exists(PLUGIN):
        arms.append("readiness")
        args[4] = ",".join(arms)
        args += ["--plugin", PLUGIN]
        plugins = [PLUGIN]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    csv = herd.read_csv(tmp_path / "out" / "runs.csv")
    s = herd.Scenario.load(scenario_file, plugins=plugins)
    r = herd.compare(s, [None] + arms[1:], reps=3, **quiet())
    assert r.policies == ["mixed"] + arms[1:]
    runs = r.runs
    assert list(runs.columns) == list(csv.columns)
    for column in csv.columns:
        assert (csv[column].to_numpy() == runs[column].to_numpy()).all(), column
    assert runs.seed.dtype == np.uint64


def test_results_do_not_depend_on_the_threads(scenario_file):
    arms = ["front", Counting, Behind(), None]
    one = herd.compare(scenario_file, arms, reps=4, threads=1, **quiet())
    two = herd.compare(scenario_file, arms, reps=4, threads=2, **quiet())
    pd.testing.assert_frame_equal(one.runs, two.runs, check_exact=True)
    pd.testing.assert_frame_equal(one.series, two.series, check_exact=True)
    alone = herd.Scenario.load(scenario_file).sim(seed=int(one.seeds[2]), policy=Counting())
    assert alone.run(40).record["innovation_cum"] == one.values("innovation_total")[1][2]


class Exploding(herd.Policy):
    name = "exploding"

    def __init__(self):
        self.calls = 0

    def decide(self, view):
        self.calls += 1
        if view.tick == 7 and view.team == 3:
            raise KeyError("seven")
        return Behind.stance


def test_an_exception_in_a_python_policy_stops_the_comparison(scenario_file):
    policy, seen = Exploding(), []
    with pytest.raises(KeyError, match="seven") as e:
        herd.compare(scenario_file, ["behind", policy], reps=40, threads=2,
                     progress=lambda done, total: seen.append(done))
    frames = [f.name for f in traceback.extract_tb(e.value.__traceback__)]
    assert "decide" in frames and frames.index("compare") < frames.index("decide")
    # The runs not yet started were cancelled: far fewer than 40 runs of 40 ticks of 12 teams.
    assert policy.calls < 10 * 40 * 12
    assert len(seen) < 80


def test_progress_is_reported_and_an_exception_in_it_stops(scenario_file):
    seen = []
    herd.compare(scenario_file, ["behind", "front"], reps=3,
                 progress=lambda done, total: seen.append((done, total)))
    assert sorted(seen) == [(k, 6) for k in range(1, 7)]

    def stop(done, total):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        herd.compare(scenario_file, ["behind", "front"], reps=3, threads=1, progress=stop)


def test_the_text_bar():
    out = io.StringIO()
    bar = herd.TextBar("herd compare", out)
    bar(1, 4)
    bar(4, 4)
    text = out.getvalue()
    assert "herd compare [" in text and "1/4 runs" in text and "4/4 runs" in text
    assert text.endswith("\r")


def test_a_scenario_of_one_run_is_compared_over_two(tmp_path):
    one_run = tmp_path / "one.ini"
    one_run.write_text(SCENARIO.replace("reps = 3", "reps = 1"))
    assert herd.Scenario.load(one_run).reps == 1
    assert herd.compare(one_run, ["behind", "front"], **quiet()).reps == 2
    with pytest.raises(herd.InputError, match="at least 2 replications"):
        herd.compare(one_run, ["behind", "front"], reps=1, **quiet())


def test_bad_arms_are_refused(scenario_file, root):
    with pytest.raises(ValueError, match="unknown policy 'nobody'"):
        herd.compare(scenario_file, ["behind", "nobody"], **quiet())
    with pytest.raises(ValueError, match="two arms are named 'behind'"):
        herd.compare(scenario_file, ["behind", "behind"], **quiet())
    with pytest.raises(ValueError, match="own policies are 'behind' on every team, which is "
                                         "another arm too"):
        herd.compare(str(root / "examples" / "scenarios" / "crisis.ini"), ["behind", None],
                     **quiet())
    with pytest.raises(herd.HerdError, match="reps"):
        herd.compare(scenario_file, ["behind"], reps=0, **quiet())


def test_the_default_arms_and_a_scenarios_python_policy(scenario_file, tmp_path):
    s = herd.Scenario.load(scenario_file, policies=[Counting()])
    r = herd.compare(s, reps=2, **quiet())
    assert r.policies == ["mixed"] + herd.builtins() + ["counting"]
    by_name = herd.compare(s, ["counting"], reps=2, **quiet())
    assert (by_name.values("innovation_total") == r.values("innovation_total")[-1]).all()


def test_plot(scenario_file, tmp_path):
    pytest.importorskip("matplotlib")
    r = herd.compare(scenario_file, ["behind", "front"], reps=2, **quiet())
    fig = r.plot(tmp_path / "compare.png")
    assert (tmp_path / "compare.png").stat().st_size > 0
    assert [a.get_title() for a in fig.axes] == ["cumulative innovation", "morale"]
    assert [l.get_label() for l in fig.axes[0].lines] == ["behind", "front"]


def test_read_sqlite_gives_the_frames_of_herd_compares_csv_files(root, cli, tmp_path):
    scenario = root / "examples" / "scenarios" / "default.ini"
    subprocess.run([cli, "compare", str(scenario), "--reps", "2", "--ticks", "15",
                    "--policies", "front,behind", "--no-plots", "--no-progress",
                    "--out", str(tmp_path / "out"), "--sqlite", str(tmp_path / "c.db")],
                   check=True, capture_output=True)
    for table, name in (("runs", "runs.csv"), ("summary", "summary.csv"),
                        ("scenarios", "scenarios.csv")):
        csv = herd.read_csv(tmp_path / "out" / name)
        assert csv.equals(herd.read_sqlite(tmp_path / "c.db", table)), table
    assert herd.read_csv(tmp_path / "out" / "summary.csv").other.isna().any()
    series = herd.read_sqlite(tmp_path / "c.db", "series")
    csv = herd.read_csv(tmp_path / "out" / "series_default.csv")
    assert csv.equals(series.drop(columns="scenario"))


def test_to_sqlite_writes_the_database_of_herd_compare(scenario_file, cli, tmp_path):
    arms = ["behind", "steady", "front"]
    subprocess.run([cli, "compare", str(scenario_file), "--policies", ",".join(arms), "--reps",
                    "3", "--no-plots", "--no-progress", "--out", str(tmp_path / "out"),
                    "--sqlite", str(tmp_path / "cli.db")], check=True, stdout=subprocess.DEVNULL)
    r = herd.compare(scenario_file, arms, reps=3, **quiet())
    r.to_sqlite(tmp_path / "py.db")

    def db(table, name="py.db"):
        return herd.read_sqlite(tmp_path / name, table)
    for table in ("scenarios", "runs", "summary", "series"):
        pd.testing.assert_frame_equal(db(table), db(table, "cli.db"), check_exact=True)
    (row,) = db("scenarios").to_dict("records")
    text = row.pop("text")
    assert row == {"scenario": "small", "seed": 11, "reps": 3, "policies": "behind,steady,front",
                   "version": herd.__version__}
    assert text.startswith("[run]\nticks = 40\nseed = 11\n")
    assert "[style.steady]" in text and "[event.storm]" in text
    assert herd.Scenario.parse(text).seed == 11
    pd.testing.assert_frame_equal(db("runs"), r.runs, check_exact=True)
    summary = db("summary").drop(columns="scenario")
    own = summary[summary.other.isna()].drop(columns="other").reset_index(drop=True)
    pd.testing.assert_frame_equal(own, r.summary, check_exact=True)
    pairs = summary[summary.other.notna()].reset_index(drop=True)
    pd.testing.assert_frame_equal(pairs, r.differences, check_exact=True)
    assert len(own) == 3 * len(r.metrics) and len(pairs) == 3 * 2 * len(r.metrics)
    # The database's series has series.csv's four fields; r.series every field.
    series = db("series").drop(columns="scenario")
    assert list(series.columns[3:6]) == ["innovation_cum_mean", "innovation_cum_low",
                                         "innovation_cum_high"] and len(series.columns) == 15
    pd.testing.assert_frame_equal(series, r.series[series.columns], check_exact=True)
    assert len(r.series.columns) == 3 + 3 * herd.lib.herd_record_info_count()


def test_to_sqlite_without_records_and_into_a_folder(scenario_file, tmp_path):
    r = herd.compare(scenario_file, ["behind", "front"], reps=2, keep_records=False, **quiet())
    r.to_sqlite(tmp_path / "r.db")
    assert len(herd.read_sqlite(tmp_path / "r.db", "runs")) == 2 * 2 * len(r.metrics)
    with pytest.raises(ValueError, match="no table 'series'"):
        herd.read_sqlite(tmp_path / "r.db", "series")
    with pytest.raises(herd.HerdError, match="HERD_ESTATE: .*records were not kept"):
        r.series
    with pytest.raises(herd.InputError, match=str(tmp_path / "folder")):
        (tmp_path / "folder").mkdir()
        r.to_sqlite(tmp_path / "folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "r.db", "small.ini"]
