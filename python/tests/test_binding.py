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


def test_the_table_sink_keeps_typed_cells_and_refuses_what_does_not_fit():
    t = ffi.new("pyherd_table *")
    lib.pyherd_table_init(t)
    sink = t.sink
    cell = ffi.new("herd_cell[3]")
    assert sink.row(sink.userdata, cell, 3) == lib.HERD_ESTATE
    keep = [ffi.new("char[]", s) for s in (b"t", b"name", b"n", b"x")]
    names = ffi.new("const char *[3]", keep[1:])
    types = ffi.new("herd_cell_type[3]", [lib.HERD_CELL_TEXT, lib.HERD_CELL_INT,
                                          lib.HERD_CELL_REAL])
    try:
        assert sink.begin(sink.userdata, keep[0], names, types, 3) == lib.HERD_OK
        for k, (text, i, x) in enumerate(((b"a", -3, 0.5), (None, 2**40, float("nan")))):
            words = ffi.new("char[]", text) if text else ffi.NULL
            cell[0].type, cell[0].text = lib.HERD_CELL_TEXT, words
            cell[1].type, cell[1].i = lib.HERD_CELL_INT, i
            cell[2].type, cell[2].x = lib.HERD_CELL_REAL, x
            assert sink.row(sink.userdata, cell, 3) == lib.HERD_OK
        assert sink.row(sink.userdata, cell, 2) == lib.HERD_EINVAL
        cell[1].type = lib.HERD_CELL_REAL
        assert sink.row(sink.userdata, cell, 3) == lib.HERD_EINVAL
        assert sink.begin(sink.userdata, keep[0], names, types, 2) == lib.HERD_EINVAL
        assert sink.begin(sink.userdata, keep[1], names, types, 3) == lib.HERD_EINVAL
        assert sink.begin(sink.userdata, keep[0], names, types, 3) == lib.HERD_OK
        assert t.n_rows == 2 and ffi.string(t.name) == b"t"
        assert [t.columns[1].ints[k] for k in range(2)] == [-3, 2**40]
        assert list(t.columns[0].null[0:2]) == [0, 1]
        assert ffi.string(t.columns[0].text) == b"a" and t.columns[0].text_used == 2
    finally:
        lib.pyherd_table_release(t)
    assert t.n_rows == 0 and t.columns == ffi.NULL
