import subprocess

import numpy as np
import pandas as pd
import pytest

import herd
from herd._frames import RECORD_FIELDS

# How each output of the record table comes from the teams' (include/herd/sim.h,
# herd_sim_team_records): summed, averaged over employees (weighted by size), averaged over
# teams, or the standard deviation over all employees.
SUMMED = {"innovation", "innovation_value", "innovation_cum", "output", "performance",
          "turnover", "front_runners"}
EMPLOYEE_MEANS = {"morale", "skill", "initiative", "bond", "dependence"}
TEAM_MEANS = {"attention", "front_share", "coordination_gap", "crisis", "novelty",
              "leaders_present"}
POOLED_SD = {"morale_sd": "morale"}


@pytest.fixture
def mixed(root):
    return root / "examples" / "scenarios" / "mixed.ini"


def test_every_output_is_aggregated_by_one_rule():
    rules = [SUMMED, EMPLOYEE_MEANS, TEAM_MEANS, set(POOLED_SD)]
    assert sorted(set().union(*rules)) == sorted(RECORD_FIELDS[1:])
    assert sum(map(len, rules)) == len(RECORD_FIELDS) - 1


def test_the_teams_add_up_to_the_organisation(mixed):
    records, teams = herd.Scenario.load(mixed).set("run.ticks", 40).set("run.reps", 2) \
        .run(per_team=True)
    assert list(teams.columns) == ["rep", "seed", "tick", "team", "policy", "size"] + \
        list(RECORD_FIELDS[1:])
    assert len(teams) == len(records) * 40 and teams.seed.dtype == np.uint64
    assert teams.groupby("policy").team.nunique().to_dict() == \
        {"behind": 10, "front": 10, "servant": 10, "hybrid": 10}
    by = teams.assign(**{f"{f}_w": teams[f] * teams["size"] for f in EMPLOYEE_MEANS},
                      m2=teams["size"] * (teams.morale_sd ** 2 + teams.morale ** 2)) \
        .groupby(["rep", "tick"], sort=True)
    agents = by["size"].sum().to_numpy()
    org = records.sort_values(["rep", "tick"])
    for f in SUMMED:
        assert by[f].sum().to_numpy() == pytest.approx(org[f].to_numpy(), rel=1e-12), f
    for f in EMPLOYEE_MEANS:
        assert by[f"{f}_w"].sum().to_numpy() / agents == \
            pytest.approx(org[f].to_numpy(), rel=1e-12), f
    for f in TEAM_MEANS:
        assert by[f].mean().to_numpy() == pytest.approx(org[f].to_numpy(), rel=1e-12), f
    pooled = np.sqrt(by["m2"].sum().to_numpy() / agents - org.morale.to_numpy() ** 2)
    assert pooled == pytest.approx(org.morale_sd.to_numpy(), rel=1e-9)
    assert org.innovation_cum.iloc[-1] > 0 and (org.front_share > 0).any()


def test_the_teams_equal_the_clis_per_team_csv(mixed, cli, tmp_path):
    subprocess.run([cli, "run", str(mixed), "--reps", "2", "--ticks", "30", "--no-progress",
                    "--out", "/dev/null", "--per-team", str(tmp_path / "cli.csv")], check=True)
    s = herd.Scenario.load(mixed).set("run.reps", 2).set("run.ticks", 30)
    _, teams = s.run(per_team=True, team_out=tmp_path / "py.csv")
    assert (tmp_path / "py.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()
    csv = herd.read_csv(tmp_path / "cli.csv")
    assert list(csv.columns) == list(teams.columns)
    for column in csv.columns:
        assert (csv[column].to_numpy() == teams[column].to_numpy()).all(), column


def test_a_sims_team_records(mixed):
    s = herd.Scenario.load(mixed)
    with s.sim(per_team=True) as kept, s.sim() as plain:
        kept.run(12)
        plain.run(12)
        every = kept.team_records()
        assert len(every) == 12 * 40 and list(every.tick.unique()) == list(range(12))
        last = kept.team_records(last=True)
        assert last.equals(every[every.tick == 11].reset_index(drop=True))
        alone = plain.team_records(last=True)
        assert alone.innovation_cum.isna().all()
        pd.testing.assert_frame_equal(alone.drop(columns="innovation_cum"),
                                      last.drop(columns="innovation_cum"))
        with pytest.raises(ValueError, match="per_team=True"):
            plain.team_records()
    sim = herd.Sim(herd.Params(n_teams=3, team_size=4), seed=2, per_team=True)
    assert sim.team_records().empty and list(sim.team_records().columns)[:4] == \
        ["tick", "team", "policy", "size"]
    assert (sim.run(5).team_records()["size"] == 4).all()


def test_a_python_policy_in_the_team_records():
    from policies import Behind
    sim = herd.Sim(herd.Params(n_teams=4, team_size=5), seed=3, policy="front", per_team=True)
    sim.set_policy(Behind(), teams=range(2, 4))
    teams = sim.run(3).team_records()
    assert list(teams.policy[:4]) == ["front", "front", "py-behind", "py-behind"]
