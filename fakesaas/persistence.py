"""Saved worlds: the whole emulated state written to a JSON file and read back on the next start.

A state file is ``{"fakesaas_state": 2, "fakesaas": version, "saved_at": ..., "clock": {...},
"services": {"supersaas": <its Service.dump>, ...}}``; a service absent from it starts empty.
Format 1 (one release earlier) had each service's section at the top level; it still loads.
Writes are atomic (a temporary file in the same directory, fsync, rename), so a stop or a crash
mid-save leaves the previous file whole. A save holds the world lock only while it takes its
moment (``save_world``). A file that cannot be read back is an error naming the
file and what is wrong; it is never treated as an empty world.

Only the services' data and the clock are saved: fault rules, rate limits and the request journal
are test set-up, not state, and start empty.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fakesaas import forked
from fakesaas._version import __version__
from fakesaas.core.clock import SteerableClock, SystemClock
from fakesaas.core.service import SectionError
from fakesaas.core.world import World

MARKER = "fakesaas_state"
FORMAT = 2
READABLE = (1, 2)  # format 1: sections at the top level, before the "services" object
_DOCUMENT_KEYS = frozenset({MARKER, "fakesaas", "saved_at", "clock", "services", "journal_seq"})

StrPath = str | os.PathLike[str]


class PersistenceError(Exception):
    """A state file that cannot be read or written; the message names the file and the problem."""


def save_world(world: World, path: StrPath, background: bool = True) -> dict[str, Any]:
    """Write the world to ``path`` atomically and say what was saved.

    The file is one consistent moment: the world lock is held while that moment is taken, and only
    then. With ``background`` (where the platform forks: fakesaas/forked.py) the moment is a
    copy-on-write image of the process, taken in the time a fork takes, and a child process
    serialises and writes it while this one goes on serving; otherwise each service's state is
    dumped under the lock and encoded and written after it. One save at a time (``world.saving``),
    in the order they were asked for, so an older moment never overwrites a newer one.
    """
    target = Path(path)
    with world.saving:
        with world.lock:
            header: dict[str, Any] = {
                MARKER: FORMAT,
                "fakesaas": __version__,
                "saved_at": _iso(SystemClock().now()),
                "clock": _dump_clock(world.clock),
            }
            journaled = world.writes.seal() if world.writes is not None else None
            if journaled is not None:
                header["journal_seq"] = journaled  # the last journaled write this file holds
            states = {service.name: world.state(service.name) for service in world.services}
            if background and forked.available():
                child = forked.Child(lambda: _write_document(world, states, header, target))
            else:
                child = None
                sections = {service.name: service.dump(states[service.name]) for service in world.services}
                counts = _counts(world, states)
        if child is not None:
            try:
                counts = child.result()
            except forked.ChildFailed as error:
                raise PersistenceError(str(error)) from None
        else:
            _write_document(world, states, header, target, sections)
        if world.writes is not None and journaled is not None:
            world.writes.forget_through(journaled)
        return {"saved": os.path.abspath(target), "saved_at": header["saved_at"], **counts}


def _write_document(
    world: World,
    states: dict[str, Any],
    header: dict[str, Any],
    target: Path,
    sections: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Encode and write the state file: the header's keys and then each service's section on a line
    of its own, each section dumped (unless given) and encoded in turn, so no more than one is in
    memory as text. Answers the counts of what was written."""

    def lines() -> Iterator[bytes]:
        yield b"{" + _encode(header)[1:-1] + b',\n"services":{\n'
        for number, service in enumerate(world.services):
            section = sections[service.name] if sections is not None else service.dump(states[service.name])
            yield (b",\n" if number else b"") + _encode(service.name) + b":" + _encode(section)
        yield b"\n}}\n"

    try:
        _write_atomically(target, lines())
    except OSError as error:
        raise PersistenceError(f"cannot write state file {target}: {_reason(error)}") from None
    return _counts(world, states)


def _encode(value: Any) -> bytes:
    # Compact separators: json's C encoder (an indent would make it fall back to pure Python, ~10x slower).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_world(world: World, path: StrPath) -> dict[str, Any]:
    """Replace the world's state (and clock setting) with the one saved in ``path``.

    Everything is read and checked before anything is replaced: a bad file changes nothing.
    """
    source = Path(path)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise PersistenceError(f"state file {source} does not exist") from None
    except OSError as error:
        raise PersistenceError(f"cannot read state file {source}: {_reason(error)}") from None
    document = _parse(raw, source)
    sections = _sections(document, world, source)
    journaled = document.get("journal_seq", 0)
    if isinstance(journaled, bool) or not isinstance(journaled, int) or journaled < 0:
        raise PersistenceError(f"state file {source} is damaged: journal_seq must be a whole number")
    apply_clock = _load_clock(document.get("clock"), source)
    states = {}
    for service in world.services:
        if service.name not in sections:
            states[service.name] = service.new_state(world)
            continue
        try:
            states[service.name] = service.load(world, sections[service.name])
        except SectionError as error:
            raise PersistenceError(f"state file {source} cannot be loaded: {service.name}: {error}") from None
    with world.lock:
        for name, state in states.items():
            world.install(name, state)
        apply_clock(world.clock)
    return {
        "loaded": os.path.abspath(source),
        "saved_at": document.get("saved_at"),
        "journal_seq": journaled,
        **_counts(world, states),
    }


