import numpy as np
import pandas as pd
import pytest

import herd
from herd import ffi, lib

SMALL = dict(n_teams=12, team_size=8)


def test_records_are_a_dataframe_with_a_column_per_row_of_the_record_table():
    sim = herd.Sim(herd.Params(**SMALL), seed=3).run(20)
    df = sim.records
    table = [ffi.string(lib.herd_record_info(i).name).decode()
             for i in range(lib.herd_record_info_count())]
    assert list(df.columns) == ["tick"] + table
    assert list(df.tick) == list(range(20)) and df.innovation_cum.iloc[-1] > 0
    assert sim.record == df.iloc[-1].to_dict()


def test_step_by_step_equals_one_run_and_the_same_seed_gives_the_same_records():
    a = herd.Sim(herd.Params(**SMALL), seed=11).run(30).records
    s = herd.Sim(herd.Params(**SMALL), seed=11)
    for _ in range(30):
        s.step()
    pd.testing.assert_frame_equal(a, s.records, check_exact=True)
    b = herd.Sim(herd.Params(**SMALL), seed=12).run(30).records
    assert not a.equals(b)


def test_threads_do_not_change_the_numbers():
    p = herd.Params(n_teams=400, team_size=10)
    one = herd.Sim(p, seed=5, threads=1).run(5).records
    two = herd.Sim(p, seed=5, threads=2).run(5).records
    pd.testing.assert_frame_equal(one, two, check_exact=True)


def test_agent_state_views_the_librarys_arrays_read_only_without_copying():
    sim = herd.Sim(herd.Params(**SMALL), seed=1).run(3)
    a = sim.agents
    v = ffi.new("herd_org_view *")
    lib.herd_sim_org(sim._ptr, v)
    assert a.skill.__array_interface__["data"][0] == int(ffi.cast("uintptr_t", v.skill))
    assert a.skill.dtype == np.float32 and a.tenure.dtype == np.uint16
    assert len(a.skill) == a.n_agents == 96 and len(a.offsets) == 97
    assert len(a.targets) == a.offsets[-1]
    assert abs(float(a.engagement.mean()) - sim.record["morale"]) < 1e-6
    assert not a.skill.flags.writeable
    with pytest.raises(ValueError):
        a.skill[0] = 1.0


def test_the_network_is_whole_whether_the_library_keeps_it_whole_or_not():
    cliques = herd.Sim(herd.Params(**SMALL), seed=1)
    a = cliques.agents
    v = ffi.new("herd_org_view *")
    lib.herd_sim_org(cliques._ptr, v)
    assert v.offsets == ffi.NULL and v.targets == ffi.NULL
    size = a.team_size
    for i in range(a.n_agents):
        first = i // size * size
        mates = [j for j in range(first, first + size) if j != i]
        start = int(a.offsets[i])
        assert list(a.targets[start:start + size - 1]) == mates
    assert len(a.targets) == a.offsets[-1] > a.n_agents * (size - 1)
    assert a.offsets.dtype == np.uint64 and a.targets.dtype == np.uint32
    assert not a.offsets.flags.writeable and not a.targets.flags.writeable
    assert cliques.run(2).agents.targets is a.targets

    drawn = herd.Sim(herd.Params(**SMALL, ties_within=0.5), seed=1)
    b = drawn.agents
    lib.herd_sim_org(drawn._ptr, v)
    assert b.offsets.__array_interface__["data"][0] == int(ffi.cast("uintptr_t", v.offsets))
    assert len(b.targets) == b.offsets[-1] < len(a.targets)


def test_an_array_keeps_its_simulation_alive():
    skill = herd.Sim(herd.Params(**SMALL), seed=1).run(2).agents.skill
    assert np.all((skill >= 0) & (skill <= 1))


def test_events_and_per_team_policies():
    sim = herd.Sim(herd.Params(**SMALL), seed=2, policy="behind")
    sim.set_policy("front", teams=range(0, 4))
    sim.add_event("crisis", start=5, length=3, intensity=0.9, teams=(4, 2))
    assert sim.team_policy(0) == "front" and sim.team_policy(4) == "behind"
    df = sim.run(10).records
    assert df.crisis.iloc[6] > 0 and df.crisis.iloc[2] == 0
    assert df.front_share.iloc[0] == pytest.approx(4 / 12)
    with pytest.raises(ValueError, match="unknown event kind 'storm'; the kinds are crisis"):
        sim.add_event("storm", start=1)
    with pytest.raises(herd.HerdError, match="HERD_ESTATE") as e:
        sim.set_policy("servant")
    assert e.value.status == lib.HERD_ESTATE


def test_an_unknown_policy_lists_the_built_ins():
    with pytest.raises(ValueError,
                       match="unknown policy 'sideways'; the built-ins are front, behind"):
        herd.Sim(herd.Params(**SMALL), policy="sideways")


def test_a_checkpoint_continues_bit_for_bit(tmp_path):
    whole = herd.Sim(herd.Params(**SMALL), seed=9).run(40).records
    first = herd.Sim(herd.Params(**SMALL), seed=9).run(15)
    first.save(tmp_path / "sim.ckpt", note=b"mine")
    first.close()
    later, note = herd.Sim.load(tmp_path / "sim.ckpt", with_note=True)
    assert note == b"mine" and later.tick == 15
    rest = later.run(25).records
    pd.testing.assert_frame_equal(whole.iloc[15:].reset_index(drop=True), rest, check_exact=True)


def test_a_bad_checkpoint_is_refused_with_the_librarys_reason(tmp_path):
    (tmp_path / "junk").write_bytes(b"not a checkpoint at all")
    with pytest.raises(herd.HerdError) as e:
        herd.Sim.load(tmp_path / "junk")
    assert e.value.name == "HERD_EFORMAT"


def test_a_closed_sim_refuses_calls():
    sim = herd.Sim(herd.Params(**SMALL))
    sim.close()
    sim.close()
    with pytest.raises(ValueError, match="closed"):
        sim.step()


def test_the_gil_is_released_while_the_library_runs():
    import threading
    sim = herd.Sim(herd.Params(n_teams=5000, team_size=10), seed=1, threads=1)
    worker = threading.Thread(target=sim.run, args=(40,))
    spins = 0
    worker.start()
    while worker.is_alive():
        spins += 1
    worker.join()
    assert sim.tick == 40 and spins > 10000
