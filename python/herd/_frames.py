"""numpy and pandas over the library's structs and arrays."""

import contextlib
import pathlib
import sqlite3

import numpy as np
import pandas as pd

from ._native import ffi, lib, text
from .errors import HerdError

_KINDS = {"long": "i", "int": "i", "double": "f", "float": "f", "size_t": "u",
          "uint64_t": "u", "uint32_t": "u", "uint16_t": "u", "int64_t": "i"}


def scalar_dtype(ctype):
    """The numpy dtype of a C scalar type."""
    return np.dtype(f"{_KINDS[ctype.cname]}{ffi.sizeof(ctype)}")


def _outputs(count, row):
    return [row(i) for i in range(count())]


def record_dtype():
    """herd_record as numpy sees it: tick, then every output of the library's record table
    (herd_record_info) by its name, at its offset."""
    rows = _outputs(lib.herd_record_info_count, lib.herd_record_info)
    tick = ffi.typeof("herd_record").fields[0]
    assert tick[0] == "tick"
    return np.dtype({"names": ["tick"] + [text(r.name) for r in rows],
                     "formats": [scalar_dtype(tick[1].type)] + ["f8"] * len(rows),
                     "offsets": [tick[1].offset] + [r.offset for r in rows],
                     "itemsize": ffi.sizeof("herd_record")})


RECORD_DTYPE = record_dtype()
RECORD_FIELDS = tuple(RECORD_DTYPE.names)


def records_frame(ptr, n):
    """A DataFrame (copied) of n herd_record structs at ptr, one column per field."""
    if n == 0:
        return pd.DataFrame({f: pd.Series(dtype=RECORD_DTYPE[f]) for f in RECORD_FIELDS})
    raw = np.frombuffer(ffi.buffer(ptr, n * RECORD_DTYPE.itemsize), dtype=RECORD_DTYPE)
    return pd.DataFrame({f: raw[f].copy() for f in RECORD_FIELDS})


def team_frame(ptr, n, policies, size):
    """A DataFrame (copied) of n herd_record structs at ptr holding the teams' records tick
    after tick, len(policies) of them a tick: tick, team, policy (policies[team]), size, then
    every output of the record table."""
    teams = len(policies)
    raw = np.frombuffer(ffi.buffer(ptr, n * RECORD_DTYPE.itemsize), dtype=RECORD_DTYPE) \
        if n else np.empty(0, RECORD_DTYPE)
    ticks = n // teams if teams else 0
    columns = {"tick": raw["tick"].copy(),
               "team": np.tile(np.arange(teams, dtype=np.int64), ticks),
               "policy": np.tile(np.array(policies, dtype=object), ticks),
               "size": np.full(n, size, dtype=np.int64)}
    columns.update((f, raw[f].copy()) for f in RECORD_FIELDS[1:])
    return pd.DataFrame(columns)


def column_type(name):
    """The library's type of a column of herd's tables by its name (herd_io_column_type), one
    of lib.HERD_CELL_TEXT, _INT, _REAL; None for a name it does not type, whose column holds
    REAL numbers in herd's tables."""
    found = ffi.new("herd_cell_type *")
    if lib.herd_io_column_type(name.encode(), found) != lib.HERD_OK:
        return None
    return found[0]


# The cells read_csv takes as missing in a column of each type (None: one the library does
# not type): a NULL text is an empty cell, a NaN "NA" in the tables' files and "nan" in herd
# run's.
_MISSING = {lib.HERD_CELL_TEXT: [""], lib.HERD_CELL_INT: ["NA"],
            lib.HERD_CELL_REAL: ["NA", "nan", "-nan"], None: ["NA"]}
_NUMBERS = {lib.HERD_CELL_INT: "int64", lib.HERD_CELL_REAL: "float64", None: "float64"}


def read_csv(path, **options):
    """A CSV file the herd program writes (herd run's --out and --per-team, herd compare's
    and herd sweep's), read back exactly: numbers as written (round trip), and the seed's two
    columns, seed_hi and seed_lo (HERD_IO_SEED_COLUMNS), as one uint64 column, seed, where
    they stood. Each column is typed by its name, as the library types it
    (herd_io_column_type), never by the values it holds: text as str (an empty cell, NULL, as
    None), counts and indices as int64, every other number as float64 ("NA" and a NaN as
    NaN), so that the frame is the one the run, the comparison or the database gives. options
    go to pandas.read_csv."""
    types = {name: column_type(name)
             for name in pd.read_csv(path, **{**options, "nrows": 0}).columns}
    options = {"float_precision": "round_trip", "keep_default_na": False,
               "na_values": {name: _MISSING[t] for name, t in types.items()},
               "dtype": {name: str for name, t in types.items() if t == lib.HERD_CELL_TEXT},
               **options}
    frame = pd.read_csv(path, **options)
    for name, t in types.items():
        frame[name] = _typed(frame[name], t)
    return _join_seed(frame)


