import gc
import os

import pytest

import herd


def resident_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def make_and_free(n, params, policy):
    for i in range(n):
        sim = herd.Sim(params, seed=i, policy=policy)
        sim.step()
        sim.agents.skill.sum()
        sim.close()


@pytest.mark.skipif("libasan" in os.environ.get("LD_PRELOAD", ""),
                    reason="AddressSanitizer keeps freed memory in quarantine")
def test_ten_thousand_sims_leave_resident_memory_flat():
    params = herd.Params(n_teams=4, team_size=10)

    class Quiet:
        def decide(self, view):
            return {"support": 0.5}
    make_and_free(1000, params, "behind")
    make_and_free(1000, params, Quiet())
    gc.collect()
    before = resident_kib()
    make_and_free(5000, params, "behind")
    make_and_free(5000, params, Quiet())
    gc.collect()
    grown = resident_kib() - before
    assert grown < 2048, f"resident memory grew by {grown} KiB over 10 000 simulations"
