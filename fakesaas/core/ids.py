"""Deterministic id sequences, so the same seed and the same calls always give the same ids."""

from __future__ import annotations

import itertools
import threading


class IdSequence:
    """Hands out increasing integers from ``start``; thread-safe and resettable."""

    def __init__(self, start: int = 1) -> None:
        self._start = start
        self._lock = threading.Lock()
        self._counter = itertools.count(start)

    def next(self) -> int:
        with self._lock:
            return next(self._counter)

    def reset(self) -> None:
        with self._lock:
            self._counter = itertools.count(self._start)