def _typed(column, cell_type):
    """A column read_csv read as of the library's cell_type: text with None where missing,
    numbers as their type's dtype. A column of text that the library's type calls numbers
    (sensitivity.csv's output, the name of one) stays text."""
    if cell_type == lib.HERD_CELL_TEXT:
        return column.astype(object).where(column.notna(), None)
    if column.empty or pd.api.types.is_integer_dtype(column):
        return column.astype(_NUMBERS[cell_type])
    return column


def read_sqlite(path, table="records"):
    """A table of the database herd run --sqlite writes (records, team_records, summary or
    run; herd/sqlite.h), or herd compare --sqlite (runs, summary, series, regime, scenarios),
    read with Python's sqlite3 module in the order it was written: REAL columns as float64 (SQLite's
    NULL, a NaN, as NaN), INTEGER as int64, and seed_hi and seed_lo joined into one uint64
    column, seed, as read_csv does. FileNotFoundError for a missing file, ValueError naming
    the tables there for a table that is not."""
    path = pathlib.Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such database")
    uri = path.absolute().as_uri() + "?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if table not in tables:
            raise ValueError(f"{path}: no table {table!r}; the tables are {', '.join(tables)}")
        kinds = {r[1]: r[2] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        frame = pd.read_sql_query(f'SELECT * FROM "{table}" ORDER BY rowid', conn)
    for name, kind in kinds.items():
        if kind == "REAL":
            frame[name] = frame[name].astype("float64")
    return _join_seed(frame)


def _join_seed(frame):
    """seed_hi and seed_lo (HERD_IO_SEED_COLUMNS) as one uint64 column, seed, where they
    stood."""
    hi, lo = text(lib.pyherd_seed_columns()).split(",")
    if hi in frame.columns and lo in frame.columns:
        at = frame.columns.get_loc(hi)
        hi, lo = frame.pop(hi).to_numpy("uint64"), frame.pop(lo).to_numpy("uint64")
        frame.insert(at, "seed", hi << np.uint64(32) | lo)
    return frame


def _column_values(column, n):
    """One pyherd_column's n cells as a numpy array: int64, float64, or objects (str, None
    for a NULL cell)."""
    if column.type == lib.HERD_CELL_INT:
        return np.frombuffer(ffi.buffer(column.ints, 8 * n), np.int64).copy() if n \
            else np.empty(0, np.int64)
    if column.type == lib.HERD_CELL_REAL:
        return np.frombuffer(ffi.buffer(column.reals, 8 * n), np.float64).copy() if n \
            else np.empty(0, np.float64)
    values = np.full(n, None, dtype=object)
    if n:
        null = np.frombuffer(ffi.buffer(column.null, n), np.uint8).astype(bool)
        texts = ffi.buffer(column.text, column.text_used)[:].split(b"\0")[:-1]
        values[~null] = [t.decode("utf-8", "replace") for t in texts]
    return values


def produce(what, write, *args):
    """The table a library producer gives a herd_table_sink (herd/io.h), as a DataFrame with
    the producer's columns, its integers as int64, its reals as float64 (a NaN as NaN), its
    text as str (NULL as None), and seed_hi and seed_lo joined into one uint64 column, seed,
    as read_csv and read_sqlite do. write(*args, sink) is the producer; a failure raises
    HerdError naming what."""
    table = ffi.new("pyherd_table *")
    lib.pyherd_table_init(table)
    try:
        status = write(*args, ffi.addressof(table, "sink"))
        if status != lib.HERD_OK:
            raise HerdError(status, what)
        columns = [table.columns[k] for k in range(table.n_columns)]
        frame = pd.DataFrame({text(c.name): _column_values(c, table.n_rows) for c in columns})
    finally:
        lib.pyherd_table_release(table)
    return _join_seed(frame)


def record_dict(ptr):
    row = np.frombuffer(ffi.buffer(ptr, RECORD_DTYPE.itemsize), dtype=RECORD_DTYPE)[0]
    return {f: row[f].item() for f in RECORD_FIELDS}


class _ArrayView:
    """Presents memory the library owns to numpy, read-only; holds its owner alive."""

    def __init__(self, owner, ptr, n, dtype):
        self.owner = owner
        self.__array_interface__ = {
            "data": (int(ffi.cast("uintptr_t", ptr)), True),
            "shape": (n,),
            "typestr": dtype.str,
            "version": 3,
        }


def view_array(owner, ptr, n):
    """A read-only numpy array of n elements at ptr, without copying; owner stays alive."""
    dtype = scalar_dtype(ffi.typeof(ptr).item)
    if n == 0 or ptr == ffi.NULL:
        return np.empty(0, dtype)
    return np.asarray(_ArrayView(owner, ptr, n, dtype))
