"""The cyclic garbage collector in a server that runs for long: what outlives a collection is kept out
of the collector's later walks (``gc.freeze``), for as long as nothing makes reference cycles.

A collection walks every object of the generations it collects. A server's long-lived objects are
its world: bookings, change records, journal entries, kept one per write or per request. Left to
the collector, each is walked again by every collection of an older generation, and those walks
stop every request under way for milliseconds (bench/README.md, "Request path, fifth pass": a
walk of the second generation took 5-9 ms under a stream of bookings, a full one 15-25 ms).

The requests fakesaas serves make no reference cycles (``tests/test_collector.py`` holds the
request kinds to that), so a collection finds nothing to free, and what it leaves alive is the
world or a request under way, whose objects are freed by their reference counts once it ends.
Freezing those after each collection costs nothing and spares every later walk.

Freezing is only safe while nothing makes cycles: a cycle frozen while still in use is never
freed. So a collection that frees anything (something makes cycles: an unknown path's 404, a page
of the dashboard) stops the freezing until a full collection has run, which leaves no garbage
behind; a state about to be replaced (a reset, a load) is handed back to the collector first
(``release``), as it may hold cycles.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

_FULL = 2  # the oldest generation: collecting it collects them all


class SurvivorFreezing:
    """Freezes what survives each collection that freed nothing (installed by ``fakesaas serve``)."""

    def __init__(self) -> None:
        self.installed = False
        # Set when something may be garbage that a freeze would keep forever; cleared by a full
        # collection, after which everything left is in use.
        self.waiting_for_full = False
        self.freezes = 0
        self._lock = threading.Lock()

    def install(self) -> None:
        """Freeze what exists now (start built it: modules, the seeded world), and survivors from
        here on."""
        with self._lock:
            if not self.installed:
                gc.callbacks.append(self._after_collection)
                self.installed = True
            self.waiting_for_full = False
        gc.freeze()

    def uninstall(self) -> None:
        with self._lock:
            if self.installed:
                gc.callbacks.remove(self._after_collection)
                self.installed = False

    def release(self) -> None:
        """Hand every frozen object back to the collector: a state about to be replaced may hold
        reference cycles that, frozen, would never be freed. Freezing resumes after the next full
        collection."""
        if gc.get_freeze_count():
            gc.unfreeze()
        self.waiting_for_full = True

    def _after_collection(self, phase: str, info: dict[str, Any]) -> None:
        if phase != "stop":
            return
        if info["generation"] >= _FULL:
            self.waiting_for_full = False
        elif info["collected"] or info["uncollectable"]:
            self.waiting_for_full = True
        if not self.waiting_for_full:
            gc.freeze()
            self.freezes += 1


FREEZING = SurvivorFreezing()  # the collector is the process's: one policy for it
