"""Work on a copy-on-write image of this process: a forked child runs a function on the world as it
was at the fork and reports back, while the parent goes on serving (what a save's serialising needs).

Forking a process whose other threads hold locks is safe only for a child that touches none of
them: so the child closes every inherited descriptor but its pipe (no socket or listener outlives
a connection the parent closes), switches the garbage collector off (no finaliser of an object
shared with the parent runs), runs pure Python on the world's data, and leaves with ``os._exit``
(no atexit handler, no thread, no Rust destructor). The parent takes the fork under the world
lock, so the image holds no half-made write; the child's memory is the parent's pages, copied by
the kernel only where one of them writes.

Only on Linux; elsewhere ``available()`` is False and callers work in process.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any


class ChildFailed(Exception):
    """The child reported an error (its message), or died without a report."""


def available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Child:
    """A forked child running ``work``; ``result`` waits for what it returned (plain JSON data)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover -- runs in the child, which leaves by os._exit
            _run_child(work, read_end, write_end)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end

    def result(self) -> Any:
        """Wait for the child; its result, or ChildFailed with its error message."""
        chunks = []
        try:
            while chunk := os.read(self._read_end, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(self._read_end)
            _, status = os.waitpid(self._pid, 0)
        try:
            report = json.loads(b"".join(chunks) or b"null")
        except ValueError:
            report = None
        if isinstance(report, dict) and "result" in report and os.waitstatus_to_exitcode(status) == 0:
            return report["result"]
        if isinstance(report, dict) and "error" in report:
            raise ChildFailed(str(report["error"]))
        raise ChildFailed(f"the child process ended with status {os.waitstatus_to_exitcode(status)}")


def _run_child(work: Callable[[], Any], read_end: int, write_end: int) -> None:  # pragma: no cover
    code = 1
    try:
        gc.disable()
        os.close(read_end)
        _close_inherited(keep=write_end)
        report: dict[str, Any] = {"result": work()}
        code = 0
    except BaseException as error:  # every way out reports, then leaves by os._exit
        report = {"error": str(error) or type(error).__name__, "trace": traceback.format_exc(limit=5)}
    with contextlib.suppress(BaseException):
        data = json.dumps(report, default=str).encode()
        while data:
            data = data[os.write(write_end, data) :]
    os._exit(code)


def _close_inherited(keep: int) -> None:
    """Close every descriptor above stderr but ``keep``: sockets, listeners, the journal, pipes."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        os.closerange(3, keep)
        os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
        return
    for name in names:
        fd = int(name)
        if fd > 2 and fd != keep:
            with contextlib.suppress(OSError):
                os.close(fd)