def restore_world(world: World, path: StrPath) -> dict[str, Any] | None:
    """At start: load ``path`` if it exists (what ``load_world`` returns); None if it does not yet,
    after checking that a first save will be able to create it there."""
    target = Path(path)
    if target.exists() or target.is_symlink():
        return load_world(world, target)
    directory = target.parent
    if not directory.is_dir():
        raise PersistenceError(f"cannot keep state in {target}: directory {directory} does not exist")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise PersistenceError(f"cannot keep state in {target}: directory {directory} is not writable")
    return None


class PeriodicSaver:
    """Saves a world every ``every`` seconds from a background thread until ``stop``."""

    def __init__(
        self,
        world: World,
        path: StrPath,
        every: float,
        on_error: Callable[[PersistenceError], None] | None = None,
    ) -> None:
        if every <= 0:
            raise ValueError("the save interval must be a positive number of seconds")
        self.world, self.path, self.every = world, path, every
        self._on_error = on_error
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fakesaas-saver", daemon=True)

    def start(self) -> PeriodicSaver:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop saving; returns once a save under way has finished."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                save_world(self.world, self.path)
            except PersistenceError as error:
                if self._on_error is not None:
                    self._on_error(error)


def _parse(raw: bytes, source: Path) -> dict[str, Any]:
    if not raw.strip():
        raise PersistenceError(
            f"state file {source} is empty; it holds no saved world (move it away to start from the seed)"
        )
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PersistenceError(f"state file {source} is not valid JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise PersistenceError(
            f"state file {source} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except RecursionError:
        raise PersistenceError(f"state file {source} is damaged: nested too deeply") from None
    if not isinstance(document, dict) or MARKER not in document:
        raise PersistenceError(
            f'state file {source} is not a fakesaas state file (no "{MARKER}" marker;'
            " a seed document goes to --seed)"
        )
    if document[MARKER] not in READABLE:
        raise PersistenceError(
            f"state file {source} has state format {document[MARKER]!r};"
            f" this fakesaas reads formats {', '.join(map(str, READABLE))}"
        )
    return document


def _sections(document: dict[str, Any], world: World, source: Path) -> dict[str, Any]:
    """Each service's saved section; an unknown key or section is refused, naming it."""
    names = world.services.names
    if document[MARKER] == 1:
        sections = {key: value for key, value in document.items() if key in names}
        unknown = sorted(set(document) - _DOCUMENT_KEYS - set(names))
    else:
        found = document.get("services")
        if not isinstance(found, dict):
            raise PersistenceError(f'state file {source} is damaged: no "services" object')
        sections = found
        unknown = sorted(set(document) - _DOCUMENT_KEYS) or sorted(set(sections) - set(names))
    if unknown:
        raise PersistenceError(
            f"state file {source} is damaged: unknown key {unknown[0]!r}"
            f" (services: {', '.join(names)}; other keys: {', '.join(sorted(_DOCUMENT_KEYS))})"
        )
    for name, section in sections.items():
        if not isinstance(section, dict):
            raise PersistenceError(f'state file {source} is damaged: the "{name}" section is not an object')
    return sections


def _dump_clock(clock: SteerableClock) -> dict[str, Any]:
    now = clock.now()
    offset = round((now - SystemClock().now()).total_seconds())
    return {"now": _iso(now), "frozen": clock.frozen, "offset_seconds": offset}


def _load_clock(data: Any, source: Path) -> Callable[[SteerableClock], None]:
    """What to do to a clock to put it back as saved; checked now, applied once all else loaded."""
    if data is None:
        return lambda clock: None
    moment: datetime | None = None
    offset = timedelta(0)
    try:
        frozen = data["frozen"]
        if not isinstance(frozen, bool):
            raise TypeError("frozen must be true or false")
        if frozen:
            moment = datetime.fromisoformat(str(data["now"]).replace("Z", "+00:00"))
        else:
            offset = timedelta(seconds=float(data["offset_seconds"]))
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        what = f"missing {error}" if isinstance(error, KeyError) else str(error)
        raise PersistenceError(f"state file {source} is damaged: bad clock ({what})") from None

    def apply(clock: SteerableClock) -> None:
        if moment is not None:
            clock.freeze()
            clock.set(moment)
            return
        clock.reset()
        clock.resume()
        if offset:
            clock.set(SystemClock().now() + offset)

    return apply


def _counts(world: World, states: dict[str, Any]) -> dict[str, Any]:
    """What was saved or loaded: each service's counts under ``services``, and their sums where
    the names meet (``bookings`` of every service) at the top level."""
    per_service = {
        service.name: dict(service.summary(states[service.name]).counts) for service in world.services
    }
    totals: dict[str, Any] = {}
    for counts in per_service.values():
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
    return {**totals, "services": per_service}


def _write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    # Through a symlink to the file it names, so the link stays a link.
    target = Path(os.path.realpath(path))
    fd, temporary = _create_beside(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in [data] if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))  # keep the old file's mode
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(target.parent)


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new temporary file next to ``target``, with the mode a new file gets (umask applies)."""
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
