"""The change log: an append-only record of every mutation, in the order it happened."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class ChangeAction(Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class Subject(Enum):
    BOOKING = "booking"
    USER = "user"


@dataclass(frozen=True, slots=True)
class Change:
    """One mutation: what changed, when (UTC), and whether the caller asked for webhooks."""

    seq: int
    at: datetime
    action: ChangeAction
    subject: Subject
    subject_id: int
    schedule_id: int | None = None
    webhook: bool = False


class ChangeLog:
    """Changes in time order; appends only. Entries are kept sorted by time for range reads."""

    def __init__(self) -> None:
        self._entries: list[Change] = []
        self._times: list[datetime] = []

    def append(self, change: Change) -> None:
        if not self._times or change.at >= self._times[-1]:
            self._entries.append(change)  # the usual case: time moves forward
            self._times.append(change.at)
            return
        # The clock may be set backwards by a test; keep the log sorted by time anyway.
        index = bisect.bisect_right(self._times, change.at)
        self._entries.insert(index, change)
        self._times.insert(index, change.at)

    def since(self, moment: datetime) -> list[Change]:
        """Changes strictly after ``moment``."""
        return self._entries[bisect.bisect_right(self._times, moment) :]

    def __iter__(self) -> Iterator[Change]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
