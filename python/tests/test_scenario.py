import subprocess

import numpy as np
import pandas as pd
import pytest

import herd
from herd._frames import RECORD_FIELDS


def test_a_scenario_run_from_python_equals_the_clis_csv_bit_for_bit(root, cli, tmp_path):
    path = root / "examples" / "scenarios" / "mixed.ini"
    subprocess.run([cli, "run", str(path), "--reps", "2", "--ticks", "30", "--out",
                    str(tmp_path / "cli.csv")], check=True)
    s = herd.Scenario.load(path).set("run.reps", 2).set("run.ticks", 30)
    df = s.run(out=tmp_path / "py.csv")
    assert (tmp_path / "py.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()
    csv = herd.read_csv(tmp_path / "cli.csv")
    assert list(csv.columns) == list(df.columns)
    assert df.seed.dtype == csv.seed.dtype == "uint64" and df.seed.max() >= 2 ** 53
    for column in csv.columns:
        assert (csv[column].to_numpy() == df[column].to_numpy()).all(), column


def test_the_policy_override_of_the_cli(root, cli, tmp_path):
    path = root / "examples" / "scenarios" / "crisis.ini"
    subprocess.run([cli, "run", str(path), "--policy", "front", "--ticks", "20",
                    "--out", str(tmp_path / "cli.csv")], check=True)
    s = herd.Scenario.load(path).set("ticks", 20)
    s.run(policy="front", out=tmp_path / "py.csv")
    assert (tmp_path / "py.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()


def test_a_bad_file_gives_its_file_line_and_key(root):
    path = root / "tests" / "data" / "bad" / "event_after_run.ini"
    with pytest.raises(herd.ScenarioError) as e:
        herd.Scenario.load(path)
    assert e.value.file == str(path) and e.value.line == 5 and e.value.key == "event.late.start"
    assert "outside the run" in e.value.what and e.value.name == "HERD_ERANGE"
    assert isinstance(e.value, ValueError)


def test_text_and_dicts():
    s = herd.Scenario.parse("[run]\nticks = 12\n[organisation]\nn_teams = 6\n", name="inline")
    assert s.ticks == 12 and s.params.n_teams == 6
    with pytest.raises(herd.ScenarioError) as e:
        herd.Scenario.parse("[run]\nticks = 12\nticks = 13\n", name="inline")
    assert (e.value.file, e.value.line, e.value.key) == ("inline", 3, "ticks")
    d = herd.Scenario.from_dict({"run": {"ticks": 20, "policy": "servant"}, "n_teams": 5,
                                 "event.storm": {"kind": "crisis", "start": 4, "length": 3}})
    df = d.validate().run()
    assert len(df) == 20 and set(df.policy) == {"servant"} and df.crisis.max() > 0
    with pytest.raises(herd.ScenarioError) as e:
        herd.Scenario.from_dict({"run": {"ticks": "soon"}})
    assert (e.value.file, e.value.key) == ("<dict>", "run.ticks")
    assert e.value.what == '"soon" is not a whole number'


def test_validate_names_the_key_of_a_whole_scenario_problem():
    s = herd.Scenario.from_dict({"run": {"ticks": 10}, "event.late": {"kind": "crisis",
                                                                     "start": 50}})
    with pytest.raises(herd.ScenarioError) as e:
        s.validate()
    assert e.value.key == "event.late.start"


def test_a_python_policy_leads_a_scenario():
    class Quiet:
        name = "quiet"

        def decide(self, view):
            return {"support": 0.5}
    df = herd.Scenario.from_dict({"run": {"ticks": 8}, "n_teams": 4}).run(policy=Quiet())
    assert set(df.policy) == {"quiet"} and len(df) == 8


class Counting:
    """Counts its decisions per team: each simulation must start its own count."""
    name = "counting"

    def init_team(self, team, params):
        return [0]

    def decide(self, view, state):
        state[0] += 1
        assert state[0] == view.tick + 1
        return {"support": 0.4, "delegation": 0.2}


def test_a_scenario_file_names_a_python_policy_as_it_names_a_built_in():
    text = ("[run]\nticks = 15\nreps = 2\npolicy = counting\n[organisation]\nn_teams = 8\n"
            "[policy.front]\nteams = 0-3\npolicy = front\n")
    s = herd.Scenario.parse(text, name="named.ini", policies=[Counting()])
    df = s.run()
    assert len(df) == 30 and set(df.policy) == {"mixed"}
    sim = herd.Sim(s.params, seed=herd.lib.herd_seed_derive(s.seed, 1), policy=Counting())
    sim.set_policy("front", teams=range(0, 4))
    expected = sim.run(15).records
    got = df[df.rep == 1].drop(columns=["policy", "rep", "seed"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    with pytest.raises(herd.ScenarioError) as e:
        herd.Scenario.parse(text, name="named.ini")
    assert (e.value.line, e.value.key) == (4, "policy") and "counting" in e.value.what


def test_read_sqlite_gives_the_frames_of_the_csv_files_and_of_a_python_run(root, cli, tmp_path):
    path = root / "examples" / "scenarios" / "mixed.ini"
    db = tmp_path / "run.db"
    subprocess.run([cli, "run", str(path), "--reps", "2", "--ticks", "25", "--no-progress",
                    "--out", str(tmp_path / "cli.csv"), "--sqlite", str(db), "--sqlite-teams"],
                   check=True)
    records = herd.read_sqlite(db)
    csv = herd.read_csv(tmp_path / "cli.csv")
    pd.testing.assert_frame_equal(records, csv, check_exact=True)
    s = herd.Scenario.load(path).set("run.reps", 2).set("run.ticks", 25)
    df, teams = s.run(per_team=True)
    pd.testing.assert_frame_equal(records, df, check_exact=True)
    pd.testing.assert_frame_equal(herd.read_sqlite(db, "team_records"), teams, check_exact=True)
    summary = herd.read_sqlite(db, "summary")
    assert list(summary.rep) == [0, 1] and list(summary.ticks) == [25, 25]
    assert (summary.seed.to_numpy() == df.groupby("rep").seed.first().to_numpy()).all()
    assert summary.morale_final.tolist() == df.groupby("rep").morale.last().tolist()
    run = herd.read_sqlite(db, "run")
    assert run.seed.dtype == np.uint64 and run.version[0] == herd.__version__
    assert "[policy." in run.scenario[0]
    with pytest.raises(ValueError, match="no table 'rows'; the tables are records, "):
        herd.read_sqlite(db, "rows")
    with pytest.raises(FileNotFoundError, match="missing.db"):
        herd.read_sqlite(tmp_path / "missing.db")


def test_read_csv_types_a_column_by_its_name_not_by_its_values(root, cli, tmp_path):
    # Ten ticks of default.ini: no crisis, no innovation yet, so several REAL outputs hold
    # whole numbers only; they are float64 all the same, in every reader as in the run.
    path = root / "examples" / "scenarios" / "default.ini"
    out = {name: str(tmp_path / name) for name in ("run.csv", "teams.csv", "run.db")}
    subprocess.run([cli, "run", str(path), "--reps", "2", "--ticks", "10", "--no-progress",
                    "--out", out["run.csv"], "--per-team", out["teams.csv"],
                    "--sqlite", out["run.db"], "--sqlite-teams"], check=True)
    df, teams = herd.Scenario.load(path).set("run.reps", 2).set("run.ticks", 10) \
        .run(per_team=True)
    whole = [f for f in RECORD_FIELDS[1:] if (df[f] == df[f].round()).all()]
    assert {"innovation", "crisis", "novelty"} <= set(whole)
    assert herd.read_csv(out["run.csv"]).equals(df)
    assert herd.read_sqlite(out["run.db"]).equals(df)
    assert herd.read_csv(out["teams.csv"]).equals(teams)
    assert herd.read_sqlite(out["run.db"], "team_records").equals(teams)
    assert (df[whole].dtypes == "float64").all()


def test_a_run_written_to_sqlite_reads_back_as_the_run_and_as_the_clis(root, cli, tmp_path):
    path = root / "examples" / "scenarios" / "mixed.ini"
    s = herd.Scenario.load(path).set("run.reps", 2).set("run.ticks", 25)
    db = tmp_path / "py.db"
    df, teams = s.run(per_team=True, sqlite=db, sqlite_teams=True)
    pd.testing.assert_frame_equal(herd.read_sqlite(db), df, check_exact=True)
    pd.testing.assert_frame_equal(herd.read_sqlite(db, "team_records"), teams, check_exact=True)
    summary = herd.read_sqlite(db, "summary")
    assert list(summary.rep) == [0, 1] and list(summary.ticks) == [25, 25]
    assert summary.morale_final.tolist() == df.groupby("rep").morale.last().tolist()
    assert summary.innovation_total.tolist() == df.groupby("rep").innovation.sum().tolist()
    run = herd.read_sqlite(db, "run")
    assert run.seed[0] == s.seed and run.version[0] == herd.__version__
    assert herd.Scenario.parse(run.scenario[0]).ticks == 25
    # The CLI's database of the same run holds the same tables, value for value.
    subprocess.run([cli, "run", str(path), "--reps", "2", "--ticks", "25", "--no-progress",
                    "--sqlite", str(tmp_path / "cli.db"), "--sqlite-teams"], check=True)
    for table in ("records", "team_records", "summary", "run"):
        pd.testing.assert_frame_equal(herd.read_sqlite(db, table),
                                      herd.read_sqlite(tmp_path / "cli.db", table),
                                      check_exact=True)


def test_a_run_without_team_rows_and_under_another_policy(root, tmp_path):
    s = herd.Scenario.load(root / "examples" / "scenarios" / "default.ini")
    s.set("run.reps", 2).set("run.ticks", 10)
    df = s.run(policy="servant", sqlite=tmp_path / "servant.db")
    records = herd.read_sqlite(tmp_path / "servant.db")
    assert set(records.policy) == {"servant"}
    pd.testing.assert_frame_equal(records, df, check_exact=True)
    assert herd.read_sqlite(tmp_path / "servant.db", "team_records").empty


def test_a_database_that_cannot_be_written_is_refused_naming_it(root, tmp_path):
    s = herd.Scenario.load(root / "examples" / "scenarios" / "default.ini").set("run.ticks", 5)
    (tmp_path / "folder").mkdir()
    with pytest.raises(herd.InputError, match=str(tmp_path / "folder")):
        s.run(sqlite=tmp_path / "folder")
    with pytest.raises(herd.InputError, match="/dev/null: not a regular file"):
        s.run(sqlite="/dev/null")


@pytest.mark.parametrize("output", ["out", "team_out", "sqlite"])
def test_every_output_refuses_a_folder_and_names_a_missing_one(root, tmp_path, output):
    s = herd.Scenario.load(root / "examples" / "scenarios" / "default.ini").set("run.ticks", 5)
    (tmp_path / "folder").mkdir()
    with pytest.raises(herd.InputError, match=f"{tmp_path / 'folder'}: is a directory"):
        s.run(per_team=True, **{output: tmp_path / "folder"})
    missing = tmp_path / "none" / "run.out"
    with pytest.raises(herd.HerdError) as e:
        s.run(per_team=True, **{output: missing})
    assert e.value.name == "HERD_EIO"
    assert e.value.detail == f"{missing}: the folder {tmp_path / 'none'} does not exist"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
    assert not any((tmp_path / "folder").iterdir())
    missing = tmp_path / "missing" / "run.db"
    with pytest.raises(herd.HerdError, match=str(missing.parent)):
        s.run(sqlite=missing)
    (tmp_path / "plain").write_text("")
    with pytest.raises(herd.HerdError, match=str(tmp_path / "plain")):
        s.run(sqlite=tmp_path / "plain" / "run.db", out=tmp_path / "run.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "plain"]
    assert list((tmp_path / "folder").iterdir()) == []
