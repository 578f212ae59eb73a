"""Exceptions for the library's statuses, and for scenario files with their file, line, key."""

import re

from ._native import lib, text


class HerdError(RuntimeError):
    """A library call failed.

    status is the library's negative code, name its symbol (e.g. "HERD_ERANGE"), detail the
    library's own account of what was wrong ("" if it gave none)."""

    def __init__(self, status, detail=""):
        self.status = status
        self.name = text(lib.herd_status_name(status))
        self.detail = detail
        message = f"{self.name}: {text(lib.herd_strerror(status))}"
        super().__init__(f"{message}: {detail}" if detail else message)


_LOCATED = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<key>[^:\s][^:]*): (?P<what>.*)$", re.S)
_FILE_ONLY = re.compile(r"^(?P<file>[^:]*): (?P<what>.*)$", re.S)


class ScenarioError(HerdError, ValueError):
    """A scenario the library refused: file (or the name given for text in memory), line (0
    when the message names none), key ("" when none) and what is wrong, parsed from the
    library's "FILE:LINE: key: what is wrong"."""

    def __init__(self, status, detail, file=None, key=None):
        super().__init__(status, detail)
        m = _LOCATED.match(detail)
        if m:
            self.file, self.line, self.key = m["file"], int(m["line"]), m["key"]
            self.what = m["what"]
            return
        m = _FILE_ONLY.match(detail) if file is None else None
        self.file = m["file"] if m else (file or "")
        self.line = 0
        self.key = key or ""
        what = m["what"] if m else detail
        keyed = self.key and what.startswith(self.key + ": ")
        self.what = what[len(self.key) + 2:] if keyed else what


class InputError(HerdError, ValueError):
    """An argument the library refused (HERD_EINVAL, HERD_ERANGE, HERD_ENOTFOUND,
    HERD_EPARSE): a bad setting, key, range or design, detail naming it."""


def raise_for(status, detail=""):
    """Raises InputError for a status that refuses an input, HerdError for any other
    failure."""
    refused = (lib.HERD_EINVAL, lib.HERD_ERANGE, lib.HERD_ENOTFOUND, lib.HERD_EPARSE)
    raise (InputError if status in refused else HerdError)(status, detail)


def check(status, detail=""):
    """Raises HerdError for a negative status; returns the status otherwise."""
    if status < 0:
        raise HerdError(status, detail)
    return status
