"""The world: one clock, one write lock and the state of every emulated service in one process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from fakesaas.core.clock import SteerableClock, VirtualClock
from fakesaas.core.faults import Faults
from fakesaas.core.journal import Journal
from fakesaas.core.webhooks import Dispatcher

StateT = TypeVar("StateT")


class World:
    """Everything an app instance emulates. Two apps never share a world.

    Each service keeps its own state object here, created on first use by the factory the
    service passes in; ``reset`` drops them all so the next use starts from nothing.
    """

    def __init__(self, clock: SteerableClock | None = None) -> None:
        self.clock: SteerableClock = clock or VirtualClock()
        self.journal = Journal()
        self.faults = Faults()
        self.webhooks = Dispatcher(self.clock)
        # Coarse on purpose: one lock for every write (and every read that iterates),
        # so no request ever sees half of another one's change.
        self.lock = threading.RLock()
        self._services: dict[str, Any] = {}

    def service(self, name: str, factory: Callable[[World], StateT]) -> StateT:
        with self.lock:
            state = self._services.get(name)
            if state is None:
                state = factory(self)
                self._services[name] = state
            return state

    def install(self, name: str, state: Any) -> None:
        """Put a service's state in place of whatever it had (a saved world coming back)."""
        with self.lock:
            self._services[name] = state

    def reset(self) -> None:
        with self.lock:
            self._services.clear()
