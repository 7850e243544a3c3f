"""The world: one clock, one write lock and the state of every emulated service in one process."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any, Protocol

from fakesaas.core.clock import SteerableClock, VirtualClock
from fakesaas.core.collector import FREEZING
from fakesaas.core.entropy import Entropy
from fakesaas.core.faults import Faults
from fakesaas.core.journal import Journal
from fakesaas.core.service import Registry, Service
from fakesaas.core.webhooks import Dispatcher


class SealableJournal(Protocol):
    """What a save needs of the durable write journal (fakesaas/durable.py)."""

    def seal(self) -> int:
        """Under the world lock, with the state about to be saved: the last write it holds."""
        ...

    def forget_through(self, seq: int) -> None:
        """Once a state file holding every write up to ``seq`` is safely in place."""
        ...


class World:
    """Everything an app instance emulates. Two apps never share a world.

    The app factory mounts the services it serves (``mount``); each then keeps one state object
    here, made by its ``Service.new_state`` on first use. ``reset`` drops them all, so the next use
    starts from nothing.
    """

    def __init__(self, clock: SteerableClock | None = None) -> None:
        self.clock: SteerableClock = clock or VirtualClock()
        self.journal = Journal()
        self.faults = Faults()
        self.webhooks = Dispatcher(self.clock)
        self.entropy = Entropy()  # tokens the services draw: recorded by the durable write journal
        # The durable write journal (fakesaas/durable.py) when --durable is on: a save seals it.
        self.writes: SealableJournal | None = None
        # Coarse on purpose: one lock for every write (and every read that iterates),
        # so no request ever sees half of another one's change.
        self.lock = threading.RLock()
        self.saving = threading.Lock()  # one save at a time (fakesaas/persistence.py)
        self.seed_image: Any = None  # a seed file's result kept for resets: fakesaas/seed_image.py
        self.services = Registry(())
        self._states: dict[str, Any] = {}

    def mount(self, services: Iterable[Service]) -> None:
        """Serve these services (the app factory's choice); states of others are dropped."""
        with self.lock:
            self.services = Registry(services)
            self._states = {
                name: state for name, state in self._states.items() if name in self.services.names
            }

    def state(self, name: str) -> Any:
        """The state of the mounted service ``name``, made empty on first use."""
        state = self._states.get(name)  # no lock on the hot path: a dict read is atomic
        if state is not None:
            return state
        with self.lock:
            state = self._states.get(name)
            if state is None:
                service = self.services.named(name)
                if service is None:
                    raise KeyError(f"no service named {name!r} is mounted (mounted: {self.services.names})")
                state = self._states[name] = service.new_state(self)
            return state

    def install(self, name: str, state: Any) -> None:
        """Put a service's state in place of whatever it had (a saved world coming back)."""
        with self.lock:
            # A state about to be replaced may hold cycles: frozen, they would never be freed.
            FREEZING.release()
            self._states[name] = state

    def reset(self) -> None:
        with self.lock:
            # A state about to be replaced may hold cycles: frozen, they would never be freed.
            FREEZING.release()
            self._states.clear()
