import traceback

import pandas as pd
import pytest

import herd
from policies import Behind

SMALL = dict(n_teams=16, team_size=8)


def test_a_python_policy_with_behinds_stance_equals_the_built_in():
    p = herd.Params(**SMALL)
    built_in = herd.Sim(p, seed=21, policy="behind")
    python = herd.Sim(p, seed=21, policy=Behind())
    for sim in (built_in, python):
        sim.add_event("crisis", start=10, length=5, intensity=0.8)
        sim.run(60)
    pd.testing.assert_frame_equal(built_in.records, python.records, check_exact=True)
    assert python.team_policy(3) == "py-behind"


class Switcher:
    """Not a herd.Policy subclass: any object with decide works. Returns a mapping, keeps
    per-team state."""
    name = "switcher"

    def init_team(self, team, params):
        return {"team": team, "calls": 0, "size": params.team_size}

    def decide(self, view, state):
        assert state["team"] == view.team and state["size"] == 8
        state["calls"] += 1
        if view.crisis > 0.5:
            return {"direction": 0.6, "plan": 0.3}
        return {"support": 0.3, "delegation": 0.3, "collaboration": 0.2}


def test_per_team_state_and_a_mapping_as_stance():
    policy = Switcher()
    sim = herd.Sim(herd.Params(**SMALL), seed=4, policy=policy)
    sim.add_event("crisis", start=3, length=4, intensity=1.0, teams=range(0, 8))
    df = sim.run(10).records
    bound = sim._policies.bound[0]
    assert sorted(s["team"] for s in bound.states.values()) == list(range(16))
    assert all(s["calls"] == 10 for s in bound.states.values())
    assert df.attention.iloc[5] > 0


class Failing(herd.Policy):
    def decide(self, view):
        if view.tick == 4 and view.team == 2:
            raise ZeroDivisionError("tick four")
        return Behind.stance


def test_an_exception_in_decide_stops_the_run_and_is_raised_with_its_traceback():
    sim = herd.Sim(herd.Params(**SMALL), seed=1, policy=Failing())
    with pytest.raises(ZeroDivisionError, match="tick four") as e:
        sim.run(20)
    frames = [f.name for f in traceback.extract_tb(e.value.__traceback__)]
    assert "decide" in frames and frames.index("run") < frames.index("decide")
    assert sim.tick < 5
    with pytest.raises(herd.HerdError):
        sim.run(1)


def test_an_exception_on_several_threads_is_raised_once():
    class Always(herd.Policy):
        def decide(self, view):
            raise RuntimeError(f"team {view.team}")
    sim = herd.Sim(herd.Params(n_teams=3000, team_size=10), seed=1, policy=Always(), threads=2)
    with pytest.raises(RuntimeError, match="team"):
        sim.step()


SHARES = "; the shares are direction, support, recognition, own_work, delegation, "


@pytest.mark.parametrize("returned,error,message", [
    (None, TypeError, "policy 'bad': decide returned None (NoneType), not a herd.Stance or a "
     "mapping of shares to numbers" + SHARES),
    (42, TypeError, "policy 'bad': decide returned 42 (int), not a herd.Stance"),
    ({"directon": 0.3}, ValueError, "policy 'bad': decide returned an unknown share 'directon'"
     + SHARES),
    ({"direction": "x"}, TypeError, "policy 'bad': decide returned direction = 'x': must be "
     "real number"),
    ({"front_mode": 0.5}, TypeError, "policy 'bad': decide returned front_mode = 0.5: an "
     "integer is required"),
])
def test_a_bad_stance_is_an_error_naming_the_policy_and_the_shares(returned, error, message):
    class Bad:
        name = "bad"

        def decide(self, view):
            return returned
    with pytest.raises(error) as e:
        herd.Sim(herd.Params(**SMALL), policy=Bad()).run(3)
    assert str(e.value).startswith(message)


def test_an_object_without_decide_is_refused():
    with pytest.raises(TypeError, match="no decide"):
        herd.Sim(herd.Params(**SMALL), policy=object())


def test_a_python_policy_cannot_be_checkpointed(tmp_path):
    sim = herd.Sim(herd.Params(**SMALL), policy=Behind()).run(2)
    with pytest.raises(herd.HerdError) as e:
        sim.save(tmp_path / "x.ckpt")
    assert e.value.name == "HERD_EUNSUPPORTED"
    assert not (tmp_path / "x.ckpt").exists()


def test_stance_fields_come_from_the_header():
    s = herd.Stance(direction=0.5)
    assert list(s.to_dict()) == [n for n, _ in herd.ffi.typeof("herd_stance").fields]
    with pytest.raises(AttributeError, match="no share 'bossiness'"):
        s.bossiness = 1
