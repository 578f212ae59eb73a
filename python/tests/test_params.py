import math

import pytest

import herd
from herd import ffi, lib


def test_every_row_of_the_table_is_an_attribute_with_its_default():
    p = herd.Params()
    assert len(herd.Params.info()) == lib.herd_params_count() > 50
    for info in herd.Params.info():
        assert getattr(p, info.name) == info.default
        doc = getattr(herd.Params, info.name).__doc__
        assert info.doc in doc and info.unit in doc and f"{info.max:g}" in doc
        assert info.min <= info.low <= info.default <= info.high <= info.max
        assert f"plausible [{info.low:g}, {info.high:g}]" in doc


def test_int_fields_are_ints_and_real_fields_floats():
    p = herd.Params(n_teams=7, crisis_rate=0.25)
    assert p.n_teams == 7 and isinstance(p.n_teams, int)
    assert p.crisis_rate == 0.25 and isinstance(p.crisis_rate, float)
    assert lib.herd_params_get(p._c, lib.herd_params_find(b"n_teams")) == 7


@pytest.mark.parametrize("name,value,message", [
    ("n_teams", 0, "n_teams = 0 is outside the range [1, 10000000]"),
    ("skill_mean", 1.5, "skill_mean = 1.5 is outside the range [0.01, 0.99]"),
    ("crisis_rate", math.nan, "crisis_rate = nan is not a finite number"),
    ("team_size", 2.5, "team_size = 2.5 is not a whole number"),
    ("bond_sd", "much", "bond_sd = 'much' is not a number"),
])
def test_a_bad_value_is_refused_with_the_library_message(name, value, message):
    p = herd.Params()
    before = getattr(p, name)
    with pytest.raises(ValueError) as e:
        setattr(p, name, value)
    assert str(e.value) == message
    assert getattr(p, name) == before
    if not isinstance(value, str):
        msg = ffi.new("char[]", 256)
        info = lib.herd_params_find(name.encode())
        assert lib.herd_params_check(info, value, msg, len(msg)) == lib.HERD_ERANGE
        assert ffi.string(msg).decode() == message


def test_an_unknown_parameter_is_refused():
    with pytest.raises(AttributeError, match="no parameter 'n_team'"):
        herd.Params(n_team=3)


def test_fields_that_disagree_are_refused_by_the_library_with_its_message():
    p = herd.Params(skill_mean=0.05, skill_sd=0.4)
    with pytest.raises(ValueError, match="skill_sd = 0.4 is too large for skill_mean = 0.05"):
        p.validate()
    with pytest.raises(ValueError, match="skill_sd"):
        herd.Sim(p)


def test_copy_equality_and_dict():
    p = herd.Params(n_teams=3)
    q = p.copy()
    assert p == q and q.to_dict()["n_teams"] == 3
    q.n_teams = 4
    assert p != q and "n_teams=4" in repr(q)
