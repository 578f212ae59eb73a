import subprocess

import numpy as np
import pandas as pd
import pytest

import herd

SCENARIO = """
[run]
ticks = 30
seed = 5
reps = 3

[organisation]
n_teams = 10
team_size = 6

[style.calm]
base = behind
support = 0.2

[style.unused]
base = front

[event.storm]
kind = crisis
start = 10
length = 5
intensity = 0.8
"""


@pytest.fixture
def scenario():
    return herd.Scenario.parse(SCENARIO, name="small.ini")


class PyFront(herd.Policy):
    name = "py-front"

    def decide(self, view):
        return herd.Stance(direction=0.5, own_work=0.2, plan=0.2, front_mode=1)


def test_a_regime_map_over_a_parameter_and_a_style_key(scenario):
    rm = herd.regime_map(scenario, x="style.calm.support=0:0.4:3", y="crisis_rate=0:0.06:2",
                         policies=["calm", "front", PyFront], metric="innovation_total",
                         reps=3, progress=False)
    (kx, xs), (ky, ys) = rm.axes
    assert (kx, ky) == ("style.calm.support", "crisis_rate")
    assert xs == pytest.approx([0, 0.2, 0.4]) and ys == pytest.approx([0, 0.06])
    cells = rm.cells
    assert len(cells) == 6 and rm.policies == ["calm", "front", "py-front"]
    means = cells[["mean_calm", "mean_front", "mean_py-front"]].to_numpy()
    assert (means[np.arange(6), cells.winner_index] == means.max(axis=1)).all()
    for row, cell in zip(cells.itertuples(), means):
        c = rm.cell(row.ix, row.iy)
        assert c.interval(row.winner_index, "innovation_total")[0] == cell.max()
        expected = c.interval(row.winner_index, "innovation_total", other=row.runner_up)
        assert (row.margin, row.margin_low, row.margin_high) == pytest.approx(expected)
    # The style key reaches the runs: calm's numbers move with it, front's do not.
    assert len(set(cells.mean_calm[cells.iy == 0])) > 1
    assert len(set(cells.mean_front[cells.iy == 0])) == 1
    by_dip = rm.table("dip_crisis_t10")
    assert (by_dip.metric == "dip_crisis_t10").all()


def test_a_regime_maps_cells_are_the_clis_regime_csv(scenario, cli, tmp_path):
    path = tmp_path / "small.ini"
    path.write_text(SCENARIO)
    # unused is a style of front with no changes: the two tie, and the label names both.
    arms = ["calm", "front", "behind", "unused"]
    subprocess.run([cli, "compare", str(path), "--policies", ",".join(arms), "--reps", "3",
                    "--regime-x", "style.calm.support=0:0.4:3", "--regime-y",
                    "crisis_rate=0:0.06:2", "--regime-metric", "innovation_total,morale_mean",
                    "--no-plots", "--no-progress", "--out", str(tmp_path / "out"),
                    "--sqlite", str(tmp_path / "cli.db")],
                   check=True, stdout=subprocess.DEVNULL)
    rm = herd.regime_map(herd.Scenario.load(path), x="style.calm.support=0:0.4:3",
                         y="crisis_rate=0:0.06:2", policies=arms, reps=3, progress=False)
    for metric, name in (("innovation_total", "regime.csv"),
                         ("morale_mean", "regime_morale_mean.csv")):
        csv = herd.read_csv(tmp_path / "out" / name)
        cells = rm.cells if metric == rm.metric else rm.table(metric)
        pd.testing.assert_frame_equal(cells, csv, check_exact=True)
    assert "n_tied" not in rm.cells.columns
    # The same table in a database, as the program's --sqlite writes it.
    rm.to_sqlite(tmp_path / "map.db", metrics=["innovation_total", "morale_mean"])
    pd.testing.assert_frame_equal(herd.read_sqlite(tmp_path / "map.db", "regime"),
                                  herd.read_sqlite(tmp_path / "cli.db", "regime"),
                                  check_exact=True)
    with pytest.raises(ValueError, match="'innovations'"):
        rm.to_sqlite(tmp_path / "bad.db", metrics=["innovations"])
    with pytest.raises(herd.InputError, match=str(tmp_path)):
        rm.to_sqlite(tmp_path)


