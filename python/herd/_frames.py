"""numpy and pandas over the library's structs and arrays."""

import numpy as np
import pandas as pd

from ._native import ffi, lib, text

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
