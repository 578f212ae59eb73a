"""The extension module and the few conversions every module of the package needs."""

from ._herd_cffi import ffi, lib

__all__ = ["ERR_SIZE", "err_buffer", "ffi", "lib", "struct_fields", "text"]

ERR_SIZE = 1024


def text(ptr):
    """A C string as str; "" for NULL."""
    return "" if ptr == ffi.NULL else ffi.string(ptr).decode("utf-8", "replace")


def err_buffer():
    return ffi.new("char[]", ERR_SIZE)


def struct_fields(ctype):
    """The field names of a C struct, in declaration order, as the header declares them."""
    return tuple(name for name, _ in ffi.typeof(ctype).fields)
