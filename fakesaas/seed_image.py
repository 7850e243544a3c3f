"""The world as a seed file left it, kept as a pickled image, so that a reset puts it back in the
time unpickling takes instead of replaying every record of the file through the API's rules.

A seed of a million bookings takes minutes to replay (each booking is checked against its
schedule, its resource and every booking beside it) and seconds to unpickle. The image is taken
right after a seed file is loaded, at start or by a reset that had to replay it: on Linux a forked
child pickles a copy-on-write image of the states while this process goes on serving
(fakesaas/forked.py), elsewhere it is pickled in process. Until the image is ready, and whenever
the seed file changed on disk since it was read, a reset replays the file as before.

The image is a file, unlinked as soon as it is written and read through the descriptor kept open:
it takes no memory, and no copy outlives the process however it ends. The built-in demo is
dated from the clock's now, so it is replayed on every reset (it is small).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from fakesaas import forked
from fakesaas.core.service import Service
from fakesaas.core.world import World

_LOCKS = (type(threading.Lock()), type(threading.RLock()))
BUILT_IN = ("demo", "none")


@dataclass(slots=True)
class SeedImage:
    """An image of every service's state as ``seed`` left it; usable once ``ready`` is set."""

    seed: str
    stamp: tuple[int, int]  # the seed file's (mtime_ns, size) when it was read
    services: tuple[str, ...]
    loaded: dict[str, list[str]]  # the tenants the seed loaded, per service: what a reset answers
    ready: threading.Event = field(default_factory=threading.Event)
    descriptor: int | None = None  # the unlinked image file, open for reading
    error: str | None = None

    def matches(self, seed: str, services: tuple[str, ...]) -> bool:
        """Whether a reset to ``seed`` may restore this image instead of replaying the file."""
        return (
            self.ready.is_set()
            and self.descriptor is not None
            and seed == self.seed
            and services == self.services
            and _stamp(seed) == self.stamp
        )

    def close(self) -> None:
        if self.descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self.descriptor)
            self.descriptor = None


def keep(world: World, seed: str, loaded: dict[str, list[str]]) -> SeedImage | None:
    """Start taking the image of ``world`` as the seed file ``seed`` just left it (call under
    ``world.lock``, right after the seed was loaded); answers it, or None for a built-in seed. The
    world's previous image, if any, is dropped, unless it is of the same file as it stands: a replay
    gives what the image holds, so an image still being written is kept, not started again (resets
    that come faster than an image is written would otherwise never get one)."""
    stamp = _stamp(seed) if seed not in BUILT_IN else None
    current = world.seed_image
    if (
        isinstance(current, SeedImage)
        and current.error is None
        and (current.seed, current.stamp, current.services) == (seed, stamp, tuple(world.services.names))
    ):
        return current
    drop(world)
    if stamp is None:
        return None
    handle, name = tempfile.mkstemp(prefix="fakesaas-seed-", suffix=".image")
    image = SeedImage(seed, stamp, tuple(world.services.names), loaded)
    states = {service.name: world.state(service.name) for service in world.services}
    world.seed_image = image
    if forked.available():
        os.close(handle)
        child = forked.Child(lambda: _write(world, states, name))
        threading.Thread(target=_finish, args=(image, child, name), daemon=True).start()
    else:
        with os.fdopen(handle, "wb") as out:
            _pickle(world, states, out)
        _opened(image, name)
    return image


def drop(world: World) -> None:
    image = world.seed_image
    world.seed_image = None
    if isinstance(image, SeedImage):
        image.close()


def restore(world: World, seed: str) -> bool:
    """Put every service's state back as the image holds it (call under ``world.lock``); False,
    and nothing changed, when there is no image of ``seed`` ready or it cannot be read."""
    image = world.seed_image
    if not isinstance(image, SeedImage) or not image.matches(seed, tuple(world.services.names)):
        return False
    assert image.descriptor is not None
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes millions of objects and no garbage: collections only slow it down
    try:
        os.lseek(image.descriptor, 0, os.SEEK_SET)  # a duplicate shares the offset the last read left
        with open(os.dup(image.descriptor), "rb", buffering=1 << 20) as source:
            unpickler = _Unpickler(source, world)
            states = {name: unpickler.load() for name in image.services}
    except Exception as error:  # an image that cannot be read is replayed instead, and dropped
        image.error = f"{type(error).__name__}: {error}"
        drop(world)
        return False
    finally:
        if collecting:
            gc.enable()
    for name, state in states.items():
        world.install(name, state)
    return True


