"""Progress of the library's experiments: a text bar on a terminal's stderr or in a notebook,
or any function of (done, total), fed by the settings' progress callback."""

import sys
import time

from ._native import ffi, lib

WIDTH = 40
INTERVAL = 0.1  # seconds between redraws


def _in_notebook():
    shell = sys.modules.get("IPython")
    shell = shell.get_ipython() if shell is not None and hasattr(shell, "get_ipython") else None
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class TextBar:
    """A bar redrawn in place on stream (a carriage return starts each redraw, which a terminal
    and a notebook's output area both honour), at most ten times a second."""

    def __init__(self, what, stream=None):
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.last = -INTERVAL
        self.width = 0

    def __call__(self, done, total):
        t = time.monotonic()
        if t - self.last < INTERVAL and done < total:
            return
        self.last = t
        share = done / total if total else 1.0
        filled = int(share * WIDTH)
        left = (t - self.start) * (1 - share) / share if share > 0 else float("nan")
        line = (f"{self.what} [{'#' * filled}{' ' * (WIDTH - filled)}] {done}/{total} runs, "
                f"{left:.0f}s left")
        self.width = max(self.width, len(line))
        self.stream.write("\r" + line.ljust(self.width))
        if done == total:
            self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()


def reporter(progress, what):
    """The function told of progress: progress itself if callable; for True a TextBar on
    stderr when it is a terminal or the code runs in a notebook; None otherwise."""
    if callable(progress):
        return progress
    if not progress:
        return None
    stream = sys.stderr
    if _in_notebook() or (hasattr(stream, "isatty") and stream.isatty()):
        return TextBar(what, stream)
    return None


class Watch:
    """What the library's progress callback reaches during one experiment: it tells report
    (if any), and cancels the runs not yet started once a Python policy has failed or report
    itself has raised (KeyboardInterrupt included); raise_error then raises that exception."""

    def __init__(self, report, policies):
        self.report = report
        self.policies = policies
        self.error = None
        self.calls = 0

    def update(self, done, total):
        self.calls += 1
        if self.error is not None or self.policies.failed:
            return 1
        try:
            if self.report is not None:
                self.report(done, total)
        except BaseException as exc:  # noqa: B036 - re-raised in the caller
            self.error = exc
            return 1
        return 0

    def attach(self, settings):
        """Points settings' progress callback at this object while handle lives."""
        self.handle = ffi.new_handle(self)
        settings.progress = ffi.addressof(lib, "pyherd_py_progress")
        settings.progress_cookie = self.handle

    def raise_error(self):
        if self.error is not None:
            error, self.error = self.error, None
            raise error


@ffi.def_extern()
def pyherd_py_progress(cookie, done, total):
    return ffi.from_handle(cookie).update(done, total)
