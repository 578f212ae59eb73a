"""A database of the library's SQLite writer (herd/sqlite.h) in a file that appears only when
complete."""

import os

from ._native import err_buffer, ffi, lib, text
from .errors import HerdError, raise_for


def open_writer(path):
    """The library's durable writer into path (herd_io_atomic_open): herd.InputError for a
    path it refuses (a folder), herd.HerdError naming the path for one it cannot write (a
    missing folder)."""
    err = err_buffer()
    out = ffi.new("herd_io_atomic **")
    status = lib.herd_io_atomic_open(out, os.fsencode(path), err, len(err))
    if status != lib.HERD_OK:
        raise_for(status, text(err))
    return out[0]


def commit_writer(w):
    """Puts the file of the writer w in place (herd_io_atomic_commit), which frees w; on
    failure herd.HerdError naming the file, the destination left as it was."""
    err = err_buffer()
    status = lib.herd_io_atomic_commit(w, err, len(err))
    if status != lib.HERD_OK:
        raise HerdError(status, text(err))


class Database:
    """The library's SQLite writer into the temporary file of its durable writer at path:
    commit() puts the file in place, abort() removes it, so a failure leaves none. options:
    fields of herd_sqlite_options (tables, seed, scenario). A path that cannot be written
    raises herd.InputError (a folder, a device) or herd.HerdError, naming it."""

    def __init__(self, path, **options):
        self._w, self.ptr = open_writer(path), None
        err = err_buffer()
        opt = ffi.new("herd_sqlite_options *")
        lib.herd_sqlite_options_default(opt)
        for name, value in options.items():
            setattr(opt, name, value)
        db = ffi.new("herd_sqlite **")
        status = lib.herd_sqlite_open(db, self._w, opt, err, len(err))
        if status != lib.HERD_OK:
            self.abort()
            raise_for(status, text(err))
        self.ptr = db[0]

    def check(self, status):
        """Raises herd.HerdError with the database's message for a failed status."""
        if status != lib.HERD_OK:
            raise HerdError(status, text(lib.herd_sqlite_errmsg(self.ptr)))

    def table_sink(self):
        """A herd_table_sink into the database (herd_sqlite_table_sink)."""
        sink = ffi.new("herd_table_sink *")
        self.check(lib.herd_sqlite_table_sink(self.ptr, sink))
        return sink

    def abort(self):
        if self.ptr is not None:
            lib.herd_sqlite_free(self.ptr)
            self.ptr = None
        if self._w is not None:
            lib.herd_io_atomic_abort(self._w)
            self._w = None

    def commit(self):
        status = lib.herd_sqlite_finish(self.ptr)
        if status != lib.HERD_OK:
            detail = text(lib.herd_sqlite_errmsg(self.ptr))
            self.abort()
            raise HerdError(status, detail)
        lib.herd_sqlite_free(self.ptr)
        self.ptr = None
        w, self._w = self._w, None
        commit_writer(w)