def _write(world: World, states: dict[str, Any], name: str) -> int:
    """In the forked child: pickle the states into the image file; answers its size."""
    with open(name, "wb", buffering=1 << 20) as out:
        _pickle(world, states, out)
        return out.tell()


def _finish(image: SeedImage, child: forked.Child, name: str) -> None:
    try:
        child.result()
    except forked.ChildFailed as error:
        image.error = str(error)
        with contextlib.suppress(OSError):
            os.unlink(name)
        return
    _opened(image, name)


def _opened(image: SeedImage, name: str) -> None:
    try:
        image.descriptor = os.open(name, os.O_RDONLY)
    except OSError as error:
        image.error = str(error)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
    if image.descriptor is not None:
        image.ready.set()


def _stamp(seed: str) -> tuple[int, int] | None:
    try:
        status = Path(seed).stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _pickle(world: World, states: dict[str, Any], out: IO[bytes]) -> None:
    pickler = _Pickler(out, world)
    for state in states.values():
        pickler.dump(state)


class _Pickler(pickle.Pickler):
    """Pickles a service's records; what belongs to the process rather than to the data (the world,
    its clock, the services, locks, thread-local caches) goes as a name and comes back as the
    running process's own."""

    def __init__(self, out: IO[bytes], world: World) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self._world = world

    def persistent_id(self, obj: Any) -> Any:
        if obj is self._world:
            return "world"
        if obj is self._world.clock:
            return "clock"
        if obj is self._world.entropy:
            return "entropy"
        if isinstance(obj, Service):
            return ("service", obj.name)
        if isinstance(obj, _LOCKS):
            return "rlock" if isinstance(obj, _LOCKS[1]) else "lock"
        if type(obj) is threading.local:
            return "local"
        return None

    def reducer_override(self, obj: Any) -> Any:
        # A frozen dataclass with slots pickles through dataclasses' own __setstate__, which looks
        # its fields up again for every object: a third of a restore's time. Rebuild those from a
        # tuple of values and the field names found once per class instead.
        kind: Any = type(obj)
        if _DATACLASS_SETSTATE is not None and getattr(kind, "__setstate__", None) is _DATACLASS_SETSTATE:
            names = _field_names(kind)
            return _frozen, (kind, tuple(object.__getattribute__(obj, name) for name in names))
        return NotImplemented


_DATACLASS_SETSTATE = getattr(dataclasses, "_dataclass_setstate", None)


@functools.cache
def _field_names(kind: Any) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(kind))


def _frozen(kind: Any, values: tuple[Any, ...]) -> Any:
    """A frozen dataclass instance with ``values`` for its fields, made without its __init__ (as
    unpickling does), so its checks and defaults do not run again."""
    made: Any = object.__new__(kind)
    for name, value in zip(_field_names(kind), values, strict=True):
        object.__setattr__(made, name, value)
    return made


class _Unpickler(pickle.Unpickler):
    def __init__(self, source: IO[bytes], world: World) -> None:
        super().__init__(source)
        self._world = world

    def persistent_load(self, pid: Any) -> Any:
        if pid == "world":
            return self._world
        if pid == "clock":
            return self._world.clock
        if pid == "entropy":
            return self._world.entropy
        if pid == "lock":
            return threading.Lock()
        if pid == "rlock":
            return threading.RLock()
        if pid == "local":
            return threading.local()
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "service":
            found = self._world.services.named(pid[1])
            if found is not None:
                return found
        raise pickle.UnpicklingError(f"unknown reference in a seed image: {pid!r}")
