#!/usr/bin/env python3
"""The Python package's overhead, measured in one run (not a test: timings vary).

1. Sim.run from Python against the same run made by the library alone: a herd_sim created,
   run and freed through the C API with no Python between ticks (one call for the whole run),
   10^5 agents in teams of 10, the behind policy, one thread. Ratio: C time / Python time
   (1 means no overhead).
2. A Python policy: the same organisation led by a Python class returning behind's stance
   against the built-in; the extra time per team-tick, and the ratio of the two runs.
3. Keeping each team's records (herd.Sim(..., per_team=True)) against not keeping them: the
   extra time per team-tick and the ratio of the two runs.

Usage: PYTHONPATH=build/subprojects/herd-python /usr/bin/python3 bench/python.py [--ticks N]
"""

import argparse
import statistics
import time

import herd
from herd import ffi, lib


def c_run(params, ticks):
    """Seconds herd_sim_run takes on a simulation made through the C API."""
    out = ffi.new("herd_sim **")
    s = ffi.new("herd_settings *")
    lib.herd_settings_default(s)
    s.threads = 1
    assert lib.herd_sim_new_with(out, params._c, 1, s) == 0
    assert lib.herd_sim_set_policy(out[0], lib.herd_policy_behind) == 0
    t = time.perf_counter()
    assert lib.herd_sim_run(out[0], ticks) == 0
    t = time.perf_counter() - t
    lib.herd_sim_free(out[0])
    return t


def py_run(params, ticks, policy, per_team=False):
    """Seconds herd.Sim.run takes."""
    with herd.Sim(params, seed=1, policy=policy, threads=1, per_team=per_team) as sim:
        t = time.perf_counter()
        sim.run(ticks)
        return time.perf_counter() - t


class Behind(herd.Policy):
    stance = herd.Stance(direction=0.05, support=0.15, recognition=0.15, delegation=0.25,
                         collaboration=0.2, training=0.1, plan=0.1)

    def decide(self, view):
        return self.stance


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ticks", type=int, default=52)
    ap.add_argument("--repeats", type=int, default=7)
    a = ap.parse_args()
    params = herd.Params(n_teams=10_000, team_size=10)
    agent_ticks = params.n_teams * params.team_size * a.ticks
    team_ticks = params.n_teams * a.ticks
    # Interleaved, so that a busy moment of the machine touches every variant alike.
    c, py, pol, teams = [], [], [], []
    for _ in range(a.repeats):
        c.append(c_run(params, a.ticks))
        py.append(py_run(params, a.ticks, "behind"))
        pol.append(py_run(params, a.ticks, Behind()))
        teams.append(py_run(params, a.ticks, "behind", per_team=True))
    ratio = statistics.median(x / y for x, y in zip(c, py))
    c, py, pol, teams = map(statistics.median, (c, py, pol, teams))
    print(f"10^5 agents, {a.ticks} ticks, one thread, median of {a.repeats}")
    print(f"C API          {c:8.3f} s  {agent_ticks / c / 1e6:7.1f} M agent-ticks/s")
    print(f"herd.Sim.run   {py:8.3f} s  {agent_ticks / py / 1e6:7.1f} M agent-ticks/s"
          f"  throughput Python/C = {ratio:.3f} (median of paired ratios)")
    print(f"Python policy  {pol:8.3f} s  {(pol - py) / team_ticks * 1e6:7.2f} us per team-tick"
          f" more than the built-in; run time ratio = {pol / py:.2f}")
    print(f"per_team=True  {teams:8.3f} s  {(teams - py) / team_ticks * 1e6:7.2f} us per team-tick"
          f" more than without; run time ratio = {teams / py:.2f}")


if __name__ == "__main__":
    main()