def test_a_regime_maps_plot(scenario, tmp_path):
    pytest.importorskip("matplotlib")
    rm = herd.regime_map(scenario, x="skill_mean=0.3:0.7:2", y="crisis_rate=0:0.05:2",
                         policies=["behind", "front"], reps=2, progress=False)
    fig = rm.plot(tmp_path / "regime.png")
    assert (tmp_path / "regime.png").stat().st_size > 0
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert len(labels) == 4 and all(l.split("\n")[0] in ("behind", "front") for l in labels)


def test_a_bad_axis_names_its_key(scenario):
    with pytest.raises(herd.InputError, match="style.nobody.support"):
        herd.regime_map(scenario, x="style.nobody.support=0:1:2", policies=["behind"],
                        progress=False)
    with pytest.raises(herd.InputError, match="skill_mean=0.2"):
        herd.regime_map(scenario, x="skill_mean=0.2", policies=["behind"], progress=False)
    with pytest.raises(ValueError, match="'innovations'"):
        herd.regime_map(scenario, policies=["behind"], metric="innovations", progress=False)


def test_sobol_indices_of_a_paired_difference(scenario):
    sw = herd.sweep(scenario, ["skill_mean=0.3:0.7", "style.unused.support=0:0.5"],
                    design="saltelli", samples=8, policies=["calm", PyFront], reps=2,
                    progress=False)
    assert sw.n_points == 8 * 4 and sw.keys == ["skill_mean", "style.unused.support"]
    assert len(sw.runs) == sw.n_points * 2 * 2 * len(sw.metrics)
    f = sw.output("innovation_total", "calm", "py-front")
    expected = sw.point(5).interval("calm", "innovation_total", other="py-front")[0]
    assert f[5] == pytest.approx(expected)
    s = herd.sensitivity(sw, "innovation_total", "calm", other="py-front")
    assert list(s.index) == sw.keys
    assert list(s.columns) == ["first", "first_lo", "first_hi", "total", "total_lo", "total_hi"]
    # A style no arm runs changes nothing: exactly 0, as the seed rule promises.
    assert (s.loc["style.unused.support"] == 0).all()
    assert s.loc["skill_mean", "total"] > 0


def test_regression_coefficients_for_other_designs(scenario):
    sw = herd.sweep(scenario, ["skill_mean=0.3:0.7", "crisis_rate=0:0.06"], design="lhs",
                    samples=10, policies=["behind", "front"], reps=2, progress=False)
    assert len(sw.points) == 10 and sw.points.skill_mean.between(0.3, 0.7).all()
    s = herd.sensitivity(sw, "innovation_total", "behind", other="front")
    assert list(s.columns) == ["src", "r2"] and 0 <= s.r2.iloc[0] <= 1
    grid = herd.sweep(scenario, [("skill_mean", 0.3, 0.7, 3)], policies=["behind"], reps=2,
                      progress=False)
    assert grid.points.skill_mean.tolist() == pytest.approx([0.3, 0.5, 0.7])


def analysed(cli, folder, difference=None):
    """herd sweep --analyse's sensitivity.csv of folder, read back exactly."""
    args = ["--difference", difference] if difference else []
    subprocess.run([cli, "sweep", "--analyse", str(folder)] + args, check=True,
                   capture_output=True)
    return herd.read_csv(folder / "sensitivity.csv")


