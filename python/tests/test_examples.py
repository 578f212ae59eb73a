"""The scripts of examples/python/ run, small, and say what they should."""

import os
import subprocess
import sys

import pytest

import herd

CASES = {
    "run_scenario.py": ([], "innovation_cum"),
    "custom_style.py": (["1"], "steward"),
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
