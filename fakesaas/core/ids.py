"""Deterministic id sequences, so the same seed and the same calls always give the same ids."""

from __future__ import annotations

import threading


class IdSequence:
    """Hands out increasing integers from ``start``; thread-safe, resettable and resumable."""

    def __init__(self, start: int = 1) -> None:
        self._start = start
        self._next = start
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            value, self._next = self._next, self._next + 1
            return value

    def take(self, count: int) -> range:
        """The next ``count`` ids, handed out in one step (a batch's records)."""
        with self._lock:
            first = self._next
            self._next = first + count
            return range(first, first + count)

    @property
    def upcoming(self) -> int:
        """The id ``next`` will hand out."""
        return self._next

    def resume_at(self, upcoming: int) -> None:
        with self._lock:
            self._next = max(upcoming, self._start)

    def reset(self) -> None:
        with self._lock:
            self._next = self._start