@pytest.mark.parametrize("design", ["grid", "saltelli"])
def test_sensitivity_is_that_of_herd_sweep_analyse(root, cli, tmp_path, design):
    # One definition: Python's table is the program's, value for value, whether the sweep ran
    # in Python or was read back from the program's folder.
    path = root / "examples" / "scenarios" / "default.ini"
    vary = ["skill_mean=0.3:0.7:3", "crisis_rate=0:0.06:2"]
    more = ["--design", "saltelli", "--samples", "4"] if design == "saltelli" else []
    sw = herd.sweep(herd.Scenario.load(path), vary, design=design,
                    samples=4 if design == "saltelli" else None, policies=["behind", "front"],
                    reps=2, progress=False)
    out = tmp_path / "sweep"
    subprocess.run([cli, "sweep", str(path), "--vary", vary[0], "--vary", vary[1],
                    "--policies", "behind,front", "--reps", "2", "--out", str(out)] + more,
                   check=True, capture_output=True)
    back = herd.read_sweep(out)
    assert (back.design, back.keys, back.policies) == (design, sw.keys, ["behind", "front"])
    # innovation_total counts innovations, whole numbers: a REAL metric all the same.
    wide = herd.read_csv(out / "runs.csv")
    assert (wide[back.metrics].dtypes == "float64").all() and wide.point.dtype == "int64"
    columns = ["first", "first_lo", "first_hi", "total", "total_lo", "total_hi"]
    columns = columns if design == "saltelli" else ["src", "r2"]
    for other, label in ((None, "behind"), ("front", "behind-front")):
        table = analysed(cli, out, "behind,front" if other else None)
        want = table[(table.policy == label) & (table.output == "innovation_total")]
        want = want.set_index("parameter")[columns]
        for source in (sw, back):
            got = herd.sensitivity(source, "innovation_total", "behind", other=other)
            assert list(got.index) == sw.keys
            assert got[columns].values.tolist() == want.loc[sw.keys].values.tolist()
    with pytest.raises(ValueError, match="'nobody'"):
        herd.sensitivity(back, "innovation_total", "nobody")
    with pytest.raises(ValueError, match="'innovations'"):
        herd.sensitivity(back, "innovations", "behind")
    # A run twice, as a hand-edited folder may hold: the library's refusal names the lines
    # of runs.csv and the policy.
    lines = (out / "runs.csv").read_text().splitlines(keepends=True)
    (out / "runs.csv").write_text("".join(lines + [lines[1]]))
    twice = herd.read_sweep(out)
    with pytest.raises(herd.HerdError, match=f"runs.csv: lines 2 and {len(lines) + 1} both "
                                             "hold the run of behind"):
        herd.sensitivity(twice, "innovation_total", "behind")


def test_sensitivity_refuses_a_key_that_keeps_one_value(scenario):
    sw = herd.sweep(scenario, ["skill_mean=0.3:0.7:2", "crisis_rate=0.02:0.02:1"],
                    policies=["behind"], reps=2, progress=False)
    with pytest.raises(herd.HerdError, match="crisis_rate is 0.02 in every run"):
        herd.sensitivity(sw, "innovation_total", "behind")


def test_read_sweep_refuses_what_is_not_a_sweep(tmp_path):
    with pytest.raises(FileNotFoundError):
        herd.read_sweep(tmp_path)
    (tmp_path / "runs.csv").write_text("rep,seed_hi,seed_lo,tick,morale\n0,1,2,0,0.5\n")
    with pytest.raises(ValueError, match="not the header of a sweep's runs.csv"):
        herd.read_sweep(tmp_path)


def test_a_sweep_refuses_bad_designs(scenario):
    with pytest.raises(ValueError, match="one of grid"):
        herd.sweep(scenario, ["skill_mean=0.3:0.7"], design="random", samples=4)
    with pytest.raises(ValueError, match="needs samples"):
        herd.sweep(scenario, ["skill_mean=0.3:0.7"], design="sobol")
    with pytest.raises(ValueError, match="nonsense"):
        herd.sweep(scenario, ["nonsense=0:1"], policies=["behind"], progress=False)
