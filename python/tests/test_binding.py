"""The binding is generated from the headers: check it against them and the tables."""

import re

import herd
from herd import ffi, lib


def declared_functions(root):
    names = set()
    for h in (root / "include" / "herd").glob("*.h"):
        names |= set(re.findall(r"HERD_API\s+[^;(]*?\b(herd_\w+)\s*\(", h.read_text()))
    return names


def test_every_public_function_is_reachable_except_those_on_128_bit_integers(root):
    names = declared_functions(root)
    assert "herd_sim_new" in names and len(names) > 50
    missing = {n for n in names if not hasattr(lib, n)}
    assert missing == {n for n in names if n.startswith("herd_pcg64_")}


def test_status_codes_and_integer_macros_come_from_the_headers():
    assert lib.HERD_OK == 0 and lib.HERD_ENOMEM < 0
    assert lib.HERD_VERSION_HEX == herd.lib.herd_version_hex()
    assert lib.HERD_POLICY_VERSION >= 1


def test_params_attributes_are_the_table():
    names = [herd.ffi.string(lib.herd_params_info(i).name).decode()
             for i in range(lib.herd_params_count())]
    assert [p.name for p in herd.Params.info()] == names
    assert names == [n for n, _ in ffi.typeof("herd_params").fields]
