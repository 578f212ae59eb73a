"""numpy and pandas over the library's structs and arrays."""

import numpy as np
import pandas as pd

from ._native import ffi, struct_fields

_KINDS = {"long": "i", "int": "i", "double": "f", "float": "f", "size_t": "u",
          "uint64_t": "u", "uint32_t": "u", "uint16_t": "u", "int64_t": "i"}


def scalar_dtype(ctype):
    """The numpy dtype of a C scalar type."""
    return np.dtype(f"{_KINDS[ctype.cname]}{ffi.sizeof(ctype)}")


def struct_dtype(ctype):
    """A numpy structured dtype laid out exactly as the C struct."""
    fields = ffi.typeof(ctype).fields
    return np.dtype({"names": [n for n, _ in fields],
                     "formats": [scalar_dtype(f.type) for _, f in fields],
                     "offsets": [f.offset for _, f in fields],
                     "itemsize": ffi.sizeof(ctype)})


RECORD_DTYPE = struct_dtype("herd_record")
RECORD_FIELDS = struct_fields("herd_record")


def records_frame(ptr, n):
    """A DataFrame (copied) of n herd_record structs at ptr, one column per field."""
    if n == 0:
        return pd.DataFrame({f: pd.Series(dtype=RECORD_DTYPE[f]) for f in RECORD_FIELDS})
    raw = np.frombuffer(ffi.buffer(ptr, n * RECORD_DTYPE.itemsize), dtype=RECORD_DTYPE)
    return pd.DataFrame({f: raw[f].copy() for f in RECORD_FIELDS})


def record_dict(ptr):
    return {f: getattr(ptr, f) for f in RECORD_FIELDS}


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
