"""Runs a bundled scenario as `herd run` does and prints each replication's final numbers.

Usage: run_scenario.py [SCENARIO.ini] [REPS]"""

import pathlib
import sys

import herd

here = pathlib.Path(__file__).resolve().parent
path = sys.argv[1] if len(sys.argv) > 1 else here.parent / "scenarios" / "succession.ini"
scenario = herd.Scenario.load(path)
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 2
runs = scenario.run(reps=reps)
last = runs[runs.tick == runs.tick.max()]
print(f"{scenario}\n")
print(last[["policy", "rep", "seed", "innovation_cum", "morale", "skill"]].to_string(index=False))
