"""The scripts of examples/python/ run, small, and say what they should."""

import os
import subprocess
import sys

import pytest

import herd

CASES = {
    "run_scenario.py": ([], "innovation_cum"),
    "custom_style.py": (["2"], "steward"),
    "agents.py": ([], "employees"),
}


@pytest.mark.parametrize("script", sorted(CASES))
def test_example_runs(root, script):
    args, expected = CASES[script]
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(herd.__file__)))
    done = subprocess.run([sys.executable, str(root / "examples" / "python" / script)] + args,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout


def test_every_example_is_run(root):
    assert sorted(p.name for p in (root / "examples" / "python").glob("*.py")) == sorted(CASES)


def docs_block(root, heading):
    """The first Python block of docs/PYTHON.md's section heading, as written."""
    section = (root / "docs" / "PYTHON.md").read_text().split(f"\n## {heading}\n", 1)[1]
    return section.split("```python\n", 1)[1].split("\n```", 1)[0]


def test_the_regime_map_of_docs_python_md_runs_as_written(root, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.syspath_prepend(str(root / "examples" / "python"))
    from custom_style import Steward  # the Steward of the docs' "Policies in Python"
    (tmp_path / "examples").symlink_to(root / "examples")
    monkeypatch.chdir(tmp_path)
    exec(docs_block(root, "Regime maps"), {"herd": herd, "Steward": Steward})
    assert (tmp_path / "regime.png").stat().st_size > 0
    regime = herd.read_sqlite(tmp_path / "map.db", "regime")
    assert regime.metric.unique().tolist() == ["innovation_total", "morale_mean"]
    assert list(regime.columns[2:4]) == ["skill_mean", "style.delegator.delegation"]
    assert set(regime.winner) <= {"hybrid", "delegator", "steward"} and len(regime) == 2 * 12
