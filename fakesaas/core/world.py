"""The world: one clock, one write lock and the state of every emulated service in one process."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from fakesaas.core.clock import SteerableClock, VirtualClock
from fakesaas.core.faults import Faults
from fakesaas.core.journal import Journal
from fakesaas.core.service import Registry, Service
from fakesaas.core.webhooks import Dispatcher


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
        # Coarse on purpose: one lock for every write (and every read that iterates),
        # so no request ever sees half of another one's change.
        self.lock = threading.RLock()
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
            self._states[name] = state

    def reset(self) -> None:
        with self.lock:
            self._states.clear()
