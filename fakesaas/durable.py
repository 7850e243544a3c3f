"""``--durable``: every write the emulator acknowledges is on disk before its answer goes out, in an
append-only journal next to the state file, and a restart plays back what the state file lacks.

Without it, a write lives in memory until the next save (on stop, ``--save-every``, or
``POST /_fakesaas/save``): a SIGKILL or a crash loses what came after the last save.

What is journaled is the request, not its effect: each POST, PUT, PATCH or DELETE that a service
(or the control plane's reset, seed and clock) answered below 400, with what it could not tell
again by itself: the virtual clock's setting and real time when it ran, and the tokens it drew
from the world's ``Entropy``. That keeps the journal service-neutral (no service knows it exists,
beyond drawing its tokens from the world) and lets the same code that made a write make it again.
A write is journaled under the world lock, so the journal's order is the order the world saw;
the answer waits for the journal's fdatasync, which writes answered together share (on granian, the
wait happens outside the lock that runs one request at a time: ``DEFERRED``).

Files: ``STATE.journal-NNNNNNNNNNNN``, one JSON line per write, the name giving its first write's
number. A save seals the current file under the world lock and writes the last number it holds into
the state file (``journal_seq``); once the state file is in place, the files it covers are deleted.
At start the state file is loaded (or the seed), then every journaled write after its
``journal_seq`` is played again through the app, with webhooks muted; new writes go to a new file.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fakesaas.core.clock import ClockSetting, VirtualClock
from fakesaas.core.world import World
from fakesaas.core.wsgi import ANSWERED_BY_FAULT, BODY_TIMED_OUT, DEFERRED, REPLAYED

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Control-plane requests that change the world (the rest change test set-up: faults, the request log).
CONTROL_WRITES = frozenset({"/reset", "/seed", "/clock", "/clock/advance", "/clock/freeze", "/clock/resume"})
_SEGMENT = re.compile(r"\.journal-(\d{12})\Z")
# The parts of a WSGI environ a request is made of (plus every HTTP_ header).
_ENVIRON_KEYS = (
    "REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH",
    "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "REMOTE_ADDR", "wsgi.url_scheme",
)  # fmt: skip


class JournalError(Exception):
    """A write journal that cannot be read back or written; the message names the file."""


@dataclass(frozen=True, slots=True)
class Segment:
    path: Path
    first: int  # the number of its first write
    last: int  # the number of its last write (first - 1 when it holds none)


class WriteJournal:
    """The journal files of one state file: read back at start, appended to while serving."""

    def __init__(self, state: str | os.PathLike[str]) -> None:
        self.state = Path(state)
        self._segments: list[Segment] = []  # sealed: nothing is appended to them any more
        self._fd: int | None = None
        self._current: Path | None = None
        self._first = 0
        self._seq = 0  # the last write appended
        self._synced = 0  # the last write known to be on disk
        self._sync_lock = threading.Lock()

    # --- at start ---------------------------------------------------------------------------
    def files(self) -> list[Path]:
        """The journal files there are for this state file, oldest first."""
        directory = self.state.parent
        if not directory.is_dir():
            return []
        prefix = self.state.name + ".journal-"
        found = [
            path
            for path in directory.iterdir()
            if path.name.startswith(prefix) and _SEGMENT.search(path.name)
        ]
        return sorted(found, key=lambda path: path.name)

    def pending(self, after: int) -> list[dict[str, Any]]:
        """The journaled writes after write ``after`` (the state file's ``journal_seq``), in order.
        The journal continues from the last number found. JournalError when a file is damaged or
        a write is missing between ``after`` and the first one found."""
        entries: list[dict[str, Any]] = []
        last = after
        for path in self.files():
            first = int(_SEGMENT.search(path.name).group(1))  # type: ignore[union-attr]
            numbers: list[int] = []
            for entry in _read_segment(path):
                seq = entry["seq"]
                if (numbers and seq != numbers[-1] + 1) or seq < first:
                    raise JournalError(f"write journal {path} is damaged: write {seq} out of order")
                numbers.append(seq)
                if seq > after:
                    if seq != last + 1:
                        raise JournalError(
                            f"write journal {path} starts at write {seq}, but the state file holds"
                            f" writes up to {after} only: writes {last + 1} to {seq - 1} are missing"
                        )
                    entries.append(entry)
                    last = seq
            self._segments.append(Segment(path, first, numbers[-1] if numbers else first - 1))
        self._seq = self._synced = max([after, *(segment.last for segment in self._segments)])
        return entries

    # --- while serving ----------------------------------------------------------------------
    def append(self, entry: dict[str, Any]) -> int:
        """Write one entry (numbered here); call under the world lock. Not yet on disk: ``sync``."""
        seq = self._seq + 1
        if self._fd is None:
            self._open(seq)
        assert self._fd is not None
        line = json.dumps({"seq": seq, **entry}, ensure_ascii=False, separators=(",", ":")) + "\n"
        data = line.encode("utf-8")
        written = 0
        while written < len(data):
            written += os.write(self._fd, data[written:])
        self._seq = seq
        return seq

    def sync(self, seq: int) -> None:
        """Return once write ``seq`` is on disk. One fdatasync covers every write appended before
        it, so writes answered at the same moment share one."""
        if self._synced >= seq:
            return
        with self._sync_lock:
            if self._synced >= seq or self._fd is None:
                return
            target = self._seq
            os.fdatasync(self._fd)
            self._synced = max(self._synced, target)

    def seal(self) -> int:
        """Under the world lock, as a save takes its snapshot: close the current file (on disk) and
        answer the last write number, which the state file will hold."""
        with self._sync_lock:
            if self._fd is not None and self._current is not None:
                os.fdatasync(self._fd)
                os.close(self._fd)
                self._segments.append(Segment(self._current, self._first, self._seq))
                self._fd, self._current = None, None
            self._synced = self._seq
            return self._seq

    def forget_through(self, seq: int) -> None:
        """Delete the files whose writes are all in a state file (up to ``seq``) now in place."""
        keep = []
        for segment in self._segments:
            if segment.last <= seq:
                with contextlib.suppress(FileNotFoundError):
                    segment.path.unlink()
            else:
                keep.append(segment)
        if len(keep) != len(self._segments):
            _sync_directory(self.state.parent)
        self._segments = keep

    def close(self) -> None:
        with self._sync_lock:
            if self._fd is not None:
                os.fdatasync(self._fd)
                os.close(self._fd)
                self._fd = None

    def _open(self, seq: int) -> None:
        path = self.state.parent / f"{self.state.name}.journal-{seq:012d}"
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError as error:
            raise JournalError(f"cannot write journal {path}: {error.strerror or error}") from None
        self._current, self._first = path, seq
        _sync_directory(self.state.parent)  # the new file's name must survive a crash too


class Journaled:
    """WSGI middleware: journals each write (see the module's docstring) before it is answered."""

    def __init__(self, app: WsgiApp, world: World, journal: WriteJournal, control_prefix: str) -> None:
        self.app = app
        self.world = world
        self.journal = journal
        self.control_prefix = control_prefix

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in WRITE_METHODS or not self._changes_the_world(environ):
            return self.app(environ, start_response)
        body = _read_body(environ)
        world = self.world
        with world.lock:  # the journal's order is the order the world sees the writes in
            recorded = _recorded(environ, body, world)
            with world.entropy.recording() as tokens:
                status_line, headers, answer = _collect(self.app, environ)
            status = int(status_line[:3])
            seq = 0
            if status < 400 and not environ.get(ANSWERED_BY_FAULT) and BODY_TIMED_OUT not in environ:
                recorded.update(status=status, tokens=tokens, clock_after=_clock_setting(world))
                seq = self.journal.append(recorded)
        if seq:
            deferred = environ.get(DEFERRED)
            if isinstance(deferred, list):  # the server waits for it outside its own lock
                deferred.append(lambda: self.journal.sync(seq))
            else:
                self.journal.sync(seq)
        start_response(status_line, headers)
        return [answer]

    def _changes_the_world(self, environ: dict[str, Any]) -> bool:
        path = environ.get("PATH_INFO", "")
        if path.startswith(self.control_prefix + "/"):
            return path[len(self.control_prefix) :].rstrip("/") in CONTROL_WRITES
        return self.world.services.owner(path) is not None


@dataclass(frozen=True, slots=True)
class Replayed:
    """What a restart played back: how many writes, and how many answered otherwise than before."""

    writes: int
    diverged: int


def replay(app: WsgiApp, world: World, entries: list[dict[str, Any]]) -> Replayed:
    """Make the journaled writes again, in order, each with the clock and tokens it had."""
    clock = world.clock
    diverged = 0
    last_setting: Any = None
    with world.webhooks.muted():
        for entry in entries:
            environ = _environ_of(entry)
            if isinstance(clock, VirtualClock) and entry.get("clock") is not None:
                clock.restore(ClockSetting.from_dict(entry["clock"]))
                pinned: Any = clock.real_time_at(datetime.fromisoformat(entry["system"]))
            else:
                clock.set(datetime.fromisoformat(entry["now"]))
                pinned = contextlib.nullcontext()
            with pinned, world.entropy.playing(entry.get("tokens", [])):
                try:
                    status = int(_collect(app, environ)[0][:3])
                except Exception:  # counted and reported; the rest still play
                    status = 500
            diverged += status != entry["status"]
            last_setting = entry.get("clock_after")
    if isinstance(clock, VirtualClock) and last_setting is not None:
        clock.restore(ClockSetting.from_dict(last_setting))  # where it stood after the last write
    world.journal.clear()  # the request log is of this run's requests only
    return Replayed(len(entries), diverged)


def _collect(app: WsgiApp, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """Call a WSGI app; its status line, headers and whole body."""
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started[:] = [status, headers]
        return lambda data: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return started[0], started[1], body


def _recorded(environ: dict[str, Any], body: bytes, world: World) -> dict[str, Any]:
    clock = world.clock
    entry: dict[str, Any] = {"now": clock.now().isoformat()}
    if isinstance(clock, VirtualClock):
        entry["system"] = clock.real_now().isoformat()
        entry["clock"] = clock.setting().as_dict()
    kept = {key: environ[key] for key in _ENVIRON_KEYS if isinstance(environ.get(key), str)}
    kept.update({key: value for key, value in environ.items() if key.startswith("HTTP_")})
    entry["environ"] = kept
    entry["body"] = base64.b64encode(body).decode("ascii")
    return entry


def _clock_setting(world: World) -> dict[str, Any] | None:
    clock = world.clock
    return clock.setting().as_dict() if isinstance(clock, VirtualClock) else None


def _environ_of(entry: dict[str, Any]) -> dict[str, Any]:
    body = base64.b64decode(entry["body"])
    environ: dict[str, Any] = {
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.input_terminated": True,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        **entry["environ"],
        "wsgi.input": io.BytesIO(body),
        REPLAYED: True,
    }
    if "CONTENT_LENGTH" in environ or body:
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
    return environ


def _read_body(environ: dict[str, Any]) -> bytes:
    """The whole body (the servers have it in memory already); put back for the app to read."""
    stream = environ.get("wsgi.input")
    declared = str(environ.get("CONTENT_LENGTH") or "")
    if stream is None:
        return b""
    if declared.isdigit():
        body = stream.read(int(declared))
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    return bytes(body)


def _read_segment(path: Path) -> Iterator[dict[str, Any]]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise JournalError(f"cannot read write journal {path}: {error.strerror or error}") from None
    lines = data.split(b"\n")
    # The text after the last newline is a write cut off by a crash: never acknowledged, skipped.
    for number, line in enumerate(lines[:-1], 1):
        try:
            entry = json.loads(line)
            if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int):
                raise ValueError("not a journaled write")
            missing = [key for key in ("environ", "body", "status") if key not in entry]
            if missing:
                raise KeyError(missing[0])
        except (ValueError, KeyError, RecursionError) as error:
            raise JournalError(f"write journal {path} is damaged at line {number}: {error}") from None
        yield entry


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
